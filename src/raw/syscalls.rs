//! [`SYSCALLS`]: every system call rawbind's own code can make, on the target
//! and in the build's entry mode, as a seccomp filter sees it; and the
//! descriptors those calls are made through, so that a call cannot be made
//! without being listed.
//!
//! `net` and `file` define each of their calls with [`socket_calls!`] or
//! [`calls!`], which makes a `const` descriptor ([`SocketCall`], [`Call`])
//! and lists it in the same stroke; their safe entries make the call through
//! the descriptor's method. [`SYSCALLS`] is made from those lists at compile
//! time, a row for each entry the build can take. `tests/syscalls.rs` checks
//! that no other code of the crate makes a system call, and shows under
//! seccomp that the list is complete and that each row is needed.

use super::{socket_call, syscall1, syscall2, syscall3, SocketCallArgs};
#[cfg(rawbind_has_socketcall)]
use linux_raw_sys::general::__NR_socketcall;

/// One system call rawbind can make, as a seccomp filter sees it: the
/// number in `seccomp_data.nr` and, for a call through `socketcall(2)`, the
/// sub-call in its first argument.
///
/// ```
/// use rawbind::raw::{Entry, SYSCALLS};
/// let bind: Vec<_> = SYSCALLS.iter().filter(|s| s.name == "bind").collect();
/// // x86_64: bind is 49, its only entry.
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!((bind[0].nr, bind[0].sub_call, bind[0].entry), (49, None, Entry::Only));
/// # let _ = bind;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Syscall {
    /// The call, as its manual page and `linux-raw-sys`'s `__NR_` name it
    /// (`bind`, `fcntl64`); a row of [`Entry::Socketcall`] names the socket
    /// call it makes through `socketcall(2)`.
    pub name: &'static str,
    /// The number the filter sees: the call's own, or `socketcall(2)`'s for
    /// [`Entry::Socketcall`].
    pub nr: u32,
    /// For [`Entry::Socketcall`], the sub-call (`SYS_BIND`, …): the first
    /// argument of `socketcall(2)`, the only part of the call a filter can
    /// inspect (the call's own arguments sit in user memory). `None` for the
    /// others.
    pub sub_call: Option<u32>,
    /// Which entry this is, and so which builds make it.
    pub entry: Entry,
}

/// How a row of [`SYSCALLS`] enters the kernel, and so in which entry modes
/// (the README's "Two entries for socket calls") rawbind makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// The call's own number, its only entry: every call on an architecture
    /// without `socketcall(2)`, and the calls that are not socket calls
    /// everywhere. Made in every build.
    Only,
    /// A socket call's own number, where the architecture also has
    /// `socketcall(2)`: tried first by the default build, the only entry of
    /// a `--cfg rawbind_direct` build.
    Direct,
    /// `socketcall(2)` with [`Syscall::sub_call`]: the default build's retry
    /// of a direct call that answered `ENOSYS`, and its entry for every call
    /// once a retry has succeeded; the only entry of a
    /// `--cfg rawbind_socketcall` build.
    Socketcall,
}

/// The entries each socket call can take in this build, in the order it
/// tries them: `[Only]` where the architecture has no `socketcall(2)`;
/// where it has, `[Direct, Socketcall]` by default, `[Direct]` with
/// `--cfg rawbind_direct`, `[Socketcall]` with `--cfg rawbind_socketcall`.
/// A socket call of your own made through [`socket_call`](super::socket_call)
/// takes the same entries; [`Syscall::socket_call`] makes its rows.
///
/// ```
/// use rawbind::raw::{Entry, SOCKET_CALL_ENTRIES};
/// assert!(matches!(
///     SOCKET_CALL_ENTRIES,
///     [Entry::Only] | [Entry::Direct] | [Entry::Socketcall] | [Entry::Direct, Entry::Socketcall]
/// ));
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(SOCKET_CALL_ENTRIES, &[Entry::Only]);
/// ```
pub const SOCKET_CALL_ENTRIES: &[Entry] = {
    #[cfg(not(rawbind_has_socketcall))]
    let entries = &[Entry::Only];
    #[cfg(all(rawbind_has_socketcall, rawbind_direct))]
    let entries = &[Entry::Direct];
    #[cfg(all(rawbind_has_socketcall, rawbind_socketcall))]
    let entries = &[Entry::Socketcall];
    #[cfg(all(rawbind_has_socketcall, not(any(rawbind_direct, rawbind_socketcall))))]
    let entries = &[Entry::Direct, Entry::Socketcall];
    entries
};

impl Syscall {
    /// The row of a call made by its own number only, such as a program's
    /// own `write` or `exit_group`, for an allowlist built beside
    /// [`SYSCALLS`].
    ///
    /// ```
    /// use linux_raw_sys::general::__NR_write;
    /// use rawbind::raw::{Entry, Syscall};
    /// let write = Syscall::own("write", __NR_write);
    /// assert_eq!((write.sub_call, write.entry), (None, Entry::Only));
    /// ```
    pub const fn own(name: &'static str, nr: u32) -> Syscall {
        Syscall {
            name,
            nr,
            sub_call: None,
            entry: Entry::Only,
        }
    }

    /// The row of socket call `name` (own number `nr`, `socketcall(2)`
    /// sub-call `sub_call`) for `entry`, one of [`SOCKET_CALL_ENTRIES`]:
    /// what [`SYSCALLS`] holds for rawbind's own socket calls, and what a
    /// call of yours through [`socket_call`](super::socket_call) needs.
    ///
    /// ```
    /// use linux_raw_sys::general::__NR_socketpair;
    /// use linux_raw_sys::net::SYS_SOCKETPAIR;
    /// use rawbind::raw::{Syscall, SOCKET_CALL_ENTRIES};
    /// let rows = SOCKET_CALL_ENTRIES
    ///     .iter()
    ///     .map(|&e| Syscall::socket_call("socketpair", __NR_socketpair, SYS_SOCKETPAIR, e));
    /// assert_eq!(rows.count(), SOCKET_CALL_ENTRIES.len());
    /// ```
    ///
    /// # Panics
    /// For [`Entry::Socketcall`] on an architecture without `socketcall(2)`
    /// (at compile time in a `const`).
    #[inline]
    pub const fn socket_call(name: &'static str, nr: u32, sub_call: u32, entry: Entry) -> Syscall {
        match entry {
            Entry::Only | Entry::Direct => Syscall {
                name,
                nr,
                sub_call: None,
                entry,
            },
            Entry::Socketcall => Syscall {
                name,
                nr: socketcall_nr(),
                sub_call: Some(sub_call),
                entry,
            },
        }
    }
}

/// `socketcall(2)`'s number, where the architecture has it.
#[inline]
const fn socketcall_nr() -> u32 {
    #[cfg(rawbind_has_socketcall)]
    return __NR_socketcall;
    #[cfg(not(rawbind_has_socketcall))]
    panic!("this architecture has no socketcall(2)")
}

/// Every system call rawbind's own code can make on this target in this
/// build: one row per number (and `socketcall(2)` sub-call) a seccomp
/// filter must allow for rawbind to work. Each socket call has a row for
/// each of [`SOCKET_CALL_ENTRIES`], in that order; then come the calls that
/// are not socket calls (`fcntl` or `fcntl64`, `fchmod`, `unlinkat`,
/// `close`). Every number is `linux-raw-sys`'s for the target.
///
/// `close` is rawbind's own only without `std`, where its `OwnedFd` closes
/// through rawbind; with `std`, std's `OwnedFd` makes the same call through
/// libc. It is listed in both builds, since a program that drops rawbind's
/// sockets makes it either way. What the program itself calls (`write`,
/// `exit_group`, its start-up) is not listed.
///
/// The README's "Seccomp" section says how to build an allowlist from it;
/// `examples/static_bind` builds one and runs its selfcheck under it.
///
/// ```
/// use rawbind::raw::{Entry, SYSCALLS};
/// for s in SYSCALLS {
///     match s.sub_call {
///         Some(sub) => println!("{:>4} socketcall, sub-call {sub}: {}", s.nr, s.name),
///         None => println!("{:>4} {}", s.nr, s.name),
///     }
/// }
/// assert!(SYSCALLS.iter().any(|s| s.name == "bind"));
/// # #[cfg(not(any(target_arch = "x86", target_arch = "powerpc", target_arch = "powerpc64",
/// #     target_arch = "s390x", target_arch = "mips", target_arch = "sparc64")))]
/// assert!(SYSCALLS.iter().all(|s| s.entry == Entry::Only));
/// ```
pub const SYSCALLS: &[Syscall] = &ROWS;

/// How many rows [`SYSCALLS`] has.
const LEN: usize = super::net::CALLS.len() * SOCKET_CALL_ENTRIES.len() + super::file::CALLS.len();

const ROWS: [Syscall; LEN] = rows();

/// [`SYSCALLS`]'s rows, from `net`'s and `file`'s lists.
const fn rows<const N: usize>() -> [Syscall; N] {
    let mut rows = [Syscall::own("", 0); N];
    let mut at = 0;
    let mut e = 0;
    while e < SOCKET_CALL_ENTRIES.len() {
        let mut c = 0;
        while c < super::net::CALLS.len() {
            let call = super::net::CALLS[c];
            rows[at] =
                Syscall::socket_call(call.name, call.nr, call.sub_call, SOCKET_CALL_ENTRIES[e]);
            at += 1;
            c += 1;
        }
        e += 1;
    }
    let mut c = 0;
    while c < super::file::CALLS.len() {
        let call = super::file::CALLS[c];
        rows[at] = Syscall::own(call.name, call.nr);
        at += 1;
        c += 1;
    }
    rows
}

/// The `AUDIT_ARCH_*` value the kernel puts in `seccomp_data.arch` for this
/// target's system calls (from `linux-raw-sys`). A filter checks it before
/// it reads a number: the same number means another call on another
/// architecture (an i386 program's `int 0x80` on an x86_64 kernel, say).
/// On x86_64 the x32 ABI shares it, with `__X32_SYSCALL_BIT` set in the
/// number, so an allowlist of [`SYSCALLS`]' exact numbers admits none of x32's.
///
/// ```
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(rawbind::raw::AUDIT_ARCH, linux_raw_sys::ptrace::AUDIT_ARCH_X86_64);
/// ```
pub const AUDIT_ARCH: u32 = ARCH;

cfg_if::cfg_if! {
    if #[cfg(target_arch = "x86_64")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_X86_64 as ARCH;
    } else if #[cfg(target_arch = "x86")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_I386 as ARCH;
    } else if #[cfg(all(target_arch = "aarch64", target_endian = "little"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_AARCH64 as ARCH;
    } else if #[cfg(all(target_arch = "arm", target_endian = "little"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_ARM as ARCH;
    } else if #[cfg(all(target_arch = "arm", target_endian = "big"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_ARMEB as ARCH;
    } else if #[cfg(target_arch = "riscv64")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_RISCV64 as ARCH;
    } else if #[cfg(target_arch = "riscv32")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_RISCV32 as ARCH;
    } else if #[cfg(target_arch = "loongarch64")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_LOONGARCH64 as ARCH;
    } else if #[cfg(target_arch = "powerpc")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_PPC as ARCH;
    } else if #[cfg(all(target_arch = "powerpc64", target_endian = "big"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_PPC64 as ARCH;
    } else if #[cfg(all(target_arch = "powerpc64", target_endian = "little"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_PPC64LE as ARCH;
    } else if #[cfg(target_arch = "s390x")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_S390X as ARCH;
    } else if #[cfg(all(target_arch = "mips", target_endian = "big"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_MIPS as ARCH;
    } else if #[cfg(all(target_arch = "mips", target_endian = "little"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_MIPSEL as ARCH;
    } else if #[cfg(all(target_arch = "mips64", target_endian = "big"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_MIPS64 as ARCH;
    } else if #[cfg(all(target_arch = "mips64", target_endian = "little"))] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_MIPSEL64 as ARCH;
    } else if #[cfg(target_arch = "sparc64")] {
        use linux_raw_sys::ptrace::AUDIT_ARCH_SPARC64 as ARCH;
    } else {
        compile_error!("no AUDIT_ARCH for this target_arch and endianness");
    }
}

/// A system call rawbind makes by its own number only; defined, and listed
/// in [`SYSCALLS`], by [`calls!`]. The call is made through its methods.
#[derive(Clone, Copy)]
pub(crate) struct Call {
    pub(crate) name: &'static str,
    pub(crate) nr: u32,
}

impl Call {
    /// For [`calls!`] only: a descriptor made elsewhere would be unlisted
    /// (`tests/syscalls.rs` checks that none is).
    pub(crate) const fn new(name: &'static str, nr: u32) -> Call {
        Call { name, nr }
    }

    /// Makes the call with one argument.
    ///
    /// # Safety
    /// The arguments satisfy the call's kernel contract ([`super`]'s).
    #[inline(always)]
    #[allow(dead_code)] // only the no-std build's close takes one argument
    pub(crate) unsafe fn call1(self, a0: usize) -> usize {
        // SAFETY: the caller upholds the contract of call `nr`.
        unsafe { syscall1(self.nr as usize, a0) }
    }

    /// Makes the call with two arguments.
    ///
    /// # Safety
    /// As [`call1`](Call::call1).
    #[inline(always)]
    pub(crate) unsafe fn call2(self, a0: usize, a1: usize) -> usize {
        // SAFETY: the caller upholds the contract of call `nr`.
        unsafe { syscall2(self.nr as usize, a0, a1) }
    }

    /// Makes the call with three arguments.
    ///
    /// # Safety
    /// As [`call1`](Call::call1).
    #[inline(always)]
    pub(crate) unsafe fn call3(self, a0: usize, a1: usize, a2: usize) -> usize {
        // SAFETY: the caller upholds the contract of call `nr`.
        unsafe { syscall3(self.nr as usize, a0, a1, a2) }
    }
}

/// A socket call: its own number and its `socketcall(2)` sub-call; defined,
/// and listed in [`SYSCALLS`] for each of [`SOCKET_CALL_ENTRIES`], by
/// [`socket_calls!`]. The call is made through [`call`](SocketCall::call),
/// which is [`socket_call`]: the build's entries, the fallback.
#[derive(Clone, Copy)]
pub(crate) struct SocketCall {
    pub(crate) name: &'static str,
    pub(crate) nr: u32,
    pub(crate) sub_call: u32,
}

impl SocketCall {
    /// For [`socket_calls!`] only, as [`Call::new`].
    pub(crate) const fn new(name: &'static str, nr: u32, sub_call: u32) -> SocketCall {
        SocketCall { name, nr, sub_call }
    }

    /// Makes the call with `args`, through the entry this build and this
    /// kernel take.
    ///
    /// # Safety
    /// `args` satisfy the call's kernel contract, as [`socket_call`]'s.
    #[inline(always)]
    pub(crate) unsafe fn call<const N: usize>(self, args: [usize; N]) -> usize
    where
        [usize; N]: SocketCallArgs,
    {
        // SAFETY: the caller upholds the contract of the call, by either entry.
        unsafe { socket_call(self.nr, self.sub_call, args) }
    }
}

/// Defines a `const` [`Call`] for each system call given, by its `__NR_`
/// number, and `CALLS`, the list of them that [`SYSCALLS`] is made from: a
/// call defined here is listed.
///
/// ```text
/// calls! {
///     FCHMOD = fchmod(__NR_fchmod);
/// }
/// ```
macro_rules! calls {
    ($($(#[cfg($cfg:meta)])? $konst:ident = $name:ident($nr:expr);)+) => {
        $(
            $(#[cfg($cfg)])?
            pub(super) const $konst: $crate::raw::syscalls::Call =
                $crate::raw::syscalls::Call::new(stringify!($name), $nr);
        )+
        /// Every call defined here, for [`SYSCALLS`](crate::raw::SYSCALLS).
        pub(super) const CALLS: &[$crate::raw::syscalls::Call] = &[$($(#[cfg($cfg)])? $konst),+];
    };
}

/// Defines a `const` [`SocketCall`] for each socket call given, by its
/// `__NR_` number and `SYS_` sub-call, and `CALLS`, the list of them that
/// [`SYSCALLS`] is made from: a call defined here is listed.
///
/// ```text
/// socket_calls! {
///     BIND = bind(__NR_bind, SYS_BIND);
/// }
/// ```
macro_rules! socket_calls {
    ($($konst:ident = $name:ident($nr:expr, $sub_call:expr);)+) => {
        $(
            pub(super) const $konst: $crate::raw::syscalls::SocketCall =
                $crate::raw::syscalls::SocketCall::new(stringify!($name), $nr, $sub_call);
        )+
        /// Every socket call defined here, for [`SYSCALLS`](crate::raw::SYSCALLS).
        pub(super) const CALLS: &[$crate::raw::syscalls::SocketCall] = &[$($konst),+];
    };
}
