//! aarch64: `svc 0`.
//!
//! | instruction | number | arguments              | result | clobbered |
//! |-------------|--------|------------------------|--------|-----------|
//! | `svc 0`     | x8     | x0, x1, x2, x3, x4, x5 | x0     | none      |
//!
//! The kernel preserves every register but x0, and the condition flags.
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
    instruction: "svc 0",
    number: "x8",
    arguments: ["x0", "x1", "x2", "x3", "x4", "x5"],
    result: "x0",
    clobbered: [],
}
