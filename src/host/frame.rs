//! The widget in an iframe on a host page (loaded by `embed/shirube-frame.js`): it tells the
//! host its height, steps and results by `postMessage`, only to the host origin it was given,
//! and takes language changes only from that origin.

use leptos::prelude::*;
use shirube_engine::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::flow::Flow;

/// The host page's origin, when the page was opened as a frame (`?embed=frame&host=<origin>`)
/// with a valid origin; an invalid one is ignored with a console warning.
pub fn host_origin() -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    if params.get("embed").as_deref() != Some("frame") {
        return None;
    }
    let host = params.get("host").unwrap_or_default();
    let origin = web_sys::Url::new(&host).ok().map(|url| url.origin());
    if origin.as_deref() == Some(host.as_str()) && host.starts_with("http") {
        Some(host)
    } else {
        let shown: String = host.chars().take(60).collect();
        web_sys::console::warn_1(
            &format!("Shirube: host=\"{shown}\" is not an origin such as https://example.go.jp, so the frame tells the host nothing").into(),
        );
        None
    }
}

/// A query parameter the host page's loader passes on: `share` (from `data-share-url`) or
/// `programs` (from `data-programs`).
pub fn query(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|s| !s.is_empty())
}

/// A plain JS object with these fields, for event details and messages to the host.
pub fn js_object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// Sends a message to the host page, which only a page of `origin` can receive.
pub fn post(origin: &str, message: &JsValue) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let _ = parent.post_message(message, origin);
}

/// Tells the host the page's height whenever it changes, so the iframe fits its content.
pub fn report_height(origin: String) {
    let Some(body) = document().body() else {
        return;
    };
    let send = Closure::<dyn Fn()>::new(move || {
        let height = document()
            .document_element()
            .map_or(0, |html| html.scroll_height());
        post(
            &origin,
            &js_object(&[("type", "shirube:height".into()), ("height", height.into())]),
        );
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer and its callback live as long as the page.
        StoredValue::new_local((observer, send));
    }
}

/// Applies `{"type": "shirube:lang", "lang": "en"}` messages, from the host page only (its origin,
/// and the frame's parent window).
pub fn follow_the_host(flow: Flow, origin: String) {
    let listener = gloo_events::EventListener::new(&window(), "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        // The host page itself: another frame of its origin (a sibling) is not the host.
        let parent = window().parent().ok().flatten();
        let from_host = matches!((event.source(), parent),
            (Some(source), Some(parent)) if js_sys::Object::is(&source, &parent));
        if event.origin() != origin || !from_host {
            return;
        }
        // Read as plain JS properties: anything else (not an object, other fields) is ignored.
        let data = event.data();
        let field = |name: &str| {
            js_sys::Reflect::get(&data, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
        };
        if field("type").as_deref() == Some("shirube:lang") {
            if let Some(lang) = field("lang").as_deref().and_then(Lang::from_tag) {
                flow.moved.set(false);
                flow.lang.set(lang);
            }
        }
    });
    StoredValue::new_local(listener);
}
