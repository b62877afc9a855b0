//! The root component: creates the shared state, lays out the panes, and owns the one
//! effect that syncs the text with the outside world (`localStorage`).

use leptos::prelude::*;

use crate::components::{
    diagnostics::Diagnostics, editor::Editor, preview::Preview, splitter::Splitter, toolbar::Toolbar,
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
        </div>
    }
}
