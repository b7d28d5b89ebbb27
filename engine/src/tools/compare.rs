//! Whom a change of the rules affects: one user's result under the rules before and after an
//! edit, program by program (added, removed, moved between fits, may fit and does not fit).
//! The answers are carried across as a share link would carry them, so answers the edited rules
//! no longer know are left out and listed, as the app would.

use crate::evaluation::outcome::Fit;
use crate::formats::link::{Link, Step};
use crate::model::answers::Answers;
use crate::model::rules::Rules;

/// One program whose place in the result changed; `None` where the rules have no such program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub program: String,
    pub before: Option<Fit>,
    pub after: Option<Fit>,
}

/// How one user's result changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// In the order of the edited rules, then programs the edit removed.
    pub moved: Vec<Moved>,
    /// The answers (as `question=option`) the edited rules no longer know.
    pub dropped: Vec<String>,
}

/// The result of `answers` (given to `before`) under `before` and under `after`.
pub fn compare(before: &Rules, after: &Rules, answers: &Answers) -> Comparison {
    let link = Link {
        answers: answers.clone(),
        lang: None,
        step: Step::Result,
        ready: Default::default(),
        dropped: Vec::new(),
    };
    let carried =
        Link::decode(after, &link.encode(before)).unwrap_or_else(|_| Link::start(after, None));
    let fits = |rules: &Rules, answers: &Answers| -> Vec<(String, Fit)> {
        (rules.outcome(answers).recommendations.iter())
            .map(|r| (r.program.id.clone(), r.fit))
            .collect()
    };
    let was = fits(before, answers);
    let now = fits(after, &carried.answers);
    let fit_in =
        |list: &[(String, Fit)], id: &str| list.iter().find(|(p, _)| p == id).map(|&(_, f)| f);
    let ids = (after.programs.iter().map(|p| &p.id)).chain(
        before
            .programs
            .iter()
            .map(|p| &p.id)
            .filter(|id| after.program(id).is_none()),
    );
    let moved = ids
        .filter_map(|id| {
            let (before, after) = (fit_in(&was, id), fit_in(&now, id));
            (before != after).then(|| Moved {
                program: id.clone(),
                before,
                after,
            })
        })
        .collect();
    Comparison {
        moved,
        dropped: carried.dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EMBEDDED_RULES;

    fn edited(from: &str, to: &str) -> Rules {
        assert!(EMBEDDED_RULES.contains(from), "edit target present");
        Rules::check(&EMBEDDED_RULES.replacen(from, to, 1)).unwrap()
    }

    fn orphan_threshold_moved() -> Rules {
        edited(
            r#"when = { q = "patients_japan", in = ["under_1000", "under_50000"] }"#,
            r#"when = { q = "patients_japan", in = ["under_1000"], maybe = ["under_50000"] }"#,
        )
    }

    #[test]
    fn an_edit_moves_a_program_between_fits_and_may_fit_for_those_it_affects() {
        let shipped = Rules::embedded().unwrap();
        let after = orphan_threshold_moved();
        let answers = |patients: &str| {
            Answers::from_pairs(
                &shipped,
                [
                    ("organisation", "startup"),
                    ("base", "japan"),
                    ("product", "drug"),
                    ("stage", "candidate"),
                    ("population", "adults_only"),
                    ("patients_japan", patients),
                    ("severity", "serious_no_treatment"),
                ],
            )
            .unwrap()
        };
        let moved = compare(&shipped, &after, &answers("under_50000"));
        assert!(
            moved.moved.contains(&Moved {
                program: "orphan".into(),
                before: Some(Fit::Fits),
                after: Some(Fit::MayFit),
            }),
            "{moved:?}"
        );
        assert!(moved.dropped.is_empty());
        assert_eq!(
            compare(&shipped, &after, &answers("under_1000")),
            Comparison::default()
        );
        assert_eq!(
            compare(&shipped, &shipped, &answers("under_50000")),
            Comparison::default()
        );
    }

    #[test]
    fn a_removed_program_or_option_is_named() {
        let shipped = Rules::embedded().unwrap();
        let answers =
            Answers::from_pairs(&shipped, [("organisation", "startup"), ("help", "ip")]).unwrap();
        let mut fewer = shipped.clone();
        fewer.programs.retain(|p| p.id != "inpit");
        let help = fewer.questions.iter_mut().find(|q| q.id == "help").unwrap();
        help.options.retain(|o| o.id != "ip");
        let compared = compare(&shipped, &fewer, &answers);
        let inpit = compared
            .moved
            .iter()
            .find(|m| m.program == "inpit")
            .unwrap();
        assert_eq!(inpit.after, None);
        assert!(inpit.before.is_some());
        assert_eq!(compared.dropped, ["help=ip"]);
    }
}
