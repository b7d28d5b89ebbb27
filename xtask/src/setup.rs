//! Installing what the commands need, once: each tool is checked at its pinned version and
//! installed only when missing or different.
//!
//! The pinned versions live here, but for wasm-bindgen, whose version is the one Cargo.lock
//! resolved, and the npm packages of the end-to-end test and of the benchmark's peer, pinned by
//! `tests/e2e/package-lock.json` and `bench/peer/package-lock.json`.
//! Trunk.toml (and the benchmark floor's) must name the same wasm-bindgen and wasm-opt: this
//! module checks that they do.

use crate::dist::fnv1a;
use crate::shell::{root, step, tools_dir, Result, Shell};
use std::path::Path;

pub const TRUNK: &str = "0.21.14";
/// wasm-opt comes from this release of the npm package `binaryen`; Debian's older binaryen
/// builds a wasm that loads to a blank page.
pub const BINARYEN: &str = "132";
pub const ESBUILD: &str = "0.28.2";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The Trunk configurations that must pin the same tools.
const TRUNK_CONFIGS: [&str; 3] = ["Trunk.toml", "bench/floor/Trunk.toml", "studio/Trunk.toml"];

/// What a command needs installed.
#[derive(Clone, Copy, Default)]
pub struct Needs {
    /// The wasm target and wasm-bindgen-cli (also the component tests' runner).
    pub wasm: bool,
    /// Trunk, wasm-opt and esbuild: a release build.
    pub build: bool,
    /// Chromium and ChromeDriver.
    pub browser: bool,
    /// Japanese fonts and the end-to-end test's npm packages.
    pub end_to_end: bool,
}

impl Needs {
    pub const ALL: Needs = Needs {
        wasm: true,
        build: true,
        browser: true,
        end_to_end: true,
    };

    /// Everything a merge of two needs needs.
    pub fn and(self, other: Needs) -> Needs {
        Needs {
            wasm: self.wasm || other.wasm,
            build: self.build || other.build,
            browser: self.browser || other.browser,
            end_to_end: self.end_to_end || other.end_to_end,
        }
    }
}

/// Installs whatever is missing and returns the shell to run the tools with.
pub fn setup(needs: Needs) -> Result<Shell> {
    let shell = Shell::new();
    if needs.wasm || needs.build {
        wasm_target(&shell)?;
        wasm_bindgen(&shell)?;
    }
    if needs.build {
        trunk(&shell)?;
        wasm_opt(&shell)?;
        esbuild(&shell)?;
    }
    if needs.browser {
        step("Chromium and ChromeDriver (Debian packages) for the browser tests");
        if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
            println!("already installed");
        } else {
            apt_install(&shell, &["chromium", "chromium-driver"])?;
        }
    }
    if needs.end_to_end {
        step("Japanese fonts for Chromium (Debian fonts-noto-cjk), so screenshots show Japanese");
        let fonts = shell.output("fc-list", &[":lang=ja"]).unwrap_or_default();
        if fonts.trim().is_empty() {
            apt_install(&shell, &["fonts-noto-cjk"])?;
        } else {
            println!("already installed");
        }
        end_to_end_packages(&shell)?;
    }
    Ok(shell)
}

fn wasm_target(shell: &Shell) -> Result {
    step("Rust target wasm32-unknown-unknown");
    let targets = (shell.output("rustup", &["target", "list", "--installed"])).unwrap_or_default();
    if targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        println!("already installed");
        Ok(())
    } else {
        shell.run("rustup", &["target", "add", "wasm32-unknown-unknown"])
    }
}

fn trunk(shell: &Shell) -> Result {
    step(&format!("Trunk {TRUNK}"));
    let trunk = shell.output("trunk", &["--version"]).unwrap_or_default();
    if trunk.contains(TRUNK) {
        println!("already installed: {}", trunk.trim());
        Ok(())
    } else {
        println!("installing with cargo (takes about 6 minutes once)");
        shell.run(
            "cargo",
            &["install", "trunk", "--version", TRUNK, "--locked"],
        )
    }
}

fn wasm_bindgen(shell: &Shell) -> Result {
    let bindgen = locked_wasm_bindgen()?;
    step(&format!(
        "wasm-bindgen-cli {bindgen} (the version in Cargo.lock)"
    ));
    pinned_in_trunk_configs("wasm_bindgen", &bindgen)?;
    let installed = shell
        .output("wasm-bindgen", &["--version"])
        .unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(bindgen.as_str()) {
        println!("already installed: {}", installed.trim());
        Ok(())
    } else {
        // Without --locked: with it, this registry cannot resolve one of its dependencies.
        println!("installing with cargo (takes a few minutes once)");
        shell.run(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &bindgen],
        )
    }
}

fn wasm_opt(shell: &Shell) -> Result {
    step(&format!("wasm-opt from npm binaryen@{BINARYEN}"));
    pinned_in_trunk_configs("wasm_opt", &format!("version_{BINARYEN}"))?;
    require(shell, "npm", "nodejs npm")?;
    let wasm_opt = shell.output("wasm-opt", &["--version"]).unwrap_or_default();
    if wasm_opt.contains(&format!("version {BINARYEN}")) {
        println!("already installed: {}", wasm_opt.trim());
        Ok(())
    } else {
        npm_tool(shell, &format!("binaryen@{BINARYEN}"))
    }
}

fn esbuild(shell: &Shell) -> Result {
    step(&format!(
        "esbuild {ESBUILD} from npm (minifies the wasm-bindgen glue and the loaders in each build)"
    ));
    let esbuild = shell.output("esbuild", &["--version"]).unwrap_or_default();
    if esbuild.trim() == ESBUILD {
        println!("already installed: esbuild {}", esbuild.trim());
        Ok(())
    } else {
        npm_tool(shell, &format!("esbuild@{ESBUILD}"))
    }
}

/// `npm ci` for tests/e2e, only when its lock file changed since the last install.
fn end_to_end_packages(shell: &Shell) -> Result {
    step("npm packages of the end-to-end test (tests/e2e)");
    npm_packages(shell, "tests/e2e")
}

/// `npm ci` for the benchmark's peer (bench/peer: SurveyJS at the versions its lock file pins),
/// only when its lock file changed since the last install.
pub fn bench_packages(shell: &Shell) -> Result {
    step("npm packages of the benchmark's peer (bench/peer: SurveyJS)");
    npm_packages(shell, "bench/peer")
}

/// `npm ci` in `dir` (relative to the root), skipped when its `package-lock.json` is the one
/// installed last.
fn npm_packages(shell: &Shell, dir: &str) -> Result {
    require(shell, "npm", "nodejs npm")?;
    let lock = std::fs::read(root().join(dir).join("package-lock.json"))
        .map_err(|e| format!("cannot read {dir}/package-lock.json: {e}"))?;
    let stamp = root().join(dir).join("node_modules/.installed-lock");
    let wanted = format!("{:016x}", fnv1a(&lock));
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        println!("already installed from this package-lock.json");
        return Ok(());
    }
    shell.run("npm", &["ci", "--no-audit", "--no-fund", "--prefix", dir])?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// The wasm-bindgen version Cargo.lock resolved, which the CLI must match exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// Checks that every Trunk configuration pins `tool` to `version`, as Trunk must use the
/// tools installed here and never download its own.
fn pinned_in_trunk_configs(tool: &str, version: &str) -> Result {
    for config in TRUNK_CONFIGS {
        let text = std::fs::read_to_string(root().join(config))
            .map_err(|e| format!("cannot read {config}: {e}"))?;
        if !text.contains(&format!("{tool} = \"{version}\"")) {
            return Err(format!(
                "{config} must pin {tool} = \"{version}\" (the version xtask installs)"
            ));
        }
    }
    Ok(())
}

/// Installs an npm package into `target/tools/` (its programs land in `node_modules/.bin`).
fn npm_tool(shell: &Shell, package: &str) -> Result {
    let prefix = tools_dir();
    std::fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {prefix:?}: {e}"))?;
    let prefix = prefix.to_string_lossy().into_owned();
    let args = [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        &prefix,
        package,
    ];
    shell.run("npm", &args)
}

fn require(shell: &Shell, program: &str, packages: &str) -> Result {
    if shell.output(program, &["--version"]).is_some() {
        return Ok(());
    }
    apt_install(shell, &packages.split(' ').collect::<Vec<_>>())
}

fn apt_install(shell: &Shell, packages: &[&str]) -> Result {
    println!("installing {} with apt-get", packages.join(" "));
    shell.run("apt-get", &["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend_from_slice(packages);
    shell.run("apt-get", &args)
}
