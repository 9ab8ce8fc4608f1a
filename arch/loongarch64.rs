//! loongarch64: `syscall 0`.
//!
//! | instruction | number | arguments              | result | clobbered    |
//! |-------------|--------|------------------------|--------|--------------|
//! | `syscall 0` | a7     | a0, a1, a2, a3, a4, a5 | a0     | $t0 … $t8    |
//!
//! The kernel's syscall entry uses the temporaries $t0-$t8 (r12-r20) as
//! scratch before it saves anything and does not restore them, so every stub
//! declares them clobbered; every other register but a0 survives. LoongArch
//! has no condition flags.
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
    instruction: "syscall 0",
    number: "$a7",
    arguments: ["$a0", "$a1", "$a2", "$a3", "$a4", "$a5"],
    result: "$a0",
    clobbered: ["$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8"],
}
