//! The `architecture-beta` parser: one statement per line, read into a flat list.
//!
//! Statements are `group`, `service`, `junction` (in `decl.rs`), edges `a:R --> L:b`
//! (in `edge.rs`), `title`, `accTitle`, `accDescr`, comments and `%%{init}%%`
//! directives. Tokens may be separated by spaces and tabs, a statement ends at the end
//! of its line (a `%%` comment may follow it), and any error skips to the end of the
//! line, so every other line still parses. Statements that belong to another diagram
//! type (`A --> B`, `subgraph`, `Rel(…)`) are recognised and get a hint saying how to
//! write them here. Names are resolved later, in `model::lower::architecture`.

pub mod ast;
mod decl;
mod edge;

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::{Cursor, Misses, describe};
use crate::syntax::directive;
use crate::syntax::suggest::did_you_mean;

use ast::{Architecture, Ident};

/// The statement keywords, for "did you mean …?".
const KEYWORDS: &[&str] = &["group", "service", "junction", "title", "accTitle", "accDescr"];

/// Words that start statements of other diagram types, and which type that is.
const FOREIGN: &[(&str, &str)] = &[
    ("subgraph", "flowchart"),
    ("end", "flowchart"),
    ("classDef", "flowchart"),
    ("class", "flowchart"),
    ("style", "flowchart"),
    ("linkStyle", "flowchart"),
    ("click", "flowchart"),
    ("direction", "flowchart"),
    ("participant", "sequence"),
    ("actor", "sequence"),
    ("Person", "C4"),
    ("Person_Ext", "C4"),
    ("System", "C4"),
    ("System_Ext", "C4"),
    ("SystemDb", "C4"),
    ("Container", "C4"),
    ("ContainerDb", "C4"),
    ("Component", "C4"),
    ("Boundary", "C4"),
    ("System_Boundary", "C4"),
    ("Enterprise_Boundary", "C4"),
    ("Container_Boundary", "C4"),
    ("Rel", "C4"),
    ("BiRel", "C4"),
];

pub(crate) struct Parser<'s, 'd> {
    pub cur: Cursor<'s>,
    pub diags: &'d mut Vec<Diagnostic>,
    pub out: Architecture,
    pub misses: Misses,
}

pub(crate) use crate::syntax::{PResult, Reported};

impl Parser<'_, '_> {
    pub fn error_help(
        &mut self,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Reported {
        self.diags.push(Diagnostic::error(code, span, message).with_help(help));
        Reported
    }

    /// "unexpected X; expected …" at the cursor, with a fix.
    pub fn unexpected(&mut self, expected: &str, help: impl Into<String>) -> Reported {
        let span = self.cur.next_char_span();
        let msg = format!("unexpected {}; expected {expected}", describe(self.cur.peek()));
        self.error_help(codes::ARCH_UNEXPECTED, span, msg, help)
    }

    /// True at the end of the statement: end of line or text, or a `%%` comment.
    pub fn at_end(&self) -> bool {
        let mut probe = self.cur.clone();
        probe.skip_inline_ws_and_comment();
        matches!(probe.peek(), None | Some('\n'))
    }

    /// The end of the current line without a trailing comment or spaces.
    pub fn content_end(&self) -> usize {
        let end = self.cur.line_end();
        let line = self.cur.slice(self.cur.pos(), end);
        let cut = line.find("%%").unwrap_or(line.len());
        self.cur.pos() + line[..cut].trim_end().len()
    }
}

/// An id: letters, digits, `_`, and single `-` inside (`api-gw`), never the `--` of an
/// arrow nor the `-[` of a titled one.
pub(crate) fn ident(cur: &mut Cursor) -> Option<Ident> {
    let start = cur.pos();
    loop {
        match cur.peek() {
            Some(c) if c.is_alphanumeric() || c == '_' => {
                cur.bump();
            }
            Some('-') if cur.pos() > start && cur.peek2().is_some_and(|c| c.is_alphanumeric() || c == '_') => {
                cur.bump();
            }
            _ => break,
        }
    }
    let span = cur.span_from(start);
    (!span.is_empty()).then(|| Ident { name: cur.slice(span.start as usize, span.end as usize).to_string(), span })
}

/// Parses the body of an architecture diagram, from byte `rest` (just after the
/// `architecture-beta` keyword) to the end of the text.
pub fn parse(source: &str, rest: usize, diags: &mut Vec<Diagnostic>) -> Architecture {
    let mut p =
        Parser { cur: Cursor::new(source, rest), diags, out: Architecture::default(), misses: Misses::default() };
    loop {
        p.cur.eat_while(char::is_whitespace);
        if p.cur.is_eof() {
            break;
        }
        if p.cur.starts_with("%%{") {
            if let Some(cfg) = directive::parse(&mut p.cur, &mut p.misses, p.diags) {
                p.out.directives.push(cfg);
            }
            continue;
        }
        if p.cur.starts_with("%%") {
            p.cur.skip_to_line_end();
            continue;
        }
        let before = p.cur.pos();
        if statement(&mut p).is_ok() && !p.at_end() {
            p.cur.skip_inline_ws();
            let end = p.content_end().max(p.cur.pos() + 1);
            let span = Span::new(p.cur.pos(), end.min(p.cur.line_end()).max(p.cur.pos()));
            let span = if span.is_empty() { p.cur.next_char_span() } else { span };
            let shown: String = p.cur.slice(span.start as usize, span.end as usize).chars().take(40).collect();
            p.diags.push(
                Diagnostic::error(codes::ARCH_UNEXPECTED, span, format!("unexpected `{shown}` after the statement"))
                    .with_help("put one statement on each line; a `%%` comment may follow it"),
            );
        }
        p.cur.skip_to_line_end();
        if p.cur.pos() == before {
            // Cannot happen (a statement always reads a character), but never loop.
            p.cur.bump();
        }
    }
    p.out
}

fn statement(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    let word_len =
        p.cur.rest().find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(p.cur.rest().len());
    let word = p.cur.slice(start, start + word_len);
    let after = p.cur.slice(start + word_len, start + word_len + 1);
    let spaced = after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']);
    match word {
        "group" | "service" | "junction" if spaced => return decl::decl(p),
        "title" if spaced || after == "%" => return title(p),
        "accTitle" => return acc_title(p),
        "accDescr" => return acc_descr(p),
        _ => {}
    }
    // An edge starts `id:` or `id{group}`, possibly with spaces between; a line with an
    // id, a `:` and dashes is taken as an edge with a mistake in it.
    if p.cur.peek() == Some(':') {
        return edge::edge(p);
    }
    let mut probe = p.cur.clone();
    if ident(&mut probe).is_some() {
        probe.skip_inline_ws();
        let line = p.cur.slice(p.cur.pos(), p.content_end());
        if matches!(probe.peek(), Some(':') | Some('{')) || (line.contains(':') && line.contains("--")) {
            return edge::edge(p);
        }
    }
    Err(foreign_or_unknown(p, word))
}

/// A line that is no architecture statement: say what it looks like and how to write it.
fn foreign_or_unknown(p: &mut Parser, word: &str) -> Reported {
    let start = p.cur.pos();
    let end = p.content_end().max(start);
    let line = p.cur.slice(start, end);
    let line_span = Span::new(start, end);
    let word_span = Span::new(start, start + word.len());
    let id = if word.is_empty() { "a".to_string() } else { word.chars().take(40).collect() };
    if let Some((_, kind)) = FOREIGN.iter().find(|(w, _)| *w == word) {
        let help = match *kind {
            "flowchart" => {
                "architecture diagrams group with `group g(cloud)[Title]` and `service s(server)[Title] in g`; they have no classes, styles or `end`"
            }
            "C4" => {
                "write the elements as `service id(icon)[Title]`, boundaries as `group id(icon)[Title]`, relations as `a:R --> L:b`, or start the diagram with `C4Context`"
            }
            _ => "write the parts as `service id(icon)[Title]` and connect them with `a:R --> L:b`",
        };
        return p.error_help(
            codes::ARCH_FOREIGN_STATEMENT,
            word_span,
            format!("`{word}` belongs to {kind} diagrams, not to `architecture-beta`"),
            help,
        );
    }
    let flow_arrows = ["-->", "---", "==>", "-.->", "~~~", "--o", "--x", "<--"];
    if flow_arrows.iter().any(|a| line.contains(a)) || (line.contains("--") && !line.contains(':')) {
        return p.error_help(
            codes::ARCH_FOREIGN_STATEMENT,
            line_span,
            "this looks like a flowchart edge; architecture edges name the side each end attaches to",
            format!("write `{id}:R --> L:other` (sides L, R, T, B), after declaring both ends with `service`"),
        );
    }
    let rest = p.cur.slice(start + word.len(), end);
    if !word.is_empty() && (rest.starts_with('[') || rest.starts_with('(') || rest.starts_with('{')) {
        return p.error_help(
            codes::ARCH_FOREIGN_STATEMENT,
            line_span,
            "this looks like a flowchart node; architecture diagrams declare services with a keyword",
            format!("write `service {id}(server)[Title]`"),
        );
    }
    if word.is_empty() {
        return p.unexpected(
            "a statement",
            "start the line with `group`, `service`, `junction`, `title`, `accTitle`, `accDescr` or an edge `a:R --> L:b`",
        );
    }
    let help = did_you_mean(word, KEYWORDS.iter().copied()).unwrap_or_else(|| {
        "start the line with `group`, `service`, `junction`, `title`, `accTitle`, `accDescr` or an edge `a:R --> L:b`"
            .to_string()
    });
    let shown: String = word.chars().take(40).collect();
    p.error_help(codes::ARCH_UNEXPECTED, word_span, format!("`{shown}` does not start an architecture statement"), help)
}

/// The rest of the line after `at`, up to a `%%` comment, trimmed.
fn line_text(p: &mut Parser, at: usize) -> String {
    p.cur.set_pos(at);
    let end = p.content_end();
    let text = p.cur.slice(at, end).trim().to_string();
    p.cur.set_pos(end);
    text
}

/// `title The text`.
fn title(p: &mut Parser) -> PResult<()> {
    let at = p.cur.pos() + "title".len();
    let text = line_text(p, at);
    p.out.title = (!text.is_empty()).then_some(text);
    Ok(())
}

/// `accTitle: text`.
fn acc_title(p: &mut Parser) -> PResult<()> {
    p.cur.eat("accTitle");
    p.cur.skip_inline_ws();
    if !p.cur.eat_char(':') {
        return Err(p.unexpected("`:` after `accTitle`", "write `accTitle: a short title for screen readers`"));
    }
    let at = p.cur.pos();
    p.out.acc_title = Some(line_text(p, at));
    Ok(())
}

/// `accDescr: text` or `accDescr { lines }`.
fn acc_descr(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    p.cur.eat("accDescr");
    p.cur.skip_inline_ws();
    if p.cur.peek() == Some('{') {
        let open = p.cur.pos();
        let body_start = open + 1;
        let found = p.misses.find("accDescr}", p.cur.src(), body_start, p.cur.src().len(), "}");
        let Some(close) = found else {
            p.cur.set_pos(body_start);
            let first = line_text(p, body_start);
            p.out.acc_descr = (!first.is_empty()).then_some(first);
            return Err(p.error_help(
                codes::UNCLOSED_ACC_DESCR,
                Span::new(start, body_start),
                "`accDescr {` is not closed",
                "end the description with `}`",
            ));
        };
        let body = p.cur.slice(body_start, close);
        let text = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        p.out.acc_descr = Some(text);
        p.cur.set_pos(close + 1);
        return Ok(());
    }
    if !p.cur.eat_char(':') {
        return Err(
            p.unexpected("`:` or `{` after `accDescr`", "write `accDescr: text` or `accDescr { several lines }`")
        );
    }
    let at = p.cur.pos();
    p.out.acc_descr = Some(line_text(p, at));
    Ok(())
}

#[cfg(test)]
mod tests;
