//! Text → [`Diagram`]: frontmatter, directives, diagram-type detection and one parser per
//! diagram type. Parsing never fails: it returns what it understood and the diagnostics.

use crate::diagnostic::Diagnostic;
use crate::model::Diagram;

/// What [`parse`] understood. `diagram.kind` is `None` when the text holds no diagram
/// we can draw (empty, unknown or not yet supported type).
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub diagram: Diagram,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse(_source: &str) -> Parsed {
    Parsed::default()
}
