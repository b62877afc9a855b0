//! The theme picker: `select#theme-picker` draws the preview with a built-in theme instead
//! of the one the text chose, without touching the text; `button#theme-apply` ("Write to
//! text") writes the choice into the text when asked to, and the picker then goes back to
//! "As the diagram says", since the diagram now says it.
//!
//! What a chosen theme replaces and what it keeps is the core's rule
//! (`coral_core::RenderOptions::theme`); writing it is `coral_core::edit::set_theme`.

use coral_core::config::ThemeName;
use leptos::prelude::*;

use crate::components::editor::replace_all;
use crate::state::use_app;

/// The themes offered, as Mermaid's documentation names them (the `neo` and `redux`
/// variants draw like `default` and `dark` here, so they are not listed).
const THEMES: [(ThemeName, &str); 6] = [
    (ThemeName::Default, "Default"),
    (ThemeName::Base, "Base"),
    (ThemeName::Dark, "Dark"),
    (ThemeName::Forest, "Forest"),
    (ThemeName::Neutral, "Neutral"),
    (ThemeName::Dracula, "Dracula"),
];

#[component]
pub fn ThemePicker() -> impl IntoView {
    let state = use_app();
    let on_change = move |ev: leptos::ev::Event| state.theme.set(ThemeName::parse(&event_target_value(&ev)));

    let write = move |_| {
        let Some(theme) = state.theme.get_untracked() else { return };
        // The text area may be a frame ahead of the signal.
        state.sync_now();
        let text = state.text.get_untracked();
        let patched = coral_core::edit::set_theme(&text, theme);
        if patched != text {
            // Undoable, like loading an example: ctrl+Z in the editor brings the old text back.
            replace_all(state, &patched);
        }
        state.theme.set(None);
    };

    view! {
        <div class="theme-picker">
            <label title="Preview with another theme; the text stays as it is">
                <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M8 2a6 6 0 1 0 0 12c1 0 1.4-.7 1-1.5-.5-1 .1-2 1.2-2H12a2.5 2.5 0 0 0 2-2.5C14 4.6 11.3 2 8 2z" />
                    <circle cx="5" cy="7" r=".6" />
                    <circle cx="7.5" cy="4.8" r=".6" />
                    <circle cx="10.5" cy="5.6" r=".6" />
                </svg>
                <span class="sr-only">"Theme"</span>
                // Selected per option, as in the examples menu: the options do not exist
                // yet when the select's own properties are first applied.
                <select id="theme-picker" on:change=on_change>
                    <option value="" prop:selected=move || state.theme.get().is_none()>
                        "As the diagram says"
                    </option>
                    {THEMES
                        .iter()
                        .map(|&(theme, label)| {
                            view! {
                                <option value=theme.name() prop:selected=move || state.theme.get() == Some(theme)>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                id="theme-apply"
                type="button"
                class="secondary"
                title="Write this theme into the diagram's text (ctrl+Z undoes it)"
                disabled=move || state.theme.get().is_none()
                on:click=write
            >
                "Write to text"
            </button>
        </div>
    }
}
