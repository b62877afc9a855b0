//! Saving a string or a blob as a file, the browser way: a `Blob`, an object URL and a
//! temporary `<a download>` that we click.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

pub const SVG_MIME: &str = "image/svg+xml;charset=utf-8";
/// Mermaid text and Markdown: plain text, so every editor opens the file.
pub const TEXT_MIME: &str = "text/plain;charset=utf-8";

/// `contents` as a blob of type `mime`.
pub fn text_blob(contents: &str, mime: &str) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Offers `contents` for download as `filename`.
pub fn download(contents: &str, mime: &str, filename: &str) -> Result<(), JsValue> {
    download_blob(&text_blob(contents, mime)?, filename)
}

/// Offers `blob` for download as `filename`.
pub fn download_blob(blob: &Blob, filename: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;

    let document = leptos::prelude::document();
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.style().set_property("display", "none")?;
    // Firefox only follows a click on a link that is in the document.
    let body = document.body().ok_or_else(|| JsValue::from_str("no <body>"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers; the URL is only
    // needed until the download has started.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(1),
    );
    Ok(())
}
