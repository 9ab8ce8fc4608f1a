//! `Errno`: numbers, names and descriptions against libc's constants and
//! glibc's `strerror` texts, the aliases, `std::io::Error` interop, and the
//! `Display`/`Debug` forms.
//!
//! libc is an oracle through its constants only (no `strerror`, no FFI), so
//! this runs under Miri.

use std::collections::HashSet;
use std::io::ErrorKind;

use rawbind::Errno;

/// `(variant, libc's number, the constant's name)` for every name rawbind
/// gives a variant on every architecture.
macro_rules! named {
    ($($name:ident),* $(,)?) => {
        &[$((Errno::$name, libc::$name, stringify!($name)),)*]
    };
}

const NAMED: &[(Errno, i32, &str)] = named! {
    EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM,
    EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE,
    EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE,
    EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ELOOP, ENOMSG, EIDRM, ECHRNG, EL2NSYNC,
    EL3HLT, EL3RST, ELNRNG, EUNATCH, ENOCSI, EL2HLT, EBADE, EBADR, EXFULL, ENOANO, EBADRQC,
    EBADSLT, EBFONT, ENOSTR, ENODATA, ETIME, ENOSR, ENONET, ENOPKG, EREMOTE, ENOLINK, EADV,
    ESRMNT, ECOMM, EPROTO, EMULTIHOP, EDOTDOT, EBADMSG, EOVERFLOW, ENOTUNIQ, EBADFD, EREMCHG,
    ELIBACC, ELIBBAD, ELIBSCN, ELIBMAX, ELIBEXEC, EILSEQ, ERESTART, ESTRPIPE, EUSERS, ENOTSOCK,
    EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT, EPROTONOSUPPORT, ESOCKTNOSUPPORT,
    EOPNOTSUPP, EPFNOSUPPORT, EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETDOWN, ENETUNREACH,
    ENETRESET, ECONNABORTED, ECONNRESET, ENOBUFS, EISCONN, ENOTCONN, ESHUTDOWN, ETOOMANYREFS,
    ETIMEDOUT, ECONNREFUSED, EHOSTDOWN, EHOSTUNREACH, EALREADY, EINPROGRESS, ESTALE, EUCLEAN,
    ENOTNAM, ENAVAIL, EISNAM, EREMOTEIO, EDQUOT, ENOMEDIUM, EMEDIUMTYPE, ECANCELED, ENOKEY,
    EKEYEXPIRED, EKEYREVOKED, EKEYREJECTED, EOWNERDEAD, ENOTRECOVERABLE, ERFKILL, EHWPOISON,
};

/// Names rawbind has only on some architectures (MIPS, SPARC; EDEADLOCK where
/// its number is not EDEADLK's: MIPS, SPARC, powerpc).
const ARCH_ONLY: &[&str] = &["EINIT", "EREMDEV", "EPROCLIM", "ERREMOTE", "EDEADLOCK"];

/// `(variant, libc's number, glibc's strerror text)` for common errors.
macro_rules! described {
    ($($name:ident => $desc:literal,)*) => {
        &[$((Errno::$name, libc::$name, $desc),)*]
    };
}

const GLIBC_TEXT: &[(Errno, i32, &str)] = described! {
    EPERM => "Operation not permitted",
    ENOENT => "No such file or directory",
    ESRCH => "No such process",
    EINTR => "Interrupted system call",
    EIO => "Input/output error",
    ENXIO => "No such device or address",
    E2BIG => "Argument list too long",
    EBADF => "Bad file descriptor",
    ECHILD => "No child processes",
    EAGAIN => "Resource temporarily unavailable",
    ENOMEM => "Cannot allocate memory",
    EACCES => "Permission denied",
    EFAULT => "Bad address",
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
    ENOSPC => "No space left on device",
    EROFS => "Read-only file system",
    EPIPE => "Broken pipe",
    ERANGE => "Numerical result out of range",
    EDEADLK => "Resource deadlock avoided",
    ENAMETOOLONG => "File name too long",
    ENOSYS => "Function not implemented",
    ENOTEMPTY => "Directory not empty",
    ELOOP => "Too many levels of symbolic links",
    EOVERFLOW => "Value too large for defined data type",
    EILSEQ => "Invalid or incomplete multibyte or wide character",
    ENOTSOCK => "Socket operation on non-socket",
    EDESTADDRREQ => "Destination address required",
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
    ECONNABORTED => "Software caused connection abort",
    ECONNRESET => "Connection reset by peer",
    ENOBUFS => "No buffer space available",
    EISCONN => "Transport endpoint is already connected",
    ENOTCONN => "Transport endpoint is not connected",
    ETIMEDOUT => "Connection timed out",
    ECONNREFUSED => "Connection refused",
    EHOSTUNREACH => "No route to host",
    EALREADY => "Operation already in progress",
    EINPROGRESS => "Operation now in progress",
};

fn is_unknown(e: Errno) -> bool {
    matches!(e, Errno::Unknown(_))
}

#[test]
fn every_number_survives_from_raw_raw() {
    for n in 1..=4095 {
        assert_eq!(Errno::from_raw(n).raw(), n);
    }
    for n in [0, -1, -4095, 4096, i32::MAX, i32::MIN] {
        assert_eq!(Errno::from_raw(n).raw(), n);
    }
}

#[test]
fn named_variants_are_libc_constants() {
    for &(e, n, name) in NAMED {
        assert_eq!(e.raw(), n, "{name}");
        assert_eq!(e.name(), name);
        assert_eq!(Errno::from_raw(n), e, "{name}");
        assert!(!is_unknown(e), "{name}");
    }
}

#[test]
fn every_named_number_has_a_proper_name_and_description() {
    let table: HashSet<&str> = NAMED.iter().map(|&(_, _, name)| name).collect();
    let mut seen = HashSet::new();
    for n in 1..=4095 {
        let e = Errno::from_raw(n);
        if is_unknown(e) {
            continue;
        }
        let name = e.name();
        assert!(name.starts_with('E') && name.len() > 1, "{n}: {name}");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
            "{n}: {name}"
        );
        assert!(
            table.contains(name) || ARCH_ONLY.contains(&name),
            "{n}: {name} is not in the libc table"
        );
        assert!(seen.insert(name), "{name} names two numbers");
        let desc = e.description();
        assert!(!desc.is_empty(), "{name}");
        assert_ne!(desc, "Unknown error", "{name}");
        assert_eq!(format!("{e:?}"), name);
        assert_eq!(e.to_string(), format!("{name}: {desc}"));
    }
    // And nothing in the table is missing from 1..=4095.
    for &(_, _, name) in NAMED {
        assert!(seen.contains(name), "{name} never came out of from_raw");
    }
}

#[test]
fn descriptions_are_glibcs() {
    assert!(GLIBC_TEXT.len() >= 30);
    for &(e, n, desc) in GLIBC_TEXT {
        assert_eq!(Errno::from_raw(n), e);
        assert_eq!(e.description(), desc, "{}", e.name());
    }
}

#[test]
fn unnamed_numbers_are_unknown() {
    let mut unnamed = vec![0, -1, 4000, 4095, 4096, i32::MAX, i32::MIN];
    // The holes in x86_64's numbering: 41 (between ELOOP and ENOMSG) and 58
    // (between EBADSLT and EBFONT; EDEADLOCK is 35 there, not 58).
    if cfg!(target_arch = "x86_64") {
        unnamed.extend([41, 58]);
    }
    for n in unnamed {
        let e = Errno::from_raw(n);
        match e {
            Errno::Unknown(u) => assert_eq!(u.raw(), n),
            other => panic!("{n} has a name: {other:?}"),
        }
        assert_eq!(e.name(), "EUNKNOWN");
        assert_eq!(e.description(), "Unknown error");
        assert_eq!(e.raw(), n);
        assert_eq!(format!("{e:?}"), format!("Unknown({n})"));
        assert_eq!(e.to_string(), format!("error {n}: Unknown error"));
    }
}

#[test]
fn aliases() {
    assert_eq!(Errno::EWOULDBLOCK, Errno::EAGAIN);
    assert_eq!(Errno::EWOULDBLOCK.raw(), libc::EWOULDBLOCK);
    assert_eq!(Errno::EDEADLOCK, Errno::from_raw(libc::EDEADLOCK));
    assert_eq!(Errno::EDEADLOCK.raw(), libc::EDEADLOCK);
    assert_eq!(Errno::ENOTSUP, Errno::EOPNOTSUPP);
    assert_eq!(Errno::ENOTSUP.raw(), libc::ENOTSUP);
    if cfg!(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    )) {
        // A number of its own, with its own name: 56 on MIPS, 108 on SPARC, 58 on powerpc.
        assert_ne!(Errno::EDEADLOCK, Errno::EDEADLK);
        assert_eq!(Errno::EDEADLOCK.name(), "EDEADLOCK");
    } else {
        assert_eq!(Errno::EDEADLOCK, Errno::EDEADLK);
    }
}

#[test]
fn into_io_error() {
    let cases = [
        (Errno::EADDRINUSE, ErrorKind::AddrInUse),
        (Errno::EADDRNOTAVAIL, ErrorKind::AddrNotAvailable),
        (Errno::EACCES, ErrorKind::PermissionDenied),
        (Errno::EPERM, ErrorKind::PermissionDenied),
        (Errno::ENOENT, ErrorKind::NotFound),
        (Errno::EINVAL, ErrorKind::InvalidInput),
        (Errno::EAGAIN, ErrorKind::WouldBlock),
        (Errno::EINTR, ErrorKind::Interrupted),
    ];
    for (e, kind) in cases {
        let io = std::io::Error::from(e);
        assert_eq!(io.kind(), kind, "{e:?}");
        assert_eq!(io.raw_os_error(), Some(e.raw()));
        assert_eq!(Errno::from_raw(io.raw_os_error().unwrap()), e);
    }
    let io = std::io::Error::from(Errno::from_raw(4000));
    assert_eq!(io.raw_os_error(), Some(4000));
}

#[test]
fn display_and_debug() {
    assert_eq!(format!("{:?}", Errno::EADDRINUSE), "EADDRINUSE");
    assert_eq!(format!("{:?}", Errno::from_raw(4000)), "Unknown(4000)");
    assert_eq!(
        Errno::EADDRINUSE.to_string(),
        "EADDRINUSE: Address already in use"
    );
    assert_eq!(
        Errno::from_raw(4000).to_string(),
        "error 4000: Unknown error"
    );
    assert_eq!(Errno::EADDRINUSE.name(), "EADDRINUSE");
    assert_eq!(Errno::EADDRINUSE.description(), "Address already in use");
    // Usable as a `dyn Error`.
    let boxed: Box<dyn std::error::Error> = Box::new(Errno::EACCES);
    assert_eq!(boxed.to_string(), "EACCES: Permission denied");
}

#[test]
fn hash_eq_copy() {
    let e = Errno::EADDRINUSE;
    let copy = e;
    assert_eq!(e, copy); // `e` is still usable: Copy.
    let set: HashSet<Errno> = [
        Errno::EAGAIN,
        Errno::EWOULDBLOCK,
        Errno::EADDRINUSE,
        Errno::from_raw(libc::EADDRINUSE),
        Errno::from_raw(4000),
        Errno::from_raw(4000),
        Errno::from_raw(4001),
    ]
    .into_iter()
    .collect();
    assert_eq!(set.len(), 4);
    assert!(set.contains(&Errno::from_raw(libc::EAGAIN)));
    assert!(set.contains(&Errno::from_raw(4000)));
    assert!(!set.contains(&Errno::from_raw(4002)));
    assert_ne!(Errno::from_raw(4000), Errno::from_raw(4001));
    assert_ne!(Errno::EACCES, Errno::EPERM);
}
