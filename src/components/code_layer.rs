//! The layer under the editor's text area: one row per line — its number, then the
//! line's text as spans classed by the core's tokens (`coral_core::highlight`), with
//! diagnostics' squiggles (their messages in `data-note`, for the hover tooltip), find
//! matches and the matched bracket pair laid over them (`coral_editor::layer`).
//!
//! Only the rows in view are made, plus a margin ([`MARGIN_ROWS`], in steps of
//! [`STEP_ROWS`] so scrolling a few lines changes nothing): the rows above and below
//! are room (`padding` on `.rows`, one line height per line), so a 4,000-line text costs
//! what a screen of it does. Rows are keyed by their content, so a keystroke re-creates
//! the one row it changed and moves the others; the row's line number and whether it is
//! the caret's line are signals of their own. Everything is text nodes and attributes:
//! no user text is ever parsed as HTML.
//!
//! With soft wrap on, a row is as tall as its line wraps, which only the browser knows,
//! so every row is made (as before); unwrapped rows are exactly one line tall.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use coral_core::Severity;
use coral_editor::brackets;
use coral_editor::layer::{self, Line, Mark, Paint};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::find_bar::FindState;
use crate::state::use_app;

/// Rows made beyond the visible ones, above and below (a page's worth: scrolling by the
/// wheel or the keyboard stays inside what is made).
pub const MARGIN_ROWS: usize = 40;
/// The window of rows moves in steps of this many lines.
pub const STEP_ROWS: usize = 32;

/// Where the text area is scrolled and how tall it is, with the line height and the top
/// padding both share: what decides which rows are in view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub scroll_top: f64,
    pub height: f64,
    pub line: f64,
    pub pad_top: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        // Until measured: the style sheet's figures, and a tall pane.
        Viewport { scroll_top: 0.0, height: 2000.0, line: 20.0, pad_top: 12.0 }
    }
}

impl Viewport {
    /// The lines to make rows for (0-based), out of `count`.
    pub fn rows(self, count: usize) -> Range<usize> {
        let line = if self.line > 0.0 { self.line } else { 20.0 };
        let first = ((self.scroll_top - self.pad_top) / line).floor().max(0.0) as usize;
        let last = ((self.scroll_top + self.height) / line).ceil().max(0.0) as usize;
        let start = first.saturating_sub(MARGIN_ROWS) / STEP_ROWS * STEP_ROWS;
        let end = (last + MARGIN_ROWS).div_ceil(STEP_ROWS) * STEP_ROWS;
        start.min(count)..end.min(count)
    }
}

/// One row: its key (a hash of the line's segments, the gutter's severity and which
/// repeat of an identical line it is: keys must be unique, and blank lines repeat), and
/// the line itself, shared so the keyed list can clone rows for nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    key: u64,
    line: Arc<Line>,
    severity: Option<Severity>,
}

/// The rows in view: the first one's line, every line's count, and the rows.
#[derive(Clone, Debug)]
struct Window {
    first: usize,
    count: usize,
    rows: Vec<Row>,
}

/// Rows compare by key (a hash of everything drawn in them), not segment by segment.
impl PartialEq for Window {
    fn eq(&self, other: &Self) -> bool {
        self.first == other.first
            && self.count == other.count
            && self.rows.len() == other.rows.len()
            && self.rows.iter().zip(&other.rows).all(|(a, b)| a.key == b.key)
    }
}

#[component]
pub fn CodeLayer(
    layer: NodeRef<Div>,
    find: RwSignal<FindState>,
    matches: Memo<Vec<(usize, usize)>>,
    viewport: RwSignal<Viewport>,
) -> impl IntoView {
    let state = use_app();
    let starts = Memo::new(move |_| state.text.with(|t| Arc::new(layer::line_starts(t))));
    // Squiggles, with their line for the gutter.
    let squiggles = Memo::new(move |_| {
        state.rendered.with(|r| {
            r.problems
                .iter()
                .map(|p| {
                    let class = match p.severity {
                        Severity::Error => "sq-error",
                        Severity::Warning => "sq-warning",
                        Severity::Info => "sq-info",
                    };
                    let note = format!("{}[{}] {}", p.severity.as_str(), p.code, p.message);
                    let note = match &p.help {
                        Some(h) => format!("{note}\nhelp: {h}"),
                        None => note,
                    };
                    (
                        p.line,
                        p.severity,
                        Mark { start: p.span.start as usize, end: p.span.end as usize, class, note: Some(note) },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let bracket_pair = Memo::new(move |_| {
        let caret = state.caret.get();
        if !caret.is_empty() {
            return None;
        }
        state.text.with(|t| brackets::matching(t, caret.end))
    });
    // Which lines get rows: those in view, or every one when lines wrap.
    let range = Memo::new(move |_| {
        let count = starts.with(|s| s.len());
        if state.wrap.get() { 0..count } else { viewport.get().rows(count) }
    });
    let window = Memo::new(move |_| {
        let lines = range.get();
        let (count, bytes) = starts.with(|s| {
            let end = lines.end.min(s.len());
            let a = s.get(lines.start).copied().unwrap_or(0);
            let b = s.get(end).map_or(usize::MAX, |&next| next.saturating_sub(1));
            (s.len(), a..b)
        });
        let touches = |s: usize, e: usize| s <= bytes.end && e >= bytes.start;
        let mut marks: Vec<Mark> = squiggles
            .with(|s| s.iter().filter(|(_, _, m)| touches(m.start, m.end)).map(|(_, _, m)| m.clone()).collect());
        if let Some((a, b)) = bracket_pair.get() {
            for at in [a, b] {
                marks.push(Mark { start: at, end: at + 1, class: "bracket-match", note: None });
            }
        }
        let current = find.with(|f| f.current);
        matches.with(|m| {
            let from = m.partition_point(|&(_, e)| e < bytes.start);
            for (i, &(s, e)) in m.iter().enumerate().skip(from).take_while(|(_, (s, _))| *s <= bytes.end) {
                let class = if Some(i) == current { "find-current" } else { "find-hit" };
                marks.push(Mark { start: s, end: e, class, note: None });
            }
        });
        let rows = state.tokens.with(|h| {
            let paints: Vec<Paint> = {
                let t = &h.tokens;
                let from = t.partition_point(|k| (k.span.end as usize) <= bytes.start);
                t[from..]
                    .iter()
                    .take_while(|k| (k.span.start as usize) < bytes.end)
                    .map(|k| Paint { start: k.span.start as usize, end: k.span.end as usize, class: class_of(k.kind) })
                    .collect()
            };
            state.text.with(|t| starts.with(|s| layer::lines_in(t, s, lines.clone(), &paints, &marks)))
        });
        let mut severity: Vec<Option<Severity>> = vec![None; rows.len()];
        squiggles.with(|s| {
            for (line, sev, _) in s {
                let at = (*line as usize).saturating_sub(1);
                if let Some(slot) = at.checked_sub(lines.start).and_then(|i| severity.get_mut(i)) {
                    *slot = (*slot).max(Some(*sev));
                }
            }
        });
        let mut seen = std::collections::HashMap::<u64, usize>::new();
        let rows = rows
            .into_iter()
            .zip(severity)
            .map(|(line, severity)| {
                let content = hash_of(&(&line, severity));
                let repeat = seen.entry(content).or_default();
                *repeat += 1;
                Row { key: hash_of(&(content, *repeat)), line: Arc::new(line), severity }
            })
            .collect::<Vec<_>>();
        Window { first: lines.start, count, rows }
    });
    let first = Memo::new(move |_| window.with(|w| w.first));
    let caret_line = Memo::new(move |_| {
        let at = state.caret.get().end;
        starts.with(|s| s.partition_point(|&start| start <= at).saturating_sub(1))
    });
    // The gutter is as wide as the largest line number.
    let digits = Memo::new(move |_| window.with(|w| w.count.to_string().len().max(2)));
    // The room above and below the rows made: one line height per line not made.
    let below = Memo::new(move |_| window.with(|w| w.count - w.first - w.rows.len()));

    view! {
        <div class="code-layer" node_ref=layer aria-hidden="true" style:--gutter-digits=move || digits.get().to_string()>
            <div
                class="rows"
                style:--rows-above=move || first.get().to_string()
                style:--rows-below=move || below.get().to_string()
            >
                <ForEnumerate
                    each=move || window.with(|w| w.rows.clone())
                    key=|row| row.key
                    children=move |index, row| {
                        let gutter = match row.severity {
                            Some(Severity::Error) => "ln error",
                            Some(Severity::Warning) => "ln warning",
                            Some(Severity::Info) => "ln info",
                            None => "ln",
                        };
                        let segments = row
                            .line
                            .segments
                            .iter()
                            .map(|s| {
                                let class = (!s.classes.is_empty()).then(|| s.classes.clone());
                                view! { <span class=class data-note=s.note.clone()>{s.text.clone()}</span> }
                            })
                            .collect_view();
                        let line = move || first.get() + index.get();
                        view! {
                            <div class="row" class:current=move || caret_line.get() == line() data-line=move || line() + 1>
                                <span class=gutter>{move || line() + 1}</span>
                                <span class="tx">{segments}</span>
                            </div>
                        }
                    }
                />
            </div>
        </div>
    }
}

/// A hash for row keys. Collisions would only mean a row re-created needlessly or, at
/// worst, two rows sharing a key; 64 bits over a few thousand lines make that moot.
fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn class_of(kind: coral_core::highlight::Kind) -> &'static str {
    use coral_core::highlight::Kind;
    match kind {
        Kind::Comment => "tok-comment",
        Kind::Directive => "tok-directive",
        Kind::Keyword => "tok-keyword",
        Kind::Id => "tok-id",
        Kind::String => "tok-string",
        Kind::Edge => "tok-edge",
        Kind::Shape => "tok-shape",
        Kind::Class => "tok-class",
        Kind::Style => "tok-style",
        Kind::Icon => "tok-icon",
        Kind::Side => "tok-side",
        Kind::Macro => "tok-macro",
        Kind::Param => "tok-param",
        Kind::Number => "tok-number",
        Kind::Punct => "tok-punct",
        Kind::Key => "tok-key",
        Kind::Prose => "tok-prose",
    }
}

/// Where UTF-16 column `col` of 0-based `line` is on screen (its left and bottom, in
/// client pixels), read from the layer's row for that line (`None` when it has none: the
/// line is out of view).
pub fn caret_rect(layer: &web_sys::HtmlElement, line: usize, col: u32) -> Option<(f64, f64)> {
    let row = layer.query_selector(&format!(".row[data-line=\"{}\"]", line + 1)).ok()??;
    let tx = row.query_selector(".tx").ok()??;
    let spans = tx.children();
    let mut left = col;
    for i in 0..spans.length() {
        let span = spans.item(i)?;
        let len = span.text_content().unwrap_or_default().encode_utf16().count() as u32;
        if left <= len
            && let Some(node) = span.first_child()
        {
            let range = document().create_range().ok()?;
            range.set_start(&node, left).ok()?;
            range.set_end(&node, left).ok()?;
            let r = range.get_bounding_client_rect();
            return Some((r.left(), r.bottom()));
        }
        left -= len.min(left);
    }
    // An empty line, or past its end: the text column's start / end.
    let r = tx.dyn_into::<web_sys::HtmlElement>().ok()?.get_bounding_client_rect();
    Some((r.left(), r.bottom()))
}
