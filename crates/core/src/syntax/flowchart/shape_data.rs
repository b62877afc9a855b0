//! `@{ key: value, … }` after a node id (or an edge id): extended shapes, icons,
//! images, and edge properties.
//!
//! Mermaid reads the braces as YAML; the keys are few and the values scalars, so a small
//! reader that keeps a span per key and value (for "did you mean `cyl`?" at the value)
//! serves better than a general YAML parser.

use super::ast::{Data, Ident, Label};
use super::{PResult, Parser};
use crate::diagnostic::Diagnostic;
use crate::model::style::safe_url;
use crate::model::{Curve, Shape};
use crate::source::Span;
use crate::syntax::config::CURVES;
use crate::syntax::suggest::did_you_mean;
use crate::syntax::{codes, label};

const KEYS: &[&str] =
    &["shape", "label", "icon", "form", "pos", "h", "w", "img", "constraint", "animate", "animation", "curve"];

/// Every `@{ shape: … }` name, for suggestions.
const SHAPE_NAMES: &[&str] = &[
    "rect",
    "rounded",
    "stadium",
    "fr-rect",
    "cyl",
    "circle",
    "diam",
    "hex",
    "lean-r",
    "lean-l",
    "trap-b",
    "trap-t",
    "dbl-circ",
    "text",
    "notch-rect",
    "lin-rect",
    "sm-circ",
    "fr-circ",
    "fork",
    "hourglass",
    "brace",
    "brace-r",
    "braces",
    "bolt",
    "doc",
    "delay",
    "h-cyl",
    "lin-cyl",
    "curv-trap",
    "div-rect",
    "tri",
    "win-pane",
    "f-circ",
    "notch-pent",
    "flip-tri",
    "sl-rect",
    "docs",
    "st-rect",
    "bow-rect",
    "cross-circ",
    "tag-doc",
    "tag-rect",
    "flag",
    "odd",
    "lin-doc",
    "cloud",
    "bang",
    "datastore",
    "proc",
    "event",
    "terminal",
    "subprocess",
    "db",
    "database",
    "decision",
    "start",
    "stop",
    "junction",
    "card",
    "document",
    "process",
    "diamond",
    "hexagon",
    "cylinder",
];

/// A raw value: its text (quotes removed), span (quotes included) and the raw slice.
struct Value<'s> {
    text: String,
    raw: &'s str,
    span: Span,
}

/// Reads `@{ … }` at the cursor (which is at `@{`).
pub(super) fn parse(p: &mut Parser) -> PResult<Data> {
    let open = p.cur.pos();
    p.cur.eat("@{");
    let body_start = p.cur.pos();
    // No `}` anywhere after here is remembered, so many unclosed `@{` stay cheap.
    let src = p.cur.src();
    let any_close = p.misses.find("@{}", src, body_start, src.len(), "}");
    let Some(close) = any_close.and_then(|_| find_close(p.cur.rest())) else {
        return Err(p.error_help(
            codes::BAD_SHAPE_DATA,
            Span::new(open, open + 2),
            "`@{` is not closed",
            "close it with `}`, as in `A@{ shape: cyl, label: \"DB\" }`",
        ));
    };
    let body_end = body_start + close;
    p.cur.set_pos(body_end + 1);
    let mut data = Data { span: Span::new(open, body_end + 1), ..Data::default() };
    let body = p.cur.slice(body_start, body_end);
    for (key, value) in entries(body, body_start, p)? {
        apply(p, &mut data, &key, value);
    }
    Ok(data)
}

/// Offset of the closing `}` outside quotes. Quoted values may span lines, as in
/// Mermaid; when that finds no `}`, quotes end at their line's end instead, so one stray
/// quote does not hide every `}` after it.
fn find_close(s: &str) -> Option<usize> {
    find_close_with(s, false).or_else(|| find_close_with(s, true))
}

fn find_close_with(s: &str, quotes_end_at_line: bool) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(_), '\n') if quotes_end_at_line => quote = None,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '}') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits the body into `key: value` entries (separated by `,` or line breaks).
fn entries<'s>(body: &'s str, base: usize, p: &mut Parser) -> PResult<Vec<(Ident, Value<'s>)>> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let key_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'-') {
            i += 1;
        }
        let key = Ident { name: body[key_start..i].to_string(), span: Span::new(base + key_start, base + i) };
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if key.name.is_empty() || bytes.get(i) != Some(&b':') {
            let at = base + i.min(bytes.len());
            let shown = body[i.min(body.len())..].chars().next();
            let what = crate::syntax::cursor::describe(shown);
            return Err(p.error_help(
                codes::BAD_SHAPE_DATA,
                Span::new(at, at + shown.map_or(0, char::len_utf8)),
                format!("unexpected {what} in `@{{…}}`; expected `key: value`"),
                "write entries as `key: value`, separated by commas",
            ));
        }
        i += 1;
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let value_start = i;
        let value = if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
            let q = bytes[i] as char;
            // `find_close` only stops outside quotes, so the closing quote is there.
            let Some(e) = body[i + 1..].find(q) else {
                return Err(p.error(
                    codes::UNTERMINATED_STRING,
                    Span::new(base + i, base + i + 1),
                    "unterminated string",
                ));
            };
            let end = i + 1 + e + 1;
            i = end;
            Value {
                text: body[value_start + 1..end - 1].to_string(),
                raw: &body[value_start..end],
                span: Span::new(base + value_start, base + end),
            }
        } else {
            while i < bytes.len() && bytes[i] != b',' && bytes[i] != b'\n' {
                i += 1;
            }
            let raw = body[value_start..i].trim_end();
            Value { text: raw.to_string(), raw, span: Span::new(base + value_start, base + value_start + raw.len()) }
        };
        out.push((key, value));
    }
    Ok(out)
}

fn apply(p: &mut Parser, data: &mut Data, key: &Ident, v: Value) {
    match key.name.as_str() {
        "shape" => match Shape::from_name(&v.text) {
            Some(s) => data.shape = Some(s),
            None => {
                let mut d = Diagnostic::error(codes::UNKNOWN_SHAPE, v.span, format!("unknown shape `{}`", v.text));
                d = match did_you_mean(&v.text, SHAPE_NAMES.iter().copied()) {
                    Some(h) => d.with_help(h),
                    None => {
                        d.with_help("see Mermaid's shape list: rect, rounded, stadium, cyl, circle, diam, hex, doc, …")
                    }
                };
                p.diags.push(d);
            }
        },
        "label" => {
            // Re-read from the source so markdown strings and spans work as in brackets.
            let text = if v.raw.starts_with('\'') {
                label::read(&v.text, v.span.start as usize + 1, p.diags, &mut p.icons)
            } else {
                label::read(v.raw, v.span.start as usize, p.diags, &mut p.icons)
            };
            data.label = Some(Label { text, span: v.span });
        }
        "icon" => {
            // The warning points at the name itself, inside the quotes.
            let quoted = v.raw.len() >= 2 && (v.raw.starts_with('"') || v.raw.starts_with('\''));
            let span = if quoted { Span::new(v.span.start as usize + 1, v.span.end as usize - 1) } else { v.span };
            data.icon = Some(p.icons.resolve(&v.text, span, p.diags));
        }
        "img" => match safe_url(&v.text) {
            Some(url) => data.image = Some(url),
            None => p.diags.push(
                Diagnostic::warning(codes::UNSAFE_URL, v.span, "this image URL is not allowed; the image is left out")
                    .with_help("use an `https:` URL or a relative path"),
            ),
        },
        "w" | "h" => match v.text.trim().trim_end_matches("px").parse::<f64>() {
            Ok(n) if n.is_finite() && n > 0.0 => {
                if key.name == "w" {
                    data.w = Some(n);
                } else {
                    data.h = Some(n);
                }
            }
            _ => p.diags.push(Diagnostic::warning(
                codes::BAD_SHAPE_DATA_VALUE,
                v.span,
                format!("`{}` should be a positive number; ignored", key.name),
            )),
        },
        "animate" => match v.text.as_str() {
            "true" => data.animate = Some(true),
            "false" => data.animate = Some(false),
            _ => p.diags.push(Diagnostic::warning(
                codes::BAD_SHAPE_DATA_VALUE,
                v.span,
                "`animate` should be `true` or `false`; ignored",
            )),
        },
        "animation" => data.animate = Some(true),
        "curve" => match Curve::parse(&v.text) {
            Some(c) => data.curve = Some(c),
            None => {
                let mut d =
                    Diagnostic::warning(codes::UNKNOWN_CURVE, v.span, format!("unknown curve `{}`; ignored", v.text));
                if let Some(h) = did_you_mean(&v.text, CURVES.iter().copied()) {
                    d = d.with_help(h);
                }
                p.diags.push(d);
            }
        },
        // Accepted and not drawn differently (yet): icon form and label position,
        // image constraint.
        "form" | "pos" | "constraint" => {}
        other => {
            let mut d = Diagnostic::warning(
                codes::UNKNOWN_SHAPE_KEY,
                key.span,
                format!("unknown key `{other}` in `@{{…}}`; ignored"),
            );
            if let Some(h) = did_you_mean(other, KEYS.iter().copied()) {
                d = d.with_help(h);
            }
            p.diags.push(d);
        }
    }
}
