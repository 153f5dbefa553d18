//! The engine's convolution and pooling arithmetic agrees with burn: output shapes from burn's own
//! `Conv2d` and `MaxPool2d` modules, and values from burn's convolution and pooling kernels, over
//! many seeded random geometries.

use burn::nn::PaddingConfig2d;
use burn::nn::conv::Conv2dConfig;
use burn::nn::pool::MaxPool2dConfig;
use burn::prelude::*;
use burn::tensor::module::{conv2d, max_pool2d};
use burn::tensor::ops::{ConvOptions, MaxPoolOptions};
use engine::conv::{Axis, Conv2d as RefConv, PadMode, Volume};
use engine::nn::{Conv2d as ConvLayer, Layer, Shape, Stack};
use engine::pool::{PoolKind, pool2d};
use engine::rng::Rng;

fn device() -> Device {
    Device::flex()
}

fn random_volume(rng: &mut Rng, c: usize, h: usize, w: usize) -> Volume {
    Volume::from_vec(c, h, w, (0..c * h * w).map(|_| rng.uniform(-1.0, 1.0)).collect()).unwrap()
}

fn tensor(v: &Volume) -> Tensor<4> {
    Tensor::from_data(TensorData::new(v.data.clone(), [1, v.channels, v.height, v.width]), &device())
}

#[test]
fn conv_and_pool_output_sizes_match_burns_modules() {
    let mut rng = Rng::new(11);
    let mut checked = 0;
    while checked < 60 {
        let (c, h, w) = (1 + rng.below(3), 1 + rng.below(16), 1 + rng.below(16));
        let (k, s, p) = (1 + rng.below(5), 1 + rng.below(4), rng.below(3));
        let (ay, ax) = (Axis::new(h, k, s, p), Axis::new(w, k, s, p));
        let (Ok(oh), Ok(ow)) = (ay.output(), ax.output()) else { continue };
        let filters = 1 + rng.below(4);
        let conv = Conv2dConfig::new([c, filters], [k, k])
            .with_stride([s, s])
            .with_padding(PaddingConfig2d::Explicit(p, p, p, p))
            .init(&device());
        let out = conv.forward(Tensor::zeros([2, c, h, w], &device()));
        assert_eq!(out.dims(), [2, filters, oh, ow], "conv c{c} {h}×{w} k{k} s{s} p{p}");
        // The parameter count the lessons show is the module's own.
        let stack = Stack {
            input: Shape::Volume { height: h, width: w, channels: c },
            layers: vec![Layer::Conv(ConvLayer { filters, kernel: k, stride: s, padding: p })],
        };
        assert_eq!(stack.params().unwrap(), conv.num_params());

        if let (Ok(ph), Ok(pw)) = (Axis::new(h, k, s, 0).output(), Axis::new(w, k, s, 0).output()) {
            let pool = MaxPool2dConfig::new([k, k]).with_strides([s, s]).init();
            let pooled = pool.forward(Tensor::zeros([1, c, h, w], &device()));
            assert_eq!(pooled.dims(), [1, c, ph, pw], "pool c{c} {h}×{w} k{k} s{s}");
        }
        checked += 1;
    }
}

#[test]
fn the_notes_cnn_has_the_shapes_burn_computes() {
    let d = device();
    let x = Tensor::<4>::zeros([1, 1, 28, 28], &d);
    let c1 = Conv2dConfig::new([1, 25], [3, 3]).init(&d).forward(x);
    let p1 = MaxPool2dConfig::new([2, 2]).init().forward(c1.clone());
    let c2 = Conv2dConfig::new([25, 50], [3, 3]).init(&d).forward(p1.clone());
    let p2 = MaxPool2dConfig::new([2, 2]).init().forward(c2.clone());
    let dims: Vec<[usize; 4]> = vec![c1.dims(), p1.dims(), c2.dims(), p2.dims()];
    let ours: Vec<[usize; 4]> = Stack::note_cnn()
        .infer()
        .unwrap()
        .iter()
        .filter(|i| matches!(i.layer, Layer::Conv(_) | Layer::MaxPool(_)))
        .map(|i| match i.output {
            Shape::Volume { height, width, channels } => [1, channels, height, width],
            other => unreachable!("{other}"),
        })
        .collect();
    assert_eq!(dims, ours);
}

#[test]
fn reference_convolution_and_pooling_match_burns_kernels() {
    let mut rng = Rng::new(5);
    let mut checked = 0;
    while checked < 40 {
        let (c, h, w) = (1 + rng.below(3), 2 + rng.below(10), 2 + rng.below(10));
        let (k, s, p) = (1 + rng.below(4), 1 + rng.below(3), rng.below(3));
        let input = random_volume(&mut rng, c, h, w);
        let kernel = random_volume(&mut rng, c, k, k);
        let bias = rng.uniform(-1.0, 1.0);
        let reference = RefConv { kernel: kernel.clone(), bias, stride: s, padding: p, mode: PadMode::Zero };
        let Ok(ours) = reference.apply(&input) else { continue };
        let weight = Tensor::<4>::from_data(TensorData::new(kernel.data.clone(), [1, c, k, k]), &device());
        let b = Tensor::<1>::from_data(TensorData::new(vec![bias], [1]), &device());
        let theirs = conv2d(tensor(&input), weight, Some(b), ConvOptions::new([s, s], [p, p], [1, 1], 1));
        assert_eq!(theirs.dims(), [1, 1, ours.height, ours.width]);
        let theirs: Vec<f32> = theirs.into_data().try_to_vec::<f32>().unwrap();
        for (a, b) in ours.data.iter().zip(&theirs) {
            assert!((a - b).abs() < 1e-4, "conv c{c} {h}×{w} k{k} s{s} p{p}: {a} vs {b}");
        }

        if let Ok(pooled) = pool2d(&input, k, s, PoolKind::Max) {
            let theirs = max_pool2d(tensor(&input), MaxPoolOptions::new([k, k]).with_stride([s, s]));
            let theirs: Vec<f32> = theirs.into_data().try_to_vec::<f32>().unwrap();
            assert_eq!(pooled.output.data, theirs, "max pool c{c} {h}×{w} k{k} s{s}");
        }
        checked += 1;
    }
}
