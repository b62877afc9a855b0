//! The text pane: a plain `<textarea id="editor">` with a line-number gutter.
//!
//! A text area (not a code-editor library) keeps the WASM small and gives native undo,
//! IME, accessibility and selection for free. Edits the app makes itself (Tab, loading an
//! example) go through `document.execCommand("insertText")`, which is the one way to
//! change a text area's value that the browser's undo stack records; where that is not
//! supported we fall back to setting the value (not undoable).

use coral_core::Severity;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlTextAreaElement, KeyboardEvent};

use crate::state::{AppState, use_app};
use crate::{files, icon_text, textpos};

#[component]
pub fn Editor() -> impl IntoView {
    let state = use_app();
    // The text area is uncontrolled: it gets its first value once, then owns it.
    let initial = state.text.get_untracked();
    let gutter = NodeRef::<Div>::new();

    // The most severe problem on each line, for the gutter.
    let marks = Memo::new(move |_| {
        let lines = state.text.with(|t| t.bytes().filter(|&b| b == b'\n').count() + 1);
        let mut marks: Vec<Option<Severity>> = vec![None; lines];
        state.rendered.with(|r| {
            for p in &r.problems {
                if let Some(m) = marks.get_mut(p.line as usize - 1) {
                    *m = (*m).max(Some(p.severity));
                }
            }
        });
        marks
    });

    let on_keydown = move |ev: KeyboardEvent| {
        let plain = !(ev.shift_key() || ev.ctrl_key() || ev.alt_key() || ev.meta_key());
        // Shift+Tab keeps its meaning (leave the editor), so keyboard users never get stuck.
        if ev.key() == "Tab" && plain {
            ev.prevent_default();
            if let Some(area) = state.editor.get_untracked() {
                insert_text(state, &area, "  ");
            }
        }
    };
    let on_scroll = move |_| {
        if let (Some(area), Some(g)) = (state.editor.get_untracked(), gutter.get_untracked()) {
            g.set_scroll_top(area.scroll_top());
        }
    };

    view! {
        <div class="editor">
            <div class="gutter" node_ref=gutter aria-hidden="true">
                <For
                    each=move || marks.get().into_iter().enumerate()
                    key=|item| *item
                    children=move |(i, mark)| {
                        let class = match mark {
                            Some(Severity::Error) => "ln error",
                            Some(Severity::Warning) => "ln warning",
                            Some(Severity::Info) => "ln info",
                            None => "ln",
                        };
                        view! { <div class=class>{i + 1}</div> }
                    }
                />
            </div>
            <textarea
                id="editor"
                node_ref=state.editor
                prop:value=initial
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                aria-label="Diagram source (Mermaid, or Markdown with a mermaid block)"
                on:input=move |_| state.schedule_sync()
                on:keydown=on_keydown
                on:paste=move |ev| {
                    files::intercept_paste(state, &ev);
                }
                on:scroll=on_scroll
            ></textarea>
        </div>
    }
}

/// Replaces the selection with `text`, as typing would (undoable).
fn insert_text(state: AppState, area: &HtmlTextAreaElement, text: &str) {
    if !exec_insert_text(text) {
        let end = area.selection_end().ok().flatten().unwrap_or(0);
        let start = area.selection_start().ok().flatten().unwrap_or(end);
        let _ = area.set_range_text_with_start_and_end_and_mode(text, start, end, "end");
        state.schedule_sync();
    }
}

/// Replaces the editor's selection with `text`, as typing would (undoable); for text the
/// user chose to paste (a block of pasted Markdown).
pub fn insert_at_selection(state: AppState, text: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    let _ = area.focus();
    insert_text(state, &area, text);
    state.sync_now();
}

/// `document.execCommand("insertText")` on the focused text area; fires `input` itself.
fn exec_insert_text(text: &str) -> bool {
    exec_command("insertText", text)
}

/// Puts the icon name `name` at the caret, or over the icon name the caret (or the
/// selection's end) is on, through the same undoable path as typing. The text area
/// keeps its selection while the finder has focus, so the caret is where the user left it.
pub fn insert_icon_name(state: AppState, name: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    let _ = area.focus();
    let value = area.value();
    let end = area.selection_end().ok().flatten().unwrap_or(0);
    let start = area.selection_start().ok().flatten().unwrap_or(end);
    if let Some((s, e)) = icon_text::icon_name_at(&value, icon_text::byte_offset(&value, end)) {
        let units = textpos::utf16_offsets(&value, &[s as u32, e as u32]);
        let _ = area.set_selection_range(units[0], units[1]);
    } else {
        let _ = area.set_selection_range(start, end);
    }
    insert_text(state, &area, name);
}

/// Replaces the whole text (loading an example). Undo in the editor brings the old text
/// back, so nothing the user typed is lost without a way back.
pub fn replace_all(state: AppState, text: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    let _ = area.focus();
    area.select();
    // `execCommand` can report success and change nothing (a document without focus, as
    // right after a page load); the value is then set directly (not undoable, but never lost).
    if !exec_insert_text(text) || area.value() != text {
        area.set_value(text);
    }
    let _ = area.set_selection_range(0, 0);
    area.set_scroll_top(0);
    area.set_scroll_left(0);
    // Render now rather than next frame: the user asked for this diagram explicitly.
    state.sync_now();
}

/// Changes the text to `text` as one undoable edit of only the part that differs (a
/// dragged element's position), leaving the editor's scroll position, its caret (moved
/// with the text after the edit) and the keyboard focus where they were. Ctrl+Z in the
/// editor takes the edit back in one step, between the user's own edits.
pub fn apply_edit(state: AppState, text: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    let old = area.value();
    if old == text {
        return;
    }
    let (a, b): (Vec<u16>, Vec<u16>) = (old.encode_utf16().collect(), text.encode_utf16().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    // Never split a surrogate pair: the boundaries move out to whole characters.
    let low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut start = prefix;
    while start > 0 && low(a[start]) {
        start -= 1;
    }
    let (mut old_end, mut new_end) = (a.len() - suffix, b.len() - suffix);
    while old_end < a.len() && low(a[old_end]) {
        old_end += 1;
        new_end += 1;
    }
    let middle = String::from_utf16_lossy(&b[start..new_end]);
    let (scroll_top, scroll_left) = (area.scroll_top(), area.scroll_left());
    let caret = (area.selection_start().ok().flatten(), area.selection_end().ok().flatten());
    let focused = document().active_element();
    let _ = area.focus();
    let _ = area.set_selection_range(start as u32, old_end as u32);
    let done = if middle.is_empty() { exec_command("delete", "") } else { exec_insert_text(&middle) };
    if !done {
        let _ = area.set_range_text_with_start_and_end_and_mode(&middle, start as u32, old_end as u32, "end");
    }
    // The caret keeps its place in the text: after the edit it moves by what was added.
    let moved = |at: u32| {
        let at = at as usize;
        if at >= old_end { (at + new_end - old_end) as u32 } else { at.min(start) as u32 }
    };
    if let (Some(s), Some(e)) = caret {
        let _ = area.set_selection_range(moved(s), moved(e));
    }
    area.set_scroll_top(scroll_top);
    area.set_scroll_left(scroll_left);
    if let Some(el) = focused.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    state.sync_now();
}

/// Undoes the editor's last edit, as Ctrl+Z in it would, from anywhere: a drag in the
/// preview is undone like typing.
pub fn undo(state: AppState) {
    in_history(state, "undo");
}

/// Redoes what [`undo`] took back (Shift+Ctrl+Z).
pub fn redo(state: AppState) {
    in_history(state, "redo");
}

fn in_history(state: AppState, command: &str) {
    let Some(area) = state.editor.get_untracked() else { return };
    let focused = document().active_element();
    let _ = area.focus();
    exec_command(command, "");
    if let Some(el) = focused.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    state.sync_now();
}

/// `document.execCommand(command)`; whether the browser carried it out.
fn exec_command(command: &str, value: &str) -> bool {
    document()
        .dyn_into::<HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command_with_show_ui_and_value(command, false, value).ok())
        .unwrap_or(false)
}

/// Selects UTF-16 range `start..end` of the editor, scrolls it into view and focuses it.
pub fn reveal(state: AppState, (start, end): (u32, u32), line: u32) {
    let Some(area) = state.editor.get_untracked() else { return };
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
    // Chrome does not scroll a text area to a selection set from script; do it by hand.
    // (`wrap="off"` keeps one text line per visual line, so this is exact.)
    let line_height = window()
        .get_computed_style(&area)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("line-height").ok())
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(20.0);
    let top = (line.saturating_sub(1)) as f64 * line_height;
    let visible = area.scroll_top() as f64..(area.scroll_top() + area.client_height()) as f64 - line_height;
    if !visible.contains(&top) {
        area.set_scroll_top((top - area.client_height() as f64 / 3.0).max(0.0) as i32);
    }
}
