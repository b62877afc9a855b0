//! PNG export, drawn by the browser: the SVG (as the core wrote it, icons inlined) becomes
//! an image from a `data:` URL, the image is drawn onto a canvas of the chosen size, and
//! the canvas is encoded with `toBlob`. A `data:` URL (not a `blob:` one) keeps the canvas
//! origin-clean in every browser, so `toBlob` is allowed. Sizes and the transparent
//! variant are the core's arithmetic (`coral_core::export`).

use coral_core::export::{PngSize, png_dimensions, sized, svg_size, without_background};
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// What to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PngOptions {
    pub size: PngSize,
    /// Leave out the theme's background rectangle.
    pub transparent: bool,
}

/// The PNG of `svg` and its pixel size.
pub async fn render(svg: &str, options: PngOptions) -> Result<(Blob, u32, u32), String> {
    let svg = if options.transparent { without_background(svg) } else { svg.to_string() };
    let natural = svg_size(&svg).ok_or("the diagram has no size to draw at")?;
    let (width, height, _) = png_dimensions(natural, options.size);
    let fail = |what: &str, e: JsValue| format!("{what} failed ({e:?})");

    // Drawn at the target size from the start: some browsers rasterize an SVG image at
    // its own size and would scale that bitmap.
    let svg = sized(&svg, width, height);
    let image = HtmlImageElement::new().map_err(|e| fail("creating an image", e))?;
    let url = format!("data:image/svg+xml;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&svg)));
    image.set_src(&url);
    JsFuture::from(image.decode()).await.map_err(|_| "the browser could not read the SVG as an image".to_string())?;

    let document = leptos::prelude::document();
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").map_err(|e| fail("creating a canvas", e))?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().ok_or("this browser gives no 2D canvas")?.unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(width), f64::from(height))
        .map_err(|e| fail("drawing", e))?;

    let target = canvas.clone();
    let mut to_blob_error = None;
    let promise = Promise::new(&mut |resolve, reject| {
        if let Err(e) = target.to_blob_with_type(&resolve, "image/png") {
            to_blob_error = Some(format!("{e:?}"));
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = JsFuture::from(promise)
        .await
        .map_err(|e| to_blob_error.unwrap_or_else(|| format!("encoding failed ({e:?})")))?;
    // `toBlob` passes null when the canvas is too large to encode.
    let blob: Blob = blob.dyn_into().map_err(|_| "the canvas was too large to encode".to_string())?;
    Ok((blob, width, height))
}
