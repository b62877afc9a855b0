//! Binary search over sorted, newline-separated text, so embedded tables (the names
//! index here, the pack bodies in `coral-icons`) need no parsing and no start-up work.

/// The line of `text` whose key — everything before the first tab, or the whole line —
/// equals `key`. `text` must be sorted by key in byte order, one entry per line, as
/// `tools/gen-icons.py` writes it.
pub fn find<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let b = text.as_bytes();
    // `lo` and `hi` are always line starts (or the end): the entry, if present, starts in
    // `lo..hi`.
    let (mut lo, mut hi) = (0usize, b.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = b[lo..mid].iter().rposition(|&c| c == b'\n').map_or(lo, |p| lo + p + 1);
        let end = b[start..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| start + p);
        let line = &text[start..end];
        let line_key = line.split('\t').next().unwrap_or(line);
        match line_key.cmp(key) {
            std::cmp::Ordering::Equal => return Some(line),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let text = "a\t1\nab\t2\nb\nc-d\t3\tx\nzz\t4\n";
        for (k, line) in [("a", "a\t1"), ("ab", "ab\t2"), ("b", "b"), ("c-d", "c-d\t3\tx"), ("zz", "zz\t4")] {
            assert_eq!(find(text, k), Some(line), "{k}");
        }
        for k in ["", "aa", "c", "zzz", "0", "~"] {
            assert_eq!(find(text, k), None, "{k}");
        }
        assert_eq!(find("", "a"), None);
        assert_eq!(find("only", "only"), Some("only"));
    }
}
