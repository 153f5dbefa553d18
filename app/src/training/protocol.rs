//! The messages between the page and the training worker, sent as JSON strings. Every command
//! and every report travels in one envelope: which run (so that the reports of an older run are
//! told apart), which lane (one of several runs trained side by side), and the body.

use engine::backend::Backend;
use engine::data::Part;
use engine::selection::CandidateScore;
use engine::tasks::{Answer, Query, QueryError, TaskReport};
use engine::train::{ConfigError, Evaluation, Optimizer, StepStats, TrainConfig};
use serde::{Deserialize, Serialize};

/// The number the page gives a job when it starts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct RunId(pub u32);

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToWorker {
    pub run: RunId,
    /// One lane, or every lane of the job (`None`).
    pub lane: Option<usize>,
    pub command: Command,
}

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Replaces any job with a new one.
    Start(Job),
    Play,
    Pause,
    /// Trains this many steps, then pauses.
    Step(usize),
    /// Drops the job and frees its memory.
    Reset,
    SetLearningRate(f64),
    SetBatchSize(usize),
    SetOptimizer(Optimizer),
    SetEpochs(usize),
    /// Freezes or unfreezes one layer of the model.
    SetFrozen {
        layer: usize,
        frozen: bool,
    },
    /// Scores the model on a part now.
    Evaluate(Part),
    /// Scores the kept best model on a part (the sealed test score, revealed).
    EvaluateBest(Part),
    /// A question about the model (a drawn digit, a feature map, generated samples…).
    Query(Query),
    /// Keeps a copy of the lane's model under `name`, for later jobs to start from, for as
    /// long as the worker lives (the lesson is shown).
    Keep {
        name: String,
    },
    /// Replaces the lane's model's parameters with those of a safetensors file (see
    /// `engine::nn::torch`); the optimizer starts afresh.
    Load(Vec<u8>),
}

/// A kind of work the worker can hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// One run, or several side by side ("lanes", one step of each in turn). Every
    /// `eval_every` steps (and at the end of each epoch) the validation part is scored; `parts`
    /// lists what else is scored at each epoch's end; with `keep_best`, the model of the epoch
    /// with the best validation score is kept aside.
    Train { configs: Vec<TrainConfig>, play: bool, eval_every: usize, parts: Vec<Part>, keep_best: bool },
    /// Candidate runs trained one after another, every epoch scored on validation, test and
    /// holdout (the split lesson's study).
    Study { candidates: Vec<TrainConfig>, play: bool },
    /// Hyperparameter searches side by side, one lane each: every trial trained in turn and
    /// scored on validation (the hyperparameter lesson).
    Search { searches: Vec<engine::search::SearchSpec>, play: bool },
    /// The phase timers of one training step, for burn's path and for the fused blocks (the
    /// `/bench?run=phases` page).
    Phases,
}

impl Job {
    /// Runs side by side, playing at once, validation scored every `eval_every` steps and at
    /// each epoch's end, nothing else scored and nothing kept.
    pub fn lanes(configs: Vec<TrainConfig>, eval_every: usize) -> Self {
        Job::Train { configs, play: true, eval_every, parts: vec![], keep_best: false }
    }
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FromWorker {
    pub run: RunId,
    pub lane: usize,
    pub body: Report,
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Report {
    /// The worker has loaded its data; lists the backends this build contains.
    Ready {
        backends: Vec<Backend>,
    },
    /// A lane of a new job has started.
    Started {
        total_steps: usize,
        steps_per_epoch: usize,
        params: usize,
        playing: bool,
    },
    /// The lane is now playing or paused.
    Playing(bool),
    /// Steps trained since the last report, and the training speed over them.
    /// `mean_examples_per_second` covers the whole run so far (training time only).
    Progress {
        steps: Vec<StepStats>,
        steps_done: usize,
        total_steps: usize,
        epoch: usize,
        examples_per_second: f32,
        mean_examples_per_second: f32,
        ms_per_step: f32,
    },
    Evaluated {
        steps_done: usize,
        epoch: usize,
        evaluation: Evaluation,
    },
    /// The kept best model (from `epoch`) scored on a part.
    BestEvaluated {
        epoch: usize,
        evaluation: Evaluation,
    },
    /// A study's progress and the scores of the epochs that ended since the last report.
    StudyProgress {
        steps_done: usize,
        total_steps: usize,
        scores: Vec<CandidateScore>,
    },
    /// The answer to a query.
    Answer(Answer),
    /// What the task shows of itself (a generator's samples, sample text).
    Task(TaskReport),
    /// A search's trial has finished.
    Trial(engine::search::Trial),
    /// The model is kept under this name.
    Kept {
        name: String,
    },
    /// The lane's model now holds the parameters of a model file.
    Loaded,
    /// Where one training step's time goes (`engine::train::phases`), on burn's path or the
    /// fused blocks.
    Phases {
        fused: bool,
        phases: engine::train::phases::Phases,
    },
    Finished,
    /// The loss exploded (NaN, infinite or above 1000) at `step`.
    Diverged {
        step: usize,
    },
    /// The job was dropped.
    Cleared,
    /// A command could not be carried out.
    Error(WorkerError),
}

/// Why the worker could not do what the page asked: a typed value that the page translates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    /// The run's settings cannot make a run.
    Config(ConfigError),
    /// The question cannot be answered.
    Query(QueryError),
    /// There is no job to apply the command to.
    NoRun,
    /// No model has been kept yet (a best checkpoint before the first epoch ends).
    NothingKept,
    /// The worker's data could not be loaded.
    Load(crate::data::LoadError),
    /// A message could not be read (a bug: the page and the worker disagree).
    Unreadable(String),
    /// The worker stopped (crashed or ran out of memory).
    Crashed(String),
    /// A model file cannot be loaded into the lane's model.
    Model(engine::nn::torch::TorchError),
}

impl WorkerError {
    /// Whether the worker is gone or never loaded (a crash, a report the page cannot read, data
    /// that did not load), so that only a new worker can go on.
    pub fn ends_worker(&self) -> bool {
        matches!(self, Self::Load(_) | Self::Crashed(_) | Self::Unreadable(_))
    }
}

pub fn encode<T: Serialize>(message: &T) -> String {
    serde_json::to_string(message).expect("protocol messages always serialize")
}

pub fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_json() {
        let start = Job::Train {
            configs: vec![TrainConfig::default()],
            play: true,
            eval_every: 50,
            parts: vec![Part::Test],
            keep_best: true,
        };
        let cmds = [
            Command::Start(start),
            Command::Start(Job::Study { candidates: vec![TrainConfig::default()], play: false }),
            Command::SetOptimizer(Optimizer::Momentum { momentum: 0.8 }),
            Command::Query(Query::Digit { pixels: vec![0.5; 784] }),
            Command::Keep { name: "source".into() },
            Command::Pause,
        ];
        for command in cmds {
            let c = ToWorker { run: RunId(3), lane: Some(1), command };
            assert_eq!(decode::<ToWorker>(&encode(&c)).unwrap(), c);
        }
        let m = FromWorker { run: RunId(1), lane: 1, body: Report::Diverged { step: 7 } };
        assert_eq!(decode::<FromWorker>(&encode(&m)).unwrap(), m);
        let e = FromWorker { run: RunId(1), lane: 0, body: Report::Error(WorkerError::Config(ConfigError::Epochs(0))) };
        assert_eq!(decode::<FromWorker>(&encode(&e)).unwrap(), e);
        assert!(decode::<ToWorker>("{\"Launch\":1}").is_err());
    }
}
