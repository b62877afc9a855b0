//! The C4 syntax tree: every macro call as written, its arguments bound to the macro's
//! parameters, before aliases are resolved.
//!
//! Flat, like the architecture tree: one list of calls in text order. Nesting is kept as
//! the index of the enclosing boundary's call ([`Call::parent`]), so no pass over the
//! tree needs recursion however deep the boundaries go. Aliases stay names;
//! `model::lower::c4` resolves them.

use crate::model::{C4Kind, Direction, Side};
use crate::source::Span;
use crate::syntax::yaml::YNode;

pub use crate::syntax::Ident;

/// Which of the five C4 headers started the diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    #[default]
    Context,
    Container,
    Component,
    /// `C4Dynamic`: relations are numbered in the order they are written.
    Dynamic,
    Deployment,
}

impl Level {
    pub fn from_keyword(keyword: &str) -> Level {
        match keyword {
            "C4Container" => Level::Container,
            "C4Component" => Level::Component,
            "C4Dynamic" => Level::Dynamic,
            "C4Deployment" => Level::Deployment,
            _ => Level::Context,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct C4Diagram {
    pub level: Level,
    pub calls: Vec<Call>,
    /// `title …` in the body (it wins over a frontmatter `title:`, as in Mermaid).
    pub title: Option<String>,
    pub acc_title: Option<String>,
    pub acc_descr: Option<String>,
    /// `direction LR` or a C4-PlantUML `LAYOUT_LEFT_RIGHT()`: the last one written. It
    /// wins over the direction lowering infers from `Rel_R`, `Rel_D`, ….
    pub direction: Option<Direction>,
    /// Configuration from `%%{init: …}%%` directives in the body, in order.
    pub directives: Vec<YNode>,
}

/// An argument's text: quotes removed, unquoted text trimmed. The span covers the text
/// only (inside the quotes), so diagnostics underline exactly the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub span: Span,
}

/// One argument as written: `"text"`, `text`, `""`, nothing between two commas, or
/// `$key="value"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// `$key`: the name without the `$`.
    pub key: Option<Ident>,
    pub value: Value,
    /// The whole argument, `$key=` and quotes included.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Call {
    /// Macro name through the closing `)` (the body of a boundary is not included).
    pub span: Span,
    /// The macro as written.
    pub name: Ident,
    pub mac: Macro,
    /// Every argument, in the order written.
    pub args: Vec<Arg>,
    /// The arguments bound to [`Macro::params`]: `params[i]` is the value of parameter
    /// `i`, from its position or its `$name`; `None` when not given. Empty for macros
    /// that are accepted and ignored.
    pub params: Vec<Option<Value>>,
    /// The boundary call this one is written inside (an index into `calls`).
    pub parent: Option<usize>,
}

impl Call {
    /// The value of parameter `name`, when it was given (possibly empty).
    pub fn param(&self, name: &str) -> Option<&Value> {
        let i = self.mac.params().iter().position(|p| *p == name)?;
        self.params.get(i)?.as_ref()
    }

    /// The value of parameter `name`, when it was given and is not empty.
    pub fn text(&self, name: &str) -> Option<&Value> {
        self.param(name).filter(|v| !v.text.is_empty())
    }
}

/// `Db` and `Queue` variants of systems, containers and components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    Plain,
    Db,
    Queue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoundaryKind {
    /// `Boundary(alias, label, ?type)`.
    Generic,
    Enterprise,
    System,
    Container,
}

/// The relation macros. `Rel_U`/`Rel_Up`, … are one kind each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelKind {
    Plain,
    Bi,
    /// `Rel_Back`: drawn with its arrowhead at `from`.
    Back,
    /// `Rel_U`, `Rel_D`, `Rel_L`, `Rel_R`: `to` lies on this side of `from`.
    Toward(Side),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Macro {
    /// `Person`, `System`, `ContainerDb_Ext`, ….
    Element {
        kind: C4Kind,
        variant: Variant,
        external: bool,
    },
    Boundary(BoundaryKind),
    /// `Deployment_Node`, `Node`, `Node_L`, `Node_R` (alignment is not kept: Coral lays
    /// the nodes out itself).
    DeploymentNode,
    Rel(RelKind),
    /// `RelIndex(index, from, to, label, …)`.
    RelIndex,
    /// C4-PlantUML's `Lay_R(from, to)` and friends: `to` is placed on this side of `from`;
    /// nothing is drawn.
    Lay(Side),
    UpdateElementStyle,
    UpdateBoundaryStyle,
    UpdateRelStyle,
    UpdateLayoutConfig,
    /// C4-PlantUML's `LAYOUT_TOP_DOWN()`, `LAYOUT_LEFT_RIGHT()`, `LAYOUT_LANDSCAPE()`.
    Layout(Direction),
    /// C4-PlantUML macros Coral accepts and does not draw (`AddElementTag`,
    /// `SHOW_LEGEND`, …); any arguments.
    Ignored,
}

const ELEMENT: &[&str] = &["alias", "label", "descr", "sprite", "tags", "link"];
const TECHNICAL: &[&str] = &["alias", "label", "techn", "descr", "sprite", "tags", "link"];
const BOUNDARY: &[&str] = &["alias", "label", "type", "tags", "link"];
const KIND_BOUNDARY: &[&str] = &["alias", "label", "tags", "link"];
const NODE: &[&str] = &["alias", "label", "type", "descr", "sprite", "tags", "link"];
const REL: &[&str] = &["from", "to", "label", "techn", "descr", "sprite", "tags", "link"];
const REL_INDEX: &[&str] = &["index", "from", "to", "label", "techn", "descr", "sprite", "tags", "link"];
const LAY: &[&str] = &["from", "to"];
const ELEMENT_STYLE: &[&str] = &[
    "elementName",
    "bgColor",
    "fontColor",
    "borderColor",
    "shadowing",
    "shape",
    "sprite",
    "techn",
    "legendText",
    "legendSprite",
];
const REL_STYLE: &[&str] = &["from", "to", "textColor", "lineColor", "offsetX", "offsetY"];
const LAYOUT_CONFIG: &[&str] = &["c4ShapeInRow", "c4BoundaryInRow"];

impl Macro {
    /// Parameter names in positional order; a `$name` argument sets the one named.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Macro::Element { kind: C4Kind::Container | C4Kind::Component, .. } => TECHNICAL,
            Macro::Element { .. } => ELEMENT,
            Macro::Boundary(BoundaryKind::Generic) => BOUNDARY,
            Macro::Boundary(_) => KIND_BOUNDARY,
            Macro::DeploymentNode => NODE,
            Macro::Rel(_) => REL,
            Macro::RelIndex => REL_INDEX,
            Macro::Lay(_) => LAY,
            Macro::UpdateElementStyle | Macro::UpdateBoundaryStyle => ELEMENT_STYLE,
            Macro::UpdateRelStyle => REL_STYLE,
            Macro::UpdateLayoutConfig => LAYOUT_CONFIG,
            Macro::Layout(_) | Macro::Ignored => &[],
        }
    }

    /// How many leading parameters must be given.
    pub fn required(self) -> usize {
        match self {
            Macro::Element { .. } | Macro::Boundary(_) | Macro::DeploymentNode | Macro::Lay(_) => 2,
            Macro::Rel(_) => 3,
            Macro::RelIndex => 4,
            Macro::UpdateElementStyle | Macro::UpdateBoundaryStyle => 1,
            Macro::UpdateRelStyle => 2,
            Macro::UpdateLayoutConfig | Macro::Layout(_) | Macro::Ignored => 0,
        }
    }

    /// Boundaries and deployment nodes take a `{ … }` body.
    pub fn is_boundary(self) -> bool {
        matches!(self, Macro::Boundary(_) | Macro::DeploymentNode)
    }

    /// Parameters that name an element (they must not be empty).
    pub fn is_alias_param(name: &str) -> bool {
        matches!(name, "alias" | "from" | "to" | "elementName")
    }

    /// A written call that shows how to use the macro, for help lines.
    pub fn example(self, name: &str) -> String {
        let args = match self {
            Macro::Element { kind: C4Kind::Container | C4Kind::Component, .. } => {
                "api, \"API\", \"Java, Spring\", \"Handles orders\""
            }
            Macro::Element { .. } => "alias, \"Label\", \"What it does\"",
            Macro::Boundary(BoundaryKind::Generic) => "b, \"Label\", \"type\"",
            Macro::Boundary(_) => "b, \"Label\"",
            Macro::DeploymentNode => "n, \"Label\", \"Ubuntu 22.04\"",
            Macro::Rel(_) => "from, to, \"Uses\", \"HTTPS\"",
            Macro::RelIndex => "1, from, to, \"Uses\"",
            Macro::Lay(_) => "from, to",
            Macro::UpdateElementStyle | Macro::UpdateBoundaryStyle => "alias, $bgColor=\"#1168bd\"",
            Macro::UpdateRelStyle => "from, to, $lineColor=\"red\"",
            Macro::UpdateLayoutConfig => "$c4ShapeInRow=\"3\", $c4BoundaryInRow=\"1\"",
            Macro::Layout(_) | Macro::Ignored => "",
        };
        let body = if self.is_boundary() { " { … }" } else { "" };
        format!("{name}({args}){body}")
    }
}

const fn el(kind: C4Kind, variant: Variant, external: bool) -> Macro {
    Macro::Element { kind, variant, external }
}

/// Every macro name Coral knows, with what it is.
pub const MACROS: &[(&str, Macro)] = &[
    ("Person", el(C4Kind::Person, Variant::Plain, false)),
    ("Person_Ext", el(C4Kind::Person, Variant::Plain, true)),
    ("System", el(C4Kind::System, Variant::Plain, false)),
    ("SystemDb", el(C4Kind::System, Variant::Db, false)),
    ("SystemQueue", el(C4Kind::System, Variant::Queue, false)),
    ("System_Ext", el(C4Kind::System, Variant::Plain, true)),
    ("SystemDb_Ext", el(C4Kind::System, Variant::Db, true)),
    ("SystemQueue_Ext", el(C4Kind::System, Variant::Queue, true)),
    ("Container", el(C4Kind::Container, Variant::Plain, false)),
    ("ContainerDb", el(C4Kind::Container, Variant::Db, false)),
    ("ContainerQueue", el(C4Kind::Container, Variant::Queue, false)),
    ("Container_Ext", el(C4Kind::Container, Variant::Plain, true)),
    ("ContainerDb_Ext", el(C4Kind::Container, Variant::Db, true)),
    ("ContainerQueue_Ext", el(C4Kind::Container, Variant::Queue, true)),
    ("Component", el(C4Kind::Component, Variant::Plain, false)),
    ("ComponentDb", el(C4Kind::Component, Variant::Db, false)),
    ("ComponentQueue", el(C4Kind::Component, Variant::Queue, false)),
    ("Component_Ext", el(C4Kind::Component, Variant::Plain, true)),
    ("ComponentDb_Ext", el(C4Kind::Component, Variant::Db, true)),
    ("ComponentQueue_Ext", el(C4Kind::Component, Variant::Queue, true)),
    ("Boundary", Macro::Boundary(BoundaryKind::Generic)),
    ("Enterprise_Boundary", Macro::Boundary(BoundaryKind::Enterprise)),
    ("System_Boundary", Macro::Boundary(BoundaryKind::System)),
    ("Container_Boundary", Macro::Boundary(BoundaryKind::Container)),
    ("Deployment_Node", Macro::DeploymentNode),
    ("Node", Macro::DeploymentNode),
    ("Node_L", Macro::DeploymentNode),
    ("Node_R", Macro::DeploymentNode),
    ("Rel", Macro::Rel(RelKind::Plain)),
    ("BiRel", Macro::Rel(RelKind::Bi)),
    ("Rel_Back", Macro::Rel(RelKind::Back)),
    ("Rel_U", Macro::Rel(RelKind::Toward(Side::Top))),
    ("Rel_Up", Macro::Rel(RelKind::Toward(Side::Top))),
    ("Rel_D", Macro::Rel(RelKind::Toward(Side::Bottom))),
    ("Rel_Down", Macro::Rel(RelKind::Toward(Side::Bottom))),
    ("Rel_L", Macro::Rel(RelKind::Toward(Side::Left))),
    ("Rel_Left", Macro::Rel(RelKind::Toward(Side::Left))),
    ("Rel_R", Macro::Rel(RelKind::Toward(Side::Right))),
    ("Rel_Right", Macro::Rel(RelKind::Toward(Side::Right))),
    ("RelIndex", Macro::RelIndex),
    ("Lay_U", Macro::Lay(Side::Top)),
    ("Lay_Up", Macro::Lay(Side::Top)),
    ("Lay_D", Macro::Lay(Side::Bottom)),
    ("Lay_Down", Macro::Lay(Side::Bottom)),
    ("Lay_L", Macro::Lay(Side::Left)),
    ("Lay_Left", Macro::Lay(Side::Left)),
    ("Lay_R", Macro::Lay(Side::Right)),
    ("Lay_Right", Macro::Lay(Side::Right)),
    ("UpdateElementStyle", Macro::UpdateElementStyle),
    ("UpdateBoundaryStyle", Macro::UpdateBoundaryStyle),
    ("UpdateRelStyle", Macro::UpdateRelStyle),
    ("UpdateLayoutConfig", Macro::UpdateLayoutConfig),
    ("LAYOUT_TOP_DOWN", Macro::Layout(Direction::TopBottom)),
    ("LAYOUT_LEFT_RIGHT", Macro::Layout(Direction::LeftRight)),
    ("LAYOUT_LANDSCAPE", Macro::Layout(Direction::LeftRight)),
    ("AddElementTag", Macro::Ignored),
    ("AddRelTag", Macro::Ignored),
    ("AddBoundaryTag", Macro::Ignored),
    ("AddPersonTag", Macro::Ignored),
    ("AddSystemTag", Macro::Ignored),
    ("AddContainerTag", Macro::Ignored),
    ("AddComponentTag", Macro::Ignored),
    ("AddNodeTag", Macro::Ignored),
    ("UpdateElementTag", Macro::Ignored),
    ("UpdateRelTag", Macro::Ignored),
    ("SHOW_LEGEND", Macro::Ignored),
    ("SHOW_FLOATING_LEGEND", Macro::Ignored),
    ("LAYOUT_WITH_LEGEND", Macro::Ignored),
    ("LAYOUT_AS_SKETCH", Macro::Ignored),
    ("HIDE_STEREOTYPE", Macro::Ignored),
    ("HIDE_PERSON_SPRITE", Macro::Ignored),
    ("SHOW_PERSON_SPRITE", Macro::Ignored),
    ("SHOW_PERSON_OUTLINE", Macro::Ignored),
    ("SHOW_PERSON_PORTRAIT", Macro::Ignored),
];

/// The macro named `name` (case-sensitive, as in Mermaid).
pub fn lookup(name: &str) -> Option<Macro> {
    MACROS.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
}
