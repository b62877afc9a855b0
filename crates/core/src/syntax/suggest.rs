//! "Did you mean …?": the closest known name to a misspelt one.
//!
//! Optimal string alignment distance (Levenshtein plus swapping two neighbours, the most
//! common typo), on characters, case-insensitively. Names are short, so the quadratic
//! table is tiny; inputs are capped so a pasted paragraph costs nothing.

/// Edit distance between `a` and `b` (case-insensitive), or `None` when either is
/// longer than 64 characters (nobody misspells a name that long).
pub fn distance(a: &str, b: &str) -> Option<usize> {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() > 64 || b.len() > 64 {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    Some(d[a.len() * w + b.len()])
}

/// The candidate closest to `name`, if it is close enough to be a plausible typo
/// (at most a third of the name's length, and at most 3 edits; names of three or more
/// characters only). Ties go to the earlier
/// candidate, so results are deterministic.
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    // One- and two-letter names are all "close" to each other; suggesting is noise.
    if name.chars().count() < 3 {
        return None;
    }
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let Some(d) = distance(name, c) else { continue };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean `x`?` for [`closest`], ready to put in a diagnostic's help.
pub fn did_you_mean<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("cyl", "cyl"), Some(0));
        assert_eq!(distance("cly", "cyl"), Some(1));
        assert_eq!(distance("kitten", "sitting"), Some(3));
        assert_eq!(distance("", "abc"), Some(3));
        assert_eq!(distance(&"x".repeat(65), "x"), None);
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["cyl", "circle", "rect"];
        assert_eq!(closest("cylx", names), Some("cyl"));
        assert_eq!(closest("Rectt", names), Some("rect"));
        assert_eq!(closest("banana", names), None);
        assert_eq!(did_you_mean("flowchat", ["flowchart", "graph"]).as_deref(), Some("did you mean `flowchart`?"));
    }
}
