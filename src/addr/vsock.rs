//! `VsockAddr`: `sockaddr_vm`, the address of an AF_VSOCK socket, and its
//! text form.
//!
//! The field offsets are linux-raw-sys's. Its size is not: linux-raw-sys
//! 0.12.1 sizes `svm_zero` by a `struct sockaddr` as large as
//! `__kernel_sockaddr_storage`, which makes its `sockaddr_vm` 128 bytes, but
//! the uapi header sizes it by the C library's 16-byte `struct sockaddr`,
//! `__SOCK_SIZE__`, and the kernel reads and returns 16 (`svm_zero` is 3).

use core::fmt;
use core::mem::{offset_of, size_of};
use core::str::FromStr;

use linux_raw_sys::net::{__SOCK_SIZE__, AF_VSOCK};
use linux_raw_sys::vm_sockets::{
    sockaddr_vm, VMADDR_CID_ANY, VMADDR_CID_HOST, VMADDR_CID_HYPERVISOR, VMADDR_CID_LOCAL,
    VMADDR_FLAG_TO_HOST, VMADDR_PORT_ANY,
};
use static_assertions::{const_assert, const_assert_eq};

use super::{digits, field, put, wire_start, AddrError};

pub(super) const VM_RESERVED1: usize = offset_of!(sockaddr_vm, svm_reserved1);
pub(super) const VM_PORT: usize = offset_of!(sockaddr_vm, svm_port);
pub(super) const VM_CID: usize = offset_of!(sockaddr_vm, svm_cid);
pub(super) const VM_FLAGS: usize = offset_of!(sockaddr_vm, svm_flags);
pub(super) const VM_ZERO: usize = offset_of!(sockaddr_vm, svm_zero);
/// `sizeof(struct sockaddr_vm)` as the kernel has it: `sizeof(struct sockaddr)`.
pub(super) const VM_LEN: usize = __SOCK_SIZE__ as usize;
const_assert_eq!(VM_RESERVED1, 2);
const_assert_eq!(VM_PORT, 4);
const_assert_eq!(VM_CID, 8);
const_assert_eq!(VM_FLAGS, 12);
const_assert_eq!(VM_ZERO, 13);
const_assert_eq!(VM_LEN, 16);
// svm_zero is what is left of the 16 bytes: 3 of them.
const_assert_eq!(VM_LEN - VM_ZERO, 3);
const_assert!(size_of::<sockaddr_vm>() >= VM_LEN);
// The flags fit svm_flags.
const_assert_eq!(VMADDR_FLAG_TO_HOST as u8 as u32, VMADDR_FLAG_TO_HOST);

/// A VM socket address, `struct sockaddr_vm` (see `vsock(7)`): a context id
/// (the machine), a port, and `svm_flags`.
///
/// `flags` is here, beside the `cid` and `port` of the C struct's man page,
/// because the kernel returns it: since Linux 5.11 an accepted or connected
/// socket's peer can carry [`FLAG_TO_HOST`](VsockAddr::FLAG_TO_HOST), and an
/// address without it would lose that. [`new`](VsockAddr::new) leaves it 0.
///
/// Its text form is systemd's, `vsock:CID:PORT` in decimal, with
/// `:flags=0x…` after it when `flags` is not 0; [`FromStr`] reads it back.
///
/// ```
/// use rawbind::{bind, getsockname, socket, Family, SockAddr, SockType, VsockAddr};
/// let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
/// assert_eq!(any.to_string(), "vsock:4294967295:4294967295");
/// assert_eq!(SockAddr::Vsock(any).encode().len(), 16);
/// // Where the machine has AF_VSOCK and a transport, the kernel picks a port.
/// if let Ok(fd) = socket(Family::Vsock, SockType::Stream, 0) {
///     if bind(&fd, &any).is_ok() {
///         let SockAddr::Vsock(bound) = getsockname(&fd)? else { unreachable!() };
///         assert_ne!(bound.port, VsockAddr::PORT_ANY);
///     }
/// }
/// # Ok::<(), rawbind::Errno>(())
/// ```
///
/// [`SockAddr::decode`](crate::SockAddr::decode) makes one only of 16
/// bytes with `svm_reserved1` and `svm_zero` zero, the form of every
/// address the kernel makes; other AF_VSOCK bytes stay
/// [`SockAddr::Other`](crate::SockAddr::Other), byte for byte, since this
/// type has no place for them (getpeername hands back a peer's address as
/// `connect` was given it, reserved bytes and all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VsockAddr {
    /// `svm_cid`: the context id, such as [`CID_ANY`](VsockAddr::CID_ANY)
    /// to bind, or [`CID_HOST`](VsockAddr::CID_HOST).
    pub cid: u32,
    /// `svm_port`: the port; [`PORT_ANY`](VsockAddr::PORT_ANY) in bind asks
    /// the kernel to pick one.
    pub port: u32,
    /// `svm_flags`: [`FLAG_TO_HOST`](VsockAddr::FLAG_TO_HOST) or 0.
    pub flags: u8,
}

impl VsockAddr {
    /// `VMADDR_CID_ANY`: bind to any context id.
    pub const CID_ANY: u32 = VMADDR_CID_ANY as u32;
    /// `VMADDR_CID_HYPERVISOR`: the hypervisor.
    pub const CID_HYPERVISOR: u32 = VMADDR_CID_HYPERVISOR;
    /// `VMADDR_CID_LOCAL`: this machine, over the loopback transport.
    pub const CID_LOCAL: u32 = VMADDR_CID_LOCAL;
    /// `VMADDR_CID_HOST`: the host, seen from a guest.
    pub const CID_HOST: u32 = VMADDR_CID_HOST;
    /// `VMADDR_PORT_ANY`: in bind, a port the kernel picks.
    pub const PORT_ANY: u32 = VMADDR_PORT_ANY as u32;
    /// `VMADDR_FLAG_TO_HOST` (Linux 5.11): send to the host, whatever the cid.
    pub const FLAG_TO_HOST: u8 = VMADDR_FLAG_TO_HOST as u8;

    /// An address of context id `cid` and port `port`, `flags` 0.
    ///
    /// ```
    /// use rawbind::{SockAddr, VsockAddr};
    /// let host = VsockAddr::new(VsockAddr::CID_HOST, 1024);
    /// assert_eq!(host.to_string(), "vsock:2:1024");
    /// assert_eq!(SockAddr::Vsock(host).encode().len(), 16); // sizeof(struct sockaddr_vm)
    /// ```
    pub const fn new(cid: u32, port: u32) -> VsockAddr {
        VsockAddr {
            cid,
            port,
            flags: 0,
        }
    }

    /// The whole 16-byte `sockaddr_vm`, `svm_reserved1` and `svm_zero` zero.
    #[inline]
    pub(crate) fn sockaddr_vm(&self) -> [u8; VM_LEN] {
        let mut b = wire_start(AF_VSOCK);
        put(&mut b, VM_PORT, self.port.to_ne_bytes());
        put(&mut b, VM_CID, self.cid.to_ne_bytes());
        put(&mut b, VM_FLAGS, [self.flags]);
        b
    }

    /// The address in `b` if it is exactly a `sockaddr_vm` with
    /// `svm_reserved1` and `svm_zero` zero: the bytes `sockaddr_vm` gives
    /// back, so nothing is lost.
    // Out of line, as `NetlinkAddr::decode`.
    #[inline(never)]
    pub(crate) fn decode(b: &[u8]) -> Option<VsockAddr> {
        (b.len() == VM_LEN && nonzero_reserved_field(b).is_none()).then(|| VsockAddr::fields(b))
    }

    /// `svm_cid`, `svm_port` and `svm_flags` of the `sockaddr_vm` bytes `b`.
    #[inline]
    pub(super) fn fields(b: &[u8]) -> VsockAddr {
        VsockAddr {
            cid: u32::from_ne_bytes(field(b, VM_CID)),
            port: u32::from_ne_bytes(field(b, VM_PORT)),
            flags: u8::from_ne_bytes(field(b, VM_FLAGS)),
        }
    }
}

/// The first of `svm_reserved1` and `svm_zero` that is not zero in the
/// `sockaddr_vm` bytes `b`, by its name in the kernel's header; `None` when
/// both are zero, as `VsockAddr` needs them.
#[inline]
pub(super) fn nonzero_reserved_field(b: &[u8]) -> Option<&'static str> {
    if u16::from_ne_bytes(field(b, VM_RESERVED1)) != 0 {
        Some("svm_reserved1")
    } else if field::<{ VM_LEN - VM_ZERO }>(b, VM_ZERO) != [0; VM_LEN - VM_ZERO] {
        Some("svm_zero")
    } else {
        None
    }
}

impl fmt::Display for VsockAddr {
    /// `vsock:CID:PORT` in decimal (`vsock:2:1024`), and `:flags=` with the
    /// flags as `{:#x}` when they are not 0 (`vsock:2:1024:flags=0x1`).
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "vsock:{}:{}", self.cid, self.port)?;
        if self.flags != 0 {
            write!(f, ":flags={:#x}", self.flags)?;
        }
        Ok(())
    }
}

impl FromStr for VsockAddr {
    type Err = AddrError;

    /// Reads exactly what [`Display`](fmt::Display) prints, `vsock:` and
    /// all: the cid and port in decimal, then, only for flags that are not 0,
    /// `:flags=` and `0x` and lowercase hex; no sign or leading zeros, so the
    /// text prints back as itself.
    ///
    /// # Errors
    ///
    /// [`AddrError::BadText`] with `kind` `"vsock"` and `why` naming the part
    /// that differs.
    ///
    /// ```
    /// use rawbind::{AddrError, VsockAddr};
    /// assert_eq!("vsock:2:1024".parse(), Ok(VsockAddr::new(2, 1024)));
    /// let to_host = VsockAddr { flags: VsockAddr::FLAG_TO_HOST, ..VsockAddr::new(3, 80) };
    /// assert_eq!("vsock:3:80:flags=0x1".parse(), Ok(to_host));
    /// assert_eq!(
    ///     "vsock:3:80:flags=0x0".parse::<VsockAddr>(),
    ///     Err(AddrError::BadText { kind: "vsock", why: "flags 0 are written by leaving `:flags=` out" })
    /// );
    /// ```
    #[inline]
    fn from_str(s: &str) -> Result<VsockAddr, AddrError> {
        let bad = |why| AddrError::BadText { kind: "vsock", why };
        let rest = s
            .strip_prefix("vsock:")
            .ok_or(bad("it does not start with `vsock:`"))?;
        let mut parts = rest.splitn(3, ':');
        let cid = parts.next().unwrap_or_default();
        let cid =
            digits::decimal(cid).ok_or(bad("CID is not a decimal u32 without leading zeros"))?;
        let port = parts.next().ok_or(bad("no `:` between CID and PORT"))?;
        let port =
            digits::decimal(port).ok_or(bad("PORT is not a decimal u32 without leading zeros"))?;
        let flags = match parts.next() {
            None => 0,
            Some(flags) => {
                let hex = flags
                    .strip_prefix("flags=")
                    .ok_or(bad("what follows PORT is not `:flags=`"))?;
                match digits::hex(hex).map(u8::try_from) {
                    Some(Ok(0)) => return Err(bad("flags 0 are written by leaving `:flags=` out")),
                    Some(Ok(flags)) => flags,
                    _ => {
                        return Err(bad(
                            "FLAGS is not a u8 in `0x` and lowercase hex without leading zeros",
                        ))
                    }
                }
            }
        };
        Ok(VsockAddr { cid, port, flags })
    }
}
