//! The page's address: read once at start (route, root, fragment, query), and the
//! fragment written back with `history.replaceState` so the address bar always holds
//! the current document without adding history entries.
//!
//! The root comes from `<base data-trunk-public-url>`, which trunk fills with the public
//! URL the app was built for (`--public-url /coral/`); the element is then removed, so
//! that `url(#marker)` references inside the inline SVG resolve against the page itself
//! and not against the base. Without it (another build tool), the root is read from the
//! path (`coral_core::share::link::route`).

use coral_core::share::link::{Mode, Origins, Route, ViewOptions, route};
use wasm_bindgen::JsValue;

/// Where the app was opened, and how.
#[derive(Clone, Debug)]
pub struct Page {
    pub mode: Mode,
    /// Origin and root, ending in `/`: `https://example.org/coral/`. Links start here.
    pub base: String,
    /// Only the path part of `base`: where `icons/` lives.
    pub root: String,
    /// `location.origin`, for `postMessage` checks.
    pub origin: String,
    /// The fragment, without its `#`, as the page was opened.
    pub fragment: String,
    pub view: ViewOptions,
    /// Who besides this origin may drive the app over `postMessage` (`?origin=…`).
    pub origins: Origins,
    /// Whether the page runs inside a frame (`window.parent` is another window).
    pub framed: bool,
}

impl Page {
    pub fn read() -> Page {
        let window = web_sys::window();
        let location = window.as_ref().map(web_sys::Window::location);
        let get = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
            location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
        };
        let (path, query, hash, origin) =
            (get(|l| l.pathname()), get(|l| l.search()), get(|l| l.hash()), get(|l| l.origin()));
        let Route { mode, root: from_path } = route(&path, &query);
        let root = public_root(&origin).unwrap_or(from_path);
        let framed = window.as_ref().is_some_and(|w| match w.parent() {
            Ok(Some(parent)) => !js_sys::Object::is(&parent, w),
            _ => false,
        });
        Page {
            mode,
            base: format!("{origin}{root}"),
            root,
            origin,
            fragment: hash.strip_prefix('#').unwrap_or(&hash).to_string(),
            view: ViewOptions::from_query(&query),
            origins: Origins::from_query(&query),
            framed,
        }
    }
}

/// The path of `<base data-trunk-public-url>`'s `href` when it is on this origin; the
/// element is removed either way.
fn public_root(origin: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let base = document.query_selector("head base[href]").ok()??;
    let href = base.get_attribute("href");
    base.remove();
    let href = href?;
    let path = match href.strip_prefix(origin) {
        Some(rest) => rest.to_string(),
        None if href.starts_with('/') && !href.starts_with("//") => href,
        None => return None,
    };
    Some(if path.ends_with('/') { path } else { format!("{path}/") })
}

/// Puts `fragment` in the address bar in place of the current one (no history entry,
/// no `hashchange` event). Path and query stay.
pub fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if window.location().hash().ok().as_deref().and_then(|h| h.strip_prefix('#')) == Some(fragment) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// The fragment the address bar holds now, without its `#`.
pub fn current_fragment() -> String {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}
