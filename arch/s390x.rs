//! s390x: `svc 0`.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `svc 0`     | r1     | r2, r3, r4, r5, r6, r7 | r2     | none      |
//!
//! The kernel restores every register but r2, and returns through the PSW it
//! saved at `svc`, so the condition code comes back unchanged. `svc 0` takes
//! the number from r1; the number could also sit in the instruction for calls
//! below 256, but one form serves every call. r6 and r7 are callee-saved in
//! the s390x ELF ABI; as asm operands they are saved and restored by the
//! compiler around the function that uses them, so no stub saves them itself.
//!
//! `mmap` is the old one-argument form here: it takes the address of its six
//! argument words, so it goes through `syscall1`, not `syscall6`.
//!
//! # Safety
//! `syscallN(nr, a0, …)` makes system call `nr` with its N arguments and
//! returns the result register: the call's value, or `-errno` in
//! `-4095..=-1`. The caller upholds call `nr`'s own contract: the memory it
//! reads or writes, the descriptors it uses.

use linux_raw_sys::general::{__NR_bind, __NR_socketcall};
use linux_raw_sys::net::SYS_BIND;
use static_assertions::const_assert_eq;

// bind(2)'s two entries, as the kernel's syscall.tbl and linux/net.h give
// them: its own number (Linux 4.3+), and socketcall(2) with sub-call SYS_BIND.
const_assert_eq!(__NR_bind, 361);
const_assert_eq!(__NR_socketcall, 102);
const_assert_eq!(SYS_BIND, 2);

register_stubs! {
    instruction: "svc 0",
    number: "r1",
    arguments: ["r2", "r3", "r4", "r5", "r6", "r7"],
    result: "r2",
    clobbered: [],
}
