//! Node and edge statements: `A`, `A --> B`, chains `A --> B --> C`, fan-out with `&`
//! on either side, and edge ids `A e1@--> B`.

use super::ast::{Chain, Ident, NodeRef, Stmt, StmtKind};
use super::{PResult, Parser, edge, node};
use crate::source::Span;
use crate::syntax::codes;

pub(super) fn statement(p: &mut Parser) -> PResult<()> {
    let mut chain = Chain::default();
    let result = read(p, &mut chain);
    // Keep what was read before an error: those nodes still exist.
    if !chain.groups.is_empty() {
        let scope = p.scope();
        p.out.stmts.push(Stmt { scope, kind: StmtKind::Chain(chain) });
    }
    result
}

fn read(p: &mut Parser, chain: &mut Chain) -> PResult<()> {
    let first = group(p)?;
    if first.is_empty() {
        return Err(p.unexpected("a node id or a statement"));
    }
    chain.groups.push(first);
    loop {
        let mut probe = p.cur.clone();
        probe.skip_inline_ws();
        if probe.at_statement_end() || probe.starts_with("%%") {
            match continued(&probe) {
                Some(next) => probe = next,
                None => return Ok(()),
            }
        }
        p.cur = probe;
        let id = edge_id(p);
        let Some(link) = edge::link(p, id)? else {
            return Err(p.unexpected("an arrow such as `-->`, `&` or the end of the statement"));
        };
        p.cur.skip_inline_ws();
        // `A -->` at the end of a line continues with its target on the next.
        if matches!(p.cur.peek(), Some('\n' | '\r')) {
            let mut next = p.cur.clone();
            next.eat_while(char::is_whitespace);
            if !next.is_eof() && !next.starts_with("%%") {
                p.cur = next;
            }
        }
        let link_span = link.span;
        let target = group(p)?;
        if target.is_empty() {
            return Err(p.error_help(
                codes::EDGE_WITHOUT_TARGET,
                link_span,
                "this edge has no target",
                "name the node it points to, as in `A --> B`",
            ));
        }
        chain.links.push(link);
        chain.groups.push(target);
    }
}

/// A statement continued on the next line: after a line break (and blank lines), a line
/// that starts with an arrow (`-->`, `==>`, `-.->`, `.->`, `~~~`, `<-->`) carries on the
/// edge chain, as Mermaid's lexer reads an arrow with the whitespace around it. Returns
/// the cursor at that arrow.
fn continued<'s>(at: &crate::syntax::cursor::Cursor<'s>) -> Option<crate::syntax::cursor::Cursor<'s>> {
    if !matches!(at.peek(), Some('\n' | '\r')) {
        return None;
    }
    let mut next = at.clone();
    next.eat_while(char::is_whitespace);
    (matches!(next.peek(), Some('-' | '=' | '.' | '~' | '<')) && edge::at_arrow(&next)).then_some(next)
}

/// `a & b & c` (possibly a single node); empty when no id starts here.
fn group(p: &mut Parser) -> PResult<Vec<NodeRef>> {
    let mut nodes = Vec::new();
    let Some(first) = node::node_ref(p)? else { return Ok(nodes) };
    nodes.push(first);
    loop {
        let mut probe = p.cur.clone();
        probe.skip_inline_ws();
        if !probe.eat_char('&') {
            return Ok(nodes);
        }
        probe.skip_inline_ws();
        p.cur = probe;
        match node::node_ref(p)? {
            Some(n) => nodes.push(n),
            None => return Err(p.unexpected("a node id after `&`")),
        }
    }
}

/// `e1@` right before an arrow: the edge's id.
fn edge_id(p: &mut Parser) -> Option<Ident> {
    let mut probe = p.cur.clone();
    let id = node::ident(&mut probe)?;
    if !probe.eat_char('@') || !edge::at_arrow(&probe) {
        return None;
    }
    p.cur = probe;
    Some(Ident { span: Span::new(id.span.start as usize, id.span.end as usize), ..id })
}
