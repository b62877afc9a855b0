//! The embed view and the embed API, as another site uses them: a plain HTML page on a
//! second origin holds Coral in an `<iframe>` — the read-only view with mermaid.live's
//! embed parameters, or the editor driven over `postMessage` — and the page itself uses
//! `window.coral`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use coral_core::share::State;
use coral_e2e::server::StaticServer;
use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use serde_json::{Value, json};

/// A page on its own origin (a second server), holding `iframes` and recording every
/// message it receives with the index of the frame that sent it.
struct Host {
    server: StaticServer,
    dir: PathBuf,
}

impl Host {
    /// `iframes` gets the host's own origin (known once its server listens) and gives the
    /// frames' URLs.
    fn new(name: &str, iframes: impl Fn(&str) -> Vec<String>) -> Host {
        let dir = std::env::temp_dir().join(format!("coral-e2e-host-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the host page's directory");
        let server = StaticServer::start(&dir).expect("serve the host page");
        let frames: String = iframes(&server.url())
            .iter()
            .map(|src| {
                format!(
                    "<iframe src=\"{src}\" width=\"640\" height=\"360\" style=\"border:1px solid #999\"></iframe>\n"
                )
            })
            .collect();
        let html = format!(
            "<!doctype html>\n<meta charset=\"utf-8\"><title>A plain page</title>\n\
             <body style=\"margin:16px;background:#f4f4f4;font:16px sans-serif\">\n\
             <h1 style=\"font-size:18px\">A plain page with an embedded diagram</h1>\n{frames}\
             <script>\nwindow.__msgs = [];\n\
             addEventListener('message', e => window.__msgs.push({{frame: Array.from({{length: frames.length}}, (_, i) => frames[i]).indexOf(e.source), origin: e.origin, data: e.data}}));\n\
             window.send = (i, m) => frames[i].postMessage(m, '*');\n</script>\n"
        );
        std::fs::write(dir.join("index.html"), html).expect("write the host page");
        Host { server, dir }
    }

    fn url(&self) -> String {
        format!("{}/", self.server.url())
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits for a message from frame `frame` whose `data.type` is `kind` (and, if given,
/// `data.id` is `id`); returns its `data`.
async fn message(page: &Page, frame: usize, kind: &str, id: Option<u32>) -> Value {
    let js = format!(
        "return window.__msgs.find(m => m.frame === {frame} && m.data && m.data.type === '{kind}' \
         && ({id} === null || m.data.id === {id}))",
        id = id.map_or("null".to_string(), |i| i.to_string())
    );
    page.wait_until(&format!("{kind} from frame {frame}"), UPDATE_TIMEOUT, &js).await["data"].clone()
}

async fn send(page: &Page, frame: usize, msg: Value) {
    page.client()
        .execute("window.send(arguments[0], arguments[1]); return 1", vec![json!(frame), msg])
        .await
        .expect("post");
}

#[tokio::test]
async fn the_embed_view_in_an_iframe_on_a_plain_page() {
    with_app("embed-iframe", |page: Page| async move {
        let mut state = State::new("flowchart LR\n  Docs[Docs page] --> Embed{Embedded?}\n  Embed -->|yes| Live[Live diagram]");
        state.mermaid = "{\"theme\": \"forest\"}".into();
        let fragment = state.encode();
        let app = page.base().to_string();
        let host = Host::new("view", |_| {
            vec![format!("{app}/embed?theme=dark#{fragment}"), format!("{app}/?view&controls=0&grid=0#{fragment}")]
        });
        page.client().goto(&host.url()).await.expect("open the host page");

        // Frame 0: mermaid.live's /embed with `theme=dark` over the state's forest.
        page.client().enter_frame(0).await.expect("enter frame 0");
        let drawn = page
            .wait_until("the embedded diagram", LOAD_TIMEOUT, "return document.querySelectorAll('#preview svg g.node').length")
            .await;
        assert_eq!(drawn.as_u64(), Some(3));
        let facts = page
            .eval(
                "const svg = document.querySelector('#preview svg'); const r = svg.getBoundingClientRect(); \
                 return {bg: svg.querySelector('rect.background').getAttribute('fill'), \
                   dark: !!document.querySelector('.view.view-dark.view-grid'), editor: !!document.querySelector('#editor'), \
                   controls: !!document.querySelector('.view-controls #view-edit'), \
                   inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight, \
                   width: r.width, frame: [innerWidth, innerHeight]}",
            )
            .await;
        assert_eq!(facts["bg"], "#333333", "the dark theme's background: {facts}");
        assert_eq!(facts["dark"], true, "{facts}");
        assert_eq!(facts["editor"], false, "{facts}");
        assert_eq!(facts["controls"], true, "{facts}");
        assert_eq!(facts["inside"], true, "the diagram is fitted into the frame: {facts}");
        // The Edit link opens the same document in the editor.
        let edit = page.eval("return document.querySelector('#view-edit').href").await;
        let edit = edit.as_str().unwrap();
        assert!(edit.starts_with(&format!("{app}/edit#pako:")), "{edit}");
        let back = State::decode(&edit[edit.find('#').unwrap()..]).unwrap().unwrap();
        assert_eq!(back.code, state.code);
        assert_eq!(coral_core::share::config_key(&back.mermaid, "theme").as_deref(), Some("dark"));

        // Frame 1: `?view` on the root (a host without rewrites), no controls, no grid, the
        // state's own theme.
        page.client().enter_parent_frame().await.expect("back to the host");
        page.client().enter_frame(1).await.expect("enter frame 1");
        page.wait_until("the second diagram", LOAD_TIMEOUT, "return document.querySelectorAll('#preview svg g.node').length").await;
        let facts = page
            .eval(
                "return {bg: document.querySelector('#preview svg rect.background').getAttribute('fill'), \
                   controls: !!document.querySelector('.view-controls'), grid: !!document.querySelector('.view-grid'), \
                   light: !!document.querySelector('.view-light')}",
            )
            .await;
        assert_eq!(facts, json!({"bg": "#ffffff", "controls": false, "grid": false, "light": true}));
        page.client().enter_parent_frame().await.expect("back to the host");
        page.screenshot("embed-iframe").await;

        // Responsive: a narrower frame refits the diagram.
        page.eval("document.querySelector('iframe').width = '300'; return 1").await;
        page.client().enter_frame(0).await.expect("enter frame 0");
        page.wait_until(
            "the diagram to refit a 300 px frame",
            UPDATE_TIMEOUT,
            "const r = document.querySelector('#preview svg').getBoundingClientRect(); \
             return innerWidth <= 300 && r.left >= 0 && r.right <= innerWidth",
        )
        .await;
        // The host points the frame at another diagram: only the fragment changes.
        let other = State::new("flowchart TD\n  Next --> Diagram").encode();
        page.client().execute("location.hash = arguments[0]; return 1", vec![json!(other)]).await.expect("new hash");
        page.wait_until(
            "the next diagram",
            UPDATE_TIMEOUT,
            "return !!document.querySelector('#preview svg g.node[data-id=\"Next\"]')",
        )
        .await;
        page.client().enter_parent_frame().await.expect("back to the host");
        page.screenshot("embed-iframe-narrow").await;

        // A broken link in a view says so, in the frame, instead of a blank page.
        page.goto("/view#pako:AAAA").await;
        let problem = page.wait_until("the view's message", LOAD_TIMEOUT, "const p = document.querySelector('#view-problem'); return p && p.textContent").await;
        assert!(problem.as_str().unwrap().contains("did not open"), "{problem}");
        page.screenshot("embed-broken").await;
    })
    .await;
}

#[tokio::test]
async fn the_editor_in_an_iframe_obeys_only_the_origin_it_was_told() {
    with_app("embed-messages", |page: Page| async move {
        let app = page.base().to_string();
        let start = State::new("flowchart LR\n  Start --> Here").encode();
        // Frame 0 opts the host in; frame 1 does not.
        let host = Host::new("messages", |origin| {
            let origin = coral_core::share::link::encode_component(origin);
            vec![format!("{app}/?origin={origin}#{start}"), format!("{app}/#{start}")]
        });
        page.client().goto(&host.url()).await.expect("open the host page");

        // Only the opted-in frame says it is ready.
        let ready = message(&page, 0, "coral:ready", None).await;
        assert_eq!(ready["mode"], "edit");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let from_1 = page.eval("return window.__msgs.filter(m => m.frame === 1).length").await;
        assert_eq!(from_1.as_u64(), Some(0), "a frame that was not told the host's origin talked to it");

        // Load, then ask for the SVG and the text.
        send(&page, 0, json!({"type": "coral:load", "id": 1, "text": "flowchart LR\n  Posted --> Message"})).await;
        message(&page, 0, "coral:loaded", Some(1)).await;
        send(&page, 0, json!({"type": "coral:getSvg", "id": 2})).await;
        let svg = message(&page, 0, "coral:svg", Some(2)).await;
        let svg = svg["svg"].as_str().unwrap_or_default();
        assert!(svg.starts_with("<svg") && svg.contains("data-id=\"Posted\""), "{svg:.300}");
        send(&page, 0, json!({"type": "coral:getText", "id": 3})).await;
        assert_eq!(message(&page, 0, "coral:text", Some(3)).await["text"], "flowchart LR\n  Posted --> Message");
        send(&page, 0, json!({"type": "coral:getLink", "id": 4})).await;
        let link = message(&page, 0, "coral:link", Some(4)).await;
        assert!(link["link"].as_str().unwrap_or_default().starts_with(&format!("{app}/edit#pako:")), "{link}");

        // An edit in the frame is reported to the host.
        page.client().enter_frame(0).await.expect("enter frame 0");
        page.caret_to_end().await;
        page.type_text("\n  Message --> Typed").await;
        page.client().enter_parent_frame().await.expect("back to the host");
        let deadline = Instant::now() + UPDATE_TIMEOUT;
        loop {
            let last = page
                .eval("const c = window.__msgs.filter(m => m.frame === 0 && m.data.type === 'coral:change'); return c.length ? c[c.length - 1].data.text : null")
                .await;
            if last.as_str().is_some_and(|t| t.ends_with("Message --> Typed")) {
                break;
            }
            assert!(Instant::now() < deadline, "no coral:change with the typed text; last: {last}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        // The frame that did not opt in ignores the same messages.
        send(&page, 1, json!({"type": "coral:load", "id": 5, "text": "flowchart LR\n  Hijacked"})).await;
        send(&page, 1, json!({"type": "coral:getText", "id": 6})).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(page.eval("return window.__msgs.filter(m => m.frame === 1).length").await.as_u64(), Some(0));
        page.client().enter_frame(1).await.expect("enter frame 1");
        let text = page.eval("return document.querySelector('#editor').value").await;
        assert_eq!(text, "flowchart LR\n  Start --> Here");
        page.client().enter_parent_frame().await.expect("back to the host");
        page.screenshot("embed-messages").await;
    })
    .await;
}

#[tokio::test]
async fn window_coral_reads_writes_and_reports() {
    with_app("embed-window-coral", |page: Page| async move {
        page.eval(
            "window.__changes = []; window.coral.addEventListener('change', e => window.__changes.push(e.detail.text)); return 1",
        )
        .await;
        let set = page.eval("return window.coral.setText('flowchart LR\\n  Api --> Call')").await;
        assert_eq!(set, true);
        page.wait_for("the text set through the API", UPDATE_TIMEOUT, |s| s.has_nodes(&["Api", "Call"])).await;
        assert_eq!(page.eval("return window.coral.getText()").await, "flowchart LR\n  Api --> Call");
        let svg = page.eval("return window.coral.getSvg()").await;
        assert!(svg.as_str().unwrap_or_default().contains("data-id=\"Api\""), "{svg:.200}");
        assert_eq!(page.eval("return window.coral.setText(42)").await, false);
        page.wait_until("a change event", UPDATE_TIMEOUT, "return window.__changes.includes('flowchart LR\\n  Api --> Call')").await;
        // Typing fires it too, and getText sees keystrokes at once.
        page.caret_to_end().await;
        page.type_text(" --> Typed").await;
        assert_eq!(page.eval("return window.coral.getText()").await, "flowchart LR\n  Api --> Call --> Typed");
        page.wait_until("a change event for typing", UPDATE_TIMEOUT, "return window.__changes.some(t => t.endsWith('Typed'))").await;
        let link = page.eval("return window.coral.getLink()").await;
        let link = link.as_str().unwrap();
        assert_eq!(State::decode(&link[link.find('#').unwrap()..]).unwrap().unwrap().code, "flowchart LR\n  Api --> Call --> Typed");
    })
    .await;
}
