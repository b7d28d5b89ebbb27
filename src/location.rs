//! Reading and writing the URL fragment that holds the app's state, and the page's language.

use leptos::prelude::window;
use shirube_engine::Lang;
use wasm_bindgen::JsValue;

/// The current fragment, without its `#`.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_owned()
}

/// The page's address without its fragment, with or without its query.
pub fn page_url(with_query: bool) -> String {
    let location = window().location();
    let query = if with_query {
        location.search().unwrap_or_default()
    } else {
        String::new()
    };
    format!(
        "{}{}{query}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Records a new fragment as a history entry, so the browser's back button returns to it.
pub fn push(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Replaces the current fragment without a new history entry.
pub fn replace(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
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
