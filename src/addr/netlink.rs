//! `NetlinkAddr`: `sockaddr_nl`, the address of an AF_NETLINK socket, and
//! its text form.

use core::fmt;
use core::mem::{offset_of, size_of};
use core::str::FromStr;

use linux_raw_sys::net::AF_NETLINK;
// `if_arp` declares `sockaddr_nl` too (its header includes netlink.h), and
// rawbind needs that module anyway: the much larger `netlink` one would
// add a third of linux-raw-sys's build time for this one struct.
use linux_raw_sys::if_arp::sockaddr_nl;
use static_assertions::const_assert_eq;

use super::{digits, field, put, wire_start, AddrError};

pub(super) const NL_LEN: usize = size_of::<sockaddr_nl>();
pub(super) const NL_PAD: usize = offset_of!(sockaddr_nl, nl_pad);
pub(super) const NL_PID: usize = offset_of!(sockaddr_nl, nl_pid);
pub(super) const NL_GROUPS: usize = offset_of!(sockaddr_nl, nl_groups);
const_assert_eq!(NL_LEN, 12);
const_assert_eq!(NL_PAD, 2);
const_assert_eq!(NL_PID, 4);
const_assert_eq!(NL_GROUPS, 8);

/// A netlink address, `struct sockaddr_nl` (see `netlink(7)`): a port id and
/// a mask of multicast groups, both in host byte order.
///
/// Binding pid 0 asks the kernel to assign a port id, which
/// [`getsockname`](crate::getsockname) then reads back; as a peer, pid 0 is
/// the kernel. Its text form is `netlink:PID:GROUPS`, the pid in decimal and
/// the groups in hex, which [`FromStr`] reads back.
///
/// ```
/// use linux_raw_sys::netlink::{NETLINK_ROUTE, RTMGRP_LINK};
/// use rawbind::{bind, getsockname, socket, Family, NetlinkAddr, SockAddr, SockType};
/// let fd = socket(Family::Netlink, SockType::Raw, NETLINK_ROUTE as i32)?;
/// bind(&fd, &NetlinkAddr::new(0, RTMGRP_LINK))?; // link change notifications
/// let SockAddr::Netlink(bound) = getsockname(&fd)? else { unreachable!() };
/// assert_ne!(bound.pid, 0); // assigned by the kernel
/// assert_eq!(bound.groups, RTMGRP_LINK);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// [`SockAddr::decode`](crate::SockAddr::decode) makes one only of the
/// kernel's own form, 12 bytes with `nl_pad` zero (what `getsockname` and
/// `getpeername` return); other AF_NETLINK bytes stay
/// [`SockAddr::Other`](crate::SockAddr::Other), byte for byte, since this
/// type has no place for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NetlinkAddr {
    /// `nl_pid`: the socket's port id; 0 in bind for one the kernel assigns,
    /// or as a peer for the kernel itself.
    pub pid: u32,
    /// `nl_groups`: a bit mask of multicast groups 1 to 32 to listen to
    /// (bit `n - 1` for group `n`, such as `RTMGRP_LINK`).
    pub groups: u32,
}

impl NetlinkAddr {
    /// An address of port id `pid` (0: the kernel assigns one) listening to
    /// the multicast groups in `groups`.
    ///
    /// ```
    /// use rawbind::{NetlinkAddr, SockAddr};
    /// let a = NetlinkAddr::new(0, 0);
    /// assert_eq!(SockAddr::Netlink(a).encode().len(), 12); // sizeof(struct sockaddr_nl)
    /// assert_eq!(a.to_string(), "netlink:0:0x0");
    /// ```
    pub const fn new(pid: u32, groups: u32) -> NetlinkAddr {
        NetlinkAddr { pid, groups }
    }

    /// The whole 12-byte `sockaddr_nl`, `nl_pad` zero.
    #[inline]
    pub(crate) fn sockaddr_nl(&self) -> [u8; NL_LEN] {
        let mut b = wire_start(AF_NETLINK);
        put(&mut b, NL_PID, self.pid.to_ne_bytes());
        put(&mut b, NL_GROUPS, self.groups.to_ne_bytes());
        b
    }

    /// The address in `b` if it is exactly a `sockaddr_nl` with `nl_pad`
    /// zero: the bytes `sockaddr_nl` gives back, so nothing is lost.
    // Out of line, as `UnixAddr`'s and `LinkAddr`'s reads: kept out of
    // `SockAddr::decode`'s body, which every call returning an address inlines.
    #[inline(never)]
    pub(crate) fn decode(b: &[u8]) -> Option<NetlinkAddr> {
        let pad = u16::from_ne_bytes(field(b, NL_PAD));
        (b.len() == NL_LEN && pad == 0).then(|| NetlinkAddr {
            pid: u32::from_ne_bytes(field(b, NL_PID)),
            groups: u32::from_ne_bytes(field(b, NL_GROUPS)),
        })
    }
}

impl fmt::Display for NetlinkAddr {
    /// `netlink:PID:GROUPS`, the pid in decimal and the groups as `{:#x}`:
    /// `netlink:0:0x0`, `netlink:4321:0x11`.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "netlink:{}:{:#x}", self.pid, self.groups)
    }
}

impl FromStr for NetlinkAddr {
    type Err = AddrError;

    /// Reads exactly what [`Display`](fmt::Display) prints, `netlink:` and
    /// all: the pid in decimal, the groups as `0x` and lowercase hex, each
    /// without a sign or leading zeros, so the text prints back as itself.
    ///
    /// # Errors
    ///
    /// [`AddrError::BadText`] with `kind` `"netlink"` and `why` naming the
    /// part that differs.
    ///
    /// ```
    /// use rawbind::{AddrError, NetlinkAddr};
    /// assert_eq!("netlink:4321:0x11".parse(), Ok(NetlinkAddr::new(4321, 0x11)));
    /// let bad = "netlink:4321:17".parse::<NetlinkAddr>().unwrap_err();
    /// assert!(matches!(bad, AddrError::BadText { kind: "netlink", .. }));
    /// assert_eq!(
    ///     bad.to_string(),
    ///     "invalid netlink address text: GROUPS is not `0x` and lowercase hex without leading zeros"
    /// );
    /// ```
    #[inline]
    fn from_str(s: &str) -> Result<NetlinkAddr, AddrError> {
        let bad = |why| AddrError::BadText {
            kind: "netlink",
            why,
        };
        let rest = s
            .strip_prefix("netlink:")
            .ok_or(bad("it does not start with `netlink:`"))?;
        let (pid, groups) = rest
            .split_once(':')
            .ok_or(bad("no `:` between PID and GROUPS"))?;
        Ok(NetlinkAddr {
            pid: digits::decimal(pid)
                .ok_or(bad("PID is not a decimal u32 without leading zeros"))?,
            groups: digits::hex(groups).ok_or(bad(
                "GROUPS is not `0x` and lowercase hex without leading zeros",
            ))?,
        })
    }
}
