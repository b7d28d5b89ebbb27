//! Lints the routing rules before the app is built: an error in the rules file fails the build
//! with the line to fix, instead of shipping a widget that can only show an error; warnings
//! (such as a review older than 12 months) show as build warnings.

use shirube_engine::lint::{lint, Severity};
use shirube_engine::{Date, EMBEDDED_RULES};

fn main() {
    println!("cargo:rerun-if-changed=engine/rules/rules.toml");
    let findings = lint(EMBEDDED_RULES, Date::today());
    for finding in &findings {
        println!("cargo:warning=engine/rules/rules.toml:{finding}");
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        eprintln!("engine/rules/rules.toml has errors: run `cargo run -p shirube-engine -- lint`");
        std::process::exit(1);
    }
}
