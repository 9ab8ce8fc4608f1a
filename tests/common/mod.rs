//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod child;
pub mod seccomp;
pub mod strategies;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// Records that test `name` could not check its claim here, and why.
///
/// libtest has no runtime skip, so the test returns (and libtest counts it as
/// passed); the line appended to `$RAWBIND_SKIP_LOG` lets the harness
/// (`cargo xtask test`) count it as skipped instead. Call it, then `return`.
pub fn skip(name: &str, why: &str) {
    eprintln!("SKIPPED {name}: {why}");
    if let Some(log) = std::env::var_os("RAWBIND_SKIP_LOG") {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("open RAWBIND_SKIP_LOG");
        // One write, so that skips logged at once by parallel tests never interleave.
        f.write_all(format!("{name}\t{why}\n").as_bytes())
            .expect("write RAWBIND_SKIP_LOG");
    }
}

/// `rawbind-TAG-PID-N-NANOS`: a name no other call, test or process uses.
/// QEMU runs share the host's files and abstract namespace, so names of
/// paths and abstract sockets must never repeat.
pub fn unique_name(tag: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("rawbind-{tag}-{}-{n}-{nanos}", std::process::id())
}

/// A new, empty directory with a [`unique_name`], under the system temp dir.
pub fn temp_dir(tag: &str) -> TempDir {
    let path = std::env::temp_dir().join(unique_name(tag));
    std::fs::create_dir(&path).expect("create temp dir");
    TempDir(path)
}

/// 127.0.0.1, port 0: the kernel picks a free port.
pub fn loopback_v4() -> rawbind::SockAddr {
    rawbind::SockAddr::V4(std::net::SocketAddrV4::new(
        std::net::Ipv4Addr::LOCALHOST,
        0,
    ))
}

/// A directory removed, with its contents, on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `name` inside the directory.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether the process runs as root (uid 0).
pub fn is_root() -> bool {
    // SAFETY: getuid has no preconditions.
    unsafe { libc::getuid() == 0 }
}

/// The emulator the tests run under (`qemu-aarch64 10.0`), as the runner
/// announces it in `RAWBIND_QEMU` (the harness, or `.cargo/config.toml`'s
/// runner), or `None` when they run natively.
pub fn under_qemu() -> Option<String> {
    std::env::var("RAWBIND_QEMU").ok().filter(|q| !q.is_empty())
}

/// A command that runs this test program again, for a test that needs a
/// fresh process (an `execve`): the program itself natively, or, under QEMU
/// user mode (which cannot run a guest program by itself without
/// binfmt_misc), the emulator `RAWBIND_QEMU` names with the program as its
/// argument; the emulator finds the guest's libc through the
/// `QEMU_LD_PREFIX` it inherits.
pub fn self_command() -> std::process::Command {
    let exe = std::env::current_exe().expect("the test program's path");
    match under_qemu() {
        Some(qemu) => {
            let emulator = qemu.split(' ').next().unwrap_or(&qemu).to_owned();
            let mut cmd = std::process::Command::new(emulator);
            cmd.arg(exe);
            cmd
        }
        None => std::process::Command::new(exe),
    }
}

/// libc's `getsockname` or `getpeername`, which fill the same buffer.
pub type LibcNameCall =
    unsafe extern "C" fn(libc::c_int, *mut libc::sockaddr, *mut libc::socklen_t) -> libc::c_int;

/// The bytes libc's `call` (getsockname or getpeername) writes for `fd`,
/// exactly as many as it reports: an oracle independent of rawbind.
pub fn libc_address(fd: &std::os::fd::OwnedFd, call: LibcNameCall) -> Vec<u8> {
    use std::mem::size_of;
    use std::os::fd::AsRawFd;
    // SAFETY: sockaddr_storage is plain bytes; all zeroes is a valid value.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: the kernel writes at most `len` bytes into `storage`, which is
    // that long, and the address length into `len`; both outlive the call.
    let r = unsafe {
        call(
            fd.as_raw_fd(),
            &mut storage as *mut libc::sockaddr_storage as *mut libc::sockaddr,
            &mut len,
        )
    };
    assert_eq!(r, 0, "libc: {}", std::io::Error::last_os_error());
    assert!(len as usize <= size_of::<libc::sockaddr_storage>());
    // SAFETY: `storage` is initialized and at least `len` bytes long.
    unsafe { std::slice::from_raw_parts(&storage as *const _ as *const u8, len as usize) }.to_vec()
}

/// An AF_VSOCK stream socket bound to `VMADDR_CID_ANY` and `VMADDR_PORT_ANY`,
/// and the address getsockname gives back, or `None` after skipping test
/// `name` where this system has no AF_VSOCK (no `vsock` module:
/// EAFNOSUPPORT) or no transport to bind on (EADDRNOTAVAIL). Tests load no
/// module.
pub fn vsock_bound_to_any_port(name: &str) -> Option<(std::os::fd::OwnedFd, rawbind::VsockAddr)> {
    use rawbind::{Errno, Family, SockAddr, SockType, VsockAddr};
    let fd = match rawbind::socket(Family::Vsock, SockType::Stream, 0) {
        Ok(fd) => fd,
        Err(e @ (Errno::EAFNOSUPPORT | Errno::ENODEV | Errno::EPERM)) => {
            skip(
                name,
                &format!("no AF_VSOCK stream sockets here: socket(AF_VSOCK): {e}"),
            );
            return None;
        }
        Err(e) => panic!("socket(AF_VSOCK): {e}"),
    };
    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    match rawbind::bind(&fd, &any) {
        Ok(()) => {}
        Err(e @ Errno::EADDRNOTAVAIL) => {
            skip(
                name,
                &format!("no vsock transport to bind on here: bind: {e}"),
            );
            return None;
        }
        Err(e) => panic!("bind(VMADDR_CID_ANY, VMADDR_PORT_ANY): {e}"),
    }
    match rawbind::getsockname(&fd) {
        Ok(SockAddr::Vsock(bound)) => Some((fd, bound)),
        got => panic!("getsockname of a bound AF_VSOCK socket: {got:?}"),
    }
}
