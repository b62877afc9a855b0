//! A spanned YAML tree (from frontmatter `config:` or an `init` directive) → [`Config`].
//!
//! Applying only sets what the tree mentions, so applying the frontmatter and then each
//! directive merges them with the directive winning, as Mermaid does. Unknown keys are
//! kept (in `extra`, or `elk.other`) and warned about at the key; secure keys are
//! refused; values that could break out of SVG are dropped with a warning.

use crate::config::{Config, Look, ThemeName, Value};
use crate::diagnostic::Diagnostic;
use crate::model::Curve;
use crate::model::style::safe_css_value;
use crate::syntax::codes;
use crate::syntax::suggest::did_you_mean;
use crate::syntax::yaml::{YKey, YNode, YValue};

/// Keys Mermaid never takes from a diagram (only from the embedding page).
const SECURE_KEYS: &[&str] =
    &["secure", "securityLevel", "startOnLoad", "maxTextSize", "maxEdges", "suppressErrorRendering"];

const TOP_KEYS: &[&str] = &[
    "theme",
    "themeVariables",
    "look",
    "layout",
    "fontFamily",
    "fontSize",
    "flowchart",
    "elk",
    "architecture",
    "c4",
    "coral",
];

/// Valid Mermaid configuration sections and options that Coral keeps but does not use.
const KEPT_TOP_KEYS: &[&str] = &[
    "sequence",
    "gantt",
    "journey",
    "class",
    "state",
    "er",
    "pie",
    "quadrantChart",
    "xyChart",
    "requirement",
    "mindmap",
    "timeline",
    "gitGraph",
    "sankey",
    "packet",
    "block",
    "radar",
    "kanban",
    "treemap",
    "darkMode",
    "logLevel",
    "arrowMarkerAbsolute",
    "htmlLabels",
    "deterministicIds",
    "deterministicIDSeed",
    "wrap",
    "markdownAutoWrap",
    "legacyMathML",
    "forceLegacyMathML",
    "themeCSS",
    "altFontFamily",
    "handDrawnSeed",
    "fontawesome",
    "dompurifyConfig",
    "layoutEngine",
];

const FLOWCHART_KEYS: &[&str] =
    &["curve", "nodeSpacing", "rankSpacing", "padding", "diagramPadding", "wrappingWidth", "htmlLabels"];

const FLOWCHART_KEPT: &[&str] = &[
    "useMaxWidth",
    "titleTopMargin",
    "subGraphTitleMargin",
    "arrowMarkerAbsolute",
    "defaultRenderer",
    "inheritDir",
    "useWidth",
    "markdownAutoWrap",
];

const ELK_KEYS: &[&str] =
    &["mergeEdges", "nodePlacementStrategy", "cycleBreakingStrategy", "considerModelOrder", "forceNodeModelOrder"];

const ARCHITECTURE_KEYS: &[&str] = &["padding", "iconSize", "fontSize"];

/// Applies a config mapping (the value of `config:` or of `init:`) onto `config`.
pub fn apply(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "configuration", diags) else { return };
    for (key, value) in entries {
        let k = key.name.as_str();
        if SECURE_KEYS.contains(&k) {
            diags.push(
                Diagnostic::warning(
                    codes::CONFIG_SECURE_KEY,
                    key.span,
                    format!("`{k}` cannot be set from a diagram; ignored"),
                )
                .with_help("Mermaid treats it as a secure setting that only the embedding page may change"),
            );
            continue;
        }
        match k {
            "theme" => {
                if let Some(t) = text(value, k, diags) {
                    match ThemeName::parse(&t) {
                        Some(theme) => config.theme = theme,
                        None => bad_value(value, k, &t, &ThemeName::ALL.map(ThemeName::name), diags),
                    }
                }
            }
            "themeVariables" => apply_theme_variables(config, value, diags),
            "look" => {
                if let Some(t) = text(value, k, diags) {
                    match t.as_str() {
                        "classic" => config.look = Look::Classic,
                        "neo" => config.look = Look::Neo,
                        "handDrawn" => config.look = Look::HandDrawn,
                        _ => bad_value(value, k, &t, &["classic", "neo", "handDrawn"], diags),
                    }
                }
            }
            "layout" => config.layout = text(value, k, diags).or(config.layout.take()),
            "fontFamily" => {
                if let Some(f) = css_text(value, k, diags) {
                    config.font_family = Some(f);
                }
            }
            "fontSize" => config.font_size = number(value, k, diags).or(config.font_size),
            "flowchart" => apply_flowchart(config, value, diags),
            "elk" => apply_elk(config, value, diags),
            "architecture" => apply_architecture(config, value, diags),
            "c4" => apply_c4(config, value, diags),
            "coral" => super::positions::apply_coral(config, value, diags),
            _ if KEPT_TOP_KEYS.contains(&k) => keep(&mut config.extra, k, value),
            _ => {
                unknown_key(key, TOP_KEYS.iter().chain(KEPT_TOP_KEYS), diags);
                keep(&mut config.extra, k, value);
            }
        }
    }
}

fn apply_theme_variables(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "themeVariables", diags) else { return };
    for (key, value) in entries {
        if let Some(v) = css_text(value, &key.name, diags) {
            config.theme_variables.insert(key.name.clone(), v);
        }
    }
}

fn apply_flowchart(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "flowchart", diags) else { return };
    let f = &mut config.flowchart;
    for (key, value) in entries {
        let k = key.name.as_str();
        match k {
            "curve" => {
                if let Some(t) = text(value, k, diags) {
                    match Curve::parse(&t) {
                        Some(c) => f.curve = Some(c),
                        None => bad_value(value, k, &t, CURVES, diags),
                    }
                }
            }
            "nodeSpacing" => f.node_spacing = number(value, k, diags).or(f.node_spacing),
            "rankSpacing" => f.rank_spacing = number(value, k, diags).or(f.rank_spacing),
            "padding" => f.padding = number(value, k, diags).or(f.padding),
            "diagramPadding" => f.diagram_padding = number(value, k, diags).or(f.diagram_padding),
            "wrappingWidth" => f.wrapping_width = number(value, k, diags).or(f.wrapping_width),
            "htmlLabels" => f.html_labels = boolean(value, k, diags).or(f.html_labels),
            _ if FLOWCHART_KEPT.contains(&k) => {
                ignored_option(key, "flowchart", diags);
                keep(&mut config.extra, &format!("flowchart.{k}"), value);
            }
            _ => {
                unknown_key(key, FLOWCHART_KEYS.iter().chain(FLOWCHART_KEPT), diags);
                keep(&mut config.extra, &format!("flowchart.{k}"), value);
            }
        }
    }
}

/// Curve names `flowchart.curve` accepts (as [`Curve::parse`] does).
pub const CURVES: &[&str] = &[
    "rounded",
    "basis",
    "bumpX",
    "bumpY",
    "linear",
    "step",
    "stepBefore",
    "stepAfter",
    "cardinal",
    "catmullRom",
    "monotoneX",
    "monotoneY",
    "natural",
];

fn apply_elk(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "elk", diags) else { return };
    let e = &mut config.elk;
    for (key, value) in entries {
        let k = key.name.as_str();
        match k {
            "mergeEdges" => e.merge_edges = boolean(value, k, diags).or(e.merge_edges),
            "nodePlacementStrategy" => {
                e.node_placement_strategy = text(value, k, diags).or(e.node_placement_strategy.take())
            }
            "cycleBreakingStrategy" => {
                e.cycle_breaking_strategy = text(value, k, diags).or(e.cycle_breaking_strategy.take())
            }
            "considerModelOrder" => e.consider_model_order = text(value, k, diags).or(e.consider_model_order.take()),
            "forceNodeModelOrder" => e.force_node_model_order = boolean(value, k, diags).or(e.force_node_model_order),
            "spacing" => {
                for (sub, v) in as_map(value, "elk.spacing", diags).unwrap_or_default() {
                    apply_elk_spacing(e, sub, v, diags);
                }
            }
            "padding" => e.padding = elk_padding(value, diags).or(e.padding),
            _ if k.strip_prefix("spacing.").is_some_and(|sub| ELK_SPACING.contains(&sub)) => {
                let sub = YKey { name: k["spacing.".len()..].to_string(), span: key.span };
                apply_elk_spacing(e, &sub, value, diags);
            }
            _ => {
                // ELK has hundreds of options; only near-misses of ours are typos.
                if did_you_mean(k, ELK_KEYS.iter().copied()).is_some() {
                    unknown_key(key, ELK_KEYS.iter(), diags);
                } else {
                    ignored_option(key, "elk", diags);
                }
                keep(&mut e.other, k, value);
            }
        }
    }
}

/// The `elk.spacing.*` options our layered layout has a meaning for.
const ELK_SPACING: &[&str] = &["nodeNode", "nodeNodeBetweenLayers", "edgeEdge", "edgeNode"];

fn apply_elk_spacing(e: &mut crate::config::ElkConfig, key: &YKey, value: &YNode, diags: &mut Vec<Diagnostic>) {
    let k = key.name.as_str();
    let slot = match k {
        "nodeNode" => &mut e.node_node,
        "nodeNodeBetweenLayers" => &mut e.between_layers,
        "edgeEdge" | "edgeNode" => &mut e.edge_edge,
        _ => {
            ignored_option(&YKey { name: format!("spacing.{k}"), span: key.span }, "elk", diags);
            return;
        }
    };
    let n = number(value, k, diags).filter(|n| (0.0..=1000.0).contains(n));
    // `edgeNode` and `edgeEdge` both set how far apart edges run; the larger one wins.
    *slot = match (*slot, n) {
        (Some(a), Some(b)) if k.starts_with("edge") => Some(a.max(b)),
        (old, new) => new.or(old),
    };
}

/// ELK's padding, `"[top=80,left=80,bottom=80,right=80]"` or a plain number: the largest
/// side becomes the diagram's margin.
fn elk_padding(value: &YNode, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    if let Some(n) = value.to_value().as_f64() {
        return Some(n).filter(|n| (0.0..=1000.0).contains(n));
    }
    let t = text(value, "padding", diags)?;
    let sides: Vec<f64> = t
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .filter_map(|part| part.split_once('=').and_then(|(_, v)| v.trim().parse::<f64>().ok()))
        .filter(|n| n.is_finite())
        .collect();
    let max = sides.iter().copied().fold(f64::NAN, f64::max);
    if max.is_nan() {
        diags.push(Diagnostic::warning(
            codes::CONFIG_BAD_VALUE,
            value.span,
            "`elk.padding` should look like `[top=20,left=20,bottom=20,right=20]`; ignored",
        ));
        return None;
    }
    Some(max.clamp(0.0, 1000.0))
}

fn apply_architecture(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "architecture", diags) else { return };
    let a = &mut config.architecture;
    for (key, value) in entries {
        let k = key.name.as_str();
        match k {
            "padding" => a.padding = number(value, k, diags).or(a.padding),
            "iconSize" => a.icon_size = number(value, k, diags).or(a.icon_size),
            "fontSize" => a.font_size = number(value, k, diags).or(a.font_size),
            _ => {
                unknown_key(key, ARCHITECTURE_KEYS.iter(), diags);
                keep(&mut config.extra, &format!("architecture.{k}"), value);
            }
        }
    }
}

/// `c4:`: the two row sizes are typed (and `UpdateLayoutConfig` in the diagram wins over
/// them); every other key is a valid Mermaid option Coral does not use, kept in `extra`
/// under `c4` as written, without a warning.
fn apply_c4(config: &mut Config, tree: &YNode, diags: &mut Vec<Diagnostic>) {
    let Some(entries) = as_map(tree, "c4", diags) else { return };
    let mut kept = Vec::new();
    for (key, value) in entries {
        let k = key.name.as_str();
        match k {
            "c4ShapeInRow" | "c4BoundaryInRow" => {
                let Some(n) = number(value, k, diags) else { continue };
                if n.fract() != 0.0 || !(1.0..=100.0).contains(&n) {
                    diags.push(Diagnostic::warning(
                        codes::CONFIG_BAD_VALUE,
                        value.span,
                        format!("`{k}` should be a whole number from 1 to 100; ignored"),
                    ));
                    continue;
                }
                let slot =
                    if k == "c4ShapeInRow" { &mut config.c4.shape_in_row } else { &mut config.c4.boundary_in_row };
                *slot = Some(n as usize);
            }
            _ => kept.push((k.to_string(), value.to_value())),
        }
    }
    if kept.is_empty() {
        return;
    }
    // Merged with what an earlier source kept, a later key winning.
    let mut all = match config.extra.iter().find(|(k, _)| k == "c4") {
        Some((_, Value::Map(m))) => m.clone(),
        _ => Vec::new(),
    };
    for (k, v) in kept {
        all.retain(|(k2, _)| *k2 != k);
        all.push((k, v));
    }
    config.extra.retain(|(k, _)| k != "c4");
    config.extra.push(("c4".to_string(), Value::Map(all)));
}

// ---- helpers ----------------------------------------------------------------------

pub(crate) fn as_map<'t>(tree: &'t YNode, what: &str, diags: &mut Vec<Diagnostic>) -> Option<&'t [(YKey, YNode)]> {
    match &tree.value {
        YValue::Map(m) => Some(m),
        YValue::Null => None,
        _ => {
            diags.push(Diagnostic::warning(
                codes::CONFIG_BAD_VALUE,
                tree.span,
                format!("`{what}` should be a mapping of keys to values; ignored"),
            ));
            None
        }
    }
}

pub(crate) fn keep(list: &mut Vec<(String, Value)>, key: &str, value: &YNode) {
    list.retain(|(k, _)| k != key);
    list.push((key.to_string(), value.to_value()));
}

pub(crate) fn unknown_key<'k>(key: &YKey, known: impl Iterator<Item = &'k &'static str>, diags: &mut Vec<Diagnostic>) {
    let mut d = Diagnostic::warning(
        codes::CONFIG_UNKNOWN_KEY,
        key.span,
        format!("unknown configuration key `{}`; kept but not used", key.name),
    );
    if let Some(h) = did_you_mean(&key.name, known.copied()) {
        d = d.with_help(h);
    }
    diags.push(d);
}

fn ignored_option(key: &YKey, section: &str, diags: &mut Vec<Diagnostic>) {
    // ELK keys are often written in full (`elk.spacing.nodeNode`) already.
    let prefix = format!("{section}.");
    let name = if key.name.starts_with(&prefix) { key.name.clone() } else { format!("{prefix}{}", key.name) };
    diags.push(Diagnostic::info(
        codes::CONFIG_IGNORED_OPTION,
        key.span,
        format!("`{name}` is a Mermaid option Coral does not use; kept but ignored"),
    ));
}

fn bad_value(value: &YNode, key: &str, got: &str, allowed: &[&str], diags: &mut Vec<Diagnostic>) {
    let help = did_you_mean(got, allowed.iter().copied())
        .unwrap_or_else(|| format!("expected one of: {}", allowed.join(", ")));
    diags.push(
        Diagnostic::warning(codes::CONFIG_BAD_VALUE, value.span, format!("`{got}` is not a valid `{key}`; ignored"))
            .with_help(help),
    );
}

fn text(value: &YNode, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let t = value.as_text();
    if t.is_none() && value.value != YValue::Null {
        diags.push(Diagnostic::warning(
            codes::CONFIG_BAD_VALUE,
            value.span,
            format!("`{key}` should be a single value; ignored"),
        ));
    }
    t
}

/// Text that will be written into SVG styles. Font lists often quote names
/// (`"'Inter', sans-serif"`); the quotes are dropped, since the renderer quotes itself.
fn css_text(value: &YNode, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let t = text(value, key, diags)?;
    let t = if key.to_ascii_lowercase().contains("fontfamily") { t.replace(['\'', '"'], "") } else { t };
    let t = t.trim().to_string();
    if safe_css_value(&t) {
        Some(t)
    } else {
        diags.push(
            Diagnostic::warning(
                codes::CONFIG_UNSAFE_VALUE,
                value.span,
                format!("the value of `{key}` is not allowed; ignored"),
            )
            .with_help("use plain colours (`#282a36`, `rgb(…)`, names), lengths and font names"),
        );
        None
    }
}

fn number(value: &YNode, key: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    let n = value.to_value().as_f64().filter(|n| n.is_finite());
    if n.is_none() && value.value != YValue::Null {
        diags.push(Diagnostic::warning(
            codes::CONFIG_BAD_VALUE,
            value.span,
            format!("`{key}` should be a number; ignored"),
        ));
    }
    n
}

fn boolean(value: &YNode, key: &str, diags: &mut Vec<Diagnostic>) -> Option<bool> {
    let b = value.to_value().as_bool();
    if b.is_none() && value.value != YValue::Null {
        diags.push(Diagnostic::warning(
            codes::CONFIG_BAD_VALUE,
            value.span,
            format!("`{key}` should be `true` or `false`; ignored"),
        ));
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    fn applied(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut d = vec![];
        let tree = yaml::parse(text, 0, &mut d).unwrap();
        let mut c = Config::default();
        apply(&mut c, &tree, &mut d);
        (c, d)
    }

    #[test]
    fn known_keys_become_typed() {
        let (c, d) = applied(
            "theme: dark\nfontSize: 14\nflowchart: {curve: linear, nodeSpacing: 30, htmlLabels: false}\nelk: {mergeEdges: true, foo: 1}\n",
        );
        assert_eq!(c.theme, ThemeName::Dark);
        assert_eq!(c.font_size, Some(14.0));
        assert_eq!(c.flowchart.curve, Some(Curve::Linear));
        assert_eq!(c.flowchart.node_spacing, Some(30.0));
        assert_eq!(c.flowchart.html_labels, Some(false));
        assert_eq!(c.elk.merge_edges, Some(true));
        assert_eq!(c.elk.other, vec![("foo".to_string(), Value::Number(1.0))]);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn secure_unknown_and_unsafe_keys_warn() {
        let (c, d) = applied(
            "securityLevel: loose\nthemee: dark\nthemeVariables: {primaryColor: 'url(x)', lineColor: '#fff'}\n",
        );
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::CONFIG_SECURE_KEY, codes::CONFIG_UNKNOWN_KEY, codes::CONFIG_UNSAFE_VALUE]);
        assert_eq!(d[1].help.as_deref(), Some("did you mean `theme`?"));
        assert_eq!(c.theme_variables.get("lineColor").map(String::as_str), Some("#fff"));
        assert!(!c.theme_variables.contains_key("primaryColor"));
        assert_eq!(c.extra[0].0, "themee");
    }

    #[test]
    fn c4_row_sizes_are_typed_and_the_rest_kept() {
        let (c, d) = applied("c4: {c4ShapeInRow: 3, c4BoundaryInRow: '1', diagramMarginX: 20}\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!((c.c4.shape_in_row, c.c4.boundary_in_row), (Some(3), Some(1)));
        assert_eq!(
            c.extra,
            vec![("c4".to_string(), Value::Map(vec![("diagramMarginX".to_string(), Value::Number(20.0))]))]
        );
        let (c, d) = applied("c4: {c4ShapeInRow: 0, c4BoundaryInRow: 2.5}\n");
        assert_eq!((c.c4.shape_in_row, c.c4.boundary_in_row), (None, None));
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), [codes::CONFIG_BAD_VALUE; 2]);
        assert!(c.extra.is_empty());
    }

    #[test]
    fn bad_values_suggest() {
        let (c, d) = applied("theme: drak\nlook: neo\n");
        assert_eq!(c.theme, ThemeName::Default);
        assert_eq!(c.look, Look::Neo);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `dark`?"));
    }

    #[test]
    fn elk_spacing_and_padding_become_layout_options() {
        let (c, d) = applied(
            "elk:\n  spacing:\n    nodeNode: 100\n    edgeNode: 60\n    edgeEdge: 40\n    componentComponent: 70\n  spacing.nodeNodeBetweenLayers: 35\n  padding: \"[top=80,left=20,bottom=10,right=5]\"\n",
        );
        assert_eq!((c.elk.node_node, c.elk.between_layers, c.elk.edge_edge), (Some(100.0), Some(35.0), Some(60.0)));
        assert_eq!(c.elk.padding, Some(80.0));
        // Only the option we have no meaning for is reported, and only as information.
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].code, d[0].severity), (codes::CONFIG_IGNORED_OPTION, crate::Severity::Info));
        assert!(d[0].message.contains("elk.spacing.componentComponent"), "{}", d[0].message);
        let (c, d) = applied("elk: {padding: \"[none]\"}\n");
        assert_eq!((c.elk.padding, d[0].code), (None, codes::CONFIG_BAD_VALUE));
    }
}
