//! C4 syntax tree → [`Diagram`].
//!
//! Representation (what the renderer and layout read):
//! - an element (`Person`, `SystemDb_Ext`, `Component`, …) is a [`Node`] whose `label`
//!   is its label and `detail` its description; `shape` is [`Shape::Person`] for
//!   persons, [`Shape::Cylinder`] for `…Db`, [`Shape::HorizontalCylinder`] for
//!   `…Queue`, [`Shape::Rounded`] otherwise; `c4` says what it is, whether it is
//!   external, its type line as Mermaid's automatic-layout renderer draws it
//!   (`[Person]`, `[Software System]`, `[Container: Java]`, `[Component]`), sprite
//!   and tags;
//! - a boundary or deployment node is a [`Cluster`] with its label as `title`, `parent`
//!   from the nesting, a deployment node's description as `detail`, and `c4` with the
//!   type line (`[Enterprise]`, `[Software System]`, `[Container]`, `[<type>]` for a
//!   `Boundary` with a type, `[Node: <type>]` for deployment nodes). Clusters come in
//!   text order, so parents come first;
//! - a relation is an [`Edge`] from `from` to `to` as written (a boundary alias is an
//!   [`Endpoint::Cluster`]), its label as `label` (numbered `1: …` in `C4Dynamic`
//!   diagrams, as Mermaid does), technology as `detail` (without brackets), ids
//!   `L_<from>_<to>_<n>`. `Rel_R` and friends set both port sides; `BiRel` has two
//!   arrowheads, `Rel_Back` one at `from`. `Lay_R` and friends are invisible edges with
//!   sides and no arrowheads;
//! - `UpdateElementStyle` sets `style.fill`/`color`/`stroke` (safe values only),
//!   `c4.shadow`, the sprite and the type line's technology; `UpdateRelStyle` colours
//!   every relation from → to; `UpdateLayoutConfig` fills `config.c4` (the caller lets
//!   it win over the `c4:` configuration);
//! - the direction is the one written (`direction LR`, `LAYOUT_LEFT_RIGHT()`), else
//!   left-right when more relations say `_R`/`_L` than `_D`/`_U`, else top-down
//!   (C4-PlantUML's default).
//!
//! Aliases are one namespace for elements and boundaries. Styles and relations may name
//! elements declared after them. Unlike Mermaid, which merges a repeated alias into the
//! first and draws one relation per pair of ends, a repeated alias is reported (the
//! first declaration is drawn) and every relation is drawn.

mod style;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::style::safe_url;
use crate::model::{
    C4, C4Kind, Cluster, ClusterIdx, Diagram, DiagramKind, Direction, Edge, Endpoint, LabelFormat, Link, Marker, Node,
    Shape, Side, Stroke, Text,
};
use crate::source::Span;
use crate::syntax::c4::ast::{BoundaryKind, C4Diagram, Call, Level, Macro, RelKind, Value, Variant};
use crate::syntax::codes;
use crate::syntax::suggest::did_you_mean;

/// Where a declared alias lives and where it was declared.
#[derive(Clone, Copy)]
struct Entry {
    end: Endpoint,
    span: Span,
}

struct Lowering<'a, 'd> {
    diags: &'d mut Vec<Diagnostic>,
    names: HashMap<&'a str, Entry>,
    /// The aliases in declaration order, for deterministic suggestions.
    order: Vec<&'a str>,
    /// The cluster each boundary call became (`None` for other calls and for dropped
    /// boundaries).
    cluster_of: Vec<Option<ClusterIdx>>,
    /// Each edge's ends as written, and whether it is a relation (not a `Lay_*`).
    written: Vec<(&'a str, &'a str, bool)>,
    /// The relation drawn for each pair of ends (its edge and its number in a dynamic
    /// diagram): a later relation between the same ends replaces it, as in Mermaid.
    relations: HashMap<(&'a str, &'a str), (usize, usize)>,
    /// Where each element's `$sprite` was last written (its declaration, or a style).
    sprite_spans: HashMap<usize, Span>,
}

/// Lowers a parsed C4 diagram. Configuration and a frontmatter title are set by the
/// caller.
pub fn c4(ast: &C4Diagram, diags: &mut Vec<Diagnostic>) -> Diagram {
    let mut l = Lowering {
        diags,
        names: HashMap::new(),
        order: Vec::new(),
        cluster_of: vec![None; ast.calls.len()],
        written: Vec::new(),
        sprite_spans: HashMap::new(),
        relations: HashMap::new(),
    };
    let mut d = Diagram {
        kind: Some(DiagramKind::C4),
        title: ast.title.clone(),
        acc_title: ast.acc_title.clone(),
        acc_descr: ast.acc_descr.clone(),
        ..Diagram::default()
    };
    for (i, call) in ast.calls.iter().enumerate() {
        match call.mac {
            Macro::Element { .. } => l.element(&mut d, ast, call),
            Macro::Boundary(_) | Macro::DeploymentNode => l.boundary(&mut d, ast, i),
            _ => {}
        }
    }
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    let mut number = 0;
    for call in &ast.calls {
        if matches!(call.mac, Macro::Rel(_) | Macro::RelIndex | Macro::Lay(_)) {
            l.relation(&mut d, ast.level, call, &mut pairs, &mut number);
        }
    }
    for call in &ast.calls {
        match call.mac {
            Macro::UpdateElementStyle | Macro::UpdateBoundaryStyle => l.element_style(&mut d, call),
            Macro::UpdateRelStyle => l.rel_style(&mut d, call),
            Macro::UpdateLayoutConfig => l.layout_config(&mut d, call),
            Macro::Ignored => l.ignored(call),
            _ => {}
        }
    }
    d.direction = ast.direction.unwrap_or_else(|| inferred_direction(&d));
    l.sprite_icons(&mut d);
    d
}

/// Where a bare sprite name is looked for: Font Awesome (old names too), then technology
/// logos, then Material Design icons.
const BARE_SPRITE_PACKS: &[&str] = &["fa", "logos", "simple-icons", "mdi"];

impl Lowering<'_, '_> {
    /// Sprites become icons: an Iconify name (`logos:kafka`, `mdi:shield-lock`) as in
    /// every diagram type, warned about when it is not one; a bare name, as C4-PlantUML's
    /// sprite libraries write them (Font Awesome's `database`, `credit-card`, `cog`;
    /// devicons' `kotlin`, `postgresql`), is looked up in [`BARE_SPRITE_PACKS`] in order,
    /// then among the built-in icons, and is noted when none has it. A person's `person`
    /// sprite is the person shape itself.
    fn sprite_icons(&mut self, d: &mut Diagram) {
        let mut resolver = crate::syntax::icon::Resolver::default();
        for (n, node) in d.nodes.iter_mut().enumerate() {
            let Some(c4) = node.c4.as_deref() else { continue };
            let (Some(sprite), Some(&span)) = (c4.sprite.as_deref(), self.sprite_spans.get(&n)) else { continue };
            let name = sprite.trim();
            if name.is_empty() || (c4.kind == C4Kind::Person && name.eq_ignore_ascii_case("person")) {
                continue;
            }
            if name.contains(':') {
                node.icon = Some(resolver.resolve(name, span, self.diags));
                continue;
            }
            let found = BARE_SPRITE_PACKS
                .iter()
                .find_map(|pack| crate::icons::resolve_exact(&format!("{pack}:{name}")))
                .or_else(|| crate::icons::builtin::lookup(name));
            match found {
                Some(icon) => {
                    node.icon = Some(crate::model::Icon { name: name.to_string(), span, resolved: Some(icon) })
                }
                None => self.diags.push(
                    Diagnostic::info(
                        codes::C4_NOT_DRAWN,
                        span,
                        format!("sprite `{name}` is not an icon Coral knows; not drawn"),
                    )
                    .with_help(
                        "name an Iconify icon instead, such as `mdi:database` or `logos:kafka` (Ctrl+I finds one)",
                    ),
                ),
            }
        }
    }
}

/// Left-right when more relations point sideways than up or down.
fn inferred_direction(d: &Diagram) -> Direction {
    let (mut across, mut down) = (0, 0);
    for e in &d.edges {
        match e.from_side {
            Some(Side::Left | Side::Right) => across += 1,
            Some(Side::Top | Side::Bottom) => down += 1,
            None => {}
        }
    }
    if across > down { Direction::LeftRight } else { Direction::TopBottom }
}

fn opposite(s: Side) -> Side {
    match s {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
        Side::Top => Side::Bottom,
        Side::Bottom => Side::Top,
    }
}

/// Label text as Mermaid reads it: `<br/>` breaks lines, entities decoded.
fn text(v: &Value) -> Text {
    Text::parse_label(&v.text, LabelFormat::Plain)
}

/// `[Person]`, `[Software System]`, `[Container: Java]`, `[Node: Ubuntu 22.04]`.
fn type_line(kind: C4Kind, techn: Option<&str>) -> String {
    let name = match kind {
        C4Kind::Person => "Person",
        C4Kind::System => "Software System",
        C4Kind::Container => "Container",
        C4Kind::Component => "Component",
        C4Kind::Boundary => "Boundary",
        C4Kind::DeploymentNode => "Node",
    };
    match techn {
        Some(t) => format!("[{name}: {t}]"),
        None => format!("[{name}]"),
    }
}

/// `$tags="a+b"` (C4-PlantUML joins tags with `+`; commas are read too).
fn tags(call: &Call) -> Vec<String> {
    call.text("tags")
        .map(|v| v.text.split(['+', ',']).map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

impl<'a> Lowering<'a, '_> {
    /// Registers `alias`; a second declaration is reported and `false` returned.
    fn declare(&mut self, alias: &'a Value, end: Endpoint) -> bool {
        if let Some(first) = self.names.get(alias.text.as_str()) {
            self.diags.push(
                Diagnostic::error(
                    codes::C4_DUPLICATE_ALIAS,
                    alias.span,
                    format!("`{}` is already declared", alias.text),
                )
                .with_label(first.span, "first declared here")
                .with_help("elements and boundaries share one set of aliases; give this one another alias (only the first is drawn)"),
            );
            return false;
        }
        self.names.insert(&alias.text, Entry { end, span: alias.span });
        self.order.push(&alias.text);
        true
    }

    /// The cluster that statements written inside `call`'s parent belong to: the nearest
    /// enclosing boundary that was drawn.
    fn parent(&self, ast: &C4Diagram, call: &Call) -> Option<ClusterIdx> {
        let mut p = call.parent;
        while let Some(i) = p {
            if let Some(c) = self.cluster_of[i] {
                return Some(c);
            }
            p = ast.calls[i].parent;
        }
        None
    }

    /// `$link`, when its scheme is safe (otherwise reported and dropped).
    fn link(&mut self, call: &Call) -> Option<Link> {
        let v = call.text("link")?;
        match safe_url(&v.text) {
            Some(url) => Some(Link { url, tooltip: None, target: None }),
            None => {
                self.diags.push(
                    Diagnostic::warning(codes::C4_UNSAFE_LINK, v.span, "this link is not allowed; it is dropped")
                        .with_help("links may use `http:`, `https:`, `mailto:` or `tel:`, or be relative"),
                );
                None
            }
        }
    }

    /// An element's or boundary's label; the alias when the label is missing (reported).
    fn label(call: &Call, alias: &Value) -> Text {
        call.param("label").map_or_else(|| Text::plain(&alias.text), text)
    }

    fn element(&mut self, d: &mut Diagram, ast: &C4Diagram, call: &'a Call) {
        let Macro::Element { kind, variant, external } = call.mac else { return };
        let Some(alias) = call.text("alias") else { return };
        if !self.declare(alias, Endpoint::Node(d.nodes.len())) {
            return;
        }
        let mut node = Node::new(alias.text.clone(), call.span);
        node.label = Self::label(call, alias);
        node.detail = call.text("descr").map(text);
        node.shape = match (kind, variant) {
            (C4Kind::Person, _) => Shape::Person,
            (_, Variant::Db) => Shape::Cylinder,
            (_, Variant::Queue) => Shape::HorizontalCylinder,
            _ => Shape::Rounded,
        };
        let mut c4 = C4::new(kind);
        c4.external = external;
        c4.type_line = Some(type_line(kind, call.text("techn").map(|v| v.text.as_str())));
        c4.sprite = call.text("sprite").map(|v| v.text.clone());
        if let Some(v) = call.text("sprite") {
            self.sprite_spans.insert(d.nodes.len(), v.span);
        }
        c4.tags = tags(call);
        node.c4 = Some(Box::new(c4));
        node.link = self.link(call);
        node.parent = self.parent(ast, call);
        d.nodes.push(node);
    }

    fn boundary(&mut self, d: &mut Diagram, ast: &'a C4Diagram, index: usize) {
        let call = &ast.calls[index];
        let Some(alias) = call.text("alias") else { return };
        if !self.declare(alias, Endpoint::Cluster(d.clusters.len())) {
            return;
        }
        let mut c = Cluster::new(alias.text.clone(), call.span);
        c.title = Self::label(call, alias);
        c.parent = self.parent(ast, call);
        let given_type = call.text("type").map(|v| v.text.as_str());
        let (kind, line) = match call.mac {
            Macro::Boundary(BoundaryKind::Generic) => (C4Kind::Boundary, given_type.map(|t| format!("[{t}]"))),
            Macro::Boundary(BoundaryKind::Enterprise) => (C4Kind::Boundary, Some("[Enterprise]".to_string())),
            Macro::Boundary(BoundaryKind::System) => (C4Kind::Boundary, Some("[Software System]".to_string())),
            Macro::Boundary(BoundaryKind::Container) => (C4Kind::Boundary, Some("[Container]".to_string())),
            _ => (C4Kind::DeploymentNode, Some(type_line(C4Kind::DeploymentNode, given_type))),
        };
        let mut c4 = C4::new(kind);
        c4.type_line = line;
        c4.sprite = call.text("sprite").map(|v| v.text.clone());
        c4.tags = tags(call);
        c.c4 = Some(Box::new(c4));
        c.detail = call.text("descr").map(text);
        c.link = self.link(call);
        self.cluster_of[index] = Some(d.clusters.len());
        d.clusters.push(c);
    }

    /// The end named `v`, or `None` (reported) when nothing has that alias.
    fn end(&mut self, v: &Value, what: &str) -> Option<Endpoint> {
        if let Some(e) = self.names.get(v.text.as_str()) {
            return Some(e.end);
        }
        let help = did_you_mean(&v.text, self.order.iter().copied())
            .unwrap_or_else(|| format!("declare it, as in `System({}, \"Label\")`; this {what} is not drawn", v.text));
        self.diags.push(
            Diagnostic::error(codes::C4_UNKNOWN_ALIAS, v.span, format!("there is no element `{}`", v.text))
                .with_help(help),
        );
        None
    }

    fn relation(
        &mut self,
        d: &mut Diagram,
        level: Level,
        call: &'a Call,
        pairs: &mut HashMap<(&'a str, &'a str), usize>,
        number: &mut usize,
    ) {
        let (Some(from_v), Some(to_v)) = (call.text("from"), call.text("to")) else { return };
        let lay = matches!(call.mac, Macro::Lay(_));
        let what = if lay { "layout hint" } else { "relation" };
        let (from, to) = (self.end(from_v, what), self.end(to_v, what));
        let key = (from_v.text.as_str(), to_v.text.as_str());
        // Mermaid draws one relation per pair of ends: a later one replaces the earlier
        // in place (keeping its number in a dynamic diagram). So does Coral, and says so.
        let replaces = if lay { None } else { self.relations.get(&key).copied() };
        if !lay && replaces.is_none() {
            *number += 1;
        }
        let shown_number = replaces.map_or(*number, |(_, n)| n);
        if !lay {
            self.index_note(level, call, shown_number);
        }
        let (Some(from), Some(to)) = (from, to) else { return };
        let count = pairs.entry(key).or_insert(0);
        // Numbered as flowchart edges are: 0, 2, 3, … for repeated pairs.
        let id = match replaces {
            Some((i, _)) => d.edges[i].id.clone(),
            None => format!("L_{}_{}_{}", key.0, key.1, if *count == 0 { 0 } else { *count + 1 }),
        };
        if replaces.is_none() {
            *count += 1;
        }
        let number = shown_number;
        let mut e = Edge::new(id, call.span, from, to);
        let side = match call.mac {
            Macro::Rel(RelKind::Toward(s)) | Macro::Lay(s) => Some(s),
            _ => None,
        };
        e.from_side = side;
        e.to_side = side.map(opposite);
        (e.start, e.end) = match call.mac {
            Macro::Rel(RelKind::Bi) => (Marker::Arrow, Marker::Arrow),
            Macro::Rel(RelKind::Back) => (Marker::Arrow, Marker::None),
            Macro::Lay(_) => (Marker::None, Marker::None),
            _ => (Marker::None, Marker::Arrow),
        };
        if lay {
            e.stroke = Stroke::Invisible;
        } else {
            let label = call.param("label").map_or("", |v| v.text.as_str());
            let label = match level {
                Level::Dynamic if label.is_empty() => number.to_string(),
                Level::Dynamic => format!("{number}: {label}"),
                _ => label.to_string(),
            };
            e.label = (!label.is_empty()).then(|| Text::parse_label(&label, LabelFormat::Plain));
            e.detail = call.text("techn").map(text);
            e.link = self.link(call);
            for (param, what) in [("descr", "relation descriptions"), ("sprite", "sprites on relations")] {
                if let Some(v) = call.text(param) {
                    self.diags.push(
                        Diagnostic::info(codes::C4_NOT_DRAWN, v.span, format!("Coral does not draw {what} yet"))
                            .with_help("the relation is drawn with its label and technology"),
                    );
                }
            }
        }
        if let Some((i, _)) = replaces {
            self.diags.push(
                Diagnostic::warning(
                    codes::C4_RELATION_REPLACED,
                    call.name.span,
                    format!("a second relation from `{}` to `{}` replaces the first", key.0, key.1),
                )
                .with_label(d.edges[i].span, "the first one")
                .with_help("Mermaid draws one relation per pair of ends; put both labels in one relation"),
            );
            d.edges[i] = e;
            return;
        }
        if !lay {
            self.relations.insert(key, (d.edges.len(), number));
        }
        self.written.push((key.0, key.1, !lay));
        d.edges.push(e);
    }

    /// `RelIndex`: Mermaid ignores the index; say so when what is drawn differs.
    fn index_note(&mut self, level: Level, call: &Call, number: usize) {
        if call.mac != Macro::RelIndex {
            return;
        }
        let Some(index) = call.text("index") else { return };
        let d = match level {
            Level::Dynamic if index.text == number.to_string() => return,
            Level::Dynamic => Diagnostic::info(
                codes::C4_INDEX_RENUMBERED,
                index.span,
                format!("relations are numbered in the order they are written: this one is drawn as {number}"),
            )
            .with_help(format!("Mermaid ignores the index too; write `RelIndex({number}, …)`, or move the line")),
            _ => Diagnostic::info(
                codes::C4_INDEX_RENUMBERED,
                index.span,
                "only `C4Dynamic` diagrams number their relations; the index is not drawn",
            )
            .with_help("start the diagram with `C4Dynamic` to draw relations numbered in the order written"),
        };
        self.diags.push(d);
    }
}
