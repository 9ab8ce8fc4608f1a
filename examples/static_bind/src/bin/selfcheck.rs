//! rawbind checked against the real kernel by a static, libc-free program:
//! the test suite (`tests/*.rs`) for targets that have no libc to run it on
//! (riscv32, loongarch64 here), and an extra check on every other.
//!
//! It checks each behaviour of the suite that needs neither std (threads,
//! processes, proptest, libc) nor privileged setup (setuid children, mount
//! namespaces, root-only socket types), and prints JSON Lines, one
//! `write(2)` each:
//!
//! ```text
//! {"check":"NAME","ok":true,"tests":["FILE::TEST",...]}
//! {"check":"NAME","ok":false,"why":"TEXT","tests":[...]}
//! {"check":"NAME","skipped":"REASON","tests":[...]}
//! {"done":true,"passed":N,"failed":M,"skipped":K}
//! ```
//!
//! `NAME` is the check's function here, in snake_case. A check of one of
//! bind(2)'s errors starts with the errno (`eaddrinuse_...`), one of a rule
//! under which bind succeeds with `ok_`; one of another call's error starts
//! with the call, then the errno (`connect_einval_...`), as the suite names
//! its tests, since the README's table of bind(2)'s errors files checks by
//! their first word. `tests` names the suite's tests it stands in for,
//! `FILE_STEM::FUNCTION` as in `tests/`; the harness checks that each
//! exists and writes the README's table from them. `[]` marks a check of its
//! own, or one that checks only part of its suite test's claim (what a
//! seccomp filter shows: that no system call was made).
//! A check is `skipped` only where it cannot run here, with the reason: it
//! needs root and this is not root, or the reverse (a capability that lets
//! root past the error checked), or QEMU user mode has a known fault there
//! (as `tests/emulator.rs` recognises it). Strings hold no character JSON
//! would escape; an `Errno` is printed by name and number. The last line is
//! the tally; the exit status is 0 if no check failed, 1 if one did, 101 on
//! a panic. `cargo xtask selfcheck TARGET` (.ci/xtask) builds, checks and
//! runs it.
//!
//! Every number comes from `linux-raw-sys` for the target (its `net`,
//! `if_arp`, `if_ether`, `if_packet`, `netlink` and `vm_sockets` modules,
//! which this package's Cargo.toml enables). Names of files and abstract sockets are unique
//! per run (pid and a counter), ports are 0, and every file made is removed.
//! The program is single-threaded, which the suite's forked children stand
//! in for: a closed descriptor's number, an unmapped page, the umask and the
//! working directory stay as a check leaves them until it is done.
#![no_std]
#![no_main]
// As in main.rs: no_libc.rs's `memcpy` must stay a byte loop.
#![no_builtins]
// `_start` (no_libc.rs) is inline asm, still behind a feature gate there.
#![cfg_attr(
    any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"),
    feature(asm_experimental_arch)
)]

use core::fmt;
use core::hash::{Hash, Hasher};
use core::mem::MaybeUninit;
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicU32, Ordering};

#[cfg(target_pointer_width = "64")]
use linux_raw_sys::general::__NR_fcntl as NR_FCNTL;
#[cfg(target_pointer_width = "32")]
use linux_raw_sys::general::__NR_fcntl64 as NR_FCNTL;
#[cfg(target_pointer_width = "64")]
use linux_raw_sys::general::__NR_mmap;
#[cfg(target_pointer_width = "32")]
use linux_raw_sys::general::__NR_mmap2;
use linux_raw_sys::general::{
    __NR_accept4, __NR_capget, __NR_chdir, __NR_close, __NR_dup, __NR_fchdir, __NR_fchmod,
    __NR_fchmodat, __NR_getdents64, __NR_getpeername, __NR_getpid, __NR_getsockname,
    __NR_getsockopt, __NR_linkat, __NR_mkdirat, __NR_munmap, __NR_openat, __NR_read,
    __NR_readlinkat, __NR_recvfrom, __NR_sched_yield, __NR_sendto, __NR_setsockopt, __NR_statx,
    __NR_symlinkat, __NR_umask, __NR_unlinkat, __NR_write, __user_cap_data_struct,
    __user_cap_header_struct, statx, _LINUX_CAPABILITY_VERSION_3, AT_EMPTY_PATH, AT_FDCWD,
    AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_SYMLINK_NOFOLLOW, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
    CAP_NET_ADMIN, CAP_NET_BIND_SERVICE, FD_CLOEXEC, F_GETFD, F_GETFL, F_SETFL, MAP_ANONYMOUS,
    MAP_PRIVATE, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NONBLOCK, O_PATH, O_RDONLY,
    O_WRONLY, PROT_NONE, PROT_READ, PROT_WRITE, STATX_BASIC_STATS, S_IFMT, S_IFSOCK,
};
use linux_raw_sys::if_ether::ETH_P_ALL;
use linux_raw_sys::if_packet::sockaddr_ll;
use linux_raw_sys::net::{
    __kernel_sa_family_t, __kernel_sockaddr_storage, in6_addr, in_addr, sockaddr_in, sockaddr_in6,
    sockaddr_un, __SOCK_SIZE__, AF_CAN, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_UNIX,
    AF_UNSPEC, AF_VSOCK, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, IPV6_FREEBIND,
    IPV6_TRANSPARENT, IPV6_V6ONLY, IP_BIND_ADDRESS_NO_PORT, IP_FREEBIND, IP_TRANSPARENT,
    MSG_DONTWAIT, MSG_NOSIGNAL, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET, SOCK_STREAM, SOL_SOCKET,
    SO_ACCEPTCONN, SO_BINDTODEVICE, SO_BINDTOIFINDEX, SO_REUSEADDR, SO_REUSEPORT, SO_TYPE,
    SYS_ACCEPT4, SYS_GETPEERNAME, SYS_GETSOCKNAME, SYS_GETSOCKOPT, SYS_RECVFROM, SYS_SENDTO,
    SYS_SETSOCKOPT,
};
use linux_raw_sys::netlink::{sockaddr_nl, NETLINK_ROUTE, RTMGRP_IPV4_IFADDR, RTMGRP_LINK};
use linux_raw_sys::vm_sockets::sockaddr_vm;
use rawbind::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd};
use rawbind::raw::{
    self, check, syscall0, syscall1, syscall2, syscall3, syscall4, syscall5, syscall6,
};
use rawbind::{
    accept, accept_with, accept_without_addr, bind, bind_device, bind_device_by_index,
    bind_with_mode, connect, device, device_index, getpeername, getsockname,
    ip_bind_address_no_port, ip_freebind, ip_transparent, ipv6_freebind, ipv6_only,
    ipv6_transparent, is_listening, listen, nonblocking, reuse_addr, reuse_port, set_cloexec,
    set_ip_bind_address_no_port, set_ip_freebind, set_ip_transparent, set_ipv6_freebind,
    set_ipv6_only, set_ipv6_transparent, set_nonblocking, set_reuse_addr, set_reuse_port, shutdown,
    socket, socket_family, socket_protocol, socket_type, socket_with, take_error, AddrError, Errno,
    Family, LinkAddr, NetlinkAddr, Shutdown, SockAddr, SockType, SocketFlags, UnixAddr,
    UnixAddrKind, VsockAddr,
};

#[path = "../no_libc.rs"]
mod no_libc;
#[cfg(feature = "seccomp")]
#[path = "../seccomp.rs"]
mod seccomp;
#[path = "../sys.rs"]
mod sys;

use no_libc::Line;
use sys::{exit, write_all};

// ---- The checks: each a function, its name the check's, with the suite's
//      tests it stands in for. ----

/// One check: its function's name, the suite tests it stands in for.
struct Check {
    name: &'static str,
    tests: &'static [&'static str],
    run: fn(&mut Ctx) -> Outcome,
}

macro_rules! checks {
    ($($run:ident => [$($test:expr),* $(,)?],)+) => {
        /// Every check, in the order they run.
        const CHECKS: &[Check] = &[
            $(Check { name: stringify!($run), tests: &[$($test),*], run: $run },)+
        ];
    };
}

checks! {
    // bind and getsockname
    v4_loopback => ["bind::v4_loopback_port_0_is_assigned_a_nonzero_port"],
    v6_loopback => ["bind::v6_loopback_port_0_is_assigned_a_nonzero_port"],
    v4_mapped_v6_on_a_dual_stack_socket => [
        "bind::v4_mapped_v6_address_binds_on_dual_stack_inet6_socket",
    ],
    v6_flowinfo_is_ignored => [
        "bind::v6_nonzero_flowinfo_is_accepted_and_getsockname_reports_flowinfo_0",
    ],
    unix_pathname => ["bind::unix_pathname_reads_back_exactly_and_leaves_a_socket_file"],
    unix_108_byte_pathname => [
        "bind::unix_108_byte_pathname_reads_back_exactly_with_kernel_appended_nul",
    ],
    unix_pathname_of_every_byte => ["bind::unix_pathname_of_any_bytes_reads_back_exactly"],
    unix_abstract => ["bind::unix_abstract_name_with_nul_and_0xff_reads_back_byte_exact"],
    unix_abstract_of_every_byte => ["bind::unix_abstract_name_of_any_bytes_reads_back_byte_exact"],
    unix_autobind => ["bind::unix_unnamed_bind_autobinds_abstract_name_of_5_lowercase_hex_digits"],
    unix_unbound_is_unnamed => ["bind::unix_unbound_socket_reads_back_as_unnamed"],
    netlink_pid_0_reads_back_an_assigned_pid => [
        "bind::netlink_pid_0_binds_to_a_pid_the_kernel_assigns_and_getsockname_reads_back",
    ],
    netlink_groups_read_back => [
        "bind::netlink_multicast_groups_read_back_and_a_rebind_to_its_own_pid_changes_them",
    ],
    vsock_port_any_reads_back => [
        "bind::vsock_cid_any_port_any_binds_to_a_port_the_kernel_picks_and_getsockname_reads_back",
    ],
    bind_takes_each_address_type => ["bind::bind_takes_each_address_type_directly"],
    socket_types_are_the_kernels => ["bind::each_socket_type_is_the_type_the_kernel_makes"],
    listen_eopnotsupp_on_a_datagram_socket => [
        "bind::each_socket_type_is_the_type_the_kernel_makes",
    ],
    listen_after_v4_bind => ["bind::listen_after_v4_bind_accepts_a_connection"],
    listen_after_unix_bind => ["bind::listen_after_unix_bind_accepts_a_connection"],
    set_reuse_addr_sets_so_reuseaddr => [
        "bind::set_reuse_addr_sets_so_reuseaddr_and_lets_two_sockets_share_a_port",
    ],
    set_reuse_port_sets_so_reuseport => [
        "bind::set_reuse_port_sets_so_reuseport_and_lets_two_sockets_share_a_port",
    ],
    einval_v4_mapped_on_a_v6_only_socket => [
        "bind::set_ipv6_only_sets_ipv6_v6only_and_true_refuses_a_v4_mapped_bind",
    ],
    // connect and getpeername
    connect_getpeername => [
        "connect::connect_ok_v4_stream_connects_to_a_loopback_listener_and_both_peers_read_back",
    ],
    connect_v6 => [
        "connect::connect_ok_v6_stream_connects_to_a_loopback_listener_and_both_peers_read_back",
    ],
    connect_unix_pathname => [
        "connect::connect_ok_unix_pathname_reads_back_the_path_and_an_unnamed_client",
    ],
    connect_unix_abstract => [
        "connect::connect_ok_unix_abstract_name_reads_back_the_name_byte_exact",
    ],
    connect_datagram_records_the_peer => [
        "connect::connect_ok_datagram_socket_records_the_peer_without_sending",
    ],
    connect_enotconn_getpeername_never_connected => [
        "connect::connect_enotconn_getpeername_on_a_socket_that_never_connected",
    ],
    connect_econnrefused_to_a_port_nobody_listens_on => [
        "connect::connect_econnrefused_to_a_bound_port_nobody_listens_on",
    ],
    connect_eisconn_twice => ["connect::connect_eisconn_on_a_connected_stream_socket"],
    connect_enoent_to_a_missing_path => [
        "connect::connect_enoent_to_a_unix_path_that_does_not_exist",
    ],
    connect_eafnosupport_v6_on_inet => [
        "connect::connect_eafnosupport_with_a_v6_address_on_an_inet_socket",
    ],
    connect_einval_v4_on_inet6 => [
        "connect::connect_einval_with_a_v4_address_on_an_inet6_socket",
    ],
    // a server's path
    accept_v4_peer => ["server::accept_v4_peer_is_the_clients_address_on_both_ends"],
    accept_v6_loopback_peer => [
        "server::accept_v6_loopback_peer_is_the_clients_address_on_both_ends",
    ],
    accept_unix_pathname_peer => [
        "server::accept_unix_pathname_peer_is_the_clients_path_108_bytes_too",
    ],
    accept_unix_abstract_peer => ["server::accept_unix_abstract_peer_keeps_nul_and_0xff_bytes"],
    accept_unix_unbound_client_is_unnamed => ["server::accept_unix_unbound_client_is_unnamed"],
    accept_flags => ["server::accept_sets_cloexec_and_accept_with_each_flag_sets_exactly_it"],
    accept_without_addr_flags_and_peer => [
        "server::accept_without_addr_gives_the_connection_with_exactly_the_flags_given",
    ],
    accept_without_addr_errors => ["server::accept_without_addr_fails_as_accept_does"],
    accept_eagain_with_nothing_pending => [
        "server::accept_eagain_on_a_nonblocking_listener_with_nothing_pending",
    ],
    accept_einval_not_listening => ["server::accept_einval_on_a_socket_that_is_not_listening"],
    accept_eopnotsupp_on_a_datagram_socket => ["server::accept_eopnotsupp_on_a_datagram_socket"],
    accept_enotsock_on_a_regular_file => ["server::accept_enotsock_on_a_regular_file"],
    accept_ebadf_on_a_closed_fd => ["server::accept_ebadf_on_a_closed_descriptor"],
    shutdown_write_makes_the_peer_read_eof => [
        "server::shutdown_write_makes_the_peer_read_end_of_file",
    ],
    shutdown_read_makes_reads_return_eof => [
        "server::shutdown_read_makes_reads_return_end_of_file_at_once",
    ],
    shutdown_both_then_send_epipe => ["server::shutdown_both_ends_the_connection_both_ways"],
    shutdown_enotconn_unconnected_tcp => [
        "server::shutdown_enotconn_on_an_unconnected_tcp_socket",
    ],
    shutdown_unconnected_unix_succeeds => [
        "server::shutdown_unconnected_unix_socket_succeeds_as_the_kernel_answers",
    ],
    shutdown_enotsock_on_a_regular_file => ["server::shutdown_enotsock_on_a_regular_file"],
    shutdown_ebadf_on_a_closed_fd => ["server::shutdown_ebadf_on_a_closed_descriptor"],
    socket_with_each_flag => ["server::socket_with_each_flag_is_read_back_by_the_kernel"],
    set_cloexec_and_set_nonblocking => [
        "server::set_cloexec_and_set_nonblocking_are_read_back_by_the_kernel",
    ],
    set_nonblocking_keeps_the_other_flags => [
        "server::set_nonblocking_keeps_the_other_status_flags",
    ],
    flag_calls_ebadf_on_a_closed_fd => ["server::flag_calls_on_a_closed_descriptor_are_ebadf"],
    bind_with_mode_less_the_umask => [
        "server::bind_with_mode_makes_the_file_with_the_mode_less_the_umask",
    ],
    bind_with_mode_einval_of_no_file_or_a_bad_mode => [],
    bind_with_mode_changes_no_mode_but_an_af_unix_sockets => [
        "server::bind_with_mode_changes_the_mode_of_nothing_but_an_af_unix_socket",
    ],
    unlink_enoent_twice_then_bind_again => [
        "server::unlink_removes_the_file_then_enoent_then_bind_succeeds_again_108_bytes_too",
    ],
    unlink_of_no_file_is_ok => [],
    // the socket options that change what bind does
    option_so_reuseaddr_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_so_reuseport_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_ipv6_v6only_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_ip_freebind_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_ipv6_freebind_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_ip_transparent_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_ipv6_transparent_reads_back => ["options::option_every_flag_reads_back_what_was_set"],
    option_ip_bind_address_no_port_reads_back => [
        "options::option_every_flag_reads_back_what_was_set",
    ],
    option_ip_freebind_binds_a_non_local_address => [
        "options::option_ip_freebind_lets_a_non_local_v4_address_bind",
    ],
    option_ipv6_freebind_binds_a_non_local_address => [
        "options::option_ipv6_freebind_lets_a_non_local_v6_address_bind",
    ],
    option_ipv6_freebind_binds_a_link_local_address_with_a_scope => [
        "options::option_ipv6_freebind_lets_a_link_local_address_with_a_scope_bind",
    ],
    option_ip_transparent_binds_a_non_local_address => [],
    option_ipv6_transparent_binds_a_non_local_address => [],
    option_ip_bind_address_no_port_defers_the_port_to_connect => [
        "options::option_ip_bind_address_no_port_defers_the_port_to_connect",
    ],
    option_bind_device_by_name_reads_back_and_unbinds => [
        "options::option_bind_device_by_name_reads_back_and_unbinds",
    ],
    option_bind_device_refuses_a_bad_name_or_index => [
        "options::option_bind_device_refuses_a_bad_name_or_index_before_any_syscall",
    ],
    option_bind_device_by_index_reads_back_and_zero_unbinds => [
        "options::option_bind_device_by_index_reads_back_and_zero_unbinds",
    ],
    option_type_family_protocol_and_listening => [
        "options::option_type_family_protocol_and_listening_agree_with_how_the_socket_was_made",
    ],
    option_take_error_once => ["options::option_take_error_gives_a_refused_connects_error_once"],
    option_on_the_wrong_family => ["options::option_on_the_wrong_family_gives_the_kernels_error"],
    option_ipv6_options_on_af_inet_and_af_unix => [
        "options::option_ipv6_options_on_af_inet_and_af_unix_give_the_kernels_errors",
    ],
    // bind(2)'s errors
    eaddrinuse => ["errors::eaddrinuse_second_socket_on_the_same_127_0_0_1_port"],
    einval_rebind => ["errors::einval_binding_an_already_bound_inet_socket"],
    ebadf => ["errors::ebadf_fd_minus_1_via_raw_bind"],
    eaddrnotavail => ["errors::eaddrnotavail_192_0_2_1_is_not_a_local_address"],
    eafnosupport_v6_on_inet => ["errors::eafnosupport_v6_address_on_an_inet_socket"],
    einval_v4_on_inet6 => ["errors::einval_v4_address_on_an_inet6_socket"],
    einval_link_local_without_scope => ["errors::einval_ipv6_link_local_fe80_1_without_a_scope_id"],
    enodev_link_local_scope => ["errors::enodev_ipv6_link_local_with_a_scope_id_no_interface_has"],
    enotdir => ["errors::enotdir_unix_path_prefix_is_a_regular_file"],
    enoent => ["errors::enoent_unix_path_in_a_missing_directory"],
    enotsock => ["errors::enotsock_dev_null_fd"],
    efault => ["errors::efault_addr_in_an_unmapped_page_via_raw_bind"],
    efault_prot_none_page => ["errors::efault_addr_in_a_prot_none_page_via_raw_bind"],
    eaddrinuse_unix_path_taken => ["errors::eaddrinuse_second_socket_on_the_same_unix_path"],
    eaddrinuse_abstract_name_taken => [
        "errors::eaddrinuse_second_socket_on_the_same_abstract_name",
    ],
    einval_rebind_unix_leaves_no_file => [
        "errors::einval_binding_an_already_bound_unix_socket_leaves_no_file_behind",
    ],
    einval_v4_on_unix => ["errors::einval_v4_address_on_a_unix_socket"],
    einval_addrlen_3 => ["errors::einval_addrlen_3_with_a_valid_sockaddr_in_via_raw_bind"],
    ebadf_closed_fd => ["errors::ebadf_fd_number_that_was_just_closed"],
    enotsock_regular_file => ["errors::enotsock_regular_file_fd"],
    eacces_port_463 => ["errors::eacces_port_463_as_nobody"],
    eacces_path_without_search_permission => [
        "errors::eacces_unix_path_in_a_directory_without_search_permission_as_nobody",
    ],
    ok_so_reuseaddr_on_both_and_the_first_not_listening => [
        "errors::ok_so_reuseaddr_on_both_tcp_sockets_and_the_first_not_listening",
    ],
    eaddrinuse_so_reuseaddr_while_the_first_listens => [
        "errors::eaddrinuse_so_reuseaddr_on_both_tcp_sockets_while_the_first_listens",
    ],
    eaddrinuse_so_reuseaddr_on_the_second_only => [
        "errors::eaddrinuse_so_reuseaddr_on_the_second_tcp_socket_only",
    ],
    eaddrinuse_dual_stack_v6_on_a_v4_wildcard_port => [
        "errors::eaddrinuse_dual_stack_v6_wildcard_on_a_port_the_v4_wildcard_holds",
    ],
    eaddrinuse_v4_wildcard_on_a_dual_stack_v6_port => [
        "errors::eaddrinuse_v4_wildcard_on_a_port_a_dual_stack_v6_wildcard_holds",
    ],
    ok_v6only_and_v4_wildcards_share_a_port => [
        "errors::ok_v6only_wildcard_and_v4_wildcard_share_a_port",
    ],
    ok_so_reuseport_on_all_4_sockets => [
        "errors::ok_so_reuseport_on_all_4_sockets_binds_them_all_to_one_port",
    ],
    eaddrinuse_so_reuseport_not_on_the_first => [
        "errors::eaddrinuse_so_reuseport_when_the_first_socket_did_not_set_it",
    ],
    eaddrinuse_abstract_name_of_the_same_type => [
        "errors::eaddrinuse_abstract_name_in_use_by_a_socket_of_the_same_type",
    ],
    ok_abstract_name_per_type => [
        "errors::ok_abstract_name_of_one_type_does_not_collide_with_other_types",
    ],
    eaddrinuse_autobound_name => ["errors::eaddrinuse_second_socket_on_an_autobound_name"],
    einval_rebind_autobound => ["errors::einval_binding_an_autobound_unix_socket_again"],
    ok_unnamed_bind_when_bound_changes_nothing => [
        "errors::ok_unnamed_bind_on_an_already_bound_unix_socket_changes_nothing",
    ],
    eaddrinuse_path_is_a_regular_file => [
        "errors::eaddrinuse_unix_path_is_an_existing_regular_file",
    ],
    eaddrinuse_path_is_a_dangling_symlink => ["errors::eaddrinuse_unix_path_is_a_dangling_symlink"],
    einval_unix_under_16_bytes_on_inet => [
        "errors::einval_unix_address_shorter_than_16_bytes_on_an_inet_socket",
    ],
    eafnosupport_unix_of_16_bytes_or_more_on_inet => [
        "errors::eafnosupport_unix_address_of_16_bytes_or_more_on_an_inet_socket",
    ],
    ok_af_unspec_0_0_0_0_on_inet => [
        "errors::ok_af_unspec_with_address_0_0_0_0_binds_an_inet_socket_as_inaddr_any",
    ],
    eafnosupport_af_unspec_127_0_0_1_on_inet => [
        "errors::eafnosupport_af_unspec_with_address_127_0_0_1_on_an_inet_socket",
    ],
    einval_unix_under_24_bytes_on_inet6 => [
        "errors::einval_unix_address_shorter_than_24_bytes_on_an_inet6_socket",
    ],
    eafnosupport_unix_of_24_bytes_or_more_on_inet6 => [
        "errors::eafnosupport_unix_address_of_24_bytes_or_more_on_an_inet6_socket",
    ],
    einval_v6_on_unix => ["errors::einval_v6_address_on_a_unix_socket"],
    eloop_symlink_loop_in_the_prefix => [
        "errors::eloop_unix_path_through_a_symlink_loop_in_the_prefix",
    ],
    enametoolong_symlink_to_a_component_over_name_max => [
        "errors::enametoolong_symlink_in_the_prefix_leads_to_a_component_over_name_max",
    ],
    einval_unix_addrlen_111 => ["errors::einval_unix_addrlen_111_a_109_byte_path_via_raw_bind"],
    eaddrinuse_netlink_pid_taken => ["errors::eaddrinuse_second_netlink_socket_on_the_same_pid"],
    eaddrinuse_vsock_port_taken => ["errors::eaddrinuse_second_vsock_socket_on_the_same_port"],
    // raw::syscall0..6
    syscall0_getpid => ["raw::syscall0_getpid_is_the_process_id"],
    syscall1_dup => ["raw::syscall1_dup_returns_a_new_descriptor_for_the_same_file"],
    syscall2_fchmod_and_ftruncate => [
        "raw::syscall2_ftruncate_sets_the_length_of_the_given_file",
    ],
    syscall3_write => ["raw::syscall3_write_writes_the_given_bytes_to_the_given_file"],
    syscall4_openat => [
        "raw::syscall4_openat_creates_the_named_file_in_the_given_directory_with_the_given_mode",
    ],
    syscall5_linkat => ["raw::syscall5_linkat_links_the_given_name_to_the_given_new_name"],
    syscall6_mmap_or_copy_file_range => [SYSCALL6_TEST],
    // addresses and layouts, without a system call
    addr_round_trips => [
        "addr::v4_round_trips",
        "addr::v6_round_trips",
        "addr::unix_pathname_round_trips",
        "addr::unix_abstract_round_trips",
        "addr::link_round_trips",
        "addr::netlink_round_trips",
        "addr::vsock_round_trips",
        "addr::netlink_decodes_from_its_kernel_form",
        "addr::vsock_decodes_from_its_kernel_form",
        "addr::any_kind_round_trips",
        "addr::kind_returns_exactly_the_bytes_given",
        "addr::link_short_forms_decode_with_rest_zero",
    ],
    addr_decode_sweep => ["addr::decode_never_panics_and_what_it_accepts_round_trips"],
    addr_full_length_path_decodes => ["addr::full_length_path_as_getsockname_returns_it"],
    addr_pathname_ends_at_first_nul => ["addr::pathname_ends_at_first_nul"],
    addr_abstract_and_unnamed_decode => ["addr::unix_abstract_and_unnamed_decode"],
    addr_packet_decodes_halen_bytes => ["addr::packet_with_halen_bytes_of_addr"],
    addr_unknown_family_kept_byte_for_byte => ["addr::unknown_family_is_kept_byte_for_byte"],
    addr_netlink_and_vsock_other_where_their_types_cannot_hold_them => [
        "addr::netlink_and_vsock_bytes_their_types_cannot_hold_stay_other",
    ],
    addr_netlink_and_vsock_text => [
        "addr::netlink_text_round_trips",
        "addr::vsock_text_round_trips",
        "addr::netlink_and_vsock_text_refusals_say_what_is_wrong",
    ],
    addr_wrong_lengths_are_bad_length => ["addr::wrong_lengths_are_bad_length"],
    addr_too_short_and_too_long => ["addr::too_short_and_too_long"],
    addr_unix_constructor_rules => ["addr::unix_constructor_rules"],
    addr_display => ["addr::display"],
    addr_error_display_has_the_numbers => ["addr::addr_error_display_mentions_the_numbers"],
    addr_from_core_socket_addrs => ["addr::from_std_socket_addrs"],
    addr_family_of_each_kind => ["addr::family_of_each_kind"],
    addr_try_from_gives_back_the_address => [
        "addr::try_from_gives_back_the_inner_address_or_wrong_family",
    ],
    layout_encodes_as_the_c_structs => [
        "layout::v4_encodes_as_sockaddr_in",
        "layout::v6_encodes_as_sockaddr_in6",
        "layout::unix_pathname_encodes_as_sockaddr_un",
        "layout::unix_abstract_encodes_as_sockaddr_un",
        "layout::link_encodes_as_sockaddr_ll",
        "layout::netlink_encodes_as_sockaddr_nl",
        "layout::vsock_encodes_as_sockaddr_vm",
    ],
    layout_v4_known_bytes => ["layout::v4_known_bytes"],
    layout_v6_known_bytes => ["layout::v6_known_bytes"],
    layout_unix_boundary_lengths => [
        "layout::unix_boundary_lengths",
        "layout::unix_unnamed_is_just_the_family",
    ],
    layout_link_protocol_big_endian => ["layout::link_new_sets_protocol_big_endian"],
    layout_netlink_and_vsock_known_bytes => [
        "layout::netlink_known_bytes",
        "layout::vsock_known_bytes",
    ],
    layout_struct_sizes_and_offsets => [
        "layout::libc_struct_sizes_match_rawbind_docs",
        "layout::libc_struct_offsets_match_rawbind_docs",
        "layout::libc_structs_have_no_padding",
    ],
    layout_encoded_buffer_is_aligned => ["layout::encoded_buffer_is_aligned_for_any_sockaddr"],
    layout_family_numbers => ["layout::sa_family_numbers_match_libc"],
    // errno
    errno_numbers => ["errno::named_variants_are_libc_constants"],
    errno_every_number_survives_from_raw => ["errno::every_number_survives_from_raw_raw"],
    errno_names_and_descriptions => [
        "errno::every_named_number_has_a_proper_name_and_description",
    ],
    errno_descriptions_are_glibcs => ["errno::descriptions_are_glibcs"],
    errno_unnamed_numbers_are_unknown => ["errno::unnamed_numbers_are_unknown"],
    errno_aliases => ["errno::aliases"],
    errno_display_and_debug => ["errno::display_and_debug"],
    errno_hash_eq_copy => ["errno::hash_eq_copy"],
    // where QEMU user mode and the kernel disagree
    getsockname_gives_back_sin6_scope_id => ["emulator::getsockname_gives_back_sin6_scope_id"],
    setsockopt_ip_transparent => ["emulator::setsockopt_ip_transparent_reaches_the_kernel"],
    setsockopt_ip_bind_address_no_port => [
        "emulator::setsockopt_ip_bind_address_no_port_reaches_the_kernel",
    ],
    setsockopt_so_bindtoifindex => ["emulator::setsockopt_so_bindtoifindex_reaches_the_kernel"],
    getsockopt_so_bindtodevice => ["emulator::getsockopt_so_bindtodevice_gives_back_the_name"],
    sendto_ebadf_checks_the_descriptor_first => [
        "emulator::sendto_checks_the_descriptor_before_the_buffer",
    ],
    // what the others made
    cloexec => ["bind::every_socket_rawbind_creates_is_close_on_exec"],
    so_type => ["bind::each_socket_type_is_the_type_the_kernel_makes"],
    temp_files_removed => [],
}

// ---- Outcomes ----

/// How a check went wrong.
enum How {
    /// A call failed that should have succeeded.
    Failed(Errno),
    /// A call failed otherwise than expected.
    Instead { got: Errno, want: Errno },
    /// A call succeeded that should have failed.
    Succeeded { want: Errno },
    /// rawbind refused to make an address.
    Refused,
    /// The answer differs from the one expected, as the step says.
    Wrong,
}

/// Why a check did not pass.
enum Why {
    /// It failed at this step, so.
    Fail(&'static str, How),
    /// It could not run here, for this reason.
    Skip(&'static str),
}

type Outcome = Result<(), Why>;

/// Names the step of a call's failure.
trait At<T> {
    fn at(self, step: &'static str) -> Result<T, Why>;
}

impl<T> At<T> for Result<T, Errno> {
    fn at(self, step: &'static str) -> Result<T, Why> {
        self.map_err(|e| Why::Fail(step, How::Failed(e)))
    }
}

impl<T> At<T> for Result<T, AddrError> {
    fn at(self, step: &'static str) -> Result<T, Why> {
        self.map_err(|_| Why::Fail(step, How::Refused))
    }
}

/// Fails with `what` unless `ok`.
fn ensure(ok: bool, what: &'static str) -> Outcome {
    match ok {
        true => Ok(()),
        false => Err(Why::Fail(what, How::Wrong)),
    }
}

/// `result` must be the error `want`; `step` says what was called.
fn expect<T>(step: &'static str, result: Result<T, Errno>, want: Errno) -> Outcome {
    match result {
        Err(got) if got == want => Ok(()),
        Err(got) => Err(Why::Fail(step, How::Instead { got, want })),
        Ok(_) => Err(Why::Fail(step, How::Succeeded { want })),
    }
}

// ---- The run ----

/// Files, directories or working directories the checks could not put back.
static LEFTOVERS: AtomicU32 = AtomicU32::new(0);

/// What the checks share: unique names, and every socket made, to check
/// its FD_CLOEXEC and SO_TYPE at the end.
struct Ctx {
    pid: u32,
    /// Names made so far, for the next unique one.
    serial: u32,
    sockets: u32,
    /// The first socket found without FD_CLOEXEC.
    inheritable: Option<i32>,
    /// Why the first socket whose SO_TYPE is not the type asked for is so.
    mistyped: Option<&'static str>,
}

impl Ctx {
    /// A socket from rawbind; its FD_CLOEXEC and SO_TYPE are read back.
    fn socket(&mut self, family: Family, ty: SockType) -> Result<OwnedFd, Why> {
        self.socket_of(family, ty, 0)
    }

    /// As [`socket`](Ctx::socket), for `protocol`.
    fn socket_of(&mut self, family: Family, ty: SockType, protocol: i32) -> Result<OwnedFd, Why> {
        let fd = socket(family, ty, protocol).at("socket")?;
        self.adopt(&fd)?;
        let want = match ty {
            SockType::Stream => SOCK_STREAM,
            SockType::Dgram => SOCK_DGRAM,
            SockType::SeqPacket => SOCK_SEQPACKET,
            SockType::Raw => SOCK_RAW,
            _ => return Ok(fd),
        };
        match getsockopt_int(&fd, SOL_SOCKET, SO_TYPE) {
            Ok(got) if got == want as i32 => {}
            Ok(_) => {
                _ = self
                    .mistyped
                    .get_or_insert("SO_TYPE is not the type asked for")
            }
            Err(_) => _ = self.mistyped.get_or_insert("getsockopt(SO_TYPE) failed"),
        }
        Ok(fd)
    }

    /// An AF_INET6 socket, or a skip where this system has none.
    fn inet6(&mut self, ty: SockType) -> Result<OwnedFd, Why> {
        match socket(Family::Inet6, ty, 0) {
            Err(Errno::EAFNOSUPPORT) => Err(Why::Skip("no AF_INET6 sockets here")),
            _ => self.socket(Family::Inet6, ty),
        }
    }

    /// A skip where this system has no AF_INET6 sockets of type `ty`.
    fn need_inet6(&mut self, ty: SockType) -> Outcome {
        self.inet6(ty).map(drop)
    }

    /// Counts a socket made, and reads back its FD_CLOEXEC.
    fn adopt(&mut self, fd: &OwnedFd) -> Outcome {
        self.sockets += 1;
        // SAFETY: fcntl(F_GETFD) takes only integers and reads the flags of
        // `fd`, which is open.
        let flags = check(unsafe {
            syscall3(
                NR_FCNTL as usize,
                fd.as_raw_fd() as usize,
                F_GETFD as usize,
                0,
            )
        })
        .at("fcntl(F_GETFD)")?;
        if flags & FD_CLOEXEC as usize == 0 && self.inheritable.is_none() {
            self.inheritable = Some(fd.as_raw_fd());
        }
        Ok(())
    }

    /// `rawbind-selfcheck-TAG-PID-N`: a name no other check or run uses.
    fn unique(&mut self, tag: &[u8]) -> Name {
        self.serial += 1;
        let mut name = Name::of(b"rawbind-selfcheck-");
        name.push(tag);
        name.push(b"-");
        name.push_decimal(self.pid);
        name.push(b"-");
        name.push_decimal(self.serial);
        name
    }
}

/// The tally of the checks run.
#[derive(Default)]
struct Tally {
    passed: u16,
    failed: u16,
    skipped: u16,
}

/// A JSON line: long enough for the longest check's tests and reason.
type JsonLine = Line<2048>;

impl Tally {
    /// Prints the check's line, and counts it.
    fn report(&mut self, check: &Check, outcome: Outcome) {
        let mut line = JsonLine::empty();
        line.push(b"{\"check\":");
        push_json_str(&mut line, check.name.as_bytes());
        match outcome {
            Ok(()) => {
                self.passed += 1;
                line.push(b",\"ok\":true");
            }
            Err(Why::Skip(reason)) => {
                self.skipped += 1;
                line.push(b",\"skipped\":");
                push_json_str(&mut line, reason.as_bytes());
            }
            Err(Why::Fail(step, how)) => {
                self.failed += 1;
                line.push(b",\"ok\":false,\"why\":\"");
                push_json_text(&mut line, step.as_bytes());
                match how {
                    How::Wrong => {}
                    How::Refused => line.push(b": refused"),
                    How::Failed(e) => {
                        line.push(b": ");
                        push_errno(&mut line, e);
                    }
                    How::Instead { got, want } => {
                        line.push(b": ");
                        push_errno(&mut line, got);
                        line.push(b", not ");
                        push_errno(&mut line, want);
                    }
                    How::Succeeded { want } => {
                        line.push(b": succeeded, not ");
                        push_errno(&mut line, want);
                    }
                }
                line.push(b"\"");
            }
        }
        line.push(b",\"tests\":[");
        for (i, test) in check.tests.iter().enumerate() {
            if i > 0 {
                line.push(b",");
            }
            push_json_str(&mut line, test.as_bytes());
        }
        line.push(b"]}");
        print(line.finish());
    }
}

/// The program, called by `_start`: runs the checks, prints the tally and
/// exits 0 if no check failed, else 1.
extern "C" fn start() -> ! {
    #[cfg(feature = "seccomp")]
    sandbox::enter();
    // SAFETY: getpid(2) takes nothing and cannot fail.
    let pid = unsafe { syscall0(__NR_getpid as usize) } as u32;
    let mut c = Ctx {
        pid,
        serial: 0,
        sockets: 0,
        inheritable: None,
        mistyped: None,
    };
    let mut tally = Tally::default();
    for check in CHECKS {
        let outcome = (check.run)(&mut c);
        tally.report(check, outcome);
    }
    // The tally fits a short line.
    let mut line = Line::new();
    line.push(b"{\"done\":true,\"passed\":");
    line.push_decimal(tally.passed);
    line.push(b",\"failed\":");
    line.push_decimal(tally.failed);
    line.push(b",\"skipped\":");
    line.push_decimal(tally.skipped);
    line.push(b"}");
    print(line.finish());
    exit(if tally.failed == 0 { 0 } else { 1 })
}

// ---- bind and getsockname ----

/// 127.0.0.1, port 0: the kernel picks a free port.
const LOOPBACK_V4: SocketAddrV4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);

/// [::1], port 0.
const LOOPBACK_V6: SocketAddrV6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0);

/// rawbind's getsockname of `fd`, whose encoding must be the bytes the
/// kernel returns (for the kinds where it returns the canonical form).
fn name_as_kernel_says(fd: impl AsFd) -> Result<SockAddr, Why> {
    let fd = fd.as_fd();
    let got = getsockname(fd).at("getsockname")?;
    let (kernel, len) = kernel_name(fd, NameCall::Sock).at("getsockname(2)")?;
    let same = got.with_bytes(|b| Some(b) == kernel.get(..len));
    ensure(same, "encode() differs from the kernel's bytes")?;
    Ok(got)
}

/// Binds to 127.0.0.1:0: getsockname gives 127.0.0.1 and a port.
fn v4_loopback(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Inet, ty)?;
        bind(&fd, &LOOPBACK_V4).at("bind 127.0.0.1:0")?;
        let SockAddr::V4(a) = name_as_kernel_says(&fd)? else {
            return ensure(false, "getsockname: not SockAddr::V4");
        };
        ensure(*a.ip() == Ipv4Addr::LOCALHOST, "getsockname: not 127.0.0.1")?;
        ensure(a.port() != 0, "getsockname: port 0")?;
    }
    Ok(())
}

/// Binds to [::1]:0: getsockname gives ::1, a port, no flow info or scope.
fn v6_loopback(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.inet6(ty)?;
        bind(&fd, &LOOPBACK_V6).at("bind [::1]:0")?;
        let SockAddr::V6(a) = name_as_kernel_says(&fd)? else {
            return ensure(false, "getsockname: not SockAddr::V6");
        };
        ensure(*a.ip() == Ipv6Addr::LOCALHOST, "getsockname: not ::1")?;
        ensure(a.port() != 0, "getsockname: port 0")?;
        ensure(
            a.flowinfo() == 0 && a.scope_id() == 0,
            "getsockname: flow info or scope",
        )?;
    }
    Ok(())
}

/// ::ffff:127.0.0.1 binds on a dual-stack AF_INET6 socket, and reads back.
fn v4_mapped_v6_on_a_dual_stack_socket(c: &mut Ctx) -> Outcome {
    let fd = c.inet6(SockType::Stream)?;
    set_ipv6_only(&fd, false).at("set_ipv6_only(false)")?;
    let mapped = Ipv4Addr::LOCALHOST.to_ipv6_mapped();
    bind(&fd, &SocketAddrV6::new(mapped, 0, 0, 0)).at("bind [::ffff:127.0.0.1]:0")?;
    let SockAddr::V6(a) = name_as_kernel_says(&fd)? else {
        return ensure(false, "getsockname: not SockAddr::V6");
    };
    ensure(*a.ip() == mapped, "getsockname: not ::ffff:127.0.0.1")?;
    ensure(
        a.ip().to_ipv4_mapped() == Some(Ipv4Addr::LOCALHOST),
        "to_ipv4_mapped: not 127.0.0.1",
    )?;
    ensure(a.port() != 0, "getsockname: port 0")
}

/// The kernel ignores `sin6_flowinfo` in bind (any value), and getsockname
/// reports 0; rawbind sends it big-endian.
fn v6_flowinfo_is_ignored(c: &mut Ctx) -> Outcome {
    for flowinfo in [1, 0x000a_bcde, 0x0fff_ffff, 0xffff_ffff] {
        let fd = c.inet6(SockType::Dgram)?;
        let addr = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, flowinfo, 0);
        let sent = SockAddr::V6(addr).encode();
        ensure(
            sent.as_bytes().get(4..8) == Some(&flowinfo.to_be_bytes()[..]),
            "sin6_flowinfo is not sent big-endian",
        )?;
        bind(&fd, &addr).at("bind [::1]:0 with flow info")?;
        let SockAddr::V6(a) = name_as_kernel_says(&fd)? else {
            return ensure(false, "getsockname: not SockAddr::V6");
        };
        ensure(
            *a.ip() == Ipv6Addr::LOCALHOST && a.port() != 0,
            "getsockname: not [::1]:port",
        )?;
        ensure(
            a.flowinfo() == 0 && a.scope_id() == 0,
            "getsockname: flow info or scope",
        )?;
    }
    Ok(())
}

/// Whether a socket file is at `path`.
fn is_socket_file(path: &Name) -> bool {
    stat(path).is_ok_and(|st| u32::from(st.stx_mode) & S_IFMT == S_IFSOCK)
}

/// Binds to a path in a directory of its own: getsockname gives the same
/// bytes as a pathname, and a socket file is there.
fn unix_pathname(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = dir.join(b"a.sock");
    let addr = UnixAddr::new(path.bytes()).at("UnixAddr::new")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    bind(&fd, &addr).at("bind")?;
    let got = name_as_kernel_says(&fd)?;
    ensure(got == SockAddr::Unix(addr), "getsockname: another address")?;
    match got {
        SockAddr::Unix(a) => ensure(
            a.kind() == UnixAddrKind::Pathname(path.bytes()),
            "getsockname: other bytes",
        )?,
        _ => ensure(false, "getsockname: not SockAddr::Unix")?,
    }
    ensure(is_socket_file(&path), "no socket file at the path")
}

/// A 108-byte path fills `sun_path`: rawbind sends 110 bytes without a
/// NUL; the kernel returns 111, NUL-ended, and rawbind reads them back.
fn unix_108_byte_pathname(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let mut path = dir.join(b"");
    while path.bytes().len() < 108 {
        path.push(b"s");
    }
    let addr = SockAddr::Unix(UnixAddr::new(path.bytes()).at("UnixAddr::new")?);
    ensure(addr.encode().len() == 110, "encode(): not 110 bytes")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    bind(&fd, &addr).at("bind")?;
    let got = getsockname(&fd).at("getsockname")?;
    ensure(got == addr, "getsockname: another address")?;
    let (kernel, len) = kernel_name(&fd, NameCall::Sock).at("getsockname(2)")?;
    ensure(len == 111, "the kernel's address is not 111 bytes")?;
    ensure(
        got.with_bytes(|b| kernel.get(..110) == Some(b)) && kernel.get(110) == Some(&0),
        "the kernel's bytes are not encode()'s and a NUL",
    )?;
    ensure(is_socket_file(&path), "no socket file at the path")
}

/// File names of every byte value but `/` and NUL bind and read back byte
/// for byte (the suite draws them at random).
fn unix_pathname_of_every_byte(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let room = 108 - dir.join(b"").bytes().len();
    let mut bytes = (1..=255u8).filter(|&b| b != b'/').peekable();
    while bytes.peek().is_some() {
        let mut file = Name::of(b"");
        for b in bytes.by_ref().take(room) {
            file.push(&[b]);
        }
        let path = dir.join(file.bytes());
        let addr = SockAddr::Unix(UnixAddr::new(path.bytes()).at("UnixAddr::new")?);
        let fd = c.socket(Family::Unix, SockType::Dgram)?;
        bind(&fd, &addr).at("bind")?;
        let got = match path.bytes().len() < 108 {
            true => name_as_kernel_says(&fd)?,
            false => getsockname(&fd).at("getsockname")?,
        };
        ensure(got == addr, "getsockname: other bytes")?;
    }
    Ok(())
}

/// An abstract name that starts and ends with NUL and holds 0xff reads
/// back byte for byte, for both types.
fn unix_abstract(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let mut name = Name::of(b"\0\xff");
        name.push(c.unique(b"nul-ff").bytes());
        name.push(b"\0\xff\0\xfe\xff\0");
        let addr = UnixAddr::new_abstract(name.bytes()).at("UnixAddr::new_abstract")?;
        ensure(
            SockAddr::Unix(addr).encode().len() as usize == 3 + name.bytes().len(),
            "encode(): not 3 + the name's length",
        )?;
        let fd = c.socket(Family::Unix, ty)?;
        bind(&fd, &addr).at("bind")?;
        match name_as_kernel_says(&fd)? {
            SockAddr::Unix(a) => ensure(
                a.kind() == UnixAddrKind::Abstract(name.bytes()),
                "getsockname: other bytes",
            )?,
            _ => ensure(false, "getsockname: not SockAddr::Unix")?,
        }
    }
    Ok(())
}

/// Abstract names holding every byte value bind and read back byte for
/// byte (the suite draws them at random).
fn unix_abstract_of_every_byte(c: &mut Ctx) -> Outcome {
    let mut bytes = (0..=255u8).peekable();
    while bytes.peek().is_some() {
        let mut name = c.unique(b"every-byte");
        for b in bytes.by_ref().take(60) {
            name.push(&[b]);
        }
        let addr = SockAddr::Unix(UnixAddr::new_abstract(name.bytes()).at("new_abstract")?);
        let fd = c.socket(Family::Unix, SockType::Dgram)?;
        bind(&fd, &addr).at("bind")?;
        ensure(
            name_as_kernel_says(&fd)? == addr,
            "getsockname: other bytes",
        )?;
    }
    Ok(())
}

/// Binds to the unnamed address (2 bytes): the kernel picks an abstract
/// name of five lowercase hex digits.
fn unix_autobind(c: &mut Ctx) -> Outcome {
    let unnamed = SockAddr::Unix(UnixAddr::unnamed());
    ensure(unnamed.encode().len() == 2, "encode(): not 2 bytes")?;
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Unix, ty)?;
        bind(&fd, &unnamed).at("bind")?;
        let SockAddr::Unix(a) = name_as_kernel_says(&fd)? else {
            return ensure(false, "getsockname: not SockAddr::Unix");
        };
        match a.kind() {
            UnixAddrKind::Abstract(n) => ensure(
                n.len() == 5 && n.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
                "getsockname: not 5 hex digits",
            )?,
            _ => ensure(false, "getsockname: not abstract")?,
        }
    }
    Ok(())
}

/// A socket never bound reads back as unnamed.
fn unix_unbound_is_unnamed(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let got = name_as_kernel_says(&fd)?;
    ensure(got == SockAddr::Unix(UnixAddr::unnamed()), "not unnamed")
}

/// A NETLINK_ROUTE socket.
fn netlink_route(c: &mut Ctx) -> Result<OwnedFd, Why> {
    c.socket_of(Family::Netlink, SockType::Raw, NETLINK_ROUTE as i32)
}

/// netlink(7): with nl_pid 0 "the kernel takes care of assigning it": the
/// port id getsockname reads back as `SockAddr::Netlink`, the kernel's 12
/// bytes.
fn netlink_pid_0_reads_back_an_assigned_pid(c: &mut Ctx) -> Outcome {
    let fd = netlink_route(c)?;
    bind(&fd, &NetlinkAddr::new(0, 0)).at("bind nl_pid 0")?;
    let SockAddr::Netlink(bound) = name_as_kernel_says(&fd)? else {
        return ensure(false, "getsockname: not SockAddr::Netlink");
    };
    ensure(bound.pid != 0, "the kernel assigned no port id")?;
    ensure(bound.groups == 0, "getsockname: groups")?;
    let (kernel, len) = kernel_name(&fd, NameCall::Sock).at("getsockname(2)")?;
    ensure(
        len == size_of::<sockaddr_nl>(),
        "the kernel's address is not 12 bytes",
    )?;
    ensure(
        kernel.get(4..8) == Some(&bound.pid.to_ne_bytes()[..]),
        "nl_pid: other bytes",
    )
}

/// netlink(7)'s nl_groups: the groups bound read back; a bound socket binds
/// again only to its own pid (0 is EINVAL), which changes its groups.
fn netlink_groups_read_back(c: &mut Ctx) -> Outcome {
    let fd = netlink_route(c)?;
    let groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR;
    bind(&fd, &NetlinkAddr::new(0, groups)).at("bind two groups")?;
    let SockAddr::Netlink(bound) = name_as_kernel_says(&fd)? else {
        return ensure(false, "getsockname: not SockAddr::Netlink");
    };
    ensure(bound.groups == groups, "getsockname: other groups")?;
    ensure(bound.pid != 0, "the kernel assigned no port id")?;
    let again = bind(&fd, &NetlinkAddr::new(0, RTMGRP_LINK));
    expect("bind nl_pid 0 again", again, Errno::EINVAL)?;
    let one = NetlinkAddr::new(bound.pid, RTMGRP_LINK);
    bind(&fd, &one).at("bind its own pid again")?;
    ensure(
        name_as_kernel_says(&fd)? == SockAddr::Netlink(one),
        "getsockname: not the new groups",
    )
}

/// An AF_VSOCK stream socket bound to `VMADDR_CID_ANY` and
/// `VMADDR_PORT_ANY`, and its address as getsockname reads it back; a skip
/// where the system has no AF_VSOCK or no transport to bind on.
fn vsock_bound_to_any_port(c: &mut Ctx) -> Result<(OwnedFd, VsockAddr), Why> {
    let fd = match socket(Family::Vsock, SockType::Stream, 0) {
        Err(Errno::EAFNOSUPPORT | Errno::ENODEV | Errno::EPERM) => {
            return Err(Why::Skip("no AF_VSOCK stream sockets here"));
        }
        _ => c.socket(Family::Vsock, SockType::Stream)?,
    };
    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    match bind(&fd, &any) {
        Err(Errno::EADDRNOTAVAIL) => return Err(Why::Skip("no vsock transport to bind on here")),
        r => r.at("bind VMADDR_CID_ANY, VMADDR_PORT_ANY")?,
    }
    match name_as_kernel_says(&fd)? {
        SockAddr::Vsock(bound) => Ok((fd, bound)),
        _ => Err(Why::Fail("getsockname: not SockAddr::Vsock", How::Wrong)),
    }
}

/// vsock(7): `VMADDR_CID_ANY` and `VMADDR_PORT_ANY` bind to a port the
/// kernel picks, read back as `SockAddr::Vsock`, the kernel's 16 bytes.
fn vsock_port_any_reads_back(c: &mut Ctx) -> Outcome {
    let (fd, bound) = vsock_bound_to_any_port(c)?;
    ensure(
        bound.cid == VsockAddr::CID_ANY,
        "getsockname: not VMADDR_CID_ANY",
    )?;
    ensure(
        bound.port != VsockAddr::PORT_ANY,
        "the kernel picked no port",
    )?;
    ensure(bound.flags == 0, "getsockname: flags")?;
    let (_, len) = kernel_name(&fd, NameCall::Sock).at("getsockname(2)")?;
    ensure(
        len == __SOCK_SIZE__ as usize,
        "the kernel's address is not 16 bytes",
    )
}

/// `bind` takes each address type as itself (`AsSockAddr`), and the kernel
/// sees the same address as through `SockAddr`.
fn bind_takes_each_address_type(c: &mut Ctx) -> Outcome {
    fn bound_to<A: rawbind::AsSockAddr>(
        c: &mut Ctx,
        family: Family,
        ty: SockType,
        addr: &A,
    ) -> Result<SockAddr, Why> {
        let fd = c.socket(family, ty)?;
        bind(&fd, addr).at("bind")?;
        getsockname(&fd).at("getsockname")
    }
    let got = bound_to(c, Family::Inet, SockType::Stream, &LOOPBACK_V4)?;
    ensure(
        matches!(got, SockAddr::V4(a) if a.port() != 0),
        "SocketAddrV4",
    )?;
    c.need_inet6(SockType::Stream)?;
    let got = bound_to(c, Family::Inet6, SockType::Stream, &LOOPBACK_V6)?;
    ensure(
        matches!(got, SockAddr::V6(a) if a.port() != 0),
        "SocketAddrV6",
    )?;
    let any = SocketAddr::V4(LOOPBACK_V4);
    let got = bound_to(c, Family::Inet, SockType::Dgram, &any)?;
    ensure(
        matches!(got, SockAddr::V4(a) if a.port() != 0),
        "SocketAddr",
    )?;
    let name = UnixAddr::new_abstract(c.unique(b"direct").bytes()).at("new_abstract")?;
    let got = bound_to(c, Family::Unix, SockType::Stream, &name)?;
    ensure(got == SockAddr::Unix(name), "UnixAddr")?;
    let name = UnixAddr::new_abstract(c.unique(b"raw").bytes()).at("new_abstract")?;
    let raw = SockAddr::Unix(name).encode();
    let got = bound_to(c, Family::Unix, SockType::Dgram, &raw)?;
    ensure(got == SockAddr::Unix(name), "RawSockAddr")?;
    // Protocol 0 of AF_NETLINK is NETLINK_ROUTE.
    let got = bound_to(c, Family::Netlink, SockType::Raw, &NetlinkAddr::new(0, 0))?;
    ensure(
        matches!(got, SockAddr::Netlink(a) if a.pid != 0 && a.groups == 0),
        "NetlinkAddr",
    )
}

/// Each type is the type the kernel makes, by its SO_TYPE as the target's
/// headers number it (MIPS swaps SOCK_STREAM and SOCK_DGRAM).
fn socket_types_are_the_kernels(c: &mut Ctx) -> Outcome {
    for (family, ty, want) in [
        (Family::Unix, SockType::Stream, SOCK_STREAM),
        (Family::Unix, SockType::Dgram, SOCK_DGRAM),
        (Family::Unix, SockType::SeqPacket, SOCK_SEQPACKET),
        (Family::Inet, SockType::Stream, SOCK_STREAM),
        (Family::Inet, SockType::Dgram, SOCK_DGRAM),
    ] {
        let fd = c.socket(family, ty)?;
        let got = getsockopt_int(&fd, SOL_SOCKET, SO_TYPE).at("getsockopt(SO_TYPE)")?;
        ensure(got == want as i32, "SO_TYPE is not the type asked for")?;
    }
    Ok(())
}

/// Only the stream socket listens: a datagram socket's listen is EOPNOTSUPP.
fn listen_eopnotsupp_on_a_datagram_socket(c: &mut Ctx) -> Outcome {
    let stream = c.socket(Family::Inet, SockType::Stream)?;
    bind(&stream, &LOOPBACK_V4).at("bind the stream socket")?;
    listen(&stream, 1).at("listen on the stream socket")?;
    let dgram = c.socket(Family::Inet, SockType::Dgram)?;
    bind(&dgram, &LOOPBACK_V4).at("bind the datagram socket")?;
    let r = listen(&dgram, 1);
    expect("listen on the datagram socket", r, Errno::EOPNOTSUPP)
}

/// An `int` socket option of level SOL_SOCKET, which must be `want`.
fn so_option_is(fd: impl AsFd, name: u32, want: i32, what: &'static str) -> Outcome {
    let got = getsockopt_int(fd, SOL_SOCKET, name).at("getsockopt")?;
    ensure(got == want, what)
}

/// listen sets SO_ACCEPTCONN after a bind to 127.0.0.1, and a client connects.
fn listen_after_v4_bind(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    bind(&fd, &LOOPBACK_V4).at("bind")?;
    let addr = getsockname(&fd).at("getsockname")?;
    so_option_is(&fd, SO_ACCEPTCONN, 0, "SO_ACCEPTCONN before listen")?;
    listen(&fd, 16).at("listen")?;
    so_option_is(&fd, SO_ACCEPTCONN, 1, "SO_ACCEPTCONN after listen")?;
    let client = c.socket(Family::Inet, SockType::Stream)?;
    connect(&client, &addr).at("connect to the listener")
}

/// listen sets SO_ACCEPTCONN after a bind to a path, and a client connects.
fn listen_after_unix_bind(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = UnixAddr::new(dir.join(b"l.sock").bytes()).at("UnixAddr::new")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    bind(&fd, &path).at("bind")?;
    listen(&fd, 16).at("listen")?;
    so_option_is(&fd, SO_ACCEPTCONN, 1, "SO_ACCEPTCONN after listen")?;
    let client = c.socket(Family::Unix, SockType::Stream)?;
    connect(&client, &path).at("connect to the listener")
}

/// The port `addr` holds, if it is an IP address.
fn port_of(addr: &SockAddr) -> Result<u16, Why> {
    match addr {
        SockAddr::V4(a) => Ok(a.port()),
        SockAddr::V6(a) => Ok(a.port()),
        _ => Err(Why::Fail("getsockname: not an IP address", How::Wrong)),
    }
}

/// set_reuse_addr sets SO_REUSEADDR (and clears it): two sockets with it,
/// neither listening, share a port.
fn set_reuse_addr_sets_so_reuseaddr(c: &mut Ctx) -> Outcome {
    let a = c.socket(Family::Inet, SockType::Stream)?;
    let b = c.socket(Family::Inet, SockType::Stream)?;
    for fd in [&a, &b] {
        so_option_is(fd, SO_REUSEADDR, 0, "SO_REUSEADDR before")?;
        set_reuse_addr(fd, true).at("set_reuse_addr(true)")?;
        so_option_is(fd, SO_REUSEADDR, 1, "SO_REUSEADDR after")?;
    }
    bind(&a, &LOOPBACK_V4).at("bind the first")?;
    let port = port_of(&getsockname(&a).at("getsockname")?)?;
    let same = SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
    bind(&b, &same).at("bind the second to the same port")?;
    ensure(
        getsockname(&b).at("getsockname")? == same,
        "the second is elsewhere",
    )?;
    set_reuse_addr(&a, false).at("set_reuse_addr(false)")?;
    so_option_is(&a, SO_REUSEADDR, 0, "SO_REUSEADDR after clearing it")
}

/// set_reuse_port sets SO_REUSEPORT (and clears it): two sockets with it
/// share a port, TCP and UDP.
fn set_reuse_port_sets_so_reuseport(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let a = c.socket(Family::Inet, ty)?;
        let b = c.socket(Family::Inet, ty)?;
        for fd in [&a, &b] {
            so_option_is(fd, SO_REUSEPORT, 0, "SO_REUSEPORT before")?;
            set_reuse_port(fd, true).at("set_reuse_port(true)")?;
            so_option_is(fd, SO_REUSEPORT, 1, "SO_REUSEPORT after")?;
        }
        bind(&a, &LOOPBACK_V4).at("bind the first")?;
        let port = port_of(&getsockname(&a).at("getsockname")?)?;
        let same = SockAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
        bind(&b, &same).at("bind the second to the same port")?;
        ensure(
            getsockname(&b).at("getsockname")? == same,
            "the second is elsewhere",
        )?;
        set_reuse_port(&a, false).at("set_reuse_port(false)")?;
        so_option_is(&a, SO_REUSEPORT, 0, "SO_REUSEPORT after clearing it")?;
    }
    Ok(())
}

/// set_ipv6_only sets and clears IPV6_V6ONLY; on, a v4-mapped address has
/// no IPv4 side to bind to: EINVAL.
fn einval_v4_mapped_on_a_v6_only_socket(c: &mut Ctx) -> Outcome {
    let fd = c.inet6(SockType::Stream)?;
    let level = IPPROTO_IPV6 as u32;
    for on in [true, false, true] {
        set_ipv6_only(&fd, on).at("set_ipv6_only")?;
        let got = getsockopt_int(&fd, level, IPV6_V6ONLY).at("getsockopt(IPV6_V6ONLY)")?;
        ensure(got == i32::from(on), "IPV6_V6ONLY is not as set")?;
    }
    let mapped = SocketAddrV6::new(Ipv4Addr::LOCALHOST.to_ipv6_mapped(), 0, 0, 0);
    let r = bind(&fd, &mapped);
    expect("bind [::ffff:127.0.0.1]:0", r, Errno::EINVAL)
}

// ---- the socket options that change what bind does ----

/// The skip reason for an option QEMU user mode does not translate.
macro_rules! untranslated {
    ($option:literal) => {
        concat!(
            "emulator fault: QEMU user mode does not translate ",
            $option,
            ": ENOPROTOOPT, the kernel never sees it"
        )
    };
}

/// A flag option, with a socket that takes it: its level and number, and
/// rawbind's setter and getter.
struct FlagOption {
    family: Family,
    level: u32,
    number: u32,
    set: fn(&OwnedFd, bool) -> Result<(), Errno>,
    get: fn(&OwnedFd) -> Result<bool, Errno>,
    /// Setting it needs CAP_NET_ADMIN.
    privileged: bool,
    /// The skip reason where QEMU user mode answers its setsockopt with
    /// ENOPROTOOPT.
    untranslated: &'static str,
}

/// The option is off on a new socket; on after its setter; off again:
/// each as rawbind's getter and the raw getsockopt read it. Without
/// CAP_NET_ADMIN a privileged option's setter is EPERM instead.
fn flag_reads_back(c: &mut Ctx, option: FlagOption) -> Outcome {
    let fd = match option.family {
        Family::Inet6 => c.inet6(SockType::Stream)?,
        family => c.socket(family, SockType::Stream)?,
    };
    let first = (option.set)(&fd, true);
    if first == Err(Errno::ENOPROTOOPT) {
        emulator_fault(option.untranslated)?;
    }
    if option.privileged && !capable(CAP_NET_ADMIN).at("capget")? {
        return expect("set it without CAP_NET_ADMIN", first, Errno::EPERM);
    }
    first.at("set it")?;
    for on in [true, false] {
        if !on {
            (option.set)(&fd, false).at("clear it")?;
        }
        let got = (option.get)(&fd).at("rawbind's getter")?;
        ensure(got == on, "rawbind's getter reads another value")?;
        let raw = getsockopt_int(&fd, option.level, option.number).at("getsockopt")?;
        ensure(raw == i32::from(on), "getsockopt reads another value")?;
    }
    Ok(())
}

/// A check of [`flag_reads_back`] for each flag option: its name, then the
/// option's socket family, level, number, rawbind's setter and getter,
/// whether setting it needs CAP_NET_ADMIN, and its name for a skip.
macro_rules! flag_checks {
    ($($check:ident: $family:ident, $level:expr, $number:expr, $set:ident, $get:ident, $privileged:literal, $option:literal;)+) => {$(
        fn $check(c: &mut Ctx) -> Outcome {
            flag_reads_back(
                c,
                FlagOption {
                    family: Family::$family,
                    level: $level,
                    number: $number,
                    set: |fd, on| $set(fd, on),
                    get: |fd| $get(fd),
                    privileged: $privileged,
                    untranslated: untranslated!($option),
                },
            )
        }
    )+};
}

flag_checks! {
    option_so_reuseaddr_reads_back: Inet, SOL_SOCKET, SO_REUSEADDR, set_reuse_addr, reuse_addr, false, "SO_REUSEADDR";
    option_so_reuseport_reads_back: Inet, SOL_SOCKET, SO_REUSEPORT, set_reuse_port, reuse_port, false, "SO_REUSEPORT";
    option_ipv6_v6only_reads_back: Inet6, IPPROTO_IPV6 as u32, IPV6_V6ONLY, set_ipv6_only, ipv6_only, false, "IPV6_V6ONLY";
    option_ip_freebind_reads_back: Inet, IPPROTO_IP as u32, IP_FREEBIND, set_ip_freebind, ip_freebind, false, "IP_FREEBIND";
    option_ipv6_freebind_reads_back: Inet6, IPPROTO_IPV6 as u32, IPV6_FREEBIND, set_ipv6_freebind, ipv6_freebind, false, "IPV6_FREEBIND";
    option_ip_transparent_reads_back: Inet, IPPROTO_IP as u32, IP_TRANSPARENT, set_ip_transparent, ip_transparent, true, "IP_TRANSPARENT";
    option_ipv6_transparent_reads_back: Inet6, IPPROTO_IPV6 as u32, IPV6_TRANSPARENT, set_ipv6_transparent, ipv6_transparent, true, "IPV6_TRANSPARENT";
    option_ip_bind_address_no_port_reads_back: Inet, IPPROTO_IP as u32, IP_BIND_ADDRESS_NO_PORT, set_ip_bind_address_no_port, ip_bind_address_no_port, false, "IP_BIND_ADDRESS_NO_PORT";
}

/// TEST-NET-1 (RFC 5737) and the documentation prefix (RFC 3849): on no
/// interface here.
const NOWHERE_V4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1);
const NOWHERE_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);

/// `addr`, which no interface has, is EADDRNOTAVAIL on one socket of
/// `family`; another, with the option `set` on, binds it, and getsockname
/// reads it back (with a port the kernel chose, and the scope it was bound
/// with).
fn freebind_binds(
    c: &mut Ctx,
    family: Family,
    set: fn(&OwnedFd) -> Result<(), Errno>,
    addr: SockAddr,
) -> Outcome {
    let make = |c: &mut Ctx| match family {
        Family::Inet6 => c.inet6(SockType::Dgram),
        family => c.socket(family, SockType::Dgram),
    };
    let without = make(c)?;
    expect(
        "bind without the option",
        bind(&without, &addr),
        Errno::EADDRNOTAVAIL,
    )?;
    let with = make(c)?;
    set(&with).at("set the option")?;
    bind(&with, &addr).at("bind with the option")?;
    match (getsockname(&with).at("getsockname")?, addr) {
        (SockAddr::V4(got), SockAddr::V4(want)) => {
            ensure(got.ip() == want.ip(), "getsockname: another address")?;
            ensure(got.port() != 0, "getsockname: no port")
        }
        (SockAddr::V6(got), SockAddr::V6(want)) => {
            ensure(got.ip() == want.ip(), "getsockname: another address")?;
            ensure(got.port() != 0, "getsockname: no port")?;
            let (got, want) = (got.scope_id(), want.scope_id());
            if got != want && got == want.rotate_left(16) {
                emulator_fault(
                    "emulator fault: QEMU user mode swaps the 16-bit halves of sin6_scope_id",
                )?;
            }
            ensure(got == want, "getsockname: another scope")
        }
        _ => ensure(false, "getsockname: another family"),
    }
}

/// 192.0.2.1:0: EADDRNOTAVAIL without IP_FREEBIND, bound with it.
fn option_ip_freebind_binds_a_non_local_address(c: &mut Ctx) -> Outcome {
    let addr = SockAddr::V4(SocketAddrV4::new(NOWHERE_V4, 0));
    freebind_binds(c, Family::Inet, |fd| set_ip_freebind(fd, true), addr)
}

/// [2001:db8::1]:0: EADDRNOTAVAIL without IPV6_FREEBIND, bound with it.
fn option_ipv6_freebind_binds_a_non_local_address(c: &mut Ctx) -> Outcome {
    let addr = SockAddr::V6(SocketAddrV6::new(NOWHERE_V6, 0, 0, 0));
    freebind_binds(c, Family::Inet6, |fd| set_ipv6_freebind(fd, true), addr)
}

/// [fe80::1234%lo]:0, a scope that exists but no such address on it:
/// EADDRNOTAVAIL without IPV6_FREEBIND, bound with it, the scope kept.
fn option_ipv6_freebind_binds_a_link_local_address_with_a_scope(c: &mut Ctx) -> Outcome {
    let link_local = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0x1234);
    let addr = SockAddr::V6(SocketAddrV6::new(link_local, 0, 0, lo_index()?));
    freebind_binds(c, Family::Inet6, |fd| set_ipv6_freebind(fd, true), addr)
}

/// With CAP_NET_ADMIN: the option `set` is set, and `addr`, which no
/// interface has, binds. Without it: setting it is EPERM. (The suite's
/// test does both in one run, its second half in a child that became
/// `nobody`; this program runs one half, as whom it runs as.)
fn transparent_binds(
    c: &mut Ctx,
    family: Family,
    set: fn(&OwnedFd) -> Result<(), Errno>,
    untranslated: &'static str,
    addr: SockAddr,
) -> Outcome {
    let fd = match family {
        Family::Inet6 => c.inet6(SockType::Dgram)?,
        family => c.socket(family, SockType::Dgram)?,
    };
    let r = set(&fd);
    if r == Err(Errno::ENOPROTOOPT) {
        emulator_fault(untranslated)?;
    }
    if !capable(CAP_NET_ADMIN).at("capget")? {
        return expect("set it without CAP_NET_ADMIN", r, Errno::EPERM);
    }
    r.at("set it")?;
    bind(&fd, &addr).at("bind a non-local address")
}

fn option_ip_transparent_binds_a_non_local_address(c: &mut Ctx) -> Outcome {
    let addr = SockAddr::V4(SocketAddrV4::new(NOWHERE_V4, 0));
    let set = |fd: &OwnedFd| set_ip_transparent(fd, true);
    transparent_binds(c, Family::Inet, set, untranslated!("IP_TRANSPARENT"), addr)
}

fn option_ipv6_transparent_binds_a_non_local_address(c: &mut Ctx) -> Outcome {
    let addr = SockAddr::V6(SocketAddrV6::new(NOWHERE_V6, 0, 0, 0));
    let set = |fd: &OwnedFd| set_ipv6_transparent(fd, true);
    transparent_binds(
        c,
        Family::Inet6,
        set,
        untranslated!("IPV6_TRANSPARENT"),
        addr,
    )
}

/// With IP_BIND_ADDRESS_NO_PORT, a bind to 127.0.0.1:0 leaves the port 0
/// until connect chooses one; without it, bind chooses.
fn option_ip_bind_address_no_port_defers_the_port_to_connect(c: &mut Ctx) -> Outcome {
    let (_listener, at) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let r = set_ip_bind_address_no_port(&fd, true);
    if r == Err(Errno::ENOPROTOOPT) {
        emulator_fault(untranslated!("IP_BIND_ADDRESS_NO_PORT"))?;
    }
    r.at("set_ip_bind_address_no_port")?;
    bind(&fd, &LOOPBACK_V4).at("bind 127.0.0.1:0")?;
    let before = port_of(&getsockname(&fd).at("getsockname")?)?;
    ensure(before == 0, "a port before connect")?;
    connect(&fd, &at).at("connect")?;
    let after = port_of(&getsockname(&fd).at("getsockname")?)?;
    ensure(after != 0, "no port after connect")?;
    let plain = c.socket(Family::Inet, SockType::Stream)?;
    bind(&plain, &LOOPBACK_V4).at("bind 127.0.0.1:0 without the option")?;
    let port = port_of(&getsockname(&plain).at("getsockname")?)?;
    ensure(port != 0, "bind without the option chose no port")
}

/// The skip reason where QEMU user mode answers reading SO_BINDTODEVICE
/// back with EINVAL.
const DEVICE_EINVAL: &str =
    "emulator fault: QEMU user mode answers getsockopt(SO_BINDTODEVICE) with EINVAL";

/// 15 bytes, the most a name may have: an interface nobody makes.
const MISSING_INTERFACE: &[u8] = b"rawbind-noneth0";

/// The skip reason where QEMU user mode passes SO_BINDTODEVICE's number to
/// the host untranslated, as an int option: on sparc64 (13) the host reads
/// SO_LINGER.
const DEVICE_AS_ANOTHER_OPTION: &str = "emulator fault: QEMU user mode passes getsockopt(SO_BINDTODEVICE)'s number to the host untranslated, which reads another option there (SO_LINGER): 4 bytes of 0, not the name";

/// Whether the socket, bound to lo, is so as `device()` reads it.
fn device_is_lo(fd: &OwnedFd) -> Result<bool, Why> {
    let name = device(fd);
    if name == Err(Errno::EINVAL) {
        emulator_fault(DEVICE_EINVAL)?;
    }
    if name == Ok(None) {
        emulator_fault(DEVICE_AS_ANOTHER_OPTION)?;
    }
    Ok(name.at("device()")?.is_some_and(|n| n.as_bytes() == b"lo"))
}

/// Bound to lo by name: device() gives lo back and a connection to
/// 127.0.0.1 works; None unbinds; an interface that does not exist is
/// ENODEV.
fn option_bind_device_by_name_reads_back_and_unbinds(c: &mut Ctx) -> Outcome {
    let (_listener, at) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let r = bind_device(&fd, Some(b"lo"));
    if r == Err(Errno::ENOPROTOOPT) {
        emulator_fault(untranslated!("SO_BINDTODEVICE"))?;
    }
    r.at("bind_device(lo)")?;
    connect(&fd, &at).at("connect through lo")?;
    ensure(device_is_lo(&fd)?, "device() is not lo")?;
    let other = c.socket(Family::Inet, SockType::Dgram)?;
    bind_device(&other, Some(b"lo")).at("bind_device(lo)")?;
    bind_device(&other, None).at("bind_device(None)")?;
    ensure(
        device(&other).at("device()")?.is_none(),
        "None did not unbind",
    )?;
    let missing = bind_device(&other, Some(MISSING_INTERFACE));
    expect(
        "bind_device(an interface nobody made)",
        missing,
        Errno::ENODEV,
    )
}

/// A name over 15 bytes or with a byte other than NUL after a NUL, an index
/// above i32::MAX: EINVAL, even on a regular file, where a syscall would be
/// ENOTSOCK (under QEMU, ENOPROTOOPT for SO_BINDTOIFINDEX, which it does
/// not translate).
fn option_bind_device_refuses_a_bad_name_or_index(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let file = open_mode(&dir.join(b"plain"), O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create")?;
    let sock = c.socket(Family::Inet, SockType::Dgram)?;
    for fd in [sock.as_fd(), file.as_fd()] {
        let long = bind_device(fd, Some(b"sixteen_bytes_xx"));
        expect("bind_device(16 bytes)", long, Errno::EINVAL)?;
        expect(
            "bind_device(l\\0o)",
            bind_device(fd, Some(b"l\0o")),
            Errno::EINVAL,
        )?;
        let over = bind_device_by_index(fd, i32::MAX as u32 + 1);
        expect("bind_device_by_index(2^31)", over, Errno::EINVAL)?;
    }
    let syscall = bind_device(&file, Some(b"lo"));
    expect("bind_device(lo) on a file", syscall, Errno::ENOTSOCK)?;
    let by_index = match under_qemu() {
        false => Errno::ENOTSOCK,
        true => Errno::ENOPROTOOPT,
    };
    expect(
        "bind_device_by_index(1) on a file",
        bind_device_by_index(&file, 1),
        by_index,
    )
}

/// Bound to lo by index: device_index() and device() give it back; 0
/// unbinds; an index no interface has is kept, and device() is ENODEV.
fn option_bind_device_by_index_reads_back_and_zero_unbinds(c: &mut Ctx) -> Outcome {
    let lo = lo_index()?;
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    let r = bind_device_by_index(&fd, lo);
    if r == Err(Errno::ENOPROTOOPT) {
        emulator_fault(untranslated!("SO_BINDTOIFINDEX"))?;
    }
    r.at("bind_device_by_index(lo)")?;
    ensure(
        device_index(&fd).at("device_index()")? == lo,
        "device_index() is not lo's",
    )?;
    ensure(device_is_lo(&fd)?, "device() is not lo")?;
    bind_device_by_index(&fd, 0).at("bind_device_by_index(0)")?;
    ensure(
        device_index(&fd).at("device_index()")? == 0,
        "0 did not unbind",
    )?;
    ensure(
        device(&fd).at("device()")?.is_none(),
        "0 did not unbind the name",
    )?;
    bind_device_by_index(&fd, UNUSED_IFINDEX).at("bind_device_by_index(unused)")?;
    let kept = device_index(&fd).at("device_index()")?;
    ensure(kept == UNUSED_IFINDEX, "an unused index was not kept")?;
    expect("device() of an unused index", device(&fd), Errno::ENODEV)
}

/// SO_TYPE, SO_DOMAIN, SO_PROTOCOL and SO_ACCEPTCONN agree with how each
/// socket was made and whether it listens.
fn option_type_family_protocol_and_listening(c: &mut Ctx) -> Outcome {
    let (tcp, udp) = (IPPROTO_TCP as i32, IPPROTO_UDP as i32);
    let cases = [
        (
            Family::Inet,
            SockType::Stream,
            tcp,
            Some(SockAddr::V4(LOOPBACK_V4)),
        ),
        (Family::Inet, SockType::Dgram, udp, None),
        (
            Family::Inet6,
            SockType::Stream,
            tcp,
            Some(SockAddr::V6(LOOPBACK_V6)),
        ),
        (
            Family::Unix,
            SockType::Stream,
            0,
            Some(UnixAddr::unnamed().into()),
        ),
        (Family::Unix, SockType::Dgram, 0, None),
        (
            Family::Unix,
            SockType::SeqPacket,
            0,
            Some(UnixAddr::unnamed().into()),
        ),
    ];
    for (family, ty, protocol, listen_at) in cases {
        let fd = match family {
            Family::Inet6 => match c.inet6(ty) {
                Err(Why::Skip(_)) => continue,
                fd => fd?,
            },
            family => c.socket(family, ty)?,
        };
        ensure(socket_type(&fd).at("socket_type()")? == ty, "SO_TYPE")?;
        ensure(
            socket_family(&fd).at("socket_family()")? == family,
            "SO_DOMAIN",
        )?;
        ensure(
            socket_protocol(&fd).at("socket_protocol()")? == protocol,
            "SO_PROTOCOL",
        )?;
        ensure(
            !is_listening(&fd).at("is_listening()")?,
            "SO_ACCEPTCONN before listen",
        )?;
        if let Some(addr) = listen_at {
            bind(&fd, &addr).at("bind")?;
            listen(&fd, 1).at("listen")?;
            ensure(
                is_listening(&fd).at("is_listening()")?,
                "SO_ACCEPTCONN after listen",
            )?;
        }
    }
    Ok(())
}

/// A datagram sent on a UDP socket connected to a port nothing is bound to
/// leaves ECONNREFUSED pending (the ICMP port unreachable that comes back,
/// `udp(7)`): take_error() gives it once, then None.
fn option_take_error_once(c: &mut Ctx) -> Outcome {
    let closed = {
        let probe = c.socket(Family::Inet, SockType::Dgram)?;
        bind(&probe, &LOOPBACK_V4).at("bind the probe")?;
        getsockname(&probe).at("getsockname")?
    };
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    connect(&fd, &closed).at("connect to a closed port")?;
    ensure(
        take_error(&fd).at("take_error()")?.is_none(),
        "an error before a send",
    )?;
    ensure(write(&fd, b"x").at("write")? == 1, "write sent no byte")?;
    // Loopback answers within the send, as a rule; a few turns of the
    // scheduler allow for one that does not.
    for _ in 0..10_000 {
        if let Some(e) = take_error(&fd).at("take_error()")? {
            ensure(e == Errno::ECONNREFUSED, "another pending error")?;
            let again = take_error(&fd).at("take_error() again")?;
            return ensure(again.is_none(), "the error was not taken");
        }
        // SAFETY: sched_yield takes no arguments and touches no memory.
        check(unsafe { syscall0(__NR_sched_yield as usize) }).at("sched_yield")?;
    }
    ensure(false, "no error came back")
}

/// IP_FREEBIND on AF_UNIX, IPV6_V6ONLY on AF_INET: the kernel's errors,
/// which differ between setting and reading.
fn option_on_the_wrong_family(c: &mut Ctx) -> Outcome {
    let unix = c.socket(Family::Unix, SockType::Stream)?;
    let r = set_ip_freebind(&unix, true);
    expect("IP_FREEBIND set on AF_UNIX", r, Errno::EOPNOTSUPP)?;
    let inet = c.socket(Family::Inet, SockType::Stream)?;
    let r = set_ipv6_only(&inet, true);
    expect("IPV6_V6ONLY set on AF_INET", r, Errno::ENOPROTOOPT)?;
    expect(
        "IPV6_V6ONLY read on AF_INET",
        ipv6_only(&inet),
        Errno::EOPNOTSUPP,
    )
}

/// The IPv6 options on the wrong family: set, AF_INET answers ENOPROTOOPT
/// and AF_UNIX EOPNOTSUPP; read, both EOPNOTSUPP.
fn option_ipv6_options_on_af_inet_and_af_unix(c: &mut Ctx) -> Outcome {
    type Set = fn(BorrowedFd<'_>, bool) -> Result<(), Errno>;
    type Get = fn(BorrowedFd<'_>) -> Result<bool, Errno>;
    let options: [(&str, Set, Get); 3] = [
        (
            "IPV6_V6ONLY",
            |f, on| set_ipv6_only(f, on),
            |f| ipv6_only(f),
        ),
        (
            "IPV6_FREEBIND",
            |f, on| set_ipv6_freebind(f, on),
            |f| ipv6_freebind(f),
        ),
        (
            "IPV6_TRANSPARENT",
            |f, on| set_ipv6_transparent(f, on),
            |f| ipv6_transparent(f),
        ),
    ];
    let inet = c.socket(Family::Inet, SockType::Dgram)?;
    let unix = c.socket(Family::Unix, SockType::Stream)?;
    for (option, set, get) in options {
        let got = [
            set(inet.as_fd(), true),
            get(inet.as_fd()).map(drop),
            set(unix.as_fd(), true),
            get(unix.as_fd()).map(drop),
        ];
        let want = [
            Errno::ENOPROTOOPT,
            Errno::EOPNOTSUPP,
            Errno::EOPNOTSUPP,
            Errno::EOPNOTSUPP,
        ]
        .map(Err);
        ensure(got == want, option)?;
    }
    Ok(())
}

// ---- connect and getpeername ----

/// A stream socket of `family` bound to `addr` and listening, and its name.
fn listener(c: &mut Ctx, family: Family, addr: &SockAddr) -> Result<(OwnedFd, SockAddr), Why> {
    let fd = c.socket(family, SockType::Stream)?;
    bind(&fd, addr).at("bind the listener")?;
    listen(&fd, 4).at("listen")?;
    let bound = getsockname(&fd).at("getsockname of the listener")?;
    Ok((fd, bound))
}

/// The connection `listener` accepted next, through accept4(2).
fn accept4(c: &mut Ctx, listener: impl AsFd) -> Result<OwnedFd, Why> {
    let fd = listener.as_fd().as_raw_fd() as usize;
    let args = [fd, 0, 0, O_CLOEXEC as usize];
    // SAFETY: null address and length pointers ask accept4 for no address;
    // the result, a new descriptor, is owned below.
    let n = check(unsafe { raw::socket_call(__NR_accept4, SYS_ACCEPT4, args) }).at("accept4")?;
    // SAFETY: accept4 just returned `n`, a new descriptor nothing else owns.
    let fd = unsafe { OwnedFd::from_raw_fd(n as i32) };
    c.adopt(&fd)?;
    Ok(fd)
}

/// Connects a new stream socket to `addr`, where `server` listens, and
/// checks both ends: the client's peer is `addr` (as rawbind and the
/// kernel's bytes say), and the accepted socket's peer is the client.
fn connect_and_check(c: &mut Ctx, family: Family, server: &OwnedFd, addr: &SockAddr) -> Outcome {
    let client = c.socket(family, SockType::Stream)?;
    connect(&client, addr).at("connect")?;
    let peer = getpeername(&client).at("getpeername")?;
    ensure(peer == *addr, "the client's peer is not the listener")?;
    let (kernel, len) = kernel_name(&client, NameCall::Peer).at("getpeername(2)")?;
    let same = peer.with_bytes(|b| Some(b) == kernel.get(..len));
    ensure(
        same,
        "getpeername: encode() differs from the kernel's bytes",
    )?;
    let accepted = accept4(c, server)?;
    let client_name = getsockname(&client).at("getsockname of the client")?;
    let accepted_peer = getpeername(&accepted).at("getpeername of the accepted")?;
    ensure(
        accepted_peer == client_name,
        "the accepted socket's peer is not the client",
    )
}

/// A client connects to a listener on 127.0.0.1: both ends read back, and
/// the listener's own getpeername is ENOTCONN.
fn connect_getpeername(c: &mut Ctx) -> Outcome {
    let (server, addr) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    connect_and_check(c, Family::Inet, &server, &addr)?;
    expect(
        "getpeername(listener)",
        getpeername(&server),
        Errno::ENOTCONN,
    )
}

/// As `connect_getpeername`, on [::1].
fn connect_v6(c: &mut Ctx) -> Outcome {
    c.need_inet6(SockType::Stream)?;
    let (server, addr) = listener(c, Family::Inet6, &SockAddr::V6(LOOPBACK_V6))?;
    connect_and_check(c, Family::Inet6, &server, &addr)
}

/// A listener on a path: both ends read back; an unbound client stays
/// unnamed, and the server sees no address.
fn connect_unix_pathname(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = UnixAddr::new(dir.join(b"server.sock").bytes()).at("UnixAddr::new")?;
    let (server, addr) = listener(c, Family::Unix, &SockAddr::Unix(path))?;
    ensure(addr == SockAddr::Unix(path), "the listener is elsewhere")?;
    connect_and_check(c, Family::Unix, &server, &addr)?;
    let client = c.socket(Family::Unix, SockType::Stream)?;
    connect(&client, &path).at("connect an unbound client")?;
    let accepted = accept4(c, &server)?;
    let peer = getpeername(&accepted).at("getpeername of the accepted")?;
    ensure(
        peer == SockAddr::Unix(UnixAddr::unnamed()),
        "the client is not unnamed",
    )
}

/// A listener on an abstract name with NUL, 0xff and a newline: both ends
/// read back, byte for byte.
fn connect_unix_abstract(c: &mut Ctx) -> Outcome {
    let mut name = c.unique(b"connect");
    name.push(b"\0\xff\n");
    let abs = SockAddr::Unix(UnixAddr::new_abstract(name.bytes()).at("new_abstract")?);
    let (server, addr) = listener(c, Family::Unix, &abs)?;
    ensure(addr == abs, "the listener is elsewhere")?;
    connect_and_check(c, Family::Unix, &server, &addr)
}

/// connect on a datagram socket records the peer and sends nothing: the
/// receiver has nothing to read (EAGAIN).
fn connect_datagram_records_the_peer(c: &mut Ctx) -> Outcome {
    let receiver = c.socket(Family::Inet, SockType::Dgram)?;
    bind(&receiver, &LOOPBACK_V4).at("bind the receiver")?;
    let addr = getsockname(&receiver).at("getsockname")?;
    let sender = c.socket(Family::Inet, SockType::Dgram)?;
    connect(&sender, &addr).at("connect")?;
    ensure(
        getpeername(&sender).at("getpeername")? == addr,
        "the peer is not the receiver",
    )?;
    let mut byte = 0u8;
    let args = [
        receiver.as_raw_fd() as usize,
        &mut byte as *mut u8 as usize,
        1,
        MSG_DONTWAIT as usize,
        0,
        0,
    ];
    // SAFETY: recvfrom writes at most 1 byte at `byte`, which outlives the
    // call, and no address (a null one).
    let r = check(unsafe { raw::socket_call(__NR_recvfrom, SYS_RECVFROM, args) });
    expect("recvfrom(MSG_DONTWAIT)", r, Errno::EAGAIN)
}

/// getpeername of a bound socket that never connected: ENOTCONN.
fn connect_enotconn_getpeername_never_connected(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    bind(&fd, &LOOPBACK_V4).at("bind")?;
    expect("getpeername", getpeername(&fd), Errno::ENOTCONN)
}

/// connect to a bound port nobody listens on (the bound socket holds it):
/// ECONNREFUSED.
fn connect_econnrefused_to_a_port_nobody_listens_on(c: &mut Ctx) -> Outcome {
    let holder = c.socket(Family::Inet, SockType::Stream)?;
    bind(&holder, &LOOPBACK_V4).at("bind")?;
    let addr = getsockname(&holder).at("getsockname")?;
    let client = c.socket(Family::Inet, SockType::Stream)?;
    expect("connect", connect(&client, &addr), Errno::ECONNREFUSED)
}

/// connect on a connected stream socket: EISCONN.
fn connect_eisconn_twice(c: &mut Ctx) -> Outcome {
    let (_server, addr) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let client = c.socket(Family::Inet, SockType::Stream)?;
    connect(&client, &addr).at("connect")?;
    expect("connect again", connect(&client, &addr), Errno::EISCONN)
}

/// connect to a path where nothing is: ENOENT.
fn connect_enoent_to_a_missing_path(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let missing = UnixAddr::new(dir.join(b"nobody-here.sock").bytes()).at("UnixAddr::new")?;
    let client = c.socket(Family::Unix, SockType::Stream)?;
    expect("connect", connect(&client, &missing), Errno::ENOENT)
}

/// connect with a V6 address (28 bytes, enough for a sockaddr_in) on an
/// AF_INET socket: the family is wrong, EAFNOSUPPORT.
fn connect_eafnosupport_v6_on_inet(c: &mut Ctx) -> Outcome {
    let client = c.socket(Family::Inet, SockType::Stream)?;
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 9, 0, 0);
    expect(
        "connect [::1]:9",
        connect(&client, &v6),
        Errno::EAFNOSUPPORT,
    )
}

/// connect with a V4 address (16 bytes, short of a sockaddr_in6) on an
/// AF_INET6 socket: EINVAL.
fn connect_einval_v4_on_inet6(c: &mut Ctx) -> Outcome {
    let client = c.inet6(SockType::Stream)?;
    let v4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 9);
    expect("connect 127.0.0.1:9", connect(&client, &v4), Errno::EINVAL)
}

// ---- A server's path: accept, shutdown, descriptor flags, a socket file's mode ----

/// fcntl(2) with an integer argument: its result.
fn fcntl(fd: impl AsFd, cmd: u32, arg: usize) -> Result<usize, Errno> {
    let fd = fd.as_fd().as_raw_fd() as usize;
    // SAFETY: F_GETFD, F_GETFL and F_SETFL take integers and touch no memory.
    check(unsafe { syscall3(NR_FCNTL as usize, fd, cmd as usize, arg) })
}

/// FD_CLOEXEC and O_NONBLOCK of `fd`, as the kernel reports them: the
/// oracle for the flag calls.
fn kernel_flags(fd: impl AsFd) -> Result<(bool, bool), Why> {
    let fd = fd.as_fd();
    let fd_flags = fcntl(fd, F_GETFD, 0).at("fcntl(F_GETFD)")?;
    let status = fcntl(fd, F_GETFL, 0).at("fcntl(F_GETFL)")?;
    Ok((
        fd_flags & FD_CLOEXEC as usize != 0,
        status & O_NONBLOCK as usize != 0,
    ))
}

/// `(cloexec, nonblocking)` of `fd` as the kernel and rawbind report them
/// must both be `want`.
fn flags_are(fd: impl AsFd, want: (bool, bool)) -> Outcome {
    let fd = fd.as_fd();
    ensure(
        kernel_flags(fd)?.0 == want.0,
        "FD_CLOEXEC, as fcntl reads it",
    )?;
    ensure(
        kernel_flags(fd)?.1 == want.1,
        "O_NONBLOCK, as fcntl reads it",
    )?;
    ensure(rawbind::cloexec(fd) == Ok(want.0), "cloexec()")?;
    ensure(nonblocking(fd) == Ok(want.1), "nonblocking()")
}

/// Accepts the connection `client` made to `server` and checks what accept
/// says of every address kind: the peer is the accepted end's getpeername
/// (rawbind's and the kernel's bytes) and the client's getsockname, and
/// the accepted end's getsockname is the listener's. Returns the peer.
fn check_accepted(c: &mut Ctx, server: &OwnedFd, client: &OwnedFd) -> Result<SockAddr, Why> {
    let (conn, peer) = accept(server).at("accept")?;
    c.adopt(&conn)?;
    ensure(
        getpeername(&conn).at("getpeername")? == peer,
        "getpeername is not the peer",
    )?;
    let (kernel, len) = kernel_name(&conn, NameCall::Peer).at("getpeername(2)")?;
    // The kernel ends a 108-byte path with a NUL sun_path has no room for
    // (111 bytes); rawbind's address is the 110 bytes it was bound with.
    let len = match kernel.get(len.wrapping_sub(1)) {
        Some(0) if len == 111 => 110,
        _ => len,
    };
    let same = peer.with_bytes(|b| Some(b) == kernel.get(..len));
    ensure(same, "encode() is not the kernel's getpeername bytes")?;
    let client_name = getsockname(client).at("getsockname of the client")?;
    ensure(client_name == peer, "the peer is not the client's address")?;
    let conn_name = getsockname(&conn).at("getsockname of the accepted")?;
    let server_name = getsockname(server).at("getsockname of the listener")?;
    ensure(
        conn_name == server_name,
        "the accepted end is not at the listener's address",
    )?;
    Ok(peer)
}

/// accept's peer over 127.0.0.1 is the client's address, on both ends.
fn accept_v4_peer(c: &mut Ctx) -> Outcome {
    let (server, bound) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let client = c.socket(Family::Inet, SockType::Stream)?;
    connect(&client, &bound).at("connect")?;
    let peer = check_accepted(c, &server, &client)?;
    ensure(
        matches!(peer, SockAddr::V4(a) if *a.ip() == Ipv4Addr::LOCALHOST && a.port() != 0),
        "the peer is not 127.0.0.1:port",
    )
}

/// accept's peer over [::1] is the client's address, on both ends.
fn accept_v6_loopback_peer(c: &mut Ctx) -> Outcome {
    c.need_inet6(SockType::Stream)?;
    let (server, bound) = listener(c, Family::Inet6, &SockAddr::V6(LOOPBACK_V6))?;
    let client = c.socket(Family::Inet6, SockType::Stream)?;
    connect(&client, &bound).at("connect")?;
    let peer = check_accepted(c, &server, &client)?;
    ensure(
        matches!(peer, SockAddr::V6(a) if *a.ip() == Ipv6Addr::LOCALHOST && a.scope_id() == 0),
        "the peer is not [::1]:port",
    )
}

/// A pathname client's address, a short one and one of 108 bytes.
fn accept_unix_pathname_peer(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let server_addr = UnixAddr::new(dir.join(b"server").bytes()).at("UnixAddr::new")?;
    let (server, _) = listener(c, Family::Unix, &SockAddr::Unix(server_addr))?;
    let mut long = dir.join(b"");
    while long.bytes().len() < 108 {
        long.push(b"c");
    }
    for path in [dir.join(b"c"), long] {
        let client_addr = UnixAddr::new(path.bytes()).at("UnixAddr::new")?;
        let client = c.socket(Family::Unix, SockType::Stream)?;
        bind(&client, &client_addr).at("bind the client")?;
        connect(&client, &server_addr).at("connect")?;
        let peer = check_accepted(c, &server, &client)?;
        ensure(
            peer == SockAddr::Unix(client_addr),
            "the peer is not the client's path",
        )?;
    }
    Ok(())
}

/// An abstract client's name keeps its NUL and 0xff bytes.
fn accept_unix_abstract_peer(c: &mut Ctx) -> Outcome {
    let server_name = c.unique(b"accept-server");
    let server_addr = UnixAddr::new_abstract(server_name.bytes()).at("new_abstract")?;
    let (server, _) = listener(c, Family::Unix, &SockAddr::Unix(server_addr))?;
    let mut name = Name::of(b"\0peer\xff\0");
    name.push(c.unique(b"accept-peer").bytes());
    name.push(b"\xff");
    let client_addr = UnixAddr::new_abstract(name.bytes()).at("new_abstract")?;
    let client = c.socket(Family::Unix, SockType::Stream)?;
    bind(&client, &client_addr).at("bind the client")?;
    connect(&client, &server_addr).at("connect")?;
    let peer = check_accepted(c, &server, &client)?;
    ensure(
        peer == SockAddr::Unix(client_addr),
        "the peer is not the client's name",
    )
}

/// An unbound client is unnamed.
fn accept_unix_unbound_client_is_unnamed(c: &mut Ctx) -> Outcome {
    let name = c.unique(b"accept-unnamed");
    let server_addr = UnixAddr::new_abstract(name.bytes()).at("new_abstract")?;
    let (server, _) = listener(c, Family::Unix, &SockAddr::Unix(server_addr))?;
    let client = c.socket(Family::Unix, SockType::Stream)?;
    connect(&client, &server_addr).at("connect")?;
    let peer = check_accepted(c, &server, &client)?;
    ensure(
        peer == SockAddr::Unix(UnixAddr::unnamed()),
        "the peer is not unnamed",
    )
}

/// accept sets FD_CLOEXEC; accept_with sets exactly the flags it is given.
fn accept_flags(c: &mut Ctx) -> Outcome {
    let (server, bound) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let (cloexec, nonblock) = (SocketFlags::CLOEXEC, SocketFlags::NONBLOCK);
    let cases = [
        (None, (true, false)),
        (Some(SocketFlags::empty()), (false, false)),
        (Some(cloexec), (true, false)),
        (Some(nonblock), (false, true)),
        (Some(cloexec | nonblock), (true, true)),
    ];
    for (flags, want) in cases {
        let client = c.socket(Family::Inet, SockType::Stream)?;
        connect(&client, &bound).at("connect")?;
        let (conn, _) = match flags {
            None => accept(&server).at("accept")?,
            Some(f) => accept_with(&server, f).at("accept_with")?,
        };
        flags_are(&conn, want)?;
    }
    Ok(())
}

/// accept_without_addr (accept4 with no address asked for) gives the
/// client's connection, on the listener's address, with exactly the flags
/// given.
fn accept_without_addr_flags_and_peer(c: &mut Ctx) -> Outcome {
    let (server, bound) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let (cloexec, nonblock) = (SocketFlags::CLOEXEC, SocketFlags::NONBLOCK);
    let cases = [
        (SocketFlags::empty(), (false, false)),
        (cloexec, (true, false)),
        (nonblock, (false, true)),
        (cloexec | nonblock, (true, true)),
    ];
    for (flags, want) in cases {
        let client = c.socket(Family::Inet, SockType::Stream)?;
        connect(&client, &bound).at("connect")?;
        let conn = accept_without_addr(&server, flags).at("accept_without_addr")?;
        let peer = getpeername(&conn).at("getpeername of the accepted end")?;
        ensure(
            peer == getsockname(&client).at("getsockname of the client")?,
            "the accepted end's peer is not the client",
        )?;
        ensure(
            getsockname(&conn).at("getsockname of the accepted end")? == bound,
            "the accepted end is not on the listener's address",
        )?;
        flags_are(&conn, want)?;
    }
    Ok(())
}

/// accept_without_addr fails as accept does: EAGAIN with nothing pending on
/// a non-blocking listener, EINVAL on a socket that does not listen,
/// EOPNOTSUPP on a datagram socket.
fn accept_without_addr_errors(c: &mut Ctx) -> Outcome {
    let flags = SocketFlags::CLOEXEC;
    let nonblocking_flags = SocketFlags::CLOEXEC | SocketFlags::NONBLOCK;
    let server =
        socket_with(Family::Inet, SockType::Stream, nonblocking_flags, 0).at("socket_with")?;
    bind(&server, &LOOPBACK_V4).at("bind")?;
    listen(&server, 1).at("listen")?;
    expect(
        "accept_without_addr",
        accept_without_addr(&server, flags),
        Errno::EAGAIN,
    )?;
    let idle = c.socket(Family::Inet, SockType::Stream)?;
    bind(&idle, &LOOPBACK_V4).at("bind")?;
    expect(
        "accept_without_addr",
        accept_without_addr(&idle, flags),
        Errno::EINVAL,
    )?;
    let udp = c.socket(Family::Inet, SockType::Dgram)?;
    expect(
        "accept_without_addr",
        accept_without_addr(&udp, flags),
        Errno::EOPNOTSUPP,
    )
}

/// accept on a non-blocking listener with nothing pending: EAGAIN.
fn accept_eagain_with_nothing_pending(_: &mut Ctx) -> Outcome {
    let flags = SocketFlags::CLOEXEC | SocketFlags::NONBLOCK;
    let server = socket_with(Family::Inet, SockType::Stream, flags, 0).at("socket_with")?;
    bind(&server, &LOOPBACK_V4).at("bind")?;
    listen(&server, 1).at("listen")?;
    expect("accept", accept(&server), Errno::EAGAIN)
}

/// accept on a bound socket that does not listen: EINVAL.
fn accept_einval_not_listening(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    bind(&fd, &LOOPBACK_V4).at("bind")?;
    expect("accept", accept(&fd), Errno::EINVAL)
}

/// accept on a datagram socket: EOPNOTSUPP.
fn accept_eopnotsupp_on_a_datagram_socket(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    bind(&fd, &LOOPBACK_V4).at("bind")?;
    expect("accept", accept(&fd), Errno::EOPNOTSUPP)
}

/// A regular file, made in a directory of its own.
fn regular_file(dir: &TempDir) -> Result<OwnedFd, Why> {
    open_mode(&dir.join(b"f"), O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create a file")
}

/// accept on a regular file: ENOTSOCK.
fn accept_enotsock_on_a_regular_file(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let file = regular_file(&dir)?;
    expect("accept", accept(&file), Errno::ENOTSOCK)
}

/// The number of a socket just closed (single-threaded: nothing is given
/// the number before the caller uses it).
fn closed_fd(c: &mut Ctx) -> Result<i32, Why> {
    let fd = c.socket(Family::Inet, SockType::Stream)?.into_raw_fd();
    close(fd).at("close")?;
    Ok(fd)
}

/// accept on a descriptor just closed: EBADF.
fn accept_ebadf_on_a_closed_fd(c: &mut Ctx) -> Outcome {
    let fd = closed_fd(c)?;
    // SAFETY: the number is closed and, in this one-thread program, stays
    // closed: the kernel answers EBADF without touching anything.
    let closed = unsafe { BorrowedFd::borrow_raw(fd) };
    expect("accept", accept(closed), Errno::EBADF)
}

/// A connected TCP pair over loopback: (client, accepted end).
fn tcp_pair(c: &mut Ctx) -> Result<(OwnedFd, OwnedFd), Why> {
    let (server, bound) = listener(c, Family::Inet, &SockAddr::V4(LOOPBACK_V4))?;
    let client = c.socket(Family::Inet, SockType::Stream)?;
    connect(&client, &bound).at("connect")?;
    let (conn, _) = accept(&server).at("accept")?;
    c.adopt(&conn)?;
    Ok((client, conn))
}

/// Reads from `fd` until end-of-file or `N` bytes: what was read.
fn read_to_end<const N: usize>(fd: impl AsFd) -> Result<([u8; N], usize), Errno> {
    let fd = fd.as_fd();
    let mut buf = [0u8; N];
    let mut len = 0;
    while let Some(rest) = buf.get_mut(len..).filter(|r| !r.is_empty()) {
        match read(fd, rest)? {
            0 => break,
            n => len += n,
        }
    }
    Ok((buf, len))
}

/// shutdown(Write): the peer reads what was sent, then end-of-file; the
/// other way stays open.
fn shutdown_write_makes_the_peer_read_eof(c: &mut Ctx) -> Outcome {
    let (client, conn) = tcp_pair(c)?;
    ensure(
        write(&client, b"last words").at("write")? == 10,
        "short write",
    )?;
    shutdown(&client, Shutdown::Write).at("shutdown(Write)")?;
    let (got, len) = read_to_end::<64>(&conn).at("read to end-of-file")?;
    ensure(
        got.get(..len) == Some(b"last words"),
        "the peer read other bytes",
    )?;
    ensure(
        write(&conn, b"reply").at("write the reply")? == 5,
        "short write",
    )?;
    let (reply, len) = read_to_end::<5>(&client).at("read the reply")?;
    ensure(
        len == 5 && &reply == b"reply",
        "the reply did not come back",
    )
}

/// shutdown(Read): a read returns end-of-file at once.
fn shutdown_read_makes_reads_return_eof(c: &mut Ctx) -> Outcome {
    let (_client, conn) = tcp_pair(c)?;
    shutdown(&conn, Shutdown::Read).at("shutdown(Read)")?;
    let mut buf = [0u8; 8];
    ensure(
        read(&conn, &mut buf).at("read")? == 0,
        "a read after SHUT_RD got data",
    )
}

/// shutdown(Both): the peer reads end-of-file, and a send is EPIPE.
fn shutdown_both_then_send_epipe(c: &mut Ctx) -> Outcome {
    let (client, conn) = tcp_pair(c)?;
    shutdown(&conn, Shutdown::Both).at("shutdown(Both)")?;
    let mut buf = [0u8; 8];
    ensure(
        read(&client, &mut buf).at("read")? == 0,
        "the peer did not read end-of-file",
    )?;
    let args = [
        conn.as_raw_fd() as usize,
        buf.as_ptr() as usize,
        1,
        MSG_NOSIGNAL as usize,
        0,
        0,
    ];
    // SAFETY: sendto reads 1 byte at `buf` and no address (a null one);
    // MSG_NOSIGNAL: EPIPE, not SIGPIPE.
    let r = check(unsafe { raw::socket_call(__NR_sendto, SYS_SENDTO, args) });
    expect("send after SHUT_RDWR", r, Errno::EPIPE)
}

/// shutdown of an unconnected TCP socket: ENOTCONN.
fn shutdown_enotconn_unconnected_tcp(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    expect("shutdown", shutdown(&fd, Shutdown::Both), Errno::ENOTCONN)
}

/// The kernel's AF_UNIX shutdown does not check for a peer: success.
fn shutdown_unconnected_unix_succeeds(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    shutdown(&fd, Shutdown::Both).at("shutdown")
}

/// shutdown of a regular file: ENOTSOCK.
fn shutdown_enotsock_on_a_regular_file(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let file = regular_file(&dir)?;
    expect(
        "shutdown",
        shutdown(&file, Shutdown::Write),
        Errno::ENOTSOCK,
    )
}

/// shutdown of a descriptor just closed: EBADF.
fn shutdown_ebadf_on_a_closed_fd(c: &mut Ctx) -> Outcome {
    let fd = closed_fd(c)?;
    // SAFETY: as in `accept_ebadf_on_a_closed_fd`.
    let closed = unsafe { BorrowedFd::borrow_raw(fd) };
    expect("shutdown", shutdown(closed, Shutdown::Both), Errno::EBADF)
}

/// socket_with makes the socket with exactly the flags given.
fn socket_with_each_flag(_: &mut Ctx) -> Outcome {
    let (cloexec, nonblock) = (SocketFlags::CLOEXEC, SocketFlags::NONBLOCK);
    for flags in [SocketFlags::empty(), cloexec, nonblock, cloexec | nonblock] {
        for (family, ty) in [
            (Family::Inet, SockType::Stream),
            (Family::Unix, SockType::Dgram),
        ] {
            let fd = socket_with(family, ty, flags, 0).at("socket_with")?;
            flags_are(&fd, (flags.contains(cloexec), flags.contains(nonblock)))?;
        }
    }
    Ok(())
}

/// set_cloexec and set_nonblocking, on and off, read back by the kernel.
fn set_cloexec_and_set_nonblocking(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    for on in [false, true, true, false] {
        set_cloexec(&fd, on).at("set_cloexec")?;
        set_nonblocking(&fd, on).at("set_nonblocking")?;
        flags_are(&fd, (on, on))?;
    }
    Ok(())
}

/// set_nonblocking changes O_NONBLOCK only: O_APPEND, set with fcntl, stays.
fn set_nonblocking_keeps_the_other_flags(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    fcntl(&fd, F_SETFL, O_APPEND as usize).at("fcntl(F_SETFL, O_APPEND)")?;
    for on in [true, false] {
        set_nonblocking(&fd, on).at("set_nonblocking")?;
        let status = fcntl(&fd, F_GETFL, 0).at("fcntl(F_GETFL)")?;
        ensure(status & O_APPEND as usize != 0, "O_APPEND is gone")?;
        ensure(
            (status & O_NONBLOCK as usize != 0) == on,
            "O_NONBLOCK is not as set",
        )?;
    }
    Ok(())
}

/// Each flag call on a descriptor just closed: EBADF.
fn flag_calls_ebadf_on_a_closed_fd(c: &mut Ctx) -> Outcome {
    let fd = closed_fd(c)?;
    // SAFETY: as in `accept_ebadf_on_a_closed_fd`.
    let closed = unsafe { BorrowedFd::borrow_raw(fd) };
    expect("set_cloexec", set_cloexec(closed, true), Errno::EBADF)?;
    expect("cloexec", rawbind::cloexec(closed), Errno::EBADF)?;
    expect(
        "set_nonblocking",
        set_nonblocking(closed, true),
        Errno::EBADF,
    )?;
    expect("nonblocking", nonblocking(closed), Errno::EBADF)
}

/// umask(2): sets the process's mask, returns the old one.
fn umask(mask: u32) -> u32 {
    // SAFETY: umask takes an integer and cannot fail.
    unsafe { syscall1(__NR_umask as usize, mask as usize) as u32 }
}

/// bind_with_mode makes the socket file with the mode less the umask
/// (single-threaded: the process's umask changes for this check alone).
fn bind_with_mode_less_the_umask(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let cases = [
        (0o022, 0o600, 0o600),
        (0o022, 0o660, 0o640),
        (0o022, 0o666, 0o644),
        (0o000, 0o600, 0o600),
        (0o000, 0o660, 0o660),
        (0o000, 0o666, 0o666),
        (0o000, 0o777, 0o777),
    ];
    let before = umask(0o022);
    let mut result = Ok(());
    for (i, (mask, mode, want)) in cases.into_iter().enumerate() {
        umask(mask);
        let path = dir.join(&[b's', b'0' + i as u8]);
        result = (|| {
            let addr = UnixAddr::new(path.bytes()).at("UnixAddr::new")?;
            let fd = c.socket(Family::Unix, SockType::Stream)?;
            bind_with_mode(&fd, &addr, mode).at("bind_with_mode")?;
            let got = u32::from(stat(&path).at("stat")?.stx_mode) & 0o7777;
            ensure(
                got == want,
                "the file's mode is not the mode less the umask",
            )
        })();
        if result.is_err() {
            break;
        }
    }
    umask(before);
    result
}

/// bind_with_mode refuses an abstract or unnamed address (no file) and a
/// mode above 0o777 with EINVAL, and makes nothing. (That it makes no
/// system call, the suite's seccomp filter shows; not this program.)
fn bind_with_mode_einval_of_no_file_or_a_bad_mode(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = UnixAddr::new(dir.join(b"s").bytes()).at("UnixAddr::new")?;
    let name = UnixAddr::new_abstract(c.unique(b"mode").bytes()).at("new_abstract")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    for (addr, mode) in [
        (&name, 0o600),
        (&UnixAddr::unnamed(), 0o600),
        (&path, 0o1000),
        (&path, 0o4777),
    ] {
        expect(
            "bind_with_mode",
            bind_with_mode(&fd, addr, mode),
            Errno::EINVAL,
        )?;
    }
    ensure(dir.holds(&[])?, "a refused bind_with_mode made a file")?;
    still_unnamed(&fd)
}

/// bind_with_mode changes only an AF_UNIX socket's mode: a regular file's
/// stays (ENOTSOCK), an AF_INET socket's stays 0777 (EAFNOSUPPORT, and no
/// bind), and the AF_UNIX socket's becomes the mode.
fn bind_with_mode_changes_no_mode_but_an_af_unix_sockets(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let file = open_mode(&dir.join(b"file"), O_WRONLY | O_CREAT | O_EXCL, 0o644).at("create")?;
    let mode = |fd: BorrowedFd<'_>| -> Result<u32, Why> {
        Ok(u32::from(fstat(fd).at("fstat")?.stx_mode) & 0o7777)
    };
    let before = mode(file.as_fd())?;
    let addr = UnixAddr::new(dir.join(b"s").bytes()).at("UnixAddr::new")?;
    expect(
        "bind_with_mode on a file",
        bind_with_mode(&file, &addr, 0),
        Errno::ENOTSOCK,
    )?;
    ensure(mode(file.as_fd())? == before, "a file's mode changed")?;
    let inet = c.socket(Family::Inet, SockType::Stream)?;
    ensure(
        mode(inet.as_fd())? == 0o777,
        "an AF_INET socket's mode is not 0777",
    )?;
    expect(
        "bind_with_mode on AF_INET",
        bind_with_mode(&inet, &addr, 0),
        Errno::EAFNOSUPPORT,
    )?;
    ensure(
        mode(inet.as_fd())? == 0o777,
        "an AF_INET socket's mode changed",
    )?;
    ensure(
        dir.holds(&[b"file"])?,
        "a refused bind_with_mode made a file",
    )?;
    let unix = c.socket(Family::Unix, SockType::Stream)?;
    bind_with_mode(&unix, &addr, 0o600).at("bind_with_mode on AF_UNIX")?;
    ensure(mode(unix.as_fd())? == 0o600, "the AF_UNIX socket's mode")
}

/// unlink removes the socket file (of 108 bytes too), then ENOENT; the
/// path binds again.
fn unlink_enoent_twice_then_bind_again(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let mut long = dir.join(b"");
    while long.bytes().len() < 108 {
        long.push(b"u");
    }
    for path in [dir.join(b"u"), long] {
        let addr = UnixAddr::new(path.bytes()).at("UnixAddr::new")?;
        let fd = c.socket(Family::Unix, SockType::Stream)?;
        bind(&fd, &addr).at("bind")?;
        ensure(exists(&path).at("stat")?, "no socket file")?;
        rawbind::unlink(&addr).at("unlink")?;
        ensure(!exists(&path).at("stat")?, "the file is still there")?;
        expect("unlink again", rawbind::unlink(&addr), Errno::ENOENT)?;
        let again = c.socket(Family::Unix, SockType::Stream)?;
        bind(&again, &addr).at("bind again")?;
        rawbind::unlink(&addr).at("unlink")?;
    }
    Ok(())
}

/// unlink of an abstract or unnamed address (no file) is Ok. (That it
/// makes no system call, the suite's seccomp filter shows; not this program.)
fn unlink_of_no_file_is_ok(c: &mut Ctx) -> Outcome {
    let name = UnixAddr::new_abstract(c.unique(b"unlink").bytes()).at("new_abstract")?;
    rawbind::unlink(&name).at("unlink an abstract name")?;
    rawbind::unlink(&UnixAddr::unnamed()).at("unlink unnamed")
}

// ---- bind(2)'s errors ----

/// A second socket bound to the first's 127.0.0.1 port: EADDRINUSE.
fn eaddrinuse(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = c.socket(Family::Inet, ty)?;
        bind(&first, &LOOPBACK_V4).at("bind 127.0.0.1:0")?;
        let taken = getsockname(&first).at("getsockname")?;
        ensure(port_of(&taken)? != 0, "getsockname: port 0")?;
        let second = c.socket(Family::Inet, ty)?;
        let r = bind(&second, &taken);
        expect("bind the port taken", r, Errno::EADDRINUSE)?;
    }
    Ok(())
}

/// A bound socket bound again, to a new address and to its own: EINVAL.
fn einval_rebind(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Inet, ty)?;
        bind(&fd, &LOOPBACK_V4).at("bind 127.0.0.1:0")?;
        let bound = getsockname(&fd).at("getsockname")?;
        expect("bind again", bind(&fd, &LOOPBACK_V4), Errno::EINVAL)?;
        expect("bind its own address", bind(&fd, &bound), Errno::EINVAL)?;
        ensure(
            getsockname(&fd).at("getsockname")? == bound,
            "no longer bound as before",
        )?;
    }
    Ok(())
}

/// Descriptor -1: EBADF.
fn ebadf(_: &mut Ctx) -> Outcome {
    let addr = SockAddr::from(LOOPBACK_V4).encode();
    // SAFETY: `addr` holds `addr.len()` initialized bytes and outlives the call.
    let result = unsafe { raw::bind(-1, addr.as_ptr(), addr.len()) };
    expect("raw::bind(-1)", result, Errno::EBADF)
}

/// An address no interface has (TEST-NET-1, RFC 5737): EADDRNOTAVAIL.
/// Binding it sends nothing.
fn eaddrnotavail(c: &mut Ctx) -> Outcome {
    if read_number(b"/proc/sys/net/ipv4/ip_nonlocal_bind").is_ok_and(|n| n != 0) {
        return Err(Why::Skip(
            "net.ipv4.ip_nonlocal_bind is on: any address binds",
        ));
    }
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Inet, ty)?;
        let addr = SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 1), 0);
        expect("bind 192.0.2.1:0", bind(&fd, &addr), Errno::EADDRNOTAVAIL)?;
    }
    Ok(())
}

/// A V6 address (28 bytes, long enough for a sockaddr_in) on an AF_INET
/// socket: the family is wrong, EAFNOSUPPORT.
fn eafnosupport_v6_on_inet(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Inet, ty)?;
        let r = bind(&fd, &LOOPBACK_V6);
        expect("bind [::1]:0", r, Errno::EAFNOSUPPORT)?;
    }
    Ok(())
}

/// A V4 address (16 bytes, too short for a sockaddr_in6) on an AF_INET6
/// socket: the length is wrong, EINVAL.
fn einval_v4_on_inet6(c: &mut Ctx) -> Outcome {
    let fd = c.inet6(SockType::Stream)?;
    expect("bind 127.0.0.1:0", bind(&fd, &LOOPBACK_V4), Errno::EINVAL)
}

/// An interface index no machine has (the kernel counts up from 1).
const UNUSED_IFINDEX: u32 = 0x7fff_fff0;

/// fe80::1
const FE80_1: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);

/// fe80::1 without a scope id: the kernel cannot tell the link, EINVAL.
fn einval_link_local_without_scope(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.inet6(ty)?;
        let addr = SocketAddrV6::new(FE80_1, 0, 0, 0);
        expect("bind [fe80::1]:0", bind(&fd, &addr), Errno::EINVAL)?;
    }
    Ok(())
}

/// fe80::1 with a scope id no interface has: ENODEV.
fn enodev_link_local_scope(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.inet6(ty)?;
        let addr = SocketAddrV6::new(FE80_1, 0, 0, UNUSED_IFINDEX);
        expect("bind [fe80::1%unused]:0", bind(&fd, &addr), Errno::ENODEV)?;
    }
    Ok(())
}

/// A failed bind left the Unix socket `fd` as it was: unnamed.
fn still_unnamed(fd: impl AsFd) -> Outcome {
    let got = getsockname(fd).at("getsockname")?;
    ensure(
        got == SockAddr::Unix(UnixAddr::unnamed()),
        "no longer unnamed",
    )
}

/// A path whose prefix is a regular file: ENOTDIR; the file is left as it
/// was, and nothing is made.
fn enotdir(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let file = dir.join(b"plain");
    write_file(&file, b"not a directory").at("write a file")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(dir.join(b"plain/s.sock").bytes()).at("UnixAddr::new")?;
    expect("bind", bind(&fd, &addr), Errno::ENOTDIR)?;
    let (kept, len) = read_file::<64>(&file).at("read the file")?;
    ensure(
        kept.get(..len) == Some(b"not a directory"),
        "the file changed",
    )?;
    ensure(dir.holds(&[b"plain"])?, "the directory changed")
}

/// A path in a directory that does not exist: ENOENT; nothing is made.
fn enoent(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(dir.join(b"missing/s.sock").bytes()).at("UnixAddr::new")?;
    expect("bind", bind(&fd, &addr), Errno::ENOENT)?;
    ensure(dir.holds(&[])?, "bind made something")?;
    still_unnamed(&fd)
}

/// A descriptor that is not a socket (/dev/null): ENOTSOCK.
fn enotsock(_: &mut Ctx) -> Outcome {
    let null = open(&Name::of(b"/dev/null"), O_RDONLY).at("open /dev/null")?;
    expect("bind", bind(&null, &LOOPBACK_V4), Errno::ENOTSOCK)
}

/// An address in a page just unmapped (and in the never-mapped first
/// page): EFAULT. Single-threaded: nothing maps the page again between.
fn efault(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let p = mmap(PAGES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS).at("mmap")?;
    munmap(p, PAGES).at("munmap")?;
    for addr in [p, 16] {
        // SAFETY: nothing is mapped at `addr`: the kernel's copy fails with
        // EFAULT, and nothing in this process is read or written.
        let r = unsafe { raw::bind(fd.as_raw_fd(), addr as *const u8, 16) };
        expect("raw::bind", r, Errno::EFAULT)?;
    }
    Ok(())
}

/// An address in a page mapped PROT_NONE: EFAULT.
fn efault_prot_none_page(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let p = mmap(PAGES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS).at("mmap")?;
    // SAFETY: the page at `p` is ours and inaccessible: the kernel's copy
    // fails with EFAULT and nothing is read.
    let r = unsafe { raw::bind(fd.as_raw_fd(), p as *const u8, 16) };
    munmap(p, PAGES).at("munmap")?;
    expect("raw::bind", r, Errno::EFAULT)
}

/// A path taken by a first socket: EADDRINUSE; its file stays, and nothing
/// else is made.
fn eaddrinuse_unix_path_taken(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = dir.join(b"taken.sock");
    let addr = SockAddr::Unix(UnixAddr::new(path.bytes()).at("UnixAddr::new")?);
    let first = c.socket(Family::Unix, SockType::Stream)?;
    bind(&first, &addr).at("bind the first")?;
    let second = c.socket(Family::Unix, SockType::Stream)?;
    expect("bind the second", bind(&second, &addr), Errno::EADDRINUSE)?;
    ensure(is_socket_file(&path), "the first socket's file is gone")?;
    ensure(
        getsockname(&first).at("getsockname")? == addr,
        "the first moved",
    )?;
    ensure(dir.holds(&[b"taken.sock"])?, "the directory changed")
}

/// An abstract name another datagram socket holds: EADDRINUSE.
fn eaddrinuse_abstract_name_taken(c: &mut Ctx) -> Outcome {
    let name = UnixAddr::new_abstract(c.unique(b"twice").bytes()).at("new_abstract")?;
    let first = c.socket(Family::Unix, SockType::Dgram)?;
    bind(&first, &name).at("bind the first")?;
    let second = c.socket(Family::Unix, SockType::Dgram)?;
    expect("bind the second", bind(&second, &name), Errno::EADDRINUSE)
}

/// A Unix socket bound again: EINVAL, though the kernel made the socket
/// file first; it must unlink it again. Also after an abstract name.
fn einval_rebind_unix_leaves_no_file(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let first = UnixAddr::new(dir.join(b"first.sock").bytes()).at("UnixAddr::new")?;
    let second = dir.join(b"second.sock");
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    bind(&fd, &first).at("bind")?;
    let again = UnixAddr::new(second.bytes()).at("UnixAddr::new")?;
    expect("bind again", bind(&fd, &again), Errno::EINVAL)?;
    ensure(!exists(&second).at("stat")?, "the failed bind left a file")?;
    ensure(
        is_socket_file(&dir.join(b"first.sock")),
        "the first file is gone",
    )?;
    ensure(
        getsockname(&fd).at("getsockname")? == SockAddr::Unix(first),
        "it moved",
    )?;

    let abs = c.socket(Family::Unix, SockType::Stream)?;
    let name = UnixAddr::new_abstract(c.unique(b"then-path").bytes()).at("new_abstract")?;
    bind(&abs, &name).at("bind an abstract name")?;
    let third = dir.join(b"third.sock");
    let path = UnixAddr::new(third.bytes()).at("UnixAddr::new")?;
    expect("bind a path after", bind(&abs, &path), Errno::EINVAL)?;
    ensure(!exists(&third).at("stat")?, "the failed bind left a file")
}

/// An AF_INET address on an AF_UNIX socket: EINVAL.
fn einval_v4_on_unix(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    expect("bind 127.0.0.1:0", bind(&fd, &LOOPBACK_V4), Errno::EINVAL)
}

/// 3 bytes of a valid `sockaddr_in`: EINVAL; the 16 bytes then bind.
fn einval_addrlen_3(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let addr = SockAddr::from(LOOPBACK_V4).encode();
    ensure(addr.len() == 16, "encode(): not 16 bytes")?;
    // SAFETY: `addr` holds 16 initialized bytes, more than the 3 the kernel may read.
    let r = unsafe { raw::bind(fd.as_raw_fd(), addr.as_ptr(), 3) };
    expect("raw::bind of 3 bytes", r, Errno::EINVAL)?;
    // SAFETY: as above, with the address's own length.
    let r = unsafe { raw::bind(fd.as_raw_fd(), addr.as_ptr(), addr.len()) };
    r.at("raw::bind of 16 bytes")
}

/// A descriptor number just closed: EBADF (single-threaded: nothing opens
/// it again between).
fn ebadf_closed_fd(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?.into_raw_fd();
    close(fd).at("close")?;
    let addr = SockAddr::from(LOOPBACK_V4).encode();
    // SAFETY: `addr` holds `addr.len()` initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd, addr.as_ptr(), addr.len()) };
    expect("raw::bind", r, Errno::EBADF)
}

/// A regular file's descriptor: ENOTSOCK; an AF_UNIX address makes no file.
fn enotsock_regular_file(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let plain = dir.join(b"plain");
    let file = open_mode(&plain, O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create")?;
    let r = bind(&file, &LOOPBACK_V4);
    expect("bind 127.0.0.1:0", r, Errno::ENOTSOCK)?;
    let addr = UnixAddr::new(dir.join(b"never.sock").bytes()).at("UnixAddr::new")?;
    expect("bind a path", bind(&file, &addr), Errno::ENOTSOCK)?;
    ensure(dir.holds(&[b"plain"])?, "bind made a file")
}

/// Port 463 as a process that may not bind it: EACCES. The control, a
/// port the kernel picks, binds.
fn eacces_port_463(c: &mut Ctx) -> Outcome {
    if capable(CAP_NET_BIND_SERVICE).at("capget")? {
        return Err(Why::Skip(
            "CAP_NET_BIND_SERVICE (root) may bind port 463: the check runs unprivileged",
        ));
    }
    // Kernels before 4.11 have no knob: ports below 1024 are protected.
    let start = read_number(b"/proc/sys/net/ipv4/ip_unprivileged_port_start");
    if start.is_ok_and(|start| start <= 463) {
        return Err(Why::Skip(
            "ip_unprivileged_port_start is 463 or less: port 463 is open to all",
        ));
    }
    let control = c.socket(Family::Inet, SockType::Stream)?;
    bind(&control, &LOOPBACK_V4).at("bind 127.0.0.1:0 (control)")?;
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    let port_463 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 463);
    expect("bind 127.0.0.1:463", bind(&fd, &port_463), Errno::EACCES)
}

/// A path in a directory without search permission (mode 0666): EACCES,
/// and nothing is made. The control: a path in a mode 0777 one binds.
fn eacces_path_without_search_permission(c: &mut Ctx) -> Outcome {
    for cap in [CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH] {
        if capable(cap).at("capget")? {
            return Err(Why::Skip("CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH (root) searches any directory: the check runs unprivileged"));
        }
    }
    let dir = TempDir::new(c)?;
    let (open_dir, locked) = (dir.join(b"open"), dir.join(b"no-search"));
    for (path, mode) in [(&open_dir, 0o777), (&locked, 0o666)] {
        mkdir(path, 0o700).at("mkdir")?;
        chmod(path, mode).at("chmod")?;
    }
    let open_path = dir.join(b"open/ok.sock");
    let locked_path = dir.join(b"no-search/s.sock");
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(open_path.bytes()).at("UnixAddr::new")?;
    bind(&fd, &addr).at("bind (control)")?;
    ensure(
        is_socket_file(&open_path),
        "no socket file in the open directory",
    )?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(locked_path.bytes()).at("UnixAddr::new")?;
    let got = bind(&fd, &addr);
    chmod(&locked, 0o700).at("chmod back")?;
    expect("bind", got, Errno::EACCES)?;
    ensure(
        !exists(&locked_path).at("stat")?,
        "the failed bind left a file",
    )
}

/// SO_REUSEADDR on both TCP sockets and the first not listening: the
/// second binds the first's port.
fn ok_so_reuseaddr_on_both_and_the_first_not_listening(c: &mut Ctx) -> Outcome {
    let first = c.socket(Family::Inet, SockType::Stream)?;
    set_reuse_addr(&first, true).at("set_reuse_addr")?;
    bind(&first, &LOOPBACK_V4).at("bind the first")?;
    let taken = getsockname(&first).at("getsockname")?;
    let second = c.socket(Family::Inet, SockType::Stream)?;
    set_reuse_addr(&second, true).at("set_reuse_addr")?;
    bind(&second, &taken).at("bind the second")?;
    ensure(
        getsockname(&second).at("getsockname")? == taken,
        "the second is elsewhere",
    )
}

/// SO_REUSEADDR on both TCP sockets, but the first listens: EADDRINUSE;
/// once the listener is gone the same socket binds.
fn eaddrinuse_so_reuseaddr_while_the_first_listens(c: &mut Ctx) -> Outcome {
    let first = c.socket(Family::Inet, SockType::Stream)?;
    set_reuse_addr(&first, true).at("set_reuse_addr")?;
    bind(&first, &LOOPBACK_V4).at("bind the first")?;
    listen(&first, 1).at("listen")?;
    let taken = getsockname(&first).at("getsockname")?;
    let second = c.socket(Family::Inet, SockType::Stream)?;
    set_reuse_addr(&second, true).at("set_reuse_addr")?;
    expect("bind the second", bind(&second, &taken), Errno::EADDRINUSE)?;
    drop(first);
    bind(&second, &taken).at("bind the second once the first is closed")
}

/// SO_REUSEADDR on the second TCP socket only: EADDRINUSE.
fn eaddrinuse_so_reuseaddr_on_the_second_only(c: &mut Ctx) -> Outcome {
    let first = c.socket(Family::Inet, SockType::Stream)?;
    bind(&first, &LOOPBACK_V4).at("bind the first")?;
    let taken = getsockname(&first).at("getsockname")?;
    let second = c.socket(Family::Inet, SockType::Stream)?;
    set_reuse_addr(&second, true).at("set_reuse_addr")?;
    expect("bind the second", bind(&second, &taken), Errno::EADDRINUSE)
}

/// `[::]:port`.
fn v6_any(port: u16) -> SocketAddrV6 {
    SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, port, 0, 0)
}

/// `0.0.0.0:port`.
fn v4_any(port: u16) -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port)
}

/// The port `fd` is bound to.
fn bound_port(fd: impl AsFd) -> Result<u16, Why> {
    port_of(&getsockname(fd).at("getsockname")?)
}

/// Runs `attempt` until a bind in it does not fail with EADDRINUSE, at
/// most 3 times: between binding a port the kernel chose for one family and
/// binding it in the other, another process (QEMU runs share the host's
/// ports) may be given it in the other family.
fn retry_if_port_raced(c: &mut Ctx, attempt: impl Fn(&mut Ctx) -> Outcome) -> Outcome {
    let mut result = attempt(c);
    for _ in 1..3 {
        match result {
            Err(Why::Fail(_, How::Failed(Errno::EADDRINUSE))) => result = attempt(c),
            _ => break,
        }
    }
    result
}

/// A dual-stack `[::]` on a port the IPv4 wildcard holds: EADDRINUSE; the
/// control, with IPV6_V6ONLY on, binds.
fn eaddrinuse_dual_stack_v6_on_a_v4_wildcard_port(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        c.need_inet6(ty)?;
        retry_if_port_raced(c, |c| {
            let v4 = c.socket(Family::Inet, ty)?;
            bind(&v4, &v4_any(0)).at("bind 0.0.0.0:0")?;
            let port = bound_port(&v4)?;
            let dual = c.socket(Family::Inet6, ty)?;
            set_ipv6_only(&dual, false).at("set_ipv6_only(false)")?;
            let r = bind(&dual, &v6_any(port));
            expect("bind [::]:port", r, Errno::EADDRINUSE)?;
            let v6only = c.socket(Family::Inet6, ty)?;
            set_ipv6_only(&v6only, true).at("set_ipv6_only(true)")?;
            bind(&v6only, &v6_any(port)).at("bind [::]:port, IPV6_V6ONLY")
        })?;
    }
    Ok(())
}

/// The IPv4 wildcard on a port a dual-stack `[::]` holds: EADDRINUSE.
fn eaddrinuse_v4_wildcard_on_a_dual_stack_v6_port(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let dual = c.inet6(ty)?;
        set_ipv6_only(&dual, false).at("set_ipv6_only(false)")?;
        bind(&dual, &v6_any(0)).at("bind [::]:0")?;
        let port = bound_port(&dual)?;
        let v4 = c.socket(Family::Inet, ty)?;
        let r = bind(&v4, &v4_any(port));
        expect("bind 0.0.0.0:port", r, Errno::EADDRINUSE)?;
    }
    Ok(())
}

/// An IPV6_V6ONLY `[::]` and the IPv4 wildcard share a port, whichever
/// binds first.
fn ok_v6only_and_v4_wildcards_share_a_port(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        c.need_inet6(ty)?;
        retry_if_port_raced(c, |c| {
            let v6only = c.socket(Family::Inet6, ty)?;
            set_ipv6_only(&v6only, true).at("set_ipv6_only(true)")?;
            bind(&v6only, &v6_any(0)).at("bind [::]:0")?;
            let v4 = c.socket(Family::Inet, ty)?;
            let port = bound_port(&v6only)?;
            bind(&v4, &v4_any(port)).at("bind 0.0.0.0:port, v6 first")
        })?;
        retry_if_port_raced(c, |c| {
            let v4 = c.socket(Family::Inet, ty)?;
            bind(&v4, &v4_any(0)).at("bind 0.0.0.0:0")?;
            let v6only = c.socket(Family::Inet6, ty)?;
            set_ipv6_only(&v6only, true).at("set_ipv6_only(true)")?;
            let port = bound_port(&v4)?;
            bind(&v6only, &v6_any(port)).at("bind [::]:port, v4 first")
        })?;
    }
    Ok(())
}

/// SO_REUSEPORT on all 4 sockets: they all bind one 127.0.0.1 port, TCP
/// and UDP.
fn ok_so_reuseport_on_all_4_sockets(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = c.socket(Family::Inet, ty)?;
        set_reuse_port(&first, true).at("set_reuse_port")?;
        bind(&first, &LOOPBACK_V4).at("bind the first")?;
        let taken = getsockname(&first).at("getsockname")?;
        let mut others = [None, None, None];
        for slot in &mut others {
            let fd = c.socket(Family::Inet, ty)?;
            set_reuse_port(&fd, true).at("set_reuse_port")?;
            bind(&fd, &taken).at("bind another")?;
            *slot = Some(fd);
        }
        for fd in others.iter().flatten().chain([&first]) {
            let got = getsockname(fd).at("getsockname")?;
            ensure(got == taken, "one is elsewhere")?;
        }
    }
    Ok(())
}

/// SO_REUSEPORT on all but the first socket: each of the other 3 gets
/// EADDRINUSE.
fn eaddrinuse_so_reuseport_not_on_the_first(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let first = c.socket(Family::Inet, ty)?;
        bind(&first, &LOOPBACK_V4).at("bind the first")?;
        let taken = getsockname(&first).at("getsockname")?;
        for _ in 1..4 {
            let fd = c.socket(Family::Inet, ty)?;
            set_reuse_port(&fd, true).at("set_reuse_port")?;
            expect("bind another", bind(&fd, &taken), Errno::EADDRINUSE)?;
        }
    }
    Ok(())
}

/// The Unix socket types.
const UNIX_TYPES: [SockType; 3] = [SockType::Stream, SockType::Dgram, SockType::SeqPacket];

/// An abstract name a socket of the same type holds: EADDRINUSE, each type.
fn eaddrinuse_abstract_name_of_the_same_type(c: &mut Ctx) -> Outcome {
    for ty in UNIX_TYPES {
        let name = UnixAddr::new_abstract(c.unique(b"same").bytes()).at("new_abstract")?;
        let name = SockAddr::Unix(name);
        let first = c.socket(Family::Unix, ty)?;
        bind(&first, &name).at("bind the first")?;
        let second = c.socket(Family::Unix, ty)?;
        expect("bind the second", bind(&second, &name), Errno::EADDRINUSE)?;
        let got = getsockname(&first).at("getsockname")?;
        ensure(got == name, "the first moved")?;
    }
    Ok(())
}

/// Abstract names are per type: a stream, a datagram and a seqpacket
/// socket all bind one name; then it is taken for each.
fn ok_abstract_name_per_type(c: &mut Ctx) -> Outcome {
    let name = UnixAddr::new_abstract(c.unique(b"types").bytes()).at("new_abstract")?;
    let name = SockAddr::Unix(name);
    let mut held = [None, None, None];
    for (ty, slot) in UNIX_TYPES.into_iter().zip(&mut held) {
        let fd = c.socket(Family::Unix, ty)?;
        bind(&fd, &name).at("bind")?;
        let got = getsockname(&fd).at("getsockname")?;
        ensure(got == name, "getsockname: another name")?;
        *slot = Some(fd);
    }
    let again = c.socket(Family::Unix, SockType::Dgram)?;
    expect("bind a fourth", bind(&again, &name), Errno::EADDRINUSE)
}

/// The name the kernel autobinds `fd` to: `\0` and 5 hex digits.
fn autobind(fd: impl AsFd) -> Result<SockAddr, Why> {
    let fd = fd.as_fd();
    bind(fd, &UnixAddr::unnamed()).at("bind unnamed")?;
    let got = getsockname(fd).at("getsockname")?;
    let SockAddr::Unix(u) = got else {
        return Err(Why::Fail("getsockname: not SockAddr::Unix", How::Wrong));
    };
    let UnixAddrKind::Abstract(name) = u.kind() else {
        return Err(Why::Fail("getsockname: not abstract", How::Wrong));
    };
    let hex = name.len() == 5 && name.iter().all(|b| b"0123456789abcdef".contains(b));
    ensure(hex, "getsockname: not 5 hex digits")?;
    Ok(got)
}

/// A name the kernel autobound for one socket, given to a second of its
/// type: EADDRINUSE.
fn eaddrinuse_autobound_name(c: &mut Ctx) -> Outcome {
    for ty in UNIX_TYPES {
        let first = c.socket(Family::Unix, ty)?;
        let name = autobind(&first)?;
        let second = c.socket(Family::Unix, ty)?;
        expect("bind the second", bind(&second, &name), Errno::EADDRINUSE)?;
    }
    Ok(())
}

/// An autobound socket bound again, to its own name, another or a path:
/// EINVAL, and no file is made.
fn einval_rebind_autobound(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let name = autobind(&fd)?;
    expect("bind its own name", bind(&fd, &name), Errno::EINVAL)?;
    let other = UnixAddr::new_abstract(c.unique(b"after-autobind").bytes()).at("new_abstract")?;
    expect("bind another name", bind(&fd, &other), Errno::EINVAL)?;
    let path = UnixAddr::new(dir.join(b"s.sock").bytes()).at("UnixAddr::new")?;
    expect("bind a path", bind(&fd, &path), Errno::EINVAL)?;
    ensure(dir.holds(&[])?, "the failed bind left a file")?;
    ensure(getsockname(&fd).at("getsockname")? == name, "it moved")
}

/// The unnamed address bound on a socket that has a name (a path, or an
/// autobound one) succeeds and changes nothing.
fn ok_unnamed_bind_when_bound_changes_nothing(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = UnixAddr::new(dir.join(b"s.sock").bytes()).at("UnixAddr::new")?;
    let path = SockAddr::Unix(path);
    let by_path = c.socket(Family::Unix, SockType::Stream)?;
    bind(&by_path, &path).at("bind a path")?;
    bind(&by_path, &UnixAddr::unnamed()).at("bind unnamed after a path")?;
    let got = getsockname(&by_path).at("getsockname")?;
    ensure(got == path, "the path changed")?;
    let auto = c.socket(Family::Unix, SockType::Dgram)?;
    let name = autobind(&auto)?;
    bind(&auto, &UnixAddr::unnamed()).at("bind unnamed after autobind")?;
    ensure(
        getsockname(&auto).at("getsockname")? == name,
        "the name changed",
    )
}

/// A path where a regular file is: EADDRINUSE, and the file is left as it
/// was (the same inode, the same bytes).
fn eaddrinuse_path_is_a_regular_file(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = dir.join(b"plain");
    write_file(&path, b"kept").at("write a file")?;
    let inode = stat(&path).at("stat")?.stx_ino;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(path.bytes()).at("UnixAddr::new")?;
    expect("bind", bind(&fd, &addr), Errno::EADDRINUSE)?;
    let (kept, len) = read_file::<16>(&path).at("read the file")?;
    ensure(kept.get(..len) == Some(b"kept"), "the file changed")?;
    ensure(stat(&path).at("stat")?.stx_ino == inode, "another inode")?;
    ensure(dir.holds(&[b"plain"])?, "the directory changed")
}

/// A path where a dangling symlink is: EADDRINUSE (bind does not follow
/// it), and its target is not made.
fn eaddrinuse_path_is_a_dangling_symlink(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let (link, target) = (dir.join(b"link"), dir.join(b"target.sock"));
    symlink(&target, &link).at("symlink")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(link.bytes()).at("UnixAddr::new")?;
    expect("bind", bind(&fd, &addr), Errno::EADDRINUSE)?;
    ensure(!exists(&target).at("stat")?, "bind followed the link")?;
    ensure(
        readlink(&link).at("readlink")?.bytes() == target.bytes(),
        "the link changed",
    )?;
    ensure(dir.holds(&[b"link"])?, "the directory changed")
}

/// A relative path of `len` bytes (`n`s), for binds that must fail before
/// making it.
fn never_made(len: usize) -> Result<UnixAddr, Why> {
    let mut path = Name::of(b"");
    for _ in 0..len {
        path.push(b"n");
    }
    UnixAddr::new(path.bytes()).at("UnixAddr::new")
}

/// AF_UNIX addresses shorter than a `sockaddr_in` (16 bytes) on an AF_INET
/// socket: EINVAL; no file is made, and the socket stays unbound.
fn einval_unix_under_16_bytes_on_inet(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let _cwd = InDir::enter(&dir.path).at("chdir to the temp dir")?;
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Inet, ty)?;
        let r = bind(&fd, &UnixAddr::unnamed());
        expect("bind unnamed", r, Errno::EINVAL)?;
        let abs = UnixAddr::new_abstract(b"abc").at("new_abstract")?;
        expect("bind @abc", bind(&fd, &abs), Errno::EINVAL)?;
        for len in [1, 12] {
            let addr = never_made(len)?;
            ensure(SockAddr::Unix(addr).encode().len() < 16, "16 bytes or more")?;
            expect("bind a short path", bind(&fd, &addr), Errno::EINVAL)?;
        }
        ensure(dir.holds(&[])?, "bind made a file")?;
        let unbound = SockAddr::V4(v4_any(0));
        ensure(
            getsockname(&fd).at("getsockname")? == unbound,
            "it is bound",
        )?;
    }
    Ok(())
}

/// AF_UNIX addresses of 16 bytes or more, and a `sockaddr_ll`, on an
/// AF_INET socket: EAFNOSUPPORT; no file is made.
fn eafnosupport_unix_of_16_bytes_or_more_on_inet(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let _cwd = InDir::enter(&dir.path).at("chdir to the temp dir")?;
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Inet, ty)?;
        for len in [13, 41, 108] {
            let addr = never_made(len)?;
            let want = (2 + len as u32 + 1).min(110);
            let got = SockAddr::Unix(addr).encode().len();
            ensure(got == want, "encode(): not 2 + the length + 1, at most 110")?;
            expect("bind a path", bind(&fd, &addr), Errno::EAFNOSUPPORT)?;
        }
        let link = LinkAddr::new(0, 1);
        let r = bind(&fd, &link);
        expect("bind a sockaddr_ll", r, Errno::EAFNOSUPPORT)?;
        ensure(dir.holds(&[])?, "bind made a file")?;
    }
    Ok(())
}

/// 16 bytes of AF_UNSPEC (0), port 0, then `addr`.
fn af_unspec_16(addr: Ipv4Addr) -> [u8; 16] {
    let mut b = [0; 16];
    if let Some(ip) = b.get_mut(4..8) {
        ip.copy_from_slice(&addr.octets());
    }
    b
}

/// AF_UNSPEC with address 0.0.0.0 binds an AF_INET socket as INADDR_ANY,
/// the one foreign family inet_bind takes.
fn ok_af_unspec_0_0_0_0_on_inet(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    let b = af_unspec_16(Ipv4Addr::UNSPECIFIED);
    // SAFETY: `b` holds 16 initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd.as_raw_fd(), b.as_ptr(), b.len() as u32) };
    r.at("raw::bind")?;
    let SockAddr::V4(a) = getsockname(&fd).at("getsockname")? else {
        return ensure(false, "getsockname: not SockAddr::V4");
    };
    ensure(
        *a.ip() == Ipv4Addr::UNSPECIFIED && a.port() != 0,
        "getsockname: not 0.0.0.0:port",
    )
}

/// AF_UNSPEC with any address but 0.0.0.0 on an AF_INET socket: EAFNOSUPPORT.
fn eafnosupport_af_unspec_127_0_0_1_on_inet(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    let b = af_unspec_16(Ipv4Addr::LOCALHOST);
    // SAFETY: `b` holds 16 initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd.as_raw_fd(), b.as_ptr(), b.len() as u32) };
    expect("raw::bind", r, Errno::EAFNOSUPPORT)
}

/// Addresses shorter than RFC 2133's 24-byte `sockaddr_in6` on an AF_INET6
/// socket (AF_UNIX of 15 and 23 bytes, a 20-byte `sockaddr_ll`): EINVAL.
fn einval_unix_under_24_bytes_on_inet6(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let _cwd = InDir::enter(&dir.path).at("chdir to the temp dir")?;
    let fd = c.inet6(SockType::Stream)?;
    for len in [12, 20] {
        let addr = never_made(len)?;
        ensure(SockAddr::Unix(addr).encode().len() < 24, "24 bytes or more")?;
        expect("bind a path", bind(&fd, &addr), Errno::EINVAL)?;
    }
    let link = LinkAddr::new(0, 1);
    expect("bind a sockaddr_ll", bind(&fd, &link), Errno::EINVAL)?;
    ensure(dir.holds(&[])?, "bind made a file")
}

/// AF_UNIX addresses of 24 bytes or more on an AF_INET6 socket: EAFNOSUPPORT.
fn eafnosupport_unix_of_24_bytes_or_more_on_inet6(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let _cwd = InDir::enter(&dir.path).at("chdir to the temp dir")?;
    let fd = c.inet6(SockType::Stream)?;
    for len in [21, 108] {
        let addr = never_made(len)?;
        ensure(SockAddr::Unix(addr).encode().len() >= 24, "under 24 bytes")?;
        expect("bind a path", bind(&fd, &addr), Errno::EAFNOSUPPORT)?;
    }
    ensure(dir.holds(&[])?, "bind made a file")
}

/// An AF_INET6 address on an AF_UNIX socket: EINVAL.
fn einval_v6_on_unix(c: &mut Ctx) -> Outcome {
    for ty in [SockType::Stream, SockType::Dgram] {
        let fd = c.socket(Family::Unix, ty)?;
        expect("bind [::1]:0", bind(&fd, &LOOPBACK_V6), Errno::EINVAL)?;
    }
    Ok(())
}

/// A path whose prefix goes through a symlink loop (`a` to `b` to `a`):
/// ELOOP; nothing is made.
fn eloop_symlink_loop_in_the_prefix(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let (a, b) = (dir.join(b"a"), dir.join(b"b"));
    symlink(&b, &a).at("symlink")?;
    symlink(&a, &b).at("symlink")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(dir.join(b"a/s.sock").bytes()).at("UnixAddr::new")?;
    expect("bind", bind(&fd, &addr), Errno::ELOOP)?;
    ensure(dir.holds(&[b"a", b"b"])?, "the directory changed")?;
    still_unnamed(&fd)
}

/// A symlink in the prefix to a 256-byte name, over NAME_MAX: ENAMETOOLONG
/// (`sun_path` itself holds no component that long). The control, 255
/// bytes, is a legal name that does not exist: ENOENT. Nothing is made.
fn enametoolong_symlink_to_a_component_over_name_max(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let mut ok = Name::of(b"");
    for _ in 0..255 {
        ok.push(b"x");
    }
    let mut long = ok;
    long.push(b"x");
    symlink(&long, &dir.join(b"long")).at("symlink")?;
    symlink(&ok, &dir.join(b"ok")).at("symlink")?;
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let addr = UnixAddr::new(dir.join(b"long/s.sock").bytes()).at("UnixAddr::new")?;
    expect("bind", bind(&fd, &addr), Errno::ENAMETOOLONG)?;
    let addr = UnixAddr::new(dir.join(b"ok/s.sock").bytes()).at("UnixAddr::new")?;
    let r = bind(&fd, &addr);
    expect("bind (control: 255 bytes)", r, Errno::ENOENT)?;
    ensure(dir.holds(&[b"long", b"ok"])?, "the directory changed")
}

/// A 109-byte path: rawbind refuses it, and given through `raw::bind` as
/// 111 bytes the kernel refuses the length (over 110): EINVAL. The path is
/// in a missing directory, so that a length cut to 110 on the way (QEMU
/// copies only 110 bytes) makes no file either.
fn einval_unix_addrlen_111(c: &mut Ctx) -> Outcome {
    ensure(
        UnixAddr::new(&[b'a'; 109]) == Err(AddrError::PathTooLong { len: 109, max: 108 }),
        "UnixAddr::new took 109 bytes",
    )?;
    let mut sun = Name::of(&(AF_UNIX as u16).to_ne_bytes());
    sun.push(b"/tmp/");
    sun.push(c.unique(b"missing").bytes());
    sun.push(b"/");
    while sun.bytes().len() < 111 {
        sun.push(b"a");
    }
    let fd = c.socket(Family::Unix, SockType::Stream)?;
    let bytes = sun.bytes();
    // SAFETY: `bytes` holds 111 initialized bytes and outlives the call.
    let r = unsafe { raw::bind(fd.as_raw_fd(), bytes.as_ptr(), bytes.len() as u32) };
    expect("raw::bind of 111 bytes", r, Errno::EINVAL)?;
    still_unnamed(&fd)
}

/// bind(2), EADDRINUSE: a second NETLINK_ROUTE socket on the port id the
/// kernel assigned the first; it stays unbound, and pid 0 then gets it one
/// of its own.
fn eaddrinuse_netlink_pid_taken(c: &mut Ctx) -> Outcome {
    let first = netlink_route(c)?;
    bind(&first, &NetlinkAddr::new(0, 0)).at("bind the first")?;
    let SockAddr::Netlink(taken) = getsockname(&first).at("getsockname")? else {
        return ensure(false, "getsockname: not SockAddr::Netlink");
    };
    ensure(taken.pid != 0, "the kernel assigned no port id")?;
    let second = netlink_route(c)?;
    expect(
        "bind the first's pid",
        bind(&second, &taken),
        Errno::EADDRINUSE,
    )?;
    bind(&second, &NetlinkAddr::new(0, 0)).at("bind the second")?;
    let SockAddr::Netlink(own) = getsockname(&second).at("getsockname")? else {
        return ensure(false, "getsockname: not SockAddr::Netlink");
    };
    ensure(own.pid != 0 && own.pid != taken.pid, "the second's pid")
}

/// vsock(7), EADDRINUSE: "Unable to bind to a port that is already in
/// use": a second stream socket on the port the kernel picked for the first.
fn eaddrinuse_vsock_port_taken(c: &mut Ctx) -> Outcome {
    let (_first, taken) = vsock_bound_to_any_port(c)?;
    let second = c.socket(Family::Vsock, SockType::Stream)?;
    expect(
        "bind the first's port",
        bind(&second, &taken),
        Errno::EADDRINUSE,
    )
}

// ---- raw::syscall0..6: each passes every argument ----

/// getpid(2) through `syscall0` is the process id procfs names.
fn syscall0_getpid(_: &mut Ctx) -> Outcome {
    // SAFETY: getpid takes no arguments.
    let pid = check(unsafe { syscall0(__NR_getpid as usize) }).at("getpid")?;
    let link = readlink(&Name::of(b"/proc/self")).at("readlink /proc/self")?;
    let mut want = Name::of(b"");
    want.push_decimal(pid as u32);
    ensure(link.bytes() == want.bytes(), "not the pid /proc/self names")
}

/// dup(2) through `syscall1`: a new descriptor for the same file.
fn syscall1_dup(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let file = open_mode(&dir.join(b"f"), O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create")?;
    // SAFETY: dup takes a descriptor number and opens a new one, owned below.
    let new = check(unsafe { syscall1(__NR_dup as usize, file.as_raw_fd() as usize) });
    let new = new.at("dup")?;
    // SAFETY: dup just returned this open descriptor, owned by nothing else.
    let new = unsafe { OwnedFd::from_raw_fd(new as i32) };
    ensure(new.as_raw_fd() != file.as_raw_fd(), "the same descriptor")?;
    let (a, b) = (fstat(&new).at("fstat")?, fstat(&file).at("fstat")?);
    ensure(a.stx_ino == b.stx_ino, "another file")
}

/// fchmod(2) and ftruncate(2) through `syscall2`: the mode and the length
/// given, to the file given (riscv32 has only ftruncate64, whose length
/// takes two words).
fn syscall2_fchmod_and_ftruncate(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = dir.join(b"f");
    let file = open_mode(&path, O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create")?;
    let fd = file.as_raw_fd() as usize;
    // SAFETY: fchmod takes a descriptor and a mode; no pointers.
    check(unsafe { syscall2(__NR_fchmod as usize, fd, 0o640) }).at("fchmod")?;
    let mode = stat(&path).at("stat")?.stx_mode & 0o777;
    ensure(mode == 0o640, "not the mode given")?;
    #[cfg(not(target_arch = "riscv32"))]
    {
        use linux_raw_sys::general::__NR_ftruncate;
        // SAFETY: ftruncate takes a descriptor and a length; no pointers.
        check(unsafe { syscall2(__NR_ftruncate as usize, fd, 12345) }).at("ftruncate")?;
        let size = stat(&path).at("stat")?.stx_size;
        ensure(size == 12345, "not the length given")?;
    }
    Ok(())
}

/// write(2) through `syscall3`: as many of the bytes given as given, to
/// the file given.
fn syscall3_write(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let path = dir.join(b"f");
    let file = open_mode(&path, O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create")?;
    let text = b"written through syscall3, not this tail";
    let len = b"written through syscall3".len();
    // SAFETY: the kernel reads `len` bytes at `text`, which holds more.
    let r = unsafe {
        syscall3(
            __NR_write as usize,
            file.as_raw_fd() as usize,
            text.as_ptr() as usize,
            len,
        )
    };
    ensure(check(r) == Ok(len), "wrote another count")?;
    let (got, n) = read_file::<64>(&path).at("read back")?;
    ensure(got.get(..n) == text.get(..len), "wrote other bytes")
}

/// openat(2) through `syscall4`: the name given, in the directory given,
/// with the flags and the mode given.
fn syscall4_openat(c: &mut Ctx) -> Outcome {
    let dir = TempDir::new(c)?;
    let dirfd = open(&dir.path, O_RDONLY | O_DIRECTORY).at("open the directory")?;
    let name = Name::of(b"created");
    let flags = (O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC) as usize;
    let openat = || {
        // SAFETY: `name` is a NUL-terminated path the kernel reads during
        // the call; the result, if a descriptor, is owned below.
        check(unsafe {
            syscall4(
                __NR_openat as usize,
                dirfd.as_raw_fd() as usize,
                name.c_ptr(),
                flags,
                0o600,
            )
        })
    };
    let fd = openat().at("openat")?;
    // SAFETY: openat just returned this open descriptor, owned by nothing else.
    let file = unsafe { OwnedFd::from_raw_fd(fd as i32) };
    let meta = stat(&dir.join(b"created")).at("stat")?;
    let inode = fstat(&file).at("fstat")?.stx_ino;
    ensure(meta.stx_ino == inode, "not in the directory given")?;
    ensure(meta.stx_mode & 0o777 == 0o600, "not the mode given")?;
    ensure(read(&file, &mut [0; 1]).is_err(), "O_WRONLY: readable")?;
    expect("openat again (O_CREAT | O_EXCL)", openat(), Errno::EEXIST)
}

/// linkat(2) through `syscall5`: the name given, in the directory given,
/// to the new name in the other directory given, with AT_SYMLINK_FOLLOW.
fn syscall5_linkat(c: &mut Ctx) -> Outcome {
    let (a, b) = (TempDir::new(c)?, TempDir::new(c)?);
    write_file(&a.join(b"old"), b"").at("write a file")?;
    symlink(&a.join(b"old"), &a.join(b"symlink")).at("symlink")?;
    let dir_a = open(&a.path, O_RDONLY | O_DIRECTORY).at("open a directory")?;
    let dir_b = open(&b.path, O_RDONLY | O_DIRECTORY).at("open a directory")?;
    let (old, new) = (Name::of(b"symlink"), Name::of(b"new"));
    // SAFETY: both names are NUL-terminated paths the kernel reads during
    // the call; the descriptors are open directories.
    let r = unsafe {
        syscall5(
            __NR_linkat as usize,
            dir_a.as_raw_fd() as usize,
            old.c_ptr(),
            dir_b.as_raw_fd() as usize,
            new.c_ptr(),
            AT_SYMLINK_FOLLOW as usize,
        )
    };
    check(r).at("linkat")?;
    let linked = stat(&b.join(b"new")).at("stat")?.stx_ino;
    let old = stat(&a.join(b"old")).at("stat")?.stx_ino;
    ensure(linked == old, "not a hard link to the file")
}

/// The suite's syscall6 test on this architecture.
#[cfg(not(target_arch = "s390x"))]
const SYSCALL6_TEST: &str = "raw::syscall6_mmap_maps_the_given_file_range_at_the_given_address";
#[cfg(target_arch = "s390x")]
const SYSCALL6_TEST: &str =
    "raw::syscall6_copy_file_range_copies_the_given_length_between_the_given_offsets";

/// mmap(2) (mmap2 on 32-bit targets, its offset in 4096-byte units)
/// through `syscall6`: the given range of the given file, at the given
/// address, with the given protection and flags, as /proc/self/maps and
/// the memory itself show.
#[cfg(not(target_arch = "s390x"))]
fn syscall6_mmap_or_copy_file_range(c: &mut Ctx) -> Outcome {
    use linux_raw_sys::general::{MAP_FIXED, MAP_SHARED};
    #[cfg(target_pointer_width = "32")]
    let (nr, unit) = (__NR_mmap2, 4096);
    #[cfg(target_pointer_width = "64")]
    let (nr, unit) = (__NR_mmap, 1);
    let dir = TempDir::new(c)?;
    let path = dir.join(b"f");
    let file = open_mode(&path, O_WRONLY | O_CREAT | O_EXCL, 0o600).at("create")?;
    // Three units of zeroes, the third starting with a marker.
    let zeroes = [0u8; 4096];
    let marker = b"third unit";
    for i in 0..(3 * PAGES / zeroes.len()) {
        let bytes = match i == 2 * PAGES / zeroes.len() {
            true => &marker[..],
            false => &zeroes[..],
        };
        ensure(
            write(&file, bytes).at("write")? == bytes.len(),
            "short write",
        )?;
    }
    let file = open(&path, O_RDONLY).at("open")?;
    let inode = fstat(&file).at("fstat")?.stx_ino;

    // A place of our own to map over: two inaccessible units.
    let spot = mmap(2 * PAGES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS).at("mmap")?;
    // SAFETY: MAP_FIXED replaces only the first unit of `spot`, which this
    // check owns and nothing refers to.
    let r = unsafe {
        syscall6(
            nr as usize,
            spot,
            PAGES,
            PROT_READ as usize,
            (MAP_SHARED | MAP_FIXED) as usize,
            file.as_raw_fd() as usize,
            2 * PAGES / unit,
        )
    };
    let maps = read_file::<65536>(&Name::of(b"/proc/self/maps"));
    let mut seen = [0u8; 10];
    if check(r) == Ok(spot) {
        for (i, b) in seen.iter_mut().enumerate() {
            // SAFETY: the first unit at `spot` is mapped readable now, and
            // `i` is within it.
            *b = unsafe { core::ptr::read_volatile((spot + i) as *const u8) };
        }
    }
    munmap(spot, 2 * PAGES).at("munmap")?;
    ensure(
        check(r).at("mmap")? == spot,
        "not mapped at the address given",
    )?;
    ensure(&seen == marker, "not the file's range given")?;
    let (maps, len) = maps.at("read /proc/self/maps")?;
    let line = maps
        .get(..len)
        .unwrap_or_default()
        .split(|&b| b == b'\n')
        .map(MapsLine::parse)
        .find(|l| l.start == spot);
    let Some(line) = line else {
        return ensure(false, "no mapping at the address in /proc/self/maps");
    };
    ensure(
        line.end.wrapping_sub(line.start) == PAGES,
        "not the length given",
    )?;
    ensure(line.perms == *b"r--s", "not PROT_READ and MAP_SHARED")?;
    ensure(line.offset == 2 * PAGES, "not the offset given")?;
    ensure(line.inode == inode, "not the file given")
}

/// The fields of a /proc/self/maps line that the mmap check reads, of
/// "start-end perms offset dev inode path".
#[cfg(not(target_arch = "s390x"))]
struct MapsLine {
    start: usize,
    end: usize,
    perms: [u8; 4],
    offset: usize,
    inode: u64,
}

#[cfg(not(target_arch = "s390x"))]
impl MapsLine {
    fn parse(line: &[u8]) -> MapsLine {
        let mut fields = line.split(|&b| b == b' ').filter(|f| !f.is_empty());
        let mut range = fields.next().unwrap_or_default().split(|&b| b == b'-');
        let hex = |f: Option<&[u8]>| parse_number(f.unwrap_or_default(), 16);
        let (start, end) = (hex(range.next()) as usize, hex(range.next()) as usize);
        let mut perms = [0; 4];
        for (p, &b) in perms.iter_mut().zip(fields.next().unwrap_or_default()) {
            *p = b;
        }
        let offset = hex(fields.next()) as usize;
        let _dev = fields.next();
        let inode = parse_number(fields.next().unwrap_or_default(), 10);
        MapsLine {
            start,
            end,
            perms,
            offset,
            inode,
        }
    }
}

/// copy_file_range(2) through `syscall6` (s390x's mmap is the old
/// one-argument form): the length given, from the input offset given to
/// the output offset given, both advanced in place, with the flags given.
#[cfg(target_arch = "s390x")]
fn syscall6_mmap_or_copy_file_range(c: &mut Ctx) -> Outcome {
    use linux_raw_sys::general::{__NR_copy_file_range, __NR_lseek, SEEK_CUR};
    let dir = TempDir::new(c)?;
    let (in_path, out_path) = (dir.join(b"in"), dir.join(b"out"));
    write_file(&in_path, b"0123456789abcdef").at("write")?;
    write_file(&out_path, b"................").at("write")?;
    let file_in = open(&in_path, O_RDONLY).at("open")?;
    let file_out = open(&out_path, O_WRONLY).at("open")?;
    let (mut off_in, mut off_out) = (3i64, 9i64);
    let mut copy = |flags: usize| {
        // SAFETY: both offsets are `i64`s the kernel reads and updates
        // during the call; the descriptors are open files.
        check(unsafe {
            syscall6(
                __NR_copy_file_range as usize,
                file_in.as_raw_fd() as usize,
                &mut off_in as *mut i64 as usize,
                file_out.as_raw_fd() as usize,
                &mut off_out as *mut i64 as usize,
                5,
                flags,
            )
        })
    };
    ensure(copy(0) == Ok(5), "not the length given")?;
    expect("copy_file_range, flags 1", copy(1), Errno::EINVAL)?;
    let (out, len) = read_file::<32>(&out_path).at("read back")?;
    ensure(
        out.get(..len) == Some(b".........34567.."),
        "not from and to the offsets given",
    )?;
    ensure(
        (off_in, off_out) == (8, 14),
        "the offsets did not advance in place",
    )?;
    let fd = file_in.as_raw_fd() as usize;
    // SAFETY: lseek takes a descriptor and integers.
    let pos = unsafe { syscall3(__NR_lseek as usize, fd, 0, SEEK_CUR as usize) };
    ensure(check(pos) == Ok(0), "the file position moved")
}

// ---- Addresses, without a system call ----

/// `core::fmt` output in a fixed buffer, to compare a `Display` or `Debug`
/// with the text expected. What does not fit fails the write.
struct Text {
    buf: [u8; 256],
    len: usize,
}

impl fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl Text {
    /// `args` formatted, or `None` if they do not fit.
    fn of(args: fmt::Arguments<'_>) -> Option<Text> {
        let mut text = Text {
            buf: [0; 256],
            len: 0,
        };
        fmt::Write::write_fmt(&mut text, args).ok()?;
        Some(text)
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

/// Whether `args` format as exactly `want`.
fn shows(args: fmt::Arguments<'_>, want: &str) -> bool {
    Text::of(args).is_some_and(|t| t.bytes() == want.as_bytes())
}

/// Whether `args` format as the same text as `want`.
fn shows_as(args: fmt::Arguments<'_>, want: fmt::Arguments<'_>) -> bool {
    match (Text::of(args), Text::of(want)) {
        (Some(a), Some(b)) => a.bytes() == b.bytes(),
        _ => false,
    }
}

/// Whether `hay` holds `needle`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// `sa_family` (host order) followed by `rest`.
fn with_family(family: u16, rest: &[u8]) -> Name {
    let mut bytes = Name::of(&family.to_ne_bytes());
    bytes.push(rest);
    bytes
}

/// Zeroes to cut byte strings of many lengths from.
const ZEROES: [u8; 200] = [0; 200];

/// `n` zeroes.
fn zeroes(n: usize) -> &'static [u8] {
    ZEROES.get(..n).unwrap_or_default()
}

const AF_UNIX_16: u16 = AF_UNIX as u16;
const AF_INET_16: u16 = AF_INET as u16;
const AF_INET6_16: u16 = AF_INET6 as u16;
const AF_NETLINK_16: u16 = AF_NETLINK as u16;
const AF_PACKET_16: u16 = AF_PACKET as u16;
const AF_VSOCK_16: u16 = AF_VSOCK as u16;

/// `sockaddr_nl`'s bytes: family, `nl_pad`, `nl_pid`, `nl_groups`.
fn nl_bytes(pad: u16, pid: u32, groups: u32) -> Name {
    let mut b = with_family(AF_NETLINK_16, &pad.to_ne_bytes());
    b.push(&pid.to_ne_bytes());
    b.push(&groups.to_ne_bytes());
    b
}

/// `sockaddr_vm`'s bytes: family, `svm_reserved1`, `svm_port`, `svm_cid`,
/// `svm_flags`, `svm_zero`.
fn vm_bytes(reserved1: u16, port: u32, cid: u32, flags: u8, zero: [u8; 3]) -> Name {
    let mut b = with_family(AF_VSOCK_16, &reserved1.to_ne_bytes());
    b.push(&port.to_ne_bytes());
    b.push(&cid.to_ne_bytes());
    b.push(&[flags]);
    b.push(&zero);
    b
}

/// `SockAddr::decode(a.encode())`.
fn round_trip(a: SockAddr) -> Result<SockAddr, AddrError> {
    SockAddr::decode(a.encode().as_bytes())
}

/// Addresses of every kind, at the edges of their fields, decode from
/// their encoding as themselves (the suite draws them at random).
fn addr_round_trips(_: &mut Ctx) -> Outcome {
    let v6 =
        |ip: Ipv6Addr, port, flow, scope| SockAddr::V6(SocketAddrV6::new(ip, port, flow, scope));
    let full = LinkAddr {
        protocol: 0xffff,
        ifindex: i32::MIN,
        hatype: 0xffff,
        pkttype: 0xff,
        halen: 8,
        addr: [0xff; 8],
    };
    let kinds = [
        SockAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)),
        SockAddr::V4(SocketAddrV4::new(Ipv4Addr::BROADCAST, 65535)),
        SockAddr::V4(SocketAddrV4::new(Ipv4Addr::new(10, 1, 2, 3), 443)),
        v6(Ipv6Addr::UNSPECIFIED, 0, 0, 0),
        v6(Ipv6Addr::from([0xff; 16]), 65535, u32::MAX, u32::MAX),
        v6(FE80_1, 80, 0x0001_2345, 2),
        SockAddr::Unix(UnixAddr::new(b"/").at("UnixAddr::new")?),
        SockAddr::Unix(UnixAddr::new(&[0xff; 108]).at("UnixAddr::new")?),
        SockAddr::Unix(UnixAddr::new(b"a\xfe\x01").at("UnixAddr::new")?),
        SockAddr::Unix(UnixAddr::new_abstract(b"").at("new_abstract")?),
        SockAddr::Unix(UnixAddr::new_abstract(&[0; 107]).at("new_abstract")?),
        SockAddr::Unix(UnixAddr::new_abstract(b"\xff\0x\0").at("new_abstract")?),
        SockAddr::Unix(UnixAddr::unnamed()),
        SockAddr::Link(LinkAddr::new(3, 1)),
        SockAddr::Link(LinkAddr::default()),
        SockAddr::Link(full),
        SockAddr::Netlink(NetlinkAddr::new(0, 0)),
        SockAddr::Netlink(NetlinkAddr::new(u32::MAX, u32::MAX)),
        SockAddr::Netlink(NetlinkAddr::new(0x8000_0000, 1)),
        SockAddr::Vsock(VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY)),
        SockAddr::Vsock(VsockAddr::new(0, 0)),
        SockAddr::Vsock(VsockAddr {
            flags: 0xff,
            ..VsockAddr::new(VsockAddr::CID_HOST, 1024)
        }),
    ];
    for a in kinds {
        ensure(round_trip(a) == Ok(a), "decode(encode(a)) is not a")?;
    }
    // getsockname's sockaddr_nl and sockaddr_vm, fields in host byte order.
    for (pid, groups) in [(0, 0), (1, 0x8000_0000), (0x0102_0304, 0x0a0b_0c0d)] {
        let bytes = nl_bytes(0, pid, groups);
        let want = SockAddr::Netlink(NetlinkAddr::new(pid, groups));
        ensure(SockAddr::decode(bytes.bytes()) == Ok(want), "a sockaddr_nl")?;
        ensure(
            want.encode().as_bytes() == bytes.bytes(),
            "encode: not the sockaddr_nl",
        )?;
    }
    for (port, cid, flags) in [
        (0, 0, 0),
        (u32::MAX, 2, 1),
        (0x0102_0304, 0x0a0b_0c0d, 0x80),
    ] {
        let bytes = vm_bytes(0, port, cid, flags, [0; 3]);
        let want = SockAddr::Vsock(VsockAddr { cid, port, flags });
        ensure(SockAddr::decode(bytes.bytes()) == Ok(want), "a sockaddr_vm")?;
        ensure(
            want.encode().as_bytes() == bytes.bytes(),
            "encode: not the sockaddr_vm",
        )?;
    }
    for (path, name) in [
        (&b"/run/a.sock"[..], &b"\0\xff"[..]),
        (&[b'p'; 108], &[0; 107]),
    ] {
        let p = UnixAddr::new(path).at("UnixAddr::new")?;
        ensure(
            p.kind() == UnixAddrKind::Pathname(path),
            "kind(): other bytes",
        )?;
        let n = UnixAddr::new_abstract(name).at("new_abstract")?;
        ensure(
            n.kind() == UnixAddrKind::Abstract(name),
            "kind(): other bytes",
        )?;
    }
    // getsockname on AF_PACKET returns 12 + sll_halen bytes: the rest is zero.
    for halen in 0..=8 {
        let a = LinkAddr {
            addr: [1, 2, 3, 4, 5, 6, 7, 8],
            halen,
            ..full
        };
        let encoded = SockAddr::Link(a).encode();
        let len = 12 + usize::from(halen);
        let short = encoded.as_bytes().get(..len).unwrap_or_default();
        let mut want = a;
        want.addr
            .iter_mut()
            .skip(usize::from(halen))
            .for_each(|b| *b = 0);
        let got = SockAddr::decode(short);
        ensure(got == Ok(SockAddr::Link(want)), "a short sockaddr_ll")?;
        // One byte more or less than sll_halen says: another struct of the
        // family (SOCK_PACKET's 16-byte sockaddr_pkt), kept as it came.
        // (11 bytes are too few for any AF_PACKET address; 20, all of one.)
        for other in [len - 1, len + 1]
            .into_iter()
            .filter(|n| (12..20).contains(n))
        {
            let bytes = encoded.as_bytes().get(..other).unwrap_or_default();
            let kept = matches!(SockAddr::decode(bytes), Ok(SockAddr::Other(raw)) if raw.as_bytes() == bytes);
            ensure(kept, "AF_PACKET bytes that are not a sockaddr_ll")?;
        }
    }
    Ok(())
}

/// Bytes of every length up to 130, with each family rawbind models and
/// others, of a few fillings: decode never panics, what it takes round
/// trips, and it formats (the suite draws them at random).
fn addr_decode_sweep(_: &mut Ctx) -> Outcome {
    let families = [
        AF_UNIX_16,
        AF_INET_16,
        AF_INET6_16,
        AF_PACKET_16,
        AF_NETLINK_16,
        AF_VSOCK_16,
        0,
        999,
    ];
    for family in families {
        for fill in [0u8, b'a', 0xff] {
            for len in 0..=130 {
                let mut bytes = with_family(family, &[]);
                for i in 0..len {
                    // NULs land among the fill every third byte.
                    bytes.push(&[if i % 3 == 2 { 0 } else { fill }]);
                }
                let bytes = bytes.bytes().get(..len).unwrap_or_default();
                if let Ok(a) = SockAddr::decode(bytes) {
                    ensure(
                        round_trip(a) == Ok(a),
                        "what decode took does not round trip",
                    )?;
                    let _ = Text::of(format_args!("{a}"));
                }
            }
        }
    }
    Ok(())
}

/// A 108-byte path as getsockname returns it (111 bytes, NUL-ended), and
/// as bind was given it (110).
fn addr_full_length_path_decodes(_: &mut Ctx) -> Outcome {
    let path = [b'p'; 108];
    let mut bytes = with_family(AF_UNIX_16, &path);
    bytes.push(&[0]);
    ensure(bytes.bytes().len() == 111, "not 111 bytes")?;
    let want = Ok(SockAddr::Unix(UnixAddr::new(&path).at("UnixAddr::new")?));
    ensure(SockAddr::decode(bytes.bytes()) == want, "111 bytes")?;
    let short = bytes.bytes().get(..110).unwrap_or_default();
    ensure(SockAddr::decode(short) == want, "110 bytes")
}

/// A path ends at its first NUL: as getsockname returns it, NUL-padded to
/// the whole `sockaddr_un`, and without any NUL.
fn addr_pathname_ends_at_first_nul(_: &mut Ctx) -> Outcome {
    let want = Ok(SockAddr::Unix(
        UnixAddr::new(b"/run/a.sock").at("UnixAddr::new")?,
    ));
    let with_nul = with_family(AF_UNIX_16, b"/run/a.sock\0");
    ensure(SockAddr::decode(with_nul.bytes()) == want, "with its NUL")?;
    let mut padded = with_family(AF_UNIX_16, b"/run/a.sock");
    padded.push(zeroes(108 - 11));
    ensure(SockAddr::decode(padded.bytes()) == want, "NUL-padded")?;
    let bare = with_family(AF_UNIX_16, b"/run/a.sock");
    ensure(SockAddr::decode(bare.bytes()) == want, "without a NUL")
}

/// Abstract names (an autobound one, an empty one) and the unnamed
/// address decode.
fn addr_abstract_and_unnamed_decode(_: &mut Ctx) -> Outcome {
    for (rest, name) in [
        (&b"\0name\0\xff"[..], &b"name\0\xff"[..]),
        (b"\x0000a1f", b"00a1f"),
        (b"\0", b""),
    ] {
        let want = SockAddr::Unix(UnixAddr::new_abstract(name).at("new_abstract")?);
        let got = SockAddr::decode(with_family(AF_UNIX_16, rest).bytes());
        ensure(got == Ok(want), "an abstract name")?;
    }
    let got = SockAddr::decode(with_family(AF_UNIX_16, b"").bytes());
    ensure(got == Ok(SockAddr::Unix(UnixAddr::unnamed())), "unnamed")
}

/// An Ethernet `sockaddr_ll` (12 + 6 bytes) decodes, and displays.
fn addr_packet_decodes_halen_bytes(_: &mut Ctx) -> Outcome {
    let mut rest = Name::of(&[0x08, 0x00]); // ETH_P_IP, big-endian
    rest.push(&2i32.to_ne_bytes()); // ifindex
    rest.push(&1u16.to_ne_bytes()); // ARPHRD_ETHER
    rest.push(&[0, 6]); // PACKET_HOST, halen
    rest.push(&[0x02, 0x42, 0xac, 0x11, 0x00, 0x02]);
    let bytes = with_family(AF_PACKET_16, rest.bytes());
    ensure(bytes.bytes().len() == 18, "not 18 bytes")?;
    let want = LinkAddr {
        protocol: 0x0800,
        ifindex: 2,
        hatype: 1,
        pkttype: 0,
        halen: 6,
        addr: [0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0, 0],
    };
    let got = SockAddr::decode(bytes.bytes());
    ensure(got == Ok(SockAddr::Link(want)), "decode")?;
    ensure(
        shows(
            format_args!("{}", SockAddr::Link(want)),
            "packet(ifindex=2, protocol=0x0800, addr=02:42:ac:11:00:02)",
        ),
        "Display",
    )
}

/// A family rawbind does not model is kept byte for byte (AF_CAN's
/// `sockaddr_can`), and one no header names keeps its number.
fn addr_unknown_family_kept_byte_for_byte(_: &mut Ctx) -> Outcome {
    let mut rest = Name::of(&1i32.to_ne_bytes());
    rest.push(&[0xab; 16]);
    let bytes = with_family(AF_CAN as u16, rest.bytes());
    let bytes = bytes.bytes();
    ensure(bytes.len() == 22, "not 22 bytes")?;
    let a = SockAddr::decode(bytes).at("decode")?;
    let SockAddr::Other(raw) = a else {
        return ensure(false, "AF_CAN decoded as another kind");
    };
    ensure(raw.as_bytes() == bytes && raw.len() == 22, "other bytes")?;
    ensure(raw.family() == Some(Family::Can), "RawSockAddr::family")?;
    ensure(a.family() == Family::Can, "SockAddr::family")?;
    ensure(a.encode().as_bytes() == bytes, "encode: other bytes")?;
    let odd = with_family(999, &[1, 2, 3]);
    let a = SockAddr::decode(odd.bytes()).at("decode")?;
    ensure(a.family().raw() == 999, "family 999: another number")?;
    ensure(
        a.encode().as_bytes() == odd.bytes(),
        "family 999: other bytes",
    )
}

/// AF_NETLINK and AF_VSOCK bytes that `NetlinkAddr` and `VsockAddr` cannot
/// hold (another length, a padding or reserved byte set) stay `Other`, byte
/// for byte; the kernel's forms are typed.
fn addr_netlink_and_vsock_other_where_their_types_cannot_hold_them(_: &mut Ctx) -> Outcome {
    let nl = nl_bytes(0, 4321, 0x11);
    let vm = vm_bytes(0, 1024, 2, 1, [0; 3]);
    let kept = |bytes: &[u8]| match SockAddr::decode(bytes) {
        Ok(a @ SockAddr::Other(raw)) => {
            raw.as_bytes() == bytes
                && a.encode().as_bytes() == bytes
                && raw.family() == Some(a.family())
        }
        _ => false,
    };
    for bytes in [
        nl_bytes(1, 4321, 0x11),
        nl_bytes(0x100, 0, 0),
        nl_bytes(u16::MAX, u32::MAX, u32::MAX),
        vm_bytes(1, 1024, 2, 0, [0; 3]),
        vm_bytes(0x100, 1024, 2, 0, [0; 3]),
        vm_bytes(0, 1024, 2, 0, [1, 0, 0]),
        vm_bytes(0, 1024, 2, 0, [0, 0, 0xff]),
        vm_bytes(7, 5, 5, 0xff, [1, 2, 3]),
    ] {
        ensure(kept(bytes.bytes()), "a padding byte set: not Other")?;
    }
    for len in [2, 3, 8, 11] {
        ensure(
            kept(nl.bytes().get(..len).unwrap_or_default()),
            "a short sockaddr_nl",
        )?;
    }
    for len in [2, 12, 13, 15] {
        ensure(
            kept(vm.bytes().get(..len).unwrap_or_default()),
            "a short sockaddr_vm",
        )?;
    }
    for (b, n) in [
        (&nl, 1),
        (&nl, 4),
        (&nl, 116),
        (&vm, 1),
        (&vm, 4),
        (&vm, 112),
    ] {
        let mut longer = Name::of(b.bytes());
        longer.push(zeroes(n));
        ensure(kept(longer.bytes()), "a longer sockaddr_nl or sockaddr_vm")?;
    }
    let got = SockAddr::decode(nl.bytes());
    ensure(
        got == Ok(SockAddr::Netlink(NetlinkAddr::new(4321, 0x11))),
        "sockaddr_nl",
    )?;
    let to_host = VsockAddr {
        flags: VsockAddr::FLAG_TO_HOST,
        ..VsockAddr::new(VsockAddr::CID_HOST, 1024)
    };
    ensure(
        SockAddr::decode(vm.bytes()) == Ok(SockAddr::Vsock(to_host)),
        "sockaddr_vm",
    )
}

/// `NetlinkAddr`'s and `VsockAddr`'s text: `Display` as documented, `FromStr`
/// its exact inverse, and every other spelling refused with what is wrong
/// (the suite draws the addresses at random).
fn addr_netlink_and_vsock_text(_: &mut Ctx) -> Outcome {
    let netlinks = [
        (NetlinkAddr::new(0, 0), "netlink:0:0x0"),
        (NetlinkAddr::new(4321, 0x11), "netlink:4321:0x11"),
        (
            NetlinkAddr::new(u32::MAX, u32::MAX),
            "netlink:4294967295:0xffffffff",
        ),
    ];
    for (a, text) in netlinks {
        ensure(shows(format_args!("{a}"), text), "NetlinkAddr's Display")?;
        ensure(
            shows(format_args!("{}", SockAddr::Netlink(a)), text),
            "SockAddr::Netlink's Display",
        )?;
        ensure(
            text.parse::<NetlinkAddr>() == Ok(a),
            "NetlinkAddr's FromStr",
        )?;
    }
    let vsocks = [
        (
            VsockAddr::new(u32::MAX, u32::MAX),
            "vsock:4294967295:4294967295",
        ),
        (VsockAddr::new(2, 1024), "vsock:2:1024"),
        (VsockAddr::new(0, 0), "vsock:0:0"),
        (
            VsockAddr {
                flags: 1,
                ..VsockAddr::new(3, 80)
            },
            "vsock:3:80:flags=0x1",
        ),
        (
            VsockAddr {
                flags: 0xff,
                ..VsockAddr::new(0, 0)
            },
            "vsock:0:0:flags=0xff",
        ),
    ];
    for (a, text) in vsocks {
        ensure(shows(format_args!("{a}"), text), "VsockAddr's Display")?;
        ensure(
            shows(format_args!("{}", SockAddr::Vsock(a)), text),
            "SockAddr::Vsock's Display",
        )?;
        ensure(text.parse::<VsockAddr>() == Ok(a), "VsockAddr's FromStr")?;
    }
    let netlink_refusals: [(&[&str], &str); 4] = [
        (
            &[
                "",
                "netlink",
                "Netlink:0:0x0",
                " netlink:0:0x0",
                "vsock:0:0",
            ],
            "it does not start with `netlink:`",
        ),
        (
            &["netlink:", "netlink:0", "netlink:0x0"],
            "no `:` between PID and GROUPS",
        ),
        (
            &[
                "netlink::0x0",
                "netlink:01:0x0",
                "netlink:+1:0x0",
                "netlink:-1:0x0",
                "netlink:4294967296:0x0",
                "netlink:0x1:0x0",
                "netlink: 1:0x0",
            ],
            "PID is not a decimal u32 without leading zeros",
        ),
        (
            &[
                "netlink:0:",
                "netlink:0:0",
                "netlink:0:17",
                "netlink:0:0x",
                "netlink:0:0X11",
                "netlink:0:0xAB",
                "netlink:0:0x011",
                "netlink:0:0x100000000",
                "netlink:0:0x1:",
                "netlink:0:0x1 ",
            ],
            "GROUPS is not `0x` and lowercase hex without leading zeros",
        ),
    ];
    for (texts, why) in netlink_refusals {
        for text in texts {
            let want = Err(AddrError::BadText {
                kind: "netlink",
                why,
            });
            ensure(
                text.parse::<NetlinkAddr>() == want,
                "a NetlinkAddr text refused otherwise",
            )?;
        }
    }
    let vsock_refusals: [(&[&str], &str); 7] = [
        (
            &["", "vsock", "VSOCK:2:1024", "netlink:2:1024"],
            "it does not start with `vsock:`",
        ),
        (
            &[
                "vsock:",
                "vsock::1",
                "vsock:02:1",
                "vsock:-1:1",
                "vsock:4294967296:1",
            ],
            "CID is not a decimal u32 without leading zeros",
        ),
        (&["vsock:2"], "no `:` between CID and PORT"),
        (
            &[
                "vsock:2:",
                "vsock:2:01",
                "vsock:2:+1",
                "vsock:2:0x400",
                "vsock:2:1 ",
            ],
            "PORT is not a decimal u32 without leading zeros",
        ),
        (
            &[
                "vsock:2:1:",
                "vsock:2:1:0x1",
                "vsock:2:1:flag=0x1",
                "vsock:2:1:FLAGS=0x1",
            ],
            "what follows PORT is not `:flags=`",
        ),
        (
            &[
                "vsock:2:1:flags=",
                "vsock:2:1:flags=1",
                "vsock:2:1:flags=0x01",
                "vsock:2:1:flags=0X1",
                "vsock:2:1:flags=0xA",
                "vsock:2:1:flags=0x100",
                "vsock:2:1:flags=0x1:",
            ],
            "FLAGS is not a u8 in `0x` and lowercase hex without leading zeros",
        ),
        (
            &["vsock:2:1:flags=0x0"],
            "flags 0 are written by leaving `:flags=` out",
        ),
    ];
    for (texts, why) in vsock_refusals {
        for text in texts {
            let want = Err(AddrError::BadText { kind: "vsock", why });
            ensure(
                text.parse::<VsockAddr>() == want,
                "a VsockAddr text refused otherwise",
            )?;
        }
    }
    Ok(())
}

/// Lengths no address of the family has are `BadLength`, or the rule a
/// `sun_path` breaks.
fn addr_wrong_lengths_are_bad_length(_: &mut Ctx) -> Outcome {
    let bad = |family, len, min, max| {
        Err(AddrError::BadLength {
            family,
            len,
            min,
            max,
        })
    };
    let decode =
        |family, len: usize| SockAddr::decode(with_family(family, zeroes(len - 2)).bytes());
    for len in [2, 8, 15, 17, 28] {
        ensure(
            decode(AF_INET_16, len) == bad(Family::Inet, len, 16, 16),
            "AF_INET",
        )?;
    }
    for len in [2, 16, 27, 29] {
        ensure(
            decode(AF_INET6_16, len) == bad(Family::Inet6, len, 28, 28),
            "AF_INET6",
        )?;
    }
    for len in [2, 11, 21, 28] {
        ensure(
            decode(AF_PACKET_16, len) == bad(Family::Packet, len, 12, 20),
            "AF_PACKET",
        )?;
    }
    let long = SockAddr::decode(with_family(AF_UNIX_16, &[b'a'; 110]).bytes());
    ensure(long == bad(Family::Unix, 112, 2, 111), "AF_UNIX, 112 bytes")?;
    let path = SockAddr::decode(with_family(AF_UNIX_16, &[b'a'; 109]).bytes());
    let want = Err(AddrError::PathTooLong { len: 109, max: 108 });
    ensure(path == want, "AF_UNIX, a 109-byte path")?;
    let mut name = with_family(AF_UNIX_16, &[0]);
    name.push(&[b'a'; 108]);
    let want = Err(AddrError::AbstractNameTooLong { len: 108, max: 107 });
    ensure(
        SockAddr::decode(name.bytes()) == want,
        "AF_UNIX, a 108-byte abstract name",
    )
}

/// Fewer bytes than a family is `Truncated`; more than a
/// `sockaddr_storage` is `TooLong`; 128 bytes of a raw family decode.
fn addr_too_short_and_too_long(_: &mut Ctx) -> Outcome {
    ensure(
        SockAddr::decode(&[]) == Err(AddrError::Truncated { len: 0 }),
        "0 bytes",
    )?;
    ensure(
        SockAddr::decode(&[1]) == Err(AddrError::Truncated { len: 1 }),
        "1 byte",
    )?;
    for family in [AF_UNIX_16, AF_INET_16, AF_NETLINK_16, 999] {
        let got = SockAddr::decode(with_family(family, zeroes(127)).bytes());
        ensure(
            got == Err(AddrError::TooLong { len: 129, max: 128 }),
            "129 bytes",
        )?;
    }
    let got = SockAddr::decode(with_family(AF_NETLINK_16, zeroes(126)).bytes());
    ensure(
        matches!(got, Ok(SockAddr::Other(_))),
        "128 bytes of AF_NETLINK",
    )
}

/// `UnixAddr`'s constructors: each rule, and which is broken.
fn addr_unix_constructor_rules(_: &mut Ctx) -> Outcome {
    let too_long = Err(AddrError::PathTooLong { len: 109, max: 108 });
    ensure(UnixAddr::new(&[b'a'; 109]) == too_long, "a 109-byte path")?;
    ensure(UnixAddr::new(&[b'a'; 108]).is_ok(), "a 108-byte path")?;
    for (path, at) in [(&b"/tmp/a\0b"[..], 6), (b"\0abc", 0), (b"abc\0", 3)] {
        let want = Err(AddrError::InteriorNul { at });
        ensure(UnixAddr::new(path) == want, "a path with a NUL")?;
    }
    ensure(
        UnixAddr::new(b"") == Err(AddrError::EmptyPath),
        "an empty path",
    )?;
    let too_long = Err(AddrError::AbstractNameTooLong { len: 108, max: 107 });
    ensure(
        UnixAddr::new_abstract(&[b'a'; 108]) == too_long,
        "a 108-byte name",
    )?;
    ensure(UnixAddr::new_abstract(&[0; 107]).is_ok(), "a 107-byte name")?;
    ensure(UnixAddr::new_abstract(b"").is_ok(), "an empty name")?;
    ensure(
        UnixAddr::unnamed().kind() == UnixAddrKind::Unnamed,
        "unnamed",
    )
}

/// `Display`: the usual text of each kind, odd bytes escaped.
fn addr_display(_: &mut Ctx) -> Outcome {
    let v4 = SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80));
    ensure(shows(format_args!("{v4}"), "127.0.0.1:80"), "V4")?;
    let v6 = SockAddr::from(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 80, 0, 0));
    ensure(shows(format_args!("{v6}"), "[::1]:80"), "V6")?;
    let scoped = SockAddr::from(SocketAddrV6::new(FE80_1, 80, 0, 2));
    ensure(
        shows(format_args!("{scoped}"), "[fe80::1%2]:80"),
        "V6 with a scope",
    )?;
    let cases: [(SockAddr, &str); 6] = [
        (
            SockAddr::Unix(UnixAddr::new(b"/run/a.sock").at("UnixAddr::new")?),
            "/run/a.sock",
        ),
        (
            SockAddr::Unix(UnixAddr::new_abstract(b"name").at("new_abstract")?),
            "@name",
        ),
        (
            SockAddr::Unix(UnixAddr::new_abstract(b"a\0b\\c\x7f\xff\n ~").at("new_abstract")?),
            r"@a\x00b\\c\x7f\xff\x0a ~",
        ),
        (
            SockAddr::Unix(UnixAddr::new(b"/tmp/\xe9\\").at("UnixAddr::new")?),
            r"/tmp/\xe9\\",
        ),
        (SockAddr::Unix(UnixAddr::unnamed()), "(unnamed)"),
        (
            SockAddr::Unix(UnixAddr::new_abstract(b"").at("new_abstract")?),
            "@",
        ),
    ];
    for (a, want) in cases {
        ensure(shows(format_args!("{a}"), want), "a Unix address")?;
    }
    ensure(
        shows(format_args!("{}", UnixAddr::unnamed()), "(unnamed)"),
        "UnixAddr::unnamed()",
    )?;
    let to_host = VsockAddr {
        flags: VsockAddr::FLAG_TO_HOST,
        ..VsockAddr::new(3, 80)
    };
    let cases = [
        (SockAddr::Netlink(NetlinkAddr::new(0, 0)), "netlink:0:0x0"),
        (
            SockAddr::Netlink(NetlinkAddr::new(4321, 0x11)),
            "netlink:4321:0x11",
        ),
        (
            SockAddr::Vsock(VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY)),
            "vsock:4294967295:4294967295",
        ),
        (
            SockAddr::Vsock(VsockAddr::new(VsockAddr::CID_HOST, 1024)),
            "vsock:2:1024",
        ),
        (SockAddr::Vsock(to_host), "vsock:3:80:flags=0x1"),
    ];
    for (a, want) in cases {
        ensure(
            shows(format_args!("{a}"), want),
            "a netlink or vsock address",
        )?;
    }
    Ok(())
}

/// `AddrError`'s text names the numbers of the rule broken; it is a
/// `core::error::Error`.
fn addr_error_display_has_the_numbers(_: &mut Ctx) -> Outcome {
    let bad_length = |family, len, min, max| AddrError::BadLength {
        family,
        len,
        min,
        max,
    };
    let cases: [(AddrError, &[&str]); 9] = [
        (
            AddrError::PathTooLong { len: 109, max: 108 },
            &["109", "108"],
        ),
        (
            AddrError::AbstractNameTooLong { len: 108, max: 107 },
            &["108", "107"],
        ),
        (AddrError::InteriorNul { at: 6 }, &["6", "NUL"]),
        (AddrError::EmptyPath, &["empty"]),
        (AddrError::Truncated { len: 1 }, &["1"]),
        (AddrError::TooLong { len: 129, max: 128 }, &["129", "128"]),
        (
            bad_length(Family::Packet, 11, 12, 20),
            &["AF_PACKET", "11", "12", "20"],
        ),
        (
            bad_length(Family::Inet, 15, 16, 16),
            &["AF_INET", "15", "16"],
        ),
        (
            AddrError::BadText {
                kind: "vsock",
                why: "PORT is not a decimal u32 without leading zeros",
            },
            &["vsock", "PORT is not a decimal u32"],
        ),
    ];
    for (e, words) in cases {
        let text = Text::of(format_args!("{e}"));
        let text = text.as_ref().map(Text::bytes).unwrap_or_default();
        for w in words {
            ensure(contains(text, w.as_bytes()), "a number or word missing")?;
        }
        let as_error: &dyn core::error::Error = &e;
        ensure(
            shows_as(format_args!("{as_error}"), format_args!("{e}")),
            "as a dyn Error, another text",
        )?;
    }
    Ok(())
}

/// `From` the `core::net` addresses, `UnixAddr` and `LinkAddr`.
fn addr_from_core_socket_addrs(_: &mut Ctx) -> Outcome {
    let v4 = SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 1), 443);
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 8080, 5, 9);
    ensure(SockAddr::from(v4) == SockAddr::V4(v4), "SocketAddrV4")?;
    ensure(SockAddr::from(v6) == SockAddr::V6(v6), "SocketAddrV6")?;
    ensure(
        SockAddr::from(SocketAddr::V4(v4)) == SockAddr::V4(v4),
        "SocketAddr::V4",
    )?;
    ensure(
        SockAddr::from(SocketAddr::V6(v6)) == SockAddr::V6(v6),
        "SocketAddr::V6",
    )?;
    let parsed = "127.0.0.1:0".parse::<SocketAddr>().ok();
    ensure(
        parsed.map(SockAddr::from) == Some(SockAddr::V4(LOOPBACK_V4)),
        "a parsed SocketAddr",
    )?;
    let u = UnixAddr::new(b"/x").at("UnixAddr::new")?;
    ensure(SockAddr::from(u) == SockAddr::Unix(u), "UnixAddr")?;
    let l = LinkAddr::new(3, 1);
    ensure(SockAddr::from(l) == SockAddr::Link(l), "LinkAddr")?;
    let n = NetlinkAddr::new(7, 1);
    ensure(SockAddr::from(n) == SockAddr::Netlink(n), "NetlinkAddr")?;
    let vm = VsockAddr::new(VsockAddr::CID_LOCAL, 9);
    ensure(SockAddr::from(vm) == SockAddr::Vsock(vm), "VsockAddr")
}

/// Each kind's family, its number as the target's headers give it, and
/// first in its encoding.
fn addr_family_of_each_kind(_: &mut Ctx) -> Outcome {
    let v4 = SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 1));
    let v6 = SockAddr::from(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 1, 0, 0));
    let path = SockAddr::Unix(UnixAddr::new(b"/x").at("UnixAddr::new")?);
    let name = SockAddr::Unix(UnixAddr::new_abstract(b"x").at("new_abstract")?);
    let unnamed = SockAddr::Unix(UnixAddr::unnamed());
    let link = SockAddr::Link(LinkAddr::new(3, 1));
    let netlink = SockAddr::Netlink(NetlinkAddr::new(0, 0));
    let vsock = SockAddr::Vsock(VsockAddr::new(0, 0));
    for (a, family) in [
        (v4, Family::Inet),
        (v6, Family::Inet6),
        (path, Family::Unix),
        (name, Family::Unix),
        (unnamed, Family::Unix),
        (link, Family::Packet),
        (netlink, Family::Netlink),
        (vsock, Family::Vsock),
    ] {
        ensure(a.family() == family, "family()")?;
        ensure(a.encode().family() == Some(family), "encode().family()")?;
    }
    ensure(Family::Inet.raw() == AF_INET_16, "AF_INET")?;
    ensure(Family::Inet6.raw() == AF_INET6_16, "AF_INET6")?;
    ensure(Family::Unix.raw() == AF_UNIX_16, "AF_UNIX")?;
    ensure(Family::Packet.raw() == AF_PACKET_16, "AF_PACKET")?;
    ensure(Family::Netlink.raw() == AF_NETLINK_16, "AF_NETLINK")?;
    ensure(Family::Vsock.raw() == AF_VSOCK_16, "AF_VSOCK")
}

/// `TryFrom<SockAddr>` gives back the inner address, or `WrongFamily`
/// naming both families.
fn addr_try_from_gives_back_the_address(_: &mut Ctx) -> Outcome {
    let v4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80);
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 80, 7, 2);
    let unix = UnixAddr::new(b"/run/a.sock").at("UnixAddr::new")?;
    let link = LinkAddr::new(3, 1);
    let netlink = NetlinkAddr::new(4321, 0x11);
    let vsock = VsockAddr::new(VsockAddr::CID_HOST, 1024);
    ensure(
        NetlinkAddr::try_from(SockAddr::Netlink(netlink)) == Ok(netlink),
        "NetlinkAddr",
    )?;
    ensure(
        VsockAddr::try_from(SockAddr::Vsock(vsock)) == Ok(vsock),
        "VsockAddr",
    )?;
    ensure(
        SocketAddrV4::try_from(SockAddr::V4(v4)) == Ok(v4),
        "SocketAddrV4",
    )?;
    ensure(
        SocketAddrV6::try_from(SockAddr::V6(v6)) == Ok(v6),
        "SocketAddrV6",
    )?;
    let any = SocketAddr::try_from(SockAddr::V4(v4));
    ensure(any == Ok(SocketAddr::V4(v4)), "SocketAddr from V4")?;
    let any = SocketAddr::try_from(SockAddr::V6(v6));
    ensure(any == Ok(SocketAddr::V6(v6)), "SocketAddr from V6")?;
    ensure(
        UnixAddr::try_from(SockAddr::Unix(unix)) == Ok(unix),
        "UnixAddr",
    )?;
    ensure(
        LinkAddr::try_from(SockAddr::Link(link)) == Ok(link),
        "LinkAddr",
    )?;
    let wrong = |expected, found| Some(AddrError::WrongFamily { expected, found });
    let got = SocketAddrV4::try_from(SockAddr::V6(v6));
    ensure(
        got.err() == wrong("AF_INET", Family::Inet6),
        "SocketAddrV4 from V6",
    )?;
    let got = SocketAddrV6::try_from(SockAddr::V4(v4));
    ensure(
        got.err() == wrong("AF_INET6", Family::Inet),
        "SocketAddrV6 from V4",
    )?;
    let got = UnixAddr::try_from(SockAddr::Link(link));
    ensure(
        got.err() == wrong("AF_UNIX", Family::Packet),
        "UnixAddr from Link",
    )?;
    let got = LinkAddr::try_from(SockAddr::Unix(unix));
    ensure(
        got.err() == wrong("AF_PACKET", Family::Unix),
        "LinkAddr from Unix",
    )?;
    let got = SocketAddr::try_from(SockAddr::Unix(unix));
    ensure(
        got.err() == wrong("AF_INET or AF_INET6", Family::Unix),
        "SocketAddr from Unix",
    )?;
    let got = NetlinkAddr::try_from(SockAddr::Vsock(vsock));
    ensure(
        got.err() == wrong("AF_NETLINK", Family::Vsock),
        "NetlinkAddr from Vsock",
    )?;
    let got = VsockAddr::try_from(SockAddr::Netlink(netlink));
    ensure(
        got.err() == wrong("AF_VSOCK", Family::Netlink),
        "VsockAddr from Netlink",
    )?;
    let got = SocketAddr::try_from(SockAddr::Netlink(netlink));
    ensure(
        got.err() == wrong("AF_INET or AF_INET6", Family::Netlink),
        "SocketAddr from Netlink",
    )?;
    let e = AddrError::WrongFamily {
        expected: "AF_INET",
        found: Family::Unix,
    };
    ensure(
        shows(
            format_args!("{e}"),
            "expected an AF_INET address, found an AF_UNIX address",
        ),
        "WrongFamily's text",
    )
}

// ---- Layouts: the kernel's structs, as the target's headers define them ----

/// The bytes of `v`, a struct of integers with no padding.
///
/// # Safety
/// Every byte of `T` must belong to a field (no padding).
unsafe fn bytes_of<T>(v: &T) -> &[u8] {
    // SAFETY: `v` is valid for reads of its size, and the caller vouches
    // that each byte is a field's, so initialized.
    unsafe { core::slice::from_raw_parts((v as *const T).cast::<u8>(), size_of::<T>()) }
}

/// `a` encodes as the first `len` bytes of `c`, and `len()` is `len`.
fn encodes_as(a: SockAddr, c: &[u8], len: usize) -> Outcome {
    let raw = a.encode();
    ensure(raw.len() as usize == len, "encode(): not the C addrlen")?;
    ensure(
        Some(raw.as_bytes()) == c.get(..len),
        "encode(): not the C bytes",
    )
}

/// A `sockaddr_un` of the kernel's headers filled as unix(7) says, and its
/// addrlen, for a pathname (`Some`) or an abstract name.
fn c_sockaddr_un(path: Option<&[u8]>, name: &[u8]) -> ([u8; 110], usize) {
    let mut s = sockaddr_un {
        sun_family: AF_UNIX as _,
        sun_path: [0; 108],
    };
    let (from, bytes) = match path {
        Some(p) => (0, p),
        None => (1, name),
    };
    for (dst, &b) in s.sun_path.iter_mut().skip(from).zip(bytes) {
        *dst = b as _;
    }
    let len = match path {
        Some(p) => (2 + p.len() + 1).min(110),
        None => 2 + 1 + name.len(),
    };
    let mut out = [0; 110];
    // SAFETY: sockaddr_un is a u16 and a byte array, 110 bytes, no padding
    // (`layout_struct_sizes_and_offsets` checks it).
    out.copy_from_slice(unsafe { bytes_of(&s) }.get(..110).unwrap_or(&[0; 110]));
    (out, len)
}

/// Encodings are byte for byte the kernel's structs, filled as C fills
/// them, with their `sizeof` (the suite draws the addresses at random).
fn layout_encodes_as_the_c_structs(_: &mut Ctx) -> Outcome {
    for (ip, port) in [([127, 0, 0, 1], 0x1f90), ([255; 4], 65535), ([0; 4], 0)] {
        let a = SocketAddrV4::new(Ipv4Addr::from(ip), port);
        let s = sockaddr_in {
            sin_family: AF_INET as _,
            sin_port: port.to_be(),
            sin_addr: in_addr {
                s_addr: u32::from(*a.ip()).to_be(),
            },
            __pad: [0; 8],
        };
        // SAFETY: sockaddr_in is 2 + 2 + 4 + 8 bytes of integers, no padding.
        encodes_as(SockAddr::V4(a), unsafe { bytes_of(&s) }, 16)?;
    }
    for (ip, port, flow, scope) in [
        (Ipv6Addr::LOCALHOST, 80, 0x0001_2345, 7),
        (Ipv6Addr::from([0xff; 16]), 65535, u32::MAX, u32::MAX),
        (Ipv6Addr::UNSPECIFIED, 0, 0, 0),
    ] {
        let a = SocketAddrV6::new(ip, port, flow, scope);
        let mut s = sockaddr_in6 {
            sin6_family: AF_INET6 as _,
            sin6_port: port.to_be(),
            sin6_flowinfo: flow.to_be(),
            // SAFETY: in6_addr is a union of byte, u16 and u32 arrays: all
            // zeroes is a valid value.
            sin6_addr: unsafe { MaybeUninit::<in6_addr>::zeroed().assume_init() },
            sin6_scope_id: scope,
        };
        s.sin6_addr.in6_u.u6_addr8 = ip.octets();
        // SAFETY: sockaddr_in6 is 2 + 2 + 4 + 16 + 4 bytes of integers, no padding.
        encodes_as(SockAddr::V6(a), unsafe { bytes_of(&s) }, 28)?;
    }
    for path in [&b"/"[..], b"/run/a.sock", &[0xfe; 107], &[b'a'; 108]] {
        let (c, len) = c_sockaddr_un(Some(path), b"");
        encodes_as(SockAddr::Unix(UnixAddr::new(path).at("new")?), &c, len)?;
    }
    for name in [&b""[..], b"\0x\xff", &[0xff; 107]] {
        let (c, len) = c_sockaddr_un(None, name);
        let a = SockAddr::Unix(UnixAddr::new_abstract(name).at("new_abstract")?);
        encodes_as(a, &c, len)?;
    }
    for a in [LinkAddr::new(3, 1), LinkAddr::default()] {
        let s = sockaddr_ll {
            sll_family: AF_PACKET as _,
            sll_protocol: a.protocol.to_be(),
            sll_ifindex: a.ifindex,
            sll_hatype: a.hatype,
            sll_pkttype: a.pkttype,
            sll_halen: a.halen,
            sll_addr: a.addr,
        };
        // SAFETY: sockaddr_ll is 2 + 2 + 4 + 2 + 1 + 1 + 8 bytes of integers, no padding.
        encodes_as(SockAddr::Link(a), unsafe { bytes_of(&s) }, 20)?;
    }
    for (pid, groups) in [(0, 0), (0x0102_0304, RTMGRP_LINK), (u32::MAX, u32::MAX)] {
        let s = sockaddr_nl {
            nl_family: AF_NETLINK as _,
            nl_pad: 0,
            nl_pid: pid,
            nl_groups: groups,
        };
        let a = SockAddr::Netlink(NetlinkAddr::new(pid, groups));
        // SAFETY: sockaddr_nl is 2 + 2 + 4 + 4 bytes of integers, no padding.
        encodes_as(a, unsafe { bytes_of(&s) }, 12)?;
    }
    for (cid, port, flags) in [(u32::MAX, u32::MAX, 0), (2, 0x0102_0304, 1), (0, 0, 0xff)] {
        // linux-raw-sys's svm_zero runs to 128 bytes (rawbind's vsock.rs
        // says why); the kernel's struct is its first __SOCK_SIZE__ (16).
        let s = sockaddr_vm {
            svm_family: AF_VSOCK as _,
            svm_reserved1: 0,
            svm_port: port,
            svm_cid: cid,
            svm_flags: flags,
            svm_zero: [0; size_of::<sockaddr_vm>() - 13],
        };
        let a = SockAddr::Vsock(VsockAddr { cid, port, flags });
        // SAFETY: sockaddr_vm is 2 + 2 + 4 + 4 + 1 bytes of integers and a
        // byte array to its end, no padding.
        encodes_as(a, unsafe { bytes_of(&s) }, __SOCK_SIZE__ as usize)?;
    }
    Ok(())
}

/// `sockaddr_nl` and `sockaddr_vm` as bytes: family first, padding and
/// reserved fields zero, the numbers in host order.
fn layout_netlink_and_vsock_known_bytes(_: &mut Ctx) -> Outcome {
    let raw = SockAddr::Netlink(NetlinkAddr::new(0x0102_0304, RTMGRP_LINK)).encode();
    let b = raw.as_bytes();
    ensure(b.len() == 12, "sockaddr_nl: not 12 bytes")?;
    ensure(
        b.get(..2) == Some(&AF_NETLINK_16.to_ne_bytes()[..]),
        "nl_family",
    )?;
    ensure(b.get(2..4) == Some(&[0, 0]), "nl_pad")?;
    ensure(
        b.get(4..8) == Some(&0x0102_0304u32.to_ne_bytes()[..]),
        "nl_pid",
    )?;
    ensure(b.get(8..) == Some(&1u32.to_ne_bytes()[..]), "nl_groups")?;

    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    let raw = SockAddr::Vsock(any).encode();
    let b = raw.as_bytes();
    ensure(b.len() == 16, "sockaddr_vm: not 16 bytes")?;
    ensure(
        b.get(..2) == Some(&AF_VSOCK_16.to_ne_bytes()[..]),
        "svm_family",
    )?;
    ensure(b.get(2..4) == Some(&[0, 0]), "svm_reserved1")?;
    ensure(b.get(4..12) == Some(&[0xff; 8]), "svm_port and svm_cid")?;
    ensure(b.get(12..) == Some(&[0; 4]), "svm_flags and svm_zero")?;
    let a = VsockAddr {
        flags: VsockAddr::FLAG_TO_HOST,
        ..VsockAddr::new(VsockAddr::CID_HOST, 0x0102_0304)
    };
    let raw = SockAddr::Vsock(a).encode();
    let b = raw.as_bytes();
    ensure(
        b.get(4..8) == Some(&0x0102_0304u32.to_ne_bytes()[..]),
        "svm_port",
    )?;
    ensure(b.get(8..12) == Some(&2u32.to_ne_bytes()[..]), "svm_cid")?;
    ensure(b.get(12..) == Some(&[1, 0, 0, 0]), "svm_flags, svm_zero")
}

/// 127.0.0.1:8080 as bytes: family (host order), port and address
/// (network order), 8 zeroes.
fn layout_v4_known_bytes(_: &mut Ctx) -> Outcome {
    let a = SockAddr::from(SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 0x1f90));
    let mut want = Name::of(&AF_INET_16.to_ne_bytes());
    want.push(&[0x1f, 0x90, 127, 0, 0, 1]);
    want.push(&[0; 8]);
    ensure(a.encode().as_bytes() == want.bytes(), "other bytes")
}

/// [::1]:80 with flow info and a scope as bytes: port and flow info big-
/// endian, the scope in host order.
fn layout_v6_known_bytes(_: &mut Ctx) -> Outcome {
    let a = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 80, 0x0001_2345, 7);
    let raw = SockAddr::V6(a).encode();
    let b = raw.as_bytes();
    ensure(b.len() == 28, "not 28 bytes")?;
    ensure(b.get(2..4) == Some(&[0, 80]), "sin6_port")?;
    ensure(
        b.get(4..8) == Some(&[0x00, 0x01, 0x23, 0x45]),
        "sin6_flowinfo",
    )?;
    ensure(
        b.get(8..24) == Some(&Ipv6Addr::LOCALHOST.octets()),
        "sin6_addr",
    )?;
    ensure(b.get(24..28) == Some(&7u32.to_ne_bytes()), "sin6_scope_id")
}

/// The `sun_path` lengths at the edges: the C addrlen of paths of 1, 106,
/// 107 and 108 bytes (the last without a NUL) and of abstract names; the
/// unnamed address is the family alone.
fn layout_unix_boundary_lengths(_: &mut Ctx) -> Outcome {
    for (path, want) in [
        (&b"/"[..], 4),
        (&[b'a'; 106], 109),
        (&[b'a'; 107], 110),
        (&[b'a'; 108], 110),
    ] {
        let (c, len) = c_sockaddr_un(Some(path), b"");
        ensure(len == want, "the C addrlen of a path")?;
        encodes_as(SockAddr::Unix(UnixAddr::new(path).at("new")?), &c, len)?;
    }
    let raw = SockAddr::Unix(UnixAddr::new(b"/run/a.sock").at("new")?).encode();
    ensure(
        raw.as_bytes().last() == Some(&0),
        "a short path is sent without its NUL",
    )?;
    let raw = SockAddr::Unix(UnixAddr::new(&[b'a'; 108]).at("new")?).encode();
    ensure(
        raw.as_bytes().last() == Some(&b'a'),
        "a 108-byte path is sent with a NUL",
    )?;
    for (name, want) in [(&b""[..], 3), (b"x", 4), (&[0xff; 107], 110)] {
        let (c, len) = c_sockaddr_un(None, name);
        ensure(len == want, "the C addrlen of an abstract name")?;
        let a = SockAddr::Unix(UnixAddr::new_abstract(name).at("new_abstract")?);
        encodes_as(a, &c, len)?;
    }
    let unnamed = SockAddr::Unix(UnixAddr::unnamed()).encode();
    ensure(
        unnamed.as_bytes() == AF_UNIX_16.to_ne_bytes(),
        "unnamed: not the family alone",
    )
}

/// `LinkAddr::new` sends the protocol big-endian, the index in host order.
fn layout_link_protocol_big_endian(_: &mut Ctx) -> Outcome {
    let raw = SockAddr::Link(LinkAddr::new(ETH_P_ALL as u16, 1)).encode();
    let b = raw.as_bytes();
    ensure(b.len() == 20, "not 20 bytes")?;
    ensure(
        b.get(2..4) == Some(&(ETH_P_ALL as u16).to_be_bytes()),
        "sll_protocol",
    )?;
    ensure(b.get(4..8) == Some(&1i32.to_ne_bytes()), "sll_ifindex")?;
    ensure(b.get(8..) == Some(&[0; 12]), "the rest is not zero")
}

/// The structs' sizes and field offsets are the ones rawbind documents,
/// with no padding: the kernel's headers for the target (the suite reads
/// libc's, which the targets without a libc lack).
fn layout_struct_sizes_and_offsets(_: &mut Ctx) -> Outcome {
    use core::mem::offset_of;
    let sizes = [
        (size_of::<sockaddr_in>(), 16, 2 + 2 + 4 + 8),
        (size_of::<sockaddr_in6>(), 28, 2 + 2 + 4 + 16 + 4),
        (size_of::<sockaddr_un>(), 110, 2 + 108),
        (size_of::<sockaddr_ll>(), 20, 2 + 2 + 4 + 2 + 1 + 1 + 8),
        (size_of::<sockaddr_nl>(), 12, 2 + 2 + 4 + 4),
        // sizeof(struct sockaddr), which sizes sockaddr_vm in the kernel.
        (__SOCK_SIZE__ as usize, 16, 2 + 2 + 4 + 4 + 1 + 3),
        (size_of::<__kernel_sockaddr_storage>(), 128, 128),
        (size_of::<__kernel_sa_family_t>(), 2, 2),
    ];
    for (size, documented, fields) in sizes {
        ensure(size == documented && size == fields, "a size")?;
    }
    let offsets = [
        (offset_of!(sockaddr_in, sin_family), 0),
        (offset_of!(sockaddr_in, sin_port), 2),
        (offset_of!(sockaddr_in, sin_addr), 4),
        (offset_of!(sockaddr_in, __pad), 8),
        (offset_of!(sockaddr_in6, sin6_family), 0),
        (offset_of!(sockaddr_in6, sin6_port), 2),
        (offset_of!(sockaddr_in6, sin6_flowinfo), 4),
        (offset_of!(sockaddr_in6, sin6_addr), 8),
        (offset_of!(sockaddr_in6, sin6_scope_id), 24),
        (offset_of!(sockaddr_un, sun_family), 0),
        (offset_of!(sockaddr_un, sun_path), 2),
        (offset_of!(sockaddr_ll, sll_family), 0),
        (offset_of!(sockaddr_ll, sll_protocol), 2),
        (offset_of!(sockaddr_ll, sll_ifindex), 4),
        (offset_of!(sockaddr_ll, sll_hatype), 8),
        (offset_of!(sockaddr_ll, sll_pkttype), 10),
        (offset_of!(sockaddr_ll, sll_halen), 11),
        (offset_of!(sockaddr_ll, sll_addr), 12),
        (offset_of!(sockaddr_nl, nl_family), 0),
        (offset_of!(sockaddr_nl, nl_pad), 2),
        (offset_of!(sockaddr_nl, nl_pid), 4),
        (offset_of!(sockaddr_nl, nl_groups), 8),
        (offset_of!(sockaddr_vm, svm_family), 0),
        (offset_of!(sockaddr_vm, svm_reserved1), 2),
        (offset_of!(sockaddr_vm, svm_port), 4),
        (offset_of!(sockaddr_vm, svm_cid), 8),
        (offset_of!(sockaddr_vm, svm_flags), 12),
        (offset_of!(sockaddr_vm, svm_zero), 13),
    ];
    for (offset, documented) in offsets {
        ensure(offset == documented, "a field's offset")?;
    }
    Ok(())
}

/// The encoded buffer is aligned for any `sockaddr`.
fn layout_encoded_buffer_is_aligned(_: &mut Ctx) -> Outcome {
    let kinds = [
        SockAddr::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 1)),
        SockAddr::Unix(UnixAddr::unnamed()),
        SockAddr::Link(LinkAddr::new(3, 1)),
        SockAddr::Netlink(NetlinkAddr::new(1, 1)),
        SockAddr::Vsock(VsockAddr::new(1, 1)),
    ];
    for a in kinds {
        let raw = a.encode();
        let at = raw.as_ptr() as usize;
        for align in [
            align_of::<__kernel_sockaddr_storage>(),
            align_of::<sockaddr_in6>(),
            align_of::<sockaddr_ll>(),
            align_of::<sockaddr_nl>(),
            align_of::<sockaddr_vm>(),
        ] {
            ensure(at.is_multiple_of(align), "misaligned")?;
        }
    }
    Ok(())
}

/// `Family`'s numbers are the target's headers'.
fn layout_family_numbers(_: &mut Ctx) -> Outcome {
    for (family, want) in [
        (Family::Unspec, AF_UNSPEC),
        (Family::Unix, AF_UNIX),
        (Family::Inet, AF_INET),
        (Family::Inet6, AF_INET6),
        (Family::Netlink, AF_NETLINK),
        (Family::Packet, AF_PACKET),
        (Family::Vsock, AF_VSOCK),
    ] {
        ensure(u32::from(family.raw()) == want, "another number")?;
        ensure(Family::from_raw(want as u16) == family, "from_raw")?;
    }
    Ok(())
}

// ---- errno ----

/// `(variant, the target's number, the name)` for every name rawbind gives
/// a variant on every architecture.
macro_rules! named {
    ($($name:ident),* $(,)?) => {
        &[$((Errno::$name, linux_raw_sys::errno::$name, stringify!($name)),)*]
    };
}

const NAMED: &[(Errno, u32, &str)] = named! {
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

/// Names rawbind has only on some architectures (MIPS, SPARC; EDEADLOCK
/// where its number is not EDEADLK's).
const ARCH_ONLY: &[&str] = &["EINIT", "EREMDEV", "EPROCLIM", "ERREMOTE", "EDEADLOCK"];

/// Every name is the variant of the target's number, both ways.
fn errno_numbers(_: &mut Ctx) -> Outcome {
    for &(e, n, name) in NAMED {
        ensure(e.raw() == n as i32, "a variant has another number")?;
        ensure(e.name() == name, "a variant has another name")?;
        ensure(
            Errno::from_raw(n as i32) == e,
            "from_raw gives another variant",
        )?;
        ensure(!matches!(e, Errno::Unknown(_)), "a named number is unknown")?;
    }
    Ok(())
}

/// Every number, named or not, survives `from_raw` and `raw`.
fn errno_every_number_survives_from_raw(_: &mut Ctx) -> Outcome {
    for n in (1..=4095).chain([0, -1, -4095, 4096, i32::MAX, i32::MIN]) {
        ensure(Errno::from_raw(n).raw() == n, "a number changed")?;
    }
    Ok(())
}

/// Every named number of 1 to 4095 has a proper name (in the table, or
/// one of an architecture's own), its own, and a description; each name of
/// the table comes out.
fn errno_names_and_descriptions(_: &mut Ctx) -> Outcome {
    let mut seen = [""; 160];
    let mut count = 0;
    for n in 1..=4095 {
        let e = Errno::from_raw(n);
        if matches!(e, Errno::Unknown(_)) {
            continue;
        }
        let name = e.name();
        let proper = name.len() > 1
            && name.starts_with('E')
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        ensure(proper, "a name is not E and capitals")?;
        let known = NAMED.iter().any(|&(_, _, n)| n == name) || ARCH_ONLY.contains(&name);
        ensure(known, "a name is in no table")?;
        ensure(!seen.contains(&name), "a name names two numbers")?;
        let slot = seen.get_mut(count);
        ensure(slot.is_some(), "more names than expected")?;
        if let Some(slot) = slot {
            *slot = name;
        }
        count += 1;
        let desc = e.description();
        ensure(
            !desc.is_empty() && desc != "Unknown error",
            "no description",
        )?;
        ensure(shows(format_args!("{e:?}"), name), "Debug is not the name")?;
        let display = shows_as(format_args!("{e}"), format_args!("{name}: {desc}"));
        ensure(display, "Display is not NAME: description")?;
    }
    for &(_, _, name) in NAMED {
        ensure(seen.contains(&name), "a name never came out of from_raw")?;
    }
    Ok(())
}

/// `(variant, glibc's strerror text)` for common errors.
const GLIBC_TEXT: &[(Errno, &str)] = &[
    (Errno::EPERM, "Operation not permitted"),
    (Errno::ENOENT, "No such file or directory"),
    (Errno::ESRCH, "No such process"),
    (Errno::EINTR, "Interrupted system call"),
    (Errno::EIO, "Input/output error"),
    (Errno::ENXIO, "No such device or address"),
    (Errno::E2BIG, "Argument list too long"),
    (Errno::EBADF, "Bad file descriptor"),
    (Errno::ECHILD, "No child processes"),
    (Errno::EAGAIN, "Resource temporarily unavailable"),
    (Errno::ENOMEM, "Cannot allocate memory"),
    (Errno::EACCES, "Permission denied"),
    (Errno::EFAULT, "Bad address"),
    (Errno::EBUSY, "Device or resource busy"),
    (Errno::EEXIST, "File exists"),
    (Errno::EXDEV, "Invalid cross-device link"),
    (Errno::ENODEV, "No such device"),
    (Errno::ENOTDIR, "Not a directory"),
    (Errno::EISDIR, "Is a directory"),
    (Errno::EINVAL, "Invalid argument"),
    (Errno::ENFILE, "Too many open files in system"),
    (Errno::EMFILE, "Too many open files"),
    (Errno::ENOTTY, "Inappropriate ioctl for device"),
    (Errno::ENOSPC, "No space left on device"),
    (Errno::EROFS, "Read-only file system"),
    (Errno::EPIPE, "Broken pipe"),
    (Errno::ERANGE, "Numerical result out of range"),
    (Errno::EDEADLK, "Resource deadlock avoided"),
    (Errno::ENAMETOOLONG, "File name too long"),
    (Errno::ENOSYS, "Function not implemented"),
    (Errno::ENOTEMPTY, "Directory not empty"),
    (Errno::ELOOP, "Too many levels of symbolic links"),
    (Errno::EOVERFLOW, "Value too large for defined data type"),
    (
        Errno::EILSEQ,
        "Invalid or incomplete multibyte or wide character",
    ),
    (Errno::ENOTSOCK, "Socket operation on non-socket"),
    (Errno::EDESTADDRREQ, "Destination address required"),
    (Errno::EPROTOTYPE, "Protocol wrong type for socket"),
    (Errno::ENOPROTOOPT, "Protocol not available"),
    (Errno::EPROTONOSUPPORT, "Protocol not supported"),
    (Errno::ESOCKTNOSUPPORT, "Socket type not supported"),
    (Errno::EOPNOTSUPP, "Operation not supported"),
    (Errno::EPFNOSUPPORT, "Protocol family not supported"),
    (
        Errno::EAFNOSUPPORT,
        "Address family not supported by protocol",
    ),
    (Errno::EADDRINUSE, "Address already in use"),
    (Errno::EADDRNOTAVAIL, "Cannot assign requested address"),
    (Errno::ENETDOWN, "Network is down"),
    (Errno::ENETUNREACH, "Network is unreachable"),
    (Errno::ECONNABORTED, "Software caused connection abort"),
    (Errno::ECONNRESET, "Connection reset by peer"),
    (Errno::ENOBUFS, "No buffer space available"),
    (Errno::EISCONN, "Transport endpoint is already connected"),
    (Errno::ENOTCONN, "Transport endpoint is not connected"),
    (Errno::ETIMEDOUT, "Connection timed out"),
    (Errno::ECONNREFUSED, "Connection refused"),
    (Errno::EHOSTUNREACH, "No route to host"),
    (Errno::EALREADY, "Operation already in progress"),
    (Errno::EINPROGRESS, "Operation now in progress"),
];

/// The descriptions are glibc's strerror texts.
fn errno_descriptions_are_glibcs(_: &mut Ctx) -> Outcome {
    for &(e, desc) in GLIBC_TEXT {
        ensure(e.description() == desc, "another description")?;
    }
    Ok(())
}

/// Numbers no header names (and x86_64's holes, 41 and 58) are `Unknown`,
/// keep their number, and say so.
fn errno_unnamed_numbers_are_unknown(_: &mut Ctx) -> Outcome {
    let holes: &[i32] = match cfg!(target_arch = "x86_64") {
        true => &[41, 58],
        false => &[],
    };
    for &n in [0, -1, 4000, 4095, 4096, i32::MAX, i32::MIN]
        .iter()
        .chain(holes)
    {
        let e = Errno::from_raw(n);
        match e {
            Errno::Unknown(u) => ensure(u.raw() == n, "UnknownErrno::raw")?,
            _ => ensure(false, "an unnamed number has a name")?,
        }
        ensure(e.name() == "EUNKNOWN", "name()")?;
        ensure(e.description() == "Unknown error", "description()")?;
        ensure(e.raw() == n, "raw()")?;
        let debug = shows_as(format_args!("{e:?}"), format_args!("Unknown({n})"));
        ensure(debug, "Debug is not Unknown(n)")?;
        let display = shows_as(
            format_args!("{e}"),
            format_args!("error {n}: Unknown error"),
        );
        ensure(display, "Display is not error n: Unknown error")?;
    }
    Ok(())
}

/// EWOULDBLOCK is EAGAIN, ENOTSUP is EOPNOTSUPP, and EDEADLOCK is
/// EDEADLK except where it has a number of its own (MIPS, SPARC, powerpc).
fn errno_aliases(_: &mut Ctx) -> Outcome {
    use linux_raw_sys::errno;
    ensure(Errno::EWOULDBLOCK == Errno::EAGAIN, "EWOULDBLOCK")?;
    let n = errno::EWOULDBLOCK as i32;
    ensure(Errno::EWOULDBLOCK.raw() == n, "EWOULDBLOCK's number")?;
    ensure(Errno::ENOTSUP == Errno::EOPNOTSUPP, "ENOTSUP")?;
    let n = errno::EOPNOTSUPP as i32;
    ensure(Errno::ENOTSUP.raw() == n, "ENOTSUP's number")?;
    let deadlock = Errno::from_raw(Errno::EDEADLOCK.raw());
    ensure(deadlock == Errno::EDEADLOCK, "EDEADLOCK by its number")?;
    // powerpc's header redefines EDEADLOCK, which linux-raw-sys 0.12.1 misses
    // (src/errno.rs puts it right): its number is no oracle there.
    let powerpc = cfg!(any(target_arch = "powerpc", target_arch = "powerpc64"));
    let n = errno::EDEADLOCK as i32;
    ensure(powerpc || Errno::EDEADLOCK.raw() == n, "EDEADLOCK's number")?;
    let own = cfg!(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    ));
    match own {
        true => ensure(
            Errno::EDEADLOCK != Errno::EDEADLK && Errno::EDEADLOCK.name() == "EDEADLOCK",
            "EDEADLOCK has no number of its own",
        ),
        false => ensure(
            Errno::EDEADLOCK == Errno::EDEADLK,
            "EDEADLOCK is not EDEADLK",
        ),
    }
}

/// `Debug` is the name, `Display` the name and description, also as a
/// `dyn core::error::Error`.
fn errno_display_and_debug(_: &mut Ctx) -> Outcome {
    let e = Errno::EADDRINUSE;
    ensure(shows(format_args!("{e:?}"), "EADDRINUSE"), "Debug")?;
    let unknown = Errno::from_raw(4000);
    ensure(
        shows(format_args!("{unknown:?}"), "Unknown(4000)"),
        "Debug, unknown",
    )?;
    let text = "EADDRINUSE: Address already in use";
    ensure(shows(format_args!("{e}"), text), "Display")?;
    let text = "error 4000: Unknown error";
    ensure(shows(format_args!("{unknown}"), text), "Display, unknown")?;
    ensure(e.name() == "EADDRINUSE", "name()")?;
    ensure(e.description() == "Address already in use", "description()")?;
    let as_error: &dyn core::error::Error = &Errno::EACCES;
    let text = "EACCES: Permission denied";
    ensure(shows(format_args!("{as_error}"), text), "as a dyn Error")
}

/// FNV-1a, for hashing without std.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// `Errno`'s hash, with FNV-1a.
fn hash_of(e: Errno) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    e.hash(&mut h);
    h.finish()
}

/// `Errno` is `Copy`, and `Eq` and `Hash` agree: equal values (aliases, one
/// unknown number twice) hash alike, and a set of them has 4 members.
fn errno_hash_eq_copy(_: &mut Ctx) -> Outcome {
    let e = Errno::EADDRINUSE;
    let copy = e;
    ensure(e == copy, "a copy differs")?;
    let values = [
        Errno::EAGAIN,
        Errno::EWOULDBLOCK,
        Errno::EADDRINUSE,
        Errno::from_raw(linux_raw_sys::errno::EADDRINUSE as i32),
        Errno::from_raw(4000),
        Errno::from_raw(4000),
        Errno::from_raw(4001),
    ];
    let mut distinct = 0;
    for (i, &a) in values.iter().enumerate() {
        for &b in values.get(..i).unwrap_or_default() {
            ensure(
                a != b || hash_of(a) == hash_of(b),
                "equal values hash apart",
            )?;
        }
        if !values.get(..i).unwrap_or_default().contains(&a) {
            distinct += 1;
        }
    }
    ensure(distinct == 4, "not 4 distinct values")?;
    let again = Errno::from_raw(linux_raw_sys::errno::EAGAIN as i32);
    ensure(
        values.contains(&again),
        "EAGAIN by number is not in the set",
    )?;
    ensure(
        !values.contains(&Errno::from_raw(4002)),
        "4002 is in the set",
    )?;
    ensure(
        Errno::from_raw(4000) != Errno::from_raw(4001),
        "4000 is 4001",
    )?;
    ensure(Errno::EACCES != Errno::EPERM, "EACCES is EPERM")
}

// ---- Where QEMU user mode and the kernel disagree ----

/// Whether this runs under QEMU user mode: the kernel named the process
/// after the emulator's file (`qemu-s390x`). QEMU fakes /proc/self/stat,
/// cmdline and exe for the guest, not status.
fn under_qemu() -> bool {
    let Ok((status, len)) = read_file::<1024>(&Name::of(b"/proc/self/status")) else {
        return false;
    };
    let mut lines = status.get(..len).unwrap_or_default().split(|&b| b == b'\n');
    let name = lines.find_map(|l| l.strip_prefix(b"Name:"));
    name.is_some_and(|n| n.trim_ascii().starts_with(b"qemu-"))
}

/// Under QEMU user mode, a known fault of it (`fault`, recognised exactly
/// by the caller) is a skip that names it; natively, nothing.
fn emulator_fault(fault: &'static str) -> Outcome {
    match under_qemu() {
        true => Err(Why::Skip(fault)),
        false => Ok(()),
    }
}

/// `setsockopt(fd, level, name, &value, 4)`.
fn setsockopt_int(fd: impl AsFd, level: u32, name: u32, value: i32) -> Result<(), Errno> {
    let args = [
        fd.as_fd().as_raw_fd() as usize,
        level as usize,
        name as usize,
        &value as *const i32 as usize,
        size_of::<i32>(),
    ];
    // SAFETY: the kernel reads 4 bytes at `value`, which outlives the call.
    check(unsafe { raw::socket_call(__NR_setsockopt, SYS_SETSOCKOPT, args) }).map(drop)
}

/// The loopback interface's index, from sysfs (not through a socket call,
/// so that no emulator translation stands between).
fn lo_index() -> Result<u32, Why> {
    let n = read_number(b"/sys/class/net/lo/ifindex").at("read /sys/class/net/lo/ifindex")?;
    u32::try_from(n).map_err(|_| Why::Fail("lo's index is out of range", How::Wrong))
}

/// An int option set reaches the kernel: natively it is set; under QEMU,
/// ENOPROTOOPT is the known fault of an option it does not translate.
fn option_reaches_the_kernel(fd: &OwnedFd, level: u32, name: u32, value: i32) -> Outcome {
    match setsockopt_int(fd, level, name, value) {
        Ok(()) => Ok(()),
        Err(Errno::ENOPROTOOPT) => {
            emulator_fault("emulator fault: QEMU user mode does not translate the option: ENOPROTOOPT, the kernel never sees it")?;
            Err(Why::Fail("setsockopt", How::Failed(Errno::ENOPROTOOPT)))
        }
        Err(e) => Err(Why::Fail("setsockopt", How::Failed(e))),
    }
}

/// The kernel keeps a link-local address's scope: getsockname gives back
/// the index it was bound with (fe80::1 binds on lo with IPV6_FREEBIND).
/// QEMU on big-endian guests swaps the 16-bit halves of `sin6_scope_id`.
fn getsockname_gives_back_sin6_scope_id(c: &mut Ctx) -> Outcome {
    let fd = c.inet6(SockType::Dgram)?;
    option_reaches_the_kernel(&fd, IPPROTO_IPV6 as u32, IPV6_FREEBIND, 1)?;
    let scope = lo_index()?;
    bind(&fd, &SocketAddrV6::new(FE80_1, 0, 0, scope)).at("bind [fe80::1%lo]:0")?;
    let SockAddr::V6(bound) = getsockname(&fd).at("getsockname")? else {
        return ensure(false, "getsockname: not SockAddr::V6");
    };
    ensure(*bound.ip() == FE80_1, "getsockname: not fe80::1")?;
    if bound.scope_id() != scope && bound.scope_id() == scope.rotate_left(16) {
        emulator_fault("emulator fault: QEMU user mode swaps the 16-bit halves of sin6_scope_id")?;
    }
    ensure(bound.scope_id() == scope, "getsockname: another scope")
}

/// IP_TRANSPARENT (it needs CAP_NET_ADMIN) reaches the kernel.
fn setsockopt_ip_transparent(c: &mut Ctx) -> Outcome {
    if !capable(CAP_NET_ADMIN).at("capget")? {
        return Err(Why::Skip("IP_TRANSPARENT needs CAP_NET_ADMIN: run as root"));
    }
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    option_reaches_the_kernel(&fd, IPPROTO_IP as u32, IP_TRANSPARENT, 1)
}

/// IP_BIND_ADDRESS_NO_PORT (4.2+) reaches the kernel.
fn setsockopt_ip_bind_address_no_port(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Stream)?;
    option_reaches_the_kernel(&fd, IPPROTO_IP as u32, IP_BIND_ADDRESS_NO_PORT, 1)
}

/// SO_BINDTOIFINDEX (5.0+) reaches the kernel: binding to lo's index.
fn setsockopt_so_bindtoifindex(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    let lo = lo_index()? as i32;
    option_reaches_the_kernel(&fd, SOL_SOCKET, SO_BINDTOIFINDEX, lo)
}

/// getsockopt(SO_BINDTODEVICE) gives back the name the socket is bound to
/// (Linux 3.8), with its NUL. QEMU 10 treats it as an int option: EINVAL
/// where the target's number is the host's, SO_LINGER's value on sparc64.
fn getsockopt_so_bindtodevice(c: &mut Ctx) -> Outcome {
    let fd = c.socket(Family::Inet, SockType::Dgram)?;
    let name = b"lo";
    let level = SOL_SOCKET as usize;
    let args = [
        fd.as_raw_fd() as usize,
        level,
        SO_BINDTODEVICE as usize,
        name.as_ptr() as usize,
        name.len(),
    ];
    // SAFETY: the kernel reads `name.len()` bytes at `name`, a literal.
    check(unsafe { raw::socket_call(__NR_setsockopt, SYS_SETSOCKOPT, args) }).at("setsockopt")?;
    let mut buf = [0u8; 16];
    let mut len = buf.len() as u32;
    let args = [
        fd.as_raw_fd() as usize,
        level,
        SO_BINDTODEVICE as usize,
        buf.as_mut_ptr() as usize,
        &mut len as *mut u32 as usize,
    ];
    // SAFETY: the kernel writes at most `len` (16) bytes at `buf` and the
    // length at `len`, both of which outlive the call.
    let r = check(unsafe { raw::socket_call(__NR_getsockopt, SYS_GETSOCKOPT, args) });
    if r == Err(Errno::EINVAL) {
        emulator_fault(DEVICE_EINVAL)?;
    }
    r.at("getsockopt")?;
    if len == 4 {
        emulator_fault(DEVICE_AS_ANOTHER_OPTION)?;
    }
    ensure(
        buf.get(..len as usize) == Some(b"lo\0"),
        "not lo and its NUL",
    )
}

/// sendto(2) on a descriptor that is not open is EBADF, whatever its
/// buffer: the kernel looks the descriptor up first. QEMU checks the
/// buffer first, and answers a null one with EFAULT.
fn sendto_ebadf_checks_the_descriptor_first(_: &mut Ctx) -> Outcome {
    // SAFETY: fd -1 is never open; the kernel reads nothing (no buffer, no
    // address).
    let r = check(unsafe { syscall6(__NR_sendto as usize, -1i32 as usize, 0, 0, 0, 0, 0) });
    if r == Err(Errno::EFAULT) {
        emulator_fault("emulator fault: QEMU user mode checks sendto's buffer before the kernel checks the descriptor: EFAULT, not EBADF")?;
    }
    expect("sendto(-1, NULL, 0, ...)", r, Errno::EBADF)
}

// ---- Checks of what the others made ----

/// Every socket the checks made has FD_CLOEXEC.
fn cloexec(c: &mut Ctx) -> Outcome {
    ensure(c.sockets > 0, "no socket made")?;
    ensure(c.inheritable.is_none(), "a socket lacks FD_CLOEXEC")
}

/// Every socket the checks made has the SO_TYPE of the type asked for.
fn so_type(c: &mut Ctx) -> Outcome {
    ensure(c.sockets > 0, "no socket made")?;
    match c.mistyped {
        None => Ok(()),
        Some(what) => ensure(false, what),
    }
}

/// Every file and directory the checks made is gone, and the working
/// directory is back.
fn temp_files_removed(_: &mut Ctx) -> Outcome {
    ensure(
        LEFTOVERS.load(Ordering::Relaxed) == 0,
        "a temp dir could not be removed, or the working directory restored",
    )
}

// ---- Names, files and directories ----

/// Bytes of a name or path built at run time, followed by a NUL for the
/// kernel (the buffer's last byte is never written).
#[derive(Clone, Copy)]
struct Name {
    buf: [u8; 300],
    len: usize,
}

impl Name {
    fn of(bytes: &[u8]) -> Name {
        let mut name = Name {
            buf: [0; 300],
            len: 0,
        };
        name.push(bytes);
        name
    }

    /// Appends as much of `bytes` as fits before the final NUL.
    fn push(&mut self, bytes: &[u8]) {
        let room = self.buf.len() - 1;
        for &b in bytes {
            if let Some(slot) = self.buf[..room].get_mut(self.len) {
                *slot = b;
                self.len += 1;
            }
        }
    }

    fn push_decimal(&mut self, n: u32) {
        let mut digits = [0; 10];
        self.push(decimal(n, &mut digits));
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The address of the bytes, NUL-terminated.
    fn c_ptr(&self) -> usize {
        self.buf.as_ptr() as usize
    }
}

/// The number `digits` spell in `radix` (up to the first byte that is not
/// a digit; saturating).
fn parse_number(digits: &[u8], radix: u32) -> u64 {
    let digits = digits.iter().map_while(|&b| char::from(b).to_digit(radix));
    digits.fold(0u64, |n, d| {
        n.saturating_mul(u64::from(radix))
            .saturating_add(u64::from(d))
    })
}

/// Opens `path` with `flags` (and O_CLOEXEC).
fn open(path: &Name, flags: u32) -> Result<OwnedFd, Errno> {
    open_mode(path, flags, 0)
}

/// Opens `path` with `flags` (and O_CLOEXEC), made with `mode` if created.
fn open_mode(path: &Name, flags: u32, mode: u32) -> Result<OwnedFd, Errno> {
    // SAFETY: the kernel reads the NUL-terminated path at `path`, which
    // outlives the call, and keeps no reference.
    let n = check(unsafe {
        syscall4(
            __NR_openat as usize,
            AT_FDCWD as usize,
            path.c_ptr(),
            (flags | O_CLOEXEC) as usize,
            mode as usize,
        )
    })?;
    // SAFETY: openat just returned `n`, a new descriptor nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(n as i32) })
}

/// Makes directory `path` with `mode`.
fn mkdir(path: &Name, mode: u32) -> Result<(), Errno> {
    // SAFETY: the kernel reads the NUL-terminated path at `path` during the call.
    let r = unsafe {
        syscall3(
            __NR_mkdirat as usize,
            AT_FDCWD as usize,
            path.c_ptr(),
            mode as usize,
        )
    };
    check(r).map(drop)
}

/// Removes `path`: a directory (empty) with `AT_REMOVEDIR` in `flags`.
fn unlink(path: &Name, flags: u32) -> Result<(), Errno> {
    // SAFETY: the kernel reads the NUL-terminated path at `path` during the call.
    let r = unsafe {
        syscall3(
            __NR_unlinkat as usize,
            AT_FDCWD as usize,
            path.c_ptr(),
            flags as usize,
        )
    };
    check(r).map(drop)
}

/// statx(2) of `path` relative to `dir`, with `flags`.
fn stat_at(dir: i32, path: &Name, flags: u32) -> Result<statx, Errno> {
    let mut st = MaybeUninit::<statx>::zeroed();
    // SAFETY: the kernel reads the NUL-terminated path at `path` and writes
    // at most one `statx` at `st`, both of which outlive the call.
    check(unsafe {
        syscall5(
            __NR_statx as usize,
            dir as usize,
            path.c_ptr(),
            flags as usize,
            STATX_BASIC_STATS as usize,
            st.as_mut_ptr() as usize,
        )
    })?;
    // SAFETY: `statx` is integers only: all zeroes, or what the kernel
    // wrote, is a valid value.
    Ok(unsafe { st.assume_init() })
}

/// statx(2) of `path`, a last symlink not followed.
fn stat(path: &Name) -> Result<statx, Errno> {
    stat_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW)
}

/// statx(2) of the file `fd` is open on.
fn fstat(fd: impl AsFd) -> Result<statx, Errno> {
    stat_at(fd.as_fd().as_raw_fd(), &Name::of(b""), AT_EMPTY_PATH)
}

/// Whether anything, of any type, is at `path` (a last symlink not followed).
fn exists(path: &Name) -> Result<bool, Errno> {
    match stat(path) {
        Ok(_) => Ok(true),
        Err(Errno::ENOENT) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Reads from `fd` into `buf`: how many bytes.
fn read(fd: impl AsFd, buf: &mut [u8]) -> Result<usize, Errno> {
    let fd = fd.as_fd().as_raw_fd() as usize;
    // SAFETY: the kernel writes at most `buf.len()` bytes at `buf`, which is
    // that long, during the call.
    check(unsafe { syscall3(__NR_read as usize, fd, buf.as_mut_ptr() as usize, buf.len()) })
}

/// Writes `bytes` to `fd`: how many were written.
fn write(fd: impl AsFd, bytes: &[u8]) -> Result<usize, Errno> {
    let fd = fd.as_fd().as_raw_fd() as usize;
    // SAFETY: the kernel reads at most `bytes.len()` bytes at `bytes`, which
    // is that long, during the call.
    check(unsafe {
        syscall3(
            __NR_write as usize,
            fd,
            bytes.as_ptr() as usize,
            bytes.len(),
        )
    })
}

/// Creates file `path`, which must not exist, holding `bytes`.
fn write_file(path: &Name, bytes: &[u8]) -> Result<(), Errno> {
    let fd = open_mode(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)?;
    match write(&fd, bytes)? == bytes.len() {
        true => Ok(()),
        false => Err(Errno::EIO),
    }
}

/// The first `N` bytes (at most) of file `path`, and how many there are.
fn read_file<const N: usize>(path: &Name) -> Result<([u8; N], usize), Errno> {
    let fd = open(path, O_RDONLY)?;
    let mut buf = [0u8; N];
    let mut len = 0;
    while let Some(rest) = buf.get_mut(len..).filter(|r| !r.is_empty()) {
        match read(&fd, rest)? {
            0 => break,
            n => len += n,
        }
    }
    Ok((buf, len))
}

/// The number a file of /proc starts with.
fn read_number(path: &[u8]) -> Result<u64, Errno> {
    let (buf, len) = read_file::<64>(&Name::of(path))?;
    match buf.get(..len).unwrap_or_default() {
        text @ [b'0'..=b'9', ..] => Ok(parse_number(text, 10)),
        _ => Err(Errno::EINVAL),
    }
}

/// Makes symlink `path` to `target`.
fn symlink(target: &Name, path: &Name) -> Result<(), Errno> {
    // SAFETY: the kernel reads the two NUL-terminated paths during the call.
    let r = unsafe {
        syscall3(
            __NR_symlinkat as usize,
            target.c_ptr(),
            AT_FDCWD as usize,
            path.c_ptr(),
        )
    };
    check(r).map(drop)
}

/// Where symlink `path` points.
fn readlink(path: &Name) -> Result<Name, Errno> {
    let mut buf = [0u8; 256];
    // SAFETY: the kernel reads the NUL-terminated path and writes at most
    // `buf.len()` bytes at `buf`, both of which outlive the call.
    let n = check(unsafe {
        syscall4(
            __NR_readlinkat as usize,
            AT_FDCWD as usize,
            path.c_ptr(),
            buf.as_mut_ptr() as usize,
            buf.len(),
        )
    })?;
    Ok(Name::of(buf.get(..n).unwrap_or_default()))
}

/// Sets the mode of `path`.
fn chmod(path: &Name, mode: u32) -> Result<(), Errno> {
    // SAFETY: the kernel reads the NUL-terminated path at `path` during the call.
    let r = unsafe {
        syscall3(
            __NR_fchmodat as usize,
            AT_FDCWD as usize,
            path.c_ptr(),
            mode as usize,
        )
    };
    check(r).map(drop)
}

/// Closes descriptor `fd`, which the caller owns and gives up.
fn close(fd: i32) -> Result<(), Errno> {
    // SAFETY: close(2) takes an integer; the caller owns `fd`.
    check(unsafe { syscall1(__NR_close as usize, fd as usize) }).map(drop)
}

/// Calls `f` with the name of each entry of directory `path`, but `.` and
/// `..`, until it returns `false`.
fn each_entry(path: &Name, mut f: impl FnMut(&[u8]) -> bool) -> Result<(), Errno> {
    let dir = open(path, O_RDONLY | O_DIRECTORY)?;
    let mut buf = [0u8; 2048];
    loop {
        // SAFETY: the kernel writes at most `buf.len()` bytes of
        // `linux_dirent64` records at `buf` during the call.
        let n = check(unsafe {
            syscall3(
                __NR_getdents64 as usize,
                dir.as_raw_fd() as usize,
                buf.as_mut_ptr() as usize,
                buf.len(),
            )
        })?;
        if n == 0 {
            return Ok(());
        }
        // Each record: d_ino (8), d_off (8), d_reclen (2), d_type (1), then
        // the NUL-terminated name, padded to d_reclen.
        let mut at = 0;
        while let Some(record) = buf.get(at..n).filter(|r| !r.is_empty()) {
            let Some(&[lo, hi]) = record.get(16..18) else {
                break;
            };
            let reclen = usize::from(u16::from_ne_bytes([lo, hi]));
            let raw_name = record.get(19..reclen).unwrap_or_default();
            let end = raw_name.iter().position(|&b| b == 0);
            let name = raw_name.get(..end.unwrap_or(raw_name.len()));
            let name = name.unwrap_or_default();
            if name != b"." && name != b".." && !f(name) {
                return Ok(());
            }
            if reclen == 0 {
                break;
            }
            at += reclen;
        }
    }
}

/// Removes directory `path` and everything in it, `depth` levels down.
fn remove_tree(path: &Name, depth: u32) -> Result<(), Errno> {
    loop {
        let mut first = None;
        each_entry(path, |name| {
            let mut full = *path;
            full.push(b"/");
            full.push(name);
            first = Some(full);
            false
        })?;
        let Some(entry) = first else { break };
        match unlink(&entry, 0) {
            Err(Errno::EISDIR) if depth > 0 => {
                chmod(&entry, 0o700)?;
                remove_tree(&entry, depth - 1)?;
            }
            other => other?,
        }
    }
    unlink(path, AT_REMOVEDIR)
}

/// A new, empty directory under /tmp with a unique name, removed with what
/// is in it on drop (a failure counts in `LEFTOVERS`).
struct TempDir {
    path: Name,
}

impl TempDir {
    fn new(c: &mut Ctx) -> Result<TempDir, Why> {
        let mut path = Name::of(b"/tmp/");
        path.push(c.unique(b"dir").bytes());
        mkdir(&path, 0o700).at("mkdir a temp dir")?;
        Ok(TempDir { path })
    }

    /// `name` inside the directory.
    fn join(&self, name: &[u8]) -> Name {
        let mut path = self.path;
        path.push(b"/");
        path.push(name);
        path
    }

    /// Whether the directory holds exactly the entries `names`.
    fn holds(&self, names: &[&[u8]]) -> Result<bool, Why> {
        let (mut count, mut known) = (0, true);
        each_entry(&self.path, |name| {
            count += 1;
            known &= names.contains(&name);
            true
        })
        .at("list the temp dir")?;
        Ok(known && count == names.len())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if remove_tree(&self.path, 2).is_err() {
            LEFTOVERS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The working directory moved to another until dropped, for relative
/// paths (the program is single-threaded: nothing else sees it move).
struct InDir {
    back: OwnedFd,
}

impl InDir {
    fn enter(path: &Name) -> Result<InDir, Errno> {
        let back = open(&Name::of(b"."), O_PATH | O_DIRECTORY)?;
        // SAFETY: the kernel reads the NUL-terminated path during the call.
        check(unsafe { syscall1(__NR_chdir as usize, path.c_ptr()) })?;
        Ok(InDir { back })
    }
}

impl Drop for InDir {
    fn drop(&mut self) {
        // SAFETY: fchdir takes a descriptor, open until `self` is gone.
        let r = unsafe { syscall1(__NR_fchdir as usize, self.back.as_raw_fd() as usize) };
        if check(r).is_err() {
            LEFTOVERS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// A multiple of every page size (4 to 64 KiB): lengths and file offsets
/// in these units are page-aligned on every target.
const PAGES: usize = 64 * 1024;

/// mmap(2) of `len` new bytes at an address the kernel picks: the address.
fn mmap(len: usize, prot: u32, flags: u32) -> Result<usize, Errno> {
    let args = [0, len, prot as usize, flags as usize, usize::MAX, 0];
    #[cfg(target_pointer_width = "32")]
    let nr = __NR_mmap2;
    #[cfg(target_pointer_width = "64")]
    let nr = __NR_mmap;
    // s390x's mmap is the old form: it takes the address of its six words.
    // SAFETY: the kernel reads the six words at `args`, which outlive the
    // call, and maps new memory at an address it picks: none of ours moves.
    #[cfg(target_arch = "s390x")]
    let r = unsafe { syscall1(nr as usize, args.as_ptr() as usize) };
    #[cfg(not(target_arch = "s390x"))]
    let [a0, a1, a2, a3, a4, a5] = args;
    // SAFETY: the kernel maps new memory at an address it picks: none of
    // ours moves.
    #[cfg(not(target_arch = "s390x"))]
    let r = unsafe { syscall6(nr as usize, a0, a1, a2, a3, a4, a5) };
    check(r)
}

/// munmap(2) of a mapping the caller owns, which nothing refers to.
fn munmap(addr: usize, len: usize) -> Result<(), Errno> {
    // SAFETY: the caller's mapping, which nothing refers to, goes away.
    check(unsafe { syscall2(__NR_munmap as usize, addr, len) }).map(drop)
}

/// Whether this process has capability `cap` in its effective set.
fn capable(cap: u32) -> Result<bool, Errno> {
    let mut header = __user_cap_header_struct {
        version: _LINUX_CAPABILITY_VERSION_3,
        pid: 0,
    };
    let empty = __user_cap_data_struct {
        effective: 0,
        permitted: 0,
        inheritable: 0,
    };
    let mut data = [empty; 2];
    // SAFETY: the kernel reads the header and writes the two data words of
    // version 3, all of which outlive the call.
    check(unsafe {
        syscall2(
            __NR_capget as usize,
            &mut header as *mut __user_cap_header_struct as usize,
            data.as_mut_ptr() as usize,
        )
    })?;
    let word = data.get((cap / 32) as usize).map_or(0, |d| d.effective);
    Ok(word & (1 << (cap % 32)) != 0)
}

// ---- Socket calls rawbind does not wrap ----

/// An `int` socket option, read with getsockopt(2).
fn getsockopt_int(fd: impl AsFd, level: u32, name: u32) -> Result<i32, Errno> {
    let mut value: i32 = -1;
    let mut len = size_of::<i32>() as u32;
    let args = [
        fd.as_fd().as_raw_fd() as usize,
        level as usize,
        name as usize,
        &mut value as *mut i32 as usize,
        &mut len as *mut u32 as usize,
    ];
    // SAFETY: the kernel writes at most `len` (4) bytes at `value` and the
    // length at `len`, both of which outlive the call.
    check(unsafe { raw::socket_call(__NR_getsockopt, SYS_GETSOCKOPT, args) })?;
    match len as usize == size_of::<i32>() {
        true => Ok(value),
        false => Err(Errno::EINVAL),
    }
}

/// getsockname(2) or getpeername(2).
#[derive(Clone, Copy)]
enum NameCall {
    Sock,
    Peer,
}

/// The bytes getsockname(2) or getpeername(2) writes for `fd`, as many as
/// it reports: the kernel's own view, beside rawbind's decoding of it.
fn kernel_name(fd: impl AsFd, call: NameCall) -> Result<([u8; 128], usize), Errno> {
    let mut buf = [0u8; 128];
    let mut len = buf.len() as u32;
    let args = [
        fd.as_fd().as_raw_fd() as usize,
        buf.as_mut_ptr() as usize,
        &mut len as *mut u32 as usize,
    ];
    let (nr, sub_call) = match call {
        NameCall::Sock => (__NR_getsockname, SYS_GETSOCKNAME),
        NameCall::Peer => (__NR_getpeername, SYS_GETPEERNAME),
    };
    // SAFETY: the kernel writes at most `len` bytes at `buf`, which is that
    // long, and the length at `len`; both outlive the call.
    check(unsafe { raw::socket_call(nr, sub_call, args) })?;
    Ok((buf, (len as usize).min(buf.len())))
}

// ---- Output ----

/// Appends `bytes` as a JSON string.
fn push_json_str<const N: usize>(line: &mut Line<N>, bytes: &[u8]) {
    line.push(b"\"");
    push_json_text(line, bytes);
    line.push(b"\"");
}

/// Appends `bytes` inside a JSON string: a byte JSON would escape, or one
/// outside ASCII, becomes `?` (the checks' own strings have none).
fn push_json_text<const N: usize>(line: &mut Line<N>, bytes: &[u8]) {
    for &b in bytes {
        match b {
            b'"' | b'\\' | ..=0x1f | 0x7f.. => line.push(b"?"),
            _ => line.push(&[b]),
        }
    }
}

/// Appends `NAME (number)`.
fn push_errno<const N: usize>(line: &mut Line<N>, errno: Errno) {
    line.push(errno.name().as_bytes());
    line.push(b" (");
    let n = errno.raw();
    if n < 0 {
        line.push(b"-");
    }
    let mut digits = [0; 10];
    line.push(decimal(n.unsigned_abs(), &mut digits));
    line.push(b")");
}

/// `n` in decimal, written into `digits`.
fn decimal(mut n: u32, digits: &mut [u8; 10]) -> &[u8] {
    let mut at = digits.len();
    while let Some(d) = at.checked_sub(1).and_then(|i| digits.get_mut(i)) {
        *d = b'0' + (n % 10) as u8;
        at -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.get(at..).unwrap_or_default()
}

/// Writes `line` to stdout; a failure is a panic, since nothing else could
/// say so.
fn print(line: &[u8]) {
    if write_all(1, line).is_err() {
        panic!("stdout failed");
    }
}

/// A panic is a broken invariant: exit 101, as a Rust program's panic does.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(101)
}

/// With `--features seccomp` (how `cargo xtask selfcheck` builds it): the
/// whole selfcheck runs under a seccomp allowlist of `raw::SYSCALLS` and the
/// calls this program makes itself, which kills the process on any other
/// call. The allowlist is printed first, a line a row, then whether the
/// kernel took it:
///
/// ```text
/// {"allow":"bind","nr":361,"sub_call":null,"by":"rawbind"}
/// {"seccomp":"installed"}
/// {"seccomp":"refused","why":"EINVAL (22)"}
/// ```
///
/// Under QEMU user mode the filter is refused, and the harness checks the
/// same list against what `qemu-<arch> -strace` shows the program call.
#[cfg(feature = "seccomp")]
mod sandbox {
    #[cfg(not(target_arch = "riscv32"))]
    use linux_raw_sys::general::__NR_ftruncate;
    use linux_raw_sys::general::{
        __NR_accept4, __NR_capget, __NR_chdir, __NR_close, __NR_dup, __NR_exit_group, __NR_fchdir,
        __NR_fchmod, __NR_fchmodat, __NR_getdents64, __NR_getpeername, __NR_getpid,
        __NR_getsockname, __NR_getsockopt, __NR_linkat, __NR_mkdirat, __NR_munmap, __NR_openat,
        __NR_read, __NR_readlinkat, __NR_recvfrom, __NR_sched_yield, __NR_sendto, __NR_setsockopt,
        __NR_statx, __NR_symlinkat, __NR_umask, __NR_unlinkat, __NR_write,
    };
    #[cfg(target_arch = "s390x")]
    use linux_raw_sys::general::{__NR_copy_file_range, __NR_lseek};
    #[cfg(target_pointer_width = "64")]
    use linux_raw_sys::general::{__NR_fcntl, __NR_mmap};
    #[cfg(target_pointer_width = "32")]
    use linux_raw_sys::general::{__NR_fcntl64, __NR_mmap2};
    use linux_raw_sys::net::{
        SYS_ACCEPT4, SYS_GETPEERNAME, SYS_GETSOCKNAME, SYS_GETSOCKOPT, SYS_RECVFROM, SYS_SENDTO,
        SYS_SETSOCKOPT,
    };
    use rawbind::raw::{Syscall, SOCKET_CALL_ENTRIES, SYSCALLS};

    use super::seccomp::Allowlist;
    use super::{decimal, print, push_errno, Line};

    /// The calls this program makes by their own numbers, beside rawbind's:
    /// its output and exit, the setup and inspection of its checks.
    const OWN: &[Syscall] = &[
        Syscall::own("write", __NR_write),
        Syscall::own("exit_group", __NR_exit_group),
        Syscall::own("getpid", __NR_getpid),
        Syscall::own("capget", __NR_capget),
        Syscall::own("sched_yield", __NR_sched_yield),
        Syscall::own("umask", __NR_umask),
        Syscall::own("chdir", __NR_chdir),
        Syscall::own("fchdir", __NR_fchdir),
        Syscall::own("openat", __NR_openat),
        Syscall::own("read", __NR_read),
        Syscall::own("close", __NR_close),
        Syscall::own("dup", __NR_dup),
        #[cfg(target_arch = "s390x")]
        Syscall::own("lseek", __NR_lseek),
        #[cfg(not(target_arch = "riscv32"))]
        Syscall::own("ftruncate", __NR_ftruncate),
        #[cfg(target_arch = "s390x")]
        Syscall::own("copy_file_range", __NR_copy_file_range),
        Syscall::own("getdents64", __NR_getdents64),
        Syscall::own("statx", __NR_statx),
        Syscall::own("mkdirat", __NR_mkdirat),
        Syscall::own("unlinkat", __NR_unlinkat),
        Syscall::own("linkat", __NR_linkat),
        Syscall::own("symlinkat", __NR_symlinkat),
        Syscall::own("readlinkat", __NR_readlinkat),
        Syscall::own("fchmod", __NR_fchmod),
        Syscall::own("fchmodat", __NR_fchmodat),
        #[cfg(target_pointer_width = "64")]
        Syscall::own("fcntl", __NR_fcntl),
        #[cfg(target_pointer_width = "32")]
        Syscall::own("fcntl64", __NR_fcntl64),
        #[cfg(target_pointer_width = "64")]
        Syscall::own("mmap", __NR_mmap),
        #[cfg(target_pointer_width = "32")]
        Syscall::own("mmap2", __NR_mmap2),
        Syscall::own("munmap", __NR_munmap),
        // sendto_ebadf_checks_the_descriptor_first makes it by its own
        // number in every entry mode.
        Syscall::own("sendto", __NR_sendto),
    ];

    /// The socket calls this program makes itself through
    /// `raw::socket_call`: each has a row per entry the build takes.
    const OWN_SOCKET_CALLS: [(&str, u32, u32); 7] = [
        ("sendto", __NR_sendto, SYS_SENDTO),
        ("recvfrom", __NR_recvfrom, SYS_RECVFROM),
        ("accept4", __NR_accept4, SYS_ACCEPT4),
        ("getsockname", __NR_getsockname, SYS_GETSOCKNAME),
        ("getpeername", __NR_getpeername, SYS_GETPEERNAME),
        ("setsockopt", __NR_setsockopt, SYS_SETSOCKOPT),
        ("getsockopt", __NR_getsockopt, SYS_GETSOCKOPT),
    ];

    /// Prints the allowlist, builds and installs it. A filter the kernel
    /// refuses is reported and the checks run without it; one too long to
    /// build is a bug here, and panics.
    pub(super) fn enter() {
        let own_socket_calls = OWN_SOCKET_CALLS.map(|(name, nr, sub_call)| {
            let mut rows = [None; 2];
            for (row, &entry) in rows.iter_mut().zip(SOCKET_CALL_ENTRIES) {
                *row = Some(Syscall::socket_call(name, nr, sub_call, entry));
            }
            rows
        });
        let own = OWN
            .iter()
            .chain(own_socket_calls.iter().flatten().flatten());
        for row in SYSCALLS {
            print_row(row, b"rawbind");
        }
        for row in own.clone() {
            print_row(row, b"selfcheck");
        }
        let Ok(list) = Allowlist::new(SYSCALLS.iter().chain(own)) else {
            panic!("the allowlist does not fit");
        };
        let mut line = Line::new();
        match list.install() {
            Ok(()) => line.push(b"{\"seccomp\":\"installed\"}"),
            Err(errno) => {
                line.push(b"{\"seccomp\":\"refused\",\"why\":\"");
                push_errno(&mut line, errno);
                line.push(b"\"}");
            }
        }
        print(line.finish());
    }

    /// `{"allow":NAME,"nr":N,"sub_call":S|null,"by":BY}`.
    fn print_row(row: &Syscall, by: &[u8]) {
        let mut digits = [0; 10];
        let mut line: Line<96> = Line::empty();
        line.push(b"{\"allow\":\"");
        line.push(row.name.as_bytes());
        line.push(b"\",\"nr\":");
        line.push(decimal(row.nr, &mut digits));
        line.push(b",\"sub_call\":");
        match row.sub_call {
            Some(sub) => line.push(decimal(sub, &mut digits)),
            None => line.push(b"null"),
        }
        line.push(b",\"by\":\"");
        line.push(by);
        line.push(b"\"}");
        print(line.finish());
    }
}
