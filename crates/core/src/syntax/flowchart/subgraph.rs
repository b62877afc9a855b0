//! `subgraph` headers, `end`, and `direction` inside a subgraph.
//!
//! Header forms, as Mermaid reads them: `subgraph id`, `subgraph id [Title]`,
//! `subgraph id["Title"]`, `subgraph "Title"` and `subgraph Some Title` (the id is the
//! title when it has no whitespace; otherwise Mermaid names it `subGraph<n>`).

use super::ast::{Ident, Label, Stmt, StmtKind, Subgraph};
use super::{MAX_SUBGRAPH_DEPTH, PResult, Parser, node};
use crate::diagnostic::Diagnostic;
use crate::model::Direction;
use crate::source::Span;
use crate::syntax::{codes, label};

pub(super) fn open(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    p.cur.eat("subgraph");
    let keyword = p.cur.span_from(start);
    if p.open.len() + p.suppressed >= MAX_SUBGRAPH_DEPTH {
        // Too deep: read its contents as part of the parent and wait for its `end`.
        if p.suppressed == 0 {
            p.diags.push(
                Diagnostic::error(
                    codes::NESTING_TOO_DEEP,
                    keyword,
                    format!("subgraphs nest more than {MAX_SUBGRAPH_DEPTH} deep"),
                )
                .with_help("deeper subgraphs are drawn as part of their parent"),
            );
        }
        p.suppressed += 1;
        p.cur.skip_to_line_end();
        return Ok(());
    }
    p.cur.skip_inline_ws();
    // A broken header still opens the subgraph, so its `end` still matches.
    let (id, title) = header(p).unwrap_or_else(|_| {
        p.cur.skip_to_line_end();
        (None, None)
    });
    let title_plain = title.as_ref().map(|t| t.text.to_plain()).or_else(|| id.as_ref().map(|i| i.name.clone()));
    let index = p.out.subgraphs.len();
    p.out.subgraphs.push(Subgraph {
        keyword,
        span: p.cur.span_from(start),
        id,
        title,
        title_plain,
        parent: p.scope(),
        direction: None,
        close_order: 0,
    });
    let scope = p.scope();
    p.out.stmts.push(Stmt { scope, kind: StmtKind::Subgraph(index) });
    p.open.push(index);
    Ok(())
}

/// The id and title after `subgraph `.
fn header(p: &mut Parser) -> PResult<(Option<Ident>, Option<Label>)> {
    if p.cur.peek() == Some('"') {
        let start = p.cur.pos();
        let end = node::string_end(p, start)?;
        p.cur.set_pos(end);
        let raw = p.cur.slice(start, end);
        let text = label::read(raw, start, p.diags, &mut p.icons);
        let plain = text.to_plain();
        let span = Span::new(start, end);
        // A title without whitespace doubles as the id (seed 004: `XRay --> Observability`).
        let id = (!plain.is_empty() && !plain.contains(char::is_whitespace)).then_some(Ident { name: plain, span });
        return Ok((id, Some(Label { text, span })));
    }
    let Some(id) = node::ident(&mut p.cur) else {
        if p.cur.at_statement_end() || p.cur.starts_with("%%") {
            return Err(p.error_help(
                codes::MISSING_ARGUMENT,
                Span::at(p.cur.pos()),
                "this subgraph has no id or title",
                "write `subgraph id [Title]` or `subgraph \"Title\"`",
            ));
        }
        return Err(p.unexpected("a subgraph id or a quoted title"));
    };
    // `id[Title]` or `id [Title]`.
    let mut probe = p.cur.clone();
    probe.skip_inline_ws();
    if probe.peek() == Some('[') {
        let open = probe.pos();
        probe.bump();
        p.cur = probe;
        let content_start = p.cur.pos();
        let mut search_from = content_start;
        let mut q = p.cur.clone();
        q.skip_inline_ws();
        if q.peek() == Some('"') {
            search_from = node::string_end(p, q.pos())?;
        }
        let src = p.cur.src();
        let line_end = p.cur.line_end_at(search_from);
        let Some(i) = p.misses.find("]", src, search_from, line_end, "]").map(|at| at - search_from) else {
            p.diags.push(
                Diagnostic::error(
                    codes::UNCLOSED_SHAPE,
                    Span::new(open, open + 1),
                    "the subgraph title `[` is not closed",
                )
                .with_help("close it with `]`"),
            );
            p.cur.skip_to_line_end();
            return Ok((Some(id), None));
        };
        let content_end = search_from + i;
        let text = label::read(p.cur.slice(content_start, content_end), content_start, p.diags, &mut p.icons);
        p.cur.set_pos(content_end + 1);
        return Ok((Some(id), Some(Label { text, span: Span::new(content_start, content_end) })));
    }
    // More words: `subgraph My Group` is a title with spaces, and has no usable id.
    let line_rest_end = {
        let rest = p.cur.slice(id.span.start as usize, p.cur.line_end());
        let stop = rest.find([';']).unwrap_or(rest.len());
        let stop = rest[..stop].find("%%").unwrap_or(stop);
        id.span.start as usize + rest[..stop].trim_end().len()
    };
    if line_rest_end > p.cur.pos() {
        let start = id.span.start as usize;
        let raw = p.cur.slice(start, line_rest_end);
        let text = label::read(raw, start, p.diags, &mut p.icons);
        p.cur.set_pos(line_rest_end);
        return Ok((None, Some(Label { text, span: Span::new(start, line_rest_end) })));
    }
    Ok((Some(id), None))
}

pub(super) fn close(p: &mut Parser, span: Span) {
    if p.suppressed > 0 {
        p.suppressed -= 1;
        return;
    }
    match p.open.pop() {
        Some(i) => {
            p.out.subgraphs[i].close_order = p.closed;
            p.closed += 1;
        }
        None => p.diags.push(
            Diagnostic::error(codes::END_WITHOUT_SUBGRAPH, span, "`end` without an open subgraph")
                .with_help("remove it, or add the `subgraph` it should close"),
        ),
    }
}

/// `direction LR` inside a subgraph.
pub(super) fn direction(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    p.cur.eat("direction");
    let kw = p.cur.span_from(start);
    p.cur.skip_inline_ws();
    let word_start = p.cur.pos();
    p.cur.eat_while(|c| c.is_alphanumeric());
    let span = p.cur.span_from(word_start);
    let word = p.cur.slice(word_start, p.cur.pos());
    let Some(dir) = Direction::parse(word) else {
        let what = if word.is_empty() {
            "`direction` needs a direction".to_string()
        } else {
            format!("`{word}` is not a direction")
        };
        let at = if word.is_empty() { kw } else { span };
        return Err(p.error_help(codes::BAD_DIRECTION, at, what, "use TB (or TD), BT, LR or RL"));
    };
    match p.open.last() {
        Some(&i) => p.out.subgraphs[i].direction = Some((dir, span)),
        None => p.diags.push(
            Diagnostic::warning(
                codes::TOP_LEVEL_DIRECTION,
                p.cur.span_from(start),
                "`direction` outside a subgraph has no effect",
            )
            .with_help("set the diagram's direction in its header, as in `flowchart LR`"),
        ),
    }
    Ok(())
}
