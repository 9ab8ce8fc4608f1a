//! The checks that need no target: formatting, clippy and the docs on the
//! host, that the library's dependency tree holds no libc, and that it
//! builds without std and with the MSRV.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::cmd::Log;
use crate::results::Shared;
use crate::Repo;

/// Every package with Rust code of its own, and what clippy checks of it
/// here: `None` for none (the fuzz targets need nightly's sanitizer flags,
/// and `cargo xtask fuzz` builds them; the benches' peers are built by the
/// benchmarks). static_bind's programs are no_std binaries, which have no
/// test targets to check.
const PACKAGES: [(&str, Option<&str>); 5] = [
    ("Cargo.toml", Some("--all-targets")),
    ("examples/static_bind/Cargo.toml", Some("--bins")),
    (".ci/xtask/Cargo.toml", Some("--all-targets")),
    ("benches/peers/Cargo.toml", None),
    ("fuzz/Cargo.toml", None),
];

pub fn run(repo: &Repo, log: &Log, shared: &Shared) {
    log.step("cargo fmt --check");
    for (manifest, _) in PACKAGES {
        let ok = repo
            .cargo(None)
            .args(["fmt", "--check", "--manifest-path", manifest])
            .run(log);
        note(shared, ok, format!("cargo fmt --check ({manifest})"));
    }

    log.step("cargo clippy -- -D warnings");
    let dir = repo.target_dir.join("clippy");
    for (args, what) in [
        (&["--all-targets"][..], "clippy (std)"),
        (&["--no-default-features", "--lib"][..], "clippy (no std)"),
    ] {
        let ok = repo
            .cargo(None)
            .args(["clippy", "-q"])
            .args(args)
            .args(["--", "-D", "warnings"])
            .run(log);
        note(shared, ok, what);
    }
    for (manifest, clippy) in &PACKAGES[1..] {
        if let Some(targets) = clippy {
            let ok = repo
                .cargo(None)
                .args(["clippy", "-q", targets, "--manifest-path", manifest])
                .args(["--target", &repo.host, "--", "-D", "warnings"])
                .env("CARGO_TARGET_DIR", &dir)
                .run(log);
            note(shared, ok, format!("clippy ({manifest})"));
        }
    }

    log.step("cargo doc (-D warnings)");
    for (args, what) in [
        (&[][..], "cargo doc"),
        (&["--no-default-features"][..], "cargo doc (no std)"),
    ] {
        let ok = repo
            .cargo(None)
            .args(["doc", "-q", "--no-deps"])
            .args(args)
            .env("RUSTDOCFLAGS", "-D warnings")
            .run(log);
        note(shared, ok, what);
    }

    log.step("no libc in the library's dependency tree");
    match normal_dependencies(repo, log) {
        Ok(deps) => {
            log.line(deps.iter().cloned().collect::<Vec<_>>().join(", "));
            if deps.iter().any(|d| d.starts_with("libc ")) {
                shared.fail("libc is among the library's normal dependencies");
            }
        }
        Err(e) => shared.fail(format!("cargo metadata: {e}")),
    }

    log.step("builds without std");
    let ok = repo
        .cargo(None)
        .args(["build", "-q", "--no-default-features"])
        .run(log);
    note(shared, ok, "build --no-default-features");

    match msrv(repo) {
        Ok(msrv) => {
            log.step(format_args!("builds with the MSRV, Rust {msrv}"));
            for (args, what) in [(&[][..], ""), (&["--no-default-features"][..], ", no std")] {
                let ok = repo
                    .cargo(Some(&format!("+{msrv}")))
                    .args(["build", "-q", "--lib"])
                    .args(args)
                    .env("RUSTFLAGS", "-D warnings")
                    .env("CARGO_TARGET_DIR", repo.target_dir.join("msrv"))
                    .run(log);
                note(shared, ok, format!("build with Rust {msrv}{what}"));
            }
        }
        Err(e) => shared.fail(e),
    }
}

/// Records a failed step.
pub fn note(shared: &Shared, outcome: Result<(), String>, step: impl Into<String>) {
    if let Err(e) = outcome {
        shared.fail(format!("{}: {e}", step.into()));
    }
}

/// Cargo.toml's `rust-version`.
pub fn msrv(repo: &Repo) -> Result<String, String> {
    #[derive(Deserialize)]
    struct Manifest {
        package: Package,
    }
    #[derive(Deserialize)]
    struct Package {
        #[serde(rename = "rust-version")]
        rust_version: String,
    }
    let path = repo.root.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let manifest: Manifest = toml::from_str(&text).map_err(|e| format!("Cargo.toml: {e}"))?;
    Ok(manifest.package.rust_version)
}

/// `name version` of every package the library depends on, transitively,
/// through normal (not dev, not build) dependencies, from `cargo metadata`.
fn normal_dependencies(repo: &Repo, log: &Log) -> Result<BTreeSet<String>, String> {
    #[derive(Deserialize)]
    struct Metadata {
        packages: Vec<Package>,
        resolve: Resolve,
        workspace_members: Vec<String>,
    }
    #[derive(Deserialize)]
    struct Package {
        id: String,
        name: String,
        version: String,
    }
    #[derive(Deserialize)]
    struct Resolve {
        nodes: Vec<Node>,
    }
    #[derive(Deserialize)]
    struct Node {
        id: String,
        deps: Vec<Dep>,
    }
    #[derive(Deserialize)]
    struct Dep {
        pkg: String,
        dep_kinds: Vec<DepKind>,
    }
    #[derive(Deserialize)]
    struct DepKind {
        kind: Option<String>,
    }

    let json = repo
        .cargo(None)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            &repo.host,
        ])
        .stdout_of(log)?;
    let meta: Metadata = serde_json::from_slice(&json).map_err(|e| e.to_string())?;
    let nodes: BTreeMap<&str, &Node> = meta
        .resolve
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n))
        .collect();
    let names: BTreeMap<&str, String> = meta
        .packages
        .iter()
        .map(|p| (p.id.as_str(), format!("{} {}", p.name, p.version)))
        .collect();
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = meta.workspace_members.iter().map(String::as_str).collect();
    while let Some(id) = todo.pop() {
        let Some(node) = nodes.get(id) else { continue };
        for dep in &node.deps {
            if dep.dep_kinds.iter().any(|k| k.kind.is_none()) && seen.insert(dep.pkg.as_str()) {
                todo.push(&dep.pkg);
            }
        }
    }
    Ok(seen
        .into_iter()
        .filter_map(|id| names.get(id).cloned())
        .collect())
}
