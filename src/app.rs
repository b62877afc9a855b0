//! The root component: creates the shared state, lays out the panes, and owns the
//! effects that sync the text and the theme choice with the outside world (`localStorage`).

use leptos::prelude::*;

use crate::components::{
    diagnostics::Diagnostics, editor::Editor, icon_finder::IconFinder, preview::Preview, splitter::Splitter,
    toolbar::Toolbar,
};
use crate::state::provide_app_state;
use crate::storage;

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();

    // Effects run after the view is mounted; this one releases the first render.
    Effect::new(move |_| state.mounted.set(true));

    // Persist on change. Writes are cheap and already coalesced to one per frame.
    Effect::new(move |_| {
        state.text.with(|t| storage::save_text(t));
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

    view! {
        <div class="app" style:--split=move || format!("{:.2}%", state.split.get())>
            <Toolbar />
            <main class="panes">
                <section class="pane source-pane" aria-label="Source">
                    <Editor />
                    <Diagnostics />
                </section>
                <Splitter />
                <Preview />
            </main>
            <IconFinder />
        </div>
    }
}
