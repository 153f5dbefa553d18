//! The optimizers the lessons compare, each with its own hyperparameters (the learning rate is
//! separate), built as burn optimizers with PyTorch's defaults where the page invites comparison.

use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdaGradConfig, AdamConfig, ModuleOptimizer, RmsPropConfig, SgdConfig};
use serde::{Deserialize, Serialize};

/// An optimizer and its own hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Optimizer {
    /// Plain stochastic gradient descent.
    Sgd,
    /// SGD with momentum η (no dampening, as in the note and in PyTorch).
    Momentum { momentum: f32 },
    /// SGD with Nesterov momentum: the gradient is taken a step ahead along the velocity.
    Nesterov { momentum: f32 },
    /// Adam with decay rates β1 and β2 for the two moving averages.
    Adam { beta1: f32, beta2: f32 },
    /// RMSprop with decay rate ρ for the moving average of squared gradients.
    RmsProp { decay: f32 },
    /// AdaGrad: each parameter's rate divided by the root of its summed squared gradients.
    AdaGrad,
}

/// The ε that keeps each adaptive optimizer from dividing by zero: PyTorch's defaults (Adam
/// 1e-8, RMSprop 1e-8, AdaGrad 1e-10), so that the page's numbers compare with PyTorch's.
pub const ADAM_EPSILON: f32 = 1e-8;
pub const RMSPROP_EPSILON: f32 = 1e-8;
pub const ADAGRAD_EPSILON: f32 = 1e-10;

impl Optimizer {
    /// Each optimizer with the note's usual hyperparameters.
    pub const DEFAULTS: [Optimizer; 6] = [
        Optimizer::Sgd,
        Optimizer::Momentum { momentum: 0.9 },
        Optimizer::Nesterov { momentum: 0.9 },
        Optimizer::RmsProp { decay: 0.9 },
        Optimizer::Adam { beta1: 0.9, beta2: 0.999 },
        Optimizer::AdaGrad,
    ];

    /// Adam with the note's (and PyTorch's) default decay rates.
    pub const ADAM: Optimizer = Optimizer::Adam { beta1: 0.9, beta2: 0.999 };

    pub fn key(&self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Nesterov { .. } => "nesterov",
            Optimizer::Adam { .. } => "adam",
            Optimizer::RmsProp { .. } => "rmsprop",
            Optimizer::AdaGrad => "adagrad",
        }
    }

    /// The optimizer named `key`, with its default hyperparameters.
    pub fn from_key(key: &str) -> Option<Optimizer> {
        Self::DEFAULTS.into_iter().find(|o| o.key() == key)
    }

    /// burn's optimizer for these settings.
    pub fn build(&self) -> ModuleOptimizer {
        let momentum = |m: f32, nesterov: bool| {
            MomentumConfig::new().with_momentum(f64::from(m)).with_dampening(0.0).with_nesterov(nesterov)
        };
        match *self {
            Optimizer::Sgd => SgdConfig::new().init(),
            Optimizer::Momentum { momentum: m } => SgdConfig::new().with_momentum(Some(momentum(m, false))).init(),
            Optimizer::Nesterov { momentum: m } => SgdConfig::new().with_momentum(Some(momentum(m, true))).init(),
            Optimizer::Adam { beta1, beta2 } => {
                AdamConfig::new().with_beta_1(beta1).with_beta_2(beta2).with_epsilon(ADAM_EPSILON).init()
            }
            Optimizer::AdaGrad => AdaGradConfig::new().with_epsilon(ADAGRAD_EPSILON).init(),
            Optimizer::RmsProp { decay } => {
                RmsPropConfig::new().with_alpha(decay).with_momentum(0.0).with_epsilon(RMSPROP_EPSILON).init()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::module::{Module, Param};
    use burn::optim::GradientsParams;
    use burn::prelude::*;

    #[derive(Module, Debug)]
    struct Scalar {
        x: Param<Tensor<1>>,
    }

    /// One step of `opt` on f(x) = x² / 2 from x = 1, where the gradient is 1.
    fn first_step(opt: Optimizer, lr: f64) -> f32 {
        let device = Device::flex().autodiff();
        let m = Scalar { x: Param::from_tensor(Tensor::from_floats([1.0], &device)) };
        let loss = m.x.val().powf_scalar(2.0).sum() / 2.0;
        let grads = GradientsParams::from_grads(loss.backward(), &m);
        let m = opt.build().step(lr, m, grads);
        m.x.val().into_scalar::<f32>()
    }

    #[test]
    fn optimizers_take_their_textbook_first_step() {
        assert!((first_step(Optimizer::Sgd, 0.1) - 0.9).abs() < 1e-6);
        assert!((first_step(Optimizer::Momentum { momentum: 0.9 }, 0.1) - 0.9).abs() < 1e-6);
        // Adam's first step is lr · g/(|g| + ε) = lr (bias-corrected moments).
        assert!((first_step(Optimizer::ADAM, 0.1) - 0.9).abs() < 1e-6);
        // RMSprop's first step is lr · g / √((1 − ρ) g²) = lr / √(1 − ρ).
        let rms = first_step(Optimizer::RmsProp { decay: 0.9 }, 0.01);
        assert!((rms - (1.0 - 0.01 / 0.1f32.sqrt())).abs() < 1e-5, "{rms}");
        // AdaGrad's first step is lr · g / √(g²) = lr.
        assert!((first_step(Optimizer::AdaGrad, 0.1) - 0.9).abs() < 1e-6);
    }
}
