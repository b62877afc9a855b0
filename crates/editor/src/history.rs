//! The undo history of the text pane: every change to the text, whoever made it (typing,
//! a paste, a drag in the preview, loading an example), as the replaced range and the
//! selections before and after.
//!
//! The browser's own undo stack only knows edits made through `execCommand`, which costs
//! Chrome hundreds of milliseconds on a long text (docs/PERFORMANCE.md); with a history
//! of our own, the app can set the text directly and still undo it. Typing coalesces:
//! characters typed one after another within [`COALESCE_MS`] are one step (a line break
//! ends a step), and so are deletions in a row, as in code editors.

use crate::units::diff;
use crate::{Edit, Selection};

/// Keystrokes closer than this (and contiguous) are undone together.
pub const COALESCE_MS: f64 = 1_000.0;
/// Steps kept; the oldest go first.
pub const CAPACITY: usize = 500;

/// How a change was made, which decides whether it joins the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A character typed (`insertText`).
    Typing,
    /// Backspace or Delete.
    Deleting,
    /// Anything else (paste, cut, drop, the app's own edits): always a step of its own.
    Other,
}

#[derive(Clone, Debug, PartialEq)]
struct Step {
    start: usize,
    removed: String,
    inserted: String,
    before: Selection,
    after: Selection,
    cause: Cause,
    at_ms: f64,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records the change from `old` to `new`. `before` is the selection in `old` before
    /// it, `after` the one in `new`. Nothing is recorded when the texts are equal.
    pub fn record(&mut self, old: &str, new: &str, before: Selection, after: Selection, cause: Cause, now_ms: f64) {
        let (start, old_end, new_end) = diff(old, new);
        if start == old_end && start == new_end {
            return;
        }
        let step = Step {
            start,
            removed: old[start..old_end].to_string(),
            inserted: new[start..new_end].to_string(),
            before,
            after,
            cause,
            at_ms: now_ms,
        };
        self.redo.clear();
        if let Some(last) = self.undo.last_mut()
            && joins(last, &step)
        {
            match step.cause {
                Cause::Typing => last.inserted.push_str(&step.inserted),
                _ => {
                    // Backspace grows the removed text to the left, Delete to the right.
                    if step.start < last.start {
                        last.removed.insert_str(0, &step.removed);
                        last.start = step.start;
                    } else {
                        last.removed.push_str(&step.removed);
                    }
                }
            }
            last.after = step.after;
            last.at_ms = step.at_ms;
            return;
        }
        self.undo.push(step);
        if self.undo.len() > CAPACITY {
            self.undo.remove(0);
        }
    }

    /// The edit that takes the last step back in `text` (the current text), or `None`
    /// when there is none — or when `text` no longer holds what the step inserted (a
    /// change the history missed), in which case the history is dropped rather than
    /// applied to the wrong place.
    pub fn undo(&mut self, text: &str) -> Option<Edit> {
        let step = self.undo.pop()?;
        let end = step.start + step.inserted.len();
        if text.get(step.start..end) != Some(step.inserted.as_str()) {
            self.undo.clear();
            self.redo.clear();
            return None;
        }
        let edit = Edit { start: step.start, end, insert: step.removed.clone(), selection: step.before };
        self.redo.push(step);
        Some(edit)
    }

    /// The edit that does the last undone step again.
    pub fn redo(&mut self, text: &str) -> Option<Edit> {
        let step = self.redo.pop()?;
        let end = step.start + step.removed.len();
        if text.get(step.start..end) != Some(step.removed.as_str()) {
            self.undo.clear();
            self.redo.clear();
            return None;
        }
        let edit = Edit { start: step.start, end, insert: step.inserted.clone(), selection: step.after };
        self.undo.push(step);
        Some(edit)
    }
}

/// Whether `next` continues `last` as one step.
fn joins(last: &Step, next: &Step) -> bool {
    if last.cause != next.cause || next.at_ms - last.at_ms > COALESCE_MS {
        return false;
    }
    match next.cause {
        Cause::Typing => {
            next.removed.is_empty()
                && last.removed.is_empty()
                && next.start == last.start + last.inserted.len()
                && !last.inserted.ends_with('\n')
                && !next.inserted.contains('\n')
        }
        Cause::Deleting => {
            next.inserted.is_empty()
                && last.inserted.is_empty()
                && (next.start + next.removed.len() == last.start || next.start == last.start)
        }
        Cause::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `s` at the end of `text`, one character per millisecond.
    fn type_str(h: &mut History, text: &mut String, s: &str, t0: f64) {
        for (i, c) in s.chars().enumerate() {
            let old = text.clone();
            text.push(c);
            h.record(
                &old,
                text,
                Selection::caret(old.len()),
                Selection::caret(text.len()),
                Cause::Typing,
                t0 + i as f64,
            );
        }
    }

    fn undo(h: &mut History, text: &mut String) -> Option<Selection> {
        let e = h.undo(text)?;
        *text = e.apply(text);
        Some(e.selection)
    }

    fn redo(h: &mut History, text: &mut String) -> Option<Selection> {
        let e = h.redo(text)?;
        *text = e.apply(text);
        Some(e.selection)
    }

    #[test]
    fn typing_coalesces_until_a_pause_or_a_line_break() {
        let (mut h, mut text) = (History::new(), String::from("A"));
        type_str(&mut h, &mut text, " --> B", 0.0);
        type_str(&mut h, &mut text, "\nC", 5_000.0);
        assert_eq!(text, "A --> B\nC");
        assert_eq!(undo(&mut h, &mut text), Some(Selection::caret(8)));
        assert_eq!(text, "A --> B\n");
        undo(&mut h, &mut text);
        assert_eq!(text, "A --> B");
        undo(&mut h, &mut text);
        assert_eq!(text, "A");
        assert!(!h.can_undo());
        redo(&mut h, &mut text);
        redo(&mut h, &mut text);
        redo(&mut h, &mut text);
        assert_eq!(text, "A --> B\nC");
        assert!(!h.can_redo());
    }

    #[test]
    fn backspaces_in_a_row_are_one_step() {
        let (mut h, mut text) = (History::new(), String::from("abcd"));
        for t in 0..3 {
            let old = text.clone();
            text.pop();
            let n = text.len();
            h.record(&old, &text, Selection::caret(old.len()), Selection::caret(n), Cause::Deleting, t as f64);
        }
        assert_eq!(text, "a");
        undo(&mut h, &mut text);
        assert_eq!(text, "abcd");
    }

    #[test]
    fn app_edits_are_steps_of_their_own_and_clear_redo() {
        let (mut h, mut text) = (History::new(), String::from("flowchart LR\n  A"));
        let loaded = "architecture-beta\n  service s";
        h.record(&text, loaded, Selection::caret(0), Selection::caret(0), Cause::Other, 0.0);
        text = loaded.to_string();
        type_str(&mut h, &mut text, "x", 1.0);
        undo(&mut h, &mut text);
        assert_eq!(text, loaded);
        h.record(&text, "y", Selection::caret(0), Selection::caret(1), Cause::Other, 2.0);
        text = "y".to_string();
        assert!(!h.can_redo(), "a new edit drops what was undone");
        undo(&mut h, &mut text);
        undo(&mut h, &mut text);
        assert_eq!(text, "flowchart LR\n  A");
    }

    #[test]
    fn a_text_that_went_out_of_step_drops_the_history_instead_of_corrupting() {
        let mut h = History::new();
        h.record("a", "ab", Selection::caret(1), Selection::caret(2), Cause::Typing, 0.0);
        assert!(h.undo("something else").is_none());
        assert!(!h.can_undo() && !h.can_redo());
    }

    #[test]
    fn capacity_is_bounded() {
        let mut h = History::new();
        let mut text = String::new();
        for i in 0..(CAPACITY + 10) {
            let old = text.clone();
            text.push('x');
            h.record(&old, &text, Selection::caret(i), Selection::caret(i + 1), Cause::Other, i as f64);
        }
        let mut n = 0;
        while undo(&mut h, &mut text).is_some() {
            n += 1;
        }
        assert_eq!(n, CAPACITY);
    }
}
