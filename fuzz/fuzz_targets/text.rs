//! `SockAddr`'s and `UnixAddr`'s `FromStr` on arbitrary text: they never
//! panic, and they accept only what `Display` writes.
//!
//! For every input that is UTF-8:
//!
//! | `FromStr` of  | accepted: then                                              | refused: then            |
//! |---------------|-------------------------------------------------------------|--------------------------|
//! | `SockAddr`    | an IP address: what `core::net::SocketAddr` reads; any other: `Display` gives back the input, which is printable ASCII; and `decode(encode(a))` is `a` | the error's `Display` is not empty |
//! | `UnixAddr`    | as `SockAddr`, and `SockAddr` reads the input as `SockAddr::Unix` of it | as `SockAddr` |
//!
//! and for text that starts with `@` or is `(unnamed)`, the two agree.
//! `unix_addr` and `decode` check the other direction: every address's
//! `Display` reads back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rawbind::{SockAddr, UnixAddr};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
});

fn check(text: &str) {
    let any = text.parse::<SockAddr>();
    match any {
        Ok(a @ (SockAddr::V4(_) | SockAddr::V6(_))) => {
            let core = text.parse::<std::net::SocketAddr>().map(SockAddr::from);
            assert_eq!(core, Ok(a), "{text:?}");
            assert_eq!(SockAddr::decode(a.encode().as_bytes()), Ok(a), "{text:?}");
        }
        Ok(a) => {
            assert_eq!(a.to_string(), text, "{text:?} read as {a:?}");
            assert!(text.bytes().all(|c| (0x20..=0x7e).contains(&c)), "{text:?}");
            assert_eq!(SockAddr::decode(a.encode().as_bytes()), Ok(a), "{text:?}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let unix = text.parse::<UnixAddr>();
    match unix {
        Ok(u) => {
            assert_eq!(u.to_string(), text, "{text:?} read as {u:?}");
            assert_eq!(any, Ok(SockAddr::Unix(u)), "{text:?}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    if text.starts_with('@') || text == "(unnamed)" {
        assert_eq!(any, unix.map(SockAddr::Unix), "{text:?}");
    }
}
