//! powerpc, powerpc64 (big-endian, ELFv1) and powerpc64le (ELFv2): `sc`.
//!
//! | instruction | number | arguments              | result | error flag | clobbered                 |
//! |-------------|--------|------------------------|--------|------------|---------------------------|
//! | `sc`        | r0     | r3, r4, r5, r6, r7, r8 | r3     | cr0.SO     | r0, r4-r12, cr0, ctr, xer |
//!
//! Failure is flagged, not encoded: the kernel sets cr0.SO and leaves the
//! *positive* errno in r3. Each stub tests the flag and negates r3 when it is
//! set (`bns+ 1f; neg 3, 3; 1:`). The clobbers are the ELF ABI's volatile
//! registers, as the kernel's syscall64-abi.rst states them (the 32-bit ABI
//! has the same ones); lr, r2, r13 and the other cr fields come back
//! unchanged. Neither the width, the byte order nor the ELF ABI version
//! changes anything here: the same stubs serve all three targets. No stub
//! claims `preserves_flags`: the trap changes cr0 and xer, declared clobbered.
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
// them: its own number (Linux 2.6.37+), and socketcall(2) with sub-call SYS_BIND.
const_assert_eq!(__NR_bind, 327);
const_assert_eq!(__NR_socketcall, 102);
const_assert_eq!(SYS_BIND, 2);

#[inline]
pub(super) unsafe fn syscall0(nr: usize) -> usize {
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
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret,
             lateout("r4") _, lateout("r5") _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             lateout("r5") _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, inlateout("r6") a3 => _, lateout("r7") _, lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
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
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, inlateout("r6") a3 => _, inlateout("r7") a4 => _,
             lateout("r8") _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
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
        asm!("sc", "bns+ 1f", "neg 3, 3", "1:",
             inlateout("r0") nr => _, inlateout("r3") a0 => ret, inlateout("r4") a1 => _,
             inlateout("r5") a2 => _, inlateout("r6") a3 => _, inlateout("r7") a4 => _,
             inlateout("r8") a5 => _,
             lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
             lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
             options(nostack));
    }
    ret
}
