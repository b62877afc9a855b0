//! Large diagrams are laid out in the layout worker (`src/offload.rs`), and everything
//! that works on a small diagram works on them: the preview follows the text, an answer
//! for an older text never replaces a newer one, diagnostics point at line and column,
//! a click shows an element's definition, a drag writes its position, icons fetched by
//! the page are drawn. And when the worker cannot load, the page draws them itself.
//! Screenshots land in `target/e2e/worker-*.png`.

use std::time::Duration;

use coral_core::model::Point;
use coral_e2e::{LOAD_TIMEOUT, Page, dist_dir, with_app, with_app_in};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};

#[path = "../../core/benches/support/cloud.rs"]
mod cloud;

/// A large layout on a busy 2-core machine takes seconds; waiting for one gets this long.
const LAYOUT_TIMEOUT: Duration = Duration::from_secs(90);

/// Replaces the whole text (as a loaded file does) and waits until `nodes` nodes are drawn.
async fn load(page: &Page, text: &str, nodes: usize) {
    page.client()
        .execute("window.coral.setText(arguments[0]); return true;", vec![text.into()])
        .await
        .expect("set the text");
    page.wait_until(
        &format!("{nodes} nodes drawn"),
        LAYOUT_TIMEOUT,
        &format!("return document.querySelectorAll('#preview g.node[data-id]').length === {nodes};"),
    )
    .await;
}

/// Sets the editor's value to `text` as typing does (an `input` event), caret at the end.
async fn type_as(page: &Page, text: &str) {
    let js = "const a = document.querySelector('#editor'); a.focus(); a.value = arguments[0]; \
              a.setSelectionRange(a.value.length, a.value.length); \
              a.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' })); return true;";
    page.client().execute(js, vec![text.into()]).await.expect("type");
}

async fn node_drawn(page: &Page, id: &str) -> bool {
    let js = format!("return !!document.querySelector(\"#preview g.node[data-id='{id}']\");");
    page.eval(&js).await.as_bool().unwrap_or(false)
}

async fn wait_node(page: &Page, id: &str) {
    let js = format!("return !!document.querySelector(\"#preview g.node[data-id='{id}']\");");
    page.wait_until(&format!("{id} drawn"), LAYOUT_TIMEOUT, &js).await;
}

/// Records, for every drawing the preview shows from now on, which of `ids` it draws. A
/// new drawing is patched into the SVG on screen (or replaces it) and the pane says so in
/// `data-shown` each time (`patching` while a large patch is under way).
async fn watch_preview(page: &Page, ids: &[&str]) {
    let js = r#"
const ids = arguments[0];
window.__coralSeen = [];
const preview = document.querySelector('#preview');
const record = () => {
  const svg = preview.querySelector(':scope > svg');
  const shown = preview.dataset.shown;
  if (!svg || !shown || shown === 'patching') return;
  window.__coralSeen.push(ids.filter(id => svg.querySelector(`g.node[data-id='${id}']`)));
};
new MutationObserver(record).observe(preview, { attributes: true, attributeFilter: ['data-shown'] });
return true;
"#;
    page.client().execute(js, vec![serde_json::json!(ids)]).await.expect("watch the preview");
}

/// Types the first text, and the second in the next animation frame: the app syncs the
/// first in that frame (its own callback was queued first) and sends it to the worker, so
/// the second comes while the first is being laid out. Answers whether the progress bar
/// was on when the second was typed.
const TWO_EDITS_JS: &str = r#"
const [first, second, done] = arguments;
const editor = document.querySelector('#editor');
const type = (text) => {
  editor.value = text;
  editor.setSelectionRange(text.length, text.length);
  editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
};
editor.focus();
type(first);
// A large text is highlighted (and so asked of the worker) just after the frame that shows
// the keystroke: type the second edit in the first frame that finds the first in flight.
let frames = 0;
const next = () => {
  const busy = document.querySelector('#layout-progress').classList.contains('active');
  if (!busy && ++frames < 120) { requestAnimationFrame(next); return; }
  type(second);
  done(busy);
};
requestAnimationFrame(next);
"#;

fn mouse() -> MouseActions {
    MouseActions::new("mouse".to_string())
}

fn to(x: f64, y: f64, ms: u64) -> PointerAction {
    PointerAction::MoveTo { duration: Some(Duration::from_millis(ms)), x: x.round(), y: y.round() }
}

/// The centre of `id`'s box on screen.
async fn centre(page: &Page, id: &str) -> (f64, f64) {
    let js = format!(
        "const r = document.querySelector(\"#preview g.node[data-id='{id}']\").getBoundingClientRect(); \
         return [r.left + r.width / 2, r.top + r.height / 2];"
    );
    let v = page.eval(&js).await;
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

/// The node drawn nearest the middle of the preview pane (the fitted drawing may reach
/// beyond the pane).
async fn near_the_middle(page: &Page) -> String {
    let js = "const p = document.querySelector('#preview').getBoundingClientRect(); \
              const [cx, cy] = [p.left + p.width / 2, p.top + p.height / 2]; let best = null, d = Infinity; \
              for (const n of document.querySelectorAll('#preview g.node[data-id]')) { \
                const r = n.getBoundingClientRect(); const e = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy); \
                if (e < d) { d = e; best = n.dataset.id; } } return best;";
    page.eval(js).await.as_str().expect("a node on screen").to_string()
}

/// Zooms in with the wheel over node `id` until it is big enough to grab (a 2,000-node
/// drawing fitted to the pane draws nodes a few pixels wide).
async fn zoom_in_on(page: &Page, id: &str) {
    let width = format!("document.querySelector(\"#preview g.node[data-id='{id}']\").getBoundingClientRect().width");
    for _ in 0..12 {
        let before = page.eval(&format!("return {width};")).await.as_f64().unwrap_or(0.0);
        if before >= 40.0 {
            return;
        }
        let (x, y) = centre(page, id).await;
        page.wheel(x, y, -400).await;
        page.wait_until(&format!("{id} to grow"), LOAD_TIMEOUT, &format!("return {width} > {before};")).await;
    }
    panic!("{id} did not grow under the wheel");
}

/// The text's stored position of node `id`, as the core reads it.
fn stored(text: &str, id: &str) -> Option<Point> {
    let d = coral_core::syntax::parse(text).diagram;
    d.node_index(id).and_then(|n| d.nodes[n].pinned)
}

#[tokio::test]
async fn a_large_diagram_is_laid_out_in_the_worker_and_behaves_as_a_small_one() {
    with_app("worker-large", |page: Page| async move {
        let base = cloud::flowchart(2000);
        load(&page, &base, 2000).await;
        let progress = page.eval("const p = document.querySelector('#layout-progress'); return [p.classList.contains('active'), p.dataset.dropped];").await;
        assert_eq!(progress, serde_json::json!([false, "0"]), "after the first layout");
        page.screenshot("worker-loaded").await;

        // (a) Two edits in a row: the first is still being laid out when the second is
        // typed, so its answer comes back stale and is dropped; the preview goes straight
        // to the second.
        watch_preview(&page, &["StaleOne", "FreshTwo"]).await;
        let stale = format!("{base}\n  N0 --> StaleOne[Stale one]");
        let fresh = format!("{base}\n  N0 --> FreshTwo[Fresh two]");
        let busy = page
            .client()
            .execute_async(TWO_EDITS_JS, vec![stale.into(), fresh.clone().into()])
            .await
            .expect("type two edits");
        assert_eq!(busy, true, "the first edit was not in flight when the second was typed");
        wait_node(&page, "FreshTwo").await;
        page.wait_until("the progress bar to stop", LAYOUT_TIMEOUT, "return !document.querySelector('#layout-progress').classList.contains('active');").await;
        let seen = page.eval("return window.__coralSeen;").await;
        assert_eq!(seen, serde_json::json!([["FreshTwo"]]), "the preview showed, in order: {seen}");
        let dropped = page.eval("return document.querySelector('#layout-progress').dataset.dropped;").await;
        assert_eq!(dropped, "1", "the first edit's answer was not dropped");
        assert!(!node_drawn(&page, "StaleOne").await);
        assert_eq!(page.snapshot().await.errors().count(), 0);

        // (b) A click on a node selects its definition in the text (spans of the model the
        // page read again). The fitted drawing's nodes are a few pixels wide: zoom in first.
        let target = near_the_middle(&page).await;
        let target = target.as_str();
        zoom_in_on(&page, target).await;
        page.find(&format!("#preview g.node[data-id='{target}']")).await.click().await.expect("click the node");
        let d = coral_core::syntax::parse(&fresh).diagram;
        let n5 = d.nodes[d.node_index(target).unwrap()].span;
        let sel = page
            .wait_until(
                &format!("the selection on {target}'s definition"),
                LOAD_TIMEOUT,
                &format!("const a = document.querySelector('#editor'); return a.selectionStart === {} && [a.selectionStart, a.selectionEnd];", n5.start),
            )
            .await;
        assert_eq!(sel, serde_json::json!([n5.start, n5.end]), "the text is ASCII: bytes are UTF-16 units");

        // (c) A broken line: the problem at its line and column, the last drawing kept.
        let broken = format!("{fresh}\n  N1 --> ");
        type_as(&page, &broken).await;
        let s = page.wait_for("the problem listed", LAYOUT_TIMEOUT, |s| s.errors().count() > 0).await;
        let line = broken.lines().count() as u32;
        let problem = s.errors().next().unwrap();
        assert_eq!(problem.line, line, "{problem:?}");
        let d = coral_core::syntax::parse(&broken).diagnostics;
        let expected = d.iter().find(|d| d.severity == coral_core::Severity::Error).unwrap();
        let at = coral_core::LineIndex::new(&broken).line_col(&broken, expected.span.start);
        assert_eq!((problem.line, problem.col), (at.line, at.col));
        assert_eq!(s.stale.as_deref(), Some("Showing last valid diagram"));
        assert!(node_drawn(&page, "FreshTwo").await, "the last good drawing stays");

        // (d) Dragging that node of the worker's drawing writes its position into the text,
        // and the worker draws it there.
        type_as(&page, &fresh).await;
        page.wait_for("the problem gone", LAYOUT_TIMEOUT, |s| s.errors().count() == 0 && s.stale.is_none()).await;
        let (x, y) = centre(&page, target).await;
        let steps = mouse()
            .then(to(x, y, 0))
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(to(x + 8.0, y + 6.0, 50))
            .then(to(x + 60.0, y + 45.0, 150))
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        page.client().perform_actions(steps).await.expect("drag the node");
        page.client().release_actions().await.expect("release");
        let s = page
            .wait_for("the node's position in the text", LAYOUT_TIMEOUT, |s| {
                s.editor.as_deref().is_some_and(|t| stored(t, target).is_some())
            })
            .await;
        let at = stored(s.editor.as_deref().unwrap(), target).unwrap();
        let want = format!("translate({},{})", at.x, at.y);
        page.wait_until(
            "the node drawn where it was dropped",
            LAYOUT_TIMEOUT,
            // and the patch that put it there finished (a large one runs over several frames).
            &format!(
                "return document.querySelector(\"#preview g.node[data-id='{target}']\").getAttribute('transform') === '{want}' \
                 && document.querySelector('#preview').dataset.shown !== 'patching';"
            ),
        )
        .await;
        let (nx, ny) = centre(&page, target).await;
        assert!((nx - x - 60.0).abs() <= 3.0 && (ny - y - 45.0).abs() <= 3.0, "{target} at {nx},{ny}, dropped at {},{}", x + 60.0, y + 45.0);
        page.screenshot("worker-dragged").await;
    })
    .await;
}

#[tokio::test]
async fn icons_fetched_by_the_page_are_drawn_by_the_worker() {
    with_app("worker-icons", |page: Page| async move {
        let text = format!("{}\n  Db@{{ icon: \"logos:postgresql\", label: \"DB\" }}\n  N0 --> Db\n", cloud::flowchart(600));
        load(&page, &text, 601).await;
        page.wait_until(
            "the icon drawn",
            LAYOUT_TIMEOUT,
            "const n = document.querySelector(\"#preview g.node[data-id='Db']\"); \
             return n && !n.querySelector('.icon-pending') && [...n.querySelectorAll('svg[viewBox]')].some(s => s.children.length > 0);",
        )
        .await;
    })
    .await;
}

/// A copy of the built app whose worker WebAssembly is missing.
fn dist_without_worker() -> std::path::PathBuf {
    let from = dist_dir();
    let to = std::env::temp_dir().join(format!("coral-e2e-{}-no-worker", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(&from, &to);
    std::fs::remove_file(to.join("coral-worker_bg.wasm")).expect("the built app has a worker");
    to
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read dist") {
        let entry = entry.expect("a dist entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

#[tokio::test]
async fn without_a_worker_the_page_draws_large_diagrams_itself() {
    let dist = dist_without_worker();
    with_app_in(&dist, "worker-missing", |page: Page| async move {
        load(&page, &cloud::flowchart(500), 500).await;
        type_as(&page, &format!("{}\n  N0 --> Typed[Typed]", cloud::flowchart(500))).await;
        wait_node(&page, "Typed").await;
        let busy = page.eval("return document.querySelector('#layout-progress').classList.contains('active');").await;
        assert_eq!(busy, false);
    })
    .await;
    let _ = std::fs::remove_dir_all(&dist);
}
