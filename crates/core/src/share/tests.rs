use super::link::{Chrome, Mode, Origins, Route, ViewOptions, query_pairs, route};
use super::snippet::{file_stem, iframe, markdown};
use super::*;
use crate::config::ThemeName;

/// mermaid.live's own serializer test: its default state, as `pako:` and as `base64:`.
const LIVE_DEFAULT_PAKO: &str = "pako:eNpVj81qw0AMhF9F6NRC_AI-BGK7zSXQQHLz5iBsObuk-8Naphjb7551fEl1EjPfiNGEjW8Zc7xHChqulXKQ5lCXOppeLPU3yLL9fGQB6x2PMxQfRw-99iEYd__c-GKFoJxOK8Yg2rjHslnlK__jeIaqPlEQH27vzvXPz_BVm7NO5_87OnJKfdcd5R1lDUUoKb4Q3KHlaMm0qfq0KgpFs2WFeVpb7mj4FYXKLQmlQfxldA3mEgfe4RBaEq4MpaftJi5PNtJU8w";
const LIVE_DEFAULT_BASE64: &str = "base64:eyJjb2RlIjoiZ3JhcGggVERcbiAgICBBW0NocmlzdG1hc10gLS0-fEdldCBtb25leXwgQihHbyBzaG9wcGluZylcbiAgICBCIC0tPiBDe0xldCBtZSB0aGlua31cbiAgICBDIC0tPnxPbmV8IERbTGFwdG9wXVxuICAgIEMgLS0-fFR3b3wgRVtpUGhvbmVdXG4gICAgQyAtLT58VGhyZWV8IEZbZmE6ZmEtY2FyIENhcl1cbiAgIiwibWVybWFpZCI6IntcbiAgXCJ0aGVtZVwiOiBcImRlZmF1bHRcIlxufSIsImF1dG9TeW5jIjp0cnVlLCJ1cGRhdGVEaWFncmFtIjp0cnVlfQ";
const LIVE_DEFAULT_CODE: &str = "graph TD\n    A[Christmas] -->|Get money| B(Go shopping)\n    B --> C{Let me think}\n    C -->|One| D[Laptop]\n    C -->|Two| E[iPhone]\n    C -->|Three| F[fa:fa-car Car]\n  ";

/// Links people posted in READMEs and docs (the fragment after `mermaid.live/edit#`),
/// with how their text starts, a line it holds, and the theme their configuration names.
const WILD_LINKS: &[(&str, &str, &str, &str)] = &[
    (
        "pako:eNptUc2OgjAQfpWmXjHKxsv2YCLCjexl9wYeBhiwu6WYdjBLjO--RWAN6hyadr6_aebC86ZALnhl4HRkX2GqmSvbZkMjxgp1MTT7iv1kdwapIFN4EELA9GDL5ZbFb8lHQ8wgFN1hEP2rh3OXfNtVBhZXaJXU9OjhTIKe4ixyesUZbW5xjnduJ6cHAHTVKjAzMJhAjb80Q_ZJbse5LHUKX422ZfaZdE91eJjQ_HMDGt7E9DzTAOcKrA2xZPcwS6b5QbFYBxt_HXmlVEos3jehH0Tc4zWaGmThlnbpHVJOR6wx5cJd-_SUp_rqeO2pAMKokNQYLkpQFj0OLTWfnc65INPiRAoluH3XI-v6B-1VrQ0",
        "graph TD\n    subgraph Legend",
        "A[js/base/eslint]:::available ---> B[js/react/eslint]:::available",
        "base",
    ),
    (
        "pako:eNpNj0EOgjAQRa8ymTVeoAsTEI2JS91RF0M7QBMopEwXSLi7NWLiX83kvcX_K5rRMipsA00dPErtISWvrhRnBd0YZ86gjq63zrfPLy2qC3UhkFVQO7OYnndwqm4kL1ZgSDIQ13LYSQ6HwxGK_-ekPWY4cBjI2dRg_UCN0vHAGlU6LTcUe9Go_ZbUOFkSPlsnY0DVUJ-qIUUZ74s3qCRE_kmlozRo2K3tDVikSb4",
        "graph TD\n    A[Haus: house, building]",
        "C[Katze: cat, tiger]",
        "default",
    ),
    (
        "pako:eNp9UkFOwzAQ_IrlE4hGII4-VIICEgeEoL0RDltn01p17GCvQVHVv-PEKk1IwAdL9szs7Ni759IWyAX3-BHQSLxTsHFQsbhy0-4rBwW6bD6_WH5BXaN7NISRQtYJpoyiBw1-m7gjRk8mWDkitvCzA6lRsA3SS7CEN5UNhnziJTDSsp8q0MePdSJjors3Rg6ML9GxNXhkZHdozvw5ex91MaH26aqLtwCt1yB3f8U8-beu96-L6ysWj85-IrtkNTSt-Jft4JVO-UbBbtFgqaQC1wwidWlWtgePc2UTucgS6IHun7bS7wvGZ7xCV4Eq4qzsW0HOaYsV5jy2zAssIWjKeW4OkQqB7LIxkgtyAWc81AXQcbS4KEH7eIuFii5Paf66MTx8AxNR4rU",
        "sequenceDiagram",
        "Swapper->>+Oracle: getQuoteAmounts",
        "default",
    ),
    (
        "pako:eNp9UsluwjAQ_ZXIp1QCRS1tDzlUAsK-HaAnwsGKBxKVxJHjiFaIf689E4Fpq-aUeYve89hnlkgBLGT7ozwlKVfa20Rx4Zmvu-2W5c5rt996_qrWR9APRPQs5vX9ugLVQH2Eom3MgpjtHGxgoTKVWgZhJu45b2jJRAHX8MPmjSxVl8JSv41jywowle7ZCNlJIeCTgAEC61SeaB7ijH36mNtNdCYLIkc38h2TXXJ8IyMMdklqNfH3KoNCVM1SJohOTVe7qSATAReCJIFFnOJTlFKqa545Zjrv3_4Z7R8V7iXN_SznB2gKzRFb-GtzzyA2soEXCC9NFIrtRoMKJebWKMg2v4aRfvWvnspeLUu0PD51OjSvcH5-eWUtloPKeSbMGzxbMmY6hdxYQ_MruPqIWVxcjI7XWq6_ioSFWtXQYvQ6oowfFM9ZuOfHCi7fukDTwg",
        "flowchart TD\n    A[App] -->B(Outlet)",
        "C --> G[\"/update/:id\"]",
        "dark",
    ),
    (
        "pako:eNp90b0KwyAQAOBXCTclkAzRJIOFTlk7taNQJJofWmOwOpSQd6-NWDJInfS-u0PuVugUF0Bg0GwZk1t7onPiTt-kKYU-bTIKWZYUxTnpax-q91BI84Q94Qihe-kRHbH2WHmqIlSGuvKIODRFkaY4VKJIpftHYPyfqyNDDlJoySbuhrR-kymYUUhBgbgrZ_pBgc6by2PWqOt77oAYbUUOWtlhBNKz58u97MKZEe3E3KTlLyr4ZJS--B3sq9g-f9Fn4g",
        "graph TD;\n    f6((\"f(6)\")) --> f5((\"f(5)\"))",
        "f2_1 --> f1_3((\"f(1)\"))",
        "dark",
    ),
    (
        // Written by a tool with the standard alphabet and padding, `mermaid` an object.
        "base64:eyJjb2RlIjoicXVhZHJhbnRDaGFydFxuICAgIHRpdGxlIENhbXBhaWduIEFuYWx5c2lzXG4gICAgeC1heGlzIExvdyBSZWFjaCAtLVx1MDAzRSBIaWdoIFJlYWNoXG4gICAgeS1heGlzIExvdyBFbmdhZ2VtZW50IC0tXHUwMDNFIEhpZ2ggRW5nYWdlbWVudFxuICAgIENhbXBhaWduIEE6IFswLjMsIDAuNl1cbiAgICBDYW1wYWlnbiBCOiBbMC43LCAwLjhdIiwibWVybWFpZCI6eyJ0aGVtZSI6ImRlZmF1bHQifX0=",
        "quadrantChart\n    title Campaign Analysis",
        "x-axis Low Reach --> High Reach",
        "default",
    ),
    (
        "base64:eyJjb2RlIjoiam91cm5leVxuICAgIHRpdGxlIE15IFdvcmtpbmcgRGF5XG4gICAgc2VjdGlvbiBNb3JuaW5nXG4gICAgICAgIE1ha2UgY29mZmVlOiA1OiBNZVxuICAgICAgICBDaGVjayBlbWFpbHM6IDM6IE1lIiwibWVybWFpZCI6eyJ0aGVtZSI6ImRlZmF1bHQifX0=",
        "journey\n    title My Working Day",
        "Make coffee: 5: Me",
        "default",
    ),
];

/// The seed diagrams, as the app's examples menu holds them.
const SEEDS: [&str; 5] = [
    include_str!("../../../../assets/examples/000-microservices-platform.mmd"),
    include_str!("../../../../assets/examples/001-multi-cloud-microservices.mmd"),
    include_str!("../../../../assets/examples/002-c4-ecommerce-platform.mmd"),
    include_str!("../../../../assets/examples/003-cloud-web-architecture.mmd"),
    include_str!("../../../../assets/examples/004-multi-cloud-service-mesh.mmd"),
];

fn decode(fragment: &str) -> Result<State, LinkError> {
    State::decode(fragment).expect("a state-shaped fragment")
}

#[test]
fn reads_mermaid_live_s_own_test_states() {
    for link in [LIVE_DEFAULT_PAKO, LIVE_DEFAULT_BASE64] {
        let s = decode(link).unwrap_or_else(|e| panic!("{link:.20}: {e}"));
        assert_eq!(s.code, LIVE_DEFAULT_CODE);
        assert_eq!(s.mermaid, DEFAULT_CONFIG);
        assert!(s.extra.is_empty(), "{:?}", s.extra);
    }
}

#[test]
fn reads_links_from_the_wild() {
    for &(link, starts, holds, theme) in WILD_LINKS {
        let s = decode(link).unwrap_or_else(|e| panic!("{link:.30}: {e}"));
        assert!(s.code.starts_with(starts), "{link:.30}: {:?}", &s.code[..s.code.len().min(80)]);
        assert!(s.code.contains(holds), "{link:.30}: no {holds:?} in {:?}", s.code);
        assert_eq!(config_key(&s.mermaid, "theme").as_deref(), Some(theme), "{}", s.mermaid);
        assert!(link::is_config_object(&s.mermaid), "{}", s.mermaid);
        // What Coral writes back decodes to the same document.
        assert_eq!(decode(&s.encode()).unwrap(), s);
    }
}

#[test]
fn the_flowcharts_in_those_links_draw_in_coral() {
    for &(link, ..) in WILD_LINKS {
        let s = decode(link).unwrap();
        if !(s.code.starts_with("graph") || s.code.starts_with("flowchart")) {
            continue;
        }
        let out = crate::render(&s.code);
        assert!(!out.has_errors(), "{link:.30}: {:#?}", out.diagnostics);
        assert!(out.svg.is_some_and(|svg| svg.contains("class=\"node")), "{link:.30}");
    }
}

#[test]
fn a_mermaid_object_is_kept_as_indented_json_text() {
    // `{"code":"A","mermaid":{"theme":"dark","flowchart":{"curve":"basis"}}}`
    let json = r#"{"code":"graph LR\nA-->B","mermaid":{"theme":"dark","flowchart":{"curve":"basis"}}}"#;
    let s = State::from_json(json.as_bytes()).unwrap();
    assert_eq!(s.mermaid, "{\n  \"flowchart\": {\n    \"curve\": \"basis\"\n  },\n  \"theme\": \"dark\"\n}");
    // Missing, null or a number: mermaid.live's default.
    for json in [r#"{"code":"x"}"#, r#"{"code":"x","mermaid":null}"#, r#"{"code":"x","mermaid":7}"#] {
        assert_eq!(State::from_json(json.as_bytes()).unwrap().mermaid, DEFAULT_CONFIG, "{json}");
    }
}

#[test]
fn writes_what_mermaid_live_writes() {
    let s = State::new("flowchart LR\n  A --> B");
    let fragment = s.encode();
    // Level 9 zlib starts 0x78 0xDA, which base64 spells `eNr`/`eNp`: mermaid.live's links
    // all start `pako:eNp`.
    assert!(fragment.starts_with("pako:eN"), "{fragment}");
    let payload = &fragment[5..];
    assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{payload}");
    let packed = URL_SAFE.decode(payload).unwrap();
    assert_eq!(&packed[..2], &[0x78, 0xDA], "zlib header of level 9");
    let json = String::from_utf8(miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap()).unwrap();
    assert_eq!(
        json,
        r#"{"code":"flowchart LR\n  A --> B","mermaid":"{\n  \"theme\": \"default\"\n}","autoSync":true,"updateDiagram":true}"#
    );
    let b64 = s.encode_base64();
    assert!(b64.starts_with("base64:eyJ") && !b64.contains('='), "{b64}");
    assert_eq!(decode(&b64).unwrap(), s);
}

#[test]
fn round_trips_any_text() {
    let mut texts: Vec<String> = vec![
        String::new(),
        "flowchart TD\n  A[\"quote \\\" and <tag> & amp\"] --> B".into(),
        "graph LR\n  α[Ünïcödé 🦀] --> 日本語\n\t tabs \r\n crlf".into(),
        "\u{0}\u{1f}\u{7f} control characters".into(),
        "x".repeat(200_000),
    ];
    texts.extend(SEEDS.iter().map(|s| s.to_string()));
    for text in texts {
        let mut s = State::new(text.clone());
        s.mermaid = "{\"theme\":\"dark\"}".into();
        let back = decode(&s.encode()).unwrap();
        assert_eq!(back, s, "{:.60}", text);
        assert_eq!(decode(&s.encode_base64()).unwrap(), s);
    }
}

#[test]
fn fields_it_does_not_read_ride_along() {
    let json = r#"{"code":"graph TD\nA","mermaid":"{}","updateEditor":false,"autoSync":false,"rough":true,"pan":{"x":1,"y":2},"zoom":1.5,"editorMode":"code"}"#;
    let s = State::from_json(json.as_bytes()).unwrap();
    assert_eq!(s.extra.keys().collect::<Vec<_>>(), ["editorMode", "pan", "rough", "zoom"]);
    let written = s.to_json();
    assert!(written.starts_with(r#"{"code":"graph TD\nA","mermaid":"{}","autoSync":true,"updateDiagram":true,"#));
    assert!(written.contains(r#""rough":true"#) && written.contains(r#""pan":{"x":1,"y":2}"#), "{written}");
    assert!(!written.contains("updateEditor"), "{written}");
}

#[test]
fn fragments_that_are_not_states_are_not_errors() {
    for f in ["", "#", "#top", "section-2", "#a b:c", "#/edit", "#?x"] {
        assert!(State::decode(f).is_none(), "{f:?}");
    }
}

#[test]
fn legacy_and_mangled_forms_open() {
    let s = decode(LIVE_DEFAULT_PAKO).unwrap();
    let bare = LIVE_DEFAULT_BASE64.strip_prefix("base64:").unwrap();
    let standard = bare.replace('-', "+").replace('_', "/") + "=";
    let wrapped = LIVE_DEFAULT_PAKO[..40].to_string() + "\n  " + &LIVE_DEFAULT_PAKO[40..];
    let escaped = LIVE_DEFAULT_PAKO.replacen(':', "%3A", 1);
    for f in [
        format!("#{LIVE_DEFAULT_PAKO}"),
        bare.to_string(),
        format!("/edit/{bare}"),
        format!("/view/{bare}"),
        format!("base64:{standard}"),
        wrapped,
        escaped,
    ] {
        assert_eq!(decode(&f).unwrap_or_else(|e| panic!("{f:.30}: {e}")), s, "{f:.30}");
    }
}

#[test]
fn broken_links_say_why() {
    let cut = &LIVE_DEFAULT_PAKO[..LIVE_DEFAULT_PAKO.len() / 2];
    let cases: Vec<(String, LinkError)> = vec![
        ("deflate:abc".into(), LinkError::UnknownFormat("deflate".into())),
        ("pako:not*base64!".into(), LinkError::BadBase64),
        ("pako:eNpVj".into(), LinkError::BadBase64),
        ("pako:eNp".into(), LinkError::BadDeflate),
        (cut.into(), LinkError::BadDeflate),
        ("pako:AAAA".into(), LinkError::BadDeflate),
        (format!("base64:{}", URL_SAFE.encode("[1, 2]")), LinkError::NoCode),
        (format!("base64:{}", URL_SAFE.encode(r#"{"code": 5}"#)), LinkError::NoCode),
        (format!("base64:{}", URL_SAFE.encode(r#"{"mermaid": "{}"}"#)), LinkError::NoCode),
        ("pako%ZZ".into(), LinkError::BadEscapes),
        (format!("pako:{}", "A".repeat(MAX_FRAGMENT_LEN)), LinkError::TooLong { len: MAX_FRAGMENT_LEN + 5 }),
    ];
    for (f, want) in cases {
        let got = decode(&f).expect_err(&f[..f.len().min(30)]);
        assert_eq!(got, want, "{:.30}", f);
        let message = got.to_string();
        assert!(message.starts_with("the link"), "{message}");
        assert!(!message.contains("AAAA") && !message.contains("abc"), "a message quotes the link: {message}");
    }
    let not_json = decode(&format!("base64:{}", URL_SAFE.encode("{\"code\": \"x\""))).unwrap_err();
    assert!(matches!(not_json, LinkError::BadJson(_)), "{not_json:?}");
    // serde_json's depth limit, not the stack.
    let deep = format!("{{\"code\":\"x\",\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(deep.as_bytes(), 6);
    assert!(matches!(decode(&format!("pako:{}", URL_SAFE.encode(packed))), Err(LinkError::BadJson(_))));
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // 64 MiB of spaces inside the code string packs into about 64 KiB.
    let mut json = b"{\"code\":\"".to_vec();
    json.resize(json.len() + (64 << 20), b' ');
    json.extend_from_slice(b"\"}");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    assert!(packed.len() < 1 << 20, "{}", packed.len());
    assert_eq!(decode(&format!("pako:{}", URL_SAFE.encode(packed))), Err(LinkError::TooLarge));
}

#[test]
fn random_input_never_panics() {
    let mut rng = crate::testing::XorShift(0x9E37_79B9_7F4A_7C15);
    let mut next = move || rng.next();
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=%:# \n";
    for round in 0..3000 {
        let len = (next() % 300) as usize;
        let body: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char).collect();
        let prefix = ["pako:", "base64:", "", "eyJ", "pako:eNp"][round % 5];
        let _ = State::decode(&format!("{prefix}{body}"));
        // Valid base64 of random bytes: reaches the inflater and the JSON reader.
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let mut zlib = vec![0x78, 0xDA];
        zlib.extend_from_slice(&bytes);
        let _ = State::decode(&format!("pako:{}", URL_SAFE.encode(&zlib)));
        let _ = State::decode(&format!("base64:{}", URL_SAFE.encode(&bytes)));
    }
    // Every prefix of a real link fails cleanly or decodes.
    for end in 0..LIVE_DEFAULT_PAKO.len() {
        let _ = State::decode(&LIVE_DEFAULT_PAKO[..end]);
    }
}

#[test]
fn site_config_reads_the_state_s_configuration() {
    let (c, d) = site_config(DEFAULT_CONFIG);
    assert_eq!(c.theme, ThemeName::Default);
    assert!(d.is_empty(), "{d:?}");
    let (c, d) = site_config(r##"{"theme": "dark", "look": "neo", "themeVariables": {"primaryColor": "#ff0000"}}"##);
    assert_eq!(c.theme, ThemeName::Dark);
    assert_eq!(c.look, crate::config::Look::Neo);
    assert_eq!(c.theme_variables.get("primaryColor").map(String::as_str), Some("#ff0000"));
    assert!(d.is_empty(), "{d:?}");
    // A link may not lower the security level, nor smuggle markup into the SVG.
    let (c, d) =
        site_config(r#"{"securityLevel": "loose", "themeVariables": {"primaryColor": "red;}</style><script>"}}"#);
    assert!(d.iter().any(|d| d.code == crate::syntax::codes::CONFIG_SECURE_KEY), "{d:?}");
    assert!(c.theme_variables.is_empty(), "{:?}", c.theme_variables);
    // Not JSON: the default configuration and a diagnostic, no panic.
    let (c, d) = site_config("{\"theme\": ");
    assert_eq!(c, Config::default());
    assert!(!d.is_empty());
}

#[test]
fn merges_configuration_as_mermaid_live_does() {
    let merged = merge_config(r#"{"theme": "dark", "look": "neo"}"#, r#"{"theme": "forest"}"#);
    assert_eq!(config_key(&merged, "theme").as_deref(), Some("forest"));
    assert_eq!(config_key(&merged, "look").as_deref(), Some("neo"));
    assert_eq!(config_key(&merge_config("not json", "[]"), "theme"), None);
    let set = set_config_key(DEFAULT_CONFIG, "theme", "x\"y");
    assert_eq!(config_key(&set, "theme").as_deref(), Some("x\"y"));
}

#[test]
fn routes() {
    let r = |p: &str, q: &str| route(p, q);
    let at = |mode, root: &str| Route { mode, root: root.to_string() };
    assert_eq!(r("/", ""), at(Mode::Edit, "/"));
    assert_eq!(r("/edit", ""), at(Mode::Edit, "/"));
    assert_eq!(r("/view", ""), at(Mode::View, "/"));
    assert_eq!(r("/view/", ""), at(Mode::View, "/"));
    assert_eq!(r("/embed", "?theme=dark"), at(Mode::Embed, "/"));
    assert_eq!(r("/index.html", ""), at(Mode::Edit, "/"));
    assert_eq!(r("/coral/", ""), at(Mode::Edit, "/coral/"));
    assert_eq!(r("/coral", ""), at(Mode::Edit, "/coral/"));
    assert_eq!(r("/a/b/view/index.html", ""), at(Mode::View, "/a/b/"));
    assert_eq!(r("/coral/page.html", ""), at(Mode::Edit, "/coral/"));
    assert_eq!(r("/", "?view"), at(Mode::View, "/"));
    assert_eq!(r("/coral/", "?x=1&view=1"), at(Mode::View, "/coral/"));
    assert_eq!(r("/", "?view=0"), at(Mode::Edit, "/"));
    assert_eq!(r("/edit", "?embed"), at(Mode::Embed, "/"));
    assert!(Mode::View.is_read_only() && Mode::Embed.is_read_only() && !Mode::Edit.is_read_only());
}

#[test]
fn query_values_are_decoded() {
    assert_eq!(
        query_pairs("?code=graph+TD%0AA--%3EB&x&=y&bad=%zz"),
        [("code", "graph TD\nA-->B"), ("x", ""), ("", "y"), ("bad", "%zz")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .to_vec()
    );
}

#[test]
fn embed_parameters() {
    let o = ViewOptions::from_query(
        "theme=forest&look=handDrawn&mode=dark&controls=0&grid=0&pan=10,-20&zoom=2&code=graph+LR%0AA-->B&config=%7B%22fontSize%22%3A20%7D",
    );
    assert_eq!(o.theme.as_deref(), Some("forest"));
    assert_eq!(o.look.as_deref(), Some("handDrawn"));
    assert_eq!(o.chrome, Some(Chrome::Dark));
    assert!(!o.controls && !o.grid);
    assert_eq!(o.pan, Some((10.0, -20.0)));
    assert_eq!(o.zoom, Some(2.0));
    let s = o.apply(Some(State::new("graph TD\nX"))).unwrap();
    assert_eq!(s.code, "graph LR\nA-->B");
    assert_eq!(config_key(&s.mermaid, "theme").as_deref(), Some("forest"));
    assert_eq!(config_key(&s.mermaid, "look").as_deref(), Some("handDrawn"));
    assert!(s.mermaid.contains("\"fontSize\": 20"), "{}", s.mermaid);

    let d = ViewOptions::from_query("");
    assert!(d.controls && d.grid && d.pan.is_none() && d.zoom.is_none());
    assert_eq!(d.apply(None), None);
    assert_eq!(d.chrome(DEFAULT_CONFIG), Chrome::Light);
    assert_eq!(d.chrome("{\"theme\": \"dark\"}"), Chrome::Dark);
    assert_eq!(d.chrome("{\"theme\": \"dracula\"}"), Chrome::Dark);
    assert_eq!(ViewOptions::from_query("theme=neo-dark").chrome(DEFAULT_CONFIG), Chrome::Dark);
    assert_eq!(ViewOptions::from_query("mode=light").chrome("{\"theme\": \"dark\"}"), Chrome::Light);
    // Nonsense is ignored, not trusted.
    let bad = ViewOptions::from_query("zoom=NaN&pan=1&mode=blue&zoom=-1&pan=inf,2");
    assert_eq!((bad.zoom, bad.pan, bad.chrome), (None, None, None));
    assert_eq!(ViewOptions::from_query("zoom=1e9").zoom, Some(20.0));
}

#[test]
fn message_origins_are_opt_in() {
    let own = "https://coral.example";
    assert_eq!(Origins::from_query(""), Origins::Own);
    assert!(Origins::Own.allows(own, own));
    assert!(!Origins::Own.allows("https://evil.example", own));
    let o = Origins::from_query(
        "origin=https%3A%2F%2FDocs.Example.com%2F&origin=http://localhost:3000,javascript:alert(1)",
    );
    assert_eq!(o, Origins::List(vec!["https://docs.example.com".into(), "http://localhost:3000".into()]));
    assert!(o.allows("http://localhost:3000", own) && !o.allows("http://localhost:3001", own));
    assert_eq!(o.target(own), "*");
    assert_eq!(Origins::from_query("origin=https://a.example").target(own), "https://a.example");
    assert_eq!(Origins::from_query("origin=https://a.example/path"), Origins::Own);
    assert_eq!(Origins::from_query("origin=*"), Origins::Any);
    assert!(Origins::Any.allows("https://anyone.example", own));
    assert_eq!(Origins::Own.target(own), own);
}

#[test]
fn links() {
    let s = State::new("graph TD\nA");
    let e = link::edit_link("https://coral.example/", &s);
    assert_eq!(e, format!("https://coral.example/edit#{}", s.encode()));
    assert!(link::view_link("/x/", &s).starts_with("/x/view#pako:"));
    assert!(link::embed_link("/", &s, Some("neo dark")).starts_with("/embed?theme=neo%20dark#pako:"));
    assert!(link::embed_link("/", &s, None).starts_with("/embed#pako:"));
}

#[test]
fn file_stems_from_titles() {
    assert_eq!(file_stem(Some("Cloud Web Application")), "cloud-web-application");
    assert_eq!(file_stem(Some("  E-commerce: platform / v2 (C4)  ")), "e-commerce-platform-v2-c4");
    assert_eq!(file_stem(Some("Überblick — Dienste")), "überblick-dienste");
    assert_eq!(file_stem(Some("../../etc/passwd")), "etc-passwd");
    assert_eq!(file_stem(Some("🦀🦀")), "diagram");
    assert_eq!(file_stem(None), "diagram");
    let long = file_stem(Some(&"é".repeat(100)));
    assert!(long.len() <= 80 && long.chars().all(|c| c == 'é'), "{long}");
}

#[test]
fn snippets_escape_what_they_hold() {
    let f = iframe("https://c.example/embed#pako:x\"y", Some("A <b>\"bold\"</b> & co"));
    assert_eq!(
        f,
        "<iframe src=\"https://c.example/embed#pako:x&quot;y\" width=\"100%\" height=\"480\" style=\"border:0\" \
         loading=\"lazy\" title=\"A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; co\"></iframe>"
    );
    assert!(iframe("u", None).contains("title=\"Diagram\""));
    let m = markdown("my diagram (1).svg", Some("A [link](javascript:x) *b*"), "https://c.example/edit#pako:a)b");
    assert_eq!(
        m,
        "[![A \\[link\\](javascript:x) \\*b\\*](my%20diagram%20%281%29.svg)](https://c.example/edit#pako:a%29b)"
    );
    assert_eq!(markdown("d.png", None, "l"), "[![Diagram](d.png)](l)");
}
