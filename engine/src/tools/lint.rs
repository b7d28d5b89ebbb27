//! Lint of the rules data: problems a rules file can have even when it loads, each named with
//! its line, so program staff can fix them before anything ships.
//!
//! Errors make a program or question unreachable or a result wrong; warnings point at rules
//! that do nothing, repeat another, or are due for review.

use std::fmt;

use crate::evaluation::combinations;
use crate::model::answers::Answers;
use crate::model::condition::{Condition, Truth};
use crate::model::rules::{Date, Program, Rules};
use crate::tools::answer_space::{
    atoms_by_question, bounded_answer_classes, AnswerClass, MAX_CLASSES,
};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The rules must not ship like this.
    Error,
    /// Probably a mistake, or due for review.
    Warning,
}

/// One problem, with the line of the rules file it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}: {}", self.line, self.message)
    }
}

/// Beyond this many complete answers to the questions a program reads, its rules are not
/// searched (a warning says so). The shipped rules need a few thousand at most.
const MAX_ASSIGNMENTS: u64 = 1_000_000;

/// The longest `gives` and `first_step` lines (Japanese, English characters) the result's
/// overview is laid out for.
const GIVES: (usize, usize) = (40, 110);
const FIRST_STEP: (usize, usize) = (40, 80);
/// The longest point to raise in a request (`ask`).
const ASK: (usize, usize) = (60, 120);

/// Checks a rules file: first that it loads (every problem the loader finds), then the rules
/// themselves. `today` dates the review check. Findings come in file order.
pub fn lint(source: &str, today: Date) -> Vec<Finding> {
    lint_loaded(source, today).0
}

/// [`lint`], with the rules when they load (whatever the findings), so that a caller that
/// goes on with them (the studio) reads the file once.
pub fn lint_loaded(source: &str, today: Date) -> (Vec<Finding>, Option<Rules>) {
    let rules = match Rules::check(source) {
        Ok(rules) => rules,
        Err(problems) => {
            let findings = problems
                .into_iter()
                .map(|problem| {
                    let (line, message) = match problem {
                        crate::RulesError::Invalid { line, message } => (line, message),
                        crate::RulesError::Syntax(message) => (1, message),
                    };
                    Finding {
                        severity: Severity::Error,
                        line,
                        message,
                    }
                })
                .collect();
            return (findings, None);
        }
    };
    let mut findings = lint_rules(&rules, today);
    findings.sort_by_key(|f| (f.line, f.severity));
    (findings, Some(rules))
}

/// The checks that need loaded rules.
pub fn lint_rules(rules: &Rules, today: Date) -> Vec<Finding> {
    let classes = match bounded_answer_classes(rules) {
        Ok(classes) => classes,
        // The checks that try every answer would take minutes and gigabytes: say so, and stop.
        Err(q) => {
            let question = &rules.questions[q];
            return vec![Finding {
                severity: Severity::Error,
                line: question.line,
                message: format!(
                    "question \"{}\": the conditions tell apart more than {MAX_CLASSES} combinations of its answers, too many to check every answer; test fewer of its options on their own (group them in one `in` list), or split the question",
                    question.id
                ),
            }];
        }
    };
    let mut lint = Lint {
        rules,
        classes,
        findings: Vec::new(),
    };
    lint.questions();
    for program in &rules.programs {
        lint.program(program);
    }
    lint.starting_points();
    lint.review_dates(today);
    lint.findings
}

/// A condition of a program, named for findings.
struct Rule<'r> {
    /// "program \"x\" requirement 2", "… strength 1", "… note 1", "… requirement 2 check 1".
    what: String,
    line: usize,
    condition: &'r Condition,
    requirement: bool,
    /// For a check text's condition, the index of its requirement: the text shows only while
    /// that requirement is undecided.
    check_of: Option<usize>,
}

struct Lint<'r> {
    rules: &'r Rules,
    classes: Vec<Vec<AnswerClass>>,
    findings: Vec<Finding>,
}

/// Which values a condition takes over every complete set of answers.
#[derive(Default, Clone, Copy)]
struct Values {
    yes: bool,
    no: bool,
    unknown: bool,
}

impl Values {
    fn add(&mut self, truth: Truth) {
        match truth {
            Truth::Yes => self.yes = true,
            Truth::No => self.no = true,
            Truth::Unknown => self.unknown = true,
        }
    }
}

impl Lint<'_> {
    fn find(&mut self, severity: Severity, line: usize, message: String) {
        self.findings.push(Finding {
            severity,
            line,
            message,
        });
    }

    /// Questions no condition reads, a `fixed` mark that changes nothing, and options no
    /// condition tells apart.
    fn questions(&mut self) {
        let atoms = atoms_by_question(self.rules);
        for (q, question) in self.rules.questions.iter().enumerate() {
            if atoms[q].is_empty() {
                self.find(
                    Severity::Error,
                    question.line,
                    format!(
                        "question \"{}\" is read by no condition, so it is never asked",
                        question.id
                    ),
                );
                continue;
            }
            let required = (self.rules.programs.iter())
                .flat_map(|p| &p.requires)
                .any(|c| c.reads.contains(&q));
            if question.fixed && !required {
                self.find(
                    Severity::Warning,
                    question.line,
                    format!(
                        "question \"{}\" is marked fixed, but no requirement reads it, so \"would fit if\" never looks at it and the mark changes nothing",
                        question.id
                    ),
                );
            }
            let signature = |option: usize| -> Vec<(bool, bool)> {
                atoms[q]
                    .iter()
                    .map(|(holds, undecided)| {
                        (holds >> option & 1 == 1, undecided >> option & 1 == 1)
                    })
                    .collect()
            };
            let mut reported = vec![false; question.options.len()];
            for first in 0..question.options.len() {
                if reported[first] {
                    continue;
                }
                let alike: Vec<usize> = (first..question.options.len())
                    .filter(|&other| signature(other) == signature(first))
                    .collect();
                if alike.len() < 2 {
                    continue;
                }
                alike.iter().for_each(|&o| reported[o] = true);
                let names: Vec<String> = alike
                    .iter()
                    .map(|&o| format!("\"{}\"", question.options[o].id))
                    .collect();
                self.find(
                    Severity::Warning,
                    question.options[alike[1]].line,
                    format!(
                        "question \"{}\": no condition tells options {} apart, so they always lead to the same result (name them in the conditions, or merge them)",
                        question.id,
                        names.join(" and ")
                    ),
                );
            }
        }
    }

    fn program(&mut self, program: &Program) {
        const OVERVIEW: &str = "the overview shows it as one short line";
        const REQUEST: &str = "the request lists it as one short point";
        let asks = (program.ask.iter()).map(|text| ("a point to raise (ask)", text, ASK, REQUEST));
        let short = [
            ("gives", &program.gives, GIVES, OVERVIEW),
            ("first_step", &program.first_step, FIRST_STEP, OVERVIEW),
        ];
        for (field, text, (ja, en), why) in short.into_iter().chain(asks) {
            for (language, text, most) in [("Japanese", &text.ja, ja), ("English", &text.en, en)] {
                let length = text.chars().count();
                if length > most {
                    self.find(
                        Severity::Warning,
                        program.line,
                        format!(
                            "program \"{}\": {field} is {length} characters in {language}; {why}, so keep it to {most}",
                            program.id
                        ),
                    );
                }
            }
        }
        let rule = |kind: &str, i: usize, line: usize, condition, requirement| Rule {
            what: format!("program \"{}\" {kind} {}", program.id, i + 1),
            line,
            condition,
            requirement,
            check_of: None,
        };
        let requires: Vec<Rule> = (program.requires.iter().enumerate())
            .map(|(i, c)| rule("requirement", i, c.line, &c.when, true))
            .collect();
        let strengths = (program.strengths.iter().enumerate())
            .map(|(i, c)| rule("strength", i, c.line, &c.when, false));
        let notes = (program.notes.iter().enumerate())
            .map(|(i, c)| rule("note", i, c.line, &c.when, false));
        let checks = program.requires.iter().enumerate().flat_map(|(r, c)| {
            c.checks.iter().enumerate().map(move |(i, k)| Rule {
                what: format!(
                    "program \"{}\" requirement {} check {}",
                    program.id,
                    r + 1,
                    i + 1
                ),
                line: k.line,
                condition: &k.when,
                requirement: false,
                check_of: Some(r),
            })
        });
        let conditionals: Vec<Rule> = strengths.chain(notes).chain(checks).collect();

        let mut dead = false;
        for rule in requires.iter().chain(&conditionals) {
            let Some(values) = self.values(rule.condition, rule.line, &rule.what) else {
                return;
            };
            if !values.yes {
                dead |= rule.requirement;
                let consequence = if rule.requirement {
                    "so the program never fits"
                } else {
                    "so its text never shows"
                };
                self.find(
                    Severity::Error,
                    rule.line,
                    format!("{}: the condition can never hold, {consequence}", rule.what),
                );
            } else if !values.no && !values.unknown {
                let consequence = if rule.requirement {
                    "so it rules nothing out"
                } else {
                    "so it tells no answers apart: put the text in the summary, or narrow the condition"
                };
                self.find(
                    Severity::Warning,
                    rule.line,
                    format!("{}: the condition always holds, {consequence}", rule.what),
                );
            }
            self.parts(rule.condition, rule.line, &rule.what);
        }
        self.repeats(&requires);
        self.repeats(&conditionals);
        if !dead {
            self.shadowed(program, &requires, &conditionals);
        }
    }

    /// Parts of `all`, `any` and `not` that never hold or always hold.
    fn parts(&mut self, condition: &Condition, line: usize, what: &str) {
        let parts: &[Condition] = match condition {
            Condition::All(parts) | Condition::Any(parts) => parts,
            Condition::Not(inner) => std::slice::from_ref(inner.as_ref()),
            Condition::Answer { .. } => return,
        };
        for (i, part) in parts.iter().enumerate() {
            let Some(values) = self.values(part, line, what) else {
                return;
            };
            let verdict = if !values.yes {
                Some("can never hold")
            } else if !values.no && !values.unknown {
                Some("always holds")
            } else {
                None
            };
            if let Some(verdict) = verdict {
                self.find(
                    Severity::Warning,
                    line,
                    format!("{what}: part {} of the condition {verdict}", i + 1),
                );
            }
            self.parts(part, line, what);
        }
    }

    /// Conditions listed twice in the same list.
    fn repeats(&mut self, list: &[Rule]) {
        for (i, rule) in list.iter().enumerate() {
            if let Some(earlier) = list[..i].iter().find(|r| r.condition == rule.condition) {
                self.find(
                    Severity::Warning,
                    rule.line,
                    format!("{} has the same condition as {}", rule.what, earlier.what),
                );
            }
        }
    }

    /// Requirements that never decide the fit because the others always do, and strengths and
    /// notes that never show because the requirements rule the program out whenever they hold.
    fn shadowed(&mut self, program: &Program, requires: &[Rule], conditionals: &[Rule]) {
        let mut read: Vec<usize> = Vec::new();
        for c in program.conditions() {
            for q in c.questions() {
                if !read.contains(&q) {
                    read.push(q);
                }
            }
        }
        let mut decides = vec![false; requires.len()];
        let mut shows = vec![false; conditionals.len()];
        let mut truths: Vec<Truth> = Vec::with_capacity(requires.len());
        // Stops at the first set of answers after which every rule is known to matter.
        let searched = self.each_answer_set(&read, &mut |answers| {
            truths.clear();
            truths.extend(requires.iter().map(|r| r.condition.eval(answers)));
            let count = |t: Truth| truths.iter().filter(|&&x| x == t).count();
            let (no, unknown) = (count(Truth::No), count(Truth::Unknown));
            // The fit with all requirements, and with all but one: `and` over the others.
            let fit_of = |no: usize, unknown: usize| match (no, unknown) {
                (0, 0) => Truth::Yes,
                (0, _) => Truth::Unknown,
                _ => Truth::No,
            };
            let fit = fit_of(no, unknown);
            for (decided, &t) in decides.iter_mut().zip(&truths) {
                let without = fit_of(
                    no - usize::from(t == Truth::No),
                    unknown - usize::from(t == Truth::Unknown),
                );
                *decided |= without != fit;
            }
            if fit != Truth::No {
                for (shown, rule) in shows.iter_mut().zip(conditionals) {
                    let open = rule.check_of.is_none_or(|r| truths[r] == Truth::Unknown);
                    *shown |= open && rule.condition.eval(answers) == Truth::Yes;
                }
            }
            (decides.iter().all(|&d| d) || requires.len() <= 1) && shows.iter().all(|&s| s)
        });
        if !searched {
            self.find(
                Severity::Warning,
                program.line,
                format!(
                    "program \"{}\" reads too many questions for lint to try every answer; its rules were not checked for shadowing",
                    program.id
                ),
            );
            return;
        }
        for (rule, decided) in requires.iter().zip(decides) {
            if !decided && requires.len() > 1 {
                self.find(
                    Severity::Warning,
                    rule.line,
                    format!("{} is shadowed: it never changes whether the program fits, because the other requirements already decide it whenever it would", rule.what),
                );
            }
        }
        for (rule, shown) in conditionals.iter().zip(shows) {
            if !shown {
                self.find(
                    Severity::Warning,
                    rule.line,
                    match rule.check_of {
                        None => format!("{} is shadowed: whenever its condition holds, the program's requirements rule the program out, so it never shows", rule.what),
                        Some(_) => format!("{} never shows: whenever its condition holds, its requirement is decided or the program is ruled out", rule.what),
                    },
                );
            }
        }
    }

    /// The fallback's starting points: a condition that never holds hides the start forever.
    fn starting_points(&mut self) {
        for (i, start) in self.rules.fallback.starts.iter().enumerate() {
            let Some(condition) = &start.when else {
                continue;
            };
            let what = format!("fallback start {}", i + 1);
            let Some(values) = self.values(condition, start.line, &what) else {
                continue;
            };
            if !values.yes && !values.unknown {
                self.find(
                    Severity::Error,
                    start.line,
                    format!("{what}: the condition can never hold, so it never shows"),
                );
            } else if !values.no {
                self.find(
                    Severity::Warning,
                    start.line,
                    format!("{what}: the condition never fails, so it says nothing: remove `when`"),
                );
            }
            self.parts(condition, start.line, &what);
        }
    }

    fn review_dates(&mut self, today: Date) {
        let rules = self.rules;
        let meta = ("the rule set".to_owned(), rules.meta.reviewed, 1);
        let programs = rules
            .programs
            .iter()
            .map(|p| (format!("program \"{}\"", p.id), p.reviewed, p.line));
        for (what, reviewed, line) in std::iter::once(meta).chain(programs) {
            let a_year_later = Date {
                year: reviewed.year.saturating_add(1),
                ..reviewed
            };
            if a_year_later < today {
                self.find(
                    Severity::Warning,
                    line,
                    format!("{what} was last reviewed on {reviewed}, more than 12 months ago: check its source and update `reviewed`"),
                );
            } else if reviewed > today {
                self.find(
                    Severity::Warning,
                    line,
                    format!("{what}: the reviewed date {reviewed} is in the future"),
                );
            }
        }
    }

    /// The values a condition takes over every complete set of answers to the questions it
    /// reads; `None` (with a warning) if there are too many to try.
    fn values(&mut self, condition: &Condition, line: usize, what: &str) -> Option<Values> {
        let mut values = Values::default();
        let searched = self.each_answer_set(&condition.questions(), &mut |answers| {
            values.add(condition.eval(answers));
            values.yes && values.no && values.unknown
        });
        if searched {
            Some(values)
        } else {
            self.find(
                Severity::Warning,
                line,
                format!(
                    "{what}: the condition reads too many questions for lint to try every answer"
                ),
            );
            None
        }
    }

    /// Calls `f` with one set of answers per combination of answer classes of `questions`
    /// (other questions unanswered), until `f` returns true (it has seen enough). Returns false,
    /// without calling `f`, if there are too many.
    fn each_answer_set(&self, questions: &[usize], f: &mut dyn FnMut(&Answers) -> bool) -> bool {
        let choices: Vec<Vec<u64>> = questions
            .iter()
            .map(|&q| self.classes[q].iter().map(|c| c.mask).collect())
            .collect();
        if combinations::count(&choices).is_none_or(|n| n > MAX_ASSIGNMENTS) {
            return false;
        }
        let mut answers = Answers::new(self.rules);
        combinations::until(&choices, |masks| {
            for (&q, &mask) in questions.iter().zip(masks) {
                answers.set(q, mask);
            }
            f(&answers)
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{conditional, line_of, requirement, source};

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 25,
    };

    /// The test rule set with program `p`'s requirements, strengths and notes, and its findings.
    fn findings(p: &str) -> (String, Vec<Finding>) {
        let text = source(p);
        let found = lint(&text, TODAY);
        (text, found)
    }

    fn messages(found: &[Finding]) -> Vec<String> {
        found.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn sound_rules_have_no_findings() {
        let (_, found) = findings(&requirement(r#"{ q = "b", in = ["one"] }"#));
        assert_eq!(messages(&found), Vec::<String>::new());
    }

    #[test]
    fn an_unread_question_is_an_error() {
        let (text, found) = findings(&requirement(r#"{ q = "a", in = ["y"] }"#));
        assert_eq!(
            messages(&found),
            [format!(
                "{}: error: question \"b\" is read by no condition, so it is never asked",
                line_of(&text, r#"id = "b""#, 0)
            )]
        );
    }

    #[test]
    fn options_no_condition_tells_apart_and_a_condition_that_always_holds_are_warned() {
        let (text, found) = findings(&requirement(r#"{ q = "b", in = ["one", "two"] }"#));
        let p = line_of(&text, "[[programs.requires]]", 0) + 1;
        assert_eq!(
            messages(&found),
            [
                format!("{}: warning: question \"b\": no condition tells options \"one\" and \"two\" apart, so they always lead to the same result (name them in the conditions, or merge them)", line_of(&text, r#"id = "two""#, 0)),
                format!("{p}: warning: program \"p\" requirement 1: the condition always holds, so it rules nothing out"),
            ]
        );
    }

    #[test]
    fn a_condition_that_can_never_hold_is_an_error() {
        let both = r#"{ all = [{ q = "b", in = ["one"] }, { q = "b", in = ["two"] }] }"#;
        let (text, found) = findings(&requirement(both));
        let p = line_of(&text, "[[programs.requires]]", 0) + 1;
        assert_eq!(
            messages(&found),
            [format!("{p}: error: program \"p\" requirement 1: the condition can never hold, so the program never fits")]
        );
    }

    #[test]
    fn a_part_that_always_holds_is_warned() {
        let any = r#"{ any = [{ q = "b", in = ["one", "two"] }, { q = "a", in = ["x"] }] }"#;
        let (text, found) = findings(&requirement(any));
        let p = line_of(&text, "[[programs.requires]]", 0) + 1;
        let found = messages(&found);
        assert!(
            found.contains(&format!(
                "{p}: warning: program \"p\" requirement 1: part 1 of the condition always holds"
            )),
            "{found:?}"
        );
    }

    #[test]
    fn shadowed_requirements_strengths_and_notes_are_warned() {
        let p = [
            requirement(r#"{ q = "a", in = ["x"] }"#),
            requirement(r#"{ q = "a", in = ["x", "y"] }"#),
            requirement(r#"{ q = "b", in = ["one"] }"#),
            conditional("strengths", r#"{ q = "b", in = ["two"] }"#),
            conditional("notes", r#"{ q = "a", in = ["y"] }"#),
            conditional("notes", r#"{ q = "b", in = ["one"] }"#),
        ]
        .concat();
        let (text, found) = findings(&p);
        let at = |needle: &str, from: usize| line_of(&text, needle, from);
        let second = at(r#"in = ["x", "y"]"#, 0);
        let strength = at("[[programs.strengths]]", 0) + 1;
        let note = at("[[programs.notes]]", 0) + 1;
        assert_eq!(
            messages(&found),
            [
                format!("{second}: warning: program \"p\" requirement 2 is shadowed: it never changes whether the program fits, because the other requirements already decide it whenever it would"),
                format!("{strength}: warning: program \"p\" strength 1 is shadowed: whenever its condition holds, the program's requirements rule the program out, so it never shows"),
                format!("{note}: warning: program \"p\" note 1 is shadowed: whenever its condition holds, the program's requirements rule the program out, so it never shows"),
            ]
        );
    }

    #[test]
    fn a_specific_check_text_that_can_never_show_is_warned() {
        let checked = requirement(r#"{ q = "a", in = ["x"], maybe = ["y"] }"#);
        let p = checked.replacen(
            "check = { ja = \"C\", en = \"C\" }",
            r#"check = { ja = "C", en = "C" }
        checks = [
          { when = { q = "a", in = ["y"] }, text = { ja = "Y?", en = "Y?" } },
          { when = { q = "a", in = ["x"] }, text = { ja = "X?", en = "X?" } },
        ]"#,
            1,
        ) + &requirement(r#"{ q = "b", in = ["one"] }"#);
        let (text, found) = findings(&p);
        let second = line_of(&text, r#"text = { ja = "X?""#, 0);
        assert_eq!(
            messages(&found),
            [format!("{second}: warning: program \"p\" requirement 1 check 2 never shows: whenever its condition holds, its requirement is decided or the program is ruled out")]
        );
    }

    #[test]
    fn an_overview_line_too_long_for_one_line_is_warned() {
        let text = source(&requirement(r#"{ q = "b", in = ["one"] }"#))
            .replacen(
                r#"gives = { ja = "G""#,
                &format!(r#"gives = {{ ja = "{}""#, "長".repeat(41)),
                1,
            )
            .replacen(
                r#"en = "F" }"#,
                &format!(r#"en = "{}" }}"#, "f".repeat(81)),
                1,
            )
            .replacen(
                r#"ask = [{ ja = "A""#,
                &format!(r#"ask = [{{ ja = "{}""#, "問".repeat(61)),
                1,
            );
        let line = line_of(&text, "[[programs]]", 0) + 1;
        assert_eq!(
            messages(&lint(&text, TODAY)),
            [
                format!("{line}: warning: program \"p\": gives is 41 characters in Japanese; the overview shows it as one short line, so keep it to 40"),
                format!("{line}: warning: program \"p\": first_step is 81 characters in English; the overview shows it as one short line, so keep it to 80"),
                format!("{line}: warning: program \"p\": a point to raise (ask) is 61 characters in Japanese; the request lists it as one short point, so keep it to 60"),
            ]
        );
        let at_most = source(&requirement(r#"{ q = "b", in = ["one"] }"#)).replacen(
            r#"gives = { ja = "G""#,
            &format!(r#"gives = {{ ja = "{}""#, "長".repeat(40)),
            1,
        );
        assert_eq!(messages(&lint(&at_most, TODAY)), Vec::<String>::new());
    }

    #[test]
    fn a_fixed_mark_no_requirement_can_use_is_warned() {
        // Question b is read by a strength only: no "would fit if" ever changes it.
        let p = requirement(r#"{ q = "a", in = ["x"] }"#)
            + &conditional("strengths", r#"{ q = "b", in = ["one"] }"#);
        let text = source(&p).replacen("id = \"b\"\n", "id = \"b\"\n        fixed = true\n", 1);
        let b = line_of(&text, "id = \"b\"", 0);
        assert_eq!(
            messages(&lint(&text, TODAY)),
            [format!("{b}: warning: question \"b\" is marked fixed, but no requirement reads it, so \"would fit if\" never looks at it and the mark changes nothing")]
        );
        // Read by a requirement, the mark is used.
        let used = source(&requirement(r#"{ q = "b", in = ["one"] }"#)).replacen(
            "id = \"b\"\n",
            "id = \"b\"\n        fixed = true\n",
            1,
        );
        assert!(used.contains("fixed = true"));
        assert_eq!(messages(&lint(&used, TODAY)), Vec::<String>::new());
    }

    #[test]
    fn a_repeated_condition_is_warned() {
        let p = [
            requirement(r#"{ q = "b", in = ["one"] }"#),
            conditional("strengths", r#"{ q = "a", in = ["x"] }"#),
            conditional("notes", r#"{ q = "a", in = ["x"] }"#),
        ]
        .concat();
        let (text, found) = findings(&p);
        let note = line_of(&text, "[[programs.notes]]", 0) + 1;
        assert_eq!(
            messages(&found),
            [format!(
                "{note}: warning: program \"p\" note 1 has the same condition as program \"p\" strength 1"
            )]
        );
    }

    #[test]
    fn reviews_older_than_twelve_months_or_in_the_future_are_warned() {
        let text = source(&requirement(r#"{ q = "b", in = ["one"] }"#));
        let in_a_year = Date {
            year: 2027,
            ..TODAY
        };
        assert_eq!(
            lint(&text, in_a_year),
            Vec::new(),
            "exactly 12 months is fine"
        );
        let later = lint(
            &text,
            Date {
                day: 26,
                ..in_a_year
            },
        );
        assert_eq!(later.len(), 3, "the rule set and both programs");
        assert!(later[0]
            .message
            .starts_with("the rule set was last reviewed on 2026-11-25, more than 12 months ago"));
        let earlier = lint(&text, Date { day: 24, ..TODAY });
        assert!(earlier[0]
            .message
            .ends_with("the reviewed date 2026-11-25 is in the future"));
    }

    #[test]
    fn a_file_that_does_not_load_gives_every_loading_problem() {
        let text = source(&requirement(r#"{ q = "b", in = ["one"] }"#))
            .replacen(
                r#"text = { ja = "A?", en = "A?" }"#,
                r#"text = { ja = "A?", en = "" }"#,
                1,
            )
            .replacen(
                r#"name = { ja = "P", en = "P" }"#,
                r#"name = { ja = "", en = "P" }"#,
                1,
            );
        let found = lint(&text, TODAY);
        assert_eq!(
            messages(&found),
            [
                format!(
                    "{}: error: question \"a\": text has no English text",
                    line_of(&text, r#"id = "a""#, 0)
                ),
                format!(
                    "{}: error: program \"p\": name has no Japanese text",
                    line_of(&text, r#"id = "p""#, 0)
                ),
            ]
        );
    }

    #[test]
    fn a_question_of_several_answers_with_too_many_combinations_is_an_error_found_fast() {
        // 24 options each tested on its own: 2^24 classes, which took lint 6.6 s and 2.1 GB.
        let options: Vec<String> = (0..24)
            .map(|i| format!("{{ id = \"o{i}\", label = {{ ja = \"{i}\", en = \"{i}\" }} }},"))
            .collect();
        let requires: String = (0..24)
            .map(|i| {
                requirement(&format!(
                    "{{ any = [{{ q = \"b\", in = [\"o{i}\"] }}, {{ q = \"a\", in = [\"y\"] }}] }}"
                ))
            })
            .collect();
        let text = source(&requires);
        let b_options = text.find("id = \"b\"").unwrap();
        let start = b_options + text[b_options..].find("options = [").unwrap();
        let end = start + text[start..].find(']').unwrap();
        let text = format!(
            "{}multiple = true\n        options = [\n{}\n{}",
            &text[..start],
            options.join("\n"),
            &text[end..]
        );
        let started = std::time::Instant::now();
        let found = lint(&text, TODAY);
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        let messages = messages(&found);
        assert_eq!(found.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("question \"b\"") && messages[0].contains("more than 4096"),
            "{messages:?}"
        );
        assert_eq!(found[0].line, line_of(&text, "id = \"b\"", 0));
    }

    #[test]
    fn a_starting_point_that_can_never_show_is_an_error() {
        let text = source(&requirement(r#"{ q = "b", in = ["one"] }"#)).replacen(
            r#"url = "https://www.mhlw.go.jp/start.html" }]"#,
            r#"url = "https://www.mhlw.go.jp/start.html", when = { all = [{ q = "b", in = ["one"] }, { q = "b", in = ["two"] }] } }]"#,
            1,
        );
        assert_eq!(
            messages(&lint(&text, TODAY)),
            [format!(
                "{}: error: fallback start 1: the condition can never hold, so it never shows",
                line_of(&text, "starts = [", 0)
            )]
        );
    }
}
