//! The messages between the page and the training worker, sent as JSON strings.

use engine::backend::Backend;
use engine::conv::Volume;
use engine::data::Part;
use engine::selection::CandidateScore;
use engine::train::{Evaluation, Kernels, Optimizer, StepStats, TrainConfig};
use serde::{Deserialize, Serialize};

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Replaces any run with a new one. `eval_every` steps (and at the end of every epoch) the
    /// validation part is scored; `parts` lists what else is scored at each epoch's end. With
    /// `keep_best`, the model of the epoch with the best validation score is kept aside.
    Start {
        run: u32,
        config: TrainConfig,
        play: bool,
        eval_every: usize,
        parts: Vec<Part>,
        keep_best: bool,
    },
    /// Replaces any run with a model-selection study over these candidates (same split).
    StartStudy {
        run: u32,
        candidates: Vec<TrainConfig>,
        play: bool,
    },
    /// Replaces any run with several runs trained side by side ("lanes"), one step of each in
    /// turn; reports carry the lane's index. Commands apply to every lane.
    StartLanes {
        run: u32,
        configs: Vec<TrainConfig>,
        play: bool,
        eval_every: usize,
        parts: Vec<Part>,
    },
    /// Scores the kept best model on `part` (the sealed test score, revealed).
    EvaluateBest {
        part: Part,
    },
    Play,
    Pause,
    /// Trains this many steps, then pauses.
    Step {
        steps: usize,
    },
    /// Drops the run and frees its memory.
    Reset,
    SetLearningRate(f64),
    SetBatchSize(usize),
    SetOptimizer(Optimizer),
    SetEpochs(usize),
    Evaluate {
        part: Part,
    },
    /// Class probabilities for 784 values in `[0, 1]`.
    Predict {
        pixels: Vec<f32>,
    },
    /// The first convolution's feature maps for digit `index` of the digits file.
    FeatureMaps {
        index: usize,
    },
    /// The first convolution's kernels.
    Kernels,
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has loaded the digits; lists the backends this build contains.
    Ready {
        backends: Vec<Backend>,
    },
    Started {
        run: u32,
        #[serde(default)]
        lane: usize,
        total_steps: usize,
        steps_per_epoch: usize,
        params: usize,
    },
    /// Steps trained since the last report, and the training speed over them. `mean_examples_per_second`
    /// covers the whole run so far (training time only, evaluations left out).
    Progress {
        run: u32,
        #[serde(default)]
        lane: usize,
        steps: Vec<StepStats>,
        steps_done: usize,
        total_steps: usize,
        epoch: usize,
        examples_per_second: f32,
        mean_examples_per_second: f32,
        ms_per_step: f32,
        playing: bool,
    },
    Evaluated {
        run: u32,
        #[serde(default)]
        lane: usize,
        steps_done: usize,
        epoch: usize,
        evaluation: Evaluation,
    },
    /// The kept best model (from `epoch`) scored on a part.
    BestEvaluated {
        run: u32,
        epoch: usize,
        evaluation: Evaluation,
    },
    /// A study's progress and the scores of the epochs that ended since the last report.
    StudyProgress {
        run: u32,
        steps_done: usize,
        total_steps: usize,
        scores: Vec<CandidateScore>,
    },
    Kernels {
        run: u32,
        #[serde(default)]
        lane: usize,
        kernels: Kernels,
    },
    FeatureMaps {
        run: u32,
        index: usize,
        maps: Volume,
    },
    Prediction {
        run: u32,
        probabilities: Vec<f32>,
    },
    Finished {
        run: u32,
        #[serde(default)]
        lane: usize,
    },
    /// The loss exploded (NaN, infinite or above 1000) at `step`.
    Diverged {
        run: u32,
        #[serde(default)]
        lane: usize,
        step: usize,
    },
    /// A command could not be carried out.
    Error {
        message: String,
    },
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
        let cmds = vec![
            ToWorker::Start {
                run: 3,
                config: TrainConfig::default(),
                play: true,
                eval_every: 50,
                parts: vec![Part::Test],
                keep_best: true,
            },
            ToWorker::StartStudy { run: 4, candidates: vec![TrainConfig::default()], play: false },
            ToWorker::SetOptimizer(Optimizer::Momentum { momentum: 0.8 }),
            ToWorker::Predict { pixels: vec![0.5; 784] },
            ToWorker::Pause,
        ];
        for c in cmds {
            assert_eq!(decode::<ToWorker>(&encode(&c)).unwrap(), c);
        }
        let m = FromWorker::Diverged { run: 1, lane: 1, step: 7 };
        assert_eq!(decode::<FromWorker>(&encode(&m)).unwrap(), m);
        assert!(decode::<ToWorker>("{\"Launch\":1}").is_err());
    }
}
