//! The GAN lesson's question, measured for the closing note: does a conditional GAN trained on
//! a classifier's own few labelled digits help it, against the real digits alone and supervised
//! augmentation, with the same number of training steps for all three?
//! `cargo test -p engine --test generated_digits -- --ignored --nocapture`

use std::collections::HashMap;
use std::sync::Arc;

use engine::augment::{Augment, Transform};
use engine::data::{Assets, Part, SplitSpec};
use engine::mnist::Mnist;
use engine::nn::{Net, Stack};
use engine::tasks::{DigitsTask, GanTask, Generated, Models, TaskSpec};
use engine::train::{Optimizer, Session, TrainConfig};

const ASSET: &[u8] = include_bytes!("../../assets/mnist-digits.bin");
struct Kept(HashMap<String, Net>);
impl Models for Kept {
    fn get(&self, name: &str) -> Option<&Net> {
        self.0.get(name)
    }
}

#[test]
#[ignore]
fn generated_digits_against_real_ones_and_augmentation() {
    let assets = Assets::digits(Arc::new(Mnist::from_bytes(ASSET).unwrap()));
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
        let kept = Kept(HashMap::from([("g".to_string(), g.model().clone())]));
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
