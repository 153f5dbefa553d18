//! Hyperparameter search (note 2.9): a search space of the note's hyperparameters and the ways
//! to search it (grid, random, Bayesian optimisation, an evolutionary algorithm and Hyperband),
//! each an ask-and-tell [`Strategy`]: it proposes trials (a point and the epochs to train it),
//! is told each trial's validation score, and proposes more until its budget in epochs is spent.
//! Everything is seeded; nothing here trains: the caller runs the trials.

mod gp;
mod hyperband;

use serde::{Deserialize, Serialize};

pub use gp::{Bayesian, CANDIDATES, Gp, LENGTH as LENGTH_SCALE, Posterior, expected_improvement, surrogate};
pub use hyperband::{Hyperband, bracket_cost, brackets};

use crate::data::SplitSpec;
use crate::nn::{InitScheme, Stack};
use crate::rng::Rng;
use crate::tasks::DigitsTask;
use crate::train::TrainConfig;

/// How a coordinate in `[0, 1]` becomes a value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Scale {
    Linear {
        min: f64,
        max: f64,
    },
    /// Evenly spaced in the logarithm: a learning rate from 1e-4 to 1 spends as much of the axis
    /// on 1e-4…1e-3 as on 0.1…1.
    Log {
        min: f64,
        max: f64,
    },
    /// One of `n` choices (the coordinate cut into `n` equal parts).
    Choice(usize),
}

/// One hyperparameter: its key and scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dim {
    pub key: String,
    pub scale: Scale,
}

impl Dim {
    pub fn new(key: &str, scale: Scale) -> Self {
        Self { key: key.into(), scale }
    }
}

impl Dim {
    /// The coordinate of `value`, the inverse of [`Dim::value`] (a choice maps to its part's
    /// middle).
    pub fn coordinate(&self, value: f64) -> f64 {
        let u = match self.scale {
            Scale::Linear { min, max } => (value - min) / (max - min),
            Scale::Log { min, max } => (value.ln() - min.ln()) / (max.ln() - min.ln()),
            Scale::Choice(n) => (value.round() + 0.5) / n as f64,
        };
        if u.is_finite() { u.clamp(0.0, 1.0) } else { 0.0 }
    }

    /// The value at coordinate `u` (clamped into `[0, 1]`).
    pub fn value(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        match self.scale {
            Scale::Linear { min, max } => min + (max - min) * u,
            Scale::Log { min, max } => (min.ln() + (max.ln() - min.ln()) * u).exp(),
            Scale::Choice(n) => ((u * n as f64).floor() as usize).min(n.saturating_sub(1)) as f64,
        }
    }
}

/// The hyperparameters searched, each a coordinate of a point in the unit cube.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Space {
    pub dims: Vec<Dim>,
}

/// A point of the unit cube: one coordinate per dimension of the space.
pub type Point = Vec<f64>;

impl Space {
    /// The note's hyperparameters other than the epochs (which are the budget every method
    /// spends): learning rate, batch size in [16, 128], activation, depth, width, the scale of
    /// the initial weights, and dropout.
    pub fn note() -> Self {
        Self {
            dims: vec![
                Dim::new("lr", Scale::Log { min: 1e-4, max: 1.0 }),
                Dim::new("batch", Scale::Log { min: 16.0, max: 128.0 }),
                Dim::new("activation", Scale::Choice(3)),
                Dim::new("depth", Scale::Choice(3)),
                Dim::new("width", Scale::Log { min: 8.0, max: 256.0 }),
                Dim::new("init", Scale::Log { min: 0.01, max: 10.0 }),
                Dim::new("dropout", Scale::Linear { min: 0.0, max: 0.8 }),
            ],
        }
    }

    pub fn len(&self) -> usize {
        self.dims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dims.is_empty()
    }

    /// The values at `point`.
    pub fn values(&self, point: &[f64]) -> Vec<f64> {
        self.dims.iter().zip(point).map(|(d, &u)| d.value(u)).collect()
    }

    /// A point drawn uniformly.
    pub fn sample(&self, rng: &mut Rng) -> Point {
        (0..self.len()).map(|_| f64::from(rng.unit())).collect()
    }
}

/// How a search proposes trials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Method {
    /// `levels` values on each of the `searched` dimensions, the others at `base`.
    Grid {
        base: Point,
        searched: Vec<usize>,
        levels: usize,
    },
    Random,
    /// `initial` random trials, then expected improvement under a Gaussian process.
    Bayesian {
        initial: usize,
    },
    /// A population of `size`, mutated with Gaussian noise of `sigma`.
    Evolution {
        size: usize,
        sigma: f64,
    },
    /// Brackets of successive halving, at most `max_epochs` a trial, keeping 1/`eta` each round.
    Hyperband {
        max_epochs: usize,
        eta: usize,
    },
}

/// One search: a method over a space, a budget in epochs, the epochs of each trial (all methods
/// but Hyperband, which chooses them), the digits the trials train and score on, and a seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchSpec {
    pub method: Method,
    pub space: Space,
    pub budget: usize,
    pub epochs: usize,
    pub split: SplitSpec,
    pub seed: u64,
}

impl SearchSpec {
    /// The strategy that carries the search out.
    pub fn strategy(&self) -> Box<dyn Strategy> {
        let (space, epochs, budget, seed) = (&self.space, self.epochs, self.budget, self.seed);
        match &self.method {
            Method::Grid { base, searched, levels } => {
                Box::new(Grid::new(base.clone(), searched, *levels, epochs, budget))
            }
            Method::Random => Box::new(Random::new(space, epochs, budget, seed)),
            Method::Bayesian { initial } => Box::new(Bayesian::new(space, *initial, epochs, budget, seed)),
            Method::Evolution { size, sigma } => Box::new(Evolution::new(space, *size, *sigma, epochs, budget, seed)),
            Method::Hyperband { max_epochs, eta } => Box::new(Hyperband::new(space, *max_epochs, *eta, budget, seed)),
        }
    }

    /// The run trial `ask` trains.
    pub fn config(&self, ask: &Ask) -> TrainConfig {
        trial_config(&self.space, &ask.point, ask.epochs, self.split, self.seed.wrapping_add(ask.id as u64))
    }
}

/// A finished trial: what was tried, its validation score, and the search's epochs spent so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trial {
    pub ask: Ask,
    pub score: f64,
    pub spent: usize,
}

/// The earliest of the trials with the highest score: the one a search keeps, and the one a page
/// names as chosen, so that a revealed test score always belongs to the trial named.
pub fn first_best(trials: &[Trial]) -> Option<&Trial> {
    trials.iter().fold(None, |best: Option<&Trial>, t| match best {
        Some(b) if b.score >= t.score => Some(b),
        _ => Some(t),
    })
}

/// The run one trial trains: a fully connected network on digits with the settings at `point`
/// (keys of [`Space::note`], and `initdist`, a choice of uniform (0) or He normal (1) initial
/// weights; any missing take PyTorch-like defaults), for `epochs` epochs. Every trial trains with
/// Adam (β₁ 0.9, β₂ 0.999), so its learning rate is Adam's.
pub fn trial_config(space: &Space, point: &[f64], epochs: usize, split: SplitSpec, seed: u64) -> TrainConfig {
    let values = space.values(point);
    let get = |key: &str, default: f64| space.dims.iter().position(|d| d.key == key).map_or(default, |i| values[i]);
    let activation = ["relu", "tanh", "sigmoid"][(get("activation", 0.0) as usize).min(2)];
    let (depth, width) = (get("depth", 0.0) as usize + 1, get("width", 64.0).round().max(1.0) as usize);
    let dropout = get("dropout", 0.0);
    let mut layers = vec!["flatten".to_string()];
    for _ in 0..depth {
        layers.push(format!("dense:{width},{activation}"));
        if dropout > 0.0 {
            layers.push(format!("dropout:{dropout:.2}"));
        }
    }
    layers.push("dense:10".into());
    let stack = Stack::digits(&layers.join(",")).expect("every point of the space makes a valid network");
    TrainConfig {
        learning_rate: get("lr", 1e-3),
        batch_size: get("batch", 32.0).round() as usize,
        epochs: epochs.max(1),
        seed,
        init: match get("initdist", 0.0) as usize {
            0 => InitScheme::Uniform { scale: get("init", 1.0) as f32 },
            _ => InitScheme::Normal { scale: get("init", 1.0) as f32 },
        },
        ..TrainConfig::digits(DigitsTask::new(stack, split))
    }
}

/// A trial to run: train the settings at `point` for `epochs` epochs and report the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    pub id: usize,
    pub point: Point,
    pub epochs: usize,
}

/// A search method, asked for trials and told their scores (higher is better).
pub trait Strategy {
    /// The next trial, or `None` when the budget is spent or the method must first be told
    /// the scores of the trials it has asked for.
    fn ask(&mut self) -> Option<Ask>;
    /// The validation score of trial `id`.
    fn tell(&mut self, id: usize, score: f64);
    /// Epochs asked for so far.
    fn spent(&self) -> usize;
    /// Epochs the whole search will spend: its budget, or less if it runs out of trials first.
    fn planned(&self) -> usize;
}

/// Counts epochs against a budget and numbers the trials.
#[derive(Debug, Clone, PartialEq)]
struct Budget {
    total: usize,
    spent: usize,
    next_id: usize,
}

impl Budget {
    fn new(total: usize) -> Self {
        Self { total, spent: 0, next_id: 0 }
    }

    /// Epochs spent by as many trials of `epochs` as the budget holds.
    fn planned(&self, epochs: usize) -> usize {
        self.total / epochs.max(1) * epochs
    }

    /// A trial of `epochs` at `point`, if the budget still holds it.
    fn ask(&mut self, point: Point, epochs: usize) -> Option<Ask> {
        if self.spent + epochs > self.total {
            return None;
        }
        self.spent += epochs;
        self.next_id += 1;
        Some(Ask { id: self.next_id - 1, point, epochs })
    }
}

/// Grid search: `levels` evenly spaced values (cell centres) on each searched dimension, every
/// combination in turn, the other dimensions held at `base`.
pub struct Grid {
    points: Vec<Point>,
    next: usize,
    epochs: usize,
    budget: Budget,
}

impl Grid {
    pub fn new(base: Point, searched: &[usize], levels: usize, epochs: usize, budget: usize) -> Self {
        let levels = levels.max(1);
        let mut points = vec![base];
        for &dim in searched {
            points = points
                .into_iter()
                .flat_map(|p| {
                    (0..levels).map(move |k| {
                        let mut q = p.clone();
                        if let Some(c) = q.get_mut(dim) {
                            *c = (k as f64 + 0.5) / levels as f64;
                        }
                        q
                    })
                })
                .collect();
        }
        Self { points, next: 0, epochs, budget: Budget::new(budget) }
    }

    /// Every point of the grid, in the order it is tried.
    pub fn points(&self) -> &[Point] {
        &self.points
    }
}

impl Strategy for Grid {
    fn ask(&mut self) -> Option<Ask> {
        let point = self.points.get(self.next)?.clone();
        let ask = self.budget.ask(point, self.epochs)?;
        self.next += 1;
        Some(ask)
    }

    fn tell(&mut self, _id: usize, _score: f64) {}

    fn spent(&self) -> usize {
        self.budget.spent
    }

    fn planned(&self) -> usize {
        self.budget.planned(self.epochs).min(self.points.len() * self.epochs)
    }
}

/// Random search (Bergstra & Bengio, 2012): every coordinate drawn uniformly and independently,
/// so each dimension sees as many distinct values as there are trials.
pub struct Random {
    space_len: usize,
    rng: Rng,
    epochs: usize,
    budget: Budget,
}

impl Random {
    pub fn new(space: &Space, epochs: usize, budget: usize, seed: u64) -> Self {
        Self { space_len: space.len(), rng: Rng::new(seed), epochs, budget: Budget::new(budget) }
    }
}

impl Strategy for Random {
    fn ask(&mut self) -> Option<Ask> {
        let point = (0..self.space_len).map(|_| f64::from(self.rng.unit())).collect();
        self.budget.ask(point, self.epochs)
    }

    fn tell(&mut self, _id: usize, _score: f64) {}

    fn spent(&self) -> usize {
        self.budget.spent
    }

    fn planned(&self) -> usize {
        self.budget.planned(self.epochs)
    }
}

/// An evolutionary algorithm: a population of `size` points; once every member of a generation
/// is scored, the better half survives (truncation selection) and each survivor has one child,
/// its coordinates moved by Gaussian noise of `sigma` (mutation), so the population keeps its
/// size generation after generation. Survivors keep their scores (a (μ + λ) scheme): only the
/// children are trained, so after the first generation each costs half a population of trials
/// (see [`generation_of`]).
pub struct Evolution {
    size: usize,
    sigma: f64,
    rng: Rng,
    epochs: usize,
    budget: Budget,
    /// The current generation: each member's point, its trial id once asked, its score once told.
    generation: Vec<(Point, Option<usize>, Option<f64>)>,
    /// Completed generations: each member's point and score.
    pub history: Vec<Vec<(Point, f64)>>,
}

impl Evolution {
    pub fn new(space: &Space, size: usize, sigma: f64, epochs: usize, budget: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let size = size.max(2);
        let generation = (0..size).map(|_| (space.sample(&mut rng), None, None)).collect();
        Self { size, sigma, rng, epochs, budget: Budget::new(budget), generation, history: vec![] }
    }

    /// The members of the current generation.
    pub fn population(&self) -> Vec<Point> {
        self.generation.iter().map(|(p, _, _)| p.clone()).collect()
    }

    fn next_generation(&mut self) {
        let mut scored: Vec<(Point, f64)> =
            self.generation.iter().map(|(p, _, s)| (p.clone(), s.unwrap_or(f64::NEG_INFINITY))).collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        self.history.push(scored.clone());
        let survivors: Vec<(Point, f64)> = scored.into_iter().take(self.size.div_ceil(2)).collect();
        let parents: Vec<Point> = survivors.iter().map(|(p, _)| p.clone()).collect();
        // Survivors keep their scores and are not trained again.
        let mut next: Vec<(Point, Option<usize>, Option<f64>)> =
            survivors.into_iter().map(|(p, score)| (p, None, Some(score))).collect();
        let mut k = 0;
        while next.len() < self.size {
            let child = parents[k % parents.len()]
                .iter()
                .map(|&c| (c + self.sigma * f64::from(self.rng.normal())).clamp(0.0, 1.0))
                .collect();
            next.push((child, None, None));
            k += 1;
        }
        self.generation = next;
    }
}

/// The generation (from 0) that asked the `trial`-th trial of an [`Evolution`] of `size`: the
/// first generation trains all of its members, every later one only its children.
pub fn generation_of(trial: usize, size: usize) -> usize {
    let size = size.max(2);
    let children = size - size.div_ceil(2);
    if trial < size { 0 } else { 1 + (trial - size) / children }
}

impl Strategy for Evolution {
    fn ask(&mut self) -> Option<Ask> {
        if self.generation.iter().all(|m| m.2.is_some()) {
            self.next_generation();
        }
        let i = self.generation.iter().position(|m| m.1.is_none() && m.2.is_none())?;
        let ask = self.budget.ask(self.generation[i].0.clone(), self.epochs)?;
        self.generation[i].1 = Some(ask.id);
        Some(ask)
    }

    fn tell(&mut self, id: usize, score: f64) {
        if let Some(m) = self.generation.iter_mut().find(|m| m.1 == Some(id)) {
            m.2 = Some(score);
        }
    }

    fn spent(&self) -> usize {
        self.budget.spent
    }

    fn planned(&self) -> usize {
        self.budget.planned(self.epochs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a strategy to the end against `score`, returning every trial asked.
    pub(crate) fn run(s: &mut dyn Strategy, score: impl Fn(&[f64]) -> f64) -> Vec<Ask> {
        let mut asked = vec![];
        while let Some(a) = s.ask() {
            s.tell(a.id, score(&a.point));
            asked.push(a);
        }
        asked
    }

    #[test]
    fn a_point_becomes_a_trainable_run() {
        let space = Space::note();
        // lr 1e-2, batch 16·8^0.5 ≈ 45, tanh, two hidden layers, width 8·32^0.5 ≈ 45, init 1e-0.5·…
        let point = vec![0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25];
        let split = SplitSpec { train: 200, validation: 100, test: 0, holdout: 0 };
        let c = trial_config(&space, &point, 2, split, 4);
        assert!((c.learning_rate - 1e-2).abs() < 1e-12);
        assert_eq!((c.batch_size, c.epochs, c.seed), (45, 2, 4));
        let stack = &c.digits_task().unwrap().stack;
        assert_eq!(stack.layers_text(), "flatten,dense:45,tanh,dropout:0.2,dense:45,tanh,dropout:0.2,dense:10");
        let data = std::sync::Arc::new(crate::mnist::Mnist::bars(300, 0, 1));
        let mut s = crate::train::Session::new(c, &crate::data::Assets::digits(data)).unwrap();
        assert!(!s.train(100).is_empty());
    }

    #[test]
    fn scales_map_the_unit_interval() {
        let lr = Dim::new("lr", Scale::Log { min: 1e-4, max: 1.0 });
        assert!((lr.value(0.5) - 1e-2).abs() < 1e-12);
        assert!((lr.value(0.0) - 1e-4).abs() < 1e-15 && (lr.value(1.0) - 1.0).abs() < 1e-12);
        let act = Dim::new("activation", Scale::Choice(3));
        assert_eq!([act.value(0.0), act.value(0.34), act.value(0.99), act.value(1.0)], [0.0, 1.0, 2.0, 2.0]);
        for (d, v) in Space::note().dims.iter().zip([0.01, 32.0, 1.0, 2.0, 64.0, 1.0, 0.3]) {
            assert!((d.value(d.coordinate(v)) - v).abs() < 1e-9 * v.max(1.0), "{}", d.key);
        }
        let batch = Space::note().dims[1].clone();
        assert!((batch.value(0.0) - 16.0).abs() < 1e-9 && (batch.value(1.0) - 128.0).abs() < 1e-9);
    }

    #[test]
    fn the_grid_covers_its_grid_and_stops_at_the_budget() {
        let base = vec![0.5; 7];
        let mut g = Grid::new(base.clone(), &[0, 4], 3, 2, 1000);
        let asked = run(&mut g, |_| 0.0);
        assert_eq!(asked.len(), 9);
        let mut pairs: Vec<(u32, u32)> =
            asked.iter().map(|a| ((a.point[0] * 6.0) as u32, (a.point[4] * 6.0) as u32)).collect();
        pairs.sort_unstable();
        assert_eq!(pairs, [(1, 1), (1, 3), (1, 5), (3, 1), (3, 3), (3, 5), (5, 1), (5, 3), (5, 5)]);
        assert!(asked.iter().all(|a| a.point[2] == 0.5), "dimensions not searched stay at the base");
        let mut short = Grid::new(base, &[0, 4], 3, 2, 7);
        assert_eq!(run(&mut short, |_| 0.0).len(), 3, "7 epochs hold three trials of 2");
        assert_eq!(short.spent(), 6);
        assert_eq!((g.planned(), short.planned()), (18, 6), "nine trials of 2 epochs; three");
    }

    #[test]
    fn random_search_is_seeded_and_spreads_every_dimension() {
        let space = Space::note();
        let a = run(&mut Random::new(&space, 1, 50, 7), |_| 0.0);
        let b = run(&mut Random::new(&space, 1, 50, 7), |_| 0.0);
        let c = run(&mut Random::new(&space, 1, 50, 8), |_| 0.0);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 50);
        // Each coordinate takes 50 distinct values (a 7-dimensional grid of 50 trials gives each
        // searched dimension only 2).
        let mut first: Vec<u64> = a.iter().map(|t| (t.point[0] * 1e9) as u64).collect();
        first.sort_unstable();
        first.dedup();
        assert_eq!(first.len(), 50);
    }

    #[test]
    fn evolution_keeps_its_population_and_improves() {
        let space = Space::note();
        let mut e = Evolution::new(&space, 8, 0.1, 1, 80, 3);
        // Best at the centre of the cube.
        let score = |p: &[f64]| -p.iter().map(|c| (c - 0.5).powi(2)).sum::<f64>();
        let asked = run(&mut e, score);
        assert_eq!(asked.len(), 80);
        // Eight trials, then four children a generation: 1 + 18 generations of eight members.
        assert_eq!(e.history.len(), 19);
        assert!(e.history.iter().all(|g| g.len() == 8));
        assert_eq!(e.population().len(), 8);
        assert_eq!(
            (generation_of(7, 8), generation_of(8, 8), generation_of(11, 8), generation_of(12, 8)),
            (0, 1, 1, 2)
        );
        assert_eq!(generation_of(79, 8), 18);
        // A survivor is never trained again: every asked point is new.
        let mut points: Vec<Vec<u64>> =
            asked.iter().map(|a| a.point.iter().map(|c| (c * 1e12) as u64).collect()).collect();
        points.sort_unstable();
        points.dedup();
        assert_eq!(points.len(), 80);
        let best = |g: &Vec<(Point, f64)>| g[0].1;
        assert!(best(&e.history[18]) > best(&e.history[0]), "selection keeps the best and mutation finds better");
        assert!(e.history.windows(2).all(|w| best(&w[1]) >= best(&w[0])), "the best survives");
    }
}
