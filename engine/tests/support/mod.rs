//! What several test files share: the persona files and a repeatable random generator.

// Each test file compiles its own copy and uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;

/// The persona files in `tests/personas/`, in name order.
pub fn persona_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("persona folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    found.sort();
    found
}

/// A small deterministic generator, so sampled answers are the same on every run.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}
