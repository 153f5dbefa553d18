//! 批量归一化 — Batch normalization: the mini-batch arithmetic step by step (mean, variance,
//! normalize, γ and β; training against inference), how one example's output depends on the
//! rest of its batch (the note's regularizing effect), then the same deep network trained with
//! and without BN from the same seed, with ReLU or the note's sigmoid: losses, each layer's
//! values drifting over time, gradient sizes per layer beside the note's 0.25ⁿ and 25ⁿ.

use engine::data::SplitSpec;
use engine::nn::Stack;
use engine::tasks::DigitsTask;
use engine::train::{Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::{InputError, Ints, parse_float, parse_positive};
use crate::components::steps::{Step, Steps};
use crate::i18n::tr;
use crate::url_state::{Query, QueryState, read, use_query_state};

mod arithmetic;
mod experiment;
mod text;

use arithmetic::{Arithmetic, BatchNoise};
use experiment::Experiment;
use text as t;

pub fn page() -> AnyView {
    view! { <BatchNorm /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

const ROWS: usize = 4;
const FEATURES: usize = 3;
const EPS: f32 = 1e-5;
const MOMENTUM: f32 = 0.1;

/// The hidden layers' activation in the experiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Activation {
    Relu,
    /// The note's argument: a sigmoid's slope is at most 0.25.
    Sigmoid,
}

impl Activation {
    fn key(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        [Activation::Relu, Activation::Sigmoid].into_iter().find(|a| a.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct State {
    batch: Vec<String>,
    gamma: Vec<String>,
    beta: Vec<String>,
    lr: String,
    depth: String,
    epochs: String,
    activation: Activation,
    layer: usize,
    /// The step shown (counted from 1).
    step: String,
}

impl Default for State {
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        Self {
            batch: v(&["1", "10", "-2", "2", "20", "0", "3", "30", "2", "6", "60", "4"]),
            gamma: v(&["1", "1", "2"]),
            beta: v(&["0", "0", "0.5"]),
            lr: "0.1".into(),
            depth: "6".into(),
            epochs: "2".into(),
            activation: Activation::Relu,
            layer: 1,
            step: "1".into(),
        }
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        let list = |key: &str, default: &[String], n: usize| {
            let raw = q.text(key, &default.join(","));
            let mut v: Vec<String> = raw.split(',').map(str::to_string).collect();
            v.resize(n, "0".into());
            v
        };
        Self {
            batch: list("x", &d.batch, ROWS * FEATURES),
            gamma: list("gamma", &d.gamma, FEATURES),
            beta: list("beta", &d.beta, FEATURES),
            lr: q.text("lr", &d.lr),
            depth: q.text("depth", &d.depth),
            epochs: q.text("epochs", &d.epochs),
            activation: Activation::from_key(&q.text("act", d.activation.key())).unwrap_or(d.activation),
            layer: q.parse("layer", d.layer).max(1),
            step: q.text("step", &d.step),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("x", self.batch.join(",")),
            ("gamma", self.gamma.join(",")),
            ("beta", self.beta.join(",")),
            ("lr", self.lr.clone()),
            ("depth", self.depth.clone()),
            ("epochs", self.epochs.clone()),
            ("act", self.activation.key().into()),
            ("layer", self.layer.to_string()),
            ("step", self.step.clone()),
        ]
    }

    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        vec![
            ("lr", crate::components::slider::ranges::parse_positive(LR_MAX)),
            ("depth", DEPTH.range()),
            ("epochs", EPOCHS.range()),
        ]
    }
}

/// The experiment's ranges, each written once: for reading its field and for its slider.
const DEPTH: Ints = Ints(2, 10);
const EPOCHS: Ints = Ints(1, 20);
const LR_MAX: f64 = 10.0;

impl State {
    /// The number of hidden layers (2 to 10), or why the typed text is not one.
    fn depth(&self) -> Result<usize, InputError> {
        DEPTH.parse(&self.depth)
    }

    /// The number of epochs (1 to 20), or why the typed text is not one.
    fn epochs(&self) -> Result<usize, InputError> {
        EPOCHS.parse(&self.epochs)
    }

    /// The learning rate α (above 0, at most 10), or why the typed text is not one.
    fn lr(&self) -> Result<f64, InputError> {
        parse_positive(&self.lr, LR_MAX)
    }
}

fn numbers(raw: &[String]) -> Result<Vec<f32>, usize> {
    raw.iter().enumerate().map(|(i, r)| parse_float(r, -1e6, 1e6).map(|v| v as f32).map_err(|_| i)).collect()
}

/// The deep network with or without a batch norm after every hidden layer (before its
/// activation, as the note places it).
fn stack(depth: usize, bn: bool, activation: Activation) -> Stack {
    let act = activation.key();
    let hidden = if bn { format!("dense:64,batchnorm,{act}") } else { format!("dense:64,{act}") };
    let layers = format!("flatten,{},dense:10", vec![hidden; depth].join(","));
    Stack::digits(&layers).expect("valid")
}

/// The two lanes: without BN, then with BN; the same seed, data and optimizer.
fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let lr = st.lr().ok()?;
    let depth = st.depth().ok()?;
    let epochs = st.epochs().ok()?;
    Some(
        [false, true]
            .into_iter()
            .map(|bn| {
                let split = SplitSpec { train: 5000, validation: 1000, test: 0, holdout: 0 };
                TrainConfig {
                    optimizer: Optimizer::Sgd,
                    learning_rate: lr,
                    batch_size: 64,
                    epochs,
                    trace_every: 5,
                    ..TrainConfig::digits(DigitsTask::new(stack(depth, bn, st.activation), split))
                }
            })
            .collect(),
    )
}

#[component]
fn BatchNorm() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <section class="lesson-intro">
            <p class="callout">{tr(t::WHERE)}</p>
            <Deeper><p>{tr(t::INTRO)}</p></Deeper>
        </section>
        <Steps current=read(state, |s| s.step.clone()) on_choose=move |v| state.update(|s| s.step = v) steps=vec![
            Step::new(t::STEP_ARITHMETIC, move || view! { <Arithmetic state=state /> }.into_any()),
            Step::new(t::STEP_NOISE, move || view! { <BatchNoise state=state /> }.into_any()),
            Step::new(t::STEP_EXPERIMENT, move || view! { <Experiment state=state /> }.into_any()),
        ] />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_experiment_differs_only_by_batch_norm() {
        for activation in [Activation::Relu, Activation::Sigmoid] {
            let st = State { activation, ..State::default() };
            let c = configs(&st).unwrap();
            assert_eq!(c.len(), 2);
            // Without its six batch-norm layers, the second lane is the first.
            let mut without = c[1].clone();
            if let engine::tasks::TaskSpec::Digits(t) = &mut without.task {
                let before = t.stack.layers.len();
                t.stack.layers.retain(|l| !matches!(l, engine::nn::Layer::BatchNorm(_)));
                assert_eq!(before - t.stack.layers.len(), 6);
            }
            assert_eq!(without, c[0]);
        }
    }

    #[test]
    fn the_state_survives_the_address_bar() {
        let st = State::default();
        assert!(numbers(&st.batch).is_ok());
        assert_eq!(numbers(&["1".into(), "x".into()]), Err(1));
        for activation in [Activation::Relu, Activation::Sigmoid] {
            let st = State { activation, ..State::default() };
            let q = st.to_query();
            assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
        }
        let odd = State::from_query(&Query::from_pairs([("act", "softmax")]));
        assert_eq!(odd.activation, Activation::Relu);
    }
}
