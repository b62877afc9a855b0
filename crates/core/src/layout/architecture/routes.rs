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
    // Every route pays for crossing the routes found before it; [`repair`] then searches
    // again, against all the others' finished routes, the edges left crossing (it
    // replaced a second round of the same searches on unfinished routes, which did not
    // see the crossings nudging makes).
    let mut drawn = ortho::Drawn::default();
    for r in &requests {
        routes[r.edge] = ortho::route(r.from, r.to, &r.obstacles, r.region, &drawn, Some(r.edge), opts);
        drawn.set(r.edge, &routes[r.edge]);
    }
    let mut everything: Vec<Rect> = p.nodes.clone();
    everything.extend(p.clusters.iter().copied());
    let finish = |routes: &[Vec<Point>], requests: &[Request]| {
        let mut out = routes.to_vec();
        for r in requests {
            let edge = &d.edges[r.edge];
            let pts = &mut out[r.edge];
            reach_icon(d, p, m, edge.from, r.from.side, pts, true);
            reach_icon(d, p, m, edge.to, r.to.side, pts, false);
        }
        ortho::nudge(&mut out, &everything, 12.0, 8.0);
        out
    };
    let mut requests = requests;
    repair(d, &mut requests, &mut routes, opts, &finish)
}

/// How much longer [`repair`] may make the drawing's routes for each crossing it
/// removes: about a service's width. Longer detours (routes round whole groups) took
/// seed 001 from 27 to 12 crossings but its routes 22 % longer, loops round the data
/// groups included; see docs/PERFORMANCE.md.
const REPAIR_DETOUR_PER_CROSSING: f64 = 400.0;

/// The length of a route.
fn length(route: &[Point]) -> f64 {
    route.windows(2).map(|w| (w[0].x - w[1].x).abs() + (w[0].y - w[1].y).abs()).sum()
}

/// How far from an edge's route [`repair`] looks for another: half the detour it may
/// keep on each side.
const REPAIR_REACH: f64 = REPAIR_DETOUR_PER_CROSSING / 2.0;

/// Searches [`repair`] may make, per edge of the diagram and in all. The fixtures never
/// use up 4 per edge and 48 in all, but diagrams with many crossings did: 300 random
/// diagrams went 3,363 → 3,007 crossings with 8 and 128 (edges +0.3 % longer), 1,000
/// generated services 157 → 131 at about +0.3 G instructions (docs/PERFORMANCE.md).
const REPAIR_TRIALS_PER_EDGE: usize = 8;
const REPAIR_TRIALS_MAX: usize = 128;

/// Routes as drawn: ends reaching the icons, parallel runs nudged apart.
type Finish<'a> = dyn Fn(&[Vec<Point>], &[Request]) -> Vec<Vec<Point>> + 'a;

/// Local repair of the finished routes (ends at the icons, parallel runs nudged apart)
/// where they still cross: each edge that crosses is searched again near its route,
/// against the others' finished routes, then with each other end on one of its sides
/// trading places with it (both edges searched again). A change is kept only when the
/// finished drawing then has fewer crossings, at a cost in length of at most
/// [`REPAIR_DETOUR_PER_CROSSING`] for each one removed, and every changed route still
/// leaves and enters on its named sides. Nudging can turn two routes that shared a line
/// during the search into a crossing; judging the finished routes sees that, so the
/// repair never adds a crossing. After the first pass only edges near a route that
/// changed are searched again; it stops when a pass keeps nothing or its budget is
/// spent. (A second search paying three times as much per crossing never won on the
/// fixtures and was dropped: docs/PERFORMANCE.md.) Returns the finished routes.
fn repair(
    d: &Diagram,
    requests: &mut [Request],
    routes: &mut [Vec<Point>],
    opts: Options,
    finish: &Finish,
) -> Vec<Vec<Point>> {
    let mut fin = finish(routes, requests);
    let mut drawn = ortho::Drawn::default();
    for (e, r) in fin.iter().enumerate() {
        drawn.set(e, r);
    }
    let mut sides_of: Vec<Option<(Side, Side)>> = vec![None; fin.len()];
    for r in requests.iter() {
        sides_of[r.edge] = Some((r.from.side, r.to.side));
    }
    // Counted again only when a change is kept.
    let mut crossing = drawn.crossing_counts();
    let mut budget = (REPAIR_TRIALS_PER_EDGE * requests.len()).min(REPAIR_TRIALS_MAX);
    // Where routes changed in the last pass (`None`: everywhere, before the first).
    let mut moved: Option<Vec<Rect>> = None;
    // The ends on each side of a service or group (not a junction: its ends all meet at
    // its centre), as (request, whether it is the edge's start).
    let mut at_side: std::collections::BTreeMap<(Endpoint, u8), Vec<(usize, bool)>> = Default::default();
    for (k, r) in requests.iter().enumerate() {
        let edge = &d.edges[r.edge];
        for (end, port, start) in [(edge.from, r.from, true), (edge.to, r.to, false)] {
            if !matches!(end, Endpoint::Node(n) if is_junction(d, n)) {
                at_side.entry((end, port.side as u8)).or_default().push((k, start));
            }
        }
    }
    let sides: Vec<Vec<(usize, bool)>> = at_side.into_values().filter(|g| g.len() > 1).collect();
    while budget > 0 {
        let mut now_moved = Vec::new();
        for k in 0..requests.len() {
            let e = requests[k].edge;
            let near_change = |m: &Vec<Rect>| Rect::around(&fin[e]).is_some_and(|b| m.iter().any(|&c| b.touches(c)));
            if budget == 0 || moved.as_ref().is_some_and(|m| !near_change(m)) || crossing.get(e).is_none_or(|&c| c == 0)
            {
                continue;
            }
            // Searched again as it is, then with each other end on one of its sides
            // trading places with it.
            let mut tries: Vec<Option<(usize, bool, bool)>> = vec![None];
            for g in &sides {
                if let Some(&(_, start)) = g.iter().find(|&&(kk, _)| kk == k) {
                    tries.extend(g.iter().filter(|&&(kk, _)| kk != k).map(|&(o, os)| Some((o, os, start))));
                }
            }
            for swap in tries {
                if budget == 0 {
                    break;
                }
                let mut trial = routes.to_vec();
                let mut changed = vec![k];
                if let Some((other, os, start)) = swap {
                    trade(requests, (k, start), (other, os));
                    changed.push(other);
                }
                let mut local = drawn.clone();
                let found = changed.iter().all(|&c| {
                    budget = budget.saturating_sub(1);
                    let r = &requests[c];
                    // A detour the repair may keep stays near the old route: the search
                    // looks only there, so it costs what the edge's surroundings do.
                    let near = Rect::around(&fin[r.edge]).map(|b| grow_within(b, REPAIR_REACH, r.region));
                    let route = near.and_then(|near| {
                        let (obstacles, near) = within_reach(&r.obstacles, near);
                        ortho::try_route(r.from, r.to, &obstacles, near, &local, Some(r.edge), opts)
                    });
                    let Some(route) = route else { return false };
                    local.set(r.edge, &route);
                    trial[r.edge] = route;
                    true
                });
                let new = found && changed.iter().any(|&c| trial[requests[c].edge] != routes[requests[c].edge]);
                let better = new
                    .then(|| finish(&trial, requests))
                    .and_then(|fin2| judge(&fin, &drawn, &sides_of, &fin2).map(|drawn2| (fin2, drawn2)));
                if let Some((fin2, drawn2)) = better {
                    for &c in &changed {
                        now_moved.extend(Rect::around(&fin[requests[c].edge]));
                        now_moved.extend(Rect::around(&fin2[requests[c].edge]));
                    }
                    routes.clone_from_slice(&trial);
                    (fin, drawn) = (fin2, drawn2);
                    crossing = drawn.crossing_counts();
                    break;
                }
                if let Some((other, os, start)) = swap {
                    trade(requests, (k, start), (other, os));
                }
            }
        }
        if now_moved.is_empty() {
            break;
        }
        moved = Some(now_moved);
    }
    fin
}

/// The drawn segments of `fin2`, a candidate for the finished routes `fin` (drawn as
/// `drawn`), if the repair keeps it: every route that differs still leaves and enters on
/// its named sides (nudging can bend a short stub), and together they cross less, at most
/// [`REPAIR_DETOUR_PER_CROSSING`] longer for each crossing removed. Only the routes that
/// differ (those searched, and those nudging moved with them) change the count.
fn judge(
    fin: &[Vec<Point>],
    drawn: &ortho::Drawn,
    sides_of: &[Option<(Side, Side)>],
    fin2: &[Vec<Point>],
) -> Option<ortho::Drawn> {
    let differ: Vec<usize> = (0..fin.len()).filter(|&e| fin[e] != fin2[e]).collect();
    let sided = differ.iter().all(|&e| sides_of[e].is_none_or(|(from, to)| leaves_and_enters(&fin2[e], from, to)));
    if !sided {
        return None;
    }
    let mut drawn2 = drawn.clone();
    for &e in &differ {
        drawn2.set(e, &fin2[e]);
    }
    let (was, now) = (crossings_among(drawn, &differ), crossings_among(&drawn2, &differ));
    let longer: f64 = differ.iter().map(|&e| length(&fin2[e]) - length(&fin[e])).sum();
    (now < was && longer <= REPAIR_DETOUR_PER_CROSSING * (was - now) as f64).then_some(drawn2)
}

/// Whether `route` leaves out of side `from` and comes in through side `to`.
fn leaves_and_enters(route: &[Point], from: Side, to: Side) -> bool {
    let heads = |a: Point, b: Point, (dx, dy): (f64, f64)| (b.x - a.x) * dx + (b.y - a.y) * dy > 0.0;
    let n = route.len();
    n < 2 || (heads(route[0], route[1], ortho::outward(from)) && heads(route[n - 1], route[n - 2], ortho::outward(to)))
}

/// The crossings that involve at least one of `edges`' routes.
fn crossings_among(drawn: &ortho::Drawn, edges: &[usize]) -> usize {
    let mut n: usize = edges.iter().map(|&e| drawn.crossings_of(e)).sum();
    for (i, &a) in edges.iter().enumerate() {
        for &b in &edges[i + 1..] {
            n -= drawn.crossings_between(a, b);
        }
    }
    n
}

/// Two ends on one side trade their places on it: `(request, is the start)` each.
fn trade(requests: &mut [Request], a: (usize, bool), b: (usize, bool)) {
    fn port(r: &mut Request, start: bool) -> &mut Point {
        if start { &mut r.from.point } else { &mut r.to.point }
    }
    let pa = *port(&mut requests[a.0], a.1);
    let pb = std::mem::replace(port(&mut requests[b.0], b.1), pa);
    *port(&mut requests[a.0], a.1) = pb;
}

/// The obstacles a search in `region` can meet, and the region grown to take in each of
/// them whole: the search treats its region's border as a wall, which must not cut
/// through a box (a route along it would pass through the part outside).
fn within_reach(obstacles: &[Rect], mut region: Rect) -> (Vec<Rect>, Rect) {
    loop {
        let inside: Vec<Rect> = obstacles.iter().copied().filter(|o| o.touches(region)).collect();
        let grown = inside.iter().fold(region, |a, &o| crate::layout::scene::union(a, o));
        if grown == region {
            return (inside, region);
        }
        region = grown;
    }
}

/// `r` grown by `by` on every side, within `limit`.
fn grow_within(r: Rect, by: f64, limit: Rect) -> Rect {
    let (x0, y0) = ((r.x - by).max(limit.x), (r.y - by).max(limit.y));
    let (x1, y1) = ((r.right() + by).min(limit.right()), (r.bottom() + by).min(limit.bottom()));
    Rect { x: x0, y: y0, w: (x1 - x0).max(0.0), h: (y1 - y0).max(0.0) }
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
