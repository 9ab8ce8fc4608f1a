//! Close-on-exec and non-blocking: asked for as a socket is made
//! ([`SocketFlags`], for [`socket_with`](crate::socket_with) and
//! [`accept_with`](crate::accept_with)), and read or changed afterwards with
//! `fcntl(2)` ([`set_cloexec`], [`set_nonblocking`]).

use core::fmt;
use core::ops::{BitOr, BitOrAssign};

use linux_raw_sys::general::{FD_CLOEXEC, O_CLOEXEC, O_NONBLOCK};

use crate::errno::Errno;
use crate::fd::AsFd;
use crate::raw::file;

/// Flags for a socket as it is made: `SOCK_CLOEXEC` and `SOCK_NONBLOCK`,
/// ORed into `socket(2)`'s type or given to `accept4(2)` (Linux 2.6.27 and
/// 2.6.28).
///
/// Their values are the architecture's: the kernel defines them as its
/// `O_CLOEXEC` and `O_NONBLOCK` (`include/linux/net.h`), which differ on
/// sparc64 (0x400000 and 0x4000) and mips (`O_NONBLOCK` is 0x80); they come
/// from `linux_raw_sys` for the target.
///
/// ```
/// use rawbind::{nonblocking, socket_with, Family, SockType, SocketFlags};
/// let flags = SocketFlags::CLOEXEC | SocketFlags::NONBLOCK;
/// assert!(flags.contains(SocketFlags::NONBLOCK));
/// let fd = socket_with(Family::Inet, SockType::Stream, flags, 0)?;
/// assert!(nonblocking(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SocketFlags(u32);

impl SocketFlags {
    /// `SOCK_CLOEXEC`: the descriptor is closed by `execve(2)`.
    pub const CLOEXEC: SocketFlags = SocketFlags(O_CLOEXEC);
    /// `SOCK_NONBLOCK`: the open file is `O_NONBLOCK`, so a call that would
    /// wait answers `EAGAIN` instead.
    pub const NONBLOCK: SocketFlags = SocketFlags(O_NONBLOCK);

    /// No flag: a descriptor that `execve(2)` keeps open, and that blocks.
    ///
    /// ```
    /// assert!(rawbind::SocketFlags::empty().is_empty());
    /// ```
    pub const fn empty() -> SocketFlags {
        SocketFlags(0)
    }

    /// Whether every flag of `other` is set in `self`.
    ///
    /// ```
    /// use rawbind::SocketFlags;
    /// assert!(!SocketFlags::CLOEXEC.contains(SocketFlags::NONBLOCK));
    /// ```
    pub const fn contains(self, other: SocketFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(!rawbind::SocketFlags::CLOEXEC.is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The bits the kernel takes: the architecture's `SOCK_CLOEXEC` and
    /// `SOCK_NONBLOCK` values, ORed.
    ///
    /// ```
    /// assert_eq!(rawbind::SocketFlags::empty().bits(), 0);
    /// ```
    pub const fn bits(self) -> u32 {
        self.0
    }
}

impl BitOr for SocketFlags {
    type Output = SocketFlags;

    fn bitor(self, other: SocketFlags) -> SocketFlags {
        SocketFlags(self.0 | other.0)
    }
}

impl BitOrAssign for SocketFlags {
    fn bitor_assign(&mut self, other: SocketFlags) {
        self.0 |= other.0;
    }
}

impl fmt::Debug for SocketFlags {
    /// `CLOEXEC | NONBLOCK`, `CLOEXEC`, or `(empty)`.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (
            self.contains(SocketFlags::CLOEXEC),
            self.contains(SocketFlags::NONBLOCK),
        ) {
            (true, true) => f.write_str("CLOEXEC | NONBLOCK"),
            (true, false) => f.write_str("CLOEXEC"),
            (false, true) => f.write_str("NONBLOCK"),
            (false, false) => f.write_str("(empty)"),
        }
    }
}

/// Sets or clears the descriptor's close-on-exec flag (`FD_CLOEXEC`, with
/// `fcntl(2)`'s `F_GETFD` and `F_SETFD`). Clearing it hands the socket to a
/// program `execve(2)` starts: socket activation, a container's entry point.
/// The flag belongs to this descriptor only, not to copies made by `dup(2)`.
///
/// ```
/// use rawbind::{cloexec, set_cloexec, socket, Family, SockType};
/// let fd = socket(Family::Unix, SockType::Stream, 0)?;
/// set_cloexec(&fd, false)?;
/// assert!(!cloexec(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF` if the descriptor is not open (`fcntl(2)`).
pub fn set_cloexec<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    let fd = fd.as_fd();
    let flags = file::fd_flags(fd)?;
    let new = if on {
        flags | FD_CLOEXEC
    } else {
        flags & !FD_CLOEXEC
    };
    if new == flags {
        return Ok(());
    }
    file::set_fd_flags(fd, new)
}

/// Whether the descriptor is closed by `execve(2)` (`FD_CLOEXEC`, read with
/// `fcntl(2)`'s `F_GETFD`).
///
/// ```
/// use rawbind::{cloexec, socket, Family, SockType};
/// assert!(cloexec(socket(Family::Inet, SockType::Stream, 0)?)?); // socket() sets it
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF` if the descriptor is not open.
pub fn cloexec<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    Ok(file::fd_flags(fd.as_fd())? & FD_CLOEXEC != 0)
}

/// Sets or clears `O_NONBLOCK` on the open file (`fcntl(2)`'s `F_GETFL` and
/// `F_SETFL`), keeping its other status flags. A non-blocking socket answers
/// `EAGAIN` where it would wait (`accept` with nothing pending, `connect`
/// in progress: `EINPROGRESS`). The flag belongs to the open file, so every
/// descriptor `dup(2)` made of it sees the change.
///
/// ```
/// use rawbind::{nonblocking, set_nonblocking, socket, Family, SockType};
/// let fd = socket(Family::Inet, SockType::Stream, 0)?;
/// set_nonblocking(&fd, true)?;
/// assert!(nonblocking(&fd)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF` if the descriptor is not open (`fcntl(2)`).
pub fn set_nonblocking<Fd: AsFd>(fd: Fd, on: bool) -> Result<(), Errno> {
    let fd = fd.as_fd();
    let flags = file::status_flags(fd)?;
    let new = if on {
        flags | O_NONBLOCK
    } else {
        flags & !O_NONBLOCK
    };
    if new == flags {
        return Ok(());
    }
    file::set_status_flags(fd, new)
}

/// Whether the open file is `O_NONBLOCK` (read with `fcntl(2)`'s `F_GETFL`).
///
/// ```
/// use rawbind::{nonblocking, socket, Family, SockType};
/// assert!(!nonblocking(socket(Family::Inet, SockType::Stream, 0)?)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EBADF` if the descriptor is not open.
pub fn nonblocking<Fd: AsFd>(fd: Fd) -> Result<bool, Errno> {
    Ok(file::status_flags(fd.as_fd())? & O_NONBLOCK != 0)
}
