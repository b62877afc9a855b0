//! The random flowcharts of `random_layouts.rs` (also drawn by `examples/layout_report.rs`
//! for its figures): nested subgraphs (some with their own `direction`, some empty, some
//! with long titles), every direction, shapes of different sizes, labelled, long,
//! invisible and both-ended edges, chains and fan-outs, edges to and from subgraphs,
//! self-loops on nodes and subgraphs. Deterministic for a seed.

use super::Rng;

const SHAPES: &[&str] = &[
    "",
    "[Some label]",
    "(round)",
    "{decide?}",
    "[[sub]]",
    "((c))",
    "[\"long label<br>two lines\"]",
    "@{ shape: cyl, label: \"DB\" }",
    "@{ shape: doc }",
    "@{ shape: hex, label: \"Hexagon label\" }",
    "@{ shape: sm-circ }",
    "@{ shape: fork }",
    ">asym]",
    "[/lean/]",
    "(((dbl)))",
    "@{ shape: text, label: \"just text\" }",
    "@{ shape: brace, label: \"comment\" }",
    "[\"`**bold** and *it*`\"]",
];

const ARROWS: &[&str] = &["-->", "---", "-.->", "==>", "--->", "<-->", "~~~", "--o", "--x", "-.-", "===", "---->"];

pub fn diagram(seed: u64) -> String {
    let mut r = Rng::new(seed);
    let mut out = format!("flowchart {}\n", r.pick(&["TB", "LR", "BT", "RL"]));
    let n = 3 + if r.chance(30) { r.next(38) } else { r.next(10) };
    let clusters = r.next(8);
    let parent: Vec<Option<usize>> =
        (0..clusters).map(|c| if c > 0 && r.chance(60) { Some(r.next(c)) } else { None }).collect();
    let home: Vec<Option<usize>> =
        (0..n).map(|_| if clusters > 0 && r.chance(70) { Some(r.next(clusters)) } else { None }).collect();
    fn emit(
        out: &mut String,
        r: &mut Rng,
        c: Option<usize>,
        depth: usize,
        parent: &[Option<usize>],
        home: &[Option<usize>],
    ) {
        let pad = "  ".repeat(depth);
        for k in 0..parent.len() {
            if parent[k] == c {
                let title = match r.next(3) {
                    0 => format!(" [Group {k}]"),
                    1 => format!(" [\"A much longer group title {k}\"]"),
                    _ => String::new(),
                };
                out.push_str(&format!("{pad}subgraph C{k}{title}\n"));
                if r.chance(20) {
                    out.push_str(&format!("{pad}  direction {}\n", r.pick(&["TB", "LR", "RL", "BT"])));
                }
                emit(out, r, Some(k), depth + 1, parent, home);
                out.push_str(&format!("{pad}end\n"));
            }
        }
        for (v, &h) in home.iter().enumerate() {
            if h == c {
                out.push_str(&format!("{pad}N{v}{}\n", r.pick(SHAPES)));
            }
        }
    }
    emit(&mut out, &mut r, None, 1, &parent, &home);
    let ends: Vec<String> = (0..n).map(|v| format!("N{v}")).chain((0..clusters).map(|c| format!("C{c}"))).collect();
    for _ in 0..r.next(2 * n) {
        let a = ends[r.next(ends.len())].clone();
        let b = if r.chance(10) { a.clone() } else { ends[r.next(ends.len())].clone() };
        let c = ends[r.next(ends.len())].clone();
        let arrow = r.pick(ARROWS);
        let label = match r.next(6) {
            _ if arrow == "~~~" => String::new(),
            0 => format!("|l{}|", r.next(100)),
            1 => "|a much longer edge label|".to_string(),
            2 => "|two<br>lines|".to_string(),
            _ => String::new(),
        };
        match r.next(10) {
            0 => out.push_str(&format!("  {a} & {c} {arrow}{label} {b}\n")),
            1 => out.push_str(&format!("  {a} {arrow} {b} {arrow} {c}\n")),
            _ => out.push_str(&format!("  {a} {arrow}{label} {b}\n")),
        }
    }
    if r.chance(30) {
        out.push_str(&format!("  classDef hot fill:#f96,stroke:#333,stroke-width:4px\n  class N{} hot\n", r.next(n)));
    }
    out
}
