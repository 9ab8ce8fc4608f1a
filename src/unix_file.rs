//! The file a pathname AF_UNIX socket makes: its permissions, set before it
//! exists ([`bind_with_mode`]), and its removal ([`unlink`]).

use core::ffi::CStr;

use crate::addr::{UnixAddr, UnixAddrKind};
use crate::errno::Errno;
use crate::family::Family;
use crate::fd::AsFd;
use crate::option::socket_family;
use crate::raw::{file, net};
use crate::AsSockAddr;

/// The permission bits a mode may have: read, write and execute for user,
/// group and others.
const PERMISSIONS: u32 = 0o777;

/// Binds the AF_UNIX socket `fd` to the pathname `addr`, its file made with
/// permission bits `mode` less the process's umask, never more, not even
/// for an instant.
///
/// The mode is set on the unbound socket (`fchmod(2)`) before `bind(2)`,
/// once `getsockopt(SO_DOMAIN)` has shown `fd` is an AF_UNIX socket
/// (`fchmod` would change any file's mode), and Linux creates the socket
/// file from the socket's own mode, less the umask, as `open(2)` does with
/// its `mode` (`unix_bind`, net/unix/af_unix.c, since the 2.6 series). `chmod(2)` after `bind` would leave a window in
/// which another process finds the file with the default permissions
/// (0777 less the umask). Connecting to a socket file needs write
/// permission on it (`unix(7)`).
///
/// ```
/// use rawbind::{bind_with_mode, socket, unlink, Family, SockType, UnixAddr};
/// use std::os::unix::ffi::OsStrExt;
/// let path = std::env::temp_dir().join(format!("rawbind-doc-{}.sock", std::process::id()));
/// let addr = UnixAddr::new(path.as_os_str().as_bytes()).unwrap();
/// let fd = socket(Family::Unix, SockType::Stream, 0)?;
/// bind_with_mode(&fd, &addr, 0o600)?; // owner only
/// # use std::os::unix::fs::PermissionsExt;
/// # assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o177, 0);
/// unlink(&addr)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// `EINVAL` before any syscall if `mode` has bits above `0o777`, or if
/// `addr` is abstract or unnamed: it has no file, so no permissions to set,
/// and ignoring a mode meant for security would be worse than refusing it.
/// Then the kernel's `EBADF`, and `ENOTSOCK` for a descriptor that is not a
/// socket (`getsockopt(2)`; `ENOPROTOOPT` before Linux 2.6.32, which has no
/// `SO_DOMAIN`); `EAFNOSUPPORT` for a socket of another family, without
/// binding it (some families' bind does not check the address's family: a
/// raw AF_INET socket would take the path's bytes as an IPv4 address); each
/// with the descriptor's mode left as it was. Then `fchmod(2)`'s (`EPERM`
/// if the socket is not the process's own) and `bind(2)`'s
/// (`EADDRINUSE` if the file exists, `EACCES`, `ENOENT`, `ENOTDIR`,
/// `EROFS`, `EINVAL` if `fd` is already bound, ...; see
/// [`bind`](crate::bind)).
pub fn bind_with_mode<Fd: AsFd>(fd: Fd, addr: &UnixAddr, mode: u32) -> Result<(), Errno> {
    if mode & !PERMISSIONS != 0 || !matches!(addr.kind(), UnixAddrKind::Pathname(_)) {
        return Err(Errno::EINVAL);
    }
    let fd = fd.as_fd();
    if socket_family(fd)? != Family::Unix {
        return Err(Errno::EAFNOSUPPORT);
    }
    file::fchmod(fd, mode)?;
    addr.with_bytes(|bytes| net::bind(fd, bytes))
}

/// Removes a pathname address's socket file (`unlinkat(2)` relative to the
/// working directory, as bind resolved it). The 108-byte path, which has no
/// NUL in `sun_path`, is removed as well as a shorter one. An abstract or
/// unnamed address has no file: `Ok(())`, and no syscall.
///
/// ```
/// use rawbind::{bind, socket, unlink, Errno, Family, SockType, UnixAddr};
/// use std::os::unix::ffi::OsStrExt;
/// let path = std::env::temp_dir().join(format!("rawbind-unlink-{}.sock", std::process::id()));
/// let addr = UnixAddr::new(path.as_os_str().as_bytes()).unwrap();
/// bind(&socket(Family::Unix, SockType::Dgram, 0)?, &addr)?;
/// unlink(&addr)?;
/// assert_eq!(unlink(&addr), Err(Errno::ENOENT));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Errors
/// The kernel's, as `unlink(2)` lists them: `ENOENT` if there is no file,
/// `EACCES` without write and search permission on its directory, `EPERM`
/// (a sticky directory, or a directory at the path), `EBUSY`, `ELOOP`,
/// `ENAMETOOLONG`, `ENOTDIR`, `EROFS`, `EIO`.
#[inline]
pub fn unlink(addr: &UnixAddr) -> Result<(), Errno> {
    let UnixAddrKind::Pathname(path) = addr.kind() else {
        return Ok(());
    };
    // The path and a NUL: `sun_path` holds at most 108 bytes, without one.
    let mut buf = [0u8; 109];
    let len = path.len().min(buf.len() - 1);
    buf[..len].copy_from_slice(&path[..len]);
    match CStr::from_bytes_with_nul(&buf[..=len]) {
        Ok(c_path) => file::unlink(c_path),
        // A pathname holds no NUL (UnixAddr's rule), so this is not reached.
        Err(_) => Err(Errno::EINVAL),
    }
}
