//! One question: its options, a Continue that refuses no answer with an error summary, and
//! the way back.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use shirube_engine::{question_number, ui, Choice, Question, QuestionIndex, Step, Text};

use super::{focus_in_widget, Heading, H};
use crate::flow::Flow;

#[component]
pub fn QuestionPage(q: QuestionIndex) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let question = &flow.rules.questions[q];
    let t = move || ui(flow.lang());
    let text = move |text: &'static Text| text.get(flow.lang());

    let selected = RwSignal::new(flow.answers.get_untracked().choice(q));
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
        flow.with_outcome(|o| {
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
    // At most how many questions this path asks: those asked, and those that can still matter.
    let most = move || flow.with_outcome(|o| o.asked.len() + flow.rules.questions_left(&o.answers));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = selected.get_untracked();
        if chosen.is_empty() {
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

    let options = (0..question.options.len())
        .map(|i| option_choice(question, i, selected, error, flow))
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
            {error_summary(message, first_input.clone(), summary, flow)}
        })}
        <form class="shirube-form" novalidate on:submit=submit>
            <div class=move || if error.get() { "shirube-group shirube-group-error" } else { "shirube-group" }>
                <fieldset class="shirube-fieldset" aria-describedby=described_by>
                    <legend class="shirube-legend">
                        <span class="shirube-caption">{move || question_number(flow.lang(), number(), most())}</span>
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

/// One option of a question: a radio button, or a checkbox for a multiple-answer question.
/// (Plain functions rather than components: as components they added about 1 KB of wasm.)
fn option_choice(
    question: &'static Question,
    i: usize,
    selected: RwSignal<Choice>,
    error: RwSignal<bool>,
    flow: Flow,
) -> impl IntoView {
    let option = &question.options[i];
    let id = format!("shirube-{}-{}", question.id, option.id);
    let toggle = move |_| {
        if question.multiple {
            selected.update(|s| *s = s.toggled(i));
        } else {
            selected.set(Choice::only(i));
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
                prop:checked=move || selected.get().contains(i)
                on:change=toggle
            />
            <label for=id>{move || option.label.get(flow.lang())}</label>
        </div>
    }
}

/// What a refused Continue says, linking to the first option; it takes focus (`node`).
fn error_summary(
    message: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    first_input: String,
    node: NodeRef<html::Div>,
    flow: Flow,
) -> impl IntoView {
    view! {
        <div class="shirube-error-summary" role="alert" tabindex="-1" node_ref=node>
            <H level=2>{move || ui(flow.lang()).error_title}</H>
            <ul>
                <li>
                    <a href=format!("#{first_input}") on:click=move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        focus_in_widget(&ev, &first_input);
                    }>{message}</a>
                </li>
            </ul>
        </div>
    }
}
