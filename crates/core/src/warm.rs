//! Made-up diagrams of every kind for warming the code before a user's first diagram:
//! the app draws them while the page is idle after start-up (`src/warm.rs`), because a
//! browser optimises WebAssembly only after a function has done enough work, and a
//! layout's passes are few, long calls. Not shown anywhere; generated, so they cost no
//! bytes of text in the bundle.

use std::fmt::Write;

/// The `k`-th warm-up diagram, `None` past the last.
pub fn diagram(k: usize) -> Option<String> {
    match k {
        0 => Some(flowchart(5, 3, 7)),
        1 => Some(architecture(4, 4)),
        2 => Some(c4(3, 4)),
        _ => None,
    }
}

/// A flowchart of `regions` subgraphs of `zones` subgraphs of `per` nodes: chains with
/// labels inside each zone, links between zones and regions, an edge to a subgraph, the
/// shapes people use. Mid-sized (over 120 nodes and borders for 5 × 3 × 7), so the passes
/// a mid-sized diagram takes are warmed too.
fn flowchart(regions: usize, zones: usize, per: usize) -> String {
    let mut t = String::from("flowchart TB\n  user([User]) --> lb{Load balancer}\n");
    let shapes = [("[", "]"), ("(", ")"), ("[(", ")]"), ("{{", "}}"), ("[/", "/]")];
    for r in 0..regions {
        let _ = writeln!(t, "  subgraph r{r}[Region {r}]");
        for z in 0..zones {
            let _ = writeln!(t, "    subgraph r{r}z{z}[Zone {r}.{z}]");
            for n in 0..per {
                let (open, close) = shapes[(r + z + n) % shapes.len()];
                let _ = writeln!(t, "      r{r}z{z}n{n}{open}Service {r}.{z}.{n}{close}");
            }
            for n in 1..per {
                let label = if n % 2 == 0 { "|calls|" } else { "" };
                let _ = writeln!(t, "      r{r}z{z}n{} -->{label} r{r}z{z}n{n}", n - 1);
            }
            let _ = writeln!(t, "    end");
        }
        let _ = writeln!(t, "  end");
        let _ = writeln!(t, "  lb --> r{r}z0n0");
        for z in 1..zones {
            let _ = writeln!(t, "  r{r}z{}n{} -.-> r{r}z{z}n1", z - 1, per - 1);
        }
        if r > 0 {
            let _ = writeln!(t, "  r{}z0n2 ==>|replicates| r{r}z0n2", r - 1);
            let _ = writeln!(t, "  r{r}z{}n3 --> r{}", zones - 1, r - 1);
        }
    }
    t
}

/// An architecture diagram of `groups` groups of `per` services (built-in icons, so
/// nothing is fetched), a junction per group, edges with sides within and between groups.
fn architecture(groups: usize, per: usize) -> String {
    let icons = ["server", "database", "disk", "cloud", "internet"];
    let mut t = String::from("architecture-beta\n");
    for g in 0..groups {
        let _ = writeln!(t, "  group g{g}(cloud)[Group {g}]");
        let _ = writeln!(t, "  junction j{g} in g{g}");
        for s in 0..per {
            let _ = writeln!(t, "  service g{g}s{s}({})[Service {g} {s}] in g{g}", icons[(g + s) % icons.len()]);
        }
        for s in 1..per {
            let _ = writeln!(t, "  g{g}s{}:R --> L:g{g}s{s}", s - 1);
        }
        let _ = writeln!(t, "  g{g}s0:B -- T:j{g}");
        if g > 0 {
            let _ = writeln!(t, "  j{}:R --> L:j{g}", g - 1);
            let _ = writeln!(t, "  g{}s{}{{group}}:B --> T:g{g}s0{{group}}", g - 1, per - 1);
        }
    }
    t
}

/// A C4 container diagram: a person, `systems` boundaries of `per` containers with
/// relations inside and across them.
fn c4(systems: usize, per: usize) -> String {
    let mut t = String::from("C4Container\n  title Warm-up\n  Person(user, \"User\", \"Uses the systems\")\n");
    for s in 0..systems {
        let _ = writeln!(t, "  System_Boundary(b{s}, \"System {s}\") {{");
        for c in 0..per {
            let kind = if c == per - 1 { "ContainerDb" } else { "Container" };
            let _ = writeln!(t, "    {kind}(b{s}c{c}, \"Container {s}.{c}\", \"Rust\", \"Does part {c}\")");
        }
        let _ = writeln!(t, "  }}");
        let _ = writeln!(t, "  Rel(user, b{s}c0, \"Uses\", \"HTTPS\")");
        for c in 1..per {
            let _ = writeln!(t, "  Rel(b{s}c{}, b{s}c{c}, \"Calls\", \"gRPC\")", c - 1);
        }
        if s > 0 {
            let _ = writeln!(t, "  Rel_R(b{}c1, b{s}c1, \"Sends events to\")", s - 1);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every warm-up diagram is drawn whole, without errors or warnings: a diagram the
    /// core rejects would warm only the parser.
    #[test]
    fn every_warm_up_diagram_draws_cleanly() {
        let mut k = 0;
        while let Some(text) = diagram(k) {
            let out = crate::render(&text);
            assert!(out.svg.is_some(), "warm-up diagram {k} was not drawn:\n{text}");
            assert!(out.diagnostics.is_empty(), "warm-up diagram {k}: {:?}\n{text}", out.diagnostics);
            k += 1;
        }
        assert_eq!(k, 3);
        let flow = crate::syntax::parse(&diagram(0).unwrap()).diagram;
        assert!(flow.nodes.len() + 2 * flow.clusters.len() > 120, "the flowchart is not mid-sized");
    }
}
