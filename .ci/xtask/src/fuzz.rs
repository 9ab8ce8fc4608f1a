//! The libFuzzer targets in `fuzz/`, built with plain `cargo +nightly` and
//! the flags `cargo fuzz build` passes (so cargo-fuzz need not be
//! installed), each run for a while on a copy of its committed corpus, so
//! that the committed corpus never grows. A crash, panic, ASan report,
//! timeout (10 s an input) or leftover artifact fails it.

use std::path::Path;
use std::time::Instant;

use crate::cmd::{Cmd, Log};
use crate::Repo;

/// What cargo-fuzz 0.13.2 passes for `cargo fuzz build` (seen with -v):
/// release, line-table debug info (fuzz/Cargo.toml), debug assertions and
/// overflow checks, ASan. With `--target`, build scripts get none of them.
const FLAGS: [&str; 11] = [
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=4",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
    "-Cllvm-args=-sanitizer-coverage-pc-table",
    "-Cllvm-args=-sanitizer-coverage-trace-compares",
    "-Cllvm-args=-sanitizer-coverage-stack-depth",
    "-Cllvm-args=-simplifycfg-branch-fold-threshold=0",
    "--cfg fuzzing",
    "-Cdebug-assertions",
    "-Ccodegen-units=1",
    "-Zsanitizer=address",
];

/// `cargo xtask fuzz [SECONDS] [TARGET]...` (30 s each by default).
pub fn run_cli(repo: &Repo, args: &[String]) -> Result<(), String> {
    let (secs, targets) = match args.first().map(|a| a.parse::<u64>()) {
        Some(Ok(secs)) if secs > 0 => (secs, &args[1..]),
        Some(Ok(_)) => return Err("fuzz: SECONDS must be above 0".to_owned()),
        Some(Err(_)) | None => (30, args),
    };
    run(repo, secs, targets, &Log::stdout())
}

/// Fuzzes each of `targets` (all when empty) for `secs` seconds.
pub fn run(repo: &Repo, secs: u64, targets: &[String], log: &Log) -> Result<(), String> {
    let dir = repo.root.join("fuzz/fuzz_targets");
    let mut all: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".rs")
                .map(str::to_owned)
        })
        .collect();
    all.sort();
    let chosen: Vec<String> = if targets.is_empty() {
        all.clone()
    } else {
        targets.to_vec()
    };
    if let Some(unknown) = chosen.iter().find(|t| !all.contains(t)) {
        return Err(format!(
            "fuzz: no target {unknown} (fuzz/fuzz_targets/{unknown}.rs)"
        ));
    }

    let target_dir = repo.target_dir.join("fuzz");
    let started = Instant::now();
    repo.cargo(Some("+nightly"))
        .args([
            "build",
            "-q",
            "--release",
            "--bins",
            "--target",
            &repo.host,
            "--manifest-path",
            "fuzz/Cargo.toml",
        ])
        .env("RUSTFLAGS", FLAGS.join(" "))
        .env("CARGO_TARGET_DIR", &target_dir)
        .run(log)?;
    log.line(format_args!(
        "fuzz: built in {} s",
        started.elapsed().as_secs()
    ));

    let mut failed = Vec::new();
    for t in &chosen {
        match one(repo, &target_dir, t, secs) {
            Ok(line) => log.line(format_args!("fuzz {t}: ok, {line}")),
            Err(why) => {
                log.line(format_args!("fuzz {t}: FAILED: {why}"));
                failed.push(t.clone());
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("fuzz target(s) {} failed", failed.join(", ")))
    }
}

/// Runs one target; its corpus copy and log stay in target/xtask/fuzz/run/.
fn one(repo: &Repo, target_dir: &Path, name: &str, secs: u64) -> Result<String, String> {
    let run = target_dir.join("run").join(name);
    let _ = std::fs::remove_dir_all(&run);
    let corpus = run.join("corpus");
    let artifacts = run.join("artifacts");
    for d in [&corpus, &artifacts] {
        std::fs::create_dir_all(d).map_err(|e| e.to_string())?;
    }
    if let Ok(entries) = std::fs::read_dir(repo.root.join("fuzz/corpus").join(name)) {
        for e in entries.flatten() {
            std::fs::copy(e.path(), corpus.join(e.file_name())).map_err(|e| e.to_string())?;
        }
    }
    let asan = match std::env::var("ASAN_OPTIONS") {
        Ok(o) if !o.is_empty() => format!("{o}:detect_odr_violation=0"),
        _ => "detect_odr_violation=0".to_owned(),
    };
    let mut artifact_prefix = artifacts.clone().into_os_string();
    artifact_prefix.push("/");
    let out = Cmd::new(target_dir.join(&repo.host).join("release").join(name))
        .arg(format!("-max_total_time={secs}"))
        .args(["-timeout=10", "-max_len=256", "-print_final_stats=1"])
        .arg({
            let mut a = std::ffi::OsString::from("-artifact_prefix=");
            a.push(&artifact_prefix);
            a
        })
        .arg(&corpus)
        .env("ASAN_OPTIONS", asan)
        .output()?;
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let _ = std::fs::write(run.join("log"), &text);
    // libFuzzer's final statistics, which it prints for tools to read.
    let stat = |key: &str| {
        text.lines()
            .filter_map(|l| l.strip_prefix(key))
            .filter_map(|v| v.trim().parse::<u64>().ok())
            .next_back()
    };
    let runs = stat("stat::number_of_executed_units:");
    let found: Vec<String> = std::fs::read_dir(&artifacts)
        .map(|d| {
            d.flatten()
                .map(|e| e.path().display().to_string())
                .collect()
        })
        .unwrap_or_default();
    if !out.status.success() || !found.is_empty() || runs.is_none() {
        return Err(format!(
            "exit {}, {} runs, artifacts: {:?}; log {}",
            out.status,
            runs.map_or("?".to_owned(), |r| r.to_string()),
            found,
            run.join("log").display()
        ));
    }
    Ok(format!(
        "{} runs in {secs} s, peak RSS {} MB",
        runs.unwrap_or(0),
        stat("stat::peak_rss_mb:").map_or("?".to_owned(), |r| r.to_string())
    ))
}
