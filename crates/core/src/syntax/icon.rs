//! Icon names as written in any diagram (`@{ icon: … }`, `fa:fa-…` in labels,
//! architecture services and groups): resolved against the names index, with a warning
//! when the name is not an icon. Only names are needed, so `coral check` and the
//! editor's problem list show these without any icon bodies.

use crate::diagnostic::Diagnostic;
use crate::icons::{self, IconRef, Resolution};
use crate::model::Icon;
use crate::source::Span;
use crate::syntax::codes;

/// Resolves `written` (at `span`, the name without quotes) to the icon drawn for it.
pub fn resolve(written: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Icon {
    let resolved = report(written, icons::resolve(written), span, diags);
    Icon { name: written.to_string(), span, resolved }
}

/// Turns a resolution into the icon drawn, warning when it is not exact.
pub fn report(written: &str, r: Resolution, span: Span, diags: &mut Vec<Diagnostic>) -> Option<IconRef> {
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
}
