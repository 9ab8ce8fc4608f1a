//! `SockAddr::strace`: an address as `strace` decodes it.

use core::fmt;

use super::SockAddr;

/// Formats a [`SockAddr`] as `strace -e trace=bind` prints its argument.
pub(super) struct Strace<'a>(pub(super) &'a SockAddr);

impl fmt::Display for Strace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{sa_family={}}}", self.0.family())
    }
}
