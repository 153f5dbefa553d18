//! Bayesian optimisation with a Gaussian-process surrogate (Snoek et al., 2012): the scores seen
//! so far define a posterior over the objective (a mean and an uncertainty everywhere), and the
//! next trial goes where the expected improvement over the best score is largest.

use super::{Ask, Budget, Point, Space, Strategy};
use crate::rng::Rng;

/// A Gaussian process with the squared-exponential kernel
/// `k(x, y) = σ_f² · exp(−‖x − y‖² / (2ℓ²))` and observation noise `σ_n²`, over scores centred
/// on their mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Gp {
    pub length: f64,
    pub signal: f64,
    pub noise: f64,
    points: Vec<Point>,
    /// `(K + σ_n² I)⁻¹ (y − ȳ)`.
    alpha: Vec<f64>,
    /// The lower Cholesky factor of `K + σ_n² I`.
    chol: Vec<Vec<f64>>,
    mean: f64,
}

/// The posterior at one point: mean and standard deviation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posterior {
    pub mean: f64,
    pub std: f64,
}

impl Gp {
    /// Conditions the process on `points` and their `scores`.
    pub fn fit(points: &[Point], scores: &[f64], length: f64, signal: f64, noise: f64) -> Self {
        let n = points.len();
        let mean = if n == 0 { 0.0 } else { scores.iter().sum::<f64>() / n as f64 };
        let mut gp = Self { length, signal, noise, points: points.to_vec(), alpha: vec![], chol: vec![], mean };
        let k: Vec<Vec<f64>> = (0..n)
            .map(|i| (0..n).map(|j| gp.kernel(&points[i], &points[j]) + if i == j { noise } else { 0.0 }).collect())
            .collect();
        gp.chol = cholesky(&k);
        let y: Vec<f64> = scores.iter().map(|s| s - mean).collect();
        gp.alpha = solve_lower_t(&gp.chol, &solve_lower(&gp.chol, &y));
        gp
    }

    fn kernel(&self, a: &[f64], b: &[f64]) -> f64 {
        let d2: f64 = a.iter().zip(b).map(|(x, y)| (x - y).powi(2)).sum();
        self.signal * (-d2 / (2.0 * self.length * self.length)).exp()
    }

    /// The posterior mean and standard deviation at `x`.
    pub fn posterior(&self, x: &[f64]) -> Posterior {
        let ks: Vec<f64> = self.points.iter().map(|p| self.kernel(p, x)).collect();
        let mean = self.mean + ks.iter().zip(&self.alpha).map(|(k, a)| k * a).sum::<f64>();
        let v = solve_lower(&self.chol, &ks);
        let var = (self.kernel(x, x) - v.iter().map(|v| v * v).sum::<f64>()).max(0.0);
        Posterior { mean, std: var.sqrt() }
    }
}

/// Expected improvement over `best` (for maximising): `(μ − best)Φ(z) + σφ(z)`,
/// `z = (μ − best)/σ`.
pub fn expected_improvement(p: Posterior, best: f64) -> f64 {
    if p.std <= 1e-12 {
        return (p.mean - best).max(0.0);
    }
    let z = (p.mean - best) / p.std;
    (p.mean - best) * normal_cdf(z) + p.std * (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Φ(z), from the complementary error function (Numerical Recipes' erfc, relative error below
/// 1.2e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = -z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x.abs());
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    0.5 * if x >= 0.0 { erfc } else { 2.0 - erfc }
}

fn cholesky(a: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = a.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            l[i][j] = if i == j { (a[i][i] - s).max(1e-12).sqrt() } else { (a[i][j] - s) / l[j][j] };
        }
    }
    l
}

/// Solves `L x = b`.
fn solve_lower(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let mut x = vec![0.0; b.len()];
    for i in 0..b.len() {
        x[i] = (b[i] - (0..i).map(|k| l[i][k] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

/// Solves `Lᵀ x = b`.
fn solve_lower_t(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (b[i] - (i + 1..n).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

/// Bayesian optimisation: `initial` random trials, then each next trial at the candidate (of
/// `candidates` drawn at random) with the largest expected improvement under the Gaussian process
/// fitted to every score so far. One trial at a time: it waits to be told each score.
pub struct Bayesian {
    space: Space,
    initial: usize,
    candidates: usize,
    rng: Rng,
    epochs: usize,
    budget: Budget,
    pending: Option<usize>,
    /// Every trial told: its point and score.
    pub seen: Vec<(Point, f64)>,
    asked: Vec<(usize, Point)>,
}

/// The surrogate Bayesian optimisation fits to `seen` trials: the signal variance set to the
/// scores' own, the noise a small share of it.
pub fn surrogate(seen: &[(Point, f64)]) -> Gp {
    let points: Vec<Point> = seen.iter().map(|(p, _)| p.clone()).collect();
    let scores: Vec<f64> = seen.iter().map(|(_, s)| *s).collect();
    let n = scores.len().max(1) as f64;
    let mean = scores.iter().sum::<f64>() / n;
    let var = (scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n).max(1e-6);
    Gp::fit(&points, &scores, LENGTH, var, NOISE * var)
}

/// The kernel's length scale and the noise, in unit-cube coordinates and centred scores. Both
/// are fixed: a simplification of Snoek et al. (2012), who use a Matérn 5/2 kernel and integrate
/// its hyperparameters out.
pub const LENGTH: f64 = 0.3;
pub const NOISE: f64 = 1e-4;
/// Random candidates among which each next trial is the one of largest expected improvement.
pub const CANDIDATES: usize = 512;

impl Bayesian {
    pub fn new(space: &Space, initial: usize, epochs: usize, budget: usize, seed: u64) -> Self {
        Self {
            space: space.clone(),
            initial: initial.max(1),
            candidates: CANDIDATES,
            rng: Rng::new(seed),
            epochs,
            budget: Budget::new(budget),
            pending: None,
            seen: vec![],
            asked: vec![],
        }
    }

    /// The surrogate fitted to the scores so far.
    pub fn surrogate(&self) -> Gp {
        surrogate(&self.seen)
    }

    pub fn best(&self) -> Option<f64> {
        self.seen.iter().map(|(_, s)| *s).max_by(f64::total_cmp)
    }
}

impl Strategy for Bayesian {
    fn ask(&mut self) -> Option<Ask> {
        if self.pending.is_some() {
            return None;
        }
        let point = if self.seen.len() < self.initial {
            self.space.sample(&mut self.rng)
        } else {
            let gp = self.surrogate();
            let best = self.best().unwrap_or(0.0);
            let candidates: Vec<Point> = (0..self.candidates).map(|_| self.space.sample(&mut self.rng)).collect();
            candidates
                .into_iter()
                .map(|c| (expected_improvement(gp.posterior(&c), best), c))
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| c)?
        };
        let ask = self.budget.ask(point.clone(), self.epochs)?;
        self.pending = Some(ask.id);
        self.asked.push((ask.id, point));
        Some(ask)
    }

    fn tell(&mut self, id: usize, score: f64) {
        if let Some((_, p)) = self.asked.iter().find(|(i, _)| *i == id) {
            self.seen.push((p.clone(), score));
        }
        if self.pending == Some(id) {
            self.pending = None;
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

    #[test]
    fn the_posterior_matches_a_hand_computation_on_three_points() {
        // x = 0, 0.5, 1 with scores 0, 1, 0 (mean 1/3); ℓ = 0.5, σ_f² = 1, σ_n² = 0.01.
        let (l, noise) = (0.5, 0.01);
        let k = |a: f64, b: f64| (-(a - b) * (a - b) / (2.0 * l * l)).exp();
        let xs = [0.0, 0.5, 1.0];
        let ys = [0.0 - 1.0 / 3.0, 1.0 - 1.0 / 3.0, 0.0 - 1.0 / 3.0];
        // The 3×3 matrix K + σ_n² I, inverted by cofactors.
        let m: Vec<Vec<f64>> =
            (0..3).map(|i| (0..3).map(|j| k(xs[i], xs[j]) + if i == j { noise } else { 0.0 }).collect()).collect();
        let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        let cof = |i: usize, j: usize| {
            let r: Vec<usize> = (0..3).filter(|&r| r != j).collect();
            let c: Vec<usize> = (0..3).filter(|&c| c != i).collect();
            let minor = m[r[0]][c[0]] * m[r[1]][c[1]] - m[r[0]][c[1]] * m[r[1]][c[0]];
            if (i + j).is_multiple_of(2) { minor } else { -minor }
        };
        let inv: Vec<Vec<f64>> = (0..3).map(|i| (0..3).map(|j| cof(i, j) / det).collect()).collect();
        let x = 0.25;
        let ks: Vec<f64> = xs.iter().map(|&a| k(a, x)).collect();
        let hand_mean = 1.0 / 3.0 + (0..3).map(|i| (0..3).map(|j| ks[i] * inv[i][j] * ys[j]).sum::<f64>()).sum::<f64>();
        let hand_var = 1.0 - (0..3).map(|i| (0..3).map(|j| ks[i] * inv[i][j] * ks[j]).sum::<f64>()).sum::<f64>();
        let gp = Gp::fit(&xs.map(|x| vec![x]), &[0.0, 1.0, 0.0], l, 1.0, noise);
        let p = gp.posterior(&[x]);
        assert!((p.mean - hand_mean).abs() < 1e-9, "{} vs {hand_mean}", p.mean);
        assert!((p.std - hand_var.sqrt()).abs() < 1e-9, "{} vs {}", p.std, hand_var.sqrt());
        // At an observed point the mean is close to its score and the uncertainty small.
        let at = gp.posterior(&[0.5]);
        assert!((at.mean - 1.0).abs() < 0.05 && at.std < 0.1, "{at:?}");
    }

    #[test]
    fn expected_improvement_prefers_high_means_and_high_uncertainty() {
        let ei = |mean, std| expected_improvement(Posterior { mean, std }, 0.5);
        assert!(ei(0.6, 0.1) > ei(0.4, 0.1));
        assert!(ei(0.4, 0.3) > ei(0.4, 0.1));
        assert_eq!(ei(0.4, 0.0), 0.0);
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7 && (normal_cdf(1.96) - 0.975).abs() < 1e-4);
    }

    #[test]
    fn bayesian_optimisation_waits_for_each_score_and_homes_in() {
        let space = Space { dims: Space::note().dims[..2].to_vec() };
        let mut b = Bayesian::new(&space, 4, 1, 25, 5);
        let score = |p: &[f64]| -((p[0] - 0.7).powi(2) + (p[1] - 0.2).powi(2));
        let first = b.ask().unwrap();
        assert!(b.ask().is_none(), "one trial at a time");
        b.tell(first.id, score(&first.point));
        let asked = super::super::tests::run(&mut b, score);
        assert_eq!(asked.len(), 24);
        let best = b.best().unwrap();
        assert!(best > -0.01, "within 0.1 of the optimum after 25 trials: {best}");
    }
}
