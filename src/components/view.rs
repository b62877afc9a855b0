//! The read-only view (`/view#pako:…`, `/embed`, `?view`): the diagram alone, filling
//! the window (an iframe's window when embedded), fitted and centred, redrawn on resize.
//! No editor, no toolbar, and nothing written to this browser's storage.
//!
//! mermaid.live's embed parameters (`coral_core::share::link::ViewOptions`) set the
//! theme, look and configuration (already applied to the state), the page colours
//! (`mode`), the dotted background (`grid`), the starting zoom and pan (`zoom`, `pan`),
//! and whether the controls show (`controls=0`: a still picture, no zoom, no pan, no
//! Edit link). With controls, drag pans, Ctrl/⌘+wheel zooms around the pointer, and
//! the buttons zoom, fit, and open the diagram in the editor in a new tab.
//!
//! `#preview` holds the SVG (the DOM contract tools rely on), set from the core's string
//! only, as in the editor's preview; this component has its own pan and zoom (a CSS
//! transform on a stage that never scrolls), so the editor's preview stays untouched.

use coral_core::export::svg_size;
use coral_core::share::link::Chrome;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use web_sys::{PointerEvent, WheelEvent};

use crate::links::edit_link;
use crate::state::{Opened, use_app};

const MIN_ZOOM: f64 = 0.1;
const MAX_ZOOM: f64 = 20.0;
const STEP: f64 = 1.25;
/// Room around the fitted diagram, per side, in CSS pixels.
const MARGIN: f64 = 16.0;
/// Fitting never enlarges past this: a tiny diagram in a big frame stays readable, not huge.
const MAX_FIT: f64 = 2.0;

#[derive(Clone, Copy)]
struct Drag {
    pointer: i32,
    x: f64,
    y: f64,
    pan: (f64, f64),
}

fn window_size() -> (f64, f64) {
    let w = window();
    let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (px(w.inner_width()), px(w.inner_height()))
}

#[component]
pub fn ViewPage() -> impl IntoView {
    let state = use_app();
    let options = state.page.with_value(|p| p.view.clone());
    let controls = options.controls;
    let chrome = options.chrome(&state.config.get_untracked());
    let broken = state.opened.with_value(|o| match o {
        Some(Opened::Broken(e)) => Some(e.to_string()),
        _ => None,
    });

    let host = NodeRef::<Div>::new();
    let zoom = RwSignal::new(options.zoom.unwrap_or(1.0));
    let pan = RwSignal::new(options.pan.unwrap_or((0.0, 0.0)));
    let viewport = RwSignal::new(window_size());
    let natural = Memo::new(move |_| state.preview.with(|p| p.svg.as_deref().and_then(svg_size)));
    let fit = Memo::new(move |_| {
        let Some((w, h)) = natural.get() else { return 1.0 };
        let (vw, vh) = viewport.get();
        (((vw - 2.0 * MARGIN) / w).min((vh - 2.0 * MARGIN) / h)).clamp(0.02, MAX_FIT)
    });
    let scale = Memo::new(move |_| fit.get() * zoom.get());
    let drag = StoredValue::new(None::<Drag>);
    let _ = window_event_listener(leptos::ev::resize, move |_| viewport.set(window_size()));

    // Sync: the SVG into `#preview` when it changes; fetch the icons it is waiting for.
    // A host that points the view at a changed diagram gets it patched in place.
    let on_screen = StoredValue::new_local(crate::svg_dom::Shared::default());
    Effect::new(move |_| {
        let svg = state.preview.with(|p| p.svg.clone());
        let Some(el) = host.get() else { return };
        let pane = el.clone();
        crate::svg_dom::put(&el, &on_screen.get_value(), svg.as_ref(), move || state.icons.want_pending(&pane));
    });
    // Sync: the SVG's display size and offset.
    Effect::new(move |_| {
        let (Some(el), Some((w, h))) = (host.get(), natural.get()) else { return };
        let s = scale.get();
        let (x, y) = pan.get();
        let style = web_sys::HtmlElement::style(&el);
        let _ = style.set_property("--view-w", &format!("{:.1}px", w * s));
        let _ = style.set_property("--view-h", &format!("{:.1}px", h * s));
        let _ = style.set_property("--view-x", &format!("{x:.1}px"));
        let _ = style.set_property("--view-y", &format!("{y:.1}px"));
    });

    // Zoom by `factor` keeping the point `(cx, cy)` (window coordinates) still.
    let zoom_at = move |factor: f64, cx: f64, cy: f64| {
        let before = zoom.get_untracked();
        let after = (before * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let k = after / before;
        let (vw, vh) = viewport.get_untracked();
        let (x, y) = pan.get_untracked();
        // The diagram's centre sits at (vw/2 + x, vh/2 + y); points scale about it.
        let (ox, oy) = (cx - vw / 2.0, cy - vh / 2.0);
        pan.set((ox - (ox - x) * k, oy - (oy - y) * k));
        zoom.set(after);
    };
    let zoom_centre = move |factor: f64| {
        let (vw, vh) = viewport.get_untracked();
        zoom_at(factor, vw / 2.0, vh / 2.0);
    };
    if controls {
        host.on_load(move |el| {
            let callback = Closure::<dyn Fn(WheelEvent)>::new(move |ev: WheelEvent| {
                if !(ev.ctrl_key() || ev.meta_key()) {
                    return;
                }
                ev.prevent_default();
                let delta =
                    if ev.delta_mode() == WheelEvent::DOM_DELTA_LINE { ev.delta_y() * 16.0 } else { ev.delta_y() };
                zoom_at((-delta * 0.0015).exp(), ev.client_x() as f64, ev.client_y() as f64);
            });
            // The stage lives as long as the page.
            crate::components::pane::on_wheel(&el, callback);
        });
    }
    let on_down = move |ev: PointerEvent| {
        if !controls || ev.button() != 0 {
            return;
        }
        drag.set_value(Some(Drag {
            pointer: ev.pointer_id(),
            x: ev.client_x() as f64,
            y: ev.client_y() as f64,
            pan: pan.get_untracked(),
        }));
        if let Some(el) = host.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
            let _ = el.class_list().add_1("panning");
        }
    };
    let on_move = move |ev: PointerEvent| {
        if let Some(d) = drag.get_value() {
            pan.set((d.pan.0 + ev.client_x() as f64 - d.x, d.pan.1 + ev.client_y() as f64 - d.y));
        }
    };
    let on_up = move |_: PointerEvent| {
        if let (Some(d), Some(el)) = (drag.get_value(), host.get_untracked()) {
            let _ = el.release_pointer_capture(d.pointer);
            let _ = el.class_list().remove_1("panning");
        }
        drag.set_value(None);
    };

    let class = format!(
        "view {} {}{}",
        if chrome == Chrome::Dark { "view-dark" } else { "view-light" },
        if options.grid { "view-grid" } else { "" },
        if controls { "" } else { " view-still" }
    );
    let problem = move || {
        if let Some(why) = &broken {
            return Some(format!("This link did not open: {why}."));
        }
        state.preview.with(|p| p.svg.is_none()).then(|| {
            state.rendered.with(|r| match r.problems.iter().find(|p| p.severity == coral_core::Severity::Error) {
                Some(p) => format!("This diagram has errors ({}:{} {}).", p.line, p.col, p.message),
                None => "There is no diagram to show.".to_string(),
            })
        })
    };
    let edit_href = move || {
        state.text.track();
        edit_link(state)
    };

    view! {
        <div class=class>
            <div
                id="preview"
                class="view-stage"
                node_ref=host
                role="img"
                aria-label="Diagram"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
            ></div>
            {move || problem().map(|text| view! { <div id="view-problem" role="alert">{text}</div> })}
            <Show when=move || controls>
                <div class="view-controls" role="toolbar" aria-label="Zoom">
                    <button id="view-zoom-out" type="button" title="Zoom out (ctrl+wheel)"
                        on:click=move |_| zoom_centre(1.0 / STEP)>"−"</button>
                    <button id="view-fit" type="button" title="Fit the window"
                        on:click=move |_| {
                            zoom.set(1.0);
                            pan.set((0.0, 0.0));
                        }>"Fit"</button>
                    <button id="view-zoom-in" type="button" title="Zoom in (ctrl+wheel)"
                        on:click=move |_| zoom_centre(STEP)>"+"</button>
                    <a id="view-edit" href=edit_href target="_blank" rel="noopener" title="Open this diagram in the editor">
                        "Edit"
                    </a>
                </div>
            </Show>
        </div>
    }
}
