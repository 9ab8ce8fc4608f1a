//! The subject `cargo xtask bench-insns` runs under callgrind: the user-space
//! instructions of ONE `bind(2)` call, through rawbind and its peers.
//!
//! Every measured call is its own `#[no_mangle] #[inline(never)]` function
//! (the `bench_*` symbols), so that `valgrind --tool=callgrind
//! --collect-atstart=no --toggle-collect=<symbol>` counts exactly what runs
//! between its entry and its return, callees included; the kernel's side of
//! the syscall is invisible to valgrind. Each function makes exactly one bind
//! call; creating, checking and closing the socket, and anything "prebuilt",
//! happen in the caller, outside the count.
//!
//! ```text
//! insns --list          every case and the symbol that counts it
//! insns CASE [N]        make CASE's call N times (default 10), for callgrind
//! insns all             make every case's call once, natively, checking each result
//! ```
//!
//! A case is `FAMILY/ROUTE/COLUMN`: `v4` (127.0.0.1:0), `v6` ([::1]:0) or
//! `unix` (a pathname under /tmp of fixed length, so every run copies the
//! same number of bytes); `ok` (a fresh socket, port 0 or a fresh path, and
//! the call must succeed), `ebadf` (a descriptor that is not open, and the
//! call must fail with EBADF) or `build` (only the address conversion, up to
//! `SockAddr::encode`'s bytes, no syscall); the column names the library and what the function is given:
//! `typed` takes std's `SocketAddrV4`/`SocketAddrV6` or a `&Path` and
//! converts it inside the count (the user's real cost), `prebuilt` takes the
//! library's own address value built outside.
//!
//! The EBADF descriptor is -1 where the API takes a raw `c_int`; where it takes
//! a `BorrowedFd` or a `Socket`, which cannot hold -1, it is `i32::MAX`, above
//! the kernel's ceiling for `fs.nr_open` and so never open. The kernel answers
//! EBADF for both before it reads the address, and the value does not change
//! a single user-space instruction: it is only a register.

#[cfg(not(target_arch = "x86_64"))]
compile_error!("insns counts x86_64 instructions: its floor is x86_64 inline asm");

use std::io;
use std::mem::{size_of, ManuallyDrop};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rawbind::{Errno, Family as RbFamily, RawSockAddr, SockAddr, SockType, UnixAddr};

/// How many times `insns CASE` calls the counted function unless told.
/// callgrind dumps the count after each call (`--dump-after`), and
/// `cargo xtask bench-insns` checks that all of them agree.
const CALLS: usize = 10;

/// The EBADF descriptor for APIs that take a raw `c_int`.
const BAD_RAW_FD: RawFd = -1;
/// The EBADF descriptor for APIs that cannot hold -1: above `fs.nr_open`'s
/// ceiling (`INT_MAX & -BITS_PER_LONG`), so never open.
const NEVER_OPEN_FD: RawFd = i32::MAX;

// ---------------------------------------------------------------------------
// The counted functions. Each makes exactly one bind call.
// ---------------------------------------------------------------------------

/// rawbind from std's `SocketAddrV4`: its `sockaddr_in` built on the stack, the syscall, `check`.
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_typed_v4(fd: BorrowedFd<'_>, addr: &SocketAddrV4) -> Result<(), Errno> {
    rawbind::bind(fd, addr)
}

/// rawbind from std's `SocketAddrV6`.
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_typed_v6(fd: BorrowedFd<'_>, addr: &SocketAddrV6) -> Result<(), Errno> {
    rawbind::bind(fd, addr)
}

/// rawbind from a `&Path`: `UnixAddr::from_path` checks it, then as above.
/// The outer `Result` is the address's check, the inner one the kernel's answer.
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_typed_unix(
    fd: BorrowedFd<'_>,
    path: &Path,
) -> Result<Result<(), Errno>, rawbind::AddrError> {
    let addr = UnixAddr::from_path(path)?;
    Ok(rawbind::bind(fd, &addr))
}

/// rawbind with its own `UnixAddr` built outside: the address's bytes are passed as they are.
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_own_unix(fd: BorrowedFd<'_>, addr: &UnixAddr) -> Result<(), Errno> {
    rawbind::bind(fd, addr)
}

/// rawbind with its own `SockAddr` built outside (any family: `encode` matches on it).
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_prebuilt(fd: BorrowedFd<'_>, addr: &SockAddr) -> Result<(), Errno> {
    rawbind::bind(fd, addr)
}

/// `rawbind::raw::bind` with the encoded bytes built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_raw(fd: RawFd, addr: &RawSockAddr) -> Result<(), Errno> {
    // SAFETY: `addr` holds `addr.len()` initialized bytes and outlives the call.
    unsafe { rawbind::raw::bind(fd, addr.as_ptr(), addr.len()) }
}

/// glibc's `bind` with a `sockaddr_in` built outside; -1 on error, errno not read.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_v4(fd: RawFd, addr: &libc::sockaddr_in) -> libc::c_int {
    // SAFETY: `addr` is a whole `sockaddr_in`, and the length says so.
    unsafe { libc::bind(fd, sockaddr_ptr(addr), socklen::<libc::sockaddr_in>()) }
}

/// glibc's `bind` with a `sockaddr_in6` built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_v6(fd: RawFd, addr: &libc::sockaddr_in6) -> libc::c_int {
    // SAFETY: `addr` is a whole `sockaddr_in6`, and the length says so.
    unsafe { libc::bind(fd, sockaddr_ptr(addr), socklen::<libc::sockaddr_in6>()) }
}

/// glibc's `bind` with a `sockaddr_un` and its length built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_unix(fd: RawFd, addr: &libc::sockaddr_un, len: libc::socklen_t) -> libc::c_int {
    // SAFETY: the caller's `len` is at most the size of `sockaddr_un`.
    unsafe { libc::bind(fd, sockaddr_ptr(addr), len) }
}

/// As [`bench_libc_v4`], and on failure the error number read from `errno`.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_errno_v4(fd: RawFd, addr: &libc::sockaddr_in) -> Result<(), i32> {
    // SAFETY: as in `bench_libc_v4`.
    let ret = unsafe { libc::bind(fd, sockaddr_ptr(addr), socklen::<libc::sockaddr_in>()) };
    with_errno(ret)
}

/// As [`bench_libc_v6`], and on failure the error number read from `errno`.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_errno_v6(fd: RawFd, addr: &libc::sockaddr_in6) -> Result<(), i32> {
    // SAFETY: as in `bench_libc_v6`.
    let ret = unsafe { libc::bind(fd, sockaddr_ptr(addr), socklen::<libc::sockaddr_in6>()) };
    with_errno(ret)
}

/// As [`bench_libc_unix`], and on failure the error number read from `errno`.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_errno_unix(
    fd: RawFd,
    addr: &libc::sockaddr_un,
    len: libc::socklen_t,
) -> Result<(), i32> {
    // SAFETY: as in `bench_libc_unix`.
    let ret = unsafe { libc::bind(fd, sockaddr_ptr(addr), len) };
    with_errno(ret)
}

/// rustix from std's `SocketAddrV4`, which is its own argument type.
#[no_mangle]
#[inline(never)]
pub fn bench_rustix_typed_v4(fd: BorrowedFd<'_>, addr: &SocketAddrV4) -> rustix::io::Result<()> {
    rustix::net::bind(fd, addr)
}

/// rustix from std's `SocketAddrV6`.
#[no_mangle]
#[inline(never)]
pub fn bench_rustix_typed_v6(fd: BorrowedFd<'_>, addr: &SocketAddrV6) -> rustix::io::Result<()> {
    rustix::net::bind(fd, addr)
}

/// rustix from a `&Path`: `SocketAddrUnix::new`, then the call.
#[no_mangle]
#[inline(never)]
pub fn bench_rustix_typed_unix(fd: BorrowedFd<'_>, path: &Path) -> rustix::io::Result<()> {
    rustix::net::bind(fd, &rustix::net::SocketAddrUnix::new(path)?)
}

/// rustix with its own `SocketAddrAny` built outside (IPv4 or IPv6).
#[no_mangle]
#[inline(never)]
pub fn bench_rustix_prebuilt_any(
    fd: BorrowedFd<'_>,
    addr: &rustix::net::SocketAddrAny,
) -> rustix::io::Result<()> {
    rustix::net::bind(fd, addr)
}

/// rustix with its own `SocketAddrUnix` built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_rustix_prebuilt_unix(
    fd: BorrowedFd<'_>,
    addr: &rustix::net::SocketAddrUnix,
) -> rustix::io::Result<()> {
    rustix::net::bind(fd, addr)
}

/// nix from std's `SocketAddrV4`: `SockaddrIn::from`, then glibc's `bind` and `errno`.
#[no_mangle]
#[inline(never)]
pub fn bench_nix_typed_v4(fd: RawFd, addr: &SocketAddrV4) -> nix::Result<()> {
    nix::sys::socket::bind(fd, &nix::sys::socket::SockaddrIn::from(*addr))
}

/// nix from std's `SocketAddrV6`.
#[no_mangle]
#[inline(never)]
pub fn bench_nix_typed_v6(fd: RawFd, addr: &SocketAddrV6) -> nix::Result<()> {
    nix::sys::socket::bind(fd, &nix::sys::socket::SockaddrIn6::from(*addr))
}

/// nix from a `&Path`: `UnixAddr::new`, then the call.
#[no_mangle]
#[inline(never)]
pub fn bench_nix_typed_unix(fd: RawFd, path: &Path) -> nix::Result<()> {
    nix::sys::socket::bind(fd, &nix::sys::socket::UnixAddr::new(path)?)
}

/// nix with its own `SockaddrIn` built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_nix_prebuilt_v4(fd: RawFd, addr: &nix::sys::socket::SockaddrIn) -> nix::Result<()> {
    nix::sys::socket::bind(fd, addr)
}

/// nix with its own `SockaddrIn6` built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_nix_prebuilt_v6(fd: RawFd, addr: &nix::sys::socket::SockaddrIn6) -> nix::Result<()> {
    nix::sys::socket::bind(fd, addr)
}

/// nix with its own `UnixAddr` built outside.
#[no_mangle]
#[inline(never)]
pub fn bench_nix_prebuilt_unix(fd: RawFd, addr: &nix::sys::socket::UnixAddr) -> nix::Result<()> {
    nix::sys::socket::bind(fd, addr)
}

/// socket2 from std's `SocketAddrV4`: `SockAddr::from`, then glibc's `bind` and `errno`.
#[no_mangle]
#[inline(never)]
pub fn bench_socket2_typed_v4(socket: &socket2::Socket, addr: &SocketAddrV4) -> io::Result<()> {
    socket.bind(&socket2::SockAddr::from(*addr))
}

/// socket2 from std's `SocketAddrV6`.
#[no_mangle]
#[inline(never)]
pub fn bench_socket2_typed_v6(socket: &socket2::Socket, addr: &SocketAddrV6) -> io::Result<()> {
    socket.bind(&socket2::SockAddr::from(*addr))
}

/// socket2 from a `&Path`: `SockAddr::unix`, then the call.
#[no_mangle]
#[inline(never)]
pub fn bench_socket2_typed_unix(socket: &socket2::Socket, path: &Path) -> io::Result<()> {
    socket.bind(&socket2::SockAddr::unix(path)?)
}

/// socket2 with its own `SockAddr` built outside (any family).
#[no_mangle]
#[inline(never)]
pub fn bench_socket2_prebuilt(
    socket: &socket2::Socket,
    addr: &socket2::SockAddr,
) -> io::Result<()> {
    socket.bind(addr)
}

/// The limit: the `syscall` instruction and the registers it needs, with a
/// `sockaddr_in` built outside; the raw result, nothing decoded.
#[no_mangle]
#[inline(never)]
pub fn bench_floor_v4(fd: RawFd, addr: &libc::sockaddr_in) -> usize {
    // SAFETY: `addr` is a whole `sockaddr_in`, and the length says so.
    unsafe { floor_syscall(fd, sockaddr_ptr(addr), socklen::<libc::sockaddr_in>()) }
}

/// The limit for a `sockaddr_in6`.
#[no_mangle]
#[inline(never)]
pub fn bench_floor_v6(fd: RawFd, addr: &libc::sockaddr_in6) -> usize {
    // SAFETY: `addr` is a whole `sockaddr_in6`, and the length says so.
    unsafe { floor_syscall(fd, sockaddr_ptr(addr), socklen::<libc::sockaddr_in6>()) }
}

/// The limit for a `sockaddr_un` and its length.
#[no_mangle]
#[inline(never)]
pub fn bench_floor_unix(fd: RawFd, addr: &libc::sockaddr_un, len: libc::socklen_t) -> usize {
    // SAFETY: the caller's `len` is at most the size of `sockaddr_un`.
    unsafe { floor_syscall(fd, sockaddr_ptr(addr), len) }
}

/// rawbind's `accept`: accept4 with SOCK_CLOEXEC, the peer decoded into a `SockAddr`.
#[no_mangle]
#[inline(never)]
pub fn bench_rawbind_accept(fd: BorrowedFd<'_>) -> Result<(OwnedFd, SockAddr), Errno> {
    rawbind::accept(fd)
}

/// rustix's `acceptfrom_with` with `SocketFlags::CLOEXEC`, the peer as its `SocketAddrAny`.
#[no_mangle]
#[inline(never)]
pub fn bench_rustix_accept(
    fd: BorrowedFd<'_>,
) -> rustix::io::Result<(OwnedFd, Option<rustix::net::SocketAddrAny>)> {
    rustix::net::acceptfrom_with(fd, rustix::net::SocketFlags::CLOEXEC)
}

/// glibc's `accept4` with SOCK_CLOEXEC into a `sockaddr_storage` given by the
/// caller; -1 on error, errno not read.
#[no_mangle]
#[inline(never)]
pub fn bench_libc_accept(
    fd: RawFd,
    peer: &mut libc::sockaddr_storage,
    len: &mut libc::socklen_t,
) -> libc::c_int {
    *len = socklen::<libc::sockaddr_storage>();
    // SAFETY: the kernel writes at most `*len` bytes into `peer`, which is that long.
    unsafe {
        libc::accept4(
            fd,
            (peer as *mut libc::sockaddr_storage).cast(),
            len,
            libc::SOCK_CLOEXEC,
        )
    }
}

/// The limit for accept4: one `syscall`, the peer written into the caller's buffer.
#[no_mangle]
#[inline(never)]
pub fn bench_floor_accept(
    fd: RawFd,
    peer: &mut libc::sockaddr_storage,
    len: &mut libc::socklen_t,
) -> usize {
    *len = socklen::<libc::sockaddr_storage>();
    let ret: usize;
    // SAFETY: accept4 writes at most `*len` bytes into `peer`, which is that
    // long, and the length into `len`; `syscall` clobbers only rcx and r11.
    unsafe {
        std::arch::asm!(
            "syscall",
            inlateout("rax") libc::SYS_accept4 as usize => ret,
            in("rdi") fd as usize,
            in("rsi") peer as *mut libc::sockaddr_storage,
            in("rdx") len as *mut libc::socklen_t,
            in("r10") libc::SOCK_CLOEXEC as usize,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack, preserves_flags),
        );
    }
    ret
}

/// Building the address alone: std's `SocketAddr` to rawbind's `SockAddr` to
/// the encoded bytes.
#[no_mangle]
#[inline(never)]
pub fn bench_build_rawbind_ip(addr: &SocketAddr) -> RawSockAddr {
    SockAddr::from(*addr).encode()
}

/// Building the address alone: a `&Path` to `UnixAddr` to `SockAddr` to the encoded bytes.
#[no_mangle]
#[inline(never)]
pub fn bench_build_rawbind_unix(path: &Path) -> Result<RawSockAddr, rawbind::AddrError> {
    Ok(SockAddr::Unix(UnixAddr::from_path(path)?).encode())
}

// ---------------------------------------------------------------------------
// Helpers the counted functions share (all inlined into them).
// ---------------------------------------------------------------------------

/// A `sockaddr_un` and the `addrlen` its path needs.
struct LibcUnix {
    addr: libc::sockaddr_un,
    len: libc::socklen_t,
}

impl LibcUnix {
    fn new(path: &Path) -> LibcUnix {
        // SAFETY: `sockaddr_un` is plain integers, for which all zeroes is valid.
        let mut addr: libc::sockaddr_un = unsafe { std::mem::zeroed() };
        addr.sun_family = libc::AF_UNIX as libc::sa_family_t;
        let bytes = path.as_os_str().as_bytes();
        assert!(bytes.len() < addr.sun_path.len(), "path too long");
        for (dst, &src) in addr.sun_path.iter_mut().zip(bytes) {
            *dst = src as libc::c_char;
        }
        let len = std::mem::offset_of!(libc::sockaddr_un, sun_path) + bytes.len() + 1;
        LibcUnix {
            addr,
            len: len as libc::socklen_t,
        }
    }
}

#[inline(always)]
fn sockaddr_ptr<T>(addr: &T) -> *const libc::sockaddr {
    (addr as *const T).cast()
}

#[inline(always)]
const fn socklen<T>() -> libc::socklen_t {
    size_of::<T>() as libc::socklen_t
}

#[inline(always)]
fn with_errno(ret: libc::c_int) -> Result<(), i32> {
    if ret == 0 {
        Ok(())
    } else {
        // SAFETY: glibc's `__errno_location` returns this thread's `errno`.
        Err(unsafe { *libc::__errno_location() })
    }
}

/// `bind(fd, addr, len)` in one `syscall` instruction.
///
/// # Safety
/// `addr` must be readable for `len` bytes.
#[inline(always)]
unsafe fn floor_syscall(fd: RawFd, addr: *const libc::sockaddr, len: libc::socklen_t) -> usize {
    let ret: usize;
    // SAFETY: bind(2) reads `len` bytes at `addr` during the call and keeps no
    // reference; `syscall` clobbers only rcx and r11 besides its result in rax.
    unsafe {
        std::arch::asm!(
            "syscall",
            inlateout("rax") libc::SYS_bind as usize => ret,
            in("rdi") fd as usize,
            in("rsi") addr,
            in("rdx") len as usize,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack, preserves_flags),
        );
    }
    ret
}

// ---------------------------------------------------------------------------
// The cases: what each one sets up, calls and checks, outside the count.
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Family {
    V4,
    V6,
    Unix,
    /// accept on a listener on 127.0.0.1 with one connection pending.
    Accept,
}

#[derive(Clone, Copy, PartialEq)]
enum Route {
    Ok,
    Ebadf,
    Build,
}

/// What one call of a case is given: the descriptor and the typed address.
struct Call {
    /// A fresh socket of the case's family (`ok`), or [`BAD_RAW_FD`] (`ebadf`).
    fd: RawFd,
    v4: SocketAddrV4,
    v6: SocketAddrV6,
    path: PathBuf,
}

impl Call {
    /// The descriptor as a `BorrowedFd`, for APIs that take one.
    fn borrowed(&self) -> BorrowedFd<'_> {
        let fd = if self.fd == BAD_RAW_FD {
            NEVER_OPEN_FD
        } else {
            self.fd
        };
        // SAFETY: `fd` is either the open socket `run_once` keeps until the call
        // returns, or a number above `fs.nr_open` that the kernel rejects with
        // EBADF without touching any descriptor.
        unsafe { BorrowedFd::borrow_raw(fd) }
    }

    /// The descriptor as a `socket2::Socket` that never closes it.
    fn socket2(&self) -> ManuallyDrop<socket2::Socket> {
        // SAFETY: as in `borrowed`; `ManuallyDrop` keeps socket2 from closing it.
        ManuallyDrop::new(unsafe { socket2::Socket::from_raw_fd(self.borrowed().as_raw_fd()) })
    }

    fn libc_v4(&self) -> libc::sockaddr_in {
        libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: self.v4.port().to_be(),
            sin_addr: libc::in_addr {
                s_addr: u32::from_ne_bytes(self.v4.ip().octets()),
            },
            sin_zero: [0; 8],
        }
    }

    fn libc_v6(&self) -> libc::sockaddr_in6 {
        libc::sockaddr_in6 {
            sin6_family: libc::AF_INET6 as libc::sa_family_t,
            sin6_port: self.v6.port().to_be(),
            sin6_flowinfo: self.v6.flowinfo().to_be(),
            sin6_addr: libc::in6_addr {
                s6_addr: self.v6.ip().octets(),
            },
            sin6_scope_id: self.v6.scope_id(),
        }
    }

    fn rawbind_addr(&self, family: Family) -> SockAddr {
        match family {
            Family::V4 => SockAddr::from(self.v4),
            Family::V6 => SockAddr::from(self.v6),
            Family::Unix => SockAddr::Unix(UnixAddr::from_path(&self.path).expect("path")),
            Family::Accept => unreachable!("accept's entries take no address"),
        }
    }
}

/// What a counted call returned, outside the count: `Err(errno)` on failure.
type Outcome = Result<(), i32>;

fn rawbind_errno(r: Result<(), Errno>) -> Outcome {
    r.map_err(Errno::raw)
}

fn rustix_errno(r: rustix::io::Result<()>) -> Outcome {
    r.map_err(|e| e.raw_os_error())
}

fn nix_errno(r: nix::Result<()>) -> Outcome {
    r.map_err(|e| e as i32)
}

fn io_errno(r: io::Result<()>) -> Outcome {
    r.map_err(|e| e.raw_os_error().expect("an OS error"))
}

fn libc_errno(ret: libc::c_int) -> Outcome {
    if ret == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error().raw_os_error().expect("errno"))
    }
}

/// An accept's outcome: the new descriptor closed here, outside the count,
/// and the peer checked to be an IPv4 address of the right length.
fn accepted(r: Result<(OwnedFd, bool), i32>) -> Outcome {
    match r {
        Ok((fd, true)) => {
            drop(fd);
            Ok(())
        }
        Ok((_, false)) => panic!("accept's peer is not the IPv4 client"),
        Err(errno) => Err(errno),
    }
}

fn raw_errno(ret: usize) -> Outcome {
    match ret as isize {
        0 => Ok(()),
        n => Err(-n as i32),
    }
}

/// One measured function, with the families it serves and how to call it.
struct Entry {
    column: &'static str,
    symbol: &'static str,
    families: &'static [Family],
    build_only: bool,
    call: fn(&Call, Family) -> Outcome,
}

const IP: &[Family] = &[Family::V4, Family::V6];
const ALL: &[Family] = &[Family::V4, Family::V6, Family::Unix];

macro_rules! entry {
    ($column:literal, $symbol:ident, $families:expr, |$c:ident, $f:pat_param| $call:expr) => {
        Entry {
            column: $column,
            symbol: stringify!($symbol),
            families: $families,
            build_only: false,
            call: |$c, $f| $call,
        }
    };
}

/// Every measured function. The column names are the script's.
const ENTRIES: &[Entry] = &[
    entry!(
        "rawbind-typed",
        bench_rawbind_typed_v4,
        &[Family::V4],
        |c, _| { rawbind_errno(bench_rawbind_typed_v4(c.borrowed(), &c.v4)) }
    ),
    entry!(
        "rawbind-typed",
        bench_rawbind_typed_v6,
        &[Family::V6],
        |c, _| { rawbind_errno(bench_rawbind_typed_v6(c.borrowed(), &c.v6)) }
    ),
    entry!(
        "rawbind-typed",
        bench_rawbind_typed_unix,
        &[Family::Unix],
        |c, _| { rawbind_errno(bench_rawbind_typed_unix(c.borrowed(), &c.path).expect("path")) }
    ),
    entry!("rawbind-prebuilt", bench_rawbind_prebuilt, ALL, |c, f| {
        let addr = c.rawbind_addr(f);
        rawbind_errno(bench_rawbind_prebuilt(c.borrowed(), &addr))
    }),
    entry!(
        "rawbind-own",
        bench_rawbind_own_unix,
        &[Family::Unix],
        |c, _| {
            let addr = UnixAddr::from_path(&c.path).expect("path");
            rawbind_errno(bench_rawbind_own_unix(c.borrowed(), &addr))
        }
    ),
    entry!("rawbind-raw", bench_rawbind_raw, ALL, |c, f| {
        let raw = c.rawbind_addr(f).encode();
        rawbind_errno(bench_rawbind_raw(c.fd, &raw))
    }),
    entry!("libc-prebuilt", bench_libc_v4, &[Family::V4], |c, _| {
        libc_errno(bench_libc_v4(c.fd, &c.libc_v4()))
    }),
    entry!("libc-prebuilt", bench_libc_v6, &[Family::V6], |c, _| {
        libc_errno(bench_libc_v6(c.fd, &c.libc_v6()))
    }),
    entry!("libc-prebuilt", bench_libc_unix, &[Family::Unix], |c, _| {
        let un = LibcUnix::new(&c.path);
        libc_errno(bench_libc_unix(c.fd, &un.addr, un.len))
    }),
    entry!("libc-errno", bench_libc_errno_v4, &[Family::V4], |c, _| {
        bench_libc_errno_v4(c.fd, &c.libc_v4())
    }),
    entry!("libc-errno", bench_libc_errno_v6, &[Family::V6], |c, _| {
        bench_libc_errno_v6(c.fd, &c.libc_v6())
    }),
    entry!(
        "libc-errno",
        bench_libc_errno_unix,
        &[Family::Unix],
        |c, _| {
            let un = LibcUnix::new(&c.path);
            bench_libc_errno_unix(c.fd, &un.addr, un.len)
        }
    ),
    entry!(
        "rustix-typed",
        bench_rustix_typed_v4,
        &[Family::V4],
        |c, _| { rustix_errno(bench_rustix_typed_v4(c.borrowed(), &c.v4)) }
    ),
    entry!(
        "rustix-typed",
        bench_rustix_typed_v6,
        &[Family::V6],
        |c, _| { rustix_errno(bench_rustix_typed_v6(c.borrowed(), &c.v6)) }
    ),
    entry!(
        "rustix-typed",
        bench_rustix_typed_unix,
        &[Family::Unix],
        |c, _| { rustix_errno(bench_rustix_typed_unix(c.borrowed(), &c.path)) }
    ),
    entry!("rustix-prebuilt", bench_rustix_prebuilt_any, IP, |c, f| {
        let addr = match f {
            Family::V4 => rustix::net::SocketAddrAny::from(c.v4),
            _ => rustix::net::SocketAddrAny::from(c.v6),
        };
        rustix_errno(bench_rustix_prebuilt_any(c.borrowed(), &addr))
    }),
    entry!(
        "rustix-prebuilt",
        bench_rustix_prebuilt_unix,
        &[Family::Unix],
        |c, _| {
            let addr = rustix::net::SocketAddrUnix::new(c.path.as_path()).expect("path");
            rustix_errno(bench_rustix_prebuilt_unix(c.borrowed(), &addr))
        }
    ),
    entry!("nix-typed", bench_nix_typed_v4, &[Family::V4], |c, _| {
        nix_errno(bench_nix_typed_v4(c.fd, &c.v4))
    }),
    entry!("nix-typed", bench_nix_typed_v6, &[Family::V6], |c, _| {
        nix_errno(bench_nix_typed_v6(c.fd, &c.v6))
    }),
    entry!(
        "nix-typed",
        bench_nix_typed_unix,
        &[Family::Unix],
        |c, _| { nix_errno(bench_nix_typed_unix(c.fd, &c.path)) }
    ),
    entry!(
        "nix-prebuilt",
        bench_nix_prebuilt_v4,
        &[Family::V4],
        |c, _| { nix_errno(bench_nix_prebuilt_v4(c.fd, &c.v4.into())) }
    ),
    entry!(
        "nix-prebuilt",
        bench_nix_prebuilt_v6,
        &[Family::V6],
        |c, _| { nix_errno(bench_nix_prebuilt_v6(c.fd, &c.v6.into())) }
    ),
    entry!(
        "nix-prebuilt",
        bench_nix_prebuilt_unix,
        &[Family::Unix],
        |c, _| {
            let addr = nix::sys::socket::UnixAddr::new(c.path.as_path()).expect("path");
            nix_errno(bench_nix_prebuilt_unix(c.fd, &addr))
        }
    ),
    entry!(
        "socket2-typed",
        bench_socket2_typed_v4,
        &[Family::V4],
        |c, _| { io_errno(bench_socket2_typed_v4(&c.socket2(), &c.v4)) }
    ),
    entry!(
        "socket2-typed",
        bench_socket2_typed_v6,
        &[Family::V6],
        |c, _| { io_errno(bench_socket2_typed_v6(&c.socket2(), &c.v6)) }
    ),
    entry!(
        "socket2-typed",
        bench_socket2_typed_unix,
        &[Family::Unix],
        |c, _| { io_errno(bench_socket2_typed_unix(&c.socket2(), &c.path)) }
    ),
    entry!("socket2-prebuilt", bench_socket2_prebuilt, ALL, |c, f| {
        let addr = match f {
            Family::V4 => socket2::SockAddr::from(c.v4),
            Family::V6 => socket2::SockAddr::from(c.v6),
            Family::Unix => socket2::SockAddr::unix(&c.path).expect("path"),
            Family::Accept => unreachable!("not an entry of accept's"),
        };
        io_errno(bench_socket2_prebuilt(&c.socket2(), &addr))
    }),
    entry!("floor", bench_floor_v4, &[Family::V4], |c, _| {
        raw_errno(bench_floor_v4(c.fd, &c.libc_v4()))
    }),
    entry!("floor", bench_floor_v6, &[Family::V6], |c, _| {
        raw_errno(bench_floor_v6(c.fd, &c.libc_v6()))
    }),
    entry!("floor", bench_floor_unix, &[Family::Unix], |c, _| {
        let un = LibcUnix::new(&c.path);
        raw_errno(bench_floor_unix(c.fd, &un.addr, un.len))
    }),
    entry!(
        "rawbind-typed",
        bench_rawbind_accept,
        &[Family::Accept],
        |c, _| {
            let r = bench_rawbind_accept(c.borrowed());
            accepted(
                r.map(|(fd, peer)| (fd, matches!(peer, SockAddr::V4(_))))
                    .map_err(Errno::raw),
            )
        }
    ),
    entry!(
        "rustix-typed",
        bench_rustix_accept,
        &[Family::Accept],
        |c, _| {
            let r = bench_rustix_accept(c.borrowed());
            accepted(
                r.map(|(fd, peer)| (fd, peer.is_some()))
                    .map_err(|e| e.raw_os_error()),
            )
        }
    ),
    entry!(
        "libc-prebuilt",
        bench_libc_accept,
        &[Family::Accept],
        |c, _| {
            // SAFETY: `sockaddr_storage` is plain integers; all zeroes is valid.
            let mut peer: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
            let mut len = 0;
            let ret = bench_libc_accept(c.fd, &mut peer, &mut len);
            match ret {
                -1 => libc_errno(-1),
                // SAFETY: accept4 returned this new descriptor, which nothing else owns.
                fd => accepted(Ok((unsafe { OwnedFd::from_raw_fd(fd) }, len == 16))),
            }
        }
    ),
    entry!("floor", bench_floor_accept, &[Family::Accept], |c, _| {
        // SAFETY: as above.
        let mut peer: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
        let mut len = 0;
        match bench_floor_accept(c.fd, &mut peer, &mut len) as isize {
            n if n < 0 => Err(-n as i32),
            // SAFETY: accept4 returned this new descriptor, which nothing else owns.
            fd => accepted(Ok((
                unsafe { OwnedFd::from_raw_fd(fd as RawFd) },
                len == 16,
            ))),
        }
    }),
    Entry {
        column: "rawbind-build",
        symbol: "bench_build_rawbind_ip",
        families: IP,
        build_only: true,
        call: |c, f| {
            let ip = match f {
                Family::V4 => SocketAddr::V4(c.v4),
                _ => SocketAddr::V6(c.v6),
            };
            let raw = bench_build_rawbind_ip(&ip);
            assert_eq!(SockAddr::decode(raw.as_bytes()), Ok(SockAddr::from(ip)));
            Ok(())
        },
    },
    Entry {
        column: "rawbind-build",
        symbol: "bench_build_rawbind_unix",
        families: &[Family::Unix],
        build_only: true,
        call: |c, _| {
            let raw = bench_build_rawbind_unix(&c.path).expect("path");
            assert_eq!(
                raw.as_bytes()[2..2 + c.path.as_os_str().len()],
                *c.path.as_os_str().as_bytes()
            );
            Ok(())
        },
    },
];

/// A case: one entry, one family, one path.
struct Case {
    entry: &'static Entry,
    family: Family,
    path: Route,
}

impl Case {
    fn name(&self) -> String {
        let family = match self.family {
            Family::V4 => "v4",
            Family::V6 => "v6",
            Family::Unix => "unix",
            Family::Accept => "accept",
        };
        let path = match self.path {
            Route::Ok => "ok",
            Route::Ebadf => "ebadf",
            Route::Build => "build",
        };
        format!("{family}/{path}/{}", self.entry.column)
    }

    /// Sets up one call, makes it, checks its result and cleans up.
    fn run_once(&self, index: usize) -> Result<(), String> {
        let path = unix_path(index);
        let _ = std::fs::remove_file(&path);
        let socket: Option<OwnedFd> = match self.path {
            Route::Ok => Some(fresh_socket(self.family)),
            Route::Ebadf | Route::Build => None,
        };
        // accept's case: the socket listens, with a client's connection pending.
        let _client = match (self.family, &socket) {
            (Family::Accept, Some(listener)) => Some(pending_connection(listener)),
            _ => None,
        };
        let call = Call {
            fd: socket
                .as_ref()
                .map_or(BAD_RAW_FD, |s| s.as_fd().as_raw_fd()),
            v4: SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0),
            v6: SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0),
            path,
        };
        let outcome = (self.entry.call)(&call, self.family);
        let expected = match self.path {
            Route::Ok | Route::Build => Ok(()),
            Route::Ebadf => Err(libc::EBADF),
        };
        if self.path == Route::Ok && self.family == Family::Unix && !call.path.exists() {
            return Err(format!(
                "{}: bind made no file at {}",
                self.name(),
                call.path.display()
            ));
        }
        let _ = std::fs::remove_file(&call.path);
        drop(socket);
        if outcome == expected {
            Ok(())
        } else {
            Err(format!(
                "{}: got {outcome:?}, expected {expected:?}",
                self.name()
            ))
        }
    }
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for entry in ENTRIES {
        let paths: &[Route] = if entry.build_only {
            &[Route::Build]
        } else {
            &[Route::Ok, Route::Ebadf]
        };
        for &family in entry.families {
            for &path in paths {
                out.push(Case {
                    entry,
                    family,
                    path,
                });
            }
        }
    }
    out
}

/// A pathname of the same length in every run: /tmp, the pid in ten digits
/// and the call's index in two.
fn unix_path(index: usize) -> PathBuf {
    PathBuf::from(format!(
        "/tmp/rawbind-insns-{:010}-{index:02}.sock",
        std::process::id()
    ))
}

fn fresh_socket(family: Family) -> OwnedFd {
    let family = match family {
        Family::V4 | Family::Accept => RbFamily::Inet,
        Family::V6 => RbFamily::Inet6,
        Family::Unix => RbFamily::Unix,
    };
    rawbind::socket(family, SockType::Stream, 0).expect("socket")
}

/// Makes `listener` listen on 127.0.0.1 and connects a client to it: the
/// connection accept takes. The client is kept until the call is checked.
fn pending_connection(listener: &OwnedFd) -> OwnedFd {
    rawbind::bind(listener, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).expect("bind");
    rawbind::listen(listener, 1).expect("listen");
    let client = fresh_socket(Family::V4);
    rawbind::connect(
        &client,
        &rawbind::getsockname(listener).expect("getsockname"),
    )
    .expect("connect");
    client
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = cases();
    match args.first().map(String::as_str) {
        Some("--list") => {
            for case in &cases {
                println!("{} {}", case.name(), case.entry.symbol);
            }
            ExitCode::SUCCESS
        }
        Some("all") => {
            let mut failed = 0;
            for case in &cases {
                if let Err(e) = case.run_once(0) {
                    eprintln!("FAIL {e}");
                    failed += 1;
                }
            }
            println!("{} passed, {failed} failed", cases.len() - failed);
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some(name) => {
            let Some(case) = cases.iter().find(|c| c.name() == name) else {
                eprintln!("insns: no case {name:?}; `insns --list` lists them");
                return ExitCode::from(2);
            };
            let calls = match args.get(1).map(|n| n.parse::<usize>()) {
                None => CALLS,
                Some(Ok(n)) if n <= 100 => n,
                Some(_) => {
                    eprintln!("insns: the call count is a number up to 100");
                    return ExitCode::from(2);
                }
            };
            for i in 0..calls {
                if let Err(e) = case.run_once(i) {
                    eprintln!("insns: {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("usage: insns --list | all | CASE [N]");
            ExitCode::from(2)
        }
    }
}
