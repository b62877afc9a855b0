//! Layout: pure geometry for a [`Diagram`], by one of two engines.
//!
//! **Layered** (flowcharts and C4, [`layered`]): a compound Sugiyama layout —
//!
//! ```text
//! detach → graph::build → acyclic → rank → normalize → order (+ swap) → pads
//!        → position → route (+ straighten) → frame::finish
//! ```
//!
//! C4 relations that name a direction steer it through their edges' sides: along the
//! flow they are never reversed, across it they keep their ends side by side in a rank.
//!
//! **Grid** (architecture-beta, [`architecture`]): port sides decide where things go —
//!
//! ```text
//! blocks::build    the group tree: every group a block of its members and nested groups
//! grid::place      per block, bottom-up: side constraints → columns and rows, collisions
//!                  split, components packed; then sizes and absolute boxes top-down;
//!                  twice more, ordering by where edges went the time before
//! ports::assign    each edge end on its named side, several on one side spread apart
//! ortho::route     orthogonal routes around services and foreign groups   (shared)
//!                  (a second round for the edges that crossed)
//! ortho::nudge     parallel segments in one channel moved apart, in the
//!                  order that crosses least                               (shared)
//! labels::place    edge titles on their edge, clear of everything
//! ```
//!
//! **Pins** (both engines, [`scene_with`]): the engine's layout as a [`Scene`]; pinned
//! clusters and nodes displaced to their positions; `make_room` moves what lies under
//! them out of the way; `settle` grows the boxes around and routes the touched edges.
//!
//! Both produce the same [`Layout`], keyed by index parallel to the diagram's `nodes`,
//! `clusters` and `edges` (which carry the ids). Layout never changes the diagram.
//! [`verify`] checks the invariants every fixture test asserts, for both engines.

pub mod architecture;
mod layered;
pub mod ortho;
pub mod outline;
pub mod quality;
mod reroute;
pub mod scene;
pub mod titles;
pub mod verify;

use crate::model::{Diagram, DiagramKind, Endpoint, Point, Side};
pub use scene::{Changes, STEP_WORK, Scene};

#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// An axis-aligned box; `x`,`y` is the top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center(&self) -> Point {
        Point { x: self.x + self.w / 2.0, y: self.y + self.h / 2.0 }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn centered(c: Point, s: Size) -> Rect {
        Rect { x: c.x - s.w / 2.0, y: c.y - s.h / 2.0, w: s.w, h: s.h }
    }

    /// The smallest box holding `points` (`None` for none).
    pub fn around(points: &[Point]) -> Option<Rect> {
        points.iter().map(|p| Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }).reduce(scene::union)
    }

    /// The point on side `side` at `along` (an x for the top and bottom, a y for the left
    /// and right).
    pub fn on_side(&self, side: Side, along: f64) -> Point {
        match side {
            Side::Top => Point { x: along, y: self.y },
            Side::Bottom => Point { x: along, y: self.bottom() },
            Side::Left => Point { x: self.x, y: along },
            Side::Right => Point { x: self.right(), y: along },
        }
    }

    /// The middle of side `side`.
    pub fn side_middle(&self, side: Side) -> Point {
        let c = self.center();
        self.on_side(side, if matches!(side, Side::Top | Side::Bottom) { c.x } else { c.y })
    }

    /// Whether the two boxes meet or overlap (touching borders count).
    pub fn touches(&self, other: Rect) -> bool {
        self.x <= other.right() && other.x <= self.right() && self.y <= other.bottom() && other.y <= self.bottom()
    }
}

/// What layout needs from measuring, parallel to the diagram's vectors.
#[derive(Clone, Debug, Default)]
pub struct Sizes {
    pub nodes: Vec<Size>,
    /// Size of each cluster's title (zero for an untitled cluster).
    pub cluster_titles: Vec<Size>,
    pub edge_labels: Vec<Option<Size>>,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EdgeRoute {
    /// From the source's border to the target's border (arrow tips at the ends).
    pub points: Vec<Point>,
    pub label: Option<Rect>,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Layout {
    /// The top-left corner of the drawing area: `(0, 0)`, unless pinned elements lie left
    /// of or above the laid-out drawing (pins are kept in the coordinates they were
    /// written in, so the drawing grows that way instead of moving). The SVG's `viewBox`
    /// starts here, so SVG user coordinates are layout coordinates.
    pub origin: Point,
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Rect>,
    pub clusters: Vec<Rect>,
    pub edges: Vec<EdgeRoute>,
    /// Crossings the ordering pass ended with (between adjacent ranks).
    pub crossings: usize,
    /// How far each flowchart cluster's title sits right of its box's middle
    /// ([`titles::place`]); empty when every title is centred.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_offsets: Vec<f64>,
    /// The layered layout had edges to nodes inside clusters enter them over the top (its
    /// `Entry::OverTop`) rather than beside them, in this drawing or a part of it. A
    /// relayout with this drawing as its [`Previous`](crate::Previous) keeps the choice
    /// where it would otherwise try both.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub over_top: bool,
}

impl Layout {
    /// [`Layout::title_offsets`] of cluster `c` (0: centred).
    pub fn title_offset(&self, c: usize) -> f64 {
        self.title_offsets.get(c).copied().unwrap_or(0.0)
    }
}

/// Spacing options, from `flowchart.nodeSpacing`/`rankSpacing`/`diagramPadding`.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub node_spacing: f64,
    pub rank_spacing: f64,
    pub edge_spacing: f64,
    pub margin: f64,
}

impl Options {
    /// `flowchart.*` spacing first, then the `elk.*` options that mean the same.
    pub fn for_diagram(d: &Diagram) -> Options {
        let (f, e) = (&d.config.flowchart, &d.config.elk);
        let sane =
            |v: Option<f64>, default: f64| v.filter(|v| v.is_finite() && *v >= 0.0 && *v <= 1000.0).unwrap_or(default);
        Options {
            node_spacing: sane(f.node_spacing.or(e.node_node), 50.0),
            rank_spacing: sane(f.rank_spacing.or(e.between_layers), 50.0),
            edge_spacing: sane(e.edge_edge, 20.0),
            margin: sane(f.diagram_padding.or(e.padding), 8.0),
        }
    }
}

pub fn layout(d: &Diagram, sizes: &Sizes) -> Layout {
    layout_with(d, sizes, Options::for_diagram(d))
}

/// The diagram laid out by its engine, with pinned nodes and clusters where the text
/// put them (see [`scene_with`]).
pub fn layout_with(d: &Diagram, sizes: &Sizes, opts: Options) -> Layout {
    let pinned = d.nodes.iter().any(|n| n.pinned.is_some()) || d.clusters.iter().any(|c| c.pinned.is_some());
    if pinned { scene_with(d, sizes, opts).into_layout() } else { engine(d, sizes, opts) }
}

/// [`scene_with`] with the diagram's own options.
pub fn scene(d: &Diagram, sizes: &Sizes) -> Scene {
    scene_with(d, sizes, Options::for_diagram(d))
}

/// The layout as a [`Scene`] its elements can be moved in (what a drag needs).
///
/// Pins are honoured after the engine ran, so everything that is not pinned is placed as
/// it would be without them: each pinned cluster (outer ones first) moves with its
/// contents so its base box is centred on its position, then each pinned node is centred
/// on its own; the clusters around what moved grow to hold it, and the edges of what moved
/// are routed again around the nodes (architecture edges on their named sides). The
/// drawing area then grows (or shrinks) to hold everything: a position left of or above
/// the engine's drawing gives the layout a negative [`Layout::origin`], so positions are
/// kept exactly as written.
pub fn scene_with(d: &Diagram, sizes: &Sizes, opts: Options) -> Scene {
    let mut scene = Scene::new(d, sizes, engine(d, sizes, opts));
    let mut clusters: Vec<usize> = (0..d.clusters.len()).filter(|&c| d.clusters[c].pinned.is_some()).collect();
    if clusters.is_empty() && d.nodes.iter().all(|n| n.pinned.is_none()) {
        return scene;
    }
    clusters.sort_by_key(|&c| d.cluster_depth(c));
    for c in clusters {
        scene.displace(d, Endpoint::Cluster(c), d.clusters[c].pinned.expect("pinned"));
    }
    for (n, node) in d.nodes.iter().enumerate() {
        if let Some(p) = node.pinned {
            scene.displace(d, Endpoint::Node(n), p);
        }
    }
    let architecture = d.kind == Some(DiagramKind::Architecture);
    scene.make_room(d, if architecture { architecture::Metrics::for_diagram(d).gap / 2.0 } else { opts.rank_spacing });
    scene.settle(d);
    let margin = if architecture { architecture::MARGIN } else { opts.margin };
    scene.fit(margin);
    // Pins moved boxes and routes: titles find their places among them again.
    titles::place(d, sizes, &mut scene.layout);
    scene
}

fn engine(d: &Diagram, sizes: &Sizes, opts: Options) -> Layout {
    match d.kind {
        Some(DiagramKind::Architecture) => architecture::layout(d, sizes),
        _ => {
            let mut l = layered::layout_with(d, sizes, opts);
            titles::place(d, sizes, &mut l);
            l
        }
    }
}

impl Layout {
    /// A layout from boxes and routes in any coordinates, moved so the drawing (nodes,
    /// clusters, routes and labels) starts at `margin` on both axes.
    pub(crate) fn at_margin(
        mut nodes: Vec<Rect>,
        mut clusters: Vec<Rect>,
        mut edges: Vec<EdgeRoute>,
        margin: f64,
        crossings: usize,
    ) -> Layout {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        let mut grow = |r: Rect| {
            x0 = x0.min(r.x);
            y0 = y0.min(r.y);
            x1 = x1.max(r.right());
            y1 = y1.max(r.bottom());
        };
        nodes.iter().chain(&clusters).for_each(|&r| grow(r));
        for e in &edges {
            e.points.iter().for_each(|p| grow(Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }));
            if let Some(l) = e.label {
                grow(l);
            }
        }
        if !x0.is_finite() {
            return Layout { width: 2.0 * margin, height: 2.0 * margin, ..Layout::default() };
        }
        let (dx, dy) = (margin - x0, margin - y0);
        let shift = |r: &mut Rect| {
            r.x += dx;
            r.y += dy;
        };
        nodes.iter_mut().for_each(shift);
        clusters.iter_mut().for_each(shift);
        for e in &mut edges {
            for p in &mut e.points {
                p.x += dx;
                p.y += dy;
            }
            if let Some(l) = &mut e.label {
                shift(l);
            }
        }
        Layout {
            origin: Point::default(),
            width: x1 - x0 + 2.0 * margin,
            height: y1 - y0 + 2.0 * margin,
            nodes,
            clusters,
            edges,
            crossings,
            title_offsets: Vec::new(),
            over_top: false,
        }
    }
}
