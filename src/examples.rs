//! The example gallery: the five seed diagrams, embedded in the binary.
//!
//! Each file in `assets/examples/` is the seed's ```` ```mermaid ```` block copied verbatim,
//! named by its content. Embedding them with `include_str!` keeps the app one request and
//! makes the gallery work offline.

pub struct Example {
    /// Stable id, used as the `<option>` value (the file name without `.mmd`).
    pub id: &'static str,
    /// What the menu shows.
    pub title: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: [Example; 5] = [
    Example {
        id: "000-microservices-platform",
        title: "Microservices platform — architecture",
        text: include_str!("../assets/examples/000-microservices-platform.mmd"),
    },
    Example {
        id: "001-multi-cloud-microservices",
        title: "Multi-cloud microservices — architecture",
        text: include_str!("../assets/examples/001-multi-cloud-microservices.mmd"),
    },
    Example {
        id: "002-c4-ecommerce-platform",
        title: "E-commerce platform — C4 container",
        text: include_str!("../assets/examples/002-c4-ecommerce-platform.mmd"),
    },
    Example {
        id: "003-cloud-web-architecture",
        title: "Cloud web application — flowchart",
        text: include_str!("../assets/examples/003-cloud-web-architecture.mmd"),
    },
    Example {
        id: "004-multi-cloud-service-mesh",
        title: "Multi-cloud service mesh — flowchart",
        text: include_str!("../assets/examples/004-multi-cloud-service-mesh.mmd"),
    },
];

/// What a first visit shows.
pub fn default_example() -> &'static Example {
    &EXAMPLES[3]
}

pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The example whose text is exactly `text`, if any (so the menu can show which one is
/// loaded, and so loading another one over an untouched example needs no safety net).
pub fn matching(text: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.text == text)
}
