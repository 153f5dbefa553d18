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
    leptos::mount::mount_to_body(app::App);
}

/// Starts the training worker (inside a Web Worker; only a wasm build has one).
pub fn start_worker() {
    #[cfg(target_arch = "wasm32")]
    training::worker::start();
}
