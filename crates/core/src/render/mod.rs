//! Rendering: measuring labels for layout, and writing the laid-out diagram as SVG.
//!
//! The SVG follows `SVG-CONTRACT.md`: one root with a `viewBox`, styles scoped to the
//! diagram's own id, clusters (outer first), then edges, edge labels and nodes, each
//! element tagged with `data-id` (and `data-parent`, `data-from`, `data-to`), all text as
//! real `<text>` and every string escaped. Output is deterministic: numbers have fixed
//! precision and nothing iterates a hash map.

pub mod architecture;
pub mod c4;
pub mod color;
mod edges;
pub mod icons;
pub mod label;
pub mod patch;
pub mod shapes;
pub mod theme;
pub mod writer;

use std::collections::BTreeMap;

use crate::icons::{IconSource, NoPacks};
use crate::layout::{Layout, Rect, Size, Sizes};
use crate::model::{Curve, Diagram, DiagramKind, Endpoint, Marker, Node, Point, Shape, Stroke, Style};
use crate::text::{self, Font};
use edges::EndAt;
use icons::Painter;
use label::Paint;
use shapes::ShapePaint;
use theme::Theme;
use writer::{Svg, Val, escape};

/// Fixed-precision number formatting for SVG (at most 2 decimals, no trailing zeros).
pub fn fmt_num(v: f64) -> String {
    // Integer arithmetic on hundredths: the same digits as formatting the rounded float,
    // without the float-to-shortest-string machinery (a large share of render time).
    let hundredths = if v.is_finite() { (v * 100.0).round() } else { 0.0 };
    if hundredths.abs() >= 1e15 {
        return format!("{}", hundredths / 100.0);
    }
    let h = hundredths as i64;
    let (sign, h) = if h < 0 { ("-", -h) } else { ("", h) };
    let (int, frac) = (h / 100, h % 100);
    match frac {
        0 => format!("{sign}{int}"),
        f if f % 10 == 0 => format!("{sign}{int}.{}", f / 10),
        f => format!("{sign}{int}.{f:02}"),
    }
}

/// Label wrapping width for markdown strings (`flowchart.wrappingWidth`).
fn wrap_width(d: &Diagram) -> f64 {
    d.config.flowchart.wrapping_width.filter(|w| w.is_finite() && *w >= 20.0).unwrap_or(200.0)
}

fn node_padding(d: &Diagram) -> f64 {
    d.config.flowchart.padding.filter(|p| p.is_finite() && (0.0..=200.0).contains(p)).unwrap_or(15.0)
}

/// The font a style asks for, falling back to the theme's.
fn font_for(theme: &Theme, style: &Style) -> Font {
    let size = style
        .font_size
        .as_deref()
        .and_then(|s| s.trim().trim_end_matches("px").trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 1.0 && *s < 200.0)
        .unwrap_or(theme.font_size);
    Font::for_family(Some(style.font_family.as_deref().unwrap_or(&theme.font_family)), size)
}

/// Font for edge labels and cluster titles: a little smaller than node text.
pub(crate) fn small_font(theme: &Theme) -> Font {
    let mut f = theme.font();
    f.size *= 0.875;
    f
}

pub fn measure(d: &Diagram, theme: &Theme) -> Sizes {
    match d.kind {
        Some(DiagramKind::Architecture) => return architecture::measure(d, theme),
        Some(DiagramKind::C4) => return c4::measure(d, theme),
        _ => {}
    }
    let wrap = wrap_width(d);
    let pad = node_padding(d);
    let bars_vertical = d.direction.is_horizontal();
    let nodes = d
        .nodes
        .iter()
        .map(|n| {
            if n.shape == Shape::Icon {
                let label = text::measure(&n.label, &font_for(theme, &n.style), wrap);
                return shapes::icon_node_size(icon_side(n), label);
            }
            if let Some((w, h)) = n.size.filter(|(w, h)| w.is_finite() && h.is_finite() && *w > 0.0 && *h > 0.0) {
                return Size { w: w.min(5000.0), h: h.min(5000.0) };
            }
            let label = if shapes::hides_label(n.shape) {
                Size::default()
            } else {
                text::measure(&n.label, &font_for(theme, &n.style), wrap)
            };
            shapes::size(n.shape, label, pad, bars_vertical)
        })
        .collect();
    let title_font = small_font(theme);
    let cluster_titles = d
        .clusters
        .iter()
        .map(|c| if c.title.is_empty() { Size::default() } else { text::measure(&c.title, &title_font, wrap) })
        .collect();
    let edge_labels = d
        .edges
        .iter()
        .map(|e| {
            let t = e.label.as_ref().filter(|t| !t.is_empty())?;
            let s = text::measure(t, &title_font, wrap);
            Some(Size { w: s.w + 8.0, h: s.h + 4.0 })
        })
        .collect();
    Sizes { nodes, cluster_titles, edge_labels }
}

/// A short, stable id for scoping this diagram's styles and markers: FNV-1a over its ids
/// and labels, so two different diagrams on one page do not restyle each other.
fn diagram_id(d: &Diagram) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0u8]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    // Icons count too: two diagrams that differ only in their icons must not share the
    // icons' gradient ids on one page.
    let icon_names = |t: &crate::model::Text| -> String {
        t.lines.iter().flatten().filter_map(|r| r.icon.as_ref()).map(|i| i.name.as_str()).collect::<Vec<_>>().join(" ")
    };
    for n in &d.nodes {
        feed(&n.id);
        feed(&n.label.to_plain());
        feed(&icon_names(&n.label));
        feed(n.icon.as_ref().map_or("", |i| i.name.as_str()));
    }
    for c in &d.clusters {
        feed(&c.id);
        feed(&icon_names(&c.title));
    }
    for e in &d.edges {
        feed(&e.id);
        feed(&e.label.as_ref().map(icon_names).unwrap_or_default());
    }
    format!("coral-{h:08x}")
}

/// The side of an icon node's picture: `h:` in `@{ … }` if given, else 48 (Mermaid's).
pub fn icon_side(n: &Node) -> f64 {
    n.size.map(|(_, h)| h).filter(|h| h.is_finite() && *h >= 4.0).map_or(shapes::ICON_SIDE, |h| h.min(1000.0))
}

/// Writes the diagram with only built-in icons: every pack icon is drawn as pending
/// (`class="icon-pending"`). See [`svg_with`].
pub fn svg(d: &Diagram, l: &Layout, theme: &Theme) -> String {
    svg_with(d, l, theme, &NoPacks)
}

/// Writes the diagram, drawing icons from `icons`.
pub fn svg_with(d: &Diagram, l: &Layout, theme: &Theme, icons: &dyn IconSource) -> String {
    let architecture = d.kind == Some(DiagramKind::Architecture);
    let c4 = d.kind == Some(DiagramKind::C4);
    // Architecture edges take Mermaid's `arch*` colours; other types draw with the theme.
    let edge_theme = if architecture {
        std::borrow::Cow::Owned(architecture::edge_theme(d, theme))
    } else {
        std::borrow::Cow::Borrowed(theme)
    };
    let id = diagram_id(d);
    let mut painter = Painter::new(icons, &id);
    let mut s = Svg::default();
    let title_font = {
        let mut f = theme.font();
        f.size *= 1.125;
        f
    };
    let title_h = d.title.as_ref().filter(|t| !t.trim().is_empty()).map_or(0.0, |_| title_font.line_height() + 12.0);
    // The title gets a band of its own above the drawing: the view box starts higher, so
    // the drawing keeps its layout coordinates (which pinned positions are written in).
    let (w, h) = (l.width.max(1.0), l.height.max(1.0) + title_h);
    let (x0, y0) = (l.origin.x, l.origin.y - title_h);
    let mut root: Vec<(&str, Val)> = vec![
        ("xmlns", "http://www.w3.org/2000/svg".into()),
        ("id", (&id).into()),
        ("class", "coral".into()),
        ("width", w.into()),
        ("height", h.into()),
    ];
    let view_box = format!("{} {} {} {}", fmt_num(x0), fmt_num(y0), fmt_num(w), fmt_num(h));
    root.push(("viewBox", (&view_box).into()));
    root.push(("role", "img".into()));
    root.push(("aria-roledescription", d.kind.map_or("diagram", |k| k.role()).into()));
    let accessible_title = d.acc_title.as_ref().or(d.title.as_ref());
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    if accessible_title.is_some() {
        root.push(("aria-labelledby", (&title_id).into()));
    }
    if d.acc_descr.is_some() {
        root.push(("aria-describedby", (&desc_id).into()));
    }
    s.open("svg", &root);
    if let Some(t) = accessible_title {
        s.text_element("title", &[("id", (&title_id).into())], t);
    }
    if let Some(t) = &d.acc_descr {
        s.text_element("desc", &[("id", (&desc_id).into())], t);
    }
    write_style(&mut s, &id, theme);
    let shadow_id = format!("{id}-shadow");
    let shadow = wants_shadow(d, theme).then(|| format!("url(#{shadow_id})"));
    let markers = write_defs(&mut s, d, &id, &edge_theme, shadow.as_ref().map(|_| shadow_id.as_str()));
    s.empty(
        "rect",
        &[
            ("class", "background".into()),
            ("x", x0.into()),
            ("y", y0.into()),
            ("width", w.into()),
            ("height", h.into()),
            ("fill", (&theme.background).into()),
        ],
    );
    if let Some(t) = d.title.as_ref().filter(|t| !t.trim().is_empty()) {
        let paint =
            Paint { class: "diagram-title", fill: &theme.title_text, font_weight: Some("bold"), font_style: None };
        let c = Point { x: x0 + w / 2.0, y: y0 + 6.0 + title_font.line_height() / 2.0 };
        label::draw_lines(
            &mut s,
            &[vec![crate::model::Run::text(t.clone(), false, false)]],
            &title_font,
            c,
            &paint,
            &mut painter,
        );
    }
    if architecture {
        architecture::write_groups(&mut s, d, l, theme, &mut painter);
    } else if c4 {
        c4::write_boundaries(&mut s, d, l, theme, &mut painter);
    } else {
        write_clusters(&mut s, d, l, theme, &mut painter);
    }
    write_edges(&mut s, d, l, &edge_theme, &id, &markers);
    if c4 {
        c4::write_relation_labels(&mut s, d, l, theme, &mut painter);
    } else {
        write_edge_labels(&mut s, d, l, theme, &mut painter);
    }
    let shadow = shadow.as_deref();
    if architecture {
        architecture::write_services(&mut s, d, l, theme, &mut painter);
    } else if c4 {
        c4::write_elements(&mut s, d, l, theme, shadow, &mut painter);
    } else {
        write_nodes(&mut s, d, l, theme, shadow, &mut painter);
    }
    s.close("svg");
    s.out
}

fn write_style(s: &mut Svg, id: &str, theme: &Theme) {
    let css = format!(
        "#{id}{{font-family:{font};font-size:{size}px}}\
         #{id} .edge{{fill:none;stroke-linecap:round;stroke-linejoin:round}}\
         #{id} .edge.animate{{stroke-dasharray:9 5;animation:{id}-dash 30s linear infinite}}\
         @keyframes {id}-dash{{to{{stroke-dashoffset:-1000}}}}\
         #{id} .cluster-label,#{id} .edgeLabel text,#{id} .c4-type,#{id} .c4-descr{{font-size:{small}px}}\
         #{id} a .node-label,#{id} a text{{text-decoration:underline}}",
        font = theme.font_family,
        size = fmt_num(theme.font_size),
        small = fmt_num(theme.font_size * 0.875),
    );
    s.open("style", &[]);
    s.raw(&escape(&css));
    s.close("style");
}

/// The colour an edge is stroked with.
fn edge_color<'a>(e: &'a crate::model::Edge, theme: &'a Theme) -> &'a str {
    e.style.stroke.as_deref().unwrap_or(&theme.line)
}

/// The colour of an edge's arrow heads: the edge's own stroke when styled, else the
/// theme's arrow colour.
fn marker_color<'a>(e: &'a crate::model::Edge, theme: &'a Theme) -> &'a str {
    if e.style.stroke.is_some() { edge_color(e, theme) } else { &theme.arrow }
}

/// Writes the arrow-head markers the diagram uses (one per kind, end and colour) and
/// returns the colour index of each colour.
/// The `neo` look, and C4 elements styled with `$shadowing`, cast a soft shadow.
fn wants_shadow(d: &Diagram, theme: &Theme) -> bool {
    theme.look == crate::config::Look::Neo && d.kind != Some(DiagramKind::Architecture)
        || d.nodes.iter().any(|n| n.c4.as_ref().is_some_and(|c| c.shadow))
}

/// A soft drop shadow made of the filter primitives every SVG renderer has (no
/// `feDropShadow`, which older converters lack).
fn write_shadow_filter(s: &mut Svg, id: &str) {
    s.open(
        "filter",
        &[
            ("id", id.into()),
            ("x", "-20%".into()),
            ("y", "-20%".into()),
            ("width", "140%".into()),
            ("height", "150%".into()),
        ],
    );
    s.empty("feGaussianBlur", &[("in", "SourceAlpha".into()), ("stdDeviation", 2.5.into())]);
    s.empty("feOffset", &[("dy", 2.0.into()), ("result", "blur".into())]);
    s.open("feComponentTransfer", &[]);
    s.empty("feFuncA", &[("type", "linear".into()), ("slope", 0.3.into())]);
    s.close("feComponentTransfer");
    s.open("feMerge", &[]);
    s.empty("feMergeNode", &[]);
    s.empty("feMergeNode", &[("in", "SourceGraphic".into())]);
    s.close("feMerge");
    s.close("filter");
}

fn write_defs(s: &mut Svg, d: &Diagram, id: &str, theme: &Theme, shadow: Option<&str>) -> BTreeMap<String, usize> {
    let mut colors: BTreeMap<String, usize> = BTreeMap::new();
    let mut wanted: Vec<(Marker, bool, EndAt, String)> = Vec::new();
    for e in d.edges.iter().filter(|e| e.stroke != Stroke::Invisible) {
        let c = marker_color(e, theme).to_string();
        let n = colors.len();
        colors.entry(c.clone()).or_insert(n);
        for (m, start, at) in [(e.start, true, end_at(e.from)), (e.end, false, end_at(e.to))] {
            // Only arrows have a variant at a border.
            let at = if m == Marker::Arrow { at } else { EndAt::Shape };
            if m != Marker::None && !wanted.iter().any(|w| w.0 == m && w.1 == start && w.2 == at && w.3 == c) {
                wanted.push((m, start, at, c.clone()));
            }
        }
    }
    s.open("defs", &[]);
    for (m, start, at, c) in &wanted {
        edges::write_marker(s, &edges::marker_id(id, *m, *start, *at, colors[c]), *m, *start, *at, c);
    }
    if let Some(shadow) = shadow {
        write_shadow_filter(s, shadow);
    }
    s.close("defs");
    colors
}

pub(crate) fn cluster_order(d: &Diagram) -> Vec<usize> {
    let mut order: Vec<usize> = (0..d.clusters.len()).collect();
    order.sort_by_key(|&c| d.cluster_depth(c));
    order
}

fn write_clusters(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, icons: &mut Painter) {
    let font = small_font(theme);
    let wrap = wrap_width(d);
    s.open("g", &[("class", "clusters".into())]);
    for c in cluster_order(d) {
        let cl = &d.clusters[c];
        let Some(r) = l.clusters.get(c) else { continue };
        let class = join_class("cluster", &cl.classes);
        let mut attrs: Vec<(&str, Val)> = vec![("class", (&class).into()), ("data-id", (&cl.id).into())];
        let parent = cl.parent.map(|p| d.clusters[p].id.clone());
        if let Some(p) = &parent {
            attrs.push(("data-parent", p.into()));
        }
        s.open("g", &attrs);
        open_link(s, cl.link.as_ref());
        let fill = cl.style.fill.as_deref().unwrap_or(&theme.cluster_fill);
        let stroke = cl.style.stroke.as_deref().unwrap_or(&theme.cluster_stroke);
        let mut ra: Vec<(&str, Val)> = vec![
            ("class", "cluster-box".into()),
            ("x", r.x.into()),
            ("y", r.y.into()),
            ("width", r.w.into()),
            ("height", r.h.into()),
            ("rx", 6.0.into()),
            ("fill", fill.into()),
            ("stroke", stroke.into()),
            ("stroke-width", cl.style.stroke_width.as_deref().unwrap_or("1").into()),
        ];
        if let Some(dash) = &cl.style.stroke_dasharray {
            ra.push(("stroke-dasharray", dash.into()));
        }
        s.empty("rect", &ra);
        if !cl.title.is_empty() {
            let ts = text::measure(&cl.title, &font, wrap);
            let at = crate::layout::titles::title_box(*r, ts, l.title_offset(c)).center();
            let color = cl.style.color.as_deref().unwrap_or(&theme.cluster_text);
            let paint = Paint {
                class: "cluster-label",
                fill: color,
                font_weight: cl.style.font_weight.as_deref(),
                font_style: cl.style.font_style.as_deref(),
            };
            // The title in a group of its own: moving the box moves it with one transform.
            s.open("g", &[("class", "cluster-title".into())]);
            label::draw(s, &cl.title, &font, wrap, at, &paint, icons);
            s.close("g");
        }
        close_link(s, cl.link.as_ref());
        s.close("g");
    }
    s.close("g");
}

fn endpoint_id(d: &Diagram, e: Endpoint) -> &str {
    match e {
        Endpoint::Node(n) => &d.nodes[n].id,
        Endpoint::Cluster(c) => &d.clusters[c].id,
    }
}

/// What an edge end at `e` meets.
fn end_at(e: Endpoint) -> EndAt {
    match e {
        Endpoint::Node(_) => EndAt::Shape,
        Endpoint::Cluster(_) => EndAt::Border,
    }
}

/// The route with its ends pulled back by the marker lengths.
fn trimmed(points: &[Point], start: (Marker, EndAt), end: (Marker, EndAt)) -> Vec<Point> {
    if points.len() < 2 {
        return points.to_vec();
    }
    let mut pts = cut_end(points, edges::marker_length(end.0, end.1));
    pts.reverse();
    let mut pts = cut_end(&pts, edges::marker_length(start.0, start.1));
    pts.reverse();
    pts
}

/// `points` with its end cut back to the first point (walking back from the end) that
/// lies `by` from it in a straight line, so a marker of that length, laid along the last
/// piece, reaches the end (exactly where that piece points at it). A short last piece (a
/// stub into an outline) is cut away whole rather than leaving the marker to reach into
/// the node. A route shorter than `by` keeps a fifth of its last piece.
fn cut_end(points: &[Point], by: f64) -> Vec<Point> {
    let n = points.len();
    if by <= 0.0 || n < 2 {
        return points.to_vec();
    }
    let e = points[n - 1];
    let dist = |p: Point| (p.x - e.x).hypot(p.y - e.y);
    for i in (0..n - 1).rev() {
        let (a, b) = (points[i], points[i + 1]);
        if dist(a) < by {
            continue;
        }
        // Where a→b enters the circle of radius `by` around the end: the smaller root of
        // |a + t(b − a) − e|² = by², which lies in [0, 1] since a is outside and b inside
        // (so a ≠ b).
        let (dx, dy, fx, fy) = (b.x - a.x, b.y - a.y, a.x - e.x, a.y - e.y);
        let dd = dx * dx + dy * dy;
        let fd = fx * dx + fy * dy;
        let c = fx * fx + fy * fy - by * by;
        let t = ((-fd - (fd * fd - dd * c).max(0.0).sqrt()) / dd).clamp(0.0, 1.0);
        let mut out = points[..=i].to_vec();
        if t > 0.0 || out.len() < 2 {
            out.push(Point { x: a.x + dx * t, y: a.y + dy * t });
        }
        return out;
    }
    let mut out = points.to_vec();
    let a = points[n - 2];
    out[n - 1] = Point { x: e.x + (a.x - e.x) * 0.8, y: e.y + (a.y - e.y) * 0.8 };
    out
}

fn write_edges(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, id: &str, colors: &BTreeMap<String, usize>) {
    let default_curve = d.config.flowchart.curve.unwrap_or(Curve::Rounded);
    s.open("g", &[("class", "edgePaths".into())]);
    for (i, e) in d.edges.iter().enumerate() {
        if e.stroke == Stroke::Invisible {
            continue;
        }
        let Some(path) = l.edges.get(i).and_then(|r| edge_path(e, r, default_curve)) else { continue };
        let (thickness, pattern, width) = match e.stroke {
            Stroke::Thick => ("edge-thickness-thick", "edge-pattern-solid", "3.5"),
            Stroke::Dotted => ("edge-thickness-normal", "edge-pattern-dotted", "2"),
            _ => ("edge-thickness-normal", "edge-pattern-solid", "2"),
        };
        let mut class = format!("edge flowchart-link {thickness} {pattern}");
        if e.animate {
            class.push_str(" animate");
        }
        let class = join_class(&class, &e.classes);
        let color = edge_color(e, theme);
        let ci = colors.get(marker_color(e, theme)).copied().unwrap_or(0);
        let m_start = format!("url(#{})", edges::marker_id(id, e.start, true, end_at(e.from), ci));
        let m_end = format!("url(#{})", edges::marker_id(id, e.end, false, end_at(e.to), ci));
        let mut a: Vec<(&str, Val)> = vec![
            ("class", (&class).into()),
            ("data-id", (&e.id).into()),
            ("data-from", endpoint_id(d, e.from).into()),
            ("data-to", endpoint_id(d, e.to).into()),
            ("d", (&path).into()),
            ("fill", "none".into()),
            ("stroke", color.into()),
            ("stroke-width", e.style.stroke_width.as_deref().unwrap_or(width).into()),
        ];
        let dash = e.style.stroke_dasharray.as_deref().or((e.stroke == Stroke::Dotted).then_some("3 3"));
        if let Some(dash) = dash {
            a.push(("stroke-dasharray", dash.into()));
        }
        if let Some(o) = &e.style.opacity {
            a.push(("opacity", o.into()));
        }
        if e.start != Marker::None {
            a.push(("marker-start", (&m_start).into()));
        }
        if e.end != Marker::None {
            a.push(("marker-end", (&m_end).into()));
        }
        s.empty("path", &a);
    }
    s.close("g");
}

/// The `d` of an edge's path: its route with the ends pulled back for the markers, in its
/// curve (`None` for a route of fewer than two points).
pub(crate) fn edge_path(
    e: &crate::model::Edge,
    route: &crate::layout::EdgeRoute,
    default_curve: Curve,
) -> Option<String> {
    if route.points.len() < 2 {
        return None;
    }
    let pts = trimmed(&route.points, (e.start, end_at(e.from)), (e.end, end_at(e.to)));
    Some(edges::path_data(&pts, e.curve.unwrap_or(default_curve)))
}

fn write_edge_labels(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, icons: &mut Painter) {
    let font = small_font(theme);
    let wrap = wrap_width(d);
    s.open("g", &[("class", "edgeLabels".into())]);
    for (i, e) in d.edges.iter().enumerate() {
        let (Some(t), Some(r)) = (e.label.as_ref().filter(|t| !t.is_empty()), l.edges.get(i).and_then(|r| r.label))
        else {
            continue;
        };
        if e.stroke == Stroke::Invisible {
            continue;
        }
        s.open("g", &[("class", "edgeLabel".into()), ("data-id", (&e.id).into())]);
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
            ],
        );
        let color = e.style.color.as_deref().unwrap_or(&theme.edge_label_text);
        label::draw(
            s,
            t,
            &font,
            wrap,
            r.center(),
            &Paint { class: "label", fill: color, font_weight: None, font_style: None },
            icons,
        );
        s.close("g");
    }
    s.close("g");
}

fn write_nodes(s: &mut Svg, d: &Diagram, l: &Layout, theme: &Theme, shadow: Option<&str>, icons: &mut Painter) {
    let wrap = wrap_width(d);
    s.open("g", &[("class", "nodes".into())]);
    for (i, n) in d.nodes.iter().enumerate() {
        let Some(r) = l.nodes.get(i) else { continue };
        let class = if n.shape == Shape::Junction {
            join_class("junction", &n.classes)
        } else {
            join_class(&format!("node default shape-{}", n.shape.class_name()), &n.classes)
        };
        let c = r.center();
        let transform = format!("translate({},{})", fmt_num(c.x), fmt_num(c.y));
        let mut attrs: Vec<(&str, Val)> = vec![("class", (&class).into()), ("data-id", (&n.id).into())];
        let parent = n.parent.map(|p| d.clusters[p].id.clone());
        if let Some(p) = &parent {
            attrs.push(("data-parent", p.into()));
        }
        attrs.push(("transform", (&transform).into()));
        s.open("g", &attrs);
        if let Some(link) = &n.link
            && let Some(t) = &link.tooltip
        {
            s.text_element("title", &[], t);
        }
        open_link(s, n.link.as_ref());
        write_node_body(s, n, *r, theme, wrap, shadow, icons);
        close_link(s, n.link.as_ref());
        s.close("g");
    }
    s.close("g");
}

fn write_node_body(
    s: &mut Svg,
    n: &Node,
    r: Rect,
    theme: &Theme,
    wrap: f64,
    shadow: Option<&str>,
    icons: &mut Painter,
) {
    let size = Size { w: r.w, h: r.h };
    let paint = ShapePaint {
        fill: n.style.fill.as_deref().unwrap_or(&theme.node_fill),
        stroke: n.style.stroke.as_deref().unwrap_or(&theme.node_stroke),
        stroke_width: n.style.stroke_width.as_deref().unwrap_or("1"),
        dasharray: n.style.stroke_dasharray.as_deref(),
        opacity: n.style.opacity.as_deref(),
        radius: if theme.look == crate::config::Look::Neo { 6.0 } else { 0.0 },
    };
    let fill = n.style.color.as_deref().unwrap_or(&theme.node_text);
    let mut label_at = shapes::label_offset(n.shape, size);
    if n.shape == Shape::Icon {
        let side = icon_side(n);
        shapes::draw_icon_tile(s, side, size, &paint);
        let inset = side / 8.0;
        let box_ = Rect { x: -side / 2.0 + inset, y: -r.h / 2.0 + inset, w: side - 2.0 * inset, h: side - 2.0 * inset };
        match &n.icon {
            Some(icon) => icons.draw(s, icon, box_, Some(fill)),
            None => icons::missing(s, "", box_),
        }
        label_at = shapes::icon_label_offset(side);
    } else if let Some(f) = shadow.filter(|_| !shapes::hides_label(n.shape) && n.shape != Shape::Text) {
        s.open("g", &[("class", "shadowed".into()), ("filter", f.into())]);
        shapes::draw(s, n.shape, size, &paint);
        s.close("g");
    } else {
        shapes::draw(s, n.shape, size, &paint);
    }
    if n.shape == Shape::Image {
        write_image(s, n, -r.h / 2.0);
    }
    if shapes::hides_label(n.shape) || n.label.is_empty() {
        return;
    }
    let font = font_for(theme, &n.style);
    let (dx, dy) = label_at;
    let paint = Paint {
        class: "label",
        fill,
        font_weight: n.style.font_weight.as_deref(),
        font_style: n.style.font_style.as_deref(),
    };
    label::draw(s, &n.label, &font, wrap, Point { x: dx, y: dy }, &paint, icons);
}

fn write_image(s: &mut Svg, n: &Node, top: f64) {
    let Some(url) = n.icon.as_ref().and_then(|i| crate::model::style::safe_url(&i.name)) else { return };
    s.empty(
        "image",
        &[
            ("href", (&url).into()),
            ("x", (-50.0).into()),
            ("y", top.into()),
            ("width", 100.0.into()),
            ("height", 100.0.into()),
            ("preserveAspectRatio", "xMidYMid meet".into()),
        ],
    );
}

pub(crate) fn open_link(s: &mut Svg, link: Option<&crate::model::Link>) {
    if let Some(link) = link {
        let mut a: Vec<(&str, Val)> = vec![("href", (&link.url).into())];
        if let Some(t) = &link.target {
            a.push(("target", t.into()));
        }
        if link.target.as_deref() == Some("_blank") {
            a.push(("rel", "noopener noreferrer".into()));
        }
        s.open("a", &a);
    }
}

pub(crate) fn close_link(s: &mut Svg, link: Option<&crate::model::Link>) {
    if link.is_some() {
        s.close("a");
    }
}

/// `base` plus the user's class names (only characters CSS class names can safely hold).
pub(crate) fn join_class(base: &str, classes: &[String]) -> String {
    let mut out = base.to_string();
    for c in classes {
        let clean: String = c.chars().filter(|ch| ch.is_alphanumeric() || *ch == '-' || *ch == '_').collect();
        if !clean.is_empty() {
            out.push(' ');
            out.push_str(&clean);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{EndAt, Marker, Point, cut_end, fmt_num, trimmed};

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_trailing_zeros() {
        for (v, s) in [
            (0.0, "0"),
            (-0.001, "0"),
            (1.5, "1.5"),
            (2.25, "2.25"),
            (-3.1, "-3.1"),
            (10.0, "10"),
            (0.05, "0.05"),
            (1.004, "1"),
            (f64::NAN, "0"),
            (-0.5, "-0.5"),
        ] {
            assert_eq!(fmt_num(v), s, "{v}");
        }
    }

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn a_marker_cut_skips_a_stub_shorter_than_the_marker() {
        let p = |x, y| Point { x, y };
        // A 1.35 px stub into the node: cut within the piece before it, 10 px from the end.
        let cut = cut_end(&[p(0.0, 0.0), p(50.0, 0.0), p(51.35, 0.0)], 10.0);
        assert_eq!(cut.len(), 2);
        assert!(close(cut[1], p(41.35, 0.0)), "{cut:?}");
        // Around a corner the cut lies 10 px from the end in a straight line.
        let cut = cut_end(&[p(0.0, 0.0), p(0.0, 50.0), p(6.0, 50.0)], 10.0);
        let last = cut[cut.len() - 1];
        assert!(((last.x - 6.0).hypot(last.y - 50.0) - 10.0).abs() < 1e-9, "{cut:?}");
        assert!(close(last, p(0.0, 42.0)), "{cut:?}");
        // Exactly `by` from a bend: the path ends at the bend, with no zero-length piece.
        let cut = cut_end(&[p(0.0, 0.0), p(0.0, 40.0), p(0.0, 50.0)], 10.0);
        assert_eq!(cut, vec![p(0.0, 0.0), p(0.0, 40.0)]);
        // A long last piece is pulled back along itself.
        assert_eq!(cut_end(&[p(0.0, 0.0), p(0.0, 30.0)], 10.0), vec![p(0.0, 0.0), p(0.0, 20.0)]);
        // A route shorter than the marker keeps a fifth of its last piece.
        let cut = cut_end(&[p(0.0, 0.0), p(5.0, 0.0)], 10.0);
        assert!(close(cut[1], p(1.0, 0.0)), "{cut:?}");
    }

    #[test]
    fn trimming_cuts_both_ends_for_their_markers() {
        let p = |x, y| Point { x, y };
        let (shape, border) = (EndAt::Shape, EndAt::Border);
        let t = trimmed(&[p(0.0, 0.0), p(100.0, 0.0)], (Marker::Arrow, shape), (Marker::Circle, shape));
        assert_eq!(t, vec![p(10.0, 0.0), p(90.0, 0.0)]);
        let t = trimmed(&[p(0.0, 0.0), p(100.0, 0.0)], (Marker::None, shape), (Marker::Cross, shape));
        assert_eq!(t, vec![p(0.0, 0.0), p(100.0, 0.0)]);
        // At a cluster's border the path runs on under the head, to 3 px short of it.
        let t = trimmed(&[p(0.0, 0.0), p(100.0, 0.0)], (Marker::Arrow, border), (Marker::Arrow, border));
        assert_eq!(t, vec![p(3.0, 0.0), p(97.0, 0.0)]);
    }
}
