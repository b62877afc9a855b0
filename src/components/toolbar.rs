//! The header: wordmark, examples menu, Open…, theme picker, status line, the icon
//! finder, the Share menu, Export SVG and the Export menu.

use leptos::prelude::*;

use crate::components::documents_menu::DocumentsMenu;
use crate::components::editor::replace_all;
use crate::components::export_menu::{ExportMenu, export_svg};
use crate::components::link_config::LinkConfig;
use crate::components::share_menu::ShareMenu;
use crate::components::theme_picker::ThemePicker;
use crate::examples::{EXAMPLES, by_id, matching};
use crate::files;
use crate::state::use_app;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app();
    // Which example the text is, if it is one unchanged ("" selects the placeholder).
    let current_example = Memo::new(move |_| state.text.with(|t| matching(t).map_or("", |e| e.id)));

    let on_example = move |ev: leptos::ev::Event| {
        if let Some(example) = by_id(&event_target_value(&ev)) {
            // Undo (ctrl+Z in the editor) brings the previous text back; see `replace_all`.
            replace_all(state, example.text);
        }
    };

    let export = move |_| export_svg(state);
    let no_svg = move || state.preview.with(|p| p.svg.is_none());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let export_title = move || {
        let name = state.rendered.with(|r| coral_core::export::FileNames::new(r.title.as_deref()).svg());
        format!("Download the diagram as {name}")
    };

    view! {
        <header class="toolbar">
            <div class="brand">
                <Logo />
                <span class="wordmark">"coral"</span>
            </div>
            <DocumentsMenu />
            <label class="examples">
                <span class="sr-only">"Examples"</span>
                // Selection is set per option, not with `select.value`: the options do not
                // exist yet when the select's own properties are first applied.
                <select id="examples" title="Load an example (Ctrl+Z / ⌘Z in the editor brings your text back)" on:change=on_example>
                    <option value="" disabled=true prop:selected=move || current_example.get().is_empty()>
                        "Load an example…"
                    </option>
                    {EXAMPLES
                        .iter()
                        .map(|e| {
                            let id = e.id;
                            view! {
                                <option value=id prop:selected=move || current_example.get() == id>
                                    {e.title}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                id="open-file"
                type="button"
                class="secondary icon-only"
                title="Open a .mmd or .md file (or drop one on the window)"
                aria-label="Open a file"
                on:click=move |_| {
                    if let Some(input) = file_input.get_untracked() {
                        input.click();
                    }
                }
            >
                <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M2.5 4.5v8h11v-6h-6l-1.5-2h-3.5z" />
                </svg>
            </button>
            <input
                id="open-file-input"
                node_ref=file_input
                type="file"
                accept=".mmd,.mermaid,.md,.markdown,.txt,text/plain,text/markdown"
                hidden=true
                on:change=move |ev| {
                    if let Some(file) = files::from_input(&ev) {
                        files::open_file(state, file);
                    }
                }
            />
            <ThemePicker />
            <LinkConfig />
            <div class="spacer"></div>
            <Status />
            <button
                id="icon-finder-button"
                type="button"
                class="secondary"
                title="Insert an icon (Ctrl+I / ⌘I)"
                aria-keyshortcuts="Control+I Meta+I"
                on:click=move |_| state.finder_open.set(true)
            >
                <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
                    <rect x="2" y="2" width="5" height="5" rx="1" />
                    <rect x="9" y="2" width="5" height="5" rx="1" />
                    <rect x="2" y="9" width="5" height="5" rx="1" />
                    <circle cx="11.5" cy="11.5" r="2.5" />
                </svg>
                "Icons"
            </button>
            <ShareMenu />
            <button
                id="export-svg"
                type="button"
                class="primary"
                title=export_title
                disabled=no_svg
                on:click=export
            >
                <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M8 2v8m0 0L4.5 6.5M8 10l3.5-3.5M3 13h10" />
                </svg>
                "Export SVG"
            </button>
            <ExportMenu />
            <button
                id="help-button"
                type="button"
                class="secondary icon-only"
                title="Keyboard shortcuts (? or F1)"
                aria-label="Keyboard shortcuts"
                aria-keyshortcuts="F1 Shift+Slash"
                on:click=move |_| state.help_open.set(true)
            >
                "?"
            </button>
        </header>
    }
}

/// Render time, size of the diagram, and problem counts.
#[component]
fn Status() -> impl IntoView {
    let state = use_app();
    let timing = move || state.rendered.with(|r| format!("{:.1} ms", r.millis));
    let size = move || {
        state.counts.get().filter(|&(n, _)| n > 0).map(|(n, e)| {
            let plural = |k: usize, w: &str| if k == 1 { format!("1 {w}") } else { format!("{k} {w}s") };
            view! {
                <span class="sep">" · "</span>
                <span class="status-size">{format!("{} · {}", plural(n, "node"), plural(e, "edge"))}</span>
            }
        })
    };
    let errors = move || state.rendered.with(|r| r.errors);
    let warnings = move || state.rendered.with(|r| r.warnings);
    view! {
        <div id="status" role="status" aria-live="polite">
            <span class="status-time" title="Time to parse, lay out and draw">{timing}</span>
            {size}
            <span class="sep">" · "</span>
            <span class="count error" class:zero=move || errors() == 0 title="Errors">
                <span class="dot"></span>
                {move || format!("{} error{}", errors(), if errors() == 1 { "" } else { "s" })}
            </span>
            " "
            <span class="count warning" class:zero=move || warnings() == 0 title="Warnings">
                <span class="dot"></span>
                {move || format!("{} warning{}", warnings(), if warnings() == 1 { "" } else { "s" })}
            </span>
        </div>
    }
}

/// The mark: three nodes and two edges, in the accent colours.
#[component]
fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 24 24" aria-hidden="true">
            <path class="logo-edge" d="M12 7v4M12 11L6.5 16M12 11l5.5 5" />
            <circle class="logo-a" cx="12" cy="5" r="3" />
            <circle class="logo-b" cx="5.5" cy="18.5" r="3" />
            <circle class="logo-c" cx="18.5" cy="18.5" r="3" />
        </svg>
    }
}
