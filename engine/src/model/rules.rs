//! The rules data: questions, programs and their conditions, with questions and options
//! referred to by index. `load` reads them from the TOML file program staff edit; `pack`
//! stores them compactly for the app.

use std::fmt;

use serde::Deserialize;

use crate::model::answers::Answers;
use crate::model::condition::Condition;
use crate::model::text::{Lang, Text};

/// The most options a question may have (option sets are bit masks).
pub(crate) const MAX_OPTIONS: usize = 64;

/// A problem in the rules file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("rules file is not valid: {0}")]
    Syntax(String),
    #[error("rules file line {line}: {message}")]
    Invalid { line: usize, message: String },
}

/// What the rule set is and when it was reviewed.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub name: Text,
    pub reviewed: Date,
    pub source: Source,
}

/// A question, asked with its options.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: Text,
    pub hint: Option<Text>,
    /// Whether several options may be chosen.
    pub multiple: bool,
    /// Whether the answer is a fact the user cannot change (who they are, where they are
    /// based, the disease): a "would fit if" never suggests another answer to it.
    pub fixed: bool,
    /// Whether the options are the stages of development, in order: the question the
    /// development pathway reads (at most one question).
    pub stages: bool,
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
#[derive(Debug, Clone, PartialEq)]
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
    /// One short line: what the program gives the user (the result's overview).
    pub gives: Text,
    /// One short line: the first thing to do (the overview and "start here").
    pub first_step: Text,
    pub next_steps: Vec<Text>,
    /// The stages of development at which to act on the program, as options of the `stages`
    /// question (a bit mask); 0 when it is any time it fits.
    pub act_at: u64,
    pub prepare: Vec<Text>,
    /// The points to raise in a first request to the program's office (the hand-over).
    pub ask: Vec<Text>,
    pub contact: Contact,
    /// The official pages (or the source document's pages) the program's facts rest on; at
    /// least one.
    pub sources: Vec<Source>,
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
    /// Every condition of the program: requirements, then strengths, then notes, then the
    /// conditions that choose a requirement's check text.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        let requires = self.requires.iter().map(|c| &c.when);
        let strengths = self.strengths.iter().map(|s| &s.when);
        let checks = self
            .requires
            .iter()
            .flat_map(|c| c.checks.iter().map(|k| &k.when));
        requires
            .chain(strengths)
            .chain(self.notes.iter().map(|n| &n.when))
            .chain(checks)
    }
}

/// A question of the rules, by its place in the rules file: what the engine hands out (the next
/// question, the questions asked, the screen a link opens) instead of a bare number. Only the
/// engine makes one, so it always names a question of the rules it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionIndex(pub(crate) usize);

impl QuestionIndex {
    /// Its place in `Rules::questions`.
    pub fn get(self) -> usize {
        self.0
    }
}

impl std::ops::Index<QuestionIndex> for Vec<Question> {
    type Output = Question;

    fn index(&self, q: QuestionIndex) -> &Question {
        &self[q.0]
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
    /// More specific texts of what to check: the first whose condition holds is shown
    /// instead of `check`. They read only the questions `when` reads.
    pub checks: Vec<Conditional>,
    /// Line of the condition in the rules file.
    pub line: usize,
}

impl Criterion {
    /// What to check when the requirement is undecided for these answers: the first of
    /// `checks` that holds, else `check`.
    pub fn check_for(&self, answers: &Answers) -> Option<&Text> {
        self.checks
            .iter()
            .find(|c| c.when.eval(answers) == crate::model::condition::Truth::Yes)
            .map(|c| &c.text)
            .or(self.check.as_ref())
    }
}

/// A text that applies when its condition holds: a program's strength or note.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    pub when: Condition,
    pub text: Text,
    /// Line of the condition in the rules file.
    pub line: usize,
}

/// An official place to contact: the program's own intake page, and the e-mail address and
/// telephone number its official page gives, if any.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub url: String,
    /// An English page, where it differs from `url`.
    pub url_en: Option<String>,
    pub label: Text,
    /// The intake e-mail address, as the official page gives it.
    pub email: Option<String>,
    /// The intake telephone number, as the official page gives it (for callers in Japan;
    /// `+81` forms are fine).
    pub phone: Option<String>,
    /// The official web form for a first request, where the intake is a form (not e-mail).
    pub form: Option<String>,
    /// The languages the office takes requests in, its main one first; Japanese when not
    /// given. A consultation request is written in the user's language when the office takes
    /// it, else in the office's main language with the user's language after it.
    #[serde(default = "japanese")]
    pub works_in: Vec<Lang>,
}

fn japanese() -> Vec<Lang> {
    vec![Lang::Ja]
}

impl Contact {
    /// The language a request to this office is written in, for a user reading `lang`.
    pub fn writes_in(&self, lang: Lang) -> Lang {
        if self.works_in.contains(&lang) {
            lang
        } else {
            self.works_in.first().copied().unwrap_or(Lang::Ja)
        }
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the whole source (meta), or the part cited (programs), with its page.
    #[serde(alias = "title")]
    pub cite: Text,
    /// The official page; absent for a document that is not published as a page of its own
    /// (its `cite` then names the document and its page).
    pub url: Option<String>,
}

/// What to show when no program fits.
#[derive(Debug, Clone, PartialEq)]
pub struct Fallback {
    pub text: Text,
    pub starts: Vec<StartingPoint>,
}

/// A general place to start.
#[derive(Debug, Clone, PartialEq)]
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
    pub fn starting_points<'r, 'a>(
        &'r self,
        answers: &'a Answers,
    ) -> impl Iterator<Item = &'r StartingPoint> + use<'r, 'a> {
        self.fallback.starts.iter().filter(|s| {
            s.when
                .as_ref()
                .is_none_or(|c| c.eval(answers) != crate::model::condition::Truth::No)
        })
    }
}

/// The domains a link shown to users may point to (or any of their subdomains): the Ministry
/// of Health, Labour and Welfare (MEDISO is at mediso.mhlw.go.jp), PMDA and AMED; NIBIOHN,
/// which pays the orphan and specified-use grants; INPIT, the patent office's agency for IP
/// support; and the House of Representatives, for the outline of an amending law. A program
/// run by another body needs its domain added here, by a developer, with a test (see
/// docs/decisions/ on official domains).
pub const OFFICIAL_DOMAINS: &[&str] = &[
    "mhlw.go.jp",
    "pmda.go.jp",
    "amed.go.jp",
    "nibiohn.go.jp",
    "inpit.go.jp",
    "shugiin.go.jp",
];

/// Whether `url` is an `https://` address on one of the [`OFFICIAL_DOMAINS`], with no user
/// name, port or unusual character that could make it point elsewhere.
pub fn is_official_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    if host.is_empty() || !host.chars().all(plain) || url.chars().any(|c| c.is_whitespace()) {
        return false;
    }
    OFFICIAL_DOMAINS.iter().any(|domain| {
        host == *domain
            || host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
    })
}

/// Whether `url` is the home page of an agency's main site (`https://www.pmda.go.jp/`, with
/// at most a query or fragment, or its home in a language folder such as `/english/`, with or
/// without `index.html`): too general to be a program's contact
/// or a fact's source. The root of a site of its own, on a subdomain other than `www` (such as
/// MEDISO's portal, `https://mediso.mhlw.go.jp/`), is the program's own page and is fine.
pub fn is_site_root(url: &str) -> bool {
    let rest = url.strip_prefix("https://").unwrap_or(url);
    let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let main_site = OFFICIAL_DOMAINS
        .iter()
        .any(|d| host == *d || host.strip_prefix("www.") == Some(d));
    // The home in a language folder ("/en/", "/english/index.html") is a home page too.
    let path = path.to_ascii_lowercase();
    let page = ["index.html", "index.htm", "index.php"]
        .iter()
        .find_map(|index| path.strip_suffix(index))
        .unwrap_or(&path);
    let folder = page.trim_matches('/');
    main_site && ["", "ja", "jp", "en", "english"].contains(&folder)
}

/// Whether `email` is a plain address (`name@host.domain`) that a `mailto:` link can carry
/// as it is: no spaces, no second `@`, nothing a link could misread.
pub fn is_plain_email(email: &str) -> bool {
    let Some((name, host)) = email.split_once('@') else {
        return false;
    };
    let name_char = |c: char| c.is_ascii_alphanumeric() || "._+-".contains(c);
    let host_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    !name.is_empty()
        && name.chars().all(name_char)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(host_char)
}

/// Whether `phone` is a telephone number as people write it: digits, with spaces, hyphens,
/// brackets and a leading `+`, at least 8 digits.
pub fn is_plain_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let rest = phone.strip_prefix('+').unwrap_or(phone);
    (8..=15).contains(&digits)
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || " -()".contains(c))
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
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub meta: Meta,
    pub questions: Vec<Question>,
    pub programs: Vec<Program>,
    pub fallback: Fallback,
}

impl Rules {
    /// The index of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The program with this id.
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_links_on_official_domains_are_official() {
        for url in [
            "https://www.mhlw.go.jp/",
            "https://mediso.mhlw.go.jp/",
            "https://www.pmda.go.jp/english/index.html",
            "https://pmda.go.jp",
            "https://www.amed.go.jp/program/list/11/02/001.html?x=1#top",
        ] {
            assert!(is_official_url(url), "{url}");
        }
        for url in [
            "http://www.mhlw.go.jp/",
            "https://evilmhlw.go.jp/",
            "https://mhlw.go.jp.example.com/",
            "https://www.mhlw.go.jp@example.com/",
            "https://www.mhlw.go.jp:8443/",
            "https://WWW.MHLW.GO.JP/",
            "https://.mhlw.go.jp/",
            "https://www.example.go.jp/",
            "https://www.mhlw.go.jp/a b",
            "javascript:alert(1)//https://www.mhlw.go.jp/",
            "https://",
            "",
        ] {
            assert!(!is_official_url(url), "{url}");
        }
    }

    #[test]
    fn agency_home_pages_are_site_roots_and_program_pages_are_not() {
        for url in [
            "https://www.mhlw.go.jp/",
            "https://www.amed.go.jp",
            "https://www.pmda.go.jp/?lang=en",
            "https://mhlw.go.jp#top",
            "https://www.pmda.go.jp/english/",
            "https://www.amed.go.jp/en/",
            "https://www.amed.go.jp/index.html",
            "https://www.amed.go.jp/en/index.html",
            "https://www.pmda.go.jp/english",
            "https://www.mhlw.go.jp/index.htm",
            "https://www.amed.go.jp/ja/",
            "https://www.pmda.go.jp/English/Index.html",
        ] {
            assert!(is_site_root(url), "{url}");
        }
        for url in [
            "https://www.amed.go.jp/program/list/index09.html",
            "https://www.pmda.go.jp/review-services/f2f-pre/strategies/0003.html",
            "https://mediso.mhlw.go.jp/consultation/",
            "https://mediso.mhlw.go.jp/",
            "https://www.pmda.go.jp/english/review-services/index.html",
            "https://www.mhlw.go.jp/stf/index.html",
        ] {
            assert!(!is_site_root(url), "{url}");
        }
    }

    #[test]
    fn the_first_specific_check_that_holds_replaces_the_general_one() {
        let p = crate::testing::requirement(r#"{ q = "a", in = ["x"], maybe = ["y"] }"#).replacen(
            "check = { ja = \"C\", en = \"C\" }",
            r#"check = { ja = "C", en = "C" }
        checks = [{ when = { q = "a", in = ["y"] }, text = { ja = "Y?", en = "Y?" } }]"#,
            1,
        );
        let rules = crate::testing::rules(&p);
        let requirement = &rules.programs[0].requires[0];
        let mut answers = Answers::new(&rules);
        let check = |answers: &Answers| requirement.check_for(answers).map(|t| t.en.clone());
        assert_eq!(check(&answers), Some("C".to_owned()), "unanswered");
        answers.set(0, 0b100);
        assert_eq!(check(&answers), Some("C".to_owned()), "I don't know");
        answers.set(0, 0b010);
        assert_eq!(
            check(&answers),
            Some("Y?".to_owned()),
            "the answer the check names"
        );
    }

    #[test]
    fn only_plain_addresses_and_numbers_are_contacts() {
        assert!(is_plain_email("dc-office@pmda.go.jp"));
        assert!(is_plain_email("info.mediso+jp@example-office.jp"));
        for email in [
            "",
            "a@",
            "@pmda.go.jp",
            "a b@pmda.go.jp",
            "a@b@pmda.go.jp",
            "a@pmda",
            "a@PMDA.GO.JP",
            "a@pmda.go.jp?subject=x",
            "a@.go.jp",
        ] {
            assert!(!is_plain_email(email), "{email}");
        }
        assert!(is_plain_phone("03-3506-9541"));
        assert!(is_plain_phone("+81 3 3506 9541"));
        assert!(is_plain_phone("(03) 3506-9541"));
        for phone in [
            "",
            "110",
            "03-3506-9541 ext. 2",
            "tel:0335069541",
            "+81+3",
            "0120-000-000-000-000",
        ] {
            assert!(!is_plain_phone(phone), "{phone}");
        }
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
