//! Ranking: an integer layer for every node, with `rank(to) - rank(from) >= minlen`.
//!
//! Longest-path ranking gives a feasible start. Graphs of the size people draw are then
//! ranked optimally (least total weighted edge length) by network simplex
//! ([`simplex`](super::simplex)); very large ones by balancing sweeps that move each node,
//! within the interval its edges allow, to the weighted median of where its neighbours
//! want it — linear per sweep, but blind to moves that need several nodes at once.
//! Either way, members without edges then join their siblings and cluster borders hug
//! their members: a top border sits right above its first member, a bottom border right
//! below its last.

use super::graph::{Kind, LGraph, topological_order};

const SWEEPS: usize = 8;
/// A safety budget of exchanges (the optimum needs far fewer on graphs of this size).
/// Stopping early is not a useful trade: the first exchanges rarely fix the long edges.
const SIMPLEX_ITERATIONS_PER_NODE: usize = 8;

pub(super) fn run(g: &mut LGraph) {
    let n = g.nodes.len();
    let (mut ins, mut outs) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    for (i, e) in g.edges.iter().enumerate() {
        if !e.ignored {
            outs[e.from].push(i);
            ins[e.to].push(i);
        }
    }
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
    if n <= super::HAND_DRAWN_UP_TO {
        let edges: Vec<(usize, usize, i32, f64)> =
            g.edges.iter().filter(|e| !e.ignored).map(|e| (e.from, e.to, e.minlen, e.weight)).collect();
        super::simplex::optimise(n, &edges, &mut rank, SIMPLEX_ITERATIONS_PER_NODE * n);
    }
    let sweeps = if n <= super::HAND_DRAWN_UP_TO { 0 } else { SWEEPS };
    for sweep in 0..sweeps {
        let forward = sweep % 2 == 0;
        let order: Box<dyn Iterator<Item = &usize>> =
            if forward { Box::new(topo.iter()) } else { Box::new(topo.iter().rev()) };
        for &v in order {
            let lo = ins[v].iter().map(|&e| rank[g.edges[e].from] + g.edges[e].minlen).max();
            let hi = outs[v].iter().map(|&e| rank[g.edges[e].to] - g.edges[e].minlen).min();
            let (lo_v, hi_v) = (lo.unwrap_or(i32::MIN / 4), hi.unwrap_or(i32::MAX / 4));
            if lo_v > hi_v {
                continue;
            }
            let wanted = match g.nodes[v].kind {
                Kind::Top(_) => hi.unwrap_or(lo_v),
                Kind::Bottom(_) => lo.unwrap_or(hi_v),
                _ => {
                    let mut pulls: Vec<(i32, f64)> = Vec::new();
                    for &e in &ins[v] {
                        let edge = &g.edges[e];
                        pulls.push((rank[edge.from] + edge.minlen, edge.weight));
                    }
                    for &e in &outs[v] {
                        let edge = &g.edges[e];
                        pulls.push((rank[edge.to] - edge.minlen, edge.weight));
                    }
                    // Longest-path ranking packs everything upward; downward sweeps take
                    // the far end of an even split, upward ones keep a node where it
                    // already is optimal, so nodes drift toward their targets and stay.
                    let tie = if forward { Tie::Upper } else { Tie::Keep(rank[v]) };
                    weighted_median(&mut pulls, tie).unwrap_or(rank[v])
                }
            };
            rank[v] = wanted.clamp(lo_v, hi_v);
        }
    }
    place_unconnected(g, &ins, &outs, &mut rank);
    tighten_borders(g, &ins, &outs, &mut rank);
    let min = rank.iter().copied().min().unwrap_or(0);
    for (node, r) in g.nodes.iter_mut().zip(rank) {
        node.rank = r - min;
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

/// Pulls every cluster's borders against its contents, innermost clusters first: moving
/// members in the sweeps can leave a border a rank or more away, and a border in a rank
/// where its cluster has nothing else would make the cluster's box claim that rank.
/// Borders only move inward, so edges to and from clusters stay valid.
fn tighten_borders(g: &LGraph, ins: &[Vec<usize>], outs: &[Vec<usize>], rank: &mut [i32]) {
    let mut clusters: Vec<usize> = (0..g.top.len()).collect();
    clusters.sort_by_key(|&c| std::cmp::Reverse(g.cluster_depth(c)));
    for c in clusters {
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

/// Which end of the optimal interval an even split picks.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Tie {
    Upper,
    /// The given value when it lies between the two middle values, else the lower one.
    Keep(i32),
}

/// The weighted median of `(value, weight)` pairs; zero-weight pairs count only when all
/// weights are zero. When the weights split evenly every value between the two middle
/// ones is optimal; `tie` picks which. Choosing the far end when sweeping down lets a
/// run of nodes each caught between one edge up and one far down move together over
/// successive sweeps instead of staying stuck.
fn weighted_median(pulls: &mut [(i32, f64)], tie: Tie) -> Option<i32> {
    if pulls.is_empty() {
        return None;
    }
    pulls.sort_by_key(|p| p.0);
    let total: f64 = pulls.iter().map(|p| p.1).sum();
    if total <= 0.0 {
        let mid = if tie == Tie::Upper { pulls.len() / 2 } else { (pulls.len() - 1) / 2 };
        return Some(pulls[mid].0);
    }
    let mut acc = 0.0;
    for (i, &(v, w)) in pulls.iter().enumerate() {
        acc += w;
        if acc * 2.0 > total + 1e-9 {
            return Some(v);
        }
        if (acc * 2.0 - total).abs() <= 1e-9 {
            let upper = pulls.get(i + 1).map_or(v, |p| p.0);
            return Some(match tie {
                Tie::Upper => upper,
                Tie::Keep(r) if (v..=upper).contains(&r) => r,
                Tie::Keep(_) => v,
            });
        }
    }
    pulls.last().map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_prefers_heavier_side() {
        assert_eq!(weighted_median(&mut [(0, 1.0), (5, 3.0)], Tie::Keep(0)), Some(5));
        assert_eq!(weighted_median(&mut [(2, 0.0), (4, 0.0), (9, 0.0)], Tie::Keep(0)), Some(4));
        assert_eq!(weighted_median(&mut [], Tie::Keep(0)), None);
        assert_eq!(weighted_median(&mut [(4, 1.0), (149, 1.0)], Tie::Keep(0)), Some(4));
        assert_eq!(weighted_median(&mut [(4, 1.0), (149, 1.0)], Tie::Upper), Some(149));
        assert_eq!(weighted_median(&mut [(4, 1.0), (149, 1.0)], Tie::Keep(60)), Some(60));
        assert_eq!(weighted_median(&mut [(4, 1.0), (149, 1.0)], Tie::Keep(200)), Some(4));
    }
}
