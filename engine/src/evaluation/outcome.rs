//! Evaluating answers: which programs fit and why, and which question to ask next.

use crate::evaluation::sort::sort_few_by;
use crate::model::answers::Answers;
use crate::model::condition::{Condition, Truth};
use crate::model::rules::{Conditional, Program, Question, QuestionIndex, Rules, StartingPoint};
use crate::model::text::Text;

/// How well a program fits the answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fit {
    Fits,
    /// Nothing rules it out, but something must be checked.
    MayFit,
    DoesNotFit,
}

/// One requirement of a program, evaluated: the "why" and "why not" of a result.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason<'r> {
    pub truth: Truth,
    /// Why it fits (`Yes`), why not (`No`), or what to check (`Unknown`); `None` while the
    /// requirement waits for a question not answered yet.
    pub text: Option<&'r Text>,
    /// The questions this requirement reads.
    pub questions: &'r [usize],
}

/// A program with its fit to the answers and everything that explains it.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation<'r> {
    pub program: &'r Program,
    pub fit: Fit,
    /// Every requirement, in rules order; for a program that does not fit, only those that
    /// ruled it out.
    pub reasons: Vec<Reason<'r>>,
    /// The strengths that hold, which rank the program higher (none when it does not fit).
    pub strengths: Vec<&'r Text>,
    /// The notes whose condition holds (none when it does not fit).
    pub notes: Vec<&'r Text>,
}

impl<'r> Recommendation<'r> {
    /// Why the program fits (or may fit): the texts of the requirements it meets, then of its
    /// strengths that hold, each text once.
    pub fn why(&self) -> Vec<&'r Text> {
        let mut why: Vec<&'r Text> = Vec::new();
        let met = self.reasons_that(Truth::Yes).filter_map(|x| x.text);
        for text in met.chain(self.strengths.iter().copied()) {
            if !why.contains(&text) {
                why.push(text);
            }
        }
        why
    }

    /// The reasons of one kind: `Yes` for "why", `No` for "why not", `Unknown` for "check".
    pub fn reasons_that(&self, truth: Truth) -> impl Iterator<Item = &Reason<'r>> + '_ {
        self.reasons.iter().filter(move |r| r.truth == truth)
    }
}

/// When in development to act on a program, for the user's stage: the development pathway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    /// At the user's stage, or any time.
    Now,
    /// Later, from this stage (an option of the question marked `stages`) on.
    Later(usize),
    /// The user's stage is not known: from this stage, the first at which the program applies.
    FromStage(usize),
}

/// Where a result tells the user to start (see [`Outcome::first_action`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FirstAction<'r> {
    /// The program's `first_step`, at its contact.
    Program(&'r Program),
    /// A general starting point of the rules' fallback.
    StartingPoint(&'r StartingPoint),
}

/// The result of a set of answers: programs ranked by fit, and the next question.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome<'r> {
    /// Fitting programs first, then those that may fit, each ranked by strengths; then the
    /// programs that do not fit, in rules order.
    pub recommendations: Vec<Recommendation<'r>>,
    /// The questions asked on the way here, in order.
    pub asked: Vec<QuestionIndex>,
    /// The next question to ask, or `None` when no answer can change the result any more.
    pub next: Option<QuestionIndex>,
    /// The answers the result rests on: those on the path of asked questions.
    pub answers: Answers,
}

impl<'r> Outcome<'r> {
    /// The programs with a given fit, in ranked order.
    pub fn with_fit(&self, fit: Fit) -> impl Iterator<Item = &Recommendation<'r>> + '_ {
        self.recommendations.iter().filter(move |r| r.fit == fit)
    }

    /// Whether no program fits for certain, so the general starting points are shown.
    pub fn needs_fallback(&self) -> bool {
        self.with_fit(Fit::Fits).next().is_none()
    }

    /// The one first action the result recommends: the first step of the best-ranked program
    /// that fits; when none fits for certain, the first general starting point for these
    /// answers; when none applies either, the first step of the best-ranked program that may
    /// fit. `None` when nothing fits, may fit or applies.
    pub fn first_action(&self, rules: &'r Rules) -> Option<FirstAction<'r>> {
        let program = |fit| {
            self.with_fit(fit)
                .next()
                .map(|r| FirstAction::Program(r.program))
        };
        program(Fit::Fits)
            .or_else(|| {
                (rules.starting_points(&self.answers).next()).map(FirstAction::StartingPoint)
            })
            .or_else(|| program(Fit::MayFit))
    }

    /// The programs that fit or may fit, ordered along the user's development: those to act
    /// on now, then by the stage at which to act (each program's `act_at`), in ranked order
    /// within each.
    pub fn pathway(&self, rules: &Rules) -> Vec<(When, Vec<&Recommendation<'r>>)> {
        let stage = (rules.questions.iter().position(|q| q.stages))
            .and_then(|q| Some((self.answers.get(q)?, rules.questions[q].unknown_mask())))
            .filter(|&(chosen, unknown)| chosen & unknown == 0)
            .map(|(chosen, _)| chosen.trailing_zeros());
        let when = |window: u64| match stage {
            _ if window == 0 => When::Now,
            Some(s) if window >> s & 1 == 1 => When::Now,
            // A window that has passed: the program still fits, so it is for now.
            Some(s) => match window.checked_shr(s + 1).unwrap_or(0) {
                0 => When::Now,
                later => When::Later((s + 1 + later.trailing_zeros()) as usize),
            },
            None => When::FromStage(window.trailing_zeros() as usize),
        };
        let mut pathway: Vec<(When, Vec<&Recommendation<'r>>)> = Vec::new();
        for r in self
            .recommendations
            .iter()
            .filter(|r| r.fit != Fit::DoesNotFit)
        {
            let at = when(r.program.act_at);
            match pathway.iter_mut().find(|(w, _)| *w == at) {
                Some((_, programs)) => programs.push(r),
                None => pathway.push((at, vec![r])),
            }
        }
        sort_few_by(&mut pathway, |a, b| a.0.cmp(&b.0));
        pathway
    }

    /// Whether every question that matters has been answered.
    pub fn is_complete(&self) -> bool {
        self.next.is_none()
    }
}

impl Rules {
    /// Follows the question flow through `answers`: asks, in rules order, each question that
    /// can still change a result, takes its answer if given, and stops at the first one not
    /// answered. Answers to questions the flow skips are kept by the caller but do not count.
    pub fn outcome(&self, answers: &Answers) -> Outcome<'_> {
        let mut on_path = Answers::new(self);
        let mut asked = Vec::new();
        let next = loop {
            match self.next_question(&on_path) {
                Some(q) if answers.is_answered(q) => {
                    on_path.set(q, answers.get(q).unwrap_or(0));
                    asked.push(QuestionIndex(q));
                }
                other => break other.map(QuestionIndex),
            }
        };
        Outcome {
            recommendations: self.recommendations(&on_path),
            asked,
            next,
            answers: on_path,
        }
    }

    /// Evaluates every program against the answers as they are, ranked.
    pub fn recommendations(&self, answers: &Answers) -> Vec<Recommendation<'_>> {
        let mut all: Vec<Recommendation<'_>> = self
            .programs
            .iter()
            .map(|p| evaluate(p, answers, &self.questions))
            .collect();
        // Stable: programs that rank the same keep their order in the rules file.
        let rank = |r: &Recommendation<'_>| {
            let strengths = if r.fit == Fit::DoesNotFit {
                0
            } else {
                r.strengths.len()
            };
            (r.fit, std::cmp::Reverse(strengths))
        };
        sort_few_by(&mut all, |a, b| rank(a).cmp(&rank(b)));
        all
    }

    /// The next question to ask: the first unanswered one, in rules order, whose answer can
    /// still decide whether some program fits; when none is left, the first whose answer can
    /// still change a ranking or a note. Deciding fit first means a program is often ruled
    /// out before its finer questions would be asked.
    pub fn next_question(&self, answers: &Answers) -> Option<usize> {
        // Only the questions a live condition reads can matter: test those, not every
        // question against every condition. Strengths and notes are looked at only when no
        // question can decide fit any more (requirements then decide nothing either).
        let mut first = None;
        for program in self.live_programs(answers) {
            for criterion in &program.requires {
                self.earliest_that_matters(&criterion.when, answers, &mut first);
            }
        }
        if first.is_none() {
            for program in self.live_programs(answers) {
                // A check text is shown only while its requirement is undecided: the checks
                // of a decided requirement change nothing.
                let checks = (program.requires.iter())
                    .filter(|c| !c.checks.is_empty() && c.when.eval(answers) == Truth::Unknown)
                    .flat_map(|c| &c.checks);
                for conditional in program.strengths.iter().chain(&program.notes).chain(checks) {
                    self.earliest_that_matters(&conditional.when, answers, &mut first);
                }
            }
        }
        first
    }

    /// How many more questions the flow can ask at most: the unanswered questions whose
    /// answer can still change a condition of a program not ruled out (a requirement, a
    /// strength, a note, or the check text of an undecided requirement). An answer never makes
    /// a question matter that did not, so this only goes down as the user answers, and every
    /// path from here asks at most this many.
    pub fn questions_left(&self, answers: &Answers) -> usize {
        (0..self.questions.len())
            .filter(|&q| !answers.is_answered(q))
            .filter(|&q| {
                self.live_programs(answers).any(|program| {
                    let checks = (program.requires.iter())
                        .filter(|c| c.when.eval(answers) == Truth::Unknown)
                        .flat_map(|c| c.checks.iter().map(|k| &k.when));
                    let conditionals = program.strengths.iter().chain(&program.notes);
                    (program.requires.iter().map(|c| &c.when))
                        .chain(conditionals.map(|c| &c.when))
                        .chain(checks)
                        .any(|condition| condition.depends_on(q, answers, &self.questions))
                })
            })
            .count()
    }

    /// Lowers `first` to the earliest unanswered question, before it, that `condition` reads
    /// and whose answer can change its value.
    fn earliest_that_matters(
        &self,
        condition: &Condition,
        answers: &Answers,
        first: &mut Option<usize>,
    ) {
        condition.for_each_answer(&mut |q, _, _| {
            if first.is_none_or(|f| q < f)
                && !answers.is_answered(q)
                && condition.depends_on(q, answers, &self.questions)
            {
                *first = Some(q);
            }
        });
    }

    /// The programs no answer has ruled out yet: only their results can still change.
    /// Lazy, so that deciding the next question allocates nothing.
    fn live_programs<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a Program> + 'a {
        self.programs
            .iter()
            .filter(|p| p.requires.iter().all(|c| c.when.eval(answers) != Truth::No))
    }
}

fn evaluate<'r>(
    program: &'r Program,
    answers: &Answers,
    questions: &[Question],
) -> Recommendation<'r> {
    let reasons: Vec<Reason<'r>> = program
        .requires
        .iter()
        .map(|criterion| {
            let truth = criterion.when.eval(answers);
            let reads = criterion.reads.as_slice();
            // Undecided until a question it reads is answered: no text yet. Undecided for
            // good (no answer to the unanswered questions would decide it): what to check.
            let waiting =
                truth == Truth::Unknown && criterion.when.can_be_decided(reads, answers, questions);
            let text = match truth {
                Truth::Yes => Some(&criterion.yes),
                Truth::No => Some(&criterion.no),
                Truth::Unknown if waiting => None,
                Truth::Unknown => criterion.check_for(answers),
            };
            Reason {
                truth,
                text,
                questions: reads,
            }
        })
        .collect();
    let fit = if reasons.iter().any(|r| r.truth == Truth::No) {
        Fit::DoesNotFit
    } else if reasons.iter().all(|r| r.truth == Truth::Yes) {
        Fit::Fits
    } else {
        Fit::MayFit
    };
    if fit == Fit::DoesNotFit {
        // What ruled the program out is the whole explanation.
        return Recommendation {
            program,
            fit,
            reasons: reasons
                .into_iter()
                .filter(|r| r.truth == Truth::No)
                .collect(),
            strengths: Vec::new(),
            notes: Vec::new(),
        };
    }
    let holding = |conditionals: &'r [Conditional]| {
        conditionals
            .iter()
            .filter(|c| c.when.eval(answers) == Truth::Yes)
            .map(|c| &c.text)
            .collect()
    };
    Recommendation {
        program,
        fit,
        reasons,
        strengths: holding(&program.strengths),
        notes: holding(&program.notes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn with_checks(when: &str, checks: &str) -> Rules {
        let requirement = testing::requirement(when).replacen(
            "check = { ja = \"C\", en = \"C\" }",
            &format!("check = {{ ja = \"C\", en = \"C\" }}\n        checks = {checks}"),
            1,
        );
        testing::rules(&requirement)
    }

    #[test]
    fn the_first_action_is_a_program_that_fits_else_a_starting_point_else_one_that_may_fit() {
        // p needs b=one; q needs a=x.
        let mut rules = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        let action = |rules: &Rules, pairs: &[(&str, &str)]| {
            let answers = Answers::from_pairs(rules, pairs.iter().copied()).unwrap();
            match rules.outcome(&answers).first_action(rules) {
                Some(FirstAction::Program(p)) => p.id.clone(),
                Some(FirstAction::StartingPoint(s)) => s.url.clone(),
                None => "none".into(),
            }
        };
        assert_eq!(action(&rules, &[("a", "x"), ("b", "two")]), "q");
        assert_eq!(action(&rules, &[("a", "y"), ("b", "one")]), "p");
        let start = "https://www.mhlw.go.jp/start.html";
        assert_eq!(action(&rules, &[("a", "dk"), ("b", "two")]), start);
        rules.fallback.starts.clear();
        assert_eq!(
            action(&rules, &[("a", "dk"), ("b", "two")]),
            "q",
            "q may fit"
        );
        assert_eq!(action(&rules, &[("a", "y"), ("b", "two")]), "none");
    }

    #[test]
    fn why_a_program_fits_says_each_text_once() {
        // p's two requirements and its strength all say "Y", "Y" and "T".
        let rules = testing::rules(
            &[
                testing::requirement(r#"{ q = "a", in = ["x"] }"#),
                testing::requirement(r#"{ q = "b", in = ["one"] }"#),
                testing::conditional("strengths", r#"{ q = "b", in = ["one"] }"#),
            ]
            .concat(),
        );
        let answers = Answers::from_pairs(&rules, [("a", "x"), ("b", "one")]).unwrap();
        let p = &rules.recommendations(&answers)[0];
        assert_eq!((p.program.id.as_str(), p.fit), ("p", Fit::Fits));
        let why: Vec<&str> = p.why().iter().map(|t| t.en.as_str()).collect();
        assert_eq!(why, ["Y", "T"]);
    }

    #[test]
    fn at_most_the_questions_left_are_asked_and_the_bound_only_goes_down() {
        let rules = Rules::embedded().unwrap();
        let mut seed: u64 = 7;
        for _ in 0..300 {
            let mut answers = Answers::new(&rules);
            let mut bounds = vec![rules.questions_left(&answers)];
            while let Some(q) = rules.next_question(&answers) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let options = rules.questions[q].options.len() as u64;
                answers.set(q, 1 << ((seed >> 33) % options));
                bounds.push(rules.questions_left(&answers));
            }
            let asked = bounds.len() - 1;
            assert_eq!(bounds.last(), Some(&0), "nothing is left at the end");
            for (step, bound) in bounds.iter().enumerate() {
                assert!(
                    asked - step <= *bound,
                    "{bounds:?}: {} more were asked",
                    asked - step
                );
            }
            assert!(bounds.windows(2).all(|w| w[1] < w[0]), "{bounds:?}");
        }
        assert_eq!(
            rules.questions_left(&Answers::new(&rules)),
            rules.questions.len()
        );
    }

    #[test]
    fn the_pathway_puts_what_to_do_now_first_then_each_later_stage() {
        let rules = Rules::embedded().unwrap();
        let stage = |id: &str| {
            let q = rules.question_index("stage").unwrap();
            rules.questions[q].option_index(id).unwrap()
        };
        let pathway = |stage: &str| {
            let answers = Answers::from_pairs(
                &rules,
                [
                    ("organisation", "startup"),
                    ("base", "japan"),
                    ("product", "drug"),
                    ("stage", stage),
                    ("population", "adults_and_children"),
                    ("patients_japan", "under_1000"),
                    ("severity", "serious_no_treatment"),
                ],
            )
            .unwrap();
            let outcome = rules.outcome(&answers);
            let ids: Vec<(When, Vec<String>)> = (outcome.pathway(&rules).into_iter())
                .map(|(w, rs)| (w, rs.iter().map(|r| r.program.id.clone()).collect()))
                .collect();
            ids
        };
        let find = |pathway: &[(When, Vec<String>)], id: &str| {
            pathway
                .iter()
                .find(|(_, ids)| ids.iter().any(|i| i == id))
                .map(|(w, _)| *w)
        };
        // With a candidate for a rare disease of adults and children: RS consultation and
        // orphan designation now, the pediatric plan check once clinical trials start.
        let candidate = pathway("candidate");
        assert_eq!(candidate[0].0, When::Now);
        assert!(
            candidate.windows(2).all(|w| w[0].0 < w[1].0),
            "{candidate:?}"
        );
        assert_eq!(
            find(&candidate, "pmda_early"),
            Some(When::Now),
            "{candidate:?}"
        );
        assert_eq!(find(&candidate, "orphan"), Some(When::Now), "{candidate:?}");
        assert_eq!(
            find(&candidate, "pediatric_plan"),
            Some(When::Later(stage("early_clinical")))
        );
        assert_eq!(
            find(&candidate, "mediso"),
            Some(When::Now),
            "any time it fits"
        );
        // In late trials, the pediatric plan check is now.
        let late = pathway("late_clinical");
        assert_eq!(find(&late, "pediatric_plan"), Some(When::Now), "{late:?}");
        // Stage unknown: each program from the first stage it applies at.
        let unknown = pathway("unknown");
        assert_eq!(
            find(&unknown, "pmda_early"),
            Some(When::FromStage(stage("discovery"))),
            "{unknown:?}"
        );
        assert_eq!(find(&unknown, "mediso"), Some(When::Now));
    }

    #[test]
    fn the_checks_of_a_decided_requirement_ask_nothing() {
        let rules = with_checks(
            r#"{ any = [{ q = "a", in = ["x"] }, { q = "b", in = ["one"], maybe = ["two"] }] }"#,
            r#"[{ when = { q = "b", in = ["two"] }, text = { ja = "2?", en = "2?" } }]"#,
        );
        let decided = Answers::from_pairs(&rules, [("a", "x")]).unwrap();
        assert_eq!(rules.next_question(&decided), None);
        // Undecided, the answer to b chooses the check text, so b is asked.
        let open = Answers::from_pairs(&rules, [("a", "y")]).unwrap();
        assert_eq!(rules.next_question(&open), rules.question_index("b"));
    }

    #[test]
    fn a_requirement_two_answers_decide_together_waits_for_them() {
        // No single answer to a or b decides it; a=x with b=one does.
        let rules = testing::rules(&testing::requirement(
            r#"{ any = [{ all = [{ q = "a", in = ["x"], maybe = ["dk"] }, { q = "b", in = ["one"] }] },
                        { all = [{ q = "a", in = ["y"], maybe = ["dk"] }, { q = "b", in = ["two"] }] }] }"#,
        ));
        let reason = |answers: &Answers| {
            let all = rules.recommendations(answers);
            let p = all.iter().find(|r| r.program.id == "p").unwrap();
            (p.reasons[0].truth, p.reasons[0].text.map(|t| t.en.clone()))
        };
        let none = Answers::new(&rules);
        assert_eq!(reason(&none), (Truth::Unknown, None), "waiting");
        let a = Answers::from_pairs(&rules, [("a", "x")]).unwrap();
        assert_eq!(reason(&a), (Truth::Unknown, None), "b can still decide");
        let unknown = Answers::from_pairs(&rules, [("a", "dk")]).unwrap();
        let for_good = (Truth::Unknown, Some("C".to_owned()));
        assert_eq!(reason(&unknown), for_good, "no answer to b decides");
    }
}
