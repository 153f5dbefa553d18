//! Over-fitting and its cure, on a curve: a polynomial with many more coefficients than the
//! noisy points it is fitted to, trained by gradient descent with no penalty, an L1 penalty or an
//! L2 penalty. The features are Legendre polynomials, which keep gradient descent well
//! conditioned on `[-1, 1]`; L1 is applied by soft-thresholding (proximal gradient descent),
//! which is how it sets coefficients exactly to zero.
//!
//! The fit is written on plain numbers (a linear model's mean squared error has a two-line
//! gradient), so that the page that animates it does not carry burn. The tests hold it to the
//! same fit done by burn: a `Linear` layer, burn's autodiff and burn's SGD.

use serde::{Deserialize, Serialize};

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
    legendre(x).take(degree).collect()
}

/// `P_1(x), P_2(x), …` by Bonnet's recursion `(k + 1) P_{k+1} = (2k + 1) x P_k − k P_{k−1}`.
fn legendre(x: f32) -> impl Iterator<Item = f32> {
    let (mut p0, mut p1, mut k) = (1.0f32, x, 1usize);
    std::iter::from_fn(move || {
        let out = p1;
        let next = ((2 * k + 1) as f32 * x * p1 - k as f32 * p0) / (k + 1) as f32;
        (p0, p1, k) = (p1, next, k + 1);
        Some(out)
    })
}

/// A polynomial fitted by full-batch gradient descent.
pub struct PolyFit {
    pub penalty: Penalty,
    pub lambda: f32,
    pub learning_rate: f64,
    degree: usize,
    /// The coefficients of `P_1 … P_degree`.
    weights: Vec<f32>,
    bias: f32,
    /// The training points' features, one row of `degree` per point, computed once.
    design: Vec<f32>,
    train: Points,
    validation: Points,
    steps: usize,
}

impl PolyFit {
    /// Starts from small random coefficients drawn with `seed` and a zero constant.
    pub fn new(
        train: Points,
        validation: Points,
        degree: usize,
        penalty: Penalty,
        lambda: f32,
        learning_rate: f64,
        seed: u64,
    ) -> PolyFit {
        let mut rng = Rng::new(seed);
        let weights: Vec<f32> = (0..degree).map(|_| rng.uniform(-0.1, 0.1)).collect();
        let design = train.x.iter().flat_map(|&x| features(x, degree)).collect();
        PolyFit { penalty, lambda, learning_rate, degree, weights, bias: 0.0, design, train, validation, steps: 0 }
    }

    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The polynomial at a point with these features (the first `degree` are used).
    fn at(&self, features: impl IntoIterator<Item = f32>) -> f32 {
        self.bias + features.into_iter().zip(&self.weights).map(|(f, w)| f * w).sum::<f32>()
    }

    /// One gradient step on the training points: the loss is the mean squared error, plus
    /// `λ Σ w²` for L2 (the constant is never penalized).
    pub fn step(&mut self) {
        let n = self.train.y.len();
        if n == 0 || self.degree == 0 {
            return;
        }
        // d/dw of mean((ŷ − y)²) is (2/n) Σ (ŷ − y) · features.
        let mut grad = vec![0.0f32; self.degree];
        let mut grad_bias = 0.0f32;
        for (row, y) in self.design.chunks_exact(self.degree).zip(&self.train.y) {
            let residual = 2.0 * (self.at(row.iter().copied()) - y) / n as f32;
            grad.iter_mut().zip(row).for_each(|(g, f)| *g += residual * f);
            grad_bias += residual;
        }
        if self.penalty == Penalty::L2 {
            grad.iter_mut().zip(&self.weights).for_each(|(g, w)| *g += 2.0 * self.lambda * w);
        }
        let lr = self.learning_rate as f32;
        self.weights.iter_mut().zip(&grad).for_each(|(w, g)| *w -= lr * g);
        self.bias -= lr * grad_bias;
        if self.penalty == Penalty::L1 {
            // Proximal step for λΣ|w|: shrink every weight towards zero by lr·λ, stopping at zero.
            let t = lr * self.lambda;
            self.weights.iter_mut().for_each(|w| *w = w.signum() * (w.abs() - t).max(0.0));
        }
        self.steps += 1;
    }

    /// The fitted curve at `x`.
    pub fn predict(&self, x: &[f32]) -> Vec<f32> {
        x.iter().map(|&x| self.at(legendre(x))).collect()
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
        self.weights.clone()
    }
}

#[cfg(test)]
mod tests {
    use burn::module::Param;
    use burn::nn::{Linear, LinearConfig};
    use burn::optim::{GradientsParams, SgdConfig};
    use burn::prelude::*;

    use super::*;

    #[derive(Module, Debug)]
    struct Poly {
        linear: Linear,
    }

    /// The same fit done by burn: a `Linear` layer from the same start, burn's autodiff of the
    /// loss and burn's SGD, then the same proximal step for L1. Returns the weights and bias.
    fn burn_fit(
        train: &Points,
        degree: usize,
        penalty: Penalty,
        lambda: f32,
        lr: f64,
        steps: usize,
    ) -> (Vec<f32>, f32) {
        let device = Device::flex().autodiff();
        let start = PolyFit::new(train.clone(), Points::default(), degree, penalty, lambda, lr, 3);
        let mut linear = LinearConfig::new(degree, 1).init(&device);
        linear.weight = Param::from_tensor(Tensor::from_data(TensorData::new(start.weights(), [degree, 1]), &device));
        linear.bias = Some(Param::from_tensor(Tensor::zeros([1], &device)));
        let mut model = Poly { linear };
        let mut optim = SgdConfig::new().init();
        let rows: Vec<f32> = train.x.iter().flat_map(|&x| features(x, degree)).collect();
        let n = train.y.len();
        for _ in 0..steps {
            let x = Tensor::<2>::from_data(TensorData::new(rows.clone(), [n, degree]), &device);
            let y = Tensor::<2>::from_data(TensorData::new(train.y.clone(), [n, 1]), &device);
            let mut loss = (model.linear.forward(x) - y).powf_scalar(2.0).mean();
            if penalty == Penalty::L2 {
                loss = loss + model.linear.weight.val().powf_scalar(2.0).sum() * lambda;
            }
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            model = optim.step(lr, model, grads);
            if penalty == Penalty::L1 {
                let t = lr as f32 * lambda;
                let w: Vec<f32> = model.linear.weight.val().try_into_vec_as().unwrap();
                let shrunk: Vec<f32> = w.iter().map(|v| v.signum() * (v.abs() - t).max(0.0)).collect();
                model.linear.weight =
                    Param::from_tensor(Tensor::from_data(TensorData::new(shrunk, [degree, 1]), &device));
            }
        }
        let bias: f32 = model.linear.bias.as_ref().unwrap().val().into_scalar();
        (model.linear.weight.val().try_into_vec_as().unwrap(), bias)
    }

    #[test]
    fn the_fit_takes_burns_steps() {
        let train = noisy_sine(12, 0.3, 1);
        for (penalty, lambda) in [(Penalty::None, 0.0), (Penalty::L1, 0.01), (Penalty::L2, 0.01)] {
            let mut fit = PolyFit::new(train.clone(), Points::default(), 15, penalty, lambda, 0.5, 3);
            (0..300).for_each(|_| fit.step());
            let (weights, bias) = burn_fit(&train, 15, penalty, lambda, 0.5, 300);
            for (ours, burns) in fit.weights().iter().zip(&weights) {
                assert!((ours - burns).abs() < 1e-4, "{penalty:?}: {:?} vs burn {weights:?}", fit.weights());
            }
            assert!((fit.bias - bias).abs() < 1e-4, "{penalty:?}: bias {} vs burn {bias}", fit.bias);
            let zeros = |w: &[f32]| w.iter().filter(|v| **v == 0.0).count();
            assert_eq!(zeros(&fit.weights()), zeros(&weights), "{penalty:?}: the same weights are exactly zero");
        }
    }

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
