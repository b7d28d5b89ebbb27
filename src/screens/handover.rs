//! The hand-over on a program's card: what to prepare as a checklist (ticks kept in the link),
//! the points to raise, and the request itself, as an e-mail to open in the user's e-mail
//! program or as text to copy into the office's form. Shirube sends nothing.

use leptos::prelude::*;
use shirube_engine::{request, ui, Lang, Recommendation};

use super::takeaway::copy_and_tell;
use super::{OfficialLink, H};
use crate::flow::Flow;

#[component]
pub(super) fn Handover(r: Recommendation<'static>, lang: Lang) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = ui(lang);
    let p = r.program;
    let id = p.id.as_str();
    let request = Memo::new(move |_| {
        let ready = flow.with_ready(|ready| ready.items(id));
        flow.with_outcome(|outcome| request::request(flow.rules, outcome, &r, &ready, lang))
    });
    let status = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let text = request.with_untracked(|r| r.body());
        copy_and_tell(text, status, t.request_copied, t.request_copy_failed);
    };
    let checklist = (p.prepare.iter().enumerate())
        .map(|(i, item)| {
            let checked = move || flow.with_ready(|ready| ready.has(id, i));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                flow.ready.update(|ready| ready.set(id, i, on));
            };
            view! {
                <li>
                    <label>
                        <input type="checkbox" prop:checked=checked on:change=toggle />
                        " "{item.get(lang).to_owned()}
                    </label>
                </li>
            }
        })
        .collect_view();
    let (to, form, also) = request.with_untracked(|q| (q.to.clone(), q.form.clone(), q.also));
    let heading = match (&to, &form) {
        (Some(_), _) => t.request_email,
        (None, Some(_)) => t.request_form,
        (None, None) => t.request_text,
    };
    let text_id = format!("shirube-request-{id}");
    view! {
        <details class="shirube-handover">
            <summary>
                {t.handover}
                <span class="shirube-visually-hidden">{t.colon}{p.name.get(lang).to_owned()}</span>
            </summary>
            {(!p.prepare.is_empty()).then(|| view! {
                <H level=4>{t.prepare}</H>
                <p class="shirube-hint">{t.ready_hint}</p>
                <ul class="shirube-checklist">{checklist}</ul>
            })}
            <H level=4>{t.asks}</H>
            <ul class="shirube-asks">
                {p.ask.iter().map(|a| view! { <li>{a.get(lang).to_owned()}</li> }).collect_view()}
            </ul>
            <H level=4 id=format!("{text_id}-title")>{heading}</H>
            {also.map(|_| view! { <p class="shirube-hint">{t.office_other_language}</p> })}
            {to.clone().map(|to| view! {
                <p class="shirube-request-to">{t.email}{t.colon}{to}</p>
                <p class="shirube-request-subject">
                    {t.subject}{t.colon}{move || request.with(|q| q.subject.clone())}
                </p>
            })}
            // Each letter in its own language (the office's, then the user's when it differs);
            // scrollable, so focusable for keyboard users.
            <div class="shirube-request" role="region" tabindex="0"
                aria-labelledby=format!("{text_id}-title")>
                {move || request.with(|q| q.letters.iter().map(|(l, text)| view! {
                    <pre lang=l.code()>{text.clone()}</pre>
                }).collect_view())}
            </div>
            <p class="shirube-hint">{t.request_hint}</p>
            <p class="shirube-request-actions">
                {to.map(|_| view! {
                    <a class="shirube-button shirube-write-email"
                        href=move || request.with(|q| q.mailto().unwrap_or_default())>
                        {t.write_email}
                    </a>
                })}
                <button type="button" class="shirube-button shirube-secondary shirube-copy-request" on:click=copy>
                    {t.copy_request}
                </button>
                {form.map(|url| view! {
                    <OfficialLink url label=t.open_form.to_owned() lang />
                })}
            </p>
            <p class="shirube-takeaway-status" role="status">{move || status.get()}</p>
        </details>
    }
}
