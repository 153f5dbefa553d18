//! Branches: several stacks that read the same input, their outputs joined side by side
//! (concatenated along channels or features). This is how pyramid convolution (kernels of 3, 5
//! and 7 in parallel) and multi-scale fusion (an early, fine layer's features next to a late,
//! coarse one's) are written: `[conv:8:3:1:1|conv:8:5:1:2|conv:8:7:1:3]`.

use burn::module::Module;
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::stack::{infer, layers_text, split_top};
use super::{Arg, Ctx, Forward, Init, Kind, Layer, LayerModule, Shape, ShapeError, Value};

/// `[a,b|c,d|…]`: each branch is a list of layers in the text form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branches {
    pub branches: Vec<Vec<Layer>>,
}

/// The pyramid convolution a new branches layer starts as.
const DEFAULT: &str = "[conv:8:3:1:1|conv:8:5:1:2|conv:8:7:1:3]";

impl Branches {
    /// Each branch's output shape.
    fn outputs(&self, input: Shape) -> Result<Vec<Shape>, ShapeError> {
        self.branches
            .iter()
            .enumerate()
            .map(|(branch, layers)| {
                let infos = infer(input, layers).map_err(|e| ShapeError::Branch {
                    branch,
                    layer: e.layer,
                    error: Box::new(e.kind),
                })?;
                Ok(infos.last().map_or(input, |i| i.output))
            })
            .collect()
    }
}

/// Joins shapes side by side, or `Mismatch` when they are not the same kind and size.
fn join(shapes: &[Shape]) -> Result<Shape, ShapeError> {
    let (first, rest) = shapes.split_first().ok_or(ShapeError::Mismatch)?;
    rest.iter().try_fold(*first, |acc, s| match (acc, *s) {
        (Shape::Volume { height, width, channels }, Shape::Volume { height: h, width: w, channels: c })
            if h == height && w == width =>
        {
            Ok(Shape::Volume { height, width, channels: channels + c })
        }
        (Shape::Flat(a), Shape::Flat(b)) => Ok(Shape::Flat(a + b)),
        (Shape::Sequence { steps, features }, Shape::Sequence { steps: t, features: f }) if t == steps => {
            Ok(Shape::Sequence { steps, features: features + f })
        }
        _ => Err(ShapeError::Mismatch),
    })
}

impl Kind for Branches {
    type Module = BranchesModule;
    const TOKEN: &'static str = "[";
    const ARGS: &'static [Arg] = &[];

    fn from_args(_: &[f64]) -> Self {
        match Self::parse(DEFAULT) {
            Some(Ok(b)) => b,
            _ => unreachable!("the default branches parse"),
        }
    }

    fn args(&self) -> Vec<f64> {
        vec![]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        join(&self.outputs(input)?)
    }

    fn params(&self, input: Shape) -> usize {
        self.branches
            .iter()
            .filter_map(|layers| infer(input, layers).ok())
            .flat_map(|infos| infos.into_iter().map(|i| i.params))
            .sum()
    }

    fn init(&self, input: Shape, init: &mut Init) -> BranchesModule {
        let branches = self
            .branches
            .iter()
            .map(|layers| {
                let infos = infer(input, layers).expect("checked by output");
                infos.iter().map(|i| i.layer.init(i.input, init)).collect()
            })
            .collect();
        BranchesModule { branches }
    }

    fn parse(token: &str) -> Option<Result<Self, ShapeError>> {
        let inner = token.trim().strip_prefix('[')?;
        let Some(inner) = inner.strip_suffix(']') else { return Some(Err(ShapeError::Syntax(token.to_string()))) };
        let branches = split_top(inner, '|')
            .into_iter()
            .map(|b| super::Stack::parse_layers(b).map_err(|e| e.kind))
            .collect::<Result<Vec<_>, _>>();
        Some(match branches {
            Ok(b) if b.len() >= 2 && b.iter().all(|l| !l.is_empty()) => Ok(Branches { branches: b }),
            Ok(_) => Err(ShapeError::Syntax(token.to_string())),
            Err(e) => Err(e),
        })
    }

    fn token(&self) -> String {
        let inner: Vec<String> = self.branches.iter().map(|b| layers_text(b)).collect();
        format!("[{}]", inner.join("|"))
    }
}

#[derive(Module, Debug)]
pub struct BranchesModule {
    pub branches: Vec<Vec<LayerModule>>,
}

impl Forward for BranchesModule {
    fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
        let outputs: Vec<Value> = self
            .branches
            .iter()
            .map(|layers| layers.iter().fold(x.clone(), |v, layer| layer.forward(v, ctx)))
            .collect();
        match outputs.first() {
            Some(Value::Image(_)) => Value::Image(Tensor::cat(outputs.into_iter().map(image).collect(), 1)),
            Some(Value::Flat(_)) => Value::Flat(Tensor::cat(outputs.into_iter().map(flat).collect(), 1)),
            Some(Value::Sequence(_)) => Value::Sequence(Tensor::cat(outputs.into_iter().map(sequence).collect(), 2)),
            _ => unreachable!("branches end in images, vectors or sequences (checked by shape inference)"),
        }
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        self.branches.iter().flatten().flat_map(Forward::weights).collect()
    }
}

fn image(v: Value) -> Tensor<4> {
    let Value::Image(x) = v else { unreachable!("checked by shape inference") };
    x
}

fn flat(v: Value) -> Tensor<2> {
    let Value::Flat(x) = v else { unreachable!("checked by shape inference") };
    x
}

fn sequence(v: Value) -> Tensor<3> {
    let Value::Sequence(x) = v else { unreachable!("checked by shape inference") };
    x
}
