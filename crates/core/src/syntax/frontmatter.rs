//! YAML frontmatter: the `---` … `---` block at the very top of a diagram.
//!
//! Only `title:` and `config:` mean something to Mermaid here; other keys are warned
//! about. An unclosed block is an error; to keep drawing, the block is taken to end
//! just before the first line that starts with a diagram keyword.

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::config;
use crate::syntax::header::KNOWN_TYPES;
use crate::syntax::suggest::did_you_mean;
use crate::syntax::yaml::{self, YNode, YValue};

#[derive(Clone, Debug, Default)]
pub struct Frontmatter {
    pub title: Option<String>,
    /// The value of `config:`, applied by the caller (before any directive).
    pub config: Option<YNode>,
}

/// Where the frontmatter's parts are in the source (byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fences {
    /// The opening `---`.
    pub open: Span,
    /// The YAML between the fences (up to the recovery point when it is not closed).
    pub yaml: Span,
    /// Where the diagram text starts: after the closing fence's line.
    pub body: usize,
    pub closed: bool,
}

/// Finds the frontmatter's fences, if the source starts with one (after blank lines).
pub fn fences(source: &str) -> Option<Fences> {
    // Blank lines before the opening fence are tolerated (pasted text often has them).
    let mut pos = 0;
    let mut lines = source.split_inclusive('\n');
    let open = loop {
        let line = lines.next()?;
        if line.trim().is_empty() {
            pos += line.len();
            continue;
        }
        if line.trim_end() == "---" {
            break Span::new(pos, pos + 3);
        }
        return None;
    };
    let yaml_start = pos + source[pos..].find('\n').map_or(source.len() - pos, |i| i + 1);
    // The closing fence: the next line that is exactly `---`.
    let mut at = yaml_start;
    for line in source[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(Fences { open, yaml: Span::new(yaml_start, at), body: at + line.len(), closed: true });
        }
        at += line.len();
    }
    let resume = first_header_line(source, yaml_start).unwrap_or(source.len());
    Some(Fences { open, yaml: Span::new(yaml_start, resume), body: resume, closed: false })
}

/// Splits off the frontmatter. Returns it (if any) and the byte offset where the
/// diagram text starts.
pub fn split(source: &str, diags: &mut Vec<Diagnostic>) -> (Option<Frontmatter>, usize) {
    let Some(f) = fences(source) else { return (None, 0) };
    if !f.closed {
        // To keep drawing, the block is taken to end just before the diagram's header.
        diags.push(
            Diagnostic::error(codes::FRONTMATTER_UNCLOSED, f.open, "the frontmatter is not closed")
                .with_help("end it with a line holding only `---`"),
        );
    }
    let mut fm = Frontmatter::default();
    if let Some(root) = yaml::parse(&source[f.yaml.range()], f.yaml.start as usize, diags) {
        read_top_level(&root, &mut fm, diags);
    }
    (Some(fm), f.body)
}

fn read_top_level(root: &YNode, fm: &mut Frontmatter, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = config::as_map(root, "frontmatter", diags) else { return };
    for (key, value) in entries {
        match key.name.as_str() {
            "title" => fm.title = value.as_text(),
            "config" => fm.config = Some(value.clone()),
            // Other diagram types' top-level keys: valid Mermaid, meaningless here.
            "displayMode" => {}
            other => {
                let mut d = Diagnostic::warning(
                    codes::CONFIG_UNKNOWN_KEY,
                    key.span,
                    format!("unknown frontmatter key `{other}`; ignored"),
                )
                .with_help("the frontmatter takes `title:` and `config:`");
                if let Some(h) = did_you_mean(other, ["title", "config"]) {
                    d = d.with_help(h);
                }
                if matches!(value.value, YValue::Map(_)) && KNOWN_CONFIG_SECTIONS.contains(&other) {
                    d = d.with_help(format!("configuration goes under `config:` (`config: {{ {other}: … }}`)"));
                }
                diags.push(d);
            }
        }
    }
}

const KNOWN_CONFIG_SECTIONS: &[&str] = &["flowchart", "themeVariables", "elk", "architecture", "c4"];

/// The start of the first line (at or after `from`) that begins with a diagram keyword.
fn first_header_line(source: &str, from: usize) -> Option<usize> {
    let mut at = from;
    for line in source[from..].split_inclusive('\n') {
        let word = line.trim_start().split(|c: char| c.is_whitespace() || c == ';').next().unwrap_or("");
        if KNOWN_TYPES.iter().any(|(name, _)| *name == word) {
            return Some(at);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_title_and_config() {
        let src = "---\ntitle: Hello\nconfig:\n  theme: dark\n---\nflowchart LR\n";
        let mut d = vec![];
        let (fm, body) = split(src, &mut d);
        let fm = fm.unwrap();
        assert!(d.is_empty());
        assert_eq!(fm.title.as_deref(), Some("Hello"));
        assert!(fm.config.is_some());
        assert_eq!(&src[body..], "flowchart LR\n");
    }

    #[test]
    fn no_frontmatter_means_body_at_zero() {
        let mut d = vec![];
        assert_eq!(split("flowchart\n---\n", &mut d).1, 0);
        assert_eq!(split("", &mut d).1, 0);
    }

    #[test]
    fn unclosed_frontmatter_recovers_at_the_header() {
        let src = "---\ntitle: x\nflowchart TD\nA-->B\n";
        let mut d = vec![];
        let (_, body) = split(src, &mut d);
        assert_eq!(d[0].code, codes::FRONTMATTER_UNCLOSED);
        assert_eq!(&src[body..], "flowchart TD\nA-->B\n");
    }

    #[test]
    fn yaml_errors_are_located() {
        let src = "---\ntitle: [x\n---\nflowchart\n";
        let mut d = vec![];
        let (_, body) = split(src, &mut d);
        assert_eq!(d[0].code, codes::YAML_SYNTAX);
        assert!(d[0].span.start >= 4);
        assert_eq!(&src[body..], "flowchart\n");
    }
}
