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
mod progress;
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

/// The allocator of both bundles: the standard one, counting the bytes it holds for the caller,
/// so that the soak test can tell a leak (live bytes grow) from a heap that is fragmented or
/// was once briefly full (memory grows, live bytes do not).
#[cfg(target_arch = "wasm32")]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    pub static LIVE: AtomicUsize = AtomicUsize::new(0);

    pub struct Counting;

    // SAFETY: every call is passed to the system allocator unchanged; only a counter is added.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                LIVE.fetch_add(layout.size(), Relaxed);
            }
            p
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                LIVE.fetch_add(layout.size(), Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
            unsafe { System.dealloc(p, layout) };
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
            let q = unsafe { System.realloc(p, layout, size) };
            if !q.is_null() {
                LIVE.fetch_sub(layout.size(), Relaxed);
                LIVE.fetch_add(size, Relaxed);
            }
            q
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;
}

/// The bytes this bundle's heap holds for the program now, for the soak test: the page calls it
/// as `dlnotes.wasm_heap_live_bytes()`, a worker as `wasm_bindgen.wasm_heap_live_bytes()`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_heap_live_bytes() -> f64 {
    counting::LIVE.load(std::sync::atomic::Ordering::Relaxed) as f64
}

/// The size of this bundle's wasm memory in bytes (it only grows), for the soak test
/// (`cargo xtask soak`): the page calls it as `dlnotes.wasm_memory_bytes()`, a worker as
/// `wasm_bindgen.wasm_memory_bytes()`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
