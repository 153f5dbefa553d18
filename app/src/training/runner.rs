//! The worker's brain, free of any browser API: it holds one job at a time (any kind: runs side
//! by side, a model-selection study…), carries out the page's commands on it, and trains in
//! slices of a given time budget. The clock is passed in, so the protocol is tested natively
//! with a fake one.
//!
//! To add a job kind: a variant of [`protocol::Job`](super::protocol::Job), a type implementing
//! [`ActiveJob`], and one arm in [`Runner::start`]. The runner itself has no special cases.

use std::collections::HashMap;

use engine::backend::Backend;
use engine::data::{Assets, Part};
use engine::nn::Net;
use engine::selection::Study;
use engine::tasks::{Models, Query};
use engine::train::{Evaluation, Session, Status, StepStats, TrainConfig};

use super::protocol::{Command, FromWorker, Job, Report, RunId, ToWorker, WorkerError};

/// A report for one lane of the current job.
pub type LaneReport = (usize, Report);

/// A job the worker is running.
pub trait ActiveJob {
    /// Whether [`ActiveJob::work`] has anything to do.
    fn busy(&self) -> bool;
    /// Trains until `budget_ms` of `now()` has passed (at least one step of every busy lane)
    /// or there is nothing left to do; returns what happened.
    fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<LaneReport>;
    /// Carries out a command for one lane, or for all (`None`).
    fn handle(&mut self, lane: Option<usize>, command: Command, kept: &mut Kept) -> Vec<LaneReport>;
}

/// Models kept under a name for as long as the worker lives.
#[derive(Default)]
pub struct Kept(HashMap<String, Net>);

impl Models for Kept {
    fn get(&self, name: &str) -> Option<&Net> {
        self.0.get(name)
    }
}

/// Hosts one job at a time, the data it trains on and the models kept so far.
pub struct Runner {
    assets: Assets,
    job: Option<(RunId, Box<dyn ActiveJob>)>,
    kept: Kept,
}

impl Runner {
    pub fn new(assets: Assets) -> Self {
        Self { assets, job: None, kept: Kept::default() }
    }

    /// The first message the page receives.
    pub fn ready(&self) -> FromWorker {
        FromWorker { run: RunId::default(), lane: 0, body: Report::Ready { backends: Backend::available() } }
    }

    pub fn busy(&self) -> bool {
        self.job.as_ref().is_some_and(|(_, j)| j.busy())
    }

    /// Carries out one command; returns the replies.
    pub fn handle(&mut self, message: ToWorker) -> Vec<FromWorker> {
        let ToWorker { run, lane, command } = message;
        let replies = match command {
            Command::Start(job) => self.start(job, &run),
            Command::Reset => {
                self.job = None;
                vec![(0, Report::Cleared)]
            }
            command => match self.job.as_mut() {
                Some((current, job)) if *current == run => job.handle(lane, command, &mut self.kept),
                // A command for an older run: the page has moved on.
                Some(_) => vec![],
                None => vec![(0, Report::Error(WorkerError::NoRun))],
            },
        };
        replies.into_iter().map(|(lane, body)| FromWorker { run, lane, body }).collect()
    }

    /// Replaces the job; frees the old one before anything new is built.
    fn start(&mut self, job: Job, run: &RunId) -> Vec<LaneReport> {
        self.job = None;
        let built: Result<(Box<dyn ActiveJob>, Vec<LaneReport>), engine::train::ConfigError> = match job {
            Job::Train { configs, play, eval_every, parts, keep_best } => {
                Lanes::new(configs, &self.assets, &self.kept, play, eval_every, parts, keep_best)
                    .map(|(j, r)| (Box::new(j) as Box<dyn ActiveJob>, r))
            }
            Job::Study { candidates, play } => {
                StudyJob::new(candidates, &self.assets, play).map(|(j, r)| (Box::new(j) as Box<dyn ActiveJob>, r))
            }
            Job::Search { searches, play } => super::search::SearchJob::new(searches, &self.assets, play)
                .map(|(j, r)| (Box::new(j) as Box<dyn ActiveJob>, r)),
            Job::Phases => PhasesJob::new(&self.assets).map(|(j, r)| (Box::new(j) as Box<dyn ActiveJob>, r)),
        };
        match built {
            Ok((job, replies)) => {
                self.job = Some((*run, job));
                replies
            }
            Err(e) => vec![(0, Report::Error(WorkerError::Config(e)))],
        }
    }

    /// Trains for about `budget_ms` and returns the reports.
    pub fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<FromWorker> {
        let Some((run, job)) = self.job.as_mut() else { return vec![] };
        if !job.busy() {
            return vec![];
        }
        let run = *run;
        job.work(now, budget_ms).into_iter().map(|(lane, body)| FromWorker { run, lane, body }).collect()
    }
}

/// Runs trained side by side, one step of each in turn (one lane for most lessons).
struct Lanes {
    lanes: Vec<Lane>,
}

/// One run and how it is being driven.
struct Lane {
    session: Session,
    playing: bool,
    /// Steps still owed to `Step` commands.
    pending: usize,
    eval_every: usize,
    parts: Vec<Part>,
    /// Whether the end of the run (finished or diverged) has been reported.
    ended: bool,
    /// With `keep_best`: the epoch, validation accuracy and model of the best epoch so far.
    best: Option<Option<(usize, f32, Net)>>,
    /// Examples trained and milliseconds spent training (evaluations excluded), over the run.
    examples: usize,
    train_ms: f64,
}

/// What one lane did during one slice of work.
#[derive(Default)]
struct Slice {
    steps: Vec<StepStats>,
    train_ms: f64,
    reports: Vec<Report>,
}

impl Lanes {
    fn new(
        configs: Vec<TrainConfig>,
        assets: &Assets,
        kept: &Kept,
        play: bool,
        eval_every: usize,
        parts: Vec<Part>,
        keep_best: bool,
    ) -> Result<(Self, Vec<LaneReport>), engine::train::ConfigError> {
        let mut lanes = Vec::with_capacity(configs.len());
        let mut replies = Vec::new();
        for (i, config) in configs.into_iter().enumerate() {
            let session = Session::with_models(config, assets, kept)?;
            replies.push((
                i,
                Report::Started {
                    total_steps: session.total_steps(),
                    steps_per_epoch: session.steps_per_epoch(),
                    params: session.params(),
                    playing: play,
                },
            ));
            replies.extend(kernels(&session).map(|r| (i, r)));
            replies.extend(session.report().map(|r| (i, Report::Task(r))));
            // A run started paused is a preview: its charts show the untrained network's first
            // evaluation, the state training starts from.
            if !play {
                for part in std::iter::once(Part::Validation).chain(parts.iter().copied()) {
                    let evaluation = session.evaluate(part);
                    if evaluation.count > 0 {
                        replies.push((i, Report::Evaluated { steps_done: 0, epoch: 0, evaluation }));
                    }
                }
            }
            lanes.push(Lane {
                session,
                playing: play,
                pending: 0,
                eval_every,
                parts: parts.clone(),
                ended: false,
                best: keep_best.then_some(None),
                examples: 0,
                train_ms: 0.0,
            });
        }
        Ok((Lanes { lanes }, replies))
    }
}

impl ActiveJob for Lanes {
    fn busy(&self) -> bool {
        self.lanes.iter().any(Lane::busy)
    }

    fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<LaneReport> {
        let start = now();
        let mut slices: Vec<Slice> = self.lanes.iter().map(|_| Slice::default()).collect();
        loop {
            for (lane, slice) in self.lanes.iter_mut().zip(&mut slices) {
                if lane.busy() {
                    lane.step(now, slice);
                }
            }
            if !self.busy() || now() - start >= budget_ms {
                break;
            }
        }
        self.lanes
            .iter_mut()
            .zip(slices)
            .enumerate()
            .filter(|(_, (_, s))| !s.steps.is_empty() || !s.reports.is_empty())
            .flat_map(|(i, (lane, slice))| lane.report(slice).into_iter().map(move |r| (i, r)))
            .collect()
    }

    fn handle(&mut self, lane: Option<usize>, command: Command, kept: &mut Kept) -> Vec<LaneReport> {
        let Some(chosen) = chosen_lanes(lane, self.lanes.len()) else {
            return vec![(0, Report::Error(WorkerError::NoRun))];
        };
        chosen
            .into_iter()
            .flat_map(|i| self.lanes[i].handle(command.clone(), kept).into_iter().map(move |r| (i, r)))
            .collect()
    }
}

/// The lanes a command is for: `lane`, or all `count` of them; `None` if `lane` does not exist.
pub(super) fn chosen_lanes(lane: Option<usize>, count: usize) -> Option<Vec<usize>> {
    match lane {
        Some(i) if i < count => Some(vec![i]),
        Some(_) => None,
        None => Some((0..count).collect()),
    }
}

/// The first convolution's kernels, as an unprompted answer (the lessons draw them).
fn kernels(session: &Session) -> Option<Report> {
    session.query(&Query::Kernels).ok().map(Report::Answer)
}

impl Lane {
    fn busy(&self) -> bool {
        (self.playing || self.pending > 0) && self.session.status() == Status::Training
    }

    /// One training step, and the evaluations it is due.
    fn step(&mut self, now: &mut dyn FnMut() -> f64, slice: &mut Slice) {
        let epoch = self.session.epoch();
        let t0 = now();
        slice.steps.extend(self.session.train(1));
        slice.train_ms += now() - t0;
        self.pending = self.pending.saturating_sub(1);
        let done = self.session.steps_done();
        let epoch_ended = self.session.epoch() > epoch;
        if epoch_ended || (self.eval_every > 0 && done.is_multiple_of(self.eval_every)) {
            let validation = self.session.evaluate(Part::Validation);
            if epoch_ended {
                self.keep_if_best(validation.accuracy);
            }
            slice.reports.push(self.evaluated(validation));
            if epoch_ended {
                for &part in &self.parts {
                    let e = self.session.evaluate(part);
                    slice.reports.push(self.evaluated(e));
                }
            }
            slice.reports.extend(kernels(&self.session));
            slice.reports.extend(self.session.report().map(Report::Task));
        }
    }

    /// Progress, then the slice's evaluations, then the end of the run if it came.
    fn report(&mut self, slice: Slice) -> Vec<Report> {
        let examples: usize = slice.steps.iter().map(|s| s.examples).sum();
        let n = slice.steps.len();
        self.examples += examples;
        self.train_ms += slice.train_ms;
        let rate = |examples: usize, ms: f64| if ms > 0.0 { (examples as f64 * 1000.0 / ms) as f32 } else { 0.0 };
        let mut out = vec![Report::Progress {
            steps: slice.steps,
            steps_done: self.session.steps_done(),
            total_steps: self.session.total_steps(),
            epoch: self.session.epoch(),
            examples_per_second: rate(examples, slice.train_ms),
            mean_examples_per_second: rate(self.examples, self.train_ms),
            ms_per_step: if n > 0 { (slice.train_ms / n as f64) as f32 } else { 0.0 },
        }];
        out.extend(slice.reports);
        out.extend(self.end_report());
        out
    }

    fn evaluated(&self, evaluation: Evaluation) -> Report {
        Report::Evaluated { steps_done: self.session.steps_done(), epoch: self.session.epoch(), evaluation }
    }

    /// Keeps the current model aside if its validation accuracy beats the best so far.
    fn keep_if_best(&mut self, accuracy: f32) {
        if let Some(best) = self.best.as_mut()
            && best.as_ref().is_none_or(|(_, a, _)| accuracy > *a)
        {
            *best = Some((self.session.epoch(), accuracy, self.session.model().clone()));
        }
    }

    fn handle(&mut self, command: Command, kept: &mut Kept) -> Vec<Report> {
        let error = |e: engine::train::ConfigError| vec![Report::Error(WorkerError::Config(e))];
        match command {
            Command::Play => {
                self.playing = self.session.status() == Status::Training;
                vec![Report::Playing(self.playing)]
            }
            Command::Pause => {
                self.playing = false;
                self.pending = 0;
                vec![Report::Playing(false)]
            }
            Command::Step(steps) => {
                self.playing = false;
                self.pending += steps;
                vec![Report::Playing(false)]
            }
            Command::SetLearningRate(lr) => self.session.set_learning_rate(lr).map_or_else(error, |_| vec![]),
            Command::SetBatchSize(b) => self.session.set_batch_size(b).map_or_else(error, |_| vec![]),
            Command::SetOptimizer(o) => {
                self.session.set_optimizer(o);
                vec![]
            }
            Command::SetEpochs(e) => match self.session.set_epochs(e) {
                Ok(()) if self.session.status() == Status::Training && self.ended => {
                    // A finished run that was extended: it can be played again.
                    self.ended = false;
                    vec![Report::Playing(false)]
                }
                Ok(()) => self.end_report().into_iter().collect(),
                Err(e) => error(e),
            },
            Command::SetFrozen { layer, frozen } => {
                self.session.set_frozen(layer, frozen);
                vec![]
            }
            Command::Evaluate(part) => vec![self.evaluated(self.session.evaluate(part))],
            Command::EvaluateBest(part) => match self.best.as_ref().and_then(Option::as_ref) {
                Some((epoch, _, model)) => {
                    vec![Report::BestEvaluated { epoch: *epoch, evaluation: self.session.evaluate_model(model, part) }]
                }
                None => vec![Report::Error(WorkerError::NothingKept)],
            },
            Command::Query(query) => vec![match self.session.query(&query) {
                Ok(answer) => Report::Answer(answer),
                Err(e) => Report::Error(WorkerError::Query(e)),
            }],
            Command::Keep { name } => {
                kept.0.insert(name.clone(), self.session.model().clone());
                vec![Report::Kept { name }]
            }
            Command::Load(bytes) => match self.session.load_model(&bytes) {
                Ok(()) => {
                    let validation = self.session.evaluate(Part::Validation);
                    let mut out = vec![Report::Loaded, self.evaluated(validation)];
                    out.extend(kernels(&self.session));
                    out
                }
                Err(e) => vec![Report::Error(WorkerError::Model(e))],
            },
            Command::Start(_) | Command::Reset => unreachable!("handled by the runner"),
        }
    }

    /// `Finished` or `Diverged`, once.
    fn end_report(&mut self) -> Option<Report> {
        let report = match self.session.status() {
            Status::Training => return None,
            Status::Finished => Report::Finished,
            Status::Diverged { step } => Report::Diverged { step },
        };
        if self.ended {
            return None;
        }
        self.ended = true;
        self.playing = false;
        Some(report)
    }
}

/// A model-selection study and how it is being driven.
struct StudyJob {
    study: Study,
    playing: bool,
    ended: bool,
}

impl StudyJob {
    fn new(
        candidates: Vec<TrainConfig>,
        assets: &Assets,
        play: bool,
    ) -> Result<(Self, Vec<LaneReport>), engine::train::ConfigError> {
        let study = Study::new(candidates, assets)?;
        let reply = Report::StudyProgress { steps_done: 0, total_steps: study.total_steps(), scores: vec![] };
        let started =
            Report::Started { total_steps: study.total_steps(), steps_per_epoch: 0, params: 0, playing: play };
        Ok((Self { study, playing: play, ended: false }, vec![(0, started), (0, reply)]))
    }
}

impl ActiveJob for StudyJob {
    fn busy(&self) -> bool {
        self.playing && !self.study.finished()
    }

    fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<LaneReport> {
        let start = now();
        let mut scores = Vec::new();
        while !self.study.finished() {
            scores.extend(self.study.train(1));
            if now() - start >= budget_ms {
                break;
            }
        }
        let (steps_done, total_steps) = (self.study.steps_done(), self.study.total_steps());
        let mut out = vec![(0, Report::StudyProgress { steps_done, total_steps, scores })];
        if self.study.finished() && !self.ended {
            self.ended = true;
            self.playing = false;
            out.push((0, Report::Finished));
        }
        out
    }

    fn handle(&mut self, _lane: Option<usize>, command: Command, _kept: &mut Kept) -> Vec<LaneReport> {
        match command {
            Command::Play | Command::Pause => {
                self.playing = command == Command::Play && !self.study.finished();
                vec![(0, Report::Playing(self.playing))]
            }
            Command::EvaluateBest(_) => vec![(0, Report::Error(WorkerError::NothingKept))],
            _ => vec![],
        }
    }
}

/// The phase timers (`engine::train::phases`) here in the worker, where the lessons train:
/// burn's path, then the fused blocks, one report each.
struct PhasesJob {
    data: std::sync::Arc<engine::mnist::Mnist>,
    /// The path to time next (`true`: the fused blocks), until both are done.
    next: Option<bool>,
}

impl PhasesJob {
    fn new(assets: &Assets) -> Result<(Self, Vec<LaneReport>), engine::train::ConfigError> {
        let data = assets.digits.clone().ok_or(engine::train::ConfigError::DataMissing(engine::data::Asset::Digits))?;
        let started = Report::Started { total_steps: 2, steps_per_epoch: 0, params: 0, playing: true };
        Ok((Self { data, next: Some(false) }, vec![(0, started)]))
    }
}

impl ActiveJob for PhasesJob {
    fn busy(&self) -> bool {
        self.next.is_some()
    }

    /// Times one path whatever the budget: a tool, not a lesson, so a few seconds without
    /// listening are fine.
    fn work(&mut self, now: &mut dyn FnMut() -> f64, _budget_ms: f64) -> Vec<LaneReport> {
        let Some(fused) = self.next else { return vec![] };
        let device = Backend::Flex.training_device().expect("flex is always built");
        let phases = engine::train::phases::measure(&self.data, &device, fused, now);
        self.next = (!fused).then_some(true);
        let mut out = vec![(0, Report::Phases { fused, phases })];
        if self.next.is_none() {
            out.push((0, Report::Finished));
        }
        out
    }

    fn handle(&mut self, _lane: Option<usize>, _command: Command, _kept: &mut Kept) -> Vec<LaneReport> {
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use engine::data::SplitSpec;
    use engine::mnist::{Mnist, PIXELS};
    use engine::nn::Stack;
    use engine::tasks::{Answer, DigitsTask, QueryError, Start, TaskSpec};
    use engine::train::{ConfigError, Optimizer};

    fn assets() -> Assets {
        Assets::digits(Arc::new(Mnist::bars(120, 20, 1)))
    }

    fn config() -> TrainConfig {
        let split = SplitSpec { train: 80, validation: 20, test: 20, holdout: 0 };
        TrainConfig {
            batch_size: 10,
            epochs: 2,
            ..TrainConfig::digits(DigitsTask::new(
                Stack::digits("conv:4:3,relu,pool:2,flatten,dense:10").unwrap(),
                split,
            ))
        }
    }

    /// A clock that advances one millisecond every time it is read.
    fn clock() -> impl FnMut() -> f64 {
        let mut t = 0.0;
        move || {
            t += 1.0;
            t
        }
    }

    fn send(r: &mut Runner, run: u32, command: Command) -> Vec<Report> {
        r.handle(ToWorker { run: RunId(run), lane: None, command }).into_iter().map(|m| m.body).collect()
    }

    fn train(configs: Vec<TrainConfig>, play: bool, eval_every: usize, keep_best: bool) -> Command {
        Command::Start(Job::Train { configs, play, eval_every, parts: vec![Part::Test], keep_best })
    }

    #[test]
    fn the_phase_timers_time_both_paths_in_the_worker() {
        let mut r = Runner::new(assets());
        assert!(matches!(send(&mut r, 1, Command::Start(Job::Phases))[..], [Report::Started { total_steps: 2, .. }]));
        let mut tick = clock();
        let mut reports: Vec<Report> = vec![];
        while r.busy() {
            reports.extend(r.work(&mut tick, 30.0).into_iter().map(|m| m.body));
        }
        let timed: Vec<(bool, f64)> = reports
            .iter()
            .filter_map(|b| match b {
                Report::Phases { fused, phases } => {
                    phases.iter().find(|(n, _)| n == "step").map(|(_, ms)| (*fused, *ms))
                }
                _ => None,
            })
            .collect();
        assert_eq!(timed.iter().map(|t| t.0).collect::<Vec<_>>(), [false, true], "burn's path, then the fused blocks");
        assert!(timed.iter().all(|t| t.1 > 0.0), "{timed:?}");
        assert_eq!(reports.last(), Some(&Report::Finished));
        let mut empty = Runner::new(Assets::default());
        assert_eq!(
            send(&mut empty, 1, Command::Start(Job::Phases)),
            [Report::Error(WorkerError::Config(ConfigError::DataMissing(engine::data::Asset::Digits)))]
        );
    }

    #[test]
    fn start_step_pause_play_and_finish() {
        let mut r = Runner::new(assets());
        assert!(matches!(r.ready().body, Report::Ready { backends } if backends.contains(&Backend::Flex)));
        let replies = send(&mut r, 1, train(vec![config()], false, 3, true));
        assert!(matches!(replies[0], Report::Started { total_steps: 16, steps_per_epoch: 8, playing: false, .. }));
        assert!(matches!(replies[1], Report::Answer(Answer::Kernels(_))));
        assert!(!r.busy(), "started paused");
        assert_eq!(send(&mut r, 1, Command::Step(2)), [Report::Playing(false)]);
        let mut tick = clock();
        let out = r.work(&mut tick, 1000.0);
        let Report::Progress { steps, steps_done: 2, .. } = &out[0].body else { panic!("{out:?}") };
        assert_eq!(steps.len(), 2);
        assert!(!r.busy(), "a step pauses when it is paid");
        assert_eq!(send(&mut r, 1, Command::Play), [Report::Playing(true)]);
        assert!(r.busy());
        // A tight budget trains one step per slice.
        let out = r.work(&mut tick, 1.0);
        assert!(matches!(out[0].body, Report::Progress { steps_done: 3, .. }));
        assert!(
            out.iter().any(|m| matches!(m.body, Report::Evaluated { steps_done: 3, .. })),
            "every 3 steps: {out:?}"
        );
        send(&mut r, 1, Command::Pause);
        assert!(r.work(&mut tick, 1000.0).is_empty());
        send(&mut r, 1, Command::Play);
        let out = r.work(&mut tick, 1e9);
        assert!(matches!(out[0].body, Report::Progress { steps_done: 16, .. }));
        let tests = out
            .iter()
            .filter(|m| matches!(&m.body, Report::Evaluated { evaluation, .. } if evaluation.part == Part::Test))
            .count();
        assert_eq!(tests, 2, "the test part is scored at the end of each epoch");
        assert!(matches!(out.last().map(|m| &m.body), Some(Report::Finished)));
        assert!(!r.busy());
        // The best epoch by validation was kept, and its sealed test score can be revealed.
        let best = send(&mut r, 1, Command::EvaluateBest(Part::Test));
        assert!(
            matches!(&best[..], [Report::BestEvaluated { epoch: 1 | 2, evaluation }] if evaluation.part == Part::Test)
        );
        // Commands for an older run are ignored.
        assert!(send(&mut r, 0, Command::Play).is_empty());
    }

    #[test]
    fn a_study_scores_every_epoch_of_every_candidate() {
        let mut r = Runner::new(assets());
        let split = SplitSpec { train: 60, validation: 20, test: 20, holdout: 20 };
        let base = TrainConfig {
            task: TaskSpec::Digits(DigitsTask { split, ..config().digits_task().unwrap().clone() }),
            ..config()
        };
        let candidates = engine::selection::candidates(&base, &[1e-3, 1e-2], &[1]);
        let out = send(&mut r, 5, Command::Start(Job::Study { candidates, play: true }));
        assert!(matches!(out[1], Report::StudyProgress { steps_done: 0, total_steps: 24, .. }));
        let (mut scores, mut finished) = (0, false);
        let mut tick = clock();
        while r.busy() {
            for m in r.work(&mut tick, 5.0) {
                assert_eq!(m.run, RunId(5));
                match m.body {
                    Report::StudyProgress { scores: s, .. } => scores += s.len(),
                    Report::Finished => finished = true,
                    other => panic!("unexpected {other:?}"),
                }
            }
        }
        assert!(finished);
        assert_eq!(scores, 2 * 2);
        assert_eq!(send(&mut r, 5, Command::EvaluateBest(Part::Test)), [Report::Error(WorkerError::NothingKept)]);
    }

    #[test]
    fn settings_change_mid_run_and_bad_ones_are_typed_errors() {
        let mut r = Runner::new(assets());
        send(&mut r, 1, train(vec![config()], true, 0, false));
        assert!(send(&mut r, 1, Command::SetLearningRate(0.01)).is_empty());
        assert!(send(&mut r, 1, Command::SetOptimizer(Optimizer::Sgd)).is_empty());
        assert!(send(&mut r, 1, Command::SetBatchSize(20)).is_empty());
        assert_eq!(
            send(&mut r, 1, Command::SetLearningRate(-1.0)),
            [Report::Error(WorkerError::Config(ConfigError::LearningRate(-1.0)))]
        );
        assert!(matches!(&send(&mut r, 1, Command::SetBatchSize(0))[..], [Report::Error(_)]));
        let bad = send(&mut r, 1, Command::Query(Query::Digit { pixels: vec![0.0; 3] }));
        assert_eq!(bad, [Report::Error(WorkerError::Query(QueryError::InputLength { expected: PIXELS, got: 3 }))]);
        let p = send(&mut r, 1, Command::Query(Query::Digit { pixels: vec![0.0; PIXELS] }));
        assert!(matches!(&p[..], [Report::Answer(Answer::Probabilities(p))] if p.len() == 10));
        let maps = send(&mut r, 1, Command::Query(Query::FeatureMaps { index: 5 }));
        assert!(
            matches!(&maps[..], [Report::Answer(Answer::FeatureMaps { maps, .. })] if maps.channels == 4 && maps.height == 26)
        );
        assert_eq!(send(&mut r, 1, Command::Reset), [Report::Cleared]);
        assert!(!r.busy());
        assert_eq!(send(&mut r, 1, Command::Play), [Report::Error(WorkerError::NoRun)]);
    }

    #[test]
    fn lanes_train_side_by_side_and_one_lane_can_be_paused() {
        let mut r = Runner::new(assets());
        let configs = vec![config(), TrainConfig { optimizer: Optimizer::Sgd, ..config() }];
        let out = r.handle(ToWorker { run: RunId(9), lane: None, command: train(configs, true, 0, false) });
        assert_eq!(out.iter().filter(|m| matches!(m.body, Report::Started { .. })).count(), 2);
        let out = r.work(&mut clock(), 1.0);
        let lanes: Vec<usize> =
            out.iter().filter(|m| matches!(m.body, Report::Progress { steps_done: 1, .. })).map(|m| m.lane).collect();
        assert_eq!(lanes, [0, 1], "one step of each lane in turn");
        let paused = r.handle(ToWorker { run: RunId(9), lane: Some(1), command: Command::Pause });
        assert_eq!(paused, [FromWorker { run: RunId(9), lane: 1, body: Report::Playing(false) }]);
        let out = r.work(&mut clock(), 1.0);
        assert!(out.iter().all(|m| m.lane == 0), "only the playing lane trains");
        r.handle(ToWorker { run: RunId(9), lane: Some(1), command: Command::Play });
        let mut finished = vec![];
        let mut tick = clock();
        while r.busy() {
            for m in r.work(&mut tick, 50.0) {
                if m.body == Report::Finished {
                    finished.push(m.lane);
                }
            }
        }
        finished.sort();
        assert_eq!(finished, [0, 1]);
    }

    #[test]
    fn a_kept_model_starts_another_run() {
        let mut r = Runner::new(assets());
        send(&mut r, 1, train(vec![config()], true, 0, false));
        r.work(&mut clock(), 1e9);
        assert_eq!(send(&mut r, 1, Command::Keep { name: "source".into() }), [Report::Kept { name: "source".into() }]);
        let mut task = config().digits_task().unwrap().clone();
        task.stack = Stack::digits("conv:4:3,relu,pool:2,flatten,dense:5").unwrap();
        task.classes = Some(vec![5, 6, 7, 8, 9]);
        task.start = Start::Kept { name: "source".into(), keep: 4, freeze: 2 };
        let replies = send(&mut r, 2, train(vec![TrainConfig::digits(task.clone())], true, 0, false));
        assert!(matches!(replies[0], Report::Started { .. }), "{replies:?}");
        task.start = Start::Kept { name: "nothing".into(), keep: 4, freeze: 2 };
        let replies = send(&mut r, 3, train(vec![TrainConfig::digits(task)], true, 0, false));
        assert_eq!(replies, [Report::Error(WorkerError::Config(ConfigError::NoModel("nothing".into())))]);
    }

    #[test]
    fn a_diverging_run_is_reported_once() {
        let mut r = Runner::new(assets());
        let config = TrainConfig { learning_rate: 1e15, optimizer: Optimizer::Sgd, ..config() };
        send(&mut r, 2, train(vec![config], true, 0, false));
        let out = r.work(&mut clock(), 1e9);
        assert!(out.iter().any(|m| matches!(m.body, Report::Diverged { .. })), "{out:?}");
        assert!(!r.busy());
        assert!(r.work(&mut clock(), 1e9).is_empty());
    }

    #[test]
    fn a_bad_configuration_is_a_typed_error() {
        let mut r = Runner::new(assets());
        let config = TrainConfig { batch_size: 0, ..config() };
        let out = send(&mut r, 1, train(vec![config], true, 0, false));
        assert_eq!(out, [Report::Error(WorkerError::Config(ConfigError::BatchSize(0)))]);
        assert!(!r.busy());
    }
}
