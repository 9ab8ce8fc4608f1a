//! `raw::syscall0`..`syscall6` carry every argument in the right register, on
//! every architecture: each test makes a real system call of that arity whose
//! effect shows each argument, and reads the effect back.
//!
//! These are the functions with register hazards (i386's esi and ebp), and
//! rawbind's own calls use only three of the seven.

mod common;

use std::ffi::CString;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use linux_raw_sys::general::{
    __NR_dup, __NR_ftruncate, __NR_getpid, __NR_linkat, __NR_openat, __NR_write, O_CLOEXEC,
    O_CREAT, O_EXCL, O_WRONLY,
};
use rawbind::raw::{self, check};
use rawbind::Errno;

fn cstring(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// A directory of the test's own, opened as a descriptor for the `*at` calls.
fn open_dir(dir: &common::TempDir) -> File {
    File::open(&dir.0).unwrap()
}

#[test]
fn syscall0_getpid_is_the_process_id() {
    // SAFETY: getpid takes no arguments.
    let pid = check(unsafe { raw::syscall0(__NR_getpid as usize) }).unwrap();
    assert_eq!(pid as u32, std::process::id());
}

#[test]
fn syscall1_dup_returns_a_new_descriptor_for_the_same_file() {
    let dir = common::temp_dir("raw1");
    let file = File::create(dir.join("f")).unwrap();
    // SAFETY: dup takes a descriptor number and opens a new one, which `new` owns.
    let new = check(unsafe { raw::syscall1(__NR_dup as usize, file.as_raw_fd() as usize) });
    // SAFETY: dup just returned this open descriptor, owned by nothing else.
    let new = File::from(unsafe { OwnedFd::from_raw_fd(new.unwrap() as i32) });
    assert_ne!(new.as_raw_fd(), file.as_raw_fd());
    assert_eq!(
        new.metadata().unwrap().ino(),
        file.metadata().unwrap().ino()
    );
}

#[test]
fn syscall2_ftruncate_sets_the_length_of_the_given_file() {
    let dir = common::temp_dir("raw2");
    let file = File::create(dir.join("f")).unwrap();
    // SAFETY: ftruncate takes a descriptor and a length; no pointers.
    let r = unsafe { raw::syscall2(__NR_ftruncate as usize, file.as_raw_fd() as usize, 12345) };
    assert_eq!(check(r), Ok(0));
    assert_eq!(file.metadata().unwrap().len(), 12345);
}

#[test]
fn syscall3_write_writes_the_given_bytes_to_the_given_file() {
    let dir = common::temp_dir("raw3");
    let file = File::create(dir.join("f")).unwrap();
    let text = b"written through syscall3, not this tail";
    let len = "written through syscall3".len();
    // SAFETY: the kernel reads `len` bytes at `text`, which holds more.
    let r = unsafe {
        raw::syscall3(
            __NR_write as usize,
            file.as_raw_fd() as usize,
            text.as_ptr() as usize,
            len,
        )
    };
    assert_eq!(check(r), Ok(len));
    assert_eq!(std::fs::read(dir.join("f")).unwrap(), &text[..len]);
}

#[test]
fn syscall4_openat_creates_the_named_file_in_the_given_directory_with_the_given_mode() {
    let dir = common::temp_dir("raw4");
    let dirfd = open_dir(&dir);
    let name = cstring("created");
    let flags = (O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC) as usize;
    let openat = || {
        // SAFETY: `name` is a NUL-terminated path the kernel reads during the
        // call; the result, if a descriptor, is owned below.
        check(unsafe {
            raw::syscall4(
                __NR_openat as usize,
                dirfd.as_raw_fd() as usize,
                name.as_ptr() as usize,
                flags,
                0o600,
            )
        })
    };
    let fd = openat().unwrap();
    // SAFETY: openat just returned this open descriptor, owned by nothing else.
    let mut file = File::from(unsafe { OwnedFd::from_raw_fd(fd as i32) });
    let meta = std::fs::metadata(dir.join("created")).unwrap();
    assert_eq!(
        meta.ino(),
        file.metadata().unwrap().ino(),
        "created in the directory given"
    );
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "with the mode given"
    );
    assert!(file.read(&mut [0; 1]).is_err(), "O_WRONLY: not readable");
    assert_eq!(openat(), Err(Errno::EEXIST), "O_CREAT | O_EXCL");
}

#[test]
fn syscall5_linkat_links_the_given_name_to_the_given_new_name() {
    let (a, b) = (common::temp_dir("raw5a"), common::temp_dir("raw5b"));
    File::create(a.join("old")).unwrap();
    std::os::unix::fs::symlink(a.join("old"), a.join("symlink")).unwrap();
    let (dir_a, dir_b) = (open_dir(&a), open_dir(&b));
    let (old, new) = (cstring("symlink"), cstring("new"));
    // SAFETY: both names are NUL-terminated paths the kernel reads during the
    // call; the descriptors are open directories.
    let r = unsafe {
        raw::syscall5(
            __NR_linkat as usize,
            dir_a.as_raw_fd() as usize,
            old.as_ptr() as usize,
            dir_b.as_raw_fd() as usize,
            new.as_ptr() as usize,
            linux_raw_sys::general::AT_SYMLINK_FOLLOW as usize,
        )
    };
    assert_eq!(check(r), Ok(0));
    // AT_SYMLINK_FOLLOW: the new name is a hard link to the file, not to the symlink.
    let linked = std::fs::symlink_metadata(b.join("new")).unwrap();
    assert_eq!(
        linked.ino(),
        std::fs::metadata(a.join("old")).unwrap().ino()
    );
}

/// mmap's sixth argument, the offset: in bytes for `mmap`, in 4096-byte
/// units for i386's `mmap2`.
// 32-bit architectures map with mmap2, whose offset counts 4096-byte units.
#[cfg(target_pointer_width = "32")]
const MMAP: (u32, usize) = (linux_raw_sys::general::__NR_mmap2, 4096);
#[cfg(all(target_pointer_width = "64", not(target_arch = "s390x")))]
const MMAP: (u32, usize) = (linux_raw_sys::general::__NR_mmap, 1);

// s390x's mmap (90) is the old one-argument form, which takes the address of
// its six argument words: see the copy_file_range test below instead.
#[cfg(not(target_arch = "s390x"))]
#[test]
fn syscall6_mmap_maps_the_given_file_range_at_the_given_address() {
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
    let dir = common::temp_dir("raw6");
    let path = dir.join("f");
    let file = File::create(&path).unwrap();
    file.set_len(3 * page as u64).unwrap();
    let file = File::open(&path).unwrap();

    // A place of our own to map over: two inaccessible pages.
    // SAFETY: an anonymous mapping at an address the kernel picks touches no existing memory.
    let spot = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            2 * page,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    assert_ne!(spot, libc::MAP_FAILED);
    let (nr, unit) = MMAP;
    // SAFETY: MAP_FIXED replaces only the first page of `spot`, which this
    // test owns and nothing references.
    let r = unsafe {
        raw::syscall6(
            nr as usize,
            spot as usize,
            page,
            libc::PROT_READ as usize,
            (libc::MAP_SHARED | libc::MAP_FIXED) as usize,
            file.as_raw_fd() as usize,
            2 * page / unit,
        )
    };
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    // SAFETY: `spot` is the two-page mapping made above, used by nothing else.
    unsafe { libc::munmap(spot, 2 * page) };
    assert_eq!(check(r), Ok(spot as usize), "mapped at the address given");

    // "start-end perms offset dev inode path"
    let start = format!("{:x}-", spot as usize);
    let line = maps
        .lines()
        .find(|l| l.starts_with(&start) || l.starts_with(&format!("{:08x}-", spot as usize)))
        .unwrap_or_else(|| panic!("no mapping at {spot:p} in\n{maps}"));
    let fields: Vec<&str> = line.split_whitespace().collect();
    let end = usize::from_str_radix(fields[0].split('-').nth(1).unwrap(), 16).unwrap();
    assert_eq!(end - spot as usize, page, "the length given: {line}");
    assert_eq!(fields[1], "r--s", "PROT_READ and MAP_SHARED: {line}");
    assert_eq!(
        usize::from_str_radix(fields[2], 16).unwrap(),
        2 * page,
        "the offset given: {line}"
    );
    assert_eq!(
        fields[4].parse::<u64>().unwrap(),
        file.metadata().unwrap().ino(),
        "the file given: {line}"
    );
}

#[cfg(target_arch = "s390x")]
#[test]
fn syscall6_copy_file_range_copies_the_given_length_between_the_given_offsets() {
    let dir = common::temp_dir("raw6");
    std::fs::write(dir.join("in"), b"0123456789abcdef").unwrap();
    std::fs::write(dir.join("out"), b"................").unwrap();
    let mut file_in = File::open(dir.join("in")).unwrap();
    let file_out = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("out"))
        .unwrap();
    let (mut off_in, mut off_out) = (3i64, 9i64);
    let mut copy = |flags: usize| {
        // SAFETY: both offsets are `i64`s the kernel reads and updates during
        // the call; the descriptors are open files.
        check(unsafe {
            raw::syscall6(
                linux_raw_sys::general::__NR_copy_file_range as usize,
                file_in.as_raw_fd() as usize,
                &mut off_in as *mut i64 as usize,
                file_out.as_raw_fd() as usize,
                &mut off_out as *mut i64 as usize,
                5,
                flags,
            )
        })
    };
    assert_eq!(copy(0), Ok(5), "the length given");
    assert_eq!(copy(1), Err(Errno::EINVAL), "the flags given");
    assert_eq!(
        std::fs::read(dir.join("out")).unwrap(),
        b".........34567..",
        "from the input offset given, at the output offset given"
    );
    assert_eq!((off_in, off_out), (8, 14), "both offsets advanced in place");
    assert_eq!(
        std::io::Seek::stream_position(&mut file_in).unwrap(),
        0,
        "the file positions untouched"
    );
}
