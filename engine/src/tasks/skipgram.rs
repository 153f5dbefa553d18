//! Learned character vectors: word2vec's skip-gram with negative sampling (Mikolov et al., 2013)
//! on the poems. Each character is asked to pick out a neighbour (a character at most `window`
//! places away in the same poem) from `negatives` characters drawn by frequency^0.75; the loss
//! is `−log σ(u_o·v_c) − Σ log σ(−u_k·v_c)`.
//!
//! The two tables of word2vec (the centre's vector `v`, the context's vector `u`) are one
//! embedding layer over `2·vocab` tokens: rows below `vocab` are the `v`s, the rest the `u`s. A
//! character's vector is its `v`. Both start from N(0, 0.1²) ([`INIT_STD`]; PyTorch's
//! `nn.Embedding` would draw N(0, 1), and the original C code starts `v` small and `u` at zero).

use burn::prelude::*;
use burn::tensor::activation::log_sigmoid;
use serde::{Deserialize, Serialize};

use super::{Answer, Query, QueryError, Task, TaskReport, TaskStep, stream};
use crate::data::{Asset, Assets, Part, Split};
use crate::loss::Loss;
use crate::nn::{Ctx, Embedding, Init, Layer, Net, Shape, Stack, Value};
use crate::rng::Rng;
use crate::text::{FIRST_CHAR, Vocab};
use crate::train::{ConfigError, Diverged, Evaluation, Learner, Scorer, TrainConfig};

/// The vectors start from N(0, 0.1²): PyTorch's N(0, 1) makes the first dot products as large
/// as √dim, and the first steps are spent shrinking them.
pub const INIT_STD: f32 = 0.1;

/// Character pairs a student expects to end up close (the lesson's ten), and the closeness is
/// measured on.
pub const PAIRS: [(char, char); 10] = [
    ('山', '峰'),
    ('山', '岭'),
    ('春', '秋'),
    ('花', '草'),
    ('江', '河'),
    ('日', '月'),
    ('风', '雨'),
    ('红', '绿'),
    ('东', '西'),
    ('马', '车'),
];

/// Learning character vectors from the poems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkipgramTask {
    /// Numbers per character.
    pub dim: usize,
    /// How far a neighbour may be.
    pub window: usize,
    /// Random characters each neighbour is told apart from.
    pub negatives: usize,
    /// Characters with a vector (the most frequent).
    pub vocab: usize,
    /// Poems whose characters are held out (scored, never trained on).
    pub held_out: usize,
}

impl Default for SkipgramTask {
    fn default() -> Self {
        Self { dim: 32, window: 2, negatives: 5, vocab: 2000, held_out: 500 }
    }
}

/// How close two characters' vectors are.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Closeness {
    pub a: char,
    pub b: char,
    /// Cosine similarity of the learned vectors (a one-hot code gives 0 for every pair).
    pub cosine: f32,
}

/// What the skip-gram task shows of itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingReport {
    /// The ten [`PAIRS`].
    pub pairs: Vec<Closeness>,
    /// The mean cosine of 500 random pairs of frequent characters: what "unrelated" looks like.
    pub random: f32,
    /// Characters with a vector.
    pub vocab: usize,
    /// Poems trained on, and poems held out to score.
    pub poems: [usize; 2],
}

/// A character in the 2-D map: its first two principal components.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub c: char,
    pub x: f32,
    pub y: f32,
}

pub struct Skipgram {
    spec: SkipgramTask,
    vocab: Vocab,
    /// Every character of the poems, as tokens, and the poem each belongs to.
    tokens: Vec<u32>,
    poem: Vec<u32>,
    split: Split,
    /// Poems trained on and held out.
    poems: [usize; 2],
    /// Tokens repeated in proportion to count^0.75: a uniform index draws a negative.
    table: Vec<u32>,
    learner: Learner,
    device: Device,
}

impl Skipgram {
    pub fn new(
        spec: &SkipgramTask,
        config: &TrainConfig,
        assets: &Assets,
        device: &Device,
    ) -> Result<Self, ConfigError> {
        let all = assets.poems.clone().ok_or(ConfigError::DataMissing(Asset::Poems))?;
        let checks = [("dim", spec.dim, 1, 256), ("window", spec.window, 1, 10), ("negatives", spec.negatives, 1, 50)];
        for (name, value, low, high) in checks {
            if !(low..=high).contains(&value) {
                return Err(ConfigError::Setting { name: name.into(), value: value as f64 });
            }
        }
        if !(10..=super::MAX_VOCAB).contains(&spec.vocab) {
            return Err(ConfigError::Setting { name: "vocab".into(), value: spec.vocab as f64 });
        }
        // Punctuation is not a character to learn; characters outside the vocabulary stay as gaps.
        let texts: Vec<String> = all.iter().map(|d| d.text.chars().filter(|c| !punctuation(*c)).collect()).collect();
        let vocab = Vocab::build(texts.iter().map(String::as_str), spec.vocab);
        let (mut tokens, mut poem) = (Vec::new(), Vec::new());
        for (p, text) in texts.iter().enumerate() {
            for c in text.chars() {
                tokens.push(vocab.token(c));
                poem.push(p as u32);
            }
        }
        // Held-out poems: their characters are scored, never trained on.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        stream(config.seed, 0x5E6A).shuffle(&mut order);
        let held: std::collections::HashSet<usize> = order.iter().take(spec.held_out).copied().collect();
        let usable = |i: usize| tokens[i] >= FIRST_CHAR;
        let train = (0..tokens.len()).filter(|&i| usable(i) && !held.contains(&(poem[i] as usize))).collect();
        let mut validation: Vec<usize> =
            (0..tokens.len()).filter(|&i| usable(i) && held.contains(&(poem[i] as usize))).collect();
        validation.truncate(4000);
        let split = Split::from_parts([train, validation, vec![], vec![]]);
        let mut counts = vec![0f64; vocab.len()];
        tokens.iter().for_each(|&t| counts[t as usize] += 1.0);
        let weights: Vec<f64> =
            counts.iter().enumerate().map(|(t, &n)| if t < FIRST_CHAR as usize { 0.0 } else { n.powf(0.75) }).collect();
        let total: f64 = weights.iter().sum();
        let table = weights
            .iter()
            .enumerate()
            .flat_map(|(t, w)| std::iter::repeat_n(t as u32, (w / total * 100_000.0).round() as usize))
            .collect();
        let stack = Stack {
            input: Shape::Tokens { steps: 2 + spec.negatives, vocab: 2 * vocab.len() },
            layers: vec![Layer::Embedding(Embedding { dim: spec.dim, std: INIT_STD })],
        };
        let net =
            Net::new(&stack, &mut Init::with_scheme(config.seed, config.init, device)).map_err(ConfigError::Stack)?;
        let mut learner = Learner::new(net, config.optimizer);
        learner.clip = config.clip;
        let poems = [texts.len() - held.len(), held.len()];
        Ok(Self { spec: spec.clone(), vocab, tokens, poem, split, poems, table, learner, device: device.clone() })
    }

    /// Centre, context and negatives of position `i`, drawn from `rng`: one row of tokens.
    fn example(&self, i: usize, rng: &mut Rng) -> Vec<i64> {
        let v = self.vocab.len() as i64;
        let w = self.spec.window;
        let same = |j: usize| self.poem[j] == self.poem[i] && self.tokens[j] >= FIRST_CHAR;
        let candidates: Vec<usize> =
            (i.saturating_sub(w)..=(i + w).min(self.tokens.len() - 1)).filter(|&j| j != i && same(j)).collect();
        let context = if candidates.is_empty() { i } else { candidates[rng.below(candidates.len())] };
        let mut row = vec![i64::from(self.tokens[i]), v + i64::from(self.tokens[context])];
        row.extend((0..self.spec.negatives).map(|_| v + i64::from(self.table[rng.below(self.table.len())])));
        row
    }

    fn batch(&self, indices: &[usize], rng: &mut Rng, device: &Device) -> Tensor<2, Int> {
        let rows: Vec<i64> = indices.iter().flat_map(|&i| self.example(i, rng)).collect();
        Tensor::from_data(TensorData::new(rows, [indices.len(), 2 + self.spec.negatives]), device)
    }

    /// Scores `[batch, 1 + negatives]`: the neighbour's dot product first, then the negatives'.
    fn scores(net: &Net, x: Tensor<2, Int>, ctx: &mut Ctx) -> Tensor<2> {
        let Value::Sequence(e) = net.forward(Value::Tokens(x), ctx) else { unreachable!("embed gives a sequence") };
        let [b, n, _] = e.dims();
        let centre = e.clone().slice(s![.., 0..1, ..]);
        let others = e.slice(s![.., 1..n, ..]);
        (others * centre).sum_dim(2).reshape([b, n - 1])
    }

    /// Every character's vector `v`, row by row (`vocab × dim`).
    fn vectors(&self) -> Vec<Vec<f32>> {
        let weights = match &self.learner.net().modules()[0] {
            crate::nn::LayerModule::Embedding(m) => m.weight.val().inner(),
            _ => unreachable!("the first layer is the embedding"),
        };
        let values: Vec<f32> = weights.try_into_vec_as().unwrap_or_default();
        values.chunks(self.spec.dim).take(self.vocab.len()).map(<[f32]>::to_vec).collect()
    }

    fn closeness(&self, vectors: &[Vec<f32>], a: char, b: char) -> Option<f32> {
        let (ta, tb) = (self.vocab.token(a), self.vocab.token(b));
        (ta >= FIRST_CHAR && tb >= FIRST_CHAR).then(|| cosine(&vectors[ta as usize], &vectors[tb as usize]))
    }

    fn neighbours(&self, c: char, k: usize) -> Result<Vec<Closeness>, QueryError> {
        let vectors = self.vectors();
        let t = self.vocab.token(c);
        if t < FIRST_CHAR {
            return Err(QueryError::Unknown(c.to_string()));
        }
        let mut all: Vec<Closeness> = (FIRST_CHAR as usize..vectors.len())
            .filter(|&o| o != t as usize)
            .filter_map(|o| {
                Some(Closeness {
                    a: c,
                    b: self.vocab.char(o as u32)?,
                    cosine: cosine(&vectors[t as usize], &vectors[o]),
                })
            })
            .collect();
        all.sort_by(|x, y| y.cosine.total_cmp(&x.cosine));
        all.truncate(k.min(50));
        Ok(all)
    }

    /// The `count` most frequent characters and those of `include` (if they have vectors) on the
    /// plane of their vectors' first two principal components.
    fn map(&self, count: usize, include: &str) -> Vec<MapPoint> {
        let vectors = self.vectors();
        let mut tokens: Vec<usize> = (FIRST_CHAR as usize..vectors.len()).take(count.min(300)).collect();
        for c in include.chars() {
            let t = self.vocab.token(c) as usize;
            if t >= FIRST_CHAR as usize && !tokens.contains(&t) {
                tokens.push(t);
            }
        }
        let rows: Vec<(char, &Vec<f32>)> =
            tokens.into_iter().filter_map(|t| Some((self.vocab.char(t as u32)?, &vectors[t]))).collect();
        let points: Vec<Vec<f32>> = rows.iter().map(|(_, v)| (*v).clone()).collect();
        let projected = principal_plane(&points);
        rows.iter().zip(projected).map(|((c, _), (x, y))| MapPoint { c: *c, x, y }).collect()
    }
}

fn punctuation(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '？' | '！' | '；' | '：')
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b)).max(1e-12)
}

/// Projects centred points onto their first two principal components (power iteration on the
/// covariance, the second after deflating the first).
pub fn principal_plane(points: &[Vec<f32>]) -> Vec<(f32, f32)> {
    let Some(d) = points.first().map(Vec::len) else { return vec![] };
    let n = points.len() as f32;
    let mean: Vec<f32> = (0..d).map(|j| points.iter().map(|p| p[j]).sum::<f32>() / n).collect();
    let centred: Vec<Vec<f32>> = points.iter().map(|p| p.iter().zip(&mean).map(|(x, m)| x - m).collect()).collect();
    let mut cov = vec![vec![0f32; d]; d];
    for p in &centred {
        for i in 0..d {
            for j in 0..d {
                cov[i][j] += p[i] * p[j] / n;
            }
        }
    }
    let mut components: Vec<Vec<f32>> = Vec::new();
    for k in 0..2 {
        let mut v: Vec<f32> = (0..d).map(|i| 1.0 + (i * (k + 1)) as f32 * 0.01).collect();
        for _ in 0..200 {
            let mut next: Vec<f32> = (0..d).map(|i| (0..d).map(|j| cov[i][j] * v[j]).sum()).collect();
            for c in &components {
                let along: f32 = next.iter().zip(c).map(|(x, y)| x * y).sum();
                next.iter_mut().zip(c).for_each(|(x, y)| *x -= along * y);
            }
            let norm = next.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            v = next.into_iter().map(|x| x / norm).collect();
        }
        components.push(v);
    }
    let along = |p: &Vec<f32>, c: &Vec<f32>| p.iter().zip(c).map(|(x, y)| x * y).sum::<f32>();
    centred.iter().map(|p| (along(p, &components[0]), along(p, &components[1]))).collect()
}

impl Task for Skipgram {
    fn train_order(&self) -> Vec<usize> {
        self.split.part(Part::Train).to_vec()
    }

    fn step(&mut self, batch: &[usize], lr: f64, traced: bool, rng: &mut Rng) -> Result<TaskStep, Diverged> {
        let x = self.batch(batch, rng, &self.device);
        let stepped = self.learner.step(lr, traced, |net, trace| {
            let mut ctx = Ctx { rng: None, trace: Some(trace) };
            let scores = Self::scores(net, x, &mut ctx);
            let n = scores.dims()[1];
            let positive = log_sigmoid(scores.clone().slice(s![.., 0..1])).sum_dim(1);
            let negative = log_sigmoid(-scores.clone().slice(s![.., 1..n])).sum_dim(1);
            let loss = -(positive + negative).mean();
            let first = scores.clone().argmax(1).equal_elem(0).float().mean();
            (loss, first)
        })?;
        Ok(TaskStep { loss: stepped.loss, accuracy: Some(stepped.output.into_scalar::<f32>()), ..TaskStep::default() })
    }

    /// On held-out poems: how often the true neighbour scores above every drawn negative, and
    /// the cross-entropy of picking it among them (each position's draws fixed by its index).
    fn evaluate(&self, part: Part, model: Option<&Net>) -> Evaluation {
        let model = model.unwrap_or(self.learner.net()).valid();
        let device = self.device.clone().inner();
        let mut scorer = Scorer::new(part, 1 + self.spec.negatives, Loss::default());
        for chunk in self.split.part(part).chunks(256) {
            let rows: Vec<i64> = chunk.iter().flat_map(|&i| self.example(i, &mut stream(i as u64, 0xE7A1))).collect();
            let x = Tensor::from_data(TensorData::new(rows, [chunk.len(), 2 + self.spec.negatives]), &device);
            let scores: Vec<f32> = Self::scores(&model, x, &mut Ctx::inference()).try_into_vec_as().unwrap_or_default();
            for (row, &i) in scores.chunks(1 + self.spec.negatives).zip(chunk) {
                scorer.add(row, 0, i);
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
            Query::Neighbours { character, count } => Ok(Answer::Neighbours(self.neighbours(*character, *count)?)),
            Query::Map { count, include } => Ok(Answer::Map(self.map(*count, include))),
            _ => Err(QueryError::Unsupported),
        }
    }

    fn report(&self) -> Option<TaskReport> {
        let vectors = self.vectors();
        let pairs = PAIRS
            .iter()
            .filter_map(|&(a, b)| Some(Closeness { a, b, cosine: self.closeness(&vectors, a, b)? }))
            .collect();
        let mut rng = Rng::new(0x0DD5);
        let frequent = 500.min(vectors.len() - FIRST_CHAR as usize);
        let random = (0..500)
            .map(|_| {
                let a = rng.below(frequent);
                // A different character: one of the others, uniformly.
                let b = (a + 1 + rng.below(frequent - 1)) % frequent;
                cosine(&vectors[FIRST_CHAR as usize + a], &vectors[FIRST_CHAR as usize + b])
            })
            .sum::<f32>()
            / 500.0;
        Some(TaskReport::Embedding(EmbeddingReport { pairs, random, vocab: self.vocab.len(), poems: self.poems }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_principal_plane_finds_the_spread() {
        // Points along (1, 1, 0) with a little spread along (0, 0, 1).
        let points: Vec<Vec<f32>> = (0..20).map(|i| vec![i as f32, i as f32, (i % 2) as f32 * 0.1]).collect();
        let plane = principal_plane(&points);
        let xs: Vec<f32> = plane.iter().map(|p| p.0).collect();
        let spread =
            xs.iter().cloned().fold(f32::NEG_INFINITY, f32::max) - xs.iter().cloned().fold(f32::INFINITY, f32::min);
        assert!((spread - 19.0 * 2f32.sqrt()).abs() < 1e-2, "{spread}");
        assert!(plane.iter().all(|p| p.1.abs() < 0.1));
        assert!((cosine(&[1.0, 0.0], &[0.0, 1.0])).abs() < 1e-6);
        assert!((cosine(&[1.0, 2.0], &[2.0, 4.0]) - 1.0).abs() < 1e-6);
    }
}
