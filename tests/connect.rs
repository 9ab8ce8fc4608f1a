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
    bind, connect, getpeername, getpeername_as, getsockname, getsockname_as, listen, socket,
    socket_with, take_error, AddrError, Errno, Family, NetlinkAddr, SockAddr, SockType,
    SocketFlags, UnixAddr,
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

/// A TCP socket that listens is past connecting: `__inet_stream_connect`
/// answers EISCONN for any state but TCP_CLOSE.
#[test]
fn connect_eisconn_on_a_tcp_socket_that_listens() {
    let (_server, addr) = listener(Family::Inet, &common::loopback_v4());
    let (other, _) = listener(Family::Inet, &common::loopback_v4());
    assert_eq!(connect(&other, &addr), Err(Errno::EISCONN));
}

/// A Unix stream socket that listens cannot connect: `unix_stream_connect`
/// answers EINVAL for any state but unconnected and connected. It looks at
/// its own state only once it has found a listener with room: a name
/// nobody listens on is ECONNREFUSED, and a full listener EAGAIN (the
/// listening socket is non-blocking here, so that it does not wait).
#[test]
fn connect_einval_on_a_unix_stream_socket_that_listens() {
    let abstract_name = |tag: &str| {
        SockAddr::Unix(UnixAddr::new_abstract(common::unique_name(tag).as_bytes()).unwrap())
    };
    let (_server, addr) = listener(Family::Unix, &abstract_name("listens"));
    let other = socket_with(Family::Unix, SockType::Stream, SocketFlags::NONBLOCK, 0).unwrap();
    bind(&other, &UnixAddr::unnamed()).unwrap();
    listen(&other, 1).unwrap();
    assert_eq!(
        connect(&other, &addr),
        Err(Errno::EINVAL),
        "a listener with room"
    );

    let nobody = abstract_name("nobody-listens");
    assert_eq!(
        connect(&other, &nobody),
        Err(Errno::ECONNREFUSED),
        "no listener"
    );

    let full_name = abstract_name("full-listener");
    let full = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&full, &full_name).unwrap();
    listen(&full, 0).unwrap();
    let queued = socket(Family::Unix, SockType::Stream, 0).unwrap();
    connect(&queued, &full_name).unwrap();
    assert_eq!(
        connect(&other, &full_name),
        Err(Errno::EAGAIN),
        "a full listener"
    );
}

/// connect(2), EPROTOTYPE: "The socket type does not support the requested
/// communications protocol": a Unix stream socket to the path of a
/// seqpacket listener. Abstract names are kept per type, so the same name
/// of another type is no socket at all: ECONNREFUSED.
#[test]
fn connect_eprototype_unix_stream_socket_to_the_path_of_a_seqpacket_listener() {
    let dir = common::temp_dir("connect-eprototype");
    let path = SockAddr::Unix(UnixAddr::from_path(dir.join("seqpacket.sock")).unwrap());
    let name = SockAddr::Unix(
        UnixAddr::new_abstract(common::unique_name("seqpacket").as_bytes()).unwrap(),
    );
    for (addr, want) in [(path, Errno::EPROTOTYPE), (name, Errno::ECONNREFUSED)] {
        let server = socket(Family::Unix, SockType::SeqPacket, 0).unwrap();
        bind(&server, &addr).unwrap();
        listen(&server, 1).unwrap();
        let client = socket(Family::Unix, SockType::Stream, 0).unwrap();
        assert_eq!(connect(&client, &addr), Err(want), "{addr}");
    }
}

/// connect(2), EAGAIN: "For nonblocking UNIX domain sockets, the socket is
/// nonblocking, and the connection cannot be completed immediately": the
/// listener's backlog is full. Unlike a TCP socket's EINPROGRESS nothing is
/// left in progress: no peer, no pending error, and the socket can try
/// again (and connects once the backlog has room).
#[test]
fn connect_eagain_nonblocking_unix_stream_socket_to_a_listener_whose_backlog_is_full() {
    for ty in [SockType::Stream, SockType::SeqPacket] {
        let name =
            SockAddr::Unix(UnixAddr::new_abstract(common::unique_name("full").as_bytes()).unwrap());
        let server = socket(Family::Unix, ty, 0).unwrap();
        bind(&server, &name).unwrap();
        // Backlog 0: full once one connection waits (more than the backlog).
        listen(&server, 0).unwrap();
        let first = socket(Family::Unix, ty, 0).unwrap();
        connect(&first, &name).unwrap();
        let client = socket_with(Family::Unix, ty, SocketFlags::NONBLOCK, 0).unwrap();
        assert_eq!(connect(&client, &name), Err(Errno::EAGAIN), "{ty:?}");
        assert_eq!(getpeername(&client), Err(Errno::ENOTCONN), "{ty:?}");
        assert_eq!(take_error(&client), Ok(None), "{ty:?}");
        drop(accept(&server));
        assert_eq!(
            connect(&client, &name),
            Ok(()),
            "{ty:?}: once the backlog has room"
        );
        assert_eq!(getpeername(&client), Ok(name), "{ty:?}");
    }
}

/// A netlink socket's peer is the kernel until it connects elsewhere:
/// getpeername answers pid 0, groups 0 (`netlink_getname`), not ENOTCONN;
/// `getpeername_as` and `getsockname_as` read netlink addresses alone.
#[test]
fn connect_ok_getpeername_of_an_unconnected_netlink_socket_is_the_kernel() {
    let fd = socket(
        Family::Netlink,
        SockType::Raw,
        linux_raw_sys::netlink::NETLINK_ROUTE as i32,
    )
    .unwrap();
    let kernel = NetlinkAddr::new(0, 0);
    assert_eq!(getpeername(&fd), Ok(SockAddr::Netlink(kernel)), "unbound");
    bind(&fd, &NetlinkAddr::new(0, 0)).unwrap();
    assert_eq!(getpeername(&fd), Ok(SockAddr::Netlink(kernel)), "bound");
    assert_eq!(getpeername_as::<NetlinkAddr>(&fd), Ok(Ok(kernel)));
    let SockAddr::Netlink(bound) = getsockname(&fd).unwrap() else {
        panic!("a bound netlink socket's name is not a netlink address")
    };
    assert_ne!(bound.pid, 0, "a pid the kernel assigned");
    assert_eq!(getsockname_as::<NetlinkAddr>(&fd), Ok(Ok(bound)));
}

/// An AF_PACKET socket has no peer to name: `packet_getname` answers
/// EOPNOTSUPP where other families answer ENOTCONN.
#[test]
fn connect_eopnotsupp_getpeername_on_a_packet_socket() {
    const NAME: &str = "connect_eopnotsupp_getpeername_on_a_packet_socket";
    let fd = match socket(Family::Packet, SockType::Dgram, 0) {
        Err(Errno::EPERM) => {
            return common::skip(NAME, "an AF_PACKET socket needs CAP_NET_RAW: run as root")
        }
        made => made.unwrap(),
    };
    assert_eq!(getpeername(&fd), Err(Errno::EOPNOTSUPP));
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
