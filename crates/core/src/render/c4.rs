//! Drawing C4 as architects know it from C4-PlantUML and Structurizr: persons with a head,
//! systems, containers and components as filled rounded boxes in the C4 blues (grey when
//! external), `Db` elements as cylinders and `Queue` elements as pipes, each holding its
//! sprite, its name in bold, its type line (`[Container: Kong]`) and its description
//! wrapped to the box; boundaries as dashed boxes titled with their name and type line;
//! relations with their label and technology (`[HTTPS]`) on a line below.
//!
//! The text stack of an element is measured here ([`measure`]) and drawn by the same
//! [`Stack`], so layout and drawing agree to the pixel. Edges go through the shared edge
//! writer; only their labels are drawn here.

use super::icons::Painter;
use super::label::{self, Paint};
use super::shapes::{self, ShapePaint};
use super::theme::Theme;
use super::writer::{Svg, Val};
use super::{close_link, cluster_order, join_class, open_link, small_font};
use crate::layout::{Layout, Rect, Size, Sizes};
use crate::model::{C4, C4Kind, Diagram, Node, Point, Run, Stroke, Text};
use crate::text::{self, Font};

/// Descriptions and names wrap at this width.
const WRAP: f64 = 200.0;
/// Elements are at least this wide, so a row of them reads as a row of boxes.
const MIN_WIDTH: f64 = 150.0;
const PAD_X: f64 = 14.0;
const PAD_Y: f64 = 10.0;
const SPRITE: f64 = 30.0;
/// Between the name and the type line, and between the type line and the description.
const GAP: f64 = 3.0;
const DESCR_GAP: f64 = 7.0;
/// Padding around a relation label's text.
const LABEL_PAD: (f64, f64) = (6.0, 3.0);

/// Colours C4-PlantUML gives each kind of element: fill, border, text.
fn element_colors(c4: &C4) -> (&'static str, &'static str, &'static str) {
    match (c4.kind, c4.external) {
        (C4Kind::Person, false) => ("#08427b", "#073b6f", "#ffffff"),
        (C4Kind::Person, true) => ("#686868", "#8a8a8a", "#ffffff"),
        (C4Kind::Container, false) => ("#438dd5", "#3c7fc0", "#ffffff"),
        (C4Kind::Container, true) => ("#b3b3b3", "#a6a6a6", "#ffffff"),
        (C4Kind::Component, false) => ("#85bbf0", "#78a8d8", "#000000"),
        (C4Kind::Component, true) => ("#cccccc", "#bfbfbf", "#000000"),
        (_, false) => ("#1168bd", "#3c7fc0", "#ffffff"),
        (_, true) => ("#999999", "#8a8a8a", "#ffffff"),
    }
}

struct Fonts {
    name: Font,
    small: Font,
}

impl Fonts {
    fn new(theme: &Theme) -> Fonts {
        Fonts { name: theme.font(), small: small_font(theme) }
    }
}

fn wrapped(t: &Text) -> Text {
    Text { lines: t.lines.clone(), wrap: true }
}

/// The lines of an element or boundary heading, top to bottom: bold name, type line,
/// description, each laid out once and used for both measuring and drawing.
struct Stack {
    name: Vec<Vec<Run>>,
    type_line: Vec<Vec<Run>>,
    descr: Vec<Vec<Run>>,
    sprite: bool,
}

impl Stack {
    fn new(name: &Text, c4: Option<&C4>, descr: Option<&Text>, sprite: bool, fonts: &Fonts) -> Stack {
        let bold = Text {
            lines: name.lines.iter().map(|l| l.iter().map(|r| Run { bold: true, ..r.clone() }).collect()).collect(),
            wrap: true,
        };
        let type_line = c4
            .and_then(|c| c.type_line.as_deref())
            .map(|t| text::lines(&wrapped(&Text::plain(t)), &fonts.small, WRAP))
            .unwrap_or_default();
        let descr =
            descr.filter(|t| !t.is_empty()).map(|t| text::lines(&wrapped(t), &fonts.small, WRAP)).unwrap_or_default();
        let name = if name.is_empty() { Vec::new() } else { text::lines(&bold, &fonts.name, WRAP) };
        Stack { name, type_line, descr, sprite }
    }

    fn width(&self, fonts: &Fonts) -> f64 {
        let widest = |lines: &[Vec<Run>], f: &Font| lines.iter().map(|l| f.line_width(l)).fold(0.0, f64::max);
        let sprite = if self.sprite { SPRITE } else { 0.0 };
        widest(&self.name, &fonts.name)
            .max(widest(&self.type_line, &fonts.small))
            .max(widest(&self.descr, &fonts.small))
            .max(sprite)
    }

    /// The pieces' heights with the gaps between them, in drawing order.
    fn parts(&self, fonts: &Fonts) -> [(f64, f64); 4] {
        let h = |lines: &[Vec<Run>], f: &Font| lines.len() as f64 * f.line_height();
        let sprite = if self.sprite { SPRITE } else { 0.0 };
        let name = h(&self.name, &fonts.name);
        let type_line = h(&self.type_line, &fonts.small);
        let descr = h(&self.descr, &fonts.small);
        let gap = |before: f64, g: f64, this: f64| if before > 0.0 && this > 0.0 { g } else { 0.0 };
        [
            (0.0, sprite),
            (gap(sprite, GAP * 2.0, name), name),
            (gap(sprite + name, GAP, type_line), type_line),
            (gap(sprite + name + type_line, DESCR_GAP, descr), descr),
        ]
    }

    fn height(&self, fonts: &Fonts) -> f64 {
        self.parts(fonts).iter().map(|(g, h)| g + h).sum()
    }

    fn size(&self, fonts: &Fonts) -> Size {
        Size { w: self.width(fonts), h: self.height(fonts) }
    }

    /// Draws the stack with its top edge centred at `top`; the sprite's box goes to
    /// `sprite_at` for the caller to fill.
    fn draw(
        &self,
        s: &mut Svg,
        fonts: &Fonts,
        top: Point,
        color: &str,
        classes: [&str; 3],
        painter: &mut Painter,
    ) -> Option<Rect> {
        let [sprite, name, type_line, descr] = self.parts(fonts);
        let mut y = top.y;
        let sprite_box = self.sprite.then(|| Rect { x: top.x - SPRITE / 2.0, y, w: SPRITE, h: SPRITE });
        y += sprite.1;
        for ((gap, h), (lines, font, class)) in [name, type_line, descr].into_iter().zip([
            (&self.name, &fonts.name, classes[0]),
            (&self.type_line, &fonts.small, classes[1]),
            (&self.descr, &fonts.small, classes[2]),
        ]) {
            y += gap;
            if !lines.is_empty() {
                let paint = Paint { class, fill: color, font_weight: None, font_style: None };
                label::draw_lines(s, lines, font, Point { x: top.x, y: y + h / 2.0 }, &paint, painter);
            }
            y += h;
        }
        sprite_box
    }
}

fn node_stack(n: &Node, fonts: &Fonts) -> Stack {
    Stack::new(&n.label, n.c4.as_deref(), n.detail.as_ref(), n.icon.is_some(), fonts)
}

/// Size of an element: its stack, padded, in its shape.
fn node_size(n: &Node, fonts: &Fonts) -> Size {
    let stack = node_stack(n, fonts).size(fonts);
    let content = Size { w: stack.w.max(MIN_WIDTH - 2.0 * PAD_X), h: stack.h };
    let mut s = shapes::size(n.shape, content, PAD_X, false);
    // `shapes::size` pads vertically by 0.6 × the horizontal padding; C4 boxes breathe more.
    s.h += 2.0 * (PAD_Y - (PAD_X * 0.6).max(4.0));
    s
}

/// A boundary's heading: its title, type line and description.
fn cluster_stack(c: &crate::model::Cluster, heading: &Fonts) -> Stack {
    Stack::new(&c.title, c.c4.as_deref(), c.detail.as_ref(), false, heading)
}

fn heading_fonts(fonts: &Fonts) -> Fonts {
    Fonts { name: fonts.small, small: fonts.small }
}

fn label_lines(e: &crate::model::Edge, font: &Font) -> Vec<Vec<Run>> {
    let mut lines = e.label.as_ref().map(|t| text::lines(&wrapped(t), font, WRAP)).unwrap_or_default();
    if let Some(t) = e.detail.as_ref().filter(|t| !t.is_empty()) {
        let techn = Text::plain(&format!("[{}]", t.to_plain()));
        lines.extend(text::lines(&wrapped(&techn), font, WRAP));
    }
    lines
}

pub fn measure(d: &Diagram, theme: &Theme) -> Sizes {
    let fonts = Fonts::new(theme);
    let nodes = d.nodes.iter().map(|n| node_size(n, &fonts)).collect();
    let heading = heading_fonts(&fonts);
    let cluster_titles = d
        .clusters
        .iter()
        .map(|c| {
            let s = cluster_stack(c, &heading).size(&heading);
            if s.h > 0.0 { Size { w: s.w + 2.0 * PAD_X, h: s.h + 4.0 } } else { s }
        })
        .collect();
    let font = small_font(theme);
    let edge_labels = d
        .edges
        .iter()
        .map(|e| {
            let lines = label_lines(e, &font);
            if lines.is_empty() || e.stroke == Stroke::Invisible {
                return None;
            }
            let w = lines.iter().map(|l| font.line_width(l)).fold(0.0, f64::max);
            Some(Size { w: w + 2.0 * LABEL_PAD.0, h: lines.len() as f64 * font.line_height() + 2.0 * LABEL_PAD.1 })
        })
        .collect();
    Sizes { nodes, cluster_titles, edge_labels }
}

/// Boundary border and text colours: C4's dark grey on light backgrounds, the theme's
/// cluster colours on dark ones (where dark grey would vanish).
fn boundary_colors(theme: &Theme) -> (&str, &str) {
    if super::color::is_dark(&theme.background) {
        (&theme.cluster_stroke, &theme.cluster_text)
    } else {
        ("#444444", "#444444")
    }
}

pub fn write_boundaries(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, painter: &mut Painter) {
    let fonts = Fonts::new(theme);
    let heading = heading_fonts(&fonts);
    let (stroke, text_color) = boundary_colors(theme);
    let radius = if theme.look == crate::config::Look::Neo { 10.0 } else { 4.0 };
    s.open("g", &[("class", "clusters".into())]);
    for c in cluster_order(d) {
        let cl = &d.clusters[c];
        let Some(r) = l.clusters.get(c) else { continue };
        let class = join_class("cluster c4-boundary", &cl.classes);
        let mut attrs: Vec<(&str, Val)> = vec![("class", (&class).into()), ("data-id", (&cl.id).into())];
        let parent = cl.parent.map(|p| d.clusters[p].id.clone());
        if let Some(p) = &parent {
            attrs.push(("data-parent", p.into()));
        }
        s.open("g", &attrs);
        open_link(s, cl.link.as_ref());
        let stroke = cl.style.stroke.as_deref().unwrap_or(stroke);
        s.empty(
            "rect",
            &[
                ("class", "cluster-box".into()),
                ("x", r.x.into()),
                ("y", r.y.into()),
                ("width", r.w.into()),
                ("height", r.h.into()),
                ("rx", radius.into()),
                ("fill", cl.style.fill.as_deref().unwrap_or("none").into()),
                ("stroke", stroke.into()),
                ("stroke-width", cl.style.stroke_width.as_deref().unwrap_or("1").into()),
                ("stroke-dasharray", cl.style.stroke_dasharray.as_deref().unwrap_or("7 4").into()),
            ],
        );
        let stack = cluster_stack(cl, &heading);
        let color = cl.style.color.as_deref().unwrap_or(text_color);
        let top = Point { x: r.x + r.w / 2.0, y: r.y + 6.0 };
        s.open("g", &[("class", "cluster-title".into())]);
        stack.draw(s, &heading, top, color, ["cluster-label", "c4-type cluster-label", "c4-descr"], painter);
        s.close("g");
        close_link(s, cl.link.as_ref());
        s.close("g");
    }
    s.close("g");
}

pub fn write_elements(
    s: &mut Svg,
    d: &Diagram,
    l: &Layout,
    theme: &Theme,
    shadow: Option<&str>,
    painter: &mut Painter,
) {
    let fonts = Fonts::new(theme);
    let vars = &d.config.theme_variables;
    s.open("g", &[("class", "nodes".into())]);
    for (i, n) in d.nodes.iter().enumerate() {
        let Some(r) = l.nodes.get(i) else { continue };
        let default_c4 = C4::new(C4Kind::System);
        let c4 = n.c4.as_deref().unwrap_or(&default_c4);
        let class = join_class(
            &format!("node default c4-element c4-{} shape-{}", kind_class(c4), n.shape.class_name()),
            &n.classes,
        );
        let c = r.center();
        let transform = format!("translate({},{})", super::fmt_num(c.x), super::fmt_num(c.y));
        let mut attrs: Vec<(&str, Val)> = vec![("class", (&class).into()), ("data-id", (&n.id).into())];
        let parent = n.parent.map(|p| d.clusters[p].id.clone());
        if let Some(p) = &parent {
            attrs.push(("data-parent", p.into()));
        }
        attrs.push(("transform", (&transform).into()));
        s.open("g", &attrs);
        open_link(s, n.link.as_ref());
        let (mut fill, mut border, text_color) = element_colors(c4);
        if c4.kind == C4Kind::Person && !c4.external {
            fill = vars.get("personBkg").map_or(fill, String::as_str);
            border = vars.get("personBorder").map_or(border, String::as_str);
        }
        let paint = ShapePaint {
            fill: n.style.fill.as_deref().unwrap_or(fill),
            stroke: n.style.stroke.as_deref().unwrap_or(border),
            stroke_width: n.style.stroke_width.as_deref().unwrap_or("1"),
            dasharray: n.style.stroke_dasharray.as_deref(),
            opacity: n.style.opacity.as_deref(),
            radius: 10.0,
        };
        let shadowed = shadow.filter(|_| c4.shadow || theme.look == crate::config::Look::Neo);
        if let Some(f) = shadowed {
            s.open("g", &[("class", "shadowed".into()), ("filter", f.into())]);
        }
        shapes::draw(s, n.shape, Size { w: r.w, h: r.h }, &paint);
        if shadowed.is_some() {
            s.close("g");
        }
        let stack = node_stack(n, &fonts);
        let content = stack.size(&fonts);
        let (_, cy) = shapes::label_offset(n.shape, Size { w: r.w, h: r.h });
        let top = Point { x: 0.0, y: cy - content.h / 2.0 };
        let color = n.style.color.as_deref().unwrap_or(text_color);
        if let Some(b) = stack.draw(s, &fonts, top, color, ["label", "c4-type", "c4-descr"], painter)
            && let Some(icon) = &n.icon
        {
            painter.draw(s, icon, b, Some(color));
        }
        close_link(s, n.link.as_ref());
        s.close("g");
    }
    s.close("g");
}

fn kind_class(c4: &C4) -> &'static str {
    match c4.kind {
        C4Kind::Person => "person",
        C4Kind::System => "system",
        C4Kind::Container => "container",
        C4Kind::Component => "component",
        C4Kind::Boundary => "boundary",
        C4Kind::DeploymentNode => "node",
    }
}

/// Relation labels: the label, then the technology in brackets, on the theme's label
/// background so they read over anything they sit next to; a relation's `$link` makes
/// its label a link.
pub fn write_relation_labels(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, painter: &mut Painter) {
    let font = small_font(theme);
    s.open("g", &[("class", "edgeLabels".into())]);
    for (i, e) in d.edges.iter().enumerate() {
        let Some(r) = l.edges.get(i).and_then(|r| r.label) else { continue };
        let lines = label_lines(e, &font);
        if lines.is_empty() || e.stroke == Stroke::Invisible {
            continue;
        }
        s.open("g", &[("class", "edgeLabel".into()), ("data-id", (&e.id).into())]);
        open_link(s, e.link.as_ref());
        s.empty(
            "rect",
            &[
                ("class", "labelBkg".into()),
                ("x", r.x.into()),
                ("y", r.y.into()),
                ("width", r.w.into()),
                ("height", r.h.into()),
                ("rx", 3.0.into()),
                ("fill", (&theme.edge_label_fill).into()),
                ("fill-opacity", "0.85".into()),
            ],
        );
        let color = e.style.color.as_deref().unwrap_or(&theme.edge_label_text);
        let label_lines = e.label.as_ref().map_or(0, |t| text::lines(&wrapped(t), &font, WRAP).len());
        let (head, techn) = lines.split_at(label_lines.min(lines.len()));
        let lh = font.line_height();
        let top = r.y + LABEL_PAD.1;
        let cx = r.x + r.w / 2.0;
        if !head.is_empty() {
            let paint = Paint { class: "label", fill: color, font_weight: Some("bold"), font_style: None };
            label::draw_lines(s, head, &font, Point { x: cx, y: top + lh * head.len() as f64 / 2.0 }, &paint, painter);
        }
        if !techn.is_empty() {
            let paint = Paint { class: "label c4-techn", fill: color, font_weight: None, font_style: Some("italic") };
            let y = top + lh * head.len() as f64 + lh * techn.len() as f64 / 2.0;
            label::draw_lines(s, techn, &font, Point { x: cx, y }, &paint, painter);
        }
        close_link(s, e.link.as_ref());
        s.close("g");
    }
    s.close("g");
}
