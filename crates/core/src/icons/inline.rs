//! Checking an icon body against a whitelist and making its ids unique, so untrusted
//! bodies (fetched at run time) can be inlined into our SVG.
//!
//! A hand-written tokenizer reads the body as a sequence of tags with whitespace between
//! them; anything else — text, comments, CDATA, processing instructions, doctypes,
//! entities, an element or attribute not on the lists, a reference that is not `#id` —
//! rejects the whole body. The output is rebuilt from the tokens (not copied), so what
//! we write is exactly what we checked. `tools/gen-icons.py` applies the same lists when
//! it generates the packs; keep the two in step.

/// SVG shape, grouping, paint-server, clipping, masking and filter elements. No `svg`,
/// `symbol`, `image`, `text`, `a`, `script`, `style`, `foreignObject`, `feImage`,
/// animation elements or anything outside the SVG namespace.
const ELEMENTS: &[&str] = &[
    "circle",
    "clipPath",
    "defs",
    "ellipse",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "filter",
    "g",
    "line",
    "linearGradient",
    "mask",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "stop",
    "use",
];

/// Geometry and presentation attributes. No event handlers, no `xml:base`, no `src`.
const ATTRIBUTES: &[&str] = &[
    "amplitude",
    "clip-path",
    "clip-rule",
    "clipPathUnits",
    "color",
    "color-interpolation-filters",
    "cx",
    "cy",
    "d",
    "display",
    "dx",
    "dy",
    "exponent",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "filterUnits",
    "flood-color",
    "flood-opacity",
    "fx",
    "fy",
    "gradientTransform",
    "gradientUnits",
    "height",
    "href",
    "id",
    "in",
    "in2",
    "intercept",
    "k1",
    "k2",
    "k3",
    "k4",
    "mask",
    "mask-type",
    "maskContentUnits",
    "maskUnits",
    "mode",
    "offset",
    "opacity",
    "operator",
    "paint-order",
    "patternContentUnits",
    "patternTransform",
    "patternUnits",
    "points",
    "preserveAspectRatio",
    "primitiveUnits",
    "r",
    "radius",
    "result",
    "rx",
    "ry",
    "slope",
    "spreadMethod",
    "stdDeviation",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "style",
    "tableValues",
    "transform",
    "type",
    "values",
    "vector-effect",
    "viewBox",
    "visibility",
    "width",
    "x",
    "x1",
    "x2",
    "xlink:href",
    "y",
    "y1",
    "y2",
];

/// Attributes that may not appear as properties inside `style`.
const NOT_STYLE: &[&str] = &["id", "d", "style", "href", "xlink:href", "transform"];

/// Checks `body` against the whitelist and returns it with every `id="x"` renamed to
/// `id="{id_prefix}x"` and every reference (`url(#x)`, `href="#x"`) renamed to match;
/// `xlink:href` becomes `href` (our root declares no xlink namespace). `None` when the
/// body holds anything not on the whitelist, or `id_prefix` is not a plain id prefix.
pub fn inline_body(body: &str, id_prefix: &str) -> Option<String> {
    if !id_prefix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len() + 64);
    let mut stack: Vec<&str> = Vec::new();
    let mut pos = 0;
    loop {
        pos = skip_space(b, pos);
        if pos == b.len() {
            break;
        }
        if b[pos] != b'<' {
            return None;
        }
        pos += 1;
        if b.get(pos) == Some(&b'/') {
            let (name, p) = read_name(body, pos + 1)?;
            let p = skip_space(b, p);
            if b.get(p) != Some(&b'>') || stack.pop() != Some(name) {
                return None;
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
            pos = p + 1;
            continue;
        }
        let (name, p) = read_name(body, pos)?;
        if !ELEMENTS.contains(&name) {
            return None;
        }
        out.push('<');
        out.push_str(name);
        pos = p;
        let mut seen: Vec<&str> = Vec::new();
        loop {
            let p = skip_space(b, pos);
            match b.get(p) {
                Some(b'>') => {
                    out.push('>');
                    stack.push(name);
                    pos = p + 1;
                    break;
                }
                Some(b'/') if b.get(p + 1) == Some(&b'>') => {
                    out.push_str("/>");
                    pos = p + 2;
                    break;
                }
                _ => {}
            }
            // Attributes are separated from the name and from each other by whitespace.
            if p == pos {
                return None;
            }
            let (attr, q) = read_name(body, p)?;
            let q = skip_space(b, q);
            if b.get(q) != Some(&b'=') {
                return None;
            }
            let q = skip_space(b, q + 1);
            if b.get(q) != Some(&b'"') {
                return None;
            }
            let end = q + 1 + b[q + 1..].iter().position(|&c| c == b'"')?;
            let value = &body[q + 1..end];
            if !ATTRIBUTES.contains(&attr) || seen.contains(&attr) || !value_ok(attr, value) {
                return None;
            }
            seen.push(attr);
            write_attr(&mut out, attr, value, id_prefix)?;
            pos = end + 1;
        }
    }
    stack.is_empty().then_some(out)
}

fn skip_space(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && matches!(b[pos], b' ' | b'\t' | b'\n' | b'\r') {
        pos += 1;
    }
    pos
}

/// An element or attribute name starting at `pos`: an ASCII letter (or `_`, `:`) then
/// letters, digits, `-`, `_`, `:`, `.`.
fn read_name(s: &str, pos: usize) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if !b.get(pos).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c == b':') {
        return None;
    }
    let mut end = pos + 1;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'-' | b'_' | b':' | b'.')) {
        end += 1;
    }
    Some((&s[pos..end], end))
}

fn is_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// The value of attribute (or style property) `name` is safe: no entities, escapes or
/// markup, no script or CSS expressions, references only to `#id`s in the same body.
fn value_ok(name: &str, value: &str) -> bool {
    if value.contains(['&', '\\', '<', '"']) {
        return false;
    }
    if value.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return false;
    }
    let low = value.to_ascii_lowercase();
    if low.contains("javascript:") || low.contains("expression") || low.contains("@import") {
        return false;
    }
    match name {
        "id" => is_id(value),
        "href" | "xlink:href" => value.strip_prefix('#').is_some_and(is_id),
        "style" => value.split(';').map(str::trim).filter(|d| !d.is_empty()).all(|decl| {
            let Some((prop, val)) = decl.split_once(':') else { return false };
            let prop = prop.trim();
            ATTRIBUTES.contains(&prop) && !NOT_STYLE.contains(&prop) && value_ok(prop, val)
                || prop == "mix-blend-mode" && value_ok(prop, val)
        }),
        _ => urls_ok(&low),
    }
}

/// Every `url(…)` in `low` (lower-cased) refers to an `#id`.
fn urls_ok(low: &str) -> bool {
    let mut rest = low;
    while let Some(i) = rest.find("url(") {
        let after = &rest[i + 4..];
        let Some(close) = after.find(')') else { return false };
        if !after[..close].trim().strip_prefix('#').is_some_and(is_id) {
            return false;
        }
        rest = &after[close + 1..];
    }
    true
}

/// Writes ` name="value"` with ids and references prefixed.
fn write_attr(out: &mut String, attr: &str, value: &str, prefix: &str) -> Option<()> {
    match attr {
        "id" => {
            out.push_str(" id=\"");
            out.push_str(prefix);
            out.push_str(value);
        }
        "href" | "xlink:href" => {
            out.push_str(" href=\"#");
            out.push_str(prefix);
            out.push_str(value.strip_prefix('#')?);
        }
        _ => {
            out.push(' ');
            out.push_str(attr);
            out.push_str("=\"");
            let mut rest = value;
            // `url(` may be written in any case; the id after `#` keeps its own case.
            while let Some(i) = rest.to_ascii_lowercase().find("url(") {
                let after = &rest[i + 4..];
                let close = after.find(')')?;
                let id = after[..close].trim().strip_prefix('#')?;
                out.push_str(&rest[..i]);
                out.push_str("url(#");
                out.push_str(prefix);
                out.push_str(id);
                out.push(')');
                rest = &after[close + 1..];
            }
            out.push_str(rest);
        }
    }
    out.push('"');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::inline_body;

    #[test]
    fn ids_and_references_get_the_prefix() {
        let body = r##"<defs><linearGradient id="a" x1="0" gradientTransform="rotate(45)"><stop offset="0" stop-color="#fff"/></linearGradient></defs><path fill="url(#a)" d="M0 0h1"/><use xlink:href="#a" style="fill:URL( #a );opacity:.5"/>"##;
        let out = inline_body(body, "d1-i0-").unwrap();
        assert_eq!(
            out,
            r##"<defs><linearGradient id="d1-i0-a" x1="0" gradientTransform="rotate(45)"><stop offset="0" stop-color="#fff"/></linearGradient></defs><path fill="url(#d1-i0-a)" d="M0 0h1"/><use href="#d1-i0-a" style="fill:url(#d1-i0-a);opacity:.5"/>"##
        );
        assert_eq!(inline_body("  <g>\n <path d=\"M0 0\" />\t</g> ", "p").unwrap(), "<g><path d=\"M0 0\"/></g>");
        assert_eq!(inline_body("", "p").unwrap(), "");
    }

    #[test]
    fn hostile_bodies_are_rejected() {
        for body in [
            "<script>alert(1)</script>",
            "<g><script/></g>",
            "<path onload=\"alert(1)\" d=\"M0 0\"/>",
            "<path onclick = \"x\"/>",
            "<foreignObject><div/></foreignObject>",
            "<a href=\"javascript:alert(1)\"><path/></a>",
            "<use href=\"javascript:alert(1)\"/>",
            "<use href=\"http://evil.example/x.svg#a\"/>",
            "<use xlink:href=\"data:image/svg+xml,x\"/>",
            "<use href=\"#a\" href=\"#b\"/>",
            "<image href=\"x.png\"/>",
            "<path fill=\"url(http://evil.example/a)\"/>",
            "<path fill=\"url(#a\"/>",
            "<path style=\"fill:url(data:x)\"/>",
            "<path style=\"background:red\"/>",
            "<path style=\"behavior:url(#a)\"/>",
            "<path style=\"fill:expression(alert(1))\"/>",
            "<path style=\"fill:red;@import x\"/>",
            "<path style=\"fill:r\\65 d\"/>",
            "<path d=\"M0 0\"><![CDATA[<script>x</script>]]></path>",
            "<!-- <script>x</script> --><path/>",
            "<?xml-stylesheet href=\"x\"?><path/>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><path/>",
            "<path fill=\"&e;\"/>",
            "<path fill=\"&#106;avascript:\"/>",
            "<path d='M0 0'/>",
            "<path d=M0/>",
            "<path d=\"M0 0\">text</path>",
            "<g>",
            "</g>",
            "<g></path>",
            "<g><path></g></path>",
            "<path d=\"M0\"d=\"M1\"/>",
            "<svg:script/>",
            "<style>*{}</style>",
            "<animate attributeName=\"href\" to=\"javascript:x\"/>",
            "<set attributeName=\"onload\"/>",
            "<path id=\"a b\"/>",
            "<path id=\"\"/>",
            "<path id=\"1\"/>",
            "<path xml:base=\"http://evil.example/\"/>",
            "<path fill=\"red\u{0}\"/>",
            "<path/",
            "<",
            "<g/><path",
        ] {
            assert_eq!(inline_body(body, "p-"), None, "{body}");
        }
        assert_eq!(inline_body("<path/>", "p\"x"), None);
    }

    #[test]
    fn real_iconify_bodies_pass() {
        // A body in the style of Iconify's logos (gradient ids, masks, filters).
        let body = r##"<defs><radialGradient id="SVGa" cx="50%" cy="50%" r="50%" fx="50%" fy="50%"><stop offset="0%" stop-color="#FFF" stop-opacity=".5"/></radialGradient><filter id="SVGb" width="120%" height="120%" x="-10%" y="-10%" filterUnits="objectBoundingBox"><feGaussianBlur in="SourceAlpha" result="x" stdDeviation="2"/><feOffset dy="1" in="x" result="y"/><feColorMatrix in="y" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 .2 0"/></filter></defs><mask id="SVGc" style="mask-type:alpha"><circle cx="8" cy="8" r="8" fill="#fff"/></mask><g mask="url(#SVGc)" filter="url(#SVGb)"><path fill="url(#SVGa)" d="M0 0h16v16H0z"/></g>"##;
        let out = inline_body(body, "k-").unwrap();
        assert!(out.contains("url(#k-SVGc)") && out.contains("id=\"k-SVGa\""), "{out}");
    }
}
