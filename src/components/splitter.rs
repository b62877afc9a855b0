//! The draggable bar between the text pane and the preview. It only writes
//! `AppState::split`; the layout reads it as the `--split` CSS variable.

use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use crate::state::{DEFAULT_SPLIT, use_app};

const MIN_PERCENT: f64 = 20.0;
const MAX_PERCENT: f64 = 80.0;

#[component]
pub fn Splitter() -> impl IntoView {
    let state = use_app();
    let dragging = RwSignal::new(false);
    let set = move |percent: f64| state.split.set(percent.clamp(MIN_PERCENT, MAX_PERCENT));

    let on_pointerdown = move |ev: PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        // Capture, so the drag continues over the text area and the SVG.
        let _ = event_target::<web_sys::Element>(&ev).set_pointer_capture(ev.pointer_id());
        dragging.set(true);
    };
    let on_pointermove = move |ev: PointerEvent| {
        if !dragging.get_untracked() {
            return;
        }
        let width = window().inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(1.0).max(1.0);
        set(ev.client_x() as f64 / width * 100.0);
    };
    let on_pointerup = move |_: PointerEvent| dragging.set(false);
    // The separator is focusable; arrows move it, for keyboard users.
    let on_keydown = move |ev: KeyboardEvent| {
        let step = if ev.shift_key() { 10.0 } else { 2.0 };
        match ev.key().as_str() {
            "ArrowLeft" => set(state.split.get_untracked() - step),
            "ArrowRight" => set(state.split.get_untracked() + step),
            _ => return,
        }
        ev.prevent_default();
    };

    view! {
        <div
            class="splitter"
            class:dragging=move || dragging.get()
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize panes"
            aria-valuemin=MIN_PERCENT
            aria-valuemax=MAX_PERCENT
            aria-valuenow=move || format!("{:.0}", state.split.get())
            tabindex="0"
            on:pointerdown=on_pointerdown
            on:pointermove=on_pointermove
            on:pointerup=on_pointerup
            on:pointercancel=on_pointerup
            on:keydown=on_keydown
            on:dblclick=move |_| set(DEFAULT_SPLIT)
        ></div>
    }
}
