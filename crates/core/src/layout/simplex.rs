//! Network simplex ranking (Gansner, Koutsofios, North & Vo, 1993): the ranks that
//! minimise Σ weight × length over all edges, subject to `length ≥ minlen`.
//!
//! Starts from a feasible ranking, grows a tight spanning tree, then repeatedly swaps a
//! tree edge with a negative cut value for the non-tree edge of least slack that
//! reconnects the tree. Parallel edges are merged first (weights add, the longest
//! minimum length wins), and an extra root with zero-weight edges to every node makes
//! the graph connected. Each iteration is linear, so callers cap the graph size (see
//! `rank::run`) and the number of iterations; the result is always a feasible ranking.

use std::collections::BTreeMap;

/// A merged edge of the simple graph.
#[derive(Clone, Copy)]
struct SEdge {
    from: usize,
    to: usize,
    minlen: i32,
    weight: f64,
}

/// Improves the feasible `rank` of `n` nodes in place. `edges` are `(from, to, minlen,
/// weight)`, acyclic. Stops after `max_iterations` exchanges.
pub(super) fn optimise(n: usize, edges: &[(usize, usize, i32, f64)], rank: &mut [i32], max_iterations: usize) {
    if n < 2 {
        return;
    }
    let root = n;
    let total = n + 1;
    let mut merged: BTreeMap<(usize, usize), (i32, f64)> = BTreeMap::new();
    for &(u, v, minlen, weight) in edges {
        let e = merged.entry((u, v)).or_insert((minlen, 0.0));
        e.0 = e.0.max(minlen);
        e.1 += weight;
    }
    let min_rank = rank.iter().copied().min().unwrap_or(0);
    let mut r: Vec<i32> = rank.iter().map(|&x| x - min_rank + 1).collect();
    r.push(0);
    let mut es: Vec<SEdge> =
        merged.into_iter().map(|((from, to), (minlen, weight))| SEdge { from, to, minlen, weight }).collect();
    for v in 0..n {
        es.push(SEdge { from: root, to: v, minlen: 1, weight: 0.0 });
    }
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); total];
    for (i, e) in es.iter().enumerate() {
        incident[e.from].push(i);
        incident[e.to].push(i);
    }
    let slack = |r: &[i32], e: &SEdge| r[e.to] - r[e.from] - e.minlen;
    if es.iter().any(|e| slack(&r, e) < 0) {
        return; // not feasible: leave the ranking as it is
    }

    // Tight spanning tree, grown from the root; when stuck, shift the tree so that the
    // least-slack edge leaving it becomes tight.
    let mut in_tree = vec![false; total];
    let mut tree_edge = vec![false; es.len()];
    in_tree[root] = true;
    let mut tree_size = 1;
    let mut members = vec![root];
    while tree_size < total {
        // Breadth-first over tight edges; `members` is the queue, scanned once per round.
        let mut i = 0;
        while i < members.len() {
            let v = members[i];
            for &ei in &incident[v] {
                let e = es[ei];
                let w = if e.from == v { e.to } else { e.from };
                if !in_tree[w] && slack(&r, &e) == 0 {
                    in_tree[w] = true;
                    tree_edge[ei] = true;
                    members.push(w);
                    tree_size += 1;
                }
            }
            i += 1;
        }
        if tree_size == total {
            break;
        }
        let best = es
            .iter()
            .enumerate()
            .filter(|(_, e)| in_tree[e.from] != in_tree[e.to])
            .min_by_key(|(i, e)| (slack(&r, e), *i));
        let Some((_, e)) = best else { return };
        let delta = if in_tree[e.from] { slack(&r, e) } else { -slack(&r, e) };
        for &m in &members {
            r[m] += delta;
        }
    }

    let mut t = Tree::new(total, &es, &tree_edge);
    t.compute(root, &es, &incident);
    for _ in 0..max_iterations {
        let Some(leave) = (0..es.len()).find(|&i| tree_edge[i] && t.cut[i] < -1e-9) else { break };
        // The tail side of the leaving edge: the endpoint further from the root.
        let e = es[leave];
        let (lower, flip) = if t.lim[e.from] > t.lim[e.to] { (e.to, true) } else { (e.from, false) };
        let descendant = |t: &Tree, v: usize| t.low[lower] <= t.lim[v] && t.lim[v] <= t.lim[lower];
        let enter = (0..es.len())
            .filter(|&i| !tree_edge[i])
            .filter(|&i| flip == descendant(&t, es[i].from) && flip != descendant(&t, es[i].to))
            .min_by_key(|&i| (slack(&r, &es[i]), i));
        let Some(enter) = enter else { break };
        tree_edge[leave] = false;
        tree_edge[enter] = true;
        t = Tree::new(total, &es, &tree_edge);
        t.compute(root, &es, &incident);
        // Re-derive ranks from the tree: every tree edge tight.
        for &v in &t.preorder {
            if let Some(pe) = t.parent_edge[v] {
                let e = es[pe];
                r[v] = if e.to == v { r[e.from] + e.minlen } else { r[e.to] - e.minlen };
            }
        }
    }
    let min = (0..n).map(|v| r[v]).min().unwrap_or(0);
    for v in 0..n {
        rank[v] = r[v] - min;
    }
}

/// The spanning tree with postorder numbers (`lim`, `low`) and cut values.
struct Tree {
    adj: Vec<Vec<usize>>,
    parent_edge: Vec<Option<usize>>,
    lim: Vec<usize>,
    low: Vec<usize>,
    preorder: Vec<usize>,
    cut: Vec<f64>,
}

impl Tree {
    fn new(total: usize, es: &[SEdge], tree_edge: &[bool]) -> Tree {
        let mut adj = vec![Vec::new(); total];
        for (i, e) in es.iter().enumerate() {
            if tree_edge[i] {
                adj[e.from].push(i);
                adj[e.to].push(i);
            }
        }
        Tree {
            adj,
            parent_edge: vec![None; total],
            lim: vec![0; total],
            low: vec![0; total],
            preorder: Vec::new(),
            cut: vec![0.0; es.len()],
        }
    }

    fn compute(&mut self, root: usize, es: &[SEdge], incident: &[Vec<usize>]) {
        let total = self.adj.len();
        let mut visited = vec![false; total];
        let mut post = Vec::with_capacity(total);
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        visited[root] = true;
        self.preorder.clear();
        self.preorder.push(root);
        let mut next_lim = 1;
        let mut low_stack: Vec<usize> = vec![next_lim];
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&ei) = self.adj[v].get(*i) {
                *i += 1;
                let e = es[ei];
                let w = if e.from == v { e.to } else { e.from };
                if !visited[w] {
                    visited[w] = true;
                    self.parent_edge[w] = Some(ei);
                    self.preorder.push(w);
                    stack.push((w, 0));
                    low_stack.push(next_lim);
                }
            } else {
                stack.pop();
                self.low[v] = low_stack.pop().unwrap_or(next_lim);
                self.lim[v] = next_lim;
                next_lim += 1;
                post.push(v);
            }
        }
        // Cut values in postorder: a child's are known before its parent's.
        for &child in &post {
            let Some(pe) = self.parent_edge[child] else { continue };
            let parent = if es[pe].from == child { es[pe].to } else { es[pe].from };
            let child_is_tail = es[pe].from == child;
            let mut cut = es[pe].weight;
            for &ei in &incident[child] {
                if ei == pe {
                    continue;
                }
                let e = es[ei];
                let is_out = e.from == child;
                let other = if is_out { e.to } else { e.from };
                if other == parent && self.parent_edge[child] == Some(ei) {
                    continue;
                }
                let points_to_head = is_out == child_is_tail;
                cut += if points_to_head { e.weight } else { -e.weight };
                if self.parent_edge[other] == Some(ei) {
                    // `other` is a tree child of `child` through this edge.
                    cut += if points_to_head { -self.cut[ei] } else { self.cut[ei] };
                }
            }
            self.cut[pe] = cut;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total_length(edges: &[(usize, usize, i32, f64)], r: &[i32]) -> f64 {
        edges.iter().map(|&(u, v, _, w)| w * f64::from(r[v] - r[u])).sum()
    }

    #[test]
    fn pulls_a_source_next_to_its_far_target() {
        // 0 → 1 → 2 → 3 → 4, and a source 5 whose only edge goes to 4: longest path puts
        // 5 at rank 0 (length 4); the optimum is rank 3 (length 1).
        let edges = [(0, 1, 1, 1.0), (1, 2, 1, 1.0), (2, 3, 1, 1.0), (3, 4, 1, 1.0), (5, 4, 1, 1.0)];
        let mut r = vec![0, 1, 2, 3, 4, 0];
        optimise(6, &edges, &mut r, 100);
        assert_eq!(r[5], 3, "{r:?}");
        assert_eq!(total_length(&edges, &r), 5.0);
    }

    #[test]
    fn a_chain_of_sources_moves_together() {
        // 5 → 6 → 4 with 4 deep down: both must move, which no single-node move finds.
        let edges = [
            (0, 1, 1, 1.0),
            (1, 2, 1, 1.0),
            (2, 3, 1, 1.0),
            (3, 4, 1, 1.0),
            (5, 6, 1, 1.0),
            (6, 4, 1, 1.0),
            (5, 4, 1, 1.0),
        ];
        let mut r = vec![0, 1, 2, 3, 4, 0, 1];
        optimise(7, &edges, &mut r, 100);
        assert_eq!((r[5], r[6]), (2, 3), "{r:?}");
        for &(u, v, m, _) in &edges {
            assert!(r[v] - r[u] >= m);
        }
    }
}
