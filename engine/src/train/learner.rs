//! The one training step every task uses: forward and loss (the task's closure), backward,
//! optional gradient clipping by global norm, optimizer step, and divergence detection. It can
//! also measure gradient sizes per layer and, for recurrent layers, per time step.

use burn::module::{ModuleVisitor, Param};
use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::Optimizer;
use crate::nn::{Net, Trace};

/// A loss above this (or NaN, or infinite) means the run has diverged. A 10-class cross-entropy
/// starts near ln 10 ≈ 2.3; a thousand is far beyond any recoverable spike, and by then the
/// weights are ruined.
pub const DIVERGED_LOSS: f32 = 1000.0;

/// The loss exploded: the step was not applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Diverged {
    pub loss: f32,
}

/// What a step measured about the gradients, when asked to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GradientReport {
    /// The global norm `√Σ g²` over every trained parameter, before any clipping.
    pub norm: f32,
    /// Per layer: the mean absolute gradient of its weights (`None` without weights).
    pub layers: Vec<Option<f32>>,
    /// Per recurrent layer, per time step: the norm of the loss's gradient with respect to that
    /// step's state, averaged over the batch.
    pub time_steps: Vec<Vec<f32>>,
}

/// What one step returns besides the task's own output.
pub struct Stepped<O> {
    /// The loss the gradient was taken of.
    pub loss: f32,
    /// When the step was traced: the values entering each activation layer, and gradient sizes.
    pub trace: Option<(Vec<Tensor<2>>, GradientReport)>,
    /// Whatever else the task's forward returned.
    pub output: O,
}

/// A network being trained, with its optimizer's state.
pub struct Learner {
    net: Option<Net>,
    optimizer: Optimizer,
    optim: ModuleOptimizer,
    /// Clip the global gradient norm to this (`None`: no clipping).
    pub clip: Option<f32>,
}

impl Learner {
    pub fn new(net: Net, optimizer: Optimizer) -> Self {
        Self { net: Some(net), optim: optimizer.build(), optimizer, clip: None }
    }

    pub fn net(&self) -> &Net {
        self.net.as_ref().expect("the network is only taken during a step")
    }

    /// Replaces the network (keeping the optimizer's state, which refers to parameter ids).
    pub fn map_net(&mut self, f: impl FnOnce(Net) -> Net) {
        let net = self.net.take().expect("present between steps");
        self.net = Some(f(net));
    }

    /// Replaces the network with another one; the optimizer starts with fresh state.
    pub fn replace(&mut self, net: Net) {
        self.net = Some(net);
        self.optim = self.optimizer.build();
    }

    pub fn optimizer(&self) -> Optimizer {
        self.optimizer
    }

    /// Switches optimizer; the new one starts with fresh state (no momentum carried over).
    pub fn set_optimizer(&mut self, optimizer: Optimizer) {
        self.optimizer = optimizer;
        self.optim = optimizer.build();
    }

    /// One training step at learning rate `lr`. `forward` computes the loss from the network
    /// (recording into the trace it is given); with `traced`, the step also measures gradients.
    /// A loss that is not finite or above [`DIVERGED_LOSS`] is not applied.
    pub fn step<O>(
        &mut self,
        lr: f64,
        traced: bool,
        forward: impl FnOnce(&Net, &mut Trace) -> (Tensor<1>, O),
    ) -> Result<Stepped<O>, Diverged> {
        let net = self.net.take().expect("present between steps");
        let mut trace = Trace { time_gradients: traced, ..Trace::default() };
        let (loss, output) = forward(&net, &mut trace);
        let value: f32 = loss.clone().into_scalar();
        if !value.is_finite() || value > DIVERGED_LOSS {
            self.net = Some(net);
            return Err(Diverged { loss: value });
        }
        let mut grads = loss.backward();
        let report = traced.then(|| GradientReport {
            norm: 0.0,
            layers: net.weight_gradients(&grads),
            time_steps: trace
                .taps
                .iter()
                .map(|taps| taps.iter().map(|t| batch_norm_of(t.grad(&grads))).collect())
                .collect(),
        });
        let mut params = GradientsParams::from_module(&mut grads, &net);
        let norm = (traced || self.clip.is_some()).then(|| global_norm(&net, &params));
        if let (Some(max), Some(norm)) = (self.clip, norm)
            && norm > max
        {
            scale(&net, &mut params, max / norm);
        }
        self.net = Some(self.optim.step(lr, net, params));
        let trace = report.map(|r| (trace.pre_activations, GradientReport { norm: norm.unwrap_or(0.0), ..r }));
        Ok(Stepped { loss: value, trace, output })
    }
}

/// The mean over the batch of each row's norm, for a `[batch, hidden]` gradient.
fn batch_norm_of(grad: Option<Tensor<2>>) -> f32 {
    let Some(g) = grad else { return 0.0 };
    let batch = g.dims()[0].max(1) as f32;
    g.powf_scalar(2.0).sum_dim(1).sqrt().sum().into_scalar::<f32>() / batch
}

/// `√Σ g²` over every gradient in `params`.
fn global_norm(net: &Net, params: &GradientsParams) -> f32 {
    struct Sum<'a>(&'a GradientsParams, f64);
    impl ModuleVisitor for Sum<'_> {
        fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
            if let Some(g) = self.0.get::<D>(param.id) {
                self.1 += f64::from(g.powf_scalar(2.0).sum().into_scalar::<f32>());
            }
        }
    }
    let mut sum = Sum(params, 0.0);
    burn::module::Module::visit(net, &mut sum);
    sum.1.sqrt() as f32
}

/// Multiplies every gradient in `params` by `factor`.
fn scale(net: &Net, params: &mut GradientsParams, factor: f32) {
    struct Scale<'a>(&'a mut GradientsParams, f32);
    impl ModuleVisitor for Scale<'_> {
        fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
            if let Some(g) = self.0.remove::<D>(param.id) {
                self.0.register(param.id, g * self.1);
            }
        }
    }
    burn::module::Module::visit(net, &mut Scale(params, factor));
}
