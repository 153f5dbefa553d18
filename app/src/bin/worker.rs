//! The training worker's entry point, built by trunk as a second wasm bundle
//! (`<link data-trunk rel="rust" data-bin="worker" data-type="worker">`).

fn main() {
    app::start_worker();
}
