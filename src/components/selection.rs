//! The canvas's selection: nodes and groups picked by clicking (shift-click adds or
//! removes one) or by a marquee (Shift+drag on empty canvas or inside a group: adds what
//! it touches, and the groups it holds whole), marked in the SVG with their edges, moved by the arrow keys (shift: ten
//! pixels) and what "Reset layout" clears when there is one.
//!
//! The selection is a list of ids, so it survives every redraw: the marks are put on
//! again whenever a new SVG arrives.

use coral_core::Drawing;
use coral_core::layout::Rect;
use coral_core::model::{Endpoint, Point};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::components::drag::target_of;

const MARKED: &str = "selected";
const MARKED_EDGE: &str = "selected-edge";

/// Clicking `id` (`None`: the background) with or without shift.
pub fn clicked(selection: &mut Vec<String>, id: Option<String>, shift: bool) {
    match (id, shift) {
        (Some(id), true) => {
            if let Some(at) = selection.iter().position(|s| *s == id) {
                selection.remove(at);
            } else {
                selection.push(id);
            }
        }
        (Some(id), false) => *selection = vec![id],
        (None, true) => {}
        (None, false) => selection.clear(),
    }
}

/// Marks the selected nodes and groups in `svg`, and the edges touching them.
pub fn mark(svg: &Element, selection: &[String]) {
    for el in all(svg, &format!(".{MARKED}, .{MARKED_EDGE}")) {
        let _ = el.class_list().remove_2(MARKED, MARKED_EDGE);
    }
    if selection.is_empty() {
        return;
    }
    let picked = |el: &Element, attr: &str| el.get_attribute(attr).is_some_and(|id| selection.contains(&id));
    for el in all(svg, "g.node[data-id], g.junction[data-id], g.cluster[data-id]") {
        if picked(&el, "data-id") {
            let _ = el.class_list().add_1(MARKED);
        }
    }
    for el in all(svg, "path.edge[data-from][data-to]") {
        if picked(&el, "data-from") || picked(&el, "data-to") {
            let _ = el.class_list().add_1(MARKED_EDGE);
        }
    }
}

fn all(svg: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = svg.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

/// The positions to store when the selection moves by `(dx, dy)`: each selected element's
/// anchor moved that far, and the pinned elements inside a selected group with it (an
/// element selected together with a group it is in moves once, not twice).
pub fn nudged(drawing: &Drawing, selection: &[String], by: (f64, f64)) -> Vec<(String, Point)> {
    let d = &drawing.diagram;
    let targets: Vec<Endpoint> = selection.iter().filter_map(|id| target_of(drawing, id)).collect();
    let mut scene = drawing.scene.clone();
    scene.displace_all(d, &targets, by);
    scene.positions_of(d, &targets)
}

/// The ids a marquee over `r` (diagram coordinates) adds to `base`, the selection it
/// started from (the marquee is drawn with Shift, which adds).
pub fn marqueed(drawing: &Drawing, base: &[String], r: Rect) -> Vec<String> {
    let d = &drawing.diagram;
    let mut out = base.to_vec();
    for t in drawing.scene.touching(d, r) {
        let id = match t {
            Endpoint::Node(n) => &d.nodes[n].id,
            Endpoint::Cluster(c) => &d.clusters[c].id,
        };
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}
