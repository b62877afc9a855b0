//! The preview pane's DOM plumbing: putting the core's SVG into `#preview` and measuring
//! it, the selection's marks, the pane's size, the wheel, pointer positions.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AddEventListenerOptions, Element, HtmlElement, MouseEvent, ResizeObserver, WheelEvent};

use crate::components::canvas::{View, ViewBox};
use crate::components::selection;
use crate::state::AppState;
use crate::svg_dom::{self, Shared};
use coral_editor::svg_patch::Dirty;

/// What the status counts: the core marks nodes `g.node[data-id]` and edges
/// `.edge[data-from][data-to]` (the end-to-end tests read the same markers).
const NODE_SELECTOR: &str = "g.node[data-id]";
const EDGE_SELECTOR: &str = ".edge[data-from][data-to]";

/// Puts the selection's marks on the SVG in the pane.
pub fn remark(host: NodeRef<Div>, ids: &[String]) {
    if let Some(svg) = host.get_untracked().and_then(|h| h.query_selector("svg").ok().flatten()) {
        selection::mark(&svg, ids);
    }
}

/// Puts `svg` on the canvas (unless it is there already) — patching the SVG on screen
/// where it can (`svg_dom`, which notes how on the pane as `data-shown`) — and once it is
/// there, fetches its pending icons, measures it and runs `after`.
pub fn show(
    state: AppState,
    canvas: NodeRef<Div>,
    svg: &Option<Arc<str>>,
    on_screen: StoredValue<Shared, LocalStorage>,
    vbox: RwSignal<Option<ViewBox>>,
    after: impl FnOnce() + 'static,
) {
    let Some(el) = canvas.get_untracked() else { return };
    let shared = on_screen.get_value();
    let pane = el.clone();
    svg_dom::put(&el, &shared, svg.as_ref(), move || {
        // Icons the core has no body for yet are drawn as pending; fetch them (each name
        // once), and the render memo redraws when they arrive.
        state.icons.want_pending(&pane);
        let measured = view_box_of(&pane);
        if vbox.get_untracked() != measured {
            vbox.set(measured);
        }
        let counts = measured.map(|_| (count(&pane, NODE_SELECTOR), count(&pane, EDGE_SELECTOR)));
        if state.counts.get_untracked() != counts {
            state.counts.set(counts);
        }
        after();
    });
}

/// Puts the current preview's SVG on the canvas again after the page changed the elements
/// `touched` itself (a drag patched them): those are made again from the markup.
pub fn reshow(
    state: AppState,
    canvas: NodeRef<Div>,
    on_screen: StoredValue<Shared, LocalStorage>,
    vbox: RwSignal<Option<ViewBox>>,
    touched: Dirty,
    after: impl FnOnce() + 'static,
) {
    svg_dom::touched(&on_screen.get_value(), touched);
    let svg = state.preview.with_untracked(|p| p.svg.clone());
    show(state, canvas, &svg, on_screen, vbox, after);
}

/// The pointer's position in the pane.
pub fn local(pane: &HtmlElement, ev: &MouseEvent) -> (f64, f64) {
    let r = pane.get_bounding_client_rect();
    (ev.client_x() as f64 - r.left(), ev.client_y() as f64 - r.top())
}

/// The view box of the SVG on the canvas (its width and height when it has none).
pub fn view_box_of(canvas: &Element) -> Option<ViewBox> {
    let svg = canvas.query_selector("svg").ok()??;
    if let Some(vb) = svg.get_attribute("viewBox").as_deref().and_then(ViewBox::parse) {
        return Some(vb);
    }
    let attr = |name: &str| svg.get_attribute(name)?.trim().trim_end_matches("px").parse::<f64>().ok();
    match (attr("width"), attr("height")) {
        (Some(w), Some(h)) if w > 0.0 && h > 0.0 => Some(ViewBox { x: 0.0, y: 0.0, w, h }),
        _ => None,
    }
}

pub fn count(host: &Element, selector: &str) -> usize {
    host.query_selector_all(selector).map_or(0, |l| l.length() as usize)
}

/// Keeps `viewport` equal to the pane's inner size (window resizes, splitter drags).
pub fn observe_size(el: &HtmlElement, viewport: RwSignal<(f64, f64)>) {
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

/// The wheel (and trackpad pinch, which browsers report as ctrl+wheel) zooms around the
/// pointer. Registered by hand because it must be non-passive to cancel page zoom.
pub fn listen_for_wheel(el: &HtmlElement, view: RwSignal<View>, fitted: RwSignal<bool>) {
    let host = el.clone();
    let callback = Closure::<dyn Fn(WheelEvent)>::new(move |ev: WheelEvent| {
        ev.prevent_default();
        // Lines (Firefox) are ~16 px; pixel deltas from trackpads are small and many.
        let delta = match ev.delta_mode() {
            WheelEvent::DOM_DELTA_LINE => ev.delta_y() * 16.0,
            WheelEvent::DOM_DELTA_PAGE => ev.delta_y() * 400.0,
            _ => ev.delta_y(),
        };
        let at = local(&host, &ev);
        view.update(|v| *v = v.zoomed(v.scale * (-delta * 0.0015).exp(), at));
        fitted.set(false);
    });
    on_wheel(el, callback);
}

/// Listens for wheel events on `el` for the life of the page, non-passive so the
/// callback may cancel the browser's own zoom (Leptos's `on:wheel` is passive).
pub fn on_wheel(el: &web_sys::EventTarget, callback: Closure<dyn Fn(WheelEvent)>) {
    let options = AddEventListenerOptions::new();
    options.set_passive(false);
    let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
        "wheel",
        callback.as_ref().unchecked_ref(),
        &options,
    );
    callback.forget();
}
