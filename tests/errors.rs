//! bind(2)'s errors, provoked against the real kernel, come back as the
//! right `Errno`. Each test is named after the error it covers (`eaddrinuse_…`)
//! and quotes the manual page's words for it; `ok_…` tests show the binds the
//! pages say succeed (SO_REUSEPORT on every socket, IPV6_V6ONLY, abstract
//! names of different socket types, an AF_PACKET rebind).
//!
//! Checks that would race with other test threads over descriptor numbers or
//! mappings (a closed fd, an unmapped page), and checks that need another
//! user or a private mount namespace, run in a forked child (see
//! `common::child`) that reports through its exit status or a pipe.

mod common;

use std::ffi::{CStr, CString, OsString};
use std::io::{ErrorKind, Read};
use std::mem::size_of;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, IntoRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;

use rawbind::{
    bind, getsockname, listen, raw, set_ipv6_only, set_reuse_addr, set_reuse_port, socket,
    AddrError, Errno, Family, LinkAddr, NetlinkAddr, SockAddr, SockType, UnixAddr, UnixAddrKind,
    VsockAddr,
};

/// uid and gid of `nobody`.
const NOBODY: u32 = 65534;

fn unix_path(path: &Path) -> SockAddr {
    SockAddr::Unix(UnixAddr::from_path(path).unwrap())
}

/// An abstract name no other process or test uses.
fn unique_abstract(tag: &str) -> SockAddr {
    SockAddr::Unix(UnixAddr::new_abstract(common::unique_name(tag).as_bytes()).unwrap())
}

/// A failed bind left the Unix socket `fd` as it was: unnamed.
#[track_caller]
fn assert_still_unnamed(fd: &OwnedFd) {
    assert_eq!(
        getsockname(fd).unwrap(),
        SockAddr::Unix(UnixAddr::unnamed())
    );
}

/// Whether anything, of any type, is at `path` (without following a symlink).
fn exists(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(_) => true,
        Err(e) if e.kind() == ErrorKind::NotFound => false,
        Err(e) => panic!("stat {}: {e}", path.display()),
    }
}

fn is_socket_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_socket())
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Who a forked child runs as.
#[derive(Clone, Copy, PartialEq)]
enum As {
    /// The test's own credentials.
    Same,
    /// uid and gid 65534, no supplementary groups: no capabilities left.
    Nobody,
}

/// How a forked child ended.
#[derive(Debug, PartialEq)]
enum Child {
    /// `f` ran and returned this.
    Ran(Result<(), Errno>),
    /// The child could not take on the credentials asked for.
    CouldNotDrop(&'static str),
}

/// Exit statuses a child uses besides 0 (Ok) and an errno number.
const EXIT_ERRNO_OUT_OF_RANGE: i32 = 200;
const EXIT_SETGROUPS: i32 = 201;
const EXIT_SETGID: i32 = 202;
const EXIT_SETUID: i32 = 203;

/// Runs `f` in a forked child as `who` and returns what it reported. `f` is
/// held to the rules of [`common::child`]: system calls only.
fn in_child<F: FnOnce() -> Result<(), Errno>>(who: As, f: F) -> Child {
    let code = common::child::exit_status(|| {
        // SAFETY: setgroups/setgid/setuid read no memory here (a null list
        // of length 0) and change only this, now single-threaded, process.
        unsafe {
            if who == As::Nobody && libc::setgroups(0, std::ptr::null()) != 0 {
                return EXIT_SETGROUPS;
            } else if who == As::Nobody && libc::setgid(NOBODY) != 0 {
                return EXIT_SETGID;
            } else if who == As::Nobody && libc::setuid(NOBODY) != 0 {
                return EXIT_SETUID;
            }
        }
        match f() {
            Ok(()) => 0,
            Err(e) if (1..EXIT_ERRNO_OUT_OF_RANGE).contains(&e.raw()) => e.raw(),
            Err(_) => EXIT_ERRNO_OUT_OF_RANGE,
        }
    });
    match code {
        0 => Child::Ran(Ok(())),
        EXIT_SETGROUPS => Child::CouldNotDrop("setgroups(0, NULL) failed"),
        EXIT_SETGID => Child::CouldNotDrop("setgid(65534) failed"),
        EXIT_SETUID => Child::CouldNotDrop("setuid(65534) failed"),
        EXIT_ERRNO_OUT_OF_RANGE => panic!("child got an errno above 199"),
        n => Child::Ran(Err(Errno::from_raw(n))),
    }
}

// ---- EADDRINUSE: "The given address is already in use." ----

/// bind(2), EADDRINUSE: "The given address is already in use": a second
/// TCP or UDP socket on the port the first holds.
#[test]
fn eaddrinuse_second_socket_on_the_same_127_0_0_1_port() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = socket(Family::Inet, ty, 0).unwrap();
        bind(&first, &common::loopback_v4()).unwrap();
        let taken = getsockname(&first).unwrap();
        let SockAddr::V4(a) = taken else {
            panic!("expected V4, got {taken:?}")
        };
        assert_ne!(a.port(), 0);
        let second = socket(Family::Inet, ty, 0).unwrap();
        assert_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE), "{ty:?}");
    }
}

/// unix(7), EADDRINUSE: "the filesystem socket object already exists": the
/// first socket's file stays, and nothing else is made.
#[test]
fn eaddrinuse_second_socket_on_the_same_unix_path() {
    let dir = common::temp_dir("eaddrinuse");
    let path = dir.join("taken.sock");
    let first = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&first, &unix_path(&path)).unwrap();
    let second = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&second, &unix_path(&path)), Err(Errno::EADDRINUSE));
    assert!(
        is_socket_file(&path),
        "the first socket's file is still there"
    );
    assert_eq!(getsockname(&first).unwrap(), unix_path(&path));
    assert_eq!(entries(&dir.0), [OsString::from("taken.sock")]);
}

/// unix(7), EADDRINUSE: "The specified local address is already in use": an
/// abstract name another datagram socket holds.
#[test]
fn eaddrinuse_second_socket_on_the_same_abstract_name() {
    let name = unique_abstract("twice");
    let first = socket(Family::Unix, SockType::Dgram, 0).unwrap();
    bind(&first, &name).unwrap();
    let second = socket(Family::Unix, SockType::Dgram, 0).unwrap();
    assert_eq!(bind(&second, &name), Err(Errno::EADDRINUSE));
}

// ---- EINVAL: "The socket is already bound to an address." /
//      "addrlen is wrong, or addr is not a valid address for this socket's domain." ----

/// bind(2), EINVAL: "The socket is already bound to an address." TCP and
/// UDP, to a new address and to its own.
#[test]
fn einval_binding_an_already_bound_inet_socket() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        bind(&fd, &common::loopback_v4()).unwrap();
        let bound = getsockname(&fd).unwrap();
        assert_eq!(
            bind(&fd, &common::loopback_v4()),
            Err(Errno::EINVAL),
            "{ty:?}"
        );
        assert_eq!(
            bind(&fd, &bound),
            Err(Errno::EINVAL),
            "{ty:?}: its own address"
        );
        assert_eq!(
            getsockname(&fd).unwrap(),
            bound,
            "{ty:?}: still bound as before"
        );
    }
}

/// bind(2), EINVAL: "The socket is already bound to an address." The kernel
/// creates the socket file before it notices the socket is already bound; it
/// must unlink it again.
#[test]
fn einval_binding_an_already_bound_unix_socket_leaves_no_file_behind() {
    let dir = common::temp_dir("einval-rebind");
    let first = dir.join("first.sock");
    let second = dir.join("second.sock");
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&fd, &unix_path(&first)).unwrap();
    assert_eq!(bind(&fd, &unix_path(&second)), Err(Errno::EINVAL));
    assert!(!exists(&second), "failed bind left {}", second.display());
    assert!(is_socket_file(&first));
    assert_eq!(getsockname(&fd).unwrap(), unix_path(&first));

    let abs = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&abs, &unique_abstract("then-path")).unwrap();
    let third = dir.join("third.sock");
    assert_eq!(bind(&abs, &unix_path(&third)), Err(Errno::EINVAL));
    assert!(!exists(&third), "failed bind left {}", third.display());
}

/// bind(2), EINVAL "The socket is already bound to an address": a bound
/// AF_VSOCK socket (`__vsock_bind`), to any port, its own too.
#[test]
fn einval_binding_an_already_bound_vsock_socket() {
    const NAME: &str = "einval_binding_an_already_bound_vsock_socket";
    let Some((fd, bound)) = common::vsock_bound_to_any_port(NAME) else {
        return;
    };
    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    assert_eq!(bind(&fd, &any), Err(Errno::EINVAL));
    assert_eq!(bind(&fd, &bound), Err(Errno::EINVAL));
    assert_eq!(getsockname(&fd), Ok(SockAddr::Vsock(bound)));
}

/// bind(2), EINVAL "The socket is already bound to an address" comes after
/// unix(7)'s EADDRINUSE "the filesystem socket object already exists":
/// the kernel makes the file before it checks the socket, so a bound Unix
/// socket bound again to its own path is EADDRINUSE, and keeps its name.
#[test]
fn eaddrinuse_binding_a_bound_unix_socket_to_its_own_path_again() {
    let dir = common::temp_dir("eaddrinuse-own-path");
    let path = unix_path(&dir.join("s.sock"));
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&fd, &path).unwrap();
    assert_eq!(bind(&fd, &path), Err(Errno::EADDRINUSE));
    assert_eq!(getsockname(&fd).unwrap(), path);
    assert!(is_socket_file(&dir.join("s.sock")));
}

/// bind(2), EINVAL: "addrlen is wrong": the kernel checks the length before
/// the family, and 16 bytes is shorter than any `sockaddr_in6`.
#[test]
fn einval_v4_address_on_an_inet6_socket() {
    let fd = match socket(Family::Inet6, SockType::Stream, 0) {
        Ok(fd) => fd,
        Err(e) => {
            let name = "einval_v4_address_on_an_inet6_socket";
            return common::skip(name, &format!("no AF_INET6 sockets here: {e}"));
        }
    };
    assert_eq!(bind(&fd, &common::loopback_v4()), Err(Errno::EINVAL));
}

/// bind(2), EINVAL: "addr is not a valid address for this socket's domain":
/// an AF_INET address on an AF_UNIX socket.
#[test]
fn einval_v4_address_on_a_unix_socket() {
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &common::loopback_v4()), Err(Errno::EINVAL));
}

/// bind(2), EINVAL: "addrlen is wrong": 3 bytes of a valid `sockaddr_in`.
#[test]
fn einval_addrlen_3_with_a_valid_sockaddr_in_via_raw_bind() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let addr = common::loopback_v4().encode();
    assert_eq!(addr.len(), 16);
    // SAFETY: `addr` holds 16 initialized bytes, more than the 3 the kernel may read.
    let r = unsafe { raw::bind(fd.as_raw_fd(), addr.as_ptr(), 3) };
    assert_eq!(r, Err(Errno::EINVAL));
    // Nothing was bound: the full 16 bytes still bind.
    // SAFETY: as above, with the address's own length.
    let r = unsafe { raw::bind(fd.as_raw_fd(), addr.as_ptr(), addr.len()) };
    assert_eq!(r, Ok(()));
}

// ---- EAFNOSUPPORT (ip(7)): sin_family is not AF_INET ----

/// BSD bind(2), EAFNOSUPPORT: "Addresses in the specified address family
/// cannot be used with this socket": a 28-byte `sockaddr_in6` on an AF_INET
/// socket (long enough, so the kernel gets to the family).
#[test]
fn eafnosupport_v6_address_on_an_inet_socket() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        let v6 = SockAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0));
        assert_eq!(bind(&fd, &v6), Err(Errno::EAFNOSUPPORT), "{ty:?}");
    }
}

// ---- EBADF: "sockfd is not a valid file descriptor." ----

/// bind(2), EBADF: "sockfd is not a valid file descriptor": -1.
#[test]
fn ebadf_fd_minus_1_via_raw_bind() {
    let addr = common::loopback_v4().encode();
    // SAFETY: `addr` holds `addr.len()` initialized bytes and outlives the call.
    let r = unsafe { raw::bind(-1, addr.as_ptr(), addr.len()) };
    assert_eq!(r, Err(Errno::EBADF));
}

/// bind(2), EBADF: "sockfd is not a valid file descriptor": a number just
/// closed. In a child, so no other thread can reuse the number between close
/// and bind.
#[test]
fn ebadf_fd_number_that_was_just_closed() {
    let addr = common::loopback_v4().encode();
    let got = in_child(As::Same, || {
        let fd = socket(Family::Inet, SockType::Stream, 0)?.into_raw_fd();
        // SAFETY: `fd` was just given up by its OwnedFd; nothing else uses it.
        if unsafe { libc::close(fd) } != 0 {
            return Err(Errno::EIO);
        }
        // SAFETY: `addr` holds `addr.len()` initialized bytes and outlives the call.
        unsafe { raw::bind(fd, addr.as_ptr(), addr.len()) }
    });
    assert_eq!(got, Child::Ran(Err(Errno::EBADF)));
}

// ---- ENOTSOCK: "The file descriptor sockfd does not refer to a socket." ----

/// bind(2), ENOTSOCK: "The file descriptor sockfd does not refer to a
/// socket": a regular file; an AF_UNIX address makes no file either.
#[test]
fn enotsock_regular_file_fd() {
    let dir = common::temp_dir("enotsock");
    let file = std::fs::File::create(dir.join("plain")).unwrap();
    assert_eq!(bind(&file, &common::loopback_v4()), Err(Errno::ENOTSOCK));
    let path = dir.join("never.sock");
    assert_eq!(bind(&file, &unix_path(&path)), Err(Errno::ENOTSOCK));
    assert!(!exists(&path));
    assert_eq!(entries(&dir.0), [OsString::from("plain")]);
}

/// bind(2), ENOTSOCK: "The file descriptor sockfd does not refer to a
/// socket": a character device.
#[test]
fn enotsock_dev_null_fd() {
    let null = std::fs::File::open("/dev/null").unwrap();
    assert_eq!(bind(&null, &common::loopback_v4()), Err(Errno::ENOTSOCK));
}

// ---- EADDRNOTAVAIL: "A nonexistent interface was requested or the
//      requested address was not local." ----

/// Whether some interface has IPv4 address `ip`, by libc's getifaddrs.
fn ipv4_is_assigned(ip: Ipv4Addr) -> bool {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head to `head`, freed below.
    let r = unsafe { libc::getifaddrs(&mut head) };
    assert_eq!(r, 0, "getifaddrs: {}", std::io::Error::last_os_error());
    let mut found = false;
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        // SAFETY: a non-null ifa_addr points to a sockaddr of the family it
        // names; an AF_INET one is a sockaddr_in.
        unsafe {
            if !ifa.ifa_addr.is_null() && i32::from((*ifa.ifa_addr).sa_family) == libc::AF_INET {
                let sin = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                found |= sin.sin_addr.s_addr.to_ne_bytes() == ip.octets();
            }
        }
        cur = ifa.ifa_next;
    }
    // SAFETY: `head` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(head) };
    found
}

/// bind(2), EADDRNOTAVAIL: "the requested address was not local": 192.0.2.1
/// (TEST-NET-1), which no interface here has; nothing is sent.
#[test]
fn eaddrnotavail_192_0_2_1_is_not_a_local_address() {
    let name = "eaddrnotavail_192_0_2_1_is_not_a_local_address";
    let ip = Ipv4Addr::new(192, 0, 2, 1);
    let nonlocal = std::fs::read_to_string("/proc/sys/net/ipv4/ip_nonlocal_bind")
        .map(|s| s.trim() != "0")
        .unwrap_or(false);
    if nonlocal {
        return common::skip(name, "net.ipv4.ip_nonlocal_bind is on: any address binds");
    }
    if ipv4_is_assigned(ip) {
        return common::skip(name, "192.0.2.1 is assigned to an interface here");
    }
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        let addr = SockAddr::V4(SocketAddrV4::new(ip, 0));
        assert_eq!(bind(&fd, &addr), Err(Errno::EADDRNOTAVAIL), "{ty:?}");
    }
}

// ---- ENOENT: "A component in the directory prefix of the socket pathname
//      does not exist." ----

/// bind(2), ENOENT: "A component in the directory prefix of the socket
/// pathname does not exist"; nothing is made.
#[test]
fn enoent_unix_path_in_a_missing_directory() {
    let dir = common::temp_dir("enoent");
    let missing = dir.join("missing");
    let path = missing.join("s.sock");
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &unix_path(&path)), Err(Errno::ENOENT));
    assert!(!exists(&missing), "bind created {}", missing.display());
    assert_eq!(entries(&dir.0), Vec::<OsString>::new());
    assert_still_unnamed(&fd);
}

// ---- ENOTDIR: "A component of the path prefix is not a directory." ----

/// bind(2), ENOTDIR: "A component of the path prefix is not a directory";
/// the file is left as it was, and nothing is made.
#[test]
fn enotdir_unix_path_prefix_is_a_regular_file() {
    let dir = common::temp_dir("enotdir");
    let file = dir.join("plain");
    std::fs::write(&file, b"not a directory").unwrap();
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(
        bind(&fd, &unix_path(&file.join("s.sock"))),
        Err(Errno::ENOTDIR)
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"not a directory");
    assert_eq!(entries(&dir.0), [OsString::from("plain")]);
}

// ---- EFAULT: "addr points outside the user's accessible address space." ----

fn page_size() -> usize {
    // SAFETY: sysconf takes no pointer.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    assert!(n > 0);
    n as usize
}

/// bind(2), EFAULT: "addr points outside the user's accessible address
/// space": an unmapped page. In a child, so no other thread can map the page
/// again between munmap and bind.
#[test]
fn efault_addr_in_an_unmapped_page_via_raw_bind() {
    let page = page_size();
    let len = size_of::<libc::sockaddr_in>() as u32;
    let got = in_child(As::Same, || {
        let fd = socket(Family::Inet, SockType::Stream, 0)?;
        let prot = libc::PROT_READ | libc::PROT_WRITE;
        let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
        // SAFETY: an anonymous mapping the kernel places; no existing memory is touched.
        let p = unsafe { libc::mmap(std::ptr::null_mut(), page, prot, flags, -1, 0) };
        // SAFETY: `p` is the whole mapping just made; nothing refers to it.
        if p == libc::MAP_FAILED || unsafe { libc::munmap(p, page) } != 0 {
            return Err(Errno::ENOMEM);
        }
        // SAFETY: `p` is unmapped: the kernel's copy fails with EFAULT and
        // nothing in this process is read or written.
        unsafe { raw::bind(fd.as_raw_fd(), p as *const u8, len) }
    });
    assert_eq!(got, Child::Ran(Err(Errno::EFAULT)));
}

/// bind(2), EFAULT: "addr points outside the user's accessible address
/// space": a page mapped PROT_NONE.
#[test]
fn efault_addr_in_a_prot_none_page_via_raw_bind() {
    let page = page_size();
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
    // SAFETY: an anonymous mapping the kernel places; no existing memory is touched.
    let p = unsafe { libc::mmap(std::ptr::null_mut(), page, libc::PROT_NONE, flags, -1, 0) };
    assert_ne!(
        p,
        libc::MAP_FAILED,
        "mmap: {}",
        std::io::Error::last_os_error()
    );
    let len = size_of::<libc::sockaddr_in>() as u32;
    // SAFETY: the page at `p` is ours and inaccessible: the kernel's copy
    // fails with EFAULT and nothing is read.
    let r = unsafe { raw::bind(fd.as_raw_fd(), p as *const u8, len) };
    // SAFETY: `p` is the whole mapping made above; nothing refers to it.
    unsafe { libc::munmap(p, page) };
    assert_eq!(r, Err(Errno::EFAULT));
}

// ---- EACCES: "The address is protected, and the user is not the superuser." /
//      "Search permission is denied on a component of the path prefix." ----

fn unprivileged_port_start() -> u32 {
    match std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start") {
        Ok(s) => s.trim().parse().expect("a port number"),
        // Kernels before 4.11 have no knob: ports below 1024 are protected.
        Err(_) => 1024,
    }
}

/// bind(2), EACCES: "The address is protected, and the user is not the
/// superuser": port 463 as uid 65534 (forked child).
#[test]
fn eacces_port_463_as_nobody() {
    let name = "eacces_port_463_as_nobody";
    if !common::is_root() {
        return common::skip(name, "needs root to fork a child that drops to uid 65534");
    }
    let start = unprivileged_port_start();
    if start <= 463 {
        let why = format!("ip_unprivileged_port_start is {start}: port 463 is open to all");
        return common::skip(name, &why);
    }
    let any_port = common::loopback_v4();
    let port_463 = SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 463));
    // Control: the same child binds a kernel-chosen port, so the EACCES is the port's.
    let control = in_child(As::Nobody, || {
        bind(socket(Family::Inet, SockType::Stream, 0)?, &any_port)
    });
    if let Child::CouldNotDrop(why) = control {
        return common::skip(name, why);
    }
    assert_eq!(control, Child::Ran(Ok(())));
    let got = in_child(As::Nobody, || {
        bind(socket(Family::Inet, SockType::Stream, 0)?, &port_463)
    });
    assert_eq!(got, Child::Ran(Err(Errno::EACCES)));
}

/// bind(2), EACCES: "Search permission is denied on a component of the path
/// prefix": mode 0666 directory, as uid 65534 (forked child); nothing is made.
#[test]
fn eacces_unix_path_in_a_directory_without_search_permission_as_nobody() {
    let name = "eacces_unix_path_in_a_directory_without_search_permission_as_nobody";
    if !common::is_root() {
        return common::skip(name, "needs root to fork a child that drops to uid 65534");
    }
    let dir = common::temp_dir("eacces");
    set_mode(&dir.0, 0o755);
    let open = dir.join("open");
    let locked = dir.join("no-search");
    std::fs::create_dir(&open).unwrap();
    std::fs::create_dir(&locked).unwrap();
    set_mode(&open, 0o777);
    set_mode(&locked, 0o666);
    let open_path = open.join("ok.sock");
    let locked_path = locked.join("s.sock");
    let open_addr = unix_path(&open_path);
    let locked_addr = unix_path(&locked_path);

    // Control: nobody can reach the temp dir and bind in a writable directory.
    let control = in_child(As::Nobody, || {
        bind(socket(Family::Unix, SockType::Stream, 0)?, &open_addr)
    });
    match control {
        Child::CouldNotDrop(why) => return common::skip(name, why),
        Child::Ran(Err(Errno::EACCES)) => {
            let why = format!("uid 65534 cannot reach {}", dir.0.display());
            return common::skip(name, &why);
        }
        other => assert_eq!(other, Child::Ran(Ok(()))),
    }
    assert!(is_socket_file(&open_path));

    let got = in_child(As::Nobody, || {
        bind(socket(Family::Unix, SockType::Stream, 0)?, &locked_addr)
    });
    assert_eq!(got, Child::Ran(Err(Errno::EACCES)));
    assert!(
        !exists(&locked_path),
        "failed bind left {}",
        locked_path.display()
    );
}

// ---- Helpers for the tests below ----

/// The names in `dir`, sorted: a failed bind must leave them as they were.
fn entries(dir: &Path) -> Vec<OsString> {
    let mut names: Vec<OsString> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    names
}

/// The port `fd` is bound to.
fn port_of(fd: impl AsFd) -> u16 {
    match getsockname(fd).unwrap() {
        SockAddr::V4(a) => a.port(),
        SockAddr::V6(a) => a.port(),
        other => panic!("expected an IP address, got {other:?}"),
    }
}

/// An AF_INET6 socket, or `None` after skipping test `name` when this
/// system has no IPv6.
fn inet6_socket(name: &str, ty: SockType) -> Option<OwnedFd> {
    match socket(Family::Inet6, ty, 0) {
        Ok(fd) => Some(fd),
        Err(e) => {
            common::skip(name, &format!("no AF_INET6 sockets here: {e}"));
            None
        }
    }
}

/// The IPv6 wildcard address: `[::]:port`.
fn v6_any(port: u16) -> SockAddr {
    SockAddr::V6(SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, port, 0, 0))
}

/// The IPv4 wildcard address: `0.0.0.0:port`.
fn v4_any(port: u16) -> SockAddr {
    SockAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port))
}

/// Runs `attempt` until it does not fail with EADDRINUSE, at most 3 times.
/// For checks that bind a port the kernel chose for one family in the other
/// family: between the two binds, another test or process (QEMU runs share
/// the host's ports) may be given that port in the other family.
fn retry_if_port_raced(attempt: impl Fn() -> Result<(), Errno>) -> Result<(), Errno> {
    let mut result = attempt();
    for _ in 1..3 {
        if result != Err(Errno::EADDRINUSE) {
            break;
        }
        result = attempt();
    }
    result
}

/// A pathname address of exactly `len` bytes that names nothing anywhere:
/// `rawbind-never-…` in the current directory, padded with `x`.
fn never_made_path(len: usize) -> (UnixAddr, std::path::PathBuf) {
    let mut name = common::unique_name("never").into_bytes();
    name.resize(len, b'x');
    let path = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(&name));
    (UnixAddr::new(&name).unwrap(), path)
}

// ---- EADDRINUSE with SO_REUSEADDR (socket(7)): "For AF_INET sockets this
//      means that a socket may bind, except when there is an active
//      listening socket bound to the address." ----

/// socket(7), SO_REUSEADDR: "a socket may bind, except when there is an
/// active listening socket bound to the address": with the option on both
/// TCP sockets and the first not listening, the second binds its port.
#[test]
fn ok_so_reuseaddr_on_both_tcp_sockets_and_the_first_not_listening() {
    let first = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_reuse_addr(&first, true).unwrap();
    bind(&first, &common::loopback_v4()).unwrap();
    let taken = getsockname(&first).unwrap();
    let second = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_reuse_addr(&second, true).unwrap();
    assert_eq!(bind(&second, &taken), Ok(()));
    assert_eq!(getsockname(&second).unwrap(), taken);
}

/// socket(7), SO_REUSEADDR: "a socket may bind, except when there is an
/// active listening socket bound to the address"; bind(2): EADDRINUSE "The
/// given address is already in use."
#[test]
fn eaddrinuse_so_reuseaddr_on_both_tcp_sockets_while_the_first_listens() {
    let first = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_reuse_addr(&first, true).unwrap();
    bind(&first, &common::loopback_v4()).unwrap();
    listen(&first, 1).unwrap();
    let taken = getsockname(&first).unwrap();
    let second = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_reuse_addr(&second, true).unwrap();
    assert_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE));
    // The same socket binds once the listener is gone.
    drop(first);
    assert_eq!(bind(&second, &taken), Ok(()));
}

/// socket(7), SO_REUSEADDR: the option must be on both sockets ("Linux will
/// allow port reuse only with the SO_REUSEADDR option when this option was
/// set both in the previous program … and in the program that wants to reuse
/// the port"); bind(2): EADDRINUSE "The given address is already in use."
#[test]
fn eaddrinuse_so_reuseaddr_on_the_second_tcp_socket_only() {
    let first = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&first, &common::loopback_v4()).unwrap();
    let taken = getsockname(&first).unwrap();
    let second = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_reuse_addr(&second, true).unwrap();
    assert_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE));
}

// ---- EADDRINUSE between IPv4 and dual-stack IPv6 (ipv6(7), IPV6_V6ONLY:
//      "If this flag is set to true (nonzero), then the socket is restricted
//      to sending and receiving IPv6 packets only. In this case, an IPv4 and
//      an IPv6 application can bind to a single port at the same time.") ----

/// ipv6(7), IPV6_V6ONLY off: `[::]` also takes the port's IPv4 wildcard, which
/// an AF_INET socket holds; bind(2): EADDRINUSE "The given address is already
/// in use." Control: the same port binds with IPV6_V6ONLY on.
#[test]
fn eaddrinuse_dual_stack_v6_wildcard_on_a_port_the_v4_wildcard_holds() {
    let name = "eaddrinuse_dual_stack_v6_wildcard_on_a_port_the_v4_wildcard_holds";
    for ty in [SockType::Stream, SockType::Dgram] {
        if inet6_socket(name, ty).is_none() {
            return;
        }
        let control = || {
            let v4 = socket(Family::Inet, ty, 0)?;
            bind(&v4, &v4_any(0))?;
            let port = port_of(&v4);
            let dual = socket(Family::Inet6, ty, 0)?;
            set_ipv6_only(&dual, false)?;
            assert_eq!(bind(&dual, &v6_any(port)), Err(Errno::EADDRINUSE), "{ty:?}");
            let v6only = socket(Family::Inet6, ty, 0)?;
            set_ipv6_only(&v6only, true)?;
            bind(&v6only, &v6_any(port))
        };
        assert_eq!(retry_if_port_raced(control), Ok(()), "{ty:?}: control");
    }
}

/// ipv6(7), IPV6_V6ONLY off: a dual-stack `[::]` holds the port's IPv4
/// wildcard too; bind(2): EADDRINUSE "The given address is already in use."
#[test]
fn eaddrinuse_v4_wildcard_on_a_port_a_dual_stack_v6_wildcard_holds() {
    let name = "eaddrinuse_v4_wildcard_on_a_port_a_dual_stack_v6_wildcard_holds";
    for ty in [SockType::Stream, SockType::Dgram] {
        let Some(dual) = inet6_socket(name, ty) else {
            return;
        };
        set_ipv6_only(&dual, false).unwrap();
        bind(&dual, &v6_any(0)).unwrap();
        let port = port_of(&dual);
        let v4 = socket(Family::Inet, ty, 0).unwrap();
        assert_eq!(bind(&v4, &v4_any(port)), Err(Errno::EADDRINUSE), "{ty:?}");
    }
}

/// ipv6(7), IPV6_V6ONLY: "If this flag is set to true (nonzero) … an IPv4
/// and an IPv6 application can bind to a single port at the same time."
#[test]
fn ok_v6only_wildcard_and_v4_wildcard_share_a_port() {
    let name = "ok_v6only_wildcard_and_v4_wildcard_share_a_port";
    for ty in [SockType::Stream, SockType::Dgram] {
        if inet6_socket(name, ty).is_none() {
            return;
        }
        let v6only_first = || {
            let v6only = socket(Family::Inet6, ty, 0)?;
            set_ipv6_only(&v6only, true)?;
            bind(&v6only, &v6_any(0))?;
            bind(socket(Family::Inet, ty, 0)?, &v4_any(port_of(&v6only)))
        };
        assert_eq!(
            retry_if_port_raced(v6only_first),
            Ok(()),
            "{ty:?}: v6only first"
        );
        let v4_first = || {
            let v4 = socket(Family::Inet, ty, 0)?;
            bind(&v4, &v4_any(0))?;
            let v6only = socket(Family::Inet6, ty, 0)?;
            set_ipv6_only(&v6only, true)?;
            bind(&v6only, &v6_any(port_of(&v4)))
        };
        assert_eq!(retry_if_port_raced(v4_first), Ok(()), "{ty:?}: v4 first");
    }
}

// ---- SO_REUSEPORT (socket(7)): "Permits multiple AF_INET or AF_INET6
//      sockets to be bound to an identical socket address. This option must
//      be set on each socket (including the first socket) prior to calling
//      bind(2) on the socket." ----

/// How many sockets share a port in the SO_REUSEPORT tests.
const REUSEPORT_N: usize = 4;

/// socket(7), SO_REUSEPORT: "Permits multiple AF_INET or AF_INET6 sockets to
/// be bound to an identical socket address": 4 sockets that all set it bind
/// one 127.0.0.1 port, TCP and UDP.
#[test]
fn ok_so_reuseport_on_all_4_sockets_binds_them_all_to_one_port() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = socket(Family::Inet, ty, 0).unwrap();
        set_reuse_port(&first, true).unwrap();
        bind(&first, &common::loopback_v4()).unwrap();
        let taken = getsockname(&first).unwrap();
        let mut all = vec![first];
        for i in 1..REUSEPORT_N {
            let fd = socket(Family::Inet, ty, 0).unwrap();
            set_reuse_port(&fd, true).unwrap();
            assert_eq!(bind(&fd, &taken), Ok(()), "{ty:?}: socket {i}");
            all.push(fd);
        }
        for fd in &all {
            assert_eq!(getsockname(fd).unwrap(), taken, "{ty:?}");
        }
    }
}

/// socket(7), SO_REUSEPORT: "This option must be set on each socket
/// (including the first socket)"; bind(2): EADDRINUSE "The given address is
/// already in use." The first socket did not set it: each of the other 3 fails.
#[test]
fn eaddrinuse_so_reuseport_when_the_first_socket_did_not_set_it() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = socket(Family::Inet, ty, 0).unwrap();
        bind(&first, &common::loopback_v4()).unwrap();
        let taken = getsockname(&first).unwrap();
        for i in 1..REUSEPORT_N {
            let fd = socket(Family::Inet, ty, 0).unwrap();
            set_reuse_port(&fd, true).unwrap();
            assert_eq!(
                bind(&fd, &taken),
                Err(Errno::EADDRINUSE),
                "{ty:?}: socket {i}"
            );
        }
    }
}

/// socket(7), SO_REUSEPORT: "all of the processes binding to the same
/// address must have the same effective UID". The kernel compares each
/// socket's own uid (`sk_uid`, its inode's owner), not the binding
/// process's: in a forked child, a socket made while the child was still
/// root binds next to root's socket after the child became nobody, and one
/// nobody made is EADDRINUSE; so is one root made and gave to nobody with
/// fchown. TCP and UDP.
#[test]
fn eaddrinuse_so_reuseport_socket_made_by_another_user() {
    const NAME: &str = "eaddrinuse_so_reuseport_socket_made_by_another_user";
    if !common::is_root() {
        return common::skip(NAME, "becoming another user needs root");
    }
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = socket(Family::Inet, ty, 0).unwrap();
        set_reuse_port(&first, true).unwrap();
        bind(&first, &common::loopback_v4()).unwrap();
        if ty == SockType::Stream {
            listen(&first, 1).unwrap();
        }
        let taken = getsockname(&first).unwrap();
        let verdict = common::child::verdict(|| {
            let made_as_root = socket(Family::Inet, ty, 0).map_err(|_| "socket as root")?;
            set_reuse_port(&made_as_root, true).map_err(|_| "SO_REUSEPORT as root")?;
            if !common::child::become_nobody() {
                return Err("could not become nobody");
            }
            let made_as_nobody = socket(Family::Inet, ty, 0).map_err(|_| "socket as nobody")?;
            set_reuse_port(&made_as_nobody, true).map_err(|_| "SO_REUSEPORT as nobody")?;
            match bind(&made_as_nobody, &taken) {
                Err(Errno::EADDRINUSE) => {}
                Ok(()) => return Err("nobody's socket bound next to root's"),
                Err(_) => return Err("nobody's socket failed, but not with EADDRINUSE"),
            }
            bind(&made_as_root, &taken).map_err(|_| "root's socket failed to bind as nobody")
        });
        assert_eq!(verdict, Ok(()), "{ty:?}");
        let given_away = socket(Family::Inet, ty, 0).unwrap();
        set_reuse_port(&given_away, true).unwrap();
        // SAFETY: fchown takes only integers; the descriptor is open.
        let r = unsafe { libc::fchown(given_away.as_raw_fd(), NOBODY, NOBODY) };
        assert_eq!(r, 0, "fchown: {}", std::io::Error::last_os_error());
        assert_eq!(
            bind(&given_away, &taken),
            Err(Errno::EADDRINUSE),
            "{ty:?}: a socket root made and gave to nobody"
        );
    }
}

// ---- The abstract namespace (unix(7)): EADDRINUSE "The specified local
//      address is already in use or the filesystem socket object already
//      exists." ----

/// unix(7), EADDRINUSE: "The specified local address is already in use": an
/// abstract name taken by a socket of the same type, for each type.
#[test]
fn eaddrinuse_abstract_name_in_use_by_a_socket_of_the_same_type() {
    for ty in [SockType::Stream, SockType::Dgram, SockType::SeqPacket] {
        let name = unique_abstract("same-type");
        let first = socket(Family::Unix, ty, 0).unwrap();
        bind(&first, &name).unwrap();
        let second = socket(Family::Unix, ty, 0).unwrap();
        assert_eq!(bind(&second, &name), Err(Errno::EADDRINUSE), "{ty:?}");
        assert_eq!(getsockname(&first).unwrap(), name, "{ty:?}");
    }
}

/// unix(7): an abstract name is "in use" only among sockets of one type: the
/// kernel looks names up per type, so a stream, a datagram and a seqpacket
/// socket all bind the same abstract name.
#[test]
fn ok_abstract_name_of_one_type_does_not_collide_with_other_types() {
    let name = unique_abstract("three-types");
    let mut held = Vec::new();
    for ty in [SockType::Stream, SockType::Dgram, SockType::SeqPacket] {
        let fd = socket(Family::Unix, ty, 0).unwrap();
        assert_eq!(bind(&fd, &name), Ok(()), "{ty:?}");
        assert_eq!(getsockname(&fd).unwrap(), name, "{ty:?}");
        held.push(fd);
    }
    // Control: the name is taken for each type now.
    let again = socket(Family::Unix, SockType::Dgram, 0).unwrap();
    assert_eq!(bind(&again, &name), Err(Errno::EADDRINUSE));
}

/// The name the kernel autobound `fd` to (unix(7), "Autobind feature": "a
/// null byte followed by 5 bytes in the character set [0-9a-f]").
fn autobind(fd: impl AsFd) -> SockAddr {
    let fd = fd.as_fd();
    bind(fd, &SockAddr::Unix(UnixAddr::unnamed())).unwrap();
    let got = getsockname(fd).unwrap();
    let SockAddr::Unix(u) = got else {
        panic!("expected Unix, got {got:?}")
    };
    let UnixAddrKind::Abstract(name) = u.kind() else {
        panic!("expected an abstract name, got {u:?}")
    };
    assert_eq!(name.len(), 5, "{u:?}");
    assert!(
        name.iter().all(|b| b"0123456789abcdef".contains(b)),
        "{u:?}"
    );
    got
}

/// unix(7), EADDRINUSE: "The specified local address is already in use": a
/// name the kernel autobound for one socket, given to a second of its type.
#[test]
fn eaddrinuse_second_socket_on_an_autobound_name() {
    for ty in [SockType::Stream, SockType::Dgram, SockType::SeqPacket] {
        let first = socket(Family::Unix, ty, 0).unwrap();
        let name = autobind(&first);
        let second = socket(Family::Unix, ty, 0).unwrap();
        assert_eq!(bind(&second, &name), Err(Errno::EADDRINUSE), "{ty:?}");
    }
}

/// bind(2), EINVAL: "The socket is already bound to an address." An
/// autobound socket is bound: to its own name, another abstract name or a
/// path, a second bind fails, and makes no file.
#[test]
fn einval_binding_an_autobound_unix_socket_again() {
    let dir = common::temp_dir("einval-autobound");
    let path = dir.join("s.sock");
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    let name = autobind(&fd);
    assert_eq!(bind(&fd, &name), Err(Errno::EINVAL), "its own name");
    let other = unique_abstract("after-autobind");
    assert_eq!(bind(&fd, &other), Err(Errno::EINVAL), "another name");
    assert_eq!(bind(&fd, &unix_path(&path)), Err(Errno::EINVAL), "a path");
    assert_eq!(
        entries(&dir.0),
        Vec::<OsString>::new(),
        "failed bind left a file"
    );
    assert_eq!(getsockname(&fd).unwrap(), name);
}

/// unix(7), "Autobind feature": binding the unnamed address (`addrlen` 2)
/// asks for an autobind, which the kernel skips for a socket that already has
/// a name: it returns 0, not bind(2)'s EINVAL "The socket is already bound",
/// and the name stays.
#[test]
fn ok_unnamed_bind_on_an_already_bound_unix_socket_changes_nothing() {
    let dir = common::temp_dir("ok-unnamed-again");
    let path = unix_path(&dir.join("s.sock"));
    let unnamed = SockAddr::Unix(UnixAddr::unnamed());
    let by_path = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&by_path, &path).unwrap();
    assert_eq!(bind(&by_path, &unnamed), Ok(()));
    assert_eq!(getsockname(&by_path).unwrap(), path);

    let auto = socket(Family::Unix, SockType::Dgram, 0).unwrap();
    let name = autobind(&auto);
    assert_eq!(bind(&auto, &unnamed), Ok(()));
    assert_eq!(getsockname(&auto).unwrap(), name);
}

// ---- EADDRINUSE for a path (unix(7)): "… or the filesystem socket object
//      already exists." ----

/// unix(7), EADDRINUSE: "the filesystem socket object already exists"; any
/// file there counts, and the kernel leaves it as it was.
#[test]
fn eaddrinuse_unix_path_is_an_existing_regular_file() {
    let dir = common::temp_dir("eaddrinuse-file");
    let path = dir.join("plain");
    std::fs::write(&path, b"kept").unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &unix_path(&path)), Err(Errno::EADDRINUSE));
    assert_eq!(std::fs::read(&path).unwrap(), b"kept");
    assert_eq!(std::fs::metadata(&path).unwrap().ino(), inode);
    assert_eq!(entries(&dir.0), [OsString::from("plain")]);
}

/// unix(7), EADDRINUSE: "the filesystem socket object already exists": bind
/// does not follow a symlink in the last component, so a dangling one is
/// "in use", and its target is not made.
#[test]
fn eaddrinuse_unix_path_is_a_dangling_symlink() {
    let dir = common::temp_dir("eaddrinuse-dangling");
    let link = dir.join("link");
    let target = dir.join("target.sock");
    symlink(&target, &link).unwrap();
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &unix_path(&link)), Err(Errno::EADDRINUSE));
    assert!(
        !exists(&target),
        "bind followed the link to {}",
        target.display()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    assert_eq!(entries(&dir.0), [OsString::from("link")]);
}

// ---- Family and length mismatches. The kernel checks the length before
//      the family: bind(2), EINVAL "addrlen is wrong, or addr is not a valid
//      address for this socket's domain"; EAFNOSUPPORT when the length fits
//      but the family does not (inet_bind, inet6_bind). ----

/// Encoded lengths of pathname addresses: `2 + len + 1`.
fn unix_len(path_len: usize) -> u32 {
    (2 + path_len + 1) as u32
}

/// bind(2), EINVAL: "addrlen is wrong": an AF_UNIX address shorter than a
/// `sockaddr_in` (16 bytes) on an AF_INET socket; no file is made.
#[test]
fn einval_unix_address_shorter_than_16_bytes_on_an_inet_socket() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        // 2, 3 + 3, and 2 + 12 + 1 = 15 bytes.
        let unnamed = SockAddr::Unix(UnixAddr::unnamed());
        assert_eq!(bind(&fd, &unnamed), Err(Errno::EINVAL), "{ty:?}: unnamed");
        let abs = SockAddr::Unix(UnixAddr::new_abstract(b"abc").unwrap());
        assert_eq!(bind(&fd, &abs), Err(Errno::EINVAL), "{ty:?}: abstract");
        for len in [1, 12] {
            let (addr, path) = never_made_path(len);
            let addr = SockAddr::Unix(addr);
            assert!(addr.encode().len() < 16);
            assert_eq!(
                bind(&fd, &addr),
                Err(Errno::EINVAL),
                "{ty:?}: {len}-byte path"
            );
            assert!(!exists(&path), "{ty:?}: bind made {}", path.display());
        }
        assert_eq!(
            getsockname(&fd).unwrap(),
            SockAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0))
        );
    }
}

/// ip(7) via inet_bind: a 16-byte or longer address whose family is not
/// AF_INET is EAFNOSUPPORT (BSD bind(2): "EAFNOSUPPORT: Addresses in the
/// specified address family cannot be used with this socket"): AF_UNIX
/// addresses of 16, 44 and 110 bytes, and a 20-byte `sockaddr_ll`.
#[test]
fn eafnosupport_unix_address_of_16_bytes_or_more_on_an_inet_socket() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        for len in [13, 41, 108] {
            let (addr, path) = never_made_path(len);
            let addr = SockAddr::Unix(addr);
            assert_eq!(addr.encode().len(), unix_len(len).min(110));
            assert_eq!(
                bind(&fd, &addr),
                Err(Errno::EAFNOSUPPORT),
                "{ty:?}: {len}-byte path"
            );
            assert!(!exists(&path), "{ty:?}: bind made {}", path.display());
        }
        let link = SockAddr::Link(LinkAddr::new(0, 1));
        assert_eq!(
            bind(&fd, &link),
            Err(Errno::EAFNOSUPPORT),
            "{ty:?}: sockaddr_ll"
        );
    }
}

/// 16 bytes of AF_UNSPEC (0), port 0, then `addr`, as raw bytes.
fn af_unspec_16(addr: Ipv4Addr) -> [u8; 16] {
    let mut b = [0; 16];
    b[4..8].copy_from_slice(&addr.octets());
    b
}

/// ip(7) via inet_bind: the one exception to EAFNOSUPPORT for a foreign
/// family: AF_UNSPEC with address 0.0.0.0 binds an AF_INET socket as
/// INADDR_ANY ("Compatibility games" in the kernel's inet_bind).
#[test]
fn ok_af_unspec_with_address_0_0_0_0_binds_an_inet_socket_as_inaddr_any() {
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let b = af_unspec_16(Ipv4Addr::UNSPECIFIED);
    // SAFETY: `b` holds 16 initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd.as_raw_fd(), b.as_ptr(), b.len() as u32) };
    assert_eq!(r, Ok(()));
    let got = getsockname(&fd).unwrap();
    let SockAddr::V4(a) = got else {
        panic!("expected V4, got {got:?}")
    };
    assert_eq!(*a.ip(), Ipv4Addr::UNSPECIFIED);
    assert_ne!(a.port(), 0);
}

/// BSD bind(2), EAFNOSUPPORT: "Addresses in the specified address family
/// cannot be used with this socket": AF_UNSPEC with any address but 0.0.0.0
/// on an AF_INET socket.
#[test]
fn eafnosupport_af_unspec_with_address_127_0_0_1_on_an_inet_socket() {
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let b = af_unspec_16(Ipv4Addr::LOCALHOST);
    // SAFETY: `b` holds 16 initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd.as_raw_fd(), b.as_ptr(), b.len() as u32) };
    assert_eq!(r, Err(Errno::EAFNOSUPPORT));
}

/// bind(2), EINVAL: "addrlen is wrong": an address shorter than RFC 2133's
/// 24-byte `sockaddr_in6` on an AF_INET6 socket: AF_UNIX of 15 and 23 bytes,
/// a 20-byte `sockaddr_ll`.
#[test]
fn einval_unix_address_shorter_than_24_bytes_on_an_inet6_socket() {
    let name = "einval_unix_address_shorter_than_24_bytes_on_an_inet6_socket";
    let Some(fd) = inet6_socket(name, SockType::Stream) else {
        return;
    };
    for len in [12, 20] {
        let (addr, path) = never_made_path(len);
        let addr = SockAddr::Unix(addr);
        assert!(addr.encode().len() < 24);
        assert_eq!(bind(&fd, &addr), Err(Errno::EINVAL), "{len}-byte path");
        assert!(!exists(&path), "bind made {}", path.display());
    }
    let link = SockAddr::Link(LinkAddr::new(0, 1));
    assert_eq!(bind(&fd, &link), Err(Errno::EINVAL), "sockaddr_ll");
}

/// ipv6(7) via inet6_bind: a 24-byte or longer address whose family is not
/// AF_INET6 is EAFNOSUPPORT: AF_UNIX addresses of 24 and 110 bytes.
#[test]
fn eafnosupport_unix_address_of_24_bytes_or_more_on_an_inet6_socket() {
    let name = "eafnosupport_unix_address_of_24_bytes_or_more_on_an_inet6_socket";
    let Some(fd) = inet6_socket(name, SockType::Stream) else {
        return;
    };
    for len in [21, 108] {
        let (addr, path) = never_made_path(len);
        let addr = SockAddr::Unix(addr);
        assert!(addr.encode().len() >= 24);
        assert_eq!(
            bind(&fd, &addr),
            Err(Errno::EAFNOSUPPORT),
            "{len}-byte path"
        );
        assert!(!exists(&path), "bind made {}", path.display());
    }
}

/// bind(2), EINVAL: "addr is not a valid address for this socket's domain":
/// an AF_INET6 address on an AF_UNIX socket (unix(7): "the value AF_UNIX was
/// not specified in the sun_type field").
#[test]
fn einval_v6_address_on_a_unix_socket() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Unix, ty, 0).unwrap();
        let v6 = SockAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0));
        assert_eq!(bind(&fd, &v6), Err(Errno::EINVAL), "{ty:?}");
    }
}

// ---- IPv6 link-local addresses: ipv6(7), sin6_scope_id: "Linux supports
//      it only for link-local addresses, in that case sin6_scope_id contains
//      the interface index". ----

const FE80_1: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);

/// An interface index no interface has, or `None` if 0x7fffffff is taken.
fn unused_ifindex() -> Option<u32> {
    let index = 0x7fff_ffff;
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: `buf` has the IF_NAMESIZE bytes if_indextoname may write.
    let named = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    named.is_null().then_some(index)
}

/// bind(2), EINVAL: "addr is not a valid address for this socket's domain":
/// a link-local address needs an interface, and scope id 0 names none.
#[test]
fn einval_ipv6_link_local_fe80_1_without_a_scope_id() {
    let name = "einval_ipv6_link_local_fe80_1_without_a_scope_id";
    for ty in [SockType::Stream, SockType::Dgram] {
        let Some(fd) = inet6_socket(name, ty) else {
            return;
        };
        let addr = SockAddr::V6(SocketAddrV6::new(FE80_1, 0, 0, 0));
        assert_eq!(bind(&fd, &addr), Err(Errno::EINVAL), "{ty:?}");
    }
}

/// ipv6(7), ENODEV: "The user tried to bind(2) to a link-local IPv6 address,
/// but the sin6_scope_id in the supplied sockaddr_in6 structure is not a
/// valid interface index."
#[test]
fn enodev_ipv6_link_local_with_a_scope_id_no_interface_has() {
    let name = "enodev_ipv6_link_local_with_a_scope_id_no_interface_has";
    let Some(index) = unused_ifindex() else {
        return common::skip(name, "an interface has index 0x7fffffff");
    };
    for ty in [SockType::Stream, SockType::Dgram] {
        let Some(fd) = inet6_socket(name, ty) else {
            return;
        };
        let addr = SockAddr::V6(SocketAddrV6::new(FE80_1, 0, 0, index));
        assert_eq!(bind(&fd, &addr), Err(Errno::ENODEV), "{ty:?}");
    }
}

// ---- AF_PACKET (packet(7)): sll_ifindex "0 matches any interface (only
//      permitted for binding)". ----

/// An AF_PACKET raw socket for ETH_P_ALL, or `None` after skipping test
/// `name` when this process may not make one.
fn packet_socket(name: &str) -> Option<OwnedFd> {
    if !common::is_root() {
        common::skip(name, "AF_PACKET needs CAP_NET_RAW; not root");
        return None;
    }
    let protocol = (libc::ETH_P_ALL as u16).to_be() as i32;
    match socket(Family::Packet, SockType::Raw, protocol) {
        Ok(fd) => Some(fd),
        Err(e @ (Errno::EPERM | Errno::EAFNOSUPPORT)) => {
            common::skip(name, &format!("socket(AF_PACKET): {e}"));
            None
        }
        Err(e) => panic!("socket(AF_PACKET): {e}"),
    }
}

/// packet(7): bind "to bind the packet socket to an interface", and
/// sll_ifindex "0 matches any interface (only permitted for binding)": a
/// packet socket bound to lo binds again, to every interface.
#[test]
fn ok_packet_socket_bound_to_lo_rebinds_to_ifindex_0() {
    let name = "ok_packet_socket_bound_to_lo_rebinds_to_ifindex_0";
    let Some(fd) = packet_socket(name) else {
        return;
    };
    let lo: &CStr = c"lo";
    // SAFETY: `lo` is a NUL-terminated string that outlives the call.
    let lo_index = unsafe { libc::if_nametoindex(lo.as_ptr()) };
    if lo_index == 0 {
        return common::skip(name, "no interface named lo");
    }
    let eth_p_all = libc::ETH_P_ALL as u16;
    assert_eq!(
        bind(&fd, &LinkAddr::new(eth_p_all, lo_index as i32)),
        Ok(())
    );
    let SockAddr::Link(got) = getsockname(&fd).unwrap() else {
        panic!("expected Link")
    };
    assert_eq!((got.protocol, got.ifindex), (eth_p_all, lo_index as i32));

    assert_eq!(bind(&fd, &LinkAddr::new(eth_p_all, 0)), Ok(()));
    let got = getsockname(&fd).unwrap();
    assert_eq!(got, SockAddr::Link(LinkAddr::new(eth_p_all, 0)));
}

/// packet(7), ENODEV: "Unknown device name or interface index specified in
/// interface address."
#[test]
fn enodev_packet_socket_bound_to_an_ifindex_no_interface_has() {
    let name = "enodev_packet_socket_bound_to_an_ifindex_no_interface_has";
    let Some(index) = unused_ifindex() else {
        return common::skip(name, "an interface has index 0x7fffffff");
    };
    let Some(fd) = packet_socket(name) else {
        return;
    };
    let addr = LinkAddr::new(libc::ETH_P_ALL as u16, index as i32);
    assert_eq!(bind(&fd, &addr), Err(Errno::ENODEV));
}

// ---- AF_NETLINK (netlink(7)): "If the application sets nl_pid before
//      calling bind(2), then it is up to the application to make sure that
//      nl_pid is unique." ----

/// bind(2), EADDRINUSE: "The given address is already in use": a second
/// NETLINK_ROUTE socket on the port id the kernel assigned the first.
#[test]
fn eaddrinuse_second_netlink_socket_on_the_same_pid() {
    let name = "eaddrinuse_second_netlink_socket_on_the_same_pid";
    let route = || socket(Family::Netlink, SockType::Raw, libc::NETLINK_ROUTE);
    let first = match route() {
        Ok(fd) => fd,
        Err(e) => return common::skip(name, &format!("socket(AF_NETLINK): {e}")),
    };
    bind(&first, &NetlinkAddr::new(0, 0)).unwrap();
    let SockAddr::Netlink(taken) = getsockname(&first).unwrap() else {
        panic!("expected Netlink")
    };
    assert_ne!(taken.pid, 0);
    let second = route().unwrap();
    assert_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE));
    // The second socket is still unbound: pid 0 gets it a pid of its own.
    // (Its getsockname meanwhile, 6.18 here, says the pid it failed to take.)
    bind(&second, &NetlinkAddr::new(0, 0)).unwrap();
    let SockAddr::Netlink(own) = getsockname(&second).unwrap() else {
        panic!("expected Netlink")
    };
    assert_ne!(own.pid, taken.pid);
}

// ---- AF_VSOCK (vsock(7)) ----

/// vsock(7), EADDRINUSE: "Unable to bind to a port that is already in use":
/// a second stream socket on the port the kernel picked for the first.
#[test]
fn eaddrinuse_second_vsock_socket_on_the_same_port() {
    let name = "eaddrinuse_second_vsock_socket_on_the_same_port";
    let Some((_first, taken)) = common::vsock_bound_to_any_port(name) else {
        return;
    };
    let second = socket(Family::Vsock, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE));
}

// ---- ELOOP: "Too many symbolic links were encountered in resolving addr." ----

/// bind(2), ELOOP: "Too many symbolic links were encountered in resolving
/// addr": the prefix goes through `a` → `b` → `a` …; nothing is made.
#[test]
fn eloop_unix_path_through_a_symlink_loop_in_the_prefix() {
    let dir = common::temp_dir("eloop");
    let (a, b) = (dir.join("a"), dir.join("b"));
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let before = entries(&dir.0);
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &unix_path(&a.join("s.sock"))), Err(Errno::ELOOP));
    assert_eq!(
        entries(&dir.0),
        before,
        "failed bind changed {}",
        dir.0.display()
    );
    assert_still_unnamed(&fd);
}

// ---- ENAMETOOLONG: "addr is too long." ----

/// bind(2), ENAMETOOLONG: "addr is too long". `sun_path` holds 108 bytes, so
/// no component of the path as given can pass NAME_MAX (255): the kernel
/// returns ENAMETOOLONG only when a symlink in the prefix leads to a longer
/// component. Here `l` → 256 `x`s; control: 255 `x`s are a legal name that
/// does not exist (ENOENT). Nothing is made.
#[test]
fn enametoolong_symlink_in_the_prefix_leads_to_a_component_over_name_max() {
    let dir = common::temp_dir("enametoolong");
    let (long, ok) = (dir.join("long"), dir.join("ok"));
    symlink("x".repeat(256), &long).unwrap();
    symlink("x".repeat(255), &ok).unwrap();
    let before = entries(&dir.0);
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    let addr = unix_path(&long.join("s.sock"));
    assert_eq!(bind(&fd, &addr), Err(Errno::ENAMETOOLONG));
    let addr = unix_path(&ok.join("s.sock"));
    assert_eq!(bind(&fd, &addr), Err(Errno::ENOENT), "control: 255 bytes");
    assert_eq!(
        entries(&dir.0),
        before,
        "failed bind changed {}",
        dir.0.display()
    );
}

/// bind(2), EINVAL: "addrlen is wrong": why a long `sun_path` itself cannot
/// give ENAMETOOLONG. rawbind refuses a 109-byte path before any system call
/// (`AddrError::PathTooLong`), and given anyway through `raw::bind`, as 111
/// bytes, the kernel refuses the length (more than `sizeof(sockaddr_un)`,
/// 110) with EINVAL before it reads a path.
#[test]
fn einval_unix_addrlen_111_a_109_byte_path_via_raw_bind() {
    assert_eq!(
        UnixAddr::new(&[b'a'; 109]),
        Err(AddrError::PathTooLong { len: 109, max: 108 })
    );
    // In a directory that does not exist: should anything between here and
    // the kernel cut the length to 110 (QEMU copies only 110 bytes of an
    // AF_UNIX address, though it passes the kernel the length given), the
    // bind fails without making a file.
    let mut path = format!("/{}/", common::unique_name("missing")).into_bytes();
    path.resize(109, b'a');
    let mut sun = (libc::AF_UNIX as u16).to_ne_bytes().to_vec();
    sun.extend_from_slice(&path);
    assert_eq!(sun.len(), 111);
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    // SAFETY: `sun` holds 111 initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd.as_raw_fd(), sun.as_ptr(), sun.len() as u32) };
    assert_eq!(r, Err(Errno::EINVAL));
    assert_still_unnamed(&fd);
}

// ---- EROFS: "The socket inode would reside on a read-only filesystem." ----

/// Steps of the EROFS child, reported with the errno each failed with.
const RO_UNSHARE: i32 = 1;
const RO_PRIVATE: i32 = 2;
const RO_MOUNT: i32 = 3;
const RO_CONTROL: i32 = 4;
const RO_REMOUNT: i32 = 5;
const RO_SOCKET: i32 = 6;
/// bind ran: the errno is its result (0 for success).
const RO_BOUND: i32 = 7;
/// bind ran and something is at the path afterwards: the errno is bind's.
const RO_LEFTOVER: i32 = 8;

fn ro_step(step: i32) -> &'static str {
    match step {
        RO_UNSHARE => "unshare(CLONE_NEWNS)",
        RO_PRIVATE => "mount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE, NULL)",
        RO_MOUNT => "mount(\"tmpfs\", DIR, \"tmpfs\", 0, NULL)",
        RO_CONTROL => "the control bind on the writable tmpfs",
        RO_REMOUNT => "mount(NULL, DIR, NULL, MS_REMOUNT|MS_BIND|MS_RDONLY, NULL)",
        RO_SOCKET => "socket(AF_UNIX)",
        _ => "an unknown step",
    }
}

/// The errno of the libc call that just failed (no allocation).
fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// bind(2), EROFS: "The socket inode would reside on a read-only
/// filesystem." A forked child (root) enters a private mount namespace,
/// mounts a tmpfs on a fresh directory, binds a control socket there, remounts
/// it read-only and binds again: EROFS, and nothing is at the path.
#[test]
fn erofs_unix_path_on_a_read_only_mount_in_a_private_mount_namespace() {
    let name = "erofs_unix_path_on_a_read_only_mount_in_a_private_mount_namespace";
    if !common::is_root() {
        return common::skip(name, "needs root to unshare a mount namespace and mount");
    }
    let dir = common::temp_dir("erofs");
    let dir_c = CString::new(dir.0.as_os_str().as_bytes()).unwrap();
    let path = dir.join("s.sock");
    let path_c = CString::new(path.as_os_str().as_bytes()).unwrap();
    let addr = unix_path(&path);
    let control = unix_path(&dir.join("control.sock"));

    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(r, 0, "pipe2: {}", std::io::Error::last_os_error());
    // SAFETY: pipe2 just opened both descriptors and nothing else owns them.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    let report = |step: i32, errno: i32| {
        let mut msg = [0u8; 8];
        msg[..4].copy_from_slice(&step.to_ne_bytes());
        msg[4..].copy_from_slice(&errno.to_ne_bytes());
        // SAFETY: `msg` is readable for its 8 bytes; the write end is open.
        unsafe { libc::write(fds[1], msg.as_ptr().cast(), msg.len()) };
        0
    };
    let null = std::ptr::null::<libc::c_char>();
    common::child::exit_status(|| {
        // SAFETY: each call below reads only the NUL-terminated strings built
        // before the fork (or null, where the kernel allows it) and changes
        // only this child's mount namespace, which dies with it.
        unsafe {
            if libc::unshare(libc::CLONE_NEWNS) != 0 {
                return report(RO_UNSHARE, last_errno());
            }
            let private = libc::MS_REC | libc::MS_PRIVATE;
            if libc::mount(null, c"/".as_ptr(), null, private, std::ptr::null()) != 0 {
                return report(RO_PRIVATE, last_errno());
            }
            let tmpfs = c"tmpfs".as_ptr();
            if libc::mount(tmpfs, dir_c.as_ptr(), tmpfs, 0, std::ptr::null()) != 0 {
                return report(RO_MOUNT, last_errno());
            }
        }
        let ctl = socket(Family::Unix, SockType::Stream, 0).and_then(|fd| bind(fd, &control));
        if let Err(e) = ctl {
            return report(RO_CONTROL, e.raw());
        }
        let ro = libc::MS_REMOUNT | libc::MS_BIND | libc::MS_RDONLY;
        // SAFETY: as above.
        if unsafe { libc::mount(null, dir_c.as_ptr(), null, ro, std::ptr::null()) } != 0 {
            return report(RO_REMOUNT, last_errno());
        }
        let fd = match socket(Family::Unix, SockType::Stream, 0) {
            Ok(fd) => fd,
            Err(e) => return report(RO_SOCKET, e.raw()),
        };
        let got = bind(&fd, &addr).err().map_or(0, Errno::raw);
        // SAFETY: all zeroes is a valid `stat`; lstat writes at most one
        // `stat` and reads the NUL-terminated path.
        let there = unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            libc::lstat(path_c.as_ptr(), &mut st) == 0
        };
        report(if there { RO_LEFTOVER } else { RO_BOUND }, got)
    });
    drop(write_end);
    let mut msg = [0u8; 8];
    std::fs::File::from(read_end).read_exact(&mut msg).unwrap();
    let step = i32::from_ne_bytes(msg[..4].try_into().unwrap());
    let errno = i32::from_ne_bytes(msg[4..].try_into().unwrap());
    let result = if errno == 0 {
        Ok(())
    } else {
        Err(Errno::from_raw(errno))
    };
    match step {
        RO_BOUND => assert_eq!(result, Err(Errno::EROFS)),
        RO_LEFTOVER => panic!("bind gave {result:?} and left {}", path.display()),
        _ => {
            let why = format!("{} failed: {:?}", ro_step(step), Errno::from_raw(errno));
            let why = match common::under_qemu() {
                Some(qemu) => format!("{why} under {qemu}"),
                None => why,
            };
            common::skip(name, &why);
        }
    }
    assert_eq!(
        entries(&dir.0),
        Vec::<OsString>::new(),
        "the tmpfs was private"
    );
}
