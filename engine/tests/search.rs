//! The closing note's numbers for the hyperparameter lesson: every search method over five seeds
//! on the real objective, best validation accuracy at a quarter, half and all of the budget, and
//! the chosen trial's test accuracy.
//! `cargo test -p engine --test search -- --ignored --nocapture`

use std::sync::Arc;

use engine::data::{Assets, Part, SplitSpec};
use engine::mnist::Mnist;
use engine::search::{Method, SearchSpec, Space};
use engine::train::{Session, Status};

const ASSET: &[u8] = include_bytes!("../../assets/mnist-digits.bin");

#[test]
#[ignore]
fn every_method_over_five_seeds() {
    let assets = Assets::digits(Arc::new(Mnist::from_bytes(ASSET).unwrap()));
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
        let mean = |k: usize| rows.iter().map(|r| r[k]).sum::<f64>() / rows.len() as f64;
        let list = |k: usize| rows.iter().map(|r| format!("{:.1}", r[k] * 100.0)).collect::<Vec<_>>().join("/");
        println!(
            "{name:<10} best val at 25% {} (mean {:.1}), 50% {} (mean {:.1}), 100% {} (mean {:.1}); test {} (mean {:.1})",
            list(0),
            mean(0) * 100.0,
            list(1),
            mean(1) * 100.0,
            list(2),
            mean(2) * 100.0,
            list(3),
            mean(3) * 100.0
        );
    }
}
