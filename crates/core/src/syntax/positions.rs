//! `config.coral.positions`: where the user dragged elements, read into the model's pins.
//!
//! ```yaml
//! config:
//!   coral:
//!     positions:
//!       Browser: [120, 48]
//!       Backend: [420, 260]
//! ```
//!
//! Each entry is an id (a node's or a cluster's) and the centre of its box in diagram
//! coordinates, as `[x, y]`. Mermaid ignores the unknown `coral` key, so the text stays
//! valid Mermaid; [`crate::edit::set_positions`] writes these entries. Reading happens in
//! two steps: [`apply_coral`] (with the rest of the configuration, so a directive can set
//! positions too, the later source winning per id) keeps them in
//! [`crate::config::CoralConfig`], and [`pin`] — after lowering, once ids are known —
//! moves them onto [`crate::model::Node::pinned`] / [`crate::model::Cluster::pinned`]. A
//! position for an id the diagram no longer has (renamed, deleted) is information
//! ([`codes::POSITION_UNKNOWN_ID`]), never an error: the text still draws.
//!
//! **Keys.** An element's key is its id ([`key_of`]), except for a subgraph whose id
//! Mermaid makes up (`subgraph "External Access"` is `subGraph<n>`, `n` counting
//! subgraphs in closing order, so inserting one above renumbers it): that one is keyed
//! by its title, `"title:External Access"`, with `#2`, `#3`… for the second and later
//! such subgraph of the same title. Both forms are read; the title key wins over the
//! generated id when a text has both.

use std::collections::BTreeMap;

use crate::config::{Config, Position};
use crate::diagnostic::Diagnostic;
use crate::model::{Diagram, Endpoint, Point};
use crate::syntax::codes;
use crate::syntax::config::{as_map, keep, unknown_key};
use crate::syntax::yaml::{YNode, YValue};

/// Coordinates beyond this are refused: no drawing is a million pixels wide, and the
/// bound keeps every later sum finite.
pub const MAX_COORDINATE: f64 = 1.0e6;

const CORAL_KEYS: &[&str] = &["positions"];

/// Applies a `coral:` mapping onto `config`.
pub fn apply_coral(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "coral", diags) else { return };
    for (key, value) in entries {
        match key.name.as_str() {
            "positions" => apply_positions(config, value, diags),
            k => {
                unknown_key(key, CORAL_KEYS.iter(), diags);
                keep(&mut config.extra, &format!("coral.{k}"), value);
            }
        }
    }
}

fn apply_positions(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "coral.positions", diags) else { return };
    let list = &mut config.coral.positions;
    for (key, value) in entries {
        let Some(at) = point(value) else {
            diags.push(
                Diagnostic::warning(
                    codes::CONFIG_BAD_VALUE,
                    value.span,
                    format!("the position of `{}` should be `[x, y]`; ignored", key.name),
                )
                .with_help(format!("two numbers within ±{MAX_COORDINATE}, as in `{}: [120, 40]`", key.name)),
            );
            continue;
        };
        // One position per id: a later one (a directive after the frontmatter, or the
        // same key twice) wins, as for every other setting.
        list.retain(|p| p.id != key.name);
        list.push(Position { id: key.name.clone(), at, span: key.span });
    }
}

/// `[x, y]`: two finite numbers within [`MAX_COORDINATE`].
fn point(value: &YNode) -> Option<Point> {
    let YValue::List(items) = &value.value else { return None };
    let [x, y] = items.as_slice() else { return None };
    let n = |v: &YNode| {
        v.to_value()
            .as_f64()
            .filter(|n| n.is_finite() && n.abs() <= MAX_COORDINATE)
            .map(|n| if n == 0.0 { 0.0 } else { n })
    };
    Some(Point { x: n(x)?, y: n(y)? })
}

/// The prefix of a key naming a subgraph by its title ([`key_of`]).
pub const TITLE_KEY: &str = "title:";

/// The key a position of `target` is stored under: its id, or for a cluster whose id was
/// made up, its title (see the module's header).
pub fn key_of(d: &Diagram, target: Endpoint) -> Option<String> {
    match target {
        Endpoint::Node(n) => d.nodes.get(n).map(|n| n.id.clone()),
        Endpoint::Cluster(c) => {
            let cl = d.clusters.get(c)?;
            if !cl.generated_id {
                return Some(cl.id.clone());
            }
            let title = cl.title.to_plain();
            let same = |k: &crate::model::Cluster| k.generated_id && k.title.to_plain() == title;
            let nth = d.clusters[..c].iter().filter(|k| same(k)).count() + 1;
            Some(if nth == 1 { format!("{TITLE_KEY}{title}") } else { format!("{TITLE_KEY}{title}#{nth}") })
        }
    }
}

/// Every key a stored position of `target` may be under now: [`key_of`], and its id when
/// that differs (a position stored before titles were keys).
pub fn keys_of(d: &Diagram, target: Endpoint) -> Vec<String> {
    let mut out: Vec<String> = key_of(d, target).into_iter().collect();
    if let Endpoint::Cluster(c) = target
        && let Some(cl) = d.clusters.get(c)
        && !out.contains(&cl.id)
    {
        out.push(cl.id.clone());
    }
    out
}

/// Pins every node and cluster that has a stored position; reports the positions whose
/// key names nothing in the diagram.
pub fn pin(d: &mut Diagram, diags: &mut Vec<Diagnostic>) {
    if d.config.coral.positions.is_empty() {
        return;
    }
    let nodes: BTreeMap<&str, usize> = d.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut clusters: BTreeMap<String, usize> = d.clusters.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
    let titled: Vec<(String, usize)> = (0..d.clusters.len())
        .filter(|&c| d.clusters[c].generated_id)
        .filter_map(|c| Some((key_of(d, Endpoint::Cluster(c))?, c)))
        .collect();
    clusters.extend(titled.iter().cloned());
    let mut pins = Vec::new();
    for p in &d.config.coral.positions {
        match (nodes.get(p.id.as_str()), clusters.get(p.id.as_str())) {
            (Some(&n), _) => pins.push((Some(n), None, p.at, false)),
            (None, Some(&c)) => pins.push((None, Some(c), p.at, p.id.starts_with(TITLE_KEY))),
            (None, None) => diags.push(
                Diagnostic::info(
                    codes::POSITION_UNKNOWN_ID,
                    p.span,
                    format!("no node or group `{}` in the diagram; its stored position is ignored", p.id),
                )
                .with_help(
                    "it was stored when the element was dragged; “Reset layout” or deleting this line removes it",
                ),
            ),
        }
    }
    // A title key wins over the made-up id it replaces, wherever each is in the text.
    let titled_pins: Vec<usize> = pins.iter().filter(|p| p.3).filter_map(|p| p.1).collect();
    pins.retain(|&(_, c, _, by_title)| c.is_none_or(|c| by_title || !titled_pins.contains(&c)));
    for (n, c, at, _) in pins {
        if let Some(n) = n {
            d.nodes[n].pinned = Some(at);
        }
        if let Some(c) = c {
            d.clusters[c].pinned = Some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{codes, parse};

    #[test]
    fn positions_pin_nodes_and_clusters_by_id() {
        let text = "---\nconfig:\n  coral:\n    positions:\n      A: [10, 20.5]\n      G: [-5, 0]\n---\nflowchart LR\n  subgraph G\n    B\n  end\n  A --> B\n";
        let p = parse(text);
        assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
        let d = &p.diagram;
        let a = d.node_index("A").unwrap();
        assert_eq!(d.nodes[a].pinned, Some(crate::model::Point { x: 10.0, y: 20.5 }));
        assert_eq!(d.nodes[d.node_index("B").unwrap()].pinned, None);
        assert_eq!(d.clusters[d.cluster_index("G").unwrap()].pinned, Some(crate::model::Point { x: -5.0, y: 0.0 }));
    }

    #[test]
    fn a_position_for_a_missing_id_is_information_and_the_rest_still_pins() {
        let text = "---\nconfig:\n  coral:\n    positions: {Gone: [1, 2], A: [3, 4]}\n---\nflowchart TD\n  A --> B\n";
        let p = parse(text);
        assert_eq!(p.diagnostics.len(), 1, "{:#?}", p.diagnostics);
        let d = &p.diagnostics[0];
        assert_eq!((d.code, d.severity), (codes::POSITION_UNKNOWN_ID, crate::Severity::Info));
        assert_eq!(&text[d.span.range()], "Gone");
        assert!(p.diagram.nodes[0].pinned.is_some());
    }

    #[test]
    fn bad_positions_warn_and_are_ignored() {
        for value in ["[1]", "[1, 2, 3]", "x", "[a, 2]", "[1, 2e7]", "{x: 1, y: 2}"] {
            let bad = value;
            let text = format!("---\nconfig:\n  coral:\n    positions:\n      A: {value}\n---\nflowchart TD\n  A\n");
            let p = parse(&text);
            assert_eq!(p.diagnostics.len(), 1, "{value}: {:#?}", p.diagnostics);
            assert_eq!(p.diagnostics[0].code, codes::CONFIG_BAD_VALUE);
            // (The reader's span of a flow list stops before its closing bracket.)
            let at = p.diagnostics[0].span.start as usize;
            assert!(text[at..].starts_with(bad), "{value}: at {:?}", &text[at..]);
            assert_eq!(p.diagram.nodes[0].pinned, None);
        }
        let p = parse("---\nconfig:\n  coral: {positions: 3, other: 1}\n---\nflowchart TD\n  A\n");
        let found: Vec<_> = p.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(found, [codes::CONFIG_BAD_VALUE, codes::CONFIG_UNKNOWN_KEY]);
    }

    #[test]
    fn a_directive_after_the_frontmatter_wins_per_id() {
        let text = "---\nconfig:\n  coral:\n    positions: {A: [1, 1], B: [2, 2]}\n---\n%%{init: {\"coral\": {\"positions\": {\"A\": [9, 9]}}}}%%\nflowchart TD\n  A --> B\n";
        let p = parse(text);
        assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
        let at = |id: &str| p.diagram.nodes[p.diagram.node_index(id).unwrap()].pinned.unwrap();
        assert_eq!((at("A").x, at("B").x), (9.0, 2.0));
    }

    #[test]
    fn architecture_and_c4_ids_pin_too() {
        let p = parse(
            "---\nconfig:\n  coral:\n    positions: {api: [100, 50], cloud: [0, 0], j: [7, 7]}\n---\narchitecture-beta\n  group cloud(cloud)[Cloud]\n  service api(server)[API] in cloud\n  junction j\n",
        );
        assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
        assert!(p.diagram.nodes.iter().all(|n| n.pinned.is_some()));
        assert!(p.diagram.clusters[0].pinned.is_some());
        let p = parse(
            "---\nconfig:\n  coral:\n    positions: {web: [100, 50], b: [1, 2]}\n---\nC4Container\n  System_Boundary(b, \"Shop\") {\n    Container(web, \"Web\")\n  }\n",
        );
        assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
        assert!(p.diagram.nodes[0].pinned.is_some() && p.diagram.clusters[0].pinned.is_some());
    }
}
