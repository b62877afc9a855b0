//! Themes as data: a [`Theme`] is the resolved set of colours and fonts the SVG uses.
//!
//! A preset ([`ThemeName`]) gives the starting values; `themeVariables` from the diagram
//! override them by Mermaid's names (`primaryColor`, `lineColor`, …), and colours the user
//! did not give are derived from the ones they did — the way Mermaid's `base` theme lets a
//! few variables restyle everything.

use super::color::{is_dark, mix};
use crate::config::{Config, Look, ThemeName};
use crate::text::Font;

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: String,
    pub font_family: String,
    pub font_size: f64,
    pub node_fill: String,
    pub node_stroke: String,
    pub node_text: String,
    pub line: String,
    pub arrow: String,
    pub edge_label_fill: String,
    pub edge_label_text: String,
    pub cluster_fill: String,
    pub cluster_stroke: String,
    pub cluster_text: String,
    pub title_text: String,
    pub look: Look,
}

/// Arial-metric fonts first: text is measured with Arial's metrics (see `text`).
pub const DEFAULT_FONT: &str = "Arial, \"Liberation Sans\", Helvetica, sans-serif";

struct Preset {
    background: &'static str,
    node_fill: &'static str,
    node_stroke: &'static str,
    text: &'static str,
    line: &'static str,
    cluster_fill: &'static str,
    cluster_stroke: &'static str,
    edge_label_fill: &'static str,
}

const DEFAULT: Preset = Preset {
    background: "#ffffff",
    node_fill: "#ececff",
    node_stroke: "#9370db",
    text: "#333333",
    line: "#333333",
    cluster_fill: "#ffffde",
    cluster_stroke: "#aaaa33",
    edge_label_fill: "#e8e8e8",
};

const BASE: Preset = Preset {
    background: "#ffffff",
    node_fill: "#fff4dd",
    node_stroke: "#9b8a63",
    text: "#333333",
    line: "#333333",
    cluster_fill: "#fffbf1",
    cluster_stroke: "#c7b89a",
    edge_label_fill: "#f4f0e8",
};

const DARK: Preset = Preset {
    background: "#333333",
    node_fill: "#1f2020",
    node_stroke: "#cccccc",
    text: "#e0e0e0",
    line: "#d3d3d3",
    cluster_fill: "#3a3a3a",
    cluster_stroke: "#888888",
    edge_label_fill: "#585858",
};

const FOREST: Preset = Preset {
    background: "#ffffff",
    node_fill: "#cde498",
    node_stroke: "#13540c",
    text: "#000000",
    line: "#008000",
    cluster_fill: "#cdffb2",
    cluster_stroke: "#6eaa49",
    edge_label_fill: "#e8e8e8",
};

const NEUTRAL: Preset = Preset {
    background: "#ffffff",
    node_fill: "#eeeeee",
    node_stroke: "#999999",
    text: "#333333",
    line: "#666666",
    cluster_fill: "#f7f7f7",
    cluster_stroke: "#bbbbbb",
    edge_label_fill: "#ffffff",
};

const DRACULA: Preset = Preset {
    background: "#282a36",
    node_fill: "#44475a",
    node_stroke: "#bd93f9",
    text: "#f8f8f2",
    line: "#8be9fd",
    cluster_fill: "#21222c",
    cluster_stroke: "#6272a4",
    edge_label_fill: "#282a36",
};

fn preset(name: ThemeName) -> &'static Preset {
    match name {
        ThemeName::Default | ThemeName::Neo | ThemeName::Redux => &DEFAULT,
        ThemeName::Base => &BASE,
        ThemeName::Dark | ThemeName::NeoDark | ThemeName::ReduxDark => &DARK,
        ThemeName::Forest => &FOREST,
        ThemeName::Neutral => &NEUTRAL,
        ThemeName::Dracula => &DRACULA,
    }
}

impl Theme {
    pub fn from_config(config: &Config) -> Theme {
        let p = preset(config.theme);
        let vars = &config.theme_variables;
        let var = |k: &str| vars.get(k).cloned();
        let background = var("background").unwrap_or_else(|| p.background.into());
        let node_fill = var("mainBkg").or_else(|| var("primaryColor")).unwrap_or_else(|| p.node_fill.into());
        let node_stroke =
            var("nodeBorder").or_else(|| var("primaryBorderColor")).unwrap_or_else(|| p.node_stroke.into());
        // A fill the user chose decides the text colour unless they chose that too.
        let derived_text = if vars.contains_key("primaryColor") || vars.contains_key("mainBkg") {
            if is_dark(&node_fill) { "#f8f8f2".to_string() } else { "#333333".to_string() }
        } else {
            p.text.to_string()
        };
        let node_text = var("nodeTextColor")
            .or_else(|| var("primaryTextColor"))
            .or_else(|| var("textColor"))
            .unwrap_or(derived_text);
        let line = var("lineColor").unwrap_or_else(|| {
            if vars.contains_key("background") { mix(&node_text, &background, 0.3) } else { p.line.into() }
        });
        let cluster_fill = var("clusterBkg").unwrap_or_else(|| {
            if vars.contains_key("background") || vars.contains_key("primaryColor") {
                mix(&background, &node_fill, 0.35)
            } else {
                p.cluster_fill.into()
            }
        });
        let cluster_stroke = var("clusterBorder").unwrap_or_else(|| {
            if vars.contains_key("primaryBorderColor") {
                mix(&node_stroke, &background, 0.25)
            } else {
                p.cluster_stroke.into()
            }
        });
        let text_on_bg = var("textColor")
            .unwrap_or_else(|| if is_dark(&background) { "#f8f8f2".to_string() } else { p.text.to_string() });
        let edge_label_fill = var("edgeLabelBackground").unwrap_or_else(|| {
            if vars.contains_key("background") { background.clone() } else { p.edge_label_fill.into() }
        });
        Theme {
            font_family: config.font_family().map_or_else(|| DEFAULT_FONT.to_string(), str::to_string),
            font_size: config.font_size(),
            node_fill,
            node_stroke,
            node_text,
            arrow: var("arrowheadColor").unwrap_or_else(|| line.clone()),
            line,
            edge_label_text: var("edgeLabelColor").unwrap_or_else(|| text_on_bg.clone()),
            edge_label_fill,
            cluster_fill,
            cluster_stroke,
            cluster_text: var("clusterTextColor").or_else(|| var("titleColor")).unwrap_or_else(|| text_on_bg.clone()),
            title_text: var("titleColor").unwrap_or(text_on_bg),
            background,
            look: config.look,
        }
    }

    /// The font labels are measured and drawn with.
    pub fn font(&self) -> Font {
        Font::for_family(Some(&self.font_family), self.font_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_variables_override_and_derive() {
        let mut c = Config { theme: ThemeName::Base, ..Config::default() };
        c.theme_variables.insert("primaryColor".into(), "#44475a".into());
        c.theme_variables.insert("background".into(), "#282a36".into());
        let t = Theme::from_config(&c);
        assert_eq!(t.node_fill, "#44475a");
        assert_eq!(t.node_text, "#f8f8f2");
        assert_eq!(t.background, "#282a36");
        assert!(is_dark(&t.cluster_fill));
    }

    /// Every preset, resolved as a diagram that names it gets it: a snapshot, so a change
    /// to any colour of any theme is seen in review.
    #[test]
    fn every_preset_resolves() {
        let all: Vec<(&str, Theme)> = ThemeName::ALL
            .into_iter()
            .map(|t| (t.name(), Theme::from_config(&Config { theme: t, ..Config::default() })))
            .collect();
        insta::assert_debug_snapshot!(all);
    }
}
