//! Convolutions: `conv` over images (the note's kernels) and `conv1d` over sequences (the
//! note's semantic classifier slides a window over word vectors). burn's modules compute them;
//! the weights are drawn by [`Init`] with PyTorch's layout `[out, in, k(, k)]`.

use burn::nn::conv::{Conv1dConfig, Conv2dConfig};
use burn::nn::{Initializer, PaddingConfig1d, PaddingConfig2d};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Arg, Ctx, Form, Forward, Init, Kind, Shape, ShapeError, Value, expect};
use crate::conv::{Axis, conv_params};

/// `conv:FILTERS:KERNEL[:STRIDE[:PADDING]]`: square kernels over an image, zero padding.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Conv2d {
    pub filters: usize,
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
}

impl Kind for Conv2d {
    type Module = burn::nn::conv::Conv2d;
    const TOKEN: &'static str = "conv";
    const ARGS: &'static [Arg] = &[
        Arg::int("filters", 1, 1024, 8),
        Arg::int("kernel", 1, 64, 3),
        Arg::int_or("stride", 1, 64, 1, 1),
        Arg::int_or("padding", 0, 64, 0, 0),
    ];

    fn from_args(a: &[f64]) -> Self {
        Self { filters: a[0] as usize, kernel: a[1] as usize, stride: a[2] as usize, padding: a[3] as usize }
    }

    fn args(&self) -> Vec<f64> {
        [self.filters, self.kernel, self.stride, self.padding].map(|v| v as f64).to_vec()
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let Shape::Volume { height, width, .. } = expect(input, &[Form::Image])? else { unreachable!() };
        let axis = |n| Axis::new(n, self.kernel, self.stride, self.padding).output();
        Ok(Shape::Volume { height: axis(height)?, width: axis(width)?, channels: self.filters })
    }

    fn params(&self, input: Shape) -> usize {
        let Shape::Volume { channels, .. } = input else { return 0 };
        conv_params(self.kernel, self.kernel, channels, self.filters, true)
    }

    fn init(&self, input: Shape, init: &mut Init) -> Self::Module {
        let Shape::Volume { channels, .. } = input else { unreachable!("checked by output") };
        let (k, p) = (self.kernel, self.padding);
        let mut conv = Conv2dConfig::new([channels, self.filters], [k, k])
            .with_stride([self.stride, self.stride])
            .with_padding(PaddingConfig2d::Explicit(p, p, p, p))
            .with_initializer(Initializer::Zeros)
            .init(init.device());
        let fan_in = channels * k * k;
        conv.weight = init.weight([self.filters, channels, k, k], fan_in);
        conv.bias = Some(init.bias([self.filters], fan_in));
        conv
    }
}

impl Forward for burn::nn::conv::Conv2d {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Image(x) => Value::Image(burn::nn::conv::Conv2d::forward(self, x)),
            other => unreachable!("conv gets an image, not {:?} (checked by shape inference)", other.form()),
        }
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        vec![self.weight.val().flatten(0, 3)]
    }
}

/// `conv1d:FILTERS:KERNEL[:PADDING]`: a window of KERNEL steps slid along a sequence of vectors
/// (stride 1, zero padding on both ends); each of the FILTERS outputs sums over every feature.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Conv1d {
    pub filters: usize,
    pub kernel: usize,
    pub padding: usize,
}

impl Kind for Conv1d {
    type Module = Conv1dModule;
    const TOKEN: &'static str = "conv1d";
    const ARGS: &'static [Arg] =
        &[Arg::int("filters", 1, 1024, 32), Arg::int("kernel", 1, 64, 3), Arg::int_or("padding", 0, 64, 1, 0)];

    fn from_args(a: &[f64]) -> Self {
        Self { filters: a[0] as usize, kernel: a[1] as usize, padding: a[2] as usize }
    }

    fn args(&self) -> Vec<f64> {
        [self.filters, self.kernel, self.padding].map(|v| v as f64).to_vec()
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let Shape::Sequence { steps, .. } = expect(input, &[Form::Sequence])? else { unreachable!() };
        let steps = Axis::new(steps, self.kernel, 1, self.padding).output()?;
        Ok(Shape::Sequence { steps, features: self.filters })
    }

    fn params(&self, input: Shape) -> usize {
        let Shape::Sequence { features, .. } = input else { return 0 };
        (self.kernel * features + 1) * self.filters
    }

    fn init(&self, input: Shape, init: &mut Init) -> Self::Module {
        let Shape::Sequence { features, .. } = input else { unreachable!("checked by output") };
        let mut conv = Conv1dConfig::new(features, self.filters, self.kernel)
            .with_padding(PaddingConfig1d::Explicit(self.padding, self.padding))
            .with_initializer(Initializer::Zeros)
            .init(init.device());
        let fan_in = features * self.kernel;
        conv.weight = init.weight([self.filters, features, self.kernel], fan_in);
        conv.bias = Some(init.bias([self.filters], fan_in));
        Conv1dModule { conv }
    }
}

/// burn's `Conv1d`, which reads `[batch, features, steps]`, on sequences `[batch, steps, features]`.
#[derive(burn::module::Module, Debug)]
pub struct Conv1dModule {
    pub conv: burn::nn::conv::Conv1d,
}

impl Forward for Conv1dModule {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Sequence(x) => Value::Sequence(self.conv.forward(x.swap_dims(1, 2)).swap_dims(1, 2)),
            other => unreachable!("conv1d gets a sequence, not {:?} (checked by shape inference)", other.form()),
        }
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        vec![self.conv.weight.val().flatten(0, 2)]
    }
}
