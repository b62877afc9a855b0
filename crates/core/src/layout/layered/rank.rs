//! Ranking: an integer layer for every node, with `rank(to) - rank(from) >= minlen`.
//!
//! Longest-path ranking gives a feasible start; network simplex
//! ([`simplex`](super::simplex)) then ranks optimally (least total weighted edge length),
//! at about one exchange per node. Members without edges then join their siblings and
//! cluster borders hug their members: a top border sits right above its first member, a
//! bottom border right below its last.

use super::graph::{Kind, LGraph, topological_order};

/// A safety budget of exchanges: the optimum takes about one per node on hand-drawn and
/// generated diagrams alike. Stopping early leaves a feasible but longer ranking.
const SIMPLEX_ITERATIONS_PER_NODE: usize = 8;

pub(super) fn run(g: &mut LGraph) {
    let n = g.nodes.len();
    let (ins, outs) = adjacency(g);
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
    let edges: Vec<(usize, usize, i32, i32)> =
        g.edges.iter().filter(|e| !e.ignored).map(|e| (e.from, e.to, e.minlen, e.weight)).collect();
    super::simplex::optimise(n, &edges, &mut rank, SIMPLEX_ITERATIONS_PER_NODE * n);
    slide_free_parts(g, &ins, &outs, &mut rank);
    place_unconnected(g, &ins, &outs, &mut rank);
    tighten_borders(g, &ins, &outs, &mut rank);
    let min = rank.iter().copied().min().unwrap_or(0);
    for (node, r) in g.nodes.iter_mut().zip(rank) {
        node.rank = r - min;
    }
}

/// Each node's incoming and outgoing edges (by index), leaving ignored edges out.
fn adjacency(g: &LGraph) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let n = g.nodes.len();
    let (mut ins, mut outs) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    for (i, e) in g.edges.iter().enumerate() {
        if !e.ignored {
            outs[e.from].push(i);
            ins[e.to].push(i);
        }
    }
    (ins, outs)
}

/// An edge into a cluster comes in over its top: for an edge from `u` to something inside
/// clusters that do not hold `u`, the outermost of them starts below `u` (a nesting-like
/// edge `u → top border`, weight 0). Without it, ranking puts a hub in the rank of the
/// titles of the clusters it points into, and its edges cut sideways through the boxes of
/// the clusters between (seed 004's hubs, the corpus's `hub-to-clusters`). Dagre gets the
/// same from its nesting graph, where borders take ranks between those of nodes.
///
/// Runs after cycle breaking; only edges that point forward in one topological order of
/// the graph are added, so it stays acyclic.
pub(super) fn enter_over_tops(g: &mut LGraph) {
    let n = g.nodes.len();
    let (ins, outs) = adjacency(g);
    let topo = topological_order(&ins, &outs, |e| g.edges[e].to);
    let mut at = vec![0; n];
    for (i, &v) in topo.iter().enumerate() {
        at[v] = i;
    }
    let mut added = std::collections::BTreeSet::new();
    for e in 0..g.edges.len() {
        let edge = &g.edges[e];
        if edge.ignored || edge.is_nesting() || edge.minlen < 1 {
            continue;
        }
        let (u, v) = (edge.from, edge.to);
        if !matches!(g.nodes[v].kind, Kind::Node(_)) {
            continue;
        }
        let around_u: Vec<_> = g.enclosing(u).collect();
        let Some(outer) = g.enclosing(v).take_while(|c| !around_u.contains(c)).last() else { continue };
        // Only where `u` sits directly beside that cluster (in the same parent): applied
        // to every edge into a cluster, it pushed whole subtrees down under their sources
        // (seed 004: 45 → 79 crossings; 400 random flowcharts 3,105 → 3,234).
        if g.cluster_parent[outer] != g.nodes[u].parent {
            continue;
        }
        let top = g.top[outer];
        if at[u] < at[top] && added.insert((u, top)) {
            g.nest(u, top, 1);
        }
    }
}

/// Sibling clusters follow each other along the flow when the edges between them all run
/// one way: for an edge from `u` to `v`, the outermost cluster around `u` that does not
/// hold `v` ends above the outermost one around `v` that does not hold `u` (an edge
/// `bottom border → top border`, weight 0). Without it ranking may set a cluster beside
/// the one it feeds, and the edges between them run sideways across every box in the
/// ranks they share (seed 004's DevOps edges into EKS and GKE across AWS Network). ELK's
/// hierarchical handling gets the same by laying a cluster's contents out in its parent's
/// flow as one block.
///
/// Pairs with edges both ways are left alone; the rest go in order of how many edges
/// they carry, each only if nothing already leads from the lower cluster's top to the
/// upper one's bottom, so the graph stays acyclic. Returns whether it added anything.
///
/// Stacking is not always better: it makes drawings taller and the edges between the
/// stacked clusters longer, and on some diagrams (seed 004) ordering then finds far more
/// crossings. So the engine lays small diagrams out both ways and keeps the better one
/// (see `layered::layout_with`).
pub(super) fn stack_clusters(g: &mut LGraph) -> bool {
    let before = g.edges.len();
    let mut pairs: std::collections::BTreeMap<(usize, usize), (usize, usize)> = Default::default();
    for (e, edge) in g.edges.iter().enumerate() {
        if edge.ignored || edge.is_nesting() || edge.minlen < 1 {
            continue;
        }
        let (u, v) = (edge.from, edge.to);
        let around_u: Vec<_> = g.enclosing(u).collect();
        let around_v: Vec<_> = g.enclosing(v).collect();
        let (Some(&x), Some(&y)) = (
            around_u.iter().rev().find(|c| !around_v.contains(c)),
            around_v.iter().rev().find(|c| !around_u.contains(c)),
        ) else {
            continue;
        };
        let entry = pairs.entry((x, y)).or_insert((0, e));
        entry.0 += 1;
    }
    let mut order: Vec<((usize, usize), (usize, usize))> =
        pairs.iter().filter(|(k, _)| !pairs.contains_key(&(k.1, k.0))).map(|(&k, &v)| (k, v)).collect();
    order.sort_by_key(|&(_, (count, first))| (std::cmp::Reverse(count), first));
    let n = g.nodes.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in g.edges.iter().filter(|e| !e.ignored) {
        succ[e.from].push(e.to);
    }
    let mut seen = vec![usize::MAX; n];
    let mut stack = Vec::new();
    for (i, ((x, y), _)) in order.into_iter().enumerate() {
        let (from, to) = (g.bottom[x], g.top[y]);
        // Does anything lead from `to` to `from` already?
        stack.clear();
        stack.push(to);
        seen[to] = i;
        let mut reaches = false;
        while let Some(w) = stack.pop() {
            if w == from {
                reaches = true;
                break;
            }
            for &s in &succ[w] {
                if seen[s] != i {
                    seen[s] = i;
                    stack.push(s);
                }
            }
        }
        if reaches {
            continue;
        }
        succ[from].push(to);
        g.nest(from, to, 1);
    }
    g.edges.len() > before
}

/// Nodes linked only among themselves — a part of the graph that nothing else reaches
/// through model edges, only through nesting — can slide along the flow at no cost, and
/// network simplex leaves them wherever its tree put them, often against their clusters'
/// tops. There they stretch every box around them over ranks the rest of its members are
/// not in (seed 004: `Transit Gateway ↔ Interconnect` made AWS Network and GCP Network
/// each 1,500 px tall, and every edge from DevOps and SRE into the platforms ran through
/// both). Such a part moves, as a whole, to where its members' siblings are: the shift
/// that brings each member nearest the median rank of its cluster's other members, within
/// what the nesting edges allow.
fn slide_free_parts(g: &LGraph, ins: &[Vec<usize>], outs: &[Vec<usize>], rank: &mut [i32]) {
    let n = g.nodes.len();
    let model = |e: usize| !g.edges[e].is_nesting();
    // Parts: connected components over model edges, borders and dummies excluded.
    let mut part = vec![usize::MAX; n];
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut stack = Vec::new();
    for s in 0..n {
        if part[s] != usize::MAX || !matches!(g.nodes[s].kind, Kind::Node(_)) {
            continue;
        }
        let id = parts.len();
        let mut members = Vec::new();
        let mut free = true;
        part[s] = id;
        stack.push(s);
        while let Some(v) = stack.pop() {
            members.push(v);
            for &e in ins[v].iter().chain(&outs[v]).filter(|&&e| model(e)) {
                let w = if g.edges[e].from == v { g.edges[e].to } else { g.edges[e].from };
                if !matches!(g.nodes[w].kind, Kind::Node(_)) {
                    free = false;
                    continue;
                }
                if part[w] == usize::MAX {
                    part[w] = id;
                    stack.push(w);
                }
            }
        }
        parts.push(if free && members.len() > 1 { members } else { Vec::new() });
    }
    // Each cluster's members by part, to find a member's siblings outside its own part.
    let mut by_cluster: Vec<Vec<usize>> = vec![Vec::new(); g.top.len()];
    for v in 0..n {
        if let (Kind::Node(_), Some(c)) = (g.nodes[v].kind, g.nodes[v].parent) {
            by_cluster[c].push(v);
        }
    }
    for (id, members) in parts.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let mut wanted = Vec::new();
        let (mut lo, mut hi) = (i32::MIN / 4, i32::MAX / 4);
        for &v in members {
            for &e in &ins[v] {
                let edge = &g.edges[e];
                if part[edge.from] != id {
                    lo = lo.max(rank[edge.from] + edge.minlen - rank[v]);
                }
            }
            for &e in &outs[v] {
                let edge = &g.edges[e];
                if part[edge.to] != id {
                    hi = hi.min(rank[edge.to] - edge.minlen - rank[v]);
                }
            }
            let Some(c) = g.nodes[v].parent else { continue };
            let mut siblings: Vec<i32> = by_cluster[c].iter().filter(|&&w| part[w] != id).map(|&w| rank[w]).collect();
            if siblings.is_empty() {
                continue;
            }
            siblings.sort_unstable();
            wanted.push(siblings[(siblings.len() - 1) / 2] - rank[v]);
        }
        if wanted.is_empty() || lo > hi {
            continue;
        }
        wanted.sort_unstable();
        let shift = wanted[(wanted.len() - 1) / 2].clamp(lo, hi);
        for &v in members {
            rank[v] += shift;
        }
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

/// Pulls every cluster's borders against its contents, innermost clusters first: ranking
/// (and placing unconnected members) can leave a border a rank or more away, and a border in a rank
/// where its cluster has nothing else would make the cluster's box claim that rank.
/// Borders only move inward, so edges to and from clusters stay valid.
fn tighten_borders(g: &LGraph, ins: &[Vec<usize>], outs: &[Vec<usize>], rank: &mut [i32]) {
    for c in g.clusters_inner_first() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{measure, theme::Theme};
    use crate::syntax::parse;

    fn graph(text: &str) -> (crate::model::Diagram, LGraph) {
        let d = parse(text).diagram;
        let g = LGraph::build(&d, &measure(&d, &Theme::from_config(&d.config)), d.direction);
        (d, g)
    }

    #[test]
    fn a_cluster_feeding_a_sibling_one_way_ends_above_it() {
        // `a1` and `b1` have nothing above them, so plain ranking sets both clusters side
        // by side from the first rank, and `a2 --> b2` runs across.
        let (d, mut g) = graph(
            "flowchart TB\n subgraph a [A]\n a1 --> a2\n end\n subgraph b [B]\n b1 --> b2\n b2 --> b3\n end\n \
             a2 --> b2",
        );
        super::super::acyclic::run(&mut g);
        assert!(stack_clusters(&mut g));
        run(&mut g);
        let (a, b) = (d.cluster_index("a").unwrap(), d.cluster_index("b").unwrap());
        assert!(g.nodes[g.bottom[a]].rank < g.nodes[g.top[b]].rank);
    }

    #[test]
    fn clusters_linked_both_ways_stay_as_ranking_puts_them() {
        let (_, mut g) = graph(
            "flowchart TB\n subgraph a [A]\n a1 --> a2\n end\n subgraph b [B]\n b1 --> b2\n end\n a1 --> b2\n b1 --> a2",
        );
        super::super::acyclic::run(&mut g);
        let edges = g.edges.len();
        assert!(!stack_clusters(&mut g));
        assert_eq!(g.edges.len(), edges);
    }

    #[test]
    fn stacking_never_closes_a_cycle() {
        // A above B and B above C are fine; C above A would close a cycle and is skipped
        // (the pair C → A carries one edge, fewer than the others, so it comes last).
        let (d, mut g) = graph(
            "flowchart TB\n subgraph a [A]\n a1\n end\n subgraph b [B]\n b1\n end\n subgraph c [C]\n c1\n end\n \
             a1 --> b1\n a1 --> b1\n b1 --> c1\n b1 --> c1\n c1 --> a1",
        );
        super::super::acyclic::run(&mut g);
        stack_clusters(&mut g);
        run(&mut g);
        for e in g.edges.iter().filter(|e| !e.ignored) {
            assert!(g.nodes[e.to].rank - g.nodes[e.from].rank >= e.minlen, "{e:?}");
        }
        let (a, c) = (d.cluster_index("a").unwrap(), d.cluster_index("c").unwrap());
        assert!(g.nodes[g.bottom[a]].rank < g.nodes[g.top[c]].rank);
    }

    #[test]
    fn a_part_linked_only_to_itself_slides_to_its_siblings() {
        // `gw <--> ic` links two clusters and nothing else, so it may sit in any of their
        // ranks at no cost; network simplex can leave it against the clusters' tops, where
        // it stretches both boxes over ranks their other members are not in (seed 004's
        // transit gateway). It moves down to the ranks of `a3..a5` and `b3..b5`.
        let (d, mut g) = graph(
            "flowchart TB\n subgraph A\n gw\n a3 --> a4 --> a5\n end\n subgraph B\n ic\n b3 --> b4 --> b5\n end\n \
             s1 --> s2 --> s3 --> s4 --> a3\n s4 --> b3\n gw <--> ic",
        );
        super::super::acyclic::run(&mut g);
        run(&mut g);
        let id = |name: &str| d.node_index(name).unwrap();
        let (a, b) = (d.cluster_index("A").unwrap(), d.cluster_index("B").unwrap());
        // Where simplex may leave it: right under the tops, which rise to hold it.
        let mut rank: Vec<i32> = g.nodes.iter().map(|n| n.rank).collect();
        rank[g.top[a]] = 0;
        rank[g.top[b]] = 0;
        rank[id("gw")] = 1;
        rank[id("ic")] = 2;
        let (ins, outs) = adjacency(&g);
        slide_free_parts(&g, &ins, &outs, &mut rank);
        tighten_borders(&g, &ins, &outs, &mut rank);
        assert!((rank[id("a3")]..=rank[id("a5")]).contains(&rank[id("gw")]), "{rank:?}");
        assert!((rank[id("b3")]..=rank[id("b5")]).contains(&rank[id("ic")]), "{rank:?}");
        assert_eq!(rank[g.top[a]], rank[id("a3")] - 1, "A's box starts right above its members");
    }
}
