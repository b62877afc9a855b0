//! Opening documents: a file chosen with Open… or dropped on the window, and Markdown
//! pasted into the editor. Mermaid files (`.mmd`, `.mermaid`, anything without a mermaid
//! fence) replace the text; a Markdown file with one mermaid block loads that block; with
//! several, the block picker asks which (`components::block_picker`). Every replacement
//! goes through the editor's undoable path, so opening a file never loses the text.

use coral_core::markdown;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use crate::components::editor::replace_all;
use crate::components::notice::{NoticeKind, notify};
use crate::state::{AppState, Picker};

/// Larger files are refused: the editor redraws on every keystroke, and the core takes
/// seconds on 10 MB.
pub const MAX_FILE_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Reads `file` as text and opens it.
pub fn open_file(state: AppState, file: File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        notify(
            state,
            NoticeKind::Error,
            format!("{name} is {:.1} MB; Coral opens files up to 5 MB.", file.size() / 1024.0 / 1024.0),
        );
        return;
    }
    leptos::task::spawn_local(async move {
        match JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
            Some(text) => open_text(state, &name, text),
            None => notify(state, NoticeKind::Error, format!("{name} could not be read as text.")),
        }
    });
}

/// Opens a document read from the file `name`.
pub fn open_text(state: AppState, name: &str, text: String) {
    let lower = name.to_ascii_lowercase();
    let markdown_name = lower.ends_with(".md") || lower.ends_with(".markdown");
    let blocks = markdown::mermaid_blocks(&text);
    match blocks.len() {
        0 if markdown_name => {
            notify(state, NoticeKind::Error, format!("{name} holds no ```mermaid block; the text is unchanged."));
        }
        0 => {
            replace_all(state, &text);
            notify(state, NoticeKind::Info, format!("Opened {name}. Ctrl+Z in the editor brings back what was there."));
        }
        1 => {
            let code = blocks[0].code.to_string();
            replace_all(state, &code);
            notify(
                state,
                NoticeKind::Info,
                format!("Opened the mermaid block of {name}. Ctrl+Z in the editor brings back what was there."),
            );
        }
        _ => state.picker.set(Some(Picker { file: Some(name.to_string()), text })),
    }
}

/// The first file of a drop or a file input, if any.
pub fn first_file(list: Option<web_sys::FileList>) -> Option<File> {
    list?.item(0)
}

/// A drag over the window carries files (not text dragged from the editor).
pub fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| {
        let types = dt.types();
        (0..types.length()).any(|i| types.get(i).as_string().as_deref() == Some("Files"))
    })
}

/// Listens for files dropped anywhere on the window; `dragging` is true while files are
/// held over it (for the drop overlay).
pub fn listen_for_drops(state: AppState, dragging: RwSignal<bool>) {
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            // Without this the browser opens the file itself, replacing the app.
            ev.prevent_default();
            if let Some(dt) = ev.data_transfer() {
                dt.set_drop_effect("copy");
            }
            dragging.set(true);
        }
    });
    let _ = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (not moving between its children) has no related target.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        if let Some(file) = first_file(ev.data_transfer().and_then(|dt| dt.files())) {
            open_file(state, file);
        }
    });
}

/// Markdown pasted into the editor with several mermaid blocks: the picker asks which one
/// to insert. Returns whether the paste was taken over.
pub fn intercept_paste(state: AppState, ev: &web_sys::ClipboardEvent) -> bool {
    let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return false };
    if markdown::mermaid_blocks(&text).len() < 2 {
        return false;
    }
    ev.prevent_default();
    state.picker.set(Some(Picker { file: None, text }));
    true
}

/// The hidden file input's chosen file.
pub fn from_input(ev: &leptos::ev::Event) -> Option<File> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = first_file(input.files());
    // Choosing the same file again must fire `change` again.
    input.set_value("");
    file
}
