//! Activation functions as layers of their own: ReLU, tanh, sigmoid and leaky ReLU. They keep
//! the shape and have no parameters. When a forward pass is traced, each one records the flat
//! values it receives: the pre-activations whose drift the note calls internal covariate shift.

use burn::module::Module;
use burn::prelude::*;
use burn::tensor::activation;
use serde::{Deserialize, Serialize};

use super::{Arg, Ctx, FloatFn, Forward, Init, Kind, Shape, ShapeError, Value};

/// `relu`: max(0, x).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Relu;

/// `tanh`: the hyperbolic tangent, between −1 and 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tanh;

/// `sigmoid`: 1 / (1 + e^−x), between 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sigmoid;

/// `leaky:SLOPE`: x for x > 0, SLOPE·x otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LeakyRelu {
    pub slope: f32,
}

impl super::Layer {
    /// Whether the layer is an activation function.
    pub fn is_activation(&self) -> bool {
        matches!(self, Self::Relu(_) | Self::Tanh(_) | Self::Sigmoid(_) | Self::LeakyRelu(_))
    }
}

/// The module of an activation: which function, and its slope for leaky ReLU.
#[derive(Module, Debug)]
pub struct ActivationModule {
    #[module(skip)]
    function: Function,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Function {
    Relu,
    Tanh,
    Sigmoid,
    Leaky(f32),
}

impl FloatFn for Function {
    fn apply<const D: usize>(&mut self, x: Tensor<D>) -> Tensor<D> {
        match *self {
            Function::Relu => activation::relu(x),
            Function::Tanh => activation::tanh(x),
            Function::Sigmoid => activation::sigmoid(x),
            Function::Leaky(slope) => activation::leaky_relu(x, f64::from(slope)),
        }
    }
}

impl Forward for ActivationModule {
    fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
        if let (Some(trace), Value::Flat(values)) = (ctx.trace.as_deref_mut(), &x) {
            trace.pre_activations.push(values.clone());
        }
        x.map_float(self.function)
    }
}

/// The shared rules of the parameter-free, shape-keeping activations.
macro_rules! activation_kind {
    ($ty:ty, $token:literal, $args:expr, $from:expr, $to_args:expr, $function:expr) => {
        impl Kind for $ty {
            type Module = ActivationModule;
            const TOKEN: &'static str = $token;
            const ARGS: &'static [Arg] = $args;

            fn from_args(args: &[f64]) -> Self {
                $from(args)
            }

            fn args(&self) -> Vec<f64> {
                $to_args(self)
            }

            fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
                super::expect(input, &[super::Form::Image, super::Form::Flat, super::Form::Sequence])
            }

            fn params(&self, _input: Shape) -> usize {
                0
            }

            fn init(&self, _input: Shape, _init: &mut Init) -> ActivationModule {
                ActivationModule { function: $function(self) }
            }
        }
    };
}

activation_kind!(Relu, "relu", &[], |_| Relu, |_| vec![], |_| Function::Relu);
activation_kind!(Tanh, "tanh", &[], |_| Tanh, |_| vec![], |_| Function::Tanh);
activation_kind!(Sigmoid, "sigmoid", &[], |_| Sigmoid, |_| vec![], |_| Function::Sigmoid);
activation_kind!(
    LeakyRelu,
    "leaky",
    &[Arg { omitted: Some(0.2), ..Arg::real("slope", 0.0, 1.0, 0.2) }],
    |a: &[f64]| LeakyRelu { slope: a[0] as f32 },
    |k: &LeakyRelu| vec![f64::from(k.slope)],
    |k: &LeakyRelu| Function::Leaky(k.slope)
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Layer;

    #[test]
    fn activations_compute_their_functions() {
        let device = Device::flex();
        let x = Tensor::<2>::from_floats([[-2.0, 0.0, 3.0]], &device);
        let run = |token: &str| {
            let layer = Layer::parse(token).unwrap();
            let module = layer.init(Shape::Flat(3), &mut Init::new(1, &device));
            match module.forward(Value::Flat(x.clone()), &mut Ctx::inference()) {
                Value::Flat(y) => y.try_into_vec_as::<f32>().unwrap(),
                _ => unreachable!(),
            }
        };
        assert_eq!(run("relu"), [0.0, 0.0, 3.0]);
        assert_eq!(run("leaky:0.1"), [-0.2, 0.0, 3.0]);
        assert_eq!(run("leaky"), [-0.4, 0.0, 3.0], "the slope defaults to 0.2 (DCGAN's choice)");
        let t = run("tanh");
        assert!((t[0] - (-2.0f32).tanh()).abs() < 1e-6 && t[1] == 0.0);
        let s = run("sigmoid");
        assert!((s[1] - 0.5).abs() < 1e-6 && (s[2] - 1.0 / (1.0 + (-3.0f32).exp())).abs() < 1e-6);
        assert!(Layer::parse("leaky:2").is_err(), "a slope above 1 is refused");
    }
}
