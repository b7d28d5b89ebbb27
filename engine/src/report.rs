//! Questions and outcomes as JSON, for the command-line tool and for downloads.

use serde_json::{json, Value};

use crate::answers::Answers;
use crate::counterfactual::Counterfactual;
use crate::outcome::{Fit, Outcome, Recommendation};
use crate::rules::{Question, Rules};

/// A question with its options, ids and both languages.
pub fn question_json(question: &Question) -> Value {
    json!({
        "id": question.id,
        "text": question.text,
        "hint": question.hint,
        "multiple": question.multiple,
        "options": question.options.iter().map(|o| json!({
            "id": o.id,
            "label": o.label,
            "unknown": o.unknown,
        })).collect::<Vec<_>>(),
    })
}

/// Every question, in the order the flow considers them.
pub fn questions_json(rules: &Rules) -> Value {
    json!({
        "reviewed": rules.meta.reviewed.to_string(),
        "questions": rules.questions.iter().map(question_json).collect::<Vec<_>>(),
    })
}

/// The outcome of `given` answers: programs that fit, may fit and do not fit, with reasons,
/// and the next question if any.
pub fn outcome_json(rules: &Rules, given: &Answers, outcome: &Outcome<'_>) -> Value {
    let group = |fit: Fit| {
        outcome
            .with_fit(fit)
            .map(|r| recommendation_json(rules, &outcome.answers, r))
            .collect::<Vec<_>>()
    };
    let ignored: Vec<&str> = given
        .answered()
        .filter(|q| !outcome.asked.contains(q))
        .map(|q| rules.questions[q].id.as_str())
        .collect();
    json!({
        "complete": outcome.is_complete(),
        "next_question": outcome.next.map(|q| question_json(&rules.questions[q])),
        "asked": outcome.asked.iter().map(|&q| &rules.questions[q].id).collect::<Vec<_>>(),
        "ignored_answers": ignored,
        "fits": group(Fit::Fits),
        "may_fit": group(Fit::MayFit),
        "does_not_fit": group(Fit::DoesNotFit),
        "fallback": outcome.needs_fallback().then(|| json!({
            "text": rules.fallback.text,
            "starts": rules.starting_points(&outcome.answers).map(|s| json!({"label": s.label, "url": s.url})).collect::<Vec<_>>(),
        })),
        "rules_reviewed": rules.meta.reviewed.to_string(),
    })
}

fn recommendation_json(rules: &Rules, answers: &Answers, r: &Recommendation<'_>) -> Value {
    let p = r.program;
    let would_fit_if = rules
        .counterfactual(p, answers)
        .map(|c| counterfactual_json(rules, &c));
    let reasons: Vec<Value> = r
        .reasons
        .iter()
        .map(|reason| {
            json!({
                "holds": reason.truth,
                "text": reason.text,
                "questions": reason.questions.iter().map(|&q| &rules.questions[q].id).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "id": p.id,
        "name": p.name,
        "runner": p.runner,
        "fit": r.fit,
        "reasons": reasons,
        "strengths": r.strengths,
        "notes": r.notes,
        "summary": p.summary,
        "next_steps": p.next_steps,
        "prepare": p.prepare,
        "contact": {"url": p.contact.url, "url_en": p.contact.url_en, "label": p.contact.label},
        "source": {"cite": p.source.cite, "url": p.source.url},
        "reviewed": p.reviewed.to_string(),
        "would_fit_if": would_fit_if,
    })
}

/// The smallest change of answers that would make a program fit: ids, and the sentence shown.
fn counterfactual_json(rules: &Rules, c: &Counterfactual) -> Value {
    let changes: Vec<Value> = c
        .changes
        .iter()
        .map(|change| {
            let question = &rules.questions[change.question];
            let options: Vec<&str> = question
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| change.options & 1 << i != 0)
                .map(|(_, o)| o.id.as_str())
                .collect();
            json!({"question": question.id, "options": options})
        })
        .collect();
    json!({
        "changes": changes,
        "depends_on_more_answers": c.depends_on_more_answers,
        "text": c.describe(rules),
    })
}
