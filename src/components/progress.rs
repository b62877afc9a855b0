//! The quiet sign that a layout is in flight in the worker (`offload.rs`): a thin bar
//! along the top of the preview. It is always in the DOM and positioned over the pane, so
//! it never moves anything; it fades in only when a layout takes more than a moment (a
//! CSS delay), so quick ones never flash; it is an indeterminate `progressbar` for
//! assistive technology while busy and hidden from it otherwise, with no live
//! announcements (typing would make them chatter).
//!
//! For the tests and the timing harness it also carries `data-dropped` (stale answers
//! dropped so far) and `data-handoff-ms` (the page's share of the last worker drawing).

use leptos::prelude::*;

use crate::state::use_app;

#[component]
pub fn LayoutProgress() -> impl IntoView {
    let state = use_app();
    let busy = state.offload.busy;
    view! {
        <div
            id="layout-progress"
            class="layout-progress"
            class:active=move || busy.get()
            role="progressbar"
            aria-label="Laying out the diagram"
            aria-hidden=move || if busy.get() { "false" } else { "true" }
            data-dropped=move || state.offload.dropped.get().to_string()
            data-handoff-ms=move || state.rendered.with(|r| format!("{:.1}", r.handoff_millis))
        >
            <span class="layout-progress-bar"></span>
        </div>
    }
}
