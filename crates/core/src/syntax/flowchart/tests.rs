//! Parser tests: targeted ones per statement kind, then robustness (garbage, deep
//! nesting, huge inputs, every prefix of a real diagram) and speed.

use crate::diagnostic::Diagnostic;
use crate::model::{Diagram, Endpoint, Marker, Shape, Stroke};
use crate::syntax::{codes, parse};

fn ok(src: &str) -> Diagram {
    let p = parse(src);
    let errors: Vec<&Diagnostic> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "unexpected errors for {src:?}: {errors:#?}");
    p.diagram
}

fn codes_of(src: &str) -> Vec<&'static str> {
    parse(src).diagnostics.iter().map(|d| d.code).collect()
}

fn node<'d>(d: &'d Diagram, id: &str) -> &'d crate::model::Node {
    &d.nodes[d.node_index(id).unwrap_or_else(|| panic!("no node {id}"))]
}

// ---- chains, nodes and edges ---------------------------------------------------------

#[test]
fn chain_with_fanout_on_both_sides() {
    let d = ok("flowchart LR\nA & B --> C & D --> E");
    let pairs: Vec<(Endpoint, Endpoint)> = d.edges.iter().map(|e| (e.from, e.to)).collect();
    let n = |id| Endpoint::Node(d.node_index(id).unwrap());
    assert_eq!(
        pairs,
        vec![
            (n("A"), n("C")),
            (n("A"), n("D")),
            (n("B"), n("C")),
            (n("B"), n("D")),
            (n("C"), n("E")),
            (n("D"), n("E"))
        ]
    );
}

#[test]
fn every_arrow_kind() {
    let cases: &[(&str, Stroke, Marker, Marker, u32)] = &[
        ("-->", Stroke::Normal, Marker::None, Marker::Arrow, 1),
        ("---", Stroke::Normal, Marker::None, Marker::None, 1),
        ("-.->", Stroke::Dotted, Marker::None, Marker::Arrow, 1),
        ("-.-", Stroke::Dotted, Marker::None, Marker::None, 1),
        ("==>", Stroke::Thick, Marker::None, Marker::Arrow, 1),
        ("===", Stroke::Thick, Marker::None, Marker::None, 1),
        ("~~~", Stroke::Invisible, Marker::None, Marker::None, 1),
        ("--o", Stroke::Normal, Marker::None, Marker::Circle, 1),
        ("--x", Stroke::Normal, Marker::None, Marker::Cross, 1),
        ("<-->", Stroke::Normal, Marker::Arrow, Marker::Arrow, 1),
        ("o--o", Stroke::Normal, Marker::Circle, Marker::Circle, 1),
        ("x--x", Stroke::Normal, Marker::Cross, Marker::Cross, 1),
        ("--->", Stroke::Normal, Marker::None, Marker::Arrow, 2),
        ("-..->", Stroke::Dotted, Marker::None, Marker::Arrow, 2),
        ("====>", Stroke::Thick, Marker::None, Marker::Arrow, 3),
        ("-----", Stroke::Normal, Marker::None, Marker::None, 3),
    ];
    for &(arrow, stroke, start, end, len) in cases {
        let d = ok(&format!("flowchart\nA {arrow} B"));
        let e = &d.edges[0];
        assert_eq!((e.stroke, e.start, e.end, e.min_len), (stroke, start, end, len), "{arrow}");
    }
}

#[test]
fn edge_labels_in_every_form() {
    for src in ["A -- hi --> B", "A -->|hi| B", "A -. hi .-> B", "A == hi ==> B", "A -- \"hi\" --> B", "A --> |hi| B"] {
        let d = ok(&format!("flowchart\n{src}"));
        assert_eq!(d.edges[0].label.as_ref().map(|t| t.to_plain()).as_deref(), Some("hi"), "{src}");
    }
}

#[test]
fn edge_ids_follow_mermaid() {
    let d = ok("flowchart\nA --> B\nA --> B\nA --> B\nA e9@--> C");
    let ids: Vec<&str> = d.edges.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["L_A_B_0", "L_A_B_2", "L_A_B_3", "e9"]);
}

#[test]
fn edge_data_statements_apply_to_edges() {
    let d = ok("flowchart\nA e1@--> B\ne1@{ animate: true, curve: stepAfter }");
    assert!(d.edges[0].animate);
    assert_eq!(d.edges[0].curve, Some(crate::model::Curve::StepAfter));
    assert!(d.node_index("e1").is_none());
}

#[test]
fn shapes_from_brackets_and_names() {
    let d = ok(
        "flowchart\nA[(db)] --> B@{ shape: doc, label: \"Doc\" }\nC@{ icon: \"mdi:x\" }\nD@{ img: \"https://x/y.png\", w: 10, h: 20 }",
    );
    assert_eq!(node(&d, "A").shape, Shape::Cylinder);
    assert_eq!((node(&d, "B").shape, node(&d, "B").label.to_plain()), (Shape::Document, "Doc".into()));
    assert_eq!(node(&d, "C").shape, Shape::Icon);
    assert_eq!(node(&d, "C").label.to_plain(), "");
    assert_eq!(node(&d, "D").image.as_deref(), Some("https://x/y.png"));
    assert_eq!(node(&d, "D").size, Some((10.0, 20.0)));
}

#[test]
fn unknown_shape_suggests_and_points_at_the_name() {
    let src = "flowchart\nA@{ shape: cyll }";
    let p = parse(src);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, codes::UNKNOWN_SHAPE);
    assert_eq!(&src[d.span.range()], "cyll");
    assert_eq!(d.help.as_deref(), Some("did you mean `cyl`?"));
}

#[test]
fn node_span_is_the_first_declaration() {
    let src = "flowchart\nA --> B\nB[Bee]";
    let d = ok(src);
    assert_eq!(&src[node(&d, "B").span.range()], "B[Bee]");
    assert_eq!(&src[node(&d, "A").span.range()], "A");
}

// ---- subgraphs -------------------------------------------------------------------------

#[test]
fn subgraph_ids_and_titles() {
    let d = ok(
        "flowchart\nsubgraph a [T a]\nend\nsubgraph \"Two words\"\nend\nsubgraph \"One\"\nend\nsubgraph b[\"B\"]\nend",
    );
    let got: Vec<(String, String)> = d.clusters.iter().map(|c| (c.id.clone(), c.title.to_plain())).collect();
    assert_eq!(
        got,
        [
            ("a".into(), "T a".into()),
            ("subGraph1".into(), "Two words".into()),
            ("One".into(), "One".into()),
            ("b".into(), "B".into())
        ]
    );
}

#[test]
fn unclosed_subgraph_errors_at_its_keyword_and_keeps_contents() {
    let src = "flowchart\nsubgraph s\n  a --> b\n";
    let p = parse(src);
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].code, codes::UNCLOSED_SUBGRAPH);
    assert_eq!(&src[p.diagnostics[0].span.range()], "subgraph");
    assert_eq!(p.diagram.nodes.len(), 2);
    assert!(p.diagram.nodes.iter().all(|n| n.parent == Some(0)));
}

#[test]
fn underscored_title_connects_to_the_cluster_with_an_info() {
    let p = parse("flowchart\nsubgraph \"My Group\"\n  x\nend\ny --> My_Group");
    assert_eq!(p.diagram.edges[0].to, Endpoint::Cluster(0));
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].code, codes::EDGE_TO_TITLED_SUBGRAPH);
    assert!(p.diagram.node_index("My_Group").is_none());
}

#[test]
fn direction_inside_subgraph() {
    let d = ok("flowchart\nsubgraph s\ndirection LR\na\nend");
    assert_eq!(d.clusters[0].direction, Some(crate::model::Direction::LeftRight));
}

// ---- styling, click, accessibility ----------------------------------------------------

#[test]
fn style_precedence_default_then_classes_then_style() {
    let d = ok(
        "flowchart\nA:::b\nclassDef default fill:#111,color:#111\nclassDef b fill:#222,stroke:#222\nstyle A stroke:#333",
    );
    let s = &node(&d, "A").style;
    assert_eq!(
        (s.fill.as_deref(), s.stroke.as_deref(), s.color.as_deref()),
        (Some("#222"), Some("#333"), Some("#111"))
    );
}

#[test]
fn link_style_out_of_range_points_at_the_number() {
    let src = "flowchart\nA-->B\nlinkStyle 0,12 stroke:red";
    let p = parse(src);
    let d = p.diagnostics.iter().find(|d| d.code == codes::LINK_INDEX_OUT_OF_RANGE).unwrap();
    assert_eq!(&src[d.span.range()], "12");
}

#[test]
fn click_links_are_filtered() {
    let p = parse("flowchart\nA\nB\nclick A href \"https://ok\" \"tip\" _blank\nclick B \"javascript:bad()\"");
    let a = &p.diagram.nodes[0];
    assert_eq!(a.link.as_ref().map(|l| (l.url.as_str(), l.target.as_deref())), Some(("https://ok", Some("_blank"))));
    assert!(p.diagram.nodes[1].link.is_none());
    assert_eq!(p.diagnostics[0].code, codes::UNSAFE_URL);
}

#[test]
fn acc_title_and_multiline_descr() {
    let d = ok("flowchart\naccTitle: T\naccDescr {\n  one\n  two\n}\nA");
    assert_eq!(d.acc_title.as_deref(), Some("T"));
    assert_eq!(d.acc_descr.as_deref(), Some("one\ntwo"));
}

#[test]
fn comments_after_statements_and_semicolons() {
    let d = ok("flowchart\nA --> B %% note\nC[\"x\"] %% note; not a statement\nD;E");
    assert_eq!(d.nodes.len(), 5);
}

#[test]
fn frontmatter_and_directive_merge_with_directive_winning() {
    let d =
        ok("---\ntitle: T\nconfig:\n  theme: dark\n  look: neo\n---\n%%{init: {'theme': 'forest'}}%%\nflowchart\nA");
    assert_eq!(d.title.as_deref(), Some("T"));
    assert_eq!(d.config.theme, crate::config::ThemeName::Forest);
    assert_eq!(d.config.look, crate::config::Look::Neo);
}

#[test]
fn header_kinds() {
    assert_eq!(parse("").diagram.kind, None);
    assert!(parse("").diagnostics.is_empty());
    assert!(codes_of("C4Context\n").is_empty());
    assert_eq!(parse("C4Context\n").diagram.kind, Some(crate::model::DiagramKind::C4));
    assert_eq!(codes_of("pie\n"), [codes::DIAGRAM_TYPE_UNSUPPORTED]);
    assert_eq!(codes_of("nonsense\n"), [codes::UNKNOWN_DIAGRAM_TYPE]);
    assert_eq!(parse("graph").diagram.kind, Some(crate::model::DiagramKind::Flowchart));
    assert_eq!(parse("flowchart-elk").diagram.config.layout.as_deref(), Some("elk"));
}

// ---- robustness ----------------------------------------------------------------------

use crate::testing::XorShift;

/// Parses and checks the invariants every result must keep.
fn survives(src: &str) {
    let p = parse(src);
    for d in &p.diagnostics {
        assert!(d.span.end as usize <= src.len(), "span past the end: {d:?}");
        assert!(
            src.is_char_boundary(d.span.start as usize) && src.is_char_boundary(d.span.end as usize),
            "span splits a character: {d:?}"
        );
        assert!(d.code.len() == 5, "bad code {}", d.code);
    }
    let dg = &p.diagram;
    for n in &dg.nodes {
        assert!(n.parent.is_none_or(|c| c < dg.clusters.len()));
    }
    for (i, c) in dg.clusters.iter().enumerate() {
        // Parents come first, so nesting can never form a cycle.
        assert!(c.parent.is_none_or(|p| p < i));
    }
    for e in &dg.edges {
        for end in [e.from, e.to] {
            match end {
                Endpoint::Node(n) => assert!(n < dg.nodes.len()),
                Endpoint::Cluster(c) => assert!(c < dg.clusters.len()),
            }
        }
    }
    // The code frames render too (the CLI prints them).
    let index = crate::source::LineIndex::new(src);
    for d in p.diagnostics.iter().take(20) {
        let _ = d.render(src, &index, "x.mmd");
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for _ in 0..300 {
        let len = rng.below(2000);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        survives(&text);
        survives(&format!("flowchart LR\n{text}"));
        survives(&format!("---\n{text}\n---\nflowchart\n"));
    }
}

#[test]
fn random_token_soup_never_panics() {
    // Fragments of real syntax, shuffled: reaches far deeper into the parser than bytes.
    const BITS: &[&str] = &[
        "A",
        "B",
        "é",
        " ",
        "\n",
        ";",
        "-->",
        "---",
        "-.->",
        "==>",
        "~~~",
        "--o",
        "x--x",
        "<-->",
        "-- t -->",
        "|",
        "|t|",
        "[",
        "]",
        "(",
        ")",
        "((",
        "))",
        "{",
        "}",
        "{{",
        "[(",
        "[/",
        "\\]",
        ">",
        "\"",
        "\"`",
        "`\"",
        "@{",
        "shape: cyl",
        "label: \"x\"",
        ",",
        ":::",
        "c",
        "&",
        "subgraph ",
        "end",
        "direction LR",
        "style A fill:#f00",
        "classDef c fill:red",
        "class A c",
        "linkStyle 0 stroke:red",
        "linkStyle 99",
        "click A href \"u\"",
        "click A cb",
        "%%",
        "%%{",
        "}%%",
        "init: {theme: dark}",
        "accTitle: t",
        "accDescr {",
        "#quot;",
        "<br>",
        "**",
        "fa:fa-x",
        "e1@",
        "_",
        "\r\n",
        "\t",
    ];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..2000 {
        let mut s = String::from(if rng.below(4) == 0 { "graph TD;" } else { "flowchart LR\n" });
        for _ in 0..rng.below(60) {
            s.push_str(BITS[rng.below(BITS.len())]);
        }
        survives(&s);
    }
}

#[test]
fn deep_nesting_is_handled() {
    let n = 10_000;
    survives(&format!("flowchart\n{}", "subgraph s\n".repeat(n)));
    survives(&format!("flowchart\n{}{}", "subgraph s\n".repeat(n), "end\n".repeat(n)));
    survives(&format!("flowchart\n{}a{}", "subgraph x\n".repeat(n), "\nend".repeat(n + 5)));
    for open in ["[", "(", "{", "((", "[[", "@{", "\"", "|", "-- ", "<", "%%{"] {
        survives(&format!("flowchart\nA{}", open.repeat(n)));
        survives(&format!("flowchart\nA --> {}", open.repeat(n)));
        survives(&format!("---\ntitle: {}\n---\nflowchart", open.repeat(n)));
    }
    survives(&format!("%%{{init: {}}}%%\nflowchart", "{a: ".repeat(n)));
}

#[test]
fn a_lone_directive_opener_is_an_error_not_a_hang() {
    let p = parse("%%{");
    assert_eq!(p.diagnostics[0].code, codes::DIRECTIVE_UNCLOSED);
    survives("%%{init:");
    survives("flowchart\n%%{");
    survives("---");
    survives("---\n");
    survives("---\n---");
}

#[test]
fn a_megabyte_parses() {
    let line = "  node_with_a_long_name[\"Some label (with parens)\"] -.->|edge| other_node_name:::cls\n";
    let big = format!("flowchart LR\n{}", line.repeat(1_000_000 / line.len() + 1));
    assert!(big.len() > 1_000_000);
    let p = parse(&big);
    assert_eq!(p.diagram.nodes.len(), 2);
    survives(&"x".repeat(1_000_000));
    survives(&format!("flowchart\n{}", "A".repeat(1_000_000)));
    survives(&format!("flowchart\nA[{}", "(".repeat(1_000_000)));
}

#[test]
fn every_prefix_of_seed_004_survives() {
    let full = include_str!("../../../../../tests/fixtures/flowchart/ok/seed-004.mmd");
    let mut i = 0;
    while i <= full.len() {
        if full.is_char_boundary(i) {
            survives(&full[..i]);
        }
        i += 1;
    }
}

#[test]
fn five_thousand_nodes_parse_quickly() {
    let mut src = String::from("flowchart TB\n");
    // `CORAL_N=20000` checks that time grows linearly.
    let n: usize = std::env::var("CORAL_N").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    for i in 0..n {
        src.push_str(&format!("  n{i}[\"Node {i}\"] --> n{}\n", (i * 7 + 1) % n));
        if i % 100 == 0 {
            src.push_str(&format!("  subgraph g{i} [Group {i}]\n    n{i}\n  end\n  class n{i} hot\n"));
        }
    }
    src.push_str("classDef hot fill:#f00\n");
    let start = std::time::Instant::now();
    let p = parse(&src);
    let took = start.elapsed();
    assert_eq!(p.diagram.nodes.len(), n);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics.first());
    // Generous for unoptimised test builds on a shared machine; release is ~100× faster.
    eprintln!("5000-node flowchart parsed in {took:?}");
    assert!(took.as_millis() < 2000, "took {took:?}");
}

#[test]
fn unclosed_openers_stay_linear() {
    // Each of these would rescan the rest of the text per statement if failed closer
    // searches were not remembered; 200k statements would then take minutes.
    let pieces =
        ["A -- x;", "A[\"`x\n", "%%{x\n", "A@{ x\n", "A[x;", "A -->|x;", "A[\"x;", "accDescr {\n", "subgraph s [x;"];
    for piece in pieces {
        let text = format!("flowchart\n{}", piece.repeat(1_000_000 / piece.len()));
        let start = std::time::Instant::now();
        survives(&text);
        let took = start.elapsed();
        assert!(took.as_secs() < 20, "{piece:?} took {took:?}");
    }
}

#[test]
#[ignore = "timing probe: run by hand"]
fn probe_scaling() {
    for piece in
        ["A -- x;", "A[\"`x\n", "%%{x\n", "A@{ x\n", "A[x;", "A -->|x;", "A[\"x;", "accDescr {\n", "subgraph s [x;"]
    {
        for mb in [1, 2] {
            let text = format!("flowchart\n{}", piece.repeat(mb * 1_000_000 / piece.len()));
            let start = std::time::Instant::now();
            let p = parse(&text);
            eprintln!("{piece:?} {mb}MB: {:?} ({} diagnostics)", start.elapsed(), p.diagnostics.len());
        }
    }
}
