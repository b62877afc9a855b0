//! Browser timing harness: every example diagram, loaded through the examples menu in the
//! built (release) app, timed twice — the core's own parse + layout + render as the app
//! reports it (`performance.now()` around the call), and the page time from choosing the
//! example until the new drawing is in the page (core, Leptos update, DOM insertion; read
//! by polling, so late by at most one WebDriver round trip, a few milliseconds). Each example is loaded
//! several times and the median is kept. Then the same for typing: an edit appended to the
//! text of each flowchart example, until the redrawn preview is in the page. Results go
//! to `target/e2e/timings.md`.
//!
//! This measures; it does not assert times (timed assertions are flaky on a shared
//! machine). It does assert what must hold: every flowchart example renders nodes, every
//! other example shows a diagnostic instead of crashing.

use coral_e2e::{LOAD_TIMEOUT, Page, artifacts_dir, with_app};

#[path = "../../core/benches/support/cloud.rs"]
mod cloud;

const RUNS: usize = 9;

/// Stamps, on the page clock, when the page first shows something new after an action
/// and when the frame showing it has been painted. Runs before the action: a
/// `MutationObserver` on the preview and the problems list compares their fingerprint
/// (what `STATE_JS` reports) at each batch of changes, so the stamp is taken in the task
/// that changed the page, not when a WebDriver round trip next looks (which was late by
/// up to one round trip, several milliseconds). A `requestAnimationFrame` callback queued
/// then runs in the frame after the one that shows the change has begun, and a message
/// posted from it arrives once that frame has been painted.
const WATCH_JS: &str = r#"
const preview = document.querySelector('#preview');
const problems = document.querySelector('#diagnostics');
const print = () => preview.innerHTML.length + ':' + problems.innerHTML;
const before = print();
window.__coralShownAt = 0;
window.__coralShownPaintedAt = 0;
window.__coralWatch && window.__coralWatch.disconnect();
const watch = new MutationObserver(() => {
  const at = performance.now();
  if (window.__coralShownAt || print() === before) return;
  window.__coralShownAt = at;
  watch.disconnect();
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__coralShownPaintedAt = performance.now(); };
    channel.port2.postMessage(0);
  });
});
for (const el of [preview, problems]) watch.observe(el, { childList: true, subtree: true, attributes: true, characterData: true });
window.__coralWatch = watch;
"#;

/// Chooses an example as the menu's own change handler sees it, stamping the page clock.
const CHOOSE_JS: &str = r#"
const select = document.querySelector('select#examples');
document.querySelector('#editor').focus();
window.__coralActedAt = performance.now();
select.value = arguments[0];
select.dispatchEvent(new Event('change', { bubbles: true }));
"#;

/// What the page shows now: the core time from the status line, nodes drawn, problems
/// listed, and the stamps `WATCH_JS` took, as times since the action (0 while not taken).
const STATE_JS: &str = r#"
const preview = document.querySelector('#preview');
const problems = document.querySelector('#diagnostics');
const status = document.querySelector('#status .status-time');
const since = t => t ? t - window.__coralActedAt : 0;
return {
  status: status ? status.textContent : '',
  nodes: preview.querySelectorAll('g.node[data-id]').length,
  problems: problems.querySelectorAll('li').length,
  shown: since(window.__coralShownAt),
  painted: since(window.__coralShownPaintedAt),
};
"#;

/// What an action took, page time from it: until the page showed something new, and
/// until the frame showing that was painted.
#[derive(Clone, Copy)]
struct Shown {
    shown: f64,
    painted: f64,
}

/// Chooses `value` in the examples menu and waits until the page shows something new and
/// has painted it. Returns the times and the state then (no times when it is already
/// chosen).
async fn choose_and_time(page: &Page, value: &str) -> (Shown, serde_json::Value) {
    let client = page.client();
    let current = client.execute("return document.querySelector('select#examples').value", vec![]).await.expect("menu");
    if current.as_str() == Some(value) {
        let state = client.execute(STATE_JS, vec![]).await.expect("read state");
        return (Shown { shown: 0.0, painted: 0.0 }, state);
    }
    // Let what the last action left queued (a typed change drawn after its frame, a
    // debounced write) finish first: a change it makes would be taken for this one's.
    tokio::time::sleep(SETTLE).await;
    act_and_time(page, CHOOSE_JS, value).await
}

/// How long a choice waits for the page to settle before it is made.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(400);

/// Watches the page (`WATCH_JS`), runs `script` (which stamps `window.__coralActedAt`)
/// with `arg`, then waits for both stamps. Returns them and the state then.
async fn act_and_time(page: &Page, script: &str, arg: &str) -> (Shown, serde_json::Value) {
    let client = page.client();
    let start = std::time::Instant::now();
    // One script, so nothing can change the page between watching and acting.
    client.execute(&format!("{WATCH_JS}{script}"), vec![arg.into()]).await.expect("act on the page");
    loop {
        let now = client.execute(STATE_JS, vec![]).await.expect("read state");
        let (shown, painted) = (now["shown"].as_f64().unwrap_or(0.0), now["painted"].as_f64().unwrap_or(0.0));
        if shown > 0.0 && painted > 0.0 {
            return (Shown { shown, painted }, now);
        }
        assert!(start.elapsed() < LOAD_TIMEOUT, "nothing changed after {arg:?} (the page: {now})");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
}

/// Stamps `window.__coralPaintedAt` once the next frame has been painted: a
/// `requestAnimationFrame` callback runs in that frame, and the first of a timeout and a
/// message queued from it runs once the frame is painted. Queued *before* the action, so
/// its callback runs ahead of the app's own in that frame, and its timeout ahead of any
/// the app queues there (timeouts of one delay run in order): a typed change is drawn in
/// a timeout queued from the keystroke's frame, and a stamp queued after it would wait
/// for that drawing and count it in the keystroke's frame.
const STAMP_PAINT_JS: &str = r#"
window.__coralPaintedAt = 0;
requestAnimationFrame(() => {
  const stamp = () => { if (!window.__coralPaintedAt) window.__coralPaintedAt = performance.now(); };
  setTimeout(stamp, 0);
  const channel = new MessageChannel();
  channel.port1.onmessage = stamp;
  channel.port2.postMessage(0);
});
"#;

/// Types one edit at the end of the text as the browser types a key (`insertText`: the
/// text area changed in place, the caret after it), stamping the page clock; prepend
/// `STAMP_PAINT_JS` to stamp the frame painted after it. (Setting the whole `value`
/// instead, as the harness once did, makes Chrome lay the whole text area out again on
/// every keystroke — about a second on 2,000 lines — a cost real typing never pays.)
const TYPE_AT_CARET_JS: &str = r#"
const editor = document.querySelector('#editor');
if (document.activeElement !== editor) editor.focus();
editor.setSelectionRange(editor.value.length, editor.value.length);
window.__coralActedAt = performance.now();
document.execCommand('insertText', false, arguments[0]);
"#;

/// `script` after `STAMP_PAINT_JS`.
fn stamping_paint(script: &str) -> String {
    format!("{STAMP_PAINT_JS}{script}")
}

/// The painted-frame stamp, once it is there.
const PAINTED_JS: &str = "return window.__coralPaintedAt ? window.__coralPaintedAt - window.__coralActedAt : 0;";

/// Page time from one typed edit to the redrawn preview seen (in the page, and painted),
/// and to the next painted frame.
async fn type_and_time(page: &Page, edit: &str) -> (Shown, f64) {
    let redrawn = act_and_time(page, &stamping_paint(TYPE_AT_CARET_JS), edit).await.0;
    (redrawn, painted_since(page, edit).await)
}

/// Page time from one typed edit that changes nothing drawn to the next painted frame.
async fn type_and_paint(page: &Page, edit: &str) -> f64 {
    page.client().execute(&stamping_paint(TYPE_AT_CARET_JS), vec![edit.into()]).await.expect("type");
    painted_since(page, edit).await
}

/// The painted-frame stamp of the last edit, waited for.
async fn painted_since(page: &Page, edit: &str) -> f64 {
    let start = std::time::Instant::now();
    loop {
        let painted = page.client().execute(PAINTED_JS, vec![]).await.expect("read the paint stamp");
        if let Some(ms) = painted.as_f64().filter(|&ms| ms > 0.0) {
            return ms;
        }
        assert!(start.elapsed() < LOAD_TIMEOUT, "no frame painted after {edit:?}");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
}

/// A kind of edit, and the text typed for the `i`-th run of it.
type Edit = (&'static str, fn(usize) -> String);

/// The machine's load average as the report's last line: the machine is shared, so a
/// figure means something only next to the load it was measured under.
fn load_average() -> String {
    let avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let avg: Vec<&str> = avg.split_whitespace().take(3).collect();
    format!(
        "\nload average (1, 5, 15 min) at the end: {}\n",
        if avg.is_empty() { "–".to_string() } else { avg.join(", ") }
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

#[tokio::test]
async fn time_every_example_in_the_browser() {
    with_app("timing", |page: Page| async move {
        let client = page.client();
        let values = client
            .execute("return [...document.querySelectorAll('select#examples option')].map(o => o.value).filter(v => v)", vec![])
            .await
            .expect("list the examples");
        let values: Vec<String> =
            values.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect();
        assert!(values.len() >= 5, "expected the five seed examples, got {values:?}");
        let mut report = String::from(
            "| example | nodes drawn | core in WASM (median) | choose → drawing in the page (median) | choose → drawing painted (median) |\n|---|---|---|---|---|\n",
        );
        for value in &values {
            let (mut shown, mut painted, mut cores) = (Vec::new(), Vec::new(), Vec::new());
            let mut nodes = 0;
            for _ in 0..RUNS {
                // Switch away first so each run is a real change: to a flowchart, or from
                // one flowchart to the other.
                let other = values
                    .iter()
                    .find(|v| *v != value && (v.starts_with("003") || v.starts_with("004")))
                    .expect("a flowchart example");
                choose_and_time(&page, other).await;
                let (t, r) = choose_and_time(&page, value).await;
                shown.push(t.shown);
                painted.push(t.painted);
                let status = r["status"].as_str().unwrap_or_default();
                if let Some(ms) = status.trim().strip_suffix("ms").and_then(|s| s.trim().parse::<f64>().ok()) {
                    cores.push(ms);
                }
                nodes = r["nodes"].as_u64().unwrap_or(0);
                assert!(nodes > 0, "{value}: no nodes drawn");
            }
            let core = if cores.is_empty() { "–".to_string() } else { format!("{:.1} ms", median(cores)) };
            report.push_str(&format!(
                "| {value} | {nodes} | {core} | {:.1} ms | {:.1} ms |\n",
                median(shown),
                median(painted)
            ));
        }
        // What typing feels like, in every example: each new element really changes the
        // drawing; a comment and a space change nothing drawn.
        report.push_str(
            "\n| example being edited | edit | keystroke → next painted frame (median) | keystroke → redrawn preview in the page / painted (median) |\n|---|---|---|---|\n",
        );
        for value in &values {
            let element: fn(usize) -> String = if value.starts_with("000") || value.starts_with("001") {
                |i| format!("\n    service typed{i}(server)[Typed {i}]")
            } else if value.starts_with("002") {
                |i| format!("\n    Person(typed{i}, \"Typed {i}\")")
            } else {
                |i| format!("\n  Typed{i}[Typed node {i}]")
            };
            let edits: [Edit; 3] =
                [("a new element", element), ("a comment", |i| format!("\n  %% note {i}")), ("a space", |_| " ".to_string())];
            // Leave through an example of another type: choosing one whose text differs
            // from this one only in spaces or comments draws nothing new, which the next
            // choice's timing would wait for in vain.
            let away = if value.starts_with("002") { "003-cloud-web-architecture" } else { "002-c4-ecommerce-platform" };
            for (what, edit) in edits {
                choose_and_time(&page, value).await;
                let (mut redrawn, mut painted) = (Vec::new(), Vec::new());
                for i in 0..RUNS {
                    if what == "a new element" {
                        let (r, p) = type_and_time(&page, &edit(i)).await;
                        redrawn.push(r);
                        painted.push(p);
                    } else {
                        painted.push(type_and_paint(&page, &edit(i)).await);
                    }
                }
                let seen = if redrawn.is_empty() {
                    "– (nothing to redraw)".to_string()
                } else {
                    format!(
                        "{:.1} / {:.1} ms",
                        median(redrawn.iter().map(|r| r.shown).collect()),
                        median(redrawn.iter().map(|r| r.painted).collect())
                    )
                };
                choose_and_time(&page, away).await;
                report.push_str(&format!("| {value} | {what} | {:.1} ms | {seen} |\n", median(painted)));
            }
        }
        report.push_str(&load_average());
        let path = artifacts_dir().join("timings.md");
        std::fs::write(&path, &report).expect("write timings");
        println!("browser timings ({RUNS} runs each, medians), also in {}:\n{report}", path.display());
    })
    .await;
}

/// Drags one element through `arguments[1]` pointer moves, one per animation frame, with
/// synthetic pointer events dispatched on the preview (what the app's handlers receive from
/// a real mouse), and reports per step: the app's handler alone (core move + DOM patches),
/// the handler plus the style and layout it causes (forced by reading a box), and the
/// interval between frames (everything the main thread did in between, paint included).
/// Then the drop (the text written, parsed, laid out and drawn again) and, for
/// comparison, what replacing the whole SVG's DOM once costs.
const DRAG_JS: &str = r#"
const done = arguments[arguments.length - 1];
const [id, steps] = [arguments[0], arguments[1]];
const pane = document.querySelector('#preview');
const el = [...pane.querySelectorAll('svg [data-id]')].find(e => e.dataset.id === id);
if (!el) { done({ error: 'no element ' + id }); return; }
const r = el.getBoundingClientRect();
const x = r.left + Math.min(r.width / 2, 12), y = r.top + Math.min(r.height / 2, 8);
const ev = (type, cx, cy) => new PointerEvent(type, {
  bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true,
  button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1, clientX: cx, clientY: cy,
});
el.dispatchEvent(ev('pointerdown', x, y));
pane.dispatchEvent(ev('pointermove', x + 6, y + 6));
const handler = [], layout = [], frames = [], core = [], patch = [];
let i = 0, last = 0;
const at = k => [x + 6 + 3 * k, y + 6 + 2 * Math.sin(k / 4) * 20];
function tick(now) {
  if (last) frames.push(now - last);
  last = now;
  if (i >= steps) { finish(); return; }
  const [cx, cy] = at(i);
  const t0 = performance.now();
  pane.dispatchEvent(ev('pointermove', cx, cy));
  const t1 = performance.now();
  el.getBoundingClientRect();
  const t2 = performance.now();
  handler.push(t1 - t0);
  layout.push(t2 - t0);
  const [c, p] = (pane.dataset.stepMs || 'NaN NaN').split(' ').map(Number);
  core.push(c);
  patch.push(p);
  i++;
  requestAnimationFrame(tick);
}
function finish() {
  const [cx, cy] = at(i);
  const t0 = performance.now();
  pane.dispatchEvent(ev('pointerup', cx, cy));
  pane.querySelector('svg').getBoundingClientRect();
  const drop = performance.now() - t0;
  const editor = document.querySelector('#editor').value;
  const t1 = performance.now();
  const html = pane.innerHTML;
  pane.innerHTML = html;
  pane.querySelector('svg').getBoundingClientRect();
  const replace = performance.now() - t1;
  done({ handler, layout, frames, core, patch, drop, replace, stored: editor.includes('positions:') });
}
requestAnimationFrame(tick);
"#;

/// The element of the drawing to drag: the node with the most edges, or the cluster with
/// the most members.
const PICK_JS: &str = r#"
const svg = document.querySelector('#preview svg');
const count = {};
for (const e of svg.querySelectorAll('path.edge[data-from][data-to]')) {
  for (const end of [e.dataset.from, e.dataset.to]) count[end] = (count[end] || 0) + 1;
}
const nodes = [...svg.querySelectorAll('g.node[data-id]')].map(n => n.dataset.id);
const node = nodes.sort((a, b) => (count[b] || 0) - (count[a] || 0))[0];
const members = id => svg.querySelectorAll(`[data-parent="${id}"]`).length;
const clusters = [...svg.querySelectorAll('g.cluster[data-id]')].map(c => c.dataset.id);
const cluster = clusters.sort((a, b) => members(b) - members(a))[0] || null;
return [node, count[node] || 0, cluster, cluster ? members(cluster) : 0];
"#;

fn stats(v: &serde_json::Value, key: &str) -> (f64, f64, f64) {
    let mut xs: Vec<f64> = v[key].as_array().into_iter().flatten().filter_map(|x| x.as_f64()).collect();
    xs.sort_by(f64::total_cmp);
    let pick = |q: f64| xs.get(((xs.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(f64::NAN);
    (pick(0.5), pick(0.95), xs.last().copied().unwrap_or(f64::NAN))
}

#[tokio::test]
async fn time_a_drag_step_in_the_browser() {
    with_app("timing-drag", |page: Page| async move {
        let client = page.client();
        let mut report = String::from(
            "| example | dragged | step: handler (median / p95 / max) | of which core (median / p95) and DOM patches (median) | step + style & layout (median / p95 / max) | frame interval (median / max) | frames over 17 ms (at step) | drop → redrawn | whole-SVG DOM replace |\n|---|---|---|---|---|---|---|---|---|\n",
        );
        for value in ["001-multi-cloud-microservices", "004-multi-cloud-service-mesh"] {
            choose_and_time(&page, value).await;
            let pick = client.execute(PICK_JS, vec![]).await.expect("pick what to drag");
            let targets = [
                (pick[0].as_str().map(str::to_string), format!("node, {} edges", pick[1])),
                (pick[2].as_str().map(str::to_string), format!("group, {} members", pick[3])),
            ];
            for (id, what) in targets {
                let Some(id) = id else { continue };
                // Start from the example's own text each time.
                choose_and_time(&page, "003-cloud-web-architecture").await;
                choose_and_time(&page, value).await;
                let r = client.execute_async(DRAG_JS, vec![id.clone().into(), 60.into()]).await.expect("drag");
                assert!(r["error"].is_null(), "{value}: {r}");
                assert_eq!(r["stored"], true, "{value}: the drag of {id} stored no position");
                let (h50, h95, hmax) = stats(&r, "handler");
                let (l50, l95, lmax) = stats(&r, "layout");
                let (f50, _, fmax) = stats(&r, "frames");
                let ((c50, c95, _), (p50, _, _)) = (stats(&r, "core"), stats(&r, "patch"));
                // A frame interval over a 60 Hz frame (and the rounding of the clock) is a
                // frame missed; where, by step, tells a slow start from a slow step.
                let long: Vec<String> = r["frames"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .filter(|(_, f)| f.as_f64().is_some_and(|f| f > 17.0))
                    .map(|(i, f)| format!("{:.0} ms ({})", f.as_f64().unwrap_or(f64::NAN), i + 1))
                    .collect();
                let long = if long.is_empty() { "none".to_string() } else { long.join(", ") };
                report.push_str(&format!(
                    "| {value} | `{id}` ({what}) | {h50:.2} / {h95:.2} / {hmax:.2} ms | {c50:.2} / {c95:.2} ms, {p50:.2} ms | {l50:.2} / {l95:.2} / {lmax:.2} ms | {f50:.1} / {fmax:.1} ms | {long} | {:.1} ms | {:.1} ms |\n",
                    r["drop"].as_f64().unwrap_or(f64::NAN),
                    r["replace"].as_f64().unwrap_or(f64::NAN),
                ));
            }
        }
        report.push_str(&load_average());
        let path = artifacts_dir().join("timings-drag.md");
        std::fs::write(&path, &report).expect("write drag timings");
        println!("drag step timings (60 steps each), also in {}:\n{report}", path.display());
    })
    .await;
}

/// Main-thread tasks over 50 ms from now on (Chromium's Long Tasks API), and a count of
/// the SVGs the preview shows.
const WATCH_TASKS_JS: &str = r#"
window.__coralLongTasks = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__coralLongTasks.push([e.startTime, e.duration]);
}).observe({ type: 'longtask' });
return true;
"#;

/// Page time from one edit typed at the caret to the next painted frame.
async fn type_at_caret(page: &Page, edit: &str) -> f64 {
    page.client().execute(&stamping_paint(TYPE_AT_CARET_JS), vec![edit.into()]).await.expect("type");
    let start = std::time::Instant::now();
    loop {
        let painted = page.client().execute(PAINTED_JS, vec![]).await.expect("read the paint stamp");
        if let Some(ms) = painted.as_f64().filter(|&ms| ms > 0.0) {
            return ms;
        }
        assert!(start.elapsed() < LOAD_TIMEOUT, "no frame painted after {edit:?}");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
}

/// Keystrokes typed this far apart: a quick typist.
const TYPING_EVERY: std::time::Duration = std::time::Duration::from_millis(150);

/// A 2,000-node cloud flowchart (`layout_report --print-cloud 2000`): how long the first
/// drawing takes, then ten keystrokes typed at a typist's pace, each adding a node —
/// keystroke → next painted frame for each, the longest main-thread task from the first
/// keystroke until the last one's node is drawn, and that last wait; then ten comments
/// (nothing drawn changes: the text pane's own cost). Works on builds with
/// and without the layout worker (it reads only the DOM contract), so before and after
/// can be compared.
#[tokio::test]
async fn time_typing_into_a_2000_node_diagram() {
    with_app("timing-large", |page: Page| async move {
        let client = page.client();
        let text = cloud::flowchart(2000);
        let drawn = |id: &str| format!("return !!document.querySelector(\"#preview g.node[data-id='{id}']\");");
        let started = std::time::Instant::now();
        client.execute("window.coral.setText(arguments[0]); return true;", vec![text.into()]).await.expect("set the text");
        page.wait_until("the 2,000-node diagram drawn", std::time::Duration::from_secs(120), &drawn("N1999")).await;
        let first = started.elapsed().as_secs_f64() * 1000.0;
        client.execute(WATCH_TASKS_JS, vec![]).await.expect("watch long tasks");
        let typing = std::time::Instant::now();
        let mut painted = Vec::new();
        for i in 0..10 {
            let edit = format!("\n  N{i} --> Typed{i}[Typed {i}]");
            painted.push(type_at_caret(&page, &edit).await);
            tokio::time::sleep(TYPING_EVERY.saturating_sub(std::time::Duration::from_millis(painted[i] as u64))).await;
        }
        let last_key = std::time::Instant::now();
        page.wait_until("the last keystroke's node drawn", std::time::Duration::from_secs(120), &drawn("Typed9")).await;
        let settled = last_key.elapsed().as_secs_f64() * 1000.0;
        // The core's time as the status shows it (in the worker, where there is one) and
        // the page's share of a worker drawing (`data-handoff-ms`; absent without one).
        let split = client
            .execute(
                "const p = document.querySelector('#layout-progress'); \
                 return [document.querySelector('#status .status-time').textContent, p ? p.dataset.handoffMs + ' ms' : '–'];",
                vec![],
            )
            .await
            .expect("read the core's time");
        let tasks = client.execute("return window.__coralLongTasks;", vec![]).await.expect("read long tasks");
        let tasks: Vec<f64> = tasks.as_array().into_iter().flatten().filter_map(|t| t[1].as_f64()).collect();
        let longest = tasks.iter().copied().fold(0.0, f64::max);
        // The same pace of comments: nothing drawn changes, so no build lays anything out;
        // what is left is the text pane's own work on a 2,000-line text.
        let mut comments = Vec::new();
        for i in 0..10 {
            comments.push(type_at_caret(&page, &format!("\n  %% note {i}")).await);
            tokio::time::sleep(TYPING_EVERY.saturating_sub(std::time::Duration::from_millis(comments[i] as u64))).await;
        }
        let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
        let list = |v: &[f64]| v.iter().map(|p| format!("{p:.0}")).collect::<Vec<_>>().join(", ");
        let mut report = format!(
            "| first drawing | keystroke → next painted frame, new node (median / max of 10) | main-thread tasks over 50 ms while typing them (count, longest) | last keystroke → its node drawn | keystroke → next painted frame, comment (median / max of 10) |\n|---|---|---|---|---|\n\
             | {first:.0} ms | {:.1} / {:.1} ms | {}, {longest:.0} ms | {settled:.0} ms | {:.1} / {:.1} ms |\n\n\
             new node, keystroke → painted frame in order: {} (typing took {:.0} ms)\nlong tasks: {}\ncomment: {}\n\
             last drawing: core {}, page's share of a worker drawing (read again + scene decoded) {}\n",
            median(painted.clone()),
            max(&painted),
            tasks.len(),
            median(comments.clone()),
            max(&comments),
            list(&painted),
            (last_key - typing).as_secs_f64() * 1000.0,
            list(&tasks),
            list(&comments),
            split[0].as_str().unwrap_or("–"),
            split[1].as_str().unwrap_or("–"),
        );
        report.push_str(&load_average());
        let path = artifacts_dir().join("timings-large.md");
        std::fs::write(&path, &report).expect("write timings");
        println!("typing into 2,000 nodes, also in {}:\n{report}", path.display());
    })
    .await;
}
