//! The note's semantic tagger: every token of a travel request is a place (地点), a time (时间)
//! or other (其他). Sentences come from templates in Chinese (one token per character) and
//! English (one per word) filled with real place names and dates. The held-out parts use place
//! names never seen in training: in training templates (validation), and in templates never
//! seen either (test). A network that only looks each token up cannot tag a name it has never
//! seen; one that reads the context around it can.

use std::collections::HashMap;

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Answer, Query, QueryError, Task, TaskStep, stream};
use crate::data::{Part, Split};
use crate::loss::Loss;
use crate::nn::{Ctx, Dense, Init, Layer, Net, Shape, Stack, Value};
use crate::rng::Rng;
use crate::text::{PAD, UNK};
use crate::train::{ConfigError, Diverged, Evaluation, Learner, Scorer, TrainConfig, softmax};

/// Tokens per sentence (shorter ones are padded at the end).
pub const SLOT_LENGTH: usize = 16;
/// The tags: other, place, time.
pub const SLOTS: usize = 3;
/// The share of training tokens read as unknown ("word dropout").
pub const UNKNOWN_RATE: f32 = 0.1;

/// Training templates; `P` marks the place, `T` the time. Chinese first, then English.
const TEMPLATES: [&str; 12] = [
    "我想T去P",
    "帮我订T到P的机票",
    "T从P出发",
    "请查一下T去P的火车",
    "我们T在P见面",
    "P T天气怎么样",
    "i want to go to P T",
    "book a flight to P T",
    "leaving from P T",
    "find a train to P for T",
    "we meet in P T",
    "what is the weather in P T",
];
/// Templates only the test part uses.
const NEW_TEMPLATES: [&str; 4] = ["T能不能飞P", "我打算T回P", "can i fly to P T", "i plan to return to P T"];
/// Real cities; the last `HELD_OUT` of each list are never trained on.
const PLACES_ZH: [&str; 30] = [
    "北京",
    "上海",
    "广州",
    "深圳",
    "成都",
    "杭州",
    "西安",
    "南京",
    "武汉",
    "重庆",
    "天津",
    "苏州",
    "长沙",
    "郑州",
    "青岛",
    "大连",
    "厦门",
    "昆明",
    "沈阳",
    "拉萨",
    "桂林",
    "洛阳",
    "扬州",
    "兰州",
    "贵阳",
    "乌鲁木齐",
    "呼和浩特",
    "石家庄",
    "南宁",
    "海口",
];
const PLACES_EN: [&str; 30] = [
    "beijing",
    "shanghai",
    "london",
    "paris",
    "tokyo",
    "berlin",
    "madrid",
    "rome",
    "sydney",
    "toronto",
    "chicago",
    "boston",
    "seattle",
    "dublin",
    "vienna",
    "prague",
    "lisbon",
    "oslo",
    "cairo",
    "delhi",
    "mumbai",
    "seoul",
    "bangkok",
    "singapore",
    "montreal",
    "helsinki",
    "nairobi",
    "lima",
    "osaka",
    "manila",
];
const HELD_OUT: usize = 5;
const TIMES_ZH: [&str; 8] = ["明天", "后天", "今晚", "下周一", "周末", "五月一日", "十月三日", "下个月"];
const TIMES_EN: [&str; 7] = ["tomorrow", "tonight", "next monday", "this weekend", "may 1", "october 3", "next month"];

/// Splits text into tokens: each Chinese character is one, each run of Latin letters or digits
/// one word (lower-cased); spaces and punctuation separate.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() && !c.is_ascii_punctuation() && !matches!(c, '，' | '。' | '？' | '！' | '、') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A template filled: tokens and a tag each (0 other, 1 place, 2 time).
fn fill(template: &str, place: &str, time: &str) -> (Vec<String>, Vec<u32>) {
    let (mut tokens, mut tags) = (Vec::new(), Vec::new());
    let mut push = |text: &str, tag: u32| {
        for t in tokenize(text) {
            tokens.push(t);
            tags.push(tag);
        }
    };
    let mut rest = String::new();
    for c in template.chars() {
        match c {
            'P' | 'T' => {
                push(&std::mem::take(&mut rest), 0);
                if c == 'P' { push(place, 1) } else { push(time, 2) }
            }
            _ => rest.push(c),
        }
    }
    push(&rest, 0);
    (tokens, tags)
}

/// The tagger's task: which layers read the embedded tokens (the task adds the input and the
/// output layer, three scores per token).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotTask {
    pub body: Vec<Layer>,
    /// Training sentences.
    pub train: usize,
}

impl SlotTask {
    pub fn stack(&self, vocab: usize) -> Stack {
        let mut layers = self.body.clone();
        layers.push(Layer::Dense(Dense { units: SLOTS }));
        Stack { input: Shape::Tokens { steps: SLOT_LENGTH, vocab }, layers }
    }
}

/// A tagged sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tagged {
    pub tokens: Vec<String>,
    /// Per token: the probabilities of other, place, time.
    pub probabilities: Vec<Vec<f32>>,
    /// Per token: whether the token has its own entry in the vocabulary (not unknown).
    pub known: Vec<bool>,
}

pub struct Slots {
    sentences: Vec<(Vec<u32>, Vec<u32>)>,
    split: Split,
    words: HashMap<String, u32>,
    learner: Learner,
    device: Device,
}

impl Slots {
    pub fn new(spec: &SlotTask, config: &TrainConfig, device: &Device) -> Result<Self, ConfigError> {
        if !(10..=20_000).contains(&spec.train) {
            return Err(ConfigError::Setting { name: "train".into(), value: spec.train as f64 });
        }
        let mut rng = stream(config.seed, 0x5107);
        let mut draw = |templates: &[&str], held: bool, count: usize| {
            (0..count)
                .map(|_| {
                    let template = templates[rng.below(templates.len())];
                    let english = template.is_ascii();
                    let (places, times): (&[&str], &[&str]) =
                        if english { (&PLACES_EN, &TIMES_EN) } else { (&PLACES_ZH, &TIMES_ZH) };
                    let seen = places.len() - HELD_OUT;
                    let place = if held { places[seen + rng.below(HELD_OUT)] } else { places[rng.below(seen)] };
                    fill(template, place, times[rng.below(times.len())])
                })
                .collect::<Vec<_>>()
        };
        let train = draw(&TEMPLATES, false, spec.train);
        let validation = draw(&TEMPLATES, true, 400);
        let test = draw(&NEW_TEMPLATES, true, 400);
        // Tokens get an entry only if they occur in training: a held-out name is unknown.
        let mut words: HashMap<String, u32> = HashMap::new();
        let mut order = Vec::new();
        for t in train.iter().flat_map(|(tokens, _)| tokens) {
            if !words.contains_key(t) {
                words.insert(t.clone(), 0);
                order.push(t.clone());
            }
        }
        for (i, t) in order.iter().enumerate() {
            words.insert(t.clone(), i as u32 + crate::text::FIRST_CHAR);
        }
        let vocab = order.len() + crate::text::FIRST_CHAR as usize;
        let encode = |(tokens, tags): (Vec<String>, Vec<u32>)| {
            let ids = tokens.iter().map(|t| words.get(t).copied().unwrap_or(UNK)).collect();
            (ids, tags)
        };
        let (n_train, n_validation) = (train.len(), validation.len());
        let sentences: Vec<(Vec<u32>, Vec<u32>)> =
            train.into_iter().chain(validation).chain(test).map(encode).collect();
        let split = Split::from_parts([
            (0..n_train).collect(),
            (n_train..n_train + n_validation).collect(),
            (n_train + n_validation..sentences.len()).collect(),
            vec![],
        ]);
        let net = Net::new(&spec.stack(vocab), &mut Init::with_scheme(config.seed, config.init, device))
            .map_err(ConfigError::Stack)?;
        let mut learner = Learner::new(net, config.optimizer);
        learner.clip = config.clip;
        Ok(Self { sentences, split, words, learner, device: device.clone() })
    }

    fn rows(&self, ids: impl IntoIterator<Item = Vec<u32>>, device: &Device) -> (Tensor<2, Int>, usize) {
        let rows: Vec<Vec<u32>> = ids
            .into_iter()
            .map(|mut r| {
                r.resize(SLOT_LENGTH, PAD);
                r
            })
            .collect();
        let n = rows.len();
        let flat: Vec<i64> = rows.into_iter().flatten().map(i64::from).collect();
        (Tensor::from_data(TensorData::new(flat, [n, SLOT_LENGTH]), device), n)
    }

    /// Tokens, targets and mask; with `rng`, each token is replaced by the unknown token with
    /// probability [`UNKNOWN_RATE`] (so that the network learns what to do with a token it has
    /// never seen, as it will meet in held-out names).
    fn batch(
        &self,
        indices: &[usize],
        rng: Option<&mut Rng>,
        device: &Device,
    ) -> (Tensor<2, Int>, Tensor<1, Int>, Tensor<1>) {
        let mut rng = rng;
        let ids = indices.iter().map(|&i| {
            let mut ids = self.sentences[i].0.clone();
            if let Some(rng) = rng.as_deref_mut() {
                ids.iter_mut().filter(|_| rng.unit() < UNKNOWN_RATE).for_each(|t| *t = UNK);
            }
            ids
        });
        let (x, _) = self.rows(ids.collect::<Vec<_>>(), device);
        let mut targets = Vec::new();
        let mut mask = Vec::new();
        for &i in indices {
            let tags = &self.sentences[i].1;
            for k in 0..SLOT_LENGTH {
                targets.push(i64::from(tags.get(k).copied().unwrap_or(0)));
                mask.push(f32::from(u8::from(k < tags.len())));
            }
        }
        let rows = targets.len();
        (
            x,
            Tensor::from_data(TensorData::new(targets, [rows]), device),
            Tensor::from_data(TensorData::new(mask, [rows]), device),
        )
    }

    fn tag(&self, text: &str) -> Tagged {
        let tokens: Vec<String> = tokenize(text).into_iter().take(SLOT_LENGTH).collect();
        let ids: Vec<u32> = tokens.iter().map(|t| self.words.get(t).copied().unwrap_or(UNK)).collect();
        let known = ids.iter().map(|&t| t != UNK).collect();
        let model = self.learner.net().valid();
        let device = self.device.clone().inner();
        let (x, _) = self.rows([ids], &device);
        let logits: Vec<f32> = model.infer(Value::Tokens(x)).into_rows().try_into_vec_as().unwrap_or_default();
        let probabilities = logits.chunks(SLOTS).take(tokens.len()).map(softmax).collect();
        Tagged { tokens, probabilities, known }
    }
}

impl Task for Slots {
    fn train_order(&self) -> Vec<usize> {
        self.split.part(Part::Train).to_vec()
    }

    fn step(&mut self, batch: &[usize], lr: f64, traced: bool, rng: &mut Rng) -> Result<TaskStep, Diverged> {
        let (x, y, mask) = self.batch(batch, Some(&mut *rng), &self.device);
        let stepped = self.learner.step(lr, traced, |net, trace| {
            let mut ctx = Ctx { rng: Some(rng), trace: Some(trace) };
            let logits = net.forward(Value::Tokens(x), &mut ctx).into_rows();
            let right = logits.clone().argmax(1).squeeze_dim::<1>(1).equal(y.clone()).float() * mask.clone();
            let accuracy = right.sum() / mask.clone().sum().clamp_min(1.0);
            (Loss::default().forward_masked(logits, y, mask), accuracy)
        })?;
        Ok(TaskStep { loss: stepped.loss, accuracy: Some(stepped.output.into_scalar::<f32>()), ..TaskStep::default() })
    }

    fn evaluate(&self, part: Part, model: Option<&Net>) -> Evaluation {
        let model = model.unwrap_or(self.learner.net()).valid();
        let device = self.device.clone().inner();
        let mut scorer = Scorer::new(part, SLOTS, Loss::default());
        for chunk in self.split.part(part).chunks(64) {
            let (x, _) = self.rows(chunk.iter().map(|&i| self.sentences[i].0.clone()), &device);
            let logits: Vec<f32> = model.infer(Value::Tokens(x)).into_rows().try_into_vec_as().unwrap_or_default();
            for (row, &i) in logits.chunks(SLOTS * SLOT_LENGTH).zip(chunk) {
                for (k, &tag) in self.sentences[i].1.iter().enumerate().take(SLOT_LENGTH) {
                    scorer.add(&row[k * SLOTS..(k + 1) * SLOTS], tag as usize, i);
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
            Query::Tag { text } => Ok(Answer::Tagged(self.tag(text))),
            _ => Err(QueryError::Unsupported),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_with_a_tag_per_token() {
        let (tokens, tags) = fill("book a flight to P T", "paris", "next monday");
        assert_eq!(tokens, ["book", "a", "flight", "to", "paris", "next", "monday"]);
        assert_eq!(tags, [0, 0, 0, 0, 1, 2, 2]);
        let (tokens, tags) = fill("我想T去P", "北京", "明天");
        assert_eq!(tokens.concat(), "我想明天去北京");
        assert_eq!(tags, [0, 0, 2, 2, 0, 1, 1]);
        assert_eq!(tokenize("Fly to Oslo, May 1!"), ["fly", "to", "oslo", "may", "1"]);
        for t in TEMPLATES.iter().chain(&NEW_TEMPLATES) {
            assert!(fill(t, PLACES_ZH[25], TIMES_ZH[5]).0.len() <= SLOT_LENGTH, "{t}");
        }
    }
}
