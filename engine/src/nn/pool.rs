//! Pooling: max and average windows (`pool`, `avgpool`), adaptive average pooling to a fixed
//! grid (`adapt`), and spatial pyramid pooling (`spp`, He et al. 2014), which max-pools a
//! feature map over several grids and concatenates them, so that the length of the result no
//! longer depends on the size of the image.

use burn::module::Module;
use burn::nn::pool::{
    AdaptiveAvgPool2d, AdaptiveAvgPool2dConfig, AvgPool2d, AvgPool2dConfig, MaxPool2d, MaxPool2dConfig,
};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Arg, Ctx, Form, Forward, Init, Kind, Shape, ShapeError, Value, expect};
use crate::conv::Axis;

/// `pool:SIZE[:STRIDE]`: the largest value of each SIZE×SIZE window (stride defaults to SIZE).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MaxPool {
    pub size: usize,
    pub stride: usize,
}

/// `avgpool:SIZE[:STRIDE]`: the mean of each SIZE×SIZE window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AvgPool {
    pub size: usize,
    pub stride: usize,
}

/// The shared rules and forward of the two windowed pools.
macro_rules! pool_kind {
    ($kind:ident, $module:ident, $config:ident, $token:literal) => {
        impl Kind for $kind {
            type Module = $module;
            const TOKEN: &'static str = $token;
            const ARGS: &'static [Arg] = &[Arg::int("window", 1, 64, 2), Arg::int_or("stride", 0, 64, 2, 0)];

            /// A stride of 0 (or left out) means "as large as the window".
            fn from_args(a: &[f64]) -> Self {
                let size = a[0] as usize;
                Self { size, stride: if a[1] == 0.0 { size } else { a[1] as usize } }
            }

            fn args(&self) -> Vec<f64> {
                vec![self.size as f64, self.stride as f64]
            }

            fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
                let Shape::Volume { height, width, channels } = expect(input, &[Form::Image])? else { unreachable!() };
                let axis = |n| Axis::new(n, self.size, self.stride, 0).output();
                Ok(Shape::Volume { height: axis(height)?, width: axis(width)?, channels })
            }

            fn params(&self, _input: Shape) -> usize {
                0
            }

            fn init(&self, _input: Shape, _init: &mut Init) -> $module {
                $config::new([self.size, self.size]).with_strides([self.stride, self.stride]).init()
            }
        }

        impl Forward for $module {
            fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
                match x {
                    Value::Image(x) => Value::Image($module::forward(self, x)),
                    other => unreachable!("{} gets an image, not {:?}", $token, other.form()),
                }
            }
        }
    };
}

pool_kind!(MaxPool, MaxPool2d, MaxPool2dConfig, "pool");
pool_kind!(AvgPool, AvgPool2d, AvgPool2dConfig, "avgpool");

/// `adapt:HEIGHT:WIDTH`: average pooling into a fixed HEIGHT×WIDTH grid, whatever the input's
/// size (PyTorch's `AdaptiveAvgPool2d`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AdaptiveAvgPool {
    pub height: usize,
    pub width: usize,
}

impl Kind for AdaptiveAvgPool {
    type Module = AdaptiveAvgPool2d;
    const TOKEN: &'static str = "adapt";
    const ARGS: &'static [Arg] = &[Arg::int("height", 1, 64, 1), Arg::int("width", 1, 64, 1)];

    fn from_args(a: &[f64]) -> Self {
        Self { height: a[0] as usize, width: a[1] as usize }
    }

    fn args(&self) -> Vec<f64> {
        vec![self.height as f64, self.width as f64]
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let Shape::Volume { height, width, channels } = expect(input, &[Form::Image])? else { unreachable!() };
        if height == 0 || width == 0 {
            return Err(crate::conv::GeometryError::EmptyInput.into());
        }
        Ok(Shape::Volume { height: self.height, width: self.width, channels })
    }

    fn params(&self, _input: Shape) -> usize {
        0
    }

    fn init(&self, _input: Shape, _init: &mut Init) -> AdaptiveAvgPool2d {
        AdaptiveAvgPool2dConfig::new([self.height, self.width]).init()
    }
}

impl Forward for AdaptiveAvgPool2d {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Image(x) => Value::Image(AdaptiveAvgPool2d::forward(self, x)),
            other => unreachable!("adapt gets an image, not {:?}", other.form()),
        }
    }
}

/// `spp:A[:B[:C]]`: spatial pyramid pooling over A×A, B×B and C×C grids (0 leaves a level
/// out). Each grid cell keeps the largest value of its part of the map; the cells of every level
/// are flattened and concatenated into a vector of `channels · (A² + B² + C²)` values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spp {
    pub levels: [usize; 3],
}

impl Spp {
    /// The grid sizes in use.
    pub fn grids(&self) -> impl Iterator<Item = usize> + '_ {
        self.levels.iter().copied().filter(|&n| n > 0)
    }

    /// Cells per channel: the sum of the squared grid sizes.
    pub fn cells(&self) -> usize {
        self.grids().map(|n| n * n).sum()
    }
}

impl Kind for Spp {
    type Module = SppModule;
    const TOKEN: &'static str = "spp";
    const ARGS: &'static [Arg] =
        &[Arg::int("level", 1, 8, 1), Arg::int_or("level", 0, 8, 2, 0), Arg::int_or("level", 0, 8, 4, 0)];

    fn from_args(a: &[f64]) -> Self {
        Self { levels: [a[0] as usize, a[1] as usize, a[2] as usize] }
    }

    fn args(&self) -> Vec<f64> {
        self.levels.map(|v| v as f64).to_vec()
    }

    fn output(&self, input: Shape) -> Result<Shape, ShapeError> {
        let Shape::Volume { height, width, channels } = expect(input, &[Form::Image])? else { unreachable!() };
        // Every cell must hold at least one value: a grid finer than the map is refused.
        let finest = self.grids().max().unwrap_or(1);
        for n in [height, width] {
            if n < finest {
                return Err(crate::conv::GeometryError::KernelTooLarge { kernel: finest, padded: n }.into());
            }
        }
        Ok(Shape::Flat(channels * self.cells()))
    }

    fn params(&self, _input: Shape) -> usize {
        0
    }

    fn init(&self, _input: Shape, _init: &mut Init) -> SppModule {
        SppModule { levels: self.grids().collect() }
    }
}

/// The rows (or columns) `[start, end)` of each of `n` cells over `size` positions: PyTorch's
/// adaptive pooling bins, `⌊i·size/n⌋ .. ⌈(i+1)·size/n⌉`. Neighbouring cells may share a row
/// when `n` does not divide `size`.
pub fn spp_bins(size: usize, n: usize) -> Vec<(usize, usize)> {
    (0..n).map(|i| (i * size / n, ((i + 1) * size).div_ceil(n))).collect()
}

/// Spatial pyramid pooling, computed cell by cell.
#[derive(Module, Debug)]
pub struct SppModule {
    levels: Vec<usize>,
}

impl SppModule {
    /// `[batch, channels, h, w]` → `[batch, channels · Σ n²]`, level after level, each level
    /// flattened channel-major like PyTorch's `flatten(1)`.
    pub fn pool(&self, x: Tensor<4>) -> Tensor<2> {
        let [batch, channels, height, width] = x.dims();
        let levels = self.levels.iter().map(|&n| {
            let rows = spp_bins(height, n);
            let cols = spp_bins(width, n);
            let cells: Vec<Tensor<4>> = rows
                .iter()
                .flat_map(|&(y0, y1)| cols.iter().map(move |&(x0, x1)| (y0, y1, x0, x1)))
                .map(|(y0, y1, x0, x1)| x.clone().slice(s![.., .., y0..y1, x0..x1]).max_dims(&[2, 3]))
                .collect();
            // [batch, channels, n·n] in row-major cell order, then flattened per example.
            Tensor::cat(cells, 2).reshape([batch, channels * n * n])
        });
        Tensor::cat(levels.collect(), 1)
    }
}

impl Forward for SppModule {
    fn forward(&self, x: Value, _ctx: &mut Ctx) -> Value {
        match x {
            Value::Image(x) => Value::Flat(self.pool(x)),
            other => unreachable!("spp gets an image, not {:?}", other.form()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Layer;

    #[test]
    fn spp_bins_cover_the_map_like_pytorch() {
        assert_eq!(spp_bins(4, 2), [(0, 2), (2, 4)]);
        assert_eq!(spp_bins(5, 2), [(0, 3), (2, 5)], "the middle row belongs to both cells");
        assert_eq!(spp_bins(3, 3), [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(spp_bins(7, 1), [(0, 7)]);
    }

    #[test]
    fn spp_pools_by_hand_and_its_length_ignores_the_size() {
        let device = Device::flex();
        // One channel, 4×4: the values 0..16 row by row.
        let x = Tensor::<1>::from_floats((0..16).map(|v| v as f32).collect::<Vec<_>>().as_slice(), &device)
            .reshape([1, 1, 4, 4]);
        let module = SppModule { levels: vec![1, 2] };
        let y: Vec<f32> = module.pool(x).try_into_vec_as().unwrap();
        // Level 1: the max of everything. Level 2: the max of each 2×2 quarter.
        assert_eq!(y, [15.0, 5.0, 7.0, 13.0, 15.0]);
        let spp = Layer::parse("spp:1:2:4").unwrap();
        for side in [20, 28, 40] {
            let shape = Shape::Volume { height: side, width: side, channels: 8 };
            assert_eq!(spp.output(shape), Ok(Shape::Flat(8 * 21)));
            let m = spp.init(shape, &mut Init::new(1, &device));
            let out = m.forward(Value::Image(Tensor::zeros([2, 8, side, side], &device)), &mut Ctx::inference());
            assert!(matches!(out, Value::Flat(t) if t.dims() == [2, 8 * 21]));
        }
        let small = Shape::Volume { height: 3, width: 3, channels: 1 };
        assert!(spp.output(small).is_err(), "a 4×4 grid does not fit a 3×3 map");
    }
}
