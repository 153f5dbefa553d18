//! Optimizers racing on two-dimensional loss surfaces. Each racer applies, to its two
//! coordinates, exactly the update that burn's optimizer of the same name applies to a
//! network's parameters (PyTorch's formulas and defaults, `train::Optimizer`), with the
//! surface's exact gradient. It is written on plain numbers so that the page that animates it
//! does not carry burn; the tests below hold every racer to burn's own optimizer and to burn's
//! autodiff of the surface, step by step.

use serde::{Deserialize, Serialize};

use crate::train::{ADAGRAD_EPSILON, ADAM_EPSILON, Optimizer, RMSPROP_EPSILON};

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

    /// The gradient `(∂f/∂x, ∂f/∂y)` at one point, worked out by hand (the tests check it
    /// against burn's autodiff of the same function).
    pub fn gradient(self, x: f64, y: f64) -> (f64, f64) {
        match self {
            Surface::Bowl => (x, 20.0 * y),
            Surface::Rosenbrock => (-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)),
            Surface::Saddle => (2.0 * x, -2.0 * y + y.powi(3)),
            Surface::Himmelblau => {
                let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
                (4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b)
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

/// What an optimizer remembers about one coordinate between steps.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    /// Momentum's velocity, or Adam's first moment.
    velocity: f64,
    /// The running (RMSprop, Adam) or summed (AdaGrad) squared gradient.
    squares: f64,
}

/// One optimizer's run on a surface.
pub struct Racer {
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    memory: [Memory; 2],
    /// Every position so far, the start first.
    pub trail: Vec<(f64, f64)>,
    pub loss: f64,
    /// The position left the drawable region by far or became NaN: the racer stops.
    pub escaped: bool,
}

impl Racer {
    pub fn new(optimizer: Optimizer, learning_rate: f64, surface: Surface, start: (f64, f64)) -> Racer {
        Racer {
            optimizer,
            learning_rate,
            memory: [Memory::default(); 2],
            trail: vec![start],
            loss: surface.value(start.0, start.1),
            escaped: false,
        }
    }

    /// The current position.
    pub fn position(&self) -> (f64, f64) {
        *self.trail.last().expect("a trail starts with the start")
    }

    /// How far the optimizer moves one coordinate with gradient `g` at step `t` (from 1), as
    /// burn's optimizer does (and PyTorch's, with no dampening or weight decay).
    fn update(optimizer: Optimizer, memory: &mut Memory, g: f64, t: i32) -> f64 {
        match optimizer {
            Optimizer::Sgd => g,
            Optimizer::Momentum { momentum } => {
                memory.velocity = f64::from(momentum) * memory.velocity + g;
                memory.velocity
            }
            Optimizer::Nesterov { momentum } => {
                memory.velocity = f64::from(momentum) * memory.velocity + g;
                g + f64::from(momentum) * memory.velocity
            }
            Optimizer::RmsProp { decay } => {
                let rho = f64::from(decay);
                memory.squares = rho * memory.squares + (1.0 - rho) * g * g;
                g / (memory.squares.sqrt() + f64::from(RMSPROP_EPSILON))
            }
            Optimizer::Adam { beta1, beta2 } => {
                let (b1, b2) = (f64::from(beta1), f64::from(beta2));
                memory.velocity = b1 * memory.velocity + (1.0 - b1) * g;
                memory.squares = b2 * memory.squares + (1.0 - b2) * g * g;
                let (m, v) = (memory.velocity / (1.0 - b1.powi(t)), memory.squares / (1.0 - b2.powi(t)));
                m / (v.sqrt() + f64::from(ADAM_EPSILON))
            }
            Optimizer::AdaGrad => {
                memory.squares += g * g;
                g / (memory.squares.sqrt() + f64::from(ADAGRAD_EPSILON))
            }
        }
    }

    /// One optimizer step on `surface`.
    pub fn step(&mut self, surface: Surface) {
        if self.escaped {
            return;
        }
        let (x, y) = self.position();
        let (gx, gy) = surface.gradient(x, y);
        let t = i32::try_from(self.trail.len()).unwrap_or(i32::MAX);
        let [mx, my] = &mut self.memory;
        let x = x - self.learning_rate * Self::update(self.optimizer, mx, gx, t);
        let y = y - self.learning_rate * Self::update(self.optimizer, my, gy, t);
        let ((x0, x1), (y0, y1)) = surface.bounds();
        let far = |v: f64, lo: f64, hi: f64| v < lo - 10.0 * (hi - lo) || v > hi + 10.0 * (hi - lo);
        self.escaped = !x.is_finite() || !y.is_finite() || far(x, x0, x1) || far(y, y0, y1);
        if !self.escaped {
            self.trail.push((x, y));
            self.loss = surface.value(x, y);
        }
    }
}

#[cfg(test)]
mod tests {
    use burn::module::Param;
    use burn::optim::GradientsParams;
    use burn::prelude::*;

    use super::*;

    /// The surface on a `[2]` tensor, so that burn's autodiff gives the gradient.
    fn tensor(s: Surface, p: Tensor<1>) -> Tensor<1> {
        let x = p.clone().slice(s![0..1]);
        let y = p.slice(s![1..2]);
        match s {
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

    #[derive(Module, Debug)]
    struct Point {
        xy: Param<Tensor<1>>,
    }

    /// The positions burn's own optimizer reaches on `s`, through burn's autodiff.
    fn burn_trail(opt: Optimizer, lr: f64, s: Surface, start: (f64, f64), steps: usize) -> Vec<(f64, f64)> {
        let device = Device::flex().autodiff();
        let mut point =
            Point { xy: Param::from_tensor(Tensor::from_floats([start.0 as f32, start.1 as f32], &device)) };
        let mut optim = opt.build();
        let mut trail = vec![];
        for _ in 0..steps {
            let grads = GradientsParams::from_grads(tensor(s, point.xy.val()).backward(), &point);
            point = optim.step(lr, point, grads);
            let xy: Vec<f32> = point.xy.val().try_into_vec_as().unwrap();
            trail.push((f64::from(xy[0]), f64::from(xy[1])));
        }
        trail
    }

    #[test]
    fn every_racer_takes_burns_optimizer_steps() {
        // burn works in f32, the racers in f64: the trails agree to f32's precision over the
        // first steps, on every surface, for every optimizer at a rate that keeps it on the surface.
        for s in Surface::ALL {
            for opt in Optimizer::DEFAULTS {
                let lr = match opt {
                    Optimizer::Sgd | Optimizer::Momentum { .. } | Optimizer::Nesterov { .. } => 0.0005,
                    _ => 0.05,
                };
                let mut racer = Racer::new(opt, lr, s, s.start());
                let want = burn_trail(opt, lr, s, s.start(), 20);
                for (i, &(bx, by)) in want.iter().enumerate() {
                    racer.step(s);
                    let (x, y) = racer.position();
                    let close = |a: f64, b: f64| (a - b).abs() <= 1e-4 * b.abs().max(1.0);
                    assert!(
                        close(x, bx) && close(y, by),
                        "{s:?} {opt:?} step {}: ({x}, {y}) vs burn ({bx}, {by})",
                        i + 1
                    );
                }
            }
        }
    }

    #[test]
    fn gradients_and_values_agree_with_burns_autodiff_and_the_minima() {
        let device = Device::flex().autodiff();
        for s in Surface::ALL {
            for &(x, y) in &[(0.3, -0.7), (1.5, 2.0), (-2.0, 0.5)] {
                let p = Tensor::<1>::from_floats([x as f32, y as f32], &device).require_grad();
                let f = tensor(s, p.clone());
                let value: f32 = f.clone().into_scalar();
                let grads = f.backward();
                let g: Vec<f32> = p.grad(&grads).unwrap().try_into_vec_as().unwrap();
                let close = |a: f64, b: f32| (a - f64::from(b)).abs() < 1e-3 * a.abs().max(1.0);
                assert!(close(s.value(x, y), value), "{s:?} value");
                let (gx, gy) = s.gradient(x, y);
                assert!(close(gx, g[0]) && close(gy, g[1]), "{s:?} at ({x}, {y}): ({gx}, {gy}) vs burn {g:?}");
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
