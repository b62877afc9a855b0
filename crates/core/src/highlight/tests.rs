use super::{Kind, Token, highlight};

/// The tokens as `(kind, text)` pairs, for readable assertions.
fn pairs(text: &str) -> Vec<(&'static str, &str)> {
    highlight(text).iter().map(|t| (t.kind.as_str(), &text[t.span.range()])).collect()
}

fn kind_of(text: &str, word: &str) -> Vec<&'static str> {
    let p = pairs(text);
    p.iter().filter(|(_, w)| *w == word).map(|(k, _)| *k).collect::<Vec<_>>()
}

fn sorted_and_disjoint(tokens: &[Token], len: usize) {
    for w in tokens.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "overlap: {w:?}");
    }
    assert!(tokens.iter().all(|t| t.span.end as usize <= len && !t.span.is_empty()));
}

#[test]
fn flowchart_ids_labels_edges_and_keywords() {
    let text = "flowchart LR\n  A[Start] -->|go| B(End)\n  %% a note\n  subgraph S [Group]\n    C\n  end\n";
    let p = pairs(text);
    assert!(p.contains(&("keyword", "flowchart")), "{p:?}");
    assert!(p.contains(&("keyword", "LR")), "{p:?}");
    assert!(p.contains(&("id", "A")), "{p:?}");
    assert!(p.contains(&("string", "Start")), "{p:?}");
    assert!(p.contains(&("string", "go")), "{p:?}");
    assert!(p.contains(&("id", "B")), "{p:?}");
    assert!(p.contains(&("comment", "%% a note")), "{p:?}");
    assert!(p.contains(&("keyword", "subgraph")), "{p:?}");
    assert!(p.contains(&("id", "S")), "{p:?}");
    assert!(p.contains(&("string", "Group")), "{p:?}");
    assert!(p.contains(&("keyword", "end")), "{p:?}");
    assert!(p.iter().any(|(k, w)| *k == "edge" && w.starts_with("-->")), "{p:?}");
    assert!(p.contains(&("shape", "[")) && p.contains(&("shape", "(")), "{p:?}");
    sorted_and_disjoint(&highlight(text), text.len());
}

#[test]
fn a_word_the_parser_reads_as_a_label_is_not_a_keyword() {
    // `end` inside a label is text, `end` as a statement is the keyword.
    let text = "flowchart TD\n  A[the end] --> B\n";
    assert_eq!(kind_of(text, "the end"), ["string"]);
    assert!(!pairs(text).contains(&("keyword", "end")));
}

#[test]
fn styles_classes_and_link_styles() {
    let text =
        "flowchart LR\n  A:::hot --> B\n  classDef hot fill:#f00\n  style B stroke:#333\n  linkStyle 0 stroke:red\n";
    let p = pairs(text);
    assert!(p.contains(&("class", "hot")), "{p:?}");
    assert!(p.contains(&("keyword", "classDef")), "{p:?}");
    assert!(p.contains(&("style", "fill:#f00")), "{p:?}");
    assert!(p.contains(&("style", "stroke:#333")), "{p:?}");
    assert!(p.contains(&("number", "0")), "{p:?}");
    assert!(p.contains(&("keyword", "linkStyle")), "{p:?}");
}

#[test]
fn architecture_ids_icons_sides_and_titles() {
    let text = "architecture-beta\n  group api(cloud)[API]\n  service db(database)[DB] in api\n  service s(logos:aws-s3)[S3] in api\n  db:L -- R:s\n";
    let p = pairs(text);
    assert!(p.contains(&("keyword", "architecture-beta")), "{p:?}");
    assert!(p.contains(&("keyword", "group")), "{p:?}");
    assert!(p.contains(&("keyword", "service")), "{p:?}");
    assert!(p.contains(&("keyword", "in")), "{p:?}");
    assert!(p.contains(&("icon", "cloud")), "{p:?}");
    assert!(p.contains(&("icon", "logos:aws-s3")), "{p:?}");
    assert!(p.contains(&("string", "API")), "{p:?}");
    assert!(p.contains(&("side", "L")) && p.contains(&("side", "R")), "{p:?}");
    assert!(p.contains(&("edge", "--")), "{p:?}");
    assert_eq!(kind_of(text, "db"), ["id", "id"]);
}

#[test]
fn c4_macros_ids_strings_and_named_parameters() {
    let text = "C4Context\n  title Shop\n  Person(user, \"Customer\", $sprite=\"person\")\n  System(shop, \"Shop\")\n  Rel(user, shop, \"Uses\")\n";
    let p = pairs(text);
    assert!(p.contains(&("keyword", "C4Context")), "{p:?}");
    assert!(p.contains(&("keyword", "title")), "{p:?}");
    assert!(p.contains(&("macro", "Person")) && p.contains(&("macro", "Rel")), "{p:?}");
    assert_eq!(kind_of(text, "user"), ["id", "id"]);
    assert!(p.contains(&("param", "$sprite")), "{p:?}");
    assert!(p.iter().any(|(k, w)| *k == "string" && w.contains("Customer")), "{p:?}");
}

#[test]
fn frontmatter_keys_values_fences_and_comments() {
    let text =
        "---\ntitle: Hello\nconfig:\n  theme: dark # mine\n  flowchart:\n    padding: 8\n---\nflowchart LR\n  A\n";
    let p = pairs(text);
    assert_eq!(p.iter().filter(|(k, w)| *k == "punct" && *w == "---").count(), 2, "{p:?}");
    assert!(p.contains(&("key", "title")) && p.contains(&("key", "theme")), "{p:?}");
    assert!(p.contains(&("string", "Hello")) && p.contains(&("string", "dark")), "{p:?}");
    assert!(p.contains(&("number", "8")), "{p:?}");
    assert!(p.contains(&("comment", "# mine")), "{p:?}");
    assert!(p.contains(&("keyword", "flowchart")), "{p:?}");
}

#[test]
fn directives_and_trailing_comments() {
    let text = "%%{init: {\"theme\": \"dark\"}}%%\nflowchart LR\n  A --> B %% why\n";
    let p = pairs(text);
    assert!(p.contains(&("directive", "%%{init: {\"theme\": \"dark\"}}%%")), "{p:?}");
    assert!(p.contains(&("comment", "%% why")), "{p:?}");
}

#[test]
fn markdown_around_the_block_is_prose() {
    let text = "# Title\n\n```mermaid\nflowchart LR\n  A --> B\n```\n";
    let p = pairs(text);
    assert_eq!(p[0].0, "prose");
    assert!(p.contains(&("keyword", "flowchart")), "{p:?}");
    assert!(p.contains(&("id", "A")), "{p:?}");
}

#[test]
fn every_prefix_of_the_seeds_highlights_without_panicking() {
    for seed in [
        include_str!("../../../../tests/fixtures/flowchart/ok/seed-003.mmd"),
        include_str!("../../../../tests/fixtures/flowchart/ok/seed-004.mmd"),
        include_str!("../../../../tests/fixtures/architecture/ok/seed-000.mmd"),
        include_str!("../../../../tests/fixtures/c4/ok/seed-002.mmd"),
    ] {
        let tokens = highlight(seed);
        sorted_and_disjoint(&tokens, seed.len());
        assert!(tokens.iter().any(|t| t.kind == Kind::Id));
        for (i, _) in seed.char_indices().step_by(7) {
            let prefix = &seed[..i];
            sorted_and_disjoint(&highlight(prefix), prefix.len());
        }
    }
}

#[test]
fn garbage_and_unicode_never_panic() {
    for text in [
        "",
        "\"",
        "%%{",
        "---",
        "---\n",
        "flowchart\n\"unclosed",
        "架构 --> 😀[é]",
        "C4Context\nRel(",
        "architecture-beta\n service (((",
        "\u{feff}flowchart LR\nA-->B",
    ] {
        let tokens = highlight(text);
        sorted_and_disjoint(&tokens, text.len());
        for t in &tokens {
            assert!(text.get(t.span.range()).is_some(), "token {t:?} splits a character in {text:?}");
        }
    }
}

#[test]
fn linked_ids_follow_the_word_or_the_edge_under_the_caret() {
    use super::linked_ids;
    use crate::source::Span;
    let text = "flowchart LR\n  subgraph Grp\n    Alpha --> Beta\n  end\n  Beta -.-> Alpha\n";
    let d = crate::syntax::parse(text).diagram;
    let at = |needle: &str, k: usize| text.match_indices(needle).nth(k).unwrap().0;
    assert_eq!(linked_ids(&d, text, Span::at(at("Alpha", 1) + 2)), ["Alpha"], "any mention, not only the first");
    assert_eq!(linked_ids(&d, text, Span::at(at("Beta", 0) + 4)), ["Beta"], "at the end of the word");
    assert_eq!(linked_ids(&d, text, Span::at(at("Grp", 0))), ["Grp"]);
    let arrow = linked_ids(&d, text, Span::at(at("-.->", 0) + 1));
    assert_eq!(arrow.len(), 1, "{arrow:?}");
    assert_eq!(
        d.edges.iter().find(|e| e.id == arrow[0]).map(|e| d.nodes[match e.from {
            crate::model::Endpoint::Node(i) => i,
            _ => unreachable!(),
        }]
        .id
        .as_str()),
        Some("Beta")
    );
    assert!(linked_ids(&d, text, Span::at(0)).is_empty());
    assert!(linked_ids(&d, "", Span::at(9)).is_empty());
}

#[test]
fn drawn_key_ignores_comments_and_blank_space_only() {
    use super::drawn_key;
    let key = |t: &str| drawn_key(t, &highlight(t));
    let base = key("flowchart LR\n  A[Start here] --> B\n  B --> C\n");
    // Nothing drawn changes: indentation, blank lines, trailing spaces, comments.
    for same in [
        "flowchart LR\nA[Start here] --> B\nB --> C",
        "flowchart LR\n\n  A[Start here]   -->   B   \n  %% why\n  B --> C %% and why\n\n",
        "flowchart   LR\n  A[Start here] --> B\n\tB --> C\n",
    ] {
        assert_eq!(key(same), base, "{same:?}");
    }
    // Something drawn changes: a label's spaces, a statement split, a new node, the
    // frontmatter.
    for different in [
        "flowchart LR\n  A[Start  here] --> B\n  B --> C\n",
        "flowchart LR\n  A[Start here] --> B B --> C\n",
        "flowchart LR\n  A[Start here] --> B\n  B --> C\n  D\n",
        "flowchart LR\n  A[Start here] --> B\n  B --> Cx\n",
    ] {
        assert_ne!(key(different), base, "{different:?}");
    }
    let front = |t: &str| key(&format!("---\nconfig:\n  theme: dark\n{t}---\nflowchart LR\n  A\n"));
    assert_ne!(front(""), front("  look: neo\n"));
    assert_ne!(key("---\na:\n  b: 1\n---\nflowchart LR\n"), key("---\na:\nb: 1\n---\nflowchart LR\n"));
}

#[test]
fn spans_move_with_an_edit() {
    use super::shift_span;
    use crate::source::Span;
    // "A --> B" → "A  --> B": one space inserted at 1.
    assert_eq!(shift_span(Span::new(6, 7), (1, 1, 2)), Span::new(7, 8));
    assert_eq!(shift_span(Span::new(0, 1), (1, 1, 2)), Span::new(0, 1));
    // A comment removed from 10..20: spans after move left, inside collapse.
    assert_eq!(shift_span(Span::new(25, 30), (10, 20, 10)), Span::new(15, 20));
    assert_eq!(shift_span(Span::new(12, 15), (10, 20, 10)), Span::new(10, 10));
}
