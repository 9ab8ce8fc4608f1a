//! Checks that the target is one rawbind has an `arch/` file for, and fails
//! with a message naming it otherwise; checks the entry-point pins; declares
//! the crate's cfgs. It generates no code.
//!
//! | cfg                      | set by            | meaning                                       |
//! |--------------------------|-------------------|-----------------------------------------------|
//! | `rawbind_has_socketcall` | this script       | the architecture also has `socketcall(2)`     |
//! | `rawbind_direct`         | the user (`--cfg`) | socket calls use their own numbers only      |
//! | `rawbind_socketcall`     | the user (`--cfg`) | socket calls use `socketcall(2)` only        |

use std::env;
use std::path::Path;

/// Supported architectures, by `target_arch` name: the `arch/` file that
/// serves each, and whether it also has the `socketcall(2)` entry for socket
/// calls.
const SUPPORTED: &[(&str, &str, bool)] = &[
    ("x86_64", "x86_64", false),
    ("x86", "x86", true),
    ("aarch64", "aarch64", false),
    ("arm", "arm", false),
    ("riscv64", "riscv", false),
    ("riscv32", "riscv", false),
    ("loongarch64", "loongarch64", false),
    ("powerpc", "powerpc", true),
    ("powerpc64", "powerpc", true),
    ("s390x", "s390x", true),
    ("mips", "mips", true),
    ("mips64", "mips64", false),
    ("sparc64", "sparc64", true),
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=arch");
    for cfg in [
        "rawbind_has_socketcall",
        "rawbind_direct",
        "rawbind_socketcall",
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
    }

    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let width = env::var("CARGO_CFG_TARGET_POINTER_WIDTH").unwrap_or_default();
    let target = env::var("TARGET").unwrap_or_default();

    if os != "linux" {
        fail(
            &target,
            &format!("rawbind makes Linux system calls; target_os is `{os}`"),
        );
    }
    if arch == "x86_64" && width == "32" {
        fail(
            &target,
            "arch/x86_64.rs serves the 64-bit ABI only, not x32 (its syscall numbers carry __X32_SYSCALL_BIT)",
        );
    }
    if arch == "mips64" && width == "32" {
        fail(
            &target,
            "arch/mips64.rs serves the n64 ABI only, not n32 (linux-raw-sys has no n32 numbers)",
        );
    }
    let Some(&(_, file, has_socketcall)) = SUPPORTED.iter().find(|(name, ..)| *name == arch) else {
        fail(
            &target,
            &format!(
                "no arch/ file serves target_arch `{arch}` (the README's architecture table says why)"
            ),
        );
    };
    let file = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("arch")
        .join(format!("{file}.rs"));
    if !file.is_file() {
        fail(&target, &format!("{} is missing", file.display()));
    }

    let direct = env::var_os("CARGO_CFG_RAWBIND_DIRECT").is_some();
    let socketcall = env::var_os("CARGO_CFG_RAWBIND_SOCKETCALL").is_some();
    if direct && socketcall {
        pin_error(
            "`--cfg rawbind_direct` and `--cfg rawbind_socketcall` pin opposite entries; pass one",
        );
    }
    if (direct || socketcall) && !has_socketcall {
        pin_error(&format!(
            "`--cfg rawbind_{}` pins an entry, but {arch} has only one: its socket calls have no socketcall(2)",
            if direct { "direct" } else { "socketcall" }
        ));
    }
    if has_socketcall {
        println!("cargo::rustc-cfg=rawbind_has_socketcall");
    }
}

fn supported() -> String {
    let names: Vec<&str> = SUPPORTED.iter().map(|(name, ..)| *name).collect();
    names.join(", ")
}

fn fail(target: &str, why: &str) -> ! {
    eprintln!(
        "error: rawbind does not support the target `{target}`: {why}.\n\
         Supported architectures (Linux): {}.",
        supported()
    );
    std::process::exit(1);
}

fn pin_error(why: &str) -> ! {
    eprintln!("error: rawbind: {why}.");
    std::process::exit(1);
}
