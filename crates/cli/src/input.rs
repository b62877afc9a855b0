//! Reading the input and finding the diagram in it: a file or stdin, read as bytes (a
//! binary or mis-encoded file must not stop us: it is decoded lossily, with a warning),
//! then either the whole text (Mermaid) or one ```` ```mermaid ```` block of a Markdown
//! document, with the byte offset that maps the block's spans back into the file.

use std::io::Read;
use std::path::Path;

use coral_core::markdown;

use crate::args::{Input, Stream};

/// The text the user gave us, whole, and the name code frames call it by.
pub struct Document {
    pub name: String,
    pub text: String,
    /// Set when the bytes were not UTF-8 and had to be decoded lossily.
    pub lossy: bool,
}

/// The diagram to run, as a byte range of [`Document::text`].
pub struct Diagram {
    pub offset: usize,
    pub end: usize,
}

pub fn read(input: &Input) -> Result<Document, String> {
    let (name, bytes) = match &input.source {
        Stream::Std => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
            ("<stdin>".to_string(), bytes)
        }
        Stream::Path(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {}", path.display(), io_reason(&e)))?;
            (path.display().to_string(), bytes)
        }
    };
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Ok(Document { name, text, lossy })
}

/// The short reason, without Rust's "(os error 2)" suffix.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

/// Picks the diagram: block `index` (default 0) of a Markdown document, or the whole text
/// of a Mermaid file. `Err` says what exists when the asked-for block does not.
pub fn diagram(doc: &Document, input: &Input) -> Result<Diagram, String> {
    let blocks = markdown::mermaid_blocks(&doc.text);
    let index = input.index.unwrap_or(0);
    if blocks.is_empty() && !is_markdown_name(&input.source) {
        // Plain Mermaid: the file is one diagram, block 0.
        return match index {
            0 => Ok(Diagram { offset: 0, end: doc.text.len() }),
            n => Err(format!(
                "{} is a Mermaid file: it holds one diagram (index 0), so --index {n} is out of range",
                doc.name
            )),
        };
    }
    match blocks.get(index) {
        Some(b) => Ok(Diagram { offset: b.offset, end: b.offset + b.code.len() }),
        None if blocks.is_empty() => Err(format!("{} has no ```mermaid block", doc.name)),
        None => Err(format!(
            "{} has {} ```mermaid block{}, so --index {index} is out of range (use 0–{})",
            doc.name,
            blocks.len(),
            if blocks.len() == 1 { "" } else { "s" },
            blocks.len() - 1
        )),
    }
}

fn is_markdown_name(source: &Stream) -> bool {
    let Stream::Path(path) = source else { return false };
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}
