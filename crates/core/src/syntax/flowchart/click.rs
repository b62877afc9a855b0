//! `click` statements: links (`click id href "url" "tooltip" _blank`, `click id "url"`)
//! and callbacks (`click id call fn()`, `click id fn`), which Coral reads but does not
//! run: a diagram must not execute code.

use super::ast::{ClickAction, Ident, Stmt, StmtKind};
use super::{PResult, Parser, node};
use crate::source::Span;
use crate::syntax::codes;

const TARGETS: &[&str] = &["_blank", "_self", "_parent", "_top"];

pub(super) fn click(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    p.cur.eat("click");
    let kw = p.cur.span_from(start);
    p.cur.skip_inline_ws();
    let Some(target) = node::ident(&mut p.cur) else {
        return Err(p.error_help(
            codes::MISSING_ARGUMENT,
            kw,
            "expected a node id after `click`",
            "write `click id href \"https://…\"`",
        ));
    };
    p.cur.skip_inline_ws();
    let action = if p.cur.peek() == Some('"') || p.cur.starts_with("href") {
        if p.cur.eat("href") {
            p.cur.skip_inline_ws();
        }
        let Some((url, url_span)) = string(p)? else {
            return Err(p.unexpected("a quoted URL"));
        };
        p.cur.skip_inline_ws();
        let tooltip = string(p)?.map(|(t, _)| t);
        p.cur.skip_inline_ws();
        let target = TARGETS.iter().find(|t| p.cur.starts_with(t)).map(|t| {
            p.cur.eat(t);
            t.to_string()
        });
        ClickAction::Link { url, url_span, tooltip, target }
    } else {
        if p.cur.starts_with("call ") || p.cur.starts_with("call\t") {
            p.cur.eat("call");
            p.cur.skip_inline_ws();
        }
        let Some(name) = node::ident(&mut p.cur) else {
            return Err(p.unexpected("`href`, a quoted URL or a callback name"));
        };
        // `fn(args)`: skip the argument list, quoted commas and all.
        if p.cur.peek() == Some('(') {
            let rest = p.cur.slice(p.cur.pos(), p.cur.line_end());
            let close = rest.find(')').map_or(rest.len(), |i| i + 1);
            p.cur.set_pos(p.cur.pos() + close);
        }
        p.cur.skip_inline_ws();
        let _tooltip = string(p)?;
        ClickAction::Callback { name: Ident { name: name.name, span: Span::new(start, p.cur.pos()) } }
    };
    let scope = p.scope();
    p.out.stmts.push(Stmt { scope, kind: StmtKind::Click { target, action } });
    Ok(())
}

/// A double-quoted string at the cursor, without its quotes.
fn string(p: &mut Parser) -> PResult<Option<(String, Span)>> {
    if p.cur.peek() != Some('"') {
        return Ok(None);
    }
    let start = p.cur.pos();
    let end = node::string_end(p, start)?;
    p.cur.set_pos(end);
    let inner = p.cur.slice(start + 1, end - 1).to_string();
    Ok(Some((inner, Span::new(start, end))))
}
