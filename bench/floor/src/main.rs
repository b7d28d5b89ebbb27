//! The floor of Shirube's stack: a Leptos client-side app with one signal and one button.
//! The benchmark builds it with the same release profile, Trunk and wasm-opt as Shirube.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let (count, set_count) = signal(0);
        view! {
            <main>
                <h1>"Floor"</h1>
                <button on:click=move |_| set_count.update(|n| *n += 1)>
                    "Clicked " {count} " times"
                </button>
            </main>
        }
    });
}
