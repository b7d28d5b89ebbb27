//! The `shirube` command-line tool, run as program staff and regression scripts run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn shirube(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

fn stderr(output: &Output) -> String {
    assert!(!output.status.success(), "expected a failure");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn questions_lists_ids_and_both_languages() {
    let out = json(&shirube(&["questions"], ""));
    let first = &out["questions"][0];
    assert_eq!(first["id"], "organisation");
    assert_eq!(
        first["text"]["en"],
        "Which best describes your organisation?"
    );
    assert_eq!(
        first["text"]["ja"],
        "組織の種類に最も近いものを選んでください。"
    );
    assert_eq!(first["options"][0]["id"], "startup");
    let rules = shirube_engine::Rules::embedded().unwrap();
    assert_eq!(
        out["questions"].as_array().unwrap().len(),
        rules.questions.len()
    );
}

#[test]
fn evaluate_reads_answers_from_standard_input() {
    let out = json(&shirube(
        &["evaluate"],
        r#"{"organisation": "company", "base": "japan"}"#,
    ));
    assert_eq!(out["complete"], false);
    assert_eq!(out["next_question"]["id"], "product");
    assert_eq!(out["asked"], serde_json::json!(["organisation", "base"]));
    let not_fit: Vec<&str> = out["does_not_fit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(not_fit.contains(&"mediso") && not_fit.contains(&"pmda_dc"));
    assert_eq!(out["does_not_fit"][0]["reasons"][0]["holds"], "no");
    let mediso = &out["does_not_fit"][0];
    assert_eq!(mediso["id"], "mediso");
    // Ruled out by the kind of organisation, a fact no one changes: no "would fit if".
    assert!(mediso["would_fit_if"].is_null());

    let out = json(&shirube(
        &["evaluate"],
        r#"{"organisation": "academic", "base": "japan", "product": "drug", "stage": "approved_japan"}"#,
    ));
    let ddsn = (out["does_not_fit"].as_array().unwrap().iter())
        .find(|p| p["id"] == "amed_ddsn")
        .unwrap();
    assert_eq!(
        ddsn["would_fit_if"]["changes"],
        serde_json::json!([{"question": "stage", "options": ["discovery", "candidate"]}])
    );
    assert_eq!(ddsn["would_fit_if"]["depends_on_more_answers"], false);
    assert!(ddsn["would_fit_if"]["text"]["ja"]
        .as_str()
        .unwrap()
        .starts_with("「開発はどの段階にありますか？」の答えが"));
}

#[test]
fn evaluate_reads_a_persona_file_and_says_why() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/personas/jp-academic-drug-seed.json"
    );
    let out = json(&shirube(&["evaluate", path], ""));
    assert_eq!(out["complete"], true);
    assert!(out["next_question"].is_null());
    let fits: Vec<&str> = out["fits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(fits, ["pmda_early", "amed_ddsn", "mediso"]);
    let early = &out["fits"][0];
    assert_eq!(early["reasons"][0]["holds"], "yes");
    assert!(early["notes"][0]["en"]
        .as_str()
        .unwrap()
        .contains("may be reduced or waived"));
    let rules = shirube_engine::Rules::embedded().unwrap();
    let reviewed = rules.program("pmda_early").unwrap().reviewed.to_string();
    assert_eq!(early["reviewed"], reviewed.as_str());
    assert!(out["fallback"].is_null());
}

#[test]
fn bad_input_fails_with_a_clear_message() {
    assert!(stderr(&shirube(&["evaluate"], "{not json")).contains("not valid JSON"));
    assert!(
        stderr(&shirube(&["evaluate"], r#"{"organisation": "bank"}"#))
            .contains("question \"organisation\" has no option \"bank\"")
    );
    assert!(stderr(&shirube(&["evaluate", "/no/such/file.json"], ""))
        .contains("cannot read answers file"));
    assert!(stderr(&shirube(&["frobnicate"], "")).contains("unknown command"));
    assert!(stderr(&shirube(&[], "")).contains("no command given"));
    assert!(stderr(&shirube(&["--rules"], "")).contains("--rules needs a value"));
    assert!(stderr(&shirube(&["--today", "tomorrow", "lint"], ""))
        .contains("--today \"tomorrow\" is not a date like 2026-11-25"));
}

/// Writes an edited copy of the frozen rules in `tests/fixtures/` to a temporary file.
struct EditedRules {
    dir: std::path::PathBuf,
    path: String,
}

impl EditedRules {
    fn new(name: &str, from: &str, to: &str) -> EditedRules {
        let dir = std::env::temp_dir().join(format!("shirube-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rules.toml");
        let fixture = include_str!("fixtures/rules.toml");
        let edited = fixture.replacen(from, to, 1);
        assert_ne!(edited, fixture, "the edit applies");
        std::fs::write(&path, edited).unwrap();
        let path = path.to_string_lossy().into_owned();
        EditedRules { dir, path }
    }
}

impl Drop for EditedRules {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// Standard output of a command that must fail.
fn failed_stdout(output: &Output) -> String {
    assert!(!output.status.success(), "expected a failure");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_broken_rules_file_is_reported_with_its_line() {
    let broken = EditedRules::new(
        "check",
        r#"when = { q = "stage", in = ["candidate", "early_clinical"], maybe = ["discovery"] }"#,
        r#"when = { q = "stage", in = ["candidate", "phase1"], maybe = ["discovery"] }"#,
    );
    let message = failed_stdout(&shirube(&["--rules", &broken.path, "check"], ""));
    assert!(
        message.starts_with(&format!("{}: rules file line ", broken.path)),
        "{message}"
    );
    assert!(
        message.contains("question \"stage\" has no option \"phase1\""),
        "{message}"
    );
    let ok = shirube(
        &[
            "--rules",
            concat!(env!("CARGO_MANIFEST_DIR"), "/rules/rules.toml"),
            "check",
        ],
        "",
    );
    let rules = shirube_engine::Rules::embedded().unwrap();
    assert!(
        String::from_utf8_lossy(&ok.stdout).starts_with(&format!(
            "rules are valid: {} questions, {} programs",
            rules.questions.len(),
            rules.programs.len()
        )),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
}

#[test]
fn lint_passes_the_shipped_rules_and_names_the_line_of_each_finding() {
    // Today, the shipped rules have no errors (a review due soon may warn, but not fail).
    let today = shirube(&["lint"], "");
    let text = String::from_utf8_lossy(&today.stdout);
    assert!(today.status.success(), "{text}");
    assert!(
        text.lines().last().unwrap().starts_with("lint: 0 errors, "),
        "{text}"
    );

    // Two years after the latest review, every review is out of date: a warning each, for the
    // rule set and each program, but not a failure.
    let rules = shirube_engine::Rules::embedded().unwrap();
    let latest = rules
        .programs
        .iter()
        .map(|p| p.reviewed)
        .chain([rules.meta.reviewed])
        .max()
        .unwrap();
    let later = format!(
        "{}-{:02}-{:02}",
        latest.year + 2,
        latest.month,
        latest.day.min(28)
    );
    let out = shirube(&["--today", &later, "lint"], "");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "engine/rules/rules.toml:1: warning: the rule set was last reviewed on {}, more than 12 months ago",
            rules.meta.reviewed
        )),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "lint: 0 errors, {} warnings (review dates checked against {later})\n",
            rules.programs.len() + 1
        )),
        "{text}"
    );

    // A requirement that can never hold is an error, with its line, and lint exits 1.
    let dead = EditedRules::new(
        "lint",
        r#"when = { q = "infectious", in = ["priority"] }"#,
        r#"when = { all = [{ q = "infectious", in = ["priority"] }, { q = "infectious", in = ["no"] }] }"#,
    );
    let text = failed_stdout(&shirube(
        &["--rules", &dead.path, "--today", "2026-11-25", "lint"],
        "",
    ));
    let line = include_str!("fixtures/rules.toml")
        .lines()
        .position(|l| l.starts_with(r#"when = { q = "infectious", in = ["priority"] }"#))
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!("{}:{line}: error: program \"mcm\" requirement 1: the condition can never hold, so the program never fits", dead.path)),
        "{text}"
    );
}

#[test]
fn graph_writes_the_diagram_as_dot() {
    let out = shirube(&["graph"], "");
    assert!(out.status.success());
    let dot = String::from_utf8_lossy(&out.stdout);
    assert!(
        dot.starts_with("digraph shirube_rules {\n  comment=\"rules digest "),
        "{dot}"
    );
    assert!(dot.contains("(mediso)"));
    let ja = String::from_utf8_lossy(&shirube(&["--lang", "ja", "graph"], "").stdout).into_owned();
    assert!(ja.contains("医療系ベンチャー"), "{ja}");
    assert!(stderr(&shirube(&["graph", "diagram.png"], "")).contains("must end in .dot or .svg"));
    let svg = std::env::temp_dir().join(format!("shirube-diagram-{}.svg", std::process::id()));
    let out = shirube(&["graph", &svg.to_string_lossy()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let drawn = std::fs::read_to_string(&svg).unwrap();
    let _ = std::fs::remove_file(&svg);
    assert!(
        drawn.starts_with("<svg xmlns=") && drawn.contains("(mediso)</text>"),
        "{drawn}"
    );
    assert!(stderr(&shirube(&["--lang", "fr", "graph"], "")).contains("must be ja or en"));
}

#[test]
fn the_general_starting_points_are_those_for_the_user() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/personas/jp-large-company-device-research.json"
    );
    let out = json(&shirube(&["evaluate", path], ""));
    assert!(out["fits"].as_array().unwrap().is_empty());
    let starts: Vec<&str> = out["fallback"]["starts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    // A Japanese company is not sent to the venture desks or the Washington office.
    let rules = shirube_engine::Rules::embedded().unwrap();
    let answers = shirube_engine::Answers::from_json(
        &rules,
        &serde_json::json!({"organisation": "company", "base": "japan"}),
    )
    .unwrap();
    let expected: Vec<&str> = rules
        .starting_points(&answers)
        .map(|s| s.url.as_str())
        .collect();
    assert_eq!(starts, expected);
    assert!(!starts.is_empty() && starts.len() < rules.fallback.starts.len());
    assert!(
        !starts.iter().any(|u| u.contains("overseas-office")),
        "{starts:?}"
    );
}

#[test]
fn pack_writes_the_checked_rules_with_their_checksum_and_refuses_rules_with_errors() {
    let dir = std::env::temp_dir().join(format!("shirube-cli-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rules.bin");
    let path = file.to_string_lossy().into_owned();
    let out = shirube(&["pack", &path], "");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    let packed = std::fs::read(&file).unwrap();
    let rules = shirube_engine::Rules::unpack(&packed).unwrap();
    assert_eq!(rules, shirube_engine::Rules::embedded().unwrap());
    let checksum = shirube_engine::Rules::pack_checksum(&packed).unwrap();
    assert!(
        said.starts_with(&format!("wrote {path}: {} bytes, ", packed.len()))
            && said.trim_end().ends_with(&format!("checksum {checksum}")),
        "{said}"
    );
    std::fs::remove_file(&file).unwrap();
    // A rules file with a lint error (a condition that never holds): the findings, and
    // nothing written.
    let dead = EditedRules::new(
        "pack-refused",
        r#"when = { q = "infectious", in = ["priority"] }"#,
        r#"when = { all = [{ q = "infectious", in = ["priority"] }, { q = "infectious", in = ["no"] }] }"#,
    );
    let refused = shirube(&["--rules", &dead.path, "pack", &path], "");
    let said = failed_stdout(&refused);
    assert!(
        said.contains("can never hold")
            && said.ends_with("nothing written: fix the errors first\n"),
        "{said}"
    );
    assert!(!file.exists(), "nothing written");
    assert!(stderr(&shirube(&["pack", "rules.toml"], "")).contains("must end in .bin"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn compare_lists_the_personas_an_edit_moves_with_their_rationale() {
    let dir = std::env::temp_dir().join(format!("shirube-cli-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rules.toml");
    let rules = shirube_engine::EMBEDDED_RULES;
    let threshold = r#"when = { q = "patients_japan", in = ["under_1000", "under_50000"] }"#;
    assert!(rules.contains(threshold));
    let moved = rules.replacen(
        threshold,
        r#"when = { q = "patients_japan", in = ["under_1000"], maybe = ["under_50000"] }"#,
        1,
    );
    std::fs::write(&path, moved).unwrap();
    let personas = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/personas");
    let out = shirube(
        &["--rules", path.to_str().unwrap(), "compare", personas],
        "",
    );
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("  orphan: fits -> may fit\n"), "{said}");
    assert!(said.contains("  why these programs: "), "{said}");
    let last = said.trim_end().lines().last().unwrap();
    assert!(
        last.ends_with("personas change") && !last.starts_with("0 of"),
        "{last}"
    );
    // The shipped rules against themselves: nobody moves.
    std::fs::write(&path, rules).unwrap();
    let same = shirube(
        &["--rules", path.to_str().unwrap(), "compare", personas],
        "",
    );
    let said = String::from_utf8_lossy(&same.stdout).into_owned();
    assert!(said.starts_with("0 of "), "{said}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_message_quotes_at_most_an_excerpt_of_a_huge_input() {
    let huge = "x".repeat(5_000_000);
    for (args, stdin) in [
        (vec!["evaluate"], format!(r#"{{"{huge}": "startup"}}"#)),
        (vec!["evaluate"], format!(r#"{{"organisation": "{huge}"}}"#)),
        (vec!["evaluate"], format!(r#"{{"{huge}": 1, "{huge}": 2}}"#)),
        (vec!["--today", &huge[..100_000], "lint"], String::new()),
        (vec!["--lang", &huge[..100_000], "graph"], String::new()),
        (vec!["frobnicate", &huge[..100_000]], String::new()),
        (vec!["graph", &huge[..100_000]], String::new()),
    ] {
        let output = stderr(&shirube(&args, &stdin));
        // Some messages are followed by the usage, a fixed text.
        assert!(output.len() < 5000, "{} bytes", output.len());
        let message = output.lines().next().unwrap();
        assert!(message.len() < 300, "{message}");
        assert!(
            message.contains("x…x") && message.contains(" characters)"),
            "{message}"
        );
    }
}

#[test]
fn a_key_given_twice_is_refused_as_a_link_refuses_a_repeated_answer() {
    let message = stderr(&shirube(
        &["evaluate"],
        "{\"organisation\": \"startup\",\n \"organisation\": \"academic\"}",
    ));
    assert_eq!(
        message.trim_end(),
        "shirube: answers in standard input: the key \"organisation\" appears twice in one object at line 2 column 15"
    );
    // In a persona file's answers too.
    let persona = r#"{"persona": "p", "answers": {"base": "japan", "base": "overseas"}}"#;
    assert!(stderr(&shirube(&["evaluate"], persona))
        .contains("the key \"base\" appears twice in one object"));
}

#[test]
fn an_answers_file_with_a_byte_order_mark_is_read() {
    let dir = std::env::temp_dir().join(format!("shirube-cli-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("answers.json");
    // As Windows Notepad saves it: a byte order mark, then the answers.
    std::fs::write(
        &path,
        "\u{feff}{\"organisation\": \"company\", \"base\": \"japan\"}\r\n",
    )
    .unwrap();
    let out = json(&shirube(&["evaluate", &path.to_string_lossy()], ""));
    assert_eq!(out["asked"], serde_json::json!(["organisation", "base"]));
    let piped = json(&shirube(
        &["evaluate"],
        "\u{feff}{\"organisation\": \"company\", \"base\": \"japan\"}",
    ));
    assert_eq!(piped, out);
    // And a rules file with one (the TOML reader skips it), its lines still counted right.
    let rules = dir.join("rules.toml");
    let fixture = include_str!("fixtures/rules.toml");
    let broken = fixture.replacen(r#"q = "infectious""#, r#"q = "infection""#, 1);
    std::fs::write(&rules, format!("\u{feff}{broken}")).unwrap();
    let message = failed_stdout(&shirube(
        &["--rules", &rules.to_string_lossy(), "check"],
        "",
    ));
    let offset = broken.find(r#"q = "infection""#).unwrap();
    let line = broken[..offset].matches('\n').count() + 1;
    assert!(
        message.contains(&format!(
            "rules file line {line}: unknown question \"infection\""
        )),
        "{message}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    // `shirube questions | head -c 10`: the pipe closes before the output is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .arg("questions")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
}
