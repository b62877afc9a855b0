//! The root component: creates the shared state, lays out the panes (or the read-only
//! view), and owns the effects that sync the text and the theme choice with the outside
//! world (`localStorage`, the address bar, `window.coral`).

use coral_editor::documents::title_from;
use leptos::prelude::*;

use crate::components::notice::{NoticeKind, notify};
use crate::components::{
    block_picker::BlockPicker, diagnostics::Diagnostics, editor::Editor, help::Help, icon_finder::IconFinder,
    notice::NoticeBar, preview::Preview, splitter::Splitter, toolbar::Toolbar, view::ViewPage,
};
use crate::state::{provide_app_state, wall_ms};
use crate::{api, files, links, storage};

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    let read_only = state.page.with_value(|p| p.mode.is_read_only());
    if read_only {
        return view! { <ViewRoot /> }.into_any();
    }

    // The link the page opened with, and the address bar from now on. Before the effect
    // that releases the first render, so a link's diagram is the first one drawn.
    links::install(state);
    // After the link is applied, so opening a link is not reported as an edit.
    api::install(state);

    // Effects run after the view is mounted; this one releases the first render.
    Effect::new(move |_| state.mounted.set(true));
    crate::icons::warm_names_index();
    crate::warm::start();

    // Persist on change. Writes are cheap and already coalesced to one per frame. When
    // the browser refuses (storage full, private mode, storage disabled), the text keeps
    // living in this tab and the problems area says so, once until a save works again.
    let save_failed = StoredValue::new(false);
    Effect::new(move |_| {
        let saved = state.text.with(|t| storage::save_text(t));
        if !saved && !save_failed.get_value() {
            notify(
                state,
                NoticeKind::Error,
                "This browser would not save the document (storage full, private mode or storage turned off). \
                 It stays in this tab; use More → Save as .mmd to keep a copy.",
            );
        }
        save_failed.set_value(!saved);
    });
    // The open document in the recent list follows the text, and its title the diagram's.
    Effect::new(move |_| {
        let changed = state.text.with(|t| {
            let mut changed = false;
            if state.library.with_untracked(|l| l.current().text != *t) {
                state.library.update(|l| changed = l.save(t, wall_ms()));
            }
            changed
        });
        if changed {
            state.library.with_untracked(storage::save_library);
        }
    });
    // Another tab of this app changed the list: take it in, keeping what is open here (so
    // neither tab's later save drops the other's documents).
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(storage::DOCUMENTS_KEY)
            && let Some(stored) = storage::stored_library()
        {
            state.library.update(|l| l.adopt(stored));
        }
    });
    Effect::new(move |_| {
        let title = state.rendered.with(|r| r.title.clone());
        // Compared as stored (trimmed, cut), so an unchanged title is not saved again.
        if state.library.with_untracked(|l| l.current().title != title_from(title.as_deref())) {
            state.library.update(|l| l.set_title(title.as_deref()));
            state.library.with_untracked(storage::save_library);
        }
    });
    Effect::new(move |_| {
        state.config.with(|c| storage::save_config(c));
    });
    Effect::new(move |_| {
        storage::save_theme(state.theme.get());
    });

    // Ctrl/⌘+I opens the icon finder from anywhere. Browsers leave it to the page (Firefox's
    // Page Info yields to preventDefault; Ctrl+Shift+I, the developer tools, is not
    // taken), and the text area has no binding for it (italics are contenteditable's).
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key() && !ev.alt_key() && ev.key().eq_ignore_ascii_case("i") {
            ev.prevent_default();
            state.finder_open.set(true);
        }
    });

    let dragging = RwSignal::new(false);
    files::listen_for_drops(state, dragging);

    view! {
        <div class="app" style:--split=move || format!("{:.2}%", state.split.get())>
            <Toolbar />
            <main class="panes">
                <section class="pane source-pane" aria-label="Source">
                    <Editor />
                    <div class="source-foot">
                        <NoticeBar />
                        <Diagnostics />
                    </div>
                </section>
                <Splitter />
                <Preview />
            </main>
            <IconFinder />
            <BlockPicker />
            <Help />
            <Show when=move || dragging.get()>
                <div id="drop-overlay" aria-hidden="true">
                    <div class="drop-card">"Drop a .mmd or .md file to open it"</div>
                </div>
            </Show>
        </div>
    }
    .into_any()
}

/// The view and embed routes: the diagram alone. Nothing here writes to storage or to
/// the address bar; `window.coral` and the message API work as in the editor.
#[component]
fn ViewRoot() -> impl IntoView {
    let state = crate::state::use_app();
    api::install(state);
    links::follow_in_view(state);
    Effect::new(move |_| state.mounted.set(true));
    view! { <ViewPage /> }
}
