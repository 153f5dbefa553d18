//! What the page knows about the lesson's job: one value, [`JobState`], folded from the
//! worker's reports and written by nothing else. Lessons read it through a [`Job`] handle (or a
//! [`Lane`] of it) and derive what they show; they act only by sending commands.
//!
//! `use_job` also owns the worker for the lesson's lifetime: leaving the lesson terminates the
//! worker and frees its memory.

use engine::backend::Backend;
use engine::conv::Volume;
use engine::data::Part;
use engine::selection::CandidateScore;
use engine::tasks::{Answer, GanStep, Judged, Samples, TaskReport};
use engine::train::{Evaluation, GradientReport, Kernels, LayerTrace};
use leptos::prelude::*;

use super::protocol::{Command, FromWorker, Job as JobSpec, Report, RunId, ToWorker, WorkerError};

/// Where a lane stands, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// No run yet (or it was reset).
    #[default]
    Idle,
    Running,
    Paused,
    Finished,
    /// The loss exploded at this step.
    Diverged(usize),
}

impl Phase {
    /// Whether the run has ended, one way or the other.
    pub fn ended(self) -> bool {
        matches!(self, Phase::Finished | Phase::Diverged(_))
    }
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

/// One lane of the job: one run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LaneState {
    pub phase: Phase,
    pub steps_done: usize,
    pub total_steps: usize,
    pub steps_per_epoch: usize,
    pub epoch: usize,
    pub params: usize,
    /// Per-step training loss and batch accuracy (NaN where a task has no accuracy).
    pub losses: Vec<f32>,
    pub accuracies: Vec<f32>,
    /// The learning rate of every step (after any schedule).
    pub learning_rates: Vec<f32>,
    /// Every traced step: its number and each hidden layer's summary.
    pub traces: Vec<(usize, Vec<LayerTrace>)>,
    /// Every traced step: its number and its gradient sizes.
    pub gradients: Vec<(usize, GradientReport)>,
    /// A GAN's two sides, step by step.
    pub gan: Vec<GanStep>,
    pub scores: Vec<Score>,
    /// The latest full evaluation of each part.
    pub evaluations: Vec<Evaluation>,
    pub kernels: Option<Kernels>,
    pub maps: Option<(usize, Volume)>,
    pub prediction: Option<Vec<f32>>,
    /// The class picked for each digit of the latest `Query::Classify`.
    pub classes: Option<Vec<usize>>,
    /// The latest model file the worker wrote, numbered so that each new one can be told apart.
    pub model_file: Option<(usize, std::sync::Arc<Vec<u8>>)>,
    /// The model's parameters were loaded from a file.
    pub loaded: bool,
    /// The phase timers measured so far: the path (`true`: fused blocks) and the phases.
    pub phases: Vec<(bool, engine::train::phases::Phases)>,
    pub generated: Option<Vec<Vec<f32>>>,
    pub written: Option<String>,
    /// Learned character vectors: the closest to a chosen one, and the map of frequent ones.
    pub neighbours: Option<Vec<engine::tasks::Closeness>>,
    pub map: Option<Vec<engine::tasks::MapPoint>>,
    /// A recurrent model's loss as its `W_hh` is scaled, and `W_hh`'s largest singular value.
    pub surface: Option<engine::tasks::AlongRecurrence>,
    /// A tagger's reading of a sentence.
    pub tagged: Option<engine::tasks::Tagged>,
    /// A text model's step-by-step reading of a sequence.
    pub reading: Option<engine::tasks::Reading>,
    /// Test accuracy on clean and moved digits, one pass and fused.
    pub robustness: Option<engine::tasks::Robustness>,
    /// Test accuracy at several digit sizes.
    pub scales: Option<Vec<engine::tasks::ScaleScore>>,
    /// What a transferred model carries (weight changes, frozen layers, pseudo-labels).
    pub transfer: Option<engine::tasks::Transferred>,
    /// The latest thing the task showed of itself (samples, sample text).
    pub task: Option<TaskReport>,
    /// A judged generator's scores over the run: steps done, running time (ms) and the verdict.
    pub judged: Vec<(usize, f64, Judged)>,
    /// The kept best model's epoch and its evaluation, once asked for.
    pub best: Option<(usize, Evaluation)>,
    /// A search's finished trials, in order.
    pub trials: Vec<engine::search::Trial>,
    /// A study's scores, one per candidate and epoch.
    pub candidates: Vec<CandidateScore>,
    /// The name the lane's model was kept under, once it was.
    pub kept: Option<String>,
    /// Examples per second and milliseconds per step over the last report.
    pub speed: (f32, f32),
    /// Examples per second over the whole run (training time only).
    pub mean_speed: f32,
    /// Wall-clock milliseconds spent running (not paused), measured on the page.
    pub elapsed_ms: f64,
    last_report_ms: Option<f64>,
}

impl LaneState {
    /// The latest score on `part`, if any.
    pub fn latest_score(&self, part: Part) -> Option<Score> {
        self.scores.iter().rev().find(|s| s.part == part).copied()
    }

    /// The share of the run's steps done, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total_steps == 0 { 0.0 } else { self.steps_done as f64 / self.total_steps as f64 }
    }

    /// The latest evaluation of `part`, if any.
    pub fn evaluation(&self, part: Part) -> Option<&Evaluation> {
        self.evaluations.iter().find(|e| e.part == part)
    }

    /// Seconds left at the pace so far, while it can be estimated.
    /// A text task's latest report.
    pub fn text(&self) -> Option<&engine::tasks::TextReport> {
        match &self.task {
            Some(TaskReport::Text(r)) => Some(r),
            _ => None,
        }
    }

    pub fn seconds_left(&self) -> Option<f64> {
        let (done, total) = (self.steps_done, self.total_steps);
        (done > 0 && total > done && self.elapsed_ms > 0.0)
            .then(|| (total - done) as f64 * self.elapsed_ms / done as f64 / 1000.0)
    }

    fn apply(&mut self, body: &Report, now_ms: f64) {
        match body {
            Report::Started { total_steps, steps_per_epoch, params, playing } => {
                *self = LaneState {
                    total_steps: *total_steps,
                    steps_per_epoch: *steps_per_epoch,
                    params: *params,
                    phase: if *playing { Phase::Running } else { Phase::Paused },
                    ..LaneState::default()
                };
                self.last_report_ms = playing.then_some(now_ms);
                // One allocation per run for what grows every step: the page's memory is not
                // fragmented by vectors doubling over and over through a long session.
                let steps = (*total_steps).min(1 << 16);
                self.losses.reserve_exact(steps);
                self.accuracies.reserve_exact(steps);
                self.learning_rates.reserve_exact(steps);
            }
            Report::Playing(playing) if !self.phase.ended() => {
                self.phase = if *playing { Phase::Running } else { Phase::Paused };
                self.last_report_ms = playing.then_some(now_ms);
            }
            Report::Progress {
                steps,
                steps_done,
                total_steps,
                epoch,
                examples_per_second,
                mean_examples_per_second,
                ms_per_step,
            } => {
                self.mean_speed = *mean_examples_per_second;
                self.losses.extend(steps.iter().map(|s| s.loss));
                self.accuracies.extend(steps.iter().map(|s| s.accuracy.unwrap_or(f32::NAN)));
                self.learning_rates.extend(steps.iter().map(|s| s.learning_rate as f32));
                self.traces.extend(steps.iter().filter_map(|s| Some((s.step, s.trace.clone()?))));
                self.gradients.extend(steps.iter().filter_map(|s| Some((s.step, s.gradients.clone()?))));
                self.gan.extend(steps.iter().filter_map(|s| s.gan));
                self.steps_done = *steps_done;
                self.total_steps = *total_steps;
                self.epoch = *epoch;
                self.speed = (*examples_per_second, *ms_per_step);
                if let Some(last) = self.last_report_ms {
                    self.elapsed_ms += (now_ms - last).min(1000.0);
                }
                if self.phase == Phase::Running {
                    self.last_report_ms = Some(now_ms);
                }
            }
            Report::Evaluated { steps_done, epoch, evaluation } => {
                self.scores.push(Score {
                    steps_done: *steps_done,
                    epoch: *epoch,
                    part: evaluation.part,
                    accuracy: evaluation.accuracy,
                    loss: evaluation.loss,
                });
                self.evaluations.retain(|x| x.part != evaluation.part);
                self.evaluations.push(evaluation.clone());
            }
            Report::BestEvaluated { epoch, evaluation } => self.best = Some((*epoch, evaluation.clone())),
            Report::StudyProgress { steps_done, total_steps, scores } => {
                self.steps_done = *steps_done;
                self.total_steps = *total_steps;
                self.candidates.extend(scores.iter().copied());
            }
            Report::Answer(answer) => match answer {
                Answer::Probabilities(p) => self.prediction = Some(p.clone()),
                Answer::FeatureMaps { index, maps } => self.maps = Some((*index, maps.clone())),
                Answer::Kernels(k) => self.kernels = Some(k.clone()),
                Answer::Classes(c) => self.classes = Some(c.clone()),
                Answer::ModelFile(bytes) => {
                    let number = self.model_file.as_ref().map_or(1, |(n, _)| n + 1);
                    self.model_file = Some((number, std::sync::Arc::new(bytes.clone())));
                }
                Answer::Generated(g) => self.generated = Some(g.clone()),
                Answer::Written(w) => self.written = Some(w.clone()),
                Answer::Robustness(r) => self.robustness = Some(*r),
                Answer::Transfer(t) => self.transfer = Some(t.clone()),
                Answer::Scales(s) => self.scales = Some(s.clone()),
                Answer::Read(r) => self.reading = Some(r.clone()),
                Answer::Neighbours(n) => self.neighbours = Some(n.clone()),
                Answer::AlongRecurrence(s) => self.surface = Some(s.clone()),
                Answer::Map(m) => self.map = Some(m.clone()),
                Answer::Tagged(t) => self.tagged = Some(t.clone()),
            },
            Report::Task(report) => {
                if let TaskReport::Gan(Samples::Digits { judged: Some(j), .. }) = report {
                    self.judged.push((self.steps_done, self.elapsed_ms, j.clone()));
                }
                self.task = Some(report.clone());
            }
            Report::Kept { name } => self.kept = Some(name.clone()),
            Report::Loaded => self.loaded = true,
            Report::Phases { fused, phases } => self.phases.push((*fused, phases.clone())),
            Report::Trial(trial) => {
                self.steps_done = trial.spent;
                self.trials.push(trial.clone());
            }
            Report::Finished => {
                self.phase = Phase::Finished;
                self.last_report_ms = None;
            }
            Report::Diverged { step } => {
                self.phase = Phase::Diverged(*step);
                self.last_report_ms = None;
            }
            _ => {}
        }
    }
}

/// Everything the page knows about its worker and its job.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobState {
    /// The worker has loaded its data.
    pub ready: bool,
    pub backends: Vec<Backend>,
    /// The run the lanes belong to.
    pub run: RunId,
    pub lanes: Vec<LaneState>,
    /// The latest error the worker reported, until the next run.
    pub error: Option<WorkerError>,
}

impl JobState {
    /// Folds one report in. Reports of an older run are ignored; the first report of a newer run
    /// starts from empty lanes.
    pub fn apply(&mut self, message: &FromWorker, now_ms: f64) {
        if let Report::Ready { backends } = &message.body {
            self.ready = true;
            self.backends = backends.clone();
            return;
        }
        if let Report::Error(e) = &message.body
            && e.ends_worker()
        {
            // The worker is gone or has nothing to train on: nothing can start until a restart.
            self.ready = false;
            self.error = Some(e.clone());
            return;
        }
        if message.run < self.run {
            return;
        }
        if message.run > self.run {
            self.run = message.run;
            self.lanes.clear();
            self.error = None;
        }
        match &message.body {
            Report::Cleared => {
                self.lanes.clear();
                self.error = None;
            }
            Report::Error(e) => self.error = Some(e.clone()),
            body => {
                if self.lanes.len() <= message.lane {
                    self.lanes.resize_with(message.lane + 1, LaneState::default);
                }
                self.lanes[message.lane].apply(body, now_ms);
            }
        }
    }

    /// Lane `i`, or an empty one.
    pub fn lane(&self, i: usize) -> &LaneState {
        static EMPTY: std::sync::OnceLock<LaneState> = std::sync::OnceLock::new();
        self.lanes.get(i).unwrap_or_else(|| EMPTY.get_or_init(LaneState::default))
    }
}

/// Each lane's latest validation score as (accuracy, step), as a memo: views built from it are
/// rebuilt when a score arrives, not on each of the many reports a second.
pub fn latest_validation(lanes: &[Lane]) -> Memo<Vec<Option<(f32, usize)>>> {
    let lanes = lanes.to_vec();
    Memo::new(move |_| {
        lanes.iter().map(|l| l.with(|s| s.latest_score(Part::Validation).map(|x| (x.accuracy, x.steps_done)))).collect()
    })
}

/// The lesson's handle on its job: read the state, send commands. `Copy`, so controls and
/// charts can capture it.
#[derive(Clone, Copy)]
pub struct Job {
    state: RwSignal<JobState>,
    worker: Worker,
    /// The last run this page started (the worker tags its reports with it).
    current: StoredValue<RunId>,
}

impl Job {
    /// Reads the whole state (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&JobState) -> T) -> T {
        self.state.with(f)
    }

    pub fn lane(&self, index: usize) -> Lane {
        Lane { job: *self, index }
    }

    pub fn lanes(&self, n: usize) -> Vec<Lane> {
        (0..n).map(|i| self.lane(i)).collect()
    }

    /// Whether the worker is ready (tracked).
    pub fn ready(&self) -> bool {
        self.state.with(|s| s.ready)
    }

    /// The latest error, if any (tracked).
    pub fn error(&self) -> Option<WorkerError> {
        self.state.with(|s| s.error.clone())
    }

    /// Starts a new job (the worker drops the old one); returns its run number.
    pub fn start(&self, job: JobSpec) -> RunId {
        let run = RunId(self.current.get_value().0 + 1);
        self.current.set_value(run);
        self.worker.send(ToWorker { run, lane: None, command: Command::Start(job) });
        run
    }

    /// Sends a command to every lane of the current job.
    pub fn send(&self, command: Command) {
        self.worker.send(ToWorker { run: self.current.get_value(), lane: None, command });
    }

    /// Sends a command to one lane of the current job.
    pub fn send_to(&self, lane: usize, command: Command) {
        self.worker.send(ToWorker { run: self.current.get_value(), lane: Some(lane), command });
    }

    /// Drops the job.
    pub fn reset(&self) {
        self.send(Command::Reset);
    }
}

/// One lane of a job.
#[derive(Clone, Copy)]
pub struct Lane {
    job: Job,
    index: usize,
}

impl Lane {
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn job(&self) -> Job {
        self.job
    }

    /// Reads the lane (tracked; an empty lane before the run starts).
    pub fn with<T>(&self, f: impl FnOnce(&LaneState) -> T) -> T {
        let i = self.index;
        self.job.state.with(|s| f(s.lane(i)))
    }

    /// Reads the lane without tracking.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&LaneState) -> T) -> T {
        let i = self.index;
        self.job.state.with_untracked(|s| f(s.lane(i)))
    }

    /// Something derived from the lane, recomputed on every report but passed on only when it
    /// changes (charts redraw only when their data do).
    pub fn memo<T: PartialEq + Clone + Send + Sync + 'static>(
        &self,
        f: impl Fn(&LaneState) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let lane = *self;
        Memo::new(move |_| lane.with(&f))
    }

    pub fn phase(&self) -> Phase {
        self.with(|l| l.phase)
    }

    pub fn phase_untracked(&self) -> Phase {
        self.with_untracked(|l| l.phase)
    }

    /// Sends a command to this lane only.
    pub fn send(&self, command: Command) {
        self.job.send_to(self.index, command);
    }
}

/// A handle on the lesson's worker.
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

impl Job {
    /// Whether the latest error ended the worker ([`WorkerError::ends_worker`]), so that only a
    /// new worker can go on (tracked).
    pub fn fatal(&self) -> bool {
        self.state.with(|s| s.error.as_ref().is_some_and(WorkerError::ends_worker))
    }

    /// Terminates the worker and starts a fresh one (after a crash, or to retry loading the data).
    /// The lesson's controls are untouched; its runs start again from empty lanes.
    pub fn restart(&self) {
        // Later commands carry a higher run number than anything the old worker sent.
        self.current.update_value(|r| r.0 += 1);
        let run = self.current.get_value();
        self.state.set(JobState { run, ..JobState::default() });
        #[cfg(target_arch = "wasm32")]
        {
            self.worker.inner.update_value(|t| *t = None);
            let trainer = spawn(self.state);
            self.worker.inner.update_value(|t| *t = trainer);
        }
    }
}

/// Progress reports arrive up to about 30 times a second; the page redraws for them at most this
/// often (every other report at once). Each report is still folded in as it arrives.
#[cfg(target_arch = "wasm32")]
const REDRAW_EVERY_MS: f64 = 100.0;

/// When the page last redrew for the job's reports, and whether a redraw is already scheduled.
#[cfg(target_arch = "wasm32")]
#[derive(Default)]
struct Redraws {
    last_ms: std::cell::Cell<f64>,
    scheduled: std::cell::Cell<bool>,
}

#[cfg(target_arch = "wasm32")]
impl Redraws {
    /// Tells `state`'s readers that it changed: at once when `urgent` or when the last time is
    /// long enough ago, else once at the end of the interval.
    fn notify(self: &std::rc::Rc<Self>, state: RwSignal<JobState>, urgent: bool, now_ms: f64) {
        use wasm_bindgen::JsCast;
        let wait = self.last_ms.get() + REDRAW_EVERY_MS - now_ms;
        if urgent || wait <= 0.0 {
            self.last_ms.set(now_ms);
            state.notify();
        } else if !self.scheduled.replace(true) {
            let me = self.clone();
            let later = wasm_bindgen::closure::Closure::once_into_js(move || {
                me.scheduled.set(false);
                if !state.is_disposed() {
                    me.last_ms.set(now_ms + wait);
                    state.notify();
                }
            });
            let window = web_sys::window();
            let set = window.map(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), wait.ceil() as i32)
            });
            if !matches!(set, Some(Ok(_))) {
                self.scheduled.set(false);
                state.notify();
            }
        }
    }
}

/// Spawns a worker whose reports and failures fold into `state`.
#[cfg(target_arch = "wasm32")]
fn spawn(state: RwSignal<JobState>) -> Option<super::client::Trainer> {
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let redraws = std::rc::Rc::new(Redraws::default());
    let spawned = super::client::Trainer::spawn(
        move |message| {
            if state.try_update_untracked(|s| s.apply(&message, now())).is_some() {
                redraws.notify(state, !matches!(message.body, Report::Progress { .. }), now());
            }
        },
        move |failure| {
            let report = FromWorker { run: RunId::default(), lane: 0, body: Report::Error(failure) };
            state.update(|s| s.apply(&report, now()))
        },
    );
    match spawned {
        Ok(t) => Some(t),
        Err(e) => {
            state.update(|s| s.error = Some(e));
            None
        }
    }
}

/// Starts a worker for this lesson and a [`Job`] that follows its reports.
pub fn use_job() -> Job {
    let state = RwSignal::new(JobState::default());
    let current = StoredValue::new(RunId::default());
    #[cfg(target_arch = "wasm32")]
    {
        let inner = StoredValue::new_local(spawn(state));
        // Leaving the lesson terminates the worker, which frees the models and the data.
        on_cleanup(move || inner.update_value(|t| *t = None));
        Job { state, worker: Worker { inner }, current }
    }
    #[cfg(not(target_arch = "wasm32"))]
    Job { state, worker: Worker {}, current }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::train::StepStats;

    fn message(run: u32, lane: usize, body: Report) -> FromWorker {
        FromWorker { run: RunId(run), lane, body }
    }

    fn progress() -> Report {
        let step = StepStats {
            step: 1,
            epoch: 0,
            loss: 2.3,
            accuracy: Some(0.1),
            examples: 32,
            learning_rate: 0.01,
            trace: None,
            gradients: None,
            gan: None,
        };
        Report::Progress {
            steps: vec![step],
            steps_done: 1,
            total_steps: 10,
            epoch: 0,
            examples_per_second: 900.0,
            mean_examples_per_second: 900.0,
            ms_per_step: 35.0,
        }
    }

    #[test]
    fn reports_fold_into_the_state_and_stale_ones_are_ignored() {
        let mut s = JobState::default();
        let started = Report::Started { total_steps: 10, steps_per_epoch: 5, params: 7, playing: true };
        s.apply(&message(1, 0, started.clone()), 0.0);
        assert_eq!(s.lane(0).phase, Phase::Running);
        s.apply(&message(1, 0, progress()), 100.0);
        s.apply(&message(1, 0, progress()), 150.0);
        assert_eq!(s.lane(0).losses, [2.3, 2.3]);
        assert_eq!(s.lane(0).elapsed_ms, 150.0);
        s.apply(&message(1, 0, Report::Playing(false)), 200.0);
        assert_eq!(s.lane(0).phase, Phase::Paused);
        s.apply(&message(1, 0, progress()), 250.0);
        assert_eq!(s.lane(0).elapsed_ms, 150.0, "paused time does not count");
        s.apply(&message(1, 1, Report::Diverged { step: 9 }), 290.0);
        assert_eq!(s.lane(0).phase, Phase::Paused, "another lane's report");
        assert_eq!(s.lane(1).phase, Phase::Diverged(9));
        s.apply(&message(1, 1, Report::Playing(true)), 300.0);
        assert_eq!(s.lane(1).phase, Phase::Diverged(9), "an ended run stays ended");
        // A newer run starts from scratch; then reports of the older one are ignored.
        s.apply(&message(2, 0, started), 400.0);
        assert!(s.lane(0).losses.is_empty() && s.lanes.len() == 1);
        s.apply(&message(1, 0, progress()), 500.0);
        assert!(s.lane(0).losses.is_empty());
        s.apply(&message(2, 0, Report::Error(WorkerError::NoRun)), 600.0);
        assert_eq!(s.error, Some(WorkerError::NoRun));
        s.apply(&message(2, 0, Report::Cleared), 700.0);
        assert!(s.lanes.is_empty() && s.error.is_none());
        assert_eq!(s.lane(3).phase, Phase::Idle, "a lane that does not exist reads as idle");
    }
}
