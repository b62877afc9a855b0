//! Routing: one polyline per edge, from chains of placed layout nodes (this is
//! normalisation's `undo`, and where cycle breaking's reversals are turned back).
//!
//! Every slanted piece of an edge lies in a gap between rank bands, never inside a band:
//! an edge leaves its node straight out to the edge of the band, crosses each band it
//! passes straight through at its dummy's place, and enters its target straight. Since
//! nodes live only in bands and dummies are kept apart from nodes by placement, no edge
//! can pass through a node. The straight runs reach on past the band through the padding
//! of the cluster boxes that begin or end in the gap beside it ([`Reach`]), so a slant
//! never clips the corner of a box it only passes. Edges leaving (or entering) the same
//! side of a node are spread along that side in the order of where they go, which
//! separates parallel edges and avoids crossings at the node.

use super::graph::{Kind, LGraph, SelfLoop};
use super::normalize::Chain;
use super::position::{Bands, FrameBox};
use super::straighten::{RoutePoint, Straightener};
use crate::model::{Endpoint, Point, Side};

/// An edge in the frame, before the frame is turned into the diagram's direction.
#[derive(Clone, Debug)]
pub(super) struct FrameRoute {
    pub points: Vec<Point>,
    /// Centre of the label node, when the edge has one.
    pub label: Option<Point>,
    /// Which frame side of its first and last node the route attaches to (`Top`/`Bottom`,
    /// or `Right` for self-loops).
    pub start_side: Side,
    pub end_side: Side,
}

/// Attachment offsets: for every chain end, the offset from its node's centre.
fn port_offsets(g: &LGraph, chains: &[Option<Chain>], boxes: &[FrameBox]) -> Vec<(f64, f64)> {
    // Where the edge goes from `v`: the neighbour's x, or for a cluster border the point
    // on the box it will attach to (see `end_point`).
    let heading = |v: usize, next: usize| match g.nodes[next].kind {
        Kind::Top(c) | Kind::Bottom(c) => border_x(boxes[c], g.nodes[v].x),
        _ => g.nodes[next].x,
    };
    let mut offsets = vec![(0.0, 0.0); chains.len()];
    // (node, side) -> [(x of the neighbour it heads to, edge index)]
    let mut ports: std::collections::BTreeMap<(usize, bool), Vec<(f64, usize)>> = std::collections::BTreeMap::new();
    for (e, chain) in chains.iter().enumerate() {
        let Some(chain) = chain else { continue };
        let (first, last) = (chain.nodes[0], chain.nodes[chain.nodes.len() - 1]);
        if g.nodes[first].rank == g.nodes[last].rank {
            continue;
        }
        let after_first = chain.nodes[1];
        let before_last = chain.nodes[chain.nodes.len() - 2];
        ports.entry((first, true)).or_default().push((heading(first, after_first), e));
        ports.entry((last, false)).or_default().push((heading(last, before_last), e));
    }
    for ((v, down), mut list) in ports {
        if !matches!(g.nodes[v].kind, Kind::Node(_)) || list.len() < 2 {
            continue;
        }
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let k = list.len() as f64;
        let step = (g.nodes[v].w * 0.7 / k).min(14.0);
        for (i, &(_, e)) in list.iter().enumerate() {
            let off = (i as f64 - (k - 1.0) / 2.0) * step;
            if down {
                offsets[e].0 = off;
            } else {
                offsets[e].1 = off;
            }
        }
    }
    offsets
}

pub(super) fn run(
    g: &LGraph,
    chains: &[Option<Chain>],
    layers: &[Vec<usize>],
    bands: &Bands,
    boxes: &[FrameBox],
    rank_gap: f64,
) -> Vec<Option<FrameRoute>> {
    let offsets = port_offsets(g, chains, boxes);
    let reach = Reach::new(bands, boxes);
    let mut straightener = Straightener::new(g, layers, bands, boxes);
    chains
        .iter()
        .enumerate()
        .map(|(e, chain)| {
            let chain = chain.as_ref()?;
            let (u, v) = (chain.nodes[0], chain.nodes[chain.nodes.len() - 1]);
            let beside = g.beside.iter().find(|b| b.edge == e);
            let mut route = if g.nodes[u].rank != g.nodes[v].rank {
                let mut r = layered(g, chain, bands, &reach, boxes, offsets[e], &mut straightener);
                // An edge across the flow that ranking could not keep in one rank has no
                // label node (it spans one rank gap): its label goes on its middle piece.
                if r.label.is_none() && beside.is_some_and(|b| b.label > 0.0) {
                    r.label = middle(&r.points);
                }
                r
            } else if beside.is_some() && neighbours(g, layers, u, v) {
                straight_across(g, u, v)
            } else {
                flat(g, chain, bands, boxes, rank_gap)
            };
            if chain.reversed {
                route.points.reverse();
                std::mem::swap(&mut route.start_side, &mut route.end_side);
            }
            Some(route)
        })
        .collect()
}

/// How far past each rank's band the straight runs of edges reach: through the padding (and
/// titles) of the cluster boxes whose top lies in the gap above the band, or whose bottom
/// lies in the gap below it, and a margin beyond. Every edge in a gap slants between the same
/// two depths, so the order of ends, and with it every crossing, stays as before; only the
/// slants are kept out of the boxes' borders. In a gap too shallow for both reaches, both
/// shrink alike so a slant keeps a part of it.
struct Reach {
    above: Vec<f64>,
    below: Vec<f64>,
}

impl Reach {
    /// Clearance beyond a box's border, in px.
    const MARGIN: f64 = 6.0;
    /// The share of a gap always left to the slants.
    const SLANT: f64 = 0.3;

    fn new(bands: &Bands, boxes: &[FrameBox]) -> Reach {
        let n = bands.center.len();
        let mut above = vec![0.0_f64; n];
        let mut below = vec![0.0_f64; n];
        if n == 0 {
            return Reach { above, below };
        }
        // Ranks are sorted by depth: a box's top stands in the gap above the first band
        // that ends below it, its bottom in the gap below the last band that starts above it.
        let tops: Vec<f64> = (0..n).map(|r| bands.top(r as i32)).collect();
        let bottoms: Vec<f64> = (0..n).map(|r| bands.bottom(r as i32)).collect();
        for b in boxes {
            let r = bottoms.partition_point(|&y| y < b.y0);
            if r < n && tops[r] >= b.y0 {
                above[r] = above[r].max(tops[r] - b.y0 + Self::MARGIN);
            }
            let r = tops.partition_point(|&y| y <= b.y1);
            if r > 0 && bottoms[r - 1] <= b.y1 {
                below[r - 1] = below[r - 1].max(b.y1 - bottoms[r - 1] + Self::MARGIN);
            }
        }
        for r in 0..n.saturating_sub(1) {
            let gap = (bands.top(r as i32 + 1) - bands.bottom(r as i32)).max(0.0);
            let room = gap * (1.0 - Self::SLANT);
            let want = below[r] + above[r + 1];
            if want > room {
                // `want` exceeds a room of at least 0, so it is positive.
                let k = room / want;
                below[r] *= k;
                above[r + 1] *= k;
            }
        }
        Reach { above, below }
    }

    fn top(&self, bands: &Bands, r: i32) -> f64 {
        bands.top(r) - self.above[r as usize]
    }

    fn bottom(&self, bands: &Bands, r: i32) -> f64 {
        bands.bottom(r) + self.below[r as usize]
    }
}

/// Where a chain end attaches: the node's own border, or a cluster's border for edges to
/// and from clusters (at the neighbour's x, kept inside the box): the top border's edges
/// attach to the box's top, the bottom border's to its bottom, from outside or inside.
fn end_point(g: &LGraph, boxes: &[FrameBox], v: usize, toward_x: f64, offset: f64, bottom: bool) -> Point {
    let node = &g.nodes[v];
    match node.kind {
        Kind::Top(c) | Kind::Bottom(c) => {
            let y = if matches!(node.kind, Kind::Top(_)) { boxes[c].y0 } else { boxes[c].y1 };
            Point { x: border_x(boxes[c], toward_x), y }
        }
        _ => Point { x: node.x + offset, y: if bottom { node.y + node.h / 2.0 } else { node.y - node.h / 2.0 } },
    }
}

/// Where along a cluster's box `b` an edge heading to `toward_x` attaches: there, kept a
/// little inside the box's corners.
fn border_x(b: FrameBox, toward_x: f64) -> f64 {
    let inset = ((b.x1 - b.x0) / 2.0).min(12.0);
    toward_x.clamp(b.x0 + inset, b.x1 - inset)
}

fn layered(
    g: &LGraph,
    chain: &Chain,
    bands: &Bands,
    reach: &Reach,
    boxes: &[FrameBox],
    offsets: (f64, f64),
    straightener: &mut Straightener,
) -> FrameRoute {
    let nodes = &chain.nodes;
    let (u, v) = (nodes[0], nodes[nodes.len() - 1]);
    let start = end_point(g, boxes, u, g.nodes[nodes[1]].x, offsets.0, true);
    let end = end_point(g, boxes, v, g.nodes[nodes[nodes.len() - 2]].x, offsets.1, false);
    let fixed = |at: Point| RoutePoint { at, fixed: true };
    let free = |at: Point| RoutePoint { at, fixed: false };
    let mut pts = vec![fixed(start)];
    let ru = g.nodes[u].rank;
    if reach.bottom(bands, ru) > start.y + 0.5 {
        pts.push(fixed(Point { x: start.x, y: reach.bottom(bands, ru) }));
    }
    let mut label = None;
    let rv = g.nodes[v].rank;
    for &d in &nodes[1..nodes.len() - 1] {
        let node = &g.nodes[d];
        // A lane dummy in the end's own rank: the end's vertical stub already runs there.
        if node.rank == ru || node.rank == rv {
            continue;
        }
        // The label's node stays on the route, so the label sits on its edge.
        let is_label = matches!(node.kind, Kind::Label(_));
        let point = if is_label { fixed } else { free };
        pts.push(point(Point { x: node.x, y: reach.top(bands, node.rank) }));
        pts.push(point(Point { x: node.x, y: reach.bottom(bands, node.rank) }));
        if is_label {
            label = Some(Point { x: node.x, y: node.y });
        }
    }
    if reach.top(bands, rv) < end.y - 0.5 {
        pts.push(fixed(Point { x: end.x, y: reach.top(bands, rv) }));
    }
    pts.push(fixed(end));
    let mut pts = straightener.run(nodes, &pts);
    if let Some(c) = chain.clip[0] {
        clip(&mut pts, boxes[c]);
    }
    if let Some(c) = chain.clip[1] {
        pts.reverse();
        clip(&mut pts, boxes[c]);
        pts.reverse();
    }
    pts.dedup_by(|a, b| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01);
    FrameRoute { points: pts, label, start_side: Side::Bottom, end_side: Side::Top }
}

/// Cuts a route that starts inside box `b` where it first leaves the box: an edge
/// anchored at a member of a cluster is drawn only from (or, reversed, to) that cluster's
/// box. A straightened route may leave through a side rather than the bottom; cutting it
/// at the bottom's depth instead started it outside the box, in mid-air.
fn clip(pts: &mut Vec<Point>, b: FrameBox) {
    let inside = |p: Point| p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;
    if pts.first().is_none_or(|&p| !inside(p)) {
        return;
    }
    let Some(i) = (0..pts.len().saturating_sub(1)).find(|&i| !inside(pts[i + 1])) else { return };
    let (p, q) = (pts[i], pts[i + 1]);
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    // Where the piece p → q leaves the box: the first of the sides it heads through.
    let exit = |d: f64, from: f64, lo: f64, hi: f64| {
        if d > 1e-9 {
            (hi - from) / d
        } else if d < -1e-9 {
            (lo - from) / d
        } else {
            f64::INFINITY
        }
    };
    let t = exit(dx, p.x, b.x0, b.x1).min(exit(dy, p.y, b.y0, b.y1)).clamp(0.0, 1.0);
    pts.drain(..=i);
    pts.insert(0, Point { x: p.x + dx * t, y: p.y + dy * t });
}

/// True when nothing that takes room stands between `u` and `v` in their rank.
fn neighbours(g: &LGraph, layers: &[Vec<usize>], u: usize, v: usize) -> bool {
    let (a, b) = (g.nodes[u].order.min(g.nodes[v].order), g.nodes[u].order.max(g.nodes[v].order));
    let layer = &layers[g.nodes[u].rank as usize];
    layer.get(a + 1..b).is_some_and(|between| between.iter().all(|&w| g.is_bodiless(w)))
}

/// An edge across the flow between neighbours in a rank: straight from the side of one
/// to the facing side of the other, through the middle of what both ends share in depth,
/// its label half-way (placement left the gap wide enough for it).
fn straight_across(g: &LGraph, u: usize, v: usize) -> FrameRoute {
    let (a, b) = (&g.nodes[u], &g.nodes[v]);
    let top = (a.y - a.h / 2.0).max(b.y - b.h / 2.0);
    let bottom = (a.y + a.h / 2.0).min(b.y + b.h / 2.0);
    let y = if top < bottom { (top + bottom) / 2.0 } else { (a.y + b.y) / 2.0 };
    let rightward = a.x <= b.x;
    let dir = if rightward { 1.0 } else { -1.0 };
    let start = Point { x: a.x + dir * a.w / 2.0, y };
    let end = Point { x: b.x - dir * b.w / 2.0, y };
    let (start_side, end_side) = if rightward { (Side::Right, Side::Left) } else { (Side::Left, Side::Right) };
    let label = Some(Point { x: (start.x + end.x) / 2.0, y });
    FrameRoute { points: vec![start, end], label, start_side, end_side }
}

/// The middle of a polyline's middle piece.
fn middle(points: &[Point]) -> Option<Point> {
    let i = points.len().checked_sub(2)? / 2;
    let (a, b) = (points[i], points[i + 1]);
    Some(Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 })
}

/// Two ends in one rank (only edges that ranking had to ignore): run below the band.
fn flat(g: &LGraph, chain: &Chain, bands: &Bands, boxes: &[FrameBox], rank_gap: f64) -> FrameRoute {
    let (u, v) = (chain.nodes[0], chain.nodes[chain.nodes.len() - 1]);
    let a = end_point(g, boxes, u, g.nodes[u].x, 0.0, true);
    let b = end_point(g, boxes, v, g.nodes[v].x, 0.0, true);
    let y = bands.bottom(g.nodes[u].rank) + rank_gap * 0.35;
    let points = vec![a, Point { x: a.x, y }, Point { x: b.x, y }, b];
    let label = Some(Point { x: (a.x + b.x) / 2.0, y });
    FrameRoute { points, label, start_side: Side::Bottom, end_side: Side::Bottom }
}

/// A self-loop, drawn where [`LGraph`] made room for it: out of its owner's right side
/// (a cluster's at the middle of its box) and back.
pub(super) fn self_loop(g: &LGraph, boxes: &[FrameBox], l: &SelfLoop) -> FrameRoute {
    let (side, y) = match l.owner {
        Endpoint::Node(v) => (g.nodes[v].x + g.nodes[v].w / 2.0, g.nodes[v].y),
        Endpoint::Cluster(c) => (boxes[c].x1, (boxes[c].y0 + boxes[c].y1) / 2.0),
    };
    let points = vec![
        Point { x: side, y: y - l.dy },
        Point { x: side + l.reach, y: y - l.dy },
        Point { x: side + l.reach, y: y + l.dy },
        Point { x: side, y: y + l.dy },
    ];
    let label = l.label_dx.map(|dx| Point { x: side + dx, y });
    FrameRoute { points, label, start_side: Side::Right, end_side: Side::Right }
}
