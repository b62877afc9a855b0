//! The statement loop: separators, comments, directives, and dispatch on the first word.

use super::{PResult, Parser, acc, chain, click, style, subgraph};
use crate::syntax::cursor::describe;
use crate::syntax::{codes, directive};

/// Reads statements until the end of the text.
pub(super) fn run(p: &mut Parser) {
    loop {
        p.cur.eat_while(|c| c.is_whitespace() || c == ';');
        if p.cur.is_eof() {
            break;
        }
        let before = p.cur.pos();
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
        if statement(p).is_ok() {
            finish(p);
        } else {
            p.cur.recover();
        }
        // Belt and braces: a statement that consumed nothing must not loop forever.
        if p.cur.pos() == before {
            p.cur.bump();
        }
    }
}

/// After a statement: only a comment, `;` or the end of the line may follow.
fn finish(p: &mut Parser) {
    p.cur.skip_inline_ws();
    if p.cur.starts_with("%%") && !p.cur.starts_with("%%{") {
        // Mermaid removes only comments on lines of their own; one after a statement
        // stays in its text and the diagram does not parse there.
        let start = p.cur.pos();
        let span = crate::source::Span::new(start, p.cur.line_end());
        p.diags.push(
            crate::diagnostic::Diagnostic::warning(
                codes::MERMAID_REJECTS_TRAILING_COMMENT,
                span,
                "Mermaid rejects a comment after a statement; Coral ignores it",
            )
            .with_help("move the comment to a line of its own, above the statement"),
        );
    }
    p.cur.skip_inline_ws_and_comment();
    if !p.cur.at_statement_end() {
        let span = p.cur.next_char_span();
        let msg = format!("unexpected {} after the statement", describe(p.cur.peek()));
        p.diags.push(
            crate::diagnostic::Diagnostic::error(codes::UNEXPECTED, span, msg)
                .with_help("put each statement on its own line, or separate statements with `;`"),
        );
        p.cur.recover();
    }
}

/// The first word of a statement if it is followed by whitespace or the statement's end:
/// keywords count only as whole words, so `classes --> B` is a node named `classes`.
fn keyword(p: &Parser) -> Option<&'static str> {
    const KEYWORDS: &[&str] =
        &["subgraph", "end", "direction", "style", "classDef", "class", "linkStyle", "click", "accTitle", "accDescr"];
    let rest = p.cur.rest();
    KEYWORDS.iter().copied().find(|k| {
        rest.starts_with(k) && {
            let after = rest[k.len()..].chars().next();
            match after {
                None | Some(' ' | '\t' | '\r' | '\n' | ';') => true,
                Some(':') => k.starts_with("acc"),
                Some('{') => *k == "accDescr",
                Some('%') => rest[k.len()..].starts_with("%%") && matches!(*k, "end" | "subgraph"),
                _ => false,
            }
        }
    })
}

fn statement(p: &mut Parser) -> PResult<()> {
    match keyword(p) {
        Some("subgraph") => subgraph::open(p),
        Some("end") => {
            let start = p.cur.pos();
            p.cur.eat("end");
            // `end --> x` is a node called `end`; only a lone `end` closes.
            let mut probe = p.cur.clone();
            probe.skip_inline_ws_and_comment();
            if probe.at_statement_end() {
                subgraph::close(p, p.cur.span_from(start));
                Ok(())
            } else {
                p.cur.set_pos(start);
                chain::statement(p)
            }
        }
        Some("direction") => subgraph::direction(p),
        Some("style") => style::style(p),
        Some("classDef") => style::class_def(p),
        Some("class") => style::class(p),
        Some("linkStyle") => style::link_style(p),
        Some("click") => click::click(p),
        Some("accTitle") => acc::title(p),
        Some("accDescr") => acc::descr(p),
        _ => chain::statement(p),
    }
}
