//! `.ci/targets.toml`, the one table of targets: what each is, how the
//! harness gets its toolchain, and where its suite runs.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

/// The whole table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Where QEMU user mode comes from.
    pub qemu: QemuSource,
    /// The targets rawbind supports, in the README's order.
    #[serde(rename = "target")]
    pub targets: Vec<Target>,
    /// The targets build.rs refuses, and why.
    #[serde(rename = "refused")]
    pub refused: Vec<Refused>,
}

/// The Debian package and suite QEMU user mode is installed from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QemuSource {
    pub package: String,
    pub suite: String,
    /// `major.minor`: what the README names, and what the harness expects.
    pub version: String,
}

/// One supported target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub triple: String,
    pub name: String,
    pub arch_file: String,
    pub std: StdFrom,
    pub runs: Vec<Run>,
    pub qemu: String,
    pub sysroot: Option<String>,
    pub linker: Option<String>,
    #[serde(default)]
    pub packages: Vec<String>,
    #[serde(default)]
    pub modes: Vec<Mode>,
    #[serde(default)]
    pub docs_rs: bool,
    pub note: Option<String>,
}

/// One refused target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refused {
    pub triple: String,
    pub name: String,
    pub why: String,
}

/// How a target's standard library is had.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StdFrom {
    /// Stable, with rustup's prebuilt std.
    Rustup,
    /// Nightly `-Zbuild-std`: rustup ships none here.
    BuildStd,
    /// No libc here: no std, no test harness; the selfcheck stands in.
    None,
}

/// Where a target's suite runs.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Run {
    /// On this host's kernel, directly.
    Native,
    /// Under QEMU user mode.
    Qemu,
}

/// A socket-call entry mode, on the architectures that have socketcall(2).
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Direct first, socketcall after an ENOSYS.
    Default,
    /// `--cfg rawbind_socketcall`.
    Socketcall,
    /// `--cfg rawbind_direct`.
    Direct,
}

impl Mode {
    /// The `--cfg` that pins this mode, if it is a pin.
    pub fn cfg(self) -> Option<&'static str> {
        match self {
            Mode::Default => None,
            Mode::Socketcall => Some("rawbind_socketcall"),
            Mode::Direct => Some("rawbind_direct"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::Socketcall => "socketcall",
            Mode::Direct => "direct",
        }
    }
}

/// The entry mode of one build: a [`Mode`], or `-` where the architecture
/// has one entry only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry(pub Option<Mode>);

impl Entry {
    /// `--cfg rawbind_...` for a pinned mode, as RUSTFLAGS words.
    pub fn rustflags(self) -> Option<String> {
        self.0.and_then(Mode::cfg).map(|cfg| format!("--cfg {cfg}"))
    }

    /// A directory name for this mode's builds: the mode's, or `single`.
    pub fn dir(self) -> &'static str {
        self.0.map_or("single", Mode::name)
    }

    /// Whether this is the build the target gets without a pin.
    pub fn is_unpinned(self) -> bool {
        matches!(self.0, None | Some(Mode::Default))
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.map_or("-", Mode::name))
    }
}

impl Target {
    /// The entry modes built and tested: each of `modes`, or `-`.
    pub fn entries(&self) -> Vec<Entry> {
        if self.modes.is_empty() {
            vec![Entry(None)]
        } else {
            self.modes.iter().map(|m| Entry(Some(*m))).collect()
        }
    }

    pub fn runs(&self, run: Run) -> bool {
        self.runs.contains(&run)
    }

    /// `cargo +nightly` where the target's std is built, and the flags that
    /// build it (after the subcommand: clippy ignores `-Z` before it).
    pub fn cargo_toolchain(&self) -> (Option<&'static str>, &'static [&'static str]) {
        match self.std {
            StdFrom::Rustup => (None, &[]),
            StdFrom::BuildStd => (Some("+nightly"), &["-Zbuild-std"]),
            StdFrom::None => (Some("+nightly"), &["-Zbuild-std=core"]),
        }
    }

    /// The emulator's file name: `qemu-aarch64`.
    pub fn qemu_bin(&self) -> String {
        format!("qemu-{}", self.qemu)
    }

    /// `CARGO_TARGET_<TRIPLE>_RUNNER`, cargo's variable for this target.
    pub fn runner_var(&self) -> String {
        format!(
            "CARGO_TARGET_{}_RUNNER",
            self.triple.to_uppercase().replace('-', "_")
        )
    }

    /// The architecture as the README's short form: the triple's first part.
    pub fn short(&self) -> &str {
        self.triple.split('-').next().unwrap_or(&self.triple)
    }
}

impl Table {
    /// Reads and checks `.ci/targets.toml`.
    pub fn load(path: &Path) -> Result<Table, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let table: Table = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        table
            .check()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(table)
    }

    fn check(&self) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for triple in self
            .targets
            .iter()
            .map(|t| &t.triple)
            .chain(self.refused.iter().map(|r| &r.triple))
        {
            if !seen.insert(triple) {
                return Err(format!("{triple} is listed twice"));
            }
        }
        for t in &self.targets {
            let what = &t.triple;
            if t.runs.is_empty() {
                return Err(format!("{what}: `runs` is empty"));
            }
            if t.runs(Run::Qemu) && t.std != StdFrom::None && t.sysroot.is_none() {
                return Err(format!("{what}: runs under QEMU but names no sysroot"));
            }
            let mut modes = t.modes.clone();
            modes.sort();
            modes.dedup();
            if modes.len() != t.modes.len() {
                return Err(format!("{what}: a mode is listed twice"));
            }
            if !t.modes.is_empty() && !t.modes.contains(&Mode::Default) {
                return Err(format!("{what}: the modes must include `default`"));
            }
        }
        Ok(())
    }

    pub fn target(&self, triple: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.triple == triple)
    }

    /// Every Debian package the targets need.
    pub fn packages(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self
            .targets
            .iter()
            .flat_map(|t| t.packages.iter().map(String::as_str))
            .collect();
        all.dedup();
        all
    }
}
