//! Where a flowchart cluster's title sits across the top of its box: centred, as Mermaid
//! draws it, unless an edge, an edge label or a node crosses the title's band there;
//! then at the nearest place along the band clear of them (or, when none is, where the
//! fewest cross it). Edges leaving a cluster across its titled side and edges entering
//! a cluster beside its title's border node would otherwise run through the text.
//!
//! The offset from the box's middle is what [`Layout::title_offsets`] keeps: a box only
//! grows around its engine box when its members are dragged, so the title stays inside.

use super::verify::segment_hits;
use super::{Layout, Rect, Size, Sizes};
use crate::model::{Diagram, DiagramKind, Point};

/// The title's text starts this far below the box's top border.
pub const TITLE_TOP: f64 = 6.0;
/// What an edge or label keeps clear of a title, around it.
const CLEAR: f64 = 4.0;
/// The least room between a moved title and its box's sides.
const SIDE_ROOM: f64 = 8.0;

/// The box of a cluster's title `size`, `offset` from the middle of the cluster's box.
pub fn title_box(cluster: Rect, size: Size, offset: f64) -> Rect {
    Rect { x: cluster.x + (cluster.w - size.w) / 2.0 + offset, y: cluster.y + TITLE_TOP, w: size.w, h: size.h }
}

/// Sets `l.title_offsets` for a flowchart's titled clusters (left empty for other kinds).
pub(crate) fn place(d: &Diagram, sizes: &Sizes, l: &mut Layout) {
    l.title_offsets.clear();
    if d.kind != Some(DiagramKind::Flowchart) {
        return;
    }
    let routes: Vec<Option<Rect>> = l.edges.iter().map(|e| Rect::around(&e.points)).collect();
    let mut offsets = vec![0.0; l.clusters.len()];
    for (c, &r) in l.clusters.iter().enumerate() {
        let Some(&size) = sizes.cluster_titles.get(c) else { continue };
        if size.w <= 0.0 || size.h <= 0.0 {
            continue;
        }
        let centred = title_box(r, size, 0.0);
        let band = Rect { x: r.x, y: centred.y - CLEAR, w: r.w, h: size.h + 2.0 * CLEAR };
        let obstacles = obstacles(d, l, &routes, c, band);
        if obstacles.is_empty() {
            continue;
        }
        offsets[c] = best_offset(r, size, &obstacles);
    }
    if offsets.iter().any(|&o| o != 0.0) {
        l.title_offsets = offsets;
    }
}

/// The stretches of `band` (across it, as `(x0, x1)`) that edges, edge labels, nodes and
/// clusters other than `c` and its ancestors cover.
fn obstacles(d: &Diagram, l: &Layout, routes: &[Option<Rect>], c: usize, band: Rect) -> Vec<(f64, f64)> {
    let covered = |r: Rect| {
        (r.x <= band.right() && band.x <= r.right() && r.y <= band.bottom() && band.y <= r.bottom())
            .then(|| (r.x.max(band.x), r.right().min(band.right())))
    };
    let mut out: Vec<(f64, f64)> = l.edges.iter().filter_map(|e| e.label.and_then(covered)).collect();
    out.extend(l.nodes.iter().filter_map(|&n| covered(n)));
    out.extend(
        l.clusters
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != c && !d.cluster_within(c, k))
            .filter_map(|(_, &r)| covered(r)),
    );
    for (e, route) in l.edges.iter().enumerate() {
        if routes[e].and_then(covered).is_none() {
            continue;
        }
        for s in route.points.windows(2) {
            if let Some(span) = across(s[0], s[1], band) {
                out.push(span);
            }
        }
    }
    out
}

/// The stretch across `band` of the part of segment `a`–`b` inside it.
fn across(a: Point, b: Point, band: Rect) -> Option<(f64, f64)> {
    if !segment_hits(a, b, band) {
        return None;
    }
    let (y0, y1) = (band.y, band.bottom());
    let dy = b.y - a.y;
    let (t0, t1) = if dy.abs() < 1e-9 {
        (0.0, 1.0)
    } else {
        let (ta, tb) = ((y0 - a.y) / dy, (y1 - a.y) / dy);
        (ta.min(tb).max(0.0), ta.max(tb).min(1.0))
    };
    let (xa, xb) = (a.x + t0 * (b.x - a.x), a.x + t1 * (b.x - a.x));
    let (x0, x1) = (xa.min(xb).max(band.x), xa.max(xb).min(band.right()));
    (x0 <= x1).then_some((x0, x1))
}

/// How far a title `title_w` wide may sit from the middle of a box `box_w` wide.
fn room(box_w: f64, title_w: f64) -> f64 {
    ((box_w - title_w) / 2.0 - SIDE_ROOM).max(0.0)
}

/// `offset`, brought back inside a box `box_w` wide for a title `title_w` wide.
pub(crate) fn within(offset: f64, box_w: f64, title_w: f64) -> f64 {
    let room = room(box_w, title_w);
    offset.clamp(-room, room)
}

/// The offset from the middle of `r` for a title of `size` that the fewest `obstacles`
/// cross, nearest the middle among those.
fn best_offset(r: Rect, size: Size, obstacles: &[(f64, f64)]) -> f64 {
    let middle = r.x + r.w / 2.0;
    let half = size.w / 2.0 + CLEAR;
    let room = room(r.w, size.w);
    if room <= 0.0 {
        return 0.0;
    }
    let (lo, hi) = (middle - room, middle + room);
    // Touching is clear (a candidate is placed right against an obstacle, give or take
    // rounding).
    const TOUCH: f64 = 1e-6;
    let hits = |x: f64| obstacles.iter().filter(|&&(a, b)| a < x + half - TOUCH && x - half + TOUCH < b).count();
    let candidates = std::iter::once(middle)
        .chain(obstacles.iter().flat_map(|&(a, b)| [a - half, b + half]))
        .map(|x| x.clamp(lo, hi));
    let mut best = (hits(middle), 0.0f64);
    for x in candidates {
        let key = (hits(x), x - middle);
        if key.0 < best.0 || (key.0 == best.0 && key.1.abs() < best.1.abs()) {
            best = key;
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_moves_off_an_edge_to_the_nearest_clear_place() {
        let r = Rect { x: 0.0, y: 0.0, w: 400.0, h: 200.0 };
        let size = Size { w: 100.0, h: 20.0 };
        // Nothing in the way: centred.
        assert_eq!(best_offset(r, size, &[]), 0.0);
        // An edge crossing the middle, a little right of it: the title moves left of it.
        let off = best_offset(r, size, &[(210.0, 212.0)]);
        let t = title_box(r, size, off);
        assert!(t.right() + CLEAR <= 210.0 + 1e-9 && t.x >= SIDE_ROOM, "{t:?}");
        // Edges on both sides near the middle: the clear stretch between is too narrow,
        // so it goes past the nearer one.
        let off = best_offset(r, size, &[(150.0, 151.0), (250.0, 251.0)]);
        assert!(off.abs() >= 50.0 + size.w / 2.0, "{off}");
    }

    #[test]
    fn a_title_that_fills_its_box_stays_centred() {
        let r = Rect { x: 0.0, y: 0.0, w: 110.0, h: 60.0 };
        assert_eq!(best_offset(r, Size { w: 100.0, h: 20.0 }, &[(50.0, 51.0)]), 0.0);
    }

    #[test]
    fn a_slanted_segment_covers_the_stretch_it_crosses_the_band_in() {
        let band = Rect { x: 0.0, y: 10.0, w: 100.0, h: 10.0 };
        let (x0, x1) = across(Point { x: 0.0, y: 0.0 }, Point { x: 30.0, y: 30.0 }, band).unwrap();
        assert!((x0 - 10.0).abs() < 1e-9 && (x1 - 20.0).abs() < 1e-9);
        assert_eq!(across(Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 5.0 }, band), None);
        assert_eq!(across(Point { x: 5.0, y: 15.0 }, Point { x: 40.0, y: 15.0 }, band), Some((5.0, 40.0)));
    }
}
