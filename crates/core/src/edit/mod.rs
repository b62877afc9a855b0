//! Edits the app makes to the text when the user asks for them, as minimal patches.
//!
//! A patch changes only the bytes it must and keeps everything else — comments, quoting,
//! indentation, line endings — byte for byte, so the editor's undo step shows exactly
//! what changed. Like parsing, a patch never fails: on text it cannot read it falls back
//! to an addition that still means what was asked.
//!
//! - [`set_theme`] (`theme.rs`): writes `theme: X` where it takes effect.
//! - [`set_positions`], [`clear_positions`], [`clear_all_positions`], and the keyed
//!   [`store_positions`] / [`clear_positions_of`] (`positions.rs`):
//!   the positions of dragged elements, in `config.coral.positions`.

mod positions;
mod theme;
mod tree;

pub use positions::{clear_all_positions, clear_positions, clear_positions_of, set_positions, store_positions};
pub use theme::set_theme;

/// One replacement: bytes `start..end` of the original text become `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

impl Edit {
    fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { start: at, end: at, text: text.into() }
    }

    fn replace(range: std::ops::Range<usize>, text: impl Into<String>) -> Edit {
        Edit { start: range.start, end: range.end, text: text.into() }
    }

    fn delete(range: std::ops::Range<usize>) -> Edit {
        Edit::replace(range, "")
    }
}

/// Applies non-overlapping edits (in any order) to `text`. An insertion at the start of
/// a replaced range goes before the replacement.
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for e in edits {
        debug_assert!(e.start >= at && e.end >= e.start, "overlapping edits at {}", e.start);
        let start = e.start.max(at);
        out.push_str(&text[at..start]);
        out.push_str(&e.text);
        at = e.end.max(start);
    }
    out.push_str(&text[at..]);
    out
}

/// The line ending the text already uses (`\r\n` if its first line break is one).
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding byte `at`, after its line break (or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_position_order() {
        let edits = vec![Edit::delete(4..6), Edit::insert(0, ">"), Edit::replace(1..2, "B"), Edit::insert(4, "+")];
        assert_eq!(apply("abcdefg", edits), ">aBcd+g");
    }

    #[test]
    fn line_helpers() {
        let t = "ab\r\ncd\nef";
        assert_eq!(line_ending(t), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_start(t, 5), 4);
        assert_eq!(line_end(t, 5), 7);
        assert_eq!(line_end(t, 8), 9);
    }
}
