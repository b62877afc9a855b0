//! The layered engine works in a top-to-bottom *frame*; this turns its result into the
//! diagram's direction, attaches edge ends to shape outlines and moves the drawing to the
//! margin.

use super::graph::{Kind, LGraph};
use super::position::FrameBox;
use super::route::FrameRoute;
use crate::layout::outline::attach_end;
use crate::layout::{EdgeRoute, Layout, Rect, Sizes};
use crate::model::{Diagram, Direction, Point, Side};

/// The frame → diagram transform for a direction.
fn turn(dir: Direction, p: Point) -> Point {
    match dir {
        Direction::TopBottom => p,
        Direction::BottomTop => Point { x: p.x, y: -p.y },
        Direction::LeftRight => Point { x: p.y, y: p.x },
        Direction::RightLeft => Point { x: -p.y, y: p.x },
    }
}

fn turn_side(dir: Direction, s: Side) -> Side {
    use Side::*;
    match (dir, s) {
        (Direction::TopBottom, s) => s,
        (Direction::BottomTop, Top) => Bottom,
        (Direction::BottomTop, Bottom) => Top,
        (Direction::BottomTop, s) => s,
        (Direction::LeftRight, Top) => Left,
        (Direction::LeftRight, Bottom) => Right,
        (Direction::LeftRight, Left) => Top,
        (Direction::LeftRight, Right) => Bottom,
        (Direction::RightLeft, Top) => Right,
        (Direction::RightLeft, Bottom) => Left,
        (Direction::RightLeft, Left) => Top,
        (Direction::RightLeft, Right) => Bottom,
    }
}

fn turn_box(dir: Direction, b: FrameBox) -> Rect {
    let p = turn(dir, Point { x: b.x0, y: b.y0 });
    let q = turn(dir, Point { x: b.x1, y: b.y1 });
    Rect { x: p.x.min(q.x), y: p.y.min(q.y), w: (p.x - q.x).abs(), h: (p.y - q.y).abs() }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    d: &Diagram,
    sizes: &Sizes,
    g: &LGraph,
    boxes: &[FrameBox],
    routes: Vec<Option<FrameRoute>>,
    dir: Direction,
    margin: f64,
    crossings: usize,
) -> Layout {
    let nodes: Vec<Rect> = (0..d.nodes.len())
        .map(|i| {
            let v = &g.nodes[i];
            debug_assert!(matches!(v.kind, Kind::Node(k) if k == i));
            Rect::centered(turn(dir, Point { x: v.x, y: v.y }), sizes.nodes.get(i).copied().unwrap_or_default())
        })
        .collect();
    let clusters: Vec<Rect> = boxes.iter().map(|&b| turn_box(dir, b)).collect();
    let edges: Vec<EdgeRoute> = routes
        .into_iter()
        .enumerate()
        .map(|(e, r)| {
            let Some(r) = r else { return EdgeRoute::default() };
            let mut points: Vec<Point> = r.points.iter().map(|&p| turn(dir, p)).collect();
            attach_end(d, &nodes, e, &mut points, turn_side(dir, r.start_side), true);
            attach_end(d, &nodes, e, &mut points, turn_side(dir, r.end_side), false);
            let label = match (r.label, sizes.edge_labels.get(e).copied().flatten()) {
                (Some(c), Some(s)) => Some(Rect::centered(turn(dir, c), s)),
                _ => None,
            };
            EdgeRoute { points, label }
        })
        .collect();

    Layout::at_margin(nodes, clusters, edges, margin, crossings)
}
