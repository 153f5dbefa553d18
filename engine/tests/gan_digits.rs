//! A conditional GAN on real digits (Mirza & Osindero, 2014) draws the digits it is asked for,
//! as a fixed classifier (the judge, trained first on the same real digits) reads them; its
//! interpolations run between its shown samples; settings that make no sense are typed errors.

use std::collections::HashMap;
use std::sync::Arc;

use engine::data::{Assets, SplitSpec};
use engine::mnist::Mnist;
use engine::nn::{Net, Stack};
use engine::tasks::{
    Answer, DigitsTask, GanData, GanTask, Judged, Query, QueryError, SHOWN_IMAGES, Samples, TaskReport, TaskSpec,
};
use engine::train::{ConfigError, Optimizer, Session, TrainConfig};

const ASSET: &[u8] = include_bytes!("../../assets/mnist-digits.bin");

fn assets() -> Assets {
    Assets::digits(Arc::new(Mnist::from_bytes(ASSET).unwrap()))
}

/// The GAN lesson's run: MLPs of 128, Adam with β₁ = 0.5 at 0.002 for both, batches of 64.
fn gan(conditional: bool, judge: Option<&str>) -> TrainConfig {
    let mut task = GanTask::digits(None, 64, 128, conditional);
    task.judge = judge.map(str::to_string);
    task.d_learning_rate = 2e-3;
    TrainConfig {
        task: TaskSpec::Gan(task),
        optimizer: Optimizer::Adam { beta1: 0.5, beta2: 0.999 },
        learning_rate: 2e-3,
        batch_size: 64,
        epochs: 20,
        seed: 1,
        ..TrainConfig::default()
    }
}

fn judged(s: &Session) -> (Vec<Vec<f32>>, Judged) {
    let Some(TaskReport::Gan(Samples::Digits { images, judged: Some(j), asked })) = s.report() else { panic!() };
    assert_eq!(asked.unwrap(), (0..SHOWN_IMAGES).map(|i| (i % 10) as u8).collect::<Vec<_>>());
    (images, j)
}

#[test]
fn a_conditional_gan_draws_the_digits_it_is_asked_for() {
    let assets = assets();
    let split = SplitSpec { train: 8000, validation: 1000, test: 1000, holdout: 0 };
    let stack = Stack::digits("flatten,dense:128,relu,dense:10").unwrap();
    let mut judge =
        Session::new(TrainConfig { epochs: 2, ..TrainConfig::digits(DigitsTask::new(stack, split)) }, &assets).unwrap();
    judge.train(usize::MAX);
    let kept = HashMap::from([("judge".to_string(), judge.model().clone())]);
    let mut s = Session::with_models(gan(true, Some("judge")), &assets, &kept).unwrap();
    let (images, before) = judged(&s);
    assert_eq!(images.len(), SHOWN_IMAGES);
    assert!(images.iter().all(|img| img.len() == 784 && img.iter().all(|v| (0.0..=1.0).contains(v))));
    let clock = std::time::Instant::now();
    s.train(2000);
    let seconds = clock.elapsed().as_secs_f32();
    let (_, after) = judged(&s);
    let (a, b) = (before.agreement.unwrap(), after.agreement.unwrap());
    println!(
        "conditional GAN (seed 1), 2000 steps in {seconds:.1} s ({:.0} steps/s): the judge reads the digit asked for in {:.0}% → {:.0}% of {} samples; sure ≥ 90%: {:.0}% → {:.0}%",
        2000.0 / seconds,
        a * 100.0,
        b * 100.0,
        after.count,
        before.sure * 100.0,
        after.sure * 100.0
    );
    // Untrained, G's images match the asked class by chance (one in ten); trained, in most.
    assert!(a < 0.2, "{a}");
    assert!(b > 0.4, "{b}");
}

#[test]
fn interpolation_runs_between_the_shown_samples() {
    let assets = assets();
    let s = Session::new(gan(true, None), &assets).unwrap();
    let Some(TaskReport::Gan(Samples::Digits { images, judged: None, .. })) = s.report() else { panic!() };
    let Ok(Answer::Generated(line)) = s.query(&Query::Interpolate { from: 0, to: 3, steps: 5 }) else { panic!() };
    assert_eq!(line.len(), 5);
    let close = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-5);
    assert!(close(&line[0], &images[0]) && close(&line[4], &images[3]));
    assert!(!close(&line[2], &images[0]));
    assert_eq!(s.query(&Query::Interpolate { from: 0, to: 99, steps: 5 }), Err(QueryError::NoExample(99)));
    assert_eq!(
        s.query(&Query::Generate { noise: vec![vec![0.0; 64]] }),
        Err(QueryError::InputLength { expected: 74, got: 64 }),
        "a conditional generator reads the noise and the class"
    );
}

#[test]
fn settings_that_make_no_sense_are_typed_errors() {
    let assets = assets();
    let missing = Session::with_models(gan(false, Some("judge")), &assets, &HashMap::<String, Net>::new());
    assert_eq!(missing.err(), Some(ConfigError::NoModel("judge".into())));
    let mut plane = GanTask::plane(GanData::Ring { modes: 8, radius: 1.0, std: 0.05 }, 2, 16);
    plane.conditional = true;
    let config = TrainConfig { task: TaskSpec::Gan(plane), ..TrainConfig::default() };
    assert!(matches!(Session::new(config, &assets).err(), Some(ConfigError::Setting { .. })));
}
