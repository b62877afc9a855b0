//! The flowchart syntax tree: what the text says, before ids are resolved.
//!
//! Flat on purpose: statements live in one list, each tagged with the subgraph it is
//! written in, and subgraphs live in their own list with a parent index. A recursive
//! tree would make 10,000 nested subgraphs a 10,000-deep recursion to build, walk and
//! even drop. `model::lower` turns this into a [`crate::model::Diagram`].

use crate::model::{Curve, Direction, Icon, Marker, Shape, Stroke, Text};
use crate::source::Span;
use crate::syntax::yaml::YNode;

#[derive(Clone, Debug, Default)]
pub struct Flowchart {
    pub direction: Direction,
    /// The header keyword (`flowchart`, `graph`, `flowchart-elk`).
    pub keyword: String,
    pub subgraphs: Vec<Subgraph>,
    pub stmts: Vec<Stmt>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    /// Configuration from `%%{init: …}%%` directives in the body, in order.
    pub directives: Vec<YNode>,
}

pub use crate::syntax::Ident;

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: Text,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Subgraph {
    /// The `subgraph` keyword, where "not closed" errors point.
    pub keyword: Span,
    /// The header: keyword through title.
    pub span: Span,
    /// The id, when the header gives a usable one. `None` for a title with spaces:
    /// Mermaid then names it `subGraph<n>`, `n` counting subgraphs in closing order.
    pub id: Option<Ident>,
    /// The title, when it differs from the id.
    pub title: Option<Label>,
    /// The title as plain text (for matching `EKS_Platform` to "EKS Platform").
    pub title_plain: Option<String>,
    pub parent: Option<usize>,
    pub direction: Option<(Direction, Span)>,
    /// 0 for the first subgraph to close, and so on; unclosed ones close at the end.
    pub close_order: usize,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    /// The innermost subgraph the statement is written in.
    pub scope: Option<usize>,
    pub kind: StmtKind,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// Nodes and edges: `A --> B & C --> D`, or a lone node `A[label]`.
    Chain(Chain),
    /// A nested subgraph opens here (its id counts as mentioned in the outer one).
    Subgraph(usize),
    Style {
        targets: Vec<Ident>,
        css: Css,
    },
    ClassDef {
        names: Vec<Ident>,
        css: Css,
    },
    Class {
        targets: Vec<Ident>,
        classes: Vec<Ident>,
    },
    LinkStyle {
        indices: Vec<LinkIndex>,
        curve: Option<Ident>,
        css: Option<Css>,
    },
    Click {
        target: Ident,
        action: ClickAction,
    },
}

/// Style text as written (`fill:#f9f,stroke:#333`) and where it starts.
#[derive(Clone, Debug)]
pub struct Css {
    pub text: String,
    pub start: usize,
}

#[derive(Clone, Copy, Debug)]
pub enum LinkIndex {
    Default(Span),
    Index(usize, Span),
}

#[derive(Clone, Debug)]
pub enum ClickAction {
    Link { url: String, url_span: Span, tooltip: Option<String>, target: Option<String> },
    Callback { name: Ident },
}

/// `groups[0] links[0] groups[1] links[1] groups[2] …`; `&` makes a group of several.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    pub groups: Vec<Vec<NodeRef>>,
    pub links: Vec<Link>,
}

#[derive(Clone, Debug)]
pub struct NodeRef {
    pub id: Ident,
    /// The id with its shape, data and classes.
    pub span: Span,
    pub shape: Option<Shape>,
    pub label: Option<Label>,
    pub data: Option<Data>,
    pub classes: Vec<Ident>,
}

impl NodeRef {
    /// True when this reference says what the node is (shape, label or `@{}`), not just
    /// which node.
    pub fn declares(&self) -> bool {
        self.shape.is_some() || self.label.is_some() || self.data.is_some()
    }
}

/// `@{ … }` on a node or an edge id, with every key already checked.
#[derive(Clone, Debug, Default)]
pub struct Data {
    pub span: Span,
    pub shape: Option<Shape>,
    pub label: Option<Label>,
    pub icon: Option<Icon>,
    /// A safe image URL (unsafe ones were dropped with a warning).
    pub image: Option<String>,
    pub w: Option<f64>,
    pub h: Option<f64>,
    pub animate: Option<bool>,
    pub curve: Option<Curve>,
}

#[derive(Clone, Debug)]
pub struct Link {
    /// `e1@-->`: the user's edge id.
    pub id: Option<Ident>,
    pub span: Span,
    pub stroke: Stroke,
    pub start: Marker,
    pub end: Marker,
    pub length: u32,
    pub label: Option<Label>,
}
