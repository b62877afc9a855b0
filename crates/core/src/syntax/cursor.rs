//! A byte cursor over the source text: the only way the parsers move through it.
//!
//! Every parser in `syntax` reads through a [`Cursor`] so that positions are always byte
//! offsets into the *whole* source (spans need no later shifting), and so that "always
//! make progress" is easy to check: every method either consumes at least one character
//! or reports that it consumed nothing.

use crate::source::Span;

#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    src: &'a str,
    pos: usize,
    /// The last line-end search: `(from, end)` means no `\n` in `from..end`. Statements
    /// ask for their line's end often; on a one-line megabyte this keeps that linear.
    line_end_memo: std::cell::Cell<(usize, usize)>,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str, pos: usize) -> Cursor<'a> {
        Cursor { src, pos: pos.min(src.len()), line_end_memo: std::cell::Cell::new((usize::MAX, 0)) }
    }

    pub fn src(&self) -> &'a str {
        self.src
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Moves to `pos` (clamped to the text, rounded down to a character boundary).
    pub fn set_pos(&mut self, pos: usize) {
        let mut p = pos.min(self.src.len());
        while !self.src.is_char_boundary(p) {
            p -= 1;
        }
        self.pos = p;
    }

    pub fn is_eof(&self) -> bool {
        self.pos >= self.src.len()
    }

    pub fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character after the next one.
    pub fn peek2(&self) -> Option<char> {
        let mut it = self.rest().chars();
        it.next();
        it.next()
    }

    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Consumes `s` if the text continues with it.
    pub fn eat(&mut self, s: &str) -> bool {
        if self.starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    pub fn eat_char(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Consumes characters while `f` holds; returns how many bytes were consumed.
    pub fn eat_while(&mut self, mut f: impl FnMut(char) -> bool) -> usize {
        let start = self.pos;
        let len = self.rest().find(|c| !f(c)).unwrap_or(self.rest().len());
        self.pos += len;
        self.pos - start
    }

    /// Skips spaces and tabs (and a stray `\r`), never a line break.
    pub fn skip_inline_ws(&mut self) -> usize {
        self.eat_while(|c| c == ' ' || c == '\t' || c == '\r')
    }

    /// Skips inline whitespace and a trailing `%%` comment (not a `%%{` directive), so a
    /// comment after a statement on the same line is accepted, as seed 004 needs.
    pub fn skip_inline_ws_and_comment(&mut self) {
        self.skip_inline_ws();
        if self.starts_with("%%") && !self.starts_with("%%{") {
            self.skip_to_line_end();
        }
    }

    /// Moves to the next `\n` (not consuming it), or to the end.
    pub fn skip_to_line_end(&mut self) {
        self.pos = self.line_end();
    }

    /// Byte offset of the end of the current line (before its `\n`).
    pub fn line_end(&self) -> usize {
        self.line_end_at(self.pos)
    }

    /// Byte offset of the end of the line holding byte `at`.
    pub fn line_end_at(&self, at: usize) -> usize {
        let at = at.min(self.src.len());
        let (from, end) = self.line_end_memo.get();
        if from <= at && at <= end {
            return end;
        }
        let end = self.src.as_bytes()[at..].iter().position(|&b| b == b'\n').map_or(self.src.len(), |i| at + i);
        self.line_end_memo.set((at, end));
        end
    }

    /// True at a statement boundary: end of text, line break or `;`.
    pub fn at_statement_end(&self) -> bool {
        matches!(self.peek(), None | Some('\n') | Some(';'))
    }

    /// Statement-level error recovery: skip to the next `;` or line break (not
    /// consuming it), so the following statements still parse.
    pub fn recover(&mut self) {
        let len = self.rest().find(['\n', ';']).unwrap_or(self.rest().len());
        self.pos += len;
    }

    pub fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.pos)
    }

    /// Span of the next character (empty at the end), for "unexpected X" diagnostics.
    pub fn next_char_span(&self) -> Span {
        Span::new(self.pos, self.pos + self.peek().map_or(0, char::len_utf8))
    }

    /// The text between two offsets (clamped to the text; empty when reversed).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let s = start.min(self.src.len());
        let e = end.min(self.src.len()).max(s);
        self.src.get(s..e).unwrap_or("")
    }
}

/// Searches known to fail, so that a text full of unclosed openers (a megabyte of
/// `A["`` or `%%{` lines) costs linear time, not quadratic: once a search for a closer
/// from `start` found nothing before `end`, every later search from inside that range
/// fails too, and is answered at once.
#[derive(Clone, Debug, Default)]
pub struct Misses(Vec<(&'static str, usize, usize)>);

impl Misses {
    /// Finds `pattern` in `src[from..limit]` (absolute offset of the match), remembering
    /// failures under the name `what`.
    pub fn find(&mut self, what: &'static str, src: &str, from: usize, limit: usize, pattern: &str) -> Option<usize> {
        self.search(what, from, limit, |from| src.get(from..limit.min(src.len()))?.find(pattern).map(|i| from + i))
    }

    /// Runs `search(from)` (which looks no further than `limit`) unless a failure from an
    /// earlier start already covers `from`.
    pub fn search(
        &mut self,
        what: &'static str,
        from: usize,
        limit: usize,
        search: impl FnOnce(usize) -> Option<usize>,
    ) -> Option<usize> {
        if self.0.iter().any(|&(w, s, e)| w == what && s <= from && from < e) {
            return None;
        }
        let found = search(from);
        if found.is_none() {
            self.0.retain(|&(w, _, _)| w != what);
            self.0.push((what, from, limit));
        }
        found
    }
}

/// How to name a character after "unexpected": `` `x` ``, "end of line", ….
pub fn describe(c: Option<char>) -> String {
    match c {
        None => "end of text".to_string(),
        Some('\n') => "end of line".to_string(),
        Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
        Some('`') => "'`'".to_string(),
        Some(c) => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eats_and_recovers() {
        let mut c = Cursor::new("ab  %% hi\ncd;ef", 0);
        assert!(c.eat("ab"));
        c.skip_inline_ws_and_comment();
        assert_eq!(c.peek(), Some('\n'));
        c.bump();
        c.recover();
        assert_eq!(c.peek(), Some(';'));
        assert_eq!(c.span_from(10), Span::new(10, 12));
    }

    #[test]
    fn set_pos_rounds_to_char_boundary() {
        let mut c = Cursor::new("é", 0);
        c.set_pos(1);
        assert_eq!(c.pos(), 0);
    }
}
