//! Model selection, measured: several candidate runs are trained one after another and every
//! epoch of every run is scored on the validation, test and holdout parts. Picking the best
//! candidate by its test score and then scoring it on the untouched holdout shows how
//! optimistic a test score becomes once it is used for choosing.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::data::{Assets, Part};
use crate::train::{ConfigError, Session, Status, TrainConfig};

/// One epoch of one candidate run, scored on every part that is not trained on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CandidateScore {
    /// Which run (0-based).
    pub run: usize,
    /// Epochs completed (1-based).
    pub epoch: usize,
    pub learning_rate: f64,
    pub seed: u64,
    pub validation: f32,
    pub test: f32,
    pub holdout: f32,
}

impl CandidateScore {
    /// The score on `part` (the training part is not scored).
    pub fn on(&self, part: Part) -> f32 {
        match part {
            Part::Validation => self.validation,
            Part::Test => self.test,
            Part::Holdout => self.holdout,
            Part::Train => f32::NAN,
        }
    }
}

/// The candidate with the highest score on `part` (the first one on ties).
pub fn pick(scores: &[CandidateScore], part: Part) -> Option<CandidateScore> {
    scores.iter().copied().fold(None, |best, s| match best {
        Some(b) if b.on(part) >= s.on(part) => Some(b),
        _ => Some(s),
    })
}

/// The candidates: each learning rate with each seed, on the same split.
pub fn candidates(base: &TrainConfig, learning_rates: &[f64], seeds: &[u64]) -> Vec<TrainConfig> {
    learning_rates
        .iter()
        .flat_map(|&lr| seeds.iter().map(move |&seed| (lr, seed)))
        .map(|(learning_rate, seed)| TrainConfig { learning_rate, seed, ..base.clone() })
        .collect()
}

/// Trains the candidates one after another, a few steps at a time.
pub struct Study {
    /// The candidates not finished yet, the one in training first. Built (and so checked) up
    /// front, so that a study never fails halfway.
    sessions: VecDeque<Session>,
    /// Every candidate's planned steps; a diverged run counts as if it had taken them all, so
    /// that progress still ends at 100%.
    planned: Vec<usize>,
}

impl Study {
    pub fn new(configs: Vec<TrainConfig>, assets: &Assets) -> Result<Study, ConfigError> {
        let sessions = configs.into_iter().map(|c| Session::new(c, assets)).collect::<Result<VecDeque<_>, _>>()?;
        let planned = sessions.iter().map(Session::total_steps).collect();
        Ok(Study { sessions, planned })
    }

    /// Which candidate is training (0-based); `candidates()` once all have finished.
    fn index(&self) -> usize {
        self.planned.len() - self.sessions.len()
    }

    pub fn steps_done(&self) -> usize {
        self.planned[..self.index()].iter().sum::<usize>() + self.sessions.front().map_or(0, Session::steps_done)
    }

    pub fn total_steps(&self) -> usize {
        self.planned.iter().sum()
    }

    pub fn candidates(&self) -> usize {
        self.planned.len()
    }

    pub fn finished(&self) -> bool {
        self.sessions.is_empty()
    }

    /// Trains up to `n` steps; returns the scores of the epochs that ended.
    pub fn train(&mut self, n: usize) -> Vec<CandidateScore> {
        let mut scores = Vec::new();
        for _ in 0..n {
            let run = self.index();
            let Some(session) = self.sessions.front_mut() else { break };
            let epoch = session.epoch();
            session.train(1);
            if session.epoch() > epoch || session.status() != Status::Training {
                if !matches!(session.status(), Status::Diverged { .. }) {
                    let score = |part| session.evaluate(part).accuracy;
                    scores.push(CandidateScore {
                        run,
                        epoch: session.epoch(),
                        learning_rate: session.config().learning_rate,
                        seed: session.config().seed,
                        validation: score(Part::Validation),
                        test: score(Part::Test),
                        holdout: score(Part::Holdout),
                    });
                }
                if session.status() != Status::Training {
                    self.sessions.pop_front();
                }
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::data::SplitSpec;
    use crate::mnist::Mnist;
    use crate::nn::Stack;
    use crate::tasks::DigitsTask;

    fn noisy_bars() -> Assets {
        Assets::digits(Arc::new(Mnist::bars(300, 90, 4)))
    }

    /// A linear model on 100 training digits, 4 steps an epoch.
    fn base(epochs: usize) -> TrainConfig {
        let split = SplitSpec { train: 100, validation: 60, test: 60, holdout: 60 };
        TrainConfig {
            batch_size: 25,
            epochs,
            ..TrainConfig::digits(DigitsTask::new(Stack::digits("flatten,dense:10").unwrap(), split))
        }
    }

    /// Trains the study to its end in slices of `n` steps; returns every score.
    fn run_to_end(study: &mut Study, n: usize) -> Vec<CandidateScore> {
        let mut scores = Vec::new();
        while !study.finished() {
            scores.extend(study.train(n));
        }
        scores
    }

    #[test]
    fn every_epoch_of_every_candidate_is_scored() {
        let base = base(2);
        let configs = candidates(&base, &[1e-3, 1e-2], &[1, 2]);
        assert_eq!(configs.len(), 4);
        let mut study = Study::new(configs, &noisy_bars()).unwrap();
        assert_eq!(study.total_steps(), 4 * 2 * 4);
        let scores = run_to_end(&mut study, 3);
        assert_eq!(study.steps_done(), study.total_steps());
        assert_eq!(scores.len(), 8);
        assert_eq!((scores[0].run, scores[0].epoch), (0, 1));
        let by_test = pick(&scores, Part::Test).unwrap();
        assert!(scores.iter().all(|s| s.test <= by_test.test));
        let by_val = pick(&scores, Part::Validation).unwrap();
        assert!(scores.iter().all(|s| s.validation <= by_val.validation));
        assert!(pick(&[], Part::Test).is_none());
    }

    #[test]
    fn a_diverged_candidate_still_lets_progress_reach_the_end() {
        let base = TrainConfig { optimizer: crate::train::Optimizer::Sgd, ..base(3) };
        let mut study = Study::new(candidates(&base, &[1e12, 1e-2], &[1]), &noisy_bars()).unwrap();
        let scores = run_to_end(&mut study, 2);
        assert_eq!(study.steps_done(), study.total_steps());
        assert!(scores.iter().all(|s| s.run == 1), "the diverged run is not scored: {scores:?}");
        assert_eq!(scores.len(), 3);
    }
}
