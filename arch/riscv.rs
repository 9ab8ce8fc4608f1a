//! riscv64 and riscv32: `ecall`.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `ecall`     | a7     | a0, a1, a2, a3, a4, a5 | a0     | none      |
//!
//! The kernel preserves every register but a0. RISC-V has no condition flags.
//! The two widths share the ABI, registers and numbers: a register is a
//! `usize` either way.
//!
//! # Safety
//! `syscallN(nr, a0, …)` makes system call `nr` with its N arguments and
//! returns the result register: the call's value, or `-errno` in
//! `-4095..=-1`. The caller upholds call `nr`'s own contract: the memory it
//! reads or writes, the descriptors it uses.

use linux_raw_sys::general::__NR_bind;
use static_assertions::const_assert_eq;

// bind(2)'s entry, as the kernel's generic unistd.h gives it.
const_assert_eq!(__NR_bind, 200);

register_stubs! {
    instruction: "ecall",
    number: "a7",
    arguments: ["a0", "a1", "a2", "a3", "a4", "a5"],
    result: "a0",
    clobbered: [],
}
