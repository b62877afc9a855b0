//! Criterion benchmarks of C4 diagrams: parse, measure + layout and render for seed 002
//! (`tests/fixtures/c4/ok/seed-002.mmd`) and the whole pipeline for it, then the whole
//! pipeline on generated container diagrams of 50, 200 and 500 elements
//! (`support/c4.rs`), with measure + layout alone beside it.
//!
//! `cargo bench -p coral-core --bench c4`; numbers go in docs/PERFORMANCE.md.

#[path = "support/c4.rs"]
mod generated;

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use coral_core::{layout, render, syntax};

fn seed(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/c4/ok/seed-002.mmd");
    let text = std::fs::read_to_string(path).expect("seed fixture is readable");
    let parsed = syntax::parse(&text);
    let d = &parsed.diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let l = layout::layout(d, &render::measure(d, &theme));
    let mut group = c.benchmark_group("c4-seed-002");
    group.bench_function("parse", |b| b.iter(|| syntax::parse(black_box(&text))));
    group.bench_function("measure+layout", |b| {
        b.iter(|| layout::layout(black_box(d), &render::measure(black_box(d), &theme)))
    });
    group.bench_function("render", |b| b.iter(|| render::svg(black_box(d), black_box(&l), &theme)));
    group.bench_function("pipeline", |b| b.iter(|| coral_core::render(black_box(&text))));
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("c4-generated");
    group.sample_size(10);
    for n in [50, 200, 500] {
        let text = generated::c4(n);
        let out = coral_core::render(&text);
        assert!(!out.has_errors(), "generated diagram of {n} elements has errors: {:?}", out.diagnostics);
        group.bench_with_input(BenchmarkId::new("pipeline", n), &text, |b, t| {
            b.iter(|| coral_core::render(black_box(t)))
        });
        let d = syntax::parse(&text).diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        group.bench_with_input(BenchmarkId::new("measure+layout", n), &d, |b, d| {
            b.iter(|| layout::layout(black_box(d), &render::measure(black_box(d), &theme)))
        });
    }
    group.finish();
}

criterion_group!(benches, seed, scaling);
criterion_main!(benches);
