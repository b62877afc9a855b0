//! Criterion benchmarks of the pipeline: parse, layout and render for each seed diagram
//! (the copies in `assets/examples/`), the whole pipeline for each, and the whole
//! pipeline on generated flowcharts of 100, 1,000 and 5,000 nodes, and on the deeply
//! nested, fan-out- and label-heavy "cloud" shape (`support/cloud.rs`) at 1,000, 2,000
//! and 5,000 nodes.
//!
//! `cargo xtask bench` (or `cargo bench -p coral-core`); numbers go in docs/PERFORMANCE.md.

#[path = "support/cloud.rs"]
mod cloud;
#[path = "support/generated.rs"]
mod generated;
#[path = "support/shapes.rs"]
mod shapes;

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use coral_core::{layout, render, syntax};

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("assets/examples exists")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "mmd"))
        .map(|e| {
            (e.file_name().to_string_lossy()[..3].to_string(), std::fs::read_to_string(e.path()).expect("readable"))
        })
        .collect();
    out.sort();
    out
}

fn stages(c: &mut Criterion) {
    for (name, text) in seeds() {
        let parsed = syntax::parse(&text);
        let d = &parsed.diagram;
        let mut group = c.benchmark_group(format!("seed-{name}"));
        group.bench_function("parse", |b| b.iter(|| syntax::parse(black_box(&text))));
        if d.kind.is_some() {
            let theme = render::theme::Theme::from_config(&d.config);
            let sizes = render::measure(d, &theme);
            let l = layout::layout(d, &sizes);
            group.bench_function("measure+layout", |b| {
                b.iter(|| layout::layout(black_box(d), &render::measure(black_box(d), &theme)))
            });
            group.bench_function("render", |b| b.iter(|| render::svg(black_box(d), black_box(&l), &theme)));
        }
        group.bench_function("pipeline", |b| b.iter(|| coral_core::render(black_box(&text))));
        group.finish();
    }
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated");
    group.sample_size(10);
    for n in [100, 1_000, 5_000] {
        let text = generated::flowchart(n);
        group.bench_with_input(BenchmarkId::new("pipeline", n), &text, |b, t| {
            b.iter(|| coral_core::render(black_box(t)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("cloud");
    group.sample_size(10);
    for n in [1_000, 2_000, 5_000] {
        let text = cloud::flowchart(n);
        group.bench_with_input(BenchmarkId::new("pipeline", n), &text, |b, t| {
            b.iter(|| coral_core::render(black_box(t)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("shapes");
    group.sample_size(10);
    for shape in shapes::ALL {
        for n in [1_000, 5_000] {
            let text = shapes::flowchart(shape, n, 1);
            group.bench_with_input(BenchmarkId::new(shape.name(), n), &text, |b, t| {
                b.iter(|| coral_core::render(black_box(t)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, stages, scaling);
criterion_main!(benches);
