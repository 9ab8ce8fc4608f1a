//! Checks that the target is one rawbind has an `arch/` file for, and fails
//! with a message naming it otherwise. It generates no code. The crate has no
//! cfgs of its own yet; any it gains are declared here with
//! `cargo::rustc-check-cfg`.

use std::env;
use std::path::Path;

/// Architectures with an `arch/<name>.rs` file, by `target_arch` name.
const SUPPORTED: &[&str] = &["x86_64"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=arch");

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
        fail(&target, "the x32 ABI is not supported (its syscall numbers carry the __X32_SYSCALL_BIT and its sockets are untested)");
    }
    if !SUPPORTED.contains(&arch.as_str()) {
        fail(&target, &format!("no arch/{arch}.rs"));
    }
    let file = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("arch")
        .join(format!("{arch}.rs"));
    if !file.is_file() {
        fail(&target, &format!("{} is missing", file.display()));
    }
}

fn fail(target: &str, why: &str) -> ! {
    eprintln!(
        "error: rawbind does not support the target `{target}`: {why}.\n\
         Supported architectures (Linux): {}.",
        SUPPORTED.join(", ")
    );
    std::process::exit(1);
}
