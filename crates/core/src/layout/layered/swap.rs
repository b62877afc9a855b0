//! Block swaps: the last step of ordering. Two sibling blocks (clusters, runs of a long
//! edge, or a single node beside a cluster) that are next to each other change places in every rank they share, when that
//! lowers the crossings plus the *cuts*: edge segments that pass through a cluster box
//! holding neither of their ends. Barycentre sweeps see neither cuts nor whole-block
//! moves; this is a transpose one level up (ELK does the same for its hierarchical
//! ports, Sander's compound ordering counts border crossings alike).
//!
//! A swap keeps the order consistent: the two blocks are adjacent wherever both appear
//! (only nodes directly in their parent may lie between), so every other block keeps its
//! side of each.

use super::order::{gap_crossings, index_in_rank, place_layer as place};
use crate::model::ClusterIdx;
use std::collections::{BTreeMap, BTreeSet};

/// Passes over all candidate pairs; each pass only swaps what strictly improves.
const PASSES: usize = 4;
/// What one cut costs, in crossings: an edge across a box reads worse than one crossing.
const CUT_WEIGHT: usize = 3;
/// Work allowed (nodes and segment × cluster tests looked at), per layout node, so the
/// pass stays linear on huge diagrams; small ones always finish.
const WORK_PER_NODE: usize = 400;
const WORK_FLOOR: usize = 1_000_000;

pub(super) struct Blocks<'a> {
    pub anc: &'a [Vec<ClusterIdx>],
    /// Clusters with ids below this are real (drawn as boxes); above are long-edge runs.
    pub real: usize,
    /// Ids from this one up are single nodes, which only swap with a real cluster.
    pub singles: usize,
    pub down: &'a [Vec<usize>],
}

/// Swaps blocks while that helps; returns the edge crossings of the final order.
pub(super) fn run(layers: &mut [Vec<usize>], pos: &mut [f64], b: &Blocks) -> usize {
    let gaps = layers.len().saturating_sub(1);
    let crossings = |layers: &[Vec<usize>], pos: &[f64]| (0..gaps).map(|r| gap_crossings(layers, r, b.down, pos)).sum();
    // Without subgraphs or long edges there is nothing to swap.
    if candidates(layers, b).is_empty() {
        return crossings(layers, pos);
    }
    let size: usize = layers.iter().map(Vec::len).sum();
    let mut budget = WORK_FLOOR.max(WORK_PER_NODE * size);
    let members = members_by_block(layers, b.anc);
    let mut cost: Vec<usize> = (0..gaps).map(|r| gap_cost(layers, r, pos, b, &mut budget)).collect();
    for _ in 0..PASSES {
        let mut improved = false;
        for (x, y) in candidates(layers, b) {
            if budget == 0 {
                break;
            }
            let shared = shared_ranks(&members, layers, pos, x, y, &mut budget);
            let Some(swapped) = swap_in(layers, b.anc, &shared, x) else { continue };
            let touched: BTreeSet<usize> = shared
                .iter()
                .flat_map(|s| [s.rank.checked_sub(1), (s.rank < gaps).then_some(s.rank)])
                .flatten()
                .collect();
            let before: usize = touched.iter().map(|&g| cost[g]).sum();
            let old: Vec<Vec<usize>> = shared.iter().map(|s| std::mem::take(&mut layers[s.rank])).collect();
            for (s, new) in shared.iter().zip(swapped) {
                layers[s.rank] = new;
                place(&layers[s.rank], pos);
            }
            let after: Vec<(usize, usize)> =
                touched.iter().map(|&g| (g, gap_cost(layers, g, pos, b, &mut budget))).collect();
            if after.iter().map(|&(_, c)| c).sum::<usize>() < before {
                for (g, c) in after {
                    cost[g] = c;
                }
                improved = true;
            } else {
                for (s, layer) in shared.iter().zip(old) {
                    layers[s.rank] = layer;
                    place(&layers[s.rank], pos);
                }
            }
        }
        if !improved {
            break;
        }
    }
    crossings(layers, pos)
}

/// Pairs of sibling blocks directly next to each other in some rank, left one first (a
/// single node only beside a real cluster: two nodes are `transpose`'s business).
fn candidates(layers: &[Vec<usize>], b: &Blocks) -> BTreeSet<(ClusterIdx, ClusterIdx)> {
    let mut out = BTreeSet::new();
    for layer in layers {
        for w in layer.windows(2) {
            let (p, q) = (&b.anc[w[0]], &b.anc[w[1]]);
            let d = p.iter().zip(q).take_while(|(x, y)| x == y).count();
            if let (Some(&x), Some(&y)) = (p.get(d), q.get(d)) {
                let single = x >= b.singles || y >= b.singles;
                if !single || x < b.real || y < b.real {
                    out.insert((x, y));
                }
            }
        }
    }
    out
}

/// For every block, its members in each rank it appears in.
fn members_by_block(layers: &[Vec<usize>], anc: &[Vec<ClusterIdx>]) -> Vec<BTreeMap<usize, Vec<usize>>> {
    let blocks = anc.iter().flat_map(|a| a.iter().copied()).max().map_or(0, |m| m + 1);
    let mut out = vec![BTreeMap::new(); blocks];
    for (r, layer) in layers.iter().enumerate() {
        for &v in layer {
            for &c in &anc[v] {
                out[c].entry(r).or_insert_with(Vec::new).push(v);
            }
        }
    }
    out
}

/// A rank both blocks of a pair appear in, with the index ranges (first, last) they take.
#[derive(Debug, PartialEq)]
struct Shared {
    rank: usize,
    x: (usize, usize),
    y: (usize, usize),
}

/// Every rank holding members of both `x` and `y`.
fn shared_ranks(
    members: &[BTreeMap<usize, Vec<usize>>],
    layers: &[Vec<usize>],
    pos: &[f64],
    x: ClusterIdx,
    y: ClusterIdx,
    budget: &mut usize,
) -> Vec<Shared> {
    let range = |r: usize, vs: &[usize]| {
        vs.iter()
            .map(|&v| index_in_rank(pos[v], layers[r].len()))
            .fold((usize::MAX, 0), |(lo, hi), i| (lo.min(i), hi.max(i)))
    };
    let mut out = Vec::new();
    for (&r, xs) in &members[x] {
        if let Some(ys) = members[y].get(&r) {
            *budget = budget.saturating_sub(xs.len() + ys.len());
            out.push(Shared { rank: r, x: range(r, xs), y: range(r, ys) });
        }
    }
    out
}

/// The shared ranks with `x` and `y` exchanged, or `None` where some other sibling block
/// lies between them (or they are not in the expected order), so a swap would break
/// consistency.
fn swap_in(
    layers: &[Vec<usize>],
    anc: &[Vec<ClusterIdx>],
    shared: &[Shared],
    x: ClusterIdx,
) -> Option<Vec<Vec<usize>>> {
    let mut out = Vec::with_capacity(shared.len());
    for &Shared { rank: r, x: (xl, xh), y: (yl, yh) } in shared {
        if xh >= yl {
            return None;
        }
        let layer = &layers[r];
        let depth = anc[layer[xl]].iter().position(|&c| c == x)?;
        if layer[xh + 1..yl].iter().any(|&v| anc[v].len() > depth) {
            return None;
        }
        let mut new = Vec::with_capacity(layer.len());
        new.extend_from_slice(&layer[..xl]);
        new.extend_from_slice(&layer[yl..=yh]);
        new.extend_from_slice(&layer[xh + 1..yl]);
        new.extend_from_slice(&layer[xl..=xh]);
        new.extend_from_slice(&layer[yh + 1..]);
        out.push(new);
    }
    (!out.is_empty()).then_some(out)
}

/// Crossings plus weighted cuts of the whole order (what the swaps lower).
pub(super) fn cost(layers: &[Vec<usize>], pos: &[f64], b: &Blocks) -> usize {
    let mut budget = usize::MAX;
    (0..layers.len().saturating_sub(1)).map(|r| gap_cost(layers, r, pos, b, &mut budget)).sum()
}

/// Crossings plus weighted cuts between rank `r` and `r + 1`.
fn gap_cost(layers: &[Vec<usize>], r: usize, pos: &[f64], b: &Blocks, budget: &mut usize) -> usize {
    gap_crossings(layers, r, b.down, pos) + CUT_WEIGHT * gap_cuts(layers, r, pos, b, budget)
}

/// Segments between rank `r` and `r + 1` that pass through a real cluster present in both
/// ranks while neither end is in it: one end left of it, the other right.
fn gap_cuts(layers: &[Vec<usize>], r: usize, pos: &[f64], b: &Blocks, budget: &mut usize) -> usize {
    let ranges = |layer: &[usize]| {
        let mut m: BTreeMap<ClusterIdx, (usize, usize)> = BTreeMap::new();
        for (i, &v) in layer.iter().enumerate() {
            for &c in b.anc[v].iter().filter(|&&c| c < b.real) {
                m.entry(c).and_modify(|e| e.1 = i).or_insert((i, i));
            }
        }
        m
    };
    *budget = budget.saturating_sub(layers[r].len() + layers[r + 1].len());
    let (top, bottom) = (ranges(&layers[r]), ranges(&layers[r + 1]));
    let both: Vec<((usize, usize), (usize, usize))> =
        top.iter().filter_map(|(c, &t)| bottom.get(c).map(|&u| (t, u))).collect();
    if both.is_empty() {
        return 0;
    }
    let mut cuts = 0;
    for (i, &u) in layers[r].iter().enumerate() {
        for &w in &b.down[u] {
            let j = index_in_rank(pos[w], layers[r + 1].len());
            *budget = budget.saturating_sub(both.len());
            cuts += both.iter().filter(|&&((tl, th), (bl, bh))| (i < tl && j > bh) || (i > th && j < bl)).count();
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(layers: &[Vec<usize>], n: usize) -> Vec<f64> {
        let mut pos = vec![0.0; n];
        for layer in layers {
            place(layer, &mut pos);
        }
        pos
    }

    #[test]
    fn swaps_a_block_out_of_the_way_of_an_edge_through_a_cluster() {
        // Rank 0: [A: s] [X: x0]; rank 1: [X: x1] [B: t]. The edge s → t passes through X;
        // moving A right of X in rank 0, or B left of it in rank 1, clears it.
        let (s, x0, x1, t) = (0, 1, 2, 3);
        let anc = vec![vec![1], vec![0], vec![0], vec![2]];
        let mut down = vec![Vec::new(); 4];
        down[s].push(t);
        down[x0].push(x1);
        let mut layers = vec![vec![s, x0], vec![x1, t]];
        let mut pos = positions(&layers, 4);
        let b = Blocks { anc: &anc, real: 3, singles: usize::MAX, down: &down };
        let mut budget = usize::MAX;
        assert_eq!(gap_cuts(&layers, 0, &pos, &b, &mut budget), 1);
        let crossings = run(&mut layers, &mut pos, &b);
        assert!(layers == vec![vec![x0, s], vec![x1, t]] || layers == vec![vec![s, x0], vec![t, x1]], "{layers:?}");
        assert_eq!(crossings, 0);
        assert_eq!(gap_cuts(&layers, 0, &pos, &b, &mut budget), 0);
    }

    #[test]
    fn a_single_node_changes_places_with_a_cluster_its_edge_would_cut() {
        // Rank 0: a, then x2 (in X); rank 1: x0 x1 (in X), then r. The edge a → r passes
        // through X's box. Neither a nor r is in a cluster, so only their single-node blocks
        // can move one of them to the other side of X.
        let (a, x2, x0, x1, r) = (0, 1, 2, 3, 4);
        let singles = 10;
        let anc = vec![
            vec![0, singles + a],
            vec![1, singles + x2],
            vec![1, singles + x0],
            vec![1, singles + x1],
            vec![singles + r],
        ];
        let mut down = vec![Vec::new(); 5];
        down[a].push(r);
        down[x2].push(x0);
        let mut layers = vec![vec![a, x2], vec![x0, x1, r]];
        let mut pos = positions(&layers, 5);
        let b = Blocks { anc: &anc, real: 2, singles, down: &down };
        let mut budget = usize::MAX;
        assert_eq!(gap_cuts(&layers, 0, &pos, &b, &mut budget), 1);
        assert_eq!(run(&mut layers, &mut pos, &b), 0);
        let moved = [vec![vec![x2, a], vec![x0, x1, r]], vec![vec![a, x2], vec![r, x0, x1]]];
        assert!(moved.contains(&layers), "{layers:?}");
        assert_eq!(gap_cuts(&layers, 0, &pos, &b, &mut budget), 0);
        // Two single nodes side by side are no pair of blocks: that is `transpose`'s work.
        let anc2 = [anc.clone(), vec![vec![singles + 5]]].concat();
        let b2 = Blocks { anc: &anc2, real: 2, singles, down: &down };
        assert!(candidates(&[vec![r, 5]], &b2).is_empty());
        assert_eq!(candidates(&[vec![x1, r]], &b).into_iter().collect::<Vec<_>>(), vec![(1, singles + r)]);
    }

    #[test]
    fn keeps_blocks_whose_swap_would_jump_a_third_one() {
        // Rank 0: X Z Y; rank 1: X Y. Exchanging X and Y would move them across Z in rank 0.
        let anc = vec![vec![0], vec![2], vec![1], vec![0], vec![1]];
        let layers = vec![vec![0, 1, 2], vec![3, 4]];
        let pos = positions(&layers, 5);
        let members = members_by_block(&layers, &anc);
        let mut budget = usize::MAX;
        let shared = shared_ranks(&members, &layers, &pos, 0, 1, &mut budget);
        assert_eq!(shared, vec![Shared { rank: 0, x: (0, 0), y: (2, 2) }, Shared { rank: 1, x: (0, 0), y: (1, 1) }]);
        assert!(swap_in(&layers, &anc, &shared, 0).is_none());
        // Without the third block between them they do swap, in every shared rank.
        let layers = vec![vec![0, 2], vec![3, 4]];
        let pos = positions(&layers, 5);
        let shared = shared_ranks(&members_by_block(&layers, &anc), &layers, &pos, 0, 1, &mut budget);
        assert_eq!(swap_in(&layers, &anc, &shared, 0), Some(vec![vec![2, 0], vec![4, 3]]));
    }

    #[test]
    fn a_rejected_swap_leaves_the_order_as_it_was() {
        // Two clusters side by side with an edge inside each: swapping gains nothing.
        let anc = vec![vec![0], vec![1], vec![0], vec![1]];
        let down = vec![vec![2], vec![3], vec![], vec![]];
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let mut pos = positions(&layers, 4);
        let b = Blocks { anc: &anc, real: 2, singles: usize::MAX, down: &down };
        assert_eq!(run(&mut layers, &mut pos, &b), 0);
        assert_eq!(layers, vec![vec![0, 1], vec![2, 3]]);
        assert_eq!(pos, positions(&layers, 4));
    }
}
