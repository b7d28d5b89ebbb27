//! Lints the routing rules before the app is built: an error in the rules file fails the build
//! with the line to fix, instead of shipping a widget that can only show an error; warnings
//! (such as a review older than 12 months) show as build warnings. Then packs the checked
//! rules into `$OUT_DIR/rules.bin` for the component tests (tests/web.rs). The app itself reads the
//! published rules file at run time (`rules.bin`, which `cargo xtask loaders` packs into the
//! build): the browser gets no TOML parser.

use shirube_engine::lint::{lint, Severity};
use shirube_engine::{Date, Rules, EMBEDDED_RULES};

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
    let rules = match Rules::parse(EMBEDDED_RULES) {
        Ok(rules) => rules,
        Err(error) => {
            eprintln!("engine/rules/rules.toml: {error}");
            std::process::exit(1);
        }
    };
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let packed = std::path::Path::new(&out).join("rules.bin");
    if let Err(error) = std::fs::write(&packed, rules.pack()) {
        eprintln!("cannot write {}: {error}", packed.display());
        std::process::exit(1);
    }
}
