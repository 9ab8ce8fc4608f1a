//! Binds made by many threads at once: the kernel settles who gets a port,
//! and rawbind adds no shared state that could break under the race. The
//! only state rawbind shares between threads is the socketcall fallback flag
//! of the architectures that have `socketcall(2)`, tested last.
//!
//! Every thread makes its socket first and then waits at a [`Barrier`], so
//! the binds are made as nearly at once as threads allow.

mod common;

use std::net::{Ipv4Addr, SocketAddrV4};
use std::sync::{Arc, Barrier};
use std::thread;

use rawbind::{bind, getsockname, socket, Errno, Family, SockAddr, SockType};

/// How many threads bind at once.
const THREADS: usize = 8;

/// How many ports a test tries before it concludes that something other than
/// its own threads keeps taking them.
const ATTEMPTS: usize = 5;

/// A 127.0.0.1 port that was free a moment ago: the kernel's pick for a
/// probe socket bound to port 0, closed again. (Another process may take it
/// in between; the tests notice that every bind failed and try a new port.)
fn recently_free_port() -> u16 {
    let probe = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&probe, &common::loopback_v4()).unwrap();
    match getsockname(&probe).unwrap() {
        SockAddr::V4(a) => a.port(),
        other => panic!("getsockname of an AF_INET socket gave {other:?}"),
    }
}

/// `THREADS` threads each make a TCP socket, set SO_REUSEPORT on it if
/// `reuse_port`, wait for the others, then bind 127.0.0.1:`port`. Returns each
/// thread's outcome: the port getsockname reports after a successful bind, or
/// bind's errno.
fn bind_at_once(port: u16, reuse_port: bool) -> Vec<Result<u16, Errno>> {
    let addr = SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
                if reuse_port {
                    rawbind::set_reuse_port(&fd, true).unwrap();
                }
                barrier.wait();
                let outcome = bind(&fd, &addr).map(|()| match getsockname(&fd).unwrap() {
                    SockAddr::V4(a) => a.port(),
                    other => panic!("getsockname of an AF_INET socket gave {other:?}"),
                });
                // All threads hold their sockets until all have bound, so a
                // winner's port is not freed while others still try it.
                barrier.wait();
                outcome
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// EADDRINUSE under a race: 8 threads bind TCP sockets without SO_REUSEADDR
/// or SO_REUSEPORT to the same 127.0.0.1 port at once; exactly one bind
/// succeeds (getsockname then reports that port) and the 7 others fail with
/// `EADDRINUSE`. Which thread wins varies; that one does, never two and never
/// none, is the kernel's guarantee and what this checks. (Were every bind
/// to fail, another process took the port first: the test tries another.)
#[test]
fn eaddrinuse_eight_threads_binding_one_port_at_once_exactly_one_wins() {
    for _ in 0..ATTEMPTS {
        let port = recently_free_port();
        let outcomes = bind_at_once(port, false);
        if outcomes.iter().all(|o| *o == Err(Errno::EADDRINUSE)) {
            continue;
        }
        let won = outcomes.iter().filter(|o| **o == Ok(port)).count();
        let in_use = outcomes
            .iter()
            .filter(|o| **o == Err(Errno::EADDRINUSE))
            .count();
        assert_eq!((won, in_use), (1, THREADS - 1), "port {port}: {outcomes:?}");
        return;
    }
    panic!("every bind failed with EADDRINUSE on {ATTEMPTS} ports in turn");
}

/// SO_REUSEPORT under a race: 8 threads of one process (so one uid) each set
/// SO_REUSEPORT on a TCP socket and bind the same 127.0.0.1 port at once;
/// all 8 succeed, and getsockname reports that port on each.
#[test]
fn so_reuseport_eight_threads_binding_one_port_at_once_all_win() {
    for _ in 0..ATTEMPTS {
        let port = recently_free_port();
        let outcomes = bind_at_once(port, true);
        // Every bind failing means another process's socket, without
        // SO_REUSEPORT or of another user, holds the port: try another.
        if outcomes.iter().all(|o| *o == Err(Errno::EADDRINUSE)) {
            continue;
        }
        assert_eq!(outcomes, vec![Ok(port); THREADS], "port {port}");
        return;
    }
    panic!("every bind failed with EADDRINUSE on {ATTEMPTS} ports in turn");
}

/// The socketcall fallback under concurrent first use, on the architectures
/// that have `socketcall(2)`.
///
/// A seccomp filter makes the direct bind answer `ENOSYS`. It is installed
/// in a fresh copy of this test program, started (fork, filter, exec) for
/// this one test with [`CHILD`] set: its threads need a process of their
/// own, which a forked child of the multi-threaded test harness is not (it
/// may only make system calls). A filter outlives exec and binds every
/// thread the copy starts.
// build.rs sets this cfg for every target of the package, tests included.
#[cfg(rawbind_has_socketcall)]
mod fallback {
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    use linux_raw_sys::general::__NR_bind;
    use rawbind::{Errno, Family, SockType};

    use super::common::seccomp::Filter;
    use super::{common, Arc, Barrier, THREADS};

    /// Set in the environment of the filtered copy of this program.
    const CHILD: &str = "RAWBIND_CONCURRENCY_FILTERED_CHILD";

    /// What this build's 8 concurrent binds must give under the filter, and
    /// what `uses_socketcall()` must say after them.
    #[cfg(not(rawbind_direct))]
    const EXPECTED: (Result<(), Errno>, bool) = (Ok(()), true);
    #[cfg(rawbind_direct)]
    const EXPECTED: (Result<(), Errno>, bool) = (Err(Errno::ENOSYS), false);

    /// Runs this module's test `name` again in a new process, behind a
    /// filter that answers the direct bind with `ENOSYS`, and checks that it
    /// passed there.
    fn run_filtered(name: &str) {
        if !common::seccomp::usable(name) {
            return;
        }
        let filter = Filter::fail(&[(__NR_bind, linux_raw_sys::errno::ENOSYS)]);
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args([&format!("fallback::{name}"), "--exact", "--test-threads=1"])
            .env(CHILD, "1")
            .env_remove("RAWBIND_SKIP_LOG");
        // SAFETY: the closure runs in the forked child before exec, and makes
        // only the two prctl calls of `Filter::install`, which allocate
        // nothing: the filter was built before the fork.
        unsafe {
            command.pre_exec(move || {
                filter
                    .install()
                    .map_err(|_| std::io::Error::last_os_error())
            });
        }
        let out = command.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let report = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "the filtered run failed:\n{report}");
        assert!(
            stdout.contains("1 passed"),
            "the filtered run did not run {name}:\n{report}"
        );
    }

    /// In the filtered copy: 8 threads make their sockets (the filter
    /// spares `socket`), then bind 127.0.0.1:0 at once; returns what each
    /// bind gave and what `uses_socketcall()` says afterwards.
    fn bind_at_once_behind_the_filter() -> (Vec<Result<(), Errno>>, bool) {
        assert!(
            !rawbind::raw::uses_socketcall() || cfg!(rawbind_socketcall),
            "socketcall was chosen before any bind"
        );
        let barrier = Arc::new(Barrier::new(THREADS));
        let threads: Vec<_> = (0..THREADS)
            .map(|_| {
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    let fd = rawbind::socket(Family::Inet, SockType::Stream, 0).unwrap();
                    barrier.wait();
                    rawbind::bind(&fd, &common::loopback_v4())
                })
            })
            .collect();
        let outcomes = threads.into_iter().map(|t| t.join().unwrap()).collect();
        (outcomes, rawbind::raw::uses_socketcall())
    }

    /// Default and `rawbind_socketcall` builds: with the direct bind
    /// answering `ENOSYS`, 8 threads binding at once as the process's first
    /// binds all succeed (each that saw `ENOSYS` retries through socketcall,
    /// whatever the others have stored in the shared flag meanwhile), and
    /// `uses_socketcall()` is true afterwards. With `--cfg rawbind_direct`,
    /// where there is no fallback, all 8 return the `ENOSYS` and
    /// `uses_socketcall()` stays false.
    #[test]
    fn enosys_from_direct_bind_in_eight_threads_at_once_each_bind_gets_the_builds_answer() {
        const NAME: &str =
            "enosys_from_direct_bind_in_eight_threads_at_once_each_bind_gets_the_builds_answer";
        if std::env::var_os(CHILD).is_none() {
            return run_filtered(NAME);
        }
        let (outcomes, uses_socketcall) = bind_at_once_behind_the_filter();
        let (each, after) = EXPECTED;
        assert_eq!(outcomes, vec![each; THREADS]);
        assert_eq!(uses_socketcall, after, "uses_socketcall() after the binds");
    }
}
