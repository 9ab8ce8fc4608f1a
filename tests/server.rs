//! A server's whole path, against the real kernel: accept (the peer for
//! every address kind, the new descriptor's flags, accept's errors),
//! shutdown, close-on-exec and non-blocking (read back with libc's fcntl, the
//! oracle, and across a real `execve`), a Unix socket's mode at bind and its
//! file's removal.
//!
//! Test names start with the call they check (`accept_`, `shutdown_`, ...),
//! so that tests/README.md's table of bind(2)'s errors leaves them out.

mod common;

use std::ffi::CString;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6, TcpStream};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, IntoRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;

use common::seccomp::Filter;
use rawbind::{
    accept, accept_with, accept_without_addr, bind, bind_with_mode, cloexec, connect, getpeername,
    getsockname, listen, nonblocking, set_cloexec, set_nonblocking, shutdown, socket, socket_with,
    unlink, Errno, Family, RawSockAddr, Shutdown, SockAddr, SockType, SocketFlags, UnixAddr,
};

/// A listening socket of `family` and `ty`, bound to `addr`, and the
/// address the kernel gave it.
fn listener<A: rawbind::AsSockAddr>(family: Family, addr: &A) -> (OwnedFd, SockAddr) {
    let fd = socket(family, SockType::Stream, 0).unwrap();
    bind(&fd, addr).unwrap();
    listen(&fd, 8).unwrap();
    let bound = getsockname(&fd).unwrap();
    (fd, bound)
}

/// `fcntl(fd, cmd)` through libc: the oracle for the flags rawbind sets.
fn libc_fcntl(fd: BorrowedFd<'_>, cmd: libc::c_int) -> libc::c_int {
    // SAFETY: F_GETFD and F_GETFL take no argument and touch no memory.
    let r = unsafe { libc::fcntl(fd.as_raw_fd(), cmd) };
    assert!(r >= 0, "fcntl: {}", std::io::Error::last_os_error());
    r
}

fn libc_cloexec(fd: BorrowedFd<'_>) -> bool {
    libc_fcntl(fd, libc::F_GETFD) & libc::FD_CLOEXEC != 0
}

fn libc_nonblocking(fd: BorrowedFd<'_>) -> bool {
    // O_NONBLOCK from linux-raw-sys: libc has it right, but one source of
    // numbers is the rule here (it differs on mips and sparc64).
    libc_fcntl(fd, libc::F_GETFL) & linux_raw_sys::general::O_NONBLOCK as i32 != 0
}

/// `fd` is close-on-exec and non-blocking exactly as `flags` say, as libc's
/// fcntl reads it; `what` names the case.
fn assert_has_exactly(fd: BorrowedFd<'_>, flags: SocketFlags, what: &str) {
    let cloexec = flags.contains(SocketFlags::CLOEXEC);
    let nonblock = flags.contains(SocketFlags::NONBLOCK);
    assert_eq!(libc_cloexec(fd), cloexec, "{what}: FD_CLOEXEC");
    assert_eq!(libc_nonblocking(fd), nonblock, "{what}: O_NONBLOCK");
}

/// Checks what accept's issue asks of every address kind: the returned peer
/// equals the accepted end's getpeername (rawbind's and libc's bytes) and
/// the client's getsockname, and the accepted end's getsockname equals the
/// listener's address.
fn check_accepted(server: &OwnedFd, client: &OwnedFd) -> SockAddr {
    let (conn, peer) = accept(server).unwrap();
    assert_eq!(getpeername(&conn).unwrap(), peer);
    let kernel = common::libc_address(&conn, libc::getpeername);
    let encoded = peer.encode();
    // The kernel ends a 108-byte path with a NUL sun_path has no room for
    // (111 bytes); rawbind's address is the 110 bytes it was bound with.
    let kernel = match kernel.split_last() {
        Some((0, rest)) if kernel.len() == 111 => rest,
        _ => &kernel[..],
    };
    assert_eq!(kernel, encoded.as_bytes(), "libc's getpeername bytes");
    assert_eq!(
        getsockname(client).unwrap(),
        peer,
        "the client's own address"
    );
    assert_eq!(getsockname(&conn).unwrap(), getsockname(server).unwrap());
    peer
}

// ---- accept: the peer of every address kind ----------------------------------

#[test]
fn accept_v4_peer_is_the_clients_address_on_both_ends() {
    let (server, bound) = listener(Family::Inet, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    connect(&client, &bound).unwrap();
    let peer = check_accepted(&server, &client);
    assert!(matches!(peer, SockAddr::V4(a) if *a.ip() == Ipv4Addr::LOCALHOST && a.port() != 0));
}

#[test]
fn accept_v6_loopback_peer_is_the_clients_address_on_both_ends() {
    const NAME: &str = "accept_v6_loopback_peer_is_the_clients_address_on_both_ends";
    let server = match socket(Family::Inet6, SockType::Stream, 0) {
        Ok(fd) => fd,
        Err(e) => return common::skip(NAME, &format!("no AF_INET6 sockets here: {e}")),
    };
    if let Err(e) = bind(&server, &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)) {
        return common::skip(NAME, &format!("cannot bind [::1]:0 here: {e}"));
    }
    listen(&server, 1).unwrap();
    let client = socket(Family::Inet6, SockType::Stream, 0).unwrap();
    connect(&client, &getsockname(&server).unwrap()).unwrap();
    let peer = check_accepted(&server, &client);
    assert!(matches!(peer, SockAddr::V6(a) if *a.ip() == Ipv6Addr::LOCALHOST && a.scope_id() == 0));
}

/// A link-local connection keeps its scope: the peer accept returns names
/// the interface. It needs an interface with a link-local address, so it
/// makes one: a thread of its own enters a new network namespace (root),
/// where `ip` gives the loopback interface fe80::1; the test's traffic never
/// leaves that namespace, which ends with the thread.
#[test]
fn accept_v6_link_local_peer_keeps_its_scope_id() {
    const NAME: &str = "accept_v6_link_local_peer_keeps_its_scope_id";
    if !common::is_root() {
        return common::skip(
            NAME,
            "a network namespace of its own needs root (CAP_SYS_ADMIN)",
        );
    }
    let outcome = std::thread::spawn(|| -> Result<Option<String>, String> {
        // SAFETY: unshare takes a flag; it moves only this thread into a new
        // network namespace.
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
            return Err(format!(
                "unshare(CLONE_NEWNET): {}",
                std::io::Error::last_os_error()
            ));
        }
        for args in [
            &["link", "set", "lo", "up"][..],
            &["-6", "addr", "add", "fe80::1/64", "dev", "lo", "nodad"],
        ] {
            match std::process::Command::new("ip").args(args).status() {
                Ok(s) if s.success() => {}
                Ok(s) => return Err(format!("ip {}: {s}", args.join(" "))),
                Err(e) => {
                    return Ok(Some(format!(
                        "no ip(8) here to give lo a link-local address: {e}"
                    )))
                }
            }
        }
        // SAFETY: the name is a NUL-terminated string literal.
        let lo = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
        let link_local = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
        let (server, bound) = listener(Family::Inet6, &SocketAddrV6::new(link_local, 0, 0, lo));
        let SockAddr::V6(bound) = bound else {
            return Err(format!("the listener's address is not V6: {bound:?}"));
        };
        // Connect to the address as bound, its port as the kernel gave it (a
        // scope read back through QEMU may be wrong: see below).
        let target = SocketAddrV6::new(link_local, bound.port(), 0, lo);
        let client = socket(Family::Inet6, SockType::Stream, 0).map_err(|e| e.to_string())?;
        // The namespace's lo came up just now, and the kernel installs its
        // routes after `ip` returns (about 1 run in 30 saw ENETUNREACH
        // here): wait for the route, a bounded while.
        let mut tries = 0;
        loop {
            match connect(&client, &target) {
                Err(Errno::ENETUNREACH) if tries < 200 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                r => break r.map_err(|e| format!("connect to {target}: {e}"))?,
            }
        }
        let (conn, peer) = accept(&server).map_err(|e| format!("accept: {e}"))?;
        let SockAddr::V6(peer6) = peer else {
            return Err(format!("the peer is not V6: {peer:?}"));
        };
        if let Some(qemu) = common::under_qemu() {
            if peer6.scope_id() == lo.rotate_left(16) {
                return Ok(Some(format!(
                    "emulator fault: {qemu} swaps the 16-bit halves of sin6_scope_id \
                     (scope {lo} read as {})",
                    peer6.scope_id()
                )));
            }
        }
        if *peer6.ip() != link_local || peer6.scope_id() != lo {
            return Err(format!("peer {peer6}, expected scope {lo}"));
        }
        if getpeername(&conn) != Ok(peer) || getsockname(&client) != Ok(peer) {
            return Err("getpeername or the client's getsockname differ from accept's peer".into());
        }
        if getsockname(&conn) != Ok(SockAddr::V6(target)) {
            return Err("the accepted end's address is not the listener's".into());
        }
        Ok(None)
    })
    .join()
    .unwrap();
    match outcome {
        Ok(None) => {}
        Ok(Some(why)) => common::skip(NAME, &why),
        Err(e) => panic!("{e}"),
    }
}

/// A pathname client's address: a short one and one of 108 bytes, the
/// longest `sun_path` holds (no NUL in it).
#[test]
fn accept_unix_pathname_peer_is_the_clients_path_108_bytes_too() {
    const NAME: &str = "accept_unix_pathname_peer_is_the_clients_path_108_bytes_too";
    let dir = common::temp_dir("accept-path");
    let dir_len = dir.0.as_os_str().len();
    if dir_len + 2 > 108 {
        return common::skip(NAME, &format!("temp dir path is {dir_len} bytes long"));
    }
    let server_addr = UnixAddr::new(dir.join("server").as_os_str().as_bytes()).unwrap();
    let (server, _) = listener(Family::Unix, &server_addr);
    for name in ["c".to_owned(), "c".repeat(108 - dir_len - 1)] {
        let path = dir.join(&name);
        let client_addr = UnixAddr::new(path.as_os_str().as_bytes()).unwrap();
        let client = socket(Family::Unix, SockType::Stream, 0).unwrap();
        bind(&client, &client_addr).unwrap();
        connect(&client, &server_addr).unwrap();
        let peer = check_accepted(&server, &client);
        assert_eq!(
            peer,
            SockAddr::Unix(client_addr),
            "{} bytes",
            path.as_os_str().len()
        );
    }
}

#[test]
fn accept_unix_abstract_peer_keeps_nul_and_0xff_bytes() {
    let server_name = common::unique_name("accept-server");
    let server_addr = UnixAddr::new_abstract(server_name.as_bytes()).unwrap();
    let (server, _) = listener(Family::Unix, &server_addr);
    let mut name = b"\0peer\xff\0".to_vec();
    name.extend_from_slice(common::unique_name("accept-peer").as_bytes());
    name.push(0xff);
    let client_addr = UnixAddr::new_abstract(&name).unwrap();
    let client = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&client, &client_addr).unwrap();
    connect(&client, &server_addr).unwrap();
    let peer = check_accepted(&server, &client);
    assert_eq!(peer, SockAddr::Unix(client_addr));
}

#[test]
fn accept_unix_unbound_client_is_unnamed() {
    let server_addr =
        UnixAddr::new_abstract(common::unique_name("accept-unnamed").as_bytes()).unwrap();
    let (server, _) = listener(Family::Unix, &server_addr);
    let client = socket(Family::Unix, SockType::Stream, 0).unwrap();
    connect(&client, &server_addr).unwrap();
    let peer = check_accepted(&server, &client);
    assert_eq!(peer, SockAddr::Unix(UnixAddr::unnamed()));
}

// ---- accept: the new descriptor's flags ----------------------------------------

#[test]
fn accept_sets_cloexec_and_accept_with_each_flag_sets_exactly_it() {
    let (server, bound) = listener(Family::Inet, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    let cases = [
        None,
        Some(SocketFlags::empty()),
        Some(SocketFlags::CLOEXEC),
        Some(SocketFlags::NONBLOCK),
        Some(SocketFlags::CLOEXEC | SocketFlags::NONBLOCK),
    ];
    for flags in cases {
        let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
        connect(&client, &bound).unwrap();
        let (conn, _) = match flags {
            None => accept(&server).unwrap(),
            Some(f) => accept_with(&server, f).unwrap(),
        };
        // accept is accept_with CLOEXEC.
        let want = flags.unwrap_or(SocketFlags::CLOEXEC);
        assert_has_exactly(conn.as_fd(), want, &format!("{flags:?}"));
        assert_eq!(cloexec(&conn), Ok(want.contains(SocketFlags::CLOEXEC)));
        assert_eq!(nonblocking(&conn), Ok(want.contains(SocketFlags::NONBLOCK)));
    }
}

/// accept_without_addr asks for no address (`accept4(fd, NULL, NULL,
/// flags)`, as tests/strace.rs sees it) and gives the connection accept
/// would: the client's, on the listener's address, with exactly the flags
/// given.
#[test]
fn accept_without_addr_gives_the_connection_with_exactly_the_flags_given() {
    let (server, bound) = listener(Family::Inet, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    for flags in [
        SocketFlags::empty(),
        SocketFlags::CLOEXEC,
        SocketFlags::NONBLOCK,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
    ] {
        let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
        connect(&client, &bound).unwrap();
        let conn = accept_without_addr(&server, flags).unwrap();
        assert_eq!(getpeername(&conn), getsockname(&client), "{flags:?}: peer");
        assert_eq!(getsockname(&conn).unwrap(), bound, "{flags:?}: own address");
        assert_has_exactly(conn.as_fd(), flags, &format!("{flags:?}"));
    }
}

/// The kernel's crypto API: an AF_ALG socket bound to an algorithm hands out
/// operation sockets through accept, and an operation socket has no name to
/// give. accept_with asks for one, and the kernel fails it with
/// ECONNABORTED (`do_accept`, net/socket.c); accept_without_addr asks for
/// none and gets the operation socket, which hashes.
#[test]
fn accept_without_addr_gives_an_af_alg_operation_socket_that_accept_with_cannot() {
    const NAME: &str =
        "accept_without_addr_gives_an_af_alg_operation_socket_that_accept_with_cannot";
    let tfm = match socket(Family::Alg, SockType::SeqPacket, 0) {
        Err(Errno::EAFNOSUPPORT) => {
            return common::skip(
                NAME,
                "socket(AF_ALG) answered EAFNOSUPPORT: this kernel has no AF_ALG \
                 (CONFIG_CRYPTO_USER_API) and cannot load it",
            )
        }
        Err(e @ (Errno::EPERM | Errno::EACCES)) => {
            return common::skip(
                NAME,
                &format!(
                    "socket(AF_ALG) answered {e}: a seccomp profile or an LSM \
                     (container defaults refuse AF_ALG) forbids it here"
                ),
            )
        }
        made => made.unwrap(),
    };
    // struct sockaddr_alg, laid out by libc (the oracle; rawbind has no
    // type for it): salg_type "hash", salg_name "sha256".
    // SAFETY: sockaddr_alg is plain integers and byte arrays.
    let mut alg: libc::sockaddr_alg = unsafe { std::mem::zeroed() };
    alg.salg_family = libc::AF_ALG as libc::sa_family_t;
    alg.salg_type[..4].copy_from_slice(b"hash");
    alg.salg_name[..6].copy_from_slice(b"sha256");
    // SAFETY: the struct is initialized (zeroed, then written) and has no
    // padding: every byte of it may be read.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            (&alg as *const libc::sockaddr_alg).cast::<u8>(),
            std::mem::size_of::<libc::sockaddr_alg>(),
        )
    };
    match bind(
        &tfm,
        &SockAddr::Other(RawSockAddr::from_bytes(bytes).unwrap()),
    ) {
        Ok(()) => {}
        Err(Errno::ENOENT) => {
            return common::skip(
                NAME,
                "bind(AF_ALG, hash, sha256) answered ENOENT: this kernel has no \
                 algif_hash or no sha256 and cannot load them",
            )
        }
        Err(e) => panic!("bind(AF_ALG, hash, sha256): {e}"),
    }
    assert_eq!(
        accept_with(&tfm, SocketFlags::CLOEXEC).err(),
        Some(Errno::ECONNABORTED),
        "accept_with on an AF_ALG socket"
    );
    let op = accept_without_addr(&tfm, SocketFlags::CLOEXEC).unwrap();
    let mut op = std::fs::File::from(op);
    op.write_all(b"abc").unwrap();
    let mut digest = [0u8; 32];
    op.read_exact(&mut digest).unwrap();
    // SHA-256("abc"), FIPS 180-2's first example.
    let want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    let got: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(got, want);
}

// ---- accept's errors -----------------------------------------------------------

#[test]
fn accept_eagain_on_a_nonblocking_listener_with_nothing_pending() {
    let server = socket_with(Family::Inet, SockType::Stream, SocketFlags::NONBLOCK, 0).unwrap();
    bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    listen(&server, 1).unwrap();
    assert_eq!(accept(&server).err(), Some(Errno::EAGAIN));
}

#[test]
fn accept_einval_on_a_socket_that_is_not_listening() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    assert_eq!(accept(&fd).err(), Some(Errno::EINVAL));
}

/// accept_without_addr fails as accept does: EAGAIN on a non-blocking
/// listener with nothing pending, EINVAL on a socket that does not listen,
/// EOPNOTSUPP on a datagram socket.
#[test]
fn accept_without_addr_fails_as_accept_does() {
    let flags = SocketFlags::CLOEXEC;
    let server = socket_with(Family::Inet, SockType::Stream, SocketFlags::NONBLOCK, 0).unwrap();
    bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    listen(&server, 1).unwrap();
    assert_eq!(
        accept_without_addr(&server, flags).err(),
        Some(Errno::EAGAIN)
    );
    let idle = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&idle, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    assert_eq!(accept_without_addr(&idle, flags).err(), Some(Errno::EINVAL));
    let udp = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    assert_eq!(
        accept_without_addr(&udp, flags).err(),
        Some(Errno::EOPNOTSUPP)
    );
}

#[test]
fn accept_eopnotsupp_on_a_datagram_socket() {
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    assert_eq!(accept(&fd).err(), Some(Errno::EOPNOTSUPP));
}

#[test]
fn accept_enotsock_on_a_regular_file() {
    let dir = common::temp_dir("accept-enotsock");
    let file = std::fs::File::create(dir.join("f")).unwrap();
    assert_eq!(accept(&file).err(), Some(Errno::ENOTSOCK));
}

/// Runs `f` in a forked child on a descriptor number that was just closed:
/// in the child, which has one thread, no other call can be given the number
/// meanwhile. `f` answers whether the calls on it were EBADF.
fn on_a_closed_descriptor(f: fn(BorrowedFd<'static>) -> bool) -> Result<(), String> {
    common::child::verdict(|| {
        let fd = socket(Family::Inet, SockType::Stream, 0)
            .map_err(|_| "socket")?
            .into_raw_fd();
        // SAFETY: `fd` was given up by its OwnedFd; nothing else uses it.
        unsafe { libc::close(fd) };
        // SAFETY: the number is closed and, in this one-thread child, stays
        // closed: the kernel answers EBADF without touching anything.
        let closed = unsafe { BorrowedFd::borrow_raw(fd) };
        match f(closed) {
            true => Ok(()),
            false => Err("a call on a closed descriptor was not EBADF"),
        }
    })
}

/// EBADF: a descriptor number that was just closed.
#[test]
fn accept_ebadf_on_a_closed_descriptor() {
    let verdict = on_a_closed_descriptor(|closed| accept(closed).err() == Some(Errno::EBADF));
    assert_eq!(verdict, Ok(()));
}

// ---- shutdown -----------------------------------------------------------------

/// A connected TCP pair over loopback: (client, accepted end).
fn tcp_pair() -> (TcpStream, TcpStream) {
    let (server, bound) = listener(Family::Inet, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    connect(&client, &bound).unwrap();
    let (conn, _) = accept(&server).unwrap();
    (TcpStream::from(client), TcpStream::from(conn))
}

#[test]
fn shutdown_write_makes_the_peer_read_end_of_file() {
    let (mut client, mut conn) = tcp_pair();
    client.write_all(b"last words").unwrap();
    shutdown(&client, Shutdown::Write).unwrap();
    let mut got = Vec::new();
    conn.read_to_end(&mut got).unwrap(); // returns at end-of-file
    assert_eq!(got, b"last words");
    // Still open the other way.
    conn.write_all(b"reply").unwrap();
    let mut reply = [0u8; 5];
    client.read_exact(&mut reply).unwrap();
    assert_eq!(&reply, b"reply");
}

#[test]
fn shutdown_read_makes_reads_return_end_of_file_at_once() {
    let (client, mut conn) = tcp_pair();
    shutdown(&conn, Shutdown::Read).unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(conn.read(&mut buf).unwrap(), 0, "a read after SHUT_RD");
    drop(client);
}

#[test]
fn shutdown_both_ends_the_connection_both_ways() {
    let (mut client, conn) = tcp_pair();
    shutdown(&conn, Shutdown::Both).unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(
        client.read(&mut buf).unwrap(),
        0,
        "the peer reads end-of-file"
    );
    let sent = conn.as_fd();
    // SAFETY: send reads 1 byte at `buf`; MSG_NOSIGNAL: EPIPE, not SIGPIPE.
    let r = unsafe { libc::send(sent.as_raw_fd(), buf.as_ptr().cast(), 1, libc::MSG_NOSIGNAL) };
    assert_eq!(r, -1);
    assert_eq!(
        std::io::Error::last_os_error().raw_os_error(),
        Some(libc::EPIPE)
    );
}

#[test]
fn shutdown_enotconn_on_an_unconnected_tcp_socket() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(shutdown(&fd, Shutdown::Both), Err(Errno::ENOTCONN));
}

/// A UDP socket that was never connected has no peer either (inet_shutdown
/// answers ENOTCONN for its TCP_CLOSE state); once connected, it shuts down.
#[test]
fn shutdown_enotconn_on_an_unconnected_udp_socket() {
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    assert_eq!(shutdown(&fd, Shutdown::Both), Err(Errno::ENOTCONN));
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    assert_eq!(shutdown(&fd, Shutdown::Both), Err(Errno::ENOTCONN), "bound");
    connect(&fd, &getsockname(&fd).unwrap()).unwrap();
    assert_eq!(shutdown(&fd, Shutdown::Both), Ok(()), "connected");
}

/// The ENOTCONN above is an answer, not a refusal: inet_shutdown sets the
/// shut directions before it answers. An unconnected UDP socket (bound) or
/// TCP socket shut for reading reports end of input: `poll` finds it
/// readable with nothing queued, and a blocking `recv` returns 0 instead of
/// waiting. A non-blocking UDP `recv` still answers EAGAIN: `__skb_recv_udp`
/// returns before it would wait, and only its wait looks at the shutdown.
#[test]
fn shutdown_enotconn_on_an_unconnected_socket_still_shuts_it_for_reading() {
    let loopback = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    for ty in [SockType::Dgram, SockType::Stream] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        if ty == SockType::Dgram {
            bind(&fd, &loopback).unwrap();
        }
        assert!(!libc_readable(fd.as_fd()), "{ty:?}: readable before");
        assert_eq!(
            shutdown(&fd, Shutdown::Read),
            Err(Errno::ENOTCONN),
            "{ty:?}"
        );
        assert!(libc_readable(fd.as_fd()), "{ty:?}: not readable after");
        assert_eq!(libc_recv(fd.as_fd()), Ok(0), "{ty:?}: blocking recv");
    }
    let udp = socket_with(Family::Inet, SockType::Dgram, SocketFlags::NONBLOCK, 0).unwrap();
    bind(&udp, &loopback).unwrap();
    assert_eq!(shutdown(&udp, Shutdown::Read), Err(Errno::ENOTCONN));
    assert_eq!(
        libc_recv(udp.as_fd()),
        Err(Errno::EAGAIN.raw()),
        "non-blocking UDP recv"
    );
}

/// `recv(fd, buf, 8, 0)` through libc: the bytes read, or the errno.
fn libc_recv(fd: BorrowedFd<'_>) -> Result<isize, i32> {
    let mut buf = [0u8; 8];
    // SAFETY: `buf` is writable for its length during the call.
    let n = unsafe { libc::recv(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
    match n {
        -1 => Err(std::io::Error::last_os_error().raw_os_error().unwrap()),
        n => Ok(n),
    }
}

/// Whether `poll(fd, POLLIN)`, through libc and without waiting, finds `fd`
/// readable.
fn libc_readable(fd: BorrowedFd<'_>) -> bool {
    let mut p = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one pollfd, valid for the call.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    assert!(n >= 0, "poll: {}", std::io::Error::last_os_error());
    p.revents & libc::POLLIN != 0
}

/// A listening TCP socket is not connected, yet inet_shutdown answers
/// success: shutting it for reading (Read, Both) stops it listening, so
/// accept fails with EINVAL; Write leaves it listening, and a client still
/// connects.
#[test]
fn shutdown_read_stops_a_listening_tcp_socket_and_write_leaves_it_listening() {
    let loopback = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    for how in [Shutdown::Read, Shutdown::Both] {
        let (server, _) = listener(Family::Inet, &loopback);
        assert_eq!(shutdown(&server, how), Ok(()), "{how:?}");
        assert_eq!(rawbind::is_listening(&server), Ok(false), "{how:?}");
        assert_eq!(accept(&server).err(), Some(Errno::EINVAL), "{how:?}");
    }
    let (server, bound) = listener(Family::Inet, &loopback);
    assert_eq!(shutdown(&server, Shutdown::Write), Ok(()));
    assert_eq!(rawbind::is_listening(&server), Ok(true));
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    connect(&client, &bound).unwrap();
    check_accepted(&server, &client);
}

/// A TCP socket still connecting (its SYN unanswered: the listener's accept
/// queue is full, so the kernel drops it) has no peer, yet inet_shutdown
/// abandons the attempt and answers success.
#[test]
fn shutdown_succeeds_on_a_tcp_socket_still_connecting() {
    let server = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    listen(&server, 0).unwrap();
    let bound = getsockname(&server).unwrap();
    // Backlog 0: the accept queue is full once it holds one connection
    // (more than the backlog). A blocking connect returns once its
    // handshake is done, so the queue is full from here on.
    let queued = socket(Family::Inet, SockType::Stream, 0).unwrap();
    connect(&queued, &bound).unwrap();
    let fd = socket_with(Family::Inet, SockType::Stream, SocketFlags::NONBLOCK, 0).unwrap();
    assert_eq!(connect(&fd, &bound), Err(Errno::EINPROGRESS));
    assert_eq!(getpeername(&fd), Err(Errno::ENOTCONN), "still connecting");
    assert_eq!(shutdown(&fd, Shutdown::Both), Ok(()));
}

/// The kernel's AF_UNIX shutdown does not check for a peer: an unconnected
/// Unix stream socket answers success.
#[test]
fn shutdown_unconnected_unix_socket_succeeds_as_the_kernel_answers() {
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(shutdown(&fd, Shutdown::Both), Ok(()));
}

#[test]
fn shutdown_enotsock_on_a_regular_file() {
    let dir = common::temp_dir("shutdown-enotsock");
    let file = std::fs::File::create(dir.join("f")).unwrap();
    assert_eq!(shutdown(&file, Shutdown::Write), Err(Errno::ENOTSOCK));
}

#[test]
fn shutdown_ebadf_on_a_closed_descriptor() {
    let verdict =
        on_a_closed_descriptor(|closed| shutdown(closed, Shutdown::Both) == Err(Errno::EBADF));
    assert_eq!(verdict, Ok(()));
}

// ---- close-on-exec and non-blocking ----------------------------------------------

#[test]
fn socket_with_each_flag_is_read_back_by_the_kernel() {
    for flags in [
        SocketFlags::empty(),
        SocketFlags::CLOEXEC,
        SocketFlags::NONBLOCK,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
    ] {
        for (family, ty) in [
            (Family::Inet, SockType::Stream),
            (Family::Unix, SockType::Dgram),
        ] {
            let fd = socket_with(family, ty, flags, 0).unwrap();
            assert_has_exactly(fd.as_fd(), flags, &format!("{flags:?} {family:?} {ty:?}"));
        }
    }
}

#[test]
fn set_cloexec_and_set_nonblocking_are_read_back_by_the_kernel() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    for on in [false, true, true, false] {
        set_cloexec(&fd, on).unwrap();
        assert_eq!(libc_cloexec(fd.as_fd()), on);
        assert_eq!(cloexec(&fd), Ok(on));
        set_nonblocking(&fd, on).unwrap();
        assert_eq!(libc_nonblocking(fd.as_fd()), on);
        assert_eq!(nonblocking(&fd), Ok(on));
    }
}

/// set_nonblocking changes O_NONBLOCK only: O_APPEND, set by libc, stays.
#[test]
fn set_nonblocking_keeps_the_other_status_flags() {
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    let append = linux_raw_sys::general::O_APPEND as i32;
    // SAFETY: F_SETFL takes an integer.
    let r = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, append) };
    assert_eq!(r, 0, "{}", std::io::Error::last_os_error());
    set_nonblocking(&fd, true).unwrap();
    assert_ne!(
        libc_fcntl(fd.as_fd(), libc::F_GETFL) & append,
        0,
        "O_APPEND kept"
    );
    set_nonblocking(&fd, false).unwrap();
    assert_ne!(
        libc_fcntl(fd.as_fd(), libc::F_GETFL) & append,
        0,
        "O_APPEND kept"
    );
    assert!(!libc_nonblocking(fd.as_fd()));
}

#[test]
fn flag_calls_on_a_closed_descriptor_are_ebadf() {
    let verdict = on_a_closed_descriptor(|closed| {
        let all = [
            set_cloexec(closed, true),
            cloexec(closed).map(drop),
            set_nonblocking(closed, true),
            nonblocking(closed).map(drop),
        ];
        all.iter().all(|r| *r == Err(Errno::EBADF))
    });
    assert_eq!(verdict, Ok(()));
}

/// What the child run of [`exec_keeps_a_socket_only_without_cloexec`]
/// checks: descriptor number and the port its socket is bound to.
const EXEC_CHILD: &str = "RAWBIND_SERVER_EXEC_CHILD";

/// A socket whose close-on-exec flag was cleared survives `execve(2)` into
/// a child (this test program again), which finds it open and still the same
/// socket (bound to the same port); one that keeps the flag is closed.
#[test]
fn exec_keeps_a_socket_only_without_cloexec() {
    const NAME: &str = "exec_keeps_a_socket_only_without_cloexec";
    if let Ok(what) = std::env::var(EXEC_CHILD) {
        // The child: "FD PORT" must be open and bound to 127.0.0.1:PORT, or
        // "FD closed" must be closed.
        let (fd, want) = what.split_once(' ').unwrap();
        let fd: i32 = fd.parse().unwrap();
        // SAFETY: F_GETFD takes no argument; it only asks whether `fd` is open.
        let open = unsafe { libc::fcntl(fd, libc::F_GETFD) } >= 0;
        if want == "closed" {
            assert!(!open, "descriptor {fd} survived execve with FD_CLOEXEC set");
        } else {
            assert!(
                open,
                "descriptor {fd} did not survive execve without FD_CLOEXEC"
            );
            // SAFETY: the descriptor is open, and this process only reads its address.
            let inherited = unsafe { BorrowedFd::borrow_raw(fd) };
            let port: u16 = want.parse().unwrap();
            assert_eq!(
                getsockname(inherited),
                Ok(SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)))
            );
        }
        return;
    }
    for keep in [true, false] {
        let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
        bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
        let SockAddr::V4(bound) = getsockname(&fd).unwrap() else {
            unreachable!()
        };
        set_cloexec(&fd, !keep).unwrap();
        let what = if keep {
            format!("{} {}", fd.as_raw_fd(), bound.port())
        } else {
            format!("{} closed", fd.as_raw_fd())
        };
        let out = common::self_command()
            .args(["--exact", NAME, "--test-threads=1", "--nocapture"])
            .env(EXEC_CHILD, &what)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the exec'd child ({what}) failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // The child ran the one test, not nothing.
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
    }
}

// ---- bind_with_mode ----------------------------------------------------------

fn c_path(path: &std::path::Path) -> CString {
    CString::new(path.as_os_str().as_bytes()).unwrap()
}

/// The permission bits of the file at `path` (lstat, no allocation).
fn mode_of(path: &CString) -> Option<u32> {
    // SAFETY: a zeroed stat is a valid value for the kernel to overwrite.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is NUL-terminated; `st` is writable and outlives the call.
    let r = unsafe { libc::lstat(path.as_ptr(), &mut st) };
    (r == 0).then_some(st.st_mode & 0o7777)
}

/// Under umask 022, modes 0600, 0660 and 0666 make files 0600, 0640 and
/// 0644; under umask 0, exactly the mode. The umask is the process's, so
/// this runs in a forked child.
#[test]
fn bind_with_mode_makes_the_file_with_the_mode_less_the_umask() {
    let dir = common::temp_dir("mode");
    let cases: Vec<(libc::mode_t, u32, u32, CString, UnixAddr)> = [
        (0o022, 0o600, 0o600),
        (0o022, 0o660, 0o640),
        (0o022, 0o666, 0o644),
        (0o000, 0o600, 0o600),
        (0o000, 0o660, 0o660),
        (0o000, 0o666, 0o666),
        (0o000, 0o777, 0o777),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (umask, mode, want))| {
        let path = dir.join(&format!("s{i}"));
        let addr = UnixAddr::new(path.as_os_str().as_bytes()).unwrap();
        (umask, mode, want, c_path(&path), addr)
    })
    .collect();
    let verdict = common::child::verdict(|| {
        for (umask, mode, want, path, addr) in &cases {
            // SAFETY: umask takes an integer and changes only this child.
            unsafe { libc::umask(*umask) };
            let fd = socket(Family::Unix, SockType::Stream, 0).map_err(|_| "socket")?;
            bind_with_mode(&fd, addr, *mode).map_err(|_| "bind_with_mode failed")?;
            if mode_of(path) != Some(*want) {
                return Err("the socket file's mode is not the mode less the umask");
            }
        }
        Ok(())
    });
    assert_eq!(verdict, Ok(()));
}

/// The point of setting the mode before bind: a second thread that stats the
/// path in a tight loop while many binds and unlinks happen never sees more
/// permission bits than the mode, not even for an instant.
#[test]
fn bind_with_mode_file_never_has_more_bits_than_the_mode() {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    let dir = common::temp_dir("mode-race");
    let path = dir.join("s");
    let addr = UnixAddr::new(path.as_os_str().as_bytes()).unwrap();
    let c = c_path(&path);
    let done = AtomicBool::new(false);
    let seen = AtomicU32::new(0);
    let widest = AtomicU32::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                if let Some(mode) = mode_of(&c) {
                    seen.fetch_add(1, Ordering::Relaxed);
                    widest.fetch_or(mode & 0o777, Ordering::Relaxed);
                }
            }
        });
        for _ in 0..2000 {
            let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
            bind_with_mode(&fd, &addr, 0o600).unwrap();
            unlink(&addr).unwrap();
        }
        done.store(true, Ordering::Relaxed);
    });
    assert_eq!(
        widest.load(Ordering::Relaxed) & !0o600,
        0,
        "a file had more bits than 0600"
    );
    assert!(
        seen.load(Ordering::Relaxed) > 0,
        "the stat loop never saw a file: it checked nothing"
    );
}

/// Refused before any syscall: an abstract or unnamed address (no file, so
/// no permissions) and a mode above 0o777. A seccomp filter that fails every
/// other system call with a mark shows none was made.
#[test]
fn bind_with_mode_refuses_no_file_and_bad_modes_with_einval_and_no_syscall() {
    const NAME: &str = "bind_with_mode_refuses_no_file_and_bad_modes_with_einval_and_no_syscall";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let dir = common::temp_dir("mode-refused");
    let pathname = UnixAddr::new(dir.join("s").as_os_str().as_bytes()).unwrap();
    let abstract_name = UnixAddr::new_abstract(common::unique_name("mode").as_bytes()).unwrap();
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    use linux_raw_sys::general::{__NR_exit_group, __NR_write};
    const MARK: u32 = linux_raw_sys::errno::ENOTRECOVERABLE;
    let filter = Filter::allow_only(&[__NR_exit_group, __NR_write], MARK);
    let verdict = common::child::verdict(|| {
        filter.install()?;
        let refused = [
            bind_with_mode(&fd, &abstract_name, 0o600),
            bind_with_mode(&fd, &UnixAddr::unnamed(), 0o600),
            bind_with_mode(&fd, &pathname, 0o1000),
            bind_with_mode(&fd, &pathname, 0o4777),
        ];
        if !refused.iter().all(|r| *r == Err(Errno::EINVAL)) {
            return Err("bind_with_mode did not answer EINVAL before any syscall");
        }
        // The filter is in force: a call it does not allow gets the mark.
        match bind_with_mode(&fd, &pathname, 0o600) {
            Err(e) if e.raw() == MARK as i32 => Ok(()),
            _ => Err("the filter did not stop a real call: it proved nothing"),
        }
    });
    assert_eq!(verdict, Ok(()));
}

/// `fchmod(2)` changes any file's mode; bind_with_mode changes only an
/// AF_UNIX socket's. A regular file keeps its mode (`ENOTSOCK`, from the
/// check), and a socket of another family keeps its 0777 and stays unbound
/// (`EAFNOSUPPORT`): a raw AF_INET socket with IP_FREEBIND, whose bind
/// takes any bytes as an IPv4 address, too.
#[test]
fn bind_with_mode_changes_the_mode_of_nothing_but_an_af_unix_socket() {
    fn fd_mode(fd: &impl AsRawFd) -> u32 {
        // SAFETY: a zeroed stat is a valid value for the kernel to overwrite.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: `st` is writable and outlives the call.
        assert_eq!(unsafe { libc::fstat(fd.as_raw_fd(), &mut st) }, 0);
        st.st_mode & 0o7777
    }
    let dir = common::temp_dir("mode-not-unix");
    let file_path = dir.join("file");
    std::fs::write(&file_path, b"").unwrap();
    std::fs::set_permissions(&file_path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let file = std::fs::File::open(&file_path).unwrap();
    let addr = UnixAddr::new(dir.join("s").as_os_str().as_bytes()).unwrap();
    assert_eq!(bind_with_mode(&file, &addr, 0), Err(Errno::ENOTSOCK));
    assert_eq!(
        mode_of(&c_path(&file_path)),
        Some(0o644),
        "a file's mode changed"
    );

    let inet = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(fd_mode(&inet), 0o777);
    assert_eq!(bind_with_mode(&inet, &addr, 0), Err(Errno::EAFNOSUPPORT));
    assert_eq!(fd_mode(&inet), 0o777, "an AF_INET socket's mode changed");
    assert!(!dir.join("s").exists());
    // A raw AF_INET socket's bind (raw_bind, net/ipv4/raw.c) does not check
    // sin_family: with IP_FREEBIND it binds a path's bytes as an address.
    // bind_with_mode never calls it. (A raw socket needs CAP_NET_RAW.)
    if common::is_root() {
        // 16 bytes of path: sun_path[2..6], "mp/r", lands on sin_addr.
        let path = UnixAddr::new(b"/tmp/rawbind-raw").unwrap();
        let raw_socket = || {
            let fd = socket(Family::Inet, SockType::Raw, libc::IPPROTO_UDP).unwrap();
            rawbind::set_ip_freebind(&fd, true).unwrap();
            fd
        };
        let raw = raw_socket();
        let before = rawbind::getsockname(&raw).unwrap();
        assert_eq!(bind_with_mode(&raw, &path, 0), Err(Errno::EAFNOSUPPORT));
        assert_eq!(fd_mode(&raw), 0o777, "a raw socket's mode changed");
        assert_eq!(
            rawbind::getsockname(&raw).unwrap(),
            before,
            "bind_with_mode bound it"
        );
        // What bind does with it: takes the bytes as 109.112.47.114.
        let witness = raw_socket();
        assert_eq!(bind(&witness, &path), Ok(()));
        assert_ne!(rawbind::getsockname(&witness).unwrap(), before);
    }

    let unix = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind_with_mode(&unix, &addr, 0o600).unwrap();
    assert_eq!(fd_mode(&unix), 0o600, "the AF_UNIX socket's own mode");
}

/// Why it exists: a process that became `nobody` cannot connect to a socket
/// root bound with 0600 (`EACCES`: connecting needs write permission on the
/// file), and can to one bound with 0666 under umask 0.
#[test]
fn bind_with_mode_0600_keeps_nobody_out_and_0666_lets_nobody_in() {
    const NAME: &str = "bind_with_mode_0600_keeps_nobody_out_and_0666_lets_nobody_in";
    if !common::is_root() {
        return common::skip(NAME, "binding as root and connecting as nobody needs root");
    }
    let dir = common::temp_dir("mode-nobody");
    // nobody must be able to search the directory.
    std::fs::set_permissions(&dir.0, std::fs::Permissions::from_mode(0o755)).unwrap();
    let private = UnixAddr::new(dir.join("private").as_os_str().as_bytes()).unwrap();
    let public = UnixAddr::new(dir.join("public").as_os_str().as_bytes()).unwrap();
    let verdict = common::child::verdict(|| {
        // SAFETY: umask takes an integer and changes only this child.
        unsafe { libc::umask(0) };
        let a = socket(Family::Unix, SockType::Stream, 0).map_err(|_| "socket")?;
        let b = socket(Family::Unix, SockType::Stream, 0).map_err(|_| "socket")?;
        bind_with_mode(&a, &private, 0o600).map_err(|_| "bind_with_mode 0600")?;
        bind_with_mode(&b, &public, 0o666).map_err(|_| "bind_with_mode 0666")?;
        listen(&a, 1).map_err(|_| "listen")?;
        listen(&b, 1).map_err(|_| "listen")?;
        if !common::child::become_nobody() {
            return Err("could not become nobody");
        }
        let c = socket(Family::Unix, SockType::Stream, 0).map_err(|_| "socket")?;
        if connect(&c, &private) != Err(Errno::EACCES) {
            return Err("nobody's connect to the 0600 socket was not EACCES");
        }
        let c = socket(Family::Unix, SockType::Stream, 0).map_err(|_| "socket")?;
        connect(&c, &public).map_err(|_| "nobody could not connect to the 0666 socket")
    });
    assert_eq!(verdict, Ok(()));
}

// ---- unlink ------------------------------------------------------------------

#[test]
fn unlink_removes_the_file_then_enoent_then_bind_succeeds_again_108_bytes_too() {
    const NAME: &str = "unlink_removes_the_file_then_enoent_then_bind_succeeds_again_108_bytes_too";
    let dir = common::temp_dir("unlink");
    let dir_len = dir.0.as_os_str().len();
    if dir_len + 2 > 108 {
        return common::skip(NAME, &format!("temp dir path is {dir_len} bytes long"));
    }
    for name in ["u".to_owned(), "u".repeat(108 - dir_len - 1)] {
        let path = dir.join(&name);
        let addr = UnixAddr::new(path.as_os_str().as_bytes()).unwrap();
        let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
        bind(&fd, &addr).unwrap();
        assert!(path.exists());
        unlink(&addr).unwrap();
        assert!(
            !path.exists(),
            "{} bytes: the file is still there",
            path.as_os_str().len()
        );
        assert_eq!(unlink(&addr), Err(Errno::ENOENT));
        let again = socket(Family::Unix, SockType::Stream, 0).unwrap();
        assert_eq!(bind(&again, &addr), Ok(()));
        unlink(&addr).unwrap();
    }
}

/// An abstract or unnamed address has no file: Ok, and no syscall (the
/// seccomp filter of the bind_with_mode test shows none).
#[test]
fn unlink_of_an_abstract_or_unnamed_address_is_ok_and_makes_no_syscall() {
    const NAME: &str = "unlink_of_an_abstract_or_unnamed_address_is_ok_and_makes_no_syscall";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let abstract_name = UnixAddr::new_abstract(common::unique_name("unlink").as_bytes()).unwrap();
    use linux_raw_sys::general::{__NR_exit_group, __NR_write};
    const MARK: u32 = linux_raw_sys::errno::ENOTRECOVERABLE;
    let filter = Filter::allow_only(&[__NR_exit_group, __NR_write], MARK);
    let dir = common::temp_dir("unlink-filtered");
    let pathname = UnixAddr::new(dir.join("none").as_os_str().as_bytes()).unwrap();
    let verdict = common::child::verdict(|| {
        filter.install()?;
        if unlink(&abstract_name) != Ok(()) || unlink(&UnixAddr::unnamed()) != Ok(()) {
            return Err("unlink of an address with no file was not Ok without a syscall");
        }
        match unlink(&pathname) {
            Err(e) if e.raw() == MARK as i32 => Ok(()),
            _ => Err("the filter did not stop a real unlink: it proved nothing"),
        }
    });
    assert_eq!(verdict, Ok(()));
}
