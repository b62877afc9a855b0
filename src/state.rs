//! Application state: the signals, created once in [`AppState::new`] and shared through
//! `provide_context`, plus the pure functions that derive everything else from the text.
//!
//! The text area is the source of truth for the text while the user types (it owns the
//! caret and the browser's undo stack); [`AppState::text`] mirrors it once per animation
//! frame. Everything the UI shows is a `Memo` over that signal:
//!
//! ```text
//! text ───┬─render──▶ Rendered (svg, problems, timing) ──next_preview──▶ Preview (what to show)
//! icons ──┤
//! theme ──┘
//! ```
//!
//! `Rendered` also keeps the [`coral_core::Drawing`] behind its SVG (model and layout), so
//! the preview can move elements without running the pipeline again; the preview offers
//! it for dragging only while it shows that very SVG.
//!
//! `render` is two steps: a numbered [`Request`] (what to draw, made when something drawn
//! changed), then `base`, which draws it — on the page for a small text, in the layout
//! worker for a large one (`offload.rs`). While the worker draws, `base` keeps the last
//! run (moved to the new text like an edit of comments) and [`Offload::busy`] is set;
//! the worker's answer is shown only if it is for the latest request.
//!
//! `icons` is the cache of fetched icon files (`icons.rs`); it grows once per batch of
//! arrivals, and a batch holding icons the diagram asked for re-renders it. `theme` is the
//! theme picker's choice, drawn over the text's own theme (`None`: as the text says).
//! `config` is the document's Mermaid configuration as a share link carries it (JSON;
//! mermaid.live's `mermaid` field), drawn *under* the text's own (`site`).

use std::sync::Arc;

use coral_core::config::{Config, ThemeName};
use coral_core::highlight::{Token, drawn_key, highlight, shift_span};
use coral_core::share::{self, Extra, LinkError};
use coral_core::transfer;
use coral_core::{Diagnostic, Drawing, LineIndex, Previous, RenderOptions, Severity, Span};
use coral_editor::units::{byte_of_unit, diff};
use leptos::html::Textarea;
use leptos::prelude::*;

use coral_editor::Selection;
use coral_editor::documents::Library;
use coral_editor::history::History;

use crate::components::notice::{Notice, NoticeKind, notify};
use crate::icons::{IconCache, Icons};
use crate::offload::{Arrival, Offload, Request};
use crate::page::Page;
use crate::{examples, storage, textpos};

/// One diagnostic, ready for the list: positions already converted for people
/// (1-based line and column) and for the text area (UTF-16 selection).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub line: u32,
    pub col: u32,
    /// Where it is, in bytes of the text (for squiggles and the preview's marks).
    pub span: coral_core::Span,
    /// `start..end` in UTF-16 code units, for `setSelectionRange`.
    pub select: (u32, u32),
}

/// Highlighting tokens and the text they were worked out for.
#[derive(Clone, Debug)]
pub struct Highlighted {
    pub text: Arc<str>,
    pub tokens: Arc<Vec<Token>>,
    /// Whether `tokens` were made for this very text; `false` while a large text waits for
    /// its highlighting (see `AppState::new`) and shows the last tokens moved through the
    /// edit.
    pub exact: bool,
}

impl Default for Highlighted {
    fn default() -> Highlighted {
        Highlighted { text: Arc::from(""), tokens: Arc::new(Vec::new()), exact: true }
    }
}

/// Equal when made for the same text (by pointer, then content) with the same tokens (by
/// pointer): comparing token lists would cost what making them does.
impl PartialEq for Highlighted {
    fn eq(&self, other: &Self) -> bool {
        self.exact == other.exact && Arc::ptr_eq(&self.tokens, &other.tokens) && self.text == other.text
    }
}

impl Highlighted {
    /// These tokens carried to `text` through the edit between the two texts: what lies
    /// after it moves, what it replaced is left plain.
    fn moved_to(&self, text: &str) -> Highlighted {
        let edit = diff(&self.text, text);
        let tokens = self
            .tokens
            .iter()
            .map(|t| Token { kind: t.kind, span: shift_span(t.span, edit) })
            .filter(|t| t.span.start < t.span.end)
            .collect();
        Highlighted { text: Arc::from(text), tokens: Arc::new(tokens), exact: false }
    }
}

/// A [`Drawing`] shared between the render and the preview, with the text its spans are
/// bytes of. Two are equal only when they are the same run's (comparing models would cost
/// as much as drawing them).
///
/// While the user edits what is not drawn (comments, blank space) or waits for the layout
/// worker, the drawing stays the one made for an older text: its spans are carried to the
/// current text when they are used ([`SharedDrawing::span_in`], [`SharedDrawing::source_span`]),
/// not by copying a 2,000-node model on every keystroke.
#[derive(Clone, Debug)]
pub struct SharedDrawing(pub Arc<Drawing>, Arc<DrawnText>);

/// The text a drawing was made from, and where its diagram starts in it.
#[derive(Debug)]
struct DrawnText {
    text: Arc<str>,
    /// The diagram's offset in `text` (the Markdown block's, else 0).
    offset: usize,
}

impl PartialEq for SharedDrawing {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedDrawing {
    fn new(drawing: Drawing, text: Arc<str>) -> SharedDrawing {
        let offset = coral_core::markdown::diagram_source(&text, 0).map_or(0, |b| b.offset);
        SharedDrawing(Arc::new(drawing), Arc::new(DrawnText { text, offset }))
    }

    /// The text the drawing's spans are bytes of (its diagram from [`SharedDrawing::offset`]).
    pub fn source(&self) -> &str {
        &self.1.text
    }

    /// Where the diagram starts in [`SharedDrawing::source`].
    pub fn offset(&self) -> usize {
        self.1.offset
    }

    /// A span of the drawing's model (bytes of its diagram) as bytes of `text`, the
    /// current text: moved through the edit between the two.
    pub fn span_in(&self, span: Span, text: &str) -> Span {
        let span = Span::new(span.start as usize + self.offset(), span.end as usize + self.offset());
        if *self.1.text == *text { span } else { shift_span(span, diff(&self.1.text, text)) }
    }

    /// A span of `text`, the current text, as bytes of the drawing's diagram (what lies in
    /// text the drawing has not seen collapses to where that text was inserted); `None`
    /// when it lies before the diagram.
    pub fn source_span(&self, span: Span, text: &str) -> Option<Span> {
        let back = |p: usize, (start, old_end, new_end): (usize, usize, usize)| {
            if p <= start {
                p
            } else if p >= new_end {
                p - new_end + old_end
            } else {
                start
            }
        };
        let (a, b) = if *self.1.text == *text {
            (span.start as usize, span.end as usize)
        } else {
            let edit = diff(&self.1.text, text);
            (back(span.start as usize, edit), back(span.end as usize, edit))
        };
        let offset = self.offset();
        (a >= offset).then(|| Span::new(a - offset, b.max(a) - offset))
    }
}

/// One run of the core pipeline over the current text.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// `None` when there is nothing to draw (an empty SVG counts as nothing).
    pub svg: Option<Arc<str>>,
    /// The model and layout the SVG was written from.
    pub drawing: Option<SharedDrawing>,
    pub problems: Vec<Problem>,
    pub errors: usize,
    pub warnings: usize,
    /// Wall time of `coral_core::render`, in milliseconds (in the worker, for a drawing
    /// it made).
    pub millis: f64,
    /// For a drawing the worker made: the page's time to read the text again and decode
    /// the scene ([`Rendered::received`]); 0 for one made here.
    pub handoff_millis: f64,
    /// The diagram's title, for export file names.
    pub title: Option<String>,
    /// The text this was rendered for (spans are bytes of it), and its diagnostics.
    pub text: Arc<str>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether this run reused the previous drawing, the edit having changed nothing
    /// drawn (whitespace, comments): only spans were moved.
    pub reused: bool,
}

/// The layout hint ([`coral_core::RenderOptions::previous`]) each recent text was drawn
/// with, newest last.
#[derive(Default)]
struct Hints(std::collections::VecDeque<(Arc<str>, Option<Arc<Previous>>)>);

/// Texts [`Hints`] remembers: enough for a run of undos.
const HINTS_KEPT: usize = 64;

impl Hints {
    fn of(&self, text: &str) -> Option<Option<Arc<Previous>>> {
        self.0.iter().rev().find(|(t, _)| &**t == text).map(|(_, p)| p.clone())
    }

    fn remember(&mut self, text: Arc<str>, previous: Option<Arc<Previous>>) {
        self.0.retain(|(t, _)| *t != text);
        if self.0.len() == HINTS_KEPT {
            self.0.pop_front();
        }
        self.0.push_back((text, previous));
    }

    /// The hint the latest of the texts was drawn with.
    fn latest(&self) -> Option<(Arc<str>, Option<Arc<Previous>>)> {
        self.0.back().cloned()
    }
}

/// Compared by pointer where a field is large (the SVG, the text), so a memo over a
/// 1.5 MB drawing does not compare it byte by byte on every change; two runs that made
/// equal SVGs separately count as different, which only costs the preview a look.
impl PartialEq for Rendered {
    fn eq(&self, other: &Self) -> bool {
        same_arc(&self.svg, &other.svg)
            && self.drawing == other.drawing
            && Arc::ptr_eq(&self.text, &other.text)
            && self.problems == other.problems
            && self.errors == other.errors
            && self.warnings == other.warnings
            && self.millis == other.millis
            && self.handoff_millis == other.handoff_millis
            && self.title == other.title
            && self.diagnostics == other.diagnostics
            && self.reused == other.reused
    }
}

/// Whether two optional shared strings are the same allocation (or both absent).
fn same_arc(a: &Option<Arc<str>>, b: &Option<Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl Rendered {
    /// Renders `text`, drawing the icons `icons` holds (the others as pending).
    pub fn of(text: &str, icons: &IconCache, options: &RenderOptions) -> Rendered {
        let started = now_ms();
        let (out, drawing) = coral_core::render_drawing(text, icons, options);
        Rendered::from_run(text, out, drawing, now_ms() - started)
    }

    /// The layout worker's answer for `text`: its SVG, and the drawing made of the text
    /// read again here and the scene the worker sent ([`coral_core::transfer::receive`]).
    /// `millis` is the worker's pipeline time.
    pub fn received(text: &str, options: &RenderOptions, arrival: &Arrival) -> Rendered {
        let started = now_ms();
        let (out, drawing) = transfer::receive(text, options, arrival.svg.clone(), arrival.scene.as_deref());
        let handoff_millis = now_ms() - started;
        Rendered { handoff_millis, ..Rendered::from_run(text, out, drawing, arrival.millis) }
    }

    fn from_run(text: &str, out: coral_core::Output, drawing: Option<Drawing>, millis: f64) -> Rendered {
        let problems = problems_of(text, &out.diagnostics);
        let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
        let svg: Option<Arc<str>> = out.svg.filter(|s| !s.trim().is_empty()).map(Arc::from);
        Rendered {
            drawing: svg.as_ref().and(drawing).map(|d| SharedDrawing::new(d, Arc::from(text))),
            svg,
            title: out.title,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            problems,
            millis,
            handoff_millis: 0.0,
            text: Arc::from(text),
            diagnostics: out.diagnostics,
            reused: false,
        }
    }

    /// Where this drawing has its nodes, for the next drawing to keep their order.
    pub fn previous(&self) -> Option<Previous> {
        self.drawing.as_ref().map(|d| Previous::of(&d.0))
    }

    /// This render carried over to `text`, which differs from the one it was made for
    /// only in what is not drawn ([`coral_core::highlight::drawn_key`]) or is waiting for
    /// the layout worker: the same SVG and drawing, the diagnostics' spans moved through
    /// the edit.
    pub fn moved_to(&self, text: &str) -> Rendered {
        let edit = diff(&self.text, text);
        let shift = |s: Span| shift_span(s, edit);
        let diagnostics: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .cloned()
            .map(|mut d| {
                d.span = shift(d.span);
                for l in &mut d.labels {
                    l.span = shift(l.span);
                }
                d
            })
            .collect();
        Rendered {
            svg: self.svg.clone(),
            // The same drawing: its spans are carried to the new text where they are used.
            drawing: self.drawing.clone(),
            problems: problems_of(text, &diagnostics),
            errors: self.errors,
            warnings: self.warnings,
            millis: self.millis,
            handoff_millis: self.handoff_millis,
            title: self.title.clone(),
            text: Arc::from(text),
            diagnostics,
            reused: true,
        }
    }

    /// Before the first render.
    pub fn nothing() -> Rendered {
        Rendered {
            svg: None,
            drawing: None,
            problems: Vec::new(),
            errors: 0,
            warnings: 0,
            millis: 0.0,
            handoff_millis: 0.0,
            title: None,
            text: Arc::from(""),
            diagnostics: Vec::new(),
            reused: false,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// The diagnostics of `text` as the list shows them.
fn problems_of(text: &str, diagnostics: &[Diagnostic]) -> Vec<Problem> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let bounds: Vec<u32> = diagnostics.iter().flat_map(|d| [d.span.start, d.span.end]).collect();
    let utf16 = textpos::utf16_offsets(text, &bounds);
    diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let at = index.line_col(text, d.span.start);
            Problem {
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
                help: d.help.clone(),
                line: at.line,
                col: at.col,
                span: d.span,
                select: (utf16[2 * i], utf16[2 * i + 1]),
            }
        })
        .collect()
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Milliseconds since the epoch: times stored across reloads (`now_ms` restarts with the page).
pub fn wall_ms() -> f64 {
    js_sys::Date::now()
}

/// Why the preview shows what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// The diagram of the current text (or nothing, when there is nothing to draw).
    Current,
    /// The text has errors; this is the last diagram that had none.
    LastValid,
    /// The text has errors and nothing valid was drawn before: what the core could draw.
    Partial,
}

/// What the preview pane displays.
#[derive(Clone, Debug)]
pub struct Preview {
    pub svg: Option<Arc<str>>,
    /// The drawing behind `svg` when it is the current text's (what may be dragged);
    /// `None` while the last valid diagram stands in for a broken text.
    pub drawing: Option<SharedDrawing>,
    pub freshness: Freshness,
    /// The last SVG that came with no error, carried from one run to the next.
    pub last_valid: Option<Arc<str>>,
}

/// Compared by pointer, as [`Rendered`] is.
impl PartialEq for Preview {
    fn eq(&self, other: &Self) -> bool {
        same_arc(&self.svg, &other.svg)
            && self.drawing == other.drawing
            && self.freshness == other.freshness
            && same_arc(&self.last_valid, &other.last_valid)
    }
}

/// The next preview, from the previous one and a new render. Pure, so the "last good
/// diagram stays visible" rule lives in one place.
pub fn next_preview(prev: Option<&Preview>, r: &Rendered) -> Preview {
    let prev_valid = prev.and_then(|p| p.last_valid.clone());
    if !r.has_errors() {
        // Text without a diagram (say, while the editor is empty) keeps the old one as
        // the fallback for the next error, but does not show it.
        Preview {
            svg: r.svg.clone(),
            drawing: r.drawing.clone(),
            freshness: Freshness::Current,
            last_valid: r.svg.clone().or(prev_valid),
        }
    } else if let Some(valid) = prev_valid {
        Preview { svg: Some(valid.clone()), drawing: None, freshness: Freshness::LastValid, last_valid: Some(valid) }
    } else {
        let freshness = if r.svg.is_some() { Freshness::Partial } else { Freshness::Current };
        Preview { svg: r.svg.clone(), drawing: r.drawing.clone(), freshness, last_valid: None }
    }
}

/// Width of the text pane on start, in percent.
pub const DEFAULT_SPLIT: f64 = 40.0;

/// Every signal the app shares. `Copy`, so closures capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The editor text as of the last animation frame.
    pub text: RwSignal<String>,
    /// The text's highlighting tokens (the editor's layer colours by them).
    pub tokens: Memo<Highlighted>,
    pub rendered: Memo<Rendered>,
    pub preview: Memo<Preview>,
    /// The `<textarea id="editor">`, for the components that move its caret or replace
    /// its text (examples menu, diagnostics list).
    pub editor: NodeRef<Textarea>,
    /// Node and edge counts of the SVG on screen, read from the DOM after insertion.
    pub counts: RwSignal<Option<(usize, usize)>>,
    /// Width of the text pane, in percent of the window.
    pub split: RwSignal<f64>,
    /// Set once the view is in the DOM; until then nothing is rendered.
    pub mounted: RwSignal<bool>,
    /// Fetched icons, and what was asked for.
    pub icons: Icons,
    /// The layout worker, which draws large diagrams.
    pub offload: Offload,
    /// Whether the icon finder dialog is open.
    pub finder_open: RwSignal<bool>,
    /// The theme picker's choice: draw with this theme instead of the text's own
    /// (`None`: as the diagram says). Persisted; never written into the text by itself.
    pub theme: RwSignal<Option<ThemeName>>,
    /// The document's Mermaid configuration (JSON), from a share link or stored with the
    /// text; [`share::DEFAULT_CONFIG`] when nobody set one.
    pub config: RwSignal<String>,
    /// Fields of the link's state that Coral keeps without reading (mermaid.live's view
    /// settings), written back into every link.
    pub extra: StoredValue<Extra>,
    /// Where the page was opened and how (route, root, query).
    pub page: StoredValue<Page>,
    /// What the address opened with, until the app has applied it.
    pub opened: StoredValue<Option<Opened>>,
    /// A message in the problems area (a broken link, a file that would not open, a copy).
    pub notice: RwSignal<Option<Notice>>,
    /// A Markdown text with several mermaid blocks, waiting for the user to pick one.
    pub picker: RwSignal<Option<Picker>>,
    /// The editor's selection, in bytes of its text (`start <= end`), as of the last
    /// selection change: what the current line, the bracket marks, completion and the
    /// preview's "under the cursor" mark follow.
    pub caret: RwSignal<Selection>,
    /// The editor's own undo history (see `coral_editor::history`).
    pub history: StoredValue<History>,
    /// The text area's value as the history last saw it, to diff the next input against.
    pub shadow: StoredValue<String>,
    /// A span to mark in the preview while the pointer is on its diagnostic.
    pub hovered: RwSignal<Option<coral_core::Span>>,
    /// Whether the editor soft-wraps long lines. Persisted.
    pub wrap: RwSignal<bool>,
    /// Whether the keyboard shortcuts overlay is open.
    pub help_open: RwSignal<bool>,
    /// The recent documents, the open one among them (empty in a view).
    pub library: RwSignal<Library>,
    /// The whole text was replaced (an example, a file, a link, another document): the
    /// next diagram drawn is fitted to the pane, however many ids it shares.
    pub fit_next: StoredValue<bool>,
    /// Whether a text sync is already scheduled for the next animation frame.
    frame_pending: StoredValue<bool>,
    /// Set by a keystroke: its change is drawn after the frame that shows it.
    typed: StoredValue<bool>,
}

/// What the page's address held.
#[derive(Clone, Debug)]
pub enum Opened {
    State(share::State),
    Broken(LinkError),
}

/// A Markdown text whose mermaid blocks the user chooses from.
#[derive(Clone, Debug, PartialEq)]
pub struct Picker {
    /// Where it came from: a file name, or `None` for a paste.
    pub file: Option<String>,
    pub text: String,
}

impl AppState {
    pub fn new() -> AppState {
        let page = Page::read();
        let read_only = page.mode.is_read_only();
        let opened = match share::State::decode(&page.fragment) {
            Some(Ok(s)) => Some(Opened::State(s)),
            Some(Err(e)) => Some(Opened::Broken(e)),
            None => None,
        };
        // A view shows the link's diagram with the embed parameters applied (`?code=`
        // alone is enough); the editor starts from the stored document and applies a
        // link afterwards as an undoable edit (see `share::apply_opened`), so following a
        // link never throws the user's own text away.
        let opened = if read_only {
            let base = match &opened {
                Some(Opened::State(s)) => Some(s.clone()),
                _ => None,
            };
            match (page.view.apply(base), opened) {
                (Some(s), _) => Some(Opened::State(s)),
                (None, broken) => broken,
            }
        } else if storage::load_fragment().is_some_and(|f| !f.is_empty() && f == page.fragment) {
            // The page's own link, found again on a reload: the stored text is as new or
            // newer (the address bar lags the last edit by a moment), so it stays.
            None
        } else {
            opened
        };
        let stored = || storage::load_text().unwrap_or_else(|| examples::default_example().text.to_string());
        let (initial, config, extra) = match (&opened, read_only) {
            (Some(Opened::State(s)), true) => (s.code.clone(), s.mermaid.clone(), s.extra.clone()),
            // A view of a broken link shows the message alone, not some other diagram.
            (Some(Opened::Broken(_)), true) => (String::new(), share::DEFAULT_CONFIG.to_string(), Extra::new()),
            _ => (stored(), storage::load_config().unwrap_or_else(|| share::DEFAULT_CONFIG.to_string()), Extra::new()),
        };
        let library =
            RwSignal::new(if read_only { Library::new("", 0.0) } else { storage::load_library(&initial, wall_ms()) });
        let shadow = StoredValue::new(initial.clone());
        let text = RwSignal::new(initial);
        let config = RwSignal::new(config);
        // `config` read as Coral's configuration; `None` for the default.
        let site = Memo::new(move |_| {
            config.with(|c| {
                let (site, _) = share::site_config(c);
                (site != Config::default()).then(|| Arc::new(site))
            })
        });
        let mounted = RwSignal::new(false);
        let icons = Icons::new(page.root.clone());
        // A view draws as its link says, never with this browser's picker choice.
        let theme = RwSignal::new(if read_only { None } else { storage::load_theme() });
        // The first render waits until the page is mounted: if the saved text makes the
        // core panic, the editor must already be on screen holding that text, so the
        // user can fix it (the panic hook keeps saving their edits) instead of reloading
        // into the same crash forever.
        // Icons never hold the first render up: it draws what the cache has (pending
        // placeholders for the rest), and the cache growing renders again.
        //
        // The pipeline runs only when something drawn changed: `key` is what of the text
        // can change the drawing, and `base` renders when it (or the theme, the site
        // configuration or the icons) changes. An edit of whitespace or comments only
        // moves the spans of the last run to the new text (`Rendered::moved_to`).
        //
        // Highlighting parses the whole text. A large one (what goes to the layout worker)
        // is highlighted after the frame is painted (`later`), and until then the layer
        // shows the last tokens moved through the edit; `exact` is the last text that was
        // highlighted, and what the drawn key (so the render) follows for a large text.
        let exact = RwSignal::new(Highlighted::default());
        let tokens = Memo::new(move |_| {
            text.with(|t| {
                if !crate::offload::is_large(t) {
                    return Highlighted { text: Arc::from(t.as_str()), tokens: Arc::new(highlight(t)), exact: true };
                }
                exact.with(|h| if *h.text == **t { h.clone() } else { h.moved_to(t) })
            })
        });
        let later = StoredValue::new(false);
        Effect::new(move |_| {
            if tokens.with(|h| h.exact) || later.get_value() {
                return;
            }
            later.set_value(true);
            // A timeout queued from an animation frame runs after that frame is painted.
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        later.set_value(false);
                        let t = text.with_untracked(|t| Arc::<str>::from(t.as_str()));
                        if exact.with_untracked(|h| h.text != t) {
                            exact.set(Highlighted { tokens: Arc::new(highlight(&t)), text: t, exact: true });
                        }
                    },
                    std::time::Duration::ZERO,
                );
            });
        });
        // The key of the text the tokens are exact for (the render is for that text).
        let key = Memo::new(move |_| {
            let of = |h: &Highlighted| drawn_key(&h.text, &h.tokens);
            tokens.with(|h| if h.exact { of(h) } else { exact.with(of) })
        });
        // The render follows the key when it is told to (`settled`): at once for the app's
        // own edits, and after the frame for a keystroke (`AppState::typed`), so the frame
        // of a keystroke shows the text and the drawing follows in the next one.
        let typed = StoredValue::new(false);
        let settled = RwSignal::new(0u64);
        let settle_later = StoredValue::new(false);
        Effect::new(move |_| {
            key.track();
            let later = typed.get_value() && !text.with_untracked(|t| crate::offload::is_large(t));
            typed.set_value(false);
            if !later {
                settled.update(|n| *n += 1);
            } else if !settle_later.get_value() {
                settle_later.set_value(true);
                request_animation_frame(move || {
                    set_timeout(
                        move || {
                            settle_later.set_value(false);
                            settled.update(|n| *n += 1);
                        },
                        std::time::Duration::ZERO,
                    );
                });
            }
        });
        let offload = Offload::new(page.root.clone(), icons);
        let generation = StoredValue::new(0u64);
        // The key (and icon count) last drawn: a settling that finds them the same draws
        // nothing new.
        let drawn = StoredValue::new(None::<(String, usize)>);
        let request = Memo::new(move |prev: Option<&Option<Request>>| {
            if !mounted.get() {
                return None;
            }
            settled.track();
            // The cache only grows: its size says whether icons arrived since.
            let icon_count = icons.cache.with(|c| c.entries().count());
            let (theme, site) = (theme.get(), site.get());
            let same_key = key.with_untracked(|k| drawn.with_value(|d| d.as_ref().is_some_and(|(d, _)| d == k)));
            if let Some(Some(p)) = prev
                && same_key
                && drawn.with_value(|d| d.as_ref().is_some_and(|(_, n)| *n == icon_count))
                && p.theme == theme
                && p.site == site
            {
                return Some(p.clone());
            }
            drawn.set_value(Some((key.get_untracked(), icon_count)));
            generation.update_value(|g| *g += 1);
            let exact_text = tokens.with_untracked(|h| h.exact.then(|| h.text.clone()));
            Some(Request {
                generation: generation.get_value(),
                text: exact_text.unwrap_or_else(|| exact.with_untracked(|h| h.text.clone())),
                theme,
                site,
                config: config.get_untracked(),
                previous: None,
            })
        });
        // Where the last drawing made had its nodes: the next one keeps their order where
        // that costs no crossings, so the diagram does not rearrange itself while it is
        // typed (kept across renders that draw nothing, such as a line half typed). A text
        // drawn recently (undo, redo, a reload) is drawn after the same drawing as then,
        // so it comes back exactly as it was.
        let last_drawing: StoredValue<Option<Arc<Previous>>> = StoredValue::new(None);
        let hints = StoredValue::new(Hints::default());
        if let Some((text, previous)) = storage::load_drawn_after() {
            hints.update_value(|h| h.remember(Arc::from(text.as_str()), Some(Arc::new(previous))));
        }
        let hint_for =
            move |text: &Arc<str>| hints.with_value(|h| h.of(text)).unwrap_or_else(|| last_drawing.get_value());
        if !read_only {
            // Saved once, as the page goes away (a reload, a closed tab): not per keystroke.
            let _ = window_event_listener(leptos::ev::pagehide, move |_| {
                if let Some((text, previous)) = hints.with_value(Hints::latest) {
                    storage::save_drawn_after(&text, previous.as_deref());
                }
            });
        }
        let base = Memo::new(move |prev: Option<&Rendered>| {
            let Some(r) = request.get() else { return Rendered::nothing() };
            let previous = hint_for(&r.text);
            hints.update_value(|h| h.remember(r.text.clone(), previous.clone()));
            let options = RenderOptions { theme: r.theme, site: r.site.as_deref(), previous: previous.as_deref() };
            let made = if !offload.takes(&r) && !offload.failed_on(r.generation) {
                icons.cache.with_untracked(|c| Rendered::of(&r.text, c, &options))
            } else {
                // The worker's answer to this very request, else what was drawn before.
                offload.arrived.with(|a| match a {
                    Some(a) if a.generation == r.generation => Rendered::received(&r.text, &options, a),
                    _ => prev.cloned().unwrap_or_else(Rendered::nothing),
                })
            };
            // Worked out only for a new drawing (a 2,000-node one takes a fraction of a ms).
            if made.drawing.is_some()
                && made.drawing != prev.and_then(|p| p.drawing.clone())
                && let Some(p) = made.previous()
            {
                last_drawing.set_value(Some(Arc::new(p)));
            }
            made
        });
        // Sends large requests to the worker; a small one cancels what waits there.
        Effect::new(move |_| {
            let Some(r) = request.get() else { return };
            if untrack(|| offload.takes(&r)) {
                offload.ask(&Request { previous: hint_for(&r.text), ..r });
            } else {
                offload.forget(r.generation);
            }
        });
        let rendered = Memo::new(move |_| {
            base.with(|b| {
                text.with(|t| if *b.text == **t || !mounted.get_untracked() { b.clone() } else { b.moved_to(t) })
            })
        });
        // A memo that sees its previous value: it is read on every change (the preview
        // effect and the status depend on it), so no render is skipped between two reads.
        let preview = Memo::new(move |prev: Option<&Preview>| rendered.with(|r| next_preview(prev, r)));
        AppState {
            text,
            tokens,
            rendered,
            preview,
            editor: NodeRef::new(),
            counts: RwSignal::new(None),
            mounted,
            icons,
            offload,
            finder_open: RwSignal::new(false),
            theme,
            split: RwSignal::new(DEFAULT_SPLIT),
            config,
            extra: StoredValue::new(extra),
            page: StoredValue::new(page),
            opened: StoredValue::new(opened),
            notice: RwSignal::new(None),
            picker: RwSignal::new(None),
            caret: RwSignal::new(Selection::default()),
            history: StoredValue::new(History::new()),
            shadow,
            hovered: RwSignal::new(None),
            wrap: RwSignal::new(!read_only && storage::load_wrap()),
            help_open: RwSignal::new(false),
            library,
            frame_pending: StoredValue::new(false),
            fit_next: StoredValue::new(false),
            typed,
        }
    }

    /// Marks the next text change as typed: the frame shows the text, the drawing follows
    /// right after it (for a small text; a large one is drawn by the worker anyway).
    pub fn typed(self) {
        self.typed.set_value(true);
    }

    /// The next text change is the app's own edit, drawn at once.
    pub fn untyped(self) {
        self.typed.set_value(false);
    }

    /// Called on every `input` event: several inputs in one frame (key repeat, IME,
    /// paste + auto-indent) cost one render, done just after the next paint.
    pub fn schedule_sync(self) {
        if self.frame_pending.get_value() {
            return;
        }
        self.frame_pending.set_value(true);
        request_animation_frame(move || {
            self.frame_pending.set_value(false);
            self.sync_now();
        });
    }

    /// Copies the text area's value into [`AppState::text`] if it changed.
    /// Copies the text area's value into [`AppState::text`] if it changed, and its
    /// selection into [`AppState::caret`]: both in one go, so what follows them (the
    /// layer, the preview's marks) is worked out once per frame, for the new text.
    pub fn sync_now(self) {
        if let Some(area) = self.editor.get_untracked() {
            let value = area.value();
            let end = area.selection_end().ok().flatten().unwrap_or(0);
            let start = area.selection_start().ok().flatten().unwrap_or(end);
            let caret = Selection::new(byte_of_unit(&value, start), byte_of_unit(&value, end));
            if self.caret.get_untracked() != caret {
                self.caret.set(caret);
            }
            if self.text.with_untracked(|t| *t != value) {
                self.text.set(value);
            }
        }
    }
}

pub fn provide_app_state() -> AppState {
    let state = AppState::new();
    provide_context(state);
    report_worker_panics(state);
    state
}

/// A panic in the layout worker, told as the main app's panic hook tells one (`panic.rs`),
/// except that the page lives on: the text is saved, the last drawing stays, and the next
/// edit is drawn by a fresh worker.
fn report_worker_panics(state: AppState) {
    Effect::new(move |_| {
        let Some((_, message)) = state.offload.crash.get() else { return };
        let saved = state.text.with_untracked(|t| storage::save_text(t));
        let safe = if saved {
            "Your text is safe (in the editor and saved in this browser)"
        } else {
            "Your text is still in the editor"
        };
        notify(
            state,
            NoticeKind::Error,
            format!(
                "Coral hit an internal error while laying out this diagram: {message}. {safe}; the preview shows \
                 the last drawing, and your next edit is drawn again."
            ),
        );
    });
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
