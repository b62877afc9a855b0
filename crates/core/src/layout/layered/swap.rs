//! Block swaps: the last step of ordering. Two sibling blocks (clusters, runs of a long
//! edge, or a single node beside a cluster) that are next to each other change places in
//! every rank they share, when that lowers the crossings plus the *cuts*: edge segments
//! that pass through a cluster box holding neither of their ends. Barycentre sweeps see neither cuts nor whole-block
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
    let both: Vec<Ranges> = top.iter().filter_map(|(c, &t)| bottom.get(c).map(|&u| (t, u))).collect();
    if both.is_empty() {
        return 0;
    }
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for (i, &u) in layers[r].iter().enumerate() {
        segments.extend(b.down[u].iter().map(|&w| (i, index_in_rank(pos[w], layers[r + 1].len()))));
    }
    // The work is counted as testing every segment against every cluster, as this was
    // first written; counting by sweeps gives the same cuts in O((S + C) log) instead.
    *budget = budget.saturating_sub(segments.len().saturating_mul(both.len()));
    cuts_through(&segments, &both, layers[r + 1].len())
}

/// Pairs of a segment `(i, j)` (from index `i` in the upper rank to `j` in the lower) and a
/// cluster (index ranges in the upper and lower rank) where the segment passes the cluster:
/// left of it above and right of it below, or the other way round. Each way is a
/// dominance count: segments by their upper index, the clusters they are left (right) of
/// added to a Fenwick tree over their lower ranges' far ends.
/// A cluster's index range (first, last) in the upper rank and in the lower.
type Ranges = ((usize, usize), (usize, usize));

fn cuts_through(segments: &[(usize, usize)], clusters: &[Ranges], lower: usize) -> usize {
    let mut tree = vec![0usize; lower + 1];
    let add = |tree: &mut [usize], at: usize| {
        let mut k = at + 1;
        while k < tree.len() {
            tree[k] += 1;
            k += k & k.wrapping_neg();
        }
    };
    // Clusters added so far with a lower index below `at`.
    let below = |tree: &[usize], at: usize| {
        let (mut k, mut n) = (at.min(tree.len() - 1), 0);
        while k > 0 {
            n += tree[k];
            k -= k & k.wrapping_neg();
        }
        n
    };
    let mut segs: Vec<(usize, usize)> = segments.to_vec();
    let mut cuts = 0;
    // Left of the cluster above (i < tl), right of it below (j > bh): segments by
    // falling i, clusters by falling tl.
    segs.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    let mut by_top: Vec<(usize, usize)> = clusters.iter().map(|&((tl, _), (_, bh))| (tl, bh)).collect();
    by_top.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
    let mut k = 0;
    for &(i, j) in &segs {
        while k < by_top.len() && by_top[k].0 > i {
            add(&mut tree, by_top[k].1);
            k += 1;
        }
        cuts += below(&tree, j);
    }
    // Right of it above (i > th), left of it below (j < bl): segments by rising i,
    // clusters by rising th; those added with bl > j are the ones added minus those at
    // or below j.
    tree.iter_mut().for_each(|t| *t = 0);
    segs.reverse();
    let mut by_top: Vec<(usize, usize)> = clusters.iter().map(|&((_, th), (bl, _))| (th, bl)).collect();
    by_top.sort_unstable_by_key(|c| c.0);
    let mut k = 0;
    for &(i, j) in &segs {
        while k < by_top.len() && by_top[k].0 < i {
            add(&mut tree, by_top[k].1);
            k += 1;
        }
        cuts += k - below(&tree, j + 1);
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
    fn sweeps_count_the_cuts_that_testing_every_pair_counts() {
        let mut rng = crate::testing::XorShift(0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..500 {
            let (upper, lower) = (1 + rng.below(25), 1 + rng.below(25));
            let segments: Vec<(usize, usize)> =
                (0..rng.below(40)).map(|_| (rng.below(upper), rng.below(lower))).collect();
            let range = |rng: &mut crate::testing::XorShift, len: usize| {
                let a = rng.below(len);
                (a, a + rng.below(len - a))
            };
            let clusters: Vec<Ranges> =
                (0..rng.below(8)).map(|_| (range(&mut rng, upper), range(&mut rng, lower))).collect();
            let every: usize = segments
                .iter()
                .map(|&(i, j)| {
                    clusters.iter().filter(|&&((tl, th), (bl, bh))| (i < tl && j > bh) || (i > th && j < bl)).count()
                })
                .sum();
            assert_eq!(cuts_through(&segments, &clusters, lower), every, "{segments:?} {clusters:?}");
        }
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
