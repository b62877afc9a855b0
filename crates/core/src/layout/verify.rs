//! Geometric invariants of a layout, checked on every fixture (layout-rs's verifier):
//! no two nodes overlap, every node and cluster lies inside its parent cluster, clusters
//! never partly overlap, no edge passes through a node it does not connect (nor through
//! the box of a subgraph it connects from outside), and no edge label overlaps a node or
//! another label or strays out of a cluster holding both its ends.

use super::{Layout, Rect};
use crate::model::{Diagram, Endpoint, Point, Side, Stroke};

/// Tolerance in px: touching is fine, overlapping by more than this is not.
const EPS: f64 = 1.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Violation {
    NodesOverlap(String, String),
    OutsideParent {
        child: String,
        parent: String,
    },
    ClustersOverlap(String, String),
    EdgeThroughNode {
        edge: String,
        node: String,
    },
    /// An edge to or from a subgraph runs through its box, though its other end lies
    /// wholly above or below it (before or after it, left to right).
    EdgeThroughOwnCluster {
        edge: String,
        cluster: String,
    },
    NodeOverlapsCluster {
        node: String,
        cluster: String,
    },
    LabelOverlapsNode {
        edge: String,
        node: String,
    },
    LabelsOverlap(String, String),
    LabelOutsideCluster {
        edge: String,
        cluster: String,
    },
    /// Architecture: an edge that does not leave (or enter) its end on the side it names,
    /// straight out of it.
    SideNotHonoured {
        edge: String,
        end: String,
    },
    /// Architecture: an edge through the box of a group that holds neither of its ends.
    EdgeThroughForeignCluster {
        edge: String,
        cluster: String,
    },
}

pub fn verify(d: &Diagram, l: &Layout) -> Vec<Violation> {
    let mut out = Vec::new();
    let nodes = &l.nodes;
    for i in 0..nodes.len() {
        for j in i + 1..nodes.len() {
            if overlap(nodes[i], nodes[j]) {
                out.push(Violation::NodesOverlap(d.nodes[i].id.clone(), d.nodes[j].id.clone()));
            }
        }
    }
    for (i, n) in d.nodes.iter().enumerate() {
        if let Some(p) = n.parent
            && !inside(nodes[i], l.clusters[p])
        {
            out.push(Violation::OutsideParent { child: n.id.clone(), parent: d.clusters[p].id.clone() });
        }
        for (c, cluster) in d.clusters.iter().enumerate() {
            let member = n.parent.is_some_and(|p| d.cluster_within(p, c));
            if !member && overlap(nodes[i], l.clusters[c]) {
                out.push(Violation::NodeOverlapsCluster { node: n.id.clone(), cluster: cluster.id.clone() });
            }
        }
    }
    for (c, cluster) in d.clusters.iter().enumerate() {
        if let Some(p) = cluster.parent
            && !inside(l.clusters[c], l.clusters[p])
        {
            out.push(Violation::OutsideParent { child: cluster.id.clone(), parent: d.clusters[p].id.clone() });
        }
        for k in c + 1..d.clusters.len() {
            let (a, b) = (l.clusters[c], l.clusters[k]);
            if overlap(a, b) && !inside(a, b) && !inside(b, a) {
                out.push(Violation::ClustersOverlap(cluster.id.clone(), d.clusters[k].id.clone()));
            }
        }
    }
    for (e, edge) in d.edges.iter().enumerate() {
        let Some(route) = l.edges.get(e) else { continue };
        for (i, n) in d.nodes.iter().enumerate() {
            if edge.from == Endpoint::Node(i) || edge.to == Endpoint::Node(i) {
                continue;
            }
            let r = shrink(nodes[i], 2.0);
            if route.points.windows(2).any(|s| segment_hits(s[0], s[1], r)) {
                out.push(Violation::EdgeThroughNode { edge: edge.id.clone(), node: n.id.clone() });
            }
        }
        // An invisible link is not drawn; it may pass where it likes.
        if edge.stroke == Stroke::Invisible {
            continue;
        }
        for (end, other) in [(edge.from, edge.to), (edge.to, edge.from)] {
            let Endpoint::Cluster(c) = end else { continue };
            // Ranks run in the direction the edge is laid out in (a detached subgraph's own).
            let direction = super::layered::detach::direction_inside(d, common_cluster(d, edge.from, edge.to));
            let other_inside = d.end_within(other, c);
            // Beside each other along the rank axis, the edge leaves by the top or bottom of
            // the box and has to pass its side: ends attach to those borders only.
            let other_box = match other {
                Endpoint::Node(n) => nodes[n],
                Endpoint::Cluster(k) => l.clusters[k],
            };
            let along = |r: Rect| if direction.is_horizontal() { (r.x, r.right()) } else { (r.y, r.bottom()) };
            let ((a0, a1), (b0, b1)) = (along(l.clusters[c]), along(other_box));
            let beside = a0 < b1 - EPS && b0 < a1 - EPS;
            let r = shrink(l.clusters[c], 2.0);
            if !other_inside && !beside && route.points.windows(2).any(|s| segment_hits(s[0], s[1], r)) {
                out.push(Violation::EdgeThroughOwnCluster { edge: edge.id.clone(), cluster: d.clusters[c].id.clone() });
            }
        }
    }
    if d.kind == Some(crate::model::DiagramKind::Architecture) {
        architecture_rules(d, l, &mut out);
    }
    let labels: Vec<(usize, Rect)> =
        l.edges.iter().enumerate().filter_map(|(e, r)| r.label.map(|label| (e, label))).collect();
    for (k, &(e, label)) in labels.iter().enumerate() {
        for (i, n) in d.nodes.iter().enumerate() {
            if overlap(label, nodes[i]) {
                out.push(Violation::LabelOverlapsNode { edge: d.edges[e].id.clone(), node: n.id.clone() });
            }
        }
        for (c, cluster) in d.clusters.iter().enumerate() {
            if holds_both_ends(d, e, c) && !inside(label, l.clusters[c]) {
                out.push(Violation::LabelOutsideCluster { edge: d.edges[e].id.clone(), cluster: cluster.id.clone() });
            }
        }
        for &(f, other) in &labels[k + 1..] {
            if overlap(label, other) {
                out.push(Violation::LabelsOverlap(d.edges[e].id.clone(), d.edges[f].id.clone()));
            }
        }
    }
    out
}

/// Sides honoured and foreign groups left alone, for every architecture edge.
fn architecture_rules(d: &Diagram, l: &Layout, out: &mut Vec<Violation>) {
    for (e, edge) in d.edges.iter().enumerate() {
        let Some(route) = l.edges.get(e).filter(|r| r.points.len() >= 2) else { continue };
        let pts = &route.points;
        let n = pts.len();
        for (end, side, first, next) in
            [(edge.from, edge.from_side, pts[0], pts[1]), (edge.to, edge.to_side, pts[n - 1], pts[n - 2])]
        {
            let Some(side) = side else { continue };
            let b = match end {
                Endpoint::Node(k) => l.nodes[k],
                Endpoint::Cluster(c) => l.clusters[c],
            };
            let (dx, dy) = super::ortho::outward(side);
            // Straight out of the side: the first piece points the side's way, and the end
            // lies on that side's line (or, for a junction, at its centre) within the box.
            let along = (next.x - first.x) * dx + (next.y - first.y) * dy;
            let across = (next.x - first.x) * dy - (next.y - first.y) * dx;
            let c = b.center();
            let on_line = match side {
                Side::Left | Side::Right => {
                    first.y >= b.y - EPS && first.y <= b.bottom() + EPS && (first.x - c.x) * dx >= -EPS
                }
                Side::Top | Side::Bottom => {
                    first.x >= b.x - EPS && first.x <= b.right() + EPS && (first.y - c.y) * dy >= -EPS
                }
            };
            if along <= 0.0 || across.abs() > 0.01 || !on_line {
                let id = match end {
                    Endpoint::Node(k) => d.nodes[k].id.clone(),
                    Endpoint::Cluster(c) => d.clusters[c].id.clone(),
                };
                out.push(Violation::SideNotHonoured { edge: edge.id.clone(), end: id });
            }
        }
        for (c, cluster) in d.clusters.iter().enumerate() {
            let holds = |end: Endpoint| d.end_within(end, c) || end == Endpoint::Cluster(c);
            if holds(edge.from) || holds(edge.to) {
                continue;
            }
            let r = shrink(l.clusters[c], 2.0);
            if pts.windows(2).any(|s| segment_hits(s[0], s[1], r)) {
                out.push(Violation::EdgeThroughForeignCluster { edge: edge.id.clone(), cluster: cluster.id.clone() });
            }
        }
    }
}

/// The innermost cluster around both ends (a cluster end counts as sitting in its parent).
fn common_cluster(d: &Diagram, a: Endpoint, b: Endpoint) -> Option<usize> {
    let home = |e: Endpoint| match e {
        Endpoint::Node(n) => d.nodes[n].parent,
        Endpoint::Cluster(k) => d.clusters[k].parent,
    };
    let outer_b: Vec<usize> = home(b).map(|c| d.cluster_ancestors(c).collect()).unwrap_or_default();
    home(a).and_then(|c| d.cluster_ancestors(c).find(|k| outer_b.contains(k)))
}

/// Whether cluster `c` holds both ends of edge `e` (a cluster end counts when it is
/// nested in `c`, not when it is `c`).
fn holds_both_ends(d: &Diagram, e: usize, c: usize) -> bool {
    d.end_within(d.edges[e].from, c) && d.end_within(d.edges[e].to, c)
}

pub(crate) fn overlap(a: Rect, b: Rect) -> bool {
    a.x + EPS < b.right() && b.x + EPS < a.right() && a.y + EPS < b.bottom() && b.y + EPS < a.bottom()
}

pub(crate) fn inside(inner: Rect, outer: Rect) -> bool {
    inner.x >= outer.x - EPS
        && inner.y >= outer.y - EPS
        && inner.right() <= outer.right() + EPS
        && inner.bottom() <= outer.bottom() + EPS
}

fn shrink(r: Rect, by: f64) -> Rect {
    Rect { x: r.x + by, y: r.y + by, w: (r.w - 2.0 * by).max(0.0), h: (r.h - 2.0 * by).max(0.0) }
}

/// Liang–Barsky: does segment `a`–`b` enter the open box?
pub(crate) fn segment_hits(a: Point, b: Point, r: Rect) -> bool {
    if r.w <= 0.0 || r.h <= 0.0 {
        return false;
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.x - r.x), (dx, r.right() - a.x), (-dy, a.y - r.y), (dy, r.bottom() - a.y)] {
        if p.abs() < 1e-12 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 >= t1 {
                return false;
            }
        }
    }
    true
}
