//! Layout: pure geometry for a [`Diagram`] — a compound layered layout in named passes.
//!
//! ```text
//! graph::build      model → layout graph in the top-to-bottom frame (cluster borders, nesting)
//! acyclic::run      reverse a few edges so ranking sees a DAG            (undo: route)
//! rank::run         integer ranks, clusters as contiguous rank bands
//! normalize::run    long edges → chains of dummies, labels as nodes      (undo: route)
//! order::run        crossing reduction, clusters contiguous and consistently ordered
//!   swap::run        sibling blocks trade places where that cuts crossings and boxes
//! position::run     rank bands (y) and separation-constrained placement (x), cluster boxes
//! route::run        one polyline per edge, slants only between bands
//! finish            turn the frame to the diagram's direction, attach to shape outlines
//! ```
//!
//! Before all of it, [`detach`] lays out subgraphs with a `direction` of their own (and
//! no edge across their border) separately, and places each as one block.
//!
//! The result is keyed by index, parallel to the diagram's `nodes`, `clusters` and `edges`
//! (which carry the ids). Layout never changes the diagram. [`verify`] checks the
//! invariants every fixture test asserts.

mod acyclic;
mod detach;
mod graph;
mod normalize;
mod order;
pub mod outline;
mod position;
mod rank;
mod route;
mod simplex;
mod straighten;
mod swap;
pub mod verify;
mod vpsc;

use crate::model::{Diagram, Direction, Endpoint, Point, Side};
use graph::{Kind, LGraph};
use position::{ClusterPads, Spacing};
use route::FrameRoute;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// An axis-aligned box; `x`,`y` is the top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center(&self) -> Point {
        Point { x: self.x + self.w / 2.0, y: self.y + self.h / 2.0 }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn centered(c: Point, s: Size) -> Rect {
        Rect { x: c.x - s.w / 2.0, y: c.y - s.h / 2.0, w: s.w, h: s.h }
    }
}

/// What layout needs from measuring, parallel to the diagram's vectors.
#[derive(Clone, Debug, Default)]
pub struct Sizes {
    pub nodes: Vec<Size>,
    /// Size of each cluster's title (zero for an untitled cluster).
    pub cluster_titles: Vec<Size>,
    pub edge_labels: Vec<Option<Size>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EdgeRoute {
    /// From the source's border to the target's border (arrow tips at the ends).
    pub points: Vec<Point>,
    pub label: Option<Rect>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Rect>,
    pub clusters: Vec<Rect>,
    pub edges: Vec<EdgeRoute>,
    /// Crossings the ordering pass ended with (between adjacent ranks).
    pub crossings: usize,
}

/// Spacing options, from `flowchart.nodeSpacing`/`rankSpacing`/`diagramPadding`.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub node_spacing: f64,
    pub rank_spacing: f64,
    pub edge_spacing: f64,
    pub margin: f64,
}

impl Options {
    pub fn for_diagram(d: &Diagram) -> Options {
        let f = &d.config.flowchart;
        let sane =
            |v: Option<f64>, default: f64| v.filter(|v| v.is_finite() && *v >= 0.0 && *v <= 1000.0).unwrap_or(default);
        Options {
            node_spacing: sane(f.node_spacing, 50.0),
            rank_spacing: sane(f.rank_spacing, 50.0),
            edge_spacing: 20.0,
            margin: sane(f.diagram_padding, 8.0),
        }
    }
}

pub fn layout(d: &Diagram, sizes: &Sizes) -> Layout {
    layout_with(d, sizes, Options::for_diagram(d))
}

pub fn layout_with(d: &Diagram, sizes: &Sizes, opts: Options) -> Layout {
    if let Some(l) = detach::layout(d, sizes, opts) {
        return l;
    }
    let dir = d.direction;
    let horizontal = dir.is_horizontal();
    let mut g = LGraph::build(d, sizes, dir);
    acyclic::run(&mut g);
    rank::run(&mut g);
    let chains = normalize::run(&mut g, d, sizes, horizontal);
    let ordering = order::run(&mut g, &chains);
    let pads = cluster_pads(d, sizes, &g, horizontal);
    let spacing = Spacing { node: opts.node_spacing, edge: opts.edge_spacing, rank: opts.rank_spacing };
    let (bands, boxes) = position::run(&mut g, &ordering, &chains, spacing, &pads);
    let mut routes = route::run(&g, &chains, &ordering.layers, &bands, &boxes, opts.rank_spacing);
    for l in &g.self_loops {
        routes[l.edge] = Some(route::self_loop(&g, &boxes, l));
    }
    finish(d, sizes, &g, &boxes, routes, dir, opts.margin, ordering.crossings)
}

/// Horizontal diagrams carry cluster titles along the top, which is the frame's left side;
/// the cluster must also be long enough (across ranks) for the title. A subgraph's
/// self-loop labels sit beside its box, centred on it, so the box is at least as deep as
/// they are; and a cluster holds its nested clusters at their own minimum, with padding.
fn cluster_pads(d: &Diagram, sizes: &Sizes, g: &LGraph, horizontal: bool) -> ClusterPads {
    let n = d.clusters.len();
    let title = |c: usize| sizes.cluster_titles.get(c).copied().unwrap_or_default();
    let (left, mut min_depth): (Vec<f64>, Vec<f64>) = if horizontal {
        (
            (0..n).map(|c| if title(c).h > 0.0 { title(c).h + 4.0 } else { 0.0 }).collect(),
            (0..n).map(|c| title(c).w + 2.0 * graph::CLUSTER_PAD).collect(),
        )
    } else {
        (vec![0.0; n], vec![0.0; n])
    };
    for (min, &loops) in min_depth.iter_mut().zip(&g.cluster_loop_depth) {
        *min = min.max(loops);
    }
    for c in g.clusters_inner_first() {
        if let Some(p) = d.clusters[c].parent {
            min_depth[p] = min_depth[p].max(min_depth[c] + 2.0 * graph::CLUSTER_PAD);
        }
    }
    ClusterPads { left, min_depth }
}

/// The frame → diagram transform for a direction.
fn turn(dir: Direction, p: Point) -> Point {
    match dir {
        Direction::TopBottom => p,
        Direction::BottomTop => Point { x: p.x, y: -p.y },
        Direction::LeftRight => Point { x: p.y, y: p.x },
        Direction::RightLeft => Point { x: -p.y, y: p.x },
    }
}

fn turn_side(dir: Direction, s: Side) -> Side {
    use Side::*;
    match (dir, s) {
        (Direction::TopBottom, s) => s,
        (Direction::BottomTop, Top) => Bottom,
        (Direction::BottomTop, Bottom) => Top,
        (Direction::BottomTop, s) => s,
        (Direction::LeftRight, Top) => Left,
        (Direction::LeftRight, Bottom) => Right,
        (Direction::LeftRight, Left) => Top,
        (Direction::LeftRight, Right) => Bottom,
        (Direction::RightLeft, Top) => Right,
        (Direction::RightLeft, Bottom) => Left,
        (Direction::RightLeft, Left) => Top,
        (Direction::RightLeft, Right) => Bottom,
    }
}

fn turn_box(dir: Direction, b: position::FrameBox) -> Rect {
    let p = turn(dir, Point { x: b.x0, y: b.y0 });
    let q = turn(dir, Point { x: b.x1, y: b.y1 });
    Rect { x: p.x.min(q.x), y: p.y.min(q.y), w: (p.x - q.x).abs(), h: (p.y - q.y).abs() }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    d: &Diagram,
    sizes: &Sizes,
    g: &LGraph,
    boxes: &[position::FrameBox],
    routes: Vec<Option<FrameRoute>>,
    dir: Direction,
    margin: f64,
    crossings: usize,
) -> Layout {
    let mut nodes: Vec<Rect> = (0..d.nodes.len())
        .map(|i| {
            let v = &g.nodes[i];
            debug_assert!(matches!(v.kind, Kind::Node(k) if k == i));
            Rect::centered(turn(dir, Point { x: v.x, y: v.y }), sizes.nodes.get(i).copied().unwrap_or_default())
        })
        .collect();
    let mut clusters: Vec<Rect> = boxes.iter().map(|&b| turn_box(dir, b)).collect();
    let mut edges: Vec<EdgeRoute> = routes
        .into_iter()
        .enumerate()
        .map(|(e, r)| {
            let Some(r) = r else { return EdgeRoute::default() };
            let mut points: Vec<Point> = r.points.iter().map(|&p| turn(dir, p)).collect();
            attach_end(d, &nodes, e, &mut points, turn_side(dir, r.start_side), true);
            attach_end(d, &nodes, e, &mut points, turn_side(dir, r.end_side), false);
            let label = match (r.label, sizes.edge_labels.get(e).copied().flatten()) {
                (Some(c), Some(s)) => Some(Rect::centered(turn(dir, c), s)),
                _ => None,
            };
            EdgeRoute { points, label }
        })
        .collect();

    // Move everything so the drawing starts at the margin.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |r: Rect| {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    };
    nodes.iter().chain(&clusters).for_each(|&r| grow(r));
    for e in &edges {
        e.points.iter().for_each(|p| grow(Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }));
        if let Some(l) = e.label {
            grow(l);
        }
    }
    if !x0.is_finite() {
        return Layout { width: 2.0 * margin, height: 2.0 * margin, ..Layout::default() };
    }
    let (dx, dy) = (margin - x0, margin - y0);
    let shift = |r: &mut Rect| {
        r.x += dx;
        r.y += dy;
    };
    nodes.iter_mut().for_each(shift);
    clusters.iter_mut().for_each(shift);
    for e in &mut edges {
        for p in &mut e.points {
            p.x += dx;
            p.y += dy;
        }
        if let Some(l) = &mut e.label {
            shift(l);
        }
    }
    Layout { width: x1 - x0 + 2.0 * margin, height: y1 - y0 + 2.0 * margin, nodes, clusters, edges, crossings }
}

/// Moves an edge's end from its node's bounding box onto the node's drawn outline, along
/// the direction the edge arrives in. Where the outline lies inside the box (a diamond's
/// flank, a circle's shoulder) the box point stays on the route, so the last piece runs
/// straight into the shape within the node's own box instead of cutting across the rank.
fn attach_end(d: &Diagram, nodes: &[Rect], e: usize, points: &mut Vec<Point>, side: Side, start: bool) {
    let edge = &d.edges[e];
    let end = if start { edge.from } else { edge.to };
    let Endpoint::Node(n) = end else { return };
    let Some(&p) = (if start { points.first() } else { points.last() }) else { return };
    let along = if matches!(side, Side::Top | Side::Bottom) { p.x } else { p.y };
    let q = outline::attach(d.nodes[n].shape, nodes[n], side, along);
    let moved = (q.x - p.x).abs() + (q.y - p.y).abs() > 0.5;
    // A self-loop's ends leave sideways and need no stub.
    let keep_box_point = moved && points.len() > 1 && edge.from != edge.to;
    match (start, keep_box_point) {
        (true, true) => points.insert(0, q),
        (false, true) => points.push(q),
        (true, false) => points[0] = q,
        (false, false) => *points.last_mut().expect("non-empty") = q,
    }
}
