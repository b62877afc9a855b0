//! Ranking: an integer layer for every node, with `rank(to) - rank(from) >= minlen`.
//!
//! Longest-path ranking gives a feasible start; network simplex
//! ([`simplex`](super::simplex)) then ranks optimally (least total weighted edge length),
//! at about one exchange per node. Members without edges then join their siblings and
//! cluster borders hug their members: a top border sits right above its first member, a
//! bottom border right below its last.

use super::graph::{Kind, LGraph, topological_order};

/// A safety budget of exchanges: the optimum takes about one per node on hand-drawn and
/// generated diagrams alike. Stopping early leaves a feasible but longer ranking.
const SIMPLEX_ITERATIONS_PER_NODE: usize = 8;

pub(super) fn run(g: &mut LGraph) {
    let n = g.nodes.len();
    let (ins, outs) = adjacency(g);
    // Ties in index order (statement order); nodes on a cycle — none after `acyclic`, but
    // ranking must not hang if there were — go last.
    let topo = topological_order(&ins, &outs, |e| g.edges[e].to);
    let mut rank = vec![0i32; n];
    for &v in &topo {
        for &e in &ins[v] {
            let edge = &g.edges[e];
            rank[v] = rank[v].max(rank[edge.from] + edge.minlen);
        }
    }
    let edges: Vec<(usize, usize, i32, i32)> =
        g.edges.iter().filter(|e| !e.ignored).map(|e| (e.from, e.to, e.minlen, e.weight)).collect();
    super::simplex::optimise(n, &edges, &mut rank, SIMPLEX_ITERATIONS_PER_NODE * n);
    place_unconnected(g, &ins, &outs, &mut rank);
    tighten_borders(g, &ins, &outs, &mut rank);
    let min = rank.iter().copied().min().unwrap_or(0);
    for (node, r) in g.nodes.iter_mut().zip(rank) {
        node.rank = r - min;
    }
}

/// Each node's incoming and outgoing edges (by index), leaving ignored edges out.
fn adjacency(g: &LGraph) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let n = g.nodes.len();
    let (mut ins, mut outs) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    for (i, e) in g.edges.iter().enumerate() {
        if !e.ignored {
            outs[e.from].push(i);
            ins[e.to].push(i);
        }
    }
    (ins, outs)
}

/// An edge into a cluster comes in over its top: for an edge from `u` to something inside
/// clusters that do not hold `u`, the outermost of them starts below `u` (a nesting-like
/// edge `u → top border`, weight 0). Without it, ranking puts a hub in the rank of the
/// titles of the clusters it points into, and its edges cut sideways through the boxes of
/// the clusters between (seed 004's hubs, the corpus's `hub-to-clusters`). Dagre gets the
/// same from its nesting graph, where borders take ranks between those of nodes.
///
/// Runs after cycle breaking; only edges that point forward in one topological order of
/// the graph are added, so it stays acyclic.
pub(super) fn enter_over_tops(g: &mut LGraph) {
    let n = g.nodes.len();
    let (ins, outs) = adjacency(g);
    let topo = topological_order(&ins, &outs, |e| g.edges[e].to);
    let mut at = vec![0; n];
    for (i, &v) in topo.iter().enumerate() {
        at[v] = i;
    }
    let mut added = std::collections::BTreeSet::new();
    for e in 0..g.edges.len() {
        let edge = &g.edges[e];
        if edge.ignored || edge.is_nesting() || edge.minlen < 1 {
            continue;
        }
        let (u, v) = (edge.from, edge.to);
        if !matches!(g.nodes[v].kind, Kind::Node(_)) {
            continue;
        }
        let around_u: Vec<_> = g.enclosing(u).collect();
        let Some(outer) = g.enclosing(v).take_while(|c| !around_u.contains(c)).last() else { continue };
        // Only where `u` sits directly beside that cluster (in the same parent): applied
        // to every edge into a cluster, it pushed whole subtrees down under their sources
        // (seed 004: 45 → 79 crossings; 400 random flowcharts 3,105 → 3,234).
        if g.cluster_parent[outer] != g.nodes[u].parent {
            continue;
        }
        let top = g.top[outer];
        if at[u] < at[top] && added.insert((u, top)) {
            g.edges.push(super::graph::LEdge {
                from: u,
                to: top,
                minlen: 1,
                weight: 0,
                model: None,
                reversed: false,
                ignored: false,
                fixed: false,
            });
        }
    }
}

/// A cluster member without edges of its own would sit at the cluster's first rank and
/// stretch the cluster over ranks it has nothing else in; it goes to the median rank of
/// its connected siblings instead (within what the nesting allows).
fn place_unconnected(g: &LGraph, ins: &[Vec<usize>], outs: &[Vec<usize>], rank: &mut [i32]) {
    let connected = |v: usize| ins[v].iter().chain(&outs[v]).any(|&e| !g.edges[e].is_nesting());
    let mut siblings: Vec<Vec<i32>> = vec![Vec::new(); g.top.len()];
    for (v, node) in g.nodes.iter().enumerate() {
        if let (Kind::Node(_), Some(c)) = (node.kind, node.parent)
            && connected(v)
        {
            siblings[c].push(rank[v]);
        }
    }
    for v in 0..g.nodes.len() {
        let (Kind::Node(_), Some(c)) = (g.nodes[v].kind, g.nodes[v].parent) else { continue };
        if connected(v) || siblings[c].is_empty() {
            continue;
        }
        let mut r = siblings[c].clone();
        r.sort_unstable();
        let lo = ins[v].iter().map(|&e| rank[g.edges[e].from] + g.edges[e].minlen).max().unwrap_or(i32::MIN / 4);
        let hi = outs[v].iter().map(|&e| rank[g.edges[e].to] - g.edges[e].minlen).min().unwrap_or(i32::MAX / 4);
        if lo <= hi {
            rank[v] = r[(r.len() - 1) / 2].clamp(lo, hi);
        }
    }
}

/// Pulls every cluster's borders against its contents, innermost clusters first: ranking
/// (and placing unconnected members) can leave a border a rank or more away, and a border in a rank
/// where its cluster has nothing else would make the cluster's box claim that rank.
/// Borders only move inward, so edges to and from clusters stay valid.
fn tighten_borders(g: &LGraph, ins: &[Vec<usize>], outs: &[Vec<usize>], rank: &mut [i32]) {
    for c in g.clusters_inner_first() {
        let (top, bottom) = (g.top[c], g.bottom[c]);
        // Everything leaving the top border goes into the cluster, everything arriving at
        // the bottom border comes from inside it.
        let hi = outs[top].iter().map(|&e| rank[g.edges[e].to] - g.edges[e].minlen).min();
        let lo = ins[bottom].iter().map(|&e| rank[g.edges[e].from] + g.edges[e].minlen).max();
        if let Some(hi) = hi {
            rank[top] = rank[top].max(hi);
        }
        if let Some(lo) = lo {
            rank[bottom] = rank[bottom].min(lo).max(rank[top]);
        }
    }
}
