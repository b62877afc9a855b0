//! The app's icons: fetched one file at a time, kept in memory, handed to the core as its
//! [`IconSource`].
//!
//! The build puts one standalone SVG per icon at `icons/<pack>/<name>.svg` (`cargo xtask
//! web-icons`), so a diagram costs only the icons it uses. The core draws an icon it has
//! no body for as `class="icon-pending"` with `data-icon="pack:name"`; the preview asks
//! [`Icons::want`] for those, the finder for its tiles. Every name is looked up in the
//! core's names index before it becomes a URL, so only names the index holds are ever
//! requested, and each at most once: an icon that failed (a 404, a body the whitelist
//! rejects) stays a placeholder and is not asked for again.
//!
//! Arrivals are batched: everything that lands before the next animation frame grows
//! [`Icons::cache`] in one update, so ten icons cost one re-render, not ten. The diagram
//! re-renders only for a batch holding an icon it asked for ([`Icons::diagram_grew`]):
//! the finder's tiles arriving do not redraw the diagram.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use coral_core::icons::{IconData, IconRef, IconSource, Resolution, builtin, inline_body, lookup, resolve};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Response};

/// One fetched icon, already checked against the core's whitelist.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub width: f64,
    pub height: f64,
    pub body: String,
}

/// The icons fetched so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IconCache {
    icons: HashMap<IconRef, Loaded>,
}

impl IconCache {
    /// Every icon fetched so far (the layout worker is sent the ones it lacks).
    pub fn entries(&self) -> impl Iterator<Item = (IconRef, &Loaded)> {
        self.icons.iter().map(|(icon, loaded)| (*icon, loaded))
    }
}

impl IconSource for IconCache {
    fn icon(&self, pack: &str, name: &str) -> Option<IconData<'_>> {
        let loaded = self.icons.get(&lookup(pack, name)?)?;
        Some(IconData { width: loaded.width, height: loaded.height, body: Cow::Borrowed(&loaded.body) })
    }
}

/// The cache and the bookkeeping of what was asked for. `Copy`, like the rest of the state.
#[derive(Clone, Copy)]
pub struct Icons {
    /// Grows once per batch of arrivals (the finder's tiles read it).
    pub cache: RwSignal<IconCache>,
    /// Changes when a batch brings an icon the diagram asked for: the render `Memo`
    /// tracks this and reads the cache untracked.
    pub diagram_grew: RwSignal<u64>,
    /// Every icon ever requested, loaded or not: the never-twice rule.
    requested: StoredValue<HashSet<IconRef>>,
    /// The icons the diagram has asked for (some perhaps first requested by the finder).
    for_diagram: StoredValue<HashSet<IconRef>>,
    /// Arrived since the last flush.
    arrived: StoredValue<Vec<(IconRef, Loaded)>>,
    flush_pending: StoredValue<bool>,
    /// The app's root path (`/`, `/coral/`): icon files live under it, wherever the page is
    /// (`/view`, `/edit/`).
    root: StoredValue<String>,
}

impl Icons {
    pub fn new(root: String) -> Icons {
        Icons {
            root: StoredValue::new(root),
            cache: RwSignal::new(IconCache::default()),
            diagram_grew: RwSignal::new(0),
            requested: StoredValue::new(HashSet::new()),
            for_diagram: StoredValue::new(HashSet::new()),
            arrived: StoredValue::new(Vec::new()),
            flush_pending: StoredValue::new(false),
        }
    }

    /// The icon a written name stands for, if it is one of the shipped packs' (built-ins
    /// are drawn by the core itself and never fetched).
    pub fn icon_for(written: &str) -> Option<IconRef> {
        let icon = match resolve(written) {
            Resolution::Exact(icon) | Resolution::Substitute { icon, .. } => icon,
            Resolution::Unknown => return None,
        };
        (!icon.is_builtin()).then_some(icon)
    }

    /// Starts fetching `icon` unless it was requested before.
    pub fn want(self, icon: IconRef) {
        if icon.is_builtin() || !self.requested.try_update_value(|r| r.insert(icon)).unwrap_or(false) {
            return;
        }
        let root = self.root.get_value();
        leptos::task::spawn_local(async move {
            match fetch(&root, icon).await {
                Ok(loaded) => self.arrive(icon, loaded),
                Err(why) => leptos::logging::warn!("icon {icon}: {why}; it stays a placeholder"),
            }
        });
    }

    /// Requests every icon the SVG under `root` draws as pending.
    pub fn want_pending(self, root: &Element) {
        let Ok(list) = root.query_selector_all(".icon-pending[data-icon]") else { return };
        let mut redraw = false;
        for i in 0..list.length() {
            let name =
                list.item(i).and_then(|n| n.dyn_into::<Element>().ok()).and_then(|e| e.get_attribute("data-icon"));
            if let Some(icon) = name.as_deref().and_then(Icons::icon_for) {
                self.for_diagram.update_value(|d| {
                    d.insert(icon);
                });
                if self.cache.with_untracked(|c| c.icons.contains_key(&icon)) {
                    // Arrived (for the finder) after this SVG was rendered: draw again.
                    redraw = true;
                }
                self.want(icon);
            }
        }
        if redraw {
            self.diagram_grew.update(|n| *n += 1);
        }
    }

    fn arrive(self, icon: IconRef, loaded: Loaded) {
        self.arrived.update_value(|a| a.push((icon, loaded)));
        if self.flush_pending.get_value() {
            return;
        }
        self.flush_pending.set_value(true);
        request_animation_frame(move || {
            self.flush_pending.set_value(false);
            let batch = self.arrived.try_update_value(std::mem::take).unwrap_or_default();
            if batch.is_empty() {
                return;
            }
            let redraw = self.for_diagram.with_value(|d| batch.iter().any(|(icon, _)| d.contains(icon)));
            self.cache.update(|c| c.icons.extend(batch));
            if redraw {
                self.diagram_grew.update(|n| *n += 1);
            }
        });
    }
}

/// `<root>icons/<pack>/<name>.svg`. Both parts come from the core's names index (lowercase
/// letters, digits and `-`), never from the user's text.
fn url(root: &str, icon: IconRef) -> String {
    format!("{root}icons/{}/{}.svg", icon.pack, icon.name)
}

async fn fetch(root: &str, icon: IconRef) -> Result<Loaded, String> {
    let window = window();
    let response = JsFuture::from(window.fetch_with_str(&url(root, icon))).await.map_err(|e| format!("{e:?}"))?;
    let response: Response = response.dyn_into().map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    let text = text.as_string().ok_or("not text")?;
    parse_file(&text).ok_or_else(|| "not an icon file Coral can draw".to_string())
}

/// Width, height and body of a standalone icon file: `<svg … viewBox="x y w h">BODY</svg>`
/// (or `width`/`height` without a view box). A view box that does not start at 0 0 is
/// moved there with a translating group, since the core draws bodies in `0 0 w h`. The
/// body must pass the core's whitelist ([`inline_body`]).
pub fn parse_file(text: &str) -> Option<Loaded> {
    let start = text.find("<svg")?;
    let open_end = start + text[start..].find('>')?;
    let tag = &text[start..open_end];
    let close = text.rfind("</svg>")?;
    if close < open_end {
        return None;
    }
    let body = text[open_end + 1..close].trim();
    let numbers = |v: &str| -> Vec<f64> { v.split([' ', ',']).filter_map(|n| n.trim().parse().ok()).collect() };
    let (x, y, width, height) = match attribute(tag, "viewBox").map(numbers).as_deref() {
        Some(&[x, y, w, h]) => (x, y, w, h),
        _ => {
            let size = |name| attribute(tag, name)?.trim_end_matches("px").parse::<f64>().ok();
            (0.0, 0.0, size("width")?, size("height")?)
        }
    };
    if !(width > 0.0 && height > 0.0 && width.is_finite() && height.is_finite()) {
        return None;
    }
    let body = if x == 0.0 && y == 0.0 {
        body.to_string()
    } else {
        format!("<g transform=\"translate({} {})\">{body}</g>", -x, -y)
    };
    inline_body(&body, "check")?;
    Some(Loaded { width, height, body })
}

/// The value of `name="…"` in an opening tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + name.len()..];
        if before.is_some_and(char::is_whitespace)
            && let Some(value) = after.trim_start().strip_prefix('=')
        {
            let value = value.trim_start();
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &value[1..];
            return value.find(quote).map(|end| &value[..end]);
        }
        rest = after;
    }
    None
}

/// The view box and body of `icon` for drawing it on its own (the finder's tiles), ids
/// made unique under `id_prefix`: a built-in from the core, a pack icon if `cache` has
/// it. Only what the core's whitelist passed is returned.
pub fn tile_art(cache: &IconCache, icon: IconRef, id_prefix: &str) -> Option<(String, String)> {
    let data = if icon.is_builtin() { builtin::data(icon.name)? } else { cache.icon(icon.pack, icon.name)? };
    let markup = inline_body(&data.body, id_prefix)?;
    Some((format!("0 0 {} {}", data.width, data.height), markup))
}

/// Builds the core's index for searching misspelt icon names while the page is idle after
/// start-up, so that the first diagram with a misspelt icon (`logos:apache-kafka`) is not
/// the one that waits for it (about 20 ms in the page). Where `requestIdleCallback` is
/// missing, a timer a few seconds on does it instead.
pub fn warm_names_index() {
    let warm = coral_core::icons::warm;
    let idle = web_sys::window().and_then(|w| {
        let callback = wasm_bindgen::closure::Closure::once_into_js(warm);
        w.request_idle_callback(callback.unchecked_ref()).ok()
    });
    if idle.is_none() {
        set_timeout(warm, std::time::Duration::from_secs(3));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_standalone_files() {
        let f = r#"<svg xmlns="http://www.w3.org/2000/svg" width="256" height="128" viewBox="0 0 256 128"><path d="M0 0h1"/></svg>"#;
        assert_eq!(parse_file(f), Some(Loaded { width: 256.0, height: 128.0, body: "<path d=\"M0 0h1\"/>".into() }));
        let f = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 4 24 24"><path d="M0 0h1"/></svg>"#;
        let l = parse_file(f).unwrap();
        assert_eq!((l.width, l.height), (24.0, 24.0));
        assert!(l.body.starts_with("<g transform=\"translate(2 -4)\">"));
        let f = r#"<svg width="10" height="20"><rect width="1" height="1"/></svg>"#;
        assert_eq!(parse_file(f).map(|l| (l.width, l.height)), Some((10.0, 20.0)));
        assert_eq!(parse_file(r#"<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>"#), None);
        assert_eq!(parse_file(r#"<svg viewBox="0 0 0 1"><path d="M0 0"/></svg>"#), None);
        assert_eq!(parse_file("<html>404</html>"), None);
    }
}
