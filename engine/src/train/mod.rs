//! Training: a [`Session`] drives any [`Task`](crate::tasks::Task) through its epochs a few
//! steps at a time, and every task trains its networks with the one step of [`Learner`]
//! (forward, loss, backward, clipping, optimizer, divergence). Nothing here measures time:
//! callers time the steps themselves.

mod eval;
mod learner;
mod optim;
pub mod phases;
mod session;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use eval::{
    CALIBRATION_BINS, Calibration, CalibrationBin, Evaluation, MAX_CONFUSION_CLASSES, MAX_MISTAKES, Mistake, Scorer,
    argmax, f1_scores, softmax,
};
pub use learner::{DIVERGED_LOSS, Diverged, GradientReport, Learner, Stepped};
pub use optim::{ADAGRAD_EPSILON, ADAM_EPSILON, Optimizer, RMSPROP_EPSILON};
pub use session::Session;

use crate::backend::Backend;
use crate::data::SplitError;
use crate::nn::{InitScheme, Shape, StackError};
use crate::schedule::Schedule;
use crate::tasks::{DigitsTask, TaskSpec};

/// Everything that decides a training run: what to learn (the task) and how (the rest, the same
/// for every task).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub task: TaskSpec,
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub epochs: usize,
    pub seed: u64,
    pub backend: Backend,
    /// How the learning rate changes over the epochs.
    pub schedule: Schedule,
    /// L1 and L2 penalties on the weights, added to the loss.
    pub penalty: Penalty,
    /// Clip the gradients' global norm to this before each step (`None`: never).
    pub clip: Option<f32>,
    /// How the initial weights are drawn.
    pub init: InitScheme,
    /// Every this many steps, record each hidden layer's values and the gradients (0: never).
    pub trace_every: usize,
    /// Stop after this many steps even if epochs remain: a budget in steps, the same for runs
    /// on different amounts of data.
    pub max_steps: Option<usize>,
}

/// Weight penalties: `l1·Σ|w| + l2·Σw²`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Penalty {
    pub l1: f32,
    pub l2: f32,
}

impl Default for TrainConfig {
    /// The note's CNN on digits, Adam at its default learning rate 0.001, batches of 32, three
    /// epochs.
    fn default() -> Self {
        Self {
            task: TaskSpec::Digits(DigitsTask::default()),
            optimizer: Optimizer::ADAM,
            learning_rate: 1e-3,
            batch_size: 32,
            epochs: 3,
            seed: 1,
            backend: Backend::Flex,
            schedule: Schedule::Constant,
            penalty: Penalty::default(),
            clip: None,
            init: InitScheme::default(),
            trace_every: 0,
            max_steps: None,
        }
    }
}

impl TrainConfig {
    /// A run on digits with the other settings at their defaults.
    pub fn digits(task: DigitsTask) -> Self {
        Self { task: TaskSpec::Digits(task), ..Self::default() }
    }

    /// The benchmark run: the note's CNN, SGD with momentum 0.9 at learning rate 0.01, batches
    /// of 32, one pass over 8,000 digits, then 2,000 held-out digits scored. The same run
    /// natively and in the browser, and the settings the peers in the benchmark use.
    pub fn benchmark(backend: Backend) -> Self {
        let split = crate::data::SplitSpec { train: 8000, validation: 0, test: 2000, holdout: 0 };
        Self {
            optimizer: Optimizer::Momentum { momentum: 0.9 },
            learning_rate: 0.01,
            epochs: 1,
            backend,
            ..Self::digits(DigitsTask { split, ..DigitsTask::default() })
        }
    }

    /// The `char-lstm` benchmark: the lstm lesson's writer with 128 units, Adam at 0.005,
    /// batches of 32 stretches of 24 characters, the gradient clipped to norm 1, as many steps
    /// as the clock allows (the caller stops it).
    pub fn char_lstm_benchmark() -> Self {
        Self {
            task: TaskSpec::Text(crate::tasks::TextTask::quatrain_writer(128)),
            learning_rate: 5e-3,
            batch_size: 32,
            epochs: MAX_EPOCHS,
            clip: Some(1.0),
            ..Self::default()
        }
    }

    /// The digits task, if this run is one.
    pub fn digits_task(&self) -> Option<&DigitsTask> {
        match &self.task {
            TaskSpec::Digits(t) => Some(t),
            _ => None,
        }
    }

    /// Checks every general setting a run needs, without building anything.
    pub fn check(&self) -> Result<(), ConfigError> {
        check_batch_size(self.batch_size)?;
        check_epochs(self.epochs)?;
        check_learning_rate(self.learning_rate)?;
        match self.clip {
            Some(c) if !(c.is_finite() && c > 0.0) => Err(ConfigError::Clip(c)),
            _ => Ok(()),
        }
    }
}

/// Why a run cannot start: a typed value that the page translates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ConfigError {
    /// The network's description is invalid.
    Stack(StackError),
    /// The network reads another input than the task gives.
    Input {
        expected: Shape,
        got: Shape,
    },
    /// The network's output does not fit the task.
    Output {
        expected: Shape,
        got: Shape,
    },
    Split(SplitError),
    BatchSize(usize),
    LearningRate(f64),
    Epochs(usize),
    Clip(f32),
    BackendMissing(Backend),
    /// The task needs data this worker has not loaded.
    DataMissing(crate::data::Asset),
    /// No model is kept under this name.
    NoModel(String),
    /// A task setting out of its range: which one, and the value.
    Setting {
        name: String,
        value: f64,
    },
}

impl fmt::Display for ConfigError {
    /// English, for logs and tests; the app translates the typed value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stack(e) => write!(f, "{e}"),
            Self::Input { expected, got } => write!(f, "the network reads {got}, the task gives {expected}"),
            Self::Output { expected, got } => write!(f, "the network must end with {expected}, not {got}"),
            Self::Split(e) => write!(f, "{e}"),
            Self::BatchSize(b) => write!(f, "batch size {b} is not between 1 and 1024"),
            Self::LearningRate(lr) => write!(f, "learning rate {lr} is not a positive number"),
            Self::Epochs(e) => write!(f, "{e} epochs is not between 1 and {MAX_EPOCHS}"),
            Self::Clip(c) => write!(f, "clipping norm {c} is not a positive number"),
            Self::BackendMissing(b) => write!(f, "this build has no {} backend", b.key()),
            Self::DataMissing(a) => write!(f, "the {a:?} data is not loaded"),
            Self::NoModel(n) => write!(f, "no model is kept as {n:?}"),
            Self::Setting { name, value } => write!(f, "{name} = {value} is out of range"),
        }
    }
}

impl std::error::Error for ConfigError {}

pub(crate) fn check_learning_rate(lr: f64) -> Result<(), ConfigError> {
    if lr.is_finite() && lr > 0.0 { Ok(()) } else { Err(ConfigError::LearningRate(lr)) }
}

pub(crate) fn check_batch_size(batch_size: usize) -> Result<(), ConfigError> {
    if (1..=1024).contains(&batch_size) { Ok(()) } else { Err(ConfigError::BatchSize(batch_size)) }
}

/// The most epochs a run may have (a GAN on a few drawn points takes one step an epoch).
pub const MAX_EPOCHS: usize = 100_000;

pub(crate) fn check_epochs(epochs: usize) -> Result<(), ConfigError> {
    if (1..=MAX_EPOCHS).contains(&epochs) { Ok(()) } else { Err(ConfigError::Epochs(epochs)) }
}

/// What one training step did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepStats {
    /// 1-based number of this step in the run.
    pub step: usize,
    /// Epochs completed before this step.
    pub epoch: usize,
    pub loss: f32,
    /// Accuracy on this step's batch, for tasks that classify.
    pub accuracy: Option<f32>,
    /// Examples in this step's batch.
    pub examples: usize,
    /// The learning rate this step used (after the schedule).
    pub learning_rate: f64,
    /// Each hidden layer's values before its activation, when this step was traced.
    pub trace: Option<Vec<LayerTrace>>,
    /// Gradient sizes, when this step was traced.
    pub gradients: Option<GradientReport>,
    /// A generative adversarial step's two sides.
    pub gan: Option<crate::tasks::GanStep>,
}

/// A hidden layer's values before its activation, and its weights' gradient, at one step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LayerTrace {
    pub mean: f32,
    pub std: f32,
    /// The 5th, 25th, 50th, 75th and 95th percentiles.
    pub quantiles: [f32; 5],
    /// Mean absolute gradient of the weights of the layer that computed these values.
    pub grad: f32,
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

/// The first convolution's kernels, for drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kernels {
    pub filters: usize,
    pub channels: usize,
    pub size: usize,
    /// `[filters, channels, size, size]`, row-major.
    pub weights: Vec<f32>,
}
