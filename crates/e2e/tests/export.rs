//! Getting the diagram out: PNG at 1×, 2× and a chosen width, opaque or transparent, the
//! SVG and the document as files named after the title, the clipboard; and getting
//! documents in: Open…, a dropped file, a Markdown paste with several diagrams.

use coral_e2e::{Page, UPDATE_TIMEOUT, with_app};
use serde_json::{Value, json};

const TITLED: &str = "---\ntitle: Order flow\n---\nflowchart LR\n  Cart --> Pay --> Ship";

/// Records downloads instead of making them: the Blob behind each object URL and the
/// `download` name of each link clicked.
const CAPTURE_DOWNLOADS_JS: &str = r#"
window.__downloads = [];
const urls = new Map();
const create = URL.createObjectURL.bind(URL);
URL.createObjectURL = blob => { const u = create(blob); urls.set(u, blob); return u; };
HTMLAnchorElement.prototype.click = function () {
  window.__downloads.push({ name: this.download, blob: urls.get(this.href) });
};
return 1;
"#;

/// The `i`-th download: its name, type, size, and for a PNG its header's width and height
/// and the alpha of its top-left and centre pixels (drawn back through a canvas).
const READ_DOWNLOAD_JS: &str = r#"
const [i, done] = [arguments[0], arguments[arguments.length - 1]];
const d = window.__downloads[i];
(async () => {
  const bytes = new Uint8Array(await d.blob.arrayBuffer());
  const out = { name: d.name, type: d.blob.type, size: bytes.length };
  if (d.blob.type === 'image/png') {
    const view = new DataView(bytes.buffer);
    out.signature = Array.from(bytes.slice(1, 4)).map(c => String.fromCharCode(c)).join('');
    out.width = view.getUint32(16);
    out.height = view.getUint32(20);
    const bitmap = await createImageBitmap(d.blob);
    const c = document.createElement('canvas');
    c.width = bitmap.width; c.height = bitmap.height;
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    out.corner = g.getImageData(2, 2, 1, 1).data[3];
    out.inked = [...g.getImageData(0, 0, c.width, c.height).data].filter((v, k) => k % 4 === 3 && v > 0).length;
    out.bytes = Array.from(bytes);
  } else {
    out.text = new TextDecoder().decode(bytes);
  }
  done(out);
})().catch(e => done({ error: String(e) }));
"#;

async fn download(page: &Page, i: usize, action: &[&str]) -> Value {
    for css in action {
        page.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }
    page.wait_until("the download", UPDATE_TIMEOUT, &format!("return window.__downloads.length > {i}")).await;
    let d = page.client().execute_async(READ_DOWNLOAD_JS, vec![json!(i)]).await.expect("read the download");
    assert!(d["error"].is_null(), "{d}");
    // Keep each PNG next to the screenshots, to look at.
    if let (Some(name), Some(bytes)) = (d["name"].as_str(), d["bytes"].as_array()) {
        let bytes: Vec<u8> = bytes.iter().filter_map(|b| b.as_u64().map(|b| b as u8)).collect();
        let path = coral_e2e::artifacts_dir().join(format!("export-{name}"));
        std::fs::write(&path, bytes).expect("keep the PNG");
        eprintln!("exported: {}", path.display());
    }
    d
}

#[tokio::test]
async fn png_and_files_are_named_after_the_title_and_sized_as_asked() {
    with_app("export-png", |page: Page| async move {
        page.clear_editor().await;
        page.type_text(TITLED).await;
        page.wait_for("the diagram", UPDATE_TIMEOUT, |s| s.has_nodes(&["Cart", "Pay", "Ship"]) && s.export_enabled).await;
        page.eval(CAPTURE_DOWNLOADS_JS).await;
        let size = page
            .eval("const s = document.querySelector('#preview svg'); return [+s.getAttribute('width'), +s.getAttribute('height')]")
            .await;
        let (w, h) = (size[0].as_f64().unwrap(), size[1].as_f64().unwrap());

        let svg = download(&page, 0, &["button#export-svg"]).await;
        assert_eq!(svg["name"], "order-flow.svg");
        let text = svg["text"].as_str().unwrap();
        assert!(text.starts_with("<svg") && text.contains(">Order flow</title>"), "{text:.300}");
        // Exactly what the preview shows, and well-formed XML.
        assert_eq!(page.eval("return window.coral.getSvg()").await.as_str(), Some(text));
        let parsed = page
            .client()
            .execute(
                "const d = new DOMParser().parseFromString(arguments[0], 'image/svg+xml'); \
                 return [d.documentElement.nodeName, d.getElementsByTagName('parsererror').length, \
                   d.querySelectorAll('g.node[data-id]').length]",
                vec![json!(text)],
            )
            .await
            .expect("parse the SVG");
        assert_eq!(parsed, json!(["svg", 0, 3]));

        let png = download(&page, 1, &["#export-menu-button", "#export-png-2x"]).await;
        assert_eq!((png["name"].as_str(), png["type"].as_str(), png["signature"].as_str()), (Some("order-flow@2x.png"), Some("image/png"), Some("PNG")));
        assert_eq!(png["width"].as_f64(), Some((2.0 * w).floor()), "{png}");
        assert_eq!(png["height"].as_f64(), Some((2.0 * h).floor()), "{png}");
        assert_eq!(png["corner"], 255, "the theme's background is painted: {png}");

        let png = download(&page, 2, &["#export-menu-button", "#export-png-1x"]).await;
        assert_eq!((png["width"].as_f64(), png["name"].as_str()), (Some(w.floor()), Some("order-flow.png")));

        // A chosen width, on a transparent background.
        page.find("#export-menu-button").await.click().await.expect("open the menu");
        page.find("#png-transparent").await.click().await.expect("tick transparent");
        let width = page.find("#png-width").await;
        width.clear().await.expect("clear the width");
        width.send_keys("640\t").await.expect("type a width");
        let png = download(&page, 3, &["#export-png-width"]).await;
        assert_eq!(png["name"], "order-flow-640w.png");
        assert_eq!(png["width"], 640, "{png}");
        assert_eq!(png["height"].as_f64(), Some((640.0 * h / w).floor()), "{png}");
        assert_eq!(png["corner"], 0, "a transparent corner: {png}");
        assert!(png["inked"].as_u64().unwrap() > 1000, "the diagram itself is drawn: {png}");

        let source = download(&page, 4, &["#export-menu-button", "#save-source"]).await;
        assert_eq!((source["name"].as_str(), source["text"].as_str()), (Some("order-flow.mmd"), Some(TITLED)));
        page.screenshot("export-png").await;
    })
    .await;
}

#[tokio::test]
async fn the_clipboard_gets_the_svg_and_a_png() {
    with_app("export-clipboard", |page: Page| async move {
        page.write("flowchart LR\n  Copy --> Paste", &["Copy", "Paste"]).await;
        page.eval(
            "window.__copied = []; Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { \
               writeText: t => { window.__copied.push({ text: t }); return Promise.resolve(); }, \
               write: async items => { const b = await items[0].getType('image/png'); \
                 window.__copied.push({ types: items[0].types, png: b.type, size: b.size }); } } }); return 1",
        )
        .await;
        page.find("#export-menu-button").await.click().await.expect("open the menu");
        page.find("#copy-svg").await.click().await.expect("copy the SVG");
        let copied = page.wait_until("the SVG copy", UPDATE_TIMEOUT, "return window.__copied[0]").await;
        assert!(copied["text"].as_str().unwrap_or_default().contains("data-id=\"Copy\""), "{copied}");
        page.find("#export-menu-button").await.click().await.expect("open the menu");
        page.find("#copy-png").await.click().await.expect("copy a PNG");
        let copied = page.wait_until("the PNG copy", UPDATE_TIMEOUT, "return window.__copied[1]").await;
        assert_eq!(copied["types"], json!(["image/png"]));
        assert_eq!(copied["png"], "image/png");
        assert!(copied["size"].as_u64().unwrap() > 500, "{copied}");
        let notice = page
            .wait_until(
                "the notice",
                UPDATE_TIMEOUT,
                "const n = document.querySelector('#notice.info'); return n && n.textContent",
            )
            .await;
        assert!(notice.as_str().unwrap().contains("Copied the diagram as a PNG"), "{notice}");
    })
    .await;
}

const TWO_DIAGRAMS: &str = "# Services\n\n## Checkout\n\n```mermaid\nflowchart LR\n  Cart --> Pay\n```\n\n\
                            ## Delivery\n\n```mermaid\nflowchart TD\n  Pack --> Ship\n```\n";

/// Hands `text` to the app as the file `name`: dropped on the window, or chosen in the
/// Open… dialog's input.
async fn give_file(page: &Page, name: &str, text: &str, how: &str) {
    page.client()
        .execute(
            "const [name, text, how] = arguments; const dt = new DataTransfer(); \
             dt.items.add(new File([text], name, { type: 'text/plain' })); \
             if (how === 'drop') { \
               document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true })); \
               document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); \
             } else { \
               const input = document.querySelector('#open-file-input'); input.files = dt.files; \
               input.dispatchEvent(new Event('change', { bubbles: true })); } return 1",
            vec![json!(name), json!(text), json!(how)],
        )
        .await
        .expect("hand over the file");
}

#[tokio::test]
async fn files_open_and_markdown_with_several_diagrams_asks_which() {
    with_app("export-open-files", |page: Page| async move {
        give_file(&page, "plain.mmd", "flowchart LR\n  Opened --> File", "input").await;
        page.wait_for("the opened file", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some("flowchart LR\n  Opened --> File")).await;

        give_file(&page, "services.md", TWO_DIAGRAMS, "drop").await;
        page.wait_until("the block picker", UPDATE_TIMEOUT, "return !!document.querySelector('#block-picker')").await;
        let choices = page.eval("return [...document.querySelectorAll('.block-choice')].map(b => b.textContent)").await;
        assert_eq!(choices, json!(["Checkoutflowchart LRline 6 · 2 lines", "Deliveryflowchart TDline 13 · 2 lines"]));
        page.screenshot("export-block-picker").await;
        page.find(".block-choice[data-index=\"1\"]").await.click().await.expect("pick the second block");
        let shown = page.wait_for("the second block", UPDATE_TIMEOUT, |s| s.has_nodes(&["Pack", "Ship"])).await;
        assert_eq!(shown.editor.as_deref(), Some("flowchart TD\n  Pack --> Ship\n"));
        assert_eq!(page.eval("return !!document.querySelector('#block-picker')").await, false);

        // Markdown without a mermaid block is not loaded; nothing is lost.
        give_file(&page, "notes.md", "# Just notes\n", "input").await;
        let notice = page.wait_until("the notice", UPDATE_TIMEOUT, "const n = document.querySelector('#notice.error'); return n && n.textContent").await;
        assert!(notice.as_str().unwrap().contains("no ```mermaid block"), "{notice}");
        assert_eq!(page.snapshot().await.editor.as_deref(), Some("flowchart TD\n  Pack --> Ship\n"));

        // A paste of the same Markdown asks too, and goes in at the caret.
        page.clear_editor().await;
        page.client()
            .execute(
                "const dt = new DataTransfer(); dt.setData('text/plain', arguments[0]); \
                 document.querySelector('#editor').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); return 1",
                vec![json!(TWO_DIAGRAMS)],
            )
            .await
            .expect("paste");
        page.wait_until("the block picker", UPDATE_TIMEOUT, "return !!document.querySelector('#block-picker')").await;
        page.find(".block-choice[data-index=\"0\"]").await.click().await.expect("pick the first block");
        let shown = page.wait_for("the pasted block", UPDATE_TIMEOUT, |s| s.has_nodes(&["Cart", "Pay"])).await;
        assert_eq!(shown.editor.as_deref(), Some("flowchart LR\n  Cart --> Pay\n"));
    })
    .await;
}
