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

/// The element level of the widget's top heading: 1 on its own page; on a host page, the
/// level the host gives (`heading-level`), so that the host keeps its one `h1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Headings(pub u8);

impl Headings {
    /// A host's `heading-level`: 1 to 3, so that the widget's deepest heading (its fourth
    /// level, a card's parts) is at most `h6`; anything
    /// else is ignored with a console warning.
    pub fn from_attribute(given: &str) -> Option<Headings> {
        match given.trim().parse::<u8>() {
            Ok(level @ 1..=3) => Some(Headings(level)),
            _ => {
                let shown: String = given.chars().take(20).collect();
                web_sys::console::warn_1(
                    &format!("Shirube: heading-level=\"{shown}\" is not 1, 2 or 3, so headings start at h1").into(),
                );
                None
            }
        }
    }

    fn tag(self, level: u8) -> &'static str {
        const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
        TAGS[usize::from((self.0 + level).saturating_sub(2)).min(5)]
    }
}

/// A heading at `level` of the widget's outline (1: the screen's title), drawn as the element
/// the host's heading level makes it; styled by its level in the widget (`shirube-hN`).
#[component]
pub(crate) fn H(
    level: u8,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional)] focusable: bool,
    #[prop(optional)] node_ref: Option<NodeRef<html::Custom<&'static str>>>,
    children: Children,
) -> impl IntoView {
    let headings = use_context::<Headings>().unwrap_or(Headings(1));
    let class = match class {
        Some(more) => format!("shirube-h{level} {more}"),
        None => format!("shirube-h{level}"),
    };
    let heading = html::custom(headings.tag(level))
        .attr("class", class)
        .attr("id", id)
        .attr("tabindex", focusable.then_some("-1"))
        .child(children());
    match node_ref {
        Some(node_ref) => heading.node_ref(node_ref).into_any(),
        None => heading.into_any(),
    }
}

/// A screen's heading: its title, which takes focus when the user has moved to the screen.
#[component]
pub(crate) fn Heading(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let heading = NodeRef::<html::Custom<&'static str>>::new();
    Effect::new(move |_| {
        if let Some(title) = heading.get() {
            if flow.moved.get_untracked() {
                let _ = title.focus();
            }
        }
    });
    view! { <H level=1 class="shirube-title" focusable=true node_ref=heading>{text}</H> }
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
                let lang = flow.lang();
                let t = ui(lang);
                view! {
                    {t.rules_reviewed}{t.colon}{meta.reviewed.to_string()}" · "{t.source}{t.colon}
                    <SourceCite source=&meta.source lang />
                }
            }}
        </p>
    }
}
