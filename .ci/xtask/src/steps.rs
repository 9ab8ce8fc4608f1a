//! The steps after the matrix: the pure tests under Miri, the suite with the
//! MSRV toolchain, a short fuzz run, the instruction benchmark's own check,
//! the examples, and build.rs's refusals.

use crate::checks::{msrv, note};
use crate::cmd::{Cmd, Log};
use crate::libtest;
use crate::results::{Record, Shared};
use crate::Repo;

fn record(repo: &Repo, how: &str, what: &str) -> Record {
    Record {
        target: repo.host.clone(),
        entry: "-".to_owned(),
        how: how.to_owned(),
        what: what.to_owned(),
        ..Record::default()
    }
}

fn test(repo: &Repo, cmd: Cmd, log: &Log, shared: &Shared, record: Record) {
    let skips = repo
        .target_dir
        .join(format!("{}.skips", record.how.replace(' ', "-")));
    let record = libtest::run(cmd, log, &skips, record);
    if !record.ok() {
        shared.fail(format!("{} ({})", record.what, record.how));
    }
    shared.record(record);
}

/// The tests that make no syscall, under Miri: the lib's unit tests and the
/// address, layout and errno tests.
pub fn miri(repo: &Repo, log: &Log, shared: &Shared) {
    log.step("the pure tests under Miri");
    let mut cmd = repo.cargo(Some("+nightly"));
    cmd.args([
        "miri", "test", "-q", "--lib", "--test", "layout", "--test", "addr", "--test", "errno",
    ])
    .env("CARGO_TARGET_DIR", repo.target_dir.join("miri"));
    test(repo, cmd, log, shared, record(repo, "miri", "pure tests"));
}

/// The suite with the MSRV toolchain, natively. The committed Cargo.lock
/// holds dev-dependencies newer than the MSRV (proptest 1.12 needs 1.88), so
/// a copy of the crate gets a lock file of its own, resolved by cargo's
/// rust-version-aware fallback to the newest versions that support the MSRV.
pub fn msrv_tests(repo: &Repo, log: &Log, shared: &Shared) {
    let msrv = match msrv(repo) {
        Ok(m) => m,
        Err(e) => return shared.fail(e),
    };
    log.step(format_args!("the suite with the MSRV, Rust {msrv}"));
    let copy = repo.target_dir.join("msrv-tests/src");
    let _ = std::fs::remove_dir_all(&copy);
    let _ = std::fs::create_dir_all(&copy);
    let copied = [
        "Cargo.toml",
        "build.rs",
        "src",
        "arch",
        "tests",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
    ]
    .iter()
    .try_for_each(|item| {
        Cmd::new("cp")
            .args(["-r", "--parents", item])
            .arg(&copy)
            .dir(&repo.root)
            .run(log)
    })
    .and_then(|()| {
        std::fs::create_dir_all(copy.join("examples")).map_err(|e| e.to_string())?;
        for entry in std::fs::read_dir(repo.root.join("examples"))
            .map_err(|e| e.to_string())?
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") {
                std::fs::copy(&path, copy.join("examples").join(entry.file_name()))
                    .map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    })
    .and_then(|()| {
        Cmd::cargo(None)
            .args(["generate-lockfile", "-q"])
            .env("CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS", "fallback")
            .dir(&copy)
            .run(log)
    });
    if let Err(e) = copied {
        return shared.fail(format!("a copy of the crate for Rust {msrv}: {e}"));
    }
    let mut cmd = Cmd::cargo(Some(&format!("+{msrv}")));
    cmd.arg("test")
        .arg("--manifest-path")
        .arg(copy.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            repo.target_dir.join("msrv-tests/target"),
        );
    test(
        repo,
        cmd,
        log,
        shared,
        record(repo, &format!("msrv {msrv}"), "suite"),
    );
}

/// Each fuzz target for 20 s from its committed corpus: a regression check
/// (fuzz/README.md has the long runs).
pub fn fuzz(repo: &Repo, log: &Log, shared: &Shared) {
    log.step("fuzz, 20 s each");
    note(shared, crate::fuzz::run(repo, 20, &[], log), "fuzz");
}

/// The instruction benchmark still builds, every case still returns what
/// it should, and callgrind still counts every measured function (the
/// figures are BENCHMARKS.md's, from the benchmark runs).
pub fn bench_insns(repo: &Repo, log: &Log, shared: &Shared) {
    log.step("bench-insns");
    note(shared, crate::bench::insns_into(repo, log), "bench-insns");
}

/// The examples: `bind` with every address form and with bad input, and
/// `reuseport`.
pub fn examples(repo: &Repo, log: &Log, shared: &Shared) {
    let run = |args: &[&str]| -> Result<(String, String, bool), String> {
        let out = repo
            .cargo(None)
            .args(["run", "-q", "--example"])
            .args(args)
            .output()?;
        Ok((
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.success(),
        ))
    };
    let dir = repo.target_dir.join("examples");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("example.sock");
    let abstract_name = format!("@rawbind-example-{}", std::process::id());
    let forms = [
        "127.0.0.1:0",
        "[::1]:0",
        path.to_str().unwrap_or(""),
        &abstract_name,
        "unnamed",
        "netlink:0:0x0",
    ];
    for form in forms {
        log.step(format_args!("example: bind {form}"));
        match run(&["bind", "--", form]) {
            Ok((out, _, true)) => {
                log.line(out.trim_end());
                let kernel = out.lines().find_map(|l| l.strip_prefix("kernel: "));
                let strace = out
                    .lines()
                    .any(|l| l.starts_with("getsockname: {sa_family="));
                let port_given = form != "127.0.0.1:0"
                    || kernel
                        .and_then(|k| k.strip_prefix("127.0.0.1:"))
                        .and_then(|p| p.parse::<u16>().ok())
                        .is_some_and(|p| p != 0);
                if kernel.is_none() || !strace || !port_given {
                    shared.fail(format!(
                        "example bind {form}: no kernel address or strace line"
                    ));
                }
            }
            Ok((out, err, false)) => shared.fail(format!("example bind {form} failed: {out}{err}")),
            Err(e) => shared.fail(e),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    // Bad input: a usage message and exit status 2, before any syscall, no panic.
    let long_abstract = format!("@{}", "x".repeat(108));
    let long_path = format!("/{}", "x".repeat(120));
    for bad in [
        "not an address",
        &long_abstract,
        &long_path,
        "netlink:00:0x0",
    ] {
        log.step(format_args!("example: bind {:.24}... (bad input)", bad));
        let out = repo
            .cargo(None)
            .args(["run", "-q", "--example", "bind", "--", bad])
            .output();
        match out {
            Ok(out) => {
                let text = String::from_utf8_lossy(&out.stderr);
                log.line(text.trim_end());
                if out.status.code() != Some(2)
                    || text.contains("panicked")
                    || !text.contains("usage:")
                {
                    shared.fail(format!(
                        "example bind {bad:.24}: exit {}, not a usage error",
                        out.status
                    ));
                }
            }
            Err(e) => shared.fail(e),
        }
    }
    log.step("example: tcp_server 3, three clients connected by the harness");
    match tcp_server(repo) {
        Ok(out) => log.line(out.trim_end()),
        Err(e) => shared.fail(format!("example tcp_server: {e}")),
    }
    log.step("example: reuseport 4");
    match run(&["reuseport", "--", "4"]) {
        Ok((out, _, true)) => {
            log.line(out.trim_end());
            let shared_port = out.lines().any(|l| {
                l.strip_prefix("4 listeners share 127.0.0.1:")
                    .and_then(|p| p.parse::<u16>().ok())
                    .is_some_and(|p| p != 0)
            });
            if !shared_port || !out.lines().any(|l| l.starts_with("4 clients connected")) {
                shared.fail("example reuseport: its output");
            }
        }
        Ok((out, err, false)) => shared.fail(format!("example reuseport failed: {out}{err}")),
        Err(e) => shared.fail(e),
    }
}

/// build.rs refuses each refused target, naming it. (A triple rustc does
/// not know cannot be tried; it is said so.)
pub fn refusals(repo: &Repo, log: &Log, shared: &Shared) {
    let known = Cmd::new("rustc")
        .args(["+nightly", "--print", "target-list"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for r in &repo.table.refused {
        log.step(format_args!("build.rs refuses {}", r.triple));
        if !known.lines().any(|l| l == r.triple) {
            log.line(format_args!("not tried: rustc has no target {}", r.triple));
            continue;
        }
        let out = repo
            .cargo(Some("+nightly"))
            .args([
                "check",
                "-q",
                "-Zbuild-std=core",
                "--no-default-features",
                "--target",
                &r.triple,
            ])
            .env("CARGO_TARGET_DIR", repo.target_dir.join("refusals"))
            .output();
        let want = format!("rawbind does not support the target `{}`", r.triple);
        match out {
            Ok(out)
                if !out.status.success()
                    && String::from_utf8_lossy(&out.stderr).contains(&want) =>
            {
                let text = String::from_utf8_lossy(&out.stderr);
                log.line(text.lines().find(|l| l.contains("rawbind")).unwrap_or(""));
            }
            Ok(out) => {
                log.line(String::from_utf8_lossy(&out.stderr).trim_end());
                shared.fail(format!("build.rs did not refuse {} by name", r.triple));
            }
            Err(e) => shared.fail(e),
        }
    }
}

/// Runs `tcp_server 3`, connects three clients to the address it prints,
/// and checks that it printed each client's own address as the peer it
/// accepted, in order, and that each client then read end-of-file.
fn tcp_server(repo: &Repo) -> Result<String, String> {
    use std::io::{BufRead, BufReader, Read};
    let mut child = repo
        .cargo(None)
        .args(["run", "-q", "--example", "tcp_server", "--", "3"])
        .spawn_piped(&Log::stdout())?;
    let mut lines = BufReader::new(child.stdout.take().ok_or("no stdout")?).lines();
    let first = lines
        .next()
        .ok_or("it printed nothing")?
        .map_err(|e| e.to_string())?;
    let addr: std::net::SocketAddr = first
        .strip_prefix("listening on ")
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| format!("its first line is {first:?}"))?;
    let mut want = Vec::new();
    for _ in 0..3 {
        let mut client = std::net::TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
        want.push(format!(
            "accepted {}",
            client.local_addr().map_err(|e| e.to_string())?
        ));
        let mut rest = Vec::new();
        client
            .read_to_end(&mut rest)
            .map_err(|e| format!("read: {e}"))?;
    }
    let got: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().map_err(|e| e.to_string())?;
    if got != want || !status.success() {
        return Err(format!(
            "it printed {got:?} for clients {want:?} ({status})"
        ));
    }
    Ok(format!("{first}\n{}", got.join("\n")))
}
