//! What the page knows about a training run, as signals: updated from the worker's reports and
//! read by the lesson's controls and charts. `use_run` also owns the worker for the lesson's
//! lifetime: leaving the lesson terminates the worker and frees its memory.

use engine::backend::Backend;
use engine::conv::Volume;
use engine::data::Part;
use engine::selection::CandidateScore;
use engine::train::{Evaluation, Kernels};
use leptos::prelude::*;

use super::protocol::{FromWorker, ToWorker};

/// Where a run stands, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No run yet (or it was reset).
    Idle,
    Running,
    Paused,
    Finished,
    /// The loss exploded at this step.
    Diverged(usize),
}

/// One score of the model on one part, at one moment of the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub steps_done: usize,
    pub epoch: usize,
    pub part: Part,
    pub accuracy: f32,
    pub loss: f32,
}

/// A run's state. Every field is a signal, so the struct is `Copy`.
#[derive(Clone, Copy)]
pub struct Run {
    /// Which lane of the worker this run follows (0 for a lesson with one run).
    pub lane: usize,
    /// The current run's number; reports of older runs are ignored.
    pub id: RwSignal<u32>,
    pub phase: RwSignal<Phase>,
    pub ready: RwSignal<bool>,
    pub backends: RwSignal<Vec<Backend>>,
    pub steps_done: RwSignal<usize>,
    pub total_steps: RwSignal<usize>,
    pub steps_per_epoch: RwSignal<usize>,
    pub epoch: RwSignal<usize>,
    pub params: RwSignal<usize>,
    /// Per-step training loss and batch accuracy.
    pub losses: RwSignal<Vec<f32>>,
    pub accuracies: RwSignal<Vec<f32>>,
    /// The learning rate of every step (after any schedule).
    pub learning_rates: RwSignal<Vec<f32>>,
    /// Every traced step: the step number and each hidden layer's summary.
    pub traces: RwSignal<Vec<(usize, Vec<engine::train::LayerTrace>)>>,
    pub scores: RwSignal<Vec<Score>>,
    /// The latest full evaluation of each part.
    pub evaluations: RwSignal<Vec<Evaluation>>,
    pub kernels: RwSignal<Option<Kernels>>,
    pub maps: RwSignal<Option<(usize, Volume)>>,
    pub prediction: RwSignal<Option<Vec<f32>>>,
    /// The kept best model's epoch and its evaluation, once asked for.
    pub best: RwSignal<Option<(usize, Evaluation)>>,
    /// A study's scores, one per candidate and epoch.
    pub candidates: RwSignal<Vec<CandidateScore>>,
    /// Examples per second and milliseconds per step over the last report.
    pub speed: RwSignal<(f32, f32)>,
    /// Examples per second over the whole run (training time only).
    pub mean_speed: RwSignal<f32>,
    /// Wall-clock milliseconds spent running (not paused), measured on the page.
    pub elapsed_ms: RwSignal<f64>,
    pub error: RwSignal<Option<String>>,
    last_report_ms: RwSignal<Option<f64>>,
}

impl Run {
    pub fn new() -> Self {
        Self::on_lane(0)
    }

    /// A run that follows lane `lane` of its worker.
    pub fn on_lane(lane: usize) -> Self {
        Self {
            lane,
            id: RwSignal::new(0),
            phase: RwSignal::new(Phase::Idle),
            ready: RwSignal::new(false),
            backends: RwSignal::new(vec![Backend::Flex]),
            steps_done: RwSignal::new(0),
            total_steps: RwSignal::new(0),
            steps_per_epoch: RwSignal::new(0),
            epoch: RwSignal::new(0),
            params: RwSignal::new(0),
            losses: RwSignal::new(vec![]),
            accuracies: RwSignal::new(vec![]),
            learning_rates: RwSignal::new(vec![]),
            traces: RwSignal::new(vec![]),
            scores: RwSignal::new(vec![]),
            evaluations: RwSignal::new(vec![]),
            kernels: RwSignal::new(None),
            maps: RwSignal::new(None),
            prediction: RwSignal::new(None),
            best: RwSignal::new(None),
            candidates: RwSignal::new(vec![]),
            speed: RwSignal::new((0.0, 0.0)),
            mean_speed: RwSignal::new(0.0),
            elapsed_ms: RwSignal::new(0.0),
            error: RwSignal::new(None),
            last_report_ms: RwSignal::new(None),
        }
    }

    /// Forgets the run's results (the worker keeps its digits).
    pub fn clear(&self) {
        self.phase.set(Phase::Idle);
        self.steps_done.set(0);
        self.total_steps.set(0);
        self.epoch.set(0);
        self.losses.set(vec![]);
        self.accuracies.set(vec![]);
        self.learning_rates.set(vec![]);
        self.traces.set(vec![]);
        self.scores.set(vec![]);
        self.evaluations.set(vec![]);
        self.kernels.set(None);
        self.maps.set(None);
        self.best.set(None);
        self.candidates.set(vec![]);
        self.speed.set((0.0, 0.0));
        self.elapsed_ms.set(0.0);
        self.error.set(None);
        self.last_report_ms.set(None);
    }

    /// The latest score on `part`, if any.
    pub fn latest_score(&self, part: Part) -> Option<Score> {
        self.scores.with(|s| s.iter().rev().find(|s| s.part == part).copied())
    }

    /// The share of the run's steps done, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        let total = self.total_steps.get();
        if total == 0 { 0.0 } else { self.steps_done.get() as f64 / total as f64 }
    }

    /// The latest evaluation of `part`, if any.
    pub fn evaluation(&self, part: Part) -> Option<Evaluation> {
        self.evaluations.with(|e| e.iter().find(|e| e.part == part).cloned())
    }

    /// Folds one report into the signals; `now_ms` is the page's clock. Reports for another run
    /// or another lane are ignored, and only what this run keeps is copied.
    pub fn apply(&self, message: &FromWorker, now_ms: f64) {
        let current = self.id.get_untracked();
        let stale = |run: &u32| *run != current;
        let other = |lane: &usize| *lane != self.lane;
        match message {
            FromWorker::Ready { backends } => {
                self.ready.set(true);
                self.backends.set(backends.clone());
            }
            FromWorker::Started { run, lane, total_steps, steps_per_epoch, params } if !stale(run) && !other(lane) => {
                self.total_steps.set(*total_steps);
                self.steps_per_epoch.set(*steps_per_epoch);
                self.params.set(*params);
            }
            FromWorker::Progress {
                run,
                lane,
                steps,
                steps_done,
                total_steps,
                epoch,
                examples_per_second,
                mean_examples_per_second,
                ms_per_step,
                playing,
            } if !stale(run) && !other(lane) => {
                self.mean_speed.set(*mean_examples_per_second);
                self.losses.update(|l| l.extend(steps.iter().map(|s| s.loss)));
                self.accuracies.update(|a| a.extend(steps.iter().map(|s| s.accuracy)));
                self.learning_rates.update(|l| l.extend(steps.iter().map(|s| s.learning_rate as f32)));
                if steps.iter().any(|s| s.trace.is_some()) {
                    self.traces.update(|t| t.extend(steps.iter().filter_map(|s| Some((s.step, s.trace.clone()?)))));
                }
                self.steps_done.set(*steps_done);
                self.total_steps.set(*total_steps);
                self.epoch.set(*epoch);
                self.speed.set((*examples_per_second, *ms_per_step));
                if let Some(last) = self.last_report_ms.get_untracked() {
                    self.elapsed_ms.update(|e| *e += (now_ms - last).min(1000.0));
                }
                self.last_report_ms.set(playing.then_some(now_ms));
                if !*playing && self.phase.get_untracked() == Phase::Running {
                    self.phase.set(Phase::Paused);
                }
            }
            FromWorker::Evaluated { run, lane, steps_done, epoch, evaluation } if !stale(run) && !other(lane) => {
                let score = Score {
                    steps_done: *steps_done,
                    epoch: *epoch,
                    part: evaluation.part,
                    accuracy: evaluation.accuracy,
                    loss: evaluation.loss,
                };
                self.scores.update(|s| s.push(score));
                self.evaluations.update(|e| {
                    e.retain(|x| x.part != evaluation.part);
                    e.push(evaluation.clone());
                });
            }
            FromWorker::BestEvaluated { run, epoch, evaluation } if !stale(run) => {
                self.best.set(Some((*epoch, evaluation.clone())))
            }
            FromWorker::StudyProgress { run, steps_done, total_steps, scores } if !stale(run) => {
                self.steps_done.set(*steps_done);
                self.total_steps.set(*total_steps);
                self.candidates.update(|c| c.extend(scores.iter().copied()));
            }
            FromWorker::Kernels { run, lane, kernels } if !stale(run) && !other(lane) => {
                self.kernels.set(Some(kernels.clone()))
            }
            FromWorker::FeatureMaps { run, index, maps } if !stale(run) => self.maps.set(Some((*index, maps.clone()))),
            FromWorker::Prediction { run, probabilities } if !stale(run) => {
                self.prediction.set(Some(probabilities.clone()))
            }
            FromWorker::Finished { run, lane } if !stale(run) && !other(lane) => {
                self.phase.set(Phase::Finished);
                self.last_report_ms.set(None);
            }
            FromWorker::Diverged { run, lane, step } if !stale(run) && !other(lane) => {
                self.phase.set(Phase::Diverged(*step));
                self.last_report_ms.set(None);
            }
            FromWorker::Error { message } => self.error.set(Some(message.clone())),
            _ => {}
        }
    }

    /// Marks the start of a new run and returns its number.
    pub fn next_id(&self) -> u32 {
        self.clear();
        self.id.update(|i| *i += 1);
        self.id.get_untracked()
    }
}

impl Default for Run {
    fn default() -> Self {
        Self::new()
    }
}

/// A handle on the lesson's worker; `Copy`, so controls can capture it.
#[derive(Clone, Copy)]
pub struct Worker {
    #[cfg(target_arch = "wasm32")]
    inner: StoredValue<Option<super::client::Trainer>, LocalStorage>,
}

impl Worker {
    /// Sends a command (the native build, used for tests, has no worker and drops it).
    pub fn send(&self, command: ToWorker) {
        #[cfg(target_arch = "wasm32")]
        self.inner.with_value(|t| {
            if let Some(t) = t {
                t.send(command)
            }
        });
        #[cfg(not(target_arch = "wasm32"))]
        let _ = command;
    }
}

/// Starts a worker for this lesson and a [`Run`] that follows its reports.
pub fn use_run() -> (Run, Worker) {
    let (runs, worker) = use_runs(1);
    (runs[0], worker)
}

/// Starts a worker for this lesson with `lanes` runs trained side by side, one [`Run`] each.
pub fn use_runs(lanes: usize) -> (Vec<Run>, Worker) {
    let runs: Vec<Run> = (0..lanes).map(Run::on_lane).collect();
    #[cfg(target_arch = "wasm32")]
    {
        let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
        let (to_all, failed) = (runs.clone(), runs.clone());
        let spawned = super::client::Trainer::spawn(
            move |message| {
                let t = now();
                to_all.iter().for_each(|run| run.apply(&message, t));
            },
            move |failure| failed.iter().for_each(|run| run.error.set(Some(failure.clone()))),
        );
        let trainer = match spawned {
            Ok(t) => Some(t),
            Err(e) => {
                runs.iter().for_each(|run| run.error.set(Some(e.clone())));
                None
            }
        };
        let inner = StoredValue::new_local(trainer);
        // Leaving the lesson terminates the worker, which frees the model and the digits.
        on_cleanup(move || inner.update_value(|t| *t = None));
        (runs, Worker { inner })
    }
    #[cfg(not(target_arch = "wasm32"))]
    (runs, Worker {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::train::StepStats;

    #[test]
    fn reports_fill_the_signals_and_stale_ones_are_ignored() {
        let owner = Owner::new();
        owner.with(|| {
            let run = Run::new();
            let id = run.next_id();
            let step = StepStats {
                step: 1,
                epoch: 0,
                loss: 2.3,
                accuracy: 0.1,
                examples: 32,
                learning_rate: 0.01,
                trace: None,
            };
            let progress = |run_id, playing| FromWorker::Progress {
                run: run_id,
                lane: 0,
                steps: vec![step.clone()],
                steps_done: 1,
                total_steps: 10,
                epoch: 0,
                examples_per_second: 900.0,
                mean_examples_per_second: 900.0,
                ms_per_step: 35.0,
                playing,
            };
            run.phase.set(Phase::Running);
            run.apply(&progress(id, true), 100.0);
            run.apply(&progress(id, true), 150.0);
            run.apply(&progress(id + 7, true), 160.0);
            assert_eq!(run.losses.get_untracked(), [2.3, 2.3]);
            assert_eq!(run.elapsed_ms.get_untracked(), 50.0);
            run.apply(&progress(id, false), 200.0);
            assert_eq!(run.phase.get_untracked(), Phase::Paused);
            run.apply(&FromWorker::Diverged { run: id, lane: 1, step: 9 }, 290.0);
            assert_eq!(run.phase.get_untracked(), Phase::Paused, "another lane's report");
            run.apply(&FromWorker::Diverged { run: id, lane: 0, step: 4 }, 300.0);
            assert_eq!(run.phase.get_untracked(), Phase::Diverged(4));
            let next = run.next_id();
            assert_eq!(next, id + 1);
            assert!(run.losses.get_untracked().is_empty());
            assert_eq!(run.phase.get_untracked(), Phase::Idle);
        });
    }
}
