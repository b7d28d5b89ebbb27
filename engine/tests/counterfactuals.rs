//! "Would fit if …": for a program that does not fit, the smallest change of answers that
//! would make it fit, checked by making that change.

mod support;

use shirube_engine::{Answers, Fit, Rules, Truth};

/// The answers of every persona, on the path the flow takes.
fn personas(rules: &Rules) -> Vec<(String, Answers)> {
    support::persona_files()
        .into_iter()
        .map(|path| {
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let given = Answers::from_json(rules, &json["answers"]).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, rules.outcome(&given).answers)
        })
        .collect()
}

#[test]
fn each_program_a_persona_does_not_fit_says_which_answers_would_change_that() {
    let rules = Rules::embedded().unwrap();
    let mut said = 0;
    for (name, answers) in personas(&rules) {
        for r in rules.recommendations(&answers) {
            // None: the program fits or may fit, or more than three answers would have to change.
            let Some(change) = rules.counterfactual(r.program, &answers) else {
                continue;
            };
            assert_eq!(r.fit, Fit::DoesNotFit, "{name}: {}", r.program.id);
            let text = change.describe(&rules);
            let (en_start, ja_end) = if change.depends_on_more_answers {
                ("It could fit if ", "対象になる可能性があります。")
            } else {
                ("It would fit if ", "対象になります。")
            };
            assert!(text.en.starts_with(en_start), "{name}: {}", text.en);
            assert!(text.ja.ends_with(ja_end), "{name}: {}", text.ja);
            for c in &change.changes {
                let question = &rules.questions[c.question];
                assert!(!question.fixed, "{name}: suggests changing {}", question.id);
                assert!(
                    text.en.contains(&format!("“{}”", question.text.en)),
                    "{}",
                    text.en
                );
                assert!(
                    text.ja.contains(&format!("「{}」", question.text.ja)),
                    "{}",
                    text.ja
                );
                for (o, option) in question.options.iter().enumerate() {
                    let offered = c.options & 1 << o != 0;
                    assert_eq!(
                        text.en.contains(&format!("“{}”", option.label.en)),
                        offered,
                        "{}",
                        text.en
                    );
                }
            }
            said += 1;
        }
    }
    assert!(
        said >= 13,
        "every persona has programs that do not fit: {said}"
    );
}

#[test]
fn making_the_suggested_change_makes_the_program_fit() {
    let rules = Rules::embedded().unwrap();
    let mut random = support::Lcg(25);
    let mut checked = 0;
    for _ in 0..300 {
        let mut given = Answers::new(&rules);
        while let Some(q) = rules.outcome(&given).next {
            given.set(q.get(), 1 << random.below(rules.questions[q].options.len()));
        }
        let outcome = rules.outcome(&given);
        for r in outcome.with_fit(Fit::DoesNotFit) {
            let Some(change) = rules.counterfactual(r.program, &outcome.answers) else {
                continue;
            };
            // Take the last option offered for each change (every offered mix works).
            let mut changed = outcome.answers.clone();
            for c in &change.changes {
                assert!(!rules.questions[c.question].fixed, "{}", r.program.id);
                let option = 63 - c.options.leading_zeros() as usize;
                let current = changed.get(c.question).unwrap_or(0);
                let mask = if rules.questions[c.question].multiple {
                    current | 1 << option
                } else {
                    1 << option
                };
                changed.set(c.question, mask);
            }
            let truths: Vec<Truth> = r
                .program
                .requires
                .iter()
                .map(|c| c.when.eval(&changed))
                .collect();
            assert!(!truths.contains(&Truth::No), "{}: {truths:?}", r.program.id);
            if !change.depends_on_more_answers {
                assert!(truths.iter().all(|&t| t == Truth::Yes), "{}", r.program.id);
            }
            checked += 1;
        }
    }
    assert!(checked > 400, "checked {checked} counterfactuals");
}
