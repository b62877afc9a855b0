//! The app's components, one per region of the screen.

pub mod diagnostics;
pub mod editor;
pub mod icon_finder;
pub mod preview;
pub mod splitter;
pub mod theme_picker;
pub mod toolbar;
