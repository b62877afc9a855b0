//! The preview pane: `<div id="preview">` holding the SVG, with zoom (buttons, ctrl+wheel,
//! fit), drag-to-pan, the "stale" badge and an empty state.
//!
//! `#preview` is the only element whose HTML is set from a string, and only with the
//! SVG the core produced (it escapes everything it writes). Zoom never rewrites the SVG:
//! it sets the SVG's display size through two CSS variables, so scroll extents follow and
//! the text stays crisp at every scale.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AddEventListenerOptions, Element, HtmlElement, MouseEvent, PointerEvent, ResizeObserver, WheelEvent};

use crate::components::editor::reveal;
use crate::state::{Freshness, use_app};
use crate::textpos;

const MIN_SCALE: f64 = 0.05;
const MAX_SCALE: f64 = 8.0;
const STEP: f64 = 1.25;
/// Room left around a fitted diagram, in CSS pixels per side.
const FIT_MARGIN: f64 = 24.0;
/// How far the pointer must move before a press becomes a pan (so clicks on links work).
const DRAG_SLOP: f64 = 4.0;
/// What the status counts: the core marks nodes `g.node[data-id]` and edges
/// `.edge[data-from][data-to]` (the end-to-end tests read the same markers).
const NODE_SELECTOR: &str = "g.node[data-id]";
const EDGE_SELECTOR: &str = ".edge[data-from][data-to]";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Zoom {
    /// Fit the pane, but never enlarge past 100 % (small diagrams stay at their size).
    Fit,
    Scale(f64),
}

/// A point to keep still while zooming: where the pointer is, as a fraction of the SVG.
#[derive(Clone, Copy)]
struct Anchor {
    fx: f64,
    fy: f64,
    client_x: f64,
    client_y: f64,
}

#[derive(Clone, Copy)]
struct Drag {
    pointer: i32,
    x: f64,
    y: f64,
    left: i32,
    top: i32,
    panning: bool,
}

#[component]
pub fn Preview() -> impl IntoView {
    let state = use_app();
    let host = NodeRef::<Div>::new();
    let zoom = RwSignal::new(Zoom::Fit);
    // The SVG's own size (from its viewBox) and the pane's inner size, both in CSS px.
    let natural = RwSignal::new(None::<(f64, f64)>);
    let viewport = RwSignal::new((0.0, 0.0));
    let anchor = StoredValue::new(None::<Anchor>);
    let drag = StoredValue::new(None::<Drag>);
    let on_screen = StoredValue::new(None::<Arc<str>>);

    let scale = Memo::new(move |_| match zoom.get() {
        Zoom::Scale(s) => s,
        Zoom::Fit => fit_scale(natural.get(), viewport.get()),
    });

    // Sync 1: put the SVG into the DOM when it changes, then measure what arrived.
    Effect::new(move |_| {
        let svg = state.preview.with(|p| p.svg.clone());
        let Some(el) = host.get() else { return };
        if on_screen.with_value(|s| *s == svg) {
            return;
        }
        el.set_inner_html(svg.as_deref().unwrap_or(""));
        on_screen.set_value(svg);
        // Icons the core has no body for yet are drawn as pending; fetch them (each name
        // once), and the render memo redraws when they arrive.
        state.icons.want_pending(&el);
        natural.set(natural_size(&el));
        state.counts.set(natural.get_untracked().map(|_| (count(&el, NODE_SELECTOR), count(&el, EDGE_SELECTOR))));
    });

    // Sync 2: size the SVG for the current scale, keeping the zoom anchor still.
    Effect::new(move |_| {
        let s = scale.get();
        let (Some((w, h)), Some(el)) = (natural.get(), host.get()) else { return };
        let style = HtmlElement::style(&el);
        let _ = style.set_property("--svg-w", &format!("{:.1}px", w * s));
        let _ = style.set_property("--svg-h", &format!("{:.1}px", h * s));
        if let Some(a) = anchor.try_update_value(Option::take).flatten() {
            keep_anchor(&el, a);
        }
    });

    host.on_load(move |el| {
        let el: HtmlElement = el.unchecked_into();
        observe_size(&el, viewport);
        listen_for_zoom_wheel(&el, zoom, scale, anchor);
    });

    let set_scale = move |s: f64| zoom.set(Zoom::Scale(s.clamp(MIN_SCALE, MAX_SCALE)));
    let percent = move || format!("{:.0}%", scale.get() * 100.0);
    let has_svg = move || state.preview.with(|p| p.svg.is_some());

    let on_pointerdown = move |ev: PointerEvent| {
        if ev.button() != 0 || !has_svg() {
            return;
        }
        let Some(el) = host.get_untracked() else { return };
        drag.set_value(Some(Drag {
            pointer: ev.pointer_id(),
            x: ev.client_x() as f64,
            y: ev.client_y() as f64,
            left: el.scroll_left(),
            top: el.scroll_top(),
            panning: false,
        }));
    };
    let on_pointermove = move |ev: PointerEvent| {
        let Some(mut d) = drag.get_value() else { return };
        let Some(el) = host.get_untracked() else { return };
        let (dx, dy) = (ev.client_x() as f64 - d.x, ev.client_y() as f64 - d.y);
        if !d.panning {
            if dx.hypot(dy) < DRAG_SLOP {
                return;
            }
            d.panning = true;
            let _ = el.set_pointer_capture(d.pointer);
            let _ = el.class_list().add_1("panning");
            drag.set_value(Some(d));
        }
        el.set_scroll_left(d.left - dx as i32);
        el.set_scroll_top(d.top - dy as i32);
    };
    let end_drag = move |_: PointerEvent| {
        if let (Some(d), Some(el)) = (drag.get_value(), host.get_untracked()) {
            let _ = el.release_pointer_capture(d.pointer);
            let _ = el.class_list().remove_1("panning");
        }
        drag.set_value(None);
    };

    // Double-click a node: select its first mention in the text. The SVG carries ids, not
    // spans, so this is a search for the id as a whole word: right for ids the user typed.
    let on_dblclick = move |ev: MouseEvent| {
        let target = event_target::<Element>(&ev);
        let Some(id) = target.closest("[data-id]").ok().flatten().and_then(|n| n.get_attribute("data-id")) else {
            return;
        };
        let found = state.text.with_untracked(|t| {
            let (start, end) = textpos::find_word(t, &id)?;
            let utf16 = textpos::utf16_offsets(t, &[start as u32, end as u32]);
            let line = t[..start].matches('\n').count() as u32 + 1;
            Some(((utf16[0], utf16[1]), line))
        });
        if let Some((range, line)) = found {
            ev.prevent_default();
            reveal(state, range, line);
        }
    };

    let badge = move || {
        state.preview.with(|p| match p.freshness {
            Freshness::Current => None,
            Freshness::LastValid => Some(("stale", "Showing last valid diagram")),
            Freshness::Partial => Some(("partial", "Partial diagram: the text has errors")),
        })
    };
    let empty_hint = move || {
        if state.rendered.with(|r| r.has_errors()) {
            "Fix the problems on the left and the diagram appears here."
        } else {
            "Type a Mermaid diagram, paste Markdown with a ```mermaid block, or pick an example."
        }
    };

    view! {
        <section class="pane preview-pane" aria-label="Preview">
            <div
                id="preview"
                node_ref=host
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=end_drag
                on:pointercancel=end_drag
                on:dblclick=on_dblclick
                title="Drag to pan · ctrl+wheel to zoom · double-click a node to find it in the text"
            ></div>
            {move || {
                badge()
                    .map(|(kind, text)| {
                        view! {
                            <div id="stale-badge" class=format!("badge {kind}") role="status">
                                <span class="badge-dot"></span>
                                {text}
                            </div>
                        }
                    })
            }}
            <Show when=move || !has_svg()>
                <div class="preview-empty">
                    <div class="preview-empty-title">"Nothing to draw yet"</div>
                    <div class="preview-empty-hint">{empty_hint}</div>
                </div>
            </Show>
            <div class="zoom-controls" role="toolbar" aria-label="Zoom">
                <button id="zoom-out" type="button" title="Zoom out (ctrl+wheel)" disabled=move || !has_svg()
                    on:click=move |_| set_scale(scale.get_untracked() / STEP)>"−"</button>
                <button id="zoom-reset" type="button" class="zoom-level" title="Actual size"
                    disabled=move || !has_svg() on:click=move |_| set_scale(1.0)>{percent}</button>
                <button id="zoom-in" type="button" title="Zoom in (ctrl+wheel)" disabled=move || !has_svg()
                    on:click=move |_| set_scale(scale.get_untracked() * STEP)>"+"</button>
                <button id="zoom-fit" type="button" title="Fit to pane" disabled=move || !has_svg()
                    class:active=move || zoom.get() == Zoom::Fit
                    on:click=move |_| zoom.set(Zoom::Fit)>"Fit"</button>
            </div>
        </section>
    }
}

fn fit_scale(natural: Option<(f64, f64)>, (vw, vh): (f64, f64)) -> f64 {
    let Some((w, h)) = natural else { return 1.0 };
    if vw <= 0.0 || vh <= 0.0 {
        return 1.0;
    }
    let s = ((vw - 2.0 * FIT_MARGIN) / w).min((vh - 2.0 * FIT_MARGIN) / h);
    s.clamp(MIN_SCALE, 1.0)
}

/// The SVG's intrinsic size: its viewBox, else its width/height attributes.
fn natural_size(host: &Element) -> Option<(f64, f64)> {
    let svg = host.query_selector("svg").ok()??;
    let positive = |w: f64, h: f64| (w > 0.0 && h > 0.0).then_some((w, h));
    if let Some(vb) = svg.get_attribute("viewBox") {
        let n: Vec<f64> = vb.split([' ', ',']).filter_map(|v| v.trim().parse().ok()).collect();
        if let [_, _, w, h] = n[..]
            && let Some(size) = positive(w, h)
        {
            return Some(size);
        }
    }
    let attr = |name: &str| svg.get_attribute(name)?.trim().trim_end_matches("px").parse::<f64>().ok();
    if let (Some(w), Some(h)) = (attr("width"), attr("height")) {
        return positive(w, h);
    }
    let rect = svg.get_bounding_client_rect();
    positive(rect.width(), rect.height())
}

fn count(host: &Element, selector: &str) -> usize {
    host.query_selector_all(selector).map_or(0, |l| l.length() as usize)
}

/// Scrolls so the anchored point of the SVG is under the pointer again.
fn keep_anchor(host: &HtmlElement, a: Anchor) {
    let Ok(Some(svg)) = host.query_selector("svg") else { return };
    let r = svg.get_bounding_client_rect();
    let dx = r.left() + a.fx * r.width() - a.client_x;
    let dy = r.top() + a.fy * r.height() - a.client_y;
    host.set_scroll_left(host.scroll_left() + dx.round() as i32);
    host.set_scroll_top(host.scroll_top() + dy.round() as i32);
}

/// Keeps `viewport` equal to the pane's inner size (window resizes, splitter drags).
fn observe_size(el: &HtmlElement, viewport: RwSignal<(f64, f64)>) {
    let target = el.clone();
    let measure = move || viewport.set((target.client_width() as f64, target.client_height() as f64));
    measure();
    let callback = Closure::<dyn Fn()>::new(measure);
    if let Ok(observer) = ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(el);
    }
    // The pane lives as long as the page; the callback must too.
    callback.forget();
}

/// Ctrl/⌘ + wheel (and trackpad pinch, which browsers report as ctrl+wheel) zooms around
/// the pointer. Registered by hand because it must be non-passive to cancel page zoom.
fn listen_for_zoom_wheel(
    el: &HtmlElement,
    zoom: RwSignal<Zoom>,
    scale: Memo<f64>,
    anchor: StoredValue<Option<Anchor>>,
) {
    let host = el.clone();
    let callback = Closure::<dyn Fn(WheelEvent)>::new(move |ev: WheelEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        ev.prevent_default();
        let Ok(Some(svg)) = host.query_selector("svg") else { return };
        let r = svg.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        // Lines (Firefox) are ~16 px; pixel deltas from trackpads are small and many.
        let delta = if ev.delta_mode() == WheelEvent::DOM_DELTA_LINE { ev.delta_y() * 16.0 } else { ev.delta_y() };
        let current = scale.get_untracked();
        let next = (current * (-delta * 0.0015).exp()).clamp(MIN_SCALE, MAX_SCALE);
        if (next - current).abs() < 1e-6 {
            // At a limit: no resize will follow, so no anchor may be left pending.
            return;
        }
        let (cx, cy) = (ev.client_x() as f64, ev.client_y() as f64);
        anchor.set_value(Some(Anchor {
            fx: (cx - r.left()) / r.width(),
            fy: (cy - r.top()) / r.height(),
            client_x: cx,
            client_y: cy,
        }));
        zoom.set(Zoom::Scale(next));
    });
    let options = AddEventListenerOptions::new();
    options.set_passive(false);
    let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
        "wheel",
        callback.as_ref().unchecked_ref(),
        &options,
    );
    callback.forget();
}
