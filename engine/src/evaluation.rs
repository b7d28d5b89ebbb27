//! Evaluating answers against the rules: which programs fit and why, which question comes
//! next, and the smallest change of answers that would make a program fit.

pub(crate) mod combinations;
pub(crate) mod counterfactual;
pub(crate) mod outcome;
pub(crate) mod sort;
