//! m68k: `trap #0`, and `socketcall(2)` for the socket calls.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `trap #0`   | d0     | d1, d2, d3, d4, d5, a0 | d0     | none      |
//!
//! The trap saves and restores every register but d0. The condition codes
//! are not claimed preserved (no `preserves_flags`): nothing in the kernel's
//! contract promises them.
//!
//! Socket calls have two entries: their own numbers (bind is 358, Linux 4.3+)
//! and the older multiplexer `socketcall` (102), which takes a sub-call number
//! (`SYS_BIND` is 2) and a pointer to the call's arguments as an array of
//! words. [`socketcall`] is that entry; `src/raw/socketcall.rs` chooses.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// bind(2)'s entries on m68k, as the kernel's m68k syscall.tbl and linux/net.h give them.
const_assert_eq!(__NR_bind, 358);
const_assert_eq!(__NR_socketcall, 102);
const_assert_eq!(SYS_BIND, 2);

/// Makes system call `nr` with no arguments and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `trap #0` reads
    // only the registers named here and writes only d0.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, options(nostack));
    }
    ret
}

/// Makes system call `nr` with one argument and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, in("d1") a0, options(nostack));
    }
    ret
}

/// Makes system call `nr` with two arguments and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, in("d1") a0, in("d2") a1,
             options(nostack));
    }
    ret
}

/// Makes system call `nr` with three arguments and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, in("d1") a0, in("d2") a1, in("d3") a2,
             options(nostack));
    }
    ret
}

/// Makes system call `nr` with four arguments and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, in("d1") a0, in("d2") a1, in("d3") a2,
             in("d4") a3, options(nostack));
    }
    ret
}

/// Makes system call `nr` with five arguments and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, in("d1") a0, in("d2") a1, in("d3") a2,
             in("d4") a3, in("d5") a4, options(nostack));
    }
    ret
}

/// Makes system call `nr` with six arguments and returns d0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall6(
    nr: usize,
    a0: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("trap #0", inlateout("d0") nr => ret, in("d1") a0, in("d2") a1, in("d3") a2,
             in("d4") a3, in("d5") a4, in("a0") a5, options(nostack));
    }
    ret
}

/// Makes socket call `call` (a `SYS_*` number of `linux/net.h`) through the
/// `socketcall(2)` multiplexer and returns d0.
///
/// ```
/// use linux_raw_sys::general::O_CLOEXEC; // SOCK_CLOEXEC is O_CLOEXEC
/// use linux_raw_sys::net::{AF_INET, SOCK_STREAM, SYS_SOCKET};
/// use std::os::fd::{FromRawFd, OwnedFd};
///
/// let args = [AF_INET as usize, (SOCK_STREAM | O_CLOEXEC) as usize, 0];
/// // SAFETY: socket(2)'s three argument words, alive during the call.
/// let ret = unsafe { rawbind::raw::socketcall(SYS_SOCKET as usize, args.as_ptr()) };
/// // SAFETY: the kernel just opened this descriptor for us.
/// let fd = unsafe { OwnedFd::from_raw_fd(rawbind::raw::check(ret)? as i32) };
/// # drop(fd);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Safety
/// `args` must point to the call's arguments as consecutive words, readable
/// for as many words as call `call` takes, and those arguments must satisfy
/// the call's own contract.
#[inline]
pub unsafe fn socketcall(call: usize, args: *const usize) -> usize {
    // SAFETY: the kernel copies the argument words at `args` in before the
    // call starts and keeps no pointer; the caller vouches for them.
    unsafe { syscall2(__NR_socketcall as usize, call, args as usize) }
}
