//! Label text as SVG `<text>`: one `<tspan>` per line, nested `<tspan>`s for bold and
//! italic runs, baselines computed here so no renderer has to support
//! `dominant-baseline` (Inkscape and converters treat it differently). A line holding
//! inline icons is placed piece by piece (each text piece at its own `x`), and the icons,
//! one em square in the text colour, are drawn after the `<text>` at the gaps left.

use super::icons::Painter;
use super::writer::{Svg, Val, escape};
use crate::layout::Rect;
use crate::model::{Point, Run, Text};
use crate::text::{self, Font};

/// How a label is painted.
pub struct Paint<'a> {
    pub class: &'a str,
    pub fill: &'a str,
    pub font_weight: Option<&'a str>,
    pub font_style: Option<&'a str>,
}

/// Draws `t`, wrapped at `max_width` if it wraps, centred on `c`.
pub fn draw(svg: &mut Svg, t: &Text, font: &Font, max_width: f64, c: Point, paint: &Paint, icons: &mut Painter) {
    draw_lines(svg, &text::lines(t, font, max_width), font, c, paint, icons);
}

pub fn draw_lines(svg: &mut Svg, lines: &[Vec<Run>], font: &Font, c: Point, paint: &Paint, icons: &mut Painter) {
    if lines.iter().all(|l| l.iter().all(|r| r.text.is_empty() && r.icon.is_none())) {
        return;
    }
    let mut placed: Vec<(&crate::model::Icon, Rect)> = Vec::new();
    let lh = font.line_height();
    let top = c.y - lh * lines.len() as f64 / 2.0;
    let mut attrs: Vec<(&str, Val)> = vec![
        ("class", paint.class.into()),
        ("x", c.x.into()),
        ("fill", paint.fill.into()),
        ("text-anchor", "middle".into()),
    ];
    if let Some(w) = paint.font_weight {
        attrs.push(("font-weight", w.into()));
    }
    if let Some(s) = paint.font_style {
        attrs.push(("font-style", s.into()));
    }
    svg.open("text", &attrs);
    for (i, line) in lines.iter().enumerate() {
        // The baseline sits where a line box of `lh` centres its glyphs: about 0.35 em
        // below the line's middle for Arial-like fonts.
        let baseline = top + lh * (i as f64 + 0.5) + font.size * 0.35;
        if line.iter().any(|r| r.icon.is_some()) {
            let mid = top + lh * (i as f64 + 0.5);
            line_with_icons(svg, line, font, Point { x: c.x, y: baseline }, mid, &mut placed);
            continue;
        }
        svg.open("tspan", &[("x", c.x.into()), ("y", baseline.into())]);
        for run in line {
            if !run.bold && !run.italic {
                svg.raw(&escape(&run.text));
                continue;
            }
            let mut a: Vec<(&str, Val)> = Vec::new();
            if run.bold {
                a.push(("font-weight", "bold".into()));
            }
            if run.italic {
                a.push(("font-style", "italic".into()));
            }
            svg.text_element("tspan", &a, &run.text);
        }
        svg.close("tspan");
    }
    svg.close("text");
    for (icon, r) in placed {
        icons.draw(svg, icon, r, Some(paint.fill));
    }
}

/// One line holding icons: text pieces placed from the left end of the centred line, the
/// icons' boxes (one em square on the line's middle) collected into `placed`.
fn line_with_icons<'a>(
    svg: &mut Svg,
    line: &'a [Run],
    font: &Font,
    at: Point,
    mid: f64,
    placed: &mut Vec<(&'a crate::model::Icon, Rect)>,
) {
    let mut x = at.x - font.line_width(line) / 2.0;
    svg.open("tspan", &[("y", at.y.into()), ("text-anchor", "start".into())]);
    for run in line {
        if let Some(icon) = &run.icon {
            placed.push((icon, Rect { x, y: mid - font.size / 2.0, w: font.size, h: font.size }));
            x += font.size;
            continue;
        }
        // Spaces at either end of a piece would be collapsed by SVG: skip their width instead.
        let body = run.text.trim_matches(' ');
        let lead = run.text.len() - run.text.trim_start_matches(' ').len();
        let space = |n: usize| font.run_width(&Run::text(" ".repeat(n), run.bold, run.italic));
        x += space(lead);
        if !body.is_empty() {
            let mut a: Vec<(&str, Val)> = vec![("x", x.into())];
            if run.bold {
                a.push(("font-weight", "bold".into()));
            }
            if run.italic {
                a.push(("font-style", "italic".into()));
            }
            svg.text_element("tspan", &a, body);
        }
        x += font.run_width(&Run::text(body, run.bold, run.italic));
        x += space(run.text.len() - lead - body.len());
    }
    svg.close("tspan");
}
