//! The icon finder: a dialog (`#icon-finder`) with a search box (`#icon-finder-input`)
//! and a grid of results (`.icon-tile[data-icon]`), opened from the toolbar or with
//! Ctrl/⌘+I.
//!
//! Search is the core's (`coral_core::icons::search`, over the embedded names index, on
//! every keystroke); each tile's picture comes through the app's icon cache, so a tile
//! shows a neutral box until its file arrives (built-ins are the core's own, at once). Arrow keys move the selection, Enter or a
//! click inserts `pack:name` into the editor (see `editor::insert_icon_name`), Escape
//! closes. Names are only ever text nodes and attribute values; the only markup set from
//! a string is an icon body the core's whitelist passed.

use coral_core::icons::{IconRef, all, search};
use leptos::html::{Div, Input};
use leptos::prelude::*;
use web_sys::{KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition};

use crate::components::editor::insert_icon_name;
use crate::icons::tile_art;
use crate::state::{AppState, now_ms, use_app};

/// Results shown at most: a few screens of tiles, and the core's top-k stays cheap.
const LIMIT: usize = 96;
/// Tiles per row; the grid's CSS uses the same number, so Up/Down move by one row.
const COLUMNS: usize = 6;

/// One search: the icons found and how long the core took, in milliseconds.
#[derive(Clone, Debug, PartialEq)]
struct Results {
    icons: Vec<IconRef>,
    millis: f64,
}

/// The finder, mounted only while open.
#[component]
pub fn IconFinder() -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.finder_open.get()>
            <FinderDialog />
        </Show>
    }
}

/// Closes the finder and gives the editor its focus (and caret) back.
fn close(state: AppState) {
    state.finder_open.set(false);
    if let Some(area) = state.editor.get_untracked() {
        let _ = area.focus();
    }
}

fn insert(state: AppState, icon: IconRef) {
    insert_icon_name(state, &icon.to_string());
    state.finder_open.set(false);
}

#[component]
fn FinderDialog() -> impl IntoView {
    let state = use_app();
    let query = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    let input = NodeRef::<Input>::new();
    let grid = NodeRef::<Div>::new();
    let total = all().count();

    let results = Memo::new(move |_| {
        let started = now_ms();
        let icons: Vec<IconRef> = query.with(|q| search(q, LIMIT).into_iter().map(|h| h.icon).collect());
        Results { icons, millis: now_ms() - started }
    });

    // Sync with the outside world: fetch the pictures of the tiles on screen.
    Effect::new(move |_| {
        results.with(|r| r.icons.iter().for_each(|&icon| state.icons.want(icon)));
        selected.set(0);
    });
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    // Keep the selected tile in view while the arrows move it.
    Effect::new(move |_| {
        let i = selected.get();
        let Some(grid) = grid.get() else { return };
        if let Some(tile) = grid.children().item(i as u32) {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Nearest);
            tile.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });

    let on_keydown = move |ev: KeyboardEvent| {
        let count = results.with_untracked(|r| r.icons.len());
        let current = selected.get_untracked();
        let next = match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                close(state);
                return;
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(icon) = results.with_untracked(|r| r.icons.get(current).copied()) {
                    insert(state, icon);
                }
                return;
            }
            // Focus stays in the search box: the tiles are reached with the arrows.
            "Tab" => {
                ev.prevent_default();
                return;
            }
            "ArrowRight" => current + 1,
            "ArrowLeft" => current.saturating_sub(1),
            "ArrowDown" => current + COLUMNS,
            "ArrowUp" => current.saturating_sub(COLUMNS),
            _ => return,
        };
        ev.prevent_default();
        if count > 0 {
            selected.set(next.min(count - 1));
        }
    };

    let summary = move || {
        results.with(|r| {
            if query.with(|q| q.trim().is_empty()) {
                format!("{total} icons in logos, simple-icons, mdi and Font Awesome 6")
            } else if r.icons.is_empty() {
                "No icon matches".to_string()
            } else {
                let more = if r.icons.len() == LIMIT { "first " } else { "" };
                format!("{more}{} icons", r.icons.len())
            }
        })
    };
    let timing = move || results.with(|r| format!("search {:.1} ms", r.millis));

    view! {
        <div class="finder-backdrop" on:click=move |_| close(state)>
            <div
                id="icon-finder"
                role="dialog"
                aria-modal="true"
                aria-label="Insert an icon"
                data-search-ms=move || format!("{:.3}", results.with(|r| r.millis))
                on:click=|ev| ev.stop_propagation()
                on:keydown=on_keydown
            >
                <div class="finder-head">
                    <svg class="icon finder-glass" viewBox="0 0 16 16" aria-hidden="true">
                        <circle cx="7" cy="7" r="4.5" />
                        <path d="M10.5 10.5L14 14" />
                    </svg>
                    <input
                        id="icon-finder-input"
                        node_ref=input
                        type="search"
                        placeholder="Search icons: kafka, aws s3, logos:post…"
                        autocomplete="off"
                        spellcheck="false"
                        aria-controls="icon-finder-results"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <kbd class="finder-key">"Esc"</kbd>
                </div>
                <div id="icon-finder-results" class="icon-grid" node_ref=grid role="listbox" aria-label="Icons">
                    <For
                        each=move || results.get().icons.into_iter().enumerate()
                        key=|item| *item
                        children=move |(i, icon)| view! { <Tile icon=icon index=i selected=selected /> }
                    />
                </div>
                <div class="finder-foot">
                    <span>{summary}</span>
                    <span class="finder-timing">{timing}</span>
                    <span class="finder-hint">"↑↓←→ move · Enter insert · Esc close"</span>
                </div>
            </div>
        </div>
    }
}

#[component]
fn Tile(icon: IconRef, index: usize, selected: RwSignal<usize>) -> impl IntoView {
    let state = use_app();
    let name = icon.to_string();
    // Ids inside a body are made unique per tile, away from the diagram's `coral-…` ids.
    let ids = format!("finder-{index}-");
    let art = move || state.icons.cache.with(|c| tile_art(c, icon, &ids));
    view! {
        <button
            type="button"
            class="icon-tile"
            class:selected=move || selected.get() == index
            role="option"
            aria-selected=move || (selected.get() == index).to_string()
            tabindex="-1"
            data-icon=name.clone()
            title=name.clone()
            on:click=move |_| insert(state, icon)
        >
            {move || match art() {
                Some((view_box, markup)) => {
                    view! { <svg class="icon-art" viewBox=view_box aria-hidden="true" inner_html=markup></svg> }
                        .into_any()
                }
                None => view! { <span class="icon-art icon-box" aria-hidden="true"></span> }.into_any(),
            }}
            // `pack:` on its own line, so long names keep their readable end.
            <span class="icon-name">
                <span class="icon-pack">
                    {if icon.is_builtin() { "built-in".to_string() } else { format!("{}:", icon.pack) }}
                </span>
                <span class="icon-short">{icon.name}</span>
            </span>
        </button>
    }
}
