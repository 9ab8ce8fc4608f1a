//! What machine code the library's own release build holds: only the
//! decoders it keeps out of line on purpose. Every other function is
//! generic or `#[inline]`, so a program compiles the ones it calls, in its
//! own build, and a clean build of rawbind runs no optimizer over the rest
//! (BENCHMARKS.md, "Clean build time"). Checked on the targets the suite
//! runs natively: x86_64, whose socket calls are direct, and i686, which
//! also has `socketcall(2)`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use object::read::archive::ArchiveFile;
use object::{Object, ObjectSymbol, SymbolKind};
use serde::Deserialize;

use crate::cmd::Log;
use crate::targets::{Run, Target};
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

/// Builds the library in release (default features) for each target the
/// suite runs natively and compares the functions its rlib defines with
/// [`OUT_OF_LINE`].
pub fn check(repo: &Repo, log: &Log) -> Result<(), String> {
    let mut problems = Vec::new();
    for target in repo.table.targets.iter().filter(|t| t.runs(Run::Native)) {
        if let Err(e) = check_target(repo, target, log) {
            problems.push(format!("{}: {e}", target.triple));
        }
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.join("; ")),
    }
}

fn check_target(repo: &Repo, target: &Target, log: &Log) -> Result<(), String> {
    let rlib = build(repo, target, log)?;
    let data = std::fs::read(&rlib).map_err(|e| format!("{}: {e}", rlib.display()))?;
    let archive = ArchiveFile::parse(&*data).map_err(|e| format!("{}: {e}", rlib.display()))?;
    let mut defined = BTreeSet::new();
    for member in archive.members() {
        let member = member.map_err(|e| e.to_string())?;
        let name = String::from_utf8_lossy(member.name()).into_owned();
        if !name.ends_with(".o") {
            continue; // lib.rmeta
        }
        let bytes = member.data(&*data).map_err(|e| format!("{name}: {e}"))?;
        let object = object::File::parse(bytes).map_err(|e| format!("{name}: {e}"))?;
        for symbol in object.symbols() {
            if symbol.kind() == SymbolKind::Text && symbol.is_definition() {
                let mangled = symbol.name().map_err(|e| format!("{name}: {e}"))?;
                defined.insert(format!("{:#}", rustc_demangle::demangle(mangled)));
            }
        }
    }
    let expected: BTreeSet<String> = OUT_OF_LINE.iter().map(|s| (*s).to_owned()).collect();
    log.line(format_args!(
        "{}: {} functions defined: {}",
        target.triple,
        defined.len(),
        defined.iter().cloned().collect::<Vec<_>>().join(", ")
    ));
    let compiled: Vec<&String> = defined.difference(&expected).collect();
    let inlined: Vec<&String> = expected.difference(&defined).collect();
    match (compiled.is_empty(), inlined.is_empty()) {
        (true, true) => Ok(()),
        _ => Err(format!(
            "compiled into the library, not marked #[inline]: {compiled:?}; \
             listed as out of line but not compiled there: {inlined:?}"
        )),
    }
}

/// `cargo build --release --lib --target TRIPLE`, in a directory of its
/// own; the rlib's path, from cargo's JSON messages.
fn build(repo: &Repo, target: &Target, log: &Log) -> Result<PathBuf, String> {
    #[derive(Deserialize)]
    struct Message {
        reason: String,
        #[serde(default)]
        target: Option<Target>,
        #[serde(default)]
        filenames: Vec<PathBuf>,
    }
    #[derive(Deserialize)]
    struct Target {
        name: String,
    }
    let json = repo
        .cargo(None)
        .args(["build", "-q", "--release", "--lib", "--message-format=json"])
        .args(["--target", &target.triple])
        .env("CARGO_TARGET_DIR", repo.target_dir.join("codegen"))
        .stdout_of(log)?;
    for line in json.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let message: Message = serde_json::from_slice(line).map_err(|e| e.to_string())?;
        if message.reason == "compiler-artifact"
            && message.target.as_ref().is_some_and(|t| t.name == "rawbind")
        {
            if let Some(rlib) = message
                .filenames
                .into_iter()
                .find(|f| f.extension().is_some_and(|e| e == "rlib"))
            {
                return Ok(rlib);
            }
        }
    }
    Err("cargo build named no librawbind rlib".to_owned())
}
