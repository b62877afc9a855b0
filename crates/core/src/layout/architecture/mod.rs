//! The architecture engine: a grid layout driven by the sides edges name.
//!
//! ```text
//! blocks::Tree::build   the group tree; items per block in declaration order
//! grid::place           per block, innermost first: side relations → columns and rows,
//!                       crowded cells split, components packed; absolute boxes top-down
//! ports::assign         each end on its named side, several on one side spread apart
//!                       in the order of where their other ends are
//! routes::run           orthogonal routes (`layout::ortho`) around services and foreign
//!                       groups, each search limited to the boxes the edge can meet;
//!                       parallel segments nudged apart
//! labels::place         edge titles on their edge, clear of nodes and other titles
//! ```
//!
//! Deterministic: every choice breaks ties by declaration order or index.

mod blocks;
mod grid;
mod labels;
mod ports;
mod routes;

use super::{EdgeRoute, Layout, Rect, Size, Sizes};
use crate::model::{Diagram, Shape};

/// Mermaid's default icon size for services.
pub const DEFAULT_ICON_SIZE: f64 = 80.0;
/// Space between an icon and its title.
pub const TITLE_GAP: f64 = 4.0;
/// The drawn size of a junction (a routing point).
pub const JUNCTION_SIZE: f64 = 10.0;
/// Group icons beside the group title.
pub const GROUP_ICON: f64 = 20.0;

/// The measures every pass shares.
pub(crate) struct Metrics {
    pub icon: f64,
    /// Inside a group box, around its content.
    pub padding: f64,
    /// Between neighbouring cells of a grid.
    pub gap: f64,
}

impl Metrics {
    pub fn for_diagram(d: &Diagram) -> Metrics {
        let a = &d.config.architecture;
        let sane = |v: Option<f64>, lo: f64, hi: f64, default: f64| {
            v.filter(|v| v.is_finite() && *v >= lo && *v <= hi).unwrap_or(default)
        };
        let icon = icon_size(d);
        Metrics { icon, padding: sane(a.padding, 0.0, 400.0, 30.0), gap: (icon * 0.75).clamp(40.0, 120.0) }
    }

    /// Room a group's title bar takes: the icon and title side by side, on top.
    pub fn title_room(&self, sizes: &Sizes, c: usize) -> Size {
        let t = sizes.cluster_titles.get(c).copied().unwrap_or_default();
        let h = t.h.max(GROUP_ICON) + 8.0;
        Size { w: t.w + GROUP_ICON + 6.0, h }
    }
}

/// The icon size a diagram asks for (`architecture.iconSize`), within sane limits.
pub fn icon_size(d: &Diagram) -> f64 {
    d.config.architecture.icon_size.filter(|v| v.is_finite() && (8.0..=400.0).contains(v)).unwrap_or(DEFAULT_ICON_SIZE)
}

/// The icon square of a service drawn in `r` (the icon on top, its title below).
pub fn icon_box(r: Rect, icon: f64) -> Rect {
    Rect { x: r.x + (r.w - icon) / 2.0, y: r.y, w: icon, h: icon }
}

/// The title area of a service drawn in `r`.
pub fn title_box(r: Rect, icon: f64) -> Rect {
    let top = r.y + icon + TITLE_GAP;
    Rect { x: r.x, y: top, w: r.w, h: (r.bottom() - top).max(0.0) }
}

pub fn layout(d: &Diagram, sizes: &Sizes) -> Layout {
    let m = Metrics::for_diagram(d);
    let tree = blocks::Tree::build(d);
    let placed = grid::place(d, sizes, &tree, &m);
    let ports = ports::assign(d, &placed, &m);
    let points = routes::run(d, &tree, &placed, &ports, &m);
    let labels = labels::place(d, sizes, &placed, &points, &m);
    let edges = points.into_iter().zip(labels).map(|(points, label)| EdgeRoute { points, label }).collect();
    Layout::at_margin(placed.nodes, placed.clusters, edges, 8.0, 0)
}

fn is_junction(d: &Diagram, n: usize) -> bool {
    d.nodes[n].shape == Shape::Junction
}
