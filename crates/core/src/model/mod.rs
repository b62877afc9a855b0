//! The one model every diagram type lowers into.
//!
//! A [`Diagram`] is nodes, clusters and edges, with ids resolved to indices, styles
//! resolved to values and every element carrying the [`Span`] of the text it came from.
//! Flowcharts, architecture diagrams and C4 all use it: a C4 boundary is a cluster, an
//! architecture junction is a node of shape [`Shape::Junction`], an architecture edge
//! carries port [`Side`]s. Layout reads it and never changes it.

mod label_parse;
pub mod lower;
pub mod shape;
pub mod style;
pub mod text;

pub use shape::Shape;
pub use style::Style;
pub use text::{LabelFormat, Run, Text};

use crate::config::Config;
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagramKind {
    Flowchart,
    Architecture,
    C4,
}

impl DiagramKind {
    /// The name SVG carries in `aria-roledescription`.
    pub fn role(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "flowchart",
            DiagramKind::Architecture => "architecture",
            DiagramKind::C4 => "c4",
        }
    }
}

/// Main flow direction of a layered layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    #[default]
    TopBottom,
    BottomTop,
    LeftRight,
    RightLeft,
}

impl Direction {
    /// `TB`, `TD`, `BT`, `LR`, `RL` (case-insensitive), as Mermaid writes them.
    pub fn parse(s: &str) -> Option<Direction> {
        match s.to_ascii_uppercase().as_str() {
            "TB" | "TD" => Some(Direction::TopBottom),
            "BT" => Some(Direction::BottomTop),
            "LR" => Some(Direction::LeftRight),
            "RL" => Some(Direction::RightLeft),
            _ => None,
        }
    }

    /// True when ranks advance along x.
    pub fn is_horizontal(self) -> bool {
        matches!(self, Direction::LeftRight | Direction::RightLeft)
    }
}

/// A side of a box, for architecture ports and C4 relation directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

/// A point in diagram coordinates (pixels, y down).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A link the user attached to an element. Only safe schemes reach the model
/// (see [`style::safe_url`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub tooltip: Option<String>,
    /// `_blank`, `_self`, `_parent` or `_top`.
    pub target: Option<String>,
}

/// What a C4 element or boundary is, for drawing it as C4 does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum C4Kind {
    Person,
    System,
    Container,
    Component,
    /// `Boundary`, `Enterprise_Boundary`, `System_Boundary`, `Container_Boundary`.
    Boundary,
    /// `Deployment_Node`, `Node`, `Node_L`, `Node_R`.
    DeploymentNode,
}

/// The C4 facts of an element ([`Node::c4`]) or a boundary ([`Cluster::c4`]).
///
/// The element's name is the node's `label` (or the cluster's `title`), its description
/// the node's `detail`; the shape (person, cylinder for `Db`, pipe for `Queue`) is the
/// node's `shape`; colours from `UpdateElementStyle` are in its `style`.
#[derive(Clone, Debug, PartialEq)]
pub struct C4 {
    pub kind: C4Kind,
    /// `_Ext`: drawn grey, as an element outside the system being described.
    pub external: bool,
    /// The type line as drawn, brackets included: `[Container: Kong]`, `[Person]`,
    /// `[System]`, `[Node: Ubuntu 22.04]`; `None` draws none.
    pub type_line: Option<String>,
    /// `$sprite` as written (a PlantUML sprite name or an icon name); drawn as an icon
    /// when it names one.
    pub sprite: Option<String>,
    /// `$tags`, split at `+` or `,`.
    pub tags: Vec<String>,
    /// `$shadowing` from `UpdateElementStyle`.
    pub shadow: bool,
}

impl C4 {
    pub fn new(kind: C4Kind) -> C4 {
        C4 { kind, external: false, type_line: None, sprite: None, tags: Vec::new(), shadow: false }
    }
}

/// An icon reference: `pack:name` for Iconify packs, or a bare built-in name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Icon {
    /// The name as written.
    pub name: String,
    /// Where it was written.
    pub span: Span,
    /// The icon drawn for it (the closest one when the name is not an icon; parsing warns
    /// then), or `None` when nothing is close: a placeholder is drawn.
    pub resolved: Option<crate::icons::IconRef>,
}

pub type NodeIdx = usize;
pub type ClusterIdx = usize;
pub type EdgeIdx = usize;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    /// Where the node was first declared (or first used, if never declared).
    pub span: Span,
    pub label: Text,
    pub shape: Shape,
    /// The innermost cluster holding the node.
    pub parent: Option<ClusterIdx>,
    pub classes: Vec<String>,
    pub style: Style,
    pub link: Option<Link>,
    pub icon: Option<Icon>,
    /// The picture of a [`Shape::Image`] node (`@{ img: … }`); always a safe URL
    /// (see [`style::safe_url`]).
    pub image: Option<String>,
    /// A second line of smaller text under the label (C4 descriptions).
    pub detail: Option<Text>,
    /// C4 elements: what they are, their type line, sprite and tags.
    pub c4: Option<Box<C4>>,
    /// Explicit size (`w:`/`h:` in `@{}`), overriding the measured one.
    pub size: Option<(f64, f64)>,
    /// A position the user fixed by dragging; layout keeps the node there.
    pub pinned: Option<Point>,
    /// Where the previous drawing of this text (the editor's last) had the node's centre,
    /// set by [`RenderOptions::previous`](crate::RenderOptions::previous) (never for a
    /// pinned node): a relayout keeps the order the user saw wherever changing it would
    /// not remove crossings.
    pub was: Option<Point>,
}

impl Node {
    pub fn new(id: impl Into<String>, span: Span) -> Node {
        let id = id.into();
        Node {
            label: Text::plain(&id),
            id,
            span,
            shape: Shape::Rect,
            parent: None,
            classes: Vec::new(),
            style: Style::default(),
            link: None,
            icon: None,
            image: None,
            detail: None,
            c4: None,
            size: None,
            pinned: None,
            was: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub id: String,
    pub span: Span,
    pub title: Text,
    pub parent: Option<ClusterIdx>,
    /// `direction` inside a subgraph.
    pub direction: Option<Direction>,
    pub classes: Vec<String>,
    pub style: Style,
    pub icon: Option<Icon>,
    pub link: Option<Link>,
    /// Smaller text under the title (a C4 deployment node's description).
    pub detail: Option<Text>,
    /// C4 boundaries and deployment nodes: their type line (`[System]`, `[Node: k8s]`).
    pub c4: Option<Box<C4>>,
    pub pinned: Option<Point>,
    /// The id was made up, not written (an untitled-id flowchart subgraph is Mermaid's
    /// `subGraph<n>`, renumbered when another subgraph is inserted before it): stored
    /// positions key it by its title instead (`syntax::positions::key_of`).
    pub generated_id: bool,
}

impl Cluster {
    pub fn new(id: impl Into<String>, span: Span) -> Cluster {
        let id = id.into();
        Cluster {
            title: Text::plain(&id),
            id,
            span,
            parent: None,
            direction: None,
            classes: Vec::new(),
            style: Style::default(),
            icon: None,
            link: None,
            detail: None,
            c4: None,
            pinned: None,
            generated_id: false,
        }
    }
}

/// What an edge end attaches to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    Node(NodeIdx),
    Cluster(ClusterIdx),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Stroke {
    #[default]
    Normal,
    Thick,
    Dotted,
    /// `~~~`: takes part in layout, is not drawn.
    Invisible,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Marker {
    #[default]
    None,
    Arrow,
    Circle,
    Cross,
}

/// How an edge's polyline is drawn (`flowchart.curve`, or `curve:` on one edge).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Curve {
    /// Straight segments with softly rounded corners: Coral's default.
    #[default]
    Rounded,
    Basis,
    Linear,
    Step,
    StepBefore,
    StepAfter,
    Cardinal,
    CatmullRom,
    MonotoneX,
    MonotoneY,
    Natural,
    Bump,
}

impl Curve {
    pub fn parse(s: &str) -> Option<Curve> {
        Some(match s.trim() {
            "rounded" => Curve::Rounded,
            "basis" => Curve::Basis,
            "bumpX" | "bumpY" => Curve::Bump,
            "linear" => Curve::Linear,
            "step" => Curve::Step,
            "stepBefore" => Curve::StepBefore,
            "stepAfter" => Curve::StepAfter,
            "cardinal" => Curve::Cardinal,
            "catmullRom" => Curve::CatmullRom,
            "monotoneX" => Curve::MonotoneX,
            "monotoneY" => Curve::MonotoneY,
            "natural" => Curve::Natural,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The user's edge id (`e1@-->`), else `L_<from>_<to>_<n>` as Mermaid names them.
    pub id: String,
    pub span: Span,
    pub from: Endpoint,
    pub to: Endpoint,
    /// Port sides (architecture `a:R --> L:b`, C4 `Rel_R`); `None` lets layout choose.
    pub from_side: Option<Side>,
    pub to_side: Option<Side>,
    pub stroke: Stroke,
    pub start: Marker,
    pub end: Marker,
    pub label: Option<Text>,
    /// A second, smaller line under the label (a C4 relation's technology, `[HTTPS]`).
    pub detail: Option<Text>,
    /// A link the user attached (C4 `$link`); only safe schemes reach the model.
    pub link: Option<Link>,
    /// Minimum number of ranks the edge spans (`-->` 1, `--->` 2, …).
    pub min_len: u32,
    pub classes: Vec<String>,
    pub style: Style,
    pub curve: Option<Curve>,
    pub animate: bool,
}

impl Edge {
    pub fn new(id: impl Into<String>, span: Span, from: Endpoint, to: Endpoint) -> Edge {
        Edge {
            id: id.into(),
            span,
            from,
            to,
            from_side: None,
            to_side: None,
            stroke: Stroke::Normal,
            start: Marker::None,
            end: Marker::Arrow,
            label: None,
            detail: None,
            link: None,
            min_len: 1,
            classes: Vec::new(),
            style: Style::default(),
            curve: None,
            animate: false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    pub kind: Option<DiagramKind>,
    pub direction: Direction,
    pub config: Config,
    pub title: Option<String>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    pub nodes: Vec<Node>,
    pub clusters: Vec<Cluster>,
    pub edges: Vec<Edge>,
    /// The crossings of the previous drawing's order ([`Node::was`]), if there was one: a
    /// relayout that keeps that order without crossing more need not look further.
    pub was_crossings: Option<usize>,
    /// Whether the previous drawing entered clusters over the top
    /// ([`Layout::over_top`](crate::layout::Layout::over_top)), if there was one.
    pub was_over_top: Option<bool>,
}

impl Diagram {
    pub fn node_index(&self, id: &str) -> Option<NodeIdx> {
        self.nodes.iter().position(|n| n.id == id)
    }

    pub fn cluster_index(&self, id: &str) -> Option<ClusterIdx> {
        self.clusters.iter().position(|c| c.id == id)
    }

    /// Clusters from `c` outwards to the root, `c` first.
    pub fn cluster_ancestors(&self, c: ClusterIdx) -> impl Iterator<Item = ClusterIdx> + '_ {
        std::iter::successors(Some(c), move |&k| self.clusters[k].parent)
    }

    /// Nesting depth of a cluster (a top-level cluster has depth 0).
    pub fn cluster_depth(&self, c: ClusterIdx) -> usize {
        self.cluster_ancestors(c).count() - 1
    }

    /// True when `inner` is `outer` or nested somewhere inside it.
    pub fn cluster_within(&self, inner: ClusterIdx, outer: ClusterIdx) -> bool {
        self.cluster_ancestors(inner).any(|k| k == outer)
    }

    /// True when edge end `end` lies inside cluster `c`: a node anywhere within it, or a
    /// cluster nested in it (not `c` itself).
    pub fn end_within(&self, end: Endpoint, c: ClusterIdx) -> bool {
        match end {
            Endpoint::Node(n) => self.nodes[n].parent.is_some_and(|p| self.cluster_within(p, c)),
            Endpoint::Cluster(k) => k != c && self.cluster_within(k, c),
        }
    }
}
