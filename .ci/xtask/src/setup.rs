//! What a fresh Debian machine with only a Rust toolchain needs for the run:
//! Debian's packages (the cross gcc and libc of each target, strace,
//! valgrind, QEMU user mode from the table's suite) and rustup's targets,
//! components and toolchains (nightly with Miri and rust-src, the MSRV).

use std::collections::BTreeMap;

use crate::cmd::{first_line, Cmd, Log};
use crate::results::Shared;
use crate::targets::{Run, StdFrom};
use crate::Repo;

/// Packages every run needs, whatever the targets: strace (tests/strace.rs)
/// and valgrind (bench-insns).
const TOOLS: [&str; 2] = ["strace", "valgrind"];

pub fn run(repo: &Repo, log: &Log) -> Result<(), String> {
    log.step("setup");
    apt(repo, log)?;
    rustup(repo, log)?;
    log.line(format_args!("rustc: {}", version("rustc", &["--version"])));
    log.line(format_args!(
        "nightly: {}",
        version("rustc", &["+nightly", "--version"])
    ));
    log.line(format_args!("strace: {}", version("strace", &["-V"])));
    Ok(())
}

fn version(program: &str, args: &[&str]) -> String {
    first_line(Cmd::new(program).args(args)).unwrap_or_else(|| "not found".to_owned())
}

fn installed(package: &str) -> bool {
    Cmd::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|out| out.stdout.ends_with(b"install ok installed"))
}

/// `apt-get`, through sudo unless root.
fn apt_get(args: &[&str]) -> Cmd {
    let root = first_line(Cmd::new("id").arg("-u")).as_deref() == Some("0");
    let mut cmd = if root {
        Cmd::new("apt-get")
    } else {
        let mut sudo = Cmd::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    cmd.env("DEBIAN_FRONTEND", "noninteractive")
        .args(["-q", "-y"])
        .args(args);
    cmd
}

fn apt(repo: &Repo, log: &Log) -> Result<(), String> {
    let missing: Vec<&str> = TOOLS
        .into_iter()
        .chain(repo.table.packages())
        .filter(|p| !installed(p))
        .collect();
    let qemu = &repo.table.qemu;
    let need_qemu = !installed(&qemu.package);
    if missing.is_empty() && !need_qemu {
        return Ok(());
    }
    if need_qemu {
        add_suite(&qemu.suite, log)?;
    }
    apt_get(&["update", "-qq"]).run(log)?;
    if !missing.is_empty() {
        apt_get(&["install", "--no-install-recommends"])
            .args(&missing)
            .run(log)?;
    }
    if need_qemu {
        // From the table's suite: it replaces Debian 12's own qemu-user-static.
        apt_get(&[
            "install",
            "--no-install-recommends",
            "-t",
            &qemu.suite,
            &qemu.package,
        ])
        .run(log)?;
    }
    Ok(())
}

/// Adds `suite` (bookworm-backports) to apt's sources, unless a source has it.
fn add_suite(suite: &str, log: &Log) -> Result<(), String> {
    let dir = std::path::Path::new("/etc/apt/sources.list.d");
    let mut known = std::fs::read_to_string("/etc/apt/sources.list").unwrap_or_default();
    for entry in std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
    {
        known.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    if known.split_whitespace().any(|word| word == suite) {
        return Ok(());
    }
    let file = dir.join(format!("{suite}.sources"));
    log.line(format_args!(
        "adding {suite} to apt's sources: {}",
        file.display()
    ));
    let text = format!(
        "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: {suite}\nComponents: main\n\
         Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
    );
    std::fs::write(&file, text).map_err(|e| {
        format!(
            "{}: {e} (run as root, or add {suite} to apt's sources)",
            file.display()
        )
    })
}

fn rustup(repo: &Repo, log: &Log) -> Result<(), String> {
    let lines = |args: &[&str]| -> Vec<String> {
        Cmd::new("rustup")
            .args(args)
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let has = |list: &[String], name: &str| list.iter().any(|l| l.starts_with(name));

    let components = lines(&["component", "list", "--installed"]);
    for c in ["rustfmt", "clippy"] {
        if !has(&components, c) {
            Cmd::new("rustup").args(["component", "add", c]).run(log)?;
        }
    }
    let installed = lines(&["target", "list", "--installed"]);
    for t in repo
        .table
        .targets
        .iter()
        .filter(|t| t.std == StdFrom::Rustup)
    {
        if !installed.contains(&t.triple) {
            Cmd::new("rustup")
                .args(["target", "add", &t.triple])
                .run(log)?;
        }
    }
    let toolchains = lines(&["toolchain", "list"]);
    if !has(&toolchains, "nightly") {
        Cmd::new("rustup")
            .args(["toolchain", "install", "--profile", "minimal", "nightly"])
            .run(log)?;
    }
    let nightly = lines(&["+nightly", "component", "list", "--installed"]);
    for c in ["miri", "rust-src", "rustfmt"] {
        if !has(&nightly, c) {
            Cmd::new("rustup")
                .args(["+nightly", "component", "add", c])
                .run(log)?;
        }
    }
    let msrv = crate::checks::msrv(repo)?;
    if !has(&toolchains, &msrv) {
        Cmd::new("rustup")
            .args(["toolchain", "install", "--profile", "minimal", &msrv])
            .run(log)?;
    }
    Ok(())
}

/// `qemu-aarch64 10.0.2` for each foreign target: how its rows say it ran.
pub fn qemu_versions(repo: &Repo, log: &Log, shared: &Shared) -> BTreeMap<String, String> {
    let mut versions = BTreeMap::new();
    for t in repo.table.targets.iter().filter(|t| t.runs(Run::Qemu)) {
        let bin = t.qemu_bin();
        let line = first_line(Cmd::new(&bin).arg("--version")).unwrap_or_default();
        // "qemu-aarch64 version 10.0.2 (Debian ...)"
        let version = line
            .split_whitespace()
            .skip_while(|w| *w != "version")
            .nth(1)
            .unwrap_or("not found")
            .to_owned();
        let how = format!("{bin} {version}");
        log.line(format_args!("{}: {how}", t.triple));
        let want = &repo.table.qemu.version;
        if !version.starts_with(&format!("{want}.")) && version != *want {
            shared.fail(format!(
                "{bin} is {version}; .ci/targets.toml (and so the README) says QEMU {want}"
            ));
        }
        shared.qemu(&t.triple, &how);
        versions.insert(t.triple.clone(), how);
    }
    versions
}
