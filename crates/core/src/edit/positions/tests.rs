use super::*;
use crate::model::Point;

/// The pins `text` parses to, by id, and whether it parsed without a new problem.
fn pins(text: &str) -> Vec<(String, Point)> {
    let parsed = crate::syntax::parse(text);
    let d = &parsed.diagram;
    let mut out: Vec<(String, Point)> = d.nodes.iter().filter_map(|n| Some((n.id.clone(), n.pinned?))).collect();
    out.extend(d.clusters.iter().filter_map(|c| Some((c.id.clone(), c.pinned?))));
    out
}

fn problems(text: &str) -> usize {
    crate::syntax::parse(text).diagnostics.len()
}

/// `set_positions(text, ps)` is `expected`, parses to those pins without new problems, is
/// stable when run again, and clearing the same ids gives `text` back.
#[track_caller]
fn check(text: &str, ps: &[(&str, f64, f64)], expected: &str) {
    let got = set_positions(text, ps);
    assert_eq!(got, expected, "set_positions({text:?}, {ps:?})");
    assert!(problems(&got) <= problems(text), "new problems in\n{got}\n{:#?}", crate::syntax::parse(&got).diagnostics);
    let pinned = pins(&got);
    for &(id, x, y) in ps {
        let at = pinned.iter().find(|(i, _)| i == id).unwrap_or_else(|| panic!("{id} not pinned in\n{got}")).1;
        assert_eq!(at, Point { x: x.round(), y: y.round() }, "{id} in\n{got}");
    }
    assert_eq!(set_positions(&got, ps), got, "a second run changed the text again");
}

const BODY: &str = "flowchart LR\n  A --> B\n  subgraph G\n    C\n  end\n";

#[test]
fn text_without_frontmatter_gets_one_and_loses_it_when_cleared() {
    let expected = format!("---\nconfig:\n  coral:\n    positions:\n      A: [120, 41]\n      G: [-3, 0]\n---\n{BODY}");
    check(BODY, &[("A", 120.2, 40.6), ("G", -3.0, -0.2)], &expected);
    assert_eq!(clear_all_positions(&expected), BODY);
    assert_eq!(clear_positions(&expected, &["A", "G"]), BODY);
    assert_eq!(
        clear_positions(&expected, &["A"]),
        format!("---\nconfig:\n  coral:\n    positions:\n      G: [-3, 0]\n---\n{BODY}")
    );
    // Nothing to clear: nothing changes.
    assert_eq!(clear_positions(&expected, &["B"]), expected);
    assert_eq!(clear_all_positions(BODY), BODY);
}

#[test]
fn a_frontmatter_without_config_gets_config_after_its_keys() {
    let text = format!("---\ntitle: Shop # the title\n---\n{BODY}");
    let expected =
        format!("---\ntitle: Shop # the title\nconfig:\n  coral:\n    positions:\n      B: [5, 6]\n---\n{BODY}");
    check(&text, &[("B", 5.0, 6.0)], &expected);
    assert_eq!(clear_all_positions(&expected), text);
    // A frontmatter with nothing in it.
    let text = format!("---\n---\n{BODY}");
    check(&text, &[("B", 5.0, 6.0)], &format!("---\nconfig:\n  coral:\n    positions:\n      B: [5, 6]\n---\n{BODY}"));
}

#[test]
fn config_keeps_its_keys_comments_and_indentation() {
    let text = format!("---\nconfig:\n    theme: dark   # mine\n    flowchart:\n        curve: basis\n---\n{BODY}");
    let expected = format!(
        "---\nconfig:\n    theme: dark   # mine\n    flowchart:\n        curve: basis\n    coral:\n        positions:\n            A: [1, 2]\n---\n{BODY}"
    );
    check(&text, &[("A", 1.0, 2.0)], &expected);
    assert_eq!(clear_all_positions(&expected), text);
    // Flow style stays flow style.
    let text = format!("---\nconfig: {{theme: dark}}\n---\n{BODY}");
    let expected = format!("---\nconfig: {{theme: dark, coral: {{positions: {{A: [1, 2], B: [3, 4]}}}}}}\n---\n{BODY}");
    check(&text, &[("A", 1.0, 2.0), ("B", 3.0, 4.0)], &expected);
    assert_eq!(clear_all_positions(&expected), text);
    assert_eq!(
        clear_positions(&expected, &["A"]),
        format!("---\nconfig: {{theme: dark, coral: {{positions: {{B: [3, 4]}}}}}}\n---\n{BODY}")
    );
}

#[test]
fn existing_positions_are_updated_in_place_and_new_ones_appended() {
    let text = format!(
        "---\nconfig:\n  coral:\n    positions:\n      A: [1, 2] # moved by hand\n      C: [ 7 , 8 ]\n  theme: forest\n---\n{BODY}"
    );
    let expected = format!(
        "---\nconfig:\n  coral:\n    positions:\n      A: [10, 20] # moved by hand\n      C: [ 7 , 8 ]\n      G: [30, 40]\n  theme: forest\n---\n{BODY}"
    );
    check(&text, &[("A", 10.0, 20.0), ("G", 30.0, 40.0)], &expected);
    // Clearing some keeps the others and every other key; clearing all drops the levels
    // left empty but keeps `theme`.
    assert_eq!(
        clear_positions(&expected, &["A", "G"]),
        format!("---\nconfig:\n  coral:\n    positions:\n      C: [ 7 , 8 ]\n  theme: forest\n---\n{BODY}")
    );
    assert_eq!(clear_all_positions(&expected), format!("---\nconfig:\n  theme: forest\n---\n{BODY}"));
    // Flow positions.
    let text = format!("---\nconfig:\n  coral:\n    positions: {{A: [1, 2]}}\n---\n{BODY}");
    check(
        &text,
        &[("B", 3.0, 4.0), ("A", 5.0, 6.0)],
        &format!("---\nconfig:\n  coral:\n    positions: {{A: [5, 6], B: [3, 4]}}\n---\n{BODY}"),
    );
    // A value written as a block list, or not yet written.
    let text =
        format!("---\nconfig:\n  coral:\n    positions:\n      A:\n        - 1\n        - 2\n      B:\n---\n{BODY}");
    check(
        &text,
        &[("A", 5.0, 6.0), ("B", 7.0, 8.0)],
        &format!("---\nconfig:\n  coral:\n    positions:\n      A: [5, 6]\n      B: [7, 8]\n---\n{BODY}"),
    );
}

#[test]
fn missing_levels_are_added_under_what_exists() {
    // `coral:` with other keys, with nothing, and with a value that is not a mapping.
    check(
        &format!("---\nconfig:\n  coral:\n    future: 1\n---\n{BODY}"),
        &[("A", 1.0, 2.0)],
        &format!("---\nconfig:\n  coral:\n    future: 1\n    positions:\n      A: [1, 2]\n---\n{BODY}"),
    );
    check(
        &format!("---\nconfig:\n  coral:\n  theme: dark\n---\n{BODY}"),
        &[("A", 1.0, 2.0)],
        &format!("---\nconfig:\n  coral:\n    positions:\n      A: [1, 2]\n  theme: dark\n---\n{BODY}"),
    );
    check(
        &format!("---\nconfig:\n  coral:\n    positions: 3\n---\n{BODY}"),
        &[("A", 1.0, 2.0)],
        &format!("---\nconfig:\n  coral:\n    positions: {{A: [1, 2]}}\n---\n{BODY}"),
    );
    // A flow root.
    check(
        &format!("---\n{{title: T}}\n---\n{BODY}"),
        &[("A", 1.0, 2.0)],
        &format!("---\n{{title: T, config: {{coral: {{positions: {{A: [1, 2]}}}}}}}}\n---\n{BODY}"),
    );
}

#[test]
fn ids_that_are_not_plain_yaml_are_quoted_and_read_back() {
    let ids = ["my node", "true", "1.50", "a:b", "x\"y\\z", "日本", "-dash", "#hash"];
    let body = "flowchart LR\n  n1\n";
    for id in ids {
        let text = set_positions(body, &[(id, 1.0, 2.0)]);
        let root = crate::syntax::yaml::parse(&text[4..text.find("\n---\n").unwrap() + 1], 4, &mut Vec::new());
        let chain = Chain { fences: crate::syntax::frontmatter::fences(&text), root };
        let names: Vec<String> = chain.levels()[2]
            .map(|(_, m)| entries(m).iter().map(|(k, _)| k.name.clone()).collect())
            .unwrap_or_default();
        assert_eq!(names, [id.to_string()], "{id:?} in\n{text}");
        assert_eq!(clear_all_positions(&text), body, "{id:?}");
    }
    assert_eq!(yaml_key("Browser_2.x-y"), "Browser_2.x-y");
    assert_eq!(yaml_key("True"), "\"True\"");
}

#[test]
fn crlf_text_keeps_its_line_endings() {
    let body = BODY.replace('\n', "\r\n");
    let expected = format!("---\r\nconfig:\r\n  coral:\r\n    positions:\r\n      A: [1, 2]\r\n---\r\n{body}");
    check(&body, &[("A", 1.0, 2.0)], &expected);
    assert_eq!(clear_all_positions(&expected), body);
    let text = format!("---\r\ntitle: T\r\nconfig:\r\n  coral:\r\n    positions:\r\n      A: [1, 2]\r\n---\r\n{body}");
    check(
        &text,
        &[("B", 3.0, 4.0)],
        &format!(
            "---\r\ntitle: T\r\nconfig:\r\n  coral:\r\n    positions:\r\n      A: [1, 2]\r\n      B: [3, 4]\r\n---\r\n{body}"
        ),
    );
    assert_eq!(clear_all_positions(&text), format!("---\r\ntitle: T\r\n---\r\n{body}"));
}

#[test]
fn markdown_is_patched_inside_its_mermaid_block() {
    let doc = format!("# Shop\n\nSome text.\n\n```mermaid\n{BODY}```\n\nMore.\n");
    let expected = format!(
        "# Shop\n\nSome text.\n\n```mermaid\n---\nconfig:\n  coral:\n    positions:\n      A: [1, 2]\n---\n{BODY}```\n\nMore.\n"
    );
    assert_eq!(set_positions(&doc, &[("A", 1.0, 2.0)]), expected);
    let out = crate::render(&expected);
    assert!(out.svg.is_some() && out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    assert_eq!(clear_all_positions(&expected), doc);
}

#[test]
fn unusual_text_still_gets_its_positions() {
    // A frontmatter that is not a mapping: a directive after it.
    let text = format!("---\n- a\n---\n{BODY}");
    let got = set_positions(&text, &[("A", 1.0, 2.0)]);
    assert_eq!(
        got,
        format!("---\n- a\n---\n%%{{init: {{\"coral\": {{\"positions\": {{\"A\": [1, 2]}}}}}}}}%%\n{BODY}")
    );
    assert_eq!(pins(&got), [("A".to_string(), Point { x: 1.0, y: 2.0 })]);
    // Infinite and huge numbers are clamped to what the reader accepts.
    let got = set_positions(BODY, &[("A", f64::NAN, 1e12)]);
    assert_eq!(pins(&got), [("A".to_string(), Point { x: 0.0, y: MAX_COORDINATE })]);
    // Nothing asked: nothing changes.
    assert_eq!(set_positions(BODY, &[]), BODY);
    // Text that is no diagram at all, and garbage YAML, never panic.
    for t in
        ["", "---\n", "---\nconfig: [\n---\nflowchart\n", "---\nconfig:\n  coral: {positions: {A: [1\n---\ngraph\n"]
    {
        let got = set_positions(t, &[("A", 1.0, 2.0)]);
        assert!(got.contains("A: [1, 2]") || got.contains("\"A\": [1, 2]"), "{t:?} → {got:?}");
        let _ = clear_all_positions(&got);
    }
}

#[test]
fn a_text_keeping_positions_in_a_directive_has_them_written_there() {
    // The directive is read after the frontmatter and wins: a frontmatter entry for A
    // would change nothing on screen.
    let text = format!(
        "---\ntitle: T\n---\n%%{{init: {{\"theme\": \"dark\", \"coral\": {{\"positions\": {{\"A\": [1, 2]}}}}}}}}%%\n{BODY}"
    );
    let moved = set_positions(&text, &[("A", 10.0, 20.0)]);
    assert_eq!(moved, text.replace("[1, 2]", "[10, 20]"), "A not updated in place");
    assert_eq!(pins(&moved), [("A".to_string(), Point { x: 10.0, y: 20.0 })]);
    // A new id joins the directive's positions; the frontmatter is left alone.
    let both = set_positions(&moved, &[("B", 5.0, 6.0)]);
    assert!(both.starts_with("---\ntitle: T\n---\n%%{init: {\"theme\": \"dark\""), "{both}");
    let mut got = pins(&both);
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got, [("A".to_string(), Point { x: 10.0, y: 20.0 }), ("B".to_string(), Point { x: 5.0, y: 6.0 })]);
    let out = crate::render(&both);
    assert!(out.svg.is_some() && !out.diagnostics.iter().any(|d| d.is_error()), "{both}\n{:#?}", out.diagnostics);
    // Clearing takes them out of the directive too, which keeps what else it says.
    let cleared = clear_positions(&both, &["A", "B"]);
    assert!(pins(&cleared).is_empty(), "{cleared}");
    assert!(cleared.contains("\"theme\": \"dark\""), "{cleared}");
    assert!(pins(&clear_all_positions(&both)).is_empty());
}
