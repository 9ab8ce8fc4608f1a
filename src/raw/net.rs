//! The entry point of each socket call rawbind makes, and `close`.
//!
//! Each function takes the call's arguments as register words and returns the
//! raw result. Every socket call has its own syscall number on every
//! architecture rawbind supports; where the architecture also has the older
//! `socketcall(2)` multiplexer, [`super::socketcall`] decides which entry a
//! call takes. The numbers all come from `linux_raw_sys`.

use linux_raw_sys::general::{
    __NR_bind, __NR_close, __NR_connect, __NR_getpeername, __NR_getsockname, __NR_listen,
    __NR_setsockopt, __NR_socket,
};
use linux_raw_sys::net::{
    SYS_BIND, SYS_CONNECT, SYS_GETPEERNAME, SYS_GETSOCKNAME, SYS_LISTEN, SYS_SETSOCKOPT, SYS_SOCKET,
};
use static_assertions::const_assert_eq;

// The socketcall(2) sub-calls, the same on every architecture that has it,
// as the kernel's linux/net.h numbers them. SYS_BIND (2) is asserted beside
// __NR_socketcall in each of those architectures' arch/ files.
const_assert_eq!(SYS_SOCKET, 1);
const_assert_eq!(SYS_CONNECT, 3);
const_assert_eq!(SYS_LISTEN, 4);
const_assert_eq!(SYS_GETSOCKNAME, 6);
const_assert_eq!(SYS_GETPEERNAME, 7);
const_assert_eq!(SYS_SETSOCKOPT, 14);

use super::arch::{syscall1, syscall2, syscall3, syscall5};

/// A socket call's arguments, as the register words its direct entry takes.
///
/// Implemented for the argument counts rawbind's calls have, so that every
/// call picks its `syscallN` at compile time, with no length check to fail.
pub(super) trait Args {
    /// Makes call `nr` with these arguments through its own syscall number.
    ///
    /// # Safety
    /// `nr` and the arguments must form a call whose kernel contract the caller upholds.
    // A build pinned to socketcall never makes a direct socket call.
    #[cfg_attr(rawbind_socketcall, allow(dead_code))]
    unsafe fn direct(&self, nr: u32) -> usize;
}

impl Args for [usize; 2] {
    #[inline(always)]
    unsafe fn direct(&self, nr: u32) -> usize {
        let [a0, a1] = *self;
        // SAFETY: the caller upholds the contract of call `nr`.
        unsafe { syscall2(nr as usize, a0, a1) }
    }
}

impl Args for [usize; 3] {
    #[inline(always)]
    unsafe fn direct(&self, nr: u32) -> usize {
        let [a0, a1, a2] = *self;
        // SAFETY: the caller upholds the contract of call `nr`.
        unsafe { syscall3(nr as usize, a0, a1, a2) }
    }
}

impl Args for [usize; 5] {
    #[inline(always)]
    unsafe fn direct(&self, nr: u32) -> usize {
        let [a0, a1, a2, a3, a4] = *self;
        // SAFETY: the caller upholds the contract of call `nr`.
        unsafe { syscall5(nr as usize, a0, a1, a2, a3, a4) }
    }
}

#[cfg(rawbind_has_socketcall)]
use super::socketcall::call as socket_call;

/// Makes the socket call whose own number is `nr` (and whose `socketcall(2)`
/// sub-call would be `_sub`, on architectures that have it).
///
/// # Safety
/// `nr` and `args` must form a call whose kernel contract the caller upholds.
#[cfg(not(rawbind_has_socketcall))]
#[inline(always)]
unsafe fn socket_call<const N: usize>(nr: u32, _sub: u32, args: [usize; N]) -> usize
where
    [usize; N]: Args,
{
    // SAFETY: the caller upholds the contract of call `nr`.
    unsafe { args.direct(nr) }
}

/// `socket(domain, type, protocol)`.
///
/// # Safety
/// None beyond the kernel's own checks: all arguments are integers.
#[inline]
pub(crate) unsafe fn socket(domain: usize, ty: usize, protocol: usize) -> usize {
    // SAFETY: socket(2) takes no pointers.
    unsafe { socket_call(__NR_socket, SYS_SOCKET, [domain, ty, protocol]) }
}

/// `bind(fd, addr, len)`.
///
/// # Safety
/// `addr` must be readable for `len` bytes (or the kernel answers EFAULT).
#[inline]
pub(crate) unsafe fn bind(fd: usize, addr: usize, len: usize) -> usize {
    // SAFETY: the kernel reads `len` bytes at `addr` during the call and keeps no reference.
    unsafe { socket_call(__NR_bind, SYS_BIND, [fd, addr, len]) }
}

/// `connect(fd, addr, len)`.
///
/// # Safety
/// `addr` must be readable for `len` bytes (or the kernel answers EFAULT).
#[inline]
pub(crate) unsafe fn connect(fd: usize, addr: usize, len: usize) -> usize {
    // SAFETY: the kernel reads `len` bytes at `addr` during the call and keeps no reference.
    unsafe { socket_call(__NR_connect, SYS_CONNECT, [fd, addr, len]) }
}

/// `getsockname(fd, addr, len)`.
///
/// # Safety
/// `len` must point to a writable `u32` holding the size of the writable buffer at `addr`.
#[inline]
pub(crate) unsafe fn getsockname(fd: usize, addr: usize, len: usize) -> usize {
    // SAFETY: the kernel writes at most `*len` bytes at `addr` and the full length to `*len`.
    unsafe { socket_call(__NR_getsockname, SYS_GETSOCKNAME, [fd, addr, len]) }
}

/// `getpeername(fd, addr, len)`.
///
/// # Safety
/// `len` must point to a writable `u32` holding the size of the writable buffer at `addr`.
#[inline]
pub(crate) unsafe fn getpeername(fd: usize, addr: usize, len: usize) -> usize {
    // SAFETY: the kernel writes at most `*len` bytes at `addr` and the full length to `*len`.
    unsafe { socket_call(__NR_getpeername, SYS_GETPEERNAME, [fd, addr, len]) }
}

/// `listen(fd, backlog)`.
///
/// # Safety
/// None beyond the kernel's own checks: all arguments are integers.
#[inline]
pub(crate) unsafe fn listen(fd: usize, backlog: usize) -> usize {
    // SAFETY: listen(2) takes no pointers.
    unsafe { socket_call(__NR_listen, SYS_LISTEN, [fd, backlog]) }
}

/// `setsockopt(fd, level, name, value, len)`.
///
/// # Safety
/// `value` must be readable for `len` bytes.
#[inline]
pub(crate) unsafe fn setsockopt(
    fd: usize,
    level: usize,
    name: usize,
    value: usize,
    len: usize,
) -> usize {
    // SAFETY: the kernel reads `len` bytes at `value` during the call and keeps no reference.
    unsafe {
        socket_call(
            __NR_setsockopt,
            SYS_SETSOCKOPT,
            [fd, level, name, value, len],
        )
    }
}

/// `close(fd)`. With `std`, `OwnedFd`'s own drop closes instead.
///
/// # Safety
/// `fd` must be owned by the caller, who must not use it afterwards.
#[cfg_attr(feature = "std", allow(dead_code))]
#[inline]
pub(crate) unsafe fn close(fd: usize) -> usize {
    // SAFETY: the caller gives up `fd`; close(2) takes no pointers.
    unsafe { syscall1(__NR_close as usize, fd) }
}
