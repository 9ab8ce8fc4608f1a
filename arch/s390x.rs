//! s390x: `svc 0`, and `socketcall(2)` for the socket calls.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `svc 0`     | r1     | r2, r3, r4, r5, r6, r7 | r2     | none      |
//!
//! The kernel restores every register but r2, and returns through the PSW it
//! saved at `svc`, so the condition code comes back unchanged. `svc 0` takes
//! the number from r1; the number could also sit in the instruction for calls
//! below 256, but one form serves every call. r6 and r7 are callee-saved in
//! the s390x ELF ABI; as asm operands they are saved and restored by the
//! compiler around the function that uses them, so no stub saves them itself.
//!
//! `mmap` (90) is the old one-argument form here: it takes the address of
//! its six argument words, so it goes through `syscall1`, not `syscall6`.
//!
//! Socket calls have two entries: their own numbers (bind is 361, Linux 4.3+)
//! and the older multiplexer `socketcall` (102), which takes a sub-call number
//! (`SYS_BIND` is 2) and a pointer to the call's arguments as an array of
//! words. [`socketcall`] is that entry; `src/raw/socketcall.rs` chooses.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on s390x,
// as the kernel's syscall.tbl and linux/net.h give them.
const_assert_eq!(__NR_bind, 361);
const_assert_eq!(__NR_connect, 362);
const_assert_eq!(__NR_getpeername, 368);
const_assert_eq!(__NR_socketcall, 102);
const_assert_eq!(SYS_BIND, 2);

/// Makes system call `nr` with no arguments and returns r2.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `svc 0` reads only
    // the registers named here and writes only r2.
    unsafe {
        asm!("svc 0", in("r1") nr, lateout("r2") ret, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with one argument and returns r2.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with two arguments and returns r2.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with three arguments and returns r2.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with four arguments and returns r2.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
             in("r5") a3, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with five arguments and returns r2.
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`. r6 is callee-saved: the compiler saves and
    // restores it for the enclosing function because it is an operand here.
    unsafe {
        asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
             in("r5") a3, in("r6") a4, options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with six arguments and returns r2.
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
    // SAFETY: as in `syscall5`, for r6 and r7.
    unsafe {
        asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
             in("r5") a3, in("r6") a4, in("r7") a5, options(nostack, preserves_flags));
    }
    ret
}

/// Makes socket call `call` (a `SYS_*` number of `linux/net.h`) through the
/// `socketcall(2)` multiplexer and returns r2.
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
/// `args` must point to the call's arguments as consecutive words (64-bit
/// here), readable for as many words as call `call` takes, and those
/// arguments must satisfy the call's own contract.
#[inline]
pub unsafe fn socketcall(call: usize, args: *const usize) -> usize {
    // SAFETY: the kernel copies the argument words at `args` in before the
    // call starts and keeps no pointer; the caller vouches for them.
    unsafe { syscall2(__NR_socketcall as usize, call, args as usize) }
}
