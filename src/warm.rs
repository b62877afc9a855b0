//! Warming the core's code while the page is idle after start-up.
//!
//! The browser first runs WebAssembly with a quick baseline compiler and optimises a
//! function only once it has done enough work; a layout's passes are few, long calls, so
//! the first diagram of a kind is laid out by the slow code (seed 004's first load: about
//! 100 ms in the page, the next ones 40 ms). So, in idle periods after start-up, the core
//! draws a few made-up diagrams — a nested flowchart of mid size, an architecture and a C4
//! diagram — and throws the drawings away. Each is one idle task; the next waits for the
//! next idle period, and the warm-up ends at the first key press (the user's own typing
//! optimises the code from then on). Nothing of it reaches the page or storage.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

thread_local! {
    /// Set by the first key press: no warm-up step runs after it (typing has the main
    /// thread, and optimises the code itself).
    static INTERRUPTED: Cell<bool> = const { Cell::new(false) };
}

/// Starts the warm-up (see the module's text).
pub fn start() {
    let Some(window) = web_sys::window() else { return };
    let stop = Closure::<dyn FnMut()>::new(|| INTERRUPTED.with(|i| i.set(true)));
    let _ = window.add_event_listener_with_callback("keydown", stop.as_ref().unchecked_ref());
    stop.forget();
    step(0);
}

/// Draws warm-up diagram `k` in the next idle period, then schedules the one after it.
fn step(k: usize) {
    let Some(text) = coral_core::warm::diagram(k) else { return };
    let run = move || {
        if INTERRUPTED.with(Cell::get) {
            return;
        }
        drop(coral_core::render(&text));
        step(k + 1);
    };
    // Without `requestIdleCallback` (Safari) there is no warm-up rather than work at a
    // bad moment.
    if let Some(w) = web_sys::window() {
        let callback = Closure::once_into_js(run);
        let _ = w.request_idle_callback(callback.unchecked_ref());
    }
}
