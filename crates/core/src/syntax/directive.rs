//! `%%{init: { … }}%%` directives: the older way to configure a diagram from its text.
//!
//! The body between `%%` and `%%` is a flow mapping, JSON-ish with single quotes allowed,
//! which is valid YAML flow syntax; it goes through the same spanned YAML reader as the
//! frontmatter. `init` and `initialize` carry configuration; `wrap` is accepted and has
//! no effect (Coral wraps markdown labels anyway); anything else is warned about.

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::cursor::{Cursor, Misses};
use crate::syntax::yaml::{self, YNode, YValue};

/// Reads the directive at the cursor (which must be at `%%{`) and returns its
/// configuration mapping, if it has one. The cursor ends after the closing `}%%`, or at
/// the end of the line when the directive is not closed.
pub fn parse(cur: &mut Cursor, misses: &mut Misses, diags: &mut Vec<Diagnostic>) -> Option<YNode> {
    let start = cur.pos();
    let found = misses.find("}%%", cur.src(), start, cur.src().len(), "}%%");
    let Some(close) = found.map(|at| at - start) else {
        diags.push(
            Diagnostic::error(codes::DIRECTIVE_UNCLOSED, Span::new(start, start + 3), "the directive is not closed")
                .with_help("end it with `}%%`, as in `%%{init: {\"theme\": \"dark\"}}%%`"),
        );
        cur.skip_to_line_end();
        return None;
    };
    let body_start = start + 2;
    let body_end = start + close + 1;
    cur.set_pos(start + close + 3);
    let body = cur.slice(body_start, body_end);
    let root = yaml::parse(body, body_start, diags)?;
    let YValue::Map(entries) = root.value else {
        diags.push(Diagnostic::warning(
            codes::DIRECTIVE_UNKNOWN,
            Span::new(start, body_end + 2),
            "this directive is not understood; ignored",
        ));
        return None;
    };
    let mut config = None;
    for (key, value) in entries {
        match key.name.as_str() {
            "init" | "initialize" => config = Some(value),
            "wrap" => {}
            other => diags.push(
                Diagnostic::warning(
                    codes::DIRECTIVE_UNKNOWN,
                    key.span,
                    format!("unknown directive `{other}`; ignored"),
                )
                .with_help("configure with `%%{init: { … }}%%` or with frontmatter `config:`"),
            ),
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> (Option<YNode>, Vec<Diagnostic>, usize) {
        let mut d = vec![];
        let mut c = Cursor::new(src, 0);
        let r = parse(&mut c, &mut Misses::default(), &mut d);
        (r, d, c.pos())
    }

    fn src_after(pos: usize) -> &'static str {
        &SRC[pos..]
    }

    const SRC: &str = "%%{init: {'theme': 'dark', 'flowchart': {'curve': 'basis'}}}%%\nflowchart";

    #[test]
    fn reads_init_with_single_quotes() {
        let (r, d, pos) = run(SRC);
        assert!(d.is_empty(), "{d:?}");
        assert!(matches!(r.unwrap().value, YValue::Map(_)));
        assert!(src_after(pos).starts_with("\nflowchart"));
    }

    #[test]
    fn unclosed_directive_is_an_error_at_the_opener() {
        let (r, d, pos) = run("%%{\nflowchart");
        assert!(r.is_none());
        assert_eq!(d[0].code, codes::DIRECTIVE_UNCLOSED);
        assert_eq!(d[0].span, Span::new(0, 3));
        assert_eq!(pos, 3);
    }

    #[test]
    fn unknown_directive_warns() {
        let (r, d, _) = run("%%{ foo: 1 }%%");
        assert!(r.is_none());
        assert_eq!(d[0].code, codes::DIRECTIVE_UNKNOWN);
    }
}
