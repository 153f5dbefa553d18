//! The trainable networks, built from a [`Stack`]: the note's CNN, an MLP, or whatever the
//! architecture lesson builds. One definition serves training, evaluation and the lessons'
//! pictures, so the network a student draws is the network that trains.
//!
//! Initial weights and dropout masks come from the engine's own seeded [`Rng`], not from burn's
//! process-wide generator, so a seed decides a whole run even when other runs interleave.

use std::fmt;

use burn::module::Param;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{BatchNorm, BatchNormConfig, Linear, LinearConfig, PaddingConfig2d, Relu};
use burn::prelude::*;

use crate::arch::{DIGIT, Layer, LayerInfo, Shape, Stack, StackError};
use crate::mnist::CLASSES;
use crate::rng::Rng;

/// Why a stack cannot become a digit classifier.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// The stack itself is invalid.
    Stack(StackError),
    /// The input is not a 28×28 greyscale image.
    Input(Shape),
    /// The last layer does not give ten class scores.
    Output(Shape),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stack(e) => write!(f, "{e}"),
            Self::Input(s) => write!(f, "the network reads 28×28×1 digits, not {s}"),
            Self::Output(s) => write!(f, "the network must end with 10 class scores, not {s}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// A network of convolutions, max-pools, flattening, dense layers and dropout, run in the order
/// of its stack. Each convolution and every dense layer but the last is followed by a ReLU.
/// Dropout is active only in [`Net::forward_train`] (inverted dropout: kept units are scaled by
/// `1 / (1 − p)`, so inference needs no change).
///
/// # Shapes
/// - input: `[batch, 1, 28, 28]`
/// - output: `[batch, 10]` (logits)
#[derive(Module, Debug)]
pub struct Net {
    convs: Vec<Conv2d>,
    pools: Vec<MaxPool2d>,
    denses: Vec<Linear>,
    norms: Vec<BatchNorm>,
    relu: Relu,
    #[module(skip)]
    layers: Vec<Layer>,
}

impl Net {
    /// Builds the network for `stack`, which must read 28×28×1 and end in 10 scores. Weights and
    /// biases are drawn uniformly from `±1/√fan_in` (burn's and PyTorch's default) with `seed`.
    pub fn new(stack: &Stack, seed: u64, device: &Device) -> Result<Net, ModelError> {
        let infos = Self::checked(stack)?;
        let mut rng = Rng::new(seed);
        let (mut convs, mut pools, mut denses, mut norms) = (vec![], vec![], vec![], vec![]);
        for info in &infos {
            match (info.layer, info.input) {
                (Layer::Conv { filters, kernel, stride, padding }, Shape::Volume { channels, .. }) => {
                    let mut conv = Conv2dConfig::new([channels, filters], [kernel, kernel])
                        .with_stride([stride, stride])
                        .with_padding(PaddingConfig2d::Explicit(padding, padding, padding, padding))
                        .init(device);
                    let fan_in = channels * kernel * kernel;
                    conv.weight = uniform(&mut rng, [filters, channels, kernel, kernel], fan_in, device);
                    conv.bias = Some(uniform(&mut rng, [filters], fan_in, device));
                    convs.push(conv);
                }
                (Layer::MaxPool { size, stride }, _) => {
                    pools.push(MaxPool2dConfig::new([size, size]).with_strides([stride, stride]).init())
                }
                (Layer::Dense { units }, Shape::Flat(n)) => {
                    let mut dense = LinearConfig::new(n, units).init(device);
                    dense.weight = uniform(&mut rng, [n, units], n, device);
                    dense.bias = Some(uniform(&mut rng, [units], n, device));
                    denses.push(dense);
                }
                (Layer::BatchNorm, Shape::Volume { channels: features, .. } | Shape::Flat(features)) => {
                    norms.push(BatchNormConfig::new(features).init(device));
                }
                _ => {}
            }
        }
        Ok(Net { convs, pools, denses, norms, relu: Relu::new(), layers: stack.layers.clone() })
    }

    /// Whether `stack` can become a digit classifier: valid, reading 28×28×1, ending in 10 scores.
    pub fn check(stack: &Stack) -> Result<(), ModelError> {
        Self::checked(stack).map(|_| ())
    }

    /// [`Net::check`], returning what each layer does.
    fn checked(stack: &Stack) -> Result<Vec<LayerInfo>, ModelError> {
        let infos = stack.infer().map_err(ModelError::Stack)?;
        if stack.input != DIGIT {
            return Err(ModelError::Input(stack.input));
        }
        let out = infos.last().map_or(stack.input, |i| i.output);
        if out != Shape::Flat(CLASSES) {
            return Err(ModelError::Output(out));
        }
        Ok(infos)
    }

    /// The class scores (logits) for a batch of digits, for inference: no dropout.
    pub fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        self.run(x, None, None, None).0
    }

    /// The class scores while training: dropout masks are drawn from `rng`.
    pub fn forward_train(&self, x: Tensor<4>, rng: &mut Rng) -> Tensor<2> {
        self.run(x, None, Some(rng), None).0
    }

    /// Like [`Net::forward_train`], and also returns what every hidden dense layer computes
    /// before its activation (after batch normalization, when there is one): the values whose
    /// drift the note calls internal covariate shift.
    pub fn forward_traced(&self, x: Tensor<4>, rng: &mut Rng) -> (Tensor<2>, Vec<Tensor<2>>) {
        let mut trace = Vec::new();
        let logits = self.run(x, None, Some(rng), Some(&mut trace)).0;
        (logits, trace)
    }

    /// The weights (not biases) of the dense layers, in order: for per-layer gradient sizes.
    pub fn dense_weights(&self) -> impl Iterator<Item = &Param<Tensor<2>>> {
        self.denses.iter().map(|d| &d.weight)
    }

    /// The L1 and L2 penalties `l1·Σ|w| + l2·Σw²` over every weight (biases, β and γ excluded),
    /// or `None` when both are zero.
    pub fn penalty(&self, l1: f32, l2: f32) -> Option<Tensor<1>> {
        if l1 == 0.0 && l2 == 0.0 {
            return None;
        }
        let term = |w: Tensor<1>| w.clone().abs().sum() * l1 + w.powf_scalar(2.0).sum() * l2;
        let convs = self.convs.iter().map(|c| term(c.weight.val().flatten(0, 3)));
        let denses = self.denses.iter().map(|d| term(d.weight.val().flatten(0, 1)));
        convs.chain(denses).reduce(|a, b| a + b)
    }

    /// Every weight of the dense and convolution layers, as one list (to check `penalty` by hand).
    #[cfg(test)]
    fn weight_values(&self) -> Vec<f32> {
        let convs = self.convs.iter().flat_map(|c| c.weight.val().try_into_vec_as::<f32>().unwrap_or_default());
        let denses = self.denses.iter().flat_map(|d| d.weight.val().try_into_vec_as::<f32>().unwrap_or_default());
        convs.chain(denses).collect()
    }

    /// The output of the first convolution (after its ReLU) for a batch, if there is one:
    /// `[batch, filters, h, w]`. This is what the feature-map pictures show.
    pub fn first_feature_maps(&self, x: Tensor<4>) -> Option<Tensor<4>> {
        let first_conv = self.layers.iter().position(|l| matches!(l, Layer::Conv { .. }))?;
        self.run(x, Some(first_conv), None, None).1
    }

    /// The first convolution's kernels as `[filters, channels, k, k]`, if there is one.
    pub fn first_kernels(&self) -> Option<Tensor<4>> {
        self.convs.first().map(|c| c.weight.val())
    }

    /// The layers this network was built from.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Runs the layers in order, with dropout when `rng` is given; when `stop` is given, also
    /// returns the image after that layer; `trace` collects each hidden dense layer's values
    /// before its activation.
    fn run(
        &self,
        x: Tensor<4>,
        stop: Option<usize>,
        mut rng: Option<&mut Rng>,
        mut trace: Option<&mut Vec<Tensor<2>>>,
    ) -> (Tensor<2>, Option<Tensor<4>>) {
        enum Value {
            Image(Tensor<4>),
            Flat(Tensor<2>),
        }
        let last_dense = self.layers.iter().rposition(|l| matches!(l, Layer::Dense { .. }));
        let mut convs = self.convs.iter();
        let mut pools = self.pools.iter();
        let mut denses = self.denses.iter();
        let mut norms = self.norms.iter();
        // A conv or hidden dense layer is followed by a ReLU; when a batch norm directly follows
        // it, the ReLU comes after the batch norm (conv → BN → ReLU, as the note draws it).
        let weighted = |j: usize| match self.layers[j] {
            Layer::Conv { .. } => true,
            Layer::Dense { .. } => Some(j) != last_dense,
            _ => false,
        };
        let bn_next = |i: usize| matches!(self.layers.get(i + 1), Some(Layer::BatchNorm));
        let relu_after = |i: usize| match self.layers[i] {
            Layer::BatchNorm => i > 0 && weighted(i - 1),
            _ => weighted(i) && !bn_next(i),
        };
        let mut value = Value::Image(x);
        let mut captured = None;
        for (i, layer) in self.layers.iter().enumerate() {
            value = match (layer, value) {
                (Layer::Conv { .. }, Value::Image(x)) => Value::Image(convs.next().expect("checked").forward(x)),
                (Layer::MaxPool { .. }, Value::Image(x)) => Value::Image(pools.next().expect("checked").forward(x)),
                (Layer::Flatten, Value::Image(x)) => Value::Flat(x.flatten(1, 3)),
                (Layer::Dense { .. }, Value::Flat(x)) => Value::Flat(denses.next().expect("checked").forward(x)),
                (Layer::BatchNorm, Value::Image(x)) => Value::Image(norms.next().expect("checked").forward(x)),
                (Layer::BatchNorm, Value::Flat(x)) => Value::Flat(norms.next().expect("checked").forward(x)),
                (Layer::Dropout { p }, Value::Image(x)) => Value::Image(dropout(x, *p, rng.as_deref_mut())),
                (Layer::Dropout { p }, Value::Flat(x)) => Value::Flat(dropout(x, *p, rng.as_deref_mut())),
                (_, v) => v, // Flatten of flat data; `Net::new` checked everything else.
            };
            if relu_after(i) {
                value = match value {
                    Value::Image(x) => Value::Image(self.relu.forward(x)),
                    Value::Flat(x) => {
                        if let Some(t) = trace.as_deref_mut() {
                            t.push(x.clone());
                        }
                        Value::Flat(self.relu.forward(x))
                    }
                };
            }
            if Some(i) == stop
                && let Value::Image(x) = &value
            {
                captured = Some(x.clone());
            }
        }
        match value {
            Value::Flat(x) => (x, captured),
            Value::Image(x) => (x.flatten(1, 3), captured),
        }
    }
}

/// A parameter of the given shape drawn uniformly from `±1/√fan_in`.
fn uniform<const D: usize>(rng: &mut Rng, shape: [usize; D], fan_in: usize, device: &Device) -> Param<Tensor<D>> {
    let bound = 1.0 / (fan_in.max(1) as f32).sqrt();
    let values: Vec<f32> = (0..shape.iter().product()).map(|_| rng.uniform(-bound, bound)).collect();
    Param::from_tensor(Tensor::from_data(TensorData::new(values, shape), device))
}

/// Inverted dropout: each unit is kept with probability `1 − p` and scaled by `1 / (1 − p)`;
/// without an `rng` (inference) the input passes unchanged.
pub fn dropout<const D: usize>(x: Tensor<D>, p: f32, rng: Option<&mut Rng>) -> Tensor<D> {
    let Some(rng) = rng.filter(|_| p > 0.0) else { return x };
    let mask = dropout_mask(x.shape().num_elements(), p, rng);
    let mask = Tensor::from_data(TensorData::new(mask, x.dims()), &x.device());
    x * mask
}

/// The multipliers of inverted dropout for `n` units: `0` for a dropped unit (probability `p`),
/// `1 / (1 − p)` for a kept one.
pub fn dropout_mask(n: usize, p: f32, rng: &mut Rng) -> Vec<f32> {
    let scale = 1.0 / (1.0 - p);
    (0..n).map(|_| if rng.unit() < p { 0.0 } else { scale }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_cnn_builds_with_its_parameter_count_and_shapes() {
        let device = Device::flex();
        let net = Net::new(&Stack::note_cnn(), 1, &device).unwrap();
        assert_eq!(net.num_params(), 24_060);
        let x = Tensor::<4>::zeros([3, 1, 28, 28], &device);
        assert_eq!(net.forward(x.clone()).dims(), [3, 10]);
        assert_eq!(net.first_feature_maps(x).unwrap().dims(), [3, 25, 26, 26]);
        assert_eq!(net.first_kernels().unwrap().dims(), [25, 1, 3, 3]);
    }

    #[test]
    fn stacks_that_cannot_classify_digits_are_refused() {
        let device = Device::flex();
        let mlp = Stack::digits("flatten,dense:32,dropout:0.2,dense:10").unwrap();
        let net = Net::new(&mlp, 1, &device).unwrap();
        assert_eq!(net.num_params(), (784 + 1) * 32 + (32 + 1) * 10);
        assert!(net.first_feature_maps(Tensor::zeros([1, 1, 28, 28], &device)).is_none());
        let wrong_out = Stack { layers: Stack::parse_layers("flatten,dense:5").unwrap(), ..mlp.clone() };
        assert_eq!(Net::new(&wrong_out, 1, &device).unwrap_err(), ModelError::Output(Shape::Flat(5)));
        let wrong_in = Stack { input: Shape::Volume { height: 32, width: 32, channels: 3 }, ..mlp };
        assert!(matches!(Net::new(&wrong_in, 1, &device), Err(ModelError::Input(_))));
    }

    #[test]
    fn a_seed_decides_the_initial_weights() {
        let device = Device::flex();
        let weights = |seed| {
            Net::new(&Stack::note_cnn(), seed, &device)
                .unwrap()
                .first_kernels()
                .unwrap()
                .try_into_vec_as::<f32>()
                .unwrap()
        };
        let w = weights(3);
        assert_eq!(w, weights(3));
        assert_ne!(w, weights(4));
        assert!(w.iter().all(|v| v.abs() <= 1.0 / 3.0), "conv1 has fan-in 9, so weights lie within ±1/3");
    }

    #[test]
    fn batch_norm_layers_normalize_and_trace_hidden_layers() {
        let device = Device::flex().autodiff();
        let stack = Stack::digits("flatten,dense:16,batchnorm,dense:16,dense:10").unwrap();
        let net = Net::new(&stack, 2, &device).unwrap();
        assert_eq!(net.num_params(), (784 + 1) * 16 + 2 * 16 + 2 * 16 + (16 + 1) * 16 + (16 + 1) * 10);
        let x = Tensor::<4>::random([8, 1, 28, 28], burn::tensor::Distribution::Default, &device);
        let (logits, trace) = net.forward_traced(x, &mut Rng::new(1));
        assert_eq!(logits.dims(), [8, 10]);
        assert_eq!(trace.len(), 2, "two hidden dense layers");
        // In training mode the first traced layer is batch-normalized: mean 0, variance 1 per feature.
        let first: Vec<f32> = trace[0].clone().try_into_vec_as().unwrap();
        let mean0 = (0..8).map(|r| first[r * 16]).sum::<f32>() / 8.0;
        let var0 = (0..8).map(|r| (first[r * 16] - mean0).powi(2)).sum::<f32>() / 8.0;
        assert!(mean0.abs() < 1e-4 && (var0 - 1.0).abs() < 1e-2, "mean {mean0} var {var0}");
        assert!(net.penalty(0.0, 0.0).is_none());
        let l2: f32 = net.penalty(0.0, 1.0).unwrap().into_scalar();
        let by_hand: f32 = net.weight_values().iter().map(|w| w * w).sum();
        assert!((l2 - by_hand).abs() / by_hand < 1e-4);
    }

    #[test]
    fn inverted_dropout_keeps_the_expected_value() {
        let device = Device::flex();
        let x = Tensor::<2>::ones([100, 100], &device);
        let mut rng = Rng::new(9);
        let y: Vec<f32> = dropout(x.clone(), 0.5, Some(&mut rng)).try_into_vec_as().unwrap();
        let zeros = y.iter().filter(|v| **v == 0.0).count();
        assert!((4500..5500).contains(&zeros), "{zeros} of 10000 dropped");
        assert!(y.iter().all(|v| *v == 0.0 || *v == 2.0));
        let mean = y.iter().sum::<f32>() / y.len() as f32;
        assert!((mean - 1.0).abs() < 0.05);
        let unchanged: Vec<f32> = dropout(x, 0.5, None).try_into_vec_as().unwrap();
        assert!(unchanged.iter().all(|v| *v == 1.0));
    }
}
