//! Where the app is, what it shows, and the links it writes: the route (`/edit`, `/view`,
//! `/embed`, or `?view` / `?embed` for static hosts without rewrites), the app's root
//! path (for builds served from a sub-path), mermaid.live's embed query parameters, and
//! the origins allowed to drive the app over `postMessage`.
//!
//! Everything here reads untrusted URLs: unknown or malformed parameters are ignored,
//! numbers must be finite, and nothing read here is ever put into HTML.

use serde_json::Value;

use super::{State, config_key, merge_config, set_config_key};

/// What the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The editor (`/`, `/edit`).
    Edit,
    /// The diagram alone, read-only (`/view`, `?view`).
    View,
    /// The same, as mermaid.live's embed widget (`/embed`, `?embed`), reading its parameters.
    Embed,
}

impl Mode {
    pub fn is_read_only(self) -> bool {
        matches!(self, Mode::View | Mode::Embed)
    }
}

/// The page's route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub mode: Mode,
    /// The path the app is served from, ending in `/` (`/`, or `/coral/` for a sub-path build).
    pub root: String,
}

/// Reads the route from `location.pathname` and `location.search`. The last path segment
/// names the mode (`edit`, `view`, `embed`; `index.html` is skipped); what comes before it
/// is the root. A `view` or `embed` query parameter (any value but `0` or `false`) chooses
/// that mode on hosts that serve only the root.
pub fn route(path: &str, query: &str) -> Route {
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.last() == Some(&"index.html") {
        segments.pop();
    }
    let from_path = match segments.last().copied() {
        Some("edit") => Some(Mode::Edit),
        Some("view") => Some(Mode::View),
        Some("embed") => Some(Mode::Embed),
        _ => None,
    };
    if from_path.is_some() {
        segments.pop();
    } else if segments.last().is_some_and(|s| s.contains('.')) {
        // `/app/page.html`: the root is its directory.
        segments.pop();
    }
    let root = if segments.is_empty() { "/".to_string() } else { format!("/{}/", segments.join("/")) };
    let pairs = query_pairs(query);
    let flag = |name: &str| pairs.iter().any(|(k, v)| k == name && !matches!(v.as_str(), "0" | "false"));
    let mode = if flag("embed") {
        Mode::Embed
    } else if flag("view") {
        Mode::View
    } else {
        from_path.unwrap_or(Mode::Edit)
    };
    Route { mode, root }
}

/// `a=1&b=x+y` → pairs, `+` read as a space and `%XX` decoded (a malformed escape leaves
/// the value as written). A leading `?` is skipped; empty parts are ignored.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let decode = |s: &str| {
                let spaced = s.replace('+', " ");
                super::percent_decode(&spaced).unwrap_or(spaced)
            };
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a query value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page around an embedded diagram: mermaid.live's `mode` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chrome {
    Light,
    Dark,
}

/// mermaid.live's embed parameters, as far as they mean something in Coral. Query values
/// win over the state in the fragment, as in mermaid.live.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewOptions {
    /// `theme`: the diagram's theme (Mermaid's site configuration, so a theme the text
    /// sets itself still wins, as in mermaid.live).
    pub theme: Option<String>,
    /// `look`: `classic`, `neo`, `handDrawn`.
    pub look: Option<String>,
    /// `mode`: the page's colours around the diagram; by default dark for dark themes.
    pub chrome: Option<Chrome>,
    /// `controls=0` hides the zoom buttons and the "Edit" link, and turns panning off.
    pub controls: bool,
    /// `grid=0` drops the dotted background.
    pub grid: bool,
    /// `pan=x,y`: the diagram's offset from the centre, in CSS pixels.
    pub pan: Option<(f64, f64)>,
    /// `zoom=z`: the scale relative to fitting the window (1 fits).
    pub zoom: Option<f64>,
    /// `code`: the diagram text, over the fragment's.
    pub code: Option<String>,
    /// `config`: JSON merged over the fragment's configuration.
    pub config: Option<String>,
}

impl ViewOptions {
    pub fn from_query(query: &str) -> ViewOptions {
        let mut o = ViewOptions { controls: true, grid: true, ..ViewOptions::default() };
        for (k, v) in query_pairs(query) {
            match k.as_str() {
                "theme" if !v.is_empty() => o.theme = Some(v),
                "look" if !v.is_empty() => o.look = Some(v),
                "mode" => {
                    o.chrome = match v.as_str() {
                        "dark" => Some(Chrome::Dark),
                        "light" => Some(Chrome::Light),
                        _ => o.chrome,
                    }
                }
                "controls" => o.controls = v != "0",
                "grid" => o.grid = v != "0",
                "pan" => {
                    let xy: Vec<f64> = v.split(',').filter_map(|n| n.trim().parse().ok()).collect();
                    if let [x, y] = xy[..]
                        && x.is_finite()
                        && y.is_finite()
                    {
                        o.pan = Some((x, y));
                    }
                }
                "zoom" => {
                    if let Ok(z) = v.trim().parse::<f64>()
                        && z.is_finite()
                        && z > 0.0
                    {
                        o.zoom = Some(z.clamp(0.05, 20.0));
                    }
                }
                "code" => o.code = Some(v),
                "config" => o.config = Some(v),
                _ => {}
            }
        }
        o
    }

    /// The state the page shows: `code` over the fragment's text, `config` merged over
    /// its configuration, then `theme` and `look` set. Without a fragment state, `code`
    /// alone is enough.
    pub fn apply(&self, state: Option<State>) -> Option<State> {
        let mut state = match (state, &self.code) {
            (Some(mut s), Some(code)) => {
                s.code = code.clone();
                s
            }
            (Some(s), None) => s,
            (None, Some(code)) => State::new(code.clone()),
            (None, None) => return None,
        };
        if let Some(over) = &self.config {
            state.mermaid = merge_config(&state.mermaid, over);
        }
        if let Some(theme) = &self.theme {
            state.mermaid = set_config_key(&state.mermaid, "theme", theme);
        }
        if let Some(look) = &self.look {
            state.mermaid = set_config_key(&state.mermaid, "look", look);
        }
        Some(state)
    }

    /// The page's colours: as asked, else dark when the configuration's theme is a dark
    /// one (its name says `dark`, or Dracula).
    pub fn chrome(&self, config: &str) -> Chrome {
        self.chrome.unwrap_or_else(|| {
            let theme = self.theme.clone().or_else(|| config_key(config, "theme")).unwrap_or_default();
            if theme.contains("dark") || theme == "dracula" { Chrome::Dark } else { Chrome::Light }
        })
    }
}

/// Who may drive the app over `postMessage` besides its own origin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Origins {
    /// Only the app's own origin (the default: a page that did not opt in is ignored).
    #[default]
    Own,
    /// These origins too (`origin=https://docs.example.com`, repeatable or comma-separated).
    List(Vec<String>),
    /// Anyone (`origin=*`): for hosts that cannot know their origin in advance.
    Any,
}

impl Origins {
    /// The `origin` query parameters. An origin is `http(s)://host[:port]` with nothing
    /// after it (a trailing `/` is dropped); anything else is ignored.
    pub fn from_query(query: &str) -> Origins {
        let mut list = Vec::new();
        for (k, v) in query_pairs(query) {
            if k != "origin" {
                continue;
            }
            for o in v.split(',').map(str::trim) {
                if o == "*" {
                    return Origins::Any;
                }
                if let Some(origin) = normal_origin(o)
                    && !list.contains(&origin)
                {
                    list.push(origin);
                }
            }
        }
        if list.is_empty() { Origins::Own } else { Origins::List(list) }
    }

    /// Whether a message from `origin` is obeyed; `own` is the app's own origin.
    pub fn allows(&self, origin: &str, own: &str) -> bool {
        origin == own
            || match self {
                Origins::Own => false,
                Origins::List(list) => list.iter().any(|o| o == origin),
                Origins::Any => true,
            }
    }

    /// The `targetOrigin` for messages Coral sends to its parent: the one allowed origin,
    /// `*` when any or several are (each message then carries nothing the host did not
    /// give it or could not read from the link), the own origin otherwise.
    pub fn target(&self, own: &str) -> String {
        match self {
            Origins::List(list) if list.len() == 1 => list[0].clone(),
            Origins::List(_) | Origins::Any => "*".to_string(),
            Origins::Own => own.to_string(),
        }
    }
}

fn normal_origin(o: &str) -> Option<String> {
    let o = o.strip_suffix('/').unwrap_or(o);
    let rest = o.strip_prefix("https://").or_else(|| o.strip_prefix("http://"))?;
    let ok = !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    ok.then(|| o.to_ascii_lowercase())
}

/// `BASE` + `edit#pako:…`: the editor on `state` (`base` is the origin and root, ending in `/`).
pub fn edit_link(base: &str, state: &State) -> String {
    format!("{base}edit#{}", state.encode())
}

/// `BASE` + `view#pako:…`: the diagram alone.
pub fn view_link(base: &str, state: &State) -> String {
    format!("{base}view#{}", state.encode())
}

/// `BASE` + `embed?theme=…#pako:…`: the embed widget, with a theme chosen over the
/// state's when given (as mermaid.live's embed code writes it).
pub fn embed_link(base: &str, state: &State, theme: Option<&str>) -> String {
    let query = theme.map(|t| format!("?theme={}", encode_component(t))).unwrap_or_default();
    format!("{base}embed{query}#{}", state.encode())
}

/// Whether a configuration is JSON an editor could use (an object); mermaid.live refuses
/// links whose configuration does not parse.
pub fn is_config_object(config: &str) -> bool {
    matches!(serde_json::from_str::<Value>(config), Ok(Value::Object(_)))
}
