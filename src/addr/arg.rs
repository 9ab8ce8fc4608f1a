//! `AsSockAddr`: what `bind` takes, so each address type is serialized as
//! itself, with no detour through `SockAddr`.

use core::net::{SocketAddr, SocketAddrV4, SocketAddrV6};

use super::{inet, LinkAddr, NetlinkAddr, RawSockAddr, SockAddr, UnixAddr, VsockAddr};

/// An address [`bind`](crate::bind) can take: it lends the bytes the kernel
/// reads, serialized on the stack at their own size.
///
/// Implemented for [`SockAddr`] and for each type it holds, and for
/// `SocketAddr`: binding a `SocketAddrV4` builds just its 16-byte
/// `sockaddr_in`, and binding a [`UnixAddr`] hands the kernel the address's
/// own bytes. Implement it for an address type of your own to bind it.
///
/// ```
/// use rawbind::{bind, socket, AsSockAddr, Family, SockType, UnixAddr};
/// let v4 = std::net::SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 0);
/// assert_eq!(v4.with_bytes(<[u8]>::len), 16);
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// bind(&fd, &v4)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub trait AsSockAddr {
    /// Calls `f` with the address exactly as the kernel reads it:
    /// `bytes.len()` is the `addrlen`.
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R;
}

impl AsSockAddr for SockAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        SockAddr::with_bytes(self, f)
    }
}

impl AsSockAddr for SocketAddrV4 {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(&inet::sockaddr_v4(self))
    }
}

impl AsSockAddr for SocketAddrV6 {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(&inet::sockaddr_v6(self))
    }
}

impl AsSockAddr for SocketAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            SocketAddr::V4(a) => a.with_bytes(f),
            SocketAddr::V6(a) => a.with_bytes(f),
        }
    }
}

impl AsSockAddr for UnixAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(self.as_bytes())
    }
}

impl AsSockAddr for LinkAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(&self.sockaddr_ll())
    }
}

impl AsSockAddr for NetlinkAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(&self.sockaddr_nl())
    }
}

impl AsSockAddr for VsockAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(&self.sockaddr_vm())
    }
}

impl AsSockAddr for RawSockAddr {
    #[inline(always)]
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(self.as_bytes())
    }
}
