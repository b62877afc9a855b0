//! Declarations: `group id(icon)[Title] in parent`, `service id(icon)[Title] in group`,
//! `service id "text"[Title]`, `junction id in group`.
//!
//! Icon and title are each optional, as in Mermaid. A title written without brackets
//! (`service db(database) My DB`) is an error, but is still used as the title, so the
//! drawing shows what was meant.

use super::ast::{Decl, DeclKind, IconRef, Stmt, StmtKind, Title};
use super::{PResult, Parser, ident};
use crate::source::Span;
use crate::syntax::codes;

pub(super) fn decl(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    let kind = if p.cur.eat("group") {
        DeclKind::Group
    } else if p.cur.eat("service") {
        DeclKind::Service
    } else {
        p.cur.eat("junction");
        DeclKind::Junction
    };
    let kw = kind.keyword();
    p.cur.skip_inline_ws();
    let Some(id) = ident(&mut p.cur) else {
        return Err(p.unexpected(&format!("an id after `{kw}`"), format!("write `{}`", example(kind))));
    };
    let mut d = Decl { kind, id, icon: None, title: None, parent: None };
    p.cur.skip_inline_ws();
    if kind == DeclKind::Junction {
        if matches!(p.cur.peek(), Some('(' | '[' | '"')) {
            // Reported, skipped, and the junction is still drawn.
            let at = p.cur.pos();
            let _ = p.unexpected(
                "`in` or the end of the line",
                "junctions have no icon or title: write `junction id` or `junction id in group`",
            );
            icon(p, DeclKind::Service);
            p.cur.skip_inline_ws();
            title(p);
            if p.cur.pos() == at {
                p.cur.set_pos(p.content_end());
            }
            p.cur.skip_inline_ws();
        }
    } else {
        d.icon = icon(p, kind);
        p.cur.skip_inline_ws();
        d.title = title(p);
        p.cur.skip_inline_ws();
    }
    if !at_in(p) && !p.at_end() && d.title.is_none() && kind != DeclKind::Junction {
        d.title = Some(bare_title(p));
        p.cur.skip_inline_ws();
    }
    if at_in(p) {
        p.cur.eat("in");
        p.cur.skip_inline_ws();
        match ident(&mut p.cur) {
            Some(parent) => d.parent = Some(parent),
            // Reported; the element is still drawn, at the top level.
            None => {
                let _ = p.unexpected("a group id after `in`", format!("write `{} in some_group`", d.id.name));
            }
        }
    }
    let span = p.cur.span_from(start);
    p.out.stmts.push(Stmt { span, kind: StmtKind::Decl(d) });
    Ok(())
}

fn example(kind: DeclKind) -> &'static str {
    match kind {
        DeclKind::Group => "group api(cloud)[API]",
        DeclKind::Service => "service db(database)[Database]",
        DeclKind::Junction => "junction hub",
    }
}

/// True at the `in` keyword (followed by a space, or ending the statement).
fn at_in(p: &Parser) -> bool {
    p.cur.starts_with("in")
        && (matches!(p.cur.slice(p.cur.pos() + 2, p.cur.pos() + 3), " " | "\t") || p.cur.pos() + 2 == p.content_end())
}

/// `(name)`, `("text")` or (services only) `"text"`.
fn icon(p: &mut Parser, kind: DeclKind) -> Option<IconRef> {
    let start = p.cur.pos();
    if p.cur.peek() == Some('"') {
        if kind == DeclKind::Group {
            let _ = p.unexpected(
                "`(icon)` or `[title]`",
                "a group takes an icon in parentheses, as in `group api(cloud)[API]`",
            );
            quoted(p, start);
            return None;
        }
        return quoted(p, start).map(IconRef::Text);
    }
    if p.cur.peek() != Some('(') {
        return None;
    }
    let line_end = p.cur.line_end();
    let Some(close) = p.cur.slice(start, line_end).find(')').map(|i| start + i) else {
        // Reported; the element is still drawn, without icon or title.
        let _ = p.error_help(
            codes::ARCH_UNCLOSED,
            Span::new(start, start + 1),
            "this `(` is not closed",
            "close the icon name with `)`, as in `(logos:aws-s3)`",
        );
        p.cur.set_pos(p.content_end());
        return None;
    };
    let raw = p.cur.slice(start + 1, close);
    let lead = raw.len() - raw.trim_start().len();
    let inner = raw.trim();
    let inner_start = start + 1 + lead;
    p.cur.set_pos(close + 1);
    if inner.is_empty() {
        let _ = p.error_help(
            codes::ARCH_UNEXPECTED,
            Span::new(start, close + 1),
            "the icon name is empty",
            "name an icon: a built-in (`cloud`, `database`, `disk`, `internet`, `server`) or `pack:name`",
        );
        return None;
    }
    if inner.len() >= 2 && inner.starts_with('"') && inner.ends_with('"') {
        // The older text-icon form `("text")`.
        let text = inner[1..inner.len() - 1].to_string();
        return Some(IconRef::Text(Title { text, span: Span::new(inner_start + 1, inner_start + inner.len() - 1) }));
    }
    if let Some(bad) = inner.chars().find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | ':'))) {
        let _ = p.error_help(
            codes::ARCH_UNEXPECTED,
            Span::new(inner_start, inner_start + inner.len()),
            format!("`{bad}` cannot be part of an icon name"),
            "an icon is a built-in name (`cloud`, `server`, …) or `pack:name` (letters, digits, `-`, `_`); for text in its place write `service id \"text\"[Title]`",
        );
        return None;
    }
    let span = Span::new(inner_start, inner_start + inner.len());
    Some(IconRef::Icon(super::ast::Ident { name: inner.to_string(), span }))
}

/// `"text"` starting at `start`; the span covers the text between the quotes. `None`
/// (reported, the rest of the line skipped) when it is not closed.
fn quoted(p: &mut Parser, start: usize) -> Option<Title> {
    let line_end = p.cur.line_end();
    let Some(close) = p.cur.slice(start + 1, line_end).find('"').map(|i| start + 1 + i) else {
        let _ = p.error_help(
            codes::ARCH_UNCLOSED,
            Span::new(start, start + 1),
            "this `\"` is not closed",
            "end the text with `\"`, as in `service db \"DB\"[Database]`",
        );
        p.cur.set_pos(p.content_end());
        return None;
    };
    p.cur.set_pos(close + 1);
    Some(Title { text: p.cur.slice(start + 1, close).to_string(), span: Span::new(start + 1, close) })
}

/// `[Title]`, `["Quoted"]` or `['Quoted']`.
fn title(p: &mut Parser) -> Option<Title> {
    let start = p.cur.pos();
    if p.cur.peek() != Some('[') {
        return None;
    }
    let Some(close) = closing_bracket(p, start) else {
        // Reported; the rest of the line is taken as the title, so the element is drawn.
        let _ = p.error_help(
            codes::ARCH_UNCLOSED,
            Span::new(start, start + 1),
            "this `[` is not closed",
            "close the title with `]`, as in `[My Database]`",
        );
        let end = p.content_end().max(start + 1);
        let t = bracket_text(p, start + 1, end);
        p.cur.set_pos(end);
        return Some(t);
    };
    p.cur.set_pos(close + 1);
    Some(bracket_text(p, start + 1, close))
}

/// The `]` closing the `[` at `open`, on the same line. A quoted title (`["a [b]"]`)
/// may hold `]`; `\"` inside it does not end it.
pub(super) fn closing_bracket(p: &Parser, open: usize) -> Option<usize> {
    let line = p.cur.slice(open + 1, p.cur.line_end());
    let body = line.trim_start();
    let lead = line.len() - body.len();
    if let Some(q) = body.chars().next().filter(|&c| c == '"' || c == '\'') {
        let mut escaped = false;
        for (i, c) in body.char_indices().skip(1) {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                let after = &body[i + 1..];
                if let Some(j) = after.find(']').filter(|&j| after[..j].trim().is_empty()) {
                    return Some(open + 1 + lead + i + 1 + j);
                }
                break;
            }
        }
    }
    line.find(']').map(|i| open + 1 + i)
}

/// The title text between `from` and `to` (the brackets' insides): trimmed, outer quotes
/// removed, `\"` unescaped.
pub(super) fn bracket_text(p: &Parser, from: usize, to: usize) -> Title {
    let raw = p.cur.slice(from, to);
    let lead = raw.len() - raw.trim_start().len();
    let t = raw.trim();
    let mut s = from + lead;
    let mut text = t;
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            text = &t[1..t.len() - 1];
            s += 1;
        }
    }
    let span = Span::new(s, s + text.len());
    Title { text: text.replace("\\\"", "\"").replace("\\'", "'"), span }
}

/// Words where the `[title]` should be: reported, and used as the title.
fn bare_title(p: &mut Parser) -> Title {
    let start = p.cur.pos();
    let end = p.content_end();
    let line = p.cur.slice(start, end);
    // Stop before a trailing `in group`.
    let cut = line.rfind(" in ").filter(|&i| !line[i + 4..].trim().is_empty() && !line[i + 4..].trim().contains(' '));
    let text_end = start + cut.map_or(line.len(), |i| i);
    let text = p.cur.slice(start, text_end).trim_end().to_string();
    let span = Span::new(start, start + text.len());
    p.diags.push(
        crate::diagnostic::Diagnostic::error(
            codes::ARCH_TITLE_WITHOUT_BRACKETS,
            span,
            "a title must be written in square brackets",
        )
        .with_help(format!("write `[{text}]`")),
    );
    p.cur.set_pos(span.end as usize);
    Title { text, span }
}
