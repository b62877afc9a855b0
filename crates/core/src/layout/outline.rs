//! Shape outlines as polygons, for attaching edges to a node's real border.
//!
//! Every shape's outline is a polygon in the node's local frame (centre at 0,0); curved
//! shapes are sampled finely enough that an arrow tip lands within a fraction of a pixel
//! of the drawn curve. The renderer draws the polygonal shapes from the same points.

use super::Rect;
use crate::model::{Diagram, Endpoint};
use crate::model::{Point, Shape, Side};

const ARC_STEPS: usize = 24;

/// Points of the shape's polygon outline, clockwise from the top, or `None` for a plain
/// rectangle.
pub fn polygon(shape: Shape, w: f64, h: f64) -> Option<Vec<(f64, f64)>> {
    let (hw, hh) = (w / 2.0, h / 2.0);
    let slant = (h / 2.0).min(w / 4.0);
    Some(match shape {
        Shape::Diamond => vec![(0.0, -hh), (hw, 0.0), (0.0, hh), (-hw, 0.0)],
        Shape::Hexagon => {
            let s = (h / 4.0).min(w / 4.0);
            vec![(-hw + s, -hh), (hw - s, -hh), (hw, 0.0), (hw - s, hh), (-hw + s, hh), (-hw, 0.0)]
        }
        Shape::LeanRight => vec![(-hw + slant, -hh), (hw, -hh), (hw - slant, hh), (-hw, hh)],
        Shape::LeanLeft => vec![(-hw, -hh), (hw - slant, -hh), (hw, hh), (-hw + slant, hh)],
        Shape::Trapezoid => vec![(-hw + slant, -hh), (hw - slant, -hh), (hw, hh), (-hw, hh)],
        Shape::InvTrapezoid => vec![(-hw, -hh), (hw, -hh), (hw - slant, hh), (-hw + slant, hh)],
        Shape::Asymmetric => vec![(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh), (-hw + slant, 0.0)],
        Shape::Triangle => vec![(0.0, -hh), (hw, hh), (-hw, hh)],
        Shape::FlippedTriangle => vec![(-hw, -hh), (hw, -hh), (0.0, hh)],
        Shape::NotchedRect => {
            let n = (h / 4.0).min(12.0);
            vec![(-hw + n, -hh), (hw, -hh), (hw, hh), (-hw, hh), (-hw, -hh + n)]
        }
        Shape::NotchedPentagon => {
            let n = (h / 4.0).min(w / 4.0);
            vec![(-hw + n, -hh), (hw - n, -hh), (hw, -hh + n), (hw, hh), (-hw, hh), (-hw, -hh + n)]
        }
        Shape::SlopedRect => vec![(-hw, -hh + h * 0.25), (hw, -hh), (hw, hh), (-hw, hh)],
        Shape::Hourglass => vec![(-hw, -hh), (hw, -hh), (-hw, hh), (hw, hh)],
        Shape::Circle
        | Shape::Ellipse
        | Shape::DoubleCircle
        | Shape::SmallCircle
        | Shape::FilledCircle
        | Shape::FramedCircle
        | Shape::CrossCircle => ellipse(hw, hh),
        Shape::Stadium => stadium(hw, hh),
        _ => return None,
    })
}

fn ellipse(rx: f64, ry: f64) -> Vec<(f64, f64)> {
    let n = ARC_STEPS * 2;
    (0..n)
        .map(|i| {
            let t = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            (rx * t.cos(), ry * t.sin())
        })
        .collect()
}

fn stadium(hw: f64, hh: f64) -> Vec<(f64, f64)> {
    let r = hh.min(hw);
    let mut pts = Vec::new();
    for (cx, start) in [(hw - r, -std::f64::consts::FRAC_PI_2), (-hw + r, std::f64::consts::FRAC_PI_2)] {
        for i in 0..=ARC_STEPS {
            let t = start + std::f64::consts::PI * i as f64 / ARC_STEPS as f64;
            pts.push((cx + r * t.cos(), r * t.sin()));
        }
    }
    pts
}

/// Where a line perpendicular to `side`, at `along` (an x for top/bottom, a y for
/// left/right, in diagram coordinates), meets the node's outline on that side.
pub fn attach(shape: Shape, r: Rect, side: Side, along: f64) -> Point {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let on_rect = r.on_side(side, along);
    let Some(poly) = polygon(shape, r.w, r.h) else { return on_rect };
    let vertical = matches!(side, Side::Top | Side::Bottom);
    let a = if vertical { along - cx } else { along - cy };
    // Intersections of the line with every polygon edge; keep the outermost on `side`.
    let mut best: Option<f64> = None;
    for i in 0..poly.len() {
        let (p, q) = (poly[i], poly[(i + 1) % poly.len()]);
        let (pa, pb, qa, qb) = if vertical { (p.0, p.1, q.0, q.1) } else { (p.1, p.0, q.1, q.0) };
        if (pa - a) * (qa - a) > 0.0 || (pa - qa).abs() < 1e-12 {
            continue;
        }
        let t = (a - pa) / (qa - pa);
        let b = pb + t * (qb - pb);
        let outer = matches!(side, Side::Bottom | Side::Right);
        best = Some(match best {
            None => b,
            Some(o) if outer => o.max(b),
            Some(o) => o.min(b),
        });
    }
    match best {
        Some(b) if vertical => Point { x: along, y: cy + b },
        Some(b) => Point { x: cx + b, y: along },
        None => on_rect,
    }
}

/// Moves an edge's end from its node's bounding box onto the node's drawn outline, along
/// the direction the edge arrives in. Where the outline lies inside the box (a diamond's
/// flank, a circle's shoulder) the box point stays on the route, so the last piece runs
/// straight into the shape within the node's own box instead of cutting across the rank.
pub(crate) fn attach_end(d: &Diagram, nodes: &[Rect], e: usize, points: &mut Vec<Point>, side: Side, start: bool) {
    let edge = &d.edges[e];
    let end = if start { edge.from } else { edge.to };
    let Endpoint::Node(n) = end else { return };
    let Some(&p) = (if start { points.first() } else { points.last() }) else { return };
    let along = if matches!(side, Side::Top | Side::Bottom) { p.x } else { p.y };
    let q = attach(d.nodes[n].shape, nodes[n], side, along);
    let moved = (q.x - p.x).abs() + (q.y - p.y).abs() > 0.5;
    // A self-loop's ends leave sideways and need no stub.
    let keep_box_point = moved && points.len() > 1 && edge.from != edge.to;
    match (start, keep_box_point) {
        (true, true) => points.insert(0, q),
        (false, true) => points.push(q),
        (true, false) => points[0] = q,
        (false, false) => *points.last_mut().expect("non-empty") = q,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attaches_to_diamond_and_circle() {
        let r = Rect { x: 0.0, y: 0.0, w: 100.0, h: 50.0 };
        let p = attach(Shape::Diamond, r, Side::Bottom, 50.0);
        assert!((p.y - 50.0).abs() < 1e-9);
        let p = attach(Shape::Diamond, r, Side::Bottom, 75.0);
        assert!((p.y - 37.5).abs() < 1e-9, "{p:?}");
        let p = attach(Shape::Rect, r, Side::Left, 10.0);
        assert_eq!(p, Point { x: 0.0, y: 10.0 });
        let c = Rect { x: 0.0, y: 0.0, w: 40.0, h: 40.0 };
        let p = attach(Shape::Circle, c, Side::Right, 20.0);
        assert!((p.x - 40.0).abs() < 0.5, "{p:?}");
    }
}
