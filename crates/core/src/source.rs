//! Source positions: byte spans and the line index that turns them into line/column.
//!
//! Every syntax and model element carries a [`Span`] of `u32` byte offsets into the text
//! the user typed. Line and column are computed only at the edges (diagnostics, editor),
//! through a [`LineIndex`] built once per text.

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        let start = clamp_u32(start);
        Span { start, end: clamp_u32(end).max(start) }
    }

    /// An empty span at `offset`, for "something is missing here" diagnostics.
    pub fn at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// This span moved right by `delta` bytes (a block parsed out of a larger document).
    pub fn shifted(self, delta: usize) -> Span {
        Span::new(self.start as usize + delta, self.end as usize + delta)
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn clamp_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A position for people and editors: 1-based line, 1-based column in characters, and the
/// 0-based column in UTF-16 code units that browser text areas use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
    pub col_utf16: u32,
}

/// Line starts of a text, for offset → line/column conversion in `O(log lines)`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(clamp_u32(i + 1));
            }
        }
        LineIndex { starts }
    }

    /// 0-based line number containing byte `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> u32 {
        self.starts[line.min(self.starts.len() - 1)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line and column of `offset` in `text` (the text the index was built from). An offset
    /// inside a multi-byte character counts as that character.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(clamp_u32(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[start..end];
        LineCol {
            line: clamp_u32(line + 1),
            col: clamp_u32(before.chars().count() + 1),
            col_utf16: clamp_u32(before.encode_utf16().count()),
        }
    }

    /// The text of 0-based `line`, without its line break.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.line_start(line) as usize;
        let end = self.starts.get(line + 1).map_or(text.len(), |&e| e as usize);
        text[start.min(text.len())..end.min(text.len())].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_utf16() {
        let text = "ab\nxé😀z\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, col: 1, col_utf16: 0 });
        let z = text.find('z').unwrap() as u32;
        assert_eq!(idx.line_col(text, z), LineCol { line: 2, col: 4, col_utf16: 4 });
        assert_eq!(idx.line_text(text, 1), "xé😀z");
        // An offset inside a multi-byte character points at that character.
        let e = text.find('é').unwrap() as u32 + 1;
        assert_eq!(idx.line_col(text, e).col, 2);
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let idx = LineIndex::new("a");
        assert_eq!(idx.line_col("a", 99).col, 2);
    }
}
