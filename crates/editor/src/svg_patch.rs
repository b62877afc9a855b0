//! The preview's SVG patched in place instead of replaced: from the markup on screen and
//! the markup of the new drawing, the least the page has to do to turn one into the other.
//!
//! Replacing a 2,000-node drawing's `innerHTML` costs the browser about 100 ms of parsing
//! and 200–300 ms of style and layout, even when a keystroke moved three nodes. The core
//! writes every element the same way every time and marks it with its role and id
//! (`../shared/SVG-CONTRACT.md`: `g.node[data-id]`, `g.cluster[data-id]`,
//! `path.edge[data-id]`, `g.edgeLabel[data-id]`, inside `g.clusters`, `g.edges`, …), so two
//! drawings can be compared element by element:
//!
//! - [`parse`] reads the markup into a tree of byte ranges: the root `<svg>`, and inside
//!   it, recursively, the `<g>` groups (the containers: `g.nodes`, a `g.node`, a
//!   `g.cluster`); everything else is a leaf, compared as a whole string;
//! - [`plan`] matches the children of each container by key (tag, first class, `data-id`,
//!   and which repeat of that it is) and says, per child of the new drawing, whether the
//!   element on screen stays as it is ([`Step::Keep`]), only needs attributes set
//!   ([`Step::Attrs`]: a node that moved changes only its `transform`, an edge its `d`),
//!   is a container to patch in turn ([`Step::Into`]: a cluster whose box grew), or must
//!   be created from markup
//!   ([`Step::Fresh`]; all of these are parsed by the browser at once). Children left over
//!   are removed; [`Level::stay`] marks the ones already in order (a longest increasing
//!   run of their old positions), so the fewest elements move.
//!
//! The diagram's own id (`coral-<hash>`, which scopes its styles and markers) is a hash of
//! its ids and labels, so adding a node changes it and with it the style sheet and every
//! edge's `marker-end`. [`rename_id`] writes the new markup with the id on screen instead
//! (in tags and style sheets only, never in text), so an element is re-created only when
//! it really changed; the page keeps the id it had.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// One element of the markup, as byte ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The whole element, `<tag …>…</tag>` or `<tag …/>`.
    pub span: Range<usize>,
    /// Its open tag, `<tag …>` (or all of `<tag …/>`).
    pub open: Range<usize>,
    /// What lies between its open and close tags (empty for `<tag/>`).
    pub inner: Range<usize>,
    /// The tag's name.
    pub name: Range<usize>,
    /// For a container (see [`parse`]): its child elements. `None` for a leaf.
    pub children: Option<Vec<Node>>,
}

/// How deep containers are looked into (the root is depth 0). The core nests its groups
/// one level (`svg > g.nodes > g.node`); a little more room costs nothing.
const MAX_DEPTH: usize = 4;

/// Reads `markup` (one root element, as the core writes it) into a tree. `None` when it is
/// not well-formed enough to be read: the caller then replaces the whole SVG.
pub fn parse(markup: &str) -> Option<Node> {
    let start = markup.find('<')?;
    let (node, end) = element(markup, start, 0)?;
    // Only blank space may follow the root.
    markup[end..].trim().is_empty().then_some(node)
}

/// The element whose `<` is at `at`, read as a container when it is one at this depth;
/// with the offset just past it.
fn element(s: &str, at: usize, depth: usize) -> Option<(Node, usize)> {
    let (name, open_end, empty) = open_tag(s, at)?;
    if empty {
        let node = Node { span: at..open_end, open: at..open_end, inner: open_end..open_end, name, children: None };
        return Some((node, open_end));
    }
    let container = depth == 0 || (depth < MAX_DEPTH && &s[name.clone()] == "g");
    if container {
        let mut children = Vec::new();
        let mut pos = open_end;
        loop {
            let lt = pos + s[pos..].find('<')?;
            // Text between children (other than blank space) makes this a leaf after all.
            if !s[pos..lt].trim().is_empty() {
                break;
            }
            let rest = &s[lt..];
            if rest.starts_with("</") {
                let gt = lt + rest.find('>')?;
                let node =
                    Node { span: at..gt + 1, open: at..open_end, inner: open_end..lt, name, children: Some(children) };
                return Some((node, gt + 1));
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                // A comment or the like inside a container: read it as a leaf instead.
                break;
            }
            let (child, end) = element(s, lt, depth + 1)?;
            children.push(child);
            pos = end;
        }
    }
    let (inner_end, end) = close_of(s, open_end)?;
    Some((Node { span: at..end, open: at..open_end, inner: open_end..inner_end, name, children: None }, end))
}

/// The open tag at `at`: its name, the offset past its `>`, and whether it closes itself.
fn open_tag(s: &str, at: usize) -> Option<(Range<usize>, usize, bool)> {
    let b = s.as_bytes();
    if b.get(at) != Some(&b'<') {
        return None;
    }
    let name_start = at + 1;
    let mut i = name_start;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b':' | b'_' | b'-' | b'.')) {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = name_start..i;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some((name, i + 1, b[i - 1] == b'/')),
            _ => {}
        }
        i += 1;
    }
    None
}

/// From just past an open tag, the offset of its close tag's `<` and the offset past it.
fn close_of(s: &str, from: usize) -> Option<(usize, usize)> {
    let mut depth = 1usize;
    let mut pos = from;
    loop {
        let lt = pos + s[pos..].find('<')?;
        let rest = &s[lt..];
        if rest.starts_with("</") {
            let gt = lt + rest.find('>')?;
            depth -= 1;
            if depth == 0 {
                return Some((lt, gt + 1));
            }
            pos = gt + 1;
        } else if let Some(body) = rest.strip_prefix("<!--") {
            pos = lt + 4 + body.find("-->")? + 3;
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            pos = lt + 9 + body.find("]]>")? + 3;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            pos = lt + rest.find('>')? + 1;
        } else {
            let (_, end, empty) = open_tag(s, lt)?;
            if !empty {
                depth += 1;
            }
            pos = end;
        }
    }
}

/// The attributes of the open tag `open`, as written (values still escaped), in order.
pub fn attrs<'a>(s: &'a str, open: &Range<usize>) -> Attrs<'a> {
    let tag = &s[open.clone()];
    let b = tag.as_bytes();
    // Past `<name`.
    let mut i = 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    Attrs { tag, at: i }
}

/// The attributes of one open tag: `(name, value as written)`.
pub struct Attrs<'a> {
    tag: &'a str,
    at: usize,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let (tag, b) = (self.tag, self.tag.as_bytes());
        let mut i = self.at;
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            self.at = b.len();
            return None;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &tag[name_start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            self.at = i;
            return Some((name, ""));
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let value = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = j + 1;
                let end = tag[start..].find(q as char).map_or(b.len(), |e| start + e);
                j = (end + 1).min(b.len());
                &tag[start..end]
            }
            _ => {
                let start = j;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                &tag[start..j]
            }
        };
        self.at = j;
        Some((name, value))
    }
}

/// The value of attribute `name` in the open tag `open`, as written.
pub fn attr<'a>(s: &'a str, open: &Range<usize>, name: &str) -> Option<&'a str> {
    attrs(s, open).find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// An attribute value as the DOM holds it: the markup's character references resolved.
pub fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// An attribute value as the core writes it (`render::writer::escape`).
fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `markup` with every `from` in its tags and style sheets written as `to` (text is left
/// alone: a label may say anything). `None` when nothing had to change.
pub fn rename_id(markup: &str, from: &str, to: &str) -> Option<String> {
    if from.is_empty() || from == to {
        return None;
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    for at in renamed_at(markup, from) {
        let o = out.get_or_insert_with(|| String::with_capacity(markup.len() + 64));
        o.push_str(&markup[copied..at]);
        o.push_str(to);
        copied = at + from.len();
    }
    let mut o = out?;
    o.push_str(&markup[copied..]);
    Some(o)
}

/// Whether old markup `old` is new markup `new` with [`rename_id`] applied, without
/// writing the renamed markup out.
pub fn same_renamed(old: &str, new: &str, from: &str, to: &str) -> bool {
    let (mut i, mut j) = (0, 0);
    for at in renamed_at(new, from) {
        let piece = &new[j..at];
        if old.get(i..i + piece.len()) != Some(piece)
            || old.get(i + piece.len()..i + piece.len() + to.len()) != Some(to)
        {
            return false;
        }
        i += piece.len() + to.len();
        j = at + from.len();
    }
    old.get(i..) == new.get(j..)
}

/// Where `from` occurs in a tag or a style sheet of `markup` (not in text).
fn renamed_at<'a>(markup: &'a str, from: &'a str) -> impl Iterator<Item = usize> + 'a {
    markup.match_indices(from).map(|(at, _)| at).filter(move |&at| {
        // The nearest `<` or `>` before it: a `<` means inside a tag; a `>` that ends an
        // open `<style>` tag means in a style sheet (whose text holds no `<` or `>`: the
        // core escapes them).
        match markup[..at].rfind(['<', '>']) {
            Some(p) if markup.as_bytes()[p] == b'<' => true,
            Some(gt) => markup[..gt].rfind('<').is_some_and(|lt| {
                let tag = &markup[lt..gt];
                tag.starts_with("<style") && !tag.ends_with('/')
            }),
            None => false,
        }
    })
}

/// An attribute to set (`Some(value)`, unescaped) or to remove (`None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrChange {
    pub name: String,
    pub value: Option<String>,
}

/// What becomes of one child of the new drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The old child at this index, as it is.
    Keep(usize),
    /// The old child at this index, with these attributes set or removed.
    Attrs(usize, Vec<AttrChange>),
    /// The old child at this index, which the page changed itself: exactly these
    /// attributes (every other one it has is removed), its content as it is.
    Reset(usize, Vec<AttrChange>),
    /// The old child at this index, a container, patched in turn.
    Into(usize, Level),
    /// A new element: the next of [`Plan::fresh`] (in the order a depth-first walk of the
    /// plan meets them).
    Fresh,
}

/// The patch of one container: its attributes, and its children in their new order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    pub attrs: Vec<AttrChange>,
    /// Whether `attrs` are all the element may have (the page changed it itself: every
    /// other attribute it carries goes), as [`Step::Reset`].
    pub reset: bool,
    pub children: Vec<Step>,
    /// Per child: whether it already stands in the right order among the other kept ones
    /// (it need not move). Always `false` for [`Step::Fresh`].
    pub stay: Vec<bool>,
    /// How many children the old container had (the page checks that it still has them).
    pub old_len: usize,
}

/// The whole patch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub root: Level,
    /// The markup of the elements to create, one after the other, in the order a
    /// depth-first walk of the plan meets its [`Step::Fresh`]s (the id renamed).
    pub fresh: String,
    /// How many elements that is.
    pub fresh_count: usize,
}

/// The new drawing's id and the one on screen, which the new markup is read as using.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rename<'a> {
    pub from: &'a str,
    pub to: &'a str,
}

/// What the old drawing may not be trusted on: elements the page changed itself since it
/// was put there (a drag sets attributes as it goes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// `data-id`s of changed elements (and the elements holding them).
    pub ids: Vec<String>,
    /// Keys, `tag.class` ([`key_of`]'s first two parts), of changed elements without an
    /// id (`rect.background`).
    pub keys: Vec<String>,
    /// Whether the root's own attributes changed (its size and view box).
    pub root: bool,
}

impl Dirty {
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.keys.is_empty() && !self.root
    }
}

/// The patch from the drawing `old` (markup on screen, read by [`parse`]) to `new`, whose
/// id `rename` says to read as the one on screen. `None` when the roots are not the same
/// kind of element (replace instead).
pub fn plan(old_s: &str, old: &Node, new_s: &str, new: &Node, rename: Option<Rename>, dirty: &Dirty) -> Option<Plan> {
    if old_s[old.name.clone()] != new_s[new.name.clone()] {
        return None;
    }
    let rename = rename.filter(|r| !r.from.is_empty() && r.from != r.to);
    let mut cx = Cx { old_s, new_s, rename, dirty, fresh: String::new(), fresh_count: 0 };
    let mut root = cx.level(old, new, dirty.root)?;
    // The root's attributes are set again, never cleared: what the page sets on it besides
    // the markup's (the view's placement) stays. A drag changes only ones the markup has.
    root.reset = false;
    Some(Plan { root, fresh: cx.fresh, fresh_count: cx.fresh_count })
}

struct Cx<'a> {
    old_s: &'a str,
    new_s: &'a str,
    rename: Option<Rename<'a>>,
    dirty: &'a Dirty,
    fresh: String,
    fresh_count: usize,
}

impl Cx<'_> {
    /// The patch of container `old` into `new`; with `suspect`, the page may have changed
    /// it and everything in it: every attribute is set again.
    fn level(&mut self, old: &Node, new: &Node, suspect: bool) -> Option<Level> {
        let (old_children, new_children) = (old.children.as_ref()?, new.children.as_ref()?);
        let attrs = self.attr_changes(&old.open, &new.open, suspect)?;
        let mut by_key: HashMap<Key, usize, Fnv> = HashMap::with_capacity_and_hasher(old_children.len(), Fnv);
        for (i, k) in keys(self.old_s, old_children).into_iter().enumerate() {
            by_key.insert(k, i);
        }
        let mut children = Vec::with_capacity(new_children.len());
        for (child, k) in new_children.iter().zip(keys(self.new_s, new_children)) {
            let step = match by_key.remove(&k) {
                Some(i) => self.step(i, &old_children[i], child, suspect || is_dirty(self.dirty, k)),
                None => Step::Fresh,
            };
            if step == Step::Fresh {
                self.push_fresh(child);
            }
            children.push(step);
        }
        let stay = in_order(&children);
        Some(Level { attrs, reset: suspect, children, stay, old_len: old_children.len() })
    }

    /// What becomes of old child `i` (`was`) as new child `child`; `suspect`: the page
    /// may have changed it (or what holds it) itself.
    fn step(&mut self, i: usize, was: &Node, child: &Node, suspect: bool) -> Step {
        // A container the page may have changed inside is looked into even when its
        // markup is the same.
        let look_inside = was.children.is_some() && self.may_hold_dirty(was);
        if !suspect && !look_inside {
            if self.same(&was.span, &child.span) {
                return Step::Keep(i);
            }
            // A node that moved: its `transform`, nothing inside.
            if self.same(&was.inner, &child.inner) {
                return self.attr_changes(&was.open, &child.open, false).map_or(Step::Fresh, |a| Step::Attrs(i, a));
            }
        }
        if was.children.is_some() && child.children.is_some() {
            return self.level(was, child, suspect).map_or(Step::Fresh, |l| Step::Into(i, l));
        }
        if suspect && self.same(&was.inner, &child.inner) {
            return self.attr_changes(&was.open, &child.open, true).map_or(Step::Fresh, |a| Step::Reset(i, a));
        }
        Step::Fresh
    }

    /// Whether the page may have changed something inside container `n`: an element it
    /// names by id is in it, or it changed elements without ids.
    fn may_hold_dirty(&self, n: &Node) -> bool {
        if self.dirty.is_empty() {
            return false;
        }
        let inner = &self.old_s[n.span.clone()];
        !self.dirty.keys.is_empty()
            || self.dirty.ids.iter().any(|id| inner.contains(&format!("data-id=\"{}\"", escape_attr(id))))
    }

    /// Whether old markup `a` is new markup `b`, the id renamed.
    fn same(&self, a: &Range<usize>, b: &Range<usize>) -> bool {
        let (old, new) = (&self.old_s[a.clone()], &self.new_s[b.clone()]);
        old == new || self.rename.is_some_and(|r| same_renamed(old, new, r.from, r.to))
    }

    fn push_fresh(&mut self, child: &Node) {
        let markup = &self.new_s[child.span.clone()];
        match self.rename.and_then(|r| rename_id(markup, r.from, r.to)) {
            Some(renamed) => self.fresh.push_str(&renamed),
            None => self.fresh.push_str(markup),
        }
        self.fresh_count += 1;
    }

    /// The attributes to set and remove to turn open tag `old` into `new`; every one of
    /// `new`'s when `all`. `None` when one of them cannot be set by name alone (a
    /// namespaced attribute such as `xlink:href`): then the element is made afresh.
    fn attr_changes(&self, old: &Range<usize>, new: &Range<usize>, all: bool) -> Option<Vec<AttrChange>> {
        let was: Vec<(&str, &str)> = attrs(self.old_s, old).collect();
        let is: Vec<(&str, &str)> = attrs(self.new_s, new).collect();
        let mut out = Vec::new();
        for &(name, raw) in &is {
            let before = was.iter().find(|&&(n, _)| n == name).map(|&(_, v)| v);
            // `xmlns` never changes between two drawings (and cannot be set by name).
            if (!all || name == "xmlns") && before == Some(raw) {
                continue;
            }
            let mut value = unescape(raw).into_owned();
            if let Some(r) = self.rename
                && value.contains(r.from)
            {
                value = value.replace(r.from, r.to);
            }
            if !all && before.is_some_and(|b| unescape(b) == value.as_str()) {
                continue;
            }
            if name.contains(':') || name == "xmlns" {
                return None;
            }
            out.push(AttrChange { name: name.to_string(), value: Some(value) });
        }
        for &(name, _) in &was {
            if is.iter().all(|&(n, _)| n != name) {
                if name.contains(':') || name == "xmlns" {
                    return None;
                }
                out.push(AttrChange { name: name.to_string(), value: None });
            }
        }
        Some(out)
    }
}

/// A child's key: tag, first class, `data-id` (as written) and which repeat of those
/// three it is among its siblings.
type Key<'a> = (&'a str, &'a str, &'a str, usize);

/// Whether the element with this key is one the page changed.
fn is_dirty(dirty: &Dirty, (tag, class, id, _): Key) -> bool {
    if dirty.is_empty() {
        return false;
    }
    (!id.is_empty() && dirty.ids.iter().any(|d| d == id))
        || dirty.keys.iter().any(|k| k.split_once('.').is_some_and(|(t, c)| t == tag && c == class))
}

fn keys<'a>(s: &'a str, children: &[Node]) -> Vec<Key<'a>> {
    let mut seen: HashMap<(&str, &str, &str), usize, Fnv> = HashMap::with_capacity_and_hasher(children.len(), Fnv);
    children
        .iter()
        .map(|c| {
            let (tag, class, id) = key_of(s, c);
            let n = seen.entry((tag, class, id)).or_default();
            *n += 1;
            (tag, class, id, *n)
        })
        .collect()
}

/// An element's tag, first class and `data-id` (empty when it has none).
pub fn key_of<'a>(s: &'a str, n: &Node) -> (&'a str, &'a str, &'a str) {
    let mut class = "";
    let mut id = "";
    for (name, value) in attrs(s, &n.open) {
        match name {
            "class" => class = value.split_ascii_whitespace().next().unwrap_or(""),
            "data-id" => id = value,
            _ => {}
        }
    }
    (&s[n.name.clone()], class, id)
}

/// FNV-1a: the keys are short strings, and SipHash's protection against chosen
/// collisions buys nothing for the page's own drawing.
#[derive(Clone, Copy, Default)]
struct Fnv;

struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Which children already stand in order: those in a longest increasing run of the old
/// positions of the kept ones (O(n log n)); the others are moved or created.
fn in_order(children: &[Step]) -> Vec<bool> {
    let old: Vec<Option<usize>> = children
        .iter()
        .map(|c| match c {
            Step::Keep(i) | Step::Attrs(i, _) | Step::Reset(i, _) | Step::Into(i, _) => Some(*i),
            Step::Fresh => None,
        })
        .collect();
    // `tails[k]`: index (into `children`) of the smallest tail of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; children.len()];
    for (j, o) in old.iter().enumerate() {
        let Some(v) = *o else { continue };
        let k = tails.partition_point(|&t| old[t].is_some_and(|x| x < v));
        prev[j] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(j);
        } else {
            tails[k] = j;
        }
    }
    let mut stay = vec![false; children.len()];
    let mut at = tails.last().copied();
    while let Some(j) = at {
        stay[j] = true;
        at = prev[j];
    }
    stay
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny DOM: what the page holds, so plans can be applied and checked natively.
    #[derive(Clone, Debug, PartialEq)]
    enum Dom {
        El { name: String, attrs: Vec<(String, String)>, children: Vec<Dom> },
        Raw(String),
    }

    /// Builds the tiny DOM for `n` (leaves as their markup, attributes unescaped).
    fn dom(s: &str, n: &Node) -> Dom {
        match &n.children {
            Some(children) => Dom::El {
                name: s[n.name.clone()].to_string(),
                attrs: attrs(s, &n.open).map(|(k, v)| (k.to_string(), unescape(v).into_owned())).collect(),
                children: children.iter().map(|c| dom(s, c)).collect(),
            },
            None => Dom::Raw(s[n.span.clone()].to_string()),
        }
    }

    /// Applies `level` to the tiny DOM `d` (whose leaves are markup), as the page does.
    fn apply(d: &mut Dom, level: &Level, fresh: &mut std::vec::IntoIter<String>) {
        let Dom::El { attrs: a, children, .. } = d else { panic!("a leaf patched as a container") };
        if level.reset {
            a.clear();
        }
        set_attrs(a, &level.attrs);
        assert_eq!(children.len(), level.old_len);
        let old = std::mem::take(children);
        for step in &level.children {
            let el = match step {
                Step::Keep(i) => old[*i].clone(),
                Step::Attrs(i, changes) => {
                    // A leaf's markup with its open tag rewritten (a container's attributes set).
                    let m = match &old[*i] {
                        Dom::Raw(m) => m,
                        Dom::El { .. } => {
                            let mut c = old[*i].clone();
                            if let Dom::El { attrs, .. } = &mut c {
                                set_attrs(attrs, changes);
                            }
                            children.push(c);
                            continue;
                        }
                    };
                    let n = parse(m).unwrap();
                    let mut a: Vec<(String, String)> =
                        attrs(m, &n.open).map(|(k, v)| (k.to_string(), unescape(v).into_owned())).collect();
                    set_attrs(&mut a, changes);
                    let open: String = a
                        .iter()
                        .map(|(k, v)| {
                            format!(
                                " {k}=\"{}\"",
                                v.replace('&', "&amp;")
                                    .replace('"', "&quot;")
                                    .replace('<', "&lt;")
                                    .replace('>', "&gt;")
                            )
                        })
                        .collect();
                    let name = &m[n.name.clone()];
                    let rebuilt = if n.inner.is_empty() && m[n.open.clone()].ends_with("/>") {
                        format!("<{name}{open}/>")
                    } else {
                        format!("<{name}{open}>{}</{name}>", &m[n.inner.clone()])
                    };
                    Dom::Raw(rebuilt)
                }
                Step::Reset(i, changes) => {
                    // Exactly these attributes, the content as it was.
                    let c = match &old[*i] {
                        Dom::Raw(m) => {
                            let n = parse(m).unwrap();
                            let name = &m[n.name.clone()];
                            let mut a = Vec::new();
                            set_attrs(&mut a, changes);
                            let open: String = a.iter().map(|(k, v)| format!(" {k}=\"{}\"", escape_attr(v))).collect();
                            Dom::Raw(format!("<{name}{open}>{}</{name}>", &m[n.inner.clone()]))
                        }
                        Dom::El { name, children, .. } => {
                            let mut a = Vec::new();
                            set_attrs(&mut a, changes);
                            Dom::El { name: name.clone(), attrs: a, children: children.clone() }
                        }
                    };
                    children.push(c);
                    continue;
                }
                Step::Into(i, l) => {
                    let mut c = old[*i].clone();
                    apply(&mut c, l, fresh);
                    c
                }
                Step::Fresh => Dom::Raw(fresh.next().expect("a fresh element")),
            };
            children.push(el);
        }
    }

    fn set_attrs(a: &mut Vec<(String, String)>, changes: &[AttrChange]) {
        for c in changes {
            match &c.value {
                Some(v) => match a.iter_mut().find(|(k, _)| *k == c.name) {
                    Some(slot) => slot.1 = v.clone(),
                    None => a.push((c.name.clone(), v.clone())),
                },
                None => a.retain(|(k, _)| *k != c.name),
            }
        }
    }

    /// Everything parsed down to the last element, attributes sorted and unescaped, so
    /// attribute order and how leaves were split do not matter for comparisons.
    fn canon(d: &Dom) -> Vec<Dom> {
        match d {
            Dom::El { name, attrs, children } => {
                let mut attrs = attrs.clone();
                attrs.sort();
                vec![Dom::El { name: name.clone(), attrs, children: children.iter().flat_map(canon).collect() }]
            }
            Dom::Raw(m) => full(m),
        }
    }

    /// The elements of `m`, one after the other, as markup.
    fn split(m: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(lt) = m[pos..].find('<').map(|i| pos + i) {
            let (_, open_end, empty) = open_tag(m, lt).unwrap();
            let end = if empty { open_end } else { close_of(m, open_end).unwrap().1 };
            out.push(m[lt..end].to_string());
            pos = end;
        }
        out
    }

    /// Markup as a list of tiny DOM nodes, every element read to the bottom.
    fn full(m: &str) -> Vec<Dom> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < m.len() {
            let lt = m[pos..].find('<').map_or(m.len(), |i| pos + i);
            if lt > pos {
                out.push(Dom::Raw(m[pos..lt].to_string()));
            }
            if lt == m.len() {
                break;
            }
            let (name, open_end, empty) = open_tag(m, lt).unwrap();
            let (inner_end, end) = if empty { (open_end, open_end) } else { close_of(m, open_end).unwrap() };
            let mut attrs: Vec<(String, String)> =
                attrs(m, &(lt..open_end)).map(|(k, v)| (k.to_string(), unescape(v).into_owned())).collect();
            attrs.sort();
            out.push(Dom::El { name: m[name].to_string(), attrs, children: full(&m[open_end..inner_end]) });
            pos = end;
        }
        out
    }

    /// Patches `old` into `new` on the tiny DOM and checks the result is `new`; returns the plan.
    fn check(old: &str, new: &str) -> Plan {
        let (a, b) = (parse(old).unwrap(), parse(new).unwrap());
        let p = plan(old, &a, new, &b, None, &Dirty::default()).unwrap();
        let mut d = dom(old, &a);
        let fresh = split(&p.fresh);
        assert_eq!(fresh.len(), p.fresh_count);
        apply(&mut d, &p.root, &mut fresh.into_iter());
        assert_eq!(canon(&d), canon(&dom(new, &b)), "patching {old:?} into {new:?}");
        p
    }

    fn svg(body: &str) -> String {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"coral-1\" viewBox=\"0 0 10 10\">{body}</svg>")
    }

    fn node(id: &str, x: u32, label: &str) -> String {
        format!(
            "<g class=\"node default\" data-id=\"{id}\" transform=\"translate({x},5)\"><rect x=\"-5\" width=\"10\"/><text class=\"label\"><tspan>{label}</tspan></text></g>"
        )
    }

    #[test]
    fn reads_containers_and_leaves() {
        let s =
            svg(&format!("<style>#a{{x:1}}</style><g class=\"nodes\">{}{}</g>", node("A", 1, "a"), node("B", 2, "b")));
        let root = parse(&s).unwrap();
        let kids = root.children.as_ref().unwrap();
        assert_eq!(kids.len(), 2);
        assert_eq!(&s[kids[0].inner.clone()], "#a{x:1}");
        assert!(kids[0].children.is_none());
        let nodes = kids[1].children.as_ref().unwrap();
        assert_eq!(nodes.len(), 2);
        // A node is a container too (its shape and label are its children, leaves).
        assert_eq!(nodes[0].children.as_ref().map(Vec::len), Some(2));
        assert!(nodes[0].children.as_ref().unwrap().iter().all(|c| c.children.is_none()));
        assert_eq!(key_of(&s, &nodes[1]), ("g", "node", "B"));
        assert_eq!(parse("<svg><g></svg>"), None);
        assert_eq!(parse("<svg/>trailing"), None);
        assert!(parse("<svg/>").is_some());
    }

    #[test]
    fn an_unchanged_drawing_keeps_everything() {
        let s = svg(&format!("<g class=\"nodes\">{}</g>", node("A", 1, "a")));
        let p = check(&s, &s);
        assert_eq!(p.fresh, "");
        assert!(matches!(p.root.children[..], [Step::Keep(0)]));
    }

    #[test]
    fn a_moved_node_only_gets_its_transform_and_a_new_one_is_created() {
        let old = svg(&format!("<g class=\"nodes\">{}{}</g>", node("A", 1, "a"), node("B", 2, "b")));
        let new =
            svg(&format!("<g class=\"nodes\">{}{}{}</g>", node("A", 1, "a"), node("B", 3, "b"), node("C", 4, "c")));
        let p = check(&old, &new);
        let Step::Into(0, nodes) = &p.root.children[0] else { panic!("{:?}", p.root) };
        assert_eq!(nodes.children[0], Step::Keep(0));
        assert_eq!(
            nodes.children[1],
            Step::Attrs(1, vec![AttrChange { name: "transform".into(), value: Some("translate(3,5)".into()) }])
        );
        assert_eq!(nodes.children[2], Step::Fresh);
        assert_eq!(p.fresh, node("C", 4, "c"));
    }

    #[test]
    fn a_relabelled_node_is_made_again_and_removed_ones_go() {
        let old =
            svg(&format!("<g class=\"nodes\">{}{}{}</g>", node("A", 1, "a"), node("B", 2, "b"), node("C", 3, "c")));
        let new = svg(&format!("<g class=\"nodes\">{}{}</g>", node("A", 1, "x &amp; y"), node("C", 3, "c")));
        let p = check(&old, &new);
        let Step::Into(0, nodes) = &p.root.children[0] else { panic!() };
        // A's label is made again (inside A, which stays); B goes; C stays as it is.
        let Step::Into(0, a) = &nodes.children[0] else { panic!("{:?}", nodes.children[0]) };
        assert_eq!(a.children, vec![Step::Keep(0), Step::Fresh]);
        assert_eq!(nodes.children[1], Step::Keep(2));
        assert_eq!(nodes.old_len, 3);
    }

    #[test]
    fn reordered_children_move_as_few_as_possible() {
        let ids = ["A", "B", "C", "D", "E"];
        let old = svg(&format!("<g class=\"nodes\">{}</g>", ids.iter().map(|i| node(i, 1, i)).collect::<String>()));
        // E moved to the front: only E moves.
        let order = ["E", "A", "B", "C", "D"];
        let new = svg(&format!("<g class=\"nodes\">{}</g>", order.iter().map(|i| node(i, 1, i)).collect::<String>()));
        let p = check(&old, &new);
        let Step::Into(0, nodes) = &p.root.children[0] else { panic!() };
        assert_eq!(nodes.stay, vec![false, true, true, true, true]);
        // A moved to the back: only A moves.
        let order = ["B", "C", "D", "E", "A"];
        let new = svg(&format!("<g class=\"nodes\">{}</g>", order.iter().map(|i| node(i, 1, i)).collect::<String>()));
        let p = check(&old, &new);
        let Step::Into(0, nodes) = &p.root.children[0] else { panic!() };
        assert_eq!(nodes.stay, vec![true, true, true, true, false]);
    }

    #[test]
    fn repeated_keys_match_in_order_and_unkeyed_elements_by_position() {
        let old = svg(
            "<g class=\"edges\"><path class=\"edge\" data-id=\"e\" d=\"M0\"/><path class=\"edge\" data-id=\"e\" d=\"M1\"/></g><rect class=\"background\" width=\"1\"/>",
        );
        let new = svg(
            "<g class=\"edges\"><path class=\"edge\" data-id=\"e\" d=\"M0\"/><path class=\"edge\" data-id=\"e\" d=\"M2\"/></g><rect class=\"background\" width=\"2\"/>",
        );
        let p = check(&old, &new);
        let Step::Into(0, edges) = &p.root.children[0] else { panic!() };
        assert_eq!(edges.children[0], Step::Keep(0));
        assert!(matches!(&edges.children[1], Step::Attrs(1, a) if a[0].name == "d"));
        assert!(matches!(&p.root.children[1], Step::Attrs(1, a) if a[0].name == "width"));
    }

    #[test]
    fn root_attributes_are_set_and_removed() {
        let old = "<svg xmlns=\"n\" width=\"1\" aria-labelledby=\"t\"><g class=\"nodes\"></g></svg>";
        let new = "<svg xmlns=\"n\" width=\"2\" height=\"3\"><g class=\"nodes\"></g></svg>";
        let p = check(old, new);
        assert_eq!(
            p.root.attrs,
            vec![
                AttrChange { name: "width".into(), value: Some("2".into()) },
                AttrChange { name: "height".into(), value: Some("3".into()) },
                AttrChange { name: "aria-labelledby".into(), value: None },
            ]
        );
        // A namespaced attribute on a leaf makes it afresh.
        let old = svg("<use class=\"i\" xlink:href=\"#a\"/>");
        let new = svg("<use class=\"i\" xlink:href=\"#b\"/>");
        assert_eq!(check(&old, &new).root.children, vec![Step::Fresh]);
        // Different roots: no plan.
        let (a, b) = ("<svg></svg>", "<g></g>");
        assert_eq!(plan(a, &parse(a).unwrap(), b, &parse(b).unwrap(), None, &Dirty::default()), None);
    }

    #[test]
    fn dirty_elements_are_made_again_and_a_dirty_root_gets_every_attribute() {
        let old = svg(&format!(
            "<g class=\"nodes\">{}{}</g><rect class=\"background\" width=\"1\"/>",
            node("A", 1, "a"),
            node("B", 2, "b")
        ));
        let (a, _) = (parse(&old).unwrap(), ());
        let dirty = Dirty { ids: vec!["B".into()], keys: vec!["rect.background".into()], root: true };
        let p = plan(&old, &a, &old, &a, None, &dirty).unwrap();
        let Step::Into(0, nodes) = &p.root.children[0] else { panic!() };
        // B, and everything in it, gets exactly the attributes of the markup again.
        let Step::Into(1, b) = &nodes.children[1] else { panic!("{:?}", nodes.children[1]) };
        assert_eq!(b.attrs.len(), 3);
        assert!(b.reset);
        assert!(b.children.iter().all(|c| matches!(c, Step::Reset(..))), "{:?}", b.children);
        assert!(matches!(&p.root.children[1], Step::Reset(1, a) if a.len() == 2));
        assert_eq!(p.fresh, "");
        // Only B (and what holds it) is looked into when no element without an id is dirty.
        let only_b = Dirty { ids: vec!["B".into()], keys: vec![], root: false };
        let p2 = plan(&old, &a, &old, &a, None, &only_b).unwrap();
        let Step::Into(0, nodes) = &p2.root.children[0] else { panic!() };
        assert_eq!(nodes.children[0], Step::Keep(0));
        assert_eq!(p2.root.children[1], Step::Keep(1));
        // Every attribute but `xmlns`, which never changes.
        let names: Vec<&str> = p.root.attrs.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["id", "viewBox"]);
    }

    #[test]
    fn text_in_a_group_makes_it_a_leaf() {
        let old = svg("<g class=\"x\">hello<rect/></g>");
        let new = svg("<g class=\"x\">hullo<rect/></g>");
        let p = check(&old, &new);
        assert_eq!(p.root.children, vec![Step::Fresh]);
    }

    #[test]
    fn the_id_is_renamed_in_tags_and_styles_but_not_in_text() {
        let s = "<svg id=\"coral-2\"><style>#coral-2 .a{}</style><path marker-end=\"url(#coral-2-arrow)\"/><text>coral-2</text></svg>";
        assert_eq!(
            rename_id(s, "coral-2", "coral-1").unwrap(),
            "<svg id=\"coral-1\"><style>#coral-1 .a{}</style><path marker-end=\"url(#coral-1-arrow)\"/><text>coral-2</text></svg>"
        );
        assert_eq!(rename_id(s, "coral-9", "coral-1"), None);
        let renamed = rename_id(s, "coral-2", "coral-1").unwrap();
        assert!(same_renamed(&renamed, s, "coral-2", "coral-1"));
        assert!(!same_renamed(s, s, "coral-2", "coral-1"));
        assert!(!same_renamed(&renamed.replace("<text>coral-2", "<text>coral-1"), s, "coral-2", "coral-1"));
    }

    #[test]
    fn attributes_are_read_and_unescaped() {
        let s = "<g a=\"1\" b='x > y' c=d e data-id=\"A&amp;B\">";
        assert_eq!(
            attrs(s, &(0..s.len())).collect::<Vec<_>>(),
            vec![("a", "1"), ("b", "x > y"), ("c", "d"), ("e", ""), ("data-id", "A&amp;B")]
        );
        assert_eq!(unescape("A&amp;B &lt;&gt;&quot;&#39;&#x41;&#65; &bogus; &"), "A&B <>\"'AA &bogus; &");
    }

    /// Random drawings, randomly edited: every plan, applied, gives the new drawing.
    #[test]
    fn random_edits_patch_to_the_new_drawing() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..300 {
            let count = 1 + next(12) as usize;
            let mut ids: Vec<(String, u32, String)> = (0..count)
                .map(|i| (format!("N{}", next(8) * 10 + i as u64), next(5) as u32, format!("l{}", next(3))))
                .collect();
            let draw = |ids: &[(String, u32, String)], bg: u64| {
                let nodes: String = ids.iter().map(|(i, x, l)| node(i, *x, l)).collect();
                let edges: String = ids
                    .windows(2)
                    .map(|w| {
                        format!("<path class=\"edge\" data-id=\"{}-{}\" d=\"M{}\"/>", w[0].0, w[1].0, w[0].1 + w[1].1)
                    })
                    .collect();
                svg(&format!(
                    "<rect class=\"background\" width=\"{bg}\"/><g class=\"edges\">{edges}</g><g class=\"nodes\">{nodes}</g>"
                ))
            };
            let old = draw(&ids, next(2));
            for _ in 0..1 + next(4) {
                match next(4) {
                    0 if !ids.is_empty() => {
                        let at = next(ids.len() as u64) as usize;
                        ids.remove(at);
                    }
                    1 => {
                        let at = next(ids.len() as u64 + 1) as usize;
                        ids.insert(at, (format!("M{}", next(100)), next(5) as u32, "new".into()));
                    }
                    2 if ids.len() > 1 => {
                        let (a, b) = (next(ids.len() as u64) as usize, next(ids.len() as u64) as usize);
                        ids.swap(a, b);
                    }
                    _ if !ids.is_empty() => {
                        let at = next(ids.len() as u64) as usize;
                        ids[at].1 = next(5) as u32;
                    }
                    _ => {}
                }
            }
            let new = draw(&ids, next(2));
            check(&old, &new);
        }
    }
}
