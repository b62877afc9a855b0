//! Share links in the app: the document as a `share::State`, the address bar kept equal
//! to it, a link the page was opened with (or one pasted into the address bar later)
//! applied to the editor, and the links the Share menu copies.
//!
//! The format is the core's (`coral_core::share`); this module only moves states between
//! the signals and the address bar. A link is applied as an undoable edit, so the user's
//! own document is one Ctrl+Z away; a broken link leaves the document alone, says why in
//! the problems area, and stays in the address bar until the first edit (so it can be
//! copied into a bug report).

use std::time::Duration;

use coral_core::share::{self, LinkError, link};
use leptos::prelude::*;

use crate::components::editor::replace_all;
use crate::components::notice::{NoticeKind, notify};
use crate::page::{current_fragment, replace_fragment};
use crate::state::{AppState, Opened};

/// How long typing must pause before the address bar is rewritten: encoding is cheap,
/// but browsers throttle `replaceState` when it is called on every keystroke.
const ADDRESS_DEBOUNCE: Duration = Duration::from_millis(300);

/// The document as a share state: the text, its configuration and the fields kept.
pub fn current_state(state: AppState) -> share::State {
    share::State {
        code: state.text.get_untracked(),
        mermaid: state.config.get_untracked(),
        extra: state.extra.get_value(),
    }
}

/// `…/edit#pako:…`: mermaid.live's editor link, with this app's origin and root.
pub fn edit_link(state: AppState) -> String {
    link::edit_link(&state.page.with_value(|p| p.base.clone()), &current_state(state))
}

/// `…/view#pako:…`: the diagram alone.
pub fn view_link(state: AppState) -> String {
    link::view_link(&state.page.with_value(|p| p.base.clone()), &current_state(state))
}

/// `…/embed?theme=…#pako:…`: the embed widget, in the theme the picker shows (when it
/// chose one) so the embed looks like the preview.
pub fn embed_link(state: AppState) -> String {
    let theme = state.theme.get_untracked().map(|t| t.name());
    link::embed_link(&state.page.with_value(|p| p.base.clone()), &current_state(state), theme)
}

/// Wires links into the editor: applies what the page opened with, keeps the address bar
/// current, and follows links pasted into it. Call once, from the root component.
pub fn install(state: AppState) {
    // A broken link stays in the address bar while the text is what it was when the page
    // opened (decided here, before any effect runs).
    let broken_at_start = state.opened.with_value(|o| matches!(o, Some(Opened::Broken(_))));
    let held = StoredValue::new(broken_at_start.then(|| state.text.get_untracked()));
    // A task after the first render effects, when the editor holds its first text (its
    // value is set by a render effect; replacing it earlier would be overwritten). A
    // timeout, not an animation frame: frames wait while a tab or frame is hidden.
    set_timeout(
        move || {
            if let Some(opened) = state.opened.try_update_value(Option::take).flatten() {
                match opened {
                    Opened::State(s) => open_state(state, s, "Opened the diagram from the link."),
                    Opened::Broken(e) => broken(state, &e),
                }
            }
        },
        Duration::ZERO,
    );

    let generation = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let text = state.text.get();
        state.config.track();
        if held.with_value(|h| h.as_ref() == Some(&text)) {
            return;
        }
        held.set_value(None);
        let current = generation.get_value() + 1;
        generation.set_value(current);
        set_timeout(
            move || {
                if generation.get_value() == current {
                    let fragment = current_state(state).encode();
                    replace_fragment(&fragment);
                    crate::storage::save_fragment(&fragment);
                }
            },
            ADDRESS_DEBOUNCE,
        );
    });

    // A link pasted into the address bar of an open tab changes only the fragment: the
    // page is not reloaded, so follow it here (`replaceState` fires no such event).
    let _ = window_event_listener(leptos::ev::hashchange, move |_| match share::State::decode(&current_fragment()) {
        Some(Ok(s)) => open_state(state, s, "Opened the diagram from the address bar."),
        Some(Err(e)) => broken(state, &e),
        None => {}
    });
}

/// Puts a state's text into the editor (undoably) and its configuration into effect.
fn open_state(state: AppState, s: share::State, message: &str) {
    let same = state.text.with_untracked(|t| *t == s.code);
    // A word about the configuration, when there is one, wins over "opened".
    let mut said = false;
    if !link::is_config_object(&s.mermaid) {
        notify(state, NoticeKind::Error, "The link's configuration is not a JSON object; it is ignored.");
        said = true;
    } else {
        let (_, problems) = share::site_config(&s.mermaid);
        if let Some(p) = problems.first() {
            notify(state, NoticeKind::Info, format!("The link's configuration: {}.", p.message));
            said = true;
        }
        state.config.set(s.mermaid);
    }
    state.extra.set_value(s.extra);
    if !same {
        // The link's diagram becomes a document of its own; what was open stays in the
        // Documents list as it was (and Ctrl+Z still brings it back here).
        state.library.update(|l| {
            l.create(&s.code, crate::state::wall_ms());
        });
        replace_all(state, &s.code);
        state.library.with_untracked(crate::storage::save_library);
        if !said {
            notify(
                state,
                NoticeKind::Info,
                format!("{message} Your previous document is kept under Documents; Ctrl+Z brings it back here."),
            );
        }
    }
}

fn broken(state: AppState, e: &LinkError) {
    notify(state, NoticeKind::Error, format!("This link did not open: {e}. Your last document is shown instead."));
}

/// In the view: a host that points its iframe at another `#pako:…` changes only the
/// fragment, so the view follows it (with the page's embed parameters applied again).
/// A broken one leaves the diagram as it was.
pub fn follow_in_view(state: AppState) {
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let Some(Ok(s)) = share::State::decode(&current_fragment()) else { return };
        let Some(s) = state.page.with_value(|p| p.view.apply(Some(s))) else { return };
        state.config.set(s.mermaid);
        state.extra.set_value(s.extra);
        state.text.set(s.code);
    });
}
