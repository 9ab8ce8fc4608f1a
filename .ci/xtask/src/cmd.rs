//! Running commands, with their output going to a log: the terminal, or a
//! job's file that is printed when the job is done.

use std::ffi::OsStr;
use std::fmt::Display;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::Mutex;

/// Where a step's lines and its commands' output go.
pub struct Log {
    file: Option<Mutex<File>>,
}

impl Log {
    /// The terminal.
    pub fn stdout() -> Log {
        Log { file: None }
    }

    /// A file, created anew.
    pub fn file(path: &Path) -> Log {
        let file = File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Log {
            file: Some(Mutex::new(file)),
        }
    }

    /// Writes one line.
    pub fn line(&self, text: impl Display) {
        match &self.file {
            None => {
                println!("{text}");
                let _ = std::io::stdout().flush();
            }
            Some(file) => {
                let _ = writeln!(file.lock().unwrap(), "{text}");
            }
        }
    }

    /// Writes a step's heading.
    pub fn step(&self, text: impl Display) {
        self.line(format_args!("\n== {text}"));
    }

    /// A handle for a child's stdout or stderr.
    fn stdio(&self) -> Stdio {
        match &self.file {
            None => Stdio::inherit(),
            Some(file) => file
                .lock()
                .unwrap()
                .try_clone()
                .map(Stdio::from)
                .unwrap_or_else(|_| Stdio::null()),
        }
    }
}

/// A command to run, shown in the log as it would be typed.
pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Cmd {
        let shown = program.as_ref().to_string_lossy().into_owned();
        let mut inner = Command::new(program);
        // Cargo probes a target with `rustc -`, which reads standard input,
        // and keeps a failed probe in the target directory: no stdin, ever.
        inner.stdin(Stdio::null());
        Cmd { inner, shown }
    }

    /// `cargo`, or `cargo +TOOLCHAIN`.
    pub fn cargo(toolchain: Option<&str>) -> Cmd {
        let mut cmd = Cmd::new("cargo");
        if let Some(tc) = toolchain {
            cmd.arg(tc);
        }
        cmd
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Cmd {
        self.shown.push(' ');
        self.shown.push_str(&arg.as_ref().to_string_lossy());
        self.inner.arg(arg);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&mut self, args: I) -> &mut Cmd {
        for arg in args {
            self.arg(arg);
        }
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Cmd {
        self.shown = format!(
            "{}={} {}",
            key.as_ref().to_string_lossy(),
            value.as_ref().to_string_lossy(),
            self.shown
        );
        self.inner.env(key, value);
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Cmd {
        self.inner.env_remove(key);
        self
    }

    pub fn dir(&mut self, dir: impl AsRef<Path>) -> &mut Cmd {
        self.inner.current_dir(dir);
        self
    }

    /// The command as it would be typed.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Runs it with its output in `log`; `Err` names the command and how it ended.
    pub fn run(&mut self, log: &Log) -> Result<(), String> {
        log.line(format_args!("$ {}", self.shown));
        self.inner.stdout(log.stdio()).stderr(log.stdio());
        let status = self.inner.status().map_err(|e| self.failed_to_start(e))?;
        self.check(status)
    }

    /// Runs it with its standard output captured and its errors in `log`.
    pub fn stdout_of(&mut self, log: &Log) -> Result<Vec<u8>, String> {
        log.line(format_args!("$ {}", self.shown));
        self.inner.stdout(Stdio::piped()).stderr(log.stdio());
        let out = self.inner.output().map_err(|e| self.failed_to_start(e))?;
        self.check(out.status)?;
        Ok(out.stdout)
    }

    /// Runs it quietly and returns everything it wrote, whatever its status.
    pub fn output(&mut self) -> Result<Output, String> {
        self.inner
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| self.failed_to_start(e))
    }

    /// Spawns it with its standard output piped, for a caller that reads it
    /// as it comes; errors go to `log`.
    /// It leads a process group of its own (its id), so that [`kill_group`]
    /// ends it with every process it started.
    pub fn spawn_piped(&mut self, log: &Log) -> Result<std::process::Child, String> {
        use std::os::unix::process::CommandExt;
        log.line(format_args!("$ {}", self.shown));
        self.inner
            .process_group(0)
            .stdout(Stdio::piped())
            .stderr(log.stdio())
            .spawn()
            .map_err(|e| self.failed_to_start(e))
    }

    fn failed_to_start(&self, e: std::io::Error) -> String {
        format!("`{}` could not start: {e}", self.shown)
    }

    fn check(&self, status: ExitStatus) -> Result<(), String> {
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }
}

/// The first line a command prints to standard output, or `None`.
pub fn first_line(cmd: &mut Cmd) -> Option<String> {
    let out = cmd.output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::to_owned)
}

/// Sends SIGKILL to process group `pgid`: a command [`Cmd::spawn_piped`]
/// started, and everything it started (cargo, a test binary, its QEMU).
pub fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdin(Stdio::null())
        .status();
}
