//! The group tree of an architecture diagram: every group is a *block* whose items are
//! its own services and junctions and its nested groups; the root block holds what is in
//! no group. An edge between two items' descendants relates those two items at that level.

use crate::model::{ClusterIdx, Diagram, Endpoint, NodeIdx};

/// One thing placed in a block: a service or junction, or a nested group as one box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Item {
    Node(NodeIdx),
    Group(ClusterIdx),
}

/// Items per block: `items[c]` for group `c`, `items[root]` (the last) for the top level.
/// Within a block, items keep the order they were declared in.
pub(super) struct Tree {
    pub items: Vec<Vec<Item>>,
    pub root: usize,
    /// Groups, innermost first (each after all the groups nested in it).
    pub inner_first: Vec<ClusterIdx>,
}

impl Tree {
    pub fn build(d: &Diagram) -> Tree {
        let root = d.clusters.len();
        let mut items: Vec<Vec<(usize, Item)>> = vec![Vec::new(); root + 1];
        // Declaration order: spans order statements, so nodes and groups interleave as written.
        for (c, cl) in d.clusters.iter().enumerate() {
            items[cl.parent.unwrap_or(root)].push((cl.span.start as usize, Item::Group(c)));
        }
        for (n, node) in d.nodes.iter().enumerate() {
            items[node.parent.unwrap_or(root)].push((node.span.start as usize, Item::Node(n)));
        }
        let items = items
            .into_iter()
            .map(|mut v| {
                v.sort();
                v.into_iter().map(|(_, i)| i).collect()
            })
            .collect();
        let mut inner_first: Vec<ClusterIdx> = (0..root).collect();
        inner_first.sort_by_key(|&c| std::cmp::Reverse(d.cluster_depth(c)));
        Tree { items, root, inner_first }
    }

    /// The block (group index, or `root`) an item sits in.
    pub fn block_of(&self, d: &Diagram, item: Item) -> usize {
        let parent = match item {
            Item::Node(n) => d.nodes[n].parent,
            Item::Group(c) => d.clusters[c].parent,
        };
        parent.unwrap_or(self.root)
    }

    /// The item at block `level` that holds edge end `end`, if the end lies in that block.
    pub fn item_at(&self, d: &Diagram, end: Endpoint, level: usize) -> Option<Item> {
        let mut item = match end {
            Endpoint::Node(n) => Item::Node(n),
            Endpoint::Cluster(c) => Item::Group(c),
        };
        loop {
            let block = self.block_of(d, item);
            if block == level {
                return Some(item);
            }
            if block == self.root {
                return None;
            }
            item = Item::Group(block);
        }
    }

    /// Blocks from the one holding `end` outwards to the root.
    pub fn blocks_around(&self, d: &Diagram, end: Endpoint) -> Vec<usize> {
        let first = match end {
            Endpoint::Node(n) => d.nodes[n].parent,
            Endpoint::Cluster(c) => d.clusters[c].parent,
        };
        let mut out: Vec<usize> = first.map(|c| d.cluster_ancestors(c).collect()).unwrap_or_default();
        out.push(self.root);
        out
    }
}
