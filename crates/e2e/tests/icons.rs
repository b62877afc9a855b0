//! Icons in the built app: the finder (Ctrl+I, search, keyboard, click), insertion at the
//! caret and over the icon name the caret is on, and icon files fetched on demand until
//! the preview draws every icon. Needs `dist/` with `dist/icons` (`cargo xtask web-icons`
//! then `trunk build --release`), chromium and chromedriver.

use std::time::{Duration, Instant};

use coral_e2e::{Page, UPDATE_TIMEOUT, with_app};
use fantoccini::key::Key;
use serde_json::{Value, json};

const DIAGRAM: &str =
    "flowchart LR\n  A@{ icon: \"logos:postgresql\", label: \"DB\" }\n  K@{ icon: \"\", label: \"Queue\" }\n  K --> A";

/// Polls the script `js` (its `return` value) until `ready` holds; panics after `timeout`.
async fn poll(page: &Page, what: &str, timeout: Duration, js: &str, ready: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + timeout;
    loop {
        let v = page.client().execute(js, vec![]).await.unwrap_or_else(|e| panic!("{what}: {e}"));
        if ready(&v) {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}; last: {v}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The finder's state: open, focused input, tiles (name, drawn?), the selected tile and
/// the core's search time for the current query.
const FINDER_JS: &str = r#"
const f = document.querySelector('#icon-finder');
const tiles = f ? [...f.querySelectorAll('.icon-tile[data-icon]')] : [];
return {
  open: !!f,
  focused: document.activeElement && document.activeElement.id === 'icon-finder-input',
  query: f ? document.querySelector('#icon-finder-input').value : null,
  tiles: tiles.map(t => [t.dataset.icon, !!t.querySelector('svg.icon-art[viewBox] *')]),
  selected: (tiles.find(t => t.classList.contains('selected')) || {dataset: {}}).dataset.icon || null,
  ms: f ? Number(f.dataset.searchMs) : null,
};
"#;

/// Per node id: its icons drawn (`svg[viewBox]` nested in the node) and pending ones.
const PREVIEW_ICONS_JS: &str = r#"
const svg = document.querySelector('#preview > svg');
if (!svg) return null;
const nodes = {};
for (const n of svg.querySelectorAll('g.node[data-id]')) {
  nodes[n.dataset.id] = {
    drawn: [...n.querySelectorAll('svg[viewBox]')].filter(s => s.children.length > 0).map(s => s.dataset.icon),
    pending: [...n.querySelectorAll('.icon-pending')].map(s => s.dataset.icon),
  };
}
return { nodes, pending: svg.querySelectorAll('.icon-pending').length };
"#;

fn tiles(v: &Value) -> Vec<String> {
    v["tiles"].as_array().into_iter().flatten().filter_map(|t| t[0].as_str().map(str::to_string)).collect()
}

fn tile_drawn(v: &Value, name: &str) -> bool {
    v["tiles"].as_array().into_iter().flatten().any(|t| t[0] == json!(name) && t[1] == json!(true))
}

#[tokio::test]
async fn the_finder_inserts_an_icon_and_the_preview_fetches_and_draws_it() {
    with_app("icon-finder", |page: Page| async move {
        page.clear_editor().await;
        page.type_text(DIAGRAM).await;
        // The first render does not wait for icons: the nodes are there, A's icon pending
        // or already fetched.
        page.wait_for("nodes A and K", UPDATE_TIMEOUT, |s| s.has_nodes(&["A", "K"])).await;

        // Caret between the empty quotes of K's icon: line 3, `icon: "|"` (ASCII text, so
        // the byte offset is the UTF-16 one `setSelectionRange` wants).
        let text = page.snapshot().await.editor.unwrap();
        let caret = text.find("icon: \"\"").unwrap() + "icon: \"".len();
        page.client()
            .execute(
                "const e = document.querySelector('#editor'); e.focus(); e.setSelectionRange(arguments[0], arguments[0]);",
                vec![json!(caret)],
            )
            .await
            .expect("place the caret");

        // Ctrl+I opens the finder with the search box focused.
        let shortcut = format!("{}i{}", Key::Control, Key::Null);
        page.editor().await.send_keys(&shortcut).await.expect("press ctrl+I");
        poll(&page, "the finder to open, input focused", UPDATE_TIMEOUT, FINDER_JS, |v| {
            v["open"] == json!(true) && v["focused"] == json!(true)
        })
        .await;

        // Search time of the core, per keystroke, as the app measured it (performance.now).
        let input = page.find("#icon-finder-input").await;
        let mut timings = Vec::new();
        for (i, c) in "kafka".char_indices() {
            input.send_keys(&c.to_string()).await.expect("type into the finder");
            let want = &"kafka"[..i + c.len_utf8()];
            let v = poll(&page, &format!("results for {want:?}"), UPDATE_TIMEOUT, FINDER_JS, |v| {
                v["query"] == json!(want) && !tiles(v).is_empty()
            })
            .await;
            timings.push((want.to_string(), v["ms"].as_f64().unwrap()));
        }
        eprintln!("icon search time per keystroke (ms): {timings:?}");
        for (q, ms) in &timings {
            assert!(*ms < 50.0, "search for {q:?} took {ms} ms");
        }

        // logos:kafka is among the tiles, first and selected; its picture arrives.
        let v = poll(&page, "logos:kafka drawn in its tile", UPDATE_TIMEOUT, FINDER_JS, |v| {
            tile_drawn(v, "logos:kafka")
        })
        .await;
        let names = tiles(&v);
        assert_eq!(names.first().map(String::as_str), Some("logos:kafka"), "{names:?}");
        assert_eq!(v["selected"], json!("logos:kafka"), "{v}");
        // Let the other visible tiles draw too before the screenshot (each polls on).
        let _ = poll(&page, "the first row of tiles drawn", UPDATE_TIMEOUT, FINDER_JS, |v| {
            v["tiles"].as_array().is_some_and(|t| t.iter().take(6).all(|t| t[1] == json!(true)))
        })
        .await;
        page.screenshot("icon-finder").await;

        // Arrow keys move the selection; Left comes back; Enter inserts.
        input.send_keys(&char::from(Key::Right).to_string()).await.unwrap();
        let v = poll(&page, "selection moved right", UPDATE_TIMEOUT, FINDER_JS, |v| {
            v["selected"] != json!("logos:kafka")
        })
        .await;
        assert_eq!(v["selected"].as_str(), names.get(1).map(String::as_str));
        input.send_keys(&char::from(Key::Left).to_string()).await.unwrap();
        poll(&page, "selection back on kafka", UPDATE_TIMEOUT, FINDER_JS, |v| v["selected"] == json!("logos:kafka"))
            .await;
        input.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
        poll(&page, "the finder to close", UPDATE_TIMEOUT, FINDER_JS, |v| v["open"] == json!(false)).await;

        let expected = DIAGRAM.replace("icon: \"\"", "icon: \"logos:kafka\"");
        let s = page
            .wait_for("logos:kafka inserted at the caret", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some(&expected))
            .await;
        assert_eq!(s.errors().count(), 0, "{s:#?}");

        // Both icons fetched and drawn inside their nodes; nothing left pending.
        let v = poll(&page, "both icons drawn, none pending", UPDATE_TIMEOUT, PREVIEW_ICONS_JS, |v| {
            v["pending"] == json!(0)
                && v["nodes"]["K"]["drawn"] == json!(["logos:kafka"])
                && v["nodes"]["A"]["drawn"] == json!(["logos:postgresql"])
        })
        .await;
        eprintln!("preview icons: {v}");
        page.screenshot("icon-preview").await;

        // Undo takes the insertion back (it went through the editor's undo history).
        let undo = format!("{}z{}", Key::Control, Key::Null);
        page.editor().await.send_keys(&undo).await.expect("ctrl+Z");
        page.wait_for("undo to remove the insertion", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some(DIAGRAM)).await;
        let redo = format!("{}{}z{}", Key::Control, Key::Shift, Key::Null);
        page.editor().await.send_keys(&redo).await.expect("ctrl+shift+Z");
        page.wait_for("redo to put it back", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some(&expected)).await;

        // The toolbar button opens it too; a click on a tile replaces the icon name the
        // caret is on (inside `logos:postgresql`).
        let inside = expected.find("postgresql").unwrap() + 3;
        page.client()
            .execute(
                "const e = document.querySelector('#editor'); e.focus(); e.setSelectionRange(arguments[0], arguments[0]);",
                vec![json!(inside)],
            )
            .await
            .unwrap();
        page.find("#icon-finder-button").await.click().await.expect("click the Icons button");
        poll(&page, "the finder to open again", UPDATE_TIMEOUT, FINDER_JS, |v| v["focused"] == json!(true)).await;
        page.find("#icon-finder-input").await.send_keys("logos:mysql").await.unwrap();
        poll(&page, "logos:mysql among the tiles", UPDATE_TIMEOUT, FINDER_JS, |v| {
            tiles(v).contains(&"logos:mysql".to_string())
        })
        .await;
        page.find(".icon-tile[data-icon='logos:mysql']").await.click().await.expect("click the tile");
        let replaced = expected.replace("logos:postgresql", "logos:mysql");
        page.wait_for("logos:postgresql replaced by logos:mysql", UPDATE_TIMEOUT, |s| {
            s.editor.as_deref() == Some(&replaced)
        })
        .await;
        poll(&page, "mysql drawn", UPDATE_TIMEOUT, PREVIEW_ICONS_JS, |v| {
            v["pending"] == json!(0) && v["nodes"]["A"]["drawn"] == json!(["logos:mysql"])
        })
        .await;

        // The export is the SVG on screen: the fetched icons are in it.
        page.client()
            .execute(
                "window.__blobs = []; const o = URL.createObjectURL.bind(URL); \
                 URL.createObjectURL = b => { window.__blobs.push(b); return o(b); };",
                vec![],
            )
            .await
            .unwrap();
        page.find("button#export-svg").await.click().await.expect("click Export SVG");
        poll(&page, "the export's Blob", UPDATE_TIMEOUT, "return window.__blobs.length", |v| v != &json!(0)).await;
        let exported = page
            .client()
            .execute_async("const done = arguments[0]; window.__blobs[0].text().then(done);", vec![])
            .await
            .unwrap();
        let exported = exported.as_str().unwrap_or_default();
        for icon in ["logos:kafka", "logos:mysql"] {
            assert!(exported.contains(&format!("<svg class=\"icon\" data-icon=\"{icon}\"")), "{icon} not exported");
        }
        assert!(!exported.contains("icon-pending"), "a pending icon in the export");

        // Escape closes without inserting.
        page.editor().await.send_keys(&shortcut).await.unwrap();
        poll(&page, "the finder open", UPDATE_TIMEOUT, FINDER_JS, |v| v["focused"] == json!(true)).await;
        // A broad query fills the grid (screenshot for people), then Escape.
        page.find("#icon-finder-input").await.send_keys("database").await.unwrap();
        let v = poll(&page, "a full first row for `database`", UPDATE_TIMEOUT, FINDER_JS, |v| {
            v["query"] == json!("database")
                && v["tiles"].as_array().is_some_and(|t| t.len() > 12 && t.iter().take(12).all(|t| t[1] == json!(true)))
        })
        .await;
        eprintln!("search `database`: {} tiles in {} ms", tiles(&v).len(), v["ms"]);
        assert!(v["ms"].as_f64().unwrap() < 50.0, "{v}");
        page.screenshot("icon-finder-many").await;

        // The broadest one-letter and pack-narrowed queries (the most names to score and
        // rank); the grid's first tile is the core's own first hit, so the time read is
        // for this query.
        let finder_input = page.find("#icon-finder-input").await;
        let mut worst = (String::new(), 0.0f64);
        for q in ["a", "e", "s", "o", "i", "aws", "mdi:a", "fa:c", "cloud up"] {
            let clear = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
            finder_input.send_keys(&format!("{clear}{q}")).await.unwrap();
            let first = coral_core::icons::search(q, 1)[0].icon.to_string();
            let v = poll(&page, &format!("results for {q:?}"), UPDATE_TIMEOUT, FINDER_JS, |v| {
                v["query"] == json!(q) && tiles(v).first() == Some(&first)
            })
            .await;
            let ms = v["ms"].as_f64().unwrap();
            eprintln!("search {q:?}: {} tiles in {ms} ms", tiles(&v).len());
            if ms > worst.1 {
                worst = (q.to_string(), ms);
            }
        }
        assert!(worst.1 < 50.0, "search for {:?} took {} ms", worst.0, worst.1);
        page.find("#icon-finder-input").await.send_keys(&char::from(Key::Escape).to_string()).await.unwrap();
        poll(&page, "the finder closed by Escape", UPDATE_TIMEOUT, FINDER_JS, |v| v["open"] == json!(false)).await;
        assert_eq!(page.snapshot().await.editor.as_deref(), Some(replaced.as_str()));
    })
    .await;
}

/// An icon whose file fails (answered 404 here, by wrapping the page's `fetch`) stays a
/// placeholder and is asked for once, however often the diagram re-renders.
#[tokio::test]
async fn a_failed_icon_is_fetched_once_and_stays_pending() {
    with_app("icon-404", |page: Page| async move {
        page.client()
            .execute(
                r#"
                window.iconFetches = {};
                const real = window.fetch.bind(window);
                window.fetch = (url, init) => {
                  const u = String(url);
                  window.iconFetches[u] = (window.iconFetches[u] || 0) + 1;
                  return u.endsWith('icons/logos/kafka.svg')
                    ? Promise.resolve(new Response('gone', { status: 404 }))
                    : real(url, init);
                };"#,
                vec![],
            )
            .await
            .expect("wrap fetch");
        page.clear_editor().await;
        page.type_text("flowchart LR\n  A@{ icon: \"logos:kafka\" }\n  P@{ icon: \"logos:postgresql\" }").await;
        poll(&page, "postgresql drawn, kafka pending", UPDATE_TIMEOUT, PREVIEW_ICONS_JS, |v| {
            v["nodes"]["P"]["drawn"] == json!(["logos:postgresql"])
                && v["nodes"]["A"]["pending"] == json!(["logos:kafka"])
        })
        .await;
        // Typing re-renders many times; the failed icon is not asked for again.
        page.type_text("\n  B --> A\n  C --> A").await;
        page.wait_for("nodes A, B, C", UPDATE_TIMEOUT, |s| s.has_nodes(&["A", "B", "C"])).await;
        let v = poll(&page, "kafka still pending", UPDATE_TIMEOUT, PREVIEW_ICONS_JS, |v| {
            v["nodes"]["A"]["pending"] == json!(["logos:kafka"])
        })
        .await;
        let fetches = page.client().execute("return window.iconFetches", vec![]).await.unwrap();
        eprintln!("fetches: {fetches} preview: {v}");
        // Icon files are fetched from the app's root (`/icons/…`), whatever page it is on.
        assert_eq!(fetches["/icons/logos/kafka.svg"], json!(1), "{fetches}");
        assert_eq!(fetches["/icons/logos/postgresql.svg"], json!(1), "{fetches}");
    })
    .await;
}
