//! The layer vocabulary: every kind of layer a lesson can stack, described once.
//!
//! A layer kind is one type implementing [`Kind`] (its text token, its arguments with their
//! ranges, its shape rule, its parameter rule and how its weights are drawn) and [`Forward`] on
//! its burn module (what it computes). The list in [`kinds!`](self) below registers it: from
//! that one line come the [`Layer`] description enum, the [`LayerModule`] enum of burn modules,
//! the parser and printer of the text form, shape inference and the editor's table [`KINDS`].
//!
//! Values flowing between layers are typed ([`Value`], [`Shape`]): an image, a flat vector, a
//! sequence of vectors, or a sequence of integer tokens. A layer that gets the wrong kind of
//! value is refused by shape inference, before anything is built.

mod activation;
mod branch;
mod conv;
mod dense;
pub mod fused;
mod init;
mod net;
mod pool;
mod recurrent;
mod stack;
pub mod torch;

use std::fmt;

use burn::module::Module;
use burn::prelude::*;
use serde::{Deserialize, Serialize};

pub use activation::{LeakyRelu, Relu, Sigmoid, Tanh};
pub use branch::{Branches, BranchesModule};
pub use conv::{Conv1d, Conv1dModule, Conv2d};
pub use dense::{BatchNorm, Dense, Dropout, Flatten, Last, Reshape, dropout, dropout_mask};
pub use init::{Init, InitScheme};
pub use net::{Net, Trace};
pub use pool::{AdaptiveAvgPool, AvgPool, MaxPool, Spp, spp_bins};
pub use recurrent::{CellWeights, Embedding, EmbeddingModule, Lstm, LstmModule, LstmStep, Rnn, RnnModule, RnnStep};
pub use stack::{DIGIT, LayerInfo, Mismatch, NOTE_CNN, Stack, StackError, split_layers};

use crate::conv::GeometryError;
use crate::rng::Rng;

/// The shape of the data flowing between layers (one example; the batch is left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// An image-like volume, height × width × channels.
    Volume { height: usize, width: usize, channels: usize },
    /// A flat vector.
    Flat(usize),
    /// A sequence of `steps` vectors of `features` values each.
    Sequence { steps: usize, features: usize },
    /// A sequence of `steps` integer tokens below `vocab`.
    Tokens { steps: usize, vocab: usize },
}

impl Shape {
    /// Numbers per example (for tokens, one per step).
    pub fn len(&self) -> usize {
        match *self {
            Shape::Volume { height, width, channels } => height * width * channels,
            Shape::Flat(n) => n,
            Shape::Sequence { steps, features } => steps * features,
            Shape::Tokens { steps, .. } => steps,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kind of value, without its sizes.
    pub fn form(&self) -> Form {
        match self {
            Shape::Volume { .. } => Form::Image,
            Shape::Flat(_) => Form::Flat,
            Shape::Sequence { .. } => Form::Sequence,
            Shape::Tokens { .. } => Form::Tokens,
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Volume { height, width, channels } => write!(f, "{height}×{width}×{channels}"),
            Shape::Flat(n) => write!(f, "{n}"),
            Shape::Sequence { steps, features } => write!(f, "{steps}×{features}"),
            Shape::Tokens { steps, vocab } => write!(f, "{steps}×[0, {vocab})"),
        }
    }
}

/// The kinds of value a layer can read or produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    Image,
    Flat,
    Sequence,
    Tokens,
}

/// A batch of values between two layers.
#[derive(Debug, Clone)]
pub enum Value {
    /// `[batch, channels, height, width]`
    Image(Tensor<4>),
    /// `[batch, features]`
    Flat(Tensor<2>),
    /// `[batch, steps, features]`
    Sequence(Tensor<3>),
    /// `[batch, steps]`
    Tokens(Tensor<2, Int>),
}

impl Value {
    pub fn form(&self) -> Form {
        match self {
            Value::Image(_) => Form::Image,
            Value::Flat(_) => Form::Flat,
            Value::Sequence(_) => Form::Sequence,
            Value::Tokens(_) => Form::Tokens,
        }
    }

    /// The batch size.
    pub fn batch(&self) -> usize {
        match self {
            Value::Image(x) => x.dims()[0],
            Value::Flat(x) => x.dims()[0],
            Value::Sequence(x) => x.dims()[0],
            Value::Tokens(x) => x.dims()[0],
        }
    }

    /// Applies `f` to a float value of any rank; tokens pass through unchanged.
    pub fn map_float(self, mut f: impl FloatFn) -> Value {
        match self {
            Value::Image(x) => Value::Image(f.apply(x)),
            Value::Flat(x) => Value::Flat(f.apply(x)),
            Value::Sequence(x) => Value::Sequence(f.apply(x)),
            tokens @ Value::Tokens(_) => tokens,
        }
    }

    /// The scores at the end of a network: flat values as they are, a sequence as
    /// `[batch·steps, features]` (one row per position), an image flattened.
    pub fn into_rows(self) -> Tensor<2> {
        match self {
            Value::Flat(x) => x,
            Value::Sequence(x) => {
                let [b, t, f] = x.dims();
                x.reshape([b * t, f])
            }
            Value::Image(x) => x.flatten(1, 3),
            Value::Tokens(x) => x.float(),
        }
    }
}

/// An element-wise function that works on float tensors of any rank (a closure cannot be
/// generic over the rank, so activations and dropout implement this instead).
pub trait FloatFn {
    fn apply<const D: usize>(&mut self, x: Tensor<D>) -> Tensor<D>;
}

/// One argument of a layer kind, as the text form, the parser and the editor see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arg {
    /// A short key, which the app translates into the argument's label.
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    /// What the editor proposes for a new layer.
    pub default: f64,
    /// The value when the argument is left out of the text form; `None`: it must be given.
    pub omitted: Option<f64>,
    /// Whole numbers only.
    pub integer: bool,
}

impl Arg {
    /// A whole-number argument that must be given.
    pub const fn int(key: &'static str, min: usize, max: usize, default: usize) -> Arg {
        Arg { key, min: min as f64, max: max as f64, default: default as f64, omitted: None, integer: true }
    }

    /// A whole-number argument that may be left out (then it is `omitted`).
    pub const fn int_or(key: &'static str, min: usize, max: usize, default: usize, omitted: usize) -> Arg {
        Arg { omitted: Some(omitted as f64), ..Arg::int(key, min, max, default) }
    }

    /// A real-number argument in `[min, max]`.
    pub const fn real(key: &'static str, min: f64, max: f64, default: f64) -> Arg {
        Arg { key, min, max, default, omitted: None, integer: false }
    }

    /// Checks a value against the argument's range.
    pub fn check(&self, value: f64) -> Result<f64, ArgError> {
        if !value.is_finite() || (self.integer && value.fract() != 0.0) {
            return Err(ArgError::NotANumber);
        }
        if value < self.min {
            return Err(ArgError::TooSmall(self.min));
        }
        if value > self.max {
            return Err(ArgError::TooLarge(self.max));
        }
        Ok(value)
    }
}

/// Why an argument's value is refused.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum ArgError {
    /// Not a number (or not a whole number where one is needed).
    NotANumber,
    TooSmall(f64),
    TooLarge(f64),
}

/// Why a layer cannot be applied to its input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShapeError {
    /// A token that is not a layer, or with the wrong number of arguments.
    Syntax(String),
    /// An argument out of its range: which one (0-based) and why.
    Arg { index: usize, error: ArgError },
    /// A window that does not fit its input.
    Geometry(GeometryErrorKind),
    /// The layer reads another kind of value than it was given.
    Needs { needs: Vec<Form>, got: Form },
    /// Branches whose outputs cannot be joined (different kinds or sizes).
    Mismatch,
    /// A layer inside branch `branch` (both 0-based) cannot be applied.
    Branch { branch: usize, layer: usize, error: Box<ShapeError> },
    /// A reshape whose sizes do not multiply to its input's length.
    Reshape { from: usize, to: usize },
}

/// [`GeometryError`], serializable (it crosses the worker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GeometryErrorKind {
    EmptyInput,
    EmptyKernel,
    ZeroStride,
    KernelTooLarge { kernel: usize, padded: usize },
}

impl From<GeometryError> for ShapeError {
    fn from(e: GeometryError) -> Self {
        ShapeError::Geometry(match e {
            GeometryError::EmptyInput => GeometryErrorKind::EmptyInput,
            GeometryError::EmptyKernel => GeometryErrorKind::EmptyKernel,
            GeometryError::ZeroStride => GeometryErrorKind::ZeroStride,
            GeometryError::KernelTooLarge { kernel, padded } => GeometryErrorKind::KernelTooLarge { kernel, padded },
        })
    }
}

impl fmt::Display for ShapeError {
    /// English, for logs and tests; the app translates the typed value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax(t) => write!(f, "cannot read {t:?}"),
            Self::Arg { index, error } => write!(f, "argument {} is {error:?}", index + 1),
            Self::Geometry(g) => write!(f, "{g:?}"),
            Self::Needs { needs, got } => write!(f, "needs {needs:?}, got {got:?}"),
            Self::Mismatch => write!(f, "branches cannot be joined"),
            Self::Branch { branch, layer, error } => write!(f, "branch {}, layer {}: {error}", branch + 1, layer + 1),
            Self::Reshape { from, to } => write!(f, "cannot reshape {from} values into {to}"),
        }
    }
}

/// Demands an input of one of `forms`.
pub(crate) fn expect(input: Shape, forms: &[Form]) -> Result<Shape, ShapeError> {
    if forms.contains(&input.form()) {
        Ok(input)
    } else {
        Err(ShapeError::Needs { needs: forms.to_vec(), got: input.form() })
    }
}

/// What a forward pass may use besides its input.
pub struct Ctx<'a> {
    /// While training: dropout draws its masks here. `None` at inference.
    pub rng: Option<&'a mut Rng>,
    /// When given, layers record what lessons show about them.
    pub trace: Option<&'a mut Trace>,
}

impl Ctx<'_> {
    /// A context for inference: no dropout, no trace.
    pub fn inference() -> Ctx<'static> {
        Ctx { rng: None, trace: None }
    }

    pub fn training(&self) -> bool {
        self.rng.is_some()
    }
}

/// A kind of layer, described once: everything but what it computes.
pub trait Kind: Sized + Clone + PartialEq + fmt::Debug {
    /// The burn module that holds the layer's parameters and computes it.
    type Module: Module + Forward;
    /// The first word of the layer's token in the text form.
    const TOKEN: &'static str;
    /// The numeric arguments after the token, in order.
    const ARGS: &'static [Arg];
    /// Builds the description from argument values already checked against [`Kind::ARGS`].
    fn from_args(args: &[f64]) -> Self;
    /// The argument values, in the order of [`Kind::ARGS`].
    fn args(&self) -> Vec<f64>;
    /// The shape the layer produces from `input`, or why it cannot be applied.
    fn output(&self, input: Shape) -> Result<Shape, ShapeError>;
    /// Trainable parameters for `input` (already checked by [`Kind::output`]).
    fn params(&self, input: Shape) -> usize;
    /// Builds the module for `input`, drawing its weights from `init`.
    fn init(&self, input: Shape, init: &mut Init) -> Self::Module;

    /// Reads one token of the text form: `TOKEN[:arg…]`. Kinds with another syntax override it.
    fn parse(token: &str) -> Option<Result<Self, ShapeError>> {
        let mut parts = token.split(':');
        if !parts.next()?.trim().eq_ignore_ascii_case(Self::TOKEN) {
            return None;
        }
        let given: Vec<&str> = parts.map(str::trim).collect();
        let syntax = || ShapeError::Syntax(token.to_string());
        let required = Self::ARGS.iter().filter(|a| a.omitted.is_none()).count();
        if given.len() < required || given.len() > Self::ARGS.len() {
            return Some(Err(syntax()));
        }
        let mut values = Vec::with_capacity(Self::ARGS.len());
        for (index, arg) in Self::ARGS.iter().enumerate() {
            let value = match given.get(index) {
                Some(text) => match text.parse::<f64>() {
                    Ok(v) => arg.check(v).map_err(|error| ShapeError::Arg { index, error }),
                    Err(_) => Err(syntax()),
                },
                None => arg.omitted.ok_or_else(syntax),
            };
            match value {
                Ok(v) => values.push(v),
                Err(e) => return Some(Err(e)),
            }
        }
        Some(Ok(Self::from_args(&values)))
    }

    /// The layer's token in the text form, the inverse of [`Kind::parse`].
    fn token(&self) -> String {
        std::iter::once(Self::TOKEN.to_string())
            // Arguments stored as f32 (a dropout rate, a slope) are written as the f32 they are,
            // so 0.2 reads 0.2 and not 0.20000000298023224.
            .chain(
                self.args()
                    .into_iter()
                    .map(|v| if f64::from(v as f32) == v { (v as f32).to_string() } else { v.to_string() }),
            )
            .collect::<Vec<_>>()
            .join(":")
    }
}

/// What a layer computes.
pub trait Forward {
    fn forward(&self, x: Value, ctx: &mut Ctx) -> Value;

    /// The weights that the L1 and L2 penalties count (not biases, γ or β), flattened.
    fn weights(&self) -> Vec<Tensor<1>> {
        Vec::new()
    }
}

/// A kind as the editor and the parser see it: its token and its arguments.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    pub token: &'static str,
    pub args: &'static [Arg],
    /// Builds the layer from checked argument values.
    pub make: fn(&[f64]) -> Layer,
}

/// Registers the layer kinds: one line each, `Variant(KindType)`.
macro_rules! kinds {
    ($($variant:ident($kind:ty)),* $(,)?) => {
        /// One layer of a stack: which kind, with which arguments.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum Layer {
            $($variant($kind),)*
        }

        /// The burn module of one layer.
        #[derive(Module, Debug)]
        pub enum LayerModule {
            $($variant(<$kind as Kind>::Module),)*
        }

        /// Every layer kind with numeric arguments, in the editor's order.
        pub static KINDS: &[KindInfo] = &[
            $(KindInfo { token: <$kind>::TOKEN, args: <$kind>::ARGS, make: |a| Layer::$variant(<$kind>::from_args(a)) },)*
        ];

        impl Layer {
            /// The first word of the layer's token.
            pub fn kind_token(&self) -> &'static str {
                match self { $(Layer::$variant(_) => <$kind>::TOKEN,)* }
            }

            /// The argument descriptions of this layer's kind.
            pub fn arg_info(&self) -> &'static [Arg] {
                match self { $(Layer::$variant(_) => <$kind>::ARGS,)* }
            }

            /// The argument values.
            pub fn args(&self) -> Vec<f64> {
                match self { $(Layer::$variant(k) => k.args(),)* }
            }

            /// The layer's token in the text form.
            pub fn token(&self) -> String {
                match self { $(Layer::$variant(k) => k.token(),)* }
            }

            /// Reads one token of the text form.
            pub fn parse(token: &str) -> Result<Layer, ShapeError> {
                $(if let Some(parsed) = <$kind>::parse(token) {
                    return parsed.map(Layer::$variant);
                })*
                Err(ShapeError::Syntax(token.to_string()))
            }

            /// The shape this layer produces from `input`.
            pub fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
                match self { $(Layer::$variant(k) => k.output(input),)* }
            }

            /// Trainable parameters for `input`.
            pub fn params(&self, input: Shape) -> usize {
                match self { $(Layer::$variant(k) => k.params(input),)* }
            }

            /// Builds the layer's module for `input`.
            pub fn init(&self, input: Shape, init: &mut Init) -> LayerModule {
                match self { $(Layer::$variant(k) => LayerModule::$variant(k.init(input, init)),)* }
            }
        }

        impl Forward for LayerModule {
            fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
                match self { $(LayerModule::$variant(m) => Forward::forward(m, x, ctx),)* }
            }

            fn weights(&self) -> Vec<Tensor<1>> {
                match self { $(LayerModule::$variant(m) => Forward::weights(m),)* }
            }
        }
    };
}

kinds! {
    Conv(Conv2d),
    MaxPool(MaxPool),
    AvgPool(AvgPool),
    AdaptiveAvgPool(AdaptiveAvgPool),
    Spp(Spp),
    Flatten(Flatten),
    Dense(Dense),
    Dropout(Dropout),
    BatchNorm(BatchNorm),
    Relu(Relu),
    Tanh(Tanh),
    Sigmoid(Sigmoid),
    LeakyRelu(LeakyRelu),
    Reshape(Reshape),
    Embedding(Embedding),
    Conv1d(Conv1d),
    Rnn(Rnn),
    Lstm(Lstm),
    Last(Last),
    Branches(Branches),
}
