//! A static executable with no libc at all: its own `_start`, rawbind for
//! `socket`, `bind` and `getsockname`, and raw `write` and `exit_group`.
//!
//! It binds a TCP socket to 127.0.0.1:0 and prints the address the kernel
//! reports, one line on stdout, then exits 0:
//!
//! ```text
//! static_bind: bound 127.0.0.1:40123
//! ```
//!
//! A failed call prints its error number on stderr (`static_bind: errno 13`;
//! `Errno::name` would give `EACCES`, at the cost of its table of names)
//! and exits 1; a panic exits 101. `scripts/static-bind TARGET` builds it,
//! checks that it is static and holds no libc symbol, and runs it.
#![no_std]
#![no_main]
// LLVM must not turn the byte loops of `memcpy` and friends (in no_libc.rs)
// into calls to those same functions.
#![no_builtins]
// `_start` (no_libc.rs) is inline asm, still behind a feature gate there.
#![cfg_attr(
    any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"),
    feature(asm_experimental_arch)
)]

use core::net::{Ipv4Addr, SocketAddrV4};
use core::panic::PanicInfo;

use linux_raw_sys::general::{__NR_exit_group, __NR_write};
use rawbind::raw::{check, syscall1, syscall3};
use rawbind::{bind, getsockname, socket, Errno, Family, SockAddr, SockType};

mod no_libc;

use no_libc::Line;

/// The program, called by `_start`: runs [`run`] and exits with its outcome.
extern "C" fn start() -> ! {
    match run() {
        Ok(()) => exit(0),
        Err(errno) => {
            let mut line = Line::new();
            line.push(b"static_bind: errno ");
            line.push_decimal(errno.raw() as u16);
            // Exits 1 whether or not stderr took the message: nothing is left to tell.
            let _ = write_all(2, line.finish());
            exit(1)
        }
    }
}

/// Binds a TCP socket to 127.0.0.1:0 and prints the address the kernel reports.
fn run() -> Result<(), Errno> {
    let fd = socket(Family::Inet, SockType::Stream, 0)?;
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    let SockAddr::V4(bound) = getsockname(&fd)? else {
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
    write_all(1, line.finish())
}

/// Writes all of `line` to `fd` with `write(2)`.
fn write_all(fd: usize, mut line: &[u8]) -> Result<(), Errno> {
    while !line.is_empty() {
        // SAFETY: the kernel reads at most `line.len()` bytes at `line`,
        // which is that long, during the call, and keeps no reference.
        let ret = unsafe { syscall3(__NR_write as usize, fd, line.as_ptr() as usize, line.len()) };
        line = &line[check(ret)?..];
    }
    Ok(())
}

/// Ends the process, every thread of it, with `status`: `exit_group(2)`.
fn exit(status: u8) -> ! {
    // SAFETY: exit_group takes only an integer and never returns, so the
    // code after it is unreachable.
    unsafe {
        syscall1(__NR_exit_group as usize, usize::from(status));
        core::hint::unreachable_unchecked()
    }
}

/// A panic is a broken invariant: exit 101, as a Rust program's panic does.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(101)
}
