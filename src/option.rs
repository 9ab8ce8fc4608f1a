//! The socket options that change what bind does, set and read back, and
//! what the kernel says a socket is (`setsockopt(2)`, `getsockopt(2)`;
//! `socket(7)`, `ip(7)`, `ipv6(7)`). Every level and option number is the
//! target's own, from `linux_raw_sys`: they differ by architecture
//! (`SOL_SOCKET` is 0xffff on sparc64 and mips, `SO_BINDTODEVICE` 13 on
//! sparc64).

use core::fmt;

use linux_raw_sys::net::{
    IFNAMSIZ, IPV6_FREEBIND, IPV6_TRANSPARENT, IPV6_V6ONLY, IP_BIND_ADDRESS_NO_PORT, IP_FREEBIND,
    IP_TRANSPARENT, SOL_IP, SOL_IPV6, SOL_SOCKET, SO_ACCEPTCONN, SO_BINDTOIFINDEX, SO_DOMAIN,
    SO_ERROR, SO_PROTOCOL, SO_REUSEADDR, SO_REUSEPORT, SO_TYPE,
};

use crate::errno::Errno;
use crate::family::{Family, SockType};
use crate::fd::AsFd;
use crate::raw::net;

/// `setsockopt(fd, level, name, &(on as int), sizeof(int))`.
fn set_flag<Fd: AsFd>(fd: Fd, level: u32, name: u32, on: bool) -> Result<(), Errno> {
    net::setsockopt_int(fd.as_fd(), level, name, i32::from(on))
}

/// An int option read back as a flag: any value but 0 is set.
fn flag<Fd: AsFd>(fd: Fd, level: u32, name: u32) -> Result<bool, Errno> {
    Ok(net::getsockopt_int(fd.as_fd(), level, name)? != 0)
}

/// Sets `SO_REUSEADDR` (`socket(7)`): bind may reuse a local address that
/// no socket is listening on, such as a TCP port whose old connections are
/// still in TIME_WAIT. Two TCP sockets that both set it still cannot bind
/// one address while one of them listens (`EADDRINUSE`).
///
/// ```
/// use rawbind::{reuse_addr, set_reuse_addr, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// set_reuse_addr(&fd, true)?;
/// assert!(reuse_addr(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK` (`setsockopt(2)`).
pub fn set_reuse_addr<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_SOCKET, SO_REUSEADDR, on)
}

/// Whether `SO_REUSEADDR` is set.
///
/// ```
/// use rawbind::{reuse_addr, socket, Family, SockType};
/// assert!(!reuse_addr(socket(Family::Inet, SockType::Stream, 0)?)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK` (`getsockopt(2)`).
pub fn reuse_addr<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_SOCKET, SO_REUSEADDR)
}

/// Sets `SO_REUSEPORT` (`socket(7)`, Linux 3.9): sockets of one user that
/// all set it before their bind may bind the same address and port, and the
/// kernel spreads incoming connections or datagrams among them. The user is
/// each socket's own (`sk_uid`): the owner of its inode, the filesystem
/// user id of the process that made it unless `fchown(2)` changed it; not
/// the user of the process binding it, of which `socket(7)` speaks. A socket
/// that did not set it, bound first, makes the others' binds `EADDRINUSE`.
///
/// ```
/// use rawbind::{reuse_port, set_reuse_port, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Dgram, 0)?;
/// set_reuse_port(&fd, true)?;
/// assert!(reuse_port(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EOPNOTSUPP` turning it on for a socket that is not AF_INET or AF_INET6
/// (since Linux 6.13, and the stable kernels that took the change: the
/// option only ever meant something for those), `EBADF`, `ENOTSOCK`;
/// `ENOPROTOOPT` before Linux 3.9.
pub fn set_reuse_port<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_SOCKET, SO_REUSEPORT, on)
}

/// Whether `SO_REUSEPORT` is set.
///
/// # Errors
/// `EBADF`, `ENOTSOCK`; `ENOPROTOOPT` before Linux 3.9.
pub fn reuse_port<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_SOCKET, SO_REUSEPORT)
}

/// Sets `IPV6_V6ONLY` on an AF_INET6 socket (`ipv6(7)`): `true` keeps it off
/// IPv4, so its wildcard bind (`[::]:port`) leaves the port's IPv4 wildcard
/// free, and a v4-mapped address (`::ffff:a.b.c.d`) is refused (`EINVAL`). Set
/// it before the socket has a local port, however it would get one (bind; or a
/// listen, connect or first send, which give an unbound socket one): after, it
/// is `EINVAL`, and on a raw socket (whose port is its protocol) always
/// (`inet_num` in `do_ipv6_setsockopt`). Its default is `net.ipv6.bindv6only`,
/// 0 unless the system changed it.
///
/// ```
/// use rawbind::{ipv6_only, set_ipv6_only, socket, Family, SockType};
/// let fd = socket(Family::Inet6, SockType::Stream, 0)?;
/// set_ipv6_only(&fd, true)?;
/// assert!(ipv6_only(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `ENOPROTOOPT` on a socket that is not AF_INET6 (AF_INET among them),
/// `EOPNOTSUPP` on AF_UNIX, `EINVAL` once the socket has a port (above),
/// `EBADF`, `ENOTSOCK`.
pub fn set_ipv6_only<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_IPV6, IPV6_V6ONLY, on)
}

/// Whether `IPV6_V6ONLY` is set.
///
/// # Errors
/// `EOPNOTSUPP` on an AF_INET socket (where setting it is `ENOPROTOOPT`:
/// the kernel's two paths differ) and on AF_UNIX, `ENOPROTOOPT` on other
/// sockets that are not AF_INET6, `EBADF`, `ENOTSOCK`.
pub fn ipv6_only<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_IPV6, IPV6_V6ONLY)
}

/// Sets `IP_FREEBIND` (`ip(7)`, Linux 2.4): bind takes an IPv4 address that
/// is on no interface (yet), where it would be `EADDRNOTAVAIL`: a service
/// that starts before its address is configured (systemd's `FreeBind=`),
/// or binds a floating address. No privilege needed. Also
/// `net.ipv4.ip_nonlocal_bind` for every socket.
///
/// ```
/// use rawbind::{bind, getsockname, set_ip_freebind, socket, Family, SockType};
/// use std::net::{Ipv4Addr, SocketAddrV4};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// set_ip_freebind(&fd, true)?;
/// let nowhere = SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 1), 0); // TEST-NET-1
/// bind(&fd, &nowhere)?;
/// assert_eq!(getsockname(&fd)?.to_string().split(':').next(), Some("192.0.2.1"));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EOPNOTSUPP` on an AF_UNIX socket and `ENOPROTOOPT` on other non-IP
/// sockets (the kernel's answer for an IP level elsewhere), `EBADF`,
/// `ENOTSOCK`.
pub fn set_ip_freebind<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_IP, IP_FREEBIND, on)
}

/// Whether `IP_FREEBIND` is set.
///
/// # Errors
/// As [`set_ip_freebind`].
pub fn ip_freebind<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_IP, IP_FREEBIND)
}

/// Sets `IPV6_FREEBIND` (`ipv6(7)`, Linux 4.15): as [`set_ip_freebind`], for
/// an AF_INET6 socket's bind: a non-local IPv6 address, or a link-local one
/// with a scope (an interface that exists) but no address on it. Before
/// 4.15, an AF_INET6 socket takes [`set_ip_freebind`] for the same effect.
///
/// ```
/// use rawbind::{bind, ipv6_freebind, set_ipv6_freebind, socket, Family, SockType};
/// use std::net::{Ipv6Addr, SocketAddrV6};
/// let fd = socket(Family::Inet6, SockType::Dgram, 0)?;
/// set_ipv6_freebind(&fd, true)?;
/// assert!(ipv6_freebind(&fd)?);
/// let documentation = SocketAddrV6::new(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0, 0, 0);
/// bind(&fd, &documentation)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `ENOPROTOOPT` on a socket that is not AF_INET6 (and before 4.15),
/// `EOPNOTSUPP` on AF_UNIX, `EBADF`, `ENOTSOCK`.
pub fn set_ipv6_freebind<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_IPV6, IPV6_FREEBIND, on)
}

/// Whether `IPV6_FREEBIND` is set.
///
/// # Errors
/// `EOPNOTSUPP` on an AF_INET socket (where setting it is `ENOPROTOOPT`,
/// as with [`ipv6_only`]) and on AF_UNIX, `ENOPROTOOPT` on other sockets
/// that are not AF_INET6 (and before 4.15), `EBADF`, `ENOTSOCK`.
pub fn ipv6_freebind<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_IPV6, IPV6_FREEBIND)
}

/// Sets `IP_TRANSPARENT` (`ip(7)`, Linux 2.6.28): the socket may bind a
/// non-local IPv4 address and accept connections to it, for a transparent
/// proxy with TPROXY rules. Turning it on needs `CAP_NET_ADMIN` (or, since
/// Linux 5.7, `CAP_NET_RAW`): `EPERM` without. Turning it off needs neither.
///
/// (Compiled, not run, as a doctest: the doctests also run under QEMU user
/// mode, which does not translate `IP_TRANSPARENT`; `tests/options.rs` runs it.)
///
/// ```no_run
/// use rawbind::{ip_transparent, socket, Family, SockType};
/// assert!(!ip_transparent(socket(Family::Inet, SockType::Stream, 0)?)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EPERM` turning it on without the capability, `ENOPROTOOPT`/`EOPNOTSUPP`
/// on a non-IP socket, `EBADF`, `ENOTSOCK`.
pub fn set_ip_transparent<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_IP, IP_TRANSPARENT, on)
}

/// Whether `IP_TRANSPARENT` is set.
///
/// # Errors
/// `ENOPROTOOPT`/`EOPNOTSUPP` on a non-IP socket, `EBADF`, `ENOTSOCK`.
pub fn ip_transparent<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_IP, IP_TRANSPARENT)
}

/// Sets `IPV6_TRANSPARENT` (`ipv6(7)`, Linux 2.6.37): [`set_ip_transparent`]
/// for an AF_INET6 socket, with the same privilege.
///
/// # Errors
/// `EPERM` turning it on without `CAP_NET_ADMIN` or `CAP_NET_RAW`,
/// `ENOPROTOOPT` on a socket that is not AF_INET6 (AF_INET among them),
/// `EOPNOTSUPP` on AF_UNIX, `EBADF`, `ENOTSOCK`.
pub fn set_ipv6_transparent<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_IPV6, IPV6_TRANSPARENT, on)
}

/// Whether `IPV6_TRANSPARENT` is set.
///
/// # Errors
/// `EOPNOTSUPP` on an AF_INET socket (where setting it is `ENOPROTOOPT`,
/// as with [`ipv6_only`]) and on AF_UNIX, `ENOPROTOOPT` on other sockets
/// that are not AF_INET6, `EBADF`, `ENOTSOCK`.
pub fn ipv6_transparent<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_IPV6, IPV6_TRANSPARENT)
}

/// Sets `IP_BIND_ADDRESS_NO_PORT` (`ip(7)`, Linux 4.2): a bind to port 0
/// takes the address but leaves the port to `connect`, which picks one
/// that is free for that destination. Many outgoing connections from one
/// source address can then share ephemeral ports, where binding port 0
/// would reserve a port for each. getsockname shows port 0 until connect.
///
/// (Compiled, not run, as a doctest: the doctests also run under QEMU user
/// mode, which does not translate `IP_BIND_ADDRESS_NO_PORT`; `tests/options.rs` runs it.)
///
/// ```no_run
/// use rawbind::{bind, getsockname, set_ip_bind_address_no_port, socket, Family, SockAddr, SockType};
/// use std::net::{Ipv4Addr, SocketAddrV4};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// set_ip_bind_address_no_port(&fd, true)?;
/// bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// assert!(matches!(getsockname(&fd)?, SockAddr::V4(a) if a.port() == 0));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `ENOPROTOOPT`/`EOPNOTSUPP` on a non-IP socket (and before Linux 4.2),
/// `EBADF`, `ENOTSOCK`.
pub fn set_ip_bind_address_no_port<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    set_flag(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, on)
}

/// Whether `IP_BIND_ADDRESS_NO_PORT` is set.
///
/// # Errors
/// As [`set_ip_bind_address_no_port`].
pub fn ip_bind_address_no_port<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT)
}

/// The longest interface name, without its NUL: `IFNAMSIZ` less one.
const IFNAME_MAX: usize = IFNAMSIZ as usize - 1;

/// An interface name as `SO_BINDTODEVICE` holds it: 1 to 15 bytes
/// (`IFNAMSIZ` less the NUL), none of them NUL. What [`device`] returns,
/// without allocating.
///
/// (Compiled, not run, as a doctest: the doctests also run under QEMU user
/// mode, which does not translate reading `SO_BINDTODEVICE` back; `tests/options.rs` runs it.)
///
/// ```no_run
/// use rawbind::{bind_device, device, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Dgram, 0)?;
/// bind_device(&fd, Some(b"lo"))?;
/// assert_eq!(device(&fd)?.map(|name| name.as_bytes() == b"lo"), Some(true));
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct InterfaceName {
    bytes: [u8; IFNAME_MAX],
    len: u8,
}

impl InterfaceName {
    /// The name's bytes, without a NUL.
    ///
    /// ```no_run
    /// # use rawbind::{bind_device, device, socket, Family, SockType};
    /// # let fd = socket(Family::Inet, SockType::Dgram, 0)?;
    /// # bind_device(&fd, Some(b"lo"))?;
    /// let name = device(&fd)?.expect("bound to lo");
    /// assert_eq!(name.as_bytes(), b"lo");
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

impl AsRef<[u8]> for InterfaceName {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl fmt::Debug for InterfaceName {
    /// `InterfaceName("lo")`, bytes that are not printable ASCII escaped.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InterfaceName(\"{self}\")")
    }
}

impl fmt::Display for InterfaceName {
    /// The name, `lo`, bytes that are not printable ASCII escaped as Rust's
    /// `escape_ascii` writes them (an interface name may hold any byte but
    /// NUL, `/`, `:` and whitespace).
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_bytes().escape_ascii())
    }
}

/// Binds the socket to an interface, by name (`SO_BINDTODEVICE`,
/// `socket(7)`): it then sends and receives only through that interface,
/// and its bind and connect consider only that interface's addresses and
/// routes. `None` (an empty name) unbinds it. Needs `CAP_NET_RAW` to change
/// or clear the device of a socket that has one already, or before Linux
/// 5.7 at all. A socket-level option (`SOL_SOCKET`): a socket of any
/// family takes it, AF_UNIX too, where nothing uses it.
///
/// The name is checked before any syscall: at most 15 bytes (`IFNAMSIZ`
/// less the NUL) before its first NUL, and nothing but NULs after it. So a
/// name may come as C gives one (`socket(7)`: "a variable-length
/// null-terminated interface name string with the maximum size of
/// IFNAMSIZ"), NUL-terminated or a whole NUL-padded `ifr_name`, and what
/// the kernel would drop (a 16th byte, bytes after a NUL) is refused, not
/// lost. An empty name unbinds, as `None` does.
///
/// ```
/// use rawbind::{bind_device, socket, Errno, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Dgram, 0)?;
/// assert_eq!(bind_device(&fd, Some(b"sixteen-bytes-no")), Err(Errno::EINVAL));
/// assert_eq!(bind_device(&fd, Some(b"lo\0eth0")), Err(Errno::EINVAL));
/// let mut ifr_name = [0u8; linux_raw_sys::net::IFNAMSIZ as usize];
/// ifr_name[..2].copy_from_slice(b"lo");
/// bind_device(&fd, Some(&ifr_name))?; // lo
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EINVAL` before any syscall for a name of more than 15 bytes before its
/// first NUL, or with a byte other than NUL after it;
/// then the kernel's: `ENODEV` for an interface that does not exist, `EPERM`
/// without `CAP_NET_RAW` where it is needed, `EBADF`, `ENOTSOCK`.
pub fn bind_device<Fd: AsFd>(fd: Fd, name: Option<&[u8]>) -> Result<(), Errno> {
    let given = name.unwrap_or_default();
    let len = given.iter().position(|&b| b == 0).unwrap_or(given.len());
    let (name, padding) = given.split_at(len);
    if name.len() > IFNAME_MAX || padding.iter().any(|&b| b != 0) {
        return Err(Errno::EINVAL);
    }
    net::set_bind_to_device(fd.as_fd(), name)
}

/// The interface the socket is bound to by [`bind_device`] or
/// [`bind_device_by_index`] (`SO_BINDTODEVICE`, read since Linux 3.8), or
/// `None`.
///
/// # Errors
/// `ENODEV` if the interface it was bound to is gone, `ENOPROTOOPT` before
/// Linux 3.8, `EBADF`, `ENOTSOCK`.
pub fn device<Fd: AsFd>(fd: Fd) -> Result<Option<InterfaceName>, Errno> {
    let mut buf = [0u8; IFNAMSIZ as usize];
    let len = net::bind_to_device(fd.as_fd(), &mut buf)?;
    // The kernel's length counts the NUL after the name; 0 when unbound.
    let name = buf.get(..len).unwrap_or_default();
    let name = name.split(|&b| b == 0).next().unwrap_or_default();
    if name.is_empty() {
        return Ok(None);
    }
    let mut bytes = [0u8; IFNAME_MAX];
    let n = name.len().min(IFNAME_MAX);
    bytes[..n].copy_from_slice(&name[..n]);
    Ok(Some(InterfaceName {
        bytes,
        len: n as u8,
    }))
}

/// Binds the socket to an interface by index (`SO_BINDTOIFINDEX`,
/// `socket(7)`, Linux 5.0), as [`bind_device`] does by name; 0 unbinds it.
/// Unlike a name, the index is not checked: one that no interface has is
/// kept, and [`device`] then answers `ENODEV`.
///
/// (Compiled, not run, as a doctest: the doctests also run under QEMU user
/// mode, which does not translate `SO_BINDTOIFINDEX`; `tests/options.rs` runs it.)
///
/// ```no_run
/// use rawbind::{bind_device_by_index, device_index, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Dgram, 0)?;
/// bind_device_by_index(&fd, 0)?; // unbound, as it was
/// assert_eq!(device_index(&fd)?, 0);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EINVAL` before any syscall for an index above `i32::MAX` (the kernel
/// takes a signed int); then the kernel's: `EPERM` without `CAP_NET_RAW`
/// where it is needed, `ENOPROTOOPT` before Linux 5.0, `EBADF`, `ENOTSOCK`.
pub fn bind_device_by_index<Fd: AsFd>(fd: Fd, ifindex: u32) -> Result<(), Errno> {
    // The kernel takes a signed int and refuses a negative one with EINVAL.
    let ifindex = i32::try_from(ifindex).map_err(|_| Errno::EINVAL)?;
    net::setsockopt_int(fd.as_fd(), SOL_SOCKET, SO_BINDTOIFINDEX, ifindex)
}

/// The index of the interface the socket is bound to, 0 if none
/// (`SO_BINDTOIFINDEX`, Linux 5.0).
///
/// # Errors
/// `ENOPROTOOPT` before Linux 5.0, `EBADF`, `ENOTSOCK`.
pub fn device_index<Fd: AsFd>(fd: Fd) -> Result<u32, Errno> {
    Ok(net::getsockopt_int(fd.as_fd(), SOL_SOCKET, SO_BINDTOIFINDEX)? as u32)
}

/// The socket's type, as the kernel made it (`SO_TYPE`): the
/// architecture's own number, decoded (MIPS swaps `SOCK_STREAM` and
/// `SOCK_DGRAM`).
///
/// ```
/// use rawbind::{socket, socket_type, Family, SockType};
/// assert_eq!(socket_type(socket(Family::Unix, SockType::SeqPacket, 0)?)?, SockType::SeqPacket);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK`.
pub fn socket_type<Fd: AsFd>(fd: Fd) -> Result<SockType, Errno> {
    Ok(SockType::from_raw(
        net::getsockopt_int(fd.as_fd(), SOL_SOCKET, SO_TYPE)? as u32,
    ))
}

/// The socket's address family (`SO_DOMAIN`, Linux 2.6.32).
///
/// ```
/// use rawbind::{socket, socket_family, Family, SockType};
/// assert_eq!(socket_family(socket(Family::Inet6, SockType::Dgram, 0)?)?, Family::Inet6);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK`.
pub fn socket_family<Fd: AsFd>(fd: Fd) -> Result<Family, Errno> {
    Ok(Family::from_raw(
        net::getsockopt_int(fd.as_fd(), SOL_SOCKET, SO_DOMAIN)? as u16,
    ))
}

/// The socket's protocol (`SO_PROTOCOL`, Linux 2.6.32): what the kernel
/// chose for protocol 0 (`IPPROTO_TCP`, 6, for an AF_INET stream socket;
/// 0 for AF_UNIX).
///
/// ```
/// use rawbind::{socket, socket_protocol, Family, SockType};
/// assert_eq!(socket_protocol(socket(Family::Inet, SockType::Stream, 0)?)?, 6);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK`.
pub fn socket_protocol<Fd: AsFd>(fd: Fd) -> Result<i32, Errno> {
    net::getsockopt_int(fd.as_fd(), SOL_SOCKET, SO_PROTOCOL)
}

/// Whether the socket is listening (`SO_ACCEPTCONN`): after
/// [`listen`](crate::listen).
///
/// ```
/// use rawbind::{is_listening, listen, socket, Family, SockType, UnixAddr, bind};
/// let fd = socket(Family::Unix, SockType::Stream, 0)?;
/// assert!(!is_listening(&fd)?);
/// bind(&fd, &UnixAddr::unnamed())?;
/// listen(&fd, 1)?;
/// assert!(is_listening(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK`.
pub fn is_listening<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    flag(fd, SOL_SOCKET, SO_ACCEPTCONN)
}

/// Takes the socket's pending error (`SO_ERROR`): `Some` once, then `None`.
/// A non-blocking `connect` reports its outcome here once the socket is
/// writable (`ECONNREFUSED`, `ETIMEDOUT`, ...).
///
/// ```
/// use rawbind::{socket, take_error, Family, SockType};
/// assert_eq!(take_error(socket(Family::Inet, SockType::Stream, 0)?)?, None);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF`, `ENOTSOCK`.
pub fn take_error<Fd: AsFd>(fd: Fd) -> Result<Option<Errno>, Errno> {
    Ok(
        match net::getsockopt_int(fd.as_fd(), SOL_SOCKET, SO_ERROR)? {
            0 => None,
            n => Some(Errno::from_raw(n)),
        },
    )
}
