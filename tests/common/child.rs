//! Forked children: for checks that change the process (credentials, seccomp
//! filters, the socketcall choice) or race with other test threads over
//! descriptor numbers and mappings.
//!
//! After fork the child is a copy of one thread of a multi-threaded process,
//! so it may only make system calls: what it runs must not allocate (build
//! every address, path and filter before forking) and must not panic.
//!
//! Under QEMU user mode the same holds one level down, for QEMU's own
//! locks: QEMU 10 forks the guest while another guest thread may hold one,
//! and the child then waits on it forever (seen on s390x: the umask test in
//! `server.rs` hung in about one run in five while another test's threads
//! were busy, and in none of 40 runs one test at a time). So the tests run
//! one at a time under QEMU: `RUST_TEST_THREADS=1` in `.cargo/config.toml`'s
//! runners and in the harness.

use std::io::{ErrorKind, Read};
use std::os::fd::{FromRawFd, OwnedFd};

/// The status a child exits with if anything in it unwinds.
const EXIT_UNWOUND: i32 = 255;

/// Exits the child if anything in it unwinds, so it never returns into the
/// test harness.
struct ExitOnUnwind;

impl Drop for ExitOnUnwind {
    fn drop(&mut self) {
        // SAFETY: _exit ends the process at once; it is async-signal-safe.
        unsafe { libc::_exit(EXIT_UNWOUND) }
    }
}

/// Runs `f` in a forked child, which exits with the status `f` returns, and
/// returns that status. Panics if the child unwound or was killed.
pub fn exit_status(f: impl FnOnce() -> i32) -> i32 {
    // SAFETY: fork has no preconditions; the child runs only `f`, which the
    // caller keeps to system calls, and leaves by _exit.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        let _guard = ExitOnUnwind;
        let code = f();
        // SAFETY: _exit ends the process at once; it is async-signal-safe.
        unsafe { libc::_exit(code) }
    }
    let mut status = 0;
    loop {
        // SAFETY: `status` is a valid int for the kernel to write; `pid` is our child.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        assert_eq!(e.kind(), ErrorKind::Interrupted, "waitpid: {e}");
    }
    assert!(
        libc::WIFEXITED(status),
        "child did not exit normally: status {status:#x}"
    );
    let code = libc::WEXITSTATUS(status);
    assert_ne!(code, EXIT_UNWOUND, "child panicked");
    code
}

/// In a forked child: drops every group and becomes uid and gid 65534
/// (nobody), with no capabilities left. Whether it could.
pub fn become_nobody() -> bool {
    // SAFETY: setgroups/setgid/setuid read no memory here (a null list of
    // length 0) and change only this, now single-threaded, process.
    unsafe {
        libc::setgroups(0, std::ptr::null()) == 0
            && libc::setgid(65534) == 0
            && libc::setuid(65534) == 0
    }
}

/// Runs `f` in a forked child and returns its verdict: `Err(why)` carries the
/// message the child failed with, sent back through a pipe.
pub fn verdict(f: impl FnOnce() -> Result<(), &'static str>) -> Result<(), String> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(r, 0, "pipe2: {}", std::io::Error::last_os_error());
    // SAFETY: pipe2 just opened both descriptors and nothing else owns them.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    let code = exit_status(|| match f() {
        Ok(()) => 0,
        Err(why) => {
            // SAFETY: `why` is readable for its length; the write end is open.
            unsafe { libc::write(fds[1], why.as_ptr().cast(), why.len()) };
            1
        }
    });
    drop(write_end);
    let mut why = String::new();
    std::fs::File::from(read_end)
        .read_to_string(&mut why)
        .unwrap();
    match code {
        0 => Ok(()),
        _ => Err(why),
    }
}
