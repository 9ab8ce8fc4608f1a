//! What a libc would give a static program, for one that has none: `_start`,
//! the memory functions LLVM calls, the personality symbol a prebuilt `core`
//! names, and a line buffer that needs no `core::fmt`.
//!
//! Shared by examples/static_bind and benches/size/rustix_static, which
//! includes this file by path, so that the two programs compared by
//! scripts/bench-size differ only in the library they bind with. The crate
//! that includes it defines `extern "C" fn start() -> !` at its root and is
//! `#![no_builtins]`, so LLVM does not turn the byte loops of `memcpy` and
//! friends below into calls to those same functions.

/// Defines `_start` for each architecture as the instructions given for it.
///
/// Each clears the frame pointer (so a backtrace ends here), aligns the stack
/// as the architecture's calling convention requires, calls the including
/// crate's `start` and traps should it ever return.
macro_rules! entry_points {
    ($($arch:literal => $($insn:literal),+;)+) => {
        $(
            #[cfg(target_arch = $arch)]
            core::arch::global_asm!(
                ".globl _start",
                ".type _start, %function",
                "_start:",
                $($insn,)+
                ".size _start, . - _start",
                start = sym crate::start,
            );
        )+
        #[cfg(not(any($(target_arch = $arch),+)))]
        compile_error!(concat!(
            "no _start for this architecture; there is one for:", $(" ", $arch),+
        ));
    };
}

entry_points! {
    // x86-64 psABI: rsp is 16-aligned at the call, so the callee finds rsp + 8 aligned.
    "x86_64" => "xor ebp, ebp", "and rsp, -16", "call {start}", "ud2";
    // i386 psABI: esp is 16-aligned at the call, so the callee finds esp + 4
    // aligned; `start` takes no arguments, so nothing is pushed in between.
    "x86" => "xor ebp, ebp", "and esp, -16", "call {start}", "ud2";
    // AAPCS64: sp is 16-aligned at all times, and the kernel starts it so.
    // x29 is the frame pointer, x30 the link register.
    "aarch64" => "mov x29, #0", "mov x30, #0", "bl {start}", "udf #0";
}

/// One line of output in a fixed buffer: no `core::fmt`, no allocation.
pub(crate) struct Line {
    buf: [u8; 64],
    len: usize,
}

impl Line {
    pub(crate) fn new() -> Line {
        Line {
            buf: [0; 64],
            len: 0,
        }
    }

    /// Appends `bytes`; panics if they do not fit.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buf[self.len..][..bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Appends `n` in decimal.
    pub(crate) fn push_decimal(&mut self, mut n: u16) {
        let mut digits = [0; 5];
        let mut at = digits.len();
        loop {
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
        self.push(b"\n");
        &self.buf[..self.len]
    }
}

/// The personality routine that the prebuilt `core`, compiled to unwind,
/// names in its unwind tables. Nothing calls it: with `panic = "abort"`
/// nothing unwinds and no unwinder is linked. Only unoptimized builds need
/// the symbol; LTO drops the references.
#[no_mangle]
extern "C" fn rust_eh_personality() {}

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
