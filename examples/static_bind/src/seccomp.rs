//! A seccomp allowlist built from `rawbind::raw::SYSCALLS`, with neither
//! libc nor libseccomp: the pattern a sandbox or a container entry point
//! copies (README, "Seccomp: the system calls rawbind makes").
//!
//! The filter is a classic BPF program (`seccomp(2)`, `SECCOMP_MODE_FILTER`,
//! Linux 3.5; `SECCOMP_RET_KILL_PROCESS`, Linux 4.14):
//!
//! ```text
//!       ld  seccomp_data.arch
//!       jeq AUDIT_ARCH ? next : kill      another ABI's numbers mean other calls
//!       ld  seccomp_data.nr
//!       jeq NR ? allow : next             once per call made by its own number
//!       jeq __NR_socketcall ? next : kill (where the architecture has it)
//!       ld  seccomp_data.args[0]          socketcall's sub-call, low 32 bits
//!       jeq SYS_ ? allow : next           once per sub-call
//! kill: ret SECCOMP_RET_KILL_PROCESS
//! allow: ret SECCOMP_RET_ALLOW
//! ```
//!
//! The numbers are compared exactly, so on x86_64 no x32 call (its number
//! has `__X32_SYSCALL_BIT` set) is allowed. Of a call through
//! `socketcall(2)` the filter sees only the sub-call: the call's own
//! arguments sit in user memory, which seccomp does not read.

use core::mem::{offset_of, size_of};

use linux_raw_sys::general::__NR_seccomp;
use linux_raw_sys::prctl::PR_SET_NO_NEW_PRIVS;
use linux_raw_sys::ptrace::{
    seccomp_data, sock_filter, sock_fprog, BPF_ABS, BPF_JEQ, BPF_JMP, BPF_K, BPF_LD, BPF_RET,
    BPF_W, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, SECCOMP_SET_MODE_FILTER,
};
use rawbind::raw::{self, Syscall, AUDIT_ARCH};
use rawbind::Errno;

/// The most instructions an [`Allowlist`] holds: its 7 fixed ones and one
/// per call or sub-call, with room to spare (the selfcheck needs about 60).
const CAPACITY: usize = 160;

/// A seccomp program that allows the calls it was built from and kills the
/// process on any other call of this architecture (or of another).
pub(crate) struct Allowlist {
    prog: [sock_filter; CAPACITY],
    len: usize,
}

/// [`Allowlist::new`] was given more distinct calls than [`CAPACITY`]
/// leaves room for.
#[derive(Debug)]
pub(crate) struct TooLong;

impl Allowlist {
    /// The program allowing each of `rows` (a number, or `socketcall(2)`
    /// with a sub-call, as [`Syscall`] says) and nothing else. A row listed
    /// twice is compared once.
    pub(crate) fn new<'a>(
        rows: impl Iterator<Item = &'a Syscall> + Clone,
    ) -> Result<Self, TooLong> {
        let mut list = Allowlist {
            prog: [op(0, 0, 0, 0); CAPACITY],
            len: 0,
        };
        list.push(load(offset_of!(seccomp_data, arch)))?;
        list.push(op(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH))?;
        list.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_KILL_PROCESS))?;
        list.push(load(offset_of!(seccomp_data, nr)))?;
        // Each comparison jumps to `allow` when equal; the offsets are
        // filled in once the program's length is known.
        let first_own = list.len;
        for nr in rows.clone().filter(|r| r.sub_call.is_none()).map(|r| r.nr) {
            list.push_once(first_own, nr)?;
        }
        let own_end = list.len;
        let mut socketcall = rows.filter_map(|r| Some((r.nr, r.sub_call?))).peekable();
        let (mut first_sub, mut not_socketcall) = (own_end, None);
        if let Some(&(nr, _)) = socketcall.peek() {
            // Not socketcall(2) either: on to `kill`.
            not_socketcall = Some(list.len);
            list.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, nr))?;
            list.push(load(arg0_low()))?;
            first_sub = list.len;
            for (_, sub_call) in socketcall {
                list.push_once(first_sub, sub_call)?;
            }
        }
        let kill = list.len;
        list.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_KILL_PROCESS))?;
        let allow = list.len;
        list.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW))?;
        for at in (first_own..own_end).chain(first_sub..kill) {
            list.prog[at].jt = offset(at, allow)?;
        }
        if let Some(at) = not_socketcall {
            list.prog[at].jf = offset(at, kill)?;
        }
        Ok(list)
    }

    /// Appends "equal to `k`: allow" unless an instruction from `from` on
    /// already compares with `k`.
    fn push_once(&mut self, from: usize, k: u32) -> Result<(), TooLong> {
        if self.prog[from..self.len].iter().any(|insn| insn.k == k) {
            return Ok(());
        }
        self.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, k))
    }

    fn push(&mut self, insn: sock_filter) -> Result<(), TooLong> {
        *self.prog.get_mut(self.len).ok_or(TooLong)? = insn;
        self.len += 1;
        Ok(())
    }

    /// Installs the program on this process for good: first
    /// `prctl(PR_SET_NO_NEW_PRIVS, 1)`, which a process without
    /// `CAP_SYS_ADMIN` needs, then `seccomp(SECCOMP_SET_MODE_FILTER)`.
    ///
    /// # Errors
    /// The kernel's: `EINVAL` or `ENOSYS` where seccomp is not built in
    /// (`CONFIG_SECCOMP_FILTER`) or, under QEMU user mode, refused by the
    /// emulator; `EACCES` without no_new_privs or `CAP_SYS_ADMIN`.
    pub(crate) fn install(&self) -> Result<(), Errno> {
        let prog = sock_fprog {
            // CAPACITY fits a u16.
            len: self.len as u16,
            filter: self.prog.as_ptr().cast_mut(),
        };
        // SAFETY: prctl(PR_SET_NO_NEW_PRIVS) takes integers only.
        raw::check(unsafe {
            raw::syscall5(
                linux_raw_sys::general::__NR_prctl as usize,
                PR_SET_NO_NEW_PRIVS as usize,
                1,
                0,
                0,
                0,
            )
        })?;
        // SAFETY: `prog` points to `len` instructions that outlive the call;
        // the kernel copies and checks them and keeps no pointer.
        raw::check(unsafe {
            raw::syscall3(
                __NR_seccomp as usize,
                SECCOMP_SET_MODE_FILTER as usize,
                0,
                &prog as *const sock_fprog as usize,
            )
        })?;
        Ok(())
    }
}

/// The jump from instruction `from` to `to`, relative to the next one.
fn offset(from: usize, to: usize) -> Result<u8, TooLong> {
    u8::try_from(to - from - 1).map_err(|_| TooLong)
}

fn op(code: u32, jt: u8, jf: u8, k: u32) -> sock_filter {
    sock_filter {
        code: code as u16,
        jt,
        jf,
        k,
    }
}

fn load(offset: usize) -> sock_filter {
    op(BPF_LD | BPF_W | BPF_ABS, 0, 0, offset as u32)
}

/// Where the low 32 bits of the first argument sit in `seccomp_data` (its
/// `args` are 64-bit on every architecture).
fn arg0_low() -> usize {
    let big_endian_high_half = if cfg!(target_endian = "big") {
        size_of::<u32>()
    } else {
        0
    };
    offset_of!(seccomp_data, args) + big_endian_high_half
}
