//! The architecture syntax tree: what the text says, before ids are resolved.
//!
//! Flat, like the flowchart's: one list of statements in text order, each with its span
//! and the spans of every part (id, icon, title, side, `in` target), so diagnostics in
//! lowering can point at exactly the word that is wrong. Nesting (`in parent`) is kept
//! as written, a name; `model::lower::architecture` resolves it.

use crate::model::Side;
use crate::source::Span;
use crate::syntax::yaml::YNode;

#[derive(Clone, Debug, Default)]
pub struct Architecture {
    pub stmts: Vec<Stmt>,
    /// `title …` in the body (it wins over a frontmatter `title:`, as in Mermaid).
    pub title: Option<String>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    /// Configuration from `%%{init: …}%%` directives in the body, in order.
    pub directives: Vec<YNode>,
}

pub use crate::syntax::Ident;

/// Text between `[` and `]` (outer quotes removed); the span covers the text only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IconRef {
    /// `(cloud)`, `(logos:aws-s3)`: a built-in name or `pack:name`; the span covers the
    /// name inside the parentheses.
    Icon(Ident),
    /// `"text"` (or the older `("text")`): a service drawn with text where the icon goes.
    Text(Title),
}

#[derive(Clone, Debug)]
pub struct Stmt {
    /// The whole statement, keyword to last part (trailing comment excluded).
    pub span: Span,
    pub kind: StmtKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Group,
    Service,
    Junction,
}

impl DeclKind {
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Group => "group",
            DeclKind::Service => "service",
            DeclKind::Junction => "junction",
        }
    }
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `group id(icon)[Title] in parent`, `service …`, `junction id in parent`.
    Decl(Decl),
    Edge(EdgeStmt),
}

#[derive(Clone, Debug)]
pub struct Decl {
    pub kind: DeclKind,
    pub id: Ident,
    /// Always `None` for junctions; never `IconRef::Text` for groups.
    pub icon: Option<IconRef>,
    /// Always `None` for junctions.
    pub title: Option<Title>,
    /// The group named after `in`.
    pub parent: Option<Ident>,
}

/// `a{group}:R <-[title]-> L:b{group}`.
#[derive(Clone, Debug)]
pub struct EdgeStmt {
    pub from: EdgeEnd,
    pub to: EdgeEnd,
    /// From the `<` (or the left side's `>`) through the right `>`: the arrow as written.
    pub arrow: Span,
    /// `<` before the dashes: an arrowhead at the `from` end.
    pub arrow_at_from: bool,
    /// `>` after the dashes: an arrowhead at the `to` end.
    pub arrow_at_to: bool,
    pub title: Option<Title>,
}

#[derive(Clone, Debug)]
pub struct EdgeEnd {
    pub id: Ident,
    /// The span of `{group}`, when the end leaves or enters the box of the id's group.
    pub group: Option<Span>,
    pub side: Side,
    pub side_span: Span,
}
