//! `sockaddr_in` and `sockaddr_in6`, to and from `core::net`'s socket addresses.
//!
//! Every offset and size comes from `linux_raw_sys::net`'s structs and is
//! restated below, so a wrong layout fails the build.

use core::mem::{offset_of, size_of};
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use linux_raw_sys::net::{sockaddr_in, sockaddr_in6, AF_INET, AF_INET6};
use static_assertions::const_assert_eq;

use super::{field, put, wire_start};

pub(super) const IN_LEN: usize = size_of::<sockaddr_in>();
pub(super) const IN_PORT: usize = offset_of!(sockaddr_in, sin_port);
pub(super) const IN_ADDR: usize = offset_of!(sockaddr_in, sin_addr);
const_assert_eq!(IN_LEN, 16);
const_assert_eq!(IN_PORT, 2);
const_assert_eq!(IN_ADDR, 4);

pub(super) const IN6_LEN: usize = size_of::<sockaddr_in6>();
pub(super) const IN6_PORT: usize = offset_of!(sockaddr_in6, sin6_port);
pub(super) const IN6_FLOWINFO: usize = offset_of!(sockaddr_in6, sin6_flowinfo);
pub(super) const IN6_ADDR: usize = offset_of!(sockaddr_in6, sin6_addr);
pub(super) const IN6_SCOPE_ID: usize = offset_of!(sockaddr_in6, sin6_scope_id);
const_assert_eq!(IN6_LEN, 28);
const_assert_eq!(IN6_PORT, 2);
const_assert_eq!(IN6_FLOWINFO, 4);
const_assert_eq!(IN6_ADDR, 8);
const_assert_eq!(IN6_SCOPE_ID, 24);

/// `sockaddr_in`: port and address in network byte order.
#[inline]
pub(crate) fn sockaddr_v4(a: &SocketAddrV4) -> [u8; IN_LEN] {
    let mut b = wire_start(AF_INET);
    put(&mut b, IN_PORT, a.port().to_be_bytes());
    put(&mut b, IN_ADDR, a.ip().octets());
    b
}

/// `sockaddr_in6`: port and flow info in network byte order (the kernel's
/// `__be16` and `__be32`), the scope id in host order.
#[inline]
pub(crate) fn sockaddr_v6(a: &SocketAddrV6) -> [u8; IN6_LEN] {
    let mut b = wire_start(AF_INET6);
    put(&mut b, IN6_PORT, a.port().to_be_bytes());
    put(&mut b, IN6_FLOWINFO, a.flowinfo().to_be_bytes());
    put(&mut b, IN6_ADDR, a.ip().octets());
    put(&mut b, IN6_SCOPE_ID, a.scope_id().to_ne_bytes());
    b
}

/// A `sockaddr_in` of exactly [`IN_LEN`] bytes.
#[inline]
pub(crate) fn decode_v4(b: &[u8]) -> SocketAddrV4 {
    let port = u16::from_be_bytes(field(b, IN_PORT));
    SocketAddrV4::new(Ipv4Addr::from(field::<4>(b, IN_ADDR)), port)
}

/// A `sockaddr_in6` of exactly [`IN6_LEN`] bytes.
#[inline]
pub(crate) fn decode_v6(b: &[u8]) -> SocketAddrV6 {
    SocketAddrV6::new(
        Ipv6Addr::from(field::<16>(b, IN6_ADDR)),
        u16::from_be_bytes(field(b, IN6_PORT)),
        u32::from_be_bytes(field(b, IN6_FLOWINFO)),
        u32::from_ne_bytes(field(b, IN6_SCOPE_ID)),
    )
}
