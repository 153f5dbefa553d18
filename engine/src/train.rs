//! A training run that advances a few steps at a time: the hand-written loop (forward, loss,
//! backward, `GradientsParams::from_grads`, optimizer step) behind every lesson that trains.
//! It reports what happened and never measures time: callers time the steps themselves.

use std::fmt;
use std::sync::Arc;

use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdaGradConfig, AdamConfig, GradientsParams, ModuleOptimizer, RmsPropConfig, SgdConfig};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::arch::Stack;
use crate::backend::Backend;
use crate::conv::Volume;
use crate::data::{Batcher, Part, Split, SplitError, SplitSpec};
use crate::loss::Loss;
use crate::mnist::{CLASSES, Mnist};
use crate::model::{ModelError, Net};
use crate::rng::Rng;
use crate::schedule::Schedule;

/// An optimizer and its own hyperparameters (the learning rate is separate).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Optimizer {
    /// Plain stochastic gradient descent.
    Sgd,
    /// SGD with momentum η (no dampening, as in the note and in PyTorch).
    Momentum { momentum: f32 },
    /// SGD with Nesterov momentum: the gradient is taken a step ahead along the velocity.
    Nesterov { momentum: f32 },
    /// Adam with decay rates β1 and β2 for the two moving averages.
    Adam { beta1: f32, beta2: f32 },
    /// RMSprop with decay rate ρ for the moving average of squared gradients.
    RmsProp { decay: f32 },
    /// AdaGrad: each parameter's rate divided by the root of its summed squared gradients.
    AdaGrad,
}

impl Optimizer {
    /// Each optimizer with the note's usual hyperparameters.
    pub const DEFAULTS: [Optimizer; 6] = [
        Optimizer::Sgd,
        Optimizer::Momentum { momentum: 0.9 },
        Optimizer::Nesterov { momentum: 0.9 },
        Optimizer::RmsProp { decay: 0.9 },
        Optimizer::Adam { beta1: 0.9, beta2: 0.999 },
        Optimizer::AdaGrad,
    ];

    pub fn key(&self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Nesterov { .. } => "nesterov",
            Optimizer::Adam { .. } => "adam",
            Optimizer::RmsProp { .. } => "rmsprop",
            Optimizer::AdaGrad => "adagrad",
        }
    }

    /// The optimizer named `key`, with its default hyperparameters.
    pub fn from_key(key: &str) -> Option<Optimizer> {
        Self::DEFAULTS.into_iter().find(|o| o.key() == key)
    }

    /// burn's optimizer for these settings.
    pub fn build(&self) -> ModuleOptimizer {
        match *self {
            Optimizer::Sgd => SgdConfig::new().init(),
            Optimizer::Momentum { momentum } => SgdConfig::new()
                .with_momentum(Some(MomentumConfig::new().with_momentum(f64::from(momentum)).with_dampening(0.0)))
                .init(),
            Optimizer::Nesterov { momentum } => SgdConfig::new()
                .with_momentum(Some(
                    MomentumConfig::new().with_momentum(f64::from(momentum)).with_dampening(0.0).with_nesterov(true),
                ))
                .init(),
            Optimizer::Adam { beta1, beta2 } => AdamConfig::new().with_beta_1(beta1).with_beta_2(beta2).init(),
            Optimizer::AdaGrad => AdaGradConfig::new().init(),
            Optimizer::RmsProp { decay } => {
                RmsPropConfig::new().with_alpha(decay).with_momentum(0.0).with_epsilon(1e-8).init()
            }
        }
    }
}

/// Everything that decides a training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub stack: Stack,
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub epochs: usize,
    pub seed: u64,
    pub split: SplitSpec,
    pub backend: Backend,
    /// How the learning rate changes over the epochs.
    #[serde(default)]
    pub schedule: Schedule,
    #[serde(default)]
    pub loss: Loss,
    /// L1 and L2 penalties on the weights, added to the loss.
    #[serde(default)]
    pub penalty: Penalty,
    /// Keep only part of one class in the training part (an imbalanced task).
    #[serde(default)]
    pub imbalance: Option<Imbalance>,
    /// Every this many steps, record each hidden layer's values and gradient size (0: never).
    #[serde(default)]
    pub trace_every: usize,
}

/// Weight penalties: `l1·Σ|w| + l2·Σw²`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Penalty {
    pub l1: f32,
    pub l2: f32,
}

/// Keep only the fraction `keep` of class `class` in the training part.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Imbalance {
    pub class: u8,
    pub keep: f32,
}

/// A hidden layer's values before its activation, and its weights' gradient, at one step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LayerTrace {
    pub mean: f32,
    pub std: f32,
    /// The 5th, 25th, 50th, 75th and 95th percentiles.
    pub quantiles: [f32; 5],
    /// Mean absolute gradient of the layer's weights.
    pub grad: f32,
}

impl Default for TrainConfig {
    /// The note's CNN, Adam at its default learning rate 0.001, batches of 32, three epochs.
    fn default() -> Self {
        Self {
            stack: Stack::note_cnn(),
            optimizer: Optimizer::Adam { beta1: 0.9, beta2: 0.999 },
            learning_rate: 1e-3,
            batch_size: 32,
            epochs: 3,
            seed: 1,
            split: SplitSpec::default(),
            backend: Backend::Flex,
            schedule: Schedule::Constant,
            loss: Loss::default(),
            penalty: Penalty::default(),
            imbalance: None,
            trace_every: 0,
        }
    }
}

impl TrainConfig {
    /// The benchmark run: the note's CNN, batches of 32, one pass over 8,000 digits, then 2,000
    /// held-out digits scored. The same run natively and in the browser.
    pub fn benchmark(backend: Backend) -> Self {
        Self {
            epochs: 1,
            split: SplitSpec { train: 8000, validation: 0, test: 2000, holdout: 0 },
            backend,
            ..Self::default()
        }
    }
}

/// Why a run cannot start.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    Model(ModelError),
    Split(SplitError),
    BatchSize(usize),
    LearningRate(f64),
    Epochs(usize),
    BackendMissing(Backend),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Model(e) => write!(f, "{e}"),
            Self::Split(e) => write!(f, "{e}"),
            Self::BatchSize(b) => write!(f, "batch size {b} is not between 1 and 1024"),
            Self::LearningRate(lr) => write!(f, "learning rate {lr} is not a positive number"),
            Self::Epochs(e) => write!(f, "{e} epochs is not between 1 and 1000"),
            Self::BackendMissing(b) => write!(f, "this build has no {} backend", b.key()),
        }
    }
}

impl std::error::Error for ConfigError {}

fn check_learning_rate(lr: f64) -> Result<(), ConfigError> {
    if lr.is_finite() && lr > 0.0 { Ok(()) } else { Err(ConfigError::LearningRate(lr)) }
}

fn check_batch_size(batch_size: usize) -> Result<(), ConfigError> {
    if (1..=1024).contains(&batch_size) { Ok(()) } else { Err(ConfigError::BatchSize(batch_size)) }
}

fn check_epochs(epochs: usize) -> Result<(), ConfigError> {
    if (1..=1000).contains(&epochs) { Ok(()) } else { Err(ConfigError::Epochs(epochs)) }
}

impl TrainConfig {
    /// Checks every setting a run needs, without building anything.
    pub fn check(&self) -> Result<(), ConfigError> {
        check_batch_size(self.batch_size)?;
        check_epochs(self.epochs)?;
        check_learning_rate(self.learning_rate)
    }
}

/// What one training step did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepStats {
    /// 1-based number of this step in the run.
    pub step: usize,
    /// Epochs completed before this step.
    pub epoch: usize,
    pub loss: f32,
    /// Accuracy on this step's batch.
    pub accuracy: f32,
    /// Examples in this step's batch.
    pub examples: usize,
    /// The learning rate this step used (after the schedule).
    pub learning_rate: f64,
    /// Each hidden dense layer, when this step was traced.
    pub trace: Option<Vec<LayerTrace>>,
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Training,
    Finished,
    /// The loss exploded at this step (see [`DIVERGED_LOSS`]): the run cannot continue.
    Diverged {
        step: usize,
    },
}

/// A loss above this (or NaN, or infinite) means the run has diverged. A 10-class cross-entropy
/// starts near ln 10 ≈ 2.3; a thousand is far beyond any recoverable spike, and by then the
/// weights are ruined.
pub const DIVERGED_LOSS: f32 = 1000.0;

/// A model's scores on one part of the split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub part: Part,
    pub count: usize,
    pub loss: f32,
    pub accuracy: f32,
    /// Row-major `10 × 10`: `confusion[true · 10 + predicted]`.
    pub confusion: Vec<u32>,
    /// The first misclassified digits, in the part's order.
    pub mistakes: Vec<Mistake>,
    /// How well confidence matches accuracy.
    pub calibration: Calibration,
    /// Under the run's own loss: the share of the total that comes from easy examples (the
    /// correct class has probability at least 0.5).
    pub easy_loss_share: f32,
}

/// Confidence against accuracy, in ten equal bins of confidence (the largest probability).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Calibration {
    /// Per bin: how many predictions, their mean confidence, and the share that were right.
    pub bins: Vec<CalibrationBin>,
    /// Expected calibration error: `Σ (n_b / n) · |accuracy_b − confidence_b|`.
    pub ece: f32,
    /// Mean length (L2 norm) of the logit vectors.
    pub mean_logit_norm: f32,
    /// Mean confidence.
    pub mean_confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub count: u32,
    pub confidence: f32,
    pub accuracy: f32,
}

/// How many calibration bins an evaluation keeps.
pub const CALIBRATION_BINS: usize = 10;

impl Calibration {
    fn from_predictions(predictions: &[(f32, bool)], logit_norm_sum: f64) -> Calibration {
        let mut sums = [(0u32, 0.0f64, 0u32); CALIBRATION_BINS];
        for &(confidence, right) in predictions {
            let b = ((confidence * CALIBRATION_BINS as f32) as usize).min(CALIBRATION_BINS - 1);
            sums[b].0 += 1;
            sums[b].1 += f64::from(confidence);
            sums[b].2 += u32::from(right);
        }
        let n = predictions.len().max(1) as f32;
        let bins: Vec<CalibrationBin> = sums
            .iter()
            .map(|&(count, conf, right)| CalibrationBin {
                count,
                confidence: if count > 0 { (conf / f64::from(count)) as f32 } else { 0.0 },
                accuracy: if count > 0 { right as f32 / count as f32 } else { 0.0 },
            })
            .collect();
        let ece = bins.iter().map(|b| b.count as f32 / n * (b.accuracy - b.confidence).abs()).sum();
        Calibration {
            bins,
            ece,
            mean_logit_norm: (logit_norm_sum / f64::from(n)) as f32,
            mean_confidence: predictions.iter().map(|p| p.0).sum::<f32>() / n,
        }
    }
}

/// A digit the model got wrong.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// Index in the digits file.
    pub index: usize,
    pub label: u8,
    pub predicted: u8,
    /// The probability the model gave its (wrong) prediction.
    pub confidence: f32,
}

/// How many mistakes an evaluation keeps.
pub const MAX_MISTAKES: usize = 48;

/// The first convolution's kernels, for drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kernels {
    pub filters: usize,
    pub channels: usize,
    pub size: usize,
    /// `[filters, channels, size, size]`, row-major.
    pub weights: Vec<f32>,
}

/// A training run in progress.
pub struct Session {
    config: TrainConfig,
    data: Arc<Mnist>,
    split: Split,
    device: Device,
    model: Option<Net>,
    optim: ModuleOptimizer,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    epoch: usize,
    steps: usize,
    status: Status,
}

impl Session {
    /// Checks the configuration, splits the digits and builds the model.
    pub fn new(config: TrainConfig, data: Arc<Mnist>) -> Result<Session, ConfigError> {
        config.check()?;
        let device = config.backend.training_device().ok_or(ConfigError::BackendMissing(config.backend))?;
        let split = Split::new(data.len(), config.split, config.seed).map_err(ConfigError::Split)?;
        let model = Net::new(&config.stack, config.seed, &device).map_err(ConfigError::Model)?;
        let mut rng = Rng::new(config.seed ^ 0x005E_ED0F_D0D0);
        let mut order = split.part(Part::Train).to_vec();
        if let Some(Imbalance { class, keep }) = config.imbalance {
            // The first `keep` share of that class, in the split's (already shuffled) order.
            let total = order.iter().filter(|&&i| data.label(i) == class).count();
            let kept = ((total as f32 * keep.clamp(0.0, 1.0)).round() as usize).max(1);
            let mut seen = 0;
            order.retain(|&i| {
                if data.label(i) != class {
                    return true;
                }
                seen += 1;
                seen <= kept
            });
        }
        rng.shuffle(&mut order);
        Ok(Session {
            optim: config.optimizer.build(),
            config,
            data,
            split,
            device,
            model: Some(model),
            rng,
            order,
            cursor: 0,
            epoch: 0,
            steps: 0,
            status: Status::Training,
        })
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn split(&self) -> &Split {
        &self.split
    }

    pub fn data(&self) -> &Arc<Mnist> {
        &self.data
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn steps_done(&self) -> usize {
        self.steps
    }

    /// Completed epochs.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    pub fn steps_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.config.batch_size)
    }

    /// Steps in the whole run at the current batch size (an estimate once it has changed).
    pub fn total_steps(&self) -> usize {
        let left_this_epoch = (self.order.len() - self.cursor).div_ceil(self.config.batch_size);
        let left = left_this_epoch + self.config.epochs.saturating_sub(self.epoch + 1) * self.steps_per_epoch();
        if self.status == Status::Training { self.steps + left } else { self.steps }
    }

    /// Trainable parameters of the model.
    pub fn params(&self) -> usize {
        self.model().num_params()
    }

    /// The model as it is now.
    pub fn model(&self) -> &Net {
        self.model.as_ref().expect("the model is only taken during a step")
    }

    /// Trains up to `n` steps; stops early when the run finishes or diverges.
    pub fn train(&mut self, n: usize) -> Vec<StepStats> {
        let mut stats = Vec::with_capacity(n.min(self.total_steps().saturating_sub(self.steps)));
        while stats.len() < n && self.status == Status::Training {
            stats.push(self.step());
        }
        stats
    }

    /// The learning rate of the next step: the base rate times the schedule's factor.
    pub fn learning_rate(&self) -> f64 {
        let t = self.steps as f64 / self.steps_per_epoch().max(1) as f64;
        self.config.learning_rate * self.config.schedule.factor(t, self.config.epochs as f64)
    }

    fn step(&mut self) -> StepStats {
        let end = (self.cursor + self.config.batch_size).min(self.order.len());
        let (x, y) = Batcher::batch(&self.data, &self.order[self.cursor..end], &self.device);
        let examples = end - self.cursor;
        let learning_rate = self.learning_rate();
        let model = self.model.take().expect("model present between steps");
        let traced = self.config.trace_every > 0 && self.steps.is_multiple_of(self.config.trace_every);
        let (logits, hidden) = if traced {
            model.forward_traced(x, &mut self.rng)
        } else {
            (model.forward_train(x, &mut self.rng), vec![])
        };
        let correct: i64 = logits.clone().argmax(1).squeeze_dim::<1>(1).equal(y.clone()).int().sum().into_scalar();
        let mut loss = self.config.loss.forward(logits, y);
        let loss_value: f32 = loss.clone().into_scalar();
        if let Some(penalty) = model.penalty(self.config.penalty.l1, self.config.penalty.l2) {
            loss = loss + penalty;
        }
        self.steps += 1;
        let mut stats = StepStats {
            step: self.steps,
            epoch: self.epoch,
            loss: loss_value,
            accuracy: correct as f32 / examples as f32,
            examples,
            learning_rate,
            trace: None,
        };
        if !loss_value.is_finite() || loss_value > DIVERGED_LOSS {
            self.model = Some(model);
            self.status = Status::Diverged { step: self.steps };
            return stats;
        }
        let grads = loss.backward();
        if traced {
            stats.trace = Some(trace(&hidden, model.dense_weights().map(|w| w.grad(&grads))));
        }
        let grads = GradientsParams::from_grads(grads, &model);
        self.model = Some(self.optim.step(learning_rate, model, grads));
        self.cursor = end;
        if self.cursor >= self.order.len() {
            self.cursor = 0;
            self.epoch += 1;
            self.rng.shuffle(&mut self.order);
            if self.epoch >= self.config.epochs {
                self.status = Status::Finished;
            }
        }
        stats
    }

    /// Changes the learning rate from the next step on.
    pub fn set_learning_rate(&mut self, lr: f64) -> Result<(), ConfigError> {
        check_learning_rate(lr)?;
        self.config.learning_rate = lr;
        Ok(())
    }

    /// Changes the batch size from the next step on.
    pub fn set_batch_size(&mut self, batch_size: usize) -> Result<(), ConfigError> {
        check_batch_size(batch_size)?;
        self.config.batch_size = batch_size;
        Ok(())
    }

    /// Switches optimizer; the new one starts with fresh state (no momentum carried over).
    pub fn set_optimizer(&mut self, optimizer: Optimizer) {
        self.config.optimizer = optimizer;
        self.optim = optimizer.build();
    }

    /// Changes how many epochs the run lasts; a finished run can be extended.
    pub fn set_epochs(&mut self, epochs: usize) -> Result<(), ConfigError> {
        check_epochs(epochs)?;
        self.config.epochs = epochs;
        if self.status == Status::Finished && self.epoch < epochs {
            self.status = Status::Training;
        } else if self.status == Status::Training && self.epoch >= epochs {
            self.status = Status::Finished;
        }
        Ok(())
    }

    /// Scores the current model on a part of the split.
    pub fn evaluate(&self, part: Part) -> Evaluation {
        self.evaluate_model(self.model(), part)
    }

    /// Scores another model (such as a checkpoint of this run) on this run's `part`.
    pub fn evaluate_model(&self, model: &Net, part: Part) -> Evaluation {
        evaluate(model, &self.data, self.split.part(part), part, self.config.backend, self.config.loss)
    }

    /// Class probabilities for one image of 784 values in `[0, 1]`.
    pub fn predict(&self, pixels: &[f32]) -> Vec<f32> {
        predict(self.model(), pixels, self.config.backend)
    }

    /// The first convolution's kernels, if the model has a convolution.
    pub fn kernels(&self) -> Option<Kernels> {
        let w = self.model().first_kernels()?;
        let [filters, channels, size, _] = w.dims();
        Some(Kernels { filters, channels, size, weights: w.try_into_vec_as().ok()? })
    }

    /// The first convolution's feature maps (after ReLU) for one image, one channel per filter.
    pub fn feature_maps(&self, pixels: &[f32]) -> Option<Volume> {
        let device = self.config.backend.inference_device()?;
        let maps = self.model().valid().first_feature_maps(Batcher::image(pixels, &device))?;
        let [_, c, h, w] = maps.dims();
        Volume::from_vec(c, h, w, maps.try_into_vec_as().ok()?)
    }
}

/// Summaries of each hidden layer's values and of its weights' gradient.
fn trace<'a>(hidden: &[Tensor<2>], grads: impl Iterator<Item = Option<Tensor<2>>> + 'a) -> Vec<LayerTrace> {
    hidden
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
            let grad = grad.map_or(0.0, |g| g.abs().mean().into_scalar());
            LayerTrace { mean, std, quantiles: [q(0.05), q(0.25), q(0.5), q(0.75), q(0.95)], grad }
        })
        .collect()
}

/// Scores `model` on the digits at `indices`, in batches, without gradients.
pub fn evaluate(
    model: &Net,
    data: &Mnist,
    indices: &[usize],
    part: Part,
    backend: Backend,
    run_loss: Loss,
) -> Evaluation {
    let device = backend.inference_device().expect("a session only exists on an available backend");
    let model = model.valid();
    let (mut loss, mut correct) = (0.0f64, 0usize);
    let mut confusion = vec![0u32; CLASSES * CLASSES];
    let mut mistakes = Vec::new();
    let mut predictions = Vec::with_capacity(indices.len());
    let (mut logit_norms, mut easy_loss, mut total_loss) = (0.0f64, 0.0f64, 0.0f64);
    for chunk in indices.chunks(250) {
        let (x, _) = Batcher::batch(data, chunk, &device);
        let logits: Vec<f32> = model.forward(x).try_into_vec_as().unwrap_or_default();
        for (row, &index) in logits.chunks(CLASSES).zip(chunk) {
            let label = data.label(index);
            let probs = softmax(row);
            let predicted = argmax(&probs);
            let p_t = probs[label as usize];
            loss -= f64::from(p_t.max(1e-12).ln());
            let own = f64::from(run_loss.of_pt(p_t));
            total_loss += own;
            if p_t >= 0.5 {
                easy_loss += own;
            }
            logit_norms += f64::from(row.iter().map(|v| v * v).sum::<f32>().sqrt());
            predictions.push((probs[predicted], predicted == label as usize));
            confusion[label as usize * CLASSES + predicted] += 1;
            if predicted == label as usize {
                correct += 1;
            } else if mistakes.len() < MAX_MISTAKES {
                mistakes.push(Mistake { index, label, predicted: predicted as u8, confidence: probs[predicted] });
            }
        }
    }
    let count = indices.len();
    Evaluation {
        part,
        count,
        loss: (loss / count.max(1) as f64) as f32,
        accuracy: correct as f32 / count.max(1) as f32,
        confusion,
        mistakes,
        calibration: Calibration::from_predictions(&predictions, logit_norms),
        easy_loss_share: if total_loss > 0.0 { (easy_loss / total_loss) as f32 } else { 0.0 },
    }
}

/// Class probabilities from `model` for one image of 784 values in `[0, 1]`.
pub fn predict(model: &Net, pixels: &[f32], backend: Backend) -> Vec<f32> {
    let device = backend.inference_device().expect("a session only exists on an available backend");
    let logits: Vec<f32> = model.valid().forward(Batcher::image(pixels, &device)).try_into_vec_as().unwrap_or_default();
    softmax(&logits)
}

/// Numerically stable softmax.
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

fn argmax(values: &[f32]) -> usize {
    values.iter().enumerate().fold(0, |best, (i, v)| if *v > values[best] { i } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mnist::PIXELS;

    /// A tiny synthetic set: class c is a bright horizontal bar at row 2c + 4.
    fn bars(n: usize) -> Arc<Mnist> {
        let mut rng = Rng::new(3);
        let labels: Vec<u8> = (0..n).map(|i| (i % 10) as u8).collect();
        let mut pixels = vec![0u8; n * PIXELS];
        for (i, &l) in labels.iter().enumerate() {
            let row = 2 * l as usize + 4;
            for x in 4..24 {
                pixels[i * PIXELS + row * 28 + x] = 200 + rng.below(55) as u8;
            }
        }
        Arc::new(Mnist::from_parts(labels, pixels).unwrap())
    }

    fn small_config() -> TrainConfig {
        TrainConfig {
            stack: Stack::digits("flatten,dense:32,dropout:0.2,dense:10").unwrap(),
            split: SplitSpec { train: 160, validation: 20, test: 20, holdout: 0 },
            batch_size: 16,
            epochs: 4,
            learning_rate: 1e-2,
            ..TrainConfig::default()
        }
    }

    #[test]
    fn a_run_learns_and_finishes_after_its_epochs() {
        let mut s = Session::new(small_config(), bars(200)).unwrap();
        assert_eq!(s.steps_per_epoch(), 10);
        assert_eq!(s.total_steps(), 40);
        let first = s.train(5);
        assert_eq!(first.len(), 5);
        let rest = s.train(1000);
        assert_eq!(rest.len(), 35, "the run stops after its 4 epochs");
        assert_eq!(s.status(), Status::Finished);
        assert_eq!(s.epoch(), 4);
        let eval = s.evaluate(Part::Validation);
        assert_eq!(eval.count, 20);
        assert!(eval.accuracy > 0.9, "bars are easy: {}", eval.accuracy);
        assert_eq!(eval.confusion.iter().sum::<u32>(), 20);
        let probs = s.predict(&vec![0.0; PIXELS]);
        assert!((probs.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        // A finished run can be extended.
        s.set_epochs(5).unwrap();
        assert_eq!(s.status(), Status::Training);
        assert_eq!(s.train(100).len(), 10);
    }

    #[test]
    fn the_same_seed_gives_the_same_curve() {
        let losses = |seed| {
            let mut s = Session::new(TrainConfig { seed, ..small_config() }, bars(200)).unwrap();
            s.train(25).iter().map(|st| st.loss).collect::<Vec<_>>()
        };
        let a = losses(7);
        assert_eq!(a, losses(7));
        assert_ne!(a, losses(8));
    }

    #[test]
    fn a_huge_learning_rate_diverges_instead_of_panicking() {
        let config = TrainConfig { learning_rate: 1e12, optimizer: Optimizer::Sgd, ..small_config() };
        let mut s = Session::new(config, bars(200)).unwrap();
        let stats = s.train(40);
        assert!(matches!(s.status(), Status::Diverged { .. }), "{:?}", stats.last());
        let last = stats.last().unwrap().loss;
        assert!(!last.is_finite() || last > DIVERGED_LOSS);
        assert!(s.train(5).is_empty(), "a diverged run does not continue");
    }

    #[test]
    fn bad_settings_are_errors() {
        let data = bars(50);
        let with = |f: fn(&mut TrainConfig)| {
            let mut c = small_config();
            f(&mut c);
            Session::new(c, data.clone()).err()
        };
        assert_eq!(with(|c| c.batch_size = 0), Some(ConfigError::BatchSize(0)));
        assert_eq!(with(|c| c.learning_rate = 0.0), Some(ConfigError::LearningRate(0.0)));
        assert!(matches!(with(|c| c.learning_rate = f64::NAN), Some(ConfigError::LearningRate(_))));
        assert_eq!(with(|c| c.epochs = 0), Some(ConfigError::Epochs(0)));
        assert!(matches!(with(|_| {}), Some(ConfigError::Split(SplitError::TooMany { .. }))));
        let mut s = Session::new(
            TrainConfig { split: SplitSpec { train: 30, validation: 10, test: 10, holdout: 0 }, ..small_config() },
            data,
        )
        .unwrap();
        assert!(s.set_learning_rate(-1.0).is_err());
        assert!(s.set_batch_size(0).is_err());
        assert_eq!(s.config().learning_rate, 1e-2);
    }

    #[test]
    fn optimizers_take_their_textbook_first_step() {
        use burn::module::Param;
        #[derive(Module, Debug)]
        struct Scalar {
            x: Param<Tensor<1>>,
        }
        let device = Device::flex().autodiff();
        // f(x) = x² / 2 from x = 1, so the gradient is 1 and each first step is easy to check.
        let first_step = |opt: Optimizer, lr: f64| {
            let m = Scalar { x: Param::from_tensor(Tensor::from_floats([1.0], &device)) };
            let loss = m.x.val().powf_scalar(2.0).sum() / 2.0;
            let grads = GradientsParams::from_grads(loss.backward(), &m);
            let m = opt.build().step(lr, m, grads);
            m.x.val().into_scalar::<f32>()
        };
        assert!((first_step(Optimizer::Sgd, 0.1) - 0.9).abs() < 1e-6);
        assert!((first_step(Optimizer::Momentum { momentum: 0.9 }, 0.1) - 0.9).abs() < 1e-6);
        // Adam's first step is lr · sign(g) (bias-corrected moments), up to its ε.
        assert!((first_step(Optimizer::Adam { beta1: 0.9, beta2: 0.999 }, 0.1) - 0.9).abs() < 1e-4);
        // RMSprop's first step is lr · g / √((1 − ρ) g²) = lr / √(1 − ρ).
        let rms = first_step(Optimizer::RmsProp { decay: 0.9 }, 0.01);
        assert!((rms - (1.0 - 0.01 / 0.1f32.sqrt())).abs() < 1e-4, "{rms}");
    }

    #[test]
    fn calibration_bins_and_ece() {
        // Two predictions at 0.95 confidence, one right; one at 0.55, right.
        let c = Calibration::from_predictions(&[(0.95, true), (0.95, false), (0.55, true)], 6.0);
        assert_eq!(c.bins[9].count, 2);
        assert!((c.bins[9].accuracy - 0.5).abs() < 1e-6);
        assert_eq!(c.bins[5].count, 1);
        let expected = 2.0 / 3.0 * (0.5f32 - 0.95).abs() + 1.0 / 3.0 * (1.0f32 - 0.55).abs();
        assert!((c.ece - expected).abs() < 1e-5);
        assert!((c.mean_logit_norm - 2.0).abs() < 1e-6);
    }

    #[test]
    fn softmax_is_stable() {
        let p = softmax(&[1000.0, 1000.0]);
        assert_eq!(p, [0.5, 0.5]);
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), 1);
    }
}
