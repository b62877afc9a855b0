//! Generated flowcharts for scaling benchmarks: `n` nodes in nested subgraphs (groups of
//! about ten, three levels deep), each node linked to one or two later nodes: 70 % within
//! about a group, 20 % up to six groups ahead (across sections and regions), 10 % back
//! up to three groups. Edge reach does not grow with `n`, as in real architecture
//! diagrams, so the benchmark measures how layout scales rather than how a generator's
//! ever-longer edges multiply dummy nodes. Deterministic (xorshift, fixed seed).

pub fn flowchart(n: usize) -> String {
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut out = String::from("flowchart TB\n");
    // Groups of ~10 nodes, 4 groups to a section, 4 sections to a region.
    let groups = n.div_ceil(10);
    for g in 0..groups {
        if g % 16 == 0 {
            out.push_str(&format!("subgraph R{g}[Region {g}]\n"));
        }
        if g % 4 == 0 {
            out.push_str(&format!("subgraph S{g}[Section {g}]\n"));
        }
        out.push_str(&format!("subgraph G{g}[Group {g}]\n"));
        for i in g * 10..((g + 1) * 10).min(n) {
            out.push_str(&format!("  N{i}[\"Service {i}\"]\n"));
        }
        out.push_str("end\n");
        if g % 4 == 3 || g + 1 == groups {
            out.push_str("end\n");
        }
        if g % 16 == 15 || g + 1 == groups {
            out.push_str("end\n");
        }
    }
    for i in 0..n {
        let links = 1 + (next() % 3 == 0) as usize;
        for _ in 0..links {
            let r = next();
            let target = if r % 10 < 7 {
                // Near: later in the same group or the next one.
                i + 1 + (r as usize / 10) % 12
            } else if r % 10 < 9 {
                i + 1 + (r as usize / 10) % 60
            } else {
                // Back edge.
                i.saturating_sub(1 + (r as usize / 10) % 30)
            };
            if target < n && target != i {
                out.push_str(&format!("N{i} --> N{target}\n"));
            }
        }
    }
    out
}
