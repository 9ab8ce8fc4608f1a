//! What a run found: each test run's tests by outcome, the static example's
//! sizes, and the steps that failed. Written to `target/xtask/results.json`,
//! which `cargo xtask tables` reads to write tests/README.md's error table.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// One run of a test program: a `cargo test`, Miri, or the selfcheck.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The target triple.
    pub target: String,
    /// The entry mode (`-`, `default`, `socketcall`, `direct`).
    pub entry: String,
    /// How it ran: `native`, `qemu-aarch64 10.0.2`, `miri`, `msrv 1.81`,
    /// `selfcheck, native`, ...
    pub how: String,
    /// What ran: `suite`, `suite (no std)`, `selfcheck`, ...
    pub what: String,
    pub passed: Vec<String>,
    pub failed: Vec<String>,
    pub skipped: Vec<Skip>,
    /// Selfcheck only: the suite tests each check stands in for.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub covers: BTreeMap<String, Vec<String>>,
    /// Why the run cannot be trusted beyond its failures: a suite that did
    /// not finish, a skip with no test behind it, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// A test that could not check its claim here, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skip {
    pub name: String,
    pub why: String,
}

impl Record {
    pub fn is_selfcheck(&self) -> bool {
        self.what == "selfcheck"
    }

    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.problems.is_empty()
    }

    /// `N passed, M failed, K skipped`, and the problems if any.
    pub fn tally(&self) -> String {
        let mut s = format!(
            "{} passed, {} failed, {} skipped",
            self.passed.len(),
            self.failed.len(),
            self.skipped.len()
        );
        if !self.problems.is_empty() {
            s += "; ";
            s += &self.problems.join("; ");
        }
        s
    }
}

/// The no-libc static example's stripped size for one build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Size {
    pub target: String,
    pub entry: String,
    pub bytes: u64,
}

/// Everything a run found.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Results {
    pub records: Vec<Record>,
    pub sizes: Vec<Size>,
    pub failures: Vec<String>,
    /// The QEMU that ran each foreign target: `qemu-aarch64 10.0.2`.
    pub qemu: BTreeMap<String, String>,
}

impl Results {
    pub fn load(path: &Path) -> Result<Results, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}; run `cargo xtask test` first", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn save(&self, path: &Path) {
        let text = serde_json::to_string_pretty(self).expect("results serialize");
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// [`Results`] shared by the jobs that run at once.
#[derive(Default)]
pub struct Shared(Mutex<Results>);

impl Shared {
    pub fn record(&self, record: Record) {
        self.0.lock().unwrap().records.push(record);
    }

    pub fn size(&self, size: Size) {
        self.0.lock().unwrap().sizes.push(size);
    }

    pub fn qemu(&self, target: &str, how: &str) {
        self.0
            .lock()
            .unwrap()
            .qemu
            .insert(target.to_owned(), how.to_owned());
    }

    /// Records a failed step; the run goes on and fails at the end.
    pub fn fail(&self, step: impl Into<String>) {
        self.0.lock().unwrap().failures.push(step.into());
    }

    pub fn into_inner(self) -> Results {
        self.0.into_inner().unwrap()
    }
}
