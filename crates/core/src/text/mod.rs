//! Text measurement from metrics embedded in the core, so the CLI and the browser agree.
//!
//! The browser could measure text (`getBBox`), but then layout would depend on the DOM and
//! on installed fonts, and the CLI would draw a different picture. Instead we measure with
//! the advance widths of Liberation Sans (metric-compatible with Arial and Helvetica, which
//! is why the SVG names those fonts first) and treat any family containing `mono` as a
//! monospace font of 0.6 em. Characters outside the table get an average width, wide East
//! Asian characters and emoji one full em.

mod metrics;

use crate::layout::Size;
use crate::model::{Run, Text};

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontKind {
    Proportional,
    Monospace,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub kind: FontKind,
    pub size: f64,
}

impl Font {
    /// The font a CSS `font-family` list resolves to for measuring.
    pub fn for_family(family: Option<&str>, size: f64) -> Font {
        let mono = family.is_some_and(|f| {
            let first = f.split(',').next().unwrap_or("").to_ascii_lowercase();
            first.contains("mono") || first.contains("courier") || first.contains("consolas") || first.contains("menlo")
        });
        Font { kind: if mono { FontKind::Monospace } else { FontKind::Proportional }, size }
    }

    pub fn line_height(&self) -> f64 {
        self.size * LINE_HEIGHT
    }

    /// Advance width of one character in px.
    pub fn char_width(&self, c: char, bold: bool) -> f64 {
        let em = if is_wide(c) {
            1.0
        } else if self.kind == FontKind::Monospace {
            0.6
        } else {
            let table = if bold { metrics::BOLD } else { metrics::REGULAR };
            match table.binary_search_by_key(&(c as u32), |&(cp, _)| cp) {
                Ok(i) => f64::from(table[i].1) / 1000.0,
                Err(_) if c.is_control() || c == '\u{200b}' => 0.0,
                Err(_) => 0.6,
            }
        };
        em * self.size
    }

    pub fn run_width(&self, run: &Run) -> f64 {
        // An inline icon is a square one em wide.
        if run.icon.is_some() {
            return self.size;
        }
        run.text.chars().map(|c| self.char_width(c, run.bold)).sum()
    }

    pub fn line_width(&self, line: &[Run]) -> f64 {
        line.iter().map(|r| self.run_width(r)).sum()
    }
}

/// East Asian wide/fullwidth characters and emoji, drawn about one em wide.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// The lines a text is drawn as: its own lines, and for wrapping texts each line broken at
/// spaces so that it fits `max_width` (a single word wider than that stays whole).
pub fn lines(text: &Text, font: &Font, max_width: f64) -> Vec<Vec<Run>> {
    if !text.wrap {
        return text.lines.clone();
    }
    let mut out = Vec::new();
    for line in &text.lines {
        let mut current: Vec<Run> = Vec::new();
        let mut width = 0.0;
        for run in line {
            if run.icon.is_some() {
                let w = font.run_width(run);
                if width + w > max_width && width > 0.0 {
                    out.push(std::mem::take(&mut current));
                    width = 0.0;
                }
                current.push(run.clone());
                width += w;
                continue;
            }
            for (i, word) in run.text.split(' ').enumerate() {
                let piece = if i == 0 { word.to_string() } else { format!(" {word}") };
                let w = font.run_width(&Run::text(piece.clone(), run.bold, run.italic));
                if i > 0 && width + w > max_width && width > 0.0 {
                    out.push(std::mem::take(&mut current));
                    width = 0.0;
                    push_run(&mut current, word.to_string(), run);
                    width += font.run_width(&Run::text(word, run.bold, run.italic));
                } else {
                    push_run(&mut current, piece, run);
                    width += w;
                }
            }
        }
        out.push(current);
    }
    out
}

fn push_run(line: &mut Vec<Run>, text: String, style: &Run) {
    match line.last_mut() {
        Some(last) if last.icon.is_none() && last.bold == style.bold && last.italic == style.italic => {
            last.text.push_str(&text)
        }
        _ => line.push(Run::text(text, style.bold, style.italic)),
    }
}

/// Width and height of a text block laid out as [`lines`].
pub fn measure(text: &Text, font: &Font, max_width: f64) -> Size {
    let lines = lines(text, font, max_width);
    let w = lines.iter().map(|l| font.line_width(l)).fold(0.0, f64::max);
    Size { w, h: lines.len().max(1) as f64 * font.line_height() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arial_widths() {
        let f = Font::for_family(None, 16.0);
        // "Hello" in Arial 16px: (722 + 556 + 222 + 222 + 556) / 1000 em.
        let w = f.run_width(&Run::text("Hello", false, false));
        assert!((w - 36.448).abs() < 0.01, "{w}");
        let mono = Font::for_family(Some("JetBrains Mono, monospace"), 10.0);
        assert_eq!(mono.kind, FontKind::Monospace);
        assert_eq!(mono.char_width('W', false), 6.0);
    }

    #[test]
    fn wraps_markdown_text_at_spaces() {
        let f = Font::for_family(None, 10.0);
        let mut t = Text::plain("one two three four five six seven");
        t.wrap = true;
        let l = lines(&t, &f, 60.0);
        assert!(l.len() > 1);
        for line in &l {
            assert!(f.line_width(line) <= 60.0 + 1e-9 || !line[0].text.trim().contains(' '));
        }
    }
}
