//! `SockAddr::encode` gives, byte for byte and for exactly `len()` bytes, the
//! C struct a C program would fill in (`sockaddr_in`, `sockaddr_in6`,
//! `sockaddr_un`, `sockaddr_ll`, `sockaddr_nl`, `sockaddr_vm` from `libc`)
//! and the `addrlen` it would pass.
//!
//! libc serves only as an oracle for struct types and constants: no libc
//! function is called, and nothing here makes a system call, so it runs
//! under Miri.

use core::mem::{align_of, offset_of, size_of};
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

mod common;

use common::strategies::{abstract_name, config, link_addr, netlink_addr, unix_path, vsock_addr};
use proptest::prelude::*;
use rawbind::{Family, LinkAddr, NetlinkAddr, SockAddr, UnixAddr, VsockAddr};

/// A C struct made of integers and integer arrays only, with no padding.
///
/// # Safety
/// All-zero bytes must be a valid value, and every byte must belong to a
/// field (no padding), so each byte of a value is initialised.
unsafe trait Plain: Copy {}

// SAFETY: sockaddr_in is four integer/array fields, 2 + 2 + 4 + 8 = 16 bytes
// (checked in `libc_structs_have_no_padding`).
unsafe impl Plain for libc::sockaddr_in {}
// SAFETY: sockaddr_in6 is integer/array fields, 2 + 2 + 4 + 16 + 4 = 28 bytes
// (checked in `libc_structs_have_no_padding`).
unsafe impl Plain for libc::sockaddr_in6 {}
// SAFETY: sockaddr_un is a u16 and a c_char array, 2 + 108 = 110 bytes
// (checked in `libc_structs_have_no_padding`).
unsafe impl Plain for libc::sockaddr_un {}
// SAFETY: sockaddr_ll is integer/array fields, 2 + 2 + 4 + 2 + 1 + 1 + 8 = 20
// bytes (checked in `libc_structs_have_no_padding`).
unsafe impl Plain for libc::sockaddr_ll {}
// SAFETY: sockaddr_nl is integer fields (nl_pad a private `Padding<u16>`,
// which zeroing initialises), 2 + 2 + 4 + 4 = 12 bytes (checked in
// `libc_structs_have_no_padding`).
unsafe impl Plain for libc::sockaddr_nl {}
// SAFETY: sockaddr_vm is integer/array fields, 2 + 2 + 4 + 4 + 4 = 16 bytes
// (checked in `libc_structs_have_no_padding`).
unsafe impl Plain for libc::sockaddr_vm {}

/// The all-zero `T`, as `memset(&s, 0, sizeof s)` leaves it.
fn zeroed<T: Plain>() -> T {
    // SAFETY: `Plain` promises all-zero bytes are a valid `T`.
    unsafe { core::mem::zeroed() }
}

/// The `N` bytes of `v`, as the kernel would read them.
fn bytes_of<T: Plain, const N: usize>(v: &T) -> [u8; N] {
    assert_eq!(size_of::<T>(), N);
    let mut out = [0u8; N];
    // SAFETY: `v` is valid for reads of size_of::<T>() == N bytes, all of them
    // initialised (`Plain`: no padding); `out` is valid for N bytes of writes;
    // the two do not overlap.
    unsafe { core::ptr::copy_nonoverlapping((v as *const T).cast::<u8>(), out.as_mut_ptr(), N) };
    out
}

/// `htons`.
fn htons(x: u16) -> u16 {
    x.to_be()
}

/// `htonl`.
fn htonl(x: u32) -> u32 {
    x.to_be()
}

/// `struct sockaddr_in sin = {0}; sin.sin_family = AF_INET; sin.sin_port =
/// htons(port); sin.sin_addr.s_addr = htonl(ip);` and `sizeof sin`.
fn c_sockaddr_in(a: &SocketAddrV4) -> ([u8; 16], usize) {
    let mut s: libc::sockaddr_in = zeroed();
    s.sin_family = libc::AF_INET as libc::sa_family_t;
    s.sin_port = htons(a.port());
    s.sin_addr.s_addr = htonl(u32::from(*a.ip()));
    (bytes_of(&s), size_of::<libc::sockaddr_in>())
}

/// `sockaddr_in6` as C fills it: port and flow info in network order, scope
/// id in host order; `sizeof sin6`.
fn c_sockaddr_in6(a: &SocketAddrV6) -> ([u8; 28], usize) {
    let mut s: libc::sockaddr_in6 = zeroed();
    s.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    s.sin6_port = htons(a.port());
    s.sin6_flowinfo = htonl(a.flowinfo());
    s.sin6_addr.s6_addr = a.ip().octets();
    s.sin6_scope_id = a.scope_id();
    (bytes_of(&s), size_of::<libc::sockaddr_in6>())
}

/// The three `sockaddr_un` forms of unix(7).
enum CUnix<'a> {
    Pathname(&'a [u8]),
    Abstract(&'a [u8]),
    Unnamed,
}

/// `sockaddr_un` as unix(7) says to fill it, and its `addrlen`:
/// `offsetof(sun_path) + strlen(path) + 1` (the whole struct for a 108-byte
/// path, which has no room for the NUL), `offsetof(sun_path) + 1 + len` for
/// an abstract name, `sizeof(sa_family_t)` for unnamed.
fn c_sockaddr_un(form: CUnix<'_>) -> ([u8; 110], usize) {
    let mut s: libc::sockaddr_un = zeroed();
    s.sun_family = libc::AF_UNIX as libc::sa_family_t;
    let sun_path = offset_of!(libc::sockaddr_un, sun_path);
    let len = match form {
        CUnix::Pathname(p) => {
            for (dst, &b) in s.sun_path.iter_mut().zip(p) {
                *dst = b as libc::c_char;
            }
            (sun_path + p.len() + 1).min(size_of::<libc::sockaddr_un>())
        }
        CUnix::Abstract(n) => {
            for (dst, &b) in s.sun_path[1..].iter_mut().zip(n) {
                *dst = b as libc::c_char;
            }
            sun_path + 1 + n.len()
        }
        CUnix::Unnamed => size_of::<libc::sa_family_t>(),
    };
    (bytes_of(&s), len)
}

/// `sockaddr_ll` as packet(7) fills it: `sll_protocol = htons(proto)`, the
/// rest in host order; `sizeof sll`.
fn c_sockaddr_ll(a: &LinkAddr) -> ([u8; 20], usize) {
    let mut s: libc::sockaddr_ll = zeroed();
    s.sll_family = libc::AF_PACKET as libc::c_ushort;
    s.sll_protocol = htons(a.protocol);
    s.sll_ifindex = a.ifindex;
    s.sll_hatype = a.hatype;
    s.sll_pkttype = a.pkttype;
    s.sll_halen = a.halen;
    s.sll_addr = a.addr;
    (bytes_of(&s), size_of::<libc::sockaddr_ll>())
}

/// `sockaddr_nl` as netlink(7) fills it: `nl_pad` zero, pid and groups in
/// host order; `sizeof nl`.
fn c_sockaddr_nl(a: &NetlinkAddr) -> ([u8; 12], usize) {
    let mut s: libc::sockaddr_nl = zeroed();
    s.nl_family = libc::AF_NETLINK as libc::sa_family_t;
    s.nl_pid = a.pid;
    s.nl_groups = a.groups;
    (bytes_of(&s), size_of::<libc::sockaddr_nl>())
}

/// `sockaddr_vm` as vsock(7) fills it, port and cid in host order. libc's
/// struct predates `svm_flags` (Linux 5.11): its `svm_zero` is 4 bytes, the
/// first of them the kernel's `svm_flags`.
fn c_sockaddr_vm(a: &VsockAddr) -> ([u8; 16], usize) {
    let mut s: libc::sockaddr_vm = zeroed();
    s.svm_family = libc::AF_VSOCK as libc::sa_family_t;
    s.svm_port = a.port;
    s.svm_cid = a.cid;
    s.svm_zero[0] = a.flags;
    (bytes_of(&s), size_of::<libc::sockaddr_vm>())
}

/// Asserts `a` encodes to the first `c_len` bytes of `c`, and `len()` is `c_len`.
fn assert_encodes_as(a: SockAddr, c: &[u8], c_len: usize) {
    let raw = a.encode();
    assert_eq!(raw.len() as usize, c_len, "addrlen of {a:?}");
    assert_eq!(raw.as_bytes(), &c[..c_len], "bytes of {a:?}");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn v4_encodes_as_sockaddr_in(ip in any::<[u8; 4]>(), port in any::<u16>()) {
        let a = SocketAddrV4::new(Ipv4Addr::from(ip), port);
        let (c, len) = c_sockaddr_in(&a);
        prop_assert_eq!(len, 16);
        assert_encodes_as(SockAddr::V4(a), &c, len);
    }

    #[test]
    fn v6_encodes_as_sockaddr_in6(
        ip in any::<[u8; 16]>(),
        port in any::<u16>(),
        flowinfo in any::<u32>(),
        scope_id in any::<u32>(),
    ) {
        let a = SocketAddrV6::new(Ipv6Addr::from(ip), port, flowinfo, scope_id);
        let (c, len) = c_sockaddr_in6(&a);
        prop_assert_eq!(len, 28);
        assert_encodes_as(SockAddr::V6(a), &c, len);
    }

    #[test]
    fn unix_pathname_encodes_as_sockaddr_un(path in unix_path()) {
        let a = UnixAddr::new(&path).unwrap();
        let (c, len) = c_sockaddr_un(CUnix::Pathname(&path));
        prop_assert_eq!(len, if path.len() < 108 { 2 + path.len() + 1 } else { 110 });
        assert_encodes_as(SockAddr::Unix(a), &c, len);
    }

    #[test]
    fn unix_abstract_encodes_as_sockaddr_un(name in abstract_name()) {
        let a = UnixAddr::new_abstract(&name).unwrap();
        let (c, len) = c_sockaddr_un(CUnix::Abstract(&name));
        prop_assert_eq!(len, 2 + 1 + name.len());
        assert_encodes_as(SockAddr::Unix(a), &c, len);
    }

    #[test]
    fn link_encodes_as_sockaddr_ll(a in link_addr()) {
        let (c, len) = c_sockaddr_ll(&a);
        prop_assert_eq!(len, 20);
        assert_encodes_as(SockAddr::Link(a), &c, len);
    }

    #[test]
    fn netlink_encodes_as_sockaddr_nl(a in netlink_addr()) {
        let (c, len) = c_sockaddr_nl(&a);
        prop_assert_eq!(len, 12);
        assert_encodes_as(SockAddr::Netlink(a), &c, len);
    }

    #[test]
    fn vsock_encodes_as_sockaddr_vm(a in vsock_addr()) {
        let (c, len) = c_sockaddr_vm(&a);
        prop_assert_eq!(len, 16);
        assert_encodes_as(SockAddr::Vsock(a), &c, len);
    }
}

#[test]
fn v4_known_bytes() {
    let a = SockAddr::from(SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 0x1f90));
    let family = (libc::AF_INET as u16).to_ne_bytes();
    let mut want = vec![family[0], family[1], 0x1f, 0x90, 127, 0, 0, 1];
    want.extend([0; 8]);
    assert_eq!(a.encode().as_bytes(), &want[..]);
    let (c, len) = c_sockaddr_in(&SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 0x1f90));
    assert_eq!(&c[..len], &want[..]);
}

#[test]
fn v6_known_bytes() {
    let a = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 80, 0x0001_2345, 7);
    let raw = SockAddr::V6(a).encode();
    let b = raw.as_bytes();
    assert_eq!(b.len(), 28);
    assert_eq!(&b[2..4], &[0, 80]);
    assert_eq!(&b[4..8], &[0x00, 0x01, 0x23, 0x45]);
    assert_eq!(&b[8..24], &Ipv6Addr::LOCALHOST.octets());
    assert_eq!(&b[24..28], &7u32.to_ne_bytes());
}

#[test]
fn unix_boundary_lengths() {
    let cases: [(&[u8], usize); 4] = [
        (b"/", 4),
        (&[b'a'; 106], 109),
        (&[b'a'; 107], 110),
        (&[b'a'; 108], 110),
    ];
    for (path, want) in cases {
        let (c, len) = c_sockaddr_un(CUnix::Pathname(path));
        assert_eq!(len, want, "C addrlen for a {}-byte path", path.len());
        assert_encodes_as(SockAddr::Unix(UnixAddr::new(path).unwrap()), &c, len);
    }
    // A path shorter than sun_path is sent with its NUL.
    let raw = SockAddr::Unix(UnixAddr::new(b"/run/a.sock").unwrap()).encode();
    assert_eq!(raw.as_bytes().last(), Some(&0));
    // A 108-byte path fills sun_path and has no NUL.
    let raw = SockAddr::Unix(UnixAddr::new(&[b'a'; 108]).unwrap()).encode();
    assert_eq!(raw.as_bytes().last(), Some(&b'a'));

    for (name, want) in [(&b""[..], 3), (b"x", 4), (&[0xff; 107], 110)] {
        let (c, len) = c_sockaddr_un(CUnix::Abstract(name));
        assert_eq!(
            len,
            want,
            "C addrlen for a {}-byte abstract name",
            name.len()
        );
        assert_encodes_as(
            SockAddr::Unix(UnixAddr::new_abstract(name).unwrap()),
            &c,
            len,
        );
    }
}

#[test]
fn unix_unnamed_is_just_the_family() {
    let (c, len) = c_sockaddr_un(CUnix::Unnamed);
    assert_eq!(len, 2);
    assert_encodes_as(SockAddr::Unix(UnixAddr::unnamed()), &c, len);
}

#[test]
fn link_new_sets_protocol_big_endian() {
    let a = LinkAddr::new(libc::ETH_P_ALL as u16, 1);
    let raw = SockAddr::Link(a).encode();
    assert_eq!(raw.len(), 20);
    assert_eq!(&raw.as_bytes()[2..4], &[0x00, 0x03]);
    assert_eq!(&raw.as_bytes()[4..8], &1i32.to_ne_bytes());
    assert_eq!(&raw.as_bytes()[8..], &[0; 12]);
    let (c, len) = c_sockaddr_ll(&a);
    assert_encodes_as(SockAddr::Link(a), &c, len);
}

#[test]
fn netlink_known_bytes() {
    let a = NetlinkAddr::new(0x0102_0304, libc::RTMGRP_LINK as u32);
    let raw = SockAddr::Netlink(a).encode();
    let b = raw.as_bytes();
    assert_eq!(b.len(), 12);
    assert_eq!(&b[..2], &(libc::AF_NETLINK as u16).to_ne_bytes());
    assert_eq!(&b[2..4], &[0, 0], "nl_pad");
    assert_eq!(&b[4..8], &0x0102_0304u32.to_ne_bytes());
    assert_eq!(&b[8..12], &1u32.to_ne_bytes());
    let (c, len) = c_sockaddr_nl(&a);
    assert_encodes_as(SockAddr::Netlink(a), &c, len);
}

#[test]
fn vsock_known_bytes() {
    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    assert_eq!(any.cid, libc::VMADDR_CID_ANY);
    assert_eq!(any.port, libc::VMADDR_PORT_ANY);
    let raw = SockAddr::Vsock(any).encode();
    let b = raw.as_bytes();
    assert_eq!(b.len(), 16);
    assert_eq!(&b[..2], &(libc::AF_VSOCK as u16).to_ne_bytes());
    assert_eq!(&b[2..4], &[0, 0], "svm_reserved1");
    assert_eq!(&b[4..12], &[0xff; 8], "svm_port and svm_cid");
    assert_eq!(&b[12..], &[0; 4], "svm_flags and svm_zero");

    let a = VsockAddr {
        flags: VsockAddr::FLAG_TO_HOST,
        ..VsockAddr::new(VsockAddr::CID_HOST, 0x0102_0304)
    };
    let raw = SockAddr::Vsock(a).encode();
    let b = raw.as_bytes();
    assert_eq!(&b[4..8], &0x0102_0304u32.to_ne_bytes(), "svm_port");
    assert_eq!(&b[8..12], &libc::VMADDR_CID_HOST.to_ne_bytes(), "svm_cid");
    assert_eq!(&b[12..], &[1, 0, 0, 0], "svm_flags, svm_zero");
    let (c, len) = c_sockaddr_vm(&a);
    assert_encodes_as(SockAddr::Vsock(a), &c, len);
}

/// rawbind's constants are the C headers' (libc's, here).
#[test]
fn vsock_constants_match_libc() {
    assert_eq!(VsockAddr::CID_ANY, libc::VMADDR_CID_ANY);
    assert_eq!(VsockAddr::CID_HYPERVISOR, libc::VMADDR_CID_HYPERVISOR);
    assert_eq!(VsockAddr::CID_LOCAL, libc::VMADDR_CID_LOCAL);
    assert_eq!(VsockAddr::CID_HOST, libc::VMADDR_CID_HOST);
    assert_eq!(VsockAddr::PORT_ANY, libc::VMADDR_PORT_ANY);
    // libc has no VMADDR_FLAG_TO_HOST: the kernel header's `0x01`.
    assert_eq!(VsockAddr::FLAG_TO_HOST, 1);
}

#[test]
fn libc_struct_sizes_match_rawbind_docs() {
    assert_eq!(size_of::<libc::sockaddr_in>(), 16);
    assert_eq!(size_of::<libc::sockaddr_in6>(), 28);
    assert_eq!(size_of::<libc::sockaddr_un>(), 110);
    assert_eq!(size_of::<libc::sockaddr_ll>(), 20);
    assert_eq!(size_of::<libc::sockaddr_nl>(), 12);
    assert_eq!(size_of::<libc::sockaddr_vm>(), 16);
    assert_eq!(size_of::<libc::sockaddr_storage>(), 128);
    assert_eq!(size_of::<libc::sa_family_t>(), 2);
}

#[test]
fn libc_struct_offsets_match_rawbind_docs() {
    assert_eq!(offset_of!(libc::sockaddr_in, sin_family), 0);
    assert_eq!(offset_of!(libc::sockaddr_in, sin_port), 2);
    assert_eq!(offset_of!(libc::sockaddr_in, sin_addr), 4);
    assert_eq!(offset_of!(libc::sockaddr_in, sin_zero), 8);

    assert_eq!(offset_of!(libc::sockaddr_in6, sin6_family), 0);
    assert_eq!(offset_of!(libc::sockaddr_in6, sin6_port), 2);
    assert_eq!(offset_of!(libc::sockaddr_in6, sin6_flowinfo), 4);
    assert_eq!(offset_of!(libc::sockaddr_in6, sin6_addr), 8);
    assert_eq!(offset_of!(libc::sockaddr_in6, sin6_scope_id), 24);

    assert_eq!(offset_of!(libc::sockaddr_un, sun_family), 0);
    assert_eq!(offset_of!(libc::sockaddr_un, sun_path), 2);

    assert_eq!(offset_of!(libc::sockaddr_ll, sll_family), 0);
    assert_eq!(offset_of!(libc::sockaddr_ll, sll_protocol), 2);
    assert_eq!(offset_of!(libc::sockaddr_ll, sll_ifindex), 4);
    assert_eq!(offset_of!(libc::sockaddr_ll, sll_hatype), 8);
    assert_eq!(offset_of!(libc::sockaddr_ll, sll_pkttype), 10);
    assert_eq!(offset_of!(libc::sockaddr_ll, sll_halen), 11);
    assert_eq!(offset_of!(libc::sockaddr_ll, sll_addr), 12);

    // nl_pad (private in libc) is bytes 2..4.
    assert_eq!(offset_of!(libc::sockaddr_nl, nl_family), 0);
    assert_eq!(offset_of!(libc::sockaddr_nl, nl_pid), 4);
    assert_eq!(offset_of!(libc::sockaddr_nl, nl_groups), 8);

    // svm_flags is svm_zero[0] in libc's older struct.
    assert_eq!(offset_of!(libc::sockaddr_vm, svm_family), 0);
    assert_eq!(offset_of!(libc::sockaddr_vm, svm_reserved1), 2);
    assert_eq!(offset_of!(libc::sockaddr_vm, svm_port), 4);
    assert_eq!(offset_of!(libc::sockaddr_vm, svm_cid), 8);
    assert_eq!(offset_of!(libc::sockaddr_vm, svm_zero), 12);

    assert_eq!(offset_of!(libc::sockaddr_storage, ss_family), 0);
}

/// What makes `bytes_of` sound: every byte of these structs is a field's.
#[test]
fn libc_structs_have_no_padding() {
    assert_eq!(size_of::<libc::sockaddr_in>(), 2 + 2 + 4 + 8);
    assert_eq!(size_of::<libc::sockaddr_in6>(), 2 + 2 + 4 + 16 + 4);
    assert_eq!(size_of::<libc::sockaddr_un>(), 2 + 108);
    assert_eq!(size_of::<libc::sockaddr_ll>(), 2 + 2 + 4 + 2 + 1 + 1 + 8);
    assert_eq!(size_of::<libc::sockaddr_nl>(), 2 + 2 + 4 + 4);
    assert_eq!(size_of::<libc::sockaddr_vm>(), 2 + 2 + 4 + 4 + 4);
}

#[test]
fn encoded_buffer_is_aligned_for_any_sockaddr() {
    for a in [
        SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 1)),
        SockAddr::Unix(UnixAddr::unnamed()),
        SockAddr::Link(LinkAddr::new(3, 1)),
        SockAddr::Netlink(NetlinkAddr::new(1, 1)),
        SockAddr::Vsock(VsockAddr::new(1, 1)),
    ] {
        let raw = a.encode();
        assert_eq!(
            raw.as_ptr() as usize % align_of::<libc::sockaddr_storage>(),
            0
        );
        assert_eq!(raw.as_ptr() as usize % align_of::<libc::sockaddr_in6>(), 0);
        assert_eq!(raw.as_ptr() as usize % align_of::<libc::sockaddr_ll>(), 0);
        assert_eq!(raw.as_ptr() as usize % align_of::<libc::sockaddr_nl>(), 0);
        assert_eq!(raw.as_ptr() as usize % align_of::<libc::sockaddr_vm>(), 0);
    }
}

#[test]
fn sa_family_numbers_match_libc() {
    assert_eq!(Family::Unspec.raw(), libc::AF_UNSPEC as u16);
    assert_eq!(Family::Unix.raw(), libc::AF_UNIX as u16);
    assert_eq!(Family::Inet.raw(), libc::AF_INET as u16);
    assert_eq!(Family::Inet6.raw(), libc::AF_INET6 as u16);
    assert_eq!(Family::Netlink.raw(), libc::AF_NETLINK as u16);
    assert_eq!(Family::Packet.raw(), libc::AF_PACKET as u16);
    assert_eq!(Family::Vsock.raw(), libc::AF_VSOCK as u16);
}
