//! The Export menu (`#export-menu`, next to Export SVG): PNG at 1×, 2× or a chosen width,
//! on the theme's background or transparent; the SVG or a PNG copied to the clipboard;
//! the document saved as `.mmd` (`.md` when it is Markdown). Files are named after the
//! diagram's title (`coral_core::export::FileNames`).

use coral_core::export::{FileNames, PngSize};
use leptos::prelude::*;

use crate::clipboard::{PendingBlob, copy_blob, copy_text};
use crate::components::menu::Menu;
use crate::components::notice::{NoticeKind, notify};
use crate::download::{SVG_MIME, TEXT_MIME, download, download_blob};
use crate::png::{self, PngOptions};
use crate::state::{AppState, use_app};

/// Width offered for "PNG at width" until the user types another.
const DEFAULT_WIDTH: u32 = 1600;

/// The file names for the diagram on screen.
pub fn file_names(state: AppState) -> FileNames {
    state.rendered.with_untracked(|r| FileNames::new(r.title.as_deref()))
}

/// Downloads the SVG on screen as `<title>.svg`.
pub fn export_svg(state: AppState) {
    let Some(svg) = state.preview.with_untracked(|p| p.svg.clone()) else { return };
    if let Err(e) = download(&svg, SVG_MIME, &file_names(state).svg()) {
        notify(state, NoticeKind::Error, format!("Export failed: {e:?}"));
    }
}

fn export_png(state: AppState, options: PngOptions) {
    let Some(svg) = state.preview.with_untracked(|p| p.svg.clone()) else { return };
    let name = file_names(state).png(options.size);
    leptos::task::spawn_local(async move {
        match png::render(&svg, options).await {
            Ok((blob, w, h)) => match download_blob(&blob, &name) {
                Ok(()) => notify(state, NoticeKind::Info, format!("Saved {name} ({w} × {h} px).")),
                Err(e) => notify(state, NoticeKind::Error, format!("Saving {name} failed: {e:?}")),
            },
            Err(e) => notify(state, NoticeKind::Error, format!("The PNG could not be made: {e}.")),
        }
    });
}

#[component]
pub fn ExportMenu() -> impl IntoView {
    let state = use_app();
    // Outside the panel, so the choices survive closing it.
    let transparent = RwSignal::new(false);
    let width = RwSignal::new(DEFAULT_WIDTH);
    let no_svg = move || state.preview.with(|p| p.svg.is_none());
    let png = move |size| PngOptions { size, transparent: transparent.get_untracked() };

    let copy_svg = move |_| {
        let Some(svg) = state.preview.with_untracked(|p| p.svg.clone()) else { return };
        leptos::task::spawn_local(async move {
            match copy_text(&svg).await {
                Ok(()) => notify(state, NoticeKind::Info, "Copied the SVG."),
                Err(e) => notify(state, NoticeKind::Error, format!("Copying the SVG failed: {e}.")),
            }
        });
    };
    let copy_png = move |_| {
        let Some(svg) = state.preview.with_untracked(|p| p.svg.clone()) else { return };
        let options = png(PngSize::Scale(2.0));
        let make: PendingBlob = Box::pin(async move { png::render(&svg, options).await.map(|(blob, ..)| blob) });
        leptos::task::spawn_local(async move {
            match copy_blob("image/png", make).await {
                Ok(()) => notify(state, NoticeKind::Info, "Copied the diagram as a PNG (2×)."),
                Err(e) => notify(state, NoticeKind::Error, format!("Copying the PNG failed: {e}.")),
            }
        });
    };
    let save_source = move |_| {
        state.sync_now();
        let text = state.text.get_untracked();
        let name = file_names(state).source(&text);
        if let Err(e) = download(&text, TEXT_MIME, &name) {
            notify(state, NoticeKind::Error, format!("Saving {name} failed: {e:?}"));
        }
    };

    view! {
        <Menu
            id="export-menu"
            label="More"
            title="PNG, the clipboard, the document as a file"
            icon="M3 5h10M3 8h10M3 11h10"
        >
            <div class="menu-section">"PNG"</div>
            <button id="export-png-1x" type="button" role="menuitem" disabled=no_svg
                on:click=move |_| export_png(state, png(PngSize::Scale(1.0)))>
                "Download PNG (1×)"
            </button>
            <button id="export-png-2x" type="button" role="menuitem" disabled=no_svg
                on:click=move |_| export_png(state, png(PngSize::Scale(2.0)))>
                "Download PNG (2×)"
            </button>
            <div class="menu-row">
                <button id="export-png-width" type="button" role="menuitem" disabled=no_svg
                    on:click=move |_| export_png(state, png(PngSize::Width(width.get_untracked())))>
                    "Download PNG at"
                </button>
                <input
                    id="png-width"
                    type="number"
                    min="16"
                    max="16384"
                    step="1"
                    aria-label="PNG width in pixels"
                    prop:value=move || width.get().to_string()
                    on:change=move |ev| {
                        if let Ok(w) = event_target_value(&ev).trim().parse::<u32>() {
                            width.set(w.clamp(16, 16_384));
                        }
                    }
                />
                <span class="menu-unit">"px"</span>
            </div>
            <label class="menu-check">
                <input
                    id="png-transparent"
                    type="checkbox"
                    prop:checked=move || transparent.get()
                    on:change=move |ev| transparent.set(event_target_checked(&ev))
                />
                "Transparent background"
            </label>
            <div class="menu-section">"Clipboard"</div>
            <button id="copy-svg" type="button" role="menuitem" disabled=no_svg on:click=copy_svg>
                "Copy SVG"
            </button>
            <button id="copy-png" type="button" role="menuitem" disabled=no_svg on:click=copy_png>
                "Copy PNG (2×)"
            </button>
            <div class="menu-section">"Document"</div>
            <button id="save-source" type="button" role="menuitem" on:click=save_source
                title="The text as it is: .mmd, or .md when it is Markdown">
                "Save as .mmd"
            </button>
        </Menu>
    }
}
