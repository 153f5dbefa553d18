//! Losses for classification: cross-entropy with optional label smoothing, and focal loss.
//! Each has a tensor form for training and a scalar form for the lessons' curves; tests check
//! one against the other and against hand-computed values.

use burn::prelude::*;
use burn::tensor::activation::log_softmax;
use serde::{Deserialize, Serialize};

/// The training loss.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Loss {
    /// Cross-entropy against targets smoothed by ε: `q = (1 − ε)·onehot + ε / K`.
    CrossEntropy { smoothing: f32 },
    /// Focal loss `−α (1 − p_t)^γ log p_t` (Lin et al., 2017); γ = 0 and α = 1 is cross-entropy.
    Focal { gamma: f32, alpha: f32 },
}

impl Default for Loss {
    fn default() -> Self {
        Loss::CrossEntropy { smoothing: 0.0 }
    }
}

/// Below this, `1 − p_t` is treated as this: the focal factor's gradient stays finite when the
/// model is certain (`p_t → 1`) and γ < 1.
const EPS: f32 = 1e-6;

impl Loss {
    /// The mean loss of a batch: `logits` `[batch, classes]`, `targets` `[batch]`.
    pub fn forward(&self, logits: Tensor<2>, targets: Tensor<1, Int>) -> Tensor<1> {
        self.per_example(logits, targets).mean()
    }

    /// The mean loss over the rows where `mask` is 1 (rows where it is 0, such as padding, do
    /// not count). `mask` is `[batch]` of zeros and ones with at least one one.
    pub fn forward_masked(&self, logits: Tensor<2>, targets: Tensor<1, Int>, mask: Tensor<1>) -> Tensor<1> {
        let kept = mask.clone().sum().clamp_min(1.0);
        (self.per_example(logits, targets) * mask).sum() / kept
    }

    /// Each row's loss: `[batch]`.
    pub fn per_example(&self, logits: Tensor<2>, targets: Tensor<1, Int>) -> Tensor<1> {
        let [batch, classes] = logits.dims();
        let log_p = log_softmax(logits, 1);
        let log_pt: Tensor<2> = log_p.clone().gather(1, targets.reshape([batch, 1])); // [batch, 1]
        let per_row = match *self {
            Loss::CrossEntropy { smoothing } => {
                let nll = log_pt.neg() * (1.0 - smoothing);
                let uniform = log_p.sum_dim(1).neg() * (smoothing / classes as f32);
                nll + uniform
            }
            Loss::Focal { gamma, alpha } => {
                let one_minus = (log_pt.clone().exp().neg() + 1.0).clamp_min(EPS);
                (one_minus.powf_scalar(gamma) * log_pt).neg() * alpha
            }
        };
        per_row.reshape([batch])
    }

    /// The loss of one example whose correct class has probability `p_t` (no smoothing term for
    /// the other classes: for the curves of the focal-loss lesson).
    pub fn of_pt(&self, p_t: f32) -> f32 {
        let p = p_t.clamp(1e-12, 1.0);
        match *self {
            Loss::CrossEntropy { .. } => -p.ln(),
            Loss::Focal { gamma, alpha } => -alpha * (1.0 - p).max(0.0).powf(gamma) * p.ln(),
        }
    }
}

/// The α-balanced focal loss of the paper's binary form, for a label `y ∈ {0, 1}` and predicted
/// probability `p` of class 1: `α_t = α` when `y = 1`, `1 − α` otherwise.
pub fn focal_binary(p: f32, y: u8, gamma: f32, alpha: f32) -> f32 {
    let (p_t, alpha_t) = if y == 1 { (p, alpha) } else { (1.0 - p, 1.0 - alpha) };
    -alpha_t * (1.0 - p_t).max(0.0).powf(gamma) * p_t.clamp(1e-12, 1.0).ln()
}

/// Smoothed cross-entropy of one example given its logits, computed straight from the formula.
pub fn smoothed_cross_entropy(logits: &[f32], target: usize, smoothing: f32) -> f32 {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let log_sum = logits.iter().map(|l| (l - max).exp()).sum::<f32>().ln() + max;
    let k = logits.len() as f32;
    logits
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let q = if i == target { 1.0 - smoothing + smoothing / k } else { smoothing / k };
            -q * (l - log_sum)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::nn::loss::CrossEntropyLossConfig;

    fn batch() -> (Tensor<2>, Tensor<1, Int>, Vec<f32>) {
        let device = Device::flex();
        let values = vec![2.0, -1.0, 0.5, 0.0, 3.0, -2.0];
        let logits = Tensor::from_data(TensorData::new(values.clone(), [2, 3]), &device);
        let targets = Tensor::from_data(TensorData::new(vec![0i64, 2], [2]), &device);
        (logits, targets, values)
    }

    fn scalar(t: Tensor<1>) -> f32 {
        t.into_scalar()
    }

    #[test]
    fn cross_entropy_matches_burn_and_the_formula() {
        let (logits, targets, values) = batch();
        for eps in [0.0, 0.1, 0.3] {
            let ours = scalar(Loss::CrossEntropy { smoothing: eps }.forward(logits.clone(), targets.clone()));
            let formula =
                (smoothed_cross_entropy(&values[..3], 0, eps) + smoothed_cross_entropy(&values[3..], 2, eps)) / 2.0;
            assert!((ours - formula).abs() < 1e-5, "ε={eps}: {ours} vs {formula}");
            let config = CrossEntropyLossConfig::new().with_smoothing((eps > 0.0).then_some(eps));
            let burn = scalar(config.init(&Device::flex()).forward(logits.clone(), targets.clone()));
            assert!((ours - burn).abs() < 1e-5, "ε={eps}: {ours} vs burn {burn}");
        }
    }

    #[test]
    fn focal_loss_reduces_to_cross_entropy_and_down_weights_easy_examples() {
        let (logits, targets, _) = batch();
        let ce = scalar(Loss::default().forward(logits.clone(), targets.clone()));
        let focal0 = scalar(Loss::Focal { gamma: 0.0, alpha: 1.0 }.forward(logits.clone(), targets.clone()));
        assert!((ce - focal0).abs() < 1e-5, "γ = 0 is cross-entropy");
        let focal2 = scalar(Loss::Focal { gamma: 2.0, alpha: 1.0 }.forward(logits.clone(), targets.clone()));
        assert!(focal2 < ce);
        let weighted = scalar(Loss::Focal { gamma: 2.0, alpha: 0.25 }.forward(logits, targets));
        assert!((weighted - 0.25 * focal2).abs() < 1e-6);
        // Hand-computed: p_t = 0.9, γ = 2 → −(0.1)² · ln 0.9 = 0.0010536.
        assert!((Loss::Focal { gamma: 2.0, alpha: 1.0 }.of_pt(0.9) - 0.001_053_6).abs() < 1e-6);
        assert!((Loss::default().of_pt(0.5) - std::f32::consts::LN_2).abs() < 1e-6);
        // The paper's α-balanced binary form.
        assert!((focal_binary(0.9, 1, 2.0, 0.25) - 0.25 * 0.001_053_6).abs() < 1e-6);
        assert!((focal_binary(0.9, 0, 0.0, 0.25) - 0.75 * -(0.1f32).ln()).abs() < 1e-5);
    }

    #[test]
    fn focal_gradients_stay_finite_at_both_ends() {
        let device = Device::flex().autodiff();
        for gamma in [0.5, 2.0] {
            for logit in [-30.0f32, 0.0, 30.0] {
                // Two classes; the target is class 0 with logit `logit` against 0: p_t from ~0 to ~1.
                let x = Tensor::<2>::from_data(TensorData::new(vec![logit, 0.0], [1, 2]), &device).require_grad();
                let targets = Tensor::<1, Int>::from_data(TensorData::new(vec![0i64], [1]), &device);
                let loss = Loss::Focal { gamma, alpha: 1.0 }.forward(x.clone(), targets);
                assert!(scalar(loss.clone()).is_finite());
                let grads = loss.backward();
                let g: Vec<f32> = x.grad(&grads).unwrap().try_into_vec_as().unwrap();
                assert!(g.iter().all(|v| v.is_finite()), "γ={gamma}, logit {logit}: {g:?}");
            }
        }
    }
}
