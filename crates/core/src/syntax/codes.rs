//! The stable diagnostic codes of the syntax stage, in one place.
//!
//! Codes never change meaning once released: editors, docs and tests refer to them.
//! `E…` errors (something was not understood and is missing from the drawing), `W…`
//! warnings (understood, but ignored or changed), `I…` information (understood, and
//! Coral did something worth knowing). Lowering (`model::lower`) reports with the same
//! codes.

// Diagram type and header.
pub const UNKNOWN_DIAGRAM_TYPE: &str = "E0001";
/// No longer reported: every type Coral means to draw is drawn (C4 was the last).
/// Kept so the code is never reused.
pub const DIAGRAM_TYPE_NOT_YET_SUPPORTED: &str = "E0002";
pub const DIAGRAM_TYPE_UNSUPPORTED: &str = "E0003";
pub const BAD_DIRECTION: &str = "E0004";
pub const TOO_MANY_DIAGNOSTICS: &str = "I0001";

// Frontmatter, directives and configuration.
pub const FRONTMATTER_UNCLOSED: &str = "E0101";
pub const YAML_SYNTAX: &str = "E0102";
pub const DIRECTIVE_UNCLOSED: &str = "E0103";
pub const CONFIG_UNKNOWN_KEY: &str = "W0101";
pub const CONFIG_SECURE_KEY: &str = "W0102";
pub const CONFIG_UNSAFE_VALUE: &str = "W0103";
pub const CONFIG_BAD_VALUE: &str = "W0104";
pub const DIRECTIVE_UNKNOWN: &str = "W0105";
pub const CONFIG_TOO_DEEP: &str = "W0106";
pub const CONFIG_IGNORED_OPTION: &str = "I0101";
/// A stored position (`config.coral.positions`) names no node or group of the diagram.
pub const POSITION_UNKNOWN_ID: &str = "I0102";

// Flowchart statements.
pub const UNEXPECTED: &str = "E0201";
pub const UNTERMINATED_STRING: &str = "E0202";
pub const UNCLOSED_SHAPE: &str = "E0203";
pub const UNCLOSED_SUBGRAPH: &str = "E0204";
pub const END_WITHOUT_SUBGRAPH: &str = "E0205";
pub const EDGE_WITHOUT_TARGET: &str = "E0206";
pub const UNCLOSED_EDGE_LABEL: &str = "E0207";
pub const BAD_ARROW: &str = "E0208";
pub const UNKNOWN_SHAPE: &str = "E0209";
pub const BAD_SHAPE_DATA: &str = "E0210";
pub const LINK_INDEX_OUT_OF_RANGE: &str = "E0211";
pub const MISSING_ARGUMENT: &str = "E0212";
pub const UNCLOSED_ACC_DESCR: &str = "E0213";
pub const NESTING_TOO_DEEP: &str = "E0214";

pub const UNKNOWN_SHAPE_KEY: &str = "W0201";
pub const BAD_SHAPE_DATA_VALUE: &str = "W0216";
/// Portability: Mermaid rejects this text although Coral draws it.
pub const MERMAID_REJECTS_KEYWORD_ID: &str = "W0217";
pub const MERMAID_REJECTS_LABEL_CHAR: &str = "W0218";
pub const MERMAID_REJECTS_TRAILING_COMMENT: &str = "W0219";
pub const UNSAFE_STYLE: &str = "W0202";
pub const CALLBACK_IGNORED: &str = "W0203";
pub const UNSAFE_URL: &str = "W0204";
/// No longer reported: Font Awesome icons in labels are drawn (unknown ones get
/// [`ICON_SUBSTITUTE`] or [`ICON_UNKNOWN`]). Kept so the code is never reused.
pub const FONT_AWESOME: &str = "W0205";
pub const UNDEFINED_TARGET: &str = "W0206";
pub const UNDEFINED_CLASS: &str = "W0207";
pub const ARROW_EATS_LETTER: &str = "W0208";
pub const DUPLICATE_EDGE_ID: &str = "W0209";
pub const SUBGRAPH_SHAPE_IGNORED: &str = "W0210";
pub const DUPLICATE_SUBGRAPH_ID: &str = "W0211";
pub const TOP_LEVEL_DIRECTION: &str = "W0212";
pub const UNKNOWN_CURVE: &str = "W0213";
pub const STYLE_CREATES_NODE: &str = "W0214";
pub const DOUBLE_EDGE_LABEL: &str = "W0215";

pub const EDGE_TO_TITLED_SUBGRAPH: &str = "I0201";

// Icons (any diagram type): 05xx.
pub const ICON_SUBSTITUTE: &str = "W0501";
pub const ICON_UNKNOWN: &str = "W0502";

// Drawing.
pub const DIAGRAM_TOO_LARGE: &str = "E0301";

// Architecture statements (`architecture-beta`). E03xx is taken by drawing limits.
pub const ARCH_UNEXPECTED: &str = "E0401";
pub const ARCH_BAD_SIDE: &str = "E0402";
pub const ARCH_UNKNOWN_ID: &str = "E0403";
pub const ARCH_DUPLICATE_ID: &str = "E0404";
pub const ARCH_UNKNOWN_PARENT: &str = "E0405";
pub const ARCH_PARENT_NOT_GROUP: &str = "E0406";
pub const ARCH_NESTING_CYCLE: &str = "E0407";
pub const ARCH_UNCLOSED: &str = "E0408";
pub const ARCH_TITLE_WITHOUT_BRACKETS: &str = "E0409";
pub const ARCH_FOREIGN_STATEMENT: &str = "E0410";
pub const ARCH_EDGE_TO_GROUP: &str = "E0411";
pub const ARCH_GROUP_EDGE_SAME_GROUP: &str = "E0412";
pub const ARCH_BAD_ARROW: &str = "E0413";

pub const ARCH_GROUP_MODIFIER_IGNORED: &str = "W0401";
pub const ARCH_PARENT_DECLARED_LATER: &str = "W0402";

// C4 statements (`C4Context`, `C4Container`, `C4Component`, `C4Dynamic`, `C4Deployment`).
pub const C4_UNEXPECTED: &str = "E0601";
pub const C4_UNKNOWN_MACRO: &str = "E0602";
pub const C4_TOO_MANY_ARGUMENTS: &str = "E0603";
pub const C4_MISSING_ARGUMENT: &str = "E0604";
pub const C4_UNKNOWN_ALIAS: &str = "E0605";
pub const C4_DUPLICATE_ALIAS: &str = "E0606";
pub const C4_UNCLOSED_BOUNDARY: &str = "E0607";
pub const C4_STRAY_CLOSE: &str = "E0608";
pub const C4_UNTERMINATED_STRING: &str = "E0609";
pub const C4_BODY_AFTER_ELEMENT: &str = "E0610";
pub const C4_UNCLOSED_PAREN: &str = "E0611";
pub const C4_BOUNDARY_WITHOUT_BODY: &str = "E0612";
pub const C4_NESTING_TOO_DEEP: &str = "E0613";

pub const C4_UNKNOWN_NAMED_ARGUMENT: &str = "W0601";
pub const C4_UNSAFE_LINK: &str = "W0602";
pub const C4_BAD_VALUE: &str = "W0603";
pub const C4_UNSAFE_COLOR: &str = "W0604";
pub const C4_STYLE_UNKNOWN_ALIAS: &str = "W0605";
pub const C4_STYLE_NO_RELATION: &str = "W0606";
pub const C4_ARGUMENT_TWICE: &str = "W0607";
pub const C4_RELATION_REPLACED: &str = "W0608";

pub const C4_OFFSET_IGNORED: &str = "I0601";
pub const C4_MACRO_IGNORED: &str = "I0602";
pub const C4_INDEX_RENUMBERED: &str = "I0603";
pub const C4_NOT_DRAWN: &str = "I0604";
