//! Cycle breaking: reverse a few model edges so the rank graph is acyclic.
//!
//! Model order first, as ELK's `GREEDY_MODEL_ORDER`: inside each strongly connected
//! component, exactly the model edges that point backwards in declaration order are
//! reversed. Cluster borders are ordered around their members (top just before the first,
//! bottom just after the last), so nesting edges always point forward and are never
//! reversed, and every remaining edge points forward: the result is acyclic by
//! construction. (A depth-first search instead can reach a late node through a back edge
//! and then reverse the ordinary forward edges it meets, turning whole regions upside
//! down.) A depth-first pass stays behind as a safety net. `undo` happens in routing,
//! where reversed chains are flipped back.

use super::graph::{Kind, LGraph};

/// Reverses edges until the graph (ignored edges left out) has no cycle; edges that still
/// close a cycle after a few rounds are ignored for ranking.
pub(super) fn run(g: &mut LGraph) {
    reverse_against_model_order(g);
    for _round in 0..6 {
        let (back, parent_edge) = dfs(g);
        if back.is_empty() {
            return;
        }
        // Victims are collected first: two back edges closing cycles through the same tree
        // edge (parallel edges, say) must reverse it once, not twice.
        let mut victims = std::collections::BTreeSet::new();
        for e in back {
            let edge = &g.edges[e];
            let victim = if edge.is_nesting() || edge.fixed {
                model_edge_on_path(g, e, &parent_edge).or((!edge.is_nesting()).then_some(e))
            } else {
                Some(e)
            };
            victims.extend(victim.filter(|&v| !g.edges[v].ignored));
        }
        for v in victims {
            reverse(g, v);
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

/// Declaration-order key of every layout node: model nodes by index, a cluster's top
/// border half a step before its first member, its bottom half a step after its last.
/// An empty cluster takes its parent's border keys (a top-level one sorts after every
/// node; ties are never reversed). Sorted after its parent's bottom instead, an empty
/// subgraph inside a full one had model edges reversed against the nesting, which left a
/// cycle through nesting edges for ranking.
fn model_order(g: &LGraph) -> Vec<f64> {
    let clusters = g.top.len();
    let (mut first, mut last) = (vec![f64::INFINITY; clusters], vec![f64::NEG_INFINITY; clusters]);
    for (v, node) in g.nodes.iter().enumerate() {
        if let Kind::Node(i) = node.kind {
            for c in g.ancestors(v) {
                first[c] = first[c].min(i as f64);
                last[c] = last[c].max(i as f64);
            }
        }
    }
    let mut border = vec![(0.0, 0.0); clusters];
    let mut outer_first: Vec<usize> = (0..clusters).collect();
    outer_first.sort_by_key(|&c| g.cluster_depth(c));
    for c in outer_first {
        border[c] = if first[c].is_finite() {
            (first[c] - 0.5, last[c] + 0.5)
        } else if let Some(p) = g.cluster_parent[c] {
            border[p]
        } else {
            ((g.nodes.len() + 2 * c) as f64, (g.nodes.len() + 2 * c + 1) as f64)
        };
    }
    g.nodes
        .iter()
        .map(|n| match n.kind {
            Kind::Node(i) => i as f64,
            Kind::Top(c) => border[c].0,
            Kind::Bottom(c) => border[c].1,
            _ => f64::INFINITY,
        })
        .collect()
}

fn reverse_against_model_order(g: &mut LGraph) {
    let key = fixed_first_order(g).unwrap_or_else(|| model_order(g));
    let component = strongly_connected(g);
    for e in 0..g.edges.len() {
        let edge = &g.edges[e];
        if edge.ignored || edge.is_nesting() || edge.fixed || component[edge.from] != component[edge.to] {
            continue;
        }
        if key[edge.to] < key[edge.from] {
            reverse(g, e);
        }
    }
}

/// With edges whose direction the text fixed: declaration order bent as little as those
/// edges (and the nesting) require — a topological order of the fixed and nesting edges,
/// ties taken in declaration order. Reversing every other edge of a cycle that points
/// backwards in it leaves no cycle, and no fixed edge reversed. `None` without fixed
/// edges, or when they contradict each other (a ring of `Rel_R`); declaration order and
/// the depth-first fallback decide then.
fn fixed_first_order(g: &LGraph) -> Option<Vec<f64>> {
    if !g.edges.iter().any(|e| e.fixed && !e.ignored) {
        return None;
    }
    let key = model_order(g);
    let n = g.nodes.len();
    let mut by_key: Vec<usize> = (0..n).collect();
    by_key.sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
    let mut priority = vec![0; n];
    for (p, &v) in by_key.iter().enumerate() {
        priority[v] = p;
    }
    let mut outs = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for e in g.edges.iter().filter(|e| !e.ignored && (e.fixed || e.is_nesting())) {
        outs[e.from].push(e.to);
        indeg[e.to] += 1;
    }
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> =
        (0..n).filter(|&v| indeg[v] == 0).map(|v| std::cmp::Reverse((priority[v], v))).collect();
    let mut order = vec![f64::NAN; n];
    let mut placed = 0;
    while let Some(std::cmp::Reverse((_, v))) = ready.pop() {
        order[v] = placed as f64;
        placed += 1;
        for &w in &outs[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(std::cmp::Reverse((priority[w], w)));
            }
        }
    }
    (placed == n).then_some(order)
}

/// Strongly connected components (Tarjan, iterative so deep graphs cannot overflow the
/// stack): a component number per node.
fn strongly_connected(g: &LGraph) -> Vec<usize> {
    let out = out_lists(g);
    let n = g.nodes.len();
    const UNSEEN: usize = usize::MAX;
    let (mut index, mut low, mut comp) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut next_index, mut next_comp) = (Vec::new(), 0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if let Some(&e) = out[v].get(*i) {
                *i += 1;
                let w = g.edges[e].to;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
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

/// A model edge on the tree path that, with back edge `e`, forms a cycle (walk from
/// `e.from` up the DFS tree until `e.to`), other than one whose direction the text fixed.
fn model_edge_on_path(g: &LGraph, e: usize, parent_edge: &[Option<usize>]) -> Option<usize> {
    let target = g.edges[e].to;
    let mut v = g.edges[e].from;
    let mut steps = 0;
    while v != target && steps <= g.nodes.len() {
        let pe = parent_edge[v]?;
        if !g.edges[pe].is_nesting() && !g.edges[pe].fixed {
            return Some(pe);
        }
        v = g.edges[pe].from;
        steps += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::graph::{LEdge, LNode};
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> LGraph {
        let mut g = LGraph::default();
        for i in 0..n {
            g.nodes.push(LNode::new(Kind::Node(i), 1.0, 1.0, None, 0));
        }
        for (k, &(a, b)) in edges.iter().enumerate() {
            g.edges.push(LEdge {
                from: a,
                to: b,
                minlen: 1,
                weight: 1,
                model: Some(k),
                reversed: false,
                ignored: false,
                fixed: false,
            });
        }
        g
    }

    #[test]
    fn breaks_a_cycle_at_the_edge_against_model_order() {
        let mut g = graph(3, &[(0, 1), (1, 2), (2, 0)]);
        run(&mut g);
        assert!(!g.edges[0].reversed && !g.edges[1].reversed && g.edges[2].reversed);
        assert!(dfs(&g).0.is_empty());
    }

    #[test]
    fn keeps_forward_edges_when_a_back_edge_is_seen_first() {
        // 0 → 3 first, then the back edge 3 → 1, then forward 1 → 2 → 3. A depth-first
        // search from 0 would reverse the forward edge 2 → 3; model order reverses 3 → 1.
        let mut g = graph(4, &[(0, 3), (3, 1), (1, 2), (2, 3)]);
        run(&mut g);
        let reversed: Vec<bool> = g.edges.iter().map(|e| e.reversed).collect();
        assert_eq!(reversed, vec![false, true, false, false]);
    }

    #[test]
    fn edges_outside_cycles_keep_their_direction() {
        let mut g = graph(3, &[(2, 0), (1, 0)]);
        run(&mut g);
        assert!(g.edges.iter().all(|e| !e.reversed));
    }
}
