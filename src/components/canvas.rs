//! The preview's view: which part of the diagram the pane shows, at which scale.
//!
//! A [`View`] maps diagram coordinates (the SVG's user units, which are the layout's) to
//! pane pixels: `pane = diagram × scale + offset`. It is kept in diagram coordinates, not
//! relative to the SVG's box, so a new SVG whose view box grew or moved (a dragged node
//! left the drawing's old bounds, a line typed) shows every point where it was: the view
//! never jumps while the user types or drops. Pure arithmetic, no DOM, only `std`, so it
//! is tested without compiling Leptos:
//! `rustc --edition 2024 --test src/components/canvas.rs -o /tmp/canvas && /tmp/canvas`.

pub const MIN_SCALE: f64 = 0.05;
pub const MAX_SCALE: f64 = 8.0;
/// Room left around a fitted diagram, in pane pixels per side.
pub const FIT_MARGIN: f64 = 24.0;

/// An SVG's `viewBox`: its top-left corner and size in diagram coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    /// `"x y w h"` (spaces or commas), with a positive size.
    pub fn parse(s: &str) -> Option<ViewBox> {
        let n: Vec<f64> = s.split([' ', ',']).filter(|v| !v.is_empty()).filter_map(|v| v.trim().parse().ok()).collect();
        match n[..] {
            [x, y, w, h] if w > 0.0 && h > 0.0 && [x, y, w, h].iter().all(|v| v.is_finite()) => {
                Some(ViewBox { x, y, w, h })
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub scale: f64,
    /// Where the diagram's point (0, 0) is, in pane pixels.
    pub x: f64,
    pub y: f64,
}

impl Default for View {
    fn default() -> View {
        View { scale: 1.0, x: FIT_MARGIN, y: FIT_MARGIN }
    }
}

impl View {
    /// The whole view box in a pane of `pane` pixels, centred, never enlarged past 100 %.
    pub fn fit(vb: ViewBox, pane: (f64, f64)) -> View {
        let (pw, ph) = pane;
        if pw <= 0.0 || ph <= 0.0 {
            return View { scale: 1.0, x: -vb.x, y: -vb.y };
        }
        let scale = ((pw - 2.0 * FIT_MARGIN) / vb.w).min((ph - 2.0 * FIT_MARGIN) / vb.h).clamp(MIN_SCALE, 1.0);
        View { scale, x: (pw - vb.w * scale) / 2.0 - vb.x * scale, y: (ph - vb.h * scale) / 2.0 - vb.y * scale }
    }

    /// The diagram point under pane point `p`.
    pub fn to_diagram(self, p: (f64, f64)) -> (f64, f64) {
        ((p.0 - self.x) / self.scale, (p.1 - self.y) / self.scale)
    }

    /// The same view at `scale` (clamped), keeping the diagram point under pane point `at`
    /// where it is.
    pub fn zoomed(self, scale: f64, at: (f64, f64)) -> View {
        let scale = if scale.is_finite() { scale.clamp(MIN_SCALE, MAX_SCALE) } else { self.scale };
        let (dx, dy) = self.to_diagram(at);
        View { scale, x: at.0 - dx * scale, y: at.1 - dy * scale }
    }

    /// Moved by `d` pane pixels.
    pub fn panned(self, d: (f64, f64)) -> View {
        View { x: self.x + d.0, y: self.y + d.1, ..self }
    }

    /// Where the view box's corner goes in the pane, and its size there.
    pub fn place(self, vb: ViewBox) -> (f64, f64, f64, f64) {
        (vb.x * self.scale + self.x, vb.y * self.scale + self.y, vb.w * self.scale, vb.h * self.scale)
    }
}

/// The arrow key `key` (lower-cased) as a direction.
pub fn arrow(key: &str) -> Option<(f64, f64)> {
    match key {
        "arrowleft" => Some((-1.0, 0.0)),
        "arrowright" => Some((1.0, 0.0)),
        "arrowup" => Some((0.0, -1.0)),
        "arrowdown" => Some((0.0, 1.0)),
        _ => None,
    }
}

/// Whether two sorted lists of ids are mostly the same diagram: at least half of the
/// shorter one is in both. Typing adds or removes a few ids; an example, a file, a link or
/// another document shares few or none (two cloud diagrams may both have an `API`).
pub fn same_diagram(a: &[String], b: &[String]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared > 0 && 2 * shared >= a.len().min(b.len())
}

/// The distance between two touches and their middle.
pub fn pinch_of(t: &[(i32, (f64, f64))]) -> (f64, (f64, f64)) {
    let (a, b) = (t[0].1, t[t.len() - 1].1);
    ((a.0 - b.0).hypot(a.1 - b.1), ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = View { scale: 1.0, x: 10.0, y: 20.0 };
        let at = (300.0, 200.0);
        let before = v.to_diagram(at);
        let z = v.zoomed(2.5, at);
        let after = z.to_diagram(at);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert_eq!(v.zoomed(100.0, at).scale, MAX_SCALE);
    }

    #[test]
    fn fitting_centres_and_never_enlarges() {
        let vb = ViewBox { x: -50.0, y: 0.0, w: 100.0, h: 50.0 };
        let v = View::fit(vb, (400.0, 300.0));
        assert_eq!(v.scale, 1.0);
        let (x, y, w, h) = v.place(vb);
        assert_eq!((x, y, w, h), (150.0, 125.0, 100.0, 50.0));
        let big = ViewBox { x: 0.0, y: 0.0, w: 2000.0, h: 100.0 };
        let v = View::fit(big, (448.0, 300.0));
        assert!((v.scale - 0.2).abs() < 1e-9, "{v:?}");
        assert_eq!(ViewBox::parse("0 -12.5 10,20"), Some(ViewBox { x: 0.0, y: -12.5, w: 10.0, h: 20.0 }));
        assert_eq!(ViewBox::parse("0 0 0 20"), None);
    }

    #[test]
    fn helpers_for_keys_selections_and_pinches() {
        assert_eq!(arrow("arrowleft"), Some((-1.0, 0.0)));
        assert_eq!(arrow("a"), None);
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(same_diagram(&ids(&["a", "c", "e"]), &ids(&["b", "e"])), "half of the shorter");
        assert!(same_diagram(&ids(&["a"]), &ids(&["a", "b"])), "a node typed");
        assert!(!same_diagram(&ids(&["a", "c"]), &ids(&["b", "d"])));
        assert!(!same_diagram(&ids(&["api", "b", "c", "d"]), &ids(&["api", "x", "y", "z"])), "one id in common");
        assert!(!same_diagram(&[], &ids(&["b"])));
        assert_eq!(pinch_of(&[(1, (0.0, 0.0)), (2, (6.0, 8.0))]), (10.0, (3.0, 4.0)));
    }
}
