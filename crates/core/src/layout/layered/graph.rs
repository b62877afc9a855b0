//! The layout graph: model nodes, cluster border nodes and (later) dummy nodes, in the
//! top-to-bottom frame every pass works in.
//!
//! Each cluster gets a *top* and a *bottom* border node; nesting edges tie every member
//! between them, so ranking gives each cluster a contiguous band of ranks with its title
//! in the top border's rank (as dagre's nesting graph does). An edge to a cluster ends at
//! its top border, an edge from a cluster starts at its bottom border. Sizes are given in
//! the frame: `w` along a rank (breadth), `h` across ranks (depth); horizontal diagrams
//! swap them here and swap coordinates back at the end.

use crate::layout::Sizes;
use crate::model::{ClusterIdx, Diagram, Direction, EdgeIdx, Endpoint, NodeIdx};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Node(NodeIdx),
    Top(ClusterIdx),
    Bottom(ClusterIdx),
    /// A point of a long edge in an intermediate rank.
    Dummy(EdgeIdx),
    /// The label of an edge, in the middle rank of its chain.
    Label(EdgeIdx),
    /// Stands for a cluster in a rank it covers but has nothing else in, so ordering and
    /// placement keep other things out of its box there.
    Span(ClusterIdx),
}

#[derive(Clone, Debug)]
pub(super) struct LNode {
    pub kind: Kind,
    /// Breadth: size along the rank.
    pub w: f64,
    /// Depth: size across ranks.
    pub h: f64,
    /// The innermost cluster whose box holds this node (a border node is inside its own).
    pub parent: Option<ClusterIdx>,
    pub rank: i32,
    pub order: usize,
    pub x: f64,
    pub y: f64,
    /// Breadth beyond the right half of `w` taken by the node's self-loops and their labels.
    pub loop_room: f64,
    /// Depth the labels of the node's self-loops need (its band holds them; `h` stays the
    /// depth of the node itself, where edges attach).
    pub loop_depth: f64,
}

impl LNode {
    pub fn new(kind: Kind, w: f64, h: f64, parent: Option<ClusterIdx>, rank: i32) -> LNode {
        LNode { kind, w, h, parent, rank, order: 0, x: 0.0, y: 0.0, loop_room: 0.0, loop_depth: 0.0 }
    }

    /// Breadth from the centre to the right edge of what the node occupies.
    pub fn right_extent(&self) -> f64 {
        self.w / 2.0 + self.loop_room
    }

    /// Depth of what the node occupies: itself, or its loop labels if they are deeper.
    pub fn depth_extent(&self) -> f64 {
        self.h.max(self.loop_depth)
    }
}

#[derive(Clone, Debug)]
pub(super) struct LEdge {
    pub from: usize,
    pub to: usize,
    pub minlen: i32,
    pub weight: i32,
    /// The model edge this stands for; `None` for nesting edges.
    pub model: Option<EdgeIdx>,
    /// Reversed by cycle breaking: it points against its model edge.
    pub reversed: bool,
    /// Left out of ranking: cycle breaking could not make it acyclic.
    pub ignored: bool,
    /// The text says which way it runs along the flow (a C4 `Rel_R` in a left-to-right
    /// diagram): cycle breaking keeps its direction unless only it can break a cycle.
    pub fixed: bool,
}

impl LEdge {
    pub fn is_nesting(&self) -> bool {
        self.model.is_none()
    }
}

/// An edge whose text puts its ends side by side, across the flow (a C4 `Rel_R` in a
/// top-to-bottom diagram): ranking keeps them in one rank when it can, ordering puts
/// `first` right before `second` there, placement leaves room for the label between
/// them, and routing draws it straight across.
#[derive(Clone, Copy, Debug)]
pub(super) struct Beside {
    pub edge: EdgeIdx,
    pub first: usize,
    pub second: usize,
    /// Breadth (along the rank) of the edge's label, 0 without one.
    pub label: f64,
    /// The minimum length the edge takes as an ordinary edge, if ranking cannot keep its
    /// ends in one rank.
    pub minlen: i32,
}

/// The rows [`Beside`] edges make: each node has at most one neighbour before and one
/// after it, and no row closes on itself, so ordering can lay every row out in sequence.
/// An edge across the flow that would break that (a second one to the same side, or one
/// closing a ring) is left to the layout like an edge without sides.
struct Rows {
    next: Vec<Option<usize>>,
    prev: Vec<Option<usize>>,
}

impl Rows {
    fn new(n: usize) -> Rows {
        Rows { next: vec![None; n], prev: vec![None; n] }
    }

    fn head(&self, mut v: usize) -> usize {
        while let Some(p) = self.prev[v] {
            v = p;
        }
        v
    }

    /// Puts `second` right after `first` when the rows allow it.
    fn join(&mut self, first: usize, second: usize) -> bool {
        if first == second || self.next[first].is_some() || self.prev[second].is_some() {
            return false;
        }
        if self.head(first) == second {
            return false;
        }
        self.next[first] = Some(second);
        self.prev[second] = Some(first);
        true
    }
}

/// Edgeless members of one cluster from which they wrap into a grid (fewer stay a row).
const WRAP_FROM: usize = 5;

/// How strongly ranking pulls the two ends of a [`Beside`] edge into one rank.
const BESIDE_WEIGHT: i32 = 8;

#[derive(Clone, Debug, Default)]
pub(super) struct LGraph {
    pub nodes: Vec<LNode>,
    pub edges: Vec<LEdge>,
    /// Border nodes per cluster.
    pub top: Vec<usize>,
    pub bottom: Vec<usize>,
    pub cluster_parent: Vec<Option<ClusterIdx>>,
    /// Self-loops, kept out of the graph and drawn beside their node or cluster.
    pub self_loops: Vec<SelfLoop>,
    /// Edges across the flow, in edge order.
    pub beside: Vec<Beside>,
    /// Breadth right of each cluster's box taken by the cluster's own self-loops, and the
    /// depth their tallest label needs the box to have.
    pub cluster_loop_room: Vec<f64>,
    pub cluster_loop_depth: Vec<f64>,
}

/// A loop out of the right side of a node or cluster box (in the frame) and back. The
/// loops of one owner nest, the `k`-th a little wider; their labels stand in a row to the
/// right of the outermost.
#[derive(Clone, Debug)]
pub(super) struct SelfLoop {
    pub edge: EdgeIdx,
    /// What the loop goes out of and back into (a node's index is also its layout node's).
    pub owner: Endpoint,
    /// How far the loop reaches beyond the owner's right side.
    pub reach: f64,
    /// Half the distance between where the loop leaves and re-enters the owner.
    pub dy: f64,
    /// Offset of the label's centre from the owner's right side, along the rank.
    pub label_dx: Option<f64>,
}

/// Room between a node and its innermost self-loop, between nested loops, and around
/// loop labels.
const LOOP_REACH: f64 = 14.0;
const LOOP_STEP: f64 = 8.0;
const LOOP_LABEL_GAP: f64 = 6.0;

/// Space between a cluster's border and its contents.
pub(super) const CLUSTER_PAD: f64 = 16.0;

impl LGraph {
    pub fn build(d: &Diagram, sizes: &Sizes, dir: Direction) -> LGraph {
        let horizontal = dir.is_horizontal();
        let mut g = LGraph { cluster_parent: d.clusters.iter().map(|c| c.parent).collect(), ..LGraph::default() };
        let frame = |w: f64, h: f64| in_frame(horizontal, w, h);
        for (i, n) in d.nodes.iter().enumerate() {
            let s = sizes.nodes.get(i).copied().unwrap_or_default();
            let (w, h) = frame(s.w, s.h);
            g.add(Kind::Node(i), w, h, n.parent);
        }
        for (c, _) in d.clusters.iter().enumerate() {
            let t = sizes.cluster_titles.get(c).copied().unwrap_or_default();
            // Vertical diagrams put the title in the border rank that ends up on top (the
            // bottom border's, once a bottom-to-top frame is turned), so that border node is
            // as wide as the title; horizontal ones put it along the cluster's side (see
            // `position`), so both borders are thin.
            let titled = (t.w, t.h + CLUSTER_PAD);
            let thin = (0.0, 0.0);
            let (top_size, bottom_size) = match dir {
                Direction::TopBottom => (titled, thin),
                Direction::BottomTop => (thin, titled),
                Direction::LeftRight | Direction::RightLeft => (thin, thin),
            };
            let top = g.add(Kind::Top(c), top_size.0, top_size.1, Some(c));
            let bottom = g.add(Kind::Bottom(c), bottom_size.0, bottom_size.1, Some(c));
            g.top.push(top);
            g.bottom.push(bottom);
        }
        // Nesting edges: every member lies between its cluster's borders. Only the border
        // that carries the title needs a rank of its own; the other shares the rank of the
        // cluster's first or last members (minimum length 0), so a cluster covers just the
        // ranks of its contents.
        let (top_len, bottom_len) = match dir {
            Direction::TopBottom => (1, 0),
            Direction::BottomTop => (0, 1),
            Direction::LeftRight | Direction::RightLeft => (0, 0),
        };
        let mut has_members = vec![false; d.clusters.len()];
        for c in 0..d.clusters.len() {
            let (top, bottom) = (g.top[c], g.bottom[c]);
            g.nest(top, bottom, top_len.max(bottom_len));
            if let Some(p) = d.clusters[c].parent {
                has_members[p] = true;
                g.nest(g.top[p], top, top_len);
                g.nest(bottom, g.bottom[p], bottom_len);
            }
        }
        for (i, n) in d.nodes.iter().enumerate() {
            if let Some(p) = n.parent {
                has_members[p] = true;
                g.nest(g.top[p], i, top_len);
                g.nest(i, g.bottom[p], bottom_len);
            }
        }
        // An empty cluster still needs a box: its top border gets a body of its own.
        for (c, &has) in has_members.iter().enumerate() {
            if !has {
                let t = sizes.cluster_titles.get(c).copied().unwrap_or_default();
                let (w, h) = frame(t.w.max(40.0), t.h.max(24.0));
                let top = &mut g.nodes[g.top[c]];
                top.w = top.w.max(w);
                top.h = top.h.max(h);
            }
        }
        g.wrap_unrelated(d);
        g.wrap_edgeless(d);
        g.add_self_loops(d, sizes, horizontal);
        let mut rows = Rows::new(d.nodes.len());
        for (e, edge) in d.edges.iter().enumerate() {
            if edge.from == edge.to {
                continue;
            }
            // An edge between a cluster and something inside it runs inside the cluster:
            // from its top border down to the member, or from the member down to its
            // bottom border. Any other edge leaves a cluster at the bottom and enters one
            // at the top.
            let from = match edge.from {
                Endpoint::Node(n) => n,
                Endpoint::Cluster(c) if contains(d, edge.from, edge.to) => g.top[c],
                Endpoint::Cluster(c) => g.bottom[c],
            };
            let to = match edge.to {
                Endpoint::Node(n) => n,
                Endpoint::Cluster(c) if contains(d, edge.to, edge.from) => g.bottom[c],
                Endpoint::Cluster(c) => g.top[c],
            };
            // Side by side only within one cluster: ends in different clusters would need
            // their clusters side by side too, and the edge to cross both borders between.
            let across = match (edge.from, edge.to) {
                (Endpoint::Node(a), Endpoint::Node(b)) if d.nodes[a].parent == d.nodes[b].parent => {
                    across_flow(edge, dir)
                }
                _ => None,
            };
            if let Some(after) = across
                && let (first, second) = if after { (from, to) } else { (to, from) }
                && rows.join(first, second)
            {
                let label =
                    sizes.edge_labels.get(e).copied().flatten().map_or(0.0, |s| in_frame(horizontal, s.w, s.h).0);
                let minlen = edge.min_len.clamp(1, 64) as i32 + i32::from(edge.label.is_some());
                g.beside.push(Beside { edge: e, first, second, label, minlen });
                let weight = BESIDE_WEIGHT;
                g.edges.push(LEdge {
                    from,
                    to,
                    minlen: 0,
                    weight,
                    model: Some(e),
                    reversed: false,
                    ignored: false,
                    fixed: false,
                });
                continue;
            }
            let minlen = edge.min_len.clamp(1, 64) as i32 + i32::from(edge.label.is_some());
            let (from, to, reversed, fixed) = match along_flow(edge, dir) {
                Some(true) => (from, to, false, true),
                Some(false) => (to, from, true, true),
                None => (from, to, false, false),
            };
            g.edges.push(LEdge { from, to, minlen, weight: 1, model: Some(e), reversed, ignored: false, fixed });
        }
        g
    }

    /// Collects self-loops and makes room for them: a node takes breadth on the right for
    /// its loops and their labels, and depth for the tallest label; a cluster keeps that
    /// room right of its box (see `position`).
    fn add_self_loops(&mut self, d: &Diagram, sizes: &Sizes, horizontal: bool) {
        self.cluster_loop_room = vec![0.0; d.clusters.len()];
        self.cluster_loop_depth = vec![0.0; d.clusters.len()];
        let mut by_owner: std::collections::BTreeMap<Endpoint, Vec<EdgeIdx>> = std::collections::BTreeMap::new();
        for (e, edge) in d.edges.iter().enumerate().filter(|(_, edge)| edge.from == edge.to) {
            by_owner.entry(edge.from).or_default().push(e);
        }
        for (owner, loops) in by_owner {
            let dy = match owner {
                Endpoint::Node(v) => (self.nodes[v].h / 4.0).min(12.0),
                Endpoint::Cluster(_) => 12.0,
            };
            let mut right = LOOP_REACH + LOOP_STEP * (loops.len() - 1) as f64;
            let mut depth: f64 = 0.0;
            for (k, &e) in loops.iter().enumerate() {
                let label = sizes.edge_labels.get(e).copied().flatten().map(|s| in_frame(horizontal, s.w, s.h));
                let label_dx = label.map(|(w, h)| {
                    depth = depth.max(h + LOOP_LABEL_GAP);
                    right += LOOP_LABEL_GAP + w;
                    right - w / 2.0
                });
                let reach = LOOP_REACH + LOOP_STEP * k as f64;
                self.self_loops.push(SelfLoop { edge: e, owner, reach, dy, label_dx });
            }
            match owner {
                Endpoint::Node(v) => {
                    let node = &mut self.nodes[v];
                    node.loop_room = right;
                    node.loop_depth = depth;
                }
                Endpoint::Cluster(c) => {
                    self.cluster_loop_room[c] = right;
                    self.cluster_loop_depth[c] = depth + LOOP_LABEL_GAP;
                }
            }
        }
    }

    /// C4 elements that no relation places would all stand in the first rank, one long
    /// line of boxes; like Mermaid's `c4ShapeInRow` (4 unless configured), they wrap after
    /// that many, each one tied a rank below the one that many before it in the same
    /// boundary. Boundaries without relations wrap likewise (`c4BoundaryInRow`).
    fn wrap_unrelated(&mut self, d: &Diagram) {
        if d.kind != Some(crate::model::DiagramKind::C4) {
            return;
        }
        let per_row = d.config.c4.shape_in_row.filter(|&n| n > 0).unwrap_or(4);
        let mut related = vec![false; d.nodes.len()];
        for e in &d.edges {
            for end in [e.from, e.to] {
                if let Endpoint::Node(n) = end {
                    related[n] = true;
                }
            }
        }
        let mut by_parent: std::collections::BTreeMap<Option<ClusterIdx>, Vec<NodeIdx>> = Default::default();
        for (n, node) in d.nodes.iter().enumerate().filter(|&(n, _)| !related[n]) {
            by_parent.entry(node.parent).or_default().push(n);
        }
        for members in by_parent.values() {
            for pair in members.windows(per_row + 1) {
                self.nest(pair[0], pair[per_row], 1);
            }
        }
        // Boundaries that no relation reaches into wrap the same way after
        // `c4BoundaryInRow` (2 unless configured): each a rank below the one that many
        // before it.
        let per_row = d.config.c4.boundary_in_row.filter(|&n| n > 0).unwrap_or(2);
        let mut reached = vec![false; d.clusters.len()];
        for e in &d.edges {
            for end in [e.from, e.to] {
                let start = match end {
                    Endpoint::Node(n) => d.nodes[n].parent,
                    Endpoint::Cluster(c) => Some(c),
                };
                for c in start.into_iter().flat_map(|c| d.cluster_ancestors(c)) {
                    reached[c] = true;
                }
            }
        }
        let mut by_parent: std::collections::BTreeMap<Option<ClusterIdx>, Vec<ClusterIdx>> = Default::default();
        for (c, cluster) in d.clusters.iter().enumerate().filter(|&(c, _)| !reached[c]) {
            by_parent.entry(cluster.parent).or_default().push(c);
        }
        for clusters in by_parent.values() {
            for pair in clusters.windows(per_row + 1) {
                self.nest(self.bottom[pair[0]], self.top[pair[per_row]], 1);
            }
        }
    }

    /// Flowchart members without any edge would all stand in one rank of their cluster, a
    /// row as long as the list (a cluster of twelve tools is twelve boxes wide). Like
    /// Mermaid's C4 rows (see [`wrap_unrelated`](Self::wrap_unrelated)), they wrap into a
    /// near-square grid instead: the members of one cluster, in declaration order, each
    /// tied a rank below the one a row's length before it. Members with edges are left to
    /// ranking (wrapping them too moved their edges and added crossings).
    fn wrap_edgeless(&mut self, d: &Diagram) {
        if d.kind == Some(crate::model::DiagramKind::C4) {
            return;
        }
        let mut linked = vec![false; d.nodes.len()];
        for e in &d.edges {
            for end in [e.from, e.to] {
                if let Endpoint::Node(n) = end {
                    linked[n] = true;
                }
            }
        }
        let mut by_parent: std::collections::BTreeMap<ClusterIdx, Vec<NodeIdx>> = Default::default();
        for (n, node) in d.nodes.iter().enumerate().filter(|&(n, _)| !linked[n]) {
            if let Some(c) = node.parent {
                by_parent.entry(c).or_default().push(n);
            }
        }
        for members in by_parent.values().filter(|m| m.len() >= WRAP_FROM) {
            let per_row = (members.len() as f64).sqrt().ceil() as usize;
            for pair in members.windows(per_row + 1) {
                self.nest(pair[0], pair[per_row], 1);
            }
        }
    }

    /// Edges across the flow whose ends ranking put in different ranks become ordinary
    /// edges (with room for a label node); returns whether any did, so ranking runs again.
    pub fn demote_split_beside(&mut self) -> bool {
        let (nodes, edges) = (&self.nodes, &mut self.edges);
        let before = self.beside.len();
        self.beside.retain(|b| {
            if nodes[b.first].rank == nodes[b.second].rank {
                return true;
            }
            if let Some(edge) = edges.iter_mut().find(|l| l.model == Some(b.edge)) {
                edge.minlen = b.minlen;
                edge.weight = 1;
            }
            false
        });
        self.beside.len() < before
    }

    fn add(&mut self, kind: Kind, w: f64, h: f64, parent: Option<ClusterIdx>) -> usize {
        self.nodes.push(LNode::new(kind, w, h, parent, 0));
        self.nodes.len() - 1
    }

    /// A nesting edge (no model edge, no weight): `to` at least `minlen` ranks below `from`.
    pub(super) fn nest(&mut self, from: usize, to: usize, minlen: i32) {
        self.edges.push(LEdge {
            from,
            to,
            minlen,
            weight: 0,
            model: None,
            reversed: false,
            ignored: false,
            fixed: false,
        });
    }

    /// A border node without a body (no title, not an empty cluster): it marks where a
    /// cluster starts or ends for ranking and edges, but takes no room in its rank.
    pub fn is_bodiless(&self, v: usize) -> bool {
        matches!(self.nodes[v].kind, Kind::Top(_) | Kind::Bottom(_)) && self.nodes[v].w <= 0.0
    }

    /// Nesting depth of cluster `c` (1 for a top-level cluster).
    pub fn cluster_depth(&self, c: ClusterIdx) -> usize {
        std::iter::successors(Some(c), |&k| self.cluster_parent[k]).count()
    }

    /// Clusters holding lnode `v`, innermost first.
    pub fn ancestors(&self, v: usize) -> Vec<ClusterIdx> {
        self.enclosing(v).collect()
    }

    /// [`ancestors`](Self::ancestors) without collecting them.
    pub fn enclosing(&self, v: usize) -> impl Iterator<Item = ClusterIdx> + '_ {
        std::iter::successors(self.nodes[v].parent, |&c| self.cluster_parent[c])
    }

    /// Every cluster, nested ones before those around them.
    pub fn clusters_inner_first(&self) -> Vec<ClusterIdx> {
        let mut order: Vec<ClusterIdx> = (0..self.top.len()).collect();
        order.sort_by_key(|&c| std::cmp::Reverse(self.cluster_depth(c)));
        order
    }
}

/// Whether an edge whose ends name their sides runs with the flow (`Some(true)`: it leaves
/// its source on the side the flow goes to, as `Rel_R` does left to right), against it
/// (`Some(false)`), or says nothing about it (no sides, or sides across the flow).
fn along_flow(edge: &crate::model::Edge, dir: Direction) -> Option<bool> {
    use crate::model::Side;
    let ahead = match dir {
        Direction::TopBottom => (Side::Bottom, Side::Top),
        Direction::BottomTop => (Side::Top, Side::Bottom),
        Direction::LeftRight => (Side::Right, Side::Left),
        Direction::RightLeft => (Side::Left, Side::Right),
    };
    toward(edge, ahead)
}

/// Whether an edge whose ends name their sides runs across the flow, and which way:
/// `Some(true)` when its target comes after its source along a rank (right of it in a
/// top-to-bottom diagram, below it in a left-to-right one), `Some(false)` before.
fn across_flow(edge: &crate::model::Edge, dir: Direction) -> Option<bool> {
    use crate::model::Side;
    toward(edge, if dir.is_horizontal() { (Side::Bottom, Side::Top) } else { (Side::Right, Side::Left) })
}

/// `Some(true)` when the edge leaves its source on side `out` (or, naming only its
/// target's side, enters on `back`), `Some(false)` when it points the opposite way,
/// `None` otherwise.
fn toward(edge: &crate::model::Edge, (out, back): (crate::model::Side, crate::model::Side)) -> Option<bool> {
    match (edge.from_side, edge.to_side) {
        (Some(s), _) if s == out => Some(true),
        (Some(s), _) if s == back => Some(false),
        (None, Some(s)) if s == back => Some(true),
        (None, Some(s)) if s == out => Some(false),
        _ => None,
    }
}

/// A `w` × `h` box as the top-to-bottom frame sees it: turned for horizontal diagrams.
pub(super) fn in_frame(horizontal: bool, w: f64, h: f64) -> (f64, f64) {
    if horizontal { (h, w) } else { (w, h) }
}

/// Kahn's algorithm over `n = ins.len()` vertices, given each vertex's incoming and
/// outgoing edge ids and where an edge goes; ties taken in index order, so the result is
/// deterministic. Vertices left on a cycle come last, in index order.
pub(super) fn topological_order(ins: &[Vec<usize>], outs: &[Vec<usize>], head: impl Fn(usize) -> usize) -> Vec<usize> {
    let n = ins.len();
    let mut indeg: Vec<usize> = ins.iter().map(Vec::len).collect();
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> =
        (0..n).filter(|&v| indeg[v] == 0).map(std::cmp::Reverse).collect();
    let mut order = Vec::with_capacity(n);
    let mut done = vec![false; n];
    while let Some(std::cmp::Reverse(v)) = ready.pop() {
        order.push(v);
        done[v] = true;
        for &e in &outs[v] {
            let w = head(e);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(std::cmp::Reverse(w));
            }
        }
    }
    order.extend((0..n).filter(|&v| !done[v]));
    order
}

/// True when `outer` is a cluster that holds `inner` (a node or a cluster) somewhere inside.
fn contains(d: &Diagram, outer: Endpoint, inner: Endpoint) -> bool {
    let Endpoint::Cluster(c) = outer else { return false };
    let start = match inner {
        Endpoint::Node(n) => d.nodes[n].parent,
        Endpoint::Cluster(k) => d.clusters[k].parent,
    };
    start.is_some_and(|s| d.cluster_within(s, c))
}
