//! Sequence tasks on real text: predict every next character (a character-level language
//! model), classify a whole poem (is it a shi or a ci?), or tag each character (平 or 仄). The
//! network reads `length` tokens; the targets are aligned with them, or one per poem.

use std::sync::Arc;

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Answer, Query, QueryError, Task, TaskReport, TaskStep, layer_traces, stream};
use crate::data::{Asset, Assets, Part, Split, SplitSpec};
use crate::loss::Loss;
use crate::nn::{Ctx, Init, Net, Shape, Stack, Value};
use crate::rng::Rng;
use crate::text::{Corpus, PAD, Tone};
use crate::train::{ConfigError, Diverged, Evaluation, Learner, Scorer, TrainConfig};

/// What the network learns about the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextTarget {
    /// Each next character (many-to-many, aligned): the network ends with one score per token
    /// at every step.
    NextChar,
    /// The poem's form, shi or ci (many-to-one): two scores at the end.
    Form,
    /// Each character's tone, 平 or 仄 (many-to-many, aligned): two scores at every step;
    /// punctuation and characters whose tone is free do not count.
    Tones,
}

/// A sequence task on the poems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextTask {
    /// Reads `Tokens { steps: length, vocab }`.
    pub stack: Stack,
    pub target: TextTarget,
    /// Characters per example.
    pub length: usize,
    pub split: SplitSpec,
    pub loss: Loss,
}

/// One example: tokens, a target per position (or one), and which positions count.
struct Example {
    tokens: Vec<u32>,
    targets: Vec<u32>,
    mask: Vec<f32>,
}

/// A sequence task in training.
pub struct Text {
    spec: TextTask,
    corpus: Arc<Corpus>,
    examples: Vec<Example>,
    split: Split,
    learner: Learner,
    classes: usize,
    device: Device,
    seed: u64,
}

impl TextTask {
    /// The network's input for this corpus.
    pub fn input(&self, corpus: &Corpus) -> Shape {
        Shape::Tokens { steps: self.length, vocab: corpus.vocab.len() }
    }

    /// How many scores the network gives per prediction.
    pub fn classes(&self, corpus: &Corpus) -> usize {
        match self.target {
            TextTarget::NextChar => corpus.vocab.len(),
            TextTarget::Form | TextTarget::Tones => 2,
        }
    }

    /// The shape the network must end with.
    pub fn output(&self, corpus: &Corpus) -> Shape {
        let k = self.classes(corpus);
        match self.target {
            TextTarget::Form => Shape::Flat(k),
            _ => Shape::Sequence { steps: self.length, features: k },
        }
    }

    fn examples(&self, corpus: &Corpus) -> Vec<Example> {
        let n = self.length;
        let v = &corpus.vocab;
        match self.target {
            TextTarget::NextChar => {
                let all: Vec<u32> = corpus.docs.iter().flat_map(|d| v.encode(&d.text)).collect();
                (0..all.len().saturating_sub(1) / n.max(1))
                    .map(|i| Example {
                        tokens: all[i * n..(i + 1) * n].to_vec(),
                        targets: all[i * n + 1..(i + 1) * n + 1].to_vec(),
                        mask: vec![1.0; n],
                    })
                    .collect()
            }
            TextTarget::Form => corpus
                .docs
                .iter()
                .map(|d| {
                    // The last `n` characters, padded in front: the end of the sequence is real.
                    let t = v.encode(&d.text);
                    let tail = &t[t.len().saturating_sub(n)..];
                    let mut tokens = vec![PAD; n - tail.len()];
                    tokens.extend_from_slice(tail);
                    Example { tokens, targets: vec![u32::from(d.form)], mask: vec![1.0] }
                })
                .collect(),
            TextTarget::Tones => corpus
                .docs
                .iter()
                .filter(|d| !d.tones.is_empty())
                .map(|d| {
                    let mut tokens: Vec<u32> = v.encode(&d.text).into_iter().take(n).collect();
                    let mut targets: Vec<u32> = d.tones.iter().take(n).map(|t| u32::from(*t == Tone::Ze)).collect();
                    let mut mask: Vec<f32> =
                        d.tones.iter().take(n).map(|t| f32::from(matches!(t, Tone::Ping | Tone::Ze) as u8)).collect();
                    tokens.resize(n, PAD);
                    targets.resize(n, 0);
                    mask.resize(n, 0.0);
                    Example { tokens, targets, mask }
                })
                .collect(),
        }
    }
}

impl Text {
    pub fn new(spec: &TextTask, config: &TrainConfig, assets: &Assets, device: &Device) -> Result<Self, ConfigError> {
        let corpus = assets.poems.clone().ok_or(ConfigError::DataMissing(Asset::Poems))?;
        if !(1..=512).contains(&spec.length) {
            return Err(ConfigError::Setting { name: "length".into(), value: spec.length as f64 });
        }
        let input = spec.input(&corpus);
        if spec.stack.input != input {
            return Err(ConfigError::Input { expected: input, got: spec.stack.input });
        }
        let out = spec.stack.output().map_err(ConfigError::Stack)?;
        if out != spec.output(&corpus) {
            return Err(ConfigError::Output { expected: spec.output(&corpus), got: out });
        }
        let examples = spec.examples(&corpus);
        let split = Split::new(examples.len(), spec.split, config.seed).map_err(ConfigError::Split)?;
        let net = Net::new(&spec.stack, &mut Init::with_scheme(config.seed, config.init, device))
            .map_err(ConfigError::Stack)?;
        let mut learner = Learner::new(net, config.optimizer);
        learner.clip = config.clip;
        Ok(Self {
            classes: spec.classes(&corpus),
            spec: spec.clone(),
            corpus,
            examples,
            split,
            learner,
            device: device.clone(),
            seed: config.seed,
        })
    }

    /// Tokens `[batch, length]`, targets and mask (flattened to one row per prediction).
    fn batch(&self, indices: &[usize], device: &Device) -> (Tensor<2, Int>, Tensor<1, Int>, Tensor<1>) {
        let n = self.spec.length;
        let tokens: Vec<i64> =
            indices.iter().flat_map(|&i| self.examples[i].tokens.iter().map(|&t| i64::from(t))).collect();
        let targets: Vec<i64> =
            indices.iter().flat_map(|&i| self.examples[i].targets.iter().map(|&t| i64::from(t))).collect();
        let mask: Vec<f32> = indices.iter().flat_map(|&i| self.examples[i].mask.iter().copied()).collect();
        let rows = targets.len();
        (
            Tensor::from_data(TensorData::new(tokens, [indices.len(), n]), device),
            Tensor::from_data(TensorData::new(targets, [rows]), device),
            Tensor::from_data(TensorData::new(mask, [rows]), device),
        )
    }

    /// `length` characters written after `prompt`, each drawn from the model's probabilities
    /// sharpened or flattened by `temperature` (near 0: always the most likely character).
    fn write(&self, prompt: &str, length: usize, temperature: f32, seed: u64) -> String {
        let model = self.learner.net().valid();
        let device = self.device.clone().inner();
        let vocab = &self.corpus.vocab;
        let mut tokens = vocab.encode(prompt);
        let mut rng = stream(seed, 0x7E47);
        let n = self.spec.length;
        for _ in 0..length.min(400) {
            let mut window: Vec<u32> = tokens.iter().rev().take(n).rev().copied().collect();
            let real = window.len();
            window.resize(n, PAD);
            let x: Tensor<2, Int> = Tensor::from_data(
                TensorData::new(window.iter().map(|&t| i64::from(t)).collect::<Vec<_>>(), [1, n]),
                &device,
            );
            let logits: Vec<f32> = model.infer(Value::Tokens(x)).into_rows().try_into_vec_as().unwrap_or_default();
            let row = &logits[(real.max(1) - 1) * self.classes..real.max(1) * self.classes];
            tokens.push(sample(row, temperature, &mut rng) as u32);
        }
        vocab.decode(&tokens[vocab.encode(prompt).len()..])
    }
}

/// Draws an index from `softmax(logits / temperature)`; padding and unknown are never drawn.
pub fn sample(logits: &[f32], temperature: f32, rng: &mut Rng) -> usize {
    let first = crate::text::FIRST_CHAR as usize;
    let t = temperature.max(1e-3);
    let max = logits[first..].iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let weights: Vec<f32> =
        logits.iter().enumerate().map(|(i, l)| if i < first { 0.0 } else { ((l - max) / t).exp() }).collect();
    let total: f32 = weights.iter().sum();
    let mut u = rng.unit() * total;
    for (i, w) in weights.iter().enumerate() {
        if u < *w {
            return i;
        }
        u -= w;
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(first)
}

impl Task for Text {
    fn train_order(&self) -> Vec<usize> {
        self.split.part(Part::Train).to_vec()
    }

    fn step(&mut self, batch: &[usize], lr: f64, traced: bool, rng: &mut Rng) -> Result<TaskStep, Diverged> {
        let (x, y, mask) = self.batch(batch, &self.device);
        let loss_fn = self.spec.loss;
        let stepped = self.learner.step(lr, traced, |net, trace| {
            let mut ctx = Ctx { rng: Some(rng), trace: Some(trace) };
            let logits = net.forward(Value::Tokens(x), &mut ctx).into_rows();
            let right = logits.clone().argmax(1).squeeze_dim::<1>(1).equal(y.clone()).float() * mask.clone();
            let accuracy = right.sum() / mask.clone().sum().clamp_min(1.0);
            (loss_fn.forward_masked(logits, y, mask), accuracy)
        })?;
        let (trace, gradients) = match stepped.trace {
            Some((values, report)) => (Some(layer_traces(self.learner.net(), &values, &report)), Some(report)),
            None => (None, None),
        };
        let accuracy = stepped.output.into_scalar::<f32>();
        Ok(TaskStep { loss: stepped.loss, accuracy: Some(accuracy), trace, gradients, gan: None })
    }

    fn evaluate(&self, part: Part, model: Option<&Net>) -> Evaluation {
        let model = model.unwrap_or(self.learner.net()).valid();
        let device = self.device.clone().inner();
        let mut scorer = Scorer::new(part, self.classes, self.spec.loss);
        for chunk in self.split.part(part).chunks(64) {
            let (x, _, _) = self.batch(chunk, &device);
            let logits: Vec<f32> = model.infer(Value::Tokens(x)).into_rows().try_into_vec_as().unwrap_or_default();
            let mut rows = logits.chunks(self.classes);
            for &i in chunk {
                let e = &self.examples[i];
                for (&target, &m) in e.targets.iter().zip(&e.mask) {
                    let row = rows.next().unwrap_or(&[]);
                    if m > 0.0 {
                        scorer.add(row, target as usize, i);
                    }
                }
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
        match query {
            Query::Write { prompt, length, temperature, seed } if self.spec.target == TextTarget::NextChar => {
                Ok(Answer::Written(self.write(prompt, *length, *temperature, *seed)))
            }
            _ => Err(QueryError::Unsupported),
        }
    }

    fn report(&self) -> Option<TaskReport> {
        (self.spec.target == TextTarget::NextChar).then(|| {
            let prompt: String = self.corpus.docs.first().map(|d| d.text.chars().take(1).collect()).unwrap_or_default();
            TaskReport::Text { sample: self.write(&prompt, 24, 0.8, self.seed) }
        })
    }
}
