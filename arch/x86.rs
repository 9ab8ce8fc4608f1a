//! i386: `int 0x80`.
//!
//! | instruction | number | arguments                      | result | clobbered |
//! |-------------|--------|--------------------------------|--------|-----------|
//! | `int 0x80`  | eax    | ebx, ecx, edx, esi, edi, ebp   | eax    | none      |
//!
//! Register hazards: LLVM reserves esi (its base pointer) and ebp (the frame
//! pointer), so neither can be an asm operand. `syscall4` swaps esi with a free
//! register around the trap; `syscall5` and `syscall6` have no free register
//! left, so they pass the number and the esi/ebp arguments in a small array
//! whose address travels in eax, and save esi/ebp on the stack.
//!
//! `int 0x80` is slower than the vDSO's `__kernel_vsyscall` but needs no
//! auxiliary-vector lookup, so it works before any runtime has started.
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

// bind(2)'s two entries, as the kernel's syscall_32.tbl and linux/net.h give
// them: its own number (Linux 4.3+), and socketcall(2) with sub-call SYS_BIND.
const_assert_eq!(__NR_bind, 361);
const_assert_eq!(__NR_socketcall, 102);
const_assert_eq!(SYS_BIND, 2);

#[inline]
pub(super) unsafe fn syscall0(nr: usize) -> usize {
    let ret;
    // SAFETY: the caller upholds the contract of call `nr`; `int 0x80` reads
    // only the registers named here and restores every other one.
    unsafe {
        asm!("int 0x80", inlateout("eax") nr => ret, options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a0,
             options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1,
             options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`.
    unsafe {
        asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1, in("edx") a2,
             options(nostack, preserves_flags));
    }
    ret
}

#[inline]
pub(super) unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    let ret;
    // SAFETY: as in `syscall0`. esi is reserved by LLVM: the fourth argument
    // arrives in a free register, trades places with esi for the trap, and
    // esi gets its own value back before the asm ends.
    unsafe {
        asm!("xchg esi, {a3}", "int 0x80", "xchg esi, {a3}",
             a3 = inout(reg) a3 => _,
             inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1, in("edx") a2,
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
    let words = [nr, a3];
    // SAFETY: as in `syscall0`. With edi taken by the fifth argument no
    // register is free for the fourth: eax brings the address of `[nr, a3]`,
    // which lives until the asm ends; esi is saved on the stack and restored.
    unsafe {
        asm!("push esi", "mov esi, [eax + 4]", "mov eax, [eax]", "int 0x80", "pop esi",
             inlateout("eax") words.as_ptr() => ret,
             in("ebx") a0, in("ecx") a1, in("edx") a2, in("edi") a4,
             options(preserves_flags));
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
    let words = [nr, a3, a5];
    // SAFETY: as in `syscall5`, with ebp (the frame pointer) saved and loaded
    // the same way as esi; nothing between the push and the pop addresses
    // memory through ebp or esi.
    unsafe {
        asm!("push ebp", "push esi",
             "mov esi, [eax + 4]", "mov ebp, [eax + 8]", "mov eax, [eax]",
             "int 0x80",
             "pop esi", "pop ebp",
             inlateout("eax") words.as_ptr() => ret,
             in("ebx") a0, in("ecx") a1, in("edx") a2, in("edi") a4,
             options(preserves_flags));
    }
    ret
}
