//! The widget in a host page's `<shirube-widget>` element (defined by `embed/shirube.js`): the
//! events it fires at the element, and the element's attributes read.

use shirube_engine::Lang;
use wasm_bindgen::{JsCast, JsValue};

/// Fires a `CustomEvent` that bubbles out of the shadow root to the host page.
pub fn dispatch(element: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element
            .unchecked_ref::<web_sys::EventTarget>()
            .dispatch_event(&event);
    }
}

/// The language a `lang` attribute names, if it is Japanese or English.
pub fn attribute_lang(tag: &str) -> Option<Lang> {
    if tag.trim().is_empty() {
        return None;
    }
    let lang = Lang::from_tag(tag);
    if lang.is_none() {
        let shown: String = tag.chars().take(40).collect();
        web_sys::console::warn_1(
            &format!("Shirube: lang=\"{shown}\" is not Japanese or English, so it is ignored")
                .into(),
        );
    }
    lang
}
