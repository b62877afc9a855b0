//! Orthogonal routes for every edge, through `layout::ortho`.
//!
//! An edge can only meet what lies in the blocks around its two ends, up to the innermost
//! group holding both: the other members of each of those blocks (a foreign group as one
//! opaque box, never entered), and its own two services (icon and title as separate boxes,
//! so a route may pass the empty space beside a narrow icon). That is all each search is
//! given, so it stays small however large the diagram; a route between two members of a
//! group stays inside that group's box.

use super::blocks::{Item, Tree};
use super::grid::Placement;
use super::ports::Ports;
use super::{Metrics, icon_box, is_junction, title_box};
use crate::layout::Rect;
use crate::layout::ortho::{self, Options};
use crate::model::{Diagram, Endpoint, Point, Side};

/// Rounds of routing: the first routes every edge against the ones before it; each
/// further round routes again, against the current routes of all the others, the edges
/// whose route crossed another at the end of the round before (rip-up and reroute).
const ROUNDS: usize = 2;

/// What one edge's search is given.
struct Request {
    edge: usize,
    from: ortho::Port,
    to: ortho::Port,
    obstacles: Vec<Rect>,
    region: Rect,
}

pub(super) fn run(d: &Diagram, tree: &Tree, p: &Placement, ports: &Ports, m: &Metrics) -> Vec<Vec<Point>> {
    let opts = Options::default();
    let all = bounds(p).map(|b| Rect { x: b.x - m.gap, y: b.y - m.gap, w: b.w + 2.0 * m.gap, h: b.h + 2.0 * m.gap });
    // Short edges first: they have the fewest ways round, and longer ones then avoid them.
    let mut order: Vec<(f64, usize)> = ports
        .iter()
        .enumerate()
        .filter_map(|(e, p)| p.map(|(a, b)| ((a.point.x - b.point.x).abs() + (a.point.y - b.point.y).abs(), e)))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let requests: Vec<Request> =
        order.iter().filter_map(|&(_, e)| request(d, tree, p, ports, m, e, all.unwrap_or_default())).collect();
    let mut routes: Vec<Vec<Point>> = vec![Vec::new(); d.edges.len()];
    // Every route pays for crossing the current routes of all the others: in the first
    // round those found so far, in later rounds all of them, each replaced as it is
    // routed again.
    let mut drawn = ortho::Drawn::default();
    // The routes of the round with the fewest crossings are kept.
    let mut best: Option<(usize, Vec<Vec<Point>>)> = None;
    let mut crossing: Vec<usize> = Vec::new();
    for round in 0..ROUNDS {
        for r in &requests {
            if round > 0 && crossing.get(r.edge).is_none_or(|&c| c == 0) {
                continue;
            }
            routes[r.edge] = ortho::route(r.from, r.to, &r.obstacles, r.region, &drawn, Some(r.edge), opts);
            drawn.set(r.edge, &routes[r.edge]);
        }
        crossing = drawn.crossing_counts();
        let crossings: usize = crossing.iter().sum();
        if best.as_ref().is_none_or(|(c, _)| crossings < *c) {
            best = Some((crossings, routes.clone()));
        }
        if crossings == 0 {
            break;
        }
    }
    if let Some((_, kept)) = best {
        routes = kept;
    }
    for r in &requests {
        let edge = &d.edges[r.edge];
        let pts = &mut routes[r.edge];
        reach_icon(d, p, m, edge.from, r.from.side, pts, true);
        reach_icon(d, p, m, edge.to, r.to.side, pts, false);
    }
    let mut everything: Vec<Rect> = p.nodes.clone();
    everything.extend(p.clusters.iter().copied());
    ortho::nudge(&mut routes, &everything, 12.0, 8.0);
    routes
}

/// The ports, obstacles and region of edge `e`'s search.
fn request(
    d: &Diagram,
    tree: &Tree,
    p: &Placement,
    ports: &Ports,
    m: &Metrics,
    e: usize,
    all: Rect,
) -> Option<Request> {
    let edge = &d.edges[e];
    let (from, to) = ports[e]?;
    let around_from = tree.blocks_around(d, edge.from);
    let around_to = tree.blocks_around(d, edge.to);
    let lca = around_from.iter().copied().find(|b| around_to.contains(b)).unwrap_or(tree.root);
    let mut obstacles = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for &block in
        around_from.iter().take_while(|&&b| b != lca).chain(around_to.iter().take_while(|&&b| b != lca)).chain([&lca])
    {
        if !seen.insert(block) {
            continue;
        }
        let skip = [tree.item_at(d, edge.from, block), tree.item_at(d, edge.to, block)];
        for &item in &tree.items[block] {
            if skip.contains(&Some(item)) {
                continue;
            }
            obstacles.push(match item {
                Item::Node(n) => p.nodes[n],
                Item::Group(c) => p.clusters[c],
            });
        }
    }
    for (end, other) in [(edge.from, edge.to), (edge.to, edge.from)] {
        match end {
            // A group end holding the other end (`outer{group}` to something inside it):
            // the route leaves the border and comes back in, so the box is no wall.
            Endpoint::Cluster(c) if d.end_within(other, c) => {}
            // The junction's centre keeps its routes from doubling back through it.
            Endpoint::Node(n) if is_junction(d, n) => {
                obstacles.push(Rect::centered(p.nodes[n].center(), crate::layout::Size { w: 1.0, h: 1.0 }))
            }
            Endpoint::Node(n) => {
                obstacles.push(icon_box(p.nodes[n], m.icon));
                obstacles.push(title_box(p.nodes[n], m.icon));
            }
            Endpoint::Cluster(c) => obstacles.push(p.clusters[c]),
        }
    }
    let region = if lca == tree.root { all } else { p.clusters[lca] };
    Some(Request { edge: e, from, to, obstacles, region })
}

/// A port on the left or right of a service sits on its box, which a wide title makes
/// wider than the icon: the route continues, in line, to the icon itself.
fn reach_icon(d: &Diagram, p: &Placement, m: &Metrics, end: Endpoint, side: Side, pts: &mut [Point], start: bool) {
    let Endpoint::Node(n) = end else { return };
    if is_junction(d, n) || !matches!(side, Side::Left | Side::Right) || pts.is_empty() {
        return;
    }
    let icon = icon_box(p.nodes[n], m.icon);
    let x = if side == Side::Left { icon.x } else { icon.right() };
    let i = if start { 0 } else { pts.len() - 1 };
    pts[i].x = x;
}

fn bounds(p: &Placement) -> Option<Rect> {
    let mut it = p.nodes.iter().chain(&p.clusters);
    let first = *it.next()?;
    Some(it.fold(first, |a, b| {
        let x = a.x.min(b.x);
        let y = a.y.min(b.y);
        Rect { x, y, w: a.right().max(b.right()) - x, h: a.bottom().max(b.bottom()) - y }
    }))
}
