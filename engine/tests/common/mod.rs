//! What the engine's integration tests and its probes (`examples/probes.rs`) share: the shipped
//! data read once, and the runs several of them train. Included by `mod common;` in a test and
//! by `#[path]` in the probes, so each uses only part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use engine::data::{Assets, SplitSpec};
use engine::mnist::Mnist;
use engine::nn::{Net, Stack};
use engine::tasks::{DigitsTask, Poems, Start, TaskSpec, TextTarget, TextTask};
use engine::text::{Doc, read_poems};
use engine::train::{Optimizer, Session, TrainConfig};

pub const DIGITS: &[u8] = include_bytes!("../../../assets/mnist-digits.bin");
pub const POEMS: &[u8] = include_bytes!("../../../assets/poems.bin");

/// The shipped digits, read once.
pub fn digits() -> Assets {
    static DATA: OnceLock<Arc<Mnist>> = OnceLock::new();
    Assets::digits(DATA.get_or_init(|| Arc::new(Mnist::from_bytes(DIGITS).expect("the shipped digits read"))).clone())
}

/// The shipped poems, read once.
pub fn poems() -> Assets {
    static DOCS: OnceLock<Arc<Vec<Doc>>> = OnceLock::new();
    let docs = DOCS.get_or_init(|| Arc::new(read_poems(POEMS).expect("the shipped poems read")));
    Assets { digits: None, poems: Some(docs.clone()) }
}

/// A task reading `length` tokens of `poems` with the layers `layers` (the task adds the output
/// layer).
pub fn text_task(
    target: TextTarget,
    poems: Poems,
    layers: &str,
    length: usize,
    split: SplitSpec,
    vocab: usize,
) -> TextTask {
    TextTask {
        body: Stack::parse_layers(layers).unwrap(),
        target,
        length,
        split,
        loss: Default::default(),
        poems,
        vocab,
    }
}

/// A text run: Adam at `lr`, the gradient clipped to norm 1.
pub fn text_session(spec: TextTask, lr: f64, batch: usize, seed: u64) -> Session {
    let config = TrainConfig {
        task: TaskSpec::Text(spec),
        optimizer: Optimizer::ADAM,
        learning_rate: lr,
        batch_size: batch,
        epochs: 1000,
        seed,
        clip: Some(1.0),
        ..TrainConfig::default()
    };
    Session::new(config, &poems()).unwrap()
}

/// One run of the rnn lesson's clipping experiment: next character on quatrains by a plain RNN
/// of 64 units, plain SGD at `lr`, the gradient's global norm clipped to `clip`.
pub fn clipping_run(lr: f64, clip: Option<f32>) -> TrainConfig {
    let split = SplitSpec { train: 3000, validation: 400, test: 0, holdout: 0 };
    let spec = text_task(TextTarget::NextChar, Poems::Quatrains, "embed:32,rnn:64", 24, split, 1500);
    TrainConfig {
        task: TaskSpec::Text(spec),
        optimizer: Optimizer::Sgd,
        learning_rate: lr,
        batch_size: 32,
        epochs: 1000,
        seed: 1,
        clip,
        ..TrainConfig::default()
    }
}

/// The transfer lesson's network: the note's CNN with five outputs.
pub const FIVE: &str = "conv:25:3,relu,pool:2,conv:50:3,relu,pool:2,flatten,dense:5";

/// The transfer lesson's split: 7,000 training digits, 1,000 test digits, and 2,000 that only
/// pseudo-labelling reads (never trained on with their labels).
pub fn transfer_split() -> SplitSpec {
    SplitSpec { train: 7000, validation: 0, test: 1000, holdout: 2000 }
}

/// The note's CNN (five outputs) trained one epoch on digits 0–4, kept as "source".
pub fn source(assets: &Assets) -> HashMap<String, Net> {
    let task = DigitsTask {
        classes: Some(vec![0, 1, 2, 3, 4]),
        ..DigitsTask::new(Stack::digits(FIVE).unwrap(), transfer_split())
    };
    let mut s = Session::new(TrainConfig { epochs: 1, ..TrainConfig::digits(task) }, assets).unwrap();
    s.train(usize::MAX);
    HashMap::from([("source".to_string(), s.model().clone())])
}

/// A target task of five classes with `per_class` labels each, starting as `start` says.
pub fn target(classes: [u8; 5], per_class: usize, start: Start) -> DigitsTask {
    DigitsTask {
        classes: Some(classes.to_vec()),
        per_class: Some(per_class),
        start,
        ..DigitsTask::new(Stack::digits(FIVE).unwrap(), transfer_split())
    }
}
