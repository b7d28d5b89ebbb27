//! The three kinds of screen: start, one question, and the result with the answers.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use shirube_engine::{
    report, summary, Answers, Fit, Lang, Recommendation, Source, Step, Text, Truth,
};

use crate::app::{Flow, Host};
use crate::i18n::ui;
use crate::location;
use crate::takeaway;

/// A screen's heading: its h1, which takes focus when the user has moved to the screen.
#[component]
fn Heading(#[prop(into)] text: Signal<String>) -> impl IntoView {
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
fn focus_in_widget(ev: &leptos::ev::MouseEvent, id: &str) {
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

#[component]
pub fn StartPage() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = move || ui(flow.lang.get());
    let first = move || {
        let outcome = flow.rules.outcome(&flow.answers.get_untracked());
        outcome
            .asked
            .first()
            .copied()
            .or(outcome.next)
            .map_or(Step::Result, Step::Question)
    };
    view! {
        <Heading text=Signal::derive(move || t().start_title.to_owned()) />
        <p class="shirube-lead">{move || t().start_intro}</p>
        <p>{move || t().start_who}</p>
        <p>{move || t().start_how}</p>
        <p>{move || t().start_privacy}</p>
        <button type="button" class="shirube-button shirube-start" on:click=move |_| flow.go(first())>
            {move || t().start_button}
        </button>
        <Reviewed />
    }
}

#[component]
pub fn QuestionPage(q: usize) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let question = &flow.rules.questions[q];
    let t = move || ui(flow.lang.get());
    let text = move |text: &'static Text| text.get(flow.lang.get());

    let selected = RwSignal::new(flow.answers.get_untracked().get(q).unwrap_or(0));
    let error = RwSignal::new(false);
    // Each refused Continue moves focus to the error summary, once it is on the page.
    let refused = RwSignal::new(0u32);
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if refused.get() > 0 {
            if let Some(summary) = summary.get() {
                let _ = summary.focus();
            }
        }
    });

    // Where this question stands on the path: the back link and "Question N" follow from it.
    let position = move || {
        flow.outcome.with(|o| {
            let at = o
                .asked
                .iter()
                .position(|&a| a == q)
                .unwrap_or(o.asked.len());
            (at, at.checked_sub(1).map(|p| o.asked[p]))
        })
    };
    let back = move || position().1.map_or(Step::Start, Step::Question);
    let number = move || position().0 + 1;

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = selected.get_untracked();
        if chosen == 0 {
            error.set(true);
            refused.update(|n| *n += 1);
        } else {
            flow.answer(q, chosen);
        }
    };
    let message = move || {
        if question.multiple {
            t().error_choose_any
        } else {
            t().error_choose_one
        }
    };
    let first_input = format!("shirube-{}-{}", question.id, question.options[0].id);
    let hint_id = format!("shirube-{}-hint", question.id);
    let error_id = format!("shirube-{}-error", question.id);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if question.hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };

    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let bit = 1u64 << i;
            let id = format!("shirube-{}-{}", question.id, option.id);
            let toggle = move |_| {
                if question.multiple {
                    selected.update(|s| *s ^= bit);
                } else {
                    selected.set(bit);
                }
                error.set(false);
            };
            view! {
                <div class=if question.multiple { "shirube-choice shirube-checkbox" } else { "shirube-choice shirube-radio" }>
                    <input
                        id=id.clone()
                        type=if question.multiple { "checkbox" } else { "radio" }
                        name=question.id.clone()
                        value=option.id.clone()
                        prop:checked=move || selected.get() & bit != 0
                        on:change=toggle
                    />
                    <label for=id>{move || text(&option.label)}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <a
            href="#"
            class="shirube-back"
            on:click=move |ev| {
                ev.prevent_default();
                flow.go(back());
            }
        >
            {move || t().back}
        </a>
        {move || error.get().then(|| view! {
            <div class="shirube-error-summary" role="alert" tabindex="-1" node_ref=summary>
                <h2>{move || t().error_title}</h2>
                <ul>
                    <li>
                        <a href=format!("#{first_input}") on:click={
                            let first_input = first_input.clone();
                            move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                focus_in_widget(&ev, &first_input);
                            }
                        }>{message}</a>
                    </li>
                </ul>
            </div>
        })}
        <form class="shirube-form" novalidate on:submit=submit>
            <div class=move || if error.get() { "shirube-group shirube-group-error" } else { "shirube-group" }>
                <fieldset class="shirube-fieldset" aria-describedby=described_by>
                    <legend class="shirube-legend">
                        <span class="shirube-caption">{move || format!("{} {}", t().question_of, number())}</span>
                        <Heading text=Signal::derive(move || text(&question.text).to_owned()) />
                    </legend>
                    {question.hint.as_ref().map(|hint| view! {
                        <p class="shirube-hint" id=hint_id.clone()>{move || text(hint)}</p>
                    })}
                    {move || error.get().then(|| view! {
                        <p class="shirube-field-error" id=error_id.clone()>
                            <span class="shirube-visually-hidden">{move || t().error_prefix}</span>
                            {message}
                        </p>
                    })}
                    <div class="shirube-choices">{options}</div>
                </fieldset>
            </div>
            <button type="submit" class="shirube-button">{move || t().continue_button}</button>
        </form>
    }
}

#[component]
pub fn ResultPage() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = move || ui(flow.lang.get());
    view! {
        <Heading text=Signal::derive(move || t().result_title.to_owned()) />
        <p class="shirube-lead">{move || t().result_intro}</p>
        {move || {
            let lang = flow.lang.get();
            let outcome = flow.outcome.get();
            let fits: Vec<_> = outcome.with_fit(Fit::Fits).cloned().collect();
            let may: Vec<_> = outcome.with_fit(Fit::MayFit).cloned().collect();
            let not: Vec<_> = outcome.with_fit(Fit::DoesNotFit).cloned().collect();
            let answers = outcome.answers.clone();
            let fallback = outcome
                .needs_fallback()
                .then(|| view! { <Fallback answers=outcome.answers.clone() lang /> });
            view! {
                <div aria-live="polite" class="shirube-results">
                    {fallback}
                    {(!fits.is_empty()).then(|| view! {
                        <section class="shirube-section" aria-labelledby="shirube-fits">
                            <h2 id="shirube-fits">{ui(lang).fits_title}</h2>
                            {fits.into_iter().map(|r| view! { <ProgramCard r lang /> }).collect_view()}
                        </section>
                    })}
                    {(!may.is_empty()).then(|| view! {
                        <section class="shirube-section" aria-labelledby="shirube-may">
                            <h2 id="shirube-may">{ui(lang).may_fit_title}</h2>
                            <p>{ui(lang).may_fit_intro}</p>
                            {may.into_iter().map(|r| view! { <ProgramCard r lang /> }).collect_view()}
                        </section>
                    })}
                    {(!not.is_empty()).then(|| view! {
                        <section class="shirube-section" aria-labelledby="shirube-not">
                            <h2 id="shirube-not">{ui(lang).not_fit_title}</h2>
                            <p>{ui(lang).not_fit_intro}</p>
                            <ul class="shirube-not-fit">
                                {not.into_iter().map(|r| view! { <NotFitItem r answers=answers.clone() lang /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                </div>
            }
        }}
        <AnswerSummary />
        <ShareLink />
        <Takeaway />
        <button type="button" class="shirube-button shirube-secondary" on:click=move |_| flow.restart()>
            {move || t().start_again}
        </button>
        <p class="shirube-disclaimer">{move || t().disclaimer}</p>
        <Reviewed />
    }
}

/// A program that does not fit: why not, and the smallest change of answers that would make it fit.
#[component]
fn NotFitItem(r: Recommendation<'static>, answers: Answers, lang: Lang) -> impl IntoView {
    let rules = expect_context::<Flow>().rules;
    let would_fit_if = rules
        .counterfactual(r.program, &answers)
        .map(|c| c.describe(rules).get(lang).to_owned());
    view! {
        <li data-program=r.program.id.clone()>
            <strong>{r.program.name.get(lang).to_owned()}</strong>
            <ul>
                {r.reasons.iter().filter_map(|reason| reason.text).map(|text| view! {
                    <li>{text.get(lang).to_owned()}</li>
                }).collect_view()}
            </ul>
            {would_fit_if.map(|text| view! { <p class="shirube-would-fit">{text}</p> })}
        </li>
    }
}

/// An external link to an official page, opening in a new tab.
#[component]
fn OfficialLink(url: String, label: String, lang: Lang) -> impl IntoView {
    view! {
        <a href=url target="_blank" rel="noopener noreferrer">
            {label}
            <span class="shirube-visually-hidden">{ui(lang).opens_in_new_tab}</span>
        </a>
    }
}

/// A source: a link to its official page, or its citation alone when it has no page.
#[component]
fn SourceCite(source: &'static Source, lang: Lang) -> impl IntoView {
    let label = source.cite.get(lang).to_owned();
    match source.url.clone() {
        Some(url) => view! { <OfficialLink url label lang /> }.into_any(),
        None => view! { <cite>{label}</cite> }.into_any(),
    }
}

#[component]
fn ProgramCard(r: Recommendation<'static>, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let p = r.program;
    let other = lang.other();
    let list = |items: Vec<&'static Text>| {
        items
            .into_iter()
            .map(|text| view! { <li>{text.get(lang).to_owned()}</li> })
            .collect_view()
    };
    let mut why: Vec<&'static Text> = r.reasons_that(Truth::Yes).filter_map(|x| x.text).collect();
    why.extend(r.strengths.iter().copied());
    let check: Vec<&'static Text> = r
        .reasons_that(Truth::Unknown)
        .filter_map(|x| x.text)
        .collect();
    let contact_url = match (lang, &p.contact.url_en) {
        (Lang::En, Some(url)) => url.clone(),
        _ => p.contact.url.clone(),
    };
    view! {
        <article class="shirube-program" data-program=p.id.clone() data-fit=format!("{:?}", r.fit)>
            <h3>{p.name.get(lang).to_owned()}</h3>
            <p class="shirube-other-name" lang=other.code()>{p.name.get(other).to_owned()}</p>
            <p class="shirube-runner"><span>{t.run_by}{t.colon}</span>{p.runner.get(lang).to_owned()}</p>
            {(!check.is_empty()).then(|| view! {
                <h4>{t.check}</h4>
                <ul class="shirube-check">{list(check)}</ul>
            })}
            {(!why.is_empty()).then(|| view! {
                <h4>{if r.fit == Fit::Fits { t.why } else { t.why_may }}</h4>
                <ul class="shirube-why">{list(why)}</ul>
            })}
            {(!r.notes.is_empty()).then(|| view! {
                <h4>{t.notes}</h4>
                <ul>{list(r.notes.clone())}</ul>
            })}
            <p>{p.summary.get(lang).to_owned()}</p>
            <h4>{t.next_steps}</h4>
            <ol>{list(p.next_steps.iter().collect())}</ol>
            {(!p.prepare.is_empty()).then(|| view! {
                <h4>{t.prepare}</h4>
                <ul>{list(p.prepare.iter().collect())}</ul>
            })}
            <p class="shirube-contact">
                <span>{t.contact}{t.colon}</span>
                <OfficialLink url=contact_url label=p.contact.label.get(lang).to_owned() lang />
            </p>
            {p.contact.email.clone().map(|email| view! {
                <p class="shirube-contact">
                    <span>{t.email}{t.colon}</span>
                    <a href=format!("mailto:{email}")>{email.clone()}</a>
                </p>
            })}
            {p.contact.phone.clone().map(|phone| view! {
                <p class="shirube-contact">
                    <span>{t.phone}{t.colon}</span>
                    <a href=format!("tel:{}", phone.replace([' ', '(', ')'], ""))>{phone.clone()}</a>
                </p>
            })}
            <p class="shirube-source">
                <span>{if p.sources.len() > 1 { t.sources } else { t.source }}{t.colon}</span>
                {p.sources.iter().enumerate().map(|(i, s)| view! {
                    {(i > 0).then_some(if lang == Lang::Ja { "、" } else { "; " })}
                    <SourceCite source=s lang />
                }).collect_view()}
                " · "{t.reviewed}" "{p.reviewed.to_string()}
            </p>
        </article>
    }
}

#[component]
fn Fallback(answers: Answers, lang: Lang) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let rules = flow.rules;
    view! {
        <section class="shirube-section shirube-fallback" aria-labelledby="shirube-fallback">
            <h2 id="shirube-fallback">{ui(lang).fallback_title}</h2>
            <p>{rules.fallback.text.get(lang).to_owned()}</p>
            <ul>
                {rules.starting_points(&answers).map(|s| view! {
                    <li><OfficialLink url=s.url.clone() label=s.label.get(lang).to_owned() lang /></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn AnswerSummary() -> impl IntoView {
    let flow = expect_context::<Flow>();
    move || {
        let lang = flow.lang.get();
        let outcome = flow.outcome.get();
        let answers = &outcome.answers;
        let rows = outcome
            .asked
            .iter()
            .map(|&q| {
                let question = &flow.rules.questions[q];
                let chosen: Vec<&str> = answers
                    .options(q)
                    .into_iter()
                    .map(|o| question.options[o].label.get(lang))
                    .collect();
                let change = format!("{} ", ui(lang).change);
                view! {
                    <div class="shirube-summary-row">
                        <dt>{question.text.get(lang).to_owned()}</dt>
                        <dd>{chosen.join(if lang == Lang::Ja { "、" } else { ", " })}</dd>
                        <dd class="shirube-summary-action">
                            <a href="#" on:click=move |ev| {
                                ev.prevent_default();
                                flow.change(q);
                            }>
                                {change}
                                <span class="shirube-visually-hidden">{question.text.get(lang).to_owned()}</span>
                            </a>
                        </dd>
                    </div>
                }
            })
            .collect_view();
        view! {
            <section class="shirube-section" aria-labelledby="shirube-answers">
                <h2 id="shirube-answers">{ui(lang).answers_title}</h2>
                <dl class="shirube-summary">{rows}</dl>
            </section>
        }
    }
}

/// The address that reopens the result: embedded, the standalone app's, since the host page
/// does not read the fragment; in a frame, the standalone page's (without the frame's query).
fn result_link(flow: Flow) -> impl Fn() -> String + Copy {
    let base = match expect_context::<Host>() {
        Host::Element { app_url, .. } => app_url,
        Host::Page => location::page_url(true),
        Host::Frame { .. } => location::page_url(false),
    };
    let base = StoredValue::new(base);
    move || format!("{}#{}", base.get_value(), flow.link(Step::Result))
}

#[component]
fn ShareLink() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let link = result_link(flow);
    view! {
        <p class="shirube-share">
            <label for="shirube-share-link">{move || ui(flow.lang.get()).share}</label>
            <input id="shirube-share-link" type="text" readonly prop:value=link />
        </p>
    }
}

/// Copy the answers and result as text, or save them as Markdown or JSON, to attach to a
/// consultation request.
#[component]
fn Takeaway() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let link = result_link(flow);
    let status = RwSignal::new(None::<&'static str>);
    let document = move |format| {
        let lang = flow.lang.get_untracked();
        let outcome = flow.outcome.get_untracked();
        let t = ui(lang);
        let labels = summary::Labels {
            title: t.document_title,
            rules_reviewed: t.rules_reviewed,
            source: t.source,
            sources: t.sources,
            link: t.link_to_result,
            answers: t.answers_title,
            fits: t.fits_title,
            may_fit: t.may_fit_title,
            not_fit: t.not_fit_title,
            fallback: t.fallback_title,
            why: t.why,
            check: t.check,
            notes: t.notes,
            next_steps: t.next_steps,
            prepare: t.prepare,
            contact: t.contact,
            email: t.email,
            phone: t.phone,
            reviewed: t.reviewed,
            disclaimer: t.disclaimer,
            colon: t.colon,
        };
        summary::document(flow.rules, &outcome, lang, &labels, &link(), format)
    };
    let copy = move |_| {
        let t = ui(flow.lang.get_untracked());
        let text = document(summary::Format::Text);
        leptos::task::spawn_local(async move {
            let copied = takeaway::copy(&text).await;
            status.set(Some(if copied { t.copied } else { t.copy_failed }));
        });
    };
    let save_markdown = move |_| {
        let text = document(summary::Format::Markdown);
        takeaway::save(&text, "text/markdown", &takeaway::file_name("md"));
    };
    let save_json = move |_| {
        let outcome = flow.outcome.get_untracked();
        let text = report::outcome_json(flow.rules, &outcome.answers, &outcome)
            .with("answers", outcome.answers.to_json(flow.rules))
            .with("link", link())
            .pretty();
        takeaway::save(&text, "application/json", &takeaway::file_name("json"));
    };
    let t = move || ui(flow.lang.get());
    view! {
        <section class="shirube-section shirube-takeaway" aria-labelledby="shirube-takeaway">
            <h2 id="shirube-takeaway">{move || t().takeaway_title}</h2>
            <p>{move || t().takeaway_intro}</p>
            <p class="shirube-takeaway-actions">
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

#[component]
fn Reviewed() -> impl IntoView {
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
