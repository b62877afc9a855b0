//! Text for people to paste elsewhere: export file names from the diagram's title, the
//! `<iframe>` that embeds a diagram, and the Markdown image linking back to the editor.
//!
//! Every piece of the diagram that reaches a snippet (its title) is escaped for the
//! language it lands in; URLs are Coral's own (origin, root and a base64url state), and
//! are escaped anyway.

use crate::render::writer::escape;

/// The longest file name stem written (before `.svg`, `.png`, `.mmd`).
const MAX_STEM: usize = 80;

/// A file name stem from the diagram's title: letters and digits of any script kept,
/// lower-cased, every other run of characters one `-`; `diagram` when nothing is left.
/// Safe on every file system (no `/`, `\`, `:`, control characters, leading dots).
pub fn file_stem(title: Option<&str>) -> String {
    let mut stem = String::new();
    let mut gap = false;
    for c in title.unwrap_or("").chars() {
        if c.is_alphanumeric() {
            if gap && !stem.is_empty() {
                stem.push('-');
            }
            gap = false;
            stem.extend(c.to_lowercase());
        } else {
            gap = true;
        }
        if stem.len() >= MAX_STEM {
            break;
        }
    }
    // Cut at a character boundary at or below the limit.
    while stem.len() > MAX_STEM {
        stem.pop();
    }
    if stem.is_empty() { "diagram".to_string() } else { stem }
}

/// The `<iframe>` for an embed URL, as mermaid.live's embed code writes it (full width,
/// 480 px high, no border, lazy).
pub fn iframe(src: &str, title: Option<&str>) -> String {
    format!(
        "<iframe src=\"{}\" width=\"100%\" height=\"480\" style=\"border:0\" loading=\"lazy\" title=\"{}\"></iframe>",
        escape(src),
        escape(title.filter(|t| !t.trim().is_empty()).unwrap_or("Diagram"))
    )
}

/// `[![title](image)](link)`: the exported image, linking back to the editable diagram.
/// Brackets and backslashes in the title are escaped; spaces and parentheses in the URLs
/// are percent-encoded, so neither can end the Markdown early.
pub fn markdown(image: &str, title: Option<&str>, link: &str) -> String {
    let alt: String = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("Diagram")
        .chars()
        .flat_map(|c| match c {
            '[' | ']' | '\\' | '`' | '*' | '_' | '<' | '>' => vec!['\\', c],
            '\n' | '\r' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("[![{alt}]({})]({})", markdown_url(image), markdown_url(link))
}

fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
