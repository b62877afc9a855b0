//! The built app in headless Chromium, driven like a person would: typing, picking an
//! example, exporting. Needs `dist/` (built by `cargo xtask test`), chromium and
//! chromedriver; missing any of them fails the test with instructions.

use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};

const FLOWCHART: &str = "flowchart LR\n  A[Start] --> B{Choice}\n  B -->|yes| C[(Store)]";
const BROKEN_LINE: &str = "\n  A -->";

/// Where the core puts the first error of `text`, as (1-based line, 1-based column): the
/// app must show the same place.
fn first_error_position(text: &str) -> (u32, u32) {
    let out = coral_core::render(text);
    let error = out
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("the core reports no error for {text:?}; the test needs a broken diagram"));
    let at = coral_core::LineIndex::new(text).line_col(text, error.span.start);
    (at.line, at.col)
}

#[tokio::test]
async fn typing_draws_the_diagram_and_an_error_keeps_the_last_good_one() {
    with_app("typing", |page: Page| async move {
        // (a) Replace whatever the app starts with by a typed flowchart.
        page.clear_editor().await;
        page.type_text(FLOWCHART).await;
        let drawn = page
            .wait_for("nodes A, B, C and 2 edges in the preview", UPDATE_TIMEOUT, |s| {
                s.has_nodes(&["A", "B", "C"]) && s.edges.len() == 2
            })
            .await;
        assert_eq!(drawn.editor.as_deref(), Some(FLOWCHART), "the editor holds exactly what was typed");
        assert_eq!(drawn.nodes.len(), 3, "{drawn:#?}");
        assert!(drawn.edges.contains(&("A".into(), "B".into())), "{drawn:#?}");
        assert!(drawn.edges.contains(&("B".into(), "C".into())), "{drawn:#?}");
        assert_eq!(drawn.errors().count(), 0, "{drawn:#?}");
        page.screenshot("typing-flowchart").await;

        // (b) Break it: an edge with no target on a new line 4.
        page.caret_to_end().await;
        page.type_text(BROKEN_LINE).await;
        let broken = format!("{FLOWCHART}{BROKEN_LINE}");
        let (line, col) = first_error_position(&broken);
        assert_eq!(line, 4, "the core should blame the new line");
        let shown = page
            .wait_for(&format!("an error at {line}:{col} in #diagnostics"), UPDATE_TIMEOUT, |s| {
                s.errors().any(|p| p.line == line && p.col == col)
            })
            .await;
        assert_eq!(shown.editor.as_deref(), Some(broken.as_str()));
        // The preview keeps the last good drawing, and says so.
        assert!(shown.has_nodes(&["A", "B", "C"]), "nodes gone after an error: {shown:#?}");
        assert!(shown.stale.is_some(), "no #stale-badge over the last good diagram: {shown:#?}");
        page.screenshot("typing-error").await;
    })
    .await;
}

/// The values of the examples menu's options.
/// Waits until the diagram lies inside the pane and fills it one way: the view was fitted.
async fn wait_fitted(page: &Page, example: &str) {
    page.wait_until(
        &format!("example {example} fitted"),
        UPDATE_TIMEOUT,
        "const svg = document.querySelector('#preview svg[aria-roledescription]'), pane = document.querySelector('#preview');
         if (!svg || !pane) return false;
         const d = svg.getBoundingClientRect(), p = pane.getBoundingClientRect();
         const inside = d.left >= p.left - 2 && d.top >= p.top - 2 && d.right <= p.right + 2 && d.bottom <= p.bottom + 2;
         return inside && (d.width >= 0.85 * p.width || d.height >= 0.85 * p.height);",
    )
    .await;
}

async fn example_values(page: &Page) -> Vec<String> {
    let values = page
        .client()
        .execute("return [...document.querySelectorAll('select#examples option')].map(o => o.value)", vec![])
        .await
        .expect("list the examples");
    values.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

#[tokio::test]
async fn examples_menu_loads_the_flowchart_seeds() {
    with_app("examples", |page: Page| async move {
        let values = example_values(&page).await;
        for (prefix, nodes) in [("003", 28), ("004", 99)] {
            let seed = values
                .iter()
                .find(|v| v.starts_with(prefix))
                .unwrap_or_else(|| panic!("no example whose value starts with {prefix} in {values:?}"));
            page.find("select#examples").await.select_by_value(seed).await.expect("pick the example");
            let what = format!("{nodes} nodes of example {prefix}");
            let shown = page.wait_for(&what, LOAD_TIMEOUT, |s| s.nodes.len() == nodes).await;
            assert_eq!(shown.errors().count(), 0, "a seed example has errors: {:#?}", shown.problems);
            assert!(!shown.edges.is_empty(), "{shown:#?}");
            // Another diagram altogether: the view fits it (004 after 003 share an id or two).
            wait_fitted(&page, prefix).await;
            page.screenshot(&format!("example-{prefix}")).await;
        }
    })
    .await;
}

#[tokio::test]
async fn examples_menu_loads_the_architecture_seeds_with_every_icon() {
    with_app("examples-architecture", |page: Page| async move {
        let values = example_values(&page).await;
        for (prefix, services) in [("000", 31), ("001", 51)] {
            let seed = values
                .iter()
                .find(|v| v.starts_with(prefix))
                .unwrap_or_else(|| panic!("no example whose value starts with {prefix} in {values:?}"));
            page.find("select#examples").await.select_by_value(seed).await.expect("pick the example");
            let what = format!("{services} services of example {prefix}");
            let shown = page.wait_for(&what, LOAD_TIMEOUT, |s| s.nodes.len() == services).await;
            assert_eq!(shown.errors().count(), 0, "a seed example has errors: {:#?}", shown.problems);
            // Icons arrive after the first render: wait until none is pending, and none is missing.
            let start = std::time::Instant::now();
            loop {
                let left = page
                    .client()
                    .execute(
                        "const s = document.querySelector('#preview svg'); \
                         return s ? [s.querySelectorAll('.icon-pending').length, s.querySelectorAll('.icon-missing').length, \
                         s.querySelectorAll('g.node svg[viewBox]').length] : [-1, -1, 0];",
                        vec![],
                    )
                    .await
                    .expect("count icons");
                let n: Vec<i64> = left.as_array().into_iter().flatten().filter_map(|v| v.as_i64()).collect();
                if n == [0, 0, services as i64] {
                    break;
                }
                assert!(start.elapsed() < LOAD_TIMEOUT, "icons of example {prefix} not all drawn: {n:?}");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            // 001 after 000: many ids in common, and still another document, fitted.
            wait_fitted(&page, prefix).await;
            page.screenshot(&format!("example-{prefix}")).await;
        }
    })
    .await;
}

#[tokio::test]
async fn examples_menu_loads_the_c4_seed_with_every_rel_r_target_to_the_right() {
    with_app("examples-c4", |page: Page| async move {
        let values = example_values(&page).await;
        let seed = values.iter().find(|v| v.starts_with("002")).expect("the C4 seed is in the examples menu");
        page.find("select#examples").await.select_by_value(seed).await.expect("pick the example");
        let shown = page.wait_for("20 elements of example 002", LOAD_TIMEOUT, |s| s.nodes.len() == 20).await;
        assert_eq!(shown.errors().count(), 0, "the C4 seed has errors: {:#?}", shown.problems);
        assert_eq!(shown.edges.len(), 22, "{shown:#?}");
        // Every relation of the seed is `Rel_R`: where the browser draws them, each target
        // stands right of its source; and the Dracula background is what is painted.
        let facts = page
            .client()
            .execute(
                "const s = document.querySelector('#preview svg'); \
                 const box = id => s.querySelector(`g.node[data-id=\"${id}\"]`).getBoundingClientRect(); \
                 const wrong = [...s.querySelectorAll('path.edge')].filter(e => \
                   box(e.dataset.to).left <= box(e.dataset.from).right - 1).map(e => e.dataset.id); \
                 return [wrong, s.querySelectorAll('g.cluster').length, \
                   s.querySelector('rect.background').getAttribute('fill')];",
                vec![],
            )
            .await
            .expect("read the drawing");
        assert_eq!(facts[0].as_array().map(Vec::len), Some(0), "relations whose target is not right: {facts}");
        assert_eq!(facts[1].as_i64(), Some(6), "{facts}");
        assert_eq!(facts[2].as_str(), Some("#282a36"), "{facts}");
        page.screenshot("example-002").await;
    })
    .await;
}

/// The export hands a Blob to `URL.createObjectURL` and clicks a download link; the test
/// captures that Blob instead of reading a downloaded file.
const CAPTURE_BLOBS_JS: &str = r#"
window.__coralBlobs = [];
const original = URL.createObjectURL.bind(URL);
URL.createObjectURL = blob => { window.__coralBlobs.push(blob); return original(blob); };
"#;

const READ_FIRST_BLOB_JS: &str = r#"
const done = arguments[arguments.length - 1];
const blob = window.__coralBlobs[0];
blob.text().then(text => done({ type: blob.type, text }), e => done({ error: String(e) }));
"#;

#[tokio::test]
async fn export_svg_hands_over_the_preview() {
    with_app("export", |page: Page| async move {
        page.clear_editor().await;
        page.type_text("flowchart LR\n  A --> B").await;
        page.wait_for("nodes A and B, and Export enabled", UPDATE_TIMEOUT, |s| {
            s.has_nodes(&["A", "B"]) && s.export_enabled
        })
        .await;

        let client = page.client();
        client.execute(CAPTURE_BLOBS_JS, vec![]).await.expect("install the Blob capture");
        page.find("button#export-svg").await.click().await.expect("click Export SVG");

        let deadline = std::time::Instant::now() + UPDATE_TIMEOUT;
        while client.execute("return window.__coralBlobs.length", vec![]).await.expect("poll").as_u64() == Some(0) {
            assert!(std::time::Instant::now() < deadline, "Export SVG created no Blob");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let blob = client.execute_async(READ_FIRST_BLOB_JS, vec![]).await.expect("read the Blob");
        assert!(blob["error"].is_null(), "reading the Blob failed: {blob}");
        let text = blob["text"].as_str().unwrap_or_default();
        assert!(text.starts_with("<svg"), "export is not an SVG document: {:.200}", text);
        assert!(text.contains("data-id=\"A\"") && text.contains("data-id=\"B\""), "nodes missing: {:.500}", text);
        assert!(blob["type"].as_str().unwrap_or_default().starts_with("image/svg+xml"), "Blob type: {}", blob["type"]);
    })
    .await;
}
