//! A drawing made in one place and used in another: the app lays large diagrams out in a
//! Web Worker and shows them on the page, where dragging, selection and the links between
//! text and diagram need the [`Drawing`] (model and scene) behind the SVG.
//!
//! Only what is expensive to make crosses over: the SVG and the [`layout::Scene`]
//! (geometry and what moving needs), the scene as JSON. The model does not: the page
//! reads the same text with the same options again ([`receive`]; parsing is the cheap
//! front of the pipeline, a few percent of it) and gets the same [`crate::Diagram`],
//! element for element, which is also where its diagnostics and title come from. A scene
//! that does not fit the model read (other counts of nodes, clusters or edges: never, for
//! the same input) is refused rather than trusted, so a drag can never index past it.
//!
//! [`Job`] is what the page asks for: the text, the options as plain values and the icon
//! bodies the worker has not been sent yet (the cache lives on the page; the worker keeps
//! its own copy, [`IconSet`], which only grows).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::config::ThemeName;
use crate::icons::{IconData, IconSource};
use crate::{Drawing, Output, Read, RenderOptions, layout, share};

/// One icon body fetched by the page, as the worker is sent it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Icon {
    pub pack: String,
    pub name: String,
    pub width: f64,
    pub height: f64,
    pub body: String,
}

/// A request to draw `text`, numbered so that an answer to an older one can be told
/// apart and dropped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub generation: u64,
    pub text: String,
    /// [`RenderOptions::theme`], by name.
    pub theme: Option<String>,
    /// The site configuration as JSON ([`share::site_config`] reads it; empty: none).
    pub site: String,
    /// Icons to add to the worker's set before drawing.
    pub icons: Vec<Icon>,
    /// [`RenderOptions::previous`]: the drawing on screen when the job was sent.
    #[serde(default)]
    pub previous: Option<crate::Previous>,
}

impl Job {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn decode(json: &str) -> Option<Job> {
        serde_json::from_str(json).ok()
    }

    /// The theme this job asks for (an unknown name draws as the text says).
    pub fn theme(&self) -> Option<ThemeName> {
        self.theme.as_deref().and_then(ThemeName::parse)
    }

    /// The site configuration, read as the page reads it (`None` when it is the default).
    pub fn site(&self) -> Option<crate::config::Config> {
        if self.site.is_empty() {
            return None;
        }
        let (site, _) = share::site_config(&self.site);
        (site != crate::config::Config::default()).then_some(site)
    }
}

/// The icons a worker has been sent, by `pack:name`.
#[derive(Clone, Debug, Default)]
pub struct IconSet {
    icons: HashMap<(String, String), Icon>,
}

impl IconSet {
    pub fn extend(&mut self, icons: impl IntoIterator<Item = Icon>) {
        self.icons.extend(icons.into_iter().map(|i| ((i.pack.clone(), i.name.clone()), i)));
    }

    pub fn len(&self) -> usize {
        self.icons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.icons.is_empty()
    }
}

impl IconSource for IconSet {
    fn icon(&self, pack: &str, name: &str) -> Option<IconData<'_>> {
        let i = self.icons.get(&(pack.to_string(), name.to_string()))?;
        Some(IconData { width: i.width, height: i.height, body: std::borrow::Cow::Borrowed(&i.body) })
    }
}

/// What the worker hands back: the SVG, and the scene it was written from as JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub svg: Option<String>,
    pub scene: Option<String>,
}

/// The worker's half: the whole pipeline, the scene encoded for the page.
pub fn make(text: &str, icons: &dyn IconSource, options: &RenderOptions) -> Made {
    let (out, drawing) = crate::render_drawing(text, icons, options);
    Made { svg: out.svg, scene: drawing.and_then(|d| serde_json::to_string(&d.scene).ok()) }
}

/// The page's half: `text` read again with the same options (diagnostics, title, model),
/// and the [`Drawing`] made of that model and the `scene` [`make`] encoded. `svg` is
/// passed through as [`Output::svg`]. No drawing when the scene is missing, unreadable
/// or does not fit the model.
pub fn receive(
    text: &str,
    options: &RenderOptions,
    svg: Option<String>,
    scene: Option<&str>,
) -> (Output, Option<Drawing>) {
    crate::in_block(text, |source| {
        let Read { diagram, diagnostics, title, drawable } = crate::read(source, options);
        let scene = scene.filter(|_| drawable).and_then(|s| serde_json::from_str::<layout::Scene>(s).ok());
        let drawing = scene.filter(|s| fits(s.layout(), &diagram)).map(|scene| Drawing { diagram, scene });
        (Output { svg: svg.filter(|_| drawable), diagnostics, title }, drawing)
    })
}

/// Whether `layout` has exactly one box or route per element of `d`.
fn fits(layout: &layout::Layout, d: &crate::Diagram) -> bool {
    layout.nodes.len() == d.nodes.len()
        && layout.clusters.len() == d.clusters.len()
        && layout.edges.len() == d.edges.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::icons::NoPacks;
    use crate::model::Endpoint;

    const TEXT: &str = "flowchart LR\n  subgraph S [Group]\n    A[Start] --> B{Choice}\n  end\n  B -->|yes| C\n  \
                        B --> D:::x\n  C ~~~ Z\n  X@{ shape: cyl }\n  oops -->\n";

    fn same_drawing(a: &Drawing, b: &Drawing) {
        assert_eq!(a.scene.layout(), b.scene.layout());
        assert_eq!(format!("{:?}", a.diagram), format!("{:?}", b.diagram));
        assert_eq!(format!("{:?}", a.scene), format!("{:?}", b.scene));
    }

    #[test]
    fn a_received_drawing_is_the_one_drawn_here() {
        let site = r#"{"flowchart": {"curve": "linear"}}"#;
        let job = Job {
            generation: 3,
            text: TEXT.into(),
            theme: Some("dark".into()),
            site: site.into(),
            icons: vec![],
            previous: None,
        };
        let job = Job::decode(&job.encode()).expect("a job reads back");
        let site = job.site();
        let options = RenderOptions { theme: job.theme(), site: site.as_ref(), previous: job.previous.as_ref() };
        assert_eq!(options.theme, Some(ThemeName::Dark));
        assert!(options.site.is_some());
        let made = make(&job.text, &NoPacks, &options);
        let (out, drawing) = receive(&job.text, &options, made.svg.clone(), made.scene.as_deref());
        let (here, here_drawing) = crate::render_drawing(&job.text, &NoPacks, &options);
        assert_eq!(out.svg, here.svg);
        assert_eq!(out.title, here.title);
        assert_eq!(format!("{:?}", out.diagnostics), format!("{:?}", here.diagnostics));
        assert!(out.has_errors(), "the broken last line is reported");
        let (mut drawing, mut here_drawing) = (drawing.expect("a drawing"), here_drawing.expect("a drawing"));
        same_drawing(&drawing, &here_drawing);
        // Both move the same way: the received scene is a working one, not only a picture.
        for d in [&mut drawing, &mut here_drawing] {
            let to = crate::model::Point { x: 40.0, y: 300.0 };
            d.scene.displace(&d.diagram, Endpoint::Node(0), to);
            d.scene.settle(&d.diagram);
        }
        same_drawing(&drawing, &here_drawing);
    }

    #[test]
    fn a_markdown_document_s_spans_come_through() {
        let text = "# Notes\n\n```mermaid\nflowchart TD\n  A --> B\n  B --> C\n  C --> \n```\n";
        let (here, here_drawing) = crate::render_drawing(text, &NoPacks, &RenderOptions::default());
        let made = make(text, &NoPacks, &RenderOptions::default());
        let (out, drawing) = receive(text, &RenderOptions::default(), made.svg, made.scene.as_deref());
        assert_eq!(format!("{:?}", out.diagnostics), format!("{:?}", here.diagnostics));
        same_drawing(&drawing.expect("a drawing"), &here_drawing.expect("a drawing"));
    }

    #[test]
    fn a_scene_that_does_not_fit_is_refused() {
        let options = RenderOptions::default();
        let made = make("flowchart TD\n  A --> B\n", &NoPacks, &options);
        let scene = made.scene.as_deref();
        let (out, drawing) = receive("flowchart TD\n  A --> B --> C\n", &options, made.svg.clone(), scene);
        assert!(out.svg.is_some());
        assert!(drawing.is_none(), "a scene of two nodes for three");
        for broken in ["", "{", "null", "[1, 2]", "{\"layout\": 5}"] {
            let (_, drawing) = receive("flowchart TD\n  A --> B\n", &options, made.svg.clone(), Some(broken));
            assert!(drawing.is_none(), "{broken:?}");
        }
        // Text without a diagram draws nothing, whatever came with it.
        let (out, drawing) = receive("hello", &options, made.svg.clone(), scene);
        assert!(out.svg.is_none() && drawing.is_none());
        assert!(Job::decode("{\"generation\": -1}").is_none());
    }

    #[test]
    fn the_worker_draws_the_icons_it_was_sent() {
        let text = "architecture-beta\n  service a(logos:aws)[A]\n";
        let mut set = IconSet::default();
        let pending = make(text, &set, &RenderOptions::default()).svg.expect("an svg");
        assert!(pending.contains("icon-pending"), "{pending}");
        set.extend([Icon {
            pack: "logos".into(),
            name: "aws".into(),
            width: 24.0,
            height: 24.0,
            body: "<path d=\"M0 0h24v24z\"/>".into(),
        }]);
        assert_eq!(set.len(), 1);
        let drawn = make(text, &set, &RenderOptions::default()).svg.expect("an svg");
        assert!(!drawn.contains("icon-pending"), "{drawn}");
        assert!(drawn.contains("M0 0h24v24z"), "{drawn}");
    }
}
