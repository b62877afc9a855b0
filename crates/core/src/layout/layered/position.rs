//! Positioning: coordinates for every layout node, and cluster boxes, in the frame.
//!
//! Ranks become horizontal bands (`y`), as deep as their deepest node, with the full rank
//! gap between bands that hold nodes and a smaller one next to border-only bands. Within
//! ranks (`x`), separation constraints keep neighbours apart and every cluster's left and
//! right border variables around its members; sibling clusters that share ranks are kept
//! apart through those border variables, which is why boxes never overlap. Positions then
//! relax toward the mean of their neighbours a number of times, each time solved by
//! [`vpsc`](super::vpsc), so edges straighten while all constraints keep holding.

use super::graph::{CLUSTER_PAD, Kind, LGraph};
use super::normalize::Chain;
use super::order::Ordering;
use super::vpsc::{self, Constraint};
use crate::model::ClusterIdx;

/// Relaxation rounds: enough for edges to straighten on diagrams people draw by hand; big
/// generated graphs get fewer (each round is a full solve), down to [`MIN_RELAX`].
const RELAX_ITERATIONS: usize = 16;
const MIN_RELAX: usize = 3;
/// Layout nodes up to which the full number of rounds runs.
const RELAX_FULL_UP_TO: usize = 1500;

/// Room between a label on an edge across the flow and each of the edge's ends.
const BESIDE_LABEL_ROOM: f64 = 18.0;

#[derive(Clone, Copy, Debug)]
pub(super) struct Spacing {
    /// Between neighbouring nodes in a rank (and between sibling clusters).
    pub node: f64,
    /// Between an edge and its neighbours in a rank.
    pub edge: f64,
    /// Between ranks that hold nodes.
    pub rank: f64,
}

/// Extra room inside a cluster on its left side (in the frame): horizontal diagrams put
/// the title there, which becomes the top once the frame is turned.
#[derive(Clone, Debug, Default)]
pub(super) struct ClusterPads {
    pub left: Vec<f64>,
    /// Minimum extent across ranks (horizontal diagrams: the title's width).
    pub min_depth: Vec<f64>,
}

/// A box in the frame: `x0..x1` along ranks, `y0..y1` across them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct FrameBox {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// The band of each rank: centre and depth.
#[derive(Clone, Debug, Default)]
pub(super) struct Bands {
    pub center: Vec<f64>,
    pub depth: Vec<f64>,
}

impl Bands {
    pub fn top(&self, r: i32) -> f64 {
        self.center[r as usize] - self.depth[r as usize] / 2.0
    }

    pub fn bottom(&self, r: i32) -> f64 {
        self.center[r as usize] + self.depth[r as usize] / 2.0
    }
}

pub(super) fn run(
    g: &mut LGraph,
    ord: &Ordering,
    chains: &[Option<Chain>],
    spacing: Spacing,
    pads: &ClusterPads,
) -> (Bands, Vec<FrameBox>) {
    let (bands, room) = place_ranks(g, ord, spacing, pads);
    place_in_ranks(g, ord, chains, spacing, pads);
    let boxes = cluster_boxes(g, pads, &room);
    (bands, boxes)
}

/// Rank bands, and for every cluster the depth range (`y0`, `y1`) its ranks give it,
/// padding included, which is at least its `min_depth`.
fn place_ranks(g: &mut LGraph, ord: &Ordering, spacing: Spacing, pads: &ClusterPads) -> (Bands, Vec<(f64, f64)>) {
    let ranks = ord.layers.len();
    let depth: Vec<f64> =
        ord.layers.iter().map(|l| l.iter().map(|&v| g.nodes[v].depth_extent()).fold(0.0, f64::max)).collect();
    let content: Vec<bool> = ord
        .layers
        .iter()
        .map(|l| l.iter().any(|&v| matches!(g.nodes[v].kind, Kind::Node(_) | Kind::Label(_))))
        .collect();
    // Room cluster boxes take beyond the bands: each cluster that closes in rank `r`
    // reaches one padding below it, each that opens in `r` without a title band one
    // padding above it.
    let (mut below, mut above) = (vec![0.0; ranks], vec![0.0; ranks]);
    for (v, node) in g.nodes.iter().enumerate() {
        if g.is_bodiless(v) {
            continue;
        }
        let ancestors = g.ancestors(v);
        let closing = ancestors.iter().filter(|&&c| g.nodes[g.bottom[c]].rank == node.rank).count();
        let opening =
            ancestors.iter().filter(|&&c| g.nodes[g.top[c]].rank == node.rank && g.is_bodiless(g.top[c])).count();
        let r = node.rank as usize;
        below[r] = f64::max(below[r], closing as f64 * CLUSTER_PAD);
        above[r] = f64::max(above[r], opening as f64 * CLUSTER_PAD);
    }
    let by_depth = g.clusters_inner_first();
    // The padding that enclosing clusters opening or closing in the same rank take, outside
    // a cluster's own: room the cluster itself cannot use.
    let rank_of = |v: usize| g.nodes[v].rank as usize;
    let outer_pads: Vec<(f64, f64)> = (0..g.top.len())
        .map(|c| {
            let outer = std::iter::successors(g.cluster_parent[c], |&p| g.cluster_parent[p]);
            let (mut top, mut bottom) = (0.0, 0.0);
            for p in outer {
                if rank_of(g.top[p]) == rank_of(g.top[c]) && g.is_bodiless(g.top[p]) {
                    top += CLUSTER_PAD;
                }
                if rank_of(g.bottom[p]) == rank_of(g.bottom[c]) {
                    bottom += CLUSTER_PAD;
                }
            }
            (top, bottom)
        })
        .collect();
    let room_of = |c: ClusterIdx, center: &[f64], above: &[f64], below: &[f64]| {
        let (rt, rb) = (rank_of(g.top[c]), rank_of(g.bottom[c]));
        (
            center[rt] - depth[rt] / 2.0 - above[rt] + outer_pads[c].0,
            center[rb] + depth[rb] / 2.0 + below[rb] - outer_pads[c].1,
        )
    };
    let mut center = vec![0.0; ranks];
    // Rounds until every cluster is as deep as its `min_depth` (a horizontal diagram's
    // cluster must be as long as its title): growing one moves the ranks after it, which
    // can shorten nothing, but nested clusters each want their own room, so a few rounds
    // may be needed. Bounded, as a guard.
    for _round in 0..8 {
        for r in 1..ranks {
            let base = if content[r - 1] && content[r] { spacing.rank } else { (spacing.rank * 0.4).max(12.0) };
            center[r] = center[r - 1] + depth[r - 1] / 2.0 + below[r - 1] + base + above[r] + depth[r] / 2.0;
        }
        let mut grew = false;
        // Boxes as drawn: nested paddings can reach past what `above`/`below` counted,
        // where clusters close (or open) together with nothing of their own in that rank.
        let drawn = natural_depths(g, &by_depth, |v| center[rank_of(v)]);
        for &c in &by_depth {
            let (rt, rb) = (rank_of(g.top[c]), rank_of(g.bottom[c]));
            let (top, bottom) = room_of(c, &center, &above, &below);
            if drawn[c].1 > bottom + 0.5 {
                below[rb] += drawn[c].1 - bottom;
                grew = true;
            }
            if drawn[c].0 < top - 0.5 {
                above[rt] += top - drawn[c].0;
                grew = true;
            }
        }
        for &c in &by_depth {
            let (rt, rb) = (rank_of(g.top[c]), rank_of(g.bottom[c]));
            let (top, bottom) = room_of(c, &center, &above, &below);
            let need = pads.min_depth.get(c).copied().unwrap_or(0.0);
            if need > bottom - top + 0.5 {
                above[rt] += (need - (bottom - top)) / 2.0;
                below[rb] += (need - (bottom - top)) / 2.0;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let room = (0..g.top.len()).map(|c| room_of(c, &center, &above, &below)).collect();
    for v in &mut g.nodes {
        v.y = center[v.rank as usize];
    }
    (Bands { center, depth }, room)
}

/// `x` for every layout node.
fn place_in_ranks(g: &mut LGraph, ord: &Ordering, chains: &[Option<Chain>], spacing: Spacing, pads: &ClusterPads) {
    let n = g.nodes.len();
    let clusters = g.top.len();
    let left = |c: ClusterIdx| n + 2 * c;
    let right = |c: ClusterIdx| n + 2 * c + 1;
    let vars = n + 2 * clusters;
    let pad_left = |c: ClusterIdx| CLUSTER_PAD + pads.left.get(c).copied().unwrap_or(0.0);

    let mut cons: Vec<Constraint> = Vec::new();
    // Membership: a node sits inside the borders of its innermost cluster, a cluster
    // inside its parent's.
    for (v, node) in g.nodes.iter().enumerate() {
        if let Some(c) = node.parent {
            cons.push(Constraint { left: left(c), right: v, gap: pad_left(c) + node.w / 2.0 });
            cons.push(Constraint { left: v, right: right(c), gap: node.right_extent() + CLUSTER_PAD });
        }
    }
    for c in 0..clusters {
        cons.push(Constraint { left: left(c), right: right(c), gap: 2.0 * CLUSTER_PAD });
        if let Some(p) = g.cluster_parent[c] {
            cons.push(Constraint { left: left(p), right: left(c), gap: pad_left(p) });
            cons.push(Constraint { left: right(c), right: right(p), gap: CLUSTER_PAD + g.cluster_loop_room[c] });
        }
    }
    // Neighbours in a rank: the two children of their lowest common cluster that hold
    // them (a node itself, or a whole cluster) are kept apart.
    let anc: Vec<Vec<ClusterIdx>> = (0..n)
        .map(|v| {
            let mut a = g.ancestors(v);
            a.reverse();
            a
        })
        .collect();
    let mut seen_pairs = std::collections::BTreeMap::new();
    // An edge across the flow between neighbours runs in the gap between them, its label
    // in the middle: the gap holds the label with room for the arrow on both sides.
    let beside_gap: std::collections::BTreeMap<(usize, usize), f64> = g
        .beside
        .iter()
        .map(|b| ((b.first, b.second), if b.label > 0.0 { b.label + 2.0 * BESIDE_LABEL_ROOM } else { 0.0 }))
        .collect();
    for layer in &ord.layers {
        // Border nodes without a body take no room; they only mark where a cluster is.
        let solid: Vec<usize> = layer.iter().copied().filter(|&v| !g.is_bodiless(v)).collect();
        for pair in solid.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let common = anc[a].iter().zip(&anc[b]).take_while(|(x, y)| x == y).count();
            let dummy = |v: usize| matches!(g.nodes[v].kind, Kind::Dummy(_));
            let mut sep = if dummy(a) || dummy(b) { spacing.edge } else { spacing.node };
            sep = sep.max(beside_gap.get(&(a, b)).copied().unwrap_or(0.0));
            let (l, lgap) = match anc[a].get(common) {
                Some(&c) => (right(c), g.cluster_loop_room.get(c).copied().unwrap_or(0.0)),
                None => (a, g.nodes[a].right_extent()),
            };
            let (r, rgap) = match anc[b].get(common) {
                Some(&c) => (left(c), 0.0),
                None => (b, g.nodes[b].w / 2.0),
            };
            let gap = lgap + sep + rgap;
            let e = seen_pairs.entry((l, r)).or_insert(gap);
            *e = f64::max(*e, gap);
        }
    }
    // A node with no edge has nothing pulling it along its rank, and would stay wherever
    // the first solve left it (far from everything, beside a wide box): it keeps to its
    // rank neighbour instead, the one after it or else the one before, at their gap.
    let mut anchor: Vec<Option<(usize, f64)>> = vec![None; n];
    for (&(l, r), &gap) in &seen_pairs {
        if l < n && anchor[l].is_none() {
            anchor[l] = Some((r, -gap));
        }
    }
    for (&(l, r), &gap) in &seen_pairs {
        if r < n && anchor[r].is_none() {
            anchor[r] = Some((l, gap));
        }
    }
    cons.extend(seen_pairs.into_iter().map(|((l, r), gap)| Constraint { left: l, right: r, gap }));

    // Neighbours across ranks, with long edges weighted so they run straight.
    let mut nbrs: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let is_chain_inner = |v: usize| matches!(g.nodes[v].kind, Kind::Dummy(_) | Kind::Label(_));
    for chain in chains.iter().flatten() {
        for w in chain.nodes.windows(2) {
            let (a, b) = (w[0], w[1]);
            if g.nodes[a].rank == g.nodes[b].rank {
                continue;
            }
            let weight = match (is_chain_inner(a), is_chain_inner(b)) {
                (true, true) => 8.0,
                (true, false) | (false, true) => 2.0,
                _ => 1.0,
            };
            nbrs[a].push((b, weight));
            nbrs[b].push((a, weight));
        }
    }
    let mut weight = vec![1.0; vars];
    for c in 0..clusters {
        weight[left(c)] = 1e-3;
        weight[right(c)] = 1e-3;
    }
    let problem = vpsc::Problem::new(vars, &cons);
    let mut x = problem.solve(&vec![0.0; vars], &weight);
    let rounds = (RELAX_ITERATIONS * RELAX_FULL_UP_TO / n.max(1)).clamp(MIN_RELAX, RELAX_ITERATIONS);
    for _ in 0..rounds {
        let mut desired = x.clone();
        for v in 0..n {
            match g.nodes[v].kind {
                Kind::Top(c) | Kind::Bottom(c) | Kind::Span(c) => desired[v] = (x[left(c)] + x[right(c)]) / 2.0,
                _ if !nbrs[v].is_empty() => {
                    let (s, w) = nbrs[v].iter().fold((0.0, 0.0), |(s, w), &(u, k)| (s + k * x[u], w + k));
                    desired[v] = s / w;
                }
                Kind::Node(_) => {
                    if let Some((u, offset)) = anchor[v] {
                        desired[v] = x[u] + offset;
                    }
                }
                _ => {}
            }
        }
        // Borders want to hug their contents: pull each toward the other side.
        for c in 0..clusters {
            desired[left(c)] = x[right(c)];
            desired[right(c)] = x[left(c)];
        }
        x = problem.solve(&desired, &weight);
    }
    for (v, node) in g.nodes.iter_mut().enumerate() {
        node.x = x[v];
    }
}

/// Depth range (`y0`, `y1`) each cluster's own nodes give its box: their extent plus
/// padding (a titled border node already holds its padding). Empty where it has none.
/// `y` is a layout node's depth position.
fn own_depths(g: &LGraph, y: impl Fn(usize) -> f64) -> Vec<(f64, f64)> {
    let mut span = vec![(f64::INFINITY, f64::NEG_INFINITY); g.top.len()];
    for (v, node) in g.nodes.iter().enumerate() {
        let Some(c) = node.parent else { continue };
        if g.is_bodiless(v) {
            continue;
        }
        let pad = if matches!(node.kind, Kind::Top(_) | Kind::Bottom(_)) { 0.0 } else { CLUSTER_PAD };
        let half = node.depth_extent() / 2.0;
        span[c].0 = span[c].0.min(y(v) - half - pad);
        span[c].1 = span[c].1.max(y(v) + half + pad);
    }
    span
}

/// Depth range of every cluster's box before `min_depth` growth: [`own_depths`], nested
/// boxes plus padding, an empty cluster one padding around its top border.
/// `inner_first` lists the clusters innermost first.
fn natural_depths(g: &LGraph, inner_first: &[ClusterIdx], y: impl Fn(usize) -> f64) -> Vec<(f64, f64)> {
    let mut span = own_depths(g, &y);
    for &c in inner_first {
        if !span[c].0.is_finite() {
            let t = y(g.top[c]);
            span[c] = (t - CLUSTER_PAD, t + CLUSTER_PAD);
        }
        if let Some(p) = g.cluster_parent[c] {
            span[p].0 = span[p].0.min(span[c].0 - CLUSTER_PAD);
            span[p].1 = span[p].1.max(span[c].1 + CLUSTER_PAD);
        }
    }
    span
}

/// Tight cluster boxes: members plus padding, nested boxes inside their parents'. A
/// titled border node already holds its padding; a cluster shorter than its `min_depth`
/// grows to it, centred in the room `place_ranks` made for it (`room`). Apart from that
/// growth, depths follow [`natural_depths`], which `place_ranks` makes room for: the two
/// must stay in step.
fn cluster_boxes(g: &LGraph, pads: &ClusterPads, room: &[(f64, f64)]) -> Vec<FrameBox> {
    let clusters = g.top.len();
    let empty = FrameBox { x0: f64::INFINITY, y0: f64::INFINITY, x1: f64::NEG_INFINITY, y1: f64::NEG_INFINITY };
    let mut inner = vec![empty; clusters];
    for (v, node) in g.nodes.iter().enumerate() {
        let Some(c) = node.parent else { continue };
        if g.is_bodiless(v) {
            continue;
        }
        inner[c].x0 = inner[c].x0.min(node.x - node.w / 2.0);
        inner[c].x1 = inner[c].x1.max(node.x + node.right_extent());
    }
    for (b, (y0, y1)) in inner.iter_mut().zip(own_depths(g, |v| g.nodes[v].y)) {
        (b.y0, b.y1) = (y0, y1);
    }
    let order = g.clusters_inner_first();
    let mut boxes = vec![FrameBox::default(); clusters];
    for c in order {
        let i = inner[c];
        let (x0, x1, y0, y1) = if i.x0.is_finite() {
            (i.x0, i.x1, i.y0, i.y1)
        } else {
            let t = &g.nodes[g.top[c]];
            (t.x, t.x, t.y - CLUSTER_PAD, t.y + CLUSTER_PAD)
        };
        let mut b =
            FrameBox { x0: x0 - CLUSTER_PAD - pads.left.get(c).copied().unwrap_or(0.0), x1: x1 + CLUSTER_PAD, y0, y1 };
        let need = pads.min_depth.get(c).copied().unwrap_or(0.0);
        if b.y1 - b.y0 < need {
            // Centred in the room rather than on the contents, which may sit off-centre in it:
            // growing around them could reach past the room into a neighbour's.
            let (top, bottom) = room[c];
            let mid = if bottom - top >= need { (top + bottom) / 2.0 } else { (b.y0 + b.y1) / 2.0 };
            b.y0 = b.y0.min(mid - need / 2.0);
            b.y1 = b.y1.max(mid + need / 2.0);
        }
        boxes[c] = b;
        if let Some(p) = g.cluster_parent[c] {
            let o = &mut inner[p];
            o.x0 = o.x0.min(b.x0);
            // A child's self-loops stay inside the parent.
            o.x1 = o.x1.max(b.x1 + g.cluster_loop_room.get(c).copied().unwrap_or(0.0));
            o.y0 = o.y0.min(b.y0 - CLUSTER_PAD);
            o.y1 = o.y1.max(b.y1 + CLUSTER_PAD);
        }
    }
    boxes
}

#[cfg(test)]
mod tests {
    use super::super::laid_out;

    #[test]
    fn a_node_without_edges_keeps_to_its_neighbour() {
        // Beside a wide box, an unconnected node used to stay where the first solve put
        // it, hundreds of pixels away.
        let text = "flowchart TD\n  P[Employee]\n  subgraph acme [Acme]\n    subgraph s [Sales]\n      a1 & a2 & a3 & a4\n    end\n    subgraph o [Ops]\n      b1\n    end\n  end\n";
        let (d, l) = laid_out(text);
        let p = l.nodes[d.node_index("P").unwrap()];
        let acme = l.clusters[d.cluster_index("acme").unwrap()];
        let gap = acme.x - p.right();
        assert!((0.0..=120.0).contains(&gap), "gap between the node and the box: {gap}");
    }
}
