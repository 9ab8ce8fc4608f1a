//! connect(2) and getpeername(2) against the real kernel: a bound socket
//! tested end to end. Each connection is over loopback or a Unix socket;
//! libc's accept and getpeername are the oracles for the other side. Test
//! names start with `connect_` and then the error they check (`ok` for
//! none), so that tests/README.md's table of bind(2)'s errors, which maps
//! tests to errors by name, leaves them out.

mod common;

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use rawbind::{
    bind, connect, getpeername, getpeername_as, getsockname, listen, socket, AddrError, Errno,
    Family, SockAddr, SockType, UnixAddr,
};

/// A stream socket of `family` bound to `addr` and listening.
fn listener(family: Family, addr: &SockAddr) -> (OwnedFd, SockAddr) {
    let fd = socket(family, SockType::Stream, 0).unwrap();
    bind(&fd, addr).unwrap();
    listen(&fd, 4).unwrap();
    let bound = getsockname(&fd).unwrap();
    (fd, bound)
}

/// The connection `listener` accepted next, with libc's accept.
fn accept(listener: &OwnedFd) -> OwnedFd {
    // SAFETY: null address and length pointers ask accept for no address.
    let fd = unsafe {
        libc::accept4(
            listener.as_raw_fd(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            libc::SOCK_CLOEXEC,
        )
    };
    assert!(fd >= 0, "accept: {}", std::io::Error::last_os_error());
    // SAFETY: accept returned a new descriptor that nothing else owns.
    unsafe { OwnedFd::from_raw_fd(fd) }
}

/// Connects a new stream socket to `addr`, which `server` listens on, and
/// checks both ends: the client's peer is `addr` (as rawbind and libc read
/// it), and the accepted socket's peer is the client's own name.
fn connect_and_check(family: Family, server: &OwnedFd, addr: &SockAddr) {
    let client = socket(family, SockType::Stream, 0).unwrap();
    connect(&client, addr).unwrap();
    let peer = getpeername(&client).unwrap();
    assert_eq!(&peer, addr);
    assert_eq!(
        common::libc_address(&client, libc::getpeername),
        peer.encode().as_bytes()
    );
    let accepted = accept(server);
    assert_eq!(
        getpeername(&accepted).unwrap(),
        getsockname(&client).unwrap()
    );
}

#[test]
fn connect_ok_v4_stream_connects_to_a_loopback_listener_and_both_peers_read_back() {
    let (server, addr) = listener(Family::Inet, &common::loopback_v4());
    connect_and_check(Family::Inet, &server, &addr);
}

#[test]
fn connect_ok_v6_stream_connects_to_a_loopback_listener_and_both_peers_read_back() {
    let any_port = SockAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0));
    let (server, addr) = listener(Family::Inet6, &any_port);
    connect_and_check(Family::Inet6, &server, &addr);
}

#[test]
fn connect_ok_unix_pathname_reads_back_the_path_and_an_unnamed_client() {
    let dir = common::temp_dir("connect");
    let path = UnixAddr::from_path(dir.join("server.sock")).unwrap();
    let (server, addr) = listener(Family::Unix, &SockAddr::Unix(path));
    assert_eq!(addr, SockAddr::Unix(path));
    connect_and_check(Family::Unix, &server, &addr);
    // An unbound client stays unnamed: the server sees no address.
    let client = socket(Family::Unix, SockType::Stream, 0).unwrap();
    connect(&client, &path).unwrap();
    assert_eq!(
        getpeername(accept(&server)).unwrap(),
        SockAddr::Unix(UnixAddr::unnamed())
    );
}

#[test]
fn connect_ok_unix_abstract_name_reads_back_the_name_byte_exact() {
    let mut name = common::unique_name("connect").into_bytes();
    name.extend_from_slice(b"\0\xff\n");
    let abstract_addr = SockAddr::Unix(UnixAddr::new_abstract(&name).unwrap());
    let (server, addr) = listener(Family::Unix, &abstract_addr);
    assert_eq!(addr, abstract_addr);
    connect_and_check(Family::Unix, &server, &addr);
}

#[test]
fn connect_ok_datagram_socket_records_the_peer_without_sending() {
    let receiver = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    bind(&receiver, &common::loopback_v4()).unwrap();
    let addr = getsockname(&receiver).unwrap();
    let sender = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    connect(&sender, &addr).unwrap();
    assert_eq!(getpeername(&sender), Ok(addr));
    // connect on a datagram socket sends nothing: nothing waits to be read.
    let mut byte = 0u8;
    // SAFETY: recv writes at most 1 byte into `byte`, which outlives the call.
    let r = unsafe {
        libc::recv(
            receiver.as_raw_fd(),
            &mut byte as *mut u8 as *mut libc::c_void,
            1,
            libc::MSG_DONTWAIT,
        )
    };
    assert_eq!(r, -1);
    assert_eq!(
        std::io::Error::last_os_error().raw_os_error(),
        Some(Errno::EAGAIN.raw())
    );
}

#[test]
fn connect_enotconn_getpeername_on_a_socket_that_never_connected() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&fd, &common::loopback_v4()).unwrap();
    assert_eq!(getpeername(&fd), Err(Errno::ENOTCONN));
}

#[test]
fn connect_econnrefused_to_a_bound_port_nobody_listens_on() {
    // A bound, not listening socket holds the port, so no other test's
    // listener can take it while this one connects.
    let holder = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&holder, &common::loopback_v4()).unwrap();
    let addr = getsockname(&holder).unwrap();
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(connect(&client, &addr), Err(Errno::ECONNREFUSED));
}

#[test]
fn connect_eisconn_on_a_connected_stream_socket() {
    let (_server, addr) = listener(Family::Inet, &common::loopback_v4());
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    connect(&client, &addr).unwrap();
    assert_eq!(connect(&client, &addr), Err(Errno::EISCONN));
}

#[test]
fn connect_enoent_to_a_unix_path_that_does_not_exist() {
    let dir = common::temp_dir("connect");
    let missing = UnixAddr::from_path(dir.join("nobody-here.sock")).unwrap();
    let client = socket(Family::Unix, SockType::Stream, 0).unwrap();
    assert_eq!(connect(&client, &missing), Err(Errno::ENOENT));
}

#[test]
fn connect_eafnosupport_with_a_v6_address_on_an_inet_socket() {
    // As for bind: the length (28) is enough for a sockaddr_in, so the
    // family is what the kernel refuses.
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 9, 0, 0);
    assert_eq!(connect(&client, &v6), Err(Errno::EAFNOSUPPORT));
}

#[test]
fn connect_einval_with_a_v4_address_on_an_inet6_socket() {
    // 16 bytes is shorter than a sockaddr_in6.
    let client = socket(Family::Inet6, SockType::Stream, 0).unwrap();
    let v4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 9);
    assert_eq!(connect(&client, &v4), Err(Errno::EINVAL));
}

/// Unlike bind, and unlike a stream socket's connect, a datagram AF_INET6
/// socket takes a 16-byte `sockaddr_in` on connect: the kernel connects it
/// to the IPv4 peer (`ip6_datagram_connect`), and getpeername reads the
/// peer back as the v4-mapped IPv6 address. With IPV6_V6ONLY set it is
/// EAFNOSUPPORT.
#[test]
fn connect_ok_v4_address_on_a_datagram_inet6_socket() {
    let server = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    let Ok(SockAddr::V4(at)) = getsockname(&server) else {
        panic!("getsockname of an AF_INET socket is not V4");
    };
    let client = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    assert_eq!(
        bind(&client, &at),
        Err(Errno::EINVAL),
        "bind refuses the same address"
    );
    assert_eq!(connect(&client, &at), Ok(()));
    let mapped = SocketAddrV6::new(at.ip().to_ipv6_mapped(), at.port(), 0, 0);
    assert_eq!(getpeername(&client), Ok(SockAddr::V6(mapped)));

    let v6only = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    rawbind::set_ipv6_only(&v6only, true).unwrap();
    assert_eq!(connect(&v6only, &at), Err(Errno::EAFNOSUPPORT));
}

/// `getpeername_as` reads the peer as the type asked for, as `getpeername`
/// does; another family is refused by name; no peer is the kernel's
/// `ENOTCONN`.
#[test]
fn getpeername_as_reads_the_peer_as_one_family() {
    let (server, addr) = listener(
        Family::Inet,
        &SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
    );
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(
        getpeername_as::<SocketAddrV4>(&client),
        Err(Errno::ENOTCONN)
    );
    connect(&client, &addr).unwrap();
    let peer: SocketAddrV4 = getpeername_as(&client).unwrap().unwrap();
    assert_eq!(SockAddr::V4(peer), addr);
    assert_eq!(SockAddr::V4(peer), getpeername(&client).unwrap());
    assert_eq!(
        getpeername_as::<SocketAddrV6>(&client).unwrap(),
        Err(AddrError::WrongFamily {
            expected: "AF_INET6",
            found: Family::Inet
        })
    );
    drop(accept(&server));
}

/// An address the caller built, `bytes` long: `AsSockAddr` is open to any
/// type that lends a `sockaddr`'s bytes.
struct CallersAddr(&'static [u8]);

impl rawbind::AsSockAddr for CallersAddr {
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(self.0)
    }
}

/// The kernel reads addrlen as an `int`: an address of 4 GiB and 16 bytes
/// must reach it as a length it refuses (`EINVAL`), never as 16, the length
/// cut to 32 bits, which would connect or bind with the first 16 bytes.
#[test]
fn connect_and_bind_einval_for_an_address_of_4_gib_or_more_never_read_short() {
    const NAME: &str = "connect_and_bind_einval_for_an_address_of_4_gib_or_more_never_read_short";
    if usize::BITS < 64 {
        return common::skip(NAME, "no slice of 4 GiB fits a 32-bit address space");
    }
    let len = (1usize << 32) + 16;
    // SAFETY: a fresh private anonymous mapping, placed by the kernel; only
    // its first page is ever touched (MAP_NORESERVE: nothing is committed).
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        let e = std::io::Error::last_os_error();
        return common::skip(NAME, &format!("mmap of {len} bytes: {e}"));
    }
    // SAFETY: the mapping is `len` bytes, readable and writable, and lives
    // until the munmap below, after the last use of the slice.
    let bytes: &'static mut [u8] = unsafe { std::slice::from_raw_parts_mut(p.cast(), len) };
    let (_server, addr) = listener(Family::Inet, &common::loopback_v4());
    bytes[..16].copy_from_slice(addr.encode().as_bytes());
    let huge = CallersAddr(bytes);

    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    assert_eq!(connect(&client, &huge), Err(Errno::EINVAL));
    assert_eq!(getpeername(&client), Err(Errno::ENOTCONN), "it connected");
    let udp = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    assert_eq!(bind(&udp, &huge), Err(Errno::EINVAL));
    assert_eq!(
        getsockname(&udp).unwrap().to_string(),
        "0.0.0.0:0",
        "it bound"
    );
    // The first 16 bytes alone are the listener's address.
    connect(&client, &CallersAddr(&huge.0[..16])).unwrap();

    // SAFETY: `p` is the mapping made above, `len` long; nothing uses it after.
    assert_eq!(unsafe { libc::munmap(p, len) }, 0);
}
