//! Room the layered engine keeps inside cluster boxes: titles of horizontal diagrams on
//! the frame's left side, the depth a box needs for its title, its self-loop labels and
//! its nested clusters' own minimums.

use super::graph::{self, LGraph};
use super::position::ClusterPads;
use crate::layout::Sizes;
use crate::model::Diagram;

/// Horizontal diagrams carry cluster titles along the top, which is the frame's left side;
/// the cluster must also be long enough (across ranks) for the title. A subgraph's
/// self-loop labels sit beside its box, centred on it, so the box is at least as deep as
/// they are; and a cluster holds its nested clusters at their own minimum, with padding.
pub(super) fn cluster_pads(d: &Diagram, sizes: &Sizes, g: &LGraph, horizontal: bool) -> ClusterPads {
    let n = d.clusters.len();
    let title = |c: usize| sizes.cluster_titles.get(c).copied().unwrap_or_default();
    let (left, mut min_depth): (Vec<f64>, Vec<f64>) = if horizontal {
        (
            (0..n).map(|c| if title(c).h > 0.0 { title(c).h + 4.0 } else { 0.0 }).collect(),
            (0..n).map(|c| title(c).w + 2.0 * graph::CLUSTER_PAD).collect(),
        )
    } else {
        (vec![0.0; n], vec![0.0; n])
    };
    for (min, &loops) in min_depth.iter_mut().zip(&g.cluster_loop_depth) {
        *min = min.max(loops);
    }
    for c in g.clusters_inner_first() {
        if let Some(p) = d.clusters[c].parent {
            min_depth[p] = min_depth[p].max(min_depth[c] + 2.0 * graph::CLUSTER_PAD);
        }
    }
    ClusterPads { left, min_depth }
}
