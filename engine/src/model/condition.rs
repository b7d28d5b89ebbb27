//! Conditions on answers and their three-valued evaluation (holds, fails, undecided).

use crate::model::answers::Answers;
use crate::model::rules::Question;

/// Whether a condition holds for the answers given so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    Yes,
    No,
    /// Not answered yet, "I don't know", or an answer that needs checking.
    Unknown,
}

impl Truth {
    /// Both hold: `No` if either fails, `Yes` if both hold, otherwise `Unknown`.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::No, _) | (_, Truth::No) => Truth::No,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::Yes,
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// The most combinations of answers tried to tell whether an answer matters.
const MAX_COMBINATIONS: u64 = 4096;

/// A checked condition: questions are indices, option sets are bit masks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The answer to `question` is one of `holds`; options in `undecided` leave it undecided.
    Answer {
        question: usize,
        holds: u64,
        undecided: u64,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

impl Condition {
    /// Evaluates the condition against the answers.
    pub fn eval(&self, answers: &Answers) -> Truth {
        self.eval_with(&|q| answers.get(q))
    }

    /// Evaluates with answers from `answer` (generic, so that it inlines: evaluation is the
    /// engine's inner loop).
    fn eval_with<F: Fn(usize) -> Option<u64>>(&self, answer: &F) -> Truth {
        match self {
            Condition::Answer {
                question,
                holds,
                undecided,
            } => match answer(*question) {
                None => Truth::Unknown,
                Some(chosen) if chosen & holds != 0 => Truth::Yes,
                Some(chosen) if chosen & undecided != 0 => Truth::Unknown,
                Some(_) => Truth::No,
            },
            Condition::All(parts) => parts
                .iter()
                .fold(Truth::Yes, |acc, part| acc.and(part.eval_with(answer))),
            Condition::Any(parts) => {
                parts
                    .iter()
                    .fold(Truth::No, |acc, part| match (acc, part.eval_with(answer)) {
                        (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
                        (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                        _ => Truth::No,
                    })
            }
            Condition::Not(inner) => inner.eval_with(answer).not(),
        }
    }

    /// The questions the condition reads, in first-mention order, without repeats.
    pub fn questions(&self) -> Vec<usize> {
        let mut found = Vec::new();
        self.collect_questions(&mut found);
        found
    }

    fn collect_questions(&self, found: &mut Vec<usize>) {
        match self {
            Condition::Answer { question, .. } => {
                if !found.contains(question) {
                    found.push(*question);
                }
            }
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| p.collect_questions(found))
            }
            Condition::Not(inner) => inner.collect_questions(found),
        }
    }

    /// Calls `f(question, holds, undecided)` for every answer test in the condition.
    pub(crate) fn for_each_answer(&self, f: &mut dyn FnMut(usize, u64, u64)) {
        match self {
            Condition::Answer {
                question,
                holds,
                undecided,
            } => f(*question, *holds, *undecided),
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| p.for_each_answer(f))
            }
            Condition::Not(inner) => inner.for_each_answer(f),
        }
    }

    /// Whether the condition reads the answer to `question`.
    pub fn reads(&self, question: usize) -> bool {
        match self {
            Condition::Answer { question: q, .. } => *q == question,
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().any(|p| p.reads(question))
            }
            Condition::Not(inner) => inner.reads(question),
        }
    }

    /// Whether some complete set of answers leaves the condition undecided.
    #[cfg(feature = "authoring")]
    pub(crate) fn can_stay_undecided(&self) -> bool {
        match self {
            Condition::Answer { undecided, .. } => *undecided != 0,
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().any(|p| p.can_stay_undecided())
            }
            Condition::Not(inner) => inner.can_stay_undecided(),
        }
    }

    /// Whether the answer to `question` (unanswered so far) can still change the condition's
    /// value, for some answers to the other questions it reads that are also unanswered.
    ///
    /// Each question's answers are tried one option at a time, which decides every condition
    /// of the `in`/`maybe` form. If there are too many combinations to try, it says yes.
    pub fn depends_on(&self, question: usize, answers: &Answers, questions: &[Question]) -> bool {
        if !self.reads(question) {
            return false;
        }
        // Three-valued evaluation is monotone: an answer can only turn "undecided" into a
        // value, never change a value. So a condition the answers already decide, with this
        // question unanswered, is decided whatever it is answered.
        if answers.get(question).is_none() && self.eval(answers) != Truth::Unknown {
            return false;
        }
        if let Condition::Answer {
            holds, undecided, ..
        } = self
        {
            // One test on one question: it depends on the answer unless every option gives
            // the same value.
            let all = u64::MAX >> (64 - questions[question].options.len());
            let values = [
                holds & all,
                undecided & !holds & all,
                !holds & !undecided & all,
            ];
            return values.iter().filter(|&&v| v != 0).count() > 1;
        }
        let mut free = Free::default();
        let mut few = true;
        self.for_each_answer(&mut |q, _, _| {
            few = few && free.add(q, Some(question), answers, questions)
        });
        if !few {
            return true;
        }
        let options = questions[question].options.len();
        free.any(|pick| {
            let value_with = |choice: usize| {
                self.eval_with(&|q| {
                    if q == question {
                        Some(1 << choice)
                    } else {
                        free.answer(q, pick).or_else(|| answers.get(q))
                    }
                })
            };
            let first = value_with(0);
            (1..options).any(|choice| value_with(choice) != first)
        })
    }

    /// Whether some answers to the questions the condition reads (`reads`, as
    /// [`Condition::questions`] lists them) and that are unanswered would decide it, holding
    /// or failing. If none would, its "undecided" is final whatever else comes. Answers are
    /// tried one option each; if there are too many combinations to try, it says yes.
    pub fn can_be_decided(
        &self,
        reads: &[usize],
        answers: &Answers,
        questions: &[Question],
    ) -> bool {
        let mut free = Free::default();
        if !reads.iter().all(|&q| free.add(q, None, answers, questions)) {
            return true;
        }
        free.any(|pick| {
            self.eval_with(&|q| free.answer(q, pick).or_else(|| answers.get(q))) != Truth::Unknown
        })
    }
}

/// Every question has at least two options, so more unanswered questions than this are more
/// than [`MAX_COMBINATIONS`] combinations.
const MOST_FREE: usize = MAX_COMBINATIONS.ilog2() as usize;

/// The unanswered questions a condition reads, each with its number of options, to try every
/// combination of one option each. Held on the stack: [`Condition::depends_on`] and
/// [`Condition::can_be_decided`] run for every condition of every result, and the exhaustive
/// walk (docs/decisions/003-exhaustive-walk-remembers-states.md) calls them billions of times.
struct Free {
    /// The questions, and how many options each has: small, so that a `Free` costs little
    /// to set up (it is made for every condition at every step of the walk).
    questions: [u16; MOST_FREE],
    options: [u8; MOST_FREE],
    len: usize,
    combinations: u64,
}

impl Default for Free {
    fn default() -> Free {
        Free {
            questions: [0; MOST_FREE],
            options: [0; MOST_FREE],
            len: 0,
            combinations: 1,
        }
    }
}

impl Free {
    /// Adds question `q` if it is unanswered, not `except` and not there yet. False if the
    /// questions then have more than [`MAX_COMBINATIONS`] combinations (or one is past what
    /// a `Free` holds: then there are too many to try as well).
    fn add(
        &mut self,
        q: usize,
        except: Option<usize>,
        answers: &Answers,
        questions: &[Question],
    ) -> bool {
        if Some(q) == except || answers.get(q).is_some() || self.slot(q).is_some() {
            return true;
        }
        let options = questions[q].options.len();
        self.combinations = self.combinations.saturating_mul(options as u64);
        let (Ok(question), Ok(count)) = (u16::try_from(q), u8::try_from(options)) else {
            return false;
        };
        if self.len == MOST_FREE || self.combinations > MAX_COMBINATIONS {
            return false;
        }
        self.questions[self.len] = question;
        self.options[self.len] = count;
        self.len += 1;
        true
    }

    fn slot(&self, q: usize) -> Option<usize> {
        self.questions[..self.len]
            .iter()
            .position(|&f| usize::from(f) == q)
    }

    /// Whether `f` holds for some combination (`pick[i]` is the option tried for the i-th
    /// free question). With no free questions there is one, empty, combination.
    fn any(&self, mut f: impl FnMut(&[u8]) -> bool) -> bool {
        let mut pick = [0u8; MOST_FREE];
        loop {
            if f(&pick[..self.len]) {
                return true;
            }
            // The next combination, like counting with mixed radices.
            let mut slot = 0;
            loop {
                if slot == self.len {
                    return false;
                }
                pick[slot] += 1;
                if pick[slot] < self.options[slot] {
                    break;
                }
                pick[slot] = 0;
                slot += 1;
            }
        }
    }

    /// The answer `pick` gives to `q`, if `q` is one of the free questions.
    fn answer(&self, q: usize, pick: &[u8]) -> Option<u64> {
        Some(1 << pick[self.slot(q)?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rules::Rules;

    fn rules() -> Rules {
        Rules::parse(
            r#"
            [meta]
            name = { ja = "テスト", en = "Test" }
            reviewed = "2026-11-25"
            source = { cite = { ja = "出典", en = "Source" }, url = "https://www.mhlw.go.jp/p.html" }
            [[questions]]
            id = "a"
            text = { ja = "A?", en = "A?" }
            options = [
              { id = "x", label = { ja = "x", en = "x" } },
              { id = "y", label = { ja = "y", en = "y" } },
              { id = "dk", label = { ja = "?", en = "?" }, unknown = true },
            ]
            [[questions]]
            id = "b"
            text = { ja = "B?", en = "B?" }
            options = [
              { id = "one", label = { ja = "1", en = "1" } },
              { id = "two", label = { ja = "2", en = "2" } },
            ]
            [[programs]]
            id = "p"
            name = { ja = "P", en = "P" }
            runner = { ja = "R", en = "R" }
            summary = { ja = "S", en = "S" }
            gives = { ja = "G", en = "G" }
            first_step = { ja = "F", en = "F" }
            next_steps = [{ ja = "N", en = "N" }]
            prepare = []
            ask = [{ ja = "A", en = "A" }]
            contact = { url = "https://www.mhlw.go.jp/p.html", label = { ja = "C", en = "C" } }
            sources = [{ cite = { ja = "S", en = "S" }, url = "https://www.mhlw.go.jp/p.html" }]
            reviewed = "2026-11-25"
            [[programs.requires]]
            when = { any = [ { all = [ { q = "a", in = ["x"] }, { q = "b", in = ["one"] } ] },
                             { all = [ { q = "a", in = ["y"] }, { q = "b", in = ["two"] } ] } ] }
            yes = { ja = "Y", en = "Y" }
            no = { ja = "N", en = "N" }
            check = { ja = "C", en = "C" }
            [fallback]
            text = { ja = "F", en = "F" }
            starts = [{ label = { ja = "L", en = "L" }, url = "https://www.mhlw.go.jp/p.html" }]
            "#,
        )
        .unwrap()
    }

    fn condition(rules: &Rules) -> &Condition {
        &rules.programs[0].requires[0].when
    }

    #[test]
    fn three_valued_evaluation_follows_the_answers() {
        let rules = rules();
        let c = condition(&rules);
        let answers =
            |pairs: &[(&str, &str)]| Answers::from_pairs(&rules, pairs.iter().copied()).unwrap();
        assert_eq!(c.eval(&answers(&[])), Truth::Unknown);
        assert_eq!(c.eval(&answers(&[("a", "x"), ("b", "one")])), Truth::Yes);
        assert_eq!(c.eval(&answers(&[("a", "x"), ("b", "two")])), Truth::No);
        assert_eq!(
            c.eval(&answers(&[("a", "dk"), ("b", "two")])),
            Truth::Unknown
        );
        assert_eq!(c.eval(&answers(&[("a", "x")])), Truth::Unknown);
    }

    #[test]
    fn a_question_matters_when_it_changes_the_value_in_combination_with_another() {
        let rules = rules();
        let c = condition(&rules);
        let none = Answers::new(&rules);
        // With b unanswered, a=x and a=y both leave the condition undecided, yet a matters.
        assert!(c.depends_on(0, &none, &rules.questions));
        assert!(c.depends_on(1, &none, &rules.questions));
        let a_unknown = Answers::from_pairs(&rules, [("a", "dk")]).unwrap();
        assert!(!c.depends_on(1, &a_unknown, &rules.questions));
    }

    #[test]
    fn once_the_answers_decide_a_condition_no_other_answer_matters() {
        let rules = crate::testing::rules(&crate::testing::requirement(
            r#"{ any = [{ q = "a", in = ["x"] }, { q = "b", in = ["one"] }] }"#,
        ));
        let c = &rules.programs[0].requires[0].when;
        let none = Answers::new(&rules);
        assert!(c.depends_on(1, &none, &rules.questions));
        let decided = Answers::from_pairs(&rules, [("a", "x")]).unwrap();
        assert_eq!(c.eval(&decided), Truth::Yes);
        assert!(!c.depends_on(1, &decided, &rules.questions));
        let open = Answers::from_pairs(&rules, [("a", "dk")]).unwrap();
        assert!(c.depends_on(1, &open, &rules.questions));
    }
}
