//! `layout::verify` and the relation directions on a few hundred random C4 diagrams:
//! boundaries of every kind nested up to three deep (some empty), persons, systems,
//! containers and components with `Db`/`Queue`/`_Ext` variants, descriptions of several
//! lengths, and relations of every macro — `Rel`, `BiRel`, `Rel_Back`, `RelIndex`, and
//! `Rel_U/D/L/R` in short and long forms — labelled or not, with a technology or not.
//! Directions follow two hidden random orders of the elements, so the text never
//! contradicts itself; elements without relations are common.
//!
//! Each diagram is parsed (no error allowed), measured, laid out and drawn: verify must
//! find nothing, the SVG must be well-formed with nothing executable, and every relation
//! along the diagram's flow must find its target on the side it names (`Rel_R` in a
//! left-to-right diagram: strictly right of its source). Relations across the flow are
//! counted, not required: the layout keeps them side by side where the rest allows.
//!
//! Deterministic (xorshift, fixed seeds); `CORAL_RANDOM_SEEDS=START..END` runs others.

mod support;

use std::fmt::Write as _;

use coral_core::layout::{self, Rect};
use coral_core::model::{Diagram, Direction, Endpoint, Side};
use coral_core::{render, syntax};
use support::{Rng, seeds, svg_complaint};

const SEEDS: u64 = 200;

const ELEMENTS: &[&str] = &[
    "Person",
    "Person_Ext",
    "System",
    "System_Ext",
    "SystemDb",
    "SystemQueue_Ext",
    "Container",
    "ContainerDb",
    "ContainerQueue",
    "Container_Ext",
    "Component",
    "ComponentDb",
    "Component_Ext",
];

const BOUNDARIES: &[&str] =
    &["Boundary", "Enterprise_Boundary", "System_Boundary", "Container_Boundary", "Deployment_Node", "Node"];

const NAMES: &[&str] = &["Web App", "Billing", "Orders DB", "Identity Provider", "A", "Mainframe Banking System"];

const DESCRIPTIONS: &[&str] =
    &["", "Handles things", "Stores all of the core banking information about customers, accounts and transactions."];

fn diagram(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let header = ["C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment"][rng.next(5)];
    let mut t = format!("{header}\n  title Random {seed}\n");
    let elements = 2 + rng.next(14);
    let mut open = 0;
    let mut boundaries = 0;
    for i in 0..elements {
        if open < 3 && rng.chance(20) {
            let kind = rng.pick(BOUNDARIES);
            writeln!(t, "{}{kind}(b{boundaries}, \"Boundary {boundaries}\") {{", "  ".repeat(open + 1)).unwrap();
            boundaries += 1;
            open += 1;
            if rng.chance(10) {
                // An empty boundary.
                writeln!(t, "{}}}", "  ".repeat(open)).unwrap();
                open -= 1;
            }
        }
        let kind = rng.pick(ELEMENTS);
        let name = rng.pick(NAMES);
        let descr = rng.pick(DESCRIPTIONS);
        let indent = "  ".repeat(open + 1);
        if kind.starts_with("Container") || kind.starts_with("Component") {
            writeln!(t, "{indent}{kind}(e{i}, \"{name} {i}\", \"Go\", \"{descr}\")").unwrap();
        } else {
            writeln!(t, "{indent}{kind}(e{i}, \"{name} {i}\", \"{descr}\")").unwrap();
        }
        if open > 0 && rng.chance(30) {
            writeln!(t, "{}}}", "  ".repeat(open)).unwrap();
            open -= 1;
        }
    }
    while open > 0 {
        writeln!(t, "{}}}", "  ".repeat(open)).unwrap();
        open -= 1;
    }
    // Every element has a place on both axes (two random orders); a directed relation
    // points the way its target's place lies from its source's, so no chain of
    // relations ever contradicts another on either axis.
    let place = |rng: &mut Rng| {
        let mut p: Vec<usize> = (0..elements).collect();
        for i in (1..elements).rev() {
            p.swap(i, rng.next(i + 1));
        }
        p
    };
    let (px, py) = (place(&mut rng), place(&mut rng));
    let relations = rng.next(elements * 2);
    for k in 0..relations {
        let a = rng.next(elements);
        let b = (a + 1 + rng.next(elements - 1)) % elements;
        let rel = match rng.next(10) {
            0 => rng.pick(&["Rel", "BiRel", "Rel_Back"]),
            1..=5 if px[b] > px[a] => rng.pick(&["Rel_R", "Rel_Right"]),
            1..=5 => rng.pick(&["Rel_L", "Rel_Left"]),
            _ if py[b] > py[a] => rng.pick(&["Rel_D", "Rel_Down"]),
            _ => rng.pick(&["Rel_U", "Rel_Up"]),
        };
        let label = if rng.chance(70) { format!(", \"calls {k}\"") } else { ", \"\"".to_string() };
        let techn = if rng.chance(50) { ", \"HTTPS\"" } else { "" };
        if rng.chance(10) {
            writeln!(t, "  RelIndex({k}, e{a}, e{b}{label}{techn})").unwrap();
        } else {
            writeln!(t, "  {rel}(e{a}, e{b}{label}{techn})").unwrap();
        }
    }
    t
}

/// Where `to` lies from `from`: how far beyond `from`'s far side in the side's direction.
fn beyond(from: Rect, to: Rect, side: Side) -> f64 {
    match side {
        Side::Right => to.x - from.right(),
        Side::Left => from.x - to.right(),
        Side::Bottom => to.y - from.bottom(),
        Side::Top => from.y - to.bottom(),
    }
}

fn along_flow(d: &Diagram, side: Side) -> bool {
    matches!(
        (d.direction, side),
        (Direction::LeftRight | Direction::RightLeft, Side::Left | Side::Right)
            | (Direction::TopBottom | Direction::BottomTop, Side::Top | Side::Bottom)
    )
}

#[test]
fn random_c4_diagrams_verify_and_honour_their_directions() {
    let mut failures = Vec::new();
    let (mut across, mut across_kept) = (0, 0);
    for seed in seeds(SEEDS) {
        let text = diagram(seed);
        let parsed = syntax::parse(&text);
        if let Some(e) = parsed.diagnostics.iter().find(|d| d.is_error()) {
            failures.push(format!("seed {seed}: parse error {e:?}\n{text}"));
            continue;
        }
        let d = &parsed.diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        let l = layout::layout(d, &render::measure(d, &theme));
        let violations = layout::verify::verify(d, &l);
        if !violations.is_empty() {
            failures.push(format!("seed {seed}: {violations:?}\n{text}"));
        }
        for (e, edge) in d.edges.iter().enumerate() {
            let (Endpoint::Node(a), Endpoint::Node(b), Some(side)) = (edge.from, edge.to, edge.from_side) else {
                continue;
            };
            let gap = beyond(l.nodes[a], l.nodes[b], side);
            if along_flow(d, side) {
                if gap <= 0.0 {
                    failures.push(format!("seed {seed}: relation {} ({side:?}) not honoured\n{text}", d.edges[e].id));
                }
            } else {
                across += 1;
                across_kept += usize::from(gap > 0.0);
            }
        }
        if let Some(problem) = svg_complaint(&render::svg(d, &l, &theme)) {
            failures.push(format!("seed {seed}: {problem}"));
        }
    }
    println!("relations across the flow beside their source: {across_kept} of {across}");
    assert!(failures.is_empty(), "{} failing seeds:\n{}", failures.len(), failures.join("\n\n"));
}

/// Every relation along the flow in the C4 fixtures finds its target on its side (seed
/// 002: all 22 `Rel_R`), apart from those whose text contradicts itself.
#[test]
fn fixture_relations_along_the_flow_are_honoured() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/c4/ok");
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the C4 fixtures are readable") {
        let path = entry.expect("a fixture").path();
        if path.extension().is_none_or(|e| e != "mmd") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable fixture");
        let d = syntax::parse(&text).diagram;
        let theme = render::theme::Theme::from_config(&d.config);
        let l = layout::layout(&d, &render::measure(&d, &theme));
        for edge in &d.edges {
            let (Endpoint::Node(a), Endpoint::Node(b), Some(side)) = (edge.from, edge.to, edge.from_side) else {
                continue;
            };
            if along_flow(&d, side) {
                checked += 1;
                if beyond(l.nodes[a], l.nodes[b], side) <= 0.0 {
                    failures.push(format!("{}: {} ({side:?})", path.display(), edge.id));
                }
            }
        }
    }
    assert!(checked >= 22, "only {checked} relations along the flow in the fixtures");
    assert!(failures.is_empty(), "relations not honoured:\n{}", failures.join("\n"));
}
