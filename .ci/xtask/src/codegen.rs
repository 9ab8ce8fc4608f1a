//! What machine code the library's own release build holds: only the
//! decoders it keeps out of line on purpose. Every other function is
//! generic, small enough for rustc to inline across crates by itself, or
//! `#[inline]`, so a program compiles the ones it calls, in its own build,
//! and a clean build of rawbind runs no optimizer over the rest
//! (BENCHMARKS.md). Checked on the targets the suite runs natively (x86_64,
//! whose socket calls are direct, and i686, which also has
//! `socketcall(2)`), in each of their entry modes, with and without `std`.
//! A rustc whose own inlining rule changes shows here as a function to mark.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use object::read::archive::ArchiveFile;
use object::{Object, ObjectSymbol, SymbolKind};
use serde::Deserialize;

use crate::cmd::Log;
use crate::targets::{Entry, Run, Target};
use crate::Repo;

/// The functions marked `#[inline(never)]`, by their demangled paths: the
/// decoders of the rarer families and of raw bytes, kept out of
/// `SockAddr::decode`'s body, which every call that returns an address
/// inlines.
const OUT_OF_LINE: [&str; 5] = [
    "<rawbind::addr::link::LinkAddr as rawbind::addr::from::OneFamily>::read",
    "<rawbind::addr::unix::UnixAddr as rawbind::addr::from::OneFamily>::read",
    "rawbind::addr::netlink::NetlinkAddr::decode",
    "rawbind::addr::storage::RawSockAddr::copy_of_cold",
    "rawbind::addr::vsock::VsockAddr::decode",
];

/// The two feature sets: the default (`std`) and none.
const FEATURES: [(&str, &[&str]); 2] = [("std", &[]), ("no std", &["--no-default-features"])];

/// Builds the library in release for each target the suite runs natively,
/// in each of its entry modes, with and without `std`, and compares the
/// functions each rlib defines with [`OUT_OF_LINE`].
pub fn check(repo: &Repo, log: &Log) -> Result<(), String> {
    let mut problems = Vec::new();
    for target in repo.table.targets.iter().filter(|t| t.runs(Run::Native)) {
        for entry in target.entries() {
            for (features, flags) in FEATURES {
                let build = format!("{} ({entry}, {features})", target.triple);
                match defined_functions(repo, target, entry, flags, log) {
                    Ok(defined) => {
                        log.line(format_args!(
                            "{build}: {} functions defined: {}",
                            defined.len(),
                            defined.iter().cloned().collect::<Vec<_>>().join(", ")
                        ));
                        if let Some(problem) = compare(&defined) {
                            problems.push(format!("{build}: {problem}"));
                        }
                    }
                    Err(e) => problems.push(format!("{build}: {e}")),
                }
            }
        }
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.join("; ")),
    }
}

/// What differs between the functions an rlib defines and [`OUT_OF_LINE`].
fn compare(defined: &BTreeSet<String>) -> Option<String> {
    let expected: BTreeSet<String> = OUT_OF_LINE.iter().map(|s| (*s).to_owned()).collect();
    let compiled: Vec<&String> = defined.difference(&expected).collect();
    let inlined: Vec<&String> = expected.difference(defined).collect();
    match (compiled.is_empty(), inlined.is_empty()) {
        (true, true) => None,
        _ => Some(format!(
            "defined in the rlib but not in the list of out-of-line decoders \
             (mark it #[inline], or list it if a decoder keeps it out of line on \
             purpose): {compiled:?}; listed but not defined: {inlined:?}"
        )),
    }
}

/// The demangled paths of the functions the rlib of one build defines.
fn defined_functions(
    repo: &Repo,
    target: &Target,
    entry: Entry,
    flags: &[&str],
    log: &Log,
) -> Result<BTreeSet<String>, String> {
    let rlib = build(repo, target, entry, flags, log)?;
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", rlib.display());
    let data = std::fs::read(&rlib).map_err(|e| at(&e))?;
    let archive = ArchiveFile::parse(&*data).map_err(|e| at(&e))?;
    let mut defined = BTreeSet::new();
    for member in archive.members() {
        let member = member.map_err(|e| at(&e))?;
        let name = String::from_utf8_lossy(member.name()).into_owned();
        if !name.ends_with(".o") {
            continue; // lib.rmeta
        }
        let in_member = |e: &dyn std::fmt::Display| at(&format_args!("{name}: {e}"));
        let bytes = member.data(&*data).map_err(|e| in_member(&e))?;
        let object = object::File::parse(bytes).map_err(|e| in_member(&e))?;
        for symbol in object.symbols() {
            if symbol.kind() == SymbolKind::Text && symbol.is_definition() {
                let mangled = symbol.name().map_err(|e| in_member(&e))?;
                defined.insert(format!("{:#}", rustc_demangle::demangle(mangled)));
            }
        }
    }
    Ok(defined)
}

/// `cargo build --release --lib` for one target, entry mode and feature
/// set, in a directory of its own and with no RUSTFLAGS but the mode's pin;
/// the rlib's path, from cargo's JSON messages.
fn build(
    repo: &Repo,
    target: &Target,
    entry: Entry,
    flags: &[&str],
    log: &Log,
) -> Result<PathBuf, String> {
    #[derive(Deserialize)]
    struct Message {
        reason: String,
        #[serde(default)]
        target: Option<ArtifactTarget>,
        #[serde(default)]
        filenames: Vec<PathBuf>,
    }
    #[derive(Deserialize)]
    struct ArtifactTarget {
        name: String,
    }
    let (toolchain, build_std) = target.cargo_toolchain();
    let dir = repo
        .target_dir
        .join("codegen")
        .join(entry.dir())
        .join(if flags.is_empty() { "std" } else { "no-std" });
    let mut cargo = repo.cargo(toolchain);
    cargo
        .args(["build", "-q", "--release", "--lib", "--message-format=json"])
        .args(build_std)
        .args(["--target", &target.triple])
        .args(flags)
        .env("CARGO_TARGET_DIR", &dir);
    match entry.rustflags() {
        Some(pin) => cargo.env("RUSTFLAGS", pin),
        None => cargo.env_remove("RUSTFLAGS"),
    };
    let json = cargo.stdout_of(log)?;
    for line in json.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let message: Message = serde_json::from_slice(line).map_err(|e| {
            format!(
                "cargo's JSON message {}: {e}",
                String::from_utf8_lossy(line)
            )
        })?;
        if message.reason == "compiler-artifact"
            && message.target.as_ref().is_some_and(|t| t.name == "rawbind")
        {
            if let Some(rlib) = message.filenames.into_iter().find(|f| is_rlib(f)) {
                return Ok(rlib);
            }
        }
    }
    Err("cargo's messages name no librawbind rlib".to_owned())
}

fn is_rlib(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rlib")
}
