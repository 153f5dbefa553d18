//! dlnotes in the browser. Two entry points share this library: the page (`main.rs`) and the
//! training worker (`bin/worker.rs`), which trains off the main thread so the page stays
//! responsive.

mod app;
mod bench;
mod components;
mod data;
mod i18n;
mod lessons;
mod panic;
mod plots;
pub mod training;
mod url_state;
mod vocabulary;
mod web;

/// Starts the page: installs the panic screen and mounts the app.
pub fn start_app() {
    panic::install();
    // index.html's loading message (and its "could not load" fallback) gives way to the app.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}

/// Starts the training worker (inside a Web Worker; only a wasm build has one).
pub fn start_worker() {
    #[cfg(target_arch = "wasm32")]
    training::worker::start();
}

/// The size of this bundle's wasm memory in bytes (it only grows), for the soak test
/// (`cargo xtask soak`): the page calls it as `dlnotes.wasm_memory_bytes()`, a worker as
/// `wasm_bindgen.wasm_memory_bytes()`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
