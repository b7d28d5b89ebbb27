//! Shirube's rules engine: loads the routing rules, evaluates a user's answers against them,
//! decides which question to ask next and explains every result.
//!
//! Plain Rust with no web dependency, so it is tested natively and reused by the app and the
//! `shirube` command-line tool. Grouped by layer: `model` (the rules as data), `evaluation`
//! (answers in, results out), `formats` (files, links and reports) and `tools` (authoring:
//! lint, exhaustive walk, diagram; behind the `authoring` feature, with the TOML reader).
//!
//! ```
//! use shirube_engine::{Answers, Rules};
//! let rules = Rules::embedded().expect("shipped rules load");
//! let answers = Answers::from_pairs(&rules, [("organisation", "startup"), ("base", "japan")]).unwrap();
//! let outcome = rules.outcome(&answers);
//! assert_eq!(outcome.next.map(|q| rules.questions[q].id.as_str()), Some("product"));
//! ```

mod evaluation;
mod formats;
mod model;
#[cfg(test)]
mod testing;
#[cfg(feature = "authoring")]
pub mod tools;

pub use evaluation::counterfactual::{Change, Counterfactual};
pub use evaluation::outcome::{FirstAction, Fit, Outcome, Reason, Recommendation, When};
pub use formats::json::Json;
#[cfg(feature = "authoring")]
pub use formats::json_file::read_json;
pub use formats::link::{Link, LinkError, Ready, Step, LINK_VERSION};
pub use formats::{excerpt, report, request, summary};
pub use model::answers::{AnswerError, Answers, Choice};
pub use model::condition::{Condition, Truth};
pub use model::rules::{
    is_official_url, is_plain_email, is_plain_phone, is_site_root, AnswerOption, Conditional,
    Contact, Criterion, Date, Fallback, Meta, Program, Question, QuestionIndex, Rules, RulesError,
    Source, StartingPoint, OFFICIAL_DOMAINS,
};
pub use model::text::{Lang, Text};
pub use model::wording::{
    counted, kept_rules_notice, link_error, pathway_step, question_number, ui, Ui,
};
#[cfg(feature = "authoring")]
pub use tools::answer_space::{answer_classes, AnswerClass};
#[cfg(feature = "authoring")]
pub use tools::{compare, graph, lint, verify};

/// The rules file shipped with the app, embedded at build time.
#[cfg(feature = "authoring")]
pub const EMBEDDED_RULES: &str = include_str!("../rules/rules.toml");
