//! The embed and automation API (documented in README.md).
//!
//! In the page, `window.coral` is an `EventTarget` with `getText()`, `setText(text)`,
//! `getSvg()`, `getLink()` and a `change` event (`event.detail.text`) fired after every
//! edit, whoever made it.
//!
//! Across frames, the same over `postMessage`, with plain objects whose `type` starts with
//! `coral:` (draw.io's embed mode is the model):
//!
//! ```text
//! host → Coral   {type: "coral:load", text, config?}   replace the document (undoable in the editor)
//!                {type: "coral:getText", id?}          → {type: "coral:text", id, text}
//!                {type: "coral:getSvg", id?}           → {type: "coral:svg", id, svg}   (null: nothing drawn)
//!                {type: "coral:getLink", id?}          → {type: "coral:link", id, link}
//! Coral → parent {type: "coral:ready", mode}           once, when the app has mounted
//!                {type: "coral:change", text}          after every edit
//! ```
//!
//! Messages are obeyed only from the app's own origin, unless the page was opened with
//! `?origin=https://host.example` (repeatable, or `*` for any): another page cannot make
//! an embedded Coral load text or read the diagram without the embed URL saying so, and
//! Coral sends its own messages to the parent only under the same rule. Incoming text is
//! only ever put into the editor as text.

use coral_core::share::link::Origins;
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, EventTarget, MessageEvent, Window};

use crate::components::editor::replace_all;
use crate::links::edit_link;
use crate::state::AppState;

/// Message types, as the README lists them.
const PREFIX: &str = "coral:";

/// Installs `window.coral` and the message listener.
pub fn install(state: AppState) {
    let Some(window) = web_sys::window() else { return };
    let Ok(api) = EventTarget::new() else { return };
    let set = |name: &str, f: &JsValue| {
        let _ = Reflect::set(&api, &JsValue::from_str(name), f);
    };
    // The closures live as long as the page, like `window.coral` itself.
    let get_text = Closure::<dyn Fn() -> String>::new(move || text_now(state));
    set("getText", get_text.as_ref());
    get_text.forget();
    let set_text = Closure::<dyn Fn(JsValue) -> bool>::new(move |text: JsValue| match text.as_string() {
        Some(text) => {
            set_document(state, &text);
            true
        }
        None => false,
    });
    set("setText", set_text.as_ref());
    set_text.forget();
    let get_svg = Closure::<dyn Fn() -> JsValue>::new(move || svg_now(state));
    set("getSvg", get_svg.as_ref());
    get_svg.forget();
    let get_link = Closure::<dyn Fn() -> String>::new(move || edit_link(state));
    set("getLink", get_link.as_ref());
    get_link.forget();
    let _ = Reflect::set(&window, &JsValue::from_str("coral"), &api);

    let (origins, own, framed, mode) =
        state.page.with_value(|p| (p.origins.clone(), p.origin.clone(), p.framed, p.mode));

    // Live once the page has settled: a task after mounting, after the link the page
    // opened with went into the editor (`links::install`'s task, queued earlier).
    let live = StoredValue::new(false);
    // The change event and message, after every edit (not for the text the page opened with).
    let target = api.clone();
    let parent_origins = origins.clone();
    let parent_own = own.clone();
    Effect::new(move |_| {
        let text = state.text.get();
        if !live.get_value() {
            return;
        }
        let detail = object(&[("text", JsValue::from_str(&text))]);
        let init = CustomEventInit::new();
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict("change", &init) {
            let _ = target.dispatch_event(&event);
        }
        if framed {
            to_parent(&parent_origins, &parent_own, &message("change", &[("text", JsValue::from_str(&text))]));
        }
    });

    let listen_origins = origins.clone();
    let listen_own = own.clone();
    let _ = window_event_listener(leptos::ev::message, move |ev: MessageEvent| {
        on_message(state, &listen_origins, &listen_own, &ev);
    });

    let mode = format!("{mode:?}").to_lowercase();
    set_timeout(
        move || {
            live.set_value(true);
            if framed {
                to_parent(&origins, &own, &message("ready", &[("mode", JsValue::from_str(&mode))]));
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The text as it is now (the text area may be a frame ahead of the signal).
fn text_now(state: AppState) -> String {
    state.sync_now();
    state.text.get_untracked()
}

fn svg_now(state: AppState) -> JsValue {
    state.sync_now();
    state.preview.with_untracked(|p| p.svg.as_deref().map_or(JsValue::NULL, JsValue::from_str))
}

/// Replaces the document: through the editor's undoable path when there is one, else (a
/// view) the text itself.
fn set_document(state: AppState, text: &str) {
    if state.editor.get_untracked().is_some() {
        replace_all(state, text);
    } else {
        state.text.set(text.to_string());
    }
}

fn on_message(state: AppState, origins: &Origins, own: &str, ev: &MessageEvent) {
    let origin = ev.origin();
    if !origins.allows(&origin, own) {
        return;
    }
    let data = ev.data();
    let Some(kind) = get(&data, "type").as_string() else { return };
    let Some(kind) = kind.strip_prefix(PREFIX) else { return };
    let id = get(&data, "id");
    let reply = match kind {
        "load" => {
            let Some(text) = get(&data, "text").as_string() else { return };
            if let Some(config) = get(&data, "config").as_string()
                && coral_core::share::link::is_config_object(&config)
            {
                state.config.set(config);
            }
            set_document(state, &text);
            message("loaded", &[("id", id)])
        }
        "getText" => message("text", &[("id", id), ("text", JsValue::from_str(&text_now(state)))]),
        "getSvg" => message("svg", &[("id", id), ("svg", svg_now(state))]),
        "getLink" => message("link", &[("id", id), ("link", JsValue::from_str(&edit_link(state)))]),
        _ => return,
    };
    // Back to the window that asked, at its origin (`*` only for opaque origins, which
    // only `origin=*` lets through).
    // Unchecked: a window of another origin (or realm) is no `instanceof Window` here, but
    // every message source that is not a port is a window, and all have `postMessage`.
    if let Some(source) = ev.source().filter(|s| !s.is_instance_of::<web_sys::MessagePort>()) {
        let source: Window = source.unchecked_into();
        let target = if origin == "null" { "*" } else { origin.as_str() };
        let _ = source.post_message(&reply, target);
    }
}

fn to_parent(origins: &Origins, own: &str, msg: &JsValue) {
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(msg, &origins.target(own));
    }
}

fn get(data: &JsValue, key: &str) -> JsValue {
    if !data.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let o = object(fields);
    let _ = Reflect::set(&o, &JsValue::from_str("type"), &JsValue::from_str(&format!("{PREFIX}{kind}")));
    o.into()
}
