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
/// passed); the line appended to `$RAWBIND_SKIP_LOG` lets `scripts/test`
/// count it as skipped instead. Call it, then `return`.
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

/// The emulator the tests run under (`qemu-aarch64 7.2.22`), as `scripts/qemu`
/// announces it, or `None` when they run natively.
pub fn under_qemu() -> Option<String> {
    std::env::var("RAWBIND_QEMU").ok().filter(|q| !q.is_empty())
}
