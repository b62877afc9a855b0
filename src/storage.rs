//! The one piece of persistence: the editor text in `localStorage["coral.text"]`.
//!
//! Storage can be missing (privacy modes, sandboxed iframes) or full; every call here
//! degrades to "not saved" instead of failing, because losing persistence must never
//! take the editor down with it.

/// The `localStorage` key the text lives under (also written by the panic hook).
pub const TEXT_KEY: &str = "coral.text";

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
