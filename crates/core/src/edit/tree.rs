//! Reading the spanned YAML tree the way patches need it: the entry that wins, where a
//! value's bytes are, where a block entry ends, how deep it is indented, and removing
//! entries with their separators. Shared by [`super::set_theme`] and the position patches.

use super::{Edit, line_end, line_start};
use crate::syntax::yaml::{YKey, YNode, YValue};

/// The last entry named `name` of a mapping (the one that wins, as in `config::apply`).
pub(super) fn entry<'t>(map: &'t YNode, name: &str) -> Option<(&'t YKey, &'t YNode)> {
    entries(map).iter().rev().find(|(k, _)| k.name == name).map(|(k, v)| (k, v))
}

pub(super) fn entries(map: &YNode) -> &[(YKey, YNode)] {
    match &map.value {
        YValue::Map(m) => m,
        _ => &[],
    }
}

/// Whether a container was written in flow style (`{…}`, `[…]`), not as indented lines.
pub(super) fn is_flow(src: &str, node: &YNode) -> bool {
    matches!(src.as_bytes().get(node.span.start as usize), Some(b'{' | b'['))
}

/// The bytes a value was written as, for a scalar or a flow container; `None` for a block
/// container (its extent is its lines, see [`entry_end`]).
pub(super) fn value_range(src: &str, value: &YNode) -> Option<std::ops::Range<usize>> {
    let r = value.span.range();
    match value.value {
        YValue::Map(_) | YValue::List(_) if is_flow(src, value) => {
            // The reader's span of a flow container stops at its closing bracket.
            let close = matches!(src.as_bytes().get(r.end), Some(b'}' | b']'));
            Some(r.start..r.end + usize::from(close))
        }
        YValue::Map(_) | YValue::List(_) => None,
        _ => Some(r),
    }
}

/// Just after the `:` that follows `key`.
pub(super) fn after_colon(src: &str, key: &YKey) -> usize {
    let end = key.span.end as usize;
    src[end..].find(':').map_or(end, |i| end + i + 1)
}

/// Where a block mapping entry ends: after the last line indented deeper than its key
/// (blank lines inside count only when deeper lines follow them).
pub(super) fn entry_end(src: &str, key: &YKey) -> usize {
    let start = key.span.start as usize;
    let column = start - line_start(src, start);
    let mut end = line_end(src, start);
    let mut at = end;
    while at < src.len() {
        let next = line_end(src, at);
        let line = src[at..next].trim_end_matches(['\n', '\r']);
        at = next;
        if line.trim().is_empty() {
            continue;
        }
        if line.len() - line.trim_start_matches([' ', '\t']).len() <= column {
            break;
        }
        end = next;
    }
    end
}

/// The indentation of the line `key` starts on, if only blanks come before the key.
pub(super) fn indent_of<'s>(src: &'s str, key: &YKey) -> Option<&'s str> {
    let start = key.span.start as usize;
    let indent = &src[line_start(src, start)..start];
    indent.trim().is_empty().then_some(indent)
}

/// Removes the entries of `map` marked in `remove`, with their separators: the lines of
/// a block mapping, the `, `s of a flow one.
pub(super) fn remove_entries(src: &str, map: &YNode, remove: &[bool]) -> Vec<Edit> {
    let list = entries(map);
    if !is_flow(src, map) {
        return list
            .iter()
            .zip(remove)
            .filter(|(_, r)| **r)
            .map(|((k, _), _)| Edit::delete(line_start(src, k.span.start as usize)..entry_end(src, k)))
            .collect();
    }
    let key_start = |i: usize| list[i].0.span.start as usize;
    let value_end = |i: usize| value_range(src, &list[i].1).map_or(list[i].1.span.end as usize, |r| r.end);
    let mut edits = Vec::new();
    let mut i = 0;
    while i < list.len() {
        if !remove[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < list.len() && remove[j + 1] {
            j += 1;
        }
        // A run i..=j goes with the separator after it, or before it when it ends the map.
        let range = if j + 1 < list.len() {
            key_start(i)..key_start(j + 1)
        } else if i > 0 {
            value_end(i - 1)..value_end(j)
        } else {
            key_start(i)..value_end(j)
        };
        edits.push(Edit::delete(range));
        i = j + 1;
    }
    edits
}
