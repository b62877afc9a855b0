//! How alike two icon names are: one normal form for names that mean the same icon, and
//! a score for names that are merely close.
//!
//! Packs spell the same product differently (`apache-kafka`, `apachekafka`, `kafka`;
//! `amazon-s3`, `aws-s3`; `nextdotjs`, `nextjs`; `kafka`, `kafka-icon`), so [`key`] folds
//! those spellings together; [`score`] then measures prefixes, shared words and edit
//! distance between keys.

/// Vendor names that packs write in two ways, folded to one (longest first).
const SYNONYMS: &[(&str, &str)] = &[("amazonwebservices", "aws"), ("amazon", "aws"), ("microsoftazure", "azure")];

/// Vendor prefixes that some packs write and others leave out.
const OPTIONAL_PREFIXES: &[&str] = &["apache"];

/// Suffixes that mark a variant of the same logo.
const OPTIONAL_SUFFIXES: &[&str] = &["icon"];

/// The normal form of an icon name: lower-case letters and digits only, vendor synonyms
/// folded, an optional vendor prefix and variant suffix removed, and a spelled-out `dot`
/// inside the name (`nextdotjs`, `nats-dot-io`) dropped.
pub fn key(name: &str) -> String {
    let mut s = String::new();
    key_into(name, &mut s);
    s
}

/// [`key`] into `s` (cleared first), so a scan over every name reuses one buffer.
pub fn key_into(name: &str, s: &mut String) {
    s.clear();
    s.extend(name.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())));
    for (from, to) in SYNONYMS {
        if s.starts_with(from) {
            s.replace_range(..from.len(), to);
            break;
        }
    }
    for p in OPTIONAL_PREFIXES {
        if s.len() > p.len() && s.starts_with(p) {
            s.replace_range(..p.len(), "");
        }
    }
    for p in OPTIONAL_SUFFIXES {
        if s.len() > p.len() && s.ends_with(p) {
            s.truncate(s.len() - p.len());
        }
    }
    // `dot` between two parts of a name stands for `.`; at either end it is a real word
    // (`dotnet`, `godot`).
    let mut from = 1;
    while let Some(i) = s.get(from..).and_then(|t| t.find("dot")).map(|i| i + from) {
        if i + 3 < s.len() {
            s.replace_range(i..i + 3, "");
            from = i.max(1);
        } else {
            break;
        }
    }
}

/// The words of a name, lower-case, vendor synonyms folded.
pub fn words(name: &str) -> Vec<String> {
    word_slices(name).map(|w| fold(&w.to_ascii_lowercase()).to_string()).collect()
}

/// The words of a name as written: runs of ASCII letters and digits. Byte by byte (every
/// other byte, a part of a non-ASCII character too, separates), so a run always starts
/// and ends on a character boundary.
pub fn word_slices(name: &str) -> impl Iterator<Item = &str> {
    let b = name.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < b.len() && !b[at].is_ascii_alphanumeric() {
            at += 1;
        }
        let start = at;
        while at < b.len() && b[at].is_ascii_alphanumeric() {
            at += 1;
        }
        (start < at).then(|| &name[start..at])
    })
}

/// A word's identity in a word index, without allocating: FNV-1a over its lower-case
/// letters after the vendor synonym is folded, so `Amazon` and `aws` hash alike. Two
/// different words may collide; an index built on it finds candidates, which are then
/// scored on their real words.
pub fn word_hash(w: &str) -> u64 {
    fold(w)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3))
}

/// A word with its vendor synonym folded (matched in any case; the synonym is lower-case).
fn fold(w: &str) -> &str {
    SYNONYMS.iter().find(|(from, _)| from.eq_ignore_ascii_case(w)).map_or(w, |(_, to)| to)
}

/// Edit distance between `a` and `b`, or `None` when it is above `max` (or either is
/// longer than 127 bytes: no icon name is, and the rows then fit on the stack).
pub fn levenshtein(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    const N: usize = 128;
    if a.len().abs_diff(b.len()) > max || a.len() >= N || b.len() >= N {
        return None;
    }
    let mut prev = [0u16; N];
    let mut cur = [0u16; N];
    for (j, v) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *v = j as u16;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i as u16 + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + u16::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if usize::from(row_min) > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(usize::from(prev[b.len()])).filter(|d| *d <= max)
}

/// A name prepared for comparing against many candidates.
pub struct Query {
    pub key: String,
    pub words: Vec<String>,
}

impl Query {
    pub fn new(name: &str) -> Query {
        Query { key: key(name), words: words(name) }
    }
}

/// How close candidate `c` (with normal form `ck`) is to the query, from 0 (nothing
/// alike) to 1 (same normal form).
pub fn score(q: &Query, c: &str, ck: &str) -> f64 {
    let (qk, qn, cn) = (q.key.as_str(), q.key.len() as f64, ck.len() as f64);
    if qk.is_empty() || ck.is_empty() {
        return 0.0;
    }
    if qk == ck {
        return 1.0;
    }
    let mut best: f64 = 0.0;
    // One name extends the other: `postgres` → `postgresql`.
    if qk.len() >= 4 && ck.starts_with(qk) {
        best = best.max(0.8 + 0.15 * qn / cn);
    }
    if ck.len() >= 4 && qk.starts_with(ck) {
        best = best.max(0.7 + 0.2 * cn / qn);
    }
    // A few letters wrong: `shield-lok` → `shield-lock`.
    let max = (qk.len().max(ck.len()) / 4).max(1);
    if qk.len() >= 4
        && let Some(d) = levenshtein(qk.as_bytes(), ck.as_bytes(), max)
    {
        best = best.max(1.0 - d as f64 / qn.max(cn));
    }
    // Shared words: `google-cloud-platform` and `google-cloud`. Index names are already
    // lower-case, so their words need no allocation.
    let (mut common, mut count) = (0, 0);
    for w in word_slices(c) {
        count += 1;
        let w = fold(w);
        if q.words.iter().any(|qw| qw.eq_ignore_ascii_case(w)) {
            common += 1;
        }
    }
    if common > 0 {
        best = best.max(0.9 * 2.0 * common as f64 / (q.words.len() + count) as f64);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_product_share_a_key() {
        for (a, b) in [
            ("apache-kafka", "kafka"),
            ("apachekafka", "kafka-icon"),
            ("amazon-s3", "aws-s3"),
            ("amazons3", "aws-s3"),
            ("nextdotjs", "nextjs"),
            ("nats-dot-io", "natsdotio"),
            ("Node.js", "nodedotjs"),
        ] {
            assert_eq!(key(a), key(b), "{a} {b}");
        }
        for (a, b) in [("dotnet", "net"), ("godot", "go"), ("kafka", "kafk")] {
            assert_ne!(key(a), key(b), "{a} {b}");
        }
    }

    #[test]
    fn words_are_runs_of_ascii_letters_and_digits() {
        fn words(n: &str) -> Vec<&str> {
            word_slices(n).collect()
        }
        assert_eq!(words("google-cloud_platform2"), ["google", "cloud", "platform2"]);
        assert_eq!(words("--a--"), ["a"]);
        assert_eq!(words("café-crème"), ["caf", "cr", "me"]);
        assert!(words("").is_empty() && words("-·-").is_empty());
        assert_eq!(word_hash("Amazon"), word_hash("aws"));
        assert_ne!(word_hash("kafka"), word_hash("kafk"));
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(levenshtein(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(levenshtein(b"kitten", b"sitting", 2), None);
        assert_eq!(levenshtein(b"", b"ab", 2), Some(2));
        assert_eq!(levenshtein(b"abc", b"abc", 0), Some(0));
    }

    #[test]
    fn close_names_score_high_and_others_low() {
        let s = |q: &str, c: &str| score(&Query::new(q), c, &key(c));
        assert!(s("postgres", "postgresql") > 0.85);
        assert!(s("shield-lok", "shield-lock") > 0.85);
        assert!(s("google-cloud-platforms", "google-cloud-platform") > 0.85);
        assert!(s("kafka", "react") < 0.5);
        assert!(s("car", "cat") < 0.75);
    }
}
