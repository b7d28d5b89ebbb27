//! Questions and outcomes as JSON, for the command-line tool and for downloads.

use crate::evaluation::counterfactual::Counterfactual;
use crate::evaluation::outcome::{Fit, Outcome, Recommendation};
use crate::formats::json::Json;
use crate::model::answers::Answers;
use crate::model::condition::Truth;
use crate::model::rules::{Question, Rules};

/// A question with its options, ids and both languages.
pub fn question_json(question: &Question) -> Json {
    Json::object([
        ("id", (&question.id).into()),
        ("text", (&question.text).into()),
        ("hint", question.hint.as_ref().into()),
        ("multiple", question.multiple.into()),
        ("fixed", question.fixed.into()),
        (
            "options",
            Json::array(question.options.iter().map(|o| {
                Json::object([
                    ("id", (&o.id).into()),
                    ("label", (&o.label).into()),
                    ("unknown", o.unknown.into()),
                ])
            })),
        ),
    ])
}

/// Every question, in the order the flow considers them.
pub fn questions_json(rules: &Rules) -> Json {
    Json::object([
        ("reviewed", rules.meta.reviewed.to_string().into()),
        (
            "questions",
            Json::array(rules.questions.iter().map(question_json)),
        ),
    ])
}

/// The outcome of `given` answers: programs that fit, may fit and do not fit, with reasons,
/// and the next question if any.
pub fn outcome_json(rules: &Rules, given: &Answers, outcome: &Outcome<'_>) -> Json {
    let group = |fit: Fit| {
        Json::array(
            outcome
                .with_fit(fit)
                .map(|r| recommendation_json(rules, &outcome.answers, r)),
        )
    };
    let id = |q: usize| &rules.questions[q].id;
    let fallback = outcome.needs_fallback().then(|| {
        Json::object([
            ("text", (&rules.fallback.text).into()),
            (
                "starts",
                Json::array(rules.starting_points(&outcome.answers).map(|s| {
                    Json::object([("label", (&s.label).into()), ("url", (&s.url).into())])
                })),
            ),
        ])
    });
    Json::object([
        ("complete", outcome.is_complete().into()),
        (
            "next_question",
            outcome
                .next
                .map(|q| question_json(&rules.questions[q]))
                .into(),
        ),
        (
            "asked",
            Json::array(outcome.asked.iter().map(|q| id(q.get()))),
        ),
        (
            "ignored_answers",
            Json::array(
                given
                    .answered()
                    .filter(|&q| !outcome.asked.iter().any(|a| a.get() == q))
                    .map(id),
            ),
        ),
        ("fits", group(Fit::Fits)),
        ("may_fit", group(Fit::MayFit)),
        ("does_not_fit", group(Fit::DoesNotFit)),
        ("fallback", fallback.into()),
        ("rules_reviewed", rules.meta.reviewed.to_string().into()),
    ])
}

fn recommendation_json(rules: &Rules, answers: &Answers, r: &Recommendation<'_>) -> Json {
    let p = r.program;
    let would_fit_if = rules
        .counterfactual(p, answers)
        .map(|c| counterfactual_json(rules, &c));
    let reasons = Json::array(r.reasons.iter().map(|reason| {
        Json::object([
            ("holds", truth_id(reason.truth).into()),
            ("text", reason.text.into()),
            (
                "questions",
                Json::array(reason.questions.iter().map(|&q| &rules.questions[q].id)),
            ),
        ])
    }));
    Json::object([
        ("id", (&p.id).into()),
        ("name", (&p.name).into()),
        ("runner", (&p.runner).into()),
        ("fit", fit_id(r.fit).into()),
        ("reasons", reasons),
        ("strengths", Json::array(r.strengths.iter().copied())),
        ("notes", Json::array(r.notes.iter().copied())),
        ("summary", (&p.summary).into()),
        ("gives", (&p.gives).into()),
        ("first_step", (&p.first_step).into()),
        ("next_steps", Json::array(&p.next_steps)),
        ("prepare", Json::array(&p.prepare)),
        ("ask", Json::array(&p.ask)),
        (
            "contact",
            Json::object([
                ("url", (&p.contact.url).into()),
                ("url_en", p.contact.url_en.as_ref().into()),
                ("label", (&p.contact.label).into()),
                ("email", p.contact.email.as_ref().into()),
                ("phone", p.contact.phone.as_ref().into()),
            ]),
        ),
        (
            "sources",
            Json::array(p.sources.iter().map(|s| {
                Json::object([("cite", (&s.cite).into()), ("url", s.url.as_ref().into())])
            })),
        ),
        ("reviewed", p.reviewed.to_string().into()),
        ("would_fit_if", would_fit_if.into()),
    ])
}

/// The smallest change of answers that would make a program fit: ids, and the sentence shown.
fn counterfactual_json(rules: &Rules, c: &Counterfactual) -> Json {
    let changes = Json::array(c.changes.iter().map(|change| {
        let question = &rules.questions[change.question];
        let options = question
            .options
            .iter()
            .enumerate()
            .filter(|(i, _)| change.options & 1 << i != 0)
            .map(|(_, o)| &o.id);
        Json::object([
            ("question", (&question.id).into()),
            ("options", Json::array(options)),
        ])
    }));
    Json::object([
        ("changes", changes),
        ("depends_on_more_answers", c.depends_on_more_answers.into()),
        ("text", (&c.describe(rules)).into()),
    ])
}

/// How a fit is written: `fits`, `may_fit`, `does_not_fit`.
fn fit_id(fit: Fit) -> &'static str {
    match fit {
        Fit::Fits => "fits",
        Fit::MayFit => "may_fit",
        Fit::DoesNotFit => "does_not_fit",
    }
}

/// How a reason's truth is written: `yes`, `no`, `unknown`.
fn truth_id(truth: Truth) -> &'static str {
    match truth {
        Truth::Yes => "yes",
        Truth::No => "no",
        Truth::Unknown => "unknown",
    }
}
