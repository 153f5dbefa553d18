//! One fused operation for the block most of the course's image networks are built from (the
//! note's CNN is two of them): a convolution with stride 1 and zero padding, plus bias, ReLU and a
//! 2×2 max-pool of stride 2, as one op on the `flex` backend with its own backward.
//!
//! Why: burn's path runs four ops, each with its own pass over memory, and its backward is dense,
//! although after a 2×2 max-pool at most a quarter of the convolution's outputs receive any
//! gradient. Here the forward lays out the image patches once for the whole batch (one row per
//! convolution output, ordered window by window so that the four members of each pooling window
//! are adjacent), multiplies them by the kernels in one matrix product, and adds the bias, applies
//! the ReLU and pools in one pass that records which member of each window won. Convolution
//! outputs that the pool drops (the last row and column of an odd-sized map) are never computed.
//! The backward is sparse: each pooled gradient goes to its window's winner only, which adds to
//! its filter's bias, to its kernel's gradient (the winner's patch times the gradient) and, only
//! when the image itself needs a gradient (never for the network's first layer), to its patch's
//! gradient (the kernel times the gradient), folded back onto the image. It runs image by image so
//! that an image's patches and their gradients stay in cache. (A dense backward, two matrix
//! products over every convolution output, was slower here: at most a quarter of them, and in
//! practice about one in seven, receive a gradient.)
//!
//! The result is the same function as burn's `conv2d → relu → max_pool2d` (ties in a window go to
//! the first member, as in PyTorch): the property tests compare outputs and every gradient within
//! 1e-4 over many random shapes. [`Net`](super::Net) uses the op whenever its layers have this
//! pattern and the tensors live on flex; any other stack or backend keeps burn's path.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use burn::backend::autodiff::checkpoint::base::Checkpointer;
use burn::backend::autodiff::checkpoint::strategy::CheckpointStrategy;
use burn::backend::autodiff::grads::Gradients;
use burn::backend::autodiff::ops::{Backward, Ops, OpsKind};
use burn::backend::flex::FlexTensor;
use burn::backend::tensor::FloatTensor;
use burn::backend::{Autodiff, Dispatch, Flex, backend_extension};
use burn::prelude::*;
use burn::tensor::TensorData;

/// Whether [`Net`](super::Net) uses the fused op where it can (on by default). The benchmark
/// turns it off to measure burn's own path; nothing else should.
static ENABLED: AtomicBool = AtomicBool::new(true);

pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// A pooling window's member that won, or none: the window's maximum was not positive, so the
/// ReLU passed no gradient.
const NO_WINNER: u8 = u8::MAX;

#[backend_extension(Flex, Autodiff)]
pub trait ConvBlockBackend: burn::backend::Backend {
    /// `max_pool2d(relu(conv2d(x, weight, bias, stride 1, padding)), 2, stride 2)`: `x` is
    /// `[batch, channels, height, width]`, `weight` `[filters, channels, k, k]`, `bias` `[filters]`.
    fn conv_relu_pool(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
        padding: usize,
    ) -> FloatTensor<Self>;
}

/// The fused block on any tensor whose device is flex (with or without autodiff).
pub fn conv_relu_pool(x: Tensor<4>, weight: Tensor<4>, bias: Tensor<1>, padding: usize) -> Tensor<4> {
    Tensor::from_dispatch(<Dispatch as ConvBlockBackend>::conv_relu_pool(
        x.into_dispatch(),
        weight.into_dispatch(),
        bias.into_dispatch(),
        padding,
    ))
}

/// Whether a tensor on `device` can take the fused op.
pub fn supports(device: &Device) -> bool {
    device.clone().inner() == Device::flex()
}

impl ConvBlockBackend for Flex {
    fn conv_relu_pool(x: FlexTensor, weight: FlexTensor, bias: FlexTensor, padding: usize) -> FlexTensor {
        forward(&x, &weight, &bias, padding, false).0
    }
}

impl<C: CheckpointStrategy> ConvBlockBackend for Autodiff<Flex, C> {
    fn conv_relu_pool(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
        padding: usize,
    ) -> FloatTensor<Self> {
        match BlockBackward.prepare::<C>([x.node(), weight.node(), bias.node()]).compute_bound().stateful() {
            OpsKind::Tracked(prep) => {
                let (out, saved) = forward(x.primitive(), weight.primitive(), bias.primitive(), padding, true);
                prep.finish(Arc::new(saved.expect("kept when asked")), out)
            }
            OpsKind::UnTracked(prep) => {
                prep.finish(forward(x.primitive(), weight.primitive(), bias.primitive(), padding, false).0)
            }
        }
    }
}

/// The sizes of one call.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sizes {
    batch: usize,
    channels: usize,
    height: usize,
    width: usize,
    filters: usize,
    kernel: usize,
    padding: usize,
    /// The pooled map.
    pooled_h: usize,
    pooled_w: usize,
}

impl Sizes {
    fn new(x: &[usize], w: &[usize], padding: usize) -> Sizes {
        assert!(x.len() == 4 && w.len() == 4 && x[1] == w[1] && w[2] == w[3], "conv_relu_pool: shapes {x:?}, {w:?}");
        let (kernel, height, width) = (w[2], x[2], x[3]);
        let conv_h = (height + 2 * padding).checked_sub(kernel).expect("the kernel fits") + 1;
        let conv_w = (width + 2 * padding).checked_sub(kernel).expect("the kernel fits") + 1;
        Sizes {
            batch: x[0],
            channels: x[1],
            height,
            width,
            filters: w[0],
            kernel,
            padding,
            pooled_h: conv_h / 2,
            pooled_w: conv_w / 2,
        }
    }

    /// One patch: channels × k × k.
    fn patch(&self) -> usize {
        self.channels * self.kernel * self.kernel
    }

    /// Pooling windows per image.
    fn windows(&self) -> usize {
        self.pooled_h * self.pooled_w
    }

    /// Convolution outputs computed for the whole batch (four per window).
    fn rows(&self) -> usize {
        self.batch * self.windows() * 4
    }
}

/// What the forward keeps for the backward.
#[derive(Debug)]
struct Saved {
    sizes: Sizes,
    /// `[rows, patch]`: each computed convolution output's patch of the input.
    patches: Vec<f32>,
    /// `[filters, patch]`.
    weight: Vec<f32>,
    /// `[batch, filters, windows]`: which member won, or [`NO_WINNER`].
    winners: Vec<u8>,
}

fn floats(t: &FlexTensor) -> std::borrow::Cow<'_, [f32]> {
    match t.as_slice::<f32>() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(t.to_contiguous().as_slice::<f32>().expect("contiguous f32").to_vec()),
    }
}

fn tensor(values: Vec<f32>, shape: &[usize]) -> FlexTensor {
    FlexTensor::from_data(TensorData::new(values, shape.to_vec()))
}

/// The forward pass; with `keep`, also what the backward needs.
fn forward(
    x: &FlexTensor,
    weight: &FlexTensor,
    bias: &FlexTensor,
    padding: usize,
    keep: bool,
) -> (FlexTensor, Option<Saved>) {
    let s = Sizes::new(x.layout().shape(), weight.layout().shape(), padding);
    let (patches, w, b) = (lay_out_patches(&floats(x), &s), floats(weight), floats(bias));
    let (f, windows, patch) = (s.filters, s.windows(), s.patch());
    let mut out = vec![0.0; s.batch * f * windows];
    let mut winners = vec![NO_WINNER; out.len()];
    // One image at a time, so that its convolution stays in cache until it is pooled:
    // conv[row, filter] = Σ patch[row, ·] · weight[filter, ·], stored filter by filter (column
    // major) so that each filter's four members of a window are adjacent.
    let rows = 4 * windows;
    let mut conv = vec![0.0; rows * f];
    for n in 0..s.batch {
        let image = &patches[n * rows * patch..][..rows * patch];
        matmul(&mut conv, (rows, f), (1, rows), (image, patch, 1), (&w, 1, patch), patch);
        let at = n * f * windows..(n + 1) * f * windows;
        bias_relu_pool(&conv, &b, &s, &mut out[at.clone()], &mut winners[at]);
    }
    let out = tensor(out, &[s.batch, s.filters, s.pooled_h, s.pooled_w]);
    (out, keep.then(|| Saved { sizes: s, patches, weight: w.into_owned(), winners }))
}

/// `[rows, patch]`, row `((n·pooled_h + i)·pooled_w + j)·4 + member` for the member
/// `(2i + member / 2, 2j + member % 2)` of window `(i, j)` of image `n`; zero outside the image.
fn lay_out_patches(x: &[f32], s: &Sizes) -> Vec<f32> {
    let (k, patch) = (s.kernel, s.patch());
    let mut out = vec![0.0; s.rows() * patch];
    for (row, dst) in out.chunks_exact_mut(patch).enumerate() {
        let (member, window, n) = (row % 4, (row / 4) % s.windows(), row / 4 / s.windows());
        let oy = 2 * (window / s.pooled_w) + member / 2;
        let ox = 2 * (window % s.pooled_w) + member % 2;
        for c in 0..s.channels {
            let plane = &x[(n * s.channels + c) * s.height * s.width..][..s.height * s.width];
            for ky in 0..k {
                let Some(y) = (oy + ky).checked_sub(s.padding).filter(|&y| y < s.height) else { continue };
                let line = &plane[y * s.width..][..s.width];
                let dst = &mut dst[(c * k + ky) * k..][..k];
                match ox.checked_sub(s.padding).filter(|&x0| x0 + k <= s.width) {
                    // Away from the left and right borders: one copy.
                    Some(x0) if k == 3 => dst.copy_from_slice(&<[f32; 3]>::try_from(&line[x0..x0 + 3]).expect("three")),
                    Some(x0) => dst.copy_from_slice(&line[x0..x0 + k]),
                    None => {
                        for (kx, d) in dst.iter_mut().enumerate() {
                            if let Some(v) = (ox + kx).checked_sub(s.padding).and_then(|xx| line.get(xx)) {
                                *d = *v;
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Adds the bias, applies the ReLU and pools each window of one image's convolution
/// (`[filters, 4 × windows]`): its pooled map `[filters, windows]` and each window's winner.
/// Branch-free, so that it vectorizes; a tie goes to the first member, as in PyTorch.
fn bias_relu_pool(conv: &[f32], bias: &[f32], s: &Sizes, out: &mut [f32], winners: &mut [u8]) {
    let windows = s.windows();
    let by_filter =
        conv.chunks_exact(4 * windows).zip(out.chunks_exact_mut(windows)).zip(winners.chunks_exact_mut(windows));
    for (((conv, out), winners), &b) in by_filter.zip(bias) {
        for ((q, o), won) in conv.chunks_exact(4).zip(out.iter_mut()).zip(winners.iter_mut()) {
            let [a0, a1, a2, a3] = [q[0] + b, q[1] + b, q[2] + b, q[3] + b];
            let (m01, i01) = if a1 > a0 { (a1, 1u8) } else { (a0, 0) };
            let (m23, i23) = if a3 > a2 { (a3, 3u8) } else { (a2, 2) };
            let (best, i) = if m23 > m01 { (m23, i23) } else { (m01, i01) };
            let positive = best > 0.0;
            *o = if positive { best } else { 0.0 };
            *won = if positive { i } else { NO_WINNER };
        }
    }
}

/// `dst[m, n] = Σ_k lhs[m, k] · rhs[k, n]`, with `dst` of `dims = (m, n)` laid out by
/// `dst_strides` (row stride, column stride), and each operand given as (values, row stride,
/// column stride).
fn matmul(
    dst: &mut [f32],
    dims: (usize, usize),
    dst_strides: (usize, usize),
    lhs: (&[f32], usize, usize),
    rhs: (&[f32], usize, usize),
    k: usize,
) {
    let (m, n) = dims;
    let (rs, cs) = dst_strides;
    assert!(m == 0 || n == 0 || (m - 1) * rs + (n - 1) * cs < dst.len(), "dst in bounds");
    if m == 0 || n == 0 {
        return;
    }
    let last = |(v, rs, cs): (&[f32], usize, usize), rows: usize, cols: usize| {
        assert!(rows == 0 || cols == 0 || (rows - 1) * rs + (cols - 1) * cs < v.len(), "operand in bounds");
    };
    last(lhs, m, k);
    last(rhs, k, n);
    // SAFETY: the bounds of every operand were checked above; `dst` does not alias them.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst.as_mut_ptr(),
            cs as isize,
            rs as isize,
            false,
            lhs.0.as_ptr(),
            lhs.2 as isize,
            lhs.1 as isize,
            rhs.0.as_ptr(),
            rhs.2 as isize,
            rhs.1 as isize,
            0.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

#[derive(Debug)]
struct BlockBackward;

impl Backward<Flex, 3> for BlockBackward {
    type State = Arc<Saved>;

    fn backward(self, ops: Ops<Self::State, 3>, grads: &mut Gradients, _checkpointer: &mut Checkpointer) {
        let [node_x, node_w, node_b] = ops.parents;
        let grad = grads.consume::<Flex>(&ops.node);
        let saved = ops.state;
        let s = saved.sizes;
        let (f, windows, patch) = (s.filters, s.windows(), s.patch());
        let grad = floats(&grad);
        // Only winners carry a gradient: for each, its filter's bias, kernel (times the winner's
        // patch) and, when the image needs a gradient, the winner's patch (times the kernel).
        // Image by image, so that its patches and its patches' gradient stay in cache.
        let rows = 4 * windows;
        let pixels = s.channels * s.height * s.width;
        let mut dbias = vec![0.0; f];
        let mut dw = node_w.is_some().then(|| vec![0.0; f * patch]);
        let mut dx = node_x.is_some().then(|| vec![0.0; s.batch * pixels]);
        let mut dpatches = vec![0.0; if dx.is_some() { rows * patch } else { 0 }];
        for n in 0..s.batch {
            let grad = &grad[n * f * windows..][..f * windows];
            let winners = &saved.winners[n * f * windows..][..f * windows];
            let patches = &saved.patches[n * rows * patch..][..rows * patch];
            // Filter by filter: its kernel's gradient stays in registers' reach.
            for (c, (g, won)) in grad.chunks_exact(windows).zip(winners.chunks_exact(windows)).enumerate() {
                for (window, (&g, &won)) in g.iter().zip(won).enumerate().filter(|(_, (_, w))| **w != NO_WINNER) {
                    dbias[c] += g;
                    if let Some(dw) = dw.as_mut() {
                        let row = window * 4 + won as usize;
                        axpy(&mut dw[c * patch..][..patch], g, &patches[row * patch..][..patch]);
                    }
                }
            }
            // Window by window: its four patches' gradients stay in cache.
            if let Some(dx) = dx.as_mut() {
                dpatches.fill(0.0);
                for window in 0..windows {
                    for c in 0..f {
                        let won = winners[c * windows + window];
                        if won != NO_WINNER {
                            let row = window * 4 + won as usize;
                            let g = grad[c * windows + window];
                            axpy(&mut dpatches[row * patch..][..patch], g, &saved.weight[c * patch..][..patch]);
                        }
                    }
                }
                fold_patches(&dpatches, &s, &mut dx[n * pixels..][..pixels]);
            }
        }
        if let Some(node) = node_b {
            grads.register::<Flex>(node.id, tensor(dbias, &[f]));
        }
        if let (Some(node), Some(dw)) = (node_w, dw) {
            grads.register::<Flex>(node.id, tensor(dw, &[f, s.channels, s.kernel, s.kernel]));
        }
        if let (Some(node), Some(dx)) = (node_x, dx) {
            grads.register::<Flex>(node.id, tensor(dx, &[s.batch, s.channels, s.height, s.width]));
        }
    }
}

/// `dst += a · src`.
fn axpy(dst: &mut [f32], a: f32, src: &[f32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += a * s;
    }
}

/// The adjoint of [`lay_out_patches`] for one image: adds each entry of the image's patches
/// (`4 × windows` rows) onto the pixel of `x` (`[channels, height, width]`) it came from.
fn fold_patches(patches: &[f32], s: &Sizes, x: &mut [f32]) {
    let (k, patch) = (s.kernel, s.patch());
    for (row, src) in patches.chunks_exact(patch).enumerate() {
        let (member, window) = (row % 4, row / 4);
        let oy = 2 * (window / s.pooled_w) + member / 2;
        let ox = 2 * (window % s.pooled_w) + member % 2;
        for c in 0..s.channels {
            let plane = &mut x[c * s.height * s.width..][..s.height * s.width];
            for ky in 0..k {
                let Some(y) = (oy + ky).checked_sub(s.padding).filter(|&y| y < s.height) else { continue };
                let line = &mut plane[y * s.width..][..s.width];
                let src = &src[(c * k + ky) * k..][..k];
                match ox.checked_sub(s.padding).filter(|&x0| x0 + k <= s.width) {
                    Some(x0) if k == 3 => {
                        let (dst, src) = (<&mut [f32; 3]>::try_from(&mut line[x0..x0 + 3]), <&[f32; 3]>::try_from(src));
                        let (dst, src) = (dst.expect("three"), src.expect("three"));
                        for i in 0..3 {
                            dst[i] += src[i];
                        }
                    }
                    Some(x0) => axpy(&mut line[x0..x0 + k], 1.0, src),
                    None => {
                        for (kx, v) in src.iter().enumerate() {
                            if let Some(d) = (ox + kx).checked_sub(s.padding).and_then(|xx| line.get_mut(xx)) {
                                *d += v;
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use burn::nn::PaddingConfig2d;
    use burn::nn::conv::Conv2dConfig;
    use burn::nn::pool::MaxPool2dConfig;
    use burn::tensor::Distribution;
    use proptest::prelude::*;

    use super::*;

    /// burn's path: the three modules the stack would otherwise run.
    fn reference(x: Tensor<4>, weight: Tensor<4>, bias: Tensor<1>, padding: usize) -> Tensor<4> {
        let [f, c, k, _] = weight.dims();
        let mut conv = Conv2dConfig::new([c, f], [k, k])
            .with_padding(PaddingConfig2d::Explicit(padding, padding, padding, padding))
            .init(&x.device());
        conv.weight = burn::module::Param::from_tensor(weight);
        conv.bias = Some(burn::module::Param::from_tensor(bias));
        let pool = MaxPool2dConfig::new([2, 2]).with_strides([2, 2]).init();
        pool.forward(burn::tensor::activation::relu(conv.forward(x)))
    }

    fn close(a: Tensor<4>, b: Tensor<4>, what: &str) {
        assert_eq!(a.dims(), b.dims(), "{what}: shapes");
        let (a, b): (Vec<f32>, Vec<f32>) =
            (a.into_data().try_to_vec::<f32>().unwrap(), b.into_data().try_to_vec::<f32>().unwrap());
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()), "{what}[{i}]: {x} vs {y}");
        }
    }

    /// Forward values and the gradients of input, kernels and bias, by both paths, for a loss
    /// that weighs every output differently.
    fn compare(
        batch: usize,
        channels: usize,
        size: (usize, usize),
        filters: usize,
        kernel: usize,
        padding: usize,
        seed: u64,
    ) {
        let device = Device::flex().autodiff();
        device.seed(seed);
        let x = Tensor::<4>::random([batch, channels, size.0, size.1], Distribution::Normal(0.0, 1.0), &device);
        let w = Tensor::<4>::random([filters, channels, kernel, kernel], Distribution::Normal(0.0, 0.5), &device);
        let b = Tensor::<1>::random([filters], Distribution::Normal(0.0, 0.5), &device);
        let conv = |n: usize| n + 2 * padding - kernel + 1;
        let pooled = [batch, filters, conv(size.0) / 2, conv(size.1) / 2];
        let mix = Tensor::<4>::random(pooled, Distribution::Normal(0.0, 1.0), &device);
        let run = |fused: bool| {
            let (x, w, b) = (x.clone().require_grad(), w.clone().require_grad(), b.clone().require_grad());
            let out = if fused {
                conv_relu_pool(x.clone(), w.clone(), b.clone(), padding)
            } else {
                reference(x.clone(), w.clone(), b.clone(), padding)
            };
            let grads = (out.clone() * mix.clone()).sum().backward();
            let grad = |t: &Tensor<4>| t.grad(&grads).expect("a gradient");
            (out, grad(&x), grad(&w), b.grad(&grads).expect("a gradient").reshape([1, 1, 1, filters]))
        };
        let fused = run(true);
        let burn = run(false);
        close(fused.0, burn.0, "output");
        close(fused.1, burn.1, "input gradient");
        close(fused.2, burn.2, "kernel gradient");
        close(fused.3, burn.3, "bias gradient");
    }

    #[test]
    fn the_notes_two_blocks_match_burns_path() {
        compare(4, 1, (28, 28), 25, 3, 0, 1);
        compare(4, 25, (13, 13), 50, 3, 0, 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_block_matches_burns_path(
            batch in 1usize..4, channels in 1usize..5, h in 2usize..12, w in 2usize..12,
            filters in 1usize..7, kernel in 1usize..5, padding in 0usize..3, seed in 0u64..1000,
        ) {
            prop_assume!(h + 2 * padding > kernel && w + 2 * padding > kernel, "the pooled map is at least 1×1");
            compare(batch, channels, (h, w), filters, kernel, padding, seed);
        }
    }

    #[test]
    fn inference_without_autodiff_matches_too() {
        let device = Device::flex();
        device.seed(7);
        let x = Tensor::<4>::random([3, 2, 9, 7], Distribution::Normal(0.0, 1.0), &device);
        let w = Tensor::<4>::random([4, 2, 3, 3], Distribution::Normal(0.0, 0.5), &device);
        let b = Tensor::<1>::random([4], Distribution::Normal(0.0, 0.5), &device);
        close(conv_relu_pool(x.clone(), w.clone(), b.clone(), 1), reference(x, w, b, 1), "output");
    }
}
