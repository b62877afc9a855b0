//! Ordering: the left-to-right order of nodes within each rank, chosen to cut crossings.
//!
//! Start from a depth-first order in statement order (so the model order is kept where
//! nothing better is found), then sweep down and up the ranks, sorting each rank by the
//! barycentre of its neighbours in the rank before it. Sorting is hierarchical: a rank is
//! sorted as a tree of clusters, so the members of a cluster stay together. After every
//! sweep, sibling clusters are put in one order that holds in every rank they share (a
//! cluster's key is its mean position over all its ranks); that is what lets `position`
//! draw cluster boxes that never overlap. The best order seen is kept.

use super::graph::LGraph;
use super::normalize::Chain;
use crate::model::ClusterIdx;

const MAX_SWEEPS: usize = 24;
const PATIENCE: usize = 4;
/// Deeper cluster nesting than this is ordered as if flat beyond it (guards recursion).
const MAX_DEPTH: usize = 64;

pub(super) struct Ordering {
    pub layers: Vec<Vec<usize>>,
    pub crossings: usize,
}

pub(super) fn run(g: &mut LGraph, chains: &[Option<Chain>]) -> Ordering {
    let n = g.nodes.len();
    let ranks = g.nodes.iter().map(|v| v.rank).max().map_or(0, |r| r as usize + 1);
    let (mut up, mut down) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    for chain in chains.iter().flatten() {
        for w in chain.nodes.windows(2) {
            if g.nodes[w[1]].rank == g.nodes[w[0]].rank + 1 {
                down[w[0]].push(w[1]);
                up[w[1]].push(w[0]);
            }
        }
    }
    let anc: Vec<Vec<ClusterIdx>> = (0..n)
        .map(|v| {
            let mut a = g.ancestors(v);
            a.reverse();
            a.truncate(MAX_DEPTH);
            a
        })
        .collect();

    let mut layers = initial_order(g, ranks, &down);
    let mut pos = vec![0.0; n];
    set_positions(&layers, &mut pos);
    layers = consistent(&layers, &anc, &mut pos);
    let mut best = count_crossings(&layers, &down, &pos);
    let mut best_layers = layers.clone();
    let mut stale = 0;
    for sweep in 0..MAX_SWEEPS {
        if best == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let rank_list: Vec<usize> = if downward { (1..ranks).collect() } else { (0..ranks.saturating_sub(1)).rev().collect() };
        for r in rank_list {
            let fixed = if downward { &up } else { &down };
            let keys: Vec<(usize, f64)> = layers[r]
                .iter()
                .map(|&v| {
                    let nb = &fixed[v];
                    let k = if nb.is_empty() { pos[v] } else { nb.iter().map(|&u| pos[u]).sum::<f64>() / nb.len() as f64 };
                    (v, k)
                })
                .collect();
            let lookup: std::collections::BTreeMap<usize, f64> = keys.into_iter().collect();
            let sorted = sort_hierarchically(&layers[r], 0, &anc, &|v| lookup[&v], &|_, items: &[usize]| {
                items.iter().map(|v| lookup[v]).sum::<f64>() / items.len() as f64
            });
            layers[r] = sorted;
            let len = layers[r].len().max(1) as f64;
            for (i, &v) in layers[r].iter().enumerate() {
                pos[v] = (i as f64 + 0.5) / len;
            }
        }
        layers = consistent(&layers, &anc, &mut pos);
        let c = count_crossings(&layers, &down, &pos);
        if c < best {
            best = c;
            best_layers = layers.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                break;
            }
        }
    }
    for layer in &best_layers {
        for (i, &v) in layer.iter().enumerate() {
            g.nodes[v].order = i;
        }
    }
    Ordering { layers: best_layers, crossings: best }
}

/// Depth-first from every node in index order (model nodes come first, in statement
/// order), appending each node to its rank when first reached.
fn initial_order(g: &LGraph, ranks: usize, down: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut layers = vec![Vec::new(); ranks];
    let mut seen = vec![false; g.nodes.len()];
    let mut stack = Vec::new();
    for start in 0..g.nodes.len() {
        if seen[start] {
            continue;
        }
        stack.push(start);
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            layers[g.nodes[v].rank as usize].push(v);
            for &w in down[v].iter().rev() {
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    layers
}

/// Positions normalised to `(0, 1)` within each rank, so ranks of different sizes compare.
fn set_positions(layers: &[Vec<usize>], pos: &mut [f64]) {
    for layer in layers {
        let len = layer.len().max(1) as f64;
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = (i as f64 + 0.5) / len;
        }
    }
}

/// Re-sorts every rank so sibling clusters come in the same order in all ranks: a cluster's
/// key is the mean position of everything inside it, over all ranks.
fn consistent(layers: &[Vec<usize>], anc: &[Vec<ClusterIdx>], pos: &mut [f64]) -> Vec<Vec<usize>> {
    let clusters = anc.iter().flat_map(|a| a.iter().copied()).max().map_or(0, |m| m + 1);
    let (mut sum, mut count) = (vec![0.0; clusters], vec![0usize; clusters]);
    for layer in layers {
        for &v in layer {
            for &c in &anc[v] {
                sum[c] += pos[v];
                count[c] += 1;
            }
        }
    }
    let global: Vec<f64> = sum.iter().zip(&count).map(|(s, &c)| if c > 0 { s / c as f64 } else { 0.0 }).collect();
    let snapshot = pos.to_vec();
    let out: Vec<Vec<usize>> = layers
        .iter()
        .map(|layer| sort_hierarchically(layer, 0, anc, &|v| snapshot[v], &|c, _| global[c]))
        .collect();
    set_positions(&out, pos);
    out
}

enum Entry {
    Node(usize),
    Cluster(ClusterIdx, Vec<usize>),
}

/// Sorts `items` (all inside the same clusters down to `depth`) as a tree: direct members
/// by `node_key`, each child cluster as one block by `cluster_key`, blocks expanded in
/// place. Ties keep the current order, so sorting is stable.
fn sort_hierarchically(
    items: &[usize],
    depth: usize,
    anc: &[Vec<ClusterIdx>],
    node_key: &dyn Fn(usize) -> f64,
    cluster_key: &dyn Fn(ClusterIdx, &[usize]) -> f64,
) -> Vec<usize> {
    let mut entries: Vec<(f64, usize, Entry)> = Vec::new();
    let mut block_of: std::collections::BTreeMap<ClusterIdx, usize> = std::collections::BTreeMap::new();
    for (i, &v) in items.iter().enumerate() {
        match anc[v].get(depth) {
            None => entries.push((node_key(v), i, Entry::Node(v))),
            Some(&c) => match block_of.get(&c) {
                Some(&k) => {
                    if let Entry::Cluster(_, members) = &mut entries[k].2 {
                        members.push(v);
                    }
                }
                None => {
                    block_of.insert(c, entries.len());
                    entries.push((0.0, i, Entry::Cluster(c, vec![v])));
                }
            },
        }
    }
    for e in &mut entries {
        if let Entry::Cluster(c, members) = &e.2 {
            e.0 = cluster_key(*c, members);
        }
    }
    entries.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::with_capacity(items.len());
    for (_, _, e) in entries {
        match e {
            Entry::Node(v) => out.push(v),
            Entry::Cluster(_, members) => out.extend(sort_hierarchically(&members, depth + 1, anc, node_key, cluster_key)),
        }
    }
    out
}

/// Crossings between consecutive ranks, counted by inversions with a Fenwick tree
/// (Barth, Jünger, Mutzel), `O(E log V)`.
fn count_crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[f64]) -> usize {
    let mut total = 0;
    for r in 0..layers.len().saturating_sub(1) {
        let next = &layers[r + 1];
        if next.is_empty() {
            continue;
        }
        let index_of = |v: usize| ((pos[v] * next.len() as f64) - 0.5).round() as usize;
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for (i, &u) in layers[r].iter().enumerate() {
            let mut targets: Vec<usize> = down[u].iter().map(|&w| index_of(w)).collect();
            targets.sort_unstable();
            edges.extend(targets.into_iter().map(|t| (i, t)));
        }
        let mut tree = vec![0usize; next.len() + 1];
        for (k, &(_, t)) in edges.iter().enumerate() {
            // Edges placed so far whose target lies right of `t` cross this one.
            let mut le = 0;
            let mut i = t + 1;
            while i > 0 {
                le += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += k - le;
            let mut i = t + 1;
            while i <= next.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_crossings_of_two_crossed_edges() {
        let layers = vec![vec![0, 1], vec![2, 3]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let mut pos = vec![0.0; 4];
        set_positions(&layers, &mut pos);
        assert_eq!(count_crossings(&layers, &down, &pos), 1);
        let down = vec![vec![2], vec![3], vec![], vec![]];
        assert_eq!(count_crossings(&layers, &down, &pos), 0);
    }

    #[test]
    fn clusters_stay_contiguous() {
        // Nodes 0 and 2 in cluster 0, node 1 outside; keys would interleave them.
        let anc = vec![vec![0], vec![], vec![0]];
        let keys = [0.0, 0.5, 1.0];
        let out = sort_hierarchically(&[0, 1, 2], 0, &anc, &|v| keys[v], &|_, m: &[usize]| {
            m.iter().map(|&v| keys[v]).sum::<f64>() / m.len() as f64
        });
        assert!(out == vec![0, 2, 1] || out == vec![1, 0, 2]);
    }
}
