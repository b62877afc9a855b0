#!/usr/bin/env python3
"""Writes Coral's offline icon packs from the Iconify JSON npm packages.

Run when a pack should be updated (needs npm; Python's standard library only):
    python3 tools/gen-icons.py

In a temporary directory it runs `npm install --no-save` of the packs below, reads each
pack's icons.json (Iconify JSON: prefix, icons{name: {body, width?, height?, left?, top?}},
aliases{name: {parent, ...}}, default width/height) and info.json (licence, author), and
writes, all generated and committed:

  crates/icons/data/<prefix>.txt           one line per icon or alias, sorted by name:
                                           `name<TAB>width<TAB>height<TAB>body` or
                                           `name<TAB>@parent` (parent is always an icon line)
  crates/icons/data/LICENSES/<prefix>.txt  licence name, SPDX id, author, as the package says
  crates/icons/data/VERSIONS.txt           package versions
  crates/core/src/icons/names/<prefix>.txt every icon and alias name, sorted, one per line

Bodies are single-line SVG markup, checked against the same whitelist the core's
`icons::inline_body` applies at run time (shape, gradient, mask, clip and filter elements;
presentation attributes; references only as `#id`); an icon that fails is left out and
counted. A non-zero `left`/`top` becomes a translate on a wrapping <g>, so every viewBox
starts at 0 0. Aliases that rotate or flip their parent are left out (none of these packs
has any today; the count is printed).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PACKS = ["logos", "mdi", "simple-icons", "fa6-solid", "fa6-regular", "fa6-brands"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "crates", "icons", "data")
NAMES = os.path.join(ROOT, "crates", "core", "src", "icons", "names")

# Keep in step with crates/core/src/icons/inline.rs.
ELEMENTS = {
    "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "defs", "use",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "filter",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
    "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
    "feMergeNode", "feMorphology", "feOffset",
}
ATTRIBUTES = {
    "id", "d", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
    "width", "height", "points", "transform", "offset", "fill", "fill-opacity", "fill-rule",
    "clip-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "opacity", "stop-color", "stop-opacity", "color", "clip-path", "mask", "filter",
    "gradientUnits", "gradientTransform", "spreadMethod", "maskUnits", "maskContentUnits",
    "clipPathUnits", "patternUnits", "patternContentUnits", "patternTransform", "viewBox",
    "preserveAspectRatio", "filterUnits", "primitiveUnits", "result", "in", "in2",
    "stdDeviation", "mode", "values", "type", "operator", "k1", "k2", "k3", "k4", "dx",
    "dy", "radius", "flood-color", "flood-opacity", "color-interpolation-filters",
    "tableValues", "slope", "intercept", "amplitude", "exponent", "style", "href",
    "xlink:href", "vector-effect", "paint-order", "mask-type", "display", "visibility",
}
STYLE_PROPERTIES = ATTRIBUTES - {"id", "d", "style", "href", "xlink:href", "transform"} | {"mix-blend-mode"}

TOKEN = re.compile(r'<(/?)([A-Za-z_:][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*"[^"]*")*)\s*(/?)>', re.ASCII)
ATTR = re.compile(r'([A-Za-z_:][\w:.-]*)\s*=\s*"([^"]*)"', re.ASCII)
URL = re.compile(r"url\(([^)]*)\)", re.I)
ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
ID_REF = re.compile(r"#[A-Za-z_][A-Za-z0-9_.-]*")


def value_ok(name, value):
    low = value.lower()
    if any(c in value for c in '&\\<"') or any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        return False
    if "javascript:" in low or "expression" in low or "@import" in low:
        return False
    if name == "id":
        return ID.fullmatch(value) is not None
    if name in ("href", "xlink:href"):
        return ID_REF.fullmatch(value) is not None
    if low.count("url(") != len(URL.findall(value)):
        return False
    for u in URL.findall(value):
        if ID_REF.fullmatch(u.strip()) is None:
            return False
    if name == "style":
        for decl in filter(None, (d.strip() for d in value.split(";"))):
            prop, sep, val = decl.partition(":")
            if not sep or prop.strip().lower() not in STYLE_PROPERTIES or not value_ok(prop.strip(), val):
                return False
    return True


def body_ok(body):
    """The generator's copy of the run-time whitelist: tags only (whitespace between them),
    no comments, CDATA, processing instructions or entities, balanced nesting."""
    pos, stack = 0, []
    while pos < len(body):
        if body[pos] in " \t\n\r":
            pos += 1
            continue
        m = TOKEN.match(body, pos)
        if not m:
            return False
        closing, name, attrs, self_closing = m.groups()
        if name not in ELEMENTS:
            return False
        if closing:
            if attrs or self_closing or not stack or stack.pop() != name:
                return False
        else:
            seen = set()
            for a, v in ATTR.findall(attrs):
                if a not in ATTRIBUTES or a in seen or not value_ok(a, v):
                    return False
                seen.add(a)
            if not self_closing:
                stack.append(name)
        pos = m.end()
    return not stack


def num(v):
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def install(tmp):
    with open(os.path.join(tmp, "package.json"), "w") as f:
        f.write("{}\n")
    pkgs = [f"@iconify-json/{p}" for p in PACKS]
    subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", *pkgs], cwd=tmp, check=True)
    return os.path.join(tmp, "node_modules", "@iconify-json")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(text)


def pack(src, prefix, versions):
    base = os.path.join(src, prefix)
    with open(os.path.join(base, "icons.json")) as f:
        data = json.load(f)
    with open(os.path.join(base, "info.json")) as f:
        info = json.load(f)
    with open(os.path.join(base, "package.json")) as f:
        version = json.load(f)["version"]
    versions.append(f"@iconify-json/{prefix} {version}")
    assert data["prefix"] == prefix, data["prefix"]
    dw, dh = data.get("width", 16), data.get("height", 16)
    lines, names, rejected, multiline = {}, [], [], 0
    for name, icon in data["icons"].items():
        body = icon["body"]
        if "\n" in body or "\r" in body or "\t" in body:
            multiline += 1
            body = " ".join(body.split())
        if not body_ok(body):
            rejected.append(name)
            continue
        left, top = icon.get("left", 0), icon.get("top", 0)
        if left or top:
            body = f'<g transform="translate({num(-left)} {num(-top)})">{body}</g>'
        w, h = icon.get("width", dw), icon.get("height", dh)
        lines[name] = f"{name}\t{num(w)}\t{num(h)}\t{body}"
    transformed = 0
    for name, alias in data.get("aliases", {}).items():
        if set(alias) - {"parent"}:
            transformed += 1
            continue
        parent, hops = alias["parent"], 0
        while parent in data.get("aliases", {}) and hops < 8:
            parent, hops = data["aliases"][parent]["parent"], hops + 1
        if parent in lines:
            lines[name] = f"{name}\t@{parent}"
    names = sorted(lines)
    write(os.path.join(DATA, f"{prefix}.txt"), "".join(lines[n] + "\n" for n in names))
    write(os.path.join(NAMES, f"{prefix}.txt"), "".join(n + "\n" for n in names))
    lic = info.get("license", {})
    author = info.get("author", {})
    write(
        os.path.join(DATA, "LICENSES", f"{prefix}.txt"),
        f"{info.get('name', prefix)} (Iconify prefix `{prefix}`), from @iconify-json/{prefix} {version}\n"
        f"Author: {author.get('name', 'unknown')}\n"
        f"Licence: {lic.get('title', 'unknown')} (SPDX: {lic.get('spdx', 'unknown')})\n\n"
        "The npm package states the licence by name and SPDX identifier in its info.json and\n"
        "package.json and ships no licence text; the SPDX identifier names the exact licence.\n"
        "Coral redistributes the icon bodies unchanged except for whitespace and, for icons\n"
        "whose view box does not start at 0 0, a wrapping translate.\n",
    )
    print(
        f"{prefix}: {len(data['icons'])} icons, {len(data.get('aliases', {}))} aliases -> "
        f"{len(names)} lines; rejected by the whitelist: {len(rejected)} {rejected[:5]}; "
        f"aliases with rotate/flip left out: {transformed}; bodies joined onto one line: {multiline}"
    )


def main():
    versions = []
    with tempfile.TemporaryDirectory() as tmp:
        src = install(tmp)
        for p in PACKS:
            pack(src, p, versions)
    write(os.path.join(DATA, "VERSIONS.txt"), "# Generated by tools/gen-icons.py.\n" + "".join(v + "\n" for v in versions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
