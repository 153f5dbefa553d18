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
    /// A mirror image left to right, with probability `p`.
    Flip { p: f32 },
    /// A random crop covering `1 − fraction` of the side at most, resized back to the full side.
    Crop { fraction: f32 },
    /// Elastic deformation: every pixel displaced by up to about `pixels`, the displacement
    /// varying smoothly across the image (a random 4×4 grid of shifts, interpolated).
    Elastic { pixels: f32 },
    /// Gaussian blur with a standard deviation drawn from `[0, sigma]` pixels.
    Blur { sigma: f32 },
    /// Brightness and contrast: `v ↦ (v − ½)·c + ½ + b`, `c` from `[1 − amount, 1 + amount]`
    /// and `b` from `±amount/2`, clamped to `[0, 1]`.
    Contrast { amount: f32 },
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
            Transform::Flip { p } => {
                if rng.unit() < p {
                    for row in image.chunks_mut(side) {
                        row.reverse();
                    }
                }
            }
            Transform::Crop { fraction } => {
                let kept = 1.0 - rng.uniform(0.0, fraction.clamp(0.0, 0.9));
                let room = (1.0 - kept) * side as f32 / 2.0;
                let (dx, dy) = (rng.uniform(-room, room), rng.uniform(-room, room));
                // Zoom in by 1/kept about the centre, then move the window within the image.
                let zoom = Affine::zoom(1.0 / kept, side);
                resample(image, side, Affine { a: zoom.a, b: [zoom.b[0] + dx, zoom.b[1] + dy] });
            }
            Transform::Elastic { pixels } => elastic(image, side, pixels, rng),
            Transform::Blur { sigma } => blur(image, side, rng.uniform(0.0, sigma.max(0.0))),
            Transform::Contrast { amount } => {
                let c = rng.uniform(1.0 - amount, 1.0 + amount);
                let b = rng.uniform(-amount / 2.0, amount / 2.0);
                for v in image.iter_mut() {
                    *v = ((*v - 0.5) * c + 0.5 + b).clamp(0.0, 1.0);
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

/// Displaces every pixel by a smooth random field: shifts drawn on a 4×4 grid spanning the
/// image, interpolated bilinearly between grid points, read back with bilinear interpolation.
fn elastic(image: &mut [f32], side: usize, pixels: f32, rng: &mut Rng) {
    const GRID: usize = 4;
    let field: Vec<(f32, f32)> =
        (0..GRID * GRID).map(|_| (rng.uniform(-pixels, pixels), rng.uniform(-pixels, pixels))).collect();
    let source = image.to_vec();
    let span = (side.max(2) - 1) as f32 / (GRID - 1) as f32;
    for y in 0..side {
        for x in 0..side {
            let (gx, gy) = (x as f32 / span, y as f32 / span);
            let (i, j) = ((gx.floor() as usize).min(GRID - 2), (gy.floor() as usize).min(GRID - 2));
            let (fx, fy) = (gx - i as f32, gy - j as f32);
            let mix = |k: fn(&(f32, f32)) -> f32| {
                let g = |a: usize, b: usize| k(&field[b * GRID + a]);
                (g(i, j) * (1.0 - fx) + g(i + 1, j) * fx) * (1.0 - fy)
                    + (g(i, j + 1) * (1.0 - fx) + g(i + 1, j + 1) * fx) * fy
            };
            image[y * side + x] = bilinear(&source, side, x as f32 + mix(|d| d.0), y as f32 + mix(|d| d.1));
        }
    }
}

/// A separable Gaussian blur with standard deviation `sigma` pixels (none below 0.1), zeros
/// beyond the edges.
pub fn blur(image: &mut [f32], side: usize, sigma: f32) {
    if sigma < 0.1 {
        return;
    }
    let radius = (3.0 * sigma).ceil() as i64;
    let weights: Vec<f32> = (-radius..=radius).map(|d| (-(d * d) as f32 / (2.0 * sigma * sigma)).exp()).collect();
    let total: f32 = weights.iter().sum();
    let pass = |image: &mut [f32], horizontal: bool| {
        let source = image.to_vec();
        for y in 0..side as i64 {
            for x in 0..side as i64 {
                let mut sum = 0.0;
                for (k, w) in weights.iter().enumerate() {
                    let d = k as i64 - radius;
                    let (sx, sy) = if horizontal { (x + d, y) } else { (x, y + d) };
                    if sx >= 0 && sy >= 0 && sx < side as i64 && sy < side as i64 {
                        sum += w * source[sy as usize * side + sx as usize];
                    }
                }
                image[y as usize * side + x as usize] = sum / total;
            }
        }
    };
    pass(image, true);
    pass(image, false);
}

/// A grey digit tinted into colour: ink `ink` on background `paper` (RGB in `[0, 1]`), three
/// planes (R, G, B) of `side × side` values, so that colour transforms have something to act on.
pub fn tint(grey: &[f32], ink: [f32; 3], paper: [f32; 3]) -> Vec<f32> {
    (0..3).flat_map(|c| grey.iter().map(move |&v| paper[c] + (ink[c] - paper[c]) * v)).collect()
}

/// Colour jitter: each channel of a planar RGB image scaled by a gain drawn from
/// `[1 − amount, 1 + amount]`, clamped to `[0, 1]`.
pub fn jitter(rgb: &mut [f32], amount: f32, rng: &mut Rng) {
    let plane = rgb.len() / 3;
    for c in 0..3 {
        let gain = rng.uniform(1.0 - amount, 1.0 + amount);
        for v in &mut rgb[c * plane..(c + 1) * plane] {
            *v = (*v * gain).clamp(0.0, 1.0);
        }
    }
}

/// The channels of a planar RGB image in another order: output channel `i` is input channel
/// `order[i]`.
pub fn reorder(rgb: &[f32], order: [usize; 3]) -> Vec<f32> {
    let plane = rgb.len() / 3;
    order.iter().flat_map(|&c| rgb[c * plane..(c + 1) * plane].iter().copied()).collect()
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

/// A square image of side `from` resized to side `to` (bilinear; each output pixel samples the
/// source at its centre's position).
pub fn resize(image: &[f32], from: usize, to: usize) -> Vec<f32> {
    let scale = from as f32 / to as f32;
    (0..to * to)
        .map(|k| {
            let (x, y) = ((k % to) as f32, (k / to) as f32);
            bilinear(image, from, (x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5)
        })
        .collect()
}

/// Replaces `image` by its resampling through `map`, with bilinear interpolation and zeros
/// outside the image.
pub fn resample(image: &mut [f32], side: usize, map: Affine) {
    let source = image.to_vec();
    for y in 0..side {
        for x in 0..side {
            let (xf, yf) = (x as f32, y as f32);
            let sx = map.a[0][0] * xf + map.a[0][1] * yf + map.b[0];
            let sy = map.a[1][0] * xf + map.a[1][1] * yf + map.b[1];
            image[y * side + x] = bilinear(&source, side, sx, sy);
        }
    }
}

/// The value of a `side × side` image at the point `(sx, sy)`, interpolated bilinearly between
/// its four neighbouring pixels, 0 outside the image.
fn bilinear(source: &[f32], side: usize, sx: f32, sy: f32) -> f32 {
    let at = |x: i64, y: i64| {
        if x < 0 || y < 0 || x >= side as i64 || y >= side as i64 {
            0.0
        } else {
            source[y as usize * side + x as usize]
        }
    };
    let (x0, y0) = (sx.floor(), sy.floor());
    let (fx, fy) = (sx - x0, sy - y0);
    let (x0, y0) = (x0 as i64, y0 as i64);
    let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
    let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
    top * (1.0 - fy) + bottom * fy
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
    fn flips_blur_and_colour_do_what_they_say() {
        let mut img = dot(1, 2);
        Transform::Flip { p: 1.0 }.apply(&mut img, 5, &mut Rng::new(1));
        assert_eq!(img, dot(3, 2));
        let mut img = dot(2, 2);
        blur(&mut img, 5, 1.0);
        let total: f32 = img.iter().sum();
        assert!(img[12] < 0.5 && img[12] == img.iter().cloned().fold(0.0, f32::max), "spread, peak in the middle");
        assert!(total > 0.7 && total <= 1.0 + 1e-5, "blur keeps most of the ink: {total}");
        let rgb = tint(&[0.0, 1.0], [1.0, 0.5, 0.0], [0.0, 0.0, 1.0]);
        assert_eq!(rgb, [0.0, 1.0, 0.0, 0.5, 1.0, 0.0]);
        assert_eq!(reorder(&rgb, [2, 1, 0]), [1.0, 0.0, 0.0, 0.5, 0.0, 1.0]);
        let mut jittered = rgb.clone();
        jitter(&mut jittered, 0.5, &mut Rng::new(3));
        assert!(jittered.iter().all(|v| (0.0..=1.0).contains(v)) && jittered != rgb);
    }

    #[test]
    fn every_transform_keeps_the_shape_and_range_and_repeats_with_its_seed() {
        let base: Vec<f32> = (0..784).map(|i| ((i * 37) % 255) as f32 / 255.0).collect();
        for t in [
            Transform::Rotate { degrees: 30.0 },
            Transform::Shift { pixels: 3.0 },
            Transform::Scale { amount: 0.2 },
            Transform::Noise { std: 0.3 },
            Transform::Erase { fraction: 0.3 },
            Transform::Flip { p: 0.5 },
            Transform::Crop { fraction: 0.3 },
            Transform::Elastic { pixels: 2.0 },
            Transform::Blur { sigma: 1.5 },
            Transform::Contrast { amount: 0.5 },
        ] {
            let run = |seed| {
                let mut img = base.clone();
                for _ in 0..3 {
                    t.apply(&mut img, 28, &mut Rng::new(seed));
                }
                img
            };
            let out = run(9);
            assert_eq!(out.len(), 784, "{t:?}");
            assert!(out.iter().all(|v| (-1e-5..=1.0 + 1e-5).contains(v)), "{t:?} stays in [0, 1]");
            assert_eq!(out, run(9), "{t:?} repeats with its seed");
        }
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
