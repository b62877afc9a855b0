//! Node shapes: how big each shape is around its label, and how it is drawn.
//!
//! Shapes are drawn in the node's own frame, centred on (0, 0). Polygonal shapes use the
//! points of [`layout::outline::polygon`](crate::layout::outline::polygon), so arrows
//! attach exactly to what is drawn. Every shape is real SVG geometry with class `shape`
//! (decorations: `shape-detail`), so tools that read our SVG find the node's box.

use super::fmt_num;
use super::writer::{Svg, Val};
use crate::layout::Size;
use crate::layout::outline;
use crate::model::Shape;

/// How a shape is painted (already resolved from theme and user style).
pub struct ShapePaint<'a> {
    pub fill: &'a str,
    pub stroke: &'a str,
    pub stroke_width: &'a str,
    pub dasharray: Option<&'a str>,
    pub opacity: Option<&'a str>,
    /// Corner radius for rectangles (the `neo` look rounds them).
    pub radius: f64,
}

/// Size of a shape around a label of size `label`, with padding `pad` (Mermaid's
/// `flowchart.padding`). `vertical_bar` turns fork/join bars for left-right diagrams.
pub fn size(shape: Shape, label: Size, pad: f64, bars_vertical: bool) -> Size {
    let (lw, lh) = (label.w, label.h);
    let px = pad;
    let py = (pad * 0.6).max(4.0);
    let w = lw + 2.0 * px;
    let h = lh + 2.0 * py;
    let s = |w: f64, h: f64| Size { w, h };
    match shape {
        Shape::Rect | Shape::Rounded | Shape::NotchedRect | Shape::TaggedRect | Shape::DataStore => s(w, h),
        Shape::Subroutine => s(w + 16.0, h),
        Shape::LinedRect => s(w + 10.0, h),
        Shape::WindowPane => s(w + 10.0, h + 10.0),
        Shape::DividedRect => s(w, h + 12.0),
        Shape::StackedRect => s(w + 8.0, h + 8.0),
        Shape::Stadium => s(lw + h + px, h),
        Shape::Cylinder | Shape::LinedCylinder => {
            let ry = cylinder_ry(w);
            s(w, h + 2.0 * ry + if shape == Shape::LinedCylinder { ry } else { 0.0 })
        }
        Shape::HorizontalCylinder => {
            let rx = cylinder_ry(h);
            s(w + 2.0 * rx, h)
        }
        Shape::Circle => {
            let d = lw.hypot(lh) + 2.0 * py.min(10.0);
            s(d, d)
        }
        // An ellipse through the corners of the padded label box, √2 times its size.
        Shape::Ellipse => s(w * std::f64::consts::SQRT_2, h * std::f64::consts::SQRT_2),
        Shape::DoubleCircle => {
            let d = lw.hypot(lh) + 2.0 * py.min(10.0) + 10.0;
            s(d, d)
        }
        Shape::Diamond => {
            let (a, b) = (lw + 16.0, lh + 8.0);
            s(a + 2.0 * b, b + a / 2.0)
        }
        Shape::Hexagon | Shape::Asymmetric | Shape::Delay | Shape::CurvedTrapezoid | Shape::BowRect => {
            s(w + h / 2.0, h)
        }
        Shape::LeanRight | Shape::LeanLeft | Shape::Trapezoid | Shape::InvTrapezoid => s(w + h, h),
        Shape::Triangle | Shape::FlippedTriangle => {
            let hh = (lh + py) * 2.0 + 8.0;
            s((lw + 2.0 * px).max(hh * 1.15) * 1.6, hh)
        }
        Shape::NotchedPentagon | Shape::SlopedRect => s(w, h + 10.0),
        Shape::Hourglass => s(w.max(h), (lh * 2.0 + 2.0 * py).max(h)),
        Shape::SmallCircle | Shape::FilledCircle => s(14.0, 14.0),
        Shape::FramedCircle => s(20.0, 20.0),
        Shape::CrossCircle => s(30.0, 30.0),
        Shape::ForkJoin if bars_vertical => s(10.0, 70.0),
        Shape::ForkJoin => s(70.0, 10.0),
        Shape::Text => s(lw + 8.0, lh + 4.0),
        Shape::Document | Shape::LinedDocument | Shape::TaggedDocument => s(w, h + h * 0.2),
        Shape::Documents => s(w + 8.0, h + h * 0.2 + 8.0),
        Shape::Flag => s(w, h + 12.0),
        Shape::Cloud => s(lw * 1.3 + 2.0 * px, lh * 1.5 + 2.0 * py),
        Shape::Bang => s(lw * 1.4 + 2.0 * px, lh * 1.8 + 2.0 * py),
        Shape::Bolt => s(30.0, 50.0),
        Shape::BraceLeft | Shape::BraceRight => s(w + 10.0, h),
        Shape::Braces => s(w + 20.0, h),
        Shape::Icon => icon_node_size(ICON_SIDE, label),
        Shape::Image => s(lw.max(100.0), 100.0 + 6.0 + lh),
        Shape::Junction => s(8.0, 8.0),
        Shape::Person => s(w.max(80.0), h + PERSON_BODY_TOP),
    }
}

/// The side of an icon node's picture when `h:` does not set it (Mermaid's default).
pub const ICON_SIDE: f64 = 48.0;

/// An icon node: the picture, `side` square, with its label 6 px under it.
pub fn icon_node_size(side: f64, label: Size) -> Size {
    Size { w: label.w.max(side), h: side + 6.0 + label.h }
}

/// Where an icon node's label centre sits relative to the node's centre.
pub fn icon_label_offset(side: f64) -> (f64, f64) {
    (0.0, (side + 6.0) / 2.0)
}

/// The square tile behind an icon node's picture (the icon itself is drawn by
/// `render::icons`, which knows the source of bodies).
pub fn draw_icon_tile(svg: &mut Svg, side: f64, sz: Size, p: &ShapePaint) {
    let mut a: Vec<(&str, Val)> = vec![
        ("x", (-side / 2.0).into()),
        ("y", (-sz.h / 2.0).into()),
        ("width", side.into()),
        ("height", side.into()),
        ("rx", 6.0.into()),
        ("class", "shape".into()),
        ("fill", p.fill.into()),
        ("stroke", p.stroke.into()),
        ("stroke-width", p.stroke_width.into()),
    ];
    if let Some(d) = p.dasharray {
        a.push(("stroke-dasharray", d.into()));
    }
    if let Some(o) = p.opacity {
        a.push(("opacity", o.into()));
    }
    svg.empty("rect", &a);
}

/// A person's head radius, and where its body starts below the top of the shape (the
/// head overlaps the body's top edge a little).
const PERSON_HEAD: f64 = 17.0;
const PERSON_BODY_TOP: f64 = 28.0;

fn cylinder_ry(w: f64) -> f64 {
    w / 2.0 / (2.5 + w / 50.0)
}

/// Where the label's centre sits relative to the shape's centre.
pub fn label_offset(shape: Shape, sz: Size) -> (f64, f64) {
    match shape {
        Shape::Cylinder => (0.0, cylinder_ry(sz.w) / 2.0),
        Shape::LinedCylinder => (0.0, cylinder_ry(sz.w)),
        Shape::Triangle => (0.0, sz.h / 6.0),
        Shape::FlippedTriangle => (0.0, -sz.h / 6.0),
        Shape::Document | Shape::LinedDocument | Shape::TaggedDocument | Shape::Documents => (0.0, -sz.h * 0.08),
        Shape::DividedRect => (0.0, 6.0),
        Shape::WindowPane => (5.0, 5.0),
        Shape::LinedRect => (5.0, 0.0),
        Shape::Flag => (0.0, 0.0),
        Shape::Icon => icon_label_offset(ICON_SIDE),
        Shape::Image => (0.0, sz.h / 2.0 - (sz.h - 100.0 - 6.0) / 2.0),
        Shape::Person => (0.0, PERSON_BODY_TOP / 2.0),
        _ => (0.0, 0.0),
    }
}

/// Shapes whose label is not drawn (markers such as start/stop circles and bars).
pub fn hides_label(shape: Shape) -> bool {
    matches!(
        shape,
        Shape::SmallCircle
            | Shape::FilledCircle
            | Shape::FramedCircle
            | Shape::CrossCircle
            | Shape::ForkJoin
            | Shape::Bolt
            | Shape::Junction
    )
}

fn pts(points: &[(f64, f64)]) -> String {
    points.iter().map(|(x, y)| format!("{},{}", fmt_num(*x), fmt_num(*y))).collect::<Vec<_>>().join(" ")
}

/// `M`/`L`/`Z` path data for a closed polygon.
fn poly_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(&format!("{},{}", fmt_num(*x), fmt_num(*y)));
    }
    d.push('Z');
    d
}

pub fn draw(svg: &mut Svg, shape: Shape, sz: Size, p: &ShapePaint) {
    let (w, h) = (sz.w, sz.h);
    let (hw, hh) = (w / 2.0, h / 2.0);
    let n = fmt_num;
    let mut base: Vec<(&str, Val)> = vec![
        ("class", "shape".into()),
        ("fill", p.fill.into()),
        ("stroke", p.stroke.into()),
        ("stroke-width", p.stroke_width.into()),
    ];
    if let Some(d) = p.dasharray {
        base.push(("stroke-dasharray", d.into()));
    }
    if let Some(o) = p.opacity {
        base.push(("opacity", o.into()));
    }
    let rect = |svg: &mut Svg, x: f64, y: f64, w: f64, h: f64, rx: f64, base: &[(&str, Val)]| {
        let mut a: Vec<(&str, Val)> = vec![("x", x.into()), ("y", y.into()), ("width", w.into()), ("height", h.into())];
        if rx > 0.0 {
            a.push(("rx", rx.into()));
        }
        a.extend(base.iter().map(|(k, v)| (*k, clone_val(v))));
        svg.empty("rect", &a);
    };
    let path = |svg: &mut Svg, d: &str, base: &[(&str, Val)]| {
        let mut a: Vec<(&str, Val)> = vec![("d", d.into())];
        a.extend(base.iter().map(|(k, v)| (*k, clone_val(v))));
        svg.empty("path", &a);
    };
    let detail = |svg: &mut Svg, d: &str| {
        svg.empty(
            "path",
            &[
                ("class", "shape-detail".into()),
                ("d", d.into()),
                ("fill", "none".into()),
                ("stroke", p.stroke.into()),
                ("stroke-width", p.stroke_width.into()),
            ],
        );
    };
    let circle = |svg: &mut Svg, r: f64, fill: &str, class: &str| {
        svg.empty(
            "circle",
            &[
                ("class", class.into()),
                ("cx", 0.0.into()),
                ("cy", 0.0.into()),
                ("r", r.into()),
                ("fill", fill.into()),
                ("stroke", p.stroke.into()),
                ("stroke-width", p.stroke_width.into()),
            ],
        );
    };
    match shape {
        Shape::Rect | Shape::Subroutine | Shape::LinedRect | Shape::WindowPane | Shape::DividedRect => {
            rect(svg, -hw, -hh, w, h, p.radius, &base);
            match shape {
                Shape::Subroutine => {
                    detail(svg, &format!("M{},{}V{}M{},{}V{}", n(-hw + 8.0), n(-hh), n(hh), n(hw - 8.0), n(-hh), n(hh)))
                }
                Shape::LinedRect => detail(svg, &format!("M{},{}V{}", n(-hw + 10.0), n(-hh), n(hh))),
                Shape::WindowPane => detail(
                    svg,
                    &format!("M{},{}V{}M{},{}H{}", n(-hw + 10.0), n(-hh), n(hh), n(-hw), n(-hh + 10.0), n(hw)),
                ),
                Shape::DividedRect => detail(svg, &format!("M{},{}H{}", n(-hw), n(-hh + 12.0), n(hw))),
                _ => {}
            }
        }
        Shape::Rounded => rect(svg, -hw, -hh, w, h, 5.0f64.max(p.radius), &base),
        Shape::Stadium => rect(svg, -hw, -hh, w, h, hh, &base),
        Shape::StackedRect => {
            rect(svg, -hw + 8.0, -hh, w - 8.0, h - 8.0, p.radius, &base);
            rect(svg, -hw + 4.0, -hh + 4.0, w - 8.0, h - 8.0, p.radius, &base);
            rect(svg, -hw, -hh + 8.0, w - 8.0, h - 8.0, p.radius, &base);
        }
        Shape::TaggedRect => {
            rect(svg, -hw, -hh, w, h, p.radius, &base);
            let t = (h * 0.25).min(12.0);
            detail(svg, &format!("M{},{}L{},{}L{},{}Z", n(hw - t), n(hh), n(hw), n(hh), n(hw), n(hh - t)));
        }
        Shape::DataStore => {
            rect(
                svg,
                -hw,
                -hh,
                w,
                h,
                0.0,
                &[("class", "shape".into()), ("fill", p.fill.into()), ("stroke", "none".into())],
            );
            detail(svg, &format!("M{},{}H{}M{},{}H{}", n(-hw), n(-hh), n(hw), n(-hw), n(hh), n(hw)));
        }
        Shape::Cylinder | Shape::LinedCylinder => {
            let ry = cylinder_ry(w);
            let top = -hh + ry;
            let bottom = hh - ry;
            let d = format!(
                "M{l},{t}A{rx},{ry} 0 0 1 {r},{t}V{b}A{rx},{ry} 0 0 1 {l},{b}Z",
                l = n(-hw),
                r = n(hw),
                t = n(top),
                b = n(bottom),
                rx = n(hw),
                ry = n(ry)
            );
            path(svg, &d, &base);
            detail(
                svg,
                &format!("M{l},{t}A{rx},{ry} 0 0 0 {r},{t}", l = n(-hw), r = n(hw), t = n(top), rx = n(hw), ry = n(ry)),
            );
            if shape == Shape::LinedCylinder {
                let t2 = top + ry;
                detail(
                    svg,
                    &format!(
                        "M{l},{t}A{rx},{ry} 0 0 0 {r},{t}",
                        l = n(-hw),
                        r = n(hw),
                        t = n(t2),
                        rx = n(hw),
                        ry = n(ry)
                    ),
                );
            }
        }
        Shape::HorizontalCylinder => {
            let rx = cylinder_ry(h);
            let (l, r) = (-hw + rx, hw - rx);
            let d = format!(
                "M{l},{t}H{r}A{rx},{ry} 0 0 1 {r},{b}H{l}A{rx},{ry} 0 0 1 {l},{t}Z",
                l = n(l),
                r = n(r),
                t = n(-hh),
                b = n(hh),
                rx = n(rx),
                ry = n(hh)
            );
            path(svg, &d, &base);
            detail(
                svg,
                &format!("M{r},{t}A{rx},{ry} 0 0 0 {r},{b}", r = n(r), t = n(-hh), b = n(hh), rx = n(rx), ry = n(hh)),
            );
        }
        Shape::Circle => circle_shape(svg, hw, &base),
        Shape::Ellipse => {
            let mut a: Vec<(&str, Val)> =
                vec![("cx", 0.0.into()), ("cy", 0.0.into()), ("rx", hw.into()), ("ry", hh.into())];
            a.extend(base.iter().map(|(k, v)| (*k, clone_val(v))));
            svg.empty("ellipse", &a);
        }
        Shape::DoubleCircle => {
            circle_shape(svg, hw, &base);
            circle(svg, hw - 5.0, "none", "shape-detail");
        }
        Shape::SmallCircle => circle_shape(svg, hw, &base),
        Shape::FilledCircle => circle(svg, hw, p.stroke, "shape"),
        Shape::FramedCircle => {
            circle_shape(svg, hw, &base);
            circle(svg, hw - 4.0, p.stroke, "shape-detail");
        }
        Shape::CrossCircle => {
            circle_shape(svg, hw, &base);
            let k = hw * std::f64::consts::FRAC_1_SQRT_2;
            detail(svg, &format!("M{a},{a}L{b},{b}M{a},{b}L{b},{a}", a = n(-k), b = n(k)));
        }
        Shape::ForkJoin => rect(
            svg,
            -hw,
            -hh,
            w,
            h,
            0.0,
            &[("class", "shape".into()), ("fill", p.stroke.into()), ("stroke", p.stroke.into())],
        ),
        Shape::Text => rect(
            svg,
            -hw,
            -hh,
            w,
            h,
            0.0,
            &[("class", "shape".into()), ("fill", "none".into()), ("stroke", "none".into())],
        ),
        Shape::Document | Shape::LinedDocument | Shape::TaggedDocument => {
            path(svg, &document_path(-hw, -hh, w, h), &base);
            if shape == Shape::LinedDocument {
                detail(svg, &format!("M{},{}V{}", n(-hw + 10.0), n(-hh), n(hh - h * 0.1)));
            }
            if shape == Shape::TaggedDocument {
                let t = (h * 0.25).min(12.0);
                detail(
                    svg,
                    &format!(
                        "M{},{}L{},{}L{},{}Z",
                        n(hw - t),
                        n(hh - h * 0.1),
                        n(hw),
                        n(hh - h * 0.1),
                        n(hw),
                        n(hh - h * 0.1 - t)
                    ),
                );
            }
        }
        Shape::Documents => {
            let (dw, dh) = (w - 8.0, h - 8.0);
            path(svg, &document_path(-hw + 8.0, -hh, dw, dh), &base);
            path(svg, &document_path(-hw + 4.0, -hh + 4.0, dw, dh), &base);
            path(svg, &document_path(-hw, -hh + 8.0, dw, dh), &base);
        }
        Shape::Delay => {
            let r = hh.min(hw);
            path(
                svg,
                &format!(
                    "M{l},{t}H{x}A{r},{r} 0 0 1 {x},{b}H{l}Z",
                    l = n(-hw),
                    t = n(-hh),
                    b = n(hh),
                    x = n(hw - r),
                    r = n(r)
                ),
                &base,
            );
        }
        Shape::CurvedTrapezoid => {
            let r = hh.min(hw / 2.0);
            let s = h / 4.0;
            path(
                svg,
                &format!(
                    "M{l},{t}H{x}A{r},{r} 0 0 1 {x},{b}H{l2}L{l},{t}Z",
                    l = n(-hw + s),
                    l2 = n(-hw),
                    t = n(-hh),
                    b = n(hh),
                    x = n(hw - r),
                    r = n(r)
                ),
                &base,
            );
        }
        Shape::BowRect => {
            let k = h / 4.0;
            path(
                svg,
                &format!(
                    "M{l},{t}H{r}Q{rk},0 {r},{b}H{l}Q{lk},0 {l},{t}Z",
                    l = n(-hw + k),
                    r = n(hw - k),
                    t = n(-hh),
                    b = n(hh),
                    rk = n(hw - 2.0 * k),
                    lk = n(-hw)
                ),
                &base,
            );
        }
        Shape::Flag => {
            let a = 6.0;
            path(
                svg,
                &format!(
                    "M{l},{t}Q{q1},{tu} {m},{t}T{r},{t}V{b}Q{q3},{bd} {m},{b}T{l},{b}Z",
                    l = n(-hw),
                    r = n(hw),
                    m = n(0.0),
                    t = n(-hh + a),
                    b = n(hh - a),
                    q1 = n(-hw / 2.0),
                    tu = n(-hh - a),
                    q3 = n(hw / 2.0),
                    bd = n(hh + a)
                ),
                &base,
            );
        }
        Shape::Cloud => path(svg, &cloud_path(hw, hh), &base),
        Shape::Bang => path(svg, &bang_path(hw, hh), &base),
        Shape::Bolt => path(
            svg,
            &poly_path(&[
                (-hw * 0.2, -hh),
                (hw, -hh * 0.2),
                (hw * 0.1, 0.0),
                (hw * 0.2, hh),
                (-hw, hh * 0.2),
                (-hw * 0.1, 0.0),
            ]),
            &base,
        ),
        Shape::BraceLeft | Shape::BraceRight | Shape::Braces => {
            rect(
                svg,
                -hw,
                -hh,
                w,
                h,
                0.0,
                &[("class", "shape".into()), ("fill", "none".into()), ("stroke", "none".into())],
            );
            if matches!(shape, Shape::BraceLeft | Shape::Braces) {
                detail(svg, &brace_path(-hw + 8.0, hh, -1.0));
            }
            if matches!(shape, Shape::BraceRight | Shape::Braces) {
                detail(svg, &brace_path(hw - 8.0, hh, 1.0));
            }
        }
        Shape::Icon => draw_icon_tile(svg, ICON_SIDE, sz, p),
        Shape::Image => {
            // The picture itself is drawn by the caller.
            rect(svg, -50.0, -hh, 100.0, 100.0, 6.0, &base);
        }
        Shape::Junction => circle(svg, hw, p.stroke, "shape"),
        Shape::Person => {
            // The body first, the head over its top edge, as C4 draws a person.
            rect(svg, -hw, -hh + PERSON_BODY_TOP, w, h - PERSON_BODY_TOP, 12.0, &base);
            svg.empty(
                "circle",
                &[
                    ("class", "shape".into()),
                    ("cx", 0.0.into()),
                    ("cy", (-hh + PERSON_HEAD).into()),
                    ("r", PERSON_HEAD.into()),
                    ("fill", p.fill.into()),
                    ("stroke", p.stroke.into()),
                    ("stroke-width", p.stroke_width.into()),
                ],
            );
        }
        _ => match outline::polygon(shape, w, h) {
            Some(poly) => {
                let mut a: Vec<(&str, Val)> = Vec::new();
                let points = pts(&poly);
                a.push(("points", (&points).into()));
                a.extend(base.iter().map(|(k, v)| (*k, clone_val(v))));
                svg.empty("polygon", &a);
            }
            None => rect(svg, -hw, -hh, w, h, p.radius, &base),
        },
    }
}

fn clone_val<'a>(v: &Val<'a>) -> Val<'a> {
    match v {
        Val::S(s) => Val::S(s),
        Val::N(x) => Val::N(*x),
    }
}

fn circle_shape(svg: &mut Svg, r: f64, base: &[(&str, Val)]) {
    let mut a: Vec<(&str, Val)> = vec![("cx", 0.0.into()), ("cy", 0.0.into()), ("r", r.into())];
    a.extend(base.iter().map(|(k, v)| (*k, clone_val(v))));
    svg.empty("circle", &a);
}

/// A page with a wavy bottom edge.
fn document_path(x: f64, y: f64, w: f64, h: f64) -> String {
    let n = fmt_num;
    let wave = h * 0.1;
    let b = y + h - wave;
    format!(
        "M{x0},{y0}H{x1}V{b}Q{q1},{bu} {m},{b}T{x0},{b}Z",
        x0 = n(x),
        y0 = n(y),
        x1 = n(x + w),
        b = n(b),
        q1 = n(x + w * 0.75),
        bu = n(b + 2.0 * wave),
        m = n(x + w / 2.0)
    )
}

fn cloud_path(hw: f64, hh: f64) -> String {
    // Bumps around an ellipse: arcs between points on it.
    let n = fmt_num;
    let k = 9;
    let mut d = String::new();
    for i in 0..=k {
        let t = std::f64::consts::TAU * i as f64 / k as f64;
        let (x, y) = (hw * 0.92 * t.cos(), hh * 0.85 * t.sin());
        if i == 0 {
            d.push_str(&format!("M{},{}", n(x), n(y)));
        } else {
            let r = (hw + hh) / 5.0;
            d.push_str(&format!("A{r},{r} 0 0 1 {},{}", n(x), n(y), r = n(r)));
        }
    }
    d.push('Z');
    d
}

fn bang_path(hw: f64, hh: f64) -> String {
    let k = 14;
    let pts: Vec<(f64, f64)> = (0..k * 2)
        .map(|i| {
            let t = std::f64::consts::PI * i as f64 / k as f64;
            let s = if i % 2 == 0 { 1.0 } else { 0.78 };
            (hw * s * t.cos(), hh * s * t.sin())
        })
        .collect();
    poly_path(&pts)
}

/// A curly brace along the side at `x`, opening toward `dir` (−1 left, +1 right).
fn brace_path(x: f64, hh: f64, dir: f64) -> String {
    let n = fmt_num;
    let c = 6.0 * dir;
    format!(
        "M{a},{t}Q{x},{t} {x},{t2}V{m1}Q{x},0 {tip},0Q{x},0 {x},{m2}V{b2}Q{x},{b} {a},{b}",
        a = n(x - c),
        x = n(x),
        tip = n(x + c),
        t = n(-hh),
        t2 = n(-hh + 6.0),
        m1 = n(-6.0),
        m2 = n(6.0),
        b2 = n(hh - 6.0),
        b = n(hh)
    )
}
