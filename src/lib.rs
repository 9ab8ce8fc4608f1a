//! rawbind makes Linux's `bind(2)`, and the calls a bound socket needs
//! around it (`socket`, `getsockname`, `listen`, `accept4`, `connect`,
//! `getpeername`, `shutdown`, the socket options a bind needs, close-on-exec
//! and non-blocking, a Unix socket file's mode and removal), directly through
//! the kernel's system-call instruction: no libc, `#![no_std]`.
//!
//! It is for static and no_std binaries (init systems, container entry
//! points, sandboxes, runtimes without libc), for code cross-tested under QEMU
//! user mode, and as a small, exact reference for writing other syscall
//! wrappers.
//!
//! ```
//! use rawbind::{bind, getsockname, socket, Family, SockAddr, SockType};
//!
//! let fd = socket(Family::Inet, SockType::Stream, 0)?;
//! bind(&fd, &"127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap())?;
//! let bound = getsockname(&fd)?;
//! println!("bound {bound}, strace would show {}", bound.strace());
//! # Ok::<(), rawbind::Errno>(())
//! ```
//!
//! # Layers
//! - [`raw`]: the architecture's `syscall0`..`syscall6`, [`raw::check`] (the
//!   one place a raw result becomes an [`Errno`]), [`raw::socket_call`] (the
//!   one dispatcher every socket call goes through) and [`raw::bind`] for
//!   callers with their own `sockaddr` bytes.
//! - [`SockAddr`], [`UnixAddr`], [`LinkAddr`], [`NetlinkAddr`],
//!   [`VsockAddr`]: addresses, serialized with the exact `addrlen`, decoded
//!   back from what the kernel returns, and written as text that `FromStr`
//!   reads back exactly.
//! - [`socket`], [`bind`], [`getsockname`], [`listen`], [`accept`],
//!   [`connect`], [`getpeername`], [`shutdown`] and the socket options: typed
//!   calls on [`fd`]'s descriptors.
//! - [`SocketFlags`] for [`socket_with`], [`accept_with`] and
//!   [`accept_without_addr`], and
//!   [`set_cloexec`], [`set_nonblocking`] and their getters: close-on-exec and
//!   non-blocking, at creation and after.
//! - [`bind_with_mode`] and [`unlink`]: a pathname socket's file, made with
//!   the mode asked for, and removed.
//!
//! # Architectures
//! x86_64, i386, aarch64, arm, riscv64, riscv32, loongarch64, powerpc,
//! powerpc64 (both endians), s390x, mips (o32), mips64 (n64) and sparc64,
//! each with its `arch/` file of inline asm; the README's table says how each
//! is verified. Where the architecture also has `socketcall(2)` (i386,
//! powerpc, s390x, mips, sparc64) socket calls take their own numbers (bind
//! is 361 on i386) and retry an `ENOSYS` through `socketcall`, which they
//! all take from the first retry that succeeds;
//! `--cfg rawbind_direct` or `--cfg rawbind_socketcall` pins one entry (see
//! the README). mips, mips64 and sparc64 need nightly (their inline asm is
//! behind `asm_experimental_arch`, which the crate enables for them).
//!
//! # Numbers
//! Every syscall number, constant, errno value and struct layout comes from
//! `linux-raw-sys` for the target architecture; `const_assert_eq!` tripwires
//! restate bind's entry in each `arch/` file, and the sizes and offsets of
//! every address layout.
//!
//! # Safety model
//! The crate root denies `unsafe_code`. Only `raw` (with `arch/`), `errno`
//! (the `repr(i32)` layout of [`Errno`]) and, without `std`, `fd` allow it;
//! each says why in its module docs, and every `unsafe` block names the
//! contract it relies on. The typed calls are safe code over `raw`'s safe
//! entries.
//!
//! # Features
//! - `std` (default): [`fd`] re-exports `std::os::fd`'s types; `?` carries
//!   an [`Errno`] or an [`AddrError`] into `std::io::Error`, and
//!   `Errno::from_io_error` reads one back; `UnixAddr::from_path`,
//!   `UnixAddr::path` and conversions with
//!   `std::os::unix::net::SocketAddr`.
//! - Without `std` the crate is `core` only, with [`fd`]'s own descriptor
//!   types of the same names and semantics.
//!
//! # Where libc remains
//! rawbind's own system calls never go through libc, in either build. With
//! `std`, though, the descriptors are std's, and std links libc: dropping an
//! `OwnedFd` calls std's `close`, which is the C library's `close(3)` (glibc's
//! on `-gnu` targets), and the program starts through libc as every std
//! program does. A program with no libc at all builds rawbind with
//! `default-features = false` (as `examples/static_bind` does), where
//! [`fd::OwnedFd`] closes through rawbind's own `close(2)`.
//!
//! # MSRV
//! Rust 1.81 (`core::net`, `core::error::Error`), declared as `rust-version`
//! and tested by the harness (`cargo xtask test`), which builds the crate and runs its native
//! test suite with that toolchain.
#![no_std]
// Inline asm on these architectures is still behind a feature gate; they
// build with a nightly toolchain (and -Zbuild-std: rustup ships no std for them).
#![cfg_attr(
    any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"),
    feature(asm_experimental_arch)
)]
// docs.rs (`--cfg docsrs`, nightly rustdoc) badges the items only the
// `std` feature has.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(unsafe_code)]
#![deny(missing_docs, unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

mod addr;
mod errno;
mod family;
pub mod fd;
mod flags;
mod option;
pub mod raw;
mod socket;
mod unix_file;

/// The README's examples, compiled and run as doctests (with `std`, the
/// build the README shows).
#[cfg(all(doctest, feature = "std"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use addr::{
    AddrError, AsSockAddr, FromSockAddr, LinkAddr, NetlinkAddr, RawSockAddr, SockAddr, UnixAddr,
    UnixAddrKind, VsockAddr,
};
pub use errno::{Errno, UnknownErrno};
pub use family::{Family, SockType, UnknownFamily, UnknownSockType};
pub use flags::{cloexec, nonblocking, set_cloexec, set_nonblocking, SocketFlags};
pub use option::{
    bind_device, bind_device_by_index, device, device_index, ip_bind_address_no_port, ip_freebind,
    ip_transparent, ipv6_freebind, ipv6_only, ipv6_transparent, is_listening, reuse_addr,
    reuse_port, set_ip_bind_address_no_port, set_ip_freebind, set_ip_transparent,
    set_ipv6_freebind, set_ipv6_only, set_ipv6_transparent, set_reuse_addr, set_reuse_port,
    socket_family, socket_protocol, socket_type, take_error, InterfaceName,
};
pub use socket::{
    accept, accept_with, accept_without_addr, bind, connect, getpeername, getpeername_as,
    getsockname, getsockname_as, listen, shutdown, socket, socket_with, Shutdown,
};
pub use unix_file::{bind_with_mode, unlink};
