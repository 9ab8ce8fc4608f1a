//! Wall time of one socket + bind(127.0.0.1:0) + close, through rawbind and
//! its peers: what a program pays per bound socket. The kernel's work
//! dominates (see `cargo xtask bench-insns` for the user-space instructions);
//! `scripts/bench-wall` runs this several times and reports each median and
//! its ratio to glibc's.
//!
//! Every operation makes a close-on-exec TCP socket, binds it to port 0 from
//! a `SocketAddrV4` (each library converting it its own way) and closes it.

use std::hint::black_box;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

fn main() {
    divan::main();
}

const ADDR: SocketAddrV4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
/// Samples per bench, and operations per sample: about 0.3 s per bench.
const SAMPLES: u32 = 2000;
const OPS_PER_SAMPLE: u32 = 50;

#[divan::bench(sample_count = SAMPLES, sample_size = OPS_PER_SAMPLE)]
fn rawbind() {
    use rawbind::{Family, SockAddr, SockType};
    let fd = rawbind::socket(Family::Inet, SockType::Stream, 0).unwrap();
    rawbind::bind(&fd, &SockAddr::from(black_box(ADDR))).unwrap();
}

#[divan::bench(sample_count = SAMPLES, sample_size = OPS_PER_SAMPLE)]
fn libc() {
    let addr = black_box(ADDR);
    let sin = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: addr.port().to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from_ne_bytes(addr.ip().octets()),
        },
        sin_zero: [0; 8],
    };
    // SAFETY: socket(2) takes only integers.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) };
    assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
    // SAFETY: `fd` is a new descriptor that nothing else owns; dropping it closes it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: `sin` is a whole `sockaddr_in`, `len` its size, and it outlives the call.
    let ret = unsafe {
        libc::bind(
            fd.as_raw_fd(),
            (&sin as *const libc::sockaddr_in).cast(),
            len,
        )
    };
    assert_eq!(ret, 0, "bind: {}", std::io::Error::last_os_error());
}

#[divan::bench(sample_count = SAMPLES, sample_size = OPS_PER_SAMPLE)]
fn rustix() {
    use rustix::net::{AddressFamily, SocketFlags, SocketType};
    let fd = rustix::net::socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::CLOEXEC,
        None,
    )
    .unwrap();
    rustix::net::bind(&fd, &black_box(ADDR)).unwrap();
}

#[divan::bench(sample_count = SAMPLES, sample_size = OPS_PER_SAMPLE)]
fn nix() {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, SockaddrIn};
    let fd = nix::sys::socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .unwrap();
    nix::sys::socket::bind(fd.as_raw_fd(), &SockaddrIn::from(black_box(ADDR))).unwrap();
}

#[divan::bench(sample_count = SAMPLES, sample_size = OPS_PER_SAMPLE)]
fn socket2() {
    use socket2::{Domain, SockAddr, Socket, Type};
    // socket2 makes every socket close-on-exec.
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket.bind(&SockAddr::from(black_box(ADDR))).unwrap();
}
