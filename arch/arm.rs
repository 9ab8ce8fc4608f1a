//! arm (EABI): `svc 0`.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `svc 0`     | r7     | r0, r1, r2, r3, r4, r5 | r0     | none      |
//!
//! The kernel preserves every register but r0, and the condition flags.
//!
//! Register hazard: r7 is the frame pointer in Thumb code, and rustc refuses
//! it as an asm operand there. Whether the code is Thumb (thumbv7neon,
//! armv7 Android, `-C target-feature=+thumb-mode`) cannot be told by `cfg` on
//! stable Rust, so every stub brings the number in a free register, saves r7
//! in another, loads r7 for the trap and restores it: valid in ARM and in
//! Thumb-2 code alike, and r7 holds its own value again before the asm ends.
//! (r6, LLVM's base pointer, is never an operand either; it carries nothing
//! here.) Only the EABI is supported: the old ABI's `swi #nr` is not.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername};
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on arm EABI,
// as the kernel's arch/arm/tools/syscall.tbl gives them.
const_assert_eq!(__NR_bind, 282);
const_assert_eq!(__NR_connect, 283);
const_assert_eq!(__NR_getpeername, 287);

/// Makes system call `nr` with no arguments and returns r0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `svc 0` reads only
    // the registers named here and r7, and writes only r0. r7 is saved in
    // `saved` (declared clobbered) and restored before the asm ends.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, lateout("r0") ret, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with one argument and returns r0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with two arguments and returns r0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with three arguments and returns r0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with four arguments and returns r0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2, in("r3") a3,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with five arguments and returns r0.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2, in("r3") a3,
             in("r4") a4, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with six arguments and returns r0.
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
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2, in("r3") a3,
             in("r4") a4, in("r5") a5, options(nostack, preserves_flags));
    }
    ret
}
