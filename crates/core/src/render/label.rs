//! Label text as SVG `<text>`: one `<tspan>` per line, nested `<tspan>`s for bold and
//! italic runs, baselines computed here so no renderer has to support
//! `dominant-baseline` (Inkscape and converters treat it differently).

use super::writer::{Svg, Val, escape};
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
pub fn draw(svg: &mut Svg, t: &Text, font: &Font, max_width: f64, c: Point, paint: &Paint) {
    draw_lines(svg, &text::lines(t, font, max_width), font, c, paint);
}

pub fn draw_lines(svg: &mut Svg, lines: &[Vec<Run>], font: &Font, c: Point, paint: &Paint) {
    if lines.iter().all(|l| l.iter().all(|r| r.text.is_empty())) {
        return;
    }
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
}
