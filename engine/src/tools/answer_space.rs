//! The answers the rules can tell apart: for each question, the classes of answers that every
//! condition treats alike, so that walking one answer per class covers every answer a user can give.

use std::collections::BTreeMap;

use crate::model::condition::Condition;
use crate::model::rules::Rules;

/// Answers to one question that no condition tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerClass {
    /// One answer of the class, as an option mask (the first in rules order).
    pub mask: u64,
    /// How many different answers the class stands for.
    pub count: u64,
}

/// The most answer classes one question may have for the checks that try every answer (lint,
/// the exhaustive walk): a question of several answers whose options the conditions each test
/// apart has 2^options classes, which would take those checks minutes and gigabytes.
pub const MAX_CLASSES: usize = 4096;

/// For each question, in rules order, its answer classes, in the order of their first option.
pub fn answer_classes(rules: &Rules) -> Vec<Vec<AnswerClass>> {
    let atoms = atoms_by_question(rules);
    (0..rules.questions.len())
        .map(|q| classes_of(rules, q, &atoms[q]))
        .collect()
}

/// [`answer_classes`], or the first question with more than [`MAX_CLASSES`] classes (found
/// without building more than that many).
pub fn bounded_answer_classes(rules: &Rules) -> Result<Vec<Vec<AnswerClass>>, usize> {
    let atoms = atoms_by_question(rules);
    (0..rules.questions.len())
        .map(|q| classes_within(rules, q, &atoms[q], MAX_CLASSES).ok_or(q))
        .collect()
}

/// The tests that the conditions of the programs `live` keeps (and the fallback's starting
/// points) make on question `q`. Once a program is ruled out no answer can bring it back, so the
/// exhaustive walk only needs to tell apart the answers that the programs still in play tell
/// apart.
pub(crate) fn live_atoms(rules: &Rules, q: usize, live: impl Fn(usize) -> bool) -> Vec<(u64, u64)> {
    let programs = (rules.programs.iter().enumerate())
        .filter(|(p, _)| live(*p))
        .map(|(_, program)| program);
    let mut atoms = Vec::new();
    for condition in programs
        .flat_map(|p| p.conditions())
        .chain(start_conditions(rules))
    {
        condition.for_each_answer(&mut |question, holds, undecided| {
            if question == q && !atoms.contains(&(holds, undecided)) {
                atoms.push((holds, undecided));
            }
        });
    }
    atoms
}

/// The classes of question `q`'s answers under `atoms`, the tests made on it.
pub(crate) fn classes_of(rules: &Rules, q: usize, atoms: &[(u64, u64)]) -> Vec<AnswerClass> {
    classes_within(rules, q, atoms, usize::MAX).unwrap_or_default()
}

/// [`classes_of`], or `None` as soon as there are more than `cap` classes.
fn classes_within(
    rules: &Rules,
    q: usize,
    atoms: &[(u64, u64)],
    cap: usize,
) -> Option<Vec<AnswerClass>> {
    let question = &rules.questions[q];
    let signatures: Vec<Vec<u64>> = (0..question.options.len())
        .map(|option| signature(atoms, 1 << option))
        .collect();
    if question.multiple {
        subsets_by_signature(&signatures, cap)
    } else {
        Some(options_by_signature(&signatures))
    }
}

/// The conditions of the fallback's starting points.
fn start_conditions(rules: &Rules) -> impl Iterator<Item = &Condition> {
    rules.fallback.starts.iter().filter_map(|s| s.when.as_ref())
}

/// Every `(holds, undecided)` pair the rules test on each question: the programs' conditions
/// and the fallback's starting points.
pub(crate) fn atoms_by_question(rules: &Rules) -> Vec<Vec<(u64, u64)>> {
    let mut atoms = vec![Vec::new(); rules.questions.len()];
    let conditions = rules.programs.iter().flat_map(|p| p.conditions());
    for condition in conditions.chain(start_conditions(rules)) {
        condition.for_each_answer(&mut |question, holds, undecided| {
            if !atoms[question].contains(&(holds, undecided)) {
                atoms[question].push((holds, undecided));
            }
        });
    }
    atoms
}

/// Which atoms an answer makes hold and which it leaves undecided, as a bit set.
pub(crate) fn signature(atoms: &[(u64, u64)], mask: u64) -> Vec<u64> {
    let mut bits = vec![0u64; (2 * atoms.len()).div_ceil(64).max(1)];
    for (i, (holds, undecided)) in atoms.iter().enumerate() {
        for (bit, set) in [
            (2 * i, mask & holds != 0),
            (2 * i + 1, mask & undecided != 0),
        ] {
            if set {
                bits[bit / 64] |= 1 << (bit % 64);
            }
        }
    }
    bits
}

/// One option per answer: options with the same signature form a class.
fn options_by_signature(signatures: &[Vec<u64>]) -> Vec<AnswerClass> {
    let mut classes: Vec<(Vec<u64>, AnswerClass)> = Vec::new();
    for (option, sig) in signatures.iter().enumerate() {
        match classes.iter_mut().find(|(s, _)| s == sig) {
            Some((_, class)) => class.count += 1,
            None => classes.push((
                sig.clone(),
                AnswerClass {
                    mask: 1 << option,
                    count: 1,
                },
            )),
        }
    }
    classes.into_iter().map(|(_, class)| class).collect()
}

/// Any non-empty set of options: a set's signature is the union of its options' signatures,
/// so the classes are built option by option without listing every set. `None` once there are
/// more than `cap`.
fn subsets_by_signature(signatures: &[Vec<u64>], cap: usize) -> Option<Vec<AnswerClass>> {
    let mut classes: BTreeMap<Vec<u64>, AnswerClass> = BTreeMap::new();
    for (option, sig) in signatures.iter().enumerate() {
        let bit = 1u64 << option;
        let mut grown: Vec<(Vec<u64>, AnswerClass)> = classes
            .iter()
            .map(|(s, class)| {
                let union = s.iter().zip(sig).map(|(a, b)| a | b).collect();
                let class = AnswerClass {
                    mask: class.mask | bit,
                    count: class.count,
                };
                (union, class)
            })
            .collect();
        grown.push((
            sig.clone(),
            AnswerClass {
                mask: bit,
                count: 1,
            },
        ));
        for (s, class) in grown {
            classes
                .entry(s)
                .and_modify(|c| {
                    c.count = c.count.saturating_add(class.count);
                    c.mask = first_in_order(c.mask, class.mask);
                })
                .or_insert(class);
        }
        if classes.len() > cap {
            return None;
        }
    }
    let mut classes: Vec<AnswerClass> = classes.into_values().collect();
    classes.sort_by_key(|c| (c.mask.trailing_zeros(), c.mask.count_ones(), c.mask));
    Some(classes)
}

/// Of two option sets, the smaller one, then the one whose options come first.
fn first_in_order(a: u64, b: u64) -> u64 {
    if (a.count_ones(), a.reverse_bits()) >= (b.count_ones(), b.reverse_bits()) {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_belongs_to_exactly_one_class() {
        let rules = Rules::embedded().unwrap();
        for (question, classes) in rules.questions.iter().zip(answer_classes(&rules)) {
            let n = question.options.len() as u32;
            let answers = if question.multiple {
                (1u64 << n) - 1
            } else {
                n.into()
            };
            assert_eq!(
                classes.iter().map(|c| c.count).sum::<u64>(),
                answers,
                "question {}",
                question.id
            );
        }
    }

    #[test]
    fn answers_in_one_class_give_the_same_value_to_every_condition() {
        let rules = Rules::embedded().unwrap();
        let atoms = atoms_by_question(&rules);
        let help = rules.question_index("help").unwrap();
        let classes = &answer_classes(&rules)[help];
        for mask in 1..(1u64 << rules.questions[help].options.len()) {
            let sig = signature(&atoms[help], mask);
            let matching = classes
                .iter()
                .filter(|c| signature(&atoms[help], c.mask) == sig)
                .count();
            assert_eq!(matching, 1, "answer mask {mask:#b}");
        }
    }
}
