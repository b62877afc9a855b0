//! The configuration a share link brought (`#link-config`): mermaid.live keeps Mermaid's
//! configuration beside the text, and Coral draws it under the text's own (see
//! `state::AppState::config`). While it is not the default this chip says so — its title
//! holds the JSON — and `#link-config-clear` drops it. It never changes the text.

use coral_core::share::{DEFAULT_CONFIG, config_key};
use leptos::prelude::*;

use crate::state::use_app;

#[component]
pub fn LinkConfig() -> impl IntoView {
    let state = use_app();
    let custom = move || state.config.with(|c| c != DEFAULT_CONFIG);
    let label = move || {
        state.config.with(|c| match config_key(c, "theme") {
            Some(theme) => format!("Link config · {theme}"),
            None => "Link config".to_string(),
        })
    };
    let title = move || {
        state.config.with(|c| {
            format!("The link's Mermaid configuration, drawn under the text's own:\n{c}\n(× drops it; the text is unchanged)")
        })
    };
    view! {
        <Show when=custom>
            <div id="link-config" class="link-config" title=title>
                <span class="link-config-label">{label}</span>
                <button
                    id="link-config-clear"
                    type="button"
                    aria-label="Drop the link's configuration"
                    on:click=move |_| state.config.set(DEFAULT_CONFIG.to_string())
                >
                    "×"
                </button>
            </div>
        </Show>
    }
}
