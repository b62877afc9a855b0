//! Stable relayout, as a user types: seed 003 is on screen, a new line is typed into its
//! middle key by key (every intermediate text is drawn, a half-typed `[` included), and
//! the nodes the line does not name keep their order in their rank. Laid out afresh at
//! each keystroke, this edit turns three pairs round (`Auth` / `RateLimiter`, `PS` / `IM`,
//! `DB` / `MQ`). A reload then draws the same picture. Screenshots land in
//! `target/e2e/relayout-*.png`.

use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use serde_json::Value;

/// Each node's centre in diagram units (the view does not move while typing, but the
/// conversion does not rely on it).
const CENTRES_JS: &str = r#"
const svg = document.querySelector('#preview > svg');
if (!svg) return null;
const inverse = svg.getScreenCTM().inverse();
const out = {};
for (const el of svg.querySelectorAll('g.node[data-id]')) {
  const r = el.getBoundingClientRect();
  const p = new DOMPoint(r.left + r.width / 2, r.top + r.height / 2).matrixTransform(inverse);
  out[el.dataset.id] = [p.x, p.y];
}
return out;
"#;

async fn centres(page: &Page) -> Vec<(String, f64, f64)> {
    let v = page.eval(CENTRES_JS).await;
    let Value::Object(map) = v else { panic!("no drawing: {v}") };
    let mut out: Vec<(String, f64, f64)> = map
        .into_iter()
        .map(|(id, p)| (id, p[0].as_f64().unwrap_or_default(), p[1].as_f64().unwrap_or_default()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Pairs of nodes in one column (the seed flows left to right) in both drawings whose
/// top-to-bottom order turned round, leaving out the nodes `named`.
fn flips(a: &[(String, f64, f64)], b: &[(String, f64, f64)], named: &[&str]) -> Vec<(String, String)> {
    // Each node in both: its id, and its centre before and after.
    type Both<'a> = Vec<(&'a str, (f64, f64), (f64, f64))>;
    let both: Both = a
        .iter()
        .filter(|(id, ..)| !named.contains(&id.as_str()))
        .filter_map(|(id, x, y)| b.iter().find(|o| &o.0 == id).map(|o| (id.as_str(), (*x, *y), (o.1, o.2))))
        .collect();
    let mut out = Vec::new();
    for (i, p) in both.iter().enumerate() {
        for q in &both[i + 1..] {
            let column = (p.1.0 - q.1.0).abs() < 1.0 && (p.2.0 - q.2.0).abs() < 1.0;
            if column && (p.1.1 < q.1.1) != (p.2.1 < q.2.1) {
                out.push((p.0.to_string(), q.0.to_string()));
            }
        }
    }
    out
}

#[tokio::test]
async fn typing_a_line_keeps_the_order_of_what_it_does_not_touch() {
    with_app("relayout", |page: Page| async move {
        let seed = include_str!("../../../assets/examples/003-cloud-web-architecture.mmd");
        let set = page.eval(&format!("return window.coral.setText({})", serde_json::to_string(seed).unwrap())).await;
        assert_eq!(set, true, "setText took the seed");
        page.wait_for("seed 003 drawn", LOAD_TIMEOUT, |s| s.has_nodes(&["GW", "Replica", "Logs"])).await;
        let before = centres(&page).await;
        page.screenshot("relayout-before").await;
        // The caret before the caching comment (the text before it is ASCII, so bytes are
        // UTF-16 units); the editor has focus, so typing starts there.
        let at = seed.find("  %% Caching").expect("the caching comment");
        page.eval(&format!(
            "const e = document.querySelector('#editor'); e.focus(); e.setSelectionRange({at}, {at}); return true"
        ))
        .await;
        page.type_text("  Replica --> Backup[Backups]\n").await;
        page.wait_for("Backup drawn", UPDATE_TIMEOUT, |s| s.has_nodes(&["Backup"])).await;
        let text = page.eval("return window.coral.getText()").await;
        assert_eq!(
            text.as_str(),
            Some(format!("{}  Replica --> Backup[Backups]\n{}", &seed[..at], &seed[at..]).as_str()),
            "the line went in where the caret was"
        );
        let after = centres(&page).await;
        page.screenshot("relayout-after").await;
        let moved = flips(&before, &after, &["Replica", "Backup"]);
        assert!(moved.is_empty(), "pairs the typed lines do not name turned round: {moved:?}");
        // The seed's own nodes are all still drawn, and something shares a column with
        // something else, so the check above had pairs to look at.
        assert!(before.iter().all(|(id, ..)| after.iter().any(|o| &o.0 == id)));
        // A reload draws the same picture: the text comes back, and it is laid out after
        // the same drawing as before the reload.
        page.client().refresh().await.expect("reload");
        page.wait_for("the app to mount again", LOAD_TIMEOUT, |s| s.has_nodes(&["Backup"])).await;
        let reloaded = centres(&page).await;
        for ((id, x, y), (_, rx, ry)) in after.iter().zip(&reloaded) {
            assert!((x - rx).abs() < 0.5 && (y - ry).abs() < 0.5, "{id} moved across the reload: {x},{y} → {rx},{ry}");
        }
        assert_eq!(after.len(), reloaded.len());
        let columns = before.iter().enumerate().any(|(i, p)| before[i + 1..].iter().any(|q| (p.1 - q.1).abs() < 1.0));
        assert!(columns, "seed 003 has nodes sharing a column");
    })
    .await;
}
