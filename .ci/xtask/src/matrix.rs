//! One job per target, `--jobs` at a time: clippy for the target, the whole
//! suite in each entry mode (natively where this host runs the target, and
//! under QEMU), the lib's tests without std, the docs docs.rs builds, the
//! no-libc example (with the entry its bind took, under `qemu -strace`), its
//! panic-freedom link check and the selfcheck. Each job writes its own log,
//! printed whole, in the table's order, when every job is done.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use crate::checks::note;
use crate::cmd::{Cmd, Log};
use crate::libtest;
use crate::results::{Record, Shared, Size};
use crate::staticbin::{self, Build};
use crate::targets::{Entry, Run, StdFrom, Target};
use crate::Repo;

pub fn run(
    repo: &Repo,
    qemu: &BTreeMap<String, String>,
    only: &[String],
    jobs: usize,
    shared: &Shared,
) {
    let console = Log::stdout();
    let dir = repo.target_dir.join("jobs");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("target/xtask/jobs");
    let queue: Mutex<VecDeque<(usize, &Target)>> = Mutex::new(
        repo.table
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| only.is_empty() || only.contains(&t.triple))
            .collect(),
    );
    let logs: Vec<(usize, PathBuf)> = queue
        .lock()
        .unwrap()
        .iter()
        .map(|(i, t)| (*i, dir.join(format!("{i:02}-{}.log", t.triple))))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let Some((i, target)) = queue.lock().unwrap().pop_front() else {
                    return;
                };
                let started = Instant::now();
                console.line(format_args!("started: {}", target.triple));
                let path = &logs.iter().find(|(n, _)| *n == i).expect("a log").1;
                let log = Log::file(path);
                let how = qemu.get(&target.triple).cloned().unwrap_or_default();
                Job {
                    repo,
                    target,
                    log: &log,
                    shared,
                    qemu: &how,
                }
                .run();
                console.line(format_args!(
                    "done: {} ({} s)",
                    target.triple,
                    started.elapsed().as_secs()
                ));
            });
        }
    });
    for (_, path) in logs {
        console.line(
            std::fs::read_to_string(&path)
                .unwrap_or_default()
                .trim_end(),
        );
    }
}

/// One target's work.
struct Job<'a> {
    repo: &'a Repo,
    target: &'a Target,
    log: &'a Log,
    shared: &'a Shared,
    /// `qemu-aarch64 10.0.2`, how the QEMU rows ran.
    qemu: &'a str,
}

impl Job<'_> {
    fn run(&self) {
        let t = self.target;
        self.log.step(format_args!("{} ({})", t.triple, t.name));
        for entry in t.entries() {
            if t.std != StdFrom::None {
                self.clippy(entry);
                self.suite(entry);
            }
        }
        if t.std == StdFrom::None {
            // No std: the library alone, core-only.
            self.log.step(format_args!("clippy {} (no std)", t.triple));
            let ok = self
                .cargo_in(Entry(None))
                .args(["clippy", "-q", "-Zbuild-std=core", "--target", &t.triple])
                .args(["--no-default-features", "--", "-D", "warnings"])
                .run(self.log);
            note(self.shared, ok, format!("clippy ({}, no std)", t.triple));
        }
        if t.docs_rs {
            self.docs();
        }
        for entry in t.entries() {
            self.static_example(entry);
        }
        self.panic_free();
        self.selfcheck();
        self.unix_server();
    }

    /// A cargo command for this target's toolchain, in its own target
    /// directory for `entry`, with `entry`'s pin.
    fn cargo_in(&self, entry: Entry) -> Cmd {
        let (toolchain, _) = self.target.cargo_toolchain();
        let mut cmd = self.repo.cargo(toolchain);
        let dir = self
            .repo
            .target_dir
            .join("suite")
            .join(&self.target.triple)
            .join(entry.dir());
        cmd.env("CARGO_TARGET_DIR", dir);
        if let Some(flags) = entry.rustflags() {
            cmd.env("RUSTFLAGS", flags);
        }
        cmd
    }

    fn std_flags(&self) -> &'static [&'static str] {
        self.target.cargo_toolchain().1
    }

    fn clippy(&self, entry: Entry) {
        let t = self.target;
        if t.triple == self.repo.host {
            return; // the checks step's
        }
        self.log.step(format_args!("clippy {} ({entry})", t.triple));
        let ok = self
            .cargo_in(entry)
            .arg("clippy")
            .args(self.std_flags())
            .args([
                "-q",
                "--target",
                &t.triple,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
            .run(self.log);
        note(self.shared, ok, format!("clippy ({}, {entry})", t.triple));
    }

    /// The suite: natively and/or under QEMU, and the lib's tests without std.
    fn suite(&self, entry: Entry) {
        let t = self.target;
        for run in [Run::Native, Run::Qemu] {
            if !t.runs(run) {
                continue;
            }
            let mut cmd = self.cargo_in(entry);
            cmd.arg("test")
                .args(self.std_flags())
                .args(["--target", &t.triple]);
            let how = self.how(run, &mut cmd);
            self.test(cmd, entry, &how, "suite");
            if t.triple == self.repo.host {
                // The doctests of the no-std build: fd's own types among them.
                let mut doc = self.cargo_in(entry);
                doc.args([
                    "test",
                    "--no-default-features",
                    "--doc",
                    "--target",
                    &t.triple,
                ]);
                self.test(doc, entry, &how, "doctests (no std)");
            }
        }
        if entry.is_unpinned() {
            // The lib's unit tests without std, where the suite runs first.
            let run = if t.runs(Run::Native) {
                Run::Native
            } else {
                Run::Qemu
            };
            let mut cmd = self.cargo_in(entry);
            cmd.arg("test").args(self.std_flags()).args([
                "--no-default-features",
                "--lib",
                "--target",
                &t.triple,
            ]);
            let how = self.how(run, &mut cmd);
            self.test(cmd, entry, &how, "lib (no std)");
        }
    }

    /// Sets up `cmd` to run natively or under QEMU, and says which.
    fn how(&self, run: Run, cmd: &mut Cmd) -> String {
        let t = self.target;
        match run {
            Run::Native => {
                cmd.env_remove(t.runner_var())
                    .env_remove("RAWBIND_QEMU")
                    .env_remove("QEMU_LD_PREFIX");
                "native".to_owned()
            }
            Run::Qemu => {
                // The sysroot as QEMU_LD_PREFIX, not -L: a test that runs
                // itself again under the emulator passes it on.
                let sysroot = t.sysroot.as_deref().unwrap_or("/");
                cmd.env(t.runner_var(), t.qemu_bin())
                    .env("QEMU_LD_PREFIX", sysroot)
                    // One test at a time: a fork while another test's
                    // thread runs can hang QEMU's child (tests/common/child.rs).
                    .env("RUST_TEST_THREADS", "1")
                    // What the tests see: the emulator, major.minor.
                    .env(
                        "RAWBIND_QEMU",
                        format!("{} {}", t.qemu_bin(), self.repo.table.qemu.version),
                    );
                self.qemu.to_owned()
            }
        }
    }

    fn test(&self, cmd: Cmd, entry: Entry, how: &str, what: &str) {
        let t = self.target;
        self.log
            .step(format_args!("{what}: {} ({entry}, {how})", t.triple));
        let record = Record {
            target: t.triple.clone(),
            entry: entry.to_string(),
            how: how.to_owned(),
            what: what.to_owned(),
            ..Record::default()
        };
        let skips = self.repo.target_dir.join("jobs").join(format!(
            "{}-{entry}-{}.skips",
            t.triple,
            what.replace(' ', "_")
        ));
        let record = libtest::run(cmd, self.log, &skips, record);
        if !record.ok() {
            self.shared
                .fail(format!("{what}: {} ({entry}, {how})", t.triple));
        }
        self.shared.record(record);
    }

    /// The docs docs.rs builds, `-D warnings`.
    fn docs(&self) {
        let t = self.target;
        self.log.step(format_args!(
            "cargo doc {} (docs.rs, -D warnings)",
            t.triple
        ));
        // docs.rs documents the default features: std, built from source
        // where rustup has none (rustdoc links nothing, so no libc is needed).
        let std: &[&str] = if t.std == StdFrom::Rustup {
            &[]
        } else {
            &["-Zbuild-std"]
        };
        let ok = self
            .cargo_in(Entry(None))
            .arg("doc")
            .args(std)
            .args(["-q", "--no-deps", "--target", &t.triple])
            .env("RUSTDOCFLAGS", "-D warnings")
            .run(self.log);
        note(self.shared, ok, format!("cargo doc ({})", t.triple));
    }

    fn static_example(&self, entry: Entry) {
        let t = self.target;
        self.log
            .step(format_args!("no-libc example: {} ({entry})", t.triple));
        let build = Build {
            target: t,
            bin: "static_bind",
            entry,
            cfgs: &[],
            features: &[],
            target_dir: staticbin::static_dir(self.repo, t, entry),
        };
        let program =
            match staticbin::static_bind(self.repo, &build, staticbin::OptLevel::S, self.log) {
                Ok((program, bytes)) => {
                    self.log.line(format_args!("OK, {bytes} bytes stripped"));
                    self.shared.size(Size {
                        target: t.triple.clone(),
                        entry: entry.to_string(),
                        bytes,
                    });
                    program
                }
                Err(e) => {
                    self.log.line(&e);
                    self.shared
                        .fail(format!("no-libc example: {} ({entry}): {e}", t.triple));
                    return;
                }
            };
        // Where there are two entries, the one its bind took.
        let Some(mode) = entry.0 else { return };
        let want = match mode {
            crate::targets::Mode::Socketcall => "socketcall",
            _ => "direct",
        };
        match staticbin::entry_under_qemu_strace(t, &program) {
            Ok(took) if took == want => self.log.line(format_args!(
                "{} -strace: its bind took the {took} entry, as built",
                t.qemu_bin()
            )),
            Ok(took) => self.shared.fail(format!(
                "{} -strace: the {entry} build's bind took the {took} entry",
                t.qemu_bin()
            )),
            Err(e) => self
                .shared
                .fail(format!("{} -strace ({entry}): {e}", t.qemu_bin())),
        }
    }

    fn panic_free(&self) {
        let t = self.target;
        let mut checks = vec![false];
        if t.triple == self.repo.host {
            checks.push(true); // the self-test, once
        }
        for expect_panic in checks {
            let what = if expect_panic {
                "panic-free --expect-panic"
            } else {
                "panic-free"
            };
            self.log.step(format_args!("{what}: {}", t.triple));
            match staticbin::panic_free(self.repo, t, expect_panic, self.log) {
                Ok(line) => self.log.line(format_args!("OK: {line}")),
                Err(e) => {
                    self.log.line(&e);
                    self.shared.fail(format!("{what}: {}: {e}", t.triple));
                }
            }
        }
    }

    /// The bind(2) manual page's example, no_std: one check of its own.
    fn unix_server(&self) {
        let t = self.target;
        self.log
            .step(format_args!("bind(2)'s example, unix_server: {}", t.triple));
        let how = if t.runs(Run::Native) {
            "native"
        } else {
            self.qemu
        };
        let mut record = Record {
            target: t.triple.clone(),
            entry: "-".to_owned(),
            how: format!("unix_server, {how}"),
            what: "unix_server".to_owned(),
            ..Record::default()
        };
        match staticbin::unix_server(self.repo, t, self.log) {
            Ok(line) => {
                self.log.line(&line);
                record.passed.push("unix_server".to_owned());
            }
            Err(e) => {
                self.log.line(&e);
                record.failed.push("unix_server".to_owned());
                self.shared.fail(format!("unix_server: {}: {e}", t.triple));
            }
        }
        self.shared.record(record);
    }

    /// The selfcheck, under its seccomp allowlist: natively in each entry
    /// mode (so each mode's list is shown complete), under QEMU in the
    /// unpinned one.
    fn selfcheck(&self) {
        let t = self.target;
        let (how, entries) = if t.runs(Run::Native) {
            ("native", t.entries())
        } else {
            (self.qemu, vec![staticbin::unpinned(t)])
        };
        for entry in entries {
            self.log
                .step(format_args!("selfcheck: {} {}", t.triple, entry.dir()));
            let record = Record {
                target: t.triple.clone(),
                entry: entry.dir().to_owned(),
                how: format!("selfcheck, {how}"),
                what: "selfcheck".to_owned(),
                ..Record::default()
            };
            let record = staticbin::selfcheck(self.repo, t, entry, self.log, record);
            self.log.line(format_args!("selfcheck: {}", record.tally()));
            if !record.ok() {
                self.shared
                    .fail(format!("selfcheck: {} {}", t.triple, entry.dir()));
            }
            self.shared.record(record);
        }
    }
}
