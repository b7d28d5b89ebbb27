//! The flow's state for one widget: the answers, the screen asked for, the language and the
//! notices, with the moves a user makes (answer, change, go back, start again). Every screen
//! reads it from context; it knows nothing of where the widget is hosted.

use std::sync::OnceLock;

use leptos::prelude::*;
use shirube_engine::{
    Answers, Choice, Lang, Link, LinkError, Outcome, QuestionIndex, Ready, Rules, RulesError, Step,
};

/// The rules the page runs on, read once from the published rules file (`rules.bin`, packed and
/// checked by `shirube pack` or the build) and shared by every widget on the page.
static RULES: OnceLock<Rules> = OnceLock::new();

/// Set when the published rules file was refused and the page runs on the last good copy the
/// browser kept (`embed/rules.js`): every widget says so.
static KEPT: OnceLock<()> = OnceLock::new();

/// Takes the rules the loader fetched: checked (`Rules::unpack`: the format, the checksum, every
/// reference), then used by every widget mounted afterwards. `kept` says these are the last
/// good copy, used because the published file was refused. Rules already taken stay: a page
/// runs on one set of rules. The error says why the bytes were refused.
pub fn use_rules(packed: &[u8], kept: bool) -> Result<(), RulesError> {
    if RULES.get().is_none() {
        let _ = RULES.set(Rules::unpack(packed)?);
        if kept {
            let _ = KEPT.set(());
        }
    }
    Ok(())
}

/// The rules the page runs on, or `None` if no rules file could be read.
pub fn rules() -> Option<&'static Rules> {
    RULES.get()
}

/// Whether the page runs on the last good rules because the published file was refused.
pub fn rules_kept() -> bool {
    KEPT.get().is_some()
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
    /// The "what to prepare" items the user has ticked, kept in the link.
    pub ready: RwSignal<Ready>,
    /// What the current screen reads the language, the outcome and the ticks through.
    relays: StoredValue<Relays>,
}

/// One trigger per value a screen reads (the language, the outcome, the ticks), made for the
/// screen on show and dropped with it, each notified when its value changes.
///
/// A screen's reactive parts must not subscribe to the widget's own signals: Leptos (0.8)
/// keeps a subscriber in a signal's list until the subscriber runs again, so every text of
/// every screen ever shown stayed listed in `lang` for the widget's life (review defect 6:
/// the WebAssembly memory grew about 0.75 KB per screen change). A screen's triggers go with
/// the screen, their lists with them; the widget's signals keep the three relays, which run
/// again on every change.
#[derive(Default)]
struct Relays {
    lang: ArcTrigger,
    outcome: ArcTrigger,
    ready: ArcTrigger,
}

impl Flow {
    pub fn new(rules: &'static Rules, lang: Lang) -> Flow {
        let answers = RwSignal::new(Answers::new(rules));
        let flow = Flow {
            rules,
            answers,
            outcome: Memo::new(move |_| rules.outcome(&answers.get())),
            step: RwSignal::new(Step::Start),
            lang: RwSignal::new(lang),
            link_error: RwSignal::new(None),
            link_dropped: RwSignal::new(Vec::new()),
            moved: RwSignal::new(false),
            changing: RwSignal::new(false),
            ready: RwSignal::new(Ready::default()),
            relays: StoredValue::new(Relays::default()),
        };
        let relays = flow.relays;
        Effect::new(move |_| {
            flow.lang.track();
            relays.with_value(|r| r.lang.notify());
        });
        Effect::new(move |_| {
            flow.outcome.track();
            relays.with_value(|r| r.outcome.notify());
        });
        Effect::new(move |_| {
            flow.ready.track();
            relays.with_value(|r| r.ready.notify());
        });
        flow
    }

    /// Starts the relays of a new screen (see `Relays`): call it as the screen is built,
    /// before any of its parts reads the flow.
    pub fn new_screen(&self) {
        self.relays.set_value(Relays::default());
    }

    /// The language, read by a screen (its parts follow a change). Parts of the widget that
    /// stay for its life (the header, the notices) read `lang` itself.
    pub fn lang(&self) -> Lang {
        self.relays.with_value(|r| r.lang.track());
        self.lang.get_untracked()
    }

    /// The outcome of the answers, read by a screen (its parts follow a change).
    pub fn with_outcome<T>(&self, f: impl FnOnce(&Outcome<'static>) -> T) -> T {
        self.relays.with_value(|r| r.outcome.track());
        self.outcome.with_untracked(f)
    }

    /// The ticked "what to prepare" items, read by a screen (its parts follow a change).
    pub fn with_ready<T>(&self, f: impl FnOnce(&Ready) -> T) -> T {
        self.relays.with_value(|r| r.ready.track());
        self.ready.with_untracked(f)
    }

    /// Opens a link's state (noting the parts left out), or starts afresh with a message if
    /// it cannot be opened.
    pub fn open(&self, fragment: &str) {
        match Link::decode(self.rules, fragment) {
            Ok(link) => {
                self.link_error.set(None);
                self.answers.set(link.answers);
                self.ready.set(link.ready);
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

    /// Returns to a history entry (the browser's Back or Forward): its screen and answers,
    /// keeping the answers given since, which its link does not hold (so Back shows the
    /// previous question with its answer), and the language the user chose last.
    pub fn return_to(&self, fragment: &str) {
        let since = self.answers.get_untracked();
        let lang = self.lang.get_untracked();
        self.open(fragment);
        if self.link_error.get_untracked().is_some() {
            return;
        }
        self.lang.set(lang);
        // The start holds no answers: after "Start again", Forward to it must not bring the
        // cleared answers back.
        if self.step.get_untracked() == Step::Start {
            return;
        }
        self.answers.update(|answers| {
            for q in 0..self.rules.questions.len() {
                if let (false, Some(mask)) = (answers.is_answered(q), since.get(q)) {
                    answers.set(q, mask);
                }
            }
        });
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
    pub fn answer(&self, q: QuestionIndex, choice: Choice) {
        self.answers.update(|a| a.choose(q, choice));
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
    pub fn change(&self, q: QuestionIndex) {
        self.go(Step::Question(q));
        self.changing.set(true);
    }

    /// Starts again with no answers.
    pub fn restart(&self) {
        self.answers.set(Answers::new(self.rules));
        self.ready.set(Ready::default());
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
            ready: self.ready.get(),
            dropped: Vec::new(),
        }
        .encode(self.rules)
    }
}
