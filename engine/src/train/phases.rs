//! Where one training step of the benchmark's run goes: the note's CNN, batch 32, SGD with
//! momentum 0.9 at 0.01, on the digits. For burn's path or the fused convolution blocks, the mean
//! milliseconds per step of assembling the batch, each layer's (or fused block's) forward, the
//! loss, the backward pass and the optimizer, over [`STEPS`] steps after [`WARM_UP`]. The caller
//! gives the clock (the engine reads none): `Instant` natively (`examples/phases.rs`),
//! `performance.now()` in the browser (the `/bench?run=phases` page).

use burn::optim::GradientsParams;
use burn::prelude::*;

use crate::data::Batcher;
use crate::loss::Loss;
use crate::mnist::Mnist;
use crate::nn::{Ctx, Forward, Layer, LayerModule, Net, Stack, Value, fused};
use crate::rng::Rng;
use crate::train::Optimizer;

pub const WARM_UP: usize = 20;
pub const STEPS: usize = 200;
const BATCH: usize = 32;

/// Mean milliseconds per step of each phase, in order, with its name.
pub type Phases = Vec<(String, f64)>;

/// Times [`STEPS`] steps on `device` (an autodiff device), by the fused blocks or burn's path;
/// `now` returns milliseconds.
pub fn measure(data: &Mnist, device: &Device, fused_path: bool, now: &mut dyn FnMut() -> f64) -> Phases {
    let stack = Stack::note_cnn();
    let mut net = Net::seeded(&stack, 1, device).expect("the note's network");
    let mut optim = Optimizer::Momentum { momentum: 0.9 }.build();
    let mut rng = Rng::new(1);
    let segments = segments(&stack, fused_path);
    let mut times = vec![0.0f64; segments.len() + 4];
    for step in 0..WARM_UP + STEPS {
        let counting = step >= WARM_UP;
        let mut last = now();
        let mut lap = |total: &mut f64| {
            let t = now();
            if counting {
                *total += t - last;
            }
            last = t;
        };
        let indices: Vec<usize> = (0..BATCH).map(|i| (step * BATCH + i) % data.len()).collect();
        let (x, y) = Batcher::batch(data, &indices, device);
        lap(&mut times[0]);
        let mut v = Value::Image(x);
        let mut ctx = Ctx { rng: Some(&mut rng), trace: None };
        for (s, range) in segments.iter().enumerate() {
            v = if range.len() == 3 && fused_path {
                let (LayerModule::Conv(conv), Layer::Conv(kind), Value::Image(x)) =
                    (&net.modules()[range.start], &stack.layers[range.start], v)
                else {
                    unreachable!("a block starts with a convolution")
                };
                let bias = conv.bias.as_ref().expect("a bias").val();
                Value::Image(fused::conv_relu_pool(x, conv.weight.val(), bias, kind.padding))
            } else {
                net.modules()[range.clone()].iter().fold(v, |v, m| m.forward(v, &mut ctx))
            };
            lap(&mut times[1 + s]);
        }
        let loss = Loss::CrossEntropy { smoothing: 0.0 }.forward(v.into_rows(), y);
        let _: f32 = loss.clone().into_scalar();
        lap(&mut times[segments.len() + 1]);
        let grads = loss.backward();
        lap(&mut times[segments.len() + 2]);
        let params = GradientsParams::from_grads(grads, &net);
        net = optim.step(0.01, net, params);
        lap(&mut times[segments.len() + 3]);
    }
    let per_step = |t: f64| t / STEPS as f64;
    let mut out = vec![("batch".to_string(), per_step(times[0]))];
    for (s, range) in segments.iter().enumerate() {
        let name: Vec<&str> = stack.layers[range.clone()].iter().map(Layer::kind_token).collect();
        out.push((format!("forward {} {}", s + 1, name.join("+")), per_step(times[1 + s])));
    }
    let n = segments.len();
    for (i, name) in ["loss", "backward", "optimizer"].into_iter().enumerate() {
        out.push((name.to_string(), per_step(times[n + 1 + i])));
    }
    out.push(("step".to_string(), per_step(times.iter().sum())));
    out
}

/// The phases as one JSON line.
pub fn json_line(phases: &Phases, fused_path: bool, place: &str) -> String {
    let fields: Vec<String> = phases.iter().map(|(name, ms)| format!("\"{name}_ms\":{ms:.3}")).collect();
    format!(
        "{{\"bench\":\"phases\",\"path\":\"{}\",\"where\":\"{place}\",{}}}",
        if fused_path { "fused" } else { "burn" },
        fields.join(",")
    )
}

/// The layer ranges timed one by one: conv+relu+pool blocks as one when fused.
fn segments(stack: &Stack, fused_path: bool) -> Vec<std::ops::Range<usize>> {
    let layers = &stack.layers;
    let mut out = Vec::new();
    let mut i = 0;
    while i < layers.len() {
        let block = fused_path
            && matches!(
                (&layers[i], layers.get(i + 1), layers.get(i + 2)),
                (Layer::Conv(c), Some(Layer::Relu(_)), Some(Layer::MaxPool(p))) if c.stride == 1 && p.size == 2 && p.stride == 2
            );
        let len = if block { 3 } else { 1 };
        out.push(i..i + len);
        i += len;
    }
    out
}
