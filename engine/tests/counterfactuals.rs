//! "Would fit if …": for a program that does not fit, the smallest change of answers that
//! would make it fit, checked by making that change.

use shirube_engine::{Answers, Fit, Rules, Truth};

fn answers(rules: &Rules, pairs: &[(&str, &str)]) -> Answers {
    Answers::from_pairs(rules, pairs.iter().copied()).unwrap()
}

/// A Japanese academic with a drug seed for adults only, early in development.
const ACADEMIC: &[(&str, &str)] = &[
    ("organisation", "academic"),
    ("base", "japan"),
    ("product", "drug"),
    ("stage", "early_clinical"),
    ("infectious", "no"),
    ("population", "adults_only"),
    ("patients_japan", "over_50000"),
    ("public_funding", "yes"),
    ("help", "regulatory"),
    ("help", "ip"),
];

#[test]
fn a_single_answer_change_is_said_in_both_languages() {
    let rules = Rules::embedded().unwrap();
    let given = answers(&rules, ACADEMIC);
    let outcome = rules.outcome(&given);
    let pediatric = rules.program("pediatric_plan").unwrap();
    let change = rules.counterfactual(pediatric, &outcome.answers).unwrap();
    let text = change.describe(&rules);
    assert_eq!(
        text.en,
        "It would fit if the answer to “Who are the patients?” were “Adults, and the disease also occurs in children”."
    );
    assert_eq!(
        text.ja,
        "「対象となる患者は誰ですか？」の答えが「成人（小児にも起こる病気）」であれば対象になります。"
    );
}

#[test]
fn several_changes_and_open_questions_are_said_too() {
    let rules = Rules::embedded().unwrap();
    let given = answers(&rules, ACADEMIC);
    let outcome = rules.outcome(&given);
    let dc = rules.program("pmda_dc").unwrap();
    let text = rules
        .counterfactual(dc, &outcome.answers)
        .unwrap()
        .describe(&rules);
    assert_eq!(
        text.en,
        "It would fit if the answer to “Which best describes your organisation?” were “A startup or small/mid-size biotech company”, and the answer to “Where is your organisation based?” were “The United States” or “Another country or region”."
    );
    assert_eq!(
        text.ja,
        "「あなたの組織に最も近いものはどれですか？」の答えが「スタートアップ・中小のバイオベンチャー」で、かつ「組織の拠点はどこにありますか？」の答えが「米国」または「その他の国・地域」であれば対象になります。"
    );
    let orphan = rules.program("orphan").unwrap();
    let change = rules.counterfactual(orphan, &outcome.answers).unwrap();
    assert!(change.depends_on_more_answers, "severity was never asked");
    assert!(change
        .describe(&rules)
        .en
        .ends_with("depending on your answers to further questions."));
}

#[test]
fn a_program_that_fits_or_may_fit_has_no_counterfactual() {
    let rules = Rules::embedded().unwrap();
    let outcome = rules.outcome(&answers(&rules, ACADEMIC));
    for r in outcome
        .recommendations
        .iter()
        .filter(|r| r.fit != Fit::DoesNotFit)
    {
        assert_eq!(rules.counterfactual(r.program, &outcome.answers), None);
    }
}

/// A small deterministic generator, so the sampled paths are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn making_the_suggested_change_makes_the_program_fit() {
    let rules = Rules::embedded().unwrap();
    let mut random = Lcg(25);
    let mut checked = 0;
    for _ in 0..300 {
        let mut given = Answers::new(&rules);
        while let Some(q) = rules.outcome(&given).next {
            given.set(q, 1 << random.below(rules.questions[q].options.len()));
        }
        let outcome = rules.outcome(&given);
        for r in outcome.with_fit(Fit::DoesNotFit) {
            let Some(change) = rules.counterfactual(r.program, &outcome.answers) else {
                continue;
            };
            // Take the last option offered for each change (every offered mix works).
            let mut changed = outcome.answers.clone();
            for c in &change.changes {
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
    assert!(checked > 500, "checked {checked} counterfactuals");
}
