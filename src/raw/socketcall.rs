//! How a socket call enters the kernel: [`socket_call`], the one dispatcher.
//!
//! Every socket call has its own syscall number on every architecture rawbind
//! supports. i386, powerpc, s390x, mips o32 and sparc64 also have the older
//! multiplexer `socketcall(2)`, which takes a sub-call number (`SYS_BIND` is
//! 2, as `linux/net.h` numbers them) and the address of the call's argument
//! words. There, the build decides which entry a call takes:
//!
//! | build                      | entry                                                        |
//! |----------------------------|--------------------------------------------------------------|
//! | default                    | direct; a direct `ENOSYS` is retried through socketcall, and |
//! |                            | once such a retry succeeds, socketcall from then on          |
//! | `--cfg rawbind_direct`     | direct only (an `ENOSYS` is returned as is)                  |
//! | `--cfg rawbind_socketcall` | socketcall only                                              |
//!
//! Direct first, because a seccomp filter can inspect a direct call's
//! arguments but only the sub-call number of socketcall's (its arguments sit
//! in user memory). Fallback, because kernels before the direct numbers (4.3
//! on i386) answer them with `ENOSYS`, and so do sandboxes that allow only
//! socketcall. The switch is made only when socketcall has made a call its
//! direct number refused: a call refused both ways (a filter answering
//! `ENOSYS` to one direct call and refusing socketcall, with any errno, or
//! a kernel with neither entry for it) returns socketcall's answer and
//! leaves every other call on its direct entry. Until a retry succeeds,
//! each call whose direct number answers `ENOSYS` costs one system call
//! more. The switch is remembered for the process in one atomic flag: no
//! lock, no allocation, and at worst a few threads each try the direct
//! call once before they see it. Elsewhere the direct entry is the only
//! one.

#[cfg(all(rawbind_has_socketcall, not(any(rawbind_direct, rawbind_socketcall))))]
use core::sync::atomic::{AtomicBool, Ordering};

#[cfg(all(rawbind_has_socketcall, not(any(rawbind_direct, rawbind_socketcall))))]
use linux_raw_sys::errno::ENOSYS;
#[cfg(rawbind_has_socketcall)]
use linux_raw_sys::general::__NR_socketcall;

/// A socket call's argument words, as [`socket_call`] takes them: `[usize; N]`
/// for the N of 2 to 6 that socket calls have.
///
/// It is sealed: each array length picks its `syscallN` at compile time, so
/// no call can have an argument count with no entry behind it.
pub trait SocketCallArgs: sealed::Sealed {}

mod sealed {
    /// The direct entry for an argument count.
    pub trait Sealed {
        /// Makes call `nr` with these arguments through its own number.
        ///
        /// # Safety
        /// `nr` and the arguments must form a call whose kernel contract the
        /// caller upholds.
        unsafe fn direct(self, nr: u32) -> usize;
    }
}

/// `[usize; N]` is [`SocketCallArgs`], entered directly through `syscallN`.
macro_rules! direct_entry {
    ($($n:literal => $syscall:ident($($arg:ident),+);)+) => {$(
        impl sealed::Sealed for [usize; $n] {
            #[inline(always)]
            unsafe fn direct(self, nr: u32) -> usize {
                let [$($arg),+] = self;
                // SAFETY: the caller upholds the contract of call `nr`.
                unsafe { super::$syscall(nr as usize, $($arg),+) }
            }
        }
        impl SocketCallArgs for [usize; $n] {}
    )+};
}

direct_entry! {
    2 => syscall2(a0, a1);
    3 => syscall3(a0, a1, a2);
    4 => syscall4(a0, a1, a2, a3);
    5 => syscall5(a0, a1, a2, a3, a4);
    6 => syscall6(a0, a1, a2, a3, a4, a5);
}

/// Set once a direct socket call has answered `ENOSYS` and its socketcall
/// retry has succeeded.
#[cfg(all(rawbind_has_socketcall, not(any(rawbind_direct, rawbind_socketcall))))]
static USE_SOCKETCALL: AtomicBool = AtomicBool::new(false);

/// Makes a socket call through the entry this build and this kernel take: its
/// own number `nr` (an `__NR_*`), or `socketcall(2)` with sub-call `sub_call`
/// (a `SYS_*` of `linux/net.h`) where the architecture has it; see the
/// module's table. Returns the raw result, as [`syscall0`](super::syscall0)
/// does; [`check`](super::check) reads it.
///
/// Every rawbind socket call goes through here; so can yours, for a call
/// rawbind does not wrap, with the same fallback.
///
/// ```
/// use linux_raw_sys::general::__NR_socketpair;
/// use linux_raw_sys::net::{AF_UNIX, SOCK_STREAM, SYS_SOCKETPAIR};
/// use rawbind::fd::{FromRawFd, OwnedFd};
/// use rawbind::raw;
/// let mut pair = [-1i32; 2];
/// let args = [AF_UNIX as usize, SOCK_STREAM as usize, 0, pair.as_mut_ptr() as usize];
/// // SAFETY: socketpair(2) writes two descriptors into `pair`, which
/// // outlives the call.
/// raw::check(unsafe { raw::socket_call(__NR_socketpair, SYS_SOCKETPAIR, args) })?;
/// // SAFETY: the kernel just opened both descriptors for us.
/// let [a, b] = pair.map(|fd| unsafe { OwnedFd::from_raw_fd(fd) });
/// # drop((a, b));
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Safety
/// `nr`, `sub_call` and `args` must name one call (the same call by either
/// entry) whose kernel contract the caller upholds: memory it reads or writes
/// valid for the call, descriptors it uses. The argument words are the
/// call's, in the order its manual page gives them.
#[inline(always)]
pub unsafe fn socket_call<const N: usize>(nr: u32, sub_call: u32, args: [usize; N]) -> usize
where
    [usize; N]: SocketCallArgs,
{
    // SAFETY: the caller upholds the contract of the call, by either entry.
    unsafe { enter(nr, sub_call, args) }
}

/// The only entry, or the one the build pins: the call's own number.
#[cfg(any(not(rawbind_has_socketcall), rawbind_direct))]
#[inline(always)]
unsafe fn enter<const N: usize>(nr: u32, _sub_call: u32, args: [usize; N]) -> usize
where
    [usize; N]: SocketCallArgs,
{
    // SAFETY: the caller upholds the contract of call `nr`.
    unsafe { sealed::Sealed::direct(args, nr) }
}

/// Pinned to `socketcall(2)`.
#[cfg(rawbind_socketcall)]
#[inline(always)]
unsafe fn enter<const N: usize>(_nr: u32, sub_call: u32, args: [usize; N]) -> usize {
    // SAFETY: the caller upholds the contract of sub-call `sub_call`; `args`
    // holds its N words and lives until the call returns.
    unsafe { socketcall(sub_call as usize, args.as_ptr()) }
}

/// Direct first; a direct `ENOSYS` retried through `socketcall(2)`, which
/// every call takes from the first retry that succeeds.
#[cfg(all(rawbind_has_socketcall, not(any(rawbind_direct, rawbind_socketcall))))]
#[inline(always)]
unsafe fn enter<const N: usize>(nr: u32, sub_call: u32, args: [usize; N]) -> usize
where
    [usize; N]: SocketCallArgs,
{
    let switched = USE_SOCKETCALL.load(Ordering::Relaxed);
    if !switched {
        // SAFETY: the caller upholds the contract of call `nr`.
        let ret = unsafe { sealed::Sealed::direct(args, nr) };
        if ret != (ENOSYS as usize).wrapping_neg() {
            return ret;
        }
    }
    // SAFETY: the caller upholds the contract of sub-call `sub_call`, the
    // same call (which, if tried by its own number, the kernel refused
    // without running it); `args` holds its N words and lives until the
    // call returns.
    let ret = unsafe { socketcall(sub_call as usize, args.as_ptr()) };
    if !switched && super::check(ret).is_ok() {
        USE_SOCKETCALL.store(true, Ordering::Relaxed);
    }
    ret
}

/// Makes socket call `call` (a `SYS_*` number of `linux/net.h`) through the
/// `socketcall(2)` multiplexer and returns the raw result. Only on
/// architectures that have it; [`socket_call`] chooses between it and the
/// direct entry for you.
///
/// ```
/// use linux_raw_sys::general::O_CLOEXEC; // SOCK_CLOEXEC is O_CLOEXEC
/// use linux_raw_sys::net::{AF_INET, SOCK_STREAM, SYS_SOCKET};
/// use std::os::fd::{FromRawFd, OwnedFd};
///
/// let args = [AF_INET as usize, (SOCK_STREAM | O_CLOEXEC) as usize, 0];
/// // SAFETY: socket(2)'s three argument words, alive during the call.
/// let ret = unsafe { rawbind::raw::socketcall(SYS_SOCKET as usize, args.as_ptr()) };
/// // SAFETY: the kernel just opened this descriptor for us.
/// let fd = unsafe { OwnedFd::from_raw_fd(rawbind::raw::check(ret)? as i32) };
/// # drop(fd);
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// # Safety
/// `args` must point to the call's arguments as consecutive words, readable
/// for as many words as call `call` takes, and those arguments must satisfy
/// the call's own contract.
#[cfg(rawbind_has_socketcall)]
#[inline]
pub unsafe fn socketcall(call: usize, args: *const usize) -> usize {
    // SAFETY: the kernel copies the argument words at `args` in before the
    // call starts and keeps no pointer; the caller vouches for them.
    unsafe { super::syscall2(__NR_socketcall as usize, call, args as usize) }
}

/// Whether this process's socket calls go through `socketcall(2)`: always
/// with `--cfg rawbind_socketcall`, never with `--cfg rawbind_direct`, and in
/// the default build once a direct socket call has answered `ENOSYS` and
/// its retry through `socketcall(2)` has succeeded. Only on architectures that
/// have `socketcall(2)`.
///
/// ```
/// #[cfg(target_arch = "x86")]
/// println!("socket calls use socketcall: {}", rawbind::raw::uses_socketcall());
/// ```
#[cfg(rawbind_has_socketcall)]
#[inline]
pub fn uses_socketcall() -> bool {
    #[cfg(rawbind_socketcall)]
    return true;
    #[cfg(rawbind_direct)]
    return false;
    #[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
    return USE_SOCKETCALL.load(Ordering::Relaxed);
}
