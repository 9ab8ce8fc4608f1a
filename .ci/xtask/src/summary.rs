//! The end of a run: passed, failed and skipped tests per target, entry mode
//! and way of running (with each skip's reason), the no-libc example's
//! sizes, the failed steps, and one closing line.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::cmd::Log;
use crate::results::Results;

pub fn print(results: &Results, failures: &[String], took: Duration, log: &Log) {
    log.step("summary");
    // (target, entry, how) in the order first seen -> (passed, failed, skipped)
    let mut order = Vec::new();
    let mut rows: BTreeMap<(String, String, String), (usize, usize, usize)> = BTreeMap::new();
    let mut reasons: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut problems = Vec::new();
    for r in &results.records {
        let key = (r.target.clone(), r.entry.clone(), r.how.clone());
        if !rows.contains_key(&key) {
            order.push(key.clone());
        }
        let row = rows.entry(key).or_default();
        row.0 += r.passed.len();
        row.1 += r.failed.len() + r.problems.len();
        row.2 += r.skipped.len();
        for s in &r.skipped {
            *reasons
                .entry(r.target.clone())
                .or_default()
                .entry(s.why.clone())
                .or_default() += 1;
        }
        for f in &r.failed {
            problems.push(format!("{} ({}, {}): {f} failed", r.target, r.entry, r.how));
        }
        for p in &r.problems {
            problems.push(format!("{} ({}, {}): {p}", r.target, r.entry, r.how));
        }
    }
    log.line(format_args!(
        "{:<31} {:<10} {:<34} {:>7} {:>7} {:>7}",
        "target", "mode", "how", "passed", "failed", "skipped"
    ));
    let (mut tp, mut tf, mut ts) = (0, 0, 0);
    for key in &order {
        let (p, f, s) = rows[key];
        log.line(format_args!(
            "{:<31} {:<10} {:<34} {p:>7} {f:>7} {s:>7}",
            key.0, key.1, key.2
        ));
        tp += p;
        tf += f;
        ts += s;
    }
    log.line("\nskipped, by target and reason:");
    for (target, why) in &reasons {
        for (why, n) in why {
            log.line(format_args!("  {target}: {n} × {why}"));
        }
    }
    log.line("\nno-libc static example, stripped:");
    for s in &results.sizes {
        log.line(format_args!(
            "  {:<31} {:<10} {} bytes",
            s.target, s.entry, s.bytes
        ));
    }
    if !results.qemu.is_empty() {
        let mut versions: Vec<&str> = results
            .qemu
            .values()
            .map(|v| v.split(' ').nth(1).unwrap_or(""))
            .collect();
        versions.sort();
        versions.dedup();
        log.line(format_args!("\nQEMU user mode: {}", versions.join(", ")));
    }
    for p in &problems {
        log.line(format_args!("FAILED: {p}"));
    }
    for f in failures {
        log.line(format_args!("failed step: {f}"));
    }
    log.line(format_args!("\ntime: {} s", took.as_secs()));
    let failed = if tf == 0 && !failures.is_empty() {
        failures.len()
    } else {
        tf
    };
    log.line(format_args!("{tp} passed, {failed} failed, {ts} skipped"));
}
