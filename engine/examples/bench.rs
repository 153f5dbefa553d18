//! The training benchmark, natively: the note's CNN, batch 32, one pass over 8,000 digits, then
//! 2,000 held-out digits scored, on every backend this build has; then the lstm lesson's
//! character LSTM trained for 60 s on the default backend, scored on held-out quatrains against
//! the unigram model. One JSON line per run.
//!
//! `cargo run --release -p engine --example bench [--features ndarray]` (or `cargo xtask bench`).

use std::sync::Arc;
use std::time::Instant;

use engine::backend::Backend;
use engine::data::{Assets, Part};
use engine::mnist::Mnist;
use engine::tasks::TaskReport;
use engine::text::read_poems;
use engine::train::{Session, TrainConfig};

/// How long the character LSTM trains.
const CHAR_LSTM_SECONDS: f64 = 60.0;

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
    let poems = read_poems(include_bytes!("../../assets/poems.bin")).expect("the poems asset");
    let assets = Assets { digits: None, poems: Some(Arc::new(poems)) };
    let config = TrainConfig::char_lstm_benchmark();
    let length = match &config.task {
        engine::tasks::TaskSpec::Text(t) => t.length,
        _ => unreachable!("a text task"),
    };
    let mut session = Session::new(config, &assets).expect("the char-lstm config");
    let start = Instant::now();
    let mut examples = 0;
    while start.elapsed().as_secs_f64() < CHAR_LSTM_SECONDS {
        examples += session.train(10).iter().map(|s| s.examples).sum::<usize>();
    }
    let seconds = start.elapsed().as_secs_f64();
    let held_out = session.evaluate(Part::Validation);
    let Some(TaskReport::Text(report)) = session.report() else { unreachable!("a text task reports") };
    println!(
        "{{\"bench\":\"char-lstm\",\"backend\":\"flex\",\"where\":\"native\",\"chars_per_s\":{:.0},\"seconds\":{seconds:.1},\"steps\":{},\"validation_ce\":{:.3},\"unigram_ce\":{:.3}}}",
        (examples * length) as f64 / seconds,
        session.steps_done(),
        held_out.loss,
        report.baseline.loss
    );
}
