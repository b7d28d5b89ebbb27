//! The widget on a page of its own (standalone, or inside a host's iframe): its state in the
//! URL fragment, the browser's back and forward buttons, the page's title and language.

use gloo_events::EventListener;
use leptos::prelude::*;
use shirube_engine::{ui, Lang, Step};

use crate::flow::Flow;

/// The current fragment, without its `#`.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_owned()
}

/// The page's address without its query and fragment.
pub fn url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The state of the history entries the widget makes, which tells them from entries a user
/// makes by opening a link (their state is null).
const OURS: &str = "shirube";

/// Records a new fragment as a history entry, so the browser's back button returns to it.
pub fn push(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&OURS.into(), "", Some(&format!("#{fragment}")));
    }
}

/// Replaces the current fragment without a new history entry.
pub fn replace(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&OURS.into(), "", Some(&format!("#{fragment}")));
    }
}

/// The language to start in: the page's `lang`, then the browser's languages, then Japanese.
pub fn preferred_lang() -> Lang {
    let page = window()
        .document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag));
    page.or_else(|| {
        window()
            .navigator()
            .languages()
            .iter()
            .filter_map(|tag| tag.as_string())
            .find_map(|tag| Lang::from_tag(&tag))
    })
    .unwrap_or(Lang::Ja)
}

/// The URL and the page's language follow the widget, and the widget follows the browser's
/// back and forward buttons. With `history`, each move to another screen is a history entry,
/// so the back button works; a change of language or of a checklist tick is not (it replaces
/// the entry). Without `history` (in a frame), the fragment is only kept up to date.
pub fn follow(flow: Flow, history: bool) {
    Effect::new(move |previous: Option<(Lang, Step)>| {
        let lang = flow.lang.get();
        let step = flow.step.get();
        let fragment = flow.link(step);
        // The first run always marks the entry as the widget's, even when the address is
        // already the widget's own (a share link opened in a new tab).
        if previous.is_none() || self::fragment() != fragment {
            match previous {
                Some((was, from)) if history && was == lang && from != step => push(&fragment),
                _ => replace(&fragment),
            }
        }
        (lang, step)
    });
    let on_history = EventListener::new(&window(), "popstate", move |event| {
        let state = js_sys::Reflect::get(event, &"state".into()).ok();
        if state.and_then(|s| s.as_string()).as_deref() == Some(OURS) {
            // Back or Forward to an entry of the flow.
            flow.return_to(&fragment());
            // The entry now also holds the answers given after it: say so in place, so that
            // Forward still leads where it did.
            replace(&flow.link(flow.step.get_untracked()));
        } else {
            // A link opened in this page (or an entry made that way): as it says, and the
            // entry is the widget's from now on.
            flow.open(&fragment());
            replace(&flow.link(flow.step.get_untracked()));
        }
        flow.moved.set(true);
    });
    StoredValue::new_local(on_history);
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", flow.lang.get().code());
        }
    });
}

/// The page title names the screen, so each step is announced and listed in history.
pub fn title_follows(flow: Flow, screen: Memo<Step>) {
    Effect::new(move |_| {
        let t = ui(flow.lang.get());
        let heading = match screen.get() {
            Step::Start => t.start_title,
            Step::Question(q) => flow.rules.questions[q].text.get(flow.lang.get()),
            Step::Result => t.result_title,
        };
        document().set_title(&format!("{heading} — {}", t.app_name));
    });
}
