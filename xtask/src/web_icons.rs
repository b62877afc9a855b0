//! `cargo xtask web-icons`: one small SVG file per icon, for the app to fetch only the
//! icons a diagram uses (never a whole pack).
//!
//! Reads the generated pack files in `crates/icons/data/<prefix>.txt` (`name\twidth\theight
//! \tbody`, or `name\t@parent` for an alias) and writes
//!
//! ```text
//! target/web-icons/icons/<prefix>/<name>.svg   <svg xmlns viewBox="0 0 w h">body</svg>
//! target/web-icons/icons/<prefix>.txt          the pack's names, sorted (the core's index)
//! target/web-icons/icons/LICENSES/<prefix>.txt the pack's licence
//! ```
//!
//! index.html copies `target/web-icons/icons` to `dist/icons` (trunk `copy-dir`). The
//! output is rebuilt only when a data file changed (a stamp of their sizes and times).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Bump when the output format changes, so old output is rebuilt.
const FORMAT: &str = "web-icons 1";

pub fn run(root: &Path) -> Result<(), String> {
    let data = root.join("crates/icons/data");
    let out_root = root.join("target/web-icons");
    let out = out_root.join("icons");
    let packs = packs(&data)?;
    let stamp = stamp(&data, &packs)?;
    let stamp_file = out_root.join("stamp");
    if fs::read_to_string(&stamp_file).is_ok_and(|s| s == stamp) && out.is_dir() {
        println!("web-icons: up to date ({})", out.display());
        return Ok(());
    }
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    let mut total = 0;
    for pack in &packs {
        let text = read(&data.join(format!("{pack}.txt")))?;
        let dir = out.join(pack);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let icons: HashMap<&str, &str> = text.lines().filter_map(|l| l.split_once('\t')).collect();
        let mut names = String::new();
        for line in text.lines() {
            let (name, svg) = icon_file(&icons, line).ok_or_else(|| format!("{pack}.txt: bad line `{line:.60}`"))?;
            // Names are Iconify's `[a-z0-9-]`; anything else would be a path.
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                return Err(format!("{pack}.txt: unexpected icon name `{name}`"));
            }
            write(&dir.join(format!("{name}.svg")), &svg)?;
            names.push_str(name);
            names.push('\n');
            total += 1;
        }
        write(&out.join(format!("{pack}.txt")), &names)?;
        let licence = data.join("LICENSES").join(format!("{pack}.txt"));
        write(&out.join("LICENSES").join(format!("{pack}.txt")), &read(&licence)?)?;
    }
    write(&stamp_file, &stamp)?;
    println!("web-icons: wrote {total} icons of {} packs to {}", packs.len(), out.display());
    Ok(())
}

/// The pack prefixes with a data file, sorted.
fn packs(data: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let mut packs: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".txt")).map(str::to_string))
        .filter(|n| n != "VERSIONS")
        .collect();
    packs.sort();
    if packs.is_empty() {
        return Err(format!("no pack files in {}", data.display()));
    }
    Ok(packs)
}

/// What the output depends on: the format and every input file's size and time.
fn stamp(data: &Path, packs: &[String]) -> Result<String, String> {
    let mut s = format!("{FORMAT}\n");
    for pack in packs {
        for file in [data.join(format!("{pack}.txt")), data.join("LICENSES").join(format!("{pack}.txt"))] {
            let m = fs::metadata(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let time = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            let _ = writeln!(s, "{} {} {:?}", file.display(), m.len(), time);
        }
    }
    Ok(s)
}

/// The name and standalone SVG of one line of a pack file (an alias gets its parent's,
/// looked up in `icons`: name → the rest of its line).
fn icon_file<'a>(icons: &HashMap<&str, &str>, line: &'a str) -> Option<(&'a str, String)> {
    let (name, mut rest) = line.split_once('\t')?;
    if let Some(parent) = rest.strip_prefix('@') {
        rest = icons.get(parent).filter(|r| !r.starts_with('@'))?;
    }
    let mut f = rest.splitn(3, '\t');
    let (w, h, body) = (f.next()?, f.next()?, f.next()?);
    w.parse::<f64>().ok()?;
    h.parse::<f64>().ok()?;
    Some((name, format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\">{body}</svg>\n")))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{HashMap, icon_file};

    #[test]
    fn icons_and_aliases_become_standalone_svg() {
        let text = "a\t@b\nb\t24\t12.5\t<path d=\"M0 0\"/>\nc\t@zz\n";
        let icons: HashMap<&str, &str> = text.lines().filter_map(|l| l.split_once('\t')).collect();
        let (name, svg) = icon_file(&icons, "b\t24\t12.5\t<path d=\"M0 0\"/>").unwrap();
        assert_eq!(name, "b");
        assert_eq!(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 12.5\"><path d=\"M0 0\"/></svg>\n");
        assert_eq!(icon_file(&icons, "a\t@b").unwrap().1, svg);
        assert_eq!(icon_file(&icons, "c\t@zz"), None);
        assert_eq!(icon_file(&icons, "d\tx\t1\t<g/>"), None);
    }
}
