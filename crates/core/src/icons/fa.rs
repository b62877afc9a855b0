//! Font Awesome references as Mermaid writes them in labels (`fa:fa-car`, `fab:fa-github`,
//! `far:fa-bell`, `fas:fa-user`), read as Iconify's Font Awesome 6 packs.
//!
//! Mermaid's docs and diagrams still use Font Awesome 5 names; the icons FA6 renamed are
//! a data table here.

use super::{IconRef, lookup};

/// The label prefixes Mermaid accepts, and the FA6 pack each reads from first. Light,
/// duotone and kit icons (`fal`, `fad`, `fak`) are Pro-only; solid is their closest free
/// style.
pub const PREFIXES: &[(&str, &str)] = &[
    ("fa", "fa6-solid"),
    ("fab", "fa6-brands"),
    ("fad", "fa6-solid"),
    ("fak", "fa6-solid"),
    ("fal", "fa6-solid"),
    ("far", "fa6-regular"),
    ("fas", "fa6-solid"),
];

/// The Font Awesome 6 packs, tried in this order after the one the prefix names.
const FA_PACKS: &[&str] = &["fa6-solid", "fa6-regular", "fa6-brands"];

/// Font Awesome 5 names that Font Awesome 6 renamed, sorted by the old name.
const RENAMED: &[(&str, &str)] = &[
    ("arrow-circle-down", "circle-arrow-down"),
    ("arrow-circle-left", "circle-arrow-left"),
    ("arrow-circle-right", "circle-arrow-right"),
    ("arrow-circle-up", "circle-arrow-up"),
    ("calendar-alt", "calendar-days"),
    ("check-circle", "circle-check"),
    ("close", "xmark"),
    ("cloud-download-alt", "cloud-arrow-down"),
    ("cloud-upload-alt", "cloud-arrow-up"),
    ("cog", "gear"),
    ("cogs", "gears"),
    ("comment-alt", "message"),
    ("edit", "pen-to-square"),
    ("exchange-alt", "right-left"),
    ("exclamation-circle", "circle-exclamation"),
    ("exclamation-triangle", "triangle-exclamation"),
    ("external-link-alt", "up-right-from-square"),
    ("file-alt", "file-lines"),
    ("hdd", "hard-drive"),
    ("home", "house"),
    ("info-circle", "circle-info"),
    ("map-marker", "location-pin"),
    ("map-marker-alt", "location-dot"),
    ("minus-circle", "circle-minus"),
    ("mobile-alt", "mobile-screen-button"),
    ("phone-alt", "phone-flip"),
    ("plus-circle", "circle-plus"),
    ("question-circle", "circle-question"),
    ("redo", "arrow-rotate-right"),
    ("search", "magnifying-glass"),
    ("shield-alt", "shield-halved"),
    ("shopping-cart", "cart-shopping"),
    ("sign-in-alt", "right-to-bracket"),
    ("sign-out-alt", "right-from-bracket"),
    ("sync", "arrows-rotate"),
    ("tachometer-alt", "gauge-high"),
    ("times", "xmark"),
    ("times-circle", "circle-xmark"),
    ("trash-alt", "trash-can"),
    ("undo", "arrow-rotate-left"),
    ("unlock-alt", "unlock-keyhole"),
    ("user-circle", "circle-user"),
    ("user-cog", "user-gear"),
    ("users-cog", "users-gear"),
];

/// The FA6 pack a label prefix (`fa`, `fab`, …) reads from first.
pub fn pack_for(prefix: &str) -> Option<&'static str> {
    PREFIXES.iter().find(|(p, _)| *p == prefix).map(|(_, pack)| *pack)
}

/// The Font Awesome 6 name of a Font Awesome 5 name, if FA6 renamed it.
pub fn renamed(fa5: &str) -> Option<&'static str> {
    RENAMED.binary_search_by(|(old, _)| old.cmp(&fa5)).ok().map(|i| RENAMED[i].1)
}

/// The icon `name` (without `fa-`) in `pack` or, as Font Awesome itself did before
/// version 5, in any other FA6 pack, under its own or its FA6 name.
pub fn find(pack: &str, name: &str) -> Option<IconRef> {
    let names = [Some(name), renamed(name)];
    std::iter::once(pack)
        .chain(FA_PACKS.iter().copied().filter(|p| *p != pack))
        .find_map(|p| names.iter().flatten().find_map(|n| lookup(p, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_targets_exist_and_the_table_is_sorted() {
        assert!(RENAMED.windows(2).all(|w| w[0].0 < w[1].0));
        for (old, new) in RENAMED {
            assert!(lookup("fa6-solid", new).is_some(), "{old} → {new}");
            assert!(lookup("fa6-solid", old).is_none(), "{old} still exists in FA6");
        }
        assert!(PREFIXES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn label_references_find_their_fa6_icons() {
        let f = |prefix: &str, name: &str| find(pack_for(prefix).unwrap(), name).map(|i| i.to_string());
        assert_eq!(f("fa", "car").as_deref(), Some("fa6-solid:car"));
        assert_eq!(f("fab", "github").as_deref(), Some("fa6-brands:github"));
        assert_eq!(f("far", "bell").as_deref(), Some("fa6-regular:bell"));
        assert_eq!(f("fas", "home").as_deref(), Some("fa6-solid:house"));
        // Mermaid's own docs write `fa:fa-twitter`: brands are found from `fa` too.
        assert_eq!(f("fa", "twitter").as_deref(), Some("fa6-brands:twitter"));
        assert_eq!(f("far", "x").as_deref(), Some("fa6-solid:x"));
        assert_eq!(f("fa", "no-such-icon"), None);
    }
}
