//! Criterion benchmarks of the icon finder and resolution over every shipped name: the
//! app runs `icons::search` on each keystroke in the icon finder (budget: 50 ms in WASM,
//! so about 5 ms natively), and `icons::resolve` once per misspelt icon while parsing.
//!
//! `cargo bench -p coral-core --bench icons`; numbers go in docs/ARCHITECTURE.md.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use coral_core::icons;

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("icons-search");
    // A one-letter query matches most names (the worst case for sorting); a pack prefix
    // narrows; a subsequence query walks every name without an early match.
    for q in ["a", "kafka", "logos:kaf", "aws s3", "pgsql", "zzzzqq"] {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| b.iter(|| icons::search(black_box(q), 20)));
    }
    group.finish();
}

fn resolve(c: &mut Criterion) {
    let mut group = c.benchmark_group("icons-resolve");
    for q in ["logos:kafka", "logos:apache-kafka", "mdi:shield-lok", "nope:zzqxw"] {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| b.iter(|| icons::resolve(black_box(q))));
    }
    group.finish();
}

criterion_group!(benches, search, resolve);
criterion_main!(benches);
