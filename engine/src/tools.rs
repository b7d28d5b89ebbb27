//! Authoring tools for the rules, behind the `authoring` feature (the app goes without): the
//! lint, the exhaustive walk of every path of the flow and the decision diagram.

pub mod answer_space;
pub mod graph;
pub mod lint;
pub mod verify;
