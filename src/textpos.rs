//! Byte offsets → UTF-16 offsets, for the browser's text area.
//!
//! The core speaks in UTF-8 byte offsets (`Span`); `HTMLTextAreaElement.setSelectionRange`
//! speaks in UTF-16 code units. This module converts many offsets in one pass over the
//! text, so a long list of diagnostics costs one walk, not one walk each. It uses only
//! `std`, so it can be tested without compiling Leptos:
//! `rustc --edition 2024 --test src/textpos.rs -o /tmp/textpos && /tmp/textpos`.
//! It also finds a node's name in the text, for jumping from the preview to the source.

/// The UTF-16 offset of each byte offset in `byte_offsets`, in the same order.
///
/// Offsets past the end clamp to the end; an offset inside a multi-byte character maps
/// to the start of that character (as `coral_core::LineIndex::line_col` does), so a
/// selection never splits a surrogate pair.
pub fn utf16_offsets(text: &str, byte_offsets: &[u32]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0; byte_offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0u32;
    for i in order {
        let target = (byte_offsets[i] as usize).min(text.len());
        // Count every character that ends at or before the target.
        while let Some(&(pos, c)) = chars.peek() {
            if pos + c.len_utf8() > target {
                break;
            }
            units += c.len_utf16() as u32;
            chars.next();
        }
        out[i] = units;
    }
    out
}

/// The byte range of the first occurrence of `word` in `text` that stands alone (not
/// part of a longer identifier), for "double-click a node, find it in the text".
pub fn find_word(text: &str, word: &str) -> Option<(usize, usize)> {
    if word.is_empty() {
        return None;
    }
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).map(|(i, _)| (i, i + word.len())).find(|&(start, end)| {
        !text[..start].chars().next_back().is_some_and(is_ident) && !text[end..].chars().next().is_some_and(is_ident)
    })
}

#[cfg(test)]
mod tests {
    use super::{find_word, utf16_offsets};

    #[test]
    fn find_word_skips_longer_identifiers() {
        let text = "flowchart LR\n  API --> APIGateway\n  GW --> API";
        assert_eq!(find_word(text, "API"), Some((15, 18)));
        assert_eq!(find_word("GW_2 --> GW", "GW"), Some((9, 11)));
        assert_eq!(find_word("abc", "x"), None);
        assert_eq!(find_word("abc", ""), None);
    }

    #[test]
    fn ascii_is_identity() {
        assert_eq!(utf16_offsets("abc\ndef", &[0, 3, 4, 7]), vec![0, 3, 4, 7]);
    }

    #[test]
    fn astral_characters_count_twice_and_order_is_kept() {
        let text = "xé😀z";
        let z = text.find('z').unwrap() as u32;
        // x=1 unit, é=1 unit, 😀=2 units.
        assert_eq!(utf16_offsets(text, &[z, 0, 1]), vec![4, 0, 1]);
    }

    #[test]
    fn inside_a_character_points_at_its_start_and_past_the_end_clamps() {
        let text = "a😀b";
        assert_eq!(utf16_offsets(text, &[2, 3, 99]), vec![1, 1, 4]);
    }
}
