//! Which subgraph a node belongs to, decided as Mermaid does.
//!
//! A subgraph claims every node mentioned in its own statements (chains and lone nodes,
//! not `style`/`class`/`click`). Subgraphs claim in the order they *close* (inner before
//! outer, earlier before later), and a node claimed once stays where it is. So a node
//! first written at the top level but mentioned inside a subgraph is drawn in it, and a
//! node mentioned in two sibling subgraphs belongs to the first to close. Cluster
//! nesting itself is syntactic (the `parent` of each subgraph), never changed by
//! mentions, so it cannot form cycles.

use crate::model::{ClusterIdx, NodeIdx};

/// `mentions[s]`: nodes mentioned directly in subgraph `s`, in order.
/// `close_order[s]`: when `s` closed. Returns each node's parent cluster.
pub(super) fn parents(node_count: usize, mentions: &[Vec<NodeIdx>], close_order: &[usize]) -> Vec<Option<ClusterIdx>> {
    let mut parent = vec![None; node_count];
    let mut order: Vec<ClusterIdx> = (0..mentions.len()).collect();
    order.sort_by_key(|&s| close_order[s]);
    for s in order {
        for &n in &mentions[s] {
            if parent[n].is_none() {
                parent[n] = Some(s);
            }
        }
    }
    parent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_to_close_wins() {
        // Subgraph 0 (outer) closes after subgraph 1 (inner); both mention node 0.
        let mentions = vec![vec![0, 1], vec![0]];
        assert_eq!(parents(3, &mentions, &[1, 0]), vec![Some(1), Some(0), None]);
    }
}
