//! Support code for the browser end-to-end tests (`tests/app.rs`): find the built `dist/`,
//! serve it, drive headless Chromium through chromedriver, and read the app's state
//! through its DOM contract:
//!
//! - `textarea#editor`: the source text;
//! - `#preview svg`: the drawing, nodes `g.node[data-id]`, edges `.edge[data-from][data-to]`;
//! - `#diagnostics li[data-line][data-col]`: problems (1-based line and column);
//! - `select#examples`, `button#export-svg`, `#stale-badge`, `#status`;
//! - the theme picker `select#theme-picker` (value `""`: as the diagram says) and its
//!   `button#theme-apply`; the SVG's `rect.background` carries the drawn background.
//! - the icon finder: `button#icon-finder-button` (or Ctrl+I), `#icon-finder`, its input
//!   `#icon-finder-input` (with `data-search-ms` on the dialog), tiles `.icon-tile[data-icon]`;
//!   in the SVG, `svg.icon[data-icon]` drawn and `.icon-pending[data-icon]` still to fetch.
//! - sharing and export: the address bar's fragment (`#pako:…`), `#notice` (class `error`
//!   or `info`), the menus `#share-menu-button` (`#copy-link`, `#copy-iframe`,
//!   `#copy-markdown`, `#open-view`) and `#export-menu-button` (`#export-png-1x`,
//!   `#export-png-2x`, `#export-png-width` with `#png-width`, `#png-transparent`,
//!   `#copy-svg`, `#copy-png`, `#save-source`), `#open-file-input`, the block picker
//!   `#block-picker` (`.block-choice[data-index]`, `#block-whole`), `window.coral`;
//! - the read-only view (`/view`, `/embed`, `?view`): `.view` around `#preview.view-stage`,
//!   `.view-controls` (`#view-fit`, `#view-edit`, …), `#view-problem`.
//! - the canvas (`tests/canvas.rs`): `#preview > svg` is placed by the view (CSS variables
//!   on the `<svg>`); a new drawing is patched into it, `#preview[data-shown]` saying how
//!   (`patched <made> <set>`, `patching` while a large patch is under way, `replaced`);
//!   the code layer's rows `.code-layer .row[data-line]` exist only for the lines in view
//!   (`tests/pane.rs`); pointer events on `g.node` / `g.junction` / `g.cluster[data-id]` drag
//!   them, elsewhere pan; the wheel zooms; `#preview` takes Ctrl+Z, arrows and Escape;
//!   selected elements carry `.selected`, their edges `.selected-edge`;
//!   `button#reset-layout`, `button#zoom-out`, `#zoom-reset`, `#zoom-in`, `#zoom-fit`;
//!   `#preview[data-step-ms]` holds the last drag step's core and DOM-patch milliseconds.
//!
//! Every wait polls a condition with a deadline; nothing sleeps for a fixed time.

pub mod driver;
pub mod server;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, Locator, elements::Element};
use serde_json::Value;

use driver::ChromeDriver;
use server::StaticServer;

/// First load: fetch and instantiate the WASM on a busy 2-core machine.
pub const LOAD_TIMEOUT: Duration = Duration::from_secs(60);
/// An edit reaching the preview (a debounce plus one pipeline run).
pub const UPDATE_TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);

/// One browser at a time: the machine has two cores, and parallel Chromiums only make
/// every test slower and flakier.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// The built app: `$CORAL_DIST`, else `<workspace>/dist`. Missing is a failure that says
/// how to build it.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("CORAL_DIST").map_or_else(|| workspace_root().join("dist"), PathBuf::from);
    assert!(
        dist.join("index.html").is_file(),
        "no built app at {} (index.html missing). Run `cargo xtask test`, which builds it with \
         `trunk build --release` before these tests, or set CORAL_DIST to a trunk dist/ folder.",
        dist.display()
    );
    dist
}

/// `target/e2e/`: screenshots and chromedriver logs for humans.
pub fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace_root().join("target"), PathBuf::from);
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

/// A directory removed on drop (the browser profile).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("coral-e2e-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create browser profile dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Serves `dist/`, opens the app in a fresh headless Chromium, runs `body`, and cleans up
/// (session, chromedriver, server, profile) whether `body` passes or panics. On failure a
/// screenshot is saved as `target/e2e/<name>-failure.png`.
pub async fn with_app<F, Fut>(name: &str, body: F)
where
    F: FnOnce(Page) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_app_in(&dist_dir(), name, body).await;
}

/// [`with_app`], serving the app from `dist` (a changed copy of the built app).
pub async fn with_app_in<F, Fut>(dist: &Path, name: &str, body: F)
where
    F: FnOnce(Page) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let _one_at_a_time = SERIAL.lock().await;
    let server = StaticServer::start(dist).expect("start the static file server");
    let artifacts = artifacts_dir();
    let driver = ChromeDriver::start(&artifacts.join(format!("{name}-chromedriver.log")));
    let profile = TempDir::new(name);
    let client = driver.open_browser(&profile.0).await;
    let page = Page { client: client.clone(), base: server.url(), artifacts: artifacts.clone() };

    // The body runs as its own task so that a panic in it comes back here as a value and
    // the browser still gets closed (a leaked Chromium would outlive the test run).
    let outcome = tokio::spawn(async move {
        page.open().await;
        body(page).await;
    })
    .await;
    if outcome.is_err()
        && let Ok(png) = client.screenshot().await
    {
        let path = artifacts.join(format!("{name}-failure.png"));
        if std::fs::write(&path, png).is_ok() {
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }
    let _ = client.close().await;
    drop(driver);
    drop(server);
    drop(profile);
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("test task failed: {e}"),
        }
    }
}

/// The app in the browser, as the tests see it.
#[derive(Clone)]
pub struct Page {
    client: Client,
    base: String,
    artifacts: PathBuf,
}

/// What the page shows at one moment (one script round trip).
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The editor's text; `None` until the app has mounted.
    pub editor: Option<String>,
    pub has_svg: bool,
    pub nodes: Vec<String>,
    /// `(from, to)` per edge.
    pub edges: Vec<(String, String)>,
    pub problems: Vec<Problem>,
    pub status: String,
    /// The stale badge's text when it is shown.
    pub stale: Option<String>,
    pub export_enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub col: u32,
    /// `error`, `warning` or `info` (from the item's class).
    pub severity: String,
    pub text: String,
}

impl Snapshot {
    pub fn has_nodes(&self, ids: &[&str]) -> bool {
        ids.iter().all(|id| self.nodes.iter().any(|n| n == id))
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == "error")
    }
}

/// The app has mounted: the editor, or the read-only view with its stage.
const MOUNTED_JS: &str =
    "return !!(document.querySelector('textarea#editor') || document.querySelector('.view #preview'));";

/// Reads the DOM contract in one go. Edges nested in another matched edge (a `g.edge`
/// wrapping its `path.edge`) count once.
const SNAPSHOT_JS: &str = r#"
const editor = document.querySelector('textarea#editor');
const svg = document.querySelector('#preview svg');
const all = (root, sel) => root ? [...root.querySelectorAll(sel)] : [];
const edgeSel = '.edge[data-from][data-to]';
const badge = document.querySelector('#stale-badge');
const exportButton = document.querySelector('button#export-svg');
const sev = li => ['error', 'warning', 'info'].find(c => li.classList.contains(c)) || '';
return {
  editor: editor ? editor.value : null,
  has_svg: !!svg,
  nodes: all(svg, 'g.node[data-id]').map(n => n.getAttribute('data-id')),
  edges: all(svg, edgeSel)
    .filter(e => !(e.parentElement && e.parentElement.closest(edgeSel)))
    .map(e => [e.getAttribute('data-from'), e.getAttribute('data-to')]),
  problems: all(document, '#diagnostics li[data-line][data-col]').map(li => ({
    line: Number(li.dataset.line), col: Number(li.dataset.col), severity: sev(li),
    text: li.textContent.trim(),
  })),
  status: (document.querySelector('#status') || {}).textContent || '',
  stale: badge && badge.offsetParent !== null ? badge.textContent.trim() : null,
  export_enabled: !!exportButton && !exportButton.disabled,
};
"#;

impl Page {
    /// Turns the mouse wheel by `delta_y` (negative: away from the user, zooming in) with
    /// the pointer at `(x, y)`, in page pixels.
    pub async fn wheel(&self, x: f64, y: f64, delta_y: i64) {
        use fantoccini::actions::{InputSource, WheelAction, WheelActions};
        let wheel = WheelActions::new("wheel".to_string()).then(WheelAction::Scroll {
            duration: None,
            x: x.round() as i64,
            y: y.round() as i64,
            delta_x: 0,
            delta_y,
        });
        self.client().perform_actions(wheel).await.expect("wheel");
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Loads the app and waits until it has mounted its editor.
    async fn open(&self) {
        self.client.goto(&format!("{}/", self.base)).await.expect("navigate to the app");
        self.wait_for("the app to mount (textarea#editor)", LOAD_TIMEOUT, |s| s.editor.is_some()).await;
    }

    /// `http://127.0.0.1:PORT`: where the app is served (no trailing slash).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Opens `base + path` (`/edit#pako:…`, `/view#…`) in a fresh document and waits until
    /// the app has mounted: the editor, or the read-only view's stage. Going through
    /// `about:blank` first makes a fragment-only change a real load.
    pub async fn goto(&self, path: &str) {
        self.client.goto("about:blank").await.expect("navigate to about:blank");
        self.client.goto(&format!("{}{path}", self.base)).await.unwrap_or_else(|e| panic!("navigate to {path}: {e}"));
        self.wait_until(&format!("the app at {path:.60} to mount"), LOAD_TIMEOUT, MOUNTED_JS).await;
    }

    /// Runs `js` (a function body; `return` a value) in the page.
    pub async fn eval(&self, js: &str) -> Value {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{js}"))
    }

    /// Polls `js` (a function body returning a value) until it returns something truthy
    /// (not `false`, `null`, `0` or `""`), and returns that value.
    pub async fn wait_until(&self, what: &str, timeout: Duration, js: &str) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.client.execute(js, vec![]).await.unwrap_or(Value::Null);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}; last value: {v}");
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn snapshot(&self) -> Snapshot {
        let v = self.client.execute(SNAPSHOT_JS, vec![]).await.expect("read the page state");
        parse_snapshot(&v)
    }

    /// Polls until `ready` holds, and returns that snapshot; panics with the last one after
    /// `timeout`, saying what was awaited.
    pub async fn wait_for(&self, what: &str, timeout: Duration, ready: impl Fn(&Snapshot) -> bool) -> Snapshot {
        let deadline = Instant::now() + timeout;
        loop {
            let s = self.snapshot().await;
            if ready(&s) {
                return s;
            }
            if Instant::now() >= deadline {
                panic!("timed out after {timeout:?} waiting for {what}; the page showed:\n{s:#?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find `{css}`: {e}"))
    }

    pub async fn editor(&self) -> Element {
        self.find("textarea#editor").await
    }

    /// Empties the editor the way a person does: select all, delete.
    pub async fn clear_editor(&self) {
        let editor = self.editor().await;
        editor.click().await.expect("focus the editor");
        // Modifier keys stay down until Null, as WebDriver specifies.
        let select_all_delete = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
        editor.send_keys(&select_all_delete).await.expect("select all and delete");
        self.wait_for("the editor to be empty", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some("")).await;
    }

    /// Types `text` at the caret with real key events (`\n` is the Enter key).
    pub async fn type_text(&self, text: &str) {
        let keys: String = text.chars().map(|c| if c == '\n' { char::from(Key::Enter) } else { c }).collect();
        self.editor().await.send_keys(&keys).await.expect("type into the editor");
    }

    /// Empties the editor, types `text` and waits until the nodes `ids` are drawn: the
    /// start of most tests.
    pub async fn write(&self, text: &str, ids: &[&str]) -> Snapshot {
        self.clear_editor().await;
        self.type_text(text).await;
        self.wait_for(&format!("{} drawn", ids.join(", ")), UPDATE_TIMEOUT, |s| s.has_nodes(ids)).await
    }

    /// Moves the caret to the end of the text (ctrl+End).
    pub async fn caret_to_end(&self) {
        let keys = format!("{}{}{}", Key::Control, Key::End, Key::Null);
        self.editor().await.send_keys(&keys).await.expect("ctrl+End");
    }

    /// Saves a screenshot as `target/e2e/<stem>.png` and returns its path.
    pub async fn screenshot(&self, stem: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("take a screenshot");
        let path = self.artifacts.join(format!("{stem}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        eprintln!("screenshot: {}", path.display());
        path
    }
}

fn parse_snapshot(v: &Value) -> Snapshot {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let list = |key: &str| v[key].as_array().cloned().unwrap_or_default();
    Snapshot {
        editor: v["editor"].as_str().map(str::to_string),
        has_svg: v["has_svg"].as_bool().unwrap_or(false),
        nodes: list("nodes").iter().map(text).collect(),
        edges: list("edges").iter().map(|e| (text(&e[0]), text(&e[1]))).collect(),
        problems: list("problems")
            .iter()
            .map(|p| Problem {
                line: p["line"].as_u64().unwrap_or(0) as u32,
                col: p["col"].as_u64().unwrap_or(0) as u32,
                severity: text(&p["severity"]),
                text: text(&p["text"]),
            })
            .collect(),
        status: text(&v["status"]).trim().to_string(),
        stale: v["stale"].as_str().map(str::to_string),
        export_enabled: v["export_enabled"].as_bool().unwrap_or(false),
    }
}
