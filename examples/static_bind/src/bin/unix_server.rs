//! The example of the bind(2) manual page, as a static, libc-free program:
//! an AF_UNIX stream socket bound to a path, listening, accepting a
//! connection, and the path removed when done. Every socket call is
//! rawbind's; the program's own system calls are only getpid, write and
//! exit_group.
//!
//! The socket file is made with mode 0600 from the start
//! ([`rawbind::bind_with_mode`]), so no other user can connect to it even for
//! an instant. The client is this same program, from a second socket bound
//! to an abstract name, so that its address shows; the server prints the
//! peer it accepted in strace's form and exits 0:
//!
//! ```text
//! unix_server: accepted {sa_family=AF_UNIX, sun_path=@"rawbind-unix-client-4242"} on /tmp/rawbind-unix-server-4242.sock
//! ```
//!
//! A failed call prints `unix_server: STEP: errno N` on stderr and exits 1.
//! `cargo xtask unix-server TARGET` builds, checks and runs it.
#![no_std]
#![no_main]
// As in main.rs: no_libc.rs's `memcpy` must stay a byte loop.
#![no_builtins]
// `_start` (no_libc.rs) is inline asm, still behind a feature gate there.
#![cfg_attr(
    any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"),
    feature(asm_experimental_arch)
)]

use core::fmt::Write;
use core::panic::PanicInfo;

use linux_raw_sys::general::__NR_getpid;
use rawbind::raw::syscall0;
use rawbind::{
    accept, bind, bind_with_mode, connect, listen, shutdown, socket, unlink, Errno, Family,
    Shutdown, SockType, UnixAddr,
};

// Line::new and push_decimal are the other programs'.
#[allow(dead_code)]
#[path = "../no_libc.rs"]
mod no_libc;
#[path = "../sys.rs"]
mod sys;

use no_libc::Line;
use sys::{exit, write_all};

/// A line as long as the longest the program prints.
type LongLine = Line<256>;

/// `core::fmt` into a [`Line`]: what does not fit is cut off.
struct Text<'a>(&'a mut LongLine);

impl Write for Text<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.push(s.as_bytes());
        Ok(())
    }
}

/// The program, called by `_start`.
extern "C" fn start() -> ! {
    match run() {
        Ok(()) => exit(0),
        Err((step, errno)) => {
            let mut line = LongLine::empty();
            let _ = write!(
                Text(&mut line),
                "unix_server: {step}: errno {}",
                errno.raw()
            );
            let _ = write_all(2, line.finish());
            exit(1)
        }
    }
}

/// Binds, listens, connects, accepts, prints, and removes the path.
fn run() -> Result<(), (&'static str, Errno)> {
    // SAFETY: getpid takes no arguments and touches no memory.
    let pid = unsafe { syscall0(__NR_getpid as usize) };

    // "/tmp/rawbind-unix-server-PID.sock" and "rawbind-unix-client-PID".
    let mut path = LongLine::empty();
    let _ = write!(Text(&mut path), "/tmp/rawbind-unix-server-{pid}.sock");
    let path = path.finish().split_last().map_or(&[][..], |(_, p)| p);
    let addr = UnixAddr::new(path).map_err(|_| ("the server's path", Errno::EINVAL))?;
    let mut name = LongLine::empty();
    let _ = write!(Text(&mut name), "rawbind-unix-client-{pid}");
    let name = name.finish().split_last().map_or(&[][..], |(_, n)| n);
    let client_addr =
        UnixAddr::new_abstract(name).map_err(|_| ("the client's name", Errno::EINVAL))?;

    let server = socket(Family::Unix, SockType::Stream, 0).map_err(|e| ("socket", e))?;
    bind_with_mode(&server, &addr, 0o600).map_err(|e| ("bind", e))?;
    listen(&server, 50).map_err(|e| ("listen", e))?;

    let client = socket(Family::Unix, SockType::Stream, 0).map_err(|e| ("socket", e))?;
    bind(&client, &client_addr).map_err(|e| ("the client's bind", e))?;
    // The listener's backlog takes the connection: no second thread needed.
    connect(&client, &addr).map_err(|e| ("connect", e))?;
    let (conn, peer) = accept(&server).map_err(|e| ("accept", e))?;

    let mut line = LongLine::empty();
    let _ = write!(
        Text(&mut line),
        "unix_server: accepted {} on {}",
        peer.strace(),
        core::str::from_utf8(path).unwrap_or("?")
    );
    write_all(1, line.finish()).map_err(|e| ("write", e))?;

    shutdown(&conn, Shutdown::Both).map_err(|e| ("shutdown", e))?;
    unlink(&addr).map_err(|e| ("unlink", e))?;
    // Gone: a second unlink finds nothing.
    match unlink(&addr) {
        Err(Errno::ENOENT) => Ok(()),
        Err(e) => Err(("unlink again", e)),
        Ok(()) => Err(("unlink again", Errno::EEXIST)),
    }
}

/// A panic is a broken invariant: exit 101, as a Rust program's panic does.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(101)
}
