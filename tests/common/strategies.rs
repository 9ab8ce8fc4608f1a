//! proptest strategies for addresses, shared by the pure tests.

use core::net::{SocketAddrV4, SocketAddrV6};

use proptest::prelude::*;
use rawbind::{LinkAddr, NetlinkAddr, VsockAddr};

/// Proptest settings: fewer cases and no regression files under Miri.
pub fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig {
            cases: 8,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    } else {
        ProptestConfig::default()
    }
}

/// A valid pathname: 1 to 108 bytes, none NUL.
pub fn unix_path() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(1u8..=255, 1..=108)
}

/// A valid abstract name: 0 to 107 bytes of anything.
pub fn abstract_name() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..=107)
}

/// Any `sockaddr_ll` field values.
pub fn link_addr() -> impl Strategy<Value = LinkAddr> {
    (
        any::<u16>(),
        any::<i32>(),
        any::<u16>(),
        any::<u8>(),
        any::<u8>(),
        any::<[u8; 8]>(),
    )
        .prop_map(
            |(protocol, ifindex, hatype, pkttype, halen, addr)| LinkAddr {
                protocol,
                ifindex,
                hatype,
                pkttype,
                halen,
                addr,
            },
        )
}

/// Any `sockaddr_nl` field values.
pub fn netlink_addr() -> impl Strategy<Value = NetlinkAddr> {
    (any::<u32>(), any::<u32>()).prop_map(|(pid, groups)| NetlinkAddr { pid, groups })
}

/// Any `sockaddr_vm` field values: flags mostly 0, as `VsockAddr::new` makes them.
pub fn vsock_addr() -> impl Strategy<Value = VsockAddr> {
    let flags = prop_oneof![Just(0u8), Just(VsockAddr::FLAG_TO_HOST), any::<u8>()];
    (any::<u32>(), any::<u32>(), flags).prop_map(|(cid, port, flags)| VsockAddr {
        cid,
        port,
        flags,
    })
}

/// Any IPv4 socket address.
pub fn v4() -> impl Strategy<Value = SocketAddrV4> {
    (any::<[u8; 4]>(), any::<u16>()).prop_map(|(ip, port)| SocketAddrV4::new(ip.into(), port))
}

/// Any IPv6 socket address, flow info and scope id included.
pub fn v6() -> impl Strategy<Value = SocketAddrV6> {
    (any::<[u8; 16]>(), any::<u16>(), any::<u32>(), any::<u32>())
        .prop_map(|(ip, port, flow, scope)| SocketAddrV6::new(ip.into(), port, flow, scope))
}
