//! The screens: start, one question, and the result with the answers; the parts they share.

mod handover;
mod question;
mod result;
mod start;
mod takeaway;

pub use question::QuestionPage;
pub use result::ResultPage;
pub use start::StartPage;

use leptos::html;
use leptos::prelude::*;
use shirube_engine::{ui, Lang, Source};

use crate::flow::Flow;

/// A screen's heading: its h1, which takes focus when the user has moved to the screen.
#[component]
pub(crate) fn Heading(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            if flow.moved.get_untracked() {
                let _ = h1.focus();
            }
        }
    });
    view! { <h1 class="shirube-title" tabindex="-1" node_ref=heading>{text}</h1> }
}

/// Focuses the element with this id in the same widget as the event's target: ids are looked
/// up in the widget, since embedded it sits in a shadow root the document cannot see into.
pub(crate) fn focus_in_widget(ev: &leptos::ev::MouseEvent, id: &str) {
    use wasm_bindgen::JsCast;
    let widget = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".shirube").ok().flatten());
    let field = widget.and_then(|w| w.query_selector(&format!("[id='{id}']")).ok().flatten());
    if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = field.focus();
    }
}

/// An external link to an official page, opening in a new tab.
#[component]
pub(crate) fn OfficialLink(url: String, label: String, lang: Lang) -> impl IntoView {
    view! {
        <a href=url target="_blank" rel="noopener noreferrer">
            {label}
            <span class="shirube-visually-hidden">{ui(lang).opens_in_new_tab}</span>
        </a>
    }
}

/// A source: a link to its official page, or its citation alone when it has no page.
#[component]
pub(crate) fn SourceCite(source: &'static Source, lang: Lang) -> impl IntoView {
    let label = source.cite.get(lang).to_owned();
    match source.url.clone() {
        Some(url) => view! { <OfficialLink url label lang /> }.into_any(),
        None => view! { <cite>{label}</cite> }.into_any(),
    }
}

/// When the rules were reviewed, and their source.
#[component]
pub(crate) fn Reviewed() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let meta = &flow.rules.meta;
    view! {
        <p class="shirube-reviewed">
            {move || {
                let lang = flow.lang.get();
                let t = ui(lang);
                view! {
                    {t.rules_reviewed}{t.colon}{meta.reviewed.to_string()}" · "{t.source}{t.colon}
                    <SourceCite source=&meta.source lang />
                }
            }}
        </p>
    }
}
