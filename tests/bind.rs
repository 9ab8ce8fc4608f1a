//! bind(2) against the real kernel, read back with getsockname(2), for every
//! address kind rawbind models. libc's getsockname and getsockopt are the
//! oracles.

mod common;

use std::ffi::CStr;
use std::mem::size_of;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rawbind::{
    bind, getsockname, getsockname_as, listen, set_ipv6_only, set_reuse_addr, set_reuse_port,
    socket, AddrError, Errno, Family, LinkAddr, NetlinkAddr, SockAddr, SockType, UnixAddr,
    UnixAddrKind, VsockAddr,
};

/// The socket constants handed to libc here. libc 0.2.191 gives mips64 the
/// generic numbers for the `SOL_SOCKET` options (its
/// `new/linux_uapi/asm/mod.rs` names "mips" twice and never "mips64"), which
/// qemu-mips64 answers with EOPNOTSUPP, and for the socket types (its glibc
/// `socket_type` module makes the same slip), where MIPS swaps `SOCK_STREAM`
/// and `SOCK_DGRAM`; there the MIPS header's numbers come from linux-raw-sys.
mod net {
    #[cfg(not(target_arch = "mips64"))]
    pub use libc::{SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM, SOL_SOCKET, SO_TYPE};
    #[cfg(target_arch = "mips64")]
    pub use mips64::*;
    #[cfg(target_arch = "mips64")]
    mod mips64 {
        use linux_raw_sys::net;
        pub const SOL_SOCKET: i32 = net::SOL_SOCKET as i32;
        pub const SO_TYPE: i32 = net::SO_TYPE as i32;
        pub const SOCK_STREAM: i32 = net::SOCK_STREAM as i32;
        pub const SOCK_DGRAM: i32 = net::SOCK_DGRAM as i32;
        pub const SOCK_SEQPACKET: i32 = net::SOCK_SEQPACKET as i32;
    }
}

/// The bytes libc's getsockname writes for `fd`, exactly as many as it reports.
fn libc_getsockname(fd: &OwnedFd) -> Vec<u8> {
    common::libc_address(fd, libc::getsockname)
}

/// An `int` socket option read with libc's getsockopt.
fn libc_getsockopt_int(fd: &OwnedFd, level: i32, name: i32) -> i32 {
    let mut value: libc::c_int = -1;
    let mut len = size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: the kernel writes at most `len` bytes into `value`, which is that long.
    let r = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            level,
            name,
            &mut value as *mut libc::c_int as *mut libc::c_void,
            &mut len,
        )
    };
    assert_eq!(r, 0, "libc getsockopt: {}", std::io::Error::last_os_error());
    assert_eq!(len as usize, size_of::<libc::c_int>());
    value
}

/// Reads `fd`'s address with rawbind and checks that re-encoding it gives
/// exactly the bytes libc's getsockname returns (for kinds where the kernel
/// returns the canonical form).
fn getsockname_matching_libc(fd: &OwnedFd) -> SockAddr {
    let got = getsockname(fd).expect("rawbind getsockname");
    assert_eq!(
        got.encode().as_bytes(),
        &libc_getsockname(fd)[..],
        "encode() of {got} differs from the kernel's bytes"
    );
    got
}

/// An abstract name no other process or test uses.
fn unique_abstract(tag: &str) -> Vec<u8> {
    common::unique_name(tag).into_bytes()
}

fn loopback_v6() -> SockAddr {
    SockAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0))
}

/// Whether this host can bind `[::1]`; if not, records `test` as skipped.
fn ipv6_loopback_or_skip(test: &str) -> bool {
    let fd = match socket(Family::Inet6, SockType::Dgram, 0) {
        Ok(fd) => fd,
        Err(e) => {
            common::skip(test, &format!("no AF_INET6 sockets here: {e}"));
            return false;
        }
    };
    match bind(&fd, &loopback_v6()) {
        Ok(()) => true,
        Err(e) => {
            common::skip(test, &format!("cannot bind [::1]:0 here: {e}"));
            false
        }
    }
}

fn v4_port(addr: &SockAddr) -> u16 {
    match addr {
        SockAddr::V4(a) => a.port(),
        other => panic!("expected a V4 address, got {other:?}"),
    }
}

fn is_cloexec(fd: &OwnedFd) -> bool {
    // SAFETY: F_GETFD takes no pointer; `fd` is open.
    let flags = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETFD) };
    assert!(flags >= 0, "fcntl: {}", std::io::Error::last_os_error());
    flags & libc::FD_CLOEXEC != 0
}

/// `SOCK_STREAM` and `SOCK_DGRAM` are swapped on MIPS: whatever the numbers,
/// the kernel makes the type asked for (its `SO_TYPE`, as libc numbers it),
/// and only the stream socket can listen.
#[test]
fn each_socket_type_is_the_type_the_kernel_makes() {
    for (ty, want) in [
        (SockType::Stream, net::SOCK_STREAM),
        (SockType::Dgram, net::SOCK_DGRAM),
        (SockType::SeqPacket, net::SOCK_SEQPACKET),
    ] {
        let fd = socket(Family::Unix, ty, 0).unwrap();
        // libc's numbers are the oracle: rawbind's getter decodes with its own.
        let got = libc_getsockopt_int(&fd, net::SOL_SOCKET, net::SO_TYPE);
        assert_eq!(got, want, "{ty:?}");
        assert_eq!(rawbind::socket_type(&fd), Ok(ty));
    }
    let stream = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&stream, &common::loopback_v4()).unwrap();
    assert_eq!(listen(&stream, 1), Ok(()));
    let dgram = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    bind(&dgram, &common::loopback_v4()).unwrap();
    assert_eq!(listen(&dgram, 1), Err(Errno::EOPNOTSUPP));
}

#[test]
fn v4_loopback_port_0_is_assigned_a_nonzero_port() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet, ty, 0).unwrap();
        bind(&fd, &common::loopback_v4()).unwrap();
        let got = getsockname_matching_libc(&fd);
        let SockAddr::V4(a) = got else {
            panic!("{ty:?}: expected V4, got {got:?}")
        };
        assert_eq!(*a.ip(), Ipv4Addr::LOCALHOST, "{ty:?}");
        assert_ne!(a.port(), 0, "{ty:?}");
    }
}

#[test]
fn v6_loopback_port_0_is_assigned_a_nonzero_port() {
    let name = "v6_loopback_port_0_is_assigned_a_nonzero_port";
    if !ipv6_loopback_or_skip(name) {
        return;
    }
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Inet6, ty, 0).unwrap();
        bind(&fd, &loopback_v6()).unwrap();
        let got = getsockname_matching_libc(&fd);
        let SockAddr::V6(a) = got else {
            panic!("{ty:?}: expected V6, got {got:?}")
        };
        assert_eq!(*a.ip(), Ipv6Addr::LOCALHOST, "{ty:?}");
        assert_ne!(a.port(), 0, "{ty:?}");
        assert_eq!((a.flowinfo(), a.scope_id()), (0, 0), "{ty:?}");
    }
}

#[test]
fn v4_mapped_v6_address_binds_on_dual_stack_inet6_socket() {
    let fd = match socket(Family::Inet6, SockType::Stream, 0) {
        Ok(fd) => fd,
        Err(e) => {
            let name = "v4_mapped_v6_address_binds_on_dual_stack_inet6_socket";
            return common::skip(name, &format!("no AF_INET6 sockets here: {e}"));
        }
    };
    set_ipv6_only(&fd, false).unwrap();
    let mapped = Ipv4Addr::LOCALHOST.to_ipv6_mapped();
    bind(&fd, &SockAddr::V6(SocketAddrV6::new(mapped, 0, 0, 0))).unwrap();
    let got = getsockname_matching_libc(&fd);
    let SockAddr::V6(a) = got else {
        panic!("expected V6, got {got:?}")
    };
    assert_eq!(*a.ip(), mapped);
    assert_eq!(a.ip().to_ipv4_mapped(), Some(Ipv4Addr::LOCALHOST));
    assert_ne!(a.port(), 0);
}

/// The kernel ignores `sin6_flowinfo` in bind (any value, even bits outside
/// the 20-bit label) and getsockname always reports it as 0.
#[test]
fn v6_nonzero_flowinfo_is_accepted_and_getsockname_reports_flowinfo_0() {
    let name = "v6_nonzero_flowinfo_is_accepted_and_getsockname_reports_flowinfo_0";
    if !ipv6_loopback_or_skip(name) {
        return;
    }
    for flowinfo in [1, 0x000a_bcde, 0x0fff_ffff, 0xffff_ffff] {
        let fd = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
        let addr = SockAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, flowinfo, 0));
        assert_eq!(
            &addr.encode().as_bytes()[4..8],
            &flowinfo.to_be_bytes(),
            "sin6_flowinfo is sent big-endian"
        );
        assert_eq!(bind(&fd, &addr), Ok(()), "flowinfo {flowinfo:#x}");
        let got = getsockname_matching_libc(&fd);
        let SockAddr::V6(a) = got else {
            panic!("expected V6, got {got:?}")
        };
        assert_eq!(*a.ip(), Ipv6Addr::LOCALHOST);
        assert_ne!(a.port(), 0);
        assert_eq!(a.flowinfo(), 0, "sent {flowinfo:#x}");
        assert_eq!(a.scope_id(), 0);
    }
}

#[test]
fn unix_pathname_reads_back_exactly_and_leaves_a_socket_file() {
    let dir = common::temp_dir("bind-path");
    let path = dir.join("a.sock");
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    let addr = UnixAddr::from_path(&path).unwrap();
    bind(&fd, &SockAddr::Unix(addr)).unwrap();
    let got = getsockname_matching_libc(&fd);
    assert_eq!(got, SockAddr::Unix(addr));
    let SockAddr::Unix(u) = got else {
        panic!("expected Unix, got {got:?}")
    };
    assert_eq!(
        u.kind(),
        UnixAddrKind::Pathname(path.as_os_str().as_bytes())
    );
    let meta = std::fs::symlink_metadata(&path).expect("the socket file exists");
    assert!(meta.file_type().is_socket(), "{meta:?}");
}

/// A `sun_path` filled to the last byte: rawbind sends 110 bytes without a
/// NUL; the kernel stores the path NUL-ended and returns 111 bytes.
#[test]
fn unix_108_byte_pathname_reads_back_exactly_with_kernel_appended_nul() {
    let name = "unix_108_byte_pathname_reads_back_exactly_with_kernel_appended_nul";
    let dir = common::temp_dir("bind-108");
    let dir_len = dir.0.as_os_str().len();
    if dir_len + 2 > 108 {
        return common::skip(name, &format!("temp dir path is {dir_len} bytes long"));
    }
    let path = dir.join(&"s".repeat(108 - dir_len - 1));
    let bytes = path.as_os_str().as_bytes();
    assert_eq!(bytes.len(), 108);
    assert_eq!(bytes[0], b'/');

    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    let addr = SockAddr::Unix(UnixAddr::new(bytes).unwrap());
    assert_eq!(addr.encode().len(), 110);
    bind(&fd, &addr).unwrap();

    let got = getsockname(&fd).unwrap();
    assert_eq!(got, addr);
    assert!(matches!(got, SockAddr::Unix(u) if u.kind() == UnixAddrKind::Pathname(bytes)));
    let kernel = libc_getsockname(&fd);
    assert_eq!(kernel.len(), 111);
    assert_eq!(&kernel[..110], got.encode().as_bytes());
    assert_eq!(kernel[110], 0);
    let meta = std::fs::symlink_metadata(&path).expect("the socket file exists");
    assert!(meta.file_type().is_socket(), "{meta:?}");
}

#[test]
fn unix_abstract_name_with_nul_and_0xff_reads_back_byte_exact() {
    for ty in [SockType::Stream, SockType::Dgram] {
        // Starts and ends with NUL, so no C-string reading could get it right.
        let mut name = b"\0\xff".to_vec();
        name.extend(unique_abstract("nul-ff"));
        name.extend_from_slice(b"\0\xff\0\xfe\xff\0");
        let fd = socket(Family::Unix, ty, 0).unwrap();
        let addr = SockAddr::Unix(UnixAddr::new_abstract(&name).unwrap());
        assert_eq!(addr.encode().len() as usize, 2 + 1 + name.len());
        bind(&fd, &addr).unwrap();
        let got = getsockname_matching_libc(&fd);
        assert_eq!(got, addr, "{ty:?}");
        assert!(
            matches!(got, SockAddr::Unix(u) if u.kind() == UnixAddrKind::Abstract(&name)),
            "{ty:?}: {got:?}"
        );
    }
}

#[test]
fn unix_unnamed_bind_autobinds_abstract_name_of_5_lowercase_hex_digits() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = socket(Family::Unix, ty, 0).unwrap();
        let unnamed = SockAddr::Unix(UnixAddr::unnamed());
        assert_eq!(unnamed.encode().len(), 2);
        bind(&fd, &unnamed).unwrap();
        let got = getsockname_matching_libc(&fd);
        let SockAddr::Unix(u) = got else {
            panic!("{ty:?}: expected Unix, got {got:?}")
        };
        let UnixAddrKind::Abstract(n) = u.kind() else {
            panic!("{ty:?}: expected an abstract name, got {u:?}")
        };
        assert_eq!(n.len(), 5, "{ty:?}: {u:?}");
        assert!(
            n.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
            "{ty:?}: {u:?}"
        );
    }
}

#[test]
fn unix_unbound_socket_reads_back_as_unnamed() {
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    let got = getsockname_matching_libc(&fd);
    assert_eq!(got, SockAddr::Unix(UnixAddr::unnamed()));
}

#[test]
fn packet_socket_bound_to_lo_reads_back_protocol_and_ifindex() {
    let name = "packet_socket_bound_to_lo_reads_back_protocol_and_ifindex";
    if !common::is_root() {
        return common::skip(name, "AF_PACKET needs CAP_NET_RAW; not root");
    }
    let protocol = (libc::ETH_P_ALL as u16).to_be() as i32;
    let fd = match socket(Family::Packet, SockType::Raw, protocol) {
        Ok(fd) => fd,
        Err(e @ (Errno::EPERM | Errno::EAFNOSUPPORT)) => {
            return common::skip(name, &format!("socket(AF_PACKET): {e}"));
        }
        Err(e) => panic!("socket(AF_PACKET): {e}"),
    };
    let lo: &CStr = c"lo";
    // SAFETY: `lo` is a NUL-terminated string that outlives the call.
    let ifindex = unsafe { libc::if_nametoindex(lo.as_ptr()) };
    if ifindex == 0 {
        return common::skip(name, "no interface named lo");
    }
    let addr = LinkAddr::new(libc::ETH_P_ALL as u16, ifindex as i32);
    bind(&fd, &SockAddr::Link(addr)).unwrap();

    let got = getsockname(&fd).unwrap();
    let SockAddr::Link(l) = got else {
        panic!("expected Link, got {got:?}")
    };
    assert_eq!(l.protocol, libc::ETH_P_ALL as u16);
    assert_eq!(l.ifindex, ifindex as i32);
    assert_eq!(l.hatype, libc::ARPHRD_LOOPBACK);
    assert_eq!(l.pkttype, 0);
    assert_eq!(l.halen, 6, "lo has a 6-byte all-zero hardware address");
    assert_eq!(l.addr, [0; 8]);

    // The kernel returns only sll_halen bytes of sll_addr; encode() always
    // writes all 20, the rest zero.
    let kernel = libc_getsockname(&fd);
    let encoded = got.encode();
    assert_eq!(kernel.len(), 12 + usize::from(l.halen));
    assert_eq!(encoded.len(), 20);
    assert_eq!(&encoded.as_bytes()[..kernel.len()], &kernel[..]);
    assert!(encoded.as_bytes()[kernel.len()..].iter().all(|&b| b == 0));
}

/// A NETLINK_ROUTE socket, or `None` after skipping test `name` where this
/// system (or emulator) makes none.
fn netlink_route_socket(name: &str) -> Option<OwnedFd> {
    match socket(Family::Netlink, SockType::Raw, libc::NETLINK_ROUTE) {
        Ok(fd) => Some(fd),
        Err(e) => {
            common::skip(name, &format!("socket(AF_NETLINK, NETLINK_ROUTE): {e}"));
            None
        }
    }
}

/// netlink(7): "If the application sets it to 0, the kernel takes care of
/// assigning it": nl_pid 0 binds to a port id the kernel picks, which
/// getsockname gives back as `SockAddr::Netlink`, in the 12 bytes libc's
/// getsockname returns.
#[test]
fn netlink_pid_0_binds_to_a_pid_the_kernel_assigns_and_getsockname_reads_back() {
    let name = "netlink_pid_0_binds_to_a_pid_the_kernel_assigns_and_getsockname_reads_back";
    let Some(fd) = netlink_route_socket(name) else {
        return;
    };
    let asked = NetlinkAddr::new(0, 0);
    assert_eq!(SockAddr::Netlink(asked).encode().len(), 12);
    bind(&fd, &asked).unwrap();
    let got = getsockname_matching_libc(&fd);
    let SockAddr::Netlink(bound) = got else {
        panic!("expected Netlink, got {got:?}")
    };
    assert_ne!(bound.pid, 0, "the kernel assigns a port id on bind");
    assert_eq!(bound.groups, 0);
    assert_eq!(got.family(), Family::Netlink);
    let kernel = libc_getsockname(&fd);
    assert_eq!(kernel.len(), size_of::<libc::sockaddr_nl>());
    assert_eq!(&kernel[4..8], &bound.pid.to_ne_bytes(), "nl_pid");
}

/// netlink(7): "nl_groups is a bit mask with every bit representing a
/// netlink group number": the groups bound (NETLINK_ROUTE lets any process
/// listen) come back in getsockname, with an assigned pid. A bound socket
/// binds again only to its own pid (another, 0 too, is EINVAL), which
/// changes its groups.
#[test]
fn netlink_multicast_groups_read_back_and_a_rebind_to_its_own_pid_changes_them() {
    let name = "netlink_multicast_groups_read_back_and_a_rebind_to_its_own_pid_changes_them";
    let Some(fd) = netlink_route_socket(name) else {
        return;
    };
    let groups = (libc::RTMGRP_LINK | libc::RTMGRP_IPV4_IFADDR) as u32;
    assert_eq!(groups.count_ones(), 2);
    bind(&fd, &NetlinkAddr::new(0, groups)).unwrap();
    let SockAddr::Netlink(bound) = getsockname_matching_libc(&fd) else {
        panic!("expected Netlink")
    };
    assert_eq!(bound.groups, groups);
    assert_ne!(bound.pid, 0);
    let link = libc::RTMGRP_LINK as u32;
    assert_eq!(bind(&fd, &NetlinkAddr::new(0, link)), Err(Errno::EINVAL));
    bind(&fd, &NetlinkAddr::new(bound.pid, link)).unwrap();
    let again = getsockname_matching_libc(&fd);
    assert_eq!(again, SockAddr::Netlink(NetlinkAddr::new(bound.pid, link)));
}

/// vsock(7): "VMADDR_CID_ANY (-1U) means any address for binding" and
/// "VMADDR_PORT_ANY (-1U) means any port number for binding": the kernel
/// picks a port, and getsockname gives back `SockAddr::Vsock`, in the 16
/// bytes libc's getsockname returns.
#[test]
fn vsock_cid_any_port_any_binds_to_a_port_the_kernel_picks_and_getsockname_reads_back() {
    let name = "vsock_cid_any_port_any_binds_to_a_port_the_kernel_picks_and_getsockname_reads_back";
    let Some((fd, bound)) = common::vsock_bound_to_any_port(name) else {
        return;
    };
    assert_eq!(bound.cid, VsockAddr::CID_ANY);
    assert_ne!(bound.port, VsockAddr::PORT_ANY);
    assert_eq!(bound.flags, 0);
    let got = getsockname_matching_libc(&fd);
    assert_eq!(got, SockAddr::Vsock(bound));
    assert_eq!(got.family(), Family::Vsock);
    assert_eq!(libc_getsockname(&fd).len(), size_of::<libc::sockaddr_vm>());
}

#[test]
fn listen_after_v4_bind_accepts_a_connection() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&fd, &common::loopback_v4()).unwrap();
    let port = v4_port(&getsockname(&fd).unwrap());
    assert_eq!(rawbind::is_listening(&fd), Ok(false));
    assert_eq!(listen(&fd, 16), Ok(()));
    assert_eq!(rawbind::is_listening(&fd), Ok(true));
    std::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect to the listener");
}

#[test]
fn listen_after_unix_bind_accepts_a_connection() {
    let dir = common::temp_dir("bind-listen");
    let path = dir.join("l.sock");
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&fd, &SockAddr::Unix(UnixAddr::from_path(&path).unwrap())).unwrap();
    assert_eq!(listen(&fd, 16), Ok(()));
    assert_eq!(rawbind::is_listening(&fd), Ok(true));
    std::os::unix::net::UnixStream::connect(&path).expect("connect to the listener");
}

#[test]
fn set_reuse_addr_sets_so_reuseaddr_and_lets_two_sockets_share_a_port() {
    let a = socket(Family::Inet, SockType::Stream, 0).unwrap();
    let b = socket(Family::Inet, SockType::Stream, 0).unwrap();
    for fd in [&a, &b] {
        assert_eq!(rawbind::reuse_addr(fd), Ok(false));
        assert_eq!(set_reuse_addr(fd, true), Ok(()));
        assert_eq!(rawbind::reuse_addr(fd), Ok(true));
    }
    bind(&a, &common::loopback_v4()).unwrap();
    let port = v4_port(&getsockname(&a).unwrap());
    // Neither listens and both set SO_REUSEADDR: no conflict.
    let same = SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
    assert_eq!(bind(&b, &same), Ok(()));
    assert_eq!(getsockname(&b).unwrap(), same);

    assert_eq!(set_reuse_addr(&a, false), Ok(()));
    assert_eq!(rawbind::reuse_addr(&a), Ok(false));
}

#[test]
fn set_reuse_port_sets_so_reuseport_and_lets_two_sockets_share_a_port() {
    for ty in [SockType::Stream, SockType::Dgram] {
        let a = socket(Family::Inet, ty, 0).unwrap();
        let b = socket(Family::Inet, ty, 0).unwrap();
        for fd in [&a, &b] {
            assert_eq!(rawbind::reuse_port(fd), Ok(false));
            assert_eq!(set_reuse_port(fd, true), Ok(()));
            assert_eq!(rawbind::reuse_port(fd), Ok(true));
        }
        bind(&a, &common::loopback_v4()).unwrap();
        let port = v4_port(&getsockname(&a).unwrap());
        let same = SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
        assert_eq!(bind(&b, &same), Ok(()), "{ty:?}");
        assert_eq!(getsockname(&b).unwrap(), same, "{ty:?}");

        assert_eq!(set_reuse_port(&a, false), Ok(()));
        assert_eq!(rawbind::reuse_port(&a), Ok(false));
    }
}

#[test]
fn set_ipv6_only_sets_ipv6_v6only_and_true_refuses_a_v4_mapped_bind() {
    let name = "set_ipv6_only_sets_ipv6_v6only_and_true_refuses_a_v4_mapped_bind";
    let fd = match socket(Family::Inet6, SockType::Stream, 0) {
        Ok(fd) => fd,
        Err(e) => return common::skip(name, &format!("no AF_INET6 sockets here: {e}")),
    };
    let v6only = |fd: &OwnedFd| rawbind::ipv6_only(fd);
    assert_eq!(set_ipv6_only(&fd, true), Ok(()));
    assert_eq!(v6only(&fd), Ok(true));
    assert_eq!(set_ipv6_only(&fd, false), Ok(()));
    assert_eq!(v6only(&fd), Ok(false));
    assert_eq!(set_ipv6_only(&fd, true), Ok(()));
    assert_eq!(v6only(&fd), Ok(true));
    // An IPv6-only socket has no IPv4 side to bind a v4-mapped address to.
    let mapped = SocketAddrV6::new(Ipv4Addr::LOCALHOST.to_ipv6_mapped(), 0, 0, 0);
    assert_eq!(bind(&fd, &SockAddr::V6(mapped)), Err(Errno::EINVAL));
}

#[test]
fn every_socket_rawbind_creates_is_close_on_exec() {
    let kinds = [
        (Family::Inet, SockType::Stream),
        (Family::Inet, SockType::Dgram),
        (Family::Inet6, SockType::Stream),
        (Family::Inet6, SockType::Dgram),
        (Family::Unix, SockType::Stream),
        (Family::Unix, SockType::Dgram),
        (Family::Unix, SockType::SeqPacket),
    ];
    for (family, ty) in kinds {
        let fd = match socket(family, ty, 0) {
            Ok(fd) => fd,
            Err(Errno::EAFNOSUPPORT) if family == Family::Inet6 => {
                common::skip(
                    "every_socket_rawbind_creates_is_close_on_exec",
                    "no AF_INET6 sockets here; AF_INET6 part not checked",
                );
                continue;
            }
            Err(e) => panic!("socket({family}, {ty:?}): {e}"),
        };
        assert!(is_cloexec(&fd), "socket({family}, {ty:?}) lacks FD_CLOEXEC");
    }
}

fn proptest_config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Any bytes, after a unique prefix, bind as an abstract name and come back byte for byte.
    #[test]
    fn unix_abstract_name_of_any_bytes_reads_back_byte_exact(
        tail in proptest::collection::vec(any::<u8>(), 0..=60),
    ) {
        let mut name = unique_abstract("pt");
        name.extend_from_slice(&tail);
        prop_assert!(name.len() <= 107);
        let fd = socket(Family::Unix, SockType::Dgram, 0).unwrap();
        let addr = SockAddr::Unix(UnixAddr::new_abstract(&name).unwrap());
        prop_assert_eq!(bind(&fd, &addr), Ok(()));
        let got = getsockname_matching_libc(&fd);
        prop_assert_eq!(got, addr);
    }

    /// Any file name without `/` or NUL binds and comes back byte for byte.
    #[test]
    fn unix_pathname_of_any_bytes_reads_back_exactly(
        file in proptest::collection::vec(any::<u8>().prop_filter("no / or NUL", |b| *b != b'/' && *b != 0), 1..=50)
            .prop_filter("not . or ..", |f| f != b"." && f != b".."),
    ) {
        let dir = common::temp_dir("bind-pt");
        let mut path = dir.0.as_os_str().as_bytes().to_vec();
        path.push(b'/');
        path.extend_from_slice(&file);
        prop_assume!(path.len() <= 108);
        let fd = socket(Family::Unix, SockType::Dgram, 0).unwrap();
        let addr = SockAddr::Unix(UnixAddr::new(&path).unwrap());
        prop_assert_eq!(bind(&fd, &addr), Ok(()));
        let got = if path.len() < 108 { getsockname_matching_libc(&fd) } else { getsockname(&fd).unwrap() };
        prop_assert_eq!(got, addr);
    }
}

/// `bind` takes each address type as itself (`AsSockAddr`), and the kernel
/// sees the same address as through `SockAddr`.
#[test]
fn bind_takes_each_address_type_directly() {
    fn bound_to<A: rawbind::AsSockAddr>(family: Family, ty: SockType, addr: &A) -> SockAddr {
        let fd = socket(family, ty, 0).unwrap();
        bind(&fd, addr).unwrap();
        getsockname(&fd).unwrap()
    }
    let v4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    assert!(
        matches!(bound_to(Family::Inet, SockType::Stream, &v4), SockAddr::V4(a) if a.port() != 0)
    );
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0);
    assert!(
        matches!(bound_to(Family::Inet6, SockType::Stream, &v6), SockAddr::V6(a) if a.port() != 0)
    );
    let any = std::net::SocketAddr::V4(v4);
    assert!(
        matches!(bound_to(Family::Inet, SockType::Dgram, &any), SockAddr::V4(a) if a.port() != 0)
    );
    let name = UnixAddr::new_abstract(common::unique_name("direct").as_bytes()).unwrap();
    assert_eq!(
        bound_to(Family::Unix, SockType::Stream, &name),
        SockAddr::Unix(name)
    );
    let name = UnixAddr::new_abstract(common::unique_name("raw").as_bytes()).unwrap();
    let raw = SockAddr::Unix(name).encode();
    assert_eq!(
        bound_to(Family::Unix, SockType::Dgram, &raw),
        SockAddr::Unix(name)
    );
    // Protocol 0 of AF_NETLINK is NETLINK_ROUTE.
    assert_eq!(libc::NETLINK_ROUTE, 0);
    let netlink = bound_to(Family::Netlink, SockType::Raw, &NetlinkAddr::new(0, 0));
    assert!(matches!(netlink, SockAddr::Netlink(a) if a.pid != 0 && a.groups == 0));
}

/// `getsockname_as` reads the bound address as the type asked for, the
/// same address `getsockname` reads; another family is refused by name,
/// after the call succeeded.
#[test]
fn getsockname_as_reads_one_family_and_refuses_another_by_name() {
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    let v4: SocketAddrV4 = getsockname_as(&fd).unwrap().unwrap();
    assert_eq!(SockAddr::V4(v4), getsockname(&fd).unwrap());
    assert_ne!(v4.port(), 0);
    let ip: std::net::SocketAddr = getsockname_as(&fd).unwrap().unwrap();
    assert_eq!(ip, std::net::SocketAddr::V4(v4));
    assert_eq!(
        getsockname_as::<SocketAddrV6>(&fd).unwrap(),
        Err(AddrError::WrongFamily {
            expected: "AF_INET6",
            found: Family::Inet
        })
    );
    assert_eq!(
        getsockname_as::<UnixAddr>(&fd).unwrap(),
        Err(AddrError::WrongFamily {
            expected: "AF_UNIX",
            found: Family::Inet
        })
    );
    // The kernel's errors come first. i32::MAX is above the kernel's
    // descriptor ceiling, so never open.
    // SAFETY: the number is only asked about, never closed.
    let never_open = unsafe { std::os::fd::BorrowedFd::borrow_raw(i32::MAX) };
    assert_eq!(
        getsockname_as::<SocketAddrV4>(never_open),
        Err(Errno::EBADF)
    );
}

/// Each `UnixAddr` form reads back through `getsockname_as::<UnixAddr>`.
#[test]
fn getsockname_as_unix_addr_reads_pathname_abstract_and_unnamed() {
    let dir = common::temp_dir("getsockname-as");
    let path = UnixAddr::from_path(dir.join("s")).unwrap();
    let name = common::unique_name("getsockname-as");
    let abstract_name = UnixAddr::new_abstract(name.as_bytes()).unwrap();
    for addr in [path, abstract_name] {
        let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
        bind(&fd, &addr).unwrap();
        assert_eq!(getsockname_as::<UnixAddr>(&fd).unwrap(), Ok(addr));
    }
    let unbound = socket(Family::Unix, SockType::Dgram, 0).unwrap();
    assert_eq!(
        getsockname_as::<UnixAddr>(&unbound).unwrap(),
        Ok(UnixAddr::unnamed())
    );
}
