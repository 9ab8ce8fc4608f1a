//! Binds a socket to the address given on the command line and prints what
//! the kernel saw, in rawbind's form and in strace's.
//!
//! ```text
//! cargo run --example bind -- 127.0.0.1:0
//! cargo run --example bind -- '[::1]:0'
//! cargo run --example bind -- /tmp/app.sock     # pathname (the file stays)
//! cargo run --example bind -- @app              # abstract name
//! cargo run --example bind -- unnamed           # autobind
//! ```

use std::ffi::OsString;
use std::net::SocketAddr;
use std::os::unix::ffi::OsStrExt;
use std::process::ExitCode;

use rawbind::{bind, getsockname, socket, SockAddr, SockType, UnixAddr};

const USAGE: &str = "usage: bind ADDRESS   (127.0.0.1:0 | [::1]:0 | /path | @abstract | unnamed)";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let [arg] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let addr = match parse(arg.as_bytes()) {
        Ok(addr) => addr,
        Err(why) => {
            eprintln!("bind: {}: {why}\n{USAGE}", arg.to_string_lossy());
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

/// The address an argument names.
fn parse(arg: &[u8]) -> Result<SockAddr, String> {
    let addr = match arg {
        b"unnamed" => UnixAddr::unnamed(),
        [b'@', name @ ..] => UnixAddr::new_abstract(name).map_err(|e| e.to_string())?,
        [b'/' | b'.', ..] => UnixAddr::new(arg).map_err(|e| e.to_string())?,
        _ => {
            let text = std::str::from_utf8(arg).map_err(|_| "not an IP socket address")?;
            let ip: SocketAddr = text
                .parse()
                .map_err(|e| format!("not an IP socket address ({e})"))?;
            return Ok(ip.into());
        }
    };
    Ok(addr.into())
}

/// socket, bind, getsockname; the failing call's name with its errno.
fn run(addr: &SockAddr) -> Result<(), (&'static str, rawbind::Errno)> {
    let fd = socket(addr.family(), SockType::Stream, 0).map_err(|e| ("socket", e))?;
    bind(&fd, addr).map_err(|e| ("bind", e))?;
    let bound = getsockname(&fd).map_err(|e| ("getsockname", e))?;
    println!("asked:  {addr}");
    println!("kernel: {bound}");
    println!(
        "strace: bind(fd, {}, {})",
        addr.strace(),
        addr.encode().len()
    );
    println!("getsockname: {}, {}", bound.strace(), bound.encode().len());
    Ok(())
}
