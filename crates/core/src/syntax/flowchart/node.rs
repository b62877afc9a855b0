//! Node references: `id`, `id[label]` and the other bracket shapes, `id@{ … }`,
//! `id:::class`.
//!
//! Ids follow Mermaid's lexer (see [`ident`]): letters, digits, `_` and the symbols it
//! allows, so `Multi-Cloud_Architecture`, `bfs1:queue` and `a.b` are ids while `A-->B`
//! and `A-.->B` are edges.

use super::ast::{Ident, Label, NodeRef};
use super::{PResult, Parser, shape_data};
use crate::diagnostic::Diagnostic;
use crate::model::Shape;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::{Cursor, describe};
use crate::syntax::label;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Symbols Mermaid's lexer takes into an id anywhere (its `NODE_STRING` class and the
/// `#`, `*` tokens an id may be made of).
fn is_id_symbol(c: char) -> bool {
    matches!(c, '!' | '?' | '$' | '\'' | '*' | '+' | '/' | '#' | '\\' | '`')
}

/// True when a dotted arrow's tail (`.->`, `..-`, …) starts at the cursor.
fn at_dotted_tail(cur: &Cursor) -> bool {
    let rest = cur.rest();
    let dots = rest.len() - rest.trim_start_matches('.').len();
    dots > 0 && rest[dots..].starts_with('-')
}

/// Reads an id at the cursor (empty → `None`, cursor unchanged), by Mermaid's rules:
/// letters (any script), digits, `_`, the symbols of [`is_id_symbol`], and inside an id
/// `:` (not `:::`), `&`, `,`, `%` (not `%%`), `.` (unless a dotted arrow starts there),
/// and `-`/`=` when an id character follows (so `A-->B`, `A==>B` and `A-.->B` are edges
/// and `Multi-Cloud_Architecture`, `bfs1:queue`, `a.b`, `p&q` are ids).
pub(super) fn ident(cur: &mut Cursor) -> Option<Ident> {
    ident_with(cur, true)
}

/// [`ident`] for comma-separated lists (`class a,b name`, `style a,b …`): no commas.
pub(super) fn list_ident(cur: &mut Cursor) -> Option<Ident> {
    ident_with(cur, false)
}

fn ident_with(cur: &mut Cursor, commas: bool) -> Option<Ident> {
    let start = cur.pos();
    while let Some(c) = cur.peek() {
        let inside = cur.pos() > start;
        let next = cur.peek2();
        let next_is_id = next.is_some_and(|n| is_word(n) || is_id_symbol(n));
        let take = match c {
            c if is_word(c) || is_id_symbol(c) => true,
            ':' => inside && !cur.starts_with(":::") && next_is_id,
            '&' | '%' => inside && next_is_id,
            ',' => commas && inside && next_is_id,
            '.' => !at_dotted_tail(cur) && (inside || next_is_id),
            '-' | '=' => inside && next_is_id,
            _ => false,
        };
        if !take {
            break;
        }
        cur.bump();
    }
    (cur.pos() > start).then(|| Ident { name: cur.slice(start, cur.pos()).to_string(), span: cur.span_from(start) })
}

/// A class name after `:::`, or in `class`/`classDef` (also allows `-`).
pub(super) fn class_name(cur: &mut Cursor) -> Option<Ident> {
    let start = cur.pos();
    cur.eat_while(|c| is_word(c) || c == '-');
    (cur.pos() > start).then(|| Ident { name: cur.slice(start, cur.pos()).to_string(), span: cur.span_from(start) })
}

/// Bracket shapes, longest opener first so `((` wins over `(`.
/// (opener, closers with their shapes)
const SHAPES: &[(&str, &[(&str, Shape)])] = &[
    ("(((", &[(")))", Shape::DoubleCircle)]),
    ("((", &[("))", Shape::Circle)]),
    ("([", &[("])", Shape::Stadium)]),
    ("(-", &[("-)", Shape::Ellipse)]),
    ("(", &[(")", Shape::Rounded)]),
    ("[[", &[("]]", Shape::Subroutine)]),
    ("[(", &[(")]", Shape::Cylinder)]),
    ("[/", &[("/]", Shape::LeanRight), ("\\]", Shape::Trapezoid)]),
    ("[\\", &[("\\]", Shape::LeanLeft), ("/]", Shape::InvTrapezoid)]),
    ("[", &[("]", Shape::Rect)]),
    ("{{", &[("}}", Shape::Hexagon)]),
    ("{", &[("}", Shape::Diamond)]),
    (">", &[("]", Shape::Asymmetric)]),
];

/// Words Mermaid's lexer takes as keywords wherever they start a token.
const KEYWORDS: &[&str] =
    &["classDef", "class", "click", "default", "end", "flowchart", "graph", "linkStyle", "style", "subgraph"];

/// Portability: an id that starts with a keyword followed by `.`, `-` or `/`
/// (`end.node`, `style-node`, `graph/node`) is read by Mermaid as that keyword, and the
/// diagram does not parse there. Coral draws the node and says so.
fn keyword_prefix(p: &mut Parser, id: &Ident) {
    let Some(k) = KEYWORDS
        .iter()
        .find(|k| id.name.starts_with(**k) && matches!(id.name.as_bytes().get(k.len()), Some(b'.' | b'-' | b'/')))
    else {
        return;
    };
    let start = id.span.start as usize;
    let portable: String = id.name.chars().map(|c| if matches!(c, '.' | '-' | '/') { '_' } else { c }).collect();
    p.diags.push(
        Diagnostic::warning(
            codes::MERMAID_REJECTS_KEYWORD_ID,
            Span::new(start, start + k.len() + 1),
            format!(
                "Mermaid reads `{k}` here as a keyword and rejects the diagram; Coral draws the node `{}`",
                id.name
            ),
        )
        .with_help(format!("rename the id so it works in Mermaid too, e.g. `{portable}`")),
    );
}

/// Portability: Mermaid's lexer ends an unquoted label at any bracket, `|` or `"` (they
/// open or close shapes, edge labels and strings), so `A[a () b]` and
/// `B(has "quotes" in it)` do not parse there. Coral reads the label up to its closer and
/// says so, with the quoted form that works in both.
fn unquoted_label_chars(p: &mut Parser, raw: &str, start: usize, opener: &str, closer: &str) {
    let Some(i) = raw.find(['[', ']', '(', ')', '{', '}', '|', '"']) else { return };
    let c = raw[i..].chars().next().unwrap_or('"');
    let quoted = raw.replace('"', "#quot;");
    p.diags.push(
        Diagnostic::warning(
            codes::MERMAID_REJECTS_LABEL_CHAR,
            Span::new(start + i, start + i + c.len_utf8()),
            format!("Mermaid rejects `{c}` in a label without quotes; Coral draws the label as written"),
        )
        .with_help(format!("quote the label so it works in Mermaid too: `{opener}\"{quoted}\"{closer}`")),
    );
}

/// Reads a node reference; `Ok(None)` when there is no id at the cursor.
pub(super) fn node_ref(p: &mut Parser) -> PResult<Option<NodeRef>> {
    let Some(id) = ident(&mut p.cur) else { return Ok(None) };
    keyword_prefix(p, &id);
    let mut node = NodeRef { span: id.span, id, shape: None, label: None, data: None, classes: Vec::new() };
    if let Some((shape, label)) = shape(p)? {
        node.shape = Some(shape);
        node.label = Some(label);
    }
    if p.cur.starts_with("@{") {
        node.data = Some(shape_data::parse(p)?);
    }
    while p.cur.starts_with(":::") {
        let at = p.cur.pos();
        p.cur.eat(":::");
        match class_name(&mut p.cur) {
            Some(c) => node.classes.push(c),
            None => {
                return Err(p.error(
                    codes::MISSING_ARGUMENT,
                    Span::new(at, at + 3),
                    "expected a class name after `:::`",
                ));
            }
        }
    }
    node.span = node.id.span.cover(Span::at(p.cur.pos()));
    // `A [label]` is not Mermaid: say so rather than "unexpected `[`".
    let mut probe = p.cur.clone();
    if probe.skip_inline_ws() > 0 && node.shape.is_none() && matches!(probe.peek(), Some('[' | '(' | '{')) {
        let span = probe.next_char_span();
        return Err(p.error_help(
            codes::UNEXPECTED,
            span,
            format!("unexpected {} after node `{}`", describe(probe.peek()), node.id.name),
            format!(
                "write the shape right after the id, without a space: `{}{}…`",
                node.id.name,
                probe.peek().unwrap_or('[')
            ),
        ));
    }
    Ok(Some(node))
}

/// A bracket shape with its label, if one starts at the cursor.
fn shape(p: &mut Parser) -> PResult<Option<(Shape, Label)>> {
    // `(-` opens the legacy ellipse only when the first `)` after it closes `-)`;
    // otherwise it is a round node whose label starts with a dash (`A(-5 °C)`).
    let ellipse = p.cur.starts_with("(-") && {
        let line = p.cur.slice(p.cur.pos() + 2, p.cur.line_end());
        line.find(')').is_some_and(|i| line[..i].ends_with('-'))
    };
    let Some(&(opener, closers)) = SHAPES.iter().find(|(o, _)| p.cur.starts_with(o) && (*o != "(-" || ellipse)) else {
        return Ok(None);
    };
    let open_at = p.cur.pos();
    p.cur.eat(opener);
    let content_start = p.cur.pos();
    let open_span = Span::new(open_at, content_start);
    // A quoted label may hold any bracket; find where it ends first.
    let mut probe = p.cur.clone();
    probe.skip_inline_ws();
    let search_from = if probe.peek() == Some('"') {
        let end = string_end(p, probe.pos())?;
        probe.set_pos(end);
        probe.skip_inline_ws();
        if !closers.iter().any(|(c, _)| probe.starts_with(c)) {
            let expected = closers.iter().map(|(c, _)| format!("`{c}`")).collect::<Vec<_>>().join(" or ");
            let span = probe.next_char_span();
            let msg = format!("unexpected {} after the label; expected {expected}", describe(probe.peek()));
            return Err(p.error_help(
                codes::UNCLOSED_SHAPE,
                span,
                msg,
                format!("close the shape opened with `{opener}`"),
            ));
        }
        probe.pos()
    } else {
        content_start
    };
    let src = p.cur.src();
    let line_end = p.cur.line_end_at(search_from);
    let found = closers
        .iter()
        .filter_map(|&(c, s)| p.misses.find(c, src, search_from, line_end, c).map(|i| (i - search_from, c, s)))
        .min_by_key(|&(i, _, _)| i);
    let Some((i, closer, shape)) = found else {
        let expected = closers.iter().map(|(c, _)| format!("`{c}`")).collect::<Vec<_>>().join(" or ");
        return Err(p.error_help(
            codes::UNCLOSED_SHAPE,
            open_span,
            format!("`{opener}` is not closed on this line"),
            format!("close it with {expected}; labels with brackets need quotes: `A[\"a [b]\"]`"),
        ));
    };
    let content_end = search_from + i;
    let raw = p.cur.slice(content_start, content_end);
    if search_from == content_start {
        unquoted_label_chars(p, raw, content_start, opener, closer);
    }
    let text = label::read(raw, content_start, p.diags, &mut p.icons);
    p.cur.set_pos(content_end + closer.len());
    Ok(Some((shape, Label { text, span: Span::new(content_start, content_end) })))
}

/// The end (after the closing quote) of the string starting at byte `at` (a `"`).
/// Strings may span lines, plain ones as markdown ones (`` "`…`" ``): Mermaid's lexer
/// reads a string up to the next quote, and people break long labels that way.
pub(super) fn string_end(p: &mut Parser, at: usize) -> PResult<usize> {
    let src = p.cur.src();
    let rest = p.cur.slice(at + 1, usize::MAX);
    if rest.starts_with('`') {
        if let Some(i) = p.misses.find("`\"", src, at + 2, src.len(), "`\"") {
            return Ok(i + 2);
        }
    } else if let Some(i) = p.misses.find("\"", src, at + 1, src.len(), "\"") {
        return Ok(i + 1);
    }
    let help = if rest.starts_with('`') { "close the markdown string with `` `\" ``" } else { "close it with `\"`" };
    Err(p.error_help(codes::UNTERMINATED_STRING, Span::new(at, at + 1), "unterminated string", help))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Option<String> {
        ident(&mut Cursor::new(s, 0)).map(|i| i.name)
    }

    #[test]
    fn ids_stop_at_arrows() {
        assert_eq!(id("Multi-Cloud_Architecture -->").as_deref(), Some("Multi-Cloud_Architecture"));
        assert_eq!(id("A-->B").as_deref(), Some("A"));
        assert_eq!(id("A-.->B").as_deref(), Some("A"));
        assert_eq!(id("v1.2[x]").as_deref(), Some("v1.2"));
        assert_eq!(id("é_ü").as_deref(), Some("é_ü"));
        assert_eq!(id("-->"), None);
        assert_eq!(id("A---B").as_deref(), Some("A"));
        assert_eq!(id("A==>B").as_deref(), Some("A"));
        assert_eq!(id("A.->B").as_deref(), Some("A"));
        assert_eq!(id("A:::cls").as_deref(), Some("A"));
    }

    #[test]
    fn ids_take_the_punctuation_mermaid_allows() {
        for s in ["bfs1:queue", "a.b", "a-b", "c/d", "x*y", "p&q", "a,b", "#", "*", "a\\b", "a=b", "v1.2.3", "50%off"] {
            assert_eq!(id(&format!("{s} --> z")).as_deref(), Some(s), "{s}");
        }
        // Not at the end of an id: `:`, `&`, `,`, `-` need an id character after them.
        assert_eq!(id("a: b").as_deref(), Some("a"));
        assert_eq!(id("a & b").as_deref(), Some("a"));
        assert_eq!(id("a- b").as_deref(), Some("a"));
        assert_eq!(list_ident(&mut Cursor::new("a,b", 0)).map(|i| i.name).as_deref(), Some("a"));
    }
}
