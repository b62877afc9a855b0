//! What happens when Rust panics in the browser.
//!
//! The release build uses `panic = "abort"`: after the hook returns, the WebAssembly
//! instance traps and no Rust code runs again on this page. So the hook does everything
//! that must survive, with plain `web-sys` DOM calls (the reactive runtime may be the
//! thing that broke):
//!
//! 1. forward the message to the console (`console_error_panic_hook`);
//! 2. save the text area's current text to `localStorage`, so a reload restores it;
//! 3. keep saving it while the user goes on typing, with a plain JavaScript `oninput`
//!    handler (it does not call into the dead instance);
//! 4. show a fixed banner with the message and a Reload button. Its text is set with
//!    `set_text_content`, never as HTML: the message can quote user text.
//!
//! Every step is best-effort and never panics itself (a panic inside the hook aborts at
//! once, and the user would see nothing).

use std::panic::PanicHookInfo;

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlTextAreaElement};

use crate::storage;

pub fn install() {
    std::panic::set_hook(Box::new(on_panic));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let saved = save_editor_text(&document);
    show_banner(&document, &info.to_string(), saved);
}

/// Where the text is now, for the banner.
enum Saved {
    /// In the editor and in `localStorage`, which keeps following the editor.
    EditorAndStorage,
    /// In the editor only (storage refused it).
    EditorOnly,
    /// There is no editor yet (a panic while mounting): whatever storage held is untouched.
    StorageOnly,
}

fn save_editor_text(document: &Document) -> Saved {
    let Some(area) = document.get_element_by_id("editor").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) else {
        return Saved::StorageOnly;
    };
    let saved = if storage::save_text(&area.value()) { Saved::EditorAndStorage } else { Saved::EditorOnly };
    let keep_saving = js_sys::Function::new_with_args(
        "event",
        &format!("try {{ localStorage.setItem({:?}, event.target.value); }} catch (_) {{}}", storage::TEXT_KEY),
    );
    area.set_oninput(Some(&keep_saving));
    saved
}

fn show_banner(document: &Document, message: &str, saved: Saved) {
    if document.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("panic-banner");
    let _ = banner.set_attribute("role", "alert");

    let el = |tag: &str, class: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_class_name(class);
        e.set_text_content(Some(text));
        Some(e)
    };
    let title = el("strong", "panic-title", "Coral hit an internal error and stopped.");
    let detail = el(
        "span",
        "panic-detail",
        match saved {
            Saved::EditorAndStorage => {
                "Your text is safe: it is still in the editor and saved in this browser. Reload to continue. \
                 If the error comes back at once, something in the text triggers it: edit it here \
                 (your edits are saved too) and reload."
            }
            Saved::EditorOnly => {
                "Your text is still in the editor, but this browser would not let us save it: copy it before reloading."
            }
            Saved::StorageOnly => "Your last saved text is kept in this browser and comes back when you reload.",
        },
    );
    let msg = el("code", "panic-message", message);
    let reload = el("button", "panic-reload", "Reload");
    if let Some(button) = &reload {
        // A JavaScript function, not a Rust closure: the instance is about to trap.
        let reload_page = js_sys::Function::new_no_args("location.reload()");
        if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
            button.set_onclick(Some(&reload_page));
        }
        let _ = button.set_attribute("type", "button");
    }
    for child in [title, detail, msg, reload].into_iter().flatten() {
        let _ = banner.append_child(&child);
    }
    let _ = body.append_child(&banner);
}
