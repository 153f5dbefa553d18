//! Optimizers racing on two-dimensional loss surfaces. Each racer is burn's own optimizer
//! stepping a two-parameter module; the gradient comes from burn's autodiff of the surface, so
//! what the lesson animates is exactly what training a network does, one point at a time.

use burn::module::Param;
use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::backend::Backend;
use crate::train::Optimizer;

/// A loss surface over `(x, y)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Surface {
    /// An ill-conditioned bowl `f = (x² + 20y²) / 2`: steep across, shallow along.
    Bowl,
    /// Rosenbrock's banana `f = (1 − x)² + 100 (y − x²)²`, minimum at (1, 1).
    Rosenbrock,
    /// A saddle at the origin between two valleys: `f = x² − y² + y⁴ / 4`, minima at (0, ±√2).
    Saddle,
    /// Himmelblau's function: four minima of equal depth.
    Himmelblau,
}

impl Surface {
    pub const ALL: [Surface; 4] = [Surface::Bowl, Surface::Rosenbrock, Surface::Saddle, Surface::Himmelblau];

    pub fn key(self) -> &'static str {
        match self {
            Surface::Bowl => "bowl",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Saddle => "saddle",
            Surface::Himmelblau => "himmelblau",
        }
    }

    pub fn from_key(key: &str) -> Option<Surface> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The value at one point (for drawing the contours).
    pub fn value(self, x: f64, y: f64) -> f64 {
        match self {
            Surface::Bowl => (x * x + 20.0 * y * y) / 2.0,
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Surface::Saddle => x * x - y * y + y.powi(4) / 4.0,
            Surface::Himmelblau => (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2),
        }
    }

    /// The same function on a `[2]` tensor, so burn's autodiff gives the gradient.
    pub fn tensor(self, p: Tensor<1>) -> Tensor<1> {
        let x = p.clone().slice(s![0..1]);
        let y = p.slice(s![1..2]);
        match self {
            Surface::Bowl => (x.powf_scalar(2.0) + y.powf_scalar(2.0) * 20.0) / 2.0,
            Surface::Rosenbrock => {
                (x.clone().neg() + 1.0).powf_scalar(2.0) + (y - x.powf_scalar(2.0)).powf_scalar(2.0) * 100.0
            }
            Surface::Saddle => x.powf_scalar(2.0) - y.clone().powf_scalar(2.0) + y.powf_scalar(4.0) / 4.0,
            Surface::Himmelblau => {
                (x.clone().powf_scalar(2.0) + y.clone() - 11.0).powf_scalar(2.0)
                    + (x + y.powf_scalar(2.0) - 7.0).powf_scalar(2.0)
            }
        }
    }

    /// The region drawn: `(x range, y range)`.
    pub fn bounds(self) -> ((f64, f64), (f64, f64)) {
        match self {
            Surface::Bowl => ((-10.0, 10.0), (-3.0, 3.0)),
            Surface::Rosenbrock => ((-2.0, 2.0), (-1.0, 3.0)),
            Surface::Saddle => ((-2.5, 2.5), (-2.5, 2.5)),
            Surface::Himmelblau => ((-5.5, 5.5), (-5.5, 5.5)),
        }
    }

    /// A start that shows the surface's difficulty.
    pub fn start(self) -> (f64, f64) {
        match self {
            Surface::Bowl => (-9.0, 2.0),
            Surface::Rosenbrock => (-1.5, 2.0),
            Surface::Saddle => (-2.0, 0.01),
            Surface::Himmelblau => (-0.5, -0.5),
        }
    }

    /// Where the minima are.
    pub fn minima(self) -> Vec<(f64, f64)> {
        match self {
            Surface::Bowl => vec![(0.0, 0.0)],
            Surface::Rosenbrock => vec![(1.0, 1.0)],
            Surface::Saddle => vec![(0.0, 2f64.sqrt()), (0.0, -(2f64.sqrt()))],
            Surface::Himmelblau => {
                vec![(3.0, 2.0), (-2.805_118, 3.131_312), (-3.779_31, -3.283_186), (3.584_428, -1.848_126)]
            }
        }
    }
}

/// The two trained parameters.
#[derive(Module, Debug)]
struct Point {
    xy: Param<Tensor<1>>,
}

/// One optimizer's run on a surface.
pub struct Racer {
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    point: Option<Point>,
    optim: ModuleOptimizer,
    /// Every position so far, the start first.
    pub trail: Vec<(f64, f64)>,
    pub loss: f64,
    /// The position left the drawable region by far or became NaN: the racer stops.
    pub escaped: bool,
}

impl Racer {
    pub fn new(optimizer: Optimizer, learning_rate: f64, surface: Surface, start: (f64, f64)) -> Racer {
        let device = Backend::Flex.training_device().expect("flex is always built");
        let point = Point { xy: Param::from_tensor(Tensor::from_floats([start.0 as f32, start.1 as f32], &device)) };
        Racer {
            optimizer,
            learning_rate,
            point: Some(point),
            optim: optimizer.build(),
            trail: vec![start],
            loss: surface.value(start.0, start.1),
            escaped: false,
        }
    }

    /// The current position.
    pub fn position(&self) -> (f64, f64) {
        *self.trail.last().expect("a trail starts with the start")
    }

    /// One optimizer step on `surface`.
    pub fn step(&mut self, surface: Surface) {
        if self.escaped {
            return;
        }
        let point = self.point.take().expect("present between steps");
        let loss = surface.tensor(point.xy.val());
        let grads = GradientsParams::from_grads(loss.backward(), &point);
        let point = self.optim.step(self.learning_rate, point, grads);
        let xy: Vec<f32> = point.xy.val().try_into_vec_as().unwrap_or_else(|_| vec![f32::NAN; 2]);
        let (x, y) = (f64::from(xy[0]), f64::from(xy[1]));
        let ((x0, x1), (y0, y1)) = surface.bounds();
        let far = |v: f64, lo: f64, hi: f64| v < lo - 10.0 * (hi - lo) || v > hi + 10.0 * (hi - lo);
        self.escaped = !x.is_finite() || !y.is_finite() || far(x, x0, x1) || far(y, y0, y1);
        if !self.escaped {
            self.trail.push((x, y));
            self.loss = surface.value(x, y);
        }
        self.point = Some(point);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook updates, for f(x) = a·x² / 2 (gradient a·x), written out by hand.
    fn textbook(opt: Optimizer, lr: f64, a: f64, x0: f64, steps: usize) -> Vec<f64> {
        let (mut x, mut v, mut s, mut m) = (x0, 0.0, 0.0, 0.0);
        let mut out = vec![];
        for t in 1..=steps {
            let g = a * x;
            match opt {
                Optimizer::Sgd => x -= lr * g,
                Optimizer::Momentum { momentum } => {
                    v = f64::from(momentum) * v + g;
                    x -= lr * v;
                }
                Optimizer::Nesterov { momentum } => {
                    v = f64::from(momentum) * v + g;
                    x -= lr * (g + f64::from(momentum) * v);
                }
                Optimizer::RmsProp { decay } => {
                    s = f64::from(decay) * s + (1.0 - f64::from(decay)) * g * g;
                    x -= lr * g / (s.sqrt() + 1e-8);
                }
                Optimizer::Adam { beta1, beta2 } => {
                    let (b1, b2) = (f64::from(beta1), f64::from(beta2));
                    m = b1 * m + (1.0 - b1) * g;
                    s = b2 * s + (1.0 - b2) * g * g;
                    let (mh, sh) = (m / (1.0 - b1.powi(t as i32)), s / (1.0 - b2.powi(t as i32)));
                    x -= lr * mh / (sh.sqrt() + 1e-5);
                }
                Optimizer::AdaGrad => {
                    s += g * g;
                    x -= lr * g / (s.sqrt() + 1e-5);
                }
            }
            out.push(x);
        }
        out
    }

    #[test]
    fn burns_optimizers_follow_the_textbook_updates() {
        // The bowl along x alone: f = x²/2 at y = 0, gradient x.
        for opt in Optimizer::DEFAULTS {
            let lr = 0.1;
            let mut racer = Racer::new(opt, lr, Surface::Bowl, (3.0, 0.0));
            let expected = textbook(opt, lr, 1.0, 3.0, 5);
            for (i, want) in expected.iter().enumerate() {
                racer.step(Surface::Bowl);
                let (x, y) = racer.position();
                assert!((x - want).abs() < 1e-3 * want.abs().max(1.0), "{opt:?} step {}: {x} vs {want}", i + 1);
                assert_eq!(y, 0.0);
            }
        }
    }

    #[test]
    fn surfaces_agree_with_their_tensor_form_and_minima() {
        let device = Device::flex();
        for s in Surface::ALL {
            for &(x, y) in &[(0.3, -0.7), (1.5, 2.0)] {
                let t: f32 = s.tensor(Tensor::from_floats([x as f32, y as f32], &device)).into_scalar();
                assert!((f64::from(t) - s.value(x, y)).abs() < 1e-3 * s.value(x, y).abs().max(1.0), "{s:?}");
            }
            for (x, y) in s.minima() {
                let here = s.value(x, y);
                assert!(s.value(x + 0.01, y) >= here - 1e-6 && s.value(x, y + 0.01) >= here - 1e-6, "{s:?} minimum");
            }
            assert_eq!(Surface::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn momentum_reaches_the_bowls_minimum_faster_than_sgd() {
        let run = |opt| {
            let mut r = Racer::new(opt, 0.05, Surface::Bowl, Surface::Bowl.start());
            (0..150).for_each(|_| r.step(Surface::Bowl));
            r.loss
        };
        assert!(run(Optimizer::Momentum { momentum: 0.9 }) < run(Optimizer::Sgd));
        let mut wild = Racer::new(Optimizer::Sgd, 5.0, Surface::Bowl, (5.0, 1.0));
        (0..50).for_each(|_| wild.step(Surface::Bowl));
        assert!(wild.escaped, "a learning rate far too large leaves the surface");
    }
}
