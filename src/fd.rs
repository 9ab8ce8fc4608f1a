//! File descriptors: `OwnedFd`, `BorrowedFd`, `AsFd` and friends.
//!
//! With the `std` feature these are `std::os::fd`'s own types, re-exported, so
//! rawbind's sockets mix freely with std's. Without it, this module defines
//! types with the same names, methods and semantics: an [`OwnedFd`] closes its
//! descriptor when dropped, and `&T` is [`AsFd`] whenever `T` is, so
//! `bind(&owned, …)` reads the same in both builds.
//!
//! With `std`, dropping an [`OwnedFd`] is std's `close`, which calls the C
//! library's; without it, rawbind's own `close(2)`. That is the one place
//! the `std` build reaches libc, and why a libc-free program builds rawbind
//! without `std`.
//!
//! # Safety
//! Without `std`, this module holds the `unsafe` that ownership of a descriptor
//! needs: `from_raw_fd` trusts its caller, and `Drop` closes what it owns.

#[cfg(feature = "std")]
pub use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

#[cfg(not(feature = "std"))]
pub use own::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

#[cfg(not(feature = "std"))]
#[allow(unsafe_code)]
mod own {
    use core::fmt;
    use core::marker::PhantomData;
    use core::mem::ManuallyDrop;

    /// A raw file descriptor number.
    ///
    /// ```
    /// use rawbind::fd::{AsRawFd, RawFd};
    /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
    /// let n: RawFd = fd.as_raw_fd();
    /// assert!(n >= 0);
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    pub type RawFd = i32;

    /// A descriptor this value owns and closes on drop.
    ///
    /// ```
    /// use rawbind::fd::OwnedFd;
    /// use rawbind::{socket, Family, SockType};
    /// let fd: OwnedFd = socket(Family::Unix, SockType::Stream, 0)?;
    /// drop(fd); // closed here
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    #[repr(transparent)]
    pub struct OwnedFd {
        fd: RawFd,
    }

    /// A descriptor borrowed for `'fd`: open for at least that long.
    ///
    /// ```
    /// use rawbind::fd::{AsFd, BorrowedFd};
    /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
    /// let borrowed: BorrowedFd<'_> = fd.as_fd();
    /// assert_eq!(rawbind::getsockname(borrowed)?, rawbind::getsockname(&fd)?);
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    #[derive(Copy, Clone)]
    #[repr(transparent)]
    pub struct BorrowedFd<'fd> {
        fd: RawFd,
        _lifetime: PhantomData<&'fd OwnedFd>,
    }

    /// Borrows a descriptor: what every call here takes, so `&OwnedFd`,
    /// `OwnedFd` and `BorrowedFd` all work.
    ///
    /// ```
    /// use rawbind::fd::AsFd;
    /// fn is_bound(fd: impl AsFd) -> bool {
    ///     !matches!(rawbind::getsockname(fd), Ok(rawbind::SockAddr::Unix(a)) if a == rawbind::UnixAddr::unnamed())
    /// }
    /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
    /// assert!(!is_bound(&fd));
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    pub trait AsFd {
        /// The descriptor, borrowed for as long as `self` is.
        fn as_fd(&self) -> BorrowedFd<'_>;
    }

    /// Reads the number of a descriptor without taking ownership.
    ///
    /// ```
    /// use rawbind::fd::{AsFd, AsRawFd};
    /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
    /// assert_eq!(fd.as_fd().as_raw_fd(), fd.as_raw_fd());
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    pub trait AsRawFd {
        /// The descriptor's number.
        fn as_raw_fd(&self) -> RawFd;
    }

    /// Takes ownership of a descriptor number.
    ///
    /// ```
    /// use rawbind::fd::{FromRawFd, IntoRawFd, OwnedFd};
    /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
    /// let n = fd.into_raw_fd();
    /// // SAFETY: `n` is open, and `into_raw_fd` gave up its only owner.
    /// let fd = unsafe { OwnedFd::from_raw_fd(n) };
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    pub trait FromRawFd {
        /// Wraps `fd`, which will be closed when the result is dropped.
        ///
        /// # Safety
        /// `fd` must be open and owned by nobody else.
        unsafe fn from_raw_fd(fd: RawFd) -> Self;
    }

    /// Gives up ownership of a descriptor, leaving it open.
    ///
    /// ```
    /// use rawbind::fd::{FromRawFd, IntoRawFd, OwnedFd};
    /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
    /// let n = fd.into_raw_fd(); // still open: now this code's to close
    /// // SAFETY: `n` is open and owned by nobody else.
    /// drop(unsafe { OwnedFd::from_raw_fd(n) });
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    pub trait IntoRawFd {
        /// The number, now the caller's to close.
        fn into_raw_fd(self) -> RawFd;
    }

    impl<'fd> BorrowedFd<'fd> {
        /// Borrows `fd` for `'fd`.
        ///
        /// ```
        /// use rawbind::fd::{AsRawFd, BorrowedFd};
        /// # let fd = rawbind::socket(rawbind::Family::Unix, rawbind::SockType::Stream, 0)?;
        /// // SAFETY: `fd` stays open while `borrowed` is used.
        /// let borrowed = unsafe { BorrowedFd::borrow_raw(fd.as_raw_fd()) };
        /// assert_eq!(rawbind::getsockname(borrowed)?, rawbind::getsockname(&fd)?);
        /// # Ok::<(), rawbind::Errno>(())
        /// ```
        ///
        /// # Safety
        /// `fd` must stay open for all of `'fd`; it must not be -1.
        pub const unsafe fn borrow_raw(fd: RawFd) -> BorrowedFd<'fd> {
            BorrowedFd {
                fd,
                _lifetime: PhantomData,
            }
        }
    }

    impl AsFd for OwnedFd {
        fn as_fd(&self) -> BorrowedFd<'_> {
            BorrowedFd {
                fd: self.fd,
                _lifetime: PhantomData,
            }
        }
    }

    impl AsFd for BorrowedFd<'_> {
        fn as_fd(&self) -> BorrowedFd<'_> {
            *self
        }
    }

    impl<T: AsFd + ?Sized> AsFd for &T {
        fn as_fd(&self) -> BorrowedFd<'_> {
            T::as_fd(self)
        }
    }

    impl<T: AsFd + ?Sized> AsFd for &mut T {
        fn as_fd(&self) -> BorrowedFd<'_> {
            T::as_fd(self)
        }
    }

    impl AsRawFd for OwnedFd {
        fn as_raw_fd(&self) -> RawFd {
            self.fd
        }
    }

    impl AsRawFd for BorrowedFd<'_> {
        fn as_raw_fd(&self) -> RawFd {
            self.fd
        }
    }

    impl FromRawFd for OwnedFd {
        unsafe fn from_raw_fd(fd: RawFd) -> OwnedFd {
            OwnedFd { fd }
        }
    }

    impl IntoRawFd for OwnedFd {
        fn into_raw_fd(self) -> RawFd {
            ManuallyDrop::new(self).fd
        }
    }

    impl Drop for OwnedFd {
        fn drop(&mut self) {
            // SAFETY: this value owns `fd` and nothing uses it after drop.
            unsafe { crate::raw::file::close(self.fd) };
        }
    }

    impl fmt::Debug for OwnedFd {
        #[inline]
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("OwnedFd").field("fd", &self.fd).finish()
        }
    }

    impl fmt::Debug for BorrowedFd<'_> {
        #[inline]
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("BorrowedFd").field("fd", &self.fd).finish()
        }
    }
}

#[cfg(all(test, not(feature = "std")))]
#[allow(unsafe_code)]
mod tests {
    extern crate std;

    use super::{AsFd, AsRawFd, FromRawFd, IntoRawFd, OwnedFd};
    use crate::{socket, Family, SockType};

    fn is_open(fd: i32) -> bool {
        // SAFETY: F_GETFD only inspects the descriptor table.
        unsafe { libc::fcntl(fd, libc::F_GETFD) != -1 }
    }

    #[test]
    fn owned_fd_closes_on_drop_and_into_raw_fd_gives_it_up() {
        let fd = socket(Family::Inet, SockType::Stream, 0).unwrap();
        let n = fd.as_raw_fd();
        assert_eq!((&fd).as_fd().as_raw_fd(), n);
        let raw = fd.into_raw_fd();
        assert!(is_open(raw), "into_raw_fd closed the descriptor");
        // SAFETY: `raw` was just released by its owner and is open.
        drop(unsafe { OwnedFd::from_raw_fd(raw) });
        assert!(!is_open(raw), "drop did not close the descriptor");
    }
}
