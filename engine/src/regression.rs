//! Over-fitting and its cure, on a curve: a polynomial with many more coefficients than the
//! noisy points it is fitted to, trained by gradient descent with no penalty, an L1 penalty or an
//! L2 penalty. The features are Legendre polynomials, which keep gradient descent well
//! conditioned on `[-1, 1]`; L1 is applied by soft-thresholding (proximal gradient descent),
//! which is how it sets coefficients exactly to zero.

use burn::module::Param;
use burn::nn::{Linear, LinearConfig};
use burn::optim::{GradientsParams, ModuleOptimizer, SgdConfig};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::backend::Backend;
use crate::rng::Rng;

/// Points `(x, y)`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Points {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
}

/// The curve the points come from: `sin(π x)`.
pub fn truth(x: f32) -> f32 {
    (std::f32::consts::PI * x).sin()
}

/// `n` points with `x` uniform in `[-1, 1]` and `y = sin(π x) + noise · N(0, 1)`.
pub fn noisy_sine(n: usize, noise: f32, seed: u64) -> Points {
    let mut rng = Rng::new(seed);
    let x: Vec<f32> = (0..n).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let y = x.iter().map(|&x| truth(x) + noise * rng.normal()).collect();
    Points { x, y }
}

/// The penalty on the coefficients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Penalty {
    None,
    /// `λ Σ |w|` (Lasso).
    L1,
    /// `λ Σ w²` (Ridge).
    L2,
}

/// Legendre polynomials `P_1 … P_degree` at `x` (the constant is the bias).
pub fn features(x: f32, degree: usize) -> Vec<f32> {
    let (mut p0, mut p1) = (1.0f32, x);
    let mut out = Vec::with_capacity(degree);
    for k in 1..=degree {
        out.push(p1);
        let next = ((2 * k + 1) as f32 * x * p1 - k as f32 * p0) / (k + 1) as f32;
        (p0, p1) = (p1, next);
    }
    out
}

#[derive(Module, Debug)]
struct Poly {
    linear: Linear,
}

/// A polynomial fitted by full-batch gradient descent.
pub struct PolyFit {
    pub penalty: Penalty,
    pub lambda: f32,
    pub learning_rate: f64,
    degree: usize,
    model: Option<Poly>,
    optim: ModuleOptimizer,
    device: Device,
    train: Points,
    validation: Points,
    steps: usize,
}

impl PolyFit {
    /// Starts from small random coefficients drawn with `seed`.
    pub fn new(
        train: Points,
        validation: Points,
        degree: usize,
        penalty: Penalty,
        lambda: f32,
        learning_rate: f64,
        seed: u64,
    ) -> PolyFit {
        let device = Backend::Flex.training_device().expect("flex is always built");
        let mut linear = LinearConfig::new(degree, 1).init(&device);
        let mut rng = Rng::new(seed);
        let w: Vec<f32> = (0..degree).map(|_| rng.uniform(-0.1, 0.1)).collect();
        linear.weight = Param::from_tensor(Tensor::from_data(TensorData::new(w, [degree, 1]), &device));
        linear.bias = Some(Param::from_tensor(Tensor::zeros([1], &device)));
        PolyFit {
            penalty,
            lambda,
            learning_rate,
            degree,
            model: Some(Poly { linear }),
            optim: SgdConfig::new().init(),
            device,
            train,
            validation,
            steps: 0,
        }
    }

    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The features of `x`, one row per point, on `device` (the training one, or the one
    /// without autodiff for evaluation).
    fn design(&self, x: &[f32], device: &Device) -> Tensor<2> {
        let rows: Vec<f32> = x.iter().flat_map(|&x| features(x, self.degree)).collect();
        Tensor::from_data(TensorData::new(rows, [x.len(), self.degree]), device)
    }

    fn model(&self) -> &Poly {
        self.model.as_ref().expect("present between steps")
    }

    /// One gradient step on the training points.
    pub fn step(&mut self) {
        let model = self.model.take().expect("present between steps");
        let x = self.design(&self.train.x, &self.device);
        let n = self.train.y.len();
        let y = Tensor::<2>::from_data(TensorData::new(self.train.y.clone(), [n, 1]), &self.device);
        let mut loss = (model.linear.forward(x) - y).powf_scalar(2.0).mean();
        if self.penalty == Penalty::L2 {
            loss = loss + model.linear.weight.val().powf_scalar(2.0).sum() * self.lambda;
        }
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        let mut model = self.optim.step(self.learning_rate, model, grads);
        if self.penalty == Penalty::L1 {
            // Proximal step for λΣ|w|: shrink every weight towards zero by lr·λ, stopping at zero.
            let t = (self.learning_rate as f32) * self.lambda;
            let w: Vec<f32> = model.linear.weight.val().try_into_vec_as().unwrap_or_default();
            let shrunk: Vec<f32> = w.iter().map(|v| v.signum() * (v.abs() - t).max(0.0)).collect();
            model.linear.weight =
                Param::from_tensor(Tensor::from_data(TensorData::new(shrunk, [self.degree, 1]), &self.device));
        }
        self.model = Some(model);
        self.steps += 1;
    }

    /// The fitted curve at `x`. Evaluated without autodiff: a forward pass of the training
    /// model that never meets a backward pass leaves its recorded graph behind (13.9 kB each
    /// time the regularization lesson drew a fit's curve and losses).
    pub fn predict(&self, x: &[f32]) -> Vec<f32> {
        if x.is_empty() {
            return vec![];
        }
        let design = self.design(x, &self.device.clone().inner());
        self.model().clone().valid().linear.forward(design).try_into_vec_as().unwrap_or_default()
    }

    /// Mean squared error on the training and on the validation points (no penalty).
    pub fn losses(&self) -> (f32, f32) {
        let mse = |p: &Points| {
            let y = self.predict(&p.x);
            y.iter().zip(&p.y).map(|(a, b)| (a - b).powi(2)).sum::<f32>() / p.y.len().max(1) as f32
        };
        (mse(&self.train), mse(&self.validation))
    }

    /// The coefficients (the bias left out).
    pub fn weights(&self) -> Vec<f32> {
        self.model().linear.weight.val().try_into_vec_as().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(penalty: Penalty, lambda: f32) -> PolyFit {
        let mut f = PolyFit::new(noisy_sine(12, 0.3, 1), noisy_sine(60, 0.3, 2), 15, penalty, lambda, 0.5, 3);
        (0..3000).for_each(|_| f.step());
        f
    }

    #[test]
    fn legendre_features_are_the_textbook_polynomials() {
        let f = features(0.5, 3);
        assert!((f[0] - 0.5).abs() < 1e-6);
        assert!((f[1] - (3.0 * 0.25 - 1.0) / 2.0).abs() < 1e-6);
        assert!((f[2] - (5.0 * 0.125 - 3.0 * 0.5) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn penalties_tame_an_over_fitted_polynomial() {
        let free = fit(Penalty::None, 0.0);
        let (train, val) = free.losses();
        assert!(val > 2.0 * train, "without a penalty the fit chases the noise: train {train}, validation {val}");
        let l2 = fit(Penalty::L2, 0.01);
        let norm = |w: &[f32]| w.iter().map(|v| v * v).sum::<f32>();
        assert!(norm(&l2.weights()) < norm(&free.weights()), "L2 shrinks the weights");
        let l1 = fit(Penalty::L1, 0.01);
        let zeros = l1.weights().iter().filter(|w| **w == 0.0).count();
        assert!(zeros >= 5, "L1 sets weights exactly to zero: {:?}", l1.weights());
        assert_eq!(l2.weights().iter().filter(|w| **w == 0.0).count(), 0, "L2 does not");
        assert!(l1.losses().1 < val && l2.losses().1 < val, "both generalize better");
    }
}
