//! Lowering: syntax trees → the one [`Diagram`](crate::model::Diagram) model.
//!
//! This is where names become indices: node ids are resolved (to nodes, or to clusters
//! when they name a subgraph), subgraph membership is decided, edge ids are assigned,
//! and `classDef`/`class`/`style`/`linkStyle` are resolved into plain [`Style`] values.
//! Lowering never fails either; what cannot be resolved is reported and left out.
//! One file per diagram type: `flowchart.rs`, `architecture.rs`, and `c4/` (elements and
//! relations in `mod.rs`, the `Update…` macros in `style.rs`).
//!
//! [`Style`]: crate::model::Style

mod architecture;
mod c4;
mod flowchart;
mod membership;
mod styling;

pub use architecture::architecture;
pub use c4::c4;
pub use flowchart::flowchart;
