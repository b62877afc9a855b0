//! What keeps the editor fast on long texts and large drawings, checked for what it must
//! still show: the code layer makes rows only for the lines in view, and they are the
//! right lines, numbered and lined up with the text area wherever it is scrolled; a new
//! drawing is patched into the `<svg>` on screen, which then holds exactly what the
//! core wrote (typed, deleted, relabelled, dragged).

use coral_e2e::{Page, UPDATE_TIMEOUT, with_app};
use serde_json::Value;

/// A flowchart of `n` lines after its header: one node per line.
fn long_text(n: usize) -> String {
    let mut s = String::from("flowchart TD\n");
    for i in 0..n {
        s.push_str(&format!("  N{i}[Node number {i}] --> N{}\n", i + 1));
    }
    s
}

/// Every row the layer made: `[data-line, gutter text, row text, top, current]`, with the
/// text area's own measures.
const ROWS_JS: &str = r#"
const area = document.querySelector('#editor');
const cs = getComputedStyle(area);
const rows = [...document.querySelectorAll('.code-layer .row')].map(r => [
  Number(r.dataset.line), r.querySelector('.ln').textContent, r.querySelector('.tx').textContent,
  r.getBoundingClientRect().top, r.classList.contains('current'),
]);
return { rows, top: area.getBoundingClientRect().top, scroll: area.scrollTop,
  line: parseFloat(cs.lineHeight), pad: parseFloat(cs.paddingTop), value: area.value };
"#;

/// Checks that every row made is its line of the text, numbered, at the height where the
/// text area draws that line (to a pixel); returns the line numbers made.
fn check_rows(v: &Value) -> Vec<u64> {
    let lines: Vec<&str> = v["value"].as_str().expect("the text").split('\n').collect();
    let (top, scroll, line, pad) = (
        v["top"].as_f64().unwrap(),
        v["scroll"].as_f64().unwrap(),
        v["line"].as_f64().unwrap(),
        v["pad"].as_f64().unwrap(),
    );
    let rows = v["rows"].as_array().expect("rows");
    let mut made = Vec::new();
    for r in rows {
        let n = r[0].as_u64().expect("data-line");
        assert_eq!(r[1].as_str(), Some(n.to_string().as_str()), "the gutter of line {n}");
        assert_eq!(r[2].as_str(), Some(lines[n as usize - 1]), "the text of line {n}");
        let expected = top + pad + (n - 1) as f64 * line - scroll;
        let at = r[3].as_f64().unwrap();
        assert!((at - expected).abs() <= 1.0, "line {n} drawn at {at}, the text area has it at {expected}");
        made.push(n);
    }
    assert!(made.windows(2).all(|w| w[1] == w[0] + 1), "rows are consecutive lines: {made:?}");
    made
}

#[tokio::test]
async fn a_long_text_gets_rows_only_for_the_lines_in_view_and_they_line_up_when_scrolled() {
    with_app("pane-rows", |page: Page| async move {
        let text = long_text(1200);
        page.eval(&format!("window.coral.setText({}); return true;", serde_json::to_string(&text).unwrap())).await;
        page.wait_until("the first rows", UPDATE_TIMEOUT, "return !!document.querySelector('.code-layer .row[data-line=\"1\"]')").await;
        let v = page.eval(ROWS_JS).await;
        let made = check_rows(&v);
        assert_eq!(made[0], 1);
        assert!(made.len() < 200, "{} rows made for a text of 1,201 lines", made.len());

        // Scrolled to the middle: the rows there, lined up; the gutter is wide enough for
        // four digits.
        page.eval("const a = document.querySelector('#editor'); a.scrollTop = 700 * parseFloat(getComputedStyle(a).lineHeight); return true;").await;
        page.wait_until("rows around line 700", UPDATE_TIMEOUT, "return !!document.querySelector('.code-layer .row[data-line=\"720\"]')").await;
        let v = page.eval(ROWS_JS).await;
        let made = check_rows(&v);
        assert!(made.first().is_some_and(|&f| f > 1) && made.len() < 200, "{made:?}");

        // The caret's line is marked where it is, and only there.
        page.eval("const a = document.querySelector('#editor'); a.focus(); const at = a.value.split('\\n').slice(0, 709).join('\\n').length + 1; a.setSelectionRange(at, at); return true;").await;
        page.wait_until("line 710 current", UPDATE_TIMEOUT, "const r = document.querySelector('.code-layer .row[data-line=\"710\"]'); return r && r.classList.contains('current');").await;
        let current = page.eval("return [...document.querySelectorAll('.code-layer .row.current')].map(r => r.dataset.line)").await;
        assert_eq!(current, serde_json::json!(["710"]));

        // Typing there changes that row and leaves the others as they were.
        page.type_text("X").await;
        page.wait_until("the typed row", UPDATE_TIMEOUT, "const r = document.querySelector('.code-layer .row[data-line=\"710\"] .tx'); return r && r.textContent.startsWith('X');").await;
        check_rows(&page.eval(ROWS_JS).await);

        // At the very end, the last line is made and lined up.
        page.eval("const a = document.querySelector('#editor'); a.scrollTop = a.scrollHeight; return true;").await;
        page.wait_until("the last row", UPDATE_TIMEOUT, "return !!document.querySelector('.code-layer .row[data-line=\"1202\"]')").await;
        let made = check_rows(&page.eval(ROWS_JS).await);
        // The text ends with a line break: its last line is the empty 1,202nd.
        assert_eq!(made.last(), Some(&1202));
        page.screenshot("pane-rows-end").await;
    })
    .await;
}

/// The SVG on screen and the one the core wrote (`window.coral.getSvg()`), each as a
/// canonical string: elements, attributes in order of name, text. The diagram's id is
/// written as `ID` in both, in attributes and style sheets (the pane keeps the id it first
/// showed), and the root's placement (`style`) and the marks the app
/// puts on elements (`linked`, `selected`, …) are left out.
const SAME_SVG_JS: &str = r#"
const shown = document.querySelector('#preview > svg');
const written = new DOMParser().parseFromString(window.coral.getSvg(), 'image/svg+xml').documentElement;
const marks = new Set(['linked', 'selected', 'selected-edge', 'dragging']);
const canon = (el, id) => {
  if (el.nodeType === 3) {
    // The style sheet names the diagram's id; text the diagram shows is compared as is.
    const data = el.parentNode.localName === 'style' ? el.data.split(id).join('ID') : el.data;
    return data.trim() ? 'T(' + data + ')' : '';
  }
  if (el.nodeType !== 1) return '';
  // The root's `style` is the view's placement (preview.rs), not the drawing's.
  const attrs = [...el.attributes].filter(a => !(a.name === 'style' && el.localName === 'svg' && el.parentNode.id === 'preview')).map(a => {
    let v = a.value.split(id).join('ID');
    if (a.name === 'class') v = v.split(/\s+/).filter(c => c && !marks.has(c)).join(' ');
    return a.name + '=' + v;
  }).sort();
  return '<' + el.localName + ' ' + attrs.join(' ') + '>' + [...el.childNodes].map(c => canon(c, id)).join('') + '</>';
};
const a = canon(shown, shown.id), b = canon(written, written.id);
let at = 0;
while (at < a.length && a[at] === b[at]) at++;
return { same: a === b, at, shown: a.slice(Math.max(0, at - 80), at + 80), written: b.slice(Math.max(0, at - 80), at + 80),
  kept: shown === window.__coralSvg, how: document.querySelector('#preview').dataset.shown };
"#;

async fn assert_same_svg(page: &Page, after: &str) -> Value {
    // A patch may take a few frames on a large drawing: wait until it is done.
    page.wait_until(
        "the patch done",
        UPDATE_TIMEOUT,
        "const h = document.querySelector('#preview').dataset.shown; return h && h !== 'patching';",
    )
    .await;
    let v = page.eval(SAME_SVG_JS).await;
    assert_eq!(
        v["same"], true,
        "after {after}, the SVG on screen differs from the one written at {}:\n{}\n{}",
        v["at"], v["shown"], v["written"]
    );
    v
}

#[tokio::test]
async fn a_new_drawing_is_patched_into_the_same_svg_and_shows_what_the_core_wrote() {
    with_app("pane-patch", |page: Page| async move {
        page.write("flowchart LR\n  Alpha[Start] --> Beta{Choice}\n  Beta -->|yes| Gamma[(Store)]", &["Alpha", "Beta", "Gamma"]).await;
        page.eval("window.__coralSvg = document.querySelector('#preview > svg'); return true;").await;

        // A node added (the diagram's id changes with it: the pane keeps its own).
        page.type_text("\n  Gamma --> Delta[Fresh & new]").await;
        page.wait_for("Delta drawn", UPDATE_TIMEOUT, |s| s.has_nodes(&["Delta"])).await;
        let v = assert_same_svg(&page, "a node was added").await;
        assert_eq!(v["kept"], true, "the <svg> element was replaced");
        assert!(v["how"].as_str().is_some_and(|h| h.starts_with("patched")), "{}", v["how"]);

        // A label changed and a node taken out.
        let text = page.snapshot().await.editor.unwrap();
        let edited = text.replace("Alpha[Start] --> Beta{Choice}\n  Beta -->|yes| Gamma", "Alpha[Begin] --> Gamma");
        page.eval(&format!("window.coral.setText({}); return true;", serde_json::to_string(&edited).unwrap())).await;
        page.wait_for("Beta gone", UPDATE_TIMEOUT, |s| !s.has_nodes(&["Beta"]) && s.has_nodes(&["Alpha", "Gamma", "Delta"])).await;
        let v = assert_same_svg(&page, "a label changed and a node went").await;
        assert_eq!(v["kept"], true, "the <svg> element was replaced");

        // A drag writes the node's position; what the drag set on the way is redrawn
        // from the new markup.
        page.eval(
            "const pane = document.querySelector('#preview');
             const el = [...pane.querySelectorAll('g.node[data-id]')].find(e => e.dataset.id === 'Delta');
             const r = el.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2;
             const ev = (type, cx, cy) => new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 1,
               pointerType: 'mouse', isPrimary: true, button: type === 'pointermove' ? -1 : 0,
               buttons: type === 'pointerup' ? 0 : 1, clientX: cx, clientY: cy });
             el.dispatchEvent(ev('pointerdown', x, y));
             for (let i = 1; i <= 10; i++) pane.dispatchEvent(ev('pointermove', x + 8 * i, y + 30 * i));
             pane.dispatchEvent(ev('pointerup', x + 80, y + 300));
             return true;",
        )
        .await;
        page.wait_for("the drop stored", UPDATE_TIMEOUT, |s| s.editor.as_deref().is_some_and(|t| t.contains("positions:"))).await;
        page.wait_until(
            "the drop drawn",
            UPDATE_TIMEOUT,
            "return window.coral.getSvg().includes('data-id=\"Delta\"') && document.querySelector('#preview').dataset.shown !== 'patching';",
        )
        .await;
        assert_same_svg(&page, "a drag").await;

        // A different diagram replaces the drawing.
        page.eval("const s = document.querySelector('select#examples'); s.value = '003-cloud-web-architecture'; s.dispatchEvent(new Event('change', { bubbles: true })); return true;").await;
        page.wait_until("the example drawn", UPDATE_TIMEOUT, "return document.querySelectorAll('#preview g.node[data-id]').length > 10").await;
        let v = assert_same_svg(&page, "an example was chosen").await;
        assert_eq!(v["how"], "replaced");
    })
    .await;
}
