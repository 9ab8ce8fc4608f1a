//! The programs' own system calls besides rawbind's socket calls: writing a
//! line and exiting, through `rawbind::raw`. Shared by static_bind,
//! selfcheck and unix_server (each includes it as a module).

use linux_raw_sys::general::{__NR_exit_group, __NR_write};
use rawbind::raw::{check, syscall1, syscall3};
use rawbind::Errno;

/// Writes all of `bytes` to `fd` with `write(2)`.
pub(crate) fn write_all(fd: usize, mut bytes: &[u8]) -> Result<(), Errno> {
    while !bytes.is_empty() {
        // SAFETY: the kernel reads at most `bytes.len()` bytes at `bytes`,
        // which is that long, during the call, and keeps no reference.
        let ret = unsafe {
            syscall3(
                __NR_write as usize,
                fd,
                bytes.as_ptr() as usize,
                bytes.len(),
            )
        };
        // The kernel writes at most `bytes.len()` bytes; `get` makes a count
        // beyond that mean all written, not a panic.
        bytes = bytes.get(check(ret)?..).unwrap_or_default();
    }
    Ok(())
}

/// Ends the process, every thread of it, with `status`: `exit_group(2)`.
pub(crate) fn exit(status: u8) -> ! {
    // SAFETY: exit_group takes only an integer and never returns, so the
    // code after it is unreachable.
    unsafe {
        syscall1(__NR_exit_group as usize, usize::from(status));
        core::hint::unreachable_unchecked()
    }
}
