//! Routing one edge again after its ends moved (a pin, a drag step), through
//! `layout::ortho`, with only what lies around its ends as obstacles.
//!
//! **Sides.** Architecture edges keep the sides the text names. Layered edges (flowcharts,
//! C4) take the sides that face each other: across the gap along the flow's axis when the
//! two boxes are apart that way, else across the other axis — except that a C4 `Rel_R`,
//! `Rel_D`… keeps its named sides while its target lies that way. An edge between a cluster and
//! something inside it leaves the cluster's border inwards, on the side nearest to it.
//!
//! **Ports.** An end that did not move keeps the point where its route met it (while its
//! side stays the same), so the other edges there do not shift under the user's eyes. An
//! end that moved gets its edges spread along each side, in the order of where their other
//! ends lie (as `route.rs` and `architecture/ports.rs` do); services at their icon,
//! junctions at their centre.
//!
//! **Search.** The obstacles are the nodes and foreign clusters (holding neither end) that
//! meet a region around both ends, the ends themselves included; the region grows when no
//! route fits in it, and as a last resort the route is an elbow. Cost: one small search per
//! edge, independent of the diagram's size.

use std::collections::BTreeSet;

use super::architecture::{JUNCTION_SIZE, icon_box, title_box};
use super::ortho::{self, Port};
use super::outline::attach_end;
use super::scene::{Engine, Scene, union};
use super::verify::overlap;
use super::{EdgeRoute, Rect, Size};
use crate::model::{Diagram, Direction, EdgeIdx, Endpoint, Point, Shape, Side};

/// Regions tried around the two ends, in px beyond their boxes.
const REGIONS: [f64; 2] = [60.0, 320.0];

/// Edge `e` routed again in `s` (where every edge in `rerouting` is being routed again
/// too), with the work the search took ([`Work`]), or `None` when it has no route to redo
/// (a self-loop, an edge never drawn). A search that would look at more than `allowed`
/// cells is not made: the result is `Err` with the work spent finding that out (the
/// caller draws a [`provisional`] route and asks again later).
pub(super) fn route(
    s: &Scene,
    d: &Diagram,
    e: EdgeIdx,
    rerouting: &BTreeSet<EdgeIdx>,
    allowed: Work,
) -> Option<Result<(EdgeRoute, Work), Work>> {
    let (from, to) = ports(s, d, e, rerouting)?;
    Some(search(s, d, e, from, to, allowed).map(|(points, work)| (finish(s, d, e, from, to, points), work)))
}

/// A stand-in for [`route`] that costs nothing: the new ports joined by an elbow that may
/// cross what lies between, for an edge whose search waits for a later step.
pub(super) fn provisional(s: &Scene, d: &Diagram, e: EdgeIdx, rerouting: &BTreeSet<EdgeIdx>) -> Option<EdgeRoute> {
    let (from, to) = ports(s, d, e, rerouting)?;
    let points = ortho::elbow_route(from, to, ortho::Options::default());
    Some(finish(s, d, e, from, to, points))
}

/// What a search costs, in grid cells looked at (about the square of the obstacles it
/// was given), summed over the regions it tried.
pub(super) type Work = usize;

fn ports(s: &Scene, d: &Diagram, e: EdgeIdx, rerouting: &BTreeSet<EdgeIdx>) -> Option<(Port, Port)> {
    let edge = &d.edges[e];
    if s.layout.edges[e].points.len() < 2 || edge.from == edge.to {
        return None;
    }
    let (from_side, to_side) = sides(s, d, e);
    Some((port(s, d, e, true, from_side, rerouting), port(s, d, e, false, to_side, rerouting)))
}

/// The route's ends onto what they attach to, and its label half-way along it.
fn finish(s: &Scene, d: &Diagram, e: EdgeIdx, from: Port, to: Port, mut points: Vec<Point>) -> EdgeRoute {
    let edge = &d.edges[e];
    match s.engine {
        Engine::Layered(_) => {
            // Onto the shapes' outlines (a diamond's flank, a circle), as the engine does.
            attach_end(d, &s.layout.nodes, e, &mut points, side_of(from), true);
            attach_end(d, &s.layout.nodes, e, &mut points, side_of(to), false);
        }
        Engine::Architecture { icon } => {
            reach_icon(s, d, icon, edge.from, from.side, &mut points, true);
            reach_icon(s, d, icon, edge.to, to.side, &mut points, false);
        }
    }
    let label = s.labels.get(e).copied().flatten().and_then(|size| label_box(s, e, &points, size));
    EdgeRoute { points, label }
}

/// Where along the route the label goes: centred half-way, or — when a box there is a
/// node or another edge's label — the first place clear of them among a few points along
/// the route, the label on the line or just beside it (half-way again when none is).
fn label_box(s: &Scene, e: EdgeIdx, points: &[Point], size: Size) -> Option<Rect> {
    let clear = |r: &Rect| {
        !s.layout.nodes.iter().any(|n| overlap(*r, *n))
            && !s.layout.edges.iter().enumerate().any(|(k, o)| k != e && o.label.is_some_and(|l| overlap(*r, l)))
    };
    let (mid, _) = along(points, 0.5)?;
    let first = Rect::centered(mid, size);
    if clear(&first) {
        return Some(first);
    }
    let beside = |(p, vertical): (Point, bool)| {
        // Off a horizontal stretch up or down, off a vertical one left or right.
        let (ox, oy) = if vertical { (size.w / 2.0 + 4.0, 0.0) } else { (0.0, size.h / 2.0 + 4.0) };
        [(0.0, 0.0), (-ox, -oy), (ox, oy)].map(|(dx, dy)| Rect::centered(Point { x: p.x + dx, y: p.y + dy }, size))
    };
    [0.5, 0.35, 0.65, 0.2, 0.8]
        .into_iter()
        .filter_map(|t| along(points, t))
        .flat_map(beside)
        .find(clear)
        .or(Some(first))
}

/// The side a port sits on (an inward port leaves the other way).
fn side_of(p: Port) -> Side {
    p.side
}

fn end_box(s: &Scene, end: Endpoint) -> Rect {
    match end {
        Endpoint::Node(n) => s.layout.nodes[n],
        Endpoint::Cluster(c) => s.layout.clusters[c],
    }
}

fn moved(s: &Scene, end: Endpoint) -> bool {
    match end {
        Endpoint::Node(n) => s.moved_nodes.contains(&n),
        Endpoint::Cluster(c) => s.moved_clusters.contains(&c),
    }
}

/// The direction each end's route leaves it in (for an end on a cluster holding the other
/// end: into the cluster).
fn sides(s: &Scene, d: &Diagram, e: EdgeIdx) -> (Side, Side) {
    let edge = &d.edges[e];
    if let (Engine::Architecture { .. }, Some(a), Some(b)) = (s.engine, edge.from_side, edge.to_side) {
        return (a, b);
    }
    let (fb, tb) = (end_box(s, edge.from), end_box(s, edge.to));
    for (end, other, ob, first) in [(edge.from, edge.to, tb, true), (edge.to, edge.from, fb, false)] {
        if let Endpoint::Cluster(c) = end
            && d.end_within(other, c)
        {
            // Out of the member towards the nearest border, into the cluster from there.
            let b = s.layout.clusters[c];
            let gaps = [
                (ob.y - b.y, Side::Top),
                (b.bottom() - ob.bottom(), Side::Bottom),
                (ob.x - b.x, Side::Left),
                (b.right() - ob.right(), Side::Right),
            ];
            let near = gaps.iter().min_by(|a, b| a.0.total_cmp(&b.0)).map_or(Side::Top, |g| g.1);
            return if first { (opposite(near), near) } else { (near, opposite(near)) };
        }
    }
    // C4's `Rel_R`, `Rel_D`…: the named sides while the target does lie that way (a
    // placement the user dragged against is drawn by the sides that face each other).
    if let (Engine::Layered(_), Some(side)) = (s.engine, edge.from_side)
        && lies_toward(fb, tb, side)
    {
        return (side, edge.to_side.unwrap_or(opposite(side)));
    }
    facing(fb, tb, s.engine)
}

/// Whether `b` lies wholly beyond side `side` of `a`.
fn lies_toward(a: Rect, b: Rect, side: Side) -> bool {
    match side {
        Side::Right => b.x >= a.right(),
        Side::Left => b.right() <= a.x,
        Side::Bottom => b.y >= a.bottom(),
        Side::Top => b.bottom() <= a.y,
    }
}

/// The sides of two boxes that face each other, the flow's axis first.
fn facing(a: Rect, b: Rect, engine: Engine) -> (Side, Side) {
    let apart_v = a.bottom() <= b.y || b.bottom() <= a.y;
    let apart_h = a.right() <= b.x || b.right() <= a.x;
    let flow_vertical = !matches!(engine, Engine::Layered(Direction::LeftRight | Direction::RightLeft));
    let vertical = if flow_vertical { apart_v || !apart_h } else { !apart_h && apart_v };
    let (ca, cb) = (a.center(), b.center());
    if vertical {
        if cb.y >= ca.y { (Side::Bottom, Side::Top) } else { (Side::Top, Side::Bottom) }
    } else if cb.x >= ca.x {
        (Side::Right, Side::Left)
    } else {
        (Side::Left, Side::Right)
    }
}

fn opposite(s: Side) -> Side {
    match s {
        Side::Top => Side::Bottom,
        Side::Bottom => Side::Top,
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

/// The side and the coordinate along it where an existing route meets its start (or end).
fn existing(points: &[Point], start: bool) -> (Side, f64) {
    let n = points.len();
    let (p, q) = if start { (points[0], points[1]) } else { (points[n - 1], points[n - 2]) };
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let side = if dy.abs() >= dx.abs() {
        if dy > 0.0 { Side::Bottom } else { Side::Top }
    } else if dx > 0.0 {
        Side::Right
    } else {
        Side::Left
    };
    (side, if matches!(side, Side::Top | Side::Bottom) { p.x } else { p.y })
}

/// The port of edge `e`'s start (or end), which leaves in direction `side`.
fn port(s: &Scene, d: &Diagram, e: EdgeIdx, start: bool, side: Side, rerouting: &BTreeSet<EdgeIdx>) -> Port {
    let edge = &d.edges[e];
    let (end, other) = if start { (edge.from, edge.to) } else { (edge.to, edge.from) };
    let r = end_box(s, end);
    let junction = matches!(end, Endpoint::Node(n) if d.nodes[n].shape == Shape::Junction);
    if junction && matches!(s.engine, Engine::Architecture { .. }) {
        return Port { point: r.center(), side };
    }
    // An inward port sits on the border opposite to the way it leaves.
    let inward = matches!(end, Endpoint::Cluster(c) if d.end_within(other, c));
    let border = if inward { opposite(side) } else { side };
    // The span ports spread over on that border.
    let span = match (s.engine, end) {
        (Engine::Architecture { icon }, Endpoint::Node(_)) => {
            let i = icon_box(r, icon);
            if matches!(border, Side::Left | Side::Right) { (i.y, i.bottom()) } else { (i.x, i.right()) }
        }
        _ if matches!(border, Side::Left | Side::Right) => (r.y, r.bottom()),
        _ => (r.x, r.right()),
    };
    let (old_side, old_along) = existing(&s.layout.edges[e].points, start);
    let along = if !moved(s, end) && (old_side == side || matches!(s.engine, Engine::Architecture { .. })) {
        old_along
    } else {
        spread(s, d, e, end, side, span, rerouting)
    };
    let inset = ((span.1 - span.0) / 2.0).min(4.0);
    // (`max`/`min`, not `clamp`: a degenerate span must not panic.)
    let along = along.max(span.0 + inset).min(span.1 - inset);
    let point = r.on_side(border, along);
    Port { point, side }
}

/// Where along `span` edge `e` attaches at `end`, among the edges being routed again that
/// leave `end` the same way, in the order of where their other ends lie.
fn spread(
    s: &Scene,
    d: &Diagram,
    e: EdgeIdx,
    end: Endpoint,
    side: Side,
    span: (f64, f64),
    rerouting: &BTreeSet<EdgeIdx>,
) -> f64 {
    let edges = match end {
        Endpoint::Node(n) => &s.node_edges[n],
        Endpoint::Cluster(c) => &s.cluster_edges[c],
    };
    let across = matches!(side, Side::Left | Side::Right);
    let mut here: Vec<(f64, EdgeIdx)> = edges
        .iter()
        .copied()
        .filter(|&f| f == e || rerouting.contains(&f))
        .filter_map(|f| {
            let edge = &d.edges[f];
            if edge.from == edge.to || s.layout.edges[f].points.len() < 2 {
                return None;
            }
            let (a, b) = sides(s, d, f);
            let (mine, other) = if edge.from == end { (a, edge.to) } else { (b, edge.from) };
            let o = end_box(s, other).center();
            (mine == side).then_some((if across { o.y } else { o.x }, f))
        })
        .collect();
    here.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let k = here.len().max(1) as f64;
    let idx = here.iter().position(|&(_, f)| f == e).unwrap_or(0) as f64;
    let (share, cap) = match s.engine {
        Engine::Architecture { .. } => (0.8, 16.0),
        Engine::Layered(_) => (0.7, 14.0),
    };
    let step = ((span.1 - span.0) * share / k).min(cap);
    (span.0 + span.1) / 2.0 + (idx - (k - 1.0) / 2.0) * step
}

/// The route between two ports around what lies near them: in a small region first
/// (widened to hold the foreign clusters that reach into it, which a route may have to go
/// round), keeping clear of everything; then in a larger one, hugging boxes where it must;
/// then (no route at all) an elbow.
fn search(s: &Scene, d: &Diagram, e: EdgeIdx, from: Port, to: Port, allowed: Work) -> Result<(Vec<Point>, Work), Work> {
    let edge = &d.edges[e];
    let ends = union(end_box(s, edge.from), end_box(s, edge.to));
    let opts = ortho::Options::default();
    let near = grown(ends, REGIONS[0] + opts.stub);
    let mut region = near;
    for (c, &r) in s.layout.clusters.iter().enumerate() {
        if meets(r, near) && foreign(d, e, c) {
            region = union(region, grown(r, opts.stub));
        }
    }
    let cells = |obstacles: &[Rect]| (2 * obstacles.len() + 4).pow(2);
    let obstacles_near = obstacles(s, d, e, region);
    let mut work = cells(&obstacles_near);
    if work > allowed {
        return Err(0);
    }
    if let Some(points) = ortho::try_route_with_margin(from, to, &obstacles_near, region, &s.drawn, Some(e), opts) {
        return Ok((points, work));
    }
    let region = union(region, grown(ends, REGIONS[1] + opts.stub));
    let obstacles_far = obstacles(s, d, e, region);
    // Two searches: with the margin, then hugging.
    let far = 2 * cells(&obstacles_far);
    if work + far > allowed {
        return Err(work);
    }
    work += far;
    Ok((ortho::route(from, to, &obstacles_far, region, &s.drawn, Some(e), opts), work))
}

/// Whether cluster `c` holds neither end of edge `e` (nor is one).
fn foreign(d: &Diagram, e: EdgeIdx, c: usize) -> bool {
    let edge = &d.edges[e];
    ![edge.from, edge.to].iter().any(|&end| end == Endpoint::Cluster(c) || d.end_within(end, c))
}

/// What edge `e` must go around inside `region`.
fn obstacles(s: &Scene, d: &Diagram, e: EdgeIdx, region: Rect) -> Vec<Rect> {
    let edge = &d.edges[e];
    let ends = [edge.from, edge.to];
    let end_boxes = [end_box(s, edge.from), end_box(s, edge.to)];
    // Something the user dropped onto an end cannot be gone around.
    let clear_of_ends = |r: Rect| !end_boxes.iter().any(|&b| overlap(r, b));
    let mut out = Vec::new();
    for (i, end) in ends.into_iter().enumerate() {
        match (s.engine, end) {
            (Engine::Architecture { .. }, Endpoint::Node(n)) if d.nodes[n].shape == Shape::Junction => {
                out.push(Rect::centered(end_boxes[i].center(), Size { w: 1.0, h: 1.0 }));
            }
            (Engine::Architecture { icon }, Endpoint::Node(_)) => {
                out.push(icon_box(end_boxes[i], icon));
                out.push(title_box(end_boxes[i], icon));
            }
            (_, Endpoint::Node(_)) => out.push(end_boxes[i]),
            // A cluster end is gone around from outside, entered from inside.
            (_, Endpoint::Cluster(c)) if !d.end_within(ends[1 - i], c) => out.push(end_boxes[i]),
            _ => {}
        }
    }
    for (n, &r) in s.layout.nodes.iter().enumerate() {
        if !ends.contains(&Endpoint::Node(n)) && meets(r, region) && clear_of_ends(r) {
            let junction = d.nodes[n].shape == Shape::Junction;
            out.push(if junction {
                Rect::centered(r.center(), Size { w: JUNCTION_SIZE, h: JUNCTION_SIZE })
            } else {
                r
            });
        }
    }
    for (c, &r) in s.layout.clusters.iter().enumerate() {
        if foreign(d, e, c) && meets(r, region) && clear_of_ends(r) {
            out.push(r);
        }
    }
    out
}

fn meets(a: Rect, b: Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

fn grown(r: Rect, by: f64) -> Rect {
    Rect { x: r.x - by, y: r.y - by, w: r.w + 2.0 * by, h: r.h + 2.0 * by }
}

/// A port on the left or right of a service sits on its box, which a wide title makes
/// wider than the icon: the route continues, in line, to the icon itself (as
/// `architecture/routes.rs` draws them).
fn reach_icon(s: &Scene, d: &Diagram, icon: f64, end: Endpoint, side: Side, pts: &mut [Point], start: bool) {
    let Endpoint::Node(n) = end else { return };
    if d.nodes[n].shape == Shape::Junction || !matches!(side, Side::Left | Side::Right) || pts.is_empty() {
        return;
    }
    let i = icon_box(s.layout.nodes[n], icon);
    let x = if side == Side::Left { i.x } else { i.right() };
    let at = if start { 0 } else { pts.len() - 1 };
    pts[at].x = x;
}

/// The point a fraction `t` of the way along the polyline, and whether the stretch it is
/// on runs vertically.
fn along(points: &[Point], t: f64) -> Option<(Point, bool)> {
    let len = |a: Point, b: Point| (b.x - a.x).hypot(b.y - a.y);
    let total: f64 = points.windows(2).map(|w| len(w[0], w[1])).sum();
    let mut left = total * t;
    for w in points.windows(2) {
        let l = len(w[0], w[1]);
        if l >= left && l > 0.0 {
            let t = left / l;
            let vertical = (w[1].y - w[0].y).abs() > (w[1].x - w[0].x).abs();
            return Some((Point { x: w[0].x + (w[1].x - w[0].x) * t, y: w[0].y + (w[1].y - w[0].y) * t }, vertical));
        }
        left -= l;
    }
    points.first().map(|&p| (p, false))
}
