//! The app's components, one per region of the screen.

pub mod block_picker;
pub mod canvas;
pub mod code_layer;
pub mod completion;
pub mod diagnostics;
pub mod documents_menu;
pub mod drag;
pub mod editor;
pub mod export_menu;
pub mod find_bar;
pub mod help;
pub mod icon_finder;
pub mod link_config;
pub mod menu;
pub mod notice;
pub mod pane;
pub mod preview;
pub mod progress;
pub mod selection;
pub mod share_menu;
pub mod splitter;
pub mod theme_picker;
pub mod toolbar;
pub mod view;
