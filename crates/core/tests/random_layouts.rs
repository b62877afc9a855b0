//! `layout::verify` on a few hundred random flowcharts: nested subgraphs (some with their
//! own `direction`, some empty, some with long titles), every direction, shapes of
//! different sizes, labelled, long, invisible and both-ended edges, chains and fan-outs,
//! edges to and from subgraphs, self-loops on nodes and subgraphs. The
//! fixtures cover each feature on purpose; this covers the combinations nobody wrote down.
//! Deterministic (xorshift, fixed seeds), so a failure names a seed that reproduces it.

#[path = "../benches/support/shapes.rs"]
mod shapes;
mod support;

use coral_core::{layout, render, syntax};
use support::random_flowchart::diagram;
use support::seeds;

/// Seeds run by default; `CORAL_RANDOM_SEEDS=START..END` runs others (a deeper search).
const SEEDS: u64 = 1500;

#[test]
fn random_flowcharts_lay_out_without_violations() {
    let mut failures = Vec::new();
    let seeds = seeds(SEEDS);
    for seed in seeds.clone() {
        let text = diagram(seed);
        let parsed = syntax::parse(&text);
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "seed {seed} does not parse:\n{text}");
        let d = &parsed.diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        let l = layout::layout(d, &render::measure(d, &theme));
        let v = layout::verify::verify(d, &l);
        if !v.is_empty() {
            failures.push(format!("seed {seed}: {v:?}\n{text}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {SEEDS} random diagrams break verify:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same random flowcharts drawn the way the editor draws while the user types: after
/// the drawing of the text with one of its lines missing (so the layout starts from that
/// drawing's order, `RenderOptions::previous`). They must verify as well as fresh ones.
#[test]
fn random_flowcharts_drawn_after_an_earlier_version_lay_out_without_violations() {
    support::verify_after_earlier_versions(seeds(SEEDS / 5), diagram);
}

/// The benches' other generated shapes (deep nesting, edges between clusters, hubs, long
/// chains, labels on most edges) at small sizes and a few seeds each.
#[test]
fn generated_shapes_lay_out_without_violations() {
    let mut failures = Vec::new();
    for shape in shapes::ALL {
        for n in [12, 40, 90, 150] {
            for seed in 0..4 {
                let text = shapes::flowchart(shape, n, seed);
                let parsed = syntax::parse(&text);
                assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{} {n} {seed} does not parse", shape.name());
                let d = &parsed.diagram;
                let theme = render::theme::Theme::from_config(&d.config);
                let l = layout::layout(d, &render::measure(d, &theme));
                let v = layout::verify::verify(d, &l);
                if !v.is_empty() {
                    failures.push(format!("{} n={n} seed={seed}: {v:?}\n{text}", shape.name()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A mid-sized diagram is laid out with both entries and keeps the better; drawn again
/// after a drawing (as the editor does while the user types) it takes the entry that
/// drawing had, whichever that was, and lays out once.
#[test]
fn a_relayout_keeps_the_entry_its_drawing_had() {
    let draw = |text: &str, previous: Option<&coral_core::Previous>| {
        let options = coral_core::RenderOptions { previous, ..Default::default() };
        let (out, drawing) = coral_core::render_drawing(text, &coral_core::icons::NoPacks, &options);
        assert!(!out.has_errors(), "{:#?}", out.diagnostics);
        drawing.expect("a drawing")
    };
    let mut fresh_entries = Vec::new();
    for (shape, n) in [(shapes::Shape::Deep, 100), (shapes::Shape::Labelled, 200), (shapes::Shape::Hubs, 200)] {
        let text = shapes::flowchart(shape, n, 1);
        let fresh = draw(&text, None);
        fresh_entries.push(fresh.scene.layout().over_top);
        for over_top in [false, true] {
            let mut before = fresh.scene.layout().clone();
            before.over_top = over_top;
            let again = draw(&text, Some(&coral_core::Previous::of_layout(&fresh.diagram, &before)));
            assert_eq!(again.scene.layout().over_top, over_top, "{} {n}", shape.name());
        }
    }
    // Fresh drawings choose both ways.
    assert!(fresh_entries.contains(&true) && fresh_entries.contains(&false), "{fresh_entries:?}");
}
