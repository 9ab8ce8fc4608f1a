//! N TCP listeners on one port with `SO_REUSEPORT`: the first binds port 0,
//! the kernel picks a port, and every other socket binds that same port,
//! which it may only because each one set `SO_REUSEPORT` before its bind.
//! Then N clients connect to that port; the kernel hands each connection to
//! one of the listeners.
//!
//! ```text
//! cargo run --example reuseport -- 4            # 4 listeners on 127.0.0.1
//! cargo run --example reuseport -- 4 '[::1]:0'  # on ::1, any port
//! ```

use std::net::SocketAddr;
use std::os::fd::OwnedFd;
use std::process::ExitCode;

use rawbind::{
    bind, connect, getsockname, listen, set_reuse_port, socket, Errno, SockAddr, SockType,
};

const USAGE: &str = "usage: reuseport N [IP:PORT]   (N from 1 to 64; default address 127.0.0.1:0)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, addr) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(why) => {
            eprintln!("reuseport: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(n, addr) {
        Ok(()) => ExitCode::SUCCESS,
        Err((what, errno)) => {
            eprintln!("reuseport: {what}: {errno}");
            ExitCode::FAILURE
        }
    }
}

/// The number of listeners and the address of the first bind.
fn parse(args: &[String]) -> Result<(usize, SocketAddr), String> {
    let (n, addr) = match args {
        [n] => (n, "127.0.0.1:0"),
        [n, addr] => (n, addr.as_str()),
        _ => return Err("expected N and an optional address".into()),
    };
    let n: usize = match n.parse() {
        Ok(n @ 1..=64) => n,
        _ => return Err(format!("{n}: not a number from 1 to 64")),
    };
    let addr = addr
        .parse()
        .map_err(|e| format!("{addr}: not an IP socket address ({e})"))?;
    Ok((n, addr))
}

/// What failed, and the kernel's answer.
type Failure = (String, Errno);

fn run(n: usize, first: SocketAddr) -> Result<(), Failure> {
    let family = SockAddr::from(first).family();
    let mut listeners: Vec<OwnedFd> = Vec::with_capacity(n);
    let mut shared = SockAddr::from(first);
    for i in 0..n {
        let fd = socket(family, SockType::Stream, 0).map_err(|e| (format!("socket {i}"), e))?;
        set_reuse_port(&fd, true).map_err(|e| (format!("SO_REUSEPORT on listener {i}"), e))?;
        bind(&fd, &shared).map_err(|e| (format!("bind listener {i} to {shared}"), e))?;
        listen(&fd, 16).map_err(|e| (format!("listen {i}"), e))?;
        // The first bind chose the port; the others take the same one.
        shared = getsockname(&fd).map_err(|e| (format!("getsockname {i}"), e))?;
        println!("listener {i}: {shared}");
        listeners.push(fd);
    }
    println!("{n} listeners share {shared}");
    let mut clients = Vec::with_capacity(n);
    for i in 0..n {
        let fd = socket(family, SockType::Stream, 0).map_err(|e| (format!("client {i}"), e))?;
        connect(&fd, &shared).map_err(|e| (format!("connect client {i} to {shared}"), e))?;
        clients.push(fd);
    }
    println!("{n} clients connected to {shared}");
    Ok(())
}
