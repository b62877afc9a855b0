//! The layout corpus (`tests/layout-corpus/*.mmd`): hand-written flowcharts in the shapes
//! real diagrams take (services in subgraphs with edges between clusters, hubs into
//! sibling clusters, pipelines, deep nesting, unconnected members, state machines,
//! labelled fan-outs, every direction). Each must pass `layout::verify`, and their
//! layout-quality figures (`layout::quality`: crossings and cuts as svg-metrics counts
//! them, and the size) are a reviewed snapshot, so a change to the layout shows what it
//! does to every one of them. Bless with `INSTA_UPDATE=always` only after looking.

use coral_core::{layout, render, syntax};
use std::fmt::Write;

#[test]
fn layout_corpus_figures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/layout-corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "mmd"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the corpus holds at least 40 diagrams");
    let mut table = String::from("diagram | crossings | cuts | size\n");
    let (mut crossings, mut cuts) = (0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable");
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let parsed = syntax::parse(&text);
        assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{name} does not parse");
        let d = &parsed.diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        let l = layout::layout(d, &render::measure(d, &theme));
        let v = layout::verify::verify(d, &l);
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
