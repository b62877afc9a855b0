//! Parts of a diagram that no edge joins are laid out on their own and packed.
//!
//! Two groups of nodes and subgraphs with no edge between them have nothing to say about
//! each other's order: laid out as one graph, crossing reduction and the wrap into rows
//! are free to interleave them, and an edge from one cluster of a chain to the next then
//! runs across the clusters of another chain. As ELK does (its connected components
//! separated and packed), each part — the top-level nodes and subgraphs an edge joins,
//! with everything inside them — is laid out alone (with its own variants, wrap and
//! detached subgraphs), and the drawings are then packed in declaration order side by
//! side across the flow, lined up on the middle of their first rank. A row far wider
//! than deep is cut into several, stacked along the flow, where that brings the drawing
//! nearest the aspect the wrap pass aims at.

use super::detach::{Part, Remap, only_in, put_back, sizes_of};
use super::wrap;
use crate::layout::{EdgeRoute, Layout, Options, Rect, Sizes};
use crate::model::{Diagram, Direction, Endpoint};

/// Lays `d` out part by part, or `None` when everything in it is joined.
pub(super) fn layout(d: &Diagram, sizes: &Sizes, opts: Options) -> Option<Layout> {
    let parts = parts(d);
    if parts.len() < 2 {
        return None;
    }
    // One map of new indices serves every part: each element is in exactly one.
    let mut remap = Remap { node: vec![None; d.nodes.len()], cluster: vec![None; d.clusters.len()] };
    for p in &parts {
        p.nodes.iter().enumerate().for_each(|(i, &n)| remap.node[n] = Some(i));
        p.clusters.iter().enumerate().for_each(|(i, &k)| remap.cluster[k] = Some(i));
    }
    let inner = Options { margin: 0.0, ..opts };
    // Parts try the layout variants in declaration order while the budget lasts.
    let mut budget = super::TRY_VARIANTS_UP_TO;
    let drawn: Vec<Layout> = parts
        .iter()
        .map(|p| {
            let mut sub = only_in(d, &remap, &p.nodes, &p.clusters, &p.edges);
            // The previous drawing's crossings were counted over the whole diagram.
            sub.was_crossings = None;
            let size = super::size(&sub);
            let variants = size <= budget;
            if variants {
                budget -= size;
            }
            super::layout_part(&sub, &sizes_of(sizes, &p.nodes, &p.clusters, &p.edges), inner, variants)
        })
        .collect();

    let frame = Frame(d.direction);
    let boxes: Vec<Packed> = drawn.iter().map(|l| frame.packed(l)).collect();
    let places = pack(&boxes, opts);
    let (breadth, depth) = extent(&places, &boxes);

    let mut result = Layout {
        origin: Default::default(),
        width: 0.0,
        height: 0.0,
        nodes: vec![Rect::default(); d.nodes.len()],
        clusters: vec![Rect::default(); d.clusters.len()],
        edges: vec![EdgeRoute::default(); d.edges.len()],
        crossings: 0,
        title_offsets: Vec::new(),
        over_top: drawn.iter().any(|l| l.over_top),
    };
    for ((p, l), (place, k)) in parts.iter().zip(&drawn).zip(places.iter().zip(&boxes)) {
        let (x, y) = frame.corner(*place, *k, depth);
        let part = Part { nodes: &p.nodes, clusters: &p.clusters, edges: &p.edges };
        put_back(&mut result, l, part, (x + opts.margin, y + opts.margin));
        result.crossings += l.crossings;
    }
    let (w, h) = frame.screen(breadth, depth);
    result.width = w + 2.0 * opts.margin;
    result.height = h + 2.0 * opts.margin;
    Some(result)
}

/// The elements of one part, as original indices in declaration order.
#[derive(Debug, Default)]
struct Elements {
    nodes: Vec<usize>,
    clusters: Vec<usize>,
    edges: Vec<usize>,
}

/// The parts of `d` no edge joins, in the order of their first declaration.
fn parts(d: &Diagram) -> Vec<Elements> {
    let (n, c) = (d.nodes.len(), d.clusters.len());
    // Union-find over top-level items: nodes are 0..n, clusters n..n + c.
    let outermost = |k: usize| d.cluster_ancestors(k).last().unwrap_or(k);
    let top_of_cluster: Vec<usize> = (0..c).map(|k| n + outermost(k)).collect();
    let top_of_node: Vec<usize> = (0..n).map(|i| d.nodes[i].parent.map_or(i, |p| top_of_cluster[p])).collect();
    let top = |e: Endpoint| match e {
        Endpoint::Node(i) => top_of_node[i],
        Endpoint::Cluster(k) => top_of_cluster[k],
    };
    let mut parent: Vec<usize> = (0..n + c).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for e in &d.edges {
        let (a, b) = (find(&mut parent, top(e.from)), find(&mut parent, top(e.to)));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    // Parts in the order their first element was declared.
    let mut first: Vec<Option<u32>> = vec![None; n + c];
    let roots: Vec<usize> = (0..n + c).map(|i| find(&mut parent, i)).collect();
    let mut note = |root: usize, at: u32| {
        let f = &mut first[root];
        *f = Some(f.map_or(at, |f| f.min(at)));
    };
    for i in 0..n {
        note(roots[top_of_node[i]], d.nodes[i].span.start);
    }
    for k in 0..c {
        note(roots[top_of_cluster[k]], d.clusters[k].span.start);
    }
    let mut order: Vec<usize> = (0..n + c).filter(|&r| first[r].is_some()).collect();
    order.sort_by_key(|&r| (first[r], r));
    let mut slot = vec![usize::MAX; n + c];
    order.iter().enumerate().for_each(|(i, &r)| slot[r] = i);
    let mut parts: Vec<Elements> = order.iter().map(|_| Elements::default()).collect();
    for i in 0..n {
        parts[slot[roots[top_of_node[i]]]].nodes.push(i);
    }
    for k in 0..c {
        parts[slot[roots[top_of_cluster[k]]]].clusters.push(k);
    }
    for (e, edge) in d.edges.iter().enumerate() {
        parts[slot[roots[top(edge.from)]]].edges.push(e);
    }
    parts
}

/// A part's drawing in the frame where ranks run down: its extent across and along the
/// flow, how far along the flow the middle of its first rank lies, and whether a
/// cluster's box starts it (rather than a node).
#[derive(Clone, Copy, Debug)]
struct Packed {
    breadth: f64,
    depth: f64,
    first_rank: f64,
    boxed: bool,
}

/// Where a part's drawing starts across and along the flow.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Place {
    across: f64,
    along: f64,
}

/// Turns between the diagram's direction and the frame where ranks run down.
#[derive(Clone, Copy)]
struct Frame(Direction);

impl Frame {
    fn packed(self, l: &Layout) -> Packed {
        let (breadth, depth) = self.screen(l.width, l.height);
        // Distance along the flow from where the drawing starts to a box's start and middle.
        let along = |r: &Rect| match self.0 {
            Direction::TopBottom => (r.y, r.y + r.h / 2.0),
            Direction::BottomTop => (l.height - r.bottom(), l.height - r.bottom() + r.h / 2.0),
            Direction::LeftRight => (r.x, r.x + r.w / 2.0),
            Direction::RightLeft => (l.width - r.right(), l.width - r.right() + r.w / 2.0),
        };
        let first = |rects: &[Rect]| {
            rects.iter().map(along).fold((f64::INFINITY, f64::INFINITY), |(s, m), (s2, m2)| (s.min(s2), m.min(m2)))
        };
        let ((node_start, first_rank), (cluster_start, _)) = (first(&l.nodes), first(&l.clusters));
        Packed {
            breadth,
            depth,
            first_rank: if first_rank.is_finite() { first_rank } else { 0.0 },
            boxed: cluster_start < node_start,
        }
    }

    /// A width and height in the frame (breadth, depth), or the other way round: the
    /// frame only swaps axes.
    fn screen(self, a: f64, b: f64) -> (f64, f64) {
        if self.0.is_horizontal() { (b, a) } else { (a, b) }
    }

    /// The top-left corner on screen of a part placed at `p` in a drawing `depth` deep.
    fn corner(self, p: Place, k: Packed, depth: f64) -> (f64, f64) {
        match self.0 {
            Direction::TopBottom => (p.across, p.along),
            Direction::BottomTop => (p.across, depth - p.along - k.depth),
            Direction::LeftRight => (p.along, p.across),
            Direction::RightLeft => (depth - p.along - k.depth, p.across),
        }
    }
}

/// A row of parts no broader than this (in pixels) is never wrapped, however shallow: it
/// fits a screen or two as it is, and a lone node stacked above a box reads worse than
/// one beside it.
const WRAP_FROM: f64 = 2000.0;

/// Places for the parts, in order: in one row across the flow, or, when that row is far
/// wider than deep ([`wrap::LIMIT`]) and broad ([`WRAP_FROM`]), in the number of rows that brings the drawing's
/// aspect nearest the wrap pass's first aim ([`wrap::AIMS`]).
fn pack(boxes: &[Packed], opts: Options) -> Vec<Place> {
    let gap = opts.node_spacing;
    let one_row = shelves(boxes, f64::INFINITY, opts);
    let (b, e) = extent(&one_row, boxes);
    if b <= wrap::LIMIT * e.max(1.0) || b <= WRAP_FROM {
        return one_row;
    }
    let widest = boxes.iter().map(|k| k.breadth).fold(0.0, f64::max);
    let score = |places: &[Place]| {
        let (b, e) = extent(places, boxes);
        (b.max(1.0) / e.max(1.0) / wrap::AIMS[0]).ln().abs()
    };
    let mut best = (score(&one_row), one_row);
    // For each number of rows, the narrowest rows that hold the parts in that many: the
    // rows then come out about as broad as each other.
    for rows in 2..=boxes.len().min(MAX_ROWS) {
        let (mut lo, mut hi) = (widest, b);
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if row_count(boxes, mid, gap) <= rows { hi = mid } else { lo = mid }
        }
        let places = shelves(boxes, hi, opts);
        let s = score(&places);
        if s < best.0 {
            best = (s, places);
        }
    }
    best.1
}

/// The most rows [`pack`] tries.
const MAX_ROWS: usize = 64;

/// How many rows no wider than `width` the parts take (see [`shelves`]).
fn row_count(boxes: &[Packed], width: f64, gap: f64) -> usize {
    let (mut rows, mut across) = (0, f64::INFINITY);
    for k in boxes {
        if across.is_finite() && across + k.breadth <= width {
            across += k.breadth + gap;
        } else {
            rows += 1;
            across = k.breadth + gap;
        }
    }
    rows
}

/// Parts placed in order in rows no wider than `width` (a part wider than that gets a row
/// of its own). In a row, parts that start with a cluster's box start level, and the
/// others are lined up on the middle of their first ranks, level with the first rank
/// inside the boxes.
fn shelves(boxes: &[Packed], width: f64, opts: Options) -> Vec<Place> {
    let mut places = vec![Place::default(); boxes.len()];
    let mut row_start = 0;
    let mut along = 0.0;
    while row_start < boxes.len() {
        // The parts of this row.
        let mut end = row_start;
        let mut across = 0.0;
        while end < boxes.len() && (end == row_start || across + boxes[end].breadth <= width) {
            places[end].across = across;
            across += boxes[end].breadth + opts.node_spacing;
            end += 1;
        }
        let row = &boxes[row_start..end];
        // Boxes start level; nodes line up on the middle of their first rank, and with
        // the first rank inside the boxes, where the boxes have one.
        let line = |boxed: bool| row.iter().filter(|k| k.boxed == boxed).map(|k| k.first_rank).reduce(f64::max);
        let (boxes_line, nodes_line) = (line(true), line(false));
        let line = boxes_line.unwrap_or(0.0).max(nodes_line.unwrap_or(0.0));
        let offset = |k: &Packed| if k.boxed { line - boxes_line.unwrap_or(0.0) } else { line - k.first_rank };
        let mut row_depth: f64 = 0.0;
        for (place, k) in places[row_start..end].iter_mut().zip(row) {
            place.along = along + offset(k);
            row_depth = row_depth.max(offset(k) + k.depth);
        }
        along += row_depth + opts.rank_spacing;
        row_start = end;
    }
    places
}

/// The breadth and depth of parts at `places`.
fn extent(places: &[Place], boxes: &[Packed]) -> (f64, f64) {
    places
        .iter()
        .zip(boxes)
        .fold((0.0f64, 0.0f64), |(b, e), (p, k)| (b.max(p.across + k.breadth), e.max(p.along + k.depth)))
}

#[cfg(test)]
mod tests {
    use super::super::laid_out;

    #[test]
    fn unjoined_parts_sit_side_by_side_in_declaration_order() {
        let (d, l) = laid_out("flowchart TB\n a --> b --> c\n x --> y\n subgraph s [S]\n p --> q\n end\n lone");
        let at = |id: &str| l.nodes[d.node_index(id).unwrap()];
        assert!(at("a").right() < at("x").x && at("x").right() < at("p").x && at("p").right() < at("lone").x);
        // Lined up on their first ranks' middles, level with the first rank in the box.
        assert!((at("a").center().y - at("x").center().y).abs() < 0.5);
        assert!((at("a").center().y - at("lone").center().y).abs() < 0.5);
        assert!((at("a").center().y - at("p").center().y).abs() < 0.5);
        // Each part keeps its own flow.
        assert!(at("a").y < at("b").y && at("b").y < at("c").y && at("x").y < at("y").y);
    }

    #[test]
    fn boxes_across_the_flow_start_level() {
        let (d, l) = laid_out(
            "flowchart LR\n subgraph s [S]\n a[(A tall database)] --> b\n end\n subgraph t [T]\n c --> e\n end\n subgraph u [U]\n f[A much wider first node] --> g\n end",
        );
        let b = |id: &str| l.clusters[d.cluster_index(id).unwrap()];
        assert!((b("s").x - b("t").x).abs() < 0.5 && (b("s").x - b("u").x).abs() < 0.5);
        assert!(b("s").bottom() < b("t").y && b("t").bottom() < b("u").y);
    }

    #[test]
    fn parts_of_a_bottom_up_diagram_line_up_at_the_bottom() {
        let (d, l) = laid_out("flowchart BT\n a --> b --> c\n x --> y");
        let at = |id: &str| l.nodes[d.node_index(id).unwrap()];
        assert!(at("a").right() < at("x").x);
        assert!((at("a").center().y - at("x").center().y).abs() < 0.5);
        assert!(at("c").y < at("b").y && at("y").y < at("x").y);
    }

    #[test]
    fn an_edge_between_clusters_joins_their_parts() {
        let (d, l) = laid_out(
            "flowchart LR\n subgraph s [S]\n a\n end\n subgraph t [T]\n b\n end\n subgraph u [U]\n c\n end\n s --> t\n u",
        );
        let at = |id: &str| l.nodes[d.node_index(id).unwrap()];
        assert!(at("a").right() < at("b").x, "S and T are one part, laid out left to right");
        assert!(at("c").y > at("a").bottom(), "U is a part of its own, below across the flow");
    }

    #[test]
    fn many_parts_wrap_into_rows() {
        let mut text = String::from("flowchart TB\n");
        for i in 0..60 {
            text += &format!(" a{i} --> b{i}\n");
        }
        let (d, l) = laid_out(&text);
        assert!(l.width <= 3.0 * l.height, "{} × {}", l.width, l.height);
        let at = |id: &str| l.nodes[d.node_index(id).unwrap()];
        assert!(at("a59").y > at("b0").bottom(), "later parts in later rows");
        assert!(at("a0").x < at("a1").x, "rows read in declaration order");
    }
}
