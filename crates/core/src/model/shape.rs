//! Node shapes: every shape Mermaid's flowchart knows, plus those of the other diagram types.
//!
//! [`Shape::from_name`] accepts the `@{ shape: … }` names and their aliases; the classic
//! bracket forms (`[..]`, `(..)`, `{..}`, …) map onto the same variants in the parser.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Shape {
    #[default]
    Rect,
    Rounded,
    Stadium,
    Subroutine,
    Cylinder,
    Circle,
    DoubleCircle,
    /// The legacy `A(-text-)` form: an ellipse around the label.
    Ellipse,
    Diamond,
    Hexagon,
    LeanRight,
    LeanLeft,
    /// Wider at the bottom (`[/ \]`, `trap-b`).
    Trapezoid,
    /// Wider at the top (`[\ /]`, `trap-t`).
    InvTrapezoid,
    /// `>label]`, `odd`.
    Asymmetric,
    /// Label only, no border.
    Text,
    NotchedRect,
    LinedRect,
    SmallCircle,
    FramedCircle,
    ForkJoin,
    Hourglass,
    BraceLeft,
    BraceRight,
    Braces,
    Bolt,
    Document,
    Delay,
    HorizontalCylinder,
    LinedCylinder,
    CurvedTrapezoid,
    DividedRect,
    Triangle,
    WindowPane,
    FilledCircle,
    NotchedPentagon,
    FlippedTriangle,
    SlopedRect,
    Documents,
    StackedRect,
    BowRect,
    CrossCircle,
    TaggedDocument,
    TaggedRect,
    Flag,
    LinedDocument,
    Cloud,
    Bang,
    DataStore,
    /// An icon with its label under it (`@{ icon: … }`, architecture services).
    Icon,
    /// An image (`@{ img: … }`).
    Image,
    /// An invisible routing point (architecture `junction`).
    Junction,
    /// C4: a person (head and rounded body).
    Person,
}

/// `(name, shape)` for every `@{ shape: name }` Mermaid accepts, aliases included.
const NAMES: &[(&str, Shape)] = &[
    ("rect", Shape::Rect),
    ("rectangle", Shape::Rect),
    ("proc", Shape::Rect),
    ("process", Shape::Rect),
    ("square", Shape::Rect),
    ("rounded", Shape::Rounded),
    ("event", Shape::Rounded),
    ("stadium", Shape::Stadium),
    ("pill", Shape::Stadium),
    ("terminal", Shape::Stadium),
    ("fr-rect", Shape::Subroutine),
    ("subroutine", Shape::Subroutine),
    ("subproc", Shape::Subroutine),
    ("subprocess", Shape::Subroutine),
    ("framed-rectangle", Shape::Subroutine),
    ("cyl", Shape::Cylinder),
    ("cylinder", Shape::Cylinder),
    ("db", Shape::Cylinder),
    ("database", Shape::Cylinder),
    ("circle", Shape::Circle),
    ("circ", Shape::Circle),
    ("dbl-circ", Shape::DoubleCircle),
    ("double-circle", Shape::DoubleCircle),
    ("diam", Shape::Diamond),
    ("diamond", Shape::Diamond),
    ("decision", Shape::Diamond),
    ("question", Shape::Diamond),
    ("hex", Shape::Hexagon),
    ("hexagon", Shape::Hexagon),
    ("prepare", Shape::Hexagon),
    ("lean-r", Shape::LeanRight),
    ("lean-right", Shape::LeanRight),
    ("in-out", Shape::LeanRight),
    ("lean-l", Shape::LeanLeft),
    ("lean-left", Shape::LeanLeft),
    ("out-in", Shape::LeanLeft),
    ("trap-b", Shape::Trapezoid),
    ("trapezoid", Shape::Trapezoid),
    ("trapezoid-bottom", Shape::Trapezoid),
    ("priority", Shape::Trapezoid),
    ("trap-t", Shape::InvTrapezoid),
    ("inv-trapezoid", Shape::InvTrapezoid),
    ("trapezoid-top", Shape::InvTrapezoid),
    ("manual", Shape::InvTrapezoid),
    ("odd", Shape::Asymmetric),
    ("text", Shape::Text),
    ("notch-rect", Shape::NotchedRect),
    ("card", Shape::NotchedRect),
    ("notched-rectangle", Shape::NotchedRect),
    ("lin-rect", Shape::LinedRect),
    ("lined-rectangle", Shape::LinedRect),
    ("lined-process", Shape::LinedRect),
    ("lin-proc", Shape::LinedRect),
    ("shaded-process", Shape::LinedRect),
    ("sm-circ", Shape::SmallCircle),
    ("small-circle", Shape::SmallCircle),
    ("start", Shape::SmallCircle),
    ("fr-circ", Shape::FramedCircle),
    ("framed-circle", Shape::FramedCircle),
    ("stop", Shape::FramedCircle),
    ("fork", Shape::ForkJoin),
    ("join", Shape::ForkJoin),
    ("hourglass", Shape::Hourglass),
    ("collate", Shape::Hourglass),
    ("brace", Shape::BraceLeft),
    ("brace-l", Shape::BraceLeft),
    ("comment", Shape::BraceLeft),
    ("brace-r", Shape::BraceRight),
    ("braces", Shape::Braces),
    ("bolt", Shape::Bolt),
    ("com-link", Shape::Bolt),
    ("lightning-bolt", Shape::Bolt),
    ("doc", Shape::Document),
    ("document", Shape::Document),
    ("delay", Shape::Delay),
    ("half-rounded-rectangle", Shape::Delay),
    ("h-cyl", Shape::HorizontalCylinder),
    ("das", Shape::HorizontalCylinder),
    ("horizontal-cylinder", Shape::HorizontalCylinder),
    ("lin-cyl", Shape::LinedCylinder),
    ("disk", Shape::LinedCylinder),
    ("lined-cylinder", Shape::LinedCylinder),
    ("curv-trap", Shape::CurvedTrapezoid),
    ("curved-trapezoid", Shape::CurvedTrapezoid),
    ("display", Shape::CurvedTrapezoid),
    ("div-rect", Shape::DividedRect),
    ("div-proc", Shape::DividedRect),
    ("divided-rectangle", Shape::DividedRect),
    ("divided-process", Shape::DividedRect),
    ("tri", Shape::Triangle),
    ("triangle", Shape::Triangle),
    ("extract", Shape::Triangle),
    ("win-pane", Shape::WindowPane),
    ("window-pane", Shape::WindowPane),
    ("internal-storage", Shape::WindowPane),
    ("f-circ", Shape::FilledCircle),
    ("filled-circle", Shape::FilledCircle),
    ("junction", Shape::FilledCircle),
    ("notch-pent", Shape::NotchedPentagon),
    ("notched-pentagon", Shape::NotchedPentagon),
    ("loop-limit", Shape::NotchedPentagon),
    ("flip-tri", Shape::FlippedTriangle),
    ("flipped-triangle", Shape::FlippedTriangle),
    ("manual-file", Shape::FlippedTriangle),
    ("sl-rect", Shape::SlopedRect),
    ("sloped-rectangle", Shape::SlopedRect),
    ("manual-input", Shape::SlopedRect),
    ("docs", Shape::Documents),
    ("documents", Shape::Documents),
    ("st-doc", Shape::Documents),
    ("stacked-document", Shape::Documents),
    ("st-rect", Shape::StackedRect),
    ("stacked-rectangle", Shape::StackedRect),
    ("procs", Shape::StackedRect),
    ("processes", Shape::StackedRect),
    ("bow-rect", Shape::BowRect),
    ("bow-tie-rectangle", Shape::BowRect),
    ("stored-data", Shape::BowRect),
    ("cross-circ", Shape::CrossCircle),
    ("crossed-circle", Shape::CrossCircle),
    ("summary", Shape::CrossCircle),
    ("tag-doc", Shape::TaggedDocument),
    ("tagged-document", Shape::TaggedDocument),
    ("tag-rect", Shape::TaggedRect),
    ("tagged-rectangle", Shape::TaggedRect),
    ("tag-proc", Shape::TaggedRect),
    ("tagged-process", Shape::TaggedRect),
    ("flag", Shape::Flag),
    ("paper-tape", Shape::Flag),
    ("lin-doc", Shape::LinedDocument),
    ("lined-document", Shape::LinedDocument),
    ("cloud", Shape::Cloud),
    ("bang", Shape::Bang),
    ("datastore", Shape::DataStore),
    ("data-store", Shape::DataStore),
];

impl Shape {
    /// The shape named in `@{ shape: NAME }`, aliases included (case-insensitive).
    pub fn from_name(name: &str) -> Option<Shape> {
        let name = name.trim();
        NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, s)| s)
    }

    /// Every accepted shape name, for completion and "did you mean" hints.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(n, _)| *n)
    }

    /// The CSS class the SVG gives nodes of this shape (its primary Mermaid name).
    pub fn class_name(self) -> &'static str {
        match self {
            Shape::Icon => "icon",
            Shape::Image => "image",
            Shape::Junction => "junction",
            Shape::Person => "person",
            Shape::Ellipse => "ellipse",
            _ => NAMES.iter().find(|(_, s)| *s == self).map_or("rect", |(n, _)| n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_resolve() {
        assert_eq!(Shape::from_name("DB"), Some(Shape::Cylinder));
        assert_eq!(Shape::from_name("manual-input"), Some(Shape::SlopedRect));
        assert_eq!(Shape::from_name("nope"), None);
        assert_eq!(Shape::Cylinder.class_name(), "cyl");
    }
}
