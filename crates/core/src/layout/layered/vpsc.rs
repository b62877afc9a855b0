//! Placement with separation constraints (Dwyer, Marriott & Stuckey's VPSC, `satisfy`).
//!
//! Given desired positions `d`, weights `w` and constraints `x[r] - x[l] >= gap` that
//! form a DAG, finds positions that satisfy every constraint and stay close to the desired
//! ones in the weighted least-squares sense: variables are taken left to right, each starts
//! as its own block, and a block that violates a constraint merges with the block on the
//! other side, moving as one to the weighted mean of its members' wishes. Blocks are what
//! lets a whole cluster slide as a unit, which per-node moves cannot do.

#[derive(Clone, Copy, Debug)]
pub(super) struct Constraint {
    pub left: usize,
    pub right: usize,
    pub gap: f64,
}

struct Block {
    /// Its variables, in the order they joined: a list through [`State::next`] from
    /// `first` to `last` (a merge appends in constant time, and no block allocates one).
    first: usize,
    last: usize,
    len: usize,
    /// Constraints into this block, most violated first by their key (see [`Into`]); some
    /// may have become internal by merging (dropped lazily when they come to the top).
    ins: std::collections::BinaryHeap<Into>,
    /// Σ w·(d − offset) and Σ w: the block's position is their ratio.
    wpos: f64,
    weight: f64,
}

impl Block {
    fn posn(&self) -> f64 {
        self.wpos / self.weight
    }
}

/// A constraint into a block, keyed by where it wants the block: `posn(left's block) +
/// offset[left] + gap - offset[right]`; it is violated by how far that lies right of the
/// block's position. Only the block being built moves (every merge involves it), so the
/// keys of constraints from other blocks stay valid while their right end's offset does;
/// a merge keys the absorbed block's constraints again in the keeper's frame.
#[derive(Clone, Copy, Debug)]
struct Into {
    key: f64,
    con: usize,
}

impl PartialEq for Into {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Into {}
impl PartialOrd for Into {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Into {
    /// The largest key first, then the lowest constraint index (a max-heap pops it first).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.total_cmp(&other.key).then(other.con.cmp(&self.con))
    }
}

struct State<'a> {
    cons: &'a [Constraint],
    weight: &'a [f64],
    desired: &'a [f64],
    blocks: Vec<Block>,
    block_of: Vec<usize>,
    offset: Vec<f64>,
    /// The variable after each in its block's list (`usize::MAX` at the end).
    next: Vec<usize>,
}

impl State<'_> {
    /// The key of constraint `ci` (see [`Into`]), `None` while its left end has no block.
    fn key(&self, ci: usize) -> Option<f64> {
        let c = self.cons[ci];
        let lb = self.block_of[c.left];
        (lb != usize::MAX).then(|| self.blocks[lb].posn() + self.offset[c.left] + c.gap - self.offset[c.right])
    }
}

/// The constraints of a placement, prepared once for solving them against many desired
/// positions (the relaxation rounds of `position` solve the same constraints a dozen
/// times): each variable's incoming constraints and the order variables are taken in.
pub(super) struct Problem<'a> {
    cons: &'a [Constraint],
    ins: Vec<Vec<usize>>,
    order: Vec<usize>,
}

impl<'a> Problem<'a> {
    pub(super) fn new(n: usize, cons: &'a [Constraint]) -> Self {
        let mut ins: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, c) in cons.iter().enumerate() {
            outs[c.left].push(i);
            ins[c.right].push(i);
        }
        // Every constraint goes forward in this order (ties by index); variables on a
        // cycle, which callers never produce, go last.
        let order = super::graph::topological_order(&ins, &outs, |ci| cons[ci].right);
        Problem { cons, ins, order }
    }

    /// Positions satisfying every constraint, as close to `desired` as the weights ask.
    pub(super) fn solve(&self, desired: &[f64], weight: &[f64]) -> Vec<f64> {
        solve_prepared(self, desired, weight)
    }
}

/// [`Problem::solve`] of a one-off problem.
#[cfg(test)]
fn solve(desired: &[f64], weight: &[f64], cons: &[Constraint]) -> Vec<f64> {
    Problem::new(desired.len(), cons).solve(desired, weight)
}

fn solve_prepared(p: &Problem, desired: &[f64], weight: &[f64]) -> Vec<f64> {
    let (n, cons, ins, order) = (desired.len(), p.cons, &p.ins, &p.order);
    let mut st = State {
        cons,
        weight,
        desired,
        blocks: Vec::with_capacity(n),
        block_of: vec![usize::MAX; n],
        offset: vec![0.0; n],
        next: vec![usize::MAX; n],
    };
    for &v in order {
        let w = weight[v].max(1e-9);
        st.blocks.push(Block { first: v, last: v, len: 1, ins: Default::default(), wpos: w * desired[v], weight: w });
        let mut b = st.blocks.len() - 1;
        st.block_of[v] = b;
        for &ci in &ins[v] {
            if let Some(key) = st.key(ci) {
                st.blocks[b].ins.push(Into { key, con: ci });
            }
        }
        // The most violated constraint into the block merges first, until none is: each
        // merge moves the block, and the heap's top is the worst at the new position.
        while let Some(&top) = st.blocks[b].ins.peek() {
            let c = cons[top.con];
            if st.block_of[c.left] == b {
                st.blocks[b].ins.pop(); // internal since a merge
                continue;
            }
            // A key goes stale when the block its constraint comes from has since merged
            // into a later block; it is keyed again and goes back.
            let key = st.key(top.con).unwrap_or(f64::NEG_INFINITY);
            if key != top.key {
                st.blocks[b].ins.pop();
                st.blocks[b].ins.push(Into { key, con: top.con });
                continue;
            }
            if key - st.blocks[b].posn() <= 1e-7 {
                break;
            }
            st.blocks[b].ins.pop();
            b = merge(&mut st, c);
        }
    }
    let mut x: Vec<f64> = (0..n).map(|v| st.blocks[st.block_of[v]].posn() + st.offset[v]).collect();
    // Merging can slide a left block rightward past a constraint to a third block; one
    // pass in topological order pushes any such right end over, so every constraint
    // holds whatever the merge order was.
    for &v in order {
        for &ci in &ins[v] {
            let c = cons[ci];
            if x[c.left] + c.gap > x[v] {
                x[v] = x[c.left] + c.gap;
            }
        }
    }
    x
}

/// Merges the blocks on both sides of `c` so that `c` holds with equality; returns the
/// merged block (the larger one absorbs the smaller, and the smaller's constraints are
/// keyed again in the keeper's frame).
fn merge(st: &mut State, c: Constraint) -> usize {
    let (lb, rb) = (st.block_of[c.left], st.block_of[c.right]);
    // Offsets of the absorbed block's members move by `shift` into the keeper's frame.
    let (keep, gone, shift) = if st.blocks[lb].len >= st.blocks[rb].len {
        (lb, rb, st.offset[c.left] + c.gap - st.offset[c.right])
    } else {
        (rb, lb, st.offset[c.right] - c.gap - st.offset[c.left])
    };
    let moved_ins = std::mem::take(&mut st.blocks[gone].ins);
    let mut wpos = 0.0;
    let mut v = st.blocks[gone].first;
    while v != usize::MAX {
        st.offset[v] += shift;
        st.block_of[v] = keep;
        wpos += st.weight[v].max(1e-9) * (st.desired[v] - st.offset[v]);
        v = st.next[v];
    }
    st.blocks[keep].wpos += wpos;
    st.blocks[keep].weight += st.blocks[gone].weight;
    let (keep_last, gone_first, gone_last, gone_len) =
        (st.blocks[keep].last, st.blocks[gone].first, st.blocks[gone].last, st.blocks[gone].len);
    st.next[keep_last] = gone_first;
    st.blocks[keep].last = gone_last;
    st.blocks[keep].len += gone_len;
    st.blocks[gone].len = 0;
    st.blocks[gone].wpos = 0.0;
    st.blocks[gone].weight = 1.0;
    // The keeper's own keys stay valid (its members keep their offsets; the blocks its
    // constraints come from do not move); the absorbed ones are keyed again.
    for i in moved_ins.into_vec() {
        if st.block_of[st.cons[i.con].left] != keep
            && let Some(key) = st.key(i.con)
        {
            st.blocks[keep].ins.push(Into { key, con: i.con });
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_and_centres() {
        // Two variables that both want 0 and must be 10 apart end at -5 and 5.
        let x = solve(&[0.0, 0.0], &[1.0, 1.0], &[Constraint { left: 0, right: 1, gap: 10.0 }]);
        assert!((x[0] + 5.0).abs() < 1e-9 && (x[1] - 5.0).abs() < 1e-9, "{x:?}");
    }

    #[test]
    fn satisfies_chains() {
        let cons = [Constraint { left: 0, right: 1, gap: 5.0 }, Constraint { left: 1, right: 2, gap: 5.0 }];
        let x = solve(&[10.0, 0.0, 0.0], &[1.0, 1.0, 1.0], &cons);
        assert!(x[1] - x[0] >= 5.0 - 1e-9 && x[2] - x[1] >= 5.0 - 1e-9, "{x:?}");
    }

    #[test]
    fn a_long_row_becomes_one_centred_block() {
        // Every variable wants 0 and each must be 10 right of the one before: one block,
        // centred on 0 (the least-squares optimum), built by merges one variable at a time.
        let n = 2_000;
        let cons: Vec<Constraint> = (1..n).map(|i| Constraint { left: i - 1, right: i, gap: 10.0 }).collect();
        let x = solve(&vec![0.0; n], &vec![1.0; n], &cons);
        for (i, &xi) in x.iter().enumerate() {
            let want = (i as f64 - (n - 1) as f64 / 2.0) * 10.0;
            assert!((xi - want).abs() < 1e-6, "{i}: {xi} against {want}");
        }
    }

    #[test]
    fn random_constraints_all_hold() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |k: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % k as u64) as usize
        };
        for _ in 0..50 {
            let n = 2 + next(200);
            let cons: Vec<Constraint> = (0..n * 2)
                .filter_map(|_| {
                    let (a, b) = (next(n), next(n));
                    (a != b).then(|| Constraint { left: a.min(b), right: a.max(b), gap: next(30) as f64 })
                })
                .collect();
            let desired: Vec<f64> = (0..n).map(|_| next(1000) as f64).collect();
            let weight: Vec<f64> = (0..n).map(|_| 1.0 + next(4) as f64).collect();
            let x = solve(&desired, &weight, &cons);
            for c in &cons {
                assert!(x[c.right] - x[c.left] >= c.gap - 1e-6, "{c:?}: {} {}", x[c.left], x[c.right]);
            }
        }
    }
}
