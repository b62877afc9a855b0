//! Rich label text: lines of runs, each run plain, bold or italic.
//!
//! Labels arrive as plain strings, `<br>`-separated lines, entity codes (`#quot;`) or
//! markdown strings (`` "`**bold** text`" ``). The parser turns all of them into a
//! [`Text`]; measuring and rendering read only this form.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
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
        Text {
            lines: s
                .split('\n')
                .map(|l| vec![Run { text: l.to_string(), bold: false, italic: false }])
                .collect(),
            wrap: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.iter().all(|r| r.text.is_empty()))
    }

    /// The text without formatting, lines joined by `\n`.
    pub fn to_plain(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
