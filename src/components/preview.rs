//! The preview pane: `<div id="preview">` is a canvas showing the SVG. Drag a node, a
//! service, a junction, a C4 element or a group to move it (edges follow; Escape cancels;
//! the drop writes its position into the text as one undoable edit); drag the background
//! to pan; wheel or pinch to zoom around the pointer; click (shift-click) to select, or
//! Shift+drag a marquee over empty canvas (or inside a group) to add what it touches
//! (by touch or pen: press and hold there, then drag);
//! dragging a selected element moves the whole selection, as one edit; arrow keys nudge
//! the selection; buttons for zoom out / 100 % / in / fit and "Reset layout"
//! (the stored positions of the selection, or of everything, removed undoably).
//!
//! `#preview` holds the SVG and is the only element whose HTML is set from a string, and
//! only with the SVG the core produced (it escapes everything it writes). The view
//! ([`crate::components::canvas::View`]) is kept in diagram coordinates and applied as the
//! SVG's size and position (CSS variables on `#preview`, so the SVG element itself stays
//! as the core wrote it), so a new SVG — typed, dropped, grown — shows every point where
//! it was, and text stays crisp at every scale. The view is fitted to the pane when
//! a different diagram appears (none of its ids were on screen before), when Fit is
//! pressed, and when the pane resizes while the view is still the fitted one.

use coral_core::edit;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, MouseEvent, PointerEvent};

use crate::components::canvas::{View, ViewBox, arrow, pinch_of, same_diagram};
use crate::components::drag::{DragSession, Step};
use crate::components::editor::{apply_edit, redo, reveal, show_range, undo};
use crate::components::pane::{listen_for_wheel, local, observe_size, remark, reshow, show};
use crate::components::progress::LayoutProgress;
use crate::components::selection;
use crate::state::{AppState, Freshness, SharedDrawing, use_app};
use crate::svg_dom::{self, Shared};
use crate::textpos;

const STEP: f64 = 1.25;
/// How far the pointer must move before a press becomes a drag or a pan (so clicks on
/// links and double-clicks still work).
const DRAG_SLOP: f64 = 4.0;
/// How long a finger or pen held still on empty canvas (or a group) turns the press into a
/// marquee: touch has no Shift, and moving at once pans, as people expect.
const LONG_PRESS: std::time::Duration = std::time::Duration::from_millis(450);
/// What can be dragged: nodes and services, junctions, groups (subgraphs, boundaries).
const MOVABLE_SELECTOR: &str = "g.node[data-id], g.junction[data-id], g.cluster[data-id]";
/// What a click shows in the text: the movable elements, edges and their labels.
const LINKED_SELECTOR: &str =
    "g.node[data-id], g.junction[data-id], g.cluster[data-id], .edge[data-id], g.edgeLabel[data-id]";

/// What the pointer is doing.
enum Gesture {
    Idle,
    /// Pressed, not yet moved past the slop: on `element` (movable) or the background.
    Pressed {
        pointer: i32,
        at: (f64, f64),
        element: Option<Element>,
        /// The id of the node, group or edge pressed on, for click-to-source.
        link: Option<String>,
        /// Shift was held: moving draws a marquee, unless the press was on a node.
        shift: bool,
    },
    /// Shift+drag (or a long press, then a drag) from `from` (pane pixels): selecting what
    /// the rectangle touches, added to `base`, the selection when it began.
    Marquee {
        pointer: i32,
        from: (f64, f64),
        base: Vec<String>,
    },
    Panning {
        pointer: i32,
        last: (f64, f64),
    },
    Dragging {
        pointer: i32,
        session: Box<DragSession>,
    },
    /// Two touches: zoom by their distance, pan by their middle.
    Pinching {
        distance: f64,
        middle: (f64, f64),
    },
}

#[component]
pub fn Preview() -> impl IntoView {
    let state = use_app();
    let host = NodeRef::<Div>::new();
    // The SVG goes straight into the pane (`#preview > svg`, which tools select).
    let canvas = host;
    let view = RwSignal::new(View::default());
    // The view box of the SVG on screen, and the pane's inner size.
    let vbox = RwSignal::new(None::<ViewBox>);
    let viewport = RwSignal::new((0.0, 0.0));
    // Whether the view is the fitted one (until the user pans, zooms or drags).
    let fitted = RwSignal::new(true);
    let gesture = StoredValue::new_local(Gesture::Idle);
    // Touch points down, for pinching.
    let touches = StoredValue::new(Vec::<(i32, (f64, f64))>::new());
    let on_screen = StoredValue::new_local(Shared::default());
    // Ids of the diagram on screen, sorted: a new diagram (sharing few of them) is fitted.
    let ids_on_screen = StoredValue::new(Vec::<String>::new());
    // Where the pane's corner is on screen, read when a press begins: measuring it on every
    // move would make each move wait for the last one's layout.
    let pane_origin = StoredValue::new((0.0, 0.0));
    // Presses so far: a long-press timer acts only on the press that started it.
    let presses = StoredValue::new(0u32);
    // A click that ends a drag must not follow a link the drag started on.
    let swallow_click = StoredValue::new(false);
    // The ids of the selected nodes and groups (see selection.rs).
    let selected = RwSignal::new(Vec::<String>::new());
    // The marquee on screen, in pane pixels: left, top, width, height.
    let marquee = RwSignal::new(None::<(f64, f64, f64, f64)>);

    let fit_now = move || {
        if let Some(vb) = vbox.get_untracked() {
            view.set(View::fit(vb, viewport.get_untracked()));
            fitted.set(true);
        }
    };

    // The element the text cursor is on (or the hovered diagnostic is about) is marked.
    let linked = Memo::new(move |_| {
        let span = state.hovered.get().unwrap_or_else(|| {
            let c = state.caret.get();
            coral_core::Span::new(c.start, c.end)
        });
        let drawing = state.preview.with(|p| p.drawing.clone());
        let Some(d) = drawing else { return Vec::new() };
        // In the drawing's own text, which may be a few keystrokes older than the editor's.
        let Some(local) = state.text.with(|t| d.source_span(span, t)) else { return Vec::new() };
        coral_core::highlight::linked_ids(&d.0.diagram, &d.source()[d.offset()..], local)
    });
    Effect::new(move |_| linked.with(|ids| mark_linked(host, ids)));

    // Sync 1: put the SVG into the DOM when it changes (not in the middle of a drag: the
    // drop brings the newest one), then measure what arrived.
    Effect::new(move |_| {
        let (svg, drawing) = state.preview.with(|p| (p.svg.clone(), p.drawing.clone()));
        if gesture.with_value(|g| matches!(g, Gesture::Dragging { .. })) {
            return;
        }
        let ids = drawing.as_ref().map(ids_of).unwrap_or_default();
        let replaced = !ids.is_empty() && state.fit_next.get_value();
        if replaced {
            state.fit_next.set_value(false);
        }
        // Another diagram (few of its ids on screen): its SVG replaces the one shown without
        // a patch being planned first, which would be thrown away as too fresh.
        let other = !ids.is_empty() && !same_diagram(&ids, &ids_on_screen.get_value());
        let new_diagram = replaced || other;
        if !ids.is_empty() {
            ids_on_screen.set_value(ids);
        }
        if other {
            svg_dom::forget(&on_screen.get_value());
        }
        // Once the SVG is there (a large patch takes a few frames): the marks, and the view
        // fitted to a new diagram.
        show(state, canvas, &svg, on_screen, vbox, move || {
            // A new `<svg>` element has no place yet.
            if let Some(vb) = vbox.get_untracked() {
                place(host, view.get_untracked(), vb);
            }
            remark(host, &selected.get_untracked());
            linked.with_untracked(|ids| mark_linked(host, ids));
            if new_diagram {
                fit_now();
            }
        });
    });

    // The selection's marks follow the selection.
    Effect::new(move |_| remark(host, &selected.get()));

    // Sync 2: place and size the SVG for the view.
    Effect::new(move |_| {
        let (v, vb) = (view.get(), vbox.get());
        if let Some(vb) = vb {
            place(host, v, vb);
        }
    });

    // A pane that changes size keeps a fitted view fitted.
    Effect::new(move |_| {
        let _ = viewport.get();
        if fitted.get_untracked() {
            fit_now();
        }
    });

    host.on_load(move |el| {
        let el: HtmlElement = el.unchecked_into();
        observe_size(&el, viewport);
        listen_for_wheel(&el, view, fitted);
    });

    // Escape cancels a drag (or a marquee: the selection goes back to what it was)
    // wherever the focus is.
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "Escape" {
            return;
        }
        if gesture.with_value(|g| matches!(g, Gesture::Dragging { .. })) {
            ev.prevent_default();
            cancel_drag(state, canvas, gesture, on_screen, vbox, move || remark(host, &selected.get_untracked()));
        } else if let Some(Gesture::Marquee { base, .. }) = gesture.try_update_value(|g| match g {
            Gesture::Marquee { .. } => std::mem::replace(g, Gesture::Idle),
            _ => Gesture::Idle,
        }) {
            ev.prevent_default();
            marquee.set(None);
            selected.set(base);
        }
    });

    let zoom_by = move |factor: f64| {
        let (w, h) = viewport.get_untracked();
        view.update(|v| *v = v.zoomed(v.scale * factor, (w / 2.0, h / 2.0)));
        fitted.set(false);
    };
    let actual_size = move || {
        let (w, h) = viewport.get_untracked();
        view.update(|v| *v = v.zoomed(1.0, (w / 2.0, h / 2.0)));
        fitted.set(false);
    };
    let percent = move || format!("{:.0}%", view.get().scale * 100.0);
    let has_svg = move || state.preview.with(|p| p.svg.is_some());
    let can_drag = move || state.preview.with(|p| p.drawing.is_some() && p.freshness != Freshness::LastValid);
    let has_positions = move || {
        state.rendered.with(|r| r.drawing.as_ref().is_some_and(|d| !d.0.diagram.config.coral.positions.is_empty()))
    };

    let on_pointerdown = move |ev: PointerEvent| {
        let Some(el) = host.get_untracked() else { return };
        let r = el.get_bounding_client_rect();
        pane_origin.set_value((r.left(), r.top()));
        let at = local(&el, &ev);
        if ev.pointer_type() == "touch" {
            touches.update_value(|t| {
                t.retain(|(id, _)| *id != ev.pointer_id());
                t.push((ev.pointer_id(), at));
            });
            if touches.with_value(Vec::len) == 2 {
                // A second finger turns whatever the first began into a pinch.
                cancel_drag(state, canvas, gesture, on_screen, vbox, move || remark(host, &selected.get_untracked()));
                let (distance, middle) = touches.with_value(|t| pinch_of(t));
                gesture.set_value(Gesture::Pinching { distance, middle });
                return;
            }
        }
        if !(ev.button() == 0 || ev.button() == 1) || !has_svg() || !ev.is_primary() {
            return;
        }
        // The middle button always pans (and must not start the browser's autoscroll); the
        // main one moves what it is on.
        if ev.button() == 1 {
            ev.prevent_default();
        }
        let element = (ev.button() == 0 && can_drag())
            .then(|| event_target::<Element>(&ev).closest(MOVABLE_SELECTOR).ok().flatten())
            .flatten();
        let link = (ev.button() == 0)
            .then(|| event_target::<Element>(&ev).closest(LINKED_SELECTOR).ok().flatten())
            .flatten()
            .and_then(|e| e.get_attribute("data-id"));
        let press = presses.get_value().wrapping_add(1);
        presses.set_value(press);
        let pointer = ev.pointer_id();
        if ev.button() == 0 && ev.pointer_type() != "mouse" && element.as_ref().is_none_or(is_group) {
            set_timeout(
                move || {
                    if presses.get_value() != press {
                        return;
                    }
                    let held = gesture.try_update_value(|g| {
                        let Gesture::Pressed { pointer: p, at: from, .. } = g else { return false };
                        if *p != pointer {
                            return false;
                        }
                        let from = *from;
                        *g = Gesture::Marquee { pointer, from, base: selected.get_untracked() };
                        update_marquee(state, view, selected, marquee, g, from);
                        true
                    });
                    if held == Some(true)
                        && let Some(el) = host.get_untracked()
                    {
                        let _ = el.set_pointer_capture(pointer);
                    }
                },
                LONG_PRESS,
            );
        }
        gesture.set_value(Gesture::Pressed { pointer, at, element, link, shift: ev.shift_key() });
    };

    let on_pointermove = move |ev: PointerEvent| {
        let Some(el) = host.get_untracked() else { return };
        let (x0, y0) = pane_origin.get_value();
        let at = (ev.client_x() as f64 - x0, ev.client_y() as f64 - y0);
        if ev.pointer_type() == "touch" {
            touches.update_value(|t| {
                if let Some(p) = t.iter_mut().find(|(id, _)| *id == ev.pointer_id()) {
                    p.1 = at;
                }
            });
        }
        gesture.update_value(|g| match g {
            Gesture::Pinching { distance, middle } => {
                let Some((d, m)) = touches.with_value(|t| (t.len() == 2).then(|| pinch_of(t))) else { return };
                if *distance > 0.0 && d > 0.0 {
                    view.update(|v| *v = v.zoomed(v.scale * d / *distance, m).panned((m.0 - middle.0, m.1 - middle.1)));
                    fitted.set(false);
                }
                (*distance, *middle) = (d, m);
            }
            Gesture::Pressed { pointer, at: start, element, shift, .. } if *pointer == ev.pointer_id() => {
                if (at.0 - start.0).hypot(at.1 - start.1) < DRAG_SLOP {
                    return;
                }
                let pointer = *pointer;
                let _ = el.set_pointer_capture(pointer);
                if *shift && element.as_ref().is_none_or(is_group) && ev.pointer_type() != "touch" {
                    let from = *start;
                    *g = Gesture::Marquee { pointer, from, base: selected.get_untracked() };
                    update_marquee(state, view, selected, marquee, g, at);
                    return;
                }
                // A patch still being applied finishes first: the drag takes the elements
                // as they will be.
                svg_dom::flush(&on_screen.get_value());
                let started = element.take().and_then(|element| {
                    let drawing = state.preview.with_untracked(|p| p.drawing.clone())?;
                    let svg = canvas.get_untracked()?.query_selector("svg").ok()??;
                    let picked = selected.get_untracked();
                    DragSession::start(drawing.0, &svg, element, &picked, *start, view.get_untracked().scale)
                });
                match started {
                    Some(mut session) => {
                        let _ = el.class_list().add_1("dragging");
                        after_step(session.step(at), vbox, gesture);
                        fitted.set(false);
                        *g = Gesture::Dragging { pointer, session: Box::new(session) };
                    }
                    None => {
                        let _ = el.class_list().add_1("panning");
                        view.update(|v| *v = v.panned((at.0 - start.0, at.1 - start.1)));
                        fitted.set(false);
                        *g = Gesture::Panning { pointer, last: at };
                    }
                }
            }
            Gesture::Panning { pointer, last } if *pointer == ev.pointer_id() => {
                view.update(|v| *v = v.panned((at.0 - last.0, at.1 - last.1)));
                *last = at;
            }
            Gesture::Dragging { pointer, session } if *pointer == ev.pointer_id() => {
                after_step(session.step(at), vbox, gesture);
            }
            Gesture::Marquee { pointer, .. } if *pointer == ev.pointer_id() => {
                update_marquee(state, view, selected, marquee, g, at);
            }
            _ => {}
        });
    };

    let on_pointerup = move |ev: PointerEvent| {
        touches.update_value(|t| t.retain(|(id, _)| *id != ev.pointer_id()));
        let Some(el) = host.get_untracked() else { return };
        let ended = gesture.try_update_value(|g| match g {
            Gesture::Pinching { .. } if touches.with_value(Vec::len) < 2 => std::mem::replace(g, Gesture::Idle),
            Gesture::Pressed { pointer, .. }
            | Gesture::Panning { pointer, .. }
            | Gesture::Dragging { pointer, .. }
            | Gesture::Marquee { pointer, .. }
                if *pointer == ev.pointer_id() =>
            {
                std::mem::replace(g, Gesture::Idle)
            }
            _ => Gesture::Idle,
        });
        let _ = el.release_pointer_capture(ev.pointer_id());
        let _ = el.class_list().remove_2("panning", "dragging");
        match ended {
            Some(Gesture::Dragging { session, .. }) => {
                session.finish();
                swallow_click.set_value(true);
                if session.moved() {
                    drop_positions(state, &session.positions());
                }
                // The drop's render (or, if nothing changed, the SVG as it was) takes over,
                // patched over what the drag changed.
                reshow(state, canvas, on_screen, vbox, session.touched(), move || {
                    remark(host, &selected.get_untracked())
                });
            }
            Some(Gesture::Marquee { .. }) => {
                marquee.set(None);
                swallow_click.set_value(true);
            }
            // A click: select what it is on (shift: add or remove it), or nothing, and
            // show its definition in the text (the focus stays on the canvas).
            Some(Gesture::Pressed { element, link, .. }) => {
                let id = element.and_then(|e| e.get_attribute("data-id"));
                selected.update(|s| selection::clicked(s, id, ev.shift_key()));
                if let Some(link) = link {
                    show_definition(state, &link, false);
                }
            }
            _ => {}
        }
    };

    let on_pointercancel = move |ev: PointerEvent| {
        touches.update_value(|t| t.retain(|(id, _)| *id != ev.pointer_id()));
        cancel_drag(state, canvas, gesture, on_screen, vbox, move || remark(host, &selected.get_untracked()));
        gesture.set_value(Gesture::Idle);
        marquee.set(None);
        if let Some(el) = host.get_untracked() {
            let _ = el.class_list().remove_2("panning", "dragging");
        }
    };

    // A long press that became a marquee opens no context menu.
    let on_contextmenu = move |ev: MouseEvent| {
        if gesture.with_value(|g| matches!(g, Gesture::Marquee { .. })) {
            ev.prevent_default();
        }
    };

    let on_click = move |ev: MouseEvent| {
        if swallow_click.get_value() {
            swallow_click.set_value(false);
            ev.prevent_default();
        }
    };

    // Double-click an element: its definition in the text, with the keyboard focus there.
    let on_dblclick = move |ev: MouseEvent| {
        let target = event_target::<Element>(&ev);
        let Some(id) = target.closest(LINKED_SELECTOR).ok().flatten().and_then(|n| n.get_attribute("data-id")) else {
            return;
        };
        ev.prevent_default();
        show_definition(state, &id, true);
    };

    // The canvas has one history with the text: Ctrl/⌘+Z undoes the last edit, a drag
    // included; Shift+Ctrl/⌘+Z and Ctrl+Y redo.
    let on_keydown = move |ev: KeyboardEvent| {
        let command = ev.ctrl_key() || ev.meta_key();
        let key = ev.key().to_ascii_lowercase();
        if command && key == "z" && !ev.shift_key() {
            ev.prevent_default();
            undo(state);
        } else if command && (key == "z" && ev.shift_key() || key == "y") {
            ev.prevent_default();
            redo(state);
        } else if let Some(step) = arrow(&key).filter(|_| !command && can_drag()) {
            // Arrow keys nudge the selection, by ten with shift; each press is one edit.
            let by = if ev.shift_key() { 10.0 } else { 1.0 };
            let Some(drawing) = state.preview.with_untracked(|p| p.drawing.clone()) else { return };
            let positions = selected.with_untracked(|s| selection::nudged(&drawing.0, s, (step.0 * by, step.1 * by)));
            if !positions.is_empty() {
                ev.prevent_default();
                drop_positions(state, &positions);
            }
        } else if key == "escape" && !gesture.with_value(|g| matches!(g, Gesture::Dragging { .. })) {
            selected.set(Vec::new());
        }
    };

    // Reset layout: the selection's stored positions, or every one when nothing is selected.
    let reset_layout = move |_| {
        state.sync_now();
        let text = state.text.get_untracked();
        let drawing = state.rendered.with_untracked(|r| r.drawing.clone());
        let cleared = selected.with_untracked(|s| match &drawing {
            _ if s.is_empty() => edit::clear_all_positions(&text),
            // Under whichever key each is stored (a made-up subgraph id's title, or the id).
            Some(d) => {
                let targets: Vec<_> = s.iter().filter_map(|id| crate::components::drag::target_of(&d.0, id)).collect();
                edit::clear_positions_of(&text, &d.0.diagram, &targets)
            }
            None => edit::clear_positions(&text, &s.iter().map(String::as_str).collect::<Vec<_>>()),
        });
        if cleared != text {
            apply_edit(state, &cleared);
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
                tabindex="0"
                class:can-drag=can_drag
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=on_pointercancel
                on:click=on_click
                on:contextmenu=on_contextmenu
                on:dblclick=on_dblclick
                on:keydown=on_keydown
                title="Click an element to show it in the text · drag a node or group to move it (a selected one moves the selection) · drag the background to pan · shift+drag (touch or pen: hold, then drag) to select with a marquee · wheel or pinch to zoom"
            ></div>
            {move || {
                marquee
                    .get()
                    .map(|(x, y, w, h)| {
                        let style = format!("left:{x:.1}px;top:{y:.1}px;width:{w:.1}px;height:{h:.1}px");
                        view! { <div id="marquee" class="marquee" style=style aria-hidden="true"></div> }
                    })
            }}
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
            <LayoutProgress />
            <Show when=move || !has_svg()>
                <div class="preview-empty">
                    <div class="preview-empty-title">"Nothing to draw yet"</div>
                    <div class="preview-empty-hint">{empty_hint}</div>
                </div>
            </Show>
            <div class="zoom-controls" role="toolbar" aria-label="View">
                <button id="reset-layout" type="button"
                    title="Remove the positions stored by dragging: the selection's, or all when nothing is selected (ctrl+Z undoes it)"
                    disabled=move || !has_positions() on:click=reset_layout>"Reset layout"</button>
                <span class="zoom-sep" aria-hidden="true"></span>
                <button id="zoom-out" type="button" title="Zoom out (wheel)" disabled=move || !has_svg()
                    on:click=move |_| zoom_by(1.0 / STEP)>"−"</button>
                <button id="zoom-reset" type="button" class="zoom-level" title="Actual size"
                    disabled=move || !has_svg() on:click=move |_| actual_size()>{percent}</button>
                <button id="zoom-in" type="button" title="Zoom in (wheel)" disabled=move || !has_svg()
                    on:click=move |_| zoom_by(STEP)>"+"</button>
                <button id="zoom-fit" type="button" title="Fit to pane" disabled=move || !has_svg()
                    class:active=move || fitted.get()
                    on:click=move |_| fit_now()>"Fit"</button>
            </div>
        </section>
    }
}

/// Places and sizes the SVG for the view: CSS variables on the `<svg>` element itself,
/// registered as not inherited (`app.css`), so a pan or zoom restyles that one element
/// and not the thousands inside it (variables set on `#preview` were inherited by every
/// element of the drawing: 80–90 ms of style recalculation per change on 2,000 nodes).
fn place(host: NodeRef<Div>, v: View, vb: ViewBox) {
    let Some(svg) = host.get_untracked().and_then(|h| h.query_selector(":scope > svg").ok().flatten()) else { return };
    let Ok(svg) = svg.dyn_into::<web_sys::SvgElement>() else { return };
    let (x, y, w, h) = v.place(vb);
    let style = svg.style();
    for (name, value) in [("--svg-x", x), ("--svg-y", y), ("--svg-w", w), ("--svg-h", h)] {
        let value = format!("{value:.2}px");
        if style.get_property_value(name).ok().as_deref() != Some(value.as_str()) {
            let _ = style.set_property(name, &value);
        }
    }
}

/// Whether a pressed movable element is a group (a marquee may start inside it).
fn is_group(element: &Element) -> bool {
    element.class_list().contains("cluster")
}

/// Follows a marquee (gesture `g`) to pane point `at`: the rectangle on screen, and the
/// selection — what it started from and what the rectangle now touches.
fn update_marquee(
    state: AppState,
    view: RwSignal<View>,
    selected: RwSignal<Vec<String>>,
    marquee: RwSignal<Option<(f64, f64, f64, f64)>>,
    g: &Gesture,
    at: (f64, f64),
) {
    let Gesture::Marquee { from, base, .. } = g else { return };
    let (x0, y0, x1, y1) = (from.0.min(at.0), from.1.min(at.1), from.0.max(at.0), from.1.max(at.1));
    marquee.set(Some((x0, y0, x1 - x0, y1 - y0)));
    let Some(drawing) = state.preview.with_untracked(|p| p.drawing.clone()) else { return };
    let v = view.get_untracked();
    let (a, b) = (v.to_diagram((x0, y0)), v.to_diagram((x1, y1)));
    let r = coral_core::layout::Rect { x: a.0, y: a.1, w: b.0 - a.0, h: b.1 - a.1 };
    let picked = selection::marqueed(&drawing.0, base, r);
    if selected.with_untracked(|s| *s != picked) {
        selected.set(picked);
    }
}

/// Abandons a drag in progress: the SVG goes back to what it was.
fn cancel_drag(
    state: AppState,
    canvas: NodeRef<Div>,
    gesture: StoredValue<Gesture, LocalStorage>,
    on_screen: StoredValue<Shared, LocalStorage>,
    vbox: RwSignal<Option<ViewBox>>,
    after: impl FnOnce() + 'static,
) {
    let was = gesture.try_update_value(|g| match g {
        Gesture::Dragging { .. } => std::mem::replace(g, Gesture::Idle),
        _ => Gesture::Idle,
    });
    if let Some(Gesture::Dragging { session, .. }) = was {
        session.finish();
        reshow(state, canvas, on_screen, vbox, session.touched(), after);
    }
}

/// Applies what a drag step did to the frame, and routes what it left for later in the
/// next animation frames (while the drag lasts).
fn after_step(step: Step, vbox: RwSignal<Option<ViewBox>>, gesture: StoredValue<Gesture, LocalStorage>) {
    if let Some(vb) = step.view_box {
        vbox.set(Some(vb));
    }
    // Where the step's time went, for the timing harness (as the icon finder reports its
    // search time).
    if let Some(pane) = document().get_element_by_id("preview") {
        let _ = pane.set_attribute("data-step-ms", &format!("{:.2} {:.2}", step.core_ms, step.patch_ms));
    }
    // One catch-up per frame at most: pointer moves in between do their own share.
    thread_local!(static SCHEDULED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if step.pending && !SCHEDULED.with(|s| s.replace(true)) {
        request_animation_frame(move || {
            SCHEDULED.with(|s| s.set(false));
            let step = gesture.try_update_value(|g| match g {
                Gesture::Dragging { session, .. } => Some(session.catch_up()),
                _ => None,
            });
            if let Some(Some(step)) = step {
                after_step(step, vbox, gesture);
            }
        });
    }
}

/// Writes the dropped positions (by key: `Scene::positions`) into the text, as one
/// undoable edit.
fn drop_positions(state: AppState, positions: &[(String, coral_core::model::Point)]) {
    state.sync_now();
    let text = state.text.get_untracked();
    let drawing = state.rendered.with_untracked(|r| r.drawing.clone());
    let patched = match &drawing {
        Some(d) => edit::store_positions(&text, &d.0.diagram, positions),
        None => {
            let list: Vec<(&str, f64, f64)> = positions.iter().map(|(id, p)| (id.as_str(), p.x, p.y)).collect();
            edit::set_positions(&text, &list)
        }
    };
    if patched != text {
        apply_edit(state, &patched);
    }
}

/// The ids of a drawing's nodes and clusters, sorted.
fn ids_of(d: &SharedDrawing) -> Vec<String> {
    let dia = &d.0.diagram;
    let mut ids: Vec<String> =
        dia.nodes.iter().map(|n| n.id.clone()).chain(dia.clusters.iter().map(|c| c.id.clone())).collect();
    ids.sort_unstable();
    ids
}

/// Shows the definition of element `id` in the text: its span selected and scrolled into
/// view (with `focus`, the keyboard goes there too). The drawing's spans are used when the
/// preview shows the current text's drawing; otherwise (the last valid diagram stands in
/// for a broken text) the id's first mention as a word.
fn show_definition(state: AppState, id: &str, focus: bool) {
    state.sync_now();
    let drawing = state.rendered.with_untracked(|r| r.drawing.clone());
    let found = state.text.with_untracked(|t| {
        let span = drawing.as_ref().and_then(|d| {
            let dia = &d.0.diagram;
            let span = dia
                .nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.span)
                .or_else(|| dia.clusters.iter().find(|c| c.id == id).map(|c| c.span))
                .or_else(|| dia.edges.iter().find(|e| e.id == id).map(|e| e.span))?;
            Some(d.span_in(span, t))
        });
        let (start, end) = match span {
            Some(s) => (s.start as usize, s.end as usize),
            None => textpos::find_word(t, id)?,
        };
        let utf16 = textpos::utf16_offsets(t, &[start as u32, end as u32]);
        let line = t.as_bytes()[..start.min(t.len())].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        Some(((utf16[0], utf16[1]), line))
    });
    if let Some((range, line)) = found {
        if focus {
            reveal(state, range, line);
        } else {
            show_range(state, range, line);
        }
    }
}

/// Marks the elements with these ids (`linked`: under the text cursor, or named by the
/// hovered diagnostic), touching only what was or becomes marked: the marked ones are
/// found by class, the ones to mark by their `data-id`, written into the selector only as
/// an escaped CSS string.
fn mark_linked(host: NodeRef<Div>, ids: &[String]) {
    let Some(svg) = host.get_untracked().and_then(|h| h.query_selector("svg").ok().flatten()) else { return };
    let each = |selector: &str, f: &dyn Fn(&Element)| {
        let Ok(list) = svg.query_selector_all(selector) else { return };
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(&el);
            }
        }
    };
    each(".linked", &|el| {
        if !el.get_attribute("data-id").is_some_and(|id| ids.contains(&id)) {
            let _ = el.class_list().remove_1("linked");
        }
    });
    for id in ids {
        each(&format!("[data-id=\"{}\"]", css_string(id)), &|el| {
            let _ = el.class_list().add_1("linked");
        });
    }
}

/// `s` for the inside of a double-quoted CSS string: quotes, backslashes and anything
/// that is not printable written as hexadecimal escapes.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '"' || c == '\\' || c.is_control() {
            out.push_str(&format!("\\{:x} ", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
