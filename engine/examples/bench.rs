//! The training benchmark, natively: the note's CNN, batch 32, one pass over 8,000 digits, then
//! 2,000 held-out digits scored, on every backend this build has. One JSON line per run.
//!
//! `cargo run --release -p engine --example bench [--features ndarray]` (or `cargo xtask bench`).

use std::sync::Arc;
use std::time::Instant;

use engine::backend::Backend;
use engine::data::{Assets, Part};
use engine::mnist::Mnist;
use engine::train::{Session, TrainConfig};

fn main() {
    let data = Arc::new(Mnist::from_bytes(include_bytes!("../../assets/mnist-digits.bin")).expect("the digits asset"));
    let assets = Assets::digits(data);
    for backend in Backend::available() {
        let mut session = Session::new(TrainConfig::benchmark(backend), &assets).expect("the benchmark config");
        let start = Instant::now();
        let stats = session.train(session.total_steps());
        let seconds = start.elapsed().as_secs_f64();
        let examples: usize = stats.iter().map(|s| s.examples).sum();
        let test = session.evaluate(Part::Test);
        println!(
            "{{\"bench\":\"cnn-train\",\"backend\":\"{}\",\"where\":\"native\",\"examples_per_s\":{:.1},\"test_accuracy\":{:.4}}}",
            backend.key(),
            examples as f64 / seconds,
            test.accuracy
        );
    }
}
