//! Convolution arithmetic: output sizes, which input positions a stride covers, parameter
//! counts, padding modes, and a brute-force reference convolution that the lessons animate.
//!
//! Sizes follow the course note: `out = (in + 2·pad − kernel) / stride + 1`, rounded down.
//! Rounding down is where information is lost, so [`coverage`] says exactly which input
//! positions no window ever reads.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a convolution or pooling geometry is impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeometryError {
    /// The input has no rows or columns.
    EmptyInput,
    /// The kernel (window) has size zero.
    EmptyKernel,
    /// The stride is zero, so the window would never move.
    ZeroStride,
    /// The kernel is larger than the padded input along one axis.
    KernelTooLarge { kernel: usize, padded: usize },
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyInput => write!(f, "the input is empty"),
            Self::EmptyKernel => write!(f, "the kernel is empty"),
            Self::ZeroStride => write!(f, "the stride is zero"),
            Self::KernelTooLarge { kernel, padded } => {
                write!(f, "a {kernel}-wide kernel does not fit a {padded}-wide padded input")
            }
        }
    }
}

impl std::error::Error for GeometryError {}

/// One axis of a sliding window: input length, window length, stride and padding on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub input: usize,
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
}

impl Axis {
    pub fn new(input: usize, kernel: usize, stride: usize, padding: usize) -> Self {
        Self { input, kernel, stride, padding }
    }

    /// Length of the input once padded on both sides.
    pub fn padded(&self) -> usize {
        self.input + 2 * self.padding
    }

    /// Checks the geometry and returns the number of window positions, `⌊(n + 2p − k) / s⌋ + 1`.
    pub fn output(&self) -> Result<usize, GeometryError> {
        if self.input == 0 {
            return Err(GeometryError::EmptyInput);
        }
        if self.kernel == 0 {
            return Err(GeometryError::EmptyKernel);
        }
        if self.stride == 0 {
            return Err(GeometryError::ZeroStride);
        }
        let padded = self.padded();
        if self.kernel > padded {
            return Err(GeometryError::KernelTooLarge { kernel: self.kernel, padded });
        }
        Ok((padded - self.kernel) / self.stride + 1)
    }

    /// Whether `(n + 2p − k)` divides evenly by the stride, i.e. the formula needs no rounding.
    pub fn fits_exactly(&self) -> Result<bool, GeometryError> {
        self.output()?;
        Ok((self.padded() - self.kernel).is_multiple_of(self.stride))
    }

    /// For every position of the *padded* input, whether some window reads it.
    pub fn coverage(&self) -> Result<Vec<bool>, GeometryError> {
        let out = self.output()?;
        let mut covered = vec![false; self.padded()];
        for i in 0..out {
            let start = i * self.stride;
            covered[start..start + self.kernel].iter_mut().for_each(|c| *c = true);
        }
        Ok(covered)
    }

    /// Positions of the *original* input (without padding) that no window reads: lost information.
    pub fn lost(&self) -> Result<Vec<usize>, GeometryError> {
        let covered = self.coverage()?;
        Ok((0..self.input).filter(|&i| !covered[i + self.padding]).collect())
    }

    /// What this geometry loses of the input, and why; `None` when every input position is read
    /// (also when the rounding only cuts off padding).
    pub fn loss(&self) -> Result<Option<Loss>, GeometryError> {
        let lost = self.lost()?;
        if lost.is_empty() {
            return Ok(None);
        }
        if self.stride > self.kernel {
            return Ok(Some(Loss::Gaps { lost, gap: self.stride - self.kernel }));
        }
        // Windows that overlap or touch cover everything up to the last one: only the end can be
        // lost, and enough padding always reaches it.
        let fix = (self.padding..=self.padding + self.stride + self.kernel)
            .find(|&padding| Axis { padding, ..*self }.lost().is_ok_and(|l| l.is_empty()));
        Ok(Some(Loss::Tail { lost, fix }))
    }
}

/// What a window geometry loses of its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loss {
    /// The stride is larger than the kernel, so `gap` cells between neighbouring windows are
    /// never read. No padding fixes that: only a stride no larger than the kernel does.
    Gaps { lost: Vec<usize>, gap: usize },
    /// The windows stop before the end (`(n + 2p − k)` is not a multiple of the stride): the
    /// last positions are never read. `fix` is the smallest padding from the current one that
    /// covers everything.
    Tail { lost: Vec<usize>, fix: Option<usize> },
}

impl Loss {
    /// The input positions never read.
    pub fn lost(&self) -> &[usize] {
        match self {
            Loss::Gaps { lost, .. } | Loss::Tail { lost, .. } => lost,
        }
    }
}

/// Trainable parameters of a convolution layer: `(k_h · k_w · C + 1) · n` with a bias per filter.
pub fn conv_params(kernel_h: usize, kernel_w: usize, channels: usize, filters: usize, bias: bool) -> usize {
    (kernel_h * kernel_w * channels + usize::from(bias)) * filters
}

/// How the border of an input is filled (the note's 补零 / 补一 / 相同填充).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PadMode {
    /// Fill with zeros.
    #[default]
    Zero,
    /// Fill with ones.
    One,
    /// Repeat the nearest edge value.
    Replicate,
}

impl PadMode {
    pub const ALL: [PadMode; 3] = [PadMode::Zero, PadMode::One, PadMode::Replicate];

    /// A short stable name, used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::One => "one",
            Self::Replicate => "replicate",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// A stack of equally sized 2-D channels, stored channel-major then row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    pub data: Vec<f32>,
}

impl Volume {
    pub fn zeros(channels: usize, height: usize, width: usize) -> Self {
        Self { channels, height, width, data: vec![0.0; channels * height * width] }
    }

    /// Wraps `data`; returns `None` when its length is not `channels · height · width`.
    pub fn from_vec(channels: usize, height: usize, width: usize, data: Vec<f32>) -> Option<Self> {
        (data.len() == channels * height * width).then_some(Self { channels, height, width, data })
    }

    pub fn get(&self, c: usize, y: usize, x: usize) -> f32 {
        self.data[(c * self.height + y) * self.width + x]
    }

    pub fn set(&mut self, c: usize, y: usize, x: usize, value: f32) {
        self.data[(c * self.height + y) * self.width + x] = value;
    }

    /// One channel as its own single-channel volume.
    pub fn channel(&self, c: usize) -> Volume {
        let plane = self.height * self.width;
        Volume {
            channels: 1,
            height: self.height,
            width: self.width,
            data: self.data[c * plane..(c + 1) * plane].to_vec(),
        }
    }

    /// The volume with `padding` cells added on every side, filled according to `mode`.
    pub fn padded(&self, padding: usize, mode: PadMode) -> Volume {
        let (h, w) = (self.height + 2 * padding, self.width + 2 * padding);
        let mut out = Volume::zeros(self.channels, h, w);
        for c in 0..self.channels {
            for y in 0..h {
                for x in 0..w {
                    let inside_y = y.checked_sub(padding).filter(|&v| v < self.height);
                    let inside_x = x.checked_sub(padding).filter(|&v| v < self.width);
                    let value = match (inside_y, inside_x, mode) {
                        (Some(iy), Some(ix), _) => self.get(c, iy, ix),
                        (_, _, PadMode::Zero) => 0.0,
                        (_, _, PadMode::One) => 1.0,
                        (_, _, PadMode::Replicate) => {
                            let iy = y.saturating_sub(padding).min(self.height - 1);
                            let ix = x.saturating_sub(padding).min(self.width - 1);
                            self.get(c, iy, ix)
                        }
                    };
                    out.set(c, y, x, value);
                }
            }
        }
        out
    }
}

/// A square-or-rectangular convolution of one filter over a multi-channel input.
#[derive(Debug, Clone, PartialEq)]
pub struct Conv2d {
    /// The filter: as many channels as the input, `kernel_h × kernel_w` each.
    pub kernel: Volume,
    pub bias: f32,
    pub stride: usize,
    pub padding: usize,
    pub mode: PadMode,
}

/// One term of the sum of products behind an output cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    pub channel: usize,
    /// Row and column in the padded input.
    pub y: usize,
    pub x: usize,
    pub input: f32,
    pub weight: f32,
}

impl Conv2d {
    /// The two axes of this convolution over an input of the given size.
    pub fn axes(&self, height: usize, width: usize) -> (Axis, Axis) {
        (
            Axis::new(height, self.kernel.height, self.stride, self.padding),
            Axis::new(width, self.kernel.width, self.stride, self.padding),
        )
    }

    /// Output height and width for an input of the given size.
    pub fn output_size(&self, height: usize, width: usize) -> Result<(usize, usize), GeometryError> {
        let (ay, ax) = self.axes(height, width);
        Ok((ay.output()?, ax.output()?))
    }

    /// Brute-force convolution (cross-correlation, as in every deep-learning library), one
    /// output channel. The reference the lessons animate and the tests compare against.
    pub fn apply(&self, input: &Volume) -> Result<Volume, GeometryError> {
        assert_eq!(input.channels, self.kernel.channels, "kernel depth must equal input channels");
        let (oh, ow) = self.output_size(input.height, input.width)?;
        let padded = input.padded(self.padding, self.mode);
        let mut out = Volume::zeros(1, oh, ow);
        for oy in 0..oh {
            for ox in 0..ow {
                let sum: f32 = self.terms_in(&padded, oy, ox).map(|t| t.input * t.weight).sum();
                out.set(0, oy, ox, sum + self.bias);
            }
        }
        Ok(out)
    }

    /// The products that make up output cell `(oy, ox)`, in reading order, channel by channel.
    pub fn terms(&self, input: &Volume, oy: usize, ox: usize) -> Vec<Term> {
        let padded = input.padded(self.padding, self.mode);
        self.terms_in(&padded, oy, ox).collect()
    }

    /// The window of output cell `(oy, ox)` in padded coordinates: `(top, left)`.
    pub fn window(&self, oy: usize, ox: usize) -> (usize, usize) {
        (oy * self.stride, ox * self.stride)
    }

    fn terms_in<'a>(&'a self, padded: &'a Volume, oy: usize, ox: usize) -> impl Iterator<Item = Term> + 'a {
        let (top, left) = self.window(oy, ox);
        let k = &self.kernel;
        (0..k.channels).flat_map(move |c| {
            (0..k.height).flat_map(move |ky| {
                (0..k.width).map(move |kx| Term {
                    channel: c,
                    y: top + ky,
                    x: left + kx,
                    input: padded.get(c, top + ky, left + kx),
                    weight: k.get(c, ky, kx),
                })
            })
        })
    }
}

/// Named kernels for the convolution lesson, generated for any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelPreset {
    Identity,
    Edge,
    Blur,
    Sharpen,
}

impl KernelPreset {
    pub const ALL: [KernelPreset; 4] = [Self::Identity, Self::Edge, Self::Blur, Self::Sharpen];

    pub fn key(self) -> &'static str {
        match self {
            Self::Identity => "identity",
            Self::Edge => "edge",
            Self::Blur => "blur",
            Self::Sharpen => "sharpen",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The preset's `size × size` weights, row-major. The centre of an even kernel is the cell
    /// just above and left of the middle. The edge kernel is a Laplacian (sums to zero), the
    /// blur a box average, and sharpen is `2·identity − blur`.
    pub fn weights(self, size: usize) -> Vec<f32> {
        let n = size * size;
        let centre = ((size - 1) / 2) * size + (size - 1) / 2;
        let avg = 1.0 / n as f32;
        (0..n)
            .map(|i| {
                let at_centre = i == centre;
                match self {
                    Self::Identity => f32::from(u8::from(at_centre)),
                    Self::Edge if at_centre => n as f32 - 1.0,
                    Self::Edge => -1.0,
                    Self::Blur => avg,
                    Self::Sharpen => 2.0 * f32::from(u8::from(at_centre)) - avg,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn notes_exercise_gives_32_and_760() {
        // 32×32×3 input, ten 5×5 filters, stride 1, pad 2 (the note's exercise).
        let axis = Axis::new(32, 5, 1, 2);
        assert_eq!(axis.output(), Ok(32));
        assert_eq!(conv_params(5, 5, 3, 10, true), 760);
    }

    #[test]
    fn losses_are_named_by_their_cause() {
        // The note's case: the windows stop short; padding 1 fixes it.
        assert_eq!(Axis::new(7, 3, 3, 0).loss(), Ok(Some(Loss::Tail { lost: vec![6], fix: Some(1) })));
        // A stride larger than the kernel skips cells between windows; padding cannot help.
        assert_eq!(Axis::new(7, 1, 3, 0).loss(), Ok(Some(Loss::Gaps { lost: vec![1, 2, 4, 5], gap: 2 })));
        assert_eq!(Axis::new(7, 2, 3, 0).loss(), Ok(Some(Loss::Gaps { lost: vec![2, 5, 6], gap: 1 })));
        // Rounding that only cuts off padding loses nothing.
        let padding_only = Axis::new(6, 3, 2, 1);
        assert!(!padding_only.fits_exactly().unwrap());
        assert_eq!(padding_only.loss(), Ok(None));
        assert_eq!(Axis::new(32, 5, 1, 2).loss(), Ok(None));
        // Whatever the stride and kernel (stride ≤ kernel), the suggested padding covers everything.
        for (n, k, s) in [(7, 3, 2), (10, 4, 3), (9, 5, 5), (28, 3, 2)] {
            if let Ok(Some(Loss::Tail { fix: Some(p), .. })) = Axis::new(n, k, s, 0).loss() {
                assert_eq!(Axis::new(n, k, s, p).lost(), Ok(vec![]), "{n} {k} {s} {p}");
            }
        }
    }

    #[test]
    fn seven_by_seven_with_stride_three_loses_the_last_row() {
        let axis = Axis::new(7, 3, 3, 0);
        assert_eq!(axis.output(), Ok(2));
        assert_eq!(axis.fits_exactly(), Ok(false));
        assert_eq!(axis.lost(), Ok(vec![6]));
        // One cell of padding makes it fit: 9 = 3 windows of 3.
        let padded = Axis::new(7, 3, 3, 1);
        assert_eq!(padded.output(), Ok(3));
        assert_eq!(padded.lost(), Ok(vec![]));
    }

    #[test]
    fn impossible_geometries_are_errors() {
        assert_eq!(Axis::new(0, 3, 1, 0).output(), Err(GeometryError::EmptyInput));
        assert_eq!(Axis::new(5, 0, 1, 0).output(), Err(GeometryError::EmptyKernel));
        assert_eq!(Axis::new(5, 3, 0, 0).output(), Err(GeometryError::ZeroStride));
        assert_eq!(Axis::new(3, 7, 1, 1).output(), Err(GeometryError::KernelTooLarge { kernel: 7, padded: 5 }));
    }

    #[test]
    fn padding_modes_fill_the_border() {
        let v = Volume::from_vec(1, 2, 2, vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        let zero = v.padded(1, PadMode::Zero);
        let one = v.padded(1, PadMode::One);
        let rep = v.padded(1, PadMode::Replicate);
        assert_eq!(zero.data, [0., 0., 0., 0., 0., 1., 2., 0., 0., 3., 4., 0., 0., 0., 0., 0.]);
        assert_eq!(one.data, [1., 1., 1., 1., 1., 1., 2., 1., 1., 3., 4., 1., 1., 1., 1., 1.]);
        assert_eq!(rep.data, [1., 1., 2., 2., 1., 1., 2., 2., 3., 3., 4., 4., 3., 3., 4., 4.]);
    }

    #[test]
    fn identity_kernel_returns_the_input() {
        let input = Volume::from_vec(1, 3, 3, (1..=9).map(|v| v as f32).collect()).unwrap();
        let conv = Conv2d {
            kernel: Volume::from_vec(1, 3, 3, KernelPreset::Identity.weights(3)).unwrap(),
            bias: 0.0,
            stride: 1,
            padding: 1,
            mode: PadMode::Zero,
        };
        assert_eq!(conv.apply(&input).unwrap(), input);
    }

    #[test]
    fn edge_kernel_is_zero_on_flat_regions_and_presets_have_their_sums() {
        for size in 1..=5 {
            let sum = |p: KernelPreset| p.weights(size).iter().sum::<f32>();
            assert!((sum(KernelPreset::Identity) - 1.0).abs() < 1e-5);
            assert!(sum(KernelPreset::Edge).abs() < 1e-4);
            assert!((sum(KernelPreset::Blur) - 1.0).abs() < 1e-5);
            assert!((sum(KernelPreset::Sharpen) - 1.0).abs() < 1e-5);
        }
    }

    #[test]
    fn terms_sum_to_the_output_cell() {
        let input = Volume::from_vec(2, 4, 4, (0..32).map(|v| v as f32 * 0.5).collect()).unwrap();
        let kernel = Volume::from_vec(2, 2, 2, vec![1., -1., 2., 0., 0.5, 0.5, -2., 1.]).unwrap();
        let conv = Conv2d { kernel, bias: 0.25, stride: 2, padding: 1, mode: PadMode::Replicate };
        let out = conv.apply(&input).unwrap();
        assert_eq!((out.height, out.width), (3, 3));
        for oy in 0..3 {
            for ox in 0..3 {
                let terms = conv.terms(&input, oy, ox);
                assert_eq!(terms.len(), 8);
                let sum: f32 = terms.iter().map(|t| t.input * t.weight).sum::<f32>() + 0.25;
                assert!((sum - out.get(0, oy, ox)).abs() < 1e-5);
            }
        }
    }

    /// The most literal convolution there is: for every output cell, visit every input cell
    /// and ask whether it lies under the window. Used to check the fast paths above.
    fn literal_conv(input: &Volume, kernel: &Volume, stride: usize, pad: usize) -> Option<Volume> {
        let oh = (input.height + 2 * pad).checked_sub(kernel.height)? / stride + 1;
        let ow = (input.width + 2 * pad).checked_sub(kernel.width)? / stride + 1;
        let mut out = Volume::zeros(1, oh, ow);
        for oy in 0..oh {
            for ox in 0..ow {
                let mut sum = 0.0;
                for c in 0..input.channels {
                    for y in 0..input.height {
                        for x in 0..input.width {
                            let ky = (y + pad) as isize - (oy * stride) as isize;
                            let kx = (x + pad) as isize - (ox * stride) as isize;
                            let inside =
                                (0..kernel.height as isize).contains(&ky) && (0..kernel.width as isize).contains(&kx);
                            if inside {
                                sum += input.get(c, y, x) * kernel.get(c, ky as usize, kx as usize);
                            }
                        }
                    }
                }
                out.set(0, oy, ox, sum);
            }
        }
        Some(out)
    }

    fn geometry() -> impl Strategy<Value = (usize, usize, usize, usize, usize, usize, usize)> {
        // channels, height, width, kernel_h, kernel_w, stride, padding
        (1usize..=3, 1usize..=9, 1usize..=9, 1usize..=5, 1usize..=5, 1usize..=4, 0usize..=3)
    }

    proptest! {
        #[test]
        fn conv_matches_the_literal_definition(
            (c, h, w, kh, kw, s, p) in geometry(),
            seed in any::<u64>(),
        ) {
            let mut rng = crate::rng::Rng::new(seed);
            let input = Volume::from_vec(c, h, w, (0..c * h * w).map(|_| rng.uniform(-1.0, 1.0)).collect()).unwrap();
            let kernel = Volume::from_vec(c, kh, kw, (0..c * kh * kw).map(|_| rng.uniform(-1.0, 1.0)).collect()).unwrap();
            let conv = Conv2d { kernel: kernel.clone(), bias: 0.0, stride: s, padding: p, mode: PadMode::Zero };
            match (conv.apply(&input), literal_conv(&input, &kernel, s, p)) {
                (Ok(fast), Some(slow)) => {
                    prop_assert_eq!((fast.height, fast.width), (slow.height, slow.width));
                    for (a, b) in fast.data.iter().zip(&slow.data) {
                        prop_assert!((a - b).abs() < 1e-4, "{} vs {}", a, b);
                    }
                }
                (Err(GeometryError::KernelTooLarge { .. }), None) => {}
                (fast, slow) => prop_assert!(false, "disagree: {:?} vs {:?}", fast, slow.is_some()),
            }
        }

        #[test]
        fn coverage_agrees_with_the_windows((_, n, _, k, _, s, p) in geometry()) {
            let axis = Axis::new(n, k, s, p);
            if let Ok(out) = axis.output() {
                let covered = axis.coverage().unwrap();
                // The last window ends inside the padded input, and everything after it is uncovered.
                let end = (out - 1) * s + k;
                prop_assert!(end <= axis.padded());
                prop_assert!(covered[end..].iter().all(|c| !c));
                // With stride ≤ kernel, windows touch or overlap, so only the tail is lost.
                if s <= k {
                    prop_assert!(covered[..end].iter().all(|c| *c));
                    prop_assert_eq!(axis.fits_exactly().unwrap(), end == axis.padded());
                }
            }
        }
    }
}
