//! Layout: pure geometry for a [`Diagram`].
use crate::model::{Diagram, Point};

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// An axis-aligned box; `x`,`y` is the top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The measured sizes layout needs, parallel to the diagram's vectors.
#[derive(Clone, Debug, Default)]
pub struct Sizes {
    pub nodes: Vec<Size>,
    pub cluster_titles: Vec<Size>,
    pub edge_labels: Vec<Option<Size>>,
}

#[derive(Clone, Debug, Default)]
pub struct EdgeRoute {
    pub points: Vec<Point>,
    pub label: Option<Rect>,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Rect>,
    pub clusters: Vec<Rect>,
    pub edges: Vec<EdgeRoute>,
}

pub fn layout(_d: &Diagram, _s: &Sizes) -> Layout {
    Layout::default()
}
