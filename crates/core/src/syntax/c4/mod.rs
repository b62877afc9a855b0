//! The C4 parser (`C4Context`, `C4Container`, `C4Component`, `C4Dynamic`,
//! `C4Deployment`): macro calls read into a flat list.
//!
//! A statement is a macro call `Name(arg, "text", , $key="value")` (arguments in
//! `args.rs`), optionally followed by `{` opening a boundary's body, closed by `}`; the
//! `{` may stand on the next line, and a body may be written on one line. Besides calls:
//! `title …`, `accTitle: …`, `accDescr: …` / `accDescr { … }`, `direction LR`, `%%`
//! comments (own line or trailing) and `%%{init}%%` directives. A call's arguments stay
//! on its line, except that a line ending in `(` or `,` continues on the next one.
//!
//! Every error is reported where it is and the rest still parses: an unknown macro's
//! arguments and body are read (its contents are drawn), a `{` after an element still
//! opens a body whose `}` it matches, an unclosed string ends at the call's `)`. Aliases
//! are resolved later, in `model::lower::c4`.

mod args;
pub mod ast;

use crate::diagnostic::Diagnostic;
use crate::model::Direction;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::{Cursor, Misses, describe};
use crate::syntax::directive;
use crate::syntax::suggest::did_you_mean;

use ast::{C4Diagram, Call, Ident, Level, MACROS, Macro};

pub(crate) use crate::syntax::{PResult, Reported};

/// Boundaries nest at most this deep; deeper ones are drawn as part of their parent
/// (layout and rendering walk the nesting, and a pasted megabyte of `{` must not
/// exhaust anything).
pub const MAX_BOUNDARY_DEPTH: usize = 64;

/// Statement keywords that are not macros, for "did you mean …?".
const KEYWORDS: &[&str] = &["title", "accTitle", "accDescr", "direction"];

/// An open `{ … }` body.
struct Frame {
    /// The boundary call it belongs to; `None` for a body after something that is no
    /// boundary (reported), whose contents belong to the enclosing boundary.
    call: Option<usize>,
    /// The `{`.
    open: Span,
}

pub(crate) struct Parser<'s, 'd> {
    pub cur: Cursor<'s>,
    pub diags: &'d mut Vec<Diagnostic>,
    out: C4Diagram,
    misses: Misses,
    /// Open bodies, innermost last.
    frames: Vec<Frame>,
    /// Whether nesting past [`MAX_BOUNDARY_DEPTH`] was reported (once is enough).
    too_deep: bool,
}

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
        self.error_help(codes::C4_UNEXPECTED, span, msg, help)
    }

    /// The end of the current line without a trailing comment or spaces.
    fn content_end(&self) -> usize {
        let end = self.cur.line_end();
        let line = self.cur.slice(self.cur.pos(), end);
        let cut = line.find("%%").unwrap_or(line.len());
        self.cur.pos() + line[..cut].trim_end().len()
    }

    /// The boundary that statements written here belong to.
    fn parent(&self) -> Option<usize> {
        self.frames.iter().rev().find_map(|f| f.call)
    }
}

/// Parses the body of a C4 diagram, from byte `rest` (just after the header `keyword`)
/// to the end of the text.
pub fn parse(source: &str, keyword: &str, rest: usize, diags: &mut Vec<Diagnostic>) -> C4Diagram {
    let mut p = Parser {
        cur: Cursor::new(source, rest),
        diags,
        out: C4Diagram { level: Level::from_keyword(keyword), ..C4Diagram::default() },
        misses: Misses::default(),
        frames: Vec::new(),
        too_deep: false,
    };
    loop {
        p.cur.eat_while(char::is_whitespace);
        if p.cur.is_eof() {
            break;
        }
        let before = p.cur.pos();
        if p.cur.starts_with("%%{") {
            if let Some(cfg) = directive::parse(&mut p.cur, &mut p.misses, p.diags) {
                p.out.directives.push(cfg);
            }
        } else if p.cur.starts_with("%%") {
            p.cur.skip_to_line_end();
        } else if p.cur.peek() == Some('}') {
            close(&mut p);
        } else if p.cur.peek() == Some('{') {
            let open = p.cur.next_char_span();
            p.cur.bump();
            p.diags.push(
                Diagnostic::error(codes::C4_BODY_AFTER_ELEMENT, open, "this `{` follows no boundary")
                    .with_help("a body `{ … }` belongs after a boundary, as in `System_Boundary(b, \"Label\") {`; its contents are drawn where the `{` stands"),
            );
            p.frames.push(Frame { call: None, open });
        } else {
            match statement(&mut p) {
                Ok(true) => {}
                Ok(false) => after_statement(&mut p),
                Err(Reported) => p.cur.skip_to_line_end(),
            }
        }
        if p.cur.pos() == before {
            // Cannot happen (every branch reads a character), but never loop.
            p.cur.bump();
        }
    }
    for f in std::mem::take(&mut p.frames) {
        let mut d = Diagnostic::error(codes::C4_UNCLOSED_BOUNDARY, f.open, "this `{` is not closed")
            .with_help("close the body with `}`; everything after the `{` is drawn inside it");
        if let Some(c) = f.call {
            let call = &p.out.calls[c];
            let alias = call.text("alias").map_or("", |v| v.text.as_str());
            d.message = format!("the body of `{}({alias}, …)` is not closed", call.name.name);
            d = d.with_label(call.name.span, "the boundary it belongs to");
        }
        p.diags.push(d);
    }
    p.out
}

/// After a statement: only a comment, the end of the line or a `}` may follow.
fn after_statement(p: &mut Parser) {
    p.cur.skip_inline_ws_and_comment();
    if matches!(p.cur.peek(), None | Some('\n') | Some('}')) {
        return;
    }
    let start = p.cur.pos();
    let end = p.content_end();
    let span = if end > start { Span::new(start, end) } else { p.cur.next_char_span() };
    let shown: String = p.cur.slice(span.start as usize, span.end as usize).chars().take(40).collect();
    p.diags.push(
        Diagnostic::error(codes::C4_UNEXPECTED, span, format!("unexpected `{shown}` after the statement"))
            .with_help("put one statement on each line; a `%%` comment may follow it"),
    );
    p.cur.skip_to_line_end();
}

/// `}`: closes the innermost body.
fn close(p: &mut Parser) {
    let span = p.cur.next_char_span();
    p.cur.bump();
    if p.frames.pop().is_none() {
        p.diags.push(
            Diagnostic::error(codes::C4_STRAY_CLOSE, span, "this `}` closes nothing").with_help(
                "no boundary body is open here; remove it, or open one with `System_Boundary(b, \"Label\") {`",
            ),
        );
    }
}

/// One statement at the cursor. `Ok(true)` when it opened a body, so that more
/// statements may follow on the same line.
fn statement(p: &mut Parser) -> PResult<bool> {
    let start = p.cur.pos();
    let word_len = p.cur.rest().find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(p.cur.rest().len());
    let word = p.cur.slice(start, start + word_len);
    let after = p.cur.slice(start + word_len, start + word_len + 1);
    let spaced = after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']);
    match word {
        "title" if spaced || after == "%" => return title(p).map(|_| false),
        "accTitle" => return acc_title(p).map(|_| false),
        "accDescr" => return acc_descr(p).map(|_| false),
        "accDescription" if spaced => {
            // Mermaid's older one-line form.
            let text = line_text(p, start + word_len);
            p.out.acc_descr = Some(text);
            return Ok(false);
        }
        "direction" if spaced => return direction(p, start + word_len).map(|_| false),
        _ => {}
    }
    let name = Ident { name: word.to_string(), span: Span::new(start, start + word_len) };
    match ast::lookup(word) {
        Some(mac) => call(p, mac, name),
        None => unknown(p, name),
    }
}

/// `Name(args)`, and the `{` of a body after it.
fn call(p: &mut Parser, mac: Macro, name: Ident) -> PResult<bool> {
    p.cur.set_pos(name.span.end as usize);
    p.cur.skip_inline_ws();
    if p.cur.peek() != Some('(') {
        return Err(p.unexpected(
            &format!("`(` after `{}`", name.name),
            format!("write the arguments in parentheses: `{}`", mac.example(&name.name)),
        ));
    }
    let open = p.cur.next_char_span();
    p.cur.bump();
    let (args, close) = args::arguments(p, open);
    let params = args::bind(p, mac, &name, &args, close.unwrap_or(open));
    let span = Span::new(name.span.start as usize, p.cur.pos());
    let index = p.out.calls.len();
    if let Macro::Layout(dir) = mac {
        p.out.direction = Some(dir);
    }
    p.out.calls.push(Call { span, name, mac, args, params, parent: p.parent() });
    body(p, mac.is_boundary().then_some(index), true)
}

/// A `{` after a call (on its line, or for boundaries on a later one) opens a body.
/// `boundary` is the call's index when it is a boundary; `report` says whether a
/// missing or misplaced body is worth a diagnostic.
fn body(p: &mut Parser, boundary: Option<usize>, report: bool) -> PResult<bool> {
    let mut probe = p.cur.clone();
    probe.skip_inline_ws();
    let at = if probe.peek() == Some('{') {
        Some(probe.pos())
    } else if boundary.is_some() || !report {
        brace_on_later_line(&p.cur)
    } else {
        None
    };
    let Some(at) = at else {
        if let Some(c) = boundary.filter(|_| report) {
            let name = p.out.calls[c].name.clone();
            p.diags.push(
                Diagnostic::error(
                    codes::C4_BOUNDARY_WITHOUT_BODY,
                    name.span,
                    format!("`{}` needs a body in braces", name.name),
                )
                .with_help(
                    "write `{` after it and `}` after what it holds; without them it is drawn empty (Mermaid rejects it)",
                ),
            );
        }
        return Ok(false);
    };
    p.cur.set_pos(at + 1);
    let open = Span::new(at, at + 1);
    let mut call = boundary;
    if boundary.is_none() && report {
        let name = p.out.calls.last().map(|c| c.name.name.clone()).unwrap_or_default();
        p.diags.push(
            Diagnostic::error(codes::C4_BODY_AFTER_ELEMENT, open, format!("`{name}` is no boundary and takes no body"))
                .with_help("only `Boundary`, `Enterprise_Boundary`, `System_Boundary`, `Container_Boundary` and deployment nodes (`Deployment_Node`, `Node`, `Node_L`, `Node_R`) hold other elements; the contents are drawn where the `{` stands"),
        );
    }
    if call.is_some() && p.frames.iter().filter(|f| f.call.is_some()).count() >= MAX_BOUNDARY_DEPTH {
        if !p.too_deep {
            p.too_deep = true;
            p.diags.push(
                Diagnostic::error(
                    codes::C4_NESTING_TOO_DEEP,
                    open,
                    format!("boundaries nest more than {MAX_BOUNDARY_DEPTH} deep"),
                )
                .with_help("the contents of deeper boundaries are drawn in their parent"),
            );
        }
        call = None;
    }
    p.frames.push(Frame { call, open });
    Ok(true)
}

/// The `{` that starts the first line after `cur`'s that holds more than blanks and
/// comments, if that line starts with one.
fn brace_on_later_line(cur: &Cursor) -> Option<usize> {
    let mut probe = cur.clone();
    probe.skip_inline_ws_and_comment();
    if probe.peek() != Some('\n') {
        return None;
    }
    loop {
        probe.eat_while(char::is_whitespace);
        if probe.starts_with("%%") && !probe.starts_with("%%{") {
            probe.skip_to_line_end();
            continue;
        }
        return (probe.peek() == Some('{')).then(|| probe.pos());
    }
}

/// A word that is no macro: an unknown (probably misspelt) macro when a `(` follows,
/// whose arguments and body are still read; otherwise a line that is no C4 statement.
fn unknown(p: &mut Parser, name: Ident) -> PResult<bool> {
    let start = name.span.start as usize;
    let mut probe = p.cur.clone();
    probe.set_pos(name.span.end as usize);
    probe.skip_inline_ws();
    let shown: String = name.name.chars().take(40).collect();
    if !name.name.is_empty() && probe.peek() == Some('(') {
        let names = MACROS.iter().map(|(n, _)| *n);
        let help = did_you_mean(&name.name, names).unwrap_or_else(|| {
            "C4 elements are `Person`, `System`, `Container`, `Component` (with `Db`, `Queue` and `_Ext` variants), boundaries `Boundary`, `System_Boundary`, …, relations `Rel`, `BiRel`, `Rel_R`, …".to_string()
        });
        p.diags.push(
            Diagnostic::error(codes::C4_UNKNOWN_MACRO, name.span, format!("unknown C4 macro `{shown}`"))
                .with_help(help),
        );
        p.cur = probe;
        let open = p.cur.next_char_span();
        p.cur.bump();
        let _ = args::arguments(p, open);
        // A misspelt boundary's body is still read, so that its `}` matches.
        return body(p, None, false);
    }
    let end = p.content_end().max(start);
    let line = p.cur.slice(start, end);
    let line_span = Span::new(start, end);
    if ["-->", "->", "---", "==>", "-.->"].iter().any(|a| line.contains(a)) {
        return Err(p.error_help(
            codes::C4_UNEXPECTED,
            line_span,
            "this looks like a flowchart edge; C4 relations are macros",
            "write `Rel(from, to, \"label\")`, or `Rel_R`, `Rel_D`, … to say where `to` goes",
        ));
    }
    if matches!(name.name.as_str(), "subgraph" | "group" | "service" | "end") {
        return Err(p.error_help(
            codes::C4_UNEXPECTED,
            name.span,
            format!("`{shown}` belongs to another diagram type, not to C4"),
            "C4 groups elements with `System_Boundary(b, \"Label\") { … }` and declares them with `System(alias, \"Label\")`",
        ));
    }
    if name.name.is_empty() {
        return Err(p.unexpected(
            "a statement",
            "C4 statements are macro calls such as `Person(alias, \"Label\")`, or `title`, `accTitle`, `accDescr`",
        ));
    }
    let names = MACROS.iter().map(|(n, _)| *n).chain(KEYWORDS.iter().copied());
    let help = did_you_mean(&name.name, names).unwrap_or_else(|| {
        format!("C4 statements are macro calls, as in `Person({shown}, \"Label\")`; `title`, `accTitle` and `accDescr` are the others")
    });
    Err(p.error_help(codes::C4_UNEXPECTED, name.span, format!("`{shown}` does not start a C4 statement"), help))
}

/// The rest of the line after `at`, up to a `%%` comment, trimmed; the cursor moves
/// past it.
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

/// `direction LR` (Mermaid reads it in C4 diagrams too).
fn direction(p: &mut Parser, at: usize) -> PResult<()> {
    p.cur.set_pos(at);
    p.cur.skip_inline_ws();
    let start = p.cur.pos();
    p.cur.eat_while(|c| c.is_alphanumeric());
    let span = p.cur.span_from(start);
    let word = p.cur.slice(start, span.end as usize);
    match Direction::parse(word) {
        Some(d) => {
            p.out.direction = Some(d);
            Ok(())
        }
        None => {
            let shown: String = word.chars().take(40).collect();
            let (span, message) = if span.is_empty() {
                (Span::new(at - "direction".len(), at), "`direction` needs a direction after it".to_string())
            } else {
                (span, format!("`{shown}` is not a direction"))
            };
            Err(p.error_help(
                codes::BAD_DIRECTION,
                span,
                message,
                "write `direction TB`, `direction BT`, `direction LR` or `direction RL`",
            ))
        }
    }
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
        let body_start = p.cur.pos() + 1;
        let found = p.misses.find("accDescr}", p.cur.src(), body_start, p.cur.src().len(), "}");
        let Some(close) = found else {
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
