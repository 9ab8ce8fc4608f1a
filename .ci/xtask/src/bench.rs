//! User-space instructions of ONE bind(2) call through rawbind, glibc,
//! rustix, nix and socket2, and through a hand-written `syscall` (the
//! floor), counted by callgrind: exact and repeatable, unlike time. The
//! kernel's instructions are not counted (valgrind sees only user space).
//!
//! benches/peers's `insns` program makes each case's call CALLS times under
//! `valgrind --tool=callgrind --toggle-collect=<symbol> --dump-after=<symbol>`,
//! so callgrind writes one profile per call; a case counts only if there are
//! exactly CALLS of them, each made after its symbol, all equal and non-zero
//! (zero would mean the toggle matched nothing), and nothing was counted
//! outside them. The case's result (success, or EBADF) is checked by the
//! program itself. The tables go to stdout and to target/bench/insns.md.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use serde::Deserialize;

use crate::cmd::{first_line, Cmd, Log};
use crate::Repo;

const CALLS: usize = 10;

/// `cargo xtask bench-insns`.
pub fn insns(repo: &Repo) -> Result<(), String> {
    insns_into(repo, &Log::stdout())
}

/// Measures every case and writes the report to `log` and insns.md.
pub fn insns_into(repo: &Repo, log: &Log) -> Result<(), String> {
    let out = repo.root.join("target/bench");
    repo.cargo(None)
        .args([
            "build",
            "-q",
            "--release",
            "--manifest-path",
            "benches/peers/Cargo.toml",
            "--bin",
            "insns",
        ])
        .arg("--target-dir")
        .arg(&out)
        .run(log)?;
    let bin = out.join("release/insns");
    Cmd::new(&bin)
        .arg("all")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .ok_or_else(|| {
            format!(
                "a case did not return what it should (run {} all)",
                bin.display()
            )
        })?;
    let list = Cmd::new(&bin).arg("--list").output()?;
    let cases: Vec<(String, String)> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(c, s)| (c.to_owned(), s.trim().to_owned()))
        .collect();
    if cases.is_empty() {
        return Err(format!("{} --list named no case", bin.display()));
    }

    let work = out.join("callgrind");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let counts: Mutex<BTreeMap<String, Result<u64, String>>> = Mutex::default();
    let queue = Mutex::new(cases.iter());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let Some((case, symbol)) = queue.lock().unwrap().next() else {
                    return;
                };
                let count = measure(&bin, &work, case, symbol);
                counts.lock().unwrap().insert(case.clone(), count);
            });
        }
    });
    let counts = counts.into_inner().unwrap();
    let errors: Vec<String> = counts
        .iter()
        .filter_map(|(c, r)| r.as_ref().err().map(|e| format!("{c}: {e}")))
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "some cases could not be counted: {}",
            errors.join("; ")
        ));
    }
    let counts: BTreeMap<String, u64> = counts
        .into_iter()
        .map(|(c, r)| (c, r.unwrap_or(0)))
        .collect();
    let report = report(repo, &counts);
    log.line(&report);
    std::fs::write(out.join("insns.md"), report).map_err(|e| e.to_string())
}

/// The per-call count of one case.
fn measure(bin: &Path, work: &Path, case: &str, symbol: &str) -> Result<u64, String> {
    let base = case.replace('/', "_");
    let out = Cmd::new("valgrind")
        .args(["--tool=callgrind", "--collect-atstart=no"])
        .arg(format!("--toggle-collect={symbol}"))
        .arg(format!("--dump-after={symbol}"))
        .arg(format!("--callgrind-out-file={}/{base}.%p", work.display()))
        .arg(bin)
        .args([case, &CALLS.to_string()])
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "valgrind or the case failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // `BASE.PID` holds what was counted outside the calls; `BASE.PID.N`, one per dump.
    let mut dumps = Vec::new();
    let mut rest = 0;
    for entry in std::fs::read_dir(work)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(suffix) = name.strip_prefix(&format!("{base}.")) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).map_err(|e| e.to_string())?;
        let totals: u64 = text
            .lines()
            .find_map(|l| l.strip_prefix("totals:"))
            .and_then(|t| t.split_whitespace().next()?.parse().ok())
            .unwrap_or(0);
        if suffix.contains('.') {
            let trigger = text
                .lines()
                .find_map(|l| l.strip_prefix("desc: Trigger: "))
                .unwrap_or("");
            dumps.push((totals, trigger == format!("--dump-after={symbol}")));
        } else {
            rest += totals;
        }
    }
    let mut bad = Vec::new();
    if dumps.len() != CALLS {
        bad.push(format!(
            "{} dumps for {CALLS} calls (did the toggle match {symbol}?)",
            dumps.len()
        ));
    }
    if dumps.iter().any(|(n, _)| *n == 0) {
        bad.push("a call counted 0 instructions".to_owned());
    }
    if dumps.windows(2).any(|w| w[0].0 != w[1].0) {
        bad.push("the calls' counts differ".to_owned());
    }
    if dumps.iter().any(|(_, after)| !after) {
        bad.push(format!("a dump not made after {symbol}"));
    }
    if rest != 0 {
        bad.push(format!("{rest} instructions counted outside the calls"));
    }
    match (bad.is_empty(), dumps.first()) {
        (true, Some((n, _))) => Ok(*n),
        _ => Err(bad.join("; ")),
    }
}

const FAMILIES: [(&str, &str, &str); 4] = [
    ("v4", "V4", "V4 127.0.0.1:0"),
    ("v6", "V6", "V6 [::1]:0"),
    ("unix", "Unix", "Unix path"),
    ("accept", "accept", "accept4, V4 peer"),
];
const PATHS: [(&str, &str); 2] = [("ok", "success"), ("ebadf", "EBADF")];

fn report(repo: &Repo, counts: &BTreeMap<String, u64>) -> String {
    let count = |f: &str, p: &str, col: &str| counts.get(&format!("{f}/{p}/{col}")).copied();
    let cell = |n: Option<u64>| n.map_or("–".to_owned(), |n| n.to_string());
    let table = |title: &str, cols: &[(&str, &str)]| {
        let mut s = format!("\n{title}\n\n| case |");
        for (_, h) in cols {
            s += &format!(" {h} |");
        }
        s += "\n|------|";
        for _ in cols {
            s += "---:|";
        }
        s += "\n";
        for (f, _, fname) in FAMILIES {
            for (p, pname) in PATHS {
                // A case no column of this table measures is not a row of it.
                if cols.iter().all(|(c, _)| count(f, p, c).is_none()) {
                    continue;
                }
                s += &format!("| {fname}, {pname} |");
                for (c, _) in cols {
                    s += &format!(" {} |", cell(count(f, p, c)));
                }
                s += "\n";
            }
        }
        s
    };
    let ratios = |to: &str| {
        FAMILIES
            .iter()
            .map(|(f, short, _)| {
                let r = |p: &str| match (count(f, p, "rawbind-typed"), count(f, p, to)) {
                    (Some(a), Some(b)) if b > 0 => format!("{:.1}", a as f64 / b as f64),
                    _ => "–".to_owned(),
                };
                format!("{short} {}/{}", r("ok"), r("ebadf"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };

    let commit = first_line(Cmd::new("git").arg("-C").arg(&repo.root).args([
        "rev-parse",
        "--short",
        "HEAD",
    ]))
    .unwrap_or_else(|| "?".to_owned());
    let dirty = !Cmd::new("git")
        .arg("-C")
        .arg(&repo.root)
        .args(["diff", "--quiet", "HEAD", "--", "src", "arch"])
        .output()
        .is_ok_and(|o| o.status.success());
    let glibc = first_line(Cmd::new("ldd").arg("--version")).unwrap_or_default();
    let mut s = "# User-space instructions per bind(2) call\n\n".to_owned();
    s += &format!(
        "rawbind {commit}{}; {}; {}; callgrind ({}), one run per case, {CALLS} calls each, all equal.\n",
        if dirty { " + uncommitted changes" } else { "" },
        first_line(Cmd::new("rustc").arg("--version"))
            .unwrap_or_default()
            .split(' ')
            .take(2)
            .collect::<Vec<_>>()
            .join(" "),
        glibc.trim_start_matches("ldd "),
        first_line(Cmd::new("valgrind").arg("--version")).unwrap_or_default(),
    );
    s += &format!(
        "Peers: {}.\n",
        peers(&repo.root.join("benches/peers/Cargo.lock"))
    );
    s += &table(
        "Per call, from what a program usually holds (typed: std's SocketAddrV4/V6 or a &Path, converted inside the count) or the library's own prebuilt address:",
        &[
            ("rawbind-typed", "rawbind (typed)"),
            ("rawbind-prebuilt", "rawbind (prebuilt)"),
            ("libc-prebuilt", "libc (prebuilt)"),
            ("rustix-typed", "rustix (typed)"),
            ("nix-typed", "nix (typed)"),
            ("socket2-typed", "socket2 (typed)"),
            ("floor", "floor"),
        ],
    );
    s += &format!(
        "\nrawbind (typed) ÷ floor, success/EBADF: {}. rawbind (typed) ÷ rustix (typed): {}.\n",
        ratios("floor"),
        ratios("rustix-typed")
    );
    s += &table(
        "The other flavours: rawbind's raw::bind with encoded bytes, glibc with the errno read on failure, each peer with its own address type built outside the count:",
        &[
            ("rawbind-own", "rawbind (own UnixAddr, prebuilt)"),
            ("rawbind-raw", "rawbind raw::bind (prebuilt bytes)"),
            ("libc-errno", "libc + errno"),
            ("rustix-prebuilt", "rustix (prebuilt)"),
            ("nix-prebuilt", "nix (prebuilt)"),
            ("socket2-prebuilt", "socket2 (prebuilt)"),
        ],
    );
    s += "\nBuilding the address alone (no syscall): std::net::SocketAddr, or a &Path through UnixAddr::from_path, to rawbind::SockAddr, to SockAddr::encode's RawSockAddr:\n\n| address | rawbind |\n|---------|---:|\n";
    for (f, _, fname) in FAMILIES {
        s += &format!(
            "| {fname} | {} |\n",
            cell(count(f, "build", "rawbind-build"))
        );
    }
    s += "\nfloor: mov eax, SYS_bind; syscall, with the sockaddr built outside; the raw result, nothing decoded (for accept4: into a sockaddr_storage given by the caller).\n";
    s += "accept4: a connection pending on a listener on 127.0.0.1; the new descriptor is closed outside the count.\n";
    s += "EBADF: fd -1, or i32::MAX where the API cannot hold -1; either way only a register.\n";
    s += "nix and socket2 read errno on failure (their error value needs it); libc (prebuilt) does not, libc + errno does.\n";
    s
}

/// `libc 0.2.191, nix 0.31.3, ...` from the peers' lock file.
fn peers(lock: &Path) -> String {
    #[derive(Deserialize)]
    struct Lock {
        package: Vec<Package>,
    }
    #[derive(Deserialize)]
    struct Package {
        name: String,
        version: String,
    }
    let Ok(lock) = std::fs::read_to_string(lock)
        .map_err(|e| e.to_string())
        .and_then(|t| toml::from_str::<Lock>(&t).map_err(|e| e.to_string()))
    else {
        return "?".to_owned();
    };
    let mut found: Vec<String> = lock
        .package
        .iter()
        .filter(|p| ["libc", "nix", "rustix", "socket2"].contains(&p.name.as_str()))
        .map(|p| format!("{} {}", p.name, p.version))
        .collect();
    found.sort();
    found.join(", ")
}
