//! Seccomp filters that answer chosen system calls with an errno, to show
//! which kernel entry a call takes.
//!
//! Build a [`Filter`] before forking and [`Filter::install`] it in the child
//! (see [`super::child`]): a filter binds the thread and its children for
//! good, and installing one only reads memory the filter already owns.

use std::mem::offset_of;

use linux_raw_sys::ptrace::{
    seccomp_data, sock_filter, sock_fprog, BPF_ABS, BPF_JEQ, BPF_JMP, BPF_K, BPF_LD, BPF_RET,
    BPF_W, SECCOMP_MODE_FILTER, SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO, SECCOMP_RET_KILL_PROCESS,
};
use rawbind::raw::AUDIT_ARCH;

/// Whether a seccomp filter can be installed here: not under QEMU user
/// mode, which gives no guest's filter to the kernel. Where it cannot, logs
/// test `name` as skipped with that reason.
pub fn usable(name: &str) -> bool {
    match super::under_qemu() {
        Some(qemu) => {
            super::skip(
                name,
                &format!("{qemu} does not give a guest's seccomp filter to the kernel"),
            );
            false
        }
        None => true,
    }
}

/// A classic-BPF seccomp program: its rules, in order, decide the calls of
/// this architecture they match; every other call of it gets the filter's
/// `otherwise`, and another architecture's calls are allowed.
pub struct Filter(Vec<sock_filter>);

/// What a filter answers a call with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Allow,
    /// Fails the call with this errno; the call is not made.
    Errno(u32),
    /// Kills the process (SIGSYS).
    Kill,
}

impl Action {
    fn ret(self) -> u32 {
        match self {
            Action::Allow => SECCOMP_RET_ALLOW,
            Action::Errno(errno) => SECCOMP_RET_ERRNO | errno,
            Action::Kill => SECCOMP_RET_KILL_PROCESS,
        }
    }
}

/// One rule: system call `nr` (with `arg0`, only when the low 32 bits of
/// its first argument are that value) gets `action`.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub nr: u32,
    pub arg0: Option<u32>,
    pub action: Action,
}

impl Rule {
    /// Call `nr`, whatever its arguments, gets `action`.
    pub fn nr(nr: u32, action: Action) -> Rule {
        Rule {
            nr,
            arg0: None,
            action,
        }
    }

    /// The calls a row of `rawbind::raw::SYSCALLS` stands for: its number,
    /// and for a `socketcall(2)` row its sub-call, the first argument.
    pub fn row(row: &rawbind::raw::Syscall, action: Action) -> Rule {
        Rule {
            nr: row.nr,
            arg0: row.sub_call,
            action,
        }
    }
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

/// Where the low 32 bits of the first argument sit in `seccomp_data`.
fn arg0_low() -> usize {
    offset_of!(seccomp_data, args) + if cfg!(target_endian = "big") { 4 } else { 0 }
}

impl Filter {
    /// `rules` in order, then `otherwise`.
    pub fn new(rules: &[Rule], otherwise: Action) -> Filter {
        let mut prog = vec![
            load(offset_of!(seccomp_data, arch)),
            // Another architecture's numbers mean other calls: allow them.
            op(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH),
            op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW),
        ];
        for rule in rules {
            prog.push(load(offset_of!(seccomp_data, nr)));
            match rule.arg0 {
                None => prog.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, rule.nr)),
                Some(arg0) => {
                    prog.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 3, rule.nr));
                    prog.push(load(arg0_low()));
                    prog.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, arg0));
                }
            }
            prog.push(op(BPF_RET | BPF_K, 0, 0, rule.action.ret()));
        }
        prog.push(op(BPF_RET | BPF_K, 0, 0, otherwise.ret()));
        Filter(prog)
    }

    /// Fails each system call `nr` of `rules` with its `errno`.
    pub fn fail(rules: &[(u32, u32)]) -> Filter {
        let rules: Vec<Rule> = rules
            .iter()
            .map(|&(nr, errno)| Rule::nr(nr, Action::Errno(errno)))
            .collect();
        Filter::new(&rules, Action::Allow)
    }

    /// Allows only the system calls in `allowed`; every other one of this
    /// architecture fails with `errno`. With only `exit_group` and `write`
    /// allowed, a function that returns without `errno` made no other call.
    pub fn allow_only(allowed: &[u32], errno: u32) -> Filter {
        let rules: Vec<Rule> = allowed
            .iter()
            .map(|&nr| Rule::nr(nr, Action::Allow))
            .collect();
        Filter::new(&rules, Action::Errno(errno))
    }

    /// Installs the filter on the calling thread (after
    /// `PR_SET_NO_NEW_PRIVS`, which an unprivileged caller needs). System
    /// calls only: safe in a forked child.
    pub fn install(&self) -> Result<(), &'static str> {
        let prog = sock_fprog {
            len: self.0.len() as u16,
            filter: self.0.as_ptr().cast_mut(),
        };
        // SAFETY: prctl(PR_SET_NO_NEW_PRIVS) takes integers only.
        if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } != 0 {
            return Err("prctl(PR_SET_NO_NEW_PRIVS) failed");
        }
        // SAFETY: `prog` points to `len` instructions that live across the
        // call; the kernel copies and checks them and keeps no pointer.
        let r = unsafe {
            libc::prctl(
                libc::PR_SET_SECCOMP,
                SECCOMP_MODE_FILTER,
                &prog as *const sock_fprog,
            )
        };
        if r != 0 {
            return Err("prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER) failed");
        }
        Ok(())
    }
}
