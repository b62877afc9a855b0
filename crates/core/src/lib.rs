//! Coral's core: Mermaid text in, SVG out, as four pure stages.
//!
//! ```text
//! text ──syntax::parse──▶ Diagram + diagnostics   (never fails; ids resolved, styles resolved)
//!      ──layout::layout─▶ Layout                  (pure geometry, parallel to the Diagram)
//!      ──render::svg────▶ String                  (deterministic SVG, theme and icons applied)
//! ```
//!
//! Icon bodies come from an [`icons::IconSource`] ([`render_with`]); [`render`] draws only
//! the built-in icons and shows pack icons as pending boxes. [`render_with_options`] can
//! draw with another theme than the text chose; [`edit::set_theme`] writes a theme into
//! the text.
//!
//! No stage does I/O or touches the web; the app, the CLI, the tests and the benchmarks
//! all call [`render`] (or the stages one by one) with the same result, byte for byte.

pub mod complete;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod export;
pub mod highlight;
pub mod icons;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod render;
pub mod share;
pub mod source;
pub mod syntax;
mod testing;
pub mod text;
pub mod transfer;
pub mod warm;

pub use diagnostic::{Diagnostic, Severity};
pub use model::Diagram;
pub use source::{LineIndex, Span};

/// Everything one run of the pipeline produces.
#[derive(Clone, Debug)]
pub struct Output {
    /// The SVG, when the text held a diagram we could draw (possibly with errors in parts
    /// of it: what was understood is drawn).
    pub svg: Option<String>,
    /// Sorted by position; spans are byte offsets into the text given to [`render`].
    pub diagnostics: Vec<Diagnostic>,
    /// The diagram's title (`title`, frontmatter `title:`, else `accTitle`), for file names.
    pub title: Option<String>,
}

impl Output {
    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.diagnostics)
    }
}

/// What a caller may decide over the text's head. The default changes nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RenderOptions<'a> {
    /// Draw with this built-in theme whatever the text says (`None`: as the text says).
    ///
    /// The text's `theme` and its colour `themeVariables` are both set aside, so the
    /// drawing looks like the chosen theme and not like a mix of it and the palette the
    /// text wrote for another one; `themeVariables.fontFamily` and `fontSize` are kept, as
    /// are `look`, `fontFamily` and every layout option, so only colours change and
    /// nothing moves (see [`config::Config::override_theme`]). Rendering
    /// [`edit::set_theme`]'s output without options draws the same SVG.
    pub theme: Option<config::ThemeName>,
    /// Mermaid's *site* configuration, under the text's own: what the embedding page (or
    /// a share link's `mermaid` field, [`share::site_config`]) sets, and the text's
    /// frontmatter and directives override key by key. `None`: Mermaid's defaults.
    pub site: Option<&'a config::Config>,
    /// The drawing shown before this one (the editor's last, of an earlier version of the
    /// text): where its nodes were. The layered layout then keeps their order in each rank
    /// unless another order crosses less, so a diagram does not rearrange itself while it
    /// is typed. `None` (the CLI, a first drawing): laid out afresh.
    pub previous: Option<&'a Previous>,
}

/// Where a drawing had its nodes (each node's centre, by id), and the crossings its
/// order had.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Previous {
    at: std::collections::BTreeMap<String, model::Point>,
    crossings: usize,
    #[serde(default)]
    over_top: bool,
}

impl Previous {
    /// The nodes of `drawing` where they are drawn (dragged ones included).
    pub fn of(drawing: &Drawing) -> Previous {
        Previous::of_layout(&drawing.diagram, drawing.scene.layout())
    }

    /// The nodes of `d` where `layout` has them.
    pub fn of_layout(d: &Diagram, layout: &layout::Layout) -> Previous {
        Previous {
            at: d.nodes.iter().zip(&layout.nodes).map(|(n, r)| (n.id.clone(), r.center())).collect(),
            crossings: layout.crossings,
            over_top: layout.over_top,
        }
    }

    pub fn get(&self, id: &str) -> Option<model::Point> {
        self.at.get(id).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything [`Previous::encode`] did not write (a stored value is untrusted).
    pub fn decode(json: &str) -> Option<Previous> {
        serde_json::from_str(json).ok()
    }
}

/// Runs the whole pipeline on a Mermaid diagram, or on a Markdown document whose first
/// ```` ```mermaid ```` block is the diagram (spans then point into the whole document).
pub fn render(text: &str) -> Output {
    render_with(text, &icons::NoPacks)
}

/// [`render`], drawing icons from `icons`.
pub fn render_with(text: &str, icons: &dyn icons::IconSource) -> Output {
    render_with_options(text, icons, &RenderOptions::default())
}

/// [`render_with`], with the caller's [`RenderOptions`].
pub fn render_with_options(text: &str, icons: &dyn icons::IconSource, options: &RenderOptions) -> Output {
    render_drawing(text, icons, options).0
}

/// The largest diagram drawn: beyond this, layout would take seconds to minutes, and the
/// editor redraws on every keystroke. (Mermaid stops at 500 edges by default.)
pub const MAX_NODES: usize = 10_000;
pub const MAX_EDGES: usize = 20_000;

/// Runs the pipeline on Mermaid text (no Markdown detection).
pub fn render_diagram(source: &str) -> Output {
    render_diagram_with(source, &icons::NoPacks)
}

/// [`render_diagram`], drawing icons from `icons`.
pub fn render_diagram_with(source: &str, icons: &dyn icons::IconSource) -> Output {
    render_diagram_with_options(source, icons, &RenderOptions::default())
}

/// [`render_diagram_with`], with the caller's [`RenderOptions`].
pub fn render_diagram_with_options(source: &str, icons: &dyn icons::IconSource, options: &RenderOptions) -> Output {
    run(source, icons, options).0
}

/// A drawn diagram as kept for moving its elements (the app's canvas): the model, and
/// the layout as a [`layout::Scene`] — what the SVG was written from.
#[derive(Clone, Debug)]
pub struct Drawing {
    pub diagram: Diagram,
    pub scene: layout::Scene,
}

/// [`render_with_options`], and the [`Drawing`] behind the SVG (when there is one).
pub fn render_drawing(text: &str, icons: &dyn icons::IconSource, options: &RenderOptions) -> (Output, Option<Drawing>) {
    in_block(text, |source| run(source, icons, options))
}

/// `run` on the Mermaid block of `text` (or on `text` itself), its diagnostics moved to
/// positions in `text`. The drawing's spans stay in the block's own coordinates.
fn in_block(text: &str, run: impl FnOnce(&str) -> (Output, Option<Drawing>)) -> (Output, Option<Drawing>) {
    let block = markdown::diagram_source(text, 0);
    let (source, offset) = match &block {
        Some(b) => (b.code, b.offset),
        None => (text, 0),
    };
    let (mut out, drawing) = run(source);
    if offset > 0 {
        out.diagnostics = out.diagnostics.into_iter().map(|d| d.shifted(offset)).collect();
    }
    (out, drawing)
}

/// The front of the pipeline: what the text says, before anything is measured or laid out.
struct Read {
    diagram: Diagram,
    /// Sorted by position.
    diagnostics: Vec<Diagnostic>,
    title: Option<String>,
    /// Whether the rest of the pipeline runs: a diagram type was recognised and the
    /// diagram is not too large.
    drawable: bool,
}

fn read(source: &str, options: &RenderOptions) -> Read {
    let mut parsed = match options.site {
        Some(site) => syntax::parse_with(source, site),
        None => syntax::parse(source),
    };
    let title = parsed.diagram.title.clone().or_else(|| parsed.diagram.acc_title.clone());
    if let Some(previous) = options.previous {
        // A pinned node was drawn where its pin is, not where a layout put it: it says
        // nothing about the arrangement to keep.
        for n in parsed.diagram.nodes.iter_mut().filter(|n| n.pinned.is_none()) {
            n.was = previous.get(&n.id);
        }
        parsed.diagram.was_crossings = Some(previous.crossings);
        parsed.diagram.was_over_top = Some(previous.over_top);
    }
    if let Some(theme) = options.theme {
        // On the model, not only on the `Theme`: architecture and C4 read their own
        // colour variables (`archEdgeColor`, …) from the diagram's configuration.
        parsed.diagram.config.override_theme(theme);
    }
    let mut diagnostics = parsed.diagnostics;
    let d = &parsed.diagram;
    let too_large = if d.nodes.len() > MAX_NODES {
        Some((d.nodes[MAX_NODES].span, format!("{} nodes", d.nodes.len()), MAX_NODES, "nodes"))
    } else if d.edges.len() > MAX_EDGES {
        Some((d.edges[MAX_EDGES].span, format!("{} edges", d.edges.len()), MAX_EDGES, "edges"))
    } else {
        None
    };
    if let Some((span, count, limit, what)) = &too_large {
        diagnostics.push(
            Diagnostic::error(
                syntax::codes::DIAGRAM_TOO_LARGE,
                *span,
                format!("this diagram is too large to draw ({count}); Coral draws up to {limit} {what}"),
            )
            .with_help("split it into several diagrams"),
        );
    }
    diagnostics.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity)));
    let drawable = too_large.is_none() && parsed.diagram.kind.is_some();
    Read { diagram: parsed.diagram, diagnostics, title, drawable }
}

/// The whole pipeline on Mermaid text.
fn run(source: &str, icons: &dyn icons::IconSource, options: &RenderOptions) -> (Output, Option<Drawing>) {
    let Read { diagram, diagnostics, title, drawable } = read(source, options);
    if !drawable {
        return (Output { svg: None, diagnostics, title }, None);
    }
    let theme = render::theme::Theme::from_config(&diagram.config);
    let sizes = render::measure(&diagram, &theme);
    let scene = layout::scene(&diagram, &sizes);
    let svg = render::svg_with(&diagram, scene.layout(), &theme, icons);
    (Output { svg: Some(svg), diagnostics, title }, Some(Drawing { diagram, scene }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_diagrams_get_a_diagnostic_not_a_layout() {
        let mut text = String::from("flowchart TD\n");
        for i in 0..=MAX_NODES {
            text.push_str(&format!("N{i}\n"));
        }
        let out = render_diagram(&text);
        assert!(out.svg.is_none());
        let d = out.diagnostics.iter().find(|d| d.code == "E0301").expect("a too-large diagnostic");
        assert_eq!(&text[d.span.range()], format!("N{MAX_NODES}"));
    }

    const DRACULA: &str = "---\nconfig:\n  theme: base\n  look: neo\n  themeVariables: {background: \"#282a36\", \
        primaryColor: \"#44475a\", archEdgeColor: \"#8be9fd\", fontSize: \"20px\"}\n---\n";

    fn background(svg: &str) -> &str {
        let at = svg.find("class=\"background\"").expect("a background rect");
        let fill = at + svg[at..].find("fill=\"").expect("a fill") + 6;
        &svg[fill..fill + svg[fill..].find('"').unwrap()]
    }

    /// The root element: its size, hence the layout, and the look's shadow filter.
    fn root(svg: &str) -> &str {
        &svg[..svg.find('>').unwrap()]
    }

    #[test]
    fn a_chosen_theme_replaces_the_texts_palette_and_keeps_its_typography() {
        for body in [
            "flowchart LR\n  A[Start] --> B{Choice}\n",
            "architecture-beta\n  service a(server)[A]\n  service b(disk)[B]\n  a:R --> L:b\n",
        ] {
            let text = format!("{DRACULA}{body}");
            let own = render(&text).svg.unwrap();
            assert_eq!(background(&own), "#282a36");
            let as_text = render_with_options(&text, &icons::NoPacks, &RenderOptions::default()).svg.unwrap();
            assert_eq!(as_text, own);
            let chosen = RenderOptions { theme: Some(config::ThemeName::Default), ..RenderOptions::default() };
            let default = render_with_options(&text, &icons::NoPacks, &chosen).svg.unwrap();
            assert_eq!(background(&default), "#ffffff");
            for colour in ["#44475a", "#8be9fd"] {
                assert!(!default.contains(colour), "{colour} of the text's palette drawn:\n{default}");
            }
            // The 20px text is kept, so nothing moves.
            assert_eq!(root(&default), root(&own));
            assert!(default.contains("20px"), "{default}");
            let dark = RenderOptions { theme: Some(config::ThemeName::Dark), ..RenderOptions::default() };
            assert_eq!(background(&render_with_options(&text, &icons::NoPacks, &dark).svg.unwrap()), "#333333");
        }
    }

    #[test]
    fn the_site_configuration_sits_under_the_text_s_own() {
        let (site, d) = share::site_config(r#"{"theme": "dark", "flowchart": {"curve": "linear"}}"#);
        assert!(d.is_empty(), "{d:?}");
        let options = RenderOptions { site: Some(&site), ..RenderOptions::default() };
        let plain = "flowchart LR\n  A --> B\n";
        let dark = render_with_options(plain, &icons::NoPacks, &options).svg.unwrap();
        assert_eq!(background(&dark), "#333333");
        // The text's theme wins over the site's, as in Mermaid; the site's other keys stay.
        let forest = format!("---\nconfig:\n  theme: forest\n---\n{plain}");
        let own = render_with_options(&forest, &icons::NoPacks, &options).svg.unwrap();
        assert_eq!(
            own,
            render(&format!("---\nconfig:\n  theme: forest\n  flowchart:\n    curve: linear\n---\n{plain}"))
                .svg
                .unwrap()
        );
        // The theme picker still wins over both.
        let picked = RenderOptions { theme: Some(config::ThemeName::Default), site: Some(&site), previous: None };
        assert_eq!(background(&render_with_options(&forest, &icons::NoPacks, &picked).svg.unwrap()), "#ffffff");
    }

    #[test]
    fn the_output_names_the_title() {
        assert_eq!(render("---\ntitle: Orders\n---\nflowchart LR\n  A --> B").title.as_deref(), Some("Orders"));
        assert_eq!(render("flowchart LR\n  accTitle: Flow\n  A --> B").title.as_deref(), Some("Flow"));
        assert_eq!(render("flowchart LR\n  A --> B").title, None);
    }

    #[test]
    fn markdown_spans_point_into_the_document() {
        let doc = "# Title\n\n```mermaid\nflowchart LR\n  A -->\n```\n";
        let out = render(doc);
        let e = out.diagnostics.iter().find(|d| d.is_error()).expect("an error");
        let at = LineIndex::new(doc).line_col(doc, e.span.start);
        assert_eq!(at.line, 5);
    }
}
