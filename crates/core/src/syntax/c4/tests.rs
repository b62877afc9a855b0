//! Parser and lowering tests: argument splitting with exact spans, named arguments, every
//! diagnostic, the lowering (shapes, type lines, sides, markers, styles, direction,
//! nesting, `UpdateLayoutConfig`), seed 002, and robustness (every prefix of the seed,
//! random bytes, token soup, huge inputs).

use super::ast::{C4Diagram, Macro, RelKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{C4Kind, Diagram, DiagramKind, Direction, Endpoint, Marker, Shape, Side, Stroke};
use crate::source::Span;
use crate::syntax::{codes, parse};

const HEAD: &str = "C4Context\n";

/// Parses a C4 body (after the header) into its syntax tree.
fn ast(body: &str) -> (String, C4Diagram, Vec<Diagnostic>) {
    let src = format!("{HEAD}{body}");
    let mut d = Vec::new();
    let a = super::parse(&src, "C4Context", HEAD.len() - 1, &mut d);
    (src, a, d)
}

/// Parses a whole diagram and requires no diagnostic at all.
fn clean(src: &str) -> Diagram {
    let p = parse(src);
    assert!(p.diagnostics.is_empty(), "unexpected diagnostics for {src:?}: {:#?}", p.diagnostics);
    p.diagram
}

fn body(b: &str) -> Diagram {
    clean(&format!("{HEAD}{b}"))
}

/// Parses a whole diagram and requires no error or warning (information is fine).
fn quiet(src: &str) -> Diagram {
    let p = parse(src);
    let loud: Vec<&Diagnostic> = p.diagnostics.iter().filter(|d| d.severity != Severity::Info).collect();
    assert!(loud.is_empty(), "unexpected diagnostics for {src:?}: {loud:#?}");
    p.diagram
}

fn codes_of(src: &str) -> Vec<&'static str> {
    parse(src).diagnostics.iter().map(|d| d.code).collect()
}

fn text(src: &str, span: Span) -> &str {
    &src[span.range()]
}

fn node<'d>(d: &'d Diagram, id: &str) -> &'d crate::model::Node {
    &d.nodes[d.node_index(id).unwrap_or_else(|| panic!("no node {id}"))]
}

fn type_line(n: &crate::model::Node) -> &str {
    n.c4.as_ref().and_then(|c| c.type_line.as_deref()).unwrap_or("")
}

// ---- arguments -----------------------------------------------------------------------------

#[test]
fn arguments_split_with_exact_spans() {
    let (src, a, d) = ast("Container(api, \"API, (public)\", Java,, \"\" , $link=\"https://x.org/a,b\")\n");
    assert!(d.is_empty(), "{d:?}");
    let call = &a.calls[0];
    assert_eq!(text(&src, call.span), "Container(api, \"API, (public)\", Java,, \"\" , $link=\"https://x.org/a,b\")");
    let shown: Vec<(&str, &str)> = call.args.iter().map(|a| (a.value.text.as_str(), text(&src, a.span))).collect();
    assert_eq!(
        shown,
        [
            ("api", "api"),
            ("API, (public)", "\"API, (public)\""),
            ("Java", "Java"),
            ("", ""),
            ("", "\"\""),
            ("https://x.org/a,b", "$link=\"https://x.org/a,b\""),
        ]
    );
    for arg in &call.args {
        assert_eq!(text(&src, arg.value.span), arg.value.text);
    }
    assert_eq!(text(&src, call.args[5].key.as_ref().unwrap().span), "link");
    // Bound by position and by name.
    assert_eq!(call.text("alias").unwrap().text, "api");
    assert_eq!(call.text("techn").unwrap().text, "Java");
    assert_eq!(call.param("descr").unwrap().text, "");
    assert!(call.text("descr").is_none());
    assert_eq!(call.text("link").unwrap().text, "https://x.org/a,b");
}

#[test]
fn values_are_trimmed_and_unquoted_values_take_spaces_and_parens() {
    let (src, a, d) = ast(
        "Person( customer , \"  Retail customer \" , A customer of the bank )\nUpdateElementStyle(customer, $shape=RoundedBoxShape())\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let c = &a.calls[0];
    assert_eq!(c.text("alias").unwrap().text, "customer");
    assert_eq!(text(&src, c.text("label").unwrap().span), "Retail customer");
    assert_eq!(c.text("descr").unwrap().text, "A customer of the bank");
    assert_eq!(a.calls[1].text("shape").unwrap().text, "RoundedBoxShape()");
}

#[test]
fn empty_arguments_in_every_place() {
    let (_, a, d) =
        ast("Rel(a, b, \"Uses\", , \"descr\")\nUpdateRelStyle(a, b, , \"red\")\nUpdateLayoutConfig(,\"2\")\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(a.calls[0].text("techn").is_none());
    assert_eq!(a.calls[0].text("descr").unwrap().text, "descr");
    assert!(a.calls[1].text("textColor").is_none());
    assert_eq!(a.calls[1].text("lineColor").unwrap().text, "red");
    assert!(a.calls[2].text("c4ShapeInRow").is_none());
    assert_eq!(a.calls[2].text("c4BoundaryInRow").unwrap().text, "2");
}

#[test]
fn named_arguments_anywhere_after_the_positional_ones() {
    let (_, a, d) = ast(
        "Container(web, \"Web\", $descr=\"SPA\", $techn = \"React\", $tags=\"ui+v2\")\nUpdateRelStyle(a, b, $offsetY=\"60\", $lineColor=\"blue\", $textColor=\"red\")\n",
    );
    let d: Vec<_> = d.into_iter().filter(|d| d.severity != Severity::Info).collect();
    assert!(d.is_empty(), "{d:?}");
    let c = &a.calls[0];
    assert_eq!((c.text("descr").unwrap().text.as_str(), c.text("techn").unwrap().text.as_str()), ("SPA", "React"));
    assert_eq!(c.text("tags").unwrap().text, "ui+v2");
    let s = &a.calls[1];
    assert_eq!(s.text("textColor").unwrap().text, "red");
    assert_eq!(s.text("lineColor").unwrap().text, "blue");
    assert_eq!(s.text("offsetY").unwrap().text, "60");
}

#[test]
fn a_line_ending_in_a_comma_continues() {
    let (_, a, d) = ast("Container(api, \"API\",\n    \"Java\",\n    \"Handles orders\")\nPerson(p, \"P\")\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.calls.len(), 2);
    assert_eq!(a.calls[0].text("descr").unwrap().text, "Handles orders");
    let (_, a, d) = ast("Container(\n  api,\n  \"API\"\n)\nPerson(p, \"P\")\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.calls.len(), 2);
    // A new call on the next line is not taken as an argument.
    let (_, a, d) = ast("Container(api, \"API\",\nPerson(p, \"P\")\n");
    assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), [codes::C4_UNCLOSED_PAREN]);
    assert_eq!(a.calls.len(), 2);
}

#[test]
fn every_macro_name_is_known() {
    let mut src = String::new();
    for (name, mac) in super::ast::MACROS {
        let args = match mac {
            Macro::Layout(_) | Macro::Ignored => String::new(),
            _ => (0..mac.required()).map(|i| format!("a{i}")).collect::<Vec<_>>().join(", "),
        };
        let body = if mac.is_boundary() { " {\n}" } else { "" };
        src.push_str(&format!("{name}({args}){body}\n"));
    }
    let (_, a, d) = ast(&src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.calls.len(), super::ast::MACROS.len());
    assert!(a.calls.iter().zip(super::ast::MACROS).all(|(c, (_, m))| c.mac == *m));
    assert_eq!(a.calls.iter().filter(|c| c.mac == Macro::Rel(RelKind::Toward(Side::Right))).count(), 2);
}

// ---- statements ----------------------------------------------------------------------------

#[test]
fn title_accessibility_comments_and_directives() {
    let d = clean(
        "%%{init: {'theme': 'dark'}}%%\nC4Container\n  title Internet Banking %% not part of it\n  accTitle: Banking\n  accDescr {\n    Two lines\n    of text\n  }\n  %% a comment\n  %%{init: {'look': 'neo'}}%%\n  Person(p, \"P\") %% trailing\n",
    );
    assert_eq!(d.kind, Some(DiagramKind::C4));
    assert_eq!(d.title.as_deref(), Some("Internet Banking"));
    assert_eq!(d.acc_title.as_deref(), Some("Banking"));
    assert_eq!(d.acc_descr.as_deref(), Some("Two lines\nof text"));
    assert_eq!(d.config.theme, crate::config::ThemeName::Dark);
    assert_eq!(d.config.look, crate::config::Look::Neo);
    assert_eq!(d.nodes.len(), 1);
    let d = body("accDescr: One line\ntitle\n");
    assert_eq!((d.acc_descr.as_deref(), d.title.as_deref()), (Some("One line"), None));
}

#[test]
fn boundaries_nest_with_braces_on_the_same_or_the_next_line() {
    let d = body(
        "Enterprise_Boundary(bank, \"Bank\") {\n  System_Boundary(ibs, \"Internet Banking\")\n  %% the body follows\n  {\n    Container(api, \"API\")\n  }\n  Boundary(b3, \"Ops\", \"team\") { System(ops, \"Ops\") }\n}\nPerson(p, \"P\")\n",
    );
    let ids: Vec<(&str, Option<&str>)> =
        d.clusters.iter().map(|c| (c.id.as_str(), c.parent.map(|p| d.clusters[p].id.as_str()))).collect();
    assert_eq!(ids, [("bank", None), ("ibs", Some("bank")), ("b3", Some("bank"))]);
    assert_eq!(node(&d, "api").parent, d.cluster_index("ibs"));
    assert_eq!(node(&d, "ops").parent, d.cluster_index("b3"));
    assert_eq!(node(&d, "p").parent, None);
    let lines: Vec<Option<&str>> =
        d.clusters.iter().map(|c| c.c4.as_ref().and_then(|c| c.type_line.as_deref())).collect();
    assert_eq!(lines, [Some("[Enterprise]"), Some("[Software System]"), Some("[team]")]);
}

#[test]
fn deployment_nodes_are_boundaries_with_type_and_description() {
    let d = clean(
        "C4Deployment\nDeployment_Node(aws, \"AWS\", \"Cloud\", \"eu-west-1\", $sprite=\"aws\") {\n  Node_L(k8s, \"EKS\") {\n    Container(api, \"API\", \"Go\")\n  }\n  Node_R(db, \"RDS\", $type=\"PostgreSQL 15\") {\n    ContainerDb(pg, \"Orders\", \"PostgreSQL\")\n  }\n}\n",
    );
    let aws = &d.clusters[0];
    assert_eq!(aws.title.to_plain(), "AWS");
    assert_eq!(aws.detail.as_ref().unwrap().to_plain(), "eu-west-1");
    let c4 = aws.c4.as_ref().unwrap();
    assert_eq!(
        (c4.kind, c4.type_line.as_deref(), c4.sprite.as_deref()),
        (C4Kind::DeploymentNode, Some("[Node: Cloud]"), Some("aws"))
    );
    assert_eq!(d.clusters[1].c4.as_ref().unwrap().type_line.as_deref(), Some("[Node]"));
    assert_eq!(d.clusters[2].c4.as_ref().unwrap().type_line.as_deref(), Some("[Node: PostgreSQL 15]"));
    assert_eq!(node(&d, "pg").parent, Some(2));
    assert_eq!(type_line(node(&d, "pg")), "[Container: PostgreSQL]");
}

#[test]
fn direction_statement_and_plantuml_layout_macros() {
    assert_eq!(body("direction LR\nPerson(a, \"A\")\n").direction, Direction::LeftRight);
    assert_eq!(body("LAYOUT_LEFT_RIGHT()\nPerson(a, \"A\")\n").direction, Direction::LeftRight);
    assert_eq!(
        body("LAYOUT_TOP_DOWN()\nRel_R(a, b, \"x\")\nPerson(a, \"A\")\nPerson(b, \"B\")\n").direction,
        Direction::TopBottom
    );
}

// ---- lowering ------------------------------------------------------------------------------

#[test]
fn elements_shapes_type_lines_and_facts() {
    let d = body(
        "Person(c, \"Customer\", \"Buys things\", $sprite=\"person\", $tags=\"vip+retail\", $link=\"https://example.com/c\")\nPerson_Ext(x, \"Partner\")\nSystem(s, \"Shop\")\nSystemDb_Ext(m, \"Mainframe\")\nSystemQueue(q, \"Events\")\nContainer(api, \"API\", \"Kotlin\", \"JSON over HTTPS\")\nContainerDb(db, \"DB\")\nContainerQueue_Ext(k, \"Kafka\", \"Kafka 3\")\nComponent(ctl, \"Controller\", \"Spring MVC\")\nComponentDb(cache, \"Cache\")\nComponentQueue(outbox, \"Outbox\")\n",
    );
    let rows: Vec<(&str, Shape, &str, bool)> =
        d.nodes.iter().map(|n| (n.id.as_str(), n.shape, type_line(n), n.c4.as_ref().unwrap().external)).collect();
    assert_eq!(
        rows,
        [
            ("c", Shape::Person, "[Person]", false),
            ("x", Shape::Person, "[Person]", true),
            ("s", Shape::Rounded, "[Software System]", false),
            ("m", Shape::Cylinder, "[Software System]", true),
            ("q", Shape::HorizontalCylinder, "[Software System]", false),
            ("api", Shape::Rounded, "[Container: Kotlin]", false),
            ("db", Shape::Cylinder, "[Container]", false),
            ("k", Shape::HorizontalCylinder, "[Container: Kafka 3]", true),
            ("ctl", Shape::Rounded, "[Component: Spring MVC]", false),
            ("cache", Shape::Cylinder, "[Component]", false),
            ("outbox", Shape::HorizontalCylinder, "[Component]", false),
        ]
    );
    let c = node(&d, "c");
    assert_eq!((c.label.to_plain(), c.detail.as_ref().unwrap().to_plain()), ("Customer".into(), "Buys things".into()));
    let f = c.c4.as_ref().unwrap();
    assert_eq!(
        (f.kind, f.sprite.as_deref(), f.tags.clone()),
        (C4Kind::Person, Some("person"), vec!["vip".into(), "retail".into()])
    );
    assert_eq!(c.link.as_ref().unwrap().url, "https://example.com/c");
    assert_eq!(node(&d, "api").detail.as_ref().unwrap().to_plain(), "JSON over HTTPS");
    assert!(node(&d, "x").detail.is_none());
    // `<br/>` breaks a description, as in Mermaid.
    let d = body("Person(a, \"A\", \"one<br/>two\")\n");
    assert_eq!(d.nodes[0].detail.as_ref().unwrap().lines.len(), 2);
}

#[test]
fn relations_markers_sides_labels_and_ids() {
    let d = quiet(&format!(
        "{HEAD}Person(a, \"A\")\nSystem(b, \"B\")\nSystem(c, \"C\")\nSystem(d, \"D\")\nSystem(e, \"E\")\nSystem(f, \"F\")\nSystem(g, \"G\")\nSystem(h, \"H\")\nSystem(i, \"I\")\nRel(a, b, \"Uses\", \"HTTPS\", $link=\"https://docs\")\nBiRel(a, c, \"Syncs\")\nRel_Back(a, d, \"Notifies\")\nRel_U(a, e, \"u\")\nRel_Down(a, f, \"d\")\nRel_L(a, g, \"l\")\nRel_Right(a, h, \"r\")\nRelIndex(1, a, i, \"i\", \"gRPC\")\nLay_R(a, b)\nLay_Up(b, a)\n"
    ));
    let rows: Vec<_> = d
        .edges
        .iter()
        .map(|e| {
            (e.id.as_str(), e.start, e.end, e.from_side, e.to_side, e.stroke, e.label.as_ref().map(|l| l.to_plain()))
        })
        .collect();
    use Marker::{Arrow, None as No};
    let s = |x| Some(x);
    let l = |x: &str| Some(x.to_string());
    assert_eq!(
        rows,
        [
            ("L_a_b_0", No, Arrow, None, None, Stroke::Normal, l("Uses")),
            ("L_a_c_0", Arrow, Arrow, None, None, Stroke::Normal, l("Syncs")),
            ("L_a_d_0", Arrow, No, None, None, Stroke::Normal, l("Notifies")),
            ("L_a_e_0", No, Arrow, s(Side::Top), s(Side::Bottom), Stroke::Normal, l("u")),
            ("L_a_f_0", No, Arrow, s(Side::Bottom), s(Side::Top), Stroke::Normal, l("d")),
            ("L_a_g_0", No, Arrow, s(Side::Left), s(Side::Right), Stroke::Normal, l("l")),
            ("L_a_h_0", No, Arrow, s(Side::Right), s(Side::Left), Stroke::Normal, l("r")),
            ("L_a_i_0", No, Arrow, None, None, Stroke::Normal, l("i")),
            ("L_a_b_2", No, No, s(Side::Right), s(Side::Left), Stroke::Invisible, None),
            ("L_b_a_0", No, No, s(Side::Top), s(Side::Bottom), Stroke::Invisible, None),
        ]
    );
    let e = &d.edges[0];
    assert_eq!((e.from, e.to), (Endpoint::Node(0), Endpoint::Node(1)));
    assert_eq!(e.detail.as_ref().unwrap().to_plain(), "HTTPS");
    assert_eq!(e.link.as_ref().unwrap().url, "https://docs");
    assert_eq!(d.edges[7].detail.as_ref().unwrap().to_plain(), "gRPC");
    // Rel_Back keeps from and to as written.
    assert_eq!((d.edges[2].from, d.edges[2].to), (Endpoint::Node(0), Endpoint::Node(3)));
}

#[test]
fn a_boundary_alias_is_a_cluster_end() {
    let d =
        body("Person(p, \"P\")\nSystem_Boundary(shop, \"Shop\") {\n  System(s, \"S\")\n}\nRel(p, shop, \"Uses\")\n");
    assert_eq!((d.edges[0].from, d.edges[0].to), (Endpoint::Node(0), Endpoint::Cluster(0)));
}

#[test]
fn dynamic_diagrams_number_relations_in_written_order() {
    let p = parse(
        "C4Dynamic\nContainer(spa, \"SPA\")\nContainer(api, \"API\")\nContainerDb(db, \"DB\")\nRelIndex(1, spa, api, \"Submits\", \"JSON\")\nRel(api, db, \"Reads\")\nRelIndex(7, api, spa, \"Returns\")\nLay_R(spa, api)\nRel(db, api, \"\")\n",
    );
    let labels: Vec<Option<String>> = p.diagram.edges.iter().map(|e| e.label.as_ref().map(|l| l.to_plain())).collect();
    let l = |x: &str| Some(x.to_string());
    assert_eq!(labels, [l("1: Submits"), l("2: Reads"), l("3: Returns"), None, l("4")]);
    let notes: Vec<_> = p.diagnostics.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(notes, [(codes::C4_INDEX_RENUMBERED, Severity::Info)]);
    assert!(p.diagnostics[0].message.contains("drawn as 3"), "{:?}", p.diagnostics[0]);
    // Elsewhere the index is not drawn.
    let p = parse("C4Container\nPerson(a, \"A\")\nPerson(b, \"B\")\nRelIndex(1, a, b, \"Calls\")\n");
    assert_eq!(p.diagram.edges[0].label.as_ref().unwrap().to_plain(), "Calls");
    assert_eq!(
        codes_of("C4Container\nPerson(a, \"A\")\nPerson(b, \"B\")\nRelIndex(1, a, b, \"Calls\")\n"),
        [codes::C4_INDEX_RENUMBERED]
    );
    assert_eq!(p.diagnostics[0].severity, Severity::Info);
}

#[test]
fn element_and_boundary_styles() {
    let d = body(
        "System_Boundary(b, \"B\") {\n  Container(api, \"API\", \"Java\")\n}\nUpdateElementStyle(api, \"#1168bd\", \"white\", \"#0b4884\", \"true\", $techn=\"Kotlin\", $sprite=\"kotlin\")\nUpdateBoundaryStyle(b, $bgColor=\"rgb(240, 240, 240)\", $borderColor=\"grey\")\nUpdateElementStyle(api, $fontColor=\"yellow\")\n",
    );
    let api = node(&d, "api");
    assert_eq!(api.style.fill.as_deref(), Some("#1168bd"));
    assert_eq!(api.style.color.as_deref(), Some("yellow"));
    assert_eq!(api.style.stroke.as_deref(), Some("#0b4884"));
    let c4 = api.c4.as_ref().unwrap();
    assert!(c4.shadow);
    assert_eq!((c4.type_line.as_deref(), c4.sprite.as_deref()), (Some("[Container: Kotlin]"), Some("kotlin")));
    let b = &d.clusters[0];
    assert_eq!((b.style.fill.as_deref(), b.style.stroke.as_deref()), (Some("rgb(240, 240, 240)"), Some("grey")));
    // Shapes from `$shape`.
    let d = body("System(s, \"S\")\nUpdateElementStyle(s, $shape=\"EightSidedShape()\")\nUpdateElementStyle(s, $shape=\"queue\")\n".replace("\"EightSidedShape()\"", "\"cylinder\"").as_str());
    assert_eq!(d.nodes[0].shape, Shape::HorizontalCylinder);
}

#[test]
fn rel_styles_colour_every_relation_between_the_two() {
    let p = parse(&format!(
        "{HEAD}Person(a, \"A\")\nSystem(b, \"B\")\nRel(a, b, \"one\")\nRel(a, b, \"two\")\nRel(b, a, \"back\")\nLay_R(a, b)\nUpdateRelStyle(a, b, \"red\", \"#00f\", \"10\", $offsetY=\"-5\")\n"
    ));
    let d = &p.diagram;
    let styled: Vec<(Option<&str>, Option<&str>)> =
        d.edges.iter().map(|e| (e.style.color.as_deref(), e.style.stroke.as_deref())).collect();
    // The second `a → b` replaced the first, as in Mermaid: one relation per pair of ends.
    assert_eq!(styled, [(Some("red"), Some("#00f")), (None, None), (None, None)]);
    assert_eq!(d.edges[0].label.as_ref().map(|l| l.to_plain()).as_deref(), Some("two"));
    let notes: Vec<_> = p.diagnostics.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        notes,
        [
            (codes::C4_RELATION_REPLACED, Severity::Warning),
            (codes::C4_OFFSET_IGNORED, Severity::Info),
            (codes::C4_OFFSET_IGNORED, Severity::Info)
        ]
    );
    assert_eq!(p.diagnostics[0].labels.len(), 1, "the warning points at the first relation too");
    assert_eq!(
        p.diagnostics[1].help.as_deref(),
        Some("Coral places relation labels clear of everything; offsets are not applied")
    );
}

#[test]
fn styles_may_come_before_what_they_style() {
    let d = body(
        "UpdateElementStyle(a, $bgColor=\"red\")\nUpdateRelStyle(a, b, $lineColor=\"blue\")\nPerson(a, \"A\")\nPerson(b, \"B\")\nRel(a, b, \"x\")\n",
    );
    assert_eq!(d.nodes[0].style.fill.as_deref(), Some("red"));
    assert_eq!(d.edges[0].style.stroke.as_deref(), Some("blue"));
}

#[test]
fn direction_follows_the_relations_sides() {
    let base = "Person(a, \"A\")\nPerson(b, \"B\")\nPerson(c, \"C\")\n";
    let dir = |rels: &str| body(&format!("{base}{rels}")).direction;
    assert_eq!(dir(""), Direction::TopBottom);
    assert_eq!(dir("Rel(a, b, \"x\")\nBiRel(b, c, \"y\")\n"), Direction::TopBottom);
    assert_eq!(dir("Rel_R(a, b, \"x\")\n"), Direction::LeftRight);
    assert_eq!(dir("Rel_R(a, b, \"x\")\nRel_L(b, c, \"x\")\nRel_D(a, c, \"x\")\n"), Direction::LeftRight);
    // A tie goes to top-down, C4-PlantUML's default.
    assert_eq!(dir("Rel_R(a, b, \"x\")\nRel_Down(b, c, \"y\")\n"), Direction::TopBottom);
    assert_eq!(dir("Rel_U(a, b, \"x\")\nRel_R(b, c, \"x\")\nRel_D(a, c, \"x\")\n"), Direction::TopBottom);
    // Layout hints count too; a written direction wins.
    assert_eq!(dir("Lay_R(a, b)\nLay_L(b, c)\n"), Direction::LeftRight);
    assert_eq!(dir("direction TB\nRel_R(a, b, \"x\")\n"), Direction::TopBottom);
}

#[test]
fn update_layout_config_wins_over_the_c4_section() {
    let d = clean(
        "---\nconfig:\n  c4:\n    c4ShapeInRow: 6\n    c4BoundaryInRow: 3\n---\nC4Context\nUpdateLayoutConfig($c4ShapeInRow=\"2\")\n",
    );
    assert_eq!((d.config.c4.shape_in_row, d.config.c4.boundary_in_row), (Some(2), Some(3)));
    let d = clean("%%{init: {'c4': {'c4BoundaryInRow': 4}}}%%\nC4Context\nUpdateLayoutConfig(\"5\", \"1\")\n");
    assert_eq!((d.config.c4.shape_in_row, d.config.c4.boundary_in_row), (Some(5), Some(1)));
    let d = clean("C4Context\n%%{init: {'c4': {'c4BoundaryInRow': 4}}}%%\n");
    assert_eq!(d.config.c4.boundary_in_row, Some(4));
}

#[test]
fn missing_labels_fall_back_to_the_alias() {
    let p = parse(&format!("{HEAD}System(s)\nBoundary(b) {{\n}}\n"));
    assert_eq!(p.diagram.nodes[0].label.to_plain(), "s");
    assert_eq!(p.diagram.clusters[0].title.to_plain(), "b");
    assert!(p.diagram.clusters[0].c4.as_ref().unwrap().type_line.is_none());
    assert_eq!(codes_of(&format!("{HEAD}System(s)\n")), [codes::C4_MISSING_ARGUMENT]);
    // An explicit empty label is Mermaid's empty label.
    assert_eq!(body("System(s, \"\")\n").nodes[0].label.to_plain(), "");
}

// ---- seed ----------------------------------------------------------------------------------

const SEED_002: &str = include_str!("../../../../../tests/fixtures/c4/ok/seed-002.mmd");

#[test]
fn seed_002_parses_completely() {
    // The frontmatter's ELK options that Coral's layout has no use for (`layering`,
    // `edgeRouting`, `aspectRatio`, …) get the note every diagram type gives them
    // (`spacing.nodeNode` and `padding` are used). In the body, only the two sprites that
    // name no icon (`browser`, `stream`) are noted; sixteen are drawn (the persons are their shape).
    let p = parse(SEED_002);
    let body_start = SEED_002.find("C4Container").unwrap();
    let mut sprites = Vec::new();
    for d in &p.diagnostics {
        if (d.span.start as usize) < body_start {
            assert_eq!(d.code, codes::CONFIG_IGNORED_OPTION, "{d:#?}");
        } else {
            assert_eq!((d.code, d.severity), (codes::C4_NOT_DRAWN, crate::Severity::Info), "{d:#?}");
            sprites.push(&SEED_002[d.span.range()]);
        }
    }
    assert_eq!(p.diagnostics.len() - sprites.len(), 6);
    assert_eq!(sprites, ["browser", "stream"]);
    let d = p.diagram;
    assert_eq!(d.nodes.iter().filter(|n| n.icon.as_ref().is_some_and(|i| i.resolved.is_some())).count(), 16);
    assert_eq!(d.kind, Some(DiagramKind::C4));
    let count = |s: Shape| d.nodes.iter().filter(|n| n.shape == s).count();
    assert_eq!((d.nodes.len(), d.clusters.len(), d.edges.len()), (20, 6, 22));
    assert_eq!((count(Shape::Person), count(Shape::Cylinder), count(Shape::HorizontalCylinder)), (2, 4, 1));
    assert_eq!(d.direction, Direction::LeftRight);
    assert_eq!((d.config.c4.shape_in_row, d.config.c4.boundary_in_row), (Some(5), Some(2)));
    assert_eq!(d.acc_title.as_deref(), Some("Cloud-Native E-Commerce Platform"));
    let platform = d.cluster_index("platform").unwrap();
    let ingress = d.cluster_index("ingress").unwrap();
    assert_eq!(d.clusters[ingress].parent, Some(platform));
    assert_eq!(node(&d, "cdn").parent, Some(ingress));
    assert_eq!(node(&d, "observability").parent, Some(platform));
    assert_eq!(node(&d, "stripe").parent, None);
    assert_eq!(type_line(node(&d, "gateway")), "[Container: Kong]");
    assert!(node(&d, "stripe").c4.as_ref().unwrap().external);
    assert!(node(&d, "customer").c4.as_ref().unwrap().shadow);
    assert_eq!(node(&d, "cdn").style.fill.as_deref(), Some("#bd93f9"));
    let e = &d.edges[d.edges.iter().position(|e| e.id == "L_order_eventbus_0").unwrap()];
    assert_eq!((e.style.stroke.as_deref(), e.style.color.as_deref()), (Some("#ff79c6"), Some("#ff79c6")));
    assert_eq!(e.detail.as_ref().unwrap().to_plain(), "Avro");
    assert!(d.edges.iter().all(|e| e.from_side == Some(Side::Right) && e.to_side == Some(Side::Left)));
}

// ---- diagnostics ---------------------------------------------------------------------------

/// Declarations every diagnostic case below may refer to.
const DECLS: &str = "Person(customer, \"Customer\")\nSystem(shop, \"Shop\")\nRel(customer, shop, \"Buys\")\n";

/// The only diagnostic `line` gives after [`DECLS`], with the text it underlines.
fn only(line: &str) -> (Diagnostic, String) {
    let src = format!("{HEAD}{DECLS}{line}\n");
    let p = parse(&src);
    assert_eq!(p.diagnostics.len(), 1, "{line}: {:#?}", p.diagnostics);
    let d = p.diagnostics.into_iter().next().unwrap();
    let shown = src[d.span.range()].to_string();
    (d, shown)
}

#[test]
fn every_diagnostic_with_its_span_and_help() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("Persn(p, \"P\")", codes::C4_UNKNOWN_MACRO, "Persn", "unknown C4 macro"),
        ("customer \"Customer\"", codes::C4_UNEXPECTED, "customer", "does not start a C4 statement"),
        ("customer --> shop", codes::C4_UNEXPECTED, "customer --> shop", "flowchart edge"),
        ("subgraph X", codes::C4_UNEXPECTED, "subgraph", "another diagram type"),
        ("Person p, \"P\"", codes::C4_UNEXPECTED, "p", "expected `(` after `Person`"),
        ("Person(p, \"P\") extra", codes::C4_UNEXPECTED, "extra", "after the statement"),
        ("Person(p \"P\")", codes::C4_UNEXPECTED, "\"", "expected `,` or `)`"),
        ("Person(p, \"P\"s (x, \"y)\", \"d\")", codes::C4_UNEXPECTED, "s (x, \"y)\"", "after an argument; ignored"),
        ("Person(p, \"P\", $descr \"d\")", codes::C4_UNEXPECTED, "\"", "`=` after `$descr`"),
        (
            "Person(p, \"P\", \"d\", \"s\", \"t\", \"l\", \"x\", \"y\")",
            codes::C4_TOO_MANY_ARGUMENTS,
            "\"x\", \"y\"",
            "at most 6 arguments, but 8",
        ),
        ("Rel(shop, customer)", codes::C4_MISSING_ARGUMENT, ")", "missing its `label`"),
        ("Rel(customer, shop, \"Pays\")", codes::C4_RELATION_REPLACED, "Rel", "replaces the first"),
        ("Person()", codes::C4_MISSING_ARGUMENT, ")", "missing its `alias` and `label`"),
        ("Person(\"\", \"Nobody\")", codes::C4_MISSING_ARGUMENT, "\"\"", "`alias` of `Person` is empty"),
        ("Person(p, \"P\", $techn=\"Java\")", codes::C4_UNKNOWN_NAMED_ARGUMENT, "techn", "no parameter `$techn`"),
        ("Person(p, \"P\", $decsr=\"x\")", codes::C4_UNKNOWN_NAMED_ARGUMENT, "decsr", "no parameter `$decsr`"),
        ("Person(p, \"P\", \"d\", $descr=\"e\")", codes::C4_ARGUMENT_TWICE, "$descr=\"e\"", "given twice"),
        ("Rel(custmer, shop, \"x\")", codes::C4_UNKNOWN_ALIAS, "custmer", "no element `custmer`"),
        ("System(shop, \"Shop again\")", codes::C4_DUPLICATE_ALIAS, "shop", "already declared"),
        (
            "System_Boundary(b, \"B\") {",
            codes::C4_UNCLOSED_BOUNDARY,
            "{",
            "body of `System_Boundary(b, …)` is not closed",
        ),
        ("}", codes::C4_STRAY_CLOSE, "}", "closes nothing"),
        ("Person(p, \"P)", codes::C4_UNTERMINATED_STRING, "\"", "string is not closed"),
        ("Person(p, \"P\") {\n}", codes::C4_BODY_AFTER_ELEMENT, "{", "no boundary"),
        ("{\n}", codes::C4_BODY_AFTER_ELEMENT, "{", "follows no boundary"),
        ("Person(p, \"P\"", codes::C4_UNCLOSED_PAREN, "(", "`(` is not closed"),
        ("System_Boundary(b, \"B\")", codes::C4_BOUNDARY_WITHOUT_BODY, "System_Boundary", "needs a body"),
        (
            "Person(p, \"P\", $link=\"javascript:alert(1)\")",
            codes::C4_UNSAFE_LINK,
            "javascript:alert(1)",
            "not allowed",
        ),
        ("UpdateLayoutConfig($c4ShapeInRow=\"many\")", codes::C4_BAD_VALUE, "many", "not a valid `$c4ShapeInRow`"),
        ("UpdateLayoutConfig(\"0\")", codes::C4_BAD_VALUE, "0", "not a valid `$c4ShapeInRow`"),
        ("UpdateElementStyle(shop, $shadowing=\"maybe\")", codes::C4_BAD_VALUE, "maybe", "`$shadowing`"),
        ("UpdateElementStyle(shop, $shape=\"blob\")", codes::C4_BAD_VALUE, "blob", "no C4 shape"),
        ("UpdateElementStyle(shop, $bgColor=\"url(#x)\")", codes::C4_UNSAFE_COLOR, "url(#x)", "not a colour"),
        ("UpdateElementStyle(shopp, $bgColor=\"red\")", codes::C4_STYLE_UNKNOWN_ALIAS, "shopp", "no element `shopp`"),
        (
            "UpdateRelStyle(shop, customer, $lineColor=\"red\")",
            codes::C4_STYLE_NO_RELATION,
            "shop, customer",
            "no relation from `shop` to `customer`",
        ),
        ("UpdateRelStyle(customer, shop, $offsetX=\"5\")", codes::C4_OFFSET_IGNORED, "5", "`$offsetX` is not applied"),
        ("SHOW_LEGEND()", codes::C4_MACRO_IGNORED, "SHOW_LEGEND", "accepted and ignored"),
        ("AddElementTag(\"v1\", $bgColor=\"red\")", codes::C4_MACRO_IGNORED, "AddElementTag", "accepted and ignored"),
        ("RelIndex(1, shop, customer, \"x\")", codes::C4_INDEX_RENUMBERED, "1", "only `C4Dynamic`"),
        (
            "Rel(shop, customer, \"x\", \"t\", \"long words\")",
            codes::C4_NOT_DRAWN,
            "long words",
            "relation descriptions",
        ),
        ("UpdateElementStyle(shop, $legendText=\"Ours\")", codes::C4_NOT_DRAWN, "Ours", "no legend"),
        ("direction sideways", codes::BAD_DIRECTION, "sideways", "not a direction"),
        ("accTitle Banking", codes::C4_UNEXPECTED, "B", "`:` after `accTitle`"),
        ("accDescr { never closed", codes::UNCLOSED_ACC_DESCR, "accDescr {", "not closed"),
    ];
    for &(line, code, underlined, message) in cases {
        let (d, shown) = only(line);
        assert_eq!(d.code, code, "{line}: {d:#?}");
        assert_eq!(shown, underlined, "{line}: {d:#?}");
        assert!(d.message.contains(message), "{line}: {}", d.message);
        assert!(d.help.is_some(), "{line}: no help");
    }
}

#[test]
fn suggestions_for_misspelt_names() {
    let help = |line: &str| only(line).0.help.unwrap();
    assert_eq!(help("Persn(p, \"P\")"), "did you mean `Person`?");
    assert_eq!(help("Rel_Rigth(customer, shop, \"x\")"), "did you mean `Rel_Right`?");
    assert_eq!(help("systemDb(db, \"DB\")"), "did you mean `SystemDb`?");
    assert_eq!(help("Rel(custmer, shop, \"x\")"), "did you mean `customer`?");
    assert_eq!(help("UpdateElementStyle(shopp, $bgColor=\"red\")"), "did you mean `shop`?");
    assert!(help("Person(p, \"P\", $decsr=\"x\")").starts_with("did you mean `descr`?"));
    assert_eq!(help("titel Banking"), "did you mean `title`?");
    assert!(help("UpdateRelStyle(shop, customer, $lineColor=\"red\")").contains("UpdateRelStyle(customer, shop, …)"));
}

#[test]
fn errors_keep_the_rest_of_the_diagram() {
    let p = parse(&format!(
        "{HEAD}Persn(p, \"P\")\nSytem_Boundary(b, \"B\") {{\n  System(s, \"S\")\n}}\nPerson(q, \"Q\nRel(q, s, \"uses\")\nContainer(c, \"C\") {{\n  Container(d, \"D\")\n}}\nRel(q, nobody, \"x\")\n"
    ));
    let codes: Vec<_> = p.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            codes::C4_UNKNOWN_MACRO,
            codes::C4_UNKNOWN_MACRO,
            codes::C4_UNCLOSED_PAREN,
            codes::C4_UNTERMINATED_STRING,
            codes::C4_BODY_AFTER_ELEMENT,
            codes::C4_UNKNOWN_ALIAS
        ]
    );
    let d = &p.diagram;
    let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    // The misspelt boundary's contents and the element after an unclosed string are drawn.
    assert_eq!(ids, ["s", "q", "c", "d"]);
    assert_eq!(node(d, "q").label.to_plain(), "Q");
    assert!(d.clusters.is_empty());
    assert_eq!(d.edges.len(), 1);
}

#[test]
fn a_repeated_boundary_alias_draws_its_contents_where_written() {
    let p =
        parse(&format!("{HEAD}Boundary(b, \"B\") {{\n  Boundary(b, \"Again\") {{\n    System(s, \"S\")\n  }}\n}}\n"));
    assert_eq!(p.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [codes::C4_DUPLICATE_ALIAS]);
    assert_eq!(p.diagnostics[0].labels.len(), 1);
    assert_eq!(p.diagram.clusters.len(), 1);
    assert_eq!(p.diagram.nodes[0].parent, Some(0));
}

#[test]
fn nesting_is_capped() {
    let depth = super::MAX_BOUNDARY_DEPTH + 10;
    let mut src = String::from(HEAD);
    for i in 0..depth {
        src.push_str(&format!("Boundary(b{i}, \"B{i}\") {{\n"));
    }
    src.push_str("System(s, \"S\")\n");
    src.push_str(&"}\n".repeat(depth));
    let p = parse(&src);
    assert_eq!(p.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [codes::C4_NESTING_TOO_DEEP]);
    let d = &p.diagram;
    assert_eq!(d.clusters.len(), depth);
    assert!(d.clusters.iter().enumerate().all(|(i, _)| d.cluster_depth(i) <= super::MAX_BOUNDARY_DEPTH));
    assert_eq!(d.nodes[0].parent, Some(super::MAX_BOUNDARY_DEPTH - 1));
}

// ---- robustness ----------------------------------------------------------------------------

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
fn prefixes_of_seed_002_survive() {
    // Every line end, and every fourth byte between (every byte takes long in a debug
    // build; the random inputs below cover the tokens in between).
    let line_ends = SEED_002.match_indices('\n').map(|(i, _)| i);
    for i in (0..=SEED_002.len()).step_by(4).chain(line_ends).filter(|&i| SEED_002.is_char_boundary(i)) {
        survives(&SEED_002[..i]);
    }
}

#[test]
fn random_bytes_and_token_soup_never_panic() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for _ in 0..300 {
        let len = rng.below(1500);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        survives(&format!("C4Context\n{}", String::from_utf8_lossy(&bytes)));
    }
    const BITS: &[&str] = &[
        "Person",
        "System_Boundary",
        "Container",
        "Rel_R",
        "Lay_D",
        "RelIndex",
        "UpdateElementStyle",
        "UpdateRelStyle",
        "UpdateLayoutConfig",
        "Node",
        "Persn",
        "(",
        ")",
        "{",
        "}",
        ",",
        ",,",
        "\"",
        "\"\"",
        "$",
        "$link=",
        "$bgColor",
        "=",
        "a",
        "b",
        "é",
        " ",
        "\t",
        "\n",
        "%%",
        "%%{",
        "}%%",
        "title ",
        "accDescr {",
        "accTitle:",
        "direction ",
        "LR",
        "javascript:",
        "\"red\"",
        "3",
    ];
    for _ in 0..800 {
        let mut s = String::from(["C4Context\n", "C4Dynamic\n", "C4Deployment\n"][rng.below(3)]);
        for _ in 0..rng.below(80) {
            s.push_str(BITS[rng.below(BITS.len())]);
        }
        survives(&s);
    }
}

#[test]
fn large_inputs_take_linear_time() {
    // 10,000 elements in 100 boundaries, 10,000 relations and as many styles.
    let mut src = String::from("C4Container\n");
    for b in 0..100 {
        src.push_str(&format!("System_Boundary(b{b}, \"Boundary {b}\") {{\n"));
        for i in 0..100 {
            let k = b * 100 + i;
            src.push_str(&format!("  Container(c{k}, \"Container {k}\", \"Rust\", \"Does {k}\")\n"));
        }
        src.push_str("}\n");
    }
    for k in 0..10_000 {
        src.push_str(&format!("Rel_R(c{k}, c{}, \"calls\", \"gRPC\")\n", (k * 7 + 1) % 10_000));
        src.push_str(&format!("UpdateElementStyle(c{k}, $bgColor=\"#1168bd\")\n"));
    }
    let start = std::time::Instant::now();
    let p = parse(&src);
    assert_eq!((p.diagram.nodes.len(), p.diagram.edges.len(), p.diagram.clusters.len()), (10_000, 10_000, 100));
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    survives(&format!("C4Context\nPerson(a, \"{}", "\"".repeat(1_000_000)));
    survives(&format!("C4Context\nPerson({}", "(".repeat(1_000_000)));
    survives(&format!("C4Context\n{}", "System_Boundary(b, \"B\")\n".repeat(50_000)));
    survives(&format!("C4Context\n{}", "Rel(a,\n".repeat(50_000)));
    survives(&format!("C4Context\n{}", "{".repeat(200_000)));
    survives(&format!("C4Context\n{}", "}".repeat(200_000)));
    survives(&format!("C4Context\naccDescr {{\n{}", "accDescr {\n".repeat(100_000)));
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

#[test]
fn macros_print_their_examples() {
    // Help lines name real macros with their arguments.
    assert_eq!(Macro::Rel(RelKind::Plain).example("Rel"), "Rel(from, to, \"Uses\", \"HTTPS\")");
    assert!(Macro::DeploymentNode.example("Node").ends_with("{ … }"));
}
