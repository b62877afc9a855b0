//! UTF-16 code units (the text area's offsets) ↔ UTF-8 bytes (everything else), and the
//! one changed range between two texts.

/// The byte offset of UTF-16 offset `unit` in `text`. An offset inside a surrogate pair
/// or past the end moves to the character's start or the text's end.
///
/// Byte by byte rather than by `char`s: this runs several times per keystroke over the
/// whole text, and a UTF-8 byte says by itself how many UTF-16 units it starts (one for
/// a character of up to three bytes, two for a four-byte one, none for a continuation).
pub fn byte_of_unit(text: &str, unit: u32) -> usize {
    let bytes = text.as_bytes();
    let mut units = 0u32;
    let mut i = 0;
    // Plain ASCII, eight bytes at a time.
    while i + 8 <= bytes.len() && units + 8 <= unit {
        let chunk = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        if chunk & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        units += 8;
        i += 8;
    }
    while i < bytes.len() {
        let b = bytes[i];
        let (len, width) = match b {
            0x00..=0x7f => (1, 1),
            0xc0..=0xdf => (2, 1),
            0xe0..=0xef => (3, 1),
            0xf0..=0xff => (4, 2),
            // A continuation byte cannot start a character of valid UTF-8.
            _ => (1, 0),
        };
        if units + width > unit {
            return i;
        }
        units += width;
        i += len;
    }
    text.len()
}

/// The UTF-16 offset of byte offset `byte` (inside a character: that character's start).
pub fn unit_of_byte(text: &str, byte: usize) -> u32 {
    let mut at = byte.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    // Every byte that is not a continuation starts one unit; four-byte characters two.
    text.as_bytes()[..at].iter().map(|&b| u32::from(b & 0xc0 != 0x80) + u32::from(b >= 0xf0)).sum()
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
    fn units_agree_with_the_standard_library_on_mixed_text() {
        let text =
            "flowchart TD\n  A[Dépôt 😀 data] --> B{日本語}\n  %% long ascii run to cross the eight-byte path\n😀😀x";
        let mut units = 0u32;
        for (i, c) in text.char_indices() {
            assert_eq!(byte_of_unit(text, units), i, "unit {units}");
            assert_eq!(unit_of_byte(text, i), units, "byte {i}");
            if c.len_utf16() == 2 {
                assert_eq!(byte_of_unit(text, units + 1), i, "inside the pair at {i}");
            }
            units += c.len_utf16() as u32;
        }
        assert_eq!(byte_of_unit(text, units), text.len());
        assert_eq!(unit_of_byte(text, text.len()), units);
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
