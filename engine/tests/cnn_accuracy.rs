//! The note's CNN, trained by the engine's own loop on the real digits, reaches at least 95%
//! accuracy on digits it never saw, within a fixed number of steps.

use std::sync::Arc;

use engine::data::{Assets, Part};
use engine::mnist::Mnist;
use engine::train::{Session, Status, TrainConfig};

const ASSET: &[u8] = include_bytes!("../../assets/mnist-digits.bin");

#[test]
fn the_notes_cnn_reaches_95_percent_on_held_out_digits() {
    let data = Arc::new(Mnist::from_bytes(ASSET).unwrap());
    // 8,000 training digits, batches of 32, Adam at 0.001: two epochs are 500 steps.
    let config = TrainConfig { epochs: 2, ..TrainConfig::default() };
    let mut session = Session::new(config, &Assets::digits(data)).unwrap();
    let stats = session.train(500);
    assert_eq!(stats.len(), 500);
    assert_eq!(session.status(), Status::Finished);
    let early: f32 = stats[..20].iter().map(|s| s.loss).sum::<f32>() / 20.0;
    let late: f32 = stats[480..].iter().map(|s| s.loss).sum::<f32>() / 20.0;
    assert!(late < early / 4.0, "the loss falls: {early} → {late}");
    let test = session.evaluate(Part::Test);
    assert_eq!(test.count, 1000);
    println!("held-out accuracy after 500 steps: {:.2}%", test.accuracy * 100.0);
    assert!(test.accuracy >= 0.95, "held-out accuracy {}", test.accuracy);
}
