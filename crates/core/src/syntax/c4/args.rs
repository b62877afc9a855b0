//! Argument lists, `(customer, "Customer, retail", , "", $link="https://…")`, and their
//! binding to the macro's parameters.
//!
//! An argument is a double-quoted string (commas and parentheses inside are text; it
//! ends at the next `"` on its line, Mermaid has no escapes), an unquoted value (up to
//! the next `,` or `)` outside parentheses, so `$shape=RoundedBoxShape()` reads whole),
//! nothing (`,,`, `(,`), or a named `$key="value"`. Values are trimmed, as Mermaid does.
//! Positional arguments fill the parameters in order; a named one sets the parameter of
//! that name wherever it stands.

use super::Parser;
use super::ast::{Arg, Ident, Macro, Value};
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::suggest::did_you_mean;

/// Reads the arguments after the `(` at `open` (the cursor is just past it). Returns
/// them and the span of the closing `)`, or `None` (reported) when the list is not
/// closed; the cursor is then at the end of the line.
pub(super) fn arguments(p: &mut Parser, open: Span) -> (Vec<Arg>, Option<Span>) {
    let mut args = Vec::new();
    // After `(` or `,`: an argument (maybe empty) comes next.
    let mut expect_arg = true;
    loop {
        p.cur.skip_inline_ws();
        match p.cur.peek() {
            None | Some('\n') => {
                if (expect_arg && continues_on_next_line(p)) || closes_on_next_line(p) {
                    p.cur.eat_while(char::is_whitespace);
                    continue;
                }
                p.diags.push(Diagnostic::error(codes::C4_UNCLOSED_PAREN, open, "this `(` is not closed").with_help(
                    "close the arguments with `)` on the same line; a line ending in `,` continues on the next",
                ));
                return (args, None);
            }
            Some('%') if p.cur.starts_with("%%") => {
                p.diags.push(
                    Diagnostic::error(codes::C4_UNCLOSED_PAREN, open, "this `(` is not closed before the comment")
                        .with_help("close the arguments with `)` before `%%`"),
                );
                p.cur.skip_to_line_end();
                return (args, None);
            }
            Some(')') => {
                let close = p.cur.next_char_span();
                p.cur.bump();
                return (args, Some(close));
            }
            Some(',') => {
                if expect_arg {
                    // `(,` or `,,`: an empty argument.
                    let at = p.cur.pos();
                    args.push(Arg {
                        key: None,
                        value: Value { text: String::new(), span: Span::at(at) },
                        span: Span::at(at),
                    });
                }
                p.cur.bump();
                expect_arg = true;
            }
            Some('"') if !expect_arg => {
                // `"Label" "Description"`: reported, and read as if the comma were there.
                let _ = p.unexpected("`,` or `)` between two arguments", "separate arguments with commas");
                args.push(one(p));
            }
            _ if !expect_arg => {
                // `"Label"s`: reported, and skipped up to the next `,` or `)`.
                let start = p.cur.pos();
                skip_junk(p);
                let span = p.cur.span_from(start);
                let shown: String = p.cur.slice(start, span.end as usize).chars().take(40).collect();
                p.diags.push(
                    Diagnostic::error(
                        codes::C4_UNEXPECTED,
                        span,
                        format!("unexpected `{shown}` after an argument; ignored"),
                    )
                    .with_help(
                        "separate arguments with commas; put text holding commas or parentheses in double quotes",
                    ),
                );
            }
            _ => {
                args.push(one(p));
                expect_arg = false;
            }
        }
    }
}

/// True when the next line with anything on it carries on the list (a line ending in
/// `(` or `,`), rather than starting a statement of its own.
fn continues_on_next_line(p: &Parser) -> bool {
    let mut probe = p.cur.clone();
    probe.eat_while(char::is_whitespace);
    if probe.is_eof() || probe.starts_with("%%") || matches!(probe.peek(), Some('{' | '}')) {
        return false;
    }
    // `Person(`, `Rel (`: a new call, so the list above was left unclosed.
    let word_len = probe.eat_while(|c| c.is_alphanumeric() || c == '_');
    let word = probe.slice(probe.pos() - word_len, probe.pos());
    probe.skip_inline_ws();
    let call = word_len > 0 && probe.peek() == Some('(') && super::ast::lookup(word).is_some();
    let keyword = matches!(word, "title" | "accTitle" | "accDescr" | "direction");
    !call && !keyword
}

/// True when the next line with anything on it starts with the `)` closing the list.
fn closes_on_next_line(p: &Parser) -> bool {
    let mut probe = p.cur.clone();
    probe.eat_while(char::is_whitespace);
    probe.peek() == Some(')')
}

/// Skips text that is no argument, up to the next `,` or `)` outside quotes and
/// parentheses, or the end of the line (quotes unclosed on the line end there too).
fn skip_junk(p: &mut Parser) {
    loop {
        bare(p);
        if p.cur.peek() != Some('"') {
            return;
        }
        let q = p.cur.pos();
        let end = p.cur.line_end();
        let close = p.cur.slice(q + 1, end).find('"').map_or(end, |i| q + 2 + i);
        p.cur.set_pos(close);
    }
}

/// One argument at the cursor (not at `,`, `)` or the end of the line).
fn one(p: &mut Parser) -> Arg {
    let start = p.cur.pos();
    let mut key = None;
    if p.cur.eat_char('$') {
        let key_start = p.cur.pos();
        p.cur.eat_while(|c| c.is_alphanumeric() || c == '_');
        let span = p.cur.span_from(key_start);
        let name = p.cur.slice(key_start, span.end as usize).to_string();
        if name.is_empty() {
            let _ = p.unexpected("a parameter name after `$`", "write a named argument as `$descr=\"text\"`");
        }
        p.cur.skip_inline_ws();
        if !p.cur.eat_char('=') && !name.is_empty() {
            let _ =
                p.unexpected(&format!("`=` after `${name}`"), format!("write a named argument as `${name}=\"value\"`"));
        }
        p.cur.skip_inline_ws();
        key = Some(Ident { name, span });
    }
    let value = if p.cur.peek() == Some('"') { quoted(p) } else { bare(p) };
    Arg { key, value, span: p.cur.span_from(start) }
}

/// `"text"`: up to the next `"` on the line. Unclosed, it is reported and ends before
/// the line's last `)`, so the call still closes.
fn quoted(p: &mut Parser) -> Value {
    let q = p.cur.pos();
    p.cur.bump();
    let line_end = p.cur.line_end();
    let rest = p.cur.slice(q + 1, line_end);
    let (raw_end, after) = match rest.find('"') {
        Some(i) => (q + 1 + i, q + 2 + i),
        None => {
            p.diags.push(
                Diagnostic::error(codes::C4_UNTERMINATED_STRING, Span::new(q, q + 1), "this string is not closed")
                    .with_help(
                        "end it with `\"` on the same line; meanwhile the text up to the line's last `)` is used",
                    ),
            );
            let cut = rest.rfind(')').unwrap_or(rest.trim_end().len());
            (q + 1 + cut, q + 1 + cut)
        }
    };
    p.cur.set_pos(after);
    trimmed(p, q + 1, raw_end)
}

/// An unquoted value: up to `,`, `)`, `"`, a comment or the end of the line, with
/// parentheses inside kept whole.
fn bare(p: &mut Parser) -> Value {
    let start = p.cur.pos();
    let mut depth = 0usize;
    loop {
        match p.cur.peek() {
            None | Some('\n') | Some('"') => break,
            Some(',') if depth == 0 => break,
            Some(')') if depth == 0 => break,
            Some('%') if p.cur.starts_with("%%") => break,
            Some(')') => depth -= 1,
            Some('(') => depth += 1,
            _ => {}
        }
        p.cur.bump();
    }
    let end = p.cur.pos();
    trimmed(p, start, end)
}

/// The text between `from` and `to`, trimmed, with its span.
fn trimmed(p: &Parser, from: usize, to: usize) -> Value {
    let raw = p.cur.slice(from, to);
    let lead = raw.len() - raw.trim_start().len();
    let text = raw.trim();
    let s = from + lead;
    Value { text: text.to_string(), span: Span::new(s, s + text.len()) }
}

/// Binds `args` to `mac`'s parameters, reporting what does not fit. `end` is the
/// closing `)` (or the `(` when unclosed), where missing arguments are reported.
pub(super) fn bind(p: &mut Parser, mac: Macro, name: &Ident, args: &[Arg], end: Span) -> Vec<Option<Value>> {
    if mac == Macro::Ignored {
        return Vec::new();
    }
    let params = mac.params();
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    let mut positional = 0;
    let mut extra: Option<Span> = None;
    for arg in args {
        let slot = match &arg.key {
            Some(k) if k.name.is_empty() => continue,
            Some(k) => match params.iter().position(|q| *q == k.name) {
                Some(i) => i,
                None => {
                    unknown_named(p, name, params, k);
                    continue;
                }
            },
            None => {
                positional += 1;
                if positional > params.len() {
                    extra = Some(extra.map_or(arg.span, |s| s.cover(arg.span)));
                    continue;
                }
                positional - 1
            }
        };
        if out[slot].is_some() {
            p.diags.push(
                Diagnostic::warning(
                    codes::C4_ARGUMENT_TWICE,
                    arg.span,
                    format!("`{}` is given twice; this later value is used", params[slot]),
                )
                .with_help("give each parameter once, by its position or by `$name`"),
            );
        }
        out[slot] = Some(arg.value.clone());
    }
    if let Some(span) = extra {
        let shown = signature(mac);
        p.diags.push(
            Diagnostic::error(
                codes::C4_TOO_MANY_ARGUMENTS,
                span,
                format!("`{}` takes at most {} arguments, but {positional} are given", name.name, params.len()),
            )
            .with_help(format!(
                "`{}({shown})`; put text holding commas in double quotes; the extra arguments are ignored",
                name.name
            )),
        );
    }
    let missing: Vec<&str> = (0..mac.required()).filter(|&i| out[i].is_none()).map(|i| params[i]).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ");
        p.diags.push(
            Diagnostic::error(codes::C4_MISSING_ARGUMENT, end, format!("`{}` is missing its {list}", name.name))
                .with_help(format!("write `{}`", mac.example(&name.name))),
        );
    }
    for (i, param) in params.iter().enumerate() {
        let Some(v) = out[i].as_ref().filter(|v| v.text.is_empty() && Macro::is_alias_param(param)) else {
            continue;
        };
        let span = args.iter().find(|a| a.value.span == v.span).map_or(v.span, |a| a.span);
        p.diags.push(
            Diagnostic::error(codes::C4_MISSING_ARGUMENT, span, format!("the `{param}` of `{}` is empty", name.name))
                .with_help(format!("name the element, as in `{}`", mac.example(&name.name))),
        );
    }
    out
}

/// `(alias, label, ?descr, …)`: the parameters as the docs write them.
fn signature(mac: Macro) -> String {
    let required = mac.required();
    mac.params()
        .iter()
        .enumerate()
        .map(|(i, q)| if i < required { q.to_string() } else { format!("?{q}") })
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_named(p: &mut Parser, name: &Ident, params: &[&str], key: &Ident) {
    let shown: String = key.name.chars().take(40).collect();
    let help = match did_you_mean(&key.name, params.iter().copied()) {
        Some(h) => format!("{h} (`{}` takes {})", name.name, named_list(params)),
        None if params.is_empty() => format!("`{}` takes no arguments", name.name),
        None => format!("`{}` takes {}", name.name, named_list(params)),
    };
    p.diags.push(
        Diagnostic::warning(
            codes::C4_UNKNOWN_NAMED_ARGUMENT,
            key.span,
            format!("`{}` has no parameter `${shown}`; ignored", name.name),
        )
        .with_help(help),
    );
}

fn named_list(params: &[&str]) -> String {
    params.iter().map(|q| format!("`${q}`")).collect::<Vec<_>>().join(", ")
}
