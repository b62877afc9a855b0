//! The text pane: a native `<textarea id="editor">` over a highlighted layer.
//!
//! The text area stays the input surface — IME, dead keys, paste, drag-and-drop of
//! text, native selection and spellcheck-off behave as in any text area, and tools read
//! its `value` — but its text is transparent (the caret and the selection are not), and
//! what shows through is the layer under it ([`code_layer`](super::code_layer)): the same
//! text, coloured by the core's tokens, with line numbers, squiggles, the current line
//! and the matched bracket. Both use one font and one set of paddings, and the layer
//! follows the text area's scroll position.
//!
//! Every change to the text, typed or made by the app, goes into the editor's own undo
//! history (`coral_editor::history`): typing is recorded on `input` (diffed against the
//! value the history last saw), the app's edits through [`commit`], which sets the text
//! directly. That is what lets an example load in well under a millisecond (the
//! browser's `execCommand("insertText")`, the only edit its own undo stack records,
//! costs Chrome hundreds of milliseconds on a long text) and a drag in the preview be
//! undone between keystrokes. Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl+Y and the context menu's
//! Undo/Redo (`beforeinput` `historyUndo`/`historyRedo`) all go through it.
//!
//! Keys: Tab / Shift+Tab indent / outdent (Escape first, then Tab or Shift+Tab, leaves
//! the editor, so keyboard users are never trapped); Ctrl/⌘+/ toggles `%%` comments;
//! Ctrl/⌘+F find, Ctrl/⌘+H replace; Alt+Z soft wrap; Ctrl+Space completion. While the
//! completion popup is open, ↑/↓ choose, Tab or Enter accept, Escape dismisses.

use coral_core::complete::{Completion, complete};
use coral_editor::history::Cause;
use coral_editor::units::{byte_of_unit, diff, unit_of_byte};
use coral_editor::{Edit, Selection, ops};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent, MouseEvent};

use crate::components::code_layer::{CodeLayer, Viewport, caret_rect};
use crate::components::completion::{CompletionPopup, Popup};
use crate::components::find_bar::{FindBar, FindState, matches_of};
use crate::state::{AppState, now_ms, use_app};
use crate::{files, icon_text, storage};

#[component]
pub fn Editor() -> impl IntoView {
    let state = use_app();
    // The text area is uncontrolled: it gets its first value once, then owns it.
    let initial = state.text.get_untracked();
    let layer = NodeRef::<Div>::new();
    let find = RwSignal::new(FindState::default());
    let matches = matches_of(find);
    let popup = RwSignal::new(None::<Popup>);
    // The selection just before an input, for the history.
    let before = StoredValue::new(Selection::default());
    // Escape was the last key: the next Tab / Shift+Tab leaves the editor.
    let escaped = StoredValue::new(false);
    // While an input method composes (`compositionstart` … `compositionend`), the
    // selection before it: the composition is one step of the history, recorded at its end,
    // not one per intermediate input (kana, candidate, …).
    let composing = StoredValue::new(None::<Selection>);
    let tooltip = RwSignal::new(None::<(String, f64, f64)>);
    // Where the text area is scrolled: the layer makes rows for what is in view.
    let viewport = RwSignal::new(Viewport::default());
    state.editor.on_load(move |area| {
        let area: HtmlTextAreaElement = area;
        measure_viewport(&area, viewport);
        let target = area.clone();
        let resized = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || measure_viewport(&target, viewport));
        if let Ok(observer) = web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref()) {
            observer.observe(&area);
        }
        // The text area lives as long as the page; so does its observer.
        resized.forget();
    });

    Effect::new(move |_| storage::save_wrap(state.wrap.get()));
    // The popup closes when the caret leaves the word it is for (a click, an arrow key,
    // an undo); typing on keeps it until the next offer replaces it.
    Effect::new(move |_| {
        let caret = state.caret.get();
        let away = popup.with_untracked(|p| {
            p.as_ref().is_some_and(|p| {
                let s = p.completion.span;
                !caret.is_empty() || caret.end < s.start as usize || caret.end > s.end as usize + 8
            })
        });
        if away {
            popup.set(None);
        }
    });

    // The selection changes without an event on the text area itself (keys, clicks,
    // drags of the selection); the document's `selectionchange` sees them all.
    // The listener lives as long as the page, like the editor.
    let on_selection = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if document().active_element().is_some_and(|a| a.id() == "editor") {
            read_caret(state);
        }
    });
    let _ = document().add_event_listener_with_callback("selectionchange", on_selection.as_ref().unchecked_ref());
    on_selection.forget();

    let on_beforeinput = move |ev: web_sys::InputEvent| {
        match input_type(&ev).as_str() {
            // The context menu's Undo / Redo: ours, not the browser's (which knows none
            // of the app's edits).
            "historyUndo" => {
                ev.prevent_default();
                undo(state);
            }
            "historyRedo" => {
                ev.prevent_default();
                redo(state);
            }
            _ => {
                if let Some(sel) = selection_of(state) {
                    before.set_value(sel);
                }
            }
        }
    };

    // The text area's value as one step of the history (from the selection `from`), then
    // the caret follows with the text, in the next frame (`AppState::sync_now`).
    let record = move |from: Selection, cause: Cause| {
        let Some(area) = state.editor.get_untracked() else { return };
        let value = area.value();
        let after = selection_in(&area, &value);
        state.shadow.update_value(|old| {
            state.history.update_value(|h| h.record(old, &value, from, after, cause, now_ms()));
            *old = value;
        });
        state.schedule_sync();
    };

    let on_input = move |ev: leptos::ev::Event| {
        state.typed();
        if composing.with_value(Option::is_some) {
            // The text follows the composition; the history waits for its end.
            state.schedule_sync();
            return;
        }
        let cause = match input_type(&ev).as_str() {
            "insertText" | "insertCompositionText" => Cause::Typing,
            "deleteContentBackward" | "deleteContentForward" => Cause::Deleting,
            _ => Cause::Other,
        };
        record(before.get_value(), cause);
        // Completion follows typing; anything else closes it. It is worked out after the
        // frame is painted (a timeout queued from the next animation frame), so it never
        // delays the keystroke itself.
        if cause == Cause::Typing || (cause == Cause::Deleting && popup.with_untracked(Option::is_some)) {
            request_animation_frame(move || {
                set_timeout(move || offer_completion(state, popup, layer), std::time::Duration::ZERO);
            });
        } else if popup.with_untracked(Option::is_some) {
            popup.set(None);
        }
    };

    let on_keydown = move |ev: KeyboardEvent| {
        let key = ev.key();
        let command = ev.ctrl_key() || ev.meta_key();
        let was_escaped = escaped.get_value();
        escaped.set_value(key == "Escape");
        // The completion popup has the keys it needs first.
        if popup.with_untracked(Option::is_some) {
            match key.as_str() {
                "ArrowDown" | "ArrowUp" => {
                    ev.prevent_default();
                    let down = key == "ArrowDown";
                    popup.update(|p| {
                        if let Some(p) = p {
                            let n = p.completion.items.len();
                            p.active = if down { (p.active + 1) % n } else { (p.active + n - 1) % n };
                        }
                    });
                    return;
                }
                // Only what fits the text as it is now is accepted (the guard does the
                // accepting); a popup left behind by the text moving on lets the key do
                // what it always does.
                "Tab" | "Enter" if !ev.shift_key() && !command && accept_completion(state, popup, None) => {
                    ev.prevent_default();
                    return;
                }
                "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp" | "PageDown" => popup.set(None),
                "Escape" => {
                    ev.prevent_default();
                    popup.set(None);
                    // This Escape dismissed the popup; it does not also arm leaving.
                    escaped.set_value(false);
                    return;
                }
                _ => {}
            }
        }
        let lower = key.to_ascii_lowercase();
        match (lower.as_str(), command, ev.shift_key(), ev.alt_key()) {
            ("tab", false, shift, false) if !was_escaped => {
                ev.prevent_default();
                let Some(sel) = selection_of(state) else { return };
                let text = state.shadow.get_value();
                let edit = if shift { ops::outdent(&text, sel) } else { ops::indent(&text, sel) };
                commit(state, &edit, CommitOptions::default());
            }
            ("/", true, _, _) => {
                ev.prevent_default();
                let Some(sel) = selection_of(state) else { return };
                let text = state.shadow.get_value();
                commit(state, &ops::toggle_comment(&text, sel), CommitOptions::default());
            }
            ("z", true, false, false) => {
                ev.prevent_default();
                undo(state);
            }
            ("z", true, true, false) | ("y", true, false, false) => {
                ev.prevent_default();
                redo(state);
            }
            ("f", true, false, false) | ("h", true, false, false) => {
                ev.prevent_default();
                let selected = selection_of(state)
                    .filter(|s| !s.is_empty())
                    .and_then(|s| state.shadow.with_value(|t| t.get(s.start..s.end).map(str::to_string)))
                    .filter(|s| !s.contains('\n'));
                find.update(|f| {
                    f.open = true;
                    f.replace = lower == "h";
                    if let Some(q) = selected {
                        f.query = q;
                    }
                    f.focus_tick += 1;
                });
            }
            ("z", false, false, true) => {
                ev.prevent_default();
                state.wrap.update(|w| *w = !*w);
            }
            (" ", true, false, false) => {
                ev.prevent_default();
                offer_completion(state, popup, layer);
            }
            ("escape", ..) if find.with_untracked(|f| f.open) => {
                find.update(|f| f.open = false);
            }
            _ => {}
        }
    };

    let on_scroll = move |_| {
        if let (Some(area), Some(l)) = (state.editor.get_untracked(), layer.get_untracked()) {
            let left = area.scroll_left();
            if left > 0 {
                // The rows made may all be shorter than the longest line: the layer must be
                // as wide as the text area's content to scroll as far.
                let width = format!("{}px", area.scroll_width());
                let style = web_sys::HtmlElement::style(&l);
                if style.get_property_value("--rows-min-width").ok().as_deref() != Some(width.as_str()) {
                    let _ = style.set_property("--rows-min-width", &width);
                }
            }
            l.set_scroll_top(area.scroll_top());
            l.set_scroll_left(left);
            let top = area.scroll_top() as f64;
            if viewport.with_untracked(|v| v.scroll_top != top) {
                viewport.update(|v| v.scroll_top = top);
            }
        }
        if popup.with_untracked(Option::is_some) {
            popup.set(None);
        }
    };

    // A diagnostic's message when the pointer rests on its squiggle. The layer is under
    // the text area, so what is under the pointer is asked of the document.
    let on_mousemove = move |ev: MouseEvent| {
        if ev.buttons() != 0 || state.rendered.with_untracked(|r| r.problems.is_empty()) {
            if tooltip.with_untracked(Option::is_some) {
                tooltip.set(None);
            }
            return;
        }
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        let hits = document().elements_from_point(x as f32, y as f32);
        let note = hits.iter().find_map(|h| {
            let el = h.dyn_into::<web_sys::Element>().ok()?;
            el.get_attribute("data-note")
        });
        match note {
            Some(n) => tooltip.set(Some((n, x, y))),
            None if tooltip.with_untracked(Option::is_some) => tooltip.set(None),
            None => {}
        }
    };

    view! {
        <div class="editor" class:wrap=move || state.wrap.get()>
            <FindBar find=find matches=matches />
            <div class="code">
                <CodeLayer layer=layer find=find matches=matches viewport=viewport />
                <textarea
                    id="editor"
                    node_ref=state.editor
                    prop:value=initial
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap=move || if state.wrap.get() { "soft" } else { "off" }
                    aria-label="Diagram source (Mermaid, or Markdown with a mermaid block). Escape, then Tab, leaves the editor."
                    aria-keyshortcuts="Control+F Control+H Control+/ Control+Z Control+Shift+Z Alt+Z"
                    // Screen readers announce the completion the arrows move to.
                    aria-autocomplete="list"
                    aria-controls=move || popup.with(|p| p.as_ref().map(|_| "completion"))
                    aria-activedescendant=move || popup.with(|p| p.as_ref().map(|p| format!("completion-{}", p.active)))
                    on:beforeinput=on_beforeinput
                    on:input=on_input
                    on:compositionstart=move |_| {
                        composing.set_value(Some(selection_of(state).unwrap_or_default()));
                        popup.set(None);
                    }
                    on:compositionend=move |_| {
                        if let Some(from) = composing.get_value() {
                            composing.set_value(None);
                            record(from, Cause::Typing);
                        }
                    }
                    on:keydown=on_keydown
                    on:paste=move |ev| {
                        files::intercept_paste(state, &ev);
                    }
                    on:scroll=on_scroll
                    on:mousemove=on_mousemove
                    on:mouseleave=move |_| tooltip.set(None)
                    on:blur=move |_| popup.set(None)
                    on:pointerdown=move |_| popup.set(None)
                ></textarea>
            </div>
            <div class="editor-tools">
                <button
                    id="wrap-toggle"
                    type="button"
                    class="tool"
                    class:active=move || state.wrap.get()
                    aria-pressed=move || if state.wrap.get() { "true" } else { "false" }
                    title="Soft wrap long lines (Alt+Z)"
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=move |_| state.wrap.update(|w| *w = !*w)
                >
                    "Wrap"
                </button>
                <button
                    id="find-toggle"
                    type="button"
                    class="tool"
                    title="Find and replace (Ctrl+F / ⌘F, Ctrl+H / ⌘H)"
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=move |_| find.update(|f| {
                        f.open = true;
                        f.focus_tick += 1;
                    })
                >
                    "Find"
                </button>
            </div>
            <CompletionPopup popup=popup on_accept=move |i| {
                accept_completion(state, popup, Some(i));
            } />
            {move || {
                tooltip
                    .get()
                    .map(|(note, x, y)| {
                        view! {
                            <div
                                id="editor-tooltip"
                                role="tooltip"
                                style:left=format!("{:.0}px", x + 12.0)
                                style:top=format!("{:.0}px", y + 16.0)
                            >
                                {note}
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// An input event's `inputType`; empty for a plain `Event("input")` that scripts dispatch
/// (the timing harness, other tools), which the binding's getter could not read.
fn input_type(ev: &web_sys::Event) -> String {
    js_sys::Reflect::get(ev, &wasm_bindgen::JsValue::from_str("inputType"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Works out what to offer at the caret and opens (or closes) the popup: after typing,
/// and on Ctrl+Space (the same rules; only the timing differs).
fn offer_completion(state: AppState, popup: RwSignal<Option<Popup>>, layer: NodeRef<Div>) {
    let Some(area) = state.editor.get_untracked() else { return };
    if document().active_element().is_none_or(|a| a.id() != "editor") {
        return;
    }
    let value = area.value();
    let sel = selection_in(&area, &value);
    if !sel.is_empty() {
        popup.set(None);
        return;
    }
    let Some(completion) = complete(&value, sel.end) else {
        popup.set(None);
        return;
    };
    let (line, col) = line_col16(&value, completion.span.start as usize);
    let at = layer.get_untracked().and_then(|l| caret_rect(&l, line, col));
    let (x, y) = at.unwrap_or((0.0, 0.0));
    let word = value[completion.span.range()].to_string();
    popup.set(Some(Popup { completion, word, active: 0, x, y }));
}

/// Replaces the word before the caret with the popup's active item (or item `index`),
/// and closes the popup; whether it did. What is offered is worked out again for the
/// text and caret as they are now (the popup may be a keystroke behind): the chosen
/// label when it is still offered, else the best item now.
fn accept_completion(state: AppState, popup: RwSignal<Option<Popup>>, index: Option<usize>) -> bool {
    let Some(p) = popup.get_untracked() else { return false };
    popup.set(None);
    let Some(chosen) = p.completion.items.get(index.unwrap_or(p.active)).map(|i| i.label.clone()) else { return false };
    let Some(sel) = selection_of(state).filter(|s| s.is_empty()) else { return false };
    let text = state.shadow.get_value();
    let Some(Completion { span, items }) = complete(&text, sel.end) else { return false };
    let Some(label) = items.iter().find(|i| i.label == chosen).or(items.first()).map(|i| i.label.clone()) else {
        return false;
    };
    let end = span.start as usize + label.len();
    let edit =
        Edit { start: span.start as usize, end: span.end as usize, insert: label, selection: Selection::caret(end) };
    commit(state, &edit, CommitOptions::default());
    true
}

/// 0-based line and UTF-16 column of byte `at`.
fn line_col16(text: &str, at: usize) -> (usize, u32) {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
    (line, text[line_start..at].encode_utf16().count() as u32)
}

/// Reads the text area's selection into [`AppState::caret`], with the next frame's sync.
pub fn read_caret(state: AppState) {
    state.schedule_sync();
}

/// The text area's selection, in bytes of its current value.
fn selection_of(state: AppState) -> Option<Selection> {
    let area = state.editor.get_untracked()?;
    Some(state.shadow.with_value(|t| selection_in(&area, t)))
}

fn selection_in(area: &HtmlTextAreaElement, text: &str) -> Selection {
    let end = area.selection_end().ok().flatten().unwrap_or(0);
    let start = area.selection_start().ok().flatten().unwrap_or(end);
    Selection::new(byte_of_unit(text, start), byte_of_unit(text, end))
}

/// How [`commit`] treats focus and scrolling.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommitOptions {
    /// Leave the keyboard focus where it is (a drag in the preview, the finder).
    pub keep_focus: bool,
    /// Put the caret at the start and scroll to the top (a whole new document).
    pub to_top: bool,
}

/// Applies `edit` to the text area as one step of the history, and renders now.
pub fn commit(state: AppState, edit: &Edit, options: CommitOptions) {
    let Some(area) = state.editor.get_untracked() else { return };
    // The app's own edits are drawn at once (a drop must not show the old drawing first).
    state.untyped();
    let old = area.value();
    if edit.end > old.len() || !old.is_char_boundary(edit.start) || !old.is_char_boundary(edit.end) {
        return;
    }
    let new = edit.apply(&old);
    let before = selection_in(&area, &old);
    set_area_text(&area, &old, &new, edit.selection, options);
    state.history.update_value(|h| h.record(&old, &new, before, edit.selection, Cause::Other, now_ms()));
    state.shadow.set_value(new);
    state.caret.set(edit.selection);
    state.sync_now();
}

/// Puts `new` into the text area (only the part that differs from `old`), selects
/// `selection` and keeps the scroll position, unless told to go to the top.
fn set_area_text(area: &HtmlTextAreaElement, old: &str, new: &str, selection: Selection, options: CommitOptions) {
    // Read only when kept: a read may force a layout of the page.
    let kept = (!options.to_top).then(|| (area.scroll_top(), area.scroll_left()));
    let (start, old_end, new_end) = diff(old, new);
    if start == 0 && old_end == old.len() {
        area.set_value(new);
    } else {
        let (s, e) = (unit_of_byte(old, start), unit_of_byte(old, old_end));
        let _ = area.set_range_text_with_start_and_end(&new[start..new_end], s, e);
    }
    let (s, e) = (unit_of_byte(new, selection.start), unit_of_byte(new, selection.end));
    if !options.keep_focus {
        let _ = area.focus();
    }
    let _ = area.set_selection_range(s, e);
    if let Some((scroll_top, scroll_left)) = kept {
        area.set_scroll_top(scroll_top);
        area.set_scroll_left(scroll_left);
    } else {
        // A load goes to the top in the next frame, before it is laid out: setting the
        // scroll position now forces Chrome to lay the whole new text out at once, and
        // the page again in the frame once the new drawing is in (5–9 ms more on seed
        // 004, docs/PERFORMANCE.md). Setting it before the text changes is not enough:
        // the new text puts the caret, and the scroll, at its end.
        let area = area.clone();
        request_animation_frame(move || {
            area.set_scroll_top(0);
            area.set_scroll_left(0);
        });
    }
}

/// Replaces the selection with `text`, as typing would (undoable); for text the user
/// chose to paste (a block of pasted Markdown).
pub fn insert_at_selection(state: AppState, text: &str) {
    let Some(sel) = selection_of(state) else { return };
    let end = sel.start + text.len();
    commit(
        state,
        &Edit { start: sel.start, end: sel.end, insert: text.to_string(), selection: Selection::caret(end) },
        CommitOptions::default(),
    );
}

/// Puts the icon name `name` at the caret, or over the icon name the caret (or the
/// selection's end) is on, as one undoable edit. The text area keeps its selection while
/// the finder has focus, so the caret is where the user left it.
pub fn insert_icon_name(state: AppState, name: &str) {
    let Some(sel) = selection_of(state) else { return };
    let text = state.shadow.get_value();
    let (start, end) = icon_text::icon_name_at(&text, sel.end).unwrap_or((sel.start, sel.end));
    let edit = Edit { start, end, insert: name.to_string(), selection: Selection::caret(start + name.len()) };
    commit(state, &edit, CommitOptions::default());
}

/// Replaces the whole text (an example, a file, a link): one step of the history, so
/// Ctrl+Z brings the old text back, and the diagram it draws is fitted to the pane. The value is set directly, which costs the browser
/// next to nothing, where `execCommand("insertText")` took hundreds of milliseconds.
pub fn replace_all(state: AppState, text: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    state.fit_next.set_value(true);
    let old = area.value();
    let edit = Edit { start: 0, end: old.len(), insert: text.to_string(), selection: Selection::caret(0) };
    commit(state, &edit, CommitOptions { keep_focus: false, to_top: true });
}

/// Puts another document into the editor: its text, the caret at the start, and an undo
/// history of its own (the one before belongs to the document left, which was saved).
pub fn load_document(state: AppState, text: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    state.untyped();
    state.fit_next.set_value(true);
    let old = area.value();
    set_area_text(&area, &old, text, Selection::caret(0), CommitOptions { keep_focus: false, to_top: true });
    state.history.set_value(coral_editor::history::History::new());
    state.shadow.set_value(text.to_string());
    state.caret.set(Selection::caret(0));
    state.sync_now();
}

/// Changes the text to `text` as one undoable edit of only the part that differs (a
/// dragged element's position), leaving the editor's scroll position, its caret (moved
/// with the text after the edit) and the keyboard focus where they were.
pub fn apply_edit(state: AppState, text: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    let old = area.value();
    if old == text {
        return;
    }
    let (start, old_end, new_end) = diff(&old, text);
    let sel = selection_in(&area, &old);
    // The caret keeps its place in the text: after the edit it moves by what was added.
    let moved = |at: usize| if at >= old_end { at + new_end - old_end } else { at.min(start) };
    let edit = Edit {
        start,
        end: old_end,
        insert: text[start..new_end].to_string(),
        selection: Selection::new(moved(sel.start), moved(sel.end)),
    };
    commit(state, &edit, CommitOptions { keep_focus: true, to_top: false });
}

/// Undoes the last step of the history, from anywhere: a drag in the preview is undone
/// like typing. The focus stays where it is.
pub fn undo(state: AppState) {
    let edit = state.shadow.with_value(|t| state.history.try_update_value(|h| h.undo(t)).flatten());
    if let Some(edit) = edit {
        apply_history_edit(state, &edit);
    }
}

/// Redoes what [`undo`] took back.
pub fn redo(state: AppState) {
    let edit = state.shadow.with_value(|t| state.history.try_update_value(|h| h.redo(t)).flatten());
    if let Some(edit) = edit {
        apply_history_edit(state, &edit);
    }
}

fn apply_history_edit(state: AppState, edit: &Edit) {
    let Some(area) = state.editor.get_untracked() else { return };
    state.untyped();
    let old = area.value();
    if edit.end > old.len() || !old.is_char_boundary(edit.start) || !old.is_char_boundary(edit.end) {
        return;
    }
    let new = edit.apply(&old);
    let focused = document().active_element().is_some_and(|a| a.id() == "editor");
    set_area_text(&area, &old, &new, edit.selection, CommitOptions { keep_focus: !focused, to_top: false });
    state.shadow.set_value(new);
    state.caret.set(edit.selection);
    state.sync_now();
    let line = state
        .shadow
        .with_value(|t| t.as_bytes()[..edit.selection.start.min(t.len())].iter().filter(|&&b| b == b'\n').count());
    scroll_to_line(state, line as u32 + 1);
}

/// Selects UTF-16 range `start..end` of the editor, scrolls it into view and focuses it.
pub fn reveal(state: AppState, range: (u32, u32), line: u32) {
    let Some(area) = state.editor.get_untracked() else { return };
    let _ = area.focus();
    show_range(state, range, line);
}

/// Selects UTF-16 range `start..end` of the editor and scrolls it into view, leaving the
/// keyboard focus where it is (a click in the preview keeps the canvas's keys).
pub fn show_range(state: AppState, (start, end): (u32, u32), line: u32) {
    let Some(area) = state.editor.get_untracked() else { return };
    let _ = area.set_selection_range(start, end);
    read_caret(state);
    scroll_to_line(state, line);
}

/// Scrolls the editor so 1-based `line` is in view (a third from the top when it was not).
fn scroll_to_line(state: AppState, line: u32) {
    let Some(area) = state.editor.get_untracked() else { return };
    let (line_height, pad_top) = line_metrics(&area);
    // Unwrapped, every line is one line height tall; wrapped, every row is made and knows
    // where its line is.
    let row = document()
        .query_selector(&format!(".editor.wrap .code-layer .row[data-line=\"{line}\"]"))
        .ok()
        .flatten()
        .and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok());
    let top = row.map_or(pad_top + (line.saturating_sub(1)) as f64 * line_height, |r| r.offset_top() as f64);
    let visible = area.scroll_top() as f64..(area.scroll_top() + area.client_height()) as f64 - line_height;
    if !visible.contains(&top) {
        area.set_scroll_top((top - area.client_height() as f64 / 3.0).max(0.0) as i32);
    }
}

/// The text area's line height and top padding, in pixels (the layer shares both).
fn line_metrics(area: &HtmlTextAreaElement) -> (f64, f64) {
    let style = window().get_computed_style(area).ok().flatten();
    let px = |name: &str, default: f64| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(default)
    };
    (px("line-height", 20.0), px("padding-top", 12.0))
}

/// Reads the text area's size, scroll position and line metrics into `viewport`.
fn measure_viewport(area: &HtmlTextAreaElement, viewport: RwSignal<Viewport>) {
    let (line, pad_top) = line_metrics(area);
    let v = Viewport { scroll_top: area.scroll_top() as f64, height: area.client_height() as f64, line, pad_top };
    if viewport.get_untracked() != v {
        viewport.set(v);
    }
}
