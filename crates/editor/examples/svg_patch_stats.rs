//! What patching one SVG into another would do: `cargo run --release -p coral-editor
//! --example svg_patch_stats -- OLD.svg NEW.svg` prints how many elements stay, get
//! attributes set, are created or removed, how much markup the browser would parse, and
//! how long reading and planning took.

use coral_editor::svg_patch::{self, Dirty, Level, Step};

#[derive(Default, Debug)]
struct Counts {
    kept: usize,
    attrs: usize,
    attr_values: usize,
    fresh: usize,
    removed: usize,
    moved: usize,
}

fn count(level: &Level, c: &mut Counts) {
    c.attr_values += level.attrs.len();
    let mut used = 0;
    for (step, stay) in level.children.iter().zip(&level.stay) {
        match step {
            Step::Keep(_) => c.kept += 1,
            Step::Attrs(_, a) | Step::Reset(_, a) => {
                c.attrs += 1;
                c.attr_values += a.len();
            }
            Step::Into(_, l) => count(l, c),
            Step::Fresh => c.fresh += 1,
        }
        if !matches!(step, Step::Fresh) {
            used += 1;
            if !stay {
                c.moved += 1;
            }
        }
    }
    c.removed += level.old_len - used;
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [old, new] = &args[..] else {
        eprintln!("usage: svg_patch_stats OLD.svg NEW.svg");
        std::process::exit(2);
    };
    let old = std::fs::read_to_string(old).expect("read OLD");
    let new = std::fs::read_to_string(new).expect("read NEW");
    let started = std::time::Instant::now();
    let a = svg_patch::parse(&old).expect("OLD is not well-formed");
    let id = |s: &str, n: &svg_patch::Node| svg_patch::attr(s, &n.open, "id").unwrap_or("").to_string();
    let b0 = svg_patch::parse(&new).expect("NEW is not well-formed");
    let (from, to) = (id(&new, &b0), id(&old, &a));
    let t_parse2 = started.elapsed();
    let rename = Some(svg_patch::Rename { from: &from, to: &to });
    let plan = svg_patch::plan(&old, &a, &new, &b0, rename, &Dirty::default()).expect("a plan");
    let took = started.elapsed();
    println!(
        "read both: {:.2} ms, plan: {:.2} ms",
        t_parse2.as_secs_f64() * 1000.0,
        (took - t_parse2).as_secs_f64() * 1000.0
    );
    let mut c = Counts::default();
    count(&plan.root, &mut c);
    println!(
        "{c:?}\nfresh markup: {} bytes of {} ({:.1} %), {} elements; read both + plan: {:.2} ms",
        plan.fresh.len(),
        new.len(),
        100.0 * plan.fresh.len() as f64 / new.len() as f64,
        plan.fresh_count,
        took.as_secs_f64() * 1000.0
    );
}
