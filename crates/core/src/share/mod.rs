//! Share links: the document in a URL fragment, in mermaid.live's format, so that Coral
//! opens mermaid.live's links and mermaid.live opens Coral's with only the origin swapped.
//!
//! The fragment holds a *state*: a JSON object with the Mermaid text (`code`) and the
//! Mermaid configuration (`mermaid`, itself JSON, as a string), written as
//!
//! ```text
//! pako:   + base64url, no padding ( zlib( deflate level 9 ( JSON ) ) )   what mermaid.live writes
//! base64: + base64 ( JSON )                                              older links, many tools
//! eyJ…      base64 ( JSON ) with no prefix                               the oldest links (also `/edit/eyJ…`)
//! ```
//!
//! Coral writes `pako:` states with `autoSync` and `updateDiagram` set, as mermaid.live
//! does, and keeps every other field of a state it read (mermaid.live's `pan`, `zoom`,
//! `rough`, `grid`, …) so a link that passes through Coral still opens in mermaid.live as
//! it was. Coral's own extra state (positions) rides in the text, which both editors keep.
//!
//! Decoding reads untrusted input: every failure is a [`LinkError`] with a message for
//! people, never a panic; the fragment's length and the inflated size are bounded
//! ([`MAX_FRAGMENT_LEN`], [`MAX_STATE_BYTES`]), so a zip bomb costs at most 8 MiB.
//! The decoded text is only ever text: callers put it into the editor, never into HTML.
//!
//! [`link`] reads routes (`/edit`, `/view`, `/embed`, `?view`) and mermaid.live's embed
//! query parameters; [`snippet`] writes file names, the iframe and the Markdown snippets;
//! [`site_config`] turns the state's configuration into Coral's [`Config`].

pub mod link;
pub mod snippet;

use std::fmt;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// The configuration mermaid.live starts with, as it writes it (`JSON.stringify(…, null, 2)`).
pub const DEFAULT_CONFIG: &str = "{\n  \"theme\": \"default\"\n}";

/// The longest fragment decoded, in bytes. Browsers keep about 2 MB of URL; this is a
/// sanity bound on the work done before the first check can fail.
pub const MAX_FRAGMENT_LEN: usize = 8 << 20;

/// The most a state may inflate to. Far above any diagram Coral draws, far below what
/// hurts a browser tab.
pub const MAX_STATE_BYTES: usize = 8 << 20;

/// The fields Coral writes itself; everything else in a state is kept as it came.
const OWN_FIELDS: [&str; 4] = ["code", "mermaid", "autoSync", "updateDiagram"];

/// mermaid.live's editor-internal flag, meaningless in a link: dropped.
const DROPPED_FIELDS: [&str; 1] = ["updateEditor"];

/// The fields of a state that Coral keeps without reading them.
pub type Extra = Map<String, Value>;

/// One shared document: the text, its configuration, and whatever else the link held.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The Mermaid text (or Markdown holding it), exactly as written.
    pub code: String,
    /// The Mermaid configuration as JSON text (mermaid.live's `mermaid` field). A link
    /// whose field was an object gets it written back as text, two-space indented.
    pub mermaid: String,
    /// Fields mermaid.live (or another tool) wrote that Coral does not read, in key order.
    pub extra: Extra,
}

/// Why a link did not open. The messages are for people, and never quote the link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// `word:…` with a word that is neither `pako` nor `base64`.
    UnknownFormat(String),
    /// Longer than [`MAX_FRAGMENT_LEN`].
    TooLong { len: usize },
    /// Characters outside both base64 alphabets, or a length no base64 has.
    BadBase64,
    /// Not a zlib stream, or one cut short.
    BadDeflate,
    /// Inflates to more than [`MAX_STATE_BYTES`].
    TooLarge,
    /// Not JSON (serde_json's reason, which names a position, not the content).
    BadJson(String),
    /// JSON, but not an object with a string `code`.
    NoCode,
    /// `%` escapes that do not decode to UTF-8.
    BadEscapes,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::UnknownFormat(kind) => {
                write!(
                    f,
                    "the link's diagram is in a format Coral does not know (`{kind}:`; it reads `pako:` and `base64:`)"
                )
            }
            LinkError::TooLong { len } => write!(
                f,
                "the link is too long to hold a diagram ({len} characters; Coral reads up to {MAX_FRAGMENT_LEN})"
            ),
            LinkError::BadBase64 => {
                f.write_str("the link is damaged: its diagram is not valid base64 (was the link cut short or changed?)")
            }
            LinkError::BadDeflate => {
                f.write_str("the link is damaged: its compressed diagram does not unpack (was the link cut short?)")
            }
            LinkError::TooLarge => write!(
                f,
                "the link's diagram unpacks to more than {} MiB; Coral does not open it",
                MAX_STATE_BYTES >> 20
            ),
            LinkError::BadJson(why) => write!(f, "the link's diagram is not valid JSON ({why})"),
            LinkError::NoCode => f.write_str("the link holds no diagram text (its JSON has no `code` string)"),
            LinkError::BadEscapes => f.write_str("the link is damaged: its %-escapes are not valid UTF-8"),
        }
    }
}

impl std::error::Error for LinkError {}

/// Both base64 alphabets are accepted on input (the standard one is mapped to the URL-safe
/// one first), with or without padding; a final sextet's unused bits may be set, as
/// JavaScript decoders allow.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// What Coral writes: base64url without padding, as mermaid.live does.
const URL_SAFE: GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

impl State {
    /// A state for `code` with mermaid.live's default configuration.
    pub fn new(code: impl Into<String>) -> State {
        State { code: code.into(), mermaid: DEFAULT_CONFIG.to_string(), extra: Map::new() }
    }

    /// The state as mermaid.live's JSON, fields in a fixed order: Coral's own first, then
    /// the kept ones by name. Written by hand around serde_json's string and value
    /// writers, which escape everything, so the core needs no serde derive.
    pub fn to_json(&self) -> String {
        // Serializing a string or an already-parsed `Value` cannot fail.
        let json = |v: &Value| serde_json::to_string(v).unwrap_or_default();
        let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let mut out = format!(
            "{{\"code\":{},\"mermaid\":{},\"autoSync\":true,\"updateDiagram\":true",
            text(&self.code),
            text(&self.mermaid)
        );
        for (key, value) in &self.extra {
            out.push_str(&format!(",{}:{}", text(key), json(value)));
        }
        out.push('}');
        out
    }

    /// `pako:…`, the fragment mermaid.live writes (without the `#`).
    pub fn encode(&self) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(self.to_json().as_bytes(), 9);
        format!("pako:{}", URL_SAFE.encode(packed))
    }

    /// `base64:…`, the older form (for tools that cannot inflate).
    pub fn encode_base64(&self) -> String {
        format!("base64:{}", URL_SAFE.encode(self.to_json()))
    }

    /// Reads a state from JSON bytes: an object with a string `code`; `mermaid` a string,
    /// an object (written back as text) or absent (the default configuration).
    pub fn from_json(bytes: &[u8]) -> Result<State, LinkError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| LinkError::BadJson(e.to_string()))?;
        let Value::Object(mut fields) = value else { return Err(LinkError::NoCode) };
        let Some(Value::String(code)) = fields.remove("code") else { return Err(LinkError::NoCode) };
        let mermaid = match fields.remove("mermaid") {
            Some(Value::String(s)) => s,
            Some(object @ Value::Object(_)) => serde_json::to_string_pretty(&object).unwrap_or_default(),
            // Absent, null, or a type mermaid.live would choke on: start from its default.
            _ => DEFAULT_CONFIG.to_string(),
        };
        fields.retain(|k, _| !OWN_FIELDS.contains(&k.as_str()) && !DROPPED_FIELDS.contains(&k.as_str()));
        Ok(State { code, mermaid, extra: fields })
    }

    /// Decodes a URL fragment (with or without its `#`). `None` when the fragment is not a
    /// state at all (empty, or an ordinary anchor), so a page anchor is never an error.
    pub fn decode(fragment: &str) -> Option<Result<State, LinkError>> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
        if fragment.len() > MAX_FRAGMENT_LEN {
            return Some(Err(LinkError::TooLong { len: fragment.len() }));
        }
        let unescaped;
        let fragment = if fragment.contains('%') {
            match percent_decode(fragment) {
                Some(s) => {
                    unescaped = s;
                    unescaped.as_str()
                }
                None => return Some(Err(LinkError::BadEscapes)),
            }
        } else {
            fragment
        };
        let (kind, payload) = split_kind(fragment)?;
        Some(match kind {
            Kind::Pako => decode_base64(payload).and_then(|b| inflate(&b)).and_then(|json| State::from_json(&json)),
            Kind::Base64 => decode_base64(payload).and_then(|json| State::from_json(&json)),
            Kind::Unknown(word) => Err(LinkError::UnknownFormat(word.to_string())),
        })
    }
}

enum Kind<'a> {
    Pako,
    Base64,
    Unknown(&'a str),
}

/// The serialization a fragment names, and its payload; `None` for fragments that are
/// not states. Old live-editor links put a route first (`/edit/eyJ…`, `/view/eyJ…`).
fn split_kind(fragment: &str) -> Option<(Kind<'_>, &str)> {
    let fragment = ["/edit/", "/view/", "edit/", "view/"]
        .iter()
        .find_map(|route| fragment.strip_prefix(route))
        .unwrap_or(fragment);
    if let Some((word, payload)) = fragment.split_once(':') {
        return match word {
            "pako" => Some((Kind::Pako, payload)),
            "base64" => Some((Kind::Base64, payload)),
            // Only a short word is a serialization name; `#a:b c` is someone's anchor.
            _ if !word.is_empty() && word.len() <= 16 && word.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Some((Kind::Unknown(word), payload))
            }
            _ => None,
        };
    }
    // `eyJ` is base64 for `{"`: a bare JSON state, as the oldest links have.
    fragment.starts_with("eyJ").then_some((Kind::Base64, fragment))
}

fn decode_base64(payload: &str) -> Result<Vec<u8>, LinkError> {
    // Links get wrapped in mail and chat: whitespace inside is dropped, and the standard
    // alphabet's `+` and `/` are read as the URL-safe `-` and `_`.
    let mut normal = String::with_capacity(payload.len());
    for c in payload.chars() {
        match c {
            '+' => normal.push('-'),
            '/' => normal.push('_'),
            '=' => {}
            c if c.is_ascii_whitespace() => {}
            c => normal.push(c),
        }
    }
    LENIENT.decode(normal.as_bytes()).map_err(|_| LinkError::BadBase64)
}

fn inflate(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::TINFLStatus;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, MAX_STATE_BYTES).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => LinkError::TooLarge,
        _ => LinkError::BadDeflate,
    })
}

/// `%XX` escapes decoded (chat apps escape the `:`); `None` when they are malformed or
/// not UTF-8.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The state's configuration as Coral's [`Config`]: Mermaid's *site* configuration, which
/// the text's own frontmatter and directives override (see
/// [`crate::RenderOptions::site`]). The JSON goes through the same reader as an `init`
/// directive, so the same keys are refused (`securityLevel`, …) and the same values are
/// guarded; the diagnostics' spans point into `json`.
pub fn site_config(json: &str) -> (Config, Vec<Diagnostic>) {
    let mut config = Config::default();
    let mut diagnostics = Vec::new();
    if let Some(tree) = crate::syntax::yaml::parse(json, 0, &mut diagnostics) {
        crate::syntax::config::apply(&mut config, &tree, &mut diagnostics);
    }
    (config, diagnostics)
}

/// `over`'s top-level keys written over `base`'s, as mermaid.live merges an embed's
/// `config` parameter over the state's. Either side that is not a JSON object counts as
/// empty. The result is two-space indented JSON.
pub fn merge_config(base: &str, over: &str) -> String {
    let object = |s: &str| match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let mut merged = object(base);
    merged.extend(object(over));
    serde_json::to_string_pretty(&Value::Object(merged)).unwrap_or_default()
}

/// The configuration with one top-level string key set (`theme`, `look`).
pub fn set_config_key(config: &str, key: &str, value: &str) -> String {
    let mut over = Map::new();
    over.insert(key.to_string(), Value::String(value.to_string()));
    merge_config(config, &Value::Object(over).to_string())
}

/// The value of a top-level string key of a JSON configuration, if it has one.
pub fn config_key(config: &str, key: &str) -> Option<String> {
    match serde_json::from_str::<Value>(config).ok()?.get(key)? {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
