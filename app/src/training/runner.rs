//! The worker's brain, free of any browser API: it carries out the page's commands on an engine
//! [`Session`] and trains in slices of a given time budget. The clock is passed in, so the
//! protocol is tested natively with a fake one.

use std::sync::Arc;

use engine::backend::Backend;
use engine::data::Part;
use engine::mnist::{Mnist, PIXELS};
use engine::model::Net;
use engine::selection::Study;
use engine::train::{Session, Status, StepStats, TrainConfig};

use super::protocol::{FromWorker, ToWorker};

/// One run and how it is being driven.
struct Job {
    run: u32,
    /// Its place among runs trained side by side.
    lane: usize,
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

/// A model-selection study and how it is being driven.
struct StudyJob {
    run: u32,
    study: Study,
    playing: bool,
    ended: bool,
}

/// Hosts one run, several runs side by side, or one study.
pub struct Runner {
    data: Arc<Mnist>,
    jobs: Vec<Job>,
    study: Option<StudyJob>,
}

impl Runner {
    pub fn new(data: Arc<Mnist>) -> Self {
        Self { data, jobs: vec![], study: None }
    }

    /// The first message the page receives.
    pub fn ready(&self) -> FromWorker {
        FromWorker::Ready { backends: Backend::available() }
    }

    /// Whether [`Runner::work`] has anything to do.
    pub fn busy(&self) -> bool {
        self.jobs.iter().any(Job::busy) || self.study.as_ref().is_some_and(|s| s.playing && !s.study.finished())
    }

    /// Carries out one command; returns the replies.
    pub fn handle(&mut self, command: ToWorker) -> Vec<FromWorker> {
        match command {
            ToWorker::Start { run, config, play, eval_every, parts, keep_best } => {
                self.start(run, vec![config], play, eval_every, parts, keep_best)
            }
            ToWorker::StartLanes { run, configs, play, eval_every, parts } => {
                self.start(run, configs, play, eval_every, parts, false)
            }
            ToWorker::StartStudy { run, candidates, play } => {
                self.clear();
                match Study::new(candidates, self.data.clone()) {
                    Ok(study) => {
                        let reply = FromWorker::StudyProgress {
                            run,
                            steps_done: 0,
                            total_steps: study.total_steps(),
                            scores: vec![],
                        };
                        self.study = Some(StudyJob { run, study, playing: play, ended: false });
                        vec![reply]
                    }
                    Err(e) => vec![FromWorker::Error { message: e.to_string() }],
                }
            }
            ToWorker::Reset => {
                self.clear();
                vec![]
            }
            ToWorker::Play | ToWorker::Pause if self.study.is_some() => {
                if let Some(s) = self.study.as_mut() {
                    s.playing = command == ToWorker::Play;
                }
                vec![]
            }
            // Questions about one model go to the first lane.
            ToWorker::Predict { .. }
            | ToWorker::FeatureMaps { .. }
            | ToWorker::Kernels
            | ToWorker::EvaluateBest { .. } => match self.jobs.first_mut() {
                Some(job) => job.handle(command),
                None => vec![FromWorker::Error { message: "there is no run: start one first".into() }],
            },
            command if !self.jobs.is_empty() => {
                self.jobs.iter_mut().flat_map(|job| job.handle(command.clone())).collect()
            }
            _ => vec![FromWorker::Error { message: "there is no run: start one first".into() }],
        }
    }

    /// Drops every run (freeing their models) before anything new is built.
    fn clear(&mut self) {
        self.jobs.clear();
        self.study = None;
    }

    fn start(
        &mut self,
        run: u32,
        configs: Vec<TrainConfig>,
        play: bool,
        eval_every: usize,
        parts: Vec<Part>,
        keep_best: bool,
    ) -> Vec<FromWorker> {
        self.clear();
        let mut replies = Vec::new();
        for (lane, config) in configs.into_iter().enumerate() {
            match Session::new(config, self.data.clone()) {
                Ok(session) => {
                    replies.push(FromWorker::Started {
                        run,
                        lane,
                        total_steps: session.total_steps(),
                        steps_per_epoch: session.steps_per_epoch(),
                        params: session.params(),
                    });
                    replies.extend(session.kernels().map(|kernels| FromWorker::Kernels { run, lane, kernels }));
                    self.jobs.push(Job {
                        run,
                        lane,
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
                Err(e) => {
                    self.clear();
                    return vec![FromWorker::Error { message: e.to_string() }];
                }
            }
        }
        replies
    }

    /// Trains until `budget_ms` of `now()` has passed (at least one step of every busy lane) or
    /// there is nothing left to do, then reports each lane: progress, evaluations, its end.
    pub fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<FromWorker> {
        if !self.busy() {
            return vec![];
        }
        if let Some(study) = self.study.as_mut() {
            return study.work(now, budget_ms);
        }
        let start = now();
        let mut slices: Vec<Slice> = self.jobs.iter().map(|_| Slice::default()).collect();
        loop {
            for (job, slice) in self.jobs.iter_mut().zip(&mut slices) {
                if job.busy() {
                    job.step(now, slice);
                }
            }
            if !self.jobs.iter().any(Job::busy) || now() - start >= budget_ms {
                break;
            }
        }
        self.jobs
            .iter_mut()
            .zip(slices)
            .filter(|(_, s)| !s.steps.is_empty() || !s.messages.is_empty())
            .flat_map(|(job, slice)| job.report(slice))
            .collect()
    }
}

/// What one lane did during one slice of work.
#[derive(Default)]
struct Slice {
    steps: Vec<StepStats>,
    train_ms: f64,
    messages: Vec<FromWorker>,
}

impl StudyJob {
    fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<FromWorker> {
        let start = now();
        let mut scores = Vec::new();
        while !self.study.finished() {
            scores.extend(self.study.train(1));
            if now() - start >= budget_ms {
                break;
            }
        }
        let (steps_done, total_steps) = (self.study.steps_done(), self.study.total_steps());
        let mut out = vec![FromWorker::StudyProgress { run: self.run, steps_done, total_steps, scores }];
        if self.study.finished() && !self.ended {
            self.ended = true;
            self.playing = false;
            out.push(FromWorker::Finished { run: self.run, lane: 0 });
        }
        out
    }
}

impl Job {
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
            slice.messages.push(self.evaluated(validation));
            if epoch_ended {
                for &part in &self.parts {
                    let e = self.session.evaluate(part);
                    slice.messages.push(self.evaluated(e));
                }
            }
            if let Some(kernels) = self.session.kernels() {
                slice.messages.push(FromWorker::Kernels { run: self.run, lane: self.lane, kernels });
            }
        }
    }

    /// Progress, then the slice's evaluations, then the end of the run if it came.
    fn report(&mut self, slice: Slice) -> Vec<FromWorker> {
        let examples: usize = slice.steps.iter().map(|s| s.examples).sum();
        let n = slice.steps.len();
        self.examples += examples;
        self.train_ms += slice.train_ms;
        let rate = |examples: usize, ms: f64| if ms > 0.0 { (examples as f64 * 1000.0 / ms) as f32 } else { 0.0 };
        let mut out = vec![FromWorker::Progress {
            run: self.run,
            lane: self.lane,
            steps: slice.steps,
            steps_done: self.session.steps_done(),
            total_steps: self.session.total_steps(),
            epoch: self.session.epoch(),
            examples_per_second: rate(examples, slice.train_ms),
            mean_examples_per_second: rate(self.examples, self.train_ms),
            ms_per_step: if n > 0 { (slice.train_ms / n as f64) as f32 } else { 0.0 },
            playing: self.playing,
        }];
        out.extend(slice.messages);
        out.extend(self.end_message());
        out
    }

    fn evaluated(&self, evaluation: engine::train::Evaluation) -> FromWorker {
        FromWorker::Evaluated {
            run: self.run,
            lane: self.lane,
            steps_done: self.session.steps_done(),
            epoch: self.session.epoch(),
            evaluation,
        }
    }

    /// Keeps the current model aside if its validation accuracy beats the best so far.
    fn keep_if_best(&mut self, accuracy: f32) {
        if let Some(best) = self.best.as_mut()
            && best.as_ref().is_none_or(|(_, a, _)| accuracy > *a)
        {
            *best = Some((self.session.epoch(), accuracy, self.session.model().clone()));
        }
    }

    fn handle(&mut self, command: ToWorker) -> Vec<FromWorker> {
        let (run, lane) = (self.run, self.lane);
        let result = match command {
            ToWorker::Play => {
                self.playing = true;
                Ok(vec![])
            }
            ToWorker::Pause => {
                self.playing = false;
                self.pending = 0;
                Ok(vec![])
            }
            ToWorker::Step { steps } => {
                self.playing = false;
                self.pending += steps;
                Ok(vec![])
            }
            ToWorker::SetLearningRate(lr) => self.session.set_learning_rate(lr).map(|_| vec![]),
            ToWorker::SetBatchSize(b) => self.session.set_batch_size(b).map(|_| vec![]),
            ToWorker::SetOptimizer(o) => {
                self.session.set_optimizer(o);
                Ok(vec![])
            }
            ToWorker::SetEpochs(e) => self.session.set_epochs(e).map(|_| {
                self.ended = self.session.status() != Status::Training && self.ended;
                vec![]
            }),
            ToWorker::Evaluate { part } => {
                let e = self.session.evaluate(part);
                Ok(vec![self.evaluated(e)])
            }
            ToWorker::Predict { pixels } if pixels.len() == PIXELS => {
                Ok(vec![FromWorker::Prediction { run, probabilities: self.session.predict(&pixels) }])
            }
            ToWorker::Predict { pixels } => {
                return vec![FromWorker::Error { message: format!("an image has 784 values, not {}", pixels.len()) }];
            }
            ToWorker::FeatureMaps { index } if index < self.session.data().len() => {
                let pixels = self.session.data().volume(index).data;
                Ok(self
                    .session
                    .feature_maps(&pixels)
                    .map(|maps| FromWorker::FeatureMaps { run, index, maps })
                    .into_iter()
                    .collect())
            }
            ToWorker::FeatureMaps { index } => {
                return vec![FromWorker::Error { message: format!("there is no digit {index}") }];
            }
            ToWorker::Kernels => Ok(self
                .session
                .kernels()
                .map(|kernels| FromWorker::Kernels { run, lane, kernels })
                .into_iter()
                .collect()),
            ToWorker::EvaluateBest { part } => match self.best.as_ref().and_then(Option::as_ref) {
                Some((epoch, _, model)) => {
                    let evaluation = self.session.evaluate_model(model, part);
                    Ok(vec![FromWorker::BestEvaluated { run, epoch: *epoch, evaluation }])
                }
                None => return vec![FromWorker::Error { message: "no model has been kept yet".into() }],
            },
            ToWorker::Start { .. } | ToWorker::StartLanes { .. } | ToWorker::StartStudy { .. } | ToWorker::Reset => {
                unreachable!("handled by the runner")
            }
        };
        result.unwrap_or_else(|e| vec![FromWorker::Error { message: e.to_string() }])
    }

    /// `Finished` or `Diverged`, once.
    fn end_message(&mut self) -> Option<FromWorker> {
        let message = match self.session.status() {
            Status::Training => return None,
            Status::Finished => FromWorker::Finished { run: self.run, lane: self.lane },
            Status::Diverged { step } => FromWorker::Diverged { run: self.run, lane: self.lane, step },
        };
        if self.ended {
            return None;
        }
        self.ended = true;
        self.playing = false;
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::arch::Stack;
    use engine::data::SplitSpec;
    use engine::train::{Optimizer, TrainConfig};

    fn data() -> Arc<Mnist> {
        let labels: Vec<u8> = (0..120).map(|i| (i % 10) as u8).collect();
        let pixels: Vec<u8> = (0..120 * PIXELS).map(|i| ((i / PIXELS % 10) * 20 + i % 7) as u8).collect();
        Arc::new(Mnist::from_parts(labels, pixels).unwrap())
    }

    fn config() -> TrainConfig {
        TrainConfig {
            stack: Stack::digits("conv:4:3,pool:2,flatten,dense:10").unwrap(),
            split: SplitSpec { train: 80, validation: 20, test: 20, holdout: 0 },
            batch_size: 10,
            epochs: 2,
            ..TrainConfig::default()
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

    fn start(r: &mut Runner, play: bool) -> Vec<FromWorker> {
        r.handle(ToWorker::Start {
            run: 1,
            config: config(),
            play,
            eval_every: 3,
            parts: vec![Part::Test],
            keep_best: true,
        })
    }

    #[test]
    fn start_step_pause_play_and_finish() {
        let mut r = Runner::new(data());
        assert!(matches!(r.ready(), FromWorker::Ready { backends } if backends.contains(&Backend::Flex)));
        let replies = start(&mut r, false);
        assert!(matches!(replies[0], FromWorker::Started { run: 1, total_steps: 16, steps_per_epoch: 8, .. }));
        assert!(matches!(replies[1], FromWorker::Kernels { .. }));
        assert!(!r.busy(), "started paused");
        r.handle(ToWorker::Step { steps: 2 });
        let mut tick = clock();
        let out = r.work(&mut tick, 1000.0);
        let FromWorker::Progress { steps, steps_done: 2, playing: false, .. } = &out[0] else { panic!("{out:?}") };
        assert_eq!(steps.len(), 2);
        assert!(!r.busy(), "a step pauses when it is paid");
        r.handle(ToWorker::Play);
        assert!(r.busy());
        // A tight budget trains one step per slice.
        let out = r.work(&mut tick, 1.0);
        assert!(matches!(out[0], FromWorker::Progress { steps_done: 3, .. }));
        assert!(out.iter().any(|m| matches!(m, FromWorker::Evaluated { steps_done: 3, .. })), "every 3 steps: {out:?}");
        r.handle(ToWorker::Pause);
        assert!(r.work(&mut tick, 1000.0).is_empty());
        r.handle(ToWorker::Play);
        let out = r.work(&mut tick, 1e9);
        assert!(matches!(out[0], FromWorker::Progress { steps_done: 16, .. }));
        let tests = out
            .iter()
            .filter(|m| matches!(m, FromWorker::Evaluated { evaluation, .. } if evaluation.part == Part::Test))
            .count();
        assert_eq!(tests, 2, "the test part is scored at the end of each epoch");
        assert!(matches!(out.last(), Some(FromWorker::Finished { run: 1, .. })));
        assert!(!r.busy());
        // The best epoch by validation was kept, and its sealed test score can be revealed.
        let best = r.handle(ToWorker::EvaluateBest { part: Part::Test });
        assert!(
            matches!(&best[..], [FromWorker::BestEvaluated { epoch: 1 | 2, evaluation, .. }] if evaluation.part == Part::Test)
        );
    }

    #[test]
    fn a_study_scores_every_epoch_of_every_candidate() {
        let mut r = Runner::new(data());
        let base = TrainConfig { split: SplitSpec { train: 60, validation: 20, test: 20, holdout: 20 }, ..config() };
        let candidates = engine::selection::candidates(&base, &[1e-3, 1e-2], &[1]);
        let out = r.handle(ToWorker::StartStudy { run: 5, candidates, play: true });
        assert!(matches!(out[..], [FromWorker::StudyProgress { run: 5, steps_done: 0, total_steps: 24, .. }]));
        let mut scores = 0;
        let mut finished = false;
        let mut tick = clock();
        while r.busy() {
            for m in r.work(&mut tick, 5.0) {
                match m {
                    FromWorker::StudyProgress { scores: s, .. } => scores += s.len(),
                    FromWorker::Finished { run: 5, .. } => finished = true,
                    other => panic!("unexpected {other:?}"),
                }
            }
        }
        assert!(finished);
        assert_eq!(scores, 2 * 2);
        assert!(matches!(&r.handle(ToWorker::EvaluateBest { part: Part::Test })[..], [FromWorker::Error { .. }]));
    }

    #[test]
    fn hyperparameters_change_mid_run_and_bad_ones_are_refused() {
        let mut r = Runner::new(data());
        start(&mut r, true);
        assert!(r.handle(ToWorker::SetLearningRate(0.01)).is_empty());
        assert!(r.handle(ToWorker::SetOptimizer(Optimizer::Sgd)).is_empty());
        assert!(r.handle(ToWorker::SetBatchSize(20)).is_empty());
        assert!(matches!(&r.handle(ToWorker::SetLearningRate(-1.0))[..], [FromWorker::Error { .. }]));
        assert!(matches!(&r.handle(ToWorker::SetBatchSize(0))[..], [FromWorker::Error { .. }]));
        assert!(matches!(&r.handle(ToWorker::Predict { pixels: vec![0.0; 3] })[..], [FromWorker::Error { .. }]));
        let p = r.handle(ToWorker::Predict { pixels: vec![0.0; PIXELS] });
        assert!(matches!(&p[..], [FromWorker::Prediction { probabilities, .. }] if probabilities.len() == 10));
        let maps = r.handle(ToWorker::FeatureMaps { index: 5 });
        assert!(matches!(&maps[..], [FromWorker::FeatureMaps { maps, .. }] if maps.channels == 4 && maps.height == 26));
        r.handle(ToWorker::Reset);
        assert!(!r.busy());
        assert!(matches!(&r.handle(ToWorker::Play)[..], [FromWorker::Error { .. }]));
    }

    #[test]
    fn lanes_train_side_by_side_and_report_separately() {
        let mut r = Runner::new(data());
        let configs = vec![config(), TrainConfig { optimizer: Optimizer::Sgd, ..config() }];
        let out = r.handle(ToWorker::StartLanes { run: 9, configs, play: true, eval_every: 0, parts: vec![] });
        assert_eq!(out.iter().filter(|m| matches!(m, FromWorker::Started { .. })).count(), 2);
        let out = r.work(&mut clock(), 1.0);
        let lanes: Vec<usize> = out
            .iter()
            .filter_map(|m| if let FromWorker::Progress { lane, steps_done: 1, .. } = m { Some(*lane) } else { None })
            .collect();
        assert_eq!(lanes, [0, 1], "one step of each lane in turn");
        r.handle(ToWorker::Pause);
        assert!(!r.busy());
        r.handle(ToWorker::Play);
        let mut finished = vec![];
        let mut tick = clock();
        while r.busy() {
            for m in r.work(&mut tick, 50.0) {
                if let FromWorker::Finished { lane, .. } = m {
                    finished.push(lane);
                }
            }
        }
        finished.sort();
        assert_eq!(finished, [0, 1]);
    }

    #[test]
    fn a_diverging_run_is_reported_once() {
        let mut r = Runner::new(data());
        let config = TrainConfig { learning_rate: 1e15, optimizer: Optimizer::Sgd, ..config() };
        r.handle(ToWorker::Start { run: 2, config, play: true, eval_every: 0, parts: vec![], keep_best: false });
        let out = r.work(&mut clock(), 1e9);
        assert!(out.iter().any(|m| matches!(m, FromWorker::Diverged { run: 2, .. })), "{out:?}");
        assert!(!r.busy());
        assert!(r.work(&mut clock(), 1e9).is_empty());
    }

    #[test]
    fn a_bad_configuration_is_an_error_message() {
        let mut r = Runner::new(data());
        let config = TrainConfig { batch_size: 0, ..config() };
        let out =
            r.handle(ToWorker::Start { run: 1, config, play: true, eval_every: 0, parts: vec![], keep_best: false });
        assert!(matches!(&out[..], [FromWorker::Error { .. }]));
        assert!(!r.busy());
    }
}
