//! Subgraphs with a `direction` of their own.
//!
//! As in Mermaid, a subgraph whose `direction` differs from the diagram's is laid out in
//! its own direction when no edge crosses its border: it is laid out on its own (which
//! handles subgraphs nested inside it the same way), the result takes the place of its
//! contents as one block in the surrounding layout, and is then moved into that block.
//! A subgraph with edges crossing its border keeps the surrounding direction, because
//! its members must take part in the surrounding ranks.

use crate::layout::{EdgeRoute, Layout, Options, Rect, Size, Sizes};
use crate::model::{ClusterIdx, Diagram, Direction, Endpoint, Node, Shape};

/// A subgraph laid out on its own, with the original indices of what it holds.
struct Block {
    cluster: ClusterIdx,
    layout: Layout,
    nodes: Vec<usize>,
    clusters: Vec<usize>,
    edges: Vec<usize>,
}

/// The outermost clusters that can be laid out on their own in another direction.
fn detached(d: &Diagram) -> Vec<ClusterIdx> {
    let candidate = |c: ClusterIdx| d.clusters[c].direction.is_some_and(|dir| dir != d.direction) && closed(d, c);
    (0..d.clusters.len())
        .filter(|&c| candidate(c))
        .filter(|&c| !d.cluster_ancestors(c).skip(1).any(candidate))
        .collect()
}

/// The direction the contents of cluster `c` (the whole diagram for `None`) are laid out
/// in: the diagram's, or that of the innermost detached subgraph around them.
pub(crate) fn direction_inside(d: &Diagram, c: Option<ClusterIdx>) -> Direction {
    let mut outer_first: Vec<ClusterIdx> = c.map(|c| d.cluster_ancestors(c).collect()).unwrap_or_default();
    outer_first.reverse();
    let mut dir = d.direction;
    for k in outer_first {
        if let Some(own) = d.clusters[k].direction
            && own != dir
            && closed(d, k)
        {
            dir = own;
        }
    }
    dir
}

/// Whether no edge crosses cluster `c`'s border.
fn closed(d: &Diagram, c: ClusterIdx) -> bool {
    d.edges.iter().all(|e| d.end_within(e.from, c) == d.end_within(e.to, c))
}

/// Lays `d` out with its detached subgraphs in their own directions, or `None` when it
/// has none.
pub(super) fn layout(d: &Diagram, sizes: &Sizes, opts: Options) -> Option<Layout> {
    let blocks = detached(d);
    if blocks.is_empty() {
        return None;
    }
    // Lay every block's contents out on their own.
    let mut inner: Vec<Block> = Vec::new();
    for &c in &blocks {
        let nodes: Vec<usize> =
            (0..d.nodes.len()).filter(|&n| d.nodes[n].parent.is_some_and(|p| d.cluster_within(p, c))).collect();
        let clusters: Vec<usize> = (0..d.clusters.len()).filter(|&k| k != c && d.cluster_within(k, c)).collect();
        let (mut node_in, mut cluster_in) = (vec![false; d.nodes.len()], vec![false; d.clusters.len()]);
        nodes.iter().for_each(|&n| node_in[n] = true);
        clusters.iter().for_each(|&k| cluster_in[k] = true);
        let within = |e: Endpoint| match e {
            Endpoint::Node(n) => node_in[n],
            Endpoint::Cluster(k) => cluster_in[k],
        };
        let edges: Vec<usize> =
            (0..d.edges.len()).filter(|&e| within(d.edges[e].from) && within(d.edges[e].to)).collect();
        let sub = sub_diagram(d, c, &nodes, &clusters, &edges);
        let l = super::layout_with(&sub, &sizes_of(sizes, &nodes, &clusters, &edges), Options { margin: 0.0, ..opts });
        inner.push(Block { cluster: c, layout: l, nodes, clusters, edges });
    }
    // The outer diagram: each block's contents replaced by one node of the block's size.
    let mut outer = d.clone();
    let mut outer_sizes = sizes.clone();
    let mut block_node = Vec::new();
    for b in &inner {
        let c = b.cluster;
        // Laid out already: in the outer layout the cluster is just a box around a block.
        outer.clusters[c].direction = None;
        let mut n = Node::new(format!("{}\u{0}block", d.clusters[c].id), d.clusters[c].span);
        n.shape = Shape::Text;
        n.parent = Some(c);
        outer.nodes.push(n);
        outer_sizes.nodes.push(Size { w: b.layout.width, h: b.layout.height });
        block_node.push(outer.nodes.len() - 1);
    }
    let hidden_nodes: Vec<usize> = inner.iter().flat_map(|b| b.nodes.iter().copied()).collect();
    let hidden_clusters: Vec<usize> = inner.iter().flat_map(|b| b.clusters.iter().copied()).collect();
    let hidden_edges: Vec<usize> = inner.iter().flat_map(|b| b.edges.iter().copied()).collect();
    let (reduced, keep_nodes, keep_clusters, keep_edges) =
        without(&outer, &hidden_nodes, &hidden_clusters, &hidden_edges);
    let lo = super::layout_with(&reduced, &sizes_of(&outer_sizes, &keep_nodes, &keep_clusters, &keep_edges), opts);

    // Put everything back at its original index.
    let mut result = Layout {
        origin: lo.origin,
        width: lo.width,
        height: lo.height,
        nodes: vec![Rect::default(); d.nodes.len()],
        clusters: vec![Rect::default(); d.clusters.len()],
        edges: vec![EdgeRoute::default(); d.edges.len()],
        crossings: lo.crossings,
        title_offsets: Vec::new(),
        over_top: lo.over_top,
    };
    // The block nodes (past the diagram's own) are not put back.
    let own_nodes: Vec<usize> = keep_nodes.iter().map(|&n| if n < d.nodes.len() { n } else { usize::MAX }).collect();
    put_back(&mut result, &lo, Part { nodes: &own_nodes, clusters: &keep_clusters, edges: &keep_edges }, (0.0, 0.0));
    for (Block { layout: l, nodes, clusters, edges, .. }, &b) in inner.iter().zip(&block_node) {
        let Some(at) = keep_nodes.iter().position(|&n| n == b).map(|i| lo.nodes[i]) else { continue };
        put_back(&mut result, l, Part { nodes, clusters, edges }, (at.x, at.y));
        result.crossings += l.crossings;
    }
    Some(result)
}

/// Where the elements of a part laid out on its own sit in the whole diagram: the
/// original index of each of its nodes, clusters and edges (`usize::MAX`: none).
#[derive(Clone, Copy)]
pub(super) struct Part<'a> {
    pub nodes: &'a [usize],
    pub clusters: &'a [usize],
    pub edges: &'a [usize],
}

/// Copies the boxes and routes of `part`'s layout `l`, moved by `(dx, dy)`, into
/// `result` at their original indices.
pub(super) fn put_back(result: &mut Layout, l: &Layout, part: Part, (dx, dy): (f64, f64)) {
    let shift = |r: Rect| Rect { x: r.x + dx, y: r.y + dy, ..r };
    for (i, &n) in part.nodes.iter().enumerate() {
        if let Some(slot) = result.nodes.get_mut(n) {
            *slot = shift(l.nodes[i]);
        }
    }
    for (i, &k) in part.clusters.iter().enumerate() {
        result.clusters[k] = shift(l.clusters[i]);
    }
    for (i, &e) in part.edges.iter().enumerate() {
        let r = &l.edges[i];
        result.edges[e] = EdgeRoute {
            points: r.points.iter().map(|p| crate::model::Point { x: p.x + dx, y: p.y + dy }).collect(),
            label: r.label.map(shift),
        };
    }
}

/// The sizes of a part's nodes, cluster titles and edge labels, given their original
/// indices.
pub(super) fn sizes_of(sizes: &Sizes, nodes: &[usize], clusters: &[usize], edges: &[usize]) -> Sizes {
    Sizes {
        nodes: nodes.iter().map(|&n| sizes.nodes.get(n).copied().unwrap_or_default()).collect(),
        cluster_titles: clusters.iter().map(|&k| sizes.cluster_titles.get(k).copied().unwrap_or_default()).collect(),
        edge_labels: edges.iter().map(|&e| sizes.edge_labels.get(e).copied().flatten()).collect(),
    }
}

/// The contents of cluster `c` as a diagram of their own, in `c`'s direction.
fn sub_diagram(d: &Diagram, c: ClusterIdx, nodes: &[usize], clusters: &[usize], edges: &[usize]) -> Diagram {
    let remap = Remap::new(d, nodes, clusters);
    let reparent = |p: Option<ClusterIdx>| p.filter(|&p| p != c).and_then(|p| remap.cluster[p]);
    let mut sub = Diagram {
        kind: d.kind,
        direction: d.clusters[c].direction.unwrap_or(d.direction),
        config: d.config.clone(),
        ..Diagram::default()
    };
    sub.nodes = nodes.iter().map(|&n| Node { parent: reparent(d.nodes[n].parent), ..d.nodes[n].clone() }).collect();
    sub.clusters = clusters
        .iter()
        .map(|&k| crate::model::Cluster { parent: reparent(d.clusters[k].parent), ..d.clusters[k].clone() })
        .collect();
    sub.edges = remap.edges(d, edges);
    sub
}

/// `d` without the given nodes, clusters and edges; with the kept indices of each.
fn without(
    d: &Diagram,
    nodes: &[usize],
    clusters: &[usize],
    edges: &[usize],
) -> (Diagram, Vec<usize>, Vec<usize>, Vec<usize>) {
    let mask = |len: usize, drop: &[usize]| {
        let mut keep = vec![true; len];
        drop.iter().for_each(|&i| keep[i] = false);
        keep
    };
    let (kn, kc, ke) = (mask(d.nodes.len(), nodes), mask(d.clusters.len(), clusters), mask(d.edges.len(), edges));
    let keep_nodes: Vec<usize> = (0..d.nodes.len()).filter(|&n| kn[n]).collect();
    let keep_clusters: Vec<usize> = (0..d.clusters.len()).filter(|&k| kc[k]).collect();
    let keep_edges: Vec<usize> = (0..d.edges.len()).filter(|&e| ke[e]).collect();
    let r = only(d, &keep_nodes, &keep_clusters, &keep_edges);
    (r, keep_nodes, keep_clusters, keep_edges)
}

/// `d` with only the given nodes, clusters and edges (in the given order; the edges'
/// ends and the clusters of what is kept must be kept too, or they are dropped).
pub(super) fn only(d: &Diagram, keep_nodes: &[usize], keep_clusters: &[usize], keep_edges: &[usize]) -> Diagram {
    only_in(d, &Remap::new(d, keep_nodes, keep_clusters), keep_nodes, keep_clusters, keep_edges)
}

/// [`only`] with the new indices given: `remap` need only be right for what is kept, so
/// one map serves every part of a partition.
pub(super) fn only_in(
    d: &Diagram,
    remap: &Remap,
    keep_nodes: &[usize],
    keep_clusters: &[usize],
    keep_edges: &[usize],
) -> Diagram {
    let mut r = Diagram {
        kind: d.kind,
        direction: d.direction,
        config: d.config.clone(),
        title: d.title.clone(),
        acc_title: d.acc_title.clone(),
        acc_descr: d.acc_descr.clone(),
        nodes: Vec::new(),
        clusters: Vec::new(),
        edges: Vec::new(),
        was_crossings: d.was_crossings,
        was_over_top: d.was_over_top,
    };
    r.nodes = keep_nodes
        .iter()
        .map(|&n| Node { parent: d.nodes[n].parent.and_then(|p| remap.cluster[p]), ..d.nodes[n].clone() })
        .collect();
    r.clusters = keep_clusters
        .iter()
        .map(|&k| crate::model::Cluster {
            parent: d.clusters[k].parent.and_then(|p| remap.cluster[p]),
            ..d.clusters[k].clone()
        })
        .collect();
    r.edges = remap.edges(d, keep_edges);
    r
}

/// New indices of a subset of a diagram's nodes and clusters.
pub(super) struct Remap {
    pub node: Vec<Option<usize>>,
    pub cluster: Vec<Option<usize>>,
}

impl Remap {
    pub fn new(d: &Diagram, nodes: &[usize], clusters: &[usize]) -> Remap {
        let mut node = vec![None; d.nodes.len()];
        let mut cluster = vec![None; d.clusters.len()];
        nodes.iter().enumerate().for_each(|(i, &n)| node[n] = Some(i));
        clusters.iter().enumerate().for_each(|(i, &k)| cluster[k] = Some(i));
        Remap { node, cluster }
    }

    fn endpoint(&self, e: Endpoint) -> Option<Endpoint> {
        match e {
            Endpoint::Node(n) => self.node[n].map(Endpoint::Node),
            Endpoint::Cluster(k) => self.cluster[k].map(Endpoint::Cluster),
        }
    }

    /// The given edges with both ends remapped. Callers only pass edges whose ends are
    /// in the subset; any other would be dropped rather than panic.
    fn edges(&self, d: &Diagram, edges: &[usize]) -> Vec<crate::model::Edge> {
        edges
            .iter()
            .filter_map(|&e| {
                let (from, to) = (self.endpoint(d.edges[e].from)?, self.endpoint(d.edges[e].to)?);
                Some(crate::model::Edge { from, to, ..d.edges[e].clone() })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::laid_out;

    #[test]
    fn a_closed_subgraph_follows_its_own_direction() {
        let (d, l) = laid_out(
            "flowchart TB\n s --> g\n subgraph g [G]\n direction LR\n a --> b --> c\n subgraph h [H]\n direction TB\n x --> y\n end\n end\n g --> f",
        );
        let at = |id: &str| l.nodes[d.node_index(id).unwrap()].center();
        assert!(at("a").x < at("b").x && at("b").x < at("c").x, "LR inside TB");
        assert!((at("a").y - at("c").y).abs() < 1.0);
        assert!(at("x").y < at("y").y && (at("x").x - at("y").x).abs() < 1.0, "TB inside LR");
        assert!(at("s").y < at("a").y && at("a").y < at("f").y, "the block sits between its neighbours");
    }

    #[test]
    fn an_edge_across_the_border_keeps_the_outer_direction() {
        let (d, l) = laid_out("flowchart TB\n subgraph g [G]\n direction LR\n p --> q\n end\n o --> p");
        let at = |id: &str| l.nodes[d.node_index(id).unwrap()].center();
        assert!(at("p").y < at("q").y, "still top to bottom");
    }
}
