//! Running a test command (`cargo test`, `cargo miri test`) and reading
//! libtest's own JSON events, never its text.
//!
//! libtest writes one JSON object a line with `-Z unstable-options --format
//! json`, which it accepts on a stable toolchain when `RUSTC_BOOTSTRAP` is set
//! in its environment at run time (it changes nothing else: no rebuild).
//! A test that cannot check its claim here appends `name<TAB>why` to
//! `$RAWBIND_SKIP_LOG` (tests/common/mod.rs) and returns; it is counted as
//! skipped, not passed. A run is only trusted whole: a suite that ends before
//! reporting every test it announced, a skip no passing test stands behind,
//! an ignored test or a command that fails with no failed test make it fail.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use crate::cmd::{self, Cmd, Log};
use crate::results::{Record, Skip};

/// How long a test run may write nothing before the watchdog kills it: far
/// longer than any build or test here takes, far shorter than CI's limit.
const STALL: Duration = Duration::from_secs(15 * 60);

/// One of libtest's events (the fields this harness reads).
#[derive(Deserialize)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    event: String,
    name: Option<String>,
    test_count: Option<usize>,
    stdout: Option<String>,
}

/// Runs `cmd` (a `cargo ... test` without `--`) and fills `record` with
/// its tests' outcomes.
pub fn run(mut cmd: Cmd, log: &Log, skip_log: &Path, mut record: Record) -> Record {
    let _ = std::fs::remove_file(skip_log);
    cmd.arg("--no-fail-fast")
        .args(["--", "-Z", "unstable-options", "--format", "json"])
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RAWBIND_SKIP_LOG", skip_log);
    let mut child = match cmd.spawn_piped(log) {
        Ok(child) => child,
        Err(e) => {
            record.problems.push(e);
            return record;
        }
    };

    // A watchdog: a run that writes nothing for STALL is killed, with
    // every process it started, so that a hang is a failure that names its
    // tests, not a CI job that runs out of time.
    let (beat, beats) = mpsc::channel::<()>();
    let stalled = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (stalled, pgid) = (Arc::clone(&stalled), child.id());
        std::thread::spawn(move || loop {
            match beats.recv_timeout(STALL) {
                Ok(()) => {}
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    stalled.store(true, Ordering::SeqCst);
                    cmd::kill_group(pgid);
                    break;
                }
            }
        })
    };
    // Tests started and not yet reported: what a stall names.
    let mut running = std::collections::BTreeSet::new();

    // The suite being read: how many tests it announced, how many reported.
    let mut open: Option<(usize, usize)> = None;
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let _ = beat.send(());
        let Ok(event) = serde_json::from_str::<Event>(&line) else {
            // Not libtest's: a forked child's own output. Kept, not read.
            log.line(&line);
            continue;
        };
        match (event.kind.as_str(), event.event.as_str()) {
            ("suite", "started") => {
                if let Some((want, got)) = open.replace((event.test_count.unwrap_or(0), 0)) {
                    record.problems.push(format!(
                        "a test binary ended after {got} of its {want} tests"
                    ));
                }
            }
            ("suite", _) => match open.take() {
                Some((want, got)) if want != got => record
                    .problems
                    .push(format!("a suite announced {want} tests and reported {got}")),
                _ => {}
            },
            ("test", "started") => {
                running.insert(event.name.unwrap_or_default());
            }
            ("test", outcome) => {
                let name = event.name.unwrap_or_default();
                running.remove(&name);
                if let Some((_, got)) = open.as_mut() {
                    *got += 1;
                }
                match outcome {
                    "ok" => record.passed.push(name),
                    "ignored" => record.problems.push(format!(
                        "{name} is ignored: a test here passes, fails or is skipped with a reason"
                    )),
                    _ => {
                        log.line(format_args!("---- {name} {outcome}"));
                        if let Some(out) = event.stdout {
                            log.line(out.trim_end());
                        }
                        record.failed.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    drop(beat);
    let _ = watchdog.join();
    if stalled.load(Ordering::SeqCst) {
        let names: Vec<String> = running.into_iter().collect();
        record.problems.push(format!(
            "no output for {} minutes: killed, with these tests still running: {}",
            STALL.as_secs() / 60,
            names.join(", ")
        ));
    } else if let Some((want, got)) = open {
        record.problems.push(format!(
            "a test binary stopped after {got} of its {want} tests (crashed?)"
        ));
    }
    let status = child.wait();
    let succeeded = matches!(&status, Ok(s) if s.success());
    if !succeeded && record.failed.is_empty() && record.problems.is_empty() {
        record.problems.push(format!(
            "`{}` failed ({status:?}) with no failed test",
            cmd.shown()
        ));
    }

    apply_skips(&mut record, skip_log);
    compiled_only(&mut record);
    log.line(record.tally());
    for skip in &record.skipped {
        log.line(format_args!("  skipped {}: {}", skip.name, skip.why));
    }
    record
}

/// Moves each test the skip log names from passed to skipped.
fn apply_skips(record: &mut Record, skip_log: &Path) {
    let Ok(text) = std::fs::read_to_string(skip_log) else {
        return;
    };
    for line in text.lines() {
        let (name, why) = line.split_once('\t').unwrap_or((line, ""));
        let found = record
            .passed
            .iter()
            .position(|full| full.rsplit("::").next() == Some(name));
        match found {
            Some(i) => {
                let full = record.passed.remove(i);
                record.skipped.push(Skip {
                    name: full,
                    why: why.to_owned(),
                });
            }
            None => record.problems.push(format!(
                "a skip was logged for `{name}`, which is no passing test of this run"
            )),
        }
    }
}

/// Moves each doctest that is only compiled (a `no_run` example) from passed
/// to skipped: libtest reports it `ok`, but it ran nothing. rustdoc names a
/// doctest `FILE - ITEM (line N)`, N the line of its opening fence, so the
/// fences are found in the source.
fn compiled_only(record: &mut Record) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut fences = std::collections::BTreeSet::new();
    let mut files = vec![root.join("src")];
    while let Some(path) = files.pop() {
        if let Ok(dir) = std::fs::read_dir(&path) {
            files.extend(dir.flatten().map(|e| e.path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let rel = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            for (i, line) in text.lines().enumerate() {
                if line
                    .trim_start()
                    .trim_start_matches("///")
                    .trim_start_matches("//!")
                    .trim()
                    == "```no_run"
                {
                    fences.insert(format!("{rel}@{}", i + 1));
                }
            }
        }
    }
    let is_compiled_only = |name: &str| {
        let Some((file, rest)) = name.split_once(" - ") else {
            return false;
        };
        let line = rest
            .rsplit_once("(line ")
            .and_then(|(_, n)| n.strip_suffix(')'));
        line.is_some_and(|n| fences.contains(&format!("{file}@{n}")))
    };
    let (compiled, ran): (Vec<String>, Vec<String>) = std::mem::take(&mut record.passed)
        .into_iter()
        .partition(|n| is_compiled_only(n));
    record.passed = ran;
    record.skipped.extend(compiled.into_iter().map(|name| Skip {
        name,
        why: "a doc example compiled, not run (no_run)".to_owned(),
    }));
}
