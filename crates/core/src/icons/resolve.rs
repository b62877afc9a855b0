//! From a name as written (`logos:kafka`, `fa:car`, `cloud`, `logos:apache-kafka`) to an
//! icon Coral knows, or the closest one.
//!
//! Only the names index is needed, so parsing resolves every icon and can warn about a
//! misspelt one before any body is fetched.

use super::similarity::{Query, key, key_into, levenshtein, score, word_hash, word_slices};
use super::{IconRef, PACKS, all, builtin, fa, lookup};

/// What a written icon name refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The name is an icon (a pack's own name, a conventional pack alias such as `fa:`, or
    /// a built-in).
    Exact(IconRef),
    /// No icon has this name; `icon` is the closest, `alternatives` the next closest
    /// (at most three).
    Substitute { icon: IconRef, alternatives: Vec<IconRef> },
    /// Nothing is close.
    Unknown,
}

impl Resolution {
    /// The icon drawn: the exact one or the substitute.
    pub fn icon(&self) -> Option<IconRef> {
        match self {
            Resolution::Exact(i) | Resolution::Substitute { icon: i, .. } => Some(*i),
            Resolution::Unknown => None,
        }
    }
}

/// Conventional prefixes for the shipped packs (Mermaid's docs register Font Awesome as
/// `fa`), read as that pack without a warning.
const PACK_ALIASES: &[(&str, &str)] = &[
    ("fa", "fa6-solid"),
    ("fa-brands", "fa6-brands"),
    ("fa-regular", "fa6-regular"),
    ("fa-solid", "fa6-solid"),
    ("fab", "fa6-brands"),
    ("far", "fa6-regular"),
    ("fas", "fa6-solid"),
    ("material-design-icons", "mdi"),
    ("si", "simple-icons"),
];

/// A substitute scores at least this (1 is the same normal form).
const SUBSTITUTE: f64 = 0.75;
/// An alternative scores at least this.
const ALTERNATIVE: f64 = 0.6;

enum Pack {
    /// A shipped pack, named exactly or by a conventional alias.
    Known(&'static str),
    /// A prefix that is not a pack, but is close to this one (`logo`, `simpleicons`).
    Near(&'static str),
    /// Not a pack; look in all of them.
    None,
}

fn pack(prefix: &str) -> Pack {
    if let Some(p) = PACKS.iter().find(|p| **p == prefix) {
        return Pack::Known(p);
    }
    if let Some((_, p)) = PACK_ALIASES.iter().find(|(a, _)| *a == prefix) {
        return Pack::Known(p);
    }
    let k = key(prefix);
    let near = PACKS.iter().find(|p| {
        let pk = key(p);
        (k.len() >= 3 && pk.starts_with(&k)) || levenshtein(k.as_bytes(), pk.as_bytes(), pk.len() / 4).is_some()
    });
    near.map_or(Pack::None, |p| Pack::Near(p))
}

/// Misspelt names already searched for, per thread. The editor re-parses on every
/// keystroke and a diagram keeps its misspellings from one keystroke to the next, so each
/// is searched once rather than on every parse. The search is a pure function of the
/// name, so this changes no result; the memo is emptied when it grows past its cap.
const MEMO_CAP: usize = 4096;

thread_local! {
    static MEMO: std::cell::RefCell<std::collections::HashMap<String, Resolution>> = Default::default();
}

/// Builds the index a search for a misspelt name needs, so that the first such search
/// does not pay for it (the app calls this while idle after start-up).
pub fn warm() {
    Index::get();
}

/// Resolves a written icon name.
pub fn resolve(written: &str) -> Resolution {
    match known(written) {
        Ok(icon) => Resolution::Exact(icon),
        Err((name, preferred)) => {
            if let Some(r) = MEMO.with(|m| m.borrow().get(written).cloned()) {
                return r;
            }
            let r = closest(name, preferred);
            MEMO.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= MEMO_CAP {
                    m.clear();
                }
                m.insert(written.to_string(), r.clone());
            });
            r
        }
    }
}

/// The icon `written` names, without searching for the closest when it names none
/// (microseconds, where [`resolve`] of a misspelt name takes milliseconds).
pub fn resolve_exact(written: &str) -> Option<IconRef> {
    known(written).ok()
}

/// The icon `written` names, or the name to search for and the pack it prefers.
fn known(written: &str) -> Result<IconRef, (&str, Option<&'static str>)> {
    let written = written.trim();
    let (prefix, name) = match written.split_once(':') {
        Some((p, n)) => (Some(p.trim()), n.trim()),
        None => (None, written),
    };
    let mut name = name;
    let preferred = match prefix {
        None => match builtin::lookup(name) {
            Some(b) => return Ok(b),
            None => None,
        },
        Some(prefix) => match pack(prefix) {
            Pack::Known(p) => {
                if let Some(icon) = lookup(p, name) {
                    return Ok(icon);
                }
                if p.starts_with("fa6-") {
                    name = name.strip_prefix("fa-").unwrap_or(name);
                    if let Some(icon) = fa::find(p, name) {
                        return Ok(icon);
                    }
                }
                Some(p)
            }
            Pack::Near(p) => Some(p),
            Pack::None => None,
        },
    };
    Err((name, preferred))
}

/// Every name a search looks at, made on the first search (or by [`warm`]) and kept: the
/// packs' names and the built-ins, each with its normal form ([`key_into`]), and which
/// names hold each word. Remaking the normal forms took 40 % of every search, and the word
/// index lets a search score only the names that can come close. The word index is a
/// chained hash table of word hashes rather than a map of strings: building it allocates
/// nothing per word and sorts nothing, which made the first search (a first diagram with
/// a misspelt icon) several times cheaper.
struct Index {
    names: Vec<IconRef>,
    keys: String,
    key_ends: Vec<u32>,
    /// Bucket (a word hash's low bits) → its last entry in `entries`, or [`NONE`].
    heads: Vec<u32>,
    /// ([`word_hash`], name index, the bucket's previous entry) for every word of every name.
    entries: Vec<(u64, u32, u32)>,
}

/// No entry.
const NONE: u32 = u32::MAX;

impl Index {
    fn get() -> &'static Index {
        static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| {
            let names: Vec<IconRef> = all().chain(builtin::names().map(|name| IconRef { pack: "", name })).collect();
            let (mut keys, mut key_ends, mut k) = (String::new(), Vec::with_capacity(names.len()), String::new());
            let mut entries = Vec::with_capacity(names.len() * 2);
            for (i, c) in names.iter().enumerate() {
                key_into(c.name, &mut k);
                keys.push_str(&k);
                key_ends.push(keys.len() as u32);
                entries.extend(word_slices(c.name).map(|w| (word_hash(w), i as u32, NONE)));
            }
            let mut heads = vec![NONE; (entries.len() * 2).next_power_of_two()];
            let mask = heads.len() as u64 - 1;
            for (e, entry) in entries.iter_mut().enumerate() {
                let head = &mut heads[(entry.0 & mask) as usize];
                entry.2 = *head;
                *head = e as u32;
            }
            Index { names, keys, key_ends, heads, entries }
        })
    }

    /// The names holding a word that hashes as `w` does (a name may come more than once).
    fn holding(&self, w: &str) -> impl Iterator<Item = u32> + '_ {
        let h = word_hash(w);
        let mut e = self.heads[(h & (self.heads.len() as u64 - 1)) as usize];
        std::iter::from_fn(move || {
            while e != NONE {
                let (hash, name, previous) = self.entries[e as usize];
                e = previous;
                if hash == h {
                    return Some(name);
                }
            }
            None
        })
    }

    fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.key_ends[i - 1] as usize };
        &self.keys[start..self.key_ends[i] as usize]
    }
}

/// The closest icons to `name`, preferring `pack`: an icon of the same normal form in
/// `pack`, then one in another pack, then the closest by score (a little ahead in `pack`).
fn closest(name: &str, preferred: Option<&str>) -> Resolution {
    let q = Query::new(name);
    let lower = name.to_ascii_lowercase();
    let index = Index::get();
    // Names sharing a word with the query: the only ones the shared-words measure scores.
    let mut shares = vec![false; index.names.len()];
    for w in &q.words {
        for i in index.holding(w) {
            shares[i as usize] = true;
        }
    }
    let qk = q.key.as_str();
    let mut scored: Vec<(f64, usize, IconRef)> = Vec::new();
    for (order, &c) in index.names.iter().enumerate() {
        let ck = index.key(order);
        // Without a shared word, only a prefix either way or a small edit distance (which
        // needs lengths within a quarter of each other) scores at all.
        let max = (qk.len().max(ck.len()) / 4).max(1);
        let may = shares[order]
            || ck == qk
            || (qk.len() >= 4 && ck.starts_with(qk))
            || (ck.len() >= 4 && qk.starts_with(ck))
            || (qk.len() >= 4 && qk.len().abs_diff(ck.len()) <= max);
        if !may {
            continue;
        }
        // The Font Awesome packs are one family: `fa:` finds brands too.
        let same_pack = preferred.is_some_and(|p| p == c.pack || (p.starts_with("fa6-") && c.pack.starts_with("fa6-")));
        let s = if ck == qk && !ck.is_empty() {
            // Same normal form: closer spellings first.
            let d = levenshtein(lower.as_bytes(), c.name.as_bytes(), 64).unwrap_or(64) as f64;
            2.0 + f64::from(u8::from(same_pack)) - d * 0.001
        } else {
            let s = score(&q, c.name, ck);
            if s < ALTERNATIVE {
                continue;
            }
            s + if same_pack { 0.05 } else { 0.0 }
        };
        scored.push((s, order, c));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let Some(&(_, _, icon)) = scored.first().filter(|b| b.0 >= SUBSTITUTE) else {
        return Resolution::Unknown;
    };
    let alternatives =
        scored[1..].iter().map(|s| s.2).filter(|a| a.name != icon.name || a.pack != icon.pack).take(3).collect();
    Resolution::Substitute { icon, alternatives }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn substitute(written: &str) -> (String, Vec<String>) {
        match resolve(written) {
            Resolution::Substitute { icon, alternatives } => {
                (icon.to_string(), alternatives.iter().map(ToString::to_string).collect())
            }
            other => panic!("{written}: {other:?}"),
        }
    }

    #[test]
    fn exact_names_and_aliases() {
        for (w, want) in [
            ("logos:kafka", "logos:kafka"),
            ("mdi:shield-lock", "mdi:shield-lock"),
            ("logos:google-cloud-platform", "logos:google-cloud-platform"),
            ("cloud", "cloud"),
            ("database", "database"),
            ("fa:car", "fa6-solid:car"),
            ("fa:fa-car", "fa6-solid:car"),
            ("fab:github", "fa6-brands:github"),
            ("fa:home", "fa6-solid:house"),
            ("mdi:1password", "mdi:1password"),
        ] {
            assert_eq!(resolve(w), Resolution::Exact(lookup_any(want)), "{w}");
        }
    }

    fn lookup_any(s: &str) -> IconRef {
        match s.split_once(':') {
            Some((p, n)) => lookup(p, n).unwrap(),
            None => builtin::lookup(s).unwrap(),
        }
    }

    #[test]
    fn misspellings_find_the_real_icon() {
        for (w, want) in [
            ("logos:apache-kafka", "logos:kafka"),
            ("logos:amazon-s3", "logos:aws-s3"),
            ("logos:amazon-dynamodb", "logos:aws-dynamodb"),
            ("logos:nextdotjs", "logos:nextjs"),
            ("simple-icons:nats-dot-io", "simple-icons:natsdotio"),
            // Not in logos: the same product in another pack beats a near miss.
            ("logos:apache-pulsar", "simple-icons:apachepulsar"),
            ("logos:istio", "simple-icons:istio"),
            ("simple-icons:memcached", "logos:memcached"),
            ("mdi:shield-lok", "mdi:shield-lock"),
            ("logos:postgres", "logos:postgresql"),
            ("logos:google-cloud-platforms", "logos:google-cloud-platform"),
            ("logos:Kafka", "logos:kafka"),
            ("logo:kafka", "logos:kafka"),
            ("simpleicons:natsdotio", "simple-icons:natsdotio"),
            ("awesome:kafka", "logos:kafka"),
            ("kafka", "logos:kafka"),
            ("logos:reactjs", "logos:react"),
            ("mdi:databse", "mdi:database"),
            ("fa:fa-githib", "fa6-brands:github"),
        ] {
            assert_eq!(substitute(w).0, want, "{w}");
        }
        let (_, alternatives) = substitute("logos:apache-kafka");
        assert!(!alternatives.is_empty() && alternatives.len() <= 3, "{alternatives:?}");
        assert!(
            alternatives.contains(&"simple-icons:apachekafka".to_string())
                || alternatives.contains(&"mdi:apache-kafka".to_string()),
            "{alternatives:?}"
        );
    }

    #[test]
    fn nothing_close_is_unknown() {
        for w in ["logos:zzqxw", "qqqqqq", "mdi:", "", "nope:xyzzyplugh"] {
            assert_eq!(resolve(w), Resolution::Unknown, "{w}");
        }
    }
}
