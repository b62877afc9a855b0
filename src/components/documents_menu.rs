//! The Documents menu (`#documents`): the recent documents, most recently changed first,
//! as mermaid.live's History keeps them: open one (`.doc-open`, the open one marked
//! `aria-current`), start a new one (`#new-document`), rename (`.doc-rename`, then the
//! `.doc-name` field: Enter keeps, Escape leaves it) or delete (`.doc-delete`, after a
//! confirmation). The list itself is `coral_editor::documents::Library`; storing it is
//! `storage.rs`'s, and every change of the text is saved into the open document by `app.rs`.

use coral_editor::documents::Library;
use leptos::prelude::*;

use crate::components::editor::load_document;
use crate::components::menu::Menu;
use crate::components::notice::{NoticeKind, notify};
use crate::state::{AppState, use_app, wall_ms};
use crate::storage;

/// What a new document starts with: a diagram small enough to replace at once.
const NEW_DOCUMENT: &str = "flowchart TD\n    start[Start] --> finish[Finish]\n";

/// "just now", "5 min ago", "3 h ago", "2 days ago".
fn ago(then: f64, now: f64) -> String {
    let mins = ((now - then) / 60_000.0).max(0.0).floor() as u64;
    match mins {
        0 => "just now".to_string(),
        1..=59 => format!("{mins} min ago"),
        60..=1439 => format!("{} h ago", mins / 60),
        _ => match mins / 1440 {
            1 => "yesterday".to_string(),
            d => format!("{d} days ago"),
        },
    }
}

fn save(state: AppState) {
    if !state.library.with_untracked(storage::save_library) {
        notify(state, NoticeKind::Error, "This browser would not save the list of documents; it stays in this tab.");
    }
}

/// Opens document `id` in the editor: the open one was saved with its last change, so
/// nothing is lost; the undo history starts afresh, being the other document's.
fn open(state: AppState, id: u64) {
    if state.library.with_untracked(|l| l.current().id == id) {
        return;
    }
    let mut text = None;
    state.library.update(|l| text = l.open(id).map(str::to_string));
    if let Some(text) = text {
        load_document(state, &text);
        save(state);
    }
}

fn create(state: AppState) {
    state.library.update(|l| {
        l.create(NEW_DOCUMENT, wall_ms());
    });
    load_document(state, NEW_DOCUMENT);
    save(state);
}

fn delete(state: AppState, id: u64) {
    let label = state.library.with_untracked(|l| l.documents().iter().find(|d| d.id == id).map(|d| d.label()));
    let Some(label) = label else { return };
    let asked = format!("Delete “{label}”? Its text cannot be brought back.");
    if !web_sys::window().and_then(|w| w.confirm_with_message(&asked).ok()).unwrap_or(false) {
        return;
    }
    let was_open = state.library.with_untracked(|l| l.current().id == id);
    state.library.update(|l| {
        l.delete(id, wall_ms());
    });
    storage::forget_document(id);
    if was_open {
        let text = state.library.with_untracked(|l| l.current().text.clone());
        load_document(state, &text);
    }
    save(state);
}

#[component]
pub fn DocumentsMenu() -> impl IntoView {
    let state = use_app();
    // The document whose name is being edited.
    let renaming = RwSignal::new(None::<u64>);
    let rows = move || {
        let now = wall_ms();
        state.library.with(|l: &Library| {
            let current = l.current().id;
            l.documents()
                .iter()
                .map(|d| {
                    let (id, label, when) = (d.id, d.label(), ago(d.changed, now));
                    let is_open = id == current;
                    let editing = move || renaming.get() == Some(id);
                    let commit = move |value: String| {
                        state.library.update(|l| {
                            l.rename(id, &value);
                        });
                        renaming.set(None);
                        save(state);
                    };
                    let label_for_input = label.clone();
                    view! {
                        <div class="menu-row doc-row" data-id=id.to_string()>
                            <Show
                                when=editing
                                fallback=move || {
                                    let label = label.clone();
                                    let when = when.clone();
                                    view! {
                                        <button
                                            type="button"
                                            role="menuitem"
                                            class="doc-open"
                                            aria-current=is_open.then_some("true")
                                            title=format!("Open “{label}”")
                                            on:click=move |_| open(state, id)
                                        >
                                            <span class="doc-label">{label.clone()}</span>
                                            <span class="doc-time">{when}</span>
                                        </button>
                                    }
                                }
                            >
                                <input
                                    class="doc-name"
                                    type="text"
                                    aria-label="Document name (empty: its diagram's title)"
                                    prop:value=label_for_input.clone()
                                    maxlength="80"
                                    on:keydown=move |ev| match ev.key().as_str() {
                                        "Enter" => {
                                            ev.prevent_default();
                                            commit(event_target_value(&ev));
                                        }
                                        "Escape" => {
                                            // Leave the name as it was; the menu stays open.
                                            ev.prevent_default();
                                            ev.stop_propagation();
                                            renaming.set(None);
                                        }
                                        _ => {}
                                    }
                                    on:blur=move |ev| {
                                        if renaming.get_untracked() == Some(id) {
                                            commit(event_target_value(&ev));
                                        }
                                    }
                                />
                            </Show>
                            <button
                                type="button"
                                class="doc-rename icon-only"
                                title="Rename"
                                aria-label="Rename"
                                on:click=move |_| renaming.set(Some(id))
                            >
                                "✎"
                            </button>
                            <button
                                type="button"
                                class="doc-delete icon-only"
                                title="Delete"
                                aria-label="Delete"
                                on:click=move |_| delete(state, id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    // The name field takes the keyboard as soon as it appears.
    Effect::new(move |_| {
        if renaming.get().is_some() {
            request_animation_frame(|| {
                if let Some(input) = document().query_selector(".doc-name").ok().flatten() {
                    use wasm_bindgen::JsCast;
                    if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
                        let _ = input.focus();
                        input.select();
                    }
                }
            });
        }
    });
    view! {
        <Menu
            id="documents"
            label="Documents"
            title="Your recent documents: open, rename or delete them, or start a new one"
            icon="M4 2.5h5.5L12 5v8.5H4zM9.5 2.5V5H12M6 8h4M6 10.5h4"
        >
            <button id="new-document" type="button" role="menuitem" on:click=move |_| create(state)>
                "New document"
            </button>
            <div class="menu-section">"Recent"</div>
            <div class="doc-list">{rows}</div>
        </Menu>
    }
}
