# What scripts/static-bind and scripts/selfcheck share: how to build one of
# this package's programs for TARGET as a static executable with no libc,
# how to check that it is one, and how to run it. Sourced, not run.
#
# RAWBIND_STATIC_RUSTFLAGS is appended to the RUSTFLAGS, e.g.
#   RAWBIND_STATIC_RUSTFLAGS='--cfg rawbind_socketcall'
# RAWBIND_STATIC_TARGET_DIR replaces the cargo target directory
# (default target/static_bind).

static_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
static_problems=()
static_problem() { static_problems+=("$1"); }

# static_build TARGET BIN PROFILE...: builds program BIN for TARGET in each
# PROFILE; its path in PROFILE is then "$static_out/PROFILE/BIN".
#
# Where rustup has TARGET's std installed, stable cargo builds with the
# prebuilt core; elsewhere nightly rebuilds core (-Zbuild-std=core), which
# also puts the target features below into core.
static_build() {
    local target=$1 bin=$2 profile
    shift 2
    # RUSTFLAGS reach only TARGET's crates (cargo is given --target), so the
    # build scripts still link for the host as usual. `-C linker` here comes
    # after, and so overrides, any linker a cargo config names for TARGET.
    local flags="-C relocation-model=static"
    case $target in
    powerpc64-*)
        # lld cannot link big-endian 64-bit PowerPC (ELFv1, function
        # descriptors in .opd): GNU ld does, through gcc without its start
        # files and libraries.
        flags+=" -C linker=powerpc64-linux-gnu-gcc -C link-arg=-nostdlib -C link-arg=-nostartfiles"
        flags+=" -C link-arg=-static -C link-arg=-Wl,--entry=_start"
        # Else GNU ld pads the file to put the writable segment (with .opd)
        # on its own 64 KiB page, for a read-only-after-relocation that a
        # static program, which has no relocations to apply, does not need.
        flags+=" -C link-arg=-Wl,-z,norelro" ;;
    *)
        flags+=" -C linker=rust-lld -C link-arg=-static -C link-arg=--entry=_start" ;;
    esac
    [[ $target != *-musl* ]] || flags+=" -C link-self-contained=no"
    # QEMU 7.2 has no LSX, which the target enables by default: SIGILL.
    [[ $target != loongarch64-* ]] || flags+=" -C target-feature=-lsx"
    local cargo=(cargo +stable build)
    if ! rustup target list --installed | grep -qx "$target"; then
        cargo=(cargo +nightly build -Zbuild-std=core)
    fi
    export RUSTFLAGS="$flags ${RAWBIND_STATIC_RUSTFLAGS:-}"
    export CARGO_TARGET_DIR=${RAWBIND_STATIC_TARGET_DIR:-$static_repo/target/static_bind}
    static_out=$CARGO_TARGET_DIR/$target
    # Stdin is not cargo's: its probe of the target runs `rustc -`, which
    # reads source from stdin, and keeps a failure in the target directory's
    # .rustc_info.json for every later build with the same flags.
    for profile in "$@"; do
        "${cargo[@]}" -q --manifest-path "$static_repo/examples/static_bind/Cargo.toml" \
            --target "$target" --profile "$profile" --bin "$bin" </dev/null || return 1
    done
}

# static_check PROGRAM...: records, with static_problem, each way a program
# is not static or not libc-free.
static_check() {
    local bin symbols undefined
    for bin in "$@"; do
        # Static: no dynamic section, no program interpreter.
        [[ $(readelf -d "$bin") == *'There is no dynamic section'* ]] || static_problem "dynamic section in $bin"
        [[ $(readelf -lW "$bin") != *INTERP* ]] || static_problem "INTERP header in $bin"
        # No libc: every symbol defined (entry 0 is the null symbol), none of
        # glibc's. A stripped program has no symbol table to look at.
        symbols=$(readelf -sW "$bin")
        undefined=$(awk '$7 == "UND" && $8 != "" { print $8 }' <<<"$symbols")
        [[ -z $undefined ]] || static_problem "undefined symbols in $bin: ${undefined//$'\n'/ }"
        if grep -Eq '__libc|GLIBC|@@' <<<"$symbols"; then static_problem "libc symbols in $bin"; fi
    done
}

# static_runner TARGET: prints the command that runs TARGET's static
# programs here, one word a line: nothing for the host's own x86_64 and
# i686, else scripts/qemu with QEMU's name for the architecture (a static
# program needs no sysroot, hence `/`).
static_runner() {
    local qemu
    case $1 in
    x86_64-* | i686-*) return ;;
    aarch64-*) qemu=aarch64 ;;
    arm*) qemu=arm ;;
    riscv64*) qemu=riscv64 ;;
    riscv32*) qemu=riscv32 ;;
    loongarch64-*) qemu=loongarch64 ;;
    powerpc-*) qemu=ppc ;;
    powerpc64-*) qemu=ppc64 ;;
    powerpc64le-*) qemu=ppc64le ;;
    s390x-*) qemu=s390x ;;
    mips-*) qemu=mips ;;
    mips64-*) qemu=mips64 ;;
    sparc64-*) qemu=sparc64 ;;
    *)
        echo "no QEMU known for $1; name a runner" >&2
        return 1 ;;
    esac
    printf '%s\n' "$static_repo/scripts/qemu" "$qemu" /
}
