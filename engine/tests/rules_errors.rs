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

const RS_CONTACT: &str =
    r#"url = "https://www.pmda.go.jp/review-services/f2f-pre/strategies/0003.html", url_en"#;
const RS_SOURCES: &str = r#"sources = [{ cite = { ja = "厚生労働省資料（令和6年度の取組）§5、PMDA「RS戦略相談」ページ", en = "MHLW-2025 §5; PMDA RS strategy consultation page" }, url = "https://www.pmda.go.jp/review-services/f2f-pre/strategies/0003.html" }]"#;

#[test]
fn a_link_to_an_agency_home_page_is_refused_with_its_line() {
    for url in ["https://www.pmda.go.jp/", "https://www.pmda.go.jp/english/"] {
        let source = edited(RS_CONTACT, &format!(r#"url = "{url}", url_en"#));
        let (line, message) = invalid(&source);
        assert_eq!(line, line_of(&source, r#"id = "pmda_early""#));
        assert_eq!(
            message,
            format!("program \"pmda_early\": link \"{url}\" is a site's home page: link the program's own page (or the page of the document relied on)")
        );
    }
}

#[test]
fn a_program_needs_a_source_it_links_to() {
    let source = edited(RS_SOURCES, "sources = []");
    let (line, message) = invalid(&source);
    assert_eq!(line, line_of(&source, r#"id = "pmda_early""#));
    assert_eq!(message, "program \"pmda_early\" needs at least one source");

    let source = edited(RS_SOURCES, "");
    assert_eq!(invalid(&source).1, "missing field `sources`");

    let source = edited(
        RS_SOURCES,
        r#"sources = [{ cite = { ja = "印刷物 p.3", en = "A printed leaflet, p.3" } }]"#,
    );
    let (line, message) = invalid(&source);
    assert_eq!(line, line_of(&source, r#"id = "pmda_early""#));
    assert_eq!(
        message,
        "program \"pmda_early\" needs a source with a link (`url`), so users can follow it"
    );
}

#[test]
fn a_contact_address_or_number_that_is_not_plain_is_refused() {
    let source = edited(
        RS_CONTACT,
        &RS_CONTACT.replace(", url_en", r#", email = "rs at pmda.go.jp", url_en"#),
    );
    assert_eq!(
        invalid(&source).1,
        "program \"pmda_early\": contact e-mail \"rs at pmda.go.jp\" is not a plain address such as name@pmda.go.jp"
    );
    let source = edited(
        RS_CONTACT,
        &RS_CONTACT.replace(", url_en", r#", phone = "call 03-3506-9562", url_en"#),
    );
    assert_eq!(
        invalid(&source).1,
        "program \"pmda_early\": contact phone \"call 03-3506-9562\" is not a telephone number (digits, spaces, hyphens, brackets, a leading +)"
    );
}

#[test]
fn a_specific_check_reads_only_its_requirements_questions() {
    let check = r#"check = { ja = "起業前の個人が利用できるかは、所属機関を通じるかも含めてPMDAに確認してください。", en = "Check with PMDA whether you can use it before founding, or through your research institution." }"#;
    let source = edited(
        check,
        &format!(
            "{check}\nchecks = [{{ when = {{ q = \"stage\", in = [\"discovery\"] }}, text = {{ ja = \"確認\", en = \"Check\" }} }}]"
        ),
    );
    let (line, message) = invalid(&source);
    assert_eq!(
        line,
        line_of(&source, r#"q = "stage", in = ["discovery"] }, text"#)
    );
    assert_eq!(
        message,
        "program \"pmda_early\" requirement 2: a `checks` condition may read only the questions the requirement reads"
    );
}

#[test]
fn a_development_pathway_reads_one_single_answer_question_of_stages() {
    let stage = r#"What stage is your development at?" }"#;
    let staged = edited(stage, &format!("{stage}\nstages = true"));
    // A program acts at stages of that question; "I don't know" is no stage.
    let first_step =
        r#"first_step = { ja = "窓口に相談してください。", en = "Contact the program." }"#;
    let acting = staged.replacen(
        first_step,
        &format!("{first_step}\nact_at = [\"candidate\"]"),
        1,
    );
    Rules::parse(&acting).unwrap();
    let unknown = staged.replacen(
        first_step,
        &format!("{first_step}\nact_at = [\"unknown\"]"),
        1,
    );
    let (line, message) = invalid(&unknown);
    assert_eq!(
        message,
        "program \"mediso\": act_at names \"unknown\", which is not a stage of question \"stage\""
    );
    assert_eq!(line, line_of(&unknown, r#"act_at = ["unknown"]"#));
    // Without a question of stages, act_at means nothing.
    let unmarked = edited(
        first_step,
        &format!("{first_step}\nact_at = [\"candidate\"]"),
    );
    let (_, message) = invalid(&unmarked);
    assert_eq!(
        message,
        "program \"mediso\": act_at names stages, but no question is marked `stages = true`"
    );
    // One question, with one answer.
    let help = "id = \"help\"\nmultiple = true";
    let several = staged.replacen(help, &format!("{help}\nstages = true"), 1);
    let (line, message) = invalid(&several);
    assert_eq!(
        message,
        "question \"help\" is marked stages, so it needs one answer: remove `multiple`"
    );
    assert_eq!(line, line_of(&several, "id = \"help\""));
    let base = r#"Where is your organisation based?" }"#;
    let twice = staged.replacen(base, &format!("{base}\nstages = true"), 1);
    let (line, message) = invalid(&twice);
    assert_eq!(
        message,
        "question \"stage\" is marked stages, but so is question \"base\": the development pathway reads one"
    );
    assert_eq!(line, line_of(&twice, "id = \"stage\""));
}

#[test]
fn a_hand_over_needs_points_to_raise_a_language_and_an_official_form() {
    let ask = r#"ask = [{ ja = "相談の進め方を教えてください。", en = "How do we proceed with a consultation?" }]"#;
    let none = edited(ask, "ask = []");
    let (line, message) = invalid(&none);
    assert_eq!(
        message,
        "program \"mediso\" needs at least one point to raise (ask), for the request to its office"
    );
    assert_eq!(line, line_of(&none, "id = \"mediso\""));
    let contact = r#"label = { ja = "MEDISO ポータルサイト", en = "MEDISO portal" } }"#;
    let silent = edited(
        contact,
        r#"label = { ja = "MEDISO ポータルサイト", en = "MEDISO portal" }, works_in = [] }"#,
    );
    assert_eq!(
        invalid(&silent).1,
        "program \"mediso\": contact works_in names no language (leave it out for Japanese)"
    );
    let french = edited(
        contact,
        r#"label = { ja = "MEDISO ポータルサイト", en = "MEDISO portal" }, works_in = ["fr"] }"#,
    );
    assert!(
        Rules::parse(&french).is_err(),
        "an unknown language is refused"
    );
    let form = edited(
        contact,
        r#"label = { ja = "MEDISO ポータルサイト", en = "MEDISO portal" }, form = "https://forms.example.com/mediso" }"#,
    );
    let (_, message) = invalid(&form);
    assert!(message.contains("forms.example.com"), "{message}");
    let official = edited(
        contact,
        r#"label = { ja = "MEDISO ポータルサイト", en = "MEDISO portal" }, form = "https://mediso.mhlw.go.jp/consult", works_in = ["ja", "en"] }"#,
    );
    let rules = Rules::parse(&official).unwrap();
    let mediso = rules.program("mediso").unwrap();
    assert_eq!(
        mediso.contact.form.as_deref(),
        Some("https://mediso.mhlw.go.jp/consult")
    );
    assert_eq!(
        mediso.contact.writes_in(shirube_engine::Lang::En),
        shirube_engine::Lang::En
    );
}

#[test]
fn a_huge_value_is_quoted_as_an_excerpt() {
    let huge = "x".repeat(100_000);
    let url = format!("https://{huge}.example.com/");
    for (from, to) in [
        (r#"id = "mediso""#, format!(r#"id = "Mediso{huge}""#)),
        (r#"q = "infectious""#, format!(r#"q = "{huge}""#)),
        (
            r#"in = ["under_1000", "under_50000"]"#,
            format!(r#"in = ["under_1000", "{huge}"]"#),
        ),
        (
            r#"url = "https://mediso.mhlw.go.jp/", label"#,
            format!(r#"url = "{url}", label"#),
        ),
        (
            r#"reviewed = "2026-11-25""#,
            format!(r#"reviewed = "{huge}""#),
        ),
        // The TOML reader's own messages quote values and keys too.
        ("multiple = true", format!(r#"multiple = "{huge}""#)),
        ("multiple = true", format!("{huge} = true")),
    ] {
        let (_, message) = invalid(&edited(from, &to));
        let start: String = message.chars().take(300).collect();
        assert!(message.contains("xxx…xxx"), "{start}");
        // The message's own words may be long (the official domains): the value is not.
        assert!(message.chars().count() < 600, "{start}");
    }
    let (_, message) = invalid(&edited(
        r#"id = "mediso""#,
        &format!(r#"id = "Mediso{huge}""#),
    ));
    assert!(message.len() < 300);
    assert_eq!(
        message,
        format!(
            "program id \"Mediso{}…{}\" (100006 characters) must use only a-z, 0-9 and _",
            "x".repeat(54),
            "x".repeat(20)
        )
    );
}

#[test]
fn an_id_longer_than_a_share_link_can_carry_is_refused() {
    let long = "m".repeat(41);
    let (line, message) = invalid(&edited(r#"id = "mediso""#, &format!(r#"id = "{long}""#)));
    assert_eq!(
        message,
        format!("program id \"{long}\" is too long: ids go into share links, so keep them to 40 characters")
    );
    assert_eq!(
        line,
        line_of(
            &edited(r#"id = "mediso""#, &format!(r#"id = "{long}""#)),
            &long
        )
    );
    let forty = "m".repeat(40);
    let source = edited(r#"id = "mediso""#, &format!(r#"id = "{forty}""#));
    assert!(Rules::parse(&source).is_ok());
}
