//! Layout report for diagrams: sizes, crossings the ordering ended with, `verify`
//! violations and stage timings. A developer tool for tuning layout:
//!
//! ```text
//! cargo run --release -p coral-core --example layout_report -- FILE.md|FILE.mmd [--svg OUT.svg]
//! ```

use std::time::Instant;

use coral_core::{layout, markdown, render, syntax};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: layout_report FILE [--svg OUT.svg]");
        std::process::exit(2);
    };
    let svg_out = match (args.next().as_deref(), args.next()) {
        (Some("--svg"), Some(out)) => Some(out),
        _ => None,
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let source = markdown::diagram_source(&text, 0).map_or(text.as_str(), |b| b.code);
    let t0 = Instant::now();
    let parsed = syntax::parse(source);
    let t1 = Instant::now();
    let d = &parsed.diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let sizes = render::measure(d, &theme);
    let l = layout::layout(d, &sizes);
    let t2 = Instant::now();
    let svg = render::svg(d, &l, &theme);
    let t3 = Instant::now();
    let violations = layout::verify::verify(d, &l);
    println!(
        "{path}: {} nodes, {} edges, {} clusters; {:.0}x{:.0}; ordering crossings {}; {} violations; parse {:?} layout {:?} render {:?}",
        d.nodes.len(),
        d.edges.len(),
        d.clusters.len(),
        l.width,
        l.height,
        l.crossings,
        violations.len(),
        t1 - t0,
        t2 - t1,
        t3 - t2
    );
    for v in &violations {
        println!("  {v:?}");
    }
    for diag in parsed.diagnostics.iter().filter(|d| d.is_error()) {
        println!("  error: {}", diag.message);
    }
    if let Some(out) = svg_out {
        std::fs::write(&out, svg).unwrap_or_else(|e| eprintln!("{out}: {e}"));
    }
}
