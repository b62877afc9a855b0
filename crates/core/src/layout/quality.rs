//! Layout-quality figures of a finished [`Layout`], measured on its geometry the way
//! `../shared/tools/svg-metrics.py` measures an SVG: crossings between the drawn routes
//! of two edges, and *cuts* (an edge through the box of a cluster holding neither of its
//! ends). The layout-corpus test tracks them and `examples/layout_report.rs` prints them;
//! nothing in the pipeline uses them, so they may be slow (pairs of edges, pruned by
//! bounding boxes).

use super::verify::segment_hits;
use super::{Layout, Rect};
use crate::model::{Diagram, Endpoint, Point};

/// What svg-metrics calls `edge_crossings`, `edge_cluster_cuts`, `width` and `height`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    pub crossings: usize,
    pub cuts: usize,
    pub width: f64,
    pub height: f64,
}

/// Boxes are shrunk by this much before an edge counts as passing through them, so a
/// route along a border is not a cut (svg-metrics' `PASS_SHRINK`).
const SHRINK: f64 = 2.0;
/// Crossings this close to an end of either route are where routes meet at a shared end.
const END_TOLERANCE: f64 = 1.0;

pub fn figures(d: &Diagram, l: &Layout) -> Figures {
    Figures { crossings: crossings(l), cuts: cuts(d, l), width: l.width, height: l.height }
}

fn bounds(points: &[Point]) -> Option<Rect> {
    let first = points.first()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    Some(Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
}

fn touch(a: Rect, b: Rect) -> bool {
    a.x <= b.right() && b.x <= a.right() && a.y <= b.bottom() && b.y <= a.bottom()
}

/// Proper crossings between the routes of every two edges, not counting points at a
/// route's ends (edges that share a node meet there).
fn crossings(l: &Layout) -> usize {
    let routes: Vec<(&[Point], Option<Rect>)> =
        l.edges.iter().map(|e| (e.points.as_slice(), bounds(&e.points))).collect();
    let mut total = 0;
    for (i, &(a, ba)) in routes.iter().enumerate() {
        let Some(ba) = ba else { continue };
        for &(b, bb) in &routes[i + 1..] {
            if bb.is_some_and(|bb| touch(ba, bb)) {
                total += pair_crossings(a, b);
            }
        }
    }
    total
}

/// Transversal crossings of two routes, as svg-metrics counts them: a point where the
/// segments meet (vertices included), not within 1 px of either route's ends nor within
/// 1.5 px of one already found, where the points 3 px before and after it along `a` lie
/// on opposite sides of `b`'s local direction by more than 0.25 px. Touching, shared
/// trunks and crossings at a very shallow angle do not count.
fn pair_crossings(a: &[Point], b: &[Point]) -> usize {
    const PROBE: f64 = 3.0;
    const SIDE: f64 = 0.25;
    const MERGE: f64 = 1.5;
    let ends = [a[0], a[a.len() - 1], b[0], b[b.len() - 1]];
    let mut found: Vec<Point> = Vec::new();
    for (ka, s) in a.windows(2).enumerate() {
        if s[0] == s[1] {
            continue;
        }
        for (kb, t) in b.windows(2).enumerate() {
            if t[0] == t[1] {
                continue;
            }
            let Some((p, ta, tb)) = intersection(s[0], s[1], t[0], t[1]) else { continue };
            if ends.iter().any(|e| dist(*e, p) < END_TOLERANCE) || found.iter().any(|q| dist(*q, p) < MERGE) {
                continue;
            }
            let (am, ap) = (along(a, ka, ta, -PROBE), along(a, ka, ta, PROBE));
            let (bm, bp) = (along(b, kb, tb, -PROBE), along(b, kb, tb, PROBE));
            let (s1, s2) = (side(am, bm, bp), side(ap, bm, bp));
            if (s1 > SIDE && s2 < -SIDE) || (s1 < -SIDE && s2 > SIDE) {
                found.push(p);
            }
        }
    }
    found.len()
}

fn dist(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// Signed distance of `p` from the line through `a` and `b` (0 when they coincide).
fn side(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = dx.hypot(dy);
    if len < 1e-9 { 0.0 } else { (dx * (p.y - a.y) - dy * (p.x - a.x)) / len }
}

/// The point `delta` px of arc length from parameter `t` of segment `k` of polyline `pl`
/// (backwards when negative), clamped at its ends.
fn along(pl: &[Point], k: usize, t: f64, delta: f64) -> Point {
    let (a, b) = (pl[k], pl[k + 1]);
    let mut at = Point { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
    let mut rest = delta.abs();
    let steps: Box<dyn Iterator<Item = Point>> =
        if delta >= 0.0 { Box::new(pl[k + 1..].iter().copied()) } else { Box::new(pl[..=k].iter().rev().copied()) };
    for next in steps {
        let d = dist(at, next);
        if d >= rest && d > 0.0 {
            return Point { x: at.x + (next.x - at.x) * rest / d, y: at.y + (next.y - at.y) * rest / d };
        }
        rest -= d;
        at = next;
    }
    at
}

/// Where two closed segments meet, with the parameters along each; `None` when they are
/// parallel or apart.
fn intersection(p1: Point, p2: Point, p3: Point, p4: Point) -> Option<(Point, f64, f64)> {
    let (d1x, d1y, d2x, d2y) = (p2.x - p1.x, p2.y - p1.y, p4.x - p3.x, p4.y - p3.y);
    let den = d1x * d2y - d1y * d2x;
    if den.abs() < 1e-9 * d1x.hypot(d1y) * d2x.hypot(d2y) {
        return None;
    }
    let (ex, ey) = (p3.x - p1.x, p3.y - p1.y);
    let t = (ex * d2y - ey * d2x) / den;
    let u = (ex * d1y - ey * d1x) / den;
    let eps = 1e-9;
    ((-eps..=1.0 + eps).contains(&t) && (-eps..=1.0 + eps).contains(&u)).then_some((
        Point { x: p1.x + t * d1x, y: p1.y + t * d1y },
        t,
        u,
    ))
}

/// (edge, cluster) pairs where the edge's route enters the box of a cluster that holds
/// neither end (a cluster end is its own cluster's, and so every cluster's around it).
fn cuts(d: &Diagram, l: &Layout) -> usize {
    let holds = |c: usize, end: Endpoint| match end {
        Endpoint::Cluster(k) => d.cluster_within(k, c),
        Endpoint::Node(n) => d.nodes[n].parent.is_some_and(|p| d.cluster_within(p, c)),
    };
    let mut total = 0;
    for (e, route) in l.edges.iter().enumerate() {
        let Some(edge) = d.edges.get(e) else { continue };
        let Some(b) = bounds(&route.points) else { continue };
        for (c, &r) in l.clusters.iter().enumerate() {
            if holds(c, edge.from) || holds(c, edge.to) || !touch(b, r) {
                continue;
            }
            let inner = Rect { x: r.x + SHRINK, y: r.y + SHRINK, w: r.w - 2.0 * SHRINK, h: r.h - 2.0 * SHRINK };
            if route.points.windows(2).any(|s| segment_hits(s[0], s[1], inner)) {
                total += 1;
            }
        }
    }
    total
}

/// (edge, cluster) pairs where a flowchart edge's route passes through the cluster's
/// drawn title ([`super::titles::title_box`], shrunk by 1 px), other than at an end of
/// the edge on that cluster itself.
pub fn title_hits(d: &Diagram, sizes: &super::Sizes, l: &Layout) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    if d.kind != Some(crate::model::DiagramKind::Flowchart) {
        return hits;
    }
    let titles: Vec<(usize, Rect)> = l
        .clusters
        .iter()
        .enumerate()
        .filter_map(|(c, &r)| {
            let t = *sizes.cluster_titles.get(c)?;
            (t.w > 2.0 && t.h > 2.0).then(|| {
                let b = super::titles::title_box(r, t, l.title_offset(c));
                (c, Rect { x: b.x + 1.0, y: b.y + 1.0, w: b.w - 2.0, h: b.h - 2.0 })
            })
        })
        .collect();
    for (e, route) in l.edges.iter().enumerate() {
        let Some(edge) = d.edges.get(e) else { continue };
        let Some(b) = bounds(&route.points) else { continue };
        for &(c, t) in &titles {
            if edge.from == Endpoint::Cluster(c) || edge.to == Endpoint::Cluster(c) || !touch(b, t) {
                continue;
            }
            if route.points.windows(2).any(|s| segment_hits(s[0], s[1], t)) {
                hits.push((e, c));
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{EdgeRoute, Layout};

    fn route(points: &[(f64, f64)]) -> EdgeRoute {
        EdgeRoute { points: points.iter().map(|&(x, y)| Point { x, y }).collect(), label: None }
    }

    #[test]
    fn counts_a_crossing_but_not_a_shared_end() {
        let l = Layout {
            edges: vec![
                route(&[(0.0, 0.0), (10.0, 10.0)]),
                route(&[(10.0, 0.0), (0.0, 10.0)]),
                route(&[(0.0, 0.0), (0.0, 10.0)]),
            ],
            ..Layout::default()
        };
        assert_eq!(crossings(&l), 1);
    }
}
