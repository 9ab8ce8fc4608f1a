//! A small TCP server with rawbind's calls only: socket, SO_REUSEADDR, bind,
//! listen, then accept N connections, printing each peer as the kernel
//! reports it, and shut each one down (the client reads end-of-file).
//!
//! ```text
//! cargo run --example tcp_server -- 3               # 127.0.0.1, a port the kernel picks
//! cargo run --example tcp_server -- 3 '[::1]:8080'
//! ```
//!
//! It prints `listening on ADDRESS` first, then `accepted PEER` for each
//! connection: connect with anything (`nc 127.0.0.1 PORT`); the harness
//! connects N times itself and checks each line against its clients.

use std::net::SocketAddr;
use std::process::ExitCode;

use rawbind::{
    accept, bind, getsockname, listen, set_reuse_addr, shutdown, socket, Errno, Shutdown, SockAddr,
    SockType,
};

const USAGE: &str =
    "usage: tcp_server N [IP:PORT]   (N from 1 to 1000; default address 127.0.0.1:0)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, addr) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(why) => {
            eprintln!("tcp_server: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match serve(n, addr) {
        Ok(()) => ExitCode::SUCCESS,
        Err((what, errno)) => {
            eprintln!("tcp_server: {what}: {errno} ({})", errno.description());
            ExitCode::FAILURE
        }
    }
}

/// The number of connections to accept and the address to listen on.
fn parse(args: &[String]) -> Result<(u32, SocketAddr), String> {
    let (n, addr) = match args {
        [n] => (n, "127.0.0.1:0"),
        [n, addr] => (n, addr.as_str()),
        _ => return Err("expected N and an optional address".into()),
    };
    let n = match n.parse() {
        Ok(n @ 1..=1000) => n,
        _ => return Err(format!("{n}: not a number from 1 to 1000")),
    };
    let addr = addr
        .parse()
        .map_err(|_| format!("{addr}: not an IP:PORT address"))?;
    Ok((n, addr))
}

fn serve(n: u32, addr: SocketAddr) -> Result<(), (&'static str, Errno)> {
    let family = SockAddr::from(addr).family();
    let fd = socket(family, SockType::Stream, 0).map_err(|e| ("socket", e))?;
    set_reuse_addr(&fd, true).map_err(|e| ("setsockopt(SO_REUSEADDR)", e))?;
    bind(&fd, &addr).map_err(|e| ("bind", e))?;
    listen(&fd, 128).map_err(|e| ("listen", e))?;
    println!(
        "listening on {}",
        getsockname(&fd).map_err(|e| ("getsockname", e))?
    );
    for _ in 0..n {
        let (conn, peer) = accept(&fd).map_err(|e| ("accept", e))?;
        println!("accepted {peer}");
        shutdown(&conn, Shutdown::Both).map_err(|e| ("shutdown", e))?;
    }
    Ok(())
}
