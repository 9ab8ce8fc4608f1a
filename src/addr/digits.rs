//! Numbers in an address's text form, read back in exactly the one spelling
//! `Display` writes them: `{}` (decimal) or `{:#x}` (`0x` and lowercase hex),
//! no sign, no leading zero. Any other spelling is refused, so text that
//! parses prints back as itself.

/// `{}` of a `u32`: `0`, or ASCII digits not starting with `0`.
#[inline]
pub(super) fn decimal(s: &str) -> Option<u32> {
    let canonical = match s.as_bytes() {
        [b'0'] => true,
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    // `parse` alone would take a leading `+` or `0`.
    canonical.then(|| s.parse().ok()).flatten()
}

/// `{:#x}` of a `u32`: `0x0`, or `0x` and lowercase hex digits not starting
/// with `0`.
#[inline]
pub(super) fn hex(s: &str) -> Option<u32> {
    let digits = s.strip_prefix("0x")?;
    let lower_hex = |c: &u8| matches!(c, b'0'..=b'9' | b'a'..=b'f');
    let canonical = match digits.as_bytes() {
        [b'0'] => true,
        [first, rest @ ..] => *first != b'0' && lower_hex(first) && rest.iter().all(lower_hex),
        [] => false,
    };
    // `from_str_radix` alone would take a leading `+` or `0`, and uppercase.
    canonical
        .then(|| u32::from_str_radix(digits, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::format;

    use super::{decimal, hex};

    #[test]
    fn decimal_takes_only_what_display_prints() {
        for n in [0, 1, 9, 10, 4321, u32::MAX] {
            assert_eq!(decimal(&format!("{n}")), Some(n));
        }
        for s in [
            "",
            "+1",
            "-1",
            "01",
            "00",
            " 1",
            "1 ",
            "1_0",
            "0x1",
            "4294967296",
            "１",
        ] {
            assert_eq!(decimal(s), None, "{s:?}");
        }
    }

    #[test]
    fn hex_takes_only_what_display_prints() {
        for n in [0, 1, 0xa, 0x11, 0xdead_beef, u32::MAX] {
            assert_eq!(hex(&format!("{n:#x}")), Some(n));
        }
        for s in [
            "",
            "0x",
            "0",
            "11",
            "0X11",
            "0xA",
            "0x011",
            "0x00",
            "+0x1",
            "0x+1",
            "0x1 ",
            "0x100000000",
        ] {
            assert_eq!(hex(s), None, "{s:?}");
        }
    }
}
