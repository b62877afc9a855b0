//! The completion popup under the caret: what `coral_core::complete` offers for the
//! word being typed. ↑/↓ choose, Tab or Enter accept, Escape dismisses (the keys are
//! handled by the editor, which keeps the focus); a click accepts too.

use coral_core::complete::Completion;
use leptos::prelude::*;

/// An open popup: what is offered, for which word, which item is active, and where the
/// word starts on screen (client pixels: its left and its line's bottom).
#[derive(Clone, Debug, PartialEq)]
pub struct Popup {
    pub completion: Completion,
    pub word: String,
    pub active: usize,
    pub x: f64,
    pub y: f64,
}

#[component]
pub fn CompletionPopup(
    popup: RwSignal<Option<Popup>>,
    on_accept: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        popup.get().map(|p| {
            let items = p
                .completion
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let active = i == p.active;
                    let kind = item.kind.as_str();
                    view! {
                        <li
                            id=format!("completion-{i}")
                            class="completion-item"
                            class:active=active
                            role="option"
                            aria-selected=active.to_string()
                            data-label=item.label.clone()
                            // Pressing the mouse would take the focus from the text area.
                            on:mousedown=move |ev| {
                                ev.prevent_default();
                                on_accept(i);
                            }
                        >
                            <span class=format!("completion-kind kind-{kind}")>{kind}</span>
                            <span class="completion-label">{item.label.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul
                    id="completion"
                    class="completion"
                    role="listbox"
                    aria-label="Completions"
                    style:left=format!("{:.0}px", p.x)
                    style:top=format!("{:.0}px", p.y + 2.0)
                >
                    {items}
                </ul>
            }
        })
    }
}
