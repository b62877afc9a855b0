//! Diagnostics: what the pipeline tells the user about their text.
//!
//! Parsing never fails; it reports. Each [`Diagnostic`] has a severity, a stable code
//! (`E…` errors, `W…` warnings, `I…` information), a message, the byte span it is about,
//! optional secondary labels and an optional hint. [`Diagnostic::render`] prints the
//! code frame the CLI and the snapshot tests show.

use std::fmt::Write as _;

use crate::source::{LineIndex, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place the diagnostic points at ("first declared here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, message: message.into(), span, labels: Vec::new(), help: None }
    }

    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    pub fn info(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, span, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// This diagnostic with every span moved right by `delta` bytes.
    pub fn shifted(mut self, delta: usize) -> Self {
        self.span = self.span.shifted(delta);
        for l in &mut self.labels {
            l.span = l.span.shifted(delta);
        }
        self
    }

    /// A code frame in the style of rustc/ruff:
    ///
    /// ```text
    /// error[E0101]: unterminated string
    ///  --> diagram.mmd:3:9
    ///   |
    /// 3 |   A --> "B
    ///   |         ^^ the string starts here
    ///   = help: close it with `"`
    /// ```
    pub fn render(&self, source: &str, index: &LineIndex, file: &str) -> String {
        let mut out = String::new();
        let start = index.line_col(source, self.span.start);
        let _ = writeln!(out, "{}[{}]: {}", self.severity.as_str(), self.code, self.message);
        let gutter = digits(start.line as usize).max(
            self.labels.iter().map(|l| digits(index.line_col(source, l.span.start).line as usize)).max().unwrap_or(1),
        );
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {file}:{}:{}", start.line, start.col);
        let _ = writeln!(out, "{pad} |");
        frame_line(&mut out, source, index, self.span, "", gutter);
        for label in &self.labels {
            frame_line(&mut out, source, index, label.span, &label.message, gutter);
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// One quoted source line with carets under the span (clipped to that line).
fn frame_line(out: &mut String, source: &str, index: &LineIndex, span: Span, note: &str, gutter: usize) {
    let start = index.line_col(source, span.start);
    let line0 = start.line as usize - 1;
    let text = index.line_text(source, line0);
    // Tabs would misalign the carets; show them as one space each.
    let shown: String = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let shown = truncate_chars(&shown, 160);
    let line_end = index.line_start(line0) as usize + text.len();
    let end_on_line = (span.end as usize).min(line_end).max(span.start as usize);
    let end = index.line_col(source, end_on_line as u32);
    let width = (end.col.saturating_sub(start.col) as usize).max(1);
    let col = (start.col as usize - 1).min(160);
    let _ = writeln!(out, "{:>gutter$} | {shown}", start.line);
    let sep = if note.is_empty() { "" } else { " " };
    let _ =
        writeln!(out, "{:gutter$} | {}{}{sep}{note}", "", " ".repeat(col), "^".repeat(width.min(160 - col.min(159))));
}

fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { s.chars().take(max).collect::<String>() + "…" }
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_code_frame_with_help() {
        let src = "flowchart TD\n  A --> \"B\n";
        let idx = LineIndex::new(src);
        let at = src.find('"').unwrap();
        let d =
            Diagnostic::error("E0101", Span::new(at, at + 2), "unterminated string").with_help("close it with `\"`");
        let text = d.render(src, &idx, "x.mmd");
        assert_eq!(
            text,
            "error[E0101]: unterminated string\n --> x.mmd:2:9\n  |\n2 |   A --> \"B\n  |         ^^\n  = help: close it with `\"`\n"
        );
    }
}
