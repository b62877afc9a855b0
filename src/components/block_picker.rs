//! The block picker (`#block-picker`): a Markdown file (or paste) with several mermaid
//! blocks lists them, each with the heading above it, its header line and its size
//! (`coral_core::markdown::describe`); choosing one (`.block-choice[data-index]`) puts
//! that block's text into the editor, "Whole document" (`#block-whole`) the Markdown as
//! it is. A file replaces the text, a paste goes in at the caret; both undoably.

use coral_core::markdown;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::components::editor::{insert_at_selection, replace_all};
use crate::components::notice::{NoticeKind, notify};
use crate::state::{AppState, Picker, use_app};

#[component]
pub fn BlockPicker() -> impl IntoView {
    let state = use_app();
    move || state.picker.get().map(|picker| view! { <PickerDialog picker=picker /> })
}

fn choose(state: AppState, picker: &Picker, text: &str, what: &str) {
    state.picker.set(None);
    match &picker.file {
        Some(name) => {
            replace_all(state, text);
            notify(
                state,
                NoticeKind::Info,
                format!("Opened {what} of {name}. Ctrl+Z in the editor brings back what was there."),
            );
        }
        None => insert_at_selection(state, text),
    }
}

fn cancel(state: AppState) {
    state.picker.set(None);
    if let Some(area) = state.editor.get_untracked() {
        let _ = area.focus();
    }
}

#[component]
fn PickerDialog(picker: Picker) -> impl IntoView {
    let state = use_app();
    let blocks: Vec<(usize, String, String, String)> = markdown::describe(&picker.text)
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let title = b.heading.map_or_else(|| format!("Block {}", i + 1), str::to_string);
            let header = if b.header.is_empty() { "(empty)".to_string() } else { b.header.clone() };
            let size = format!("line {} · {} line{}", b.line, b.lines, if b.lines == 1 { "" } else { "s" });
            (i, title, header, size)
        })
        .collect();
    let count = blocks.len();
    let source = picker.file.clone().unwrap_or_else(|| "The pasted text".to_string());
    let picker = StoredValue::new(picker);
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            cancel(state);
        }
    };
    let dialog = NodeRef::<leptos::html::Div>::new();
    dialog.on_load(|el| {
        // Focus the first choice, so Enter picks it and Escape reaches the dialog.
        if let Ok(Some(first)) = el.query_selector("button.block-choice")
            && let Ok(first) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(first)
        {
            let _ = first.focus();
        }
    });

    view! {
        <div class="finder-backdrop" on:click=move |_| cancel(state)>
            <div
                id="block-picker"
                node_ref=dialog
                role="dialog"
                aria-modal="true"
                aria-labelledby="block-picker-title"
                on:click=|ev| ev.stop_propagation()
                on:keydown=on_key
            >
                <header class="picker-head">
                    <strong id="block-picker-title">"Which diagram?"</strong>
                    <span class="picker-sub">{format!("{source} holds {count} mermaid blocks.")}</span>
                </header>
                <ul class="picker-list">
                    {blocks
                        .into_iter()
                        .map(|(i, title, header, size)| {
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="block-choice"
                                        data-index=i
                                        on:click=move |_| {
                                            picker.with_value(|p| {
                                                let all = markdown::mermaid_blocks(&p.text);
                                                if let Some(b) = all.get(i) {
                                                    choose(state, p, b.code, &format!("block {}", i + 1));
                                                }
                                            })
                                        }
                                    >
                                        <span class="choice-title">{title}</span>
                                        <code class="choice-header">{header}</code>
                                        <span class="choice-size">{size}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <footer class="picker-foot">
                    <button
                        id="block-whole"
                        type="button"
                        class="secondary"
                        title="Put the whole Markdown in the editor (Coral draws its first block)"
                        on:click=move |_| picker.with_value(|p| choose(state, p, &p.text, "the whole document"))
                    >
                        "Whole document"
                    </button>
                    <button id="block-cancel" type="button" class="secondary" on:click=move |_| cancel(state)>
                        "Cancel"
                    </button>
                </footer>
            </div>
        </div>
    }
}
