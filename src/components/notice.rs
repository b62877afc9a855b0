//! One message at the top of the problems area (`#notice`): a link that did not open, a
//! file that could not be read, "copied". Errors stay until dismissed or replaced;
//! information fades after a few seconds. The text is always a text node: messages can
//! quote file names.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::{AppState, use_app};

/// How long an informational notice stays.
const INFO_FOR: Duration = Duration::from_secs(6);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl NoticeKind {
    fn class(self) -> &'static str {
        match self {
            NoticeKind::Info => "notice info",
            NoticeKind::Error => "notice error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// Tells a notice from the next one with the same text (for the fade timer).
    serial: u64,
}

/// Shows `text`, replacing any notice on screen.
pub fn notify(state: AppState, kind: NoticeKind, text: impl Into<String>) {
    let serial = state.notice.with_untracked(|n| n.as_ref().map_or(0, |n| n.serial + 1));
    state.notice.set(Some(Notice { kind, text: text.into(), serial }));
    if kind == NoticeKind::Info {
        set_timeout(
            move || {
                if state.notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.serial == serial)) {
                    state.notice.set(None);
                }
            },
            INFO_FOR,
        );
    }
}

#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_app();
    move || {
        state.notice.get().map(|n| {
            let role = if n.kind == NoticeKind::Error { "alert" } else { "status" };
            view! {
                <div id="notice" class=n.kind.class() role=role data-kind=format!("{:?}", n.kind).to_lowercase()>
                    <span class="notice-text">{n.text}</span>
                    <button
                        type="button"
                        class="notice-close"
                        title="Dismiss"
                        aria-label="Dismiss"
                        on:click=move |_| state.notice.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
