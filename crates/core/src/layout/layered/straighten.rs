//! Straightening: a routed long edge runs straight down each rank band at its dummy's
//! place and slants only between bands, which draws a staircase wherever its dummies
//! drift. Here runs of a route become one straight segment wherever that segment stays,
//! in every band it crosses, strictly between what lies left and right of the edge's
//! dummy there — nodes, labels, other edges, and the boxes of clusters the edge is not
//! inside — with a margin. The left-to-right order in every band stays as ordering made
//! it, so no crossing is added or removed and no edge can reach a node. Edges go in
//! order, each seeing the ones before it as already straightened.

use super::graph::{CLUSTER_PAD, Kind, LGraph};
use super::position::{Bands, FrameBox};
use crate::model::{ClusterIdx, Point};

/// Least distance kept from neighbours, in px.
const MARGIN: f64 = 10.0;

/// A stretch of depth in which a route must keep within `lo..=hi` across the rank.
#[derive(Clone, Copy, Debug)]
struct Lane {
    y0: f64,
    y1: f64,
    lo: f64,
    hi: f64,
}

pub(super) struct Straightener<'a> {
    g: &'a LGraph,
    layers: &'a [Vec<usize>],
    bands: &'a Bands,
    boxes: &'a [FrameBox],
    /// What each layout node currently occupies across its rank (an edge's dummy: the
    /// breadth its route spans within the band).
    lo: Vec<f64>,
    hi: Vec<f64>,
}

/// One point of a route, with whether straightening must keep it.
#[derive(Clone, Copy, Debug)]
pub(super) struct RoutePoint {
    pub at: Point,
    pub fixed: bool,
}

impl<'a> Straightener<'a> {
    pub fn new(g: &'a LGraph, layers: &'a [Vec<usize>], bands: &'a Bands, boxes: &'a [FrameBox]) -> Self {
        let lo = g.nodes.iter().map(|n| n.x - n.w / 2.0).collect();
        let hi = g.nodes.iter().map(|n| n.x + n.right_extent()).collect();
        Straightener { g, layers, bands, boxes, lo, hi }
    }

    /// Straightens the route of a chain (`nodes`, top to bottom) given as points from top
    /// to bottom, and records where its dummies now run.
    pub fn run(&mut self, nodes: &[usize], pts: &[RoutePoint]) -> Vec<Point> {
        let (u, v) = (nodes[0], nodes[nodes.len() - 1]);
        let (ru, rv) = (self.g.nodes[u].rank, self.g.nodes[v].rank);
        let inner: Vec<usize> = nodes[1..nodes.len() - 1]
            .iter()
            .copied()
            .filter(|&d| (ru + 1..rv).contains(&self.g.nodes[d].rank))
            .collect();
        if inner.is_empty() || pts.len() < 3 {
            return pts.iter().map(|p| p.at).collect();
        }
        let mut lanes: Vec<Lane> = Vec::with_capacity(inner.len() + 2);
        for &d in &inner {
            let r = self.g.nodes[d].rank;
            let (lo, hi) = self.corridor(d);
            lanes.push(Lane { y0: self.bands.top(r) - CLUSTER_PAD, y1: self.bands.bottom(r) + CLUSTER_PAD, lo, hi });
        }
        // Just below the source's band and just above the target's, where the boxes of
        // clusters ending or starting there reach.
        for (end, below) in [(u, true), (v, false)] {
            if matches!(self.g.nodes[end].kind, Kind::Node(_)) {
                let r = self.g.nodes[end].rank;
                let (lo, hi) = self.corridor(end);
                let (y0, y1) = if below {
                    (self.bands.bottom(r), self.bands.bottom(r) + CLUSTER_PAD)
                } else {
                    (self.bands.top(r) - CLUSTER_PAD, self.bands.top(r))
                };
                lanes.push(Lane { y0, y1, lo, hi });
            }
        }
        let clear = |a: Point, b: Point| lanes.iter().all(|l| within(a, b, l));

        let last = pts.len() - 1;
        let mut kept = vec![pts[0].at];
        let mut i = 0;
        while i < last {
            let mut j = i + 1;
            while j < last && !pts[j].fixed && clear(pts[i].at, pts[j + 1].at) {
                j += 1;
            }
            kept.push(pts[j].at);
            i = j;
        }
        for &d in &inner {
            let r = self.g.nodes[d].rank;
            let (lo, hi) = breadth_within(&kept, self.bands.top(r), self.bands.bottom(r));
            self.lo[d] = lo;
            self.hi[d] = hi;
        }
        kept
    }

    /// Where a route may run across the rank of `d` (a dummy, or an edge's end node):
    /// clear of its neighbours in the rank and inside its own cluster.
    fn corridor(&self, d: usize) -> (f64, f64) {
        let node = &self.g.nodes[d];
        let own = self.g.ancestors(d);
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        if let Some(p) = node.parent {
            lo = self.boxes[p].x0;
            hi = self.boxes[p].x1;
        }
        let layer = &self.layers[node.rank as usize];
        let at = node.order;
        if let Some(x) = (0..at).rev().find_map(|k| self.extent(layer[k], &own, true)) {
            lo = lo.max(x);
        }
        if let Some(x) = (at + 1..layer.len()).find_map(|k| self.extent(layer[k], &own, false)) {
            hi = hi.min(x);
        }
        (lo + MARGIN, hi - MARGIN)
    }

    /// The edge of what neighbour `n` occupies that faces a route inside the clusters
    /// `own`: the box of the outermost cluster holding `n` but not the route, else `n`
    /// itself; `None` for a marker that takes no room (a border or span node of a cluster
    /// the route is inside).
    fn extent(&self, n: usize, own: &[ClusterIdx], left_of_route: bool) -> Option<f64> {
        let foreign = self.g.enclosing(n).take_while(|c| !own.contains(c)).last();
        if let Some(c) = foreign {
            let b = self.boxes[c];
            return Some(if left_of_route { b.x1 } else { b.x0 });
        }
        // Span nodes are always bodiless too.
        if self.g.is_bodiless(n) || matches!(self.g.nodes[n].kind, Kind::Span(_)) {
            return None;
        }
        Some(if left_of_route { self.hi[n] } else { self.lo[n] })
    }
}

/// The breadth a segment spans between depths `y0` and `y1` (clipped to the segment).
fn span_between(a: Point, b: Point, y0: f64, y1: f64) -> Option<(f64, f64)> {
    let (top, bottom) = if a.y <= b.y { (a, b) } else { (b, a) };
    let (y0, y1) = (y0.max(top.y), y1.min(bottom.y));
    if y0 > y1 {
        return None;
    }
    let x_at = |y: f64| top.x + (bottom.x - top.x) * (y - top.y) / (bottom.y - top.y);
    let (xa, xb) = if bottom.y - top.y < 1e-9 { (top.x, bottom.x) } else { (x_at(y0), x_at(y1)) };
    Some((xa.min(xb), xa.max(xb)))
}

fn within(a: Point, b: Point, lane: &Lane) -> bool {
    span_between(a, b, lane.y0, lane.y1).is_none_or(|(lo, hi)| lo >= lane.lo && hi <= lane.hi)
}

/// The breadth a polyline spans between depths `y0` and `y1`.
fn breadth_within(pts: &[Point], y0: f64, y1: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in pts.windows(2) {
        if let Some((a, b)) = span_between(s[0], s[1], y0, y1) {
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layered::graph::LNode;

    /// A chain `0 → 1 → 2 → 3 → 4` down five ranks drifting right by 40 px a rank, and
    /// optionally a node beside dummy 2, where the straight line would pass.
    fn drifting(blocker: bool) -> (LGraph, Vec<Vec<usize>>, Bands) {
        let mut g = LGraph::default();
        for r in 0..5 {
            let (w, h) = if r == 0 || r == 4 { (40.0, 20.0) } else { (0.0, 0.0) };
            let kind = if r == 0 || r == 4 { Kind::Node(r as usize) } else { Kind::Dummy(0) };
            let mut n = LNode::new(kind, w, h, None, r);
            n.x = 40.0 * f64::from(r);
            n.y = 50.0 * f64::from(r);
            g.nodes.push(n);
        }
        let mut layers: Vec<Vec<usize>> = (0..5).map(|r| vec![r]).collect();
        if blocker {
            let mut n = LNode::new(Kind::Node(5), 30.0, 20.0, None, 2);
            (n.x, n.y) = (35.0, 100.0);
            g.nodes.push(n);
            g.nodes[2].order = 1;
            layers[2] = vec![5, 2];
        }
        let bands = Bands { center: (0..5).map(|r| 50.0 * f64::from(r)).collect(), depth: vec![20.0; 5] };
        (g, layers, bands)
    }

    fn route(g: &LGraph, bands: &Bands) -> Vec<RoutePoint> {
        let mut pts = vec![RoutePoint { at: Point { x: 0.0, y: 10.0 }, fixed: true }];
        for r in 1..4 {
            let x = g.nodes[r].x;
            pts.push(RoutePoint { at: Point { x, y: bands.top(r as i32) }, fixed: false });
            pts.push(RoutePoint { at: Point { x, y: bands.bottom(r as i32) }, fixed: false });
        }
        pts.push(RoutePoint { at: Point { x: 160.0, y: 190.0 }, fixed: true });
        pts
    }

    #[test]
    fn a_drifting_chain_becomes_one_segment() {
        let (g, layers, bands) = drifting(false);
        let mut s = Straightener::new(&g, &layers, &bands, &[]);
        let out = s.run(&[0, 1, 2, 3, 4], &route(&g, &bands));
        assert_eq!(out, vec![Point { x: 0.0, y: 10.0 }, Point { x: 160.0, y: 190.0 }]);
        // The dummies now record the breadth the segment spans in their bands.
        assert!(s.lo[2] > 70.0 && s.hi[2] < 90.0, "{} {}", s.lo[2], s.hi[2]);
    }

    #[test]
    fn a_neighbour_in_the_way_keeps_a_bend() {
        let (g, layers, bands) = drifting(true);
        let mut s = Straightener::new(&g, &layers, &bands, &[]);
        let out = s.run(&[0, 1, 2, 3, 4], &route(&g, &bands));
        assert!(out.len() > 2, "{out:?}");
        // Across rank 2 the route keeps right of the blocker (which ends at x = 50) by the margin.
        let (lo, _) = breadth_within(&out, bands.top(2) - CLUSTER_PAD, bands.bottom(2) + CLUSTER_PAD);
        assert!(lo >= 50.0 + MARGIN - 1e-9, "{out:?}");
    }

    #[test]
    fn spans_clip_to_the_segment() {
        let (a, b) = (Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 100.0 });
        assert_eq!(span_between(a, b, 10.0, 20.0), Some((10.0, 20.0)));
        assert_eq!(span_between(b, a, -50.0, 20.0), Some((0.0, 20.0)));
        assert_eq!(span_between(a, b, 150.0, 200.0), None);
        let flat = Point { x: 40.0, y: 0.0 };
        assert_eq!(span_between(a, flat, -1.0, 1.0), Some((0.0, 40.0)));
        let lane = Lane { y0: 40.0, y1: 60.0, lo: 30.0, hi: 70.0 };
        assert!(within(a, b, &lane));
        assert!(!within(a, b, &Lane { lo: 45.0, ..lane }));
        assert_eq!(breadth_within(&[a, Point { x: 0.0, y: 50.0 }, b], 40.0, 60.0), (0.0, 20.0));
    }
}
