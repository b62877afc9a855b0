//! The Documents menu in headless Chromium: a new document, switching between two with
//! each text kept, renaming (Enter keeps, Escape leaves), a reload that brings the list
//! and the open document back, deleting the open one, and a share link opened as a
//! document of its own beside the user's.

use coral_core::share::State;
use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use fantoccini::key::Key;
use serde_json::Value;

async fn editor_text(page: &Page) -> String {
    page.snapshot().await.editor.unwrap_or_default()
}

async fn open_menu(page: &Page) {
    let open = page.eval("return !!document.querySelector('#documents')").await;
    if open != Value::Bool(true) {
        page.find("#documents-button").await.click().await.expect("open the Documents menu");
        page.wait_until("the Documents menu", UPDATE_TIMEOUT, "return !!document.querySelector('#documents')").await;
    }
}

/// The labels of the listed documents, top to bottom, and which one is open.
async fn listed(page: &Page) -> (Vec<String>, Option<String>) {
    open_menu(page).await;
    let v = page
        .eval(
            "const rows = [...document.querySelectorAll('#documents .doc-open .doc-label')];
             const open = document.querySelector('#documents .doc-open[aria-current=true] .doc-label');
             return [rows.map(r => r.textContent), open ? open.textContent : null];",
        )
        .await;
    let labels = v[0].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_string()).collect();
    (labels, v[1].as_str().map(str::to_string))
}

async fn click_document(page: &Page, label: &str) {
    open_menu(page).await;
    let js = format!(
        "const b = [...document.querySelectorAll('#documents .doc-open')].find(b => b.querySelector('.doc-label').textContent === {label:?});
         if (!b) return false; b.click(); return true;"
    );
    assert_eq!(page.eval(&js).await, Value::Bool(true), "no document called {label}");
}

#[tokio::test]
async fn documents_are_kept_switched_renamed_and_deleted() {
    with_app("documents", |page: Page| async move {
        page.write("---\ntitle: Orders\n---\nflowchart LR\n  Cart --> Pay", &["Cart", "Pay"]).await;
        let (labels, open) = listed(&page).await;
        assert_eq!(labels, vec!["Orders"], "called by its diagram's title");
        assert_eq!(open.as_deref(), Some("Orders"));

        // A new document: the editor holds its starter diagram, the first one is kept.
        page.find("#new-document").await.click().await.expect("New document");
        page.wait_for("the new document", UPDATE_TIMEOUT, |s| s.has_nodes(&["start", "finish"])).await;
        page.write("flowchart TD\n  Second --> Doc", &["Second", "Doc"]).await;
        let (labels, open) = listed(&page).await;
        assert_eq!(labels, vec!["flowchart TD", "Orders"], "most recent first, untitled by its first line");
        assert_eq!(open.as_deref(), Some("flowchart TD"));
        page.screenshot("documents-menu").await;

        // Switching brings the other text back, with an undo history of its own.
        click_document(&page, "Orders").await;
        page.wait_for("Orders again", UPDATE_TIMEOUT, |s| s.has_nodes(&["Cart", "Pay"])).await;
        assert_eq!(editor_text(&page).await, "---\ntitle: Orders\n---\nflowchart LR\n  Cart --> Pay");
        let undo = format!("{}z{}", Key::Control, Key::Null);
        page.editor().await.send_keys(&undo).await.expect("ctrl+Z");
        assert_eq!(editor_text(&page).await, "---\ntitle: Orders\n---\nflowchart LR\n  Cart --> Pay", "nothing of the other document to undo");

        // Rename the second; Escape in the field leaves the name as it was.
        open_menu(&page).await;
        let rename_second = "const row = [...document.querySelectorAll('#documents .doc-row')]
             .find(r => r.querySelector('.doc-label') && r.querySelector('.doc-label').textContent === 'flowchart TD');
             row.querySelector('.doc-rename').click(); return true;";
        page.eval(rename_second).await;
        let field = page.find("#documents .doc-name").await;
        field.send_keys(&format!("{}Nope{}", Key::End, Key::Escape)).await.expect("type, then Escape");
        page.wait_until("the field to close", UPDATE_TIMEOUT, "return !document.querySelector('#documents .doc-name')").await;
        assert_eq!(listed(&page).await.0, vec!["flowchart TD", "Orders"], "opening is not changing: the order stays");
        page.eval(rename_second).await;
        let field = page.find("#documents .doc-name").await;
        let select_all = format!("{}a{}", Key::Control, Key::Null);
        field.send_keys(&format!("{select_all}Payments sketch{}", Key::Enter)).await.expect("rename");
        page.wait_until("the new name", UPDATE_TIMEOUT, "return [...document.querySelectorAll('#documents .doc-label')].some(l => l.textContent === 'Payments sketch')").await;

        // A reload brings the list, the names and the open document back.
        page.goto("/").await;
        page.wait_for("the open document after a reload", LOAD_TIMEOUT, |s| s.has_nodes(&["Cart", "Pay"])).await;
        let (labels, open) = listed(&page).await;
        assert_eq!(labels, vec!["Payments sketch", "Orders"]);
        assert_eq!(open.as_deref(), Some("Orders"));
        click_document(&page, "Payments sketch").await;
        page.wait_for("the renamed one", UPDATE_TIMEOUT, |s| s.has_nodes(&["Second", "Doc"])).await;

        // Deleting the open document (after the confirmation) opens the next one.
        page.eval("window.confirm = () => true; return true;").await;
        open_menu(&page).await;
        page.eval("document.querySelector('#documents .doc-open[aria-current=true]').parentElement.querySelector('.doc-delete').click(); return true;").await;
        page.wait_for("Orders open after the delete", UPDATE_TIMEOUT, |s| s.has_nodes(&["Cart", "Pay"])).await;
        assert_eq!(listed(&page).await.0, vec!["Orders"]);
        let stored = page.eval("return Object.keys(localStorage).filter(k => k.startsWith('coral.doc.')).length").await;
        assert_eq!(stored, Value::from(1), "the deleted text is gone from storage");
    })
    .await;
}

#[tokio::test]
async fn a_link_opens_as_a_new_document_and_the_users_own_stays_listed() {
    with_app("documents-link", |page: Page| async move {
        page.write("---\ntitle: Mine\n---\nflowchart LR\n  Mine --> Kept", &["Mine", "Kept"]).await;
        let link = State::new("flowchart LR\n  From --> Link").encode();
        page.goto(&format!("/edit#{link}")).await;
        page.wait_for("the link's diagram", LOAD_TIMEOUT, |s| s.has_nodes(&["From", "Link"])).await;
        let (labels, open) = listed(&page).await;
        assert_eq!(labels, vec!["flowchart LR", "Mine"]);
        assert_eq!(open.as_deref(), Some("flowchart LR"));
        click_document(&page, "Mine").await;
        page.wait_for("the user's own document", UPDATE_TIMEOUT, |s| s.has_nodes(&["Mine", "Kept"])).await;
        assert_eq!(editor_text(&page).await, "---\ntitle: Mine\n---\nflowchart LR\n  Mine --> Kept");
    })
    .await;
}
