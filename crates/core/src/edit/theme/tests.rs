use super::*;
use crate::config::ThemeName::{Dark, Default, Forest, Neutral};
use crate::icons::NoPacks;
use crate::{Output, RenderOptions, render, render_with_options};

/// `set_theme(text, theme)` is `expected`, draws what choosing the theme draws, adds no
/// problem, and does nothing more when run again.
#[track_caller]
fn check(text: &str, theme: ThemeName, expected: &str) {
    let got = set_theme(text, theme);
    assert_eq!(got, expected, "set_theme({text:?}, {theme:?})");
    same_drawing(text, theme);
}

#[track_caller]
fn same_drawing(text: &str, theme: ThemeName) {
    let patched = set_theme(text, theme);
    let chosen = render_with_options(text, &NoPacks, &RenderOptions { theme: Some(theme), ..RenderOptions::default() });
    let written = render(&patched);
    assert!(chosen.svg.is_some(), "nothing drawn for {text:?}");
    assert_eq!(written.svg, chosen.svg, "the written text draws something else than the choice:\n{patched}");
    let count = |o: &Output| (o.diagnostics.iter().filter(|d| d.is_error()).count(), o.diagnostics.len());
    let before = count(&render(text));
    let after = count(&written);
    assert!(after.0 <= before.0 && after.1 <= before.1, "new problems in\n{patched}\n{:#?}", written.diagnostics);
    assert_eq!(set_theme(&patched, theme), patched, "a second run changed the text again");
}

#[test]
fn replaces_the_theme_in_the_frontmatter() {
    check(
        "---\ntitle: T\nconfig:\n  look: neo\n  theme: dark # mine\n---\nflowchart LR\n  A --> B\n",
        Forest,
        "---\ntitle: T\nconfig:\n  look: neo\n  theme: forest # mine\n---\nflowchart LR\n  A --> B\n",
    );
    // Quotes stay the ones the text used.
    check(
        "---\nconfig:\n    theme: \"dark\"\n---\nflowchart LR\nA\n",
        Neutral,
        "---\nconfig:\n    theme: \"neutral\"\n---\nflowchart LR\nA\n",
    );
    check(
        "---\nconfig: {theme: 'dark', look: neo}\n---\ngraph\nA\n",
        Default,
        "---\nconfig: {theme: 'default', look: neo}\n---\ngraph\nA\n",
    );
    // `theme:` with no value yet.
    check("---\nconfig:\n  theme:\n---\ngraph\nA\n", Dark, "---\nconfig:\n  theme: dark\n---\ngraph\nA\n");
}

#[test]
fn adds_the_theme_to_config_at_its_indentation() {
    check(
        "---\nconfig:\n    layout: elk\n    look: neo\n---\nflowchart\nA\n",
        Dark,
        "---\nconfig:\n    theme: dark\n    layout: elk\n    look: neo\n---\nflowchart\nA\n",
    );
    check(
        "---\nconfig: {look: neo}\n---\nflowchart\nA\n",
        Dark,
        "---\nconfig: {theme: dark, look: neo}\n---\nflowchart\nA\n",
    );
    check("---\nconfig: {}\n---\nflowchart\nA\n", Dark, "---\nconfig: {theme: dark}\n---\nflowchart\nA\n");
    check("---\nconfig:\n---\nflowchart\nA\n", Dark, "---\nconfig:\n  theme: dark\n---\nflowchart\nA\n");
}

#[test]
fn adds_config_to_a_frontmatter_without_one() {
    check(
        "---\ntitle: Shop\n---\nflowchart\nA\n",
        Dark,
        "---\ntitle: Shop\nconfig:\n  theme: dark\n---\nflowchart\nA\n",
    );
    check("---\n---\nflowchart\nA\n", Dark, "---\nconfig:\n  theme: dark\n---\nflowchart\nA\n");
    check(
        "---\n{title: Shop}\n---\nflowchart\nA\n",
        Dark,
        "---\n{config: {theme: dark}, title: Shop}\n---\nflowchart\nA\n",
    );
}

#[test]
fn adds_a_frontmatter_to_text_without_one() {
    check("flowchart LR\n  A --> B\n", Forest, "---\nconfig:\n  theme: forest\n---\nflowchart LR\n  A --> B\n");
    check("graph TD\nA", Dark, "---\nconfig:\n  theme: dark\n---\ngraph TD\nA");
}

#[test]
fn a_theme_key_nested_elsewhere_is_not_touched() {
    // `theme:` at the top of the frontmatter and under another section mean nothing to
    // Mermaid; the theme goes into `config:`.
    check(
        "---\ntheme: dark\nconfig:\n  flowchart:\n    theme: dark\n    curve: linear\n---\nflowchart\nA\n",
        Forest,
        "---\ntheme: dark\nconfig:\n  theme: forest\n  flowchart:\n    theme: dark\n    curve: linear\n---\nflowchart\nA\n",
    );
    check(
        "---\ntitle: x\ndisplayMode: {theme: dark}\n---\nflowchart\nA\n",
        Neutral,
        "---\ntitle: x\ndisplayMode: {theme: dark}\nconfig:\n  theme: neutral\n---\nflowchart\nA\n",
    );
}

#[test]
fn a_directive_that_sets_the_theme_is_where_it_changes() {
    // The directive wins over the frontmatter, so that is the value to change.
    check(
        "---\nconfig:\n  theme: dark\n---\n%%{init: {'theme': 'dark', 'look': 'neo'}}%%\nflowchart\nA\n",
        Forest,
        "---\nconfig:\n  theme: dark\n---\n%%{init: {'theme': 'forest', 'look': 'neo'}}%%\nflowchart\nA\n",
    );
    // Of two, the last one wins; directives in the body count too.
    check(
        "%%{init: {\"theme\": \"dark\"}}%%\nflowchart\n  %%{initialize: {\"theme\":\"base\"}}%%\nA\n",
        Neutral,
        "%%{init: {\"theme\": \"dark\"}}%%\nflowchart\n  %%{initialize: {\"theme\":\"neutral\"}}%%\nA\n",
    );
    // A directive without a theme leaves the frontmatter's in charge.
    check(
        "---\nconfig:\n  theme: dark\n---\n%%{init: {'look': 'neo'}}%%\nflowchart\nA\n",
        Forest,
        "---\nconfig:\n  theme: forest\n---\n%%{init: {'look': 'neo'}}%%\nflowchart\nA\n",
    );
    // A directive inside a comment is no directive.
    check(
        "%% %%{init: {'theme': 'dark'}}%%\nflowchart\nA\n",
        Forest,
        "---\nconfig:\n  theme: forest\n---\n%% %%{init: {'theme': 'dark'}}%%\nflowchart\nA\n",
    );
}

#[test]
fn markdown_is_patched_inside_its_mermaid_block() {
    let doc = "# Shop\n\n```js\n---\nconfig: {}\n---\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\nText.\n";
    check(
        doc,
        Dark,
        "# Shop\n\n```js\n---\nconfig: {}\n---\n```\n\n```mermaid\n---\nconfig:\n  theme: dark\n---\nflowchart LR\n  A --> B\n```\n\nText.\n",
    );
    check(
        "Intro\n\n~~~mermaid\n---\nconfig:\n  theme: dark\n---\ngraph\nA\n~~~\n",
        Forest,
        "Intro\n\n~~~mermaid\n---\nconfig:\n  theme: forest\n---\ngraph\nA\n~~~\n",
    );
}

#[test]
fn crlf_text_keeps_its_line_endings() {
    check(
        "---\r\ntitle: T\r\nconfig:\r\n  look: neo\r\n---\r\nflowchart\r\nA\r\n",
        Dark,
        "---\r\ntitle: T\r\nconfig:\r\n  theme: dark\r\n  look: neo\r\n---\r\nflowchart\r\nA\r\n",
    );
    check(
        "---\r\nconfig:\r\n  theme: base\r\n---\r\nflowchart\r\nA\r\n",
        Dark,
        "---\r\nconfig:\r\n  theme: dark\r\n---\r\nflowchart\r\nA\r\n",
    );
    check(
        "---\r\ntitle: T\r\n---\r\ngraph\r\nA\r\n",
        Dark,
        "---\r\ntitle: T\r\nconfig:\r\n  theme: dark\r\n---\r\ngraph\r\nA\r\n",
    );
    check("graph\r\nA\r\n", Dark, "---\r\nconfig:\r\n  theme: dark\r\n---\r\ngraph\r\nA\r\n");
    check(
        "---\r\nconfig:\r\n  theme: base\r\n  themeVariables:\r\n    primaryColor: '#44475a'\r\n    fontSize: 12px\r\n---\r\ngraph\r\nA\r\n",
        Dark,
        "---\r\nconfig:\r\n  theme: dark\r\n  themeVariables:\r\n    fontSize: 12px\r\n---\r\ngraph\r\nA\r\n",
    );
}

#[test]
fn colour_variables_go_typography_stays() {
    // The seeds' Dracula palette, a flow mapping on one line.
    check(
        "---\nconfig:\n  theme: base\n  themeVariables: {background: \"#282a36\", fontFamily: \"JetBrains Mono, monospace\", fontSize: \"12px\", primaryColor: \"#44475a\"}\n---\nflowchart\nA --> B\n",
        Default,
        "---\nconfig:\n  theme: default\n  themeVariables: {fontFamily: \"JetBrains Mono, monospace\", fontSize: \"12px\"}\n---\nflowchart\nA --> B\n",
    );
    // Only colours: the whole key goes, whatever it spans.
    check(
        "---\nconfig:\n  theme: base\n  themeVariables:\n    primaryColor: '#44475a'\n\n    lineColor: '#6272a4'\n  look: neo\n---\nflowchart\nA\n",
        Forest,
        "---\nconfig:\n  theme: forest\n  look: neo\n---\nflowchart\nA\n",
    );
    check(
        "---\nconfig:\n  themeVariables: {primaryColor: '#44475a'}\n---\nflowchart\nA\n",
        Forest,
        "---\nconfig:\n  theme: forest\n---\nflowchart\nA\n",
    );
    // The last of several, and one between two kept ones.
    check(
        "---\nconfig: {themeVariables: {fontSize: 12px, lineColor: red, fontFamily: Inter, mainBkg: blue}}\n---\nflowchart\nA\n",
        Dark,
        "---\nconfig: {theme: dark, themeVariables: {fontSize: 12px, fontFamily: Inter}}\n---\nflowchart\nA\n",
    );
    // In directives too, whichever sets the theme.
    check(
        "%%{init: {\"theme\": \"base\", \"themeVariables\": {\"primaryColor\": \"#44475a\", \"fontSize\": \"20px\"}}}%%\n%%{init: {'themeVariables': {'lineColor': '#f00'}}}%%\nflowchart\nA-->B\n",
        Neutral,
        "%%{init: {\"theme\": \"neutral\", \"themeVariables\": {\"fontSize\": \"20px\"}}}%%\n%%{init: {}}%%\nflowchart\nA-->B\n",
    );
}

#[test]
fn the_seed_examples_draw_as_chosen_once_written() {
    let seeds = [
        include_str!("../../../../../assets/examples/000-microservices-platform.mmd"),
        include_str!("../../../../../assets/examples/001-multi-cloud-microservices.mmd"),
        include_str!("../../../../../assets/examples/003-cloud-web-architecture.mmd"),
    ];
    for seed in seeds {
        for theme in [Default, Dark] {
            same_drawing(seed, theme);
            let patched = set_theme(seed, theme);
            // Only the config lines changed: the diagram below is byte for byte the same.
            let body = |t: &str| t[frontmatter::fences(t).map_or(0, |f| f.body)..].to_string();
            assert_eq!(body(&patched), body(seed));
        }
    }
    let written = set_theme(seeds[0], Default);
    assert!(written.contains("  theme: default\n"), "{written}");
    assert!(written.contains("  themeVariables: {fontFamily: \"JetBrains Mono, monospace\", fontSize: \"12px\"}\n"));
}

#[test]
fn unusual_text_still_gets_the_theme() {
    // Not a mapping where one belongs: it configured nothing, so it makes way.
    check("---\nconfig: dark\n---\nflowchart\nA\n", Dark, "---\nconfig: {theme: dark}\n---\nflowchart\nA\n");
    // A frontmatter that is a list has no room for `config:`; a directive says it.
    check("---\n- a\n---\nflowchart\nA\n", Dark, "---\n- a\n---\n%%{init: {\"theme\": \"dark\"}}%%\nflowchart\nA\n");
    for text in ["", "\n", "---\n", "---\nconfig:\n  theme: [", "%%{init: {", "flowchart\n%%{"] {
        let out = set_theme(text, Dark);
        assert!(out.contains("dark"), "{text:?} → {out:?}");
    }
}
