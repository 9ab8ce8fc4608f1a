//! `AddrError`: why an address could not be made or decoded.

use core::fmt;

use crate::errno::Errno;
use crate::family::Family;

/// Why an address was refused, before any system call was made.
///
/// Each variant names the rule that was broken and carries the numbers
/// needed to see how.
///
/// ```
/// use rawbind::{AddrError, UnixAddr};
/// assert_eq!(UnixAddr::new(&[b'a'; 109]), Err(AddrError::PathTooLong { len: 109, max: 108 }));
/// assert_eq!(UnixAddr::new(b"/tmp/a\0b"), Err(AddrError::InteriorNul { at: 6 }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddrError {
    /// A pathname is longer than `sun_path` (108 bytes).
    PathTooLong {
        /// Bytes given.
        len: usize,
        /// Bytes allowed.
        max: usize,
    },
    /// An abstract name is longer than `sun_path` less its leading NUL (107 bytes).
    AbstractNameTooLong {
        /// Bytes given.
        len: usize,
        /// Bytes allowed.
        max: usize,
    },
    /// A pathname holds a NUL byte, which would end it early.
    InteriorNul {
        /// Index of the first NUL byte.
        at: usize,
    },
    /// A pathname is empty; an address without a name is [`UnixAddr::unnamed`](crate::UnixAddr::unnamed).
    EmptyPath,
    /// Fewer bytes than the two of `sa_family`.
    Truncated {
        /// Bytes given.
        len: usize,
    },
    /// More bytes than a `sockaddr_storage` (128) holds.
    TooLong {
        /// Bytes given.
        len: usize,
        /// Bytes allowed.
        max: usize,
    },
    /// An address of another family than the type asked for.
    WrongFamily {
        /// The family or families the type holds, such as `"AF_INET or AF_INET6"`.
        expected: &'static str,
        /// The family the address has.
        found: Family,
    },
    /// A length that no address of this family has.
    BadLength {
        /// The family read from the bytes.
        family: Family,
        /// Bytes given.
        len: usize,
        /// Fewest bytes this family's address has.
        min: usize,
        /// Most bytes this family's address has.
        max: usize,
    },
    /// AF_PACKET bytes of 12 to 19 whose length is not 12 + their
    /// `sll_halen`, as the kernel returns a `sockaddr_ll`, nor all 20 of
    /// one: another struct of the family, such as the 16-byte
    /// `sockaddr_pkt` of a SOCK_PACKET socket (`packet(7)`).
    HalenMismatch {
        /// Bytes given.
        len: usize,
        /// Their `sll_halen` byte (byte 11).
        halen: u8,
    },
    /// A reserved field is not zero, and the type has no place for it:
    /// `nl_pad` of a `sockaddr_nl`, `svm_reserved1` or `svm_zero` of a
    /// `sockaddr_vm`. The kernel zeroes them in the addresses it makes, but
    /// hands back a vsock peer's as `connect` was given it.
    /// [`SockAddr::decode`](crate::SockAddr::decode) keeps such bytes as
    /// [`SockAddr::Other`](crate::SockAddr::Other).
    ReservedNotZero {
        /// The family read from the bytes.
        family: Family,
        /// The field, as the kernel's header names it.
        field: &'static str,
    },
    /// Text that is not an address as its `Display` writes one, from a
    /// `FromStr` of [`SockAddr`](crate::SockAddr), [`UnixAddr`](crate::UnixAddr),
    /// [`NetlinkAddr`](crate::NetlinkAddr) or [`VsockAddr`](crate::VsockAddr).
    BadText {
        /// The kind of address the text was read as, such as `"unix pathname"` or `"netlink"`.
        kind: &'static str,
        /// What was wrong with it, such as `"PID is not a decimal u32 without leading zeros"`.
        why: &'static str,
    },
}

impl fmt::Display for AddrError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            AddrError::PathTooLong { len, max } => {
                write!(
                    f,
                    "unix socket path is {len} bytes long, at most {max} fit in sun_path"
                )
            }
            AddrError::AbstractNameTooLong { len, max } => {
                write!(
                    f,
                    "abstract unix socket name is {len} bytes long, at most {max} fit"
                )
            }
            AddrError::InteriorNul { at } => {
                write!(f, "unix socket path has a NUL byte at index {at}")
            }
            AddrError::EmptyPath => {
                f.write_str("unix socket path is empty (for autobind use an unnamed address)")
            }
            AddrError::Truncated { len } => {
                write!(f, "socket address of {len} bytes has no 2-byte sa_family")
            }
            AddrError::TooLong { len, max } => {
                write!(
                    f,
                    "socket address of {len} bytes is longer than sockaddr_storage ({max})"
                )
            }
            AddrError::WrongFamily { expected, found } => {
                write!(
                    f,
                    "expected an {expected} address, found an {found} address"
                )
            }
            AddrError::BadLength {
                family,
                len,
                min,
                max,
            } => {
                write!(f, "{family} address of {len} bytes: it must be {min}")?;
                if max != min {
                    write!(f, " to {max}")?;
                }
                f.write_str(" bytes long")
            }
            AddrError::HalenMismatch { len, halen } => {
                write!(
                    f,
                    "AF_PACKET address of {len} bytes is not a sockaddr_ll, which is 20 bytes or 12 + its sll_halen ({halen})"
                )
            }
            AddrError::ReservedNotZero { family, field } => {
                write!(
                    f,
                    "{family} address has {field} not zero, and its type has no place for it"
                )
            }
            AddrError::BadText { kind, why } => {
                write!(f, "invalid {kind} address text: {why}")
            }
        }
    }
}

impl core::error::Error for AddrError {}

/// What the kernel answers for an address it cannot take: `EINVAL`. An
/// `AddrError` is found before any system call; this lets `?` carry it
/// where the errors are [`Errno`]s (the rule that was broken is lost: use
/// the `std::io::Error` conversion to keep its message).
///
/// ```
/// use rawbind::{bind, socket, Errno, Family, SockType, UnixAddr};
/// fn bind_path(path: &[u8]) -> Result<(), Errno> {
///     let fd = socket(Family::Unix, SockType::Stream, 0)?;
///     bind(&fd, &UnixAddr::new(path)?)
/// }
/// assert_eq!(bind_path(&[b'a'; 200]), Err(Errno::EINVAL));
/// ```
impl From<AddrError> for Errno {
    #[inline]
    fn from(_: AddrError) -> Errno {
        Errno::EINVAL
    }
}

/// An `InvalidInput` error whose message is the `AddrError`'s (and whose
/// source, through `get_ref`, is the `AddrError` itself), so `?` carries
/// it into `std::io::Result`.
///
/// ```
/// use rawbind::{bind, socket, AddrError, Family, SockType, UnixAddr};
/// fn bind_path(path: &[u8]) -> std::io::Result<()> {
///     let fd = socket(Family::Unix, SockType::Stream, 0)?;
///     Ok(bind(&fd, &UnixAddr::new(path)?)?)
/// }
/// let e = bind_path(b"/tmp/a\0b").unwrap_err();
/// assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
/// assert_eq!(e.to_string(), "unix socket path has a NUL byte at index 6");
/// assert_eq!(e.get_ref().and_then(|e| e.downcast_ref()), Some(&AddrError::InteriorNul { at: 6 }));
/// ```
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<AddrError> for std::io::Error {
    #[inline]
    fn from(e: AddrError) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, e)
    }
}
