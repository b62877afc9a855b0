//! Drawing architecture-beta: services as an icon with its title underneath, junctions as
//! small dots where edges meet, groups as boxes with their icon and title in the top-left
//! corner, as Mermaid draws them. Edges and their titles are drawn by the shared edge
//! writer. Mermaid's `arch*` theme variables colour edges and group borders.

use super::icons::Painter;
use super::label::{self, Paint};
use super::theme::Theme;
use super::writer::{Svg, Val};
use super::{join_class, small_font};
use crate::layout::architecture::{GROUP_ICON, JUNCTION_SIZE, TITLE_GAP, icon_box, icon_size};
use crate::layout::{Layout, Rect, Size, Sizes};
use crate::model::{Diagram, Point, Shape};
use crate::text::{self, Font};

/// Titles wrap at this many icon widths.
const WRAP_ICONS: f64 = 1.6;

fn title_font(d: &Diagram, theme: &Theme) -> Font {
    let size =
        d.config.architecture.font_size.filter(|s| s.is_finite() && *s > 1.0 && *s < 200.0).unwrap_or(theme.font_size);
    Font::for_family(Some(&theme.font_family), size)
}

fn wrap(d: &Diagram) -> f64 {
    (icon_size(d) * WRAP_ICONS).max(100.0)
}

pub fn measure(d: &Diagram, theme: &Theme) -> Sizes {
    let icon = icon_size(d);
    let font = title_font(d, theme);
    let nodes = d
        .nodes
        .iter()
        .map(|n| {
            if n.shape == Shape::Junction {
                return Size { w: JUNCTION_SIZE, h: JUNCTION_SIZE };
            }
            let t = &n.label;
            let ts = if t.is_empty() { Size::default() } else { text::measure(t, &font, wrap(d)) };
            let below = if ts.h > 0.0 { TITLE_GAP + ts.h } else { 0.0 };
            Size { w: icon.max(ts.w), h: icon + below }
        })
        .collect();
    let cluster_font = font;
    let cluster_titles = d
        .clusters
        .iter()
        .map(|c| if c.title.is_empty() { Size::default() } else { text::measure(&c.title, &cluster_font, 1e6) })
        .collect();
    let label_font = small_font(theme);
    let edge_labels = d
        .edges
        .iter()
        .map(|e| {
            let t = e.label.as_ref().filter(|t| !t.is_empty())?;
            let s = text::measure(t, &label_font, wrap(d));
            Some(Size { w: s.w + 8.0, h: s.h + 4.0 })
        })
        .collect();
    Sizes { nodes, cluster_titles, edge_labels }
}

/// The theme with Mermaid's architecture edge colours applied.
pub fn edge_theme(d: &Diagram, theme: &Theme) -> Theme {
    let vars = &d.config.theme_variables;
    let mut t = theme.clone();
    if let Some(c) = vars.get("archEdgeColor") {
        t.line = c.clone();
        t.arrow = c.clone();
    }
    if let Some(c) = vars.get("archEdgeArrowColor") {
        t.arrow = c.clone();
    }
    t
}

pub fn write_groups(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, painter: &mut Painter) {
    let vars = &d.config.theme_variables;
    let border = vars.get("archGroupBorderColor").cloned().unwrap_or_else(|| theme.cluster_stroke.clone());
    let width = vars.get("archGroupBorderWidth").cloned().unwrap_or_else(|| "2".to_string());
    let font = title_font(d, theme);
    s.open("g", &[("class", "clusters".into())]);
    for c in super::cluster_order(d) {
        let cl = &d.clusters[c];
        let Some(r) = l.clusters.get(c).copied() else { continue };
        let class = join_class("cluster architecture-group", &cl.classes);
        let mut attrs: Vec<(&str, Val)> = vec![("class", (&class).into()), ("data-id", (&cl.id).into())];
        let parent = cl.parent.map(|p| d.clusters[p].id.clone());
        if let Some(p) = &parent {
            attrs.push(("data-parent", p.into()));
        }
        s.open("g", &attrs);
        let radius = if theme.look == crate::config::Look::Neo { 8.0 } else { 2.0 };
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
                ("stroke", cl.style.stroke.as_deref().unwrap_or(&border).into()),
                ("stroke-width", (&width).into()),
                ("stroke-dasharray", "8 4".into()),
            ],
        );
        let mut x = r.x + 8.0;
        let top = r.y + 6.0;
        // The title bar in a group of its own: moving the box moves it with one transform.
        s.open("g", &[("class", "cluster-title".into())]);
        if let Some(i) = &cl.icon {
            let r = Rect { x, y: top, w: GROUP_ICON, h: GROUP_ICON };
            if needs_chip(i, theme) {
                write_chip(s, r, &theme.cluster_text);
                painter.draw(s, i, inset(r, 2.0), Some(&theme.cluster_text));
            } else {
                painter.draw(s, i, r, Some(&theme.cluster_text));
            }
            x += GROUP_ICON + 6.0;
        }
        if !cl.title.is_empty() {
            let ts = text::measure(&cl.title, &font, 1e6);
            let c = Point { x: x + ts.w / 2.0, y: top + GROUP_ICON / 2.0 };
            let paint = Paint {
                class: "cluster-label",
                fill: &theme.cluster_text,
                font_weight: Some("bold"),
                font_style: None,
            };
            label::draw(s, &cl.title, &font, 1e6, c, &paint, painter);
        }
        s.close("g");
        s.close("g");
    }
    s.close("g");
}

pub fn write_services(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, painter: &mut Painter) {
    let size = icon_size(d);
    let font = title_font(d, theme);
    let junction_fill = d.config.theme_variables.get("archEdgeColor").cloned().unwrap_or_else(|| theme.line.clone());
    s.open("g", &[("class", "nodes".into())]);
    for (i, n) in d.nodes.iter().enumerate() {
        let Some(r) = l.nodes.get(i).copied() else { continue };
        let junction = n.shape == Shape::Junction;
        let class = if junction {
            join_class("junction", &n.classes)
        } else {
            join_class("node architecture-service", &n.classes)
        };
        let mut attrs: Vec<(&str, Val)> = vec![("class", (&class).into()), ("data-id", (&n.id).into())];
        let parent = n.parent.map(|p| d.clusters[p].id.clone());
        if let Some(p) = &parent {
            attrs.push(("data-parent", p.into()));
        }
        s.open("g", &attrs);
        if junction {
            let c = r.center();
            s.empty(
                "circle",
                &[
                    ("cx", c.x.into()),
                    ("cy", c.y.into()),
                    ("r", (JUNCTION_SIZE / 2.0 - 1.0).into()),
                    ("fill", (&junction_fill).into()),
                ],
            );
            s.close("g");
            continue;
        }
        let ib = icon_box(r, size);
        match &n.icon {
            Some(icon) if needs_chip(icon, theme) => {
                write_chip(s, ib, &theme.node_text);
                painter.draw(s, icon, inset(ib, ib.w * 0.12), Some(&theme.node_text));
            }
            Some(icon) => painter.draw(s, icon, ib, Some(&theme.node_text)),
            None => write_text_icon(s, n, ib, theme, painter),
        }
        let t = &n.label;
        if !t.is_empty() {
            let ts = text::measure(t, &font, wrap(d));
            let c = Point { x: r.center().x, y: ib.bottom() + TITLE_GAP + ts.h / 2.0 };
            let paint = Paint { class: "label", fill: &theme.node_text, font_weight: None, font_style: None };
            label::draw(s, t, &font, wrap(d), c, &paint, painter);
        }
        s.close("g");
    }
    s.close("g");
}

/// Logos keep their brand colours, and many are black or dark blue: on a dark background
/// they would vanish, so they sit on a light tile there (monochrome packs take the text
/// colour instead).
fn needs_chip(icon: &crate::model::Icon, theme: &Theme) -> bool {
    icon.resolved.is_some_and(|r| r.pack == "logos") && super::color::is_dark(&theme.background)
}

fn write_chip(s: &mut Svg, r: Rect, fill: &str) {
    s.empty(
        "rect",
        &[
            ("class", "icon-chip".into()),
            ("x", r.x.into()),
            ("y", r.y.into()),
            ("width", r.w.into()),
            ("height", r.h.into()),
            ("rx", (r.w * 0.18).into()),
            ("fill", fill.into()),
            ("opacity", "0.92".into()),
        ],
    );
}

fn inset(r: Rect, by: f64) -> Rect {
    Rect { x: r.x + by, y: r.y + by, w: r.w - 2.0 * by, h: r.h - 2.0 * by }
}

/// A service without an icon (`service id "text"[Title]`): its text in a box the size of
/// an icon.
fn write_text_icon(s: &mut Svg, n: &crate::model::Node, r: Rect, theme: &Theme, painter: &mut Painter) {
    s.empty(
        "rect",
        &[
            ("class", "service-box".into()),
            ("x", r.x.into()),
            ("y", r.y.into()),
            ("width", r.w.into()),
            ("height", r.h.into()),
            ("rx", 6.0.into()),
            ("fill", n.style.fill.as_deref().unwrap_or(&theme.node_fill).into()),
            ("stroke", n.style.stroke.as_deref().unwrap_or(&theme.node_stroke).into()),
        ],
    );
    if let Some(t) = n.detail.as_ref().filter(|t| !t.is_empty()) {
        let font = Font::for_family(Some(&theme.font_family), (r.h / 5.0).clamp(8.0, theme.font_size));
        let paint = Paint { class: "service-text", fill: &theme.node_text, font_weight: None, font_style: None };
        label::draw(s, t, &font, r.w - 8.0, r.center(), &paint, painter);
    }
}
