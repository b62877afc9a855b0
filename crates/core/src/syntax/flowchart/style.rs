//! Styling statements: `style`, `classDef`, `class` and `linkStyle`.
//!
//! Only the syntax is read here; the style text is checked and resolved onto nodes,
//! clusters and edges in lowering, where every target is known.

use super::ast::{Css, Ident, LinkIndex, Stmt, StmtKind};
use super::{PResult, Parser, node};
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::Cursor;

/// Consumes `kw` and the whitespace after it; returns the keyword's span.
fn keyword(p: &mut Parser, kw: &str) -> Span {
    let start = p.cur.pos();
    p.cur.eat(kw);
    let span = p.cur.span_from(start);
    p.cur.skip_inline_ws();
    span
}

/// `a,b , c` with `read` for each item.
fn list(p: &mut Parser, what: &str, after: Span, read: fn(&mut Cursor) -> Option<Ident>) -> PResult<Vec<Ident>> {
    let mut out = Vec::new();
    loop {
        match read(&mut p.cur) {
            Some(i) => out.push(i),
            None if out.is_empty() && (p.cur.at_statement_end() || p.cur.starts_with("%%")) => {
                return Err(p.error_help(
                    codes::MISSING_ARGUMENT,
                    after,
                    format!("expected {what} after this"),
                    format!("add {what}"),
                ));
            }
            None => return Err(p.unexpected(what)),
        }
        let mut probe = p.cur.clone();
        probe.skip_inline_ws();
        if !probe.eat_char(',') {
            return Ok(out);
        }
        probe.skip_inline_ws();
        p.cur = probe;
    }
}

/// The style text up to the end of the statement (a `;`, line break or `%%` comment).
fn css(p: &mut Parser) -> Css {
    let start = p.cur.pos();
    let rest = p.cur.slice(start, p.cur.line_end());
    let mut end = rest.find(';').unwrap_or(rest.len());
    if let Some(c) = rest[..end].find("%%") {
        end = c;
    }
    let text = rest[..end].trim_end();
    p.cur.set_pos(start + text.len());
    Css { text: text.to_string(), start }
}

fn push(p: &mut Parser, kind: StmtKind) {
    let scope = p.scope();
    p.out.stmts.push(Stmt { scope, kind });
}

/// `style id fill:#f9f,stroke:#333`.
pub(super) fn style(p: &mut Parser) -> PResult<()> {
    let kw = keyword(p, "style");
    let targets = list(p, "a node or subgraph id", kw, node::list_ident)?;
    p.cur.skip_inline_ws();
    let css = css(p);
    push(p, StmtKind::Style { targets, css });
    Ok(())
}

/// `classDef name[,name…] fill:#f9f`.
pub(super) fn class_def(p: &mut Parser) -> PResult<()> {
    let kw = keyword(p, "classDef");
    let names = list(p, "a class name", kw, node::class_name)?;
    p.cur.skip_inline_ws();
    let css = css(p);
    push(p, StmtKind::ClassDef { names, css });
    Ok(())
}

/// `class a,b name`.
pub(super) fn class(p: &mut Parser) -> PResult<()> {
    let kw = keyword(p, "class");
    let targets = list(p, "a node id", kw, node::list_ident)?;
    let after = targets.last().map_or(kw, |t| t.span);
    p.cur.skip_inline_ws();
    let classes = list(p, "a class name", after, node::class_name)?;
    push(p, StmtKind::Class { targets, classes });
    Ok(())
}

fn link_index(cur: &mut Cursor) -> Option<Ident> {
    let start = cur.pos();
    if cur.eat("default") {
        return Some(Ident { name: "default".into(), span: cur.span_from(start) });
    }
    cur.eat_while(|c| c.is_ascii_digit());
    (cur.pos() > start).then(|| Ident { name: cur.slice(start, cur.pos()).to_string(), span: cur.span_from(start) })
}

/// `linkStyle 0,3 stroke:#f00`, `linkStyle default interpolate basis stroke:…`.
pub(super) fn link_style(p: &mut Parser) -> PResult<()> {
    let kw = keyword(p, "linkStyle");
    let raw = list(p, "an edge number or `default`", kw, link_index)?;
    let indices = raw
        .into_iter()
        .map(|i| match i.name.parse::<usize>() {
            Ok(n) => LinkIndex::Index(n, i.span),
            // `default`, or a number too large for any diagram.
            Err(_) if i.name == "default" => LinkIndex::Default(i.span),
            Err(_) => LinkIndex::Index(usize::MAX, i.span),
        })
        .collect();
    p.cur.skip_inline_ws();
    let mut curve = None;
    if p.cur.starts_with("interpolate") {
        let at = p.cur.pos();
        p.cur.eat("interpolate");
        p.cur.skip_inline_ws();
        let start = p.cur.pos();
        p.cur.eat_while(|c| c.is_alphanumeric());
        if p.cur.pos() == start {
            return Err(p.error(
                codes::MISSING_ARGUMENT,
                Span::new(at, start),
                "expected a curve name after `interpolate`",
            ));
        }
        curve = Some(Ident { name: p.cur.slice(start, p.cur.pos()).to_string(), span: p.cur.span_from(start) });
        p.cur.skip_inline_ws();
    }
    let css = css(p);
    let css = (!css.text.is_empty()).then_some(css);
    push(p, StmtKind::LinkStyle { indices, curve, css });
    Ok(())
}
