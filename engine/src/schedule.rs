//! Learning-rate schedules: how the learning rate changes over training, as a factor of the
//! initial rate at a (fractional) epoch. The note's three (step decay, exponential decay, cosine
//! annealing) plus warm-up and warm restarts.

use serde::{Deserialize, Serialize};

/// A learning-rate schedule. `t` below is the training time in epochs (fractional), `T` the
/// number of epochs, `η₀` the initial learning rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Schedule {
    /// `η = η₀`.
    #[default]
    Constant,
    /// `η = η₀ · factor^⌊t / every⌋`: the note's example halves the rate every 10 epochs.
    StepDecay { every: f64, factor: f64 },
    /// `η = η₀ · e^(−k·t)`.
    Exponential { k: f64 },
    /// `η = η_min + (η₀ − η_min) · (1 + cos(π t / T)) / 2`, with `η_min = η₀ · floor`.
    Cosine { floor: f64 },
    /// A linear warm-up from 0 over `warmup` epochs, then cosine annealing to `η₀ · floor`.
    WarmupCosine { warmup: f64, floor: f64 },
    /// Cosine annealing restarted every `period` epochs (SGDR).
    WarmRestarts { period: f64, floor: f64 },
}

impl Schedule {
    pub fn key(&self) -> &'static str {
        match self {
            Schedule::Constant => "constant",
            Schedule::StepDecay { .. } => "step",
            Schedule::Exponential { .. } => "exp",
            Schedule::Cosine { .. } => "cosine",
            Schedule::WarmupCosine { .. } => "warmup",
            Schedule::WarmRestarts { .. } => "restarts",
        }
    }

    /// The factor by which the initial learning rate is multiplied at time `t` (in epochs) of a
    /// run lasting `total` epochs.
    pub fn factor(&self, t: f64, total: f64) -> f64 {
        let cosine = |progress: f64, floor: f64| {
            floor + (1.0 - floor) * (1.0 + (std::f64::consts::PI * progress.clamp(0.0, 1.0)).cos()) / 2.0
        };
        match *self {
            Schedule::Constant => 1.0,
            Schedule::StepDecay { every, factor } => factor.powf((t / every.max(1e-9)).floor()),
            Schedule::Exponential { k } => (-k * t).exp(),
            Schedule::Cosine { floor } => cosine(t / total.max(1e-9), floor),
            Schedule::WarmupCosine { warmup, .. } if t < warmup => t / warmup.max(1e-9),
            Schedule::WarmupCosine { warmup, floor } => cosine((t - warmup) / (total - warmup).max(1e-9), floor),
            Schedule::WarmRestarts { period, floor } => cosine((t % period.max(1e-9)) / period.max(1e-9), floor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn each_schedule_follows_its_formula() {
        let halve = Schedule::StepDecay { every: 10.0, factor: 0.5 };
        assert!(close(halve.factor(0.0, 30.0), 1.0));
        assert!(close(halve.factor(9.99, 30.0), 1.0));
        assert!(close(halve.factor(10.0, 30.0), 0.5));
        assert!(close(halve.factor(25.0, 30.0), 0.25));
        let exp = Schedule::Exponential { k: 0.1 };
        assert!(close(exp.factor(10.0, 30.0), (-1.0f64).exp()));
        let cos = Schedule::Cosine { floor: 0.0 };
        assert!(close(cos.factor(0.0, 10.0), 1.0));
        assert!(close(cos.factor(5.0, 10.0), 0.5));
        assert!(close(cos.factor(10.0, 10.0), 0.0));
        let floored = Schedule::Cosine { floor: 0.1 };
        assert!(close(floored.factor(10.0, 10.0), 0.1));
        let warm = Schedule::WarmupCosine { warmup: 2.0, floor: 0.0 };
        assert!(close(warm.factor(1.0, 10.0), 0.5));
        assert!(close(warm.factor(2.0, 10.0), 1.0));
        assert!(close(warm.factor(6.0, 10.0), 0.5));
        let sgdr = Schedule::WarmRestarts { period: 4.0, floor: 0.0 };
        assert!(close(sgdr.factor(2.0, 12.0), 0.5));
        assert!(close(sgdr.factor(4.0, 12.0), 1.0), "restarts at the period");
        assert!(close(Schedule::Constant.factor(7.0, 10.0), 1.0));
    }
}
