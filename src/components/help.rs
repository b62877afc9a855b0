//! The keyboard shortcuts overlay: `?` (when the focus is not in a text field) or F1
//! anywhere, or the toolbar's ? button. Escape or a click outside closes it.

use leptos::prelude::*;

use crate::state::use_app;

/// Every shortcut, by area: (keys, what they do).
const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Editor",
        &[
            ("Tab / Shift+Tab", "Indent / outdent the selected lines"),
            ("Escape, then Tab", "Leave the editor (Shift+Tab: backwards)"),
            ("Ctrl+/ · ⌘/", "Comment or uncomment the lines (%%)"),
            ("Ctrl+Z · ⌘Z", "Undo (typing, examples, drags: one history)"),
            ("Ctrl+Shift+Z · Ctrl+Y · ⇧⌘Z", "Redo"),
            ("Ctrl+F · ⌘F", "Find"),
            ("Ctrl+H · ⌘H", "Find and replace"),
            ("Enter / Shift+Enter", "Next / previous match (in the find bar)"),
            ("Ctrl+Space", "Show completions"),
            ("↑ ↓, Tab or Enter, Escape", "Choose, accept, dismiss a completion"),
            ("Alt+Z", "Soft wrap on / off"),
        ],
    ),
    (
        "Preview",
        &[
            ("Click", "Select an element and show its definition in the text"),
            (
                "Drag",
                "Move a node or group, or the whole selection from one of it (Escape cancels); the background pans",
            ),
            ("Shift+click · Shift+drag", "Add to the selection: one element, or what a marquee touches"),
            ("Touch or pen: hold, then drag", "A marquee, from empty canvas or inside a group"),
            ("Wheel · pinch", "Zoom around the pointer"),
            ("Arrow keys (Shift: ×10)", "Nudge the selection"),
            ("Ctrl+Z · ⌘Z", "Undo the last edit, a drag included"),
        ],
    ),
    ("Anywhere", &[("Ctrl+I · ⌘I", "Find an icon and insert its name"), ("? · F1", "This list")]),
];

/// Whether the focus is somewhere `?` is typed rather than meant as a shortcut.
fn typing_somewhere() -> bool {
    document().active_element().is_some_and(|el| {
        matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select")
            || el.get_attribute("contenteditable").is_some()
    })
}

#[component]
pub fn Help() -> impl IntoView {
    let state = use_app();
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        if key == "F1" || (key == "?" && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() && !typing_somewhere()) {
            ev.prevent_default();
            state.help_open.update(|o| *o = !*o);
        } else if key == "Escape" && state.help_open.get_untracked() {
            ev.prevent_default();
            state.help_open.set(false);
        }
    });
    view! {
        <Show when=move || state.help_open.get()>
            <div class="help-backdrop" on:click=move |_| state.help_open.set(false)>
                <div
                    id="shortcuts"
                    class="help"
                    role="dialog"
                    aria-modal="true"
                    aria-label="Keyboard shortcuts"
                    on:click=|ev| ev.stop_propagation()
                >
                    <header class="help-head">
                        <span>"Keyboard shortcuts"</span>
                        <button type="button" class="tool" title="Close (Escape)" aria-label="Close"
                            on:click=move |_| state.help_open.set(false)>"×"</button>
                    </header>
                    {SHORTCUTS
                        .iter()
                        .map(|(area, rows)| {
                            view! {
                                <section class="help-area">
                                    <h3>{*area}</h3>
                                    <dl>
                                        {rows
                                            .iter()
                                            .map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt><dd>{*what}</dd> })
                                            .collect_view()}
                                    </dl>
                                </section>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
        </Show>
    }
}
