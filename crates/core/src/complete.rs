//! Completion for the editor: what to offer for a text and a caret.
//!
//! The word being typed (letters, digits, `_`, `-`, and `:` inside icon names) is
//! completed from what fits where it stands:
//!
//! - on the first line of a diagram, the diagram types Coral draws;
//! - after `shape:` in `@{ … }`, the shape names [`Shape::names`] accepts;
//! - after `icon:` in `@{ … }`, in an architecture `(…)` and in a C4 `$sprite=`, icon
//!   names from the shipped packs ([`icons::search`]);
//! - anywhere else in code, the ids already in the document (from the parsed model, so
//!   a subgraph, group or C4 element counts as well as a node) and the keywords of the
//!   diagram type (C4: its macros) — but never inside a label, a string or a comment.
//!
//! Nothing is offered for an empty word: completion follows typing, it does not open by
//! itself on a blank.

use crate::icons;
use crate::model::Shape;
use crate::source::Span;
use crate::syntax::header::{self, KNOWN_TYPES, Support};
use crate::syntax::{c4, frontmatter};

/// At most this many items are offered.
pub const MAX_ITEMS: usize = 12;

/// What an item is, for its icon in the popup and its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Id,
    Keyword,
    Shape,
    Icon,
    DiagramType,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Id => "id",
            ItemKind::Keyword => "keyword",
            ItemKind::Shape => "shape",
            ItemKind::Icon => "icon",
            ItemKind::DiagramType => "type",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
}

/// Items to offer, and the text they replace (the word before the caret).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Completion {
    pub span: Span,
    pub items: Vec<Item>,
}

/// Where the word stands, which decides what is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    DiagramType,
    /// After the header keyword or `direction`: `TB`, `LR`, ….
    Direction,
    Shape,
    Icon,
    Code,
}

/// What to offer at byte `caret` of `text`; `None` when nothing fits (an empty word,
/// the caret inside a word, in a label, a string or a comment, or no match).
pub fn complete(text: &str, caret: usize) -> Option<Completion> {
    if caret > text.len() || !text.is_char_boundary(caret) {
        return None;
    }
    let line_start = text[..caret].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..caret];
    let context = context(text, line_start, before)?;
    let word_char = |c: char| c.is_alphanumeric() || c == '_' || c == '-' || (context == Context::Icon && c == ':');
    if text[caret..].chars().next().is_some_and(word_char) {
        return None;
    }
    let start = caret - before.chars().rev().take_while(|&c| word_char(c)).map(char::len_utf8).sum::<usize>();
    let word = &text[start..caret];
    if word.is_empty() || word.starts_with('-') {
        return None;
    }
    let mut items = match context {
        Context::DiagramType => {
            let names = KNOWN_TYPES.iter().filter(|(_, s)| *s != Support::Unsupported).map(|(n, _)| *n);
            ranked(word, names.map(|n| (n.to_string(), ItemKind::DiagramType)))
        }
        Context::Direction => ranked(word, DIRECTIONS.iter().map(|d| (d.to_string(), ItemKind::Keyword))),
        Context::Shape => ranked(word, Shape::names().map(|n| (n.to_string(), ItemKind::Shape))),
        Context::Icon => icons::search(word, MAX_ITEMS)
            .into_iter()
            .map(|h| Item { label: h.icon.to_string(), kind: ItemKind::Icon })
            .collect(),
        Context::Code => {
            let before_word = &text[line_start..start];
            let statement_start = before_word.trim().is_empty() || before_word.trim_end().ends_with(';');
            code_items(text, word, start, statement_start)
        }
    };
    items.retain(|i| i.label != word);
    items.truncate(MAX_ITEMS);
    (!items.is_empty()).then_some(Completion { span: Span::new(start, caret), items })
}

fn context(text: &str, line_start: usize, before: &str) -> Option<Context> {
    if inside_comment(before) {
        return None;
    }
    let body = frontmatter::fences(text).map_or(0, |f| f.body);
    if line_start < body {
        return None;
    }
    // The first line with code on it names the diagram type.
    let first_code = text[body..]
        .split_inclusive('\n')
        .scan(body, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .find(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with("%%"))
        .map(|(start, _)| start);
    if first_code.is_none_or(|s| s == line_start) {
        // The type word itself, then (flowcharts) the direction after it.
        let words: Vec<&str> = before.split_whitespace().collect();
        return match words.as_slice() {
            [] | [_] if !before.ends_with(char::is_whitespace) || words.is_empty() => Some(Context::DiagramType),
            [kind] if matches!(*kind, "flowchart" | "graph" | "flowchart-elk") => Some(Context::Direction),
            [kind, _]
                if matches!(*kind, "flowchart" | "graph" | "flowchart-elk")
                    && !before.ends_with(char::is_whitespace) =>
            {
                Some(Context::Direction)
            }
            _ => None,
        };
    }
    if before.trim_start().starts_with("direction ") && before.split_whitespace().count() <= 2 {
        return Some(Context::Direction);
    }
    let quotes = before.matches('"').count();
    // `@{ shape: …` / `@{ icon: "…` on a flowchart node.
    if let Some(open) = before.rfind("@{")
        && !before[open..].contains('}')
    {
        let inside = &before[open + 2..];
        let key = inside.rsplit(',').next().unwrap_or(inside).trim_start();
        return match key.split_once(':') {
            Some((k, v)) if k.trim() == "shape" && !v.contains('"') => Some(Context::Shape),
            Some((k, v)) if k.trim() == "icon" && !v.contains(',') => Some(Context::Icon),
            _ => None,
        };
    }
    let trimmed = before.trim_start();
    // `service id(icon` / `group id(icon` in architecture.
    if (trimmed.starts_with("service ") || trimmed.starts_with("group "))
        && let Some(open) = before.rfind('(')
        && !before[open..].contains(')')
        && quotes == 0
    {
        return Some(Context::Icon);
    }
    // C4's `$sprite="name`.
    if let Some(at) = before.rfind("$sprite=") {
        let value = &before[at + 8..];
        if !value.contains(',') && !value.contains(')') {
            return Some(Context::Icon);
        }
    }
    if quotes % 2 == 1 || inside_label(before) {
        return None;
    }
    Some(Context::Code)
}

/// A `%%` comment starts before the caret on this line (outside quotes).
fn inside_comment(before: &str) -> bool {
    let mut quoted = false;
    let bytes = before.as_bytes();
    (0..bytes.len()).any(|i| {
        if bytes[i] == b'"' {
            quoted = !quoted;
        }
        !quoted && bytes[i] == b'%' && bytes.get(i + 1) == Some(&b'%') && bytes.get(i + 2) != Some(&b'{')
    })
}

/// The caret is inside a flowchart label: more opening shape brackets or `|` edge-label
/// bars than closing ones before it on the line.
fn inside_label(before: &str) -> bool {
    let mut depth: i32 = 0;
    let mut bars = 0;
    for c in before.chars() {
        match c {
            // (`>` also opens a label in `A>text]`, but reads as an arrow's end more often.)
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => depth -= 1,
            '|' => bars += 1,
            _ => {}
        }
    }
    depth > 0 || bars % 2 == 1
}

/// The directions a flowchart (or a subgraph's `direction`) takes.
const DIRECTIONS: &[&str] = &["TB", "TD", "BT", "LR", "RL"];

/// Ids of the document and keywords of its type, best first. Statement keywords (and
/// C4 macros) are offered only where a statement starts; in the middle of a line only
/// ids (and architecture's `in`).
fn code_items(text: &str, word: &str, word_start: usize, statement_start: bool) -> Vec<Item> {
    let block = crate::markdown::diagram_source(text, 0);
    let (src, offset) = block.map_or((text, 0), |b| (b.code, b.offset));
    // In Markdown, only the diagram's own block is code.
    if word_start < offset || word_start + word.len() > offset + src.len() {
        return Vec::new();
    }
    let mut diags = Vec::new();
    let body = frontmatter::fences(src).map_or(0, |f| f.body);
    let support = header::detect(src, body, &mut diags).support;
    let keywords: Vec<&str> = match (support, statement_start) {
        (Some(Support::Flowchart), true) => crate::highlight::FLOWCHART_KEYWORDS.to_vec(),
        (Some(Support::Architecture), true) => crate::highlight::ARCHITECTURE_KEYWORDS.to_vec(),
        (Some(Support::Architecture), false) => vec!["in"],
        (Some(Support::C4), true) => {
            c4::ast::MACROS.iter().map(|(n, _)| *n).chain(crate::highlight::C4_KEYWORDS.iter().copied()).collect()
        }
        _ => Vec::new(),
    };
    let keywords = keywords.into_iter().filter(|k| !DIRECTIONS.contains(k) && *k != "default");
    // The document without the word being typed, so that half-typed word is not offered
    // back as an id of its own.
    let local_start = word_start - offset;
    let local_end = local_start + word.len();
    let without = format!("{}{}", &src[..local_start], &src[local_end..]);
    let diagram = crate::syntax::parse(&without).diagram;
    let mut ids: Vec<String> =
        diagram.nodes.iter().map(|n| n.id.clone()).chain(diagram.clusters.iter().map(|c| c.id.clone())).collect();
    ids.sort();
    ids.dedup();
    let candidates =
        ids.into_iter().map(|id| (id, ItemKind::Id)).chain(keywords.map(|k| (k.to_string(), ItemKind::Keyword)));
    ranked(word, candidates)
}

/// The candidates that match `word`, best first: a case-sensitive prefix, then a prefix
/// ignoring case, then a substring ignoring case; ties by kind, length and name.
fn ranked(word: &str, candidates: impl Iterator<Item = (String, ItemKind)>) -> Vec<Item> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(u8, ItemKind, String)> = candidates
        .filter_map(|(label, kind)| {
            let l = label.to_lowercase();
            let score = if label.starts_with(word) {
                0
            } else if l.starts_with(&lower) {
                1
            } else if lower.chars().count() > 1 && l.contains(&lower) {
                2
            } else {
                return None;
            };
            Some((score, kind, label))
        })
        .collect();
    scored.sort_by(|a, b| (a.0, a.1, a.2.len(), &a.2).cmp(&(b.0, b.1, b.2.len(), &b.2)));
    scored.dedup_by(|a, b| a.2 == b.2);
    scored.into_iter().take(MAX_ITEMS).map(|(_, kind, label)| Item { label, kind }).collect()
}

#[cfg(test)]
mod tests {
    use super::{ItemKind, complete};

    /// Labels offered with the caret at `|` in `text`.
    fn offered(text: &str) -> Vec<String> {
        let caret = text.find('|').expect("a caret");
        let text = text.replacen('|', "", 1);
        complete(&text, caret).map(|c| c.items.into_iter().map(|i| i.label).collect()).unwrap_or_default()
    }

    #[test]
    fn ids_already_in_the_document_come_first() {
        let got = offered("flowchart LR\n  Alpha --> Beta\n  Api --> Alpha\n  A|");
        assert_eq!(&got[..2], ["Api", "Alpha"].map(String::from), "{got:?}");
        assert!(got.contains(&"accTitle".to_string()) && !got.contains(&"Beta".to_string()), "{got:?}");
        let c = complete("flowchart LR\n  Alpha --> B\n  Al", 31).unwrap();
        assert_eq!(c.span.range(), 29..31);
        assert_eq!(c.items[0].kind, ItemKind::Id);
    }

    #[test]
    fn the_word_being_typed_is_not_offered_back() {
        assert!(offered("flowchart LR\n  Alpha --> Beta\n  Zed|").is_empty());
        assert_eq!(offered("flowchart LR\n  Alpha --> Beta\n  Be|"), ["Beta"]);
    }

    #[test]
    fn keywords_by_type() {
        assert!(offered("flowchart LR\n  A --> B\n  sub|").contains(&"subgraph".to_string()));
        assert!(offered("architecture-beta\n  serv|").contains(&"service".to_string()));
        let c4 = offered("C4Context\n  Person(u, \"U\")\n  Rel_|");
        assert!(c4.contains(&"Rel_R".to_string()) && c4.contains(&"Rel_Back".to_string()), "{c4:?}");
    }

    #[test]
    fn keywords_only_where_a_statement_starts() {
        let mid = offered("flowchart LR\n  Beta --> Bx\n  A --> B|");
        assert_eq!(mid, ["Bx", "Beta"], "no `BT` or `class` after an arrow");
        assert!(offered("flowchart LR\n  A --> B\n  cl|").contains(&"classDef".to_string()));
        assert_eq!(offered("architecture-beta\n  group g\n  service s in|"), Vec::<String>::new());
        assert_eq!(offered("architecture-beta\n  group gx\n  service s i|"), ["in"]);
    }

    #[test]
    fn directions_after_the_header_and_direction() {
        assert_eq!(offered("flowchart L|"), ["LR"]);
        assert_eq!(offered("flowchart LR\n  subgraph S\n    direction R|"), ["RL"]);
        assert!(offered("C4Context L|").is_empty());
    }

    #[test]
    fn diagram_types_on_the_first_line() {
        assert_eq!(offered("flow|"), ["flowchart", "flowchart-elk"]);
        assert_eq!(offered("---\ntitle: x\n---\narch|"), ["architecture-beta"]);
        assert!(offered("C4|").contains(&"C4Context".to_string()));
    }

    #[test]
    fn shapes_and_icons_in_node_data() {
        let cy = offered("flowchart LR\n  A@{ shape: cy|");
        assert!(cy.contains(&"cyl".to_string()) && cy.contains(&"cylinder".to_string()), "{cy:?}");
        let shapes = offered("flowchart LR\n  A@{ shape: dia|");
        assert!(shapes.contains(&"diamond".to_string()), "{shapes:?}");
        let icons = offered("flowchart LR\n  A@{ icon: \"logos:kafk|");
        assert!(icons.iter().any(|i| i.starts_with("logos:kafka")), "{icons:?}");
    }

    #[test]
    fn icons_in_architecture_and_c4_sprites() {
        let arch = offered("architecture-beta\n  service db(postgre|");
        assert!(arch.iter().any(|i| i.contains("postgresql")), "{arch:?}");
        let c4 = offered("C4Context\n  Person(u, \"U\", $sprite=\"kafk|");
        assert!(c4.iter().any(|i| i.contains("kafka")), "{c4:?}");
    }

    #[test]
    fn nothing_in_labels_strings_comments_or_mid_word() {
        assert!(offered("flowchart LR\n  Alpha --> B[Al|").is_empty());
        assert!(offered("flowchart LR\n  Alpha -->|Al|").is_empty());
        assert!(offered("flowchart LR\n  Alpha --> B\n  %% Al|").is_empty());
        assert!(offered("C4Context\n  Person(alpha, \"al|").is_empty());
        assert!(offered("flowchart LR\n  Alpha --> B\n  Al|p").is_empty());
        assert!(offered("flowchart LR\n  Alpha --> B\n  |").is_empty());
        assert!(offered("---\ntitle: Al|\n---\nflowchart LR\n  Alpha").is_empty());
    }

    #[test]
    fn every_caret_in_the_seeds_and_in_markdown_is_safe() {
        let seeds = [
            include_str!("../../../tests/fixtures/flowchart/ok/seed-003.mmd"),
            include_str!("../../../tests/fixtures/architecture/ok/seed-000.mmd"),
            include_str!("../../../tests/fixtures/c4/ok/seed-002.mmd"),
        ];
        let md = format!("# Notes é😀\n\nSome prose with Alpha in it.\n\n```mermaid\n{}```\nAfter 😀 Al", seeds[0]);
        for text in seeds.iter().copied().chain([md.as_str()]) {
            for (i, _) in text.char_indices().step_by(3) {
                if let Some(c) = complete(text, i) {
                    assert!(c.span.end as usize == i && text.is_char_boundary(c.span.start as usize));
                }
            }
        }
        assert!(complete(&md, md.len()).is_none(), "prose after the block is not code");
    }

    #[test]
    fn odd_input_never_panics() {
        for (text, caret) in [("", 0), ("é", 1), ("😀", 4), ("flowchart", 99), ("flowchart LR\n@{", 15), ("\n\n", 1)]
        {
            let _ = complete(text, caret);
        }
    }
}
