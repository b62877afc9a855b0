//! Accessibility statements: `accTitle: …`, `accDescr: …` and the multi-line
//! `accDescr { … }`.

use super::{PResult, Parser};
use crate::source::Span;
use crate::syntax::codes;

/// `accTitle: text`.
pub(super) fn title(p: &mut Parser) -> PResult<()> {
    p.cur.eat("accTitle");
    let text = single_line(p)?;
    p.out.acc_title = Some(text);
    Ok(())
}

/// `accDescr: text` or `accDescr { lines }`.
pub(super) fn descr(p: &mut Parser) -> PResult<()> {
    let start = p.cur.pos();
    p.cur.eat("accDescr");
    p.cur.skip_inline_ws();
    if p.cur.peek() == Some('{') {
        let open = p.cur.pos();
        p.cur.bump();
        let body_start = p.cur.pos();
        let found = p.misses.find("accDescr}", p.cur.src(), body_start, p.cur.src().len(), "}");
        match found.map(|at| at - body_start) {
            Some(i) => {
                let body = p.cur.slice(body_start, body_start + i);
                let text = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
                p.out.acc_descr = Some(text);
                p.cur.set_pos(body_start + i + 1);
                return Ok(());
            }
            None => {
                // Keep the first line, so the rest of the diagram is not swallowed.
                let line = p.cur.slice(body_start, p.cur.line_end()).trim().to_string();
                p.out.acc_descr = Some(line);
                return Err(p.error_help(
                    codes::UNCLOSED_ACC_DESCR,
                    Span::new(start, open + 1),
                    "`accDescr {` is not closed",
                    "end the description with `}`",
                ));
            }
        }
    }
    p.cur.set_pos(start + "accDescr".len());
    let text = single_line(p)?;
    p.out.acc_descr = Some(text);
    Ok(())
}

fn single_line(p: &mut Parser) -> PResult<String> {
    p.cur.skip_inline_ws();
    if !p.cur.eat_char(':') {
        return Err(p.unexpected("`:`"));
    }
    let start = p.cur.pos();
    p.cur.skip_to_line_end();
    Ok(p.cur.slice(start, p.cur.pos()).trim().to_string())
}
