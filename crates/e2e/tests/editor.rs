//! The text pane in headless Chromium: the highlighted layer under the text area (and
//! that it lines up with the text area's own glyphs), squiggles with their messages,
//! completion accepted with Tab, the editor's own undo history across typing and a
//! loaded example, find and replace, comment toggling, click-to-source from the preview,
//! the preview marking what the cursor is on, the shortcuts overlay, and a reload that
//! brings the document back.

use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use fantoccini::key::Key;
use serde_json::Value;

const FLOW: &str = "flowchart LR\n  Alpha[Start] --> Beta{Choice}\n  Beta -->|yes| Gamma[(Store)]";

async fn editor_text(page: &Page) -> String {
    page.snapshot().await.editor.unwrap_or_default()
}

async fn wait_text(page: &Page, what: &str, ready: impl Fn(&str) -> bool) -> String {
    page.wait_for(what, UPDATE_TIMEOUT, |s| s.editor.as_deref().is_some_and(&ready)).await.editor.unwrap()
}

/// Ctrl+`key` (with Shift when `shift`) sent to the editor.
async fn ctrl(page: &Page, key: &str, shift: bool) {
    let keys = if shift {
        format!("{}{}{key}{}", Key::Control, Key::Shift, Key::Null)
    } else {
        format!("{}{key}{}", Key::Control, Key::Null)
    };
    page.editor().await.send_keys(&keys).await.expect("shortcut in the editor");
}

/// `(text, classes)` of every span of the layer's row for 1-based `line`.
async fn row(page: &Page, line: usize) -> Vec<(String, String)> {
    let v = page
        .eval(&format!(
            "const r = document.querySelectorAll('.code-layer .row')[{}];
             return r ? [...r.querySelectorAll('.tx > span')].map(s => [s.textContent, s.className]) : [];",
            line - 1
        ))
        .await;
    v.as_array()
        .into_iter()
        .flatten()
        .map(|p| (p[0].as_str().unwrap_or_default().to_string(), p[1].as_str().unwrap_or_default().to_string()))
        .collect()
}

fn has(row: &[(String, String)], text: &str, class: &str) -> bool {
    row.iter().any(|(t, c)| t == text && c.split(' ').any(|k| k == class))
}

#[tokio::test]
async fn typing_is_highlighted_lined_up_and_squiggled() {
    with_app("editor-highlight", |page: Page| async move {
        page.write(FLOW, &["Alpha", "Beta", "Gamma"]).await;
        page.wait_until("three rows in the layer", UPDATE_TIMEOUT, "return document.querySelectorAll('.code-layer .row').length === 3").await;
        let first = row(&page, 1).await;
        assert!(has(&first, "flowchart", "tok-keyword") && has(&first, "LR", "tok-keyword"), "{first:?}");
        let second = row(&page, 2).await;
        assert!(has(&second, "Alpha", "tok-id"), "{second:?}");
        assert!(has(&second, "Start", "tok-string"), "{second:?}");
        assert!(has(&second, "[", "tok-shape"), "{second:?}");
        assert!(second.iter().any(|(t, c)| t.contains("-->") && c.contains("tok-edge")), "{second:?}");
        // The caret is on the last line, which is the current one.
        let current = page.eval("return [...document.querySelectorAll('.code-layer .row')].findIndex(r => r.classList.contains('current'))").await;
        assert_eq!(current, Value::from(2));

        // The layer's glyphs sit exactly under the text area's: same left edge for the
        // text, same top for every line (measured, not assumed).
        let offsets = page
            .eval(
                "const a = document.querySelector('#editor');
                 const cs = getComputedStyle(a);
                 const ar = a.getBoundingClientRect();
                 const left = ar.left + parseFloat(cs.paddingLeft) + a.clientLeft - a.scrollLeft;
                 const top = ar.top + parseFloat(cs.paddingTop) + a.clientTop - a.scrollTop;
                 const lh = parseFloat(cs.lineHeight);
                 const rows = [...document.querySelectorAll('.code-layer .row')];
                 const span = rows[1].querySelector('.tx > span');
                 const range = document.createRange();
                 range.setStart(span.firstChild, 0);
                 const x = range.getBoundingClientRect().left;
                 return [x - left, ...rows.map((r, i) => r.getBoundingClientRect().top - (top + i * lh))];",
            )
            .await;
        for d in offsets.as_array().expect("numbers") {
            assert!(d.as_f64().unwrap().abs() < 0.6, "layer and text area disagree by {d} px: {offsets}");
        }

        // The caret before a bracket marks it and its partner.
        let at = FLOW.find('[').unwrap();
        page.eval(&format!("const a = document.querySelector('#editor'); a.focus(); a.setSelectionRange({at}, {at}); return true;")).await;
        let pair = page
            .wait_until(
                "the bracket pair marked",
                UPDATE_TIMEOUT,
                "const m = [...document.querySelectorAll('.code-layer .bracket-match')].map(s => s.textContent); return m.length === 2 && m.join('');",
            )
            .await;
        assert_eq!(pair, Value::from("[]"));

        // An error gets a squiggle carrying its message, and the gutter marks the line.
        page.caret_to_end().await;
        page.type_text("\n  Gamma -->").await;
        let note = page
            .wait_until("a squiggle on the broken line", UPDATE_TIMEOUT, "const s = document.querySelector('.code-layer .sq-error'); return s && s.dataset.note;")
            .await;
        assert!(note.as_str().unwrap().contains("error["), "{note}");
        let gutter = page.eval("return document.querySelectorAll('.code-layer .row')[3].querySelector('.ln').className").await;
        assert_eq!(gutter, Value::from("ln error"));
        // Soft wrap (Alt+Z): a long line wraps in the layer exactly as in the text area,
        // so the rows are as tall in total as the text area's own lines.
        page.caret_to_end().await;
        page.type_text(&format!("\n  %% {}", "a long comment that wraps ".repeat(12))).await;
        let alt_z = format!("{}z{}", Key::Alt, Key::Null);
        page.editor().await.send_keys(&alt_z).await.expect("Alt+Z");
        page.wait_until("wrapping on", UPDATE_TIMEOUT, "return document.querySelector('.editor').classList.contains('wrap')").await;
        let heights = page
            .wait_until(
                "the wrapped rows",
                UPDATE_TIMEOUT,
                "const a = document.querySelector('#editor');
                 const cs = getComputedStyle(a);
                 const rows = [...document.querySelectorAll('.code-layer .row')];
                 const layer = rows.reduce((h, r) => h + r.getBoundingClientRect().height, 0);
                 // The text area's content height: its scroll height when it is too short to hold it.
                 const keep = [a.style.bottom, a.style.height];
                 a.style.bottom = 'auto'; a.style.height = '1px';
                 const area = a.scrollHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
                 [a.style.bottom, a.style.height] = keep;
                 return rows.length === 5 && rows[4].getBoundingClientRect().height > 2 * parseFloat(cs.lineHeight) && [layer, area];",
            )
            .await;
        let (layer, area) = (heights[0].as_f64().unwrap(), heights[1].as_f64().unwrap());
        assert!((layer - area).abs() < 1.0, "wrapped heights differ: layer {layer}, text area {area}");
        page.screenshot("editor-wrap").await;
        page.editor().await.send_keys(&alt_z).await.expect("Alt+Z");

        // The text area's own text, made visible, over the layer: for the eye.
        page.eval("document.querySelector('#editor').style.color = 'rgba(255, 0, 0, 0.55)'; return true").await;
        page.screenshot("editor-overlay-check").await;
        page.eval("document.querySelector('#editor').style.color = ''; return true").await;
        page.screenshot("editor-highlight").await;
    })
    .await;
}

#[tokio::test]
async fn completion_offers_ids_and_tab_accepts() {
    with_app("editor-completion", |page: Page| async move {
        page.clear_editor().await;
        page.type_text("flowchart LR\n  Alpha --> Beta\n  Al").await;
        let label = page
            .wait_until(
                "the completion popup offering Alpha",
                UPDATE_TIMEOUT,
                "const a = document.querySelector('#completion .completion-item.active'); return a && a.dataset.label;",
            )
            .await;
        assert_eq!(label, Value::from("Alpha"));
        // The text area names the active option, for screen readers.
        let active = page
            .eval("const e = document.querySelector('#editor'); return [e.getAttribute('aria-activedescendant'), e.getAttribute('aria-controls'), document.querySelector('#completion .completion-item.active').id];")
            .await;
        assert_eq!(active[0], active[2], "{active}");
        assert_eq!(active[1], Value::from("completion"));
        page.screenshot("editor-completion").await;
        page.editor().await.send_keys(&char::from(Key::Tab).to_string()).await.expect("Tab");
        wait_text(&page, "Tab to accept Alpha", |t| t == "flowchart LR\n  Alpha --> Beta\n  Alpha").await;
        assert_eq!(page.eval("return !!document.querySelector('#completion')").await, Value::from(false));
        assert_eq!(page.eval("return document.querySelector('#editor').hasAttribute('aria-activedescendant')").await, Value::from(false));

        // Escape dismisses; Tab then indents instead of accepting.
        page.type_text(" --> Be").await;
        page.wait_until("the popup for Be", UPDATE_TIMEOUT, "return !!document.querySelector('#completion')").await;
        page.editor().await.send_keys(&char::from(Key::Escape).to_string()).await.expect("Escape");
        page.wait_until("the popup to close", UPDATE_TIMEOUT, "return !document.querySelector('#completion')").await;
        page.type_text("\n").await;
        page.editor().await.send_keys(&char::from(Key::Tab).to_string()).await.expect("Tab");
        wait_text(&page, "Tab to indent", |t| t.ends_with("Alpha --> Be\n  ")).await;
        // Shift+Tab outdents again.
        let shift_tab = format!("{}{}{}", Key::Shift, Key::Tab, Key::Null);
        page.editor().await.send_keys(&shift_tab).await.expect("Shift+Tab");
        wait_text(&page, "Shift+Tab to outdent", |t| t.ends_with("Alpha --> Be\n")).await;
        // Escape, then Tab, leaves the editor (the keyboard way out).
        let escape_tab = format!("{}{}", Key::Escape, Key::Tab);
        page.editor().await.send_keys(&escape_tab).await.expect("Escape, Tab");
        page.wait_until(
            "the focus out of the editor",
            UPDATE_TIMEOUT,
            "return document.activeElement && document.activeElement.id !== 'editor'",
        )
        .await;
        assert!(editor_text(&page).await.ends_with("Alpha --> Be\n"), "Tab after Escape must not indent");
    })
    .await;
}

#[tokio::test]
async fn undo_and_redo_cover_typing_and_a_loaded_example() {
    with_app("editor-undo", |page: Page| async move {
        page.write("flowchart LR\n  A --> B", &["A", "B"]).await;
        // Load an example: the whole text is replaced (directly, as one step).
        let example = page
            .eval("const s = document.querySelector('select#examples'); return [...s.options].map(o => o.value).find(v => v.startsWith('003'));")
            .await;
        let example = example.as_str().expect("example 003").to_string();
        page.eval(&format!(
            "const s = document.querySelector('select#examples'); s.value = '{example}'; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
        ))
        .await;
        let loaded = wait_text(&page, "the example in the editor", |t| t.starts_with("flowchart") && t.len() > 500).await;
        ctrl(&page, "z", false).await;
        wait_text(&page, "undo to bring the typed text back", |t| t == "flowchart LR\n  A --> B").await;
        page.wait_for("A and B drawn again", UPDATE_TIMEOUT, |s| s.has_nodes(&["A", "B"]) && s.nodes.len() == 2).await;
        ctrl(&page, "z", true).await;
        wait_text(&page, "redo to bring the example back", |t| t == loaded).await;
        ctrl(&page, "z", false).await;
        wait_text(&page, "undo again", |t| t == "flowchart LR\n  A --> B").await;
        // Typing in a row is one step; a pause or a line break starts another.
        page.caret_to_end().await;
        page.type_text("\n  B --> C").await;
        wait_text(&page, "the typed line", |t| t.ends_with("B --> C")).await;
        ctrl(&page, "z", false).await;
        wait_text(&page, "undo of the typed characters", |t| t == "flowchart LR\n  A --> B\n").await;
        ctrl(&page, "y", false).await;
        wait_text(&page, "Ctrl+Y redoes", |t| t == "flowchart LR\n  A --> B\n  B --> C").await;
        // An input method's composition (kana, then the chosen kanji) is one step, however
        // many inputs it made on the way.
        page.type_text(" --> ").await;
        page.eval(
            "const e = document.querySelector('#editor');
             const base = e.value;
             e.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
             for (const t of ['か', 'かん', '漢']) {
               e.value = base + t;
               e.setSelectionRange(e.value.length, e.value.length);
               e.dispatchEvent(new InputEvent('input', { inputType: 'insertCompositionText', data: t, isComposing: true, bubbles: true }));
             }
             e.dispatchEvent(new CompositionEvent('compositionend', { data: '漢' }));
             return true;",
        )
        .await;
        wait_text(&page, "the composed character", |t| t.ends_with("C --> 漢")).await;
        page.wait_for("the composed node drawn", UPDATE_TIMEOUT, |s| s.has_nodes(&["漢"])).await;
        ctrl(&page, "z", false).await;
        let undone = wait_text(&page, "one undo for the composition", |t| !t.contains('漢')).await;
        assert!(!undone.contains('か'), "no kana left behind: {undone:?}");
    })
    .await;
}

#[tokio::test]
async fn find_replace_and_comment_toggling() {
    with_app("editor-find", |page: Page| async move {
        page.write("flowchart LR\n  Old --> B\n  B --> Old", &["Old", "B"]).await;
        ctrl(&page, "h", false).await;
        page.wait_until(
            "the find bar with its replace row",
            UPDATE_TIMEOUT,
            "return !!document.querySelector('#find-bar #replace-input')",
        )
        .await;
        page.find("#find-input").await.send_keys("old").await.expect("type the query");
        let count = page
            .wait_until(
                "two matches",
                UPDATE_TIMEOUT,
                "const c = document.querySelector('#find-count').textContent; return c.includes('2') && c;",
            )
            .await;
        assert_eq!(count, Value::from("2 found"));
        let marked = page
            .eval("return document.querySelectorAll('.code-layer .find-hit, .code-layer .find-current').length")
            .await;
        assert_eq!(marked, Value::from(2));
        page.find("#replace-input").await.send_keys("New").await.expect("type the replacement");
        page.screenshot("editor-find").await;
        page.find("#replace-all").await.click().await.expect("Replace all");
        wait_text(&page, "every match replaced", |t| t == "flowchart LR\n  New --> B\n  B --> New").await;
        page.find("#find-input").await.send_keys(&char::from(Key::Escape).to_string()).await.expect("Escape");
        page.wait_until("the find bar to close", UPDATE_TIMEOUT, "return !document.querySelector('#find-bar')").await;
        ctrl(&page, "z", false).await;
        wait_text(&page, "undo of the replacement", |t| t == "flowchart LR\n  Old --> B\n  B --> Old").await;

        // Ctrl+/ comments the caret's line out, and in again.
        page.caret_to_end().await;
        ctrl(&page, "/", false).await;
        wait_text(&page, "the last line commented", |t| t.ends_with("\n  %% B --> Old")).await;
        page.wait_for("the edge gone from the preview", UPDATE_TIMEOUT, |s| s.edges.len() == 1).await;
        ctrl(&page, "/", false).await;
        wait_text(&page, "the last line back", |t| t.ends_with("\n  B --> Old")).await;
    })
    .await;
}

#[tokio::test]
async fn clicking_an_element_shows_its_definition_and_the_cursor_marks_the_preview() {
    with_app("editor-links", |page: Page| async move {
        page.write(FLOW, &["Alpha", "Beta", "Gamma"]).await;
        let d = coral_core::syntax::parse(FLOW).diagram;
        let gamma = &d.nodes[d.node_index("Gamma").unwrap()];
        // A click (no movement) on Gamma in the preview selects its definition.
        page.find("#preview g.node[data-id='Gamma']").await.click().await.expect("click Gamma");
        let sel = page
            .wait_until(
                "the editor selection on Gamma's definition",
                UPDATE_TIMEOUT,
                &format!("const a = document.querySelector('#editor'); return a.selectionStart === {} && [a.selectionStart, a.selectionEnd];", gamma.span.start),
            )
            .await;
        assert_eq!(sel, serde_json::json!([gamma.span.start, gamma.span.end]), "FLOW is ASCII: bytes are UTF-16 units");
        page.wait_until("Gamma marked as under the cursor", UPDATE_TIMEOUT, "return document.querySelector(\"#preview g.node[data-id='Gamma']\").classList.contains('linked')").await;

        // Moving the cursor onto another mention of Beta marks Beta.
        let beta_mention = FLOW.rfind("Beta").unwrap() + 1;
        page.eval(&format!("const a = document.querySelector('#editor'); a.focus(); a.setSelectionRange({beta_mention}, {beta_mention}); return true;")).await;
        page.wait_until("Beta marked", UPDATE_TIMEOUT, "return document.querySelector(\"#preview g.node[data-id='Beta']\").classList.contains('linked')").await;
        let others = page.eval("return [...document.querySelectorAll('#preview .linked')].map(e => e.dataset.id)").await;
        assert_eq!(others, serde_json::json!(["Beta"]));
        page.screenshot("editor-linked").await;
    })
    .await;
}

#[tokio::test]
async fn shortcuts_overlay_and_a_reload_that_keeps_the_document() {
    with_app("editor-help-reload", |page: Page| async move {
        page.write("flowchart TD\n  Kept --> Safe", &["Kept", "Safe"]).await;
        // F1 opens the overlay anywhere; Escape closes it. `?` in the editor is text.
        page.editor().await.send_keys(&char::from(Key::F1).to_string()).await.expect("F1");
        page.wait_until("the shortcuts overlay", UPDATE_TIMEOUT, "return !!document.querySelector('#shortcuts')").await;
        page.screenshot("editor-shortcuts").await;
        page.editor().await.send_keys(&char::from(Key::Escape).to_string()).await.expect("Escape");
        page.wait_until("the overlay to close", UPDATE_TIMEOUT, "return !document.querySelector('#shortcuts')").await;
        assert_eq!(editor_text(&page).await, "flowchart TD\n  Kept --> Safe");

        page.goto("/").await;
        page.wait_for("the document after a reload", LOAD_TIMEOUT, |s| s.has_nodes(&["Kept", "Safe"])).await;
        assert_eq!(editor_text(&page).await, "flowchart TD\n  Kept --> Safe");
        // The history starts fresh with the page: Ctrl+Z has nothing to undo.
        ctrl(&page, "z", false).await;
        assert_eq!(editor_text(&page).await, "flowchart TD\n  Kept --> Safe");
    })
    .await;
}

#[tokio::test]
async fn a_browser_that_refuses_to_store_gets_a_message_and_the_text_stays() {
    with_app("editor-storage-refused", |page: Page| async move {
        page.clear_editor().await;
        // Storage full (or private mode): every write throws, as Safari's and Chrome's do.
        page.eval("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; return true;").await;
        page.type_text("flowchart LR\n  Kept --> InMemory").await;
        page.wait_for("the diagram still drawn", UPDATE_TIMEOUT, |s| s.has_nodes(&["Kept", "InMemory"])).await;
        let notice = page
            .wait_until("the storage notice", UPDATE_TIMEOUT, "const n = document.querySelector('#notice.error'); return n && n.textContent;")
            .await;
        assert!(notice.as_str().unwrap().contains("would not save"), "{notice}");
        assert_eq!(editor_text(&page).await, "flowchart LR\n  Kept --> InMemory");
    })
    .await;
}
