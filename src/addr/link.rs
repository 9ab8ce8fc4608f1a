//! `LinkAddr`: `sockaddr_ll`, the address of an AF_PACKET socket.

use core::cmp::Ordering;
use core::mem::{offset_of, size_of};

use linux_raw_sys::if_packet::sockaddr_ll;
use linux_raw_sys::net::AF_PACKET;
use static_assertions::const_assert_eq;

use super::{field, put, wire_start};

pub(super) const LL_LEN: usize = size_of::<sockaddr_ll>();
pub(super) const LL_PROTOCOL: usize = offset_of!(sockaddr_ll, sll_protocol);
pub(super) const LL_IFINDEX: usize = offset_of!(sockaddr_ll, sll_ifindex);
pub(super) const LL_HATYPE: usize = offset_of!(sockaddr_ll, sll_hatype);
pub(super) const LL_PKTTYPE: usize = offset_of!(sockaddr_ll, sll_pkttype);
pub(super) const LL_HALEN: usize = offset_of!(sockaddr_ll, sll_halen);
/// Where `sll_addr` starts: the kernel returns this many bytes plus `sll_halen`.
pub(super) const LL_ADDR: usize = offset_of!(sockaddr_ll, sll_addr);

/// Whether `b`, `LL_ADDR..=LL_LEN` bytes of AF_PACKET, is a `sockaddr_ll`:
/// all of one, as `bind(2)` takes it, or `sll_addr`'s first `sll_halen`
/// bytes, as `getsockname(2)` returns it (`packet_getname`,
/// net/packet/af_packet.c). Any other length in that range is another
/// struct of the family: a SOCK_PACKET socket's `sockaddr_pkt`, whose 16
/// bytes (`sizeof(struct sockaddr)`, `packet_getname_spkt`) hold a device
/// name where `sockaddr_ll` has its fields (`packet(7)`, "Compatibility").
/// The bytes alone cannot always tell the two apart: a `sockaddr_pkt`
/// whose device name has the byte 4 at its index 9 (where `sll_halen` is)
/// reads as a `sockaddr_ll`; the kernel allows such a name
/// (`dev_valid_name` refuses only `/`, `:` and whitespace).
#[inline]
pub(super) fn is_sockaddr_ll(b: &[u8]) -> bool {
    b.len() == LL_LEN || b.len() == LL_ADDR + usize::from(halen_of(b))
}

/// `sll_halen`: how many bytes of `sll_addr` the address carries, which is
/// how many the kernel's answer has after `LL_ADDR`.
#[inline]
pub(super) fn halen_of(b: &[u8]) -> u8 {
    u8::from_ne_bytes(field(b, LL_HALEN))
}
const_assert_eq!(LL_LEN, 20);
const_assert_eq!(LL_PROTOCOL, 2);
const_assert_eq!(LL_IFINDEX, 4);
const_assert_eq!(LL_HATYPE, 8);
const_assert_eq!(LL_PKTTYPE, 10);
const_assert_eq!(LL_HALEN, 11);
const_assert_eq!(LL_ADDR, 12);

/// A link-layer address, `struct sockaddr_ll` (see `packet(7)`).
///
/// To bind an AF_PACKET socket, `protocol` and `ifindex` are what matter;
/// the other fields are what the kernel reports back.
///
/// Addresses are ordered as `Display` writes them: by `ifindex`, then
/// `protocol`, then the fields the kernel reports (`hatype`, `pkttype`,
/// `halen`, `addr`).
///
/// ```
/// use rawbind::{LinkAddr, SockAddr};
/// let lo = LinkAddr::new(0x0003 /* ETH_P_ALL */, 1);
/// assert_eq!(SockAddr::Link(lo).encode().len(), 20);
/// assert!(LinkAddr::new(0x0800, 0) < lo);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct LinkAddr {
    /// `sll_protocol`: the Ethernet protocol (`ETH_P_*`), in host order here;
    /// rawbind sends it big-endian.
    pub protocol: u16,
    /// `sll_ifindex`: the interface's index; 0 means every interface.
    pub ifindex: i32,
    /// `sll_hatype`: the ARP hardware type (`ARPHRD_*`).
    pub hatype: u16,
    /// `sll_pkttype`: the packet type (`PACKET_HOST`, …).
    pub pkttype: u8,
    /// `sll_halen`: how many bytes of `addr` are the hardware address.
    pub halen: u8,
    /// `sll_addr`: the hardware address, `halen` bytes of it meaningful.
    pub addr: [u8; 8],
}

impl LinkAddr {
    /// An address for binding: `protocol` (host order) on interface `ifindex`.
    ///
    /// ```
    /// use rawbind::{LinkAddr, SockAddr};
    /// // Every protocol (ETH_P_ALL, 3) on any interface (0).
    /// let any = LinkAddr::new(3, 0);
    /// assert_eq!(SockAddr::Link(any).encode().len(), 20); // sizeof(struct sockaddr_ll)
    /// ```
    pub const fn new(protocol: u16, ifindex: i32) -> LinkAddr {
        LinkAddr {
            protocol,
            ifindex,
            hatype: 0,
            pkttype: 0,
            halen: 0,
            addr: [0; 8],
        }
    }

    /// The whole 20-byte `sockaddr_ll`.
    #[inline]
    pub(crate) fn sockaddr_ll(&self) -> [u8; LL_LEN] {
        let mut b = wire_start(AF_PACKET);
        put(&mut b, LL_PROTOCOL, self.protocol.to_be_bytes());
        put(&mut b, LL_IFINDEX, self.ifindex.to_ne_bytes());
        put(&mut b, LL_HATYPE, self.hatype.to_ne_bytes());
        put(&mut b, LL_PKTTYPE, [self.pkttype, self.halen]);
        put(&mut b, LL_ADDR, self.addr);
        b
    }

    /// The fields in the order addresses are ordered by.
    fn order(&self) -> (i32, u16, u16, u8, u8, [u8; 8]) {
        (
            self.ifindex,
            self.protocol,
            self.hatype,
            self.pkttype,
            self.halen,
            self.addr,
        )
    }

    /// `LL_ADDR..=LL_LEN` bytes: the kernel returns only `sll_halen` bytes of
    /// `sll_addr`, and the bytes not given are zero.
    pub(crate) fn decode(b: &[u8]) -> LinkAddr {
        LinkAddr {
            protocol: u16::from_be_bytes(field(b, LL_PROTOCOL)),
            ifindex: i32::from_ne_bytes(field(b, LL_IFINDEX)),
            hatype: u16::from_ne_bytes(field(b, LL_HATYPE)),
            pkttype: u8::from_ne_bytes(field(b, LL_PKTTYPE)),
            halen: halen_of(b),
            addr: field(b, LL_ADDR),
        }
    }
}

/// Every field, in [`LinkAddr`]'s documented order.
impl Ord for LinkAddr {
    #[inline]
    fn cmp(&self, other: &LinkAddr) -> Ordering {
        self.order().cmp(&other.order())
    }
}

impl PartialOrd for LinkAddr {
    #[inline]
    fn partial_cmp(&self, other: &LinkAddr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
