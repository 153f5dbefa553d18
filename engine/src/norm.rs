//! Batch normalization by hand, step by step, for the lesson that shows its arithmetic:
//! per feature, the mini-batch mean and variance, the normalized values, then scale γ and
//! shift β. Training uses the batch's statistics; inference uses running averages of them.

/// Every intermediate of one batch-norm forward pass in training mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    pub rows: usize,
    pub features: usize,
    /// Per feature: `μ = (1/m) Σ x`.
    pub mean: Vec<f32>,
    /// Per feature: `σ² = (1/m) Σ (x − μ)²` (the biased variance, as in the paper).
    pub variance: Vec<f32>,
    /// `x̂ = (x − μ) / √(σ² + ε)`, row-major like the input.
    pub normalized: Vec<f32>,
    /// `y = γ x̂ + β`.
    pub output: Vec<f32>,
}

/// Normalizes a `rows × features` batch (row-major) feature by feature.
pub fn train_steps(batch: &[f32], rows: usize, features: usize, gamma: &[f32], beta: &[f32], eps: f32) -> Steps {
    assert_eq!(batch.len(), rows * features);
    assert!(rows > 0 && gamma.len() == features && beta.len() == features);
    let column = |f: usize| (0..rows).map(move |r| batch[r * features + f]);
    let mean: Vec<f32> = (0..features).map(|f| column(f).sum::<f32>() / rows as f32).collect();
    let variance: Vec<f32> =
        (0..features).map(|f| column(f).map(|x| (x - mean[f]).powi(2)).sum::<f32>() / rows as f32).collect();
    let normalized: Vec<f32> = (0..rows * features)
        .map(|i| {
            let f = i % features;
            (batch[i] - mean[f]) / (variance[f] + eps).sqrt()
        })
        .collect();
    let output = normalized.iter().enumerate().map(|(i, x)| gamma[i % features] * x + beta[i % features]).collect();
    Steps { rows, features, mean, variance, normalized, output }
}

/// Inference: normalize with running statistics instead of the batch's.
pub fn inference(
    batch: &[f32],
    features: usize,
    running_mean: &[f32],
    running_var: &[f32],
    gamma: &[f32],
    beta: &[f32],
    eps: f32,
) -> Vec<f32> {
    batch
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let f = i % features;
            gamma[f] * (x - running_mean[f]) / (running_var[f] + eps).sqrt() + beta[f]
        })
        .collect()
}

/// The unbiased variance `σ² · m / (m − 1)` of a batch of `rows` examples: what PyTorch keeps
/// in its running variance (burn's `BatchNorm` keeps the biased `σ²`; for a batch of 64 the two
/// differ by 64/63).
pub fn unbiased(variance: &[f32], rows: usize) -> Vec<f32> {
    let m = rows as f32;
    variance.iter().map(|v| if rows > 1 { v * m / (m - 1.0) } else { *v }).collect()
}

/// The running average update after a training batch: `r ← (1 − momentum)·r + momentum·batch`.
pub fn update_running(running: &mut [f32], batch_statistic: &[f32], momentum: f32) {
    for (r, b) in running.iter_mut().zip(batch_statistic) {
        *r = (1.0 - momentum) * *r + momentum * b;
    }
}

/// The same example, normalized in `draws` different batches of `rows` examples: the other
/// `rows − 1` members of each batch are drawn (seeded) from a normal distribution with each
/// feature's mean and standard deviation in `population` (row-major, `features` wide). Returns
/// one row of `x̂` per batch: how much an example's normalized value depends on its companions.
pub fn in_other_batches(
    example: &[f32],
    population: &[f32],
    features: usize,
    rows: usize,
    draws: usize,
    seed: u64,
) -> Vec<Vec<f32>> {
    assert!(rows > 1 && example.len() == features && population.len() >= features);
    let n = population.len() / features;
    let (ones, zeros) = (vec![1.0; features], vec![0.0; features]);
    let stats = train_steps(&population[..n * features], n, features, &ones, &zeros, 0.0);
    let mut rng = crate::rng::Rng::new(seed);
    (0..draws)
        .map(|_| {
            let mut batch = example.to_vec();
            for _ in 1..rows {
                batch.extend((0..features).map(|f| stats.mean[f] + stats.variance[f].sqrt() * rng.normal()));
            }
            train_steps(&batch, rows, features, &ones, &zeros, 1e-5).normalized[..features].to_vec()
        })
        .collect()
}

/// The population standard deviation of each column of `rows` (all of one width).
pub fn column_spread(rows: &[Vec<f32>]) -> Vec<f32> {
    let Some(width) = rows.first().map(Vec::len) else { return vec![] };
    let flat: Vec<f32> = rows.concat();
    let s = train_steps(&flat, rows.len(), width, &vec![1.0; width], &vec![0.0; width], 0.0);
    s.variance.iter().map(|v| v.sqrt()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_depends_on_its_batch_less_as_the_batch_grows() {
        let population = [1.0, 10.0, 2.0, 20.0, 3.0, 30.0, 6.0, 60.0];
        let small = in_other_batches(&[2.0, 20.0], &population, 2, 4, 400, 7);
        let large = in_other_batches(&[2.0, 20.0], &population, 2, 64, 400, 7);
        assert_eq!(small.len(), 400);
        assert_eq!(in_other_batches(&[2.0, 20.0], &population, 2, 4, 400, 7), small, "seeded");
        let (s, l) = (column_spread(&small), column_spread(&large));
        // x̂ moves with the companions, and less in a batch of 64 than in a batch of 4.
        assert!(s[0] > 0.1 && l[0] < s[0] / 2.0, "spread {s:?} vs {l:?}");
        assert_eq!(column_spread(&[vec![1.0], vec![3.0]]), [1.0]);
    }

    #[test]
    fn the_running_variance_is_unbiased_like_pytorch() {
        // Four values 1, 2, 3, 6: mean 3, biased variance 3.5, unbiased 14/3.
        let steps = train_steps(&[1.0, 2.0, 3.0, 6.0], 4, 1, &[1.0], &[0.0], 1e-5);
        assert!((steps.variance[0] - 3.5).abs() < 1e-6);
        assert!((unbiased(&steps.variance, 4)[0] - 14.0 / 3.0).abs() < 1e-5);
        let mut running = vec![1.0];
        update_running(&mut running, &unbiased(&steps.variance, 4), 0.1);
        assert!((running[0] - (0.9 + 0.1 * 14.0 / 3.0)).abs() < 1e-6, "PyTorch: 0.9·1 + 0.1·14/3");
    }
    use burn::prelude::*;

    #[test]
    fn the_steps_match_the_formula_and_burn() {
        // Four examples, two features.
        let batch = [1.0, 10.0, 2.0, 20.0, 3.0, 30.0, 6.0, 60.0];
        let (gamma, beta) = ([2.0, 0.5], [1.0, -1.0]);
        let s = train_steps(&batch, 4, 2, &gamma, &beta, 1e-5);
        assert_eq!(s.mean, [3.0, 30.0]);
        assert!((s.variance[0] - 3.5).abs() < 1e-5 && (s.variance[1] - 350.0).abs() < 1e-3);
        // Each normalized feature has mean 0 and variance 1.
        let col0: Vec<f32> = (0..4).map(|r| s.normalized[r * 2]).collect();
        assert!(col0.iter().sum::<f32>().abs() < 1e-5);
        assert!((col0.iter().map(|x| x * x).sum::<f32>() / 4.0 - 1.0).abs() < 1e-4);
        assert!((s.output[0] - (2.0 * (1.0 - 3.0) / (3.5f32 + 1e-5).sqrt() + 1.0)).abs() < 1e-5);

        let device = Device::flex();
        let x = Tensor::<2>::from_data(TensorData::new(batch.to_vec(), [4, 2]), &device);
        let g = Tensor::<1>::from_data(TensorData::new(gamma.to_vec(), [2]), &device);
        let b = Tensor::<1>::from_data(TensorData::new(beta.to_vec(), [2]), &device);
        let burn = burn::tensor::module::batch_norm_train(x, g, b, 1e-5);
        let out: Vec<f32> = burn.output.try_into_vec_as().unwrap();
        for (a, b) in s.output.iter().zip(&out) {
            assert!((a - b).abs() < 1e-4, "{a} vs burn {b}");
        }
        let mean: Vec<f32> = burn.mean.try_into_vec_as().unwrap();
        assert_eq!(mean, s.mean);
    }

    #[test]
    fn inference_uses_running_statistics() {
        let mut running_mean = vec![0.0, 0.0];
        update_running(&mut running_mean, &[3.0, 30.0], 0.1);
        assert_eq!(running_mean, [0.3, 3.0]);
        let y = inference(&[0.3, 3.0], 2, &running_mean, &[1.0, 1.0], &[1.0, 1.0], &[0.0, 0.0], 0.0);
        assert_eq!(y, [0.0, 0.0]);
    }
}
