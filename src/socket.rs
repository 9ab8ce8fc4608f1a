//! The typed socket calls: `socket`, `bind`, `getsockname`, `listen`,
//! `accept`, `connect`, `getpeername`, `shutdown`. Safe code over
//! `raw::net`'s safe entries.

use linux_raw_sys::net::{SHUT_RD, SHUT_RDWR, SHUT_WR};

use crate::addr::{AddrError, AsSockAddr, FromSockAddr, RawSockAddr, SockAddr};
use crate::errno::Errno;
use crate::family::{Family, SockType};
use crate::fd::{AsFd, BorrowedFd, OwnedFd};
use crate::flags::SocketFlags;
use crate::raw::net::{self, WrittenAddr};

/// Creates a socket, always close-on-exec ([`socket_with`] with
/// [`SocketFlags::CLOEXEC`]).
///
/// `protocol` is 0 for the family's default, or an `IPPROTO_*`/`ETH_P_*`
/// number (for AF_PACKET, big-endian as `packet(7)` says).
///
/// ```
/// use rawbind::{socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// As [`socket_with`].
#[inline]
pub fn socket(family: Family, ty: SockType, protocol: i32) -> Result<OwnedFd, Errno> {
    socket_with(family, ty, SocketFlags::CLOEXEC, protocol)
}

/// Creates a socket with `flags` (`socket(2)` with `SOCK_CLOEXEC` and
/// `SOCK_NONBLOCK` ORed into its type, Linux 2.6.27). Without
/// [`SocketFlags::CLOEXEC`] the descriptor survives `execve(2)`: for a socket
/// handed to the program it starts.
///
/// ```
/// use rawbind::{cloexec, nonblocking, socket_with, Family, SockType, SocketFlags};
/// let fd = socket_with(Family::Inet, SockType::Stream, SocketFlags::NONBLOCK, 0)?;
/// assert!(nonblocking(&fd)? && !cloexec(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as `socket(2)` lists them: `EAFNOSUPPORT` for a family the
/// kernel lacks, `EINVAL` or `EPROTONOSUPPORT` for a type or protocol the
/// family lacks (`ESOCKTNOSUPPORT` for some), `EACCES`/`EPERM` where a type
/// needs privilege (`SOCK_RAW`, AF_PACKET), `EMFILE`/`ENFILE` with no
/// descriptor left, `ENOBUFS`/`ENOMEM`.
#[inline]
pub fn socket_with(
    family: Family,
    ty: SockType,
    flags: SocketFlags,
    protocol: i32,
) -> Result<OwnedFd, Errno> {
    net::socket(u32::from(family.raw()), ty.raw() | flags.bits(), protocol)
}

/// Binds `fd` to `addr`: a [`SockAddr`], or any type it holds
/// (`SocketAddrV4`, `SocketAddrV6`, `SocketAddr`, [`UnixAddr`](crate::UnixAddr),
/// [`LinkAddr`](crate::LinkAddr)), each serialized as itself (see [`AsSockAddr`]).
///
/// The kernel checks the address length before its family, so a [`SockAddr::V4`] on an AF_INET6
/// socket is `EINVAL` (16 bytes is too short for `sockaddr_in6`), while a
/// [`SockAddr::V6`] on an AF_INET socket is `EAFNOSUPPORT`. Any other family
/// follows the same rule: on an AF_INET socket an address shorter than 16
/// bytes is `EINVAL` and one of 16 bytes or more `EAFNOSUPPORT` (except
/// AF_UNSPEC with address 0.0.0.0, which AF_INET takes as its own); on
/// AF_INET6 the line is at 24 bytes (RFC 2133's `sockaddr_in6`).
///
/// ```
/// use rawbind::{bind, socket, Errno, Family, SockType, UnixAddr};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// // 2 + 2 + 1 = 5 bytes: shorter than a sockaddr_in.
/// let short = UnixAddr::new(b"/a").unwrap();
/// assert_eq!(bind(&fd, &short), Err(Errno::EINVAL));
/// // 2 + 13 + 1 = 16 bytes: long enough, so the family is what is wrong.
/// let long = UnixAddr::new(b"/run/app.sock").unwrap();
/// assert_eq!(bind(&fd, &long), Err(Errno::EAFNOSUPPORT));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// ```
/// use rawbind::{bind, getsockname, socket, Family, SockAddr, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&fd, &std::net::SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 0))?;
/// let SockAddr::V4(a) = getsockname(&fd)? else { unreachable!() };
/// assert_ne!(a.port(), 0);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as `bind(2)`, `ip(7)`, `ipv6(7)` and `unix(7)` list them,
/// each provoked by a test in `tests/errors.rs` (`tests/README.md` has the
/// table): `EADDRINUSE` (the address or Unix path is taken), `EADDRNOTAVAIL`
/// (no interface has the address), `EACCES` (a port below
/// `ip_unprivileged_port_start` without `CAP_NET_BIND_SERVICE`, or no
/// search permission on a path prefix), `EINVAL` (a socket bound already:
/// AF_INET, AF_INET6, Unix or vsock, or netlink to another pid than its
/// own, 0 too; or a length that fits no address of its family; a bound Unix
/// socket's own path is `EADDRINUSE` instead, since the file is made before
/// the check, and the unnamed address autobinds only an unbound socket: on
/// a bound one it does nothing and succeeds; AF_PACKET sockets rebind),
/// `EAFNOSUPPORT` (another family's address of a length that fits), `ENODEV`
/// (a link-local IPv6 address whose scope names no interface), `ENOENT`,
/// `ENOTDIR`, `ELOOP`, `ENAMETOOLONG`, `EROFS` (a Unix path's prefix or
/// file system), `EBADF`, `ENOTSOCK`, `ENOMEM`.
#[inline(always)]
pub fn bind<Fd: AsFd, A: AsSockAddr>(fd: Fd, addr: &A) -> Result<(), Errno> {
    let fd = fd.as_fd();
    addr.with_bytes(|bytes| net::bind(fd, bytes))
}

/// The address `fd` is bound to, as the kernel reports it.
///
/// An address of a family rawbind does not model comes back as
/// [`SockAddr::Other`], byte for byte.
///
/// ```
/// use rawbind::{getsockname, socket, Family, SockAddr, SockType, UnixAddr};
/// let fd = socket(Family::Unix, SockType::Stream, 0)?;
/// assert_eq!(getsockname(&fd)?, SockAddr::Unix(UnixAddr::unnamed()));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK` (`getsockname(2)`); `ENOBUFS` where the kernel is
/// out of memory.
pub fn getsockname<Fd: AsFd>(fd: Fd) -> Result<SockAddr, Errno> {
    socket_name(fd, net::getsockname)
}

/// The address `fd` is bound to, decoded as `A` alone (`getsockname(2)`):
/// the outer `Result` is the kernel's answer, the inner one the decoding.
/// Where a program knows the family, this keeps every other family's
/// decoder out of it; [`getsockname`] reads any family. Name the type
/// (`getsockname_as::<SocketAddrV4>(&fd)`) or let the binding say it.
///
/// ```
/// use std::net::{Ipv4Addr, SocketAddrV4, SocketAddrV6};
/// use rawbind::{bind, getsockname_as, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// let bound: SocketAddrV4 = getsockname_as(&fd)??;
/// assert_eq!(*bound.ip(), Ipv4Addr::LOCALHOST);
/// assert!(getsockname_as::<SocketAddrV6>(&fd)?.is_err()); // AF_INET, not AF_INET6
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as [`getsockname`]'s; then, inside, [`FromSockAddr`]'s:
/// [`AddrError::WrongFamily`] for an address of another family.
pub fn getsockname_as<A: FromSockAddr>(fd: impl AsFd) -> Result<Result<A, AddrError>, Errno> {
    socket_name_as(fd, net::getsockname)
}

/// The address of the peer `fd` is connected to, decoded as `A` alone
/// (`getpeername(2)`), as [`getsockname_as`] does.
///
/// ```
/// use std::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, connect, getpeername_as, getsockname_as, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Dgram, 0)?;
/// bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// let me: SocketAddrV4 = getsockname_as(&fd)??;
/// connect(&fd, &me)?; // a datagram socket only records its peer
/// assert_eq!(getpeername_as::<SocketAddrV4>(&fd)??, me);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as [`getpeername`]'s; then, inside, [`FromSockAddr`]'s.
pub fn getpeername_as<A: FromSockAddr>(fd: impl AsFd) -> Result<Result<A, AddrError>, Errno> {
    socket_name_as(fd, net::getpeername)
}

/// Connects `fd` to `addr` (any [`AsSockAddr`], as for [`bind`]).
///
/// A stream socket connects to a listener (`ECONNREFUSED` where none
/// listens); a datagram socket only records its peer, so nothing is sent.
///
/// The kernel's family and length rules are mostly bind's, with one
/// exception: a datagram AF_INET6 socket takes an IPv4 address (a 16-byte
/// `sockaddr_in`) and connects to that peer, which [`getpeername`] then
/// reads as the v4-mapped IPv6 address; bind, and a stream socket's
/// connect, refuse it with `EINVAL` (`ipv6(7)`; `ip6_datagram_connect` in
/// the kernel).
///
/// # Errors
/// The kernel's, as `connect(2)` and `unix(7)` list them: `ECONNREFUSED`
/// (nothing listens), `EISCONN` (a stream socket connected already, or a TCP
/// socket that listens), `EINPROGRESS` (a non-blocking TCP socket: the outcome
/// comes later, through [`take_error`](crate::take_error)), `EAGAIN` (a
/// non-blocking Unix stream or seqpacket socket whose listener's backlog is
/// full: nothing is left in progress, and a later try may connect), `ENOENT` or
/// `ECONNREFUSED` for a Unix path with no socket, `EPROTOTYPE` (a Unix socket
/// of another type is bound to the path; abstract names are kept per type, so
/// one of another type is `ECONNREFUSED`), `EAFNOSUPPORT` (an IPv6 address on
/// an AF_INET socket, an IPv4 one on an AF_INET6 datagram socket with
/// `IPV6_V6ONLY`), `EINVAL` (a length that fits no address of the socket's
/// family, or a Unix socket that itself listens, connecting to a listener with
/// room: a missing or full one answers as to any socket), `EADDRNOTAVAIL`,
/// `ENETUNREACH`, `ETIMEDOUT`, `EACCES`, `EBADF`, `ENOTSOCK`.
///
/// ```
/// use rawbind::{bind, connect, getpeername, getsockname, listen, socket, Family, SockType};
/// use std::net::{Ipv4Addr, SocketAddrV4};
/// let server = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 1)?;
/// let client = socket(Family::Inet, SockType::Stream, 0)?;
/// connect(&client, &getsockname(&server)?)?;
/// assert_eq!(getpeername(&client)?, getsockname(&server)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn connect<Fd: AsFd, A: AsSockAddr>(fd: Fd, addr: &A) -> Result<(), Errno> {
    let fd = fd.as_fd();
    addr.with_bytes(|bytes| net::connect(fd, bytes))
}

/// The address of the peer `fd` is connected to, as the kernel reports it
/// (`ENOTCONN` if there is none); decoded like [`getsockname`]'s.
///
/// ```
/// use rawbind::{getpeername, socket, Errno, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// assert_eq!(getpeername(&fd), Err(Errno::ENOTCONN));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// A netlink socket always has a peer: until it connects elsewhere, the
/// kernel, `NetlinkAddr { pid: 0, groups: 0 }` (`netlink_getname` in
/// `net/netlink/af_netlink.c`).
///
/// # Errors
/// `ENOTCONN` (no peer), `EOPNOTSUPP` on a socket whose family has no
/// peers (AF_PACKET), `EBADF`, `ENOTSOCK` (`getpeername(2)`).
pub fn getpeername<Fd: AsFd>(fd: Fd) -> Result<SockAddr, Errno> {
    socket_name(fd, net::getpeername)
}

/// `getsockname(2)` or `getpeername(2)`, which fill the same buffer: `call`
/// is the one of `raw::net`'s entries to make.
#[inline(always)]
fn socket_name<Fd: AsFd>(
    fd: Fd,
    call: fn(BorrowedFd<'_>, &mut WrittenAddr) -> Result<(), Errno>,
) -> Result<SockAddr, Errno> {
    let mut name = WrittenAddr::new();
    call(fd.as_fd(), &mut name)?;
    Ok(decoded(name.as_bytes()))
}

/// `getsockname(2)` or `getpeername(2)`, decoded as `A`.
#[inline(always)]
fn socket_name_as<A: FromSockAddr, Fd: AsFd>(
    fd: Fd,
    call: fn(BorrowedFd<'_>, &mut WrittenAddr) -> Result<(), Errno>,
) -> Result<Result<A, AddrError>, Errno> {
    let mut name = WrittenAddr::new();
    call(fd.as_fd(), &mut name)?;
    Ok(A::from_sock_addr(name.as_bytes()))
}

/// An address the kernel wrote: decoded, or [`SockAddr::Other`] byte for byte.
#[inline(always)]
fn decoded(bytes: &[u8]) -> SockAddr {
    match SockAddr::decode(bytes) {
        Ok(addr) => addr,
        Err(_) => SockAddr::Other(RawSockAddr::copy_of_cold(bytes)),
    }
}

/// Marks a bound stream socket as accepting connections, with up to `backlog` pending.
///
/// ```
/// use rawbind::{bind, listen, socket, Family, SockAddr, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&fd, &SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 0))))?;
/// listen(&fd, 16)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// `backlog` is capped by `/proc/sys/net/core/somaxconn` (4096 since Linux
/// 5.4); a negative one is taken as that cap.
///
/// # Errors
/// `EOPNOTSUPP` for a socket type that does not listen (datagram),
/// `EADDRINUSE` for a TCP socket whose port another listener holds (and,
/// unbound, when no ephemeral port is free: an unbound TCP socket is given
/// one), `EINVAL` for a socket that is connected, or a Unix socket that is
/// not bound, `EBADF`, `ENOTSOCK` (`listen(2)`).
pub fn listen<Fd: AsFd>(fd: Fd, backlog: i32) -> Result<(), Errno> {
    net::listen(fd.as_fd(), backlog)
}

/// Takes a pending connection from the listening socket `fd`: the new
/// connection's descriptor, close-on-exec, and the peer's address
/// ([`accept_with`] with [`SocketFlags::CLOEXEC`]).
///
/// ```
/// use rawbind::{accept, bind, connect, getsockname, listen, socket, Family, SockType};
/// use std::net::{Ipv4Addr, SocketAddrV4};
/// let server = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 1)?;
/// let client = socket(Family::Inet, SockType::Stream, 0)?;
/// connect(&client, &getsockname(&server)?)?;
/// let (conn, peer) = accept(&server)?;
/// assert_eq!(peer, getsockname(&client)?);
/// # drop(conn);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// As [`accept_with`].
pub fn accept<Fd: AsFd>(fd: Fd) -> Result<(OwnedFd, SockAddr), Errno> {
    accept_with(fd, SocketFlags::CLOEXEC)
}

/// Takes a pending connection from the listening socket `fd`, the new
/// descriptor made with `flags` (`accept4(2)`, Linux 2.6.28; on the
/// architectures with `socketcall(2)`, its own number first and sub-call
/// `SYS_ACCEPT4` after an `ENOSYS`, as every socket call). The peer's address
/// is decoded as [`getsockname`]'s: V4, V6 with its scope, a pathname or
/// abstract Unix address, or [`UnixAddr::unnamed`](crate::UnixAddr::unnamed)
/// for an unbound client.
///
/// A listener waits for a connection unless it is non-blocking
/// ([`set_nonblocking`](crate::set_nonblocking)); the flags are the new
/// descriptor's own and are not inherited from the listener.
///
/// ```
/// use rawbind::{accept_with, bind, listen, socket_with, Errno, Family, SockType, SocketFlags};
/// let flags = SocketFlags::CLOEXEC | SocketFlags::NONBLOCK;
/// let server = socket_with(Family::Inet, SockType::Stream, flags, 0)?;
/// bind(&server, &std::net::SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 1)?;
/// assert_eq!(accept_with(&server, flags).err(), Some(Errno::EAGAIN)); // nothing pending
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as `accept(2)` lists them: `EAGAIN` (`EWOULDBLOCK`) on a
/// non-blocking listener with nothing pending, `EINVAL` on a socket that is
/// not listening (or for flags other than these two), `EOPNOTSUPP` on a
/// socket type that does not accept (datagram), `ENOTSOCK`, `EBADF`,
/// `ECONNABORTED` for a connection aborted while pending, and for a new
/// socket with no name to give, which the kernel then drops (an `AF_ALG`
/// operation socket: take those with [`accept_without_addr`]), `EINTR`,
/// `EMFILE`/`ENFILE` with no descriptor left, `ENOBUFS`/`ENOMEM`, and `EPERM`
/// where a firewall forbids the connection.
pub fn accept_with<Fd: AsFd>(fd: Fd, flags: SocketFlags) -> Result<(OwnedFd, SockAddr), Errno> {
    let mut peer = WrittenAddr::new();
    let conn = net::accept4(fd.as_fd(), Some(&mut peer), flags.bits())?;
    Ok((conn, decoded(peer.as_bytes())))
}

/// Takes the next socket `fd` hands out through accept (a pending
/// connection of a listening socket) without asking for a peer address:
/// `accept4(fd, NULL, NULL, flags)`, the new descriptor made with `flags`,
/// as [`accept_with`] makes it.
///
/// For sockets that have no address to give: an `AF_ALG` socket bound to
/// an algorithm (`socket(AF_ALG, SOCK_SEQPACKET, 0)`, the kernel's crypto
/// API) hands out its operation sockets through accept, and the kernel
/// fails an accept that asks for the name of a socket that has none with
/// `ECONNABORTED`, dropping the socket it made (`do_accept` in
/// `net/socket.c`). Also for a server that does not need the peer:
/// [`getpeername`](crate::getpeername) reads it later.
///
/// ```
/// use rawbind::{accept_without_addr, bind, connect, getpeername, getsockname, listen, socket};
/// use rawbind::{Family, SockType, SocketFlags};
/// use std::net::{Ipv4Addr, SocketAddrV4};
/// let server = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 1)?;
/// let client = socket(Family::Inet, SockType::Stream, 0)?;
/// connect(&client, &getsockname(&server)?)?;
/// let conn = accept_without_addr(&server, SocketFlags::CLOEXEC)?;
/// assert_eq!(getpeername(&conn)?, getsockname(&client)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// As [`accept_with`], but never `ECONNABORTED` for an address the new
/// socket cannot give.
pub fn accept_without_addr<Fd: AsFd>(fd: Fd, flags: SocketFlags) -> Result<OwnedFd, Errno> {
    net::accept4(fd.as_fd(), None, flags.bits())
}

/// Which directions [`shutdown`] closes: `SHUT_RD`, `SHUT_WR`, `SHUT_RDWR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shutdown {
    /// No more receiving (`SHUT_RD`).
    Read,
    /// No more sending (`SHUT_WR`): the peer reads end-of-file.
    Write,
    /// Neither (`SHUT_RDWR`).
    Both,
}

impl Shutdown {
    /// The `how` argument of `shutdown(2)`.
    ///
    /// ```
    /// assert_eq!(rawbind::Shutdown::Both.raw(), 2); // SHUT_RDWR
    /// ```
    pub const fn raw(self) -> u32 {
        match self {
            Shutdown::Read => SHUT_RD,
            Shutdown::Write => SHUT_WR,
            Shutdown::Both => SHUT_RDWR,
        }
    }
}

/// Shuts down part or all of a connection (`shutdown(2)`): unlike closing
/// the descriptor, it acts on the connection, for every descriptor of it.
///
/// ```
/// use rawbind::{shutdown, socket, Errno, Family, SockType, Shutdown};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// assert_eq!(shutdown(&fd, Shutdown::Both), Err(Errno::ENOTCONN));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// On an AF_INET or AF_INET6 socket that is not connected the kernel still
/// acts (`inet_shutdown` in `net/ipv4/af_inet.c`):
/// - a TCP socket that listens: [`Shutdown::Read`] and [`Shutdown::Both`]
///   stop it listening (an `accept` then fails with `EINVAL`), and
///   [`Shutdown::Write`] does nothing; all three answer success;
/// - a TCP socket still connecting (a non-blocking connect's
///   `EINPROGRESS`): the attempt is abandoned, and shutdown succeeds;
/// - any other (an unconnected UDP socket, a TCP socket that neither
///   listens nor connects): `ENOTCONN`, yet the directions are shut all the
///   same: after `Read` or `Both`, `poll` finds the socket readable and a
///   blocking `recv` returns 0 at once (a non-blocking UDP one still
///   answers `EAGAIN`, as `__skb_recv_udp` does not wait to see the
///   shutdown).
///
/// # Errors
/// The kernel's, as `shutdown(2)` lists them: `ENOTCONN` on an AF_INET or
/// AF_INET6 socket that is not connected, as above (an unconnected AF_UNIX
/// socket answers success), `ENOTSOCK`, `EBADF`, and `EINVAL` for a `how`
/// out of range (which [`Shutdown`] cannot be).
pub fn shutdown<Fd: AsFd>(fd: Fd, how: Shutdown) -> Result<(), Errno> {
    net::shutdown(fd.as_fd(), how.raw())
}
