//! The bracket or quote that matches the one next to the caret, for the pane to mark.

/// The pairs that are matched.
const PAIRS: &[(u8, u8)] = &[(b'(', b')'), (b'[', b']'), (b'{', b'}')];

/// How far a search goes, so a stray bracket in a huge text costs nothing noticeable.
const LIMIT: usize = 20_000;

/// Byte offsets of a bracket (or `"`) next to `caret` — the one after it first, then the
/// one before — and of its partner. `None` when there is no such character or no partner.
pub fn matching(text: &str, caret: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let candidates = [Some(caret), caret.checked_sub(1)];
    candidates.into_iter().flatten().filter(|&at| at < bytes.len()).find_map(|at| partner(text, at).map(|p| (at, p)))
}

fn partner(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let b = bytes[at];
    if b == b'"' {
        return quote_partner(text, at);
    }
    if let Some(&(open, close)) = PAIRS.iter().find(|(o, _)| *o == b) {
        let mut depth = 0usize;
        for (i, &c) in bytes.iter().enumerate().skip(at + 1).take(LIMIT) {
            if c == open {
                depth += 1;
            } else if c == close {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
        }
        return None;
    }
    let &(open, close) = PAIRS.iter().find(|(_, c)| *c == b)?;
    let mut depth = 0usize;
    for i in (at.saturating_sub(LIMIT)..at).rev() {
        let c = bytes[i];
        if c == close {
            depth += 1;
        } else if c == open {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// Quotes pair up within their line, first with second, third with fourth.
fn quote_partner(text: &str, at: usize) -> Option<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let quotes: Vec<usize> = text[start..end].match_indices('"').map(|(i, _)| start + i).collect();
    let k = quotes.iter().position(|&q| q == at)?;
    let other = if k % 2 == 0 { k + 1 } else { k - 1 };
    quotes.get(other).copied()
}

#[cfg(test)]
mod tests {
    use super::matching;

    #[test]
    fn brackets_match_across_nesting_in_both_directions() {
        let text = "A[x(y)z] --> B{{c}}";
        assert_eq!(matching(text, 1), Some((1, 7)), "caret before `[`");
        assert_eq!(matching(text, 8), Some((7, 1)), "caret after `]`");
        assert_eq!(matching(text, 3), Some((3, 5)));
        assert_eq!(matching(text, 14), Some((14, 18)));
    }

    #[test]
    fn quotes_pair_within_their_line() {
        let text = "title \"one\" x \"two\"\nC \"";
        assert_eq!(matching(text, 6), Some((6, 10)));
        assert_eq!(matching(text, 11), Some((10, 6)));
        assert_eq!(matching(text, 14), Some((14, 18)));
        assert_eq!(matching(text, text.len()), None, "an unclosed quote has no partner");
    }

    #[test]
    fn nothing_to_match() {
        assert_eq!(matching("abc", 1), None);
        assert_eq!(matching("", 0), None);
        assert_eq!(matching("(((", 0), None);
        assert_eq!(matching("é)", 2), None);
    }
}
