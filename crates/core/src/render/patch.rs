//! Updating an SVG on screen after elements moved in a [`Scene`], attribute by attribute,
//! instead of writing it again: what a drag step costs is what moved.
//!
//! Each [`Patch`] names an element of the drawn SVG by its role and `data-id` (see
//! `SVG-CONTRACT.md`) and the attributes to set on it:
//!
//! | element | what is set |
//! |---|---|
//! | `g.node[data-id]`, `g.junction[data-id]` | `transform`: flowchart and C4 nodes are drawn around `translate(centre)`, architecture services in place, so they move by `translate(offset)` |
//! | `rect.cluster-box` in `g.cluster[data-id]` | `x`, `y`, `width`, `height` |
//! | `g.cluster-title` in `g.cluster[data-id]` | `transform`: the title's offset from where it was drawn (flowchart titles follow the box's middle, at their [`Layout::title_offset`], architecture's its left edge) |
//! | `path.edge[data-id]` | `d`, as [`super::svg`] writes it |
//! | `g.edgeLabel[data-id]` | `transform`: the label's offset |
//!
//! Offsets are relative to `drawn`, the layout the SVG on screen was written from; applying
//! the patches of every step keeps the SVG equal (up to these transforms) to what writing
//! the current layout would give.

use super::{edge_path, fmt_num};
use crate::layout::{Changes, Layout, Rect, Scene};
use crate::model::{Curve, Diagram, DiagramKind, Point};

/// An element of the drawn SVG, by its `data-id` (the id of a node, cluster or edge).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Node(String),
    ClusterBox(String),
    ClusterTitle(String),
    EdgePath(String),
    EdgeLabel(String),
}

/// Attributes to set on one element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patch {
    pub target: Target,
    pub attrs: Vec<(&'static str, String)>,
}

/// The patches that bring an SVG written from `drawn` up to date with `scene`, for the
/// elements `changes` names.
pub fn patches(d: &Diagram, drawn: &Layout, scene: &Scene, changes: &Changes) -> Vec<Patch> {
    let now = scene.layout();
    let architecture = d.kind == Some(DiagramKind::Architecture);
    let mut out = Vec::new();
    for &n in &changes.nodes {
        let (Some(node), Some(&was), Some(&is)) = (d.nodes.get(n), drawn.nodes.get(n), now.nodes.get(n)) else {
            continue;
        };
        let transform = if architecture { offset(was.center(), is.center()) } else { translate(is.center()) };
        out.push(Patch { target: Target::Node(node.id.clone()), attrs: vec![("transform", transform)] });
    }
    for &c in &changes.clusters {
        let (Some(cluster), Some(&was), Some(&is)) = (d.clusters.get(c), drawn.clusters.get(c), now.clusters.get(c))
        else {
            continue;
        };
        out.push(Patch {
            target: Target::ClusterBox(cluster.id.clone()),
            attrs: vec![
                ("x", fmt_num(is.x)),
                ("y", fmt_num(is.y)),
                ("width", fmt_num(is.w)),
                ("height", fmt_num(is.h)),
            ],
        });
        let anchor = |l: &Layout, r: Rect| {
            if architecture { Point { x: r.x, y: r.y } } else { Point { x: r.center().x + l.title_offset(c), y: r.y } }
        };
        out.push(Patch {
            target: Target::ClusterTitle(cluster.id.clone()),
            attrs: vec![("transform", offset(anchor(drawn, was), anchor(now, is)))],
        });
    }
    let default_curve = d.config.flowchart.curve.unwrap_or(Curve::Rounded);
    for &e in &changes.edges {
        let (Some(edge), Some(route)) = (d.edges.get(e), now.edges.get(e)) else { continue };
        if let Some(path) = edge_path(edge, route, default_curve) {
            out.push(Patch { target: Target::EdgePath(edge.id.clone()), attrs: vec![("d", path)] });
        }
        if let (Some(was), Some(is)) = (drawn.edges.get(e).and_then(|r| r.label), route.label) {
            out.push(Patch {
                target: Target::EdgeLabel(edge.id.clone()),
                attrs: vec![("transform", offset(was.center(), is.center()))],
            });
        }
    }
    out
}

fn translate(p: Point) -> String {
    format!("translate({},{})", fmt_num(p.x), fmt_num(p.y))
}

fn offset(from: Point, to: Point) -> String {
    translate(Point { x: to.x - from.x, y: to.y - from.y })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{self, Scene};
    use crate::model::Endpoint;

    fn scene_of(text: &str) -> (Diagram, Scene) {
        let d = crate::syntax::parse(text).diagram;
        let theme = super::super::theme::Theme::from_config(&d.config);
        let sizes = super::super::measure(&d, &theme);
        let scene = layout::scene(&d, &sizes);
        (d, scene)
    }

    /// The value of `name` on the element with `data-id="id"` whose tag text starts `open`.
    fn attr(svg: &str, open: &str, id: &str, name: &str) -> Option<String> {
        let at = svg.match_indices(open).map(|(i, _)| i).find(|&i| {
            let tag = &svg[i..i + svg[i..].find('>').unwrap()];
            tag.contains(&format!("data-id=\"{id}\""))
        })?;
        let tag = &svg[at..at + svg[at..].find('>').unwrap()];
        let key = format!(" {name}=\"");
        let v = tag.find(&key)? + key.len();
        Some(tag[v..v + tag[v..].find('"').unwrap()].to_string())
    }

    #[test]
    fn patching_a_drag_gives_the_attributes_a_new_svg_would_have() {
        let text = "flowchart TD\n  subgraph G[Group]\n    A --> B\n  end\n  B --> C\n";
        let (d, mut scene) = scene_of(text);
        let drawn = scene.layout().clone();
        let b = d.node_index("B").unwrap();
        let to = Point { x: drawn.nodes[b].center().x + 200.0, y: drawn.nodes[b].center().y + 40.0 };
        scene.displace(&d, Endpoint::Node(b), to);
        let changes = scene.settle(&d);
        let patches = patches(&d, &drawn, &scene, &changes);
        let theme = super::super::theme::Theme::from_config(&d.config);
        let fresh = super::super::svg(&d, scene.layout(), &theme);
        let find = |t: &Target| patches.iter().find(|p| &p.target == t).map(|p| p.attrs.clone());
        assert_eq!(
            find(&Target::Node("B".into())),
            Some(vec![("transform", attr(&fresh, "<g class=\"node", "B", "transform").unwrap())])
        );
        for e in &changes.edges {
            let id = &d.edges[*e].id;
            let got = find(&Target::EdgePath(id.clone())).unwrap();
            assert_eq!(got, vec![("d", attr(&fresh, "<path class=\"edge", id, "d").unwrap())], "{id}");
        }
        // The group grew to hold B: its box as a new SVG draws it.
        let boxed = find(&Target::ClusterBox("G".into())).unwrap();
        let r = scene.layout().clusters[0];
        assert_eq!(
            boxed,
            vec![("x", fmt_num(r.x)), ("y", fmt_num(r.y)), ("width", fmt_num(r.w)), ("height", fmt_num(r.h))]
        );
        assert!(fresh.contains(&format!("width=\"{}\"", fmt_num(r.w))));
        let title = find(&Target::ClusterTitle("G".into())).unwrap();
        let dx = r.center().x - drawn.clusters[0].center().x;
        assert_eq!(title, vec![("transform", format!("translate({},0)", fmt_num(dx)))]);
        assert!(fresh.contains("<g class=\"cluster-title\">"));
    }

    #[test]
    fn architecture_services_move_by_their_offset() {
        let text = "architecture-beta\n  service a(server)[A]\n  service b(disk)[B]\n  a:R --> L:b\n";
        let (d, mut scene) = scene_of(text);
        let drawn = scene.layout().clone();
        let c = drawn.nodes[1].center();
        scene.displace(&d, Endpoint::Node(1), Point { x: c.x + 10.0, y: c.y - 20.0 });
        let changes = scene.settle(&d);
        let p = patches(&d, &drawn, &scene, &changes);
        assert_eq!(
            p[0],
            Patch { target: Target::Node("b".into()), attrs: vec![("transform", "translate(10,-20)".into())] }
        );
        assert!(matches!(&p[1].target, Target::EdgePath(id) if id == &d.edges[0].id));
    }
}
