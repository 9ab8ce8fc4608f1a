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
// LLVM must not turn the byte loops of `memcpy`, `strlen` and friends into
// calls to those same functions.
#![no_builtins]

use core::net::{Ipv4Addr, SocketAddrV4};
use core::panic::PanicInfo;

use linux_raw_sys::general::__NR_exit_group;
use rustix::fd::BorrowedFd;
use rustix::io::{self, Errno};
use rustix::net::{bind, getsockname, socket_with, AddressFamily, SocketFlags, SocketType};

// `_start`, the memory functions, `rust_eh_personality` and `Line`:
// examples/static_bind's own, so the two programs differ only in the library.
#[path = "../../../../examples/static_bind/src/no_libc.rs"]
mod no_libc;

use no_libc::Line;

/// The program, called by `_start`: runs [`run`] and exits with its outcome.
extern "C" fn start() -> ! {
    let mut line = Line::new();
    match run() {
        Ok(()) => exit(0),
        Err(Failure::Errno(errno)) => {
            line.push(b"static_bind: errno ");
            // Linux errno values are 1..=4095.
            line.push_decimal(errno.raw_os_error() as u16);
        }
        Err(Failure::NotInet) => line.push(b"static_bind: bound to a non-AF_INET address"),
    }
    // Exits 1 whether or not stderr took the message: nothing is left to tell.
    let _ = write_all(2, line.finish());
    exit(1)
}

/// Why [`run`] failed: as examples/static_bind's, which has no panic either.
enum Failure {
    /// A system call failed.
    Errno(Errno),
    /// `getsockname` gave an address of another family.
    NotInet,
}

impl From<Errno> for Failure {
    fn from(errno: Errno) -> Failure {
        Failure::Errno(errno)
    }
}

/// Binds a TCP socket to 127.0.0.1:0 and prints the address the kernel reports.
fn run() -> Result<(), Failure> {
    let fd = socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::CLOEXEC,
        None,
    )?;
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    let Ok(bound) = SocketAddrV4::try_from(getsockname(&fd)?) else {
        return Err(Failure::NotInet);
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
    Ok(write_all(1, line.finish())?)
}

/// Writes all of `line` to `fd` (1 or 2) with rustix.
fn write_all(fd: i32, mut line: &[u8]) -> Result<(), Errno> {
    // SAFETY: `fd` is stdout or stderr, which the process inherits and
    // nothing here closes, so it stays what it is for the borrow's lifetime
    // (if it was never open, `write` fails with EBADF).
    let fd = unsafe { BorrowedFd::borrow_raw(fd) };
    while !line.is_empty() {
        // As in examples/static_bind: a count beyond the line means all written.
        line = line.get(io::write(fd, line)?..).unwrap_or_default();
    }
    Ok(())
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
