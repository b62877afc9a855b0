//! The text pane's logic as pure functions over a text and a selection, so the app's
//! editor component only forwards keys and applies results (and this tests natively in
//! a second, without compiling Leptos).
//!
//! Every position here is a byte offset into the text, on a character boundary; the app
//! converts from and to the text area's UTF-16 offsets with [`units`].
//!
//! - [`ops`]: indent and outdent of the selected lines, `%%` comment toggling;
//! - [`brackets`]: the bracket or quote matching the one at the caret;
//! - [`find`]: find every match, replace one or all;
//! - [`history`]: the undo history (coalesced typing, one entry per app edit);
//! - [`documents`]: the recent documents, their names and their stored form;
//! - [`layer`]: the highlighted layer under the text area, as lines of classed segments;
//! - [`units`]: UTF-16 ↔ byte offsets, and the difference between two texts;
//! - [`svg_patch`]: the preview's SVG patched in place, element by element, when a new
//!   drawing arrives (the preview's logic, kept here for the same reason).

pub mod brackets;
pub mod documents;
pub mod find;
pub mod history;
pub mod layer;
pub mod ops;
pub mod svg_patch;
pub mod units;

/// A selection: `start..end` in bytes, `start <= end`. A caret is an empty selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
}

impl Selection {
    pub fn new(start: usize, end: usize) -> Selection {
        Selection { start: start.min(end), end: start.max(end) }
    }

    pub fn caret(at: usize) -> Selection {
        Selection { start: at, end: at }
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// One replacement: `text[start..end]` becomes `insert`; `selection` is where the
/// selection lies afterwards (in the new text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
    pub selection: Selection,
}

impl Edit {
    /// The text after this edit.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.insert.len());
        out.push_str(&text[..self.start]);
        out.push_str(&self.insert);
        out.push_str(&text[self.end..]);
        out
    }
}
