//! Colour arithmetic for deriving theme colours (`#rgb`, `#rrggbb`, `rgb()` in; `#rrggbb` out).

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb {
    pub r: f64,
    pub g: f64,
    pub b: f64,
}

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let s = s.trim();
        if let Some(hex) = s.strip_prefix('#') {
            let v = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
            return match hex.len() {
                3 | 4 => {
                    Some(Rgb { r: f64::from(v(0, 1)? * 17), g: f64::from(v(1, 1)? * 17), b: f64::from(v(2, 1)? * 17) })
                }
                6 | 8 => Some(Rgb { r: f64::from(v(0, 2)?), g: f64::from(v(2, 2)?), b: f64::from(v(4, 2)?) }),
                _ => None,
            };
        }
        let inner = s.strip_prefix("rgb(").or_else(|| s.strip_prefix("rgba("))?.strip_suffix(')')?;
        let mut parts = inner.split(',').map(|p| p.trim().parse::<f64>().ok());
        Some(Rgb { r: parts.next()??, g: parts.next()??, b: parts.next()?? })
    }

    pub fn hex(self) -> String {
        let c = |v: f64| v.round().clamp(0.0, 255.0) as u8;
        format!("#{:02x}{:02x}{:02x}", c(self.r), c(self.g), c(self.b))
    }

    /// `self` moved toward `other` by `t` (0 = self, 1 = other).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        Rgb {
            r: self.r + (other.r - self.r) * t,
            g: self.g + (other.g - self.g) * t,
            b: self.b + (other.b - self.b) * t,
        }
    }

    /// Relative luminance (0 black … 1 white), for picking readable text.
    pub fn luminance(self) -> f64 {
        (0.2126 * self.r + 0.7152 * self.g + 0.0722 * self.b) / 255.0
    }
}

/// `a` mixed toward `b`; falls back to `a` as written when either is not a plain colour.
pub fn mix(a: &str, b: &str, t: f64) -> String {
    match (Rgb::parse(a), Rgb::parse(b)) {
        (Some(x), Some(y)) => x.mix(y, t).hex(),
        _ => a.to_string(),
    }
}

/// True when the colour is dark enough to want light text on it.
pub fn is_dark(c: &str) -> bool {
    Rgb::parse(c).is_some_and(|x| x.luminance() < 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_mixes() {
        assert_eq!(Rgb::parse("#fff").unwrap().hex(), "#ffffff");
        assert_eq!(mix("#000000", "#ffffff", 0.5), "#808080");
        assert_eq!(Rgb::parse("rgb(1, 2, 3)").unwrap().hex(), "#010203");
        assert!(is_dark("#282a36"));
        assert!(!is_dark("#ECECFF"));
    }
}
