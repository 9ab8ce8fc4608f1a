//! [`FromSockAddr`]: decoding what the kernel wrote as one type of address,
//! with only that type's decoder in the program.

use core::net::{SocketAddr, SocketAddrV4, SocketAddrV6};

use linux_raw_sys::net::{AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_UNIX, AF_VSOCK};

use super::storage::{CAPACITY, FAMILY_LEN};
use super::{field, inet, link, netlink, unix, vsock, AddrError, LinkAddr, SockAddr, UnixAddr};
use super::{NetlinkAddr, VsockAddr};
use crate::family::Family;

/// A socket address type that can be read from the bytes the kernel writes
/// (a `sockaddr` and its length), the decoding side of
/// [`AsSockAddr`](super::AsSockAddr).
///
/// [`SockAddr`] reads every family; each other implementation reads its own
/// family alone, so a program that asks for one type (with
/// [`getsockname_as`](crate::getsockname_as) or
/// [`getpeername_as`](crate::getpeername_as)) carries only that type's
/// decoder. For the bytes of a family it models, each agrees with
/// [`SockAddr::decode`]: `A::from_sock_addr(b)` is `Ok(a)` exactly when
/// `SockAddr::decode(b)` is `Ok` of the variant holding `a`.
///
/// ```
/// use rawbind::{AddrError, Family, FromSockAddr, SockAddr};
/// use std::net::SocketAddrV4;
/// let v4: SocketAddrV4 = "127.0.0.1:8080".parse().unwrap();
/// let bytes = SockAddr::from(v4).encode();
/// assert_eq!(SocketAddrV4::from_sock_addr(bytes.as_bytes()), Ok(v4));
/// assert_eq!(
///     std::net::SocketAddrV6::from_sock_addr(bytes.as_bytes()),
///     Err(AddrError::WrongFamily { expected: "AF_INET6", found: Family::Inet })
/// );
/// ```
pub trait FromSockAddr: Sized {
    /// The address in `bytes`, a `sockaddr` of exactly its `addrlen`.
    ///
    /// # Errors
    /// [`AddrError::Truncated`] for fewer than 2 bytes (no `sa_family`),
    /// [`AddrError::TooLong`] for more than 128, [`AddrError::WrongFamily`]
    /// for another family than the type holds, [`AddrError::BadLength`] for a
    /// length no address of the family has, [`AddrError::HalenMismatch`] for
    /// AF_PACKET bytes that are not a `sockaddr_ll`,
    /// [`AddrError::ReservedNotZero`] for netlink or vsock bytes with a
    /// reserved field set, and the [`UnixAddr`] constructors' errors
    /// for a `sun_path` they refuse.
    fn from_sock_addr(bytes: &[u8]) -> Result<Self, AddrError>;
}

/// The `sa_family` of `bytes`, once its length is checked as every decoder
/// checks it.
#[inline]
pub(super) fn family_of(bytes: &[u8]) -> Result<u32, AddrError> {
    let len = bytes.len();
    if len < FAMILY_LEN {
        return Err(AddrError::Truncated { len });
    }
    if len > CAPACITY {
        return Err(AddrError::TooLong { len, max: CAPACITY });
    }
    Ok(u16::from_ne_bytes(field(bytes, 0)).into())
}

/// The `AF_*` name of `family`, as [`Family::name`] gives it, for
/// [`AddrError::WrongFamily`]; used in constants, so a family without a name
/// fails the build.
#[inline]
pub(super) const fn family_name(family: u32) -> &'static str {
    match Family::from_raw(family as u16).name() {
        Some(name) => name,
        None => panic!("every family rawbind models has an AF_* name"),
    }
}

/// How one family's addresses are read: what [`FromSockAddr`] and
/// [`SockAddr::decode`] both check, in one place per family.
pub(super) trait OneFamily: Sized {
    /// `AF_*`.
    const FAMILY: u32;
    /// Its name, for [`AddrError::WrongFamily`].
    const NAME: &'static str = family_name(Self::FAMILY);
    /// The lengths an address of the family can have.
    const LENS: (usize, usize);
    /// The address in `b`, whose family and length are checked.
    fn read(b: &[u8]) -> Result<Self, AddrError>;
}

/// The address in `bytes`, whose family is `T`'s: its length checked.
#[inline]
pub(super) fn read_checked<T: OneFamily>(bytes: &[u8]) -> Result<T, AddrError> {
    let (min, max) = T::LENS;
    let len = bytes.len();
    if len < min || len > max {
        return Err(AddrError::BadLength {
            family: Family::from_raw(T::FAMILY as u16),
            len,
            min,
            max,
        });
    }
    T::read(bytes)
}

/// The address in `bytes` if its family is `T`'s.
#[inline]
fn of_family<T: OneFamily>(bytes: &[u8]) -> Result<T, AddrError> {
    match family_of(bytes)? {
        found if found == T::FAMILY => read_checked(bytes),
        found => Err(AddrError::WrongFamily {
            expected: T::NAME,
            found: Family::from_raw(found as u16),
        }),
    }
}

impl FromSockAddr for SockAddr {
    /// [`SockAddr::decode`].
    #[inline]
    fn from_sock_addr(bytes: &[u8]) -> Result<SockAddr, AddrError> {
        SockAddr::decode(bytes)
    }
}

/// [`FromSockAddr`] for each type of one family: that family alone.
macro_rules! from_one_family {
    ($($ty:ty),*) => {$(
        impl FromSockAddr for $ty {
            #[inline]
            fn from_sock_addr(bytes: &[u8]) -> Result<$ty, AddrError> {
                of_family(bytes)
            }
        }
    )*};
}

from_one_family!(
    SocketAddrV4,
    SocketAddrV6,
    UnixAddr,
    LinkAddr,
    NetlinkAddr,
    VsockAddr
);

impl OneFamily for SocketAddrV4 {
    const FAMILY: u32 = AF_INET;
    /// Exactly a `sockaddr_in`.
    const LENS: (usize, usize) = (inet::IN_LEN, inet::IN_LEN);
    #[inline]
    fn read(b: &[u8]) -> Result<SocketAddrV4, AddrError> {
        Ok(inet::decode_v4(b))
    }
}

impl OneFamily for SocketAddrV6 {
    const FAMILY: u32 = AF_INET6;
    /// Exactly a `sockaddr_in6`.
    const LENS: (usize, usize) = (inet::IN6_LEN, inet::IN6_LEN);
    #[inline]
    fn read(b: &[u8]) -> Result<SocketAddrV6, AddrError> {
        Ok(inet::decode_v6(b))
    }
}

impl OneFamily for UnixAddr {
    const FAMILY: u32 = AF_UNIX;
    /// `sun_family` alone (unnamed) to one byte more than `sockaddr_un`,
    /// which the kernel reports for a path that fills `sun_path`.
    const LENS: (usize, usize) = (FAMILY_LEN, unix::UN_MAX_RETURNED);
    // Not inlined: kept out of `SockAddr::decode`'s body, which is.
    #[inline(never)]
    fn read(b: &[u8]) -> Result<UnixAddr, AddrError> {
        UnixAddr::decode(b)
    }
}

impl OneFamily for LinkAddr {
    const FAMILY: u32 = AF_PACKET;
    /// The kernel returns only `sll_halen` bytes of `sll_addr`.
    const LENS: (usize, usize) = (link::LL_ADDR, link::LL_LEN);
    /// [`AddrError::HalenMismatch`] for bytes that are not a `sockaddr_ll`
    /// ([`link::is_sockaddr_ll`]); `SockAddr::decode` keeps those as
    /// `SockAddr::Other`.
    // As `UnixAddr`'s.
    #[inline(never)]
    fn read(b: &[u8]) -> Result<LinkAddr, AddrError> {
        if !link::is_sockaddr_ll(b) {
            return Err(AddrError::HalenMismatch {
                len: b.len(),
                halen: link::halen_of(b),
            });
        }
        Ok(LinkAddr::decode(b))
    }
}

impl OneFamily for NetlinkAddr {
    const FAMILY: u32 = AF_NETLINK;
    /// Exactly a `sockaddr_nl`.
    const LENS: (usize, usize) = (netlink::NL_LEN, netlink::NL_LEN);
    /// [`AddrError::ReservedNotZero`] for an `nl_pad` that is not zero;
    /// `SockAddr::decode` keeps those bytes as `SockAddr::Other`.
    #[inline]
    fn read(b: &[u8]) -> Result<NetlinkAddr, AddrError> {
        NetlinkAddr::decode(b).ok_or(AddrError::ReservedNotZero {
            family: Family::Netlink,
            field: "nl_pad",
        })
    }
}

impl OneFamily for VsockAddr {
    const FAMILY: u32 = AF_VSOCK;
    /// Exactly a `sockaddr_vm`.
    const LENS: (usize, usize) = (vsock::VM_LEN, vsock::VM_LEN);
    /// [`AddrError::ReservedNotZero`] for an `svm_reserved1` or `svm_zero`
    /// that is not zero; `SockAddr::decode` keeps those bytes as
    /// `SockAddr::Other`.
    #[inline]
    fn read(b: &[u8]) -> Result<VsockAddr, AddrError> {
        match vsock::nonzero_reserved_field(b) {
            Some(field) => Err(AddrError::ReservedNotZero {
                family: Family::Vsock,
                field,
            }),
            None => Ok(VsockAddr::fields(b)),
        }
    }
}

impl FromSockAddr for SocketAddr {
    /// A `sockaddr_in` or a `sockaddr_in6`.
    #[inline]
    fn from_sock_addr(bytes: &[u8]) -> Result<SocketAddr, AddrError> {
        match family_of(bytes)? {
            AF_INET => read_checked(bytes).map(SocketAddr::V4),
            AF_INET6 => read_checked(bytes).map(SocketAddr::V6),
            found => Err(AddrError::WrongFamily {
                expected: "AF_INET or AF_INET6",
                found: Family::from_raw(found as u16),
            }),
        }
    }
}
