//! `raw::SYSCALLS`, the system calls rawbind's own code can make, is exact:
//! each row is `linux-raw-sys`'s number for its call, once per entry the
//! build takes; no code of the crate makes a system call but through a
//! definition that lists it; every public function runs under a seccomp
//! allowlist of the list alone (so the list is complete); and each row taken
//! out of that allowlist, answered `EPERM`, makes the function that needs it
//! fail with `EPERM` (so no row is dead weight).
//!
//! The seccomp tests install their filter in a forked child
//! (`common::child`), natively; QEMU user mode refuses seccomp, so they skip
//! by name under it. `cargo xtask test` runs this file on i386 in each entry
//! mode: the default build's rows for `socketcall(2)` are shown with a filter
//! that answers the direct numbers with `ENOSYS`, which makes rawbind fall
//! back.

mod common;

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use linux_raw_sys::errno::{ENOSYS, ENOTRECOVERABLE, EPERM};
use linux_raw_sys::general::{__NR_exit_group, __NR_write};
use rawbind::raw::{Entry, Syscall, SOCKET_CALL_ENTRIES, SYSCALLS};
use rawbind::{Errno, Family, SockType, UnixAddr};

use common::seccomp::{Action, Filter, Rule};

/// The errno the filters answer a call outside the list with: no call here
/// returns it by itself.
const MARK: u32 = ENOTRECOVERABLE;

// ---- The list itself ----

/// `linux-raw-sys`'s numbers for a call rawbind makes, by name: its own
/// number, and its `socketcall(2)` sub-call if it is a socket call. The
/// test's own oracle, looked up by the name each row gives.
fn numbers_of(name: &str) -> Option<(u32, Option<u32>)> {
    use linux_raw_sys::general as g;
    use linux_raw_sys::net as n;
    Some(match name {
        "socket" => (g::__NR_socket, Some(n::SYS_SOCKET)),
        "bind" => (g::__NR_bind, Some(n::SYS_BIND)),
        "listen" => (g::__NR_listen, Some(n::SYS_LISTEN)),
        "accept4" => (g::__NR_accept4, Some(n::SYS_ACCEPT4)),
        "connect" => (g::__NR_connect, Some(n::SYS_CONNECT)),
        "getsockname" => (g::__NR_getsockname, Some(n::SYS_GETSOCKNAME)),
        "getpeername" => (g::__NR_getpeername, Some(n::SYS_GETPEERNAME)),
        "shutdown" => (g::__NR_shutdown, Some(n::SYS_SHUTDOWN)),
        "setsockopt" => (g::__NR_setsockopt, Some(n::SYS_SETSOCKOPT)),
        "getsockopt" => (g::__NR_getsockopt, Some(n::SYS_GETSOCKOPT)),
        #[cfg(target_pointer_width = "64")]
        "fcntl" => (g::__NR_fcntl, None),
        #[cfg(target_pointer_width = "32")]
        "fcntl64" => (g::__NR_fcntl64, None),
        "fchmod" => (g::__NR_fchmod, None),
        "unlinkat" => (g::__NR_unlinkat, None),
        "close" => (g::__NR_close, None),
        _ => return None,
    })
}

#[test]
fn syscalls_rows_are_linux_raw_sys_numbers_of_their_calls_one_per_entry_of_the_build() {
    let mut seen = BTreeSet::new();
    for row in SYSCALLS {
        let (nr, sub_call) =
            numbers_of(row.name).unwrap_or_else(|| panic!("{row:?}: not a call rawbind makes"));
        match row.entry {
            Entry::Only | Entry::Direct => {
                assert_eq!((row.nr, row.sub_call), (nr, None), "{row:?}");
            }
            Entry::Socketcall => {
                #[cfg(rawbind_has_socketcall)]
                assert_eq!(row.nr, linux_raw_sys::general::__NR_socketcall, "{row:?}");
                assert_eq!(row.sub_call, sub_call, "{row:?}");
            }
        }
        assert!(
            seen.insert((row.nr, row.sub_call)),
            "{row:?} is listed twice"
        );
        // A call that is not a socket call has one entry, its own number.
        if sub_call.is_none() {
            assert_eq!(row.entry, Entry::Only, "{row:?}");
        } else {
            assert!(SOCKET_CALL_ENTRIES.contains(&row.entry), "{row:?}");
        }
    }
    // Each socket call once per entry the build takes, each other call once.
    let calls: BTreeSet<&str> = SYSCALLS.iter().map(|s| s.name).collect();
    for name in &calls {
        let rows = SYSCALLS.iter().filter(|s| s.name == *name).count();
        let want = match numbers_of(name) {
            Some((_, Some(_))) => SOCKET_CALL_ENTRIES.len(),
            _ => 1,
        };
        assert_eq!(rows, want, "rows of {name}");
    }
    assert_eq!(calls.len(), 14, "{calls:?}");
    let want_entries: &[Entry] = if cfg!(not(rawbind_has_socketcall)) {
        &[Entry::Only]
    } else if cfg!(rawbind_direct) {
        &[Entry::Direct]
    } else if cfg!(rawbind_socketcall) {
        &[Entry::Socketcall]
    } else {
        &[Entry::Direct, Entry::Socketcall]
    };
    assert_eq!(SOCKET_CALL_ENTRIES, want_entries);
}

/// The code lines (comments cut off) of every `.rs` file under `dir`, as
/// (path, line number, line).
fn code_lines(dir: &Path, out: &mut Vec<(String, usize, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            code_lines(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let shown = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&path)
                .display()
                .to_string();
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("").trim();
                if !code.is_empty() {
                    out.push((shown.clone(), i + 1, code.to_owned()));
                }
            }
        }
    }
}

/// The crate makes a system call only through a descriptor that `calls!` or
/// `socket_calls!` defined, which lists it: a call added without its row
/// fails here, before any kernel sees it. What may touch the primitives:
/// the `arch/` stubs (their definitions), `raw`'s public `syscallN`
/// wrappers, the dispatcher (`src/raw/socketcall.rs`) and the descriptors'
/// own methods (`src/raw/syscalls.rs`).
#[test]
fn no_code_of_the_crate_makes_a_system_call_except_through_a_listed_definition() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lines = Vec::new();
    code_lines(&root.join("src"), &mut lines);
    code_lines(&root.join("arch"), &mut lines);
    assert!(lines.len() > 1000, "read only {} lines", lines.len());
    let primitives = [
        "syscall0(",
        "syscall1(",
        "syscall2(",
        "syscall3(",
        "syscall4(",
        "syscall5(",
        "syscall6(",
        "socket_call(",
        "socketcall(",
        "asm!(",
    ];
    let mut found = Vec::new();
    for (file, n, code) in &lines {
        let may_call = match file.as_str() {
            "src/raw/syscalls.rs" | "src/raw/socketcall.rs" | "src/raw/stubs.rs" => true,
            "src/raw/mod.rs" => code.contains("arch::syscall"),
            f => f.starts_with("arch/"),
        };
        let defines = code.contains("fn ");
        for p in primitives {
            let at = code.match_indices(p).any(|(i, _)| {
                // `socket_call(` inside `raw::socket_call(` counts; the word must start there.
                !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if at && !defines && !may_call {
                found.push(format!("{file}:{n}: {code}"));
            }
        }
        let makes_descriptor = code.contains("Call::new(") || code.contains("Call {");
        if makes_descriptor && file != "src/raw/syscalls.rs" {
            found.push(format!(
                "{file}:{n}: a descriptor made outside calls!/socket_calls!: {code}"
            ));
        }
    }
    assert!(
        found.is_empty(),
        "system calls made without a listed definition (define the call with calls! or \
         socket_calls! and make it through the descriptor):\n{}",
        found.join("\n")
    );
}

// ---- Every public function, under seccomp ----

/// Each public function of rawbind that makes a system call, in the order
/// [`every_call`] calls it, with the rows (by name) it needs.
const STEPS: &[(&str, &[&str])] = &[
    ("socket", &["socket"]),
    ("socket_with", &["socket"]),
    ("set_reuse_addr", &["setsockopt"]),
    ("reuse_addr", &["getsockopt"]),
    ("set_reuse_port", &["setsockopt"]),
    ("reuse_port", &["getsockopt"]),
    ("set_ip_freebind", &["setsockopt"]),
    ("ip_freebind", &["getsockopt"]),
    ("set_ip_transparent", &["setsockopt"]),
    ("ip_transparent", &["getsockopt"]),
    ("set_ip_bind_address_no_port", &["setsockopt"]),
    ("ip_bind_address_no_port", &["getsockopt"]),
    ("set_ipv6_only", &["setsockopt"]),
    ("ipv6_only", &["getsockopt"]),
    ("set_ipv6_freebind", &["setsockopt"]),
    ("ipv6_freebind", &["getsockopt"]),
    ("set_ipv6_transparent", &["setsockopt"]),
    ("ipv6_transparent", &["getsockopt"]),
    ("bind_device", &["setsockopt"]),
    ("device", &["getsockopt"]),
    ("bind_device_by_index", &["setsockopt"]),
    ("device_index", &["getsockopt"]),
    ("socket_type", &["getsockopt"]),
    ("socket_family", &["getsockopt"]),
    ("socket_protocol", &["getsockopt"]),
    ("is_listening", &["getsockopt"]),
    ("take_error", &["getsockopt"]),
    ("set_cloexec", &["fcntl", "fcntl64"]),
    ("cloexec", &["fcntl", "fcntl64"]),
    ("set_nonblocking", &["fcntl", "fcntl64"]),
    ("nonblocking", &["fcntl", "fcntl64"]),
    ("bind", &["bind"]),
    ("getsockname", &["getsockname"]),
    ("listen", &["listen"]),
    ("connect", &["connect"]),
    ("getpeername", &["getpeername"]),
    ("accept", &["accept4"]),
    ("accept_with", &["accept4"]),
    ("accept_without_addr", &["accept4"]),
    ("shutdown", &["shutdown"]),
    ("raw::bind", &["bind"]),
    ("raw::setsockopt", &["setsockopt"]),
    ("raw::getsockopt", &["getsockopt"]),
    ("bind_with_mode", &["getsockopt", "fchmod", "bind"]),
    ("unlink", &["unlinkat"]),
    // Its close's answer is not returned: a descriptor still open after the
    // drop is the failure.
    ("drop(OwnedFd)", &["close"]),
];

/// Where [`every_call`] stopped: the step, and the errno.
struct Stop {
    step: &'static str,
    errno: Errno,
}

/// The step's result, or where it stopped.
fn at<T>(step: &'static str, r: Result<T, Errno>) -> Result<T, Stop> {
    r.map_err(|errno| Stop { step, errno })
}

/// Calls every public function of rawbind that makes a system call, each
/// as it succeeds against the kernel (unprivileged too), in [`STEPS`]'
/// order, and stops at the first that fails. Makes system calls only and
/// allocates nothing: it runs in a forked child. `path` is a free pathname
/// for a Unix socket.
fn every_call(path: &UnixAddr) -> Result<(), Stop> {
    use rawbind::*;
    let tcp = at("socket", socket(Family::Inet, SockType::Stream, 0))?;
    let flags = SocketFlags::CLOEXEC | SocketFlags::NONBLOCK;
    let udp = at(
        "socket_with",
        socket_with(Family::Inet, SockType::Dgram, flags, 0),
    )?;
    at("set_reuse_addr", set_reuse_addr(&tcp, true))?;
    at("reuse_addr", reuse_addr(&tcp))?;
    at("set_reuse_port", set_reuse_port(&udp, true))?;
    at("reuse_port", reuse_port(&udp))?;
    at("set_ip_freebind", set_ip_freebind(&udp, true))?;
    at("ip_freebind", ip_freebind(&udp))?;
    // Clearing it needs no privilege; setting it needs CAP_NET_ADMIN.
    at("set_ip_transparent", set_ip_transparent(&udp, false))?;
    at("ip_transparent", ip_transparent(&udp))?;
    at(
        "set_ip_bind_address_no_port",
        set_ip_bind_address_no_port(&udp, true),
    )?;
    at("ip_bind_address_no_port", ip_bind_address_no_port(&udp))?;
    let v6 = at("socket", socket(Family::Inet6, SockType::Dgram, 0))?;
    at("set_ipv6_only", set_ipv6_only(&v6, true))?;
    at("ipv6_only", ipv6_only(&v6))?;
    at("set_ipv6_freebind", set_ipv6_freebind(&v6, true))?;
    at("ipv6_freebind", ipv6_freebind(&v6))?;
    at("set_ipv6_transparent", set_ipv6_transparent(&v6, false))?;
    at("ipv6_transparent", ipv6_transparent(&v6))?;
    // Unbinding an unbound socket needs no privilege (Linux 5.7 and later).
    at("bind_device", bind_device(&udp, None))?;
    at("device", device(&udp))?;
    at("bind_device_by_index", bind_device_by_index(&udp, 0))?;
    at("device_index", device_index(&udp))?;
    at("socket_type", socket_type(&tcp))?;
    at("socket_family", socket_family(&tcp))?;
    at("socket_protocol", socket_protocol(&tcp))?;
    at("is_listening", is_listening(&tcp))?;
    at("take_error", take_error(&tcp))?;
    at("set_cloexec", set_cloexec(&tcp, true))?;
    at("cloexec", cloexec(&tcp))?;
    at("set_nonblocking", set_nonblocking(&tcp, false))?;
    at("nonblocking", nonblocking(&tcp))?;
    at(
        "bind",
        bind(&tcp, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
    )?;
    let bound = at("getsockname", getsockname(&tcp))?;
    at("listen", listen(&tcp, 2))?;
    let client = at("socket", socket(Family::Inet, SockType::Stream, 0))?;
    at("connect", connect(&client, &bound))?;
    at("getpeername", getpeername(&client))?;
    let (conn, _) = at("accept", accept(&tcp))?;
    let second = at("socket", socket(Family::Inet, SockType::Stream, 0))?;
    at("connect", connect(&second, &bound))?;
    let (_second_conn, _) = at("accept_with", accept_with(&tcp, SocketFlags::CLOEXEC))?;
    let third = at("socket", socket(Family::Inet, SockType::Stream, 0))?;
    at("connect", connect(&third, &bound))?;
    let _third_conn = at(
        "accept_without_addr",
        accept_without_addr(&tcp, SocketFlags::CLOEXEC),
    )?;
    at("shutdown", shutdown(&conn, Shutdown::Both))?;
    let raw_bound = at("socket", socket(Family::Inet, SockType::Dgram, 0))?;
    let v4 = SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).encode();
    // SAFETY: the kernel reads the encoded address during the call only.
    at("raw::bind", unsafe {
        raw::bind(raw_bound.as_raw_fd(), v4.as_ptr(), v4.len())
    })?;
    let on = 1i32.to_ne_bytes();
    let (level, keepalive) = (
        linux_raw_sys::net::SOL_SOCKET,
        linux_raw_sys::net::SO_KEEPALIVE,
    );
    // SAFETY: SO_KEEPALIVE's value is an int, no pointer.
    at("raw::setsockopt", unsafe {
        raw::setsockopt(tcp.as_raw_fd(), level, keepalive, &on)
    })?;
    let mut value = [0u8; 4];
    // SAFETY: as above; the kernel writes at most 4 bytes.
    at("raw::getsockopt", unsafe {
        raw::getsockopt(tcp.as_raw_fd(), level, keepalive, &mut value)
    })?;
    let unix = at("socket", socket(Family::Unix, SockType::Stream, 0))?;
    at("bind_with_mode", bind_with_mode(&unix, path, 0o600))?;
    at("unlink", unlink(path))?;
    let last = at("socket", socket(Family::Unix, SockType::Dgram, 0))?;
    let n = last.as_raw_fd();
    drop(last);
    // SAFETY: `n` is only asked about: fcntl(F_GETFD) on a number that may
    // or may not be open.
    let still_open = cloexec(unsafe { BorrowedFd::borrow_raw(n) }).is_ok();
    match still_open {
        true => Err(Stop {
            step: "drop(OwnedFd)",
            errno: Errno::EPERM,
        }),
        false => Ok(()),
    }
}

/// How a forked [`every_call`] ended, as its exit status carries it: 0 if
/// every step succeeded, else `1 + step + 64 * kind` where kind 0 is
/// `EPERM`, 1 the filter's `MARK`, 2 any other errno.
fn every_call_in_a_child(
    filter: Option<&Filter>,
    path: &UnixAddr,
) -> Result<(), (&'static str, u32)> {
    let code = common::child::exit_status(|| {
        if filter.is_some_and(|f| f.install().is_err()) {
            return 250;
        }
        match every_call(path) {
            Ok(()) => 0,
            Err(stop) => {
                let step = STEPS
                    .iter()
                    .position(|(s, _)| *s == stop.step)
                    .unwrap_or(63) as i32;
                let kind = match stop.errno.raw() as u32 {
                    EPERM => 0,
                    MARK => 1,
                    _ => 2,
                };
                1 + step + 64 * kind
            }
        }
    });
    match code {
        0 => Ok(()),
        250 => panic!("the filter could not be installed"),
        _ => {
            let (step, kind) = ((code - 1) % 64, (code - 1) / 64);
            let name = STEPS.get(step as usize).map_or("(no step)", |(s, _)| *s);
            Err((name, [EPERM, MARK, 0][kind as usize]))
        }
    }
}

/// A free pathname for a Unix socket in `dir`.
fn socket_path(dir: &common::TempDir) -> UnixAddr {
    UnixAddr::new(dir.join("s").as_os_str().as_bytes()).unwrap()
}

/// The allowlist: `rows`, then the test program's own `write` and
/// `exit_group` (the child's verdict, its exit); everything else is `MARK`.
fn allowlist(rows: &[Rule]) -> Filter {
    let mut rules = rows.to_vec();
    rules.push(Rule::nr(__NR_write, Action::Allow));
    rules.push(Rule::nr(__NR_exit_group, Action::Allow));
    Filter::new(&rules, Action::Errno(MARK))
}

/// Every direct socket-call row answered `ENOSYS`, which makes a default
/// build fall back to socketcall(2): none in other builds.
fn enosys_for_direct() -> Vec<Rule> {
    SYSCALLS
        .iter()
        .filter(|s| s.entry == Entry::Direct)
        .map(|s| Rule::row(s, Action::Errno(ENOSYS)))
        .collect()
}

/// The baseline the filtered runs are read against: with no filter,
/// every step succeeds, so a step the filters stop is the filters' doing.
/// Where seccomp cannot be used there is nothing to read against, and some
/// steps meet QEMU's faults with socket options (`tests/emulator.rs`).
#[test]
fn every_public_function_runs_without_a_filter() {
    const NAME: &str = "every_public_function_runs_without_a_filter";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let dir = common::temp_dir("syscalls-plain");
    let path = socket_path(&dir);
    assert_eq!(every_call_in_a_child(None, &path), Ok(()));
}

/// Complete: under a filter that allows only `SYSCALLS` (and the test's
/// `write` and `exit_group`), every public function succeeds; a call outside
/// the list would get the filter's `MARK`.
#[test]
fn every_public_function_runs_under_an_allowlist_of_syscalls_alone() {
    const NAME: &str = "every_public_function_runs_under_an_allowlist_of_syscalls_alone";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let dir = common::temp_dir("syscalls-allow");
    let path = socket_path(&dir);
    let rows: Vec<Rule> = SYSCALLS
        .iter()
        .map(|s| Rule::row(s, Action::Allow))
        .collect();
    assert_eq!(
        every_call_in_a_child(Some(&allowlist(&rows)), &path),
        Ok(())
    );
    // The filter is in force: a call it does not list gets the mark.
    let none = allowlist(&[]);
    assert_eq!(
        every_call_in_a_child(Some(&none), &path),
        Err(("socket", MARK))
    );
}

/// Complete after the fallback too: the default build, its direct socket
/// calls answered `ENOSYS`, runs every public function through the list's
/// socketcall(2) rows.
#[cfg(all(rawbind_has_socketcall, not(any(rawbind_direct, rawbind_socketcall))))]
#[test]
fn every_public_function_runs_under_the_allowlist_after_the_socketcall_fallback() {
    const NAME: &str =
        "every_public_function_runs_under_the_allowlist_after_the_socketcall_fallback";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let dir = common::temp_dir("syscalls-fallback");
    let path = socket_path(&dir);
    let mut rows = enosys_for_direct();
    rows.extend(
        SYSCALLS
            .iter()
            .filter(|s| s.entry != Entry::Direct)
            .map(|s| Rule::row(s, Action::Allow)),
    );
    assert_eq!(
        every_call_in_a_child(Some(&allowlist(&rows)), &path),
        Ok(())
    );
}

/// Needed: each row, taken out of the allowlist and answered `EPERM`, makes
/// a function that needs it fail with `EPERM` (and no other step fail
/// first). In a default build on an architecture with socketcall(2), a
/// socketcall row is shown with the direct rows answered `ENOSYS`, so that
/// rawbind falls back; a direct row answered `EPERM` is no `ENOSYS`, so
/// rawbind returns it and does not fall back.
#[test]
fn each_row_of_syscalls_taken_out_of_the_allowlist_fails_a_function_that_needs_it_with_eperm() {
    const NAME: &str =
        "each_row_of_syscalls_taken_out_of_the_allowlist_fails_a_function_that_needs_it_with_eperm";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let dir = common::temp_dir("syscalls-eperm");
    let path = socket_path(&dir);
    let mut wrong = Vec::new();
    for out in SYSCALLS {
        // In a default build with two entries, reach a socketcall row
        // through the fallback.
        let mut rules = match out.entry {
            Entry::Socketcall if SOCKET_CALL_ENTRIES.contains(&Entry::Direct) => {
                enosys_for_direct()
            }
            _ => Vec::new(),
        };
        rules.push(Rule::row(out, Action::Errno(EPERM)));
        rules.extend(
            SYSCALLS
                .iter()
                .filter(|s| *s != out)
                .map(|s| Rule::row(s, Action::Allow)),
        );
        match every_call_in_a_child(Some(&allowlist(&rules)), &path) {
            Err((step, EPERM)) if needs(step, out) => {
                eprintln!(
                    "{} ({:?}) out: {step} fails with EPERM",
                    describe(out),
                    out.entry
                );
            }
            got => wrong.push(format!("{} out: {got:?}", describe(out))),
        }
        // A path the failed step left bound, for the next child.
        let _ = std::fs::remove_file(dir.join("s"));
    }
    assert!(
        wrong.is_empty(),
        "rows no function showed needed:\n{}",
        wrong.join("\n")
    );
}

/// Whether `step` makes the call of `row`.
fn needs(step: &str, row: &Syscall) -> bool {
    STEPS
        .iter()
        .any(|(s, calls)| *s == step && calls.contains(&row.name))
}

/// `bind 361` or `socketcall 102 (SYS_ 2, bind)`.
fn describe(row: &Syscall) -> String {
    match row.sub_call {
        Some(sub) => format!("socketcall {} (sub-call {sub}, {})", row.nr, row.name),
        None => format!("{} {}", row.name, row.nr),
    }
}

/// Why rawbind tries the direct entry first: a filter can read a direct
/// call's arguments, and so refuse socket(2) for one family (AF_INET6
/// here) and allow it for another; of socketcall(2) it can read only the
/// sub-call, so through socketcall it can refuse every socket or none.
#[test]
fn a_filter_refuses_one_family_by_a_direct_calls_argument_but_through_socketcall_only_every_socket()
{
    const NAME: &str = "a_filter_refuses_one_family_by_a_direct_calls_argument_but_through_socketcall_only_every_socket";
    if !common::seccomp::usable(NAME) {
        return;
    }
    // socket(AF_INET) and socket(AF_INET6) under `rules`: each 0 if made,
    // 1 if refused with EPERM, 2 otherwise.
    let outcome = |rules: &[Rule]| {
        let filter = Filter::new(rules, Action::Allow);
        let code = common::child::exit_status(|| {
            if filter.install().is_err() {
                return 250;
            }
            let code = |r: Result<_, Errno>| match r {
                Ok(_) => 0,
                Err(Errno::EPERM) => 1,
                Err(_) => 2,
            };
            let inet = code(rawbind::socket(Family::Inet, SockType::Stream, 0));
            let inet6 = code(rawbind::socket(Family::Inet6, SockType::Stream, 0));
            inet * 3 + inet6
        });
        (code / 3, code % 3)
    };
    for row in SYSCALLS.iter().filter(|s| s.name == "socket") {
        match row.sub_call {
            // Direct: the family is the first argument.
            None => {
                let v6_only = Rule {
                    nr: row.nr,
                    arg0: Some(linux_raw_sys::net::AF_INET6),
                    action: Action::Errno(EPERM),
                };
                assert_eq!(outcome(&[v6_only]), (0, 1), "{row:?}");
            }
            // socketcall(2): the first argument is the sub-call, and the
            // family sits in memory the filter cannot read: the one rule
            // there is refuses both. (The direct numbers answer ENOSYS, so
            // that a default build falls back.)
            Some(_) => {
                let mut rules = enosys_for_direct();
                rules.push(Rule::row(row, Action::Errno(EPERM)));
                assert_eq!(outcome(&rules), (1, 1), "{row:?}");
            }
        }
    }
}
