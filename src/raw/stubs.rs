//! `register_stubs!`: `syscall0`..`syscall6` written once for every ABI that
//! needs nothing but its registers (x86_64, aarch64, riscv, loongarch64,
//! s390x): the number in one register, the arguments in six others, `-errno`
//! or the value back in one, a fixed set clobbered, no register that LLVM
//! refuses as an operand and no error flag. Such an `arch/` file states its
//! register table once, as this macro's input, and its hazards in prose.
//!
//! The ABIs with a hazard write their stubs out: i386 (esi, ebp), arm (r7),
//! powerpc (cr0.SO), mips (stack arguments, `$at`, `$a3`) and sparc64 (`%g1`,
//! carry).

/// Defines `syscall0`..`syscall6` from an ABI's register table. Each stub
/// loads `nr` and its arguments, executes `instruction` and returns the
/// `result` register; the `clobbered` registers are declared as overwritten,
/// the flags and the stack as untouched. A register can be both an argument
/// and the result (aarch64's x0) or the number and the result (x86_64's rax).
// Unused where the architecture's file writes its stubs out.
#[allow(unused_macros)]
macro_rules! register_stubs {
    (
        instruction: $insn:literal,
        number: $nr:tt,
        arguments: [$r0:tt, $r1:tt, $r2:tt, $r3:tt, $r4:tt, $r5:tt],
        result: $ret:tt,
        clobbered: [$($clobbered:tt),*] $(,)?
    ) => {
        #[inline]
        pub(super) unsafe fn syscall0(nr: usize) -> usize {
            let ret;
            // SAFETY: the module's contract; the asm names every register the
            // instruction reads or writes.
            unsafe {
                core::arch::asm!($insn, in($nr) nr, lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
            }
            ret
        }

        #[inline]
        pub(super) unsafe fn syscall1(nr: usize, a0: usize) -> usize {
            let ret;
            // SAFETY: as in `syscall0`.
            unsafe {
                core::arch::asm!($insn, in($nr) nr, in($r0) a0, lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
            }
            ret
        }

        #[inline]
        pub(super) unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
            let ret;
            // SAFETY: as in `syscall0`.
            unsafe {
                core::arch::asm!($insn, in($nr) nr, in($r0) a0, in($r1) a1, lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
            }
            ret
        }

        #[inline]
        pub(super) unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
            let ret;
            // SAFETY: as in `syscall0`.
            unsafe {
                core::arch::asm!($insn, in($nr) nr, in($r0) a0, in($r1) a1, in($r2) a2,
                    lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
            }
            ret
        }

        #[inline]
        pub(super) unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
            let ret;
            // SAFETY: as in `syscall0`.
            unsafe {
                core::arch::asm!($insn, in($nr) nr, in($r0) a0, in($r1) a1, in($r2) a2,
                    in($r3) a3, lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
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
                core::arch::asm!($insn, in($nr) nr, in($r0) a0, in($r1) a1, in($r2) a2,
                    in($r3) a3, in($r4) a4, lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
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
                core::arch::asm!($insn, in($nr) nr, in($r0) a0, in($r1) a1, in($r2) a2,
                    in($r3) a3, in($r4) a4, in($r5) a5, lateout($ret) ret,
                    $(lateout($clobbered) _,)* options(nostack, preserves_flags));
            }
            ret
        }
    };
}
