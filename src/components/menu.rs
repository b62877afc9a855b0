//! A toolbar drop-down: a button (`#<id>-button`, `aria-expanded`) and, while open, a
//! panel (`#<id>`) of items. A click on an item, outside the panel, or Escape closes it.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Menu(
    /// The panel's id; the button's is `<id>-button`.
    id: &'static str,
    label: &'static str,
    title: &'static str,
    /// The button's icon (a 16×16 `path` d).
    icon: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let root = NodeRef::<Div>::new();
    // Outside clicks close it; clicks inside reach the items first.
    let _ = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = root
            .get_untracked()
            .zip(ev.target())
            .is_some_and(|(r, t)| t.dyn_ref::<web_sys::Node>().is_some_and(|n| r.contains(Some(n))));
        if !inside {
            open.set(false);
        }
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
        }
    };
    let children = StoredValue::new(children);
    view! {
        <div class="menu" node_ref=root on:keydown=on_key>
            <button
                id=format!("{id}-button")
                type="button"
                class="secondary"
                title=title
                aria-label=label
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d=icon />
                </svg>
                <span class="menu-label">{label}</span>
                <svg class="icon caret" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M4.5 6.5L8 10l3.5-3.5" />
                </svg>
            </button>
            <Show when=move || open.get()>
                // An item's click bubbles here after its own handler ran.
                <div id=id class="menu-panel" role="menu" on:click=move |ev| {
                    let on_item = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|e| e.closest("[role=menuitem]").ok().flatten())
                        .is_some();
                    if on_item {
                        open.set(false);
                    }
                }>{children.with_value(|c| c())}</div>
            </Show>
        </div>
    }
}
