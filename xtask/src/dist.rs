//! The production post-build step, run by Trunk after each build (`cargo xtask loaders`):
//! the start script and the host pages' loaders filled in with the built files' names and
//! bundled and minified, the published rules file packed from `engine/rules/rules.toml`, and the
//! service worker with the list of the build's files.

use crate::shell::{root, Result, Shell};
use crate::wasm::low_memory_unused;
use std::env;
use std::path::{Path, PathBuf};

/// The loaders that host pages load, under stable names (written from `embed/`).
const HOST_LOADERS: [&str; 2] = ["shirube.js", "shirube-frame.js"];

/// The published rules file, read by the app at run time (`embed/rules.js`). An agency
/// publishes new rules by replacing it, so it keeps its name and the service worker does not
/// precache it as part of the build: the page keeps the last good copy itself.
pub const RULES_FILE: &str = "rules.bin";

/// Where the rules studio goes in the build.
const STUDIO: &str = "studio";

/// Writes the loaders from `embed/` into a build (Trunk's staging folder, or `dir`): the
/// standalone page's start script under a name with its content's hash (the page is pointed
/// at it), and, under stable names for hosts, `shirube.js` (the `<shirube-widget>` element)
/// and `shirube-frame.js` (the iframe embed).
pub fn loaders(dir: Option<PathBuf>) -> Result {
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
    let module =
        std::fs::read(dir.join(&wasm)).map_err(|e| format!("loaders: cannot read {wasm}: {e}"))?;
    low_memory_unused(&module).map_err(|e| format!("loaders: {wasm}: {e}"))?;
    minify(&dir.join(&glue))?;
    let fill = |template: &str| -> Result<String> {
        let text = std::fs::read_to_string(root().join("embed").join(template))
            .map_err(|e| format!("loaders: cannot read embed/{template}: {e}"))?;
        Ok(text
            .replace("{{glue}}", &glue)
            .replace("{{wasm}}", &wasm)
            .replace("{{css}}", &css))
    };
    // Each loader is written filled in, bundled with the modules it imports from `embed/` and
    // minified; the start script is then named by its content, so that it can be cached for
    // good like the other hashed files.
    let write = |name: &str, text: &str| bundle(name, text, &dir.join(name));
    pack_rules(&dir)?;
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
    let page = without_rust_link(page.replace(start_tag, &preloads));
    std::fs::write(dir.join("index.html"), &page)
        .map_err(|e| format!("loaders: cannot write index.html: {e}"))?;
    studio(&dir)?;
    write_service_worker(&dir)?;
    println!(
        "loaders: wrote {start_name}, shirube.js and shirube-frame.js for {glue}, {wasm} and {css}"
    );
    Ok(())
}

/// Packs the rules file into the build as the published rules file, after the lint (the
/// command-line tool's `pack`, which refuses rules with errors).
fn pack_rules(dir: &Path) -> Result {
    let out = dir.join(RULES_FILE);
    let out = out.to_string_lossy();
    let shell = Shell::new();
    let packed = shell
        .command("cargo")
        .args([
            "run",
            "--quiet",
            "-p",
            "shirube-engine",
            "--bin",
            "shirube",
            "--",
        ])
        .args(["pack", &*out])
        .current_dir(root())
        .output()
        .map_err(|e| format!("loaders: cannot run cargo: {e}"))?;
    let said = String::from_utf8_lossy(&packed.stdout);
    if !packed.status.success() {
        let errors = String::from_utf8_lossy(&packed.stderr);
        return Err(format!(
            "loaders: the rules were not packed:\n{said}{errors}"
        ));
    }
    print!("loaders: {said}");
    Ok(())
}

/// Builds the rules studio (studio/, its own page and WebAssembly) into the build's `studio/`.
/// Its files are not the widget's: the service worker does not precache them.
fn studio(dir: &Path) -> Result {
    let out = dir.join(STUDIO);
    let mut command = Shell::new().command("trunk");
    command
        .args([
            "--config",
            "studio/Trunk.toml",
            "build",
            "--release",
            "--dist",
        ])
        .arg(&out)
        .current_dir(root());
    // The widget's Trunk run describes itself to its hooks in TRUNK_* variables, which the
    // studio's run would take as its own settings.
    for (name, _) in env::vars_os() {
        if name.to_string_lossy().starts_with("TRUNK_") {
            command.env_remove(name);
        }
    }
    let status = command
        .status()
        .map_err(|e| format!("loaders: cannot run trunk for the studio: {e}"))?;
    if !status.success() {
        return Err("loaders: the rules studio did not build (studio/)".into());
    }
    let index = out.join("index.html");
    let page = std::fs::read_to_string(&index)
        .map_err(|e| format!("loaders: cannot read the studio's index.html: {e}"))?;
    std::fs::write(&index, without_rust_link(page))
        .map_err(|e| format!("loaders: cannot write the studio's index.html: {e}"))?;
    println!("loaders: built the rules studio into {STUDIO}/");
    Ok(())
}

/// A page without the `<link data-trunk rel="rust">` line, which Trunk leaves in place when it
/// injects no script.
fn without_rust_link(mut page: String) -> String {
    if let Some(at) = page.find("<link data-trunk rel=\"rust\"") {
        let line_start = page[..at].rfind('\n').map_or(0, |s| s + 1);
        let line_end = page[at..].find('\n').map_or(page.len(), |e| at + e + 1);
        page.replace_range(line_start..line_end, "");
    }
    page
}

/// Minifies a JavaScript module in place with esbuild (installed by `cargo xtask setup` into
/// the tools folder, which is put first on its PATH).
pub fn minify(file: &Path) -> Result {
    let name = file.to_string_lossy();
    let status = esbuild()
        .args([&*name, "--allow-overwrite"])
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

/// Bundles a loader (`text`, a filled-in file of `embed/`) with the modules it imports from
/// `embed/`, not the app's glue, which keeps its own file, and minifies it into `out`.
fn bundle(name: &str, text: &str, out: &Path) -> Result {
    use std::io::Write;
    let mut child = esbuild()
        .args(["--bundle", "--external:./shirube-app-*"])
        .arg(format!("--sourcefile={name}"))
        .arg(format!("--outfile={}", out.to_string_lossy()))
        .current_dir(root().join("embed"))
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("loaders: cannot run esbuild ({e}); `cargo xtask setup` installs it")
        })?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()));
    let status = child.wait().map_err(|e| format!("loaders: esbuild: {e}"))?;
    match written {
        Some(Ok(())) if status.success() => Ok(()),
        _ => Err(format!("loaders: esbuild could not bundle {name}")),
    }
}

/// esbuild, writing minified ES modules.
fn esbuild() -> std::process::Command {
    let mut command = Shell::new().command("esbuild");
    command.args(["--minify", "--format=esm", "--log-level=warning"]);
    command
}

/// Writes `sw.js`: the service worker, with every file of the build (the demo page and the
/// host pages' loaders aside), each with the SHA-256 of its bytes and its size, so that the
/// worker keeps only this build's files; and a build id made from their names and contents.
fn write_service_worker(dir: &Path) -> Result {
    use sha2::{Digest, Sha256};
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    // The host loaders are loaded by host pages, which this worker does not serve: caching
    // them would only add to every first visit.
    // The rules file is replaced without a build: the page keeps its last good copy instead.
    files.retain(|f| {
        f != "sw.js"
            && f != RULES_FILE
            && !HOST_LOADERS.contains(&f.as_str())
            && !f.starts_with("demo/")
            && !f.starts_with(&format!("{STUDIO}/"))
    });
    files.sort();
    let mut digest = Vec::new();
    let mut list = Vec::new();
    for file in &files {
        let bytes = std::fs::read(dir.join(file)).map_err(|e| format!("loaders: {file}: {e}"))?;
        let sha256: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        digest.extend_from_slice(file.as_bytes());
        digest.extend_from_slice(sha256.as_bytes());
        list.push(format!("'{file}': ['{sha256}', {}]", bytes.len()));
    }
    let build = format!("{:016x}", fnv1a(&digest));
    let template = std::fs::read_to_string(root().join("embed/sw.js"))
        .map_err(|e| format!("loaders: cannot read embed/sw.js: {e}"))?;
    let worker = template
        .replace("{{build}}", &build)
        .replace("{{files}}", &format!("{{ {} }}", list.join(", ")));
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

/// A stable 64-bit hash of some bytes (FNV-1a), for file names and install stamps.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
