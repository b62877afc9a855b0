//! The highlighted layer under the text area, as data: the text cut into lines, each
//! line into segments that carry the classes to draw them with — a token's kind, and
//! marks laid over tokens (diagnostic squiggles, the matched bracket pair).
//!
//! The app turns each line into one row of spans (text nodes, never HTML), keyed by the
//! line itself, so a keystroke re-creates only the rows that changed; and it makes rows
//! only for the lines in view ([`lines_in`]), so a long text costs what a screen does.

use std::ops::Range;

/// A coloured range of the text: `start..end` in bytes and the class to draw it with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paint {
    pub start: usize,
    pub end: usize,
    pub class: &'static str,
}

/// A mark over the text (a squiggle, a bracket): its class, and a note to show on hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub class: &'static str,
    pub note: Option<String>,
}

/// One piece of a line, drawn with `classes` (space separated; empty for plain text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Segment {
    pub text: String,
    pub classes: String,
    /// The notes of the marks on it, one per line, for the hover tooltip.
    pub note: Option<String>,
}

/// One line of the text (without its `\n`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Line {
    pub segments: Vec<Segment>,
}

/// The lines of `text` with `paints` (sorted, not overlapping) and `marks` (any order,
/// may overlap) applied. A mark of no width is drawn over the character after it, or
/// as an empty segment at the end of its line. Ranges that are not on character
/// boundaries are ignored rather than trusted.
pub fn lines(text: &str, paints: &[Paint], marks: &[Mark]) -> Vec<Line> {
    let starts = line_starts(text);
    let line_of = |at: usize| starts.partition_point(|&s| s <= at) - 1;
    let ok = |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    // Marks per line, each clipped to its line.
    let mut per_line: Vec<Vec<Mark>> = vec![Vec::new(); starts.len()];
    for m in marks.iter().filter(|m| ok(m.start, m.end)) {
        let mut m = m.clone();
        if m.start == m.end {
            let next = text[m.start..].chars().next().filter(|&c| c != '\n');
            m.end += next.map_or(0, char::len_utf8);
        }
        let (first, last) = (line_of(m.start), line_of(m.end.max(m.start + 1) - 1).max(line_of(m.start)));
        for (l, bucket) in per_line.iter_mut().enumerate().take(last + 1).skip(first) {
            let line_end = line_end(text, &starts, l);
            let (s, e) = (m.start.max(starts[l]), m.end.min(line_end));
            if s <= e {
                bucket.push(Mark { start: s, end: e, ..m.clone() });
            }
        }
    }
    let mut paint_at = 0;
    let mut out = Vec::with_capacity(starts.len());
    for (l, &line_start) in starts.iter().enumerate() {
        let end = line_end(text, &starts, l);
        let mut cuts: Vec<usize> = vec![line_start, end];
        while paint_at < paints.len() && paints[paint_at].end <= line_start {
            paint_at += 1;
        }
        let mut p = paint_at;
        while p < paints.len() && paints[p].start < end {
            cuts.extend([paints[p].start.max(line_start), paints[p].end.min(end)]);
            p += 1;
        }
        for m in &per_line[l] {
            cuts.extend([m.start, m.end]);
        }
        cuts.retain(|&c| text.is_char_boundary(c));
        cuts.sort_unstable();
        cuts.dedup();
        let mut segments = Vec::new();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let paint = paints[paint_at..p].iter().find(|x| x.start <= s && e <= x.end && x.start < x.end);
            segments.push(segment(
                &text[s..e],
                paint.map(|x| x.class),
                per_line[l].iter().filter(|m| m.start <= s && e <= m.end && m.start < m.end),
            ));
        }
        // Marks of no width left at the end of the line.
        for m in per_line[l].iter().filter(|m| m.start == m.end) {
            segments.push(segment("", None, std::iter::once(m)).with_class("eol"));
        }
        out.push(Line { segments });
    }
    out
}

/// Where each line of `text` starts (the first is 0; one more than there are `\n`s).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)).collect()
}

/// The lines `range` of `text` (0-based, clipped to the text), as [`lines`] would give
/// them, from `starts` ([`line_starts`]), `paints` (sorted, not overlapping) and `marks`
/// (any order): only what lies on those lines is looked at, beyond finding where they are.
pub fn lines_in(text: &str, starts: &[usize], range: Range<usize>, paints: &[Paint], marks: &[Mark]) -> Vec<Line> {
    let end_line = range.end.min(starts.len());
    let first = range.start.min(end_line);
    if first == end_line {
        return Vec::new();
    }
    let (a, b) = (starts[first], line_end(text, starts, end_line - 1));
    let from = paints.partition_point(|p| p.end <= a);
    let to = from + paints[from..].partition_point(|p| p.start < b);
    let paints: Vec<Paint> = paints[from..to]
        .iter()
        .map(|p| Paint { start: p.start.max(a) - a, end: p.end.min(b).max(a) - a, class: p.class })
        .collect();
    // A mark of no width at the window's end still belongs to its last line.
    let marks: Vec<Mark> = marks
        .iter()
        .filter(|m| m.start <= b && m.end >= a && (m.start < b || m.start == m.end))
        .map(|m| Mark { start: m.start.clamp(a, b) - a, end: m.end.clamp(a, b) - a, ..m.clone() })
        .collect();
    lines(&text[a..b], &paints, &marks)
}

fn line_end(text: &str, starts: &[usize], l: usize) -> usize {
    starts.get(l + 1).map_or(text.len(), |&next| next - 1)
}

fn segment<'m>(text: &str, paint: Option<&str>, marks: impl Iterator<Item = &'m Mark>) -> Segment {
    let mut classes: Vec<&str> = paint.into_iter().collect();
    let mut notes: Vec<&str> = Vec::new();
    for m in marks {
        if !classes.contains(&m.class) {
            classes.push(m.class);
        }
        if let Some(n) = &m.note {
            notes.push(n);
        }
    }
    Segment { text: text.to_string(), classes: classes.join(" "), note: (!notes.is_empty()).then(|| notes.join("\n")) }
}

impl Segment {
    fn with_class(mut self, class: &str) -> Segment {
        if !self.classes.is_empty() {
            self.classes.push(' ');
        }
        self.classes.push_str(class);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(lines: &[Line]) -> Vec<Vec<(String, String)>> {
        lines.iter().map(|l| l.segments.iter().map(|s| (s.text.clone(), s.classes.clone())).collect()).collect()
    }

    fn pair(t: &str, c: &str) -> (String, String) {
        (t.to_string(), c.to_string())
    }

    #[test]
    fn paints_are_cut_at_line_breaks() {
        let text = "ab\ncd";
        let paints = [Paint { start: 1, end: 4, class: "tok-id" }];
        assert_eq!(
            shown(&lines(text, &paints, &[])),
            [vec![pair("a", ""), pair("b", "tok-id")], vec![pair("c", "tok-id"), pair("d", "")]]
        );
    }

    #[test]
    fn marks_lay_over_paints_with_their_notes() {
        let text = "A --> ";
        let paints = [Paint { start: 0, end: 1, class: "tok-id" }, Paint { start: 2, end: 5, class: "tok-edge" }];
        let marks = [Mark { start: 2, end: 5, class: "sq-error", note: Some("no target".into()) }];
        let l = lines(text, &paints, &marks);
        assert_eq!(
            shown(&l),
            [vec![pair("A", "tok-id"), pair(" ", ""), pair("-->", "tok-edge sq-error"), pair(" ", "")]]
        );
        assert_eq!(l[0].segments[2].note.as_deref(), Some("no target"));
    }

    #[test]
    fn an_empty_mark_covers_the_next_character_or_sits_at_the_line_end() {
        let l = lines("abc\nd", &[], &[Mark { start: 1, end: 1, class: "sq-error", note: None }]);
        assert_eq!(shown(&l)[0], [pair("a", ""), pair("b", "sq-error"), pair("c", "")]);
        let l = lines("ab\n", &[], &[Mark { start: 2, end: 2, class: "sq-error", note: None }]);
        assert_eq!(shown(&l)[0], [pair("ab", ""), pair("", "sq-error eol")]);
    }

    #[test]
    fn a_mark_over_several_lines_is_on_each() {
        let l = lines("ab\ncd\nef", &[], &[Mark { start: 1, end: 7, class: "sq-error", note: None }]);
        assert_eq!(shown(&l)[1], [pair("cd", "sq-error")]);
        assert_eq!(shown(&l)[2], [pair("e", "sq-error"), pair("f", "")]);
    }

    #[test]
    fn a_window_of_lines_is_what_the_whole_gives_for_those_lines() {
        let text = "flowchart TD\n  A --> B\n  B[é] --> C\n\n  C -.-> D\nend";
        let paints = [
            Paint { start: 0, end: 9, class: "tok-keyword" },
            Paint { start: 15, end: 18, class: "tok-edge" },
            Paint { start: 20, end: 30, class: "tok-id" },
            Paint { start: 44, end: 48, class: "tok-edge" },
        ];
        let marks = [
            Mark { start: 17, end: 27, class: "sq-error", note: Some("across".into()) },
            Mark { start: 36, end: 36, class: "bracket-match", note: None },
            Mark { start: 22, end: 22, class: "sq-warning", note: None },
        ];
        let whole = lines(text, &paints, &marks);
        let starts = line_starts(text);
        assert_eq!(starts.len(), whole.len());
        for a in 0..=whole.len() {
            for b in a..=whole.len() + 1 {
                assert_eq!(
                    lines_in(text, &starts, a..b, &paints, &marks),
                    whole[a.min(whole.len())..b.min(whole.len())],
                    "{a}..{b}"
                );
            }
        }
    }

    #[test]
    fn bad_ranges_are_ignored_and_empty_text_has_one_line() {
        assert_eq!(lines("", &[], &[]).len(), 1);
        let l =
            lines("é", &[Paint { start: 0, end: 1, class: "x" }], &[Mark { start: 1, end: 9, class: "y", note: None }]);
        assert_eq!(shown(&l), [vec![pair("é", "")]]);
    }
}
