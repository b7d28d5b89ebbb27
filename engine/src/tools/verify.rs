//! Exhaustive verification of the question flow: every path a user can take, walked to its end.
//!
//! At each question the walk tries one answer of every [answer class](crate::tools::answer_space) that
//! the programs still in play tell apart, so it covers every answer a user can give, "I don't
//! know" included, without trying answers that cannot lead to different results. At each end it
//! checks the result a user would see.

use std::collections::HashMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::evaluation::outcome::Fit;
use crate::model::answers::Answers;
use crate::model::condition::{Condition, Truth};
use crate::model::rules::Rules;
use crate::tools::answer_space::{answer_classes, classes_of, live_atoms, signature, AnswerClass};

/// The most problems of one kind kept, so a badly broken rule set still gives a short report.
const MAX_PROBLEMS_OF_A_KIND: usize = 5;

/// What the walk found: figures, and the problems that make the rules unsafe to ship.
#[derive(Debug, Clone)]
pub struct Verification {
    /// Paths walked: one per sequence of answer classes (the classes of each question among the
    /// programs still in play where it is asked).
    pub paths: u64,
    /// The answer paths those stand for: every sequence of options a user can choose.
    pub answer_paths: u128,
    /// The fewest and most questions on a path.
    pub shortest: usize,
    pub longest: usize,
    /// For each question (rules order), the number of paths that ask it.
    pub asked: Vec<u64>,
    /// For each program (rules order), the number of paths where it fits, may fit, does not fit.
    pub fit_counts: Vec<[u64; 3]>,
    /// Paths that end with no program that fits or may fit, so only the general starting
    /// points are shown.
    pub fallback_paths: u64,
    pub problems: Vec<Problem>,
}

/// Something that would misroute, strand or confuse a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Evaluation panicked: in the browser this kills the widget.
    Panicked { path: String, message: String },
    /// The flow asked a question that was already answered.
    AskedTwice { question: String, path: String },
    /// The flow went on asking after every question was answered.
    NeverEnds { path: String },
    /// No path asks the question.
    NeverAsked { question: String, line: usize },
    /// No path ends with the program fitting.
    NeverFits { program: String, line: usize },
    /// No path ends with the program ruled out: its requirements decide nothing.
    NeverRuledOut { program: String, line: usize },
    /// A path ends with a program that fits or may fit but whose reason has no text to show.
    Unexplained { program: String, path: String },
    /// A path ends with nothing at all to show: no program fits or may fit, and no general
    /// starting point applies to the answers.
    EmptyResult { path: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Panicked { path, message } => {
                write!(f, "evaluation panicked ({message}) after: {path}")
            }
            Problem::AskedTwice { question, path } => {
                write!(f, "question \"{question}\" is asked twice on: {path}")
            }
            Problem::NeverEnds { path } => write!(f, "the flow does not end after: {path}"),
            Problem::NeverAsked { question, line } => write!(
                f,
                "rules file line {line}: question \"{question}\" is never asked on any path"
            ),
            Problem::NeverFits { program, line } => write!(
                f,
                "rules file line {line}: program \"{program}\" fits on no path"
            ),
            Problem::NeverRuledOut { program, line } => write!(
                f,
                "rules file line {line}: program \"{program}\" is ruled out on no path"
            ),
            Problem::Unexplained { program, path } => write!(
                f,
                "program \"{program}\" is shown without a reason text after: {path}"
            ),
            Problem::EmptyResult { path } => write!(f, "nothing to show after: {path}"),
        }
    }
}

impl Verification {
    /// Whether the rules passed every check.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Walks every path of the flow and checks it, sharing the first question's answers out
/// among the machine's cores.
pub fn verify(rules: &Rules) -> Verification {
    let classes = answer_classes(rules);
    let tests = Tests::of(rules);
    let new_walk = || Walk {
        rules,
        classes: &classes,
        tests: &tests,
        live: HashMap::new(),
        memo: HashMap::new(),
        memory: MAX_REMEMBERED,
        problems: Vec::new(),
        path: Vec::new(),
    };
    let first = catch_unwind(AssertUnwindSafe(|| {
        rules.next_question(&Answers::new(rules))
    }));
    let Ok(Some(first)) = first else {
        // No question at all, or a panic: walk from the start on this thread, which reports it.
        let mut walk = new_walk();
        let all = walk.step(&mut Answers::new(rules));
        return finish(rules, all, walk.problems);
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let starts: Vec<AnswerClass> = classes[first].clone();
    let shares: Vec<Vec<AnswerClass>> = (0..cores.min(starts.len()))
        .map(|core| starts.iter().skip(core).step_by(cores).copied().collect())
        .collect();
    let results: Vec<Option<Share>> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .iter()
            .map(|share| {
                let new_walk = &new_walk;
                scope.spawn(move || {
                    let mut walk = new_walk();
                    let below = share
                        .iter()
                        .map(|class| {
                            let mut answers = Answers::new(rules);
                            answers.set(first, class.mask);
                            walk.path = vec![(first, class.mask)];
                            (walk.step(&mut answers), class.count)
                        })
                        .collect();
                    (below, walk.problems)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    let mut all = Subtree::empty(rules);
    let mut problems = Vec::new();
    for share in results {
        let Some((below, found)) = share else {
            let message = "a walking thread stopped".to_owned();
            let path = "one of the first answers".to_owned();
            report(&mut problems, Problem::Panicked { path, message });
            continue;
        };
        for (below, count) in below {
            all.add(first, &below, count);
        }
        for problem in found {
            report(&mut problems, problem);
        }
    }
    finish(rules, all, problems)
}

/// What one thread walked: for each of its first answers, the paths below and the class size;
/// and the problems it found.
type Share = (Vec<(Subtree, u64)>, Vec<Problem>);

/// What the paths below one point of the walk add up to; depths count from that point.
#[derive(Clone)]
struct Subtree {
    paths: u64,
    answer_paths: u128,
    shortest: usize,
    longest: usize,
    asked: Vec<u64>,
    fit_counts: Vec<[u64; 3]>,
    fallback_paths: u64,
}

impl Subtree {
    fn empty(rules: &Rules) -> Subtree {
        Subtree {
            paths: 0,
            answer_paths: 0,
            shortest: usize::MAX,
            longest: 0,
            asked: vec![0; rules.questions.len()],
            fit_counts: vec![[0; 3]; rules.programs.len()],
            fallback_paths: 0,
        }
    }

    /// Adds the paths below answering question `q` with a class of `count` answers.
    fn add(&mut self, q: usize, below: &Subtree, count: u64) {
        self.paths += below.paths;
        self.answer_paths = self
            .answer_paths
            .saturating_add(below.answer_paths.saturating_mul(count.into()));
        self.shortest = self.shortest.min(below.shortest.saturating_add(1));
        self.longest = self.longest.max(below.longest + 1);
        self.asked[q] += below.paths;
        for (sum, add) in self.asked.iter_mut().zip(&below.asked) {
            *sum += add;
        }
        for (sum, add) in self.fit_counts.iter_mut().zip(&below.fit_counts) {
            for (s, a) in sum.iter_mut().zip(add) {
                *s += a;
            }
        }
        self.fallback_paths += below.fallback_paths;
    }
}

struct Walk<'r> {
    rules: &'r Rules,
    /// Each question's classes among all programs, for rules with more programs or questions
    /// than a mask holds.
    classes: &'r [Vec<AnswerClass>],
    /// Each question's tests and classes among the programs in play, by question and by set of
    /// programs.
    live: HashMap<(usize, u64), Live>,
    tests: &'r Tests<'r>,
    /// What was found below a point of the walk, by the state of the answers there (see
    /// [`Walk::state`]): a later point in the same state has the same paths below it.
    memo: HashMap<Vec<u64>, Subtree>,
    /// The most states `memo` keeps.
    memory: usize,
    problems: Vec<Problem>,
    /// The questions answered so far, in order, with the answer.
    path: Vec<(usize, u64)>,
}

/// Every condition of the rules with the tests it makes on each question it reads: for each
/// program (requirements, strengths, notes, check texts), and for the fallback's starting points.
struct Tests<'r> {
    programs: Vec<Vec<Test<'r>>>,
    starts: Vec<Test<'r>>,
}

struct Test<'r> {
    condition: &'r Condition,
    /// Whether its value decides a program's fit (a requirement), rather than a ranking, a
    /// text or a starting point.
    decides_fit: bool,
    /// Each question the condition reads, with the `(holds, undecided)` tests on it.
    reads: Vec<(usize, Vec<(u64, u64)>)>,
}

impl<'r> Tests<'r> {
    fn of(rules: &'r Rules) -> Tests<'r> {
        let test = |(condition, decides_fit): (&'r Condition, bool)| {
            let mut reads: Vec<(usize, Vec<(u64, u64)>)> = Vec::new();
            condition.for_each_answer(&mut |q, holds, undecided| {
                let at = match reads.iter().position(|(read, _)| *read == q) {
                    Some(at) => at,
                    None => {
                        reads.push((q, Vec::new()));
                        reads.len() - 1
                    }
                };
                if !reads[at].1.contains(&(holds, undecided)) {
                    reads[at].1.push((holds, undecided));
                }
            });
            Test {
                condition,
                decides_fit,
                reads,
            }
        };
        Tests {
            programs: (rules.programs.iter())
                .map(|p| {
                    let requirements = p.requires.len();
                    let conditions = p.conditions().enumerate();
                    conditions
                        .map(|(i, c)| test((c, i < requirements)))
                        .collect()
                })
                .collect(),
            starts: (rules.fallback.starts.iter())
                .filter_map(|s| s.when.as_ref())
                .map(|c| test((c, true)))
                .collect(),
        }
    }
}

/// A question's classes of answers among the programs still in play.
struct Live {
    classes: Vec<AnswerClass>,
}

/// The most states one thread of the walk remembers, to bound its memory. Each takes about
/// 1.5 KB (its key and the figures found below it): the shipped rules' walk, on two threads,
/// peaks at about 6.7 GB resident (decision record 003 says why the bound is per thread).
const MAX_REMEMBERED: usize = 4_000_000;

impl Walk<'_> {
    fn step(&mut self, answers: &mut Answers) -> Subtree {
        let rules = self.rules;
        let next = match catch_unwind(AssertUnwindSafe(|| rules.next_question(answers))) {
            Ok(next) => next,
            Err(panic) => {
                self.panicked(panic);
                return Subtree::empty(rules);
            }
        };
        let Some(q) = next else {
            return self.end(answers);
        };
        if answers.is_answered(q) {
            let question = rules.questions[q].id.clone();
            let path = self.describe_path();
            self.report(Problem::AskedTwice { question, path });
            return Subtree::empty(rules);
        }
        if self.path.len() >= rules.questions.len() {
            let path = self.describe_path();
            self.report(Problem::NeverEnds { path });
            return Subtree::empty(rules);
        }
        let state = self.state(answers);
        if let Some(known) = state.as_ref().and_then(|s| self.memo.get(s)) {
            return known.clone();
        }
        let classes = self.classes_here(q, answers);
        let mut all = Subtree::empty(rules);
        for class in &classes {
            answers.set(q, class.mask);
            self.path.push((q, class.mask));
            let below = self.step(answers);
            self.path.pop();
            all.add(q, &below, class.count);
        }
        answers.clear(q);
        if let Some(state) = state.filter(|_| self.memo.len() < self.memory) {
            self.memo.insert(state, all.clone());
        }
        all
    }

    /// The programs the answers have not ruled out, as a mask; `None` when the rules have more
    /// programs or questions than a mask holds.
    fn live_programs(&self, answers: &Answers) -> Option<u64> {
        let rules = self.rules;
        if rules.programs.len() > 64 || rules.questions.len() > 64 {
            return None;
        }
        let live = (rules.programs.iter().enumerate())
            .filter(|(_, p)| p.requires.iter().all(|c| c.when.eval(answers) != Truth::No))
            .fold(0u64, |mask, (i, _)| mask | 1 << i);
        Some(live)
    }

    fn live_question(&mut self, q: usize, live: u64) -> &Live {
        let rules = self.rules;
        self.live.entry((q, live)).or_insert_with(|| {
            let atoms = live_atoms(rules, q, |p| live & 1 << p != 0);
            Live {
                classes: classes_of(rules, q, &atoms),
            }
        })
    }

    /// The classes of question `q` among the programs the answers have not ruled out.
    fn classes_here(&mut self, q: usize, answers: &Answers) -> Vec<AnswerClass> {
        match self.live_programs(answers) {
            Some(live) => self.live_question(q, live).classes.clone(),
            None => self.classes[q].clone(),
        }
    }

    /// What decides everything the walk checks below this point: the programs still in play,
    /// which questions are answered, and each condition of those programs (and of the
    /// fallback's starting points): where the answers already decide it, its value if it
    /// decides fit or shows a starting point; otherwise what the answers so far make of its
    /// tests. Points alike in these ask the same questions next and reach the same fits, the
    /// same requirement values (each explained or not) and the same starting points, since a
    /// decided condition stays decided and a ruled-out program stays ruled out; so what the
    /// walk checks below them is the same. (Which check text explains an undecided requirement
    /// may differ: the walk checks that there is one, not which.)
    fn state(&self, answers: &Answers) -> Option<Vec<u64>> {
        let live = self.live_programs(answers)?;
        let answered = answers.answered().fold(0u64, |m, q| m | 1 << q);
        let mut state = vec![live, answered];
        let tests = (self.tests.programs.iter().enumerate())
            .filter(|(p, _)| live & 1 << p != 0)
            .flat_map(|(_, conditions)| conditions)
            .chain(&self.tests.starts);
        for test in tests {
            let truth = test.condition.eval(answers);
            let open = test.reads.iter().any(|(q, _)| answered & 1 << q == 0);
            match truth {
                // A decided strength, note or check text changes nothing the walk checks.
                Truth::Yes | Truth::No if !test.decides_fit => state.push(0),
                Truth::Unknown if !open && !test.decides_fit => state.push(0),
                Truth::Yes => state.push(0),
                Truth::No => state.push(1),
                Truth::Unknown if !open => state.push(2),
                Truth::Unknown => {
                    state.push(3);
                    for (q, atoms) in test.reads.iter().filter(|(q, _)| answered & 1 << q != 0) {
                        state.extend(signature(atoms, answers.get(*q).unwrap_or(0)));
                    }
                }
            }
        }
        Some(state)
    }

    fn end(&mut self, answers: &Answers) -> Subtree {
        let rules = self.rules;
        let mut leaf = Subtree::empty(rules);
        let recommendations =
            match catch_unwind(AssertUnwindSafe(|| rules.recommendations(answers))) {
                Ok(r) => r,
                Err(panic) => {
                    self.panicked(panic);
                    return leaf;
                }
            };
        leaf.paths = 1;
        leaf.answer_paths = 1;
        leaf.shortest = 0;
        let mut shown = 0;
        for r in &recommendations {
            let index = rules
                .programs
                .iter()
                .position(|p| std::ptr::eq(p, r.program))
                .unwrap_or_default();
            leaf.fit_counts[index][r.fit as usize] += 1;
            if r.fit == Fit::DoesNotFit {
                continue;
            }
            shown += 1;
            let expected = if r.fit == Fit::Fits {
                Truth::Yes
            } else {
                Truth::Unknown
            };
            let mut explaining = r.reasons_that(expected).peekable();
            let unexplained =
                explaining.peek().is_none() || explaining.any(|reason| reason.text.is_none());
            if unexplained {
                let program = r.program.id.clone();
                let path = self.describe_path();
                self.report(Problem::Unexplained { program, path });
            }
        }
        if shown == 0 {
            leaf.fallback_paths = 1;
            if rules.starting_points(answers).next().is_none() {
                let path = self.describe_path();
                self.report(Problem::EmptyResult { path });
            }
        }
        leaf
    }

    fn panicked(&mut self, panic: Box<dyn std::any::Any + Send>) {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        let path = self.describe_path();
        self.report(Problem::Panicked { path, message });
    }

    fn report(&mut self, problem: Problem) {
        report(&mut self.problems, problem);
    }

    /// The path so far, as `question=option+option, …` (or "the start").
    fn describe_path(&self) -> String {
        if self.path.is_empty() {
            return "the start".to_owned();
        }
        self.path
            .iter()
            .map(|&(q, mask)| {
                let question = &self.rules.questions[q];
                let options: Vec<&str> = question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & 1 << i != 0)
                    .map(|(_, o)| o.id.as_str())
                    .collect();
                format!("{}={}", question.id, options.join("+"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Keeps a problem unless five of its kind are already kept.
fn report(problems: &mut Vec<Problem>, problem: Problem) {
    let same_kind = problems
        .iter()
        .filter(|p| std::mem::discriminant(*p) == std::mem::discriminant(&problem))
        .count();
    if same_kind < MAX_PROBLEMS_OF_A_KIND {
        problems.push(problem);
    }
}

/// The figures of the whole walk, and the problems only the whole walk can show.
fn finish(rules: &Rules, all: Subtree, mut problems: Vec<Problem>) -> Verification {
    for (q, question) in rules.questions.iter().enumerate() {
        if all.asked[q] == 0 {
            report(
                &mut problems,
                Problem::NeverAsked {
                    question: question.id.clone(),
                    line: question.line,
                },
            );
        }
    }
    for (p, program) in rules.programs.iter().enumerate() {
        let [fits, _, ruled_out] = all.fit_counts[p];
        if fits == 0 {
            report(
                &mut problems,
                Problem::NeverFits {
                    program: program.id.clone(),
                    line: program.line,
                },
            );
        }
        if ruled_out == 0 {
            report(
                &mut problems,
                Problem::NeverRuledOut {
                    program: program.id.clone(),
                    line: program.line,
                },
            );
        }
    }
    Verification {
        paths: all.paths,
        answer_paths: all.answer_paths,
        shortest: if all.paths == 0 { 0 } else { all.shortest },
        longest: all.longest,
        asked: all.asked,
        fit_counts: all.fit_counts,
        fallback_paths: all.fallback_paths,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{requirement, rules, source};

    #[test]
    fn sound_rules_pass_and_every_path_is_counted() {
        let found = verify(&rules(&requirement(r#"{ q = "b", in = ["one"] }"#)));
        assert!(found.passed(), "{:?}", found.problems);
        // a: x, y, "I don't know"; b is asked after each (it decides p): 6 paths.
        assert_eq!((found.paths, found.answer_paths), (6, 6));
        assert_eq!((found.shortest, found.longest), (2, 2));
        assert_eq!(found.fit_counts[0], [3, 0, 3]);
        assert_eq!(
            found.fallback_paths, 1,
            "only a=y, b=two leaves nothing that fits"
        );
    }

    #[test]
    fn a_program_that_can_never_fit_is_found_and_never_asked_questions_leave_it_unexplained() {
        let both = r#"{ all = [{ q = "b", in = ["one"] }, { q = "b", in = ["two"] }] }"#;
        let found = verify(&rules(&requirement(both)));
        assert!(
            found.problems.contains(&Problem::NeverFits {
                program: "p".into(),
                line: 23
            }),
            "{:?}",
            found.problems
        );
        // `b` cannot change the contradiction, so it is never asked and `p` waits for it.
        assert!(found.problems.contains(&Problem::Unexplained {
            program: "p".into(),
            path: "a=x".into()
        }));
    }

    #[test]
    fn a_program_nothing_rules_out_and_a_question_never_asked_are_found() {
        let always = r#"{ q = "a", in = ["x", "y"], maybe = ["dk"] }"#;
        let found = verify(&rules(&requirement(always)));
        let messages: Vec<String> = found.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            messages.contains(&"rules file line 23: program \"p\" is ruled out on no path".into()),
            "{messages:?}"
        );
        assert!(
            messages
                .contains(&"rules file line 15: question \"b\" is never asked on any path".into()),
            "{messages:?}"
        );
    }

    #[test]
    fn remembering_states_changes_no_figure_of_the_walk() {
        let rules = Rules::embedded().unwrap();
        let classes = answer_classes(&rules);
        let tests = Tests::of(&rules);
        let walk_below = |memory| {
            let mut walk = Walk {
                rules: &rules,
                classes: &classes,
                tests: &tests,
                live: HashMap::new(),
                memo: HashMap::new(),
                memory,
                problems: Vec::new(),
                path: Vec::new(),
            };
            let mut answers = Answers::new(&rules);
            for (q, o) in [("organisation", "company"), ("base", "japan")] {
                let q = rules.question_index(q).unwrap();
                answers.set(q, 1 << rules.questions[q].option_index(o).unwrap());
            }
            let below = walk.step(&mut answers);
            (below, walk.memo.len())
        };
        let (remembered, states) = walk_below(MAX_REMEMBERED);
        let (walked, none) = walk_below(0);
        assert!(states > 0 && none == 0);
        assert!(
            walked.paths > 10_000,
            "a large part of the flow: {}",
            walked.paths
        );
        let figures = |s: &Subtree| {
            let counts = (
                s.paths,
                s.answer_paths,
                s.shortest,
                s.longest,
                s.fallback_paths,
            );
            (counts, s.asked.clone(), s.fit_counts.clone())
        };
        assert_eq!(figures(&remembered), figures(&walked));
    }

    #[test]
    fn a_path_with_no_program_and_no_starting_point_for_it_is_found() {
        // The only starting point is for a=x, and after a=y, b=two nothing fits.
        let text = source(&requirement(r#"{ q = "b", in = ["one"] }"#)).replacen(
            r#"url = "https://www.mhlw.go.jp/start.html" }]"#,
            r#"url = "https://www.mhlw.go.jp/start.html", when = { q = "a", in = ["x"] } }]"#,
            1,
        );
        let found = verify(&Rules::parse(&text).unwrap());
        assert_eq!(
            found.problems,
            [Problem::EmptyResult {
                path: "a=y, b=two".into()
            }]
        );
    }
}
