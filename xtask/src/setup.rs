//! Idempotent installs of everything the build and the tests need on a fresh Debian machine
//! with only rustup's Rust: each check asks the tool itself (`trunk --version`, …) and
//! installs only what is missing or at the wrong version, so a second run does nothing.
//!
//! Everything comes from package registries (rustup, crates.io, Debian); nothing is
//! downloaded from anywhere else, and trunk must then find its tools on PATH instead of
//! fetching them. wasm-opt is deliberately not installed: Debian's binaryen breaks the
//! output and the app is shipped without it (see docs/ARCHITECTURE.md).

use std::path::Path;

use crate::process::{self, cargo, note, output_of, run};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// trunk 0.22 needs a newer rustc than the 1.95 we pin.
const TRUNK_REQ: &str = "~0.21";
const TRUNK_PREFIX: &str = "0.21.";

/// What `trunk build` needs: the wasm32 target, trunk, wasm-bindgen-cli at exactly the
/// version of the `wasm-bindgen` crate in Cargo.lock, and every crate already downloaded.
pub fn build_tools(root: &Path) -> Result<(), String> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen(root)?;
    crates(root)
}

/// Trunk.toml has `offline = true` (so trunk can never fetch tools), which also makes its
/// `cargo build` offline: the crates must be in the local registry cache first. A no-op
/// when they already are.
fn crates(root: &Path) -> Result<(), String> {
    let mut fetch = cargo();
    fetch.args(["fetch", "--quiet"]).current_dir(root);
    run(&mut fetch)?;
    note("ok: all crates in Cargo.lock are downloaded");
    Ok(())
}

/// Chromium and chromedriver (Debian packages) for the browser tests.
pub fn browser() -> Result<(), String> {
    let found = || (output_of("chromium", &["--version"]), output_of("chromedriver", &["--version"]));
    if let (Some(chromium), Some(driver)) = found() {
        note(&format!("ok: {chromium}; {driver}"));
        return Ok(());
    }
    note("chromium or chromedriver missing: installing the Debian packages");
    apt_install(&["chromium", "chromium-driver"])?;
    match found() {
        (Some(chromium), Some(driver)) => {
            note(&format!("installed: {chromium}; {driver}"));
            Ok(())
        }
        _ => Err("apt-get succeeded but `chromium --version` / `chromedriver --version` still fail".into()),
    }
}

/// `rsvg-convert` (Debian's librsvg2-bin), with which a core test checks that exported SVG
/// draws outside a browser.
pub fn rsvg() -> Result<(), String> {
    let found = || output_of("rsvg-convert", &["--version"]);
    if let Some(version) = found() {
        note(&format!("ok: {version}"));
        return Ok(());
    }
    note("rsvg-convert missing: installing the Debian package librsvg2-bin");
    apt_install(&["librsvg2-bin"])?;
    match found() {
        Some(version) => {
            note(&format!("installed: {version}"));
            Ok(())
        }
        None => Err("apt-get succeeded but `rsvg-convert --version` still fails".into()),
    }
}

fn wasm_target() -> Result<(), String> {
    if target_installed() {
        note(&format!("ok: Rust target {WASM_TARGET} is installed"));
        return Ok(());
    }
    note(&format!("Rust target {WASM_TARGET} missing: adding it with rustup"));
    run(process::command("rustup").args(["target", "add", WASM_TARGET]))?;
    if target_installed() { Ok(()) } else { Err(format!("rustup ran but {WASM_TARGET} is still missing")) }
}

/// Looks in the sysroot rather than asking rustup, so a toolchain installed another way
/// is recognised too.
fn target_installed() -> bool {
    output_of("rustc", &["--print", "sysroot"])
        .is_some_and(|sysroot| Path::new(&sysroot).join("lib/rustlib").join(WASM_TARGET).join("lib").is_dir())
}

fn trunk() -> Result<(), String> {
    let installed = tool_version("trunk");
    match &installed {
        Some(v) if v.starts_with(TRUNK_PREFIX) => {
            note(&format!("ok: trunk {v}"));
            return Ok(());
        }
        Some(v) => note(&format!("trunk {v} found, want {TRUNK_REQ}: reinstalling (takes ~8 min)")),
        None => note(&format!("trunk missing: cargo install trunk {TRUNK_REQ} (takes ~8 min)")),
    }
    let mut install = cargo();
    install.args(["install", "trunk", "--version", TRUNK_REQ, "--locked"]);
    if installed.is_some() {
        install.arg("--force");
    }
    run(&mut install)?;
    match tool_version("trunk") {
        Some(v) if v.starts_with(TRUNK_PREFIX) => Ok(()),
        other => Err(format!("after installing, `trunk --version` gives {other:?}; is another trunk earlier on PATH?")),
    }
}

fn wasm_bindgen(root: &Path) -> Result<(), String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let want = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no `wasm-bindgen` package; cannot tell which wasm-bindgen-cli to install")?;
    let installed = tool_version("wasm-bindgen");
    match &installed {
        Some(v) if *v == want => {
            note(&format!("ok: wasm-bindgen {v} (the version in Cargo.lock)"));
            return Ok(());
        }
        Some(v) => note(&format!("wasm-bindgen {v} found, Cargo.lock wants {want}: reinstalling (takes ~6 min)")),
        None => note(&format!("wasm-bindgen missing: cargo install wasm-bindgen-cli {want} (takes ~6 min)")),
    }
    // No `--locked`: wasm-bindgen-cli's own lockfile names a crate version the registry
    // no longer has.
    let mut install = cargo();
    install.args(["install", "wasm-bindgen-cli", "--version", &want]);
    if installed.is_some() {
        install.arg("--force");
    }
    run(&mut install)?;
    match tool_version("wasm-bindgen") {
        Some(v) if v == want => Ok(()),
        other => Err(format!(
            "after installing, `wasm-bindgen --version` gives {other:?}, want {want}; is another one earlier on PATH?"
        )),
    }
}

/// The version a tool reports, from `NAME --version` printing `NAME X.Y.Z[ extra]`.
fn tool_version(program: &str) -> Option<String> {
    let out = output_of(program, &["--version"])?;
    out.split_whitespace().nth(1).map(str::to_string)
}

/// The version of package `name` in a Cargo.lock (the first, if several are locked).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

/// `apt-get update && apt-get install -y PACKAGES`, through sudo when not root, retried
/// once after `apt-get install -f` (a half-configured dpkg state is the usual transient
/// failure on fresh machines).
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let apt = |args: &[&str]| {
        let mut cmd = if is_root() {
            process::command("apt-get")
        } else {
            let mut sudo = process::command("sudo");
            sudo.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            sudo
        };
        cmd.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        run(&mut cmd)
    };
    apt(&["update"])?;
    let install: Vec<&str> = ["install", "-y"].into_iter().chain(packages.iter().copied()).collect();
    if let Err(first) = apt(&install) {
        note(&format!("{first}; repairing with `apt-get install -f` and retrying"));
        apt(&["install", "-f", "-y"])?;
        apt(&install)?;
    }
    Ok(())
}

fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "leptos"), None);
    }
}
