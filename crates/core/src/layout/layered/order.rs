//! Ordering: the left-to-right order of nodes within each rank, chosen to cut crossings.
//!
//! Start from a depth-first order in statement order (so the model order is kept where
//! nothing better is found), then sweep down and up the ranks, sorting each rank by the
//! barycentre of its neighbours in the rank before it. Sorting is hierarchical: a rank is
//! sorted as a tree of clusters, so the members of a cluster stay together. After every
//! sweep, sibling clusters are put in one order that holds in every rank they share (a
//! cluster's key is its mean position over all its ranks); that is what lets `position`
//! draw cluster boxes that never overlap. The best order seen is kept.

use super::graph::{Kind, LGraph};
use super::normalize::Chain;
use super::swap;
use crate::model::ClusterIdx;

const MAX_SWEEPS: usize = 24;
/// Layout nodes up to which all sweeps may run; bigger graphs get proportionally fewer
/// (at least [`MIN_SWEEPS`]), since each sweep sorts every rank.
const SWEEPS_FULL_UP_TO: usize = 3000;
const MIN_SWEEPS: usize = 6;
const PATIENCE: usize = 4;
/// Layout nodes from which a relayout with the previous drawing's order as a hint runs
/// from that order alone: a second start would double the ordering's time where it
/// costs most, and a paste of another diagram brings no hint (`layered::hint`).
const HINTED_ALONE_FROM: usize = 1000;
/// Deeper cluster nesting than this is ordered as if flat beyond it (guards recursion).
const MAX_DEPTH: usize = 64;

pub(super) struct Ordering {
    pub layers: Vec<Vec<usize>>,
    pub crossings: usize,
}

pub(super) fn run(
    g: &mut LGraph,
    chains: &[Option<Chain>],
    hint: &[Option<f64>],
    was_crossings: Option<usize>,
) -> Ordering {
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
    let real_anc: Vec<Vec<ClusterIdx>> = (0..n)
        .map(|v| {
            let mut a = g.ancestors(v);
            a.reverse();
            a.truncate(MAX_DEPTH);
            a
        })
        .collect();
    let anc = with_chain_blocks(g, chains, &real_anc);

    // Long-range neighbours: what the edges through a node finally connect. A cluster or a
    // long edge is keyed by where its far ends are, so it moves toward what it connects to
    // across many ranks at once, not one rank per sweep.
    let far = far_ends(g, chains);
    let mut pos = vec![0.0; n];
    let fresh = initial_order(g, ranks, &down);
    // With the previous drawing's order as a hint, the passes run from it too, and the
    // fresh start wins only with fewer crossings in the end: a relayout keeps what the
    // user saw unless changing it helps. With a hint, neighbours that cross no more either
    // way also go back to the order they had. A hinted start that ends in the previous
    // order (all but a pair in fifty of its nodes), crossing no more than it did, is kept
    // without trying the fresh start (which costs as much again), and so is any on graphs
    // of more than HINTED_ALONE_FROM layout nodes.
    // Where the previous drawing had each layout node that was in it (−∞ for the rest),
    // and `was`: those keys with the rest made up (see `hinted_order`).
    let known: Option<Vec<f64>> = hint.iter().any(Option::is_some).then(|| {
        g.nodes
            .iter()
            .map(|v| match v.kind {
                Kind::Node(m) => hint.get(m).copied().flatten().unwrap_or(f64::NEG_INFINITY),
                _ => f64::NEG_INFINITY,
            })
            .collect()
    });
    let (hinted, was) = known.as_deref().map(|k| hinted_order(&fresh, k, &up, &down, &anc)).unzip();
    // (crossings plus weighted cuts where more starts run, else 0; crossings; departures
    // from the hint) and the order.
    type Scored = ((usize, usize, usize), Vec<Vec<usize>>);
    let mut chosen: Option<Scored> = None;
    let known_count = known.as_ref().map_or(0, |k| k.iter().filter(|k| k.is_finite()).count());
    // More starts only for a drawing made afresh: with a hint, a shuffled start that
    // crosses one less would still turn round much of what the user saw.
    let more = known.is_none() && n <= MORE_STARTS_UP_TO && chains.iter().flatten().all(|c| c.clip == [None, None]);
    let extra = if more { more_starts(g, ranks, &fresh, &up) } else { Vec::new() };
    // For the block swaps, a node directly in a cluster is a block of its own too, so it
    // can change places with a sibling cluster whose box its edges would cut.
    let singles = anc.iter().flatten().max().map_or(g.top.len(), |&m| m + 1).max(g.top.len());
    let mut swap_anc = anc.clone();
    for (v, a) in swap_anc.iter_mut().enumerate() {
        if matches!(g.nodes[v].kind, Kind::Node(_)) && a.len() < MAX_DEPTH {
            a.push(singles + v);
        }
    }
    let blocks = swap::Blocks { anc: &swap_anc, real: g.top.len(), singles, down: &down };
    for start in hinted.into_iter().chain([fresh]).chain(extra) {
        if more && chosen.as_ref().is_some_and(|c| c.0.0 == 0 && c.0.1 == 0) {
            break;
        }
        let mut layers = sweep(start, &up, &down, &anc, &far, &mut pos, g.top.len(), ranks, was.as_deref());
        set_positions(&layers, &mut pos);
        let mut best = swap::run(&mut layers, &mut pos, &blocks);
        if ranks > 1 && (best > 0 || was.is_some()) {
            best = transpose(&mut layers, &real_anc, &up, &down, &mut pos, best, was.as_deref());
        }
        if place_beside(g, &mut layers) {
            set_positions(&layers, &mut pos);
            best = count_crossings(&layers, &down, &pos);
        }
        // Fewest crossings, then the order nearest the previous drawing's.
        // With more starts, crossings plus weighted cuts decide first: a start that
        // crosses less by routing through boxes is no better.
        let weighted = if more { swap::cost(&layers, &pos, &blocks) } else { 0 };
        let score = (weighted, best, known.as_deref().map_or(0, |w| inversions(&layers, w)));
        if chosen.as_ref().is_none_or(|c| score < c.0) {
            chosen = Some((score, layers));
        }
        let kept = score.1 <= was_crossings.unwrap_or(0) && score.2 * 50 <= known_count;
        if was.is_some() && (kept || n > HINTED_ALONE_FROM) {
            break;
        }
    }
    let ((_, best, _), layers) = chosen.expect("at least the fresh start");
    for layer in &layers {
        for (i, &v) in layer.iter().enumerate() {
            g.nodes[v].order = i;
        }
    }
    Ordering { layers, crossings: best }
}

/// Sweeps from the order `layers`: each rank sorted by the barycentre of its neighbours in
/// the rank before, sibling clusters made consistent after every sweep, until a few
/// sweeps bring no improvement; ties go to the order `was` gives, if any. Returns the best
/// order seen.
#[allow(clippy::too_many_arguments)]
fn sweep(
    mut layers: Vec<Vec<usize>>,
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    anc: &[Vec<ClusterIdx>],
    far: &[Vec<usize>],
    pos: &mut [f64],
    real: usize,
    ranks: usize,
    was: Option<&[f64]>,
) -> Vec<Vec<usize>> {
    // Equal barycentres keep the previous drawing's order, where there is one (the
    // positions are far apart compared with this nudge).
    let nudge = |v: usize| was.map_or(0.0, |w| if w[v].is_finite() { w[v] * 1e-12 } else { 0.0 });
    let n = pos.len();
    set_positions(&layers, pos);
    let mut sorter = Sorter::new(anc);
    layers = consistent(&mut sorter, &layers, far, pos, real);
    let mut best = count_crossings(&layers, down, pos);
    let mut best_layers = layers.clone();
    let mut stale = 0;
    let mut key = vec![0.0; n];
    let sweeps = (MAX_SWEEPS * SWEEPS_FULL_UP_TO / n.max(1)).clamp(MIN_SWEEPS, MAX_SWEEPS);
    for sweep in 0..sweeps {
        if best == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let rank_list: Vec<usize> =
            if downward { (1..ranks).collect() } else { (0..ranks.saturating_sub(1)).rev().collect() };
        for r in rank_list {
            let fixed = if downward { up } else { down };
            for &v in &layers[r] {
                let nb = &fixed[v];
                key[v] = if nb.is_empty() { pos[v] } else { nb.iter().map(|&u| pos[u]).sum::<f64>() / nb.len() as f64 };
                key[v] += nudge(v);
            }
            let sorted = sorter.sort(&layers[r], &|v| key[v], &|_, items: &[usize]| {
                items.iter().map(|&v| key[v]).sum::<f64>() / items.len() as f64
            });
            layers[r] = sorted;
            place_layer(&layers[r], pos);
        }
        layers = consistent(&mut sorter, &layers, far, pos, real);
        let c = count_crossings(&layers, down, pos);
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
    best_layers
}

/// The previous drawing's order (`known`: where each layout node was across the flow, −∞
/// for what it did not have), as a start for the sweeps: every layout node keyed by where it was, or,
/// for what is new (long edges' points, labels, nodes just typed), by where its neighbours
/// in the ranks above (else below) were; what has no such neighbour keeps its place after
/// the node before it in the depth-first order `fresh`. Each rank is sorted by the keys
/// with clusters kept together. Returns the order and the keys (−∞ for what has none).
fn hinted_order(
    fresh: &[Vec<usize>],
    known: &[f64],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    anc: &[Vec<ClusterIdx>],
) -> (Vec<Vec<usize>>, Vec<f64>) {
    let mut key: Vec<Option<f64>> = known.iter().map(|&k| k.is_finite().then_some(k)).collect();
    let mean = |nb: &[usize], key: &[Option<f64>]| {
        let known: Vec<f64> = nb.iter().filter_map(|&u| key[u]).collect();
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    };
    for layer in fresh {
        for &v in layer {
            if key[v].is_none() {
                key[v] = mean(&up[v], &key);
            }
        }
    }
    for layer in fresh.iter().rev() {
        for &v in layer {
            if key[v].is_none() {
                key[v] = mean(&down[v], &key);
            }
        }
    }
    let mut filled = vec![f64::NEG_INFINITY; known.len()];
    for layer in fresh {
        let mut last = f64::NEG_INFINITY;
        for &v in layer {
            last = key[v].unwrap_or(last);
            filled[v] = last;
        }
    }
    let cluster_key = |_, items: &[usize]| {
        let known: Vec<f64> = items.iter().map(|&v| filled[v]).filter(|k| k.is_finite()).collect();
        if known.is_empty() { f64::NEG_INFINITY } else { known.iter().sum::<f64>() / known.len() as f64 }
    };
    let mut sorter = Sorter::new(anc);
    let layers: Vec<Vec<usize>> = fresh.iter().map(|layer| sorter.sort(layer, &|v| filled[v], &cluster_key)).collect();
    (layers, filled)
}

/// Pairs of nodes in one rank whose order differs from that of `was` (both known).
fn inversions(layers: &[Vec<usize>], was: &[f64]) -> usize {
    // Merge sort counting the pairs it puts back in order.
    fn count(v: &mut Vec<f64>) -> usize {
        if v.len() < 2 {
            return 0;
        }
        let mut right = v.split_off(v.len() / 2);
        let mut n = count(v) + count(&mut right);
        let mut out = Vec::with_capacity(v.len() + right.len());
        let (mut i, mut j) = (0, 0);
        while i < v.len() && j < right.len() {
            if right[j] < v[i] {
                out.push(right[j]);
                n += v.len() - i;
                j += 1;
            } else {
                out.push(v[i]);
                i += 1;
            }
        }
        out.extend_from_slice(&v[i..]);
        out.extend_from_slice(&right[j..]);
        *v = out;
        n
    }
    layers.iter().map(|layer| count(&mut layer.iter().map(|&v| was[v]).filter(|k| k.is_finite()).collect())).sum()
}

/// Rows of edges across the flow ([`Beside`](super::graph::Beside), one rank each after
/// ranking): each row is laid out in sequence, its members moved to right after its
/// first, so every edge of it runs straight to its neighbour with nothing in between.
/// Only members in the same cluster as the row's first move (moving another would split
/// its cluster's run). Returns whether anything moved.
fn place_beside(g: &LGraph, layers: &mut [Vec<usize>]) -> bool {
    let mut next = std::collections::BTreeMap::new();
    let mut has_prev = std::collections::BTreeSet::new();
    for b in &g.beside {
        next.insert(b.first, b.second);
        has_prev.insert(b.second);
    }
    let mut moved = false;
    for b in g.beside.iter().filter(|b| !has_prev.contains(&b.first)) {
        let head = b.first;
        let layer = &mut layers[g.nodes[head].rank as usize];
        let mut at = head;
        while let Some(&v) = next.get(&at) {
            if g.nodes[v].parent != g.nodes[head].parent {
                break;
            }
            let (Some(i), Some(j)) = (layer.iter().position(|&w| w == at), layer.iter().position(|&w| w == v)) else {
                break;
            };
            if j != i + 1 {
                let w = layer.remove(j);
                let i = if j < i { i - 1 } else { i };
                layer.insert(i + 1, w);
                moved = true;
            }
            at = v;
        }
    }
    moved
}

/// Ancestor lists in which each run of a long edge's dummies under one parent is a block
/// of its own (ids after the real clusters). Ordering then keeps a long edge on one side
/// of a sibling cluster over all the ranks they share, exactly as it keeps clusters apart:
/// a long edge never cuts through a cluster box it has no business in.
fn with_chain_blocks(g: &LGraph, chains: &[Option<Chain>], real: &[Vec<ClusterIdx>]) -> Vec<Vec<ClusterIdx>> {
    let mut anc = real.to_vec();
    let mut next = g.top.len();
    for chain in chains.iter().flatten() {
        let inner = &chain.nodes[1..chain.nodes.len().saturating_sub(1).max(1)];
        let mut prev_parent = None;
        for &d in inner {
            let parent = g.nodes[d].parent;
            if prev_parent != Some(parent) {
                next += 1;
                prev_parent = Some(parent);
            }
            if anc[d].len() < MAX_DEPTH {
                anc[d].push(next - 1);
            }
        }
    }
    anc
}

/// Layout nodes up to which the passes also run from [`more_starts`]: sweeps from one
/// start end in a local optimum, and on small graphs a few more starts cost little.
const MORE_STARTS_UP_TO: usize = 400;

/// Other starts for the sweeps than the depth-first one (`fresh`): its mirror image, and
/// a depth-first order upwards from the last nodes (so the order is set by where edges
/// end rather than where they start).
fn more_starts(g: &LGraph, ranks: usize, fresh: &[Vec<usize>], up: &[Vec<usize>]) -> Vec<Vec<Vec<usize>>> {
    let mirror = fresh.iter().map(|l| l.iter().rev().copied().collect()).collect();
    let layers = depth_first(g, ranks, (0..g.nodes.len()).rev(), up);
    let mut starts = vec![mirror, layers];
    // Shuffled starts, from a fixed seed so the drawing is deterministic.
    let mut rng = crate::testing::XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..(RANDOM_START_WORK / g.nodes.len().max(1)).clamp(2, MAX_RANDOM_STARTS) {
        let mut layers = fresh.to_vec();
        for layer in &mut layers {
            for i in (1..layer.len()).rev() {
                layer.swap(i, rng.below(i + 1));
            }
        }
        starts.push(layers);
    }
    starts
}

/// Shuffled starts: as many as fit in this many layout nodes' worth of sweeps, at least two
/// and at most [`MAX_RANDOM_STARTS`].
const RANDOM_START_WORK: usize = 600;
const MAX_RANDOM_STARTS: usize = 6;

/// Depth-first from every node in index order (model nodes come first, in statement
/// order), appending each node to its rank when first reached.
fn initial_order(g: &LGraph, ranks: usize, down: &[Vec<usize>]) -> Vec<Vec<usize>> {
    depth_first(g, ranks, 0..g.nodes.len(), down)
}

/// Depth-first along `next` from each of `roots` in turn, appending each node to its rank
/// when first reached.
fn depth_first(g: &LGraph, ranks: usize, roots: impl Iterator<Item = usize>, next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut layers = vec![Vec::new(); ranks];
    let mut seen = vec![false; g.nodes.len()];
    let mut stack = Vec::new();
    for start in roots {
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
            for &w in next[v].iter().rev() {
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    layers
}

/// Transpose: swap neighbours in a rank that sit directly in the same cluster whenever
/// that removes crossings with both adjacent ranks; repeat while it helps. With `was`
/// (where the previous drawing had each node across the flow, −∞ for what it lacked),
/// neighbours also swap when that crosses no more and puts them in the order they had.
fn transpose(
    layers: &mut [Vec<usize>],
    anc: &[Vec<ClusterIdx>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    pos: &mut [f64],
    mut best: usize,
    was: Option<&[f64]>,
) -> usize {
    let back = |a: usize, b: usize| was.is_some_and(|w| w[a].is_finite() && w[b].is_finite() && w[b] < w[a]);
    // Crossings between the edges of `a` and of `b` (a left of b) toward one side.
    let pair = |a: usize, b: usize, nb: &[Vec<usize>], pos: &[f64]| -> usize {
        let mut c = 0;
        for &x in &nb[a] {
            for &y in &nb[b] {
                if pos[x] > pos[y] {
                    c += 1;
                }
            }
        }
        c
    };
    for _pass in 0..8 {
        let mut improved = false;
        for layer in layers.iter_mut() {
            let len = layer.len().max(1) as f64;
            for i in 0..layer.len().saturating_sub(1) {
                let (a, b) = (layer[i], layer[i + 1]);
                if anc[a] != anc[b] {
                    continue;
                }
                let now = pair(a, b, up, pos) + pair(a, b, down, pos);
                let swapped = pair(b, a, up, pos) + pair(b, a, down, pos);
                if swapped < now || (swapped == now && back(a, b)) {
                    layer.swap(i, i + 1);
                    pos[layer[i]] = (i as f64 + 0.5) / len;
                    pos[layer[i + 1]] = (i as f64 + 1.5) / len;
                    best -= now - swapped;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    best
}

/// The index in its rank of a node at normalised position `pos` (see [`set_positions`]),
/// the rank holding `len` nodes.
pub(super) fn index_in_rank(pos: f64, len: usize) -> usize {
    (pos * len as f64 - 0.5).round() as usize
}

/// Positions normalised to `(0, 1)` within each rank, so ranks of different sizes compare.
fn set_positions(layers: &[Vec<usize>], pos: &mut [f64]) {
    for layer in layers {
        place_layer(layer, pos);
    }
}

/// [`set_positions`] for one rank.
pub(super) fn place_layer(layer: &[usize], pos: &mut [f64]) {
    let len = layer.len().max(1) as f64;
    for (i, &v) in layer.iter().enumerate() {
        pos[v] = (i as f64 + 0.5) / len;
    }
}

/// For every layout node, the real ends of the edges through it: a node's are the far
/// ends of its edges, a dummy's the two ends of its edge.
fn far_ends(g: &LGraph, chains: &[Option<Chain>]) -> Vec<Vec<usize>> {
    let mut far = vec![Vec::new(); g.nodes.len()];
    for chain in chains.iter().flatten() {
        let (a, b) = (chain.nodes[0], chain.nodes[chain.nodes.len() - 1]);
        far[a].push(b);
        far[b].push(a);
        // Inside clusters that hold only one end, a dummy heads for that end alone: there
        // the edge should run beside it, not toward the other end across the boxes between.
        // (Seed 004: 45 → 40 crossings; 400 random flowcharts: 335 → 305 cuts, 3,105 →
        // 3,154 crossings.)
        let (anc_a, anc_b) = (g.ancestors(a), g.ancestors(b));
        for &d in &chain.nodes[1..chain.nodes.len() - 1] {
            match g.nodes[d].parent {
                Some(p) if anc_b.contains(&p) && !anc_a.contains(&p) => far[d].push(b),
                Some(p) if anc_a.contains(&p) && !anc_b.contains(&p) => far[d].push(a),
                _ => far[d].extend([a, b]),
            }
        }
    }
    far
}

/// Block keys: for every cluster (and chain block), the mean over its contents in all
/// ranks of where their far ends are (or where they are, without edges).
fn block_keys(layers: &[Vec<usize>], anc: &[Vec<ClusterIdx>], far: &[Vec<usize>], pos: &[f64]) -> Vec<f64> {
    let clusters = anc.iter().flat_map(|a| a.iter().copied()).max().map_or(0, |m| m + 1);
    let (mut sum, mut count) = (vec![0.0; clusters], vec![0usize; clusters]);
    for layer in layers {
        for &v in layer {
            let key = if far[v].is_empty() {
                pos[v]
            } else {
                far[v].iter().map(|&u| pos[u]).sum::<f64>() / far[v].len() as f64
            };
            for &c in &anc[v] {
                sum[c] += key;
                count[c] += 1;
            }
        }
    }
    sum.iter().zip(&count).map(|(s, &c)| if c > 0 { s / c as f64 } else { 0.0 }).collect()
}

/// Re-sorts every rank so sibling blocks (clusters, and runs of a long edge) come in the
/// same order in all ranks, each keyed by [`block_keys`].
///
/// Real clusters (ids below `real`) with exactly equal keys are ordered by id: left to the
/// order they happen to have in each rank they could swap places between ranks, and no
/// placement can draw that.
fn consistent(
    sorter: &mut Sorter,
    layers: &[Vec<usize>],
    far: &[Vec<usize>],
    pos: &mut [f64],
    real: usize,
) -> Vec<Vec<usize>> {
    let mut global = block_keys(layers, sorter.anc, far, pos);
    let mut by_key: Vec<ClusterIdx> = (0..real.min(global.len())).collect();
    by_key.sort_by(|&a, &b| global[a].total_cmp(&global[b]).then(a.cmp(&b)));
    for pair in by_key.windows(2) {
        if global[pair[1]] <= global[pair[0]] {
            global[pair[1]] = global[pair[0]] + 1e-12;
        }
    }
    let snapshot = pos.to_vec();
    let out: Vec<Vec<usize>> =
        layers.iter().map(|layer| sorter.sort(layer, &|v| snapshot[v], &|c, _| global[c])).collect();
    set_positions(&out, pos);
    out
}

/// Sorts ranks as trees of blocks, with scratch space kept from one rank to the next.
///
/// A rank's nodes are sorted as a tree: at each level of nesting, the direct members by
/// their node key and each child block (cluster, or run of a long edge) as one entry by its
/// block key, blocks expanded in place; ties keep the current order (every entry is also
/// keyed by the index of its first node), so sorting is stable. Rather than recursing into
/// every block and gathering its members anew (on cross-cluster 5,000, 1.1 M calls, each
/// allocating, most for a block of one dummy), one pass over the rank finds every block and
/// the block (or the rank) holding each entry, each holder's entries are sorted in place,
/// and a walk from the rank's entries writes the order out.
pub(super) struct Sorter<'a> {
    anc: &'a [Vec<ClusterIdx>],
    /// For each block, its index among the blocks of the rank being sorted (`usize::MAX`
    /// when it has none there; reset after each rank).
    slot: Vec<usize>,
    blocks: Vec<ClusterIdx>,
    /// Each block's entry in its holder: (key, first node's index, holder: the block's
    /// index plus one, 0 for the rank itself).
    entry: Vec<(f64, usize, usize)>,
    /// Members of each block, flat, in rank order: block `b`'s are `members[at[b]..at[b + 1]]`.
    at: Vec<usize>,
    members: Vec<usize>,
    /// The entries of each holder (the rank, then each block), flat, sorted in place:
    /// (key, first index, node or `usize::MAX - 1 - block`).
    held_at: Vec<usize>,
    held: Vec<(f64, usize, usize)>,
}

impl<'a> Sorter<'a> {
    pub(super) fn new(anc: &'a [Vec<ClusterIdx>]) -> Self {
        let blocks = anc.iter().flat_map(|a| a.iter().copied()).max().map_or(0, |m| m + 1);
        Sorter {
            anc,
            slot: vec![usize::MAX; blocks],
            blocks: Vec::new(),
            entry: Vec::new(),
            at: Vec::new(),
            members: Vec::new(),
            held_at: Vec::new(),
            held: Vec::new(),
        }
    }

    /// `items` sorted as a tree: direct members by `node_key`, each block as one entry by
    /// `cluster_key` (given the block and its members in `items`, in their order).
    pub(super) fn sort(
        &mut self,
        items: &[usize],
        node_key: &dyn Fn(usize) -> f64,
        cluster_key: &dyn Fn(ClusterIdx, &[usize]) -> f64,
    ) -> Vec<usize> {
        let anc = self.anc;
        // Common case: nothing here sits in a block, so this is a plain stable sort.
        if items.iter().all(|&v| anc[v].is_empty()) {
            let mut keyed: Vec<(f64, usize)> = items.iter().map(|&v| node_key(v)).zip(0..).collect();
            keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            return keyed.into_iter().map(|(_, i)| items[i]).collect();
        }
        self.blocks.clear();
        self.entry.clear();
        self.at.clear();
        for (i, &v) in items.iter().enumerate() {
            let mut holder = 0;
            for &c in &anc[v] {
                if self.slot[c] == usize::MAX {
                    self.slot[c] = self.blocks.len();
                    self.blocks.push(c);
                    self.entry.push((0.0, i, holder));
                    self.at.push(0);
                }
                let b = self.slot[c];
                self.at[b] += 1;
                holder = b + 1;
            }
        }
        // Counts to ends, then filled backwards in rank order (so each ends at its start).
        let mut total = 0;
        for a in &mut self.at {
            total += *a;
            *a = total;
        }
        self.at.push(total);
        self.members.clear();
        self.members.resize(total, 0);
        for &v in items.iter().rev() {
            for &c in &anc[v] {
                let b = self.slot[c];
                self.at[b] -= 1;
                self.members[self.at[b]] = v;
            }
        }
        for (b, &c) in self.blocks.iter().enumerate() {
            self.entry[b].0 = cluster_key(c, &self.members[self.at[b]..self.at[b + 1]]);
        }
        // Each holder's entries: its direct nodes and its child blocks.
        let holders = self.blocks.len() + 1;
        self.held_at.clear();
        self.held_at.resize(holders + 1, 0);
        let holder_of = |v: usize, slot: &[usize]| anc[v].last().map_or(0, |&c| slot[c] + 1);
        for &v in items {
            self.held_at[holder_of(v, &self.slot)] += 1;
        }
        for e in &self.entry {
            self.held_at[e.2] += 1;
        }
        let mut total = 0;
        for h in &mut self.held_at {
            total += *h;
            *h = total;
        }
        self.held.clear();
        self.held.resize(total, (0.0, 0, 0));
        for (b, e) in self.entry.iter().enumerate().rev() {
            self.held_at[e.2] -= 1;
            self.held[self.held_at[e.2]] = (e.0, e.1, usize::MAX - 1 - b);
        }
        for (i, &v) in items.iter().enumerate().rev() {
            let h = holder_of(v, &self.slot);
            self.held_at[h] -= 1;
            self.held[self.held_at[h]] = (node_key(v), i, v);
        }
        for &c in &self.blocks {
            self.slot[c] = usize::MAX;
        }
        for h in 0..holders {
            self.held[self.held_at[h]..self.held_at[h + 1]]
                .sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        }
        // Depth-first from the rank's entries, each block's expanded in place.
        let mut out = Vec::with_capacity(items.len());
        let mut stack = vec![(self.held_at[0], self.held_at[1])];
        while let Some(top) = stack.last_mut() {
            if top.0 == top.1 {
                stack.pop();
                continue;
            }
            let what = self.held[top.0].2;
            top.0 += 1;
            if what > usize::MAX - 1 - self.blocks.len() {
                let h = usize::MAX - what;
                stack.push((self.held_at[h], self.held_at[h + 1]));
            } else {
                out.push(what);
            }
        }
        out
    }
}

/// Crossings between consecutive ranks.
fn count_crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[f64]) -> usize {
    (0..layers.len().saturating_sub(1)).map(|r| gap_crossings(layers, r, down, pos)).sum()
}

/// Crossings between rank `r` and `r + 1`, counted by inversions with a Fenwick tree
/// (Barth, Jünger, Mutzel), `O(E log V)`.
pub(super) fn gap_crossings(layers: &[Vec<usize>], r: usize, down: &[Vec<usize>], pos: &[f64]) -> usize {
    let next = &layers[r + 1];
    if next.is_empty() {
        return 0;
    }
    let index_of = |v: usize| index_in_rank(pos[v], next.len());
    // The edges' lower ends, by upper end and then lower end.
    let mut ends: Vec<usize> = Vec::new();
    for &u in &layers[r] {
        let from = ends.len();
        ends.extend(down[u].iter().map(|&w| index_of(w)));
        ends[from..].sort_unstable();
    }
    let mut total = 0;
    let mut tree = vec![0usize; next.len() + 1];
    for (k, &t) in ends.iter().enumerate() {
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
        let out = Sorter::new(&anc)
            .sort(&[0, 1, 2], &|v| keys[v], &|_, m: &[usize]| m.iter().map(|&v| keys[v]).sum::<f64>() / m.len() as f64);
        assert!(out == vec![0, 2, 1] || out == vec![1, 0, 2]);
    }

    /// The tree sort as it was written first, recursing into every block: what
    /// [`Sorter::sort`] must agree with.
    fn by_recursion(
        items: &[usize],
        depth: usize,
        anc: &[Vec<ClusterIdx>],
        node_key: &dyn Fn(usize) -> f64,
        cluster_key: &dyn Fn(ClusterIdx, &[usize]) -> f64,
    ) -> Vec<usize> {
        // (key, index of the first member here, the node or the block and its members)
        type Entry = (f64, usize, Result<usize, (ClusterIdx, Vec<usize>)>);
        let mut entries: Vec<Entry> = Vec::new();
        for (i, &v) in items.iter().enumerate() {
            match anc[v].get(depth) {
                None => entries.push((node_key(v), i, Ok(v))),
                Some(&c) => match entries.iter_mut().find(|e| matches!(&e.2, Err((b, _)) if *b == c)) {
                    Some((_, _, Err((_, members)))) => members.push(v),
                    _ => entries.push((0.0, i, Err((c, vec![v])))),
                },
            }
        }
        for e in &mut entries {
            if let Err((c, members)) = &e.2 {
                e.0 = cluster_key(*c, members);
            }
        }
        entries.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut out = Vec::new();
        for (_, _, e) in entries {
            match e {
                Ok(v) => out.push(v),
                Err((_, members)) => out.extend(by_recursion(&members, depth + 1, anc, node_key, cluster_key)),
            }
        }
        out
    }

    #[test]
    fn sorts_as_the_recursive_tree_sort_does() {
        let mut rng = crate::testing::XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..300 {
            // A random cluster tree (cluster c's parent below c), nodes in random clusters,
            // keys drawn from a few values so ties are common.
            let clusters = 1 + rng.below(8);
            let parent: Vec<Option<usize>> =
                (0..clusters).map(|c| if c == 0 || rng.below(3) == 0 { None } else { Some(rng.below(c)) }).collect();
            let n = 1 + rng.below(30);
            let anc: Vec<Vec<ClusterIdx>> = (0..n)
                .map(|_| {
                    let mut a = Vec::new();
                    let mut c = if rng.below(4) == 0 { None } else { Some(rng.below(clusters)) };
                    while let Some(x) = c {
                        a.push(x);
                        c = parent[x];
                    }
                    a.reverse();
                    a
                })
                .collect();
            let keys: Vec<f64> = (0..n).map(|_| rng.below(5) as f64 / 4.0).collect();
            let mut items: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                items.swap(i, rng.below(i + 1));
            }
            let mean = |_, m: &[usize]| m.iter().map(|&v| keys[v]).sum::<f64>() / m.len() as f64;
            let by_id = |c: ClusterIdx, _: &[usize]| (c % 3) as f64 / 2.0;
            let mut sorter = Sorter::new(&anc);
            assert_eq!(sorter.sort(&items, &|v| keys[v], &mean), by_recursion(&items, 0, &anc, &|v| keys[v], &mean));
            assert_eq!(sorter.sort(&items, &|v| keys[v], &by_id), by_recursion(&items, 0, &anc, &|v| keys[v], &by_id));
        }
    }
}
