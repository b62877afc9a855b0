//! Edges: `a:R --> L:b`, `a:R -- L:b`, `a:B <--> T:b`, `a:L <-- R:b`, titled
//! `a:R -[title]- L:b` (with arrowheads too), and `{group}` on either end
//! (`a{group}:R --> L:b{group}`: the edge leaves or enters the box of that end's group).
//!
//! Spaces and tabs may stand between any two parts. An edge with a part missing or
//! wrong is reported and dropped; the rest of the diagram is still drawn.

use super::ast::{EdgeEnd, EdgeStmt, Stmt, StmtKind};
use super::decl::{bracket_text, closing_bracket};
use super::{PResult, Parser, ident};
use crate::model::Side;
use crate::source::Span;
use crate::syntax::codes;

pub(super) fn edge(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    let Some(from_id) = ident(&mut p.cur) else {
        return Err(p.unexpected("an id", "an edge starts with a service or junction id: `a:R --> L:b`"));
    };
    p.cur.skip_inline_ws();
    let from_group = group_modifier(p)?;
    p.cur.skip_inline_ws();
    if !p.cur.eat_char(':') {
        return Err(p.unexpected(
            &format!("`:` and a side after `{}`", from_id.name),
            format!("name the side the edge leaves from: `{}:R --> L:b`", from_id.name),
        ));
    }
    p.cur.skip_inline_ws();
    let (from_side, from_side_span) = side(p, &from_id.name)?;
    p.cur.skip_inline_ws();
    let arrow_start = p.cur.pos();
    let arrow_at_from = p.cur.eat_char('<') || p.cur.eat_char('>');
    let title = dashes(p)?;
    let arrow_at_to = p.cur.eat_char('>') || p.cur.eat_char('<');
    let arrow = p.cur.span_from(arrow_start);
    p.cur.skip_inline_ws();
    let to_side_start = p.cur.pos();
    let side_len = p.cur.eat_while(char::is_alphabetic);
    p.cur.set_pos(to_side_start);
    if side_len == 0 {
        return Err(p.unexpected("the side the edge enters (L, R, T or B)", "write the target as `L:b`, side first"));
    }
    let mut probe = p.cur.clone();
    probe.eat_while(char::is_alphabetic);
    probe.skip_inline_ws();
    if probe.peek() != Some(':') {
        let after = Span::new(to_side_start, to_side_start + side_len);
        let word = p.cur.slice(after.start as usize, after.end as usize).to_string();
        return Err(p.error_help(
            codes::ARCH_UNEXPECTED,
            after,
            format!("expected a side and `:` before the target, found `{word}`"),
            format!("write `L:{word}` (the side of `{word}` the edge enters, then `:`)"),
        ));
    }
    let (to_side, to_side_span) = side(p, "")?;
    p.cur.skip_inline_ws();
    p.cur.eat_char(':');
    p.cur.skip_inline_ws();
    let Some(to_id) = ident(&mut p.cur) else {
        return Err(p.unexpected("the target's id after `:`", "write `… --> L:b`, where `b` is a service or junction"));
    };
    let mut probe = p.cur.clone();
    probe.skip_inline_ws();
    let to_group = if probe.peek() == Some('{') {
        p.cur = probe;
        group_modifier(p)?
    } else {
        None
    };
    let span = p.cur.span_from(start);
    let e = EdgeStmt {
        from: EdgeEnd { id: from_id, group: from_group, side: from_side, side_span: from_side_span },
        to: EdgeEnd { id: to_id, group: to_group, side: to_side, side_span: to_side_span },
        arrow,
        arrow_at_from,
        arrow_at_to,
        title,
    };
    p.out.stmts.push(Stmt { span, kind: StmtKind::Edge(e) });
    Ok(())
}

/// `{group}`, if the text continues with `{`.
fn group_modifier(p: &mut Parser) -> PResult<Option<Span>> {
    if p.cur.peek() != Some('{') {
        return Ok(None);
    }
    let start = p.cur.pos();
    if p.cur.eat("{group}") {
        return Ok(Some(p.cur.span_from(start)));
    }
    let end = p.cur.slice(start, p.cur.line_end()).find('}').map_or(start + 1, |i| start + i + 1);
    let shown: String = p.cur.slice(start, end).chars().take(40).collect();
    Err(p.error_help(
        codes::ARCH_UNEXPECTED,
        Span::new(start, end),
        format!("`{shown}` is not an edge modifier"),
        "the only modifier is `{group}`, right after the id: `a{group}:R --> L:b`",
    ))
}

/// A side letter. `of` names the end, for the message (empty for the target side).
fn side(p: &mut Parser, of: &str) -> PResult<(Side, Span)> {
    let start = p.cur.pos();
    p.cur.eat_while(char::is_alphabetic);
    let span = p.cur.span_from(start);
    let word = p.cur.slice(start, span.end as usize);
    let side = match word {
        "L" => Some(Side::Left),
        "R" => Some(Side::Right),
        "T" => Some(Side::Top),
        "B" => Some(Side::Bottom),
        _ => None,
    };
    if let Some(s) = side {
        return Ok((s, span));
    }
    if word.is_empty() {
        let what = if of.is_empty() { "the target".to_string() } else { format!("`{of}`") };
        return Err(p.unexpected(
            &format!("a side of {what} (L, R, T or B)"),
            "sides are L (left), R (right), T (top) and B (bottom): `a:R --> L:b`",
        ));
    }
    let letter = match word.to_ascii_lowercase().as_str() {
        "l" | "left" => Some('L'),
        "r" | "right" => Some('R'),
        "t" | "top" | "u" | "up" => Some('T'),
        "b" | "bottom" | "d" | "down" => Some('B'),
        _ => None,
    };
    let shown: String = word.chars().take(40).collect();
    let help = match letter {
        Some(l) => format!("write `{l}`: sides are the upper-case letters L, R, T and B"),
        None => "sides are L (left), R (right), T (top) and B (bottom)".to_string(),
    };
    Err(p.error_help(codes::ARCH_BAD_SIDE, span, format!("`{shown}` is not a side"), help))
}

/// `--` or `-[title]-`; the title, if any.
fn dashes(p: &mut Parser) -> PResult<Option<super::ast::Title>> {
    let start = p.cur.pos();
    let is_arrow_char = |c: char| matches!(c, '-' | '.' | '=' | '~' | '>' | '<' | 'o' | 'x');
    if matches!(p.cur.peek(), Some('=' | '.' | '~')) {
        let end = start + p.cur.eat_while(is_arrow_char);
        return Err(p.error_help(
            codes::ARCH_BAD_ARROW,
            Span::new(start, end),
            "architecture edges have no thick, dotted or invisible strokes",
            "write `--`, `-->`, `<--` or `<-->`; for a titled edge `-[title]-`",
        ));
    }
    if !p.cur.eat_char('-') {
        return Err(p.unexpected(
            "an arrow (`--`, `-->`, `<--`, `<-->` or `-[title]-`)",
            "connect the sides with `--`: `a:R -- L:b`, or `-->` for an arrowhead",
        ));
    }
    if p.cur.eat_char('-') {
        if matches!(p.cur.peek(), Some('-' | '.' | '=')) {
            let end = p.cur.pos() + p.cur.eat_while(|c| matches!(c, '-' | '.' | '=' | '>'));
            return Err(p.error_help(
                codes::ARCH_BAD_ARROW,
                Span::new(start, end),
                "architecture edges are drawn with exactly two dashes",
                "write `--`, `-->`, `<--` or `<-->`; for a titled edge `-[title]-`",
            ));
        }
        return Ok(None);
    }
    if p.cur.peek() != Some('[') {
        let end = p.cur.pos() + p.cur.clone().eat_while(is_arrow_char);
        return Err(p.error_help(
            codes::ARCH_BAD_ARROW,
            Span::new(start, end.max(p.cur.next_char_span().end as usize)),
            "an architecture edge is `--`, or `-[title]-` with a title",
            "write `--` (or `-->`), or put the title in brackets: `-[reads]-`",
        ));
    }
    let open = p.cur.pos();
    let Some(close) = closing_bracket(p, open) else {
        return Err(p.error_help(
            codes::ARCH_UNCLOSED,
            Span::new(open, open + 1),
            "this `[` is not closed",
            "close the edge title with `]-`, as in `a:R -[reads]-> L:b`",
        ));
    };
    let title = bracket_text(p, open + 1, close);
    p.cur.set_pos(close + 1);
    if !p.cur.eat_char('-') {
        return Err(p.error_help(
            codes::ARCH_BAD_ARROW,
            Span::new(start, close + 1),
            "an edge title must be followed by `-`",
            format!("write `-[{}]-` (or `-[{}]->` for an arrowhead)", title.text, title.text),
        ));
    }
    Ok(Some(title))
}
