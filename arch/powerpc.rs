//! powerpc (32-bit): `sc`, and `socketcall(2)` for the socket calls.
//!
//! | instruction | number | arguments              | result | clobbered                 |
//! |-------------|--------|------------------------|--------|---------------------------|
//! | `sc`        | r0     | r3, r4, r5, r6, r7, r8 | r3     | r0, r4-r12, cr0, ctr, xer |
//!
//! The kernel does not return `-errno`: it sets cr0.SO on failure and leaves
//! the positive error number in r3. Each stub tests the flag and negates r3
//! when it is set (`bns+ 1f; neg 3, 3; 1:`), so the result follows the
//! convention every other architecture's does. The clobbers are the 32-bit
//! ELF ABI's volatile registers, which the kernel may change, as it says for
//! powerpc64 in syscall64-abi.rst; lr, r2 (the thread pointer), r13 (the
//! small-data pointer) and the other cr fields come back unchanged.
//!
//! Socket calls have two entries: their own numbers (bind is 327, Linux
//! 2.6.37+) and the older multiplexer `socketcall` (102), which takes a
//! sub-call number (`SYS_BIND` is 2) and a pointer to the call's arguments as
//! an array of words. [`socketcall`] is that entry; `src/raw/socketcall.rs`
//! chooses.

use core::arch::asm;

use linux_raw_sys::general::{__NR_bind, __NR_connect, __NR_getpeername, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// The entries of bind(2), connect(2) and getpeername(2) on powerpc,
// as the kernel's syscall.tbl and linux/net.h give them.
const_assert_eq!(__NR_bind, 327);
const_assert_eq!(__NR_connect, 328);
const_assert_eq!(__NR_getpeername, 332);
const_assert_eq!(__NR_socketcall, 102);
const_assert_eq!(SYS_BIND, 2);

/// Makes system call `nr` with no arguments and returns r3 (negated if cr0.SO is set).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `sc` reads only
    // the registers named here, and every register it may change is declared.
    // The flag test and `neg` touch only r3 and the cr0 they read.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, lateout("r3") ret,
             lateout("r4") _, lateout("r5") _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with one argument and returns r3 (negated if cr0.SO is set).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret,
             lateout("r4") _, lateout("r5") _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with two arguments and returns r3 (negated if cr0.SO is set).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             lateout("r5") _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with three arguments and returns r3 (negated if cr0.SO is set).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with four arguments and returns r3 (negated if cr0.SO is set).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, inlateout("r6") a3 => _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with five arguments and returns r3 (negated if cr0.SO is set).
///
/// # Safety
/// `nr` and its arguments must form a call whose kernel contract the caller upholds.
#[inline]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, inlateout("r6") a3 => _, inlateout("r7") a4 => _,
             lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes system call `nr` with six arguments and returns r3 (negated if cr0.SO is set).
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
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, inlateout("r6") a3 => _, inlateout("r7") a4 => _,
             inlateout("r8") a5 => _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack, preserves_flags));
    }
    ret
}

/// Makes socket call `call` (a `SYS_*` number of `linux/net.h`) through the
/// `socketcall(2)` multiplexer and returns r3 (negated if cr0.SO is set).
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
