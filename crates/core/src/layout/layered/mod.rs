//! The layered engine (flowcharts): a compound Sugiyama layout in named passes.
//!
//! ```text
//! components::layout  parts no edge joins are laid out one by one and packed in rows
//! detach::layout    subgraphs with a `direction` of their own (and no edge across their
//!                   border) are laid out separately and placed as one block
//! graph::build      model → layout graph in the top-to-bottom frame (cluster borders, nesting)
//! acyclic::run      reverse a few edges so ranking sees a DAG            (undo: route)
//! rank::enter_over_tops  a node beside sibling clusters ranks above the one it points into
//! rank::stack_clusters   sibling clusters linked one way follow each other along the flow
//!                   (small diagrams are laid out with and without it, and with edges to
//!                   nested nodes entering over their clusters' tops or beside them; the
//!                   variant with the fewest crossings and cuts is kept)
//! rank::run         integer ranks, clusters as contiguous rank bands
//! wrap::rows        a drawing far wider than deep: side-by-side clusters and groups of
//!                   nodes tied into columns, then ranked again (diagrams up to
//!                   COMPARE_WRAP_UP_TO keep it only when it adds no crossings plus cuts)
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
mod components;
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
mod wrap;

use super::{Layout, Options, Rect, Sizes};
use crate::model::Diagram;
use graph::LGraph;
use normalize::Entry;
use position::Spacing;

/// What the passes' tests start from: `text` parsed, measured and laid out, with the
/// layout's invariants checked.
#[cfg(test)]
pub(super) fn laid_out(text: &str) -> (Diagram, Layout) {
    use crate::render::{measure, theme::Theme};
    let d = crate::syntax::parse(text).diagram;
    let l = crate::layout::layout(&d, &measure(&d, &Theme::from_config(&d.config)));
    let problems = super::verify::verify(&d, &l);
    assert!(problems.is_empty(), "{problems:?}");
    (d, l)
}

/// Diagrams with up to this many nodes and cluster borders are laid out in each of the
/// [`VARIANTS`] and the drawing with the fewest crossings plus cuts is kept (the smaller
/// area on a tie, the earlier variant on a full tie). Larger ones up to
/// [`COMPARE_WRAP_UP_TO`] try the two entries without stacking (stacking makes their
/// layers far longer: cloud 1,000, ten times the time), and larger still are laid out
/// once, in [`first_variant`]. A part of a diagram whose variant budget ran out
/// (`components`) is laid out once if it is no larger than this.
pub(super) const TRY_VARIANTS_UP_TO: usize = 120;

/// Diagrams with up to this many nodes and cluster borders that come out wide are laid
/// out a second time wrapped into rows (`wrap::rows`), and the wrapped drawing is kept
/// only when it has no more crossings plus cuts. Larger ones are wrapped without the
/// comparison: a second layout would double their time.
const COMPARE_WRAP_UP_TO: usize = 600;

/// Whether sibling clusters linked one way are stacked along the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stacking {
    Off,
    Siblings,
}

/// The choices [`layout_with`] tries on small diagrams, the default first. Neither
/// stacking nor entering over the top wins everywhere (see docs/PERFORMANCE.md, issue
/// 13's fifth session): each trades crossings against cuts differently per diagram.
const VARIANTS: [(Stacking, Entry); 4] = [
    (Stacking::Off, Entry::Beside),
    (Stacking::Siblings, Entry::Beside),
    (Stacking::Off, Entry::OverTop),
    (Stacking::Siblings, Entry::OverTop),
];

/// The variant a diagram is laid out in first. Above [`COMPARE_WRAP_UP_TO`], edges to a
/// node inside clusters enter each over the top, in its title rank (`Entry::OverTop`):
/// running beside a box down to the target's rank is a detour round the whole box, and
/// such diagrams have wide boxes — entering over the top crosses and cuts less on every
/// generated shape but chains there (docs/PERFORMANCE.md, twelfth session). Smaller ones
/// keep `Beside`, which on hand-written diagrams crosses far less (seed 004: 27 against
/// 127 crossings; the corpus 60 against 159), and try the other variants where they are
/// small enough.
fn first_variant(d: &Diagram) -> (Stacking, Entry) {
    if size(d) > COMPARE_WRAP_UP_TO { (Stacking::Off, Entry::OverTop) } else { VARIANTS[0] }
}

/// Whether drawings are wrapped into rows (`wrap::rows`): not, when the estimate finds
/// them wide, or because a layout without wrapping came out wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rows {
    Keep,
    Wrap(wrap::Wide),
}

pub fn layout_with(d: &Diagram, sizes: &Sizes, opts: Options) -> Layout {
    layout_part(d, sizes, opts, size(d) <= TRY_VARIANTS_UP_TO)
}

/// Layout nodes before normalisation: nodes and two borders per cluster.
pub(super) fn size(d: &Diagram) -> usize {
    d.nodes.len() + 2 * d.clusters.len()
}

/// [`layout_with`] of `d`, a part of a diagram (or all of it), with the [`VARIANTS`]
/// tried or not: the parts of a diagram share one budget for them
/// ([`TRY_VARIANTS_UP_TO`] layout nodes in all), so a diagram of many small parts costs
/// no more than one.
fn layout_part(d: &Diagram, sizes: &Sizes, opts: Options, variants: bool) -> Layout {
    if let Some(l) = components::layout(d, sizes, opts) {
        return l;
    }
    if let Some(l) = detach::layout(d, sizes, opts) {
        return l;
    }
    // With a previous drawing, of layouts that cross and cut as little, the one that keeps
    // more of its order wins before the smaller one.
    let kept = d.nodes.iter().any(|n| n.was.is_some());
    let score = |l: &Layout| {
        let f = super::quality::figures(d, l);
        (f.crossings + f.cuts, if kept { departures(d, l) } else { 0 }, (f.width * f.height) as u64)
    };
    let (stacking, entry) = first_variant(d);
    if size(d) > COMPARE_WRAP_UP_TO {
        // Large: laid out once, wide drawings wrapped.
        let mut l = run(d, sizes, opts, stacking, entry, Rows::Wrap(wrap::Wide::Estimated))
            .expect("the default variant always lays out");
        l.over_top |= entry == Entry::OverTop;
        return l;
    }
    // Mid-sized (over TRY_VARIANTS_UP_TO): both entries without stacking, each a whole
    // layout — or, relaying out a drawing of the same diagram, only the entry it had, so
    // typing pays for one layout and the drawing does not switch entries under the user.
    let mid = !variants && size(d) > TRY_VARIANTS_UP_TO;
    let kept_entry = if mid && !hint(d).is_empty() { d.was_over_top } else { None };
    let over_top = (Stacking::Off, Entry::OverTop);
    // Over the top as kept, unless that changes nothing here (then it is the default's twin).
    let kept_over_top =
        if kept_entry == Some(true) { run(d, sizes, opts, over_top.0, over_top.1, Rows::Keep) } else { None };
    let (mut best, mut chosen, mut best_score) = match kept_over_top {
        Some(l) => (l, over_top, None),
        None if mid && kept_entry.is_none() => both_entries(d, sizes, opts, &score),
        None => (
            run(d, sizes, opts, stacking, entry, Rows::Keep).expect("the default variant always lays out"),
            (stacking, entry),
            None,
        ),
    };
    // Scored only once a second variant exists: most diagrams have none to try.
    let tries: &[(Stacking, Entry)] = if variants { &VARIANTS[1..] } else { &[] };
    for &(stacking, entry) in tries {
        let Some(l) = run(d, sizes, opts, stacking, entry, Rows::Keep) else { continue };
        let current = *best_score.get_or_insert_with(|| score(&best));
        let s = score(&l);
        if s < current {
            best = l;
            best_score = Some(s);
            chosen = (stacking, entry);
        }
    }
    // A drawing that came out wide is wrapped too, but only kept when that adds no
    // crossings plus cuts.
    let (breadth, depth) = graph::in_frame(d.direction.is_horizontal(), best.width, best.height);
    if breadth > wrap::LIMIT * depth
        && let Some(l) = run(d, sizes, opts, chosen.0, chosen.1, Rows::Wrap(wrap::Wide::Measured))
    {
        let current = best_score.unwrap_or_else(|| score(&best));
        if score(&l).0 <= current.0 {
            best = l;
        }
    }
    best.over_top |= chosen.1 == Entry::OverTop;
    best
}

/// A mid-sized diagram drawn afresh: laid out with edges into clusters beside them and
/// over their tops (without stacking), the drawing with fewer crossings plus cuts kept —
/// except that an entry whose order is [`clearly_behind`] the other's is not placed and
/// routed at all (seed 004: beside 132 against 191 crossings in the order, 45 against
/// 142 finished). Returns the drawing, its variant and its score if it was scored.
fn both_entries<S: Ord + Copy>(
    d: &Diagram,
    sizes: &Sizes,
    opts: Options,
    score: &dyn Fn(&Layout) -> S,
) -> (Layout, (Stacking, Entry), Option<S>) {
    let beside = (Stacking::Off, Entry::Beside);
    let over_top = (Stacking::Off, Entry::OverTop);
    let a = stage(d, sizes, opts, beside.0, beside.1, Rows::Keep).expect("the default variant always lays out");
    let Some(b) = stage(d, sizes, opts, over_top.0, over_top.1, Rows::Keep) else {
        return (a.complete(d, sizes, opts), beside, None);
    };
    let (ca, cb) = (a.ordering.crossings, b.ordering.crossings);
    if clearly_behind(cb, ca) {
        return (a.complete(d, sizes, opts), beside, None);
    }
    if clearly_behind(ca, cb) {
        return (b.complete(d, sizes, opts), over_top, None);
    }
    let (la, lb) = (a.complete(d, sizes, opts), b.complete(d, sizes, opts));
    let (sa, sb) = (score(&la), score(&lb));
    if sb < sa { (lb, over_top, Some(sb)) } else { (la, beside, Some(sa)) }
}

/// Where the previous drawing had each node across the flow ([`Node::was`](crate::model::Node::was)),
/// in the top-to-bottom frame: what `order::run` starts from to keep that order. None at
/// all when fewer than half the nodes have one (another diagram was drawn before).
fn hint(d: &Diagram) -> Vec<Option<f64>> {
    let across = |p: crate::model::Point| if d.direction.is_horizontal() { p.y } else { p.x };
    let hint: Vec<Option<f64>> = d.nodes.iter().map(|n| n.was.map(across)).collect();
    let known = hint.iter().flatten().count();
    if known == 0 || 2 * known < d.nodes.len() { Vec::new() } else { hint }
}

/// Pairs of nodes the previous drawing had clear of each other, one left of (or above) the
/// other, that `l` has the other way round: how much of the picture the user saw a
/// relayout changes (orthogonal order, the usual measure of a kept mental map; pairs that
/// overlapped across an axis, as nodes in different ranks often nearly do, do not count
/// on it, or every small shift would).
fn departures(d: &Diagram, l: &Layout) -> usize {
    let pairs: Vec<(crate::model::Point, Rect)> =
        d.nodes.iter().zip(&l.nodes).filter_map(|(n, &r)| n.was.map(|w| (w, r))).collect();
    let mut n = 0;
    for (i, &(wa, a)) in pairs.iter().enumerate() {
        for &(wb, b) in &pairs[i + 1..] {
            let (ca, cb) = (a.center(), b.center());
            let turned = |was: f64, now: f64, clear: f64| (was > clear && now < 0.0) || (was < -clear && now > 0.0);
            n += usize::from(turned(wb.x - wa.x, cb.x - ca.x, (a.w + b.w) / 2.0))
                + usize::from(turned(wb.y - wa.y, cb.y - ca.y, (a.h + b.h) / 2.0));
        }
    }
    n
}

/// One run of the passes. `None` for a variant other than [`first_variant`] when what it
/// asks for (stacking, entering over the top) would change nothing.
/// With [`Rows::Wrap`] of a drawing measured wide, `None` also when wrapping changes
/// nothing.
fn run(d: &Diagram, sizes: &Sizes, opts: Options, stacking: Stacking, entry: Entry, rows: Rows) -> Option<Layout> {
    stage(d, sizes, opts, stacking, entry, rows).map(|s| s.complete(d, sizes, opts))
}

/// A run of the passes as far as the order: what [`Staged::complete`] places, routes and
/// turns into a drawing. The order's crossings tell, before that work, how a variant is
/// doing.
struct Staged {
    g: LGraph,
    chains: Vec<Option<normalize::Chain>>,
    ordering: order::Ordering,
}

/// [`run`] up to and including the order.
fn stage(d: &Diagram, sizes: &Sizes, opts: Options, stacking: Stacking, entry: Entry, rows: Rows) -> Option<Staged> {
    let horizontal = d.direction.is_horizontal();
    let mut g = LGraph::build(d, sizes, d.direction);
    let first = (stacking, entry) == first_variant(d);
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
    if let Rows::Wrap(wide) = rows {
        let gaps = wrap::Gaps { node: opts.node_spacing, rank: opts.rank_spacing };
        if !wrap::rows(&mut g, gaps, wide) && wide == wrap::Wide::Measured {
            return None;
        }
    }
    let (chains, entered_over_top) = normalize::run(&mut g, d, sizes, horizontal, entry);
    if entry == Entry::OverTop && !entered_over_top && !first {
        return None;
    }
    let ordering = order::run(&mut g, &chains, &hint(d), d.was_crossings);
    Some(Staged { g, chains, ordering })
}

impl Staged {
    /// The rest of [`run`]: placement, routes, the drawing in the diagram's direction.
    fn complete(mut self, d: &Diagram, sizes: &Sizes, opts: Options) -> Layout {
        let (dir, horizontal) = (d.direction, d.direction.is_horizontal());
        let (g, chains, ordering) = (&mut self.g, &self.chains, &self.ordering);
        let pads = pads::cluster_pads(d, sizes, g, horizontal);
        let spacing = Spacing { node: opts.node_spacing, edge: opts.edge_spacing, rank: opts.rank_spacing };
        let (bands, boxes) = position::run(g, ordering, chains, spacing, &pads);
        let mut routes = route::run(g, chains, &ordering.layers, &bands, &boxes, opts.rank_spacing);
        for l in &g.self_loops {
            routes[l.edge] = Some(route::self_loop(g, &boxes, l));
        }
        frame::finish(d, sizes, g, &boxes, routes, dir, opts.margin, ordering.crossings)
    }
}

/// Whether an order with `crossings` is so far behind one with `best` that the drawing it
/// leads to cannot be expected to win: over 15 % and 5 crossings more. The finished
/// drawing's crossings plus cuts follow the order's closely, but not exactly (routes,
/// cuts), so a near race is still run to the end.
fn clearly_behind(crossings: usize, best: usize) -> bool {
    crossings * 20 > best * 23 + 100
}
