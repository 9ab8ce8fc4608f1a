//! `SockAddr::strace`: an address as strace 6.1 prints `bind`'s argument.
//!
//! The bytes `bind` hands the kernel are decoded the way strace decodes
//! them: `{sa_family=…` and then, when there are more than the two bytes of
//! `sa_family`, the family's fields, or `sa_data="…"` for a family strace has
//! no decoder for or an address shorter than that family's struct. Bytes past
//! `addrlen` read as zero, as strace pads its copy.
//!
//! Where strace asks the system for an interface name (`sll_ifindex`, and
//! `sin6_scope_id` of a link-local or link-local multicast address) and
//! prints `if_nametoindex("lo")`, the number is printed, as strace itself
//! does for an index with no interface: formatting makes no system calls.
//!
//! Known differences from strace 6.1:
//! - `AF_IB` and `AF_MPLS` are missing from linux-raw-sys, so those two
//!   families print as unknown (`0x1b /* AF_??? */`), not by name.
//! - Families strace decodes field by field but rawbind does not model
//!   (AF_AX25, AF_IPX, AF_X25, AF_BLUETOOTH, AF_RXRPC, AF_IEEE802154, AF_ALG,
//!   AF_NFC, AF_QIPCRTR, AF_XDP, AF_MCTP) print in the generic
//!   `sa_data="…"` form; strace uses that form for them only when the
//!   address is too short for their struct (for AF_ALG, 24 bytes or fewer:
//!   the fields before `salg_name`) or, for AF_BLUETOOTH, is not 4, 6, 8,
//!   10, 12 or 14 bytes long.
//! - Fewer than two bytes: strace prints the buffer's address, which is not
//!   known here; this prints `???`, strace's mark for a value it cannot show.

use core::fmt::{self, Write};
use core::mem::size_of;
use core::net::Ipv4Addr;

use linux_raw_sys::net::{AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_UNIX, AF_VSOCK};
use linux_raw_sys::vm_sockets::{
    VMADDR_CID_ANY, VMADDR_CID_HOST, VMADDR_CID_HYPERVISOR, VMADDR_CID_LOCAL, VMADDR_PORT_ANY,
};

use super::inet::{IN6_ADDR, IN6_FLOWINFO, IN6_PORT, IN6_SCOPE_ID, IN_ADDR, IN_LEN, IN_PORT};
use super::link::{LL_ADDR, LL_HALEN, LL_HATYPE, LL_IFINDEX, LL_LEN, LL_PKTTYPE, LL_PROTOCOL};
use super::netlink::{NL_GROUPS, NL_LEN, NL_PAD, NL_PID};
use super::storage::FAMILY_LEN;
use super::unix::{SUN_PATH, UN_LEN};
use super::vsock::{VM_CID, VM_FLAGS, VM_LEN, VM_PORT, VM_RESERVED1, VM_ZERO};
use super::{field, SockAddr};
use crate::family::Family;

/// Formats a [`SockAddr`] as `strace -e trace=bind` prints its argument.
pub(super) struct Strace<'a>(pub(super) &'a SockAddr);

impl fmt::Display for Strace<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        sockaddr(f, self.0.encode().as_bytes())
    }
}

/// `(number, name)` for each named linux-raw-sys constant, in strace's order.
macro_rules! name_table {
    ($module:ident: $($name:ident),+ $(,)?) => {
        &[$((linux_raw_sys::$module::$name, stringify!($name))),+]
    };
}

type NameTable = &'static [(u32, &'static str)];

/// strace's `ethernet_protocols`: linux-raw-sys's `ETH_P_*` less
/// `ETH_P_PROFINET` and `ETH_P_ETHERCAT`, which strace 6.1 does not name.
/// They come from `if_arp`, which declares every `ETH_P_*` as `if_ether`
/// does (its header includes `<linux/if_ether.h>`): rawbind takes `if_arp`
/// for the `ARPHRD_*` names below, and one module less builds faster.
const ETH_P: NameTable = name_table!(if_arp:
    ETH_P_802_3, ETH_P_AX25, ETH_P_ALL, ETH_P_802_2, ETH_P_SNAP, ETH_P_DDCMP,
    ETH_P_WAN_PPP, ETH_P_PPP_MP, ETH_P_LOCALTALK, ETH_P_CAN, ETH_P_CANFD,
    ETH_P_CANXL, ETH_P_PPPTALK, ETH_P_TR_802_2, ETH_P_MOBITEX, ETH_P_CONTROL,
    ETH_P_IRDA, ETH_P_ECONET, ETH_P_HDLC, ETH_P_ARCNET, ETH_P_DSA,
    ETH_P_TRAILER, ETH_P_LOOP, ETH_P_PHONET, ETH_P_IEEE802154, ETH_P_CAIF,
    ETH_P_XDSA, ETH_P_MAP, ETH_P_MCTP, ETH_P_PUP, ETH_P_PUPAT,
    ETH_P_802_3_MIN, ETH_P_IP, ETH_P_X25, ETH_P_ARP, ETH_P_BPQ,
    ETH_P_IEEEPUP, ETH_P_IEEEPUPAT, ETH_P_ERSPAN2, ETH_P_TSN, ETH_P_BATMAN,
    ETH_P_DEC, ETH_P_DNA_DL, ETH_P_DNA_RC, ETH_P_DNA_RT, ETH_P_LAT,
    ETH_P_DIAG, ETH_P_CUST, ETH_P_SCA, ETH_P_TEB, ETH_P_RARP, ETH_P_ATALK,
    ETH_P_AARP, ETH_P_8021Q, ETH_P_IPX, ETH_P_IPV6, ETH_P_PAUSE, ETH_P_SLOW,
    ETH_P_WCCP, ETH_P_MPLS_UC, ETH_P_MPLS_MC, ETH_P_ATMMPOA, ETH_P_PPP_DISC,
    ETH_P_PPP_SES, ETH_P_LINK_CTL, ETH_P_ATMFATE, ETH_P_PAE, ETH_P_REALTEK,
    ETH_P_AOE, ETH_P_8021AD, ETH_P_802_EX1, ETH_P_ERSPAN, ETH_P_PREAUTH,
    ETH_P_TIPC, ETH_P_LLDP, ETH_P_MRP, ETH_P_MACSEC, ETH_P_8021AH,
    ETH_P_MVRP, ETH_P_1588, ETH_P_NCSI, ETH_P_PRP, ETH_P_CFM, ETH_P_FCOE,
    ETH_P_TDLS, ETH_P_FIP, ETH_P_IBOE, ETH_P_80221, ETH_P_HSR, ETH_P_NSH,
    ETH_P_LOOPBACK, ETH_P_QINQ1, ETH_P_QINQ2, ETH_P_QINQ3, ETH_P_EDSA,
    ETH_P_DSA_8021Q, ETH_P_DSA_A5PSW, ETH_P_IFE, ETH_P_AF_IUCV,
);

/// strace's `arp_hardware_types`: `ARPHRD_HDLC` shares `ARPHRD_CISCO`'s
/// number and strace prints `ARPHRD_CISCO`.
const ARPHRD: NameTable = name_table!(if_arp:
    ARPHRD_NETROM, ARPHRD_ETHER, ARPHRD_EETHER, ARPHRD_AX25, ARPHRD_PRONET,
    ARPHRD_CHAOS, ARPHRD_IEEE802, ARPHRD_ARCNET, ARPHRD_APPLETLK,
    ARPHRD_DLCI, ARPHRD_ATM, ARPHRD_METRICOM, ARPHRD_IEEE1394, ARPHRD_EUI64,
    ARPHRD_INFINIBAND, ARPHRD_SLIP, ARPHRD_CSLIP, ARPHRD_SLIP6,
    ARPHRD_CSLIP6, ARPHRD_RSRVD, ARPHRD_ADAPT, ARPHRD_ROSE, ARPHRD_X25,
    ARPHRD_HWX25, ARPHRD_CAN, ARPHRD_MCTP, ARPHRD_PPP, ARPHRD_CISCO,
    ARPHRD_LAPB, ARPHRD_DDCMP, ARPHRD_RAWHDLC, ARPHRD_RAWIP, ARPHRD_TUNNEL,
    ARPHRD_TUNNEL6, ARPHRD_FRAD, ARPHRD_SKIP, ARPHRD_LOOPBACK,
    ARPHRD_LOCALTLK, ARPHRD_FDDI, ARPHRD_BIF, ARPHRD_SIT, ARPHRD_IPDDP,
    ARPHRD_IPGRE, ARPHRD_PIMREG, ARPHRD_HIPPI, ARPHRD_ASH, ARPHRD_ECONET,
    ARPHRD_IRDA, ARPHRD_FCPP, ARPHRD_FCAL, ARPHRD_FCPL, ARPHRD_FCFABRIC,
    ARPHRD_IEEE802_TR, ARPHRD_IEEE80211, ARPHRD_IEEE80211_PRISM,
    ARPHRD_IEEE80211_RADIOTAP, ARPHRD_IEEE802154, ARPHRD_IEEE802154_MONITOR,
    ARPHRD_PHONET, ARPHRD_PHONET_PIPE, ARPHRD_CAIF, ARPHRD_IP6GRE,
    ARPHRD_NETLINK, ARPHRD_6LOWPAN, ARPHRD_VSOCKMON, ARPHRD_NONE, ARPHRD_VOID,
);

/// strace's `af_packet_types`: the packet types only (`PACKET_FASTROUTE`
/// shares `PACKET_USER`'s number; the socket options are another table).
const PACKET: NameTable = name_table!(if_packet:
    PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST,
    PACKET_OUTGOING, PACKET_LOOPBACK, PACKET_USER, PACKET_KERNEL,
);

/// strace's `vsock_cids`. `VMADDR_CID_ANY` is `-1` in the header: its `u32`
/// is the number `svm_cid` holds.
const VMADDR_CID: NameTable = &[
    (VMADDR_CID_ANY as u32, "VMADDR_CID_ANY"),
    (VMADDR_CID_HYPERVISOR, "VMADDR_CID_HYPERVISOR"),
    (VMADDR_CID_LOCAL, "VMADDR_CID_LOCAL"),
    (VMADDR_CID_HOST, "VMADDR_CID_HOST"),
];

/// strace's `vsock_ports`: `VMADDR_PORT_ANY`, also `-1` in the header.
const VMADDR_PORT: NameTable = &[(VMADDR_PORT_ANY as u32, "VMADDR_PORT_ANY")];

/// strace's `vsock_flags`.
const VMADDR_FLAG: NameTable = name_table!(vm_sockets: VMADDR_FLAG_TO_HOST);

/// strace's `print_sockaddr` for the `addrlen` bytes `b`.
#[inline]
fn sockaddr(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    if b.len() < FAMILY_LEN {
        return f.write_str("???");
    }
    let family = u16::from_ne_bytes(field(b, 0));
    f.write_str("{sa_family=")?;
    named(f, Family::from_raw(family).name(), family.into(), "AF_???")?;
    if b.len() > FAMILY_LEN {
        f.write_str(", ")?;
        let len = b.len();
        match u32::from(family) {
            AF_UNIX => unix(f, b)?,
            AF_INET if len >= IN_LEN => inet(f, b)?,
            AF_INET6 if len >= IN6_SCOPE_ID => inet6(f, b)?,
            AF_NETLINK if len >= NL_LEN => netlink(f, b)?,
            AF_PACKET if len >= LL_LEN => packet(f, b)?,
            AF_VSOCK if len >= VM_LEN => vsock(f, b)?,
            _ => write!(f, "sa_data={}", Quoted::all(&b[FAMILY_LEN..]))?,
        }
    }
    f.write_str("}")
}

/// A pathname up to its first NUL, or `@` and the abstract name's every byte.
#[inline]
fn unix(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    let path = &b[SUN_PATH..b.len().min(UN_LEN)];
    match path {
        [0, name @ ..] => write!(f, "sun_path=@{}", Quoted::all(name)),
        _ => write!(f, "sun_path={}", Quoted::to_nul(path)),
    }
}

#[inline]
fn inet(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    write!(
        f,
        "sin_port=htons({}), sin_addr=inet_addr(\"{}\")",
        u16::from_be_bytes(field(b, IN_PORT)),
        Ipv4Addr::from(field::<4>(b, IN_ADDR)),
    )
}

#[inline]
fn inet6(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    write!(
        f,
        "sin6_port=htons({}), sin6_flowinfo=htonl({}), inet_pton(AF_INET6, \"{}\", &sin6_addr)",
        u16::from_be_bytes(field(b, IN6_PORT)),
        u32::from_be_bytes(field(b, IN6_FLOWINFO)),
        Ipv6Text(field(b, IN6_ADDR)),
    )?;
    if b.len() > IN6_SCOPE_ID {
        write!(
            f,
            ", sin6_scope_id={}",
            u32::from_ne_bytes(field(b, IN6_SCOPE_ID))
        )?;
    }
    Ok(())
}

/// `nl_pad` only when it is not zero; `nl_pid` signed; `nl_groups` as `%#08x`.
#[inline]
fn netlink(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    let pad = u16::from_ne_bytes(field(b, NL_PAD));
    if pad != 0 {
        f.write_str("nl_pad=")?;
        c_hex(f, pad.into())?;
        f.write_str(", ")?;
    }
    write!(
        f,
        "nl_pid={}, nl_groups=",
        i32::from_ne_bytes(field(b, NL_PID))
    )?;
    c_hex_sized(f, u32::from_ne_bytes(field(b, NL_GROUPS)))
}

/// `svm_reserved1` and `svm_zero` only when they are not zero; `svm_cid`
/// before `svm_port`, each named or in hex with no comment; `svm_flags` as
/// flags.
#[inline]
fn vsock(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    let reserved1 = u16::from_ne_bytes(field(b, VM_RESERVED1));
    if reserved1 != 0 {
        f.write_str("svm_reserved1=")?;
        c_hex(f, reserved1.into())?;
        f.write_str(", ")?;
    }
    f.write_str("svm_cid=")?;
    xval_or_hex(f, VMADDR_CID, u32::from_ne_bytes(field(b, VM_CID)))?;
    f.write_str(", svm_port=")?;
    xval_or_hex(f, VMADDR_PORT, u32::from_ne_bytes(field(b, VM_PORT)))?;
    f.write_str(", svm_flags=")?;
    flags(f, VMADDR_FLAG, b[VM_FLAGS].into(), "VMADDR_FLAG_???")?;
    let zero = &b[VM_ZERO..VM_LEN];
    if zero.iter().any(|&z| z != 0) {
        f.write_str(", svm_zero=\"")?;
        for z in zero {
            write!(f, "\\x{z:02x}")?;
        }
        f.write_str("\"")?;
    }
    Ok(())
}

/// `sll_addr` shows `sll_halen` bytes, `...` where they run past `addrlen`.
#[inline]
fn packet(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    let protocol = u16::from_be_bytes(field(b, LL_PROTOCOL));
    f.write_str("sll_protocol=htons(")?;
    xval(f, ETH_P, protocol.into(), "ETH_P_???")?;
    write!(
        f,
        "), sll_ifindex={}, sll_hatype=",
        u32::from_ne_bytes(field(b, LL_IFINDEX))
    )?;
    let hatype = u16::from_ne_bytes(field(b, LL_HATYPE));
    xval(f, ARPHRD, hatype.into(), "ARPHRD_???")?;
    f.write_str(", sll_pkttype=")?;
    let pkttype = b[LL_PKTTYPE];
    xval(f, PACKET, pkttype.into(), "PACKET_???")?;
    let halen = usize::from(b[LL_HALEN]);
    write!(f, ", sll_halen={halen}")?;
    if halen > 0 {
        f.write_str(", sll_addr=[")?;
        let addr = &b[LL_ADDR..];
        for i in 0..halen {
            if i > 0 {
                f.write_str(", ")?;
            }
            match addr.get(i) {
                Some(&byte) => c_hex_sized(f, byte)?,
                None => {
                    f.write_str("...")?;
                    break;
                }
            }
        }
        f.write_str("]")?;
    }
    Ok(())
}

/// `value`'s name in `table`, or strace's form for a number without one.
#[inline]
fn xval(f: &mut fmt::Formatter<'_>, table: NameTable, value: u32, unknown: &str) -> fmt::Result {
    let name = table
        .iter()
        .find(|&&(n, _)| n == value)
        .map(|&(_, name)| name);
    named(f, name, value, unknown)
}

/// `value`'s name in `table`, or the number as C's `%#x` with no comment.
#[inline]
fn xval_or_hex(f: &mut fmt::Formatter<'_>, table: NameTable, value: u32) -> fmt::Result {
    match table.iter().find(|&&(n, _)| n == value) {
        Some(&(_, name)) => f.write_str(name),
        None => c_hex(f, value),
    }
}

/// strace's `printflags`: `0`, the names of the bits set joined by `|` and
/// then any bits left in hex, or only those as `0x80 /* VMADDR_FLAG_??? */`.
#[inline]
fn flags(f: &mut fmt::Formatter<'_>, table: NameTable, value: u32, unknown: &str) -> fmt::Result {
    if value == 0 {
        return f.write_str("0");
    }
    let mut left = value;
    let mut first = true;
    for &(bit, name) in table {
        if bit != 0 && left & bit == bit {
            if !first {
                f.write_str("|")?;
            }
            f.write_str(name)?;
            left &= !bit;
            first = false;
        }
    }
    match (first, left) {
        (_, 0) => Ok(()),
        (true, left) => named(f, None, left, unknown),
        (false, left) => write!(f, "|{left:#x}"),
    }
}

/// The name, or strace's form for a number without one: `0x1234 /* ETH_P_??? */`.
#[inline]
fn named(f: &mut fmt::Formatter<'_>, name: Option<&str>, value: u32, unknown: &str) -> fmt::Result {
    match name {
        Some(name) => f.write_str(name),
        None => {
            c_hex(f, value)?;
            write!(f, " /* {unknown} */")
        }
    }
}

/// C's `%#x`: no `0x` before a zero.
#[inline]
fn c_hex(f: &mut fmt::Formatter<'_>, value: u32) -> fmt::Result {
    match value {
        0 => f.write_str("0"),
        _ => write!(f, "{value:#x}"),
    }
}

/// strace's `PRINT_VAL_0X`, C's `%#0*x` with two digits per byte of `T`:
/// the width counts the `0x`, which a zero does not get.
fn c_hex_sized<T: Into<u32>>(f: &mut fmt::Formatter<'_>, value: T) -> fmt::Result {
    let width = 2 * size_of::<T>();
    match value.into() {
        0 => write!(f, "{:0width$}", 0),
        value => write!(f, "{value:#0width$x}"),
    }
}

/// Bytes in double quotes, escaped as strace's `string_quote` escapes them:
/// `\"`, `\\`, `\f`, `\n`, `\r`, `\t`, `\v`, printable ASCII as is, and any
/// other byte in octal, three digits only when an octal digit follows.
struct Quoted<'a> {
    bytes: &'a [u8],
    nul_ends: bool,
}

impl<'a> Quoted<'a> {
    #[inline]
    fn all(bytes: &'a [u8]) -> Quoted<'a> {
        Quoted {
            bytes,
            nul_ends: false,
        }
    }

    #[inline]
    fn to_nul(bytes: &'a [u8]) -> Quoted<'a> {
        Quoted {
            bytes,
            nul_ends: true,
        }
    }
}

impl fmt::Display for Quoted<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for (i, &c) in self.bytes.iter().enumerate() {
            match c {
                0 if self.nul_ends => break,
                b'"' | b'\\' => write!(f, "\\{}", char::from(c))?,
                b'\x0c' => f.write_str("\\f")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                b'\t' => f.write_str("\\t")?,
                b'\x0b' => f.write_str("\\v")?,
                b' '..=b'~' => f.write_char(char::from(c))?,
                _ => match self.bytes.get(i + 1) {
                    Some(b'0'..=b'7') => write!(f, "\\{c:03o}")?,
                    _ => write!(f, "\\{c:o}")?,
                },
            }
        }
        f.write_char('"')
    }
}

/// An IPv6 address as glibc's `inet_ntop` writes it: the first longest run
/// of two or more zero words as `::`, and the last 32 bits as a dotted quad
/// when that run is exactly the first six words, or the first five and the
/// sixth is `ffff` (`::1.2.3.4`, `::ffff:1.2.3.4`, but `::100`).
struct Ipv6Text([u8; 16]);

impl fmt::Display for Ipv6Text {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.0;
        let words: [u16; 8] =
            core::array::from_fn(|i| u16::from_be_bytes([b[2 * i], b[2 * i + 1]]));
        let (mut run, mut run_len) = (0, 0);
        let mut i = 0;
        while i < words.len() {
            let start = i;
            while i < words.len() && words[i] == 0 {
                i += 1;
            }
            if i - start > run_len {
                (run, run_len) = (start, i - start);
            }
            i += 1;
        }
        if run_len < 2 {
            run_len = 0;
        }
        let dotted = run == 0 && (run_len == 6 || (run_len == 5 && words[5] == 0xffff));
        for (i, word) in words.iter().enumerate() {
            if (run..run + run_len).contains(&i) {
                if i == run {
                    f.write_char(':')?;
                }
                continue;
            }
            if i != 0 {
                f.write_char(':')?;
            }
            if i == 6 && dotted {
                return write!(f, "{}", Ipv4Addr::new(b[12], b[13], b[14], b[15]));
            }
            write!(f, "{word:x}")?;
        }
        if run_len > 0 && run + run_len == words.len() {
            f.write_char(':')?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    //! Expected strings are strace 6.1's output for the same bytes.
    extern crate std;

    use std::string::{String, ToString};
    use std::vec::Vec;

    use core::net::{Ipv6Addr, SocketAddr, SocketAddrV6};

    use linux_raw_sys::{if_arp, if_packet};

    use super::*;
    use crate::{LinkAddr, NetlinkAddr, RawSockAddr, UnixAddr, VsockAddr};

    fn strace(a: SockAddr) -> String {
        a.strace().to_string()
    }

    /// `SockAddr::Other` holding `family` and then `data`.
    fn other(family: u16, data: &[u8]) -> SockAddr {
        let mut bytes = Vec::from(family.to_ne_bytes());
        bytes.extend_from_slice(data);
        SockAddr::Other(RawSockAddr::from_bytes(&bytes).unwrap())
    }

    fn inet(s: &str) -> SockAddr {
        s.parse::<SocketAddr>().unwrap().into()
    }

    #[test]
    fn inet4() {
        assert_eq!(
            strace(inet("127.0.0.1:8080")),
            r#"{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}"#
        );
        assert_eq!(
            strace(inet("255.255.255.255:65535")),
            r#"{sa_family=AF_INET, sin_port=htons(65535), sin_addr=inet_addr("255.255.255.255")}"#
        );
    }

    #[test]
    fn inet6() {
        let v6 = |ip: &str, flow, scope| {
            strace(SockAddr::V6(SocketAddrV6::new(
                ip.parse().unwrap(),
                0,
                flow,
                scope,
            )))
        };
        assert_eq!(
            v6("::1", 74565, 0),
            r#"{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(74565), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}"#
        );
        // strace names the interface of a link-local scope: if_nametoindex("lo").
        assert_eq!(
            v6("fe80::1", u32::MAX, 1),
            r#"{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(4294967295), inet_pton(AF_INET6, "fe80::1", &sin6_addr), sin6_scope_id=1}"#
        );
        assert_eq!(
            v6("::ffff:127.0.0.1", 0, 4000000000),
            r#"{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr), sin6_scope_id=4000000000}"#
        );
    }

    #[test]
    fn inet6_short_and_long() {
        let raw = SockAddr::V6(SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, 0, 0, 1)).encode();
        let cut = |len: usize| other(Family::Inet6.raw(), &raw.as_bytes()[FAMILY_LEN..len]);
        let head = r#"{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr)"#;
        assert_eq!(strace(cut(24)), std::format!("{head}}}"));
        // One byte of the scope id 1 survives the cut: the low one on little-endian.
        let scope = if cfg!(target_endian = "little") { 1 } else { 0 };
        assert_eq!(
            strace(cut(25)),
            std::format!("{head}, sin6_scope_id={scope}}}")
        );
        assert_eq!(
            strace(cut(23)),
            r#"{sa_family=AF_INET6, sa_data="\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"}"#
        );
    }

    #[test]
    fn inet4_short() {
        let raw = inet("255.255.255.255:65535").encode();
        assert_eq!(
            strace(other(Family::Inet.raw(), &raw.as_bytes()[FAMILY_LEN..15])),
            r#"{sa_family=AF_INET, sa_data="\377\377\377\377\377\377\0\0\0\0\0\0\0"}"#
        );
    }

    /// glibc's `inet_ntop`, which differs from `Ipv6Addr`'s `Display` for
    /// IPv4-compatible addresses.
    #[test]
    fn ipv6_text() {
        for (ip, text) in [
            ("::", "::"),
            ("::1", "::1"),
            ("::1.2.3.4", "::1.2.3.4"),
            ("::0.1.0.0", "::0.1.0.0"),
            ("::0.0.1.0", "::100"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("::ffff:0.0.0.0", "::ffff:0.0.0.0"),
            ("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
            ("::fffe:1.2.3.4", "::fffe:102:304"),
            ("::ffff", "::ffff"),
            ("::1:0:0", "::1:0:0"),
            ("1::", "1::"),
            ("0:1::", "0:1::"),
            ("0:0:1::", "0:0:1::"),
            ("abcd:ef01::", "abcd:ef01::"),
            ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
            ("1:0:0:2:0:0:3:4", "1::2:0:0:3:4"),
            ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
            ("fe80::1", "fe80::1"),
        ] {
            let octets = ip.parse::<Ipv6Addr>().unwrap().octets();
            assert_eq!(Ipv6Text(octets).to_string(), text, "{ip}");
        }
    }

    #[test]
    fn unix_forms() {
        let unix = |a: Result<UnixAddr, _>| strace(SockAddr::Unix(a.unwrap()));
        assert_eq!(
            unix(UnixAddr::new_abstract(b"ab\0\xff\"\\\n\tc")),
            r#"{sa_family=AF_UNIX, sun_path=@"ab\0\377\"\\\n\tc"}"#
        );
        assert_eq!(
            unix(UnixAddr::new(b"/tmp/x y\xff\"q")),
            r#"{sa_family=AF_UNIX, sun_path="/tmp/x y\377\"q"}"#
        );
        assert_eq!(unix(Ok(UnixAddr::unnamed())), "{sa_family=AF_UNIX}");
        assert_eq!(
            unix(UnixAddr::new_abstract(b"")),
            r#"{sa_family=AF_UNIX, sun_path=@""}"#
        );
        // A full sun_path has no NUL in the 110 bytes, and strace adds no `...`.
        let a = [b'a'; 108];
        let text = std::format!(r#"{{sa_family=AF_UNIX, sun_path="{}"}}"#, "a".repeat(108));
        assert_eq!(unix(UnixAddr::new(&a)), text);
        assert_eq!(
            unix(UnixAddr::new_abstract(&[b'x'; 107])),
            std::format!(r#"{{sa_family=AF_UNIX, sun_path=@"{}"}}"#, "x".repeat(107))
        );
    }

    #[test]
    fn unix_raw_bytes() {
        let un = Family::Unix.raw();
        // A pathname ends at its first NUL; bytes past 110 are not read.
        assert_eq!(
            strace(other(un, b"/a\x01b\0cd")),
            r#"{sa_family=AF_UNIX, sun_path="/a\1b"}"#
        );
        assert_eq!(
            strace(other(un, b"/a\x01")),
            r#"{sa_family=AF_UNIX, sun_path="/a\1"}"#
        );
        let mut long = [b'b'; 109];
        long[108] = b'Z';
        let text = std::format!(r#"{{sa_family=AF_UNIX, sun_path="{}"}}"#, "b".repeat(108));
        assert_eq!(strace(other(un, &long)), text);
    }

    /// Every byte value before `0`, `8`, `7` and `a`: three octal digits only
    /// before an octal digit; `'` and `?` as they are.
    #[test]
    fn escaping() {
        let quoted = |c: u8| {
            let name = [c, b'0', c, b'8', c, b'7', c, b'a', c];
            let s = strace(SockAddr::Unix(UnixAddr::new_abstract(&name).unwrap()));
            s["{sa_family=AF_UNIX, sun_path=@".len()..s.len() - 1].to_string()
        };
        for (c, text) in [
            (0x00, r#""\0000\08\0007\0a\0""#),
            (0x01, r#""\0010\18\0017\1a\1""#),
            (0x08, r#""\0100\108\0107\10a\10""#),
            (b'\t', r#""\t0\t8\t7\ta\t""#),
            (b'\n', r#""\n0\n8\n7\na\n""#),
            (0x0b, r#""\v0\v8\v7\va\v""#),
            (0x0c, r#""\f0\f8\f7\fa\f""#),
            (b'\r', r#""\r0\r8\r7\ra\r""#),
            (0x0e, r#""\0160\168\0167\16a\16""#),
            (0x1b, r#""\0330\338\0337\33a\33""#),
            (b' ', r#"" 0 8 7 a ""#),
            (b'"', r#""\"0\"8\"7\"a\"""#),
            (b'\'', r#""'0'8'7'a'""#),
            (b'?', r#""?0?8?7?a?""#),
            (b'\\', r#""\\0\\8\\7\\a\\""#),
            (b'~', r#""~0~8~7~a~""#),
            (0x7f, r#""\1770\1778\1777\177a\177""#),
            (0x80, r#""\2000\2008\2007\200a\200""#),
            (0xff, r#""\3770\3778\3777\377a\377""#),
        ] {
            assert_eq!(quoted(c), text, "byte {c:#x}");
        }
    }

    fn link(protocol: u32, ifindex: i32, hatype: u32, pkttype: u32, addr: &[u8]) -> SockAddr {
        let mut a = LinkAddr::new(protocol as u16, ifindex);
        a.hatype = hatype as u16;
        a.pkttype = pkttype as u8;
        a.halen = addr.len() as u8;
        let n = addr.len().min(a.addr.len());
        a.addr[..n].copy_from_slice(&addr[..n]);
        SockAddr::Link(a)
    }

    #[test]
    fn packet() {
        assert_eq!(
            strace(link(if_arp::ETH_P_ALL, 1, if_arp::ARPHRD_NETROM, if_packet::PACKET_HOST, &[])),
            "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=1, sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=0}"
        );
        assert_eq!(
            strace(link(if_arp::ETH_P_LLDP, 1, if_arp::ARPHRD_PRONET, if_packet::PACKET_HOST, &[1, 2, 3, 4, 5, 6, 7, 8])),
            "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_LLDP), sll_ifindex=1, sll_hatype=ARPHRD_PRONET, sll_pkttype=PACKET_HOST, sll_halen=8, sll_addr=[0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8]}"
        );
        assert_eq!(
            strace(link(0x1234, 1, if_arp::ARPHRD_ARCNET, if_packet::PACKET_HOST, &[1, 2])),
            "{sa_family=AF_PACKET, sll_protocol=htons(0x1234 /* ETH_P_??? */), sll_ifindex=1, sll_hatype=ARPHRD_ARCNET, sll_pkttype=PACKET_HOST, sll_halen=2, sll_addr=[0x1, 0x2]}"
        );
        assert_eq!(
            strace(link(0, -1, 0xfff9, 0xf9, &[0, 0xab, 0x10, 0xf, 0xff, 1, 2, 3, 0])),
            "{sa_family=AF_PACKET, sll_protocol=htons(0 /* ETH_P_??? */), sll_ifindex=4294967295, sll_hatype=0xfff9 /* ARPHRD_??? */, sll_pkttype=0xf9 /* PACKET_??? */, sll_halen=9, sll_addr=[00, 0xab, 0x10, 0xf, 0xff, 0x1, 0x2, 0x3, ...]}"
        );
        // Names strace picks among constants that share a number.
        assert_eq!(
            strace(link(if_arp::ETH_P_IP, 0, if_arp::ARPHRD_HDLC, if_packet::PACKET_FASTROUTE, &[])),
            "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=0, sll_hatype=ARPHRD_CISCO, sll_pkttype=PACKET_USER, sll_halen=0}"
        );
    }

    #[test]
    fn packet_raw_bytes() {
        let raw = link(
            if_arp::ETH_P_ALL,
            99999,
            0,
            0,
            &[0, 0xab, 0x10, 0xf, 0xff, 1, 2, 3],
        )
        .encode();
        let mut bytes = Vec::from(raw.as_bytes());
        bytes[LL_HALEN] = u8::MAX;
        bytes.push(0);
        let data = &bytes[FAMILY_LEN..];
        assert_eq!(
            strace(other(Family::Packet.raw(), data)),
            "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=99999, sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=255, sll_addr=[00, 0xab, 0x10, 0xf, 0xff, 0x1, 0x2, 0x3, 00, ...]}"
        );
        // sll_ifindex 99999 (0x1869f) in memory order.
        let ifindex = if cfg!(target_endian = "little") {
            r"\237\206\1\0"
        } else {
            r"\0\1\206\237"
        };
        assert_eq!(
            strace(other(Family::Packet.raw(), &data[..17])),
            std::format!(
                r#"{{sa_family=AF_PACKET, sa_data="\0\3{ifindex}\0\0\0\377\0\253\20\17\377\1\2"}}"#
            )
        );
    }

    #[test]
    fn netlink() {
        let nl = |pad: u16, pid: u32, groups: u32, len: usize| {
            let mut data = Vec::from(pad.to_ne_bytes());
            data.extend_from_slice(&pid.to_ne_bytes());
            data.extend_from_slice(&groups.to_ne_bytes());
            data.resize(len - FAMILY_LEN, 0);
            strace(other(Family::Netlink.raw(), &data))
        };
        assert_eq!(
            nl(0x3412, 0, 0, 12),
            "{sa_family=AF_NETLINK, nl_pad=0x3412, nl_pid=0, nl_groups=00000000}"
        );
        assert_eq!(
            nl(0x3412, u32::MAX, 1, 12),
            "{sa_family=AF_NETLINK, nl_pad=0x3412, nl_pid=-1, nl_groups=0x000001}"
        );
        assert_eq!(
            nl(0, 0x7fffffff, 0x12345678, 12),
            "{sa_family=AF_NETLINK, nl_pid=2147483647, nl_groups=0x12345678}"
        );
        assert_eq!(
            nl(0, 5, 0x80000000, 16),
            "{sa_family=AF_NETLINK, nl_pid=5, nl_groups=0x80000000}"
        );
        // nl_pid 5 in memory order.
        let pid = if cfg!(target_endian = "little") {
            r"\5\0\0\0"
        } else {
            r"\0\0\0\5"
        };
        assert_eq!(
            nl(0, 5, 0, 11),
            std::format!(r#"{{sa_family=AF_NETLINK, sa_data="\0\0{pid}\0\0\0"}}"#)
        );
    }

    #[test]
    fn netlink_typed() {
        assert_eq!(
            strace(SockAddr::Netlink(NetlinkAddr::new(0, 0))),
            "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}"
        );
        assert_eq!(
            strace(SockAddr::Netlink(NetlinkAddr::new(9250, 1))),
            "{sa_family=AF_NETLINK, nl_pid=9250, nl_groups=0x000001}"
        );
        assert_eq!(
            strace(SockAddr::Netlink(NetlinkAddr::new(u32::MAX, u32::MAX))),
            "{sa_family=AF_NETLINK, nl_pid=-1, nl_groups=0xffffffff}"
        );
    }

    /// `sockaddr_vm`'s bytes: reserved1, port, cid, flags, zero, then `more`.
    fn vm(reserved1: u16, port: u32, cid: u32, flags: u8, zero: [u8; 3], more: &[u8]) -> SockAddr {
        let mut data = Vec::from(reserved1.to_ne_bytes());
        data.extend_from_slice(&port.to_ne_bytes());
        data.extend_from_slice(&cid.to_ne_bytes());
        data.push(flags);
        data.extend_from_slice(&zero);
        data.extend_from_slice(more);
        other(Family::Vsock.raw(), &data)
    }

    #[test]
    fn vsock() {
        let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
        assert_eq!(
            strace(SockAddr::Vsock(any)),
            "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_ANY, svm_port=VMADDR_PORT_ANY, svm_flags=0}"
        );
        for (cid, name) in [
            (0, "VMADDR_CID_HYPERVISOR"),
            (1, "VMADDR_CID_LOCAL"),
            (2, "VMADDR_CID_HOST"),
            (3, "0x3"),
            (0xffff_fffe, "0xfffffffe"),
        ] {
            assert_eq!(
                strace(SockAddr::Vsock(VsockAddr::new(cid, 1024))),
                std::format!("{{sa_family=AF_VSOCK, svm_cid={name}, svm_port=0x400, svm_flags=0}}")
            );
        }
        assert_eq!(
            strace(SockAddr::Vsock(VsockAddr::new(0, 0))),
            "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HYPERVISOR, svm_port=0, svm_flags=0}"
        );
        for (flags, text) in [
            (1, "VMADDR_FLAG_TO_HOST"),
            (2, "0x2 /* VMADDR_FLAG_??? */"),
            (3, "VMADDR_FLAG_TO_HOST|0x2"),
            (0x80, "0x80 /* VMADDR_FLAG_??? */"),
            (0xff, "VMADDR_FLAG_TO_HOST|0xfe"),
        ] {
            let a = VsockAddr {
                flags,
                ..VsockAddr::new(3, 1024)
            };
            assert_eq!(
                strace(SockAddr::Vsock(a)),
                std::format!(
                    "{{sa_family=AF_VSOCK, svm_cid=0x3, svm_port=0x400, svm_flags={text}}}"
                )
            );
        }
    }

    #[test]
    fn vsock_raw_bytes() {
        assert_eq!(
            strace(vm(7, 5, 5, 0, [0; 3], &[])),
            "{sa_family=AF_VSOCK, svm_reserved1=0x7, svm_cid=0x5, svm_port=0x5, svm_flags=0}"
        );
        assert_eq!(
            strace(vm(0xffff, 0, u32::MAX, 0x80, [0, 0, 1], &[])),
            r#"{sa_family=AF_VSOCK, svm_reserved1=0xffff, svm_cid=VMADDR_CID_ANY, svm_port=0, svm_flags=0x80 /* VMADDR_FLAG_??? */, svm_zero="\x00\x00\x01"}"#
        );
        assert_eq!(
            strace(vm(0, 0, 0, 0, *b"\n\"\\", &[])),
            r#"{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HYPERVISOR, svm_port=0, svm_flags=0, svm_zero="\x0a\x22\x5c"}"#
        );
        // Longer than sockaddr_vm: the rest is not shown.
        assert_eq!(
            strace(vm(0, 1, 2, 0, [0; 3], &[0xff; 112])),
            "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=0x1, svm_flags=0}"
        );
        // Shorter: sa_data. Port 1 and cid 2 in memory order.
        let (port, cid) = if cfg!(target_endian = "little") {
            (r"\1\0\0\0", r"\2\0\0\0")
        } else {
            (r"\0\0\0\1", r"\0\0\0\2")
        };
        let full = vm(0, 1, 2, 0, [0; 3], &[]).encode();
        let short = |len: usize| {
            let b = &full.as_bytes()[..len];
            SockAddr::Other(RawSockAddr::from_bytes(b).unwrap())
        };
        assert_eq!(
            strace(short(15)),
            std::format!(r#"{{sa_family=AF_VSOCK, sa_data="\0\0{port}{cid}\0\0\0"}}"#)
        );
        assert_eq!(
            strace(short(12)),
            std::format!(r#"{{sa_family=AF_VSOCK, sa_data="\0\0{port}{cid}"}}"#)
        );
    }

    #[test]
    fn generic() {
        let data = b"a\x001\xff";
        assert_eq!(
            strace(other(Family::Unspec.raw(), data)),
            r#"{sa_family=AF_UNSPEC, sa_data="a\0001\377"}"#
        );
        assert_eq!(
            strace(other(Family::Unspec.raw(), b"a")),
            r#"{sa_family=AF_UNSPEC, sa_data="a"}"#
        );
        assert_eq!(
            strace(other(200, data)),
            r#"{sa_family=0xc8 /* AF_??? */, sa_data="a\0001\377"}"#
        );
        assert_eq!(
            strace(other(u16::MAX, &[])),
            "{sa_family=0xffff /* AF_??? */}"
        );
        assert_eq!(
            strace(other(Family::AppleTalk.raw(), &[])),
            "{sa_family=AF_APPLETALK}"
        );
        let short = SockAddr::Other(RawSockAddr::from_bytes(&[1]).unwrap());
        assert_eq!(strace(short), "???");
    }

    /// Each number has one name, so the order in a table picks nothing.
    #[test]
    fn one_name_per_number() {
        for table in [ETH_P, ARPHRD, PACKET, VMADDR_CID, VMADDR_PORT, VMADDR_FLAG] {
            for (i, (n, name)) in table.iter().enumerate() {
                let again = table[i + 1..].iter().find(|(m, _)| m == n);
                assert_eq!(again, None, "{name} shares {n:#x}");
            }
        }
        assert!(ETH_P
            .iter()
            .chain(ARPHRD)
            .all(|&(n, _)| u16::try_from(n).is_ok()));
        assert!(PACKET
            .iter()
            .chain(VMADDR_FLAG)
            .all(|&(n, _)| u8::try_from(n).is_ok()));
        // Flags are single bits.
        assert!(VMADDR_FLAG.iter().all(|&(n, _)| n.is_power_of_two()));
    }
}
