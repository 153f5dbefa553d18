//! Where one training step of the benchmark's run goes: the note's CNN, batch 32, SGD with
//! momentum 0.9 at 0.01, on shuffled digits. For burn's path or the fused convolution blocks, the mean
//! milliseconds per step of assembling the batch, each layer's (or fused block's) forward, the
//! loss, the backward pass and the optimizer, over [`STEPS`] steps after [`WARM_UP`]. The caller
//! gives the clock (the engine reads none): `Instant` natively (`examples/phases.rs`),
//! `performance.now()` in the training worker (the `/bench?run=phases` page).

use std::ops::Range;

use burn::optim::GradientsParams;
use burn::prelude::*;

use crate::data::Batcher;
use crate::loss::Loss;
use crate::mnist::Mnist;
use crate::nn::{Ctx, Layer, Net, Stack, Value, fused};
use crate::rng::Rng;
use crate::train::Optimizer;

pub const WARM_UP: usize = 20;
pub const STEPS: usize = 200;
const BATCH: usize = 32;

/// Mean milliseconds per step of each phase, in order, with its name.
pub type Phases = Vec<(String, f64)>;

/// Times [`STEPS`] steps on `device` (an autodiff device), by the fused blocks or burn's path
/// (the network's own forward, with [`fused`] switched on or off for the call); `now` returns
/// milliseconds.
pub fn measure(data: &Mnist, device: &Device, fused_path: bool, now: &mut dyn FnMut() -> f64) -> Phases {
    let was = fused::enabled();
    fused::set_enabled(fused_path);
    let stack = Stack::note_cnn();
    let mut net = Net::seeded(&stack, 1, device).expect("the note's network");
    let mut optim = Optimizer::Momentum { momentum: 0.9 }.build();
    let mut rng = Rng::new(1);
    // The digits file is sorted by label: batches drawn in file order would each hold one class,
    // a degenerate run whose ReLUs mostly die (and whose sparse backward is then too cheap).
    let mut order: Vec<usize> = (0..data.len()).collect();
    rng.shuffle(&mut order);
    let (mut batch, mut loss_ms, mut backward, mut optimizer) = (0.0, 0.0, 0.0, 0.0);
    // Each part of the forward pass (a layer or a fused block) with its time, in order.
    let mut forward: Vec<(Range<usize>, f64)> = Vec::new();
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
        let indices: Vec<usize> = (0..BATCH).map(|i| order[(step * BATCH + i) % order.len()]).collect();
        let (x, y) = Batcher::batch(data, &indices, device);
        lap(&mut batch);
        let mut ctx = Ctx { rng: Some(&mut rng), trace: None };
        let logits = net.forward_segments(Value::Image(x), &mut ctx, &mut |layers| {
            let at = forward.iter().position(|(r, _)| *r == layers).unwrap_or_else(|| {
                forward.push((layers, 0.0));
                forward.len() - 1
            });
            lap(&mut forward[at].1);
        });
        let loss = Loss::CrossEntropy { smoothing: 0.0 }.forward(logits.into_rows(), y);
        let _: f32 = loss.clone().into_scalar();
        lap(&mut loss_ms);
        let grads = loss.backward();
        lap(&mut backward);
        let params = GradientsParams::from_grads(grads, &net);
        net = optim.step(0.01, net, params);
        lap(&mut optimizer);
    }
    fused::set_enabled(was);
    let per_step = |t: f64| t / STEPS as f64;
    let mut out = vec![("batch".to_string(), per_step(batch))];
    for (s, (layers, ms)) in forward.iter().enumerate() {
        let name: Vec<&str> = stack.layers[layers.clone()].iter().map(Layer::kind_token).collect();
        out.push((format!("forward {} {}", s + 1, name.join("+")), per_step(*ms)));
    }
    for (name, ms) in [("loss", loss_ms), ("backward", backward), ("optimizer", optimizer)] {
        out.push((name.to_string(), per_step(ms)));
    }
    let total = out.iter().map(|(_, ms)| ms).sum();
    out.push(("step".to_string(), total));
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
