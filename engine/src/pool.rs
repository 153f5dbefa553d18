//! Pooling (max and average) and the receptive field of a stack of sliding-window layers.
//!
//! Pooling has no trainable parameters: it only chooses (max) or averages (mean) what lies under
//! its window. Stacking windows makes each output cell depend on a growing patch of the input,
//! its receptive field, which [`receptive_fields`] and [`input_region`] compute.

use crate::conv::{Axis, GeometryError, Volume};

/// Which summary a pooling window takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PoolKind {
    #[default]
    Max,
    Average,
}

impl PoolKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Max => "max",
            Self::Average => "avg",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Max, Self::Average].into_iter().find(|k| k.key() == key)
    }
}

/// The result of pooling one channel: the values, and for max pooling which input cell won.
#[derive(Debug, Clone, PartialEq)]
pub struct Pooled {
    pub output: Volume,
    /// For each output cell, the `(y, x)` of the input cell that max pooling picked (the first
    /// one on ties); for average pooling, the window's top-left cell.
    pub picked: Vec<(usize, usize)>,
}

/// Pools every channel of `input` with a `size × size` window moving by `stride`, no padding.
pub fn pool2d(input: &Volume, size: usize, stride: usize, kind: PoolKind) -> Result<Pooled, GeometryError> {
    let oh = Axis::new(input.height, size, stride, 0).output()?;
    let ow = Axis::new(input.width, size, stride, 0).output()?;
    let mut output = Volume::zeros(input.channels, oh, ow);
    let mut picked = Vec::with_capacity(input.channels * oh * ow);
    for c in 0..input.channels {
        for oy in 0..oh {
            for ox in 0..ow {
                let (top, left) = (oy * stride, ox * stride);
                let cells = (0..size).flat_map(|dy| (0..size).map(move |dx| (top + dy, left + dx)));
                let (value, at) = match kind {
                    PoolKind::Max => cells
                        .map(|(y, x)| (input.get(c, y, x), (y, x)))
                        .fold((f32::NEG_INFINITY, (top, left)), |best, cur| if cur.0 > best.0 { cur } else { best }),
                    PoolKind::Average => {
                        let sum: f32 = cells.map(|(y, x)| input.get(c, y, x)).sum();
                        (sum / (size * size) as f32, (top, left))
                    }
                };
                output.set(c, oy, ox, value);
                picked.push(at);
            }
        }
    }
    Ok(Pooled { output, picked })
}

/// A sliding-window layer as seen by receptive-field arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
}

/// Receptive field of one layer's output cells, measured on the network's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceptiveField {
    /// Side of the input patch one output cell sees.
    pub size: usize,
    /// Distance on the input between two neighbouring output cells (product of the strides).
    pub jump: usize,
}

/// The receptive field after each layer: `r ← r + (k − 1)·j`, `j ← j·s`, starting from a single
/// input pixel (`r = 1`, `j = 1`).
pub fn receptive_fields(layers: &[Window]) -> Vec<ReceptiveField> {
    let mut rf = ReceptiveField { size: 1, jump: 1 };
    layers
        .iter()
        .map(|l| {
            rf = ReceptiveField { size: rf.size + (l.kernel - 1) * rf.jump, jump: rf.jump * l.stride };
            rf
        })
        .collect()
}

/// The half-open range of input positions `[start, end)` that output cell `index` of the last
/// layer depends on, along one axis of length `input`; clipped to the input (padding reads
/// nothing real).
pub fn input_region(layers: &[Window], index: usize, input: usize) -> (usize, usize) {
    // Walk backwards: cells [a, b] of layer l come from cells [a·s − p, b·s − p + k − 1] of l − 1.
    let (mut a, mut b) = (index as isize, index as isize);
    for l in layers.iter().rev() {
        let (k, s, p) = (l.kernel as isize, l.stride as isize, l.padding as isize);
        a = a * s - p;
        b = b * s - p + k - 1;
    }
    let clip = |v: isize| v.clamp(0, input as isize) as usize;
    (clip(a), clip(b + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(h: usize, w: usize, data: &[f32]) -> Volume {
        Volume::from_vec(1, h, w, data.to_vec()).unwrap()
    }

    #[test]
    fn max_and_average_pooling_of_a_4x4() {
        let input = grid(4, 4, &[1., 3., 2., 0., 4., 2., 1., 1., 0., 0., 5., 6., 1., 2., 7., 8.]);
        let max = pool2d(&input, 2, 2, PoolKind::Max).unwrap();
        assert_eq!(max.output.data, [4., 2., 2., 8.]);
        assert_eq!(max.picked, [(1, 0), (0, 2), (3, 1), (3, 3)]);
        let avg = pool2d(&input, 2, 2, PoolKind::Average).unwrap();
        assert_eq!(avg.output.data, [2.5, 1.0, 0.75, 6.5]);
    }

    #[test]
    fn pooling_an_odd_map_drops_the_last_row_and_column() {
        // The note: 11×11 becomes 5×5, the leftover row and column are dropped.
        let input = Volume::zeros(1, 11, 11);
        let out = pool2d(&input, 2, 2, PoolKind::Max).unwrap().output;
        assert_eq!((out.height, out.width), (5, 5));
    }

    #[test]
    fn receptive_field_of_the_notes_cnn() {
        // conv 3×3 → pool 2 → conv 3×3 → pool 2
        let layers = [
            Window { kernel: 3, stride: 1, padding: 0 },
            Window { kernel: 2, stride: 2, padding: 0 },
            Window { kernel: 3, stride: 1, padding: 0 },
            Window { kernel: 2, stride: 2, padding: 0 },
        ];
        let rf: Vec<_> = receptive_fields(&layers).iter().map(|r| (r.size, r.jump)).collect();
        assert_eq!(rf, [(3, 1), (4, 2), (8, 2), (10, 4)]);
        // The first cell of the last layer sees input rows 0..10; the last (index 4) rows 16..26.
        assert_eq!(input_region(&layers, 0, 28), (0, 10));
        assert_eq!(input_region(&layers, 4, 28), (16, 26));
        // Regions always have the receptive field's size when they are not clipped.
        for (depth, rf) in receptive_fields(&layers).iter().enumerate() {
            let (a, b) = input_region(&layers[..=depth], 1, 28);
            assert_eq!(b - a, rf.size);
        }
    }

    #[test]
    fn padding_shifts_and_clips_the_region() {
        let layers = [Window { kernel: 3, stride: 1, padding: 1 }];
        assert_eq!(input_region(&layers, 0, 5), (0, 2));
        assert_eq!(input_region(&layers, 2, 5), (1, 4));
    }
}
