//! A job in two parts, run by one worker: a first run whose model is kept under a name, then a
//! second job that uses it (the judge, then the GAN it judges; a GAN, then classifiers trained
//! with its digits). What the first run showed is kept for the page after the second starts.

use leptos::prelude::*;

use crate::training::job::{Job, LaneState, Phase};
use crate::training::protocol::{Command, Job as JobSpec};

/// Where a chain stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Idle,
    /// The first run trains.
    First,
    /// The first run has finished; its model is being kept.
    Keeping,
    /// The second job runs.
    Second,
}

#[derive(Clone, Copy)]
pub struct Chain {
    pub job: Job,
    pub stage: RwSignal<Stage>,
    /// The first run's lane as it was when it finished.
    pub first: RwSignal<Option<LaneState>>,
    second: StoredValue<Option<JobSpec>>,
}

impl Chain {
    /// A chain on `job` that keeps the first run's model as `keep`.
    pub fn new(job: Job, keep: &'static str) -> Self {
        let chain = Chain {
            job,
            stage: RwSignal::new(Stage::Idle),
            first: RwSignal::new(None),
            second: StoredValue::new(None),
        };
        let run = job.lane(0);
        Effect::new(move |_| {
            if chain.stage.get() == Stage::First && run.phase() == Phase::Finished {
                chain.first.set(Some(run.with_untracked(LaneState::clone)));
                chain.stage.set(Stage::Keeping);
                run.send(Command::Keep { name: keep.into() });
            }
        });
        Effect::new(move |_| {
            if chain.stage.get() == Stage::Keeping && run.with(|l| l.kept.as_deref() == Some(keep)) {
                match chain.second.get_value() {
                    Some(spec) => {
                        chain.stage.set(Stage::Second);
                        job.start(spec);
                    }
                    None => chain.stage.set(Stage::Idle),
                }
            }
        });
        // A worker that crashed or could not load is replaced by a fresh one with nothing kept:
        // the chain starts again from the beginning.
        Effect::new(move |_| {
            if job.fatal() {
                chain.stage.set(Stage::Idle);
            }
        });
        chain
    }

    pub fn start(&self, first: JobSpec, second: JobSpec) {
        self.first.set(None);
        self.second.set_value(Some(second));
        self.stage.set(Stage::First);
        self.job.start(first);
    }

    pub fn reset(&self) {
        self.stage.set(Stage::Idle);
        self.first.set(None);
        self.job.reset();
    }

    /// Pauses a running stage, or resumes a paused one.
    pub fn toggle(&self) {
        match self.job.lane(0).phase_untracked() {
            Phase::Running => self.job.send(Command::Pause),
            _ => self.job.send(Command::Play),
        }
    }

    /// Whether the second job has started (tracked).
    pub fn second(&self) -> bool {
        self.stage.get() == Stage::Second
    }

    /// Whether the second job's `lanes` lanes have all finished (tracked).
    pub fn done(&self, lanes: usize) -> bool {
        self.second() && (0..lanes).all(|i| self.job.lane(i).phase() == Phase::Finished)
    }

    /// Whether the second job's `lanes` lanes have all ended, finished or diverged (tracked).
    pub fn ended(&self, lanes: usize) -> bool {
        self.second() && (0..lanes).all(|i| self.job.lane(i).phase().ended())
    }
}
