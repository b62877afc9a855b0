//! Parser and lowering tests: every statement form, exact spans, the diagnostics, the
//! two seeds' counts, and robustness (every prefix of seed 001, random bytes).

use super::ast::{Architecture, DeclKind, IconRef, StmtKind};
use crate::diagnostic::Diagnostic;
use crate::model::{Diagram, DiagramKind, Endpoint, Marker, Shape, Side};
use crate::source::Span;
use crate::syntax::{codes, parse};

const HEAD: &str = "architecture-beta\n";

/// Parses an architecture body (after the header) into its syntax tree.
fn ast(body: &str) -> (String, Architecture, Vec<Diagnostic>) {
    let src = format!("{HEAD}{body}");
    let mut d = Vec::new();
    let a = super::parse(&src, HEAD.len() - 1, &mut d);
    (src, a, d)
}

fn ok(src: &str) -> Diagram {
    let p = parse(src);
    let errors: Vec<&Diagnostic> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "unexpected errors for {src:?}: {errors:#?}");
    p.diagram
}

fn codes_of(src: &str) -> Vec<&'static str> {
    parse(src).diagnostics.iter().map(|d| d.code).collect()
}

fn text(src: &str, span: Span) -> &str {
    &src[span.range()]
}

// ---- declarations ----------------------------------------------------------------------

#[test]
fn group_service_junction_with_exact_spans() {
    let (src, a, d) = ast(
        "  group api(cloud)[Public API]\n  group inner(logos:aws-s3)[\"Inner: one\"] in api\n  service db(database)[My DB] in inner\n  junction hub in api\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let decls: Vec<_> = a
        .stmts
        .iter()
        .map(|s| match &s.kind {
            StmtKind::Decl(x) => (s.span, x),
            StmtKind::Edge(_) => panic!("no edges here"),
        })
        .collect();
    let (span, g) = decls[0];
    assert_eq!(text(&src, span), "group api(cloud)[Public API]");
    assert_eq!(g.kind, DeclKind::Group);
    assert_eq!(text(&src, g.id.span), "api");
    let Some(IconRef::Icon(i)) = &g.icon else { panic!() };
    assert_eq!(text(&src, i.span), "cloud");
    assert_eq!(text(&src, g.title.as_ref().unwrap().span), "Public API");
    let (_, inner) = decls[1];
    assert_eq!(inner.title.as_ref().unwrap().text, "Inner: one");
    assert_eq!(text(&src, inner.title.as_ref().unwrap().span), "Inner: one");
    assert_eq!(text(&src, inner.parent.as_ref().unwrap().span), "api");
    let Some(IconRef::Icon(i)) = &inner.icon else { panic!() };
    assert_eq!(i.name, "logos:aws-s3");
    let (span, db) = decls[2];
    assert_eq!(text(&src, span), "service db(database)[My DB] in inner");
    assert_eq!(text(&src, db.parent.as_ref().unwrap().span), "inner");
    let (span, hub) = decls[3];
    assert_eq!(text(&src, span), "junction hub in api");
    assert_eq!((hub.kind, hub.icon.is_none(), hub.title.is_none()), (DeclKind::Junction, true, true));
}

#[test]
fn icon_and_title_are_optional_and_titles_take_any_text() {
    let d = ok(&format!(
        "{HEAD}service a\nservice b(server)\nservice c[Only title]\nservice d(disk)[db:5432/primary v2.0]\ngroup g\ngroup h[Title only]\n"
    ));
    let labels: Vec<String> = d.nodes.iter().map(|n| n.label.to_plain()).collect();
    assert_eq!(labels, ["", "", "Only title", "db:5432/primary v2.0"]);
    assert_eq!(d.nodes[1].icon.as_ref().unwrap().name, "server");
    assert!(d.nodes[2].icon.is_none());
    assert_eq!(d.clusters[1].title.to_plain(), "Title only");
}

#[test]
fn text_instead_of_icon_both_forms() {
    let (src, a, d) = ast("service s1 \"K8s\"[Cluster]\nservice s2(\"λ fn\")[Lambda]\n");
    assert!(d.is_empty(), "{d:?}");
    for (stmt, want) in a.stmts.iter().zip(["K8s", "λ fn"]) {
        let StmtKind::Decl(x) = &stmt.kind else { panic!() };
        let Some(IconRef::Text(t)) = &x.icon else { panic!("{x:?}") };
        assert_eq!(t.text, want);
        assert_eq!(text(&src, t.span), want);
    }
    let dg = ok(&src);
    assert!(dg.nodes[0].icon.is_none());
    assert_eq!(dg.nodes[0].detail.as_ref().unwrap().to_plain(), "K8s");
    assert_eq!(dg.nodes[1].label.to_plain(), "Lambda");
}

#[test]
fn quoted_titles_lose_their_quotes() {
    let d = ok(&format!("{HEAD}service a(server)[\"Say \\\"hi\\\"\"]\nservice b(server)['single']\n"));
    assert_eq!(d.nodes[0].label.to_plain(), "Say \"hi\"");
    assert_eq!(d.nodes[1].label.to_plain(), "single");
}

// ---- edges -----------------------------------------------------------------------------

#[test]
fn every_arrow_form() {
    let cases: &[(&str, Marker, Marker)] = &[
        ("a:R -- L:b", Marker::None, Marker::None),
        ("a:R --> L:b", Marker::None, Marker::Arrow),
        ("a:R <-- L:b", Marker::Arrow, Marker::None),
        ("a:R <--> L:b", Marker::Arrow, Marker::Arrow),
        ("a:R-->L:b", Marker::None, Marker::Arrow),
        ("a : R  <-->  L : b", Marker::Arrow, Marker::Arrow),
        ("a:R -[calls]- L:b", Marker::None, Marker::None),
        ("a:R -[calls]-> L:b", Marker::None, Marker::Arrow),
        ("a:R <-[calls]-> L:b", Marker::Arrow, Marker::Arrow),
    ];
    for &(edge, start, end) in cases {
        let d = ok(&format!("{HEAD}service a(server)[A]\nservice b(server)[B]\n{edge}\n"));
        assert_eq!(d.edges.len(), 1, "{edge}");
        let e = &d.edges[0];
        assert_eq!((e.start, e.end), (start, end), "{edge}");
        assert_eq!((e.from, e.to), (Endpoint::Node(0), Endpoint::Node(1)), "{edge}");
        assert_eq!(
            e.label.as_ref().map(|l| l.to_plain()),
            edge.contains("calls").then(|| "calls".to_string()),
            "{edge}"
        );
        assert_eq!(e.id, "L_a_b_0");
    }
}

#[test]
fn every_side_pair() {
    let sides = [("L", Side::Left), ("R", Side::Right), ("T", Side::Top), ("B", Side::Bottom)];
    for (a, sa) in sides {
        for (b, sb) in sides {
            let d = ok(&format!("{HEAD}service x(server)\nservice y(server)\nx:{a} --> {b}:y\n"));
            assert_eq!((d.edges[0].from_side, d.edges[0].to_side), (Some(sa), Some(sb)));
        }
    }
}

#[test]
fn edge_spans_cover_ids_sides_arrow_and_title() {
    let (src, a, d) = ast("a{group}:R <-[reads from]-> L:b{group} %% note\n");
    assert!(d.is_empty(), "{d:?}");
    let StmtKind::Edge(e) = &a.stmts[0].kind else { panic!() };
    assert_eq!(text(&src, a.stmts[0].span), "a{group}:R <-[reads from]-> L:b{group}");
    assert_eq!(text(&src, e.from.id.span), "a");
    assert_eq!(text(&src, e.from.group.unwrap()), "{group}");
    assert_eq!(text(&src, e.from.side_span), "R");
    assert_eq!(text(&src, e.arrow), "<-[reads from]->");
    assert_eq!(text(&src, e.title.as_ref().unwrap().span), "reads from");
    assert_eq!(text(&src, e.to.side_span), "L");
    assert_eq!(text(&src, e.to.id.span), "b");
    assert_eq!(text(&src, e.to.group.unwrap()), "{group}");
}

#[test]
fn group_modifier_ends_at_the_services_group() {
    let d = ok(&format!(
        "{HEAD}group one(cloud)[One]\ngroup two(cloud)[Two]\nservice a(server) in one\nservice b(server) in two\na{{group}}:B --> T:b{{group}}\na:R --> L:b{{group}}\n"
    ));
    assert_eq!((d.edges[0].from, d.edges[0].to), (Endpoint::Cluster(0), Endpoint::Cluster(1)));
    assert_eq!((d.edges[1].from, d.edges[1].to), (Endpoint::Node(0), Endpoint::Cluster(1)));
    assert_eq!(d.edges[1].id, "L_a_b_2");
}

#[test]
fn repeated_pairs_are_numbered_like_flowchart_edges() {
    let d = ok(&format!("{HEAD}junction a\njunction b\na:R -- L:b\na:T -- T:b\na:B -- B:b\nb:L -- R:a\n"));
    let ids: Vec<&str> = d.edges.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["L_a_b_0", "L_a_b_2", "L_a_b_3", "L_b_a_0"]);
}

// ---- statements common to all types ---------------------------------------------------------

#[test]
fn title_acc_comments_directives_and_blank_lines() {
    let src = "%%{init: {'architecture': {'iconSize': 60}}}%%\narchitecture-beta title First\n\n  %% a comment\n  title  The system  %% trailing\n\taccTitle: Short\n  accDescr {\n    line one\n    line two\n  }\n  %%{init: {'architecture': {'padding': 12}}}%%\n  service a(server)[A] %% after a statement\n";
    let d = ok(src);
    assert_eq!(d.kind, Some(DiagramKind::Architecture));
    assert_eq!(d.title.as_deref(), Some("The system"));
    assert_eq!(d.acc_title.as_deref(), Some("Short"));
    assert_eq!(d.acc_descr.as_deref(), Some("line one\nline two"));
    assert_eq!(d.config.architecture.icon_size, Some(60.0));
    assert_eq!(d.config.architecture.padding, Some(12.0));
    assert_eq!(d.nodes.len(), 1);
    let d = ok("architecture-beta\naccDescr: one line %% not this\n");
    assert_eq!(d.acc_descr.as_deref(), Some("one line"));
}

#[test]
fn frontmatter_config_and_title_reach_the_diagram() {
    let d = ok(
        "---\ntitle: From front\nconfig:\n  architecture:\n    padding: 30\n    iconSize: 50\n    fontSize: 14\n---\narchitecture-beta\nservice a(server)\n",
    );
    assert_eq!(d.title.as_deref(), Some("From front"));
    let a = &d.config.architecture;
    assert_eq!((a.padding, a.icon_size, a.font_size), (Some(30.0), Some(50.0), Some(14.0)));
    let d = ok("---\ntitle: From front\n---\narchitecture-beta\ntitle From body\n");
    assert_eq!(d.title.as_deref(), Some("From body"));
}

// ---- diagnostics -------------------------------------------------------------------------

fn first(src: &str) -> Diagnostic {
    let p = parse(src);
    p.diagnostics.into_iter().next().unwrap_or_else(|| panic!("no diagnostic for {src:?}"))
}

fn at<'s>(src: &'s str, d: &Diagnostic) -> &'s str {
    &src[d.span.range()]
}

#[test]
fn unknown_side_letters() {
    for (edge, bad, help) in [
        ("a:X --> L:b", "X", "sides are L"),
        ("a:r --> L:b", "r", "write `R`"),
        ("a:R --> left:b", "left", "write `L`"),
    ] {
        let src = format!("{HEAD}service a\nservice b\n{edge}\n");
        let d = first(&src);
        assert_eq!((d.code, at(&src, &d)), (codes::ARCH_BAD_SIDE, bad), "{edge}");
        assert!(d.help.as_deref().unwrap().contains(help), "{d:?}");
        assert!(parse(&src).diagram.edges.is_empty());
    }
}

#[test]
fn unknown_ids_drop_the_edge_only() {
    let src = format!("{HEAD}service gateway(server)\nservice db(database)\ngatway:R --> L:db\ngateway:R --> L:db\n");
    let p = parse(&src);
    let d = &p.diagnostics[0];
    assert_eq!((d.code, at(&src, d)), (codes::ARCH_UNKNOWN_ID, "gatway"));
    assert_eq!(d.help.as_deref(), Some("did you mean `gateway`?"));
    assert_eq!(p.diagram.edges.len(), 1);
    assert_eq!(p.diagram.nodes.len(), 2);
}

#[test]
fn duplicate_ids_share_one_namespace() {
    let src = format!("{HEAD}group db(cloud)\nservice db(database)\njunction db\n");
    let p = parse(&src);
    assert_eq!(codes_of(&src), [codes::ARCH_DUPLICATE_ID, codes::ARCH_DUPLICATE_ID]);
    assert_eq!(p.diagnostics[0].message, "`db` is already declared as a group");
    assert_eq!(p.diagnostics[0].labels[0].span, Span::new(HEAD.len() + 6, HEAD.len() + 8));
    assert_eq!((p.diagram.clusters.len(), p.diagram.nodes.len()), (1, 0));
}

#[test]
fn parents_missing_wrong_or_circular() {
    let src = format!("{HEAD}group edge(cloud)\nservice a(server) in egde\n");
    let p = parse(&src);
    let d = &p.diagnostics[0];
    assert_eq!((d.code, at(&src, d)), (codes::ARCH_UNKNOWN_PARENT, "egde"));
    assert_eq!(d.help.as_deref(), Some("did you mean `edge`?"));
    assert_eq!(p.diagram.nodes[0].parent, None);

    let src = format!("{HEAD}service a(server)\nservice b(server) in a\n");
    assert_eq!(codes_of(&src), [codes::ARCH_PARENT_NOT_GROUP]);

    let src = format!("{HEAD}group g(cloud) in g\n");
    let d = first(&src);
    assert_eq!((d.code, at(&src, &d)), (codes::ARCH_NESTING_CYCLE, "g"));

    let src = format!("{HEAD}group a(cloud) in c\ngroup b(cloud) in a\ngroup c(cloud) in b\nservice s in c\n");
    let p = parse(&src);
    let cycle: Vec<&Diagnostic> = p.diagnostics.iter().filter(|d| d.code == codes::ARCH_NESTING_CYCLE).collect();
    assert_eq!(cycle.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(at(&src, cycle[0]), "b", "the last-declared group's `in` is cut");
    let dg = &p.diagram;
    // Parents come first, and nesting is a tree again: c at the top, a in c, b in a.
    for (i, c) in dg.clusters.iter().enumerate() {
        assert!(c.parent.is_none_or(|p| p < i), "{:?}", dg.clusters);
    }
    let by = |id: &str| dg.cluster_index(id).unwrap();
    assert_eq!(dg.clusters[by("c")].parent, None);
    assert_eq!(dg.clusters[by("a")].parent, Some(by("c")));
    assert_eq!(dg.clusters[by("b")].parent, Some(by("a")));
    assert_eq!(dg.nodes[0].parent, Some(by("c")));
}

#[test]
fn a_parent_group_declared_later_is_a_warning_and_still_nests() {
    let src = format!("{HEAD}group inner(cloud) in outer\ngroup outer(cloud)\n");
    let p = parse(&src);
    assert_eq!(codes_of(&src), [codes::ARCH_PARENT_DECLARED_LATER]);
    assert_eq!(p.diagram.clusters[0].id, "outer");
    assert_eq!(p.diagram.clusters[1].parent, Some(0));
}

#[test]
fn group_modifier_misuse() {
    let src = format!("{HEAD}service a(server)\nservice b(server)\na{{group}}:R --> L:b\n");
    let p = parse(&src);
    let d = &p.diagnostics[0];
    assert_eq!((d.code, at(&src, d)), (codes::ARCH_GROUP_MODIFIER_IGNORED, "{group}"));
    assert_eq!(p.diagram.edges[0].from, Endpoint::Node(0));

    let src = format!("{HEAD}group g(cloud)\nservice a(server) in g\nservice b(server) in g\na:R --> L:b{{group}}\n");
    let d = first(&src);
    assert_eq!(d.code, codes::ARCH_GROUP_EDGE_SAME_GROUP);

    let src = format!("{HEAD}group g(cloud)\nservice a(server) in g\nservice b(server)\ng:R --> L:b\n");
    let d = first(&src);
    assert_eq!((d.code, at(&src, &d)), (codes::ARCH_EDGE_TO_GROUP, "g"));
    assert!(d.help.as_deref().unwrap().contains("a{group}"), "{d:?}");

    let src = format!("{HEAD}service a\nservice b\na{{grp}}:R --> L:b\n");
    let d = first(&src);
    assert_eq!((d.code, at(&src, &d)), (codes::ARCH_UNEXPECTED, "{grp}"));
}

#[test]
fn unclosed_and_bracketless_titles() {
    let src = format!("{HEAD}service a(server)[Oops\n");
    let d = first(&src);
    assert_eq!((d.code, at(&src, &d)), (codes::ARCH_UNCLOSED, "["));
    let src = format!("{HEAD}service a(server\n");
    let d = first(&src);
    assert_eq!((d.code, at(&src, &d)), (codes::ARCH_UNCLOSED, "("));
    let src = format!("{HEAD}service a \"text\n");
    assert_eq!(first(&src).code, codes::ARCH_UNCLOSED);
    let src = format!("{HEAD}group g(cloud)\nservice a(server) My Server in g\n");
    let p = parse(&src);
    let d = &p.diagnostics[0];
    assert_eq!((d.code, at(&src, d)), (codes::ARCH_TITLE_WITHOUT_BRACKETS, "My Server"));
    assert_eq!(d.help.as_deref(), Some("write `[My Server]`"));
    // Still drawn, with the title that was meant, in its group.
    assert_eq!(p.diagram.nodes[0].label.to_plain(), "My Server");
    assert_eq!(p.diagram.nodes[0].parent, Some(0));
}

#[test]
fn statements_from_other_diagram_types_get_hints() {
    for (line, shown, hint) in [
        ("A --> B", "A --> B", "A:R --> L:other"),
        ("web[Web] --> db[(DB)]", "web[Web] --> db[(DB)]", "web:R --> L:other"),
        ("subgraph X", "subgraph", "group g(cloud)"),
        ("end", "end", "group"),
        ("Rel(a, b, \"uses\")", "Rel", "C4Context"),
        ("db[(Database)]", "db[(Database)]", "service db(server)[Title]"),
    ] {
        let src = format!("{HEAD}{line}\n");
        let d = first(&src);
        assert_eq!((d.code, at(&src, &d)), (codes::ARCH_FOREIGN_STATEMENT, shown), "{line}");
        assert!(d.help.as_deref().unwrap().contains(hint), "{line}: {d:?}");
    }
    let src = format!("{HEAD}servce a(server)\n");
    let d = first(&src);
    assert_eq!((d.code, at(&src, &d)), (codes::ARCH_UNEXPECTED, "servce"));
    assert_eq!(d.help.as_deref(), Some("did you mean `service`?"));
}

#[test]
fn malformed_lines_say_what_was_expected() {
    for (line, bad, expected) in [
        ("service", "\n", "an id after `service`"),
        ("a:R --- L:b", "---", "two dashes"),
        ("a:R ==> L:b", "==>", "no thick, dotted or invisible"),
        ("a:R -.-> L:b", "-.->", "`-[title]-`"),
        ("a:R -[t] L:b", "-[t]", "followed by `-`"),
        ("a:R --> b", "b", "a side and `:`"),
        ("a R --> L:b", "R", "`:` and a side after `a`"),
        ("a:R --> L:b extra", "extra", "after the statement"),
        ("what is this", "what", "does not start"),
        ("junction j(cloud)", "(", "`in` or the end of the line"),
        ("service c(server)[C] extra", "extra", "after the statement"),
        ("accTitle Missing colon", "M", "`:` after `accTitle`"),
    ] {
        let src = format!("{HEAD}service a\nservice b\n{line}\n");
        let d = first(&src);
        assert_eq!(at(&src, &d), bad, "{line}: {d:?}");
        assert!(d.message.contains(expected), "{line}: {}", d.message);
        assert!(d.help.is_some(), "{line}");
    }
}

#[test]
fn errors_keep_the_rest_of_the_diagram() {
    let src = format!("{HEAD}service a(server)[A]\nservice b(server\nA --> B\nservice c(server)[C]\na:R --> L:c\n");
    let p = parse(&src);
    assert_eq!(p.diagnostics.iter().filter(|d| d.is_error()).count(), 2);
    // `b` with its unclosed `(` is still drawn, without an icon.
    let ids: Vec<&str> = p.diagram.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(p.diagram.nodes[1].icon.is_none());
    assert_eq!(p.diagram.edges.len(), 1);
    // An unclosed title takes the rest of the line; a junction's icon is skipped.
    let p = parse(&format!("{HEAD}service a(server)[Half a title %% note\njunction j(cloud)[J] in g\ngroup g\n"));
    assert_eq!(p.diagram.nodes[0].label.to_plain(), "Half a title");
    assert_eq!((p.diagram.nodes[1].shape, p.diagram.nodes[1].parent), (Shape::Junction, Some(0)));
}

// ---- seeds ---------------------------------------------------------------------------------

fn counts(d: &Diagram) -> (usize, usize, usize, usize) {
    let icons = d.nodes.iter().filter(|n| n.shape == Shape::Icon).count();
    let junctions = d.nodes.iter().filter(|n| n.shape == Shape::Junction).count();
    (icons, junctions, d.edges.len(), d.clusters.len())
}

const SEED_000: &str = include_str!("../../../../../tests/fixtures/architecture/ok/seed-000.mmd");
const SEED_001: &str = include_str!("../../../../../tests/fixtures/architecture/ok/seed-001.mmd");

#[test]
fn seeds_parse_completely() {
    // The only remarks are the icon names that are not in today's packs, each drawn as
    // its closest real icon.
    let only_substitutes = |p: &crate::syntax::Parsed| p.diagnostics.iter().all(|d| d.code == codes::ICON_SUBSTITUTE);
    let p = parse(SEED_000);
    assert!(only_substitutes(&p), "{:#?}", p.diagnostics);
    assert_eq!(counts(&p.diagram), (31, 5, 38, 16));
    assert_eq!(p.diagram.acc_title.as_deref(), Some("Cloud-Native Microservices Platform"));
    let p = parse(SEED_001);
    assert!(only_substitutes(&p), "{:#?}", p.diagnostics);
    assert_eq!(counts(&p.diagram), (51, 5, 54, 16));
    let d = &p.diagram;
    let k8s = d.cluster_index("k8s").unwrap();
    assert_eq!(d.clusters[d.clusters[k8s].parent.unwrap()].id, "compute");
    assert_eq!(d.nodes[d.node_index("auth").unwrap()].parent, Some(k8s));
    assert_eq!(d.config.layout.as_deref(), Some("elk"));
}

// ---- robustness ------------------------------------------------------------------------------

use crate::testing::XorShift;

/// Parses without panicking, and everything returned is consistent.
fn survives(src: &str) {
    let p = parse(src);
    for d in &p.diagnostics {
        assert!(d.span.end as usize <= src.len() && d.span.start <= d.span.end, "bad span {d:?}");
        assert!(src.is_char_boundary(d.span.start as usize) && src.is_char_boundary(d.span.end as usize), "{d:?}");
    }
    let dg = &p.diagram;
    for (i, c) in dg.clusters.iter().enumerate() {
        assert!(c.parent.is_none_or(|p| p < i));
    }
    for n in &dg.nodes {
        assert!(n.parent.is_none_or(|c| c < dg.clusters.len()));
    }
    for e in &dg.edges {
        for end in [e.from, e.to] {
            match end {
                Endpoint::Node(n) => assert!(n < dg.nodes.len()),
                Endpoint::Cluster(c) => assert!(c < dg.clusters.len()),
            }
        }
    }
}

#[test]
fn large_inputs_take_linear_time() {
    // 20,000 services in 200 groups, 20,000 edges, and every line of a second copy wrong.
    let mut src = String::from("architecture-beta\n");
    for g in 0..200 {
        src.push_str(&format!("group g{g}(cloud)[Group {g}]\n"));
    }
    for i in 0..20_000 {
        src.push_str(&format!("service s{i}(server)[Service {i}] in g{}\n", i % 200));
        src.push_str(&format!("s{i}:R --> L:s{}\n", (i * 7 + 1) % 20_000));
        src.push_str(&format!("s{i}:R --> L:g{}\n", i % 200));
    }
    let start = std::time::Instant::now();
    let p = parse(&src);
    assert_eq!((p.diagram.nodes.len(), p.diagram.edges.len()), (20_000, 20_000));
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    survives(&format!("architecture-beta\nservice a[{}", "[".repeat(1_000_000)));
    survives(&format!("architecture-beta\n{}", "a:R -".repeat(200_000)));
    survives(&format!("architecture-beta\naccDescr {{\n{}", "accDescr {\n".repeat(100_000)));
}

#[test]
fn prefixes_of_seed_001_survive() {
    // Every line end, and every fifth byte between: each prefix with a half-written icon
    // name pays for a fuzzy icon search, so every single byte would take minutes in a
    // debug build; the random inputs below cover the tokens in between.
    let line_ends = SEED_001.match_indices('\n').map(|(i, _)| i);
    for i in (0..=SEED_001.len()).step_by(5).chain(line_ends).filter(|&i| SEED_001.is_char_boundary(i)) {
        survives(&SEED_001[..i]);
    }
}

#[test]
fn random_bytes_and_token_soup_never_panic() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        let len = rng.below(1500);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        survives(&format!("architecture-beta\n{}", String::from_utf8_lossy(&bytes)));
    }
    const BITS: &[&str] = &[
        "service ",
        "group ",
        "junction ",
        " in ",
        "a",
        "b",
        "é",
        "(",
        ")",
        "[",
        "]",
        "\"",
        "'",
        ":",
        "{group}",
        "{",
        "}",
        "L",
        "R",
        "T",
        "B",
        "--",
        "-",
        "<",
        ">",
        "-[t]-",
        " ",
        "\n",
        "%%",
        "%%{",
        "}%%",
        "title ",
        "accDescr {",
        "accTitle:",
        "logos:x",
        "\t",
    ];
    for _ in 0..500 {
        let mut s = String::from("architecture-beta\n");
        for _ in 0..rng.below(60) {
            s.push_str(BITS[rng.below(BITS.len())]);
        }
        survives(&s);
    }
}
