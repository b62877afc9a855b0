//! `cargo xtask`: the project's two README commands and their helpers.
//!
//! ```text
//! cargo xtask setup          install what is missing (wasm target, trunk, wasm-bindgen, chromium, librsvg)
//! cargo xtask serve          setup, then build and serve the app on http://127.0.0.1:8080
//! cargo xtask test           setup, then every test: native crates, trunk build, browser e2e
//! cargo xtask bench [ARGS]   cargo bench -p coral-core ARGS
//! cargo xtask web-icons      one SVG file per icon in target/web-icons (serve and test run it)
//! ```
//!
//! This file owns the command line and the order of the steps; `setup` owns the tool
//! installs and `process` the running of child processes. std only, so a fresh machine
//! compiles it in seconds.

mod process;
mod setup;
mod web_icons;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use process::{Steps, cargo};

/// Where `serve` listens: the address the README promises.
const SERVE_ADDRESS: &str = "127.0.0.1";
const SERVE_PORT: &str = "8080";

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup          install what is missing: the wasm32 target, trunk 0.21, wasm-bindgen-cli at
                 the version in Cargo.lock, chromium + chromedriver and librsvg2-bin (apt).
                 Idempotent.
  serve          setup, then `trunk serve --release` on http://127.0.0.1:8080
  test           setup, then: cargo test (all native crates), trunk build --release,
                 browser end-to-end tests against dist/
  bench [ARGS]   cargo bench -p coral-core ARGS (e.g. `cargo xtask bench -- --quick`)
  web-icons      write one SVG file per icon of crates/icons/data to target/web-icons/icons
                 (copied to dist/icons by trunk); skipped when up to date. serve and test
                 run it before trunk.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    process::put_cargo_bin_on_path();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup_all(&root),
        Some("serve") => serve(&root),
        Some("test") => test(&root),
        Some("bench") => bench(&root, &args[1..]),
        Some("web-icons") => web_icons::run(&root),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask lives in `<root>/xtask`.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn setup_all(root: &Path) -> Result<(), String> {
    process::header("setup: build tools");
    setup::build_tools(root)?;
    process::header("setup: browser for the end-to-end tests");
    setup::browser()?;
    process::header("setup: librsvg, to check exported SVG outside a browser");
    setup::rsvg()?;
    Ok(())
}

fn serve(root: &Path) -> Result<(), String> {
    process::header("setup: build tools");
    setup::build_tools(root)?;
    process::header("web-icons: one file per icon for the app");
    web_icons::run(root)?;
    process::header(&format!("trunk serve --release on http://{SERVE_ADDRESS}:{SERVE_PORT}"));
    // trunk builds first, then serves and rebuilds on change; Ctrl-C stops it.
    let mut trunk = trunk();
    trunk.args(["serve", "--release", "--address", SERVE_ADDRESS, "--port", SERVE_PORT]).current_dir(root);
    process::run(&mut trunk)
}

fn test(root: &Path) -> Result<(), String> {
    process::header("setup: build tools");
    setup::build_tools(root)?;
    process::header("setup: browser for the end-to-end tests");
    setup::browser()?;
    process::header("setup: librsvg, to check exported SVG outside a browser");
    setup::rsvg()?;

    let mut steps = Steps::default();

    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--check"]).current_dir(root);
    steps.run("cargo fmt --check", &mut fmt);
    // Native crates only, as for the tests below; warnings fail the step.
    let mut clippy = cargo();
    clippy
        .args(["clippy", "--workspace", "--exclude", "coral-app", "--all-targets", "--", "-D", "warnings"])
        .current_dir(root);
    steps.run("cargo clippy (native crates)", &mut clippy);

    // The app crate is excluded: it compiles Leptos for the host (minutes) and holds no
    // logic (that lives in coral-core). coral-e2e runs last, against the fresh dist/.
    let mut unit = cargo();
    unit.args(["test", "--no-fail-fast", "--workspace", "--exclude", "coral-app", "--exclude", "coral-e2e"])
        .current_dir(root);
    steps.run("cargo test --workspace (native crates)", &mut unit);

    let icons = steps.call("web-icons: one file per icon for the app", || web_icons::run(root));
    let mut build = trunk();
    build.args(["build", "--release"]).current_dir(root);
    let built = if icons {
        steps.run("trunk build --release", &mut build)
    } else {
        steps.skip("trunk build --release", "web-icons failed");
        false
    };

    let dist = root.join("dist");
    if built {
        let mut e2e = cargo();
        e2e.args(["test", "-p", "coral-e2e"]).env("CORAL_DIST", &dist).current_dir(root);
        steps.run("browser end-to-end tests (coral-e2e)", &mut e2e);
    } else {
        steps.skip("browser end-to-end tests (coral-e2e)", "the trunk build failed");
    }

    steps.finish()
}

/// trunk, told not to ask crates.io for a newer trunk on every run (noise in the logs, and
/// one more network call CI doesn't need).
fn trunk() -> std::process::Command {
    let mut cmd = process::command("trunk");
    cmd.env("TRUNK_SKIP_VERSION_CHECK", "true");
    cmd
}

fn bench(root: &Path, args: &[String]) -> Result<(), String> {
    process::header("cargo bench -p coral-core");
    let mut bench = cargo();
    bench.args(["bench", "-p", "coral-core"]).args(args).current_dir(root);
    process::run(&mut bench)
}
