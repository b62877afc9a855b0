//! `layout::verify` on a few hundred random architecture-beta diagrams: groups nested up
//! to four deep (some empty, some declared after their members), services with icons
//! from real packs, built-in icons, text icons or none, services outside any group,
//! junctions, edges with every pair of sides (same-side ones too), contradicting cycles
//! of "right of", every arrow form, titled edges and `{group}` ends. Each is parsed (no
//! error allowed; warnings are), measured, laid out and drawn with the real icon packs:
//! verify must find nothing and the SVG must be well-formed with nothing executable.
//!
//! A second test measures how often an edge between opposite sides (`a:R -- L:b`) finds
//! its target on the side it names, over these diagrams and the two seed fixtures, and
//! requires 90 % on each seed; it is ignored until the layout gets there (run it with
//! `-- --ignored --nocapture` to see the shares and the edges missed).
//!
//! Deterministic (xorshift, fixed seeds), so a failure names a seed that reproduces it;
//! `CORAL_RANDOM_SEEDS=START..END` runs other seeds.

mod support;

use std::fmt::Write as _;
use std::path::Path;

use coral_core::layout::{self, Layout, Rect};
use coral_core::model::{Diagram, Endpoint, Side};
use coral_core::{render, syntax};
use support::{Rng, seeds, svg_complaint};

/// Seeds run by default (CI).
const SEEDS: u64 = 300;

/// Seeds whose layout `verify` rejects today, left failing on purpose: the layout is to
/// be fixed, not the test. Remove a seed once it passes; the test reports any listed seed
/// that has started to pass. Seeds 0..3000 all pass (2198 and 2303 left an edge end off
/// its named side until nudging learnt to keep short stubs pointing the way they did).
const KNOWN_FAILING: &[u64] = &[];

const ICONS: &[&str] = &[
    "(logos:aws-lambda)",
    "(mdi:database)",
    "(logos:postgresql)",
    "(logos:redis)",
    "(logos:kubernetes)",
    "(mdi:server)",
    "(simple-icons:nats-dot-io)",
    // Not in today's packs: drawn as "?".
    "(logos:apache-kafka)",
    "(server)",
    "(database)",
    "(cloud)",
    "(disk)",
    "(internet)",
];

const TITLES: &[&str] =
    &["[API]", "[Order service]", "[\"Quoted: title [v2]\"]", "[A much longer service title]", "[db]"];

const SIDES: &[&str] = &["L", "R", "T", "B"];

/// Arrow forms, split where a title goes: `-` `[title]` `->`.
const ARROWS: &[(&str, &str)] = &[("--", "-"), ("-->", "->"), ("<--", "-"), ("<-->", "->")];

/// One random diagram. Groups are `G<k>`, services `S<k>`, junctions `J<k>`.
fn diagram(seed: u64) -> String {
    let mut r = Rng::new(seed);
    let services = if r.chance(25) { r.next(41) } else { r.next(12) };
    let junctions = if r.chance(40) { r.next(4) } else { 0 };
    let groups = r.next(9);
    // A group's parent is an earlier group, at most four levels deep.
    let mut parent: Vec<Option<usize>> = Vec::new();
    let mut depth: Vec<usize> = Vec::new();
    for g in 0..groups {
        let p = if g > 0 && r.chance(60) { Some(r.next(g)).filter(|&p| depth[p] < 3) } else { None };
        depth.push(p.map_or(0, |p| depth[p] + 1));
        parent.push(p);
    }
    let nodes = services + junctions;
    let home: Vec<Option<usize>> =
        (0..nodes).map(|_| if groups > 0 && r.chance(75) { Some(r.next(groups)) } else { None }).collect();
    let name = |v: usize| if v < services { format!("S{v}") } else { format!("J{}", v - services) };
    let within = |g: Option<usize>, c: usize| {
        let mut g = g;
        while let Some(k) = g {
            if k == c {
                return true;
            }
            g = parent[k];
        }
        false
    };

    let mut lines = Vec::new();
    for (g, up) in parent.iter().enumerate() {
        let icon = if r.chance(80) { r.pick(ICONS) } else { "" };
        let title = if r.chance(90) { format!("[Group {g}]") } else { String::new() };
        let within = up.map(|p| format!(" in G{p}")).unwrap_or_default();
        lines.push(format!("group G{g}{icon}{title}{within}"));
    }
    for (v, &h) in home.iter().enumerate() {
        let within = h.map(|g| format!(" in G{g}")).unwrap_or_default();
        if v < services {
            let icon = match r.next(10) {
                0 => format!(" \"{}\"", r.pick(&["K8s", "λ", "txt", "DB"])),
                1 => String::new(),
                _ => r.pick(ICONS).to_string(),
            };
            lines.push(format!("service S{v}{icon}{}{within}", r.pick(TITLES)));
        } else {
            lines.push(format!("junction {}{within}", name(v)));
        }
    }
    // Now and then a member comes before its group (a warning, not an error).
    if r.chance(15) && lines.len() > 1 {
        let k = 1 + r.next(lines.len() - 1);
        lines.swap(0, k);
    }

    let edge = |r: &mut Rng, a: usize, sa: &str, b: usize, sb: &str| {
        let (arrow, titled) = ARROWS[r.next(ARROWS.len())];
        let arrow = if r.chance(20) {
            let start = if arrow.starts_with('<') { "<-" } else { "-" };
            format!("{start}[t{}]{titled}", r.next(100))
        } else {
            arrow.to_string()
        };
        // `{group}` makes the edge leave its end's group, for another end outside it.
        let ga = if home[a].is_some_and(|g| !within(home[b], g)) && r.chance(15) { "{group}" } else { "" };
        let gb = if home[b].is_some_and(|g| !within(home[a], g)) && r.chance(15) { "{group}" } else { "" };
        format!("{}{ga}:{sa} {arrow} {sb}:{}{gb}", name(a), name(b))
    };
    if nodes >= 2 {
        for _ in 0..r.next(2 * nodes) {
            let a = r.next(nodes);
            let b = (a + 1 + r.next(nodes - 1)) % nodes;
            let line = match r.next(4) {
                // A neighbour to the right or below, as most diagrams have.
                0 => edge(&mut r, a, "R", b, "L"),
                1 => edge(&mut r, a, "B", b, "T"),
                _ => {
                    let (sa, sb) = (r.pick(SIDES), r.pick(SIDES));
                    edge(&mut r, a, sa, b, sb)
                }
            };
            lines.push(line);
        }
        // A cycle of "right of" (or "below") that no placement can honour.
        if nodes >= 3 && r.chance(20) {
            let (sa, sb) = if r.chance(50) { ("R", "L") } else { ("B", "T") };
            let k = 2 + r.next(nodes.min(5) - 1);
            let start = r.next(nodes);
            for i in 0..k {
                let line = edge(&mut r, (start + i) % nodes, sa, (start + i + 1) % nodes, sb);
                lines.push(line);
            }
        }
    }
    let mut out = String::from("architecture-beta\n");
    for l in lines {
        let _ = writeln!(out, "    {l}");
    }
    out
}

/// Parses, lays out and draws one diagram; says what is wrong, if anything.
fn complaint(text: &str) -> Option<String> {
    let parsed = syntax::parse(text);
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Some(format!("errors {errors:?}"));
    }
    let d = &parsed.diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let l = layout::layout(d, &render::measure(d, &theme));
    let v = layout::verify::verify(d, &l);
    if !v.is_empty() {
        return Some(format!("{v:?}"));
    }
    svg_complaint(&render::svg_with(d, &l, &theme, &coral_icons::Packs))
}

/// The same random diagrams drawn as the editor draws while the user types: after the
/// drawing of the text with one of its lines missing. They must verify as fresh ones do.
#[test]
fn random_architecture_diagrams_drawn_after_an_earlier_version_lay_out_without_violations() {
    support::verify_after_earlier_versions(seeds(SEEDS), diagram);
}

#[test]
fn random_architecture_diagrams_lay_out_without_violations() {
    let (mut failures, mut fixed) = (Vec::new(), Vec::new());
    let seeds = seeds(SEEDS);
    let count = seeds.end.saturating_sub(seeds.start);
    for seed in seeds {
        let text = diagram(seed);
        match complaint(&text) {
            Some(c) if !KNOWN_FAILING.contains(&seed) => failures.push(format!("seed {seed}: {c}\n{text}")),
            None if KNOWN_FAILING.contains(&seed) => fixed.push(seed),
            _ => {}
        }
    }
    if !fixed.is_empty() {
        eprintln!("known failing seeds that now pass (remove them from KNOWN_FAILING): {fixed:?}");
    }
    assert!(
        failures.is_empty(),
        "{} of {count} random architecture diagrams fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Edges between opposite sides, how many of them find the target on the named side of
/// the source (for `a:R -- L:b`, `b`'s box starts right of `a`'s, 1 px tolerance), and
/// the ids of those that do not.
fn side_share(d: &Diagram, l: &Layout) -> (usize, usize, Vec<String>) {
    let rect = |e: Endpoint| match e {
        Endpoint::Node(n) => l.nodes[n],
        Endpoint::Cluster(c) => l.clusters[c],
    };
    let (mut opposite, mut honoured, mut misses) = (0, 0, Vec::new());
    for e in &d.edges {
        let (Some(from), Some(to)) = (e.from_side, e.to_side) else { continue };
        if e.from == e.to {
            continue;
        }
        let (a, b): (Rect, Rect) = (rect(e.from), rect(e.to));
        let ok = match (from, to) {
            (Side::Right, Side::Left) => b.x >= a.right() - 1.0,
            (Side::Left, Side::Right) => b.right() <= a.x + 1.0,
            (Side::Bottom, Side::Top) => b.y >= a.bottom() - 1.0,
            (Side::Top, Side::Bottom) => b.bottom() <= a.y + 1.0,
            _ => continue,
        };
        opposite += 1;
        if ok {
            honoured += 1;
        } else {
            misses.push(e.id.clone());
        }
    }
    (opposite, honoured, misses)
}

fn laid_out(text: &str) -> (Diagram, Layout) {
    let d = syntax::parse(text).diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let l = layout::layout(&d, &render::measure(&d, &theme));
    (d, l)
}

fn percent(opposite: usize, honoured: usize) -> f64 {
    if opposite == 0 { 100.0 } else { 100.0 * honoured as f64 / opposite as f64 }
}

// Armed at 90 % but ignored until the layout reaches it: on 2026-12-01 seed 000 had
// 33 of 38 (86.8 %) and seed 001 43 of 54 (79.6 %). `cargo test -p coral-core --test
// random_architecture -- --ignored --nocapture` prints the shares and the edges missed.
#[test]
fn opposite_side_edges_find_their_target_on_that_side() {
    let (mut opposite, mut honoured) = (0, 0);
    for seed in seeds(SEEDS) {
        let (d, l) = laid_out(&diagram(seed));
        let (o, h, _) = side_share(&d, &l);
        (opposite, honoured) = (opposite + o, honoured + h);
    }
    println!(
        "random diagrams: {honoured} of {opposite} opposite-side edges honoured ({:.1} %)",
        percent(opposite, honoured)
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/architecture/ok");
    let mut low = Vec::new();
    for name in ["seed-000.mmd", "seed-001.mmd"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("seed fixture is readable");
        let (d, l) = laid_out(&text);
        let (o, h, misses) = side_share(&d, &l);
        let share = percent(o, h);
        println!("{name}: {h} of {o} opposite-side edges honoured ({share:.1} %); missed: {misses:?}");
        if share < 90.0 {
            low.push(format!("{name}: {share:.1} %"));
        }
    }
    assert!(low.is_empty(), "under 90 % of opposite-side edges honoured: {}", low.join(", "));
}
