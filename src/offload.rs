//! Large diagrams laid out off the main thread, in the layout worker (`worker.rs`; the
//! messages are in `wire.rs`), so typing never waits for a layout.
//!
//! Every render request has a generation number (`state.rs` makes them). A text of at
//! least [`OFFLOAD_FROM_LINES`] lines (or [`OFFLOAD_FROM_BYTES`] bytes) goes to the worker;
//! smaller ones are drawn on the page, where a render is cheaper than a round trip. One job is in flight at a time; asking
//! while one is in flight only replaces the one waiting, so a burst of keystrokes costs
//! the worker at most two layouts, not one per key. An answer is kept only if it is for
//! the latest request; an older one is dropped (and counted, `data-dropped` on the
//! progress indicator). While a layout is in flight the page keeps showing the last
//! drawing and [`Offload::busy`] is set.
//!
//! The worker starts with the page. Until it says it is ready, requests wait. If it
//! cannot load (its files missing, the WebAssembly refused: the loader reports that, and
//! a deadline covers a loader that says nothing), [`Offload::takes`] turns false for
//! good and every diagram is drawn on the page, as before. If the core panics in the
//! worker, the panic is reported ([`Offload::crash`]) with the page alive, that request
//! is drawn by nobody (drawing it on the page would panic the page), and a fresh worker
//! takes the next one.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use coral_core::Previous;
use coral_core::config::{Config, ThemeName};
use coral_core::icons::IconRef;
use coral_core::transfer::{Icon, Job};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::icons::Icons;
use crate::wire::FromWorker;

/// From this many lines, or bytes, of text the layout runs in the worker. Measured in the
/// release build in headless Chromium on the shared machine (docs/PERFORMANCE.md, "Layout
/// worker"): seed 004 (307 lines, 9.7 KB, 99 nodes) takes 11–30 ms on the page and stays
/// there; cloud flowcharts of 300 nodes (558 lines, 11 KB) take 46–96 ms, of 400 nodes
/// (735 lines, 15 KB) 80–122 ms, which a keystroke must not wait for. Lines follow the
/// statement count (so the work) better than bytes, which long labels inflate; the byte
/// bound catches a few very long lines.
pub const OFFLOAD_FROM_LINES: usize = 400;
pub const OFFLOAD_FROM_BYTES: usize = 16 * 1024;

/// Whether `text` is large enough to be laid out in the worker.
pub fn is_large(text: &str) -> bool {
    text.len() >= OFFLOAD_FROM_BYTES || text.bytes().filter(|&b| b == b'\n').count() + 1 >= OFFLOAD_FROM_LINES
}

/// How long the worker may take to say it is ready before the page gives up on it.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// The worker's files, next to the page's own (trunk puts them at the root).
const LOADER: &str = "coral-worker-loader.js";

/// One render request: what to draw and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub generation: u64,
    pub text: Arc<str>,
    pub theme: Option<ThemeName>,
    /// The site configuration as read on the page, and the JSON it was read from (which
    /// the worker reads the same way).
    pub site: Option<Arc<Config>>,
    pub config: String,
    /// Where the drawing on screen has its nodes, so the new one keeps their order
    /// ([`coral_core::RenderOptions::previous`]).
    pub previous: Option<Arc<Previous>>,
}

/// The worker's answer to a request.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrival {
    pub generation: u64,
    pub svg: Option<String>,
    /// The scene as JSON (`coral_core::transfer`).
    pub scene: Option<String>,
    /// The pipeline's time in the worker.
    pub millis: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Starting,
    Ready,
    /// The worker could not be loaded: the page draws everything.
    Unavailable,
}

/// The page's end of the worker. `Copy`, like the rest of the state.
#[derive(Clone, Copy)]
pub struct Offload {
    /// The answer to the latest request, once it is here.
    pub arrived: RwSignal<Option<Arc<Arrival>>>,
    /// Whether a layout of the latest request is in flight (or waiting for the worker).
    pub busy: RwSignal<bool>,
    /// Answers dropped because a newer request had been made meanwhile.
    pub dropped: RwSignal<u64>,
    /// The last panic in the worker: the generation it was drawing, and the message.
    pub crash: RwSignal<Option<(Option<u64>, String)>>,
    status: RwSignal<Status>,
    icons: Icons,
    inner: StoredValue<Inner, LocalStorage>,
}

/// A worker's `message` and `error` handlers.
type Handlers = (Closure<dyn FnMut(MessageEvent)>, Closure<dyn FnMut(ErrorEvent)>);

struct Inner {
    root: String,
    worker: Option<Worker>,
    /// Counts the workers started: events from an earlier one are ignored.
    epoch: u32,
    /// The handlers of the current worker, kept alive as long as it is.
    handlers: Option<Handlers>,
    /// The generation the worker is drawing.
    in_flight: Option<u64>,
    /// The next job, sent when the worker is free.
    waiting: Option<Request>,
    /// The latest generation asked for (offloaded or not).
    latest: u64,
    /// A generation the worker panicked on: nobody draws it.
    failed: Option<u64>,
    /// Icons the current worker has been sent.
    sent: HashSet<IconRef>,
}

impl Offload {
    /// Starts the worker from `root` (where the app's files are).
    pub fn new(root: String, icons: Icons) -> Offload {
        let offload = Offload {
            arrived: RwSignal::new(None),
            busy: RwSignal::new(false),
            dropped: RwSignal::new(0),
            crash: RwSignal::new(None),
            status: RwSignal::new(Status::Starting),
            icons,
            inner: StoredValue::new_local(Inner {
                root,
                worker: None,
                epoch: 0,
                handlers: None,
                in_flight: None,
                waiting: None,
                latest: 0,
                failed: None,
                sent: HashSet::new(),
            }),
        };
        offload.start();
        offload
    }

    /// Whether `request` is drawn by the worker (tracks the worker's status, so a worker
    /// that fails to load sends its requests back to the page).
    pub fn takes(self, request: &Request) -> bool {
        // The size first: a small text never subscribes to the worker's status.
        is_large(&request.text) && self.status.get() != Status::Unavailable
    }

    /// Whether the worker panicked on `generation` (then nobody draws it).
    pub fn failed_on(self, generation: u64) -> bool {
        self.inner.with_value(|i| i.failed == Some(generation))
    }

    /// Asks the worker for `request`, replacing whatever was waiting. Call it once per
    /// generation (`state.rs` does, from an effect on the request).
    pub fn ask(self, request: &Request) {
        self.inner.update_value(|i| {
            i.latest = request.generation;
            i.waiting = Some(request.clone());
        });
        self.pump();
    }

    /// The latest request is drawn on the page: nothing waiting is wanted any more.
    pub fn forget(self, generation: u64) {
        self.inner.update_value(|i| {
            i.latest = generation;
            i.waiting = None;
        });
        self.update_busy();
    }

    /// Sends the waiting job if the worker is ready and free.
    fn pump(self) {
        if self.status.get_untracked() == Status::Ready {
            let icons = self.icons.cache;
            self.inner.update_value(|i| {
                if i.in_flight.is_some() {
                    return;
                }
                let (Some(worker), Some(request)) = (i.worker.clone(), i.waiting.take()) else { return };
                let new: Vec<(IconRef, Icon)> = icons.with_untracked(|cache| {
                    cache
                        .entries()
                        .filter(|(icon, _)| !i.sent.contains(icon))
                        .map(|(icon, loaded)| {
                            let (pack, name) = (icon.pack.to_string(), icon.name.to_string());
                            let (width, height, body) = (loaded.width, loaded.height, loaded.body.clone());
                            (icon, Icon { pack, name, width, height, body })
                        })
                        .collect()
                });
                let sent: Vec<IconRef> = new.iter().map(|(icon, _)| *icon).collect();
                let job = Job {
                    generation: request.generation,
                    text: request.text.to_string(),
                    theme: request.theme.map(|t| t.name().to_string()),
                    site: if request.site.is_some() { request.config.clone() } else { String::new() },
                    icons: new.into_iter().map(|(_, icon)| icon).collect(),
                    previous: request.previous.as_deref().cloned(),
                };
                if worker.post_message(&job.encode().into()).is_ok() {
                    i.sent.extend(sent);
                    i.in_flight = Some(request.generation);
                }
            });
        }
        self.update_busy();
    }

    fn update_busy(self) {
        let busy = self.inner.with_value(|i| i.waiting.is_some() || i.in_flight.is_some_and(|g| g == i.latest));
        if self.busy.get_untracked() != busy {
            self.busy.set(busy);
        }
    }

    /// Starts a worker (the first, or one after a panic).
    fn start(self) {
        let url = self.inner.with_value(|i| format!("{}{LOADER}", i.root));
        let worker = match Worker::new(&url) {
            Ok(w) => w,
            Err(e) => return self.unavailable(&format!("{e:?}")),
        };
        let epoch = self.inner.try_update_value(|i| {
            i.epoch += 1;
            i.epoch
        });
        let Some(epoch) = epoch else { return };
        let current = move || self.inner.try_with_value(|i| i.epoch == epoch).unwrap_or(false);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if current() {
                self.on_message(&e.data());
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            if current() {
                e.prevent_default();
                self.on_error(e.message());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.inner.update_value(|i| {
            i.worker = Some(worker);
            i.handlers = Some((on_message, on_error));
            i.in_flight = None;
            i.sent.clear();
        });
        self.status.set(Status::Starting);
        set_timeout(
            move || {
                if current() && self.status.get_untracked() == Status::Starting {
                    self.unavailable("it did not start in time");
                }
            },
            READY_WITHIN,
        );
    }

    fn on_message(self, data: &wasm_bindgen::JsValue) {
        match FromWorker::from_js(data) {
            Some(FromWorker::Ready) => {
                self.status.set(Status::Ready);
                self.pump();
            }
            Some(FromWorker::LoadFailed { message }) => self.unavailable(&message),
            Some(FromWorker::Done { generation, svg, scene, millis }) => {
                let latest = self.inner.try_update_value(|i| {
                    i.in_flight = None;
                    i.latest
                });
                if latest == Some(generation) {
                    self.arrived.set(Some(Arc::new(Arrival { generation, svg, scene, millis })));
                } else {
                    self.dropped.update(|n| *n += 1);
                }
                self.pump();
            }
            Some(FromWorker::Panicked { generation, message }) => self.crashed(generation, message),
            None => {}
        }
    }

    fn on_error(self, message: String) {
        if self.status.get_untracked() == Status::Starting {
            self.unavailable(&message);
        } else {
            let generation = self.inner.with_value(|i| i.in_flight);
            self.crashed(generation, message);
        }
    }

    /// The worker died on `generation`: report it, and start another for what comes next.
    fn crashed(self, generation: Option<u64>, message: String) {
        leptos::logging::error!("the layout worker panicked: {message}");
        self.stop();
        // A job waiting for the dead worker goes to the next one.
        self.inner.update_value(|i| i.failed = generation);
        self.crash.set(Some((generation, message)));
        self.start();
    }

    fn unavailable(self, why: &str) {
        leptos::logging::warn!("the layout worker is unavailable ({why}); large diagrams are drawn on the page");
        self.stop();
        self.inner.update_value(|i| i.waiting = None);
        self.status.set(Status::Unavailable);
        self.update_busy();
    }

    fn stop(self) {
        let handlers = self.inner.try_update_value(|i| {
            if let Some(w) = i.worker.take() {
                w.set_onmessage(None);
                w.set_onerror(None);
                w.terminate();
            }
            i.in_flight = None;
            i.handlers.take()
        });
        // This may run inside one of those handlers: they are dropped after it returns.
        set_timeout(move || drop(handlers), Duration::ZERO);
    }
}
