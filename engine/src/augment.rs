//! Data augmentation: random transforms of an image, drawn from a seeded generator, applied to
//! each training example as its batch is assembled (the hook in
//! [`Batcher::augmented`](crate::data::Batcher::augmented)).
//!
//! Images are square, row-major, grey values in `[0, 1]`. Geometric transforms resample the
//! image through an affine map with bilinear interpolation, filling what comes from outside the
//! image with 0 (the background of MNIST).

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// One random transform and the size of its effect.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Transform {
    /// Rotation by an angle drawn uniformly from `±degrees`.
    Rotate { degrees: f32 },
    /// Translation by up to `pixels` in each direction.
    Shift { pixels: f32 },
    /// Zoom by a factor drawn from `[1 − amount, 1 + amount]`.
    Scale { amount: f32 },
    /// Gaussian noise with standard deviation `std`, clamped to `[0, 1]`.
    Noise { std: f32 },
    /// Random erasing: a rectangle covering up to `fraction` of the image set to 0.
    Erase { fraction: f32 },
}

/// The transforms applied, in order, to every training example.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Augment {
    pub transforms: Vec<Transform>,
}

impl Augment {
    pub fn is_empty(&self) -> bool {
        self.transforms.is_empty()
    }

    /// Transforms `image` (`side × side`) in place, drawing every random choice from `rng`.
    pub fn apply(&self, image: &mut [f32], side: usize, rng: &mut Rng) {
        for t in &self.transforms {
            t.apply(image, side, rng);
        }
    }
}

impl Transform {
    /// Applies one random draw of this transform to `image` in place.
    pub fn apply(&self, image: &mut [f32], side: usize, rng: &mut Rng) {
        match *self {
            Transform::Rotate { degrees } => {
                let angle = rng.uniform(-degrees, degrees).to_radians();
                resample(image, side, Affine::rotation(angle, side));
            }
            Transform::Shift { pixels } => {
                let (dx, dy) = (rng.uniform(-pixels, pixels), rng.uniform(-pixels, pixels));
                resample(image, side, Affine::shift(dx, dy));
            }
            Transform::Scale { amount } => {
                let factor = rng.uniform(1.0 - amount, 1.0 + amount).max(0.05);
                resample(image, side, Affine::zoom(factor, side));
            }
            Transform::Noise { std } => {
                for v in image.iter_mut() {
                    *v = (*v + rng.normal() * std).clamp(0.0, 1.0);
                }
            }
            Transform::Erase { fraction } => {
                let area = rng.uniform(0.02, fraction.max(0.02)) * (side * side) as f32;
                let aspect = rng.uniform(0.3, 3.3);
                let h = ((area * aspect).sqrt().round() as usize).clamp(1, side);
                let w = ((area / aspect).sqrt().round() as usize).clamp(1, side);
                let (y0, x0) = (rng.below(side - h + 1), rng.below(side - w + 1));
                for y in y0..y0 + h {
                    image[y * side + x0..y * side + x0 + w].fill(0.0);
                }
            }
        }
    }
}

/// An affine map from output coordinates to input coordinates: `(x, y) ↦ A·(x, y) + b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub a: [[f32; 2]; 2],
    pub b: [f32; 2],
}

impl Affine {
    /// Where each output pixel of an image rotated by `angle` (counter-clockwise on screen)
    /// about its centre comes from.
    pub fn rotation(angle: f32, side: usize) -> Self {
        let c = (side as f32 - 1.0) / 2.0;
        let (s, k) = angle.sin_cos();
        // The inverse rotation, about the centre; y points down on screen.
        let a = [[k, -s], [s, k]];
        Self { a, b: [c - a[0][0] * c - a[0][1] * c, c - a[1][0] * c - a[1][1] * c] }
    }

    /// An image moved right by `dx` and down by `dy`.
    pub fn shift(dx: f32, dy: f32) -> Self {
        Self { a: [[1.0, 0.0], [0.0, 1.0]], b: [-dx, -dy] }
    }

    /// An image zoomed by `factor` about its centre.
    pub fn zoom(factor: f32, side: usize) -> Self {
        let c = (side as f32 - 1.0) / 2.0;
        let inv = 1.0 / factor;
        Self { a: [[inv, 0.0], [0.0, inv]], b: [c - inv * c, c - inv * c] }
    }
}

/// Replaces `image` by its resampling through `map`, with bilinear interpolation and zeros
/// outside the image.
pub fn resample(image: &mut [f32], side: usize, map: Affine) {
    let source = image.to_vec();
    let at = |x: i64, y: i64| {
        if x < 0 || y < 0 || x >= side as i64 || y >= side as i64 {
            0.0
        } else {
            source[y as usize * side + x as usize]
        }
    };
    for y in 0..side {
        for x in 0..side {
            let (xf, yf) = (x as f32, y as f32);
            let sx = map.a[0][0] * xf + map.a[0][1] * yf + map.b[0];
            let sy = map.a[1][0] * xf + map.a[1][1] * yf + map.b[1];
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
            let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
            image[y * side + x] = top * (1.0 - fy) + bottom * fy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 5×5 image with one bright pixel at (x, y).
    fn dot(x: usize, y: usize) -> Vec<f32> {
        let mut v = vec![0.0; 25];
        v[y * 5 + x] = 1.0;
        v
    }

    #[test]
    fn geometric_maps_move_pixels_where_expected() {
        let mut img = dot(1, 2);
        resample(&mut img, 5, Affine::shift(2.0, -1.0));
        assert_eq!(img, dot(3, 1));
        let mut img = dot(4, 2);
        // A quarter turn counter-clockwise on screen takes the right edge to the top.
        resample(&mut img, 5, Affine::rotation(std::f32::consts::FRAC_PI_2, 5));
        let top = img.iter().position(|&v| v > 0.99).unwrap();
        assert_eq!((top % 5, top / 5), (2, 0));
        let mut img = dot(2, 2);
        resample(&mut img, 5, Affine::zoom(1.0, 5));
        assert_eq!(img, dot(2, 2));
    }

    #[test]
    fn transforms_are_seeded_and_keep_values_in_range() {
        let augment = Augment {
            transforms: vec![
                Transform::Rotate { degrees: 15.0 },
                Transform::Shift { pixels: 2.0 },
                Transform::Scale { amount: 0.1 },
                Transform::Noise { std: 0.2 },
                Transform::Erase { fraction: 0.2 },
            ],
        };
        let base: Vec<f32> = (0..784).map(|i| ((i * 37) % 255) as f32 / 255.0).collect();
        let run = |seed| {
            let mut img = base.clone();
            augment.apply(&mut img, 28, &mut Rng::new(seed));
            img
        };
        assert_eq!(run(5), run(5));
        assert_ne!(run(5), run(6));
        assert!(run(5).iter().all(|v| (0.0..=1.0).contains(v)));
        assert_eq!(run(5).len(), 784);
    }
}
