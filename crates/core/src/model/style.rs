//! Resolved visual style of an element, and the guards on values that come from users.
//!
//! `style`, `classDef`, `linkStyle` and C4's `UpdateElementStyle` all end up as a
//! [`Style`]: known CSS properties as typed fields, the rest kept in `extra`. Every value
//! passes [`safe_css_value`] first, so nothing a diagram says can break out of an SVG
//! attribute or pull in a URL. Links pass [`safe_url`].

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub fill: Option<String>,
    pub stroke: Option<String>,
    pub stroke_width: Option<String>,
    pub stroke_dasharray: Option<String>,
    /// Text colour (`color:` in Mermaid styles).
    pub color: Option<String>,
    pub font_weight: Option<String>,
    pub font_style: Option<String>,
    pub font_size: Option<String>,
    pub font_family: Option<String>,
    pub opacity: Option<String>,
    /// Other safe `property: value` pairs, in the order given.
    pub extra: Vec<(String, String)>,
}

/// A problem with one `property: value` pair, with its byte range inside the style text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleProblem {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

impl Style {
    /// Parses `fill:#f9f,stroke:#333,stroke-width:4px` (commas or semicolons between
    /// pairs). Unsafe or malformed pairs are left out and reported.
    pub fn parse(css: &str) -> (Style, Vec<StyleProblem>) {
        let mut style = Style::default();
        let mut problems = Vec::new();
        let mut start = 0;
        for piece in split_pairs(css) {
            let (piece_start, text) = (start + piece.0, piece.1);
            let _ = &mut start;
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = text.len() - text.trim_start().len();
            let (s, e) = (piece_start + lead, piece_start + lead + trimmed.len());
            let Some((key, value)) = trimmed.split_once(':') else {
                problems.push(StyleProblem {
                    start: s,
                    end: e,
                    message: format!("`{trimmed}` is not a `property:value` pair"),
                });
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let unescaped = value.replace("\\,", ",");
            let value = unescaped.trim().trim_end_matches("!important").trim();
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                problems.push(StyleProblem {
                    start: s,
                    end: e,
                    message: format!("`{key}` is not a CSS property name"),
                });
                continue;
            }
            if !safe_css_value(value) {
                problems.push(StyleProblem {
                    start: s,
                    end: e,
                    message: format!("the value of `{key}` is not allowed (only plain colours, lengths and names)"),
                });
                continue;
            }
            style.set(&key, value);
        }
        (style, problems)
    }

    /// Sets one property (the value must already be safe).
    pub fn set(&mut self, key: &str, value: &str) {
        let v = Some(value.to_string());
        match key {
            "fill" | "background" | "background-color" => self.fill = v,
            "stroke" | "border-color" => self.stroke = v,
            "stroke-width" | "border-width" => self.stroke_width = v,
            "stroke-dasharray" => self.stroke_dasharray = v,
            "color" => self.color = v,
            "font-weight" => self.font_weight = v,
            "font-style" => self.font_style = v,
            "font-size" => self.font_size = v,
            "font-family" => self.font_family = v,
            "opacity" => self.opacity = v,
            _ => {
                self.extra.retain(|(k, _)| k != key);
                self.extra.push((key.to_string(), value.to_string()));
            }
        }
    }

    /// `self` with every property that `over` sets replaced by `over`'s value.
    pub fn merged(&self, over: &Style) -> Style {
        let pick = |a: &Option<String>, b: &Option<String>| b.clone().or_else(|| a.clone());
        let mut extra = self.extra.clone();
        for (k, v) in &over.extra {
            extra.retain(|(k2, _)| k2 != k);
            extra.push((k.clone(), v.clone()));
        }
        Style {
            fill: pick(&self.fill, &over.fill),
            stroke: pick(&self.stroke, &over.stroke),
            stroke_width: pick(&self.stroke_width, &over.stroke_width),
            stroke_dasharray: pick(&self.stroke_dasharray, &over.stroke_dasharray),
            color: pick(&self.color, &over.color),
            font_weight: pick(&self.font_weight, &over.font_weight),
            font_style: pick(&self.font_style, &over.font_style),
            font_size: pick(&self.font_size, &over.font_size),
            font_family: pick(&self.font_family, &over.font_family),
            opacity: pick(&self.opacity, &over.opacity),
            extra,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Style::default()
    }
}

/// Splits at `,` or `;` outside parentheses (so `rgb(1,2,3)` stays whole); yields each
/// piece with its byte offset.
fn split_pairs(css: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in css.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            // `\,` is a comma inside a value (`font-family:Arial\,sans-serif`), as Mermaid reads it.
            ',' if css[..i].ends_with('\\') => {}
            ',' | ';' if depth <= 0 => {
                out.push((start, &css[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, &css[start..]));
    out
}

/// A CSS value we are willing to write into SVG: colours (`#abc`, `rgb(…)`, names),
/// lengths, numbers, font names. No `url(`, no `expression(`, no quotes or angle brackets,
/// no backslash escapes.
pub fn safe_css_value(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !value.is_empty()
        && value.len() <= 200
        && value.chars().all(|c| c.is_alphanumeric() || " #%.,()-_+/".contains(c))
        && !lower.contains("url(")
        && !lower.contains("expression(")
        && !lower.contains("javascript")
}

/// The URL if its scheme is safe to link to (`http`, `https`, `mailto`, `tel`, or a
/// relative/fragment reference), else `None`. Control characters and whitespace inside
/// the scheme — tricks that make `java\tscript:` work in browsers — are rejected.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control()) {
        return None;
    }
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel").then(|| url.to_string())
        }
        _ => Some(url.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_rejects_unsafe_values() {
        let (s, p) = Style::parse("fill:#f9f,stroke:rgb(1, 2, 3);stroke-width:4px, color:url(x)");
        assert_eq!(s.fill.as_deref(), Some("#f9f"));
        assert_eq!(s.stroke.as_deref(), Some("rgb(1, 2, 3)"));
        assert_eq!(s.stroke_width.as_deref(), Some("4px"));
        assert_eq!(s.color, None);
        assert_eq!(p.len(), 1);
        assert_eq!(
            &"fill:#f9f,stroke:rgb(1, 2, 3);stroke-width:4px, color:url(x)"[p[0].start..p[0].end],
            "color:url(x)"
        );
    }

    #[test]
    fn only_safe_schemes_pass() {
        assert!(safe_url("https://example.com").is_some());
        assert!(safe_url("/docs#x").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url("JaVaScRiPt:alert(1)").is_none());
        assert!(safe_url("java\tscript:alert(1)").is_none());
        assert!(safe_url("data:text/html,x").is_none());
    }
}
