//! The rules as data: questions and their options, programs with their conditions and texts
//! in both languages, the answers a user gives, and the interface's own words.

pub(crate) mod answers;
pub(crate) mod condition;
pub(crate) mod rules;
pub(crate) mod text;
pub(crate) mod wording;
