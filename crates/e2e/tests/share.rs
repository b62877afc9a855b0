//! Share links in the browser: the address bar always holds the document (and decodes
//! back to exactly the editor's text), mermaid.live's links open with only the origin
//! swapped, a broken link leaves the user's document alone, and the Share menu copies
//! links and snippets that open the same diagram.

use coral_core::share::{DEFAULT_CONFIG, State};
use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use fantoccini::key::Key;

/// A link posted in a README (the German tree example), as mermaid.live wrote it.
const LIVE_LINK: &str = "pako:eNpNj0EOgjAQRa8ymTVeoAsTEI2JS91RF0M7QBMopEwXSLi7NWLiX83kvcX_K5rRMipsA00dPErtISWvrhRnBd0YZ86gjq63zrfPLy2qC3UhkFVQO7OYnndwqm4kL1ZgSDIQ13LYSQ6HwxGK_-ekPWY4cBjI2dRg_UCN0vHAGlU6LTcUe9Go_ZbUOFkSPlsnY0DVUJ-qIUUZ74s3qCRE_kmlozRo2K3tDVikSb4";

fn live_code() -> String {
    State::decode(LIVE_LINK).expect("a state").expect("the link decodes").code
}

/// The fragment the address bar holds, decoded.
async fn address_state(page: &Page) -> Option<State> {
    let hash = page.eval("return location.hash").await;
    State::decode(hash.as_str().unwrap_or_default())?.ok()
}

/// Waits until the address bar decodes to `text`.
async fn wait_for_address(page: &Page, text: &str) -> State {
    let deadline = std::time::Instant::now() + UPDATE_TIMEOUT;
    loop {
        if let Some(s) = address_state(page).await
            && s.code == text
        {
            return s;
        }
        assert!(std::time::Instant::now() < deadline, "the address bar never held {text:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_address_bar_holds_the_document_without_history_entries() {
    with_app("share-address", |page: Page| async move {
        let before = page.eval("return history.length").await;
        page.clear_editor().await;
        page.type_text("flowchart LR\n  Ä[Ünïcode ✓] --> B{\"quote\"}\n  B --> C").await;
        let shown = page.wait_for("the typed diagram", UPDATE_TIMEOUT, |s| s.has_nodes(&["B", "C"])).await;
        let text = shown.editor.clone().unwrap();
        let state = wait_for_address(&page, &text).await;
        assert_eq!(state.mermaid, DEFAULT_CONFIG);
        let hash = page.eval("return location.hash").await;
        assert!(hash.as_str().unwrap().starts_with("#pako:eN"), "{hash}");
        assert_eq!(page.eval("return history.length").await, before, "typing added history entries");
        // A reload opens the same document from the address bar.
        page.client().refresh().await.expect("reload");
        page.wait_for("the app after a reload", LOAD_TIMEOUT, |s| s.editor.as_deref() == Some(text.as_str())).await;
        page.screenshot("share-address").await;
    })
    .await;
}

#[tokio::test]
async fn a_mermaid_live_link_opens_with_the_origin_swapped() {
    with_app("share-live-link", |page: Page| async move {
        // The user's own document first.
        page.write("flowchart LR\n  Mine --> Yours", &["Mine", "Yours"]).await;
        let mine = page.snapshot().await.editor.unwrap();

        let code = live_code();
        for path in [format!("/edit#{LIVE_LINK}"), format!("/#{LIVE_LINK}")] {
            page.goto(&path).await;
            let opened =
                page.wait_for("the link's diagram", LOAD_TIMEOUT, |s| s.editor.as_deref() == Some(code.as_str())).await;
            assert!(opened.has_nodes(&["A", "B", "C"]), "{opened:#?}");
            assert_eq!(opened.errors().count(), 0, "{:#?}", opened.problems);
            let notice = page.eval("const n = document.querySelector('#notice'); return n && n.textContent").await;
            assert!(notice.as_str().unwrap_or_default().contains("Opened the diagram from the link"), "{notice}");
            if path.starts_with("/edit") {
                page.screenshot("share-live-link").await;
            }
            // Undo in the editor brings the user's own document back.
            let editor = page.editor().await;
            editor.click().await.expect("focus the editor");
            editor.send_keys(&format!("{}z{}", Key::Control, Key::Null)).await.expect("ctrl+Z");
            page.wait_for("the user's own text after ctrl+Z", UPDATE_TIMEOUT, |s| {
                s.editor.as_deref() == Some(mine.as_str())
            })
            .await;
        }

        // A link pasted into the address bar of the open tab changes only the fragment
        // (once the address bar holds the user's text again, so the fragment does change).
        wait_for_address(&page, &mine).await;
        page.client()
            .execute("location.hash = arguments[0]; return 1", vec![serde_json::json!(LIVE_LINK)])
            .await
            .unwrap();
        page.wait_for("the link from the address bar", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some(code.as_str()))
            .await;

        // mermaid.live's /view link: the diagram alone.
        page.goto(&format!("/view#{LIVE_LINK}")).await;
        let nodes = page
            .wait_until(
                "the view's diagram",
                LOAD_TIMEOUT,
                "return document.querySelectorAll('#preview svg g.node').length",
            )
            .await;
        assert_eq!(nodes.as_u64(), Some(3));
        assert_eq!(page.eval("return !!document.querySelector('#editor')").await, false);
        page.screenshot("share-live-view").await;
    })
    .await;
}

#[tokio::test]
async fn a_broken_link_keeps_the_last_document_and_says_why() {
    with_app("share-broken-link", |page: Page| async move {
        page.write("flowchart LR\n  Kept --> Safe", &["Kept", "Safe"]).await;
        let mine = page.snapshot().await.editor.unwrap();
        wait_for_address(&page, &mine).await;

        // Cut short, and hostile: a state whose code would be markup if it were HTML.
        let cut = &LIVE_LINK[..LIVE_LINK.len() / 2];
        for fragment in [cut.to_string(), "pako:AAAA".to_string(), "deflate:xyz".to_string()] {
            page.goto(&format!("/#{fragment}")).await;
            let shown = page.wait_for("the user's document", LOAD_TIMEOUT, |s| s.has_nodes(&["Kept", "Safe"])).await;
            assert_eq!(shown.editor.as_deref(), Some(mine.as_str()));
            let notice =
                page.eval("const n = document.querySelector('#notice.error'); return n && n.textContent").await;
            assert!(notice.as_str().unwrap_or_default().contains("did not open"), "{fragment}: {notice}");
            // The broken link stays in the address bar (to be reported) until an edit.
            tokio::time::sleep(std::time::Duration::from_millis(800)).await;
            assert_eq!(page.eval("return location.hash").await.as_str(), Some(format!("#{fragment}").as_str()));
        }
        page.screenshot("share-broken-link").await;
        page.caret_to_end().await;
        page.type_text("\n  Safe --> Again").await;
        let edited = page.wait_for("the edit", UPDATE_TIMEOUT, |s| s.has_nodes(&["Again"])).await;
        wait_for_address(&page, edited.editor.as_deref().unwrap()).await;

        // Markup in a link's text is text: nothing is built from it.
        let hostile = State::new("flowchart LR\n  X[\"<img src=x onerror=window.__pwned=1>\"] --> Y").encode();
        page.goto(&format!("/#{hostile}")).await;
        page.wait_for("the hostile diagram", LOAD_TIMEOUT, |s| s.has_nodes(&["X", "Y"])).await;
        let pwned =
            page.eval("return [window.__pwned === undefined, document.querySelectorAll('#preview img').length]").await;
        assert_eq!(pwned, serde_json::json!([true, 0]));
    })
    .await;
}

/// Replaces `navigator.clipboard.writeText` with a recorder (headless Chromium has no
/// clipboard to read back).
const RECORD_CLIPBOARD_JS: &str = r#"
window.__copied = [];
Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {
  writeText: t => { window.__copied.push(t); return Promise.resolve(); },
  write: items => { window.__copied.push(items); return Promise.resolve(); },
}});
"#;

async fn copy_from_share_menu(page: &Page, item: &str) -> String {
    page.eval("window.__copied = []; return 0").await;
    page.find("#share-menu-button").await.click().await.expect("open the Share menu");
    page.find(item).await.click().await.unwrap_or_else(|e| panic!("click {item}: {e}"));
    let copied = page.wait_until(&format!("{item} to copy"), UPDATE_TIMEOUT, "return window.__copied[0]").await;
    copied.as_str().expect("copied text").to_string()
}

#[tokio::test]
async fn the_share_menu_copies_links_and_snippets() {
    with_app("share-menu", |page: Page| async move {
        page.clear_editor().await;
        page.type_text("---\ntitle: Order flow\n---\nflowchart LR\n  Cart --> Pay").await;
        let shown = page.wait_for("the diagram", UPDATE_TIMEOUT, |s| s.has_nodes(&["Cart", "Pay"])).await;
        let text = shown.editor.unwrap();
        page.eval(RECORD_CLIPBOARD_JS).await;

        let link = copy_from_share_menu(&page, "#copy-link").await;
        let prefix = format!("{}/edit#pako:", page.base());
        assert!(link.starts_with(&prefix), "{link}");
        assert_eq!(State::decode(&link[prefix.len() - 5..]).unwrap().unwrap().code, text);

        let iframe = copy_from_share_menu(&page, "#copy-iframe").await;
        let embed = format!("<iframe src=\"{}/embed#pako:", page.base());
        assert!(iframe.starts_with(&embed) && iframe.contains("title=\"Order flow\""), "{iframe}");

        let markdown = copy_from_share_menu(&page, "#copy-markdown").await;
        assert!(markdown.starts_with("[![Order flow](order-flow.svg)](http://"), "{markdown}");

        // The theme picker's choice rides along in the embed's query, as mermaid.live's does.
        page.find("select#theme-picker").await.select_by_value("dark").await.expect("pick dark");
        let iframe = copy_from_share_menu(&page, "#copy-iframe").await;
        assert!(iframe.contains("/embed?theme=dark#pako:"), "{iframe}");

        // The view link opens the diagram alone.
        page.find("#share-menu-button").await.click().await.expect("open the Share menu");
        let href = page.eval("return document.querySelector('#open-view').href").await;
        let href = href.as_str().unwrap().to_string();
        assert!(href.starts_with(&format!("{}/view#pako:", page.base())), "{href}");
        page.goto(&href[page.base().len()..]).await;
        let view = page
            .wait_until(
                "the view's diagram",
                LOAD_TIMEOUT,
                "return document.querySelectorAll('#preview svg g.node').length",
            )
            .await;
        assert_eq!(view.as_u64(), Some(2));
        assert_eq!(page.eval("return !!document.querySelector('#editor, .toolbar')").await, false);
        let stored = page.eval("return localStorage.getItem('coral.text')").await;
        assert_eq!(stored.as_str(), Some(text.as_str()), "the view must not write the user's storage");
        page.screenshot("share-view").await;
    })
    .await;
}

/// A script that holds once the preview's background is `colour`.
fn background_is(colour: &str) -> String {
    format!(
        "const r = document.querySelector('#preview svg rect.background'); return !!r && r.getAttribute('fill') === '{colour}'"
    )
}

#[tokio::test]
async fn a_link_s_configuration_draws_under_the_text_until_dropped() {
    with_app("share-link-config", |page: Page| async move {
        let mut state = State::new("flowchart LR\n  Night --> Day");
        state.mermaid = "{\n  \"theme\": \"dark\"\n}".into();
        page.goto(&format!("/edit#{}", state.encode())).await;
        page.wait_for("the link's diagram", LOAD_TIMEOUT, |s| s.has_nodes(&["Night", "Day"])).await;
        let background =
            "const r = document.querySelector('#preview svg rect.background'); return r && r.getAttribute('fill')";
        assert_eq!(page.eval(background).await, "#333333", "the link's dark theme");
        let chip = page.eval("const c = document.querySelector('#link-config'); return c && c.textContent").await;
        assert!(chip.as_str().unwrap_or_default().contains("dark"), "{chip}");
        // It rides along in the address bar, and survives a reload.
        assert_eq!(wait_for_address(&page, "flowchart LR\n  Night --> Day").await.mermaid, state.mermaid);
        page.client().refresh().await.expect("reload");
        page.wait_until("the dark diagram after a reload", LOAD_TIMEOUT, &background_is("#333333")).await;
        page.screenshot("share-link-config").await;
        // A theme the text writes wins over the link's.
        page.caret_to_end().await;
        page.clear_editor().await;
        page.type_text("---\nconfig:\n  theme: forest\n---\nflowchart LR\n  Night --> Day").await;
        page.wait_until("the text's own theme", UPDATE_TIMEOUT, &background_is("#ffffff")).await;
        page.clear_editor().await;
        page.type_text("flowchart LR\n  Night --> Day").await;
        page.wait_until("the link's theme again", UPDATE_TIMEOUT, &background_is("#333333")).await;
        // Dropped: the default theme, and the address bar's state has the default config.
        page.find("#link-config-clear").await.click().await.expect("drop the link's configuration");
        page.wait_until("the default theme", UPDATE_TIMEOUT, &background_is("#ffffff")).await;
        let deadline = std::time::Instant::now() + UPDATE_TIMEOUT;
        while address_state(&page).await.map(|s| s.mermaid) != Some(DEFAULT_CONFIG.to_string()) {
            assert!(std::time::Instant::now() < deadline, "the address bar kept the dropped configuration");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(page.eval("return !!document.querySelector('#link-config')").await, false);
    })
    .await;
}
