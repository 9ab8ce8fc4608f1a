//! `SockAddr`: the socket addresses rawbind serializes for the kernel and
//! decodes from it.

use core::fmt;
use core::net::{SocketAddr, SocketAddrV4, SocketAddrV6};

use linux_raw_sys::net::{AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_UNIX, AF_VSOCK};

mod arg;
mod digits;
mod error;
mod from;
mod inet;
mod link;
mod netlink;
mod storage;
mod strace;
mod text;
mod unix;
#[cfg(feature = "std")]
mod unix_std;
mod vsock;

pub use arg::AsSockAddr;
pub use error::AddrError;
pub use from::FromSockAddr;
pub use link::LinkAddr;
pub use netlink::NetlinkAddr;
pub use storage::RawSockAddr;
pub use unix::{UnixAddr, UnixAddrKind};
pub use vsock::VsockAddr;

use crate::family::Family;
pub(crate) use storage::CAPACITY;

/// A socket address of any family rawbind knows, or the raw bytes of one it
/// does not.
///
/// [`encode`](SockAddr::encode) gives the exact bytes and `addrlen` the kernel
/// expects; [`decode`](SockAddr::decode) reads what the kernel returns.
///
/// | variant   | C struct       | `addrlen`                         |
/// |-----------|----------------|-----------------------------------|
/// | `V4`      | `sockaddr_in`  | 16                                |
/// | `V6`      | `sockaddr_in6` | 28                                |
/// | `Unix`    | `sockaddr_un`  | by form, see [`UnixAddr`]         |
/// | `Link`    | `sockaddr_ll`  | 20 (the kernel returns 12 + `sll_halen`) |
/// | `Netlink` | `sockaddr_nl`  | 12                                |
/// | `Vsock`   | `sockaddr_vm`  | 16                                |
/// | `Other`   | any            | as given                          |
///
/// ```
/// use rawbind::SockAddr;
/// let a = SockAddr::from("[::1]:8080".parse::<std::net::SocketAddr>().unwrap());
/// assert_eq!(a.encode().len(), 28);
/// assert_eq!(SockAddr::decode(a.encode().as_bytes()), Ok(a));
/// assert_eq!(a.to_string(), "[::1]:8080");
/// assert_eq!("[::1]:8080".parse(), Ok(a));
/// ```
///
/// Its text (`Display`, and `FromStr`, the exact inverse) is the usual one:
/// `127.0.0.1:80`, `[fe80::1%2]:80`, and a [`UnixAddr`]'s; no two addresses
/// are written alike (see the `Display` and `FromStr` impls).
///
/// Addresses are ordered by variant, in the order above (`V4` before `V6`,
/// as `core::net::SocketAddr` orders them), then by the variant's own order:
/// [`UnixAddr`]'s, [`LinkAddr`]'s and [`RawSockAddr`]'s say theirs.
///
/// ```
/// use rawbind::{SockAddr, UnixAddr};
/// let v4: SockAddr = "127.0.0.1:80".parse()?;
/// let v6: SockAddr = "[::1]:80".parse()?;
/// let unix = SockAddr::from(UnixAddr::unnamed());
/// assert!(v4 < v6 && v6 < unix);
/// # Ok::<(), rawbind::AddrError>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SockAddr {
    /// An IPv4 address and port: `sockaddr_in`.
    V4(SocketAddrV4),
    /// An IPv6 address, port, flow info and scope id: `sockaddr_in6`.
    ///
    /// `flowinfo()` (traffic class and flow label, as numbers) goes to the
    /// kernel in network byte order, as `sin6_flowinfo` is defined
    /// (`__be32`, `ipv6(7)`), and is read back the same way; `scope_id()`
    /// in host order. std's own socket calls copy `flowinfo()` unswapped
    /// (rust-lang/rust#101605), so on a little-endian machine the same
    /// `SocketAddrV6` sends another flow label through std than through
    /// rawbind, and std reads rawbind's back swapped.
    V6(SocketAddrV6),
    /// An AF_UNIX address: `sockaddr_un`.
    Unix(UnixAddr),
    /// An AF_PACKET address: `sockaddr_ll`.
    Link(LinkAddr),
    /// An AF_NETLINK address: `sockaddr_nl`.
    Netlink(NetlinkAddr),
    /// An AF_VSOCK address: `sockaddr_vm`.
    Vsock(VsockAddr),
    /// An address of a family rawbind does not model (AF_BLUETOOTH,
    /// AF_CAN, …), kept byte for byte as the kernel returned it. `decode`
    /// makes this variant only for such families, and for AF_NETLINK,
    /// AF_VSOCK and AF_PACKET bytes their types cannot hold (see
    /// [`SockAddr::decode`]); one
    /// built by hand with the bytes of a typed variant encodes as given but
    /// decodes back as that variant.
    Other(RawSockAddr),
}

impl SockAddr {
    /// The address family: for [`SockAddr::Other`], its `sa_family` field
    /// (`Unspec` if it is too short to have one).
    ///
    /// ```
    /// use rawbind::{Family, SockAddr};
    /// let a = SockAddr::from(std::net::SocketAddr::from(([0u16; 8], 0)));
    /// assert_eq!(a.family(), Family::Inet6);
    /// ```
    #[inline]
    pub fn family(&self) -> Family {
        match self {
            SockAddr::V4(_) => Family::Inet,
            SockAddr::V6(_) => Family::Inet6,
            SockAddr::Unix(_) => Family::Unix,
            SockAddr::Link(_) => Family::Packet,
            SockAddr::Netlink(_) => Family::Netlink,
            SockAddr::Vsock(_) => Family::Vsock,
            SockAddr::Other(raw) => raw.family().unwrap_or(Family::Unspec),
        }
    }

    /// The bytes and `addrlen` to hand the kernel, in a `sockaddr_storage`-sized buffer.
    ///
    /// ```
    /// use rawbind::SockAddr;
    /// let a = SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 80)));
    /// let raw = a.encode();
    /// assert_eq!(raw.len(), 16); // sizeof(struct sockaddr_in)
    /// assert_eq!(&raw.as_bytes()[2..8], &[0, 80, 127, 0, 0, 1]); // port and address, big-endian
    /// assert_eq!(SockAddr::decode(raw.as_bytes()), Ok(a));
    /// ```
    #[inline]
    pub fn encode(&self) -> RawSockAddr {
        self.with_bytes(RawSockAddr::copy_of)
    }

    /// Lends `f` the address exactly as the kernel reads it (`bytes.len()` is
    /// the `addrlen`), serialized on the stack at its own size: the cheap way
    /// to pass it to a system call, which [`bind`](crate::bind) takes.
    ///
    /// ```
    /// use rawbind::SockAddr;
    /// let a = SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 80)));
    /// a.with_bytes(|bytes| assert_eq!(bytes, a.encode().as_bytes()));
    /// assert_eq!(a.with_bytes(<[u8]>::len), 16);
    /// ```
    #[inline(always)]
    pub fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            SockAddr::V4(a) => f(&inet::sockaddr_v4(a)),
            SockAddr::V6(a) => f(&inet::sockaddr_v6(a)),
            SockAddr::Unix(a) => f(a.as_bytes()),
            SockAddr::Link(a) => f(&a.sockaddr_ll()),
            SockAddr::Netlink(a) => f(&a.sockaddr_nl()),
            SockAddr::Vsock(a) => f(&a.sockaddr_vm()),
            SockAddr::Other(raw) => f(raw.as_bytes()),
        }
    }

    /// Reads an address the kernel wrote: `bytes` is exactly `addrlen` long.
    ///
    /// AF_INET and AF_INET6 need their exact sizes (16, 28); AF_UNIX takes 2
    /// to 111 bytes (the kernel appends a NUL to a 108-byte path), a pathname
    /// ending at its first NUL as the kernel reads it; AF_PACKET takes 12 to 20
    /// (the kernel returns only `sll_halen` bytes of `sll_addr`): all 20, or
    /// 12 + `sll_halen`, and any other length in that range, another struct
    /// of the family (a SOCK_PACKET socket's 16-byte `sockaddr_pkt`, which
    /// holds a device name), becomes [`SockAddr::Other`]. AF_NETLINK
    /// and AF_VSOCK are typed in the one form the kernel writes them: 12 bytes
    /// with `nl_pad` zero, and 16 bytes with `svm_reserved1` and `svm_zero`
    /// zero; any other bytes of those two families (another length, a padding
    /// or reserved byte set) become [`SockAddr::Other`], not an error, since
    /// their types could not give them back. Any other family becomes
    /// [`SockAddr::Other`] with its bytes kept; so does, through
    /// [`getsockname`](crate::getsockname), an AF_PACKET address whose hardware
    /// address is longer than `sll_addr`'s 8 bytes (InfiniBand's is 20).
    ///
    /// What the typed variants do not keep, on purpose, is what the kernel
    /// itself ignores: `sin_zero` (an AF_INET address's bytes 8 to 16, which
    /// [`SockAddr::encode`] writes as zeroes), the bytes after a pathname's
    /// first NUL, and how many of `sll_addr`'s 8 bytes an AF_PACKET answer
    /// carried (`encode` gives all 20; `sll_halen` says how many count). A
    /// pathname of more than 108 bytes before its first NUL is
    /// [`AddrError::PathTooLong`].
    ///
    /// ```
    /// use rawbind::{AddrError, Family, NetlinkAddr, SockAddr};
    /// assert_eq!(SockAddr::decode(&[1]), Err(AddrError::Truncated { len: 1 }));
    /// let v4 = Family::Inet.raw().to_ne_bytes();
    /// assert_eq!(
    ///     SockAddr::decode(&v4),
    ///     Err(AddrError::BadLength { family: Family::Inet, len: 2, min: 16, max: 16 })
    /// );
    /// // sockaddr_nl: nl_family, nl_pad, nl_pid 7, nl_groups 1.
    /// let family = Family::Netlink.raw().to_ne_bytes();
    /// let nl = [&family[..], &[0, 0], &7u32.to_ne_bytes(), &1u32.to_ne_bytes()].concat();
    /// assert_eq!(SockAddr::decode(&nl), Ok(SockAddr::Netlink(NetlinkAddr::new(7, 1))));
    /// // With nl_pad set: kept as it came.
    /// let padded = [&family[..], &[1, 0], &nl[4..]].concat();
    /// assert!(matches!(SockAddr::decode(&padded), Ok(SockAddr::Other(raw)) if raw.as_bytes() == padded));
    /// ```
    ///
    /// # Errors
    /// [`AddrError::Truncated`] for fewer than 2 bytes (no `sa_family`),
    /// [`AddrError::TooLong`] for more than 128, [`AddrError::BadLength`]
    /// for a length no address of a modelled family has, and the
    /// [`UnixAddr`] constructors' errors for a `sun_path` they refuse.
    #[inline]
    pub fn decode(bytes: &[u8]) -> Result<SockAddr, AddrError> {
        match from::family_of(bytes)? {
            AF_INET => from::read_checked(bytes).map(SockAddr::V4),
            AF_INET6 => from::read_checked(bytes).map(SockAddr::V6),
            AF_UNIX => from::read_checked(bytes).map(SockAddr::Unix),
            AF_PACKET => match from::read_checked(bytes) {
                Err(AddrError::HalenMismatch { .. }) => {
                    Ok(SockAddr::Other(RawSockAddr::copy_of_cold(bytes)))
                }
                link => link.map(SockAddr::Link),
            },
            AF_NETLINK => Ok(NetlinkAddr::decode(bytes).map_or_else(
                || SockAddr::Other(RawSockAddr::copy_of_cold(bytes)),
                SockAddr::Netlink,
            )),
            AF_VSOCK => Ok(VsockAddr::decode(bytes).map_or_else(
                || SockAddr::Other(RawSockAddr::copy_of_cold(bytes)),
                SockAddr::Vsock,
            )),
            // `family_of` has checked the length.
            _ => Ok(SockAddr::Other(RawSockAddr::copy_of_cold(bytes))),
        }
    }

    /// The address as `strace -e trace=bind` prints it, e.g.
    /// `{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}`.
    ///
    /// Where strace would ask the system (an interface name for an index), the
    /// number is printed instead: formatting makes no system calls.
    ///
    /// ```
    /// use rawbind::{SockAddr, UnixAddr};
    /// let a = SockAddr::Unix(UnixAddr::new(b"/run/app.sock")?);
    /// assert_eq!(a.strace().to_string(), r#"{sa_family=AF_UNIX, sun_path="/run/app.sock"}"#);
    /// # Ok::<(), rawbind::AddrError>(())
    /// ```
    pub fn strace(&self) -> impl fmt::Display + '_ {
        strace::Strace(self)
    }
}

/// An `N`-byte address of `family`, zero but for its `sa_family` field.
#[inline]
fn wire_start<const N: usize>(family: u32) -> [u8; N] {
    let mut b = [0; N];
    put(&mut b, 0, (family as u16).to_ne_bytes());
    b
}

/// Writes field `src` at byte `at` of an address being built (every caller
/// writes within `b`).
// Always inlined: with its offset and length constant, a store or two, where
// a call (at opt-level "z") would cost more than the body. An array
// assignment, not `copy_from_slice`, which "z" would leave a call.
#[inline(always)]
fn put<const N: usize, const M: usize>(b: &mut [u8; N], at: usize, src: [u8; M]) {
    if let Some(dst) = b
        .split_at_mut_checked(at)
        .and_then(|(_, rest)| rest.first_chunk_mut::<M>())
    {
        *dst = src;
    }
}

/// The `N` bytes of a field at byte `at`, zero where `b` ends first (the
/// kernel returns only part of some addresses, such as `sll_addr`).
// Always inlined, as `put`: with the length known, a load.
#[inline(always)]
fn field<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    // The whole field: where the length is known, a plain load.
    if let Some(whole) = b.get(at..at.saturating_add(N)) {
        out.copy_from_slice(whole);
        return out;
    }
    let have = b.get(at..).unwrap_or_default();
    let n = have.len().min(N);
    out[..n].copy_from_slice(&have[..n]);
    out
}

/// `TryFrom<SockAddr>` for the type each variant holds (and `SocketAddr` for
/// both IP ones), failing with [`AddrError::WrongFamily`] for any other.
/// The types that implement [`FromSockAddr`] read a [`SockAddr::Other`]
/// from its bytes as `from_sock_addr` does: `A::try_from(SockAddr::decode(b)?)`
/// is `A::from_sock_addr(b)`, so an `Other` that holds AF_PACKET bytes that
/// are not a `sockaddr_ll` is [`AddrError::HalenMismatch`] for `LinkAddr`,
/// and netlink or vsock bytes with a reserved field set are
/// [`AddrError::ReservedNotZero`] for `NetlinkAddr` or `VsockAddr`.
///
/// ```
/// use rawbind::{AddrError, Family, SockAddr, UnixAddr};
/// let ip = std::net::SocketAddr::from(([127, 0, 0, 1], 80));
/// assert_eq!(std::net::SocketAddr::try_from(SockAddr::from(ip)), Ok(ip));
/// assert_eq!(
///     std::net::SocketAddr::try_from(SockAddr::Unix(UnixAddr::unnamed())),
///     Err(AddrError::WrongFamily { expected: "AF_INET or AF_INET6", found: Family::Unix })
/// );
/// ```
macro_rules! try_from_sock_addr {
    // `$ty => its family's name, the variants that hold it`, and `, Other`
    // for a type that reads an `Other` through its `FromSockAddr`.
    ($($ty:ty => $expected:expr, $($variant:ident)|+ $(, $other:ident)?;)*) => {$(
        impl TryFrom<SockAddr> for $ty {
            type Error = AddrError;

            #[inline]
            fn try_from(a: SockAddr) -> Result<$ty, AddrError> {
                match a {
                    $(SockAddr::$variant(inner) => Ok(inner.into()),)+
                    $(SockAddr::$other(raw) => <$ty as FromSockAddr>::from_sock_addr(raw.as_bytes()),)?
                    other => Err(AddrError::WrongFamily {
                        expected: const { $expected },
                        found: other.family(),
                    }),
                }
            }
        }
    )*};
}

// Each family's name is `Family`'s; SocketAddr takes either IP family.
try_from_sock_addr! {
    SocketAddr => "AF_INET or AF_INET6", V4 | V6, Other;
    SocketAddrV4 => from::family_name(AF_INET), V4, Other;
    SocketAddrV6 => from::family_name(AF_INET6), V6, Other;
    UnixAddr => from::family_name(AF_UNIX), Unix, Other;
    LinkAddr => from::family_name(AF_PACKET), Link, Other;
    NetlinkAddr => from::family_name(AF_NETLINK), Netlink, Other;
    VsockAddr => from::family_name(AF_VSOCK), Vsock, Other;
}

impl From<SocketAddr> for SockAddr {
    fn from(a: SocketAddr) -> SockAddr {
        match a {
            SocketAddr::V4(a) => SockAddr::V4(a),
            SocketAddr::V6(a) => SockAddr::V6(a),
        }
    }
}

impl From<SocketAddrV4> for SockAddr {
    fn from(a: SocketAddrV4) -> SockAddr {
        SockAddr::V4(a)
    }
}

impl From<SocketAddrV6> for SockAddr {
    fn from(a: SocketAddrV6) -> SockAddr {
        SockAddr::V6(a)
    }
}

impl From<UnixAddr> for SockAddr {
    fn from(a: UnixAddr) -> SockAddr {
        SockAddr::Unix(a)
    }
}

impl From<LinkAddr> for SockAddr {
    fn from(a: LinkAddr) -> SockAddr {
        SockAddr::Link(a)
    }
}

impl From<NetlinkAddr> for SockAddr {
    fn from(a: NetlinkAddr) -> SockAddr {
        SockAddr::Netlink(a)
    }
}

impl From<VsockAddr> for SockAddr {
    fn from(a: VsockAddr) -> SockAddr {
        SockAddr::Vsock(a)
    }
}
