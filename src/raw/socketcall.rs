//! Which entry a socket call takes where the architecture has two: its own
//! syscall number ("direct") or the `socketcall(2)` multiplexer.
//!
//! | build                      | entry                                                      |
//! |----------------------------|------------------------------------------------------------|
//! | default                    | direct; after the first `ENOSYS`, socketcall from then on  |
//! | `--cfg rawbind_direct`     | direct only (an `ENOSYS` is returned as is)                |
//! | `--cfg rawbind_socketcall` | socketcall only                                            |
//!
//! Direct first, because a seccomp filter can inspect a direct call's
//! arguments but only the sub-call number of socketcall's (its arguments sit
//! in user memory). Fallback, because kernels before the direct numbers (4.3
//! on i386) answer them with `ENOSYS`, and so do sandboxes that allow only
//! socketcall. The answer is remembered for the process in one atomic flag: no
//! lock, no allocation, and at worst a few threads each try the direct call
//! once before they see it.

#[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
use core::sync::atomic::{AtomicBool, Ordering};

#[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
use linux_raw_sys::errno::ENOSYS;

use super::net::Args;

/// Set once a direct socket call has answered `ENOSYS`.
#[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
static USE_SOCKETCALL: AtomicBool = AtomicBool::new(false);

/// Makes the socket call numbered `nr` (direct) and `sub` (socketcall) with
/// `args`: direct first, and socketcall from the first `ENOSYS` on.
///
/// # Safety
/// `nr`/`sub` and `args` must form a call whose kernel contract the caller upholds.
#[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
#[inline(always)]
pub(super) unsafe fn call<const N: usize>(nr: u32, sub: u32, args: [usize; N]) -> usize
where
    [usize; N]: Args,
{
    if !USE_SOCKETCALL.load(Ordering::Relaxed) {
        // SAFETY: the caller upholds the contract of call `nr`.
        let ret = unsafe { args.direct(nr) };
        if ret != (ENOSYS as usize).wrapping_neg() {
            return ret;
        }
        USE_SOCKETCALL.store(true, Ordering::Relaxed);
    }
    // SAFETY: the caller upholds the contract of sub-call `sub`.
    unsafe { multiplexed(sub, &args) }
}

/// `--cfg rawbind_direct`: makes the socket call through its own number `nr`.
///
/// # Safety
/// `nr` and `args` must form a call whose kernel contract the caller upholds.
#[cfg(rawbind_direct)]
#[inline(always)]
pub(super) unsafe fn call<const N: usize>(nr: u32, _sub: u32, args: [usize; N]) -> usize
where
    [usize; N]: Args,
{
    // SAFETY: the caller upholds the contract of call `nr`.
    unsafe { args.direct(nr) }
}

/// `--cfg rawbind_socketcall`: makes the socket call as sub-call `sub`.
///
/// # Safety
/// `sub` and `args` must form a call whose kernel contract the caller upholds.
#[cfg(rawbind_socketcall)]
#[inline(always)]
pub(super) unsafe fn call<const N: usize>(_nr: u32, sub: u32, args: [usize; N]) -> usize
where
    [usize; N]: Args,
{
    // SAFETY: the caller upholds the contract of sub-call `sub`.
    unsafe { multiplexed(sub, &args) }
}

/// Makes socket call `sub` through `socketcall(2)`.
///
/// # Safety
/// `sub` and `args` must form a call whose kernel contract the caller upholds.
#[cfg(not(rawbind_direct))]
#[inline(always)]
unsafe fn multiplexed<const N: usize>(sub: u32, args: &[usize; N]) -> usize {
    // SAFETY: `args` holds the call's N argument words and outlives the call,
    // during which the kernel copies them in; the caller upholds the rest.
    unsafe { super::arch::socketcall(sub as usize, args.as_ptr()) }
}

/// Whether this process's socket calls go through `socketcall(2)`: always
/// with `--cfg rawbind_socketcall`, never with `--cfg rawbind_direct`, and in
/// the default build once a direct socket call has answered `ENOSYS`. Only on
/// architectures that have `socketcall(2)`.
///
/// ```
/// #[cfg(target_arch = "x86")]
/// println!("socket calls use socketcall: {}", rawbind::raw::uses_socketcall());
/// ```
pub fn uses_socketcall() -> bool {
    #[cfg(rawbind_socketcall)]
    return true;
    #[cfg(rawbind_direct)]
    return false;
    #[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
    return USE_SOCKETCALL.load(Ordering::Relaxed);
}
