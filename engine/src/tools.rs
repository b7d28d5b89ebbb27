//! Authoring tools for the rules, behind the `authoring` feature (the app goes without): the
//! lint, the exhaustive walk of every path of the flow, the decision diagram and the comparison
//! of results before and after an edit.

pub mod answer_space;
pub mod compare;
pub mod graph;
pub mod lint;
pub mod verify;
