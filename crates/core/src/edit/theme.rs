//! [`set_theme`]: writes a built-in theme into the text, where it takes effect.
//!
//! Mermaid reads the theme from the frontmatter's `config:` and then from each
//! `%%{init: …}%%` directive in order, the last one winning. So the new name replaces the
//! value of the last directive that sets `theme`; else the frontmatter's `config.theme`;
//! else `theme:` is added to `config:`, `config:` to the frontmatter, or a frontmatter to
//! the text. A Markdown document is patched inside its first ```` ```mermaid ```` block.
//!
//! Drawing with a chosen theme ([`crate::RenderOptions::theme`]) sets the text's colour
//! `themeVariables` aside, so writing the theme removes them too (keeping
//! [`TYPOGRAPHY_VARIABLES`]): the text then draws exactly what the preview showed.

use super::tree::{after_colon, entries, entry, entry_end, indent_of, is_flow, remove_entries, value_range};
use super::{Edit, apply, line_end, line_ending, line_start};
use crate::config::{TYPOGRAPHY_VARIABLES, ThemeName};
use crate::markdown;
use crate::syntax::cursor::{Cursor, Misses};
use crate::syntax::directive;
use crate::syntax::frontmatter::{self, Fences};
use crate::syntax::yaml::{self, YKey, YNode, YValue};

/// `text` with its diagram set to `theme` (see the module header). Everything the patch
/// does not need to touch is kept byte for byte, line endings included.
pub fn set_theme(text: &str, theme: ThemeName) -> String {
    match markdown::diagram_source(text, 0) {
        Some(block) => {
            let end = block.offset + block.code.len();
            let mut out = String::with_capacity(text.len() + 64);
            out.push_str(&text[..block.offset]);
            out.push_str(&set_theme_in_diagram(block.code, theme));
            out.push_str(&text[end..]);
            out
        }
        None => set_theme_in_diagram(text, theme),
    }
}

fn set_theme_in_diagram(src: &str, theme: ThemeName) -> String {
    let nl = line_ending(src);
    let name = theme.name();
    let fences = frontmatter::fences(src);
    // The diagnostics were the parser's business; a patch only needs the spans.
    let root = fences.and_then(|f| yaml::parse(&src[f.yaml.range()], f.yaml.start as usize, &mut Vec::new()));
    let config = root.as_ref().and_then(|r| entry(r, "config"));
    let directives = directive_configs(src, fences.map_or(0, |f| f.body));

    let mut edits = Vec::new();
    if let Some((key, value)) = directives.iter().rev().find_map(|d| entry(d, "theme")) {
        edits.push(set_value(src, key, value, name, nl));
    } else if let Some((config_key, config_value)) = config {
        match entry(config_value, "theme") {
            Some((key, value)) => edits.push(set_value(src, key, value, name, nl)),
            None => edits.push(add_theme(src, config_key, config_value, name, nl)),
        }
    } else if let Some(f) = fences {
        edits.push(add_config(src, f, root.as_ref(), name, nl));
    } else {
        edits.push(Edit::insert(0, format!("---{nl}config:{nl}  theme: {name}{nl}---{nl}")));
    }
    for holder in config.map(|(_, v)| v).into_iter().chain(&directives) {
        edits.extend(drop_palette(src, holder));
    }
    apply(src, edits)
}

/// The configuration of every `%%{init: …}%%` directive at or after `from` that starts a
/// line (after blanks) or follows another directive or a `;` there — where the parsers
/// read them.
fn directive_configs(src: &str, from: usize) -> Vec<YNode> {
    let mut found = Vec::new();
    let mut misses = Misses::default();
    let mut at = from;
    while at < src.len() {
        let mut cur = Cursor::new(src, at);
        loop {
            cur.eat_while(|c| c == ' ' || c == '\t' || c == ';');
            if !cur.starts_with("%%{") {
                break;
            }
            if let Some(config) = directive::parse(&mut cur, &mut misses, &mut Vec::new()) {
                found.push(config);
            }
        }
        at = line_end(src, cur.pos());
    }
    found
}

/// `key: value` → `key: name`, in the value's own quotes.
fn set_value(src: &str, key: &YKey, value: &YNode, name: &str, nl: &str) -> Edit {
    let Some(range) = value_range(src, value) else {
        // A block mapping or list where a name belongs: the whole value makes way.
        return Edit::replace(after_colon(src, key)..entry_end(src, key), format!(" {name}{nl}"));
    };
    if range.is_empty() {
        // `theme:` with nothing after it.
        return Edit::insert(after_colon(src, key), format!(" {name}"));
    }
    let quote = match src.as_bytes()[range.start] {
        q @ (b'\'' | b'"') => char::from(q).to_string(),
        _ => String::new(),
    };
    Edit::replace(range, format!("{quote}{name}{quote}"))
}

/// Adds `theme: name` to the mapping `config_value` (the value of `config_key`).
fn add_theme(src: &str, config_key: &YKey, config_value: &YNode, name: &str, nl: &str) -> Edit {
    let start = config_value.span.start as usize;
    match &config_value.value {
        YValue::Map(m) if is_flow(src, config_value) => {
            let sep = if m.is_empty() { "" } else { ", " };
            Edit::insert(start + 1, format!("theme: {name}{sep}"))
        }
        YValue::Map(m) if !m.is_empty() => {
            // First in the block, at the indentation of the entries already there.
            let first = &m[0].0;
            let at = line_start(src, first.span.start as usize);
            let indent = indent_of(src, first).map_or_else(|| "  ".to_string(), str::to_string);
            Edit::insert(at, format!("{indent}theme: {name}{nl}"))
        }
        YValue::Null if config_value.span.is_empty() => {
            // `config:` and nothing under it.
            let indent = indent_of(src, config_key).unwrap_or("");
            let at = line_end(src, config_key.span.end as usize);
            let lead = if src[..at].ends_with('\n') { "" } else { nl };
            Edit::insert(at, format!("{lead}{indent}  theme: {name}{nl}"))
        }
        _ => {
            // Not a mapping (`config: dark`, `config: ~`): it configured nothing, so a
            // mapping with the theme takes its place.
            match value_range(src, config_value) {
                Some(range) => Edit::replace(range, format!("{{theme: {name}}}")),
                None => Edit::replace(
                    after_colon(src, config_key)..entry_end(src, config_key),
                    format!(" {{theme: {name}}}{nl}"),
                ),
            }
        }
    }
}

/// Adds `config:` with the theme to a frontmatter that has none.
fn add_config(src: &str, f: Fences, root: Option<&YNode>, name: &str, nl: &str) -> Edit {
    match root {
        Some(r @ YNode { value: YValue::Map(m), .. }) if is_flow(src, r) => {
            let sep = if m.is_empty() { "" } else { ", " };
            Edit::insert(r.span.start as usize + 1, format!("config: {{theme: {name}}}{sep}"))
        }
        None | Some(YNode { value: YValue::Null | YValue::Map(_), .. }) => {
            // Last in the frontmatter, at the indentation of its keys.
            let indent = root.and_then(|r| entries(r).first()).and_then(|(k, _)| indent_of(src, k)).unwrap_or("");
            let at = f.yaml.end as usize;
            let lead = if at == 0 || src[..at].ends_with('\n') { "" } else { nl };
            Edit::insert(at, format!("{lead}{indent}config:{nl}{indent}  theme: {name}{nl}"))
        }
        Some(_) => {
            // A frontmatter that is not a mapping has no place for `config:`; a directive
            // right after it says the same and wins anyway.
            Edit::insert(f.body, format!("%%{{init: {{\"theme\": \"{name}\"}}}}%%{nl}"))
        }
    }
}

/// Removes the colour entries of `holder`'s `themeVariables` (the whole key when no
/// typography entry is left).
fn drop_palette(src: &str, holder: &YNode) -> Vec<Edit> {
    let all = entries(holder);
    let Some(at) = all.iter().rposition(|(k, _)| k.name == "themeVariables") else { return Vec::new() };
    let vars = &all[at].1;
    let colour: Vec<bool> =
        entries(vars).iter().map(|(k, _)| !TYPOGRAPHY_VARIABLES.contains(&k.name.as_str())).collect();
    if !colour.contains(&true) {
        return Vec::new();
    }
    if colour.iter().all(|&c| c) {
        let only: Vec<bool> = (0..all.len()).map(|i| i == at).collect();
        return remove_entries(src, holder, &only);
    }
    remove_entries(src, vars, &colour)
}

#[cfg(test)]
mod tests;
