//! A drag, natively, step by step, as the app does it: `Scene::displace_all` +
//! `settle_within(STEP_WORK)` + `render::patch::patches`, along the timing harness's path
//! (`crates/e2e/tests/timing.rs`: right 3 px a step, a sine up and down). Prints the
//! median, p95 and maximum step; for profiling (`perf record`, callgrind) of what a step
//! costs without a browser.
//!
//! `cargo run --release -p coral-core --example drag_steps -- FILE.mmd ID [STEPS] [SCALE]`
//! (SCALE: screen pixels per diagram unit, as the app's fitted view has them; default 1).

use std::time::Instant;

use coral_core::layout::{STEP_WORK, Scene};
use coral_core::model::{Endpoint, Point};
use coral_core::render::patch::patches;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, file, id, rest @ ..] = &args[..] else {
        eprintln!("usage: drag_steps FILE.mmd ID [STEPS] [SCALE]");
        std::process::exit(2);
    };
    let steps: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(60);
    let scale: f64 = rest.get(1).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let text = std::fs::read_to_string(file).expect("read the diagram");
    let (_, drawing) =
        coral_core::render_drawing(&text, &coral_core::icons::NoPacks, &coral_core::RenderOptions::default());
    let Some(drawing) = drawing else {
        eprintln!("{file}: nothing to draw");
        std::process::exit(1);
    };
    let d = &drawing.diagram;
    let target = match (d.node_index(id), d.cluster_index(id)) {
        (Some(n), _) => Endpoint::Node(n),
        (None, Some(c)) => Endpoint::Cluster(c),
        _ => {
            eprintln!("{file}: no node or group {id}");
            std::process::exit(1);
        }
    };
    let mut scene: Scene = drawing.scene.clone();
    let start = scene.anchor(target).expect("an anchor");
    let mut times = Vec::with_capacity(steps);
    let (mut pending, mut edges) = (0, 0);
    for k in 0..steps {
        // Past 60 steps, back and forth along the same path (for profiles of many steps).
        let j = if (k / 60) % 2 == 0 { k % 60 } else { 59 - k % 60 } as f64;
        let (px, py) = (6.0 + 3.0 * j, 6.0 + 2.0 * (j / 4.0).sin() * 20.0);
        let to = Point { x: (start.x + px / scale).round(), y: (start.y + py / scale).round() };
        let t = Instant::now();
        let now = scene.anchor(target).expect("an anchor");
        scene.displace_all(d, &[target], (to.x - now.x, to.y - now.y));
        let changes = scene.settle_within(d, STEP_WORK);
        let p = patches(d, drawing.scene.layout(), &scene, &changes);
        std::hint::black_box(p);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        pending += changes.pending;
        edges += changes.edges.len();
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let q = |f: f64| sorted[((sorted.len() - 1) as f64 * f).round() as usize];
    println!(
        "{id}: {steps} steps, median {:.3} ms, p95 {:.3} ms, max {:.3} ms; {:.1} edges and {:.1} pending a step",
        q(0.5),
        q(0.95),
        q(1.0),
        edges as f64 / steps as f64,
        pending as f64 / steps as f64
    );
    if std::env::var_os("DRAG_STEPS_ALL").is_some() {
        println!("{}", times.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(" "));
    }
}
