//! Taking the result away: the share link, and the answers and result copied as text or
//! saved as Markdown or JSON, to attach to a consultation request.

use leptos::prelude::*;
use shirube_engine::{report, summary, ui, Step};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::H;
use crate::flow::Flow;
use crate::host::Host;

/// The address that reopens the result (see [`Host::app_url`]). Read in a reactive part, it
/// follows the answers (which the outcome holds), the language and the ticks through the
/// screen's relays, never the widget's signals themselves (decision 020).
fn result_link(flow: Flow) -> impl Fn() -> String + Copy {
    let base = StoredValue::new(expect_context::<Host>().app_url());
    move || {
        flow.lang();
        flow.with_outcome(|_| ());
        flow.with_ready(|_| ());
        format!(
            "{}#{}",
            base.get_value(),
            untrack(|| flow.link(Step::Result))
        )
    }
}

#[component]
pub(super) fn ShareLink() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let link = result_link(flow);
    let status = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let t = ui(flow.lang.get_untracked());
        copy_and_tell(link(), status, t.link_copied, t.link_copy_failed);
    };
    let t = move || ui(flow.lang());
    view! {
        <div class="shirube-share">
            <label for="shirube-share-link">{move || t().share}</label>
            <p class="shirube-share-row">
                <input id="shirube-share-link" type="text" readonly prop:value=link />
                <button type="button" class="shirube-button shirube-secondary shirube-copy-link" on:click=copy>
                    {move || t().copy_link}
                </button>
            </p>
            <p class="shirube-takeaway-status" role="status">{move || status.get()}</p>
        </div>
    }
}

/// Print the result, copy the answers and result as text, or save them as Markdown or JSON, to
/// attach to a consultation request.
#[component]
pub(super) fn Takeaway() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let link = result_link(flow);
    let status = RwSignal::new(None::<&'static str>);
    let document = move |format| {
        let lang = flow.lang.get_untracked();
        let outcome = flow.outcome.get_untracked();
        summary::document(flow.rules, &outcome, lang, &link(), format)
    };
    let copy = move |_| {
        let t = ui(flow.lang.get_untracked());
        copy_and_tell(
            document(summary::Format::Text),
            status,
            t.copied,
            t.copy_failed,
        );
    };
    let save_markdown = move |_| {
        let text = document(summary::Format::Markdown);
        save_file(&text, "text/markdown", &file_name(flow, "md"));
    };
    let save_json = move |_| {
        let outcome = flow.outcome.get_untracked();
        let text = report::outcome_json(flow.rules, &outcome.answers, &outcome)
            .with("answers", outcome.answers.to_json(flow.rules))
            .with("link", link())
            .pretty();
        save_file(&text, "application/json", &file_name(flow, "json"));
    };
    let t = move || ui(flow.lang());
    view! {
        <section class="shirube-section shirube-takeaway" aria-labelledby="shirube-takeaway">
            <H level=2 id="shirube-takeaway">{move || t().takeaway_title}</H>
            <p class="shirube-takeaway-actions">
                <button type="button" class="shirube-button shirube-secondary shirube-print" on:click=move |_| {
                    let _ = leptos::prelude::window().print();
                }>
                    {move || t().print}
                </button>
                <button type="button" class="shirube-button shirube-secondary shirube-copy" on:click=copy>
                    {move || t().copy_summary}
                </button>
                <button type="button" class="shirube-button shirube-secondary shirube-save-markdown" on:click=save_markdown>
                    {move || t().download_markdown}
                </button>
                <button type="button" class="shirube-button shirube-secondary shirube-save-json" on:click=save_json>
                    {move || t().download_json}
                </button>
            </p>
            <p class="shirube-takeaway-status" role="status">{move || status.get()}</p>
        </section>
    }
}

/// Puts `text` on the clipboard, then shows on `status` whether it worked.
pub(super) fn copy_and_tell(
    text: String,
    status: RwSignal<Option<&'static str>>,
    copied: &'static str,
    failed: &'static str,
) {
    leptos::task::spawn_local(async move {
        let worked = to_clipboard(&text).await;
        status.set(Some(if worked { copied } else { failed }));
    });
}

/// Puts `text` on the clipboard; false if the browser refuses (no permission, no clipboard).
async fn to_clipboard(text: &str) -> bool {
    let navigator = leptos::prelude::window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    match write.call1(&clipboard, &JsValue::from_str(text)) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

/// Offers `text` as a file download named `name`; nothing leaves the browser.
fn save_file(text: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = leptos::prelude::document();
    if let Ok(anchor) = document.create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// "Shirube answers and result <date>.<extension>" in the user's language, with today's date
/// in the browser.
fn file_name(flow: Flow, extension: &str) -> String {
    let today: String = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect();
    let name = ui(flow.lang.get_untracked()).file_name;
    format!("{name} {today}.{extension}")
}
