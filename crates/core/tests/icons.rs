//! Icons end to end with the real packs: every icon drawn from `coral-icons`, ids unique
//! in the SVG and every reference pointing at one of them.

use coral_core::render_with;

/// Every value of `attr="…"` in `svg`.
fn values<'a>(svg: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    svg.match_indices(&pat).map(|(i, _)| &svg[i + pat.len()..]).map(|v| &v[..v.find('"').unwrap()]).collect()
}

#[test]
fn repeated_icons_get_their_own_ids_and_references_resolve() {
    // logos:aws-s3 has a gradient id; drawn three times, in two shapes and a label.
    let text = "flowchart LR\n A@{ icon: \"logos:aws-s3\" } --> B@{ icon: \"logos:aws-s3\", h: 80 }\n \
                C[fa:fa-car car] --> D[\"fab:fa-github fab:fa-github\"]\n E@{ icon: \"logos:amazon-s3\" }\n";
    let out = render_with(text, &coral_icons::Packs);
    let svg = out.svg.expect("an SVG");
    let ids = values(&svg, "id");
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate ids: {ids:?}");
    let icon_ids = ids.iter().filter(|i| i.contains("-i")).count();
    assert!(icon_ids >= 3, "{ids:?}");
    for reference in svg.match_indices("url(#").map(|(i, _)| &svg[i + 5..]).map(|r| &r[..r.find(')').unwrap()]) {
        assert!(ids.contains(&reference), "url(#{reference}) points at no id");
    }
    for href in values(&svg, "href") {
        assert!(href.starts_with('#') && ids.contains(&&href[1..]), "href={href}");
    }
    assert_eq!(svg.matches("<svg class=\"icon\" data-icon=\"logos:aws-s3\"").count(), 3, "{svg}");
    assert_eq!(svg.matches("data-icon=\"fa6-brands:github\"").count(), 2);
    assert!(!svg.contains("icon-missing") && !svg.contains("icon-pending"));
    // The substitute is drawn, and parsing said so.
    assert!(out.diagnostics.iter().any(|d| d.code == "W0401"), "{:?}", out.diagnostics);
    // B is sized by h: 80.
    let b = svg.find("data-id=\"B\"").unwrap();
    assert!(svg[b..].contains("width=\"60\" height=\"60\""), "an 80 px icon less its inset (an eighth) on each side");
}

#[test]
fn without_packs_icons_are_pending_and_builtins_draw() {
    let out = coral_core::render("flowchart LR\n A@{ icon: \"logos:kafka\" } --> B@{ icon: \"database\" }\n");
    let svg = out.svg.unwrap();
    assert!(svg.contains("<rect class=\"icon-pending\" data-icon=\"logos:kafka\""), "{svg}");
    assert!(svg.contains("<svg class=\"icon\" data-icon=\"database\""), "{svg}");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn diagrams_differing_only_in_icons_have_different_ids() {
    let a = coral_core::render("flowchart LR\n A@{ icon: \"logos:kafka\" }\n").svg.unwrap();
    let b = coral_core::render("flowchart LR\n A@{ icon: \"logos:react\" }\n").svg.unwrap();
    assert_ne!(values(&a, "id")[0], values(&b, "id")[0]);
}
