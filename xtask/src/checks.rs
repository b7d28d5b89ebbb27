//! `cargo xtask test`: every test stage, or the ones named, each counted in the closing line.

use crate::setup::{setup, Needs, CHROMEDRIVER};
use crate::shell::{step, Result, Shell};

/// A test stage: its name on the command line, what it does, and what it needs installed.
struct Stage {
    name: &'static str,
    about: &'static str,
    needs: Needs,
    run: fn(&Shell, &Options) -> Result,
}

/// What the command line asks of the stages.
#[derive(Default)]
struct Options {
    /// Only the end-to-end checks whose name contains this.
    grep: Option<String>,
}

const NOTHING: Needs = Needs {
    wasm: false,
    build: false,
    browser: false,
    end_to_end: false,
};

const STAGES: [Stage; 6] = [
    Stage {
        name: "fmt",
        about: "Formatting (cargo fmt --check)",
        needs: NOTHING,
        run: |shell, _| shell.run("cargo", &["fmt", "--all", "--", "--check"]),
    },
    Stage {
        name: "clippy",
        about: "Lints (cargo clippy, warnings are errors)",
        needs: NOTHING,
        run: |shell, _| {
            let args = [
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ];
            shell.run("cargo", &args)?;
            // The component tests are left out of plain `cargo test` (see Cargo.toml), and
            // so of --all-targets: named, they are linted too.
            let web = [
                "clippy", "-p", "shirube", "--test", "web", "--", "-D", "warnings",
            ];
            shell.run("cargo", &web)
        },
    },
    Stage {
        name: "rules",
        about: "Rules lint (shirube lint: errors fail, warnings are listed)",
        needs: NOTHING,
        run: |shell, _| {
            shell.run(
                "cargo",
                &["run", "--quiet", "-p", "shirube-engine", "--", "lint"],
            )
        },
    },
    Stage {
        name: "engine",
        about: "Engine tests, native: rules, every path of the flow, personas, counterfactuals, \
                diagram, command-line tool; and the build tool's own tests",
        needs: NOTHING,
        // --show-output prints what passing tests report, such as the exhaustive walk's figures.
        run: |shell, _| {
            shell.run(
                "cargo",
                &[
                    "test",
                    "-p",
                    "shirube-engine",
                    "-p",
                    "xtask",
                    "--",
                    "--show-output",
                ],
            )
        },
    },
    Stage {
        name: "web",
        about: "Component tests in headless Chromium (wasm-bindgen-test)",
        needs: Needs {
            wasm: true,
            browser: true,
            ..NOTHING
        },
        // The test runner drives Debian's Chromium through this ChromeDriver.
        run: |shell, _| {
            let args = [
                "test",
                "-p",
                "shirube",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ];
            shell.run_with("cargo", &args, &[("CHROMEDRIVER", CHROMEDRIVER)])
        },
    },
    Stage {
        name: "e2e",
        about: "Release build (trunk build --release) and its end-to-end test in Chromium",
        needs: Needs::ALL,
        run: |shell, options| {
            shell.run("trunk", &["build", "--release"])?;
            let mut args = vec!["tests/e2e/run.mjs"];
            if let Some(grep) = &options.grep {
                args.extend(["--grep", grep]);
            }
            shell.run("node", &args)
        },
    },
];

/// The stages for `cargo xtask help`.
pub fn usage() -> String {
    STAGES
        .iter()
        .map(|s| format!("            {:<7} {}\n", s.name, s.about))
        .collect()
}

/// Runs the stages `args` names (all, with none), then says how many passed.
pub fn test(args: &[String]) -> Result {
    let mut chosen: Vec<&Stage> = Vec::new();
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--grep" {
            let text = args.next().ok_or("--grep needs the text to look for")?;
            options.grep = Some(text.clone());
        } else if let Some(stage) = STAGES.iter().find(|s| s.name == arg) {
            if !chosen.iter().any(|c| c.name == stage.name) {
                chosen.push(stage);
            }
        } else {
            let names: Vec<&str> = STAGES.iter().map(|s| s.name).collect();
            return Err(format!(
                "unknown stage \"{arg}\": the stages are {}",
                names.join(", ")
            ));
        }
    }
    if chosen.is_empty() {
        chosen = STAGES.iter().collect();
    }
    if options.grep.is_some() && !chosen.iter().any(|s| s.name == "e2e") {
        return Err("--grep picks end-to-end checks: name the e2e stage too".into());
    }
    let needs = chosen.iter().fold(NOTHING, |all, s| all.and(s.needs));
    let shell = setup(needs)?;

    let mut failed = Vec::new();
    for stage in &chosen {
        step(stage.about);
        if let Err(e) = (stage.run)(&shell, &options) {
            eprintln!("xtask: stage \"{}\" failed: {e}", stage.name);
            failed.push(stage.name);
        }
    }
    println!(
        "\nstages: {} passed, {} failed",
        chosen.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}
