//! A laid-out diagram whose elements can be moved: pinned positions at layout time, and
//! each step of a drag in the app.
//!
//! A [`Scene`] is a [`Layout`] plus what moving needs: every cluster's *base* box (as the
//! engine laid it out, moved only with the cluster itself), who contains whom, which
//! edges touch what, and the routes drawn so far. Moving is two calls:
//!
//! ```text
//! displace(target, centre)   the node, or the cluster with everything in it, moves;
//!                            edges with both ends inside what moved move with it,
//!                            the others are marked for routing; ancestors for growing
//! settle()                   marked clusters, innermost first, become their base box
//!                            grown to hold their members (with padding and title room);
//!                            marked edges are routed again (`reroute.rs`); returns what
//!                            changed
//! ```
//!
//! The work is proportional to what moves — the moved elements, their edges, the boxes of
//! their ancestors and the members of those — never to the whole diagram: no pass of the
//! engines runs again. Positions are centres: a node's box centre, a cluster's base box
//! centre (so a group's anchor does not drift when a member dragged out of it grows it).

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::architecture::Metrics;
use super::ortho::Drawn;
use super::{EdgeRoute, Layout, Rect, Size, Sizes};
use crate::model::{ClusterIdx, Diagram, DiagramKind, Direction, EdgeIdx, Endpoint, NodeIdx, Point};

mod selection;
pub use selection::outermost;

/// What one [`Scene::settle`] changed, by index (sorted, without repeats).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub nodes: Vec<NodeIdx>,
    pub clusters: Vec<ClusterIdx>,
    pub edges: Vec<EdgeIdx>,
    /// Edges whose search did not fit the work allowed ([`Scene::settle_within`]): drawn
    /// as a stand-in, routed by a later call.
    pub pending: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.clusters.is_empty() && self.edges.is_empty()
    }
}

/// About what a drag step may spend on routing (in the grid cells searches look at): a
/// few milliseconds of WebAssembly, measured on seeds 001 and 004. What does not fit
/// waits for the next step.
pub const STEP_WORK: usize = 8_000;

/// Which engine laid the scene out: it decides how edges attach.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Engine {
    /// Flowcharts and C4: ends on whichever sides face each other, the flow's axis first.
    Layered(Direction),
    /// Architecture: ends on the sides the text names, at the service's icon.
    Architecture { icon: f64 },
}

/// Room a cluster keeps around its members when it grows to hold them.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Pad {
    top: f64,
    side: f64,
    /// The width of the cluster's title, which has to stay inside the box (0: none).
    title: f64,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Scene {
    pub(crate) layout: Layout,
    /// Each cluster's box before growing for its members.
    base: Vec<Rect>,
    pads: Vec<Pad>,
    pub(crate) labels: Vec<Option<Size>>,
    pub(crate) engine: Engine,
    /// Direct members of each cluster.
    child_nodes: Vec<Vec<NodeIdx>>,
    child_clusters: Vec<Vec<ClusterIdx>>,
    depth: Vec<usize>,
    /// Edges touching each node and each cluster (self-loops once).
    pub(crate) node_edges: Vec<Vec<EdgeIdx>>,
    pub(crate) cluster_edges: Vec<Vec<EdgeIdx>>,
    /// Every route as drawn now: a new route pays for crossing them.
    pub(crate) drawn: Drawn,
    // Work for the next `settle`, and what changed since the last one.
    pub(crate) moved_nodes: BTreeSet<NodeIdx>,
    pub(crate) moved_clusters: BTreeSet<ClusterIdx>,
    regrow: BTreeSet<(Reverse<usize>, ClusterIdx)>,
    pub(crate) reroute: BTreeSet<EdgeIdx>,
    changed_edges: BTreeSet<EdgeIdx>,
    /// The last edge routed under a budget: the next call starts after it, so every edge
    /// gets its turn however often the budget runs out.
    cursor: EdgeIdx,
}

impl Scene {
    /// A scene over `layout`, an engine's result for `d` drawn at `sizes` (before pins:
    /// the boxes it has are the clusters' base boxes). [`super::scene`] makes one with the
    /// pins applied.
    pub(crate) fn new(d: &Diagram, sizes: &Sizes, layout: Layout) -> Scene {
        let (nn, nc) = (d.nodes.len(), d.clusters.len());
        let mut child_nodes = vec![Vec::new(); nc];
        let mut child_clusters = vec![Vec::new(); nc];
        for (i, n) in d.nodes.iter().enumerate() {
            if let Some(p) = n.parent.filter(|&p| p < nc) {
                child_nodes[p].push(i);
            }
        }
        for (i, c) in d.clusters.iter().enumerate() {
            if let Some(p) = c.parent.filter(|&p| p < nc) {
                child_clusters[p].push(i);
            }
        }
        let mut node_edges = vec![Vec::new(); nn];
        let mut cluster_edges = vec![Vec::new(); nc];
        for (e, edge) in d.edges.iter().enumerate() {
            let mut ends = vec![edge.from];
            if edge.to != edge.from {
                ends.push(edge.to);
            }
            for end in ends {
                match end {
                    Endpoint::Node(n) if n < nn => node_edges[n].push(e),
                    Endpoint::Cluster(c) if c < nc => cluster_edges[c].push(e),
                    _ => {}
                }
            }
        }
        let engine = match d.kind {
            Some(DiagramKind::Architecture) => Engine::Architecture { icon: super::architecture::icon_size(d) },
            _ => Engine::Layered(d.direction),
        };
        let title = |c: usize| sizes.cluster_titles.get(c).copied().unwrap_or_default();
        let metrics = Metrics::for_diagram(d);
        let pads = (0..nc)
            .map(|c| match engine {
                Engine::Architecture { .. } => Pad {
                    top: metrics.padding + metrics.title_room(sizes, c).h,
                    side: metrics.padding,
                    title: title(c).w,
                },
                Engine::Layered(_) => {
                    let t = title(c);
                    Pad { top: if t.h > 0.0 { t.h + 14.0 } else { CLUSTER_PAD }, side: CLUSTER_PAD, title: t.w }
                }
            })
            .collect();
        let mut drawn = Drawn::default();
        for (e, r) in layout.edges.iter().enumerate() {
            drawn.set(e, &r.points);
        }
        let mut labels = sizes.edge_labels.clone();
        labels.resize(d.edges.len(), None);
        Scene {
            base: layout.clusters.clone(),
            layout,
            pads,
            labels,
            engine,
            child_nodes,
            child_clusters,
            depth: (0..nc).map(|c| d.cluster_depth(c)).collect(),
            node_edges,
            cluster_edges,
            drawn,
            moved_nodes: BTreeSet::new(),
            moved_clusters: BTreeSet::new(),
            regrow: BTreeSet::new(),
            reroute: BTreeSet::new(),
            changed_edges: BTreeSet::new(),
            cursor: 0,
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn into_layout(self) -> Layout {
        self.layout
    }

    /// Where `target` is now: a node's centre, a cluster's base box centre. This is the
    /// point [`Scene::displace`] moves and [`crate::edit::set_positions`] stores.
    pub fn anchor(&self, target: Endpoint) -> Option<Point> {
        match target {
            Endpoint::Node(n) => self.layout.nodes.get(n).map(Rect::center),
            Endpoint::Cluster(c) => self.base.get(c).map(Rect::center),
        }
    }

    /// Moves `target` so that its [anchor](Scene::anchor) is at `to`: a node alone, a
    /// cluster with every node and cluster inside it. Call [`Scene::settle`] after one or
    /// more of these.
    pub fn displace(&mut self, d: &Diagram, target: Endpoint, to: Point) {
        let Some(from) = self.anchor(target) else { return };
        self.displace_all(d, &[target], (to.x - from.x, to.y - from.y));
    }

    /// Moves every one of `targets` by `(dx, dy)` together (a multi-selection's drag or
    /// nudge): what is inside a moved cluster moves once, with it; edges between two
    /// moved elements move with them instead of being routed again. Targets that are not
    /// in the diagram are ignored.
    pub fn displace_all(&mut self, d: &Diagram, targets: &[Endpoint], (dx, dy): (f64, f64)) {
        if !(dx.is_finite() && dy.is_finite()) || dx.abs() + dy.abs() < 1e-9 {
            return;
        }
        let targets = outermost(d, targets);
        let (mut nodes, mut clusters) = (Vec::new(), Vec::new());
        for &t in &targets {
            match t {
                Endpoint::Node(n) => nodes.push(n),
                Endpoint::Cluster(c) => {
                    let (n, k) = self.contents(c);
                    nodes.extend(n);
                    clusters.extend(k);
                }
            }
        }
        nodes.sort_unstable();
        nodes.dedup();
        clusters.sort_unstable();
        clusters.dedup();
        for &n in &nodes {
            shift(&mut self.layout.nodes[n], dx, dy);
            self.moved_nodes.insert(n);
        }
        for &c in &clusters {
            shift(&mut self.layout.clusters[c], dx, dy);
            shift(&mut self.base[c], dx, dy);
            self.moved_clusters.insert(c);
        }
        // Edges inside what moved move with it; those leaving it are routed again.
        let inside = |end: Endpoint| match end {
            Endpoint::Node(n) => nodes.binary_search(&n).is_ok(),
            Endpoint::Cluster(c) => clusters.binary_search(&c).is_ok(),
        };
        let mut touched: Vec<EdgeIdx> = nodes.iter().flat_map(|&n| self.node_edges[n].iter().copied()).collect();
        touched.extend(clusters.iter().flat_map(|&c| self.cluster_edges[c].iter().copied()));
        touched.sort_unstable();
        touched.dedup();
        for e in touched {
            let edge = &d.edges[e];
            if inside(edge.from) && inside(edge.to) {
                let r = &mut self.layout.edges[e];
                for p in &mut r.points {
                    p.x += dx;
                    p.y += dy;
                }
                if let Some(l) = &mut r.label {
                    shift(l, dx, dy);
                }
                self.drawn.set(e, &r.points);
                self.changed_edges.insert(e);
            } else {
                self.reroute.insert(e);
            }
        }
        for t in targets {
            let parent = match t {
                Endpoint::Node(n) => d.nodes[n].parent,
                Endpoint::Cluster(c) => d.clusters[c].parent,
            };
            if let Some(p) = parent.filter(|&p| p < self.depth.len()) {
                self.regrow.insert((Reverse(self.depth[p]), p));
            }
        }
    }

    /// Every node and cluster inside cluster `c`, `c` included (sorted).
    fn contents(&self, c: ClusterIdx) -> (Vec<NodeIdx>, Vec<ClusterIdx>) {
        let (mut nodes, mut clusters) = (Vec::new(), Vec::new());
        let mut stack = vec![c];
        while let Some(k) = stack.pop() {
            clusters.push(k);
            nodes.extend(self.child_nodes[k].iter().copied());
            stack.extend(self.child_clusters[k].iter().copied());
        }
        nodes.sort_unstable();
        clusters.sort_unstable();
        (nodes, clusters)
    }

    /// Grows the marked clusters around their members and routes the marked edges again;
    /// returns everything that changed since the last call.
    pub fn settle(&mut self, d: &Diagram) -> Changes {
        self.settle_within(d, usize::MAX)
    }

    /// [`Scene::settle`], spending at most about `work` on routing (see [`STEP_WORK`]):
    /// edges beyond it are drawn as an elbow between their new ends for now and stay
    /// marked ([`Changes::pending`]); the next call routes them first.
    pub fn settle_within(&mut self, d: &Diagram, work: usize) -> Changes {
        self.grow_marked(d);
        let marked = self.reroute.clone();
        // From the edge after the last one routed under a budget, round to it.
        let order: Vec<EdgeIdx> =
            marked.range(self.cursor + 1..).chain(marked.range(..=self.cursor)).copied().collect();
        let mut spent: usize = 0;
        for e in order {
            // The first search of a call may take what it needs (so every edge is routed
            // in its turn, however big its search); later ones only what is left.
            let allowed = if spent == 0 { usize::MAX } else { work.saturating_sub(spent) };
            let routed = if allowed > 0 { super::reroute::route(self, d, e, &marked, allowed) } else { Some(Err(0)) };
            match routed {
                Some(Ok((route, cost))) => {
                    spent = spent.saturating_add(cost);
                    self.reroute.remove(&e);
                    self.drawn.set(e, &route.points);
                    self.layout.edges[e] = route;
                    if work != usize::MAX {
                        self.cursor = e;
                    }
                }
                Some(Err(cost)) => {
                    // Over what is left: a stand-in now, routed first by a later call.
                    spent = spent.saturating_add(cost).max(work);
                    if let Some(route) = super::reroute::provisional(self, d, e, &marked) {
                        self.layout.edges[e] = route;
                    }
                }
                None => {
                    self.reroute.remove(&e);
                }
            }
            self.changed_edges.insert(e);
        }
        Changes {
            nodes: std::mem::take(&mut self.moved_nodes).into_iter().collect(),
            clusters: std::mem::take(&mut self.moved_clusters).into_iter().collect(),
            edges: std::mem::take(&mut self.changed_edges).into_iter().collect(),
            pending: self.reroute.len(),
        }
    }

    /// Makes room for pinned elements: at every level of nesting, innermost first, the
    /// members of a cluster (or the top level) that neither are pinned nor hold anything
    /// pinned, and that overlap one that does, move the shortest way out of it, `gap`
    /// clear, and on out of whatever they then overlap, never straight back. Pinned elements never move, so the text's positions hold exactly,
    /// and nothing the engine placed is drawn under them. Call [`Scene::settle`] after.
    pub(crate) fn make_room(&mut self, d: &Diagram, gap: f64) {
        let nc = d.clusters.len();
        // Which clusters hold a pin (are pinned, or have a pinned element inside).
        let mut holds = vec![false; nc];
        for (c, cl) in d.clusters.iter().enumerate() {
            if cl.pinned.is_some() {
                d.cluster_ancestors(c).for_each(|k| holds[k] = true);
            }
        }
        for n in d.nodes.iter().filter(|n| n.pinned.is_some()) {
            if let Some(p) = n.parent.filter(|&p| p < nc) {
                d.cluster_ancestors(p).for_each(|k| holds[k] = true);
            }
        }
        let mut levels: Vec<Option<ClusterIdx>> = (0..nc).filter(|&c| holds[c]).map(Some).collect();
        levels.sort_by_key(|c| c.map(|c| Reverse(self.depth[c])));
        levels.push(None);
        for level in levels {
            self.grow_marked(d);
            let (nodes, clusters): (Vec<NodeIdx>, Vec<ClusterIdx>) = match level {
                Some(c) => (self.child_nodes[c].clone(), self.child_clusters[c].clone()),
                None => (
                    (0..d.nodes.len()).filter(|&n| d.nodes[n].parent.is_none_or(|p| p >= nc)).collect(),
                    (0..nc).filter(|&c| d.clusters[c].parent.is_none_or(|p| p >= nc)).collect(),
                ),
            };
            let members = nodes.into_iter().map(Endpoint::Node).chain(clusters.into_iter().map(Endpoint::Cluster));
            let (mut fixed, mut free): (Vec<Rect>, Vec<(Endpoint, Rect)>) = (Vec::new(), Vec::new());
            for m in members {
                let (r, pinned) = match m {
                    Endpoint::Node(n) => (self.layout.nodes[n], d.nodes[n].pinned.is_some()),
                    Endpoint::Cluster(c) => (self.layout.clusters[c], holds[c]),
                };
                if pinned {
                    fixed.push(r);
                } else {
                    free.push((m, r));
                }
            }
            if fixed.is_empty() {
                continue;
            }
            // Pushers: a fixed box, or a free one that was pushed (and the way it went). A
            // free box under a fixed one leaves it the shortest way; one under a pushed box
            // goes on the way that one went, just far enough. Bounded: a box is pushed at
            // most a few times per other box.
            let mut boxes: Vec<Rect> = free.iter().map(|f| f.1).collect();
            // A pusher is a fixed box (`None`) or a free one by index, with the way it went.
            let mut queue: std::collections::VecDeque<(Pusher, Option<(f64, f64)>)> =
                (0..fixed.len()).map(|k| (Err(k), None)).collect();
            let mut budget = 4 * (free.len() + fixed.len()) * (free.len() + 1);
            while let Some((who, way)) = queue.pop_front() {
                let p = match who {
                    Err(k) => fixed[k],
                    Ok(i) => boxes[i],
                };
                for (i, r) in boxes.iter_mut().enumerate() {
                    if who == Ok(i) || budget == 0 || !overlap(r, &p, 0.0) {
                        continue;
                    }
                    budget -= 1;
                    let outs = [
                        (p.right() + gap - r.x, 0.0),
                        (0.0, p.bottom() + gap - r.y),
                        (p.x - gap - r.right(), 0.0),
                        (0.0, p.y - gap - r.bottom()),
                    ];
                    let along = |o: &(f64, f64)| way.is_none_or(|w: (f64, f64)| o.0 * w.0 > 0.0 || o.1 * w.1 > 0.0);
                    let shortest = |best: (f64, f64), o: (f64, f64)| {
                        if o.0.abs() + o.1.abs() < best.0.abs() + best.1.abs() { o } else { best }
                    };
                    let (dx, dy) = outs.into_iter().filter(along).fold((f64::INFINITY, 0.0f64), shortest);
                    if !(dx.is_finite() && dy.is_finite()) {
                        continue;
                    }
                    r.x += dx;
                    r.y += dy;
                    // Past any pinned box that way too.
                    for _ in 0..fixed.len() {
                        let Some(f) = fixed.iter().find(|f| overlap(r, f, 0.0)) else { break };
                        if dx > 0.0 {
                            r.x = f.right() + gap;
                        } else if dx < 0.0 {
                            r.x = f.x - gap - r.w;
                        } else if dy > 0.0 {
                            r.y = f.bottom() + gap;
                        } else {
                            r.y = f.y - gap - r.h;
                        }
                    }
                    let unit = |v: f64| if v == 0.0 { 0.0 } else { v.signum() };
                    queue.push_back((Ok(i), Some((unit(dx), unit(dy)))));
                }
            }
            for ((m, start), r) in free.into_iter().zip(boxes) {
                let (dx, dy) = (r.x - start.x, r.y - start.y);
                if dx != 0.0 || dy != 0.0 {
                    let Some(a) = self.anchor(m) else { continue };
                    self.displace(d, m, Point { x: a.x + dx, y: a.y + dy });
                }
            }
        }
    }

    /// Grows the clusters marked for it, innermost first, and marks their edges for routing.
    fn grow_marked(&mut self, d: &Diagram) {
        while let Some((_, c)) = self.regrow.pop_first() {
            let grown = self.grown(c);
            if grown == self.layout.clusters[c] {
                continue;
            }
            self.layout.clusters[c] = grown;
            // A title moved aside stays inside a box that grew back to a narrower one.
            if let Some(offset) = self.layout.title_offsets.get_mut(c) {
                *offset = super::titles::within(*offset, grown.w, self.pads[c].title);
            }
            self.moved_clusters.insert(c);
            self.reroute.extend(self.cluster_edges[c].iter().copied());
            if let Some(p) = d.clusters[c].parent {
                self.regrow.insert((Reverse(self.depth[p]), p));
            }
        }
    }

    /// Cluster `c`'s base box, grown to hold its direct members with its padding.
    fn grown(&self, c: ClusterIdx) -> Rect {
        let pad = self.pads[c];
        let mut b = self.base[c];
        let members = self.child_nodes[c]
            .iter()
            .map(|&n| self.layout.nodes[n])
            .chain(self.child_clusters[c].iter().map(|&k| self.layout.clusters[k]));
        for r in members {
            let need =
                Rect { x: r.x - pad.side, y: r.y - pad.top, w: r.w + 2.0 * pad.side, h: r.h + pad.top + pad.side };
            b = union(b, need);
        }
        b
    }

    /// Moves the layout's drawing area to hold everything, `margin` around it (after pins
    /// moved things out of the area the engine drew in).
    pub(crate) fn fit(&mut self, margin: f64) {
        let l = &mut self.layout;
        let mut bounds: Option<Rect> = None;
        let mut grow = |r: Rect| bounds = Some(bounds.map_or(r, |b| union(b, r)));
        l.nodes.iter().chain(&l.clusters).for_each(|&r| grow(r));
        for e in &l.edges {
            e.points.iter().for_each(|p| grow(Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }));
            if let Some(r) = e.label {
                grow(r);
            }
        }
        if let Some(b) = bounds {
            l.origin = Point { x: b.x - margin, y: b.y - margin };
            l.width = b.w + 2.0 * margin;
            l.height = b.h + 2.0 * margin;
        }
    }

    /// The positions to store after `target` was moved: its own anchor, and — for a
    /// cluster — those of the pinned elements inside it, which moved with it. Each is
    /// under its key (`syntax::positions::key_of`: the id, or a made-up id's title).
    /// ([`crate::edit::set_positions`] rounds them to whole pixels.)
    pub fn positions(&self, d: &Diagram, target: Endpoint) -> Vec<(String, Point)> {
        match target {
            Endpoint::Node(n) => self.anchor(target).map(|p| (d.nodes[n].id.clone(), p)).into_iter().collect(),
            Endpoint::Cluster(c) => {
                let (nodes, clusters) = self.contents(c);
                let mut out = Vec::new();
                for k in clusters.into_iter().filter(|&k| k == c || d.clusters[k].pinned.is_some()) {
                    let key = crate::syntax::positions::key_of(d, Endpoint::Cluster(k));
                    out.push((key.unwrap_or_else(|| d.clusters[k].id.clone()), self.base[k].center()));
                }
                for n in nodes.into_iter().filter(|&n| d.nodes[n].pinned.is_some()) {
                    out.push((d.nodes[n].id.clone(), self.layout.nodes[n].center()));
                }
                out
            }
        }
    }

    /// The route of edge `e` now.
    pub fn route(&self, e: EdgeIdx) -> Option<&EdgeRoute> {
        self.layout.edges.get(e)
    }
}

/// The padding a layered cluster keeps around members (`layered::graph::CLUSTER_PAD`).
const CLUSTER_PAD: f64 = 16.0;

/// What pushes in [`Scene::make_room`]: a fixed box (`Err`, by index among the fixed) or
/// a free one that was pushed (`Ok`, by index among the free).
type Pusher = Result<usize, usize>;

/// Whether `a` comes closer than `gap` to `b` on both axes.
fn overlap(a: &Rect, b: &Rect, gap: f64) -> bool {
    a.x < b.right() + gap && b.x < a.right() + gap && a.y < b.bottom() + gap && b.y < a.bottom() + gap
}

fn shift(r: &mut Rect, dx: f64, dy: f64) {
    r.x += dx;
    r.y += dy;
}

pub(crate) fn union(a: Rect, b: Rect) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect { x, y, w: a.right().max(b.right()) - x, h: a.bottom().max(b.bottom()) - y }
}
