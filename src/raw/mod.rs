//! The architecture layer, public for authors of other syscall wrappers.
//!
//! [`syscall0`] … [`syscall6`] are the same functions on every architecture:
//! they put the number and arguments in that architecture's registers, execute
//! its system-call instruction and return the raw result register. The result
//! follows one convention everywhere: a value in `-4095..=-1` (as `usize`) is
//! `-errno`; [`check`] is the one place that turns it into an [`Errno`].
//!
//! # Safety
//! This module and `arch/` hold the crate's `unsafe` code that talks to the
//! kernel. Every call passes pointers the kernel reads or writes only for the
//! duration of the call, and lengths that match the buffers behind them.
#![allow(unsafe_code)]

use crate::errno::Errno;
use crate::fd::RawFd;

pub(crate) mod net;

cfg_if::cfg_if! {
    if #[cfg(all(target_arch = "x86_64", target_pointer_width = "64"))] {
        #[path = "../../arch/x86_64.rs"]
        mod arch;
    } else if #[cfg(all(target_arch = "x86_64", target_pointer_width = "32"))] {
        compile_error!("rawbind does not support the x32 ABI (x86_64 with 32-bit pointers)");
    } else if #[cfg(target_arch = "x86")] {
        #[path = "../../arch/x86.rs"]
        mod arch;
    } else if #[cfg(target_arch = "aarch64")] {
        #[path = "../../arch/aarch64.rs"]
        mod arch;
    } else if #[cfg(target_arch = "arm")] {
        #[path = "../../arch/arm.rs"]
        mod arch;
    } else if #[cfg(target_arch = "riscv64")] {
        #[path = "../../arch/riscv64.rs"]
        mod arch;
    } else if #[cfg(target_arch = "riscv32")] {
        #[path = "../../arch/riscv32.rs"]
        mod arch;
    } else if #[cfg(target_arch = "loongarch64")] {
        #[path = "../../arch/loongarch64.rs"]
        mod arch;
    } else if #[cfg(target_arch = "powerpc")] {
        #[path = "../../arch/powerpc.rs"]
        mod arch;
    } else if #[cfg(target_arch = "powerpc64")] {
        #[path = "../../arch/powerpc64.rs"]
        mod arch;
    } else if #[cfg(target_arch = "s390x")] {
        #[path = "../../arch/s390x.rs"]
        mod arch;
    } else if #[cfg(target_arch = "mips")] {
        #[path = "../../arch/mips.rs"]
        mod arch;
    } else if #[cfg(all(target_arch = "mips64", target_pointer_width = "64"))] {
        #[path = "../../arch/mips64.rs"]
        mod arch;
    } else if #[cfg(all(target_arch = "mips64", target_pointer_width = "32"))] {
        compile_error!("rawbind does not support the MIPS n32 ABI (mips64 with 32-bit pointers)");
    } else if #[cfg(target_arch = "sparc64")] {
        #[path = "../../arch/sparc64.rs"]
        mod arch;
    } else {
        compile_error!("rawbind has no arch/ file for this target; see build.rs for the supported architectures");
    }
}

#[cfg(rawbind_has_socketcall)]
mod socketcall;

// The examples below are the same on every architecture: each arch/ file
// documents its own registers, and rustdoc puts these examples after that.

/// ```
/// use linux_raw_sys::general::__NR_getpid;
/// // SAFETY: getpid takes no arguments and touches no memory.
/// let pid = unsafe { rawbind::raw::syscall0(__NR_getpid as usize) };
/// assert_eq!(pid, std::process::id() as usize);
/// ```
#[doc(inline)]
pub use arch::syscall0;

/// ```
/// use linux_raw_sys::general::__NR_close;
/// use rawbind::{raw, Errno};
/// // SAFETY: no descriptor has the number -1, so close(-1) closes nothing.
/// let r = unsafe { raw::syscall1(__NR_close as usize, -1i32 as usize) };
/// assert_eq!(raw::check(r), Err(Errno::EBADF));
/// ```
#[doc(inline)]
pub use arch::syscall1;

/// ```
/// use linux_raw_sys::general::__NR_kill;
/// use rawbind::raw;
/// // SAFETY: signal 0 is never sent; kill only checks that the process exists.
/// let r = unsafe { raw::syscall2(__NR_kill as usize, std::process::id() as usize, 0) };
/// assert_eq!(raw::check(r), Ok(0));
/// ```
#[doc(inline)]
pub use arch::syscall2;

/// ```
/// use linux_raw_sys::general::__NR_write;
/// use rawbind::{raw, Errno};
/// let line = b"never written\n";
/// // SAFETY: the kernel reads at most `line.len()` bytes at `line` during
/// // the call (none here: fd -1 is refused first).
/// let r = unsafe { raw::syscall3(__NR_write as usize, -1i32 as usize, line.as_ptr() as usize, line.len()) };
/// assert_eq!(raw::check(r), Err(Errno::EBADF));
/// ```
#[doc(inline)]
pub use arch::syscall3;

/// ```
/// use linux_raw_sys::general::{AT_FDCWD, O_RDONLY, __NR_close, __NR_openat};
/// use rawbind::raw;
/// let root = c"/";
/// // SAFETY: the kernel reads the NUL-terminated path during the call.
/// let r = unsafe {
///     raw::syscall4(__NR_openat as usize, AT_FDCWD as usize, root.as_ptr() as usize, O_RDONLY as usize, 0)
/// };
/// let fd = raw::check(r)?;
/// // SAFETY: `fd` was just opened here and is closed once.
/// raw::check(unsafe { raw::syscall1(__NR_close as usize, fd) })?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[doc(inline)]
pub use arch::syscall4;

/// ```
/// use linux_raw_sys::general::__NR_setsockopt;
/// use linux_raw_sys::net::{SOL_SOCKET, SO_REUSEADDR};
/// use rawbind::fd::AsRawFd;
/// use rawbind::{raw, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// let on: i32 = 1;
/// // SAFETY: the kernel reads 4 bytes at `&on`, which outlives the call.
/// let r = unsafe {
///     raw::syscall5(
///         __NR_setsockopt as usize,
///         fd.as_raw_fd() as usize,
///         SOL_SOCKET as usize,
///         SO_REUSEADDR as usize,
///         &on as *const i32 as usize,
///         size_of::<i32>(),
///     )
/// };
/// raw::check(r)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[doc(inline)]
pub use arch::syscall5;

/// ```
/// use linux_raw_sys::general::__NR_sendto;
/// use rawbind::{raw, Errno};
/// // SAFETY: fd -1 is refused before the kernel reads either (null, empty) buffer.
/// let r = unsafe { raw::syscall6(__NR_sendto as usize, -1i32 as usize, 0, 0, 0, 0, 0) };
/// assert_eq!(raw::check(r), Err(Errno::EBADF));
/// ```
#[doc(inline)]
pub use arch::syscall6;

#[cfg(rawbind_has_socketcall)]
pub use arch::socketcall;
#[cfg(rawbind_has_socketcall)]
pub use socketcall::uses_socketcall;

/// Turns a raw syscall result into `Ok(value)` or the [`Errno`] it encodes.
///
/// Every architecture's stub returns `-errno` in `-4095..=-1` (as `usize`) on
/// failure; anything else is the call's value.
///
/// ```
/// use rawbind::{raw, Errno};
/// assert_eq!(raw::check(3), Ok(3));
/// assert_eq!(raw::check(-98isize as usize), Err(Errno::from_raw(98)));
/// ```
#[inline]
pub fn check(ret: usize) -> Result<usize, Errno> {
    if ret > -4096isize as usize {
        Err(Errno::from_raw(ret.wrapping_neg() as i32))
    } else {
        Ok(ret)
    }
}

/// Calls `bind(2)` with a socket address the caller serialized.
///
/// This is the architecture's own entry point for bind; rawbind's typed
/// [`crate::bind`] ends here too.
///
/// ```
/// use rawbind::{raw, Errno};
/// let addr = rawbind::SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 0))).encode();
/// // fd -1 is never open, so the kernel answers EBADF without reading `addr`.
/// let r = unsafe { raw::bind(-1, addr.as_ptr(), addr.len()) };
/// assert_eq!(r, Err(Errno::EBADF));
/// ```
///
/// # Safety
/// `addr` must be valid for reads of `len` bytes, or the kernel answers
/// `EFAULT`. The kernel copies the bytes during the call and keeps no pointer.
#[inline]
pub unsafe fn bind(fd: RawFd, addr: *const u8, len: u32) -> Result<(), Errno> {
    // SAFETY: the caller vouches for `addr`/`len`; `fd` is a plain integer.
    check(unsafe { net::bind(fd as usize, addr as usize, len as usize) }).map(drop)
}
