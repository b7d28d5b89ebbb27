//! The rules data: reading the TOML file and checking every id and text in it.
//!
//! The file is parsed into `Raw*` shapes that keep the position of every id, then turned into
//! [`Rules`], where questions and options are referred to by index. Any problem becomes a
//! [`RulesError`] that names the line of the rules file, so program staff can fix it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::answers::Answers;
use crate::condition::Condition;
use crate::text::Text;

/// The most options a question may have (option sets are bit masks).
const MAX_OPTIONS: usize = 64;

/// A problem in the rules file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("rules file is not valid: {0}")]
    Syntax(String),
    #[error("rules file line {line}: {message}")]
    Invalid { line: usize, message: String },
}

/// What the rule set is and when it was reviewed.
#[derive(Debug, Clone)]
pub struct Meta {
    pub name: Text,
    pub reviewed: Date,
    pub source: Source,
}

/// A question, asked with its options.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub text: Text,
    pub hint: Option<Text>,
    /// Whether several options may be chosen.
    pub multiple: bool,
    pub options: Vec<AnswerOption>,
    /// Line of the question's id in the rules file.
    pub line: usize,
}

impl Question {
    /// The index of the option with this id.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// The options that mean "I don't know", as a bit mask.
    pub(crate) fn unknown_mask(&self) -> u64 {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.unknown)
            .fold(0, |mask, (i, _)| mask | 1 << i)
    }
}

/// One answer a question offers.
#[derive(Debug, Clone)]
pub struct AnswerOption {
    pub id: String,
    pub label: Text,
    /// An honest "I don't know": conditions on this question stay undecided.
    pub unknown: bool,
    /// Line of the option's id in the rules file.
    pub line: usize,
}

/// A support program the widget can recommend.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: String,
    pub name: Text,
    pub runner: Text,
    pub summary: Text,
    pub next_steps: Vec<Text>,
    pub prepare: Vec<Text>,
    pub contact: Contact,
    pub source: Source,
    pub reviewed: Date,
    /// All must hold for the program to fit.
    pub requires: Vec<Criterion>,
    /// Each that holds makes the program a better match, and says why.
    pub strengths: Vec<Conditional>,
    /// Shown with the program when their condition holds.
    pub notes: Vec<Conditional>,
    /// Line of the program's id in the rules file.
    pub line: usize,
}

impl Program {
    /// Every condition of the program: requirements, then strengths, then notes.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        let requires = self.requires.iter().map(|c| &c.when);
        let strengths = self.strengths.iter().map(|s| &s.when);
        requires
            .chain(strengths)
            .chain(self.notes.iter().map(|n| &n.when))
    }
}

/// A condition a program requires, with the texts that explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub when: Condition,
    /// The questions `when` reads, in first-mention order.
    pub reads: Vec<usize>,
    /// Why the program fits, when the condition holds.
    pub yes: Text,
    /// Why it does not, when the condition fails.
    pub no: Text,
    /// What to check, when the answers leave it undecided.
    pub check: Option<Text>,
    /// Line of the condition in the rules file.
    pub line: usize,
}

/// A text that applies when its condition holds: a program's strength or note.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    pub when: Condition,
    pub text: Text,
    /// Line of the condition in the rules file.
    pub line: usize,
}

/// An official place to contact.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub url: String,
    /// An English page, where it differs from `url`.
    pub url_en: Option<String>,
    pub label: Text,
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the whole source (meta), or the part cited (programs).
    #[serde(alias = "title")]
    pub cite: Text,
    pub url: String,
}

/// What to show when no program fits.
#[derive(Debug, Clone)]
pub struct Fallback {
    pub text: Text,
    pub starts: Vec<StartingPoint>,
}

/// A general place to start.
#[derive(Debug, Clone)]
pub struct StartingPoint {
    pub label: Text,
    pub url: String,
    /// Shown unless this fails for the answers (always shown when absent).
    pub when: Option<Condition>,
    /// Line of the starting point in the rules file.
    pub line: usize,
}

impl Rules {
    /// The starting points to show with these answers: those whose condition does not fail.
    pub fn starting_points<'r>(
        &'r self,
        answers: &'r Answers,
    ) -> impl Iterator<Item = &'r StartingPoint> + 'r {
        self.fallback.starts.iter().filter(|s| {
            s.when
                .as_ref()
                .is_none_or(|c| c.eval(answers) != crate::condition::Truth::No)
        })
    }
}

/// A calendar date, as written in the rules (YYYY-MM-DD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
    }
}

impl Date {
    /// The date `days` days after 1970-01-01 (the Unix epoch), in the proleptic Gregorian
    /// calendar; for dating lint findings from the system clock.
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, 9999) as u16,
            month: month as u8,
            day: day as u8,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Date {
    /// Today (UTC) by the system clock; for the command-line tool and the build, not the
    /// browser, where the clock is not read this way.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((seconds / 86_400) as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The whole rule set, checked.
#[derive(Debug, Clone)]
pub struct Rules {
    pub meta: Meta,
    pub questions: Vec<Question>,
    pub programs: Vec<Program>,
    pub fallback: Fallback,
}

impl Rules {
    /// Loads the rules embedded in the binary.
    pub fn embedded() -> Result<Rules, RulesError> {
        Rules::parse(crate::EMBEDDED_RULES)
    }

    /// Reads and checks a rules file, stopping at its first problem.
    pub fn parse(source: &str) -> Result<Rules, RulesError> {
        Rules::check(source).map_err(|mut problems| problems.swap_remove(0))
    }

    /// Reads and checks a rules file, reporting every problem found (at least one on error),
    /// in file order. After a wrong id or a broken structure the check stops, since what
    /// follows cannot be read reliably.
    pub fn check(source: &str) -> Result<Rules, Vec<RulesError>> {
        let raw: RawRules = toml::from_str(source).map_err(|e| {
            let error = match e.span() {
                Some(span) => RulesError::Invalid {
                    line: line_at(source, span.start),
                    message: e.message().trim().to_owned(),
                },
                None => RulesError::Syntax(e.to_string()),
            };
            vec![error]
        })?;
        let loader = Loader {
            source,
            problems: RefCell::new(Vec::new()),
        };
        let loaded = loader.load(raw);
        let mut problems = loader.problems.into_inner();
        match loaded {
            Ok(rules) if problems.is_empty() => return Ok(rules),
            Ok(_) => {}
            Err(error) => problems.push(error),
        }
        problems.sort_by_key(|p| match p {
            RulesError::Invalid { line, .. } => *line,
            RulesError::Syntax(_) => 0,
        });
        Err(problems)
    }

    /// The index of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The program with this id.
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    meta: RawMeta,
    questions: Vec<RawQuestion>,
    programs: Vec<RawProgram>,
    fallback: RawFallback,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFallback {
    text: Text,
    starts: Vec<Spanned<RawStart>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStart {
    label: Text,
    url: String,
    when: Option<Spanned<RawCondition>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: Text,
    reviewed: Spanned<String>,
    source: Source,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    text: Text,
    hint: Option<Text>,
    #[serde(default)]
    multiple: bool,
    options: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    label: Text,
    #[serde(default)]
    unknown: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    id: Spanned<String>,
    name: Text,
    runner: Text,
    summary: Text,
    next_steps: Vec<Text>,
    prepare: Vec<Text>,
    contact: Contact,
    source: Source,
    reviewed: Spanned<String>,
    requires: Vec<RawCriterion>,
    #[serde(default)]
    strengths: Vec<RawConditional>,
    #[serde(default)]
    notes: Vec<RawConditional>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    when: Spanned<RawCondition>,
    yes: Text,
    no: Text,
    check: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConditional {
    when: Spanned<RawCondition>,
    text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    q: Option<Spanned<String>>,
    #[serde(rename = "in")]
    holds: Option<Vec<Spanned<String>>>,
    maybe: Option<Vec<Spanned<String>>>,
    all: Option<Vec<Spanned<RawCondition>>>,
    any: Option<Vec<Spanned<RawCondition>>>,
    not: Option<Box<Spanned<RawCondition>>>,
}

/// The line (from 1) of a byte offset in the rules file.
fn line_at(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Turns raw shapes into checked rules, naming lines in errors.
struct Loader<'s> {
    source: &'s str,
    /// Problems that do not stop the check (a missing text, a bad link): all are reported.
    problems: RefCell<Vec<RulesError>>,
}

impl Loader<'_> {
    fn line(&self, offset: usize) -> usize {
        line_at(self.source, offset)
    }

    /// Records a problem that does not stop the check.
    fn note(&self, result: Result<(), RulesError>) {
        if let Err(problem) = result {
            self.problems.borrow_mut().push(problem);
        }
    }

    /// Where a top-level table such as `[fallback]` starts (its fields carry no position).
    fn table(&self, header: &str) -> usize {
        self.source
            .match_indices(header)
            .find(|(at, _)| *at == 0 || self.source.as_bytes()[at - 1] == b'\n')
            .map_or(0, |(at, _)| at)
    }

    fn error<T>(&self, offset: usize, message: impl Into<String>) -> Result<T, RulesError> {
        Err(RulesError::Invalid {
            line: self.line(offset),
            message: message.into(),
        })
    }

    fn load(&self, raw: RawRules) -> Result<Rules, RulesError> {
        let meta = Meta {
            reviewed: self.date(&raw.meta.reviewed, "meta")?,
            name: raw.meta.name,
            source: raw.meta.source,
        };
        self.texts(
            0,
            "meta",
            [("name", &meta.name), ("source", &meta.source.cite)],
        );
        let meta_at = self.table("[meta]");
        self.url(meta_at, "meta source", &meta.source.url);

        let mut questions = Vec::with_capacity(raw.questions.len());
        let mut question_ids = HashMap::new();
        for q in raw.questions {
            let question = self.question(q, &question_ids)?;
            question_ids.insert(question.id.clone(), questions.len());
            questions.push(question);
        }
        if questions.is_empty() {
            return self.error(0, "there are no questions");
        }

        let mut programs: Vec<Program> = Vec::with_capacity(raw.programs.len());
        for p in raw.programs {
            let offset = p.id.span().start;
            if programs.iter().any(|other| other.id == *p.id.get_ref()) {
                return self.error(
                    offset,
                    format!("program id \"{}\" is used twice", p.id.get_ref()),
                );
            }
            programs.push(self.program(p, &questions, &question_ids)?);
        }
        if programs.is_empty() {
            return self.error(0, "there are no programs");
        }

        let fallback_at = self.table("[fallback]");
        self.texts(fallback_at, "fallback", [("text", &raw.fallback.text)]);
        if raw.fallback.starts.is_empty() {
            return self.error(fallback_at, "fallback needs at least one starting point");
        }
        let conditions = ConditionLoader {
            loader: self,
            questions: &questions,
            question_ids: &question_ids,
        };
        let mut starts = Vec::with_capacity(raw.fallback.starts.len());
        for (i, start) in raw.fallback.starts.into_iter().enumerate() {
            let at = start.span().start;
            let start = start.into_inner();
            let place = format!("fallback start {}", i + 1);
            self.texts(at, &place, [("label", &start.label)]);
            self.url(at, &place, &start.url);
            let when = start
                .when
                .as_ref()
                .map(|c| conditions.condition(c))
                .transpose()?;
            starts.push(StartingPoint {
                label: start.label,
                url: start.url,
                when,
                line: self.line(at),
            });
        }
        let fallback = Fallback {
            text: raw.fallback.text,
            starts,
        };

        Ok(Rules {
            meta,
            questions,
            programs,
            fallback,
        })
    }

    fn id(&self, id: &Spanned<String>, what: &str) -> Result<String, RulesError> {
        let value = id.get_ref();
        let valid = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if valid {
            Ok(value.clone())
        } else {
            self.error(
                id.span().start,
                format!("{what} id \"{value}\" must use only a-z, 0-9 and _"),
            )
        }
    }

    fn date(&self, date: &Spanned<String>, place: &str) -> Result<Date, RulesError> {
        Date::parse(date.get_ref()).map_or_else(
            || {
                self.error(
                    date.span().start,
                    format!(
                        "{place}: reviewed date \"{}\" is not YYYY-MM-DD",
                        date.get_ref()
                    ),
                )
            },
            Ok,
        )
    }

    fn url(&self, offset: usize, place: &str, url: &str) {
        if !(url.starts_with("https://") && url.len() > "https://".len() && !url.contains(' ')) {
            self.note(self.error(
                offset,
                format!("{place}: link \"{url}\" must be an https:// address"),
            ));
        }
    }

    fn texts<'t>(
        &self,
        offset: usize,
        place: &str,
        texts: impl IntoIterator<Item = (&'t str, &'t Text)>,
    ) {
        for (field, text) in texts {
            if let Some(language) = text.missing() {
                self.note(self.error(offset, format!("{place}: {field} has no {language} text")));
            }
        }
    }

    fn question(
        &self,
        raw: RawQuestion,
        known: &HashMap<String, usize>,
    ) -> Result<Question, RulesError> {
        let offset = raw.id.span().start;
        let id = self.id(&raw.id, "question")?;
        if known.contains_key(&id) {
            return self.error(offset, format!("question id \"{id}\" is used twice"));
        }
        let place = format!("question \"{id}\"");
        self.texts(offset, &place, [("text", &raw.text)]);
        if let Some(hint) = &raw.hint {
            self.texts(offset, &place, [("hint", hint)]);
        }
        if raw.options.len() < 2 || raw.options.len() > MAX_OPTIONS {
            return self.error(
                offset,
                format!("{place} needs between 2 and {MAX_OPTIONS} options"),
            );
        }
        let mut options: Vec<AnswerOption> = Vec::with_capacity(raw.options.len());
        for o in raw.options {
            let option_id = self.id(&o.id, "option")?;
            if options.iter().any(|other| other.id == option_id) {
                return self.error(
                    o.id.span().start,
                    format!("{place}: option id \"{option_id}\" is used twice"),
                );
            }
            self.texts(
                o.id.span().start,
                &format!("{place} option \"{option_id}\""),
                [("label", &o.label)],
            );
            options.push(AnswerOption {
                line: self.line(o.id.span().start),
                id: option_id,
                label: o.label,
                unknown: o.unknown,
            });
        }
        Ok(Question {
            line: self.line(offset),
            id,
            text: raw.text,
            hint: raw.hint,
            multiple: raw.multiple,
            options,
        })
    }

    fn program(
        &self,
        raw: RawProgram,
        questions: &[Question],
        question_ids: &HashMap<String, usize>,
    ) -> Result<Program, RulesError> {
        let offset = raw.id.span().start;
        let id = self.id(&raw.id, "program")?;
        let place = format!("program \"{id}\"");
        self.texts(
            offset,
            &place,
            [
                ("name", &raw.name),
                ("runner", &raw.runner),
                ("summary", &raw.summary),
                ("contact label", &raw.contact.label),
                ("source", &raw.source.cite),
            ],
        );
        self.texts(
            offset,
            &place,
            raw.next_steps.iter().map(|t| ("next step", t)),
        );
        self.texts(
            offset,
            &place,
            raw.prepare.iter().map(|t| ("what to prepare", t)),
        );
        if raw.next_steps.is_empty() {
            return self.error(offset, format!("{place} needs at least one next step"));
        }
        self.url(offset, &place, &raw.contact.url);
        if let Some(url) = &raw.contact.url_en {
            self.url(offset, &place, url);
        }
        self.url(offset, &place, &raw.source.url);
        let reviewed = self.date(&raw.reviewed, &place)?;
        if raw.requires.is_empty() {
            return self.error(
                offset,
                format!("{place} needs at least one [[programs.requires]]"),
            );
        }

        let conditions = ConditionLoader {
            loader: self,
            questions,
            question_ids,
        };
        let mut requires = Vec::with_capacity(raw.requires.len());
        for (i, c) in raw.requires.into_iter().enumerate() {
            let where_ = format!("{place} requirement {}", i + 1);
            let when = conditions.condition(&c.when)?;
            let line_offset = c.when.span().start;
            self.texts(line_offset, &where_, [("yes", &c.yes), ("no", &c.no)]);
            if let Some(check) = &c.check {
                self.texts(line_offset, &where_, [("check", check)]);
            } else if when.can_stay_undecided() {
                return self.error(
                    line_offset,
                    format!("{where_}: it can be undecided (a `maybe` or \"I don't know\" answer), so it needs a `check` text"),
                );
            }
            requires.push(Criterion {
                line: self.line(line_offset),
                reads: when.questions(),
                when,
                yes: c.yes,
                no: c.no,
                check: c.check,
            });
        }
        let conditionals = |raw: &[RawConditional], kind: &str| {
            raw.iter()
                .map(|c| {
                    self.texts(
                        c.when.span().start,
                        &format!("{place} {kind}"),
                        [("text", &c.text)],
                    );
                    Ok(Conditional {
                        line: self.line(c.when.span().start),
                        when: conditions.condition(&c.when)?,
                        text: c.text.clone(),
                    })
                })
                .collect::<Result<Vec<_>, RulesError>>()
        };
        let strengths = conditionals(&raw.strengths, "strength")?;
        let notes = conditionals(&raw.notes, "note")?;

        Ok(Program {
            line: self.line(offset),
            id,
            name: raw.name,
            runner: raw.runner,
            summary: raw.summary,
            next_steps: raw.next_steps,
            prepare: raw.prepare,
            contact: raw.contact,
            source: raw.source,
            reviewed,
            requires,
            strengths,
            notes,
        })
    }
}

struct ConditionLoader<'a, 's> {
    loader: &'a Loader<'s>,
    questions: &'a [Question],
    question_ids: &'a HashMap<String, usize>,
}

impl ConditionLoader<'_, '_> {
    fn condition(&self, raw: &Spanned<RawCondition>) -> Result<Condition, RulesError> {
        let offset = raw.span().start;
        let c = raw.get_ref();
        let forms = [
            c.q.is_some(),
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
        ];
        if forms.iter().filter(|&&f| f).count() != 1 {
            return self.loader.error(
                offset,
                "a condition needs exactly one of `q` (with `in`), `all`, `any` or `not`",
            );
        }
        if c.q.is_none() && (c.holds.is_some() || c.maybe.is_some()) {
            return self.loader.error(offset, "`in` and `maybe` go with `q`");
        }
        if let Some(q) = &c.q {
            return self.answer(offset, q, c.holds.as_deref(), c.maybe.as_deref());
        }
        if let Some(not) = &c.not {
            return Ok(Condition::Not(Box::new(self.condition(not)?)));
        }
        let (parts, all) = match (&c.all, &c.any) {
            (Some(parts), _) => (parts, true),
            (_, Some(parts)) => (parts, false),
            _ => unreachable!("one form is present"),
        };
        if parts.is_empty() {
            return self
                .loader
                .error(offset, "`all` and `any` need at least one condition");
        }
        let parts = parts
            .iter()
            .map(|p| self.condition(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(if all {
            Condition::All(parts)
        } else {
            Condition::Any(parts)
        })
    }

    fn answer(
        &self,
        offset: usize,
        q: &Spanned<String>,
        holds: Option<&[Spanned<String>]>,
        maybe: Option<&[Spanned<String>]>,
    ) -> Result<Condition, RulesError> {
        let Some(&question) = self.question_ids.get(q.get_ref()) else {
            // Reported, and read as a condition that decides nothing, so that the check goes
            // on and names every other line that needs fixing too.
            self.loader.note(self.loader.error(
                q.span().start,
                format!("unknown question \"{}\"", q.get_ref()),
            ));
            return Ok(Condition::Any(Vec::new()));
        };
        let Some(holds) = holds.filter(|h| !h.is_empty()) else {
            return self.loader.error(
                offset,
                format!(
                    "condition on \"{}\" needs `in` with at least one option",
                    q.get_ref()
                ),
            );
        };
        let mask = |ids: &[Spanned<String>]| -> Result<u64, RulesError> {
            let mut mask = 0u64;
            for id in ids {
                let Some(i) = self.questions[question].option_index(id.get_ref()) else {
                    self.loader.note(self.loader.error(
                        id.span().start,
                        format!(
                            "question \"{}\" has no option \"{}\"",
                            q.get_ref(),
                            id.get_ref()
                        ),
                    ));
                    continue;
                };
                if mask & 1 << i != 0 {
                    return self.loader.error(
                        id.span().start,
                        format!("option \"{}\" is listed twice", id.get_ref()),
                    );
                }
                mask |= 1 << i;
            }
            Ok(mask)
        };
        let holds = mask(holds)?;
        let maybe = mask(maybe.unwrap_or_default())?;
        if holds & maybe != 0 {
            return self
                .loader
                .error(offset, "an option cannot be in both `in` and `maybe`");
        }
        Ok(Condition::Answer {
            question,
            holds,
            undecided: (maybe | self.questions[question].unknown_mask()) & !holds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_load() {
        let rules = Rules::embedded().unwrap();
        assert!(rules.programs.len() >= 8, "the eight routes at least");
        assert!(rules.questions.len() >= 10);
    }

    #[test]
    fn dates_must_be_real_calendar_dates() {
        assert_eq!(
            Date::parse("2026-11-25").map(|d| d.to_string()),
            Some("2026-11-25".into())
        );
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("26-11-25"), None);
        assert_eq!(Date::parse("2026-11-25-1"), None);
    }

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        let date = |days| Date::from_days_since_epoch(days).to_string();
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_417), "2025-11-25");
        assert_eq!(date(20_512), "2026-02-28");
        assert_eq!(date(20_513), "2026-03-01");
        assert_eq!(date(19_782), "2024-02-29");
    }
}
