//! Binds a socket to the address given on the command line and prints what
//! the kernel saw, in rawbind's form and in strace's.
//!
//! ```text
//! cargo run --example bind -- 127.0.0.1:0
//! cargo run --example bind -- '[::1]:0'
//! cargo run --example bind -- /tmp/app.sock     # pathname (the file stays)
//! cargo run --example bind -- @app              # abstract name
//! cargo run --example bind -- unnamed           # autobind; also (unnamed)
//! cargo run --example bind -- netlink:0:0x0     # NETLINK_ROUTE; the kernel picks the pid
//! cargo run --example bind -- vsock:4294967295:4294967295   # any CID, any port
//! ```
//!
//! The address is read by `SockAddr`'s `FromStr`, the inverse of its
//! `Display`: bytes outside printable ASCII are written `\xNN`, `\` as
//! `\\`. `FromStr` takes text no other kind of address claims for a
//! relative path; this program wants a path to start with `/` or `.`
//! (`./name`), so that a typo is refused, not bound as a file.

use std::process::ExitCode;

use rawbind::{bind, getsockname, socket, SockAddr, SockType, UnixAddr, UnixAddrKind};

const USAGE: &str =
    "usage: bind ADDRESS   (127.0.0.1:0 | [::1]:0 | /path | ./path | @abstract | unnamed | netlink:PID:0xGROUPS | vsock:CID:PORT)";

fn main() -> ExitCode {
    // A byte that is not UTF-8 becomes U+FFFD, which the text form refuses
    // with a pointer to `\xNN`, the way to write such a byte.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let [arg] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let addr = match parse(arg) {
        Ok(addr) => addr,
        Err(why) => {
            eprintln!("bind: {arg}: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&addr) {
        Ok(()) => ExitCode::SUCCESS,
        Err((call, errno)) => {
            eprintln!("bind: {call} {addr}: {errno}");
            ExitCode::FAILURE
        }
    }
}

/// The address an argument names: its text form, or `unnamed`.
fn parse(arg: &str) -> Result<SockAddr, String> {
    if arg == "unnamed" {
        return Ok(UnixAddr::unnamed().into());
    }
    let addr: SockAddr = arg.parse().map_err(|e: rawbind::AddrError| e.to_string())?;
    if let SockAddr::Unix(u) = addr {
        if let UnixAddrKind::Pathname([first, ..]) = u.kind() {
            if !matches!(first, b'/' | b'.') {
                return Err("not an address (a path here starts with / or .)".into());
            }
        }
    }
    Ok(addr)
}

/// socket, bind, getsockname; the failing call's name with its errno.
fn run(addr: &SockAddr) -> Result<(), (&'static str, rawbind::Errno)> {
    // Netlink has no stream sockets: a raw one (protocol 0, NETLINK_ROUTE).
    let ty = match addr {
        SockAddr::Netlink(_) => SockType::Raw,
        _ => SockType::Stream,
    };
    let fd = socket(addr.family(), ty, 0).map_err(|e| ("socket", e))?;
    bind(&fd, addr).map_err(|e| ("bind", e))?;
    let bound = getsockname(&fd).map_err(|e| ("getsockname", e))?;
    println!("asked:  {addr}");
    println!("kernel: {bound}");
    println!(
        "strace: bind(fd, {}, {})",
        addr.strace(),
        addr.encode().len()
    );
    // The address as strace prints getsockname's answer. Its addrlen is not
    // printed: decoding keeps the address, not how the kernel measured it
    // (a 108-byte path comes back 111 bytes long, with a NUL).
    println!("getsockname: {}", bound.strace());
    Ok(())
}
