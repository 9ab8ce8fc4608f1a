//! rawbind's harness: sets up a Debian machine and runs every check and
//! test on every target of `.ci/targets.toml`, natively or under QEMU user
//! mode, reading each test runner's structured results.
//!
//! ```text
//! cargo xtask test [--only TRIPLE]... [--jobs N]    everything: the README's test command, and .ci/run's
//! cargo xtask tables                                 write what the target table and the last run make
//! cargo xtask static-bind TRIPLE [--mode MODE] [--opt-level z]
//!                                                    build, check and run the no-libc example
//! cargo xtask selfcheck TRIPLE [--mode MODE]        build, check and run the selfcheck under seccomp
//! cargo xtask unix-server TRIPLE                     build, check and run bind(2)'s example, no_std
//! cargo xtask panic-free TRIPLE [--expect-panic]     the example links with no panic reachable
//! cargo xtask fuzz [SECONDS] [FUZZ_TARGET]...        each fuzz target from its committed corpus
//! cargo xtask bench-insns                            user-space instructions per bind, by callgrind
//! ```
//!
//! `--only` runs the listed targets' jobs and nothing else (for
//! development); a full run fails if anything failed, was not counted, or a
//! generated file differs from what the table and the run make.

mod bench;
mod checks;
mod cmd;
mod codegen;
mod fuzz;
mod libtest;
mod matrix;
mod results;
mod setup;
mod staticbin;
mod steps;
mod summary;
mod tables;
mod targets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use cmd::{Cmd, Log};
use results::Shared;
use targets::{Entry, Mode, Table};

/// The checkout, the host, the target table and where runs keep their files.
pub struct Repo {
    pub root: PathBuf,
    pub host: String,
    pub table: Table,
    /// `target/xtask`: the harness's own files and build directories.
    pub target_dir: PathBuf,
}

impl Repo {
    fn open() -> Result<Repo, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .map_err(|e| format!("the checkout: {e}"))?;
        let table = Table::load(&root.join(".ci/targets.toml"))?;
        let host = cmd::first_line(Cmd::new("rustc").args(["--print", "host-tuple"]))
            .ok_or("rustc --print host-tuple printed nothing")?;
        let target_dir = root.join("target/xtask");
        std::fs::create_dir_all(&target_dir).map_err(|e| e.to_string())?;
        Ok(Repo {
            root,
            host,
            table,
            target_dir,
        })
    }

    /// A cargo command run from the checkout.
    pub fn cargo(&self, toolchain: Option<&str>) -> Cmd {
        let mut cmd = Cmd::cargo(toolchain);
        cmd.dir(&self.root);
        cmd
    }

    pub fn results_path(&self) -> PathBuf {
        self.target_dir.join("results.json")
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repo = match Repo::open() {
        Ok(repo) => repo,
        Err(e) => {
            eprintln!("xtask: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = match args.first().map(String::as_str) {
        Some("test") => test(&repo, &args[1..]),
        Some("tables") => tables::write(&repo),
        Some("static-bind") => static_bind(&repo, &args[1..]),
        Some("selfcheck") => selfcheck(&repo, &args[1..]),
        Some("unix-server") => one_target(&repo, &args[1..]).and_then(|t| {
            staticbin::unix_server(&repo, t, &Log::stdout()).map(|line| println!("{line}"))
        }),
        Some("panic-free") => panic_free(&repo, &args[1..]),
        Some("fuzz") => fuzz::run_cli(&repo, &args[1..]),
        Some("bench-insns") => bench::insns(&repo),
        _ => Err(usage()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    let doc = include_str!("main.rs");
    let start = doc.find("```text\n").map_or(0, |i| i + 8);
    let end = doc[start..].find("```").map_or(doc.len(), |i| start + i);
    format!(
        "usage:\n{}",
        doc[start..end]
            .lines()
            .map(|l| l.trim_start_matches("//! "))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// `cargo xtask test`: everything, or `--only` some targets' jobs.
fn test(repo: &Repo, args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let mut only = Vec::new();
    let mut jobs = 2;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--only" => only.push(rest.next().ok_or("--only takes a target triple")?.clone()),
            "--jobs" => {
                jobs = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--jobs takes a number above 0")?
            }
            other => return Err(format!("unknown argument {other}\n{}", usage())),
        }
    }
    for triple in &only {
        if repo.table.target(triple).is_none() {
            return Err(format!("--only {triple}: not in .ci/targets.toml"));
        }
    }

    let log = Log::stdout();
    let shared = Shared::default();
    setup::run(repo, &log)?;
    let qemu = setup::qemu_versions(repo, &log, &shared);
    if only.is_empty() {
        checks::run(repo, &log, &shared);
        tables::check_generated(repo, &log, &shared);
    }
    matrix::run(repo, &qemu, &only, jobs, &shared);
    if only.is_empty() {
        steps::miri(repo, &log, &shared);
        steps::msrv_tests(repo, &log, &shared);
        steps::fuzz(repo, &log, &shared);
        steps::bench_insns(repo, &log, &shared);
        steps::examples(repo, &log, &shared);
        steps::refusals(repo, &log, &shared);
    }
    let results = shared.into_inner();
    results.save(&repo.results_path());
    let mut failures = results.failures.clone();
    if only.is_empty() {
        failures.extend(tables::check_from_run(repo, &results, &log));
    }
    summary::print(&results, &failures, started.elapsed(), &log);
    if failures.is_empty() && results.records.iter().all(results::Record::ok) {
        Ok(())
    } else {
        Err("the run failed: see the failed steps above".to_owned())
    }
}

fn one_target<'a>(repo: &'a Repo, args: &[String]) -> Result<&'a targets::Target, String> {
    let triple = args.first().ok_or_else(usage)?;
    repo.table
        .target(triple)
        .ok_or_else(|| format!("{triple}: not in .ci/targets.toml"))
}

/// The options after the triple: `--mode MODE` (else the target's unpinned
/// entry) and `--opt-level s|z` (else s).
fn build_options(
    target: &targets::Target,
    args: &[String],
) -> Result<(Entry, staticbin::OptLevel), String> {
    let mut entry = staticbin::unpinned(target);
    let mut opt = staticbin::OptLevel::S;
    let mut rest = args.get(1..).unwrap_or_default().iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(usage)?;
        match (flag.as_str(), value.as_str()) {
            ("--mode", mode) => {
                entry = Entry(Some(match mode {
                    "default" => Mode::Default,
                    "socketcall" => Mode::Socketcall,
                    "direct" => Mode::Direct,
                    other => return Err(format!("--mode {other}: default, socketcall or direct")),
                }))
            }
            ("--opt-level", "s") => opt = staticbin::OptLevel::S,
            ("--opt-level", "z") => opt = staticbin::OptLevel::Z,
            ("--opt-level", other) => return Err(format!("--opt-level {other}: s or z")),
            _ => return Err(usage()),
        }
    }
    Ok((entry, opt))
}

/// `cargo xtask static-bind TRIPLE [--mode MODE] [--opt-level z]`.
fn static_bind(repo: &Repo, args: &[String]) -> Result<(), String> {
    let target = one_target(repo, args)?;
    let (entry, opt) = build_options(target, args)?;
    let build = staticbin::Build {
        target,
        bin: "static_bind",
        entry,
        cfgs: &[],
        features: &[],
        target_dir: staticbin::static_dir(repo, target, entry),
    };
    let (program, bytes) = staticbin::static_bind(repo, &build, opt, &Log::stdout())?;
    println!(
        "static_bind {}: OK, {} ({bytes} bytes stripped)",
        target.triple,
        program.display()
    );
    Ok(())
}

/// `cargo xtask selfcheck TRIPLE [--mode MODE]`.
fn selfcheck(repo: &Repo, args: &[String]) -> Result<(), String> {
    let target = one_target(repo, args)?;
    let (entry, opt) = build_options(target, args)?;
    if opt != staticbin::OptLevel::S {
        return Err(
            "the selfcheck is built at opt-level s only: --opt-level is static-bind's".into(),
        );
    }
    let record = staticbin::selfcheck(repo, target, entry, &Log::stdout(), Default::default());
    println!("selfcheck {}: {}", target.triple, record.tally());
    if record.ok() {
        Ok(())
    } else {
        Err("selfcheck failed".to_owned())
    }
}

/// `cargo xtask panic-free TRIPLE [--expect-panic]`.
fn panic_free(repo: &Repo, args: &[String]) -> Result<(), String> {
    let target = one_target(repo, args)?;
    let expect = match args.get(1).map(String::as_str) {
        None => false,
        Some("--expect-panic") => true,
        Some(_) => return Err(usage()),
    };
    let what = staticbin::panic_free(repo, target, expect, &Log::stdout())?;
    println!("panic-free {}: OK ({what})", target.triple);
    Ok(())
}
