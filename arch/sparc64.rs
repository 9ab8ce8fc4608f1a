//! sparc64: `ta 0x6d`, and `socketcall(2)` for the socket calls.
//!
//! | instruction | number | arguments                    | result | error flag   | clobbered     |
//! |-------------|--------|------------------------------|--------|--------------|---------------|
//! | `ta 0x6d`   | %g1    | %o0, %o1, %o2, %o3, %o4, %o5 | %o0    | carry (%xcc) | %g1, %o1, ccr |
//!
//! Failure is flagged, not encoded: the kernel sets the carry bit of both
//! condition-code sets and leaves the *positive* errno in %o0. Each stub turns
//! that into this crate's `-errno` with a conditional move, no branch.
//!
//! Register hazards: LLVM reserves %g1 for its own scratch use and refuses it
//! as an asm operand, so the number arrives in any free register and the asm
//! copies it into %g1 itself; nothing LLVM keeps lives in %g1, so writing it
//! is harmless. %o1 is the second result register (`pipe`, `fork`), so it is
//! clobbered even where it carries no argument. The trap saves the register
//! window and the kernel saves the user's floating-point registers before it
//! uses them itself (VIS copies), so neither needs naming.
//!
//! Socket calls have two entries: their own numbers (bind is 353, Linux 4.4+)
//! and the older multiplexer `socketcall` (206), which takes a sub-call number
//! (`SYS_BIND` is 2) and a pointer to the call's arguments as an array of
//! words. [`socketcall`] is that entry; `src/raw/socketcall.rs` chooses.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on sparc64,
// as the kernel's syscall.tbl and linux/net.h give them.
const_assert_eq!(__NR_bind, 353);
const_assert_eq!(__NR_connect, 98);
const_assert_eq!(__NR_getpeername, 141);
const_assert_eq!(__NR_socketcall, 206);
const_assert_eq!(SYS_BIND, 2);

/// Makes system call `nr` with no arguments and returns %o0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
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

/// Makes system call `nr` with one argument and returns %o0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
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

/// Makes system call `nr` with two arguments and returns %o0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
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

/// Makes system call `nr` with three arguments and returns %o0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
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

/// Makes system call `nr` with four arguments and returns %o0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
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

/// Makes system call `nr` with five arguments and returns %o0 (`-errno` on failure).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
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

/// Makes system call `nr` with six arguments and returns %o0 (`-errno` on failure).
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
        asm!("mov {nr}, %g1", "ta 0x6d", "sub %g0, %o0, {neg}", "movcs %xcc, {neg}, %o0",
             nr = in(reg) nr, neg = out(reg) _,
             inlateout("o0") a0 => ret, inlateout("o1") a1 => _, in("o2") a2, in("o3") a3,
             in("o4") a4, in("o5") a5,
             options(nostack));
    }
    ret
}

/// Makes socket call `call` (a `SYS_*` number of `linux/net.h`) through the
/// `socketcall(2)` multiplexer and returns %o0 (`-errno` on failure).
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
