//! The typed socket calls: `socket`, `bind`, `getsockname`, `listen`, the
//! socket options a bind needs, and `connect` and `getpeername`, which test a
//! bound socket end to end. Safe code over `raw::net`'s safe entries.

use linux_raw_sys::general::O_CLOEXEC;
use linux_raw_sys::net::{IPPROTO_IPV6, IPV6_V6ONLY, SOL_SOCKET, SO_REUSEADDR, SO_REUSEPORT};

use crate::addr::{AsSockAddr, RawSockAddr, SockAddr};
use crate::errno::Errno;
use crate::family::{Family, SockType};
use crate::fd::{AsFd, BorrowedFd, OwnedFd};
use crate::raw::net;

/// `SOCK_CLOEXEC`: the kernel defines it as the architecture's `O_CLOEXEC`.
const SOCK_CLOEXEC: u32 = O_CLOEXEC;

/// Creates a socket, always close-on-exec.
///
/// `protocol` is 0 for the family's default, or an `IPPROTO_*`/`ETH_P_*`
/// number (for AF_PACKET, big-endian as `packet(7)` says).
///
/// ```
/// use rawbind::{socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn socket(family: Family, ty: SockType, protocol: i32) -> Result<OwnedFd, Errno> {
    net::socket(u32::from(family.raw()), ty.raw() | SOCK_CLOEXEC, protocol)
}

/// Binds `fd` to `addr`: a [`SockAddr`], or any type it holds
/// (`SocketAddrV4`, `SocketAddrV6`, `SocketAddr`, [`UnixAddr`](crate::UnixAddr),
/// [`LinkAddr`](crate::LinkAddr)), each serialized as itself (see [`AsSockAddr`]).
///
/// Errors are the kernel's, as `bind(2)` lists them. The kernel checks the
/// address length before its family, so a [`SockAddr::V4`] on an AF_INET6
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
pub fn getsockname<Fd: AsFd>(fd: Fd) -> Result<SockAddr, Errno> {
    socket_name(fd, net::getsockname)
}

/// Connects `fd` to `addr` (any [`AsSockAddr`], as for [`bind`]).
///
/// A stream socket connects to a listener (`ECONNREFUSED` where none
/// listens); a datagram socket only records its peer, so nothing is sent.
/// Errors are the kernel's, as `connect(2)` lists them, with the same length
/// and family rules as [`bind`]'s.
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
pub fn getpeername<Fd: AsFd>(fd: Fd) -> Result<SockAddr, Errno> {
    socket_name(fd, net::getpeername)
}

/// `getsockname(2)` or `getpeername(2)`, which fill the same buffer: `call`
/// is the one of `raw::net`'s entries to make.
#[inline(always)]
fn socket_name<Fd: AsFd>(
    fd: Fd,
    call: fn(BorrowedFd<'_>, &mut [u8]) -> Result<u32, Errno>,
) -> Result<SockAddr, Errno> {
    let mut raw = RawSockAddr::empty();
    let len = call(fd.as_fd(), raw.buffer_mut())?;
    raw.set_len(len);
    Ok(SockAddr::decode(raw.as_bytes()).unwrap_or(SockAddr::Other(raw)))
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
pub fn listen<Fd: AsFd>(fd: Fd, backlog: i32) -> Result<(), Errno> {
    net::listen(fd.as_fd(), backlog)
}

/// Sets `SO_REUSEADDR`: bind may reuse a local address not actively listened on.
///
/// ```
/// use rawbind::{set_reuse_addr, socket, Family, SockType};
/// set_reuse_addr(socket(Family::Inet, SockType::Stream, 0)?, true)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_reuse_addr<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_SOCKET, SO_REUSEADDR, on)
}

/// Sets `SO_REUSEPORT`: sockets of one user that all set it may bind the same port.
///
/// ```
/// use rawbind::{set_reuse_port, socket, Family, SockType};
/// set_reuse_port(socket(Family::Inet, SockType::Dgram, 0)?, true)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_reuse_port<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_SOCKET, SO_REUSEPORT, on)
}

/// Sets `IPV6_V6ONLY` on an AF_INET6 socket: `true` keeps it off IPv4.
///
/// ```
/// use rawbind::{set_ipv6_only, socket, Family, SockType};
/// set_ipv6_only(socket(Family::Inet6, SockType::Stream, 0)?, true)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_ipv6_only<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, IPPROTO_IPV6 as u32, IPV6_V6ONLY, on)
}

/// `setsockopt(fd, level, name, &(on as c_int), sizeof(int))`.
fn set_flag<Fd: AsFd>(fd: Fd, level: u32, name: u32, on: bool) -> Result<(), Errno> {
    net::setsockopt_int(fd.as_fd(), level, name, i32::from(on))
}
