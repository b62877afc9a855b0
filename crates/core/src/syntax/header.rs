//! Diagram-type detection: the first word after frontmatter, comments and directives.
//!
//! Knows every type Mermaid has, so that a sequence diagram gets "not supported" rather
//! than "unknown", and a typo gets "did you mean `flowchart`?".

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::{Cursor, Misses};
use crate::syntax::directive;
use crate::syntax::suggest::did_you_mean;
use crate::syntax::yaml::YNode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    Flowchart,
    Architecture,
    C4,
    /// A Mermaid type Coral does not draw.
    Unsupported,
}

pub const KNOWN_TYPES: &[(&str, Support)] = &[
    ("flowchart", Support::Flowchart),
    ("graph", Support::Flowchart),
    ("flowchart-elk", Support::Flowchart),
    ("architecture-beta", Support::Architecture),
    ("C4Context", Support::C4),
    ("C4Container", Support::C4),
    ("C4Component", Support::C4),
    ("C4Dynamic", Support::C4),
    ("C4Deployment", Support::C4),
    ("sequenceDiagram", Support::Unsupported),
    ("classDiagram", Support::Unsupported),
    ("classDiagram-v2", Support::Unsupported),
    ("stateDiagram", Support::Unsupported),
    ("stateDiagram-v2", Support::Unsupported),
    ("erDiagram", Support::Unsupported),
    ("gantt", Support::Unsupported),
    ("pie", Support::Unsupported),
    ("journey", Support::Unsupported),
    ("gitGraph", Support::Unsupported),
    ("mindmap", Support::Unsupported),
    ("timeline", Support::Unsupported),
    ("quadrantChart", Support::Unsupported),
    ("requirementDiagram", Support::Unsupported),
    ("sankey-beta", Support::Unsupported),
    ("sankey", Support::Unsupported),
    ("xychart-beta", Support::Unsupported),
    ("xychart", Support::Unsupported),
    ("block-beta", Support::Unsupported),
    ("block", Support::Unsupported),
    ("packet-beta", Support::Unsupported),
    ("packet", Support::Unsupported),
    ("kanban", Support::Unsupported),
    ("radar-beta", Support::Unsupported),
    ("treemap-beta", Support::Unsupported),
    ("zenuml", Support::Unsupported),
    ("info", Support::Unsupported),
];

/// What came before the diagram's body.
#[derive(Debug)]
pub struct Header {
    /// `None` for empty text and for unknown or unsupported types (already reported).
    pub support: Option<Support>,
    pub keyword: String,
    pub span: Span,
    /// Configuration from directives met before the header, in order.
    pub directives: Vec<YNode>,
    /// Where the text after the keyword starts.
    pub rest: usize,
}

/// Finds the diagram keyword at or after `from`.
pub fn detect(source: &str, from: usize, diags: &mut Vec<Diagnostic>) -> Header {
    let mut cur = Cursor::new(source, from);
    let mut directives = Vec::new();
    let mut misses = Misses::default();
    loop {
        cur.eat_while(|c| c.is_whitespace() || c == ';');
        if cur.starts_with("%%{") {
            if let Some(cfg) = directive::parse(&mut cur, &mut misses, diags) {
                directives.push(cfg);
            }
        } else if cur.starts_with("%%") {
            cur.skip_to_line_end();
        } else {
            break;
        }
    }
    let start = cur.pos();
    cur.eat_while(|c| !c.is_whitespace() && c != ';' && c != '%');
    let span = cur.span_from(start);
    let word = cur.slice(span.start as usize, span.end as usize);
    let mut header = Header { support: None, keyword: word.to_string(), span, directives, rest: cur.pos() };
    if word.is_empty() {
        if !cur.is_eof() {
            diags.push(unknown(word, cur.next_char_span()));
        }
        return header;
    }
    match KNOWN_TYPES.iter().find(|(name, _)| *name == word).map(|&(_, s)| s) {
        Some(s @ (Support::Flowchart | Support::Architecture | Support::C4)) => header.support = Some(s),
        Some(Support::Unsupported) => {
            diags.push(
                Diagnostic::error(
                    codes::DIAGRAM_TYPE_UNSUPPORTED,
                    span,
                    format!("Coral does not draw `{word}` diagrams"),
                )
                .with_help("Coral draws `flowchart` (and `graph`), `architecture-beta` and C4 (`C4Context`, `C4Container`, `C4Component`, `C4Dynamic`, `C4Deployment`) diagrams"),
            );
        }
        None => diags.push(unknown(word, span)),
    }
    header
}

fn unknown(word: &str, span: Span) -> Diagnostic {
    let shown: String = word.chars().take(40).collect();
    let mut d = Diagnostic::error(codes::UNKNOWN_DIAGRAM_TYPE, span, format!("unknown diagram type `{shown}`"));
    if word == "---" {
        return d.with_help("frontmatter (`---` … `---`) must be the very first thing in the text, before any comment");
    }
    let names = KNOWN_TYPES.iter().map(|(n, _)| *n);
    d = match did_you_mean(word, names) {
        Some(h) => d.with_help(h),
        None => {
            d.with_help("start with `flowchart TD` (or `graph LR`, `flowchart-elk`, `architecture-beta`, `C4Context`); supported types: flowchart, graph, architecture-beta and the C4 types")
        }
    };
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_keyword_after_comments_and_directives() {
        let src = "\n%% hello\n%%{init: {theme: dark}}%%\nflowchart LR\n";
        let mut d = vec![];
        let h = detect(src, 0, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(h.support, Some(Support::Flowchart));
        assert_eq!(h.directives.len(), 1);
        assert_eq!(&src[h.span.range()], "flowchart");
    }

    #[test]
    fn c4_architecture_and_unknown() {
        for keyword in ["C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment"] {
            let mut d = vec![];
            let h = detect(&format!("{keyword}\n"), 0, &mut d);
            assert!(d.is_empty(), "{d:?}");
            assert_eq!((h.support, h.span), (Some(Support::C4), Span::new(0, keyword.len())));
        }
        let mut d = vec![];
        let h = detect("architecture-beta\n", 0, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(h.support, Some(Support::Architecture));
        let mut d = vec![];
        detect("flowchat TD", 0, &mut d);
        assert_eq!(d[0].code, codes::UNKNOWN_DIAGRAM_TYPE);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `flowchart`?"));
        let mut d = vec![];
        detect("%% first\n---\ntitle: x\n---\nflowchart TD\n", 0, &mut d);
        assert_eq!(d[0].code, codes::UNKNOWN_DIAGRAM_TYPE);
        assert!(d[0].help.as_deref().is_some_and(|h| h.starts_with("frontmatter")), "{d:?}");
    }

    #[test]
    fn empty_text_is_quiet() {
        let mut d = vec![];
        let h = detect("  \n %% just a comment\n", 0, &mut d);
        assert!(d.is_empty());
        assert_eq!(h.support, None);
    }
}
