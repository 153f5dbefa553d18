//! Sequence tasks on real text: predict every next character (a character-level language
//! model), classify a whole poem (is it a shi or a ci?), tag each character (平 or 仄), read a
//! poem and write its title, or recall the first character after a run of distractors. The
//! network reads `length` tokens; the targets are aligned with them, or one per sequence.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Answer, Query, QueryError, Task, TaskReport, TaskStep, layer_traces, stream};
use crate::data::{Asset, Assets, Part, Split, SplitSpec};
use crate::loss::Loss;
use crate::nn::{Ctx, Init, Layer, LstmStep, Net, Shape, Stack, Value};
use crate::rng::Rng;
use crate::text::{Corpus, Doc, PAD, Tone, Vocab, shared_punctuation};
use crate::train::{ConfigError, Diverged, Evaluation, Learner, Scorer, TrainConfig, softmax};

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
    /// Read a poem, then write its title (many-to-many with a shorter output): the sequence is
    /// the poem, [`TITLE_MARK`], the title and `。`; only the title's characters and its end are
    /// predicted (each from everything before it).
    Title,
    /// Read one of [`RECALL_KEYS`], then `distance` characters of real poems that contain none
    /// of them, and name the first one at the end (many-to-one over a long gap): ten scores.
    Recall { distance: usize },
}

/// Which poems a task reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Poems {
    /// Every poem of the corpus.
    #[default]
    All,
    /// Only shi (诗).
    Shi,
    /// Only five-character quatrains (五言绝句: four lines of five characters).
    Quatrains,
    /// Only shi of five-character lines (五绝 and 五律), whose titles are short.
    FiveCharacter,
}

impl Poems {
    pub fn keeps(self, doc: &Doc) -> bool {
        let lines: Vec<&str> = doc.text.split(['，', '。']).filter(|l| !l.is_empty()).collect();
        let five = doc.form == 0 && lines.iter().all(|l| l.chars().count() == 5);
        match self {
            Poems::All => true,
            Poems::Shi => doc.form == 0,
            Poems::Quatrains => five && lines.len() == 4,
            Poems::FiveCharacter => five,
        }
    }
}

/// Separates a poem from its title in [`TextTarget::Title`].
pub const TITLE_MARK: char = '题';
/// The longest title [`TextTarget::Title`] keeps (longer titles' poems are left out).
pub const TITLE_MAX: usize = 6;
/// The characters [`TextTarget::Recall`] asks to remember.
pub const RECALL_KEYS: [char; 10] = ['春', '夏', '秋', '冬', '东', '南', '西', '北', '山', '水'];
/// The largest vocabulary a task may ask for.
pub const MAX_VOCAB: usize = 8000;
/// Sequences of the recall task (before the split).
pub const RECALL_EXAMPLES: usize = 4000;

/// A sequence task on the poems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextTask {
    /// The network's layers after its input (`Tokens { steps: length, vocab }`) and before its
    /// output layer, which the task adds: `dense` to one score per class (see
    /// [`TextTask::stack`]). Many-to-one targets end the body with `last`.
    pub body: Vec<Layer>,
    pub target: TextTarget,
    /// Characters per example.
    pub length: usize,
    pub split: SplitSpec,
    pub loss: Loss,
    pub poems: Poems,
    /// The most frequent characters that get their own token; the rest read as unknown.
    pub vocab: usize,
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
    corpus: Corpus,
    examples: Vec<Example>,
    split: Split,
    learner: Learner,
    classes: usize,
    device: Device,
    seed: u64,
    baseline: Baseline,
}

/// What a model that ignores its input scores on the validation part: always the class (or
/// character) most frequent in training, and cross-entropy under the training frequencies
/// (add-one smoothed): the unigram model of the characters, the majority class of the others.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub accuracy: f32,
    pub loss: f32,
}

/// What a text task shows of itself between scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextReport {
    /// A next-character model's sample text.
    pub sample: Option<String>,
    /// A title model's titles for a few validation poems.
    pub titles: Vec<TitleSample>,
    pub baseline: Baseline,
    /// Tokens, padding and unknown included.
    pub vocab: usize,
    /// Sequences before the split.
    pub examples: usize,
    /// The poems the task reads (those of its selection that it keeps).
    pub poems: usize,
}

/// A title the model wrote for a validation poem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleSample {
    pub poem: String,
    pub written: String,
    pub title: String,
}

/// What a text model did with one sequence, step by step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The characters read (`□` for a character outside the vocabulary).
    pub chars: Vec<char>,
    /// The first recurrent layer at each step (for a plain RNN only `h` is filled).
    pub cells: Vec<LstmStep>,
    /// The model's probabilities after each step: the next character, the tone of this one, the
    /// form of the poem read so far; for the recall task only after the last step.
    pub outputs: Vec<Vec<f32>>,
}

impl TextTask {
    /// The lstm lesson's writer (and the `char-lstm` benchmark): 32-number embedding, one LSTM
    /// layer of `hidden` units and a dense layer to the next character, on five-character
    /// quatrains cut into 24-character stretches (3,400 trained on, 400 held out), the 1,500
    /// most frequent characters.
    pub fn quatrain_writer(hidden: usize) -> TextTask {
        TextTask {
            body: vec![
                Layer::Embedding(crate::nn::Embedding { dim: 32, std: 1.0 }),
                Layer::Lstm(crate::nn::Lstm { hidden }),
            ],
            target: TextTarget::NextChar,
            length: 24,
            split: SplitSpec { train: 3400, validation: 400, test: 0, holdout: 0 },
            loss: Loss::default(),
            poems: Poems::Quatrains,
            vocab: 1500,
        }
    }

    /// The network's input for this corpus.
    pub fn input(&self, corpus: &Corpus) -> Shape {
        Shape::Tokens { steps: self.length, vocab: corpus.vocab.len() }
    }

    /// The whole network for this corpus: the input, the body, and a dense layer to the scores.
    pub fn stack(&self, corpus: &Corpus) -> Stack {
        let mut layers = self.body.clone();
        layers.push(Layer::Dense(crate::nn::Dense { units: self.classes(corpus) }));
        Stack { input: self.input(corpus), layers }
    }

    /// How many scores the network gives per prediction.
    pub fn classes(&self, corpus: &Corpus) -> usize {
        match self.target {
            TextTarget::NextChar | TextTarget::Title => corpus.vocab.len(),
            TextTarget::Form | TextTarget::Tones => 2,
            TextTarget::Recall { .. } => RECALL_KEYS.len(),
        }
    }

    /// The shape the network must end with.
    pub fn output(&self, corpus: &Corpus) -> Shape {
        let k = self.classes(corpus);
        match self.target {
            TextTarget::Form | TextTarget::Recall { .. } => Shape::Flat(k),
            _ => Shape::Sequence { steps: self.length, features: k },
        }
    }

    /// The poems this task reads, with the vocabulary built from them (`vocab` characters).
    pub fn corpus(&self, all: &[Doc]) -> Corpus {
        let mut docs: Vec<Doc> = all.iter().filter(|d| self.poems.keeps(d)).cloned().collect();
        if self.target == TextTarget::Title {
            docs.retain(|d| (1..=TITLE_MAX).contains(&d.title.chars().count()));
            // The mark separates every poem from its title, so it is as frequent as the poems.
            let mark: String = std::iter::repeat_n(TITLE_MARK, docs.len()).collect();
            let texts: Vec<&str> =
                docs.iter().flat_map(|d| [d.text.as_str(), d.title.as_str()]).chain([mark.as_str()]).collect();
            return Corpus { vocab: Vocab::build(texts, self.vocab), docs };
        }
        Corpus::new(docs, self.vocab)
    }

    fn examples(&self, corpus: &Corpus, seed: u64) -> Vec<Example> {
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
                    let t = v.encode(&shared_punctuation(&d.text));
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
            TextTarget::Title => corpus
                .docs
                .iter()
                .filter_map(|d| {
                    let title = v.encode(&format!("{}。", d.title));
                    let mut sequence = v.encode(&d.text);
                    sequence.push(v.token(TITLE_MARK));
                    let read = sequence.len();
                    sequence.extend(&title);
                    // Input: everything but the last token; target: everything but the first.
                    if sequence.len() > n + 1 {
                        return None;
                    }
                    let mut tokens = sequence[..sequence.len() - 1].to_vec();
                    let mut targets = sequence[1..].to_vec();
                    let mut mask: Vec<f32> = (1..sequence.len()).map(|i| f32::from(u8::from(i >= read))).collect();
                    tokens.resize(n, PAD);
                    targets.resize(n, 0);
                    mask.resize(n, 0.0);
                    Some(Example { tokens, targets, mask })
                })
                .collect(),
            TextTarget::Recall { distance } => {
                let keys: Vec<u32> = RECALL_KEYS.iter().map(|&c| v.token(c)).collect();
                let filler: Vec<u32> =
                    corpus.docs.iter().flat_map(|d| v.encode(&d.text)).filter(|t| !keys.contains(t)).collect();
                let mut rng = stream(seed, 0x2EC4);
                (0..RECALL_EXAMPLES)
                    .map(|_| {
                        let key = rng.below(keys.len());
                        let start = rng.below(filler.len().saturating_sub(distance).max(1));
                        let mut tokens = vec![keys[key]];
                        tokens.extend(filler.iter().cycle().skip(start).take(distance));
                        tokens.resize(n, PAD);
                        Example { tokens, targets: vec![key as u32], mask: vec![1.0] }
                    })
                    .collect()
            }
        }
    }
}

impl Text {
    pub fn new(spec: &TextTask, config: &TrainConfig, assets: &Assets, device: &Device) -> Result<Self, ConfigError> {
        let all = assets.poems.clone().ok_or(ConfigError::DataMissing(Asset::Poems))?;
        if !(1..=512).contains(&spec.length) {
            return Err(ConfigError::Setting { name: "length".into(), value: spec.length as f64 });
        }
        if !(1..=MAX_VOCAB).contains(&spec.vocab) {
            return Err(ConfigError::Setting { name: "vocab".into(), value: spec.vocab as f64 });
        }
        if let TextTarget::Recall { distance } = spec.target
            && spec.length != distance + 1
        {
            return Err(ConfigError::Setting { name: "distance".into(), value: distance as f64 });
        }
        let corpus = spec.corpus(&all);
        let stack = spec.stack(&corpus);
        let out = stack.output().map_err(ConfigError::Stack)?;
        if out != spec.output(&corpus) {
            return Err(ConfigError::Output { expected: spec.output(&corpus), got: out });
        }
        let examples = spec.examples(&corpus, config.seed);
        let split = Split::new(examples.len(), spec.split, config.seed).map_err(ConfigError::Split)?;
        let net =
            Net::new(&stack, &mut Init::with_scheme(config.seed, config.init, device)).map_err(ConfigError::Stack)?;
        let mut learner = Learner::new(net, config.optimizer);
        learner.clip = config.clip;
        let baseline = baseline(&examples, &split, spec.classes(&corpus));
        Ok(Self {
            baseline,
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
        self.write_until(prompt, length, temperature, seed, None)
    }

    /// [`Text::write`], stopping after the character `end` if it is written.
    fn write_until(&self, prompt: &str, length: usize, temperature: f32, seed: u64, end: Option<char>) -> String {
        let model = self.learner.net().valid();
        let device = self.device.clone().inner();
        let vocab = &self.corpus.vocab;
        let mut tokens = vocab.encode(prompt);
        let mut rng = stream(seed, 0x7E47);
        let n = self.spec.length;
        let stop = end.map(|c| vocab.token(c));
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
            let next = sample(row, temperature, &mut rng) as u32;
            tokens.push(next);
            if Some(next) == stop {
                break;
            }
        }
        vocab.decode(&tokens[vocab.encode(prompt).len()..])
    }

    /// Titles written (most likely character each time) for the first `count` validation poems.
    fn titles(&self, count: usize) -> Vec<TitleSample> {
        let docs = &self.corpus.docs;
        self.split
            .part(Part::Validation)
            .iter()
            .take(count)
            .filter_map(|&i| docs.get(i))
            .map(|d| TitleSample {
                poem: d.text.clone(),
                written: self
                    .write_until(&format!("{}{TITLE_MARK}", d.text), TITLE_MAX + 1, 0.0, self.seed, Some('。'))
                    .trim_end_matches('。')
                    .to_string(),
                title: d.title.clone(),
            })
            .collect()
    }

    /// The loss on the first 64 validation sequences with the first recurrent layer's `W_hh`
    /// multiplied by each of `scales` (1 is the network as trained): the loss surface along one
    /// direction in weight space.
    fn along_recurrence(&self, scales: &[f32]) -> Result<super::AlongRecurrence, QueryError> {
        let model = self.learner.net().valid();
        let r = first_recurrent(&model).ok_or(QueryError::Unsupported)?;
        let device = self.device.clone().inner();
        let chunk: Vec<usize> = self.split.part(Part::Validation).iter().take(64).copied().collect();
        let (x, y, mask) = self.batch(&chunk, &device);
        let w_hh = match &model.modules()[r] {
            crate::nn::LayerModule::Rnn(m) => m.cell.weight_hh.val(),
            crate::nn::LayerModule::Lstm(m) => m.cell.weight_hh.val(),
            _ => unreachable!("found above"),
        };
        let [rows, cols] = w_hh.dims();
        let sigma = largest_singular_value(&w_hh.into_data().try_to_vec::<f32>().unwrap_or_default(), rows, cols);
        let points = scales
            .iter()
            .take(200)
            .map(|&scale| {
                let scaled = |cell: &crate::nn::CellWeights| crate::nn::CellWeights {
                    weight_ih: cell.weight_ih.clone(),
                    weight_hh: burn::module::Param::from_tensor(cell.weight_hh.val() * scale),
                    bias_ih: cell.bias_ih.clone(),
                    bias_hh: cell.bias_hh.clone(),
                };
                let module = match &model.modules()[r] {
                    crate::nn::LayerModule::Rnn(m) => {
                        crate::nn::LayerModule::Rnn(crate::nn::RnnModule { cell: scaled(&m.cell) })
                    }
                    crate::nn::LayerModule::Lstm(m) => {
                        crate::nn::LayerModule::Lstm(crate::nn::LstmModule { cell: scaled(&m.cell) })
                    }
                    _ => unreachable!("found above"),
                };
                let net = model.clone().with_module(r, module);
                let logits = net.infer(Value::Tokens(x.clone())).into_rows();
                let loss: f32 = self.spec.loss.forward_masked(logits, y.clone(), mask.clone()).into_scalar();
                (scale, loss)
            })
            .collect();
        Ok(super::AlongRecurrence { points, sigma })
    }

    /// Reads `text` (its first `length` characters) step by step.
    fn read(&self, text: &str) -> Reading {
        let model = self.learner.net().valid();
        let device = self.device.clone().inner();
        let n = self.spec.length;
        let vocab = &self.corpus.vocab;
        // The form network never saw the marks only ci use (see `shared_punctuation`).
        let text = if self.spec.target == TextTarget::Form { shared_punctuation(text) } else { text.to_string() };
        let tokens: Vec<u32> = vocab.encode(&text).into_iter().take(n).collect();
        let chars = tokens.iter().map(|&t| vocab.char(t).unwrap_or('□')).collect();
        let len = tokens.len();
        let batch = |rows: Vec<Vec<u32>>| {
            let b = rows.len();
            let flat: Vec<i64> = rows.into_iter().flatten().map(i64::from).collect();
            Tensor::<2, Int>::from_data(TensorData::new(flat, [b, n]), &device)
        };
        let padded_end = {
            let mut t = tokens.clone();
            t.resize(n, PAD);
            t
        };
        let cells = match first_recurrent(&model) {
            // A recurrent layer reads a sequence, so a layer (the embedding) comes before it.
            Some(r) if len > 0 && r > 0 => {
                let input = model.output_of(Value::Tokens(batch(vec![padded_end.clone()])), r - 1);
                let Value::Sequence(x) = input else { unreachable!("checked by the stack") };
                let x = x.slice(s![.., 0..len, ..]);
                match &model.modules()[r] {
                    crate::nn::LayerModule::Lstm(m) => m.steps(x),
                    crate::nn::LayerModule::Rnn(m) => m
                        .steps(x)
                        .into_iter()
                        .map(|step| LstmStep {
                            input: vec![],
                            forget: vec![],
                            candidate: vec![],
                            output: vec![],
                            c: vec![],
                            h: step.h,
                        })
                        .collect(),
                    _ => vec![],
                }
            }
            _ => vec![],
        };
        let k = self.classes;
        let outputs = match self.spec.target {
            _ if len == 0 => vec![],
            TextTarget::Form => {
                // The verdict after each prefix: every prefix padded in front, as in training.
                let rows = (1..=len)
                    .map(|end| {
                        let mut row = vec![PAD; n - end];
                        row.extend_from_slice(&tokens[..end]);
                        row
                    })
                    .collect();
                let logits: Vec<f32> =
                    model.infer(Value::Tokens(batch(rows))).into_rows().try_into_vec_as().unwrap_or_default();
                logits.chunks(k).map(softmax).collect()
            }
            TextTarget::Recall { .. } => {
                let logits: Vec<f32> = model
                    .infer(Value::Tokens(batch(vec![padded_end])))
                    .into_rows()
                    .try_into_vec_as()
                    .unwrap_or_default();
                let mut out = vec![vec![]; len - 1];
                out.push(softmax(&logits));
                out
            }
            _ => {
                let logits: Vec<f32> = model
                    .infer(Value::Tokens(batch(vec![padded_end])))
                    .into_rows()
                    .try_into_vec_as()
                    .unwrap_or_default();
                logits.chunks(k).take(len).map(softmax).collect()
            }
        };
        Reading { chars, cells, outputs }
    }
}

/// The index of the network's first recurrent layer (RNN or LSTM), if it has one.
fn first_recurrent(net: &Net) -> Option<usize> {
    net.modules().iter().position(|m| matches!(m, crate::nn::LayerModule::Rnn(_) | crate::nn::LayerModule::Lstm(_)))
}

/// The input-blind baseline of a split's validation part (see [`Baseline`]).
fn baseline(examples: &[Example], split: &Split, classes: usize) -> Baseline {
    let counted = |part: Part| {
        split.part(part).iter().flat_map(|&i| {
            let e = &examples[i];
            e.targets.iter().zip(&e.mask).filter(|(_, m)| **m > 0.0).map(|(t, _)| *t as usize)
        })
    };
    let mut counts = vec![1.0f64; classes];
    counted(Part::Train).for_each(|t| counts[t.min(classes - 1)] += 1.0);
    let total: f64 = counts.iter().sum();
    let best = (0..classes).max_by(|&a, &b| counts[a].total_cmp(&counts[b])).unwrap_or(0);
    let (mut n, mut right, mut loss) = (0usize, 0usize, 0f64);
    for t in counted(Part::Validation) {
        n += 1;
        right += usize::from(t == best);
        loss -= (counts[t.min(classes - 1)] / total).ln();
    }
    let n = n.max(1) as f64;
    Baseline { accuracy: (right as f64 / n) as f32, loss: (loss / n) as f32 }
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
            Query::Read { text } => Ok(Answer::Read(self.read(text))),
            Query::AlongRecurrence { scales } => Ok(Answer::AlongRecurrence(self.along_recurrence(scales)?)),
            _ => Err(QueryError::Unsupported),
        }
    }

    fn report(&self) -> Option<TaskReport> {
        let sample = (self.spec.target == TextTarget::NextChar).then(|| {
            let prompt: String = self.corpus.docs.first().map(|d| d.text.chars().take(1).collect()).unwrap_or_default();
            self.write(&prompt, 24, 0.8, self.seed)
        });
        let titles = if self.spec.target == TextTarget::Title { self.titles(3) } else { vec![] };
        Some(TaskReport::Text(TextReport {
            sample,
            titles,
            baseline: self.baseline,
            vocab: self.corpus.vocab.len(),
            examples: self.examples.len(),
            poems: self.corpus.docs.len(),
        }))
    }
}

/// The largest singular value of a `rows × cols` row-major matrix, by power iteration on `WᵀW`
/// (100 rounds from a fixed start: plenty for the small recurrent matrices here).
pub fn largest_singular_value(w: &[f32], rows: usize, cols: usize) -> f32 {
    if w.len() != rows * cols || cols == 0 {
        return 0.0;
    }
    let mut v: Vec<f64> = (0..cols).map(|i| 1.0 + (i % 7) as f64 * 0.1).collect();
    let mut sigma = 0.0;
    for _ in 0..100 {
        let wv: Vec<f64> = (0..rows).map(|r| (0..cols).map(|c| f64::from(w[r * cols + c]) * v[c]).sum()).collect();
        sigma = wv.iter().map(|x| x * x).sum::<f64>().sqrt() / v.iter().map(|x| x * x).sum::<f64>().sqrt();
        let wtwv: Vec<f64> = (0..cols).map(|c| (0..rows).map(|r| f64::from(w[r * cols + c]) * wv[r]).sum()).collect();
        let norm = wtwv.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 {
            return 0.0;
        }
        v = wtwv.iter().map(|x| x / norm).collect();
    }
    sigma as f32
}

#[cfg(test)]
mod tests {
    use super::largest_singular_value;

    #[test]
    fn the_largest_singular_value_of_known_matrices() {
        // diag(3, 1): 3. A rotation by 90° scaled by 2: 2. A 3×2 matrix of rank one: ‖u‖·‖v‖.
        assert!((largest_singular_value(&[3.0, 0.0, 0.0, 1.0], 2, 2) - 3.0).abs() < 1e-4);
        assert!((largest_singular_value(&[0.0, -2.0, 2.0, 0.0], 2, 2) - 2.0).abs() < 1e-4);
        let (u, v) = ([1.0f32, 2.0, 2.0], [3.0f32, 4.0]);
        let w: Vec<f32> = u.iter().flat_map(|a| v.iter().map(move |b| a * b)).collect();
        assert!((largest_singular_value(&w, 3, 2) - 15.0).abs() < 1e-3);
        assert_eq!(largest_singular_value(&[0.0; 4], 2, 2), 0.0);
    }
}
