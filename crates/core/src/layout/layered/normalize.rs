//! Normalisation: every model edge becomes a chain of layout nodes, one per rank it
//! crosses, so that ordering and placement see long edges as things that take room.
//!
//! Which clusters a chain's dummies belong to decides where an edge leaves and enters
//! clusters: in the gaps next to its ends (see [`innermost_common_cluster`]). Two cases go
//! further:
//! - an edge *to a subgraph* joins each cluster around that subgraph as soon as it opens,
//!   so it comes in over the top of the enclosing boxes instead of crossing sibling boxes
//!   sideways at the last rank (seed 004: 94 → 54 crossings, 85 → 78 edges through
//!   unrelated boxes; doing so for edges to plain nodes too raised cuts and put a crossing
//!   into seed 003);
//! - an edge out of a cluster that closes in the rank right above its target's stays
//!   inside and leaves through the bottom, next to the target, instead of running sideways
//!   across the box from the source's rank ([`closing_above`]; seed 004: 54 → 44
//!   crossings; 400 random flowcharts: 2,488 → 2,418 crossings, 314 → 291 cuts).
//!
//! A labelled edge gets its label as a node in the middle rank, so labels take room like
//! nodes and never overlap them. `undo` is in routing, which turns each chain back into
//! one polyline.

use super::anchor::Anchors;
use super::graph::{self, Kind, LGraph, LNode};
use crate::layout::Sizes;
use crate::model::{ClusterIdx, Diagram};

/// The layout nodes an edge passes, in rank order.
#[derive(Clone, Debug)]
pub(super) struct Chain {
    pub nodes: Vec<usize>,
    /// The chain runs against the model edge (cycle breaking reversed it, or ranking put
    /// its target above its source).
    pub reversed: bool,
    /// The clusters whose box the route is cut at, at its upper and lower end: the chain
    /// runs on from there to a member it is anchored at (see `anchor`).
    pub clip: [Option<ClusterIdx>; 2],
}

/// Where an edge to a node inside clusters that do not hold its source joins them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Entry {
    /// Its points stay in the innermost cluster holding both ends down to the target's
    /// rank, so it runs beside the target's clusters and turns into them at the end.
    Beside,
    /// Its points join each of the target's clusters from that cluster's title rank on
    /// (beside the title's border node), so it comes in over the top (edges into a
    /// cluster always do, after the title rank).
    OverTop,
}

/// The chains, and whether [`Entry::OverTop`] put any point of an edge to a node
/// elsewhere than [`Entry::Beside`] would have (if not, that variant is the default's
/// twin and need not be laid out).
pub(super) fn run(
    g: &mut LGraph,
    d: &Diagram,
    sizes: &Sizes,
    horizontal: bool,
    entry: Entry,
) -> (Vec<Option<Chain>>, bool) {
    let mut entered_over_top = false;
    let mut chains: Vec<Option<Chain>> = vec![None; d.edges.len()];
    let span = cluster_rank_spans(g);
    let anchors = Anchors::new(g, d);
    for i in 0..g.edges.len() {
        let Some(e) = g.edges[i].model else { continue };
        let (mut u, mut v, mut reversed) = (g.edges[i].from, g.edges[i].to, g.edges[i].reversed);
        if g.nodes[u].rank > g.nodes[v].rank {
            std::mem::swap(&mut u, &mut v);
            reversed = !reversed;
        }
        // An end at a cluster's border on the far side from the other end (ranking put the
        // cluster wholly beyond it, as a reversed or ignored edge allows) moves to the near
        // border, so the edge does not run through the box to reach it.
        // Both ends of a cluster-to-cluster edge may move, as long as the edge still runs
        // downward.
        let near_u = near_border(g, u, v, true);
        (u, v) = [(near_u, near_border(g, v, near_u, false)), (near_u, v), (u, near_border(g, v, u, false))]
            .into_iter()
            .find(|&(a, b)| g.nodes[a].rank < g.nodes[b].rank)
            .unwrap_or((u, v));
        let (ru, rv) = (g.nodes[u].rank, g.nodes[v].rank);
        let mut nodes = vec![u];
        let mut labelled = false;
        let label_size = sizes.edge_labels.get(e).copied().flatten();
        let mid = ru + (rv - ru) / 2;
        let common = innermost_common_cluster(g, u, v);
        let to_cluster = matches!(g.nodes[v].kind, Kind::Top(_));
        let into_box = (to_cluster || entry == Entry::OverTop).then(|| g.ancestors(v));
        let out_through_bottom = closing_above(g, &span, u, common, rv);
        for r in ru + 1..rv {
            let parent = match (out_through_bottom, &into_box) {
                (Some(c), _) => Some(c),
                // Always found when there is a common cluster: it is open at every rank between.
                // An edge to a node joins its clusters in their title ranks, beside the
                // title; one to a cluster's border only after them.
                (None, Some(enclosing)) => {
                    let inside = enclosing.iter().copied().find(|&c| span[c].0 < r || (!to_cluster && span[c].0 == r));
                    entered_over_top |= !to_cluster && inside != common;
                    inside
                }
                (None, None) => common,
            };
            let (kind, w, h) = match label_size {
                Some(s) if r == mid && !labelled => {
                    let (w, h) = graph::in_frame(horizontal, s.w, s.h);
                    (Kind::Label(e), w, h)
                }
                _ => (Kind::Dummy(e), 0.0, 0.0),
            };
            g.nodes.push(LNode::new(kind, w, h, parent, r));
            let id = g.nodes.len() - 1;
            labelled |= matches!(kind, Kind::Label(_));
            nodes.push(id);
        }
        nodes.push(v);
        // An edge inside a cluster to its bottom border (or from its top border) crosses
        // the border's own rank, which holds members; a dummy there gets it a clear lane.
        if matches!(g.nodes[v].kind, Kind::Bottom(_)) {
            let parent = g.nodes[v].parent;
            g.nodes.push(LNode::new(Kind::Dummy(e), 0.0, 0.0, parent, rv));
            nodes.insert(nodes.len() - 1, g.nodes.len() - 1);
        }
        if matches!(g.nodes[u].kind, Kind::Top(_)) {
            let parent = g.nodes[u].parent;
            g.nodes.push(LNode::new(Kind::Dummy(e), 0.0, 0.0, parent, ru));
            nodes.insert(1, g.nodes.len() - 1);
        }
        let mut clip = [None, None];
        if let Some(anchors) = &anchors {
            if let Some(a) = anchors.upper(g, d, u, v) {
                // A titled border has a rank of its own: a lane through it, inside the box.
                if g.nodes[a.node].rank < ru {
                    g.nodes.push(LNode::new(Kind::Dummy(e), 0.0, 0.0, Some(a.cluster), ru));
                    nodes.insert(1, g.nodes.len() - 1);
                }
                nodes[0] = a.node;
                clip[0] = Some(a.cluster);
            }
            if let Some(a) = anchors.lower(g, d, v, u) {
                if g.nodes[a.node].rank > rv {
                    g.nodes.push(LNode::new(Kind::Dummy(e), 0.0, 0.0, Some(a.cluster), rv));
                    nodes.insert(nodes.len() - 1, g.nodes.len() - 1);
                }
                *nodes.last_mut().expect("a chain has two ends") = a.node;
                clip[1] = Some(a.cluster);
            }
        }
        chains[e] = Some(Chain { nodes, reversed, clip });
    }
    add_spans(g, &span);
    (chains, entered_over_top)
}

/// A [`Kind::Span`] node for every rank a cluster covers without holding anything there,
/// where something else inside the cluster's parent shares that rank (only then could it
/// stray into the cluster's box). Outer clusters go first: a span makes its cluster
/// present in that rank, which is what its own children are then checked against.
fn add_spans(g: &mut LGraph, span: &[(i32, i32)]) {
    const ROOT: usize = usize::MAX;
    let mut present: std::collections::BTreeSet<(usize, i32)> = std::collections::BTreeSet::new();
    for v in 0..g.nodes.len() {
        if g.is_bodiless(v) {
            continue;
        }
        let r = g.nodes[v].rank;
        present.insert((ROOT, r));
        for c in g.ancestors(v) {
            present.insert((c, r));
        }
    }
    let mut outer_first: Vec<ClusterIdx> = (0..span.len()).collect();
    outer_first.sort_by_key(|&c| g.cluster_depth(c));
    for c in outer_first {
        let parent = g.cluster_parent[c].unwrap_or(ROOT);
        let (top, bottom) = span[c];
        for r in top..=bottom {
            if present.contains(&(c, r)) || !present.contains(&(parent, r)) {
                continue;
            }
            g.nodes.push(LNode::new(Kind::Span(c), 0.0, 0.0, Some(c), r));
            present.insert((c, r));
        }
    }
}

/// `(top rank, bottom rank)` of every cluster.
fn cluster_rank_spans(g: &LGraph) -> Vec<(i32, i32)> {
    g.top.iter().zip(&g.bottom).map(|(&t, &b)| (g.nodes[t].rank, g.nodes[b].rank)).collect()
}

/// `v`, or the opposite border of the cluster whose border `v` is when that border lies
/// between `v` and `other` (`v` being the upper end when `upper`) and `other` is outside
/// the cluster.
fn near_border(g: &LGraph, v: usize, other: usize, upper: bool) -> usize {
    let (c, flipped) = match g.nodes[v].kind {
        Kind::Top(c) if upper => (c, g.bottom[c]),
        Kind::Bottom(c) if !upper => (c, g.top[c]),
        _ => return v,
    };
    let beyond =
        if upper { g.nodes[flipped].rank < g.nodes[other].rank } else { g.nodes[flipped].rank > g.nodes[other].rank };
    if beyond && !g.ancestors(other).contains(&c) { flipped } else { v }
}

/// The innermost cluster around `u` (and not around the other end) that closes in the rank
/// right above the other end's, `rv`: an edge out of it may as well stay inside and leave
/// through its bottom, which is also in the gap next to an end, rather than run sideways
/// across the box from the source's rank. A cluster's own border (an edge to or from the
/// cluster itself) is not inside it: that edge must not run through the box.
fn closing_above(g: &LGraph, span: &[(i32, i32)], u: usize, common: Option<ClusterIdx>, rv: i32) -> Option<ClusterIdx> {
    let own = match g.nodes[u].kind {
        Kind::Top(c) | Kind::Bottom(c) => Some(c),
        _ => None,
    };
    g.ancestors(u)
        .into_iter()
        .take_while(|&c| Some(c) != common)
        .filter(|&c| Some(c) != own)
        .find(|&c| span[c].1 == rv - 1)
}

/// The cluster a long edge's dummies belong to: the innermost one holding both ends, so
/// an edge leaves its source's clusters, and enters its target's, in the gaps right next
/// to its ends. (Measured against keeping dummies in the source's clusters while they are
/// open, which leaves through their bottom: seed 004 has 99 crossings against 116, and
/// 5,000 generated nodes 14,483 ordering crossings against 15,040.) A border node counts
/// as inside its own cluster, so an edge to a cluster from outside stays outside it.
fn innermost_common_cluster(g: &LGraph, u: usize, v: usize) -> Option<ClusterIdx> {
    let down = g.ancestors(v);
    g.ancestors(u).into_iter().find(|c| down.contains(c))
}

#[cfg(test)]
mod tests {
    use super::super::laid_out;
    use crate::render::{measure, theme::Theme};
    use crate::syntax::parse;

    #[test]
    fn an_edge_leaves_through_the_bottom_of_a_cluster_closing_right_above_its_target() {
        let text = "flowchart TB\n subgraph outer [Outer]\n subgraph inner [Inner]\n api --> worker\n end\n \
                    side[A wide node beside the inner cluster]\n end\n api --> db\n worker --> db";
        let (d, l) = laid_out(text);
        let inner = l.clusters[d.cluster_index("inner").unwrap()];
        let edge = d.edges.iter().position(|e| e.id == "L_api_db_0").unwrap();
        // Out through the bottom, not sideways out of `inner` and around `outer`.
        for p in &l.edges[edge].points {
            assert!(p.x >= inner.x && p.x <= inner.right(), "{p:?} outside {inner:?}");
        }
    }

    #[test]
    fn over_the_top_an_edge_to_a_nested_node_joins_its_clusters_in_their_title_ranks() {
        use super::super::{acyclic, graph::LGraph, rank};
        use super::{Entry, Kind};
        let text = "flowchart TB\n a[Source]\n subgraph outer [Outer]\n subgraph inner [Inner]\n t[Target]\n end\n end\n a --> t";
        let d = parse(text).diagram;
        let sizes = measure(&d, &Theme::from_config(&d.config));
        let outer = d.cluster_index("outer").unwrap();
        let parents = |entry: Entry| {
            let mut g = LGraph::build(&d, &sizes, d.direction);
            acyclic::run(&mut g);
            rank::enter_over_tops(&mut g);
            rank::run(&mut g);
            super::run(&mut g, &d, &sizes, false, entry);
            let mut dummies: Vec<_> =
                g.nodes.iter().filter(|n| matches!(n.kind, Kind::Dummy(_))).map(|n| (n.rank, n.parent)).collect();
            dummies.sort_unstable();
            (dummies, g.nodes[g.top[outer]].rank)
        };
        let (beside, _) = parents(Entry::Beside);
        assert!(beside.iter().all(|&(_, p)| p.is_none()), "{beside:?}");
        let (over, outer_title) = parents(Entry::OverTop);
        // Above `outer`'s title rank the edge is outside; from it on, inside (beside the
        // title's border node, and the drawn title moves clear of it: `layout::titles`).
        for &(r, p) in &over {
            assert_eq!(p.is_some(), r >= outer_title, "{over:?}");
        }
        assert!(over.iter().any(|&(_, p)| p == Some(outer)), "{over:?}");
    }
}
