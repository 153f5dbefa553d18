//! A training run that advances a few steps at a time: epochs, the shuffled order of the
//! training examples, the learning-rate schedule and the run's status, around any task.

use super::{
    ConfigError, Evaluation, Status, StepStats, TrainConfig, check_batch_size, check_epochs, check_learning_rate,
};
use crate::data::{Assets, Part};
use crate::nn::Net;
use crate::nn::torch::TorchError;
use crate::rng::Rng;
use crate::tasks::{self, Answer, Query, QueryError, Task, TaskReport};
use crate::train::Optimizer;

/// A training run in progress.
pub struct Session {
    config: TrainConfig,
    task: Box<dyn Task>,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    epoch: usize,
    steps: usize,
    status: Status,
}

impl Session {
    /// Checks the configuration, builds the task (its data and networks) from `assets`.
    pub fn new(config: TrainConfig, assets: &Assets) -> Result<Session, ConfigError> {
        Self::with_models(config, assets, &tasks::NoModels)
    }

    /// Like [`Session::new`], for tasks that start from a kept model.
    pub fn with_models(
        config: TrainConfig,
        assets: &Assets,
        models: &dyn tasks::Models,
    ) -> Result<Session, ConfigError> {
        config.check()?;
        let device = config.backend.training_device().ok_or(ConfigError::BackendMissing(config.backend))?;
        let task = tasks::build(&config, assets, models, &device)?;
        let mut rng = Rng::new(config.seed ^ 0x005E_ED0F_D0D0);
        let mut order = task.train_order();
        rng.shuffle(&mut order);
        Ok(Session { config, task, rng, order, cursor: 0, epoch: 0, steps: 0, status: Status::Training })
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn steps_done(&self) -> usize {
        self.steps
    }

    /// Completed epochs.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    pub fn steps_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.config.batch_size)
    }

    /// Steps in the whole run at the current batch size (an estimate once it has changed).
    pub fn total_steps(&self) -> usize {
        let left_this_epoch = (self.order.len() - self.cursor).div_ceil(self.config.batch_size);
        let left = left_this_epoch + self.config.epochs.saturating_sub(self.epoch + 1) * self.steps_per_epoch();
        let total = (self.steps + left).min(self.config.max_steps.unwrap_or(usize::MAX));
        if self.status == Status::Training { total } else { self.steps }
    }

    /// Trainable parameters of the task's networks.
    pub fn params(&self) -> usize {
        self.task.params()
    }

    /// The task's main network as it is now.
    pub fn model(&self) -> &Net {
        self.task.net()
    }

    /// Trains up to `n` steps; stops early when the run finishes or diverges.
    pub fn train(&mut self, n: usize) -> Vec<StepStats> {
        let mut stats = Vec::with_capacity(n.min(self.total_steps().saturating_sub(self.steps)));
        while stats.len() < n && self.status == Status::Training {
            stats.push(self.step());
        }
        stats
    }

    /// The learning rate of the next step: the base rate times the schedule's factor.
    pub fn learning_rate(&self) -> f64 {
        let t = self.steps as f64 / self.steps_per_epoch().max(1) as f64;
        self.config.learning_rate * self.config.schedule.factor(t, self.config.epochs as f64)
    }

    fn step(&mut self) -> StepStats {
        let end = (self.cursor + self.config.batch_size).min(self.order.len());
        let learning_rate = self.learning_rate();
        let traced = self.config.trace_every > 0 && self.steps.is_multiple_of(self.config.trace_every);
        let result = self.task.step(&self.order[self.cursor..end], learning_rate, traced, &mut self.rng);
        self.steps += 1;
        let mut stats = StepStats {
            step: self.steps,
            epoch: self.epoch,
            loss: f32::NAN,
            accuracy: None,
            examples: end - self.cursor,
            learning_rate,
            trace: None,
            gradients: None,
            gan: None,
        };
        match result {
            Ok(step) => {
                stats.loss = step.loss;
                stats.accuracy = step.accuracy;
                stats.trace = step.trace;
                stats.gradients = step.gradients;
                stats.gan = step.gan;
            }
            Err(diverged) => {
                stats.loss = diverged.loss;
                self.status = Status::Diverged { step: self.steps };
                return stats;
            }
        }
        self.cursor = end;
        if self.cursor >= self.order.len() {
            self.cursor = 0;
            self.epoch += 1;
            self.rng.shuffle(&mut self.order);
            if self.epoch >= self.config.epochs {
                self.status = Status::Finished;
            }
        }
        if self.config.max_steps.is_some_and(|max| self.steps >= max) {
            self.status = Status::Finished;
        }
        stats
    }

    /// Changes the learning rate from the next step on.
    pub fn set_learning_rate(&mut self, lr: f64) -> Result<(), ConfigError> {
        check_learning_rate(lr)?;
        self.config.learning_rate = lr;
        Ok(())
    }

    /// Changes the batch size from the next step on.
    pub fn set_batch_size(&mut self, batch_size: usize) -> Result<(), ConfigError> {
        check_batch_size(batch_size)?;
        self.config.batch_size = batch_size;
        Ok(())
    }

    /// Switches optimizer; the new one starts with fresh state (no momentum carried over).
    pub fn set_optimizer(&mut self, optimizer: Optimizer) {
        self.config.optimizer = optimizer;
        self.task.set_optimizer(optimizer);
    }

    /// Changes how many epochs the run lasts; a finished run can be extended.
    pub fn set_epochs(&mut self, epochs: usize) -> Result<(), ConfigError> {
        check_epochs(epochs)?;
        self.config.epochs = epochs;
        if self.status == Status::Finished && self.epoch < epochs {
            self.status = Status::Training;
        } else if self.status == Status::Training && self.epoch >= epochs {
            self.status = Status::Finished;
        }
        Ok(())
    }

    /// Freezes or unfreezes layer `layer` of the main network.
    pub fn set_frozen(&mut self, layer: usize, frozen: bool) {
        self.task.set_frozen(layer, frozen);
    }

    /// Scores the current model on a part of the split.
    pub fn evaluate(&self, part: Part) -> Evaluation {
        self.task.evaluate(part, None)
    }

    /// Scores another model (such as a checkpoint of this run) on this run's `part`.
    pub fn evaluate_model(&self, model: &Net, part: Part) -> Evaluation {
        self.task.evaluate(part, Some(model))
    }

    /// Answers a question about the current model.
    pub fn query(&self, query: &Query) -> Result<Answer, QueryError> {
        match query {
            Query::ModelFile => {
                self.task.learner().net().to_safetensors().map(Answer::ModelFile).map_err(QueryError::Model)
            }
            _ => self.task.query(query),
        }
    }

    /// Replaces the main network's parameters with those of a safetensors file (see
    /// [`crate::nn::torch`]); the optimizer starts afresh, since the file holds no momentum.
    pub fn load_model(&mut self, bytes: &[u8]) -> Result<(), TorchError> {
        let net = self.task.learner().net().load_safetensors(bytes)?;
        self.task.learner_mut().replace(net);
        Ok(())
    }

    /// What the task shows of itself beyond scores (a generator's samples, say), if anything.
    pub fn report(&self) -> Option<TaskReport> {
        self.task.report()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::data::SplitSpec;
    use crate::mnist::{Mnist, PIXELS};
    use crate::nn::Stack;
    use crate::tasks::DigitsTask;
    use crate::train::DIVERGED_LOSS;

    fn bars(n: usize) -> Assets {
        Assets::digits(Arc::new(Mnist::bars(n, 0, 3)))
    }

    fn small_config() -> TrainConfig {
        let split = SplitSpec { train: 160, validation: 20, test: 20, holdout: 0 };
        TrainConfig {
            batch_size: 16,
            epochs: 4,
            learning_rate: 1e-2,
            ..TrainConfig::digits(DigitsTask::new(
                Stack::digits("flatten,dense:32,relu,dropout:0.2,dense:10").unwrap(),
                split,
            ))
        }
    }

    #[test]
    fn a_step_budget_ends_a_run_before_its_epochs() {
        let mut s = Session::new(TrainConfig { max_steps: Some(13), ..small_config() }, &bars(200)).unwrap();
        assert_eq!(s.total_steps(), 13);
        assert_eq!(s.train(1000).len(), 13);
        assert_eq!((s.status(), s.epoch()), (Status::Finished, 1));
    }

    #[test]
    fn a_run_learns_and_finishes_after_its_epochs() {
        let mut s = Session::new(small_config(), &bars(200)).unwrap();
        assert_eq!(s.steps_per_epoch(), 10);
        assert_eq!(s.total_steps(), 40);
        let first = s.train(5);
        assert_eq!(first.len(), 5);
        let rest = s.train(1000);
        assert_eq!(rest.len(), 35, "the run stops after its 4 epochs");
        assert_eq!(s.status(), Status::Finished);
        assert_eq!(s.epoch(), 4);
        let eval = s.evaluate(Part::Validation);
        assert_eq!(eval.count, 20);
        assert!(eval.accuracy > 0.9, "bars are easy: {}", eval.accuracy);
        assert_eq!(eval.confusion.iter().sum::<u32>(), 20);
        let Ok(Answer::Probabilities(probs)) = s.query(&Query::Digit { pixels: vec![0.0; PIXELS] }) else { panic!() };
        assert!((probs.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        // A finished run can be extended.
        s.set_epochs(5).unwrap();
        assert_eq!(s.status(), Status::Training);
        assert_eq!(s.train(100).len(), 10);
    }

    #[test]
    fn the_same_seed_gives_the_same_curve() {
        let losses = |seed| {
            let mut s = Session::new(TrainConfig { seed, ..small_config() }, &bars(200)).unwrap();
            s.train(25).iter().map(|st| st.loss).collect::<Vec<_>>()
        };
        let a = losses(7);
        assert_eq!(a, losses(7));
        assert_ne!(a, losses(8));
    }

    #[test]
    fn a_huge_learning_rate_diverges_instead_of_panicking() {
        let config = TrainConfig { learning_rate: 1e12, optimizer: Optimizer::Sgd, ..small_config() };
        let mut s = Session::new(config, &bars(200)).unwrap();
        let stats = s.train(40);
        assert!(matches!(s.status(), Status::Diverged { .. }), "{:?}", stats.last());
        let last = stats.last().unwrap().loss;
        assert!(!last.is_finite() || last > DIVERGED_LOSS);
        assert!(s.train(5).is_empty(), "a diverged run does not continue");
    }

    #[test]
    fn a_model_file_carries_a_run_into_another() {
        let data = bars(200);
        let mut trained = Session::new(small_config(), &data).unwrap();
        trained.train(20);
        let Ok(Answer::ModelFile(bytes)) = trained.query(&Query::ModelFile) else { panic!("a model file") };
        // The same split (the seed draws it), the weights as they were before training.
        let mut other = Session::new(small_config(), &data).unwrap();
        let indices: Vec<usize> = (0..200).step_by(7).collect();
        let classes = |s: &Session| s.query(&Query::Classify { indices: indices.clone() }).unwrap();
        assert_ne!(other.evaluate(Part::Validation), trained.evaluate(Part::Validation));
        other.load_model(&bytes).unwrap();
        // The same answers and the same numbers, up to the last bit of a float sum (a loaded
        // dense weight is laid out afresh, and the matrix product may add in another order).
        let (a, b) = (other.evaluate(Part::Validation), trained.evaluate(Part::Validation));
        assert_eq!((a.count, a.accuracy, &a.confusion, &a.mistakes), (b.count, b.accuracy, &b.confusion, &b.mistakes));
        let close = |x: f32, y: f32| (x - y).abs() <= 1e-5 * (1.0 + y.abs());
        assert!(
            close(a.loss, b.loss) && close(a.calibration.mean_confidence, b.calibration.mean_confidence),
            "{a:?} {b:?}"
        );
        assert_eq!(classes(&other), classes(&trained));
        assert!(other.train(5).iter().all(|s| s.loss.is_finite()), "training goes on from the loaded weights");
        assert!(other.load_model(b"garbage").is_err());
        assert_eq!(trained.query(&Query::Classify { indices: vec![200] }), Err(QueryError::NoExample(200)));
    }

    #[test]
    fn bad_settings_are_errors() {
        let data = bars(50);
        let with = |f: fn(&mut TrainConfig)| {
            let mut c = small_config();
            f(&mut c);
            Session::new(c, &data).err()
        };
        assert_eq!(with(|c| c.batch_size = 0), Some(ConfigError::BatchSize(0)));
        assert_eq!(with(|c| c.learning_rate = 0.0), Some(ConfigError::LearningRate(0.0)));
        assert!(matches!(with(|c| c.learning_rate = f64::NAN), Some(ConfigError::LearningRate(_))));
        assert_eq!(with(|c| c.epochs = 0), Some(ConfigError::Epochs(0)));
        assert_eq!(with(|c| c.clip = Some(-1.0)), Some(ConfigError::Clip(-1.0)));
        assert!(matches!(with(|_| {}), Some(ConfigError::Split(crate::data::SplitError::TooMany { .. }))));
        let five = |c: &mut TrainConfig| {
            if let crate::tasks::TaskSpec::Digits(t) = &mut c.task {
                t.stack = Stack::digits("flatten,dense:5").unwrap();
            }
        };
        assert!(matches!(with(five), Some(ConfigError::Output { .. })));
        assert!(matches!(Session::new(small_config(), &Assets::default()).err(), Some(ConfigError::DataMissing(_))));
        let split = SplitSpec { train: 30, validation: 10, test: 10, holdout: 0 };
        let mut config = small_config();
        if let crate::tasks::TaskSpec::Digits(t) = &mut config.task {
            t.split = split;
        }
        let mut s = Session::new(config, &data).unwrap();
        assert!(s.set_learning_rate(-1.0).is_err());
        assert!(s.set_batch_size(0).is_err());
        assert_eq!(s.config().learning_rate, 1e-2);
    }

    #[test]
    fn a_frozen_layer_keeps_its_weights_bit_for_bit() {
        let mut s = Session::new(TrainConfig { epochs: 20, ..small_config() }, &bars(200)).unwrap();
        s.set_frozen(1, true);
        s.set_frozen(2, true); // the ReLU: no parameters, freezing it changes nothing
        let before = s.model().parameter_values();
        assert_eq!(s.train(100).len(), 100);
        let after = s.model().parameter_values();
        assert_eq!(before[1], after[1], "the frozen dense layer is bit-identical");
        assert_ne!(before[4], after[4], "the last dense layer trained");
        assert_eq!(s.model().frozen(), [false, true, true, false, false]);
    }

    #[test]
    fn clipping_bounds_the_step_and_traced_steps_measure_gradients() {
        let traced = TrainConfig { trace_every: 1, clip: Some(0.01), ..small_config() };
        let mut s = Session::new(traced, &bars(200)).unwrap();
        let stats = s.train(3);
        let g = stats[0].gradients.as_ref().unwrap();
        assert!(g.norm > 0.01, "the raw norm is reported before clipping: {}", g.norm);
        assert_eq!(g.layers.len(), 5);
        assert!(g.layers[1].is_some() && g.layers[0].is_none() && g.layers[2].is_none());
        let trace = stats[0].trace.as_ref().unwrap();
        assert_eq!(trace.len(), 1, "one hidden layer before its ReLU");
        assert_eq!(trace[0].grad, g.layers[1].unwrap());
        // Clipped to norm 0.01 with plain SGD at rate 0.01, no weight moves more than 1e-4.
        let config = TrainConfig { optimizer: Optimizer::Sgd, clip: Some(0.01), ..small_config() };
        let mut s = Session::new(config, &bars(200)).unwrap();
        let before = s.model().parameter_values();
        s.train(1);
        let after = s.model().parameter_values();
        let moved = before.iter().flatten().zip(after.iter().flatten()).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
        assert!(moved <= 1.0001e-4 && moved > 0.0, "{moved}");
    }
}
