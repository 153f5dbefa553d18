//! Layer stacks: what each layer of a small CNN does to the shape of its input and how many
//! parameters it has. The architecture lesson edits a [`Stack`]; the trainer builds a model
//! from the same description, so the two can never disagree.
//!
//! A stack has a compact text form used in URLs and messages, one token per layer:
//! `conv:FILTERS:KERNEL[:STRIDE[:PADDING]]`, `pool:SIZE[:STRIDE]`, `flatten`, `dense:UNITS`,
//! `dropout:P`, `batchnorm`, for example `conv:25:3,pool:2,conv:50:3,pool:2,flatten,dense:10`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::conv::{Axis, GeometryError, conv_params};
use crate::mnist::SIDE;

/// The shape of the data flowing between layers (one example, batch left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// An image-like volume, height × width × channels.
    Volume { height: usize, width: usize, channels: usize },
    /// A flat vector.
    Flat(usize),
}

impl Shape {
    pub fn len(&self) -> usize {
        match *self {
            Shape::Volume { height, width, channels } => height * width * channels,
            Shape::Flat(n) => n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Volume { height, width, channels } => write!(f, "{height}×{width}×{channels}"),
            Shape::Flat(n) => write!(f, "{n}"),
        }
    }
}

/// One layer of a stack. Every convolution and every dense layer but the last is followed by
/// a ReLU when trained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Layer {
    Conv {
        filters: usize,
        kernel: usize,
        stride: usize,
        padding: usize,
    },
    MaxPool {
        size: usize,
        stride: usize,
    },
    Flatten,
    Dense {
        units: usize,
    },
    Dropout {
        p: f32,
    },
    /// Batch normalization over the channels (after a convolution) or features (after a dense
    /// layer), with a learned scale γ and shift β for each.
    BatchNorm,
}

impl Layer {
    /// The layer's token in the text form.
    pub fn token(&self) -> String {
        match *self {
            Layer::Conv { filters, kernel, stride, padding } => format!("conv:{filters}:{kernel}:{stride}:{padding}"),
            Layer::MaxPool { size, stride } => format!("pool:{size}:{stride}"),
            Layer::Flatten => "flatten".into(),
            Layer::Dense { units } => format!("dense:{units}"),
            Layer::Dropout { p } => format!("dropout:{p}"),
            Layer::BatchNorm => "batchnorm".into(),
        }
    }
}

/// Why a stack cannot be built, and at which layer (0-based).
#[derive(Debug, Clone, PartialEq)]
pub struct StackError {
    pub layer: usize,
    pub kind: StackErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StackErrorKind {
    /// A token that is not a layer, or with missing or non-numeric arguments.
    Syntax(String),
    /// A convolution or pooling window that does not fit its input.
    Geometry(GeometryError),
    /// A convolution or pooling layer after the data was flattened.
    NeedsVolume,
    /// A dense layer before the data was flattened.
    NeedsFlat,
    /// Zero filters or zero units.
    Empty,
    /// A dropout probability outside `[0, 1)`.
    DropoutRange(f32),
}

impl fmt::Display for StackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "layer {}: ", self.layer + 1)?;
        match &self.kind {
            StackErrorKind::Syntax(t) => write!(f, "cannot read {t:?}"),
            StackErrorKind::Geometry(g) => write!(f, "{g}"),
            StackErrorKind::NeedsVolume => write!(f, "needs an image-shaped input, but the data is already flat"),
            StackErrorKind::NeedsFlat => write!(f, "needs a flat input: add a flatten layer first"),
            StackErrorKind::Empty => write!(f, "has no filters or units"),
            StackErrorKind::DropoutRange(p) => write!(f, "dropout probability {p} is not in [0, 1)"),
        }
    }
}

impl std::error::Error for StackError {}

/// What one layer produces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerInfo {
    pub layer: Layer,
    pub input: Shape,
    pub output: Shape,
    pub params: usize,
}

/// An input shape and the layers applied to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    pub input: Shape,
    pub layers: Vec<Layer>,
}

/// A 28×28 grey digit: the input of every network trained on MNIST.
pub const DIGIT: Shape = Shape::Volume { height: SIDE, width: SIDE, channels: 1 };

impl Stack {
    /// A stack on 28×28 digits, from the text form of its layers.
    pub fn digits(layers: &str) -> Result<Self, StackError> {
        Ok(Self { input: DIGIT, layers: Self::parse_layers(layers)? })
    }

    /// The note's example network for 28×28 digits:
    /// conv 3×3×25 → max-pool → conv 3×3×50 → max-pool → flatten → dense 10.
    pub fn note_cnn() -> Self {
        Self {
            input: DIGIT,
            layers: vec![
                Layer::Conv { filters: 25, kernel: 3, stride: 1, padding: 0 },
                Layer::MaxPool { size: 2, stride: 2 },
                Layer::Conv { filters: 50, kernel: 3, stride: 1, padding: 0 },
                Layer::MaxPool { size: 2, stride: 2 },
                Layer::Flatten,
                Layer::Dense { units: 10 },
            ],
        }
    }

    /// Reads the text form of the layers (see the module documentation).
    pub fn parse_layers(text: &str) -> Result<Vec<Layer>, StackError> {
        text.split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .enumerate()
            .map(|(i, token)| {
                parse_layer(token).ok_or(StackError { layer: i, kind: StackErrorKind::Syntax(token.into()) })
            })
            .collect()
    }

    /// The layers' text form, the inverse of [`Stack::parse_layers`].
    pub fn layers_text(&self) -> String {
        self.layers.iter().map(Layer::token).collect::<Vec<_>>().join(",")
    }

    /// Shape and parameters layer by layer; stops at the first layer that cannot be applied.
    pub fn infer(&self) -> Result<Vec<LayerInfo>, StackError> {
        let mut shape = self.input;
        let mut infos = Vec::with_capacity(self.layers.len());
        for (i, &layer) in self.layers.iter().enumerate() {
            let err = |kind| StackError { layer: i, kind };
            let (output, params) = apply(layer, shape).map_err(err)?;
            infos.push(LayerInfo { layer, input: shape, output, params });
            shape = output;
        }
        Ok(infos)
    }

    /// Total trainable parameters, if the stack is valid.
    pub fn params(&self) -> Result<usize, StackError> {
        Ok(self.infer()?.iter().map(|i| i.params).sum())
    }
}

fn apply(layer: Layer, shape: Shape) -> Result<(Shape, usize), StackErrorKind> {
    let volume = || match shape {
        Shape::Volume { height, width, channels } => Ok((height, width, channels)),
        Shape::Flat(_) => Err(StackErrorKind::NeedsVolume),
    };
    match layer {
        Layer::Conv { filters, kernel, stride, padding } => {
            let (h, w, c) = volume()?;
            if filters == 0 {
                return Err(StackErrorKind::Empty);
            }
            let oh = Axis::new(h, kernel, stride, padding).output().map_err(StackErrorKind::Geometry)?;
            let ow = Axis::new(w, kernel, stride, padding).output().map_err(StackErrorKind::Geometry)?;
            Ok((
                Shape::Volume { height: oh, width: ow, channels: filters },
                conv_params(kernel, kernel, c, filters, true),
            ))
        }
        Layer::MaxPool { size, stride } => {
            let (h, w, c) = volume()?;
            let oh = Axis::new(h, size, stride, 0).output().map_err(StackErrorKind::Geometry)?;
            let ow = Axis::new(w, size, stride, 0).output().map_err(StackErrorKind::Geometry)?;
            Ok((Shape::Volume { height: oh, width: ow, channels: c }, 0))
        }
        Layer::Flatten => Ok((Shape::Flat(shape.len()), 0)),
        Layer::Dense { units } => match shape {
            Shape::Volume { .. } => Err(StackErrorKind::NeedsFlat),
            Shape::Flat(_) if units == 0 => Err(StackErrorKind::Empty),
            Shape::Flat(n) => Ok((Shape::Flat(units), (n + 1) * units)),
        },
        Layer::Dropout { p } if !(0.0..1.0).contains(&p) => Err(StackErrorKind::DropoutRange(p)),
        Layer::Dropout { .. } => Ok((shape, 0)),
        Layer::BatchNorm => {
            let features = match shape {
                Shape::Volume { channels, .. } => channels,
                Shape::Flat(n) => n,
            };
            Ok((shape, 2 * features))
        }
    }
}

fn parse_layer(token: &str) -> Option<Layer> {
    let mut parts = token.split(':');
    let kind = parts.next()?.trim().to_ascii_lowercase();
    let args: Vec<&str> = parts.map(str::trim).collect();
    let num = |i: usize| -> Option<usize> { args.get(i)?.parse().ok() };
    let num_or = |i: usize, default: usize| if i < args.len() { num(i) } else { Some(default) };
    let layer = match kind.as_str() {
        "conv" if (2..=4).contains(&args.len()) => {
            Layer::Conv { filters: num(0)?, kernel: num(1)?, stride: num_or(2, 1)?, padding: num_or(3, 0)? }
        }
        "pool" if (1..=2).contains(&args.len()) => {
            let size = num(0)?;
            Layer::MaxPool { size, stride: num_or(1, size)? }
        }
        "flatten" if args.is_empty() => Layer::Flatten,
        "dense" if args.len() == 1 => Layer::Dense { units: num(0)? },
        "dropout" if args.len() == 1 => Layer::Dropout { p: args[0].parse().ok().filter(|p: &f32| p.is_finite())? },
        "batchnorm" if args.is_empty() => Layer::BatchNorm,
        _ => return None,
    };
    Some(layer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_cnn_has_the_notes_shapes_and_parameters() {
        let infos = Stack::note_cnn().infer().unwrap();
        let shapes: Vec<String> = infos.iter().map(|i| i.output.to_string()).collect();
        assert_eq!(shapes, ["26×26×25", "13×13×25", "11×11×50", "5×5×50", "1250", "10"]);
        let params: Vec<usize> = infos.iter().map(|i| i.params).collect();
        assert_eq!(params, [250, 0, 11_300, 0, 0, 12_510]);
        assert_eq!(Stack::note_cnn().params(), Ok(24_060));
    }

    #[test]
    fn text_form_round_trips() {
        let stack = Stack::note_cnn();
        let text = stack.layers_text();
        assert_eq!(text, "conv:25:3:1:0,pool:2:2,conv:50:3:1:0,pool:2:2,flatten,dense:10");
        assert_eq!(Stack::parse_layers(&text).unwrap(), stack.layers);
        assert_eq!(Stack::parse_layers("conv:25:3, pool:2 ,flatten,dense:10,dropout:0.5").unwrap().len(), 5);
        let bn = Stack::parse_layers("flatten,dense:64,batchnorm,dense:10").unwrap();
        assert_eq!(bn[2], Layer::BatchNorm);
        let stack = Stack { input: Shape::Volume { height: 28, width: 28, channels: 1 }, layers: bn };
        assert_eq!(stack.infer().unwrap()[2].params, 128, "γ and β for each of 64 features");
    }

    #[test]
    fn errors_name_the_layer_that_breaks() {
        let parse_err = Stack::parse_layers("conv:25:3,pool:x").unwrap_err();
        assert_eq!(parse_err.layer, 1);
        assert!(matches!(parse_err.kind, StackErrorKind::Syntax(_)));

        let input = Shape::Volume { height: 28, width: 28, channels: 1 };
        let case = |layers: &str| Stack { input, layers: Stack::parse_layers(layers).unwrap() }.infer().unwrap_err();
        assert_eq!(case("conv:8:3,dense:10").kind, StackErrorKind::NeedsFlat);
        assert_eq!(case("flatten,conv:8:3").kind, StackErrorKind::NeedsVolume);
        // 28 → 26 → 13 → 6 → 3 → 1, and a fifth 2×2 pool does not fit a 1×1 map.
        assert_eq!(case("conv:8:3,pool:2,pool:2,pool:2,pool:2,pool:2").layer, 5);
        assert!(matches!(case("conv:8:29").kind, StackErrorKind::Geometry(GeometryError::KernelTooLarge { .. })));
        assert_eq!(case("conv:0:3").kind, StackErrorKind::Empty);
        assert_eq!(case("flatten,dropout:1.5").kind, StackErrorKind::DropoutRange(1.5));
        assert!(matches!(case("conv:8:3:0").kind, StackErrorKind::Geometry(GeometryError::ZeroStride)));
    }
}
