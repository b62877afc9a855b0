//! [`set_positions`], [`clear_positions`], [`clear_all_positions`]: the positions the user
//! dragged elements to, kept in the frontmatter as `config.coral.positions` (read by
//! `syntax::positions`).
//!
//! A new entry goes where the text already keeps positions; the levels that are missing
//! (`positions:`, `coral:`, `config:`, the frontmatter itself) are added in the style of
//! the mapping that receives them: indented lines in a block mapping, at its indentation,
//! `{…}` in a flow one. One line per element, integer coordinates:
//!
//! ```yaml
//! ---
//! config:
//!   coral:
//!     positions:
//!       Browser: [120, 48]
//! ---
//! ```
//!
//! Clearing removes entries, and every level that they leave empty, so clearing what a
//! drag wrote gives back the text from before it. A Markdown document is patched in its
//! first ```` ```mermaid ```` block. Positions in a `%%{init}%%` directive win over the
//! frontmatter's when read, so a text that keeps positions in a directive has them
//! written there (in place, or added to the last directive's `positions`); clearing
//! removes entries from both.

use super::tree::{after_colon, entries, entry, entry_end, indent_of, is_flow, remove_entries, value_range};
use super::{Edit, apply, line_end, line_ending, line_start};
use crate::markdown;
use crate::model::{Diagram, Endpoint, Point};
use crate::syntax::frontmatter::{self, Fences};
use crate::syntax::positions::MAX_COORDINATE;
use crate::syntax::positions::{TITLE_KEY, key_of, keys_of};
use crate::syntax::yaml::{self, YKey, YNode, YValue};

/// `text` with each `(id, x, y)` stored as that element's position (the centre of its
/// box, rounded to whole pixels). An id given twice takes the last position.
pub fn set_positions(text: &str, positions: &[(&str, f64, f64)]) -> String {
    let mut wanted: Vec<(&str, f64, f64)> = Vec::with_capacity(positions.len());
    for &(id, x, y) in positions {
        wanted.retain(|w| w.0 != id);
        wanted.push((id, x, y));
    }
    if wanted.is_empty() {
        return text.to_string();
    }
    in_diagram(text, |src| set_in_diagram(src, &wanted))
}

/// [`set_positions`] for positions keyed as `syntax::positions::key_of` keys them in `d`
/// (the diagram drawn from `text`): a subgraph stored under its title loses the entry
/// under its made-up id, which the title key replaces.
pub fn store_positions(text: &str, d: &Diagram, positions: &[(String, Point)]) -> String {
    let replaced: Vec<&str> = positions
        .iter()
        .filter(|(key, _)| key.starts_with(TITLE_KEY))
        .filter_map(|(key, _)| {
            (0..d.clusters.len()).find(|&c| key_of(d, Endpoint::Cluster(c)).as_deref() == Some(key.as_str()))
        })
        .map(|c| d.clusters[c].id.as_str())
        .filter(|id| d.config.coral.positions.iter().any(|p| p.id == *id))
        .collect();
    let text = if replaced.is_empty() { text.to_string() } else { clear_positions(text, &replaced) };
    let list: Vec<(&str, f64, f64)> = positions.iter().map(|(id, p)| (id.as_str(), p.x, p.y)).collect();
    set_positions(&text, &list)
}

/// `text` without any stored position of `targets` in `d` (the diagram drawn from
/// `text`), under whichever key it was stored (`syntax::positions::keys_of`).
pub fn clear_positions_of(text: &str, d: &Diagram, targets: &[Endpoint]) -> String {
    let keys: Vec<String> = targets.iter().flat_map(|&t| keys_of(d, t)).collect();
    clear_positions(text, &keys.iter().map(String::as_str).collect::<Vec<_>>())
}

/// `text` without the stored positions of `ids` (and without the levels that leaves empty).
pub fn clear_positions(text: &str, ids: &[&str]) -> String {
    in_diagram(text, |src| clear_in_diagram(src, &|name: &str| ids.contains(&name)))
}

/// `text` without any stored position: every element is placed by the layout again.
pub fn clear_all_positions(text: &str) -> String {
    in_diagram(text, |src| clear_in_diagram(src, &|_: &str| true))
}

/// Runs `patch` on the diagram: the first Mermaid block of a Markdown document, else the
/// whole text.
fn in_diagram(text: &str, patch: impl Fn(&str) -> String) -> String {
    match markdown::diagram_source(text, 0) {
        Some(block) => {
            let end = block.offset + block.code.len();
            let mut out = String::with_capacity(text.len() + 64);
            out.push_str(&text[..block.offset]);
            out.push_str(&patch(block.code));
            out.push_str(&text[end..]);
            out
        }
        None => patch(text),
    }
}

/// The frontmatter and the `config` → `coral` → `positions` chain, as far as it exists.
struct Chain {
    fences: Option<Fences>,
    root: Option<YNode>,
}

impl Chain {
    fn read(src: &str) -> Chain {
        let fences = frontmatter::fences(src);
        let root = fences.and_then(|f| yaml::parse(&src[f.yaml.range()], f.yaml.start as usize, &mut Vec::new()));
        Chain { fences, root }
    }

    /// `(key, value)` of `config`, `config.coral` and `config.coral.positions`, each
    /// present only when the one before it is a mapping holding it.
    fn levels(&self) -> [Option<(&YKey, &YNode)>; 3] {
        let config = self.root.as_ref().and_then(|r| entry(r, "config"));
        let coral = config.and_then(|(_, v)| entry(v, "coral"));
        let positions = coral.and_then(|(_, v)| entry(v, "positions"));
        [config, coral, positions]
    }
}

const LEVELS: [&str; 3] = ["config", "coral", "positions"];

/// The `coral.positions` mappings of the text's `%%{init: …}%%` directives (read after the
/// frontmatter, so an id they hold wins over the frontmatter's entry for it).
fn directive_positions(src: &str) -> Vec<(YKey, YNode)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = src[from..].find("%%{").map(|i| from + i) {
        let Some(close) = src[at..].find("}%%").map(|i| at + i) else { break };
        from = close + 3;
        let (body_start, body_end) = (at + 2, close + 1);
        let Some(root) = yaml::parse(&src[body_start..body_end], body_start, &mut Vec::new()) else { continue };
        let init = entry(&root, "init").or_else(|| entry(&root, "initialize"));
        let positions = init.and_then(|(_, v)| entry(v, "coral")).and_then(|(_, v)| entry(v, "positions"));
        if let Some((key, map)) = positions.filter(|(_, m)| matches!(m.value, YValue::Map(_))) {
            out.push((key.clone(), map.clone()));
        }
    }
    out
}

fn set_in_diagram(src: &str, wanted: &[(&str, f64, f64)]) -> String {
    // An id a directive holds is read from there (directives win), so it is written there.
    let directives = directive_positions(src);
    let in_directive =
        |id: &str| directives.iter().rev().find_map(|(_, m)| entry(m, id).map(|(k, v)| (k.clone(), v.clone())));
    let nl = line_ending(src);
    let mut edits = Vec::new();
    let mut rest: Vec<(&str, f64, f64)> = Vec::new();
    for &(id, x, y) in wanted {
        match in_directive(id) {
            Some((k, v)) => edits.push(set_point(src, &k, &v, x, y, nl)),
            None => rest.push((id, x, y)),
        }
    }
    // A text that keeps its positions in a directive gets the new ones there too.
    if let Some((key, map)) = directives.last().filter(|_| !rest.is_empty()) {
        edits.push(add_entries(src, Some(key), map, &[], &rest, nl));
    }
    if rest.is_empty() || !directives.is_empty() {
        return apply(src, edits);
    }
    let wanted = &rest[..];
    let chain = Chain::read(src);
    let levels = chain.levels();
    // The deepest level that exists receives what is missing below it.
    let deepest = levels.iter().rposition(Option::is_some);
    match deepest {
        Some(2) => {
            let (key, map) = levels[2].expect("present");
            let mut new = Vec::new();
            for &(id, x, y) in wanted {
                match entry(map, id).filter(|_| matches!(map.value, YValue::Map(_))) {
                    Some((k, v)) => edits.push(set_point(src, k, v, x, y, nl)),
                    None => new.push((id, x, y)),
                }
            }
            if !new.is_empty() {
                edits.push(add_entries(src, Some(key), map, &[], &new, nl));
            }
        }
        Some(level) => {
            let (key, map) = levels[level].expect("present");
            edits.push(add_entries(src, Some(key), map, &LEVELS[level + 1..], wanted, nl));
        }
        None => match (chain.fences, chain.root.as_ref()) {
            (Some(f), Some(root @ YNode { value: YValue::Map(_), .. })) => {
                edits.push(add_entries_to_root(src, f, Some(root), wanted, nl))
            }
            (Some(f), None | Some(YNode { value: YValue::Null, .. })) => {
                edits.push(add_entries_to_root(src, f, None, wanted, nl))
            }
            (Some(f), Some(_)) => {
                // A frontmatter that is not a mapping has no place for `config:`; a
                // directive right after it says the same (and is read the same way).
                edits.push(Edit::insert(f.body, format!("%%{{init: {}}}%%{nl}", flow(&LEVELS[1..], wanted, true))));
            }
            (None, _) => {
                let body = block(&LEVELS, wanted, "", "  ", nl);
                edits.push(Edit::insert(0, format!("---{nl}{body}---{nl}")));
            }
        },
    }
    apply(src, edits)
}

/// Adds `path` (keys still missing) with the position entries under it to `map`, the
/// value of `key` (`None`: the frontmatter's root).
fn add_entries(
    src: &str,
    key: Option<&YKey>,
    map: &YNode,
    path: &[&str],
    wanted: &[(&str, f64, f64)],
    nl: &str,
) -> Edit {
    match &map.value {
        YValue::Map(m) if is_flow(src, map) => {
            let range = value_range(src, map).unwrap_or(map.span.range());
            let close = if src[..range.end].ends_with('}') { range.end - 1 } else { range.end };
            let sep = if m.is_empty() { "" } else { ", " };
            Edit::insert(close, format!("{sep}{}", flow_entries(path, wanted, false)))
        }
        YValue::Map(m) if !m.is_empty() => {
            // Last in the block, at the indentation of the entries already there.
            let indent = indent_of(src, &m[0].0).map(str::to_string);
            let step = match (indent.as_deref(), key.and_then(|k| indent_of(src, k))) {
                (Some(inner), Some(outer)) if inner.len() > outer.len() => " ".repeat(inner.len() - outer.len()),
                _ => "  ".to_string(),
            };
            let indent = indent.unwrap_or_else(|| step.clone());
            let last = &m[m.len() - 1].0;
            let at = entry_end(src, last);
            let lead = if src[..at].ends_with('\n') { "" } else { nl };
            Edit::insert(at, format!("{lead}{}", block(path, wanted, &indent, &step, nl)))
        }
        YValue::Null if map.span.is_empty() => {
            // `key:` and nothing under it (or an empty block): the entries go on the
            // lines after it, one step deeper.
            let Some(key) = key else {
                return Edit::insert(map.span.start as usize, block(path, wanted, "", "  ", nl));
            };
            let outer = indent_of(src, key).unwrap_or("");
            let at = line_end(src, key.span.end as usize);
            let lead = if src[..at].ends_with('\n') { "" } else { nl };
            Edit::insert(at, format!("{lead}{}", block(path, wanted, &format!("{outer}  "), "  ", nl)))
        }
        _ => {
            // Not a mapping (`positions: 3`, `coral: ~`): it meant nothing, so a mapping
            // with the entries takes its place.
            let value = flow(path, wanted, false);
            match (value_range(src, map), key) {
                (Some(range), _) if !range.is_empty() => Edit::replace(range, value),
                (_, Some(key)) => Edit::replace(after_colon(src, key)..entry_end(src, key), format!(" {value}{nl}")),
                (_, None) => Edit::insert(map.span.start as usize, value),
            }
        }
    }
}

/// Adds `config:` (with the positions) to a frontmatter that has none.
fn add_entries_to_root(src: &str, f: Fences, root: Option<&YNode>, wanted: &[(&str, f64, f64)], nl: &str) -> Edit {
    match root {
        Some(r) if is_flow(src, r) || !entries(r).is_empty() => add_entries(src, None, r, &LEVELS, wanted, nl),
        _ => {
            let at = f.yaml.end as usize;
            let lead = if at == 0 || src[..at].ends_with('\n') { "" } else { nl };
            Edit::insert(at, format!("{lead}{}", block(&LEVELS, wanted, "", "  ", nl)))
        }
    }
}

/// An existing entry `key: value` → `key: [x, y]`.
fn set_point(src: &str, key: &YKey, value: &YNode, x: f64, y: f64, nl: &str) -> Edit {
    let point = point(x, y);
    match value_range(src, value) {
        Some(range) if range.is_empty() => Edit::insert(after_colon(src, key), format!(" {point}")),
        Some(range) => Edit::replace(range, point),
        // A block list (`- 10` / `- 20` lines) or mapping: the whole value makes way.
        None => Edit::replace(after_colon(src, key)..entry_end(src, key), format!(" {point}{nl}")),
    }
}

/// Indented lines: each key of `path` one `step` deeper than the one before, then the
/// entries.
fn block(path: &[&str], wanted: &[(&str, f64, f64)], indent: &str, step: &str, nl: &str) -> String {
    let mut out = String::new();
    let mut at = indent.to_string();
    for key in path {
        out.push_str(&format!("{at}{key}:{nl}"));
        at.push_str(step);
    }
    for &(id, x, y) in wanted {
        out.push_str(&format!("{at}{}: {}{nl}", yaml_key(id), point(x, y)));
    }
    out
}

/// `{…}` around [`flow_entries`].
fn flow(path: &[&str], wanted: &[(&str, f64, f64)], json: bool) -> String {
    format!("{{{}}}", flow_entries(path, wanted, json))
}

/// `coral: {positions: {A: [1, 2]}}` for `path` `["coral", "positions"]`; with `json`,
/// every key in double quotes (for a directive).
fn flow_entries(path: &[&str], wanted: &[(&str, f64, f64)], json: bool) -> String {
    let quote = |k: &str| if json { quoted(k) } else { yaml_key(k) };
    let leaves: Vec<String> = wanted.iter().map(|&(id, x, y)| format!("{}: {}", quote(id), point(x, y))).collect();
    let mut out = leaves.join(", ");
    for key in path.iter().rev() {
        out = format!("{}: {{{out}}}", quote(key));
    }
    out
}

/// `[x, y]`, rounded to whole pixels and kept within what the reader accepts.
fn point(x: f64, y: f64) -> String {
    let n = |v: f64| {
        let v = if v.is_finite() { v.round().clamp(-MAX_COORDINATE, MAX_COORDINATE) } else { 0.0 };
        // `-0` reads back as 0 anyway; write it the way people do.
        format!("{}", if v == 0.0 { 0.0 } else { v })
    };
    format!("[{}, {}]", n(x), n(y))
}

/// An id as a YAML key: plain when it reads back as exactly itself under any YAML
/// schema, else in double quotes.
fn yaml_key(id: &str) -> String {
    const RESERVED: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    let mut chars = id.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !RESERVED.contains(&id.to_ascii_lowercase().as_str());
    if plain { id.to_string() } else { quoted(id) }
}

/// A double-quoted YAML (and JSON) string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn clear_in_diagram(src: &str, drop: &dyn Fn(&str) -> bool) -> String {
    // Entries in directives go first (their mappings stay, perhaps empty: the directive
    // may say other things), then the frontmatter's, in the text that is left.
    let mut edits = Vec::new();
    for (_, map) in directive_positions(src) {
        let remove: Vec<bool> = entries(&map).iter().map(|(k, _)| drop(&k.name)).collect();
        if remove.contains(&true) {
            edits.extend(remove_entries(src, &map, &remove));
        }
    }
    if !edits.is_empty() {
        return clear_in_frontmatter(&apply(src, edits), drop);
    }
    clear_in_frontmatter(src, drop)
}

fn clear_in_frontmatter(src: &str, drop: &dyn Fn(&str) -> bool) -> String {
    let chain = Chain::read(src);
    let levels = chain.levels();
    let Some((_, positions)) = levels[2] else { return src.to_string() };
    let remove: Vec<bool> = entries(positions).iter().map(|(k, _)| drop(&k.name)).collect();
    if !remove.contains(&true) {
        return src.to_string();
    }
    if remove.contains(&false) {
        return apply(src, remove_entries(src, positions, &remove));
    }
    // Every position goes: so does each level that holds nothing else, from the
    // innermost up, and the frontmatter itself when nothing is left in it.
    let holders = [chain.root.as_ref(), levels[0].map(|l| l.1), levels[1].map(|l| l.1)];
    for level in (0..3).rev() {
        let Some(holder) = holders[level] else { break };
        let only: Vec<bool> = entries(holder).iter().map(|(k, _)| k.name == LEVELS[level]).collect();
        if only.contains(&false) {
            return apply(src, remove_entries(src, holder, &only));
        }
        if level > 0 {
            continue;
        }
        // The frontmatter held only `config`: if nothing but blank lines would
        // remain, it goes entirely (as it came, with the first drag).
        let edits = remove_entries(src, holder, &only);
        if let Some(f) = chain.fences.filter(|f| f.closed) {
            let rest = apply(&src[..f.yaml.end as usize], edits.clone());
            if rest[f.yaml.start as usize..].trim().is_empty() {
                return apply(src, vec![Edit::delete(line_start(src, f.open.start as usize)..f.body)]);
            }
        }
        return apply(src, edits);
    }
    src.to_string()
}

#[cfg(test)]
mod tests;
