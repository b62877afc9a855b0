//! Typed diagram configuration, read from YAML frontmatter and `%%{init: …}%%` directives.
//!
//! Known keys become typed fields; every key we do not know is kept in `extra` (and
//! warned about by the parser), never dropped and never fatal. Keys Mermaid treats as
//! secure (`securityLevel`, `maxTextSize`, …) are refused from diagram text.

use std::collections::BTreeMap;

/// A configuration value as written: scalars stay strings, so `"12px"` and `12` both read.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn as_str(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(crate::render::fmt_num(*n)),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Numbers, and strings like `"12px"` or `"1.5"`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().trim_end_matches("px").trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Default,
    Base,
    Dark,
    Forest,
    Neutral,
    Neo,
    NeoDark,
    Redux,
    ReduxDark,
    Dracula,
}

impl ThemeName {
    /// Every built-in theme, in the order Mermaid's documentation lists them.
    pub const ALL: [ThemeName; 10] = [
        ThemeName::Default,
        ThemeName::Base,
        ThemeName::Dark,
        ThemeName::Forest,
        ThemeName::Neutral,
        ThemeName::Neo,
        ThemeName::NeoDark,
        ThemeName::Redux,
        ThemeName::ReduxDark,
        ThemeName::Dracula,
    ];

    pub fn parse(s: &str) -> Option<ThemeName> {
        let s = s.trim();
        ThemeName::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The name as written in `theme:` (and read by [`ThemeName::parse`]).
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Base => "base",
            ThemeName::Dark => "dark",
            ThemeName::Forest => "forest",
            ThemeName::Neutral => "neutral",
            ThemeName::Neo => "neo",
            ThemeName::NeoDark => "neo-dark",
            ThemeName::Redux => "redux",
            ThemeName::ReduxDark => "redux-dark",
            ThemeName::Dracula => "dracula",
        }
    }
}

/// The `themeVariables` that say how text is set rather than what colour anything is.
/// Choosing another theme keeps them (see [`Config::override_theme`]): they size every
/// label, so keeping them means a theme change recolours the diagram without moving it.
pub const TYPOGRAPHY_VARIABLES: &[&str] = &["fontFamily", "fontSize"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Look {
    #[default]
    Classic,
    Neo,
    HandDrawn,
}

/// `flowchart:` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowchartConfig {
    pub curve: Option<crate::model::Curve>,
    pub node_spacing: Option<f64>,
    pub rank_spacing: Option<f64>,
    pub padding: Option<f64>,
    pub diagram_padding: Option<f64>,
    pub wrapping_width: Option<f64>,
    pub html_labels: Option<bool>,
}

/// `elk:` section: the options that change our layered layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ElkConfig {
    pub merge_edges: Option<bool>,
    pub node_placement_strategy: Option<String>,
    pub cycle_breaking_strategy: Option<String>,
    pub consider_model_order: Option<String>,
    pub force_node_model_order: Option<bool>,
    /// `spacing.nodeNode`: between neighbours in a layer.
    pub node_node: Option<f64>,
    /// `spacing.nodeNodeBetweenLayers`: between layers.
    pub between_layers: Option<f64>,
    /// `spacing.edgeEdge` / `spacing.edgeNode`: between parallel edges.
    pub edge_edge: Option<f64>,
    /// `padding`: the largest side, as the diagram's margin.
    pub padding: Option<f64>,
    /// Every other `elk.*` key, kept as written.
    pub other: Vec<(String, Value)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArchitectureConfig {
    pub padding: Option<f64>,
    pub icon_size: Option<f64>,
    pub font_size: Option<f64>,
}

/// `c4:` section, and `UpdateLayoutConfig` in the diagram (which wins).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct C4Config {
    /// Elements per row where relations do not decide their place (Mermaid: 4).
    pub shape_in_row: Option<usize>,
    /// Boundaries per row where relations do not decide their place (Mermaid: 2).
    pub boundary_in_row: Option<usize>,
}

/// One stored position (`config.coral.positions`): where the user dragged an element.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    /// The node or cluster id, as written.
    pub id: String,
    /// The centre of the element's box, in diagram coordinates (see `layout::pins`).
    pub at: crate::model::Point,
    /// The key in the text, for the diagnostic when no element has this id.
    pub span: crate::source::Span,
}

/// `coral:` section: Coral's own settings, which Mermaid ignores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoralConfig {
    /// Positions the user fixed by dragging, one per id (the last one written wins).
    pub positions: Vec<Position>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    /// `themeVariables` as written (keys in camelCase, values are safe CSS values).
    pub theme_variables: BTreeMap<String, String>,
    pub font_family: Option<String>,
    pub font_size: Option<f64>,
    pub look: Look,
    /// `layout:` as written (`dagre`, `elk`, …); Coral always uses its own layered layout.
    pub layout: Option<String>,
    pub flowchart: FlowchartConfig,
    pub elk: ElkConfig,
    pub architecture: ArchitectureConfig,
    pub c4: C4Config,
    pub coral: CoralConfig,
    /// Every other section we keep but do not interpret, as written.
    pub extra: Vec<(String, Value)>,
}

impl Config {
    /// Draws with `theme` instead of the theme the text chose: the preset is replaced and
    /// the text's `themeVariables` are dropped, except [`TYPOGRAPHY_VARIABLES`]. Without
    /// the drop a palette written for one theme (`background: "#282a36"`, …) would still
    /// paint over the chosen one, and picking "default" would change next to nothing.
    /// Everything else (`look`, `fontFamily`, layout options) stays as the text says.
    pub fn override_theme(&mut self, theme: ThemeName) {
        self.theme = theme;
        self.theme_variables.retain(|k, _| TYPOGRAPHY_VARIABLES.contains(&k.as_str()));
    }

    /// The effective font family: `themeVariables.fontFamily`, then `fontFamily`.
    pub fn font_family(&self) -> Option<&str> {
        self.theme_variables.get("fontFamily").map(String::as_str).or(self.font_family.as_deref())
    }

    /// The effective base font size in px (Mermaid's default is 16).
    pub fn font_size(&self) -> f64 {
        self.theme_variables
            .get("fontSize")
            .and_then(|s| s.trim().trim_end_matches("px").trim().parse::<f64>().ok())
            .or(self.font_size)
            .filter(|s| s.is_finite() && *s > 1.0 && *s < 200.0)
            .unwrap_or(16.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_round_trip() {
        for t in ThemeName::ALL {
            assert_eq!(ThemeName::parse(t.name()), Some(t));
        }
        assert_eq!(ThemeName::parse(" neo-dark "), Some(ThemeName::NeoDark));
        assert_eq!(ThemeName::parse("Dark"), None);
    }

    #[test]
    fn overriding_the_theme_keeps_typography_and_look() {
        let mut c = Config { theme: ThemeName::Base, look: Look::Neo, ..Config::default() };
        for (k, v) in [("background", "#282a36"), ("fontFamily", "Inter"), ("fontSize", "12px"), ("lineColor", "red")] {
            c.theme_variables.insert(k.into(), v.into());
        }
        c.override_theme(ThemeName::Forest);
        assert_eq!(c.theme, ThemeName::Forest);
        assert_eq!(c.look, Look::Neo);
        assert_eq!(c.theme_variables.keys().map(String::as_str).collect::<Vec<_>>(), ["fontFamily", "fontSize"]);
        assert_eq!(c.font_size(), 12.0);
    }
}
