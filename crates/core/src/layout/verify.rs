//! Geometric invariants of a layout, checked on every fixture (layout-rs's verifier):
//! no two nodes overlap, every node and cluster lies inside its parent cluster, clusters
//! never partly overlap, no edge passes through a node it does not connect, and no edge
//! label overlaps a node or another label or strays out of a cluster holding both its ends.

use super::{Layout, Rect};
use crate::model::{Diagram, Endpoint, Point};

/// Tolerance in px: touching is fine, overlapping by more than this is not.
const EPS: f64 = 1.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Violation {
    NodesOverlap(String, String),
    OutsideParent { child: String, parent: String },
    ClustersOverlap(String, String),
    EdgeThroughNode { edge: String, node: String },
    NodeOverlapsCluster { node: String, cluster: String },
    LabelOverlapsNode { edge: String, node: String },
    LabelsOverlap(String, String),
    LabelOutsideCluster { edge: String, cluster: String },
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

/// Whether cluster `c` holds both ends of edge `e` (a cluster end counts when it is
/// nested in `c`, not when it is `c`).
fn holds_both_ends(d: &Diagram, e: usize, c: usize) -> bool {
    let holds = |end: Endpoint| match end {
        Endpoint::Node(n) => d.nodes[n].parent.is_some_and(|p| d.cluster_within(p, c)),
        Endpoint::Cluster(k) => d.clusters[k].parent.is_some_and(|p| d.cluster_within(p, c)),
    };
    holds(d.edges[e].from) && holds(d.edges[e].to)
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.x + EPS < b.right() && b.x + EPS < a.right() && a.y + EPS < b.bottom() && b.y + EPS < a.bottom()
}

fn inside(inner: Rect, outer: Rect) -> bool {
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
