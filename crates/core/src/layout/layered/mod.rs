//! The layered engine (flowcharts): a compound Sugiyama layout in named passes.
//!
//! ```text
//! detach::layout    subgraphs with a `direction` of their own (and no edge across their
//!                   border) are laid out separately and placed as one block
//! graph::build      model → layout graph in the top-to-bottom frame (cluster borders, nesting)
//! acyclic::run      reverse a few edges so ranking sees a DAG            (undo: route)
//! rank::enter_over_tops  a node beside sibling clusters ranks above the one it points into
//! rank::stack_clusters   sibling clusters linked one way follow each other along the flow
//!                   (small diagrams are laid out with and without it; the better is kept)
//! rank::run         integer ranks, clusters as contiguous rank bands
//! normalize::run    long edges → chains of dummies, labels as nodes      (undo: route)
//!   anchor           edges at a cluster held at the member that shares their far end
//! order::run        crossing reduction, clusters contiguous and consistently ordered
//!   swap::run        sibling blocks trade places where that cuts crossings and boxes
//! pads::cluster_pads room for titles and nested paddings
//! position::run     rank bands (y) and separation-constrained placement (x), cluster boxes
//! route::run        one polyline per edge, slants only between bands (anchored ends
//!                   clipped at their cluster's box)
//! frame::finish     turn the frame to the diagram's direction, attach to shape outlines
//! ```

mod acyclic;
mod anchor;
pub(crate) mod detach;
mod frame;
mod graph;
mod normalize;
mod order;
mod pads;
mod position;
mod rank;
mod route;
mod simplex;
mod straighten;
mod swap;
mod vpsc;

use super::{Layout, Options, Sizes};
use crate::model::Diagram;
use graph::LGraph;
use position::Spacing;

/// Diagrams with up to this many nodes and cluster borders are laid out twice, with and
/// without [`rank::stack_clusters`], and the drawing with fewer crossings and cuts is
/// kept. Larger ones are laid out once, without: stacking makes their layers far longer
/// (cloud 1,000: 10× the time) for a trade of crossings against cuts.
const TRY_STACKED_UP_TO: usize = 120;

/// Whether sibling clusters linked one way are stacked along the flow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stacking {
    Off,
    Siblings,
}

pub fn layout_with(d: &Diagram, sizes: &Sizes, opts: Options) -> Layout {
    if let Some(l) = detach::layout(d, sizes, opts) {
        return l;
    }
    let plain = run(d, sizes, opts, Stacking::Off).expect("a layout without stacking always exists");
    let Some(stacked) = run(d, sizes, opts, Stacking::Siblings) else { return plain };
    let score = |l: &Layout| {
        let f = super::quality::figures(d, l);
        (f.crossings + f.cuts, (f.width * f.height) as u64)
    };
    if score(&stacked) < score(&plain) { stacked } else { plain }
}

/// One run of the passes. `None` for [`Stacking::Siblings`] when stacking would change
/// nothing or the diagram is too large to try it (see [`TRY_STACKED_UP_TO`]).
fn run(d: &Diagram, sizes: &Sizes, opts: Options, stacking: Stacking) -> Option<Layout> {
    let dir = d.direction;
    let horizontal = dir.is_horizontal();
    let mut g = LGraph::build(d, sizes, dir);
    if stacking == Stacking::Siblings && g.nodes.len() > TRY_STACKED_UP_TO {
        return None;
    }
    acyclic::run(&mut g);
    rank::enter_over_tops(&mut g);
    if stacking == Stacking::Siblings && !rank::stack_clusters(&mut g) {
        return None;
    }
    rank::run(&mut g);
    // Edges across the flow that ranking split over two ranks are ordinary edges after
    // all, with room for their labels: rank again with them as such.
    if g.demote_split_beside() {
        rank::run(&mut g);
    }
    let chains = normalize::run(&mut g, d, sizes, horizontal);
    let ordering = order::run(&mut g, &chains);
    let pads = pads::cluster_pads(d, sizes, &g, horizontal);
    let spacing = Spacing { node: opts.node_spacing, edge: opts.edge_spacing, rank: opts.rank_spacing };
    let (bands, boxes) = position::run(&mut g, &ordering, &chains, spacing, &pads);
    let mut routes = route::run(&g, &chains, &ordering.layers, &bands, &boxes, opts.rank_spacing);
    for l in &g.self_loops {
        routes[l.edge] = Some(route::self_loop(&g, &boxes, l));
    }
    Some(frame::finish(d, sizes, &g, &boxes, routes, dir, opts.margin, ordering.crossings))
}
