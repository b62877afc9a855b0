//! Rich label text: lines of runs, each run plain, bold or italic, or an inline icon.
//!
//! Labels arrive as plain strings, `<br>`-separated lines, entity codes (`#quot;`) or
//! markdown strings (`` "`**bold** text`" ``). The parser turns all of them into a
//! [`Text`]; measuring and rendering read only this form.

/// How a label's raw text is to be read (see [`Text::parse_label`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelFormat {
    /// Mermaid's ordinary labels: `<br>` breaks, `<b>`/`<i>` tags, entity codes.
    #[default]
    Plain,
    /// A markdown string (`` "`…`" ``): `**bold**`, `*italic*`, line breaks kept, wraps.
    Markdown,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// An icon drawn in the text (`fa:fa-car`), one em square; `text` is then empty.
    pub icon: Option<super::Icon>,
}

impl Run {
    /// A run of text.
    pub fn text(text: impl Into<String>, bold: bool, italic: bool) -> Run {
        Run { text: text.into(), bold, italic, icon: None }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub lines: Vec<Vec<Run>>,
    /// Markdown strings wrap automatically at the renderer's wrapping width.
    pub wrap: bool,
}

impl Text {
    /// One plain run per line of `s` (split at `\n`).
    pub fn plain(s: &str) -> Text {
        Text { lines: s.split('\n').map(|l| vec![Run::text(l, false, false)]).collect(), wrap: false }
    }

    /// Reads a label as written between its delimiters (quotes already removed):
    /// `<br>`, `<br/>` and line breaks start new lines; `#quot;`, `#9829;`, `&amp;`-style
    /// entity codes are decoded; `<b>`/`<strong>` and `<i>`/`<em>` (and, in markdown,
    /// `**`/`__` and `*`/`_`) make bold and italic runs. Lines are trimmed, as HTML
    /// rendering would. See `label_parse.rs` for the details.
    pub fn parse_label(raw: &str, format: LabelFormat) -> Text {
        super::label_parse::parse(raw, format)
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.iter().all(|r| r.text.is_empty() && r.icon.is_none()))
    }

    /// The text without formatting, lines joined by `\n`.
    pub fn to_plain(&self) -> String {
        self.lines.iter().map(|l| l.iter().map(|r| r.text.as_str()).collect::<String>()).collect::<Vec<_>>().join("\n")
    }
}
