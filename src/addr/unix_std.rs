//! `UnixAddr` and std's `std::os::unix::net::SocketAddr`, both ways.
//!
//! std's address holds a pathname (through `as_pathname`), an abstract name
//! (through Linux's `SocketAddrExt`, Rust 1.70) or nothing; so does
//! `UnixAddr`, byte for byte. One limit differs: std builds a pathname of
//! at most 107 bytes (it keeps room for a NUL), while `sun_path` holds 108,
//! and the kernel binds and returns such a path. std's address of one, read
//! from the kernel, converts exactly; `UnixAddr`'s converts only where std
//! can build it.

use std::os::linux::net::SocketAddrExt;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::SocketAddr;

use super::{AddrError, UnixAddr, UnixAddrKind};

/// std's address as a `UnixAddr`, its bytes kept: a pathname (up to 108
/// bytes, the kernel's limit, as std reads one from the kernel), an
/// abstract name (any bytes) or unnamed.
///
/// ```
/// use rawbind::{UnixAddr, UnixAddrKind};
/// use std::os::unix::net::UnixDatagram;
/// let (a, _b) = UnixDatagram::pair()?;
/// let std_addr = a.local_addr()?;
/// assert_eq!(UnixAddr::try_from(&std_addr), Ok(UnixAddr::unnamed()));
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// None for an address std read from the kernel; the constructors' errors
/// ([`AddrError::PathTooLong`], ...) for one that breaks their rules.
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl TryFrom<&SocketAddr> for UnixAddr {
    type Error = AddrError;

    #[inline]
    fn try_from(a: &SocketAddr) -> Result<UnixAddr, AddrError> {
        if let Some(path) = a.as_pathname() {
            UnixAddr::new(path.as_os_str().as_bytes())
        } else if let Some(name) = a.as_abstract_name() {
            UnixAddr::new_abstract(name)
        } else {
            Ok(UnixAddr::unnamed())
        }
    }
}

/// The `UnixAddr` as std's address, to hand to std's `UnixListener` and
/// `UnixDatagram` (`bind_addr`, `connect_addr`).
///
/// ```
/// use rawbind::UnixAddr;
/// use std::os::linux::net::SocketAddrExt;
/// let name = UnixAddr::new_abstract(b"app\0\xff")?;
/// let std_addr = std::os::unix::net::SocketAddr::try_from(&name)?;
/// assert_eq!(std_addr.as_abstract_name(), Some(&b"app\0\xff"[..]));
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// std's own, an `InvalidInput` `io::Error`, for a pathname of 108 bytes:
/// std keeps room for a NUL after a path, so it builds none longer than 107
/// (the path is never cut short).
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl TryFrom<&UnixAddr> for SocketAddr {
    type Error = std::io::Error;

    #[inline]
    fn try_from(a: &UnixAddr) -> Result<SocketAddr, std::io::Error> {
        match a.kind() {
            UnixAddrKind::Pathname(path) => {
                SocketAddr::from_pathname(std::ffi::OsStr::from_bytes(path))
            }
            UnixAddrKind::Abstract(name) => SocketAddr::from_abstract_name(name),
            // std has no constructor for an unnamed address, but the empty
            // path gives one: its `sockaddr_un` is just the family.
            UnixAddrKind::Unnamed => SocketAddr::from_pathname(""),
        }
    }
}
