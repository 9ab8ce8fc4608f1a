//! rawbind's socket calls, as safe functions over descriptors, integers and
//! slices: each keeps its call's kernel contract itself, so the typed layer
//! above needs no `unsafe`. Each call is defined once below, with its two
//! numbers from `linux_raw_sys`, which lists it in
//! [`SYSCALLS`](super::SYSCALLS); the functions make it through that
//! definition, which goes through [`socket_call`](super::socket_call).

use linux_raw_sys::general::{
    __NR_accept4, __NR_bind, __NR_connect, __NR_getpeername, __NR_getsockname, __NR_getsockopt,
    __NR_listen, __NR_setsockopt, __NR_shutdown, __NR_socket,
};
use linux_raw_sys::net::{
    SOL_SOCKET, SO_BINDTODEVICE, SYS_ACCEPT4, SYS_BIND, SYS_CONNECT, SYS_GETPEERNAME,
    SYS_GETSOCKNAME, SYS_GETSOCKOPT, SYS_LISTEN, SYS_SETSOCKOPT, SYS_SHUTDOWN, SYS_SOCKET,
};

use core::mem::MaybeUninit;

use super::check;
use super::syscalls::SocketCall;
use crate::addr::CAPACITY as ADDR_CAPACITY;
use crate::errno::Errno;
use crate::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

socket_calls! {
    SOCKET = socket(__NR_socket, SYS_SOCKET);
    BIND = bind(__NR_bind, SYS_BIND);
    LISTEN = listen(__NR_listen, SYS_LISTEN);
    ACCEPT4 = accept4(__NR_accept4, SYS_ACCEPT4);
    CONNECT = connect(__NR_connect, SYS_CONNECT);
    GETSOCKNAME = getsockname(__NR_getsockname, SYS_GETSOCKNAME);
    GETPEERNAME = getpeername(__NR_getpeername, SYS_GETPEERNAME);
    SHUTDOWN = shutdown(__NR_shutdown, SYS_SHUTDOWN);
    SETSOCKOPT = setsockopt(__NR_setsockopt, SYS_SETSOCKOPT);
    GETSOCKOPT = getsockopt(__NR_getsockopt, SYS_GETSOCKOPT);
}

/// A buffer's length as the kernel's `socklen_t`, saturated: every length
/// rawbind hands the kernel goes through here. The kernel reads it as an
/// `int`, so a buffer of 4 GiB or more (only a caller's own `AsSockAddr` or
/// option value could be one) is refused (`EINVAL`: negative), never read
/// short.
#[inline(always)]
pub(super) fn socklen(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// `socket(domain, type, protocol)`: a new descriptor, owned.
#[inline]
pub(crate) fn socket(domain: u32, ty: u32, protocol: i32) -> Result<OwnedFd, Errno> {
    let args = [domain as usize, ty as usize, protocol as usize];
    // SAFETY: socket(2) takes only integers.
    let fd = check(unsafe { SOCKET.call(args) })?;
    // SAFETY: on success the kernel returned a new descriptor that nothing
    // else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// `bind(fd, addr, addr.len())`.
#[inline(always)]
pub(crate) fn bind(fd: BorrowedFd<'_>, addr: &[u8]) -> Result<(), Errno> {
    // SAFETY: `addr` is readable for its length, which is what the kernel
    // reads, during the call only.
    unsafe { super::bind(fd.as_raw_fd(), addr.as_ptr(), socklen(addr.len())) }
}

/// `connect(fd, addr, addr.len())`.
#[inline]
pub(crate) fn connect(fd: BorrowedFd<'_>, addr: &[u8]) -> Result<(), Errno> {
    let args = [
        fd.as_raw_fd() as usize,
        addr.as_ptr() as usize,
        socklen(addr.len()) as usize,
    ];
    // SAFETY: the kernel reads at most `addr.len()` bytes at `addr`, which
    // is alive during the call, and keeps no reference.
    check(unsafe { CONNECT.call(args) }).map(drop)
}

/// A socket address the kernel writes (getsockname, getpeername,
/// accept4): `sockaddr_storage`'s 128 bytes, left uninitialized, and the
/// length the kernel reported. Only the bytes the kernel wrote are read.
pub(crate) struct WrittenAddr {
    buf: MaybeUninit<[u8; ADDR_CAPACITY]>,
    /// The address's full length as the kernel reported it: more than the
    /// buffer if it cut the address short. 0 until a call succeeds.
    len: u32,
}

impl WrittenAddr {
    /// A buffer for one call to fill.
    #[inline(always)]
    pub(crate) fn new() -> WrittenAddr {
        WrittenAddr {
            buf: MaybeUninit::uninit(),
            len: 0,
        }
    }

    /// The bytes the kernel wrote: the address, cut to the buffer.
    #[inline(always)]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        let n = (self.len as usize).min(ADDR_CAPACITY);
        // SAFETY: `len` is 0, or what a successful getsockname(2),
        // getpeername(2) or accept4(2) reported, and each of those has
        // written the first min(that length, the buffer's) bytes of the
        // buffer (net/socket.c, move_addr_to_user), which stay as written.
        unsafe { core::slice::from_raw_parts(self.buf.as_ptr().cast::<u8>(), n) }
    }

    /// The `addr` and `addrlen` arguments of a call that fills the buffer,
    /// `addrlen` set to its size.
    #[inline(always)]
    fn args(&mut self) -> (usize, usize) {
        self.len = ADDR_CAPACITY as u32;
        (
            self.buf.as_mut_ptr() as usize,
            &mut self.len as *mut u32 as usize,
        )
    }

    /// `ret`, the result of the call that filled the buffer; on failure the
    /// buffer holds nothing the kernel is known to have written.
    #[inline(always)]
    fn written(&mut self, ret: Result<usize, Errno>) -> Result<usize, Errno> {
        if ret.is_err() {
            self.len = 0;
        }
        ret
    }
}

/// `getsockname(fd, name, &len)`: the name `fd` is bound to, into `name`.
#[inline]
pub(crate) fn getsockname(fd: BorrowedFd<'_>, name: &mut WrittenAddr) -> Result<(), Errno> {
    socket_name(GETSOCKNAME, fd, name)
}

/// `getpeername(fd, name, &len)`, as [`getsockname`].
#[inline]
pub(crate) fn getpeername(fd: BorrowedFd<'_>, name: &mut WrittenAddr) -> Result<(), Errno> {
    socket_name(GETPEERNAME, fd, name)
}

/// getsockname(2) or getpeername(2), which fill a buffer the same way.
#[inline(always)]
fn socket_name(call: SocketCall, fd: BorrowedFd<'_>, name: &mut WrittenAddr) -> Result<(), Errno> {
    let (addr, len) = name.args();
    let args = [fd.as_raw_fd() as usize, addr, len];
    // SAFETY: `call` is getsockname or getpeername: the kernel writes at
    // most `len` bytes at `addr`, the buffer of that size, and the full
    // length into `len`; both outlive the call.
    let ret = check(unsafe { call.call(args) });
    name.written(ret).map(drop)
}

/// `accept4(fd, peer, &len, flags)`: the new connection's descriptor,
/// owned; the peer's address goes into `peer`, or with `None` is not asked
/// for (`accept4(fd, NULL, NULL, flags)`).
#[inline]
pub(crate) fn accept4(
    fd: BorrowedFd<'_>,
    peer: Option<&mut WrittenAddr>,
    flags: u32,
) -> Result<OwnedFd, Errno> {
    let fd = fd.as_raw_fd() as usize;
    let flags = flags as usize;
    let new = match peer {
        Some(peer) => {
            let (addr, len) = peer.args();
            // SAFETY: the kernel writes at most `len` bytes at `addr`, the
            // buffer of that size, and the full length into `len`; both
            // outlive the call.
            peer.written(check(unsafe { ACCEPT4.call([fd, addr, len, flags]) }))?
        }
        // SAFETY: with a null address and length the kernel writes nothing.
        None => check(unsafe { ACCEPT4.call([fd, 0, 0, flags]) })?,
    };
    // SAFETY: on success the kernel returned a new descriptor that nothing
    // else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(new as i32) })
}

/// `shutdown(fd, how)`.
#[inline]
pub(crate) fn shutdown(fd: BorrowedFd<'_>, how: u32) -> Result<(), Errno> {
    let args = [fd.as_raw_fd() as usize, how as usize];
    // SAFETY: shutdown(2) takes only integers.
    check(unsafe { SHUTDOWN.call(args) }).map(drop)
}

/// `listen(fd, backlog)`.
#[inline]
pub(crate) fn listen(fd: BorrowedFd<'_>, backlog: i32) -> Result<(), Errno> {
    let args = [fd.as_raw_fd() as usize, backlog as usize];
    // SAFETY: listen(2) takes only integers.
    check(unsafe { LISTEN.call(args) }).map(drop)
}

/// `setsockopt(fd, level, name, &value, sizeof(int))`.
#[inline]
pub(crate) fn setsockopt_int(
    fd: BorrowedFd<'_>,
    level: u32,
    name: u32,
    value: i32,
) -> Result<(), Errno> {
    let args = [
        fd.as_raw_fd() as usize,
        level as usize,
        name as usize,
        &value as *const i32 as usize,
        size_of::<i32>(),
    ];
    // SAFETY: the kernel reads the 4 bytes of `value`, which outlives the
    // call, and keeps no reference. An int-sized value is read as a number:
    // no option takes a pointer in 4 bytes (those that carry one, such as
    // SO_ATTACH_FILTER's sock_fprog, are larger and check their length).
    check(unsafe { SETSOCKOPT.call(args) }).map(drop)
}

/// `getsockopt(fd, level, name, &value, &4)`: an int option's value.
#[inline]
pub(crate) fn getsockopt_int(fd: BorrowedFd<'_>, level: u32, name: u32) -> Result<i32, Errno> {
    let mut value: i32 = 0;
    let mut len = size_of::<i32>() as u32;
    let args = [
        fd.as_raw_fd() as usize,
        level as usize,
        name as usize,
        &mut value as *mut i32 as usize,
        &mut len as *mut u32 as usize,
    ];
    // SAFETY: the kernel writes at most `len` (4) bytes into `value` and the
    // length into `len`, both of which outlive the call. An int option's
    // value is a number: no option writes a pointer into 4 bytes.
    check(unsafe { GETSOCKOPT.call(args) })?;
    Ok(value)
}

/// `setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, name.len())`: an
/// interface name, whose bytes the kernel reads and copies.
#[inline]
pub(crate) fn set_bind_to_device(fd: BorrowedFd<'_>, name: &[u8]) -> Result<(), Errno> {
    let args = [
        fd.as_raw_fd() as usize,
        SOL_SOCKET as usize,
        SO_BINDTODEVICE as usize,
        name.as_ptr() as usize,
        socklen(name.len()) as usize,
    ];
    // SAFETY: the kernel reads at most `name.len()` bytes at `name`, which
    // is alive during the call, as a name (no pointer in it).
    check(unsafe { SETSOCKOPT.call(args) }).map(drop)
}

/// `getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, buf, &len)`: the bound
/// interface's name and its NUL written into `buf`; returns the length the
/// kernel reports (0 when unbound).
#[inline]
pub(crate) fn bind_to_device(fd: BorrowedFd<'_>, buf: &mut [u8]) -> Result<usize, Errno> {
    let mut len = socklen(buf.len());
    let args = [
        fd.as_raw_fd() as usize,
        SOL_SOCKET as usize,
        SO_BINDTODEVICE as usize,
        buf.as_mut_ptr() as usize,
        &mut len as *mut u32 as usize,
    ];
    // SAFETY: the kernel writes at most `len` bytes into `buf`, which is at
    // least that long, and the length into `len`; both outlive the call.
    check(unsafe { GETSOCKOPT.call(args) })?;
    Ok(len as usize)
}
