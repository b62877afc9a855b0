//! The layer under the editor's text area: one row per line — its number, then the
//! line's text as spans classed by the core's tokens (`coral_core::highlight`), with
//! diagnostics' squiggles (their messages in `data-note`, for the hover tooltip), find
//! matches and the matched bracket pair laid over them (`coral_editor::layer`).
//!
//! Rows are keyed by their content, so a keystroke re-creates the one row it changed and
//! moves the others; the row's index (its line number, whether it is the caret's line)
//! is a signal of its own. Everything is text nodes and attributes: no user text is
//! ever parsed as HTML.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use coral_core::Severity;
use coral_editor::brackets;
use coral_editor::layer::{self, Line, Mark, Paint};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::find_bar::FindState;
use crate::state::use_app;

/// Find matches beyond this many are not marked (the bar still counts them).
const MAX_MARKED: usize = 2_000;

/// One row: its key (a hash of the line's segments, the gutter's severity and which
/// repeat of an identical line it is: keys must be unique, and blank lines repeat), and
/// the line itself, shared so the keyed list can clone rows for nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    key: u64,
    line: Arc<Line>,
    severity: Option<Severity>,
}

#[component]
pub fn CodeLayer(layer: NodeRef<Div>, find: RwSignal<FindState>, matches: Memo<Vec<(usize, usize)>>) -> impl IntoView {
    let state = use_app();
    let tokens = Memo::new(move |_| {
        state.tokens.with(|t| {
            t.iter()
                .map(|tok| Paint {
                    start: tok.span.start as usize,
                    end: tok.span.end as usize,
                    class: class_of(tok.kind),
                })
                .collect::<Vec<_>>()
        })
    });
    // Squiggles, with their severity per line for the gutter.
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
    let rows = Memo::new(move |_| {
        let mut marks: Vec<Mark> = squiggles.with(|s| s.iter().map(|(_, _, m)| m.clone()).collect());
        if let Some((a, b)) = bracket_pair.get() {
            for at in [a, b] {
                marks.push(Mark { start: at, end: at + 1, class: "bracket-match", note: None });
            }
        }
        let current = find.with(|f| f.current);
        matches.with(|m| {
            for (i, &(s, e)) in m.iter().take(MAX_MARKED).enumerate() {
                let class = if Some(i) == current { "find-current" } else { "find-hit" };
                marks.push(Mark { start: s, end: e, class, note: None });
            }
        });
        let lines = state.text.with(|t| tokens.with(|p| layer::lines(t, p, &marks)));
        let mut severity: Vec<Option<Severity>> = vec![None; lines.len()];
        squiggles.with(|s| {
            for (line, sev, _) in s {
                if let Some(slot) = severity.get_mut((*line as usize).saturating_sub(1)) {
                    *slot = (*slot).max(Some(*sev));
                }
            }
        });
        let mut seen = std::collections::HashMap::<u64, usize>::new();
        lines
            .into_iter()
            .zip(severity)
            .map(|(line, severity)| {
                let content = hash_of(&(&line, severity));
                let repeat = seen.entry(content).or_default();
                *repeat += 1;
                Row { key: hash_of(&(content, *repeat)), line: Arc::new(line), severity }
            })
            .collect::<Vec<_>>()
    });
    let caret_line = Memo::new(move |_| {
        let at = state.caret.get().end;
        state.text.with(|t| t.as_bytes()[..at.min(t.len())].iter().filter(|&&b| b == b'\n').count())
    });
    // The gutter is as wide as the largest line number.
    let digits = Memo::new(move |_| rows.with(|r| r.len().to_string().len().max(2)));

    view! {
        <div class="code-layer" node_ref=layer aria-hidden="true" style:--gutter-digits=move || digits.get().to_string()>
            <div class="rows">
                <ForEnumerate
                    each=move || rows.get()
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
                        view! {
                            <div class="row" class:current=move || caret_line.get() == index.get()>
                                <span class=gutter>{move || index.get() + 1}</span>
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
/// client pixels), read from the layer's row for that line.
pub fn caret_rect(layer: &web_sys::HtmlElement, line: usize, col: u32) -> Option<(f64, f64)> {
    let row = layer.query_selector(&format!(".row:nth-child({})", line + 1)).ok()??;
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
