//! A broken rules file fails to load with a message naming the line to fix.

use shirube_engine::{Rules, RulesError};

/// A frozen copy of the rules, so that editing the live rules never breaks these tests.
const FIXTURE: &str = include_str!("fixtures/rules.toml");

/// The fixture with one edit, which must apply.
fn edited(from: &str, to: &str) -> String {
    assert!(FIXTURE.contains(from), "edit target present: {from}");
    FIXTURE.replacen(from, to, 1)
}

#[test]
fn the_fixture_loads() {
    Rules::parse(FIXTURE).unwrap();
}

fn line_of(source: &str, needle: &str) -> usize {
    let offset = source.find(needle).expect("needle present");
    source[..offset].matches('\n').count() + 1
}

fn invalid(source: &str) -> (usize, String) {
    match Rules::parse(source) {
        Err(RulesError::Invalid { line, message }) => (line, message),
        other => panic!("expected an invalid-rules error, got {other:?}"),
    }
}

#[test]
fn an_unknown_question_in_a_condition_names_its_line() {
    let source = edited(
        r#"when = { q = "infectious", in = ["priority"] }"#,
        r#"when = { q = "infection", in = ["priority"] }"#,
    );
    let (line, message) = invalid(&source);
    assert_eq!(message, "unknown question \"infection\"");
    assert_eq!(line, line_of(&source, r#"q = "infection""#));
}

#[test]
fn an_unknown_option_names_its_line() {
    let source = edited(
        r#"in = ["under_1000", "under_50000"]"#,
        r#"in = ["under_1000", "under_5000"]"#,
    );
    let (line, message) = invalid(&source);
    assert_eq!(
        message,
        "question \"patients_japan\" has no option \"under_5000\""
    );
    assert_eq!(line, line_of(&source, r#""under_5000""#));
}

#[test]
fn duplicate_ids_are_refused() {
    let source = edited(r#"id = "amed_ddsn""#, r#"id = "mediso""#);
    let (_, message) = invalid(&source);
    assert_eq!(message, "program id \"mediso\" is used twice");
    let source = edited(r#"id = "japan_base""#, r#"id = "base""#);
    assert_eq!(invalid(&source).1, "question id \"base\" is used twice");
}

#[test]
fn a_missing_translation_is_refused() {
    let source = edited(r#"en = "Where is your organisation based?""#, r#"en = """#);
    let (_, message) = invalid(&source);
    assert_eq!(message, "question \"base\": text has no English text");
}

#[test]
fn an_undecidable_requirement_needs_a_check_text() {
    let source = edited(
        r#"check = { ja = "起業前の個人が利用できるかは、所属機関を通じるかも含めてPMDAに確認してください。", en = "Check with PMDA whether you can use it before founding, or through your research institution." }"#,
        "",
    );
    let (_, message) = invalid(&source);
    assert!(message.contains("needs a `check` text"), "{message}");
}

#[test]
fn a_bad_date_or_link_is_refused() {
    let source = edited(
        r#"reviewed = "2026-11-25"
"#,
        r#"reviewed = "25/11/2026"
"#,
    );
    assert!(invalid(&source).1.contains("is not YYYY-MM-DD"));
    let source = edited(
        r#"url = "https://mediso.mhlw.go.jp/", label"#,
        r#"url = "http://mediso.mhlw.go.jp/", label"#,
    );
    assert!(invalid(&source).1.contains("must be an https:// address"));
}

#[test]
fn a_link_off_the_official_domains_is_refused_with_its_line() {
    for url in [
        "https://mediso.mhlw.go.jp.example.com/",
        "https://www.mhlw.go.jp@example.com/",
    ] {
        let source = edited(
            r#"url = "https://mediso.mhlw.go.jp/", label"#,
            &format!(r#"url = "{url}", label"#),
        );
        let (line, message) = invalid(&source);
        assert_eq!(line, line_of(&source, r#"id = "mediso""#));
        assert!(
            message.contains(&format!(
                r#"program "mediso": link "{url}" is not on an official domain (mhlw.go.jp, pmda.go.jp, amed.go.jp"#
            )),
            "{message}"
        );
    }
}

#[test]
fn a_syntax_error_says_where() {
    let source = edited("[[programs]]\nid = \"mcm\"", "[[programs]\nid = \"mcm\"");
    let (line, message) = invalid(&source);
    assert_eq!(line, line_of(&source, "[[programs]\nid = \"mcm\""));
    assert_eq!(message, "unclosed array table, expected `]`");
}

#[test]
fn a_missing_reviewed_date_names_the_program() {
    let source = edited(
        "reviewed = \"2026-11-25\"\n\n[[programs.requires]]\nwhen = { q = \"infectious\"",
        "\n[[programs.requires]]\nwhen = { q = \"infectious\"",
    );
    let (line, message) = invalid(&source);
    assert_eq!(message, "missing field `reviewed`");
    assert_eq!(line, line_of(&source, "id = \"mcm\"") - 1);
}

#[test]
fn every_missing_text_and_bad_link_is_reported_at_once() {
    let source = edited(r#"en = "Where is your organisation based?""#, r#"en = """#);
    let source = source.replacen(
        r#"url = "https://mediso.mhlw.go.jp/", label"#,
        r#"url = "http://mediso.mhlw.go.jp/", label"#,
        1,
    );
    let problems: Vec<String> = Rules::check(&source)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            format!(
                "rules file line {}: question \"base\": text has no English text",
                line_of(&source, r#"id = "base""#)
            ),
            format!(
                "rules file line {}: program \"mediso\": link \"http://mediso.mhlw.go.jp/\" must be an https:// address",
                line_of(&source, r#"id = "mediso""#)
            ),
        ]
    );
}

#[test]
fn a_problem_in_a_fallback_starting_point_names_its_line() {
    let source = edited(
        r#"url = "https://mediso.mhlw.go.jp/" },"#,
        r#"url = "mediso.mhlw.go.jp" },"#,
    );
    let (line, message) = invalid(&source);
    assert!(message.starts_with("fallback start 1: link"), "{message}");
    assert_eq!(line, line_of(&source, r#"url = "mediso.mhlw.go.jp" },"#));
}
