//! The architecture engine: a grid layout driven by the sides edges name.
//!
//! ```text
//! blocks::Tree::build   the group tree; items per block in declaration order
//! grid::place           per block, innermost first: side relations → columns and rows,
//!                       crowded cells split, components packed; absolute boxes top-down
//! ports::assign         each end on its named side, several on one side spread apart
//!                       in the order of where their other ends are
//! routes::run           orthogonal routes (`layout::ortho`) around services and foreign
//!                       groups, each search limited to the boxes the edge can meet;
//!                       parallel segments nudged apart; edges left crossing searched
//!                       again against the finished routes (repair)
//! labels::place         edge titles on their edge, clear of nodes and other titles
//! ```
//!
//! Deterministic: every choice breaks ties by declaration order or index.

mod blocks;
mod grid;
mod labels;
mod ports;
mod routes;

use super::{EdgeRoute, Layout, Rect, Size, Sizes};
use crate::model::{Diagram, Shape};

/// Mermaid's default icon size for services.
pub const DEFAULT_ICON_SIZE: f64 = 80.0;
/// Space between an icon and its title.
pub const TITLE_GAP: f64 = 4.0;
/// The drawn size of a junction (a routing point).
pub const JUNCTION_SIZE: f64 = 10.0;
/// Room around the drawing.
pub const MARGIN: f64 = 8.0;
/// Group icons beside the group title.
pub const GROUP_ICON: f64 = 20.0;

/// The measures every pass shares.
pub(crate) struct Metrics {
    pub icon: f64,
    /// Inside a group box, around its content.
    pub padding: f64,
    /// Between neighbouring cells of a grid.
    pub gap: f64,
}

impl Metrics {
    pub fn for_diagram(d: &Diagram) -> Metrics {
        let a = &d.config.architecture;
        let sane = |v: Option<f64>, lo: f64, hi: f64, default: f64| {
            v.filter(|v| v.is_finite() && *v >= lo && *v <= hi).unwrap_or(default)
        };
        let icon = icon_size(d);
        Metrics { icon, padding: sane(a.padding, 0.0, 400.0, 30.0), gap: (icon * 0.65).clamp(40.0, 120.0) }
    }

    /// Room a group's title bar takes: the icon and title side by side, on top.
    pub fn title_room(&self, sizes: &Sizes, c: usize) -> Size {
        let t = sizes.cluster_titles.get(c).copied().unwrap_or_default();
        let h = t.h.max(GROUP_ICON) + 8.0;
        Size { w: t.w + GROUP_ICON + 6.0, h }
    }
}

/// The icon size a diagram asks for (`architecture.iconSize`), within sane limits.
pub fn icon_size(d: &Diagram) -> f64 {
    d.config.architecture.icon_size.filter(|v| v.is_finite() && (8.0..=400.0).contains(v)).unwrap_or(DEFAULT_ICON_SIZE)
}

/// The icon square of a service drawn in `r` (the icon on top, its title below).
pub fn icon_box(r: Rect, icon: f64) -> Rect {
    Rect { x: r.x + (r.w - icon) / 2.0, y: r.y, w: icon, h: icon }
}

/// The title area of a service drawn in `r`.
pub fn title_box(r: Rect, icon: f64) -> Rect {
    let top = r.y + icon + TITLE_GAP;
    Rect { x: r.x, y: top, w: r.w, h: (r.bottom() - top).max(0.0) }
}

pub fn layout(d: &Diagram, sizes: &Sizes) -> Layout {
    let m = Metrics::for_diagram(d);
    let tree = blocks::Tree::build(d);
    let placed = grid::place(d, sizes, &tree, &m);
    let ports = ports::assign(d, &placed, &m);
    let points = routes::run(d, &tree, &placed, &ports, &m);
    let labels = labels::place(d, sizes, &placed, &points, &m);
    let edges = points.into_iter().zip(labels).map(|(points, label)| EdgeRoute { points, label }).collect();
    Layout::at_margin(placed.nodes, placed.clusters, edges, MARGIN, 0)
}

fn is_junction(d: &Diagram, n: usize) -> bool {
    d.nodes[n].shape == Shape::Junction
}

#[cfg(test)]
mod tests {
    use crate::layout::{Layout, Rect, verify::verify};
    use crate::model::Diagram;

    fn laid_out(text: &str) -> (Diagram, Layout) {
        let parsed = crate::syntax::parse(text);
        assert!(!parsed.diagnostics.iter().any(|d| d.is_error()), "{:#?}", parsed.diagnostics);
        let d = parsed.diagram;
        let theme = crate::render::theme::Theme::from_config(&d.config);
        let sizes = crate::render::measure(&d, &theme);
        let l = crate::layout::layout(&d, &sizes);
        assert_eq!(verify(&d, &l), vec![], "{text}");
        (d, l)
    }

    fn node(d: &Diagram, l: &Layout, id: &str) -> Rect {
        l.nodes[d.node_index(id).unwrap_or_else(|| panic!("no node {id}"))]
    }

    #[test]
    fn sides_say_where_the_other_end_goes() {
        let (d, l) = laid_out(
            "architecture-beta\n service a(server)[A]\n service b(disk)[B]\n service c(database)[C]\n a:R --> L:b\n a:B --> T:c\n",
        );
        let (a, b, c) = (node(&d, &l, "a"), node(&d, &l, "b"), node(&d, &l, "c"));
        assert!(b.x >= a.right() && (b.center().y - a.center().y).abs() < 0.5, "b right of a, same row: {a:?} {b:?}");
        assert!(c.y >= a.bottom() && (c.center().x - a.center().x).abs() < 0.5, "c below a, same column: {a:?} {c:?}");
        // Facing sides on one row: one straight segment.
        assert_eq!(l.edges[0].points.len(), 2, "{:?}", l.edges[0].points);
    }

    #[test]
    fn a_cycle_of_right_of_keeps_all_it_can_and_draws_everything() {
        let (d, l) = laid_out(
            "architecture-beta\n service a(server)[A]\n service b(server)[B]\n service c(server)[C]\n a:R --> L:b\n b:R --> L:c\n c:R --> L:a\n",
        );
        let (a, b, c) = (node(&d, &l, "a"), node(&d, &l, "b"), node(&d, &l, "c"));
        assert!(b.x >= a.right() && c.x >= b.right(), "the first two relations hold: {a:?} {b:?} {c:?}");
        assert!(l.edges.iter().all(|e| e.points.len() >= 2));
    }

    #[test]
    fn groups_the_sides_put_both_above_and_below_each_other_sit_side_by_side() {
        // b1 below a, a below b2: no order of the two groups serves both edges, and either
        // would send one of them round the other group; side by side, both stay short.
        let (d, l) = laid_out(
            "architecture-beta\n group top(cloud)[Top]\n group other(cloud)[Other]\n service a(server)[A] in top\n service b1(server)[B1] in other\n service b2(server)[B2] in other\n a:B --> T:b1\n b2:B --> T:a\n",
        );
        let (t, o) = (l.clusters[d.cluster_index("top").unwrap()], l.clusters[d.cluster_index("other").unwrap()]);
        assert!(t.y < o.bottom() && o.y < t.bottom(), "level with each other: {t:?} {o:?}");
        assert!(t.right() <= o.x || o.right() <= t.x, "beside each other: {t:?} {o:?}");
    }

    #[test]
    fn a_service_both_above_and_below_a_group_sits_beside_it_whatever_runs_inside() {
        // The edges inside the group run sideways; they say nothing about where the queue
        // goes, which the two edges to it (one each way) put level with the group.
        let (d, l) = laid_out(
            "architecture-beta\n group g(cloud)[Cluster]\n service a(server)[A] in g\n service b(server)[B] in g\n service c(server)[C] in g\n service e(server)[E] in g\n service q(server)[Queue]\n a:R --> L:b\n b:R --> L:c\n c:R --> L:e\n a:B --> T:q\n e:T --> B:q\n",
        );
        let (g, q) = (l.clusters[d.cluster_index("g").unwrap()], node(&d, &l, "q"));
        assert!(q.y < g.bottom() && g.y < q.bottom(), "level with the group: {g:?} {q:?}");
        assert!(q.right() <= g.x || g.right() <= q.x, "beside it: {g:?} {q:?}");
    }

    #[test]
    fn a_service_under_a_short_neighbour_of_a_tall_group_sits_right_under_it() {
        // x and the group share a row as tall as the group; y, below x, is alone in the
        // next row and closes up to x instead of hanging below the whole group.
        let (d, l) = laid_out(
            "architecture-beta\n group g(cloud)[Tall]\n service a(server)[A] in g\n service b(server)[B] in g\n service c(server)[C] in g\n service x(server)[X]\n service y(disk)[Y]\n a:B --> T:b\n b:B --> T:c\n x:R --> L:a\n x:B --> T:y\n",
        );
        let (g, x, y) = (l.clusters[d.cluster_index("g").unwrap()], node(&d, &l, "x"), node(&d, &l, "y"));
        assert!(y.y >= x.bottom() && y.y < g.bottom(), "under x, level with the group's lower part: {x:?} {y:?} {g:?}");
        assert_eq!(l.edges[3].points.len(), 2, "straight down: {:?}", l.edges[3].points);
    }

    #[test]
    fn a_titled_edge_keeps_its_room_when_its_end_closes_up() {
        // db sits under the wide cell of api and worker; replica, alone in its column,
        // closes up towards db, but only as far as the title between them allows.
        let (d, l) = laid_out(
            "architecture-beta\n service api(server)[API]\n service worker(server)[Worker]\n service db(database)[Primary DB]\n service replica(database)[Read replica]\n api:B --> T:db\n worker:B --> T:db\n db:R -[streaming replication]-> L:replica\n",
        );
        let (db, replica) = (node(&d, &l, "db"), node(&d, &l, "replica"));
        let title = l.edges[2].label.expect("the edge's title is placed");
        assert!(replica.x - db.right() >= title.w, "the title fits between: {db:?} {replica:?} {title:?}");
    }

    /// Proper crossings between the routes of different edges.
    fn crossings(l: &Layout) -> usize {
        let segs: Vec<Vec<(crate::model::Point, crate::model::Point)>> =
            l.edges.iter().map(|e| e.points.windows(2).map(|w| (w[0], w[1])).collect()).collect();
        let mut n = 0;
        for i in 0..segs.len() {
            for j in i + 1..segs.len() {
                for &(a, b) in &segs[i] {
                    for &(c, d) in &segs[j] {
                        let (h, v) = if (a.y - b.y).abs() < 0.01 { ((a, b), (c, d)) } else { ((c, d), (a, b)) };
                        let horizontal = (h.0.y - h.1.y).abs() < 0.01 && (v.0.x - v.1.x).abs() < 0.01;
                        let x = v.0.x;
                        let y = h.0.y;
                        if horizontal
                            && x > h.0.x.min(h.1.x) + 0.5
                            && x < h.0.x.max(h.1.x) - 0.5
                            && y > v.0.y.min(v.1.y) + 0.5
                            && y < v.0.y.max(v.1.y) - 0.5
                        {
                            n += 1;
                        }
                    }
                }
            }
        }
        n
    }

    #[test]
    fn unrelated_targets_line_up_with_their_sources() {
        // Three sources in a row feed three targets that have no edges among them: the
        // targets are ordered (and their edges nudged) so nothing crosses.
        let (d, l) = laid_out(
            "architecture-beta\n group src(cloud)[Sources]\n group dst(database)[Stores]\n service s1(server)[S1] in src\n service s2(server)[S2] in src\n service s3(server)[S3] in src\n service d1(database)[D1] in dst\n service d2(database)[D2] in dst\n service d3(database)[D3] in dst\n s1:R --> L:s2\n s2:R --> L:s3\n s1:B --> T:d3\n s2:B --> T:d1\n s3:B --> T:d2\n",
        );
        assert_eq!(crossings(&l), 0, "{:?}", l.edges);
        let x = |id: &str| node(&d, &l, id).center().x;
        assert!(x("d3") < x("d1") && x("d1") < x("d2"), "in their sources' order: {:?}", l.nodes);
    }

    #[test]
    fn routes_left_crossing_are_repaired_where_a_short_detour_exists() {
        // Each drew one crossing before routes were repaired on the finished drawing:
        // one by trading two ends' places on a side, one by searching an edge again
        // against the others' finished routes.
        for name in ["release-pipeline", "hub-services-datastores"] {
            let path = format!("{}/../../tests/fixtures/architecture/ok/{name}.mmd", env!("CARGO_MANIFEST_DIR"));
            let (_, l) = laid_out(&std::fs::read_to_string(path).expect("fixture"));
            assert_eq!(crossings(&l), 0, "{name}: {:?}", l.edges);
        }
    }

    #[test]
    fn a_service_in_a_narrow_group_lines_up_with_the_one_it_feeds_below() {
        // Staging is narrower than Production, so centred it would put its DB half a
        // service left of Production's; it moves within its room and the edge runs straight.
        let (d, l) = laid_out(
            "architecture-beta\n group staging(cloud)[Staging]\n group prod(cloud)[Production]\n service sapp(server)[App] in staging\n service sdb(database)[DB] in staging\n service lb(internet)[LB] in prod\n service papp(server)[App] in prod\n service pdb(database)[DB] in prod\n sapp:R --> L:sdb\n lb:R --> L:papp\n papp:R --> L:pdb\n sdb:B --> T:pdb\n",
        );
        let sdb_end = crate::model::Endpoint::Node(d.node_index("sdb").expect("sdb"));
        let e = d.edges.iter().position(|e| e.from == sdb_end).expect("the edge from sdb");
        assert_eq!(l.edges[e].points.len(), 2, "one straight run: {:?}", l.edges[e].points);
        let (sdb, pdb) = (node(&d, &l, "sdb"), node(&d, &l, "pdb"));
        assert!((sdb.center().x - pdb.center().x).abs() < 0.5, "{sdb:?} {pdb:?}");
        let (s, p) = (l.clusters[d.cluster_index("staging").unwrap()], l.clusters[d.cluster_index("prod").unwrap()]);
        assert!(
            s.x >= p.x && s.right() <= p.right() && s.bottom() <= p.y,
            "still above, within the column: {s:?} {p:?}"
        );
    }

    #[test]
    fn services_on_one_side_of_a_hub_stack_and_stay_on_that_side() {
        let (d, l) = laid_out(
            "architecture-beta\n junction hub\n service a(server)[A]\n service b(server)[B]\n service c(server)[C]\n hub:R --> L:a\n hub:R --> L:b\n hub:R --> L:c\n",
        );
        let hub = node(&d, &l, "hub");
        let rs: Vec<Rect> = ["a", "b", "c"].iter().map(|id| node(&d, &l, id)).collect();
        assert!(rs.iter().all(|r| r.x >= hub.right()), "{rs:?}");
        assert!(rs[0].bottom() <= rs[1].y && rs[1].bottom() <= rs[2].y, "stacked: {rs:?}");
        // The middle one is level with the hub.
        assert!((rs[1].center().y - hub.center().y).abs() < 50.0, "{hub:?} {rs:?}");
    }

    #[test]
    fn groups_are_boxes_of_exactly_their_members() {
        let (d, l) = laid_out(
            "architecture-beta\n group cloud(cloud)[Cloud]\n group vpc(server)[VPC] in cloud\n service lb(server)[LB] in cloud\n service app(server)[App] in vpc\n service db(database)[DB] in vpc\n service user(internet)[User]\n user:R --> L:lb\n lb:R --> L:app\n app:B --> T:db\n",
        );
        let vpc = l.clusters[d.cluster_index("vpc").unwrap()];
        let cloud = l.clusters[d.cluster_index("cloud").unwrap()];
        let inside = |r: Rect, b: Rect| r.x >= b.x && r.y >= b.y && r.right() <= b.right() && r.bottom() <= b.bottom();
        assert!(inside(vpc, cloud));
        assert!(inside(node(&d, &l, "app"), vpc) && inside(node(&d, &l, "db"), vpc));
        assert!(!inside(node(&d, &l, "lb"), vpc) && inside(node(&d, &l, "lb"), cloud));
        assert!(!inside(node(&d, &l, "user"), cloud));
    }

    #[test]
    fn layout_is_deterministic() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/architecture/ok/seed-001.mmd"
        ))
        .expect("seed fixture");
        let (_, a) = laid_out(&text);
        let (_, b) = laid_out(&text);
        assert_eq!(a, b);
    }
}
