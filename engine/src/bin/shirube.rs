//! `shirube`: the rules engine on the command line, for program staff and regression tests.

use std::io::Read;
use std::process::ExitCode;

use shirube_engine::{report, Answers, Rules};

const USAGE: &str = "\
usage: shirube [--rules FILE] <command>

commands:
  questions          print every question and its options (ids, Japanese and English) as JSON
  evaluate [FILE]    read answers as JSON from FILE (or standard input, or '-') and print the
                     programs that fit, may fit and do not fit, with reasons, and the next
                     question if any. Answers look like
                     {\"organisation\": \"startup\", \"help\": [\"funding\", \"ip\"]}
                     (a persona file, with its answers under \"answers\", works too)
  check              load the rules and report the first problem, naming its line

options:
  --rules FILE       use this rules file instead of the one built in (to try an edit)
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("shirube: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(mut args: Vec<String>) -> Result<String, String> {
    let rules_file = match args.iter().position(|a| a == "--rules") {
        Some(i) => {
            args.remove(i);
            if i >= args.len() {
                return Err(format!("--rules needs a file\n\n{USAGE}"));
            }
            Some(args.remove(i))
        }
        None => None,
    };
    let rules = match &rules_file {
        Some(path) => {
            let source = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read rules file {path}: {e}"))?;
            Rules::parse(&source).map_err(|e| format!("{path}: {e}"))?
        }
        None => Rules::embedded().map_err(|e| format!("built-in rules: {e}"))?,
    };
    let pretty = |v| serde_json::to_string_pretty(&v).map_err(|e| e.to_string());
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["questions"] => pretty(report::questions_json(&rules)),
        ["evaluate"] | ["evaluate", "-"] => evaluate(&rules, &read_stdin()?, "standard input"),
        ["evaluate", path] => {
            let input = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read answers file {path}: {e}"))?;
            evaluate(&rules, &input, path)
        }
        ["check"] => Ok(format!(
            "rules are valid: {} questions, {} programs, reviewed {}",
            rules.questions.len(),
            rules.programs.len(),
            rules.meta.reviewed
        )),
        ["help"] | ["--help"] | ["-h"] => Ok(USAGE.trim_end().to_owned()),
        [] => Err(format!("no command given\n\n{USAGE}")),
        other => Err(format!(
            "unknown command \"{}\"\n\n{USAGE}",
            other.join(" ")
        )),
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
    let json: serde_json::Value = serde_json::from_str(input)
        .map_err(|e| format!("answers in {from} are not valid JSON: {e}"))?;
    // A persona file carries its answers under "answers".
    let json = match json.get("answers") {
        Some(answers) if answers.is_object() => answers.clone(),
        _ => json,
    };
    let answers =
        Answers::from_json(rules, &json).map_err(|e| format!("answers in {from}: {e}"))?;
    let outcome = rules.outcome(&answers);
    serde_json::to_string_pretty(&report::outcome_json(rules, &answers, &outcome))
        .map_err(|e| e.to_string())
}
