//! Reading the rules file (TOML) and checking every id and text in it.
//!
//! The file is parsed into `Raw*` shapes that keep the position of every id, then turned into
//! [`Rules`], where questions and options are referred to by index. Any problem becomes a
//! [`RulesError`] that names the line of the rules file, so program staff can fix it.
//!
//! Only with the `toml` feature (the default): the app gets its rules already checked and
//! packed at build time (see `pack`), without this parser.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::formats::excerpt::{bounded, quoted};
use crate::model::condition::Condition;
use crate::model::rules::{
    is_official_url, is_plain_email, is_plain_phone, is_site_root, AnswerOption, Conditional,
    Contact, Criterion, Date, Fallback, Meta, Program, Question, Rules, RulesError, Source,
    StartingPoint, MAX_OPTIONS, OFFICIAL_DOMAINS,
};
use crate::model::text::Text;

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
                    // The reader's messages quote the file (`invalid type: string "…"`).
                    message: bounded(e.message().trim()),
                },
                None => RulesError::Syntax(bounded(&e.to_string())),
            };
            vec![error]
        })?;
        let loader = Loader {
            source,
            newlines: newlines(source),
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
    #[serde(default)]
    fixed: bool,
    #[serde(default)]
    stages: bool,
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
    gives: Text,
    first_step: Text,
    next_steps: Vec<Text>,
    #[serde(default)]
    act_at: Vec<Spanned<String>>,
    prepare: Vec<Text>,
    ask: Vec<Text>,
    contact: Contact,
    sources: Vec<Source>,
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
    #[serde(default)]
    checks: Vec<RawConditional>,
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

/// The longest id (of a question, option or program) the rules may use, in characters.
const MAX_ID_CHARS: usize = 40;

/// The line (from 1) of a byte offset in the rules file.
fn line_at(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The byte offsets of the rules file's line breaks, to find a line by binary search.
fn newlines(source: &str) -> Vec<usize> {
    (source.bytes().enumerate())
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect()
}

/// Turns raw shapes into checked rules, naming lines in errors.
struct Loader<'s> {
    source: &'s str,
    /// Where the file's lines end (`newlines`): a rules file has thousands of spans to name.
    newlines: Vec<usize>,
    /// Problems that do not stop the check (a missing text, a bad link): all are reported.
    problems: RefCell<Vec<RulesError>>,
}

impl Loader<'_> {
    fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
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
        if let Some(url) = &meta.source.url {
            self.url(meta_at, "meta source", url);
        }

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
        let mut stages = questions.iter().filter(|q| q.stages);
        if let (Some(first), Some(second)) = (stages.next(), stages.next()) {
            return Err(RulesError::Invalid {
                line: second.line,
                message: format!(
                    "question \"{}\" is marked stages, but so is question \"{}\": the development pathway reads one",
                    second.id, first.id
                ),
            });
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
        if !valid {
            return self.error(
                id.span().start,
                format!("{what} id {} must use only a-z, 0-9 and _", quoted(value)),
            );
        }
        // A link carries every answer's ids within its 4,096 characters; and findings quote
        // ids whole.
        if value.len() > MAX_ID_CHARS {
            return self.error(
                id.span().start,
                format!(
                    "{what} id {} is too long: ids go into share links, so keep them to \
                     {MAX_ID_CHARS} characters",
                    quoted(value)
                ),
            );
        }
        Ok(value.clone())
    }

    fn date(&self, date: &Spanned<String>, place: &str) -> Result<Date, RulesError> {
        Date::parse(date.get_ref()).map_or_else(
            || {
                self.error(
                    date.span().start,
                    format!(
                        "{place}: reviewed date {} is not YYYY-MM-DD",
                        quoted(date.get_ref())
                    ),
                )
            },
            Ok,
        )
    }

    fn url(&self, offset: usize, place: &str, url: &str) {
        let shown = quoted(url);
        let message =
            if !(url.starts_with("https://") && url.len() > "https://".len() && !url.contains(' '))
            {
                format!("{place}: link {shown} must be an https:// address")
            } else if !is_official_url(url) {
                format!(
                    "{place}: link {shown} is not on an official domain ({}, or their \
                 subdomains); a new domain must be added to OFFICIAL_DOMAINS in \
                 engine/src/model/rules.rs by a developer",
                    OFFICIAL_DOMAINS.join(", ")
                )
            } else if is_site_root(url) {
                format!(
                    "{place}: link {shown} is a site's home page: link the program's own page \
                 (or the page of the document relied on)"
                )
            } else {
                return;
            };
        self.note(self.error(offset, message));
    }

    /// The contact's e-mail address and telephone number, where given, are plain enough for a
    /// `mailto:` or `tel:` link.
    fn contact_channels(&self, offset: usize, place: &str, contact: &Contact) {
        if let Some(email) = contact.email.as_deref().filter(|e| !is_plain_email(e)) {
            self.note(self.error(
                offset,
                format!(
                    "{place}: contact e-mail {} is not a plain address such as name@pmda.go.jp",
                    quoted(email)
                ),
            ));
        }
        if let Some(phone) = contact.phone.as_deref().filter(|p| !is_plain_phone(p)) {
            self.note(self.error(
                offset,
                format!("{place}: contact phone {} is not a telephone number (digits, spaces, hyphens, brackets, a leading +)", quoted(phone)),
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
        if raw.stages && raw.multiple {
            return self.error(
                offset,
                format!("{place} is marked stages, so it needs one answer: remove `multiple`"),
            );
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
            fixed: raw.fixed,
            stages: raw.stages,
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
                ("gives", &raw.gives),
                ("first_step", &raw.first_step),
                ("contact label", &raw.contact.label),
            ],
        );
        self.texts(
            offset,
            &place,
            raw.sources.iter().map(|s| ("source", &s.cite)),
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
        self.texts(
            offset,
            &place,
            raw.ask.iter().map(|t| ("point to raise", t)),
        );
        if raw.ask.is_empty() {
            return self.error(
                offset,
                format!("{place} needs at least one point to raise (ask), for the request to its office"),
            );
        }
        if raw.contact.works_in.is_empty() {
            return self.error(
                offset,
                format!("{place}: contact works_in names no language (leave it out for Japanese)"),
            );
        }
        if raw.next_steps.is_empty() {
            return self.error(offset, format!("{place} needs at least one next step"));
        }
        let act_at = self.act_at(&raw.act_at, &place, questions)?;
        self.contact_and_sources(offset, &place, &raw)?;
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
        let requires = (raw.requires.into_iter().enumerate())
            .map(|(i, c)| self.criterion(&conditions, &format!("{place} requirement {}", i + 1), c))
            .collect::<Result<Vec<_>, RulesError>>()?;
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
            gives: raw.gives,
            first_step: raw.first_step,
            next_steps: raw.next_steps,
            act_at,
            prepare: raw.prepare,
            ask: raw.ask,
            contact: raw.contact,
            sources: raw.sources,
            reviewed,
            requires,
            strengths,
            notes,
        })
    }

    /// Checks a program's contact and sources: official links, plain e-mail and phone, at
    /// least one source, and one with a link.
    /// A program's `act_at`: options of the question marked `stages`, as a bit mask.
    fn act_at(
        &self,
        raw: &[Spanned<String>],
        place: &str,
        questions: &[Question],
    ) -> Result<u64, RulesError> {
        let Some(first) = raw.first() else {
            return Ok(0);
        };
        let Some(stages) = questions.iter().find(|q| q.stages) else {
            return self.error(
                first.span().start,
                format!("{place}: act_at names stages, but no question is marked `stages = true`"),
            );
        };
        let mut mask = 0;
        for id in raw {
            match stages.option_index(id.get_ref()) {
                Some(o) if !stages.options[o].unknown => mask |= 1 << o,
                _ => {
                    return self.error(
                        id.span().start,
                        format!(
                            "{place}: act_at names {}, which is not a stage of question \"{}\"",
                            quoted(id.get_ref()),
                            stages.id
                        ),
                    )
                }
            }
        }
        Ok(mask)
    }

    fn contact_and_sources(
        &self,
        offset: usize,
        place: &str,
        raw: &RawProgram,
    ) -> Result<(), RulesError> {
        self.url(offset, place, &raw.contact.url);
        for url in [&raw.contact.url_en, &raw.contact.form]
            .into_iter()
            .flatten()
        {
            self.url(offset, place, url);
        }
        self.contact_channels(offset, place, &raw.contact);
        if raw.sources.is_empty() {
            return self.error(offset, format!("{place} needs at least one source"));
        }
        for url in raw.sources.iter().filter_map(|s| s.url.as_deref()) {
            self.url(offset, place, url);
        }
        if raw.sources.iter().all(|s| s.url.is_none()) {
            self.note(self.error(
                offset,
                format!("{place} needs a source with a link (`url`), so users can follow it"),
            ));
        }
        Ok(())
    }

    /// One requirement of a program (`where_` names it in messages), with its check texts.
    fn criterion(
        &self,
        conditions: &ConditionLoader<'_, '_>,
        where_: &str,
        c: RawCriterion,
    ) -> Result<Criterion, RulesError> {
        let when = conditions.condition(&c.when)?;
        let line_offset = c.when.span().start;
        self.texts(line_offset, where_, [("yes", &c.yes), ("no", &c.no)]);
        if let Some(check) = &c.check {
            self.texts(line_offset, where_, [("check", check)]);
        } else if when.can_stay_undecided() {
            return self.error(
                line_offset,
                format!("{where_}: it can be undecided (a `maybe` or \"I don't know\" answer), so it needs a `check` text"),
            );
        }
        let reads = when.questions();
        let mut checks = Vec::with_capacity(c.checks.len());
        for check in &c.checks {
            let at = check.when.span().start;
            self.texts(at, &format!("{where_} check"), [("text", &check.text)]);
            let condition = conditions.condition(&check.when)?;
            if condition.questions().iter().any(|q| !reads.contains(q)) {
                return self.error(
                    at,
                    format!("{where_}: a `checks` condition may read only the questions the requirement reads"),
                );
            }
            checks.push(Conditional {
                line: self.line(at),
                when: condition,
                text: check.text.clone(),
            });
        }
        if !checks.is_empty() && c.check.is_none() {
            return self.error(
                line_offset,
                format!("{where_}: `checks` needs a `check` text for the other cases"),
            );
        }
        Ok(Criterion {
            line: self.line(line_offset),
            reads,
            when,
            yes: c.yes,
            no: c.no,
            check: c.check,
            checks,
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
                format!("unknown question {}", quoted(q.get_ref())),
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
                            "question \"{}\" has no option {}",
                            q.get_ref(),
                            quoted(id.get_ref())
                        ),
                    ));
                    continue;
                };
                if mask & 1 << i != 0 {
                    return self.loader.error(
                        id.span().start,
                        format!("option {} is listed twice", quoted(id.get_ref())),
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
}
