//! Chromium under WebDriver: finding the Debian binaries, running chromedriver on a free
//! port (killed on drop), and opening a headless session with the flags this machine
//! needs (no sandbox as root, no background networking on a closed network, a throw-away
//! profile).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// `/usr/bin/NAME` (where Debian puts it), else NAME on PATH. `$env_var` overrides both.
/// Missing is a test failure, never a skip: an e2e suite that silently skips proves nothing.
pub fn find_binary(name: &str, env_var: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(env_var) {
        return PathBuf::from(p);
    }
    let debian = Path::new("/usr/bin").join(name);
    if debian.is_file() {
        return debian;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} not found (looked for ${env_var}, /usr/bin/{name}, and PATH). \
                 Install it with `cargo xtask setup` (Debian packages chromium, chromium-driver)."
            )
        })
}

fn free_port() -> u16 {
    // Bind port 0, read the port, release it for chromedriver. Another process could grab
    // it in between; on a test machine that race is negligible and fails loudly.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free local port");
    listener.local_addr().expect("local address").port()
}

/// A running chromedriver, killed on drop.
pub struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts chromedriver and waits (up to 20 s) until it accepts connections. Its log
    /// goes to `log`, for when a session fails to start.
    pub fn start(log: &Path) -> ChromeDriver {
        let binary = find_binary("chromedriver", "CHROMEDRIVER");
        let port = free_port();
        let log_file = std::fs::File::create(log).unwrap_or_else(|e| panic!("create {}: {e}", log.display()));
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("clone log handle"))
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut driver = ChromeDriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver exited at start ({status}); see {}", log.display());
            }
            assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Opens a headless Chromium session with a fresh profile in `profile` (downloads go
    /// to `profile/downloads`, so an export never lands in the user's home).
    pub async fn open_browser(&self, profile: &Path) -> Client {
        let chromium = find_binary("chromium", "CHROMIUM");
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            format!("--user-data-dir={}", profile.display()),
            "--window-size=1400,900".into(),
        ];
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": args,
                "prefs": {
                    "download.default_directory": profile.join("downloads"),
                    "download.prompt_for_download": false,
                },
            }),
        );
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url())
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session ({}): {e}", chromium.display()))
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
