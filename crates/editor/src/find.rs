//! Find and replace: every match of a query, the one to go to from the caret, and the
//! replacement of one or all as a single [`Edit`].

use crate::{Edit, Selection};

/// At most this many matches are listed (the bar says "10000+").
pub const MAX_MATCHES: usize = 10_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    pub case_sensitive: bool,
    pub whole_word: bool,
}

/// Byte ranges of every match of `query` in `text`, in order, not overlapping.
pub fn find_all(text: &str, query: &str, options: FindOptions) -> Vec<(usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut from = 0;
    while from <= text.len() && out.len() < MAX_MATCHES {
        let Some((s, e)) = next_at(text, query, from, options.case_sensitive) else { break };
        let alone = !text[..s].chars().next_back().is_some_and(word) && !text[e..].chars().next().is_some_and(word);
        if !options.whole_word || alone {
            out.push((s, e));
            from = e;
        } else {
            from = s + text[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The first match starting at or after byte `from`.
fn next_at(text: &str, query: &str, from: usize, case_sensitive: bool) -> Option<(usize, usize)> {
    if case_sensitive {
        return text[from..].find(query).map(|i| (from + i, from + i + query.len()));
    }
    let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    for (i, _) in text[from..].char_indices() {
        let start = from + i;
        let mut want = q.iter();
        let mut end = start;
        let mut chars = text[start..].char_indices();
        let matched = loop {
            let Some(&w) = want.clone().next() else { break true };
            let Some((j, c)) = chars.next() else { break false };
            let mut lower = c.to_lowercase();
            if !lower.all(|l| want.next() == Some(&l)) {
                break false;
            }
            end = start + j + c.len_utf8();
            let _ = w;
        };
        if matched {
            return Some((start, end));
        }
    }
    None
}

/// The index of the match to show for a caret at `caret`: the first one starting at or
/// after it, wrapping to the first.
pub fn next_index(matches: &[(usize, usize)], caret: usize) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    Some(matches.iter().position(|&(s, _)| s >= caret).unwrap_or(0))
}

/// The index of the match before `caret` (the selection's start), wrapping to the last.
pub fn previous_index(matches: &[(usize, usize)], caret: usize) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    Some(matches.iter().rposition(|&(s, _)| s < caret).unwrap_or(matches.len() - 1))
}

/// Replaces match `m` with `with`, selecting the replacement.
pub fn replace_one(m: (usize, usize), with: &str) -> Edit {
    Edit { start: m.0, end: m.1, insert: with.to_string(), selection: Selection::new(m.0, m.0 + with.len()) }
}

/// Replaces every match with `with`, as one edit from the first match to the last; the
/// caret ends after the last replacement.
pub fn replace_all(text: &str, matches: &[(usize, usize)], with: &str) -> Option<Edit> {
    let (first, last) = (matches.first()?, matches.last()?);
    let mut insert = String::new();
    let mut at = first.0;
    for &(s, e) in matches {
        insert.push_str(&text[at..s]);
        insert.push_str(with);
        at = e;
    }
    let end = first.0 + insert.len();
    Some(Edit { start: first.0, end: last.1, insert, selection: Selection::caret(end) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANY: FindOptions = FindOptions { case_sensitive: false, whole_word: false };

    #[test]
    fn finds_every_match_ignoring_case_by_default() {
        assert_eq!(find_all("Api --> API --> apis", "api", ANY), [(0, 3), (8, 11), (16, 19)]);
        let exact = FindOptions { case_sensitive: true, ..ANY };
        assert_eq!(find_all("Api --> API", "API", exact), [(8, 11)]);
        assert!(find_all("abc", "", ANY).is_empty());
    }

    #[test]
    fn whole_words_skip_longer_identifiers() {
        let words = FindOptions { whole_word: true, ..ANY };
        assert_eq!(find_all("API --> APIGateway\nGW --> API", "api", words), [(0, 3), (26, 29)]);
    }

    #[test]
    fn case_folding_keeps_byte_ranges_of_the_text() {
        assert_eq!(find_all("xÉCOLE", "école", ANY), [(1, 7)]);
        assert_eq!(find_all("😀a😀A", "a", ANY), [(4, 5), (9, 10)]);
    }

    #[test]
    fn next_and_previous_wrap() {
        let m = [(2, 3), (5, 6)];
        assert_eq!(next_index(&m, 0), Some(0));
        assert_eq!(next_index(&m, 3), Some(1));
        assert_eq!(next_index(&m, 6), Some(0));
        assert_eq!(previous_index(&m, 5), Some(0));
        assert_eq!(previous_index(&m, 2), Some(1));
        assert_eq!(next_index(&[], 0), None);
    }

    #[test]
    fn replace_one_and_all() {
        let text = "A --> B\nA --> C";
        let m = find_all(text, "A", ANY);
        let all = replace_all(text, &m, "Start").unwrap();
        assert_eq!(all.apply(text), "Start --> B\nStart --> C");
        assert_eq!(all.selection, Selection::caret(all.start + all.insert.len()));
        let one = replace_one(m[1], "Z");
        assert_eq!(one.apply(text), "A --> B\nZ --> C");
        assert!(replace_all(text, &[], "x").is_none());
    }
}
