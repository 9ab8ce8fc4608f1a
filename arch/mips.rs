//! mips (o32): `syscall`.
//!
//! | instruction | number   | arguments                              | result   | error flag | clobbered                 |
//! |-------------|----------|----------------------------------------|----------|------------|---------------------------|
//! | `syscall`   | $v0 ($2) | $a0-$a3 ($4-$7), then 16($sp), 20($sp) | $v0 ($2) | $a3 ($7)   | $1, $3, $8-$15, $24, $25  |
//!
//! Failure is flagged, not encoded: the kernel sets $a3 to 1 and leaves the
//! *positive* errno in $v0. Each stub turns that into `-errno` (`result`).
//!
//! Register hazards: o32 passes only four arguments in registers; the kernel
//! reads the fifth and sixth from the caller's stack, at 16($sp) and 20($sp),
//! above the 16 bytes of argument slots. `syscall5` and `syscall6` therefore
//! open their own 32-byte frame (o32 keeps $sp 8-byte aligned, and older
//! kernels read four words, 16..32), store the words and close it again. $v1
//! is the second result register (`pipe`). The kernel returns without
//! restoring $1 ($at), which LLVM allocates like any other register but
//! Rust's asm cannot name, so every stub copies $1 into a register the kernel
//! preserves and back around the trap. The kernel restores hi and lo, which
//! Rust's asm cannot name either. The kernel keeps the number itself for
//! restarting an interrupted call, so, unlike musl, no stub needs the
//! instruction just before `syscall` to load $v0.
//!
//! # Safety
//! `syscallN(nr, a0, …)` makes system call `nr` with its N arguments and
//! returns the result register: the call's value, or `-errno` in
//! `-4095..=-1`. The caller upholds call `nr`'s own contract: the memory it
//! reads or writes, the descriptors it uses.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// bind(2)'s two entries, as the kernel's syscall_o32.tbl (4000 + n) and
// linux/net.h give them: its own number, and socketcall(2) with sub-call SYS_BIND.
const_assert_eq!(__NR_bind, 4169);
const_assert_eq!(__NR_socketcall, 4102);
const_assert_eq!(SYS_BIND, 2);

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
    // SAFETY: as in `syscall4`. The fifth argument goes where the kernel
    // reads it, 16($sp), in a 32-byte frame the asm opens below the caller's
    // stack and closes before it ends; $sp is the same on exit as on entry.
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1",
             "addiu $sp, $sp, -32", "sw {a4}, 16($sp)", "syscall", "addiu $sp, $sp, 32",
             "move $1, {at}", ".set pop",
             at = out(reg) _, a4 = in(reg) a4,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, in("$6") a2,
             inlateout("$7") a3 => err,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(preserves_flags));
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
    // SAFETY: as in `syscall5`, with the sixth argument at 20($sp).
    unsafe {
        asm!(".set push", ".set noat", "move {at}, $1",
             "addiu $sp, $sp, -32", "sw {a4}, 16($sp)", "sw {a5}, 20($sp)", "syscall",
             "addiu $sp, $sp, 32", "move $1, {at}", ".set pop",
             at = out(reg) _, a4 = in(reg) a4, a5 = in(reg) a5,
             inlateout("$2") nr => v0, in("$4") a0, in("$5") a1, in("$6") a2,
             inlateout("$7") a3 => err,
             lateout("$3") _, lateout("$8") _, lateout("$9") _, lateout("$10") _,
             lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
             lateout("$15") _, lateout("$24") _, lateout("$25") _,
             options(preserves_flags));
    }
    result(v0, err)
}
