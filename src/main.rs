//! Coral in the browser: installs the panic hook, then mounts the app.
//!
//! The app is thin (see `state.rs`): the text goes to `coral_core::render`, and the
//! components show what comes back.

mod api;
mod app;
mod clipboard;
mod components;
mod download;
mod examples;
mod files;
mod icon_text;
mod icons;
mod links;
mod offload;
mod page;
mod panic;
mod png;
mod state;
mod storage;
mod svg_dom;
mod textpos;
mod warm;
mod wire;

fn main() {
    // First, so that a panic while mounting still saves the text and says so.
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
