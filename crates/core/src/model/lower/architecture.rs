//! Architecture syntax tree → [`Diagram`].
//!
//! Representation (what the renderer and layout read):
//! - a `group` is a [`Cluster`] with its `title` (empty when none is written), `icon`
//!   and `parent`; clusters are ordered parents first, as for flowcharts;
//! - a `service` is a [`Node`] of [`Shape::Icon`] whose `label` is the title (empty when
//!   none). `icon: Some(..)` for `(name)`; for the text form `service id "text"[Title]`
//!   `icon` is `None` and the text is in `detail`; with neither, both are `None` and the
//!   service is drawn as a plain square, as Mermaid does;
//! - a `junction` is a [`Node`] of [`Shape::Junction`] with an empty label;
//! - an edge has both port sides set, `start`/`end` [`Marker::Arrow`] for `<`/`>`, its
//!   title as `label`, and ids `L_<from>_<to>_<n>` as flowchart edges have. An end
//!   written `id{group}` is [`Endpoint::Cluster`] of the group that directly holds `id`
//!   (Mermaid draws it from that group's box, next to `id`).
//!
//! Rules, as in Mermaid: services, junctions and groups share one set of ids; an edge
//! connects services and junctions (never a group id); `in` names a group. Unlike
//! Mermaid, which throws on the first problem, everything that can be drawn is: an
//! element `in` a missing group is drawn at the top level, an edge to an unknown id is
//! left out, a cycle of groups is cut at its last-declared member. A group may name a
//! parent declared after it (Mermaid rejects that; we warn and draw it nested).

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Cluster, ClusterIdx, Diagram, DiagramKind, Edge, Endpoint, Marker, Node, Shape, Text};
use crate::source::Span;
use crate::syntax::architecture::ast::{Architecture, Decl, DeclKind, EdgeEnd, EdgeStmt, IconRef, StmtKind};
use crate::syntax::codes;
use crate::syntax::suggest::did_you_mean;

/// Where a declared id lives: its kind, the span of its id, and its index among the
/// groups (for `Group`) or the nodes (otherwise).
#[derive(Clone, Copy)]
struct Entry {
    kind: DeclKind,
    span: Span,
    index: usize,
}

struct Lowering<'a, 'd> {
    diags: &'d mut Vec<Diagnostic>,
    names: HashMap<&'a str, Entry>,
    /// Group declarations with their statement spans, in text order.
    groups: Vec<(&'a Decl, Span)>,
    /// Service and junction declarations with their statement spans, in text order.
    nodes: Vec<(&'a Decl, Span)>,
    /// The first node directly in each cluster, for "write `svc{group}`" hints.
    first_member: Vec<Option<usize>>,
    /// Each group's cluster index.
    cluster_of: Vec<ClusterIdx>,
    /// Resolves icon names (with a warning when a name is not an icon).
    icons: crate::syntax::icon::Resolver,
}

/// Lowers a parsed architecture diagram. Configuration and a frontmatter title are set
/// by the caller.
pub fn architecture(ast: &Architecture, diags: &mut Vec<Diagnostic>) -> Diagram {
    let mut l = Lowering {
        diags,
        names: HashMap::new(),
        groups: Vec::new(),
        nodes: Vec::new(),
        first_member: Vec::new(),
        icons: crate::syntax::icon::Resolver::default(),
        cluster_of: Vec::new(),
    };
    l.declare(ast);
    let mut d = Diagram {
        kind: Some(DiagramKind::Architecture),
        title: ast.title.clone(),
        acc_title: ast.acc_title.clone(),
        acc_descr: ast.acc_descr.clone(),
        ..Diagram::default()
    };
    l.cluster_of = l.clusters(&mut d);
    let cluster_of = std::mem::take(&mut l.cluster_of);
    l.nodes_into(&mut d, &cluster_of);
    l.cluster_of = cluster_of;
    l.first_member = vec![None; d.clusters.len()];
    for (i, n) in d.nodes.iter().enumerate() {
        if let Some(c) = n.parent {
            l.first_member[c].get_or_insert(i);
        }
    }
    let mut pair_counts: HashMap<(&str, &str), usize> = HashMap::new();
    for stmt in &ast.stmts {
        if let StmtKind::Edge(e) = &stmt.kind {
            l.edge(&mut d, e, stmt.span, &mut pair_counts);
        }
    }
    d
}

impl<'a> Lowering<'a, '_> {
    /// Registers every declaration; a second one of the same id is reported and dropped.
    fn declare(&mut self, ast: &'a Architecture) {
        for stmt in &ast.stmts {
            let StmtKind::Decl(decl) = &stmt.kind else { continue };
            if let Some(first) = self.names.get(decl.id.name.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        codes::ARCH_DUPLICATE_ID,
                        decl.id.span,
                        format!("`{}` is already declared as a {}", decl.id.name, first.kind.keyword()),
                    )
                    .with_label(first.span, "first declared here")
                    .with_help("services, groups and junctions share one set of ids; give this one another id"),
                );
                continue;
            }
            let list = if decl.kind == DeclKind::Group { &mut self.groups } else { &mut self.nodes };
            let entry = Entry { kind: decl.kind, span: decl.id.span, index: list.len() };
            list.push((decl, stmt.span));
            self.names.insert(&decl.id.name, entry);
        }
    }

    /// The group `decl` is `in`, checked; `None` (reported) when it cannot be used.
    /// `as_group` is the declaration's own index when it is a group.
    fn parent(&mut self, decl: &Decl, as_group: Option<usize>) -> Option<usize> {
        let p = decl.parent.as_ref()?;
        if p.name == decl.id.name {
            self.diags.push(
                Diagnostic::error(
                    codes::ARCH_NESTING_CYCLE,
                    p.span,
                    format!("`{}` cannot be placed inside itself", decl.id.name),
                )
                .with_help(format!("remove `in {}`; it is drawn at the top level", p.name)),
            );
            return None;
        }
        let Some(&entry) = self.names.get(p.name.as_str()) else {
            let groups = self.groups.iter().map(|(g, _)| g.id.name.as_str());
            let help = did_you_mean(&p.name, groups).unwrap_or_else(|| {
                format!(
                    "declare it with `group {}(cloud)[Title]`; until then `{}` is drawn at the top level",
                    p.name, decl.id.name
                )
            });
            self.diags.push(
                Diagnostic::error(codes::ARCH_UNKNOWN_PARENT, p.span, format!("there is no group `{}`", p.name))
                    .with_help(help),
            );
            return None;
        };
        if entry.kind != DeclKind::Group {
            self.diags.push(
                Diagnostic::error(
                    codes::ARCH_PARENT_NOT_GROUP,
                    p.span,
                    format!("`{}` is a {}, not a group", p.name, entry.kind.keyword()),
                )
                .with_label(entry.span, "declared here")
                .with_help(format!("only groups hold other elements; `{}` is drawn at the top level", decl.id.name)),
            );
            return None;
        }
        if as_group.is_some_and(|me| entry.index > me) {
            self.diags.push(
                Diagnostic::warning(
                    codes::ARCH_PARENT_DECLARED_LATER,
                    p.span,
                    format!("group `{}` is declared after `{}`, which Mermaid rejects", p.name, decl.id.name),
                )
                .with_label(entry.span, "declared here")
                .with_help(format!("move `group {}` above this line; Coral draws it nested anyway", p.name)),
            );
        }
        Some(entry.index)
    }

    /// Creates the clusters, parents first; returns each group's cluster index.
    fn clusters(&mut self, d: &mut Diagram) -> Vec<ClusterIdx> {
        let n = self.groups.len();
        let mut parent: Vec<Option<usize>> = Vec::with_capacity(n);
        for g in 0..n {
            let decl = self.groups[g].0;
            let p = self.parent(decl, Some(g));
            parent.push(p);
        }
        self.break_cycles(&mut parent);
        // Emit every group after its ancestors.
        let mut cluster_of = vec![usize::MAX; n];
        let mut chain = Vec::new();
        for g in 0..n {
            let mut k = Some(g);
            while let Some(x) = k.filter(|&x| cluster_of[x] == usize::MAX) {
                chain.push(x);
                k = parent[x];
            }
            while let Some(x) = chain.pop() {
                let (decl, span) = self.groups[x];
                let mut c = Cluster::new(decl.id.name.clone(), span);
                c.title = Text::plain(decl.title.as_ref().map_or("", |t| t.text.as_str()));
                if let Some(IconRef::Icon(i)) = &decl.icon {
                    c.icon = Some(self.icons.resolve(&i.name, i.span, self.diags));
                }
                c.parent = parent[x].map(|p| cluster_of[p]);
                cluster_of[x] = d.clusters.len();
                d.clusters.push(c);
            }
        }
        cluster_of
    }

    /// Groups nested in each other in a ring (possible only through parents declared
    /// later): the last-declared group of each ring is moved to the top level.
    fn break_cycles(&mut self, parent: &mut [Option<usize>]) {
        // 0: not seen, 1: on the current walk, 2: done.
        let mut state = vec![0u8; parent.len()];
        let mut path = Vec::new();
        for g in 0..parent.len() {
            let mut k = Some(g);
            while let Some(x) = k {
                if state[x] != 0 {
                    break;
                }
                state[x] = 1;
                path.push(x);
                k = parent[x];
            }
            if let Some(x) = k.filter(|&x| state[x] == 1) {
                let ring = &path[path.iter().position(|&y| y == x).unwrap_or(0)..];
                let last = ring.iter().copied().max().unwrap_or(x);
                // `a` in `c` in `b` in `a`: each group, then the one it is in.
                let mut names: Vec<String> = ring.iter().map(|&y| format!("`{}`", self.groups[y].0.id.name)).collect();
                names.push(names[0].clone());
                let decl = self.groups[last].0;
                let span = decl.parent.as_ref().map_or(decl.id.span, |p| p.span);
                self.diags.push(
                    Diagnostic::error(
                        codes::ARCH_NESTING_CYCLE,
                        span,
                        format!("groups are nested in a ring: {}", names.join(" in ")),
                    )
                    .with_help(format!(
                        "a group cannot be inside its own member; `{}` is drawn at the top level",
                        decl.id.name
                    )),
                );
                parent[last] = None;
            }
            for &y in &path {
                state[y] = 2;
            }
            path.clear();
        }
    }

    fn nodes_into(&mut self, d: &mut Diagram, cluster_of: &[ClusterIdx]) {
        for i in 0..self.nodes.len() {
            let (decl, span) = self.nodes[i];
            let mut node = Node::new(decl.id.name.clone(), span);
            node.label = Text::plain(decl.title.as_ref().map_or("", |t| t.text.as_str()));
            node.shape = if decl.kind == DeclKind::Junction { Shape::Junction } else { Shape::Icon };
            match &decl.icon {
                Some(IconRef::Icon(i)) => node.icon = Some(self.icons.resolve(&i.name, i.span, self.diags)),
                Some(IconRef::Text(t)) => node.detail = Some(Text::plain(&t.text)),
                None => {}
            }
            node.parent = self.parent(decl, None).map(|g| cluster_of[g]);
            d.nodes.push(node);
        }
    }

    /// The end an edge attaches to, or `None` (reported) when it names nothing drawable.
    fn end(&mut self, d: &Diagram, end: &EdgeEnd) -> Option<Endpoint> {
        let name = end.id.name.as_str();
        let Some(&entry) = self.names.get(name) else {
            let nodes = self.nodes.iter().map(|(n, _)| n.id.name.as_str());
            let help = did_you_mean(name, nodes).unwrap_or_else(|| {
                format!("declare it, as in `service {name}(server)[{name}]`; this edge is not drawn")
            });
            self.diags.push(
                Diagnostic::error(
                    codes::ARCH_UNKNOWN_ID,
                    end.id.span,
                    format!("there is no service or junction `{name}`"),
                )
                .with_help(help),
            );
            return None;
        };
        if entry.kind == DeclKind::Group {
            let member = self.first_member[self.cluster_of[entry.index]].map(|m| &d.nodes[m]);
            let help = match member {
                Some(m) => format!(
                    "edges connect services and junctions; to attach to the group's box write `{}{{group}}` (a member of `{name}`)",
                    m.id
                ),
                None => "edges connect services and junctions; to attach to a group's box put `{group}` after a service in it".to_string(),
            };
            self.diags.push(
                Diagnostic::error(
                    codes::ARCH_EDGE_TO_GROUP,
                    end.id.span,
                    format!("`{name}` is a group, not a service or junction"),
                )
                .with_label(entry.span, "declared here")
                .with_help(help),
            );
            return None;
        }
        Some(Endpoint::Node(entry.index))
    }

    fn edge<'s>(
        &mut self,
        d: &mut Diagram,
        e: &'s EdgeStmt,
        span: Span,
        pair_counts: &mut HashMap<(&'s str, &'s str), usize>,
    ) {
        let (from, to) = (self.end(d, &e.from), self.end(d, &e.to));
        let (Some(Endpoint::Node(a)), Some(Endpoint::Node(b))) = (from, to) else { return };
        let (pa, pb) = (d.nodes[a].parent, d.nodes[b].parent);
        let mut ends = [Endpoint::Node(a), Endpoint::Node(b)];
        for (k, (end, parent, other)) in [(&e.from, pa, pb), (&e.to, pb, pa)].into_iter().enumerate() {
            let Some(gspan) = end.group else { continue };
            match parent {
                None => self.diags.push(
                    Diagnostic::warning(
                        codes::ARCH_GROUP_MODIFIER_IGNORED,
                        gspan,
                        format!("`{}` is in no group, so `{{group}}` is ignored", end.id.name),
                    )
                    .with_help(format!("declare `{}` `in` a group, or remove `{{group}}`", end.id.name)),
                ),
                Some(c) if other == Some(c) => self.diags.push(
                    Diagnostic::error(
                        codes::ARCH_GROUP_EDGE_SAME_GROUP,
                        gspan,
                        format!("both ends are in group `{}`, so this edge crosses no group boundary", d.clusters[c].id),
                    )
                    .with_help("remove `{group}`: it makes an edge leave one group's box for another's; the edge is drawn between the services"),
                ),
                Some(c) => ends[k] = Endpoint::Cluster(c),
            }
        }
        let key = (e.from.id.name.as_str(), e.to.id.name.as_str());
        let count = pair_counts.entry(key).or_insert(0);
        // Numbered as flowchart edges are: 0, 2, 3, … for repeated pairs.
        let id = format!("L_{}_{}_{}", key.0, key.1, if *count == 0 { 0 } else { *count + 1 });
        *count += 1;
        let mut edge = Edge::new(id, span, ends[0], ends[1]);
        edge.from_side = Some(e.from.side);
        edge.to_side = Some(e.to.side);
        edge.start = if e.arrow_at_from { Marker::Arrow } else { Marker::None };
        edge.end = if e.arrow_at_to { Marker::Arrow } else { Marker::None };
        edge.label = e.title.as_ref().filter(|t| !t.text.is_empty()).map(|t| Text::plain(&t.text));
        d.edges.push(edge);
    }
}
