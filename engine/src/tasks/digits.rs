//! Classifying real handwritten digits: the task behind the chapter-1 and chapter-2 lessons.
//! Optionally on a subset of the classes (relabelled 0, 1, … in the order given), with one class
//! made rare, with augmentation of each training batch, and starting from a kept model.

use std::sync::Arc;

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Answer, Models, Query, QueryError, Robustness, ScaleScore, Task, TaskStep, Transferred, layer_traces};
use crate::augment::{Affine, Augment, Transform, resample, resize};
use crate::conv::Volume;
use crate::data::{Asset, Assets, Batcher, Part, Split, SplitSpec};
use crate::loss::Loss;
use crate::mnist::{CLASSES, Mnist, PIXELS, SIDE};
use crate::nn::{Ctx, DIGIT, Init, Layer, Net, Shape, Stack, Value};
use crate::rng::Rng;
use crate::train::{
    ConfigError, Diverged, Evaluation, Kernels, Learner, Penalty, Scorer, TrainConfig, argmax, softmax,
};

/// What to learn about digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigitsTask {
    /// The network; it must read 28×28×1 digits and end with one score per class.
    pub stack: Stack,
    pub split: SplitSpec,
    pub loss: Loss,
    /// Keep only part of one class in the training part (an imbalanced task).
    pub imbalance: Option<Imbalance>,
    /// Learn only these digits, relabelled 0, 1, … in this order (`None`: all ten).
    pub classes: Option<Vec<u8>>,
    /// Transforms applied to each training example.
    pub augment: Augment,
    /// Where the network starts.
    pub start: Start,
    /// Digits drawn by a kept conditional generator, added to the training part.
    pub generated: Option<Generated>,
    /// Keep only the first this many training digits of each class (few labels).
    pub per_class: Option<usize>,
    /// Every digit of the task (all parts) seen through this change: another domain.
    pub domain: Domain,
    /// Unlabelled digits labelled by a kept model, the confident ones added to training.
    pub pseudo: Option<Pseudo>,
    /// Train each batch at one of these sizes, drawn at random (every digit of the batch resized
    /// to that many pixels a side); empty: 28×28 as stored. The network must read any of them.
    pub scales: Vec<usize>,
}

/// The sizes a digit may be resized to.
pub const SCALES: std::ops::RangeInclusive<usize> = 8..=64;

/// How the task's digits look: as they are, or moved to another domain.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Domain {
    #[default]
    Plain,
    /// White digits on black become black on white.
    Inverted,
    /// Every digit turned by this many degrees (counter-clockwise).
    Rotated(f32),
}

/// Pseudo-labelling (instance-based transfer): the kept model `model` labels up to `pool` digits
/// of the split's holdout part (their labels unused), which no run of that split trains on, so
/// a source model trained on the same split's training part never saw them; those whose top
/// probability is at least `threshold` join the training part with the model's label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pseudo {
    pub model: String,
    pub pool: usize,
    pub threshold: f32,
}

/// What pseudo-labelling added: how many digits were offered, joined, and were labelled right.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PseudoReport {
    pub offered: usize,
    pub joined: usize,
    pub correct: usize,
}

/// Extra training digits from a kept conditional generator (see
/// [`GanTask::conditional`](super::GanTask)): `count` of them, the task's classes in turn, each
/// labelled with the class the generator was asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generated {
    pub generator: String,
    pub count: usize,
}

/// The most generated digits a task takes.
pub const MAX_GENERATED: usize = 20_000;

impl Default for DigitsTask {
    fn default() -> Self {
        Self {
            stack: Stack::note_cnn(),
            split: SplitSpec::default(),
            loss: Loss::default(),
            imbalance: None,
            classes: None,
            augment: Augment::default(),
            start: Start::Fresh,
            generated: None,
            per_class: None,
            domain: Domain::Plain,
            pseudo: None,
            scales: vec![],
        }
    }
}

impl DigitsTask {
    /// A task with this network and split, everything else at its default.
    pub fn new(stack: Stack, split: SplitSpec) -> Self {
        Self { stack, split, ..Self::default() }
    }

    /// How many classes the network must score.
    pub fn class_count(&self) -> usize {
        self.classes.as_ref().map_or(CLASSES, Vec::len)
    }

    /// Whether `stack` can be this task's network: valid, reading digits, ending in one score
    /// per class.
    pub fn check(&self) -> Result<(), ConfigError> {
        check_stack(&self.stack, self.class_count())?;
        for &size in &self.scales {
            if !SCALES.contains(&size) {
                return Err(ConfigError::Setting { name: "scale".into(), value: size as f64 });
            }
            let input = Shape::Volume { height: size, width: size, channels: 1 };
            if let Some(m) = self.stack.mismatch(input) {
                return Err(ConfigError::Input { expected: m.expected, got: m.got.unwrap_or(input) });
            }
        }
        Ok(())
    }
}

/// Whether `stack` reads 28×28×1 digits and ends with `classes` scores.
pub fn check_stack(stack: &Stack, classes: usize) -> Result<(), ConfigError> {
    let out = stack.output().map_err(ConfigError::Stack)?;
    if stack.input != DIGIT {
        return Err(ConfigError::Input { expected: DIGIT, got: stack.input });
    }
    if out != Shape::Flat(classes) {
        return Err(ConfigError::Output { expected: Shape::Flat(classes), got: out });
    }
    Ok(())
}

/// Keep only the fraction `keep` of class `class` in the training part.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Imbalance {
    pub class: u8,
    pub keep: f32,
}

/// Where a network starts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Start {
    /// Weights drawn fresh from the run's seed.
    #[default]
    Fresh,
    /// The first `keep` layers of the model kept as `name`, the rest of the stack drawn fresh,
    /// and the first `freeze` layers frozen.
    Kept { name: String, keep: usize, freeze: usize },
}

/// Digit classification in training.
pub struct Digits {
    data: Arc<Mnist>,
    split: Split,
    learner: Learner,
    loss: Loss,
    penalty: Penalty,
    augment: Augment,
    /// Each original label's class index, `None` for digits left out.
    label_of: [Option<u8>; CLASSES],
    classes: usize,
    train: Vec<usize>,
    device: Device,
    /// For a network that started from a kept model: that model and how many of its layers were
    /// kept, to measure how far each has moved.
    source: Option<(Net, usize)>,
    pseudo_report: Option<PseudoReport>,
    scales: Vec<usize>,
}

impl Digits {
    pub fn new(
        spec: &DigitsTask,
        config: &TrainConfig,
        assets: &Assets,
        models: &dyn Models,
        device: &Device,
    ) -> Result<Self, ConfigError> {
        let data = assets.digits.clone().ok_or(ConfigError::DataMissing(Asset::Digits))?;
        spec.check()?;
        let data = match spec.domain {
            Domain::Plain => data,
            domain => Arc::new(in_domain(&data, domain)),
        };
        let split = Split::new(data.len(), spec.split, config.seed).map_err(ConfigError::Split)?;
        let mut label_of = [None; CLASSES];
        match &spec.classes {
            Some(classes) => {
                for (i, &c) in classes.iter().enumerate() {
                    if (c as usize) < CLASSES {
                        label_of[c as usize] = Some(i as u8);
                    }
                }
            }
            None => (0..CLASSES).for_each(|c| label_of[c] = Some(c as u8)),
        }
        let mut init = Init::with_scheme(config.seed, config.init, device);
        let (net, source) = match &spec.start {
            Start::Fresh => (Net::new(&spec.stack, &mut init).map_err(ConfigError::Stack)?, None),
            Start::Kept { name, keep, freeze } => {
                let source = models.get(name).ok_or_else(|| ConfigError::NoModel(name.clone()))?;
                let tail: Vec<Layer> = spec.stack.layers.iter().skip(*keep).cloned().collect();
                let source = source.clone();
                let net = Net::transfer(&source, *keep, &tail, &mut init).map_err(ConfigError::Stack)?;
                ((0..*freeze).fold(net, |net, i| net.set_frozen(i, true)), Some((source, *keep)))
            }
        };
        let mut task = Self {
            data,
            split,
            learner: Learner::new(net, config.optimizer),
            loss: spec.loss,
            penalty: config.penalty,
            augment: spec.augment.clone(),
            label_of,
            classes: spec.class_count(),
            train: vec![],
            device: device.clone(),
            source,
            pseudo_report: None,
            scales: spec.scales.clone(),
        };
        task.learner.clip = config.clip;
        task.train = task.in_classes(Part::Train);
        if let Some(Imbalance { class, keep }) = spec.imbalance {
            task.make_rare(class, keep);
        }
        if let Some(k) = spec.per_class {
            task.keep_per_class(k);
        }
        if let Some(pseudo) = &spec.pseudo {
            let model = models.get(&pseudo.model).ok_or_else(|| ConfigError::NoModel(pseudo.model.clone()))?;
            let unlabelled = task.in_classes(Part::Holdout);
            task.pseudo_label(model, &unlabelled[..pseudo.pool.min(unlabelled.len())], pseudo.threshold)?;
        }
        if let Some(generated) = &spec.generated {
            let generator =
                models.get(&generated.generator).ok_or_else(|| ConfigError::NoModel(generated.generator.clone()))?;
            let classes: Vec<u8> = spec.classes.clone().unwrap_or_else(|| (0..CLASSES as u8).collect());
            task.add_generated(generator, generated.count, &classes, config.seed)?;
        }
        Ok(task)
    }

    /// Keeps the first `k` training digits of each class.
    fn keep_per_class(&mut self, k: usize) {
        let mut seen = [0usize; CLASSES];
        let data = &self.data;
        self.train.retain(|&i| {
            let c = data.label(i) as usize;
            seen[c] += 1;
            seen[c] <= k
        });
    }

    /// Labels `pool` with `model`'s most probable class and adds those it gives at least
    /// `threshold` to the training part.
    fn pseudo_label(&mut self, model: &Net, pool: &[usize], threshold: f32) -> Result<(), ConfigError> {
        let out = model.output_for(DIGIT).map_err(ConfigError::Stack)?;
        if model.stack().input != DIGIT || out != Shape::Flat(self.classes) {
            return Err(ConfigError::Output { expected: Shape::Flat(self.classes), got: out });
        }
        if !(0.0..=1.0).contains(&threshold) {
            return Err(ConfigError::Setting { name: "threshold".into(), value: f64::from(threshold) });
        }
        let model = model.valid();
        let mut report = PseudoReport { offered: pool.len(), ..PseudoReport::default() };
        // The confident digits join as copies carrying the model's label (as a digit).
        let (mut labels, mut pixels) = (vec![], vec![]);
        for chunk in pool.chunks(250) {
            let (x, _) = Batcher::batch(&self.data, chunk, &self.inference_device());
            let logits: Vec<f32> = model.infer(Value::Image(x)).into_rows().try_into_vec_as().unwrap_or_default();
            for (row, &index) in logits.chunks(self.classes).zip(chunk) {
                let p = softmax(row);
                let class = argmax(&p);
                if p[class] >= threshold {
                    let digit = (0..CLASSES).find(|&d| self.label_of[d] == Some(class as u8)).unwrap_or(0) as u8;
                    report.joined += 1;
                    report.correct += usize::from(digit == self.data.label(index));
                    labels.push(digit);
                    pixels.extend_from_slice(self.data.pixels(index));
                }
            }
        }
        let first = self.data.len();
        let data = self
            .data
            .extended(&labels, &pixels)
            .map_err(|_| ConfigError::Setting { name: "pseudo".into(), value: labels.len() as f64 })?;
        self.data = Arc::new(data);
        self.train.extend(first..first + labels.len());
        self.pseudo_report = Some(report);
        Ok(())
    }

    /// How far each layer's weights have moved from the kept model the network started from
    /// (`‖w − w₀‖ / ‖w₀‖`); `None` for layers without weights or drawn fresh.
    fn weight_changes(&self) -> Option<Vec<Option<f32>>> {
        let (source, kept) = self.source.as_ref()?;
        let (now, then) = (self.learner.net().parameter_values(), source.parameter_values());
        Some(
            now.iter()
                .enumerate()
                .map(|(i, w)| {
                    let w0 = then.get(i).filter(|w0| i < *kept && !w0.is_empty() && w0.len() == w.len())?;
                    let diff: f32 = w.iter().zip(w0).map(|(a, b)| (a - b).powi(2)).sum::<f32>().sqrt();
                    let norm: f32 = w0.iter().map(|b| b * b).sum::<f32>().sqrt();
                    Some(diff / norm.max(1e-12))
                })
                .collect(),
        )
    }

    /// Appends `count` digits drawn by `generator` (which reads noise then a class one-hot and
    /// draws 784 values in `[−1, 1]`) to the data and to the training part.
    fn add_generated(&mut self, generator: &Net, count: usize, classes: &[u8], seed: u64) -> Result<(), ConfigError> {
        if count > MAX_GENERATED || classes.is_empty() {
            return Err(ConfigError::Setting { name: "generated".into(), value: count as f64 });
        }
        let input = match generator.stack().input {
            Shape::Flat(n) if n > CLASSES => n,
            got => return Err(ConfigError::Input { expected: Shape::Flat(CLASSES + 1), got }),
        };
        let out = generator.output_for(generator.stack().input).map_err(ConfigError::Stack)?;
        if out != Shape::Flat(PIXELS) {
            return Err(ConfigError::Output { expected: Shape::Flat(PIXELS), got: out });
        }
        let mut rng = super::stream(seed, 0x6E4E);
        let labels: Vec<u8> = (0..count).map(|i| classes[i % classes.len()]).collect();
        let mut pixels = Vec::with_capacity(count * PIXELS);
        let g = generator.valid();
        for chunk in labels.chunks(250) {
            let rows: Vec<f32> = chunk
                .iter()
                .flat_map(|&c| {
                    let mut row: Vec<f32> = (0..input - CLASSES).map(|_| rng.normal()).collect();
                    row.extend((0..CLASSES).map(|k| if k == c as usize { 1.0 } else { 0.0 }));
                    row
                })
                .collect();
            let x = Tensor::from_data(TensorData::new(rows, [chunk.len(), input]), &self.inference_device());
            let values: Vec<f32> = g.infer(Value::Flat(x)).into_rows().try_into_vec_as().unwrap_or_default();
            pixels.extend(values.iter().map(|v| ((v + 1.0) * 127.5).round().clamp(0.0, 255.0) as u8));
        }
        let first = self.data.len();
        let data = self
            .data
            .extended(&labels, &pixels)
            .map_err(|_| ConfigError::Setting { name: "generated".into(), value: count as f64 })?;
        self.data = Arc::new(data);
        self.train.extend((first..first + count).filter(|&i| self.label_of[self.data.label(i) as usize].is_some()));
        Ok(())
    }

    /// The indices of `part` whose digit is one of the task's classes.
    fn in_classes(&self, part: Part) -> Vec<usize> {
        self.split
            .part(part)
            .iter()
            .copied()
            .filter(|&i| self.label_of[self.data.label(i) as usize].is_some())
            .collect()
    }

    /// Keeps only the first `keep` share of `class` in the training part (in the split's
    /// already shuffled order).
    fn make_rare(&mut self, class: u8, keep: f32) {
        let total = self.train.iter().filter(|&&i| self.data.label(i) == class).count();
        let kept = ((total as f32 * keep.clamp(0.0, 1.0)).round() as usize).max(1);
        let mut seen = 0;
        let data = &self.data;
        self.train.retain(|&i| {
            if data.label(i) != class {
                return true;
            }
            seen += 1;
            seen <= kept
        });
    }

    fn label(&self, digit: u8) -> i64 {
        i64::from(self.label_of[digit as usize].unwrap_or(0))
    }

    /// The digit the model sees for `pixels` (784 values), as a batch of one.
    fn image(&self, pixels: &[f32]) -> Tensor<4> {
        Batcher::image(pixels, &self.inference_device())
    }

    fn inference_device(&self) -> Device {
        self.device.clone().inner()
    }

    /// Test accuracy on the digits as they are and moved, one pass and fused over
    /// [`TTA_SHIFTS`] (see [`Query::Robustness`]).
    fn robustness(&self, model: &Net, degrees: f32, pixels: f32, seed: u64) -> Robustness {
        let indices = self.in_classes(Part::Test);
        let labels: Vec<usize> = indices.iter().map(|&i| self.label(self.data.label(i)) as usize).collect();
        let clean: Vec<Vec<f32>> = indices.iter().map(|&i| self.data.volume(i).data).collect();
        let moved: Vec<Vec<f32>> = clean
            .iter()
            .zip(&indices)
            .map(|(image, &index)| {
                let mut image = image.clone();
                let mut rng = super::stream(seed, index as u64);
                Transform::Rotate { degrees }.apply(&mut image, SIDE, &mut rng);
                Transform::Shift { pixels }.apply(&mut image, SIDE, &mut rng);
                image
            })
            .collect();
        let score = |images: &[Vec<f32>]| {
            // Probabilities of every view of every image, then one pass (the first view) and the
            // average over all views.
            let mut sums = vec![vec![0.0f32; self.classes]; images.len()];
            let mut single = 0;
            for (v, &(dx, dy)) in TTA_SHIFTS.iter().enumerate() {
                let views: Vec<Vec<f32>> = images
                    .iter()
                    .map(|image| {
                        let mut view = image.clone();
                        resample(&mut view, SIDE, Affine::shift(dx, dy));
                        view
                    })
                    .collect();
                for (start, chunk) in views.chunks(250).enumerate().map(|(c, chunk)| (c * 250, chunk)) {
                    let logits = self.logits(model, chunk);
                    for (k, row) in logits.chunks(self.classes).enumerate() {
                        let p = softmax(row);
                        if v == 0 && argmax(&p) == labels[start + k] {
                            single += 1;
                        }
                        sums[start + k].iter_mut().zip(&p).for_each(|(s, q)| *s += q);
                    }
                }
            }
            let fused = sums.iter().zip(&labels).filter(|(s, l)| argmax(s) == **l).count();
            let n = images.len().max(1) as f32;
            (single as f32 / n, fused as f32 / n)
        };
        let (clean, clean_fused) = score(&clean);
        let (moved, moved_fused) = score(&moved);
        Robustness { count: indices.len(), views: TTA_SHIFTS.len(), clean, moved, clean_fused, moved_fused }
    }

    /// Test accuracy with the digits resized to each of `sizes` (and, with `back_to`, resized
    /// again to that size before the model reads them); `None` where the model cannot read the
    /// size.
    fn at_scales(&self, model: &Net, sizes: &[usize], back_to: Option<usize>) -> Vec<ScaleScore> {
        let indices = self.in_classes(Part::Test);
        sizes
            .iter()
            .map(|&size| {
                let read = back_to.unwrap_or(size);
                let input = Shape::Volume { height: read, width: read, channels: 1 };
                let fits = SCALES.contains(&size) && SCALES.contains(&read) && model.stack().mismatch(input).is_none();
                let accuracy = fits.then(|| {
                    let mut correct = 0;
                    for chunk in indices.chunks(250) {
                        let images: Vec<Vec<f32>> = chunk
                            .iter()
                            .map(|&i| {
                                let image = resize(&self.data.volume(i).data, SIDE, size);
                                if read == size { image } else { resize(&image, size, read) }
                            })
                            .collect();
                        correct += self
                            .logits_at(model, &images, read)
                            .chunks(self.classes)
                            .zip(chunk)
                            .filter(|(row, i)| argmax(row) as i64 == self.label(self.data.label(**i)))
                            .count();
                    }
                    correct as f32 / indices.len().max(1) as f32
                });
                ScaleScore { size, accuracy }
            })
            .collect()
    }

    /// The model's class scores for a batch of 28×28 images, row after row.
    fn logits(&self, model: &Net, images: &[Vec<f32>]) -> Vec<f32> {
        self.logits_at(model, images, SIDE)
    }

    /// The model's class scores for a batch of `side`×`side` images, row after row.
    fn logits_at(&self, model: &Net, images: &[Vec<f32>], side: usize) -> Vec<f32> {
        let data: Vec<f32> = images.concat();
        let x = Tensor::from_data(TensorData::new(data, [images.len(), 1, side, side]), &self.inference_device());
        model.infer(Value::Image(x)).into_rows().try_into_vec_as().unwrap_or_default()
    }
}

/// A batch of 28×28 digits resized to `size` pixels a side.
fn resized(x: Tensor<4>, size: usize, device: &Device) -> Tensor<4> {
    let n = x.dims()[0];
    let values: Vec<f32> = x.try_into_vec_as().unwrap_or_default();
    let out: Vec<f32> = values.chunks(PIXELS).flat_map(|image| resize(image, SIDE, size)).collect();
    Tensor::from_data(TensorData::new(out, [n, 1, size, size]), device)
}

/// Every digit of `data` moved to `domain`.
fn in_domain(data: &Mnist, domain: Domain) -> Mnist {
    let mut pixels = Vec::with_capacity(data.len() * PIXELS);
    for i in 0..data.len() {
        match domain {
            Domain::Plain => pixels.extend_from_slice(data.pixels(i)),
            Domain::Inverted => pixels.extend(data.pixels(i).iter().map(|p| 255 - p)),
            Domain::Rotated(degrees) => {
                let mut image: Vec<f32> = data.pixels(i).iter().map(|&p| f32::from(p)).collect();
                resample(&mut image, SIDE, Affine::rotation(degrees.to_radians(), SIDE));
                pixels.extend(image.iter().map(|v| v.round().clamp(0.0, 255.0) as u8));
            }
        }
    }
    Mnist::from_parts(data.labels().to_vec(), pixels).expect("same lengths as a valid set")
}

/// The views a fused (test-time augmented) prediction averages: the digit itself and the digit
/// moved by 2 pixels in each of the four directions.
pub const TTA_SHIFTS: [(f32, f32); 5] = [(0.0, 0.0), (2.0, 0.0), (-2.0, 0.0), (0.0, 2.0), (0.0, -2.0)];

impl Task for Digits {
    fn train_order(&self) -> Vec<usize> {
        self.train.clone()
    }

    fn step(&mut self, batch: &[usize], lr: f64, traced: bool, rng: &mut Rng) -> Result<TaskStep, Diverged> {
        let augment = (!self.augment.is_empty()).then_some((&self.augment, &mut *rng));
        let (x, y) = Batcher::augmented(&self.data, batch, |d| self.label(d), augment, &self.device);
        let x = match self.scales.len() {
            0 => x,
            n => {
                let size = self.scales[rng.below(n)];
                resized(x, size, &self.device)
            }
        };
        let (loss_fn, penalty) = (self.loss, self.penalty);
        let stepped = self.learner.step(lr, traced, |net, trace| {
            let mut ctx = Ctx { rng: Some(rng), trace: Some(trace) };
            let logits = net.forward(Value::Image(x), &mut ctx).into_rows();
            let correct = logits.clone().argmax(1).squeeze_dim::<1>(1).equal(y.clone()).int().sum();
            let mut loss = loss_fn.forward(logits, y);
            if let Some(p) = net.penalty(penalty.l1, penalty.l2) {
                loss = loss + p;
            }
            (loss, correct)
        })?;
        let correct: i64 = stepped.output.into_scalar();
        let (trace, gradients) = match stepped.trace {
            Some((values, report)) => (Some(layer_traces(self.learner.net(), &values, &report)), Some(report)),
            None => (None, None),
        };
        Ok(TaskStep {
            loss: stepped.loss,
            accuracy: Some(correct as f32 / batch.len().max(1) as f32),
            trace,
            gradients,
            gan: None,
        })
    }

    fn evaluate(&self, part: Part, model: Option<&Net>) -> Evaluation {
        let model = model.unwrap_or(self.learner.net()).valid();
        let device = self.inference_device();
        let mut scorer = Scorer::new(part, self.classes, self.loss);
        // The training part is scored on what was trained on (without the examples a rare class
        // left out).
        let indices = if part == Part::Train { self.train.clone() } else { self.in_classes(part) };
        for chunk in indices.chunks(250) {
            let (x, _) = Batcher::batch(&self.data, chunk, &device);
            let logits: Vec<f32> = model.infer(Value::Image(x)).into_rows().try_into_vec_as().unwrap_or_default();
            for (row, &index) in logits.chunks(self.classes).zip(chunk) {
                scorer.add(row, self.label(self.data.label(index)) as usize, index);
            }
        }
        scorer.finish()
    }

    fn learner(&self) -> &Learner {
        &self.learner
    }

    fn learner_mut(&mut self) -> &mut Learner {
        &mut self.learner
    }

    fn query(&self, query: &Query) -> Result<Answer, QueryError> {
        let model = self.learner.net().valid();
        match query {
            Query::Digit { pixels } if pixels.len() != PIXELS => {
                Err(QueryError::InputLength { expected: PIXELS, got: pixels.len() })
            }
            Query::Digit { pixels } => {
                Ok(Answer::Probabilities(softmax(&self.logits(&model, std::slice::from_ref(pixels)))))
            }
            Query::FeatureMaps { index } if *index >= self.data.len() => Err(QueryError::NoExample(*index)),
            Query::FeatureMaps { index } => {
                let layer = model.first_maps_layer().ok_or(QueryError::NoConvolution)?;
                let pixels = self.data.volume(*index).data;
                let Value::Image(maps) = model.output_of(Value::Image(self.image(&pixels)), layer) else {
                    return Err(QueryError::NoConvolution);
                };
                let [_, c, h, w] = maps.dims();
                let maps = Volume::from_vec(c, h, w, maps.try_into_vec_as().unwrap_or_default())
                    .ok_or(QueryError::NoConvolution)?;
                Ok(Answer::FeatureMaps { index: *index, maps })
            }
            Query::Classify { indices } => match indices.iter().find(|&&i| i >= self.data.len()) {
                Some(&i) => Err(QueryError::NoExample(i)),
                None => {
                    let images: Vec<Vec<f32>> = indices.iter().map(|&i| self.data.volume(i).data).collect();
                    let logits = self.logits(&model, &images);
                    let classes = logits.len().checked_div(images.len()).unwrap_or(0).max(1);
                    Ok(Answer::Classes(logits.chunks(classes).map(crate::train::argmax).collect()))
                }
            },
            Query::Kernels => kernels(&model).map(Answer::Kernels).ok_or(QueryError::NoConvolution),
            Query::Robustness { degrees, pixels, seed } => {
                Ok(Answer::Robustness(self.robustness(&model, *degrees, *pixels, *seed)))
            }
            Query::Scales { sizes, back_to } => Ok(Answer::Scales(self.at_scales(&model, sizes, *back_to))),
            Query::Transfer => Ok(Answer::Transfer(Transferred {
                changes: self.weight_changes(),
                frozen: self.learner.net().frozen().to_vec(),
                pseudo: self.pseudo_report,
                examples: self.train.len(),
            })),
            _ => Err(QueryError::Unsupported),
        }
    }
}

/// The first convolution's kernels, if the model has a convolution.
pub fn kernels(model: &Net) -> Option<Kernels> {
    let w = model.first_kernels()?;
    let [filters, channels, size, _] = w.dims();
    Some(Kernels { filters, channels, size, weights: w.try_into_vec_as().ok()? })
}
