//! Layer stacks: an input shape and the layers applied to it, in order. The architecture lesson
//! edits a [`Stack`]; [`Net`](super::Net) builds the network from the same description, so the
//! two can never disagree.
//!
//! The text form, used in URLs and messages, is one token per layer separated by commas, for
//! example `conv:25:3,relu,pool:2,conv:50:3,relu,pool:2,flatten,dense:10`. Branches that see the
//! same input and are joined side by side are written in brackets, separated by `|`:
//! `[conv:8:3:1:1|conv:8:5:1:2]`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Layer, Shape, ShapeError};
use crate::mnist::SIDE;

/// Why a stack cannot be built, and at which layer (0-based).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackError {
    pub layer: usize,
    pub kind: ShapeError,
}

impl fmt::Display for StackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "layer {}: {}", self.layer + 1, self.kind)
    }
}

impl std::error::Error for StackError {}

/// What one layer does to the data.
#[derive(Debug, Clone, PartialEq)]
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

    /// The note's example network for 28×28 digits: conv 3×3×25 → ReLU → max-pool →
    /// conv 3×3×50 → ReLU → max-pool → flatten → dense 10.
    pub fn note_cnn() -> Self {
        Self::digits(NOTE_CNN).expect("the note's network is valid")
    }

    /// Reads the text form of the layers (see the module documentation).
    pub fn parse_layers(text: &str) -> Result<Vec<Layer>, StackError> {
        split_top(text, ',')
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .enumerate()
            .map(|(layer, token)| Layer::parse(token).map_err(|kind| StackError { layer, kind }))
            .collect()
    }

    /// The layers' text form, the inverse of [`Stack::parse_layers`].
    pub fn layers_text(&self) -> String {
        layers_text(&self.layers)
    }

    /// Shape and parameters layer by layer; stops at the first layer that cannot be applied.
    pub fn infer(&self) -> Result<Vec<LayerInfo>, StackError> {
        infer(self.input, &self.layers)
    }

    /// The shape at the end of the stack, if it is valid.
    pub fn output(&self) -> Result<Shape, StackError> {
        Ok(self.infer()?.last().map_or(self.input, |i| i.output))
    }

    /// Total trainable parameters, if the stack is valid.
    pub fn params(&self) -> Result<usize, StackError> {
        Ok(self.infer()?.iter().map(|i| i.params).sum())
    }

    /// Whether a network built for this stack's input can read `input` instead: `None` if every
    /// layer's weights fit, else the first layer whose weights were made for another input
    /// (a dense layer after a flatten, say), with the input it was built for and the one it
    /// would get.
    pub fn mismatch(&self, input: Shape) -> Option<Mismatch> {
        let built = self.infer().ok()?;
        let given = match infer(input, &self.layers) {
            Ok(infos) => infos,
            Err(e) => return Some(Mismatch { layer: e.layer, expected: built.get(e.layer)?.input, got: None }),
        };
        built.iter().zip(&given).enumerate().find_map(|(i, (b, g))| {
            (b.params > 0 && b.params != g.params).then_some(Mismatch {
                layer: i,
                expected: b.input,
                got: Some(g.input),
            })
        })
    }
}

/// Where a network stops fitting another input size (see [`Stack::mismatch`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mismatch {
    pub layer: usize,
    /// The input the layer was built for.
    pub expected: Shape,
    /// The input it would get (`None`: an earlier layer cannot even take the size).
    pub got: Option<Shape>,
}

/// The note's CNN in the text form.
pub const NOTE_CNN: &str = "conv:25:3,relu,pool:2,conv:50:3,relu,pool:2,flatten,dense:10";

/// `layers` in the text form.
pub fn layers_text(layers: &[Layer]) -> String {
    layers.iter().map(Layer::token).collect::<Vec<_>>().join(",")
}

/// Shapes and parameters of `layers` applied to `input`.
pub fn infer(input: Shape, layers: &[Layer]) -> Result<Vec<LayerInfo>, StackError> {
    let mut shape = input;
    let mut infos = Vec::with_capacity(layers.len());
    for (i, layer) in layers.iter().enumerate() {
        let output = layer.output(shape).map_err(|kind| StackError { layer: i, kind })?;
        infos.push(LayerInfo { layer: layer.clone(), input: shape, output, params: layer.params(shape) });
        shape = output;
    }
    Ok(infos)
}

/// The tokens of a stack's text form (commas inside branch brackets do not split).
pub fn split_layers(text: &str) -> Vec<&str> {
    split_top(text, ',')
}

/// Splits `text` at `sep` where it is not inside brackets.
pub(crate) fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, ch) in text.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conv::GeometryError;
    use crate::nn::{ArgError, Form, Kind, Lstm};

    #[test]
    fn the_notes_cnn_has_the_notes_shapes_and_parameters() {
        let infos = Stack::note_cnn().infer().unwrap();
        let shapes: Vec<String> = infos.iter().map(|i| i.output.to_string()).collect();
        assert_eq!(shapes, ["26×26×25", "26×26×25", "13×13×25", "11×11×50", "11×11×50", "5×5×50", "1250", "10"]);
        let params: Vec<usize> = infos.iter().map(|i| i.params).collect();
        assert_eq!(params, [250, 0, 0, 11_300, 0, 0, 0, 12_510]);
        assert_eq!(Stack::note_cnn().params(), Ok(24_060));
    }

    #[test]
    fn text_form_round_trips() {
        let stack = Stack::note_cnn();
        let text = stack.layers_text();
        assert_eq!(text, "conv:25:3:1:0,relu,pool:2:2,conv:50:3:1:0,relu,pool:2:2,flatten,dense:10");
        assert_eq!(Stack::parse_layers(&text).unwrap(), stack.layers);
        let mixed = "conv:25:3, pool:2 ,flatten,dense:10,dropout:0.5,leaky:0.1,[conv:8:3:1:1|conv:8:5:1:2],spp:1:2:4";
        let layers = Stack::parse_layers(mixed).unwrap();
        assert_eq!(layers.len(), 8);
        assert_eq!(Stack::parse_layers(&layers_text(&layers)).unwrap(), layers);
        let bn = Stack::digits("flatten,dense:64,batchnorm,relu,dense:10").unwrap();
        assert_eq!(bn.infer().unwrap()[2].params, 128, "γ and β for each of 64 features");
    }

    #[test]
    fn errors_name_the_layer_that_breaks() {
        let parse_err = Stack::parse_layers("conv:25:3,pool:x").unwrap_err();
        assert_eq!(parse_err.layer, 1);
        assert!(matches!(parse_err.kind, ShapeError::Syntax(_)));
        let case = |layers: &str| Stack::digits(layers).and_then(|s| s.infer()).unwrap_err();
        assert_eq!(
            case("conv:8:3,dense:10").kind,
            ShapeError::Needs { needs: vec![Form::Flat, Form::Sequence], got: Form::Image }
        );
        assert!(matches!(case("flatten,conv:8:3").kind, ShapeError::Needs { got: Form::Flat, .. }));
        // 28 → 26 → 13 → 6 → 3 → 1, and a fifth 2×2 pool does not fit a 1×1 map.
        assert_eq!(case("conv:8:3,pool:2,pool:2,pool:2,pool:2,pool:2").layer, 5);
        assert_eq!(case("conv:8:29").kind, ShapeError::from(GeometryError::KernelTooLarge { kernel: 29, padded: 28 }));
        assert_eq!(case("conv:0:3").kind, ShapeError::Arg { index: 0, error: ArgError::TooSmall(1.0) });
        assert_eq!(case("flatten,dropout:1.5").kind, ShapeError::Arg { index: 0, error: ArgError::TooLarge(0.95) });
        assert_eq!(case("conv:8:3:0").kind, ShapeError::Arg { index: 2, error: ArgError::TooSmall(1.0) });
        assert!(matches!(case("conv:8:2.5").kind, ShapeError::Arg { index: 1, error: ArgError::NotANumber }));
        assert!(matches!(case("lstm:8").kind, ShapeError::Needs { needs, .. } if needs == [Form::Sequence]));
        let branch = case("[conv:8:3|conv:8:5]").kind;
        assert_eq!(branch, ShapeError::Mismatch, "26×26 and 24×24 maps cannot be stacked");
        assert!(matches!(case("[conv:8:3|pool:2:x]").kind, ShapeError::Syntax(_)));
        assert_eq!(Lstm { hidden: 4 }.token(), "lstm:4");
    }

    #[test]
    fn sequence_stacks_infer_shapes_and_pytorch_parameter_counts() {
        let stack = Stack {
            input: Shape::Tokens { steps: 7, vocab: 100 },
            layers: Stack::parse_layers("embed:16,lstm:32,last,dense:2").unwrap(),
        };
        let infos = stack.infer().unwrap();
        assert_eq!(infos[0].output, Shape::Sequence { steps: 7, features: 16 });
        assert_eq!(infos[0].params, 1600);
        // PyTorch: nn.LSTM(16, 32) has 4·32·(16 + 32 + 2) = 6400 parameters.
        assert_eq!(infos[1].params, 6400);
        assert_eq!(infos[2].output, Shape::Flat(32));
        let rnn =
            Stack { input: Shape::Sequence { steps: 5, features: 3 }, layers: Stack::parse_layers("rnn:4").unwrap() };
        // nn.RNN(3, 4): 4·(3 + 4 + 2) = 36.
        assert_eq!(rnn.params(), Ok(36));
        let conv1d = Stack {
            input: Shape::Sequence { steps: 9, features: 16 },
            layers: Stack::parse_layers("conv1d:8:3:1").unwrap(),
        };
        assert_eq!(conv1d.output(), Ok(Shape::Sequence { steps: 9, features: 8 }));
        assert_eq!(conv1d.params(), Ok((3 * 16 + 1) * 8));
    }

    #[test]
    fn branches_join_side_by_side() {
        let pyramid = Stack::digits("[conv:8:3:1:1|conv:8:5:1:2|conv:8:7:1:3],relu").unwrap();
        let infos = pyramid.infer().unwrap();
        assert_eq!(infos[0].output, Shape::Volume { height: 28, width: 28, channels: 24 });
        assert_eq!(infos[0].params, (9 + 1) * 8 + (25 + 1) * 8 + (49 + 1) * 8);
        let fusion = Stack::digits("conv:8:3,relu,[spp:1:2|pool:2,conv:16:3,relu,spp:1:2],dense:10").unwrap();
        assert_eq!(fusion.infer().unwrap()[2].output, Shape::Flat(8 * 5 + 16 * 5));
        assert_eq!(split_top("a,[b,c|d],e", ','), ["a", "[b,c|d]", "e"]);
    }
}
