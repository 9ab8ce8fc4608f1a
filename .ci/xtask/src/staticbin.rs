//! The static, libc-free programs of `examples/static_bind`: the no-libc
//! example (`static_bind`) and the `selfcheck`. Building one for a target,
//! checking that it is static and names no libc, running it (natively or
//! under QEMU: a static program needs no sysroot), and the panic-freedom
//! link check.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};

use object::elf;
use object::read::elf::{ElfFile, FileHeader, ProgramHeader};
use object::{Endianness, FileKind, Object, ObjectSymbol};
use serde::Deserialize;

use crate::cmd::{Cmd, Log};
use crate::results::{Record, Skip};
use crate::targets::{Entry, Run, StdFrom, Target};
use crate::Repo;

/// The symbol the panic handler calls under `--cfg rawbind_panic_free`,
/// which nothing defines: the program links only if no panic is reachable.
const PANIC_SYMBOL: &str = "rawbind_bind_path_can_panic";

/// The cargo target directory of `target`'s static programs built for
/// `entry`: one per target and entry, so that builds of different targets
/// never wait for each other's lock, and the programs of one (static_bind,
/// selfcheck, unix_server) share their core and rawbind.
pub fn static_dir(repo: &Repo, target: &Target, entry: Entry) -> PathBuf {
    repo.target_dir
        .join("static")
        .join(&target.triple)
        .join(entry.dir())
}

/// The entry mode a target's one-build programs (selfcheck, unix_server)
/// are built for: its unpinned one.
pub fn unpinned(target: &Target) -> Entry {
    target
        .entries()
        .into_iter()
        .find(|e| e.is_unpinned())
        .unwrap_or(Entry(None))
}

/// One build of one of the package's programs.
pub struct Build<'a> {
    pub target: &'a Target,
    /// `static_bind` or `selfcheck`.
    pub bin: &'a str,
    /// The entry mode it is pinned to, if any.
    pub entry: Entry,
    /// More `--cfg`s (the panic-freedom check's).
    pub cfgs: &'a [&'a str],
    /// The package's features to build with (the selfcheck's `seccomp`).
    pub features: &'a [&'a str],
    /// Its own cargo target directory, so builds never wait for each other.
    pub target_dir: PathBuf,
}

impl Build<'_> {
    /// Builds it in `profile`, returning the program's path, or cargo's
    /// complaint (the linker's lines among it).
    pub fn build(&self, repo: &Repo, profile: &str, log: &Log) -> Result<PathBuf, String> {
        let t = self.target;
        let mut flags = vec!["-C relocation-model=static".to_owned()];
        if t.triple.starts_with("powerpc64-") {
            // lld cannot link big-endian 64-bit PowerPC (ELFv1, function
            // descriptors in .opd): GNU ld does, through gcc without its start
            // files and libraries. Without norelro it would pad the file to put
            // the writable segment on its own 64 KiB page, for a protection a
            // static program (no relocations to apply) does not need.
            for f in [
                "-C linker=powerpc64-linux-gnu-gcc",
                "-C link-arg=-nostdlib",
                "-C link-arg=-nostartfiles",
                "-C link-arg=-static",
                "-C link-arg=-Wl,--entry=_start",
                "-C link-arg=-Wl,-z,norelro",
            ] {
                flags.push(f.to_owned());
            }
        } else {
            flags.push(
                "-C linker=rust-lld -C link-arg=-static -C link-arg=--entry=_start".to_owned(),
            );
        }
        if let Some(pin) = self.entry.rustflags() {
            flags.push(pin);
        }
        for cfg in self.cfgs {
            flags.push(format!("--cfg {cfg}"));
        }
        // Where rustup has the target's std, stable builds with its prebuilt
        // core; elsewhere nightly rebuilds core.
        let (toolchain, build_std): (Option<&str>, &[&str]) = match t.std {
            StdFrom::Rustup => (Some("+stable"), &[]),
            StdFrom::BuildStd | StdFrom::None => (Some("+nightly"), &["-Zbuild-std=core"]),
        };
        let mut cmd = Cmd::cargo(toolchain);
        cmd.arg("build")
            .args(build_std)
            .args(["-q", "--manifest-path"])
            .arg(repo.root.join("examples/static_bind/Cargo.toml"))
            .args([
                "--target",
                &t.triple,
                "--profile",
                profile,
                "--bin",
                self.bin,
            ])
            .env("RUSTFLAGS", flags.join(" "))
            .env("CARGO_TARGET_DIR", &self.target_dir);
        if !self.features.is_empty() {
            cmd.args(["--features", &self.features.join(",")]);
        }
        let out = {
            log.line(format_args!("$ {}", cmd.shown()));
            cmd.output()?
        };
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !out.status.success() {
            return Err(stderr);
        }
        if !stderr.trim().is_empty() {
            log.line(stderr.trim_end());
        }
        Ok(self.target_dir.join(&t.triple).join(profile).join(self.bin))
    }
}

/// The ways `program` is not a static, libc-free executable: a dynamic
/// section, a program interpreter, an undefined symbol, a libc symbol. (A
/// stripped program has no symbol table to look at.)
pub fn elf_problems(program: &Path) -> Vec<String> {
    let data = match std::fs::read(program) {
        Ok(data) => data,
        Err(e) => return vec![format!("{}: {e}", program.display())],
    };
    let problems = match FileKind::parse(&*data) {
        Ok(FileKind::Elf32) => elf_file::<elf::FileHeader32<Endianness>>(&data),
        Ok(FileKind::Elf64) => elf_file::<elf::FileHeader64<Endianness>>(&data),
        _ => Err("not an ELF file".to_owned()),
    };
    match problems {
        Ok(p) => p
            .into_iter()
            .map(|p| format!("{}: {p}", program.display()))
            .collect(),
        Err(e) => vec![format!("{}: {e}", program.display())],
    }
}

fn elf_file<Elf: FileHeader<Endian = Endianness>>(data: &[u8]) -> Result<Vec<String>, String> {
    let file = ElfFile::<Elf>::parse(data).map_err(|e| e.to_string())?;
    let endian = file.endian();
    let mut problems = Vec::new();
    for header in file.elf_program_headers() {
        match header.p_type(endian) {
            elf::PT_INTERP => problems.push("a program interpreter (PT_INTERP)".to_owned()),
            elf::PT_DYNAMIC => problems.push("a dynamic segment (PT_DYNAMIC)".to_owned()),
            _ => {}
        }
    }
    if file.section_by_name(".dynamic").is_some() {
        problems.push("a .dynamic section".to_owned());
    }
    for symbol in file.symbols() {
        let name = symbol.name().unwrap_or("");
        if symbol.is_undefined() && !name.is_empty() {
            problems.push(format!("undefined symbol {name}"));
        }
        if name.contains("__libc") || name.contains("GLIBC") || name.contains("@@") {
            problems.push(format!("libc symbol {name}"));
        }
    }
    Ok(problems)
}

/// The command that runs a static program for `target` here: itself where
/// the host runs the target, else under `qemu-<arch>`.
pub fn runner(target: &Target, program: &Path) -> Cmd {
    if target.runs(Run::Native) {
        Cmd::new(program)
    } else {
        let mut cmd = Cmd::new(target.qemu_bin());
        cmd.arg(program);
        cmd
    }
}

/// The optimisation level the no-libc example is built at: "s", the
/// package's release profile and the size the README gives, or "z"
/// (`--opt-level z`, for scripts/bench-size), each a pair of the package's
/// profiles: the program, and the same stripped by the linker.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OptLevel {
    S,
    Z,
}

impl OptLevel {
    fn profiles(self) -> [&'static str; 2] {
        match self {
            OptLevel::S => ["release", "stripped"],
            OptLevel::Z => ["release-z", "stripped-z"],
        }
    }
}

/// Builds, checks and runs the no-libc example at `opt`: its one line must be
/// `static_bind: bound 127.0.0.1:PORT` with a port the kernel gave, and it
/// must exit 0. Returns the stripped program and its size.
pub fn static_bind(
    repo: &Repo,
    build: &Build,
    opt: OptLevel,
    log: &Log,
) -> Result<(PathBuf, u64), String> {
    let [release, stripped] = opt.profiles();
    let release = build.build(repo, release, log)?;
    let stripped = build.build(repo, stripped, log)?;
    let mut problems = elf_problems(&release);
    problems.extend(elf_problems(&stripped));
    let out = runner(build.target, &stripped).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let port = text
        .strip_suffix('\n')
        .filter(|line| !line.contains('\n'))
        .and_then(|line| line.strip_prefix("static_bind: bound 127.0.0.1:"))
        .and_then(|port| port.parse::<u16>().ok());
    if !out.status.success() {
        problems.push(format!("exit status {}", out.status));
    }
    if !matches!(port, Some(p) if p != 0) {
        problems.push(format!(
            "it printed {text:?}, not one line with the bound port"
        ));
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let bytes = std::fs::metadata(&stripped)
        .map_err(|e| e.to_string())?
        .len();
    log.line(format_args!("{}", text.trim_end()));
    Ok((stripped, bytes))
}

/// Builds, checks and runs `unix_server`, the bind(2) manual page's example:
/// its one line must name the peer it accepted (an abstract name, in
/// strace's form) and the path it bound, and it must exit 0 (it removes the
/// path itself, and checks a second unlink finds nothing).
pub fn unix_server(repo: &Repo, target: &Target, log: &Log) -> Result<String, String> {
    let build = Build {
        target,
        bin: "unix_server",
        entry: unpinned(target),
        cfgs: &[],
        features: &[],
        target_dir: static_dir(repo, target, unpinned(target)),
    };
    let program = build.build(repo, "release", log)?;
    let mut problems = elf_problems(&program);
    let out = runner(target, &program).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .strip_suffix('\n')
        .filter(|l| !l.contains('\n'))
        .unwrap_or("");
    let peer_and_path = line
        .strip_prefix("unix_server: accepted {sa_family=AF_UNIX, sun_path=@\"rawbind-unix-client-")
        .and_then(|rest| rest.split_once("\"} on /tmp/rawbind-unix-server-"));
    if !matches!(peer_and_path, Some((_, path)) if path.ends_with(".sock")) {
        problems.push(format!("it printed {text:?}"));
    }
    if !out.status.success() {
        problems.push(format!(
            "exit status {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    if problems.is_empty() {
        Ok(line.to_owned())
    } else {
        Err(problems.join("; "))
    }
}

/// `program`'s system calls as `qemu-<arch> -strace` prints them (on its
/// standard error, which the program's own output does not share).
fn qemu_strace(target: &Target, program: &Path) -> Result<String, String> {
    let out = Cmd::new(target.qemu_bin())
        .arg("-strace")
        .arg(program)
        .output()?;
    Ok(String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The calls of a QEMU trace, in order: each line `PID call(args) = ret`
/// gives `call(args) = ret`; lines that do not start with a pid are the
/// program's or QEMU's own and are left out.
fn traced_calls(trace: &str) -> impl Iterator<Item = &str> {
    trace.lines().filter_map(|line| {
        let (pid, call) = line.split_once(' ')?;
        pid.bytes().all(|b| b.is_ascii_digit()).then_some(call)
    })
}

/// Which entry the static example's bind took under `qemu-<arch> -strace`:
/// QEMU prints a direct call as `bind(3,` and one through socketcall(2) as
/// `BIND(3,` (the emulator's trace, not a test's output).
pub fn entry_under_qemu_strace(target: &Target, program: &Path) -> Result<&'static str, String> {
    let trace = qemu_strace(target, program)?;
    let calls = |name: &str| traced_calls(&trace).any(|call| call.starts_with(name));
    match (calls("bind(3,"), calls("BIND(3,")) {
        (true, false) => Ok("direct"),
        (false, true) => Ok("socketcall"),
        (direct, multiplexed) => Err(format!(
            "the trace shows bind direct: {direct}, through socketcall: {multiplexed}"
        )),
    }
}

/// The panic-freedom link check: the example, built as the size is measured
/// (opt-level "s", LTO, one codegen unit, panic = "abort") with a panic
/// handler that calls [`PANIC_SYMBOL`], links only if the optimiser removed
/// every panic from socket, bind, getsockname (its decoding too), write and
/// the program. With `expect_panic` it is the check's self-test: a planted
/// out-of-bounds index must fail the link on that symbol.
pub fn panic_free(
    repo: &Repo,
    target: &Target,
    expect_panic: bool,
    log: &Log,
) -> Result<String, String> {
    let cfgs: &[&str] = if expect_panic {
        &["rawbind_panic_free", "rawbind_expect_panic"]
    } else {
        &["rawbind_panic_free"]
    };
    let dir = repo.target_dir.join("panic-free").join(&target.triple);
    let build = Build {
        target,
        bin: "static_bind",
        entry: Entry(None),
        cfgs,
        features: &[],
        target_dir: if expect_panic {
            dir.join("expect-panic")
        } else {
            dir
        },
    };
    match (build.build(repo, "release", log), expect_panic) {
        (Ok(program), false) => {
            let problems = elf_problems(&program);
            if problems.is_empty() {
                Ok("no panic is reachable".to_owned())
            } else {
                Err(problems.join("; "))
            }
        }
        (Ok(_), true) => Err("a planted panic linked: the check would miss one".to_owned()),
        (Err(why), _) => {
            // The linker's own lines that name the symbol.
            let named: Vec<&str> = why
                .lines()
                .filter(|l| l.contains(PANIC_SYMBOL) || l.contains(">>> referenced by"))
                .map(str::trim)
                .collect();
            match (named.iter().any(|l| l.contains(PANIC_SYMBOL)), expect_panic) {
                (true, true) => Ok(format!("a planted panic fails the link ({})", named[0])),
                (true, false) => Err(format!("a panic is reachable: {}", named.join(" | "))),
                (false, _) => Err(format!("cargo build failed:\n{why}")),
            }
        }
    }
}

/// One line of the selfcheck's output (JSON Lines; see its module docs).
#[derive(Deserialize)]
#[serde(untagged)]
enum CheckLine {
    /// A row of the seccomp allowlist.
    Allow(AllowRow),
    /// Whether the kernel took the allowlist.
    Seccomp {
        seccomp: String,
        why: Option<String>,
    },
    /// The last line: the tally.
    Done {
        done: bool,
        passed: usize,
        failed: usize,
        skipped: usize,
    },
    /// One check: `ok`, or `skipped` with the reason; `tests` are the suite's
    /// tests it stands in for.
    Check {
        check: String,
        ok: Option<bool>,
        why: Option<String>,
        skipped: Option<String>,
        #[serde(default)]
        tests: Vec<String>,
    },
}

/// Builds, checks and runs the selfcheck in entry mode `entry`, reading its
/// JSON lines into `record`. It is built with its `seccomp` feature: the
/// checks run under an allowlist of `raw::SYSCALLS` and its own calls that
/// kills the process on any other, where the kernel takes the filter (here,
/// natively). Under QEMU, which refuses it, the same list is checked against
/// the calls `qemu-<arch> -strace` shows ([`allowlist_under_qemu_strace`]).
pub fn selfcheck(
    repo: &Repo,
    target: &Target,
    entry: Entry,
    log: &Log,
    mut record: Record,
) -> Record {
    let build = Build {
        target,
        bin: "selfcheck",
        entry,
        cfgs: &[],
        features: &["seccomp"],
        target_dir: static_dir(repo, target, entry),
    };
    let program = match build.build(repo, "release", log) {
        Ok(p) => p,
        Err(e) => {
            record.problems.push(format!("build: {e}"));
            return record;
        }
    };
    record.problems.extend(elf_problems(&program));
    let out = match runner(target, &program).output() {
        Ok(out) => out,
        Err(e) => {
            record.problems.push(e);
            return record;
        }
    };
    let mut allowlist = Vec::new();
    let mut seccomp = None;
    let mut tally = None;
    let mut covers = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        log.line(line);
        let parsed: CheckLine = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                record
                    .problems
                    .push(format!("not a selfcheck line ({e}): {line}"));
                continue;
            }
        };
        match parsed {
            CheckLine::Allow(row) => allowlist.push(row),
            CheckLine::Seccomp {
                seccomp: state,
                why,
            } => seccomp = Some((state, why)),
            CheckLine::Done {
                done: true,
                passed,
                failed,
                skipped,
            } => tally = Some((passed, failed, skipped)),
            CheckLine::Done { .. } => record.problems.push(format!("a tally not done: {line}")),
            CheckLine::Check {
                check,
                ok,
                why,
                skipped,
                tests,
            } => {
                covers.insert(check.clone(), tests);
                match (ok, skipped) {
                    (Some(true), None) => record.passed.push(check),
                    (Some(false), None) => {
                        log.line(format_args!(
                            "---- {check} failed: {}",
                            why.unwrap_or_default()
                        ));
                        record.failed.push(check);
                    }
                    (None, Some(why)) => record.skipped.push(Skip { name: check, why }),
                    _ => record
                        .problems
                        .push(format!("{check}: neither ok nor skipped")),
                }
            }
        }
    }
    record.covers = covers;
    let counted = (
        record.passed.len(),
        record.failed.len(),
        record.skipped.len(),
    );
    match tally {
        Some(t) if t == counted => {}
        Some((p, f, s)) => record.problems.push(format!(
            "its tally says {p} passed, {f} failed, {s} skipped; its lines say {counted:?}"
        )),
        None => record
            .problems
            .push("it ended without its tally line".to_owned()),
    }
    if !out.status.success() && record.failed.is_empty() {
        record
            .problems
            .push(format!("exit status {} with no failed check", out.status));
    }
    if !out.stderr.is_empty() {
        log.line(String::from_utf8_lossy(&out.stderr).trim_end());
    }
    if record.passed.is_empty() {
        record.problems.push("no check passed".to_owned());
    }
    // The suite's test of the same claim, natively: the list complete.
    let complete = vec![
        "syscalls::every_public_function_runs_under_an_allowlist_of_syscalls_alone".to_owned(),
    ];
    // The signal a seccomp filter's `SECCOMP_RET_KILL_PROCESS` sends, as
    // this host numbers it (the program runs natively here).
    const SIGSYS: i32 = linux_raw_sys::general::SIGSYS as i32;
    const SANDBOX: &str = "seccomp_allowlist_kills_any_other_call";
    match seccomp.as_ref().map(|(s, why)| (s.as_str(), why)) {
        Some(("installed", _)) if out.status.success() => {
            record.covers.insert(SANDBOX.to_owned(), complete);
            record.passed.push(SANDBOX.to_owned());
        }
        Some(("installed", _)) => {
            if out.status.signal() == Some(SIGSYS) {
                log.line(format_args!(
                    "---- {SANDBOX} failed: killed by SIGSYS, a call outside the allowlist"
                ));
            }
            record.failed.push(SANDBOX.to_owned());
        }
        Some(("refused", why)) if !target.runs(Run::Native) => {
            record.skipped.push(Skip {
                name: SANDBOX.to_owned(),
                why: format!(
                    "{} refuses a guest's seccomp filter: {}",
                    target.qemu_bin(),
                    why.as_deref().unwrap_or("?")
                ),
            });
            const TRACED: &str = "seccomp_allowlist_holds_every_call_under_qemu_strace";
            record.covers.insert(TRACED.to_owned(), complete);
            match allowlist_under_qemu_strace(target, &program, &allowlist) {
                Ok(seen) => {
                    log.line(format_args!("{TRACED}: {seen}"));
                    record.passed.push(TRACED.to_owned());
                }
                Err(why) => {
                    log.line(format_args!("---- {TRACED} failed: {why}"));
                    record.failed.push(TRACED.to_owned());
                }
            }
        }
        other => record
            .problems
            .push(format!("the seccomp allowlist: {other:?}, natively")),
    }
    if allowlist.is_empty() {
        record.problems.push("it printed no allowlist".to_owned());
    }
    record
}

/// One row of the allowlist the selfcheck prints: a call, its number and
/// its socketcall(2) sub-call, and whose it is (`rawbind`, `selfcheck`).
#[derive(Deserialize, Debug)]
pub struct AllowRow {
    allow: String,
    nr: u32,
    sub_call: Option<u32>,
    by: String,
}

/// Runs `program` under `qemu-<arch> -strace` and checks that each call the
/// trace shows is a row of `allowlist`: a direct call by its name (QEMU
/// prints `bind(3,...)`), a call through socketcall(2) by its sub-call's
/// (QEMU prints `BIND(3,...)`). Returns what it saw of rawbind's rows.
pub fn allowlist_under_qemu_strace(
    target: &Target,
    program: &Path,
    allowlist: &[AllowRow],
) -> Result<String, String> {
    let trace = qemu_strace(target, program)?;
    // The filter would be in force from its seccomp(2) call on: prctl and
    // seccomp themselves, and the allowlist's lines, come before.
    let mut calls = traced_calls(&trace);
    if !calls.any(|call| call.starts_with("seccomp(")) {
        return Err("the trace shows no seccomp(2) call".to_owned());
    }
    let mut seen = BTreeSet::new();
    for call in calls {
        let Some((name, _)) = call.split_once('(') else {
            continue;
        };
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            seen.insert(name.to_owned());
        }
    }
    if seen.is_empty() {
        return Err("the trace shows no call".to_owned());
    }
    let listed = |name: &str| {
        allowlist.iter().any(|row| match row.sub_call {
            Some(_) => name == row.allow.to_ascii_uppercase(),
            None => name == row.allow,
        })
    };
    let unlisted: Vec<&str> = seen
        .iter()
        .map(String::as_str)
        .filter(|n| !listed(n))
        .collect();
    if !unlisted.is_empty() {
        return Err(format!(
            "calls outside the allowlist: {}",
            unlisted.join(", ")
        ));
    }
    let rawbind: Vec<String> = allowlist
        .iter()
        .filter(|r| r.by == "rawbind")
        .map(|r| {
            let name = match r.sub_call {
                Some(_) => r.allow.to_ascii_uppercase(),
                None => r.allow.clone(),
            };
            let mark = if seen.contains(&name) {
                ""
            } else {
                " (not made)"
            };
            format!(
                "{name} {}{}{mark}",
                r.nr,
                r.sub_call.map(|s| format!("/{s}")).unwrap_or_default()
            )
        })
        .collect();
    Ok(format!(
        "{} calls, each allowed; rawbind's rows: {}",
        seen.len(),
        rawbind.join(", ")
    ))
}
