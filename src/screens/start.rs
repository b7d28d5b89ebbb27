//! The start screen: what Shirube does, for whom, and how; then the first question.

use leptos::prelude::*;
use shirube_engine::{ui, Step};

use super::{Heading, Reviewed};
use crate::flow::Flow;

#[component]
pub fn StartPage() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = move || ui(flow.lang());
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
