//! Icons: names, resolution, search and safe inlining of Iconify icon bodies.
//!
//! The core knows every icon *name* of the packs Coral ships (an embedded index generated
//! by `tools/gen-icons.py`, `names/<prefix>.txt`), so parsing can tell a real icon from a
//! typo and suggest the closest one without any bodies. Bodies come from an
//! [`IconSource`]: the CLI's is `coral-icons` (every pack embedded), the app's is a cache
//! of icons fetched one file at a time. Mermaid's built-in architecture icons are drawn
//! by our own bodies in [`builtin`]. Nothing here does I/O.

pub mod builtin;
pub mod fa;
pub mod inline;
pub mod lines;
mod resolve;
mod search;
mod similarity;

use std::borrow::Cow;
use std::fmt;

pub use inline::inline_body;
pub use resolve::{Resolution, resolve, resolve_exact, warm};
pub use search::{Hit, search};

/// The packs Coral ships, in the order search and resolution prefer them on a tie.
pub const PACKS: &[&str] = &["logos", "simple-icons", "mdi", "fa6-solid", "fa6-regular", "fa6-brands"];

/// The names index of each pack in [`PACKS`]: every icon and alias name, sorted.
const NAMES: &[&str] = &[
    include_str!("names/logos.txt"),
    include_str!("names/simple-icons.txt"),
    include_str!("names/mdi.txt"),
    include_str!("names/fa6-solid.txt"),
    include_str!("names/fa6-regular.txt"),
    include_str!("names/fa6-brands.txt"),
];

/// An icon Coral knows: a name in one of the [`PACKS`], or a built-in (empty `pack`).
/// Both strings point into the embedded index, so an `IconRef` is free to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IconRef {
    pub pack: &'static str,
    pub name: &'static str,
}

impl IconRef {
    pub fn is_builtin(self) -> bool {
        self.pack.is_empty()
    }
}

impl fmt::Display for IconRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pack.is_empty() { f.write_str(self.name) } else { write!(f, "{}:{}", self.pack, self.name) }
    }
}

/// An icon's picture: an SVG body drawn in a `0 0 width height` view box.
#[derive(Clone, Debug, PartialEq)]
pub struct IconData<'a> {
    pub width: f64,
    pub height: f64,
    pub body: Cow<'a, str>,
}

/// Where icon bodies come from. Bodies are untrusted: the renderer re-checks each with
/// [`inline_body`] before drawing it.
pub trait IconSource {
    /// The body of `pack:name`, for a pack in [`PACKS`], if this source has it.
    fn icon(&self, pack: &str, name: &str) -> Option<IconData<'_>>;
}

/// A source without any pack: built-in icons draw, every other icon is drawn as pending.
pub struct NoPacks;

impl IconSource for NoPacks {
    fn icon(&self, _pack: &str, _name: &str) -> Option<IconData<'_>> {
        None
    }
}

/// The names of one pack, sorted, or `None` for a pack Coral does not ship.
pub fn names(pack: &str) -> Option<&'static str> {
    PACKS.iter().position(|p| *p == pack).map(|i| NAMES[i])
}

/// The known icon `pack:name` (exactly as written), or `None`.
pub fn lookup(pack: &str, name: &str) -> Option<IconRef> {
    let i = PACKS.iter().position(|p| *p == pack)?;
    let line = lines::find(NAMES[i], name)?;
    Some(IconRef { pack: PACKS[i], name: line })
}

/// Every known icon of every pack, in [`PACKS`] order then by name.
pub fn all() -> impl Iterator<Item = IconRef> {
    PACKS.iter().zip(NAMES).flat_map(|(&pack, names)| names.lines().map(move |name| IconRef { pack, name }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_sorted_and_finds_names() {
        for (pack, names) in PACKS.iter().zip(NAMES) {
            let v: Vec<&str> = names.lines().collect();
            assert!(v.len() > 100, "{pack}");
            assert!(v.windows(2).all(|w| w[0] < w[1]), "{pack} is not sorted");
        }
        assert_eq!(lookup("logos", "kafka").map(|i| i.to_string()).as_deref(), Some("logos:kafka"));
        assert_eq!(lookup("logos", "kafk"), None);
        assert_eq!(lookup("nope", "kafka"), None);
        assert_eq!(all().count(), NAMES.iter().map(|n| n.lines().count()).sum::<usize>());
    }
}
