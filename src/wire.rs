//! The messages between the page (`offload.rs`) and the layout worker (`worker.rs`), as
//! plain JavaScript values. Both binaries compile this one file, so the two ends cannot
//! disagree on a name.
//!
//! ```text
//! page → worker   a string: a coral_core::transfer::Job as JSON
//! worker → page   {ready: true}                              once, when it can take jobs
//!                 {generation, svg, scene, ms}               a job done (svg, scene: null
//!                                                            when there is nothing to draw)
//!                 {generation, panic}                        the core panicked on a job
//!                                                            (generation: null between jobs)
//!                 {loadError}                                the loader could not start the
//!                                                            WebAssembly (coral-worker-loader.js)
//! ```
//!
//! The SVG and the scene travel as strings: a structured clone of a string is a copy,
//! with no per-element cost on either side.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

const READY: &str = "ready";
const GENERATION: &str = "generation";
const SVG: &str = "svg";
const SCENE: &str = "scene";
const MILLIS: &str = "ms";
const PANIC: &str = "panic";
/// Written by `coral-worker-loader.js`, which cannot use this file.
const LOAD_ERROR: &str = "loadError";

/// What the worker says. The worker only writes these and the page only reads them, so
/// each binary leaves one half of this file unused (hence the `allow`s).
#[derive(Clone, Debug, PartialEq)]
#[allow(dead_code)]
pub enum FromWorker {
    Ready,
    Done {
        generation: u64,
        svg: Option<String>,
        scene: Option<String>,
        millis: f64,
    },
    Panicked {
        generation: Option<u64>,
        message: String,
    },
    /// The worker's WebAssembly could not be loaded (sent by the loader script).
    LoadFailed {
        message: String,
    },
}

#[allow(dead_code)]
impl FromWorker {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
        };
        let text = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        // Generations stay far below 2^53, so a JavaScript number holds them exactly.
        let generation = |g: Option<u64>| g.map_or(JsValue::NULL, |g| JsValue::from_f64(g as f64));
        match self {
            FromWorker::Ready => set(READY, JsValue::TRUE),
            FromWorker::Done { generation: g, svg, scene, millis } => {
                set(GENERATION, generation(Some(*g)));
                set(SVG, text(svg));
                set(SCENE, text(scene));
                set(MILLIS, JsValue::from_f64(*millis));
            }
            FromWorker::Panicked { generation: g, message } => {
                set(GENERATION, generation(*g));
                set(PANIC, JsValue::from_str(message));
            }
            FromWorker::LoadFailed { message } => set(LOAD_ERROR, JsValue::from_str(message)),
        }
        object.into()
    }

    /// The message `value` holds, if it is one of ours.
    pub fn from_js(value: &JsValue) -> Option<FromWorker> {
        let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined());
        let text = |key: &str| get(key).and_then(|v| v.as_string());
        let generation = get(GENERATION).and_then(|v| v.as_f64()).filter(|g| *g >= 0.0).map(|g| g as u64);
        if get(READY).is_some_and(|v| v.is_truthy()) {
            return Some(FromWorker::Ready);
        }
        if let Some(message) = text(LOAD_ERROR) {
            return Some(FromWorker::LoadFailed { message });
        }
        if let Some(message) = text(PANIC) {
            return Some(FromWorker::Panicked { generation, message });
        }
        Some(FromWorker::Done {
            generation: generation?,
            svg: text(SVG),
            scene: text(SCENE),
            millis: get(MILLIS).and_then(|v| v.as_f64()).unwrap_or(0.0),
        })
    }
}
