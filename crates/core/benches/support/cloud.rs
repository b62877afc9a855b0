//! Generated "cloud" flowcharts, the shape issue 13 timed at 8.5 s: deeply nested
//! (region → zone → tier → group, five of each inside the one above, so 5,000 nodes fill
//! 625 groups of eight at depth 4), fan-outs written with `&` (`a & b --> c & d`, four
//! edges a statement), hubs linked into many groups, and labels on about a fifth of the
//! edges. Most edges stay within a tier, some reach a few groups ahead, a few go back.
//! Deterministic (xorshift, fixed seed).

pub fn flowchart(n: usize) -> String {
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |k: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % k.max(1) as u64) as usize
    };
    const PER_GROUP: usize = 8;
    let groups = n.div_ceil(PER_GROUP);
    let mut out = String::from("flowchart TB\n");
    for g in 0..groups {
        for (level, name) in [(125, "Region"), (25, "Zone"), (5, "Tier")] {
            if g % level == 0 {
                out.push_str(&format!("subgraph {}{g}[\"{name} {g}\"]\n", &name[..1]));
            }
        }
        out.push_str(&format!("subgraph G{g}[\"Group {g}\"]\n"));
        for i in g * PER_GROUP..((g + 1) * PER_GROUP).min(n) {
            out.push_str(&format!("  N{i}[\"Service {i}\"]\n"));
        }
        out.push_str("end\n");
        for level in [5, 25, 125] {
            if g % level == level - 1 || g + 1 == groups {
                out.push_str("end\n");
            }
        }
    }
    let node = |g: usize, k: usize| (g * PER_GROUP + k % PER_GROUP).min(n - 1);
    let labels = ["reads", "writes", "calls", "publishes", "subscribes", "replicates"];
    for g in 0..groups {
        let label = |next: &mut dyn FnMut(usize) -> usize| {
            if next(5) == 0 { format!("|{}|", labels[next(labels.len())]) } else { String::new() }
        };
        // A short chain inside the group.
        for k in 0..3 {
            let l = label(&mut next);
            out.push_str(&format!("  N{} -->{l} N{}\n", node(g, k), node(g, k + 1 + next(3))));
        }
        // A fan-out to a group nearby: mostly within the tier, sometimes further ahead.
        // Three in ten go anywhere ahead: long edges across regions, which is what made
        // ranking blow up (issue 13).
        let reach = if next(10) < 3 {
            1 + next(groups)
        } else if next(4) == 0 {
            1 + next(30)
        } else {
            1 + next(4)
        };
        let h = (g + reach).min(groups - 1);
        if h != g {
            let l = label(&mut next);
            out.push_str(&format!(
                "  N{} & N{} -->{l} N{} & N{}\n",
                node(g, 4),
                node(g, 5),
                node(h, next(8)),
                node(h, next(8))
            ));
        }
        // Now and then an edge back.
        if g > 3 && next(8) == 0 {
            let l = label(&mut next);
            out.push_str(&format!("  N{} -->{l} N{}\n", node(g, 6), node(g - 1 - next(3), next(8))));
        }
        // Every tenth group holds a hub linked into six groups ahead.
        if g % 10 == 0 {
            let targets: Vec<String> =
                (0..6).map(|_| format!("N{}", node((g + 1 + next(40)).min(groups - 1), next(8)))).collect();
            let l = label(&mut next);
            out.push_str(&format!("  N{} -->{l} {}\n", node(g, 7), targets.join(" & ")));
        }
    }
    out
}
