// Starts the layout worker (src/worker.rs): wasm-bindgen's `no-modules` glue, then the
// WebAssembly next to it. A load that fails is reported to the page (src/wire.rs,
// `loadError`), which then draws large diagrams itself.
try {
  importScripts("./coral-worker.js");
  wasm_bindgen("./coral-worker_bg.wasm").catch((e) => postMessage({ loadError: String(e) }));
} catch (e) {
  postMessage({ loadError: String(e) });
}
