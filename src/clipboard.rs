//! Copying to the clipboard: text through the asynchronous Clipboard API, falling back to
//! `execCommand("copy")` on a hidden text area where that API is missing (pages served
//! over plain HTTP, some embedding frames); images as a `ClipboardItem`, which has no
//! fallback. Every call checks that the API exists first: calling a missing browser
//! function from WebAssembly would throw through Rust code.

use std::future::Future;
use std::pin::Pin;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::{Blob, Clipboard, ClipboardItem, HtmlDocument, HtmlTextAreaElement};

/// The browser's clipboard, when this page may use it.
fn clipboard() -> Option<Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let value = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}

/// Copies `text`; `Err` says why it could not.
pub async fn copy_text(text: &str) -> Result<(), String> {
    if let Some(clipboard) = clipboard() {
        match JsFuture::from(clipboard.write_text(text)).await {
            Ok(_) => return Ok(()),
            // A denied permission or an unfocused document: the old way may still work.
            Err(e) if copy_with_exec_command(text) => {
                leptos::logging::warn!("clipboard.writeText failed ({}); copied with execCommand", describe(&e));
                return Ok(());
            }
            Err(e) => return Err(describe(&e)),
        }
    }
    if copy_with_exec_command(text) { Ok(()) } else { Err("this browser offers no clipboard here".into()) }
}

/// `document.execCommand("copy")` over a temporary, off-screen text area.
fn copy_with_exec_command(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(body) = document.body() else { return false };
    let Ok(area) = document.create_element("textarea") else { return false };
    let area: HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("style", "position:fixed;left:-9999px;top:0;opacity:0");
    if body.append_child(&area).is_err() {
        return false;
    }
    let active = document.active_element();
    area.select();
    let copied = document.dyn_ref::<HtmlDocument>().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false);
    area.remove();
    if let Some(el) = active.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    copied
}

/// A blob still being made (a PNG), for [`copy_blob`].
pub type PendingBlob = Pin<Box<dyn Future<Output = Result<Blob, String>>>>;

/// Copies the blob `make` produces as `mime`. The clipboard item is created at once with
/// a promise of the blob, so the browser still counts the click that asked for it as
/// the user's gesture while the blob is being drawn.
pub async fn copy_blob(mime: &str, make: PendingBlob) -> Result<(), String> {
    let clipboard = clipboard().ok_or("this browser offers no clipboard here")?;
    let has_item =
        web_sys::window().and_then(|w| Reflect::has(&w, &JsValue::from_str("ClipboardItem")).ok()).unwrap_or(false);
    if !has_item {
        return Err("this browser cannot copy images".into());
    }
    let promise: Promise =
        future_to_promise(async move { make.await.map(JsValue::from).map_err(|e| JsValue::from_str(&e)) });
    let record = Object::new();
    Reflect::set(&record, &JsValue::from_str(mime), &promise).map_err(|e| describe(&e))?;
    let item = ClipboardItem::new_with_record_from_str_to_blob_promise(&record).map_err(|e| describe(&e))?;
    let items = js_sys::Array::of1(&item);
    JsFuture::from(clipboard.write(&items)).await.map(|_| ()).map_err(|e| describe(&e))
}
