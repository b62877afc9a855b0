//! Label source → [`Text`]: quotes, markdown strings and Font Awesome references.
//!
//! Gets the text between a shape's (or an edge label's) delimiters exactly as written,
//! with its byte offset, so warnings point into the source. Quotes are removed,
//! `` "`…`" `` selects markdown, and `fa:fa-name` icon references are taken out of the
//! text with a warning: Coral draws no Font Awesome icons, and the rest of the label
//! reads better without the code. [`Text::parse_label`] does the rest.

use crate::diagnostic::Diagnostic;
use crate::model::{LabelFormat, Text};
use crate::source::Span;
use crate::syntax::codes;

/// Reads the label `raw`, which starts at byte `start` of the source.
pub fn read(raw: &str, start: usize, diags: &mut Vec<Diagnostic>) -> Text {
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let (mut body, mut at) = (trimmed, start + lead);
    let mut format = LabelFormat::Plain;
    if body.len() >= 2 && body.starts_with('"') && body.ends_with('"') {
        body = &body[1..body.len() - 1];
        at += 1;
        if body.len() >= 2 && body.starts_with('`') && body.ends_with('`') {
            body = &body[1..body.len() - 1];
            at += 1;
            format = LabelFormat::Markdown;
        }
    }
    let cleaned = strip_font_awesome(body, at, diags);
    Text::parse_label(&cleaned, format)
}

/// Prefixes of Font Awesome references (`fa:fa-car`, `fab:fa-github`, …).
const FA_PREFIXES: &[&str] = &["fa:", "fab:", "fas:", "far:", "fal:", "fad:", "fak:"];

/// Removes `fa:fa-name` references, warning at each one.
fn strip_font_awesome(body: &str, at: usize, diags: &mut Vec<Diagnostic>) -> String {
    if !body.contains(":fa-") {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    let bytes = body.as_bytes();
    while i < bytes.len() {
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let prefix = FA_PREFIXES
            .iter()
            .find(|p| word_start && body[i..].starts_with(**p) && body[i + p.len()..].starts_with("fa-"));
        if let Some(p) = prefix {
            let name_start = i + p.len() + 3;
            let name_len = body[name_start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(body.len() - name_start);
            if name_len > 0 {
                let end = name_start + name_len;
                diags.push(
                    Diagnostic::warning(
                        codes::FONT_AWESOME,
                        Span::new(at + i, at + end),
                        format!("Font Awesome icons are not drawn; `{}` is left out of the label", &body[i..end]),
                    )
                    .with_help("use `@{ icon: \"pack:name\" }` for an Iconify icon"),
                );
                i = end;
                // Drop one space after the icon so "fa:fa-car Car" reads "Car".
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                continue;
            }
        }
        let c = body[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_markdown() {
        let mut d = vec![];
        assert_eq!(read(" \"a [b]\" ", 0, &mut d).to_plain(), "a [b]");
        let t = read("\"`**x** y`\"", 0, &mut d);
        assert!(t.wrap);
        assert!(t.lines[0][0].bold);
        assert!(d.is_empty());
    }

    #[test]
    fn font_awesome_is_stripped_with_a_located_warning() {
        let mut d = vec![];
        let src = "A[fa:fa-car Car]";
        let t = read(&src[2..15], 2, &mut d);
        assert_eq!(t.to_plain(), "Car");
        assert_eq!(&src[d[0].span.range()], "fa:fa-car");
        assert_eq!(read("sofa:fa-x", 0, &mut d).to_plain(), "sofa:fa-x");
    }
}
