//! A generative adversarial network (Goodfellow et al., 2014): a generator G turns noise z into
//! samples G(z), a discriminator D tells real samples from generated ones, and they are trained
//! in turn. D takes `d_steps` steps on real and generated batches, then G takes one step to make
//! D call its samples real (the non-saturating loss `−log D(G(z))` of the paper).
//!
//! Real data are points in the plane (a ring of Gaussians, two moons, a spiral, or points the
//! student draws) or real digits, scaled to `[−1, 1]` to match a generator ending in tanh.

use std::sync::Arc;

use burn::prelude::*;
use burn::tensor::activation::{sigmoid, softplus};
use serde::{Deserialize, Serialize};

use super::{Task, TaskReport, TaskStep, stream};
use crate::data::{Asset, Assets, Part, Split, SplitSpec};
use crate::mnist::{Mnist, PIXELS};
use crate::nn::{Ctx, Init, Net, Shape, Stack, Value};
use crate::rng::Rng;
use crate::train::{ConfigError, Diverged, Evaluation, Learner, Optimizer, Scorer, TrainConfig};

/// What the real samples are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GanData {
    /// `modes` Gaussians of standard deviation `std` evenly spaced on a circle of `radius`.
    Ring { modes: usize, radius: f32, std: f32 },
    /// Two interleaved half circles, with noise `std`.
    Moons { std: f32 },
    /// A two-armed spiral, with noise `std`.
    Spiral { std: f32 },
    /// Points given one by one (drawn by the student).
    Points(Vec<[f32; 2]>),
    /// Real handwritten digits (all, or only these classes), as 784 values in `[−1, 1]`.
    Digits { classes: Option<Vec<u8>> },
}

/// A generator against a discriminator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GanTask {
    pub data: GanData,
    /// How many real points to draw for the plane's distributions.
    pub points: usize,
    /// Length of the noise vector z.
    pub noise: usize,
    /// Reads `Flat(noise)`; must produce what the data are (`Flat(2)` or `Flat(784)`).
    pub generator: Stack,
    /// Reads what the data are; must end with one score (a logit: D(x) = σ(score)).
    pub discriminator: Stack,
    /// Discriminator steps per generator step.
    pub d_steps: usize,
    /// The discriminator's learning rate (the run's own is the generator's).
    pub d_learning_rate: f64,
}

impl GanTask {
    /// A GAN in the plane: small MLPs for both sides (LeakyReLU in D, as DCGAN recommends).
    pub fn plane(data: GanData, noise: usize, hidden: usize) -> Self {
        let g = format!("dense:{hidden},relu,dense:{hidden},relu,dense:2");
        let d = format!("dense:{hidden},leaky:0.2,dense:{hidden},leaky:0.2,dense:1");
        Self {
            data,
            points: 1024,
            noise,
            generator: Stack { input: Shape::Flat(noise), layers: Stack::parse_layers(&g).expect("valid") },
            discriminator: Stack { input: Shape::Flat(2), layers: Stack::parse_layers(&d).expect("valid") },
            d_steps: 1,
            d_learning_rate: 1e-3,
        }
    }

    /// A GAN on digits: MLPs, G ending in tanh over 784 values.
    pub fn digits(classes: Option<Vec<u8>>, noise: usize, hidden: usize) -> Self {
        let g = format!("dense:{hidden},relu,dense:{hidden},relu,dense:{PIXELS},tanh");
        let d = format!("dense:{hidden},leaky:0.2,dense:{hidden},leaky:0.2,dense:1");
        Self {
            data: GanData::Digits { classes },
            points: 0,
            noise,
            generator: Stack { input: Shape::Flat(noise), layers: Stack::parse_layers(&g).expect("valid") },
            discriminator: Stack { input: Shape::Flat(PIXELS), layers: Stack::parse_layers(&d).expect("valid") },
            d_steps: 1,
            d_learning_rate: 2e-4,
        }
    }

    /// Values per sample: 2 in the plane, 784 for digits.
    pub fn sample_len(&self) -> usize {
        match self.data {
            GanData::Digits { .. } => PIXELS,
            _ => 2,
        }
    }
}

/// One generator step and the discriminator steps before it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GanStep {
    /// The discriminator's loss `−log D(x) − log(1 − D(G(z)))`, mean over its last batch.
    pub d_loss: f32,
    /// The generator's loss `−log D(G(z))`.
    pub g_loss: f32,
    /// Mean D(x) on real samples (1: sure they are real).
    pub d_real: f32,
    /// Mean D(G(z)) on generated samples.
    pub d_fake: f32,
}

/// What a GAN shows between steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Samples {
    /// In the plane: real points, generated points, where the generator's gradient pushes each
    /// generated point, and D(x) on a `grid × grid` lattice over `bounds` (row-major, y down).
    Plane {
        real: Vec<[f32; 2]>,
        fake: Vec<[f32; 2]>,
        push: Vec<[f32; 2]>,
        grid: usize,
        bounds: [f32; 4],
        surface: Vec<f32>,
        /// For a ring: how many of its modes have generated points near them.
        modes_covered: Option<(usize, usize)>,
    },
    /// Digits: G(z) for fixed noise vectors, 784 values each in `[0, 1]`.
    Images(Vec<Vec<f32>>),
}

/// A GAN in training.
pub struct Gan {
    spec: GanTask,
    g: Learner,
    d: Learner,
    /// Real samples, `sample_len()` values each, in `[−1, 1]`.
    real: Vec<Vec<f32>>,
    split: Split,
    /// Fixed noise for the reported samples, so that the picture shows G improving.
    shown: Vec<Vec<f32>>,
    device: Device,
    seed: u64,
}

/// How many generated samples a report shows.
const SHOWN_PLANE: usize = 256;
const SHOWN_IMAGES: usize = 16;
/// Side of the decision-surface lattice.
const GRID: usize = 40;

impl Gan {
    pub fn new(spec: &GanTask, config: &TrainConfig, assets: &Assets, device: &Device) -> Result<Self, ConfigError> {
        let len = spec.sample_len();
        check_io(&spec.generator, Shape::Flat(spec.noise), Shape::Flat(len))?;
        check_io(&spec.discriminator, Shape::Flat(len), Shape::Flat(1))?;
        if !(1..=10).contains(&spec.d_steps) {
            return Err(ConfigError::Setting { name: "d_steps".into(), value: spec.d_steps as f64 });
        }
        crate::train::check_learning_rate(spec.d_learning_rate)?;
        let real = real_samples(spec, assets, config.seed)?;
        let held_out = real.len() / 10;
        let split = Split::new(
            real.len(),
            SplitSpec { train: real.len() - held_out, validation: held_out, test: 0, holdout: 0 },
            config.seed,
        )
        .map_err(ConfigError::Split)?;
        let mut init = Init::with_scheme(config.seed, config.init, device);
        let g = Net::new(&spec.generator, &mut init).map_err(ConfigError::Stack)?;
        let d = Net::new(&spec.discriminator, &mut init).map_err(ConfigError::Stack)?;
        let mut noise = stream(config.seed, 0x5A3F);
        let shown_count = if len == 2 { SHOWN_PLANE } else { SHOWN_IMAGES };
        let shown = (0..shown_count).map(|_| (0..spec.noise).map(|_| noise.normal()).collect()).collect();
        let mut gan = Self {
            spec: spec.clone(),
            g: Learner::new(g, config.optimizer),
            d: Learner::new(d, config.optimizer),
            real,
            split,
            shown,
            device: device.clone(),
            seed: config.seed,
        };
        gan.g.clip = config.clip;
        gan.d.clip = config.clip;
        Ok(gan)
    }

    fn rows(&self, rows: &[Vec<f32>], device: &Device) -> Tensor<2> {
        let width = rows.first().map_or(0, Vec::len);
        let flat: Vec<f32> = rows.iter().flatten().copied().collect();
        Tensor::from_data(TensorData::new(flat, [rows.len(), width]), device)
    }

    fn noise(&self, n: usize, rng: &mut Rng) -> Tensor<2> {
        let values: Vec<f32> = (0..n * self.spec.noise).map(|_| rng.normal()).collect();
        Tensor::from_data(TensorData::new(values, [n, self.spec.noise]), &self.device)
    }

    fn real_batch(&self, indices: &[usize]) -> Tensor<2> {
        let rows: Vec<Vec<f32>> = indices.iter().map(|&i| self.real[i].clone()).collect();
        self.rows(&rows, &self.device)
    }

    /// The generator's samples for the fixed noise, on the inference device.
    fn generate(&self, noise: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let device = self.device.clone().inner();
        let g = self.g.net().valid();
        let out: Vec<f32> =
            g.infer(Value::Flat(self.rows(noise, &device))).into_rows().try_into_vec_as().unwrap_or_default();
        out.chunks(self.spec.sample_len()).map(<[f32]>::to_vec).collect()
    }
}

/// `−log σ(x)` for label 1 and `−log(1 − σ(x))` for label 0, from logits, stably.
fn bce(logits: Tensor<2>, real: bool) -> Tensor<1> {
    let x = if real { logits.neg() } else { logits };
    softplus(x, 1.0).mean()
}

fn check_io(stack: &Stack, input: Shape, output: Shape) -> Result<(), ConfigError> {
    if stack.input != input {
        return Err(ConfigError::Input { expected: input, got: stack.input });
    }
    let out = stack.output().map_err(ConfigError::Stack)?;
    if out != output {
        return Err(ConfigError::Output { expected: output, got: out });
    }
    Ok(())
}

/// The real samples: drawn in the plane from the run's seed, or the digits scaled to [−1, 1].
fn real_samples(spec: &GanTask, assets: &Assets, seed: u64) -> Result<Vec<Vec<f32>>, ConfigError> {
    let mut rng = stream(seed, 0xDA7A);
    let n = spec.points.clamp(1, 20_000);
    Ok(match &spec.data {
        GanData::Ring { modes, radius, std } => (0..n)
            .map(|i| {
                let angle = std::f32::consts::TAU * (i % (*modes).max(1)) as f32 / (*modes).max(1) as f32;
                vec![radius * angle.cos() + std * rng.normal(), radius * angle.sin() + std * rng.normal()]
            })
            .collect(),
        GanData::Moons { std } => (0..n)
            .map(|i| {
                let t = std::f32::consts::PI * rng.unit();
                let (x, y) = if i % 2 == 0 { (t.cos(), t.sin()) } else { (1.0 - t.cos(), 0.5 - t.sin()) };
                // Centred and scaled into [−1, 1].
                vec![(x - 0.5) * 0.8 + std * rng.normal(), (y - 0.25) * 0.8 + std * rng.normal()]
            })
            .collect(),
        GanData::Spiral { std } => (0..n)
            .map(|i| {
                let t = rng.unit().sqrt() * 3.0 * std::f32::consts::PI;
                let arm = if i % 2 == 0 { 0.0 } else { std::f32::consts::PI };
                let r = t / (3.0 * std::f32::consts::PI);
                vec![r * (t + arm).cos() + std * rng.normal(), r * (t + arm).sin() + std * rng.normal()]
            })
            .collect(),
        GanData::Points(points) if points.len() >= 2 => points.iter().map(|p| p.to_vec()).collect(),
        GanData::Points(_) => return Err(ConfigError::Setting { name: "points".into(), value: 0.0 }),
        GanData::Digits { classes } => {
            let data: Arc<Mnist> = assets.digits.clone().ok_or(ConfigError::DataMissing(Asset::Digits))?;
            (0..data.len())
                .filter(|&i| classes.as_ref().is_none_or(|c| c.contains(&data.label(i))))
                .map(|i| data.pixels(i).iter().map(|&p| f32::from(p) / 127.5 - 1.0).collect())
                .collect()
        }
    })
}

impl Task for Gan {
    fn train_order(&self) -> Vec<usize> {
        self.split.part(Part::Train).to_vec()
    }

    fn step(&mut self, batch: &[usize], lr: f64, _traced: bool, rng: &mut Rng) -> Result<TaskStep, Diverged> {
        let n = batch.len();
        let train = self.split.part(Part::Train);
        let mut gan = GanStep::default();
        for k in 0..self.spec.d_steps {
            let real_idx: Vec<usize> =
                if k == 0 { batch.to_vec() } else { (0..n).map(|_| train[rng.below(train.len())]).collect() };
            let real = self.real_batch(&real_idx);
            let z = self.noise(n, rng);
            let fake =
                self.g.net().forward(Value::Flat(z), &mut Ctx { rng: Some(rng), trace: None }).into_rows().detach();
            let stepped = self.d.step(self.spec.d_learning_rate, false, |d, _| {
                let mut ctx = Ctx { rng: Some(rng), trace: None };
                let on_real = d.forward(Value::Flat(real), &mut ctx).into_rows();
                let on_fake = d.forward(Value::Flat(fake), &mut ctx).into_rows();
                let probs = (sigmoid(on_real.clone()).mean(), sigmoid(on_fake.clone()).mean());
                (bce(on_real, true) + bce(on_fake, false), probs)
            })?;
            gan.d_loss = stepped.loss;
            gan.d_real = stepped.output.0.into_scalar();
        }
        let z = self.noise(n, rng);
        let d = &self.d;
        let stepped = self.g.step(lr, false, |g, _| {
            let mut ctx = Ctx { rng: Some(rng), trace: None };
            let fake = g.forward(Value::Flat(z), &mut ctx).into_rows();
            let on_fake = d.net().forward(Value::Flat(fake), &mut ctx).into_rows();
            let prob = sigmoid(on_fake.clone()).mean();
            (bce(on_fake, true), prob)
        })?;
        gan.g_loss = stepped.loss;
        gan.d_fake = stepped.output.into_scalar();
        Ok(TaskStep { loss: gan.g_loss, accuracy: None, trace: None, gradients: None, gan: Some(gan) })
    }

    /// D as a classifier of real (class 1) against generated (class 0) samples: the held-out
    /// real samples and as many fresh generated ones.
    fn evaluate(&self, part: Part, _model: Option<&Net>) -> Evaluation {
        let indices = self.split.part(part);
        let mut rng = stream(self.seed, 0xE7A1);
        let noise: Vec<Vec<f32>> =
            (0..indices.len()).map(|_| (0..self.spec.noise).map(|_| rng.normal()).collect()).collect();
        let fakes = self.generate(&noise);
        let device = self.device.clone().inner();
        let d = self.d.net().valid();
        let mut scorer = Scorer::new(part, 2, crate::loss::Loss::default());
        for (rows, label) in [(indices.iter().map(|&i| self.real[i].clone()).collect::<Vec<_>>(), 1), (fakes, 0)] {
            if rows.is_empty() {
                continue;
            }
            let logits: Vec<f32> =
                d.infer(Value::Flat(self.rows(&rows, &device))).into_rows().try_into_vec_as().unwrap_or_default();
            for (i, &l) in logits.iter().enumerate() {
                // One logit s is the two-class scores (0, s): softmax gives σ(s) for "real".
                scorer.add(&[0.0, l], label, i);
            }
        }
        scorer.finish()
    }

    fn learner(&self) -> &Learner {
        &self.g
    }

    fn learner_mut(&mut self) -> &mut Learner {
        &mut self.g
    }

    fn params(&self) -> usize {
        self.g.net().params() + self.d.net().params()
    }

    fn set_optimizer(&mut self, optimizer: Optimizer) {
        self.g.set_optimizer(optimizer);
        self.d.set_optimizer(optimizer);
    }

    fn query(&self, query: &super::Query) -> Result<super::Answer, super::QueryError> {
        match query {
            super::Query::Generate { noise } => {
                if let Some(bad) = noise.iter().find(|z| z.len() != self.spec.noise) {
                    return Err(super::QueryError::InputLength { expected: self.spec.noise, got: bad.len() });
                }
                if noise.is_empty() {
                    return Ok(super::Answer::Generated(vec![]));
                }
                Ok(super::Answer::Generated(self.generate(noise)))
            }
            _ => Err(super::QueryError::Unsupported),
        }
    }

    fn report(&self) -> Option<TaskReport> {
        let fake = self.generate(&self.shown);
        if self.spec.sample_len() != 2 {
            let images = fake.into_iter().map(|img| img.into_iter().map(|v| (v + 1.0) / 2.0).collect()).collect();
            return Some(TaskReport::Gan(Samples::Images(images)));
        }
        Some(TaskReport::Gan(self.plane_report(fake)))
    }
}

impl Gan {
    /// The plane's picture: samples, the generator's push on each, and D's surface.
    fn plane_report(&self, fake: Vec<Vec<f32>>) -> Samples {
        let bounds = [-1.6f32, 1.6, -1.6, 1.6];
        let device = self.device.clone().inner();
        let d = self.d.net().valid();
        let lattice: Vec<Vec<f32>> = (0..GRID * GRID)
            .map(|k| {
                let (i, j) = (k / GRID, k % GRID);
                let x = bounds[0] + (bounds[1] - bounds[0]) * (j as f32 + 0.5) / GRID as f32;
                let y = bounds[3] - (bounds[3] - bounds[2]) * (i as f32 + 0.5) / GRID as f32;
                vec![x, y]
            })
            .collect();
        let surface: Vec<f32> = sigmoid(d.infer(Value::Flat(self.rows(&lattice, &device))).into_rows())
            .try_into_vec_as()
            .unwrap_or_default();
        // Where G's loss −log D(x) pushes each generated point: minus its gradient in x.
        let x = self.rows(&fake, &self.device).require_grad();
        let loss = bce(self.d.net().infer(Value::Flat(x.clone())).into_rows(), true) * fake.len() as f32;
        let grads = loss.backward();
        let push: Vec<f32> = x.grad(&grads).map(|g| g.neg().try_into_vec_as().unwrap_or_default()).unwrap_or_default();
        let pairs = |v: &[f32]| v.chunks(2).map(|p| [p[0], p.get(1).copied().unwrap_or(0.0)]).collect::<Vec<_>>();
        let fake_points: Vec<[f32; 2]> = fake.iter().map(|p| [p[0], p[1]]).collect();
        let real: Vec<[f32; 2]> = self.real.iter().take(SHOWN_PLANE).map(|p| [p[0], p[1]]).collect();
        let modes_covered = match self.spec.data {
            GanData::Ring { modes, radius, std } => Some((ring_modes_covered(&fake_points, modes, radius, std), modes)),
            _ => None,
        };
        Samples::Plane { real, fake: fake_points, push: pairs(&push), grid: GRID, bounds, surface, modes_covered }
    }
}

/// How many of a ring's `modes` have at least 2% of the generated points within three standard
/// deviations of their centre: a generator that covers fewer has collapsed onto some of them.
pub fn ring_modes_covered(points: &[[f32; 2]], modes: usize, radius: f32, std: f32) -> usize {
    let need = (points.len() as f32 * 0.02).ceil().max(1.0) as usize;
    (0..modes)
        .filter(|&m| {
            let angle = std::f32::consts::TAU * m as f32 / modes as f32;
            let (cx, cy) = (radius * angle.cos(), radius * angle.sin());
            let near = points.iter().filter(|p| ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt() < 3.0 * std).count();
            near >= need
        })
        .count()
}
