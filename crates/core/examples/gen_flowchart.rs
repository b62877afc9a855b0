//! Writes one of the benchmark's generated flowcharts to stdout, for profiling with
//! `layout_report`: `cargo run --release -p coral-core --example gen_flowchart -- 1000`.

#[path = "../benches/support/generated.rs"]
mod generated;

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    print!("{}", generated::flowchart(n));
}
