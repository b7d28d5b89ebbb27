//! The app's state as a link: answers, language and screen in the URL fragment.
//!
//! The fragment (`#v=1&lang=en&step=result&organisation=startup&help=funding.ip`) is never sent
//! to a server, so a shared link keeps the answers in the browser. Ids are plain
//! `a-z0-9_`, so no percent-encoding is needed; anything else is a malformed link.

use std::collections::BTreeSet;

use crate::formats::excerpt::{excerpt, quoted};
use crate::model::answers::Answers;
use crate::model::rules::{QuestionIndex, Rules};
use crate::model::text::{Lang, Text};

/// The version of the link format; links of another version are refused as outdated.
pub const LINK_VERSION: &str = "1";

/// Which screen the link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Step {
    #[default]
    Start,
    /// A question.
    Question(QuestionIndex),
    /// The summary of answers and the result.
    Result,
}

/// The items of programs' "what to prepare" lists the user has ticked as ready, by program id
/// and the item's place in the list. In a link each is `<program>_<key>`, the key a short hash
/// of the item's Japanese text: when the rules reorder a list the ticks follow their items,
/// and when an item's text changes its tick is left out (never moved to another item).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ready(BTreeSet<(String, usize)>);

impl Ready {
    pub fn has(&self, program: &str, item: usize) -> bool {
        self.0.contains(&(program.to_owned(), item))
    }

    pub fn set(&mut self, program: &str, item: usize, ready: bool) {
        let key = (program.to_owned(), item);
        if ready {
            self.0.insert(key);
        } else {
            self.0.remove(&key);
        }
    }

    /// The ticked items of one program, in list order.
    pub fn items(&self, program: &str) -> Vec<usize> {
        (self.0.iter())
            .filter(|(p, _)| p == program)
            .map(|&(_, i)| i)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An item's key in a link.
    pub fn key(text: &Text) -> String {
        // FNV-1a, folded to 16 bits.
        let hash = (text.ja.bytes()).fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        format!("{:04x}", (hash ^ (hash >> 16)) & 0xffff)
    }

    fn encode(&self, rules: &Rules) -> Option<String> {
        let items: Vec<String> = (self.0.iter())
            .filter_map(|(id, i)| {
                let text = rules.program(id)?.prepare.get(*i)?;
                Some(format!("{id}_{}", Ready::key(text)))
            })
            .collect();
        (!items.is_empty()).then(|| items.join("."))
    }

    /// Reads one `<program>_<key>`; `None` when it matches no item of the rules.
    fn decode(rules: &Rules, item: &str) -> Option<(String, usize)> {
        let (id, key) = item.rsplit_once('_')?;
        let program = rules.program(id)?;
        let i = (program.prepare.iter()).position(|text| Ready::key(text) == key)?;
        Some((id.to_owned(), i))
    }
}

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub answers: Answers,
    pub lang: Option<Lang>,
    pub step: Step,
    /// The "what to prepare" items ticked as ready.
    pub ready: Ready,
    /// Parts of the link (`question=option`, `lang=…`, `step=…`) that no longer match the
    /// current questions, so were left out while everything else was kept; for a notice.
    /// A long part is cut to an excerpt (its first 60 and last 20 characters).
    pub dropped: Vec<String>,
}

/// Why a link cannot be opened at all. Ids that do not match the current questions are not
/// errors: they are left out, and listed in [`Link::dropped`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link is malformed near {}", quoted(.0))]
    Malformed(String),
    #[error("the link was made by a different version of this tool (version {})", quoted(.0))]
    Outdated(String),
    #[error("the link repeats {}", quoted(.0))]
    Repeated(String),
}

const MAX_LINK_LENGTH: usize = 4096;

impl Link {
    /// A fresh start in `lang`.
    pub fn start(rules: &Rules, lang: Option<Lang>) -> Link {
        Link {
            answers: Answers::new(rules),
            lang,
            step: Step::Start,
            ready: Ready::default(),
            dropped: Vec::new(),
        }
    }

    /// Reads a fragment, with or without its leading `#`. An empty fragment is a fresh start.
    /// A link that cannot be read, or of another version, is an error. An unknown language,
    /// screen, question or option, or several options for a one-answer question, is left out
    /// and listed in `dropped`; the rest of the link is kept.
    pub fn decode(rules: &Rules, fragment: &str) -> Result<Link, LinkError> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if fragment.len() > MAX_LINK_LENGTH {
            return Err(LinkError::Malformed(fragment.chars().take(20).collect()));
        }
        let mut link = Link::start(rules, None);
        let mut seen: Vec<&str> = Vec::new();
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for part in fragment.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .filter(|(k, v)| plain(k) && plain(v) && !v.is_empty())
                .ok_or_else(|| LinkError::Malformed(part.chars().take(40).collect()))?;
            if seen.contains(&key) {
                return Err(LinkError::Repeated(key.to_owned()));
            }
            seen.push(key);
            match key {
                "v" if value == LINK_VERSION => {}
                "v" => return Err(LinkError::Outdated(value.to_owned())),
                "lang" => match Lang::from_tag(value).filter(|l| l.code() == value) {
                    Some(lang) => link.lang = Some(lang),
                    None => link.leave_out(&format!("lang={value}")),
                },
                "step" => match value {
                    "start" => link.step = Step::Start,
                    "result" => link.step = Step::Result,
                    id => match rules.question_index(id) {
                        Some(q) => link.step = Step::Question(QuestionIndex(q)),
                        None => link.leave_out(&format!("step={id}")),
                    },
                },
                "ready" => {
                    for item in value.split('.') {
                        match Ready::decode(rules, item) {
                            Some(key) => {
                                link.ready.0.insert(key);
                            }
                            None => link.leave_out(&format!("ready={item}")),
                        }
                    }
                }
                question => pairs.push((question, value)),
            }
        }
        for (question, value) in pairs {
            let options: Vec<&str> = value.split('.').collect();
            if options.iter().any(|o| o.is_empty()) {
                return Err(LinkError::Malformed(format!("{question}={value}")));
            }
            link.keep_answer(rules, question, &options);
        }
        Ok(link)
    }

    /// Notes a part of the link that was left out, as an excerpt: the list is shown to the user.
    fn leave_out(&mut self, part: &str) {
        self.dropped.push(excerpt(part).to_string());
    }

    /// Sets one answer from the link, leaving out (and noting) what does not fit the rules.
    fn keep_answer(&mut self, rules: &Rules, question: &str, options: &[&str]) {
        let Some(q) = rules.question_index(question) else {
            self.leave_out(&format!("{question}={}", options.join(".")));
            return;
        };
        let spec = &rules.questions[q];
        let (known, unknown): (Vec<&str>, Vec<&str>) = options
            .iter()
            .partition(|option| spec.option_index(option).is_some());
        for option in unknown {
            self.leave_out(&format!("{question}={option}"));
        }
        if known.len() > 1 && !spec.multiple {
            self.leave_out(&format!("{question}={}", known.join(".")));
            return;
        }
        if !known.is_empty() {
            // Known ids of a question not yet answered (keys are never repeated): cannot fail.
            let _ = self.answers.insert(rules, question, &known);
        }
    }

    /// The language a fragment asks for, even when the rest of it cannot be read, so that a
    /// message about a bad link is shown in the user's language.
    pub fn lang_of(fragment: &str) -> Option<Lang> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        fragment
            .split('&')
            .find_map(|part| part.strip_prefix("lang="))
            .and_then(|tag| Lang::from_tag(tag).filter(|l| l.code() == tag))
    }

    /// Writes the fragment (without `#`) that [`Link::decode`] reads back.
    pub fn encode(&self, rules: &Rules) -> String {
        let mut parts = vec![format!("v={LINK_VERSION}")];
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.code()));
        }
        match self.step {
            Step::Start => {}
            Step::Question(q) => parts.push(format!("step={}", rules.questions[q].id)),
            Step::Result => parts.push("step=result".to_owned()),
        }
        for q in self.answers.answered() {
            let question = &rules.questions[q];
            let options: Vec<&str> = self
                .answers
                .options(q)
                .into_iter()
                .map(|o| question.options[o].id.as_str())
                .collect();
            parts.push(format!("{}={}", question.id, options.join(".")));
        }
        if let Some(ready) = self.ready.encode(rules) {
            parts.push(format!("ready={ready}"));
        }
        parts.join("&")
    }
}

fn plain(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reproduces_answers_language_and_screen() {
        let rules = Rules::embedded().unwrap();
        let answers = Answers::from_pairs(
            &rules,
            [
                ("organisation", "startup"),
                ("help", "funding"),
                ("help", "ip"),
            ],
        )
        .unwrap();
        let mut ready = Ready::default();
        ready.set("orphan", 1, true);
        let link = Link {
            answers,
            lang: Some(Lang::En),
            step: Step::Result,
            ready,
            dropped: Vec::new(),
        };
        let fragment = link.encode(&rules);
        let key = Ready::key(&rules.program("orphan").unwrap().prepare[1]);
        assert_eq!(
            fragment,
            format!(
                "v=1&lang=en&step=result&organisation=startup&help=funding.ip&ready=orphan_{key}"
            )
        );
        assert_eq!(Link::decode(&rules, &format!("#{fragment}")), Ok(link));
    }

    #[test]
    fn ids_that_no_longer_fit_are_left_out_and_the_rest_is_kept() {
        let rules = Rules::embedded().unwrap();
        let link = Link::decode(
            &rules,
            "v=1&lang=fr&step=colour&organisation=bank&base=japan&help=funding.teleport&colour=red&product=drug.device",
        )
        .unwrap();
        assert_eq!(
            link.dropped,
            [
                "lang=fr",
                "step=colour",
                "organisation=bank",
                "help=teleport",
                "colour=red",
                "product=drug.device"
            ]
        );
        let kept = Answers::from_pairs(&rules, [("base", "japan"), ("help", "funding")]).unwrap();
        assert_eq!(link.answers, kept);
        assert_eq!((link.lang, link.step), (None, Step::Start));
        // Read back, what was kept is the whole link.
        let again = Link::decode(&rules, &link.encode(&rules)).unwrap();
        assert_eq!((again.answers, again.dropped), (kept, Vec::<String>::new()));
    }

    #[test]
    fn ticks_follow_their_items_and_a_tick_whose_item_is_gone_is_left_out() {
        let rules = Rules::embedded().unwrap();
        for p in &rules.programs {
            let mut keys: Vec<String> = p.prepare.iter().map(Ready::key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(
                keys.len(),
                p.prepare.len(),
                "{}: two items share a key",
                p.id
            );
        }
        let key = Ready::key(&rules.program("pediatric_plan").unwrap().prepare[0]);
        let link = Link::decode(
            &rules,
            &format!("v=1&ready=pediatric_plan_{key}.orphan_zzzz.nothing_0000.plain"),
        )
        .unwrap();
        assert!(link.ready.has("pediatric_plan", 0));
        assert_eq!(link.ready.items("pediatric_plan"), [0]);
        assert_eq!(
            link.dropped,
            ["ready=orphan_zzzz", "ready=nothing_0000", "ready=plain"]
        );
        let mut moved = rules.clone();
        let list = &mut moved
            .programs
            .iter_mut()
            .find(|p| p.id == "pediatric_plan")
            .unwrap()
            .prepare;
        list.reverse();
        let last = list.len() - 1;
        let reopened = Link::decode(&moved, &link.encode(&rules)).unwrap();
        assert!(
            reopened.ready.has("pediatric_plan", last),
            "the tick follows its item"
        );
        list_changed(&mut moved);
        let reopened = Link::decode(&moved, &link.encode(&rules)).unwrap();
        assert!(reopened.ready.is_empty() && reopened.dropped.len() == 1);
    }

    fn list_changed(rules: &mut Rules) {
        let p = rules
            .programs
            .iter_mut()
            .find(|p| p.id == "pediatric_plan")
            .unwrap();
        for item in &mut p.prepare {
            item.ja.push('。');
        }
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        let rules = Rules::embedded().unwrap();
        let err = |f: &str| Link::decode(&rules, f).unwrap_err();
        assert!(matches!(
            err("organisation=startup&<script>"),
            LinkError::Malformed(_)
        ));
        assert!(matches!(err("organisation="), LinkError::Malformed(_)));
        assert!(matches!(err("help=funding..ip"), LinkError::Malformed(_)));
        assert_eq!(err("v=0"), LinkError::Outdated("0".into()));
        assert_eq!(err("lang=en&lang=ja"), LinkError::Repeated("lang".into()));
        assert!(matches!(err(&"a".repeat(5000)), LinkError::Malformed(_)));
        assert_eq!(Link::decode(&rules, ""), Ok(Link::start(&rules, None)));
        assert_eq!(Link::lang_of("#lang=en&organisation=%3C"), Some(Lang::En));
        assert_eq!(Link::lang_of("lang=english"), None);
        assert_eq!(Link::decode(&rules, "#"), Ok(Link::start(&rules, None)));
    }

    #[test]
    fn a_long_link_is_quoted_as_an_excerpt() {
        let rules = Rules::embedded().unwrap();
        let long = "x".repeat(2000);
        let message = |f: &str| Link::decode(&rules, f).unwrap_err().to_string();
        let excerpt = format!(
            "\"{}…{}\" (2000 characters)",
            "x".repeat(60),
            "x".repeat(20)
        );
        assert_eq!(
            message(&format!("v={long}")),
            format!("the link was made by a different version of this tool (version {excerpt})")
        );
        assert_eq!(
            message(&format!("{long}=a&{long}=b")),
            format!("the link repeats {excerpt}")
        );
        assert_eq!(
            message(&format!("organisation={long}..a")),
            format!(
                "the link is malformed near \"organisation={}…{}\" (2016 characters)",
                "x".repeat(47),
                "x".repeat(17) + "..a"
            )
        );
        // What is left out is listed for the user: cut the same way, without quotes.
        let link = Link::decode(&rules, &format!("organisation={long}&lang={long}")).unwrap();
        assert_eq!(
            link.dropped,
            [
                format!("lang={}…{}", "x".repeat(55), "x".repeat(20)),
                format!("organisation={}…{}", "x".repeat(47), "x".repeat(20)),
            ]
        );
    }
}
