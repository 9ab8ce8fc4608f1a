//! The checks of the crate as a whole, before any target's suite:
//! formatting, clippy and the docs on the host, that the library's
//! dependency tree holds no libc, that its release builds for the natively
//! run targets hold no machine code but its out-of-line decoders, and that
//! it builds without std and with the MSRV.

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

    log.step("docs.rs's build: nightly rustdoc with --cfg docsrs (std-only items badged)");
    let ok = repo
        .cargo(Some("+nightly"))
        .args(["doc", "-q", "--no-deps"])
        .env("RUSTDOCFLAGS", "--cfg docsrs -D warnings")
        .env("CARGO_TARGET_DIR", repo.target_dir.join("docsrs"))
        .run(log);
    note(shared, ok, "cargo +nightly doc --cfg docsrs");

    log.step("the package ships every file its Markdown links to");
    note(shared, package_links(repo, log), "cargo package --list");

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

    log.step("the library's release build holds no machine code but its out-of-line decoders");
    note(
        shared,
        crate::codegen::check(repo, log),
        "the library's machine code",
    );

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

/// Every relative link in a Markdown file `cargo package` ships (the
/// README, docs/) names a file it ships too: the links work from the
/// published crate, where nothing else of the repository is.
fn package_links(repo: &Repo, log: &Log) -> Result<(), String> {
    use pulldown_cmark::{Event, Parser, Tag};
    let listed = repo
        .cargo(None)
        .args(["package", "--list", "--allow-dirty", "--quiet"])
        .stdout_of(log)?;
    let shipped: BTreeSet<String> = String::from_utf8_lossy(&listed)
        .lines()
        .map(str::to_owned)
        .collect();
    let mut broken = Vec::new();
    for file in shipped.iter().filter(|f| f.ends_with(".md")) {
        let text =
            std::fs::read_to_string(repo.root.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let dir = std::path::Path::new(file)
            .parent()
            .unwrap_or(std::path::Path::new(""));
        for event in Parser::new(&text) {
            let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            else {
                continue;
            };
            let url = dest_url.split('#').next().unwrap_or_default();
            if url.is_empty() || url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            // `docs/../src/x.rs` is `src/x.rs`: resolve `..` by hand, as the
            // files need not exist where this runs.
            let joined = dir.join(url).to_string_lossy().into_owned();
            let mut parts: Vec<&str> = Vec::new();
            for part in joined.split('/') {
                match part {
                    "" | "." => {}
                    ".." => _ = parts.pop(),
                    p => parts.push(p),
                }
            }
            let target = parts.join("/");
            let is_dir = shipped.iter().any(|f| f.starts_with(&format!("{target}/")));
            if !shipped.contains(&target) && !is_dir {
                broken.push(format!(
                    "{file} links to {url}, which the package does not ship"
                ));
            }
        }
    }
    log.line(format_args!(
        "{} files shipped; {} broken links",
        shipped.len(),
        broken.len()
    ));
    match broken.is_empty() {
        true => Ok(()),
        false => Err(broken.join("; ")),
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
