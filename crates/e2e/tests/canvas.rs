//! The preview as a canvas, driven with real pointer and key events through WebDriver's
//! actions: drag a node (it follows the pointer, its edges stay on it, the text gains its
//! position and nothing else), undo and redo the drag, reload and find it where it was
//! left, keep the view while typing; drag a group (its members follow), cancel a drag
//! with Escape; drag an architecture service; pan, zoom around the pointer, Reset layout;
//! select with a Shift marquee, and with a finger held still.
//! Screenshots land in `target/e2e/canvas-*.png`.

use std::time::Duration;

use coral_core::edit::set_positions;
use coral_core::model::Point;
use coral_e2e::{LOAD_TIMEOUT, Page, UPDATE_TIMEOUT, with_app};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::key::Key;
use serde_json::Value;

/// Where things are on screen: per id (node or cluster) its box in viewport pixels, the
/// transform it was drawn with; per edge its ends in viewport pixels; the pixels per
/// diagram unit.
const GEOMETRY_JS: &str = r#"
const svg = document.querySelector('#preview > svg');
if (!svg) return null;
const out = { boxes: {}, transforms: {}, edges: [], scale: 0 };
for (const el of svg.querySelectorAll('g.node[data-id], g.junction[data-id], g.cluster[data-id]')) {
  const r = (el.querySelector('rect.cluster-box') || el).getBoundingClientRect();
  out.boxes[el.dataset.id] = [r.left, r.top, r.width, r.height];
  out.transforms[el.dataset.id] = el.getAttribute('transform');
}
for (const e of svg.querySelectorAll('path.edge[data-from][data-to]')) {
  const m = e.getScreenCTM(), n = e.getTotalLength();
  const a = e.getPointAtLength(0).matrixTransform(m), b = e.getPointAtLength(n).matrixTransform(m);
  out.edges.push([e.dataset.from, e.dataset.to, [a.x, a.y], [b.x, b.y]]);
}
out.scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
return out;
"#;

#[derive(Debug, Clone)]
struct Geometry {
    boxes: Vec<(String, [f64; 4])>,
    transforms: Vec<(String, Option<String>)>,
    edges: Vec<(String, String, [f64; 2], [f64; 2])>,
    scale: f64,
}

impl Geometry {
    fn rect(&self, id: &str) -> [f64; 4] {
        self.boxes.iter().find(|(i, _)| i == id).unwrap_or_else(|| panic!("no {id} on screen: {self:#?}")).1
    }

    fn centre(&self, id: &str) -> (f64, f64) {
        let r = self.rect(id);
        (r[0] + r[2] / 2.0, r[1] + r[3] / 2.0)
    }

    fn transform(&self, id: &str) -> Option<String> {
        self.transforms.iter().find(|(i, _)| i == id).and_then(|(_, t)| t.clone())
    }

    /// Every edge touching `id` starts or ends on its box (the arrow head pulls the path
    /// back by its length, about 10 diagram pixels).
    #[track_caller]
    fn edges_end_at(&self, id: &str) {
        let r = self.rect(id);
        let slack = 14.0 * self.scale + 2.0;
        let near = |p: [f64; 2]| {
            p[0] >= r[0] - slack && p[0] <= r[0] + r[2] + slack && p[1] >= r[1] - slack && p[1] <= r[1] + r[3] + slack
        };
        let mut seen = 0;
        for (from, to, a, b) in &self.edges {
            if from == id {
                assert!(near(*a), "edge {from}→{to} does not start at {id} {r:?}: {a:?}");
                seen += 1;
            }
            if to == id {
                assert!(near(*b), "edge {from}→{to} does not end at {id} {r:?}: {b:?}");
                seen += 1;
            }
        }
        assert!(seen > 0, "no edge of {id} drawn");
    }
}

async fn geometry(page: &Page) -> Geometry {
    let v = page.client().execute(GEOMETRY_JS, vec![]).await.expect("read the drawing");
    assert!(!v.is_null(), "no SVG in #preview");
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let map = |key: &str| v[key].as_object().cloned().unwrap_or_default();
    Geometry {
        boxes: map("boxes").iter().map(|(k, r)| (k.clone(), [f(&r[0]), f(&r[1]), f(&r[2]), f(&r[3])])).collect(),
        transforms: map("transforms").iter().map(|(k, t)| (k.clone(), t.as_str().map(str::to_string))).collect(),
        edges: v["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
                (s(&e[0]), s(&e[1]), [f(&e[2][0]), f(&e[2][1])], [f(&e[3][0]), f(&e[3][1])])
            })
            .collect(),
        scale: f(&v["scale"]),
    }
}

fn mouse() -> MouseActions {
    MouseActions::new("mouse".to_string())
}

fn to(x: f64, y: f64, ms: u64) -> PointerAction {
    PointerAction::MoveTo { duration: Some(Duration::from_millis(ms)), x: x.round(), y: y.round() }
}

/// Presses the left button at `from` and moves, in steps, by `by`; the button stays down.
async fn press_and_move(page: &Page, from: (f64, f64), by: (f64, f64)) {
    let steps = mouse()
        .then(to(from.0, from.1, 0))
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(to(from.0 + by.0 * 0.1, from.1 + by.1 * 0.1, 50))
        .then(to(from.0 + by.0 * 0.6, from.1 + by.1 * 0.6, 150))
        .then(to(from.0 + by.0, from.1 + by.1, 150));
    page.client().perform_actions(steps).await.expect("press and move");
}

async fn release(page: &Page) {
    page.client()
        .perform_actions(mouse().then(PointerAction::Up { button: MOUSE_BUTTON_LEFT }))
        .await
        .expect("release");
    page.client().release_actions().await.expect("release actions");
}

/// The text's stored position of `id`, as the core reads it.
fn stored(text: &str, id: &str) -> Option<Point> {
    let d = coral_core::syntax::parse(text).diagram;
    d.node_index(id).and_then(|n| d.nodes[n].pinned).or_else(|| d.cluster_index(id).and_then(|c| d.clusters[c].pinned))
}

async fn editor_text(page: &Page) -> String {
    page.snapshot().await.editor.unwrap_or_default()
}

/// Ctrl+`key` (with Shift when `shift`) sent to the preview.
async fn shortcut_on_preview(page: &Page, key: &str, shift: bool) {
    let keys = if shift {
        format!("{}{}{key}{}", Key::Control, Key::Shift, Key::Null)
    } else {
        format!("{}{key}{}", Key::Control, Key::Null)
    };
    page.find("#preview").await.send_keys(&keys).await.expect("shortcut on the preview");
}

async fn wait_text(page: &Page, what: &str, ready: impl Fn(&str) -> bool) -> String {
    page.wait_for(what, UPDATE_TIMEOUT, |s| s.editor.as_deref().is_some_and(&ready)).await.editor.unwrap()
}

const FLOW: &str = "flowchart LR\n  A[Start] --> B[Middle]\n  B --> C[End]\n  A --> C";

#[tokio::test]
async fn dragging_a_node_writes_its_position_undo_takes_it_back_and_a_reload_keeps_it() {
    with_app("canvas-node", |page: Page| async move {
        page.clear_editor().await;
        page.type_text(FLOW).await;
        page.wait_for("A, B, C drawn", UPDATE_TIMEOUT, |s| s.has_nodes(&["A", "B", "C"]) && s.edges.len() == 3).await;
        let before = geometry(&page).await;
        let (bx, by) = before.centre("B");
        page.screenshot("canvas-node-before").await;

        // (a) While dragging, B follows the pointer and its edges stay on it.
        let by_px = (90.0, 130.0);
        press_and_move(&page, (bx, by), by_px).await;
        let during = geometry(&page).await;
        let (cx, cy) = during.centre("B");
        assert!(
            (cx - bx - by_px.0).abs() <= 2.0 && (cy - by - by_px.1).abs() <= 2.0,
            "B at {cx},{cy}, pointer at {},{}",
            bx + by_px.0,
            by + by_px.1
        );
        during.edges_end_at("B");
        assert_eq!(hit(&page, (bx + by_px.0, by + by_px.1)).await.as_deref(), Some("B"), "B is not under the pointer");
        assert!(close(during.centre("A"), before.centre("A")), "A moved");
        assert_eq!(editor_text(&page).await, FLOW, "the text changed before the drop");
        page.screenshot("canvas-node-dragging").await;

        // (b) The drop writes B's position into the text, and nothing else.
        release(&page).await;
        let text = wait_text(&page, "B's position in the text", |t| stored(t, "B").is_some()).await;
        let at = stored(&text, "B").unwrap();
        assert_eq!(text, set_positions(FLOW, &[("B", at.x, at.y)]), "the drop changed more than B's position");
        let after = page_after_render(&page).await;
        assert_eq!(after.transform("B"), Some(format!("translate({},{})", at.x, at.y)));
        let (ax, ay) = after.centre("B");
        assert!((ax - cx).abs() <= 1.5 && (ay - cy).abs() <= 1.5, "B jumped on the drop: {cx},{cy} → {ax},{ay}");
        after.edges_end_at("B");
        let delta = (
            (at.x - diagram_centre(&before, "B").0) * before.scale,
            (at.y - diagram_centre(&before, "B").1) * before.scale,
        );
        assert!((delta.0 - by_px.0).abs() <= 2.0 && (delta.1 - by_px.1).abs() <= 2.0, "stored {at:?}, moved {delta:?}");
        assert_eq!(page.snapshot().await.errors().count(), 0);
        page.screenshot("canvas-node-dropped").await;

        // (c) Ctrl+Z on the canvas takes the drag back as one step; Shift+Ctrl+Z redoes it.
        shortcut_on_preview(&page, "z", false).await;
        wait_text(&page, "undo to bring the text back", |t| t == FLOW).await;
        let undone = page_after_render(&page).await;
        assert_eq!(undone.transform("B"), before.transform("B"), "B not back after undo");
        shortcut_on_preview(&page, "z", true).await;
        wait_text(&page, "redo to bring the position back", |t| t == text).await;

        // (d) The view stays while typing: a new node moves nothing already drawn.
        let settled = page_after_render(&page).await;
        page.caret_to_end().await;
        page.type_text("\n  C --> D[Added]").await;
        page.wait_for("D drawn", UPDATE_TIMEOUT, |s| s.has_nodes(&["D"])).await;
        let typed = page_after_render(&page).await;
        let (tx, ty) = typed.centre("B");
        let (sx, sy) = settled.centre("B");
        assert!(
            (tx - sx).abs() <= 1.0 && (ty - sy).abs() <= 1.0,
            "the view jumped while typing: {sx},{sy} → {tx},{ty}"
        );

        // (e) After a reload, B is drawn where it was left.
        let kept = typed.transform("B");
        page.client().refresh().await.expect("reload");
        page.wait_for("the app to mount again", LOAD_TIMEOUT, |s| s.has_nodes(&["A", "B", "C", "D"])).await;
        let reloaded = page_after_render(&page).await;
        assert_eq!(reloaded.transform("B"), kept, "B moved across the reload");
        reloaded.edges_end_at("B");
        page.screenshot("canvas-node-reloaded").await;
    })
    .await;
}

/// Two screen points within half a pixel (layout of the SVG rounds below that).
fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() <= 0.5 && (a.1 - b.1).abs() <= 0.5
}

/// The id of the movable element drawn at viewport point `p` (what the user sees there).
async fn hit(page: &Page, p: (f64, f64)) -> Option<String> {
    let js = "const e = document.elementFromPoint(arguments[0], arguments[1]); \
              const g = e && e.closest('g.node[data-id], g.junction[data-id], g.cluster[data-id]'); \
              return g ? g.dataset.id : null;";
    let v = page.client().execute(js, vec![p.0.into(), p.1.into()]).await.expect("hit test");
    v.as_str().map(str::to_string)
}

/// B's centre in diagram coordinates, from the transform it was drawn with.
fn diagram_centre(g: &Geometry, id: &str) -> (f64, f64) {
    let t = g.transform(id).unwrap_or_default();
    let inner = t.trim_start_matches("translate(").trim_end_matches(')');
    let mut it = inner.split(',').map(|v| v.trim().parse::<f64>().unwrap_or(f64::NAN));
    (it.next().unwrap_or(f64::NAN), it.next().unwrap_or(f64::NAN))
}

/// The geometry once the SVG on screen is the current text's (two reads agree).
async fn page_after_render(page: &Page) -> Geometry {
    let mut last = geometry(page).await;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let now = geometry(page).await;
        if now.boxes == last.boxes && now.transforms == last.transforms {
            return now;
        }
        last = now;
    }
    last
}

const SEED_003: &str = include_str!("../../../assets/examples/003-cloud-web-architecture.mmd");

#[tokio::test]
async fn dragging_a_group_moves_its_members_and_escape_cancels_a_drag() {
    with_app("canvas-group", |page: Page| async move {
        page.find("select#examples").await.select_by_value("003-cloud-web-architecture").await.expect("load seed 003");
        page.wait_for("seed 003 drawn", LOAD_TIMEOUT, |s| s.nodes.len() == 28).await;
        let before = page_after_render(&page).await;
        page.screenshot("canvas-group-before").await;
        let members = ["API", "US", "OS", "PS", "IM"];
        // Grab the group by its title bar.
        let r = before.rect("BackendServices");
        let grab = (r[0] + 12.0, r[1] + 8.0);
        let by = (40.0, 160.0);
        press_and_move(&page, grab, by).await;
        let during = geometry(&page).await;
        for id in members {
            let ((x0, y0), (x1, y1)) = (before.centre(id), during.centre(id));
            assert!(
                (x1 - x0 - by.0).abs() <= 2.0 && (y1 - y0 - by.1).abs() <= 2.0,
                "{id} did not follow: {x0},{y0} → {x1},{y1}"
            );
        }
        assert!(close(during.centre("Browser"), before.centre("Browser")), "a node outside the group moved");
        during.edges_end_at("API");
        page.screenshot("canvas-group-dragging").await;
        release(&page).await;
        let text =
            wait_text(&page, "the group's position in the text", |t| stored(t, "BackendServices").is_some()).await;
        let at = stored(&text, "BackendServices").unwrap();
        assert_eq!(text, set_positions(SEED_003, &[("BackendServices", at.x, at.y)]));
        let after = page_after_render(&page).await;
        for id in members {
            let ((x0, y0), (x1, y1)) = (during.centre(id), after.centre(id));
            assert!((x1 - x0).abs() <= 1.5 && (y1 - y0).abs() <= 1.5, "{id} jumped on the drop: {x0},{y0} → {x1},{y1}");
        }
        page.screenshot("canvas-group-dropped").await;

        // Escape in the middle of a drag puts everything back and writes nothing.
        let (cx, cy) = after.centre("Cache");
        press_and_move(&page, (cx, cy), (-120.0, 90.0)).await;
        let moving = geometry(&page).await;
        assert!((moving.centre("Cache").0 - cx + 120.0).abs() <= 2.0, "Cache did not follow");
        page.find("#preview").await.send_keys(&Key::Escape.to_string()).await.expect("Escape");
        release(&page).await;
        let back = page_after_render(&page).await;
        assert!(close(back.centre("Cache"), after.centre("Cache")), "Escape left Cache moved");
        assert_eq!(editor_text(&page).await, text, "Escape wrote into the text");
        assert_eq!(back.edges.len(), after.edges.len());
        for (a, b) in back.edges.iter().zip(&after.edges) {
            let same = a.0 == b.0
                && a.1 == b.1
                && close((a.2[0], a.2[1]), (b.2[0], b.2[1]))
                && close((a.3[0], a.3[1]), (b.3[0], b.3[1]));
            assert!(same, "Escape left an edge moved: {a:?} → {b:?}");
        }

        // Reset layout removes every stored position, undoably.
        page.find("button#reset-layout").await.click().await.expect("Reset layout");
        wait_text(&page, "the positions removed", |t| t == SEED_003).await;
        let reset = page_after_render(&page).await;
        assert_eq!(reset.transform("API"), before.transform("API"));
        shortcut_on_preview(&page, "z", false).await;
        wait_text(&page, "undo to bring them back", |t| t == text).await;
    })
    .await;
}

const SEED_001_ID: &str = "001-multi-cloud-microservices";

#[tokio::test]
async fn dragging_an_architecture_service_keeps_its_edges_on_it() {
    with_app("canvas-architecture", |page: Page| async move {
        page.find("select#examples").await.select_by_value(SEED_001_ID).await.expect("load seed 001");
        page.wait_for("seed 001 drawn", LOAD_TIMEOUT, |s| s.nodes.len() == 51).await;
        let original = editor_text(&page).await;
        let before = page_after_render(&page).await;
        // The service with the most edges.
        let id = before
            .boxes
            .iter()
            .map(|(id, _)| id.clone())
            .filter(|id| before.edges.iter().any(|e| &e.0 == id || &e.1 == id))
            .max_by_key(|id| before.edges.iter().filter(|e| &e.0 == id || &e.1 == id).count())
            .expect("a service with edges");
        let (x, y) = before.centre(&id);
        press_and_move(&page, (x, y), (60.0, 45.0)).await;
        let during = geometry(&page).await;
        during.edges_end_at(&id);
        release(&page).await;
        let text = wait_text(&page, "the service's position in the text", |t| stored(t, &id).is_some()).await;
        let at = stored(&text, &id).unwrap();
        assert_eq!(text, set_positions(&original, &[(&id, at.x, at.y)]));
        let after = page_after_render(&page).await;
        after.edges_end_at(&id);
        assert_eq!(page.snapshot().await.errors().count(), 0);
        page.screenshot("canvas-architecture-dropped").await;
    })
    .await;
}

#[tokio::test]
async fn the_background_pans_and_the_wheel_zooms_around_the_pointer() {
    with_app("canvas-view", |page: Page| async move {
        page.write(FLOW, &["A", "B", "C"]).await;
        let before = page_after_render(&page).await;
        // Pan: press on empty canvas (well below the drawing) and drag.
        let pane = page.client().execute("const r = document.querySelector('#preview').getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", vec![]).await.expect("pane");
        let p = |i: usize| pane[i].as_f64().unwrap();
        let empty = (p(0) + 30.0, p(1) + p(3) - 60.0);
        press_and_move(&page, empty, (70.0, -40.0)).await;
        release(&page).await;
        let panned = geometry(&page).await;
        let ((x0, y0), (x1, y1)) = (before.centre("A"), panned.centre("A"));
        assert!((x1 - x0 - 70.0).abs() <= 1.0 && (y1 - y0 + 40.0).abs() <= 1.0, "pan moved A by {},{}", x1 - x0, y1 - y0);
        assert_eq!(editor_text(&page).await, FLOW, "panning changed the text");

        // Zoom in with the wheel over B: B stays under the pointer, and grows.
        let (bx, by) = panned.centre("B");
        page.wheel(bx, by, -300).await;
        let zoomed = page_after_render(&page).await;
        assert!(zoomed.scale > panned.scale * 1.2, "no zoom: {} → {}", panned.scale, zoomed.scale);
        let (zx, zy) = zoomed.centre("B");
        assert!((zx - bx).abs() <= 2.0 && (zy - by).abs() <= 2.0, "B left the pointer: {bx},{by} → {zx},{zy}");
        page.screenshot("canvas-view-zoomed").await;

        // 100 % and Fit.
        page.find("button#zoom-reset").await.click().await.expect("100 %");
        let actual = page_after_render(&page).await;
        assert!((actual.scale - 1.0).abs() < 0.01, "{}", actual.scale);
        page.find("button#zoom-fit").await.click().await.expect("Fit");
        let fitted = page_after_render(&page).await;
        let r = fitted.rect("C");
        assert!(r[0] >= p(0) && r[0] + r[2] <= p(0) + p(2), "C outside the pane after Fit: {r:?}");
    })
    .await;
}

/// One whole drag with a given pointer kind: press at `from`, move by `by` in steps, lift.
async fn drag_with<S>(page: &Page, source: S, from: (f64, f64), by: (f64, f64))
where
    S: InputSource<Action = PointerAction> + Into<fantoccini::actions::ActionSequence>,
{
    let steps = source
        .then(to(from.0, from.1, 0))
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(to(from.0 + by.0 * 0.1, from.1 + by.1 * 0.1, 50))
        .then(to(from.0 + by.0 * 0.6, from.1 + by.1 * 0.6, 150))
        .then(to(from.0 + by.0, from.1 + by.1, 150))
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    page.client().perform_actions(steps).await.expect("drag");
    page.client().release_actions().await.expect("release actions");
}

/// The issue's own check: seed 003, three nodes (by mouse, pen and touch) and a group
/// dragged, then a reload: everything is where it was left and the text holds the four
/// positions.
#[tokio::test]
async fn seed_003_with_three_nodes_and_a_group_dragged_survives_a_reload() {
    with_app("canvas-seed-003", |page: Page| async move {
        page.find("select#examples").await.select_by_value("003-cloud-web-architecture").await.expect("load seed 003");
        page.wait_for("seed 003 drawn", LOAD_TIMEOUT, |s| s.nodes.len() == 28).await;
        let before = page_after_render(&page).await;
        page.screenshot("canvas-seed-003-before").await;
        let moves: [(&str, (f64, f64)); 4] = [
            ("Auth", (30.0, -60.0)),
            ("Cache", (-40.0, 70.0)),
            ("Worker", (50.0, 50.0)),
            ("Observability", (0.0, 90.0)),
        ];
        for (i, (id, by)) in moves.iter().enumerate() {
            let now = page_after_render(&page).await;
            let from = if *id == "Observability" {
                let r = now.rect(id);
                (r[0] + 10.0, r[1] + 6.0)
            } else {
                now.centre(id)
            };
            match i {
                1 => drag_with(&page, fantoccini::actions::PenActions::new("pen".to_string()), from, *by).await,
                2 => drag_with(&page, fantoccini::actions::TouchActions::new("finger".to_string()), from, *by).await,
                _ => drag_with(&page, mouse(), from, *by).await,
            }
            wait_text(&page, &format!("{id}'s position in the text"), |t| stored(t, id).is_some()).await;
        }
        let text = editor_text(&page).await;
        let positions: Vec<(&str, Point)> = moves.iter().map(|(id, _)| (*id, stored(&text, id).unwrap())).collect();
        let list: Vec<(&str, f64, f64)> = positions.iter().map(|(id, p)| (*id, p.x, p.y)).collect();
        assert_eq!(text, set_positions(SEED_003, &list), "the text holds more than the four positions");
        let dropped = page_after_render(&page).await;
        for (id, by) in &moves[..3] {
            let ((x0, y0), (x1, y1)) = (before.centre(id), dropped.centre(id));
            assert!((x1 - x0 - by.0).abs() <= 2.0 && (y1 - y0 - by.1).abs() <= 2.0, "{id} is not where it was dropped");
            dropped.edges_end_at(id);
        }
        page.screenshot("canvas-seed-003-dragged").await;
        page.client().refresh().await.expect("reload");
        page.wait_for("the app to mount again", LOAD_TIMEOUT, |s| s.nodes.len() == 28).await;
        assert_eq!(editor_text(&page).await, text);
        let reloaded = page_after_render(&page).await;
        for (id, _) in &moves[..3] {
            assert_eq!(reloaded.transform(id), dropped.transform(id), "{id} moved across the reload");
        }
        // The group's members are where the group took them.
        assert_eq!(reloaded.transform("Tracing"), dropped.transform("Tracing"), "Tracing moved across the reload");
        assert_ne!(dropped.transform("Tracing"), before.transform("Tracing"), "Tracing did not move with its group");
        page.screenshot("canvas-seed-003-reloaded").await;
    })
    .await;
}

/// Classes of the element with `data-id` `id` and of every edge touching it.
const MARKS_JS: &str = r#"
const svg = document.querySelector('#preview > svg');
const el = [...svg.querySelectorAll('[data-id]')].find(e => e.dataset.id === arguments[0]);
const edges = [...svg.querySelectorAll('path.edge')].filter(e => e.dataset.from === arguments[0] || e.dataset.to === arguments[0]);
return [el.classList.contains('selected'), edges.length, edges.filter(e => e.classList.contains('selected-edge')).length,
        svg.querySelectorAll('.selected').length];
"#;

async fn marks(page: &Page, id: &str) -> (bool, i64, i64, i64) {
    let v = page.client().execute(MARKS_JS, vec![id.into()]).await.expect("read marks");
    (
        v[0].as_bool().unwrap_or(false),
        v[1].as_i64().unwrap_or(-1),
        v[2].as_i64().unwrap_or(-1),
        v[3].as_i64().unwrap_or(-1),
    )
}

async fn click_at(page: &Page, at: (f64, f64), shift: bool) {
    let keys = fantoccini::actions::KeyActions::new("keys".to_string());
    let press = mouse()
        .then(to(at.0, at.1, 0))
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    if shift {
        use fantoccini::actions::KeyAction;
        let keys = keys
            .then(KeyAction::Down { value: Key::Shift.into() })
            .then(KeyAction::Pause { duration: Duration::from_millis(1) })
            .then(KeyAction::Pause { duration: Duration::from_millis(1) })
            .then(KeyAction::Pause { duration: Duration::from_millis(1) })
            .then(KeyAction::Up { value: Key::Shift.into() });
        // Shift goes down a tick before the press and up a tick after the release.
        let press = mouse()
            .then(PointerAction::Pause { duration: Duration::from_millis(1) })
            .then(to(at.0, at.1, 0))
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(1) });
        let both = fantoccini::actions::Actions::from(keys).and(press);
        page.client().perform_actions(both).await.expect("shift-click");
    } else {
        page.client().perform_actions(press).await.expect("click");
    }
    page.client().release_actions().await.expect("release actions");
}

#[tokio::test]
async fn a_click_selects_arrow_keys_nudge_and_reset_layout_clears_the_selection() {
    with_app("canvas-select", |page: Page| async move {
        page.write(FLOW, &["A", "B", "C"]).await;
        let before = page_after_render(&page).await;
        click_at(&page, before.centre("B"), false).await;
        assert_eq!(marks(&page, "B").await, (true, 2, 2, 1), "B and its two edges marked, nothing else");
        // Shift-click adds A; a click on the background clears.
        click_at(&page, before.centre("A"), true).await;
        assert!(marks(&page, "A").await.0);
        assert_eq!(marks(&page, "B").await.3, 2);
        let pane = page.client().execute("const r = document.querySelector('#preview').getBoundingClientRect(); return [r.left + 20, r.bottom - 40];", vec![]).await.expect("pane");
        click_at(&page, (pane[0].as_f64().unwrap(), pane[1].as_f64().unwrap()), false).await;
        assert_eq!(marks(&page, "B").await.3, 0, "the background click left a selection");
        assert_eq!(editor_text(&page).await, FLOW, "clicks changed the text");

        // Arrow keys: one pixel, ten with shift, each an edit of B's position only.
        click_at(&page, before.centre("B"), false).await;
        let (cx, cy) = diagram_centre(&before, "B");
        page.find("#preview").await.send_keys(&Key::Right.to_string()).await.expect("→");
        let text = wait_text(&page, "B nudged right", |t| stored(t, "B").is_some()).await;
        assert_eq!(stored(&text, "B"), Some(Point { x: (cx + 1.0).round(), y: cy.round() }));
        page.find("#preview").await.send_keys(&format!("{}{}{}", Key::Shift, Key::Down, Key::Null)).await.expect("shift+↓");
        let text = wait_text(&page, "B nudged down by ten", |t| stored(t, "B").map(|p| p.y) == Some(cy.round() + 10.0)).await;
        assert_eq!(text, set_positions(FLOW, &[("B", (cx + 1.0).round(), cy.round() + 10.0)]));
        assert!(marks(&page, "B").await.0, "the selection did not survive the redraw");
        page.screenshot("canvas-select-nudged").await;
        // Reset layout with a selection clears only its positions (here: all there are).
        page.find("button#reset-layout").await.click().await.expect("Reset layout");
        wait_text(&page, "B's position removed", |t| t == FLOW).await;
    })
    .await;
}

/// Shift held from before the press until after the release, while the mouse presses at
/// `from`, moves by `by` in steps and lets go: a marquee.
async fn shift_drag(page: &Page, from: (f64, f64), by: (f64, f64)) {
    use fantoccini::actions::{KeyAction, KeyActions};
    let pointer = mouse()
        .then(PointerAction::Pause { duration: Duration::from_millis(1) })
        .then(to(from.0, from.1, 0))
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(to(from.0 + by.0 * 0.1, from.1 + by.1 * 0.1, 50))
        .then(to(from.0 + by.0 * 0.6, from.1 + by.1 * 0.6, 150))
        .then(to(from.0 + by.0, from.1 + by.1, 150))
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Pause { duration: Duration::from_millis(1) });
    let mut keys = KeyActions::new("keys".to_string()).then(KeyAction::Down { value: Key::Shift.into() });
    for _ in 0..6 {
        keys = keys.then(KeyAction::Pause { duration: Duration::from_millis(1) });
    }
    let keys = keys.then(KeyAction::Up { value: Key::Shift.into() });
    page.client().perform_actions(fantoccini::actions::Actions::from(keys).and(pointer)).await.expect("shift-drag");
    page.client().release_actions().await.expect("release actions");
}

/// Ids of the elements marked selected.
async fn selected_ids(page: &Page) -> Vec<String> {
    let js = "return [...document.querySelectorAll('#preview > svg .selected')].map(e => e.dataset.id).sort();";
    let v = page.client().execute(js, vec![]).await.expect("read the selection");
    v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect()
}

const FOUR: &str = "flowchart LR\n  A[Start] --> B[Middle]\n  B --> C[End]\n  A --> C\n  C --> D[Out]";

#[tokio::test]
async fn a_shift_marquee_selects_and_dragging_one_of_the_selection_moves_it_all_as_one_edit() {
    with_app("canvas-marquee", |page: Page| async move {
        page.write(FOUR, &["A", "B", "C", "D"]).await;
        let before = page_after_render(&page).await;
        let (a, b, c) = (before.rect("A"), before.rect("B"), before.rect("C"));
        assert!(a[0] + a[2] < c[0] && b[0] + b[2] < c[0], "expected A and B left of C: {before:#?}");

        // (a) Shift+drag from empty canvas above-left of A to just inside B: A and B
        // selected (touched), C not; the rectangle shows while it is drawn, and goes.
        let from = (a[0].min(b[0]) - 14.0, a[1].min(b[1]) - 14.0);
        let corner = (b[0] + b[2] * 0.5, a[1].max(b[1]) + a[3].max(b[3]) + 6.0);
        assert_eq!(hit(&page, from).await, None, "the marquee must start on empty canvas");
        shift_drag(&page, from, (corner.0 - from.0, corner.1 - from.1)).await;
        assert_eq!(selected_ids(&page).await, vec!["A", "B"], "the marquee picked something else");
        let left = page.eval("return !!document.querySelector('#marquee');").await;
        assert_eq!(left.as_bool(), Some(false), "the marquee stayed on screen");
        assert_eq!(editor_text(&page).await, FOUR, "selecting changed the text");
        assert_eq!(before.transform("A"), page_after_render(&page).await.transform("A"), "the marquee moved A");
        page.screenshot("canvas-marquee-selected").await;

        // (b) Dragging B drags A too: both follow the pointer, C and D stay, the edges of
        // all of them stay on them.
        let by = (40.0, 90.0);
        press_and_move(&page, before.centre("B"), by).await;
        let during = geometry(&page).await;
        for id in ["A", "B"] {
            let ((x0, y0), (x1, y1)) = (before.centre(id), during.centre(id));
            assert!((x1 - x0 - by.0).abs() <= 2.0 && (y1 - y0 - by.1).abs() <= 2.0, "{id} did not follow");
            during.edges_end_at(id);
        }
        assert!(close(during.centre("C"), before.centre("C")), "C is not selected but moved");
        during.edges_end_at("C");
        page.screenshot("canvas-marquee-dragging").await;
        release(&page).await;
        let text = wait_text(&page, "A's and B's positions", |t| stored(t, "A").is_some() && stored(t, "B").is_some())
            .await;
        let (pa, pb) = (stored(&text, "A").unwrap(), stored(&text, "B").unwrap());
        assert_eq!(text, set_positions(FOUR, &[("B", pb.x, pb.y), ("A", pa.x, pa.y)]), "the drop wrote more");
        let (ca, cb) = (diagram_centre(&before, "A"), diagram_centre(&before, "B"));
        assert!(
            ((pa.x - ca.0) - (pb.x - cb.0)).abs() < 0.5 && ((pa.y - ca.1) - (pb.y - cb.1)).abs() < 0.5,
            "A and B moved by different steps: {pa:?} {pb:?}"
        );
        let dropped = page_after_render(&page).await;
        for id in ["A", "B"] {
            let ((x0, y0), (x1, y1)) = (during.centre(id), dropped.centre(id));
            assert!((x1 - x0).abs() <= 1.5 && (y1 - y0).abs() <= 1.5, "{id} jumped on the drop");
            dropped.edges_end_at(id);
        }
        assert_eq!(selected_ids(&page).await, vec!["A", "B"], "the selection did not survive the drop");
        page.screenshot("canvas-marquee-dropped").await;

        // (c) One undo takes both back.
        shortcut_on_preview(&page, "z", false).await;
        wait_text(&page, "undo to bring the text back", |t| t == FOUR).await;
        let undone = page_after_render(&page).await;
        assert_eq!(undone.transform("A"), before.transform("A"));
        assert_eq!(undone.transform("B"), before.transform("B"));

        // (d) Arrow keys nudge the whole selection, as one edit.
        page.find("#preview").await.send_keys(&Key::Left.to_string()).await.expect("←");
        let text = wait_text(&page, "A and B nudged", |t| stored(t, "A").is_some() && stored(t, "B").is_some()).await;
        assert_eq!(stored(&text, "A"), Some(Point { x: (ca.0 - 1.0).round(), y: ca.1.round() }));
        assert_eq!(stored(&text, "B"), Some(Point { x: (cb.0 - 1.0).round(), y: cb.1.round() }));
        assert_eq!(stored(&text, "C"), None);
        shortcut_on_preview(&page, "z", false).await;
        wait_text(&page, "undo of the nudge", |t| t == FOUR).await;

        // (e) A marquee adds to the selection there is (D, clicked), from the pane's corner.
        click_at(&page, before.centre("D"), false).await;
        let pane = page.eval("const r = document.querySelector('#preview').getBoundingClientRect(); return [r.left + 12, r.top + 12];").await;
        let start = (pane[0].as_f64().unwrap(), pane[1].as_f64().unwrap());
        assert_eq!(hit(&page, start).await, None);
        shift_drag(&page, start, (c[0] + c[2] - start.0, c[1] + c[3] - start.1)).await;
        let picked = selected_ids(&page).await;
        assert!(picked.contains(&"D".to_string()) && picked.contains(&"C".to_string()), "shift adds: {picked:?}");

        // (f) Escape while a marquee is being drawn puts the selection back as it was.
        click_at(&page, before.centre("D"), false).await;
        {
            use fantoccini::actions::{KeyAction, KeyActions};
            let by = (c[0] + c[2] - start.0, c[1] + c[3] - start.1);
            let pause = || PointerAction::Pause { duration: Duration::from_millis(30) };
            let pointer = mouse()
                .then(PointerAction::Pause { duration: Duration::from_millis(1) })
                .then(to(start.0, start.1, 0))
                .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
                .then(to(start.0 + by.0 * 0.5, start.1 + by.1 * 0.5, 100))
                .then(to(start.0 + by.0, start.1 + by.1, 100))
                .then(pause())
                .then(pause())
                .then(pause())
                .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
            let keys = KeyActions::new("keys".to_string())
                .then(KeyAction::Down { value: Key::Shift.into() })
                .then(KeyAction::Pause { duration: Duration::from_millis(1) })
                .then(KeyAction::Pause { duration: Duration::from_millis(1) })
                .then(KeyAction::Pause { duration: Duration::from_millis(1) })
                .then(KeyAction::Pause { duration: Duration::from_millis(1) })
                .then(KeyAction::Down { value: Key::Escape.into() })
                .then(KeyAction::Up { value: Key::Escape.into() })
                .then(KeyAction::Up { value: Key::Shift.into() });
            page.client()
                .perform_actions(fantoccini::actions::Actions::from(keys).and(pointer))
                .await
                .expect("marquee, then Escape");
            page.client().release_actions().await.expect("release actions");
        }
        assert_eq!(selected_ids(&page).await, vec!["D"], "Escape did not put the selection back");
        let left = page.eval("return !!document.querySelector('#marquee');").await;
        assert_eq!(left.as_bool(), Some(false), "the marquee stayed after Escape");
        assert_eq!(editor_text(&page).await, FOUR);
    })
    .await;
}

/// Watches for the marquee: `__coralHeld` is whether it was on screen when the first
/// pointer move after a press arrived.
const HELD_JS: &str = r#"
window.__coralHeld = null;
const pane = document.querySelector('#preview');
let down = false;
const press = () => { down = true; };
const first = () => {
  if (!down) return;
  window.__coralHeld = !!document.querySelector('#marquee');
  pane.removeEventListener('pointermove', first, true);
  pane.removeEventListener('pointerdown', press, true);
};
pane.addEventListener('pointerdown', press, true);
pane.addEventListener('pointermove', first, true);
return true;
"#;

/// A finger (or pen) has no Shift: held still on empty canvas it starts a marquee, which
/// shows at once and follows the finger; moved at once it pans; held on a node it drags it.
#[tokio::test]
async fn a_touch_held_still_draws_a_marquee_and_a_quick_one_pans() {
    use fantoccini::actions::TouchActions;
    let finger = || TouchActions::new("finger".to_string());
    with_app("canvas-touch-marquee", move |page: Page| async move {
        page.write(FOUR, &["A", "B", "C", "D"]).await;
        let first = page_after_render(&page).await;
        let pane = page.eval("const r = document.querySelector('#preview').getBoundingClientRect(); return [r.left + 12, r.top + 12];").await;
        let corner = (pane[0].as_f64().unwrap(), pane[1].as_f64().unwrap());
        assert_eq!(hit(&page, corner).await, None, "the pane's corner must be empty canvas");

        // (a) Moved at once: a pan, no marquee, nothing selected.
        drag_with(&page, finger(), corner, (30.0, 20.0)).await;
        let before = page_after_render(&page).await;
        let ((x0, y0), (x1, y1)) = (first.centre("A"), before.centre("A"));
        assert!((x1 - x0 - 30.0).abs() <= 2.0 && (y1 - y0 - 20.0).abs() <= 2.0, "a quick touch drag did not pan");
        assert!(selected_ids(&page).await.is_empty(), "panning selected something");
        assert_eq!(editor_text(&page).await, FOUR, "panning changed the text");

        // (b) Held still on empty canvas: the marquee shows before the finger moves, then
        // follows it; A and B (touched) are selected, C is not; lifting takes it away.
        let (a, b) = (before.rect("A"), before.rect("B"));
        let from = (a[0].min(b[0]) - 14.0, a[1].min(b[1]) - 14.0);
        let to_corner = (b[0] + b[2] * 0.5, a[1].max(b[1]) + a[3].max(b[3]) + 6.0);
        assert_eq!(hit(&page, from).await, None, "the marquee must start on empty canvas");
        // Whether the marquee was on screen before the finger first moved.
        page.eval(HELD_JS).await;
        let by = (to_corner.0 - from.0, to_corner.1 - from.1);
        let hold = finger()
            .then(to(from.0, from.1, 0))
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(700) })
            .then(to(from.0 + by.0 * 0.5, from.1 + by.1 * 0.5, 100))
            .then(to(from.0 + by.0, from.1 + by.1, 100))
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        page.client().perform_actions(hold).await.expect("press, hold, sweep and lift");
        page.client().release_actions().await.expect("release actions");
        let shown = page.eval("return window.__coralHeld;").await;
        assert_eq!(shown.as_bool(), Some(true), "holding still did not show a marquee before the finger moved");
        assert_eq!(selected_ids(&page).await, vec!["A", "B"], "the held marquee picked something else");
        let left = page.eval("return !!document.querySelector('#marquee');").await;
        assert_eq!(left.as_bool(), Some(false), "the marquee stayed on screen");
        let after = page_after_render(&page).await;
        assert_eq!(after.transform("A"), before.transform("A"), "the marquee moved A");
        assert!(close(after.centre("A"), before.centre("A")), "the marquee panned the view");
        assert_eq!(editor_text(&page).await, FOUR, "selecting changed the text");

        // (c) Held on a node, then moved: the node is dragged, not a marquee.
        let hold_and_drag = finger()
            .then(to(before.centre("D").0, before.centre("D").1, 0))
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(700) })
            .then(to(before.centre("D").0, before.centre("D").1 + 20.0, 100))
            .then(to(before.centre("D").0, before.centre("D").1 + 50.0, 100))
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        page.client().perform_actions(hold_and_drag).await.expect("hold a node and drag it");
        page.client().release_actions().await.expect("release actions");
        wait_text(&page, "D's position in the text", |t| stored(t, "D").is_some()).await;
        let dragged = page_after_render(&page).await;
        let ((x0, y0), (x1, y1)) = (before.centre("D"), dragged.centre("D"));
        assert!((x1 - x0).abs() <= 2.0 && (y1 - y0 - 50.0).abs() <= 2.0, "D did not follow the finger");
        dragged.edges_end_at("D");
        page.screenshot("canvas-touch-marquee").await;
    })
    .await;
}

/// The issue's check on seed 001, as a new user would do it: three services picked with a
/// marquee and dragged together, a group dragged, the group's drag undone, a reload —
/// everything is where it was left and the text holds the positions.
#[tokio::test]
async fn seed_001_three_services_marqueed_and_dragged_a_group_dragged_undo_and_reload() {
    with_app("canvas-seed-001", |page: Page| async move {
        page.find("select#examples").await.select_by_value(SEED_001_ID).await.expect("load seed 001");
        page.wait_for("seed 001 drawn", LOAD_TIMEOUT, |s| s.nodes.len() == 51).await;
        let original = editor_text(&page).await;
        let before = page_after_render(&page).await;
        page.screenshot("canvas-seed-001-before").await;
        let three = ["spa", "ssr", "mobile"];
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for id in three {
            let r = before.rect(id);
            (x0, y0, x1, y1) = (x0.min(r[0]), y0.min(r[1]), x1.max(r[0] + r[2]), y1.max(r[1] + r[3]));
        }
        let from = (x0 - 3.0, y0 - 3.0);
        let on = hit(&page, from).await;
        assert!(
            on.is_none() || before.transforms.iter().all(|(id, _)| Some(id) != on.as_ref() || id == "frontend"),
            "the marquee would start on {on:?}"
        );
        shift_drag(&page, from, (x1 + 3.0 - from.0, y1 + 3.0 - from.1)).await;
        let picked = selected_ids(&page).await;
        for id in three {
            assert!(picked.contains(&id.to_string()), "{id} not picked: {picked:?}");
        }
        assert!(!picked.contains(&"frontend".to_string()), "the group around them was picked");
        page.screenshot("canvas-seed-001-marquee").await;

        let by = (60.0, 45.0);
        press_and_move(&page, before.centre("spa"), by).await;
        let during = geometry(&page).await;
        for id in &picked {
            let ((ax, ay), (bx, by_)) = (before.centre(id), during.centre(id));
            assert!((bx - ax - by.0).abs() <= 2.0 && (by_ - ay - by.1).abs() <= 2.0, "{id} did not follow");
        }
        release(&page).await;
        let moved = wait_text(&page, "the three positions", |t| three.iter().all(|id| stored(t, id).is_some())).await;
        for id in &picked {
            assert!(stored(&moved, id).is_some(), "{id} moved but was not stored");
        }
        let dragged = page_after_render(&page).await;
        for id in three {
            dragged.edges_end_at(id);
        }
        page.screenshot("canvas-seed-001-three-dragged").await;

        // The Kubernetes group, by its top-left corner: its services follow.
        let r = dragged.rect("k8s");
        drag_with(&page, mouse(), (r[0] + 10.0, r[1] + 6.0), (-50.0, 70.0)).await;
        let grouped = wait_text(&page, "the group's position", |t| stored(t, "k8s").is_some()).await;
        let after_group = page_after_render(&page).await;
        let ((ax, ay), (bx, by_)) = (dragged.centre("auth"), after_group.centre("auth"));
        assert!((bx - ax + 50.0).abs() <= 2.0 && (by_ - ay - 70.0).abs() <= 2.0, "auth did not follow its group");
        assert_ne!(grouped, moved);
        page.screenshot("canvas-seed-001-group-dragged").await;

        // Undo takes the group's drag back, and only it.
        shortcut_on_preview(&page, "z", false).await;
        wait_text(&page, "undo of the group drag", |t| t == moved).await;
        let undone = page_after_render(&page).await;
        assert_eq!(undone.transform("auth"), dragged.transform("auth"));
        assert_eq!(undone.transform("spa"), dragged.transform("spa"));

        page.client().refresh().await.expect("reload");
        page.wait_for("the app to mount again", LOAD_TIMEOUT, |s| s.nodes.len() == 51).await;
        assert_eq!(editor_text(&page).await, moved);
        let reloaded = page_after_render(&page).await;
        for id in three.iter().chain(&["auth", "kong"]) {
            assert_eq!(reloaded.transform(id), undone.transform(id), "{id} moved across the reload");
        }
        assert_ne!(moved, original);
        assert_eq!(page.snapshot().await.errors().count(), 0);
        page.screenshot("canvas-seed-001-reloaded").await;
    })
    .await;
}
