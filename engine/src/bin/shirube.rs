//! `shirube`: the rules engine on the command line, for program staff and regression tests.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::process::ExitCode;

use serde_json::error::Category;

use shirube_engine::excerpt::{excerpt, quoted};
use shirube_engine::lint::{lint, Severity};
use shirube_engine::{
    compare, graph, read_json, report, Answers, Date, Fit, Lang, Rules, EMBEDDED_RULES,
};

const USAGE: &str = "\
usage: shirube [--rules FILE] <command>

commands:
  questions          print every question and its options (ids, Japanese and English) as JSON
  evaluate [FILE]    read answers as JSON from FILE (or standard input, or '-') and print the
                     programs that fit, may fit and do not fit, with reasons, the smallest
                     change of answers that would make each of the last fit, and the next
                     question if any. Answers look like
                     {\"organisation\": \"startup\", \"help\": [\"funding\", \"ip\"]}
                     (a persona file, with its answers under \"answers\", works too)
  check              load the rules and report every problem that stops them loading
  graph [FILE.dot]   write the decision diagram (which answers lead to which program) as
                     Graphviz DOT to FILE.dot (or standard output) and, when Graphviz's `dot`
                     is installed (Debian package graphviz), as SVG next to it
  graph FILE.svg     write the diagram as SVG laid out by Shirube itself (no Graphviz)
  lint               check the rules and report what loads but is wrong or doubtful:
                     unused questions and options, conditions that never or always hold,
                     shadowed rules, reviews older than 12 months. Exits 1 on errors
  compare [DIR]      with --rules FILE: run every persona file in DIR (default
                     engine/tests/personas) against the rules built in and against FILE, and
                     list the personas whose results change (programs added, removed, moved
                     between fits, may fit and does not fit), with each persona's rationale
  pack FILE.bin      lint the rules and, when they have no errors, write them packed (the
                     checked, compact form the app reads, ending with a checksum) to
                     FILE.bin; says its size and checksum

options:
  --rules FILE       use this rules file instead of the one built in (to try an edit)
  --lang ja|en       the language of the diagram's texts (default en)
  --today DATE       date the review check (YYYY-MM-DD) instead of using the system clock
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(Report { text, passed }) => {
            // A reader that stops early (`shirube questions | head`) is not an error of ours.
            match writeln!(std::io::stdout().lock(), "{text}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("shirube: cannot write the output: {e}");
                    return ExitCode::FAILURE;
                }
                _ => {}
            }
            if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("shirube: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What a command prints, and whether it found the rules or answers sound.
struct Report {
    text: String,
    passed: bool,
}

impl From<String> for Report {
    fn from(text: String) -> Report {
        Report { text, passed: true }
    }
}

/// Removes `--name VALUE` from the arguments and returns the value.
fn take_option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, String> {
    let Some(i) = args.iter().position(|a| a == name) else {
        return Ok(None);
    };
    args.remove(i);
    if i >= args.len() {
        return Err(format!("{name} needs a value\n\n{USAGE}"));
    }
    Ok(Some(args.remove(i)))
}

fn run(mut args: Vec<String>) -> Result<Report, String> {
    let rules_file = take_option(&mut args, "--rules")?;
    let today = match take_option(&mut args, "--today")? {
        Some(date) => Date::parse(&date)
            .ok_or_else(|| format!("--today {} is not a date like 2026-11-25", quoted(&date)))?,
        None => Date::today(),
    };
    let (name, source) = match &rules_file {
        Some(path) => {
            // Every message quotes at most an excerpt of what it was given, the path too.
            let name = excerpt(path).to_string();
            let source = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read rules file {name}: {e}"))?;
            (name, source)
        }
        None => (BUILT_IN.to_owned(), EMBEDDED_RULES.to_owned()),
    };
    let lang = match take_option(&mut args, "--lang")? {
        Some(tag) => Lang::from_tag(&tag)
            .ok_or_else(|| format!("--lang {} must be ja or en", quoted(&tag)))?,
        None => Lang::En,
    };
    let command: Vec<&str> = args.iter().map(String::as_str).collect();
    match command.as_slice() {
        ["check"] => return Ok(check(&name, &source)),
        ["lint"] => return Ok(lint_report(&name, &source, today)),
        ["pack", path] => return pack(&name, &source, today, path),
        ["help"] | ["--help"] | ["-h"] => return Ok(USAGE.trim_end().to_owned().into()),
        [] => return Err(format!("no command given\n\n{USAGE}")),
        _ => {}
    }
    let rules = Rules::parse(&source).map_err(|e| format!("{name}: {e}"))?;
    let text = match command.as_slice() {
        ["compare"] => compare_personas(&rules, "engine/tests/personas")?,
        ["compare", dir] => compare_personas(&rules, dir)?,
        ["questions"] => report::questions_json(&rules).pretty(),
        ["graph"] => graph::dot(&rules, lang),
        ["graph", path] => write_graph(&rules, lang, path)?,
        ["evaluate"] | ["evaluate", "-"] => evaluate(&rules, &read_stdin()?, "standard input")?,
        ["evaluate", path] => {
            let from = excerpt(path).to_string();
            let input = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read answers file {from}: {e}"))?;
            evaluate(&rules, &input, &from)?
        }
        other => {
            return Err(format!(
                "unknown command {}\n\n{USAGE}",
                quoted(&other.join(" "))
            ))
        }
    };
    Ok(text.into())
}

/// How findings name the built-in rules file.
const BUILT_IN: &str = "engine/rules/rules.toml";

/// Writes the diagram as DOT and, if Graphviz is installed, as SVG; says what it wrote.
fn write_graph(rules: &Rules, lang: Lang, path: &str) -> Result<String, String> {
    let dot_path = Path::new(path);
    let shown = excerpt(path);
    if dot_path.extension().is_some_and(|e| e == "svg") {
        std::fs::write(dot_path, graph::svg(rules, lang))
            .map_err(|e| format!("cannot write {shown}: {e}"))?;
        return Ok(format!(
            "wrote {path} (laid out by Shirube, no Graphviz needed)"
        ));
    }
    if dot_path.extension().is_none_or(|e| e != "dot") {
        return Err(format!(
            "the diagram file must end in .dot or .svg, not {}",
            quoted(path)
        ));
    }
    std::fs::write(dot_path, graph::dot(rules, lang))
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    let svg_path = dot_path.with_extension("svg");
    let rendered = Command::new("dot")
        .arg("-Tsvg")
        .arg(dot_path)
        .arg("-o")
        .arg(&svg_path)
        .status();
    Ok(match rendered {
        Ok(status) if status.success() => {
            format!("wrote {path} and {}", svg_path.display())
        }
        Ok(status) => {
            return Err(format!(
                "wrote {shown}, but Graphviz failed to draw it ({status})"
            ))
        }
        Err(_) => format!(
            "wrote {path}; for the SVG, install Graphviz (Debian: apt-get install graphviz) and run this again"
        ),
    })
}

fn check(name: &str, source: &str) -> Report {
    match Rules::check(source) {
        Ok(rules) => format!(
            "rules are valid: {} questions, {} programs, reviewed {}",
            rules.questions.len(),
            rules.programs.len(),
            rules.meta.reviewed
        )
        .into(),
        Err(problems) => Report {
            text: problems
                .iter()
                .map(|p| format!("{name}: {p}"))
                .collect::<Vec<_>>()
                .join("\n"),
            passed: false,
        },
    }
}

fn lint_report(name: &str, source: &str, today: Date) -> Report {
    let findings = lint(source, today);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let mut lines: Vec<String> = findings.iter().map(|f| format!("{name}:{f}")).collect();
    lines.push(format!(
        "lint: {errors} error{}, {warnings} warning{} (review dates checked against {today})",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    ));
    Report {
        text: lines.join("\n"),
        passed: errors == 0,
    }
}

/// Writes the packed rules to `path` when lint finds no error; else reports the findings and
/// writes nothing.
fn pack(name: &str, source: &str, today: Date, path: &str) -> Result<Report, String> {
    if Path::new(path).extension().is_none_or(|e| e != "bin") {
        return Err(format!(
            "the packed rules file must end in .bin, not {}",
            quoted(path)
        ));
    }
    let linted = lint_report(name, source, today);
    if !linted.passed {
        return Ok(Report {
            text: format!("{}\nnothing written: fix the errors first", linted.text),
            passed: false,
        });
    }
    let rules = Rules::parse(source).map_err(|e| format!("{name}: {e}"))?;
    let packed = rules.pack();
    std::fs::write(path, &packed).map_err(|e| format!("cannot write {}: {e}", excerpt(path)))?;
    let checksum = Rules::pack_checksum(&packed).unwrap_or_default();
    Ok(format!(
        "wrote {path}: {} bytes, {} questions, {} programs, rules reviewed {}, checksum {checksum}",
        packed.len(),
        rules.questions.len(),
        rules.programs.len(),
        rules.meta.reviewed
    )
    .into())
}

/// Every persona in `dir`, under the built-in rules and under `edited`: who moves, and why
/// the persona is there.
fn compare_personas(edited: &Rules, dir: &str) -> Result<String, String> {
    let shipped = Rules::embedded().map_err(|e| format!("the built-in rules: {e}"))?;
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read persona folder {}: {e}", excerpt(dir)))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let name = |fit: Option<Fit>| match fit {
        Some(Fit::Fits) => "fits",
        Some(Fit::MayFit) => "may fit",
        Some(Fit::DoesNotFit) => "does not fit",
        None => "not in the rules",
    };
    let mut lines = Vec::new();
    let mut changed = 0;
    for path in &files {
        let shown = excerpt(&path.display().to_string()).to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let json = read_json(&text).map_err(|e| match e.classify() {
            Category::Data => format!("{shown}: {e}"),
            _ => format!("{shown} is not valid JSON: {e}"),
        })?;
        let answers = Answers::from_json(&shipped, persona_answers(&json))
            .map_err(|e| format!("answers in {shown}: {e}"))?;
        let result = compare::compare(&shipped, edited, &answers);
        if result.moved.is_empty() && result.dropped.is_empty() {
            continue;
        }
        changed += 1;
        let stem = path
            .file_stem()
            .map_or(shown.clone(), |s| s.to_string_lossy().into_owned());
        let field = |key: &str| {
            json.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        lines.push(format!("{stem}: {}", field("persona")));
        for m in &result.moved {
            lines.push(format!(
                "  {}: {} -> {}",
                m.program,
                name(m.before),
                name(m.after)
            ));
        }
        if !result.dropped.is_empty() {
            lines.push(format!(
                "  answers the edited rules do not know: {}",
                result.dropped.join(", ")
            ));
        }
        lines.push(format!("  why these programs: {}", field("rationale")));
    }
    lines.push(format!("{changed} of {} personas change", files.len()));
    Ok(lines.join("\n"))
}

/// The answers in a JSON document: a persona file carries them under "answers"; otherwise the
/// document is the answers.
fn persona_answers(json: &serde_json::Value) -> &serde_json::Value {
    match json.get("answers") {
        Some(answers) if answers.is_object() => answers,
        _ => json,
    }
}

fn read_stdin() -> Result<String, String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(input)
}

fn evaluate(rules: &Rules, input: &str, from: &str) -> Result<String, String> {
    // A repeated key is refused (as a link refuses a repeated answer), a leading byte order
    // mark skipped.
    let json = read_json(input).map_err(|e| match e.classify() {
        Category::Data => format!("answers in {from}: {e}"),
        _ => format!("answers in {from} are not valid JSON: {e}"),
    })?;
    let answers = Answers::from_json(rules, persona_answers(&json))
        .map_err(|e| format!("answers in {from}: {e}"))?;
    let outcome = rules.outcome(&answers);
    Ok(report::outcome_json(rules, &answers, &outcome).pretty())
}
