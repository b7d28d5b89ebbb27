//! Shirube's web app: the screens of the question flow, its state in the URL, and mounting.
//!
//! The app renders what the engine returns and holds no routing logic of its own.

mod app;
mod embed;
mod frame;
mod i18n;
mod location;
mod screens;
mod takeaway;

pub use app::{rules, App};
pub use embed::Embedded;

use leptos::prelude::*;

/// Tells the app on this page that a new version is installed and waiting: it offers the user
/// a reload, and calls `accept` when they choose it. Called by the page's start script.
pub fn offer_update(accept: js_sys::Function) {
    app::offer_update(accept);
}

/// Mounts the app into the page's body: the standalone app, or the app in a host's iframe when
/// the page was opened as one. Called by the page's start script.
pub fn start() {
    console_error_panic_hook::set_once();
    match frame::host_origin() {
        Some(origin) => leptos::mount::mount_to_body(move || {
            view! { <app::Shirube host=app::Host::Frame { origin } lang=None state=None /> }
        }),
        None => leptos::mount::mount_to_body(App),
    }
}
