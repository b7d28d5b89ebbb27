//! Counterfactuals: for a program that does not fit, the smallest change of answers that would
//! make it fit, said in both languages ("it would fit if the answer to … were …").

use crate::evaluation::combinations;
use crate::evaluation::sort::sort_few_by;
use crate::model::answers::Answers;
use crate::model::condition::Truth;
use crate::model::rules::{Program, Question, Rules};
use crate::model::text::{Lang, Text};

/// Changes of more answers than this are not suggested: they describe another project.
const MAX_CHANGES: usize = 3;

/// The smallest change of answers that would make a program fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterfactual {
    /// The answers to change, in rules order.
    pub changes: Vec<Change>,
    /// Whether questions not answered yet would then decide whether it fits.
    pub depends_on_more_answers: bool,
}

/// One answer to change: to any one of `options` (for a multiple-answer question, adding any
/// one of them to the options already chosen).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub question: usize,
    /// The options that would do, as a bit mask.
    pub options: u64,
}

impl Rules {
    /// The smallest change of the given answers (at most three answers changed, none to a
    /// question marked `fixed`) that would make `program` fit, or `None` if the program is not
    /// ruled out or no such change exists.
    /// Questions not answered yet are left open: the program must be able to fit for some
    /// answers to them.
    pub fn counterfactual(&self, program: &Program, answers: &Answers) -> Option<Counterfactual> {
        let ruled_out = program
            .requires
            .iter()
            .any(|c| c.when.eval(answers) == Truth::No);
        if !ruled_out {
            return None;
        }
        let mut read: Vec<usize> = Vec::new();
        for criterion in &program.requires {
            for &q in &criterion.reads {
                if !read.contains(&q) {
                    read.push(q);
                }
            }
        }
        sort_few_by(&mut read, Ord::cmp);
        let (answered, open): (Vec<usize>, Vec<usize>) =
            read.into_iter().partition(|&q| answers.is_answered(q));
        // Facts the user cannot change are never suggested.
        let answered: Vec<usize> = (answered.into_iter())
            .filter(|&q| !self.questions[q].fixed)
            .collect();
        let search = Search {
            rules: self,
            program,
            open: &open,
        };
        (1..=answered.len().min(MAX_CHANGES)).find_map(|size| {
            subsets(&answered, size).find_map(|changed| search.changes(answers, &changed))
        })
    }
}

struct Search<'a> {
    rules: &'a Rules,
    program: &'a Program,
    /// Questions the program reads that are not answered yet.
    open: &'a [usize],
}

impl Search<'_> {
    /// The options that make the program fit when the answers to `changed` change, if any.
    fn changes(&self, answers: &Answers, changed: &[usize]) -> Option<Counterfactual> {
        let candidates: Vec<Vec<(usize, u64)>> = changed
            .iter()
            .map(|&q| alternatives(&self.rules.questions[q], answers.get(q).unwrap_or(0)))
            .collect();
        let mut working: Vec<Vec<usize>> = Vec::new();
        let mut trial = answers.clone();
        combinations::until(&candidates, |choice| {
            for (&q, &(_, mask)) in changed.iter().zip(choice) {
                trial.set(q, mask);
            }
            if self.can_fit(&mut trial) {
                working.push(choice.iter().map(|&(option, _)| option).collect());
            }
            false
        });
        let first = working.first()?.clone();
        // Offer every working option per question when any mix of them works; otherwise
        // the first combination found, so the suggestion is never wrong.
        let per_question: Vec<u64> = (0..changed.len())
            .map(|i| working.iter().fold(0, |mask, w| mask | 1 << w[i]))
            .collect();
        let mix: usize = per_question
            .iter()
            .map(|m| m.count_ones() as usize)
            .product();
        let options = if mix == working.len() {
            per_question
        } else {
            first.iter().map(|&o| 1 << o).collect()
        };
        Some(Counterfactual {
            changes: changed
                .iter()
                .zip(options)
                .map(|(&question, options)| Change { question, options })
                .collect(),
            depends_on_more_answers: !self.open.is_empty(),
        })
    }

    /// Whether every requirement holds for some answers to the open questions.
    fn can_fit(&self, trial: &mut Answers) -> bool {
        let choices: Vec<Vec<(usize, u64)>> = self
            .open
            .iter()
            .map(|&q| alternatives(&self.rules.questions[q], 0))
            .collect();
        let fits = combinations::until(&choices, |choice| {
            for (&q, &(_, mask)) in self.open.iter().zip(choice) {
                trial.set(q, mask);
            }
            self.program
                .requires
                .iter()
                .all(|c| c.when.eval(trial) == Truth::Yes)
        });
        for &q in self.open {
            trial.clear(q);
        }
        fits
    }
}

/// The answers a question could have instead of `current`, each as (option, mask): another
/// option, or for a multiple-answer question, one more option added to those chosen.
fn alternatives(question: &Question, current: u64) -> Vec<(usize, u64)> {
    (0..question.options.len())
        .filter(|&o| current & 1 << o == 0)
        .map(|o| {
            let mask = if question.multiple {
                current | 1 << o
            } else {
                1 << o
            };
            (o, mask)
        })
        .collect()
}

/// The subsets of `items` with `size` elements, in lexicographic order.
fn subsets(items: &[usize], size: usize) -> impl Iterator<Item = Vec<usize>> + '_ {
    let n = items.len();
    let mut indices: Option<Vec<usize>> = (size <= n).then(|| (0..size).collect());
    std::iter::from_fn(move || {
        let current = indices.clone()?;
        let subset = current.iter().map(|&i| items[i]).collect();
        // Advance to the next combination of indices.
        let mut next = current;
        let mut i = size;
        indices = loop {
            if i == 0 {
                break None;
            }
            i -= 1;
            if next[i] < n - size + i {
                next[i] += 1;
                for j in i + 1..size {
                    next[j] = next[j - 1] + 1;
                }
                break Some(next);
            }
        };
        Some(subset)
    })
}

impl Counterfactual {
    /// The change in words, in both languages: "It would fit if the answer to “…” were “…”."
    pub fn describe(&self, rules: &Rules) -> Text {
        Text {
            ja: self.describe_in(rules, Lang::Ja),
            en: self.describe_in(rules, Lang::En),
        }
    }

    fn describe_in(&self, rules: &Rules, lang: Lang) -> String {
        let last = self.changes.len().saturating_sub(1);
        let changes: Vec<String> = self
            .changes
            .iter()
            .enumerate()
            .map(|(i, change)| {
                let question = &rules.questions[change.question];
                let text = question.text.get(lang);
                let labels: Vec<&str> = question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| change.options & 1 << o != 0)
                    .map(|(_, o)| o.label.get(lang))
                    .collect();
                // Japanese clauses chain as 「…で、かつ…であれば」 and 「…も含まれ、かつ…含まれれば」.
                let ending = match (question.multiple, i == last) {
                    (false, false) => "で",
                    (false, true) => "であれば",
                    (true, false) => "",
                    (true, true) => "れば",
                };
                match (lang, question.multiple) {
                    (Lang::Ja, false) => {
                        format!("「{text}」の答えが{}{ending}", either_ja(&labels))
                    }
                    (Lang::Ja, true) => {
                        format!("「{text}」の答えに{}も含まれ{ending}", either_ja(&labels))
                    }
                    (Lang::En, false) => {
                        format!("the answer to “{text}” were {}", either_en(&labels))
                    }
                    (Lang::En, true) => {
                        format!(
                            "the answers to “{text}” also included {}",
                            either_en(&labels)
                        )
                    }
                }
            })
            .collect();
        match (lang, self.depends_on_more_answers) {
            (Lang::Ja, false) => format!("{}対象になります。", changes.join("、かつ")),
            (Lang::Ja, true) => format!(
                "{}、その後の質問への回答によっては対象になる可能性があります。",
                changes.join("、かつ")
            ),
            (Lang::En, false) => format!("It would fit if {}.", changes.join(", and ")),
            (Lang::En, true) => format!(
                "It could fit if {}, depending on your answers to further questions.",
                changes.join(", and ")
            ),
        }
    }
}

/// 「a」、「b」または「c」
fn either_ja(labels: &[&str]) -> String {
    let quoted: Vec<String> = labels.iter().map(|l| format!("「{l}」")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}または{last}", rest.join("、")),
        None => String::new(),
    }
}

/// “a”, “b” or “c”
fn either_en(labels: &[&str]) -> String {
    let quoted: Vec<String> = labels.iter().map(|l| format!("“{l}”")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{requirement, rules};

    /// Program `p` of the test rules needs `a` to be x and `b` to be one.
    fn needs_x_and_one() -> Rules {
        rules(
            &[
                requirement(r#"{ q = "a", in = ["x"] }"#),
                requirement(r#"{ q = "b", in = ["one"] }"#),
            ]
            .concat(),
        )
    }

    fn answers(rules: &Rules, pairs: &[(&str, &str)]) -> Answers {
        Answers::from_pairs(rules, pairs.iter().copied()).unwrap()
    }

    #[test]
    fn a_fact_the_user_cannot_change_is_never_suggested() {
        let mut rules = needs_x_and_one();
        let p = rules.program("p").unwrap().clone();
        let given = answers(&rules, &[("a", "y"), ("b", "two")]);
        let both = rules.counterfactual(&p, &given).unwrap();
        assert_eq!(both.changes.len(), 2);
        // With b fixed, no change of a alone makes p fit: nothing is suggested.
        let b = rules.question_index("b").unwrap();
        rules.questions[b].fixed = true;
        assert_eq!(rules.counterfactual(&p, &given), None);
        // Where b already holds, changing a is still suggested.
        let given = answers(&rules, &[("a", "y"), ("b", "one")]);
        let change = rules.counterfactual(&p, &given).unwrap();
        let a = rules.question_index("a").unwrap();
        assert_eq!(
            change
                .changes
                .iter()
                .map(|c| c.question)
                .collect::<Vec<_>>(),
            [a]
        );
    }

    #[test]
    fn one_change_is_said_in_both_languages() {
        let rules = needs_x_and_one();
        let p = rules.program("p").unwrap();
        let change = rules
            .counterfactual(p, &answers(&rules, &[("a", "x"), ("b", "two")]))
            .unwrap();
        assert_eq!(
            change.changes,
            [Change {
                question: 1,
                options: 0b01
            }]
        );
        let text = change.describe(&rules);
        assert_eq!(text.en, "It would fit if the answer to “B?” were “1”.");
        assert_eq!(text.ja, "「B?」の答えが「1」であれば対象になります。");
    }

    #[test]
    fn two_changes_are_joined_and_open_questions_said() {
        let rules = needs_x_and_one();
        let p = rules.program("p").unwrap();
        let both = rules
            .counterfactual(p, &answers(&rules, &[("a", "y"), ("b", "two")]))
            .unwrap();
        let text = both.describe(&rules);
        assert_eq!(
            text.en,
            "It would fit if the answer to “A?” were “x”, and the answer to “B?” were “1”."
        );
        assert_eq!(
            text.ja,
            "「A?」の答えが「x」で、かつ「B?」の答えが「1」であれば対象になります。"
        );
        let open = rules
            .counterfactual(p, &answers(&rules, &[("a", "y")]))
            .unwrap();
        assert!(open.depends_on_more_answers, "b is not answered yet");
        let text = open.describe(&rules);
        assert_eq!(
            text.en,
            "It could fit if the answer to “A?” were “x”, depending on your answers to further questions."
        );
        assert_eq!(
            text.ja,
            "「A?」の答えが「x」であれば、その後の質問への回答によっては対象になる可能性があります。"
        );
    }

    #[test]
    fn a_program_not_ruled_out_has_none() {
        let rules = needs_x_and_one();
        let p = rules.program("p").unwrap();
        assert_eq!(
            rules.counterfactual(p, &answers(&rules, &[("a", "dk")])),
            None
        );
    }

    #[test]
    fn options_are_listed_with_or() {
        assert_eq!(either_en(&["a", "b", "c"]), "“a”, “b” or “c”");
        assert_eq!(either_ja(&["a", "b", "c"]), "「a」、「b」または「c」");
        assert_eq!(either_en(&["a"]), "“a”");
    }

    #[test]
    fn subsets_come_in_order() {
        let all: Vec<Vec<usize>> = subsets(&[4, 5, 6], 2).collect();
        assert_eq!(all, [vec![4, 5], vec![4, 6], vec![5, 6]]);
        assert_eq!(subsets(&[4], 2).count(), 0);
    }
}
