//! mips (o32): `syscall`, and `socketcall(2)` for the socket calls.
//!
//! | instruction | number   | arguments                              | result   | error flag | clobbered                 |
//! |-------------|----------|----------------------------------------|----------|------------|---------------------------|
//! | `syscall`   | $v0 ($2) | $a0-$a3 ($4-$7), then 16($sp), 20($sp) | $v0 ($2) | $a3 ($7)   | $1, $3, $8-$15, $24, $25  |
//!
//! Failure is flagged, not encoded: the kernel sets $a3 to 1 and leaves the
//! *positive* errno in $v0. Each stub turns that into this crate's `-errno`.
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
//! Socket calls have two entries: their own numbers (bind is 4169) and the
//! multiplexer `socketcall` (4102), which takes a sub-call number (`SYS_BIND`
//! is 2) and a pointer to the call's arguments as an array of words.
//! [`socketcall`] is that entry; `src/raw/socketcall.rs` chooses.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on mips o32,
// as the kernel's syscall_o32.tbl (4000 + n) and linux/net.h give them.
const_assert_eq!(__NR_bind, 4169);
const_assert_eq!(__NR_connect, 4170);
const_assert_eq!(__NR_getpeername, 4171);
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

/// Makes system call `nr` with no arguments and returns $v0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
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

/// Makes system call `nr` with one argument and returns $v0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
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

/// Makes system call `nr` with two arguments and returns $v0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
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

/// Makes system call `nr` with three arguments and returns $v0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
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

/// Makes system call `nr` with four arguments and returns $v0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
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

/// Makes system call `nr` with five arguments and returns $v0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
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

/// Makes system call `nr` with six arguments and returns $v0 (`-errno` on failure).
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

/// Makes socket call `call` (a `SYS_*` number of `linux/net.h`) through the
/// `socketcall(2)` multiplexer and returns $v0 (`-errno` on failure).
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
