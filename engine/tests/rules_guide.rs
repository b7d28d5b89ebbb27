//! RULES.md, the guide for program staff, stays true: its program template loads and lints
//! cleanly when pasted where the guide says, and the commands it shows exist.

use shirube_engine::lint::{lint, Severity};
use shirube_engine::{Date, Rules, EMBEDDED_RULES};

fn guide() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../RULES.md"))
        .expect("RULES.md is readable")
}

#[test]
fn the_program_template_pasted_before_the_fallback_gives_a_sound_program() {
    let guide = guide();
    let start = guide
        .find("<!-- program-template -->\n```toml\n")
        .expect("template start")
        + "<!-- program-template -->\n```toml\n".len();
    let end = guide[start..]
        .find("```\n<!-- /program-template -->")
        .expect("template end")
        + start;
    let template = &guide[start..end];
    let fallback = EMBEDDED_RULES
        .find("\n[fallback]")
        .expect("a [fallback] table");
    let edited = format!(
        "{}\n{template}{}",
        &EMBEDDED_RULES[..fallback],
        &EMBEDDED_RULES[fallback..]
    );
    let rules = Rules::check(&edited).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(rules.program("new_program").is_some());
    let today = Date::parse("2026-11-25").unwrap();
    let errors: Vec<String> = lint(&edited, today)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.to_string())
        .collect();
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn the_commands_the_guide_shows_are_the_tools_commands() {
    let guide = guide();
    for command in [
        "lint",
        "graph docs/rules.dot",
        "evaluate engine/tests/personas/",
    ] {
        assert!(
            guide.contains(&format!("cargo run -q -p shirube-engine -- {command}")),
            "RULES.md shows `{command}`"
        );
    }
    let usage = std::process::Command::new(env!("CARGO_BIN_EXE_shirube"))
        .arg("help")
        .output()
        .unwrap();
    let usage = String::from_utf8_lossy(&usage.stdout);
    for command in [
        "lint",
        "graph [FILE.dot]",
        "evaluate [FILE]",
        "--lang ja|en",
    ] {
        assert!(usage.contains(command), "`shirube help` lists {command}");
    }
}
