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
//! and exits 1; a panic exits 101, and `cargo xtask panic-free TARGET`
//! checks that none can happen. `cargo xtask static-bind TARGET` builds it,
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

use rawbind::{bind, getsockname_as, socket, Errno, Family, SockType};

mod no_libc;
mod sys;

use no_libc::Line;
use sys::{exit, write_all};

/// The program, called by `_start`: runs [`run`] and exits with its outcome.
extern "C" fn start() -> ! {
    let mut line = Line::new();
    match run() {
        Ok(()) => exit(0),
        Err(Failure::Errno(errno)) => {
            line.push(b"static_bind: errno ");
            line.push_decimal(errno.raw() as u16);
        }
        Err(Failure::NotInet) => line.push(b"static_bind: bound to a non-AF_INET address"),
    }
    // Exits 1 whether or not stderr took the message: nothing is left to tell.
    let _ = write_all(2, line.finish());
    exit(1)
}

/// Why [`run`] failed.
enum Failure {
    /// A system call failed.
    Errno(Errno),
    /// `getsockname` gave an address of another family. The kernel does not
    /// do that (an AF_INET socket is bound to an AF_INET address), but saying
    /// so keeps a panic, and its handler, out of the program.
    NotInet,
}

impl From<Errno> for Failure {
    fn from(errno: Errno) -> Failure {
        Failure::Errno(errno)
    }
}

/// Binds a TCP socket to 127.0.0.1:0 and prints the address the kernel reports.
fn run() -> Result<(), Failure> {
    let fd = socket(Family::Inet, SockType::Stream, 0)?;
    bind(&fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    // Only the AF_INET decoder: the program carries no other.
    let Ok(bound) = getsockname_as::<SocketAddrV4>(&fd)? else {
        return Err(Failure::NotInet);
    };
    // `cargo xtask panic-free --expect-panic` plants a panic that the optimiser
    // cannot rule out, to show that the check catches one.
    #[cfg(rawbind_expect_panic)]
    core::hint::black_box([0u8; 4][usize::from(bound.port())]);
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

/// A panic is a broken invariant: exit 101, as a Rust program's panic does.
#[cfg(not(rawbind_panic_free))]
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(101)
}

/// Under `--cfg rawbind_panic_free` (`cargo xtask panic-free`), a panic calls a
/// function that no object defines: the program links only if the
/// optimiser has proven every panic unreachable, and otherwise the linker
/// names this symbol.
#[cfg(rawbind_panic_free)]
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    extern "C" {
        fn rawbind_bind_path_can_panic() -> !;
    }
    // SAFETY: never runs: the program links only when no call to it is left.
    unsafe { rawbind_bind_path_can_panic() }
}
