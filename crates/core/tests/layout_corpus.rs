//! The layout corpus (`tests/layout-corpus/*.mmd`): hand-written flowcharts in the shapes
//! real diagrams take (services in subgraphs with edges between clusters, hubs into
//! sibling clusters, pipelines, deep nesting, unconnected members, state machines,
//! labelled fan-outs, every direction). Each must pass `layout::verify`, and their
//! layout-quality figures (`layout::quality`: crossings and cuts as svg-metrics counts
//! them, and the size) are a reviewed snapshot, so a change to the layout shows what it
//! does to every one of them. Bless with `INSTA_UPDATE=always` only after looking.
//!
//! The architecture corpus (`tests/layout-corpus/architecture/*.mmd`) does the same for
//! `architecture-beta`: systems as engineers draw them, from three services to sixty,
//! with nested groups, junctions, `{group}` ends, titles and every side pair. Its
//! snapshot also holds each diagram's counts of services, junctions, edges and groups,
//! the figures `tools/mermaid-compare` checks against Mermaid's drawing.

use coral_core::model::{DiagramKind, Shape};
use coral_core::{layout, render, syntax};
use std::fmt::Write;
use std::path::Path;

mod support;
use support::diagrams_in;

/// One corpus diagram: its name, what parsing gave, its layout and theme, and what
/// `layout::verify` finds wrong with the layout (empty when nothing).
struct Laid {
    name: String,
    parsed: syntax::Parsed,
    layout: layout::Layout,
    theme: render::theme::Theme,
    violations: Vec<layout::verify::Violation>,
}

fn lay_out(path: &Path) -> Laid {
    let text = std::fs::read_to_string(path).expect("readable");
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    let parsed = syntax::parse(&text);
    let d = &parsed.diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let layout = layout::layout(d, &render::measure(d, &theme));
    let violations = layout::verify::verify(d, &layout);
    Laid { name, parsed, layout, theme, violations }
}

#[test]
fn layout_corpus_figures() {
    let files = diagrams_in(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/layout-corpus")));
    assert!(files.len() >= 40, "the corpus holds at least 40 diagrams");
    let mut table = String::from("diagram | crossings | cuts | size\n");
    let (mut crossings, mut cuts) = (0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let Laid { name, parsed, layout: l, violations: v, .. } = lay_out(path);
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{name} does not parse");
        let d = &parsed.diagram;
        if !v.is_empty() {
            failures.push(format!("{name}: {v:?}"));
        }
        let f = layout::quality::figures(d, &l);
        crossings += f.crossings;
        cuts += f.cuts;
        writeln!(table, "{name} | {} | {} | {:.0} x {:.0}", f.crossings, f.cuts, f.width, f.height).unwrap();
    }
    writeln!(table, "total | {crossings} | {cuts} |").unwrap();
    assert!(failures.is_empty(), "verify fails on:\n{}", failures.join("\n"));
    insta::assert_snapshot!(table);
}

#[test]
fn architecture_corpus_figures() {
    let files = diagrams_in(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/layout-corpus/architecture")));
    assert!(files.len() >= 30, "the architecture corpus holds at least 30 diagrams");
    let mut table = String::from("diagram | services | junctions | edges | groups | crossings | cuts | size\n");
    let (mut crossings, mut cuts) = (0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let Laid { name, parsed, layout: l, theme, violations: v } = lay_out(path);
        // Every icon named exists in the shipped packs and every line is valid syntax, so
        // not even a warning is expected (a misspelt icon would be a W05xx).
        assert!(parsed.diagnostics.is_empty(), "{name}: {:?}", parsed.diagnostics);
        let d = &parsed.diagram;
        assert_eq!(d.kind, Some(DiagramKind::Architecture), "{name}");
        if !v.is_empty() {
            failures.push(format!("{name}: {v:?}"));
        }
        // Drawn with the real packs, no icon is a placeholder.
        let svg = render::svg_with(d, &l, &theme, &coral_icons::Packs);
        if svg.contains("icon-missing") || svg.contains("icon-pending") {
            failures.push(format!("{name}: an icon is drawn as a placeholder"));
        }
        let junctions = d.nodes.iter().filter(|n| n.shape == Shape::Junction).count();
        let f = layout::quality::figures(d, &l);
        crossings += f.crossings;
        cuts += f.cuts;
        writeln!(
            table,
            "{name} | {} | {junctions} | {} | {} | {} | {} | {:.0} x {:.0}",
            d.nodes.len() - junctions,
            d.edges.len(),
            d.clusters.len(),
            f.crossings,
            f.cuts,
            f.width,
            f.height
        )
        .unwrap();
    }
    writeln!(table, "total | | | | | {crossings} | {cuts} |").unwrap();
    assert!(failures.is_empty(), "on the architecture corpus:\n{}", failures.join("\n"));
    insta::assert_snapshot!(table);
}

/// No edge runs through a cluster's title, in the corpus and the flowchart fixtures: a
/// title moves along its box's top to where nothing crosses it (`layout::titles`). Not
/// checked where pins moved things, since routes around pinned elements are not
/// steered clear of titles.
#[test]
fn edges_keep_clear_of_cluster_titles() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut files = diagrams_in(&root.join("tests/layout-corpus"));
    files.extend(diagrams_in(&root.join("tests/fixtures/flowchart/ok")));
    let mut hits = Vec::new();
    for path in &files {
        let Laid { name, parsed, layout: l, theme, .. } = lay_out(path);
        let d = &parsed.diagram;
        if d.nodes.iter().any(|n| n.pinned.is_some()) || d.clusters.iter().any(|c| c.pinned.is_some()) {
            continue;
        }
        let sizes = render::measure(d, &theme);
        for (e, c) in layout::quality::title_hits(d, &sizes, &l) {
            hits.push(format!("{name}: {} through the title of {}", d.edges[e].id, d.clusters[c].id));
        }
    }
    assert!(files.len() > 100);
    assert!(hits.is_empty(), "edges through titles:\n{}", hits.join("\n"));
}
