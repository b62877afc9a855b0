//! Generated architecture-beta diagrams for scaling benchmarks: `n` services, eight to a
//! group, in groups nested three deep (a region holds four sections of five groups, and
//! every group holds eight services, so 1,000 services fill 125 groups). Within a group
//! the services form two rows of four, each linked to its right-hand neighbour
//! (`R --> L`) and to the one below (`B --> T`); each group's last service links to the
//! next group's first; every fifth group, when it and the group two ahead are leaves,
//! links box to box (`{group}` ends); sides put regions side by side, the leaves of a
//! section in a row and sections one below the other. One service in twelve links back
//! up to three groups (`L --> R`). Edge reach does not grow with `n`, as in real
//! diagrams. Deterministic (xorshift, fixed seed).

pub fn architecture(n: usize) -> String {
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    const ICONS: [&str; 6] = ["server", "database", "logos:aws-lambda", "mdi:database", "logos:redis", "disk"];
    let groups = n.div_ceil(8);
    let mut out = String::from("architecture-beta\n");
    for g in 0..groups {
        let within = parent(g).map(|p| format!(" in G{p}")).unwrap_or_default();
        out.push_str(&format!("  group G{g}(cloud)[Group {g}]{within}\n"));
    }
    for i in 0..n {
        let icon = ICONS[(next() % ICONS.len() as u64) as usize];
        out.push_str(&format!("  service S{i}({icon})[Service {i}] in G{}\n", i / 8));
    }
    for i in 0..n {
        let (g, k) = (i / 8, i % 8);
        if k % 4 != 3 && i + 1 < n {
            out.push_str(&format!("  S{i}:R --> L:S{}\n", i + 1));
        }
        if k < 4 && i + 4 < n {
            out.push_str(&format!("  S{i}:B --> T:S{}\n", i + 4));
        }
        if k == 7 && i + 1 < n {
            let (from, to) = sides(g, g + 1);
            out.push_str(&format!("  S{i}:{from} --> {to}:S{}\n", i + 1));
        }
        if k == 4 && g % 5 == 0 && is_leaf(g) && is_leaf(g + 2) && i + 16 < n {
            let (from, to) = sides(g, g + 2);
            out.push_str(&format!("  S{i}{{group}}:{from} --> {to}:S{}{{group}}\n", i + 16));
        }
        if next() % 12 == 0 && g > 0 {
            let back = i.saturating_sub(8 * (1 + (next() % 3) as usize));
            if back / 8 != g {
                out.push_str(&format!("  S{i}:L --> R:S{back}\n"));
            }
        }
    }
    out
}

/// The group holding group `g`. Blocks of 25 groups: 0 is the region, 1, 7, 13 and 19
/// its sections, each followed by its five leaf groups.
fn parent(g: usize) -> Option<usize> {
    let k = g % 25;
    match k {
        0 => None,
        1 | 7 | 13 | 19 => Some(g - k),
        _ => Some(g - k + 1 + 6 * ((k - 1) / 6)),
    }
}

/// Sides for an edge from group `g` to a later group `h`: regions side by side, leaves of
/// one section side by side, anything else (a section and its content, the next section)
/// below.
fn sides(g: usize, h: usize) -> (&'static str, &'static str) {
    if h.is_multiple_of(25) || (is_leaf(g) && is_leaf(h) && parent(g) == parent(h)) { ("R", "L") } else { ("B", "T") }
}

/// Whether group `g` holds only services (no nested groups, so a `{group}` edge between
/// two of them leaves one box for another).
fn is_leaf(g: usize) -> bool {
    !matches!(g % 25, 0 | 1 | 7 | 13 | 19)
}
