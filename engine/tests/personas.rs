//! Personas: a user's answers in, the programs they should be sent to out.
//!
//! Each file in `tests/personas/` holds the answers a persona gives along the question flow,
//! the programs that fit and may fit, in ranked order, and for each of those programs why an
//! expert would send the persona there and the official page that says so.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use shirube_engine::{is_official_url, is_site_root, Answers, Fit, Rules, Truth};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Persona {
    persona: String,
    /// One line: why these programs, as an expert would put it.
    rationale: String,
    answers: serde_json::Value,
    fits: Vec<String>,
    may_fit: Vec<String>,
    /// For every program in `fits` and `may_fit`: why, and the official page that says so.
    why: BTreeMap<String, Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    because: String,
    source: String,
}

fn personas() -> Vec<(String, Persona)> {
    support::persona_files()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable persona");
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let persona = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("persona {name} is not valid: {e}"));
            (name, persona)
        })
        .collect()
}

/// The visible result, compactly: each program's fit, and for those that fit or may fit, their
/// reasons, strengths and notes. (A skipped question may add one more "why not" to a program
/// already ruled out; that changes nothing the user can act on.)
fn shown(recommendations: &[shirube_engine::Recommendation<'_>]) -> Vec<String> {
    recommendations
        .iter()
        .map(|r| {
            if r.fit == Fit::DoesNotFit {
                return format!("{} {:?}", r.program.id, r.fit);
            }
            let reasons: Vec<_> = r
                .reasons
                .iter()
                .map(|x| (x.truth, x.text.map(|t| &t.en)))
                .collect();
            let notes: Vec<_> = r.notes.iter().chain(&r.strengths).map(|t| &t.en).collect();
            format!("{} {:?} {:?} {:?}", r.program.id, r.fit, reasons, notes)
        })
        .collect()
}

fn ids<'a>(outcome: &'a shirube_engine::Outcome<'a>, fit: Fit) -> Vec<&'a str> {
    outcome
        .with_fit(fit)
        .map(|r| r.program.id.as_str())
        .collect()
}

#[test]
fn each_persona_is_routed_to_the_programs_expected() {
    let rules = Rules::embedded().unwrap();
    let all = personas();
    assert!(all.len() >= 40, "at least 40 personas, found {}", all.len());
    for (name, persona) in &all {
        let answers =
            Answers::from_json(&rules, &persona.answers).unwrap_or_else(|e| panic!("{name}: {e}"));
        let outcome = rules.outcome(&answers);
        assert!(
            outcome.is_complete(),
            "{name} ({}): the flow still asks {:?}",
            persona.persona,
            outcome.next.map(|q| &rules.questions[q].id)
        );
        let asked: BTreeSet<usize> = outcome.asked.iter().map(|q| q.get()).collect();
        let given: BTreeSet<usize> = answers.answered().collect();
        assert_eq!(
            asked, given,
            "{name}: the persona answers a question the flow skips, or skips one it asks"
        );
        assert_eq!(
            ids(&outcome, Fit::Fits),
            persona.fits,
            "{name}: programs that fit"
        );
        assert_eq!(
            ids(&outcome, Fit::MayFit),
            persona.may_fit,
            "{name}: programs that may fit"
        );
    }
}

#[test]
fn the_personas_reach_every_program() {
    let rules = Rules::embedded().unwrap();
    let reached: BTreeSet<String> = personas().into_iter().flat_map(|(_, p)| p.fits).collect();
    let all: BTreeSet<String> = rules.programs.iter().map(|p| p.id.clone()).collect();
    assert_eq!(reached, all, "every program fits at least one persona");
}

#[test]
fn each_persona_says_why_in_one_line_and_cites_an_official_page_for_each_program() {
    let rules = Rules::embedded().unwrap();
    for (name, persona) in personas() {
        let one_line = |text: &str| !text.trim().is_empty() && !text.contains('\n');
        assert!(one_line(&persona.persona), "{name}: a one-line description");
        assert!(one_line(&persona.rationale), "{name}: a one-line rationale");
        let expected: BTreeSet<&String> = persona.fits.iter().chain(&persona.may_fit).collect();
        let explained: BTreeSet<&String> = persona.why.keys().collect();
        assert_eq!(
            explained, expected,
            "{name}: `why` explains exactly the programs in `fits` and `may_fit`"
        );
        for (program, why) in &persona.why {
            assert!(
                one_line(&why.because),
                "{name}: {program}: a one-line reason"
            );
            let url = &why.source;
            assert!(
                is_official_url(url) && !is_site_root(url),
                "{name}: {program}: {url} is a specific official page"
            );
            let p = rules.program(program).expect("a program of the rules");
            let cited = p
                .sources
                .iter()
                .filter_map(|s| s.url.as_ref())
                .chain([&p.contact.url]);
            assert!(
                cited.chain(&p.contact.url_en).any(|u| u == url),
                "{name}: {program}: {url} is one of the program's sources or its contact page, so the rules cite it too"
            );
        }
    }
}

#[test]
fn every_result_says_why() {
    let rules = Rules::embedded().unwrap();
    for (name, persona) in personas() {
        let answers = Answers::from_json(&rules, &persona.answers).unwrap();
        let outcome = rules.outcome(&answers);
        for r in &outcome.recommendations {
            let expected = match r.fit {
                Fit::Fits => Truth::Yes,
                Fit::MayFit => Truth::Unknown,
                Fit::DoesNotFit => Truth::No,
            };
            let explained: Vec<_> = r.reasons_that(expected).collect();
            assert!(
                !explained.is_empty(),
                "{name}: {} has no reason",
                r.program.id
            );
            assert!(
                explained.iter().all(|reason| reason.text.is_some()),
                "{name}: {} has a reason with no text",
                r.program.id
            );
        }
        assert_eq!(
            outcome.needs_fallback(),
            persona.fits.is_empty(),
            "{name}: fallback"
        );
    }
}

/// Answers each question the flow skipped with each of its options, and checks that the
/// result stays the same.
fn assert_skipped_questions_do_not_matter(rules: &Rules, answers: &Answers, context: &str) {
    let outcome = rules.outcome(answers);
    let base = shown(&rules.recommendations(&outcome.answers));
    for q in (0..rules.questions.len()).filter(|&q| !outcome.asked.iter().any(|a| a.get() == q)) {
        for option in 0..rules.questions[q].options.len() {
            let mut with = outcome.answers.clone();
            with.set(q, 1 << option);
            assert_eq!(
                shown(&rules.recommendations(&with)),
                base,
                "{context}: skipped question {} answered {} changes the result",
                rules.questions[q].id,
                rules.questions[q].options[option].id
            );
        }
    }
}

#[test]
fn a_skipped_question_cannot_change_the_result() {
    let rules = Rules::embedded().unwrap();
    for (name, persona) in personas() {
        let answers = Answers::from_json(&rules, &persona.answers).unwrap();
        assert_skipped_questions_do_not_matter(&rules, &answers, &name);
    }
}

#[test]
fn on_sampled_paths_skipped_questions_cannot_change_the_result_either() {
    let rules = Rules::embedded().unwrap();
    let mut random = support::Lcg(2026);
    let mut lengths = Vec::new();
    for path in 0..300 {
        let mut answers = Answers::new(&rules);
        while let Some(q) = rules.outcome(&answers).next {
            let options = rules.questions[q].options.len();
            let mut mask = 1 << random.below(options);
            if rules.questions[q].multiple {
                mask |= 1 << random.below(options);
            }
            answers.set(q.get(), mask);
        }
        lengths.push(rules.outcome(&answers).asked.len());
        assert_skipped_questions_do_not_matter(&rules, &answers, &format!("sampled path {path}"));
    }
    lengths.sort();
    println!(
        "300 sampled paths: {} to {} questions, median {}",
        lengths[0],
        lengths[lengths.len() - 1],
        lengths[lengths.len() / 2]
    );
}
