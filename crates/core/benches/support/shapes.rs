//! Generated flowcharts of other shapes than `generated.rs` and `cloud.rs`, so that no single
//! shape is what the layout is tuned for (issue 13): deep nesting, many edges between
//! clusters, hubs, long chains, and labels on most edges. Each takes a node count and a
//! seed and is deterministic (xorshift). Used by the `shapes` criterion group, by
//! `examples/layout_report.rs --shapes`, and by `tests/random_layouts.rs` at small sizes.

#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// Clusters nested eight deep, two children each, a few nodes per cluster, edges
    /// mostly to the next cluster in text order.
    Deep,
    /// Flat clusters of six with most edges going to another cluster.
    CrossCluster,
    /// A few hubs each linked into a dozen clusters, the rest sparse.
    Hubs,
    /// Long chains (thirty nodes) in clusters of their own, with a few links between them.
    Chains,
    /// Clusters of eight with labels on nine edges in ten.
    Labelled,
}

pub const ALL: [Shape; 5] = [Shape::Deep, Shape::CrossCluster, Shape::Hubs, Shape::Chains, Shape::Labelled];

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::Deep => "deep",
            Shape::CrossCluster => "cross-cluster",
            Shape::Hubs => "hubs",
            Shape::Chains => "chains",
            Shape::Labelled => "labelled",
        }
    }

    fn per_cluster(self) -> usize {
        match self {
            Shape::Deep => 3,
            Shape::CrossCluster => 6,
            Shape::Hubs | Shape::Labelled => 8,
            Shape::Chains => 30,
        }
    }
}

pub fn flowchart(shape: Shape, n: usize, seed: u64) -> String {
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move |k: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % k.max(1) as u64) as usize
    };
    let n = n.max(2);
    let per = shape.per_cluster();
    let clusters = n.div_ceil(per);
    let mut out = String::from("flowchart TB\n");
    // Deep: clusters are written depth-first as binary trees eight levels deep — the next
    // cluster opens inside the innermost open one while that is above the eighth level and
    // has fewer than two children, otherwise that one closes — and a full tree (255
    // clusters) is followed by the next at the top level. `open` holds each open
    // cluster's children so far.
    let mut open: Vec<usize> = Vec::new();
    for c in 0..clusters {
        if let Shape::Deep = shape {
            while open.last().is_some_and(|&kids| open.len() >= 8 || kids >= 2) {
                open.pop();
                out.push_str("end\n");
            }
            if let Some(kids) = open.last_mut() {
                *kids += 1;
            }
            open.push(0);
        }
        out.push_str(&format!("subgraph C{c}[\"Cluster {c}\"]\n"));
        for i in c * per..((c + 1) * per).min(n) {
            out.push_str(&format!("  N{i}[\"Node {i}\"]\n"));
        }
        if !matches!(shape, Shape::Deep) {
            out.push_str("end\n");
        }
    }
    for _ in open {
        out.push_str("end\n");
    }
    let labels = ["reads", "writes", "calls", "emits", "feeds"];
    let edge = |out: &mut String, a: usize, b: usize, labelled: bool, pick: usize| {
        if a != b {
            let l = if labelled { format!("|{}|", labels[pick % labels.len()]) } else { String::new() };
            out.push_str(&format!("  N{a} -->{l} N{b}\n"));
        }
    };
    for i in 0..n {
        let c = i / per;
        let within = |k: usize| (c * per + k % per).min(n - 1);
        let r = next(100);
        match shape {
            Shape::Deep => {
                let to = if r < 50 { within(i + 1) } else { (i + 1 + next(2 * per)).min(n - 1) };
                edge(&mut out, i, to, r < 10, r);
            }
            Shape::CrossCluster => {
                let to = if r < 25 { within(i + 1) } else { (i + 1 + next(6 * per)).min(n - 1) };
                edge(&mut out, i, to, r < 15, r);
                if r < 40 {
                    edge(&mut out, i, next(n), false, 0);
                }
            }
            Shape::Hubs => {
                if i % 97 == 0 {
                    for _ in 0..12 {
                        let to = next(clusters) * per + next(per);
                        edge(&mut out, i, to.min(n - 1), next(3) == 0, r);
                    }
                } else if r < 60 {
                    edge(&mut out, i, within(i + 1 + next(per - 1)), false, 0);
                }
            }
            Shape::Chains => {
                if i % per + 1 < per && i + 1 < n {
                    edge(&mut out, i, i + 1, r < 10, r);
                }
                if r < 4 {
                    edge(&mut out, i, next(n), false, 0);
                }
            }
            Shape::Labelled => {
                let to = if r < 70 { within(i + 1 + next(per - 1)) } else { (i + 1 + next(4 * per)).min(n - 1) };
                edge(&mut out, i, to, r < 90, next(5));
            }
        }
    }
    out
}
