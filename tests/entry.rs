//! Which kernel entry each socket call takes, shown with seccomp filters that
//! make one entry fail with an errno no socket call returns by itself.
//!
//! On i386 (and powerpc, s390x, mips o32, sparc64) a socket call has
//! two entries: its own number (bind 361 on i386) and the `socketcall(2)`
//! multiplexer (102 on i386). The default build tries the direct call,
//! retries an `ENOSYS` through socketcall, and takes socketcall for good
//! once such a retry has succeeded;
//! `--cfg rawbind_direct` and `--cfg rawbind_socketcall` pin one entry.
//! `cargo xtask test` runs this file in all three builds. Every filter is installed
//! in a forked child (`common::child`), so the test process keeps its entry.
//!
//! QEMU user mode refuses `prctl(PR_SET_SECCOMP)` (the filter would bind the
//! emulator too), so these tests skip by name under it.

mod common;

use linux_raw_sys::errno::ENOTRECOVERABLE;
use linux_raw_sys::general::__NR_bind;
use rawbind::{Family, SockType};

use common::seccomp::Filter;

/// The errno the filters answer with: no socket call returns it by itself.
const MARK: u32 = ENOTRECOVERABLE;

/// A filter failing bind's own number decides bind's answer in every build
/// but one pinned to socketcall, where bind never takes that number. (Default
/// and `rawbind_direct` builds try the direct entry first; architectures
/// without socketcall have no other.)
#[test]
fn a_filter_on_binds_own_number_decides_its_answer_unless_pinned_to_socketcall() {
    const NAME: &str =
        "a_filter_on_binds_own_number_decides_its_answer_unless_pinned_to_socketcall";
    if !common::seccomp::usable(NAME) {
        return;
    }
    let addr = common::loopback_v4();
    let filter = Filter::fail(&[(__NR_bind, MARK)]);
    let verdict = common::child::verdict(|| {
        filter.install()?;
        let fd = rawbind::socket(Family::Inet, SockType::Stream, 0).map_err(|_| "socket failed")?;
        match (rawbind::bind(&fd, &addr), cfg!(rawbind_socketcall)) {
            (Err(e), false) if e.raw() == MARK as i32 => Ok(()),
            (Err(_), false) => Err("bind failed, but not with the filter's errno"),
            (Ok(()), false) => Err("bind succeeded although its own number was filtered"),
            (Ok(()), true) => Ok(()),
            (Err(_), true) => Err("bind failed although it should take socketcall"),
        }
    });
    assert_eq!(verdict, Ok(()));
}

/// The two entries of the architectures that also have `socketcall(2)`.
// build.rs sets this cfg for every target of the package, tests included.
#[cfg(rawbind_has_socketcall)]
mod two_entries {
    use linux_raw_sys::general::{
        __NR_accept4, __NR_bind, __NR_connect, __NR_getpeername, __NR_getsockname, __NR_listen,
        __NR_setsockopt, __NR_shutdown, __NR_socket,
    };
    use rawbind::{Family, SockAddr, SockType};

    use super::common::seccomp::Filter;
    use super::MARK;

    /// Every socket call rawbind makes, by its direct number.
    const DIRECT_SOCKET_CALLS: [u32; 9] = [
        __NR_socket,
        __NR_bind,
        __NR_getsockname,
        __NR_listen,
        __NR_setsockopt,
        __NR_connect,
        __NR_getpeername,
        __NR_accept4,
        __NR_shutdown,
    ];

    /// socket, SO_REUSEADDR, bind 127.0.0.1:0, getsockname (a port must have
    /// been assigned), listen, then a second socket's connect to it and
    /// getpeername (which must name the listener), accept (whose peer must be
    /// the client) and shutdown: every socket call rawbind makes, with no
    /// allocation.
    fn every_socket_call(addr: &SockAddr) -> Result<(), &'static str> {
        let fd = rawbind::socket(Family::Inet, SockType::Stream, 0).map_err(|_| "socket failed")?;
        rawbind::set_reuse_addr(&fd, true).map_err(|_| "setsockopt failed")?;
        rawbind::bind(&fd, addr).map_err(|_| "bind failed")?;
        let bound = match rawbind::getsockname(&fd) {
            Ok(SockAddr::V4(a)) if a.port() != 0 => a,
            Ok(_) => return Err("getsockname did not return 127.0.0.1 with a port"),
            Err(_) => return Err("getsockname failed"),
        };
        rawbind::listen(&fd, 1).map_err(|_| "listen failed")?;
        let client =
            rawbind::socket(Family::Inet, SockType::Stream, 0).map_err(|_| "socket failed")?;
        rawbind::connect(&client, &bound).map_err(|_| "connect failed")?;
        match rawbind::getpeername(&client) {
            Ok(SockAddr::V4(peer)) if peer == bound => {}
            Ok(_) => return Err("getpeername did not name the listener"),
            Err(_) => return Err("getpeername failed"),
        }
        let (_conn, peer) = rawbind::accept(&fd).map_err(|_| "accept failed")?;
        if rawbind::getsockname(&client) != Ok(peer) {
            return Err("accept's peer is not the client");
        }
        rawbind::shutdown(&client, rawbind::Shutdown::Both).map_err(|_| "shutdown failed")
    }

    /// Default i386 build: a direct bind answered with `ENOSYS` (a kernel before
    /// 4.3, or a sandbox) is retried through socketcall and succeeds; from then
    /// on every socket call goes straight to socketcall, which a second filter,
    /// failing every direct socket call, proves.
    #[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
    #[test]
    fn enosys_from_direct_bind_falls_back_to_socketcall_and_the_choice_is_kept() {
        const NAME: &str =
            "enosys_from_direct_bind_falls_back_to_socketcall_and_the_choice_is_kept";
        if !super::common::seccomp::usable(NAME) {
            return;
        }
        let addr = super::common::loopback_v4();
        let enosys = Filter::fail(&[(__NR_bind, linux_raw_sys::errno::ENOSYS)]);
        let no_direct = Filter::fail(&DIRECT_SOCKET_CALLS.map(|nr| (nr, MARK)));
        let verdict = super::common::child::verdict(|| {
            if rawbind::raw::uses_socketcall() {
                return Err("socketcall was chosen before any ENOSYS");
            }
            let fd =
                rawbind::socket(Family::Inet, SockType::Stream, 0).map_err(|_| "socket failed")?;
            if rawbind::raw::uses_socketcall() {
                return Err("a successful direct socket() switched to socketcall");
            }
            enosys.install()?;
            rawbind::bind(&fd, &addr).map_err(|_| "bind failed despite the socketcall fallback")?;
            if !rawbind::raw::uses_socketcall() {
                return Err("the fallback was not remembered");
            }
            no_direct.install()?;
            every_socket_call(&addr)
        });
        assert_eq!(verdict, Ok(()));
    }

    /// Default build: a call whose own number answers `ENOSYS` and whose
    /// socketcall retry is refused too (a filter refusing listen's own
    /// number and socketcall alike, as container profiles that answered
    /// socketcall with `ENOSYS`, or with their default `EPERM`, did) returns
    /// the retry's answer, and no other call leaves its own number: every
    /// socket call but listen still works under the same filter, which
    /// leaves it no other entry.
    #[cfg(not(any(rawbind_direct, rawbind_socketcall)))]
    #[test]
    fn a_call_socketcall_refuses_too_moves_no_other_call_to_socketcall() {
        use linux_raw_sys::errno::{ENOSYS, EPERM};
        use linux_raw_sys::general::__NR_socketcall;

        const NAME: &str = "a_call_socketcall_refuses_too_moves_no_other_call_to_socketcall";
        if !super::common::seccomp::usable(NAME) {
            return;
        }
        let addr = super::common::loopback_v4();
        for socketcall_answer in [ENOSYS, EPERM] {
            let refused =
                Filter::fail(&[(__NR_listen, ENOSYS), (__NR_socketcall, socketcall_answer)]);
            let verdict = super::common::child::verdict(|| {
                refused.install()?;
                let fd = rawbind::socket(Family::Inet, SockType::Stream, 0)
                    .map_err(|_| "socket failed")?;
                rawbind::bind(&fd, &addr).map_err(|_| "bind failed")?;
                match rawbind::listen(&fd, 1) {
                    Err(e) if e.raw() == socketcall_answer as i32 => {}
                    Err(_) => return Err("listen failed, but not with socketcall's answer"),
                    Ok(()) => return Err("listen succeeded although both its entries are refused"),
                }
                if rawbind::raw::uses_socketcall() {
                    return Err("a socketcall retry that failed switched to socketcall");
                }
                let again = rawbind::socket(Family::Inet, SockType::Stream, 0)
                    .map_err(|_| "socket failed")?;
                rawbind::set_reuse_addr(&again, true).map_err(|_| "setsockopt failed")?;
                rawbind::bind(&again, &addr).map_err(|_| "bind failed after listen's refusal")?;
                match rawbind::getsockname(&again) {
                    Ok(SockAddr::V4(a)) if a.port() != 0 => {}
                    _ => return Err("getsockname failed after listen's refusal"),
                }
                match rawbind::raw::uses_socketcall() {
                    false => Ok(()),
                    true => Err("uses_socketcall() turned true"),
                }
            });
            assert_eq!(
                verdict,
                Ok(()),
                "socketcall answered errno {socketcall_answer}"
            );
        }
    }

    /// `--cfg rawbind_direct`: socketcall is never used, even after `ENOSYS`.
    #[cfg(rawbind_direct)]
    #[test]
    fn pinned_direct_never_uses_socketcall_even_after_enosys() {
        const NAME: &str = "pinned_direct_never_uses_socketcall_even_after_enosys";
        if !super::common::seccomp::usable(NAME) {
            return;
        }
        let addr = super::common::loopback_v4();
        let no_socketcall = Filter::fail(&[(linux_raw_sys::general::__NR_socketcall, MARK)]);
        let enosys =
            Filter::fail(&DIRECT_SOCKET_CALLS.map(|nr| (nr, linux_raw_sys::errno::ENOSYS)));
        let verdict = super::common::child::verdict(|| {
            no_socketcall.install()?;
            every_socket_call(&addr)?;
            let fd =
                rawbind::socket(Family::Inet, SockType::Stream, 0).map_err(|_| "socket failed")?;
            enosys.install()?;
            match rawbind::bind(&fd, &addr) {
                Err(rawbind::Errno::ENOSYS) => {}
                _ => return Err("bind did not return the direct call's ENOSYS"),
            }
            match rawbind::raw::uses_socketcall() {
                false => Ok(()),
                true => Err("uses_socketcall() is true in a rawbind_direct build"),
            }
        });
        assert_eq!(verdict, Ok(()));
    }

    /// `--cfg rawbind_socketcall`: no socket call takes its own number.
    #[cfg(rawbind_socketcall)]
    #[test]
    fn pinned_socketcall_never_makes_a_direct_socket_call() {
        const NAME: &str = "pinned_socketcall_never_makes_a_direct_socket_call";
        if !super::common::seccomp::usable(NAME) {
            return;
        }
        let addr = super::common::loopback_v4();
        let no_direct = Filter::fail(&DIRECT_SOCKET_CALLS.map(|nr| (nr, MARK)));
        let verdict = super::common::child::verdict(|| {
            no_direct.install()?;
            every_socket_call(&addr)?;
            match rawbind::raw::uses_socketcall() {
                true => Ok(()),
                false => Err("uses_socketcall() is false in a rawbind_socketcall build"),
            }
        });
        assert_eq!(verdict, Ok(()));
    }

    /// A socket call rawbind does not wrap, made through the public
    /// `raw::socket_call`, takes the same entries as rawbind's own: here
    /// socketpair(2), whose own number a filter answers with `ENOSYS`. The
    /// default build falls back and makes the pair through socketcall, a
    /// build pinned to direct returns the `ENOSYS`, one pinned to socketcall
    /// never sees the filter.
    #[test]
    fn a_socket_call_of_the_users_own_takes_the_same_entries() {
        use linux_raw_sys::errno::ENOSYS;
        use linux_raw_sys::general::__NR_socketpair;
        use linux_raw_sys::net::{AF_UNIX, SOCK_STREAM, SYS_SOCKETPAIR};
        use rawbind::raw;

        const NAME: &str = "a_socket_call_of_the_users_own_takes_the_same_entries";
        if !super::common::seccomp::usable(NAME) {
            return;
        }
        let enosys = Filter::fail(&[(__NR_socketpair, ENOSYS)]);
        let verdict = super::common::child::verdict(|| {
            enosys.install()?;
            let mut pair = [-1i32; 2];
            let args = [
                AF_UNIX as usize,
                SOCK_STREAM as usize,
                0,
                pair.as_mut_ptr() as usize,
            ];
            // SAFETY: socketpair(2) writes two descriptors into `pair`,
            // which outlives the call; the child exits without using them.
            let r = raw::check(unsafe { raw::socket_call(__NR_socketpair, SYS_SOCKETPAIR, args) });
            match (r, cfg!(rawbind_direct)) {
                (Ok(0), false) if pair.iter().all(|&fd| fd >= 0) => {}
                (Err(e), true) if e.raw() == ENOSYS as i32 => {}
                _ => {
                    return Err(
                        "socketpair through raw::socket_call did not take the build's entry",
                    )
                }
            }
            // Every build but the one pinned to direct has taken socketcall now.
            match rawbind::raw::uses_socketcall() != cfg!(rawbind_direct) {
                true => Ok(()),
                false => Err("uses_socketcall() does not follow raw::socket_call's fallback"),
            }
        });
        assert_eq!(verdict, Ok(()));
    }
}
