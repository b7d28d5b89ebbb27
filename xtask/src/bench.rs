//! `cargo xtask bench`: Shirube's and the floor's release builds, the engine's timings, then
//! the browser measurements, the peer (SurveyJS) among them, and the report
//! (`bench/report.mjs`, described in bench/README.md).

use crate::dist::minify;
use crate::setup::{bench_packages, setup, Needs};
use crate::shell::{root, step, write_file, Result};

/// The benchmark: Shirube's and the floor's release builds, the engine's timings, then the
/// browser measurements and the report (`bench/report.mjs`).
pub fn bench() -> Result {
    let shell = setup(Needs::ALL)?;
    bench_packages(&shell)?;
    let wasm_opt = same_wasm_opt(&["index.html", "bench/floor/index.html"])?;
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {out:?}: {e}"))?;

    step("Release build of Shirube (trunk build --release)");
    shell.run("trunk", &["build", "--release"])?;
    step("Release build of the floor, bench/floor: same profile, Trunk and wasm-opt");
    // Without Shirube's `--cfg erase_components` (.cargo/config.toml), which would make the
    // floor larger (docs/decisions/008-erase-components.md). An empty RUSTFLAGS replaces the
    // configured flags.
    shell.run_with(
        "trunk",
        &["--config", "bench/floor/Trunk.toml", "build", "--release"],
        &[("RUSTFLAGS", "")],
    )?;
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
    let timings = shell
        .command("cargo")
        .args(["bench", "-p", "shirube-engine", "--bench", "engine"])
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

    let version = |program: &str| shell.version(program);
    let tools = format!(
        "{{\"rustc\":\"{}\",\"trunk\":\"{}\",\"wasmBindgen\":\"{}\",\"wasmOpt\":\"{}\",\
         \"profile\":\"opt-level z, LTO, one codegen unit, panic abort; wasm-opt {wasm_opt}\"}}",
        version("rustc"),
        version("trunk"),
        version("wasm-bindgen"),
        version("wasm-opt")
    );
    write_file(&out.join("tools.json"), &tools)?;

    step(
        "First loads and Lighthouse in Chromium, the peer (SurveyJS), answer latency, memory over \
         long use (node bench/report.mjs)",
    );
    shell.run(
        "node",
        &[
            "bench/report.mjs",
            "dist",
            "target/bench/floor",
            "target/bench/engine.json",
            "target/bench/tools.json",
        ],
    )
}

/// The wasm-opt flags the pages give Trunk (`data-wasm-opt`, `data-wasm-opt-params`), as
/// wasm-opt reads them; the floor is only a fair reference if it gets the same
/// (docs/decisions/013-wasm-opt-flags.md).
fn same_wasm_opt(pages: &[&str]) -> Result<String> {
    let flags = |page: &str| -> Result<String> {
        let html = std::fs::read_to_string(root().join(page))
            .map_err(|e| format!("cannot read {page}: {e}"))?;
        let attribute = |name: &str| {
            let start = html
                .find(&format!("{name}=\""))
                .map(|i| i + name.len() + 2)?;
            let len = html[start..].find('"')?;
            Some(html[start..start + len].to_string())
        };
        let level = attribute("data-wasm-opt").ok_or(format!("{page} sets no data-wasm-opt"))?;
        let params = attribute("data-wasm-opt-params").unwrap_or_default();
        Ok(format!("-O{level} {params}").trim_end().to_string())
    };
    let first = flags(pages[0])?;
    for page in &pages[1..] {
        let other = flags(page)?;
        if other != first {
            return Err(format!(
                "{page} runs wasm-opt {other} but {} runs wasm-opt {first}: the benchmark compares \
                 like with like",
                pages[0]
            ));
        }
    }
    Ok(first)
}
