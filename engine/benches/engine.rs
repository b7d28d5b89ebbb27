//! Engine timings for the benchmark (`cargo xtask bench`): one full evaluation, one
//! next-question decision, loading the rules, and the exhaustive verification.
//!
//! Run with `cargo bench -p shirube-engine --bench engine`. Each timing is many samples of a
//! batch of calls; the report gives the median time per call and the spread (quartiles, lowest
//! and highest sample). Prints a table, then one JSON line (`BENCH {...}`) for the report.

use std::hint::black_box;
use std::time::{Duration, Instant};

use shirube_engine::{verify::verify, Answers, Rules, EMBEDDED_RULES};

/// Samples per timing, and roughly how long each sample runs.
const SAMPLES: usize = 60;
const SAMPLE_TIME: Duration = Duration::from_millis(20);

struct Timing {
    name: &'static str,
    what: &'static str,
    calls_per_sample: u64,
    /// Nanoseconds per call, one entry per sample, sorted.
    per_call: Vec<f64>,
}

impl Timing {
    fn quantile(&self, q: f64) -> f64 {
        let at = q * (self.per_call.len() - 1) as f64;
        let (low, high) = (at.floor() as usize, at.ceil() as usize);
        self.per_call[low] + (self.per_call[high] - self.per_call[low]) * (at - low as f64)
    }

    fn json(&self) -> String {
        format!(
            "{{\"name\":\"{}\",\"what\":\"{}\",\"samples\":{},\"calls_per_sample\":{},\
             \"median_ns\":{:.1},\"q1_ns\":{:.1},\"q3_ns\":{:.1},\"min_ns\":{:.1},\"max_ns\":{:.1}}}",
            self.name,
            self.what,
            self.per_call.len(),
            self.calls_per_sample,
            self.quantile(0.5),
            self.quantile(0.25),
            self.quantile(0.75),
            self.per_call[0],
            self.per_call[self.per_call.len() - 1],
        )
    }
}

/// Times `call`: a warm-up that also sizes the batch, then `SAMPLES` batches.
fn time<T>(name: &'static str, what: &'static str, mut call: impl FnMut() -> T) -> Timing {
    let mut batch = 1u64;
    loop {
        let started = Instant::now();
        for _ in 0..batch {
            black_box(call());
        }
        if started.elapsed() >= SAMPLE_TIME / 4 {
            break;
        }
        batch *= 2;
    }
    batch *= 4;
    let mut per_call: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..batch {
                black_box(call());
            }
            started.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    Timing {
        name,
        what,
        calls_per_sample: batch,
        per_call,
    }
}

/// A persona's answers from the engine's test files, all of them and the first few.
fn persona(rules: &Rules, file: &str, first: usize) -> (Answers, Answers) {
    let text = std::fs::read_to_string(format!(
        "{}/tests/personas/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the persona file is readable");
    let value: serde_json::Value = serde_json::from_str(&text).expect("the persona is JSON");
    let all = Answers::from_json(rules, &value["answers"]).expect("the persona's answers load");
    let mut some = Answers::new(rules);
    for q in all.answered().take(first) {
        if let Some(mask) = all.get(q) {
            some.set(q, mask);
        }
    }
    (all, some)
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: then only check it runs.
    let quick = !std::env::args().any(|a| a == "--bench");
    let rules = Rules::embedded().expect("the shipped rules load");
    let (all, partial) = persona(&rules, "jp-startup-cell-therapy-rare-disease.json", 3);
    // Like criterion, an argument that is not a flag picks the timings whose name contains it.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    let mut timings = Vec::new();
    if wanted("evaluate") {
        timings.push(time(
            "evaluate",
            "one full evaluation: every program's fit and reasons, and the next question, for a persona's complete answers",
            || rules.outcome(&all),
        ));
    }
    if wanted("next_question") {
        timings.push(time(
            "next_question",
            "one next-question decision, after a persona's first three answers",
            || rules.next_question(&partial),
        ));
    }
    if wanted("load_rules") {
        timings.push(time(
            "load_rules",
            "parsing and checking the shipped rules file",
            || Rules::parse(EMBEDDED_RULES),
        ));
    }
    let mut verification = String::from("null");
    if !quick && wanted("verification") {
        let started = Instant::now();
        let found = verify(&rules);
        let took = started.elapsed();
        assert!(found.passed(), "the shipped rules pass verification");
        verification = format!(
            "{{\"seconds\":{:.2},\"paths\":{},\"answer_paths\":{},\"threads\":{}}}",
            took.as_secs_f64(),
            found.paths,
            found.answer_paths,
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
    }
    println!(
        "{:<14} {:>12} {:>12} {:>12} {:>12}",
        "engine", "median", "q1", "q3", "max"
    );
    for t in &timings {
        println!(
            "{:<14} {:>12} {:>12} {:>12} {:>12}",
            t.name,
            show(t.quantile(0.5)),
            show(t.quantile(0.25)),
            show(t.quantile(0.75)),
            show(t.per_call[t.per_call.len() - 1]),
        );
    }
    println!("verification   {verification}");
    let list: Vec<String> = timings.iter().map(Timing::json).collect();
    println!(
        "BENCH {{\"timings\":[{}],\"verification\":{verification}}}",
        list.join(",")
    );
}

fn show(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.0} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}
