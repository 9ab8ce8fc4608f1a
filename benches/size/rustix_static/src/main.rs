//! examples/static_bind's program, with rustix in place of rawbind: a static
//! executable with no libc, its own `_start`, rustix (linux_raw backend) for
//! `socket`, `bind`, `getsockname` and `write`, and its own `exit_group`.
//!
//! It binds a TCP socket to 127.0.0.1:0 and prints the address the kernel
//! reports, one line on stdout, then exits 0:
//!
//! ```text
//! static_bind: bound 127.0.0.1:40123
//! ```
//!
//! A failed call prints its errno's number on stderr (`static_bind: errno 13`)
//! and exits 1; a panic exits 101. scripts/bench-size builds and runs it.
#![no_std]
#![no_main]
// LLVM must not turn the byte loops of `memcpy` and friends below into calls
// to those same functions.
#![no_builtins]

use core::net::{Ipv4Addr, SocketAddrV4};
use core::panic::PanicInfo;

use linux_raw_sys::general::__NR_exit_group;
use rustix::fd::BorrowedFd;
use rustix::io::{self, Errno};
use rustix::net::{bind, getsockname, socket_with, AddressFamily, SocketFlags, SocketType};

/// Defines `_start` for each architecture as the instructions given for it,
/// as examples/static_bind does: clear the frame pointer, align the stack as
/// the calling convention requires, call [`start`], trap should it return.
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
                start = sym start,
            );
        )+
        #[cfg(not(any($(target_arch = $arch),+)))]
        compile_error!(concat!(
            "rustix_static has no _start for this architecture; it has:", $(" ", $arch),+
        ));
    };
}

entry_points! {
    // x86-64 psABI: rsp is 16-aligned at the call, so the callee finds rsp + 8 aligned.
    "x86_64" => "xor ebp, ebp", "and rsp, -16", "call {start}", "ud2";
    // i386 psABI: esp is 16-aligned at the call; `start` takes no arguments.
    "x86" => "xor ebp, ebp", "and esp, -16", "call {start}", "ud2";
    // AAPCS64: sp is 16-aligned at all times, and the kernel starts it so.
    "aarch64" => "mov x29, #0", "mov x30, #0", "bl {start}", "udf #0";
}

/// The program, called by `_start`: runs [`run`] and exits with its outcome.
extern "C" fn start() -> ! {
    match run() {
        Ok(()) => exit(0),
        Err(errno) => {
            let mut line = Line::new();
            line.push(b"static_bind: errno ");
            // Linux errno values are 1..=4095.
            line.push_decimal(errno.raw_os_error() as u16);
            // Exits 1 whether or not stderr took the message: nothing is left to tell.
            let _ = line.write(2);
            exit(1)
        }
    }
}

/// Binds a TCP socket to 127.0.0.1:0 and prints the address the kernel reports.
fn run() -> io::Result<()> {
    let fd = socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::CLOEXEC,
        None,
    )?;
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    let Ok(bound) = SocketAddrV4::try_from(getsockname(&fd)?) else {
        unreachable!("an AF_INET socket is bound to an AF_INET address")
    };
    let mut line = Line::new();
    line.push(b"static_bind: bound ");
    for (i, octet) in bound.ip().octets().into_iter().enumerate() {
        if i > 0 {
            line.push(b".");
        }
        line.push_decimal(octet.into());
    }
    line.push(b":");
    line.push_decimal(bound.port());
    line.write(1)
}

/// One line of output in a fixed buffer: no `core::fmt`, no allocation.
struct Line {
    buf: [u8; 64],
    len: usize,
}

impl Line {
    fn new() -> Line {
        Line {
            buf: [0; 64],
            len: 0,
        }
    }

    /// Appends `bytes`; panics if they do not fit.
    fn push(&mut self, bytes: &[u8]) {
        self.buf[self.len..][..bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Appends `n` in decimal.
    fn push_decimal(&mut self, mut n: u16) {
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

    /// Ends the line with `\n` and writes it all to `fd` (1 or 2) with rustix.
    fn write(mut self, fd: i32) -> Result<(), Errno> {
        self.push(b"\n");
        // SAFETY: `fd` is stdout or stderr, which the process inherits and
        // nothing here closes, so it stays what it is for the borrow's
        // lifetime (if it was never open, `write` fails with EBADF).
        let fd = unsafe { BorrowedFd::borrow_raw(fd) };
        let mut rest = &self.buf[..self.len];
        while !rest.is_empty() {
            let written = io::write(fd, rest)?;
            rest = &rest[written..];
        }
        Ok(())
    }
}

/// Ends the process, every thread of it, with `status`: `exit_group(2)`.
fn exit(status: u8) -> ! {
    let nr = __NR_exit_group as usize;
    let status = usize::from(status);
    // SAFETY: exit_group takes only an integer and never returns; each line
    // puts the number and the status in that architecture's registers.
    unsafe {
        #[cfg(target_arch = "x86_64")]
        core::arch::asm!("syscall", in("rax") nr, in("rdi") status, options(noreturn, nostack));
        #[cfg(target_arch = "x86")]
        core::arch::asm!("int 0x80", in("eax") nr, in("ebx") status, options(noreturn, nostack));
        #[cfg(target_arch = "aarch64")]
        core::arch::asm!("svc 0", in("x8") nr, in("x0") status, options(noreturn, nostack));
    }
}

/// A panic is a broken invariant: exit 101, as a Rust program's panic does.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(101)
}

/// The personality routine that the prebuilt `core`, compiled to unwind,
/// names in its unwind tables. Nothing calls it: with `panic = "abort"`
/// nothing unwinds. Only unoptimized builds need the symbol; LTO drops the
/// references.
#[no_mangle]
extern "C" fn rust_eh_personality() {}

// The memory functions that LLVM calls for copies, fills and comparisons,
// which a libc would otherwise provide: the same byte loops as
// examples/static_bind's, so that the two programs differ only in the library.

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

/// The length of the NUL-terminated string at `s`, the NUL not counted.
/// rustix calls it on i386, where it looks up `__kernel_vsyscall` in the vDSO.
///
/// # Safety
/// `s` must point to a readable, NUL-terminated string.
#[no_mangle]
unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let mut n = 0;
    // SAFETY: every byte up to and including the NUL is readable, and the
    // loop stops at the NUL.
    while unsafe { *s.add(n) } != 0 {
        n += 1;
    }
    n
}
