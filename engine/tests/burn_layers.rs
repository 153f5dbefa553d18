//! The engine's own layers against burn's: with the same weights copied over, burn's `Lstm`,
//! `Rnn`, `Embedding`, `Conv1d` and `AdaptiveAvgPool2d` give the same outputs and the same
//! gradients (within 1e-5) as the layers the lessons train and look inside.

use burn::module::Param;
use burn::nn::conv::Conv1dConfig;
use burn::nn::pool::AdaptiveAvgPool2dConfig;
use burn::nn::{EmbeddingConfig, GateController, LstmConfig, PaddingConfig1d, RnnConfig};
use burn::prelude::*;
use burn::tensor::Distribution;
use engine::nn::{CellWeights, Ctx, Forward, Init, Layer, LayerModule, LstmModule, RnnModule, Shape, Value};

const TOLERANCE: f32 = 1e-5;

fn device() -> Device {
    Device::flex().autodiff()
}

fn values<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.try_into_vec_as::<f32>().unwrap()
}

fn assert_close<const D: usize>(a: Tensor<D>, b: Tensor<D>, what: &str) {
    assert_eq!(a.dims(), b.dims(), "{what}: shapes");
    let (a, b) = (values(a), values(b));
    let worst = a.iter().zip(&b).map(|(x, y)| (x - y).abs()).fold(0.0f32, f32::max);
    assert!(worst <= TOLERANCE, "{what}: differs by {worst}");
}

fn random<const D: usize>(shape: [usize; D]) -> Tensor<D> {
    Tensor::random(shape, Distribution::Normal(0.0, 1.0), &device())
}

/// A fresh trainable copy of a tensor's values.
fn leaf<const D: usize>(t: Tensor<D>) -> Param<Tensor<D>> {
    Param::from_tensor(Tensor::from_data(t.into_data(), &device()))
}

/// Concatenates the blocks of several gates along the output axis, as the engine stores them.
fn blocks<const D: usize>(gates: &[&GateController], part: impl Fn(&GateController) -> Tensor<D>) -> Param<Tensor<D>> {
    leaf(Tensor::cat(gates.iter().map(|g| part(g)).collect(), D - 1))
}

fn cell_from(gates: &[&GateController]) -> CellWeights {
    CellWeights {
        weight_ih: blocks(gates, |g| g.input_transform.weight.val()),
        weight_hh: blocks(gates, |g| g.hidden_transform.weight.val()),
        bias_ih: blocks(gates, |g| g.input_transform.bias.as_ref().unwrap().val()),
        bias_hh: blocks(gates, |g| g.hidden_transform.bias.as_ref().unwrap().val()),
    }
}

/// Block `k` of `h` values along the last axis of an engine gradient.
fn block<const D: usize>(t: Tensor<D>, k: usize, h: usize) -> Tensor<D> {
    t.narrow(D - 1, k * h, h)
}

#[test]
fn lstm_matches_burns_lstm_in_outputs_and_gradients() {
    let (batch, steps, inputs, hidden) = (3, 5, 4, 6);
    let theirs = LstmConfig::new(inputs, hidden, true).init(&device());
    let forget = theirs.forget_gate.as_ref().unwrap();
    // The engine's order is PyTorch's: input gate, forget gate, candidate (burn's cell gate), output.
    let gates = [&theirs.input_gate, forget, &theirs.cell_gate, &theirs.output_gate];
    let ours = LstmModule { cell: cell_from(&gates) };
    let x = random([batch, steps, inputs]);
    let probe = random([batch, steps, hidden]);

    let x_theirs = x.clone().require_grad();
    let (out_theirs, _) = theirs.forward(x_theirs.clone(), None);
    let x_ours = x.require_grad();
    let Value::Sequence(out_ours) = Forward::forward(&ours, Value::Sequence(x_ours.clone()), &mut Ctx::inference())
    else {
        panic!()
    };
    assert_close(out_ours.clone(), out_theirs.clone(), "LSTM outputs");

    let g_theirs = (out_theirs * probe.clone()).sum().backward();
    let g_ours = (out_ours * probe).sum().backward();
    assert_close(x_ours.grad(&g_ours).unwrap(), x_theirs.grad(&g_theirs).unwrap(), "LSTM input gradient");
    for (k, gate) in gates.iter().enumerate() {
        let grad = |p: &Param<Tensor<2>>, g| p.val().grad(g).unwrap();
        assert_close(
            block(grad(&ours.cell.weight_ih, &g_ours), k, hidden),
            grad(&gate.input_transform.weight, &g_theirs),
            "LSTM W_ih gradient",
        );
        assert_close(
            block(grad(&ours.cell.weight_hh, &g_ours), k, hidden),
            grad(&gate.hidden_transform.weight, &g_theirs),
            "LSTM W_hh gradient",
        );
        let bias = |p: &Param<Tensor<1>>, g| p.val().grad(g).unwrap();
        assert_close(
            block(bias(&ours.cell.bias_ih, &g_ours), k, hidden),
            bias(gate.input_transform.bias.as_ref().unwrap(), &g_theirs),
            "LSTM b_ih gradient",
        );
    }
    // The step-by-step readout computes the same states as the forward pass.
    let first_steps = ours.steps(x_ours.clone().slice(s![0..1, .., ..]));
    let Value::Sequence(h) = Forward::forward(&ours, Value::Sequence(x_ours), &mut Ctx::inference()) else { panic!() };
    let h0 = values(h.slice(s![0..1, .., ..]));
    let mut c_prev = vec![0.0f32; hidden];
    for (t, step) in first_steps.iter().enumerate() {
        for j in 0..hidden {
            assert!((step.h[j] - h0[t * hidden + j]).abs() < TOLERANCE, "h at step {t}");
            // The memory and the output follow the note's cell: c = f·c' + i·g, h = o·tanh(c).
            let c = step.forget[j] * c_prev[j] + step.input[j] * step.candidate[j];
            assert!((step.c[j] - c).abs() < TOLERANCE, "c at step {t}");
            assert!((step.h[j] - step.output[j] * c.tanh()).abs() < TOLERANCE);
        }
        c_prev = step.c.clone();
    }
}

#[test]
fn rnn_matches_burns_rnn_in_outputs_and_gradients() {
    let (batch, steps, inputs, hidden) = (2, 7, 3, 5);
    let theirs = RnnConfig::new(inputs, hidden, true).init(&device());
    let ours = RnnModule { cell: cell_from(&[&theirs.gate]) };
    let x = random([batch, steps, inputs]);
    let probe = random([batch, steps, hidden]);
    let x_theirs = x.clone().require_grad();
    let (out_theirs, _) = theirs.forward(x_theirs.clone(), None);
    let x_ours = x.require_grad();
    let Value::Sequence(out_ours) = Forward::forward(&ours, Value::Sequence(x_ours.clone()), &mut Ctx::inference())
    else {
        panic!()
    };
    assert_close(out_ours.clone(), out_theirs.clone(), "RNN outputs");
    let g_theirs = (out_theirs * probe.clone()).sum().backward();
    let g_ours = (out_ours * probe).sum().backward();
    assert_close(x_ours.grad(&g_ours).unwrap(), x_theirs.grad(&g_theirs).unwrap(), "RNN input gradient");
    assert_close(
        ours.cell.weight_hh.val().grad(&g_ours).unwrap(),
        theirs.gate.hidden_transform.weight.val().grad(&g_theirs).unwrap(),
        "RNN W_hh gradient",
    );
}

#[test]
fn embedding_matches_burns_embedding() {
    let theirs = EmbeddingConfig::new(12, 4).init(&device());
    let layer = Layer::parse("embed:4").unwrap();
    let input = Shape::Tokens { steps: 3, vocab: 12 };
    let LayerModule::Embedding(mut ours) = layer.init(input, &mut Init::new(1, &device())) else { panic!() };
    ours.weight = leaf(theirs.weight.val());
    let tokens = Tensor::<2, Int>::from_data(TensorData::new(vec![1i64, 5, 11, 0, 5, 2], [2, 3]), &device());
    let out_theirs = theirs.forward(tokens.clone());
    let Value::Sequence(out_ours) = Forward::forward(&ours, Value::Tokens(tokens), &mut Ctx::inference()) else {
        panic!()
    };
    assert_close(out_ours.clone(), out_theirs.clone(), "embedding outputs");
    let probe = random([2, 3, 4]);
    let g_theirs = (out_theirs * probe.clone()).sum().backward();
    let g_ours = (out_ours * probe).sum().backward();
    assert_close(
        ours.weight.val().grad(&g_ours).unwrap(),
        theirs.weight.val().grad(&g_theirs).unwrap(),
        "embedding gradient (token 5 twice, unused tokens zero)",
    );
}

#[test]
fn conv1d_over_sequences_matches_burns_conv1d_on_channels() {
    let (batch, steps, features, filters, kernel) = (2, 9, 4, 3, 3);
    let theirs =
        Conv1dConfig::new(features, filters, kernel).with_padding(PaddingConfig1d::Explicit(1, 1)).init(&device());
    let layer = Layer::parse("conv1d:3:3:1").unwrap();
    let LayerModule::Conv1d(mut ours) = layer.init(Shape::Sequence { steps, features }, &mut Init::new(1, &device()))
    else {
        panic!()
    };
    ours.conv.weight = leaf(theirs.weight.val());
    ours.conv.bias = Some(leaf(theirs.bias.as_ref().unwrap().val()));
    // The engine reads [batch, steps, features]; burn's conv1d reads [batch, features, steps].
    let x = random([batch, steps, features]);
    let x_theirs = x.clone().swap_dims(1, 2).require_grad();
    let out_theirs = theirs.forward(x_theirs.clone()).swap_dims(1, 2);
    let x_ours = x.require_grad();
    let Value::Sequence(out_ours) = Forward::forward(&ours, Value::Sequence(x_ours.clone()), &mut Ctx::inference())
    else {
        panic!()
    };
    assert_eq!(out_ours.dims(), [batch, steps, filters]);
    assert_close(out_ours.clone(), out_theirs.clone(), "conv1d outputs");
    let probe = random([batch, steps, filters]);
    let g_theirs = (out_theirs * probe.clone()).sum().backward();
    let g_ours = (out_ours * probe).sum().backward();
    assert_close(
        x_ours.grad(&g_ours).unwrap(),
        x_theirs.grad(&g_theirs).unwrap().swap_dims(1, 2),
        "conv1d input gradient",
    );
    assert_close(
        ours.conv.weight.val().grad(&g_ours).unwrap(),
        theirs.weight.val().grad(&g_theirs).unwrap(),
        "conv1d weight gradient",
    );
}

#[test]
fn adaptive_average_pooling_matches_burn_and_the_hand_computation() {
    let theirs = AdaptiveAvgPool2dConfig::new([2, 3]).init();
    let layer = Layer::parse("adapt:2:3").unwrap();
    let module = layer.init(Shape::Volume { height: 4, width: 6, channels: 2 }, &mut Init::new(1, &device()));
    let x = random([1, 2, 4, 6]);
    let x_theirs = x.clone().require_grad();
    let out_theirs = theirs.forward(x_theirs.clone());
    let x_ours = x.clone().require_grad();
    let Value::Image(out_ours) = module.forward(Value::Image(x_ours.clone()), &mut Ctx::inference()) else { panic!() };
    assert_close(out_ours.clone(), out_theirs.clone(), "adaptive pooling outputs");
    // By hand: 4×6 into 2×3 cells of 2×2, each the mean of its four values.
    let v = values(x);
    let cell = |c: usize, i: usize, j: usize| {
        (0..2)
            .flat_map(|dy| (0..2).map(move |dx| (dy, dx)))
            .map(|(dy, dx)| v[c * 24 + (2 * i + dy) * 6 + 2 * j + dx])
            .sum::<f32>()
            / 4.0
    };
    let ours_v = values(out_ours.clone());
    assert!((ours_v[3 + 2] - cell(0, 1, 2)).abs() < TOLERANCE);
    assert!((ours_v[6] - cell(1, 0, 0)).abs() < TOLERANCE);
    let probe = random([1, 2, 2, 3]);
    let g_theirs = (out_theirs * probe.clone()).sum().backward();
    let g_ours = (out_ours * probe).sum().backward();
    assert_close(x_ours.grad(&g_ours).unwrap(), x_theirs.grad(&g_theirs).unwrap(), "adaptive pooling gradient");
}
