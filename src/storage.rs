//! What persists across reloads, in `localStorage`: the editor text (`coral.text`), the
//! recent documents (an index under `coral.documents`, each text under `coral.doc.<id>`;
//! the open one's text is also `coral.text`, which the panic hook keeps writing), the
//! document's Mermaid configuration from a share link (`coral.config`, absent when it is
//! the default), the theme picker's choice (`coral.theme`) and the fragment last written
//! into the address bar (`coral.fragment`).
//!
//! Storage can be missing (privacy modes, sandboxed iframes) or full; every call here
//! degrades to "not saved" instead of failing, because losing persistence must never
//! take the editor down with it.

use coral_core::Previous;
use coral_core::config::ThemeName;
use coral_editor::documents::Library;

/// The `localStorage` key the text lives under (also written by the panic hook).
pub const TEXT_KEY: &str = "coral.text";

/// The document's Mermaid configuration (JSON), when a link gave it one.
pub const CONFIG_KEY: &str = "coral.config";

/// The theme picker's choice: a theme name, or `""` for "as the diagram says".
pub const THEME_KEY: &str = "coral.theme";

/// Whether the editor soft-wraps long lines (`"1"`), the editor's one view option.
pub const WRAP_KEY: &str = "coral.wrap";

/// The fragment this app last wrote into the address bar: a reload finding it there is
/// the page's own link, perhaps older than the stored text (the address bar is written a
/// moment after the last edit), not a link someone opened.
pub const FRAGMENT_KEY: &str = "coral.fragment";

/// The recent documents' index (`coral_editor::documents::Library::to_index_json`).
pub const DOCUMENTS_KEY: &str = "coral.documents";

/// Where document `id`'s text is kept.
pub fn document_key(id: u64) -> String {
    format!("coral.doc.{id}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved text, or `None` on a first visit (an empty saved text is respected).
pub fn load_text() -> Option<String> {
    local_storage()?.get_item(TEXT_KEY).ok().flatten()
}

/// Saves the text; returns whether it worked (quota and security errors are swallowed).
pub fn save_text(text: &str) -> bool {
    local_storage().is_some_and(|s| s.set_item(TEXT_KEY, text).is_ok())
}

/// The text on screen as the page went away and the drawing it was laid out after
/// (`coral_core::RenderOptions::previous`), so a reload draws the same picture.
const DRAWN_AFTER_KEY: &str = "coral.drawn-after";
const DRAWN_AFTER_TEXT_KEY: &str = "coral.drawn-after.text";

pub fn load_drawn_after() -> Option<(String, Previous)> {
    let s = local_storage()?;
    let text = s.get_item(DRAWN_AFTER_TEXT_KEY).ok().flatten()?;
    let previous = Previous::decode(&s.get_item(DRAWN_AFTER_KEY).ok().flatten()?)?;
    Some((text, previous))
}

/// Saves what [`load_drawn_after`] reads (`None`: the text was laid out afresh).
pub fn save_drawn_after(text: &str, previous: Option<&Previous>) {
    let Some(s) = local_storage() else { return };
    match previous {
        Some(p) => {
            let _ = s.set_item(DRAWN_AFTER_KEY, &p.encode());
            let _ = s.set_item(DRAWN_AFTER_TEXT_KEY, text);
        }
        None => {
            let _ = s.remove_item(DRAWN_AFTER_KEY);
        }
    }
}

/// The fragment last written into the address bar, if any.
pub fn load_fragment() -> Option<String> {
    local_storage()?.get_item(FRAGMENT_KEY).ok().flatten()
}

/// Remembers the fragment just written into the address bar.
pub fn save_fragment(fragment: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(FRAGMENT_KEY, fragment);
    }
}

/// The saved theme choice; `None` ("as the diagram says") when there is none, or when it
/// names no theme this build knows.
pub fn load_theme() -> Option<ThemeName> {
    ThemeName::parse(&local_storage()?.get_item(THEME_KEY).ok().flatten()?)
}

/// Saves the theme choice; returns whether it worked.
pub fn save_theme(theme: Option<ThemeName>) -> bool {
    local_storage().is_some_and(|s| s.set_item(THEME_KEY, theme.map_or("", ThemeName::name)).is_ok())
}

/// The saved configuration, if a link set one.
pub fn load_config() -> Option<String> {
    local_storage()?.get_item(CONFIG_KEY).ok().flatten()
}

/// Saves the configuration (the default is stored as nothing); returns whether it worked.
pub fn save_config(config: &str) -> bool {
    local_storage().is_some_and(|s| {
        if config == coral_core::share::DEFAULT_CONFIG {
            s.remove_item(CONFIG_KEY)
        } else {
            s.set_item(CONFIG_KEY, config)
        }
        .is_ok()
    })
}

/// Whether the editor wraps long lines (off unless the user turned it on).
pub fn load_wrap() -> bool {
    local_storage().and_then(|s| s.get_item(WRAP_KEY).ok().flatten()).is_some_and(|v| v == "1")
}

/// Saves the soft-wrap choice.
pub fn save_wrap(wrap: bool) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(WRAP_KEY, if wrap { "1" } else { "0" });
    }
}

/// The recent documents as stored, with `text` (the editor's text now, from `coral.text`)
/// as the open one's; a first visit, or an index this build cannot read, starts a list
/// of one. An unreadable index is left in place until the first save replaces it.
pub fn load_library(text: &str, now: f64) -> Library {
    let mut lib = stored_library().unwrap_or_else(|| Library::new(text, now));
    lib.save(text, now);
    lib
}

/// The recent documents as stored now (another tab may have changed them), if readable.
pub fn stored_library() -> Option<Library> {
    let s = local_storage()?;
    let index = s.get_item(DOCUMENTS_KEY).ok().flatten()?;
    Library::from_index_json(&index, |id| s.get_item(&document_key(id)).ok().flatten()).ok()
}

/// Saves the index and the open document's text; returns whether both were written.
pub fn save_library(lib: &Library) -> bool {
    local_storage().is_some_and(|s| {
        let current = lib.current();
        s.set_item(&document_key(current.id), &current.text).is_ok()
            && s.set_item(DOCUMENTS_KEY, &lib.to_index_json()).is_ok()
    })
}

/// Forgets a deleted document's text.
pub fn forget_document(id: u64) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(&document_key(id));
    }
}
