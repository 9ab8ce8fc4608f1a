//! `SockAddr::strace` against the real strace: a child process binds each
//! address with `rawbind::bind` (connects to a few with `rawbind::connect`,
//! reads back the addresses the kernel assigned to its netlink and vsock
//! sockets, accepts a few connections and shuts them down) under `strace -f
//! -e trace=bind,connect,getsockname,accept4,shutdown`, and every argument
//! and `addrlen` strace prints must equal `addr.strace()` and
//! `addr.encode().len()`; what getsockname returns and the peer accept
//! returns must be the address strace saw the kernel write (with the flags
//! asked for), an accept that asks for no address must pass `NULL` for
//! both pointers, and each shutdown's `how` must be the one asked for.
//!
//! Whether a bind succeeds does not matter: strace decodes the argument on
//! the way in. Addresses a socket of their own family cannot take (or that
//! need privileges this run lacks) go to a UDP socket, whose bind refuses
//! them after strace has read them.

mod common;

use std::ffi::CString;
use std::net::{Ipv6Addr, SocketAddr, SocketAddrV6};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;

use rawbind::{
    accept_with, accept_without_addr, bind, connect, getsockname, listen, shutdown, socket, Family,
    LinkAddr, NetlinkAddr, RawSockAddr, Shutdown, SockAddr, SockType, SocketFlags, UnixAddr,
    VsockAddr,
};

/// The obsolete `SOCK_PACKET` (`packet(7)`), which rawbind does not name.
#[allow(deprecated)] // libc marks it so; the test needs it.
const SOCK_PACKET: SockType = SockType::from_raw(libc::SOCK_PACKET as u32);
/// Set for the child: the directory its pathname sockets go in.
const CHILD_ENV: &str = "RAWBIND_STRACE_CHILD_DIR";
const TEST: &str = "strace_decodes_binds_as_sockaddr_strace_does";
/// The strace whose output `SockAddr::strace` reproduces.
const STRACE_VERSION: &str = "6.1";
/// strace names these families; linux-raw-sys has no constants for them, so
/// rawbind prints them as unknown numbers (see `src/addr/strace.rs`).
const FAMILIES_WITHOUT_CONSTANTS: [&str; 2] = ["AF_IB", "AF_MPLS"];

/// One address to bind, and the socket to bind it on.
struct Case {
    what: String,
    addr: SockAddr,
    /// `(family, type, protocol)` of a socket of its own; `None`, or a socket
    /// that cannot be made, means the shared UDP socket.
    socket: Option<(Family, SockType, i32)>,
}

fn case(what: impl Into<String>, addr: SockAddr, socket: Option<(Family, SockType, i32)>) -> Case {
    Case {
        what: what.into(),
        addr,
        socket,
    }
}

fn if_index(name: &str) -> u32 {
    let name = CString::new(name).unwrap();
    // SAFETY: `name` is a NUL-terminated string that outlives the call.
    unsafe { libc::if_nametoindex(name.as_ptr()) }
}

/// `family` followed by `data`, as bytes rawbind does not interpret.
fn raw(family: u16, data: &[u8]) -> SockAddr {
    let mut bytes = family.to_ne_bytes().to_vec();
    bytes.extend_from_slice(data);
    SockAddr::Other(RawSockAddr::from_bytes(&bytes).unwrap())
}

/// A pathname of `dir`, `/` and `name`, as bytes.
fn path_in(dir: &Path, name: &[u8]) -> Vec<u8> {
    let mut path = dir.as_os_str().as_bytes().to_vec();
    path.push(b'/');
    path.extend_from_slice(name);
    path
}

/// The addresses, the same in parent and child: pathnames go in `dir`.
fn cases(dir: &Path) -> Vec<Case> {
    let lo = if_index("lo");
    let inet = |s: &str| SockAddr::from(s.parse::<SocketAddr>().unwrap());
    let v6 = |ip: &str, port, flow, scope| {
        SockAddr::V6(SocketAddrV6::new(
            ip.parse::<Ipv6Addr>().unwrap(),
            port,
            flow,
            scope,
        ))
    };
    let tcp4 = Some((Family::Inet, SockType::Stream, 0));
    let udp6 = Some((Family::Inet6, SockType::Dgram, 0));
    let unix = Some((Family::Unix, SockType::Dgram, 0));
    let eth_p_all = libc::ETH_P_ALL as u16;
    let packet = Some((Family::Packet, SockType::Raw, i32::from(eth_p_all.to_be())));

    let mut cases = vec![
        case("v4, port 0", inet("127.0.0.1:0"), tcp4),
        // On the spare, already bound socket: a fixed port is never taken.
        case("v4, port 8080", inet("127.0.0.1:8080"), None),
        case("v6 loopback", v6("::1", 0, 74565, 0), udp6),
        case("v6 link-local, scope lo", v6("fe80::1", 0, 0, lo), udp6),
        case("v6 link-local, scope 0", v6("fe80::1", 0, 0, 0), udp6),
        case("v6 multicast link-local", v6("ff02::1", 0, 0, lo), udp6),
        case("v6 site multicast, scope lo", v6("ff05::1", 0, 0, lo), udp6),
        case("v4-mapped v6", v6("::ffff:127.0.0.1", 0, 0, 0), udp6),
        case("v4-compatible v6", v6("::1.2.3.4", 0, 0, 0), udp6),
        case(
            "v4-compatible v6, ::0.1.0.0",
            v6("::0.1.0.0", 0, 0, 0),
            udp6,
        ),
        case("v6, ::0.0.1.0", v6("::0.0.1.0", 0, 0, 0), udp6),
        case(
            "v6, ::ffff:0:1.2.3.4",
            v6("::ffff:0:1.2.3.4", 0, 0, 0),
            udp6,
        ),
        case(
            "v6, two zero runs",
            v6("1:0:0:2:0:0:3:4", 0, u32::MAX, u32::MAX),
            udp6,
        ),
        case("v6, one zero word", v6("1:0:2:3:4:5:6:7", 0, 0, 0), udp6),
        case("unix unnamed", UnixAddr::unnamed().into(), unix),
    ];

    let pathnames: [&[u8]; 4] = [
        b"x y\xff\"q",
        b"tab\there\nnl\\bs\x01" as &[u8],
        b"oct\x017\x1b0\x7f8\rcr\x0bvt\x0cff",
        b"quote'?~",
    ];
    for name in pathnames {
        let addr = UnixAddr::new(&path_in(dir, name)).unwrap();
        cases.push(case(
            format!("pathname {}", name.escape_ascii()),
            addr.into(),
            unix,
        ));
    }
    // 108 bytes fill sun_path: no NUL fits. A temp dir too long to leave room
    // gives a path in a directory that does not exist (ENOENT, nothing made).
    let prefix = path_in(dir, b"");
    let prefix = if prefix.len() < 100 {
        prefix
    } else {
        b"/rawbind-no-such-dir/".to_vec()
    };
    let mut long = prefix;
    long.resize(108, b'p');
    cases.push(case(
        "108-byte pathname",
        UnixAddr::new(&long).unwrap().into(),
        unix,
    ));

    // Abstract names are global: the temp dir's name makes them unique.
    let tag = format!("{}-", dir.file_name().unwrap().to_string_lossy());
    let abstracts: [&[u8]; 5] = [
        b"ab\0\xff\"\\\n\tc",
        b"nul\x000digit",
        b"one\x017\x01x\x1b9",
        b"\x80\xfe\xff'?",
        b"",
    ];
    for name in abstracts {
        let full = [tag.as_bytes(), name].concat();
        let addr = UnixAddr::new_abstract(&full).unwrap();
        cases.push(case(
            format!("abstract {}", full.escape_ascii()),
            addr.into(),
            unix,
        ));
    }
    let max = [tag.as_bytes(), &[b'm'; 107]].concat();
    let addr = UnixAddr::new_abstract(&max[..107]).unwrap();
    cases.push(case("107-byte abstract name", addr.into(), unix));
    cases.push(case(
        "empty abstract name",
        UnixAddr::new_abstract(b"").unwrap().into(),
        unix,
    ));

    // Without CAP_NET_RAW the packet socket cannot be made, and the address
    // goes to the UDP socket instead.
    let lo_index = i32::try_from(lo).unwrap();
    cases.push(case(
        "packet, lo",
        LinkAddr::new(eth_p_all, lo_index).into(),
        packet,
    ));
    // packet(7), "Compatibility": a SOCK_PACKET socket binds a 16-byte
    // sockaddr_pkt that names the device, and getsockname returns those 16
    // bytes, which are not a sockaddr_ll (12 + sll_halen).
    let mut device = [0u8; 14];
    device[..2].copy_from_slice(b"lo");
    cases.push(case(
        "packet, SOCK_PACKET's sockaddr_pkt, lo",
        raw(Family::Packet.raw(), &device),
        Some((Family::Packet, SOCK_PACKET, i32::from(eth_p_all.to_be()))),
    ));
    let mut named = LinkAddr::new(libc::ETH_P_LLDP as u16, lo_index);
    (named.hatype, named.halen, named.addr) = (libc::ARPHRD_PRONET, 8, [1, 2, 3, 4, 5, 6, 7, 8]);
    cases.push(case("packet, LLDP, 8-byte address", named.into(), packet));

    // Every sll_protocol and sll_hatype value, every sll_pkttype, and
    // sll_halen 0 to 9 (9 runs past sll_addr's 8 bytes).
    for v in 0..=u16::MAX {
        let b = v as u8;
        let link = LinkAddr {
            protocol: v,
            ifindex: i32::from(b) - 1,
            hatype: v,
            pkttype: b,
            halen: b % 10,
            addr: [b, 0, b.wrapping_mul(7), 0x0f, 0xf0, b, 0xff, 1],
        };
        cases.push(case(format!("packet sweep {v:#x}"), link.into(), None));
    }

    let netlink = Family::Netlink.raw();
    let nl = |pad: u16, pid: u32, groups: u32| {
        [
            &pad.to_ne_bytes()[..],
            &pid.to_ne_bytes(),
            &groups.to_ne_bytes(),
        ]
        .concat()
    };
    let netlink_socket = Some((Family::Netlink, SockType::Raw, 0));
    cases.push(case(
        "netlink, autobind",
        raw(netlink, &nl(0, 0, 0)),
        netlink_socket,
    ));
    cases.push(case("netlink, pad", raw(netlink, &nl(0x3412, 0, 0)), None));
    cases.push(case(
        "netlink, pid -1",
        raw(netlink, &nl(0, u32::MAX, 1)),
        None,
    ));
    cases.push(case(
        "netlink, groups",
        raw(netlink, &nl(1, 7, 0x8000_0001)),
        None,
    ));
    cases.push(case(
        "netlink, short",
        raw(netlink, &nl(0, 5, 0)[..9]),
        None,
    ));
    cases.push(case(
        "netlink, 16 bytes",
        raw(netlink, &[&nl(0, 5, 0x80)[..], &[0xff; 4]].concat()),
        None,
    ));
    // Typed: the kernel assigns the pid (a socket of its own), and every
    // pid and groups edge on the spare socket.
    let route_groups = (libc::RTMGRP_LINK | libc::RTMGRP_IPV4_IFADDR) as u32;
    cases.push(case(
        "NetlinkAddr, pid 0, two groups",
        NetlinkAddr::new(0, route_groups).into(),
        netlink_socket,
    ));
    for pid in [0, 1, 0x7fff_ffff, 0x8000_0000, u32::MAX] {
        for groups in [0, 1, 0x10, 0x00ff_ffff, 0x0100_0000, u32::MAX] {
            cases.push(case(
                format!("NetlinkAddr {pid:#x} {groups:#x}"),
                NetlinkAddr::new(pid, groups).into(),
                None,
            ));
        }
    }

    // vsock: any cid and port on a vsock socket of its own (where the
    // system has AF_VSOCK), the named and other cids and ports, every
    // svm_flags value, then raw bytes: svm_reserved1 and svm_zero set,
    // other lengths.
    let vsock_socket = Some((Family::Vsock, SockType::Stream, 0));
    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    cases.push(case("VsockAddr any, any", any.into(), vsock_socket));
    let cids = [
        VsockAddr::CID_ANY,
        VsockAddr::CID_HYPERVISOR,
        VsockAddr::CID_LOCAL,
        VsockAddr::CID_HOST,
        3,
        0x7fff_ffff,
        0xffff_fffe,
    ];
    for cid in cids {
        for port in [0, 1, 1024, 0x7fff_ffff, 0xffff_fffe, VsockAddr::PORT_ANY] {
            cases.push(case(
                format!("VsockAddr {cid:#x} {port:#x}"),
                VsockAddr::new(cid, port).into(),
                None,
            ));
        }
    }
    for flags in 0..=u8::MAX {
        let a = VsockAddr {
            flags,
            ..VsockAddr::new(VsockAddr::CID_HOST, 1024)
        };
        cases.push(case(format!("VsockAddr flags {flags:#x}"), a.into(), None));
    }
    let vsock = Family::Vsock.raw();
    let vm = |reserved1: u16, port: u32, cid: u32, flags: u8, zero: [u8; 3]| {
        [
            &reserved1.to_ne_bytes()[..],
            &port.to_ne_bytes(),
            &cid.to_ne_bytes(),
            &[flags],
            &zero,
        ]
        .concat()
    };
    cases.push(case(
        "vsock, reserved1",
        raw(vsock, &vm(7, 5, 5, 0, [0; 3])),
        None,
    ));
    cases.push(case(
        "vsock, reserved1, flags and zero",
        raw(vsock, &vm(0xffff, 0, u32::MAX, 0x80, [0, 0, 1])),
        None,
    ));
    cases.push(case(
        "vsock, zero with quotes",
        raw(vsock, &vm(0, 0, 0, 0, *b"\n\"\\")),
        None,
    ));
    let full = vm(0, 1, 2, 0, [0; 3]);
    for len in [1, 10, 12, 13] {
        cases.push(case(
            format!("vsock, {} bytes", len + 2),
            raw(vsock, &full[..len]),
            None,
        ));
    }
    for extra in [1, 4, 112] {
        cases.push(case(
            format!("vsock, {} bytes", 16 + extra),
            raw(vsock, &[&full[..], &vec![0xff; extra]].concat()),
            None,
        ));
    }

    // Every family number up to well past the last named one, and the
    // largest: three bytes of data is shorter than any family's struct.
    for family in (0..=0x1ff).chain([u16::MAX]) {
        cases.push(case(
            format!("family {family:#x}"),
            raw(family, b"a\0\xff"),
            None,
        ));
    }
    cases.push(case(
        "generic, longer",
        raw(0, b"\x001\x002\xff7\"'\\x"),
        None,
    ));
    cases.push(case(
        "v4 too short",
        raw(Family::Inet.raw(), &[0x1f; 13]),
        None,
    ));
    cases.push(case(
        "v6 without scope",
        raw(Family::Inet6.raw(), &[0xfe; 22]),
        None,
    ));
    cases.push(case(
        "v6, 25 bytes",
        raw(Family::Inet6.raw(), &[1; 23]),
        None,
    ));
    cases.push(case(
        "packet, 19 bytes",
        raw(Family::Packet.raw(), &[3; 17]),
        None,
    ));
    cases
}

/// Binds every case, in the child that the test below runs under strace.
///
/// The spare socket is bound first, so the binds that fall back to it are
/// refused (EINVAL: already bound) after strace has decoded them, and none of
/// them holds a port.
fn child_binds(dir: &Path) {
    let spare = socket(Family::Inet, SockType::Dgram, 0).unwrap();
    bind(&spare, &"127.0.0.1:0".parse::<SocketAddr>().unwrap()).unwrap();
    for case in cases(dir) {
        let own = case.socket.and_then(|(f, t, p)| socket(f, t, p).ok());
        let bound = bind(own.as_ref().unwrap_or(&spare), &case.addr).is_ok();
        // The addresses the kernel assigns to a netlink or vsock socket, and
        // the one a SOCK_PACKET socket reports.
        if let (true, Some(fd)) = (bound, &own) {
            let spkt = matches!(case.socket, Some((_, t, _)) if t == SOCK_PACKET);
            if spkt || matches!(case.addr.family(), Family::Netlink | Family::Vsock) {
                getsockname_shown(fd);
            }
        }
    }
    for addr in connect_cases(dir) {
        // A datagram socket's connect only records the peer: nothing is
        // sent, and a refusal (no such Unix name) comes after strace has
        // decoded the argument.
        let fd = socket(addr.family(), SockType::Dgram, 0).unwrap();
        let _ = connect(&fd, &addr);
    }
    // Accepts, each printed as the parent expects strace's line to read, then
    // one shutdown of each kind.
    // Unique: native runs of other targets share the abstract namespace.
    let mut name = common::unique_name("strace-client").into_bytes();
    name.extend_from_slice(b"\0\xff");
    let abstract_client = UnixAddr::new_abstract(&name).unwrap();
    let accepts = [
        (
            SockAddr::from("127.0.0.1:0".parse::<SocketAddr>().unwrap()),
            None,
            SocketFlags::CLOEXEC,
        ),
        (
            SockAddr::Unix(UnixAddr::new(&path_in(dir, b"accept-on")).unwrap()),
            Some(abstract_client),
            SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        ),
        (
            SockAddr::Unix(UnixAddr::new(&path_in(dir, b"accept-unnamed")).unwrap()),
            None,
            SocketFlags::empty(),
        ),
    ];
    let mut conns = Vec::new();
    for (addr, client_addr, flags) in accepts {
        let server = socket(addr.family(), SockType::Stream, 0).unwrap();
        bind(&server, &addr).unwrap();
        listen(&server, 1).unwrap();
        let client = socket(addr.family(), SockType::Stream, 0).unwrap();
        if let Some(a) = client_addr {
            bind(&client, &a).unwrap();
        }
        connect(&client, &getsockname_shown(&server)).unwrap();
        let (conn, peer) = accept_with(&server, flags).unwrap();
        println!(
            "{ACCEPT_MARK}{}\t{}\t{}",
            peer.strace(),
            peer.encode().len(),
            flag_names(flags)
        );
        conns.push((client, conn));
    }
    // One accept that asks for no address: strace must show NULL, NULL.
    let server = socket(Family::Inet, SockType::Stream, 0).unwrap();
    bind(&server, &"127.0.0.1:0".parse::<SocketAddr>().unwrap()).unwrap();
    listen(&server, 1).unwrap();
    let client = socket(Family::Inet, SockType::Stream, 0).unwrap();
    connect(&client, &getsockname_shown(&server)).unwrap();
    let _conn = accept_without_addr(&server, SocketFlags::CLOEXEC).unwrap();
    for ((client, _conn), how) in
        conns
            .iter()
            .zip([Shutdown::Write, Shutdown::Read, Shutdown::Both])
    {
        shutdown(client, how).unwrap();
    }
}

/// What starts each accept line the child prints.
const ACCEPT_MARK: &str = "strace-test accept4: ";

/// What starts each getsockname line the child prints.
const GETSOCKNAME_MARK: &str = "strace-test getsockname: ";

/// rawbind's getsockname of `fd`, printed as the parent expects strace's
/// line to read (what the kernel wrote, and its length).
fn getsockname_shown(fd: &OwnedFd) -> SockAddr {
    let a = getsockname(fd).unwrap();
    println!("{GETSOCKNAME_MARK}{}\t{}", a.strace(), a.encode().len());
    a
}

/// The `(address, addrlen)` lines after `mark` in the child's output.
fn marked(stdout: &str, mark: &str) -> Vec<(String, u32)> {
    stdout
        .lines()
        // libtest's own "test ... " may start the first line.
        .filter_map(|l| Some(&l[l.find(mark)? + mark.len()..]))
        .map(|l| {
            let (addr, len) = l.split_once('\t').unwrap();
            (addr.to_owned(), len.parse().unwrap())
        })
        .collect()
}

/// accept4's flags as strace prints them.
fn flag_names(flags: SocketFlags) -> &'static str {
    match (
        flags.contains(SocketFlags::CLOEXEC),
        flags.contains(SocketFlags::NONBLOCK),
    ) {
        (true, true) => "SOCK_CLOEXEC|SOCK_NONBLOCK",
        (true, false) => "SOCK_CLOEXEC",
        (false, true) => "SOCK_NONBLOCK",
        (false, false) => "0",
    }
}

/// The addresses the child connects to, after its binds: connect(2) takes its
/// address as bind(2) does, and strace prints it alike.
fn connect_cases(dir: &Path) -> Vec<SockAddr> {
    vec![
        SockAddr::from("127.0.0.1:9".parse::<SocketAddr>().unwrap()),
        SockAddr::from("[::1]:9".parse::<SocketAddr>().unwrap()),
        SockAddr::Unix(UnixAddr::new(&path_in(dir, b"connect-to-\xff\n")).unwrap()),
        SockAddr::Unix(UnixAddr::new_abstract(b"rawbind-strace\0\xff").unwrap()),
    ]
}

/// Runs itself under strace as the child (which only binds, see
/// [`child_binds`]) and compares what strace printed with rawbind's view.
#[test]
fn strace_decodes_binds_as_sockaddr_strace_does() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        return child_binds(Path::new(&dir));
    }
    if let Some(qemu) = common::under_qemu() {
        let why = format!(
            "under {qemu}, strace would see QEMU's translated host calls, not this program's"
        );
        return common::skip(TEST, &why);
    }
    let version = match Command::new("strace").arg("-V").output() {
        Ok(out) => String::from_utf8_lossy(&out.stdout).into_owned(),
        Err(e) => return common::skip(TEST, &format!("strace cannot be run: {e}")),
    };
    // "strace -- version 6.1"
    let version = version.split_whitespace().nth(3).unwrap_or_default();
    if version != STRACE_VERSION {
        let why = format!("rawbind matches strace {STRACE_VERSION}, this is {version:?}");
        return common::skip(TEST, &why);
    }

    let dir = common::temp_dir("strace");
    let log = dir.join("strace.log");
    let out = Command::new("strace")
        .args([
            "-f",
            "-e",
            "trace=bind,connect,getsockname,accept4,shutdown",
            "-o",
        ])
        .arg(&log)
        .arg("--")
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &dir.0)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        if stderr.to_lowercase().contains("ptrace") {
            let why = format!("strace cannot trace here: {}", stderr.trim());
            return common::skip(TEST, &why);
        }
        panic!(
            "strace or the child failed ({}):\n{}\n{stderr}",
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
    }

    let log = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    let mut seen: Vec<(String, u32)> = log.lines().filter_map(parse_bind).collect();
    // The first bind is the child's spare socket's own.
    let spare = (
        r#"{sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("127.0.0.1")}"#.to_string(),
        16,
    );
    assert_eq!(seen.first(), Some(&spare), "the spare socket's bind");
    seen.remove(0);
    let cases = cases(&dir.0);
    let unparsed: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("bind(") && parse_bind(l).is_none())
        .collect();
    assert!(
        unparsed.is_empty(),
        "unparsed strace lines:\n{}",
        unparsed.join("\n")
    );
    // After the cases, the accept part's own binds: four listeners (the
    // last for the accept that asks for no address) and one client.
    assert_eq!(
        seen.len(),
        cases.len() + 5,
        "strace showed {} binds for {} cases and 5 of the accept part's",
        seen.len(),
        cases.len()
    );
    seen.truncate(cases.len());
    let mut differ = Vec::new();
    for (case, (shown, len)) in cases.iter().zip(&seen) {
        let shown = numbered_interfaces(shown);
        let ours = with_family_names(&case.addr.strace().to_string(), &shown);
        if (&shown, *len) != (&ours, case.addr.encode().len()) {
            differ.push(format!(
                "{}:\n  strace:  {shown}, {len}\n  rawbind: {ours}, {}",
                case.what,
                case.addr.encode().len()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} addresses differ from strace:\n{}",
        differ.len(),
        cases.len(),
        differ[..differ.len().min(20)].join("\n")
    );
    // The first connects are the cases'; the accept part's four follow.
    let mut connects: Vec<(String, u32)> = log
        .lines()
        .filter_map(|l| parse_call("connect", l))
        .collect();
    assert_eq!(
        connects.len(),
        connect_cases(&dir.0).len() + 4,
        "connect lines"
    );
    connects.truncate(connect_cases(&dir.0).len());
    let want: Vec<(String, u32)> = connect_cases(&dir.0)
        .iter()
        .map(|a| (a.strace().to_string(), a.encode().len()))
        .collect();
    assert_eq!(connects, want, "connect's arguments as strace printed them");

    // getsockname: what the kernel wrote and its length, as strace printed
    // them, against what rawbind returned: the netlink socket's assigned
    // pid, the vsock socket's port (where it has AF_VSOCK), the listeners.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let names: Vec<(String, u32)> = log.lines().filter_map(parse_getsockname).collect();
    let returned = marked(&stdout, GETSOCKNAME_MARK);
    assert!(
        returned
            .iter()
            .any(|(a, _)| a.starts_with("{sa_family=AF_NETLINK, nl_pid=")),
        "the child read back no netlink address: {returned:?}"
    );
    // As root the SOCK_PACKET socket is made, and its 16-byte sockaddr_pkt
    // comes back as strace prints it; without CAP_NET_RAW its bind goes to
    // the UDP socket and there is no such line.
    if common::is_root() {
        assert!(
            returned
                .iter()
                .any(|(a, n)| a.starts_with(r#"{sa_family=AF_PACKET, sa_data="lo\0"#) && *n == 16),
            "the child read back no SOCK_PACKET address: {returned:?}"
        );
    }
    assert_eq!(
        names, returned,
        "getsockname's address as strace printed it"
    );

    // accept4: what the kernel wrote, its length and the flags, as strace
    // printed them, against the peer rawbind returned.
    let accepts: Vec<(String, u32, String)> = log.lines().filter_map(parse_accept4).collect();
    let returned: Vec<(String, u32, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        // libtest's own "test ... " may start the first line.
        .filter_map(|l| Some(&l[l.find(ACCEPT_MARK)? + ACCEPT_MARK.len()..]))
        .map(|l| {
            let mut fields = l.split('\t');
            let mut next = || fields.next().unwrap().to_owned();
            (next(), next().parse().unwrap(), next())
        })
        .collect();
    assert_eq!(returned.len(), 3, "the child's accept lines");
    assert_eq!(
        accepts, returned,
        "accept4's peer and flags as strace printed them"
    );
    // accept_without_addr asks for no address: both pointers NULL.
    let without_addr: Vec<&str> = log
        .lines()
        .filter_map(|l| {
            let l = l.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            let args = l.strip_prefix("accept4(")?.split_once(", ")?.1;
            Some(&args[..args.rfind(')')?])
        })
        .filter(|args| args.starts_with("NULL"))
        .collect();
    assert_eq!(
        without_addr,
        ["NULL, NULL, SOCK_CLOEXEC"],
        "accept_without_addr's accept4 as strace printed it"
    );
    let shutdowns: Vec<&str> = log
        .lines()
        .filter_map(|l| {
            let l = l.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            let args = l.strip_prefix("shutdown(")?;
            Some(args.split_once(", ")?.1.split_once(')')?.0)
        })
        .collect();
    assert_eq!(
        shutdowns,
        ["SHUT_WR", "SHUT_RD", "SHUT_RDWR"],
        "shutdown's how"
    );
}

/// `(address, addrlen, flags)` of an `accept4(FD, ADDRESS, [SIZE => LEN],
/// FLAGS) = …` line: what the kernel wrote, as strace decoded it.
fn parse_accept4(line: &str) -> Option<(String, u32, String)> {
    let line = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let call = line.strip_prefix("accept4(")?;
    let (_fd, rest) = call.split_once(", ")?;
    let args = rest[..rest.rfind(" = ")?].trim_end().strip_suffix(')')?;
    let (args, flags) = args.rsplit_once(", ")?;
    let (addr, len) = args.rsplit_once(", ")?;
    let len = len
        .strip_prefix('[')?
        .strip_suffix(']')?
        .split_once(" => ")?
        .1;
    Some((addr.to_string(), len.parse().ok()?, flags.to_string()))
}

/// `(address, addrlen)` of a `getsockname(FD, ADDRESS, [SIZE => LEN]) = 0`
/// line: what the kernel wrote, as strace decoded it.
fn parse_getsockname(line: &str) -> Option<(String, u32)> {
    let line = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let call = line.strip_prefix("getsockname(")?;
    let (_fd, rest) = call.split_once(", ")?;
    let args = rest[..rest.rfind(" = ")?].trim_end().strip_suffix(')')?;
    let (addr, len) = args.rsplit_once(", ")?;
    let len = len.strip_prefix('[')?.strip_suffix(']')?;
    let len = len.split_once(" => ").map_or(len, |(_, out)| out);
    Some((addr.to_string(), len.parse().ok()?))
}

/// `(argument, addrlen)` of a `bind(FD, ARGUMENT, ADDRLEN) = …` line, which
/// `-f` may start with a pid.
fn parse_bind(line: &str) -> Option<(String, u32)> {
    parse_call("bind", line)
}

/// `(argument, addrlen)` of a `CALL(FD, ARGUMENT, ADDRLEN) = …` line: bind's
/// or connect's, which strace prints alike.
fn parse_call(call: &str, line: &str) -> Option<(String, u32)> {
    let line = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let call = line.strip_prefix(call)?.strip_prefix('(')?;
    assert!(!call.contains("<unfinished"), "split line: {line}");
    let (_fd, rest) = call.split_once(", ")?;
    // The result ("= 0", "= -1 EINVAL (…)") holds no " = ", a path may.
    // strace pads short calls with spaces before the " = ".
    let args = rest[..rest.rfind(" = ")?].trim_end().strip_suffix(')')?;
    let (arg, len) = args.rsplit_once(", ")?;
    Some((arg.to_string(), len.parse().ok()?))
}

/// strace's `if_nametoindex("NAME")` replaced with the index, as rawbind prints it.
fn numbered_interfaces(s: &str) -> String {
    const CALL: &str = "if_nametoindex(\"";
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find(CALL) {
        let name_end = at + CALL.len() + rest[at + CALL.len()..].find("\")").unwrap();
        out.push_str(&rest[..at]);
        out.push_str(&if_index(&rest[at + CALL.len()..name_end]).to_string());
        rest = &rest[name_end + 2..];
    }
    out.push_str(rest);
    out
}

/// rawbind's text with an unknown family `0x… /* AF_??? */` replaced by the
/// name strace gives it, for the families rawbind has no constant for.
fn with_family_names(ours: &str, shown: &str) -> String {
    let Some(rest) = ours.strip_prefix("{sa_family=0x") else {
        return ours.to_string();
    };
    let Some((_, after)) = rest.split_once(" /* AF_??? */") else {
        return ours.to_string();
    };
    for name in FAMILIES_WITHOUT_CONSTANTS {
        if shown.starts_with(&format!("{{sa_family={name}")) {
            return format!("{{sa_family={name}{after}");
        }
    }
    ours.to_string()
}

#[test]
fn parses_strace_lines() {
    let line = r#"4242 bind(3, {sa_family=AF_UNIX, sun_path="/a) = b, 7"}, 12) = -1 EADDRINUSE (Address already in use)"#;
    let want = (
        r#"{sa_family=AF_UNIX, sun_path="/a) = b, 7"}"#.to_string(),
        12,
    );
    assert_eq!(parse_bind(line), Some(want));
    assert_eq!(parse_bind("+++ exited with 0 +++"), None);
    let name =
        "getsockname(4, {sa_family=AF_NETLINK, nl_pid=9250, nl_groups=0x000001}, [128 => 12]) = 0";
    let want = (
        "{sa_family=AF_NETLINK, nl_pid=9250, nl_groups=0x000001}".to_string(),
        12,
    );
    assert_eq!(parse_getsockname(name), Some(want));
    assert_eq!(
        parse_getsockname("getsockname(3, {sa_family=AF_UNIX}, [2]) = 0"),
        Some(("{sa_family=AF_UNIX}".to_string(), 2))
    );
    let padded = "bind(4, {sa_family=AF_UNIX}, 2)   = 0";
    assert_eq!(
        parse_bind(padded),
        Some(("{sa_family=AF_UNIX}".to_string(), 2))
    );
    let lo = if_index("lo");
    if lo != 0 {
        assert_eq!(
            numbered_interfaces(r#"{sll_ifindex=if_nametoindex("lo"), x}"#),
            format!("{{sll_ifindex={lo}, x}}")
        );
    }
}
