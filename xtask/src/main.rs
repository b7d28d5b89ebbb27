//! Developer commands: `cargo xtask serve` builds and serves the widget, `cargo xtask test`
//! runs the tests. Both install what is missing first and say what they do.
//!
//! One module per job: `setup` (tools at their pinned versions), `dist` (the post-build step
//! Trunk runs), `checks` (the test stages), `bench` (the benchmark); `shell` runs the tools.

mod bench;
mod checks;
mod dist;
mod setup;
mod shell;
mod wasm;

use setup::{setup, Needs};
use shell::{step, Result};
use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> String {
    format!(
        "\
usage: cargo xtask <command>

  serve     install what is missing, build the release and serve it at http://127.0.0.1:8080
  test [STAGE...] [--grep TEXT]
            install what is missing, then run the test stages (all of them when none is
            named; --grep runs only the end-to-end checks whose name contains TEXT):
{stages}  bench     install what is missing, build the release of Shirube and of the floor (the
            smallest Leptos app, same profile and tools), time the engine, measure every
            file of a first load and run Lighthouse on both; writes bench/results.json and
            bench/results.md (budgets are reported, not asserted)
  loaders   (run by Trunk after each build) write the start script and the <shirube-widget>
            loader from embed/ into the build, with the built files' hashed names, and the
            service worker
  setup     only install what is missing (wasm target, Trunk, wasm-bindgen-cli, wasm-opt,
            esbuild, Chromium and ChromeDriver, Japanese fonts, the end-to-end test's npm
            packages); each is skipped when present at its pinned version
",
        stages = checks::usage()
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => checks::test(&args[1..]),
        Some("bench") => bench::bench(),
        Some("setup") => setup(Needs::ALL).map(|_| ()),
        Some("loaders") => dist::loaders(args.get(1).map(PathBuf::from)),
        Some("help" | "--help" | "-h") => {
            print!("{}", usage());
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{}", usage())),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result {
    let build = Needs {
        build: true,
        ..Needs::default()
    };
    let shell = setup(build)?;
    step("Building the release and serving it at http://127.0.0.1:8080 (Ctrl-C stops)");
    shell.run("trunk", &["serve", "--release"])
}
