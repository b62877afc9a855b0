//! Anchors: where an edge to or from a cluster box is held while ordering and placing.
//!
//! An edge from a subgraph leaves its box at the bottom and an edge to one enters at the
//! top. Held at the cluster's border node, such an edge is one point for ordering: every
//! edge out of `Orders` starts at the same place, so their labels and targets are sorted
//! as if they all came from one corner of the box, and the edges the members draw to the
//! same targets fan out from elsewhere and cross them. Mermaid instead re-points an edge
//! to a cluster at one of the cluster's own nodes and clips it at the box.
//!
//! Coral does the same, but picks the node by where the edge goes: the member in the
//! cluster's outermost rank on that side (its last rank for an edge out, its first for an
//! edge in) with the most edges of its own to the other end (the other end's node, or
//! anything inside the other end's cluster). Ordering and placement then treat the edge as
//! one more edge of that member, so it fans out with the member's own edges to the same
//! place and never crosses them; routing clips it where it meets the box
//! (`route::clip`). A cluster none of whose members there has such an edge keeps its
//! border end, as before.

use super::graph::{Kind, LGraph};
use crate::model::{ClusterIdx, Diagram, Endpoint, NodeIdx};
use std::collections::BTreeMap;

/// A chain end moved from a cluster border onto a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Anchor {
    /// The cluster whose box the edge is clipped at.
    pub cluster: ClusterIdx,
    /// The member's layout node.
    pub node: usize,
}

pub(super) struct Anchors {
    /// Model nodes each model node has an edge with (either way, repeated per edge).
    neighbours: Vec<Vec<NodeIdx>>,
    /// Real nodes inside each cluster (at any depth), by rank.
    members: BTreeMap<(ClusterIdx, i32), Vec<NodeIdx>>,
}

impl Anchors {
    /// `None` when no edge ends at a cluster (nothing to anchor, nothing to precompute).
    pub fn new(g: &LGraph, d: &Diagram) -> Option<Anchors> {
        let at_cluster = |e: &crate::model::Edge| {
            e.from != e.to && (matches!(e.from, Endpoint::Cluster(_)) || matches!(e.to, Endpoint::Cluster(_)))
        };
        if !d.edges.iter().any(at_cluster) {
            return None;
        }
        let mut neighbours = vec![Vec::new(); d.nodes.len()];
        for e in &d.edges {
            if let (Endpoint::Node(a), Endpoint::Node(b)) = (e.from, e.to)
                && a != b
            {
                neighbours[a].push(b);
                neighbours[b].push(a);
            }
        }
        let mut members: BTreeMap<(ClusterIdx, i32), Vec<NodeIdx>> = BTreeMap::new();
        for n in 0..d.nodes.len() {
            for c in g.enclosing(n) {
                members.entry((c, g.nodes[n].rank)).or_default().push(n);
            }
        }
        Some(Anchors { neighbours, members })
    }

    /// The member an edge from border `u` (the upper end) to `other` is held at, when `u`
    /// is a cluster's bottom border outside which `other` lies.
    pub fn upper(&self, g: &LGraph, d: &Diagram, u: usize, other: usize) -> Option<Anchor> {
        let Kind::Bottom(c) = g.nodes[u].kind else { return None };
        let rank = if g.is_bodiless(u) { g.nodes[u].rank } else { g.nodes[u].rank - 1 };
        self.pick(g, d, c, rank, other)
    }

    /// The member an edge from `other` into border `v` (the lower end) is held at, when
    /// `v` is a cluster's top border outside which `other` lies.
    pub fn lower(&self, g: &LGraph, d: &Diagram, v: usize, other: usize) -> Option<Anchor> {
        let Kind::Top(c) = g.nodes[v].kind else { return None };
        let rank = if g.is_bodiless(v) { g.nodes[v].rank } else { g.nodes[v].rank + 1 };
        self.pick(g, d, c, rank, other)
    }

    fn pick(&self, g: &LGraph, d: &Diagram, c: ClusterIdx, rank: i32, other: usize) -> Option<Anchor> {
        if g.enclosing(other).any(|k| k == c) {
            return None;
        }
        let reaches = |w: NodeIdx| match g.nodes[other].kind {
            Kind::Node(o) => w == o,
            Kind::Top(k) | Kind::Bottom(k) => d.end_within(Endpoint::Node(w), k),
            _ => false,
        };
        let mut best: Option<(usize, NodeIdx)> = None;
        for &m in self.members.get(&(c, rank))? {
            let score = self.neighbours[m].iter().filter(|&&w| reaches(w)).count();
            if score > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, m));
            }
        }
        best.map(|(_, node)| Anchor { cluster: c, node })
    }
}
