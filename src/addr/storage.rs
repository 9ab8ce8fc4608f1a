//! `RawSockAddr`: socket-address bytes exactly as the kernel reads or writes them.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::mem::size_of;

use linux_raw_sys::net::__kernel_sockaddr_storage;
use static_assertions::const_assert_eq;

use super::AddrError;
use crate::family::Family;

/// Bytes in a `struct sockaddr_storage`: room for every family's address.
pub(crate) const CAPACITY: usize = size_of::<__kernel_sockaddr_storage>();
const_assert_eq!(CAPACITY, 128);

/// Bytes of `sa_family`, which every address starts with, in host byte order.
pub(crate) const FAMILY_LEN: usize = size_of::<linux_raw_sys::net::__kernel_sa_family_t>();
const_assert_eq!(FAMILY_LEN, 2);

/// A serialized socket address: a `sockaddr_storage`-sized, suitably aligned
/// buffer and the `addrlen` the kernel is given with it.
///
/// [`SockAddr::encode`](crate::SockAddr::encode) makes one;
/// [`as_ptr`](RawSockAddr::as_ptr) and [`len`](RawSockAddr::len) are the two
/// arguments `bind(2)` takes.
///
/// Two are equal when their bytes are. They are ordered by family number
/// (one too short to have a family first), then by their bytes: the same
/// order on either byte order, though `sa_family` is stored in the host's.
///
/// ```
/// use rawbind::{RawSockAddr, SockAddr};
/// let raw = SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 80))).encode();
/// assert_eq!(raw.len(), 16);
/// assert_eq!(&raw.as_bytes()[2..8], &[0, 80, 127, 0, 0, 1]);
/// assert_eq!(RawSockAddr::from_bytes(raw.as_bytes()), Ok(raw));
/// ```
#[derive(Clone, Copy)]
#[repr(C, align(8))]
pub struct RawSockAddr {
    bytes: [u8; CAPACITY],
    len: u32,
}

impl RawSockAddr {
    /// An empty address: zero bytes, length 0.
    pub(crate) const fn empty() -> RawSockAddr {
        RawSockAddr {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    /// An address holding a copy of `bytes`, which may be at most 128 bytes long.
    ///
    /// ```
    /// use rawbind::{AddrError, RawSockAddr};
    /// let netlink = RawSockAddr::from_bytes(&[16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])?;
    /// assert_eq!(netlink.len(), 12);
    /// assert!(matches!(RawSockAddr::from_bytes(&[0; 129]), Err(AddrError::TooLong { .. })));
    /// # Ok::<(), AddrError>(())
    /// ```
    ///
    /// # Errors
    /// [`AddrError::TooLong`] for more than 128 bytes.
    #[inline]
    pub fn from_bytes(bytes: &[u8]) -> Result<RawSockAddr, AddrError> {
        if bytes.len() > CAPACITY {
            return Err(AddrError::TooLong {
                len: bytes.len(),
                max: CAPACITY,
            });
        }
        Ok(RawSockAddr::copy_of(bytes))
    }

    /// Pointer to the first byte: the `addr` argument of `bind(2)`.
    ///
    /// ```
    /// let raw = rawbind::RawSockAddr::from_bytes(&[1, 0])?;
    /// assert_eq!(raw.as_ptr(), raw.as_bytes().as_ptr());
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    pub const fn as_ptr(&self) -> *const u8 {
        self.bytes.as_ptr()
    }

    /// The address length: the `addrlen` argument of `bind(2)`.
    ///
    /// ```
    /// use rawbind::{SockAddr, UnixAddr};
    /// assert_eq!(SockAddr::Unix(UnixAddr::unnamed()).encode().len(), 2);
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub const fn len(&self) -> u32 {
        self.len
    }

    /// Exactly [`len`](RawSockAddr::len) bytes: what the kernel reads.
    ///
    /// ```
    /// use rawbind::{SockAddr, UnixAddr};
    /// let abstract_name = SockAddr::Unix(UnixAddr::new_abstract(b"x")?).encode();
    /// assert_eq!(&abstract_name.as_bytes()[2..], b"\0x");
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..(self.len as usize).min(CAPACITY)]
    }

    /// The `sa_family` field, if the address is long enough to have one.
    ///
    /// ```
    /// use rawbind::{Family, RawSockAddr};
    /// let unix = Family::Unix.raw().to_ne_bytes();
    /// assert_eq!(RawSockAddr::from_bytes(&unix)?.family(), Some(Family::Unix));
    /// assert_eq!(RawSockAddr::from_bytes(&[])?.family(), None);
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    #[inline]
    pub fn family(&self) -> Option<Family> {
        (self.len as usize >= FAMILY_LEN).then(|| Family::from_raw(self.read_u16_ne(0)))
    }

    /// A copy of `bytes`, which [`SockAddr::with_bytes`](crate::SockAddr::with_bytes)
    /// keeps within [`CAPACITY`]; anything beyond it is cut off.
    #[inline]
    pub(crate) fn copy_of(bytes: &[u8]) -> RawSockAddr {
        let mut raw = RawSockAddr::empty();
        let len = bytes.len().min(CAPACITY);
        raw.bytes[..len].copy_from_slice(&bytes[..len]);
        raw.len = len as u32;
        raw
    }

    /// [`copy_of`](RawSockAddr::copy_of), out of line: for the families
    /// [`SockAddr::decode`](crate::SockAddr::decode) meets least, as
    /// `UnixAddr`'s and `LinkAddr`'s reads, so that its body, which every
    /// call returning an address inlines, stays small. (`encode`, which
    /// knows the length, inlines `copy_of` itself.)
    #[inline(never)]
    pub(crate) fn copy_of_cold(bytes: &[u8]) -> RawSockAddr {
        RawSockAddr::copy_of(bytes)
    }

    /// The host-order `u16` at byte `at`.
    pub(crate) fn read_u16_ne(&self, at: usize) -> u16 {
        u16::from_ne_bytes([self.bytes[at], self.bytes[at + 1]])
    }
}

impl PartialEq for RawSockAddr {
    #[inline]
    fn eq(&self, other: &RawSockAddr) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for RawSockAddr {}

impl Hash for RawSockAddr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl Ord for RawSockAddr {
    #[inline]
    fn cmp(&self, other: &RawSockAddr) -> Ordering {
        let family = |a: &RawSockAddr| a.family().map(Family::raw);
        (family(self), self.as_bytes()).cmp(&(family(other), other.as_bytes()))
    }
}

impl PartialOrd for RawSockAddr {
    #[inline]
    fn partial_cmp(&self, other: &RawSockAddr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for RawSockAddr {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawSockAddr")
            .field("len", &self.len)
            .field("bytes", &self.as_bytes())
            .finish()
    }
}
