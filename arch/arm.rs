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
//!
//! # Safety
//! `syscallN(nr, a0, …)` makes system call `nr` with its N arguments and
//! returns the result register: the call's value, or `-errno` in
//! `-4095..=-1`. The caller upholds call `nr`'s own contract: the memory it
//! reads or writes, the descriptors it uses.

use core::arch::asm;

use linux_raw_sys::general::__NR_bind;
use static_assertions::const_assert_eq;

// bind(2)'s entry, as the kernel's arch/arm/tools/syscall.tbl gives it.
const_assert_eq!(__NR_bind, 282);

#[inline]
pub(super) unsafe fn syscall0(nr: usize) -> usize {
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

#[inline]
pub(super) unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1,
             options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2,
             options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2, in("r3") a3,
             options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall5(
    nr: usize,
    a0: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1, in("r2") a2, in("r3") a3,
             in("r4") a4, options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall6(
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
