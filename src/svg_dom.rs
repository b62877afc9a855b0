//! The SVG in a pane, and how the next one takes its place: patched in place when it is
//! the same diagram a little changed (`coral_editor::svg_patch`), replaced when it is not.
//!
//! A patch keeps the `<svg>` element and every element whose markup did not change; a
//! node that only moved gets its `transform` set; new or changed elements are parsed by
//! the browser in one go (an inert `<template>`, as `innerHTML` would) and put in place.
//! The pane's `<svg>` keeps the id it was first shown with (the markup's own id changes
//! with every new node, see `svg_patch`), so what is on screen can differ from the
//! preview's SVG string in that id only; export, copy and `window.coral.getSvg()` take
//! the string.
//!
//! Before anything is changed, the plan is checked against the DOM (each container still
//! has the children the markup on screen had): a pane someone else changed is replaced
//! instead, never patched wrongly.

use std::sync::Arc;

use coral_editor::svg_patch::{self, AttrChange, Dirty, Level, Node, Rename, Step};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A patch that would create more than this share of the new markup is done as a
/// replacement: parsing nearly everything anyway, the diff only adds work.
const MAX_FRESH_SHARE: f64 = 0.5;

/// What a pane shows: the SVG string it was asked for, and the markup its DOM holds.
pub struct OnScreen {
    /// The SVG as the core wrote it (what the preview state holds).
    pub svg: Arc<str>,
    /// The markup in the DOM: `svg` with the id on screen.
    markup: Arc<str>,
    tree: Node,
    /// What the page changed itself since (a drag in progress patches attributes).
    dirty: Dirty,
}

impl OnScreen {
    /// Notes that the page changed these elements itself (see [`Dirty`]): the next
    /// [`put`] makes them again from the markup, even the same markup.
    pub fn touched(&mut self, dirty: Dirty) {
        self.dirty.ids.extend(dirty.ids);
        self.dirty.keys.extend(dirty.keys);
        self.dirty.root |= dirty.root;
    }
}

/// How [`put`] brought the pane up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// It already showed that SVG.
    Unchanged,
    /// The `<svg>` stayed; `fresh` elements were made, `set` attributes set.
    Patched { fresh: usize, set: usize },
    /// The pane's content was replaced.
    Replaced,
}

/// Shows `svg` in `pane` (`None`: nothing), patching what `on_screen` says is there.
pub fn put(pane: &Element, on_screen: &mut Option<OnScreen>, svg: Option<&Arc<str>>) -> Shown {
    let Some(svg) = svg else {
        if on_screen.is_some() || pane.child_element_count() > 0 {
            pane.set_inner_html("");
        }
        *on_screen = None;
        return Shown::Replaced;
    };
    if let Some(now) = on_screen.as_ref()
        && now.dirty.is_empty()
        && (Arc::ptr_eq(&now.svg, svg) || *now.svg == **svg)
    {
        if !Arc::ptr_eq(&now.svg, svg) {
            on_screen.as_mut().expect("checked").svg = svg.clone();
        }
        return Shown::Unchanged;
    }
    let Some(tree) = svg_patch::parse(svg) else {
        // Not markup the patcher can read: shown as it is, and replaced next time too.
        pane.set_inner_html(svg);
        *on_screen = None;
        return Shown::Replaced;
    };
    if let Some(now) = on_screen.as_ref()
        && let Some(shown) = patch(pane, now, svg, &tree)
    {
        let id = |s: &str, n: &Node| svg_patch::attr(s, &n.open, "id").unwrap_or_default().to_string();
        let (from, to) = (id(svg, &tree), id(&now.markup, &now.tree));
        let (markup, tree) = match svg_patch::rename_id(svg, &from, &to) {
            // Ids of one length (the core's always are) leave every range where it was.
            Some(m) if from.len() == to.len() => (Arc::from(m), tree),
            Some(m) => match svg_patch::parse(&m) {
                Some(t) => (Arc::from(m), t),
                None => return replace(pane, on_screen, svg, tree),
            },
            None => (svg.clone(), tree),
        };
        *on_screen = Some(OnScreen { svg: svg.clone(), markup, tree, dirty: Dirty::default() });
        return shown;
    }
    replace(pane, on_screen, svg, tree)
}

fn replace(pane: &Element, on_screen: &mut Option<OnScreen>, svg: &Arc<str>, tree: Node) -> Shown {
    pane.set_inner_html(svg);
    *on_screen = Some(OnScreen { svg: svg.clone(), markup: svg.clone(), tree, dirty: Dirty::default() });
    Shown::Replaced
}

/// Patches the pane's `<svg>` from `now` to `svg`; `None` (nothing changed yet) when a
/// replacement is the better or the only way.
fn patch(pane: &Element, now: &OnScreen, svg: &str, tree: &Node) -> Option<Shown> {
    let root = pane.first_element_child()?;
    if pane.child_element_count() != 1 || !root.tag_name().eq_ignore_ascii_case(&now.markup[now.tree.name.clone()]) {
        return None;
    }
    let id = |s: &str, n: &Node| svg_patch::attr(s, &n.open, "id").unwrap_or_default().to_string();
    let (from, to) = (id(svg, tree), id(&now.markup, &now.tree));
    let rename = Some(Rename { from: &from, to: &to });
    let plan = svg_patch::plan(&now.markup, &now.tree, svg, tree, rename, &now.dirty)?;
    if plan.fresh.len() as f64 > MAX_FRESH_SHARE * svg.len() as f64 {
        return None;
    }
    if !fits(&root, &plan.root) {
        return None;
    }
    let mut fresh = parse_fresh(&plan.fresh, plan.fresh_count)?.into_iter();
    let mut set = 0;
    apply(&root, &plan.root, &mut fresh, &mut set);
    Some(Shown::Patched { fresh: plan.fresh_count, set })
}

/// Whether `el` still has the children `level` expects, all the way down.
fn fits(el: &Element, level: &Level) -> bool {
    if el.child_element_count() as usize != level.old_len {
        return false;
    }
    let kids = el.children();
    level.children.iter().all(|step| match step {
        Step::Into(i, inner) => kids.item(*i as u32).is_some_and(|c| fits(&c, inner)),
        _ => true,
    })
}

/// The elements of `markup` (SVG elements, one after the other), parsed by the browser
/// in an inert template: nothing in it runs or loads while it is parsed.
fn parse_fresh(markup: &str, count: usize) -> Option<Vec<Element>> {
    if count == 0 {
        return Some(Vec::new());
    }
    let template: web_sys::HtmlTemplateElement = document().create_element("template").ok()?.dyn_into().ok()?;
    template.set_inner_html(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\">{markup}</svg>"));
    let wrapper = template.content().first_element_child()?;
    let kids = wrapper.children();
    let out: Vec<Element> = (0..kids.length()).filter_map(|i| kids.item(i)).collect();
    (out.len() == count).then_some(out)
}

fn apply(el: &Element, level: &Level, fresh: &mut std::vec::IntoIter<Element>, set: &mut usize) {
    set_attrs(el, &level.attrs, set);
    let kids = el.children();
    let old: Vec<Element> = (0..kids.length()).filter_map(|i| kids.item(i)).collect();
    let mut used = vec![false; old.len()];
    // Each child of the new drawing, and whether it already stands in order.
    let mut placed: Vec<(Element, bool)> = Vec::with_capacity(level.children.len());
    for (step, &stay) in level.children.iter().zip(&level.stay) {
        let child = match step {
            Step::Keep(i) => old[*i].clone(),
            Step::Attrs(i, changes) => {
                set_attrs(&old[*i], changes, set);
                old[*i].clone()
            }
            Step::Into(i, inner) => {
                apply(&old[*i], inner, fresh, set);
                old[*i].clone()
            }
            Step::Fresh => match fresh.next() {
                Some(e) => e,
                None => continue,
            },
        };
        if let Step::Keep(i) | Step::Attrs(i, _) | Step::Into(i, _) = step {
            used[*i] = true;
        }
        placed.push((child, stay));
    }
    for (e, used) in old.iter().zip(used) {
        if !used {
            e.remove();
        }
    }
    // From the end: each element that is not already in order goes before the one after it.
    let mut next: Option<Element> = None;
    for (child, stay) in placed.into_iter().rev() {
        if !stay {
            let _ = el.insert_before(&child, next.as_ref().map(|n| n.unchecked_ref::<web_sys::Node>()));
        }
        next = Some(child);
    }
}

fn set_attrs(el: &Element, changes: &[AttrChange], set: &mut usize) {
    for c in changes {
        match &c.value {
            Some(v) => {
                let _ = el.set_attribute(&c.name, v);
            }
            None => {
                let _ = el.remove_attribute(&c.name);
            }
        }
        *set += 1;
    }
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}
