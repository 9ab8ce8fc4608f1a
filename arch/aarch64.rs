//! aarch64: `svc 0`.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `svc 0`     | x8     | x0, x1, x2, x3, x4, x5 | x0     | none      |
//!
//! The kernel preserves every register but x0, and the condition flags.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername};
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on aarch64,
// as the kernel's generic unistd.h gives them.
const_assert_eq!(__NR_bind, 200);
const_assert_eq!(__NR_connect, 203);
const_assert_eq!(__NR_getpeername, 205);

/// Makes system call `nr` with no arguments and returns x0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `svc 0` reads only
    // the registers named here and writes only x0.
    unsafe {
        asm!("svc 0", in("x8") nr, lateout("x0") ret, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with one argument and returns x0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with two arguments and returns x0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with three arguments and returns x0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with four arguments and returns x0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
             in("x3") a3, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with five arguments and returns x0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
             in("x3") a3, in("x4") a4, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with six arguments and returns x0.
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
        asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
             in("x3") a3, in("x4") a4, in("x5") a5, options(nostack, preserves_flags));
    }
    ret
}
