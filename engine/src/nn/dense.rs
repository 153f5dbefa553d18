//! Layers on vectors: `flatten`, `dense` (fully connected), `dropout`, `batchnorm`, and the
//! reshapes between kinds of value: `unflatten` (a vector back into an image, as a generator
//! needs) and `last` (the last step of a sequence, for many-to-one networks).

use burn::module::Module;
use burn::nn::{BatchNormConfig, Initializer, Linear, LinearConfig};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Arg, Ctx, FloatFn, Form, Forward, Init, Kind, Shape, ShapeError, Value, expect};
use crate::rng::Rng;

/// `flatten`: an image becomes one vector of height·width·channels values (channel-major,
/// like PyTorch's `flatten(1)`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Flatten;

#[derive(Module, Debug)]
pub struct FlattenModule;

impl Kind for Flatten {
    type Module = FlattenModule;
    const TOKEN: &'static str = "flatten";
    const ARGS: &'static [Arg] = &[];

    fn from_args(_: &[f64]) -> Self {
        Flatten
    }

    fn args(&self) -> Vec<f64> {
        vec![]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        Ok(Shape::Flat(expect(input, &[Form::Image, Form::Flat])?.len()))
    }

    fn params(&self, _input: Shape) -> usize {
        0
    }

    fn init(&self, _input: Shape, _init: &mut Init) -> FlattenModule {
        FlattenModule
    }
}

impl Forward for FlattenModule {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Image(x) => Value::Flat(x.flatten(1, 3)),
            flat @ Value::Flat(_) => flat,
            other => unreachable!("flatten gets an image, not {:?}", other.form()),
        }
    }
}

/// `dense:UNITS`: every output is a weighted sum of every input plus a bias. On a sequence it
/// is applied to each step with the same weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Dense {
    pub units: usize,
}

impl Kind for Dense {
    type Module = Linear;
    const TOKEN: &'static str = "dense";
    const ARGS: &'static [Arg] = &[Arg::int("units", 1, 65_536, 10)];

    fn from_args(a: &[f64]) -> Self {
        Self { units: a[0] as usize }
    }

    fn args(&self) -> Vec<f64> {
        vec![self.units as f64]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        match expect(input, &[Form::Flat, Form::Sequence])? {
            Shape::Sequence { steps, .. } => Ok(Shape::Sequence { steps, features: self.units }),
            _ => Ok(Shape::Flat(self.units)),
        }
    }

    fn params(&self, input: Shape) -> usize {
        (features(input) + 1) * self.units
    }

    fn init(&self, input: Shape, init: &mut Init) -> Linear {
        let n = features(input);
        let mut dense = LinearConfig::new(n, self.units).with_initializer(Initializer::Zeros).init(init.device());
        dense.weight = init.weight([n, self.units], n);
        dense.bias = Some(init.bias([self.units], n));
        dense
    }
}

/// The length of the vectors a layer reads: the flat size, or a sequence's features.
fn features(input: Shape) -> usize {
    match input {
        Shape::Sequence { features, .. } => features,
        Shape::Volume { channels, .. } => channels,
        other => other.len(),
    }
}

impl Forward for Linear {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Flat(x) => Value::Flat(Linear::forward(self, x)),
            Value::Sequence(x) => Value::Sequence(Linear::forward(self, x)),
            other => unreachable!("dense gets a vector, not {:?}", other.form()),
        }
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        vec![self.weight.val().flatten(0, 1)]
    }
}

/// `dropout:P`: while training, each value is zeroed with probability P and the rest are
/// scaled by 1/(1 − P) (inverted dropout), so inference needs no change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Dropout {
    pub p: f32,
}

#[derive(Module, Debug)]
pub struct DropoutModule {
    p: f32,
}

impl Kind for Dropout {
    type Module = DropoutModule;
    const TOKEN: &'static str = "dropout";
    const ARGS: &'static [Arg] = &[Arg::real("p", 0.0, 0.95, 0.5)];

    fn from_args(a: &[f64]) -> Self {
        Self { p: a[0] as f32 }
    }

    fn args(&self) -> Vec<f64> {
        vec![f64::from(self.p)]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        expect(input, &[Form::Image, Form::Flat, Form::Sequence])
    }

    fn params(&self, _input: Shape) -> usize {
        0
    }

    fn init(&self, _input: Shape, _init: &mut Init) -> DropoutModule {
        DropoutModule { p: self.p }
    }
}

impl Forward for DropoutModule {
    fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
        match ctx.rng.as_deref_mut() {
            Some(rng) if self.p > 0.0 => x.map_float(Mask { p: self.p, rng }),
            _ => x,
        }
    }
}

/// Dropout as a [`FloatFn`]: draws a fresh mask for each tensor it is applied to.
struct Mask<'a> {
    p: f32,
    rng: &'a mut Rng,
}

impl FloatFn for Mask<'_> {
    fn apply<const D: usize>(&mut self, x: Tensor<D>) -> Tensor<D> {
        dropout(x, self.p, Some(self.rng))
    }
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

/// `batchnorm`: each channel (after a convolution) or feature (after a dense layer) is
/// normalized over the mini-batch, then scaled by a learned γ and shifted by a learned β.
/// At inference the running averages replace the batch statistics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BatchNorm;

impl Kind for BatchNorm {
    type Module = burn::nn::BatchNorm;
    const TOKEN: &'static str = "batchnorm";
    const ARGS: &'static [Arg] = &[];

    fn from_args(_: &[f64]) -> Self {
        BatchNorm
    }

    fn args(&self) -> Vec<f64> {
        vec![]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        expect(input, &[Form::Image, Form::Flat])
    }

    fn params(&self, input: Shape) -> usize {
        2 * features(input)
    }

    fn init(&self, input: Shape, init: &mut Init) -> burn::nn::BatchNorm {
        BatchNormConfig::new(features(input)).init(init.device())
    }
}

impl Forward for burn::nn::BatchNorm {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Image(x) => Value::Image(burn::nn::BatchNorm::forward(self, x)),
            Value::Flat(x) => Value::Flat(burn::nn::BatchNorm::forward(self, x)),
            other => unreachable!("batchnorm gets an image or a vector, not {:?}", other.form()),
        }
    }
}

/// `unflatten:CHANNELS:HEIGHT:WIDTH`: a vector becomes an image (PyTorch's `nn.Unflatten`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reshape {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
}

#[derive(Module, Debug)]
pub struct ReshapeModule {
    dims: [usize; 3],
}

impl Kind for Reshape {
    type Module = ReshapeModule;
    const TOKEN: &'static str = "unflatten";
    const ARGS: &'static [Arg] =
        &[Arg::int("channels", 1, 1024, 1), Arg::int("height", 1, 1024, 28), Arg::int("width", 1, 1024, 28)];

    fn from_args(a: &[f64]) -> Self {
        Self { channels: a[0] as usize, height: a[1] as usize, width: a[2] as usize }
    }

    fn args(&self) -> Vec<f64> {
        [self.channels, self.height, self.width].map(|v| v as f64).to_vec()
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let n = expect(input, &[Form::Flat])?.len();
        let to = self.channels * self.height * self.width;
        if n != to {
            return Err(ShapeError::Reshape { from: n, to });
        }
        Ok(Shape::Volume { height: self.height, width: self.width, channels: self.channels })
    }

    fn params(&self, _input: Shape) -> usize {
        0
    }

    fn init(&self, _input: Shape, _init: &mut Init) -> ReshapeModule {
        ReshapeModule { dims: [self.channels, self.height, self.width] }
    }
}

impl Forward for ReshapeModule {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Flat(x) => {
                let [c, h, w] = self.dims;
                let batch = x.dims()[0];
                Value::Image(x.reshape([batch, c, h, w]))
            }
            other => unreachable!("unflatten gets a vector, not {:?}", other.form()),
        }
    }
}

/// `last`: the last step of a sequence (many-to-one).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Last;

#[derive(Module, Debug)]
pub struct LastModule;

impl Kind for Last {
    type Module = LastModule;
    const TOKEN: &'static str = "last";
    const ARGS: &'static [Arg] = &[];

    fn from_args(_: &[f64]) -> Self {
        Last
    }

    fn args(&self) -> Vec<f64> {
        vec![]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let Shape::Sequence { features, .. } = expect(input, &[Form::Sequence])? else { unreachable!() };
        Ok(Shape::Flat(features))
    }

    fn params(&self, _input: Shape) -> usize {
        0
    }

    fn init(&self, _input: Shape, _init: &mut Init) -> LastModule {
        LastModule
    }
}

impl Forward for LastModule {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Sequence(x) => {
                let [b, t, f] = x.dims();
                Value::Flat(x.slice(s![.., t - 1..t, ..]).reshape([b, f]))
            }
            other => unreachable!("last gets a sequence, not {:?}", other.form()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn reshapes_check_their_sizes() {
        let to_image = Reshape { channels: 1, height: 28, width: 28 };
        assert_eq!(to_image.output(Shape::Flat(784)), Ok(Shape::Volume { height: 28, width: 28, channels: 1 }));
        assert_eq!(to_image.output(Shape::Flat(100)), Err(ShapeError::Reshape { from: 100, to: 784 }));
        assert_eq!(Last.output(Shape::Sequence { steps: 7, features: 16 }), Ok(Shape::Flat(16)));
        assert!(Last.output(Shape::Flat(3)).is_err());
        let device = Device::flex();
        let seq = Tensor::<1>::from_floats([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &device).reshape([1, 3, 2]);
        let Value::Flat(last) = LastModule.forward(Value::Sequence(seq), &mut Ctx::inference()) else { panic!() };
        assert_eq!(last.try_into_vec_as::<f32>().unwrap(), [5.0, 6.0]);
    }
}
