//! What a libc would give a static program, for one that has none: `_start`,
//! the memory functions LLVM calls, the personality and `getauxval` symbols a
//! prebuilt `core` and `compiler_builtins` name, and a line buffer that needs
//! no `core::fmt`.
//!
//! Shared by examples/static_bind and benches/size/rustix_static, which
//! includes this file by path, so that the two programs compared by
//! scripts/bench-size differ only in the library they bind with. The crate
//! that includes it defines `extern "C" fn start() -> !` at its root and is
//! `#![no_builtins]`, so LLVM does not turn the byte loops of `memcpy` and
//! friends below into calls to those same functions.

/// Defines `_start` for each target, as the instructions given for it under
/// its `cfg` predicate.
///
/// Each clears the frame pointer (so a backtrace ends here), aligns the stack
/// as the architecture's calling convention requires, calls the including
/// crate's `start` and traps should it ever return. An entry marked
/// `descriptor` is for an ABI whose function symbols name function descriptors
/// (64-bit PowerPC ELFv1): `_start` is then a descriptor in `.opd`, which the
/// kernel reads for the code's address and the TOC pointer it loads into r2.
macro_rules! entry_points {
    ($($cfg:meta => $($descriptor:ident:)? $($insn:literal),+;)+) => {
        $(
            #[cfg($cfg)]
            entry_points!(@one $($descriptor)? ; $($insn),+);
        )+
        #[cfg(not(any($($cfg),+)))]
        compile_error!(concat!(
            "no _start for this target; there is one for:", $(" ", stringify!($cfg)),+
        ));
    };
    (@one ; $($insn:literal),+) => {
        core::arch::global_asm!(
            ".globl _start",
            ".type _start, %function",
            "_start:",
            $($insn,)+
            ".size _start, . - _start",
            start = sym crate::start,
        );
    };
    (@one descriptor ; $($insn:literal),+) => {
        core::arch::global_asm!(
            ".globl _start",
            ".type _start, @function",
            ".section .opd, \"aw\"",
            ".p2align 3",
            "_start:",
            ".quad .L_start_code, .TOC.@tocbase, 0",
            ".size _start, 24",
            ".text",
            ".L_start_code:",
            $($insn,)+
            start = sym crate::start,
        );
    };
}

entry_points! {
    // x86-64 psABI: rsp is 16-aligned at the call, so the callee finds rsp + 8 aligned.
    target_arch = "x86_64" => "xor ebp, ebp", "and rsp, -16", "call {start}", "ud2";
    // i386 psABI: esp is 16-aligned at the call, so the callee finds esp + 4
    // aligned; `start` takes no arguments, so nothing is pushed in between.
    target_arch = "x86" => "xor ebp, ebp", "and esp, -16", "call {start}", "ud2";
    // AAPCS64: sp is 16-aligned at all times, and the kernel starts it so.
    // x29 is the frame pointer, x30 the link register.
    target_arch = "aarch64" => "mov x29, #0", "mov x30, #0", "bl {start}", "udf #0";
    // AAPCS: sp is 8-aligned at a call. fp is r11 in the A32 code these
    // targets build; `udf` (ARMv4T and later in A32) is permanently undefined.
    target_arch = "arm" => "mov fp, #0", "mov lr, #0", "bic sp, sp, #7", "bl {start}", "udf #0";
    // RISC-V psABI: sp is 16-aligned; s0 is the frame pointer, ra the link
    // register. gp stays unset: the program is linked without gp relaxation.
    any(target_arch = "riscv64", target_arch = "riscv32") =>
        "li s0, 0", "li ra, 0", "andi sp, sp, -16", "call {start}", "unimp";
    // LoongArch psABI: sp is 16-aligned (clear its low four bits); $fp ($s9)
    // is the frame pointer, $ra the link register.
    target_arch = "loongarch64" =>
        "move $fp, $zero", "move $ra, $zero", "bstrins.d $sp, $zero, 3, 0", "bl {start}", "break 0";
    // 32-bit PowerPC SysV: r1 is 16-aligned and points at a frame whose
    // first word is the back chain, here 0 (`stwu` stores r0 and moves r1 in
    // one go); the callee saves lr at 4(r1) of this 16-byte frame.
    target_arch = "powerpc" =>
        "clrrwi 1, 1, 4", "li 0, 0", "stwu 0, -16(1)", "mtlr 0", "bl {start}", "trap";
    // 64-bit PowerPC ELFv2 (little-endian): the kernel jumps here with r12 =
    // `_start` and r2 unset; code reaches globals through the TOC pointer in
    // r2, so it is computed first. Then a 32-byte minimal frame (the callee
    // saves lr at 16(r1)) with a null back chain on a 16-aligned r1.
    all(target_arch = "powerpc64", target_endian = "little") =>
        "addis 2, 12, .TOC.-_start@ha", "addi 2, 2, .TOC.-_start@l",
        "clrrdi 1, 1, 4", "li 0, 0", "stdu 0, -32(1)", "mtlr 0", "bl {start}", "nop", "trap";
    // 64-bit PowerPC ELFv1 (big-endian): the kernel loads r2 from `_start`'s
    // descriptor. A 112-byte minimal frame, null back chain, 16-aligned r1;
    // the `nop` after `bl` is the slot where the linker may restore r2.
    all(target_arch = "powerpc64", target_endian = "big") => descriptor:
        "clrrdi 1, 1, 4", "li 0, 0", "stdu 0, -112(1)", "mtlr 0", "bl {start}", "nop", "trap";
    // s390x ELF ABI: r15 is 8-aligned (16 here) and the caller provides a
    // 160-byte register save area at 0(r15) whose first word, the back
    // chain, is 0. r11 is the frame pointer, r14 the link register; the
    // halfword 0 is an invalid opcode.
    target_arch = "s390x" =>
        "lghi %r11, 0", "nill %r15, 0xfff0", "aghi %r15, -160", "xc 0(8, %r15), 0(%r15)",
        "brasl %r14, {start}", ".short 0";
    // MIPS o32: sp is 8-aligned and the caller reserves 16 bytes for the
    // callee's four argument registers. A non-PIC static program does not
    // use $gp or $t9. The assembler fills `jal`'s delay slot.
    target_arch = "mips" =>
        "move $fp, $zero", "move $ra, $zero", "addiu $t0, $zero, -8", "and $sp, $sp, $t0",
        "addiu $sp, $sp, -16", "jal {start}", "break";
    // MIPS n64: sp is 16-aligned; the caller reserves no argument area.
    target_arch = "mips64" =>
        "move $fp, $zero", "move $ra, $zero", "daddiu $t0, $zero, -16", "and $sp, $sp, $t0",
        "jal {start}", "break";
    // SPARC V9 ABI: %sp holds the stack address minus the bias 2047, which
    // must be 16-aligned; a frame holds the 128-byte register window save area
    // and six argument words, 176 bytes. %fp (%i6) is the frame pointer; the
    // delay slot of `call` is spelled out.
    target_arch = "sparc64" =>
        "mov %g0, %fp", "add %sp, 2047, %g1", "and %g1, -16, %g1", "sub %g1, 2047 + 176, %sp",
        "call {start}", "nop", "illtrap 0";
}

/// One line of output in a fixed buffer of `N` bytes, its newline included:
/// no `core::fmt`, no allocation, no panic. What does not fit is cut off:
/// the programs' lines are shorter. `Line::new()` is a 64-byte line, which
/// static_bind's and rustix_static's lines fit; selfcheck's JSON lines ask
/// for more with `Line::<N>::empty()`.
pub(crate) struct Line<const N: usize = 64> {
    buf: [u8; N],
    len: usize,
}

impl Line {
    pub(crate) fn new() -> Line {
        Line::empty()
    }
}

impl<const N: usize> Line<N> {
    /// An empty line of `N` bytes.
    pub(crate) fn empty() -> Line<N> {
        Line {
            buf: [0; N],
            len: 0,
        }
    }

    /// Appends as much of `bytes` as fits before the buffer's last byte,
    /// which is kept for [`finish`](Line::finish)'s newline.
    // Not inlined: one copy of its bounds arithmetic is smaller than one at
    // every call.
    #[inline(never)]
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let text = self.buf.len() - 1;
        let free = self.buf[..text].get_mut(self.len..).unwrap_or_default();
        let n = bytes.len().min(free.len());
        free[..n].copy_from_slice(&bytes[..n]);
        self.len += n;
    }

    /// Appends `n` in decimal.
    pub(crate) fn push_decimal(&mut self, mut n: u16) {
        // u16::MAX has five digits, so the loop ends on `n == 0`; its
        // condition only lets the optimiser see that `at` stays in bounds.
        let mut digits = [0; 5];
        let mut at = digits.len();
        while at > 0 {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&digits[at..]);
    }

    /// Ends the line with `\n` and returns it, ready to write.
    pub(crate) fn finish(&mut self) -> &[u8] {
        let end = self.len.min(self.buf.len() - 1);
        self.buf[end] = b'\n';
        &self.buf[..=end]
    }
}

/// The personality routine that the prebuilt `core`, compiled to unwind,
/// names in its unwind tables. Nothing calls it: with `panic = "abort"`
/// nothing unwinds and no unwinder is linked. Only unoptimized builds need
/// the symbol; LTO drops the references.
#[no_mangle]
extern "C" fn rust_eh_personality() {}

/// The personality routines that entries of ARM's exception index table
/// (`.ARM.exidx`) name, as above: nothing unwinds, nothing calls them, but
/// the linker would leave the symbols undefined. The EHABI has three compact
/// models, and which one an entry names depends only on how long its
/// function's unwind description is: pr0 (short), pr1 and pr2 (long, 16- and
/// 32-bit scopes).
#[cfg(target_arch = "arm")]
#[no_mangle]
extern "C" fn __aeabi_unwind_cpp_pr0() {}

/// As [`__aeabi_unwind_cpp_pr0`].
#[cfg(target_arch = "arm")]
#[no_mangle]
extern "C" fn __aeabi_unwind_cpp_pr1() {}

/// As [`__aeabi_unwind_cpp_pr0`].
#[cfg(target_arch = "arm")]
#[no_mangle]
extern "C" fn __aeabi_unwind_cpp_pr2() {}

/// `getauxval(3)`, which compiler_builtins' aarch64 CPU-feature detection
/// (its outline atomics' and function multi-versioning's initializers)
/// names. Those initializers are constructors, which no `_start` here runs,
/// so nothing calls it; if something did, 0 ("no such entry") would make it
/// assume no optional feature, the safe answer.
#[cfg(target_arch = "aarch64")]
#[no_mangle]
extern "C" fn getauxval(_entry: core::ffi::c_ulong) -> core::ffi::c_ulong {
    0
}

// The memory functions that LLVM calls for copies, fills and comparisons,
// which a libc would otherwise provide. Byte loops: the program moves a few
// dozen bytes in all.

/// Copies `n` bytes from `src` to `dest`; the two do not overlap.
///
/// # Safety
/// `src` must be readable and `dest` writable for `n` bytes.
#[no_mangle]
unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    for i in 0..n {
        // SAFETY: `i < n`, and the caller vouches for `n` bytes at each.
        unsafe { *dest.add(i) = *src.add(i) };
    }
    dest
}

/// Copies `n` bytes from `src` to `dest`, which may overlap.
///
/// # Safety
/// `src` must be readable and `dest` writable for `n` bytes.
#[no_mangle]
unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dest as usize) < (src as usize) {
        for i in 0..n {
            // SAFETY: as in `memcpy`; copying forwards, each byte of `src` is
            // read before `dest`, which starts below it, overwrites it.
            unsafe { *dest.add(i) = *src.add(i) };
        }
    } else {
        for i in (0..n).rev() {
            // SAFETY: as in `memcpy`; copying backwards, each byte of `src` is
            // read before `dest`, which starts at or above it, overwrites it.
            unsafe { *dest.add(i) = *src.add(i) };
        }
    }
    dest
}

/// Fills `n` bytes at `dest` with the low byte of `c`.
///
/// # Safety
/// `dest` must be writable for `n` bytes.
#[no_mangle]
unsafe extern "C" fn memset(dest: *mut u8, c: i32, n: usize) -> *mut u8 {
    for i in 0..n {
        // SAFETY: `i < n`, and the caller vouches for `n` bytes at `dest`.
        unsafe { *dest.add(i) = c as u8 };
    }
    dest
}

/// Compares `n` bytes as unsigned: the difference of the first pair that
/// differs, or 0.
///
/// # Safety
/// `a` and `b` must be readable for `n` bytes.
#[no_mangle]
unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // SAFETY: `i < n`, and the caller vouches for `n` bytes at each.
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// Whether `n` bytes differ: 0 if they are equal, nonzero otherwise.
///
/// # Safety
/// `a` and `b` must be readable for `n` bytes.
#[no_mangle]
unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the caller's promise is memcmp's.
    unsafe { memcmp(a, b, n) }
}
