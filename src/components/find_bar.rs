//! Find and replace: a small bar at the top of the text pane (Ctrl/⌘+F, Ctrl/⌘+H).
//! Enter goes to the next match, Shift+Enter to the previous one, Escape closes the bar
//! and returns to the text with the match selected. Matches are marked in the layer;
//! the matching itself is `coral_editor::find`.

use coral_editor::find::{self, FindOptions};
use coral_editor::units::unit_of_byte;
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::editor::{CommitOptions, commit, show_range};
use crate::state::use_app;

/// Every match of the bar's query in the text (nothing while the bar is closed).
pub fn matches_of(find: RwSignal<FindState>) -> Memo<Vec<(usize, usize)>> {
    let state = use_app();
    Memo::new(move |_| {
        let (open, query, options) = find.with(|f| (f.open, f.query.clone(), f.options));
        if !open {
            return Vec::new();
        }
        state.text.with(|t| find::find_all(t, &query, options))
    })
}

/// What the bar holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindState {
    pub open: bool,
    /// Whether the replace row is shown.
    pub replace: bool,
    pub query: String,
    pub replacement: String,
    pub options: FindOptions,
    /// The match gone to last.
    pub current: Option<usize>,
    /// Bumped to put the keyboard focus into the query field.
    pub focus_tick: u32,
}

#[component]
pub fn FindBar(find: RwSignal<FindState>, matches: Memo<Vec<(usize, usize)>>) -> impl IntoView {
    let state = use_app();
    let input = NodeRef::<Input>::new();
    // Only a new request moves the focus (not every keystroke in the bar).
    let focus_tick = Memo::new(move |_| find.with(|f| f.focus_tick));
    Effect::new(move |_| {
        let tick = focus_tick.get();
        if tick > 0
            && let Some(el) = input.get_untracked()
        {
            let _ = el.focus();
            el.select();
        }
    });

    let go = move |forward: bool| {
        state.sync_now();
        let (matches, current) = (matches.get_untracked(), find.with_untracked(|f| f.current));
        let caret = state.caret.get_untracked();
        let index = match (forward, current.and_then(|i| matches.get(i))) {
            (true, Some(&(s, _))) => find::next_index(&matches, s + 1),
            (false, Some(&(s, _))) => find::previous_index(&matches, s),
            (true, None) => find::next_index(&matches, caret.start),
            (false, None) => find::previous_index(&matches, caret.start),
        };
        let Some(i) = index else { return };
        find.update(|f| f.current = Some(i));
        let (s, e) = matches[i];
        let (range, line) = state.text.with_untracked(|t| {
            (
                (unit_of_byte(t, s), unit_of_byte(t, e)),
                t.as_bytes()[..s].iter().filter(|&&b| b == b'\n').count() as u32 + 1,
            )
        });
        show_range(state, range, line);
    };
    let replace_one = move || {
        state.sync_now();
        let with = find.with_untracked(|f| f.replacement.clone());
        let m = find.with_untracked(|f| f.current).and_then(|i| matches.with_untracked(|m| m.get(i).copied()));
        match m {
            Some(m) => {
                commit(state, &find::replace_one(m, &with), CommitOptions { keep_focus: true, to_top: false });
                go(true);
            }
            None => go(true),
        }
    };
    let replace_all = move || {
        state.sync_now();
        let (with, matches) = (find.with_untracked(|f| f.replacement.clone()), matches.get_untracked());
        let edit = state.text.with_untracked(|t| find::replace_all(t, &matches, &with));
        if let Some(edit) = edit {
            commit(state, &edit, CommitOptions { keep_focus: true, to_top: false });
        }
    };
    let close = move || {
        find.update(|f| {
            f.open = false;
            f.current = None;
        });
        if let Some(area) = state.editor.get_untracked() {
            let _ = area.focus();
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            go(!ev.shift_key());
        }
        "F3" => {
            ev.prevent_default();
            go(!ev.shift_key());
        }
        "Escape" => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    let count = move || {
        let n = matches.with(Vec::len);
        find.with(|f| match (n, f.current.filter(|&i| i < n)) {
            (0, _) if f.query.is_empty() => String::new(),
            (0, _) => "No results".to_string(),
            (n, Some(i)) => format!("{} of {n}{}", i + 1, if n >= find::MAX_MATCHES { "+" } else { "" }),
            (n, None) => format!("{n}{} found", if n >= find::MAX_MATCHES { "+" } else { "" }),
        })
    };
    let toggle = move |f: fn(&mut FindOptions)| find.update(|s| f(&mut s.options));

    view! {
        <Show when=move || find.with(|f| f.open)>
            <div id="find-bar" class="find-bar" role="search" aria-label="Find and replace">
                <div class="find-row">
                    <input
                        id="find-input"
                        node_ref=input
                        type="text"
                        placeholder="Find"
                        aria-label="Find"
                        spellcheck="false"
                        autocomplete="off"
                        prop:value=move || find.with(|f| f.query.clone())
                        on:input=move |ev| {
                            let q = event_target_value(&ev);
                            find.update(|f| {
                                f.query = q;
                                f.current = None;
                            });
                        }
                        on:keydown=on_key
                    />
                    <button type="button" class="tool" class:active=move || find.with(|f| f.options.case_sensitive)
                        title="Match case" aria-pressed=move || find.with(|f| f.options.case_sensitive).to_string()
                        on:click=move |_| toggle(|o| o.case_sensitive = !o.case_sensitive)>"Aa"</button>
                    <button type="button" class="tool" class:active=move || find.with(|f| f.options.whole_word)
                        title="Whole word" aria-pressed=move || find.with(|f| f.options.whole_word).to_string()
                        on:click=move |_| toggle(|o| o.whole_word = !o.whole_word)>"ab"</button>
                    <span id="find-count" class="find-count" aria-live="polite">{count}</span>
                    <button type="button" class="tool" title="Previous match (Shift+Enter)" on:click=move |_| go(false)>"↑"</button>
                    <button type="button" class="tool" title="Next match (Enter)" on:click=move |_| go(true)>"↓"</button>
                    <button type="button" class="tool" title="Replace (Ctrl+H / ⌘H)"
                        class:active=move || find.with(|f| f.replace)
                        on:click=move |_| find.update(|f| f.replace = !f.replace)>"⇄"</button>
                    <button type="button" class="tool" title="Close (Escape)" aria-label="Close find" on:click=move |_| close()>"×"</button>
                </div>
                <Show when=move || find.with(|f| f.replace)>
                    <div class="find-row">
                        <input
                            id="replace-input"
                            type="text"
                            placeholder="Replace"
                            aria-label="Replace with"
                            spellcheck="false"
                            autocomplete="off"
                            prop:value=move || find.with(|f| f.replacement.clone())
                            on:input=move |ev| {
                                let r = event_target_value(&ev);
                                find.update(|f| f.replacement = r);
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    if ev.ctrl_key() || ev.meta_key() { replace_all() } else { replace_one() }
                                } else if ev.key() == "Escape" {
                                    ev.prevent_default();
                                    close();
                                }
                            }
                        />
                        <button id="replace-one" type="button" class="tool" title="Replace this match (Enter)"
                            on:click=move |_| replace_one()>"Replace"</button>
                        <button id="replace-all" type="button" class="tool" title="Replace every match (Ctrl+Enter / ⌘Enter)"
                            on:click=move |_| replace_all()>"All"</button>
                    </div>
                </Show>
            </div>
        </Show>
    }
}
