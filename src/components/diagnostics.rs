//! The problems list under the editor: one `<li>` per diagnostic, as
//! `line:col severity[code] message`, that moves the editor's selection to its span.

use leptos::prelude::*;

use crate::components::editor::reveal;
use crate::state::{Problem, use_app};

#[component]
pub fn Diagnostics() -> impl IntoView {
    let state = use_app();
    let problems = Memo::new(move |_| state.rendered.with(|r| r.problems.clone()));
    let summary = move || {
        state.rendered.with(|r| match (r.errors, r.warnings) {
            (0, 0) if r.problems.is_empty() => "no problems".to_string(),
            (e, w) => format!("{} · {}", plural(e, "error"), plural(w, "warning")),
        })
    };

    view! {
        <section class="problems" aria-label="Problems">
            <header class="pane-header">
                <span class="pane-title">"Problems"</span>
                <span class="problems-summary">{summary}</span>
            </header>
            <ul id="diagnostics">
                // Rebuilt whole when the list changes (the memo skips identical lists);
                // lists are short, and keys would have to be the whole problem anyway.
                {move || {
                    problems.get().into_iter().map(|p| view! { <ProblemItem problem=p /> }).collect_view()
                }}
            </ul>
            <Show when=move || problems.with(|p| p.is_empty())>
                <p class="problems-empty">"Nothing to report. Edit the text on the left; the diagram follows."</p>
            </Show>
        </section>
    }
}

#[component]
fn ProblemItem(problem: Problem) -> impl IntoView {
    let state = use_app();
    let sev = problem.severity.as_str();
    let (select, line, span) = (problem.select, problem.line, problem.span);
    let go = move || reveal(state, select, line);
    view! {
        <li
            class=format!("diag {sev}")
            data-line=problem.line
            data-col=problem.col
            tabindex="0"
            title="Show in the editor"
            on:click=move |_| go()
            on:mouseenter=move |_| state.hovered.set(Some(span))
            on:mouseleave=move |_| state.hovered.set(None)
            on:focus=move |_| state.hovered.set(Some(span))
            on:blur=move |_| state.hovered.set(None)
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    go();
                }
            }
        >
            <span class="diag-pos">{format!("{}:{}", problem.line, problem.col)}</span>
            " "
            <span class="diag-sev">{format!("{sev}[{}]", problem.code)}</span>
            " "
            <span class="diag-msg">{problem.message}</span>
            {problem.help.map(|h| view! { " " <span class="diag-help">{format!("help: {h}")}</span> })}
        </li>
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
