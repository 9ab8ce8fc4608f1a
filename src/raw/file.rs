//! rawbind's calls on files and descriptors that are not socket calls:
//! `fcntl(2)`'s flag commands, `fchmod(2)`, `unlinkat(2)` and `close(2)`.
//! As in `net`, each keeps its call's kernel contract itself where its
//! signature can (integers, a borrowed descriptor, a `CStr`), and each call
//! is defined once below, which lists it in [`SYSCALLS`](super::SYSCALLS).

use core::ffi::CStr;

#[cfg(target_pointer_width = "64")]
use linux_raw_sys::general::__NR_fcntl;
#[cfg(target_pointer_width = "32")]
use linux_raw_sys::general::__NR_fcntl64;
use linux_raw_sys::general::{
    __NR_close, __NR_fchmod, __NR_unlinkat, AT_FDCWD, F_GETFD, F_GETFL, F_SETFD, F_SETFL,
};

use super::check;
use crate::errno::Errno;
use crate::fd::{AsRawFd, BorrowedFd};

calls! {
    #[cfg(target_pointer_width = "64")]
    FCNTL = fcntl(__NR_fcntl);
    #[cfg(target_pointer_width = "32")]
    FCNTL = fcntl64(__NR_fcntl64);
    FCHMOD = fchmod(__NR_fchmod);
    UNLINKAT = unlinkat(__NR_unlinkat);
    // With `std`, std's `OwnedFd` closes (through libc): listed all the same.
    CLOSE = close(__NR_close);
}

/// `fcntl(fd, cmd, arg)` for a command whose argument and result are
/// integers.
#[inline]
fn fcntl_int(fd: BorrowedFd<'_>, cmd: u32, arg: u32) -> Result<u32, Errno> {
    // SAFETY: F_GETFD, F_SETFD, F_GETFL and F_SETFL (the only commands
    // passed here) take and return integers; no memory is touched.
    let ret = unsafe { FCNTL.call3(fd.as_raw_fd() as usize, cmd as usize, arg as usize) };
    check(ret).map(|flags| flags as u32)
}

/// The descriptor's flags (`F_GETFD`: `FD_CLOEXEC`).
#[inline]
pub(crate) fn fd_flags(fd: BorrowedFd<'_>) -> Result<u32, Errno> {
    fcntl_int(fd, F_GETFD, 0)
}

/// Sets the descriptor's flags (`F_SETFD`).
#[inline]
pub(crate) fn set_fd_flags(fd: BorrowedFd<'_>, flags: u32) -> Result<(), Errno> {
    fcntl_int(fd, F_SETFD, flags).map(drop)
}

/// The open file's status flags (`F_GETFL`: `O_NONBLOCK`, the access mode, ...).
#[inline]
pub(crate) fn status_flags(fd: BorrowedFd<'_>) -> Result<u32, Errno> {
    fcntl_int(fd, F_GETFL, 0)
}

/// Sets the open file's status flags (`F_SETFL`; the kernel changes only
/// `O_APPEND`, `O_ASYNC`, `O_DIRECT`, `O_NOATIME` and `O_NONBLOCK`).
#[inline]
pub(crate) fn set_status_flags(fd: BorrowedFd<'_>, flags: u32) -> Result<(), Errno> {
    fcntl_int(fd, F_SETFL, flags).map(drop)
}

/// `fchmod(fd, mode)`.
#[inline]
pub(crate) fn fchmod(fd: BorrowedFd<'_>, mode: u32) -> Result<(), Errno> {
    // SAFETY: fchmod(2) takes only integers.
    check(unsafe { FCHMOD.call2(fd.as_raw_fd() as usize, mode as usize) }).map(drop)
}

/// `unlinkat(AT_FDCWD, path, 0)`: removes the file at `path`, relative to
/// the working directory.
#[inline]
pub(crate) fn unlink(path: &CStr) -> Result<(), Errno> {
    // SAFETY: the kernel reads the NUL-terminated path during the call and
    // keeps no reference.
    let ret = unsafe { UNLINKAT.call3(AT_FDCWD as usize, path.as_ptr() as usize, 0) };
    check(ret).map(drop)
}

/// `close(fd)`, for the no-std [`OwnedFd`](crate::fd::OwnedFd)'s drop (std's
/// own closes with `std`). As in std, an error is ignored: the descriptor is
/// gone either way.
///
/// # Safety
/// The caller owns `fd` and does not use it afterwards.
#[cfg(not(feature = "std"))]
#[inline]
pub(crate) unsafe fn close(fd: crate::fd::RawFd) {
    // SAFETY: the caller gives up `fd`; close(2) takes no pointers.
    unsafe { CLOSE.call1(fd as usize) };
}
