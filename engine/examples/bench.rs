//! The training benchmark, natively: the note's CNN, batch 32, one pass over 8,000 digits, then
//! 2,000 held-out digits scored, on every backend this build has; then the lstm lesson's
//! character LSTM trained for 60 s on the default backend, scored on held-out quatrains against
//! the unigram model. One JSON line per run.
//!
//! With `--split FILE`, also writes the benchmark's training and test digits (indices into the
//! digits file) as JSON, so that a peer library can train on exactly the same ones.
//!
//! `cargo run --release -p engine --example bench [--features ndarray] [-- --split FILE]` (or
//! `cargo xtask bench`).

use std::sync::Arc;
use std::time::Instant;

use engine::backend::Backend;
use engine::data::{Assets, Part, Split};
use engine::mnist::Mnist;
use engine::tasks::TaskReport;
use engine::text::read_poems;
use engine::train::{Session, TrainConfig};

/// How long the character LSTM trains.
const CHAR_LSTM_SECONDS: f64 = 60.0;

fn main() {
    let data = Arc::new(Mnist::from_bytes(include_bytes!("../../assets/mnist-digits.bin")).expect("the digits asset"));
    let assets = Assets::digits(data.clone());
    let args: Vec<String> = std::env::args().collect();
    if let Some(file) = args.iter().position(|a| a == "--split").and_then(|i| args.get(i + 1)) {
        let config = TrainConfig::benchmark(Backend::Flex);
        let spec = config.digits_task().expect("a digits run").split;
        let split = Split::new(data.len(), spec, config.seed).expect("the split");
        let list = |part| split.part(part).iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        let json = format!("{{\"train\":[{}],\"test\":[{}]}}\n", list(Part::Train), list(Part::Test));
        std::fs::write(file, json).expect("the split file is writable");
    }
    for backend in Backend::available() {
        // On flex, the note's CNN runs as two fused convolution blocks; burn's own path is
        // measured too, for the comparison.
        let paths: &[bool] = if backend == Backend::Flex { &[true, false] } else { &[false] };
        for &fused in paths {
            engine::nn::fused::set_enabled(fused);
            let mut session = Session::new(TrainConfig::benchmark(backend), &assets).expect("the benchmark config");
            let start = Instant::now();
            let stats = session.train(session.total_steps());
            let seconds = start.elapsed().as_secs_f64();
            let examples: usize = stats.iter().map(|s| s.examples).sum();
            let test = session.evaluate(Part::Test);
            println!(
                "{{\"bench\":\"cnn-train\",\"backend\":\"{}\",\"path\":\"{}\",\"where\":\"native\",\"examples_per_s\":{:.1},\"test_accuracy\":{:.4}}}",
                backend.key(),
                if fused { "fused" } else { "burn" },
                examples as f64 / seconds,
                test.accuracy
            );
        }
    }
    engine::nn::fused::set_enabled(true);
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
