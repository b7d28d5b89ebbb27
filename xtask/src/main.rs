//! Developer commands: `cargo xtask serve` builds and serves the widget, `cargo xtask test`
//! runs every test. Both install what is missing first and say what they do.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_PACKAGE: &str = "binaryen@132";
const ESBUILD_VERSION: &str = "0.28.2";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const USAGE: &str = "\
usage: cargo xtask <command>

  serve     install what is missing, build the release and serve it at http://127.0.0.1:8080
  test      install what is missing, then run every test: formatting, clippy, the rules
            lint, the engine (every path of the question flow, personas, counterfactuals,
            the committed diagram), browser component tests (headless Chromium) and the
            end-to-end test of the release build
  bench     install what is missing, build the release of Shirube and of the floor (the
            smallest Leptos app, same profile and tools), time the engine, measure every
            file of a first load and run Lighthouse on both; writes bench/results.json and
            bench/results.md (budgets are reported, not asserted)
  loaders   (run by Trunk after each build) write the start script and the <shirube-widget>
            loader from embed/ into the build, with the built files' hashed names
  setup     only install what is missing (wasm target, Trunk, wasm-bindgen-cli, wasm-opt,
            Chromium and ChromeDriver, Japanese fonts, the end-to-end test's npm packages)
";

type Result<T = (), E = String> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("bench") => bench(),
        Some("setup") => setup(Needs::All).map(|_| ()),
        Some("loaders") => loaders(args.get(1).map(PathBuf::from)),
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The project's root folder.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Where tools installed for this checkout live (kept out of git with `target/`).
fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

fn step(message: &str) {
    println!("\n==> {message}");
}

/// Runs a command in the project root, failing with a message if it fails.
fn run(program: &str, args: &[&str], env_path: &OsString) -> Result {
    println!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .env("PATH", env_path)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// A command's standard output, if it runs and succeeds.
fn output(program: &str, args: &[&str], env_path: &OsString) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .env("PATH", env_path)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// PATH with the locally installed tools first.
fn tool_path() -> OsString {
    let mut paths = vec![tools_dir().join("node_modules/.bin"), home_cargo_bin()];
    paths.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(paths).expect("PATH entries are valid")
}

fn home_cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
        .join("bin")
}

/// The wasm-bindgen version Cargo.lock resolved, which the CLI must match exactly.
fn locked_wasm_bindgen() -> Result<String> {
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

#[derive(PartialEq)]
enum Needs {
    /// What building and serving needs.
    Build,
    /// Also what the browser tests need.
    All,
}

/// Installs whatever is missing and returns the PATH to run the tools with.
fn setup(needs: Needs) -> Result<OsString> {
    let path = tool_path();

    step("Rust target wasm32-unknown-unknown");
    let targets = output("rustup", &["target", "list", "--installed"], &path).unwrap_or_default();
    if targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        println!("already installed");
    } else {
        run(
            "rustup",
            &["target", "add", "wasm32-unknown-unknown"],
            &path,
        )?;
    }

    step(&format!("Trunk {TRUNK_VERSION}"));
    let trunk = output("trunk", &["--version"], &path).unwrap_or_default();
    if trunk.contains(TRUNK_VERSION) {
        println!("already installed: {}", trunk.trim());
    } else {
        println!("installing with cargo (takes about 6 minutes once)");
        run(
            "cargo",
            &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
            &path,
        )?;
    }

    let bindgen = locked_wasm_bindgen()?;
    step(&format!(
        "wasm-bindgen-cli {bindgen} (the version in Cargo.lock)"
    ));
    let trunk_toml = std::fs::read_to_string(root().join("Trunk.toml")).unwrap_or_default();
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
        return Err(format!(
            "Trunk.toml must pin wasm_bindgen = \"{bindgen}\" to match Cargo.lock"
        ));
    }
    let installed = output("wasm-bindgen", &["--version"], &path).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(bindgen.as_str()) {
        println!("already installed: {}", installed.trim());
    } else {
        // Without --locked: with it, this registry cannot resolve one of its dependencies.
        println!("installing with cargo (takes a few minutes once)");
        run(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &bindgen],
            &path,
        )?;
    }

    step(&format!("wasm-opt from npm {BINARYEN_PACKAGE}"));
    require("npm", &path, "nodejs npm")?;
    let wasm_opt = output("wasm-opt", &["--version"], &path).unwrap_or_default();
    if wasm_opt.contains("version 132") {
        println!("already installed: {}", wasm_opt.trim());
    } else {
        npm_tool(BINARYEN_PACKAGE, &path)?;
    }

    step(&format!(
        "esbuild {ESBUILD_VERSION} from npm (minifies the wasm-bindgen glue and the loaders in each build)"
    ));
    let esbuild = output("esbuild", &["--version"], &path).unwrap_or_default();
    if esbuild.trim() == ESBUILD_VERSION {
        println!("already installed: esbuild {}", esbuild.trim());
    } else {
        npm_tool(&format!("esbuild@{ESBUILD_VERSION}"), &path)?;
    }

    if needs == Needs::All {
        step("Chromium and ChromeDriver (Debian packages) for the browser tests");
        if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
            println!("already installed");
        } else {
            apt_install(&["chromium", "chromium-driver"], &path)?;
        }
        step("Japanese fonts for Chromium (Debian fonts-noto-cjk), so screenshots show Japanese");
        let fonts = output("fc-list", &[":lang=ja"], &path).unwrap_or_default();
        if fonts.trim().is_empty() {
            apt_install(&["fonts-noto-cjk"], &path)?;
        } else {
            println!("already installed");
        }
        step("npm packages of the end-to-end test (tests/e2e)");
        run(
            "npm",
            &["ci", "--no-audit", "--no-fund", "--prefix", "tests/e2e"],
            &path,
        )?;
    }
    Ok(path)
}

/// Installs an npm package into `target/tools/` (its programs land in `node_modules/.bin`).
fn npm_tool(package: &str, path: &OsString) -> Result {
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
    run("npm", &args, path)
}

fn require(program: &str, path: &OsString, packages: &str) -> Result {
    if output(program, &["--version"], path).is_some() {
        return Ok(());
    }
    apt_install(&packages.split(' ').collect::<Vec<_>>(), path)
}

fn apt_install(packages: &[&str], path: &OsString) -> Result {
    println!("installing {} with apt-get", packages.join(" "));
    run("apt-get", &["update", "-q"], path)?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend_from_slice(packages);
    run("apt-get", &args, path)
}

fn serve() -> Result {
    let path = setup(Needs::Build)?;
    step("Building the release and serving it at http://127.0.0.1:8080 (Ctrl-C stops)");
    run("trunk", &["serve", "--release"], &path)
}

/// The loaders that host pages load, under stable names (written from `embed/`).
const HOST_LOADERS: [&str; 2] = ["shirube.js", "shirube-frame.js"];

/// Writes the loaders from `embed/` into a build (Trunk's staging folder, or `dir`): the
/// standalone page's start script under a name with its content's hash (the page is pointed
/// at it), and, under stable names for hosts, `shirube.js` (the `<shirube-widget>` element)
/// and `shirube-frame.js` (the iframe embed).
fn loaders(dir: Option<PathBuf>) -> Result {
    let dir = match dir.or_else(|| env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from)) {
        Some(dir) => dir,
        None => return Err("loaders: give the build folder, or run from Trunk".into()),
    };
    let names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("loaders: cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let find = |prefix: &str, suffix: &str| -> Result<String> {
        let found: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            _ => Err(format!(
                "loaders: expected one {prefix}…{suffix} in {}, found {found:?}",
                dir.display()
            )),
        }
    };
    let glue = find("shirube-app", ".js")?;
    let wasm = find("shirube-app", "_bg.wasm")?;
    let css = find("main", ".css")?;
    minify(&dir.join(&glue))?;
    let fill = |template: &str| -> Result<String> {
        let text = std::fs::read_to_string(root().join("embed").join(template))
            .map_err(|e| format!("loaders: cannot read embed/{template}: {e}"))?;
        Ok(text
            .replace("{{glue}}", &glue)
            .replace("{{wasm}}", &wasm)
            .replace("{{css}}", &css))
    };
    // Each loader is written filled in and minified; the start script is then named by its
    // content, so that it can be cached for good like the other hashed files.
    let write = |name: &str, text: &str| -> Result {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("loaders: cannot write {name}: {e}"))?;
        minify(&path)
    };
    write("start.js", &fill("start.js")?)?;
    let start = std::fs::read(dir.join("start.js"))
        .map_err(|e| format!("loaders: cannot read start.js: {e}"))?;
    let start_name = format!("start-{:016x}.js", fnv1a(&start));
    std::fs::rename(dir.join("start.js"), dir.join(&start_name))
        .map_err(|e| format!("loaders: cannot name {start_name}: {e}"))?;
    for loader in HOST_LOADERS {
        write(loader, &fill(loader)?)?;
    }
    let page = std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("loaders: cannot read index.html: {e}"))?;
    // The start script imports the glue: preloading it saves a round trip. The wasm is not
    // preloaded: the start script fetches it once the start screen is shown, so that on a slow
    // connection it does not hold up that screen.
    let preloads = format!(
        "<link rel=\"modulepreload\" href=\"{glue}\">\n  \
         <script type=\"module\" src=\"{start_name}\"></script>"
    );
    let start_tag = "<script type=\"module\" src=\"start.js\"></script>";
    if !page.contains(start_tag) {
        return Err(format!("loaders: index.html has no {start_tag}"));
    }
    let mut page = page.replace(start_tag, &preloads);
    // Trunk leaves its <link data-trunk rel="rust"> line in place when it injects no script.
    if let Some(at) = page.find("<link data-trunk rel=\"rust\"") {
        let line_start = page[..at].rfind('\n').map_or(0, |s| s + 1);
        let line_end = page[at..].find('\n').map_or(page.len(), |e| at + e + 1);
        page.replace_range(line_start..line_end, "");
    }
    std::fs::write(dir.join("index.html"), &page)
        .map_err(|e| format!("loaders: cannot write index.html: {e}"))?;
    write_service_worker(&dir)?;
    println!(
        "loaders: wrote {start_name}, shirube.js and shirube-frame.js for {glue}, {wasm} and {css}"
    );
    Ok(())
}

/// Minifies a JavaScript module in place with esbuild (installed by `cargo xtask setup` into
/// the tools folder, which is put first on its PATH).
fn minify(file: &Path) -> Result {
    let name = file.to_string_lossy();
    let status = Command::new("esbuild")
        .env("PATH", tool_path())
        .args([
            &*name,
            "--minify",
            "--format=esm",
            "--allow-overwrite",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={name}"))
        .status()
        .map_err(|e| {
            format!("loaders: cannot run esbuild ({e}); `cargo xtask setup` installs it")
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("loaders: esbuild could not minify {name}"))
    }
}

/// Writes `sw.js`: the service worker, with the list of every file of the build (the demo page
/// and the host pages' loaders aside) and a build id made from their names and contents.
fn write_service_worker(dir: &Path) -> Result {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    // The host loaders are loaded by host pages, which this worker does not serve: caching
    // them would only add to every first visit.
    files
        .retain(|f| f != "sw.js" && !HOST_LOADERS.contains(&f.as_str()) && !f.starts_with("demo/"));
    files.sort();
    let mut digest = Vec::new();
    for file in &files {
        digest.extend_from_slice(file.as_bytes());
        let bytes = std::fs::read(dir.join(file)).map_err(|e| format!("loaders: {file}: {e}"))?;
        digest.extend_from_slice(&fnv1a(&bytes).to_le_bytes());
    }
    let build = format!("{:016x}", fnv1a(&digest));
    let list = files
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let template = std::fs::read_to_string(root().join("embed/sw.js"))
        .map_err(|e| format!("loaders: cannot read embed/sw.js: {e}"))?;
    let worker = template
        .replace("{{build}}", &build)
        .replace("{{files}}", &format!("[{list}]"));
    std::fs::write(dir.join("sw.js"), worker).map_err(|e| format!("loaders: sw.js: {e}"))?;
    println!(
        "loaders: wrote sw.js for build {build} ({} files)",
        files.len()
    );
    Ok(())
}

/// Every file below `dir`, as a path relative to `base` with `/` separators.
fn collect_files(base: &Path, dir: &Path, files: &mut Vec<String>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("loaders: {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(base, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
    Ok(())
}

/// A stable 64-bit hash of some bytes (FNV-1a), for file names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Test stages, each counted in the closing line.
struct Tally {
    passed: usize,
    failed: Vec<String>,
}

impl Tally {
    fn stage(&mut self, name: &str, result: Result) {
        match result {
            Ok(()) => self.passed += 1,
            Err(e) => {
                eprintln!("xtask: stage \"{name}\" failed: {e}");
                self.failed.push(name.to_owned());
            }
        }
    }
}

fn test() -> Result {
    let path = setup(Needs::All)?;
    let mut tally = Tally {
        passed: 0,
        failed: Vec::new(),
    };

    step("Formatting (cargo fmt --check)");
    tally.stage(
        "format",
        run("cargo", &["fmt", "--all", "--", "--check"], &path),
    );

    step("Lints (cargo clippy, warnings are errors)");
    tally.stage(
        "clippy",
        run(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            &path,
        ),
    );

    step("Rules lint (shirube lint: errors fail, warnings are listed)");
    tally.stage(
        "rules lint",
        run(
            "cargo",
            &["run", "--quiet", "-p", "shirube-engine", "--", "lint"],
            &path,
        ),
    );

    step("Engine tests: rules, every path of the flow, personas, counterfactuals, diagram, command-line tool (native)");
    // --show-output prints what passing tests report, such as the exhaustive walk's figures.
    tally.stage(
        "engine",
        run(
            "cargo",
            &["test", "-p", "shirube-engine", "--", "--show-output"],
            &path,
        ),
    );

    step("Component tests in headless Chromium (wasm-bindgen-test)");
    // The test runner drives Debian's Chromium through this ChromeDriver.
    env::set_var("CHROMEDRIVER", CHROMEDRIVER);
    tally.stage(
        "components",
        run(
            "cargo",
            &[
                "test",
                "-p",
                "shirube",
                "--target",
                "wasm32-unknown-unknown",
            ],
            &path,
        ),
    );

    step("Release build (trunk build --release)");
    let built = run("trunk", &["build", "--release"], &path);
    let built_ok = built.is_ok();
    tally.stage("release build", built);

    step("End-to-end test of the release build in Chromium");
    if built_ok {
        tally.stage("end-to-end", run("node", &["tests/e2e/run.mjs"], &path));
    } else {
        tally.stage(
            "end-to-end",
            Err("skipped: the release build failed".into()),
        );
    }

    println!(
        "\nstages: {} passed, {} failed",
        tally.passed,
        tally.failed.len()
    );
    if tally.failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", tally.failed.join(", ")))
    }
}

/// The benchmark: Shirube's and the floor's release builds, the engine's timings, then the
/// browser measurements and the report (`bench/report.mjs`).
fn bench() -> Result {
    let path = setup(Needs::All)?;
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {out:?}: {e}"))?;

    step("Release build of Shirube (trunk build --release)");
    run("trunk", &["build", "--release"], &path)?;
    step("Release build of the floor, bench/floor: same profile, Trunk and wasm-opt");
    let floor_toml = std::fs::read_to_string(root().join("bench/floor/Trunk.toml"))
        .map_err(|e| format!("cannot read bench/floor/Trunk.toml: {e}"))?;
    let bindgen = locked_wasm_bindgen()?;
    if !floor_toml.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
        return Err(format!(
            "bench/floor/Trunk.toml must pin wasm_bindgen = \"{bindgen}\" like Trunk.toml"
        ));
    }
    // Without Shirube's `--cfg erase_components` (.cargo/config.toml): it makes the floor
    // larger (29 KB brotli instead of 24), and the floor is the smallest app the stack allows.
    // An empty RUSTFLAGS replaces the configured flags.
    env::set_var("RUSTFLAGS", "");
    let floor_built = run(
        "trunk",
        &["--config", "bench/floor/Trunk.toml", "build", "--release"],
        &path,
    );
    env::remove_var("RUSTFLAGS");
    floor_built?;
    // Shirube's post-build hook minifies its glue; the floor's gets the same.
    let floor = out.join("floor");
    let floor_glue = std::fs::read_dir(&floor)
        .map_err(|e| format!("cannot read {}: {e}", floor.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .find(|p| p.extension().is_some_and(|e| e == "js"))
        .ok_or("the floor's build has no JavaScript glue")?;
    minify(&floor_glue)?;

    step("Engine timings (cargo bench -p shirube-engine --bench engine), then the exhaustive verification");
    println!("$ cargo bench -p shirube-engine --bench engine");
    let timings = Command::new("cargo")
        .args(["bench", "-p", "shirube-engine", "--bench", "engine"])
        .current_dir(root())
        .env("PATH", &path)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    let printed = String::from_utf8_lossy(&timings.stdout);
    print!("{printed}");
    let json = printed
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .filter(|_| timings.status.success())
        .ok_or("the engine benchmark failed or printed no BENCH line")?;
    write_file(&out.join("engine.json"), json)?;

    let version = |program: &str| {
        output(program, &["--version"], &path)
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| format!("{program}: unknown"))
    };
    let tools = format!(
        "{{\"rustc\":\"{}\",\"trunk\":\"{}\",\"wasmBindgen\":\"{}\",\"wasmOpt\":\"{}\",\
         \"profile\":\"opt-level z, LTO, one codegen unit, panic abort; wasm-opt -Oz\"}}",
        version("rustc"),
        version("trunk"),
        version("wasm-bindgen"),
        version("wasm-opt")
    );
    write_file(&out.join("tools.json"), &tools)?;

    step("First loads and Lighthouse in Chromium (node bench/report.mjs)");
    run(
        "node",
        &[
            "bench/report.mjs",
            "dist",
            "target/bench/floor",
            "target/bench/engine.json",
            "target/bench/tools.json",
        ],
        &path,
    )
}

fn write_file(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
