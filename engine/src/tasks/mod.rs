//! Tasks: what a run learns. A task says what a batch is (with a hook where augmentation goes),
//! what the loss is, and how its model is scored; it trains its networks with the one step of
//! [`Learner`](crate::train::Learner). The [`Session`](crate::train::Session) around it keeps
//! the epochs, the order of the examples and the schedule.
//!
//! To add a task: a spec type (serializable, it crosses the worker) as a variant of
//! [`TaskSpec`], a type implementing [`Task`], and one arm in [`build`].

mod digits;
mod gan;
mod skipgram;
mod slots;
mod text;

use burn::prelude::*;
use serde::{Deserialize, Serialize};

pub use digits::{
    Digits, DigitsTask, Domain, Generated, Imbalance, MAX_GENERATED, Pseudo, PseudoReport, SCALES, Start, TTA_SHIFTS,
};
pub use gan::{Gan, GanData, GanStep, GanTask, JUDGED, Judged, SHOWN_IMAGES, SURE, Samples, inception_score};
pub use skipgram::{Closeness, EmbeddingReport, MapPoint, PAIRS, Skipgram, SkipgramTask, cosine, principal_plane};
pub use slots::{SLOT_LENGTH, SLOTS, SlotTask, Slots, Tagged, tokenize};
pub use text::{
    Baseline, MAX_VOCAB, Poems, RECALL_EXAMPLES, RECALL_KEYS, Reading, TITLE_MARK, TITLE_MAX, Text, TextReport,
    TextTarget, TextTask, TitleSample,
};

use crate::conv::Volume;
use crate::data::{Assets, Part};
use crate::nn::Net;
use crate::rng::Rng;
use crate::train::{ConfigError, Diverged, Evaluation, GradientReport, LayerTrace, Learner, Optimizer, TrainConfig};

/// What a run learns, with the task's own settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TaskSpec {
    /// Classify real handwritten digits.
    Digits(DigitsTask),
    /// A generator against a discriminator.
    Gan(GanTask),
    /// Sequences of characters: predict the next one, classify a sequence, or tag each one.
    Text(TextTask),
    /// Character vectors learned from the poems (skip-gram with negative sampling).
    Skipgram(SkipgramTask),
    /// Places, times and the rest in travel requests.
    Slots(SlotTask),
}

/// A task being trained.
pub trait Task {
    /// The training examples of one epoch (the session shuffles them).
    fn train_order(&self) -> Vec<usize>;
    /// One training step on the examples `batch` at learning rate `lr`; `traced` asks for layer
    /// statistics and gradient sizes. `rng` draws dropout masks, augmentations and noise.
    fn step(&mut self, batch: &[usize], lr: f64, traced: bool, rng: &mut Rng) -> Result<TaskStep, Diverged>;
    /// Scores the task's model (or `model`, a checkpoint of it) on `part`.
    fn evaluate(&self, part: Part, model: Option<&Net>) -> Evaluation;
    /// The main network (a classifier, or the generator) with its optimizer.
    fn learner(&self) -> &Learner;
    fn learner_mut(&mut self) -> &mut Learner;
    /// Trainable parameters of the task's networks.
    fn params(&self) -> usize {
        self.learner().net().params()
    }
    /// The main network.
    fn net(&self) -> &Net {
        self.learner().net()
    }
    fn set_optimizer(&mut self, optimizer: Optimizer) {
        self.learner_mut().set_optimizer(optimizer);
    }
    /// Freezes or unfreezes a layer of the main network.
    fn set_frozen(&mut self, layer: usize, frozen: bool) {
        self.learner_mut().map_net(|net| net.set_frozen(layer, frozen));
    }
    /// Answers a question about the model; tasks answer the questions that make sense for them.
    fn query(&self, query: &Query) -> Result<Answer, QueryError> {
        let _ = query;
        Err(QueryError::Unsupported)
    }
    /// What the task shows of itself beyond scores, if anything.
    fn report(&self) -> Option<TaskReport> {
        None
    }
}

/// What one step of a task did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskStep {
    pub loss: f32,
    pub accuracy: Option<f32>,
    pub trace: Option<Vec<LayerTrace>>,
    pub gradients: Option<GradientReport>,
    pub gan: Option<GanStep>,
}

/// A question about a trained model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Query {
    /// Class probabilities for one 28×28 image of values in `[0, 1]` (a drawn digit).
    Digit { pixels: Vec<f32> },
    /// The first convolution's feature maps for digit `index` of the digits file.
    FeatureMaps { index: usize },
    /// The first convolution's kernels.
    Kernels,
    /// The class the model picks for each of these digits of the digits file.
    Classify { indices: Vec<usize> },
    /// The model's parameters as a safetensors file with PyTorch's names and layouts.
    ModelFile,
    /// A generator's samples for these inputs (each the noise, then for a conditional GAN the
    /// class one-hot); digits come back with values in `[0, 1]`.
    Generate { noise: Vec<Vec<f32>> },
    /// A generator's samples on the straight line between the inputs of its shown samples
    /// `from` and `to` (both ends included, `steps` in all).
    Interpolate { from: usize, to: usize, steps: usize },
    /// Text written by a next-character model from `prompt`, `length` characters long, drawn
    /// with `temperature` from a generator seeded with `seed`.
    Write { prompt: String, length: usize, temperature: f32, seed: u64 },
    /// The model on the test part as it is and moved (each digit rotated by up to ±`degrees`
    /// and shifted by up to `pixels`, one seeded draw per digit), each with one pass and with
    /// predictions averaged over several shifted views (test-time augmentation).
    Robustness { degrees: f32, pixels: f32, seed: u64 },
    /// Test accuracy with the digits resized to each size (then, with `back_to`, resized again
    /// to that size for a network that reads only one).
    Scales { sizes: Vec<usize>, back_to: Option<usize> },
    /// What a text model does with `text`, step by step: its first recurrent layer's gates and
    /// states, and its output after each step.
    Read { text: String },
    /// A text model's loss on held-out sequences with its recurrent weights `W_hh` multiplied
    /// by each scale: the loss surface along one direction; and `W_hh`'s largest singular value.
    AlongRecurrence { scales: Vec<f32> },
    /// The `count` characters whose learned vectors are closest to `character`'s.
    Neighbours { character: char, count: usize },
    /// The `count` most frequent characters, and those of `include`, on the plane of their
    /// vectors' first two principal components.
    Map { count: usize, include: String },
    /// A tagger's reading of `text`: place, time or other for each token.
    Tag { text: String },
    /// What a transferred model carries: how far each layer moved from the model it started
    /// from, which layers are frozen, what pseudo-labelling added, how many digits it trains on.
    Transfer,
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Probabilities(Vec<f32>),
    FeatureMaps {
        index: usize,
        maps: Volume,
    },
    Kernels(crate::train::Kernels),
    /// The picked class of each digit asked about, in order.
    Classes(Vec<usize>),
    /// A safetensors file (see [`crate::nn::torch`]).
    ModelFile(Vec<u8>),
    Generated(Vec<Vec<f32>>),
    Written(String),
    Robustness(Robustness),
    Transfer(Transferred),
    Scales(Vec<ScaleScore>),
    Read(Reading),
    AlongRecurrence(AlongRecurrence),
    Neighbours(Vec<Closeness>),
    Map(Vec<MapPoint>),
    Tagged(Tagged),
}

/// The loss along the recurrent weights: `(scale, loss)` pairs, and `σ_max`, the largest
/// singular value of the first recurrent layer's `W_hh` as it is (of the four gates' blocks
/// stacked, for an LSTM). At the scale `1/σ_max` the scaled matrix's σ_max is 1: below it the
/// plain RNN's gradient must vanish over long spans (Pascanu et al., 2013, §2.1); above it, it
/// may explode, or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlongRecurrence {
    pub points: Vec<(f32, f32)>,
    pub sigma: f32,
}

/// Test accuracy at one size (`None`: the network cannot read digits of that size).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScaleScore {
    pub size: usize,
    pub accuracy: Option<f32>,
}

/// The answer to [`Query::Transfer`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transferred {
    /// Per layer, `‖w − w₀‖ / ‖w₀‖` against the kept model the network started from (`None` for
    /// layers without weights or drawn fresh); `None` for a network drawn fresh.
    pub changes: Option<Vec<Option<f32>>>,
    pub frozen: Vec<bool>,
    pub pseudo: Option<PseudoReport>,
    /// Training digits, labelled and pseudo-labelled.
    pub examples: usize,
}

/// Test accuracy of one model on clean and moved digits, one pass against fused views.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Robustness {
    /// Test digits scored.
    pub count: usize,
    /// How many views each fused prediction averages.
    pub views: usize,
    pub clean: f32,
    pub moved: f32,
    pub clean_fused: f32,
    pub moved_fused: f32,
}

/// Why a question cannot be answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QueryError {
    /// This task does not answer that question.
    Unsupported,
    /// The input has the wrong number of values.
    InputLength { expected: usize, got: usize },
    /// There is no example with this index.
    NoExample(usize),
    /// The model has no convolution to show.
    NoConvolution,
    /// This character or word has no learned vector.
    Unknown(String),
    /// The model cannot be written for PyTorch.
    Model(crate::nn::torch::TorchError),
}

/// What a task shows of itself between scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TaskReport {
    /// A generator's samples and the discriminator's view.
    Gan(Samples),
    /// A text model's samples and its input-blind baseline.
    Text(TextReport),
    /// How close learned character vectors are.
    Embedding(EmbeddingReport),
}

/// Trained models kept under a name, which a task may start from.
pub trait Models {
    fn get(&self, name: &str) -> Option<&Net>;
}

/// No kept models.
pub struct NoModels;

impl Models for NoModels {
    fn get(&self, _name: &str) -> Option<&Net> {
        None
    }
}

/// Models kept by name in a plain map (the tests' and the probes' way of keeping them).
impl Models for std::collections::HashMap<String, Net> {
    fn get(&self, name: &str) -> Option<&Net> {
        std::collections::HashMap::get(self, name)
    }
}

/// Builds the task a run's configuration describes.
pub fn build(
    config: &TrainConfig,
    assets: &Assets,
    models: &dyn Models,
    device: &Device,
) -> Result<Box<dyn Task>, ConfigError> {
    Ok(match &config.task {
        TaskSpec::Digits(spec) => Box::new(Digits::new(spec, config, assets, models, device)?),
        TaskSpec::Gan(spec) => Box::new(Gan::new(spec, config, assets, models, device)?),
        TaskSpec::Text(spec) => Box::new(Text::new(spec, config, assets, device)?),
        TaskSpec::Skipgram(spec) => Box::new(Skipgram::new(spec, config, assets, device)?),
        TaskSpec::Slots(spec) => Box::new(Slots::new(spec, config, device)?),
    })
}

/// Summaries of each traced pre-activation, paired with the gradient of the weighted layer that
/// computed it: for each activation layer reading flat values, the last layer before it that
/// has weight gradients.
pub(crate) fn layer_traces(net: &Net, values: &[Tensor<2>], gradients: &GradientReport) -> Vec<LayerTrace> {
    let Ok(infos) = net.stack().infer() else { return vec![] };
    let mut owner = None;
    let mut grads = Vec::new();
    for (i, info) in infos.iter().enumerate() {
        if let Some(Some(_)) = gradients.layers.get(i) {
            owner = Some(i);
        }
        let reads_flat = matches!(info.input, crate::nn::Shape::Flat(_));
        if reads_flat && info.layer.is_activation() {
            grads.push(owner.and_then(|o| gradients.layers[o]).unwrap_or(0.0));
        }
    }
    values
        .iter()
        .zip(grads)
        .map(|(values, grad)| {
            let mut v: Vec<f32> = values.clone().try_into_vec_as().unwrap_or_default();
            v.retain(|x| x.is_finite());
            v.sort_by(f32::total_cmp);
            let n = v.len().max(1) as f32;
            let mean = v.iter().sum::<f32>() / n;
            let std = (v.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n).sqrt();
            let q = |p: f32| v.get(((v.len().saturating_sub(1)) as f32 * p).round() as usize).copied().unwrap_or(0.0);
            LayerTrace { mean, std, quantiles: [q(0.05), q(0.25), q(0.5), q(0.75), q(0.95)], grad }
        })
        .collect()
}

/// A fresh generator for noise or sampling, derived from a run's seed and a purpose.
pub(crate) fn stream(seed: u64, purpose: u64) -> Rng {
    Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ purpose)
}
