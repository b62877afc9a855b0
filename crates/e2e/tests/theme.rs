//! The theme picker: `select#theme-picker` redraws the preview in a built-in theme without
//! touching the text; `button#theme-apply` writes the choice into the text (undoably) and
//! the preview stays as it was; the choice survives a reload.

use std::time::{Duration, Instant};

use coral_core::config::ThemeName;
use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use fantoccini::key::Key;
use serde_json::Value;

/// The Dracula seed: `theme: base` with a dark `themeVariables` palette.
const SEED_ID: &str = "000-microservices-platform";
const SEED: &str = include_str!("../../../assets/examples/000-microservices-platform.mmd");

const THEME_JS: &str = r#"
const svg = document.querySelector('#preview svg');
const bg = svg && svg.querySelector('rect.background');
const picker = document.querySelector('select#theme-picker');
const apply = document.querySelector('button#theme-apply');
return {
  background: bg ? bg.getAttribute('fill') : null,
  svg: svg ? svg.outerHTML : null,
  pending: svg ? svg.querySelectorAll('.icon-pending').length : -1,
  picker: picker ? picker.value : null,
  apply_enabled: !!apply && !apply.disabled,
  stored: localStorage.getItem('coral.theme'),
};
"#;

/// Polls [`THEME_JS`] until `ready` holds.
async fn wait_theme(page: &Page, what: &str, ready: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + UPDATE_TIMEOUT;
    loop {
        let v = page.client().execute(THEME_JS, vec![]).await.expect("read the theme state");
        if ready(&v) {
            return v;
        }
        if Instant::now() >= deadline {
            let shown = Value::from(v["svg"].as_str().map(|s| s.chars().take(300).collect::<String>()));
            panic!("timed out waiting for {what}; background {}, picker {}, svg {shown}", v["background"], v["picker"]);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn pick(page: &Page, value: &str) {
    page.find("select#theme-picker")
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("pick {value:?}: {e}"));
}

#[tokio::test]
async fn the_theme_picker_redraws_writes_on_request_and_persists() {
    with_app("theme-picker", |page: Page| async move {
        // The seed as the text says: Dracula's background, the picker on "as the diagram
        // says", nothing to write. Every icon drawn, so later SVGs compare whole.
        page.find("select#examples").await.select_by_value(SEED_ID).await.expect("load the Dracula seed");
        page.wait_for("the seed's 31 services", LOAD_TIMEOUT, |s| s.nodes.len() == 31).await;
        let own =
            wait_theme(&page, "the seed drawn, icons and all", |v| v["background"] == "#282a36" && v["pending"] == 0)
                .await;
        assert_eq!(own["picker"], "", "{own}");
        assert_eq!(own["apply_enabled"], false, "Write to text enabled with nothing chosen");
        assert_eq!(page.snapshot().await.editor.as_deref(), Some(SEED));

        // (a) Default: a white background, the text untouched.
        pick(&page, "default").await;
        let chosen = wait_theme(&page, "a white background", |v| v["background"] == "#ffffff").await;
        assert_eq!(chosen["apply_enabled"], true, "{chosen}");
        let svg = chosen["svg"].as_str().unwrap().to_string();
        assert!(!svg.contains("#44475a"), "the seed's primaryColor is still drawn");
        let s = page.snapshot().await;
        assert_eq!(s.editor.as_deref(), Some(SEED), "picking a theme changed the text");
        assert_eq!(s.nodes.len(), 31, "{s:#?}");
        page.screenshot("theme-default").await;

        // (b) Write to text: the text says `theme: default` now (the core's patch, exactly),
        // the picker is back on "as the diagram says", and the preview has not changed.
        page.find("button#theme-apply").await.click().await.expect("click Write to text");
        let written = coral_core::edit::set_theme(SEED, ThemeName::Default);
        assert!(written.contains("  theme: default\n"), "{written}");
        page.wait_for("the theme written into the text", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some(&written))
            .await;
        let after = wait_theme(&page, "the picker reset", |v| v["picker"] == "").await;
        assert_eq!(after["apply_enabled"], false, "{after}");
        assert_eq!(after["svg"].as_str(), Some(svg.as_str()), "the preview changed when the theme was written");
        assert_eq!(page.snapshot().await.errors().count(), 0);
        page.screenshot("theme-written").await;

        // (c) It went through the editor's undo history.
        let undo = format!("{}z{}", Key::Control, Key::Null);
        page.editor().await.send_keys(&undo).await.expect("ctrl+Z");
        page.wait_for("undo to bring the seed back", UPDATE_TIMEOUT, |s| s.editor.as_deref() == Some(SEED)).await;
        wait_theme(&page, "Dracula again", |v| v["background"] == "#282a36").await;

        // (d) A choice survives a reload, and so does the text.
        pick(&page, "dark").await;
        wait_theme(&page, "a dark background, saved", |v| v["background"] == "#333333" && v["stored"] == "dark").await;
        page.client().refresh().await.expect("reload");
        page.wait_for("the app to mount again", LOAD_TIMEOUT, |s| s.editor.as_deref() == Some(SEED)).await;
        let reloaded = wait_theme(&page, "dark after the reload", |v| v["background"] == "#333333").await;
        assert_eq!(reloaded["picker"], "dark", "{reloaded}");
        assert_eq!(reloaded["apply_enabled"], true, "{reloaded}");
        page.screenshot("theme-reloaded-dark").await;

        // (e) And "as the diagram says" is a choice that survives too.
        pick(&page, "").await;
        wait_theme(&page, "Dracula, saved as no choice", |v| v["background"] == "#282a36" && v["stored"] == "").await;
        page.client().refresh().await.expect("reload");
        page.wait_for("the app to mount again", LOAD_TIMEOUT, |s| s.editor.as_deref() == Some(SEED)).await;
        let v = wait_theme(&page, "Dracula after the reload", |v| v["background"] == "#282a36").await;
        assert_eq!(v["picker"], "", "{v}");
    })
    .await;
}
