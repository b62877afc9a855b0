//! Finding the Mermaid diagram inside a Markdown document.
//!
//! Users paste README sections; the diagram is the first fenced block whose info string
//! is `mermaid` (```` ``` ```` or `~~~` fences, any indentation up to three spaces, as
//! CommonMark allows). Text that has no such block is taken to be Mermaid itself.

/// A fenced Mermaid block: its code and the byte offset of that code in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block<'a> {
    pub code: &'a str,
    pub offset: usize,
}

/// Every ```` ```mermaid ```` block of `doc`, in order. An unclosed fence runs to the end
/// of the document, as CommonMark says.
pub fn mermaid_blocks(doc: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    let mut open: Option<(char, usize, usize)> = None; // (fence char, fence length, code start)
    let mut other_fence: Option<(char, usize)> = None;
    while pos < doc.len() {
        let end = doc[pos..].find('\n').map_or(doc.len(), |i| pos + i + 1);
        let line = &doc[pos..end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_start_matches(' ');
        let fence = fence_of(body).filter(|_| indent <= 3);
        // A fence closes an open one when it uses the same character, is at least as long
        // and carries no info string.
        let closes =
            |c: char, n: usize| fence.is_some_and(|(fc, fnn, info)| fc == c && fnn >= n && info.trim().is_empty());
        if let Some((c, n, start)) = open {
            if closes(c, n) {
                blocks.push(Block { code: &doc[start..pos], offset: start });
                open = None;
            }
        } else if let Some((c, n)) = other_fence {
            if closes(c, n) {
                other_fence = None;
            }
        } else if let Some((c, n, info)) = fence {
            if info.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("mermaid")) {
                open = Some((c, n, end));
            } else {
                other_fence = Some((c, n));
            }
        }
        pos = end;
    }
    if let Some((_, _, start)) = open {
        blocks.push(Block { code: &doc[start.min(doc.len())..], offset: start.min(doc.len()) });
    }
    blocks
}

/// `(fence char, fence length, info string)` when `line` opens or closes a fence.
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|&x| x == c).count();
    if n < 3 {
        return None;
    }
    let info = line[n..].trim_end_matches(['\n', '\r']);
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((c, n, info))
}

/// The `index`-th Mermaid block of a Markdown document, or `None` when the text has no
/// Mermaid fence at all (it is then Mermaid itself).
pub fn diagram_source(doc: &str, index: usize) -> Option<Block<'_>> {
    mermaid_blocks(doc).into_iter().nth(index)
}

/// A Mermaid block as a chooser lists it, when a Markdown file holds several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockInfo<'a> {
    pub block: Block<'a>,
    /// 1-based line of the block's first code line in the document.
    pub line: usize,
    /// The nearest Markdown heading above the block (`## Deployment` → `Deployment`).
    pub heading: Option<&'a str>,
    /// The diagram's header line (`flowchart LR`, `architecture-beta`), past any
    /// frontmatter, directives and comments; at most 60 characters.
    pub header: String,
    pub lines: usize,
}

/// Every Mermaid block of `doc`, described for a chooser.
pub fn describe(doc: &str) -> Vec<BlockInfo<'_>> {
    mermaid_blocks(doc)
        .into_iter()
        .map(|block| {
            let before = &doc[..block.offset];
            let heading = before
                .lines()
                .rev()
                .map(|l| l.trim_start_matches(' '))
                .find(|l| l.starts_with('#') && l.trim_start_matches('#').starts_with(' '))
                .map(|l| l.trim_start_matches('#').trim().trim_end_matches('#').trim())
                .filter(|h| !h.is_empty());
            let mut in_front = false;
            let header = block
                .code
                .lines()
                .map(str::trim)
                .find(|l| {
                    if *l == "---" {
                        in_front = !in_front;
                        return false;
                    }
                    !in_front && !l.is_empty() && !l.starts_with("%%")
                })
                .unwrap_or("")
                .chars()
                .take(60)
                .collect();
            BlockInfo {
                line: before.matches('\n').count() + 1,
                heading,
                header,
                lines: block.code.lines().count(),
                block,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_offsets() {
        let doc = "# T\n\n```js\nx\n```\n\n```mermaid\nflowchart LR\nA-->B\n```\n~~~ mermaid\ngraph TD\n";
        let b = mermaid_blocks(doc);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].code, "flowchart LR\nA-->B\n");
        assert_eq!(&doc[b[0].offset..b[0].offset + 12], "flowchart LR");
        assert_eq!(b[1].code, "graph TD\n");
    }

    #[test]
    fn plain_mermaid_has_no_block() {
        assert!(diagram_source("flowchart LR\nA-->B", 0).is_none());
    }

    #[test]
    fn describes_blocks_for_a_chooser() {
        let doc = "# Guide\n\n## Deploy ##\n```mermaid\n---\ntitle: T\n---\n%%{init: {}}%%\nflowchart LR\n  A-->B\n```\n\
                   text\n```mermaid\n\n  architecture-beta\n```\n";
        let d = describe(doc);
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[0].heading, d[0].header.as_str(), d[0].lines), (5, Some("Deploy"), "flowchart LR", 6));
        assert_eq!(
            (d[1].line, d[1].heading, d[1].header.as_str(), d[1].lines),
            (14, Some("Deploy"), "architecture-beta", 2)
        );
        assert_eq!(describe("```mermaid\n```")[0].heading, None);
    }
}
