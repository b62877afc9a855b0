//! Helpers shared by the integration tests (each test file is its own crate, so this is
//! included with `mod support;`): the xorshift generator and seed range of the random
//! layout tests, and the check that an SVG is well-formed and has nothing executable.

// Each test crate uses only some of these helpers.
#![allow(dead_code)]

pub mod random_flowchart;

/// The `*.mmd` files directly in `dir` (not in its subdirectories), sorted.
pub fn diagrams_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "mmd"))
        .collect();
    files.sort();
    files
}

/// A tiny deterministic generator (xorshift64): a failing seed reproduces on any machine.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`, spread so that neighbouring seeds differ from the start.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// A number in `0..k`.
    pub fn next(&mut self, k: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % k as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.next(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

/// What is wrong, if anything, with `text` drawn the way the editor draws while the user
/// types: after the drawing of the text with its line `cut` missing (the layout then
/// starts from that drawing's arrangement, `RenderOptions::previous`). `None` also when
/// the shorter text draws nothing.
pub fn complaint_after_an_earlier_version(text: &str, cut: usize) -> Option<String> {
    use coral_core::{Previous, RenderOptions, icons::NoPacks, render_drawing};
    let earlier: String = text.lines().enumerate().filter(|&(i, _)| i != cut).map(|(_, l)| format!("{l}\n")).collect();
    let before = render_drawing(&earlier, &NoPacks, &RenderOptions::default()).1?;
    let previous = Previous::of(&before);
    let options = RenderOptions { previous: Some(&previous), ..RenderOptions::default() };
    let Some(after) = render_drawing(text, &NoPacks, &options).1 else {
        return Some("nothing drawn".to_string());
    };
    let v = coral_core::layout::verify::verify(&after.diagram, after.scene.layout());
    (!v.is_empty()).then(|| format!("after line {cut} came back: {v:?}"))
}

/// [`complaint_after_an_earlier_version`] for the diagram of each seed, each missing a
/// line picked by its seed; fails naming every seed that breaks.
pub fn verify_after_earlier_versions(seeds: std::ops::Range<u64>, diagram: impl Fn(u64) -> String) {
    let mut failures = Vec::new();
    for seed in seeds {
        let text = diagram(seed);
        let cut = 1 + seed as usize % text.lines().count().saturating_sub(1).max(1);
        if let Some(c) = complaint_after_an_earlier_version(&text, cut) {
            failures.push(format!("seed {seed}: {c}\n{text}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} random diagrams break verify after a relayout:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Seeds `0..default`, or `CORAL_RANDOM_SEEDS=START..END` for a deeper search.
pub fn seeds(default: u64) -> std::ops::Range<u64> {
    std::env::var("CORAL_RANDOM_SEEDS")
        .ok()
        .and_then(|v| {
            let (a, b) = v.split_once("..")?;
            Some(a.parse().ok()?..b.parse().ok()?)
        })
        .unwrap_or(0..default)
}

/// What makes an SVG unsafe or unportable: not well-formed, scripts, event handlers,
/// `foreignObject`, `javascript:` links.
pub fn svg_complaint(svg: &str) -> Option<String> {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => return Some(format!("SVG is not well-formed XML: {e}")),
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("foreignObject") {
            return Some(format!("SVG contains <{name}>"));
        }
        for a in node.attributes() {
            if a.name().to_ascii_lowercase().starts_with("on") {
                return Some(format!("SVG has an event handler `{}`", a.name()));
            }
            if a.value().trim_start().to_ascii_lowercase().starts_with("javascript:") {
                return Some(format!("SVG has a javascript: URL in `{}`", a.name()));
            }
        }
    }
    None
}
