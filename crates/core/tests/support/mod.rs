//! Helpers shared by the integration tests (each test file is its own crate, so this is
//! included with `mod support;`): the xorshift generator and seed range of the random
//! layout tests, and the check that an SVG is well-formed and has nothing executable.

// Each test crate uses only some of these helpers.
#![allow(dead_code)]

pub mod random_flowchart;

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
