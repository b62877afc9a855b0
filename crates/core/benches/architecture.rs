//! Criterion benchmarks of architecture-beta diagrams: parse, measure + layout and render
//! for the two seed fixtures (`tests/fixtures/architecture/ok/seed-00{0,1}.mmd`) and the
//! whole pipeline for each, then the whole pipeline on generated diagrams of 100, 500,
//! 1,000 and 2,000 services in nested groups (`support/architecture.rs`), with measure +
//! layout alone beside it.
//!
//! `cargo bench -p coral-core --bench architecture`; numbers go in docs/PERFORMANCE.md.

#[path = "support/architecture.rs"]
mod generated;

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use coral_core::{layout, render, syntax};

fn seeds(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/architecture/ok");
    for name in ["seed-000", "seed-001"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.mmd"))).expect("seed fixture is readable");
        let parsed = syntax::parse(&text);
        let d = &parsed.diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        let l = layout::layout(d, &render::measure(d, &theme));
        let mut group = c.benchmark_group(format!("arch-{name}"));
        group.bench_function("parse", |b| b.iter(|| syntax::parse(black_box(&text))));
        group.bench_function("measure+layout", |b| {
            b.iter(|| layout::layout(black_box(d), &render::measure(black_box(d), &theme)))
        });
        group.bench_function("render", |b| b.iter(|| render::svg(black_box(d), black_box(&l), &theme)));
        group.bench_function("pipeline", |b| b.iter(|| coral_core::render(black_box(&text))));
        group.finish();
    }
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("arch-generated");
    group.sample_size(10);
    for n in [100, 500, 1_000, 2_000] {
        let text = generated::architecture(n);
        let out = coral_core::render(&text);
        assert!(!out.has_errors(), "generated diagram of {n} services has errors: {:?}", out.diagnostics);
        group.bench_with_input(BenchmarkId::new("pipeline", n), &text, |b, t| {
            b.iter(|| coral_core::render(black_box(t)))
        });
        // Layout alone, to tell its growth from the other stages'.
        let d = syntax::parse(&text).diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        group.bench_with_input(BenchmarkId::new("measure+layout", n), &d, |b, d| {
            b.iter(|| layout::layout(black_box(d), &render::measure(black_box(d), &theme)))
        });
    }
    group.finish();
}

criterion_group!(benches, seeds, scaling);
criterion_main!(benches);
