//! Line edits: indent and outdent of the selected lines, and `%%` comment toggling.
//! Each returns one [`Edit`] over the block of lines touched, with the selection moved
//! along with the text, so the app applies it (and undoes it) as one step.

use crate::{Edit, Selection};

/// What one indentation level is.
pub const INDENT: &str = "  ";

/// Tab: at a caret, inserts [`INDENT`]; with a selection, indents every line it touches.
pub fn indent(text: &str, sel: Selection) -> Edit {
    if sel.is_empty() {
        let at = sel.start.min(text.len());
        let caret = Selection::caret(at + INDENT.len());
        return Edit { start: at, end: at, insert: INDENT.to_string(), selection: caret };
    }
    let changes: Vec<Change> =
        lines(text, sel).filter(|&(s, e)| s < e).map(|(s, _)| Change { at: s, remove: 0, insert: INDENT }).collect();
    build(text, sel, &changes)
}

/// Shift+Tab: removes one level (two spaces, one space or a tab) from every line the
/// selection or caret touches.
pub fn outdent(text: &str, sel: Selection) -> Edit {
    let changes: Vec<Change> = lines(text, sel)
        .filter_map(|(s, e)| {
            let line = &text[s..e];
            let remove = if line.starts_with('\t') {
                1
            } else {
                line.bytes().take(INDENT.len()).take_while(|&b| b == b' ').count()
            };
            (remove > 0).then_some(Change { at: s, remove, insert: "" })
        })
        .collect();
    build(text, sel, &changes)
}

/// Ctrl/⌘+/: comments out the touched lines with `%% ` at their common indentation, or,
/// when every non-blank one already is a comment, uncomments them.
pub fn toggle_comment(text: &str, sel: Selection) -> Edit {
    let touched: Vec<(usize, usize)> = lines(text, sel).collect();
    let code: Vec<(usize, usize)> = touched.iter().copied().filter(|&(s, e)| !text[s..e].trim().is_empty()).collect();
    let indent_of = |(s, e): (usize, usize)| text[s..e].len() - text[s..e].trim_start().len();
    let all_comments = !code.is_empty() && code.iter().all(|&(s, e)| text[s..e].trim_start().starts_with("%%"));
    let changes: Vec<Change> = if all_comments {
        code.iter()
            .map(|&(s, e)| {
                let at = s + indent_of((s, e));
                let remove = if text[at..e].starts_with("%% ") { 3 } else { 2 };
                Change { at, remove, insert: "" }
            })
            .collect()
    } else {
        let column = code.iter().map(|&l| indent_of(l)).min().unwrap_or(0);
        code.iter().map(|&(s, _)| Change { at: s + column, remove: 0, insert: "%% " }).collect()
    };
    build(text, sel, &changes)
}

/// `(start, end)` of every line the selection touches (end before the `\n`). A
/// selection ending at the very start of a line does not touch that line.
fn lines(text: &str, sel: Selection) -> impl Iterator<Item = (usize, usize)> + '_ {
    let (start, mut end) = (sel.start.min(text.len()), sel.end.min(text.len()));
    if end > start && text[..end].ends_with('\n') {
        end -= 1;
    }
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut at = first;
    std::iter::from_fn(move || {
        if at > last {
            return None;
        }
        let e = text[at..last].find('\n').map_or(last, |i| at + i);
        let line = (at, e);
        at = e + 1;
        Some(line)
    })
}

/// One change inside the block: `remove` bytes at `at` replaced by `insert`.
struct Change {
    at: usize,
    remove: usize,
    insert: &'static str,
}

/// The block edit for `changes` (sorted, on distinct lines), and the selection mapped
/// through them.
fn build(text: &str, sel: Selection, changes: &[Change]) -> Edit {
    let (Some(first), Some(last)) = (changes.first(), changes.last()) else {
        return Edit { start: sel.start, end: sel.start, insert: String::new(), selection: sel };
    };
    let (start, end) = (first.at, last.at + last.remove);
    let mut insert = String::new();
    let mut at = start;
    for c in changes {
        insert.push_str(&text[at..c.at]);
        insert.push_str(c.insert);
        at = c.at + c.remove;
    }
    let map = |p: usize| {
        let mut shift: isize = 0;
        for c in changes {
            if p >= c.at + c.remove {
                shift += c.insert.len() as isize - c.remove as isize;
            } else if p > c.at {
                // Inside removed text: to where it was.
                shift -= (p - c.at) as isize;
            }
        }
        (p as isize + shift).max(0) as usize
    };
    Edit { start, end, insert, selection: Selection::new(map(sel.start), map(sel.end)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&str, Selection) -> Edit, text: &str, sel: (usize, usize)) -> (String, (usize, usize)) {
        let e = f(text, Selection::new(sel.0, sel.1));
        (e.apply(text), (e.selection.start, e.selection.end))
    }

    #[test]
    fn tab_at_a_caret_inserts_two_spaces() {
        assert_eq!(run(indent, "A-->B", (1, 1)), ("A  -->B".to_string(), (3, 3)));
    }

    #[test]
    fn tab_indents_every_selected_line_and_keeps_the_selection_on_them() {
        let text = "a\nb\n\nc\n";
        // From inside `a` to the start of `c`'s line: `c` is not touched, the blank line stays.
        assert_eq!(run(indent, text, (1, 5)), ("  a\n  b\n\nc\n".to_string(), (3, 9)));
    }

    #[test]
    fn shift_tab_outdents_by_up_to_one_level() {
        let text = "    a\n b\n\tc\nd";
        assert_eq!(run(outdent, text, (0, text.len())).0, "  a\nb\nc\nd");
        assert_eq!(run(outdent, "    a", (4, 4)), ("  a".to_string(), (2, 2)));
        assert_eq!(run(outdent, "a", (1, 1)), ("a".to_string(), (1, 1)));
    }

    #[test]
    fn comments_toggle_at_the_common_indentation() {
        let text = "flowchart LR\n  A --> B\n    B --> C\n";
        let (commented, sel) = run(toggle_comment, text, (15, 30));
        assert_eq!(commented, "flowchart LR\n  %% A --> B\n  %%   B --> C\n");
        assert_eq!(run(toggle_comment, &commented, (sel.0, sel.1)).0, text);
    }

    #[test]
    fn uncommenting_takes_the_marker_with_or_without_its_space() {
        assert_eq!(run(toggle_comment, "%%a\n  %% b", (0, 9)).0, "a\n  b");
        assert_eq!(run(toggle_comment, "x\n", (0, 0)).0, "%% x\n");
        // A mix comments everything (the already commented line gets a second marker).
        assert_eq!(run(toggle_comment, "%% a\nb", (0, 6)).0, "%% %% a\n%% b");
    }

    #[test]
    fn blank_and_empty_texts_are_left_alone() {
        assert_eq!(run(toggle_comment, "", (0, 0)), (String::new(), (0, 0)));
        assert_eq!(run(toggle_comment, "\n\n", (0, 2)).0, "\n\n");
        assert_eq!(run(outdent, "", (0, 0)).0, "");
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let text = "é\n😀";
        let e = indent(text, Selection::new(0, text.len()));
        assert_eq!(e.apply(text), "  é\n  😀");
        assert_eq!(e.selection, Selection::new(2, text.len() + 4));
    }
}
