//! Mermaid's built-in architecture icons (`cloud`, `database`, `disk`, `internet`,
//! `server`, plus `unknown` and `blank`), drawn by our own simple bodies on an 80×80
//! view box: a blue tile with a white pictogram, so they read on light and dark themes.

use super::{IconData, IconRef};

const TILE: &str = r##"<rect width="80" height="80" rx="10" fill="#2f6fb7"/>"##;

/// `(name, pictogram drawn over the tile)`, sorted by name.
const BUILTINS: &[(&str, &str)] = &[
    ("blank", ""),
    ("cloud", r##"<path fill="#fff" d="M24 58a13 13 0 0 1-2-25.8A17 17 0 0 1 54.5 27 12.5 12.5 0 0 1 57 58z"/>"##),
    (
        "database",
        r##"<path fill="#fff" d="M20 22v36c0 4.4 9 8 20 8s20-3.6 20-8V22z"/><ellipse cx="40" cy="22" rx="20" ry="8" fill="#fff" stroke="#2f6fb7" stroke-width="3"/><path fill="none" stroke="#2f6fb7" stroke-width="3" d="M20 35c0 4.4 9 8 20 8s20-3.6 20-8M20 47c0 4.4 9 8 20 8s20-3.6 20-8"/>"##,
    ),
    (
        "disk",
        r##"<rect x="14" y="24" width="52" height="32" rx="5" fill="#fff"/><path stroke="#2f6fb7" stroke-width="3" d="M14 44h52"/><circle cx="56" cy="50" r="2.5" fill="#2f6fb7"/><circle cx="48" cy="50" r="2.5" fill="#2f6fb7"/>"##,
    ),
    (
        "internet",
        r##"<g fill="none" stroke="#fff" stroke-width="3.5"><circle cx="40" cy="40" r="24"/><ellipse cx="40" cy="40" rx="10" ry="24"/><path d="M16 40h48M20 28h40M20 52h40"/></g>"##,
    ),
    (
        "server",
        r##"<g fill="#fff"><rect x="18" y="14" width="44" height="14" rx="3"/><rect x="18" y="33" width="44" height="14" rx="3"/><rect x="18" y="52" width="44" height="14" rx="3"/></g><g fill="#2f6fb7"><circle cx="26" cy="21" r="2.5"/><circle cx="26" cy="40" r="2.5"/><circle cx="26" cy="59" r="2.5"/></g><path stroke="#2f6fb7" stroke-width="2.5" d="M36 21h20M36 40h20M36 59h20"/>"##,
    ),
    (
        "unknown",
        r##"<path fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" d="M29 30a11 11 0 1 1 16 9.8c-3 1.6-5 3.8-5 7.2v2"/><circle cx="40" cy="61" r="4.5" fill="#fff"/>"##,
    ),
];

/// The built-in icon called `name`.
pub fn lookup(name: &str) -> Option<IconRef> {
    BUILTINS.binary_search_by(|(n, _)| n.cmp(&name)).ok().map(|i| IconRef { pack: "", name: BUILTINS[i].0 })
}

/// The picture of the built-in icon called `name`.
pub fn data(name: &str) -> Option<IconData<'static>> {
    let i = BUILTINS.binary_search_by(|(n, _)| n.cmp(&name)).ok()?;
    let body = if BUILTINS[i].1.is_empty() { String::new() } else { format!("{TILE}{}", BUILTINS[i].1) };
    Some(IconData { width: 80.0, height: 80.0, body: body.into() })
}

/// Every built-in icon name, sorted.
pub fn names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_sorted_and_pass_the_whitelist() {
        assert!(BUILTINS.windows(2).all(|w| w[0].0 < w[1].0));
        for name in names() {
            let d = data(name).unwrap();
            assert!(super::super::inline_body(&d.body, "p-").is_some(), "{name}");
        }
        for name in ["cloud", "database", "disk", "internet", "server", "unknown", "blank"] {
            assert!(lookup(name).is_some(), "{name}");
        }
        assert_eq!(lookup("kafka"), None);
    }
}
