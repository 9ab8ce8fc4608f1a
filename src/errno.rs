//! `Errno`: the error numbers the kernel returns, with this architecture's numbering.
//!
//! The variants and their numbers come from `linux_raw_sys::errno` for the target
//! architecture, so `Errno::EADDRINUSE.raw()` is 98 on x86_64, 125 on MIPS and 48
//! on SPARC. A number the headers give no name is kept in [`Errno::Unknown`].
//!
//! # Safety
//! A named variant's discriminant is its number, and `Errno` is `repr(i32)`,
//! whose layout the language defines: every variant starts with its `i32`
//! discriminant. `from_raw` and `raw` use that to convert in a few
//! instructions (a table of one byte per number up to the highest name
//! below 256), where a match over every name costs a jump table; Miri runs
//! the tests that cover every number.
#![allow(unsafe_code)]

use core::fmt;

/// The numbers: linux-raw-sys's for the target, with the one it has wrong put right.
mod numbers {
    pub(super) use linux_raw_sys::errno::*;

    /// powerpc's `<asm/errno.h>` includes the generic header, then
    /// `#undef EDEADLOCK` and `#define EDEADLOCK 58`; linux-raw-sys 0.12.1
    /// keeps the generic 35 (its bindings lose the redefinition). The tripwire
    /// fails the build once linux-raw-sys has it right, so this goes then.
    #[cfg(any(target_arch = "powerpc", target_arch = "powerpc64"))]
    pub(super) const EDEADLOCK: u32 = 58;
    #[cfg(any(target_arch = "powerpc", target_arch = "powerpc64"))]
    static_assertions::const_assert_eq!(linux_raw_sys::errno::EDEADLOCK, 35);
}

macro_rules! errno_enum {
    ($( $(#[cfg($cfg:meta)])* $name:ident => $desc:literal, )*) => {
        /// An error number returned by the kernel, named as this architecture's
        /// `<asm/errno.h>` names it.
        ///
        /// Every number survives the trip: `Errno::from_raw(n).raw() == n` for all
        /// `n`, and numbers without a name stay in [`Errno::Unknown`].
        ///
        /// ```
        /// use rawbind::Errno;
        /// let e = Errno::EADDRINUSE;
        /// assert_eq!(Errno::from_raw(e.raw()), e);
        /// assert_eq!(e.name(), "EADDRINUSE");
        /// assert_eq!(e.description(), "Address already in use");
        /// assert_eq!(Errno::from_raw(4000).raw(), 4000);
        /// assert_eq!(Errno::from_raw(4000).name(), "EUNKNOWN");
        /// ```
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(i32)]
        pub enum Errno {
            $(
                $(#[cfg($cfg)])*
                #[doc = $desc]
                $name = numbers::$name as i32,
            )*
            /// A number that has no name on this architecture, kept as it came.
            Unknown(UnknownErrno) = 0,
        }

        impl Errno {
            /// The `Errno` for error number `n` (positive, as the kernel's `-n` result negated).
            ///
            /// This is on every failing system call's path, so it is one table
            /// load and no search: a named number becomes its variant directly.
            ///
            /// ```
            /// use rawbind::Errno;
            /// assert_eq!(Errno::from_raw(Errno::EBADF.raw()), Errno::EBADF);
            /// assert!(matches!(Errno::from_raw(-1), Errno::Unknown(_)));
            /// ```
            #[inline]
            pub const fn from_raw(n: i32) -> Errno {
                // Negative numbers are above every index as `u32`; 0 has no
                // name. A number past the table reads its last entry, 0: a
                // clamp, not a branch.
                let last = Errno::TAGS.len() - 1;
                let at = if (n as u32 as usize) < last { n as usize } else { last };
                let mut tag = Errno::TAGS[at] as i32;
                if Errno::LARGE_COUNT > 0 && tag == 0 {
                    tag = Errno::large_tag(n);
                }
                // SAFETY: `Errno` is `repr(i32)`, so a fieldless variant is its
                // `i32` discriminant followed by padding, and `Unknown` is its
                // discriminant 0 followed by the `UnknownErrno`, an `i32`
                // (`repr(transparent)`). `tag` is `n` where `n` is a named
                // variant's discriminant and 0 otherwise, so the pair is
                // either that variant (the second word is padding) or
                // `Unknown(n)`: one select, not two.
                unsafe { core::mem::transmute::<[i32; 2], Errno>([tag, n]) }
            }

            /// Every named number, in the order of the list below.
            const NAMED: &'static [u32] = &[ $( $(#[cfg($cfg)])* numbers::$name, )* ];

            /// The highest named number that fits a byte (every one but mips's
            /// `EDQUOT`, 1133).
            const MAX_SMALL: usize = {
                let (mut max, mut i) = (0, 0);
                while i < Errno::NAMED.len() {
                    let n = Errno::NAMED[i];
                    if n as usize > max && n <= u8::MAX as u32 {
                        max = n as usize;
                    }
                    i += 1;
                }
                max
            };

            /// For each number up to `MAX_SMALL`, its variant's discriminant:
            /// the number itself where it has a name, 0 (`Unknown`) where not;
            /// then one more 0, which every larger number reads.
            const TAGS: [u8; Errno::MAX_SMALL + 2] = {
                let (mut tags, mut i) = ([0; Errno::MAX_SMALL + 2], 0);
                while i < Errno::NAMED.len() {
                    let n = Errno::NAMED[i];
                    if n <= u8::MAX as u32 {
                        tags[n as usize] = n as u8;
                    }
                    i += 1;
                }
                tags
            };

            /// How many named numbers do not fit a byte: one on mips, else none.
            const LARGE_COUNT: usize = {
                let (mut count, mut i) = (0, 0);
                while i < Errno::NAMED.len() {
                    if Errno::NAMED[i] > u8::MAX as u32 {
                        count += 1;
                    }
                    i += 1;
                }
                count
            };

            /// The named numbers that do not fit a byte, each with its entry
            /// in [`Errno::TEXT`].
            const LARGE: [(i32, u8); Errno::LARGE_COUNT] = {
                let (mut large, mut i, mut at) = ([(0, 0); Errno::LARGE_COUNT], 0, 0);
                while i < Errno::NAMED.len() {
                    if Errno::NAMED[i] > u8::MAX as u32 {
                        large[at] = (Errno::NAMED[i] as i32, i as u8 + 1);
                        at += 1;
                    }
                    i += 1;
                }
                large
            };

            /// `n` if it is one of [`Errno::LARGE`], else 0 (`Unknown`).
            #[inline]
            const fn large_tag(n: i32) -> i32 {
                let mut i = 0;
                while i < Errno::LARGE.len() {
                    if Errno::LARGE[i].0 == n {
                        return n;
                    }
                    i += 1;
                }
                0
            }

            /// The error number, as this architecture's kernel numbers it.
            ///
            /// ```
            /// use rawbind::Errno;
            /// // 98 on x86 and arm, 125 on mips, 48 on sparc64.
            /// let n = Errno::EADDRINUSE.raw();
            /// assert_eq!(Errno::from_raw(n), Errno::EADDRINUSE);
            /// ```
            #[inline]
            pub const fn raw(self) -> i32 {
                match self {
                    Errno::Unknown(UnknownErrno(n)) => n,
                    // SAFETY: `Errno` is `repr(i32)`, so every variant starts
                    // with its `i32` discriminant, which for a named one is its
                    // number; only those four initialized bytes are read.
                    _ => unsafe { *(&self as *const Errno as *const i32) },
                }
            }

            /// The symbolic name, such as `"EADDRINUSE"`; `"EUNKNOWN"` for a number without one.
            ///
            /// ```
            /// assert_eq!(rawbind::Errno::EACCES.name(), "EACCES");
            /// ```
            #[inline]
            pub const fn name(self) -> &'static str {
                self.text().0
            }

            /// The message glibc's `strerror` gives, such as `"Address already in use"`;
            /// `"Unknown error"` for a number without a name.
            ///
            /// ```
            /// assert_eq!(rawbind::Errno::ENOENT.description(), "No such file or directory");
            /// ```
            #[inline]
            pub const fn description(self) -> &'static str {
                self.text().1
            }

            /// `Unknown`'s name and text, then each named number's, in
            /// [`Errno::NAMED`]'s order: a number's entry is one past its
            /// place there.
            const TEXT: &'static [(&'static str, &'static str)] = &[
                ("EUNKNOWN", "Unknown error"),
                $( $(#[cfg($cfg)])* (stringify!($name), $desc), )*
            ];

            /// For each number up to `MAX_SMALL`, its entry in
            /// [`Errno::TEXT`]: 0, `Unknown`'s, where it has no name.
            const TEXT_AT: [u8; Errno::MAX_SMALL + 1] = {
                // Every entry fits a byte.
                assert!(Errno::NAMED.len() <= u8::MAX as usize);
                let (mut text_at, mut i) = ([0; Errno::MAX_SMALL + 1], 0);
                while i < Errno::NAMED.len() {
                    let n = Errno::NAMED[i];
                    if n <= u8::MAX as u32 {
                        text_at[n as usize] = i as u8 + 1;
                    }
                    i += 1;
                }
                text_at
            };

            /// This error's name and text: a table load for a number up to
            /// `MAX_SMALL`, a look through [`Errno::LARGE`] (one entry, on
            /// mips) for one above. `Unknown` never holds a named number
            /// (`from_raw` keeps them out), so it finds entry 0.
            #[inline]
            const fn text(self) -> (&'static str, &'static str) {
                let n = self.raw() as u32 as usize;
                let mut at = 0;
                if n < Errno::TEXT_AT.len() {
                    at = Errno::TEXT_AT[n] as usize;
                } else {
                    let mut i = 0;
                    while i < Errno::LARGE.len() {
                        if Errno::LARGE[i].0 as u32 as usize == n {
                            at = Errno::LARGE[i].1 as usize;
                        }
                        i += 1;
                    }
                }
                // Always in the table; the check keeps the lookup free of a panic.
                if at < Errno::TEXT.len() {
                    Errno::TEXT[at]
                } else {
                    Errno::TEXT[0]
                }
            }
        }
    };
}

// Each name's number comes from `linux_raw_sys::errno` for the target; only
// the names (in the kernel's order) and glibc 2.36's `strerror` texts are here.
// The discriminant is the number itself, so `raw()` reads the tag.
errno_enum! {
    EPERM => "Operation not permitted",
    ENOENT => "No such file or directory",
    ESRCH => "No such process",
    EINTR => "Interrupted system call",
    EIO => "Input/output error",
    ENXIO => "No such device or address",
    E2BIG => "Argument list too long",
    ENOEXEC => "Exec format error",
    EBADF => "Bad file descriptor",
    ECHILD => "No child processes",
    EAGAIN => "Resource temporarily unavailable",
    ENOMEM => "Cannot allocate memory",
    EACCES => "Permission denied",
    EFAULT => "Bad address",
    ENOTBLK => "Block device required",
    EBUSY => "Device or resource busy",
    EEXIST => "File exists",
    EXDEV => "Invalid cross-device link",
    ENODEV => "No such device",
    ENOTDIR => "Not a directory",
    EISDIR => "Is a directory",
    EINVAL => "Invalid argument",
    ENFILE => "Too many open files in system",
    EMFILE => "Too many open files",
    ENOTTY => "Inappropriate ioctl for device",
    ETXTBSY => "Text file busy",
    EFBIG => "File too large",
    ENOSPC => "No space left on device",
    ESPIPE => "Illegal seek",
    EROFS => "Read-only file system",
    EMLINK => "Too many links",
    EPIPE => "Broken pipe",
    EDOM => "Numerical argument out of domain",
    ERANGE => "Numerical result out of range",
    EDEADLK => "Resource deadlock avoided",
    // Its own number only where the architecture's header gives it one.
    #[cfg(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    ))]
    EDEADLOCK => "File locking deadlock error",
    ENAMETOOLONG => "File name too long",
    ENOLCK => "No locks available",
    ENOSYS => "Function not implemented",
    ENOTEMPTY => "Directory not empty",
    ELOOP => "Too many levels of symbolic links",
    ENOMSG => "No message of desired type",
    EIDRM => "Identifier removed",
    ECHRNG => "Channel number out of range",
    EL2NSYNC => "Level 2 not synchronized",
    EL3HLT => "Level 3 halted",
    EL3RST => "Level 3 reset",
    ELNRNG => "Link number out of range",
    EUNATCH => "Protocol driver not attached",
    ENOCSI => "No CSI structure available",
    EL2HLT => "Level 2 halted",
    EBADE => "Invalid exchange",
    EBADR => "Invalid request descriptor",
    EXFULL => "Exchange full",
    ENOANO => "No anode",
    EBADRQC => "Invalid request code",
    EBADSLT => "Invalid slot",
    EBFONT => "Bad font file format",
    ENOSTR => "Device not a stream",
    ENODATA => "No data available",
    ETIME => "Timer expired",
    ENOSR => "Out of streams resources",
    ENONET => "Machine is not on the network",
    ENOPKG => "Package not installed",
    EREMOTE => "Object is remote",
    ENOLINK => "Link has been severed",
    EADV => "Advertise error",
    ESRMNT => "Srmount error",
    ECOMM => "Communication error on send",
    EPROTO => "Protocol error",
    EMULTIHOP => "Multihop attempted",
    EDOTDOT => "RFS specific error",
    EBADMSG => "Bad message",
    EOVERFLOW => "Value too large for defined data type",
    ENOTUNIQ => "Name not unique on network",
    EBADFD => "File descriptor in bad state",
    EREMCHG => "Remote address changed",
    ELIBACC => "Can not access a needed shared library",
    ELIBBAD => "Accessing a corrupted shared library",
    ELIBSCN => ".lib section in a.out corrupted",
    ELIBMAX => "Attempting to link in too many shared libraries",
    ELIBEXEC => "Cannot exec a shared library directly",
    EILSEQ => "Invalid or incomplete multibyte or wide character",
    ERESTART => "Interrupted system call should be restarted",
    ESTRPIPE => "Streams pipe error",
    EUSERS => "Too many users",
    ENOTSOCK => "Socket operation on non-socket",
    EDESTADDRREQ => "Destination address required",
    EMSGSIZE => "Message too long",
    EPROTOTYPE => "Protocol wrong type for socket",
    ENOPROTOOPT => "Protocol not available",
    EPROTONOSUPPORT => "Protocol not supported",
    ESOCKTNOSUPPORT => "Socket type not supported",
    EOPNOTSUPP => "Operation not supported",
    EPFNOSUPPORT => "Protocol family not supported",
    EAFNOSUPPORT => "Address family not supported by protocol",
    EADDRINUSE => "Address already in use",
    EADDRNOTAVAIL => "Cannot assign requested address",
    ENETDOWN => "Network is down",
    ENETUNREACH => "Network is unreachable",
    ENETRESET => "Network dropped connection on reset",
    ECONNABORTED => "Software caused connection abort",
    ECONNRESET => "Connection reset by peer",
    ENOBUFS => "No buffer space available",
    EISCONN => "Transport endpoint is already connected",
    ENOTCONN => "Transport endpoint is not connected",
    ESHUTDOWN => "Cannot send after transport endpoint shutdown",
    ETOOMANYREFS => "Too many references: cannot splice",
    ETIMEDOUT => "Connection timed out",
    ECONNREFUSED => "Connection refused",
    EHOSTDOWN => "Host is down",
    EHOSTUNREACH => "No route to host",
    EALREADY => "Operation already in progress",
    EINPROGRESS => "Operation now in progress",
    ESTALE => "Stale file handle",
    EUCLEAN => "Structure needs cleaning",
    ENOTNAM => "Not a XENIX named type file",
    ENAVAIL => "No XENIX semaphores available",
    EISNAM => "Is a named type file",
    EREMOTEIO => "Remote I/O error",
    EDQUOT => "Disk quota exceeded",
    ENOMEDIUM => "No medium found",
    EMEDIUMTYPE => "Wrong medium type",
    ECANCELED => "Operation canceled",
    ENOKEY => "Required key not available",
    EKEYEXPIRED => "Key has expired",
    EKEYREVOKED => "Key has been revoked",
    EKEYREJECTED => "Key was rejected by service",
    EOWNERDEAD => "Owner died",
    ENOTRECOVERABLE => "State not recoverable",
    ERFKILL => "Operation not possible due to RF-kill",
    EHWPOISON => "Memory page has hardware error",
    #[cfg(any(target_arch = "mips", target_arch = "mips64"))]
    EINIT => "Reserved EINIT",
    #[cfg(any(target_arch = "mips", target_arch = "mips64"))]
    EREMDEV => "Reserved EREMDEV",
    #[cfg(target_arch = "sparc64")]
    EPROCLIM => "Too many processes",
    #[cfg(target_arch = "sparc64")]
    ERREMOTE => "Too many levels of remote in path",
}

/// An error number with no name on this architecture. Made only by
/// [`Errno::from_raw`], so a named number never hides in here.
///
/// ```
/// use rawbind::Errno;
/// assert!(matches!(Errno::from_raw(4000), Errno::Unknown(_)));
/// assert_eq!(format!("{:?}", Errno::from_raw(4000)), "Unknown(4000)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct UnknownErrno(i32);

impl UnknownErrno {
    /// The number, as the kernel returned it.
    ///
    /// ```
    /// use rawbind::Errno;
    /// match Errno::from_raw(4000) {
    ///     Errno::Unknown(n) => assert_eq!(n.raw(), 4000),
    ///     other => panic!("4000 has a name: {other}"),
    /// }
    /// ```
    pub const fn raw(self) -> i32 {
        self.0
    }
}

impl fmt::Debug for UnknownErrno {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Errno {
    /// `EWOULDBLOCK`: the same number as [`Errno::EAGAIN`] on every Linux architecture.
    ///
    /// ```
    /// assert_eq!(rawbind::Errno::EWOULDBLOCK, rawbind::Errno::EAGAIN);
    /// ```
    pub const EWOULDBLOCK: Errno = Errno::from_raw(numbers::EWOULDBLOCK as i32);
    /// `EDEADLOCK`: the same number as [`Errno::EDEADLK`] on this architecture
    /// (mips, sparc64 and powerpc give it a number and a variant of its own).
    ///
    /// ```
    /// assert_eq!(rawbind::Errno::EDEADLOCK, rawbind::Errno::EDEADLK);
    /// ```
    #[cfg(not(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    )))]
    pub const EDEADLOCK: Errno = Errno::from_raw(numbers::EDEADLOCK as i32);
    /// `ENOTSUP`: the C library's alias of [`Errno::EOPNOTSUPP`].
    ///
    /// ```
    /// assert_eq!(rawbind::Errno::ENOTSUP.name(), "EOPNOTSUPP");
    /// ```
    pub const ENOTSUP: Errno = Errno::EOPNOTSUPP;
}

impl fmt::Debug for Errno {
    /// The name, or `Unknown(n)`.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Errno::Unknown(n) => write!(f, "Unknown({})", n.0),
            named => f.write_str(named.name()),
        }
    }
}

impl fmt::Display for Errno {
    /// `EADDRINUSE: Address already in use`, or `error 4000: Unknown error`.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Errno::Unknown(n) => write!(f, "error {}: Unknown error", n.0),
            named => write!(f, "{}: {}", named.name(), named.description()),
        }
    }
}

impl core::error::Error for Errno {}

#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<Errno> for std::io::Error {
    /// An OS error with the same number, so `kind()` is what std gives for it.
    ///
    /// ```
    /// fn listen_on_nothing() -> std::io::Result<()> {
    ///     let fd = rawbind::socket(rawbind::Family::Inet, rawbind::SockType::Dgram, 0)?;
    ///     rawbind::listen(&fd, 1)?; // a datagram socket: EOPNOTSUPP, as an io::Error
    ///     Ok(())
    /// }
    /// let e = listen_on_nothing().unwrap_err();
    /// assert_eq!(e.raw_os_error(), Some(rawbind::Errno::EOPNOTSUPP.raw()));
    /// ```
    fn from(e: Errno) -> std::io::Error {
        std::io::Error::from_raw_os_error(e.raw())
    }
}

#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl Errno {
    /// The `Errno` an `std::io::Error` carries: `Some` for one made from an
    /// OS error number (by std from a failed call, by
    /// `io::Error::from_raw_os_error`, or from an `Errno` by `From`), with
    /// every number kept as [`Errno::from_raw`] keeps it; `None` for an error
    /// std or a library made with a kind and message and no number.
    ///
    /// ```
    /// use rawbind::Errno;
    /// use std::io;
    /// assert_eq!(Errno::from_io_error(&io::Error::from(Errno::EADDRINUSE)), Some(Errno::EADDRINUSE));
    /// let refused = io::Error::from_raw_os_error(Errno::ECONNREFUSED.raw());
    /// assert_eq!(Errno::from_io_error(&refused), Some(Errno::ECONNREFUSED));
    /// assert_eq!(Errno::from_io_error(&io::Error::other("not from the kernel")), None);
    /// ```
    #[inline]
    pub fn from_io_error(e: &std::io::Error) -> Option<Errno> {
        e.raw_os_error().map(Errno::from_raw)
    }
}
