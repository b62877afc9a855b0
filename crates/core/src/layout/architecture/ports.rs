//! Where each edge end sits: on the side the text names, at the service's icon (left and
//! right at the icon's middle, top at the icon's top, bottom under the title), at a
//! junction's centre (a routing point: every edge on a side meets there), or on a group's
//! border for `{group}` ends. Several ends on one side are spread along it, ordered by
//! where their other ends lie, so they leave without crossing each other.

use super::grid::Placement;
use super::{Metrics, icon_box, is_junction};
use crate::layout::Rect;
use crate::layout::ortho::Port;
use crate::model::{Diagram, Endpoint, Point, Side};

/// Both ends of every edge (`None` for an edge without sides).
pub(super) type Ports = Vec<Option<(Port, Port)>>;

fn end_box(p: &Placement, end: Endpoint) -> Rect {
    match end {
        Endpoint::Node(n) => p.nodes[n],
        Endpoint::Cluster(c) => p.clusters[c],
    }
}

/// The ends on one side of one end box: the other end's coordinate along the side, the
/// edge, and whether this is the edge's start.
type SideEnds = std::collections::BTreeMap<(Endpoint, u8), Vec<(f64, usize, bool)>>;

pub(super) fn assign(d: &Diagram, p: &Placement, m: &Metrics) -> Ports {
    // Ends grouped by (end, side), each with the coordinate of its other end along the side.
    let mut at_side: SideEnds = Default::default();
    for (e, edge) in d.edges.iter().enumerate() {
        let (Some(fs), Some(ts)) = (edge.from_side, edge.to_side) else { continue };
        for (end, other, side, start) in [(edge.from, edge.to, fs, true), (edge.to, edge.from, ts, false)] {
            let o = end_box(p, other).center();
            let along = if matches!(side, Side::Left | Side::Right) { o.y } else { o.x };
            at_side.entry((end, side as u8)).or_default().push((along, e, start));
        }
    }
    let mut out: Ports = vec![None; d.edges.len()];
    let mut starts: Vec<Option<Port>> = vec![None; d.edges.len()];
    let mut ends: Vec<Option<Port>> = vec![None; d.edges.len()];
    for ((end, _), mut list) in at_side {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let (e0, s0) = (list[0].1, list[0].2);
        let side = if s0 { d.edges[e0].from_side } else { d.edges[e0].to_side }.expect("sided");
        let k = list.len();
        for (idx, &(_, e, start)) in list.iter().enumerate() {
            let port = place_on_side(d, p, m, end, side, idx, k);
            if start {
                starts[e] = Some(port);
            } else {
                ends[e] = Some(port);
            }
        }
    }
    for e in 0..d.edges.len() {
        if let (Some(a), Some(b)) = (starts[e], ends[e]) {
            out[e] = Some((a, b));
        }
    }
    out
}

/// The `idx`-th of `k` ports on one side of an end.
fn place_on_side(d: &Diagram, p: &Placement, m: &Metrics, end: Endpoint, side: Side, idx: usize, k: usize) -> Port {
    let r = end_box(p, end);
    if let Endpoint::Node(n) = end
        && is_junction(d, n)
    {
        return Port { point: r.center(), side };
    }
    // The span ports spread over, and where on the other axis they sit.
    let (lo, hi, across) = match end {
        Endpoint::Node(_) => {
            let icon = icon_box(r, m.icon);
            match side {
                Side::Left => (icon.y, icon.bottom(), r.x),
                Side::Right => (icon.y, icon.bottom(), r.right()),
                Side::Top => (icon.x, icon.right(), r.y),
                Side::Bottom => (icon.x, icon.right(), r.bottom()),
            }
        }
        Endpoint::Cluster(_) => match side {
            Side::Left => (r.y, r.bottom(), r.x),
            Side::Right => (r.y, r.bottom(), r.right()),
            Side::Top => (r.x, r.right(), r.y),
            Side::Bottom => (r.x, r.right(), r.bottom()),
        },
    };
    let mid = (lo + hi) / 2.0;
    let step = ((hi - lo) * 0.8 / k as f64).min(16.0);
    let at = mid + (idx as f64 - (k as f64 - 1.0) / 2.0) * step;
    let point =
        if matches!(side, Side::Left | Side::Right) { Point { x: across, y: at } } else { Point { x: at, y: across } };
    Port { point, side }
}
