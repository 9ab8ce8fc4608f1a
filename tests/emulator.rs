//! Where QEMU user mode and the kernel disagree, for a rawbind user who
//! cross-tests under it.
//!
//! Each test checks what the kernel does, and must pass natively. Under QEMU
//! a known fault of the emulator is recognised exactly (not any failure: the
//! one the emulator is known to give) and the test is skipped, naming the
//! fault, so that it counts as skipped on that emulator, never as passed.
//! The harness runs this file on every QEMU it has, so a QEMU that fixes a
//! fault shows it: there the test passes. Every number comes from
//! `linux-raw-sys` for the target (SOL_SOCKET and SO_BINDTOIFINDEX differ
//! on sparc64 and mips).

mod common;

use std::net::{Ipv6Addr, SocketAddrV6};
use std::os::fd::{AsRawFd, OwnedFd};

use linux_raw_sys::general::__NR_sendto;
use linux_raw_sys::net::{
    IPPROTO_IP, IPPROTO_IPV6, IPV6_FREEBIND, IP_BIND_ADDRESS_NO_PORT, IP_TRANSPARENT, SOL_SOCKET,
    SO_BINDTODEVICE, SO_BINDTOIFINDEX,
};
use rawbind::{bind, getsockname, raw, socket, Errno, Family, SockAddr, SockType};

/// `setsockopt(fd, level, name, &value, 4)` through libc, the oracle here:
/// these options have no rawbind setter yet. The error is the errno.
fn set_int_option(fd: &OwnedFd, level: u32, name: u32, value: i32) -> Result<(), Errno> {
    // SAFETY: the kernel reads 4 bytes at `&value`, which outlives the call.
    let r = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level as libc::c_int,
            name as libc::c_int,
            &value as *const i32 as *const libc::c_void,
            size_of::<i32>() as libc::socklen_t,
        )
    };
    match r {
        0 => Ok(()),
        _ => Err(Errno::from_raw(
            std::io::Error::last_os_error().raw_os_error().unwrap(),
        )),
    }
}

/// The loopback interface's index, read from sysfs (not through a socket
/// call, so that no emulator translation stands between).
fn lo_index() -> u32 {
    std::fs::read_to_string("/sys/class/net/lo/ifindex")
        .expect("/sys/class/net/lo/ifindex")
        .trim()
        .parse()
        .expect("an interface index")
}

/// Checks that setting an int option reaches the kernel: `Ok` natively; under
/// QEMU, `ENOPROTOOPT` is the known fault of an option it does not translate.
fn option_reaches_the_kernel(name: &str, option: &str, fd: &OwnedFd, level: u32, opt: u32, v: i32) {
    match (set_int_option(fd, level, opt, v), common::under_qemu()) {
        (Ok(()), _) => {}
        (Err(Errno::ENOPROTOOPT), Some(qemu)) => common::skip(
            name,
            &format!("emulator fault: {qemu} does not translate {option}: ENOPROTOOPT, the kernel never sees it"),
        ),
        (Err(e), qemu) => panic!("setsockopt({option}) gave {e:?} (emulator: {qemu:?})"),
    }
}

/// The kernel keeps a link-local address's scope: getsockname gives back
/// the interface index it was bound with. QEMU 7.2 on big-endian guests
/// (s390x, ppc64) hands the guest `sin6_scope_id` with its 16-bit halves
/// swapped: scope 1 reads as 65536, while libc sees the same bytes and the
/// kernel stored 1.
#[test]
fn getsockname_gives_back_sin6_scope_id() {
    const NAME: &str = "getsockname_gives_back_sin6_scope_id";
    let fd = socket(Family::Inet6, SockType::Dgram, 0).unwrap();
    // fe80::1 is on no interface: IPV6_FREEBIND lets it bind anyway (4.15+).
    match (
        set_int_option(&fd, IPPROTO_IPV6 as u32, IPV6_FREEBIND, 1),
        common::under_qemu(),
    ) {
        (Ok(()), _) => {}
        (Err(Errno::ENOPROTOOPT), Some(qemu)) => {
            return common::skip(
                NAME,
                &format!("emulator fault: {qemu} does not translate IPV6_FREEBIND: ENOPROTOOPT"),
            )
        }
        (Err(e), _) => panic!("setsockopt(IPV6_FREEBIND): {e:?}"),
    }
    let scope = lo_index();
    let link_local = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    bind(&fd, &SocketAddrV6::new(link_local, 0, 0, scope)).unwrap();
    let SockAddr::V6(bound) = getsockname(&fd).unwrap() else {
        panic!("getsockname of an AF_INET6 socket is not V6");
    };
    assert_eq!(*bound.ip(), link_local);
    match (bound.scope_id(), common::under_qemu()) {
        (s, _) if s == scope => {}
        (s, Some(qemu)) if s == scope.rotate_left(16) => common::skip(
            NAME,
            &format!("emulator fault: {qemu} swaps the 16-bit halves of sin6_scope_id (scope {scope} read as {s})"),
        ),
        (s, qemu) => panic!("scope {s}, bound with {scope} (emulator: {qemu:?})"),
    }
}

/// IP_TRANSPARENT (needs CAP_NET_ADMIN) reaches the kernel.
#[test]
fn setsockopt_ip_transparent_reaches_the_kernel() {
    const NAME: &str = "setsockopt_ip_transparent_reaches_the_kernel";
    if !common::is_root() {
        return common::skip(NAME, "IP_TRANSPARENT needs CAP_NET_ADMIN: run as root");
    }
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    option_reaches_the_kernel(
        NAME,
        "IP_TRANSPARENT",
        &fd,
        IPPROTO_IP as u32,
        IP_TRANSPARENT,
        1,
    );
}

/// IP_BIND_ADDRESS_NO_PORT (4.2+) reaches the kernel.
#[test]
fn setsockopt_ip_bind_address_no_port_reaches_the_kernel() {
    const NAME: &str = "setsockopt_ip_bind_address_no_port_reaches_the_kernel";
    let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
    option_reaches_the_kernel(
        NAME,
        "IP_BIND_ADDRESS_NO_PORT",
        &fd,
        IPPROTO_IP as u32,
        IP_BIND_ADDRESS_NO_PORT,
        1,
    );
}

/// SO_BINDTOIFINDEX (5.0+) reaches the kernel: binding to lo's index.
#[test]
fn setsockopt_so_bindtoifindex_reaches_the_kernel() {
    const NAME: &str = "setsockopt_so_bindtoifindex_reaches_the_kernel";
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let lo = lo_index() as i32;
    option_reaches_the_kernel(
        NAME,
        "SO_BINDTOIFINDEX",
        &fd,
        SOL_SOCKET,
        SO_BINDTOIFINDEX,
        lo,
    );
}

/// getsockopt(SO_BINDTODEVICE) gives back the interface name the socket is
/// bound to (Linux 3.8). QEMU 10 treats it as an int option: the host then
/// answers EINVAL where the target's number is the host's (25), and on
/// sparc64 (13, the host's SO_LINGER) reads SO_LINGER.
#[test]
fn getsockopt_so_bindtodevice_gives_back_the_name() {
    const NAME: &str = "getsockopt_so_bindtodevice_gives_back_the_name";
    let fd = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    let name = b"lo";
    // SAFETY: the kernel reads 2 bytes at `name`, alive during the call.
    let r = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            SOL_SOCKET as libc::c_int,
            SO_BINDTODEVICE as libc::c_int,
            name.as_ptr().cast(),
            name.len() as libc::socklen_t,
        )
    };
    assert_eq!(
        r,
        0,
        "setsockopt(SO_BINDTODEVICE): {}",
        std::io::Error::last_os_error()
    );
    let mut buf = [0u8; 16];
    let mut len = buf.len() as libc::socklen_t;
    // SAFETY: the kernel writes at most `len` bytes into `buf` and the length into `len`.
    let r = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            SOL_SOCKET as libc::c_int,
            SO_BINDTODEVICE as libc::c_int,
            buf.as_mut_ptr().cast(),
            &mut len,
        )
    };
    let errno = std::io::Error::last_os_error().raw_os_error();
    match (r, errno, common::under_qemu()) {
        (0, _, Some(qemu)) if len == 4 => common::skip(
            NAME,
            &format!("emulator fault: {qemu} passes getsockopt(SO_BINDTODEVICE)'s number, {SO_BINDTODEVICE}, to the host untranslated, which reads another option there (SO_LINGER): 4 bytes of 0, not the name"),
        ),
        (0, _, _) => assert_eq!(&buf[..len as usize], b"lo\0"),
        (_, Some(libc::EINVAL), Some(qemu)) => common::skip(
            NAME,
            &format!("emulator fault: {qemu} answers getsockopt(SO_BINDTODEVICE) with EINVAL"),
        ),
        (_, e, qemu) => panic!("getsockopt(SO_BINDTODEVICE): errno {e:?} (emulator: {qemu:?})"),
    }
}

/// sendto(2) on a descriptor that is not open is `EBADF`, whatever its
/// buffer: the kernel looks the descriptor up first. QEMU 10 checks the
/// buffer first, and answers a null one with `EFAULT`.
#[test]
fn sendto_checks_the_descriptor_before_the_buffer() {
    const NAME: &str = "sendto_checks_the_descriptor_before_the_buffer";
    // SAFETY: fd -1 is never open; the kernel reads nothing (no buffer, no address).
    let r =
        raw::check(unsafe { raw::syscall6(__NR_sendto as usize, -1i32 as usize, 0, 0, 0, 0, 0) });
    match (r, common::under_qemu()) {
        (Err(Errno::EBADF), _) => {}
        (Err(Errno::EFAULT), Some(qemu)) => common::skip(
            NAME,
            &format!("emulator fault: {qemu} checks sendto's buffer before the kernel checks the descriptor: EFAULT, not EBADF"),
        ),
        (r, qemu) => panic!("sendto(-1, NULL, 0, ...) gave {r:?} (emulator: {qemu:?})"),
    }
}
