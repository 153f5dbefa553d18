//! A generative adversarial network (Goodfellow et al., 2014): a generator G turns noise z into
//! samples G(z), a discriminator D tells real samples from generated ones, and they are trained
//! in turn. D takes `d_steps` steps on real and generated batches, then G takes one step to make
//! D call its samples real (the non-saturating loss `−log D(G(z))` of the paper).
//!
//! Real data are points in the plane (a ring of Gaussians, two moons, a spiral, or points the
//! student draws) or real digits, scaled to `[−1, 1]` to match a generator ending in tanh. On
//! digits both networks may also read the class as ten one-hot values (a conditional GAN, Mirza
//! & Osindero 2014), and a kept digit classifier may judge what G draws, so that "recognisable"
//! is a number.

use std::sync::Arc;

use burn::prelude::*;
use burn::tensor::activation::{sigmoid, softplus};
use serde::{Deserialize, Serialize};

use super::{Models, Task, TaskReport, TaskStep, stream};
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
    /// Digits only: G reads `noise` values and then the class it should draw as ten one-hot
    /// values; D reads the 784 values and then the class they claim to be.
    pub conditional: bool,
    /// Digits only: the name of a kept digit classifier that scores every report's samples.
    pub judge: Option<String>,
    /// Digits only: learn from just the training part of this split (drawn with the run's seed,
    /// so the same digits as a classifier's run with that split and seed).
    pub only_train_of: Option<SplitSpec>,
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
            conditional: false,
            judge: None,
            only_train_of: None,
        }
    }

    /// A GAN on digits: MLPs, G ending in tanh over 784 values (DCGAN's learning rate 0.0002
    /// for D; the run's own is G's).
    pub fn digits(classes: Option<Vec<u8>>, noise: usize, hidden: usize, conditional: bool) -> Self {
        let extra = if conditional { CLASSES } else { 0 };
        let g = format!("dense:{hidden},relu,dense:{hidden},relu,dense:{PIXELS},tanh");
        let d = format!("dense:{hidden},leaky:0.2,dense:{hidden},leaky:0.2,dense:1");
        Self {
            data: GanData::Digits { classes },
            points: 0,
            noise,
            generator: Stack { input: Shape::Flat(noise + extra), layers: Stack::parse_layers(&g).expect("valid") },
            discriminator: Stack {
                input: Shape::Flat(PIXELS + extra),
                layers: Stack::parse_layers(&d).expect("valid"),
            },
            d_steps: 1,
            d_learning_rate: 2e-4,
            conditional,
            judge: None,
            only_train_of: None,
        }
    }

    /// Values per sample: 2 in the plane, 784 for digits.
    pub fn sample_len(&self) -> usize {
        match self.data {
            GanData::Digits { .. } => PIXELS,
            _ => 2,
        }
    }

    /// Values the class adds to each network's input: ten for a conditional GAN, else none.
    fn class_len(&self) -> usize {
        if self.conditional { CLASSES } else { 0 }
    }

    /// The generator's whole input: the noise, then the class one-hot if conditional.
    pub fn input_len(&self) -> usize {
        self.noise + self.class_len()
    }
}

/// Digit classes.
const CLASSES: usize = 10;

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
    /// Digits: G(z) for fixed noise vectors, 784 values each in `[0, 1]`; for a conditional
    /// GAN, the class each was asked for; with a judge, its verdict on each and on many more.
    Digits { images: Vec<Vec<f32>>, asked: Option<Vec<u8>>, judged: Option<Judged> },
}

/// A fixed digit classifier's verdict on generated digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judged {
    /// For each shown image: the class the judge sees and its probability.
    pub shown: Vec<(u8, f32)>,
    /// Over [`JUDGED`] samples from fixed noise: the judge's mean top probability.
    pub confidence: f32,
    /// Their share the judge gives at least [`SURE`] to.
    pub sure: f32,
    /// For a conditional GAN: the share the judge reads as the class that was asked for.
    pub agreement: Option<f32>,
    /// How many of the samples the judge reads as each digit (its most probable class): a G
    /// that collapsed onto one digit can be recognisable and still draw only that one.
    pub classes: Vec<usize>,
    /// The Inception Score with this judge as the classifier ([`inception_score`]): from 1 to 10.
    pub inception: f32,
    /// How many samples the two shares are over.
    pub count: usize,
}

/// How many fixed-noise samples the judge scores at each report.
pub const JUDGED: usize = 200;
/// The judge's probability above which a generated digit counts as recognisable.
pub const SURE: f32 = 0.9;

/// A GAN in training.
pub struct Gan {
    spec: GanTask,
    g: Learner,
    d: Learner,
    /// Real samples, `sample_len()` values each, in `[−1, 1]`.
    real: Vec<Vec<f32>>,
    split: Split,
    /// The class of each real sample (digits only).
    labels: Vec<u8>,
    /// The classes a conditional generator is asked for.
    classes: Vec<u8>,
    /// Fixed generator inputs for the reported samples, so that the picture shows G
    /// improving, with the class each asks for (conditional only).
    shown: Vec<Vec<f32>>,
    shown_classes: Vec<u8>,
    /// More fixed inputs, for the judge's numbers.
    judged: Vec<Vec<f32>>,
    judged_classes: Vec<u8>,
    judge: Option<Net>,
    device: Device,
    seed: u64,
}

/// How many generated samples a report shows.
const SHOWN_PLANE: usize = 256;
/// Two rows of ten: each class twice for a conditional GAN.
pub const SHOWN_IMAGES: usize = 20;
/// Side of the decision-surface lattice.
const GRID: usize = 40;

impl Gan {
    pub fn new(
        spec: &GanTask,
        config: &TrainConfig,
        assets: &Assets,
        models: &dyn Models,
        device: &Device,
    ) -> Result<Self, ConfigError> {
        let len = spec.sample_len();
        let digits = matches!(spec.data, GanData::Digits { .. });
        if !digits && (spec.conditional || spec.judge.is_some() || spec.only_train_of.is_some()) {
            return Err(ConfigError::Setting { name: "conditional".into(), value: 1.0 });
        }
        check_io(&spec.generator, Shape::Flat(spec.input_len()), Shape::Flat(len))?;
        check_io(&spec.discriminator, Shape::Flat(len + spec.class_len()), Shape::Flat(1))?;
        if !(1..=10).contains(&spec.d_steps) {
            return Err(ConfigError::Setting { name: "d_steps".into(), value: spec.d_steps as f64 });
        }
        if !(1..=256).contains(&spec.noise) {
            return Err(ConfigError::Setting { name: "noise".into(), value: spec.noise as f64 });
        }
        crate::train::check_learning_rate(spec.d_learning_rate)?;
        let judge = match &spec.judge {
            Some(name) => {
                let net = models.get(name).ok_or_else(|| ConfigError::NoModel(name.clone()))?;
                check_io(net.stack(), crate::nn::DIGIT, Shape::Flat(CLASSES))?;
                Some(net.clone())
            }
            None => None,
        };
        let (real, labels) = real_samples(spec, assets, config.seed)?;
        if real.is_empty() {
            return Err(ConfigError::Setting { name: "classes".into(), value: 0.0 });
        }
        let classes: Vec<u8> = match &spec.data {
            GanData::Digits { classes: Some(c) } => c.iter().copied().filter(|&c| (c as usize) < CLASSES).collect(),
            _ => (0..CLASSES as u8).collect(),
        };
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
        // Shown class i asks for each class in turn; the judged ones likewise.
        let cycle = |n: usize| (0..n).map(|i| classes[i % classes.len()]).collect::<Vec<u8>>();
        let (shown_classes, judged_classes) = (cycle(shown_count), cycle(JUDGED));
        let inputs = |classes: &[u8], rng: &mut Rng| {
            classes.iter().map(|&c| generator_input(spec, (0..spec.noise).map(|_| rng.normal()).collect(), c)).collect()
        };
        let shown = inputs(&shown_classes, &mut noise);
        let judged = if judge.is_some() { inputs(&judged_classes, &mut noise) } else { vec![] };
        let mut gan = Self {
            spec: spec.clone(),
            g: Learner::new(g, config.optimizer),
            d: Learner::new(d, config.optimizer),
            real,
            split,
            labels,
            classes,
            shown,
            shown_classes,
            judged,
            judged_classes,
            judge,
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

    /// `n` generator inputs: fresh noise and, for a conditional GAN, a random class each; the
    /// classes drawn are returned with them.
    fn noise(&self, n: usize, rng: &mut Rng) -> (Tensor<2>, Vec<u8>) {
        let classes: Vec<u8> = if self.spec.conditional {
            (0..n).map(|_| self.classes[rng.below(self.classes.len())]).collect()
        } else {
            vec![0; n]
        };
        let rows: Vec<Vec<f32>> = classes
            .iter()
            .map(|&c| generator_input(&self.spec, (0..self.spec.noise).map(|_| rng.normal()).collect(), c))
            .collect();
        (self.rows(&rows, &self.device), classes)
    }

    /// Real samples, each followed by its class one-hot if conditional.
    fn real_batch(&self, indices: &[usize]) -> (Tensor<2>, Vec<u8>) {
        let rows: Vec<Vec<f32>> = indices.iter().map(|&i| self.real[i].clone()).collect();
        let classes: Vec<u8> = indices.iter().map(|&i| self.labels.get(i).copied().unwrap_or(0)).collect();
        (self.with_class(self.rows(&rows, &self.device), &classes), classes)
    }

    /// What D reads: the samples, then (conditional only) the class they claim to be.
    fn with_class(&self, samples: Tensor<2>, classes: &[u8]) -> Tensor<2> {
        if !self.spec.conditional {
            return samples;
        }
        let hot = self.hot(classes, &samples.device());
        Tensor::cat(vec![samples, hot], 1)
    }

    /// The classes as one-hot rows.
    fn hot(&self, classes: &[u8], device: &Device) -> Tensor<2> {
        let hot: Vec<f32> = classes.iter().flat_map(|&c| one_hot(c)).collect();
        Tensor::from_data(TensorData::new(hot, [classes.len(), CLASSES]), device)
    }

    /// The generator's raw samples for these inputs, on the inference device.
    fn generate(&self, inputs: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let device = self.device.clone().inner();
        let g = self.g.net().valid();
        let out: Vec<f32> =
            g.infer(Value::Flat(self.rows(inputs, &device))).into_rows().try_into_vec_as().unwrap_or_default();
        out.chunks(self.spec.sample_len()).map(<[f32]>::to_vec).collect()
    }

    /// Samples as they are shown: points as they are, digits mapped from `[−1, 1]` to `[0, 1]`.
    fn shown_samples(&self, inputs: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let raw = self.generate(inputs);
        if self.spec.sample_len() == 2 {
            return raw;
        }
        raw.into_iter().map(|img| img.into_iter().map(|v| ((v + 1.0) / 2.0).clamp(0.0, 1.0)).collect()).collect()
    }

    /// The judge's class and probability for each image (values in `[0, 1]`).
    /// The judge's class probabilities for each image.
    fn judge(&self, judge: &Net, images: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let device = self.device.clone().inner();
        let x = Tensor::from_data(TensorData::new(images.concat(), [images.len(), 1, 28, 28]), &device);
        let logits: Vec<f32> = judge.infer(Value::Image(x)).into_rows().try_into_vec_as().unwrap_or_default();
        logits.chunks(CLASSES).map(crate::train::softmax).collect()
    }

    fn verdict(&self, judge: &Net, shown: &[Vec<f32>]) -> Judged {
        let probabilities = self.judge(judge, &self.shown_samples(&self.judged));
        let verdicts: Vec<(u8, f32)> = probabilities.iter().map(|p| top(p)).collect();
        let n = verdicts.len().max(1) as f32;
        let agreement = self.spec.conditional.then(|| {
            verdicts.iter().zip(&self.judged_classes).filter(|((c, _), asked)| c == *asked).count() as f32 / n
        });
        let mut classes = vec![0; CLASSES];
        verdicts.iter().for_each(|(c, _)| classes[*c as usize] += 1);
        Judged {
            shown: self.judge(judge, shown).iter().map(|p| top(p)).collect(),
            confidence: verdicts.iter().map(|v| v.1).sum::<f32>() / n,
            sure: verdicts.iter().filter(|v| v.1 >= SURE).count() as f32 / n,
            agreement,
            classes,
            inception: inception_score(&probabilities),
            count: verdicts.len(),
        }
    }
}

/// The most probable class and its probability.
fn top(p: &[f32]) -> (u8, f32) {
    let c = crate::train::argmax(p);
    (c as u8, p[c])
}

/// The Inception Score (Salimans et al., 2016) of samples whose class probabilities a classifier
/// gave: `exp(mean over x of KL(p(y|x) ‖ p(y)))`, with `p(y)` the mean of the `p(y|x)`. It is 1 when
/// every sample gets the same distribution (one class, or none sure) and at most the number of
/// classes, reached when each sample is sure of its class and the classes are equally common:
/// it rewards both confidence and diversity.
pub fn inception_score(probabilities: &[Vec<f32>]) -> f32 {
    let Some(k) = probabilities.first().map(Vec::len) else { return 1.0 };
    let n = probabilities.len() as f64;
    let marginal: Vec<f64> = (0..k).map(|c| probabilities.iter().map(|p| f64::from(p[c])).sum::<f64>() / n).collect();
    let kl = probabilities
        .iter()
        .map(|p| {
            p.iter()
                .zip(&marginal)
                .filter(|(q, _)| **q > 0.0)
                .map(|(q, m)| f64::from(*q) * (f64::from(*q).ln() - m.max(1e-30).ln()))
                .sum::<f64>()
        })
        .sum::<f64>()
        / n;
    kl.exp() as f32
}

/// A generator input: the noise, then the class one-hot for a conditional GAN.
fn generator_input(spec: &GanTask, mut noise: Vec<f32>, class: u8) -> Vec<f32> {
    if spec.conditional {
        noise.extend(one_hot(class));
    }
    noise
}

fn one_hot(class: u8) -> [f32; CLASSES] {
    let mut hot = [0.0; CLASSES];
    hot[(class as usize).min(CLASSES - 1)] = 1.0;
    hot
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

/// The real samples, drawn in the plane from the run's seed or the digits scaled to [−1, 1], and
/// the digits' classes (none in the plane).
fn real_samples(spec: &GanTask, assets: &Assets, seed: u64) -> Result<(Vec<Vec<f32>>, Vec<u8>), ConfigError> {
    let mut rng = stream(seed, 0xDA7A);
    let n = spec.points.clamp(1, 20_000);
    let points = match &spec.data {
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
            let pool: Vec<usize> = match spec.only_train_of {
                Some(split) => {
                    Split::new(data.len(), split, seed).map_err(ConfigError::Split)?.part(Part::Train).to_vec()
                }
                None => (0..data.len()).collect(),
            };
            let chosen: Vec<usize> =
                pool.into_iter().filter(|&i| classes.as_ref().is_none_or(|c| c.contains(&data.label(i)))).collect();
            let samples = chosen.iter().map(|&i| data.pixels(i).iter().map(|&p| f32::from(p) / 127.5 - 1.0).collect());
            return Ok((samples.collect(), chosen.iter().map(|&i| data.label(i)).collect()));
        }
    };
    Ok((points, vec![]))
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
            let (real, _) = self.real_batch(&real_idx);
            let (z, classes) = self.noise(n, rng);
            let fake =
                self.g.net().forward(Value::Flat(z), &mut Ctx { rng: Some(rng), trace: None }).into_rows().detach();
            let fake = self.with_class(fake, &classes);
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
        let (z, classes) = self.noise(n, rng);
        let hot = self.spec.conditional.then(|| self.hot(&classes, &self.device));
        let d = &self.d;
        let stepped = self.g.step(lr, false, |g, _| {
            let mut ctx = Ctx { rng: Some(rng), trace: None };
            let fake = g.forward(Value::Flat(z), &mut ctx).into_rows();
            let fake = match hot {
                Some(hot) => Tensor::cat(vec![fake, hot], 1),
                None => fake,
            };
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
        let fake_classes: Vec<u8> = (0..indices.len()).map(|i| self.classes[i % self.classes.len()]).collect();
        let inputs: Vec<Vec<f32>> = fake_classes
            .iter()
            .map(|&c| generator_input(&self.spec, (0..self.spec.noise).map(|_| rng.normal()).collect(), c))
            .collect();
        let fakes = self.generate(&inputs);
        let real_classes: Vec<u8> = indices.iter().map(|&i| self.labels.get(i).copied().unwrap_or(0)).collect();
        let device = self.device.clone().inner();
        let d = self.d.net().valid();
        let mut scorer = Scorer::new(part, 2, crate::loss::Loss::default());
        let real: Vec<Vec<f32>> = indices.iter().map(|&i| self.real[i].clone()).collect();
        for (rows, classes, label) in [(real, real_classes, 1), (fakes, fake_classes, 0)] {
            if rows.is_empty() {
                continue;
            }
            let x = self.with_class(self.rows(&rows, &device), &classes);
            let logits: Vec<f32> = d.infer(Value::Flat(x)).into_rows().try_into_vec_as().unwrap_or_default();
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
                let expected = self.spec.input_len();
                if let Some(bad) = noise.iter().find(|z| z.len() != expected) {
                    return Err(super::QueryError::InputLength { expected, got: bad.len() });
                }
                if noise.is_empty() {
                    return Ok(super::Answer::Generated(vec![]));
                }
                Ok(super::Answer::Generated(self.shown_samples(noise)))
            }
            &super::Query::Interpolate { from, to, steps } => {
                let (Some(a), Some(b)) = (self.shown.get(from), self.shown.get(to)) else {
                    return Err(super::QueryError::NoExample(from.max(to)));
                };
                let steps = steps.clamp(2, 32);
                let inputs: Vec<Vec<f32>> = (0..steps)
                    .map(|k| {
                        let t = k as f32 / (steps - 1) as f32;
                        a.iter().zip(b).map(|(x, y)| (1.0 - t) * x + t * y).collect()
                    })
                    .collect();
                Ok(super::Answer::Generated(self.shown_samples(&inputs)))
            }
            _ => Err(super::QueryError::Unsupported),
        }
    }

    fn report(&self) -> Option<TaskReport> {
        let fake = self.shown_samples(&self.shown);
        if self.spec.sample_len() != 2 {
            let judged = self.judge.as_ref().map(|judge| self.verdict(judge, &fake));
            let asked = self.spec.conditional.then(|| self.shown_classes.clone());
            return Some(TaskReport::Gan(Samples::Digits { images: fake, asked, judged }));
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

#[cfg(test)]
mod tests {
    use super::inception_score;

    #[test]
    fn the_inception_score_rewards_sure_and_diverse_samples() {
        let sure = |c: usize| (0..10).map(|k| if k == c { 1.0 } else { 0.0 }).collect::<Vec<f32>>();
        let diverse: Vec<Vec<f32>> = (0..100).map(|i| sure(i % 10)).collect();
        assert!((inception_score(&diverse) - 10.0).abs() < 1e-3);
        let collapsed: Vec<Vec<f32>> = (0..100).map(|_| sure(3)).collect();
        assert!((inception_score(&collapsed) - 1.0).abs() < 1e-6, "sure of one digit only: 1");
        let unsure: Vec<Vec<f32>> = (0..100).map(|_| vec![0.1; 10]).collect();
        assert!((inception_score(&unsure) - 1.0).abs() < 1e-6, "sure of nothing: 1");
        let two: Vec<Vec<f32>> = (0..100).map(|i| sure(i % 2)).collect();
        assert!((inception_score(&two) - 2.0).abs() < 1e-3);
    }
}
