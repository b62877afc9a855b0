//! Placement: each block's items on a grid whose columns and rows come from the edges'
//! sides, blocks laid out innermost first so a group is one box of known size in its
//! parent.
//!
//! An edge `a:R --> L:b` between two items of a block says *b is right of a, on the same
//! row*; `a:B --> T:b` says *below, in the same column*; mixed sides (`a:R --> T:b`) say
//! right *and* below. Items the edges align share a column (or row) class; the strict
//! "right of" / "below" relations between classes form a graph that is kept acyclic in
//! declaration order (a relation that would close a cycle is the one left unsatisfied),
//! and longest paths through it give the columns and rows. Items that land in one cell
//! are stacked across the axis that aligned them (three services right of one hub
//! stack vertically, each still right of it). Items with no edges between them are
//! separate components, packed in rows of a near-square arrangement, so a group of
//! unconnected services is a compact grid and not one long row.

use super::Metrics;
use super::blocks::{Item, Tree};
use crate::layout::scene::union;
use crate::layout::{Rect, Size, Sizes};
use crate::model::{Diagram, Endpoint, Point, Side};

/// Where everything is, in absolute coordinates.
#[derive(Clone)]
pub(super) struct Placement {
    pub nodes: Vec<Rect>,
    pub clusters: Vec<Rect>,
}

/// A block laid out in its own coordinates: content size and each item's top-left.
struct BlockLayout {
    size: Size,
    at: Vec<(Item, Point, Slack)>,
}

/// What placing a block's items needs to know of each: its size, the line from its top
/// its side ports sit on, and whether its edges mostly use top and bottom (> 0) or left
/// and right (< 0).
struct Facts {
    sizes: Vec<Size>,
    anchors: Vec<f64>,
    vertical_use: Vec<i32>,
    /// Where the item's edges out of the block go: the sum of their sides' directions.
    outward: Vec<(i32, i32)>,
}

/// A placement, and every item with room to move in its cell (parents first).
type Placed = (Placement, Vec<(Item, Slack)>);

/// One separately placed part of a block: its size and each member's top-left and slack.
type Part = (Size, Vec<(usize, Point, Slack)>);

/// How far an item may move inside its cell of the grid without touching anything else
/// there, left (≤ 0) and right (≥ 0), up and down.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Slack {
    x: (f64, f64),
    y: (f64, f64),
}

/// A relation between two items of one block, from one edge.
#[derive(Clone, Copy, Debug)]
struct Rel {
    a: usize,
    b: usize,
    dx: i32,
    dy: i32,
    /// The size of the edge's title, which the gap it crosses must hold.
    label: Option<Size>,
}

fn dir(s: Side) -> (i32, i32) {
    match s {
        Side::Left => (-1, 0),
        Side::Right => (1, 0),
        Side::Top => (0, -1),
        Side::Bottom => (0, 1),
    }
}

/// Placements after the first: each orders crowded cells and a block's separate parts by
/// where the edges of their items go in the placement before. The orders can flip back and
/// forth between two placements; of those made, the one whose edges drawn straight between
/// their named sides cross least is kept (ties to the later). With the previous drawing
/// (`Node::was`, the editor's), the sweeps also run from a placement ordered by where
/// things were in it, tried first, and ties go to the earlier, so a relayout keeps the
/// arrangement the user saw unless another crosses less.
const SWEEPS: usize = 2;

pub(super) fn place(d: &Diagram, sizes: &Sizes, tree: &Tree, m: &Metrics) -> Placement {
    let fresh = place_with(d, sizes, tree, m, None);
    // With a previous drawing, its order is tried first and wins ties.
    let hinted = was(d, &fresh.0).map(|before| place_with(d, sizes, tree, m, Some(&Pulls::of(d, &before))));
    let strict = hinted.is_some();
    let mut best: Option<(usize, Placed)> = None;
    for (first, scored) in hinted.into_iter().map(|h| (h, true)).chain([(fresh, false)]) {
        let mut placed = first;
        if scored {
            best = Some((side_crossings(d, &placed.0), placed.clone()));
        }
        for _ in 0..SWEEPS {
            let next = place_with(d, sizes, tree, m, Some(&Pulls::of(d, &placed.0)));
            let settled = next.0.nodes == placed.0.nodes && next.0.clusters == placed.0.clusters;
            let crossings = side_crossings(d, &next.0);
            placed = next;
            if best.as_ref().is_none_or(|b| crossings < b.0 || (crossings == b.0 && !strict)) {
                best = Some((crossings, placed.clone()));
            }
            if settled {
                break;
            }
        }
    }
    let (mut placed, movable) = best.expect("at least the fresh placement").1;
    align(d, m, &mut placed, &movable);
    placed
}

/// The previous drawing as a placement, where at least half the unpinned services and
/// junctions were in it: each at its centre then (the rest, and groups none of whose
/// members were, where `fresh` has them; a group around its members otherwise).
fn was(d: &Diagram, fresh: &Placement) -> Option<Placement> {
    let known = d.nodes.iter().filter(|n| n.was.is_some()).count();
    let free = d.nodes.iter().filter(|n| n.pinned.is_none()).count();
    if known == 0 || 2 * known < free {
        return None;
    }
    let nodes: Vec<Rect> = d
        .nodes
        .iter()
        .zip(&fresh.nodes)
        .map(|(n, &r)| match n.was {
            Some(c) => Rect { x: c.x - r.w / 2.0, y: c.y - r.h / 2.0, ..r },
            None => r,
        })
        .collect();
    let mut clusters: Vec<Option<Rect>> = vec![None; d.clusters.len()];
    for (n, node) in d.nodes.iter().enumerate() {
        if node.was.is_none() {
            continue;
        }
        for c in node.parent.map(|p| d.cluster_ancestors(p).collect::<Vec<_>>()).unwrap_or_default() {
            clusters[c] = Some(clusters[c].map_or(nodes[n], |b| union(b, nodes[n])));
        }
    }
    let clusters = clusters.iter().zip(&fresh.clusters).map(|(c, &f)| c.unwrap_or(f)).collect();
    Some(Placement { nodes, clusters })
}

/// Crossings of the edges drawn as straight lines between the middles of their named sides.
fn side_crossings(d: &Diagram, p: &Placement) -> usize {
    let at = |end: Endpoint, side: Option<Side>| {
        let r = match end {
            Endpoint::Node(n) => p.nodes[n],
            Endpoint::Cluster(c) => p.clusters[c],
        };
        side.map_or(r.center(), |s| r.side_middle(s))
    };
    let mut lines: Vec<Line> =
        d.edges.iter().map(|e| (e.from, e.to, at(e.from, e.from_side), at(e.to, e.to_side))).collect();
    // Left to right by where each line starts, so each meets only those that start before it ends.
    let left = |l: &Line| l.2.x.min(l.3.x);
    lines.sort_by(|a, b| left(a).total_cmp(&left(b)));
    let mut n = 0;
    for (k, a) in lines.iter().enumerate() {
        let end = a.2.x.max(a.3.x);
        for b in lines[k + 1..].iter().take_while(|b| left(b) <= end) {
            let shared = a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1;
            if !shared && segments_cross(a.2, a.3, b.2, b.3) {
                n += 1;
            }
        }
    }
    n
}

/// Where each item's edges to the outside of it go, in a placement: the sum and count of
/// their other ends' centres, per node and per group, and each item's own centre.
struct Pulls {
    nodes: Vec<(Point, usize)>,
    clusters: Vec<(Point, usize)>,
    node_at: Vec<Point>,
    cluster_at: Vec<Point>,
}

impl Pulls {
    fn of(d: &Diagram, p: &Placement) -> Pulls {
        let mut nodes = vec![(Point::default(), 0usize); d.nodes.len()];
        let mut clusters = vec![(Point::default(), 0usize); d.clusters.len()];
        let centre = |end: Endpoint| match end {
            Endpoint::Node(n) => p.nodes[n].center(),
            Endpoint::Cluster(c) => p.clusters[c].center(),
        };
        // The groups holding an end, innermost first (a group end counts as inside itself).
        let around = |end: Endpoint| -> Vec<usize> {
            let first = match end {
                Endpoint::Node(n) => d.nodes[n].parent,
                Endpoint::Cluster(c) => Some(c),
            };
            first.map(|c| d.cluster_ancestors(c).collect()).unwrap_or_default()
        };
        let add = |slot: &mut (Point, usize), o: Point| {
            slot.0.x += o.x;
            slot.0.y += o.y;
            slot.1 += 1;
        };
        for edge in &d.edges {
            let (ga, gb) = (around(edge.from), around(edge.to));
            for (end, mine, theirs, other) in [(edge.from, &ga, &gb, edge.to), (edge.to, &gb, &ga, edge.from)] {
                let o = centre(other);
                if let Endpoint::Node(n) = end
                    && end != other
                {
                    add(&mut nodes[n], o);
                }
                for &c in mine.iter().take_while(|c| !theirs.contains(c)) {
                    add(&mut clusters[c], o);
                }
            }
        }
        Pulls {
            nodes,
            clusters,
            node_at: p.nodes.iter().map(|r| r.center()).collect(),
            cluster_at: p.clusters.iter().map(|r| r.center()).collect(),
        }
    }

    /// Where an edge end was.
    fn centre(&self, end: Endpoint) -> Point {
        match end {
            Endpoint::Node(n) => self.node_at[n],
            Endpoint::Cluster(c) => self.cluster_at[c],
        }
    }

    /// The sum and count of where `item`'s outside edges go, and where it was.
    fn of_item(&self, item: Item) -> ((Point, usize), Point) {
        match item {
            Item::Node(n) => (self.nodes[n], self.node_at[n]),
            Item::Group(c) => (self.clusters[c], self.cluster_at[c]),
        }
    }

    /// Where the edges of these items go on average, or where they were when none has any.
    fn target(&self, items: impl Iterator<Item = Item> + Clone) -> Point {
        let (mut sum, mut n) = (Point::default(), 0usize);
        for item in items.clone() {
            let ((s, k), _) = self.of_item(item);
            sum.x += s.x;
            sum.y += s.y;
            n += k;
        }
        if n == 0 {
            let mut k = 0usize;
            for item in items {
                let (_, at) = self.of_item(item);
                sum.x += at.x;
                sum.y += at.y;
                k += 1;
            }
            n = k.max(1);
        }
        Point { x: sum.x / n as f64, y: sum.y / n as f64 }
    }
}

fn place_with(d: &Diagram, sizes: &Sizes, tree: &Tree, m: &Metrics, pulls: Option<&Pulls>) -> Placed {
    let nc = d.clusters.len();
    let mut group_size = vec![Size::default(); nc];
    let mut layouts: Vec<Option<BlockLayout>> = (0..=nc).map(|_| None).collect();
    let item_size = |item: Item, group_size: &[Size]| match item {
        Item::Node(n) => sizes.nodes.get(n).copied().unwrap_or_default(),
        Item::Group(c) => group_size[c],
    };
    for &c in &tree.inner_first {
        let l = layout_block(d, tree, c, &|i| item_size(i, &group_size), sizes, m, pulls);
        let title = m.title_room(sizes, c);
        let w = (l.size.w + 2.0 * m.padding).max(title.w + 2.0 * m.padding);
        let h = l.size.h + 2.0 * m.padding + title.h;
        group_size[c] = Size { w, h };
        layouts[c] = Some(l);
    }
    let root = layout_block(d, tree, tree.root, &|i| item_size(i, &group_size), sizes, m, pulls);
    // Top-down: absolute boxes.
    let mut nodes = vec![Rect::default(); d.nodes.len()];
    let mut clusters = vec![Rect::default(); nc];
    let mut stack: Vec<(BlockLayout, Point)> = vec![(root, Point::default())];
    // Every item with room to move in its cell, parents before what they hold.
    let mut movable: Vec<(Item, Slack)> = Vec::new();
    while let Some((l, origin)) = stack.pop() {
        for (item, at, slack) in l.at {
            if slack != Slack::default() {
                movable.push((item, slack));
            }
            let p = Point { x: origin.x + at.x, y: origin.y + at.y };
            match item {
                Item::Node(n) => {
                    let s = sizes.nodes.get(n).copied().unwrap_or_default();
                    nodes[n] = Rect { x: p.x, y: p.y, w: s.w, h: s.h };
                }
                Item::Group(c) => {
                    let s = group_size[c];
                    clusters[c] = Rect { x: p.x, y: p.y, w: s.w, h: s.h };
                    if let Some(inner) = layouts[c].take() {
                        let content = Point {
                            x: p.x + (s.w - inner.size.w) / 2.0,
                            y: p.y + m.padding + m.title_room(sizes, c).h,
                        };
                        stack.push((inner, content));
                    }
                }
            }
        }
    }
    (Placement { nodes, clusters }, movable)
}

/// How far below a node's top its side ports sit: a service's icon middle, a junction's
/// centre (`h`: the node's height).
fn port_line(d: &Diagram, m: &Metrics, n: usize, h: f64) -> f64 {
    if super::is_junction(d, n) { h / 2.0 } else { (m.icon / 2.0).min(h / 2.0) }
}

/// Moves items within the room their cells leave so more edges between different blocks
/// run straight: a service in a narrow group lines up with the one it feeds in a wide
/// group below. Each item, parents first, takes the shift (within its slack) that lines
/// up the most edges with one end inside it and facing sides (top to bottom for a shift
/// sideways, left to right for one up or down), if that is more than are lined up where
/// it is; ties go to the smaller shift.
fn align(d: &Diagram, m: &Metrics, p: &mut Placement, movable: &[(Item, Slack)]) {
    let (nn, nc) = (d.nodes.len(), d.clusters.len());
    // What each group holds (nodes, and groups with itself), and each node's edges.
    let mut held_nodes: Vec<Vec<usize>> = vec![Vec::new(); nc];
    let mut held_groups: Vec<Vec<usize>> = vec![Vec::new(); nc];
    let mut node_edges: Vec<Vec<usize>> = vec![Vec::new(); nn];
    for (n, node) in d.nodes.iter().enumerate() {
        for c in node.parent.into_iter().flat_map(|q| d.cluster_ancestors(q)) {
            held_nodes[c].push(n);
        }
    }
    for k in 0..nc {
        for c in d.cluster_ancestors(k) {
            held_groups[c].push(k);
        }
    }
    for (i, e) in d.edges.iter().enumerate() {
        for end in [e.from, e.to] {
            if let Endpoint::Node(n) = end {
                node_edges[n].push(i);
            }
        }
    }
    // An end whose side holds others too gets a port off its middle: only edges alone on
    // both their sides line up by their services' middles.
    let mut on_side: std::collections::BTreeMap<(usize, u8), usize> = Default::default();
    for e in &d.edges {
        for (end, side) in [(e.from, e.from_side), (e.to, e.to_side)] {
            if let (Endpoint::Node(n), Some(s)) = (end, side) {
                *on_side.entry((n, s as u8)).or_default() += 1;
            }
        }
    }
    let alone = |n: usize, s: Side| on_side.get(&(n, s as u8)) == Some(&1);
    // Where an end's ports line up.
    let port_at = |p: &Placement, n: usize| -> Point {
        let r = p.nodes[n];
        Point { x: r.center().x, y: r.y + port_line(d, m, n, r.h) }
    };
    let holds = |c: usize, n: usize| d.end_within(Endpoint::Node(n), c);
    let mut inside = vec![false; nn];
    let mut group_inside = vec![false; nc];
    for &(item, slack) in movable {
        let (members, groups): (&[usize], &[usize]) = match &item {
            Item::Node(n) => (std::slice::from_ref(n), &[]),
            Item::Group(c) => (&held_nodes[*c], &held_groups[*c]),
        };
        members.iter().for_each(|&n| inside[n] = true);
        groups.iter().for_each(|&c| group_inside[c] = true);
        for vertical in [true, false] {
            let (lo, hi) = if vertical { slack.x } else { slack.y };
            if hi - lo < 0.5 {
                continue;
            }
            // (offset along the way the item may move, the end inside, the end outside,
            // whether both ends are alone on their sides)
            let mut offsets: Vec<(f64, usize, usize, bool)> = Vec::new();
            for &n in members {
                for &ei in &node_edges[n] {
                    let e = &d.edges[ei];
                    let (Endpoint::Node(a), Endpoint::Node(b), Some(fs), Some(ts)) =
                        (e.from, e.to, e.from_side, e.to_side)
                    else {
                        continue;
                    };
                    let facing = if vertical {
                        matches!((fs, ts), (Side::Top, Side::Bottom) | (Side::Bottom, Side::Top))
                    } else {
                        matches!((fs, ts), (Side::Left, Side::Right) | (Side::Right, Side::Left))
                    };
                    let (mine, theirs) = if a == n { (a, b) } else { (b, a) };
                    if !facing || inside[theirs] {
                        continue;
                    }
                    let (pm, pt) = (port_at(p, mine), port_at(p, theirs));
                    let single = alone(a, fs) && alone(b, ts);
                    offsets.push((if vertical { pt.x - pm.x } else { pt.y - pm.y }, mine, theirs, single));
                }
            }
            let shifted =
                |r: Rect, by: f64| if vertical { Rect { x: r.x + by, ..r } } else { Rect { y: r.y + by, ..r } };
            let moved = |r: Rect, moves: bool, shift: f64| if moves { shifted(r, shift) } else { r };
            // A lined-up edge only runs straight when nothing else is on the line between.
            let clear = |mine: usize, theirs: usize, shift: f64| {
                let (a, b) = (port_at(p, mine), port_at(p, theirs));
                let line = if vertical {
                    Rect { x: b.x - 0.5, y: a.y.min(b.y), w: 1.0, h: (a.y - b.y).abs() }
                } else {
                    Rect { x: a.x.min(b.x), y: b.y - 0.5, w: (a.x - b.x).abs(), h: 1.0 }
                };
                let hits =
                    |r: Rect| r.x < line.right() && line.x < r.right() && r.y < line.bottom() && line.y < r.bottom();
                (0..nn).filter(|&n| n != mine && n != theirs).all(|n| !hits(moved(p.nodes[n], inside[n], shift)))
                    && (0..nc)
                        .filter(|&c| !holds(c, mine) && !holds(c, theirs))
                        .all(|c| !hits(moved(p.clusters[c], group_inside[c], shift)))
            };
            // What a shift costs: how far every facing edge is from straight, less a bonus
            // (a gap's width) for each that then runs straight.
            let cost = |shift: f64| {
                offsets
                    .iter()
                    .map(|&(o, mine, theirs, single)| {
                        let off = (o - shift).abs();
                        if single && off < 0.5 && clear(mine, theirs, shift) { off - m.gap } else { off }
                    })
                    .sum::<f64>()
            };
            let mut best = (cost(0.0), 0.0f64);
            for &(o, ..) in &offsets {
                if o < lo - 0.01 || o > hi + 0.01 {
                    continue;
                }
                let c = cost(o);
                if c < best.0 - 0.5 || ((c - best.0).abs() <= 0.5 && o.abs() < best.1.abs()) {
                    best = (c, o);
                }
            }
            let shift = best.1;
            if shift == 0.0 {
                continue;
            }
            members.iter().for_each(|&n| p.nodes[n] = shifted(p.nodes[n], shift));
            groups.iter().for_each(|&c| p.clusters[c] = shifted(p.clusters[c], shift));
        }
        members.iter().for_each(|&n| inside[n] = false);
        groups.iter().for_each(|&c| group_inside[c] = false);
    }
}

/// Lays out one block's items (nested groups already have their sizes).
fn layout_block(
    d: &Diagram,
    tree: &Tree,
    block: usize,
    size_of: &dyn Fn(Item) -> Size,
    sizes: &Sizes,
    m: &Metrics,
    pulls: Option<&Pulls>,
) -> BlockLayout {
    let items = &tree.items[block];
    let k = items.len();
    if k == 0 {
        return BlockLayout { size: Size::default(), at: Vec::new() };
    }
    // `items` is in declaration order; look items up in a sorted copy.
    let mut sorted: Vec<(Item, usize)> = items.iter().copied().zip(0..).collect();
    sorted.sort();
    let find = |item: Item| sorted.binary_search_by(|x| x.0.cmp(&item)).ok().map(|i| sorted[i].1);
    let mut rels = Vec::new();
    // Sides used by each item's edges (for choosing how to split a crowded cell).
    let mut vertical_use = vec![0i32; k];
    // Sides by which each item's edges leave the block (−1 left/top, +1 right/bottom).
    let mut outward = vec![(0i32, 0i32); k];
    for (e, edge) in d.edges.iter().enumerate() {
        let (Some(fs), Some(ts)) = (edge.from_side, edge.to_side) else { continue };
        let a = tree.item_at(d, edge.from, block).and_then(find);
        let b = tree.item_at(d, edge.to, block).and_then(find);
        for (x, other, s) in [(a, b, fs), (b, a, ts)] {
            if let (Some(x), None) = (x, other) {
                let (dx, dy) = dir(s);
                outward[x].0 += dx;
                outward[x].1 += dy;
            }
        }
        // An edge inside one item says nothing about how to place that item.
        for (x, s) in [(a, fs), (b, ts)] {
            if let Some(x) = x.filter(|_| a != b) {
                vertical_use[x] += if matches!(s, Side::Top | Side::Bottom) { 1 } else { -1 };
            }
        }
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a == b {
            continue;
        }
        let ((fx, fy), (tx, ty)) = (dir(fs), dir(ts));
        let label = sizes.edge_labels.get(e).copied().flatten();
        rels.push(Rel { a, b, dx: (fx - tx).signum(), dy: (fy - ty).signum(), label });
    }
    // Components.
    let mut comp = UnionFind::new(k);
    for r in &rels {
        comp.union(r.a, r.b);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![usize::MAX; k];
    for i in 0..k {
        let root = comp.find(i);
        if group_of[root] == usize::MAX {
            group_of[root] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of[root]].push(i);
    }
    let item_sizes: Vec<Size> = items.iter().map(|&i| size_of(i)).collect();
    // Where each item's side ports sit, from its top: a service's icon middle.
    let anchors: Vec<f64> = items
        .iter()
        .zip(&item_sizes)
        .map(|(&i, s)| match i {
            Item::Node(n) => port_line(d, m, n, s.h),
            Item::Group(_) => s.h / 2.0,
        })
        .collect();
    let facts = Facts { sizes: item_sizes, anchors, vertical_use, outward };
    let cols = axis(k, &rels, |r| r.dx);
    let rows = axis(k, &rels, |r| r.dy);
    let mut parts: Vec<Part> = Vec::new();
    for members in &groups {
        let target = |i: usize| pulls.map(|p| p.target(std::iter::once(items[i])));
        parts.push(grid_component(members, &cols, &rows, &facts, &rels, m.gap, &target));
    }
    if let Some(p) = pulls {
        let keys: Vec<Point> = groups.iter().map(|g| p.target(g.iter().map(|&i| items[i]))).collect();
        let mut order = order_parts(&parts, &keys, m.gap);
        if (2..=MAX_PERMUTED_PARTS).contains(&parts.len()) {
            let holders: Vec<(Option<usize>, Option<usize>)> = d
                .edges
                .iter()
                .map(|e| (tree.item_at(d, e.from, block).and_then(find), tree.item_at(d, e.to, block).and_then(find)))
                .collect();
            let still: Vec<Line> = d
                .edges
                .iter()
                .zip(&holders)
                .filter(|(_, h)| h.0.is_none() && h.1.is_none())
                .map(|(e, _)| (e.from, e.to, p.centre(e.from), p.centre(e.to)))
                .collect();
            let trial = Trial { d, pulls: p, items, sizes: &facts.sizes, holders: &holders, still };
            order = trial.least_crossing_order(&parts, order, m.gap);
        }
        let mut taken: Vec<Option<Part>> = parts.into_iter().map(Some).collect();
        parts = order.into_iter().filter_map(|i| taken[i].take()).collect();
    }
    let (size, offsets) = pack(&parts.iter().map(|p| p.0).collect::<Vec<_>>(), m.gap);
    let mut at = Vec::with_capacity(k);
    for ((_, placed), off) in parts.iter().zip(offsets) {
        for &(i, p, slack) in placed {
            at.push((items[i], Point { x: off.x + p.x, y: off.y + p.y }, slack));
        }
    }
    BlockLayout { size, at }
}

/// Column (or row) per item along one axis: classes of aligned items, then longest paths
/// over the strict relations kept acyclic in declaration order. Returns each item's
/// index and class.
struct Axis {
    pos: Vec<i32>,
    class: Vec<usize>,
}

fn axis(k: usize, rels: &[Rel], along_edge: impl Fn(&Rel) -> i32) -> Axis {
    // Two items the edges put both before and after each other on this axis go level
    // with each other on it: either choice would leave one edge making a long turn back.
    let key = |r: &Rel| (r.a.min(r.b), r.a.max(r.b));
    let signed = |r: &Rel| if r.a < r.b { along_edge(r) } else { -along_edge(r) };
    let mut seen: std::collections::BTreeMap<(usize, usize), (bool, bool)> = Default::default();
    for r in rels {
        let e = seen.entry(key(r)).or_default();
        match signed(r) {
            1.. => e.0 = true,
            ..=-1 => e.1 = true,
            0 => {}
        }
    }
    let along = |r: &Rel| if seen.get(&key(r)).is_some_and(|&(f, b)| f && b) { 0 } else { along_edge(r) };
    // Relations in declaration order, each kept only if it agrees with those before it:
    // a strict one must not close a cycle between classes, an alignment must not join two
    // classes that strict relations already order (directly or through others). Strict
    // relations go first: "below" from one edge and "same row" from another are both
    // served by a diagonal placement, where keeping the row would put one target on the
    // wrong side.
    let mut uf = UnionFind::new(k);
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); k];
    let strict_first = rels.iter().filter(|r| along(r) != 0).chain(rels.iter().filter(|r| along(r) == 0));
    for r in strict_first {
        let (ca, cb) = (uf.find(r.a), uf.find(r.b));
        match along(r) {
            0 => {
                if ca == cb || reaches(&succ, ca, cb) || reaches(&succ, cb, ca) {
                    continue;
                }
                uf.union(ca, cb);
                let (keep, gone) = if ca < cb { (ca, cb) } else { (cb, ca) };
                let moved = std::mem::take(&mut succ[gone]);
                for s in moved {
                    if !succ[keep].contains(&s) {
                        succ[keep].push(s);
                    }
                }
                for list in succ.iter_mut() {
                    for s in list.iter_mut() {
                        if *s == gone {
                            *s = keep;
                        }
                    }
                    list.sort_unstable();
                    list.dedup();
                }
            }
            s => {
                let (from, to) = if s > 0 { (ca, cb) } else { (cb, ca) };
                if from == to || succ[from].contains(&to) || reaches(&succ, to, from) {
                    continue;
                }
                succ[from].push(to);
            }
        }
    }
    let class: Vec<usize> = (0..k).map(|i| uf.find(i)).collect();
    let mut pred_count = vec![0usize; k];
    for list in &succ {
        for &s in list {
            pred_count[s] += 1;
        }
    }
    // Longest path (Kahn), then sources pulled up to just before their nearest successor.
    let mut pos = vec![0i32; k];
    let mut indeg = pred_count.clone();
    let mut queue: Vec<usize> = (0..k).filter(|&c| class[c] == c && indeg[c] == 0).collect();
    queue.reverse();
    let mut topo = Vec::new();
    while let Some(c) = queue.pop() {
        topo.push(c);
        for &s in &succ[c] {
            pos[s] = pos[s].max(pos[c] + 1);
            indeg[s] -= 1;
            if indeg[s] == 0 {
                queue.push(s);
            }
        }
    }
    for &c in topo.iter().rev() {
        if pred_count[c] == 0 && !succ[c].is_empty() {
            pos[c] = succ[c].iter().map(|&s| pos[s] - 1).min().unwrap_or(pos[c]);
        }
    }
    Axis { pos: (0..k).map(|i| pos[class[i]]).collect(), class }
}

fn reaches(succ: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; succ.len()];
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if std::mem::replace(&mut seen[v], true) {
            continue;
        }
        stack.extend(succ[v].iter().copied());
    }
    false
}

/// One component on its grid: returns its size and each member's top-left.
fn grid_component(
    members: &[usize],
    cols: &Axis,
    rows: &Axis,
    facts: &Facts,
    rels: &[Rel],
    gap: f64,
    target: &dyn Fn(usize) -> Option<Point>,
) -> Part {
    // Compress the used columns and rows to 0..n.
    let compress = |a: &Axis| -> std::collections::BTreeMap<i32, usize> {
        let mut v: Vec<i32> = members.iter().map(|&i| a.pos[i]).collect();
        v.sort();
        v.dedup();
        v.into_iter().enumerate().map(|(i, p)| (p, i)).collect()
    };
    let (cmap, rmap) = (compress(cols), compress(rows));
    let col = |i: usize| cmap[&cols.pos[i]];
    let row = |i: usize| rmap[&rows.pos[i]];
    let mut cells: std::collections::BTreeMap<(usize, usize), Vec<usize>> = std::collections::BTreeMap::new();
    for &i in members {
        cells.entry((col(i), row(i))).or_default().push(i);
    }
    // How each crowded cell is split: stacked (true) or side by side (false), and in what order.
    let inner_gap = gap * 0.6;
    let mut cell_size: std::collections::BTreeMap<(usize, usize), (Size, bool, f64)> =
        std::collections::BTreeMap::new();
    for (&key, list) in cells.iter_mut() {
        let same_row = list.iter().all(|&i| rows.class[i] == rows.class[list[0]]);
        let same_col = list.iter().all(|&i| cols.class[i] == cols.class[list[0]]);
        // Aligned both ways (edges that contradict each other across one axis): split
        // across the way the edges between them run (two items that are each above the
        // other go side by side), else the way their edges mostly run, so each stays short.
        let between = |vertical: bool| {
            rels.iter()
                .filter(|r| list.contains(&r.a) && list.contains(&r.b))
                .filter(|r| if vertical { r.dx == 0 && r.dy != 0 } else { r.dy == 0 && r.dx != 0 })
                .count()
        };
        let stacked = if list.len() < 2 || (same_row && !same_col) {
            true
        } else if same_col && !same_row {
            false
        } else {
            match between(true).cmp(&between(false)) {
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Equal => list.iter().map(|&i| facts.vertical_use[i]).sum::<i32>() <= 0,
            }
        };
        // Order by where each one's other ends are across the split axis: in the placement
        // before, when there is one, else on this block's grid.
        let centre = |i: usize| -> f64 {
            if let Some(t) = target(i) {
                return if stacked { t.y } else { t.x };
            }
            let others: Vec<f64> = rels
                .iter()
                .filter_map(|r| {
                    let o = if r.a == i {
                        r.b
                    } else if r.b == i {
                        r.a
                    } else {
                        return None;
                    };
                    Some(if stacked { rows.pos[o] as f64 } else { cols.pos[o] as f64 })
                })
                .chain({
                    // Edges leaving the block pull towards the side they leave by.
                    let (ox, oy) = facts.outward[i];
                    let (pull, n) = if stacked { (oy, oy.abs()) } else { (ox, ox.abs()) };
                    let far = if pull > 0 { 10.0 } else { -10.0 };
                    std::iter::repeat_n(far, n as usize)
                })
                .collect();
            if others.is_empty() { 0.0 } else { others.iter().sum::<f64>() / others.len() as f64 }
        };
        let mut keyed: Vec<(f64, usize)> = list.iter().map(|&i| (centre(i), i)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        *list = keyed.into_iter().map(|(_, i)| i).collect();
        let n = list.len() as f64;
        // Each cell's anchor: the line, from its top, its items' edges run level with (an
        // icon's middle, not the middle of icon and title), so items on one row line up.
        let (s, anchor) = if stacked {
            let h = list.iter().map(|&i| facts.sizes[i].h).sum::<f64>() + inner_gap * (n - 1.0);
            let w = list.iter().map(|&i| facts.sizes[i].w).fold(0.0, f64::max);
            (Size { w, h }, if list.len() == 1 { facts.anchors[list[0]] } else { h / 2.0 })
        } else {
            let anchor = list.iter().map(|&i| facts.anchors[i]).fold(0.0, f64::max);
            let below = list.iter().map(|&i| facts.sizes[i].h - facts.anchors[i]).fold(0.0, f64::max);
            (
                Size {
                    w: list.iter().map(|&i| facts.sizes[i].w).sum::<f64>() + inner_gap * (n - 1.0),
                    h: anchor + below,
                },
                anchor,
            )
        };
        cell_size.insert(key, (s, stacked, anchor));
    }
    let (nc, nr) = (cmap.len(), rmap.len());
    let mut widths = vec![0.0f64; nc];
    let (mut above, mut below) = (vec![0.0f64; nr], vec![0.0f64; nr]);
    for (&(c, r), &(s, _, anchor)) in &cell_size {
        widths[c] = widths[c].max(s.w);
        above[r] = above[r].max(anchor);
        below[r] = below[r].max(s.h - anchor);
    }
    let heights: Vec<f64> = above.iter().zip(&below).map(|(a, b)| a + b).collect();
    // Gaps after each column and row: the default, or wide enough for the titles of edges
    // that run straight across them (a title crossing several gaps shares them out).
    // The two ends of such an edge keep that room between them when `close_up` moves one.
    let room = 2.0 * 20.0 + 12.0;
    let (mut col_gaps, mut row_gaps) = (vec![gap; nc], vec![gap; nr]);
    let (mut apart_x, mut apart_y) = (Apart::new(), Apart::new());
    for r in rels.iter().filter(|r| members.contains(&r.a) && members.contains(&r.b)) {
        let Some(l) = r.label else { continue };
        let (ca, cb, ra, rb) = (col(r.a), col(r.b), row(r.a), row(r.b));
        if r.dx != 0 && ca != cb {
            let (lo, hi) = (ca.min(cb), ca.max(cb));
            let need = (l.w + room) / (hi - lo) as f64;
            col_gaps[lo..hi].iter_mut().for_each(|g| *g = g.max(need));
            apart_x.keep(r.a, r.b, l.w + room);
        } else if r.dy != 0 && ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            let need = (l.h + room) / (hi - lo) as f64;
            row_gaps[lo..hi].iter_mut().for_each(|g| *g = g.max(need));
            apart_y.keep(r.a, r.b, l.h + room);
        }
    }
    let starts = |v: &[f64], gaps: &[f64]| -> Vec<f64> {
        let mut acc = 0.0;
        v.iter()
            .zip(gaps)
            .map(|(w, g)| {
                let at = acc;
                acc += w + g;
                at
            })
            .collect()
    };
    let (xs, ys) = (starts(&widths, &col_gaps), starts(&heights, &row_gaps));
    let mut out = Vec::with_capacity(members.len());
    for (&(c, r), list) in &cells {
        let (s, stacked, anchor) = cell_size[&(c, r)];
        let mut x = xs[c] + (widths[c] - s.w) / 2.0;
        let top = ys[r] + above[r] - anchor;
        let mut y = top;
        // Room to move: across the column for each of a stack, along the row for each
        // of a row, and both ways for an item alone in its cell.
        let (cx, cy) = ((xs[c], xs[c] + widths[c]), (ys[r], ys[r] + heights[r]));
        let room = |at: f64, len: f64, (lo, hi): (f64, f64)| ((lo - at).min(0.0), (hi - at - len).max(0.0));
        let alone = list.len() == 1;
        for &i in list {
            let si = facts.sizes[i];
            let at = if stacked {
                let at = Point { x: x + (s.w - si.w) / 2.0, y };
                y += si.h + inner_gap;
                at
            } else {
                let at = Point { x, y: top + anchor - facts.anchors[i] };
                x += si.w + inner_gap;
                at
            };
            let slack = Slack {
                x: if stacked { room(at.x, si.w, cx) } else { (0.0, 0.0) },
                y: if !stacked || alone { room(at.y, si.h, cy) } else { (0.0, 0.0) },
            };
            out.push((i, at, slack));
        }
    }
    let total = |v: &[f64], gaps: &[f64]| v.iter().sum::<f64>() + gaps[..v.len().saturating_sub(1)].iter().sum::<f64>();
    let mut size = Size { w: total(&widths, &col_gaps), h: total(&heights, &row_gaps) };
    let row_of: Vec<usize> = out.iter().map(|&(i, ..)| row(i)).collect();
    let col_of: Vec<usize> = out.iter().map(|&(i, ..)| col(i)).collect();
    close_up(&mut out, &row_of, facts, rels, &apart_y, gap, true);
    close_up(&mut out, &col_of, facts, rels, &apart_x, gap, false);
    size.h = size.h.min(out.iter().map(|&(i, p, _)| p.y + facts.sizes[i].h).fold(0.0, f64::max));
    size.w = size.w.min(out.iter().map(|&(i, p, _)| p.x + facts.sizes[i].w).fold(0.0, f64::max));
    (size, out)
}

/// The least distance two items must keep along one axis, beyond the gap: the room the
/// title of an edge between them needs where it runs straight across.
struct Apart(std::collections::BTreeMap<(usize, usize), f64>);

impl Apart {
    fn new() -> Apart {
        Apart(Default::default())
    }

    fn keep(&mut self, a: usize, b: usize, at_least: f64) {
        let d = self.0.entry((a.min(b), a.max(b))).or_insert(0.0);
        *d = d.max(at_least);
    }

    /// The distance `a` and `b` keep: `gap`, or more for a title between them.
    fn between(&self, a: usize, b: usize, gap: f64) -> f64 {
        self.0.get(&(a.min(b), a.max(b))).map_or(gap, |&d| d.max(gap))
    }
}

/// An item alone in its row (`vertical`; its column otherwise) moves up (left) into the
/// room the rows before leave above it: as far as what overlaps it across the other way,
/// and every item a relation puts before it, allow, a gap away (or the room a title
/// between the two needs, `apart`). A row is as tall as its tallest cell, so without
/// this a service under a short neighbour of a tall group hangs below the whole group.
fn close_up(
    out: &mut [(usize, Point, Slack)],
    line_of: &[usize],
    facts: &Facts,
    rels: &[Rel],
    apart: &Apart,
    gap: f64,
    vertical: bool,
) {
    let mut moved = false;
    let mut lines: Vec<usize> = line_of.to_vec();
    lines.sort_unstable();
    lines.dedup();
    let size = |i: usize| facts.sizes[i];
    // Items a relation orders along this axis, by item.
    let mut before: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for r in rels.iter().filter(|r| if vertical { r.dy != 0 } else { r.dx != 0 }) {
        before.entry(r.a).or_default().push(r.b);
        before.entry(r.b).or_default().push(r.a);
    }
    for &line in &lines {
        let mut on_line = (0..out.len()).filter(|&k| line_of[k] == line);
        let (Some(k), None) = (on_line.next(), on_line.next()) else { continue };
        let (i, at, _) = out[k];
        let (lo, hi) = if vertical { (at.x, at.x + size(i).w) } else { (at.y, at.y + size(i).h) };
        let mut floor = 0.0f64;
        for (m, &(j, p, _)) in out.iter().enumerate() {
            if line_of[m] >= line {
                continue;
            }
            let (plo, phi, end) = if vertical {
                (p.x, p.x + size(j).w, p.y + size(j).h)
            } else {
                (p.y, p.y + size(j).h, p.x + size(j).w)
            };
            let across = plo < hi + gap && lo - gap < phi;
            let related = before.get(&i).is_some_and(|o| o.contains(&j));
            if across || related {
                floor = floor.max(end + apart.between(i, j, gap));
            }
        }
        let now = if vertical { at.y } else { at.x };
        if floor < now - 0.5 {
            let (_, p, _) = &mut out[k];
            if vertical {
                p.y = floor;
            } else {
                p.x = floor;
            }
            moved = true;
        }
    }
    // A cell's room no longer says what is free once an item has moved in beside it: each
    // item keeps of it only half the free space between it and each neighbour it could come
    // level with (moving either way as far as its room allows), so two that face each other
    // across a gap cannot both take it.
    if moved {
        let boxes: Vec<Rect> =
            out.iter().map(|&(i, p, _)| Rect { x: p.x, y: p.y, w: facts.sizes[i].w, h: facts.sizes[i].h }).collect();
        let room: Vec<Slack> = out.iter().map(|&(_, _, s)| s).collect();
        let margin = gap * 0.6;
        // Half the free space from `a`'s side to `b`, along one axis (0 when they overlap),
        // less the margin they keep.
        let half = |a_lo: f64, a_hi: f64, b_lo: f64, b_hi: f64, margin: f64| -> (f64, f64) {
            if b_lo >= a_hi {
                (f64::NEG_INFINITY, ((b_lo - a_hi - margin) / 2.0).max(0.0))
            } else if b_hi <= a_lo {
                (-((a_lo - b_hi - margin) / 2.0).max(0.0), f64::INFINITY)
            } else {
                (0.0, 0.0)
            }
        };
        let items: Vec<usize> = out.iter().map(|&(i, ..)| i).collect();
        for (k, (_, _, slack)) in out.iter_mut().enumerate() {
            let (b, rb) = (boxes[k], room[k]);
            for (m, o) in boxes.iter().enumerate() {
                if m == k {
                    continue;
                }
                // Along the axis closed up, a title between the two keeps its room.
                let (margin_x, margin_y) = if vertical {
                    (margin, margin.max(apart.between(items[k], items[m], 0.0)))
                } else {
                    (margin.max(apart.between(items[k], items[m], 0.0)), margin)
                };
                let ro = room[m];
                let level_y =
                    o.y + ro.y.0 < b.bottom() + rb.y.1 + margin && b.y + rb.y.0 < o.bottom() + ro.y.1 + margin;
                let level_x = o.x + ro.x.0 < b.right() + rb.x.1 + margin && b.x + rb.x.0 < o.right() + ro.x.1 + margin;
                if level_y {
                    let (lo, hi) = half(b.x, b.right(), o.x, o.right(), margin_x);
                    slack.x = (slack.x.0.max(lo.min(0.0)), slack.x.1.min(hi.max(0.0)));
                }
                if level_x {
                    let (lo, hi) = half(b.y, b.bottom(), o.y, o.bottom(), margin_y);
                    slack.y = (slack.y.0.max(lo.min(0.0)), slack.y.1.min(hi.max(0.0)));
                }
            }
        }
    }
}

/// The order to pack a block's parts in so each sits where its edges go: by `keys` (where
/// each part's edges went in the placement before) top to bottom into the rows `pack`
/// makes, then left to right within each row. Ties keep declaration order.
fn order_parts(parts: &[Part], keys: &[Point], gap: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| keys[a].y.total_cmp(&keys[b].y).then(a.cmp(&b)));
    let sorted: Vec<Size> = order.iter().map(|&i| parts[i].0).collect();
    let (_, offsets) = pack(&sorted, gap);
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        if k == 0 || offsets[k].x == 0.0 {
            rows.push(Vec::new());
        }
        rows.last_mut().expect("a row").push(i);
    }
    for row in &mut rows {
        row.sort_by(|&a, &b| keys[a].x.total_cmp(&keys[b].x).then(a.cmp(&b)));
    }
    rows.concat()
}

/// Blocks of at most this many separate parts try exchanging them.
const MAX_PERMUTED_PARTS: usize = 8;

/// What trying an order of a block's parts needs: the placement before (as pulls), the
/// block's items and their sizes, and which item of the block holds each edge's ends.
struct Trial<'a> {
    d: &'a Diagram,
    pulls: &'a Pulls,
    items: &'a [Item],
    sizes: &'a [Size],
    holders: &'a [(Option<usize>, Option<usize>)],
    /// The edges with neither end in the block, where they were.
    still: Vec<Line>,
}

impl Trial<'_> {
    /// An order of `parts` whose packing crosses fewer edges drawn as straight lines
    /// between their ends' centres (everything outside the block where it was in the
    /// placement before), from `first` by exchanges of two parts; `first` wins ties.
    fn least_crossing_order(&self, parts: &[Part], first: Vec<usize>, gap: f64) -> Vec<usize> {
        let mut best_cost = self.crossings(parts, &first, gap);
        let mut best = first;
        // Exchanges of two parts while one helps, the first best exchange each round.
        for _ in 0..parts.len() {
            if best_cost == 0 {
                break;
            }
            let mut step: Option<(usize, Vec<usize>)> = None;
            for i in 0..best.len() {
                for j in i + 1..best.len() {
                    let mut trial = best.clone();
                    trial.swap(i, j);
                    let c = self.crossings(parts, &trial, gap);
                    if c < step.as_ref().map_or(best_cost, |s| s.0) {
                        step = Some((c, trial));
                    }
                }
            }
            let Some((c, order)) = step else { break };
            best_cost = c;
            best = order;
        }
        best
    }

    fn crossings(&self, parts: &[Part], order: &[usize], gap: f64) -> usize {
        let before = |i: usize| self.pulls.of_item(self.items[i]).1;
        // The block's top-left in the placement before.
        let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
        for (i, s) in self.sizes.iter().enumerate() {
            let c = before(i);
            x0 = x0.min(c.x - s.w / 2.0);
            y0 = y0.min(c.y - s.h / 2.0);
        }
        let sorted: Vec<Size> = order.iter().map(|&k| parts[k].0).collect();
        let (_, offsets) = pack(&sorted, gap);
        let mut moved = vec![Point::default(); self.items.len()];
        for (&k, off) in order.iter().zip(offsets) {
            for &(i, p, _) in &parts[k].1 {
                let s = self.sizes[i];
                let now = Point { x: x0 + off.x + p.x + s.w / 2.0, y: y0 + off.y + p.y + s.h / 2.0 };
                let was = before(i);
                moved[i] = Point { x: now.x - was.x, y: now.y - was.y };
            }
        }
        let at = |end: Endpoint, holder: Option<usize>| {
            let c = self.pulls.centre(end);
            let m = holder.map(|i| moved[i]).unwrap_or_default();
            Point { x: c.x + m.x, y: c.y + m.y }
        };
        let lines: Vec<Line> = self
            .d
            .edges
            .iter()
            .zip(self.holders)
            .filter(|(_, h)| h.0.is_some() || h.1.is_some())
            .map(|(e, h)| (e.from, e.to, at(e.from, h.0), at(e.to, h.1)))
            .collect();
        let Some(reach) = lines.iter().map(|l| span(l.2, l.3)).reduce(union) else { return 0 };
        let meets = |a: &Line, b: &Line| {
            let shared = a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1;
            !shared && segments_cross(a.2, a.3, b.2, b.3)
        };
        let mut n = 0;
        for (k, a) in lines.iter().enumerate() {
            n += lines[k + 1..].iter().filter(|b| meets(a, b)).count();
        }
        // Edges that do not touch the block stay where they were.
        for b in self.still.iter().filter(|b| span(b.2, b.3).touches(reach)) {
            n += lines.iter().filter(|a| meets(a, b)).count();
        }
        n
    }
}

/// An edge drawn as a straight line: its ends and where they are.
type Line = (Endpoint, Endpoint, Point, Point);

fn span(a: Point, b: Point) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect { x, y, w: (a.x - b.x).abs(), h: (a.y - b.y).abs() }
}

/// Whether segments `a–b` and `c–d` cross at a point inside both.
fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let orient = |p: Point, q: Point, r: Point| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Components in rows, left to right, each row no wider than a near-square arrangement
/// needs (or the widest component). Returns the total size and each component's offset.
fn pack(sizes: &[Size], gap: f64) -> (Size, Vec<Point>) {
    let area: f64 = sizes.iter().map(|s| (s.w + gap) * (s.h + gap)).sum();
    let widest = sizes.iter().map(|s| s.w).fold(0.0, f64::max);
    let limit = widest.max(area.sqrt() * 1.5);
    let mut offsets = Vec::with_capacity(sizes.len());
    let (mut x, mut y, mut row_h, mut w) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for s in sizes {
        if x > 0.0 && x + s.w > limit {
            y += row_h + gap;
            x = 0.0;
            row_h = 0.0;
        }
        offsets.push(Point { x, y });
        x += s.w + gap;
        w = w.max(x - gap);
        row_h = row_h.max(s.h);
    }
    // Centre each row's parts vertically within the row.
    (Size { w, h: y + row_h }, offsets)
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the two sets; the smaller index stays the representative (deterministic).
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}
