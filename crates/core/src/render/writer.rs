//! A small SVG writer: elements and attributes with every value XML-escaped.
//!
//! All text that reaches the SVG — labels, ids, URLs, colours — goes through [`escape`];
//! attribute names are fixed strings in our code, so nothing from a diagram can add an
//! attribute (no `on*` handlers) or an element (no `<script>`, no `<foreignObject>`).

use std::fmt::Write as _;

use super::fmt_num;

/// Escapes text for use in XML content and double-quoted attribute values. Characters
/// XML 1.0 forbids (most C0 controls, lone surrogates cannot occur in `str`) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Accumulates SVG markup.
#[derive(Default)]
pub struct Svg {
    pub out: String,
}

/// An attribute value: text (escaped) or a number (fixed precision).
pub enum Val<'a> {
    S(&'a str),
    N(f64),
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Self {
        Val::S(s)
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(s: &'a String) -> Self {
        Val::S(s)
    }
}

impl From<f64> for Val<'_> {
    fn from(n: f64) -> Self {
        Val::N(n)
    }
}

impl Svg {
    /// `<name a="v" …` without closing the tag.
    fn start(&mut self, name: &str, attrs: &[(&str, Val)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            match v {
                Val::S(s) => {
                    let _ = write!(self.out, " {k}=\"{}\"", escape(s));
                }
                Val::N(n) => {
                    let _ = write!(self.out, " {k}=\"{}\"", fmt_num(*n));
                }
            }
        }
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, Val)]) {
        self.start(name, attrs);
        self.out.push('>');
    }

    pub fn close(&mut self, name: &str) {
        let _ = write!(self.out, "</{name}>");
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, Val)]) {
        self.start(name, attrs);
        self.out.push_str("/>");
    }

    pub fn text_element(&mut self, name: &str, attrs: &[(&str, Val)], text: &str) {
        self.open(name, attrs);
        self.out.push_str(&escape(text));
        self.close(name);
    }

    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(escape("<script>\"x\" & 'y'\u{1}"), "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;");
        let mut s = Svg::default();
        s.empty("rect", &[("x", 1.005.into()), ("fill", "a\"b".into())]);
        assert_eq!(s.out, "<rect x=\"1\" fill=\"a&quot;b\"/>");
    }
}
