//! Every path through the shipped rules, walked to its end: the proof that no user is asked a
//! question twice, stranded without a result, or sent to a program no path can reach.

use std::time::Instant;

use shirube_engine::{verify::verify, Rules};

#[test]
fn every_path_through_the_shipped_rules_ends_with_an_explained_result() {
    let rules = Rules::embedded().unwrap();
    let started = Instant::now();
    let found = verify(&rules);
    let took = started.elapsed();
    println!(
        "exhaustive verification: {} paths (standing for {} answer paths) checked in {:.2?}; \
         {} to {} questions; {} paths end with the general starting points",
        found.paths, found.answer_paths, took, found.shortest, found.longest, found.fallback_paths
    );
    let problems: Vec<String> = found.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(found.paths > 1000, "the walk covers the flow");
}
