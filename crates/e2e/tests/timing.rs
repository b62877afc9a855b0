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

const RUNS: usize = 5;

/// Chooses an example as the menu's own change handler sees it, stamping the page clock.
const CHOOSE_JS: &str = r#"
const select = document.querySelector('select#examples');
document.querySelector('#editor').focus();
window.__coralActedAt = performance.now();
select.value = arguments[0];
select.dispatchEvent(new Event('change', { bubbles: true }));
"#;

/// What the page shows now: a fingerprint of preview and problems, the core time from the
/// status line, nodes drawn and problems listed.
const STATE_JS: &str = r#"
const preview = document.querySelector('#preview');
const problems = document.querySelector('#diagnostics');
const status = document.querySelector('#status .status-time');
return {
  fingerprint: preview.innerHTML.length + ':' + problems.innerHTML,
  status: status ? status.textContent : '',
  nodes: preview.querySelectorAll('g.node[data-id]').length,
  problems: problems.querySelectorAll('li').length,
  since_act: performance.now() - (window.__coralActedAt || 0),
};
"#;

/// Chooses `value` in the examples menu and waits until the page shows something new. Returns the wall time and
/// the state then (no time when it is already chosen).
async fn choose_and_time(page: &Page, value: &str) -> (f64, serde_json::Value) {
    let client = page.client();
    let current = client.execute("return document.querySelector('select#examples').value", vec![]).await.expect("menu");
    if current.as_str() == Some(value) {
        return (0.0, client.execute(STATE_JS, vec![]).await.expect("read state"));
    }
    act_and_time(page, CHOOSE_JS, value).await
}

/// Runs `script` (which stamps `window.__coralActedAt`) with `arg`, then polls until the
/// page shows something new. Returns the page time since the stamp (exact to within one
/// polling round trip) and the state then.
async fn act_and_time(page: &Page, script: &str, arg: &str) -> (f64, serde_json::Value) {
    let client = page.client();
    let before = client.execute(STATE_JS, vec![]).await.expect("read state")["fingerprint"].clone();
    let start = std::time::Instant::now();
    client.execute(script, vec![arg.into()]).await.expect("act on the page");
    loop {
        let now = client.execute(STATE_JS, vec![]).await.expect("read state");
        if now["fingerprint"] != before {
            return (now["since_act"].as_f64().unwrap_or(f64::NAN), now);
        }
        assert!(start.elapsed() < LOAD_TIMEOUT, "nothing changed after {arg:?}");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
}

/// Types one edit at the end of the editor as an `input` event, stamping the page clock.
const TYPE_JS: &str = r#"
const editor = document.querySelector('#editor');
window.__coralActedAt = performance.now();
editor.value += arguments[0];
editor.dispatchEvent(new Event('input', { bubbles: true }));
"#;

/// Page time from one typed edit to the redrawn preview.
async fn type_and_time(page: &Page, edit: &str) -> f64 {
    act_and_time(page, TYPE_JS, edit).await.0
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
            "| example | nodes drawn | core in WASM (median) | choose → drawing in the page (median) |\n|---|---|---|---|\n",
        );
        for value in &values {
            let (mut walls, mut cores) = (Vec::new(), Vec::new());
            let mut nodes = 0;
            for _ in 0..RUNS {
                // Switch away first so each run is a real change: to a flowchart, or from
                // one flowchart to the other.
                let other = values
                    .iter()
                    .find(|v| *v != value && (v.starts_with("003") || v.starts_with("004")))
                    .expect("a flowchart example");
                choose_and_time(&page, other).await;
                let (wall, r) = choose_and_time(&page, value).await;
                walls.push(wall);
                let status = r["status"].as_str().unwrap_or_default();
                if let Some(ms) = status.trim().strip_suffix("ms").and_then(|s| s.trim().parse::<f64>().ok()) {
                    cores.push(ms);
                }
                nodes = r["nodes"].as_u64().unwrap_or(0);
                assert!(nodes > 0, "{value}: no nodes drawn");
            }
            let core = if cores.is_empty() { "–".to_string() } else { format!("{:.1} ms", median(cores)) };
            report.push_str(&format!("| {value} | {nodes} | {core} | {:.1} ms |\n", median(walls)));
        }
        // What typing feels like: each edit adds a node, so the drawing really changes.
        report.push_str("\n| example being edited | keystroke → redrawn preview (median of 5) |\n|---|---|\n");
        for value in values.iter().filter(|v| v.starts_with("003") || v.starts_with("004")) {
            choose_and_time(&page, value).await;
            let mut times = Vec::new();
            for i in 0..RUNS {
                times.push(type_and_time(&page, &format!("\n  Typed{i}[Typed node {i}]")).await);
            }
            report.push_str(&format!("| {value} | {:.1} ms |\n", median(times)));
        }
        let path = artifacts_dir().join("timings.md");
        std::fs::write(&path, &report).expect("write timings");
        println!("browser timings ({RUNS} runs each, medians), also in {}:\n{report}", path.display());
    })
    .await;
}
