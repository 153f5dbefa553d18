//! Probes: the longer measurements behind the lessons' tables and the closing notes' numbers.
//! They print what they measure and assert nothing, so they are not tests; each takes from a
//! minute to half an hour natively.
//!
//! `cargo run --release -p engine --example probes -- <name>…` with names from [`PROBES`]
//! (no name lists them).

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::time::Instant;

use common::{clipping_run, digits, poems, source, target, text_session, text_task};
use engine::augment::{Augment, Transform};
use engine::data::{Part, SplitSpec};
use engine::nn::Stack;
use engine::search::{Method, SearchSpec, Space};
use engine::tasks::{Answer, DigitsTask, GanTask, Generated, Poems, Query, Start, TaskSpec, TextTarget};
use engine::train::{Optimizer, Session, Status, TrainConfig};

/// Every probe: its name and what it measures.
const PROBES: &[(&str, &str, fn())] = &[
    ("search", "every search method over five seeds: best validation at 25/50/100% of the budget, test", search),
    (
        "generated-digits",
        "a conditional GAN's digits as training data, against real digits and augmentation",
        generated,
    ),
    ("recall", "RNN and LSTM recalling a character across 5, 10, 25 and 50 characters", recall),
    ("recall-speed", "how soon an LSTM learns recall at one distance, for a few learning rates", recall_speed),
    ("clipping", "a plain RNN under plain SGD at several learning rates, with and without clipping", clipping),
    ("along-recurrence", "the loss as W_hh is scaled, before and after the clipping runs", along_recurrence),
    ("transfer", "every transfer strategy at 5, 20 and 100 labels a class", transfer),
];

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    if names.is_empty() {
        println!("usage: cargo run --release -p engine --example probes -- <name>…");
        PROBES.iter().for_each(|(name, what, _)| println!("  {name:<18} {what}"));
        return;
    }
    for name in names {
        match PROBES.iter().find(|(n, _, _)| *n == name) {
            Some((_, _, probe)) => probe(),
            None => eprintln!("no probe named {name}"),
        }
    }
}

fn search() {
    let assets = digits();
    let split = SplitSpec { train: 2000, validation: 500, test: 1000, holdout: 0 };
    let budget = 30;
    let space = Space::note();
    let defaults: Vec<f64> =
        space.dims.iter().zip([0.01, 32.0, 0.0, 0.0, 64.0, 1.0, 0.0]).map(|(d, v)| d.coordinate(v)).collect();
    let methods = [
        ("grid", Method::Grid { base: defaults, searched: vec![0, 4], levels: 5 }),
        ("random", Method::Random),
        ("bayesian", Method::Bayesian { initial: 5 }),
        ("evolution", Method::Evolution { size: 6, sigma: 0.15 }),
        ("hyperband", Method::Hyperband { max_epochs: 9, eta: 3 }),
    ];
    for (name, method) in methods {
        let mut rows = vec![];
        for seed in 1..=5u64 {
            let spec = SearchSpec { method: method.clone(), space: space.clone(), budget, epochs: 1, split, seed };
            let mut strategy = spec.strategy();
            let mut curve = vec![];
            let mut best: Option<(f64, Session)> = None;
            while let Some(ask) = strategy.ask() {
                let mut s = Session::new(spec.config(&ask), &assets).unwrap();
                s.train(usize::MAX);
                let score = if matches!(s.status(), Status::Diverged { .. }) {
                    0.0
                } else {
                    f64::from(s.evaluate(Part::Validation).accuracy)
                };
                strategy.tell(ask.id, score);
                curve.push((strategy.spent(), score));
                if best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, s));
                }
            }
            let at = |share: f64| {
                curve
                    .iter()
                    .filter(|(spent, _)| *spent as f64 <= share * budget as f64)
                    .map(|c| c.1)
                    .fold(f64::NAN, f64::max)
            };
            let test = best.map_or(f64::NAN, |(_, s)| f64::from(s.evaluate(Part::Test).accuracy));
            rows.push([at(0.25), at(0.5), at(1.0), test]);
        }
        let mean = |k: usize| rows.iter().map(|r| r[k]).sum::<f64>() / rows.len() as f64 * 100.0;
        let list = |k: usize| rows.iter().map(|r| format!("{:.1}", r[k] * 100.0)).collect::<Vec<_>>().join("/");
        println!(
            "{name:<10} best val at 25% {} (mean {:.1}), 50% {} (mean {:.1}), 100% {} (mean {:.1}); test {} (mean {:.1})",
            list(0),
            mean(0),
            list(1),
            mean(1),
            list(2),
            mean(2),
            list(3),
            mean(3)
        );
    }
}

/// Does a conditional GAN trained on a classifier's own few labelled digits help it, against the
/// real digits alone and supervised augmentation, with the same number of training steps?
fn generated() {
    let assets = digits();
    for n in [200usize, 300, 500, 2000] {
        let split = SplitSpec { train: n, validation: 500, test: 1000, holdout: 0 };
        let mut task = GanTask::digits(None, 64, 128, true);
        task.d_learning_rate = 2e-3;
        task.only_train_of = Some(split);
        let config = TrainConfig {
            task: TaskSpec::Gan(task),
            optimizer: Optimizer::Adam { beta1: 0.5, beta2: 0.999 },
            learning_rate: 2e-3,
            batch_size: 64,
            epochs: 50_000,
            max_steps: Some(3000),
            ..TrainConfig::default()
        };
        let mut g = Session::new(config, &assets).unwrap();
        g.train(usize::MAX);
        let kept = HashMap::from([("g".to_string(), g.model().clone())]);
        let aug = Augment {
            transforms: vec![
                Transform::Rotate { degrees: 15.0 },
                Transform::Shift { pixels: 3.0 },
                Transform::Scale { amount: 0.1 },
                Transform::Elastic { pixels: 1.5 },
            ],
        };
        let steps = 15 * n.div_ceil(32);
        let mut line = format!("N {n}, {steps} steps each:");
        for (augment, generated) in [
            (Augment::default(), None),
            (aug.clone(), None),
            (Augment::default(), Some(Generated { generator: "g".into(), count: 1000 })),
        ] {
            let task = DigitsTask { augment, generated, ..DigitsTask::new(Stack::note_cnn(), split) };
            let c = TrainConfig { epochs: steps, max_steps: Some(steps), ..TrainConfig::digits(task) };
            let mut s = Session::with_models(c, &assets, &kept).unwrap();
            s.train(usize::MAX);
            line += &format!(" {:.1}%", s.evaluate(Part::Test).accuracy * 100.0);
        }
        println!("{line} (real only / supervised augmentation / + 1000 generated)");
    }
}

/// The lstm lesson's recall table: RNN and LSTM at the lesson's distances, learning rate and
/// steps (`RECALL_STEPS`, 1200 unless set).
fn recall() {
    let split = SplitSpec { train: 3000, validation: 500, test: 0, holdout: 0 };
    let steps: usize = std::env::var("RECALL_STEPS").ok().and_then(|v| v.parse().ok()).unwrap_or(1200);
    for distance in [5, 10, 25, 50] {
        let mut line = format!("distance {distance:>2}:");
        for cell in ["rnn", "lstm"] {
            let layers = format!("embed:16,{cell}:32,last");
            let spec = text_task(TextTarget::Recall { distance }, Poems::All, &layers, distance + 1, split, 1500);
            let mut s = text_session(spec, 3e-3, 32, 1);
            let t = Instant::now();
            s.train(steps);
            let accuracy = s.evaluate(Part::Validation).accuracy * 100.0;
            line += &format!("  {cell} {accuracy:.1}% ({:.1} s)", t.elapsed().as_secs_f32());
        }
        println!("{line}");
    }
}

/// How soon an LSTM learns the recall task at one distance (`RECALL_DISTANCE`, 25 unless set).
fn recall_speed() {
    let split = SplitSpec { train: 3000, validation: 500, test: 0, holdout: 0 };
    let distance: usize = std::env::var("RECALL_DISTANCE").ok().and_then(|v| v.parse().ok()).unwrap_or(25);
    for (cell, lr) in [("lstm", 3e-3), ("lstm", 3e-2), ("rnn", 3e-3)] {
        let layers = format!("embed:16,{cell}:32,last");
        let spec = text_task(TextTarget::Recall { distance }, Poems::All, &layers, distance + 1, split, 1500);
        let mut s = text_session(spec, lr, 32, 1);
        let mut line = format!("{cell} lr {lr} distance {distance}:");
        for _ in 0..6 {
            s.train(500);
            line += &format!(" {:.0}%", s.evaluate(Part::Validation).accuracy * 100.0);
        }
        println!("{line}");
    }
}

/// The rnn lesson's clipping experiment at several learning rates.
fn clipping() {
    for lr in [1.0, 3.0, 10.0, 30.0] {
        let mut line = format!("lr {lr:>4}:");
        for clip in [None, Some(1.0)] {
            let mut s = Session::new(clipping_run(lr, clip), &poems()).unwrap();
            let stats = s.train(300);
            let max = stats.iter().map(|st| st.loss).fold(0.0f32, f32::max);
            line += &format!(
                "  clip {clip:?}: {:?} after {} steps, max loss {max:.1}, validation {:.3}",
                s.status(),
                stats.len(),
                s.evaluate(Part::Validation).loss
            );
        }
        println!("{line}");
    }
}

/// The rnn lesson's loss surface along W_hh, before and after the clipping experiment's runs.
fn along_recurrence() {
    let scales: Vec<f32> = (0..=30).map(|i| i as f32 * 0.1).collect();
    for clip in [None, Some(1.0)] {
        let mut s = Session::new(clipping_run(3.0, clip), &poems()).unwrap();
        for steps in [0, 100, 200] {
            s.train(steps);
            let Ok(Answer::AlongRecurrence(along)) = s.query(&Query::AlongRecurrence { scales: scales.clone() }) else {
                panic!("a recurrent network answers")
            };
            let line: Vec<String> = along.points.iter().map(|(a, l)| format!("{a:.1}:{l:.2}")).collect();
            println!("clip {clip:?} after {} steps, σ_max {:.2}: {}", s.steps_done(), along.sigma, line.join(" "));
        }
    }
}

/// Every transfer strategy at 5, 20 and 100 labels per class, 150 steps each.
fn transfer() {
    let assets = digits();
    let kept = source(&assets);
    for k in [5usize, 20, 100] {
        for (name, start, lr) in [
            ("scratch", Start::Fresh, 1e-3),
            ("frozen + new head", Start::Kept { name: "source".into(), keep: 7, freeze: 7 }, 1e-3),
            ("fine-tune last block", Start::Kept { name: "source".into(), keep: 7, freeze: 3 }, 1e-3),
            ("fine-tune all, lr/10", Start::Kept { name: "source".into(), keep: 7, freeze: 0 }, 1e-4),
        ] {
            let task = target([5, 6, 7, 8, 9], k, start);
            let per_epoch = (5 * k).div_ceil(32);
            let config =
                TrainConfig { epochs: 150usize.div_ceil(per_epoch), learning_rate: lr, ..TrainConfig::digits(task) };
            let clock = Instant::now();
            let mut s = Session::with_models(config, &assets, &kept).unwrap();
            s.train(usize::MAX);
            let seconds = clock.elapsed().as_secs_f32();
            println!("{k:>3}/class {name:<22} test {:.1}% ({seconds:.1} s)", s.evaluate(Part::Test).accuracy * 100.0);
        }
    }
}
