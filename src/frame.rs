//! The widget in an iframe on a host page (loaded by `embed/shirube-frame.js`): it tells the
//! host its height, steps and results by `postMessage`, only to the host origin it was given,
//! and takes language changes only from that origin.

use leptos::prelude::*;
use shirube_engine::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Flow;

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

/// Sends a message to the host page, which only a page of `origin` can receive.
pub fn post(origin: &str, message: &serde_json::Value) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if let Ok(message) = js_sys::JSON::parse(&message.to_string()) {
        let _ = parent.post_message(&message, origin);
    }
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
            &serde_json::json!({"type": "shirube:height", "height": height}),
        );
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer and its callback live as long as the page.
        StoredValue::new_local((observer, send));
    }
}

/// Applies `{"type": "shirube:lang", "lang": "en"}` messages, from the host's origin only.
pub fn follow_the_host(flow: Flow, origin: String) {
    let listener = gloo_events::EventListener::new(&window(), "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        if event.origin() != origin {
            return;
        }
        let data = js_sys::JSON::stringify(&event.data())
            .ok()
            .and_then(|s| s.as_string())
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
        let Some(data) = data else {
            return;
        };
        if data["type"] == "shirube:lang" {
            if let Some(lang) = data["lang"].as_str().and_then(Lang::from_tag) {
                flow.moved.set(false);
                flow.lang.set(lang);
            }
        }
    });
    StoredValue::new_local(listener);
}
