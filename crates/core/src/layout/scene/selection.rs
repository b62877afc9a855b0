//! Several elements moved as one: which of a selection actually move (an element inside a
//! selected group moves with the group, once), the positions a multi-selection's drop
//! stores, and what a marquee rectangle picks.

use super::Scene;
use crate::layout::Rect;
use crate::model::{Diagram, Endpoint, Point};

/// The targets that move when all of `targets` move together: those in the diagram, each
/// once, without the ones inside another selected cluster (they move with it). Clusters
/// come first, outer before inner, then nodes, each in the order given.
pub fn outermost(d: &Diagram, targets: &[Endpoint]) -> Vec<Endpoint> {
    let selected_cluster = |c: usize| targets.contains(&Endpoint::Cluster(c));
    let mut out: Vec<Endpoint> = Vec::new();
    for &t in targets {
        let keep = match t {
            Endpoint::Node(n) => {
                n < d.nodes.len()
                    && d.nodes[n]
                        .parent
                        .is_none_or(|p| p >= d.clusters.len() || !d.cluster_ancestors(p).any(selected_cluster))
            }
            Endpoint::Cluster(c) => {
                c < d.clusters.len()
                    && d.clusters[c]
                        .parent
                        .is_none_or(|p| p >= d.clusters.len() || !d.cluster_ancestors(p).any(selected_cluster))
            }
        };
        if keep && !out.contains(&t) {
            out.push(t);
        }
    }
    out.sort_by_key(|t| match *t {
        Endpoint::Cluster(c) => (0, d.cluster_depth(c)),
        Endpoint::Node(_) => (1, 0),
    });
    out
}

impl Scene {
    /// The positions to store after `targets` moved together ([`Scene::displace_all`]):
    /// [`Scene::positions`] of each that moved, every id once.
    pub fn positions_of(&self, d: &Diagram, targets: &[Endpoint]) -> Vec<(String, Point)> {
        let mut out: Vec<(String, Point)> = Vec::new();
        for t in outermost(d, targets) {
            for (id, p) in self.positions(d, t) {
                if !out.iter().any(|(o, _)| *o == id) {
                    out.push((id, p));
                }
            }
        }
        out
    }

    /// What a marquee over `r` (diagram coordinates) selects: every node or junction whose
    /// box it touches, and every cluster whose box it holds whole (a marquee drawn inside a
    /// group picks members, not the group around them). Nodes first, then clusters, each
    /// in diagram order.
    pub fn touching(&self, d: &Diagram, r: Rect) -> Vec<Endpoint> {
        let touches = |b: &Rect| b.x <= r.right() && r.x <= b.right() && b.y <= r.bottom() && r.y <= b.bottom();
        let holds = |b: &Rect| r.x <= b.x && b.right() <= r.right() && r.y <= b.y && b.bottom() <= r.bottom();
        let nodes = (0..d.nodes.len().min(self.layout.nodes.len()))
            .filter(|&n| touches(&self.layout.nodes[n]))
            .map(Endpoint::Node);
        let clusters = (0..d.clusters.len().min(self.layout.clusters.len()))
            .filter(|&c| holds(&self.layout.clusters[c]))
            .map(Endpoint::Cluster);
        nodes.chain(clusters).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Endpoint::{Cluster, Node};

    fn diagram(text: &str) -> Diagram {
        crate::syntax::parse(text).diagram
    }

    #[test]
    fn members_of_a_selected_group_move_with_it_not_on_their_own() {
        let d = diagram("flowchart LR\n  subgraph G\n    subgraph H\n      a\n    end\n    b\n  end\n  c\n");
        let (a, b, c) = (d.node_index("a").unwrap(), d.node_index("b").unwrap(), d.node_index("c").unwrap());
        let (g, h) = (d.cluster_index("G").unwrap(), d.cluster_index("H").unwrap());
        assert_eq!(outermost(&d, &[Node(a), Cluster(h), Node(c), Node(b)]), vec![Cluster(h), Node(c), Node(b)]);
        assert_eq!(outermost(&d, &[Node(a), Cluster(h), Cluster(g), Node(c), Node(c)]), vec![Cluster(g), Node(c)]);
        assert_eq!(outermost(&d, &[Node(99), Cluster(99)]), vec![]);
    }
}
