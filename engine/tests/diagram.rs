//! The decision diagram committed in `docs/` (and shown in the README) matches the rules.

use shirube_engine::{graph, Lang, Rules};

const REDRAW: &str = "run `cargo run -p shirube-engine -- graph docs/rules.dot` with Graphviz \
                      installed (Debian: apt-get install graphviz) and commit docs/rules.dot and \
                      docs/rules.svg";

fn committed(file: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/").to_owned() + file;
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}; {REDRAW}"))
}

#[test]
fn the_committed_diagram_is_up_to_date_with_the_rules() {
    let rules = Rules::embedded().unwrap();
    let expected = graph::dot(&rules, Lang::En);
    assert!(
        committed("rules.dot") == expected,
        "docs/rules.dot is out of date with the rules: {REDRAW}"
    );
    let digest = graph::digest_of(&expected).expect("the graph carries its digest");
    assert!(
        committed("rules.svg").contains(&format!("<!-- {digest} -->")),
        "docs/rules.svg was not drawn from the current docs/rules.dot: {REDRAW}"
    );
}
