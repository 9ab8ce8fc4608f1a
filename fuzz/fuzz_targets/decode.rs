//! `SockAddr::decode` on arbitrary bytes: it never panics, and it loses
//! nothing but what its documented canonical forms drop.
//!
//! Every input is checked against a model of the contract written here from
//! the docs, independently of rawbind's code:
//!
//! | input (`len` bytes, `sa_family` first)    | `decode` gives  | `encode` of that gives back              |
//! |-------------------------------------------|-----------------|------------------------------------------|
//! | `len < 2`                                 | `Truncated`     |                                          |
//! | `len > 128`                               | `TooLong`       |                                          |
//! | AF_INET, 16                               | `V4`            | the input, `sin_zero` (bytes 8..16) zero |
//! | AF_INET, other lengths                    | `BadLength` 16..=16 |                                      |
//! | AF_INET6, 28                              | `V6`            | the input                                |
//! | AF_INET6, other lengths                   | `BadLength` 28..=28 |                                      |
//! | AF_UNIX, 2                                | unnamed         | the input                                |
//! | AF_UNIX, `\0` + name of 0..=107           | abstract        | the input                                |
//! | AF_UNIX, `\0` + name of 108               | `AbstractNameTooLong` |                                    |
//! | AF_UNIX, path up to its first NUL, 1..=108 | pathname       | the input up to that NUL, then one NUL (none at 108) |
//! | AF_UNIX, path of 109 before any NUL       | `PathTooLong`   |                                          |
//! | AF_UNIX, more than 111                    | `BadLength` 2..=111 |                                      |
//! | AF_PACKET, 20, or 12 + `sll_halen` (byte 11) | `Link`        | the input, zero-filled to 20             |
//! | AF_PACKET, 12..=19 otherwise (`sockaddr_pkt`) | `Other`     | the input, byte for byte                 |
//! | AF_PACKET, other lengths                  | `BadLength` 12..=20 |                                      |
//! | AF_NETLINK, 12, `nl_pad` (2..4) zero      | `Netlink`       | the input                                |
//! | AF_VSOCK, 16, `svm_reserved1` (2..4) and `svm_zero` (13..16) zero | `Vsock` | the input                  |
//! | AF_NETLINK or AF_VSOCK otherwise, 2..=128 | `Other`         | the input, byte for byte                 |
//! | any other family, 2..=128                 | `Other`         | the input, byte for byte                 |
//!
//! and, for everything decoded: `decode(encode(a)) == a`, `with_bytes` lends
//! the same bytes as `encode`, the family is the input's `sa_family`, the
//! typed fields are the input's bytes read as `ip(7)`, `ipv6(7)`, `unix(7)`,
//! `packet(7)`, `netlink(7)` and `vsock(7)` say (`svm_flags` at byte 12),
//! `Display`, `strace()` and the error's `Display` do not panic, and
//! `Display`'s text reads back (`FromStr`) as the address (an IPv6 one with
//! flow info 0, which is not written), or, for AF_PACKET and the families
//! rawbind keeps raw, is refused as `BadText`: never as another address.
//! Each one-family `FromSockAddr` agrees with `decode` for its family and
//! refuses every other as `WrongFamily`.

#![no_main]

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};

use libfuzzer_sys::fuzz_target;
use rawbind::{
    AddrError, Family, FromSockAddr, LinkAddr, NetlinkAddr, SockAddr, UnixAddr, UnixAddrKind,
    VsockAddr,
};

/// `sockaddr_storage`.
const CAPACITY: usize = 128;
/// `sun_path`.
const PATH_CAP: usize = 108;
const AF_UNIX: u16 = 1;
const AF_INET: u16 = 2;
const AF_INET6: u16 = 10;
const AF_NETLINK: u16 = 16;
const AF_PACKET: u16 = 17;
const AF_VSOCK: u16 = 40;

fuzz_target!(|data: &[u8]| check(data));

fn check(b: &[u8]) {
    // The model's numbers are restated from the manual pages; rawbind's
    // come from linux-raw-sys. They must agree.
    assert_eq!(
        [AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_VSOCK],
        [
            Family::Unix,
            Family::Inet,
            Family::Inet6,
            Family::Netlink,
            Family::Packet,
            Family::Vsock,
        ]
        .map(Family::raw)
    );
    from_sock_addr_agrees(b);
    let got = SockAddr::decode(b);
    let want = model(b);
    let a = match (got, want) {
        (Ok(a), Ok(canonical)) => {
            assert_eq!(
                a.encode().as_bytes(),
                &canonical[..],
                "{b:?} decoded as {a:?}, which encodes otherwise than the contract says"
            );
            a
        }
        (Err(e), Err(w)) => {
            assert_eq!(e, w, "{b:?} refused with the wrong error");
            let mut s = String::new();
            write!(s, "{e}").unwrap();
            assert!(!s.is_empty());
            return;
        }
        (got, want) => panic!("{b:?}: decode gave {got:?}, the contract says {want:?}"),
    };

    // Nothing decoded changes when it goes round again.
    assert_eq!(SockAddr::decode(a.encode().as_bytes()), Ok(a), "{b:?}");
    a.with_bytes(|lent| assert_eq!(lent, a.encode().as_bytes(), "{b:?}"));
    assert_eq!(a.encode().len() as usize, a.encode().as_bytes().len());

    let family = u16::from_ne_bytes([b[0], b[1]]);
    assert_eq!(a.family(), Family::from_raw(family), "{b:?}");
    assert_eq!(a.family().raw(), family, "{b:?}");
    fields(b, family, &a);

    let mut s = String::new();
    write!(s, "{a}").unwrap();
    text(&a, &s);
    write!(s, "{}", a.strace()).unwrap();
    write!(s, "{a:?}").unwrap();
}

/// `text`, `a`'s `Display`, reads back as `a`, or is refused.
fn text(a: &SockAddr, text: &str) {
    let read = text.parse::<SockAddr>();
    match *a {
        SockAddr::V6(v6) => {
            let written = SocketAddrV6::new(*v6.ip(), v6.port(), 0, v6.scope_id());
            assert_eq!(read, Ok(SockAddr::V6(written)), "{a:?} as {text:?}");
        }
        SockAddr::V4(_) | SockAddr::Unix(_) | SockAddr::Netlink(_) | SockAddr::Vsock(_) => {
            assert_eq!(read, Ok(*a), "{a:?} as {text:?}")
        }
        _ => assert!(
            matches!(read, Err(AddrError::BadText { .. })),
            "{a:?} as {text:?} read as {read:?}"
        ),
    }
}

/// The contract: the canonical bytes `decode` then `encode` give for `b`,
/// or the error `decode` refuses it with.
fn model(b: &[u8]) -> Result<Vec<u8>, AddrError> {
    let len = b.len();
    if len < 2 {
        return Err(AddrError::Truncated { len });
    }
    if len > CAPACITY {
        return Err(AddrError::TooLong { len, max: CAPACITY });
    }
    let family = u16::from_ne_bytes([b[0], b[1]]);
    let bad = |min, max| AddrError::BadLength {
        family: Family::from_raw(family),
        len,
        min,
        max,
    };
    match family {
        AF_INET if len == 16 => {
            let mut c = b[..8].to_vec();
            c.resize(16, 0);
            Ok(c)
        }
        AF_INET => Err(bad(16, 16)),
        AF_INET6 if len == 28 => Ok(b.to_vec()),
        AF_INET6 => Err(bad(28, 28)),
        AF_UNIX if len > PATH_CAP + 3 => Err(bad(2, PATH_CAP + 3)),
        AF_UNIX => {
            let path = &b[2..];
            match path.first() {
                None => Ok(b.to_vec()),
                Some(0) if path.len() - 1 > PATH_CAP - 1 => Err(AddrError::AbstractNameTooLong {
                    len: path.len() - 1,
                    max: PATH_CAP - 1,
                }),
                Some(0) => Ok(b.to_vec()),
                Some(_) => {
                    let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
                    if end > PATH_CAP {
                        return Err(AddrError::PathTooLong {
                            len: end,
                            max: PATH_CAP,
                        });
                    }
                    let mut c = b[..2 + end].to_vec();
                    if end < PATH_CAP {
                        c.push(0);
                    }
                    Ok(c)
                }
            }
        }
        AF_PACKET if is_link_form(b) => {
            let mut c = b.to_vec();
            c.resize(20, 0);
            Ok(c)
        }
        // Another struct of the family, such as SOCK_PACKET's sockaddr_pkt.
        AF_PACKET if (12..20).contains(&len) => Ok(b.to_vec()),
        AF_PACKET => Err(bad(12, 20)),
        // Netlink, vsock and every other family: the input, typed or not.
        _ => Ok(b.to_vec()),
    }
}

/// The kernel's `sockaddr_nl`: 12 bytes, `nl_pad` zero.
fn is_netlink_form(b: &[u8]) -> bool {
    b.len() == 12 && b[2..4] == [0, 0]
}

/// A `sockaddr_ll`: all 20 bytes, or 12 + `sll_halen` (byte 11), as the
/// kernel returns one.
fn is_link_form(b: &[u8]) -> bool {
    (12..=20).contains(&b.len()) && (b.len() == 20 || b.len() == 12 + usize::from(b[11]))
}

/// The kernel's `sockaddr_vm`: 16 bytes, `svm_reserved1` and `svm_zero` zero.
fn is_vsock_form(b: &[u8]) -> bool {
    b.len() == 16 && b[2..4] == [0, 0] && b[13..16] == [0, 0, 0]
}

/// The typed fields are the input's bytes, read as the manual pages say.
fn fields(b: &[u8], family: u16, a: &SockAddr) {
    let be16 = |at: usize| u16::from_be_bytes([b[at], b[at + 1]]);
    let at4 = |at: usize| -> [u8; 4] { b[at..at + 4].try_into().unwrap() };
    match *a {
        SockAddr::V4(v4) => {
            assert_eq!(family, AF_INET);
            assert_eq!(v4.port(), be16(2));
            assert_eq!(*v4.ip(), Ipv4Addr::from(at4(4)));
            assert_eq!(SocketAddr::try_from(*a), Ok(SocketAddr::V4(v4)));
        }
        SockAddr::V6(v6) => {
            assert_eq!(family, AF_INET6);
            assert_eq!(v6.port(), be16(2));
            assert_eq!(v6.flowinfo(), u32::from_be_bytes(at4(4)));
            let ip: [u8; 16] = b[8..24].try_into().unwrap();
            assert_eq!(*v6.ip(), Ipv6Addr::from(ip));
            assert_eq!(v6.scope_id(), u32::from_ne_bytes(at4(24)));
            assert_eq!(SocketAddr::try_from(*a), Ok(SocketAddr::V6(v6)));
        }
        SockAddr::Unix(u) => {
            assert_eq!(family, AF_UNIX);
            let path = &b[2..];
            match u.kind() {
                UnixAddrKind::Unnamed => assert!(path.is_empty(), "{b:?}"),
                UnixAddrKind::Abstract(name) => {
                    assert_eq!(path.first(), Some(&0), "{b:?}");
                    assert_eq!(name, &path[1..], "{b:?}");
                }
                UnixAddrKind::Pathname(p) => {
                    let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
                    assert_eq!(p, &path[..end], "{b:?}");
                    assert!(!p.is_empty());
                }
            }
            assert_eq!(UnixAddr::try_from(*a), Ok(u));
        }
        SockAddr::Link(l) => {
            assert_eq!(family, AF_PACKET);
            let mut full = b.to_vec();
            full.resize(20, 0);
            let want = LinkAddr {
                protocol: u16::from_be_bytes([full[2], full[3]]),
                ifindex: i32::from_ne_bytes(full[4..8].try_into().unwrap()),
                hatype: u16::from_ne_bytes([full[8], full[9]]),
                pkttype: full[10],
                halen: full[11],
                addr: full[12..20].try_into().unwrap(),
            };
            assert_eq!(l, want, "{b:?}");
            assert_eq!(LinkAddr::try_from(*a), Ok(l));
        }
        SockAddr::Netlink(n) => {
            assert_eq!(family, AF_NETLINK);
            assert!(is_netlink_form(b), "{b:?}");
            let ne32 = |at: usize| u32::from_ne_bytes(at4(at));
            assert_eq!(n, NetlinkAddr::new(ne32(4), ne32(8)), "{b:?}");
            assert_eq!(NetlinkAddr::try_from(*a), Ok(n));
            let mut text = String::new();
            write!(text, "{n}").unwrap();
            assert_eq!(text.parse::<NetlinkAddr>(), Ok(n), "{text}");
        }
        SockAddr::Vsock(v) => {
            assert_eq!(family, AF_VSOCK);
            assert!(is_vsock_form(b), "{b:?}");
            let ne32 = |at: usize| u32::from_ne_bytes(at4(at));
            let want = VsockAddr {
                port: ne32(4),
                cid: ne32(8),
                flags: b[12],
            };
            assert_eq!(v, want, "{b:?}");
            assert_eq!(VsockAddr::try_from(*a), Ok(v));
            let mut text = String::new();
            write!(text, "{v}").unwrap();
            assert_eq!(text.parse::<VsockAddr>(), Ok(v), "{text}");
        }
        SockAddr::Other(raw) => {
            assert!(
                ![AF_INET, AF_INET6, AF_UNIX].contains(&family),
                "{b:?}: a modelled family decoded as Other"
            );
            assert!(
                !(family == AF_PACKET && is_link_form(b)),
                "{b:?}: a sockaddr_ll decoded as Other"
            );
            assert!(
                !(family == AF_NETLINK && is_netlink_form(b)),
                "{b:?}: a sockaddr_nl decoded as Other"
            );
            assert!(
                !(family == AF_VSOCK && is_vsock_form(b)),
                "{b:?}: a sockaddr_vm decoded as Other"
            );
            assert_eq!(raw.as_bytes(), b);
            assert_eq!(raw.len() as usize, b.len());
            assert_eq!(raw.family(), Some(Family::from_raw(family)));
            assert!(SocketAddr::try_from(*a).is_err());
        }
        _ => panic!("{b:?} decoded as a variant this target does not know: {a:?}"),
    }
}

/// Each one-family `FromSockAddr` reads what `decode` reads for its family
/// (then `TryFrom`), and refuses any other family as `WrongFamily`.
fn from_sock_addr_agrees(b: &[u8]) {
    fn one<A>(b: &[u8], families: &[u16], expected: &'static str)
    where
        A: FromSockAddr + TryFrom<SockAddr, Error = AddrError> + PartialEq + std::fmt::Debug,
    {
        let got = A::from_sock_addr(b);
        match (b.len(), b.get(..2)) {
            (2..=CAPACITY, Some(&[f0, f1]))
                if !families.contains(&u16::from_ne_bytes([f0, f1])) =>
            {
                let found = Family::from_raw(u16::from_ne_bytes([f0, f1]));
                assert_eq!(
                    got,
                    Err(AddrError::WrongFamily { expected, found }),
                    "{b:?}"
                );
            }
            _ => assert_eq!(got, SockAddr::decode(b).and_then(A::try_from), "{b:?}"),
        }
    }
    one::<std::net::SocketAddrV4>(b, &[AF_INET], "AF_INET");
    one::<SocketAddrV6>(b, &[AF_INET6], "AF_INET6");
    one::<SocketAddr>(b, &[AF_INET, AF_INET6], "AF_INET or AF_INET6");
    one::<UnixAddr>(b, &[AF_UNIX], "AF_UNIX");
    one::<LinkAddr>(b, &[AF_PACKET], "AF_PACKET");
    one::<NetlinkAddr>(b, &[AF_NETLINK], "AF_NETLINK");
    one::<VsockAddr>(b, &[AF_VSOCK], "AF_VSOCK");
    assert_eq!(SockAddr::from_sock_addr(b), SockAddr::decode(b));
}
