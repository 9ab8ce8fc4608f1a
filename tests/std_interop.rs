//! rawbind beside std: its errors carried by `?` into `std::io::Error` and
//! back, and `UnixAddr` against std's own `std::os::unix::net::SocketAddr`,
//! read from sockets std bound (and rawbind read back), both ways, every
//! kind.

mod common;

use std::io;
use std::os::linux::net::SocketAddrExt;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram, UnixListener};

use rawbind::{bind, getsockname, socket, AddrError, Errno, Family, SockAddr, SockType, UnixAddr};

// ---- errors -------------------------------------------------------------------------

#[test]
fn from_io_error_gives_back_every_number_and_none_without_one() {
    for n in 1..=4095 {
        let e = Errno::from_raw(n);
        assert_eq!(Errno::from_io_error(&io::Error::from(e)), Some(e), "{n}");
        let os = io::Error::from_raw_os_error(n);
        assert_eq!(Errno::from_io_error(&os), Some(e), "{n}");
    }
    // One std made from a failed call of its own.
    let missing = std::fs::File::open("/nonexistent/rawbind").unwrap_err();
    assert_eq!(Errno::from_io_error(&missing), Some(Errno::ENOENT));
    // None where no number was ever given.
    assert_eq!(Errno::from_io_error(&io::Error::other("no number")), None);
    assert_eq!(
        Errno::from_io_error(&io::ErrorKind::InvalidInput.into()),
        None
    );
    let addr = io::Error::from(AddrError::EmptyPath);
    assert_eq!(Errno::from_io_error(&addr), None);
}

#[test]
fn question_mark_carries_both_error_types_into_io_error_and_errno() {
    fn io_result(path: &[u8]) -> io::Result<SockAddr> {
        let fd = socket(Family::Unix, SockType::Dgram, 0)?;
        bind(&fd, &UnixAddr::new(path)?)?;
        Ok(getsockname(&fd)?)
    }
    fn errno_result(path: &[u8]) -> Result<SockAddr, Errno> {
        let fd = socket(Family::Unix, SockType::Dgram, 0)?;
        bind(&fd, &UnixAddr::new(path)?)?;
        getsockname(&fd)
    }
    let too_long = [b'a'; 109];
    let e = io_result(&too_long).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    assert_eq!(
        e.to_string(),
        AddrError::PathTooLong { len: 109, max: 108 }.to_string()
    );
    assert_eq!(
        e.get_ref().and_then(|e| e.downcast_ref::<AddrError>()),
        Some(&AddrError::PathTooLong { len: 109, max: 108 })
    );
    assert_eq!(errno_result(&too_long), Err(Errno::EINVAL));
    // The kernel's error keeps its number through io::Error.
    let e = io_result(b"/nonexistent/rawbind/x.sock").unwrap_err();
    assert_eq!(Errno::from_io_error(&e), Some(Errno::ENOENT));
    assert_eq!(
        errno_result(b"/nonexistent/rawbind/x.sock"),
        Err(Errno::ENOENT)
    );
}

// ---- UnixAddr and std's SocketAddr ----------------------------------------------------

/// std's address of a socket std bound, as rawbind converts it, equals
/// what rawbind's getsockname reads from the same socket, and converts
/// back to an address std compares equal by its own accessors.
fn agrees(std_addr: &SocketAddr, fd: impl std::os::fd::AsFd) -> Result<UnixAddr, &'static str> {
    let ours =
        UnixAddr::try_from(std_addr).map_err(|_| "TryFrom<&SocketAddr> refused std's address")?;
    if getsockname(fd) != Ok(SockAddr::Unix(ours)) {
        return Err("std's address converted is not what getsockname reads");
    }
    let back = SocketAddr::try_from(&ours).map_err(|_| "TryFrom<&UnixAddr> refused it")?;
    let same = back.as_pathname() == std_addr.as_pathname()
        && back.as_abstract_name() == std_addr.as_abstract_name()
        && back.is_unnamed() == std_addr.is_unnamed();
    match same {
        true => Ok(ours),
        false => Err("converted back, std reads another address"),
    }
}

#[test]
fn std_pathname_of_107_bytes_converts_both_ways_exactly() {
    let dir = common::temp_dir("std");
    let mut path = dir.0.as_os_str().as_bytes().to_vec();
    path.push(b'/');
    path.resize(107, b'p');
    let path = std::ffi::OsStr::from_bytes(&path);
    let listener = UnixListener::bind(path).unwrap();
    let ours = agrees(&listener.local_addr().unwrap(), &listener).unwrap();
    assert_eq!(ours.as_pathname(), Some(path.as_bytes()));
    assert_eq!(ours.path(), Some(std::path::Path::new(path)));
    assert_eq!(ours.as_abstract_name(), None);
    assert!(!ours.is_unnamed());
}

/// A 1-byte relative path, bound by std in a child that works in a
/// directory of its own (the working directory is the process's).
#[test]
fn std_pathname_of_1_byte_converts_both_ways_exactly() {
    let dir = common::temp_dir("std1");
    let dir_c = std::ffi::CString::new(dir.0.as_os_str().as_bytes()).unwrap();
    let one = SocketAddr::from_pathname("a").unwrap();
    let verdict = common::child::verdict(|| {
        // SAFETY: `dir_c` is a NUL-terminated path, alive across the call.
        if unsafe { libc::chdir(dir_c.as_ptr()) } != 0 {
            return Err("chdir");
        }
        let sock = UnixDatagram::bind_addr(&one).map_err(|_| "std's bind of a")?;
        let ours = agrees(&sock.local_addr().map_err(|_| "local_addr")?, &sock)?;
        match ours.as_pathname() == Some(b"a") && ours.path() == Some(std::path::Path::new("a")) {
            true => Ok(()),
            false => Err("not the path a"),
        }
    });
    assert_eq!(verdict, Ok(()));
}

#[test]
fn std_abstract_name_with_nul_and_0xff_converts_both_ways_exactly() {
    let mut name = common::unique_name("std").into_bytes();
    name.extend_from_slice(b"\0\xff\0");
    let sock = UnixDatagram::bind_addr(&SocketAddr::from_abstract_name(&name).unwrap()).unwrap();
    let ours = agrees(&sock.local_addr().unwrap(), &sock).unwrap();
    assert_eq!(ours.as_abstract_name(), Some(&name[..]));
    assert_eq!((ours.as_pathname(), ours.path()), (None, None));
    assert!(!ours.is_unnamed());
    // And rawbind's, bound by std from the conversion, reads back the same.
    let mut other = common::unique_name("std-back").into_bytes();
    other.push(0xff);
    let ours = UnixAddr::new_abstract(&other).unwrap();
    let sock = UnixDatagram::bind_addr(&SocketAddr::try_from(&ours).unwrap()).unwrap();
    assert_eq!(getsockname(&sock), Ok(SockAddr::Unix(ours)));
}

#[test]
fn std_unnamed_converts_both_ways() {
    let sock = UnixDatagram::unbound().unwrap();
    let ours = agrees(&sock.local_addr().unwrap(), &sock).unwrap();
    assert!(ours.is_unnamed());
    assert_eq!(ours, UnixAddr::unnamed());
    assert_eq!(
        (ours.as_pathname(), ours.as_abstract_name(), ours.path()),
        (None, None, None)
    );
    assert!(SocketAddr::try_from(&UnixAddr::unnamed())
        .unwrap()
        .is_unnamed());
}

/// sun_path holds 108 bytes and the kernel binds them; std builds no
/// address that long, but reads one back from the kernel. rawbind's
/// conversion from std's is exact; to std's, a clear error, never a path
/// cut short.
#[test]
fn std_pathname_of_108_bytes_converts_exactly_or_fails_clearly() {
    let dir = common::temp_dir("std108");
    let mut path = dir.0.as_os_str().as_bytes().to_vec();
    path.push(b'/');
    path.resize(108, b'p');
    let ours = UnixAddr::new(&path).unwrap();
    let fd = socket(Family::Unix, SockType::Stream, 0).unwrap();
    bind(&fd, &ours).unwrap();
    let listener = UnixListener::from(fd);
    let std_addr = listener.local_addr().unwrap();
    assert_eq!(
        std_addr.as_pathname().map(|p| p.as_os_str().len()),
        Some(108)
    );
    assert_eq!(UnixAddr::try_from(&std_addr), Ok(ours));
    let refused = SocketAddr::try_from(&ours).unwrap_err();
    assert_eq!(refused.kind(), io::ErrorKind::InvalidInput);
    assert!(
        SocketAddr::from_pathname(std::ffi::OsStr::from_bytes(&path)).is_err(),
        "std builds a 108-byte path now: convert it instead of refusing"
    );
}
