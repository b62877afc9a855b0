//! The layout worker: Coral's pipeline in a Web Worker, so that laying out a large diagram
//! never blocks the page (`offload.rs` is the page's side, `wire.rs` the messages).
//!
//! It holds nothing but the icon bodies it was sent (the page fetches icons; each job
//! brings the ones this worker lacks) and answers each job with the SVG and the scene
//! (`coral_core::transfer::make`). Jobs come one at a time: the page sends the next only
//! after this one's answer, so there is no queue here to go stale.
//!
//! A panic cannot be caught (`panic = "abort"`): the hook tells the page which job it was
//! and the message, then the instance traps. The page reports it, keeps the text and the
//! last drawing, and starts a fresh worker for the next edit.

use std::cell::{Cell, RefCell};

use coral_core::RenderOptions;
use coral_core::transfer::{IconSet, Job, make};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

mod wire;

use wire::FromWorker;

thread_local! {
    /// The job being drawn, for the panic hook.
    static CURRENT: Cell<Option<u64>> = const { Cell::new(None) };
    static ICONS: RefCell<IconSet> = RefCell::new(IconSet::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromWorker) {
    let _ = scope().post_message(&message.to_js());
}

fn now_ms() -> f64 {
    scope().performance().map_or_else(js_sys::Date::now, |p| p.now())
}

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&FromWorker::Panicked { generation: CURRENT.with(Cell::get), message: info.to_string() });
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        if let Some(job) = event.data().as_string().and_then(|s| Job::decode(&s)) {
            run(job);
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&FromWorker::Ready);
}

fn run(job: Job) {
    CURRENT.with(|c| c.set(Some(job.generation)));
    let started = now_ms();
    let site = job.site();
    let options = RenderOptions { theme: job.theme(), site: site.as_ref(), previous: job.previous.as_ref() };
    let made = ICONS.with_borrow_mut(|icons| {
        icons.extend(job.icons);
        make(&job.text, icons, &options)
    });
    let millis = now_ms() - started;
    post(&FromWorker::Done { generation: job.generation, svg: made.svg, scene: made.scene, millis });
    CURRENT.with(|c| c.set(None));
}
