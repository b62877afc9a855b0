//! The recent documents: every diagram the user has worked on in this browser, the one
//! open now among them, each with its text, when it last changed, the title its diagram
//! gives itself and a name the user may give it instead. The app stores an index of them
//! as one small JSON value ([`Library::to_index_json`]) and each text under a key of its
//! own, so a keystroke writes one text and the index, not every document; it shows the
//! list most recent first.
//!
//! Nothing here can lose text: switching saves the open document first, deleting the open
//! one opens the next most recent (or a fresh empty one), and a stored list that cannot be
//! read is reported as unreadable so the caller keeps what it has instead of overwriting it.

use serde_json::{Value, json};

/// At most this many documents are kept; beyond it the least recently changed go.
pub const MAX_DOCUMENTS: usize = 50;

/// Names longer than this are cut (a pasted paragraph is not a name).
pub const MAX_NAME_CHARS: usize = 80;

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: u64,
    /// The name the user gave it; `None`: it is called by its diagram's title.
    pub name: Option<String>,
    /// The title the diagram gives itself (`title`, frontmatter `title:`, `accTitle`),
    /// as of its last render.
    pub title: Option<String>,
    pub text: String,
    /// When it last changed, in milliseconds since the epoch.
    pub changed: f64,
}

impl Document {
    /// What the list calls it: its name, else its diagram's title, else the diagram's
    /// first line (`flowchart LR`), else "Empty document".
    pub fn label(&self) -> String {
        let first_line = || {
            let mut lines = self.text.lines().map(str::trim).skip_while(|l| l.is_empty()).peekable();
            // Past the frontmatter, if there is one.
            if lines.peek() == Some(&"---") {
                lines.next();
                for l in lines.by_ref() {
                    if l == "---" {
                        break;
                    }
                }
            }
            lines
                .find(|l| !l.is_empty() && !l.starts_with("%%") && !l.starts_with("```"))
                .map(|l| cut(l, MAX_NAME_CHARS))
        };
        self.name
            .clone()
            .or_else(|| self.title.clone().filter(|t| !t.trim().is_empty()))
            .or_else(first_line)
            .unwrap_or_else(|| "Empty document".to_string())
    }
}

/// The title a document keeps for what its diagram calls itself: trimmed, cut to
/// [`MAX_NAME_CHARS`], none when empty.
pub fn title_from(title: Option<&str>) -> Option<String> {
    title.map(|t| cut(t.trim(), MAX_NAME_CHARS)).filter(|t| !t.is_empty())
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", s[..at].trim_end()),
        None => s.to_string(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    /// Most recently changed first.
    docs: Vec<Document>,
    current: u64,
    next_id: u64,
}

/// Why a stored list could not be used.
#[derive(Debug, PartialEq)]
pub struct Unreadable;

impl Library {
    /// A library of one document, open.
    pub fn new(text: &str, now: f64) -> Library {
        Library {
            docs: vec![Document { id: 1, name: None, title: None, text: text.to_string(), changed: now }],
            current: 1,
            next_id: 2,
        }
    }

    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    pub fn current(&self) -> &Document {
        // Every operation keeps `current` naming a document in the list.
        self.docs.iter().find(|d| d.id == self.current).unwrap_or(&self.docs[0])
    }

    fn current_mut(&mut self) -> &mut Document {
        let i = self.docs.iter().position(|d| d.id == self.current).unwrap_or(0);
        &mut self.docs[i]
    }

    /// The open document's text changed: stored, and the document moves to the front.
    /// Returns whether anything changed.
    pub fn save(&mut self, text: &str, now: f64) -> bool {
        if self.current().text == text {
            return false;
        }
        let doc = self.current_mut();
        doc.text = text.to_string();
        doc.changed = now;
        self.sort();
        true
    }

    /// The open document's diagram now calls itself `title`.
    pub fn set_title(&mut self, title: Option<&str>) {
        self.current_mut().title = title_from(title);
    }

    /// Starts a new document holding `text`, open from now on; returns its id.
    pub fn create(&mut self, text: &str, now: f64) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.docs.push(Document { id, name: None, title: None, text: text.to_string(), changed: now });
        self.current = id;
        self.sort();
        self.trim();
        id
    }

    /// Opens document `id`; returns its text, or `None` when there is no such document.
    pub fn open(&mut self, id: u64) -> Option<&str> {
        let doc = self.docs.iter().find(|d| d.id == id)?;
        self.current = id;
        Some(&doc.text)
    }

    /// Names document `id` (an empty name: called by its title again). Returns whether
    /// there is such a document.
    pub fn rename(&mut self, id: u64, name: &str) -> bool {
        let Some(doc) = self.docs.iter_mut().find(|d| d.id == id) else { return false };
        let name = cut(name.trim(), MAX_NAME_CHARS);
        doc.name = (!name.is_empty()).then_some(name);
        true
    }

    /// Deletes document `id` and returns it. Deleting the open one opens the most recent
    /// of the others, or a new empty document when it was the only one.
    pub fn delete(&mut self, id: u64, now: f64) -> Option<Document> {
        let i = self.docs.iter().position(|d| d.id == id)?;
        let gone = self.docs.remove(i);
        if self.docs.is_empty() {
            self.create("", now);
        } else if self.current == id {
            self.current = self.docs[0].id;
        }
        Some(gone)
    }

    /// Puts a deleted document back (undoing [`Library::delete`]); it does not open it.
    pub fn restore(&mut self, doc: Document) {
        if self.docs.iter().any(|d| d.id == doc.id) {
            return;
        }
        self.next_id = self.next_id.max(doc.id + 1);
        self.docs.push(doc);
        self.sort();
        self.trim();
    }

    fn sort(&mut self) {
        self.docs.sort_by(|a, b| b.changed.total_cmp(&a.changed).then(b.id.cmp(&a.id)));
    }

    /// Drops the least recently changed documents beyond [`MAX_DOCUMENTS`], never the open one.
    fn trim(&mut self) {
        while self.docs.len() > MAX_DOCUMENTS {
            let Some(i) = self.docs.iter().rposition(|d| d.id != self.current) else { break };
            self.docs.remove(i);
        }
    }

    /// Takes in the list another tab stored (`stored`), keeping what this tab has open:
    /// its document, with this tab's text, stays (put back if the other tab deleted it)
    /// and stays open; everything else is as the other tab left it.
    pub fn adopt(&mut self, mut stored: Library) {
        let mine = self.current().clone();
        match stored.docs.iter_mut().find(|d| d.id == mine.id) {
            Some(d) => {
                d.text = mine.text;
                d.changed = d.changed.max(mine.changed);
            }
            None => stored.docs.push(mine.clone()),
        }
        stored.current = mine.id;
        stored.next_id = stored.next_id.max(self.next_id).max(mine.id + 1);
        stored.sort();
        stored.trim();
        *self = stored;
    }

    /// The stored index: every document but its text, and which one is open.
    pub fn to_index_json(&self) -> String {
        let docs: Vec<Value> = self
            .docs
            .iter()
            .map(|d| json!({ "id": d.id, "name": d.name, "title": d.title, "changed": d.changed }))
            .collect();
        json!({ "version": 1, "current": self.current, "documents": docs }).to_string()
    }

    /// Reads a stored index, each document's text from `text_of`. Documents with a
    /// missing or mistyped field, or no text, are skipped; an index that is not one at all,
    /// or leaves no document, is [`Unreadable`].
    pub fn from_index_json(stored: &str, text_of: impl Fn(u64) -> Option<String>) -> Result<Library, Unreadable> {
        let v: Value = serde_json::from_str(stored).map_err(|_| Unreadable)?;
        let list = v.get("documents").and_then(Value::as_array).ok_or(Unreadable)?;
        let string = |d: &Value, k: &str| d.get(k).and_then(Value::as_str).map(str::to_string);
        let mut docs: Vec<Document> = Vec::new();
        for d in list {
            let Some(id) = d.get("id").and_then(Value::as_u64) else { continue };
            if docs.iter().any(|x| x.id == id) {
                continue;
            }
            let Some(text) = text_of(id) else { continue };
            let changed = d.get("changed").and_then(Value::as_f64).filter(|c| c.is_finite()).unwrap_or(0.0);
            docs.push(Document { id, name: string(d, "name"), title: string(d, "title"), text, changed });
        }
        if docs.is_empty() {
            return Err(Unreadable);
        }
        let next_id = docs.iter().map(|d| d.id).max().unwrap_or(0).saturating_add(1);
        let wanted = v.get("current").and_then(Value::as_u64);
        let mut lib = Library { docs, current: 0, next_id };
        lib.sort();
        lib.current = wanted.filter(|c| lib.docs.iter().any(|d| d.id == *c)).unwrap_or(lib.docs[0].id);
        lib.trim();
        Ok(lib)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_moves_the_open_document_to_the_front() {
        let mut lib = Library::new("flowchart LR\n  A --> B", 1.0);
        let b = lib.create("graph TD\n  X", 2.0);
        assert_eq!(lib.current().id, b);
        assert_eq!(lib.open(1), Some("flowchart LR\n  A --> B"));
        assert!(lib.save("flowchart LR\n  A --> C", 3.0));
        assert!(!lib.save("flowchart LR\n  A --> C", 4.0), "unchanged text is not a change");
        let ids: Vec<u64> = lib.documents().iter().map(|d| d.id).collect();
        assert_eq!(ids, vec![1, b]);
        assert_eq!(lib.current().changed, 3.0);
    }

    #[test]
    fn labels_prefer_the_users_name_then_the_title_then_the_first_line() {
        let mut lib = Library::new("---\nconfig:\n  theme: dark\n---\n%% notes\nflowchart LR\n  A", 1.0);
        assert_eq!(lib.current().label(), "flowchart LR", "past the frontmatter and comments");
        lib.set_title(Some("  Orders  "));
        assert_eq!(lib.current().label(), "Orders");
        assert!(lib.rename(1, "  My flow "));
        assert_eq!(lib.current().label(), "My flow");
        assert!(lib.rename(1, "   "));
        assert_eq!(lib.current().label(), "Orders", "an empty name gives the title back");
        lib.set_title(None);
        lib.save("", 2.0);
        assert_eq!(lib.current().label(), "Empty document");
        let long = "x".repeat(200);
        lib.rename(1, &long);
        assert_eq!(lib.current().label().chars().count(), MAX_NAME_CHARS + 1);
    }

    #[test]
    fn deleting_the_open_document_opens_the_next_and_never_leaves_none() {
        let mut lib = Library::new("a", 1.0);
        let b = lib.create("b", 2.0);
        let gone = lib.delete(b, 3.0).expect("b was there");
        assert_eq!(gone.text, "b");
        assert_eq!(lib.current().text, "a");
        lib.restore(gone);
        assert_eq!(lib.documents().len(), 2);
        assert_eq!(lib.current().text, "a", "restoring does not open it");
        lib.delete(1, 4.0);
        lib.delete(b, 5.0);
        assert_eq!(lib.documents().len(), 1);
        assert_eq!(lib.current().text, "", "the last one deleted leaves a fresh empty document");
        assert!(lib.current().id > b, "ids are not reused");
        assert_eq!(lib.delete(999, 6.0), None);
    }

    #[test]
    fn the_list_keeps_at_most_fifty_and_never_drops_the_open_one() {
        let mut lib = Library::new("first", 0.0);
        for i in 1..=60 {
            lib.create(&format!("doc {i}"), f64::from(i));
        }
        assert_eq!(lib.documents().len(), MAX_DOCUMENTS);
        assert_eq!(lib.current().text, "doc 60");
        assert!(lib.documents().iter().all(|d| d.text != "first" && d.text != "doc 1"));
        // The open one stays even when it is the oldest.
        let oldest = lib.documents().last().map(|d| d.id).expect("documents");
        lib.open(oldest);
        lib.restore(Document { id: 1000, name: None, title: None, text: "restored".into(), changed: 200.0 });
        assert_eq!(lib.documents().len(), MAX_DOCUMENTS);
        assert!(lib.documents().iter().any(|d| d.id == oldest), "the open one stays");
        assert_eq!(lib.current().id, oldest);
    }

    #[test]
    fn another_tabs_list_is_taken_in_and_the_open_document_kept() {
        let mut here = Library::new("mine", 1.0);
        let mut there = here.clone();
        let theirs = there.create("made in the other tab", 2.0);
        here.save("mine, edited here", 3.0);
        here.adopt(there.clone());
        assert_eq!(here.current().text, "mine, edited here");
        assert!(here.documents().iter().any(|d| d.id == theirs), "the other tab's document is listed");
        // The other tab deleted what is open here: it comes back.
        there.delete(1, 4.0);
        here.adopt(there);
        assert_eq!(here.current().id, 1);
        assert_eq!(here.documents().len(), 2);
        let next = here.create("new here", 5.0);
        assert!(next > theirs, "ids stay unique across tabs");
    }

    #[test]
    fn the_stored_form_reads_back_and_bad_parts_are_skipped() {
        let mut lib = Library::new("flowchart LR\n  A --> B \"quoted\" \\ </script>", 1.5);
        lib.set_title(Some("Orders \"quoted\""));
        let b = lib.create("graph TD", 2.0);
        lib.rename(b, "Second");
        lib.open(1);
        let index = lib.to_index_json();
        assert!(!index.contains("graph TD"), "texts are stored apart: {index}");
        let text_of = |id: u64| lib.documents().iter().find(|d| d.id == id).map(|d| d.text.clone());
        let back = Library::from_index_json(&index, text_of).expect("readable");
        assert_eq!(back, lib);
        let partly = r#"{"current": 7, "documents": [{"id": 3, "changed": 5}, {"id": 5, "changed": 9},
            {"id": "x"}, {"name": "no id"}, {"id": 3, "changed": 99}]}"#;
        let texts = |id: u64| (id == 3).then(|| "ok".to_string());
        let lib = Library::from_index_json(partly, texts).expect("one good document");
        assert_eq!(lib.documents().len(), 1, "no text, no id, a repeated id: skipped");
        assert_eq!(lib.current().text, "ok", "an unknown current falls back to the most recent");
        for bad in ["", "null", "[]", "{\"documents\": []}", "{\"documents\": [{\"id\": 4}]}", "{"] {
            assert_eq!(Library::from_index_json(bad, texts), Err(Unreadable), "{bad}");
        }
    }
}
