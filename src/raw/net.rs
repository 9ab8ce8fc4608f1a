//! The entry point of each socket call rawbind makes, and `close`.
//!
//! Each function takes the call's arguments as register words and returns the
//! raw result. On architectures without `socketcall(2)` every call has its own
//! syscall number; the numbers all come from `linux_raw_sys::general`.

use linux_raw_sys::general::{
    __NR_bind, __NR_close, __NR_getsockname, __NR_listen, __NR_setsockopt, __NR_socket,
};

use super::arch::{syscall1, syscall2, syscall3, syscall5};

/// `socket(domain, type, protocol)`.
///
/// # Safety
/// None beyond the kernel's own checks: all arguments are integers.
#[inline]
pub(crate) unsafe fn socket(domain: usize, ty: usize, protocol: usize) -> usize {
    // SAFETY: socket(2) takes no pointers.
    unsafe { syscall3(__NR_socket as usize, domain, ty, protocol) }
}

/// `bind(fd, addr, len)`.
///
/// # Safety
/// `addr` must be readable for `len` bytes (or the kernel answers EFAULT).
#[inline]
pub(crate) unsafe fn bind(fd: usize, addr: usize, len: usize) -> usize {
    // SAFETY: the kernel reads `len` bytes at `addr` during the call and keeps no reference.
    unsafe { syscall3(__NR_bind as usize, fd, addr, len) }
}

/// `getsockname(fd, addr, len)`.
///
/// # Safety
/// `len` must point to a writable `u32` holding the size of the writable buffer at `addr`.
#[inline]
pub(crate) unsafe fn getsockname(fd: usize, addr: usize, len: usize) -> usize {
    // SAFETY: the kernel writes at most `*len` bytes at `addr` and the full length to `*len`.
    unsafe { syscall3(__NR_getsockname as usize, fd, addr, len) }
}

/// `listen(fd, backlog)`.
///
/// # Safety
/// None beyond the kernel's own checks: all arguments are integers.
#[inline]
pub(crate) unsafe fn listen(fd: usize, backlog: usize) -> usize {
    // SAFETY: listen(2) takes no pointers.
    unsafe { syscall2(__NR_listen as usize, fd, backlog) }
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
    unsafe { syscall5(__NR_setsockopt as usize, fd, level, name, value, len) }
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
