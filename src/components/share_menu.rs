//! The Share menu (`#share-menu`): the editor link (mermaid.live's `/edit#pako:…` shape,
//! also always in the address bar), the `<iframe>` that embeds the diagram, a Markdown
//! image that links back to the editor, and the read-only view in a new tab.

use coral_core::share::snippet;
use leptos::prelude::*;

use crate::clipboard::copy_text;
use crate::components::export_menu::file_names;
use crate::components::menu::Menu;
use crate::components::notice::{NoticeKind, notify};
use crate::links::{edit_link, embed_link, view_link};
use crate::state::{AppState, use_app};

fn copy(state: AppState, text: String, what: &'static str) {
    leptos::task::spawn_local(async move {
        match copy_text(&text).await {
            Ok(()) => notify(state, NoticeKind::Info, format!("Copied {what}.")),
            Err(e) => notify(state, NoticeKind::Error, format!("Copying {what} failed: {e}.")),
        }
    });
}

#[component]
pub fn ShareMenu() -> impl IntoView {
    let state = use_app();
    let title = move || state.rendered.with_untracked(|r| r.title.clone());
    let copy_link = move |_| {
        state.sync_now();
        copy(state, edit_link(state), "the link");
    };
    let copy_iframe = move |_| {
        state.sync_now();
        copy(state, snippet::iframe(&embed_link(state), title().as_deref()), "the iframe snippet");
    };
    let copy_markdown = move |_| {
        state.sync_now();
        let image = file_names(state).svg();
        copy(state, snippet::markdown(&image, title().as_deref(), &edit_link(state)), "the Markdown snippet");
    };
    // The panel is built when it opens, so the view link is the document of that moment.
    let view_href = move || {
        state.sync_now();
        view_link(state)
    };

    view! {
        <Menu
            id="share-menu"
            label="Share"
            title="Links that open this diagram, here or in mermaid.live"
            icon="M6 10l4-4M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1"
        >
            <button id="copy-link" type="button" role="menuitem" on:click=copy_link
                title="The editor on this diagram; swap the origin and mermaid.live opens it too">
                "Copy link"
            </button>
            <button id="copy-iframe" type="button" role="menuitem" on:click=copy_iframe
                title="An <iframe> that shows the diagram on any page">
                "Copy iframe snippet"
            </button>
            <button id="copy-markdown" type="button" role="menuitem" on:click=copy_markdown
                title="The exported SVG as a Markdown image, linking back to this diagram">
                "Copy Markdown snippet"
            </button>
            <a id="open-view" role="menuitem" href=view_href target="_blank" rel="noopener">
                "Open the view in a new tab"
            </a>
        </Menu>
    }
}
