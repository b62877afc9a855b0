//! Where an icon name sits in the text, for the finder's "replace the name the cursor is
//! on": inside `(…)` of an architecture service or group, or the value of `icon:` in a
//! flowchart `@{}`. The core knows which text is an icon name (every `Icon` carries its
//! span), so this asks the parser rather than pattern-matching the syntax again.
//! No Leptos here: this is plain `std` + `coral_core`.

use coral_core::markdown;
use coral_core::model::Icon;

/// The byte range of the icon name containing byte offset `at` (its ends included), or
/// `None` when the cursor is not on one. Quotes around the name are not part of it.
pub fn icon_name_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let block = markdown::diagram_source(text, 0);
    let (source, offset) = block.as_ref().map_or((text, 0), |b| (b.code, b.offset));
    let at = at.checked_sub(offset)?;
    let parsed = coral_core::syntax::parse(source);
    let d = &parsed.diagram;
    let icons = d.nodes.iter().filter_map(|n| n.icon.as_ref()).chain(d.clusters.iter().filter_map(|c| c.icon.as_ref()));
    icons
        .filter_map(|icon| name_range(source, icon))
        .find(|&(s, e)| s <= at && at <= e)
        .map(|(s, e)| (s + offset, e + offset))
}

/// The span of the name itself, without the quotes a `@{ icon: "…" }` value keeps.
fn name_range(source: &str, icon: &Icon) -> Option<(usize, usize)> {
    let (s, e) = (icon.span.start as usize, icon.span.end as usize);
    let raw = source.get(s..e)?;
    let quoted =
        raw.len() >= 2 && (raw.starts_with('"') && raw.ends_with('"') || raw.starts_with('\'') && raw.ends_with('\''));
    Some(if quoted { (s + 1, e - 1) } else { (s, e) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_name_under_the_cursor() {
        let t = "flowchart LR\n  A@{ icon: \"logos:postgresql\", label: \"DB\" }\n  B --> A\n";
        let s = t.find("logos").unwrap();
        let e = s + "logos:postgresql".len();
        for at in [s, s + 3, e] {
            assert_eq!(icon_name_at(t, at), Some((s, e)), "{at}");
        }
        assert_eq!(icon_name_at(t, s - 2), None);
        assert_eq!(icon_name_at(t, t.len()), None);
        let md = format!("# Doc\n\n```mermaid\n{t}```\n");
        let s = md.find("logos").unwrap();
        assert_eq!(icon_name_at(&md, s + 1), Some((s, s + "logos:postgresql".len())));
    }
}
