//! Exported SVG outside a browser: every seed diagram, drawn with the real icon packs, is
//! rendered by librsvg (`rsvg-convert`, Debian's librsvg2-bin) and must draw — at the size
//! the SVG says, not blank, its text visible (the picture changes when the `<text>`
//! elements are taken out), and icons drawn where the diagram has them.
//!
//! Skipped, with a message, when `rsvg-convert` is not installed (`cargo xtask setup`
//! installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

use coral_core::export::svg_size;
use coral_core::render_with;

/// Pictures are drawn at most this many pixels on their longer side.
const MAX_SIDE: f64 = 2400.0;

fn rsvg_available() -> bool {
    Command::new("rsvg-convert").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The seed documents: the shared seed files when this checkout sits next to them
/// (`../shared/seeds/*.md`), else the copies of their diagrams the app embeds
/// (`assets/examples/*.mmd`).
fn seeds() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for (dir, ext) in [(root.join("../shared/seeds"), "md"), (root.join("assets/examples"), "mmd")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("note: {} not found; using the app's copies", dir.display());
            continue;
        };
        if !out.is_empty() {
            break;
        }
        let mut found: Vec<PathBuf> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
        found.sort();
        for path in found {
            let text = std::fs::read_to_string(&path).expect("a readable seed");
            out.push((path.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    assert!(out.len() >= 5, "no seeds found: {out:?}");
    out
}

/// A decoded 8-bit PNG: width, height and RGBA pixels.
struct Picture {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

impl Picture {
    fn pixel(&self, x: usize, y: usize) -> [u8; 4] {
        let i = 4 * (y * self.width + x);
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2], self.rgba[i + 3]]
    }

    /// Pixels that differ from `other`'s (same size) by more than a little in any channel.
    fn differing(&self, other: &Picture) -> usize {
        self.rgba
            .chunks(4)
            .zip(other.rgba.chunks(4))
            .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > 24))
            .count()
    }

    /// Pixels unlike the top-left one (the background).
    fn inked(&self) -> usize {
        let bg = self.pixel(0, 0);
        self.rgba.chunks(4).filter(|p| p.iter().zip(bg).any(|(x, y)| x.abs_diff(y) > 24)).count()
    }
}

/// Reads what rsvg-convert writes: 8-bit RGB or RGBA, not interlaced. Enough PNG for this
/// test; anything else fails it loudly.
fn decode_png(bytes: &[u8]) -> Picture {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut width, mut height, mut channels) = (0, 0, 0);
    let mut data = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!((body[8], body[12]), (8, 0), "8-bit, not interlaced");
                channels = match body[9] {
                    6 => 4,
                    2 => 3,
                    other => panic!("PNG colour type {other}"),
                };
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&data).expect("PNG data inflates");
    let stride = width * channels;
    assert_eq!(raw.len(), height * (stride + 1), "PNG data size");
    let mut pixels = vec![0u8; height * stride];
    for y in 0..height {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= channels { pixels[y * stride + x - channels] } else { 0 };
            let b = if y > 0 { pixels[(y - 1) * stride + x] } else { 0 };
            let c = if x >= channels && y > 0 { pixels[(y - 1) * stride + x - channels] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("PNG filter {other}"),
            };
            pixels[y * stride + x] = line[x].wrapping_add(predicted);
        }
    }
    let rgba = if channels == 4 { pixels } else { pixels.chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect() };
    Picture { width, height, rgba }
}

/// Renders `svg` with rsvg-convert at `zoom` and decodes the PNG.
fn rsvg(svg: &str, dir: &Path, stem: &str, zoom: f64) -> Picture {
    let input = dir.join(format!("{stem}.svg"));
    let output = dir.join(format!("{stem}.png"));
    std::fs::write(&input, svg).expect("write the SVG");
    let run = Command::new("rsvg-convert")
        .arg("--format=png")
        .arg(format!("--zoom={zoom}"))
        .arg(format!("--output={}", output.display()))
        .arg(&input)
        .output()
        .expect("run rsvg-convert");
    assert!(run.status.success(), "rsvg-convert failed on {stem}: {}", String::from_utf8_lossy(&run.stderr));
    let warnings = String::from_utf8_lossy(&run.stderr);
    assert!(warnings.trim().is_empty(), "rsvg-convert complained about {stem}: {warnings}");
    decode_png(&std::fs::read(&output).expect("read the PNG"))
}

/// The SVG with every `<text>…</text>` element taken out.
fn without_text(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</text>").map(|e| start + e + "</text>".len()).expect("a closed <text>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Visible characters inside `<text>` elements (tags and entities' markup not counted).
fn text_characters(svg: &str) -> usize {
    let mut count = 0;
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let end = rest[start..].find("</text>").map_or(rest.len(), |e| start + e);
        let mut in_tag = false;
        for c in rest[start..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag && !c.is_whitespace() => count += 1,
                _ => {}
            }
        }
        rest = &rest[end.min(rest.len())..];
        if let Some(skip) = rest.strip_prefix("</text>") {
            rest = skip;
        }
    }
    count
}

#[test]
fn librsvg_draws_every_seed() {
    if !rsvg_available() {
        eprintln!(
            "SKIPPED librsvg_draws_every_seed: rsvg-convert is not installed \
             (Debian package librsvg2-bin; `cargo xtask setup` installs it)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("coral-rsvg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    for (name, text) in seeds() {
        let out = render_with(&text, &coral_icons::Packs);
        assert!(!out.has_errors(), "{name}: {:#?}", out.diagnostics);
        let svg = out.svg.unwrap_or_else(|| panic!("{name}: no SVG"));
        let (w, h) = svg_size(&svg).expect("the SVG has a size");
        let stem = name.replace('.', "_");
        // Seed 004 is 9,000 px wide: drawn smaller, so decoding stays quick in a debug build.
        let zoom = (MAX_SIDE / w.max(h)).min(1.0);
        let picture = rsvg(&svg, &dir, &stem, zoom);
        // librsvg rounds a fractional size up or to the nearest pixel.
        let (zw, zh) = ((w * zoom).round() as usize, (h * zoom).round() as usize);
        assert!(
            picture.width.abs_diff(zw) <= 1 && picture.height.abs_diff(zh) <= 1,
            "{name}: rsvg drew {}×{}, the SVG says {w}×{h} (× {zoom:.3} = {zw}×{zh})",
            picture.width,
            picture.height
        );
        let area = picture.width * picture.height;
        let inked = picture.inked();
        assert!(inked * 50 > area, "{name}: nearly blank ({inked} of {area} pixels drawn)");
        let bare = rsvg(&without_text(&svg), &dir, &format!("{stem}-no-text"), zoom);
        // Every visible character of every label draws some pixels (a 14 px glyph covers
        // about thirty); a missing font or dropped text would leave far fewer.
        let text_pixels = picture.differing(&bare);
        let characters = text_characters(&svg);
        assert!(characters > 20, "{name}: only {characters} characters of text in the SVG");
        assert!(
            text_pixels as f64 > 8.0 * characters as f64 * zoom * zoom,
            "{name}: {characters} characters of text draw only {text_pixels} pixels at zoom {zoom:.3}"
        );
        let icons = svg.matches("<svg class=\"icon\"").count();
        assert_eq!(svg.matches("icon-missing").count(), 0, "{name}: icons not found in the packs");
        eprintln!(
            "{name}: {}×{} px, {inked} inked, {characters} characters drawing {text_pixels} pixels, {icons} icons",
            picture.width, picture.height
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_png_reader_reads_what_rsvg_writes() {
    if !rsvg_available() {
        eprintln!("SKIPPED the_png_reader_reads_what_rsvg_writes: rsvg-convert is not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("coral-rsvg-probe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#ffffff"/><rect x="20" width="20" height="10" fill="#ff0000"/></svg>"##;
    let p = rsvg(svg, &dir, "probe", 1.0);
    assert_eq!((p.width, p.height), (40, 20));
    assert_eq!(p.pixel(5, 5), [255, 255, 255, 255]);
    assert_eq!(p.pixel(30, 5), [255, 0, 0, 255]);
    assert_eq!(p.pixel(30, 15), [255, 255, 255, 255]);
    assert_eq!(p.inked(), 200);
    let _ = std::fs::remove_dir_all(&dir);
}
