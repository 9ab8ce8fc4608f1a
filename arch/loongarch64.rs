//! loongarch64: `syscall 0`.
//!
//! | instruction | number | arguments              | result | clobbered    |
//! |-------------|--------|------------------------|--------|--------------|
//! | `syscall 0` | a7     | a0, a1, a2, a3, a4, a5 | a0     | $t0 … $t8    |
//!
//! The kernel's syscall entry uses the temporaries $t0-$t8 (r12-r20) as
//! scratch before it saves anything and does not restore them, so every stub
//! declares them clobbered; every other register but a0 survives. LoongArch
//! has no condition flags.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername};
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on loongarch64,
// as the kernel's generic unistd.h gives them.
const_assert_eq!(__NR_bind, 200);
const_assert_eq!(__NR_connect, 203);
const_assert_eq!(__NR_getpeername, 205);

/// Makes system call `nr` with no arguments and returns a0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `syscall 0` reads
    // only the registers named here and writes only a0 and the $t registers,
    // which are declared clobbered.
    unsafe {
        asm!("syscall 0", in("$a7") nr, lateout("$a0") ret, lateout("$t0") _, lateout("$t1") _,
             lateout("$t2") _, lateout("$t3") _, lateout("$t4") _, lateout("$t5") _,
             lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with one argument and returns a0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, lateout("$t0") _,
             lateout("$t1") _, lateout("$t2") _, lateout("$t3") _, lateout("$t4") _,
             lateout("$t5") _, lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with two arguments and returns a0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1, lateout("$t0") _,
             lateout("$t1") _, lateout("$t2") _, lateout("$t3") _, lateout("$t4") _,
             lateout("$t5") _, lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with three arguments and returns a0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1, in("$a2") a2,
             lateout("$t0") _, lateout("$t1") _, lateout("$t2") _, lateout("$t3") _,
             lateout("$t4") _, lateout("$t5") _, lateout("$t6") _, lateout("$t7") _,
             lateout("$t8") _, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with four arguments and returns a0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1, in("$a2") a2,
             in("$a3") a3, lateout("$t0") _, lateout("$t1") _, lateout("$t2") _, lateout("$t3") _,
             lateout("$t4") _, lateout("$t5") _, lateout("$t6") _, lateout("$t7") _,
             lateout("$t8") _, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with five arguments and returns a0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1, in("$a2") a2,
             in("$a3") a3, in("$a4") a4, lateout("$t0") _, lateout("$t1") _, lateout("$t2") _,
             lateout("$t3") _, lateout("$t4") _, lateout("$t5") _, lateout("$t6") _,
             lateout("$t7") _, lateout("$t8") _, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with six arguments and returns a0.
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
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1, in("$a2") a2,
             in("$a3") a3, in("$a4") a4, in("$a5") a5, lateout("$t0") _, lateout("$t1") _,
             lateout("$t2") _, lateout("$t3") _, lateout("$t4") _, lateout("$t5") _,
             lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
             options(nostack, preserves_flags));
    }
    ret
}
