//! Running child processes: PATH set-up, step headers, version probes, and the step list
//! that `cargo xtask test` reports at the end.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `$CARGO_HOME/bin` (default `~/.cargo/bin`): where `cargo install` puts trunk and
/// wasm-bindgen.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin"))
}

/// Puts `~/.cargo/bin` first on this process's PATH, so every child (trunk looking for
/// wasm-bindgen above all) finds the tools `setup` installed, even when the user's shell
/// profile never added it.
pub fn put_cargo_bin_on_path() {
    let Some(bin) = cargo_bin_dir() else { return };
    let current = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&current).any(|p| p == bin) {
        return;
    }
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(&current));
    let Ok(joined) = std::env::join_paths(paths) else { return };
    // SAFETY: called first thing in `main`, before any thread exists, so nothing can read
    // the environment concurrently.
    unsafe { std::env::set_var("PATH", joined) };
}

/// A clearly visible section header in the log (CI logs are long).
pub fn header(title: &str) {
    eprintln!("\n==> {title}");
}

/// A note under the current header.
pub fn note(text: &str) {
    eprintln!("    {text}");
}

pub fn command(program: &str) -> Command {
    Command::new(program)
}

/// The cargo that runs us (`$CARGO`), so the toolchain stays the same.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Runs a command with inherited stdio; `Err` names it when it fails or can't start.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("    $ {}", describe(cmd));
    match cmd.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{}` failed ({status})", describe(cmd))),
        Err(e) => Err(format!("could not start `{}`: {e}", describe(cmd))),
    }
}

/// The trimmed stdout of a command that succeeded, or `None` (not installed, failed).
/// Used to ask tools their version.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The command line, for logs.
fn describe(cmd: &Command) -> String {
    // `cargo`, not `/root/.rustup/toolchains/…/bin/cargo`: logs are for reading.
    let program = std::path::Path::new(cmd.get_program());
    let mut s = program.file_name().unwrap_or(program.as_os_str()).to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        if arg.contains(' ') || arg.is_empty() {
            s.push_str(&format!(" \"{arg}\""));
        } else {
            s.push(' ');
            s.push_str(&arg);
        }
    }
    s
}

enum Outcome {
    Passed,
    Failed,
    Skipped(&'static str),
}

/// Steps of a run that goes on after a failure (so one CI log shows every broken part)
/// and sums up at the end.
#[derive(Default)]
pub struct Steps {
    done: Vec<(String, Outcome, Duration)>,
}

impl Steps {
    /// Runs one step under its own header; true when it passed.
    pub fn run(&mut self, title: &str, cmd: &mut Command) -> bool {
        header(title);
        let start = Instant::now();
        let result = run(cmd);
        if let Err(e) = &result {
            eprintln!("xtask: {e}");
        }
        let outcome = if result.is_ok() { Outcome::Passed } else { Outcome::Failed };
        self.done.push((title.to_string(), outcome, start.elapsed()));
        result.is_ok()
    }

    /// Runs one in-process step (no child process) under its own header.
    pub fn call(&mut self, title: &str, f: impl FnOnce() -> Result<(), String>) -> bool {
        header(title);
        let start = Instant::now();
        let result = f();
        if let Err(e) = &result {
            eprintln!("xtask: {e}");
        }
        let outcome = if result.is_ok() { Outcome::Passed } else { Outcome::Failed };
        self.done.push((title.to_string(), outcome, start.elapsed()));
        result.is_ok()
    }

    pub fn skip(&mut self, title: &str, why: &'static str) {
        header(title);
        note(&format!("skipped: {why}"));
        self.done.push((title.to_string(), Outcome::Skipped(why), Duration::ZERO));
    }

    /// Prints the summary; `Err` when any step failed or was skipped.
    pub fn finish(self) -> Result<(), String> {
        header("summary");
        let mut bad = 0;
        for (title, outcome, took) in &self.done {
            let (mark, extra) = match outcome {
                Outcome::Passed => ("ok     ", String::new()),
                Outcome::Failed => ("FAILED ", String::new()),
                Outcome::Skipped(why) => ("SKIPPED", format!(" ({why})")),
            };
            if !matches!(outcome, Outcome::Passed) {
                bad += 1;
            }
            eprintln!("    {mark} {title}  [{}]{extra}", minutes_seconds(*took));
        }
        if bad == 0 { Ok(()) } else { Err(format!("{bad} of {} steps did not pass", self.done.len())) }
    }
}

fn minutes_seconds(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 { format!("{}m {:02}s", s / 60, s % 60) } else { format!("{s}s") }
}
