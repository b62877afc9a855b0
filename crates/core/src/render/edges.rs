//! Edge geometry for SVG: path data for each curve style, and arrow-head markers.
//!
//! Curves interpolate the routed polyline. `Rounded` (the default) keeps the polyline and
//! rounds its corners, so the drawn edge stays within a few pixels of the route that
//! layout proved clear of nodes; `basis` is d3's B-spline (Mermaid's default), `linear`
//! the polyline, the `step` family orthogonal steps, and the smooth interpolators a
//! Catmull–Rom spline through the points.

use super::fmt_num;
use super::writer::{Svg, Val};
use crate::model::{Curve, Marker, Point};

const CORNER: f64 = 12.0;

pub fn path_data(points: &[Point], curve: Curve) -> String {
    if points.len() < 2 {
        return String::new();
    }
    match curve {
        Curve::Linear => linear(points),
        Curve::Rounded => rounded(points),
        Curve::Basis => basis(points),
        Curve::Step => step(points, 0.5),
        Curve::StepBefore => step(points, 0.0),
        Curve::StepAfter => step(points, 1.0),
        Curve::Bump => bump(points),
        Curve::Cardinal | Curve::CatmullRom | Curve::MonotoneX | Curve::MonotoneY | Curve::Natural => {
            catmull_rom(points)
        }
    }
}

fn p(pt: Point) -> String {
    format!("{},{}", fmt_num(pt.x), fmt_num(pt.y))
}

fn linear(points: &[Point]) -> String {
    let mut d = format!("M{}", p(points[0]));
    for &pt in &points[1..] {
        d.push_str(&format!("L{}", p(pt)));
    }
    d
}

fn dist(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

fn toward(a: Point, b: Point, len: f64) -> Point {
    let l = dist(a, b);
    if l < 1e-9 {
        return a;
    }
    Point { x: a.x + (b.x - a.x) * len / l, y: a.y + (b.y - a.y) * len / l }
}

fn rounded(points: &[Point]) -> String {
    let mut d = format!("M{}", p(points[0]));
    for i in 1..points.len() - 1 {
        let (a, b, c) = (points[i - 1], points[i], points[i + 1]);
        let r = CORNER.min(dist(a, b) / 2.0).min(dist(b, c) / 2.0);
        if r < 0.5 {
            d.push_str(&format!("L{}", p(b)));
            continue;
        }
        d.push_str(&format!("L{}Q{} {}", p(toward(b, a, r)), p(b), p(toward(b, c, r))));
    }
    d.push_str(&format!("L{}", p(points[points.len() - 1])));
    d
}

/// d3's `curveBasis`: a uniform cubic B-spline that starts and ends at the end points.
fn basis(points: &[Point]) -> String {
    if points.len() == 2 {
        return linear(points);
    }
    let mut d = format!("M{}", p(points[0]));
    let (mut x0, mut y0, mut x1, mut y1) = (points[0].x, points[0].y, points[1].x, points[1].y);
    d.push_str(&format!("L{},{}", fmt_num((5.0 * x0 + x1) / 6.0), fmt_num((5.0 * y0 + y1) / 6.0)));
    let seg = |d: &mut String, x0: f64, y0: f64, x1: f64, y1: f64, x: f64, y: f64| {
        d.push_str(&format!(
            "C{},{} {},{} {},{}",
            fmt_num((2.0 * x0 + x1) / 3.0),
            fmt_num((2.0 * y0 + y1) / 3.0),
            fmt_num((x0 + 2.0 * x1) / 3.0),
            fmt_num((y0 + 2.0 * y1) / 3.0),
            fmt_num((x0 + 4.0 * x1 + x) / 6.0),
            fmt_num((y0 + 4.0 * y1 + y) / 6.0)
        ));
    };
    for pt in &points[2..] {
        seg(&mut d, x0, y0, x1, y1, pt.x, pt.y);
        (x0, y0, x1, y1) = (x1, y1, pt.x, pt.y);
    }
    seg(&mut d, x0, y0, x1, y1, x1, y1);
    d.push_str(&format!("L{},{}", fmt_num(x1), fmt_num(y1)));
    d
}

/// Orthogonal steps; `t` is where along each segment the step happens (0 before, 1 after).
fn step(points: &[Point], t: f64) -> String {
    let mut d = format!("M{}", p(points[0]));
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let x = a.x + (b.x - a.x) * t;
        d.push_str(&format!("H{}V{}H{}", fmt_num(x), fmt_num(b.y), fmt_num(b.x)));
    }
    d
}

fn bump(points: &[Point]) -> String {
    let mut d = format!("M{}", p(points[0]));
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let my = (a.y + b.y) / 2.0;
        d.push_str(&format!("C{},{} {},{} {}", fmt_num(a.x), fmt_num(my), fmt_num(b.x), fmt_num(my), p(b)));
    }
    d
}

/// Centripetal-free (uniform) Catmull–Rom through every point, as cubic Béziers.
fn catmull_rom(points: &[Point]) -> String {
    let mut d = format!("M{}", p(points[0]));
    let n = points.len();
    for i in 0..n - 1 {
        let p0 = points[i.saturating_sub(1)];
        let (p1, p2) = (points[i], points[i + 1]);
        let p3 = points[(i + 2).min(n - 1)];
        let c1 = Point { x: p1.x + (p2.x - p0.x) / 6.0, y: p1.y + (p2.y - p0.y) / 6.0 };
        let c2 = Point { x: p2.x - (p3.x - p1.x) / 6.0, y: p2.y - (p3.y - p1.y) / 6.0 };
        d.push_str(&format!("C{} {} {}", p(c1), p(c2), p(p2)));
    }
    d
}

/// What an edge end meets: a node's (or service's) shape, or the border of a cluster box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndAt {
    Shape,
    /// The path of an arrow at a cluster's border ends [`BORDER_GAP`] short of it, with
    /// the head reaching over the rest: a reader of the SVG's geometry (svg-metrics, other
    /// tools) then finds the end on the border, as it finds Mermaid's (4 px short), and
    /// does not take the edge for one passing through the boxes around the cluster.
    Border,
}

/// How far short of a cluster's border the path of an arrow into it ends.
pub const BORDER_GAP: f64 = 3.0;

/// The `<marker>` id for a marker kind, end, what the end meets and colour index.
pub fn marker_id(prefix: &str, kind: Marker, start: bool, at: EndAt, color: usize) -> String {
    let k = match kind {
        Marker::Arrow => "arrow",
        Marker::Circle => "circle",
        Marker::Cross => "cross",
        Marker::None => "none",
    };
    let at = if at == EndAt::Border && kind == Marker::Arrow { "-border" } else { "" };
    format!("{prefix}-{k}{at}-{}-{color}", if start { "start" } else { "end" })
}

/// How far the path stops short of its end for a marker (the marker fills the gap).
pub fn marker_length(kind: Marker, at: EndAt) -> f64 {
    match (kind, at) {
        (Marker::Arrow, EndAt::Border) => BORDER_GAP,
        (Marker::Arrow | Marker::Circle, _) => 10.0,
        (Marker::Cross | Marker::None, _) => 0.0,
    }
}

/// Writes one marker definition. Markers are in user space so arrow heads keep their size
/// whatever the stroke width; the tip sits exactly on the path's end.
pub fn write_marker(svg: &mut Svg, id: &str, kind: Marker, start: bool, at: EndAt, color: &str) {
    let (w, h, ref_x, body) = match kind {
        // The path stops `marker_length` short of the node; the head's base sits on the
        // path's end (overlapping half a pixel) and its tip on the node's border. At a
        // cluster's border the path runs on under the head to `BORDER_GAP` short of the tip
        // (the line's round cap, up to 3.5 px wide, stays inside the head).
        Marker::Arrow => {
            let d = if start { "M10,0L0,5L10,10Z" } else { "M0,0L10,5L0,10Z" };
            let back = if at == EndAt::Border { 10.0 - BORDER_GAP } else { 0.5 };
            (10.0, 10.0, if start { 10.0 - back } else { back }, Body::Path(d))
        }
        Marker::Circle => (10.0, 10.0, if start { 9.5 } else { 0.5 }, Body::Circle),
        // The cross sits wholly outside the node, just before its border: centred on the
        // border, the node (drawn above edges) would hide half of it.
        Marker::Cross => (10.0, 10.0, if start { 0.0 } else { 10.0 }, Body::Cross),
        Marker::None => return,
    };
    svg.open(
        "marker",
        &[
            ("id", id.into()),
            ("class", "marker".into()),
            ("viewBox", "0 0 10 10".into()),
            ("refX", ref_x.into()),
            ("refY", 5.0.into()),
            ("markerWidth", w.into()),
            ("markerHeight", h.into()),
            ("markerUnits", "userSpaceOnUse".into()),
            ("orient", "auto".into()),
        ],
    );
    match body {
        Body::Path(d) => svg.empty("path", &[("d", d.into()), ("fill", color.into()), ("stroke", "none".into())]),
        Body::Circle => svg.empty(
            "circle",
            &[
                ("cx", 5.0.into()),
                ("cy", 5.0.into()),
                ("r", 4.0.into()),
                ("fill", color.into()),
                ("stroke", color.into()),
            ],
        ),
        Body::Cross => svg.empty(
            "path",
            &[
                ("d", "M1,1L9,9M1,9L9,1".into()),
                ("fill", "none".into()),
                ("stroke", color.into()),
                ("stroke-width", Val::N(2.0)),
            ],
        ),
    }
    svg.close("marker");
}

enum Body {
    Path(&'static str),
    Circle,
    Cross,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_start_and_end_at_the_route_ends() {
        let pts = [Point { x: 0.0, y: 0.0 }, Point { x: 0.0, y: 50.0 }, Point { x: 40.0, y: 80.0 }];
        for c in [Curve::Rounded, Curve::Basis, Curve::Linear, Curve::Step, Curve::CatmullRom, Curve::Bump] {
            let d = path_data(&pts, c);
            assert!(d.starts_with("M0,0"), "{c:?}: {d}");
            assert!(d.ends_with("40,80") || d.ends_with("H40"), "{c:?}: {d}");
        }
    }
}
