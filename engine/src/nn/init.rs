//! Initial weights: the one place where a network's starting values are drawn, all from the
//! engine's own seeded [`Rng`] (never burn's process-wide generator), so a seed decides a whole
//! run even when other runs interleave.

use burn::module::Param;
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// How weights (not biases) are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum InitScheme {
    /// PyTorch's and burn's default for linear and convolution layers: uniform in
    /// `±scale/√fan_in` (scale 1 is the default).
    Uniform { scale: f32 },
    /// He (Kaiming) normal: `N(0, (scale·√(2/fan_in))²)`, meant for ReLU networks.
    Normal { scale: f32 },
}

impl Default for InitScheme {
    fn default() -> Self {
        InitScheme::Uniform { scale: 1.0 }
    }
}

/// Draws the parameters of one network, layer after layer, from one seed.
pub struct Init {
    rng: Rng,
    scheme: InitScheme,
    device: Device,
}

impl Init {
    /// PyTorch's default scheme.
    pub fn new(seed: u64, device: &Device) -> Self {
        Self::with_scheme(seed, InitScheme::default(), device)
    }

    pub fn with_scheme(seed: u64, scheme: InitScheme, device: &Device) -> Self {
        Self { rng: Rng::new(seed), scheme, device: device.clone() }
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Weights of a layer whose outputs each add up `fan_in` inputs, by the chosen scheme.
    pub fn weight<const D: usize>(&mut self, shape: [usize; D], fan_in: usize) -> Param<Tensor<D>> {
        let fan_in = fan_in.max(1) as f32;
        match self.scheme {
            InitScheme::Uniform { scale } => self.uniform(shape, scale / fan_in.sqrt()),
            InitScheme::Normal { scale } => self.normal(shape, scale * (2.0 / fan_in).sqrt()),
        }
    }

    /// Biases: PyTorch's default, uniform in `±1/√fan_in`, whatever the weights' scheme.
    pub fn bias<const D: usize>(&mut self, shape: [usize; D], fan_in: usize) -> Param<Tensor<D>> {
        self.uniform(shape, 1.0 / (fan_in.max(1) as f32).sqrt())
    }

    /// Uniform in `±bound`.
    pub fn uniform<const D: usize>(&mut self, shape: [usize; D], bound: f32) -> Param<Tensor<D>> {
        let values: Vec<f32> = (0..shape.iter().product()).map(|_| self.rng.uniform(-bound, bound)).collect();
        self.param(values, shape)
    }

    /// Normal with mean 0 and standard deviation `std`.
    pub fn normal<const D: usize>(&mut self, shape: [usize; D], std: f32) -> Param<Tensor<D>> {
        let values: Vec<f32> = (0..shape.iter().product()).map(|_| self.rng.normal() * std).collect();
        self.param(values, shape)
    }

    /// A constant parameter (BN's γ = 1 and β = 0).
    pub fn constant<const D: usize>(&mut self, shape: [usize; D], value: f32) -> Param<Tensor<D>> {
        self.param(vec![value; shape.iter().product()], shape)
    }

    fn param<const D: usize>(&self, values: Vec<f32>, shape: [usize; D]) -> Param<Tensor<D>> {
        Param::from_tensor(Tensor::from_data(TensorData::new(values, shape), &self.device))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_follow_the_scheme_and_the_seed() {
        let device = Device::flex();
        let draw = |seed, scheme| {
            Init::with_scheme(seed, scheme, &device).weight([50, 40], 100).val().try_into_vec_as::<f32>().unwrap()
        };
        let uniform = draw(1, InitScheme::default());
        assert_eq!(uniform, draw(1, InitScheme::default()));
        assert_ne!(uniform, draw(2, InitScheme::default()));
        assert!(uniform.iter().all(|w| w.abs() <= 0.1), "fan-in 100: within ±1/10");
        let tiny = draw(1, InitScheme::Uniform { scale: 0.01 });
        assert!(tiny.iter().all(|w| w.abs() <= 0.001));
        let he = draw(1, InitScheme::Normal { scale: 1.0 });
        let var = he.iter().map(|w| w * w).sum::<f32>() / he.len() as f32;
        assert!((var - 0.02).abs() < 0.003, "He: variance 2/fan_in, got {var}");
    }
}
