//! Shirube's rules engine: loads the routing rules, evaluates a user's answers against them,
//! decides which question to ask next and explains every result.
//!
//! Plain Rust with no web dependency, so it is tested natively and reused by the app and the
//! `shirube` command-line tool.
//!
//! ```
//! use shirube_engine::{Answers, Rules};
//! let rules = Rules::embedded().expect("shipped rules load");
//! let answers = Answers::from_pairs(&rules, [("organisation", "startup"), ("base", "japan")]).unwrap();
//! let outcome = rules.outcome(&answers);
//! assert_eq!(outcome.next.map(|q| rules.questions[q].id.as_str()), Some("product"));
//! ```

mod answer_space;
mod answers;
mod combinations;
mod condition;
mod counterfactual;
pub mod graph;
mod json;
mod link;
#[cfg(feature = "toml")]
pub mod lint;
#[cfg(feature = "toml")]
mod load;
mod outcome;
mod pack;
pub mod report;
mod rules;
mod sort;
pub mod summary;
#[cfg(test)]
mod testing;
mod text;
pub mod verify;

pub use answer_space::{answer_classes, AnswerClass};
pub use answers::{AnswerError, Answers};
pub use condition::{Condition, Truth};
pub use counterfactual::{Change, Counterfactual};
pub use json::Json;
pub use link::{Link, LinkError, Step, LINK_VERSION};
pub use outcome::{Fit, Outcome, Reason, Recommendation};
pub use rules::{
    is_official_url, is_plain_email, is_plain_phone, is_site_root, AnswerOption, Conditional,
    Contact, Criterion, Date, Fallback, Meta, Program, Question, Rules, RulesError, Source,
    StartingPoint, OFFICIAL_DOMAINS,
};
pub use text::{Lang, Text};

/// The rules file shipped with the app, embedded at build time.
#[cfg(feature = "toml")]
pub const EMBEDDED_RULES: &str = include_str!("../rules/rules.toml");
