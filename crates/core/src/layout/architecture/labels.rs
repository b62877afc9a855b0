//! Edge titles (`a:R -[title]- L:b`): each sits on its own edge, centred on one of its
//! segments, at the first place along the route (longest segments first, then off-centre
//! positions) where it covers no service, no group title and no other edge title, and
//! stays inside every group that holds both ends.

use super::Metrics;
use super::grid::Placement;
use crate::layout::verify::{inside, overlap};
use crate::layout::{Rect, Sizes};
use crate::model::{Diagram, Point};

pub(super) fn place(
    d: &Diagram,
    sizes: &Sizes,
    p: &Placement,
    routes: &[Vec<Point>],
    m: &Metrics,
) -> Vec<Option<Rect>> {
    let mut taken: Vec<Rect> = p.nodes.clone();
    for (c, r) in p.clusters.iter().enumerate() {
        let t = m.title_room(sizes, c);
        taken.push(Rect { x: r.x, y: r.y, w: (t.w + 2.0 * m.padding).min(r.w), h: m.padding.min(12.0) + t.h });
    }
    let mut out = vec![None; d.edges.len()];
    for (e, edge) in d.edges.iter().enumerate() {
        let Some(size) = sizes.edge_labels.get(e).copied().flatten() else { continue };
        let pts = &routes[e];
        if pts.len() < 2 {
            continue;
        }
        let holders: Vec<Rect> = (0..d.clusters.len())
            .filter(|&c| d.end_within(edge.from, c) && d.end_within(edge.to, c))
            .map(|c| p.clusters[c])
            .collect();
        let mut segs: Vec<(f64, usize)> =
            pts.windows(2).enumerate().map(|(i, w)| ((w[0].x - w[1].x).abs() + (w[0].y - w[1].y).abs(), i)).collect();
        segs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // On the edge first (longest segments, middle out), then beside it, on either side,
        // further out when that is taken too.
        let mut best = None;
        'search: for shift in [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0] {
            for &(_, i) in &segs {
                let (a, b) = (pts[i], pts[i + 1]);
                let vertical = (a.x - b.x).abs() < 0.01;
                for t in [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9] {
                    let mut c = Point { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
                    if vertical {
                        c.x += shift * (size.w / 2.0 + 4.0);
                    } else {
                        c.y += shift * (size.h / 2.0 + 4.0);
                    }
                    let r = Rect::centered(c, size);
                    best.get_or_insert(r);
                    let clear = !taken.iter().any(|&o| overlap(r, o)) && holders.iter().all(|&h| inside(r, h));
                    if clear {
                        best = Some(r);
                        break 'search;
                    }
                }
            }
        }
        // Nowhere clear: at least inside every group holding both ends.
        let best = best.map(|mut r| {
            for h in &holders {
                r.x = r.x.clamp(h.x, (h.right() - r.w).max(h.x));
                r.y = r.y.clamp(h.y, (h.bottom() - r.h).max(h.y));
            }
            r
        });
        if let Some(r) = best {
            taken.push(r);
            out[e] = Some(r);
        }
    }
    out
}
