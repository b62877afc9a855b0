//! Orthogonal edge routing around boxes, shared by the layout engines.
//!
//! [`route`] finds one route between two ports: it leaves the first port perpendicular to
//! its side, enters the second the same way, turns only at right angles and never enters
//! an obstacle (grown by a margin, so routes keep clear of what they pass). The search runs
//! on a sparse grid whose lines are the channels between obstacles — the midpoints between
//! neighbouring box borders — plus the lines through the ports, so routes run down the
//! middle of the gaps instead of hugging boxes. A* over (grid point, heading) with a cost
//! per bend finds the shortest route with the fewest bends; ties break by a fixed order.
//!
//! [`nudge`] then moves apart segments of different routes that share a channel line, so
//! parallel edges are drawn side by side instead of on top of each other.
//!
//! Callers choose the obstacles: the architecture engine passes only the boxes an edge
//! could meet on its way (the members of its ends' ancestors, foreign groups as one box),
//! which keeps each search small.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Rect;
use crate::model::{Point, Side};

/// Where a route starts or ends: a point on a box's border and the side it is on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Port {
    pub point: Point,
    pub side: Side,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Routes keep this far from obstacles.
    pub margin: f64,
    /// What one bend costs, in px of length.
    pub bend_cost: f64,
    /// How far a route runs straight out of a port (and into one) before it may turn:
    /// longer than the margin, and long enough for an arrowhead.
    pub stub: f64,
    /// What crossing an already drawn route costs, in px of length.
    pub crossing_cost: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options { margin: 8.0, bend_cost: 60.0, stub: 20.0, crossing_cost: 400.0 }
    }
}

/// The unit vector pointing out of a side.
pub fn outward(side: Side) -> (f64, f64) {
    match side {
        Side::Left => (-1.0, 0.0),
        Side::Right => (1.0, 0.0),
        Side::Top => (0.0, -1.0),
        Side::Bottom => (0.0, 1.0),
    }
}

fn heading_of(side: Side) -> usize {
    match side {
        Side::Right => 0,
        Side::Left => 1,
        Side::Bottom => 2,
        Side::Top => 3,
    }
}

/// Headings: 0 = +x, 1 = −x, 2 = +y, 3 = −y.
const STEP: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

fn grow(r: Rect, by: f64) -> Rect {
    Rect { x: r.x - by, y: r.y - by, w: r.w + 2.0 * by, h: r.h + 2.0 * by }
}

/// Sorted, de-duplicated coordinates (within 0.5 px).
fn dedup(mut v: Vec<f64>) -> Vec<f64> {
    v.retain(|x| x.is_finite());
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    v
}

/// Channel lines along one axis: midpoints between neighbouring borders of the obstacles
/// (and the bounds), plus the given port lines, exactly (a midpoint close to a port line
/// gives way to it, so routes meet their ports square).
fn lines(borders: Vec<f64>, ports: &[f64]) -> Vec<f64> {
    let b = dedup(borders);
    let mut out: Vec<f64> = dedup(b.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect());
    out.retain(|m| ports.iter().all(|p| (p - m).abs() >= 0.5));
    out.extend(ports.iter().copied().filter(|p| p.is_finite()));
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

fn index_of(v: &[f64], x: f64) -> Option<usize> {
    v.iter().position(|&a| a == x)
}

/// Routes drawn so far, as axis-parallel segments: a new route pays for crossing them.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Drawn {
    /// Per owner: `(x, y0, y1)` with `y0 < y1`.
    vertical: Vec<Vec<(f64, f64, f64)>>,
    /// Per owner: `(y, x0, x1)` with `x0 < x1`.
    horizontal: Vec<Vec<(f64, f64, f64)>>,
    /// Per owner: the box around its route, so a search or a count skips routes far away.
    bounds: Vec<Option<Rect>>,
}

impl Drawn {
    /// Sets `owner`'s route, replacing the one it had.
    pub fn set(&mut self, owner: usize, route: &[Point]) {
        if self.vertical.len() <= owner {
            self.vertical.resize(owner + 1, Vec::new());
            self.horizontal.resize(owner + 1, Vec::new());
            self.bounds.resize(owner + 1, None);
        }
        self.bounds[owner] = Rect::around(route);
        let (v, h) = (&mut self.vertical[owner], &mut self.horizontal[owner]);
        v.clear();
        h.clear();
        for w in route.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() > 0.01 {
                v.push((a.x, a.y.min(b.y), a.y.max(b.y)));
            } else if (a.y - b.y).abs() < 0.01 && (a.x - b.x).abs() > 0.01 {
                h.push((a.y, a.x.min(b.x), a.x.max(b.x)));
            }
        }
    }
}

impl Drawn {
    /// How many times each owner's route crosses the routes of the others (indexed by
    /// owner). Segments are bucketed into square cells, and a crossing is counted in the
    /// one cell holding its point, so the work follows the routes' length and the
    /// crossings, not the square of their number.
    pub fn crossing_counts(&self) -> Vec<usize> {
        const CELL: f64 = 256.0;
        let owners = self.vertical.len();
        let mut out = vec![0usize; owners];
        let cell = |v: f64| (v / CELL).floor() as i64;
        let mut cells: std::collections::HashMap<(i64, i64), (Vec<usize>, Vec<usize>)> = Default::default();
        let (mut hs, mut vs) = (Vec::new(), Vec::new());
        for o in 0..owners {
            for &(x, y0, y1) in &self.vertical[o] {
                let k = vs.len();
                vs.push((o, x, y0, y1));
                for cy in cell(y0)..=cell(y1) {
                    cells.entry((cell(x), cy)).or_default().1.push(k);
                }
            }
            for &(y, x0, x1) in &self.horizontal[o] {
                let k = hs.len();
                hs.push((o, y, x0, x1));
                for cx in cell(x0)..=cell(x1) {
                    cells.entry((cx, cell(y))).or_default().0.push(k);
                }
            }
        }
        for (&(cx, cy), (h, v)) in &cells {
            for &i in h {
                let (oh, y, x0, x1) = hs[i];
                for &j in v {
                    let (ov, x, y0, y1) = vs[j];
                    if oh != ov && x > x0 && x < x1 && y > y0 && y < y1 && cell(x) == cx && cell(y) == cy {
                        out[oh] += 1;
                        out[ov] += 1;
                    }
                }
            }
        }
        out
    }
}

impl Drawn {
    /// How many times `owner`'s route crosses the routes of the others (the same rule as
    /// [`Drawn::crossing_counts`], for one owner: a repair that changes a few routes
    /// compares them without counting the whole drawing).
    pub fn crossings_of(&self, owner: usize) -> usize {
        let Some(Some(region)) = self.bounds.get(owner).copied() else { return 0 };
        let mut n = 0;
        for other in 0..self.vertical.len() {
            if other == owner || !self.near(other, region) {
                continue;
            }
            n += proper_crossings(&self.horizontal[owner], &self.vertical[other])
                + proper_crossings(&self.horizontal[other], &self.vertical[owner]);
        }
        n
    }

    /// How many times the routes of `a` and `b` cross each other.
    pub fn crossings_between(&self, a: usize, b: usize) -> usize {
        if a == b || a >= self.vertical.len() || b >= self.vertical.len() {
            return 0;
        }
        proper_crossings(&self.horizontal[a], &self.vertical[b])
            + proper_crossings(&self.horizontal[b], &self.vertical[a])
    }
}

/// Proper crossings between horizontal segments `(y, x0, x1)` and vertical ones
/// `(x, y0, y1)`: each strictly inside the other.
fn proper_crossings(horizontal: &[(f64, f64, f64)], vertical: &[(f64, f64, f64)]) -> usize {
    let mut n = 0;
    for &(y, x0, x1) in horizontal {
        for &(x, y0, y1) in vertical {
            if x > x0 && x < x1 && y > y0 && y < y1 {
                n += 1;
            }
        }
    }
    n
}

impl Drawn {
    /// Whether `owner`'s route comes within (or touches) `region`.
    fn near(&self, owner: usize, region: Rect) -> bool {
        self.bounds.get(owner).copied().flatten().is_some_and(|b| b.touches(region))
    }
}

/// How many drawn segments cross each grid piece along lines `lines` (pieces between
/// consecutive `cuts`), from segments across those lines at `(at, lo, hi)`.
fn crossings(
    lines: &[f64],
    cuts: &[f64],
    across: &[Vec<(f64, f64, f64)>],
    near: impl Fn(usize) -> bool,
    except: Option<usize>,
) -> Vec<u16> {
    let n = cuts.len();
    let mut out = vec![0u16; lines.len() * n];
    let (first, last) = (cuts.first().copied().unwrap_or(0.0), cuts.last().copied().unwrap_or(0.0));
    let segments = across.iter().enumerate().filter(|(o, _)| Some(*o) != except && near(*o)).flat_map(|(_, s)| s);
    for &(at, lo, hi) in segments {
        if at <= first || at >= last {
            continue;
        }
        // The piece `at` falls in, on every line strictly between lo and hi.
        let i = cuts.partition_point(|&c| c < at);
        if i == 0 || i >= n || (cuts[i] - at).abs() < 0.5 || (cuts[i - 1] - at).abs() < 0.5 {
            continue;
        }
        let (j0, j1) = (lines.partition_point(|&l| l <= lo), lines.partition_point(|&l| l < hi));
        for j in j0..j1 {
            out[j * n + i - 1] = out[j * n + i - 1].saturating_add(1);
        }
    }
    out
}

/// One route from `from` to `to` around `obstacles` (the boxes the ports sit on included:
/// a route never crosses its own ends), inside `bounds`, paying `opts.crossing_cost` for
/// each segment of `drawn` it crosses (except those of `except`, its own earlier route).
/// Falls back to a simple elbow when no route exists
/// (ports buried in obstacles).
pub fn route(
    from: Port,
    to: Port,
    obstacles: &[Rect],
    bounds: Rect,
    drawn: &Drawn,
    except: Option<usize>,
    opts: Options,
) -> Vec<Point> {
    try_route(from, to, obstacles, bounds, drawn, except, opts).unwrap_or_else(|| elbow_route(from, to, opts))
}

/// The simplest orthogonal route between two ports, through whatever lies between: out
/// of each port by the stub, one elbow between.
pub fn elbow_route(from: Port, to: Port, opts: Options) -> Vec<Point> {
    let (s, t) = (stub(from, opts), stub(to, opts));
    let mut pts = vec![from.point];
    pts.extend(elbow(s, t, from.side));
    pts.push(to.point);
    simplify(pts)
}

/// [`route`], or `None` where no route exists inside `bounds` (so a caller with a small
/// search region can try a larger one before settling for an elbow).
pub fn try_route(
    from: Port,
    to: Port,
    obstacles: &[Rect],
    bounds: Rect,
    drawn: &Drawn,
    except: Option<usize>,
    opts: Options,
) -> Option<Vec<Point>> {
    find(from, to, obstacles, bounds, drawn, except, opts, Clearance::MarginThenHugging)
}

/// [`try_route`] keeping the margin from every obstacle, with no second search hugging
/// them: for a first, cheap attempt in a small region.
pub fn try_route_with_margin(
    from: Port,
    to: Port,
    obstacles: &[Rect],
    bounds: Rect,
    drawn: &Drawn,
    except: Option<usize>,
    opts: Options,
) -> Option<Vec<Point>> {
    find(from, to, obstacles, bounds, drawn, except, opts, Clearance::Margin)
}

/// How close a route may pass obstacles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Clearance {
    Margin,
    /// The margin where there is room for it, else hugging the boxes (1 px).
    MarginThenHugging,
}

#[allow(clippy::too_many_arguments)]
fn find(
    from: Port,
    to: Port,
    obstacles: &[Rect],
    bounds: Rect,
    drawn: &Drawn,
    except: Option<usize>,
    opts: Options,
    clearance: Clearance,
) -> Option<Vec<Point>> {
    let m = opts.margin;
    let (s, t) = (stub(from, opts), stub(to, opts));
    let grown: Vec<Rect> = obstacles.iter().map(|&r| grow(r, m)).collect();
    let mut xb = vec![bounds.x, bounds.right()];
    let mut yb = vec![bounds.y, bounds.bottom()];
    for r in obstacles {
        xb.extend([r.x, r.right()]);
        yb.extend([r.y, r.bottom()]);
    }
    let xs = lines(xb, &[s.x, t.x]);
    let ys = lines(yb, &[s.y, t.y]);
    // Every grid line lies within the bounds or on a stub.
    let (x0, y0) = (bounds.x.min(s.x).min(t.x), bounds.y.min(s.y).min(t.y));
    let area =
        Rect { x: x0, y: y0, w: bounds.right().max(s.x).max(t.x) - x0, h: bounds.bottom().max(s.y).max(t.y) - y0 };
    let near = |o: usize| drawn.near(o, area);
    let grid = Grid {
        cross_h: crossings(&ys, &xs, &drawn.vertical, near, except),
        cross_v: crossings(&xs, &ys, &drawn.horizontal, near, except),
        xs,
        ys,
    };
    let (start, goal) = ((s, heading_of(from.side)), (t, heading_of(to.side) ^ 1));
    // Boxes packed closer than two margins leave no channel: try again hugging them.
    let found = search(&grid, &grown, start, goal, opts).or_else(|| {
        if clearance == Clearance::Margin {
            return None;
        }
        let tight: Vec<Rect> = obstacles.iter().map(|&r| grow(r, 1.0)).collect();
        search(&grid, &tight, start, goal, opts)
    })?;
    let mut pts = vec![from.point];
    pts.extend(found);
    pts.push(to.point);
    Some(simplify(pts))
}

/// Where a route leaving `p` may first turn.
fn stub(p: Port, opts: Options) -> Point {
    let (dx, dy) = outward(p.side);
    Point { x: p.point.x + dx * opts.stub, y: p.point.y + dy * opts.stub }
}

/// Two straight pieces from `s` to `t`, turning once, first along the side's axis.
fn elbow(s: Point, t: Point, side: Side) -> Vec<Point> {
    let corner =
        if matches!(side, Side::Left | Side::Right) { Point { x: t.x, y: s.y } } else { Point { x: s.x, y: t.y } };
    vec![s, corner, t]
}

/// A* over grid points and headings, from `start` (heading out of its port) to `goal`,
/// which must be reached heading its way (into the target).
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Drawn segments crossing each horizontal piece (`j * nx + i`) and vertical piece
    /// (`i * ny + j`).
    cross_h: Vec<u16>,
    cross_v: Vec<u16>,
}

fn search(
    grid: &Grid,
    grown: &[Rect],
    start: (Point, usize),
    goal: (Point, usize),
    opts: Options,
) -> Option<Vec<Point>> {
    let (xs, ys) = (&grid.xs[..], &grid.ys[..]);
    let (nx, ny) = (xs.len(), ys.len());
    let (si, sj) = (index_of(xs, start.0.x)?, index_of(ys, start.0.y)?);
    let (ti, tj) = (index_of(xs, goal.0.x)?, index_of(ys, goal.0.y)?);
    // blocked_h[j * nx + i]: the piece from (xs[i], ys[j]) to (xs[i+1], ys[j]) enters an
    // obstacle; blocked_v[i * ny + j] likewise from (xs[i], ys[j]) to (xs[i], ys[j+1]).
    let mut blocked_h = vec![false; nx * ny];
    let mut blocked_v = vec![false; nx * ny];
    let inside = |v: &[f64], lo: f64, hi: f64| -> (usize, usize) {
        (v.partition_point(|&a| a <= lo), v.partition_point(|&a| a < hi))
    };
    for r in grown {
        // Lines strictly inside the box, and pieces overlapping it.
        let (j0, j1) = inside(ys, r.y, r.bottom());
        let (i0, i1) = inside(xs, r.x, r.right());
        let pieces_x = (xs.partition_point(|&a| a < r.right()), xs.partition_point(|&a| a <= r.x));
        let pieces_y = (ys.partition_point(|&a| a < r.bottom()), ys.partition_point(|&a| a <= r.y));
        // Horizontal piece i overlaps (r.x, r.right()) when xs[i] < right and xs[i+1] > x.
        let hi_lo = pieces_x.1.saturating_sub(1);
        for j in j0..j1 {
            for i in hi_lo..pieces_x.0.min(nx.saturating_sub(1)) {
                blocked_h[j * nx + i] = true;
            }
        }
        let vi_lo = pieces_y.1.saturating_sub(1);
        for i in i0..i1 {
            for j in vi_lo..pieces_y.0.min(ny.saturating_sub(1)) {
                blocked_v[i * ny + j] = true;
            }
        }
    }
    let state = |i: usize, j: usize, h: usize| (j * nx + i) * 4 + h;
    let mut best = vec![f64::INFINITY; nx * ny * 4];
    let mut prev = vec![usize::MAX; nx * ny * 4];
    let mut heap = BinaryHeap::new();
    // Distance plus the bends the route must still make: none when it already heads for
    // the goal in line with it, one when it heads across the goal's way in, two otherwise.
    // Both parts never overestimate and never drop by more than a step costs (a straight
    // piece cannot reduce the bends still needed, a turn removes at most one), so the
    // estimate is consistent and the first route found is the cheapest.
    let g = goal.1;
    let heuristic = |i: usize, j: usize, h: usize| {
        let (dx, dy) = (xs[ti] - xs[i], ys[tj] - ys[j]);
        let bends = if h == g {
            let in_line = match h {
                0 => dx >= 0.0 && dy == 0.0,
                1 => dx <= 0.0 && dy == 0.0,
                2 => dy >= 0.0 && dx == 0.0,
                _ => dy <= 0.0 && dx == 0.0,
            };
            if in_line { 0.0 } else { 2.0 }
        } else if h == g ^ 1 {
            2.0
        } else {
            1.0
        };
        dx.abs() + dy.abs() + bends * opts.bend_cost
    };
    let key = |c: f64| (c * 100.0).round() as i64;
    let s0 = state(si, sj, start.1);
    best[s0] = 0.0;
    let mut seq = 0u64;
    heap.push((Reverse(key(heuristic(si, sj, start.1))), Reverse(seq), s0));
    let goal_state = state(ti, tj, goal.1);
    // States already expanded: the heap keeps stale entries for states whose cost fell
    // after they were pushed, and the heuristic is consistent, so a second expansion could
    // only repeat the first.
    let mut expanded = vec![false; nx * ny * 4];
    while let Some((_, _, st)) = heap.pop() {
        if st == goal_state {
            break;
        }
        if std::mem::replace(&mut expanded[st], true) {
            continue;
        }
        let (cell, h) = (st / 4, st % 4);
        let (i, j) = (cell % nx, cell / nx);
        let cost = best[st];
        let mut relax = |to: usize, c: f64, ni: usize, nj: usize, heap: &mut BinaryHeap<_>| {
            if c + 1e-9 < best[to] {
                best[to] = c;
                prev[to] = st;
                seq += 1;
                heap.push((Reverse(key(c + heuristic(ni, nj, to % 4))), Reverse(seq), to));
            }
        };
        // Straight on.
        let (di, dj) = STEP[h];
        let (ni, nj) = (i as i32 + di, j as i32 + dj);
        if ni >= 0 && nj >= 0 && (ni as usize) < nx && (nj as usize) < ny {
            let (ni, nj) = (ni as usize, nj as usize);
            let piece = match h {
                0 => j * nx + i,
                1 => j * nx + ni,
                2 => i * ny + j,
                _ => i * ny + nj,
            };
            let (blocked, crossed) =
                if h < 2 { (blocked_h[piece], grid.cross_h[piece]) } else { (blocked_v[piece], grid.cross_v[piece]) };
            if !blocked {
                let len = (xs[ni] - xs[i]).abs() + (ys[nj] - ys[j]).abs();
                relax(state(ni, nj, h), cost + len + f64::from(crossed) * opts.crossing_cost, ni, nj, &mut heap);
            }
        }
        // Turn. The stub before the start already leaves the port straight out.
        for nh in if h < 2 { [2, 3] } else { [0, 1] } {
            relax(state(i, j, nh), cost + opts.bend_cost, i, j, &mut heap);
        }
    }
    if !best[goal_state].is_finite() {
        return None;
    }
    let mut cells = Vec::new();
    let mut st = goal_state;
    while st != usize::MAX {
        let cell = st / 4;
        let p = Point { x: xs[cell % nx], y: ys[cell / nx] };
        if cells.last() != Some(&p) {
            cells.push(p);
        }
        st = prev[st];
    }
    cells.reverse();
    Some(cells)
}

/// Drops repeated points and points in the middle of a straight run.
pub fn simplify(pts: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(pts.len());
    for p in pts {
        if out.last().is_some_and(|q: &Point| (q.x - p.x).abs() < 0.01 && (q.y - p.y).abs() < 0.01) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// One segment of a route that nudging may move: its route, its index, its fixed
/// coordinate and its extent along the other axis.
#[derive(Clone, Copy, Debug)]
struct Piece {
    route: usize,
    seg: usize,
    at: f64,
    lo: f64,
    hi: f64,
    /// Where the route comes from and goes to across the line (for ordering).
    side: f64,
    /// The piece's two ends: where each lies along the line, and which way across it
    /// (−1 or +1) the route goes on from there.
    ends: [(f64, f64); 2],
    /// How far the line may move and still leave the route's first and last segments
    /// (the stubs out of the ports) pointing the way they did.
    keep: (f64, f64),
}

impl Piece {
    /// Crossings between the two pieces' neighbouring segments and the pieces themselves
    /// when `self` sits on the lower side of the line and `other` on the higher: an end
    /// of `other` inside `self`'s extent that heads down crosses `self`, and an end of
    /// `self` inside `other`'s extent that heads up crosses `other`.
    fn crossings_below(&self, other: &Piece) -> u32 {
        let inside = |p: &Piece, at: f64| at > p.lo + 0.5 && at < p.hi - 0.5;
        let theirs = other.ends.iter().filter(|e| e.1 < 0.0 && inside(self, e.0)).count();
        let mine = self.ends.iter().filter(|e| e.1 > 0.0 && inside(other, e.0)).count();
        (theirs + mine) as u32
    }
}

/// The order, from the lower side of the line to the higher, that makes the fewest
/// crossings among the pieces: every permutation for a few, else adjacent exchanges from
/// `pieces`' own order while they help. Ties keep `pieces`' order.
fn least_crossing_order(pieces: &[Piece]) -> Vec<usize> {
    let n = pieces.len();
    let cost: Vec<Vec<u32>> = (0..n)
        .map(|a| (0..n).map(|b| if a == b { 0 } else { pieces[a].crossings_below(&pieces[b]) }).collect())
        .collect();
    let total = |order: &[usize]| -> u32 {
        let mut t = 0;
        for i in 0..order.len() {
            for j in i + 1..order.len() {
                t += cost[order[i]][order[j]];
            }
        }
        t
    };
    let mut best: Vec<usize> = (0..n).collect();
    if n <= 6 {
        let mut best_cost = total(&best);
        let mut perm: Vec<usize> = (0..n).collect();
        // Lexicographic permutations: the first with the least cost wins ties.
        while best_cost > 0 && next_permutation(&mut perm) {
            let c = total(&perm);
            if c < best_cost {
                best_cost = c;
                best.clone_from(&perm);
            }
        }
        return best;
    }
    let mut improved = true;
    while improved {
        improved = false;
        for i in 0..n - 1 {
            let (a, b) = (best[i], best[i + 1]);
            if cost[b][a] < cost[a][b] {
                best.swap(i, i + 1);
                improved = true;
            }
        }
    }
    best
}

/// Steps `v` to its next lexicographic permutation; false after the last.
pub(crate) fn next_permutation(v: &mut [usize]) -> bool {
    let n = v.len();
    if n < 2 {
        return false;
    }
    let mut i = n - 1;
    while i > 0 && v[i - 1] >= v[i] {
        i -= 1;
    }
    if i == 0 {
        return false;
    }
    let mut j = n - 1;
    while v[j] <= v[i - 1] {
        j -= 1;
    }
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

/// Moves apart inner segments of different routes that lie on one line and overlap,
/// `spacing` apart, centred on the line, keeping clear of `obstacles` (grown by
/// `margin`). First and last segments stay: they hold the ports.
pub fn nudge(routes: &mut [Vec<Point>], obstacles: &[Rect], spacing: f64, margin: f64) {
    for vertical in [true, false] {
        let mut pieces = Vec::new();
        for (r, pts) in routes.iter().enumerate() {
            for s in 1..pts.len().saturating_sub(2) {
                let (a, b) = (pts[s], pts[s + 1]);
                let is_vertical = (a.x - b.x).abs() < 0.01;
                if is_vertical != vertical || (a.x - b.x).abs() + (a.y - b.y).abs() < 0.01 {
                    continue;
                }
                let (at, lo, hi) =
                    if vertical { (a.x, a.y.min(b.y), a.y.max(b.y)) } else { (a.y, a.x.min(b.x), a.x.max(b.x)) };
                // Neighbours across the line: the previous and next points.
                let (p, q) = (pts[s - 1], pts[s + 2]);
                let side = if vertical { (p.x - at) + (q.x - at) } else { (p.y - at) + (q.y - at) };
                let end = |here: Point, next: Point| {
                    if vertical { (here.y, (next.x - at).signum()) } else { (here.x, (next.y - at).signum()) }
                };
                let ends = [end(a, p), end(b, q)];
                // A stub next to this piece runs across its line, from the port at its far
                // end: the line may come no nearer the port than the stub's length (up to
                // `margin`) allows, nor pass it.
                let mut keep = (f64::NEG_INFINITY, f64::INFINITY);
                let last = pts.len() - 1;
                for (stub, port) in [(s == 1, pts[0]), (s + 2 == last, pts[last])] {
                    if !stub {
                        continue;
                    }
                    let port_at = if vertical { port.x } else { port.y };
                    let short = (port_at - at).abs().min(margin);
                    if port_at > at {
                        keep.1 = keep.1.min(port_at - short);
                    } else {
                        keep.0 = keep.0.max(port_at + short);
                    }
                }
                pieces.push(Piece { route: r, seg: s, at, lo, hi, side, ends, keep });
            }
        }
        pieces.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)).then(a.route.cmp(&b.route)));
        let mut k = 0;
        while k < pieces.len() {
            // A group: pieces on the same line whose extents chain into each other.
            let mut end = k + 1;
            let mut hi = pieces[k].hi;
            while end < pieces.len() && (pieces[end].at - pieces[k].at).abs() < 0.5 && pieces[end].lo < hi - 0.5 {
                hi = hi.max(pieces[end].hi);
                end += 1;
            }
            let group: Vec<Piece> = pieces[k..end].to_vec();
            k = end;
            let routes_in: std::collections::BTreeSet<usize> = group.iter().map(|p| p.route).collect();
            if routes_in.len() < 2 {
                continue;
            }
            let lo = group.iter().map(|p| p.lo).fold(f64::INFINITY, f64::min);
            let at = group[0].at;
            let (room_lo, room_hi) = free_room(at, lo, hi, vertical, obstacles, margin);
            let mut by_side = group.clone();
            by_side.sort_by(|a, b| a.side.total_cmp(&b.side).then(a.route.cmp(&b.route)));
            let order: Vec<Piece> = least_crossing_order(&by_side).into_iter().map(|i| by_side[i]).collect();
            let n = order.len() as f64;
            let step = spacing.min((room_hi - room_lo) / (n + 1.0)).max(0.0);
            for (idx, p) in order.iter().enumerate() {
                let offset = (idx as f64 - (n - 1.0) / 2.0) * step;
                let to = (at + offset).clamp(room_lo, room_hi).max(p.keep.0).min(p.keep.1);
                let pts = &mut routes[p.route];
                for q in [p.seg, p.seg + 1] {
                    if vertical {
                        pts[q].x = to;
                    } else {
                        pts[q].y = to;
                    }
                }
            }
        }
    }
}

/// How far a segment on line `at` spanning `lo..hi` may move either way before it
/// comes within `margin` of an obstacle.
fn free_room(at: f64, lo: f64, hi: f64, vertical: bool, obstacles: &[Rect], margin: f64) -> (f64, f64) {
    let (mut below, mut above) = (at - 1e6, at + 1e6);
    for r in obstacles {
        let (a0, a1, b0, b1) =
            if vertical { (r.x, r.right(), r.y, r.bottom()) } else { (r.y, r.bottom(), r.x, r.right()) };
        if b1 <= lo || b0 >= hi {
            continue;
        }
        if a1 <= at {
            below = below.max(a1 + margin);
        } else if a0 >= at {
            above = above.min(a0 - margin);
        }
    }
    if below > at {
        below = at;
    }
    if above < at {
        above = at;
    }
    (below, above)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    fn p(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn orthogonal(pts: &[Point]) -> bool {
        pts.windows(2).all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01)
    }

    /// A route between two ports, with nothing drawn before it.
    fn alone(from: Port, to: Port, obstacles: &[Rect], bounds: Rect) -> Vec<Point> {
        route(from, to, obstacles, bounds, &Drawn::default(), None, Options::default())
    }

    fn hits(pts: &[Point], b: Rect) -> bool {
        pts.windows(2).any(|w| super::super::verify::segment_hits(w[0], w[1], b))
    }

    #[test]
    fn a_straight_run_between_facing_ports() {
        let a = r(0.0, 0.0, 40.0, 40.0);
        let b = r(200.0, 0.0, 40.0, 40.0);
        let pts = alone(
            Port { point: p(40.0, 20.0), side: Side::Right },
            Port { point: p(200.0, 20.0), side: Side::Left },
            &[a, b],
            r(-100.0, -100.0, 440.0, 240.0),
        );
        assert_eq!(pts, vec![p(40.0, 20.0), p(200.0, 20.0)]);
    }

    #[test]
    fn routes_go_around_a_box_in_the_way_and_leave_on_their_sides() {
        let a = r(0.0, 0.0, 40.0, 40.0);
        let wall = r(100.0, -60.0, 40.0, 160.0);
        let b = r(200.0, 0.0, 40.0, 40.0);
        let pts = alone(
            Port { point: p(40.0, 20.0), side: Side::Right },
            Port { point: p(200.0, 20.0), side: Side::Left },
            &[a, wall, b],
            r(-100.0, -200.0, 440.0, 440.0),
        );
        assert!(orthogonal(&pts), "{pts:?}");
        assert!(!hits(&pts, wall), "{pts:?}");
        assert!(pts[1].x > pts[0].x && (pts[1].y - pts[0].y).abs() < 0.01, "leaves to the right: {pts:?}");
        let n = pts.len();
        assert!(pts[n - 2].x < pts[n - 1].x, "enters from the left: {pts:?}");
    }

    #[test]
    fn a_port_facing_away_turns_around_its_own_box() {
        // b is right of a, but the edge leaves a on its left.
        let a = r(0.0, 0.0, 40.0, 40.0);
        let b = r(200.0, 0.0, 40.0, 40.0);
        let pts = alone(
            Port { point: p(0.0, 20.0), side: Side::Left },
            Port { point: p(200.0, 20.0), side: Side::Left },
            &[a, b],
            r(-100.0, -100.0, 440.0, 240.0),
        );
        assert!(orthogonal(&pts));
        assert!(!hits(&pts[1..pts.len() - 1], r(1.0, 1.0, 38.0, 38.0)), "{pts:?}");
        assert!(pts[1].x < 0.0, "{pts:?}");
    }

    /// Proper crossings between two orthogonal polylines.
    fn crossings(a: &[Point], b: &[Point]) -> usize {
        let mut n = 0;
        for s in a.windows(2) {
            for t in b.windows(2) {
                let (h, v) = if (s[0].y - s[1].y).abs() < 0.01 { (s, t) } else { (t, s) };
                if (h[0].y - h[1].y).abs() > 0.01 || (v[0].x - v[1].x).abs() > 0.01 {
                    continue;
                }
                let (x0, x1) = (h[0].x.min(h[1].x), h[0].x.max(h[1].x));
                let (y0, y1) = (v[0].y.min(v[1].y), v[0].y.max(v[1].y));
                if v[0].x > x0 && v[0].x < x1 && h[0].y > y0 && h[0].y < y1 {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn crossing_counts_match_a_count_of_every_pair() {
        // Random orthogonal routes over an area of many cells, some long, some short.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as f64
        };
        let mut routes = Vec::new();
        for _ in 0..60 {
            let mut pts = vec![p(next(3000), next(3000))];
            for k in 0..1 + next(5) as usize {
                let last = *pts.last().unwrap();
                let step = next(1200) - 600.0;
                pts.push(if k % 2 == 0 { p(last.x + step, last.y) } else { p(last.x, last.y + step) });
            }
            routes.push(pts);
        }
        let mut drawn = Drawn::default();
        for (o, r) in routes.iter().enumerate() {
            drawn.set(o, r);
        }
        let counts = drawn.crossing_counts();
        for (i, r) in routes.iter().enumerate() {
            let want: usize = routes.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, o)| crossings(r, o)).sum();
            assert_eq!(counts[i], want, "route {i}");
        }
        assert!(counts.iter().sum::<usize>() > 20, "the routes should cross: {counts:?}");
    }

    #[test]
    fn nudging_orders_a_staircase_so_it_does_not_cross() {
        // Three routes come down, share a horizontal channel at y = 50 shifted right by
        // 100 each, and go on down: the leftmost must take the lowest track.
        let z = |x: f64| vec![p(x, 0.0), p(x, 50.0), p(x + 300.0, 50.0), p(x + 300.0, 100.0)];
        for first in [0.0, 100.0, 200.0] {
            // Whatever order they come in.
            let xs: Vec<f64> = [first, (first + 100.0) % 300.0, (first + 200.0) % 300.0].into();
            let mut routes: Vec<Vec<Point>> = xs.iter().map(|&x| z(x)).collect();
            nudge(&mut routes, &[], 10.0, 8.0);
            for i in 0..3 {
                for j in i + 1..3 {
                    assert_eq!(crossings(&routes[i], &routes[j]), 0, "{routes:?}");
                }
            }
            assert!(routes.iter().all(|r| orthogonal(r)));
        }
    }

    #[test]
    fn nudging_never_turns_a_short_stub_round() {
        // Two routes come down one line and each turns right into a port 9 px away:
        // spreading them 24 px apart must not carry either line past its port.
        let mut routes = vec![
            vec![p(0.0, 0.0), p(0.0, -20.0), p(100.0, -20.0), p(100.0, 50.0), p(109.0, 50.0)],
            vec![p(0.0, 10.0), p(0.0, -30.0), p(100.0, -30.0), p(100.0, 60.0), p(109.0, 60.0)],
        ];
        nudge(&mut routes, &[], 24.0, 8.0);
        for r in &routes {
            let n = r.len();
            assert!(r[n - 1].x - r[n - 2].x >= 0.99, "the stub still enters from the left: {r:?}");
            assert!(orthogonal(r));
        }
    }

    #[test]
    fn nudging_separates_shared_channels() {
        let mut routes = vec![
            vec![p(0.0, 0.0), p(50.0, 0.0), p(50.0, 100.0), p(100.0, 100.0)],
            vec![p(0.0, 10.0), p(50.0, 10.0), p(50.0, 90.0), p(100.0, 90.0)],
        ];
        nudge(&mut routes, &[], 10.0, 8.0);
        assert!((routes[0][1].x - routes[1][1].x).abs() >= 9.99, "{routes:?}");
        assert!(orthogonal(&routes[0]) && orthogonal(&routes[1]));
    }
}
