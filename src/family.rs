//! `Family` (the `AF_*` address families) and `SockType` (the `SOCK_*` types).

use core::cmp::Ordering;
use core::fmt;

use linux_raw_sys::net;

macro_rules! family_enum {
    ($( $variant:ident = $name:ident, )*) => {
        /// An address family, the `AF_*` number a socket and its addresses carry.
        ///
        /// Families are ordered by that number, named or not, as the kernel
        /// numbers them on every architecture.
        ///
        /// ```
        /// use rawbind::Family;
        /// assert_eq!(Family::Inet6.name(), Some("AF_INET6"));
        /// assert_eq!(Family::from_raw(Family::Unix.raw()), Family::Unix);
        /// assert_eq!(Family::from_raw(999).raw(), 999);
        /// assert!(Family::Unix < Family::Inet && Family::Inet < Family::Inet6);
        /// assert!(Family::from_raw(27) < Family::Can); // AF_IB: no name here
        /// ```
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Family {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                $variant,
            )*
            /// A number the kernel headers give no name, kept as it came.
            Unknown(UnknownFamily),
        }

        impl Family {
            /// The `Family` for `AF_*` number `n`.
            ///
            /// ```
            /// use rawbind::Family;
            /// assert_eq!(Family::from_raw(2), Family::Inet);
            /// assert_eq!(Family::from_raw(4000).raw(), 4000);
            /// ```
            #[allow(non_upper_case_globals)] // AF_DECnet
            pub const fn from_raw(n: u16) -> Family {
                $( const $name: u16 = net::$name as u16; )*
                match n {
                    $( $name => Family::$variant, )*
                    _ => Family::Unknown(UnknownFamily(n)),
                }
            }

            /// The `AF_*` number, the `sa_family` field of its addresses.
            ///
            /// ```
            /// assert_eq!(rawbind::Family::Inet6.raw(), 10);
            /// ```
            pub const fn raw(self) -> u16 {
                match self {
                    $( Family::$variant => net::$name as u16, )*
                    Family::Unknown(UnknownFamily(n)) => n,
                }
            }

            /// The constant's name, such as `"AF_INET"`; `None` for an unknown number.
            ///
            /// ```
            /// use rawbind::Family;
            /// assert_eq!(Family::Packet.name(), Some("AF_PACKET"));
            /// assert_eq!(Family::from_raw(4000).name(), None);
            /// ```
            pub const fn name(self) -> Option<&'static str> {
                match self {
                    $( Family::$variant => Some(stringify!($name)), )*
                    Family::Unknown(_) => None,
                }
            }
        }
    };
}

family_enum! {
    Unspec = AF_UNSPEC,
    Unix = AF_UNIX,
    Inet = AF_INET,
    Ax25 = AF_AX25,
    Ipx = AF_IPX,
    AppleTalk = AF_APPLETALK,
    NetRom = AF_NETROM,
    Bridge = AF_BRIDGE,
    AtmPvc = AF_ATMPVC,
    X25 = AF_X25,
    Inet6 = AF_INET6,
    Rose = AF_ROSE,
    DecNet = AF_DECnet,
    NetBeui = AF_NETBEUI,
    Security = AF_SECURITY,
    Key = AF_KEY,
    Netlink = AF_NETLINK,
    Packet = AF_PACKET,
    Ash = AF_ASH,
    EcoNet = AF_ECONET,
    AtmSvc = AF_ATMSVC,
    Rds = AF_RDS,
    Sna = AF_SNA,
    Irda = AF_IRDA,
    Pppox = AF_PPPOX,
    Wanpipe = AF_WANPIPE,
    Llc = AF_LLC,
    Can = AF_CAN,
    Tipc = AF_TIPC,
    Bluetooth = AF_BLUETOOTH,
    Iucv = AF_IUCV,
    RxRpc = AF_RXRPC,
    Isdn = AF_ISDN,
    Phonet = AF_PHONET,
    Ieee802154 = AF_IEEE802154,
    Caif = AF_CAIF,
    Alg = AF_ALG,
    Nfc = AF_NFC,
    Vsock = AF_VSOCK,
    Kcm = AF_KCM,
    QipcRtr = AF_QIPCRTR,
    Smc = AF_SMC,
    Xdp = AF_XDP,
    Mctp = AF_MCTP,
}

/// An `AF_*` number with no name in the kernel headers rawbind was built with.
/// Made only by [`Family::from_raw`], so a named family never hides in here.
///
/// ```
/// use rawbind::Family;
/// let Family::Unknown(unknown) = Family::from_raw(4000) else { unreachable!() };
/// assert_eq!(unknown.raw(), 4000);
/// assert_eq!(Family::from_raw(4000).to_string(), "4000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownFamily(u16);

impl UnknownFamily {
    /// The number, as it came.
    ///
    /// ```
    /// let rawbind::Family::Unknown(n) = rawbind::Family::from_raw(999) else { unreachable!() };
    /// assert_eq!(n.raw(), 999);
    /// ```
    pub const fn raw(self) -> u16 {
        self.0
    }
}

/// By the `AF_*` number: [`Family::from_raw`] keeps every named number out
/// of `Unknown`, so two families are equal exactly when their numbers are.
impl Ord for Family {
    #[inline]
    fn cmp(&self, other: &Family) -> Ordering {
        self.raw().cmp(&other.raw())
    }
}

impl PartialOrd for Family {
    #[inline]
    fn partial_cmp(&self, other: &Family) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Family {
    /// The constant's name, or the number when it has none.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.raw()),
        }
    }
}

/// A socket type. The numbers are the architecture's own: MIPS swaps
/// `SOCK_STREAM` and `SOCK_DGRAM`.
///
/// Types are ordered by that number: `Stream` before `Dgram`, but after it
/// on MIPS.
///
/// ```
/// use rawbind::SockType;
/// assert_ne!(SockType::Stream.raw(), SockType::Dgram.raw());
/// assert!(SockType::Dgram < SockType::Raw && SockType::Raw < SockType::SeqPacket);
/// assert!(SockType::SeqPacket < SockType::from_raw(6)); // SOCK_DCCP
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SockType {
    /// `SOCK_STREAM`: a connected byte stream (TCP, stream Unix sockets).
    Stream,
    /// `SOCK_DGRAM`: datagrams (UDP, datagram Unix sockets).
    Dgram,
    /// `SOCK_SEQPACKET`: connected, ordered datagrams.
    SeqPacket,
    /// `SOCK_RAW`: raw network protocol access (and AF_PACKET's link-level frames).
    Raw,
    /// `SOCK_RDM`: reliably delivered messages.
    Rdm,
    /// A type the kernel headers rawbind was built with give no name here
    /// (`SOCK_DCCP`, 6, and the obsolete `SOCK_PACKET`, 10, among them),
    /// kept as it came: what [`socket_type`](crate::socket_type) reads back
    /// from a socket made elsewhere.
    Unknown(UnknownSockType),
}

impl SockType {
    /// The `SOCK_*` number, without flags: the architecture's own, from
    /// linux-raw-sys.
    ///
    /// ```
    /// use rawbind::SockType;
    /// let stream = if cfg!(any(target_arch = "mips", target_arch = "mips64")) { 2 } else { 1 };
    /// assert_eq!(SockType::Stream.raw(), stream);
    /// ```
    pub const fn raw(self) -> u32 {
        match self {
            SockType::Stream => net::SOCK_STREAM,
            SockType::Dgram => net::SOCK_DGRAM,
            SockType::SeqPacket => net::SOCK_SEQPACKET,
            SockType::Raw => net::SOCK_RAW,
            SockType::Rdm => net::SOCK_RDM,
            SockType::Unknown(UnknownSockType(n)) => n,
        }
    }

    /// The `SockType` for `SOCK_*` number `n` (without flags), as this
    /// architecture numbers them.
    ///
    /// ```
    /// use rawbind::SockType;
    /// assert_eq!(SockType::from_raw(SockType::Dgram.raw()), SockType::Dgram);
    /// assert_eq!(SockType::from_raw(6).raw(), 6); // SOCK_DCCP: kept
    /// ```
    pub const fn from_raw(n: u32) -> SockType {
        match n {
            net::SOCK_STREAM => SockType::Stream,
            net::SOCK_DGRAM => SockType::Dgram,
            net::SOCK_SEQPACKET => SockType::SeqPacket,
            net::SOCK_RAW => SockType::Raw,
            net::SOCK_RDM => SockType::Rdm,
            _ => SockType::Unknown(UnknownSockType(n)),
        }
    }
}

/// By the `SOCK_*` number: [`SockType::from_raw`] keeps every named number
/// out of `Unknown`, so two types are equal exactly when their numbers are.
impl Ord for SockType {
    #[inline]
    fn cmp(&self, other: &SockType) -> Ordering {
        self.raw().cmp(&other.raw())
    }
}

impl PartialOrd for SockType {
    #[inline]
    fn partial_cmp(&self, other: &SockType) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A `SOCK_*` number with no name here. Made only by [`SockType::from_raw`],
/// so a named type never hides in here.
///
/// ```
/// use rawbind::SockType;
/// let SockType::Unknown(unknown) = SockType::from_raw(10) else { unreachable!() };
/// assert_eq!(unknown.raw(), 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownSockType(u32);

impl UnknownSockType {
    /// The number, as it came.
    ///
    /// ```
    /// let rawbind::SockType::Unknown(n) = rawbind::SockType::from_raw(6) else { unreachable!() };
    /// assert_eq!(n.raw(), 6);
    /// ```
    pub const fn raw(self) -> u32 {
        self.0
    }
}
