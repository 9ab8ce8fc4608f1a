//! The text form of an address: `Display`, and `FromStr`, its exact inverse.
//!
//! One list, [`text_kind`], says which kind of address a text reads as. The
//! parsers go by it, and `Display` goes by it to write the first byte of a
//! pathname it would read as another kind as `\xNN`: no two addresses are
//! written alike, and what is read back is what was written.

use core::fmt::{self, Write};
use core::net::SocketAddr;
use core::str::FromStr;

use super::storage::FAMILY_LEN;
use super::unix::PATH_CAP;
use super::{AddrError, SockAddr, UnixAddr, UnixAddrKind};

/// What a text reads as, by [`text_kind`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextKind {
    /// Claimed by nothing below: a Unix pathname.
    Pathname,
    /// `@` first: a Unix abstract name.
    Abstract,
    /// `(unnamed)`.
    Unnamed,
    /// An IPv4 or IPv6 socket address, as `core::net::SocketAddr` reads one.
    Ip(SocketAddr),
    /// `netlink:` first.
    Netlink,
    /// `vsock:` first.
    Vsock,
    /// `packet(` first: how a `LinkAddr` is written, for people only.
    Packet,
    /// A family's name (`AF_` and letters, digits, `_`) or number, then `(`:
    /// how `SockAddr::Other` is written, for people only.
    Raw,
}

/// The one list of what the parsers read text as: what nothing claims is a
/// pathname. `Display` escapes a pathname's first byte by the same list.
#[inline]
fn text_kind(t: &[u8]) -> TextKind {
    match t {
        [b'@', ..] => TextKind::Abstract,
        b"(unnamed)" => TextKind::Unnamed,
        _ if t.starts_with(b"netlink:") => TextKind::Netlink,
        _ if t.starts_with(b"vsock:") => TextKind::Vsock,
        _ if t.starts_with(b"packet(") => TextKind::Packet,
        _ if family_then_paren(t) || too_few_for_a_family(t) => TextKind::Raw,
        _ => match core::str::from_utf8(t).ok().and_then(|s| s.parse().ok()) {
            Some(ip) => TextKind::Ip(ip),
            None => TextKind::Pathname,
        },
    }
}

/// `AF_NAME(` or `NUMBER(`: a family as `Family` writes it, then `(`.
#[inline]
fn family_then_paren(t: &[u8]) -> bool {
    let Some(open) = t.iter().position(|&c| c == b'(') else {
        return false;
    };
    match &t[..open] {
        [b'A', b'F', b'_', name @ ..] => {
            !name.is_empty() && name.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
        }
        number => !number.is_empty() && number.iter().all(u8::is_ascii_digit),
    }
}

/// `()` or `(NN)`: the text of bytes too few to hold an `sa_family`, none
/// or one byte in lowercase hex.
#[inline]
fn too_few_for_a_family(t: &[u8]) -> bool {
    let hex = |c: &u8| c.is_ascii_digit() || (b'a'..=b'f').contains(c);
    match t {
        b"()" => true,
        [b'(', hi, lo, b')'] => hex(hi) && hex(lo),
        _ => false,
    }
}

/// The rule behind the first-byte escape: a pathname whose bytes, written
/// plainly, another kind of address would claim. Such bytes are all
/// printable ASCII other than `\`, so written plainly they are the text.
#[inline]
fn reads_as_another_kind(path: &[u8]) -> bool {
    text_kind(path) != TextKind::Pathname
}

/// A byte written as itself: printable ASCII but `\`.
#[inline]
fn plain(b: u8) -> bool {
    (0x20..=0x7e).contains(&b) && b != b'\\'
}

/// Bytes as text: printable ASCII as itself, `\` as `\\`, any other byte as
/// `\xNN` (two lowercase hex digits).
struct Escaped<'a>(&'a [u8]);

impl fmt::Display for Escaped<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0 {
            match b {
                b'\\' => f.write_str("\\\\")?,
                _ if plain(b) => f.write_char(char::from(b))?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        Ok(())
    }
}

/// Text `SockAddr`'s and `UnixAddr`'s parsers refuse, by what is wrong with it.
mod why {
    pub(super) const BAD_ESCAPE: &str =
        r"a \ must be followed by \, or by x and two lowercase hex digits";
    pub(super) const NEEDLESS_ESCAPE: &str =
        r"a printable ASCII byte is written as itself, not as \xNN (and \ as \\)";
    pub(super) const UNESCAPED: &str = r"a byte outside printable ASCII must be written as \xNN";
    pub(super) const NEEDLESS_FIRST_ESCAPE: &str = r"a pathname's first byte is written as \xNN only when the path would otherwise read as another kind of address";
    pub(super) const ANOTHER_KIND: &str = r"it reads as another kind of address (a pathname of these bytes is written with its first byte as \xNN)";
    pub(super) const PACKET: &str =
        "a packet address is written for people and not read back: build a LinkAddr";
    pub(super) const RAW: &str =
        "an address of a family rawbind does not model is written for people and not read back: build a RawSockAddr";
}

const PATHNAME: &str = "unix pathname";
const ABSTRACT: &str = "unix abstract name";

/// Reads `text`, escaped as [`Escaped`] writes bytes, into `out`. Gives how
/// many bytes it stands for, which may be more than `out` holds (the rest are
/// counted, not kept), and whether the first is a printable one written as
/// `\xNN`, which only a pathname may have (`first_escape`), and only when
/// [`reads_as_another_kind`].
#[inline]
fn unescape(
    text: &[u8],
    out: &mut [u8],
    kind: &'static str,
    first_escape: bool,
) -> Result<(usize, bool), AddrError> {
    let bad = |reason| AddrError::BadText { kind, why: reason };
    let (mut len, mut escaped_first) = (0, false);
    let mut rest = text;
    while let Some((&c, after)) = rest.split_first() {
        let (byte, after) = match (c, after) {
            (b'\\', [b'\\', after @ ..]) => (b'\\', after),
            (b'\\', [b'x', hi, lo, after @ ..]) => {
                let byte = hex(*hi)
                    .zip(hex(*lo))
                    .map(|(hi, lo)| (hi << 4) | lo)
                    .ok_or(bad(why::BAD_ESCAPE))?;
                if plain(byte) && len == 0 && first_escape {
                    escaped_first = true;
                } else if (0x20..=0x7e).contains(&byte) {
                    return Err(bad(why::NEEDLESS_ESCAPE));
                }
                (byte, after)
            }
            (b'\\', _) => return Err(bad(why::BAD_ESCAPE)),
            _ if plain(c) => (c, after),
            _ => return Err(bad(why::UNESCAPED)),
        };
        if let Some(slot) = out.get_mut(len) {
            *slot = byte;
        }
        len += 1;
        rest = after;
    }
    Ok((len, escaped_first))
}

/// A lowercase hex digit's value.
#[inline]
fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// A pathname's text.
#[inline]
fn read_pathname(text: &[u8]) -> Result<UnixAddr, AddrError> {
    let mut buf = [0; PATH_CAP];
    let (len, escaped_first) = unescape(text, &mut buf, PATHNAME, true)?;
    let path = buf
        .get(..len)
        .ok_or(AddrError::PathTooLong { len, max: PATH_CAP })?;
    if escaped_first && !reads_as_another_kind(path) {
        return Err(AddrError::BadText {
            kind: PATHNAME,
            why: why::NEEDLESS_FIRST_ESCAPE,
        });
    }
    UnixAddr::new(path)
}

/// An abstract name's text, after its `@`.
#[inline]
fn read_abstract(text: &[u8]) -> Result<UnixAddr, AddrError> {
    let mut buf = [0; PATH_CAP - 1];
    let (len, _) = unescape(text, &mut buf, ABSTRACT, false)?;
    let name = buf.get(..len).ok_or(AddrError::AbstractNameTooLong {
        len,
        max: PATH_CAP - 1,
    })?;
    UnixAddr::new_abstract(name)
}

/// Whether `value` is written as exactly `text`: compared as it is
/// written, with nothing allocated.
#[inline]
fn prints_as(value: &dyn fmt::Display, text: &str) -> bool {
    struct Rest<'a>(&'a str);
    impl Write for Rest<'_> {
        #[inline]
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
            Ok(())
        }
    }
    let mut rest = Rest(text);
    write!(rest, "{value}").is_ok() && rest.0.is_empty()
}

/// A text [`text_kind`] gives one of the Unix kinds.
#[inline]
fn read_unix(text: &str, kind: TextKind) -> Result<UnixAddr, AddrError> {
    let a = match kind {
        TextKind::Pathname => read_pathname(text.as_bytes())?,
        TextKind::Abstract => read_abstract(&text.as_bytes()[1..])?,
        TextKind::Unnamed => UnixAddr::unnamed(),
        _ => {
            return Err(AddrError::BadText {
                kind: "unix",
                why: why::ANOTHER_KIND,
            })
        }
    };
    debug_assert!(prints_as(&a, text), "{text:?} read as {a:?}");
    Ok(a)
}

/// The text form: a pathname's bytes, `@` and an abstract name's bytes, or
/// `(unnamed)`. Printable ASCII is written as itself, `\` as `\\`, and any
/// other byte as `\xNN`, two lowercase hex digits.
///
/// No two addresses are written alike. A pathname is never written like
/// another kind of address: where its bytes would read as one, its first
/// byte is written as `\xNN` too. That is a pathname that
/// - starts with `@` (an abstract name's text) or is `(unnamed)`;
/// - is an IPv4 or IPv6 socket address as [`core::net::SocketAddr`] reads
///   one (`127.0.0.1:80`, `[::1]:80`, `[0::1]:80`);
/// - starts with `netlink:`, `vsock:`, `packet(`, or a family's name or
///   number and `(` (`AF_INET6(`, `4000(`), or is `()` or `(` two hex
///   digits `)` (`(01)`), as [`SockAddr`]'s other kinds are written.
///
/// `FromStr` reads this text back, and nothing else.
///
/// ```
/// use rawbind::UnixAddr;
/// assert_eq!(UnixAddr::new(b"/run/a b\\\xff")?.to_string(), r"/run/a b\\\xff");
/// assert_eq!(UnixAddr::new_abstract(b"name\0")?.to_string(), r"@name\x00");
/// assert_eq!(UnixAddr::unnamed().to_string(), "(unnamed)");
/// // Pathnames that would read as another kind: the first byte escaped.
/// assert_eq!(UnixAddr::new(b"@name")?.to_string(), r"\x40name");
/// assert_eq!(UnixAddr::new(b"(unnamed)")?.to_string(), r"\x28unnamed)");
/// assert_eq!(UnixAddr::new(b"127.0.0.1:80")?.to_string(), r"\x3127.0.0.1:80");
/// # Ok::<(), rawbind::AddrError>(())
/// ```
impl fmt::Display for UnixAddr {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            UnixAddrKind::Pathname(p) => match p.split_first() {
                Some((first, rest)) if reads_as_another_kind(p) => {
                    write!(f, "\\x{first:02x}{}", Escaped(rest))
                }
                _ => write!(f, "{}", Escaped(p)),
            },
            UnixAddrKind::Abstract(n) => write!(f, "@{}", Escaped(n)),
            UnixAddrKind::Unnamed => f.write_str("(unnamed)"),
        }
    }
}

/// Reads the text `Display` writes, and only that: `a.to_string().parse()`
/// gives back `a` for every `UnixAddr`, and for every `s` it accepts,
/// `s.parse::<UnixAddr>()?.to_string()` is `s`.
///
/// `@` first is an abstract name, `(unnamed)` the unnamed address, and a
/// text no kind of address claims (see `Display`) a pathname.
///
/// ```
/// use rawbind::{AddrError, UnixAddr};
/// assert_eq!("/run/a.sock".parse(), UnixAddr::new(b"/run/a.sock"));
/// assert_eq!(r"@app\x00\xff".parse(), UnixAddr::new_abstract(b"app\0\xff"));
/// assert_eq!(r"\x40app".parse(), UnixAddr::new(b"@app"));
/// assert_eq!("(unnamed)".parse(), Ok(UnixAddr::unnamed()));
/// assert!(matches!("/a\\x41".parse::<UnixAddr>(), Err(AddrError::BadText { .. })));
/// ```
///
/// # Errors
///
/// [`AddrError::BadText`] for text `Display` never writes: a `\` not
/// followed by `\` or by `x` and two lowercase hex digits; `\xNN` for a
/// printable ASCII byte (but for a pathname's first byte, as above); a byte
/// outside printable ASCII written as itself; text that reads as another
/// kind of address. Then, for the bytes the text stands for, the
/// constructors' errors: [`AddrError::EmptyPath`] (the empty text),
/// [`AddrError::PathTooLong`], [`AddrError::InteriorNul`] (`\x00`) and
/// [`AddrError::AbstractNameTooLong`].
impl FromStr for UnixAddr {
    type Err = AddrError;

    #[inline]
    fn from_str(s: &str) -> Result<UnixAddr, AddrError> {
        read_unix(s, text_kind(s.as_bytes()))
    }
}

/// `127.0.0.1:80`, `[::1]:80`, `[fe80::1%2]:80` (as `core::net` writes
/// them: an IPv6 address's flow info is not written), a [`UnixAddr`] as it
/// writes itself (`/run/a.sock`, `@name`, `(unnamed)`), a
/// [`NetlinkAddr`](crate::NetlinkAddr)'s `netlink:PID:0xGROUPS`, a
/// [`VsockAddr`](crate::VsockAddr)'s `vsock:CID:PORT`, and, for people
/// only, `packet(ifindex=1, protocol=0x0003)` with `, addr=…` for a
/// hardware address, or another family's name and the bytes after
/// `sa_family` in hex (`AF_UNSPEC()`; bytes too few to hold an `sa_family`
/// have no family to name: `()` for none, `(01)` for one).
///
/// `FromStr` reads back all but the last two, which it refuses.
///
/// ```
/// use rawbind::{LinkAddr, SockAddr, UnixAddr};
/// let v6 = SockAddr::from("[fe80::1%2]:80".parse::<std::net::SocketAddr>().unwrap());
/// assert_eq!(v6.to_string(), "[fe80::1%2]:80");
/// assert_eq!(SockAddr::from(UnixAddr::new(b"[::1]:80")?).to_string(), r"\x5b::1]:80");
/// assert_eq!(SockAddr::from(LinkAddr::new(3, 1)).to_string(), "packet(ifindex=1, protocol=0x0003)");
/// # Ok::<(), rawbind::AddrError>(())
/// ```
impl fmt::Display for SockAddr {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SockAddr::V4(a) => fmt::Display::fmt(a, f),
            SockAddr::V6(a) => fmt::Display::fmt(a, f),
            SockAddr::Unix(a) => fmt::Display::fmt(a, f),
            SockAddr::Link(a) => {
                write!(
                    f,
                    "packet(ifindex={}, protocol={:#06x}",
                    a.ifindex, a.protocol
                )?;
                let halen = usize::from(a.halen).min(a.addr.len());
                for (i, b) in a.addr[..halen].iter().enumerate() {
                    f.write_str(if i == 0 { ", addr=" } else { ":" })?;
                    write!(f, "{b:02x}")?;
                }
                f.write_str(")")
            }
            SockAddr::Netlink(a) => fmt::Display::fmt(a, f),
            SockAddr::Vsock(a) => fmt::Display::fmt(a, f),
            SockAddr::Other(raw) => {
                let bytes = raw.as_bytes();
                // Fewer bytes than `sa_family`: no family to name, so all
                // of them in hex.
                let after_family = match bytes.get(FAMILY_LEN..) {
                    Some(rest) => {
                        write!(f, "{}", self.family())?;
                        rest
                    }
                    None => bytes,
                };
                f.write_str("(")?;
                for b in after_family {
                    write!(f, "{b:02x}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// Reads the text `Display` writes: `a.to_string().parse()` gives back `a`
/// for every V4 address, every V6 one with flow info 0 (the scope id is
/// kept; the flow info is not written, so it reads back as 0), and every
/// Unix, netlink and vsock address. An IP address is read as [`core::net::SocketAddr`] reads
/// one, so `[0::1]:80` is `[::1]:80`, as std reads it; any other text is
/// read only as `Display` writes it, so for every `s` it accepts that is
/// not an IP address, `s.parse::<SockAddr>()?.to_string()` is `s`.
///
/// The text's start says its kind, in this order:
/// - `@`: an abstract Unix name; `(unnamed)`: the unnamed Unix address;
/// - `netlink:` and `vsock:`: a [`NetlinkAddr`](crate::NetlinkAddr) or
///   [`VsockAddr`](crate::VsockAddr), as its own `FromStr` reads it;
/// - `packet(`, a family's name or number and `(`, or the whole text `()`
///   or `(NN)`: refused, as the text of a [`LinkAddr`](crate::LinkAddr) or
///   [`SockAddr::Other`] is written for people, not to be read back;
/// - an IPv4 or IPv6 socket address as [`core::net::SocketAddr`] reads one:
///   that address;
/// - anything else: a Unix pathname, as [`UnixAddr`]'s `FromStr` reads it.
///
/// So a relative path is any text no other kind claims: `127.0.0.1:99999`
/// (a port out of range) is the path of that name. Where a typo should not
/// name a file, check the [`UnixAddr::kind`] of what was read.
///
/// ```
/// use rawbind::{AddrError, SockAddr, UnixAddr};
/// use std::net::SocketAddr;
/// for text in ["127.0.0.1:80", "[fe80::1%2]:80", "/run/a.sock", "@name", r"\x40name", "(unnamed)"] {
///     assert_eq!(text.parse::<SockAddr>()?.to_string(), text);
/// }
/// assert_eq!("[::1]:80".parse(), Ok(SockAddr::from("[::1]:80".parse::<SocketAddr>().unwrap())));
/// assert_eq!("@name".parse(), Ok(SockAddr::from(UnixAddr::new_abstract(b"name")?)));
/// assert_eq!(r"\x40name".parse(), Ok(SockAddr::from(UnixAddr::new(b"@name")?)));
/// assert_eq!("[0::1]:80".parse::<SockAddr>()?.to_string(), "[::1]:80");
/// assert_eq!(
///     "packet(ifindex=1, protocol=0x0003)".parse::<SockAddr>(),
///     Err(AddrError::BadText {
///         kind: "packet",
///         why: "a packet address is written for people and not read back: build a LinkAddr",
///     })
/// );
/// # Ok::<(), rawbind::AddrError>(())
/// ```
///
/// # Errors
///
/// [`AddrError::BadText`] for text `Display` never writes, saying what is
/// wrong, and the errors of [`UnixAddr`]'s `FromStr` for a Unix address's
/// text.
impl FromStr for SockAddr {
    type Err = AddrError;

    #[inline]
    fn from_str(s: &str) -> Result<SockAddr, AddrError> {
        let bad = |kind, why| Err(AddrError::BadText { kind, why });
        match text_kind(s.as_bytes()) {
            TextKind::Ip(ip) => Ok(ip.into()),
            TextKind::Netlink => s.parse().map(SockAddr::Netlink),
            TextKind::Vsock => s.parse().map(SockAddr::Vsock),
            TextKind::Packet => bad("packet", why::PACKET),
            TextKind::Raw => bad("raw", why::RAW),
            kind @ (TextKind::Pathname | TextKind::Abstract | TextKind::Unnamed) => {
                read_unix(s, kind).map(SockAddr::Unix)
            }
        }
    }
}
