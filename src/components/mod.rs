//! The app's components, one per region of the screen.

pub mod canvas;
pub mod diagnostics;
pub mod drag;
pub mod editor;
pub mod icon_finder;
pub mod pane;
pub mod preview;
pub mod selection;
pub mod splitter;
pub mod theme_picker;
pub mod toolbar;
