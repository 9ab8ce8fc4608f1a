//! The architecture layer, public for authors of other syscall wrappers.
//!
//! - [`syscall0`] … [`syscall6`]: the same functions on every architecture.
//!   Each puts the number and arguments in that architecture's registers,
//!   executes its system-call instruction and returns the raw result
//!   register. The result follows one convention everywhere: a value in
//!   `-4095..=-1` (as `usize`) is `-errno`, anything else the call's value.
//! - [`check`]: the one place a raw result becomes an [`Errno`].
//! - [`socket_call`]: the one dispatcher for socket calls, which takes each
//!   call's own number or, where the architecture also has it,
//!   `socketcall(2)` (there also `socketcall` and `uses_socketcall`); the
//!   README says which entry each build takes.
//! - [`bind`]: bind(2) with `sockaddr` bytes of your own; [`setsockopt`] and
//!   [`getsockopt`] for the options rawbind has no function for.
//! - [`SYSCALLS`]: every system call rawbind's own code can make on this target
//!   in this build, as a seccomp filter sees it (number, and `socketcall(2)`
//!   sub-call), with [`AUDIT_ARCH`] to check first. For an allowlist: allow
//!   each row, plus your program's own calls. In a default build on an
//!   architecture with `socketcall(2)` the socket calls have two rows each: the
//!   direct number, tried first because a filter can read its arguments (of
//!   `socketcall` it sees only the sub-call), and `socketcall` with the
//!   sub-call, taken for the rest of the process once a direct call has
//!   answered `ENOSYS` and its retry through `socketcall` has succeeded. A
//!   filter that answers the direct numbers with `ENOSYS` makes rawbind fall
//!   back; one that kills, or answers another errno, does not, and neither does
//!   one that refuses `socketcall` too. `--cfg rawbind_direct` or
//!   `--cfg rawbind_socketcall` leaves one row per call
//!   ([`SOCKET_CALL_ENTRIES`]). The README's "Seccomp" section has the table
//!   and what proves the list complete and each row needed.
//!
//! # Safety
//! This module and `arch/` hold the `unsafe` code that talks to the kernel.
//! Every `syscallN` has one contract: `nr` and the arguments must form a call
//! whose kernel contract the caller upholds: memory the call reads or writes
//! valid for the duration of the call, lengths that match the buffers behind
//! them, descriptors the caller may use. rawbind's own calls are safe
//! functions in here (`net`) that keep that contract themselves.
#![allow(unsafe_code)]

use crate::errno::Errno;
use crate::fd::RawFd;

// Before `net` and `file`, which define their calls with its macros.
#[macro_use]
mod syscalls;
pub(crate) mod file;
pub(crate) mod net;
mod socketcall;
// Before `arch`, whose files may invoke its macro.
#[macro_use]
mod stubs;

pub use socketcall::{socket_call, SocketCallArgs};
#[cfg(rawbind_has_socketcall)]
pub use socketcall::{socketcall, uses_socketcall};
pub use syscalls::{Entry, Syscall, AUDIT_ARCH, SOCKET_CALL_ENTRIES, SYSCALLS};

// The one place the architecture is chosen; build.rs has already refused,
// by name, every target not listed here.
cfg_if::cfg_if! {
    if #[cfg(all(target_arch = "x86_64", target_pointer_width = "64"))] {
        #[path = "../../arch/x86_64.rs"]
        mod arch;
    } else if #[cfg(target_arch = "x86")] {
        #[path = "../../arch/x86.rs"]
        mod arch;
    } else if #[cfg(target_arch = "aarch64")] {
        #[path = "../../arch/aarch64.rs"]
        mod arch;
    } else if #[cfg(target_arch = "arm")] {
        #[path = "../../arch/arm.rs"]
        mod arch;
    } else if #[cfg(any(target_arch = "riscv64", target_arch = "riscv32"))] {
        #[path = "../../arch/riscv.rs"]
        mod arch;
    } else if #[cfg(target_arch = "loongarch64")] {
        #[path = "../../arch/loongarch64.rs"]
        mod arch;
    } else if #[cfg(any(target_arch = "powerpc", target_arch = "powerpc64"))] {
        #[path = "../../arch/powerpc.rs"]
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
    } else if #[cfg(target_arch = "sparc64")] {
        #[path = "../../arch/sparc64.rs"]
        mod arch;
    } else {
        compile_error!("rawbind has no arch/ file for this target_arch (or its x32/n32 ABI); build.rs lists the supported ones");
    }
}

/// Makes system call `nr` with no arguments and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
/// ```
/// use linux_raw_sys::general::__NR_getpid;
/// // SAFETY: getpid takes no arguments and touches no memory.
/// let pid = unsafe { rawbind::raw::syscall0(__NR_getpid as usize) };
/// assert_eq!(pid, std::process::id() as usize);
/// ```
#[inline(always)]
pub unsafe fn syscall0(nr: usize) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall0(nr) }
}

/// Makes system call `nr` with one argument and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
/// ```
/// use linux_raw_sys::general::__NR_close;
/// use rawbind::{raw, Errno};
/// // SAFETY: no descriptor has the number -1, so close(-1) closes nothing.
/// let r = unsafe { raw::syscall1(__NR_close as usize, -1i32 as usize) };
/// assert_eq!(raw::check(r), Err(Errno::EBADF));
/// ```
#[inline(always)]
pub unsafe fn syscall1(nr: usize, a0: usize) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall1(nr, a0) }
}

/// Makes system call `nr` with two arguments and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
/// ```
/// use linux_raw_sys::general::__NR_kill;
/// use rawbind::raw;
/// // SAFETY: signal 0 is never sent; kill only checks that the process exists.
/// let r = unsafe { raw::syscall2(__NR_kill as usize, std::process::id() as usize, 0) };
/// assert_eq!(raw::check(r), Ok(0));
/// ```
#[inline(always)]
pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall2(nr, a0, a1) }
}

/// Makes system call `nr` with three arguments and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
/// ```
/// use linux_raw_sys::general::__NR_write;
/// use rawbind::{raw, Errno};
/// let line = b"never written\n";
/// // SAFETY: the kernel reads at most `line.len()` bytes at `line` during
/// // the call (none here: fd -1 is refused first).
/// let r = unsafe { raw::syscall3(__NR_write as usize, -1i32 as usize, line.as_ptr() as usize, line.len()) };
/// assert_eq!(raw::check(r), Err(Errno::EBADF));
/// ```
#[inline(always)]
pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall3(nr, a0, a1, a2) }
}

/// Makes system call `nr` with four arguments and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
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
#[inline(always)]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall4(nr, a0, a1, a2, a3) }
}

/// Makes system call `nr` with five arguments and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
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
#[inline(always)]
pub unsafe fn syscall5(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall5(nr, a0, a1, a2, a3, a4) }
}

/// Makes system call `nr` with six arguments and returns the raw result.
///
/// # Safety
/// The [module's contract](self#safety).
///
/// ```
/// use linux_raw_sys::general::__NR_sendto;
/// use rawbind::{raw, Errno};
/// let buf = [0u8; 1];
/// // SAFETY: fd -1 is refused before the kernel reads the (empty) message
/// // or the (absent) address.
/// let r = unsafe {
///     raw::syscall6(__NR_sendto as usize, -1i32 as usize, buf.as_ptr() as usize, 0, 0, 0, 0)
/// };
/// assert_eq!(raw::check(r), Err(Errno::EBADF));
/// ```
#[inline(always)]
pub unsafe fn syscall6(
    nr: usize,
    a0: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
) -> usize {
    // SAFETY: the caller upholds the module's contract, which is the stub's.
    unsafe { arch::syscall6(nr, a0, a1, a2, a3, a4, a5) }
}

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
///
/// # Errors
/// The `Errno` that `ret` encodes, for a `ret` in `-4095..=-1`.
#[inline]
pub fn check(ret: usize) -> Result<usize, Errno> {
    if ret > -4096isize as usize {
        Err(Errno::from_raw(ret.wrapping_neg() as i32))
    } else {
        Ok(ret)
    }
}

/// Calls `bind(2)` with a socket address the caller serialized: `len` bytes
/// at `addr`, the `addrlen`.
///
/// rawbind's typed [`crate::bind`] ends here too.
///
/// ```
/// use rawbind::{raw, Errno};
/// let addr = rawbind::SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 0))).encode();
/// // fd -1 is never open, so the kernel answers EBADF without reading `addr`.
/// let r = unsafe { raw::bind(-1, addr.as_ptr(), addr.len()) };
/// assert_eq!(r, Err(Errno::EBADF));
/// ```
///
/// # Errors
/// The kernel's, as `bind(2)` lists them; see [`crate::bind`].
///
/// # Safety
/// `addr` must be valid for reads of `len` bytes, or the kernel answers
/// `EFAULT`. The kernel copies the bytes during the call and keeps no pointer.
#[inline]
pub unsafe fn bind(fd: RawFd, addr: *const u8, len: u32) -> Result<(), Errno> {
    let args = [fd as usize, addr as usize, len as usize];
    // SAFETY: the kernel reads `len` bytes at `addr` during the call, which
    // the caller vouches for, and keeps no reference; `fd` is an integer.
    check(unsafe { net::BIND.call(args) }).map(drop)
}

/// Sets socket option `name` at `level` to `value`'s bytes (`setsockopt(2)`),
/// for an option rawbind has no function for. Levels and names come from
/// `linux_raw_sys::net` for the target (they differ by architecture:
/// `SOL_SOCKET` is 0xffff on sparc64 and mips).
///
/// ```
/// use linux_raw_sys::net::{SOL_SOCKET, SO_KEEPALIVE};
/// use rawbind::fd::AsRawFd;
/// use rawbind::{raw, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// let on = 1i32.to_ne_bytes();
/// // SAFETY: SO_KEEPALIVE's value is an int: no pointer for the kernel to follow.
/// unsafe { raw::setsockopt(fd.as_raw_fd(), SOL_SOCKET, SO_KEEPALIVE, &on) }?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as `setsockopt(2)` lists them: `ENOPROTOOPT` for an option
/// the level does not know, `EINVAL` for a value of the wrong length or
/// range, `EPERM`/`EACCES` for one that needs privilege, `EBADF`,
/// `ENOTSOCK`, `EFAULT`.
///
/// # Safety
/// Some options' values hold a pointer the kernel follows (a BPF program's
/// `sock_fprog`, for one): the memory behind it must be what the option
/// says, for as long as the option says. Options whose value is a number or
/// a name have no such contract.
#[inline]
pub unsafe fn setsockopt(fd: RawFd, level: u32, name: u32, value: &[u8]) -> Result<(), Errno> {
    let args = [
        fd as usize,
        level as usize,
        name as usize,
        value.as_ptr() as usize,
        net::socklen(value.len()) as usize,
    ];
    // SAFETY: the kernel reads at most `value.len()` bytes at `value`, alive
    // during the call; the caller vouches for any pointer among them.
    check(unsafe { net::SETSOCKOPT.call(args) }).map(drop)
}

/// Reads socket option `name` at `level` into `value` (`getsockopt(2)`) and
/// returns the length the kernel reported. For most options that is what
/// it wrote, at most `value.len()` (a longer value cut short without an
/// error); a few report the length the whole value needs, which can be
/// more (`NETLINK_LIST_MEMBERSHIPS`, `netlink(7)`: the caller can then
/// retry with a buffer that long). Only `value[..len.min(value.len())]`
/// holds what the kernel wrote.
///
/// ```
/// use linux_raw_sys::net::{SOL_SOCKET, SO_RCVBUF};
/// use rawbind::fd::AsRawFd;
/// use rawbind::{raw, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// let mut buf = [0u8; 4];
/// // SAFETY: SO_RCVBUF's value is an int: the kernel writes 4 bytes, no pointer.
/// let len = unsafe { raw::getsockopt(fd.as_raw_fd(), SOL_SOCKET, SO_RCVBUF, &mut buf) }?;
/// assert_eq!(len, 4);
/// assert!(i32::from_ne_bytes(buf) > 0);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// As [`setsockopt`].
///
/// # Safety
/// Some options read a pointer from `value` and write where it points
/// (`TCP_ZEROCOPY_RECEIVE` maps pages at an address it is given): the
/// memory behind such a pointer must be what the option says.
#[inline]
pub unsafe fn getsockopt(
    fd: RawFd,
    level: u32,
    name: u32,
    value: &mut [u8],
) -> Result<usize, Errno> {
    let mut len = net::socklen(value.len());
    let args = [
        fd as usize,
        level as usize,
        name as usize,
        value.as_mut_ptr() as usize,
        &mut len as *mut u32 as usize,
    ];
    // SAFETY: the kernel writes at most `len` bytes into `value`, which is at
    // least that long, and the length into `len`; the caller vouches for any
    // pointer the option follows.
    check(unsafe { net::GETSOCKOPT.call(args) })?;
    Ok(len as usize)
}
