//! Icon names as written in any diagram (`@{ icon: … }`, `fa:fa-…` in labels,
//! architecture services and groups): resolved against the names index, with a warning
//! when the name is not an icon. Only names are needed, so `coral check` and the
//! editor's problem list show these without any icon bodies.

use crate::diagnostic::Diagnostic;
use crate::icons::{self, IconRef, Resolution};
use crate::model::Icon;
use crate::source::Span;
use crate::syntax::codes;

/// How many misspelt icon names one parse searches the closest icon for. Each search
/// scores every name (milliseconds); past this the rest are reported unknown unsearched,
/// so a text full of misspelt icons still parses in linear time.
pub const MAX_SEARCHES: usize = 64;

/// Resolves the icon names of one parse, within the [`MAX_SEARCHES`] budget.
#[derive(Debug, Default)]
pub struct Resolver {
    searches: usize,
}

impl Resolver {
    /// Resolves `written` (at `span`, the name without quotes) to the icon drawn for it.
    pub fn resolve(&mut self, written: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Icon {
        let r = self.resolution(written);
        let resolved = report(written, r, span, diags);
        Icon { name: written.to_string(), span, resolved }
    }

    /// What `written` resolves to: exact when it is an icon; the closest one while the
    /// budget lasts; else `None` (unknown, not searched).
    pub fn resolution(&mut self, written: &str) -> Option<Resolution> {
        if let Some(icon) = icons::resolve_exact(written) {
            return Some(Resolution::Exact(icon));
        }
        if self.searches >= MAX_SEARCHES {
            return None;
        }
        self.searches += 1;
        Some(icons::resolve(written))
    }
}

/// Turns a resolution into the icon drawn, warning when it is not exact. `None` is a
/// name not searched for (the budget ran out).
pub fn report(written: &str, r: Option<Resolution>, span: Span, diags: &mut Vec<Diagnostic>) -> Option<IconRef> {
    let Some(r) = r else {
        diags.push(
            Diagnostic::warning(
                codes::ICON_UNKNOWN,
                span,
                format!("no icon is called `{written}`; a placeholder is drawn"),
            )
            .with_help(format!(
                "Coral suggests the closest icon for the first {MAX_SEARCHES} misspelt icons of a diagram only"
            )),
        );
        return None;
    };
    match r {
        Resolution::Exact(icon) => Some(icon),
        Resolution::Substitute { icon, alternatives } => {
            let others = if alternatives.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = alternatives.iter().map(|a| format!("`{a}`")).collect();
                format!(" (or {})", list.join(", "))
            };
            diags.push(
                Diagnostic::warning(
                    codes::ICON_SUBSTITUTE,
                    span,
                    format!("no icon is called `{written}`; drawing `{icon}`, the closest"),
                )
                .with_help(format!("write `{icon}`{others}")),
            );
            Some(icon)
        }
        Resolution::Unknown => {
            diags.push(
                Diagnostic::warning(
                    codes::ICON_UNKNOWN,
                    span,
                    format!("no icon is called `{written}`, nor anything close; a placeholder is drawn"),
                )
                .with_help(format!(
                    "write `pack:name` with a pack Coral ships ({}) or a built-in ({})",
                    icons::PACKS.join(", "),
                    icons::builtin::names().filter(|n| *n != "blank").collect::<Vec<_>>().join(", ")
                )),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_names_are_silent_and_others_warn_at_the_name() {
        let mut d = vec![];
        let mut r = Resolver::default();
        let mut resolve = |w: &str, span: Span, d: &mut Vec<Diagnostic>| r.resolve(w, span, d);
        let i = resolve("logos:kafka", Span::new(3, 14), &mut d);
        assert_eq!(i.resolved.map(|r| r.to_string()).as_deref(), Some("logos:kafka"));
        assert!(d.is_empty());
        let i = resolve("logos:apache-kafka", Span::new(3, 21), &mut d);
        assert_eq!(i.resolved.map(|r| r.to_string()).as_deref(), Some("logos:kafka"));
        assert_eq!((d[0].code, d[0].span), (codes::ICON_SUBSTITUTE, Span::new(3, 21)));
        assert!(d[0].help.as_deref().is_some_and(|h| h.starts_with("write `logos:kafka`")), "{:?}", d[0].help);
        let i = resolve("zzqq:xqzw", Span::new(0, 9), &mut d);
        assert_eq!(i.resolved, None);
        assert_eq!(d[1].code, codes::ICON_UNKNOWN);
    }

    #[test]
    fn searches_are_bounded_per_parse() {
        let (mut r, mut d) = (Resolver::default(), vec![]);
        for _ in 0..MAX_SEARCHES {
            assert!(r.resolve("logos:apache-kafka", Span::default(), &mut d).resolved.is_some());
        }
        assert_eq!(r.resolve("logos:apache-kafka", Span::default(), &mut d).resolved, None);
        assert_eq!(d.last().map(|d| d.code), Some(codes::ICON_UNKNOWN));
        // Real names never need a search.
        assert!(r.resolve("logos:kafka", Span::default(), &mut d).resolved.is_some());
        assert_eq!(d.len(), MAX_SEARCHES + 1);
    }
}
