//! `UnixAddr`: `sockaddr_un` in its three forms (see `unix(7)`).

use core::cmp::Ordering;
use core::fmt;
use core::mem::{offset_of, size_of};

use linux_raw_sys::net::{sockaddr_un, AF_UNIX, UNIX_PATH_MAX};
use static_assertions::const_assert_eq;

use super::storage::FAMILY_LEN;
use super::AddrError;

pub(super) const UN_LEN: usize = size_of::<sockaddr_un>();
pub(super) const SUN_PATH: usize = offset_of!(sockaddr_un, sun_path);
/// Bytes in `sun_path`.
pub(super) const PATH_CAP: usize = UN_LEN - SUN_PATH;
const_assert_eq!(UN_LEN, 110);
const_assert_eq!(SUN_PATH, FAMILY_LEN);
const_assert_eq!(PATH_CAP, UNIX_PATH_MAX as usize);

/// The most bytes the kernel returns for an AF_UNIX address: a full
/// `sun_path` plus the NUL it appends to a 108-byte pathname.
pub(super) const UN_MAX_RETURNED: usize = UN_LEN + 1;

/// An AF_UNIX socket address: a pathname, an abstract name, or unnamed.
///
/// The constructors check every rule before any system call, and the
/// address keeps its exact bytes: no UTF-8, no trimming.
///
/// Its text (`Display`, and `FromStr`, the exact inverse) is the path, `@`
/// and the name, or `(unnamed)`, with `\` as `\\` and bytes outside
/// printable ASCII as `\xNN`; the `Display` impl gives the rule that keeps
/// a pathname from reading as another kind of address.
///
/// Addresses are ordered as their `sun_path` bytes are (as rustix orders
/// its `SocketAddrUnix`): the unnamed address, then abstract names, then
/// pathnames, each kind by its bytes; the order of [`UnixAddrKind`].
///
/// | form     | `sun_path`              | `addrlen`                         |
/// |----------|-------------------------|-----------------------------------|
/// | pathname | the path, NUL-ended if room | `2 + len + 1`, or 110 at 108 bytes |
/// | abstract | `\0` then the name      | `2 + 1 + len`                     |
/// | unnamed  | nothing                 | 2: the kernel autobinds a name    |
///
/// ```
/// use rawbind::{SockAddr, UnixAddr, UnixAddrKind};
/// let a = UnixAddr::new_abstract(b"app\0\xff")?;
/// assert_eq!(a.kind(), UnixAddrKind::Abstract(b"app\0\xff"));
/// assert_eq!(SockAddr::Unix(a).encode().len(), 2 + 1 + 5);
/// assert_eq!(a.to_string(), r"@app\x00\xff");
/// assert_eq!(a.to_string().parse(), Ok(a));
/// assert!(UnixAddr::unnamed() < a && a < UnixAddr::new(b"/")?);
/// # Ok::<(), rawbind::AddrError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
// `sun` first, so that the address handed to the kernel is the value's own.
#[repr(C)]
pub struct UnixAddr {
    /// The `sockaddr_un` itself: `sun_family`, then the path, or a NUL and
    /// the abstract name; zero past `addrlen`, to the end.
    sun: [u8; SUN_BUF],
    /// How many bytes of `sun` the kernel is given: 2 to `UN_LEN`. The form
    /// follows from it and the bytes: 2 is unnamed; a NUL first in
    /// `sun_path` is abstract; anything else is a pathname.
    addrlen: u8,
}

/// `sun`'s size: `sockaddr_un`'s 110 bytes and zeros to make the value 128,
/// so that `addrlen` masked to 7 bits is within `sun` by arithmetic alone
/// (no comparison on a bind's path), and a copy moves 128 bytes. The bytes
/// past `UN_LEN` are never handed to the kernel.
const SUN_BUF: usize = 127;
const_assert_eq!(size_of::<UnixAddr>(), 128);

/// Which named form [`UnixAddr::with`] builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Pathname,
    Abstract,
}

/// What a [`UnixAddr`] is, with its bytes.
///
/// Kinds are ordered as the `sun_path` bytes of their addresses: `Unnamed`
/// (no bytes), then `Abstract` (a NUL first), then `Pathname`, each by its
/// bytes.
///
/// ```
/// use rawbind::{UnixAddr, UnixAddrKind};
/// let a = UnixAddr::new_abstract(b"app\0")?;
/// assert_eq!(a.kind(), UnixAddrKind::Abstract(b"app\0"));
/// assert!(UnixAddrKind::Abstract(b"z") < UnixAddrKind::Pathname(b"a"));
/// // Debug shows the bytes as text, escaped where not printable ASCII.
/// assert_eq!(format!("{:?}", a.kind()), r#"Abstract("app\x00")"#);
/// # Ok::<(), rawbind::AddrError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnixAddrKind<'a> {
    /// A filesystem path (no NUL, 1..=108 bytes).
    Pathname(&'a [u8]),
    /// A name in the abstract namespace, without the leading NUL (0..=107 bytes, any values).
    Abstract(&'a [u8]),
    /// No name: binding it makes the kernel pick an abstract one.
    Unnamed,
}

impl UnixAddr {
    /// A pathname address: 1 to 108 bytes, none of them NUL.
    ///
    /// ```
    /// use rawbind::{AddrError, UnixAddr};
    /// assert!(UnixAddr::new(b"/run/app.sock").is_ok());
    /// assert_eq!(UnixAddr::new(b""), Err(AddrError::EmptyPath));
    /// ```
    ///
    /// # Errors
    /// [`AddrError::EmptyPath`] for no bytes, [`AddrError::PathTooLong`] for
    /// more than 108 (`sun_path`'s size, `unix(7)`), [`AddrError::InteriorNul`]
    /// for a NUL, which would end the path early.
    #[inline]
    pub fn new(path: &[u8]) -> Result<UnixAddr, AddrError> {
        if path.is_empty() {
            return Err(AddrError::EmptyPath);
        }
        if path.len() > PATH_CAP {
            return Err(AddrError::PathTooLong {
                len: path.len(),
                max: PATH_CAP,
            });
        }
        // `contains` searches a word at a time; only a failure needs the index.
        if path.contains(&0) {
            let at = path.iter().position(|&b| b == 0).unwrap_or_default();
            return Err(AddrError::InteriorNul { at });
        }
        Ok(UnixAddr::with(Form::Pathname, path))
    }

    /// An abstract-namespace address: 0 to 107 bytes of any value, NULs included.
    ///
    /// ```
    /// use rawbind::{AddrError, UnixAddr};
    /// assert_eq!(UnixAddr::new_abstract(&[0; 108]), Err(AddrError::AbstractNameTooLong { len: 108, max: 107 }));
    /// ```
    ///
    /// # Errors
    /// [`AddrError::AbstractNameTooLong`] for more than 107 bytes
    /// (`sun_path` less the leading NUL).
    #[inline]
    pub fn new_abstract(name: &[u8]) -> Result<UnixAddr, AddrError> {
        if name.len() > PATH_CAP - 1 {
            return Err(AddrError::AbstractNameTooLong {
                len: name.len(),
                max: PATH_CAP - 1,
            });
        }
        Ok(UnixAddr::with(Form::Abstract, name))
    }

    /// The unnamed address (`addrlen` 2): binding it autobinds an abstract name
    /// of five hex digits, on a socket not yet bound; on a bound one, bind
    /// does nothing and succeeds (`unix_autobind` in `net/unix/af_unix.c`).
    ///
    /// ```
    /// use rawbind::{SockAddr, UnixAddr, UnixAddrKind};
    /// assert_eq!(UnixAddr::unnamed().kind(), UnixAddrKind::Unnamed);
    /// assert_eq!(SockAddr::Unix(UnixAddr::unnamed()).encode().len(), 2);
    /// ```
    pub const fn unnamed() -> UnixAddr {
        let family = (AF_UNIX as u16).to_ne_bytes();
        let mut sun = [0; SUN_BUF];
        sun[0] = family[0];
        sun[1] = family[1];
        UnixAddr {
            sun,
            addrlen: SUN_PATH as u8,
        }
    }

    /// A pathname address from a `Path`, its bytes taken as they are.
    ///
    /// ```
    /// use rawbind::UnixAddr;
    /// let a = UnixAddr::from_path("/run/app.sock")?;
    /// assert_eq!(a, UnixAddr::new(b"/run/app.sock")?);
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    ///
    /// # Errors
    /// As [`UnixAddr::new`]'s: [`AddrError::EmptyPath`],
    /// [`AddrError::PathTooLong`], [`AddrError::InteriorNul`].
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<UnixAddr, AddrError> {
        use std::os::unix::ffi::OsStrExt;
        UnixAddr::new(path.as_ref().as_os_str().as_bytes())
    }

    /// Which form this is, with its bytes.
    ///
    /// ```
    /// use rawbind::{UnixAddr, UnixAddrKind};
    /// let a = UnixAddr::new(b"/run/app.sock")?;
    /// assert_eq!(a.kind(), UnixAddrKind::Pathname(b"/run/app.sock"));
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    #[inline]
    pub fn kind(&self) -> UnixAddrKind<'_> {
        let path = &self.sun[SUN_PATH..self.addrlen as usize];
        match path.split_first() {
            None => UnixAddrKind::Unnamed,
            Some((0, name)) => UnixAddrKind::Abstract(name),
            // The NUL after the path, if there was room for it, is not the path's.
            Some(_) => UnixAddrKind::Pathname(path.strip_suffix(&[0]).unwrap_or(path)),
        }
    }

    /// The path, if this is a pathname address (1 to 108 bytes, no NUL).
    ///
    /// ```
    /// use rawbind::UnixAddr;
    /// assert_eq!(UnixAddr::new(b"/run/app.sock")?.as_pathname(), Some(&b"/run/app.sock"[..]));
    /// assert_eq!(UnixAddr::new_abstract(b"app")?.as_pathname(), None);
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    #[inline]
    pub fn as_pathname(&self) -> Option<&[u8]> {
        match self.kind() {
            UnixAddrKind::Pathname(path) => Some(path),
            _ => None,
        }
    }

    /// The abstract name, without its leading NUL, if this is an abstract
    /// address (0 to 107 bytes of any value).
    ///
    /// ```
    /// use rawbind::UnixAddr;
    /// assert_eq!(UnixAddr::new_abstract(b"app\0\xff")?.as_abstract_name(), Some(&b"app\0\xff"[..]));
    /// assert_eq!(UnixAddr::unnamed().as_abstract_name(), None);
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    #[inline]
    pub fn as_abstract_name(&self) -> Option<&[u8]> {
        match self.kind() {
            UnixAddrKind::Abstract(name) => Some(name),
            _ => None,
        }
    }

    /// Whether this is the unnamed address: an unbound socket's, an
    /// unbound peer's, or the one that asks bind to autobind.
    ///
    /// ```
    /// use rawbind::UnixAddr;
    /// assert!(UnixAddr::unnamed().is_unnamed());
    /// assert!(!UnixAddr::new_abstract(b"")?.is_unnamed()); // an empty abstract name is a name
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    pub fn is_unnamed(&self) -> bool {
        usize::from(self.addrlen) == SUN_PATH
    }

    /// The path as a `Path`, if this is a pathname address: its bytes as
    /// they are, no UTF-8 needed.
    ///
    /// ```
    /// use rawbind::UnixAddr;
    /// use std::path::Path;
    /// assert_eq!(UnixAddr::new(b"/run/app.sock")?.path(), Some(Path::new("/run/app.sock")));
    /// assert_eq!(UnixAddr::unnamed().path(), None);
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    #[inline]
    pub fn path(&self) -> Option<&std::path::Path> {
        use std::os::unix::ffi::OsStrExt;
        let path = self.as_pathname()?;
        Some(std::path::Path::new(std::ffi::OsStr::from_bytes(path)))
    }

    /// `sockaddr_un` with the exact `addrlen` of its form.
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        // `addrlen` is at most `UN_LEN`, so the mask changes nothing; it
        // proves the bound without a comparison.
        &self.sun[..usize::from(self.addrlen) & 0x7f]
    }

    /// The address of `form` (pathname or abstract) named `name`, which the
    /// constructors have checked fits.
    #[inline]
    fn with(form: Form, name: &[u8]) -> UnixAddr {
        let mut addr = UnixAddr::unnamed();
        // An abstract name follows a NUL, which `sun` already holds.
        let at = SUN_PATH + usize::from(form == Form::Abstract);
        // The callers have checked that `name` fits; `min` changes nothing
        // then, and lets the optimiser prove that no index below can panic.
        let len = name.len().min(UN_LEN - at);
        let end = at + len;
        addr.sun[at..end].copy_from_slice(&name[..len]);
        // A pathname is given with the NUL after it, if `sun_path` has room.
        addr.addrlen = match form {
            Form::Pathname => (end + 1).min(UN_LEN),
            _ => end,
        } as u8;
        addr
    }

    /// An AF_UNIX address of 2 to [`UN_MAX_RETURNED`] bytes. A pathname ends
    /// at its first NUL, as the kernel reads it, and must fit `sun_path`; an
    /// abstract name must fit `sun_path` after its leading NUL.
    pub(crate) fn decode(b: &[u8]) -> Result<UnixAddr, AddrError> {
        let path = &b[SUN_PATH..];
        match path.first() {
            None => Ok(UnixAddr::unnamed()),
            Some(0) => UnixAddr::new_abstract(&path[1..]),
            Some(_) => {
                let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
                UnixAddr::new(&path[..end])
            }
        }
    }
}

impl UnixAddrKind<'_> {
    /// The order of `sun_path`: no bytes, then a NUL and the name, then a
    /// path (whose first byte is not NUL).
    fn sun_path_order(&self) -> (u8, &[u8]) {
        match *self {
            UnixAddrKind::Unnamed => (0, &[]),
            UnixAddrKind::Abstract(name) => (1, name),
            UnixAddrKind::Pathname(path) => (2, path),
        }
    }
}

impl Ord for UnixAddrKind<'_> {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.sun_path_order().cmp(&other.sun_path_order())
    }
}

impl PartialOrd for UnixAddrKind<'_> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// As its [`kind`](UnixAddr::kind): the constructors make one `UnixAddr`
/// for each kind and bytes, so this agrees with `Eq`.
impl Ord for UnixAddr {
    #[inline]
    fn cmp(&self, other: &UnixAddr) -> Ordering {
        self.kind().cmp(&other.kind())
    }
}

impl PartialOrd for UnixAddr {
    #[inline]
    fn partial_cmp(&self, other: &UnixAddr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for UnixAddr {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnixAddr({self})")
    }
}

impl fmt::Debug for UnixAddrKind<'_> {
    /// `Pathname("/run/a.sock")`, `Abstract("app\x00")`, `Unnamed`: the
    /// bytes as Rust's `escape_ascii` writes them, not a list of numbers.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnixAddrKind::Pathname(p) => write!(f, "Pathname(\"{}\")", p.escape_ascii()),
            UnixAddrKind::Abstract(n) => write!(f, "Abstract(\"{}\")", n.escape_ascii()),
            UnixAddrKind::Unnamed => f.write_str("Unnamed"),
        }
    }
}
