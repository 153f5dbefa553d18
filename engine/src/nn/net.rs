//! The trainable network: the modules of a [`Stack`]'s layers, run in order. One definition
//! serves training, evaluation and the lessons' pictures, so the network a student draws is the
//! network that trains.

use std::ops::Range;

use burn::module::{Module, ModuleVisitor, Param};
use burn::prelude::*;
use burn::tensor::Gradients;

use super::stack::infer;
use super::{Ctx, Forward, Init, Layer, LayerModule, Shape, Stack, StackError, Value, fused};

/// A network built from a [`Stack`]: each layer's burn module, and which layers are frozen
/// (their parameters get no gradient and never change).
#[derive(Module, Debug)]
pub struct Net {
    layers: Vec<LayerModule>,
    #[module(skip)]
    stack: Stack,
    #[module(skip)]
    frozen: Vec<bool>,
}

/// What a traced forward pass records.
#[derive(Debug, Default)]
pub struct Trace {
    /// The flat values entering each activation layer, in order: what each hidden dense layer
    /// computes before its activation (after batch normalization, when there is one).
    pub pre_activations: Vec<Tensor<2>>,
    /// Whether recurrent layers should tap each time step's state for its gradient.
    pub time_gradients: bool,
    /// Per recurrent layer, one zero tensor per time step that was added to its state: after the
    /// backward pass, each one's gradient is the loss's gradient with respect to that state.
    pub taps: Vec<Vec<Tensor<2>>>,
}

impl Net {
    /// Builds the network for `stack`, drawing every weight from `init`.
    pub fn new(stack: &Stack, init: &mut Init) -> Result<Net, StackError> {
        let infos = stack.infer()?;
        let layers = infos.iter().map(|i| i.layer.init(i.input, init)).collect();
        Ok(Net { layers, stack: stack.clone(), frozen: vec![false; infos.len()] })
    }

    /// Builds the network with PyTorch's default initialization from `seed`.
    pub fn seeded(stack: &Stack, seed: u64, device: &Device) -> Result<Net, StackError> {
        Self::new(stack, &mut Init::new(seed, device))
    }

    /// A new network that starts with the first `keep` layers of `source` (their trained weights
    /// and their frozen flags) and continues with `tail`, drawn fresh from `init`: a pretrained
    /// body with a new head.
    pub fn transfer(source: &Net, keep: usize, tail: &[Layer], init: &mut Init) -> Result<Net, StackError> {
        let keep = keep.min(source.layers.len());
        let mut layers_spec: Vec<Layer> = source.stack.layers[..keep].to_vec();
        layers_spec.extend_from_slice(tail);
        let stack = Stack { input: source.stack.input, layers: layers_spec };
        let infos = stack.infer()?;
        let mut layers: Vec<LayerModule> = source.layers[..keep].to_vec();
        layers.extend(infos[keep..].iter().map(|i| i.layer.init(i.input, init)));
        let mut frozen = source.frozen[..keep].to_vec();
        frozen.resize(infos.len(), false);
        Ok(Net { layers, stack, frozen })
    }

    /// Trainable parameters, counted like PyTorch's `sum(p.numel() for p in parameters())`:
    /// batch norm's running statistics, which burn also stores in the module, do not count.
    pub fn params(&self) -> usize {
        self.stack.params().unwrap_or(0)
    }

    /// The description this network was built from.
    pub fn stack(&self) -> &Stack {
        &self.stack
    }

    /// The layer modules, in order (for lessons that look inside one).
    pub fn modules(&self) -> &[LayerModule] {
        &self.layers
    }

    /// The shape the network produces for inputs of `shape` (which may differ from the stack's
    /// own input, for networks that accept several sizes), or the layer that cannot take it.
    pub fn output_for(&self, shape: Shape) -> Result<Shape, StackError> {
        let infos = infer(shape, &self.stack.layers)?;
        Ok(infos.last().map_or(shape, |i| i.output))
    }

    /// Runs every layer; a convolution (stride 1) followed by a ReLU and a 2×2 max-pool runs as
    /// one [`fused`] op when the tensors live on flex.
    pub fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
        self.forward_segments(x, ctx, &mut |_| {})
    }

    /// [`Net::forward`], calling `done` with the layers each part covered as it finishes: one
    /// layer, or the three of a fused block (for the phase timers).
    pub fn forward_segments(&self, x: Value, ctx: &mut Ctx, done: &mut dyn FnMut(Range<usize>)) -> Value {
        let mut v = x;
        let mut i = 0;
        while i < self.layers.len() {
            let start = i;
            v = match (self.fusable(i, &v), v) {
                (Some((conv, padding)), Value::Image(x)) => {
                    i += 3;
                    let bias = conv.bias.as_ref().expect("checked by fusable").val();
                    Value::Image(fused::conv_relu_pool(x, conv.weight.val(), bias, padding))
                }
                (_, v) => {
                    i += 1;
                    self.layers[start].forward(v, ctx)
                }
            };
            done(start..i);
        }
        v
    }

    /// The convolution and its padding when layers `i..i + 3` are a block the [`fused`] op
    /// computes for `v`.
    fn fusable(&self, i: usize, v: &Value) -> Option<(&burn::nn::conv::Conv2d, usize)> {
        let layers = &self.stack.layers;
        let (Some(Layer::Conv(conv)), Some(Layer::Relu(_)), Some(Layer::MaxPool(pool))) =
            (layers.get(i), layers.get(i + 1), layers.get(i + 2))
        else {
            return None;
        };
        let (LayerModule::Conv(module), Value::Image(x)) = (&self.layers[i], v) else { return None };
        let fits = conv.stride == 1 && pool.size == 2 && pool.stride == 2 && module.bias.is_some();
        (fits && fused::enabled() && fused::supports(&x.device())).then_some((module, conv.padding))
    }

    /// Inference on a batch: no dropout, no trace.
    pub fn infer(&self, x: Value) -> Value {
        self.forward(x, &mut Ctx::inference())
    }

    /// The value after layer `index` (0-based), at inference.
    pub fn output_of(&self, x: Value, index: usize) -> Value {
        let mut ctx = Ctx::inference();
        self.layers.iter().take(index + 1).fold(x, |v, layer| layer.forward(v, &mut ctx))
    }

    /// Freezes or unfreezes layer `index`: a frozen layer gets no gradient, so no optimizer
    /// changes it (a frozen batch norm also keeps its running statistics).
    pub fn set_frozen(self, index: usize, frozen: bool) -> Net {
        let Net { mut layers, stack, frozen: mut flags } = self;
        if let Some(slot) = layers.get_mut(index) {
            let layer = std::mem::replace(slot, LayerModule::Flatten(super::dense::FlattenModule));
            *slot = if frozen { layer.freeze() } else { layer.unfreeze() };
            flags[index] = frozen;
        }
        Net { layers, stack, frozen: flags }
    }

    /// The same network with layer `index` replaced by `module` (which must compute the same
    /// shapes): for looking at a network with one layer's weights changed.
    pub fn with_module(self, index: usize, module: LayerModule) -> Net {
        let Net { mut layers, stack, frozen } = self;
        if let Some(slot) = layers.get_mut(index) {
            *slot = module;
        }
        Net { layers, stack, frozen }
    }

    /// Which layers are frozen.
    pub fn frozen(&self) -> &[bool] {
        &self.frozen
    }

    /// The L1 and L2 penalties `l1·Σ|w| + l2·Σw²` over every weight (biases, β and γ excluded),
    /// or `None` when both are zero.
    pub fn penalty(&self, l1: f32, l2: f32) -> Option<Tensor<1>> {
        if l1 == 0.0 && l2 == 0.0 {
            return None;
        }
        let term = |w: Tensor<1>| match (l1 > 0.0, l2 > 0.0) {
            (true, true) => w.clone().abs().sum() * l1 + w.powf_scalar(2.0).sum() * l2,
            (true, false) => w.abs().sum() * l1,
            _ => w.powf_scalar(2.0).sum() * l2,
        };
        self.layers.iter().flat_map(Forward::weights).map(term).reduce(|a, b| a + b)
    }

    /// The first convolution's kernels `[filters, channels, k, k]`, if there is one.
    pub fn first_kernels(&self) -> Option<Tensor<4>> {
        self.layers.iter().find_map(|l| match l {
            LayerModule::Conv(c) => Some(c.weight.val()),
            _ => None,
        })
    }

    /// The index of the layer whose output shows the first convolution's feature maps: the
    /// convolution itself, or the activation right after it.
    pub fn first_maps_layer(&self) -> Option<usize> {
        let conv = self.stack.layers.iter().position(|l| matches!(l, Layer::Conv(_)))?;
        let next_is_activation = self.stack.layers.get(conv + 1).is_some_and(Layer::is_activation);
        Some(if next_is_activation { conv + 1 } else { conv })
    }

    /// The mean absolute gradient of each layer's weights (not biases), `None` for layers
    /// without weights or without gradients.
    pub fn weight_gradients(&self, grads: &Gradients) -> Vec<Option<f32>> {
        self.layers
            .iter()
            .map(|layer| {
                let mut sizes = GradSizes { grads, path: vec![], sum: 0.0, count: 0 };
                layer.visit(&mut sizes);
                (sizes.count > 0).then(|| (sizes.sum / sizes.count as f64) as f32)
            })
            .collect()
    }

    /// Every parameter's values, layer by layer (to check freezing and loading).
    pub fn parameter_values(&self) -> Vec<Vec<f32>> {
        self.layers
            .iter()
            .map(|layer| {
                let mut values = Values(vec![]);
                layer.visit(&mut values);
                values.0
            })
            .collect()
    }
}

/// Sums |gradient| over the float parameters whose name starts with `weight`.
struct GradSizes<'a> {
    grads: &'a Gradients,
    path: Vec<String>,
    sum: f64,
    count: usize,
}

impl ModuleVisitor for GradSizes<'_> {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        if !self.path.last().is_some_and(|n| n.starts_with("weight")) {
            return;
        }
        if let Some(g) = param.val().grad(self.grads) {
            let n = g.shape().num_elements();
            self.sum += f64::from(g.abs().sum().into_scalar::<f32>());
            self.count += n;
        }
    }
}

struct Values(Vec<f32>);

impl ModuleVisitor for Values {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        self.0.extend(param.val().try_into_vec_as::<f32>().unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Layer;
    use crate::rng::Rng;

    #[test]
    fn conv_relu_pool_blocks_on_flex_run_fused_and_nothing_else_does() {
        let image = |device: &Device| Value::Image(Tensor::<4>::zeros([1, 1, 28, 28], device));
        let blocks = |stack: &Stack, device: &Device| -> Vec<usize> {
            let net = Net::seeded(stack, 1, device).unwrap();
            (0..net.layers.len()).filter(|&i| net.fusable(i, &image(device)).is_some()).collect()
        };
        let digits = |text: &str| Stack::digits(text).unwrap();
        // The note's CNN: both blocks, with or without autodiff (the second gets a 13×13 map, but
        // only the layer pattern decides).
        assert_eq!(blocks(&Stack::note_cnn(), &Device::flex()), [0, 3]);
        assert_eq!(blocks(&Stack::note_cnn(), &Device::flex().autodiff()), [0, 3]);
        // A stride, another pool, another activation, or no pool: burn's path.
        assert!(blocks(&digits("conv:4:3:2,relu,pool:2,flatten,dense:10"), &Device::flex()).is_empty());
        assert!(blocks(&digits("conv:4:3,relu,pool:3,flatten,dense:10"), &Device::flex()).is_empty());
        assert!(blocks(&digits("conv:4:3,tanh,pool:2,flatten,dense:10"), &Device::flex()).is_empty());
        assert!(blocks(&digits("conv:4:3,relu,flatten,dense:10"), &Device::flex()).is_empty());
        assert_eq!(blocks(&digits("conv:4:5:1:2,relu,pool:2,flatten,dense:10"), &Device::flex()), [0]);
    }

    #[test]
    fn the_notes_cnn_builds_with_its_parameter_count_and_shapes() {
        let device = Device::flex();
        let net = Net::seeded(&Stack::note_cnn(), 1, &device).unwrap();
        assert_eq!(net.params(), 24_060);
        let x = Tensor::<4>::zeros([3, 1, 28, 28], &device);
        assert_eq!(net.infer(Value::Image(x.clone())).into_rows().dims(), [3, 10]);
        assert_eq!(net.first_maps_layer(), Some(1), "after the first ReLU");
        let Value::Image(maps) = net.output_of(Value::Image(x), 1) else { panic!() };
        assert_eq!(maps.dims(), [3, 25, 26, 26]);
        assert_eq!(net.first_kernels().unwrap().dims(), [25, 1, 3, 3]);
        let mlp = Net::seeded(&Stack::digits("flatten,dense:32,relu,dense:10").unwrap(), 1, &device).unwrap();
        assert!(mlp.first_kernels().is_none() && mlp.first_maps_layer().is_none());
    }

    #[test]
    fn a_seed_decides_the_initial_weights() {
        let device = Device::flex();
        let weights = |seed| Net::seeded(&Stack::note_cnn(), seed, &device).unwrap().parameter_values();
        let w = weights(3);
        assert_eq!(w, weights(3));
        assert_ne!(w, weights(4));
        assert!(w[0].iter().all(|v| v.abs() <= 1.0 / 3.0), "conv1 has fan-in 9, so weights lie within ±1/3");
    }

    #[test]
    fn batch_norm_layers_normalize_and_traces_record_pre_activations() {
        let device = Device::flex().autodiff();
        let stack = Stack::digits("flatten,dense:16,batchnorm,relu,dense:16,relu,dense:10").unwrap();
        let net = Net::seeded(&stack, 2, &device).unwrap();
        assert_eq!(net.params(), (784 + 1) * 16 + 2 * 16 + (16 + 1) * 16 + (16 + 1) * 10);
        let x = Tensor::<4>::random([8, 1, 28, 28], burn::tensor::Distribution::Default, &device);
        let mut trace = Trace::default();
        let mut rng = Rng::new(1);
        let logits =
            net.forward(Value::Image(x), &mut Ctx { rng: Some(&mut rng), trace: Some(&mut trace) }).into_rows();
        assert_eq!(logits.dims(), [8, 10]);
        assert_eq!(trace.pre_activations.len(), 2, "two activations");
        // In training mode the first traced layer is batch-normalized: mean 0, variance 1 per feature.
        let first: Vec<f32> = trace.pre_activations[0].clone().try_into_vec_as().unwrap();
        let mean0 = (0..8).map(|r| first[r * 16]).sum::<f32>() / 8.0;
        let var0 = (0..8).map(|r| (first[r * 16] - mean0).powi(2)).sum::<f32>() / 8.0;
        assert!(mean0.abs() < 1e-4 && (var0 - 1.0).abs() < 1e-2, "mean {mean0} var {var0}");
        assert!(net.penalty(0.0, 0.0).is_none());
        let l2: f32 = net.penalty(0.0, 1.0).unwrap().into_scalar();
        let values = net.parameter_values();
        // Layers 1, 4 and 6 are dense; their weights come before their biases.
        let by_hand: f32 = [(1, 784 * 16), (4, 16 * 16), (6, 16 * 10)]
            .iter()
            .map(|&(layer, n)| values[layer][..n].iter().map(|w| w * w).sum::<f32>())
            .sum();
        assert!((l2 - by_hand).abs() / by_hand < 1e-4, "{l2} vs {by_hand}");
    }

    #[test]
    fn a_new_head_on_a_kept_body() {
        let device = Device::flex();
        let source = Net::seeded(&Stack::note_cnn(), 5, &device).unwrap().set_frozen(0, true);
        let head = Stack::parse_layers("flatten,dense:5").unwrap();
        let mut init = Init::new(9, &device);
        let net = Net::transfer(&source, 6, &head, &mut init).unwrap();
        assert_eq!(net.stack().layers.len(), 8);
        assert_eq!(net.stack().layers[7], Layer::parse("dense:5").unwrap());
        assert_eq!(net.parameter_values()[0], source.parameter_values()[0], "the body's weights are the source's");
        assert_eq!(net.frozen()[..2], [true, false]);
        assert!(Net::transfer(&source, 6, &Stack::parse_layers("dense:5").unwrap(), &mut init).is_err());
    }
}
