//! The app shell: the flow's state, kept in step with the URL (standalone) or the host element
//! (embedded), and the screen it shows.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::OnceLock;

use gloo_events::EventListener;
use leptos::prelude::*;
use shirube_engine::{Answers, Fit, Lang, Link, LinkError, Outcome, Rules, RulesError, Step};
use wasm_bindgen::{JsCast, JsValue};

use crate::frame;
use crate::i18n::{link_error, ui};
use crate::location;
use crate::screens::{QuestionPage, ResultPage, StartPage};

thread_local! {
    /// A waiting new version's acceptance, and the signal that shows the offer on this page.
    static UPDATE: std::cell::RefCell<(Option<js_sys::Function>, Option<RwSignal<bool>>)> =
        const { std::cell::RefCell::new((None, None)) };
}

/// Offers the user a newer version of the app (see [`crate::offer_update`]).
pub fn offer_update(accept: js_sys::Function) {
    UPDATE.with_borrow_mut(|(waiting, shown)| {
        *waiting = Some(accept);
        if let Some(shown) = shown {
            // The widget may be gone (unmounted); then there is nothing to show.
            let _ = shown.try_set(true);
        }
    });
}

/// The rules, checked and packed by the build (`build.rs`).
static PACKED_RULES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));

/// The rules, unpacked once per page and shared by every widget on it.
pub fn rules() -> Result<&'static Rules, &'static RulesError> {
    static RULES: OnceLock<Result<Rules, RulesError>> = OnceLock::new();
    RULES.get_or_init(|| Rules::unpack(PACKED_RULES)).as_ref()
}

/// Where a widget runs.
#[derive(Clone)]
pub enum Host {
    /// Its own page: the state is in the URL fragment, and the page's title and language follow
    /// the widget.
    Page,
    /// Inside a host page's element: the state stays in memory, the host page's URL, title and
    /// language are left alone, and the host hears of steps and results through events on
    /// `element`.
    Element {
        element: web_sys::HtmlElement,
        /// The standalone app's address, which share links point to.
        app_url: String,
    },
    /// Its own page inside a host page's iframe: the state is in the frame's URL fragment (without
    /// history entries, which would be the host's), and the host at `origin` hears of the height,
    /// steps and results by `postMessage`.
    Frame { origin: String },
}

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
    /// Parts of an opened link that no longer match the questions and were left out.
    pub link_dropped: RwSignal<Vec<String>>,
    /// Set when the user moves to another screen, so focus follows to its heading.
    pub moved: RwSignal<bool>,
    /// The result of the answers, computed once per change of answers for every screen.
    pub outcome: Memo<Outcome<'static>>,
    /// Set while the user changes an answer from the summary: Continue then returns to the
    /// result (or the first new question) instead of walking through the later answers.
    pub changing: RwSignal<bool>,
}

impl Flow {
    fn new(rules: &'static Rules, lang: Lang) -> Flow {
        let answers = RwSignal::new(Answers::new(rules));
        Flow {
            rules,
            answers,
            outcome: Memo::new(move |_| rules.outcome(&answers.get())),
            step: RwSignal::new(Step::Start),
            lang: RwSignal::new(lang),
            link_error: RwSignal::new(None),
            link_dropped: RwSignal::new(Vec::new()),
            moved: RwSignal::new(false),
            changing: RwSignal::new(false),
        }
    }

    /// Opens a link's state (noting the parts left out), or starts afresh with a message if
    /// it cannot be opened.
    pub fn open(&self, fragment: &str) {
        match Link::decode(self.rules, fragment) {
            Ok(link) => {
                self.answers.set(link.answers);
                self.step.set(link.step);
                if let Some(lang) = link.lang {
                    self.lang.set(lang);
                }
                self.link_dropped.set(link.dropped);
            }
            Err(error) => {
                self.link_dropped.set(Vec::new());
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
        self.link_dropped.set(Vec::new());
        self.moved.set(true);
        self.step.set(step);
    }

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
            dropped: Vec::new(),
        }
        .encode(self.rules)
    }
}

/// The whole widget, on its own page.
#[component]
pub fn App() -> impl IntoView {
    view! { <Shirube host=Host::Page lang=None state=None /> }
}

/// The widget in a host: `lang` overrides the page's and browser's language; `state` is a link
/// fragment to start from (answers, screen, language); `control` receives the widget's state,
/// so the host can change it later.
#[component]
pub fn Shirube(
    host: Host,
    lang: Option<Lang>,
    state: Option<String>,
    #[prop(optional)] control: Option<Rc<Cell<Option<Flow>>>>,
) -> impl IntoView {
    let lang = lang.unwrap_or_else(location::preferred_lang);
    match rules() {
        Ok(rules) => {
            let flow = Flow::new(rules, lang);
            if let Some(control) = control {
                control.set(Some(flow));
            }
            view! { <Widget flow host state /> }.into_any()
        }
        Err(error) => {
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
fn Widget(flow: Flow, host: Host, state: Option<String>) -> impl IntoView {
    provide_context(flow);
    provide_context(host.clone());
    let screen = Memo::new(move |_| flow.screen());
    match &host {
        Host::Page => {
            flow.open(&location::fragment());
            follow_the_page(flow, true);
        }
        Host::Element { element, .. } => {
            if let Some(state) = state.filter(|s| !s.trim().is_empty()) {
                flow.open(&state);
            }
            let element = StoredValue::new_local(element.clone());
            tell_the_host(flow, screen, move |name, detail| {
                element.with_value(|e| dispatch(e, name, detail))
            });
        }
        Host::Frame { origin } => {
            flow.open(&location::fragment());
            follow_the_page(flow, false);
            let to = origin.clone();
            tell_the_host(flow, screen, move |name, detail| {
                frame::post(
                    &to,
                    &frame::js_object(&[("type", name.into()), ("detail", detail.clone())]),
                )
            });
            frame::report_height(origin.clone());
            frame::follow_the_host(flow, origin.clone());
        }
    }
    let update = RwSignal::new(false);
    if !matches!(host, Host::Element { .. }) {
        UPDATE.with_borrow_mut(|(waiting, shown)| {
            update.set(waiting.is_some());
            *shown = Some(update);
        });
    }
    if matches!(host, Host::Page) {
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
    }
    view! {
        <div class="shirube" lang=move || flow.lang.get().code()>
            <Header />
            <main class="shirube-main" id="shirube-main">
                <UpdateOffer shown=update />
                <LinkProblem />
                // Rendered again whenever the screen changes. From one question to the next,
                // Leptos patches the same elements in place, so nothing a question shows may be
                // left to the DOM: each input's checked state is bound to the answers
                // (`prop:checked` in QuestionPage). A keyed <For> would build fresh elements
                // instead, for about 5 KB more of compressed wasm.
                {move || match screen.get() {
                    Step::Start => view! { <StartPage /> }.into_any(),
                    Step::Question(q) => view! { <QuestionPage q /> }.into_any(),
                    Step::Result => view! { <ResultPage /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// On its own page, the URL and the page's language follow the widget, and the widget follows
/// the browser's back and forward buttons. With `history`, each move is a history entry, so the
/// back button works; without (in a frame), the fragment is only kept up to date.
fn follow_the_page(flow: Flow, history: bool) {
    Effect::new(move |previous: Option<()>| {
        let fragment = flow.link(flow.step.get());
        if location::fragment() != fragment {
            if previous.is_none() || !history {
                location::replace(&fragment);
            } else {
                location::push(&fragment);
            }
        }
    });
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
}

/// Embedded, the widget tells its host where the user is, with events that carry only ids:
/// `shirube:step` on every screen, `shirube:result` when the result is shown or changes.
fn tell_the_host(flow: Flow, step: Memo<Step>, notify: impl Fn(&str, &JsValue) + Clone + 'static) {
    let on_step = notify.clone();
    Effect::new(move |_| {
        let (name, question) = match step.get() {
            Step::Start => ("start", JsValue::NULL),
            Step::Question(q) => ("question", flow.rules.questions[q].id.as_str().into()),
            Step::Result => ("result", JsValue::NULL),
        };
        let detail = frame::js_object(&[("step", name.into()), ("question", question)]);
        on_step("shirube:step", &detail);
    });
    Effect::new(move |_| {
        if step.get() != Step::Result {
            return;
        }
        let detail = flow.outcome.with(|outcome| {
            let ids = |fit| {
                outcome
                    .with_fit(fit)
                    .map(|r| JsValue::from_str(&r.program.id))
                    .collect::<js_sys::Array>()
                    .into()
            };
            frame::js_object(&[("fits", ids(Fit::Fits)), ("may_fit", ids(Fit::MayFit))])
        });
        notify("shirube:result", &detail);
    });
}

/// Fires a `CustomEvent` that bubbles out of the shadow root to the host page.
fn dispatch(element: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
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

/// "A new version is available — Reload", when the service worker has one waiting.
#[component]
fn UpdateOffer(shown: RwSignal<bool>) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let accept = move |_| {
        let accept = UPDATE.with_borrow(|(waiting, _)| waiting.clone());
        if let Some(accept) = accept {
            let _ = accept.call0(&wasm_bindgen::JsValue::NULL);
        }
    };
    view! {
        <div class="shirube-update" class:shirube-shown=move || shown.get() role="status">
            {move || shown.get().then(|| view! {
                <p>{move || ui(flow.lang.get()).update_available}</p>
                <button type="button" class="shirube-button" on:click=accept>
                    {move || ui(flow.lang.get()).update_reload}
                </button>
            })}
        </div>
    }
}

#[component]
fn LinkProblem() -> impl IntoView {
    /// The most left-out parts listed; a crafted link could carry thousands.
    const LISTED: usize = 6;
    let flow = expect_context::<Flow>();
    let error = move || {
        flow.link_error.get().map(|error| {
            let lang = flow.lang.get();
            view! {
                <div class="shirube-notice" role="alert">
                    <h2>{ui(lang).link_problem}</h2>
                    <p>{link_error(lang, &error)}</p>
                </div>
            }
        })
    };
    let dropped = move || {
        let dropped = flow.link_dropped.get();
        (!dropped.is_empty()).then(|| {
            let t = ui(flow.lang.get());
            let mut listed: Vec<String> = dropped.iter().take(LISTED).cloned().collect();
            if dropped.len() > LISTED {
                listed.push(format!("… (+{})", dropped.len() - LISTED));
            }
            view! {
                <div class="shirube-notice shirube-link-dropped" role="status">
                    <h2>{t.link_partly}</h2>
                    <p>{t.link_dropped}</p>
                    <ul>{listed.into_iter().map(|part| view! { <li><code>{part}</code></li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! { {error} {dropped} }
}
