//! Fixture tests: every `tests/fixtures/<type>/{ok,err}/*.mmd` is parsed, and the
//! diagnostics (as code frames) and a compact dump of the model are snapshotted.
//!
//! `ok/` fixtures must produce no error, `err/` fixtures at least one. Every fixture that
//! yields a diagram is also laid out and drawn: `layout::verify` must find nothing (no
//! overlaps, children inside clusters, no edge through a node) and the SVG must be
//! well-formed XML with nothing executable in it.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use coral_core::LineIndex;

use coral_core::model::{C4, Diagram, Endpoint, Icon, Side, Text};
use coral_core::{layout, render, syntax};
use support::svg_complaint;

/// The repository's fixture directory.
pub fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Every fixture file (`<type>/{ok,err}/*.mmd`), sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(types) = std::fs::read_dir(fixture_root()) else { return out };
    for t in types.flatten() {
        for kind in ["ok", "err"] {
            let Ok(files) = std::fs::read_dir(t.path().join(kind)) else { continue };
            out.extend(files.flatten().map(|f| f.path()).filter(|p| p.extension().is_some_and(|e| e == "mmd")));
        }
    }
    out.sort();
    out
}

/// True for fixtures under an `err/` directory.
pub fn expects_errors(path: &Path) -> bool {
    path.parent().and_then(Path::file_name).is_some_and(|d| d == "err")
}

/// Parses one fixture and returns the snapshot text, and a complaint if the fixture
/// breaks its directory's promise (`ok/`: no error; `err/`: at least one).
pub fn check(path: &Path) -> (String, Option<String>) {
    let source = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
    let parsed = syntax::parse(&source);
    let errors = parsed.diagnostics.iter().filter(|d| d.is_error()).count();
    let complaint = match (expects_errors(path), errors) {
        (true, 0) => Some(format!("{} is in err/ but has no error", path.display())),
        (false, n) if n > 0 => Some(format!("{} is in ok/ but has {n} error(s)", path.display())),
        _ => None,
    };
    let index = LineIndex::new(&source);
    let name = path.file_name().unwrap().to_string_lossy();
    let mut out = String::new();
    out.push_str("--- diagnostics\n");
    for d in &parsed.diagnostics {
        out.push_str(&d.render(&source, &index, &name));
    }
    out.push_str("--- model\n");
    out.push_str(&dump(&parsed.diagram));
    let complaint = complaint
        .or_else(|| span_complaint(path, &source, &parsed.diagram))
        .or_else(|| geometry_complaint(path, &parsed.diagram));
    (out, complaint)
}

/// Flowcharts: the text under each node's span is its declaration — the id as written,
/// then its shape, data and classes (quoted labels over several lines included), so an
/// editor highlighting a node highlights exactly what declared it.
fn span_complaint(path: &Path, source: &str, d: &Diagram) -> Option<String> {
    if d.kind != Some(coral_core::model::DiagramKind::Flowchart) {
        return None;
    }
    d.nodes.iter().find_map(|n| {
        let written = source.get(n.span.range())?;
        let ok = written.starts_with(n.id.as_str())
            && (written.len() == n.id.len()
                || written[n.id.len()..].starts_with(['[', '(', '{', '>', '@', ':'])
                    && written.ends_with([']', ')', '}'])
                || written.contains(":::"));
        (!ok).then(|| format!("{}: node `{}` has the span {written:?}", path.display(), n.id))
    })
}

/// Lays the diagram out and draws it; says what is wrong with the geometry or the SVG.
pub fn geometry_complaint(path: &Path, d: &Diagram) -> Option<String> {
    d.kind?;
    let theme = render::theme::Theme::from_config(&d.config);
    let sizes = render::measure(d, &theme);
    let l = layout::layout(d, &sizes);
    let violations = layout::verify::verify(d, &l);
    if !violations.is_empty() {
        return Some(format!("{}: layout violations {violations:?}", path.display()));
    }
    // Every icon drawn from the real packs, so their bodies are checked in the SVG too.
    let svg = render::svg_with(d, &l, &theme, &coral_icons::Packs);
    svg_complaint(&svg).map(|c| format!("{}: {c}", path.display()))
}

/// A compact, deterministic text form of a diagram.
pub fn dump(d: &Diagram) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "kind: {:?}, direction: {:?}", d.kind, d.direction);
    for (k, v) in [("title", &d.title), ("accTitle", &d.acc_title), ("accDescr", &d.acc_descr)] {
        if let Some(v) = v {
            let _ = writeln!(o, "{k}: {v:?}");
        }
    }
    config(&mut o, &d.config);
    let cluster = |c: usize| d.clusters.get(c).map_or("?".to_string(), |c| c.id.clone());
    let end = |e: Endpoint| match e {
        Endpoint::Node(n) => d.nodes.get(n).map_or("?".to_string(), |n| n.id.clone()),
        Endpoint::Cluster(c) => format!("[{}]", cluster(c)),
    };
    if !d.clusters.is_empty() {
        o.push_str("clusters:\n");
    }
    for c in &d.clusters {
        let _ = write!(o, "  {} {}", c.id, text(&c.title));
        if let Some(p) = c.parent {
            let _ = write!(o, " in={}", cluster(p));
        }
        if let Some(dir) = c.direction {
            let _ = write!(o, " dir={dir:?}");
        }
        if let Some(i) = &c.icon {
            let _ = write!(o, " icon={}", i.name);
        }
        extras(&mut o, &c.classes, &c.style);
        if let Some(t) = &c.detail {
            let _ = write!(o, " detail={}", text(t));
        }
        if let Some(f) = &c.c4 {
            c4(&mut o, f);
        }
        if let Some(l) = &c.link {
            let _ = write!(o, " link={l:?}");
        }
        if let Some(p) = c.pinned {
            let _ = write!(o, " pinned=({}, {})", p.x, p.y);
        }
        o.push('\n');
    }
    if !d.nodes.is_empty() {
        o.push_str("nodes:\n");
    }
    for n in &d.nodes {
        let _ = write!(o, "  {} {:?} {}", n.id, n.shape, text(&n.label));
        if let Some(p) = n.parent {
            let _ = write!(o, " in={}", cluster(p));
        }
        extras(&mut o, &n.classes, &n.style);
        if let Some(i) = &n.icon {
            let _ = write!(o, " icon={}", icon(i));
        }
        if let Some(i) = &n.image {
            let _ = write!(o, " img={i}");
        }
        if let Some(t) = &n.detail {
            let _ = write!(o, " detail={}", text(t));
        }
        if let Some((w, h)) = n.size {
            let _ = write!(o, " size={w}x{h}");
        }
        if let Some(f) = &n.c4 {
            c4(&mut o, f);
        }
        if let Some(l) = &n.link {
            let _ = write!(o, " link={l:?}");
        }
        if let Some(p) = n.pinned {
            let _ = write!(o, " pinned=({}, {})", p.x, p.y);
        }
        o.push('\n');
    }
    if !d.edges.is_empty() {
        o.push_str("edges:\n");
    }
    for e in &d.edges {
        // Port sides as architecture writes them: `a:R -> L:b`.
        let from = match e.from_side {
            Some(s) => format!("{}:{}", end(e.from), side(s)),
            None => end(e.from),
        };
        let to = match e.to_side {
            Some(s) => format!("{}:{}", side(s), end(e.to)),
            None => end(e.to),
        };
        let _ = write!(o, "  {}: {from} -> {to} {:?} {:?}/{:?}", e.id, e.stroke, e.start, e.end);
        if e.min_len != 1 {
            let _ = write!(o, " len={}", e.min_len);
        }
        if let Some(l) = &e.label {
            let _ = write!(o, " label={}", text(l));
        }
        if let Some(t) = &e.detail {
            let _ = write!(o, " detail={}", text(t));
        }
        extras(&mut o, &e.classes, &e.style);
        if let Some(c) = e.curve {
            let _ = write!(o, " curve={c:?}");
        }
        if e.animate {
            o.push_str(" animate");
        }
        if let Some(l) = &e.link {
            let _ = write!(o, " link={l:?}");
        }
        o.push('\n');
    }
    o
}

/// ` c4=Container,ext,"[Container: Kong]",sprite=server,tags=a+b,shadow`.
fn c4(o: &mut String, f: &C4) {
    let mut parts = vec![format!("{:?}", f.kind)];
    if f.external {
        parts.push("ext".to_string());
    }
    if let Some(t) = &f.type_line {
        parts.push(format!("{t:?}"));
    }
    if let Some(s) = &f.sprite {
        parts.push(format!("sprite={s}"));
    }
    if !f.tags.is_empty() {
        parts.push(format!("tags={}", f.tags.join("+")));
    }
    if f.shadow {
        parts.push("shadow".to_string());
    }
    let _ = write!(o, " c4={}", parts.join(","));
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Left => "L",
        Side::Right => "R",
        Side::Top => "T",
        Side::Bottom => "B",
    }
}

/// The configuration fields that differ from the defaults, one per line.
fn config(o: &mut String, c: &coral_core::config::Config) {
    let def = coral_core::config::Config::default();
    let mut line = |name: &str, differs: bool, value: String| {
        if differs {
            let _ = writeln!(o, "config.{name}: {value}");
        }
    };
    line("theme", c.theme != def.theme, format!("{:?}", c.theme));
    line("themeVariables", c.theme_variables != def.theme_variables, format!("{:?}", c.theme_variables));
    line("fontFamily", c.font_family != def.font_family, format!("{:?}", c.font_family));
    line("fontSize", c.font_size != def.font_size, format!("{:?}", c.font_size));
    line("look", c.look != def.look, format!("{:?}", c.look));
    line("layout", c.layout != def.layout, format!("{:?}", c.layout));
    line("flowchart", c.flowchart != def.flowchart, format!("{:?}", c.flowchart));
    line("elk", c.elk != def.elk, format!("{:?}", c.elk));
    line("architecture", c.architecture != def.architecture, format!("{:?}", c.architecture));
    line("c4", c.c4 != def.c4, format!("{:?}", c.c4));
    line("extra", c.extra != def.extra, format!("{:?}", c.extra));
}

fn extras(o: &mut String, classes: &[String], style: &coral_core::model::Style) {
    if !classes.is_empty() {
        let _ = write!(o, " classes={}", classes.join(","));
    }
    if !style.is_empty() {
        let s = style;
        let mut parts = Vec::new();
        for (k, v) in [
            ("fill", &s.fill),
            ("stroke", &s.stroke),
            ("stroke-width", &s.stroke_width),
            ("stroke-dasharray", &s.stroke_dasharray),
            ("color", &s.color),
            ("font-weight", &s.font_weight),
            ("font-style", &s.font_style),
            ("font-size", &s.font_size),
            ("font-family", &s.font_family),
            ("opacity", &s.opacity),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}:{v}"));
            }
        }
        parts.extend(s.extra.iter().map(|(k, v)| format!("{k}:{v}")));
        let _ = write!(o, " style={{{}}}", parts.join(";"));
    }
}

/// `"line one⏎**bold** *italic*"`, with `(wrap)` for markdown text.
/// An icon as written, and what is drawn for it when that differs.
fn icon(i: &Icon) -> String {
    match i.resolved {
        Some(r) if r.to_string() == i.name => i.name.clone(),
        Some(r) => format!("{}→{r}", i.name),
        None => format!("{}→?", i.name),
    }
}

fn text(t: &Text) -> String {
    let lines: Vec<String> = t
        .lines
        .iter()
        .map(|l| {
            l.iter()
                .map(|r| match (r.bold, r.italic) {
                    _ if r.icon.is_some() => format!("{{{}}}", icon(r.icon.as_ref().unwrap())),
                    (true, true) => format!("***{}***", r.text),
                    (true, false) => format!("**{}**", r.text),
                    (false, true) => format!("*{}*", r.text),
                    _ => r.text.clone(),
                })
                .collect()
        })
        .collect();
    format!("{:?}{}", lines.join("⏎"), if t.wrap { "(wrap)" } else { "" })
}

#[test]
fn flowchart_fixtures() {
    let mut complaints = Vec::new();
    insta::glob!("../../../tests/fixtures/flowchart", "*/*.mmd", |path| {
        let (snapshot, complaint) = check(path);
        complaints.extend(complaint);
        insta::assert_snapshot!(snapshot);
    });
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

#[test]
fn architecture_fixtures() {
    let mut complaints = Vec::new();
    insta::glob!("../../../tests/fixtures/architecture", "*/*.mmd", |path| {
        let (snapshot, complaint) = check(path);
        complaints.extend(complaint);
        insta::assert_snapshot!(snapshot);
    });
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

#[test]
fn c4_fixtures() {
    let mut complaints = Vec::new();
    insta::glob!("../../../tests/fixtures/c4", "*/*.mmd", |path| {
        let (snapshot, complaint) = check(path);
        complaints.extend(complaint);
        insta::assert_snapshot!(snapshot);
    });
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

#[test]
fn there_are_enough_fixtures() {
    let all = fixtures();
    let count = |dir: &str| all.iter().filter(|p| p.to_string_lossy().contains(dir)).count();
    let flow = count("/flowchart/");
    assert!(flow >= 150, "only {flow} flowchart fixtures");
    let (ok, err) = (count("/architecture/ok/"), count("/architecture/err/"));
    assert!(ok >= 30 && err >= 15, "only {ok} ok and {err} err architecture fixtures");
    let (ok, err) = (count("/c4/ok/"), count("/c4/err/"));
    assert!(ok >= 21 && err >= 15, "only {ok} ok and {err} err C4 fixtures");
}

#[test]
fn the_svg_check_catches_what_it_must() {
    assert!(svg_complaint("<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>").is_none());
    assert!(svg_complaint("<svg><script>x</script></svg>").is_some());
    assert!(svg_complaint("<svg><g onload=\"x\"/></svg>").is_some());
    assert!(svg_complaint("<svg><a href=\" javascript:x\"/></svg>").is_some());
    assert!(svg_complaint("<svg><foreignObject/></svg>").is_some());
    assert!(svg_complaint("<svg><text>a < b</text></svg>").is_some());
}

#[test]
fn verify_reports_overlaps_and_edges_through_nodes() {
    let d = syntax::parse("flowchart TD\n  subgraph S\n    A\n  end\n  B --> C\n  A --> C").diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let mut l = layout::layout(&d, &render::measure(&d, &theme));
    assert!(layout::verify::verify(&d, &l).is_empty());
    // Put B on top of A (outside A's cluster, overlapping it), and run B → C straight
    // through A.
    let (a, b) = (d.node_index("A").unwrap(), d.node_index("B").unwrap());
    l.nodes[b] = l.nodes[a];
    let mid = l.nodes[a].center();
    l.edges[0].points = vec![
        coral_core::model::Point { x: mid.x - 500.0, y: mid.y },
        coral_core::model::Point { x: mid.x + 500.0, y: mid.y },
    ];
    let v = layout::verify::verify(&d, &l);
    use layout::verify::Violation::*;
    assert!(v.iter().any(|x| matches!(x, NodesOverlap(..))), "{v:?}");
    assert!(v.iter().any(|x| matches!(x, NodeOverlapsCluster { .. })), "{v:?}");
    assert!(v.iter().any(|x| matches!(x, EdgeThroughNode { .. })), "{v:?}");
}

#[test]
fn verify_reports_labels_on_nodes_and_on_each_other() {
    let d = syntax::parse(
        "flowchart LR
  A -->|one| B
  B -->|two| C",
    )
    .diagram;
    let theme = render::theme::Theme::from_config(&d.config);
    let mut l = layout::layout(&d, &render::measure(&d, &theme));
    assert!(layout::verify::verify(&d, &l).is_empty());
    let one = l.edges[0].label.expect("labelled");
    let c = l.nodes[d.node_index("C").unwrap()];
    l.edges[1].label = Some(layout::Rect { x: one.x + 2.0, y: one.y + 2.0, ..one });
    l.edges[0].label = Some(layout::Rect { x: c.x + 2.0, y: c.y + 2.0, ..one });
    let v = layout::verify::verify(&d, &l);
    use layout::verify::Violation::*;
    assert!(v.iter().any(|x| matches!(x, LabelOverlapsNode { node, .. } if node == "C")), "{v:?}");
    l.edges[0].label = Some(one);
    let v = layout::verify::verify(&d, &l);
    assert!(v.iter().any(|x| matches!(x, LabelsOverlap(..))), "{v:?}");
}

#[test]
fn hostile_labels_are_escaped() {
    let out = coral_core::render(
        "flowchart LR\n  A[\"<script>alert(1)</script>\"] -->|\"<img onerror=x>\"| B[\"a & b\"]\n  click A href \"javascript:alert(1)\"",
    );
    let svg = out.svg.expect("diagram");
    assert!(svg_complaint(&svg).is_none(), "{svg}");
    assert!(svg.contains("&lt;script&gt;"));
    assert!(!svg.contains("javascript:"));
}
