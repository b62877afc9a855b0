//! How the CLI talks to people: code frames for diagnostics, one-line messages for its own
//! errors and warnings, and the summary of `check`. Severity words are coloured only on a
//! terminal and only when `NO_COLOR` is unset (<https://no-color.org>), so pipes and CI
//! logs get plain text.

use std::io::{IsTerminal, Write};

use coral_core::{Diagnostic, LineIndex, Severity};

/// Whether to colour what goes to one stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colour {
    Ansi,
    Plain,
}

impl Colour {
    /// Colour for a stream that may be a terminal.
    pub fn for_stream(stream: &impl IsTerminal) -> Colour {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if stream.is_terminal() && !no_color { Colour::Ansi } else { Colour::Plain }
    }

    /// `word` in the severity's colour (bold red, bold yellow, bold cyan).
    fn paint(self, severity: Severity, word: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        match self {
            Colour::Ansi => format!("\x1b[{code}m{word}\x1b[0m"),
            Colour::Plain => word.to_string(),
        }
    }
}

/// Writes every diagnostic as a code frame against the whole `text` (spans must already
/// point into it), separated by blank lines.
pub fn diagnostics(
    out: &mut impl Write,
    diags: &[Diagnostic],
    text: &str,
    file: &str,
    colour: Colour,
) -> std::io::Result<()> {
    let index = LineIndex::new(text);
    for d in diags {
        let frame = d.render(text, &index, file);
        let word = d.severity.as_str();
        // The frame starts with the severity word; colour just that.
        let rest = frame.strip_prefix(word).unwrap_or(&frame);
        let head = if rest.len() < frame.len() { colour.paint(d.severity, word) } else { String::new() };
        writeln!(out, "{head}{rest}")?;
    }
    Ok(())
}

/// `error: MESSAGE` / `warning: MESSAGE` for the CLI's own problems, on stderr.
pub fn message(severity: Severity, text: &str) {
    let colour = Colour::for_stream(&std::io::stderr());
    eprintln!("{}: {text}", colour.paint(severity, severity.as_str()));
}

/// `N errors, M warnings` (or `no problems`), for the end of `check`.
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let parts: Vec<String> = [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "note")]
        .into_iter()
        .filter_map(|(s, name)| {
            let n = count(s);
            (n > 0).then(|| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
        })
        .collect();
    if parts.is_empty() { "no problems".to_string() } else { parts.join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coral_core::Span;

    #[test]
    fn colours_only_the_severity_word() {
        let text = "flowchart LR\n  A -->\n";
        let at = text.find("-->").unwrap();
        let d = Diagnostic::error("E1", Span::new(at, at + 3), "edge has no target");
        let mut plain = Vec::new();
        diagnostics(&mut plain, std::slice::from_ref(&d), text, "x.mmd", Colour::Plain).unwrap();
        let plain = String::from_utf8(plain).unwrap();
        assert!(plain.starts_with("error[E1]: edge has no target\n --> x.mmd:2:5\n"), "{plain}");

        let mut ansi = Vec::new();
        diagnostics(&mut ansi, &[d], text, "x.mmd", Colour::Ansi).unwrap();
        let ansi = String::from_utf8(ansi).unwrap();
        assert!(ansi.starts_with("\x1b[1;31merror\x1b[0m[E1]"), "{ansi:?}");
    }

    #[test]
    fn summary_counts() {
        let e = Diagnostic::error("E1", Span::at(0), "x");
        let w = Diagnostic::warning("W1", Span::at(0), "y");
        assert_eq!(summary(&[]), "no problems");
        assert_eq!(summary(&[e.clone(), e, w]), "2 errors, 1 warning");
    }
}
