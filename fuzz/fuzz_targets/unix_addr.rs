//! The `UnixAddr` constructors on arbitrary bytes: they never panic, refuse
//! exactly what the rules refuse, with the documented error, and what they
//! accept goes through `encode` and `decode` byte for byte.
//!
//! The same input is tried as each of:
//!
//! | constructor              | refused, checked in this order                          | accepted: `encode` gives        |
//! |--------------------------|---------------------------------------------------------|---------------------------------|
//! | `UnixAddr::new`          | empty: `EmptyPath`; over 108: `PathTooLong { len, 108 }`; a NUL: `InteriorNul { at: first }` | family, path, NUL (none at 108) |
//! | `UnixAddr::from_path`    | as `new`, on the path's bytes taken as they are          | as `new`                        |
//! | `UnixAddr::new_abstract` | over 107: `AbstractNameTooLong { len, 107 }`             | family, NUL, name               |
//!
//! An accepted address also: `kind()` gives back exactly the input; it
//! decodes back from its encoding and from the form `getsockname(2)` returns
//! (a pathname with its NUL even at 108 bytes, 111 in all); its `Display`
//! unescapes to the input, with a pathname's first byte written as `\xNN`
//! exactly when the path would read as another kind of address (the list
//! in `UnixAddr`'s `Display` docs, restated here); `FromStr` (of `UnixAddr`
//! and of `SockAddr`) reads that text back as the address; and it is
//! `SockAddr::Unix` of family AF_UNIX.

#![no_main]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rawbind::{AddrError, Family, SockAddr, UnixAddr, UnixAddrKind};

/// `sun_path`.
const PATH_CAP: usize = 108;

fuzz_target!(|data: &[u8]| {
    pathname(data);
    abstract_name(data);
});

fn pathname(p: &[u8]) {
    let got = UnixAddr::new(p);
    let from_path = UnixAddr::from_path(Path::new(OsStr::from_bytes(p)));
    assert_eq!(from_path, got, "{p:?}: from_path and new disagree");

    let want = if p.is_empty() {
        Err(AddrError::EmptyPath)
    } else if p.len() > PATH_CAP {
        Err(AddrError::PathTooLong {
            len: p.len(),
            max: PATH_CAP,
        })
    } else if let Some(at) = p.iter().position(|&c| c == 0) {
        Err(AddrError::InteriorNul { at })
    } else {
        Ok(())
    };
    let a = match (got, want) {
        (Ok(a), Ok(())) => a,
        (Err(e), Err(w)) => {
            assert_eq!(e, w, "{p:?} refused with the wrong error");
            assert!(!e.to_string().is_empty());
            return;
        }
        (got, want) => panic!("{p:?}: UnixAddr::new gave {got:?}, the rules say {want:?}"),
    };

    assert_eq!(a.kind(), UnixAddrKind::Pathname(p));
    let mut wire = sun_family();
    wire.extend_from_slice(p);
    let kernel_form = [&wire[..], &[0]].concat();
    if p.len() < PATH_CAP {
        wire.push(0);
    }
    round_trips(a, &wire, &kernel_form);
    let shown = a.to_string();
    assert_eq!(unescape(&shown), p, "{p:?}: Display is not the path");
    let first_escaped = shown.starts_with("\\x") && (0x20..=0x7e).contains(&p[0]);
    assert_eq!(
        first_escaped,
        reads_as_another_kind(p),
        "{p:?} shown as {shown:?}"
    );
}

/// The documented list: a path whose bytes start with `@`, `netlink:`,
/// `vsock:`, `packet(`, or a family's name or number and `(`, or are
/// `(unnamed)`, `()`, `(` two lowercase hex digits `)`, or an IP socket
/// address as `std` reads one.
fn reads_as_another_kind(p: &[u8]) -> bool {
    let family_then_paren = match p.iter().position(|&c| c == b'(') {
        Some(open) => match &p[..open] {
            [b'A', b'F', b'_', name @ ..] => {
                !name.is_empty() && name.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
            }
            number => !number.is_empty() && number.iter().all(u8::is_ascii_digit),
        },
        None => false,
    };
    ["@", "netlink:", "vsock:", "packet("]
        .iter()
        .any(|start| p.starts_with(start.as_bytes()))
        || p == b"(unnamed)"
        || p == b"()"
        || matches!(p, [b'(', hi, lo, b')'] if lower_hex(*hi) && lower_hex(*lo))
        || family_then_paren
        || std::str::from_utf8(p).is_ok_and(|s| s.parse::<std::net::SocketAddr>().is_ok())
}

fn lower_hex(c: u8) -> bool {
    c.is_ascii_digit() || (b'a'..=b'f').contains(&c)
}

fn abstract_name(n: &[u8]) {
    let got = UnixAddr::new_abstract(n);
    let a = match got {
        Ok(a) if n.len() < PATH_CAP => a,
        Err(e) if n.len() >= PATH_CAP => {
            assert_eq!(
                e,
                AddrError::AbstractNameTooLong {
                    len: n.len(),
                    max: PATH_CAP - 1
                },
                "{n:?}"
            );
            assert!(!e.to_string().is_empty());
            return;
        }
        got => panic!("{n:?}: new_abstract gave {got:?} for {} bytes", n.len()),
    };

    assert_eq!(a.kind(), UnixAddrKind::Abstract(n));
    let mut wire = sun_family();
    wire.push(0);
    wire.extend_from_slice(n);
    round_trips(a, &wire, &wire);
    let shown = a.to_string();
    let name = shown
        .strip_prefix('@')
        .unwrap_or_else(|| panic!("{n:?}: abstract name shown as {shown:?}"));
    assert_eq!(unescape(name), n, "{n:?}: Display is not the name");
}

/// `a` encodes as exactly `wire`, and decodes back from it and from
/// `kernel_form`, what `getsockname(2)` returns for it.
fn round_trips(a: UnixAddr, wire: &[u8], kernel_form: &[u8]) {
    let s = SockAddr::Unix(a);
    assert_eq!(s.encode().as_bytes(), wire, "{a:?}");
    s.with_bytes(|lent| assert_eq!(lent, wire, "{a:?}"));
    assert_eq!(SockAddr::decode(wire), Ok(s), "{a:?} from {wire:?}");
    assert_eq!(
        SockAddr::decode(kernel_form),
        Ok(s),
        "{a:?} from {kernel_form:?}"
    );
    assert_eq!(s.family(), Family::Unix);
    assert_eq!(UnixAddr::try_from(s), Ok(a));
    assert_ne!(a, UnixAddr::unnamed());
    assert!(!s.strace().to_string().is_empty());
    let text = a.to_string();
    assert_eq!(text.parse::<UnixAddr>(), Ok(a), "{a:?} from {text:?}");
    assert_eq!(text.parse::<SockAddr>(), Ok(s), "{a:?} from {text:?}");
}

fn sun_family() -> Vec<u8> {
    Family::Unix.raw().to_ne_bytes().to_vec()
}

/// The inverse of `UnixAddr`'s `Display` escaping: `\\` is `\`, `\xNN` a
/// byte, anything else itself (printable ASCII).
fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut b = s.bytes();
    while let Some(c) = b.next() {
        if c != b'\\' {
            assert!((0x20..=0x7e).contains(&c), "{s:?}: unescaped byte {c:#04x}");
            out.push(c);
            continue;
        }
        match b.next() {
            Some(b'\\') => out.push(b'\\'),
            Some(b'x') => {
                let hex = [b.next().unwrap(), b.next().unwrap()];
                let hex = std::str::from_utf8(&hex).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
            }
            other => panic!("{s:?}: bad escape {other:?}"),
        }
    }
    out
}
