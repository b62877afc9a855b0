//! Drawing icons: a nested `<svg>` with the icon's own view box around its checked body,
//! ids made unique per occurrence; a pending box for an icon the source does not have
//! (yet); a visible placeholder for a name that is no icon.
//!
//! The body of every icon, built-in or fetched, passes [`inline_body`] here, at the last
//! moment before it reaches the SVG.

use super::writer::{Svg, Val};
use crate::icons::{IconData, IconRef, IconSource, builtin, inline_body};
use crate::layout::Rect;
use crate::model::Icon;

/// Draws the icons of one diagram: the source of bodies, the diagram's id (every icon's
/// ids are prefixed with it and a counter, so icons never share an id, in one SVG or on
/// one page).
pub struct Painter<'a> {
    source: &'a dyn IconSource,
    diagram_id: String,
    count: usize,
}

impl<'a> Painter<'a> {
    pub fn new(source: &'a dyn IconSource, diagram_id: &str) -> Painter<'a> {
        Painter { source, diagram_id: diagram_id.to_string(), count: 0 }
    }

    /// Draws `icon` fitted into `r` (centred, aspect kept). `color` is what the body's
    /// `currentColor` means (Font Awesome, mdi and simple-icons bodies use it; logos carry
    /// their own colours).
    pub fn draw(&mut self, s: &mut Svg, icon: &Icon, r: Rect, color: Option<&str>) {
        match icon.resolved {
            Some(found) => self.draw_ref(s, found, r, color),
            None => missing(s, &icon.name, r),
        }
    }

    /// Draws the known icon `icon` fitted into `r`.
    pub fn draw_ref(&mut self, s: &mut Svg, icon: IconRef, r: Rect, color: Option<&str>) {
        let data: Option<IconData> =
            if icon.is_builtin() { builtin::data(icon.name) } else { self.source.icon(icon.pack, icon.name) };
        let name = icon.to_string();
        let Some(data) = data else { return pending(s, &name, r) };
        let prefix = format!("{}-i{}-", self.diagram_id, self.count);
        self.count += 1;
        let ok = data.width.is_finite() && data.height.is_finite() && data.width > 0.0 && data.height > 0.0;
        let Some(body) = inline_body(&data.body, &prefix).filter(|_| ok) else { return missing(s, &name, r) };
        let view_box = format!("0 0 {} {}", super::fmt_num(data.width), super::fmt_num(data.height));
        let mut a: Vec<(&str, Val)> = vec![
            ("class", "icon".into()),
            ("data-icon", (&name).into()),
            ("x", r.x.into()),
            ("y", r.y.into()),
            ("width", r.w.into()),
            ("height", r.h.into()),
            ("viewBox", (&view_box).into()),
        ];
        if let Some(c) = color {
            a.push(("color", c.into()));
        }
        s.open("svg", &a);
        s.raw(&body);
        s.close("svg");
    }
}

/// An icon the source does not have yet: a neutral box the app finds by `data-icon`.
fn pending(s: &mut Svg, name: &str, r: Rect) {
    s.empty(
        "rect",
        &[
            ("class", "icon-pending".into()),
            ("data-icon", name.into()),
            ("x", r.x.into()),
            ("y", r.y.into()),
            ("width", r.w.into()),
            ("height", r.h.into()),
            ("rx", (r.w.min(r.h) * 0.12).into()),
            ("fill", "#8882".into()),
            ("stroke", "#8888".into()),
        ],
    );
}

/// A name that is no icon (or a body that failed the whitelist): a dashed box with `?`.
pub fn missing(s: &mut Svg, name: &str, r: Rect) {
    let side = r.w.min(r.h);
    s.open("g", &[("class", "icon-missing".into()), ("data-icon", name.into())]);
    s.empty(
        "rect",
        &[
            ("x", (r.x + side * 0.125).into()),
            ("y", (r.y + side * 0.125).into()),
            ("width", (r.w - side * 0.25).into()),
            ("height", (r.h - side * 0.25).into()),
            ("rx", (side * 0.08).into()),
            ("fill", "none".into()),
            ("stroke", "currentColor".into()),
            ("stroke-dasharray", "3 2".into()),
        ],
    );
    s.text_element(
        "text",
        &[
            ("x", (r.x + r.w / 2.0).into()),
            ("y", (r.y + r.h / 2.0 + side * 0.125).into()),
            ("text-anchor", "middle".into()),
            ("font-size", (side * 0.375).into()),
        ],
        "?",
    );
    s.close("g");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::icons::{IconData, NoPacks, lookup};
    use crate::source::Span;

    struct One(&'static str);

    impl IconSource for One {
        fn icon(&self, pack: &str, name: &str) -> Option<IconData<'_>> {
            (pack == "logos" && name == "kafka").then(|| IconData { width: 32.0, height: 16.0, body: self.0.into() })
        }
    }

    fn icon(name: &str) -> Icon {
        Icon { name: name.into(), span: Span::default(), resolved: crate::icons::resolve(name).icon() }
    }

    const R: Rect = Rect { x: 10.0, y: 20.0, w: 48.0, h: 48.0 };

    #[test]
    fn found_pending_missing_and_rejected() {
        let src = One(r#"<linearGradient id="a"/><path fill="url(#a)" d="M0 0h1"/>"#);
        let mut p = Painter::new(&src, "coral-1");
        let mut s = Svg::default();
        p.draw(&mut s, &icon("logos:kafka"), R, None);
        p.draw(&mut s, &icon("logos:kafka"), R, Some("#123"));
        assert!(s.out.starts_with(r#"<svg class="icon" data-icon="logos:kafka" x="10" y="20" width="48" height="48" viewBox="0 0 32 16"><linearGradient id="coral-1-i0-a"/><path fill="url(#coral-1-i0-a)""#), "{}", s.out);
        assert!(s.out.contains(r##"color="#123"><linearGradient id="coral-1-i1-a"/>"##), "{}", s.out);
        let mut s = Svg::default();
        p.draw(&mut s, &icon("logos:react"), R, None);
        assert!(s.out.starts_with(r#"<rect class="icon-pending" data-icon="logos:react""#), "{}", s.out);
        let mut s = Svg::default();
        p.draw(&mut s, &Icon { name: "zz:qq".into(), span: Span::default(), resolved: None }, R, None);
        assert!(s.out.starts_with(r#"<g class="icon-missing" data-icon="zz:qq">"#), "{}", s.out);
        let evil = One(r#"<script>alert(1)</script>"#);
        let mut s = Svg::default();
        Painter::new(&evil, "d").draw_ref(&mut s, lookup("logos", "kafka").unwrap(), R, None);
        assert!(s.out.contains("icon-missing") && !s.out.contains("script"), "{}", s.out);
        let mut s = Svg::default();
        Painter::new(&NoPacks, "d").draw(&mut s, &icon("cloud"), R, None);
        assert!(s.out.contains(r#"data-icon="cloud""#) && s.out.contains("viewBox=\"0 0 80 80\""), "{}", s.out);
    }
}
