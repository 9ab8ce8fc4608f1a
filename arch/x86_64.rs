//! x86_64: `syscall`.
//!
//! | instruction | number | arguments                  | result | clobbered |
//! |-------------|--------|----------------------------|--------|-----------|
//! | `syscall`   | rax    | rdi, rsi, rdx, r10, r8, r9 | rax    | rcx, r11  |
//!
//! The fourth argument is in r10, not the function-call ABI's rcx: `syscall`
//! itself overwrites rcx (the return address) and r11 (rflags). The kernel
//! preserves every other register.
//!
//! # Safety
//! `syscallN(nr, a0, …)` makes system call `nr` with its N arguments and
//! returns the result register: the call's value, or `-errno` in
//! `-4095..=-1`. The caller upholds call `nr`'s own contract: the memory it
//! reads or writes, the descriptors it uses.

use linux_raw_sys::general::__NR_bind;
use static_assertions::const_assert_eq;

// bind(2)'s entry, as the kernel's syscall_64.tbl gives it.
const_assert_eq!(__NR_bind, 49);

register_stubs! {
    instruction: "syscall",
    number: "rax",
    arguments: ["rdi", "rsi", "rdx", "r10", "r8", "r9"],
    result: "rax",
    clobbered: ["rcx", "r11"],
}
