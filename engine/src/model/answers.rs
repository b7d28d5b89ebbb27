//! A user's answers, checked against the questions they answer.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::formats::excerpt::quoted;
use crate::formats::json::Json;
use crate::model::rules::{QuestionIndex, Rules};

/// An answer that does not fit the rules. Its message quotes at most an excerpt of each id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("unknown question {}", quoted(.0))]
    UnknownQuestion(String),
    #[error("question {} has no option {}", quoted(.question), quoted(.option))]
    UnknownOption { question: String, option: String },
    #[error("question {} takes one answer, but several were given", quoted(.0))]
    NotMultiple(String),
    #[error("question {} has an empty answer", quoted(.0))]
    Empty(String),
    #[error("question {} is answered twice", quoted(.0))]
    Repeated(String),
    #[error("answers must be a JSON object like {{\"organisation\": \"startup\", \"help\": [\"funding\", \"ip\"]}}")]
    NotAnObject,
    #[error("the answer to {} must be an option id or a list of option ids", quoted(.0))]
    NotAnOptionId(String),
}

/// The options chosen for each question, as a bit mask per question (`None`: not answered).
/// The options chosen for one question (none, one, or several for a multiple-answer
/// question), by their place in the question's options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Choice(u64);

impl Choice {
    /// Nothing chosen.
    pub const NONE: Choice = Choice(0);

    /// Only `option` chosen.
    pub fn only(option: usize) -> Choice {
        Choice(1u64.checked_shl(option as u32).unwrap_or(0))
    }

    /// `option` added if it was not chosen, removed if it was.
    pub fn toggled(self, option: usize) -> Choice {
        Choice(self.0 ^ Choice::only(option).0)
    }

    pub fn contains(self, option: usize) -> bool {
        self.0 & Choice::only(option).0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The options chosen, in order.
    pub fn options(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |&i| self.0 & 1 << i != 0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Answers {
    chosen: Vec<Option<u64>>,
}

impl Answers {
    /// No answers yet.
    pub fn new(rules: &Rules) -> Answers {
        Answers {
            chosen: vec![None; rules.questions.len()],
        }
    }

    /// The options chosen for question `q`, as a bit mask.
    pub fn get(&self, q: usize) -> Option<u64> {
        self.chosen.get(q).copied().flatten()
    }

    /// Whether question `q` has been answered.
    pub fn is_answered(&self, q: usize) -> bool {
        self.get(q).is_some()
    }

    /// The indices of the options chosen for question `q`.
    pub fn options(&self, q: usize) -> Vec<usize> {
        Choice(self.get(q).unwrap_or(0)).options().collect()
    }

    /// The options chosen for question `q` (none when it is unanswered).
    pub fn choice(&self, q: QuestionIndex) -> Choice {
        Choice(self.get(q.0).unwrap_or(0))
    }

    /// Answers question `q` with `choice` (nothing chosen clears the answer).
    pub fn choose(&mut self, q: QuestionIndex, choice: Choice) {
        self.set(q.0, choice.0);
    }

    /// Sets the answer to question `q` (a mask of option indices; 0 clears it).
    pub fn set(&mut self, q: usize, mask: u64) {
        if let Some(slot) = self.chosen.get_mut(q) {
            *slot = (mask != 0).then_some(mask);
        }
    }

    /// Removes the answer to question `q`.
    pub fn clear(&mut self, q: usize) {
        self.set(q, 0);
    }

    /// The answered questions, in rules order.
    pub fn answered(&self) -> impl Iterator<Item = usize> + '_ {
        self.chosen
            .iter()
            .enumerate()
            .filter_map(|(q, c)| c.map(|_| q))
    }

    /// Sets one answer by ids, checking that the question and options exist.
    pub fn insert(
        &mut self,
        rules: &Rules,
        question: &str,
        options: &[&str],
    ) -> Result<(), AnswerError> {
        let q = rules
            .question_index(question)
            .ok_or_else(|| AnswerError::UnknownQuestion(question.to_owned()))?;
        let spec = &rules.questions[q];
        if self.is_answered(q) {
            return Err(AnswerError::Repeated(question.to_owned()));
        }
        if options.is_empty() {
            return Err(AnswerError::Empty(question.to_owned()));
        }
        if options.len() > 1 && !spec.multiple {
            return Err(AnswerError::NotMultiple(question.to_owned()));
        }
        let mut mask = 0;
        for option in options {
            let i = spec
                .option_index(option)
                .ok_or_else(|| AnswerError::UnknownOption {
                    question: question.to_owned(),
                    option: (*option).to_owned(),
                })?;
            mask |= 1 << i;
        }
        self.set(q, mask);
        Ok(())
    }

    /// Builds answers from `(question id, option id)` pairs; a multiple-answer question may
    /// appear in several pairs.
    pub fn from_pairs<'a>(
        rules: &Rules,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Answers, AnswerError> {
        let mut grouped: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut order = Vec::new();
        for (q, o) in pairs {
            if !grouped.contains_key(q) {
                order.push(q);
            }
            grouped.entry(q).or_default().push(o);
        }
        let mut answers = Answers::new(rules);
        for q in order {
            answers.insert(rules, q, &grouped[q])?;
        }
        Ok(answers)
    }

    /// Reads answers from JSON: `{"<question id>": "<option id>" | ["<option id>", …]}`.
    pub fn from_json(rules: &Rules, json: &Value) -> Result<Answers, AnswerError> {
        let object = json.as_object().ok_or(AnswerError::NotAnObject)?;
        let mut answers = Answers::new(rules);
        for (question, value) in object {
            let options: Vec<&str> = match value {
                Value::String(s) => vec![s.as_str()],
                Value::Array(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .ok_or_else(|| AnswerError::NotAnOptionId(question.clone()))
                    })
                    .collect::<Result<_, _>>()?,
                _ => return Err(AnswerError::NotAnOptionId(question.clone())),
            };
            answers.insert(rules, question, &options)?;
        }
        Ok(answers)
    }

    /// The answers as JSON, in the form [`Answers::from_json`] reads.
    pub fn to_json(&self, rules: &Rules) -> Json {
        Json::Object(
            self.answered()
                .map(|q| {
                    let question = &rules.questions[q];
                    let mut ids = self.options(q).into_iter().map(|o| &question.options[o].id);
                    let value = if question.multiple {
                        Json::array(ids)
                    } else {
                        ids.next().into()
                    };
                    (question.id.clone(), value)
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_choice_holds_the_options_picked_and_toggles_them() {
        let one = Choice::only(2);
        assert!(one.contains(2) && !one.contains(0) && !one.is_empty());
        let two = one.toggled(0);
        assert_eq!(two.options().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(two.toggled(0).toggled(2), Choice::NONE);
        assert!(Choice::NONE.is_empty());
        // No option past the 64 a question can have: nothing chosen, no panic.
        assert!(Choice::only(64).is_empty() && !Choice::only(2).contains(99));
    }

    #[test]
    fn json_answers_round_trip() {
        let rules = Rules::embedded().unwrap();
        let json = json!({"organisation": "startup", "help": ["funding", "ip"]});
        let answers = Answers::from_json(&rules, &json).unwrap();
        let written: Value = serde_json::from_str(&answers.to_json(&rules).pretty()).unwrap();
        assert_eq!(written, json);
    }

    #[test]
    fn bad_answers_say_what_is_wrong() {
        let rules = Rules::embedded().unwrap();
        let err = |v| Answers::from_json(&rules, &v).unwrap_err().to_string();
        assert_eq!(err(json!({"colour": "red"})), "unknown question \"colour\"");
        assert_eq!(
            err(json!({"organisation": "bank"})),
            "question \"organisation\" has no option \"bank\""
        );
        assert_eq!(
            err(json!({"organisation": ["startup", "academic"]})),
            "question \"organisation\" takes one answer, but several were given"
        );
        assert_eq!(
            err(json!({"help": []})),
            "question \"help\" has an empty answer"
        );
        assert!(err(json!(["startup"])).starts_with("answers must be a JSON object"));
        assert_eq!(
            err(json!({"organisation": 3})),
            "the answer to \"organisation\" must be an option id or a list of option ids"
        );
    }

    #[test]
    fn a_huge_answer_is_quoted_as_an_excerpt() {
        let rules = Rules::embedded().unwrap();
        let huge = "x".repeat(1000);
        let err = |v| Answers::from_json(&rules, &v).unwrap_err().to_string();
        let excerpt = format!(
            "\"{}…{}\" (1000 characters)",
            "x".repeat(60),
            "x".repeat(20)
        );
        assert_eq!(
            err(json!({huge.as_str(): "startup"})),
            format!("unknown question {excerpt}")
        );
        assert_eq!(
            err(json!({"organisation": huge})),
            format!("question \"organisation\" has no option {excerpt}")
        );
    }
}
