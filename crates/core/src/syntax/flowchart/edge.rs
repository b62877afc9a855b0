//! Edges between node groups: `-->`, `---`, `-.->` (and `.->`), `==>`, `~~~`, their
//! `o`/`x`/`<` ends, longer forms (`--->`, `-..->`, `====>`), and labels (`-- text -->`,
//! glued `--text-->`, `-->|text|`).
//!
//! Lengths follow Mermaid: one rank per extra `-`/`=`/`.` (`-->` 1, `--->` 2, `-..->` 2),
//! capped at 10. As in Mermaid, an `o` or `x` right after a line is its end marker
//! (`A---oB` is a circle end); when a letter follows, we warn, since the user probably
//! meant a node named `o…`.

use super::ast::{Ident, Label, Link};
use super::{PResult, Parser};
use crate::diagnostic::Diagnostic;
use crate::model::{Marker, Stroke};
use crate::source::Span;
use crate::syntax::cursor::Cursor;
use crate::syntax::{codes, label};

const MAX_LENGTH: u32 = 10;

/// True when an arrow starts at the cursor.
pub(super) fn at_arrow(cur: &Cursor) -> bool {
    let (a, b) = (cur.peek(), cur.peek2());
    match a {
        Some('-' | '=') => true,
        Some('~') => b == Some('~'),
        Some('.') => dotted_from_dots(cur.rest()),
        Some('<' | 'o' | 'x') => match b {
            Some('-' | '=') => true,
            Some('.') => dotted_from_dots(&cur.rest()[1..]),
            _ => false,
        },
        _ => false,
    }
}

/// `.->`, `..-`: a dotted arrow written without its first dash (Mermaid's lexer makes
/// that dash optional).
fn dotted_from_dots(rest: &str) -> bool {
    let after = rest.trim_start_matches('.');
    after.len() < rest.len() && after.starts_with('-')
}

fn marker_of(c: char) -> Marker {
    match c {
        'o' => Marker::Circle,
        'x' => Marker::Cross,
        _ => Marker::Arrow,
    }
}

/// Reads an arrow (and its label) at the cursor. `Ok(None)` if none starts here.
pub(super) fn link(p: &mut Parser, id: Option<Ident>) -> PResult<Option<Link>> {
    if !at_arrow(&p.cur) {
        return Ok(None);
    }
    let start = p.cur.pos();
    let mut start_marker = Marker::None;
    if let Some(c @ ('<' | 'o' | 'x')) = p.cur.peek() {
        start_marker = marker_of(c);
        p.cur.bump();
    }
    let mut link = Link {
        id,
        span: Span::at(start),
        stroke: Stroke::Normal,
        start: start_marker,
        end: Marker::None,
        length: 1,
        label: None,
    };
    match p.cur.peek() {
        Some('.') => {
            // `.->`: the dots, then the dash `dotted_from_dots` saw.
            link.stroke = Stroke::Dotted;
            link.length = p.cur.eat_while(|c| c == '.') as u32;
            p.cur.eat_char('-');
            end_marker(p, &mut link);
        }
        Some('-') => dashes(p, &mut link, start)?,
        Some('=') => equals(p, &mut link, start)?,
        Some('~') => {
            let n = p.cur.eat_while(|c| c == '~');
            if n < 3 {
                return Err(bad_arrow(p, start, "`~~` is not an arrow", "an invisible link is `~~~`"));
            }
            link.stroke = Stroke::Invisible;
            link.length = n as u32 - 2;
        }
        _ => {
            return Err(bad_arrow(
                p,
                start,
                "incomplete arrow",
                "arrows look like `-->`, `---`, `-.->`, `==>` or `~~~`",
            ));
        }
    }
    link.length = link.length.clamp(1, MAX_LENGTH);
    link.span = p.cur.span_from(start);
    pipe_label(p, &mut link)?;
    Ok(Some(link))
}

fn bad_arrow(p: &mut Parser, start: usize, msg: &str, help: &str) -> super::Reported {
    let span = Span::new(start, p.cur.pos().max(start + 1));
    p.error_help(codes::BAD_ARROW, span, msg, help)
}

/// After `o`/`x` ends: warn when a letter follows (`A---oB`).
fn end_marker(p: &mut Parser, link: &mut Link) {
    if let Some(c @ ('>' | 'o' | 'x')) = p.cur.peek() {
        let at = p.cur.pos();
        p.cur.bump();
        link.end = marker_of(c);
        if c != '>' && p.cur.peek().is_some_and(char::is_alphanumeric) {
            let kind = if c == 'o' { "circle" } else { "cross" };
            p.diags.push(
                Diagnostic::warning(
                    codes::ARROW_EATS_LETTER,
                    Span::new(at, at + 1),
                    format!("`{c}` here ends the edge with a {kind}, as in Mermaid"),
                )
                .with_help(format!("if `{c}…` is a node id, put a space before it")),
            );
        }
    }
}

/// `-->`, `---`, `--x`, `-.->`, `-. text .->`, `-- text -->`.
fn dashes(p: &mut Parser, link: &mut Link, start: usize) -> PResult<()> {
    let n = p.cur.eat_while(|c| c == '-') as u32;
    if n == 1 && p.cur.peek() == Some('.') {
        link.stroke = Stroke::Dotted;
        let dots = p.cur.eat_while(|c| c == '.') as u32;
        if p.cur.eat_char('-') {
            link.length = dots;
            end_marker(p, link);
            return Ok(());
        }
        // `-. text .->`, and glued to the arrow, `-.text.->`.
        if dots == 1 && p.cur.peek().is_some_and(|c| !matches!(c, '\n' | '\r')) {
            return text_label(p, link, start, Closer::Dotted);
        }
        return Err(bad_arrow(
            p,
            start,
            "incomplete dotted arrow",
            "a dotted link is `-.-` or `-.->`, with a label `-. text .->`",
        ));
    }
    if n < 2 {
        return Err(bad_arrow(p, start, "`-` alone is not an arrow", "arrows look like `-->`, `---` or `-.->`"));
    }
    match p.cur.peek() {
        Some('>' | 'o' | 'x') => {
            link.length = n - 1;
            end_marker(p, link);
        }
        _ if n >= 3 => link.length = n - 2,
        // `-- text -->`, and glued to the arrow, `--text-->`.
        Some(c) if !matches!(c, '\n' | '\r') => return text_label(p, link, start, Closer::Dashes),
        _ => {
            return Err(bad_arrow(
                p,
                start,
                "incomplete arrow `--`",
                "write `-->` for an arrow, `---` for a line, or `-- text -->` for a label",
            ));
        }
    }
    Ok(())
}

/// `==>`, `===`, `== text ==>`.
fn equals(p: &mut Parser, link: &mut Link, start: usize) -> PResult<()> {
    link.stroke = Stroke::Thick;
    let n = p.cur.eat_while(|c| c == '=') as u32;
    if n < 2 {
        return Err(bad_arrow(p, start, "`=` alone is not an arrow", "a thick link is `==>` or `===`"));
    }
    match p.cur.peek() {
        Some('>' | 'o' | 'x') => {
            link.length = n - 1;
            end_marker(p, link);
        }
        _ if n >= 3 => link.length = n - 2,
        Some(c) if !matches!(c, '\n' | '\r') => return text_label(p, link, start, Closer::Equals),
        _ => {
            return Err(bad_arrow(
                p,
                start,
                "incomplete arrow `==`",
                "write `==>` for a thick arrow, `===` for a thick line, or `== text ==>`",
            ));
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Closer {
    Dashes,
    Equals,
    Dotted,
}

/// Finds the closing half of a labelled edge in `hay`: (offset, length, run length, end).
fn find_closer(hay: &str, kind: Closer) -> Option<(usize, usize, u32, Option<char>)> {
    let b = hay.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match kind {
            Closer::Dashes | Closer::Equals => {
                let ch = if kind == Closer::Dashes { b'-' } else { b'=' };
                if b[i] == ch {
                    let run_start = i;
                    while i < b.len() && b[i] == ch {
                        i += 1;
                    }
                    let n = i - run_start;
                    let end = b.get(i).copied().filter(|c| matches!(c, b'>' | b'o' | b'x'));
                    if n >= 2 && end.is_some() {
                        return Some((run_start, n + 1, n as u32 - 1, end.map(char::from)));
                    }
                    if n >= 3 {
                        return Some((run_start, n, n as u32 - 2, None));
                    }
                    continue;
                }
            }
            Closer::Dotted => {
                if b[i] == b'.' {
                    let run_start = i;
                    while i < b.len() && b[i] == b'.' {
                        i += 1;
                    }
                    if b.get(i) == Some(&b'-') {
                        let end = b.get(i + 1).copied().filter(|c| matches!(c, b'>' | b'o' | b'x'));
                        let len = i + 1 - run_start + usize::from(end.is_some());
                        return Some((run_start, len, (i - run_start) as u32, end.map(char::from)));
                    }
                    continue;
                }
            }
        }
        i += 1;
    }
    None
}

/// The `text -->` part of `-- text -->` (and the thick and dotted forms).
fn text_label(p: &mut Parser, link: &mut Link, start: usize, kind: Closer) -> PResult<()> {
    let text_start = p.cur.pos();
    let line_end = p.cur.line_end();
    let hay = p.cur.slice(text_start, line_end);
    let name = match kind {
        Closer::Dashes => "-- closer",
        Closer::Equals => "== closer",
        Closer::Dotted => ".- closer",
    };
    let mut closer = None;
    p.misses.search(name, text_start, line_end, |_| {
        closer = find_closer(hay, kind);
        closer.map(|_| 0)
    });
    let Some((off, len, length, end)) = closer else {
        let (open, close) = match kind {
            Closer::Dashes => ("--", "`-->` or `---`"),
            Closer::Equals => ("==", "`==>` or `===`"),
            Closer::Dotted => ("-.", "`.->` or `.-`"),
        };
        let span = Span::new(start, text_start);
        return Err(p.error_help(
            codes::UNCLOSED_EDGE_LABEL,
            span,
            format!("the edge label after `{open}` is not closed"),
            format!(
                "finish the edge with {close} on the same line, as in `A {open} text {}B`",
                &close[1..close.len().min(4)]
            ),
        ));
    };
    let raw = p.cur.slice(text_start, text_start + off);
    let text = label::read(raw, text_start, p.diags, &mut p.icons);
    let lead = raw.len() - raw.trim_start().len();
    let span = Span::new(text_start + lead, text_start + lead + raw.trim().len());
    link.label = Some(Label { text, span });
    link.length = length;
    p.cur.set_pos(text_start + off + len);
    if let Some(c) = end {
        link.end = marker_of(c);
    }
    Ok(())
}

/// `|text|` right after an arrow.
fn pipe_label(p: &mut Parser, link: &mut Link) -> PResult<()> {
    let mut probe = p.cur.clone();
    probe.skip_inline_ws();
    if probe.peek() != Some('|') {
        return Ok(());
    }
    let open = probe.pos();
    probe.bump();
    let content_start = probe.pos();
    probe.skip_inline_ws();
    let search_from = if probe.peek() == Some('"') { super::node::string_end(p, probe.pos())? } else { content_start };
    let src = p.cur.src();
    let line_end = p.cur.line_end_at(search_from);
    let Some(i) = p.misses.find("|", src, search_from, line_end, "|").map(|at| at - search_from) else {
        return Err(p.error_help(
            codes::UNCLOSED_EDGE_LABEL,
            Span::new(open, open + 1),
            "the edge label `|…` is not closed",
            "close it with `|`",
        ));
    };
    let content_end = search_from + i;
    let text = label::read(p.cur.slice(content_start, content_end), content_start, p.diags, &mut p.icons);
    if let Some(old) = &link.label {
        p.diags.push(
            Diagnostic::warning(
                codes::DOUBLE_EDGE_LABEL,
                Span::new(open, content_end + 1),
                "this edge already has a label; the `|…|` one is used",
            )
            .with_label(old.span, "first label"),
        );
    }
    link.label = Some(Label { text, span: Span::new(content_start, content_end) });
    p.cur.set_pos(content_end + 1);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closers() {
        assert_eq!(find_closer(" text --> B", Closer::Dashes), Some((6, 3, 1, Some('>'))));
        assert_eq!(find_closer(" a--b ---- B", Closer::Dashes), Some((6, 4, 2, None)));
        assert_eq!(find_closer(" t ==x B", Closer::Equals), Some((3, 3, 1, Some('x'))));
        assert_eq!(find_closer(" t ..-> B", Closer::Dotted), Some((3, 4, 2, Some('>'))));
        assert_eq!(find_closer(" t .- B", Closer::Dotted), Some((3, 2, 1, None)));
        assert_eq!(find_closer(" t -- B", Closer::Dashes), None);
    }
}
