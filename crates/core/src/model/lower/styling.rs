//! Resolving `classDef`, `class`/`:::`, `style` and `linkStyle` into [`Style`] values.
//!
//! Precedence, lowest first, as Mermaid's CSS ends up: for nodes `classDef default`,
//! then their classes in the order given, then `style` statements; for clusters their
//! classes then `style`; for edges their classes, then `linkStyle default`, then
//! `linkStyle <n>`. Statements apply wherever they are written (Mermaid ignores a
//! `class` written before its node; Coral does not).

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Curve, Diagram, Style};
use crate::source::Span;
use crate::syntax::codes;
use crate::syntax::config::CURVES;
use crate::syntax::flowchart::ast::{Css, Ident, LinkIndex};
use crate::syntax::suggest::did_you_mean;

/// Checks style text, warning about every unsafe or malformed pair at its own span.
pub(super) fn parse_css(css: &Css, diags: &mut Vec<Diagnostic>) -> Style {
    let (style, problems) = Style::parse(&css.text);
    for pr in problems {
        diags.push(
            Diagnostic::warning(
                codes::UNSAFE_STYLE,
                Span::new(css.start + pr.start, css.start + pr.end),
                format!("{}; left out", pr.message),
            )
            .with_help("styles take `property:value` pairs with plain colours, lengths and names"),
        );
    }
    style
}

/// Everything the styling statements said, gathered in statement order.
#[derive(Default)]
pub(super) struct Styling {
    pub class_defs: HashMap<String, Style>,
    /// Class names in the order first defined (for suggestions).
    pub class_order: Vec<String>,
    /// Every class use (`:::x`, `class a x`), checked once all `classDef`s are known.
    pub class_uses: Vec<Ident>,
    pub node_inline: Vec<Style>,
    pub cluster_inline: Vec<Style>,
    pub link_styles: Vec<(LinkIndex, Option<Curve>, Style)>,
}

impl Styling {
    pub fn class_def(&mut self, names: &[Ident], style: &Style) {
        for n in names {
            let entry = self.class_defs.entry(n.name.clone()).or_insert_with(|| {
                self.class_order.push(n.name.clone());
                Style::default()
            });
            *entry = entry.merged(style);
        }
    }

    pub fn link_style(
        &mut self,
        indices: &[LinkIndex],
        curve: Option<&Ident>,
        style: Style,
        diags: &mut Vec<Diagnostic>,
    ) {
        let curve = curve.and_then(|c| {
            let parsed = Curve::parse(&c.name);
            if parsed.is_none() {
                let mut d =
                    Diagnostic::warning(codes::UNKNOWN_CURVE, c.span, format!("unknown curve `{}`; ignored", c.name));
                if let Some(h) = did_you_mean(&c.name, CURVES.iter().copied()) {
                    d = d.with_help(h);
                }
                diags.push(d);
            }
            parsed
        });
        for &i in indices {
            self.link_styles.push((i, curve, style.clone()));
        }
    }

    /// Writes the resolved styles into the diagram and reports unknown classes and
    /// out-of-range `linkStyle` numbers.
    pub fn resolve(self, d: &mut Diagram, diags: &mut Vec<Diagnostic>) {
        for use_ in &self.class_uses {
            if !self.class_defs.contains_key(&use_.name) {
                let mut diag = Diagnostic::warning(
                    codes::UNDEFINED_CLASS,
                    use_.span,
                    format!("no `classDef` defines class `{}`", use_.name),
                );
                if let Some(h) = did_you_mean(&use_.name, self.class_order.iter().map(String::as_str)) {
                    diag = diag.with_help(h);
                }
                diags.push(diag);
            }
        }
        let compiled = |classes: &[String], base: Style| {
            classes.iter().filter_map(|c| self.class_defs.get(c)).fold(base, |acc, s| acc.merged(s))
        };
        let default = self.class_defs.get("default").cloned().unwrap_or_default();
        for (i, node) in d.nodes.iter_mut().enumerate() {
            let s = compiled(&node.classes, default.clone());
            node.style = s.merged(&self.node_inline[i]);
        }
        for (i, c) in d.clusters.iter_mut().enumerate() {
            let s = compiled(&c.classes, Style::default());
            c.style = s.merged(&self.cluster_inline[i]);
        }
        for e in d.edges.iter_mut() {
            e.style = compiled(&e.classes, Style::default());
        }
        // `default` first, then numbered ones, each group in statement order.
        let count = d.edges.len();
        for (index, curve, style) in self.link_styles.iter().filter(|(i, _, _)| matches!(i, LinkIndex::Default(_))) {
            let _ = index;
            for e in d.edges.iter_mut() {
                e.style = e.style.merged(style);
                if curve.is_some() && e.curve.is_none() {
                    e.curve = *curve;
                }
            }
        }
        for (index, curve, style) in &self.link_styles {
            let LinkIndex::Index(n, span) = *index else { continue };
            match d.edges.get_mut(n) {
                Some(e) => {
                    e.style = e.style.merged(style);
                    if curve.is_some() {
                        e.curve = *curve;
                    }
                }
                None => {
                    let shown = if n == usize::MAX { "this number".to_string() } else { n.to_string() };
                    let help = if count == 0 {
                        "the diagram has no edges yet".to_string()
                    } else {
                        format!("edges are numbered from 0 in the order written; the last is {}", count - 1)
                    };
                    diags.push(
                        Diagnostic::error(
                            codes::LINK_INDEX_OUT_OF_RANGE,
                            span,
                            format!(
                                "linkStyle index {shown} is out of range: the diagram has {count} edge{}",
                                if count == 1 { "" } else { "s" }
                            ),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
}
