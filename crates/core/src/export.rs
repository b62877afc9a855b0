//! Getting a drawn diagram out as files: their names, the pixel size of a PNG, and the
//! SVG without its background for a transparent PNG. The drawing itself stays the
//! browser's (a canvas) or another tool's; this is the arithmetic around it.

use crate::markdown;
use crate::share::snippet::file_stem;

/// A canvas side longer than this fails in some browsers (Safari's limit; Chromium's is
/// 32,767).
pub const MAX_PNG_SIDE: u32 = 16_384;

/// At most this many pixels: 40 MP is 160 MB of canvas, already a lot for a tab.
pub const MAX_PNG_PIXELS: u64 = 40_000_000;

/// The SVG's size in CSS pixels: its root `width`/`height`, else its `viewBox`.
pub fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("<svg")?;
    let end = start + svg[start..].find('>')?;
    let tag = &svg[start..end];
    let positive = |w: f64, h: f64| (w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0).then_some((w, h));
    let number = |name: &str| attribute(tag, name)?.trim().trim_end_matches("px").parse::<f64>().ok();
    if let (Some(w), Some(h)) = (number("width"), number("height"))
        && let Some(size) = positive(w, h)
    {
        return Some(size);
    }
    let vb: Vec<f64> = attribute(tag, "viewBox")?.split([' ', ',']).filter_map(|v| v.trim().parse().ok()).collect();
    match vb[..] {
        [_, _, w, h] => positive(w, h),
        _ => None,
    }
}

/// `name="value"` in an opening tag (a name preceded by whitespace, so `stroke-width`
/// is not `width`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let after = &tag[at + name.len()..];
        if tag[..at].ends_with(char::is_whitespace)
            && let Some(rest) = after.strip_prefix("=\"")
        {
            return rest.find('"').map(|e| &rest[..e]);
        }
        from = at + name.len();
    }
    None
}

/// How big a PNG to make.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PngSize {
    /// Device pixels per CSS pixel: 1 (as on screen), 2 (for high-density screens).
    Scale(f64),
    /// This many pixels wide, the height following the diagram.
    Width(u32),
}

/// The PNG's pixel size and the scale that gives it, for a diagram of `size` CSS pixels.
/// Shrunk (keeping the aspect) to fit [`MAX_PNG_SIDE`] and [`MAX_PNG_PIXELS`]; never 0.
pub fn png_dimensions(size: (f64, f64), want: PngSize) -> (u32, u32, f64) {
    let (w, h) = size;
    let mut scale = match want {
        PngSize::Scale(s) if s.is_finite() && s > 0.0 => s,
        PngSize::Scale(_) => 1.0,
        PngSize::Width(px) => f64::from(px.max(1)) / w,
    };
    let side = f64::from(MAX_PNG_SIDE);
    scale = scale.min(side / w).min(side / h);
    let area = w * h * scale * scale;
    if area > MAX_PNG_PIXELS as f64 {
        scale *= (MAX_PNG_PIXELS as f64 / area).sqrt();
    }
    // Rounded down (a hair above, for float noise), so the bounds hold after rounding.
    let px = |v: f64| ((v * scale + 1e-6).floor() as u32).clamp(1, MAX_PNG_SIDE);
    (px(w), px(h), scale)
}

/// The SVG without its `rect.background`, for a PNG with a transparent background.
pub fn without_background(svg: &str) -> String {
    let Some(at) = svg.find("<rect class=\"background\"") else { return svg.to_string() };
    let Some(len) = svg[at..].find("/>") else { return svg.to_string() };
    format!("{}{}", &svg[..at], &svg[at + len + 2..])
}

/// The SVG with its root `width` and `height` set to `w`×`h` (the view box stays), so a
/// browser rasterizing it as an image draws it at that size instead of scaling a bitmap of
/// the natural size. Attributes missing from the root are added.
pub fn sized(svg: &str, w: u32, h: u32) -> String {
    let Some(start) = svg.find("<svg") else { return svg.to_string() };
    let Some(len) = svg[start..].find('>') else { return svg.to_string() };
    let tag = &svg[start..start + len];
    let mut out = tag.to_string();
    for (name, value) in [("width", w), ("height", h)] {
        out = match attribute(&out, name) {
            Some(old) => out.replacen(&format!(" {name}=\"{old}\""), &format!(" {name}=\"{value}\""), 1),
            None => format!("{out} {name}=\"{value}\""),
        };
    }
    format!("{}{out}{}", &svg[..start], &svg[start + len..])
}

/// File names for one export of a diagram titled `title`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNames {
    pub stem: String,
}

impl FileNames {
    pub fn new(title: Option<&str>) -> FileNames {
        FileNames { stem: file_stem(title) }
    }

    pub fn svg(&self) -> String {
        format!("{}.svg", self.stem)
    }

    /// `stem.png`, `stem@2x.png`, `stem-1200w.png`.
    pub fn png(&self, size: PngSize) -> String {
        match size {
            PngSize::Scale(s) if (s - 1.0).abs() < 1e-9 => format!("{}.png", self.stem),
            PngSize::Scale(s) => format!("{}@{}x.png", self.stem, crate::render::fmt_num(s)),
            PngSize::Width(w) => format!("{}-{w}w.png", self.stem),
        }
    }

    /// The document's own file: `.md` when it is Markdown holding the diagram, else `.mmd`.
    pub fn source(&self, text: &str) -> String {
        let ext = if markdown::mermaid_blocks(text).is_empty() { "mmd" } else { "md" };
        format!("{}.{ext}", self.stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_size_of_our_svg() {
        let svg = crate::render("flowchart LR\n  A --> B").svg.unwrap();
        let (w, h) = svg_size(&svg).unwrap();
        assert!(w > 50.0 && h > 20.0, "{w} {h}");
        assert_eq!(svg_size(r#"<svg viewBox="0 0 30 40"><rect stroke-width="9"/></svg>"#), Some((30.0, 40.0)));
        assert_eq!(svg_size(r#"<svg stroke-width="3" width="12px" height="5"></svg>"#), Some((12.0, 5.0)));
        assert_eq!(svg_size(r#"<svg width="0" height="5" viewBox="0 0 1 2"></svg>"#), Some((1.0, 2.0)));
        for bad in ["", "<svg", "<svg>", r#"<svg width="NaN" height="inf">"#, r#"<svg viewBox="0 0 -1 5">"#] {
            assert_eq!(svg_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn png_sizes_are_bounded() {
        assert_eq!(png_dimensions((300.0, 100.0), PngSize::Scale(1.0)), (300, 100, 1.0));
        assert_eq!(png_dimensions((300.0, 100.0), PngSize::Scale(2.0)), (600, 200, 2.0));
        assert_eq!(png_dimensions((300.0, 100.0), PngSize::Width(1200)), (1200, 400, 4.0));
        assert_eq!(png_dimensions((300.0, 100.0), PngSize::Scale(f64::NAN)), (300, 100, 1.0));
        let (w, h, _) = png_dimensions((100_000.0, 10.0), PngSize::Scale(2.0));
        assert_eq!((w, h), (MAX_PNG_SIDE, 1));
        let (w, h, _) = png_dimensions((10_000.0, 10_000.0), PngSize::Scale(2.0));
        assert!(u64::from(w) * u64::from(h) <= MAX_PNG_PIXELS && w == h, "{w}×{h}");
        assert_eq!(png_dimensions((0.1, 0.1), PngSize::Scale(1.0)), (1, 1, 1.0));
    }

    #[test]
    fn drops_only_the_background() {
        let svg = crate::render("flowchart LR\n  A --> B").svg.unwrap();
        let clear = without_background(&svg);
        assert!(svg.contains("class=\"background\"") && !clear.contains("class=\"background\""));
        let at = svg.find("<rect class=\"background\"").unwrap();
        let rect = &svg[at..at + svg[at..].find("/>").unwrap() + 2];
        assert_eq!(clear, svg.replacen(rect, "", 1));
        assert!(roxmltree::Document::parse(&clear).is_ok());
        assert_eq!(without_background("<svg></svg>"), "<svg></svg>");
    }

    #[test]
    fn sizes_the_root_only() {
        let svg = r#"<svg xmlns="x" width="295.81" height="90.2" viewBox="0 0 295.81 90.2"><rect width="5" height="6"/></svg>"#;
        assert_eq!(
            sized(svg, 591, 180),
            r#"<svg xmlns="x" width="591" height="180" viewBox="0 0 295.81 90.2"><rect width="5" height="6"/></svg>"#
        );
        assert_eq!(
            sized(r#"<svg viewBox="0 0 1 1"></svg>"#, 3, 4),
            r#"<svg viewBox="0 0 1 1" width="3" height="4"></svg>"#
        );
        let ours = crate::render("flowchart LR\n  A --> B").svg.unwrap();
        assert_eq!(svg_size(&sized(&ours, 400, 100)), Some((400.0, 100.0)));
    }

    #[test]
    fn names_files_after_the_title() {
        let n = FileNames::new(Some("Order flow"));
        assert_eq!(n.svg(), "order-flow.svg");
        assert_eq!(n.png(PngSize::Scale(1.0)), "order-flow.png");
        assert_eq!(n.png(PngSize::Scale(2.0)), "order-flow@2x.png");
        assert_eq!(n.png(PngSize::Width(800)), "order-flow-800w.png");
        assert_eq!(n.source("flowchart LR\n A"), "order-flow.mmd");
        assert_eq!(n.source("# Doc\n```mermaid\nflowchart LR\n```\n"), "order-flow.md");
        assert_eq!(FileNames::new(None).svg(), "diagram.svg");
    }
}
