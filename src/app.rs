//! The app shell: the flow's state, kept in step with the URL, and the screen it shows.

use gloo_events::EventListener;
use leptos::prelude::*;
use shirube_engine::{Answers, Lang, Link, LinkError, Outcome, Rules, Step};

use crate::i18n::{link_error, ui};
use crate::location;
use crate::screens::{QuestionPage, ResultPage, StartPage};

/// The state of one widget, shared with its screens through context.
#[derive(Clone, Copy)]
pub struct Flow {
    pub rules: &'static Rules,
    /// Every answer given, including answers to questions the flow now skips: they come back
    /// into play if an earlier answer is changed back.
    pub answers: RwSignal<Answers>,
    pub step: RwSignal<Step>,
    pub lang: RwSignal<Lang>,
    /// A link that could not be opened.
    pub link_error: RwSignal<Option<LinkError>>,
    /// Set when the user moves to another screen, so focus follows to its heading.
    pub moved: RwSignal<bool>,
    /// The result of the answers, computed once per change of answers for every screen.
    pub outcome: Memo<Outcome<'static>>,
    /// Set while the user changes an answer from the summary: Continue then returns to the
    /// result (or the first new question) instead of walking through the later answers.
    pub changing: RwSignal<bool>,
}

impl Flow {
    fn new(rules: &'static Rules) -> Flow {
        let answers = RwSignal::new(Answers::new(rules));
        Flow {
            rules,
            answers,
            outcome: Memo::new(move |_| rules.outcome(&answers.get())),
            step: RwSignal::new(Step::Start),
            lang: RwSignal::new(location::preferred_lang()),
            link_error: RwSignal::new(None),
            moved: RwSignal::new(false),
            changing: RwSignal::new(false),
        }
    }

    /// Opens a link's state, or starts afresh with a message if it cannot be opened.
    fn open(&self, fragment: &str) {
        match Link::decode(self.rules, fragment) {
            Ok(link) => {
                self.answers.set(link.answers);
                self.step.set(link.step);
                if let Some(lang) = link.lang {
                    self.lang.set(lang);
                }
            }
            Err(error) => {
                if let Some(lang) = Link::lang_of(fragment) {
                    self.lang.set(lang);
                }
                self.answers.set(Answers::new(self.rules));
                self.step.set(Step::Start);
                self.link_error.set(Some(error));
            }
        }
    }

    /// Goes to a screen at the user's request.
    pub fn go(&self, step: Step) {
        self.changing.set(false);
        self.link_error.set(None);
        self.moved.set(true);
        self.step.set(step);
    }

    /// Records the answer to question `q` and moves on to the next question that matters, or
    /// to the result when no answer can change it any more.
    /// Records the answer to question `q` and moves on: to the question that now follows it,
    /// showing its earlier answer if it has one; or, when changing an answer from the summary,
    /// straight to the first question still unanswered, else to the result.
    pub fn answer(&self, q: usize, options: u64) {
        self.answers.update(|a| a.set(q, options));
        let outcome = self.outcome.get_untracked();
        let following = outcome
            .asked
            .iter()
            .skip_while(|&&asked| asked != q)
            .nth(1)
            .copied()
            .filter(|_| !self.changing.get_untracked());
        self.go(following
            .or(outcome.next)
            .map_or(Step::Result, Step::Question));
    }

    /// Opens question `q` to change its answer from the summary.
    pub fn change(&self, q: usize) {
        self.go(Step::Question(q));
        self.changing.set(true);
    }

    /// Starts again with no answers.
    pub fn restart(&self) {
        self.answers.set(Answers::new(self.rules));
        self.go(Step::Start);
    }

    /// The screen to show: the requested step, unless the answers say otherwise (a question
    /// the flow does not reach, or a result before every question that matters is answered).
    pub fn screen(&self) -> Step {
        let step = self.step.get();
        self.outcome.with(|outcome| match step {
            Step::Start => Step::Start,
            Step::Question(q) if outcome.asked.contains(&q) || outcome.next == Some(q) => step,
            _ => outcome.next.map_or(Step::Result, Step::Question),
        })
    }

    /// The link (URL fragment) to the current answers and language on `step`.
    pub fn link(&self, step: Step) -> String {
        Link {
            answers: self.answers.get(),
            lang: Some(self.lang.get()),
            step,
        }
        .encode(self.rules)
    }
}

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    match Rules::embedded() {
        Ok(rules) => view! { <Widget rules=Box::leak(Box::new(rules)) /> }.into_any(),
        Err(error) => {
            let lang = location::preferred_lang();
            leptos::logging::error!("Shirube: {error}");
            view! {
                <div class="shirube" role="alert">
                    <p class="shirube-error">{ui(lang).rules_broken}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn Widget(rules: &'static Rules) -> impl IntoView {
    let flow = Flow::new(rules);
    flow.open(&location::fragment());
    provide_context(flow);

    // The URL follows the state: each move is a history entry, so the back button works.
    Effect::new(move |previous: Option<()>| {
        let fragment = flow.link(flow.step.get());
        if location::fragment() != fragment {
            if previous.is_none() {
                location::replace(&fragment);
            } else {
                location::push(&fragment);
            }
        }
    });
    // The state follows the URL when the user goes back or forward, or edits the link.
    let on_history = EventListener::new(&window(), "popstate", move |_| {
        flow.open(&location::fragment());
        flow.moved.set(true);
    });
    StoredValue::new_local(on_history);
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", flow.lang.get().code());
        }
    });

    let screen = Memo::new(move |_| flow.screen());
    // The page title names the screen, so each step is announced and listed in history.
    Effect::new(move |_| {
        let t = ui(flow.lang.get());
        let heading = match screen.get() {
            Step::Start => t.start_title,
            Step::Question(q) => flow.rules.questions[q].text.get(flow.lang.get()),
            Step::Result => t.result_title,
        };
        document().set_title(&format!("{heading} — {}", t.app_name));
    });
    view! {
        <div class="shirube" lang=move || flow.lang.get().code()>
            <Header />
            <main class="shirube-main" id="shirube-main">
                <LinkProblem />
                // Keyed by screen, so each question gets fresh inputs rather than the previous
                // question's inputs patched in place (which would carry their checked state).
                <For each=move || [screen.get()] key=|step| *step let(step)>
                    {match step {
                        Step::Start => view! { <StartPage /> }.into_any(),
                        Step::Question(q) => view! { <QuestionPage q /> }.into_any(),
                        Step::Result => view! { <ResultPage /> }.into_any(),
                    }}
                </For>
            </main>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = move || ui(flow.lang.get());
    let switch = move |_| flow.lang.update(|l| *l = l.other());
    view! {
        <header class="shirube-header">
            <p class="shirube-brand">
                <span class="shirube-name">{move || t().app_name}</span>
                <span class="shirube-tagline">{move || t().tagline}</span>
            </p>
            <button
                type="button"
                class="shirube-lang"
                on:click=switch
                lang=move || flow.lang.get().other().code()
                aria-label=move || t().switch_lang_label
            >
                {move || t().switch_to}
            </button>
        </header>
    }
}

#[component]
fn LinkProblem() -> impl IntoView {
    let flow = expect_context::<Flow>();
    move || {
        flow.link_error.get().map(|error| {
            let lang = flow.lang.get();
            view! {
                <div class="shirube-notice" role="alert">
                    <h2>{ui(lang).link_problem}</h2>
                    <p>{link_error(lang, &error)}</p>
                </div>
            }
        })
    }
}
