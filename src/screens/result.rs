//! The result: the programs that fit, may fit and do not fit, each with why; the general
//! starting points when nothing fits; the answers, with a way to change each.

use leptos::prelude::*;
use shirube_engine::summary::contact_url;
use shirube_engine::{
    counted, pathway_step, ui, Answers, FirstAction, Fit, Lang, Outcome, Program, Recommendation,
    Rules, Text, Truth,
};

use super::handover::Handover;
use super::takeaway::{ShareLink, Takeaway};
use super::{focus_in_widget, Heading, OfficialLink, Reviewed, SourceCite, H};
use crate::flow::Flow;
use crate::host::Host;

#[component]
pub fn ResultPage() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let featured = expect_context::<Host>().featured().to_vec();
    let t = move || ui(flow.lang());
    view! {
        <Heading text=Signal::derive(move || t().result_title.to_owned()) />
        // The summary is announced when it changes; the take-away, whose status line is a live
        // region of its own, stays outside it and keeps its state across a language switch.
        {move || {
            let lang = flow.lang();
            let outcome = flow.with_outcome(Clone::clone);
            let start_here = outcome
                .first_action(flow.rules)
                .map(|action| view! { <StartHere action lang /> });
            let shown = outcome.recommendations.iter().any(|r| r.fit != Fit::DoesNotFit);
            let overview = shown.then(|| {
                let steps = overview_steps(flow.rules, &outcome, &featured, lang);
                view! { <Overview steps lang /> }
            });
            view! {
                <div aria-live="polite" class="shirube-results">
                    {start_here}
                    {overview}
                    <p class="shirube-lead">{ui(lang).result_intro}</p>
                </div>
            }
        }}
        <Takeaway />
        {move || {
            let lang = flow.lang();
            let outcome = flow.with_outcome(Clone::clone);
            let fits: Vec<_> = outcome.with_fit(Fit::Fits).cloned().collect();
            let may: Vec<_> = outcome.with_fit(Fit::MayFit).cloned().collect();
            let not: Vec<_> = outcome.with_fit(Fit::DoesNotFit).cloned().collect();
            let answers = outcome.answers.clone();
            let fallback = outcome
                .needs_fallback()
                .then(|| view! { <Fallback answers=outcome.answers.clone() lang /> });
            view! {
                <div class="shirube-results">
                    {fallback}
                    {(!fits.is_empty()).then(|| view! {
                        <section class="shirube-section" aria-labelledby="shirube-fits">
                            <H level=2 id="shirube-fits">{ui(lang).fits_title}</H>
                            {fits.into_iter().map(|r| view! { <ProgramCard r lang /> }).collect_view()}
                        </section>
                    })}
                    {(!may.is_empty()).then(|| view! {
                        <section class="shirube-section" aria-labelledby="shirube-may">
                            <H level=2 id="shirube-may">{ui(lang).may_fit_title}</H>
                            {may.into_iter().map(|r| view! { <ProgramCard r lang /> }).collect_view()}
                        </section>
                    })}
                    {(!not.is_empty()).then(|| view! {
                        <section class="shirube-section" aria-labelledby="shirube-not">
                            <H level=2 id="shirube-not">{ui(lang).not_fit_title}</H>
                            // Folded: what fits comes first; the reasons are one click away
                            // (and printed in full, style/main.css).
                            <details class="shirube-not-fit-details">
                                <summary>{counted(lang, ui(lang).not_fit_show, not.len())}</summary>
                                <p>{ui(lang).not_fit_intro}</p>
                                <ul class="shirube-not-fit">
                                    {not.into_iter().map(|r| view! { <NotFitItem r answers=answers.clone() lang /> }).collect_view()}
                                </ul>
                            </details>
                        </section>
                    })}
                </div>
            }
        }}
        <AnswerSummary />
        <ShareLink />
        <button type="button" class="shirube-button shirube-secondary" on:click=move |_| flow.restart()>
            {move || t().start_again}
        </button>
        <p class="shirube-disclaimer">{move || t().disclaimer}</p>
        <Reviewed />
    }
}

/// The one first action the ranking recommends, at the top of the result.
#[component]
fn StartHere(action: FirstAction<'static>, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let what = match action {
        FirstAction::Program(p) => view! {
            <strong>{p.name.get(lang).to_owned()}</strong>{t.colon}
            {p.first_step.get(lang).to_owned()}" "
            <OfficialLink url=contact_url(p, lang).to_owned() label=p.contact.label.get(lang).to_owned() lang />
        }
        .into_any(),
        FirstAction::StartingPoint(s) => {
            view! { <OfficialLink url=s.url.clone() label=s.label.get(lang).to_owned() lang /> }
                .into_any()
        }
    };
    view! {
        <section class="shirube-start-here" aria-labelledby="shirube-start-here">
            <H level=2 id="shirube-start-here">{t.start_here}</H>
            <p>{what}</p>
        </section>
    }
}

/// A step of the overview: its heading, its `data-when`, and its programs with their fit.
type OverviewStep = (String, String, Vec<(&'static Program, Fit)>);

/// The overview's steps: the programs the host page features that fit or may fit, in the host's
/// order; then the others along the user's development (now, then by stage).
fn overview_steps(
    rules: &'static Rules,
    outcome: &Outcome<'static>,
    featured: &[usize],
    lang: Lang,
) -> Vec<OverviewStep> {
    let is_featured = |p: &Program| {
        featured
            .iter()
            .any(|&f| std::ptr::eq(&rules.programs[f], p))
    };
    let shown = |p: &Program| {
        outcome
            .recommendations
            .iter()
            .find(|r| std::ptr::eq(r.program, p) && r.fit != Fit::DoesNotFit)
    };
    let first: Vec<_> = (featured.iter())
        .filter_map(|&f| shown(&rules.programs[f]).map(|r| (r.program, r.fit)))
        .collect();
    let mut steps = Vec::new();
    if !first.is_empty() {
        steps.push((
            ui(lang).featured_title.to_owned(),
            "Featured".to_owned(),
            first,
        ));
    }
    for (when, rs) in outcome.pathway(rules) {
        let rest: Vec<_> = (rs.into_iter())
            .filter(|r| !is_featured(r.program))
            .map(|r| (r.program, r.fit))
            .collect();
        if !rest.is_empty() {
            steps.push((pathway_step(rules, when, lang), format!("{when:?}"), rest));
        }
    }
    steps
}

/// The programs that fit and may fit, one line each (what it gives, the first step), each
/// linking to its card; ordered along the user's development: now, then by stage (after those
/// the host page features).
#[component]
fn Overview(steps: Vec<OverviewStep>, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let line = move |(p, fit): (&'static Program, Fit)| {
        let card = card_id(p);
        let tag = if fit == Fit::Fits {
            t.fits_tag
        } else {
            t.may_fit_tag
        };
        let tag = match lang {
            Lang::Ja => format!("（{tag}）"),
            Lang::En => format!(" ({tag})"),
        };
        view! {
            <li data-program=p.id.clone() data-fit=format!("{fit:?}")>
                <a href=format!("#{card}") on:click=move |ev| {
                    ev.prevent_default();
                    focus_in_widget(&ev, &card);
                }>{p.name.get(lang).to_owned()}</a>
                <span class="shirube-tag">{tag}</span>
                <span class="shirube-gives">{p.gives.get(lang).to_owned()}</span>
                <span class="shirube-first-step">{t.first_step}{t.colon}{p.first_step.get(lang).to_owned()}</span>
            </li>
        }
    };
    let steps = steps
        .into_iter()
        .map(|(heading, when, programs)| {
            view! {
                <li data-when=when>
                    <H level=3>{heading}</H>
                    <ul>{programs.into_iter().map(line).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="shirube-overview" aria-labelledby="shirube-overview">
            <H level=2 id="shirube-overview">{t.overview_title}</H>
            // role: a list without markers is still announced as one (WebKit drops it).
            <ol class="shirube-pathway" role="list">{steps}</ol>
        </section>
    }
}

/// The id of a program's card heading, which the overview's links move to.
fn card_id(p: &Program) -> String {
    format!("shirube-program-{}", p.id)
}

/// A program that does not fit: why not, and the smallest change of answers that would make it fit.
#[component]
fn NotFitItem(r: Recommendation<'static>, answers: Answers, lang: Lang) -> impl IntoView {
    let rules = expect_context::<Flow>().rules;
    let would_fit_if = rules
        .counterfactual(r.program, &answers)
        .map(|c| c.describe(rules).get(lang).to_owned());
    let t = ui(lang);
    // One line: the reasons as sentences in a row.
    let why = (r.reasons.iter())
        .filter_map(|reason| reason.text)
        .map(|text| text.get(lang))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Ja { "" } else { " " });
    view! {
        <li data-program=r.program.id.clone()>
            <strong>{r.program.name.get(lang).to_owned()}</strong>
            {t.colon}
            <span class="shirube-not-fit-why">{why}</span>
            {would_fit_if.map(|text| view! { <p class="shirube-would-fit">{text}</p> })}
        </li>
    }
}

/// A program that fits or may fit: what it gives, what to check (when it may fit), what to do
/// next and every contact channel first; why it fits and the rest folded below.
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
    let check: Vec<&'static Text> = r
        .reasons_that(Truth::Unknown)
        .filter_map(|x| x.text)
        .collect();
    let why = r.why();
    let fits = r.fit == Fit::Fits;
    let next_steps = move || {
        view! {
            <H level=4>{t.next_steps}</H>
            <ol>{list(p.next_steps.iter().collect())}</ol>
        }
    };
    view! {
        <article class="shirube-program" data-program=p.id.clone() data-fit=format!("{:?}", r.fit)>
            <H level=3 id=card_id(p) focusable=true>{p.name.get(lang).to_owned()}</H>
            // The name in the other language and who runs it, on one line.
            <p class="shirube-runner">
                <span lang=other.code()>{p.name.get(other).to_owned()}</span>
                " · "{t.run_by}{t.colon}{p.runner.get(lang).to_owned()}
            </p>
            <p class="shirube-gives">{p.gives.get(lang).to_owned()}</p>
            {(!check.is_empty()).then(|| view! {
                <H level=4>{t.check}</H>
                <ul class="shirube-check">{list(check)}</ul>
            })}
            {fits.then(next_steps)}
            <Contact p lang />
            <Handover r=r.clone() lang />
            <details class="shirube-more">
                <summary>
                    {if fits { t.more } else { t.more_may }}
                    <span class="shirube-visually-hidden">{t.colon}{p.name.get(lang).to_owned()}</span>
                </summary>
                // A program that may fit leads with what to check; its steps come once it does.
                {(!fits).then(next_steps)}
                {(!why.is_empty()).then(|| view! {
                    <H level=4>{if fits { t.why } else { t.why_may }}</H>
                    <ul class="shirube-why">{list(why)}</ul>
                })}
                {(!r.notes.is_empty()).then(|| view! {
                    <H level=4>{t.notes}</H>
                    <ul>{list(r.notes.clone())}</ul>
                })}
                <p>{p.summary.get(lang).to_owned()}</p>
                <p class="shirube-source">
                    <span>{if p.sources.len() > 1 { t.sources } else { t.source }}{t.colon}</span>
                    {p.sources.iter().enumerate().map(|(i, s)| view! {
                        {(i > 0).then_some(if lang == Lang::Ja { "、" } else { "; " })}
                        <SourceCite source=s lang />
                    }).collect_view()}
                    " · "{t.reviewed}" "{p.reviewed.to_string()}
                </p>
            </details>
        </article>
    }
}

/// Every way to reach the program the rules give: its page, e-mail and phone.
#[component]
fn Contact(p: &'static Program, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    view! {
        <p class="shirube-contact">
            <span>{t.contact}{t.colon}</span>
            <OfficialLink url=contact_url(p, lang).to_owned() label=p.contact.label.get(lang).to_owned() lang />
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
    }
}

#[component]
fn Fallback(answers: Answers, lang: Lang) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let rules = flow.rules;
    view! {
        <section class="shirube-section shirube-fallback" aria-labelledby="shirube-fallback">
            <H level=2 id="shirube-fallback">{ui(lang).fallback_title}</H>
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
        let lang = flow.lang();
        let outcome = flow.with_outcome(Clone::clone);
        let answers = &outcome.answers;
        let rows = outcome
            .asked
            .iter()
            .map(|&q| {
                let question = &flow.rules.questions[q];
                let chosen: Vec<&str> = answers
                    .choice(q)
                    .options()
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
                <H level=2 id="shirube-answers">{ui(lang).answers_title}</H>
                // Folded: the result comes first; the answers, each with "Change", are one
                // click away (and printed in full, style/main.css).
                <details class="shirube-answers-details">
                    <summary>{counted(lang, ui(lang).answers_show, outcome.asked.len())}</summary>
                    <dl class="shirube-summary">{rows}</dl>
                </details>
            </section>
        }
    }
}
