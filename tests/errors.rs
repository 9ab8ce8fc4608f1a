//! bind(2)'s errors, provoked against the real kernel, come back as the
//! right `Errno`. Each test names the manual-page error it covers.
//!
//! Checks that would race with other test threads over descriptor numbers or
//! mappings (a closed fd, an unmapped page), and checks that need another
//! user, run in a forked child (see `common::child`) that reports through its
//! exit status.

mod common;

use std::io::ErrorKind;
use std::mem::size_of;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsRawFd, IntoRawFd};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use rawbind::{bind, getsockname, raw, socket, Errno, Family, SockAddr, SockType, UnixAddr};

/// uid and gid of `nobody`.
const NOBODY: u32 = 65534;

fn unix_path(path: &Path) -> SockAddr {
    SockAddr::Unix(UnixAddr::from_path(path).unwrap())
}

/// An abstract name no other process or test uses.
fn unique_abstract(tag: &str) -> SockAddr {
    SockAddr::Unix(UnixAddr::new_abstract(common::unique_name(tag).as_bytes()).unwrap())
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
}

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

/// The kernel creates the socket file before it notices the socket is
/// already bound; it must unlink it again.
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

/// The kernel checks the length before the family: 16 bytes is shorter than
/// any `sockaddr_in6`.
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

#[test]
fn einval_v4_address_on_a_unix_socket() {
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &common::loopback_v4()), Err(Errno::EINVAL));
}

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

#[test]
fn eafnosupport_v6_address_on_an_inet_socket() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        let v6 = SockAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0));
        assert_eq!(bind(&fd, &v6), Err(Errno::EAFNOSUPPORT), "{ty:?}");
    }
}

// ---- EBADF: "sockfd is not a valid file descriptor." ----

#[test]
fn ebadf_fd_minus_1_via_raw_bind() {
    let addr = common::loopback_v4().encode();
    // SAFETY: `addr` holds `addr.len()` initialized bytes and outlives the call.
    let r = unsafe { raw::bind(-1, addr.as_ptr(), addr.len()) };
    assert_eq!(r, Err(Errno::EBADF));
}

/// In a child, so no other thread can reuse the number between close and bind.
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

#[test]
fn enotsock_regular_file_fd() {
    let dir = common::temp_dir("enotsock");
    let file = std::fs::File::create(dir.join("plain")).unwrap();
    assert_eq!(bind(&file, &common::loopback_v4()), Err(Errno::ENOTSOCK));
    let path = dir.join("never.sock");
    assert_eq!(bind(&file, &unix_path(&path)), Err(Errno::ENOTSOCK));
    assert!(!exists(&path));
}

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

#[test]
fn enoent_unix_path_in_a_missing_directory() {
    let dir = common::temp_dir("enoent");
    let missing = dir.join("missing");
    let path = missing.join("s.sock");
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&fd, &unix_path(&path)), Err(Errno::ENOENT));
    assert!(!exists(&missing), "bind created {}", missing.display());
    assert_eq!(
        getsockname(&fd).unwrap(),
        SockAddr::Unix(UnixAddr::unnamed())
    );
}

// ---- ENOTDIR: "A component of the path prefix is not a directory." ----

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
}

// ---- EFAULT: "addr points outside the user's accessible address space." ----

fn page_size() -> usize {
    // SAFETY: sysconf takes no pointer.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    assert!(n > 0);
    n as usize
}

/// In a child, so no other thread can map the page again between munmap and bind.
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
