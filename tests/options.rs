//! The socket options that change what bind does, against the real kernel:
//! each set, read back with rawbind's getter (and libc's getsockopt as the
//! oracle where it checks them), and shown by a real bind whose other
//! outcome, without the option, is checked too.
//!
//! Under QEMU user mode some options never reach the kernel (QEMU answers
//! `ENOPROTOOPT` for an option it does not translate): such a test says so
//! by name, with what QEMU answered, and is skipped there (tests/emulator.rs
//! shows each of these faults on its own). Test names start with `option_`,
//! so that tests/README.md's table of bind(2)'s errors leaves them out.

mod common;

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsRawFd, OwnedFd};

use linux_raw_sys::net::{SOL_IP, SOL_IPV6, SOL_SOCKET};
use rawbind::{
    bind, bind_device, bind_device_by_index, connect, device, device_index, getsockname,
    ip_bind_address_no_port, ip_freebind, ip_transparent, ipv6_freebind, ipv6_only,
    ipv6_transparent, is_listening, listen, reuse_addr, reuse_port, set_ip_bind_address_no_port,
    set_ip_freebind, set_ip_transparent, set_ipv6_freebind, set_ipv6_only, set_ipv6_transparent,
    set_nonblocking, set_reuse_addr, set_reuse_port, socket, socket_family, socket_protocol,
    socket_type, take_error, Errno, Family, SockAddr, SockType,
};

/// Under QEMU, an option the emulator does not translate answers
/// `ENOPROTOOPT`: logs the skip for `test` and returns true. Natively, or for
/// any other answer, returns false and the test goes on (and judges it).
fn emulator_does_not_translate(test: &str, option: &str, r: &Result<(), Errno>) -> bool {
    match (r, common::under_qemu()) {
        (Err(Errno::ENOPROTOOPT), Some(qemu)) => {
            common::skip(
                test,
                &format!("emulator fault: {qemu} does not translate {option}: ENOPROTOOPT"),
            );
            true
        }
        _ => false,
    }
}

/// Under QEMU, logs the skip of `test` for the `options` the emulator
/// answered itself (ENOPROTOOPT) instead of the kernel; nothing if none.
fn skip_untranslated(test: &str, options: &[&str]) {
    if options.is_empty() {
        return;
    }
    let qemu = common::under_qemu().unwrap_or_default();
    common::skip(
        test,
        &format!(
            "emulator fault: {qemu} does not translate {}: ENOPROTOOPT",
            options.join(", ")
        ),
    );
}

/// libc's getsockopt of an int option: the oracle rawbind's getters are
/// checked against.
fn libc_int(fd: &OwnedFd, level: u32, name: u32) -> i32 {
    let mut value: libc::c_int = 0;
    let mut len = size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: the kernel writes at most `len` bytes into `value` and the
    // length into `len`; both outlive the call.
    let r = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            level as libc::c_int,
            name as libc::c_int,
            (&mut value as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    assert_eq!(r, 0, "libc getsockopt: {}", std::io::Error::last_os_error());
    value
}

const NOWHERE_V4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1); // TEST-NET-1, RFC 5737
const NOWHERE_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1); // RFC 3849

fn lo_index() -> u32 {
    // SAFETY: the name is a NUL-terminated literal.
    let i = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
    assert_ne!(i, 0, "no lo interface");
    i
}

// ---- the getters read back what the setters set ---------------------------------

/// Each flag option, on a socket that takes it: off by default (as libc reads
/// it too), on after its setter, off again.
#[test]
fn option_every_flag_reads_back_what_was_set() {
    const NAME: &str = "option_every_flag_reads_back_what_was_set";
    type Set = fn(&OwnedFd, bool) -> Result<(), Errno>;
    type Get = fn(&OwnedFd) -> Result<bool, Errno>;
    let cases: [(&str, Family, u32, u32, Set, Get); 8] = [
        (
            "SO_REUSEADDR",
            Family::Inet,
            SOL_SOCKET,
            linux_raw_sys::net::SO_REUSEADDR,
            |f, on| set_reuse_addr(f, on),
            |f| reuse_addr(f),
        ),
        (
            "SO_REUSEPORT",
            Family::Inet,
            SOL_SOCKET,
            linux_raw_sys::net::SO_REUSEPORT,
            |f, on| set_reuse_port(f, on),
            |f| reuse_port(f),
        ),
        (
            "IPV6_V6ONLY",
            Family::Inet6,
            SOL_IPV6,
            linux_raw_sys::net::IPV6_V6ONLY,
            |f, on| set_ipv6_only(f, on),
            |f| ipv6_only(f),
        ),
        (
            "IP_FREEBIND",
            Family::Inet,
            SOL_IP,
            linux_raw_sys::net::IP_FREEBIND,
            |f, on| set_ip_freebind(f, on),
            |f| ip_freebind(f),
        ),
        (
            "IPV6_FREEBIND",
            Family::Inet6,
            SOL_IPV6,
            linux_raw_sys::net::IPV6_FREEBIND,
            |f, on| set_ipv6_freebind(f, on),
            |f| ipv6_freebind(f),
        ),
        (
            "IP_TRANSPARENT",
            Family::Inet,
            SOL_IP,
            linux_raw_sys::net::IP_TRANSPARENT,
            |f, on| set_ip_transparent(f, on),
            |f| ip_transparent(f),
        ),
        (
            "IPV6_TRANSPARENT",
            Family::Inet6,
            SOL_IPV6,
            linux_raw_sys::net::IPV6_TRANSPARENT,
            |f, on| set_ipv6_transparent(f, on),
            |f| ipv6_transparent(f),
        ),
        (
            "IP_BIND_ADDRESS_NO_PORT",
            Family::Inet,
            SOL_IP,
            linux_raw_sys::net::IP_BIND_ADDRESS_NO_PORT,
            |f, on| set_ip_bind_address_no_port(f, on),
            |f| ip_bind_address_no_port(f),
        ),
    ];
    let mut untranslated = Vec::new();
    for (option, family, level, name, set, get) in cases {
        if option.contains("TRANSPARENT") && !common::is_root() {
            continue; // setting it needs CAP_NET_ADMIN: option_transparent_* cover it
        }
        let fd = socket(family, SockType::Stream, 0).unwrap();
        let first = set(&fd, true);
        if let (Err(Errno::ENOPROTOOPT), Some(_)) = (&first, common::under_qemu()) {
            untranslated.push(option);
            continue;
        }
        first.unwrap_or_else(|e| panic!("{option}: {e:?}"));
        assert_eq!(get(&fd), Ok(true), "{option} set");
        assert_eq!(
            libc_int(&fd, level, name),
            1,
            "{option} set, as libc reads it"
        );
        set(&fd, false).unwrap();
        assert_eq!(get(&fd), Ok(false), "{option} cleared");
        assert_eq!(
            libc_int(&fd, level, name),
            0,
            "{option} cleared, as libc reads it"
        );
    }
    skip_untranslated(NAME, &untranslated);
}

// ---- IP_FREEBIND, IPV6_FREEBIND --------------------------------------------------

#[test]
fn option_ip_freebind_lets_a_non_local_v4_address_bind() {
    let addr = SocketAddrV4::new(NOWHERE_V4, 0);
    let without = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(bind(&without, &addr), Err(Errno::EADDRNOTAVAIL));
    let with = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_ip_freebind(&with, true).unwrap();
    assert_eq!(bind(&with, &addr), Ok(()));
    assert!(
        matches!(getsockname(&with), Ok(SockAddr::V4(a)) if *a.ip() == NOWHERE_V4 && a.port() != 0)
    );
}

#[test]
fn option_ipv6_freebind_lets_a_non_local_v6_address_bind() {
    const NAME: &str = "option_ipv6_freebind_lets_a_non_local_v6_address_bind";
    let addr = SocketAddrV6::new(NOWHERE_V6, 0, 0, 0);
    let without = match socket(Family::Inet6, SockType::Dgram, 0) {
        Ok(fd) => fd,
        Err(e) => return common::skip(NAME, &format!("no AF_INET6 sockets here: {e}")),
    };
    assert_eq!(bind(&without, &addr), Err(Errno::EADDRNOTAVAIL));
    let with = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    set_ipv6_freebind(&with, true).unwrap();
    assert_eq!(bind(&with, &addr), Ok(()));
    assert!(
        matches!(getsockname(&with), Ok(SockAddr::V6(a)) if *a.ip() == NOWHERE_V6 && a.port() != 0)
    );
}

/// A link-local address with a scope that exists (lo's index) but no such
/// address on it: EADDRNOTAVAIL without the option, bound with it, and the
/// scope read back.
#[test]
fn option_ipv6_freebind_lets_a_link_local_address_with_a_scope_bind() {
    const NAME: &str = "option_ipv6_freebind_lets_a_link_local_address_with_a_scope_bind";
    let lo = lo_index();
    let link_local = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0x1234);
    let addr = SocketAddrV6::new(link_local, 0, 0, lo);
    let without = match socket(Family::Inet6, SockType::Dgram, 0) {
        Ok(fd) => fd,
        Err(e) => return common::skip(NAME, &format!("no AF_INET6 sockets here: {e}")),
    };
    assert_eq!(bind(&without, &addr), Err(Errno::EADDRNOTAVAIL));
    let with = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    set_ipv6_freebind(&with, true).unwrap();
    assert_eq!(bind(&with, &addr), Ok(()));
    let Ok(SockAddr::V6(bound)) = getsockname(&with) else {
        panic!("getsockname of an AF_INET6 socket is not V6");
    };
    assert_eq!(*bound.ip(), link_local);
    match (bound.scope_id(), common::under_qemu()) {
        (s, _) if s == lo => {}
        (s, Some(qemu)) if s == lo.rotate_left(16) => common::skip(
            NAME,
            &format!("emulator fault: {qemu} swaps the 16-bit halves of sin6_scope_id (scope {lo} read as {s})"),
        ),
        (s, _) => panic!("scope {s} read back, bound with {lo}"),
    }
}

// ---- IP_TRANSPARENT, IPV6_TRANSPARENT ---------------------------------------------

/// As root: set, and a non-local address binds. In a forked child that
/// became `nobody`: setting it is EPERM.
#[test]
fn option_ip_transparent_needs_privilege_and_lets_a_non_local_address_bind() {
    const NAME: &str = "option_ip_transparent_needs_privilege_and_lets_a_non_local_address_bind";
    if !common::is_root() {
        return common::skip(
            NAME,
            "setting IP_TRANSPARENT needs CAP_NET_ADMIN: run as root",
        );
    }
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let set = set_ip_transparent(&fd, true);
    if emulator_does_not_translate(NAME, "IP_TRANSPARENT", &set) {
        return;
    }
    assert_eq!(set, Ok(()));
    assert_eq!(ip_transparent(&fd), Ok(true));
    assert_eq!(bind(&fd, &SocketAddrV4::new(NOWHERE_V4, 0)), Ok(()));
    assert_eq!(
        nobody_sets(|fd| set_ip_transparent(fd, true), Family::Inet),
        Err(Errno::EPERM)
    );
    // Turning it off needs no privilege.
    assert_eq!(
        nobody_sets(|fd| set_ip_transparent(fd, false), Family::Inet),
        Ok(())
    );
}

#[test]
fn option_ipv6_transparent_needs_privilege_and_lets_a_non_local_address_bind() {
    const NAME: &str = "option_ipv6_transparent_needs_privilege_and_lets_a_non_local_address_bind";
    if !common::is_root() {
        return common::skip(
            NAME,
            "setting IPV6_TRANSPARENT needs CAP_NET_ADMIN: run as root",
        );
    }
    let fd = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    let set = set_ipv6_transparent(&fd, true);
    if emulator_does_not_translate(NAME, "IPV6_TRANSPARENT", &set) {
        return;
    }
    assert_eq!(set, Ok(()));
    assert_eq!(ipv6_transparent(&fd), Ok(true));
    assert_eq!(bind(&fd, &SocketAddrV6::new(NOWHERE_V6, 0, 0, 0)), Ok(()));
    assert_eq!(
        nobody_sets(|fd| set_ipv6_transparent(fd, true), Family::Inet6),
        Err(Errno::EPERM)
    );
    assert_eq!(
        nobody_sets(|fd| set_ipv6_transparent(fd, false), Family::Inet6),
        Ok(())
    );
}

/// What `set` answers in a forked child that became uid/gid 65534 (no
/// capabilities), on a socket of `family` it makes there.
fn nobody_sets(set: fn(&OwnedFd) -> Result<(), Errno>, family: Family) -> Result<(), Errno> {
    let code = common::child::exit_status(|| {
        if !common::child::become_nobody() {
            return 255;
        }
        let Ok(fd) = socket(family, SockType::Dgram, 0) else {
            return 254;
        };
        match set(&fd) {
            Ok(()) => 0,
            Err(e) => e.raw(),
        }
    });
    assert!(
        code != 255 && code != 254,
        "the child could not become nobody or make a socket"
    );
    match code {
        0 => Ok(()),
        n => Err(Errno::from_raw(n)),
    }
}

// ---- IP_BIND_ADDRESS_NO_PORT ---------------------------------------------------

/// bind 127.0.0.1:0 leaves the port 0 until connect picks one.
#[test]
fn option_ip_bind_address_no_port_defers_the_port_to_connect() {
    const NAME: &str = "option_ip_bind_address_no_port_defers_the_port_to_connect";
    let listener = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&listener, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    listen(&listener, 1).unwrap();
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let set = set_ip_bind_address_no_port(&fd, true);
    if emulator_does_not_translate(NAME, "IP_BIND_ADDRESS_NO_PORT", &set) {
        return;
    }
    assert_eq!(set, Ok(()));
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    assert!(
        matches!(getsockname(&fd), Ok(SockAddr::V4(a)) if a.port() == 0),
        "a port before connect"
    );
    connect(&fd, &getsockname(&listener).unwrap()).unwrap();
    assert!(
        matches!(getsockname(&fd), Ok(SockAddr::V4(a)) if a.port() != 0),
        "no port after connect"
    );
    // Without the option, bind takes the port itself.
    let plain = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&plain, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    assert!(matches!(getsockname(&plain), Ok(SockAddr::V4(a)) if a.port() != 0));
}

// ---- SO_BINDTODEVICE, SO_BINDTOIFINDEX ----------------------------------------------

/// Bound to lo by name: device() gives lo back, a connection to 127.0.0.1
/// works, None unbinds; an interface that does not exist is ENODEV.
#[test]
fn option_bind_device_by_name_reads_back_and_unbinds() {
    const NAME: &str = "option_bind_device_by_name_reads_back_and_unbinds";
    let listener = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&listener, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    listen(&listener, 1).unwrap();
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let set = bind_device(&fd, Some(b"lo"));
    if emulator_does_not_translate(NAME, "SO_BINDTODEVICE", &set) {
        return;
    }
    set.unwrap();
    // A socket-level option: a socket of any family takes it, AF_UNIX too.
    let unix = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(bind_device(&unix, Some(b"lo")), Ok(()), "AF_UNIX");
    connect(&fd, &getsockname(&listener).unwrap()).expect("a connection through lo");
    match (device(&fd), common::under_qemu()) {
        (Ok(None), Some(qemu)) => {
            return common::skip(
                NAME,
                &format!("emulator fault: {qemu} passes getsockopt(SO_BINDTODEVICE)'s number to the host untranslated, which reads another option there (SO_LINGER): 4 bytes of 0, not the name"),
            )
        }
        (Ok(name), _) => assert_eq!(name.map(|n| n.as_bytes().to_vec()), Some(b"lo".to_vec())),
        (Err(Errno::EINVAL), Some(qemu)) => {
            return common::skip(
                NAME,
                &format!("emulator fault: {qemu} answers getsockopt(SO_BINDTODEVICE) with EINVAL"),
            )
        }
        (Err(e), _) => panic!("device(): {e:?}"),
    }
    if !common::is_root() {
        return common::skip(
            NAME,
            "changing or clearing a socket's device once set needs CAP_NET_RAW: run as root",
        );
    }
    let other = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    bind_device(&other, Some(b"lo")).unwrap();
    bind_device(&other, None).unwrap();
    assert_eq!(device(&other).unwrap(), None);
    // An empty name, or one of NULs alone, unbinds too.
    for empty in [&b""[..], &[0u8; libc::IFNAMSIZ][..]] {
        bind_device(&other, Some(b"lo")).unwrap();
        bind_device(&other, Some(empty)).unwrap();
        assert_eq!(device(&other).unwrap(), None, "{empty:?}");
    }
    // As C passes it: NUL-terminated, or a whole NUL-padded ifr_name (or a
    // longer buffer); then "\0" unbinds.
    let mut ifr_name = [0u8; libc::IFNAMSIZ];
    ifr_name[..2].copy_from_slice(b"lo");
    let mut long = [0u8; 2 * libc::IFNAMSIZ];
    long[..2].copy_from_slice(b"lo");
    for name in [&b"lo\0"[..], &ifr_name[..], &long[..]] {
        bind_device(&other, Some(name)).unwrap();
        let read = device(&other).unwrap().unwrap();
        assert_eq!(
            (read.to_string(), format!("{read:?}")),
            ("lo".to_owned(), r#"InterfaceName("lo")"#.to_owned())
        );
        assert_eq!(
            device(&other).unwrap().map(|n| n.as_bytes().to_vec()),
            Some(b"lo".to_vec()),
            "{name:?}"
        );
        bind_device(&other, Some(b"\0")).unwrap();
        assert_eq!(device(&other).unwrap(), None, "{name:?}");
    }
    let name = common::unique_name("if");
    let missing = &name.as_bytes()[name.len() - 15..];
    assert_eq!(bind_device(&other, Some(missing)), Err(Errno::ENODEV));
}

/// socket(7): a socket bound to a device already needs CAP_NET_RAW to
/// change or clear it (since Linux 5.7 binding an unbound one needs
/// none): as nobody, rebinding or unbinding a socket root bound to lo is
/// EPERM, and binding an unbound one is allowed.
#[test]
fn option_bind_device_change_or_clear_needs_cap_net_raw_once_bound() {
    const NAME: &str = "option_bind_device_change_or_clear_needs_cap_net_raw_once_bound";
    if !common::is_root() {
        return common::skip(NAME, "binding as root, then changing as nobody, needs root");
    }
    let bound = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let set = bind_device(&bound, Some(b"lo"));
    if emulator_does_not_translate(NAME, "SO_BINDTODEVICE", &set) {
        return;
    }
    set.unwrap();
    let unbound = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let verdict = common::child::verdict(|| {
        if !common::child::become_nobody() {
            return Err("could not become nobody");
        }
        if bind_device(&bound, None) != Err(Errno::EPERM) {
            return Err("nobody cleared a device root set");
        }
        if bind_device(&bound, Some(b"lo")) != Err(Errno::EPERM) {
            return Err("nobody set a device on a socket that has one");
        }
        if bind_device(&unbound, Some(b"lo")) != Ok(()) {
            return Err("nobody could not bind an unbound socket to lo");
        }
        Ok(())
    });
    assert_eq!(verdict, Ok(()));
}

/// A name over 15 bytes before its first NUL or with anything but NULs
/// after it, an index above i32::MAX: EINVAL before any syscall.
#[test]
fn option_bind_device_refuses_a_bad_name_or_index_before_any_syscall() {
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    assert_eq!(
        bind_device(&fd, Some(b"sixteen_bytes_xx")),
        Err(Errno::EINVAL)
    );
    assert_eq!(bind_device(&fd, Some(b"l\0o")), Err(Errno::EINVAL));
    // The kernel would read 15 of these 16 bytes: refused, not cut.
    let mut sixteen = [b'x'; libc::IFNAMSIZ];
    assert_eq!(bind_device(&fd, Some(&sixteen)), Err(Errno::EINVAL));
    sixteen[15] = 0;
    // 15 bytes and a NUL reach the kernel: no such interface (or, before
    // Linux 5.7 and without CAP_NET_RAW, no permission), not EINVAL.
    let fifteen = bind_device(&fd, Some(&sixteen));
    assert!(
        matches!(fifteen, Err(Errno::ENODEV | Errno::EPERM)),
        "{fifteen:?}"
    );
    // A descriptor that is not a socket shows no syscall was made: the
    // kernel would have answered ENOTSOCK.
    let dir = common::temp_dir("bind-device");
    let file = std::fs::File::create(dir.join("f")).unwrap();
    assert_eq!(
        bind_device(&file, Some(b"sixteen_bytes_xx")),
        Err(Errno::EINVAL)
    );
    assert_eq!(bind_device(&file, Some(b"lo")), Err(Errno::ENOTSOCK));
    assert_eq!(bind_device_by_index(&file, u32::MAX), Err(Errno::EINVAL));
    assert_eq!(
        bind_device_by_index(&file, i32::MAX as u32 + 1),
        Err(Errno::EINVAL)
    );
    // QEMU user mode answers ENOPROTOOPT for SO_BINDTOIFINDEX itself
    // (tests/emulator.rs), which shows the same: a syscall, not EINVAL.
    let expected = match common::under_qemu() {
        None => Errno::ENOTSOCK,
        Some(_) => Errno::ENOPROTOOPT,
    };
    assert_eq!(bind_device_by_index(&file, 1), Err(expected));
}

#[test]
fn option_bind_device_by_index_reads_back_and_zero_unbinds() {
    const NAME: &str = "option_bind_device_by_index_reads_back_and_zero_unbinds";
    let lo = lo_index();
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let set = bind_device_by_index(&fd, lo);
    if emulator_does_not_translate(NAME, "SO_BINDTOIFINDEX", &set) {
        return;
    }
    set.unwrap();
    assert_eq!(device_index(&fd), Ok(lo));
    assert_eq!(
        device(&fd).unwrap().map(|n| n.as_bytes().to_vec()),
        Some(b"lo".to_vec())
    );
    bind_device_by_index(&fd, 0).unwrap();
    assert_eq!(device_index(&fd), Ok(0));
    assert_eq!(device(&fd), Ok(None));
    // Unlike a name, an index is not checked: one no interface has is kept,
    // and naming its interface is what fails.
    let missing = u32::MAX / 2;
    assert_eq!(bind_device_by_index(&fd, missing), Ok(()));
    assert_eq!(device_index(&fd), Ok(missing));
    assert_eq!(device(&fd), Err(Errno::ENODEV));
}

// ---- what the kernel says a socket is ---------------------------------------------

#[test]
fn option_type_family_protocol_and_listening_agree_with_how_the_socket_was_made() {
    let cases = [
        (Family::Inet, SockType::Stream, libc::IPPROTO_TCP),
        (Family::Inet, SockType::Dgram, libc::IPPROTO_UDP),
        (Family::Inet6, SockType::Stream, libc::IPPROTO_TCP),
        (Family::Unix, SockType::Stream, 0),
        (Family::Unix, SockType::Dgram, 0),
        (Family::Unix, SockType::SeqPacket, 0),
    ];
    for (family, ty, protocol) in cases {
        let Ok(fd) = socket(family, ty, 0) else {
            continue;
        };
        assert_eq!(socket_type(&fd), Ok(ty), "{family:?} {ty:?}");
        assert_eq!(socket_family(&fd), Ok(family), "{family:?} {ty:?}");
        assert_eq!(socket_protocol(&fd), Ok(protocol), "{family:?} {ty:?}");
        assert_eq!(is_listening(&fd), Ok(false));
        if ty != SockType::Dgram {
            if family == Family::Unix {
                bind(&fd, &rawbind::UnixAddr::unnamed()).unwrap();
            } else if family == Family::Inet {
                bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
            } else {
                continue;
            }
            listen(&fd, 1).unwrap();
            assert_eq!(is_listening(&fd), Ok(true), "{family:?} {ty:?} listening");
        }
    }
}

/// A port on 127.0.0.1 that nothing is bound to: bound, then closed.
fn closed_port(ty: SockType) -> u16 {
    let probe = socket(Family::Inet, ty, 0).unwrap();
    bind(&probe, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    let Ok(SockAddr::V4(a)) = getsockname(&probe) else {
        panic!("getsockname of an AF_INET socket is not V4");
    };
    a.port()
}

/// Waits up to 5 s for `events` on `fd`; the events that came.
fn poll(fd: &OwnedFd, events: libc::c_short) -> libc::c_short {
    let mut pfd = libc::pollfd {
        fd: fd.as_raw_fd(),
        events,
        revents: 0,
    };
    // SAFETY: `pfd` is one valid pollfd, alive during the call.
    let r = unsafe { libc::poll(&mut pfd, 1, 5000) };
    assert_eq!(r, 1, "nothing happened within 5 s");
    pfd.revents
}

/// Two ways to leave ECONNREFUSED pending, each taken once, then None: a
/// datagram sent on a connected UDP socket to a closed port (the ICMP port
/// unreachable that comes back, `udp(7)`), and a non-blocking TCP connect
/// to one (unless loopback refuses it at once, when nothing is pending).
#[test]
fn option_take_error_gives_a_refused_connects_error_once() {
    let udp = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    connect(
        &udp,
        &SocketAddrV4::new(Ipv4Addr::LOCALHOST, closed_port(SockType::Dgram)),
    )
    .unwrap();
    assert_eq!(take_error(&udp), Ok(None), "nothing sent yet");
    // SAFETY: the kernel reads 1 byte from a live 1-byte buffer.
    let sent = unsafe { libc::send(udp.as_raw_fd(), b"x".as_ptr().cast(), 1, 0) };
    assert_eq!(sent, 1, "send: {}", std::io::Error::last_os_error());
    assert_ne!(
        poll(&udp, libc::POLLIN) & libc::POLLERR,
        0,
        "no error came back"
    );
    assert_eq!(take_error(&udp), Ok(Some(Errno::ECONNREFUSED)), "UDP");
    assert_eq!(take_error(&udp), Ok(None), "UDP: taken, gone");

    let tcp = socket(Family::Inet, SockType::Stream, 0).unwrap();
    set_nonblocking(&tcp, true).unwrap();
    match connect(
        &tcp,
        &SocketAddrV4::new(Ipv4Addr::LOCALHOST, closed_port(SockType::Stream)),
    ) {
        Err(Errno::EINPROGRESS) => {
            poll(&tcp, libc::POLLOUT);
            assert_eq!(take_error(&tcp), Ok(Some(Errno::ECONNREFUSED)), "TCP");
        }
        Err(Errno::ECONNREFUSED) => {}
        other => panic!("connect to a closed port: {other:?}"),
    }
    assert_eq!(take_error(&tcp), Ok(None), "TCP: taken, gone");
}

// ---- IPV6_V6ONLY once the socket has a port ----------------------------------------

/// IPV6_V6ONLY is EINVAL once the socket has a local port (`inet_num` in
/// `do_ipv6_setsockopt`), however it got one: from bind, or from the port a
/// listen, a connect or a first send gives an unbound socket. A socket
/// with none takes it.
#[test]
fn option_ipv6_only_is_einval_once_the_socket_has_a_port() {
    let fresh = socket(Family::Inet6, SockType::Stream, 0).unwrap();
    assert_eq!(set_ipv6_only(&fresh, true), Ok(()), "no port yet");

    let bound = socket(Family::Inet6, SockType::Stream, 0).unwrap();
    bind(&bound, &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)).unwrap();
    assert_eq!(set_ipv6_only(&bound, true), Err(Errno::EINVAL), "bound");

    let listening = socket(Family::Inet6, SockType::Stream, 0).unwrap();
    listen(&listening, 1).unwrap();
    assert_eq!(
        set_ipv6_only(&listening, true),
        Err(Errno::EINVAL),
        "listening, never bound"
    );

    // A datagram connect records the peer and sends nothing.
    let connected = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    connect(&connected, &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 9, 0, 0)).unwrap();
    assert_eq!(
        set_ipv6_only(&connected, true),
        Err(Errno::EINVAL),
        "connected, never bound"
    );

    // One datagram to [::1]:9, the loopback discard port: the send gives
    // the socket its port.
    let sent = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    let to = SockAddr::from(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 9, 0, 0)).encode();
    let to = to.as_bytes();
    // SAFETY: the byte and the address are readable during the call.
    let n = unsafe {
        libc::sendto(
            sent.as_raw_fd(),
            b"x".as_ptr().cast(),
            1,
            0,
            to.as_ptr().cast(),
            to.len() as libc::socklen_t,
        )
    };
    assert_eq!(n, 1, "sendto: {}", std::io::Error::last_os_error());
    assert_eq!(
        set_ipv6_only(&sent, true),
        Err(Errno::EINVAL),
        "sent from, never bound"
    );
}

/// A raw socket's `inet_num` is its protocol, so IPV6_V6ONLY is EINVAL on
/// it from the start, unbound.
#[test]
fn option_ipv6_only_is_einval_on_a_raw_socket_from_the_start() {
    const NAME: &str = "option_ipv6_only_is_einval_on_a_raw_socket_from_the_start";
    let icmpv6 = linux_raw_sys::net::IPPROTO_ICMPV6 as i32;
    let raw = match socket(Family::Inet6, SockType::Raw, icmpv6) {
        Err(Errno::EPERM) => {
            return common::skip(NAME, "a raw socket needs CAP_NET_RAW: run as root")
        }
        made => made.unwrap(),
    };
    assert_eq!(set_ipv6_only(&raw, true), Err(Errno::EINVAL));
}

// ---- an option on the wrong family ---------------------------------------------------

#[test]
fn option_on_the_wrong_family_gives_the_kernels_error() {
    let unix = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(
        set_ip_freebind(&unix, true),
        Err(Errno::EOPNOTSUPP),
        "IP_FREEBIND on AF_UNIX"
    );
    let inet = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(
        set_ipv6_only(&inet, true),
        Err(Errno::ENOPROTOOPT),
        "IPV6_V6ONLY set on AF_INET"
    );
    // Read, the same option on the same socket is another error: the
    // kernel's getsockopt and setsockopt paths differ here.
    assert_eq!(
        ipv6_only(&inet),
        Err(Errno::EOPNOTSUPP),
        "IPV6_V6ONLY read on AF_INET"
    );
}

/// The IPv6 options on the wrong family (ipv6(7) names neither error): set,
/// an AF_INET socket answers `ENOPROTOOPT` and an AF_UNIX one `EOPNOTSUPP`;
/// read, both answer `EOPNOTSUPP` (the kernel's getsockopt and setsockopt
/// paths differ, and AF_UNIX has neither).
#[test]
fn option_ipv6_options_on_af_inet_and_af_unix_give_the_kernels_errors() {
    type Set = fn(&OwnedFd, bool) -> Result<(), Errno>;
    type Get = fn(&OwnedFd) -> Result<bool, Errno>;
    let options: [(&str, Set, Get); 3] = [
        (
            "IPV6_V6ONLY",
            |f, on| set_ipv6_only(f, on),
            |f| ipv6_only(f),
        ),
        (
            "IPV6_FREEBIND",
            |f, on| set_ipv6_freebind(f, on),
            |f| ipv6_freebind(f),
        ),
        (
            "IPV6_TRANSPARENT",
            |f, on| set_ipv6_transparent(f, on),
            |f| ipv6_transparent(f),
        ),
    ];
    let inet = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let unix = socket(Family::Unix, SockType::Stream, 0).unwrap();
    for (option, set, get) in options {
        let got = [
            set(&inet, true),
            get(&inet).map(drop),
            set(&unix, true),
            get(&unix).map(drop),
        ];
        let want = [
            Errno::ENOPROTOOPT,
            Errno::EOPNOTSUPP,
            Errno::EOPNOTSUPP,
            Errno::EOPNOTSUPP,
        ]
        .map(Err);
        assert_eq!(
            got, want,
            "{option}: set and read on AF_INET, then on AF_UNIX"
        );
    }
}

/// The running kernel's (major, minor), from uname(2).
fn kernel_version() -> (u32, u32) {
    // SAFETY: a zeroed utsname is a valid value for the kernel to overwrite.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is writable and outlives the call.
    assert_eq!(unsafe { libc::uname(&mut u) }, 0);
    // SAFETY: the kernel NUL-terminates `release`.
    let release = unsafe { std::ffi::CStr::from_ptr(u.release.as_ptr()) }.to_string_lossy();
    let mut parts = release
        .split(|c: char| !c.is_ascii_digit())
        .map(|p| p.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// `SO_REUSEPORT` is for AF_INET and AF_INET6 sockets: since Linux 6.13
/// (net/core/sock.c, "net: restrict SO_REUSEPORT to inet sockets", taken
/// into the stable kernels too), turning it on for another family is
/// `EOPNOTSUPP`; turning it off is always accepted.
#[test]
fn option_reuse_port_is_refused_on_af_unix_since_linux_6_13() {
    const NAME: &str = "option_reuse_port_is_refused_on_af_unix_since_linux_6_13";
    let unix = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(set_reuse_port(&unix, false), Ok(()));
    let on = set_reuse_port(&unix, true);
    let version = kernel_version();
    if version < (6, 13) {
        // Older kernels may or may not have taken the change.
        assert!(matches!(on, Ok(()) | Err(Errno::EOPNOTSUPP)), "{on:?}");
        return common::skip(
            NAME,
            &format!(
                "Linux {}.{}: older than 6.13, whose answer this checks",
                version.0, version.1
            ),
        );
    }
    assert_eq!(
        on,
        Err(Errno::EOPNOTSUPP),
        "Linux {}.{}",
        version.0,
        version.1
    );
    assert_eq!(reuse_port(&unix), Ok(false));
}

// ---- raw::getsockopt's length ------------------------------------------------------

/// netlink(7), NETLINK_LIST_MEMBERSHIPS: the kernel reports the length the
/// whole bitmask needs even when the buffer is shorter, and
/// `raw::getsockopt` hands that length back as the kernel gave it, so the
/// caller can retry with a buffer that long.
#[test]
fn option_raw_getsockopt_gives_the_length_the_kernel_reports_even_past_the_buffer() {
    use linux_raw_sys::net::SOL_NETLINK;
    use linux_raw_sys::netlink::{NETLINK_LIST_MEMBERSHIPS, NETLINK_ROUTE};
    use rawbind::{raw, NetlinkAddr};
    use std::os::fd::AsRawFd;
    const NAME: &str =
        "option_raw_getsockopt_gives_the_length_the_kernel_reports_even_past_the_buffer";
    let fd = match socket(Family::Netlink, SockType::Raw, NETLINK_ROUTE as i32) {
        Ok(fd) => fd,
        Err(e @ (Errno::EAFNOSUPPORT | Errno::EPROTONOSUPPORT)) => {
            return common::skip(NAME, &format!("no NETLINK_ROUTE socket here: {e}"));
        }
        Err(e) => panic!("socket(AF_NETLINK): {e}"),
    };
    // Group 1 (RTMGRP_LINK), as the bind's nl_groups bitmask.
    bind(&fd, &SockAddr::Netlink(NetlinkAddr::new(0, 1))).unwrap();
    let mut short = [0u8; 4];
    // SAFETY: the value is a bitmask of u32s: no pointer for the kernel to follow.
    let needed = unsafe {
        raw::getsockopt(
            fd.as_raw_fd(),
            SOL_NETLINK,
            NETLINK_LIST_MEMBERSHIPS,
            &mut short,
        )
    }
    .unwrap();
    assert!(needed > short.len() && needed % 4 == 0, "{needed}");
    assert_eq!(
        u32::from_ne_bytes(short) & 1,
        1,
        "group 1, in the bytes written"
    );
    let mut whole = vec![0u8; needed];
    // SAFETY: as above.
    let again = unsafe {
        raw::getsockopt(
            fd.as_raw_fd(),
            SOL_NETLINK,
            NETLINK_LIST_MEMBERSHIPS,
            &mut whole,
        )
    };
    assert_eq!(again, Ok(needed));
}
