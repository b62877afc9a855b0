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
//!
//! A large patch (a 2,000-node flowchart moves most of its nodes when one is added) is
//! applied in slices of [`SLICE`] changes, one per animation frame, so the browser restyles
//! and lays out a slice at a time and no task holds the page for hundreds of milliseconds;
//! the pane says `data-shown="patching"` meanwhile. Anything that reads or changes the
//! pane's SVG first finishes what is left ([`flush`]; [`put`] does it itself).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use coral_editor::svg_patch::{self, AttrChange, Dirty, Level, Node, Rename, Step};
use leptos::prelude::{request_animation_frame, set_timeout};
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
    /// [`put`] gives them exactly the markup's attributes again, even for the same markup.
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

/// What the pane shows, and what is left of a patch being applied.
#[derive(Default)]
pub struct PaneSvg {
    pub on_screen: Option<OnScreen>,
    pending: Option<Pending>,
    /// A large SVG waiting for its own task to be planned (see [`put`]).
    waiting: Option<Waiting>,
}

/// A large SVG to show, and what to do once it is shown.
struct Waiting {
    svg: Arc<str>,
    pane: Element,
    done: Vec<Box<dyn FnOnce()>>,
}

/// SVGs larger than this are read and planned in a task of their own (after the one that
/// brought them, which has already decoded the worker's answer), so neither task grows
/// past 100 ms on a 2,000-node drawing.
const PLAN_LATER_BYTES: usize = 256 * 1024;

/// A pane's [`PaneSvg`], shared with the animation frames that apply a patch.
pub type Shared = Rc<RefCell<PaneSvg>>;

/// Changes applied per animation frame: about what the browser restyles and lays out in
/// 30–40 ms on this project's machine (an attribute set is one, a made element one per
/// element in it).
pub const SLICE: usize = 400;

/// One change to the DOM.
enum Op {
    Set(Element, Vec<AttrChange>),
    /// Exactly these attributes; every other one the element has goes.
    Reset(Element, Vec<AttrChange>),
    Remove(Element),
    Insert {
        parent: Element,
        child: Element,
        before: Option<Element>,
        cost: usize,
    },
}

impl Op {
    fn cost(&self) -> usize {
        match self {
            Op::Set(_, a) | Op::Reset(_, a) => a.len().max(1),
            Op::Remove(_) => 1,
            Op::Insert { cost, .. } => *cost,
        }
    }

    fn run(self) {
        match self {
            Op::Set(el, changes) => set_attrs(&el, &changes),
            Op::Reset(el, changes) => {
                let keep: Vec<&str> = changes.iter().map(|c| c.name.as_str()).collect();
                let names = el.get_attribute_names();
                for i in 0..names.length() {
                    if let Some(name) = names.get(i).as_string()
                        && !keep.contains(&name.as_str())
                    {
                        let _ = el.remove_attribute(&name);
                    }
                }
                set_attrs(&el, &changes);
            }
            Op::Remove(el) => el.remove(),
            Op::Insert { parent, child, before, .. } => {
                let _ = parent.insert_before(&child, before.as_ref().map(|n| n.unchecked_ref::<web_sys::Node>()));
            }
        }
    }
}

/// The changes not applied yet, and what to do when they are.
struct Pending {
    ops: VecDeque<Op>,
    pane: Element,
    note: String,
    done: Vec<Box<dyn FnOnce()>>,
}

/// Finishes the patch being applied, if any, now (planning a waiting SVG first).
pub fn flush(shared: &Shared) {
    let waiting = shared.borrow_mut().waiting.take();
    if let Some(w) = waiting {
        start(shared, &w.pane, &w.svg, w.done);
    }
    let pending = shared.borrow_mut().pending.take();
    if let Some(p) = pending {
        for op in p.ops {
            op.run();
        }
        let _ = p.pane.set_attribute("data-shown", &p.note);
        for f in p.done {
            f();
        }
    }
}

/// Forgets what the pane shows, so the next [`put`] replaces the whole SVG without
/// planning a patch first: for a wholesale change (another example, a file), whose plan
/// would be thrown away as too fresh after reading both SVGs (the seeds: 2–3 ms a load).
pub fn forget(shared: &Shared) {
    flush(shared);
    shared.borrow_mut().on_screen = None;
}

/// Notes that the page changed these elements itself (see [`Dirty`]).
pub fn touched(shared: &Shared, dirty: Dirty) {
    flush(shared);
    if let Some(now) = shared.borrow_mut().on_screen.as_mut() {
        now.touched(dirty);
    }
}

/// Shows `svg` in `pane` (`None`: nothing), patching what is there; `done` runs once the
/// pane shows it (now — also when it already did — or after the last slice of a large
/// patch). Writes how on the pane
/// as `data-shown`: `patched <made> <attributes set>`, `patching` until then, or
/// `replaced`.
pub fn put(pane: &Element, shared: &Shared, svg: Option<&Arc<str>>, done: impl FnOnce() + 'static) {
    flush(shared);
    let done: Box<dyn FnOnce()> = Box::new(done);
    if let Some(svg) = svg.filter(|s| s.len() > PLAN_LATER_BYTES)
        && shared.borrow().on_screen.as_ref().is_some_and(|now| !Arc::ptr_eq(&now.svg, svg))
    {
        shared.borrow_mut().waiting = Some(Waiting { svg: svg.clone(), pane: pane.clone(), done: vec![done] });
        let _ = pane.set_attribute("data-shown", "patching");
        let later = shared.clone();
        set_timeout(
            move || {
                let waiting = later.borrow_mut().waiting.take();
                if let Some(w) = waiting {
                    start(&later, &w.pane, &w.svg, w.done);
                }
            },
            std::time::Duration::ZERO,
        );
        return;
    }
    start(shared, pane, svg.unwrap_or(&Arc::from("")), vec![done]);
}

/// Shows `svg` (empty: nothing) now, or starts the slices of a large patch.
fn start(shared: &Shared, pane: &Element, svg: &Arc<str>, done: Vec<Box<dyn FnOnce()>>) -> Shown {
    let svg = (!svg.is_empty()).then_some(svg);
    let shown = put_now(pane, &mut shared.borrow_mut(), svg);
    let note = match &shown {
        Shown::Unchanged => {
            for f in done {
                f();
            }
            return Shown::Unchanged;
        }
        Shown::Replaced => "replaced".to_string(),
        Shown::Patched { fresh, set } => format!("patched {fresh} {set}"),
    };
    let mut state = shared.borrow_mut();
    match state.pending.as_mut() {
        Some(p) => {
            p.note = note;
            p.done.extend(done);
            let _ = pane.set_attribute("data-shown", "patching");
            drop(state);
            next_slice(shared.clone());
        }
        None => {
            drop(state);
            let _ = pane.set_attribute("data-shown", &note);
            for f in done {
                f();
            }
        }
    }
    shown
}

/// Applies one slice of the pending patch (the first one right away), and asks for the
/// next frame while some is left.
fn next_slice(shared: Shared) {
    let finished = {
        let mut state = shared.borrow_mut();
        let Some(p) = state.pending.as_mut() else { return };
        let mut spent = 0;
        while spent < SLICE {
            let Some(op) = p.ops.pop_front() else { break };
            spent += op.cost();
            op.run();
        }
        p.ops.is_empty()
    };
    if finished {
        flush(&shared);
    } else {
        let again = shared.clone();
        request_animation_frame(move || next_slice(again));
    }
}

fn put_now(pane: &Element, state: &mut PaneSvg, svg: Option<&Arc<str>>) -> Shown {
    let on_screen = &mut state.on_screen;
    let Some(svg) = svg else {
        if on_screen.is_some() || pane.child_element_count() > 0 {
            pane.set_inner_html("");
            *on_screen = None;
            return Shown::Replaced;
        }
        return Shown::Unchanged;
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
        && let Some((shown, ops)) = patch(pane, now, svg, &tree)
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
        if !ops.is_empty() {
            state.pending = Some(Pending { ops, pane: pane.clone(), note: String::new(), done: Vec::new() });
        }
        return shown;
    }
    replace(pane, on_screen, svg, tree)
}

fn replace(pane: &Element, on_screen: &mut Option<OnScreen>, svg: &Arc<str>, tree: Node) -> Shown {
    pane.set_inner_html(svg);
    *on_screen = Some(OnScreen { svg: svg.clone(), markup: svg.clone(), tree, dirty: Dirty::default() });
    Shown::Replaced
}

/// The changes that patch the pane's `<svg>` from `now` to `svg`, in the order to make
/// them; `None` (nothing changed yet) when a replacement is the better or the only way.
fn patch(pane: &Element, now: &OnScreen, svg: &str, tree: &Node) -> Option<(Shown, VecDeque<Op>)> {
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
    let fresh = parse_fresh(&plan.fresh, plan.fresh_count)?;
    let mut ops = VecDeque::new();
    let mut set = 0;
    changes(&root, &plan.root, &mut fresh.into_iter(), &mut ops, &mut set);
    Some((Shown::Patched { fresh: plan.fresh_count, set }, ops))
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
/// in an inert template: nothing in it runs or loads while it is parsed; with the length
/// of each one's markup.
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

/// Appends the changes of `level` on `el` to `ops`, in an order that works a slice at a
/// time: attributes and what is inside first, then removals, then insertions from the
/// last child back (each before one already in its place).
fn changes(
    el: &Element,
    level: &Level,
    fresh: &mut std::vec::IntoIter<Element>,
    ops: &mut VecDeque<Op>,
    set: &mut usize,
) {
    if level.reset {
        *set += level.attrs.len();
        ops.push_back(Op::Reset(el.clone(), level.attrs.clone()));
    } else if !level.attrs.is_empty() {
        *set += level.attrs.len();
        ops.push_back(Op::Set(el.clone(), level.attrs.clone()));
    }
    let kids = el.children();
    let old: Vec<Element> = (0..kids.length()).filter_map(|i| kids.item(i)).collect();
    let mut used = vec![false; old.len()];
    // Each child of the new drawing, whether it already stands in order, and what
    // inserting it costs.
    let mut placed: Vec<(Element, bool, usize)> = Vec::with_capacity(level.children.len());
    for (step, &stay) in level.children.iter().zip(&level.stay) {
        let (child, cost) = match step {
            Step::Keep(i) => (old[*i].clone(), 1),
            Step::Attrs(i, a) => {
                *set += a.len();
                ops.push_back(Op::Set(old[*i].clone(), a.clone()));
                (old[*i].clone(), 1)
            }
            Step::Reset(i, a) => {
                *set += a.len();
                ops.push_back(Op::Reset(old[*i].clone(), a.clone()));
                (old[*i].clone(), 1)
            }
            Step::Into(i, inner) => {
                changes(&old[*i], inner, fresh, ops, set);
                (old[*i].clone(), 1)
            }
            Step::Fresh => match fresh.next() {
                Some(e) => {
                    // About what restyling it costs: one per element in it.
                    let cost = 1 + e.get_elements_by_tag_name("*").length() as usize;
                    (e, cost)
                }
                None => continue,
            },
        };
        if let Step::Keep(i) | Step::Attrs(i, _) | Step::Reset(i, _) | Step::Into(i, _) = step {
            used[*i] = true;
        }
        placed.push((child, stay, cost));
    }
    for (e, used) in old.into_iter().zip(used) {
        if !used {
            ops.push_back(Op::Remove(e));
        }
    }
    let mut next: Option<Element> = None;
    for (child, stay, cost) in placed.into_iter().rev() {
        if !stay {
            ops.push_back(Op::Insert { parent: el.clone(), child: child.clone(), before: next.clone(), cost });
        }
        next = Some(child);
    }
}

fn set_attrs(el: &Element, changes: &[AttrChange]) {
    for c in changes {
        match &c.value {
            Some(v) => {
                let _ = el.set_attribute(&c.name, v);
            }
            None => {
                let _ = el.remove_attribute(&c.name);
            }
        }
    }
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}
