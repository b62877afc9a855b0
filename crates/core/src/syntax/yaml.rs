//! YAML (frontmatter, directive bodies) → a small value tree whose every key and value
//! carries its byte span in the diagram text.
//!
//! Built on `yaml-rust2`'s event parser, whose markers count *characters* from the start
//! of the YAML text; [`OffsetMap`] turns them into byte offsets of the whole source.
//! The tree is built with an explicit stack (no recursion) and stops growing at
//! [`MAX_DEPTH`], so neither building nor dropping it can exhaust the stack. Aliases are
//! not expanded (no "billion laughs").

use yaml_rust2::Event;
use yaml_rust2::parser::Parser;
use yaml_rust2::scanner::TScalarStyle;

use crate::config::Value;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::codes;

/// Nesting deeper than this is skipped (with one warning): no real config nests past 4.
pub const MAX_DEPTH: usize = 32;

#[derive(Clone, Debug, PartialEq)]
pub struct YNode {
    pub value: YValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum YValue {
    Null,
    Bool(bool),
    Number(f64),
    /// A string; `quoted` scalars never become numbers or booleans.
    String(String),
    List(Vec<YNode>),
    Map(Vec<(YKey, YNode)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct YKey {
    pub name: String,
    pub span: Span,
}

impl YNode {
    /// The value as a config [`Value`] (spans dropped), for keys kept but not interpreted.
    pub fn to_value(&self) -> Value {
        // Iterative conversion would be overkill: depth is bounded by MAX_DEPTH.
        match &self.value {
            YValue::Null => Value::Null,
            YValue::Bool(b) => Value::Bool(*b),
            YValue::Number(n) => Value::Number(*n),
            YValue::String(s) => Value::String(s.clone()),
            YValue::List(l) => Value::List(l.iter().map(YNode::to_value).collect()),
            YValue::Map(m) => Value::Map(m.iter().map(|(k, v)| (k.name.clone(), v.to_value())).collect()),
        }
    }

    /// Scalars as text (`12` → "12", `true` → "true"); `None` for lists, maps and null.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            YValue::String(s) => Some(s.clone()),
            YValue::Number(_) | YValue::Bool(_) => self.to_value().as_str(),
            _ => None,
        }
    }
}

/// Converts yaml-rust2's character markers to byte offsets, walking forward from the
/// last answer (markers arrive almost in order, so this is linear overall).
struct OffsetMap<'a> {
    text: &'a str,
    base: usize,
    chars: usize,
    bytes: usize,
}

impl OffsetMap<'_> {
    fn byte(&mut self, char_index: usize) -> usize {
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let mut it = self.text[self.bytes..].char_indices();
        while self.chars < char_index {
            match it.next() {
                Some((_, c)) => {
                    self.bytes += c.len_utf8();
                    self.chars += 1;
                }
                None => break,
            }
        }
        self.base + self.bytes
    }

    /// The span of the character at byte `at` (empty at the end of the text).
    fn char_span(&self, at: usize) -> Span {
        let rel = (at - self.base).min(self.text.len());
        let len = self.text[rel..].chars().next().map_or(0, char::len_utf8);
        Span::new(self.base + rel, self.base + rel + len)
    }

    /// The span of a scalar of `len` characters starting at `start` (bytes), clipped to
    /// its line: folded scalars would otherwise point past what they cover.
    fn scalar_span(&self, start: usize, len: usize) -> Span {
        let rel = start - self.base;
        let rest = &self.text[rel.min(self.text.len())..];
        let line = rest.find('\n').unwrap_or(rest.len());
        let end = rest[..line].char_indices().nth(len).map_or(line, |(i, _)| i);
        Span::new(start, start + end)
    }
}

enum Frame {
    List(Span, Vec<YNode>),
    Map(Span, Vec<(YKey, YNode)>, Option<YKey>),
}

/// Parses `text` (which starts at byte `base` of the diagram source). Syntax errors are
/// reported at their position; whatever was read before the error is returned.
pub fn parse(text: &str, base: usize, diags: &mut Vec<Diagnostic>) -> Option<YNode> {
    let mut map = OffsetMap { text, base, chars: 0, bytes: 0 };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<YNode> = None;
    let mut skipping = 0usize; // depth of containers being skipped past MAX_DEPTH
    let mut warned_depth = false;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => {
                let at = map.byte(e.marker().index());
                diags.push(
                    Diagnostic::error(codes::YAML_SYNTAX, map.char_span(at), format!("malformed YAML: {}", e.info()))
                        .with_help("the rest of the configuration is ignored; the diagram is still drawn"),
                );
                break;
            }
        };
        let at = map.byte(mark.index());
        let node = match event {
            Event::StreamEnd => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if skipping > 0 || stack.len() >= MAX_DEPTH {
                    if !warned_depth {
                        warned_depth = true;
                        diags.push(Diagnostic::warning(
                            codes::CONFIG_TOO_DEEP,
                            map.char_span(at),
                            format!("configuration nested more than {MAX_DEPTH} levels deep is ignored"),
                        ));
                    }
                    skipping += 1;
                    continue;
                }
                let span = Span::at(at);
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map(span, Vec::new(), None)
                } else {
                    Frame::List(span, Vec::new())
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if skipping > 0 {
                    skipping -= 1;
                    if skipping == 0 {
                        // The skipped container still fills its slot, as null.
                        YNode { value: YValue::Null, span: Span::at(at) }
                    } else {
                        continue;
                    }
                } else {
                    match stack.pop() {
                        Some(Frame::List(span, items)) => {
                            YNode { value: YValue::List(items), span: span.cover(Span::at(at)) }
                        }
                        Some(Frame::Map(span, entries, _)) => {
                            YNode { value: YValue::Map(entries), span: span.cover(Span::at(at)) }
                        }
                        None => continue,
                    }
                }
            }
            Event::Scalar(s, style, _, _) => {
                if skipping > 0 {
                    continue;
                }
                let quoted = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
                let len = s.chars().count() + if quoted { 2 } else { 0 };
                let span = map.scalar_span(at, len);
                let value = if style == TScalarStyle::Plain { plain_scalar(&s) } else { YValue::String(s) };
                YNode { value, span }
            }
            Event::Alias(_) => {
                if skipping > 0 {
                    continue;
                }
                YNode { value: YValue::Null, span: Span::at(at) }
            }
            _ => continue,
        };
        // Attach the finished node to its parent.
        match stack.last_mut() {
            None => {
                if root.is_none() {
                    root = Some(node);
                }
            }
            Some(Frame::List(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, key)) => match key.take() {
                None => {
                    let name = node.as_text().unwrap_or_default();
                    *key = Some(YKey { name, span: node.span });
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    // After an error, close whatever is still open so the mappings read so far are
    // kept. A half-read list (`[dark`) is dropped: its value would be misleading.
    while let Some(frame) = stack.pop() {
        let node = match frame {
            Frame::List(..) => continue,
            Frame::Map(span, entries, _) => YNode { value: YValue::Map(entries), span },
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::List(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, key)) => {
                if let Some(k) = key.take() {
                    entries.push((k, node));
                }
            }
        }
    }
    root
}

/// YAML 1.2 core-schema resolution of a plain scalar.
fn plain_scalar(s: &str) -> YValue {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => YValue::Null,
        "true" | "True" | "TRUE" => YValue::Bool(true),
        "false" | "False" | "FALSE" => YValue::Bool(false),
        _ => match s.parse::<f64>() {
            Ok(n) if n.is_finite() && s.bytes().any(|b| b.is_ascii_digit()) => YValue::Number(n),
            _ => YValue::String(s.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys(n: &YNode) -> Vec<String> {
        match &n.value {
            YValue::Map(m) => m.iter().map(|(k, _)| k.name.clone()).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn builds_a_spanned_tree() {
        let text = "config:\n  theme: dark\n  fontSize: 14\n";
        let mut d = vec![];
        let root = parse(text, 10, &mut d).unwrap();
        assert!(d.is_empty());
        assert_eq!(map_keys(&root), ["config"]);
        let YValue::Map(m) = &root.value else { panic!() };
        let YValue::Map(inner) = &m[0].1.value else { panic!() };
        assert_eq!(inner[0].0.name, "theme");
        assert_eq!(inner[0].0.span, Span::new(10 + 10, 10 + 15));
        assert_eq!(inner[0].1.value, YValue::String("dark".into()));
        assert_eq!(inner[1].1.value, YValue::Number(14.0));
    }

    #[test]
    fn single_quoted_flow_mappings_parse() {
        let mut d = vec![];
        let root = parse("{init: {'theme': 'forest', 'flowchart': {'curve': 'linear'}}}", 0, &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(map_keys(&root), ["init"]);
    }

    #[test]
    fn multibyte_text_maps_to_bytes() {
        let text = "a: \"é😀\"\nb: x\n";
        let mut d = vec![];
        let root = parse(text, 0, &mut d).unwrap();
        let YValue::Map(m) = &root.value else { panic!() };
        assert_eq!(&text[m[1].0.span.range()], "b");
        assert_eq!(&text[m[0].1.span.range()], "\"é😀\"");
    }

    #[test]
    fn errors_point_at_the_problem_and_keep_what_was_read() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let mut d = vec![];
        let root = parse(text, 0, &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, codes::YAML_SYNTAX);
        assert!(root.is_some());
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let mut d = vec![];
        let _ = parse(&text, 0, &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, codes::CONFIG_TOO_DEEP);
        // Past yaml-rust2's own limit the reader reports an error instead; no overflow.
        let text = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
        let mut d = vec![];
        let _ = parse(&text, 0, &mut d);
        assert!(!d.is_empty());
    }
}
