//! The reading of label text behind [`Text::parse_label`]: line breaks, inline
//! formatting and entity codes.
//!
//! Linear in the label's length whatever it holds: emphasis delimiters are paired with
//! one stack per kind, never by searching ahead.

use super::text::{LabelFormat, Run, Text};

pub(super) fn parse(raw: &str, format: LabelFormat) -> Text {
    let lines = split_lines(raw).into_iter().map(|l| line_runs(l, format)).collect();
    Text { lines, wrap: format == LabelFormat::Markdown }
}

/// Splits at `\n` and at `<br>`, `<br/>`, `<br />` (any case).
fn split_lines(raw: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = raw.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            out.push(&raw[start..i]);
            i += 1;
            start = i;
        } else if bytes[i] == b'<' {
            if let Some(len) = br_len(&bytes[i..]) {
                out.push(&raw[start..i]);
                i += len;
                start = i;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out.push(&raw[start..]);
    out
}

/// Length of a `<br>` tag at the start of `b`, if there is one.
fn br_len(b: &[u8]) -> Option<usize> {
    if b.len() < 4 || !b[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i < b.len() && b[i] == b'/' {
        i += 1;
    }
    (i < b.len() && b[i] == b'>').then_some(i + 1)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Bold,
    Italic,
}

enum Piece<'a> {
    Text(&'a str),
    /// A formatting toggle; `pair` is `Some` once matched with its partner.
    Toggle {
        mark: Mark,
        kind: u8,
        literal: &'a str,
        paired: bool,
    },
}

fn line_runs(line: &str, format: LabelFormat) -> Vec<Run> {
    let pieces = tokenize(line, format);
    let mut runs: Vec<Run> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let push = |runs: &mut Vec<Run>, text: &str, bold: u32, italic: u32| {
        let decoded = decode_entities(text);
        if decoded.is_empty() {
            return;
        }
        let (b, i) = (bold > 0, italic > 0);
        match runs.last_mut() {
            Some(last) if last.bold == b && last.italic == i => last.text.push_str(&decoded),
            _ => runs.push(Run::text(decoded, b, i)),
        }
    };
    for p in &pieces {
        match p {
            Piece::Text(t) => push(&mut runs, t, bold, italic),
            Piece::Toggle { paired: false, literal, .. } => push(&mut runs, literal, bold, italic),
            Piece::Toggle { mark, kind, .. } => {
                let counter = if *mark == Mark::Bold { &mut bold } else { &mut italic };
                // Openers have odd kind ids, closers even ones (see `tokenize`).
                if kind % 2 == 1 {
                    *counter += 1;
                } else {
                    *counter = counter.saturating_sub(1);
                }
            }
        }
    }
    // Trim the line as HTML would collapse leading and trailing space.
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

/// Splits a line into text and formatting toggles, pairing toggles of the same kind in
/// order. Unpaired toggles stay literal text.
fn tokenize(line: &str, format: LabelFormat) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let bytes = line.as_bytes();
    let (mut i, mut text_start) = (0, 0);
    // Index into `pieces` of the currently open toggle per kind.
    let mut open: [Option<usize>; 8] = [None; 8];
    while i < bytes.len() {
        // Toggles start with ASCII bytes, which are always character boundaries.
        if !matches!(bytes[i], b'<' | b'*' | b'_') {
            i += 1;
            continue;
        }
        let found = toggle_at(line, i, format);
        let Some((mark, slot, len)) = found else {
            i += 1;
            continue;
        };
        if text_start < i {
            pieces.push(Piece::Text(&line[text_start..i]));
        }
        let literal = &line[i..i + len];
        match open[slot].take() {
            Some(at) => {
                if let Piece::Toggle { paired, kind, .. } = &mut pieces[at] {
                    *paired = true;
                    *kind = 1;
                }
                pieces.push(Piece::Toggle { mark, kind: 2, literal, paired: true });
            }
            None => {
                open[slot] = Some(pieces.len());
                pieces.push(Piece::Toggle { mark, kind: 1, literal, paired: false });
            }
        }
        i += len;
        text_start = i;
    }
    if text_start < bytes.len() {
        pieces.push(Piece::Text(&line[text_start..]));
    }
    pieces
}

/// A formatting toggle starting at byte `i`: (mark, pairing slot, length).
fn toggle_at(line: &str, i: usize, format: LabelFormat) -> Option<(Mark, usize, usize)> {
    let rest = &line[i..];
    let b = rest.as_bytes()[0];
    if b == b'<' {
        const TAGS: &[(&str, Mark, usize)] = &[
            ("<b>", Mark::Bold, 0),
            ("</b>", Mark::Bold, 0),
            ("<strong>", Mark::Bold, 1),
            ("</strong>", Mark::Bold, 1),
            ("<i>", Mark::Italic, 2),
            ("</i>", Mark::Italic, 2),
            ("<em>", Mark::Italic, 3),
            ("</em>", Mark::Italic, 3),
        ];
        for &(tag, mark, slot) in TAGS {
            if rest.len() >= tag.len() && rest.as_bytes()[..tag.len()].eq_ignore_ascii_case(tag.as_bytes()) {
                return Some((mark, slot, tag.len()));
            }
        }
        return None;
    }
    if format != LabelFormat::Markdown || (b != b'*' && b != b'_') {
        return None;
    }
    let double = rest.as_bytes().get(1) == Some(&b);
    let len = if double { 2 } else { 1 };
    if b == b'_' {
        // `snake_case` is not emphasis: an underscore needs a non-word character (or the
        // line's edge) on at least one side.
        let before = line[..i].chars().next_back();
        let after = line[i + len..].chars().next();
        let wordy = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if wordy(before) && wordy(after) {
            return None;
        }
    }
    let star = usize::from(b == b'_');
    Some(if double { (Mark::Bold, 4 + star, 2) } else { (Mark::Italic, 6 + star, 1) })
}

/// Decodes Mermaid's `#name;` / `#123;` entity codes and HTML's `&name;` / `&#123;`.
/// Unknown names stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains(['#', '&']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['#', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match entity_at(tail) {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of an entity at the start of `s` and the entity's length in bytes.
fn entity_at(s: &str) -> Option<(char, usize)> {
    let body_start = if s.starts_with("&#") { 2 } else { 1 };
    // Bytes, not `str` slicing: the 33rd byte may fall inside a character.
    let semi = s.as_bytes()[..s.len().min(body_start + 33)].iter().position(|&b| b == b';')?;
    if semi <= body_start {
        return None;
    }
    let body = &s[body_start..semi];
    let c = if let Some(hex) = body.strip_prefix(['x', 'X']).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit())) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if body.bytes().all(|b| b.is_ascii_digit()) {
        char::from_u32(body.parse().ok()?)?
    } else if s.starts_with("&#") {
        return None;
    } else {
        named_entity(body)?
    };
    // NUL and other control characters would be invalid in SVG; U+FFFC stands for an
    // inline icon while a label is read (`syntax::label`).
    if c.is_control() && c != '\t' || c == '\u{FFFC}' {
        return None;
    }
    Some((c, semi + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hearts" => '♥',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "sect" => '§',
        "para" => '¶',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "infin" => '∞',
        "ne" => '≠',
        "le" => '≤',
        "ge" => '≥',
        "check" => '✓',
        "star" => '☆',
        "num" => '#',
        "semi" => ';',
        "colon" => ':',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" => '[',
        "rsqb" => ']',
        "lbrace" => '{',
        "rbrace" => '}',
        "vert" => '|',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(t: &Text) -> Vec<Vec<(String, bool, bool)>> {
        t.lines.iter().map(|l| l.iter().map(|r| (r.text.clone(), r.bold, r.italic)).collect()).collect()
    }

    #[test]
    fn br_and_entities() {
        let t = Text::parse_label("a<br>b <BR/> c<br />#quot;x#quot; #9829; &amp; #x41;", LabelFormat::Plain);
        assert_eq!(t.to_plain(), "a\nb\nc\n\"x\" ♥ & A");
        assert!(!t.wrap);
    }

    #[test]
    fn unknown_entities_stay() {
        assert_eq!(decode_entities("#nope; #1 & x; #0;"), "#nope; #1 & x; #0;");
    }

    #[test]
    fn markdown_emphasis() {
        let t = Text::parse_label("**bold** and *it* and ***both***\nsnake_case _x_", LabelFormat::Markdown);
        assert!(t.wrap);
        assert_eq!(
            runs(&t),
            vec![
                vec![
                    ("bold".into(), true, false),
                    (" and ".into(), false, false),
                    ("it".into(), false, true),
                    (" and ".into(), false, false),
                    ("both".into(), true, true)
                ],
                vec![("snake_case ".into(), false, false), ("x".into(), false, true)],
            ]
        );
    }

    #[test]
    fn unpaired_marks_are_literal_and_plain_ignores_markdown() {
        assert_eq!(Text::parse_label("2 * 3 = 6", LabelFormat::Markdown).to_plain(), "2 * 3 = 6");
        assert_eq!(Text::parse_label("**x**", LabelFormat::Plain).to_plain(), "**x**");
        let t = Text::parse_label("<b>B</b> <i>i</i>", LabelFormat::Plain);
        assert_eq!(runs(&t)[0][0], ("B".into(), true, false));
    }

    #[test]
    fn long_inputs_are_linear() {
        let s = "*".repeat(200_000) + &"#".repeat(200_000) + &"<br".repeat(50_000);
        let t = Text::parse_label(&s, LabelFormat::Markdown);
        assert!(!t.lines.is_empty());
    }
}
