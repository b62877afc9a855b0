//! Pinned positions (`config.coral.positions`) in both engines, and moving elements in a
//! `layout::Scene` as a drag does: pinned things are drawn exactly where the text says,
//! everything else as before, their edges end at them, the boxes around them hold them.

use coral_core::edit::set_positions;
use coral_core::layout::verify::{Violation, verify};
use coral_core::layout::{self, Layout, Rect};
use coral_core::model::{Diagram, Endpoint, Point};
use coral_core::{render, syntax};

mod support;

fn laid_out(text: &str) -> (Diagram, layout::Sizes, Layout) {
    let parsed = syntax::parse(text);
    assert!(!parsed.diagnostics.iter().any(|d| d.is_error()), "{:#?}", parsed.diagnostics);
    let d = parsed.diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let sizes = render::measure(&d, &theme);
    let l = layout::layout(&d, &sizes);
    (d, sizes, l)
}

/// `text` drawn as the editor draws it after `previous` (its nodes' order kept where that
/// costs no crossings).
fn drawn_after(text: &str, previous: Option<&(Diagram, Layout)>) -> (Diagram, Layout) {
    let previous = previous.map(|(d, l)| coral_core::Previous::of_layout(d, l));
    let options = coral_core::RenderOptions { previous: previous.as_ref(), ..Default::default() };
    let (out, drawing) = coral_core::render_drawing(text, &coral_core::icons::NoPacks, &options);
    assert!(!out.has_errors(), "{:#?}", out.diagnostics);
    let drawing = drawing.expect("a drawing");
    let l = drawing.scene.layout().clone();
    (drawing.diagram, l)
}

fn pinned(text: &str, positions: &[(&str, f64, f64)]) -> (Diagram, layout::Sizes, Layout) {
    laid_out(&set_positions(text, positions))
}

fn node(d: &Diagram, l: &Layout, id: &str) -> Rect {
    l.nodes[d.node_index(id).unwrap_or_else(|| panic!("no node {id}"))]
}

fn cluster(d: &Diagram, l: &Layout, id: &str) -> Rect {
    l.clusters[d.cluster_index(id).unwrap_or_else(|| panic!("no cluster {id}"))]
}

fn near(a: Point, b: Point) -> bool {
    (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6
}

/// Whether `p` lies on the border of `r` (within `tol`).
fn on_border(p: Point, r: Rect, tol: f64) -> bool {
    let inside = p.x >= r.x - tol && p.x <= r.right() + tol && p.y >= r.y - tol && p.y <= r.bottom() + tol;
    let on_edge = (p.x - r.x).abs() <= tol
        || (p.x - r.right()).abs() <= tol
        || (p.y - r.y).abs() <= tol
        || (p.y - r.bottom()).abs() <= tol;
    inside && on_edge
}

/// Every edge touching node `id` starts or ends on its box, and every edge is orthogonal
/// or drawn by the engine (not checked here).
#[track_caller]
fn edges_end_at(d: &Diagram, l: &Layout, id: &str) {
    let n = d.node_index(id).unwrap();
    let r = node(d, l, id);
    let mut seen = 0;
    for (e, edge) in d.edges.iter().enumerate() {
        let pts = &l.edges[e].points;
        if edge.from == Endpoint::Node(n) {
            assert!(on_border(pts[0], r, 1.0), "{} does not start at {id} {r:?}: {pts:?}", edge.id);
            seen += 1;
        }
        if edge.to == Endpoint::Node(n) {
            assert!(on_border(*pts.last().unwrap(), r, 1.0), "{} does not end at {id} {r:?}: {pts:?}", edge.id);
            seen += 1;
        }
    }
    assert!(seen > 0, "{id} has no edges to check");
}

const FLOW: &str = "flowchart TD\n  A[Start] --> B{Choice}\n  B -->|yes| C[(Store)]\n  B --> D\n  A --> D\n";

#[test]
fn a_pinned_node_is_drawn_at_its_position_and_nothing_else_moves() {
    let (d0, _, free) = laid_out(FLOW);
    let (d, _, l) = pinned(FLOW, &[("C", 420.0, 330.0)]);
    assert!(near(node(&d, &l, "C").center(), Point { x: 420.0, y: 330.0 }), "{:?}", node(&d, &l, "C"));
    for id in ["A", "B", "D"] {
        assert_eq!(node(&d, &l, id), node(&d0, &free, id), "{id} moved");
    }
    edges_end_at(&d, &l, "C");
    assert_eq!(verify(&d, &l), vec![], "{:#?}", l.edges);
    // The edge that did not touch C is drawn as before.
    let ad = d.edges.iter().position(|e| e.id.contains("A_D")).unwrap();
    assert_eq!(l.edges[ad], free.edges[ad]);
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

#[test]
fn a_node_pinned_onto_others_stays_and_they_make_room() {
    // Pin each node in turn onto the centre of every other one: the pinned node is drawn
    // exactly there, nothing is drawn under it, and the layout still verifies.
    let texts = [
        FLOW,
        "flowchart LR\n  a --> b --> c\n  a --> d --> c\n  subgraph G\n    d\n    e\n  end\n",
        "architecture-beta\n  group g(cloud)[G]\n  service a(server)[A] in g\n  service b(server)[B] in g\n  service c(database)[C]\n  a:R --> L:b\n  b:B --> T:c\n",
    ];
    for text in texts {
        let (d0, _, free) = laid_out(text);
        for (p, pin) in d0.nodes.iter().enumerate() {
            for (o, other) in d0.nodes.iter().enumerate() {
                if o == p {
                    continue;
                }
                let at = free.nodes[o].center();
                let (d, _, l) = pinned(text, &[(pin.id.as_str(), at.x.round(), at.y.round())]);
                let r = node(&d, &l, &pin.id);
                assert!(near(r.center(), Point { x: at.x.round(), y: at.y.round() }), "{text}: {} moved", pin.id);
                for (k, n) in d.nodes.iter().enumerate() {
                    assert!(
                        k == p || !overlaps(l.nodes[k], r),
                        "{text}: {} under {} ({:?} {r:?})",
                        n.id,
                        pin.id,
                        l.nodes[k]
                    );
                }
                assert_eq!(verify(&d, &l), vec![], "{text}: {} onto {}", pin.id, other.id);
            }
        }
    }
}

#[test]
fn positions_left_of_and_above_the_drawing_keep_their_coordinates() {
    let (d, _, l) = pinned(FLOW, &[("A", -200.0, -120.0)]);
    assert!(near(node(&d, &l, "A").center(), Point { x: -200.0, y: -120.0 }));
    assert!(l.origin.x < node(&d, &l, "A").x && l.origin.y < node(&d, &l, "A").y, "{:?}", l.origin);
    edges_end_at(&d, &l, "A");
    let text = set_positions(FLOW, &[("A", -200.0, -120.0)]);
    let svg = coral_core::render(&text).svg.unwrap();
    let view_box = svg.split("viewBox=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert!(view_box.starts_with('-'), "{view_box}");
    assert!(svg.contains("data-id=\"A\" transform=\"translate(-200,-120)\""), "{svg}");
}

#[test]
fn a_pinned_cluster_moves_with_its_members_and_its_inner_edges() {
    let text = "flowchart LR\n  subgraph G[Group]\n    a --> b\n  end\n  c --> a\n  b --> d\n";
    let (d0, _, free) = laid_out(text);
    let before = cluster(&d0, &free, "G");
    let to = Point { x: (before.center().x + 150.0).round(), y: (before.center().y + 220.0).round() };
    let (d, _, l) = pinned(text, &[("G", to.x, to.y)]);
    let after = cluster(&d, &l, "G");
    assert!(near(after.center(), to), "{after:?}");
    let (dx, dy) = (to.x - before.center().x, to.y - before.center().y);
    for id in ["a", "b"] {
        let (r0, r) = (node(&d0, &free, id), node(&d, &l, id));
        assert!(near(Point { x: r0.x + dx, y: r0.y + dy }, Point { x: r.x, y: r.y }), "{id}: {r0:?} → {r:?}");
    }
    for id in ["c", "d"] {
        assert_eq!(node(&d, &l, id), node(&d0, &free, id), "{id} moved");
    }
    let inner = d.edges.iter().position(|e| e.id.contains("a_b")).unwrap();
    let shifted: Vec<Point> = free.edges[inner].points.iter().map(|p| Point { x: p.x + dx, y: p.y + dy }).collect();
    assert!(l.edges[inner].points.iter().zip(&shifted).all(|(a, b)| near(*a, *b)), "the inner edge was redrawn");
    edges_end_at(&d, &l, "a");
    edges_end_at(&d, &l, "b");
    assert_eq!(verify(&d, &l), vec![]);
}

#[test]
fn a_member_pinned_outside_its_cluster_grows_the_cluster_and_its_ancestors() {
    let text = "flowchart TD\n  subgraph Outer\n    subgraph Inner\n      a --> b\n    end\n    c\n  end\n  b --> e\n";
    let (d0, _, free) = laid_out(text);
    let inner0 = cluster(&d0, &free, "Inner");
    let to = Point { x: (inner0.right() + 260.0).round(), y: (inner0.bottom() + 200.0).round() };
    let (d, _, l) = pinned(text, &[("b", to.x, to.y)]);
    let b = node(&d, &l, "b");
    assert!(near(b.center(), to));
    let contains = |outer: Rect, r: Rect| {
        outer.x <= r.x && outer.y <= r.y && outer.right() >= r.right() && outer.bottom() >= r.bottom()
    };
    let (inner, outer) = (cluster(&d, &l, "Inner"), cluster(&d, &l, "Outer"));
    assert!(contains(inner, b) && contains(inner, inner0), "{inner:?} {b:?}");
    assert!(contains(outer, inner), "{outer:?} {inner:?}");
    let violations: Vec<Violation> =
        verify(&d, &l).into_iter().filter(|v| matches!(v, Violation::OutsideParent { .. })).collect();
    assert_eq!(violations, vec![]);
    edges_end_at(&d, &l, "b");
}

#[test]
fn architecture_pins_keep_edges_on_their_named_sides() {
    let text = "architecture-beta\n  group cloud(cloud)[Cloud]\n  service api(server)[API] in cloud\n  service db(database)[DB] in cloud\n  service web(internet)[Web]\n  junction j\n  web:R --> L:api\n  api:B --> T:db\n  web:B --> T:j\n";
    let (d0, _, free) = laid_out(text);
    let db0 = node(&d0, &free, "db");
    let to = Point { x: db0.center().x + 200.0, y: db0.center().y + 150.0 };
    let (d, _, l) = pinned(text, &[("db", to.x, to.y), ("j", -40.0, 400.0)]);
    assert!(near(node(&d, &l, "db").center(), to));
    assert!(near(node(&d, &l, "j").center(), Point { x: -40.0, y: 400.0 }));
    let sides: Vec<Violation> = verify(&d, &l)
        .into_iter()
        .filter(|v| matches!(v, Violation::SideNotHonoured { .. } | Violation::OutsideParent { .. }))
        .collect();
    assert_eq!(sides, vec![], "{:#?}", l.edges);
}

#[test]
fn c4_elements_and_boundaries_pin() {
    let text = "C4Container\n  Person(u, \"User\")\n  System_Boundary(b, \"Shop\") {\n    Container(web, \"Web\")\n    ContainerDb(db, \"DB\")\n  }\n  Rel(u, web, \"Uses\")\n  Rel(web, db, \"Reads\")\n";
    let (d, _, l) = pinned(text, &[("u", 600.0, 40.0), ("b", 200.0, 400.0)]);
    assert!(near(node(&d, &l, "u").center(), Point { x: 600.0, y: 40.0 }));
    edges_end_at(&d, &l, "u");
    let (d0, _, free) = laid_out(text);
    let shift = |id: &str| {
        let (a, b) = (node(&d0, &free, id), node(&d, &l, id));
        (b.x - a.x, b.y - a.y)
    };
    assert_eq!(shift("web"), shift("db"), "the boundary's members moved together");
}

/// A drag step is the same move as a pin: moving a node in a scene of the unpinned layout
/// gives exactly the layout the text with its position draws.
#[test]
fn a_drag_step_draws_what_the_stored_position_draws() {
    let (d, sizes, _) = laid_out(FLOW);
    let mut scene = layout::scene(&d, &sizes);
    let c = d.node_index("C").unwrap();
    scene.displace(&d, Endpoint::Node(c), Point { x: 420.0, y: 330.0 });
    let changes = scene.settle(&d);
    assert_eq!(changes.nodes, vec![c]);
    let touching: Vec<usize> = (0..d.edges.len())
        .filter(|&e| d.edges[e].from == Endpoint::Node(c) || d.edges[e].to == Endpoint::Node(c))
        .collect();
    assert_eq!(changes.edges, touching, "only C's edges are routed again");
    assert!(changes.clusters.is_empty());
    let positions = scene.positions(&d, Endpoint::Node(c));
    assert_eq!(positions, vec![("C".to_string(), Point { x: 420.0, y: 330.0 })]);
    let (_, _, stored) = pinned(FLOW, &[("C", 420.0, 330.0)]);
    assert_eq!(scene.layout().nodes, stored.nodes);
    assert_eq!(scene.layout().edges, stored.edges);
    // Nothing moved: nothing changes.
    scene.displace(&d, Endpoint::Node(c), Point { x: 420.0, y: 330.0 });
    assert!(scene.settle(&d).is_empty());
}

#[test]
fn a_group_drag_moves_its_members_and_stores_its_pinned_members_too() {
    let text = "flowchart LR\n  subgraph G\n    a --> b\n  end\n  c --> a\n";
    let (d, sizes, _) = pinned(text, &[("b", 400.0, 300.0)]);
    let mut scene = layout::scene(&d, &sizes);
    let g = d.cluster_index("G").unwrap();
    let start = scene.anchor(Endpoint::Cluster(g)).unwrap();
    // The app keeps anchors on whole pixels, as they are stored.
    let to = Point { x: start.x.round() + 30.0, y: start.y.round() + 40.0 };
    scene.displace(&d, Endpoint::Cluster(g), to);
    let changes = scene.settle(&d);
    let (a, b) = (d.node_index("a").unwrap(), d.node_index("b").unwrap());
    assert_eq!(changes.nodes, vec![a, b]);
    assert_eq!(changes.clusters, vec![g]);
    let mut stored = scene.positions(&d, Endpoint::Cluster(g));
    stored.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(stored[0], ("G".to_string(), to));
    assert_eq!(stored[1].0, "b");
    assert!((stored[1].1.x - 430.0).abs() <= 0.5 && (stored[1].1.y - 340.0).abs() <= 0.5, "{stored:?}");
    // Written back, the text draws what the drag showed.
    let written: Vec<(&str, f64, f64)> = stored.iter().map(|(id, p)| (id.as_str(), p.x, p.y)).collect();
    // (Positions are whole pixels: a member of a group whose anchor was not lands within
    // half a pixel of where the drag showed it.)
    let (d2, _, l2) = pinned(&set_positions(text, &[("b", 400.0, 300.0)]), &written);
    let close = |a: Rect, b: Rect| {
        (a.x - b.x).abs() <= 0.5
            && (a.y - b.y).abs() <= 0.5
            && (a.right() - b.right()).abs() <= 0.5
            && (a.bottom() - b.bottom()).abs() <= 0.5
    };
    assert!(close(node(&d2, &l2, "b"), scene.layout().nodes[b]));
    assert_eq!(node(&d2, &l2, "a"), scene.layout().nodes[a]);
    assert!(close(cluster(&d2, &l2, "G"), scene.layout().clusters[g]));
}

#[test]
fn a_selection_moves_together_its_inner_edges_rigidly_and_stores_every_moved_element() {
    let text = "flowchart LR\n  subgraph G\n    a --> b\n  end\n  c --> d\n  d --> e\n  c --> a\n";
    let (d, sizes, _) = laid_out(text);
    let mut scene = layout::scene(&d, &sizes);
    let before = scene.layout().clone();
    let ix = |id: &str| d.node_index(id).unwrap();
    let g = d.cluster_index("G").unwrap();
    // `a` is inside the selected `G`: it moves once, with it.
    let targets = [Endpoint::Node(ix("c")), Endpoint::Node(ix("d")), Endpoint::Cluster(g), Endpoint::Node(ix("a"))];
    scene.displace_all(&d, &targets, (25.0, -40.0));
    let changes = scene.settle(&d);
    let moved = |r: Rect, was: Rect| (r.x - was.x - 25.0).abs() < 1e-9 && (r.y - was.y + 40.0).abs() < 1e-9;
    for id in ["a", "b", "c", "d"] {
        assert!(moved(scene.layout().nodes[ix(id)], before.nodes[ix(id)]), "{id} did not move by the step");
    }
    assert_eq!(scene.layout().nodes[ix("e")], before.nodes[ix("e")], "e is not selected");
    assert!(moved(scene.layout().clusters[g], before.clusters[g]));
    // Edges with both ends in the selection keep their shape; the one to `e` is routed
    // again and still ends at it.
    let edge = |from: &str, to: &str| {
        (0..d.edges.len())
            .find(|&e| d.edges[e].from == Endpoint::Node(ix(from)) && d.edges[e].to == Endpoint::Node(ix(to)))
            .unwrap()
    };
    for (from, to) in [("a", "b"), ("c", "d"), ("c", "a")] {
        let (now, was) = (&scene.layout().edges[edge(from, to)].points, &before.edges[edge(from, to)].points);
        assert_eq!(now.len(), was.len());
        for (p, q) in now.iter().zip(was) {
            assert!((p.x - q.x - 25.0).abs() < 1e-9 && (p.y - q.y + 40.0).abs() < 1e-9, "{from}→{to} reshaped");
        }
    }
    assert!(changes.edges.contains(&edge("d", "e")));
    edges_end_at(&d, scene.layout(), "e");
    let stored = scene.positions_of(&d, &targets);
    let ids: Vec<&str> = stored.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, vec!["G", "c", "d"], "a is not pinned, so it travels with G");
    // Written back, the text draws what the move showed.
    let written: Vec<(&str, f64, f64)> = stored.iter().map(|(id, p)| (id.as_str(), p.x, p.y)).collect();
    let (d2, _, l2) = pinned(text, &written);
    for id in ["a", "b", "c", "d"] {
        let (r, s) = (node(&d2, &l2, id), scene.layout().nodes[ix(id)]);
        assert!((r.x - s.x).abs() <= 0.5 && (r.y - s.y).abs() <= 0.5, "{id} drawn at {r:?}, moved to {s:?}");
    }
}

#[test]
fn a_marquee_picks_the_nodes_it_touches_and_the_groups_it_holds() {
    let text = "flowchart LR\n  subgraph G\n    a --> b\n  end\n  c --> a\n";
    let (d, sizes, l) = laid_out(text);
    let scene = layout::scene(&d, &sizes);
    let (a, b, g) = (node(&d, &l, "a"), node(&d, &l, "b"), cluster(&d, &l, "G"));
    // A sliver of a, inside G: a alone.
    let sliver = Rect { x: a.right() - 2.0, y: a.y + 2.0, w: 4.0, h: 4.0 };
    assert_eq!(scene.touching(&d, sliver), vec![Endpoint::Node(d.node_index("a").unwrap())]);
    // G's box and a bit: both members and G itself.
    let around = Rect { x: g.x - 1.0, y: g.y - 1.0, w: g.w + 2.0, h: g.h + 2.0 };
    let picked = scene.touching(&d, around);
    assert!(picked.contains(&Endpoint::Cluster(d.cluster_index("G").unwrap())));
    assert!(picked.contains(&Endpoint::Node(d.node_index("b").unwrap())));
    assert!(!picked.contains(&Endpoint::Node(d.node_index("c").unwrap())), "{picked:?} {b:?}");
    // Empty canvas: nothing.
    let far = Rect { x: l.origin.x + l.width + 100.0, y: 0.0, w: 10.0, h: 10.0 };
    assert_eq!(scene.touching(&d, far), vec![]);
}

#[test]
fn dragging_back_inside_shrinks_the_cluster_to_its_base() {
    let text = "flowchart TD\n  subgraph G\n    a --> b\n  end\n";
    let (d, sizes, l) = laid_out(text);
    let g0 = cluster(&d, &l, "G");
    let mut scene = layout::scene(&d, &sizes);
    let b = d.node_index("b").unwrap();
    let home = scene.anchor(Endpoint::Node(b)).unwrap();
    scene.displace(&d, Endpoint::Node(b), Point { x: home.x + 300.0, y: home.y });
    scene.settle(&d);
    assert!(scene.layout().clusters[0].w > g0.w + 250.0);
    scene.displace(&d, Endpoint::Node(b), home);
    let changes = scene.settle(&d);
    assert_eq!(changes.clusters, vec![0]);
    assert_eq!(scene.layout().clusters[0], g0);
}

/// Every fixture, with its first node and its first cluster pinned far away, draws them
/// there with their edges attached and never panics.
#[test]
fn every_fixture_survives_pins() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut checked = 0;
    for kind in ["flowchart", "architecture", "c4"] {
        let Ok(files) = std::fs::read_dir(root.join(kind).join("ok")) else { continue };
        let mut files: Vec<_> = files.flatten().map(|f| f.path()).collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let parsed = syntax::parse(&text);
            let Some(first) = parsed.diagram.nodes.first().map(|n| n.id.clone()) else { continue };
            if parsed.diagram.kind.is_none() || parsed.diagram.nodes.len() > coral_core::MAX_NODES {
                continue;
            }
            let mut ps = vec![(first.as_str(), 900.0, -250.0)];
            let group = parsed.diagram.clusters.first().map(|c| c.id.clone());
            if let Some(g) = &group {
                ps.push((g.as_str(), -400.0, 700.0));
            }
            let out = coral_core::render(&set_positions(&text, &ps));
            assert!(out.svg.is_some(), "{}", path.display());
            let (d, _, l) = laid_out(&set_positions(&text, &ps));
            let n = d.node_index(&first).unwrap();
            if d.nodes[n].pinned.is_some() {
                assert!(near(l.nodes[n].center(), Point { x: 900.0, y: -250.0 }), "{}", path.display());
            }
            for (e, edge) in d.edges.iter().enumerate() {
                let pts = &l.edges[e].points;
                if edge.from == edge.to || pts.len() < 2 || edge.stroke == coral_core::model::Stroke::Invisible {
                    continue;
                }
                for (end, p) in [(edge.from, pts[0]), (edge.to, *pts.last().unwrap())] {
                    if end == Endpoint::Node(n) && d.nodes[n].shape != coral_core::model::Shape::Junction {
                        // On the shape's outline, which lies within its box.
                        let r = l.nodes[n];
                        let inside =
                            p.x >= r.x - 1.5 && p.x <= r.right() + 1.5 && p.y >= r.y - 1.5 && p.y <= r.bottom() + 1.5;
                        assert!(inside, "{}: {} not at {first} {r:?}: {pts:?}", path.display(), edge.id);
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} fixtures checked");
}

/// A drag step with little work allowed routes what fits, draws the rest as stand-ins
/// between their new ends, and finishes them in later calls, every edge in its turn.
#[test]
fn a_step_over_budget_leaves_edges_for_later_and_routes_them_all_in_turn() {
    let text = "flowchart TD\n  subgraph G\n    a\n    b\n    c\n  end\n  a --> x\n  b --> y\n  c --> z\n  x --> y\n";
    let (d, sizes, _) = laid_out(text);
    let mut scene = layout::scene(&d, &sizes);
    let g = d.cluster_index("G").unwrap();
    let start = scene.anchor(Endpoint::Cluster(g)).unwrap();
    scene.displace(&d, Endpoint::Cluster(g), Point { x: start.x + 300.0, y: start.y + 200.0 });
    let first = scene.settle_within(&d, 1);
    // One search fits (the budget is spent after it), the other two wait; all three are
    // redrawn at once, the waiting ones as stand-ins from their moved ends.
    assert_eq!(first.pending, 2, "{first:?}");
    assert_eq!(first.edges.len(), 3);
    for id in ["a", "b", "c"] {
        edges_end_at(&d, scene.layout(), id);
    }
    let second = scene.settle_within(&d, 1);
    assert_eq!((second.pending, second.edges.len()), (1, 2), "{second:?}");
    let third = scene.settle_within(&d, 1);
    assert_eq!((third.pending, third.edges.len()), (0, 1), "{third:?}");
    assert!(scene.settle_within(&d, 1).is_empty());
    // Every one was routed in the end: none is the stand-in elbow any more.
    for id in ["a", "b", "c"] {
        edges_end_at(&d, scene.layout(), id);
    }
}

/// Dragging every group and a few nodes of every fixture, in budgeted steps, then
/// patching an SVG for it, never panics and always ends with every edge routed.
#[test]
fn dragging_anything_in_any_fixture_never_panics() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    for kind in ["flowchart", "architecture", "c4"] {
        let Ok(files) = std::fs::read_dir(root.join(kind).join("ok")) else { continue };
        let mut files: Vec<_> = files.flatten().map(|f| f.path()).collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let d = syntax::parse(&text).diagram;
            if d.kind.is_none() || d.nodes.len() > 300 {
                continue;
            }
            let theme = render::theme::Theme::from_config(&d.config);
            let sizes = render::measure(&d, &theme);
            let drawn = layout::scene(&d, &sizes);
            let targets =
                (0..d.clusters.len()).map(Endpoint::Cluster).chain((0..d.nodes.len().min(3)).map(Endpoint::Node));
            for target in targets {
                let mut scene = drawn.clone();
                let Some(a) = scene.anchor(target) else { continue };
                for (i, (dx, dy)) in [(137.0, -91.0), (-260.0, 40.0), (3.0, 3.0)].into_iter().enumerate() {
                    scene.displace(&d, target, Point { x: a.x + dx, y: a.y + dy });
                    let changes = scene.settle_within(&d, 200 * (i + 1));
                    let _ = render::patch::patches(&d, drawn.layout(), &scene, &changes);
                }
                while scene.settle_within(&d, 200).pending > 0 {}
                assert_eq!(scene.settle(&d).pending, 0, "{}", path.display());
                let _ = scene.positions(&d, target);
            }
        }
    }
}

/// The cluster titled `title` (by its made-up id's title) and its pin.
fn titled(d: &Diagram, title: &str, nth: usize) -> (String, Option<Point>) {
    let c = (0..d.clusters.len()).filter(|&c| d.clusters[c].title.to_plain() == title).nth(nth).unwrap();
    (d.clusters[c].id.clone(), d.clusters[c].pinned)
}

#[test]
fn a_subgraph_without_an_id_keeps_its_position_by_title_when_others_are_inserted_above() {
    let text = "flowchart TD\n  subgraph \"External Access\"\n    a\n  end\n  subgraph \"Twice over\"\n    b\n  end\n  subgraph \"Twice over\"\n    c\n  end\n  a --> b\n";
    let (d, sizes, _) = laid_out(text);
    let scene = layout::scene(&d, &sizes);
    let keys: Vec<String> =
        (0..d.clusters.len()).flat_map(|c| scene.positions(&d, Endpoint::Cluster(c))).map(|(key, _)| key).collect();
    assert_eq!(keys, vec!["title:External Access", "title:Twice over", "title:Twice over#2"]);
    let at = Point { x: 500.0, y: 40.0 };
    let stored = coral_core::edit::store_positions(
        text,
        &d,
        &[("title:External Access".to_string(), at), ("title:Twice over#2".to_string(), Point { x: 700.0, y: 300.0 })],
    );
    assert!(stored.contains("\"title:External Access\": [500, 40]"), "{stored}");
    // Another untitled subgraph above renumbers the made-up ids; the positions stay with
    // their subgraphs.
    let body = stored.split("---\n").nth(2).unwrap();
    let inserted =
        stored.replace(body, &body.replace("flowchart TD\n", "flowchart TD\n  subgraph \"New\"\n    n\n  end\n"));
    let parsed = syntax::parse(&inserted);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let d2 = parsed.diagram;
    let (id, pin) = titled(&d2, "External Access", 0);
    assert_ne!(id, d.clusters[0].id, "the insertion did not renumber; the test shows nothing");
    assert_eq!(pin, Some(at));
    assert_eq!(titled(&d2, "New", 0).1, None);
    assert_eq!(titled(&d2, "Twice over", 0).1, None);
    assert_eq!(titled(&d2, "Twice over", 1).1, Some(Point { x: 700.0, y: 300.0 }));
    // Renaming the title leaves the position behind: information, not an error.
    let renamed = syntax::parse(&inserted.replace("\"External Access\"\n", "\"Outside\"\n"));
    assert!(!renamed.diagnostics.iter().any(|d| d.is_error()));
    assert!(
        renamed.diagnostics.iter().any(|d| d.message.contains("title:External Access")),
        "{:#?}",
        renamed.diagnostics
    );
}

#[test]
fn a_position_under_a_made_up_id_is_read_and_replaced_by_the_title_key() {
    let text = "flowchart TD\n  subgraph \"External Access\"\n    a\n  end\n";
    let old = set_positions(text, &[("subGraph0", 100.0, 80.0)]);
    let d = syntax::parse(&old).diagram;
    assert_eq!(d.clusters[0].pinned, Some(Point { x: 100.0, y: 80.0 }), "the old form is still read");
    let new = coral_core::edit::store_positions(
        &old,
        &d,
        &[("title:External Access".to_string(), Point { x: 140.0, y: 90.0 })],
    );
    assert_eq!(new, set_positions(text, &[("title:External Access", 140.0, 90.0)]), "the old entry stayed");
    let d = syntax::parse(&new).diagram;
    assert_eq!(d.clusters[0].pinned, Some(Point { x: 140.0, y: 90.0 }));
    // Both forms in one text: the title's wins; clearing the cluster clears both.
    let both = set_positions(&new, &[("subGraph0", 1.0, 2.0)]);
    let d = syntax::parse(&both).diagram;
    assert_eq!(d.clusters[0].pinned, Some(Point { x: 140.0, y: 90.0 }));
    assert_eq!(coral_core::edit::clear_positions_of(&both, &d, &[Endpoint::Cluster(0)]), text);
}

/// Pairs of unpinned nodes that sit in one rank (the same column in `LR`) both in `a` and
/// in `b`, none of them named on `line` (the edit between the two), whose order in the
/// rank flipped.
fn flips(a: (&Diagram, &Layout), b: (&Diagram, &Layout), line: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = line.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
    let free: Vec<&str> =
        a.0.nodes
            .iter()
            .filter(|n| n.pinned.is_none() && !words.contains(&n.id.as_str()))
            .map(|n| n.id.as_str())
            .filter(|id| b.0.node_index(id).is_some_and(|i| b.0.nodes[i].pinned.is_none()))
            .collect();
    let at = |(d, l): (&Diagram, &Layout), id: &str| l.nodes[d.node_index(id).unwrap()].center();
    let mut out = Vec::new();
    for (i, p) in free.iter().enumerate() {
        for q in &free[i + 1..] {
            let (pa, qa, pb, qb) = (at(a, p), at(a, q), at(b, p), at(b, q));
            let same_rank = (pa.x - qa.x).abs() < 1.0 && (pb.x - qb.x).abs() < 1.0;
            if same_rank && (pa.y < qa.y) != (pb.y < qb.y) {
                out.push((p.to_string(), q.to_string()));
            }
        }
    }
    out
}

/// Typing seed 003 statement by statement with two nodes pinned: the pinned nodes are
/// drawn exactly at their positions after every statement, and nodes in one rank that an
/// edit does not name keep their order.
#[test]
fn typing_statement_by_statement_keeps_pins_exact_and_ranks_in_order() {
    let seed = include_str!("../../../assets/examples/003-cloud-web-architecture.mmd");
    let pins = [("GW", 300.0, 200.0), ("Cache", 900.0, 60.0)];
    let lines: Vec<&str> = seed.lines().collect();
    let mut last: Option<(Diagram, Layout, usize)> = None;
    let mut all_flips = Vec::new();
    for k in 1..=lines.len() {
        let prefix = lines[..k].join("\n") + "\n";
        // A prefix inside an open subgraph is not a whole diagram yet.
        let text = set_positions(&prefix, &pins);
        let parsed = syntax::parse(&text);
        if parsed.diagnostics.iter().any(|d| d.is_error()) || lines[k - 1].trim().is_empty() {
            continue;
        }
        let (d, l) = drawn_after(&text, last.as_ref().map(|(d, l, _)| (d.clone(), l.clone())).as_ref());
        for (id, x, y) in pins {
            if let Some(n) = d.node_index(id) {
                assert!(near(l.nodes[n].center(), Point { x, y }), "after line {k}, {id} at {:?}", l.nodes[n].center());
            }
        }
        if let Some((d0, l0, k0)) = &last {
            let edit = lines[*k0..k].join("\n");
            for f in flips((d0, l0), (&d, &l), &edit) {
                all_flips.push(format!("line {k} `{}`: {} / {}", lines[k - 1].trim(), f.0, f.1));
            }
        }
        last = Some((d, l, k));
    }
    // Measured 2026-12-02: two flips, both of `ExternalSystem` (in `Clients`) and `LB` in
    // their column, when the whole `BackendServices` group arrives with its `end` (the
    // lines inside an open subgraph do not parse) and back when `GW --> API` joins it to
    // the rest. The layered engine orders each relayout afresh (crossing minimisation,
    // `layout/layered/order.rs`), with no memory of the last drawing; keeping the order
    // across edits needs the previous order as a hint to that pass. Until then, no
    // other flip may appear.
    let known: [&str; 0] = [];
    let new: Vec<&String> = all_flips.iter().filter(|f| !known.contains(&f.as_str())).collect();
    assert!(new.is_empty(), "{} new order flips:\n{new:#?}", new.len());
}

#[test]
fn a_c4_rel_across_the_flow_keeps_its_sides_while_its_target_still_lies_that_way() {
    use coral_core::model::{Direction, Side};
    let text = "C4Context\n  Person(a, \"A\")\n  System(b, \"B\")\n  System(c, \"C\")\n  Rel_R(a, b, \"uses\")\n  Rel_D(a, c, \"feeds\")\n";
    let (d, sizes, _) = laid_out(text);
    // The `Rel_` whose side is across the flow: the sides facing each other would go
    // along the flow when the target sits diagonally away.
    let (target, side) = if d.direction == Direction::LeftRight { ("c", Side::Bottom) } else { ("b", Side::Right) };
    let mut scene = layout::scene(&d, &sizes);
    let (ia, it) = (d.node_index("a").unwrap(), d.node_index(target).unwrap());
    let ra = scene.layout().nodes[ia];
    let rt = scene.layout().nodes[it];
    let to = Point { x: ra.right() + rt.w / 2.0 + 90.0, y: ra.bottom() + rt.h / 2.0 + 130.0 };
    scene.displace(&d, Endpoint::Node(it), to);
    scene.settle(&d);
    let e = (0..d.edges.len()).find(|&e| d.edges[e].to == Endpoint::Node(it)).unwrap();
    let pts = &scene.layout().edges[e].points;
    let on_side = |p: Point, r: Rect, side: Side| match side {
        Side::Right => (p.x - r.right()).abs() <= 1.0,
        Side::Bottom => (p.y - r.bottom()).abs() <= 1.0,
        Side::Left => (p.x - r.x).abs() <= 1.0,
        Side::Top => (p.y - r.y).abs() <= 1.0,
    };
    assert!(
        on_side(pts[0], ra, side),
        "{:?} flow, the Rel to {target} does not leave a's {side:?} side: {pts:?} {ra:?}",
        d.direction
    );
    edges_end_at(&d, scene.layout(), target);
    // Dragged to the other side of `a`, the sides that face each other take over.
    let back = if side == Side::Bottom {
        Point { x: ra.center().x, y: ra.y - rt.h / 2.0 - 100.0 }
    } else {
        Point { x: ra.x - rt.w / 2.0 - 100.0, y: ra.center().y }
    };
    scene.displace(&d, Endpoint::Node(it), back);
    scene.settle(&d);
    let pts = &scene.layout().edges[e].points;
    let facing = if side == Side::Bottom { Side::Top } else { Side::Left };
    assert!(on_side(pts[0], ra, facing), "the edge should leave a's {facing:?} side now: {pts:?} {ra:?}");
}

#[test]
fn a_re_routed_edge_label_moves_along_its_route_off_the_nodes_it_would_cover() {
    let text = "flowchart LR\n  A -->|\"a rather long label<br/>on two lines, and<br/>a third\"| B\n  C[Something in the way]\n";
    let (d, sizes, _) = laid_out(text);
    let mut scene = layout::scene(&d, &sizes);
    let ix = |id: &str| d.node_index(id).unwrap();
    let a = scene.anchor(Endpoint::Node(ix("A"))).unwrap();
    // C half-way between A and B, just below their line: the route passes it, and a
    // three-line label centred on the route's middle would cover it.
    scene.displace(&d, Endpoint::Node(ix("C")), Point { x: a.x + 300.0, y: a.y + 40.0 });
    scene.displace(&d, Endpoint::Node(ix("B")), Point { x: a.x + 600.0, y: a.y });
    scene.settle(&d);
    let e = 0;
    let label = scene.layout().edges[e].label.expect("a label");
    for (n, r) in scene.layout().nodes.iter().enumerate() {
        let clear = label.right() <= r.x || r.right() <= label.x || label.bottom() <= r.y || r.bottom() <= label.y;
        assert!(
            clear,
            "the label {label:?} covers {} {r:?}; route {:?}",
            d.nodes[n].id,
            scene.layout().edges[e].points
        );
    }
}

/// A node inserted in the middle of seed 003, with two pins: the pinned nodes stay exact,
/// and nodes in one rank that the new line does not name keep their order.
#[test]
fn inserting_a_node_in_the_middle_keeps_pins_exact_and_ranks_in_order() {
    let seed = include_str!("../../../assets/examples/003-cloud-web-architecture.mmd");
    let pins = [("GW", 300.0, 200.0), ("Cache", 900.0, 60.0)];
    let (d0, l0) = drawn_after(&set_positions(seed, &pins), None);
    let mut all = Vec::new();
    for line in
        ["  LB --> WAF2[\"Second WAF\"]", "  Auth --> Audit[\"Audit Log\"]", "  Replica --> Backup[\"Backups\"]"]
    {
        let at = seed.find("  %% Caching").expect("the caching comment");
        let text = format!("{}{line}\n{}", &seed[..at], &seed[at..]);
        let (d, l) = drawn_after(&set_positions(&text, &pins), Some(&(d0.clone(), l0.clone())));
        for (id, x, y) in pins {
            let n = d.node_index(id).unwrap();
            assert!(near(l.nodes[n].center(), Point { x, y }), "with `{line}`, {id} at {:?}", l.nodes[n].center());
        }
        all.extend(
            flips((&d0, &l0), (&d, &l), line).into_iter().map(|f| format!("`{}`: {} / {}", line.trim(), f.0, f.1)),
        );
    }
    // Measured 2026-12-02: the first two insertions flip nothing; a leaf hung off the end
    // of a chain (`Replica --> Backup`) flips three pairs it does not touch, as the
    // layered engine orders every relayout afresh (see the typing test above). No other
    // flip may appear.
    let known: [&str; 0] = [];
    let new: Vec<&String> = all.iter().filter(|f| !known.contains(&f.as_str())).collect();
    assert!(new.is_empty(), "{} new order flips:\n{new:#?}", new.len());
}

/// Each file's text, and each line of it holding `mark` with the text without that line
/// (those that still parse without errors).
type Deletions = Vec<(std::path::PathBuf, String, Vec<(String, String)>)>;

fn deletions(files: &[std::path::PathBuf], mark: &str) -> Deletions {
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let lines: Vec<&str> = text.lines().collect();
            let cut = (0..lines.len())
                .filter(|&k| lines[k].contains(mark))
                .map(|k| {
                    let edited: String =
                        lines.iter().enumerate().filter(|&(i, _)| i != k).map(|(_, l)| format!("{l}\n")).collect();
                    (lines[k].to_string(), edited)
                })
                .filter(|(_, edited)| !syntax::parse(edited).diagnostics.iter().any(|d| d.is_error()))
                .collect();
            (f.clone(), text, cut)
        })
        .collect()
}

/// Every edge statement of the hand-written flowcharts (the layout corpus and seeds 003
/// and 004) deleted in turn: drawn after the whole diagram, as the editor draws it, the
/// nodes the deleted line does not name flip their order in a rank far less often than in
/// a fresh layout. Measured 2026-12-02: 35 flips afresh, 20 with the previous drawing.
#[test]
fn deleting_a_statement_keeps_more_of_the_order_drawn_before() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/layout-corpus");
    let mut files = support::diagrams_in(std::path::Path::new(dir));
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/examples");
    for seed in ["003-cloud-web-architecture.mmd", "004-multi-cloud-service-mesh.mmd"] {
        files.push(std::path::Path::new(seeds).join(seed));
    }
    let (mut afresh, mut after, mut edits) = (0, 0, 0);
    for (_, text, cut) in deletions(&files, "-->") {
        let whole = drawn_after(&text, None);
        for (line, edited) in &cut {
            let fresh = drawn_after(edited, None);
            let kept = drawn_after(edited, Some(&whole));
            assert_eq!(verify(&kept.0, &kept.1), vec![], "without `{line}`, after the whole");
            afresh += flips((&whole.0, &whole.1), (&fresh.0, &fresh.1), line).len();
            after += flips((&whole.0, &whole.1), (&kept.0, &kept.1), line).len();
            edits += 1;
        }
    }
    assert!(edits > 200, "{edits} edits");
    assert!(3 * after <= 2 * afresh, "{after} flips after the drawing before, {afresh} afresh, in {edits} edits");
}

/// Every edge statement of the architecture fixtures (seeds 000 and 001 among them)
/// deleted in turn: drawn after the whole diagram, the services and junctions the line does
/// not name turn their left/right or above/below order round less often than afresh.
/// Measured 2026-12-02: 3,241 such pairs afresh, 2,494 after the drawing before.
#[test]
fn architecture_relayouts_keep_more_of_the_arrangement_drawn_before() {
    let (afresh, after, edits) = turns_after_deleting("architecture", "--");
    assert!(edits > 200, "{edits} edits");
    assert!(100 * after <= 85 * afresh, "{after} pairs turned after the drawing before, {afresh} afresh");
}

/// The same for C4: every `Rel` statement of the C4 fixtures (seed 002 among them)
/// deleted in turn.
#[test]
fn c4_relayouts_keep_more_of_the_arrangement_drawn_before() {
    let (afresh, after, edits) = turns_after_deleting("c4", "Rel");
    assert!(edits > 50, "{edits} edits");
    assert!(100 * after <= 85 * afresh, "{after} pairs turned after the drawing before, {afresh} afresh");
}

/// For each line holding `mark` in the fixtures of `kind`, deleted in turn: the pairs of
/// nodes the line does not name whose order along either axis turned round, drawn afresh
/// and drawn after the whole diagram (each of the latter must pass `verify`); and the
/// number of edits.
fn turns_after_deleting(kind: &str, mark: &str) -> (usize, usize, usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(kind).join("ok");
    let files = support::diagrams_in(&dir);
    let turned = |a: &(Diagram, Layout), b: &(Diagram, Layout), line: &str| {
        let words: Vec<&str> = line.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
        let at = |(d, l): &(Diagram, Layout), id: &str| d.node_index(id).map(|i| l.nodes[i].center());
        let ids: Vec<&str> = a.0.nodes.iter().map(|n| n.id.as_str()).filter(|id| !words.contains(id)).collect();
        let mut n = 0;
        for (i, p) in ids.iter().enumerate() {
            for q in &ids[i + 1..] {
                let (Some(pa), Some(qa), Some(pb), Some(qb)) = (at(a, p), at(a, q), at(b, p), at(b, q)) else {
                    continue;
                };
                let round = |was: f64, now: f64| (was > 1.0 && now < -1.0) || (was < -1.0 && now > 1.0);
                n += usize::from(round(qa.x - pa.x, qb.x - pb.x)) + usize::from(round(qa.y - pa.y, qb.y - pb.y));
            }
        }
        n
    };
    let (mut afresh, mut after, mut edits) = (0, 0, 0);
    for (f, text, cut) in deletions(&files, mark) {
        let whole = drawn_after(&text, None);
        for (line, edited) in &cut {
            let kept = drawn_after(edited, Some(&whole));
            assert_eq!(verify(&kept.0, &kept.1), vec![], "{} without `{line}`, after the whole", f.display());
            afresh += turned(&whole, &drawn_after(edited, None), line);
            after += turned(&whole, &kept, line);
            edits += 1;
        }
    }
    eprintln!("{kind}: {edits} edits, {afresh} pairs turned afresh, {after} after the drawing before");
    (afresh, after, edits)
}
