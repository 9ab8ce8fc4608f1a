//! mips64 (n64): `syscall`.
//!
//! | instruction | number   | arguments       | result   | error flag | clobbered                   |
//! |-------------|----------|-----------------|----------|------------|-----------------------------|
//! | `syscall`   | $v0 ($2) | $a0-$a5 ($4-$9) | $v0 ($2) | $a3 ($7)   | $1, $3, $10-$15, $24, $25   |
//!
//! Failure is flagged, not encoded: the kernel sets $a3 to 1 and leaves the
//! *positive* errno in $v0. Each stub turns that into `-errno` (`result`).
//!
//! Unlike o32, n64 passes all six arguments in registers, so no stub touches
//! the stack. $8 and $9 ($a4, $a5) are treated as clobbered where they carry
//! no argument, as musl does. $v1 is the second result register (`pipe`).
//! The kernel returns without restoring $1 ($at), which LLVM allocates like
//! any other register but Rust's asm cannot name, so every stub copies $1
//! into a register the kernel preserves and back around the trap. The kernel
//! restores hi and lo, which Rust's asm cannot name either. n64 has no
//! `socketcall(2)`.
//!
//! # Safety
//! `syscallN(nr, a0, …)` makes system call `nr` with its N arguments and
//! returns the result register: the call's value, or `-errno` in
//! `-4095..=-1`. The caller upholds call `nr`'s own contract: the memory it
//! reads or writes, the descriptors it uses.

use core::arch::asm;

use linux_raw_sys::general::__NR_bind;
use static_assertions::const_assert_eq;

// bind(2)'s entry, as the kernel's syscall_n64.tbl (5000 + n) gives it.
const_assert_eq!(__NR_bind, 5048);

/// Turns the kernel's ($v0, $a3) pair into the crate's convention: `-errno`
/// when $a3 flags a failure, $v0 as it came otherwise.
#[inline(always)]
fn result(v0: usize, a3: usize) -> usize {
    if a3 != 0 {
        v0.wrapping_neg()
    } else {
        v0
    }
}

#[inline]
pub(super) unsafe fn syscall0(nr: usize) -> usize {
    let (v0, a3);
    // SAFETY: the caller upholds the contract of call `nr`; the asm names
    // every register the kernel reads or may overwrite.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, lateout("$7") a3,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, a3)
}

#[inline]
pub(super) unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let (v0, a3);
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, in("$4") a0, lateout("$7") a3,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, a3)
}

#[inline]
pub(super) unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let (v0, a3);
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, lateout("$7") a3,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, a3)
}

#[inline]
pub(super) unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let (v0, a3);
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, in("$6") a2,
             lateout("$7") a3,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, a3)
}

#[inline]
pub(super) unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let (v0, err);
    // SAFETY: as in `syscall0`. $a3 carries the fourth argument in and the
    // error flag out.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, in("$6") a2,
             inlateout("$7") a3 => err,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, err)
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
    let (v0, err);
    // SAFETY: as in `syscall4`.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, in("$6") a2,
             inlateout("$7") a3 => err, inlateout("$8") a4 => _,
             lateout("$3") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, err)
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
    let (v0, err);
    // SAFETY: as in `syscall4`.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1", "syscall", "move $1, {at}", ".set pop",
             at = out(reg) _,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, in("$6") a2,
             inlateout("$7") a3 => err, inlateout("$8") a4 => _, inlateout("$9") a5 => _,
             lateout("$3") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(nostack, preserves_flags));
    }
    result(v0, err)
}
