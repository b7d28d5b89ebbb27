//! The app shell: the widget's frame (header, notices, the current screen) around the flow,
//! connected to its host.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use shirube_engine::{kept_rules_notice, link_error, ui, Lang, Step};
use wasm_bindgen::JsCast;

use crate::flow::{rules, rules_kept, Flow};
use crate::host::{page, Host};
use crate::screens::{QuestionPage, ResultPage, StartPage, H};

/// A new version of the app, installed and waiting: the widget offers the user a reload. Only
/// the page's start script offers one (a widget in a host page's element is never offered one:
/// the host page has its own service worker, if any).
#[derive(Clone)]
pub struct NewVersion {
    waiting: RwSignal<bool>,
    /// Activates the new version; the page then reloads.
    activate: Rc<RefCell<Option<js_sys::Function>>>,
}

impl Default for NewVersion {
    fn default() -> NewVersion {
        NewVersion {
            waiting: RwSignal::new(false),
            activate: Rc::default(),
        }
    }
}

impl NewVersion {
    /// Offers the new version that `activate` activates.
    pub fn offer(&self, activate: js_sys::Function) {
        *self.activate.borrow_mut() = Some(activate);
        // The widget may be gone (unmounted); then there is nothing to show.
        let _ = self.waiting.try_set(true);
    }

    fn accept(&self) {
        if let Some(activate) = self.activate.borrow().as_ref() {
            let _ = activate.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// The whole widget, on its own page, without update offers (the component tests mount it).
#[component]
pub fn App() -> impl IntoView {
    view! { <Shirube host=Host::Page lang=None state=None /> }
}

/// The widget in a host: `lang` overrides the page's and browser's language; `state` is a link
/// fragment to start from (answers, screen, language); `control` receives the widget's state,
/// so the host can change it later; `new_version` is where the page's start script offers a
/// new version.
#[component]
pub fn Shirube(
    host: Host,
    lang: Option<Lang>,
    state: Option<String>,
    #[prop(optional)] control: Option<Rc<Cell<Option<Flow>>>>,
    #[prop(optional)] new_version: NewVersion,
) -> impl IntoView {
    let lang = lang.unwrap_or_else(page::preferred_lang);
    match rules() {
        Some(rules) => {
            let flow = Flow::new(rules, lang);
            if let Some(control) = control {
                control.set(Some(flow));
            }
            view! { <Widget flow host state new_version /> }.into_any()
        }
        None => {
            leptos::logging::error!("Shirube: no rules file could be read");
            view! {
                <div class="shirube" role="alert">
                    <p class="shirube-error">{ui(lang).rules_broken}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// Printing shows what is folded: every closed `<details>` of the widget opens for the print
/// and closes again after it (for browsers whose print style cannot unfold them).
fn print_unfolded(root: NodeRef<leptos::html::Div>) {
    const MARK: &str = "data-shirube-printing";
    let each = move |selector: &str, f: &dyn Fn(&web_sys::Element)| {
        let Some(root) = root.get_untracked() else {
            return;
        };
        let Ok(list) = root.query_selector_all(selector) else {
            return;
        };
        for i in 0..list.length() {
            if let Some(element) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                f(&element);
            }
        }
    };
    let before = gloo_events::EventListener::new(&window(), "beforeprint", move |_| {
        each("details:not([open])", &|d| {
            let _ = d.set_attribute(MARK, "");
            let _ = d.set_attribute("open", "");
        });
    });
    let after = gloo_events::EventListener::new(&window(), "afterprint", move |_| {
        each("details[data-shirube-printing]", &|d| {
            let _ = d.remove_attribute(MARK);
            let _ = d.remove_attribute("open");
        });
    });
    StoredValue::new_local((before, after));
}

#[component]
fn Widget(flow: Flow, host: Host, state: Option<String>, new_version: NewVersion) -> impl IntoView {
    provide_context(flow);
    provide_context(host.headings());
    let screen = Memo::new(move |_| flow.screen());
    host.connect(flow, screen, state);
    provide_context(host);
    let root = NodeRef::<leptos::html::Div>::new();
    print_unfolded(root);
    view! {
        <div class="shirube" lang=move || flow.lang.get().code() node_ref=root>
            <Header />
            <main class="shirube-main" id="shirube-main">
                <UpdateOffer new_version />
                <RulesKept />
                <LinkProblem />
                // Rendered again whenever the screen changes. From one question to the next,
                // Leptos patches the same elements in place, so nothing a question shows may be
                // left to the DOM: each input's checked state is bound to the answers
                // (`prop:checked` in QuestionPage). A keyed <For> would build fresh elements
                // instead, for about 5 KB more of compressed wasm.
                {move || {
                    let step = screen.get();
                    flow.new_screen();
                    match step {
                    Step::Start => view! { <StartPage /> }.into_any(),
                    Step::Question(q) => view! { <QuestionPage q /> }.into_any(),
                    Step::Result => view! { <ResultPage /> }.into_any(),
                    }
                }}
            </main>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = move || ui(flow.lang.get());
    let switch = move |_| flow.lang.update(|l| *l = l.other());
    view! {
        // The bar with the name and the language switch stays in view on long pages
        // (style/main.css); the tagline scrolls away under it.
        <header class="shirube-header">
            <p class="shirube-brand">
                <span class="shirube-name">{move || t().app_name}</span>
            </p>
            <button
                type="button"
                class="shirube-lang"
                on:click=switch
                lang=move || flow.lang.get().other().code()
                aria-label=move || t().switch_lang_label
            >
                {move || t().switch_to}
            </button>
        </header>
        <p class="shirube-tagline">{move || t().tagline}</p>
    }
}

/// "A new version is available — Reload", when the page's service worker has one waiting.
#[component]
fn UpdateOffer(new_version: NewVersion) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let shown = new_version.waiting;
    let new_version = StoredValue::new_local(new_version);
    let accept = move |_| new_version.with_value(NewVersion::accept);
    view! {
        <div class="shirube-update" class:shirube-shown=move || shown.get() role="status">
            {move || shown.get().then(|| view! {
                <p>{move || ui(flow.lang.get()).update_available}</p>
                <button type="button" class="shirube-button" on:click=accept>
                    {move || ui(flow.lang.get()).update_reload}
                </button>
            })}
        </div>
    }
}

/// Says that the published rules file was refused and the widget shows the last rules this
/// browser could read.
#[component]
fn RulesKept() -> impl IntoView {
    let flow = expect_context::<Flow>();
    rules_kept().then(|| {
        view! {
            <p class="shirube-notice shirube-rules-kept" role="status">
                {move || kept_rules_notice(flow.lang.get(), flow.rules.meta.reviewed)}
            </p>
        }
    })
}

#[component]
fn LinkProblem() -> impl IntoView {
    /// The most left-out parts listed; a crafted link could carry thousands.
    const LISTED: usize = 6;
    let flow = expect_context::<Flow>();
    let error = move || {
        flow.link_error.get().map(|error| {
            let lang = flow.lang.get();
            view! {
                <div class="shirube-notice" role="alert">
                    <H level=2>{ui(lang).link_problem}</H>
                    <p>{link_error(lang, &error)}</p>
                </div>
            }
        })
    };
    let dropped = move || {
        let dropped = flow.link_dropped.get();
        (!dropped.is_empty()).then(|| {
            let t = ui(flow.lang.get());
            let mut listed: Vec<String> = dropped.iter().take(LISTED).cloned().collect();
            if dropped.len() > LISTED {
                listed.push(format!("… (+{})", dropped.len() - LISTED));
            }
            view! {
                <div class="shirube-notice shirube-link-dropped" role="status">
                    <H level=2>{t.link_partly}</H>
                    <p>{t.link_dropped}</p>
                    <ul>{listed.into_iter().map(|part| view! { <li><code>{part}</code></li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! { {error} {dropped} }
}
