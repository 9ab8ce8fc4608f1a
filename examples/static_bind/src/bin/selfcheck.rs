//! rawbind checked against the real kernel by a static, libc-free program:
//! the test suite's core for targets that have no libc to run it on
//! (riscv32, loongarch64 here), and an extra check on every other.
//!
//! Each check prints one line, `ok NAME` or `FAIL NAME: WHY`, and the last
//! line counts them (`selfcheck: 10 passed, 0 failed`). It exits 0 if all
//! passed, 1 if any failed, 101 on a panic. `scripts/selfcheck TARGET`
//! builds, checks and runs it.
#![no_std]
#![no_main]
// As in main.rs: no_libc.rs's `memcpy` must stay a byte loop.
#![no_builtins]
// `_start` (no_libc.rs) is inline asm, still behind a feature gate there.
#![cfg_attr(
    any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"),
    feature(asm_experimental_arch)
)]

use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use core::panic::PanicInfo;

#[cfg(target_pointer_width = "64")]
use linux_raw_sys::general::__NR_fcntl as NR_FCNTL;
#[cfg(target_pointer_width = "32")]
use linux_raw_sys::general::__NR_fcntl64 as NR_FCNTL;
use linux_raw_sys::general::{
    __NR_exit_group, __NR_getpid, __NR_openat, __NR_unlinkat, __NR_write, AT_FDCWD, FD_CLOEXEC,
    F_GETFD, O_CLOEXEC, O_RDONLY,
};
use rawbind::fd::FromRawFd;
use rawbind::fd::{AsRawFd, OwnedFd};
use rawbind::raw::{self, check, syscall0, syscall1, syscall3, syscall4};
use rawbind::{
    bind, connect, getpeername, getsockname, listen, socket, Errno, Family, SockAddr, SockType,
    UnixAddr, UnixAddrKind,
};

#[path = "../no_libc.rs"]
mod no_libc;

use no_libc::Line;

/// Why a check failed: short, so that a line fits `Line`.
enum Why {
    /// A call failed that should have succeeded, or failed otherwise than expected.
    Errno(Errno),
    /// A call succeeded that should have failed.
    Succeeded,
    /// The kernel's answer differs from the one expected.
    Wrong(&'static str),
}

impl From<Errno> for Why {
    fn from(errno: Errno) -> Why {
        Why::Errno(errno)
    }
}

type Outcome = Result<(), Why>;

/// The tally, and every socket made, to check for FD_CLOEXEC at the end.
struct Checks {
    passed: u16,
    failed: u16,
    sockets: u16,
    /// The first socket found without FD_CLOEXEC, and its flags.
    inheritable: Option<(i32, usize)>,
}

impl Checks {
    /// Prints `ok NAME` or `FAIL NAME: WHY`, and counts it.
    fn report(&mut self, name: &str, outcome: Outcome) {
        let mut line = Line::new();
        match outcome {
            Ok(()) => {
                self.passed += 1;
                line.push(b"ok ");
                line.push(name.as_bytes());
            }
            Err(why) => {
                self.failed += 1;
                line.push(b"FAIL ");
                line.push(name.as_bytes());
                line.push(b": ");
                match why {
                    Why::Errno(errno) => push_errno(&mut line, errno),
                    Why::Succeeded => line.push(b"succeeded"),
                    Why::Wrong(what) => line.push(what.as_bytes()),
                }
            }
        }
        print(line.finish());
    }

    /// A socket from rawbind, its FD_CLOEXEC flag read back with `fcntl(2)`.
    fn socket(&mut self, family: Family, ty: SockType) -> Result<OwnedFd, Errno> {
        let fd = socket(family, ty, 0)?;
        self.sockets += 1;
        // SAFETY: fcntl(F_GETFD) takes only integers and reads the flags of
        // `fd`, which is open.
        let flags = check(unsafe {
            syscall3(
                NR_FCNTL as usize,
                fd.as_raw_fd() as usize,
                F_GETFD as usize,
                0,
            )
        })?;
        if flags & FD_CLOEXEC as usize == 0 && self.inheritable.is_none() {
            self.inheritable = Some((fd.as_raw_fd(), flags));
        }
        Ok(fd)
    }
}

/// The program, called by `_start`: runs the checks, prints the tally and
/// exits 0 if every check passed, else 1.
extern "C" fn start() -> ! {
    let mut c = Checks {
        passed: 0,
        failed: 0,
        sockets: 0,
        inheritable: None,
    };
    // SAFETY: getpid(2) takes nothing and cannot fail.
    let pid = unsafe { syscall0(__NR_getpid as usize) } as u32;

    let v4 = c.socket(Family::Inet, SockType::Stream);
    let outcome = v4.as_ref().map_err(|&e| e.into()).and_then(bind_v4);
    c.report("v4_loopback", outcome);
    let outcome = v6_loopback(&mut c);
    c.report("v6_loopback", outcome);
    let outcome = unix_pathname(&mut c, pid);
    c.report("unix_pathname", outcome);
    let outcome = unix_abstract(&mut c, pid);
    c.report("unix_abstract", outcome);
    let outcome = unix_autobind(&mut c);
    c.report("unix_autobind", outcome);
    let outcome = match &v4 {
        Ok(v4) => eaddrinuse(&mut c, v4),
        Err(_) => Err(Why::Wrong("no socket from v4_loopback")),
    };
    c.report("eaddrinuse", outcome);
    let outcome = match &v4 {
        Ok(v4) => einval_rebind(v4),
        Err(_) => Err(Why::Wrong("no socket from v4_loopback")),
    };
    c.report("einval_rebind", outcome);
    c.report("ebadf", ebadf());
    let outcome = connect_to_listener(&mut c);
    c.report("connect_getpeername", outcome);
    let outcome = eaddrnotavail(&mut c);
    c.report("eaddrnotavail", outcome);
    let outcome = eafnosupport_v6_on_inet(&mut c);
    c.report("eafnosupport_v6_on_inet", outcome);
    let outcome = einval_v4_on_inet6(&mut c);
    c.report("einval_v4_on_inet6", outcome);
    let outcome = link_local(&mut c, 0, Errno::EINVAL, "EINVAL");
    c.report("einval_link_local_without_scope", outcome);
    let outcome = link_local(&mut c, UNUSED_IFINDEX, Errno::ENODEV, "ENODEV");
    c.report("enodev_link_local_scope", outcome);
    let outcome = unix_path_error(&mut c, b"/dev/null/rawbind", Errno::ENOTDIR, "ENOTDIR");
    c.report("enotdir", outcome);
    let outcome = unix_path_error(&mut c, MISSING_DIR_PATH, Errno::ENOENT, "ENOENT");
    c.report("enoent", outcome);
    c.report("enotsock", enotsock());
    let outcome = efault(&mut c);
    c.report("efault", outcome);
    c.report("errno_numbers", errno_numbers());
    let outcome = match c.inheritable {
        None if c.sockets > 0 => Ok(()),
        None => Err(Why::Wrong("no socket made")),
        Some(_) => Err(Why::Wrong("a socket lacks FD_CLOEXEC")),
    };
    c.report("cloexec", outcome);

    let mut line = Line::new();
    line.push(b"selfcheck: ");
    line.push_decimal(c.passed);
    line.push(b" passed, ");
    line.push_decimal(c.failed);
    line.push(b" failed");
    print(line.finish());
    exit(if c.failed == 0 { 0 } else { 1 })
}

/// Binds to 127.0.0.1:0: getsockname gives 127.0.0.1 and a port.
fn bind_v4(fd: &OwnedFd) -> Outcome {
    bind(fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    match getsockname(fd)? {
        SockAddr::V4(a) if *a.ip() != Ipv4Addr::LOCALHOST => Err(Why::Wrong("not 127.0.0.1")),
        SockAddr::V4(a) if a.port() == 0 => Err(Why::Wrong("port 0")),
        SockAddr::V4(_) => Ok(()),
        _ => Err(Why::Wrong("not SockAddr::V4")),
    }
}

/// Binds to [::1]:0: getsockname gives ::1 and a port. Without IPv6 the
/// kernel answers EADDRNOTAVAIL, a failure like any other.
fn v6_loopback(c: &mut Checks) -> Outcome {
    let fd = c.socket(Family::Inet6, SockType::Stream)?;
    bind(&fd, &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0))?;
    match getsockname(&fd)? {
        SockAddr::V6(a) if *a.ip() != Ipv6Addr::LOCALHOST => Err(Why::Wrong("not ::1")),
        SockAddr::V6(a) if a.port() == 0 => Err(Why::Wrong("port 0")),
        SockAddr::V6(_) => Ok(()),
        _ => Err(Why::Wrong("not SockAddr::V6")),
    }
}

/// Binds to /tmp/rawbind-selfcheck-PID: getsockname gives the same bytes as
/// a pathname. The socket file is unlinked after.
fn unix_pathname(c: &mut Checks, pid: u32) -> Outcome {
    // The path, then the NUL that unlinkat needs.
    let mut path = [0; 40];
    let prefix = b"/tmp/rawbind-selfcheck-";
    path[..prefix.len()].copy_from_slice(prefix);
    let len = prefix.len() + decimal(pid, &mut path[prefix.len()..]);
    let addr = UnixAddr::new(&path[..len]).map_err(|_| Why::Wrong("bad path"))?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    bind(&fd, &addr)?;
    let got = getsockname(&fd);
    // SAFETY: the kernel reads the NUL-terminated path at `path`, which
    // outlives the call, and keeps no reference.
    let unlinked = check(unsafe {
        syscall3(
            __NR_unlinkat as usize,
            AT_FDCWD as usize,
            path.as_ptr() as usize,
            0,
        )
    });
    match got? {
        SockAddr::Unix(a) if a.kind() == UnixAddrKind::Pathname(&path[..len]) => Ok(()),
        SockAddr::Unix(_) => Err(Why::Wrong("other bytes")),
        _ => Err(Why::Wrong("not SockAddr::Unix")),
    }?;
    unlinked.map(drop).map_err(Why::from)
}

/// Binds to an abstract name holding a NUL and a 0xff byte: getsockname
/// gives the same bytes.
fn unix_abstract(c: &mut Checks, pid: u32) -> Outcome {
    let mut name = [0; 40];
    let prefix = b"rawbind\0selfcheck\xff";
    name[..prefix.len()].copy_from_slice(prefix);
    let len = prefix.len() + decimal(pid, &mut name[prefix.len()..]);
    let name = &name[..len];
    let addr = UnixAddr::new_abstract(name).map_err(|_| Why::Wrong("bad name"))?;
    let fd = c.socket(Family::Unix, SockType::Dgram)?;
    bind(&fd, &addr)?;
    match getsockname(&fd)? {
        SockAddr::Unix(a) if a.kind() == UnixAddrKind::Abstract(name) => Ok(()),
        SockAddr::Unix(_) => Err(Why::Wrong("other bytes")),
        _ => Err(Why::Wrong("not SockAddr::Unix")),
    }
}

/// Binds to the unnamed address: the kernel picks an abstract name of five
/// lowercase hex digits.
fn unix_autobind(c: &mut Checks) -> Outcome {
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    bind(&fd, &UnixAddr::unnamed())?;
    let SockAddr::Unix(a) = getsockname(&fd)? else {
        return Err(Why::Wrong("not SockAddr::Unix"));
    };
    match a.kind() {
        UnixAddrKind::Abstract(n)
            if n.len() == 5 && n.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) =>
        {
            Ok(())
        }
        UnixAddrKind::Abstract(_) => Err(Why::Wrong("not 5 hex digits")),
        _ => Err(Why::Wrong("not abstract")),
    }
}

/// A second socket bound to `bound`'s address: EADDRINUSE, by that name.
fn eaddrinuse(c: &mut Checks, bound: &OwnedFd) -> Outcome {
    let addr = getsockname(bound)?;
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    expect(bind(&fd, &addr), Errno::EADDRINUSE, "EADDRINUSE")
}

/// `bound` bound again: EINVAL, by that name.
fn einval_rebind(bound: &OwnedFd) -> Outcome {
    let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    expect(bind(bound, &addr), Errno::EINVAL, "EINVAL")
}

/// Descriptor -1: EBADF, by that name.
fn ebadf() -> Outcome {
    let addr = SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).encode();
    let bytes = addr.as_bytes();
    // SAFETY: `bytes` is readable for its length during the call; the kernel
    // answers EBADF before it reads them anyway.
    let result = unsafe { raw::bind(-1, bytes.as_ptr(), bytes.len() as u32) };
    expect(result, Errno::EBADF, "EBADF")
}

/// A client connects to a listener on 127.0.0.1: its getpeername is the
/// listener's getsockname, and the listener's own getpeername is ENOTCONN.
fn connect_to_listener(c: &mut Checks) -> Outcome {
    let server = c.socket(Family::Inet, SockType::Stream)?;
    bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    listen(&server, 1)?;
    let addr = getsockname(&server)?;
    let client = c.socket(Family::Inet, SockType::Stream)?;
    connect(&client, &addr)?;
    if getpeername(&client)? != addr {
        return Err(Why::Wrong("peer is not the listener"));
    }
    expect(getpeername(&server).map(drop), Errno::ENOTCONN, "ENOTCONN")
}

/// An address no interface has (TEST-NET-1, RFC 5737): EADDRNOTAVAIL.
/// Binding it sends nothing.
fn eaddrnotavail(c: &mut Checks) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    let addr = SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 1), 0);
    expect(bind(&fd, &addr), Errno::EADDRNOTAVAIL, "EADDRNOTAVAIL")
}

/// A V6 address (28 bytes, long enough for a sockaddr_in) on an AF_INET
/// socket: the family is wrong, EAFNOSUPPORT.
fn eafnosupport_v6_on_inet(c: &mut Checks) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let addr = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0);
    expect(bind(&fd, &addr), Errno::EAFNOSUPPORT, "EAFNOSUPPORT")
}

/// A V4 address (16 bytes, too short for a sockaddr_in6) on an AF_INET6
/// socket: the length is wrong, EINVAL.
fn einval_v4_on_inet6(c: &mut Checks) -> Outcome {
    let fd = c.socket(Family::Inet6, SockType::Stream)?;
    let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    expect(bind(&fd, &addr), Errno::EINVAL, "EINVAL")
}

/// An interface index no machine has (the kernel counts up from 1).
const UNUSED_IFINDEX: u32 = 0x7fff_fff0;

/// fe80::1 with `scope_id`: without one (0) the kernel cannot tell the
/// link, EINVAL; with one no interface has, ENODEV.
fn link_local(c: &mut Checks, scope_id: u32, want: Errno, name: &str) -> Outcome {
    let fd = c.socket(Family::Inet6, SockType::Dgram)?;
    let ip = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    expect(
        bind(&fd, &SocketAddrV6::new(ip, 0, 0, scope_id)),
        want,
        name,
    )
}

/// A directory that does not exist: its name is this program's own.
const MISSING_DIR_PATH: &[u8] = b"/rawbind-selfcheck-no-such-directory/socket";

/// A pathname the kernel cannot create the socket file at: `want`.
/// (/dev/null is not a directory; the missing directory does not exist.)
fn unix_path_error(c: &mut Checks, path: &[u8], want: Errno, name: &str) -> Outcome {
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(path).map_err(|_| Why::Wrong("bad path"))?;
    expect(bind(&fd, &addr), want, name)
}

/// A descriptor that is not a socket (/dev/null): ENOTSOCK.
fn enotsock() -> Outcome {
    let path = b"/dev/null\0";
    // SAFETY: the kernel reads the NUL-terminated path at `path`, which
    // outlives the call, and keeps no reference.
    let n = check(unsafe {
        syscall4(
            __NR_openat as usize,
            AT_FDCWD as usize,
            path.as_ptr() as usize,
            (O_RDONLY | O_CLOEXEC) as usize,
            0,
        )
    })?;
    // SAFETY: openat just returned `n`, a new descriptor nothing else owns.
    let null = unsafe { OwnedFd::from_raw_fd(n as i32) };
    expect(
        bind(&null, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Errno::ENOTSOCK,
        "ENOTSOCK",
    )
}

/// An address pointer into the never-mapped first page: EFAULT.
fn efault(c: &mut Checks) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    // SAFETY: the kernel checks the pointer as it copies from it, answers
    // EFAULT for an unmapped page, and writes nothing.
    let result = unsafe { raw::bind(fd.as_raw_fd(), 16 as *const u8, 16) };
    expect(result, Errno::EFAULT, "EFAULT")
}

/// rawbind's numbering is linux-raw-sys's for this architecture.
fn errno_numbers() -> Outcome {
    use linux_raw_sys::errno;
    let pairs = [
        (Errno::EADDRINUSE, errno::EADDRINUSE),
        (Errno::EADDRNOTAVAIL, errno::EADDRNOTAVAIL),
        (Errno::EINVAL, errno::EINVAL),
        (Errno::EBADF, errno::EBADF),
        (Errno::ENOSYS, errno::ENOSYS),
    ];
    for (ours, theirs) in pairs {
        if ours.raw() != theirs as i32 || Errno::from_raw(theirs as i32) != ours {
            return Err(Why::Errno(ours));
        }
    }
    Ok(())
}

/// `result` must be the error `want`, whose name is `name`.
fn expect(result: Result<(), Errno>, want: Errno, name: &str) -> Outcome {
    match result {
        Ok(()) => Err(Why::Succeeded),
        Err(e) if e != want => Err(Why::Errno(e)),
        Err(e) if e.name() != name => Err(Why::Wrong("misnamed")),
        Err(_) => Ok(()),
    }
}

/// Appends `NAME (number)`.
fn push_errno(line: &mut Line, errno: Errno) {
    line.push(errno.name().as_bytes());
    line.push(b" (");
    let mut digits = [0; 10];
    let len = decimal(errno.raw() as u32, &mut digits);
    line.push(&digits[..len]);
    line.push(b")");
}

/// Writes `n` in decimal at the start of `out` and returns how many digits.
fn decimal(n: u32, out: &mut [u8]) -> usize {
    let mut digits = [0; 10];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let len = digits.len() - at;
    out[..len].copy_from_slice(&digits[at..]);
    len
}

/// Writes all of `line` to stdout with `write(2)`; a failure is a panic,
/// since nothing else could say so.
fn print(mut line: &[u8]) {
    while !line.is_empty() {
        // SAFETY: the kernel reads at most `line.len()` bytes at `line`,
        // which is that long, during the call, and keeps no reference.
        let ret = unsafe { syscall3(__NR_write as usize, 1, line.as_ptr() as usize, line.len()) };
        match check(ret) {
            Ok(n) => line = &line[n..],
            Err(_) => panic!("stdout failed"),
        }
    }
}

/// Ends the process, every thread of it, with `status`: `exit_group(2)`.
fn exit(status: u8) -> ! {
    // SAFETY: exit_group takes only an integer and never returns, so the
    // code after it is unreachable.
    unsafe {
        syscall1(__NR_exit_group as usize, usize::from(status));
        core::hint::unreachable_unchecked()
    }
}

/// A panic is a broken invariant: exit 101, as a Rust program's panic does.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(101)
}
