//! One drag of a node or a group in the preview — or of the whole selection, when the
//! element grabbed is part of it: the core moves them in a copy of the drawing's scene,
//! and the SVG on screen is patched where that changed.
//!
//! Per pointer move: `Scene::displace_all` + `Scene::settle` (the elements, their edges,
//! the boxes around them) and `render::patch::patches`, set as attributes on the elements
//! found once when the drag began. Nothing is re-laid out and no SVG is written until the drop,
//! when the positions go into the text and the usual render takes over.

use std::collections::BTreeMap;
use std::sync::Arc;

use coral_core::Drawing;
use coral_core::layout::{Changes, Rect, STEP_WORK, Scene};
use coral_core::model::{Endpoint, Point};
use coral_core::render::patch::{Target, patches};
use coral_editor::svg_patch::Dirty;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::components::canvas::ViewBox;
use crate::state::now_ms;

/// Room kept around what moved when the drawing grows to hold it (the core's margin).
const MARGIN: f64 = 8.0;

/// What a step did to the SVG's frame, and whether routing work was left for later.
pub struct Step {
    /// The SVG's new view box, when the drawing grew to hold what moved.
    pub view_box: Option<ViewBox>,
    /// Edges drawn as stand-ins, to route in a later frame ([`DragSession::catch_up`]).
    pub pending: bool,
    /// Time in the core (moving, routing, computing the patches) and setting the patches
    /// on the DOM, in milliseconds (`performance.now()`), for the timing harness.
    pub core_ms: f64,
    pub patch_ms: f64,
}

pub struct DragSession {
    drawing: Arc<Drawing>,
    scene: Scene,
    /// The element grabbed: the pointer moves its anchor, everything else by as much.
    target: Endpoint,
    /// What moves: the grabbed element, or the selection it is part of.
    targets: Vec<Endpoint>,
    /// The dragged elements (`g.node`, `g.junction`, `g.cluster`), marked while they move.
    marked: Vec<Element>,
    start_anchor: Point,
    start_client: (f64, f64),
    /// Pane pixels per diagram unit.
    scale: f64,
    elements: BTreeMap<Target, Element>,
    /// What each patched attribute was last set to: an edge routed again to the same path
    /// (or a box grown to the size it has) is not set again, which would make the browser
    /// restyle it for nothing.
    written: BTreeMap<(Target, &'static str), String>,
    /// The SVG root and its background, grown with what moves past the drawing's edge.
    svg: Element,
    background: Option<Element>,
    view_box: Option<ViewBox>,
    /// Whether the view box (and the background) grew.
    grown: bool,
    moved: bool,
}

impl DragSession {
    /// Starts dragging the node or cluster drawn by `element` (which carries `data-id`),
    /// at pointer position `client`, in an SVG `svg` written from `drawing`. When the
    /// element is one of `selection` (ids), the whole selection moves with it.
    pub fn start(
        drawing: Arc<Drawing>,
        svg: &Element,
        element: Element,
        selection: &[String],
        client: (f64, f64),
        scale: f64,
    ) -> Option<DragSession> {
        let id = element.get_attribute("data-id")?;
        let d = &drawing.diagram;
        let cluster = element.class_list().contains("cluster");
        let target =
            if cluster { Endpoint::Cluster(d.cluster_index(&id)?) } else { Endpoint::Node(d.node_index(&id)?) };
        let mut targets = vec![target];
        if selection.contains(&id) {
            targets.extend(selection.iter().filter_map(|s| target_of(&drawing, s)).filter(|t| *t != target));
        }
        let scene = drawing.scene.clone();
        let start_anchor = scene.anchor(target)?;
        let (elements, marked) = elements_of(svg, &drawing, &targets);
        for el in &marked {
            let _ = el.class_list().add_1("dragging");
        }
        Some(DragSession {
            elements,
            written: BTreeMap::new(),
            background: svg.query_selector("rect.background").ok().flatten(),
            view_box: svg.get_attribute("viewBox").as_deref().and_then(ViewBox::parse),
            svg: svg.clone(),
            drawing,
            scene,
            target,
            targets,
            marked,
            start_anchor,
            start_client: client,
            grown: false,
            scale: if scale > 0.0 { scale } else { 1.0 },
            moved: false,
        })
    }

    /// Follows the pointer to `client`: the grabbed element's anchor moves by as much (in
    /// whole diagram pixels, as positions are stored), the rest of what moves by the same
    /// step; their edges and the boxes around them follow.
    /// Routing spends at most [`STEP_WORK`]; edges beyond it are stand-ins until
    /// [`DragSession::catch_up`] routes them.
    pub fn step(&mut self, client: (f64, f64)) -> Step {
        let (dx, dy) = ((client.0 - self.start_client.0) / self.scale, (client.1 - self.start_client.1) / self.scale);
        let to = Point { x: (self.start_anchor.x + dx).round(), y: (self.start_anchor.y + dy).round() };
        if let Some(now) = self.scene.anchor(self.target) {
            self.scene.displace_all(&self.drawing.diagram, &self.targets, (to.x - now.x, to.y - now.y));
        }
        self.settle()
    }

    /// Routes (within the same budget) the edges earlier steps left as stand-ins.
    pub fn catch_up(&mut self) -> Step {
        self.settle()
    }

    fn settle(&mut self) -> Step {
        let started = now_ms();
        let d = &self.drawing.diagram;
        let changes = self.scene.settle_within(d, STEP_WORK);
        if changes.is_empty() {
            return Step { view_box: None, pending: changes.pending > 0, core_ms: now_ms() - started, patch_ms: 0.0 };
        }
        self.moved = true;
        let patches = patches(d, self.drawing.scene.layout(), &self.scene, &changes);
        let core_ms = now_ms() - started;
        for patch in patches {
            let Some(el) = self.elements.get(&patch.target) else { continue };
            for (name, value) in patch.attrs {
                let key = (patch.target.clone(), name);
                if self.written.get(&key) != Some(&value) {
                    let _ = el.set_attribute(name, &value);
                    self.written.insert(key, value);
                }
            }
        }
        let view_box = self.grow(&changes);
        Step { view_box, pending: changes.pending > 0, core_ms, patch_ms: now_ms() - started - core_ms }
    }

    /// Grows the SVG's view box and background (never shrinks them: the drop redraws the
    /// SVG at its own size) to hold what changed.
    fn grow(&mut self, changes: &Changes) -> Option<ViewBox> {
        let vb = self.view_box?;
        let l = self.scene.layout();
        let mut rects: Vec<Rect> = changes.nodes.iter().filter_map(|&n| l.nodes.get(n).copied()).collect();
        rects.extend(changes.clusters.iter().filter_map(|&c| l.clusters.get(c).copied()));
        for r in changes.edges.iter().filter_map(|&e| l.edges.get(e)) {
            rects.extend(r.points.iter().map(|p| Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }));
            rects.extend(r.label);
        }
        let (mut x0, mut y0, mut x1, mut y1) = (vb.x, vb.y, vb.x + vb.w, vb.y + vb.h);
        for r in rects {
            x0 = x0.min(r.x - MARGIN);
            y0 = y0.min(r.y - MARGIN);
            x1 = x1.max(r.x + r.w + MARGIN);
            y1 = y1.max(r.y + r.h + MARGIN);
        }
        let grown = ViewBox { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
        if grown == vb {
            return None;
        }
        self.view_box = Some(grown);
        self.grown = true;
        let n = |v: f64| format!("{v:.2}");
        let _ = self.svg.set_attribute("viewBox", &format!("{} {} {} {}", n(x0), n(y0), n(grown.w), n(grown.h)));
        let _ = self.svg.set_attribute("width", &n(grown.w));
        let _ = self.svg.set_attribute("height", &n(grown.h));
        if let Some(bg) = &self.background {
            for (name, value) in [("x", x0), ("y", y0), ("width", grown.w), ("height", grown.h)] {
                let _ = bg.set_attribute(name, &n(value));
            }
        }
        Some(grown)
    }

    /// Whether the element is anywhere but where it started (to the stored pixel).
    pub fn moved(&self) -> bool {
        let Some(now) = self.scene.anchor(self.target) else { return false };
        self.moved && ((now.x - self.start_anchor.x).abs() >= 0.5 || (now.y - self.start_anchor.y).abs() >= 0.5)
    }

    /// The positions to store for the drop.
    pub fn positions(&self) -> Vec<(String, Point)> {
        self.scene.positions_of(&self.drawing.diagram, &self.targets)
    }

    /// What the drag changed in the SVG on screen: the elements it set attributes on (by
    /// `data-id`, the movable element or edge holding them) and, when the drawing grew,
    /// the frame (the root's size and view box, the background).
    pub fn touched(&self) -> Dirty {
        let mut ids: Vec<String> = self
            .written
            .keys()
            .map(|(t, _)| match t {
                Target::Node(id)
                | Target::ClusterBox(id)
                | Target::ClusterTitle(id)
                | Target::EdgePath(id)
                | Target::EdgeLabel(id) => id.clone(),
            })
            .collect();
        ids.dedup();
        let keys = if self.grown { vec!["rect.background".to_string()] } else { Vec::new() };
        Dirty { ids, keys, root: self.grown }
    }

    /// Ends the drag's marking (the SVG itself is put back by the caller).
    pub fn finish(&self) {
        for el in &self.marked {
            let _ = el.class_list().remove_1("dragging");
        }
    }
}

/// The node (or junction) or cluster with id `id`.
pub fn target_of(drawing: &Drawing, id: &str) -> Option<Endpoint> {
    let d = &drawing.diagram;
    d.node_index(id).map(Endpoint::Node).or_else(|| d.cluster_index(id).map(Endpoint::Cluster))
}

/// Every element a patch may name, found once: nodes, junctions, cluster boxes and
/// titles, edge paths and labels, by `data-id`; and the movable elements drawing
/// `targets`, to mark.
fn elements_of(svg: &Element, drawing: &Drawing, targets: &[Endpoint]) -> (BTreeMap<Target, Element>, Vec<Element>) {
    let mut out = BTreeMap::new();
    let mut marked = Vec::new();
    let Ok(list) = svg.query_selector_all("[data-id]") else { return (out, marked) };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Some(id) = el.get_attribute("data-id") else { continue };
        let classes = el.class_list();
        let movable = classes.contains("node") || classes.contains("junction") || classes.contains("cluster");
        if movable
            && el.tag_name().eq_ignore_ascii_case("g")
            && target_of(drawing, &id).is_some_and(|t| targets.contains(&t))
        {
            marked.push(el.clone());
        }
        if classes.contains("node") || classes.contains("junction") {
            out.insert(Target::Node(id), el);
        } else if classes.contains("cluster") {
            if let Ok(Some(rect)) = el.query_selector("rect.cluster-box") {
                out.insert(Target::ClusterBox(id.clone()), rect);
            }
            if let Ok(Some(title)) = el.query_selector(".cluster-title") {
                out.insert(Target::ClusterTitle(id), title);
            }
        } else if classes.contains("edge") && el.tag_name().eq_ignore_ascii_case("path") {
            out.insert(Target::EdgePath(id), el);
        } else if classes.contains("edgeLabel") {
            out.insert(Target::EdgeLabel(id), el);
        }
    }
    (out, marked)
}
