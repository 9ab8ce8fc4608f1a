//! Seccomp filters that answer chosen system calls with an errno, to show
//! which kernel entry a call takes.
//!
//! Build a [`Filter`] before forking and [`Filter::install`] it in the child
//! (see [`super::child`]): a filter binds the thread and its children for
//! good, and installing one only reads memory the filter already owns.

use std::mem::offset_of;

use linux_raw_sys::ptrace::{
    seccomp_data, sock_filter, sock_fprog, BPF_ABS, BPF_JEQ, BPF_JMP, BPF_K, BPF_LD, BPF_RET,
    BPF_W, SECCOMP_MODE_FILTER, SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO,
};

/// The audit architecture the kernel reports for this program's system calls.
#[cfg(target_arch = "x86_64")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_X86_64;
#[cfg(target_arch = "x86")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_I386;
#[cfg(target_arch = "aarch64")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_AARCH64;
#[cfg(target_arch = "arm")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_ARM;
#[cfg(target_arch = "riscv64")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_RISCV64;
#[cfg(target_arch = "riscv32")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_RISCV32;
#[cfg(target_arch = "loongarch64")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_LOONGARCH64;
#[cfg(target_arch = "powerpc")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_PPC;
#[cfg(all(target_arch = "powerpc64", target_endian = "big"))]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_PPC64;
#[cfg(all(target_arch = "powerpc64", target_endian = "little"))]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_PPC64LE;
#[cfg(target_arch = "s390x")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_S390X;
#[cfg(target_arch = "mips")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_MIPS;
#[cfg(target_arch = "mips64")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_MIPS64;
#[cfg(target_arch = "sparc64")]
const AUDIT_ARCH: u32 = linux_raw_sys::ptrace::AUDIT_ARCH_SPARC64;

/// A classic-BPF seccomp program: the listed system calls of this
/// architecture fail with their errno; everything else is allowed.
pub struct Filter(Vec<sock_filter>);

fn op(code: u32, jt: u8, jf: u8, k: u32) -> sock_filter {
    sock_filter {
        code: code as u16,
        jt,
        jf,
        k,
    }
}

impl Filter {
    /// Fails each system call `nr` of `rules` with its `errno`.
    pub fn fail(rules: &[(u32, u32)]) -> Filter {
        let load = |offset: usize| op(BPF_LD | BPF_W | BPF_ABS, 0, 0, offset as u32);
        let mut prog = vec![
            load(offset_of!(seccomp_data, arch)),
            // Another architecture's numbers mean other calls: allow them.
            op(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH),
            op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW),
            load(offset_of!(seccomp_data, nr)),
        ];
        for &(nr, errno) in rules {
            prog.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, nr));
            prog.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | errno));
        }
        prog.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW));
        Filter(prog)
    }

    /// Allows only the system calls in `allowed`; every other one of this
    /// architecture fails with `errno`. With only `exit_group` and `write`
    /// allowed, a function that returns without `errno` made no other call.
    pub fn allow_only(allowed: &[u32], errno: u32) -> Filter {
        let load = |offset: usize| op(BPF_LD | BPF_W | BPF_ABS, 0, 0, offset as u32);
        let mut prog = vec![
            load(offset_of!(seccomp_data, arch)),
            op(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH),
            op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW),
            load(offset_of!(seccomp_data, nr)),
        ];
        for &nr in allowed {
            prog.push(op(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, nr));
            prog.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW));
        }
        prog.push(op(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | errno));
        Filter(prog)
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
