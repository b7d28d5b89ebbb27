//! Property tests: whatever arrives — a crafted share link, answers JSON for the command-line
//! tool, an edited rules file, damaged packed rules — the engine returns a typed error with a
//! message, never panics, and what it accepts reads back the same. Each test prints how many
//! cases it ran.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use shirube_engine::lint::lint;
use shirube_engine::{Answers, Date, Link, Rules, RulesError, EMBEDDED_RULES};

/// Runs `test` on `cases` inputs from `strategy`, failing with the smallest failing input.
fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{name}: {failure}");
    }
    println!("{name}: {cases} cases, no panic");
}

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

/// Ids and pieces a crafted link is likely to use, so that cases get past the first check.
fn link_words(rules: &Rules) -> Vec<String> {
    let mut words: Vec<String> = [
        "v", "1", "2", "lang", "ja", "en", "fr", "step", "start", "result",
    ]
    .map(String::from)
    .to_vec();
    for question in &rules.questions {
        words.push(question.id.clone());
        words.extend(question.options.iter().map(|o| o.id.clone()));
    }
    words
}

/// A link as it reads back after encoding: what was kept, with nothing left out.
fn kept(link: Link) -> Link {
    Link {
        dropped: Vec::new(),
        ..link
    }
}

#[test]
fn any_text_as_a_link_is_read_or_refused_and_what_is_read_reads_back() {
    let rules = rules();
    run("link: any text", 4000, ".{0,300}", |fragment| {
        if let Ok(link) = Link::decode(&rules, &fragment) {
            prop_assert_eq!(Link::decode(&rules, &link.encode(&rules)), Ok(kept(link)));
        }
        Ok(())
    });
}

#[test]
fn crafted_links_from_real_ids_are_read_or_refused_with_a_message() {
    let rules = rules();
    let words = link_words(&rules);
    let word = proptest::sample::select(words);
    let value = prop::collection::vec(word.clone(), 1..4).prop_map(|w| w.join("."));
    let pair =
        (word, value, any::<bool>()).prop_map(
            |(k, v, with_equals)| {
                if with_equals {
                    format!("{k}={v}")
                } else {
                    k
                }
            },
        );
    let fragment = prop::collection::vec(pair, 0..16).prop_map(|pairs| pairs.join("&"));
    run("link: crafted from ids", 6000, fragment, |fragment| {
        match Link::decode(&rules, &fragment) {
            Ok(link) => {
                // What was read can be evaluated.
                let _ = rules.outcome(&link.answers);
                prop_assert_eq!(Link::decode(&rules, &link.encode(&rules)), Ok(kept(link)));
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
        Ok(())
    });
}

#[test]
fn a_very_long_link_is_refused_quickly() {
    let rules = rules();
    let long = "organisation=startup&".repeat(50_000);
    assert!(Link::decode(&rules, &long).is_err());
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::String),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,14}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn any_answers_json_is_read_or_refused_with_a_message() {
    let rules = rules();
    run("answers JSON: any value", 3000, json(), |value| {
        match Answers::from_json(&rules, &value) {
            Ok(answers) => {
                let written = answers.to_json(&rules).pretty();
                let again = Answers::from_json(&rules, &serde_json::from_str(&written).unwrap());
                prop_assert_eq!(again.as_ref(), Ok(&answers));
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
        Ok(())
    });
    // Objects of real question and option ids reach the deeper checks.
    let words = link_words(&rules);
    let id = proptest::sample::select(words);
    let value = prop_oneof![
        id.clone().prop_map(serde_json::Value::String),
        prop::collection::vec(id.clone(), 0..4).prop_map(serde_json::Value::from),
    ];
    let object = prop::collection::btree_map(id, value, 0..14)
        .prop_map(|m| serde_json::Value::Object(m.into_iter().collect()));
    run("answers JSON: ids", 3000, object, |value| {
        if let Err(error) = Answers::from_json(&rules, &value) {
            prop_assert!(!error.to_string().is_empty());
        }
        Ok(())
    });
    // The command-line tool reads the file as text first.
    run("answers JSON: any text", 2000, ".{0,200}", |text| {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
            let _ = Answers::from_json(&rules, &value);
        }
        Ok(())
    });
}

/// One edit a person (or a bad merge) might make to the rules file.
#[derive(Debug, Clone)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceText {
        line: usize,
        at: usize,
        text: String,
    },
}

fn edited(source: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = source.lines().map(String::from).collect();
    for edit in edits {
        let n = lines.len().max(1);
        match edit {
            Edit::DeleteLine(l) if !lines.is_empty() => {
                lines.remove(l % n);
            }
            Edit::DuplicateLine(l) if !lines.is_empty() => {
                let copy = lines[l % n].clone();
                lines.insert(l % n, copy);
            }
            Edit::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Edit::ReplaceText { line, at, text } if !lines.is_empty() => {
                let target = &mut lines[line % n];
                let cut: Vec<char> = target.chars().collect();
                let at = at % (cut.len() + 1);
                let end = (at + text.chars().count()).min(cut.len());
                *target = cut[..at]
                    .iter()
                    .chain(text.chars().collect::<Vec<_>>().iter())
                    .chain(cut[end..].iter())
                    .collect();
            }
            _ => {}
        }
    }
    lines.join("\n")
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        (
            any::<usize>(),
            any::<usize>(),
            prop_oneof![
                Just("\"".to_owned()),
                Just("[".to_owned()),
                Just("]".to_owned()),
                Just("{".to_owned()),
                Just("}".to_owned()),
                Just("=".to_owned()),
                Just("\n".to_owned()),
                Just("q = \"organisation\"".to_owned()),
                ".{0,8}"
            ]
        )
            .prop_map(|(line, at, text)| Edit::ReplaceText { line, at, text }),
    ];
    prop::collection::vec(edit, 1..4)
}

#[test]
fn an_edited_rules_file_loads_or_names_a_line_in_it() {
    let today = Date::parse("2026-11-25").unwrap();
    run("rules file: random edits", 400, edits(), |edits| {
        let source = edited(EMBEDDED_RULES, &edits);
        let lines = source.lines().count() + 1;
        match Rules::check(&source) {
            Ok(_) => {}
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for problem in problems {
                    if let RulesError::Invalid { line, message } = problem {
                        prop_assert!((1..=lines).contains(&line), "line {} of {}", line, lines);
                        prop_assert!(!message.is_empty());
                    }
                }
            }
        }
        Ok(())
    });
    // Lint reads the loaded rules much further; fewer cases, since each takes longer.
    run("rules file: random edits, linted", 60, edits(), |edits| {
        let source = edited(EMBEDDED_RULES, &edits);
        let _ = lint(&source, today);
        Ok(())
    });
}

#[test]
fn damaged_packed_rules_are_read_or_refused() {
    let packed = rules().pack();
    let damage = prop::collection::vec((any::<usize>(), any::<u8>()), 1..6);
    run("packed rules: damaged bytes", 3000, damage, |damage| {
        let mut bytes = packed.clone();
        for (at, byte) in damage {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        // The pack's checksum refuses any change; the unchanged pack reads.
        match Rules::unpack(&bytes) {
            Ok(rules) => {
                prop_assert_eq!(&bytes, &packed);
                let _ = rules.outcome(&Answers::new(&rules));
            }
            Err(error) => prop_assert!(bytes != packed, "{}", error),
        }
        Ok(())
    });
    run(
        "packed rules: any bytes",
        2000,
        prop::collection::vec(any::<u8>(), 0..200),
        |bytes| {
            prop_assert!(Rules::unpack(&bytes).is_err());
            Ok(())
        },
    );
}
