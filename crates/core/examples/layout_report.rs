//! Layout-quality figures and timings (docs/PERFORMANCE.md, issue 13).
//!
//! ```sh
//! cargo run --release -p coral-core --example layout_report -- FILE...       # per file
//! cargo run --release -p coral-core --example layout_report -- --random 400 [--rows]  # random set
//! cargo run --release -p coral-core --example layout_report -- --cloud 1000,5000
//! cargo run --release -p coral-core --example layout_report -- --generated 1000
//! cargo run --release -p coral-core --example layout_report -- --shapes 100,1000  # shapes.rs
//! cargo run --release -p coral-core --example layout_report -- --print-cloud 5000 > c.mmd
//! cargo run --release -p coral-core --example layout_report -- --print-random 145 > r.mmd
//! cargo run --release -p coral-core --example layout_report -- --print-shape cross-cluster 5000 > x.mmd
//! ```
//!
//! Per diagram: nodes, edges, clusters, crossings and cuts (`layout::quality`, measured
//! as svg-metrics measures the SVG), size, and the time of the whole pipeline
//! (`coral_core::render_drawing`, best of three for the generated ones).

#[path = "../benches/support/cloud.rs"]
mod cloud;
#[path = "../benches/support/generated.rs"]
mod generated;
#[path = "../benches/support/shapes.rs"]
mod shapes;
#[path = "../tests/support/mod.rs"]
mod support;

use coral_core::layout::quality;
use std::time::{Duration, Instant};

struct Row {
    name: String,
    nodes: usize,
    edges: usize,
    clusters: usize,
    figures: quality::Figures,
    time: Duration,
}

fn measure(name: &str, text: &str, runs: usize) -> Option<Row> {
    let mut best = Duration::MAX;
    let mut drawing = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let (_, d) = coral_core::render_drawing(text, &coral_core::icons::NoPacks, &Default::default());
        best = best.min(start.elapsed());
        drawing = d;
    }
    let d = drawing?;
    let figures = quality::figures(&d.diagram, d.scene.layout());
    if std::env::var_os("TITLE_HITS").is_some() {
        let theme = coral_core::render::theme::Theme::from_config(&d.diagram.config);
        let sizes = coral_core::render::measure(&d.diagram, &theme);
        for (e, c) in quality::title_hits(&d.diagram, &sizes, d.scene.layout()) {
            eprintln!("title hit: {name}: edge {} through {}", d.diagram.edges[e].id, d.diagram.clusters[c].id);
        }
    }
    Some(Row {
        name: name.to_string(),
        nodes: d.diagram.nodes.len(),
        edges: d.diagram.edges.len(),
        clusters: d.diagram.clusters.len(),
        figures,
        time: best,
    })
}

fn print(rows: &[Row]) {
    println!("| diagram | nodes | edges | clusters | crossings | cuts | size | aspect | pipeline |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let f = r.figures;
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.0} × {:.0} | {:.2} | {:.1} ms |",
            r.name,
            r.nodes,
            r.edges,
            r.clusters,
            f.crossings,
            f.cuts,
            f.width,
            f.height,
            f.width / f.height.max(1.0),
            r.time.as_secs_f64() * 1e3
        );
    }
    let (c, u): (usize, usize) = rows.iter().fold((0, 0), |(c, u), r| (c + r.figures.crossings, u + r.figures.cuts));
    println!("| **total** ({} diagrams) | | | | **{c}** | **{u}** | | | |", rows.len());
}

fn sizes(arg: Option<&String>) -> Vec<usize> {
    arg.map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect()).unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--random") => {
            let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(400u64);
            let rows: Vec<Row> = (0..n)
                .filter_map(|seed| measure(&format!("random {seed}"), &support::random_flowchart::diagram(seed), 1))
                .collect();
            let (c, u): (usize, usize) =
                rows.iter().fold((0, 0), |(c, u), r| (c + r.figures.crossings, u + r.figures.cuts));
            let with_cuts = rows.iter().filter(|r| r.figures.cuts > 0).count();
            if args.get(2).is_some_and(|a| a == "--rows") {
                print(&rows);
            }
            println!("{} random flowcharts: {c} crossings, {u} cuts ({with_cuts} diagrams with cuts)", rows.len());
        }
        Some("--cloud") => {
            let rows: Vec<Row> = sizes(args.get(1))
                .into_iter()
                .filter_map(|n| measure(&format!("cloud {n}"), &cloud::flowchart(n), 3))
                .collect();
            print(&rows);
        }
        Some("--generated") => {
            let rows: Vec<Row> = sizes(args.get(1))
                .into_iter()
                .filter_map(|n| measure(&format!("generated {n}"), &generated::flowchart(n), 3))
                .collect();
            print(&rows);
        }
        Some("--shapes") => {
            let mut rows = Vec::new();
            for shape in shapes::ALL {
                for n in sizes(args.get(1)) {
                    rows.extend(measure(&format!("{} {n}", shape.name()), &shapes::flowchart(shape, n, 1), 3));
                }
            }
            print(&rows);
        }
        Some("--print-shape") => {
            let name = args.get(1).map_or("", String::as_str);
            let n = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
            if let Some(&shape) = shapes::ALL.iter().find(|s| s.name() == name) {
                print!("{}", shapes::flowchart(shape, n, 1));
            }
        }
        Some("--print-random") => {
            let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            print!("{}", support::random_flowchart::diagram(seed));
        }
        Some("--print-cloud") => {
            let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
            print!("{}", cloud::flowchart(n));
        }
        _ => {
            let mut rows = Vec::new();
            for path in &args {
                match std::fs::read_to_string(path) {
                    Ok(text) => {
                        let name =
                            std::path::Path::new(path).file_stem().map_or(path.clone(), |s| s.to_string_lossy().into());
                        rows.extend(measure(&name, &text, 1));
                    }
                    Err(e) => eprintln!("{path}: {e}"),
                }
            }
            print(&rows);
        }
    }
}
