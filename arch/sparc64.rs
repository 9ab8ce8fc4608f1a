//! sparc64: `ta 0x6d`.
//!
//! | instruction | number | arguments                    | result | error flag   | clobbered     |
//! |-------------|--------|------------------------------|--------|--------------|---------------|
//! | `ta 0x6d`   | %g1    | %o0, %o1, %o2, %o3, %o4, %o5 | %o0    | carry (%xcc) | %g1, %o1, ccr |
//!
//! Failure is flagged, not encoded: the kernel sets the carry bit of both
//! condition-code sets and leaves the *positive* errno in %o0. Each stub turns
//! that into `-errno` with a conditional move, no branch.
//!
//! Register hazards: LLVM reserves %g1 for its own scratch use and refuses it
//! as an asm operand, so the number arrives in any free register and the asm
//! copies it into %g1 itself; nothing LLVM keeps lives in %g1, so writing it
//! is harmless. %o1 is the second result register (`pipe`, `fork`), so it is
//! clobbered even where it carries no argument. The trap saves the register
//! window and the kernel saves the user's floating-point registers before it
//! uses them itself (VIS copies), so neither needs naming.
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

// bind(2)'s two entries, as the kernel's syscall.tbl and linux/net.h give
// them: its own number (Linux 4.4+), and socketcall(2) with sub-call SYS_BIND.
const_assert_eq!(__NR_bind, 353);
const_assert_eq!(__NR_socketcall, 206);
const_assert_eq!(SYS_BIND, 2);

#[inline]
pub(super) unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; the asm names
    // every register the trap reads or may overwrite, except %g1 (see the
    // module doc). After the trap, `neg` gets -%o0, which replaces %o0 only
    // when the carry flags an error.
    unsafe {
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             lateout("o0") ret, lateout("o1") _,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, lateout("o1") _,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, inlateout("o1") a1 => _,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, inlateout("o1") a1 => _, in("o2") a2,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, inlateout("o1") a1 => _, in("o2") a2, in("o3") a3,
             options(nostack));
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
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, inlateout("o1") a1 => _, in("o2") a2, in("o3") a3,
             in("o4") a4,
             options(nostack));
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
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, inlateout("o1") a1 => _, in("o2") a2, in("o3") a3,
             in("o4") a4, in("o5") a5,
             options(nostack));
    }
    ret
}
