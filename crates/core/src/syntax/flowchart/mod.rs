//! The flowchart parser: header direction, then statements until the end of the text.
//!
//! Hand-written and iterative: statements are read one after another, subgraphs are a
//! stack of indices, and every error skips to the end of the statement (`;` or line
//! break) so the rest still parses. Each statement kind has its own file.

mod acc;
pub mod ast;
mod chain;
mod click;
mod edge;
mod node;
mod shape_data;
mod statement;
mod style;
mod subgraph;

use crate::diagnostic::Diagnostic;
use crate::model::Direction;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::{Cursor, Misses, describe};

use ast::Flowchart;

/// Subgraphs nested deeper than this are read as part of their parent (with an error):
/// no drawing is legible at that depth, and layout need not cope with it.
pub const MAX_SUBGRAPH_DEPTH: usize = 64;

/// Parser state shared by the statement files.
pub(crate) struct Parser<'s, 'd> {
    pub cur: Cursor<'s>,
    pub diags: &'d mut Vec<Diagnostic>,
    pub out: Flowchart,
    /// Open subgraphs, innermost last.
    pub open: Vec<usize>,
    /// `subgraph`s past [`MAX_SUBGRAPH_DEPTH`] still waiting for their `end`.
    pub suppressed: usize,
    pub closed: usize,
    /// Closer searches known to fail (see [`Misses`]).
    pub misses: Misses,
    /// Icon names (`@{ icon: … }`, `fa:` in labels), resolved within one search budget.
    pub icons: crate::syntax::icon::Resolver,
}

pub(crate) use crate::syntax::{PResult, Reported};

impl<'s> Parser<'s, '_> {
    pub fn scope(&self) -> Option<usize> {
        self.open.last().copied()
    }

    pub fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) -> Reported {
        self.diags.push(Diagnostic::error(code, span, message));
        Reported
    }

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

    /// "unexpected X" at the cursor.
    pub fn unexpected(&mut self, expected: &str) -> Reported {
        let span = self.cur.next_char_span();
        let msg = format!("unexpected {}; expected {expected}", describe(self.cur.peek()));
        self.error(codes::UNEXPECTED, span, msg)
    }
}

/// Parses the flowchart whose header keyword ends at byte `rest`.
pub fn parse(source: &str, keyword: &str, rest: usize, diags: &mut Vec<Diagnostic>) -> Flowchart {
    let mut p = Parser {
        cur: Cursor::new(source, rest),
        diags,
        out: Flowchart { keyword: keyword.to_string(), ..Flowchart::default() },
        open: Vec::new(),
        suppressed: 0,
        closed: 0,
        misses: Misses::default(),
        icons: crate::syntax::icon::Resolver::default(),
    };
    header_direction(&mut p);
    statement::run(&mut p);
    // Whatever is still open closes at the end of the text, innermost first.
    while let Some(i) = p.open.pop() {
        let sg = &mut p.out.subgraphs[i];
        sg.close_order = p.closed;
        p.closed += 1;
        let span = sg.keyword;
        p.diags.push(
            Diagnostic::error(codes::UNCLOSED_SUBGRAPH, span, "this subgraph is not closed")
                .with_help("add `end` after its last statement; its contents are kept"),
        );
    }
    p.out
}

/// `flowchart LR`: the optional direction on the header line.
fn header_direction(p: &mut Parser) {
    p.cur.skip_inline_ws();
    let start = p.cur.pos();
    p.cur.eat_while(|c| !c.is_whitespace() && c != ';' && c != '%');
    let word = p.cur.slice(start, p.cur.pos());
    if word.is_empty() {
        return;
    }
    let legacy = match word {
        ">" => Some(Direction::LeftRight),
        "<" => Some(Direction::RightLeft),
        "^" => Some(Direction::BottomTop),
        "v" => Some(Direction::TopBottom),
        _ => None,
    };
    match Direction::parse(word).or(legacy) {
        Some(d) => {
            p.out.direction = d;
            // Mermaid wants the first statement on a new line (or after `;`); say so,
            // but still read it.
            let mut probe = p.cur.clone();
            probe.skip_inline_ws_and_comment();
            if !probe.at_statement_end() {
                p.diags.push(
                    Diagnostic::error(
                        codes::UNEXPECTED,
                        probe.next_char_span(),
                        "expected a line break or `;` after the header",
                    )
                    .with_help("start the first statement on the next line"),
                );
            }
        }
        None => {
            let span = p.cur.span_from(start);
            let shown: String = word.chars().take(40).collect();
            p.diags.push(
                Diagnostic::error(codes::BAD_DIRECTION, span, format!("`{shown}` is not a direction"))
                    .with_help("use TB (or TD), BT, LR or RL, and start statements on the next line"),
            );
            p.cur.recover();
        }
    }
}

#[cfg(test)]
mod tests;
