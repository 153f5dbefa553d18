//! The search job: hyperparameter searches side by side, one lane each. A lane asks its
//! strategy for a trial, trains it (a whole run, a step at a time, so pause and play work as
//! for any job), scores it on validation, tells the strategy, and reports the trial; it ends when
//! the strategy's budget is spent.

use engine::data::{Assets, Part};
use engine::search::{Ask, SearchSpec, Strategy, Trial};
use engine::train::{ConfigError, Session, Status};

use super::protocol::{Command, Report, WorkerError};
use super::runner::{ActiveJob, Kept, LaneReport, chosen_lanes};

/// One search and the trial it is training.
struct Lane {
    spec: SearchSpec,
    strategy: Box<dyn Strategy>,
    current: Option<(Ask, Session)>,
    /// The best trial so far: its score, id and trained run (for the sealed test score).
    best: Option<(f64, usize, Session)>,
    playing: bool,
    ended: bool,
}

pub struct SearchJob {
    lanes: Vec<Lane>,
    assets: Assets,
}

impl SearchJob {
    pub fn new(searches: Vec<SearchSpec>, assets: &Assets, play: bool) -> Result<(Self, Vec<LaneReport>), ConfigError> {
        let mut lanes = Vec::with_capacity(searches.len());
        let mut replies = Vec::new();
        for (i, spec) in searches.into_iter().enumerate() {
            // Every trial of a search builds the same kind of run: check one before starting.
            let probe = Ask { id: 0, point: vec![0.5; spec.space.len()], epochs: spec.epochs.max(1) };
            Session::new(spec.config(&probe), assets)?;
            replies
                .push((i, Report::Started { total_steps: spec.budget, steps_per_epoch: 0, params: 0, playing: play }));
            let strategy = spec.strategy();
            lanes.push(Lane { spec, strategy, current: None, best: None, playing: play, ended: false });
        }
        Ok((Self { lanes, assets: assets.clone() }, replies))
    }
}

impl Lane {
    fn busy(&self) -> bool {
        self.playing && !self.ended
    }

    /// One step of the current trial (starting the next one first if needed); the reports of a
    /// trial that finished and of a search that ended.
    fn step(&mut self, assets: &Assets) -> Vec<Report> {
        if self.current.is_none() {
            match self.strategy.ask() {
                Some(ask) => match Session::new(self.spec.config(&ask), assets) {
                    Ok(session) => self.current = Some((ask, session)),
                    Err(e) => {
                        self.ended = true;
                        return vec![Report::Error(WorkerError::Config(e))];
                    }
                },
                None => {
                    self.ended = true;
                    self.playing = false;
                    return vec![Report::Finished];
                }
            }
        }
        let Some((_, session)) = self.current.as_mut() else { return vec![] };
        session.train(1);
        if session.status() == Status::Training {
            return vec![];
        }
        let Some((ask, session)) = self.current.take() else { return vec![] };
        // A diverged trial scores as a failed one: no better than chance.
        let score = match session.status() {
            Status::Diverged { .. } => 0.0,
            _ => f64::from(session.evaluate(Part::Validation).accuracy),
        };
        self.strategy.tell(ask.id, score);
        let trial = Trial { ask, score, spent: self.strategy.spent() };
        // The first of equal scores stays, as `engine::search::first_best` chooses on the page.
        if self.best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            self.best = Some((score, trial.ask.id, session));
        }
        vec![Report::Trial(trial)]
    }
}

impl ActiveJob for SearchJob {
    fn busy(&self) -> bool {
        self.lanes.iter().any(Lane::busy)
    }

    fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<LaneReport> {
        let start = now();
        let mut out = Vec::new();
        loop {
            for (i, lane) in self.lanes.iter_mut().enumerate() {
                if lane.busy() {
                    out.extend(lane.step(&self.assets).into_iter().map(|r| (i, r)));
                }
            }
            if !self.busy() || now() - start >= budget_ms {
                return out;
            }
        }
    }

    fn handle(&mut self, lane: Option<usize>, command: Command, _kept: &mut Kept) -> Vec<LaneReport> {
        let Some(chosen) = chosen_lanes(lane, self.lanes.len()) else {
            return vec![(0, Report::Error(WorkerError::NoRun))];
        };
        chosen
            .into_iter()
            .filter_map(|i| {
                let lane = &mut self.lanes[i];
                match command {
                    Command::Play | Command::Pause => {
                        lane.playing = command == Command::Play && !lane.ended;
                        Some((i, Report::Playing(lane.playing)))
                    }
                    // The best trial's model on a part (the sealed test score, revealed); `epoch`
                    // carries the trial's id.
                    Command::EvaluateBest(part) => Some((
                        i,
                        match &lane.best {
                            Some((_, id, session)) => {
                                Report::BestEvaluated { epoch: *id, evaluation: session.evaluate(part) }
                            }
                            None => Report::Error(WorkerError::NothingKept),
                        },
                    )),
                    _ => None,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use engine::data::SplitSpec;
    use engine::mnist::Mnist;
    use engine::search::{Method, Space};

    use super::super::protocol::{Job, RunId, ToWorker};
    use super::super::runner::Runner;
    use super::*;

    fn search(method: Method, seed: u64) -> SearchSpec {
        SearchSpec {
            method,
            space: Space::note(),
            budget: 4,
            epochs: 1,
            split: SplitSpec { train: 60, validation: 20, test: 0, holdout: 0 },
            seed,
        }
    }

    fn run(searches: Vec<SearchSpec>) -> Vec<(usize, Report)> {
        let mut r = Runner::new(Assets::digits(Arc::new(Mnist::bars(100, 20, 1))));
        let start =
            ToWorker { run: RunId(1), lane: None, command: Command::Start(Job::Search { searches, play: true }) };
        let mut out: Vec<(usize, Report)> = r.handle(start).into_iter().map(|m| (m.lane, m.body)).collect();
        let mut t = 0.0;
        let mut clock = move || {
            t += 1.0;
            t
        };
        while r.busy() {
            out.extend(r.work(&mut clock, 50.0).into_iter().map(|m| (m.lane, m.body)));
        }
        out
    }

    fn trials(out: &[(usize, Report)], lane: usize) -> Vec<Trial> {
        out.iter()
            .filter_map(|(l, r)| match r {
                Report::Trial(t) if *l == lane => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn searches_run_side_by_side_within_their_budgets_and_repeat_with_their_seed() {
        // R = 2, η = 2: bracket 0 is two 1-epoch trials, then the better one for 2 epochs.
        let out = run(vec![search(Method::Random, 3), search(Method::Hyperband { max_epochs: 2, eta: 2 }, 3)]);
        let random = trials(&out, 0);
        assert_eq!(random.len(), 4, "a budget of 4 epochs holds four 1-epoch trials");
        assert_eq!(random.last().unwrap().spent, 4);
        assert!(random.iter().all(|t| (0.0..=1.0).contains(&t.score)));
        assert_eq!(trials(&out, 1).iter().map(|t| t.ask.epochs).collect::<Vec<_>>(), [1, 1, 2]);
        assert_eq!(out.iter().filter(|(_, r)| *r == Report::Finished).count(), 2);
        let mut r = Runner::new(Assets::digits(Arc::new(Mnist::bars(100, 20, 1))));
        let start = Command::Start(Job::Search { searches: vec![search(Method::Random, 3)], play: true });
        r.handle(ToWorker { run: RunId(1), lane: None, command: start });
        let mut t = 0.0;
        while r.busy() {
            r.work(
                &mut || {
                    t += 1.0;
                    t
                },
                50.0,
            );
        }
        let best = engine::search::first_best(&random).unwrap();
        let revealed =
            r.handle(ToWorker { run: RunId(1), lane: Some(0), command: Command::EvaluateBest(Part::Validation) });
        let Report::BestEvaluated { epoch, evaluation } = &revealed[0].body else { panic!("{revealed:?}") };
        assert_eq!(*epoch, best.ask.id, "the kept model is the best trial's");
        assert!((f64::from(evaluation.accuracy) - best.score).abs() < 1e-6);
        let again = run(vec![search(Method::Random, 3)]);
        assert_eq!(trials(&again, 0), random, "the same seed gives the same trials and scores");
    }
}
