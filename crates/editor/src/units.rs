//! UTF-16 code units (the text area's offsets) ↔ UTF-8 bytes (everything else), and the
//! one changed range between two texts.

/// The byte offset of UTF-16 offset `unit` in `text`. An offset inside a surrogate pair
/// or past the end moves to the character's start or the text's end.
pub fn byte_of_unit(text: &str, unit: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units + c.len_utf16() as u32 > unit {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of byte offset `byte` (inside a character: that character's start).
pub fn unit_of_byte(text: &str, byte: usize) -> u32 {
    let mut at = byte.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].encode_utf16().count() as u32
}

/// The range that differs between `old` and `new`: `(start, old_end, new_end)`, so that
/// `new == old[..start] + new[start..new_end] + old[old_end..]`. Boundaries are on
/// characters in both texts.
pub fn diff(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = (a.len() - prefix).min(b.len() - prefix);
    let mut suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    (prefix, a.len() - suffix, b.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_bytes_round_trip() {
        let text = "aé😀b";
        assert_eq!(byte_of_unit(text, 0), 0);
        assert_eq!(byte_of_unit(text, 2), 3);
        assert_eq!(byte_of_unit(text, 3), 3, "inside the pair: its start");
        assert_eq!(byte_of_unit(text, 4), 7);
        assert_eq!(byte_of_unit(text, 99), text.len());
        assert_eq!(unit_of_byte(text, 7), 4);
        assert_eq!(unit_of_byte(text, 5), 2, "inside a character: its start");
    }

    #[test]
    fn diff_finds_the_changed_middle() {
        assert_eq!(diff("abcdef", "abXYef"), (2, 4, 4));
        assert_eq!(diff("aaa", "aaaa"), (3, 3, 4));
        assert_eq!(diff("same", "same"), (4, 4, 4));
        assert_eq!(diff("", "new"), (0, 0, 3));
        // é and è share their first byte: the boundary moves back to the character.
        assert_eq!(diff("xé", "xè"), (1, 3, 3));
    }
}
