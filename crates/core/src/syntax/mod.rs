//! Text → [`Diagram`]: frontmatter, directives, diagram-type detection and one parser per
//! diagram type. Parsing never fails: it returns what it understood and the diagnostics.
//!
//! ```text
//! frontmatter::split ─▶ header::detect ─▶ flowchart::parse ─▶ model::lower::flowchart
//!   (title, config)      (type, directives)   (syntax tree)        (ids, membership, styles)
//!                                         ├▶ architecture::parse ─▶ model::lower::architecture
//!                                         └▶ c4::parse ─────────▶ model::lower::c4
//! ```
//! Configuration is applied frontmatter first, then each directive in order, so a
//! directive wins over the frontmatter, as in Mermaid. Diagnostic codes live in
//! [`codes`].

pub mod architecture;
pub mod c4;
pub mod codes;
pub mod config;
pub mod cursor;
pub mod directive;
pub mod flowchart;
pub mod frontmatter;
pub mod header;
pub mod icon;
pub mod label;
pub mod positions;
pub mod suggest;
pub mod yaml;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Diagram;

/// A name as written in any diagram type (an id, a class name), with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: crate::source::Span,
}

/// A parser reported an error; the caller skips to the end of the line.
#[derive(Debug)]
pub(crate) struct Reported;

pub(crate) type PResult<T> = Result<T, Reported>;

/// At most this many diagnostics are returned (plus one saying how many were left out).
pub const MAX_DIAGNOSTICS: usize = 1000;

/// What [`parse`] understood. `diagram.kind` is `None` when the text holds no diagram
/// we can draw (empty, unknown or not yet supported type).
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub diagram: Diagram,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse(source: &str) -> Parsed {
    parse_with(source, &Config::default())
}

/// [`parse`] over a site configuration: `site` is where the configuration starts, and the
/// frontmatter and directives are applied over it (Mermaid's `initialize` < frontmatter <
/// directives).
pub fn parse_with(source: &str, site: &Config) -> Parsed {
    let mut diags = Vec::new();
    let (front, body) = frontmatter::split(source, &mut diags);
    let header = header::detect(source, body, &mut diags);
    let mut diagram = match header.support {
        Some(header::Support::Flowchart) => {
            let ast = flowchart::parse(source, &header.keyword, header.rest, &mut diags);
            let mut d = crate::model::lower::flowchart(&ast, &mut diags);
            // Body directives are applied after those before the header.
            let mut cfgs = header.directives;
            cfgs.extend(ast.directives);
            apply_config(&mut d, site, front.as_ref(), &cfgs, &mut diags);
            if ast.keyword == "flowchart-elk" && d.config.layout.is_none() {
                // The legacy header means "lay out with ELK".
                d.config.layout = Some("elk".to_string());
            }
            d
        }
        Some(header::Support::Architecture) => {
            let ast = architecture::parse(source, header.rest, &mut diags);
            let mut d = crate::model::lower::architecture(&ast, &mut diags);
            let mut cfgs = header.directives;
            cfgs.extend(ast.directives);
            apply_config(&mut d, site, front.as_ref(), &cfgs, &mut diags);
            d
        }
        Some(header::Support::C4) => {
            let ast = c4::parse(source, &header.keyword, header.rest, &mut diags);
            let mut d = crate::model::lower::c4(&ast, &mut diags);
            let mut cfgs = header.directives;
            cfgs.extend(ast.directives);
            // `UpdateLayoutConfig` in the diagram wins over the `c4:` configuration.
            let written = std::mem::take(&mut d.config.c4);
            apply_config(&mut d, site, front.as_ref(), &cfgs, &mut diags);
            let c = &mut d.config.c4;
            c.shape_in_row = written.shape_in_row.or(c.shape_in_row);
            c.boundary_in_row = written.boundary_in_row.or(c.boundary_in_row);
            d
        }
        _ => {
            let mut d = Diagram::default();
            apply_config(&mut d, site, front.as_ref(), &header.directives, &mut diags);
            d
        }
    };
    // Stored positions name ids, which only lowering resolved; a text that is no diagram
    // (yet) has nothing to pin and nothing to complain about.
    if diagram.kind.is_some() {
        positions::pin(&mut diagram, &mut diags);
    }
    // A `title` statement in the body wins over the frontmatter's, as in Mermaid.
    if let Some(fm) = front
        && diagram.title.is_none()
    {
        diagram.title = fm.title;
    }
    // Stable order for editors and snapshots: by position, errors before warnings.
    diags.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity), d.span.end));
    if diags.len() > MAX_DIAGNOSTICS {
        // Nobody reads the 1001st complaint about pasted garbage; editors choke on 10^5.
        let more = diags.len() - MAX_DIAGNOSTICS;
        let errors = diags[MAX_DIAGNOSTICS..].iter().filter(|d| d.is_error()).count();
        let at = diags[MAX_DIAGNOSTICS].span;
        diags.truncate(MAX_DIAGNOSTICS);
        diags.push(Diagnostic::info(
            codes::TOO_MANY_DIAGNOSTICS,
            at,
            format!("{more} more problems from here on are not listed ({errors} of them errors)"),
        ));
    }
    Parsed { diagram, diagnostics: diags }
}

fn apply_config(
    d: &mut Diagram,
    site: &Config,
    front: Option<&frontmatter::Frontmatter>,
    directives: &[yaml::YNode],
    diags: &mut Vec<Diagnostic>,
) {
    // Lowering leaves the configuration alone (C4 takes what `UpdateLayoutConfig` wrote
    // out of it before this call), so the site configuration can simply be the start.
    d.config = site.clone();
    if let Some(cfg) = front.and_then(|f| f.config.as_ref()) {
        config::apply(&mut d.config, cfg, diags);
    }
    for cfg in directives {
        config::apply(&mut d.config, cfg, diags);
    }
}
