//! Fuzzy search over every icon name, for the app's icon finder.
//!
//! Each word of the query must match the name: exactly, as its prefix, as the prefix of
//! one of its `-` separated words, as a substring, or as a subsequence, scored in that
//! order. `pack:query` narrows to the packs whose name starts with `pack` (or its
//! conventional alias, `fa:`). One pass over the names index, no allocation per name.

use super::{IconRef, NAMES, PACKS, builtin};

/// One search result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub icon: IconRef,
    /// Higher is better; only comparable within one query.
    pub score: u32,
}

/// The best `limit` icons for `query`, best first (ties: shorter names, then pack order,
/// then name).
pub fn search(query: &str, limit: usize) -> Vec<Hit> {
    let query = query.trim().to_ascii_lowercase();
    let (packs, text) = match query.split_once(':') {
        Some((p, t)) => (Some(p.trim()), t),
        None => (None, query.as_str()),
    };
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || limit == 0 {
        return Vec::new();
    }
    let wanted = |pack: &str| match packs {
        None => true,
        Some(p) => pack.starts_with(p) || (p.starts_with("fa") && pack.starts_with("fa6")),
    };
    let mut hits: Vec<(u32, usize, IconRef)> = Vec::new();
    let mut consider = |icon: IconRef, order: usize| {
        let mut total = 0;
        for w in &words {
            match word_score(w, icon.name) {
                Some(s) => total += s,
                None => return,
            }
        }
        hits.push((total, order, icon));
    };
    let mut order = 0;
    if packs.is_none() {
        for name in builtin::names() {
            consider(IconRef { pack: "", name }, order);
            order += 1;
        }
    }
    for (pack, names) in PACKS.iter().zip(NAMES) {
        if !wanted(pack) {
            continue;
        }
        for name in names.lines() {
            consider(IconRef { pack, name }, order);
            order += 1;
        }
    }
    let better = |a: &(u32, usize, IconRef), b: &(u32, usize, IconRef)| {
        b.0.cmp(&a.0).then(a.2.name.len().cmp(&b.2.name.len())).then(a.1.cmp(&b.1))
    };
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit - 1, better);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(better);
    hits.into_iter().map(|(score, _, icon)| Hit { icon, score }).collect()
}

/// How well one query word matches `name`, or `None`.
fn word_score(w: &str, name: &str) -> Option<u32> {
    let len_bonus = |matched: usize| (100 * matched / name.len().max(1)) as u32;
    if name == w {
        return Some(1000);
    }
    if name.starts_with(w) {
        return Some(800 + len_bonus(w.len()));
    }
    if name.match_indices('-').any(|(i, _)| name[i + 1..].starts_with(w)) {
        return Some(600 + len_bonus(w.len()));
    }
    if let Some(i) = name.find(w) {
        return Some(400 + len_bonus(w.len()) - (i.min(50) as u32));
    }
    // A subsequence, scored by how tightly its letters sit together.
    let (wb, nb) = (w.as_bytes(), name.as_bytes());
    let (mut j, mut first, mut last) = (0, None, 0);
    for (i, &c) in nb.iter().enumerate() {
        if j < wb.len() && c == wb[j] {
            first.get_or_insert(i);
            last = i;
            j += 1;
        }
    }
    if j < wb.len() || wb.len() < 2 {
        return None;
    }
    let span = last - first.unwrap_or(0) + 1;
    Some(100 + (100 * wb.len() / span) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(q: &str, n: usize) -> Vec<String> {
        search(q, n).iter().map(|h| h.icon.to_string()).collect()
    }

    #[test]
    fn exact_then_prefix_then_words() {
        let r = names("kafka", 5);
        assert_eq!(r[0], "logos:kafka", "{r:?}");
        assert!(r.contains(&"logos:kafka-icon".to_string()), "{r:?}");
        let r = names("logos:kaf", 3);
        assert!(r.iter().all(|n| n.starts_with("logos:")) && r[0] == "logos:kafka", "{r:?}");
        let r = names("cloud", 3);
        assert_eq!(r[0], "cloud", "{r:?}");
        let r = names("aws s3", 3);
        assert!(r.contains(&"logos:aws-s3".to_string()), "{r:?}");
        let r = names("fa:github", 2);
        assert_eq!(r[0], "fa6-brands:github", "{r:?}");
        // Subsequence: `pgsql` finds postgresql.
        assert!(names("pgsql", 10).iter().any(|n| n.ends_with(":postgresql")));
        assert!(search("", 10).is_empty());
        assert!(search("zzzzqqqxxx", 10).is_empty());
        assert_eq!(search("a", 7).len(), 7);
    }

    #[test]
    fn scores_are_ordered() {
        let h = search("data", 50);
        assert!(h.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
