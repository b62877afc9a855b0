//! `UpdateElementStyle`, `UpdateBoundaryStyle`, `UpdateRelStyle`, `UpdateLayoutConfig`
//! and the C4-PlantUML macros that are accepted and ignored, applied after every
//! element and relation exists (so a style may stand above what it styles).
//!
//! Colours pass [`safe_css_value`] (else a warning, and the colour is left out);
//! `$shadowing`, `$shape` and the row sizes are checked; what Coral does not draw
//! (`$legendText`, offsets) gets an information note.

use super::{Lowering, type_line};
use crate::diagnostic::Diagnostic;
use crate::model::style::safe_css_value;
use crate::model::{Diagram, Endpoint, Shape, Style};
use crate::syntax::c4::ast::{Call, Value};
use crate::syntax::codes;
use crate::syntax::suggest::did_you_mean;

impl Lowering<'_, '_> {
    /// A colour argument, when it is safe to write into SVG (otherwise reported).
    fn color(&mut self, call: &Call, param: &str) -> Option<String> {
        let v = call.text(param)?;
        if safe_css_value(&v.text) {
            return Some(v.text.clone());
        }
        self.diags.push(
            Diagnostic::warning(
                codes::C4_UNSAFE_COLOR,
                v.span,
                format!("`${param}` is not a colour Coral can use; ignored"),
            )
            .with_help("write a plain colour: `#1168bd`, `rgb(17, 104, 189)` or a name such as `grey`"),
        );
        None
    }

    /// The element or boundary `v` names, or `None` (reported) when nothing has that alias.
    fn styled(&mut self, v: &Value, macro_name: &str) -> Option<Endpoint> {
        if let Some(e) = self.names.get(v.text.as_str()) {
            return Some(e.end);
        }
        let help = did_you_mean(&v.text, self.order.iter().copied()).unwrap_or_else(|| {
            format!("`{macro_name}` names an element or boundary declared somewhere in the diagram")
        });
        self.diags.push(
            Diagnostic::warning(
                codes::C4_STYLE_UNKNOWN_ALIAS,
                v.span,
                format!("there is no element `{}` to style; ignored", v.text),
            )
            .with_help(help),
        );
        None
    }

    fn not_drawn(&mut self, v: &Value, message: impl Into<String>, help: &str) {
        self.diags.push(Diagnostic::info(codes::C4_NOT_DRAWN, v.span, message).with_help(help));
    }

    fn bad_value(&mut self, v: &Value, message: String, help: &str) {
        self.diags.push(Diagnostic::warning(codes::C4_BAD_VALUE, v.span, message).with_help(help));
    }

    pub(super) fn element_style(&mut self, d: &mut Diagram, call: &Call) {
        let Some(target) = call.text("elementName") else { return };
        let Some(end) = self.styled(target, &call.name.name) else { return };
        let mut style = Style::default();
        for (param, property) in [("bgColor", "fill"), ("fontColor", "color"), ("borderColor", "stroke")] {
            if let Some(c) = self.color(call, param) {
                style.set(property, &c);
            }
        }
        let shadow = call.text("shadowing").and_then(|v| match v.text.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.bad_value(
                    v,
                    format!("`{}` is not a valid `$shadowing`; ignored", v.text),
                    "write `\"true\"` or `\"false\"`",
                );
                None
            }
        });
        let shape = call.text("shape").and_then(|v| self.shape(v, end));
        for param in ["legendText", "legendSprite"] {
            if let Some(v) = call.text(param) {
                self.not_drawn(
                    v,
                    format!("Coral draws no legend; `${param}` is ignored"),
                    "the other styles of this call still apply",
                );
            }
        }
        let techn = call.text("techn");
        if let (Some(v), Endpoint::Cluster(_)) = (techn, end) {
            self.not_drawn(
                v,
                "`$techn` has no effect on a boundary",
                "a boundary's type line comes from its macro (and a deployment node's `$type`)",
            );
        }
        let sprite = call.text("sprite").map(|v| v.text.clone());
        if let (Some(v), Endpoint::Node(n)) = (call.text("sprite"), end) {
            self.sprite_spans.insert(n, v.span);
        }
        let (own, c4) = match end {
            Endpoint::Node(n) => {
                let node = &mut d.nodes[n];
                if let Some(s) = shape {
                    node.shape = s;
                }
                (&mut node.style, &mut node.c4)
            }
            Endpoint::Cluster(c) => {
                let cluster = &mut d.clusters[c];
                (&mut cluster.style, &mut cluster.c4)
            }
        };
        *own = own.merged(&style);
        let Some(c4) = c4 else { return };
        if let Some(s) = shadow {
            c4.shadow = s;
        }
        if sprite.is_some() {
            c4.sprite = sprite;
        }
        if let (Some(t), Endpoint::Node(_)) = (techn, end) {
            c4.type_line = Some(type_line(c4.kind, Some(&t.text)));
        }
    }

    /// `$shape`: C4-PlantUML's `RoundedBoxShape()` and the shape keywords Mermaid reads.
    fn shape(&mut self, v: &Value, end: Endpoint) -> Option<Shape> {
        if matches!(end, Endpoint::Cluster(_)) {
            self.bad_value(
                v,
                "boundaries are always drawn as boxes; `$shape` is ignored".to_string(),
                "remove `$shape`",
            );
            return None;
        }
        let name = v.text.trim_end_matches("()").to_ascii_lowercase();
        let shape = match name.as_str() {
            "roundedboxshape" | "rounded" | "box" => Shape::Rounded,
            "cylinder" | "database" | "db" => Shape::Cylinder,
            "queue" | "pipe" => Shape::HorizontalCylinder,
            "person" => Shape::Person,
            _ => {
                self.bad_value(
                    v,
                    format!("Coral has no C4 shape `{}`; ignored", v.text),
                    "write `RoundedBoxShape()`, `cylinder`, `queue` or `person`",
                );
                return None;
            }
        };
        Some(shape)
    }

    pub(super) fn rel_style(&mut self, d: &mut Diagram, call: &Call) {
        let (Some(from), Some(to)) = (call.text("from"), call.text("to")) else { return };
        let known = [from, to].map(|v| self.styled(v, &call.name.name).is_some());
        let mut style = Style::default();
        if let Some(c) = self.color(call, "textColor") {
            style.set("color", &c);
        }
        if let Some(c) = self.color(call, "lineColor") {
            style.set("stroke", &c);
        }
        for param in ["offsetX", "offsetY"] {
            if let Some(v) = call.text(param) {
                self.diags.push(
                    Diagnostic::info(codes::C4_OFFSET_IGNORED, v.span, format!("`${param}` is not applied"))
                        .with_help("Coral places relation labels clear of everything; offsets are not applied"),
                );
            }
        }
        if known.contains(&false) {
            return;
        }
        let mut any = false;
        for (e, &(a, b, relation)) in d.edges.iter_mut().zip(&self.written) {
            if relation && a == from.text && b == to.text {
                e.style = e.style.merged(&style);
                any = true;
            }
        }
        if !any {
            let reverse = self.written.iter().any(|&(a, b, r)| r && a == to.text && b == from.text);
            let help = if reverse {
                format!(
                    "there is one from `{}` to `{}`: write `UpdateRelStyle({}, {}, …)`",
                    to.text, from.text, to.text, from.text
                )
            } else {
                format!("draw it first, as in `Rel({}, {}, \"Uses\")`", from.text, to.text)
            };
            self.diags.push(
                Diagnostic::warning(
                    codes::C4_STYLE_NO_RELATION,
                    from.span.cover(to.span),
                    format!("there is no relation from `{}` to `{}` to style; ignored", from.text, to.text),
                )
                .with_help(help),
            );
        }
    }

    pub(super) fn layout_config(&mut self, d: &mut Diagram, call: &Call) {
        for param in ["c4ShapeInRow", "c4BoundaryInRow"] {
            let Some(v) = call.text(param) else { continue };
            match v.text.parse::<usize>().ok().filter(|n| (1..=100).contains(n)) {
                Some(n) if param == "c4ShapeInRow" => d.config.c4.shape_in_row = Some(n),
                Some(n) => d.config.c4.boundary_in_row = Some(n),
                None => {
                    let help = format!("write a whole number from 1 to 100, as in `${param}=\"2\"`");
                    self.bad_value(v, format!("`{}` is not a valid `${param}`; ignored", v.text), &help);
                }
            }
        }
    }

    pub(super) fn ignored(&mut self, call: &Call) {
        let name = call.name.name.as_str();
        let why = if name.contains("Tag") {
            "Coral does not apply tag styles yet; style elements one by one with `UpdateElementStyle`"
        } else if name.contains("LEGEND") {
            "Coral draws no legend"
        } else {
            "it changes nothing in Coral's drawing"
        };
        self.diags.push(
            Diagnostic::info(codes::C4_MACRO_IGNORED, call.name.span, format!("`{name}` is accepted and ignored"))
                .with_help(why),
        );
    }
}
