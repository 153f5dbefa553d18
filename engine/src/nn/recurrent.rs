//! Text and sequences: `embed` (a learned vector per token), `rnn` (Elman's cell with tanh) and
//! `lstm` (Hochreiter & Schmidhuber's cell with forget gate, as PyTorch computes it). The cells
//! are written out step by step, so that a lesson can read every gate and state, and a training
//! step can measure the gradient that reaches each time step.
//!
//! Layouts: weights are stored `[inputs, outputs]` (the transpose of PyTorch's `weight_ih` and
//! `weight_hh`), and the LSTM's four blocks are in PyTorch's order: input gate, forget gate,
//! candidate, output gate. Like PyTorch, each cell keeps two biases (`b_ih`, `b_hh`); only their
//! sum matters, but the parameter count then matches `sum(p.numel())` in PyTorch.

use burn::module::{Module, Param};
use burn::prelude::*;
use burn::tensor::activation::{sigmoid, tanh};
use serde::{Deserialize, Serialize};

use super::{Arg, Ctx, Form, Forward, Init, Kind, Shape, ShapeError, Value, expect};

/// `embed:DIM[:STD]`: token t becomes row t of a learned `[vocab, DIM]` table (PyTorch's
/// `nn.Embedding`, drawn from N(0, STD²); STD is 1 when left out, like PyTorch).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Embedding {
    pub dim: usize,
    #[serde(default = "one")]
    pub std: f32,
}

fn one() -> f32 {
    1.0
}

#[derive(Module, Debug)]
pub struct EmbeddingModule {
    /// `[vocab, dim]`
    pub weight: Param<Tensor<2>>,
}

impl Kind for Embedding {
    type Module = EmbeddingModule;
    const TOKEN: &'static str = "embed";
    const ARGS: &'static [Arg] =
        &[Arg::int("dim", 1, 1024, 16), Arg { omitted: Some(1.0), ..Arg::real("std", 0.001, 10.0, 1.0) }];

    fn from_args(a: &[f64]) -> Self {
        Self { dim: a[0] as usize, std: a[1] as f32 }
    }

    fn args(&self) -> Vec<f64> {
        vec![self.dim as f64, f64::from(self.std)]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let Shape::Tokens { steps, .. } = expect(input, &[Form::Tokens])? else { unreachable!() };
        Ok(Shape::Sequence { steps, features: self.dim })
    }

    fn params(&self, input: Shape) -> usize {
        let Shape::Tokens { vocab, .. } = input else { return 0 };
        vocab * self.dim
    }

    fn init(&self, input: Shape, init: &mut Init) -> EmbeddingModule {
        let Shape::Tokens { vocab, .. } = input else { unreachable!("checked by output") };
        EmbeddingModule { weight: init.normal([vocab, self.dim], self.std) }
    }
}

impl Forward for EmbeddingModule {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Tokens(t) => Value::Sequence(burn::tensor::module::embedding(self.weight.val(), t)),
            other => unreachable!("embed gets tokens, not {:?}", other.form()),
        }
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        vec![self.weight.val().flatten(0, 1)]
    }
}

/// `rnn:HIDDEN`: `h_t = tanh(x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh)`, from `h_0 = 0`; outputs
/// every `h_t`. The same weights serve every step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rnn {
    pub hidden: usize,
}

/// `lstm:HIDDEN`: the LSTM cell. From `z = x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh`, split in four:
/// input gate `i = σ(z_i)`, forget gate `f = σ(z_f)`, candidate `g = tanh(z_g)`, output gate
/// `o = σ(z_o)`; then the memory `c_t = f·c_{t−1} + i·g` and the output `h_t = o·tanh(c_t)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Lstm {
    pub hidden: usize,
}

/// The cell's weights, in PyTorch's initialization: everything uniform in `±1/√hidden`.
#[derive(Module, Debug)]
pub struct CellWeights {
    /// `[inputs, blocks·hidden]`
    pub weight_ih: Param<Tensor<2>>,
    /// `[hidden, blocks·hidden]`
    pub weight_hh: Param<Tensor<2>>,
    pub bias_ih: Param<Tensor<1>>,
    pub bias_hh: Param<Tensor<1>>,
}

impl CellWeights {
    fn init(blocks: usize, hidden: usize, input: Shape, init: &mut Init) -> Self {
        let Shape::Sequence { features, .. } = input else { unreachable!("checked by output") };
        let width = blocks * hidden;
        Self {
            weight_ih: init.weight([features, width], hidden),
            weight_hh: init.weight([hidden, width], hidden),
            bias_ih: init.bias([width], hidden),
            bias_hh: init.bias([width], hidden),
        }
    }

    /// The input's part of `z` for every step at once: `[batch, steps, blocks·hidden]`.
    fn input_part(&self, x: Tensor<3>) -> Tensor<3> {
        burn::tensor::module::linear(x, self.weight_ih.val(), Some(self.bias_ih.val() + self.bias_hh.val()))
    }

    fn hidden(&self) -> usize {
        self.weight_hh.dims()[0]
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        vec![self.weight_ih.val().flatten(0, 1), self.weight_hh.val().flatten(0, 1)]
    }
}

/// Step `t` of the input's part: `[batch, width]`.
fn at(xw: &Tensor<3>, t: usize) -> Tensor<2> {
    let [b, _, w] = xw.dims();
    xw.clone().slice(s![.., t..t + 1, ..]).reshape([b, w])
}

/// When the pass is traced for gradients, adds a zero that requires a gradient to `h`: after
/// the backward pass its gradient is the loss's gradient with respect to that step's state.
fn tap(h: Tensor<2>, taps: &mut Option<Vec<Tensor<2>>>) -> Tensor<2> {
    match taps {
        Some(taps) => {
            let zero = Tensor::zeros(h.dims(), &h.device()).require_grad();
            taps.push(zero.clone());
            h + zero
        }
        None => h,
    }
}

/// The shared rules of the recurrent kinds: one argument (the hidden size), a sequence in and a
/// sequence out, `blocks` weight blocks (1 for the RNN, 4 for the LSTM's gates and candidate).
macro_rules! recurrent_kind {
    ($kind:ident, $module:ident, $token:literal, $blocks:literal) => {
        impl Kind for $kind {
            type Module = $module;
            const TOKEN: &'static str = $token;
            const ARGS: &'static [Arg] = &[Arg::int("hidden", 1, 1024, 32)];

            fn from_args(a: &[f64]) -> Self {
                Self { hidden: a[0] as usize }
            }

            fn args(&self) -> Vec<f64> {
                vec![self.hidden as f64]
            }

            fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
                let Shape::Sequence { steps, .. } = expect(input, &[Form::Sequence])? else { unreachable!() };
                Ok(Shape::Sequence { steps, features: self.hidden })
            }

            fn params(&self, input: Shape) -> usize {
                let Shape::Sequence { features, .. } = input else { return 0 };
                $blocks * self.hidden * (features + self.hidden + 2)
            }

            fn init(&self, input: Shape, init: &mut Init) -> $module {
                $module { cell: CellWeights::init($blocks, self.hidden, input, init) }
            }
        }
    };
}

recurrent_kind!(Rnn, RnnModule, "rnn", 1);
recurrent_kind!(Lstm, LstmModule, "lstm", 4);

#[derive(Module, Debug)]
pub struct RnnModule {
    pub cell: CellWeights,
}

/// One step of an RNN, for one sequence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RnnStep {
    pub h: Vec<f32>,
}

impl RnnModule {
    /// Runs a batch of sequences `[batch, steps, inputs]` from `h0` (zeros when `None`); returns
    /// every state `[batch, steps, hidden]` and the last one.
    pub fn run(
        &self,
        x: Tensor<3>,
        h0: Option<Tensor<2>>,
        taps: &mut Option<Vec<Tensor<2>>>,
    ) -> (Tensor<3>, Tensor<2>) {
        let [batch, steps, _] = x.dims();
        let xw = self.cell.input_part(x);
        let mut h = h0.unwrap_or_else(|| Tensor::zeros([batch, self.cell.hidden()], &xw.device()));
        let mut outs = Vec::with_capacity(steps);
        for t in 0..steps {
            h = tap(tanh(at(&xw, t) + h.matmul(self.cell.weight_hh.val())), taps);
            outs.push(h.clone());
        }
        (Tensor::stack(outs, 1), h)
    }

    /// Every state of the first sequence of `x`, step by step.
    pub fn steps(&self, x: Tensor<3>) -> Vec<RnnStep> {
        let (states, _) = self.run(x.slice(s![0..1, .., ..]), None, &mut None);
        rows(states).into_iter().map(|h| RnnStep { h }).collect()
    }
}

/// Runs a recurrent layer over a sequence, tapping each step's state when the trace asks for
/// gradients per time step.
fn forward_tapped(
    x: Value,
    ctx: &mut Ctx,
    run: impl FnOnce(Tensor<3>, &mut Option<Vec<Tensor<2>>>) -> Tensor<3>,
) -> Value {
    let Value::Sequence(x) = x else { unreachable!("a recurrent layer gets a sequence, not {:?}", x.form()) };
    let mut taps = ctx.trace.as_ref().filter(|t| t.time_gradients).map(|_| Vec::new());
    let states = run(x, &mut taps);
    if let (Some(trace), Some(taps)) = (ctx.trace.as_deref_mut(), taps) {
        trace.taps.push(taps);
    }
    Value::Sequence(states)
}

impl Forward for RnnModule {
    fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
        forward_tapped(x, ctx, |x, taps| self.run(x, None, taps).0)
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        self.cell.weights()
    }
}

#[derive(Module, Debug)]
pub struct LstmModule {
    pub cell: CellWeights,
}

/// One step of an LSTM, for one sequence: the three gates, the candidate, the memory and the
/// output, each `hidden` values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LstmStep {
    pub input: Vec<f32>,
    pub forget: Vec<f32>,
    pub candidate: Vec<f32>,
    pub output: Vec<f32>,
    pub c: Vec<f32>,
    pub h: Vec<f32>,
}

/// The four gate signals of one step, `[batch, hidden]` each.
struct Gates {
    input: Tensor<2>,
    forget: Tensor<2>,
    candidate: Tensor<2>,
    output: Tensor<2>,
}

impl LstmModule {
    /// One step from the input's part `xw_t` and the previous state: the gates, then `(h, c)`.
    fn cell(&self, xw_t: Tensor<2>, h: Tensor<2>, c: Tensor<2>) -> (Gates, Tensor<2>, Tensor<2>) {
        let hidden = self.cell.hidden();
        let z = xw_t + h.matmul(self.cell.weight_hh.val());
        let block = |k: usize| z.clone().narrow(1, k * hidden, hidden);
        let gates = Gates {
            input: sigmoid(block(0)),
            forget: sigmoid(block(1)),
            candidate: tanh(block(2)),
            output: sigmoid(block(3)),
        };
        let c = gates.forget.clone() * c + gates.input.clone() * gates.candidate.clone();
        let h = gates.output.clone() * tanh(c.clone());
        (gates, h, c)
    }

    /// Runs a batch of sequences from `(h0, c0)` (zeros when `None`); returns every output
    /// `[batch, steps, hidden]` and the last `(h, c)`.
    pub fn run(
        &self,
        x: Tensor<3>,
        state: Option<(Tensor<2>, Tensor<2>)>,
        taps: &mut Option<Vec<Tensor<2>>>,
    ) -> (Tensor<3>, (Tensor<2>, Tensor<2>)) {
        let [batch, steps, _] = x.dims();
        let xw = self.cell.input_part(x);
        let zeros = || Tensor::zeros([batch, self.cell.hidden()], &xw.device());
        let (mut h, mut c) = state.unwrap_or_else(|| (zeros(), zeros()));
        let mut outs = Vec::with_capacity(steps);
        for t in 0..steps {
            let (_, next_h, next_c) = self.cell(at(&xw, t), h, c);
            h = tap(next_h, taps);
            c = next_c;
            outs.push(h.clone());
        }
        (Tensor::stack(outs, 1), (h, c))
    }

    /// Every gate and state of the first sequence of `x`, step by step.
    pub fn steps(&self, x: Tensor<3>) -> Vec<LstmStep> {
        let x = x.slice(s![0..1, .., ..]);
        let steps = x.dims()[1];
        let xw = self.cell.input_part(x);
        let zeros = || Tensor::<2>::zeros([1, self.cell.hidden()], &xw.device());
        let (mut h, mut c) = (zeros(), zeros());
        let values = |t: &Tensor<2>| t.clone().try_into_vec_as::<f32>().unwrap_or_default();
        (0..steps)
            .map(|t| {
                let (g, next_h, next_c) = self.cell(at(&xw, t), h.clone(), c.clone());
                (h, c) = (next_h, next_c);
                LstmStep {
                    input: values(&g.input),
                    forget: values(&g.forget),
                    candidate: values(&g.candidate),
                    output: values(&g.output),
                    c: values(&c),
                    h: values(&h),
                }
            })
            .collect()
    }
}

impl Forward for LstmModule {
    fn forward(&self, x: Value, ctx: &mut Ctx) -> Value {
        forward_tapped(x, ctx, |x, taps| self.run(x, None, taps).0)
    }

    fn weights(&self) -> Vec<Tensor<1>> {
        self.cell.weights()
    }
}

/// The rows of `[1, steps, hidden]` as one vector per step.
fn rows(states: Tensor<3>) -> Vec<Vec<f32>> {
    let [_, steps, hidden] = states.dims();
    let values: Vec<f32> = states.try_into_vec_as().unwrap_or_default();
    (0..steps).map(|t| values[t * hidden..(t + 1) * hidden].to_vec()).collect()
}
