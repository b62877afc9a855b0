//! Syntax highlighting for the editor: the text's tokens as kinds and byte spans.
//!
//! The tokens come from the parsers themselves, not from a second grammar: the text is
//! parsed as the pipeline parses it (frontmatter, header, then the flowchart,
//! architecture or C4 parser) and every span the syntax trees carry is painted with its
//! role — an id as an id, a label as a string, an arrow as an edge. Only what no tree
//! records is found lexically, and only in the gaps the trees leave: `%%` comments and
//! `%%{…}%%` directives, statement keywords (`subgraph`, `style`, `group`, …), YAML
//! comments, stray quoted strings. So a highlight can never call something an id that
//! the parser read as a label.
//!
//! Painting is by byte: spans are painted outermost first (a node's whole reference,
//! then its id and label inside it), so the innermost role wins, and the result is cut
//! into runs. That makes the output sorted, non-overlapping and gap-free over what is
//! coloured, whatever the trees' spans look like, in time linear in the text.

#[cfg(test)]
mod tests;

use crate::source::Span;
use crate::syntax::architecture::ast as arch;
use crate::syntax::c4::ast as c4;
use crate::syntax::flowchart::ast as flow;
use crate::syntax::header::{self, Support};
use crate::syntax::yaml::{self, YNode, YValue};
use crate::syntax::{architecture, c4 as c4_syntax, flowchart, frontmatter};

/// What a run of text is, for colouring. `as_str` is the CSS class suffix the app uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// `%% …` to the end of the line.
    Comment = 1,
    /// `%%{init: …}%%`.
    Directive,
    /// The diagram type and statement keywords (`subgraph`, `end`, `style`, `service`, …)
    /// and directions (`LR`).
    Keyword,
    /// A node, subgraph, service, group, junction or C4 element id where it is written.
    Id,
    /// Label, title and description text, and quoted strings.
    String,
    /// An edge's arrow (`-->`, `-.->`, `<-->`, `--text-->`'s dashes).
    Edge,
    /// A node's shape brackets (`[`, `(`, `{{`, …) and `@{ … }` data.
    Shape,
    /// A class name (`:::name`, `classDef name`, `class A name`).
    Class,
    /// CSS as written after `style`, `classDef`, `linkStyle`.
    Style,
    /// An icon name (`(logos:aws)`, `icon: "mdi:car"`).
    Icon,
    /// A side letter in architecture edges (`L`, `R`, `T`, `B`).
    Side,
    /// A C4 macro name (`Person`, `Rel_R`).
    Macro,
    /// A C4 `$name=` parameter name.
    Param,
    /// A number (a `linkStyle` index, a YAML number).
    Number,
    /// The frontmatter fences and structural punctuation (`{group}`).
    Punct,
    /// A frontmatter key.
    Key,
    /// Markdown around the diagram's fenced block.
    Prose,
}

impl Kind {
    const ALL: [Kind; 17] = [
        Kind::Comment,
        Kind::Directive,
        Kind::Keyword,
        Kind::Id,
        Kind::String,
        Kind::Edge,
        Kind::Shape,
        Kind::Class,
        Kind::Style,
        Kind::Icon,
        Kind::Side,
        Kind::Macro,
        Kind::Param,
        Kind::Number,
        Kind::Punct,
        Kind::Key,
        Kind::Prose,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Comment => "comment",
            Kind::Directive => "directive",
            Kind::Keyword => "keyword",
            Kind::Id => "id",
            Kind::String => "string",
            Kind::Edge => "edge",
            Kind::Shape => "shape",
            Kind::Class => "class",
            Kind::Style => "style",
            Kind::Icon => "icon",
            Kind::Side => "side",
            Kind::Macro => "macro",
            Kind::Param => "param",
            Kind::Number => "number",
            Kind::Punct => "punct",
            Kind::Key => "key",
            Kind::Prose => "prose",
        }
    }

    fn from_u8(b: u8) -> Option<Kind> {
        Kind::ALL.get((b as usize).checked_sub(1)?).copied()
    }
}

/// One coloured run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
}

/// Keywords that start flowchart statements or name directions.
pub const FLOWCHART_KEYWORDS: &[&str] = &[
    "subgraph",
    "end",
    "direction",
    "style",
    "classDef",
    "class",
    "linkStyle",
    "click",
    "call",
    "href",
    "accTitle",
    "accDescr",
    "title",
    "default",
    "TB",
    "TD",
    "BT",
    "LR",
    "RL",
];

/// Keywords of `architecture-beta`.
pub const ARCHITECTURE_KEYWORDS: &[&str] = &["group", "service", "junction", "in", "title", "accTitle", "accDescr"];

/// Keywords of the C4 types besides their macros.
pub const C4_KEYWORDS: &[&str] = &["title", "accTitle", "accDescr", "direction", "TB", "TD", "BT", "LR", "RL"];

/// The tokens of `text`, sorted and non-overlapping. Text between tokens is plain.
/// A Markdown document is highlighted in its first ```` ```mermaid ```` block (the one
/// the pipeline draws); the rest is [`Kind::Prose`].
pub fn highlight(text: &str) -> Vec<Token> {
    let mut paint = Paint::new(text.len());
    match crate::markdown::diagram_source(text, 0) {
        Some(block) => {
            paint.span(Kind::Prose, Span::new(0, text.len()));
            // The block's own text is painted as a diagram of its own, then moved.
            let mut inner = Paint::new(block.code.len());
            diagram(block.code, &mut inner);
            paint.bytes[block.offset..block.offset + block.code.len()].copy_from_slice(&inner.bytes);
        }
        None => diagram(text, &mut paint),
    }
    paint.runs()
}

/// Paints a Mermaid text (no Markdown around it).
fn diagram(src: &str, paint: &mut Paint) {
    let mut diags = Vec::new();
    let mut body = 0;
    if let Some(f) = frontmatter::fences(src) {
        paint.span(Kind::Punct, f.open);
        if f.closed {
            let close = src[f.yaml.end as usize..f.body].trim_end();
            paint.span(Kind::Punct, Span::new(f.yaml.end as usize, f.yaml.end as usize + close.len()));
        }
        if let Some(root) = yaml::parse(&src[f.yaml.range()], f.yaml.start as usize, &mut diags) {
            yaml_node(&root, paint);
        }
        yaml_comments(src, f.yaml, paint);
        body = f.body;
    }
    let head = header::detect(src, body, &mut diags);
    if !head.span.is_empty() {
        paint.span(Kind::Keyword, head.span);
    }
    let keywords: &[&str] = match head.support {
        Some(Support::Flowchart) => {
            let ast = flowchart::parse(src, &head.keyword, head.rest, &mut diags);
            flowchart_tree(&ast, paint);
            FLOWCHART_KEYWORDS
        }
        Some(Support::Architecture) => {
            let ast = architecture::parse(src, head.rest, &mut diags);
            architecture_tree(&ast, paint);
            ARCHITECTURE_KEYWORDS
        }
        Some(Support::C4) => {
            let ast = c4_syntax::parse(src, &head.keyword, head.rest, &mut diags);
            c4_tree(&ast, paint);
            C4_KEYWORDS
        }
        _ => &[],
    };
    gaps(src, body, keywords, paint);
}

fn yaml_node(node: &YNode, paint: &mut Paint) {
    // Depth is bounded by the YAML reader (`yaml::MAX_DEPTH`), so recursion is safe.
    match &node.value {
        YValue::Map(entries) => {
            for (key, value) in entries {
                paint.span(Kind::Key, key.span);
                yaml_node(value, paint);
            }
        }
        YValue::List(items) => items.iter().for_each(|n| yaml_node(n, paint)),
        YValue::Number(_) | YValue::Bool(_) => paint.span(Kind::Number, node.span),
        YValue::String(_) => paint.span(Kind::String, node.span),
        YValue::Null => {}
    }
}

/// `# …` comments in the frontmatter: a `#` at a line's start or after a space, outside
/// what the YAML reader already painted.
fn yaml_comments(src: &str, yaml: Span, paint: &mut Paint) {
    let mut at = yaml.start as usize;
    for line in src[yaml.range()].split_inclusive('\n') {
        let bytes = line.as_bytes();
        if let Some(i) =
            (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ') && paint.free(at + i))
        {
            paint.span(Kind::Comment, Span::new(at + i, at + line.trim_end().len()));
        }
        at += line.len();
    }
}

fn flowchart_tree(ast: &flow::Flowchart, paint: &mut Paint) {
    for sg in &ast.subgraphs {
        paint.span(Kind::Keyword, sg.keyword);
        if let Some(id) = &sg.id {
            paint.span(Kind::Id, id.span);
        }
        if let Some(title) = &sg.title {
            paint.span(Kind::String, title.span);
        }
        if let Some((_, span)) = sg.direction {
            paint.span(Kind::Keyword, span);
        }
    }
    for stmt in &ast.stmts {
        match &stmt.kind {
            flow::StmtKind::Chain(chain) => {
                for node in chain.groups.iter().flatten() {
                    paint.span(Kind::Shape, node.span);
                    paint.span(Kind::Id, node.id.span);
                    if let Some(data) = &node.data {
                        paint.span(Kind::Shape, data.span);
                        if let Some(label) = &data.label {
                            paint.span(Kind::String, label.span);
                        }
                    }
                    if let Some(label) = &node.label {
                        paint.span(Kind::String, label.span);
                    }
                    for class in &node.classes {
                        paint.span(Kind::Class, class.span);
                    }
                }
                for link in &chain.links {
                    paint.span(Kind::Edge, link.span);
                    if let Some(id) = &link.id {
                        paint.span(Kind::Id, id.span);
                    }
                    if let Some(label) = &link.label {
                        paint.span(Kind::String, label.span);
                    }
                }
            }
            flow::StmtKind::Subgraph(_) => {}
            flow::StmtKind::Style { targets, css } => {
                targets.iter().for_each(|t| paint.span(Kind::Id, t.span));
                paint.span(Kind::Style, css_span(css));
            }
            flow::StmtKind::ClassDef { names, css } => {
                names.iter().for_each(|n| paint.span(Kind::Class, n.span));
                paint.span(Kind::Style, css_span(css));
            }
            flow::StmtKind::Class { targets, classes } => {
                targets.iter().for_each(|t| paint.span(Kind::Id, t.span));
                classes.iter().for_each(|c| paint.span(Kind::Class, c.span));
            }
            flow::StmtKind::LinkStyle { indices, curve, css } => {
                for index in indices {
                    match index {
                        flow::LinkIndex::Default(span) => paint.span(Kind::Keyword, *span),
                        flow::LinkIndex::Index(_, span) => paint.span(Kind::Number, *span),
                    }
                }
                if let Some(curve) = curve {
                    paint.span(Kind::Keyword, curve.span);
                }
                if let Some(css) = css {
                    paint.span(Kind::Style, css_span(css));
                }
            }
            flow::StmtKind::Click { target, action } => {
                paint.span(Kind::Id, target.span);
                match action {
                    flow::ClickAction::Link { url_span, .. } => paint.span(Kind::String, *url_span),
                    flow::ClickAction::Callback { name } => paint.span(Kind::Id, name.span),
                }
            }
        }
    }
}

fn css_span(css: &flow::Css) -> Span {
    Span::new(css.start, css.start + css.text.trim_end().len())
}

fn architecture_tree(ast: &arch::Architecture, paint: &mut Paint) {
    for stmt in &ast.stmts {
        match &stmt.kind {
            arch::StmtKind::Decl(decl) => {
                paint.span(Kind::Id, decl.id.span);
                match &decl.icon {
                    Some(arch::IconRef::Icon(name)) => paint.span(Kind::Icon, name.span),
                    Some(arch::IconRef::Text(text)) => paint.span(Kind::String, text.span),
                    None => {}
                }
                if let Some(title) = &decl.title {
                    paint.span(Kind::String, title.span);
                }
                if let Some(parent) = &decl.parent {
                    paint.span(Kind::Id, parent.span);
                }
            }
            arch::StmtKind::Edge(edge) => {
                paint.span(Kind::Edge, edge.arrow);
                if let Some(title) = &edge.title {
                    paint.span(Kind::String, title.span);
                }
                for end in [&edge.from, &edge.to] {
                    paint.span(Kind::Id, end.id.span);
                    paint.span(Kind::Side, end.side_span);
                    if let Some(group) = end.group {
                        paint.span(Kind::Punct, group);
                    }
                }
            }
        }
    }
}

/// The C4 parameters that name an element (painted as ids rather than strings).
const C4_ID_PARAMS: &[&str] = &["alias", "from", "to", "elementName"];

fn c4_tree(ast: &c4::C4Diagram, paint: &mut Paint) {
    for call in &ast.calls {
        paint.span(Kind::Macro, call.name.span);
        for arg in &call.args {
            paint.span(Kind::String, arg.value.span);
            if let Some(key) = &arg.key {
                // The `$` before the name belongs to it.
                let start = (key.span.start as usize).saturating_sub(1);
                paint.span(Kind::Param, Span::new(start, key.span.end as usize));
            }
        }
        for (name, value) in call.mac.params().iter().zip(&call.params) {
            if let Some(v) = value.as_ref().filter(|_| C4_ID_PARAMS.contains(name)) {
                paint.span(Kind::Id, v.span);
            }
        }
    }
}

/// What the trees do not record, found in the unpainted gaps of the diagram body:
/// comments, directives, keywords, quoted strings.
fn gaps(src: &str, body: usize, keywords: &[&str], paint: &mut Paint) {
    let bytes = src.as_bytes();
    let mut i = body;
    while i < bytes.len() {
        if !paint.free(i) {
            i += 1;
            continue;
        }
        let rest = &src[i..];
        if rest.starts_with("%%{") {
            // A directive runs to its `}%%` (or, unclosed, to the end of the line).
            let end = rest.find("}%%").map(|e| i + e + 3).unwrap_or_else(|| line_end(src, i));
            paint.span_free(Kind::Directive, Span::new(i, end));
            i = end;
        } else if rest.starts_with("%%") {
            let end = paint.free_until(i, line_end(src, i));
            paint.span(Kind::Comment, Span::new(i, end));
            i = end;
        } else if bytes[i] == b'"' {
            let close = rest[1..].find(['"', '\n']).map_or(src.len(), |e| i + 1 + e);
            let end = if bytes.get(close) == Some(&b'"') { close + 1 } else { close };
            paint.span_free(Kind::String, Span::new(i, end));
            i = end.max(i + 1);
        } else if is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1])) {
            let end = i + rest.bytes().take_while(|&b| is_word(b)).count();
            if keywords.contains(&&src[i..end]) && paint.free_until(i, end) == end {
                paint.span(Kind::Keyword, Span::new(i, end));
            }
            i = end;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn line_end(src: &str, at: usize) -> usize {
    src[at..].find('\n').map_or(src.len(), |e| at + e)
}

/// One kind per byte of the text (0: plain).
struct Paint {
    bytes: Vec<u8>,
}

impl Paint {
    fn new(len: usize) -> Paint {
        Paint { bytes: vec![0; len] }
    }

    /// Paints `span` with `kind`, over whatever was there (spans out of range are clipped).
    fn span(&mut self, kind: Kind, span: Span) {
        let end = (span.end as usize).min(self.bytes.len());
        let start = (span.start as usize).min(end);
        self.bytes[start..end].fill(kind as u8);
    }

    /// Paints only the bytes of `span` still plain.
    fn span_free(&mut self, kind: Kind, span: Span) {
        let end = (span.end as usize).min(self.bytes.len());
        let start = (span.start as usize).min(end);
        for b in &mut self.bytes[start..end] {
            if *b == 0 {
                *b = kind as u8;
            }
        }
    }

    fn free(&self, at: usize) -> bool {
        self.bytes.get(at) == Some(&0)
    }

    /// The first painted byte in `from..to`, or `to`.
    fn free_until(&self, from: usize, to: usize) -> usize {
        (from..to).find(|&i| !self.free(i)).unwrap_or(to)
    }

    /// The painted runs, in order.
    fn runs(&self) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..=self.bytes.len() {
            if i == self.bytes.len() || self.bytes[i] != self.bytes[start] {
                if let Some(kind) = Kind::from_u8(self.bytes[start]) {
                    out.push(Token { kind, span: Span::new(start, i) });
                }
                start = i;
            }
        }
        out
    }
}

/// The ids of the drawn elements a span of the text is about, for the preview to mark:
/// the node, group or element whose id is the word at `span.start` (any mention of it,
/// not only its definition), else every node, cluster and edge whose own span meets
/// `span` (an edge's arrow, a diagnostic's span). `text` is what `diagram` was parsed
/// from; spans are bytes of it.
pub fn linked_ids(diagram: &crate::Diagram, text: &str, span: Span) -> Vec<String> {
    let at = (span.start as usize).min(text.len());
    if !text.is_char_boundary(at) {
        return Vec::new();
    }
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '$');
    let start = at - text[..at].chars().rev().take_while(|&c| word(c)).map(char::len_utf8).sum::<usize>();
    let end = at + text[at..].chars().take_while(|&c| word(c)).map(char::len_utf8).sum::<usize>();
    let w = text[start..end].trim_end_matches(['-', '.']);
    if !w.is_empty() {
        let named =
            diagram.nodes.iter().map(|n| &n.id).chain(diagram.clusters.iter().map(|c| &c.id)).find(|id| *id == w);
        if let Some(id) = named {
            return vec![id.clone()];
        }
    }
    let meets = |s: Span| s.start <= span.end && span.start <= s.end && !s.is_empty();
    let mut ids: Vec<String> = diagram.edges.iter().filter(|e| meets(e.span)).map(|e| e.id.clone()).collect();
    if ids.is_empty() {
        ids = diagram.nodes.iter().filter(|n| meets(n.span)).map(|n| n.id.clone()).collect();
    }
    if ids.is_empty() {
        ids = diagram.clusters.iter().filter(|c| meets(c.span)).map(|c| c.id.clone()).collect();
    }
    ids
}

/// What of `text` can change the drawing, as a string to compare: the text with its
/// `%%` comments left out, every run of spaces and tabs (outside labels and strings)
/// read as one space, and line breaks with the blank space and blank lines around them
/// as one line break. The frontmatter (YAML, where indentation means something),
/// directives, labels and strings are kept exactly. Two texts with the same key parse
/// to the same drawing — only the spans differ — so the app can skip the pipeline when
/// an edit only touched whitespace or comments. `tokens` is [`highlight`] of `text`.
pub fn drawn_key(text: &str, tokens: &[Token]) -> String {
    let body = crate::markdown::diagram_source(text, 0).map_or_else(
        || frontmatter::fences(text).map_or(0, |f| f.body),
        |b| b.offset + frontmatter::fences(b.code).map_or(0, |f| f.body),
    );
    let mut key = String::with_capacity(text.len());
    key.push_str(&text[..body.min(text.len())]);
    key.push('\u{0}');
    let mut at = body;
    // Whitespace waiting to be written: none, a space, or a line break.
    let mut pending: Option<char> = None;
    let flush = |key: &mut String, pending: &mut Option<char>| {
        if let Some(c) = pending.take() {
            key.push(c);
        }
    };
    let plain = |key: &mut String, pending: &mut Option<char>, s: &str| {
        for c in s.chars() {
            match c {
                '\n' => *pending = Some('\n'),
                c if c.is_whitespace() => {
                    if pending.is_none() {
                        *pending = Some(' ');
                    }
                }
                c => {
                    if let Some(p) = pending.take()
                        && !key.is_empty()
                    {
                        key.push(p);
                    }
                    key.push(c);
                }
            }
        }
    };
    for t in tokens.iter().filter(|t| t.span.start as usize >= body) {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        if s > at {
            plain(&mut key, &mut pending, &text[at..s]);
        }
        match t.kind {
            Kind::Comment => {}
            _ => {
                flush(&mut key, &mut pending);
                key.push_str(&text[s..e]);
            }
        }
        at = e;
    }
    plain(&mut key, &mut pending, &text[at.min(text.len())..]);
    key
}

/// `span` carried through an edit that replaced bytes `start..old_end` with text ending
/// at `new_end` (see `coral_editor::units::diff`): what lies after the edit moves with
/// it, what lies inside it collapses to its start. For reusing a drawing's spans when
/// [`drawn_key`] says the edit changed nothing drawn.
pub fn shift_span(span: Span, (start, old_end, new_end): (usize, usize, usize)) -> Span {
    let map = |p: u32| {
        let p = p as usize;
        if p <= start {
            p
        } else if p >= old_end {
            p + new_end - old_end
        } else {
            start
        }
    };
    Span::new(map(span.start), map(span.end).max(map(span.start)))
}
