//! Label source → [`Text`]: quotes, markdown strings and Font Awesome references.
//!
//! Gets the text between a shape's (or an edge label's) delimiters exactly as written,
//! with its byte offset, so warnings point into the source. Quotes are removed,
//! `` "`…`" `` selects markdown, and `fa:fa-name` icon references become icon runs,
//! drawn one em wide in the text (Font Awesome 6 from Iconify; Font Awesome 5 names are
//! mapped). [`Text::parse_label`] does the rest.

use crate::diagnostic::Diagnostic;
use crate::icons::{Resolution, fa};
use crate::model::{Icon, LabelFormat, Run, Text};
use crate::source::Span;
use crate::syntax::icon::{Resolver, report};

/// Reads the label `raw`, which starts at byte `start` of the source.
pub fn read(raw: &str, start: usize, diags: &mut Vec<Diagnostic>, icons: &mut Resolver) -> Text {
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
    let mut found = Vec::new();
    let cleaned = take_font_awesome(body, at, &mut found, diags, icons);
    let mut text = Text::parse_label(&cleaned, format);
    if !found.is_empty() {
        place_icons(&mut text, found);
    }
    text
}

/// Prefixes of Font Awesome references (`fa:fa-car`, `fab:fa-github`, …).
const FA_PREFIXES: &[&str] = &["fa:", "fab:", "fas:", "far:", "fal:", "fad:", "fak:"];

/// Stands for an icon in the text handed to [`Text::parse_label`] (which drops the
/// character wherever else it would come from, so only ours remain).
const ICON_MARK: char = '\u{FFFC}';

/// Replaces each `fa:fa-name` reference by [`ICON_MARK`], collecting its icon.
fn take_font_awesome(
    body: &str,
    at: usize,
    found: &mut Vec<Icon>,
    diags: &mut Vec<Diagnostic>,
    icons: &mut Resolver,
) -> String {
    if !body.contains(":fa-") && !body.contains(ICON_MARK) {
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
                let (written, prefix, name) = (&body[i..end], &p[..p.len() - 1], &body[name_start..end]);
                found.push(font_awesome(written, prefix, name, at + i, diags, icons));
                out.push(ICON_MARK);
                i = end;
                continue;
            }
        }
        let c = body[i..].chars().next().unwrap_or(' ');
        // A literal U+FFFC in the source means nothing in a label; it would be read as an icon.
        if c != ICON_MARK {
            out.push(c);
        }
        i += c.len_utf8().max(1);
    }
    out
}

/// The icon of one reference `written` (`fab:fa-github`) at byte `start`.
fn font_awesome(
    written: &str,
    prefix: &str,
    name: &str,
    start: usize,
    diags: &mut Vec<Diagnostic>,
    icons: &mut Resolver,
) -> Icon {
    let span = Span::new(start, start + written.len());
    let pack = fa::pack_for(prefix).unwrap_or("fa6-solid");
    let r = match fa::find(pack, name) {
        Some(icon) => Some(Resolution::Exact(icon)),
        None => icons.resolution(&format!("{pack}:{name}")),
    };
    let resolved = report(written, r, span, diags);
    Icon { name: written.to_string(), span, resolved }
}

/// Splits the runs of `text` at each [`ICON_MARK`], putting the icons there in order.
fn place_icons(text: &mut Text, icons: Vec<Icon>) {
    let mut icons = icons.into_iter();
    for line in &mut text.lines {
        let mut out: Vec<Run> = Vec::with_capacity(line.len());
        for run in line.drain(..) {
            if !run.text.contains(ICON_MARK) {
                out.push(run);
                continue;
            }
            for (k, piece) in run.text.split(ICON_MARK).enumerate() {
                if k > 0
                    && let Some(icon) = icons.next()
                {
                    out.push(Run { icon: Some(icon), ..Run::text("", run.bold, run.italic) });
                }
                if !piece.is_empty() {
                    out.push(Run::text(piece, run.bold, run.italic));
                }
            }
        }
        *line = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::codes;

    #[test]
    fn quotes_and_markdown() {
        let mut d = vec![];
        assert_eq!(read(" \"a [b]\" ", 0, &mut d, &mut Resolver::default()).to_plain(), "a [b]");
        let t = read("\"`**x** y`\"", 0, &mut d, &mut Resolver::default());
        assert!(t.wrap);
        assert!(t.lines[0][0].bold);
        assert!(d.is_empty());
    }

    fn icon_names(t: &Text) -> Vec<String> {
        t.lines
            .iter()
            .flatten()
            .filter_map(|r| r.icon.as_ref())
            .map(|i| i.resolved.map_or("?".into(), |r| r.to_string()))
            .collect()
    }

    #[test]
    fn font_awesome_becomes_icon_runs() {
        let mut d = vec![];
        let src = "A[fa:fa-car Car]";
        let t = read(&src[2..15], 2, &mut d, &mut Resolver::default());
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.lines[0].len(), 2);
        assert_eq!(t.lines[0][0].icon.as_ref().map(|i| &src[i.span.range()]), Some("fa:fa-car"));
        assert_eq!(t.lines[0][1].text, " Car");
        assert_eq!(icon_names(&t), ["fa6-solid:car"]);
        let t = read("fab:fa-github **x** far:fa-bell<br>fas:fa-home", 0, &mut d, &mut Resolver::default());
        assert_eq!(icon_names(&t), ["fa6-brands:github", "fa6-regular:bell", "fa6-solid:house"]);
        assert_eq!(t.lines.len(), 2);
        assert_eq!(read("sofa:fa-x", 0, &mut d, &mut Resolver::default()).to_plain(), "sofa:fa-x");
        assert!(d.is_empty());
    }

    #[test]
    fn unknown_font_awesome_warns_at_the_reference() {
        let mut d = vec![];
        let src = "x fa:fa-zzqxw y";
        let t = read(src, 0, &mut d, &mut Resolver::default());
        assert_eq!(icon_names(&t), ["?"]);
        assert_eq!(d[0].code, codes::ICON_UNKNOWN);
        assert_eq!(&src[d[0].span.range()], "fa:fa-zzqxw");
        let t = read("fa:fa-githib", 0, &mut d, &mut Resolver::default());
        assert_eq!(icon_names(&t), ["fa6-brands:github"]);
        assert_eq!(d[1].code, codes::ICON_SUBSTITUTE);
    }

    #[test]
    fn stray_object_marks_are_not_icons() {
        let mut d = vec![];
        let t = read("a\u{FFFC}b #65532; fa:fa-car", 0, &mut d, &mut Resolver::default());
        assert_eq!(icon_names(&t), ["fa6-solid:car"]);
        assert!(!t.to_plain().contains('\u{FFFC}'));
    }
}
