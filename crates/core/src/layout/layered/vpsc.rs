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
    vars: Vec<usize>,
    /// Constraints into this block, some of which may have become internal by merging
    /// (dropped lazily when next scanned).
    ins: Vec<usize>,
    /// Σ w·(d − offset) and Σ w: the block's position is their ratio.
    wpos: f64,
    weight: f64,
}

impl Block {
    fn posn(&self) -> f64 {
        self.wpos / self.weight
    }
}

pub(super) fn solve(desired: &[f64], weight: &[f64], cons: &[Constraint]) -> Vec<f64> {
    let n = desired.len();
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, c) in cons.iter().enumerate() {
        outs[c.left].push(i);
        ins[c.right].push(i);
    }
    // Every constraint goes forward in this order (ties by index); variables on a cycle,
    // which callers never produce, go last.
    let order = super::graph::topological_order(&ins, &outs, |ci| cons[ci].right);
    let mut blocks: Vec<Block> = Vec::with_capacity(n);
    let mut block_of = vec![usize::MAX; n];
    let mut offset = vec![0.0; n];
    for &v in &order {
        let w = weight[v].max(1e-9);
        blocks.push(Block { vars: vec![v], ins: ins[v].clone(), wpos: w * desired[v], weight: w });
        let mut b = blocks.len() - 1;
        block_of[v] = b;
        loop {
            // Constraints into this block from other blocks that are violated, worst
            // first. Merging one moves the block, so each is checked again before its
            // merge; scanning once per batch (not once per merge) keeps big blocks cheap.
            let posn_b = blocks[b].posn();
            let mut list = std::mem::take(&mut blocks[b].ins);
            list.retain(|&ci| block_of[cons[ci].left] != b);
            let mut violated: Vec<(f64, usize)> = Vec::new();
            for &ci in &list {
                let c = cons[ci];
                let lb = block_of[c.left];
                if lb == usize::MAX {
                    continue;
                }
                let violation = blocks[lb].posn() + offset[c.left] + c.gap - (posn_b + offset[c.right]);
                if violation > 1e-7 {
                    violated.push((violation, ci));
                }
            }
            blocks[b].ins = list;
            if violated.is_empty() {
                break;
            }
            violated.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            for (_, ci) in violated {
                let c = cons[ci];
                let (lb, rb) = (block_of[c.left], block_of[c.right]);
                if lb == rb {
                    continue;
                }
                let violation = blocks[lb].posn() + offset[c.left] + c.gap - (blocks[rb].posn() + offset[c.right]);
                if violation > 1e-7 {
                    b = merge(&mut blocks, &mut block_of, &mut offset, weight, desired, c);
                }
            }
        }
    }
    let mut x: Vec<f64> = (0..n).map(|v| blocks[block_of[v]].posn() + offset[v]).collect();
    // Merging can slide a left block rightward past a constraint to a third block; one
    // pass in topological order pushes any such right end over, so every constraint
    // holds whatever the merge order was.
    for &v in &order {
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
/// merged block (the larger one absorbs the smaller).
fn merge(
    blocks: &mut [Block],
    block_of: &mut [usize],
    offset: &mut [f64],
    weight: &[f64],
    desired: &[f64],
    c: Constraint,
) -> usize {
    let (lb, rb) = (block_of[c.left], block_of[c.right]);
    // Offsets of the absorbed block's members move by `shift` into the keeper's frame.
    let (keep, gone, shift) = if blocks[lb].vars.len() >= blocks[rb].vars.len() {
        (lb, rb, offset[c.left] + c.gap - offset[c.right])
    } else {
        (rb, lb, offset[c.right] - c.gap - offset[c.left])
    };
    let moved = std::mem::take(&mut blocks[gone].vars);
    let moved_ins = std::mem::take(&mut blocks[gone].ins);
    blocks[keep].ins.extend(moved_ins);
    let mut wpos = 0.0;
    for &v in &moved {
        offset[v] += shift;
        block_of[v] = keep;
        wpos += weight[v].max(1e-9) * (desired[v] - offset[v]);
    }
    blocks[keep].wpos += wpos;
    blocks[keep].weight += blocks[gone].weight;
    blocks[keep].vars.extend(moved);
    blocks[gone].wpos = 0.0;
    blocks[gone].weight = 1.0;
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
}
