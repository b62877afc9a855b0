//! Flowchart syntax tree → [`Diagram`].
//!
//! Two passes over the statements. The first learns which ids are declared as nodes
//! (so an undeclared `EKS_Platform` can mean the subgraph titled "EKS Platform"); the
//! second creates nodes in first-use order and edges in statement order, and gathers
//! styling, which [`Styling::resolve`] applies once everything is known.

use std::collections::{HashMap, HashSet};

use super::membership;
use super::styling::{Styling, parse_css};
use crate::diagnostic::Diagnostic;
use crate::model::style::safe_url;
use crate::model::{
    Cluster, ClusterIdx, Diagram, DiagramKind, Edge, EdgeIdx, Endpoint, Link, Node, NodeIdx, Shape, Style, Text,
};
use crate::syntax::codes;
use crate::syntax::flowchart::ast::{ClickAction, Data, Flowchart, Ident, NodeRef, StmtKind};

/// What an id in the text refers to.
#[derive(Clone, Copy)]
enum Target {
    Node,
    Cluster(ClusterIdx),
    /// An undeclared `A_B` naming the subgraph titled "A B".
    TitledCluster(ClusterIdx),
}

struct Lowering<'a> {
    ast: &'a Flowchart,
    d: Diagram,
    diags: &'a mut Vec<Diagnostic>,
    node_by_id: HashMap<&'a str, NodeIdx>,
    cluster_by_id: HashMap<String, ClusterIdx>,
    cluster_by_title: HashMap<String, ClusterIdx>,
    /// Last suffix given to a duplicated subgraph id.
    renamed: HashMap<String, usize>,
    /// Ids some statement declares as a node (shape, label, `@{}`, lone statement, `style`).
    declared: HashSet<&'a str>,
    /// The first reference to every id named in a chain or `style` statement.
    first_ref: HashMap<&'a str, &'a Ident>,
    /// Ids the text gives to edges (`e1@-->`).
    edge_ids: HashSet<&'a str>,
    /// Nodes whose span already points at a declaration (not just a use).
    span_is_declaration: Vec<bool>,
    titled_reported: HashSet<&'a str>,
    /// Auto edge ids: how many edges each (from, to) pair already has.
    pair_counts: HashMap<(&'a str, &'a str), usize>,
    edge_by_id: HashMap<String, EdgeIdx>,
    mentions: Vec<Vec<NodeIdx>>,
    styling: Styling,
    /// `e1@{ … }` statements, applied once all edges exist.
    edge_data: Vec<(&'a Ident, &'a Data)>,
}

/// Lowers a parsed flowchart. Configuration and title are set by the caller.
pub fn flowchart(ast: &Flowchart, diags: &mut Vec<Diagnostic>) -> Diagram {
    let mut l = Lowering {
        ast,
        d: Diagram { kind: Some(DiagramKind::Flowchart), direction: ast.direction, ..Diagram::default() },
        diags,
        node_by_id: HashMap::new(),
        cluster_by_id: HashMap::new(),
        cluster_by_title: HashMap::new(),
        renamed: HashMap::new(),
        declared: HashSet::new(),
        first_ref: HashMap::new(),
        edge_ids: HashSet::new(),
        span_is_declaration: Vec::new(),
        titled_reported: HashSet::new(),
        pair_counts: HashMap::new(),
        edge_by_id: HashMap::new(),
        mentions: vec![Vec::new(); ast.subgraphs.len()],
        styling: Styling::default(),
        edge_data: Vec::new(),
    };
    l.clusters();
    l.learn_declarations();
    l.statements();
    let close: Vec<usize> = ast.subgraphs.iter().map(|s| s.close_order).collect();
    for (n, parent) in membership::parents(l.d.nodes.len(), &l.mentions, &close).into_iter().enumerate() {
        l.d.nodes[n].parent = parent;
    }
    l.d.acc_title = ast.acc_title.clone();
    l.d.acc_descr = ast.acc_descr.clone();
    let Lowering { mut d, styling, diags, edge_data, edge_by_id, .. } = l;
    styling.resolve(&mut d, diags);
    for (id, data) in edge_data {
        if let Some(&e) = edge_by_id.get(&id.name) {
            let edge = &mut d.edges[e];
            if let Some(a) = data.animate {
                edge.animate = a;
            }
            if data.curve.is_some() {
                edge.curve = data.curve;
            }
        }
    }
    d
}

impl<'a> Lowering<'a> {
    fn clusters(&mut self) {
        let ast = self.ast;
        for (i, sg) in ast.subgraphs.iter().enumerate() {
            // Mermaid counts every subgraph in closing order for `subGraph<n>`.
            let mut id = sg.id.as_ref().map_or_else(|| format!("subGraph{}", sg.close_order), |i| i.name.clone());
            if let Some(&first) = self.cluster_by_id.get(&id) {
                let first_span = self.d.clusters[first].span;
                let original = id.clone();
                // One counter per id keeps many duplicates linear.
                let n = self.renamed.entry(original.clone()).or_insert(0);
                while self.cluster_by_id.contains_key(&id) {
                    *n += 1;
                    id = format!("{original}_{n}");
                }
                self.diags.push(
                    Diagnostic::warning(
                        codes::DUPLICATE_SUBGRAPH_ID,
                        sg.span,
                        format!("subgraph id `{original}` is already used; this one is named `{id}`"),
                    )
                    .with_label(first_span, "first used here")
                    .with_help("edges and styles naming the id go to the first subgraph"),
                );
            }
            let mut c = Cluster::new(id.clone(), sg.span);
            c.generated_id = sg.id.is_none();
            if let Some(t) = &sg.title {
                c.title = t.text.clone();
            } else if let Some(i) = &sg.id {
                // A renamed duplicate keeps the title it was written with.
                c.title = Text::plain(&i.name);
            } else {
                // A header too broken to read: no title rather than `subGraph3`.
                c.title = Text::plain("");
            }
            c.parent = sg.parent;
            c.direction = sg.direction.map(|(d, _)| d);
            self.cluster_by_id.insert(id, i);
            if let Some(t) = &sg.title_plain {
                self.cluster_by_title.entry(t.clone()).or_insert(i);
            }
            self.d.clusters.push(c);
            self.styling.cluster_inline.push(Style::default());
        }
    }

    fn learn_declarations(&mut self) {
        let ast = self.ast;
        for stmt in &ast.stmts {
            match &stmt.kind {
                StmtKind::Chain(chain) => {
                    let lone = chain.links.is_empty();
                    for r in chain.groups.iter().flatten() {
                        if lone || r.declares() {
                            self.declared.insert(&r.id.name);
                        }
                        self.first_ref.entry(&r.id.name).or_insert(&r.id);
                    }
                    self.edge_ids.extend(chain.links.iter().filter_map(|l| l.id.as_ref()).map(|i| i.name.as_str()));
                }
                StmtKind::Style { targets, .. } => {
                    self.declared.extend(targets.iter().map(|t| t.name.as_str()));
                }
                _ => {}
            }
        }
    }

    fn target(&self, id: &str) -> Target {
        if let Some(&c) = self.cluster_by_id.get(id) {
            return Target::Cluster(c);
        }
        if id.contains('_')
            && !self.declared.contains(id)
            && let Some(&c) = self.cluster_by_title.get(&id.replace('_', " "))
        {
            return Target::TitledCluster(c);
        }
        Target::Node
    }

    fn statements(&mut self) {
        let ast = self.ast;
        for stmt in &ast.stmts {
            match &stmt.kind {
                StmtKind::Chain(chain) => {
                    let lone_edge_data =
                        chain.links.is_empty() && chain.groups.len() == 1 && chain.groups[0].len() == 1;
                    if lone_edge_data {
                        let r = &chain.groups[0][0];
                        if let Some(data) = &r.data
                            && self.edge_ids.contains(r.id.name.as_str())
                        {
                            self.edge_data.push((&r.id, data));
                            continue;
                        }
                    }
                    let ends: Vec<Vec<Endpoint>> =
                        chain.groups.iter().map(|g| g.iter().map(|r| self.node_ref(r, stmt.scope)).collect()).collect();
                    for (k, link) in chain.links.iter().enumerate() {
                        let (from_refs, to_refs) = (&chain.groups[k], &chain.groups[k + 1]);
                        for (si, s) in from_refs.iter().enumerate() {
                            for (ti, t) in to_refs.iter().enumerate() {
                                // Mermaid gives the user's id to one edge of a fan-out only.
                                let user_id = link.id.as_ref().filter(|_| si + 1 == from_refs.len() && ti == 0);
                                self.edge(s, t, ends[k][si], ends[k + 1][ti], link, user_id);
                            }
                        }
                    }
                }
                StmtKind::Subgraph(_) => {}
                StmtKind::Style { targets, css } => {
                    let style = parse_css(css, self.diags);
                    for t in targets {
                        match self.target(&t.name) {
                            Target::Cluster(c) | Target::TitledCluster(c) => {
                                let s = &mut self.styling.cluster_inline[c];
                                *s = s.merged(&style);
                            }
                            Target::Node => {
                                let n = match self.node_by_id.get(t.name.as_str()) {
                                    Some(&n) => n,
                                    None => {
                                        if !self.first_ref.contains_key(t.name.as_str()) {
                                            self.diags.push(
                                                Diagnostic::warning(
                                                    codes::STYLE_CREATES_NODE,
                                                    t.span,
                                                    format!("no node `{}` is defined; `style` creates it", t.name),
                                                )
                                                .with_help("check the id's spelling"),
                                            );
                                        }
                                        self.new_node(t)
                                    }
                                };
                                let s = &mut self.styling.node_inline[n];
                                *s = s.merged(&style);
                            }
                        }
                    }
                }
                StmtKind::ClassDef { names, css } => {
                    let style = parse_css(css, self.diags);
                    self.styling.class_def(names, &style);
                }
                StmtKind::Class { targets, classes } => {
                    self.styling.class_uses.extend(classes.iter().cloned());
                    for t in targets {
                        let names = classes.iter().map(|c| c.name.clone());
                        if let Some(&e) = self.edge_by_id.get(&t.name) {
                            self.d.edges[e].classes.extend(names);
                            continue;
                        }
                        match self.target(&t.name) {
                            Target::Cluster(c) | Target::TitledCluster(c) => self.d.clusters[c].classes.extend(names),
                            Target::Node => match self.find_node(&t.name) {
                                Some(n) => self.d.nodes[n].classes.extend(names),
                                None => self.undefined_target(t, "class"),
                            },
                        }
                    }
                }
                StmtKind::LinkStyle { indices, curve, css } => {
                    let style = css.as_ref().map(|c| parse_css(c, self.diags)).unwrap_or_default();
                    self.styling.link_style(indices, curve.as_ref(), style, self.diags);
                }
                StmtKind::Click { target, action } => self.click(target, action),
            }
        }
    }

    /// The node `id`, if it exists or a chain will create it (statements may style a
    /// node before the chain that defines it).
    fn find_node(&mut self, id: &str) -> Option<NodeIdx> {
        if let Some(&n) = self.node_by_id.get(id) {
            return Some(n);
        }
        let r = *self.first_ref.get(id)?;
        Some(self.new_node(r))
    }

    fn undefined_target(&mut self, t: &Ident, what: &str) {
        let mut d = Diagnostic::warning(
            codes::UNDEFINED_TARGET,
            t.span,
            format!("`{what}` names `{}`, which is not a node or subgraph; ignored", t.name),
        );
        let names: Vec<&str> =
            self.node_by_id.keys().copied().chain(self.cluster_by_id.keys().map(String::as_str)).collect();
        let mut sorted = names;
        sorted.sort_unstable();
        if let Some(h) = crate::syntax::suggest::did_you_mean(&t.name, sorted.iter().copied()) {
            d = d.with_help(h);
        }
        self.diags.push(d);
    }

    fn new_node(&mut self, id: &'a Ident) -> NodeIdx {
        let n = self.d.nodes.len();
        self.d.nodes.push(Node::new(id.name.clone(), id.span));
        self.span_is_declaration.push(false);
        self.styling.node_inline.push(Style::default());
        self.node_by_id.insert(&id.name, n);
        n
    }

    /// Resolves one node reference, creating or updating the node.
    fn node_ref(&mut self, r: &'a NodeRef, scope: Option<usize>) -> Endpoint {
        match self.target(&r.id.name) {
            Target::Cluster(c) => {
                if r.declares() {
                    self.diags.push(
                        Diagnostic::warning(
                            codes::SUBGRAPH_SHAPE_IGNORED,
                            r.span,
                            format!("`{}` is a subgraph; this shape or label is ignored", r.id.name),
                        )
                        .with_label(self.d.clusters[c].span, "the subgraph"),
                    );
                }
                self.classes_on_cluster(r, c);
                Endpoint::Cluster(c)
            }
            Target::TitledCluster(c) => {
                if self.titled_reported.insert(&r.id.name) {
                    let title = self.ast.subgraphs[c].title_plain.clone().unwrap_or_default();
                    self.diags.push(
                        Diagnostic::info(
                            codes::EDGE_TO_TITLED_SUBGRAPH,
                            r.id.span,
                            format!("`{}` connects to the subgraph titled \"{title}\"", r.id.name),
                        )
                        .with_label(self.d.clusters[c].span, "this subgraph")
                        .with_help(format!(
                            "Mermaid would draw a separate node `{}`; give the subgraph that id (`subgraph {} [\"{title}\"]`) to draw the same everywhere",
                            r.id.name, r.id.name
                        )),
                    );
                }
                self.classes_on_cluster(r, c);
                Endpoint::Cluster(c)
            }
            Target::Node => {
                let n = match self.node_by_id.get(r.id.name.as_str()) {
                    Some(&n) => n,
                    None => {
                        let n = self.new_node(&r.id);
                        self.d.nodes[n].span = r.span;
                        n
                    }
                };
                self.declare(n, r);
                if let Some(s) = scope {
                    self.mentions[s].push(n);
                }
                Endpoint::Node(n)
            }
        }
    }

    fn classes_on_cluster(&mut self, r: &NodeRef, c: ClusterIdx) {
        self.styling.class_uses.extend(r.classes.iter().cloned());
        self.d.clusters[c].classes.extend(r.classes.iter().map(|i| i.name.clone()));
    }

    /// Applies what a reference says about its node: the last shape and label win, as
    /// in Mermaid; classes accumulate.
    fn declare(&mut self, n: NodeIdx, r: &NodeRef) {
        self.styling.class_uses.extend(r.classes.iter().cloned());
        let node = &mut self.d.nodes[n];
        node.classes.extend(r.classes.iter().map(|i| i.name.clone()));
        if r.declares() && !self.span_is_declaration[n] {
            node.span = r.span;
            self.span_is_declaration[n] = true;
        }
        if let Some(s) = r.shape {
            node.shape = s;
        }
        if let Some(l) = &r.label {
            node.label = l.text.clone();
        }
        let Some(data) = &r.data else { return };
        if let Some(s) = data.shape {
            node.shape = s;
        }
        if let Some(l) = &data.label {
            node.label = l.text.clone();
        }
        let label_is_id = node.label == Text::plain(&node.id);
        if let Some(icon) = &data.icon {
            node.icon = Some(icon.clone());
            node.shape = Shape::Icon;
            if data.label.is_none() && label_is_id {
                node.label = Text::plain("");
            }
        }
        if let Some(img) = &data.image {
            node.image = Some(img.clone());
            node.shape = Shape::Image;
            if data.label.is_none() && label_is_id {
                node.label = Text::plain("");
            }
        }
        // One given size makes a square (icons and images are square by default).
        if let Some((w, h)) = match (data.w, data.h) {
            (Some(w), Some(h)) => Some((w, h)),
            (Some(v), None) | (None, Some(v)) => Some((v, v)),
            (None, None) => None,
        } {
            node.size = Some((w, h));
        }
    }

    fn edge(
        &mut self,
        s: &'a NodeRef,
        t: &'a NodeRef,
        from: Endpoint,
        to: Endpoint,
        link: &crate::syntax::flowchart::ast::Link,
        user_id: Option<&Ident>,
    ) {
        let key = (s.id.name.as_str(), t.id.name.as_str());
        let count = self.pair_counts.entry(key).or_insert(0);
        // Mermaid numbers repeated pairs 0, 2, 3, … (the second edge skips 1).
        let auto = format!("L_{}_{}_{}", key.0, key.1, if *count == 0 { 0 } else { *count + 1 });
        *count += 1;
        let id = match user_id {
            Some(u) if self.edge_by_id.contains_key(&u.name) => {
                let first = self.d.edges[self.edge_by_id[&u.name]].span;
                self.diags.push(
                    Diagnostic::warning(
                        codes::DUPLICATE_EDGE_ID,
                        u.span,
                        format!("edge id `{}` is already used; this edge is named `{auto}`", u.name),
                    )
                    .with_label(first, "first used here"),
                );
                auto
            }
            Some(u) => u.name.clone(),
            None => auto,
        };
        let mut e = Edge::new(id.clone(), s.span.cover(t.span), from, to);
        e.stroke = link.stroke;
        e.start = link.start;
        e.end = link.end;
        e.min_len = link.length;
        e.label = link.label.as_ref().map(|l| l.text.clone());
        self.edge_by_id.entry(id).or_insert(self.d.edges.len());
        self.d.edges.push(e);
    }

    fn click(&mut self, target: &Ident, action: &ClickAction) {
        let link = match action {
            ClickAction::Callback { name } => {
                self.diags.push(
                    Diagnostic::warning(
                        codes::CALLBACK_IGNORED,
                        name.span,
                        format!("click callback `{}` is not run", name.name),
                    )
                    .with_help("Coral runs no code from diagrams; use `click id href \"https://…\"` for a link"),
                );
                return;
            }
            ClickAction::Link { url, url_span, tooltip, target: tgt } => match safe_url(url) {
                Some(url) => Link { url, tooltip: tooltip.clone(), target: tgt.clone() },
                None => {
                    self.diags.push(
                        Diagnostic::warning(
                            codes::UNSAFE_URL,
                            *url_span,
                            "this link's scheme is not allowed; the link is left out",
                        )
                        .with_help("links may use http, https, mailto, tel, or be relative"),
                    );
                    return;
                }
            },
        };
        match self.target(&target.name) {
            Target::Cluster(c) | Target::TitledCluster(c) => self.d.clusters[c].link = Some(link),
            Target::Node => match self.find_node(&target.name) {
                Some(n) => self.d.nodes[n].link = Some(link),
                None => self.undefined_target(target, "click"),
            },
        }
    }
}
