//! Cycle breaking: reverse a few model edges so the rank graph is acyclic.
//!
//! A depth-first search in statement order finds back edges (so the edges the user wrote
//! first keep their direction, like ELK's `GREEDY_MODEL_ORDER`). Nesting edges are never
//! reversed: when a back edge is a nesting edge, a model edge on the cycle it closes is
//! reversed instead. `undo` happens in routing, where reversed chains are flipped back.

use super::graph::LGraph;

/// Reverses edges until the graph (ignored edges left out) has no cycle; edges that still
/// close a cycle after a few rounds are ignored for ranking.
pub(super) fn run(g: &mut LGraph) {
    for _round in 0..6 {
        let (back, parent_edge) = dfs(g);
        if back.is_empty() {
            return;
        }
        for e in back {
            let victim = if g.edges[e].is_nesting() { model_edge_on_path(g, e, &parent_edge) } else { Some(e) };
            if let Some(v) = victim.filter(|&v| !g.edges[v].ignored) {
                reverse(g, v);
            }
        }
    }
    let (back, parent_edge) = dfs(g);
    for e in back {
        let victim = if g.edges[e].is_nesting() { model_edge_on_path(g, e, &parent_edge) } else { Some(e) };
        if let Some(v) = victim {
            g.edges[v].ignored = true;
        }
    }
}

fn reverse(g: &mut LGraph, e: usize) {
    let edge = &mut g.edges[e];
    std::mem::swap(&mut edge.from, &mut edge.to);
    edge.reversed = !edge.reversed;
}

/// Out-edges per node, in edge order, without ignored edges.
fn out_lists(g: &LGraph) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); g.nodes.len()];
    for (i, e) in g.edges.iter().enumerate() {
        if !e.ignored {
            out[e.from].push(i);
        }
    }
    out
}

/// Back edges of an iterative DFS (starting nodes in index order, which is statement
/// order for model nodes), and the DFS tree as each node's parent edge.
fn dfs(g: &LGraph) -> (Vec<usize>, Vec<Option<usize>>) {
    let out = out_lists(g);
    let n = g.nodes.len();
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut parent_edge: Vec<Option<usize>> = vec![None; n];
    let mut back = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        stack.push((start, 0));
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&e) = out[v].get(*next) {
                *next += 1;
                let w = g.edges[e].to;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        parent_edge[w] = Some(e);
                        stack.push((w, 0));
                    }
                    1 => back.push(e),
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    (back, parent_edge)
}

/// A model edge on the tree path that, with back edge `e`, forms a cycle: walk from
/// `e.from` up the DFS tree until `e.to`.
fn model_edge_on_path(g: &LGraph, e: usize, parent_edge: &[Option<usize>]) -> Option<usize> {
    let target = g.edges[e].to;
    let mut v = g.edges[e].from;
    let mut steps = 0;
    while v != target && steps <= g.nodes.len() {
        let pe = parent_edge[v]?;
        if !g.edges[pe].is_nesting() {
            return Some(pe);
        }
        v = g.edges[pe].from;
        steps += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::graph::{Kind, LEdge, LNode};
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> LGraph {
        let mut g = LGraph::default();
        for i in 0..n {
            g.nodes.push(LNode { kind: Kind::Node(i), w: 1.0, h: 1.0, parent: None, rank: 0, order: 0, x: 0.0, y: 0.0 });
        }
        for (k, &(a, b)) in edges.iter().enumerate() {
            g.edges.push(LEdge { from: a, to: b, minlen: 1, weight: 1.0, model: Some(k), reversed: false, ignored: false });
        }
        g
    }

    #[test]
    fn breaks_a_cycle_at_the_latest_edge() {
        let mut g = graph(3, &[(0, 1), (1, 2), (2, 0)]);
        run(&mut g);
        assert!(!g.edges[0].reversed && !g.edges[1].reversed && g.edges[2].reversed);
        assert!(dfs(&g).0.is_empty());
    }
}
