//! What handing a drawing from a Web Worker to the page costs (`coral_core::transfer`),
//! natively: the whole pipeline (the worker's part), the page's part (the text read again
//! plus the scene decoded), and the size of what crosses.
//!
//! `cargo run --profile bench -p coral-core --example transfer_cost -- 1000,2000,5000`
//! (cloud flowcharts, `benches/support/cloud.rs`), or `-- FILE...`.

use std::time::Instant;

use coral_core::icons::NoPacks;
use coral_core::{RenderOptions, transfer};

#[path = "../benches/support/cloud.rs"]
mod cloud;

/// The median of `runs` timings of `f`, in milliseconds.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one run"))
}

fn report(name: &str, text: &str) {
    let options = RenderOptions::default();
    let (pipeline, made) = time(3, || transfer::make(text, &NoPacks, &options));
    let (page, (_, drawing)) = time(5, || transfer::receive(text, &options, None, made.scene.as_deref()));
    let (read, _) = time(5, || transfer::receive(text, &options, None, None));
    let kb = |s: &Option<String>| s.as_ref().map_or(0, String::len) as f64 / 1024.0;
    println!(
        "| {name} | {} KB | {pipeline:.1} ms | {page:.1} ms (read {read:.1} ms) | {:.0} KB | {:.0} KB | {} |",
        text.len() / 1024,
        kb(&made.svg),
        kb(&made.scene),
        if drawing.is_some() { "yes" } else { "no" },
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("| diagram | text | worker: pipeline + encode | page: read + decode | SVG | scene JSON | drawing |");
    println!("|---|---|---|---|---|---|---|");
    match args.first() {
        Some(first) if first.chars().all(|c| c.is_ascii_digit() || c == ',') => {
            for n in first.split(',').filter_map(|n| n.parse().ok()) {
                report(&format!("cloud {n}"), &cloud::flowchart(n));
            }
        }
        _ => {
            for path in &args {
                match std::fs::read_to_string(path) {
                    Ok(text) => report(path, &text),
                    Err(e) => eprintln!("{path}: {e}"),
                }
            }
        }
    }
}
