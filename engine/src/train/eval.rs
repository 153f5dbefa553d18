//! Scoring a classifier on examples it is not trained on: loss, accuracy, the confusion matrix,
//! the first mistakes, and how well its confidence matches its accuracy (calibration). Any task
//! whose model ends in class scores (digits, poem forms, tones per character) is scored here.

use serde::{Deserialize, Serialize};

use crate::data::Part;
use crate::loss::Loss;

/// A model's scores on one part of the split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub part: Part,
    /// Predictions scored (examples, or positions for tasks that classify every position).
    pub count: usize,
    /// Mean cross-entropy (whatever the training loss).
    pub loss: f32,
    pub accuracy: f32,
    /// How many classes the confusion matrix has (0 when there are too many to keep one).
    pub classes: usize,
    /// Row-major `classes × classes`: `confusion[true · classes + predicted]`.
    pub confusion: Vec<u32>,
    /// The first misclassified examples, in the part's order.
    pub mistakes: Vec<Mistake>,
    /// How well confidence matches accuracy.
    pub calibration: Calibration,
    /// Under the run's own loss: the share of the total that comes from easy examples (the
    /// correct class has probability at least 0.5).
    pub easy_loss_share: f32,
}

/// Confidence against accuracy, in ten equal bins of confidence (the largest probability).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Calibration {
    /// Per bin: how many predictions, their mean confidence, and the share that were right.
    pub bins: Vec<CalibrationBin>,
    /// Expected calibration error: `Σ (n_b / n) · |accuracy_b − confidence_b|`.
    pub ece: f32,
    /// Mean length (L2 norm) of the logit vectors.
    pub mean_logit_norm: f32,
    /// Mean confidence.
    pub mean_confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub count: u32,
    pub confidence: f32,
    pub accuracy: f32,
}

/// How many calibration bins an evaluation keeps.
pub const CALIBRATION_BINS: usize = 10;

/// Above this many classes an evaluation keeps no confusion matrix.
pub const MAX_CONFUSION_CLASSES: usize = 32;

/// An example the model got wrong.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// Index of the example in its dataset (for digits, in the digits file).
    pub index: usize,
    pub label: u32,
    pub predicted: u32,
    /// The probability the model gave its (wrong) prediction.
    pub confidence: f32,
}

/// How many mistakes an evaluation keeps.
pub const MAX_MISTAKES: usize = 48;

impl Calibration {
    pub(crate) fn from_predictions(predictions: &[(f32, bool)], logit_norm_sum: f64) -> Calibration {
        let mut sums = [(0u32, 0.0f64, 0u32); CALIBRATION_BINS];
        for &(confidence, right) in predictions {
            let b = ((confidence * CALIBRATION_BINS as f32) as usize).min(CALIBRATION_BINS - 1);
            sums[b].0 += 1;
            sums[b].1 += f64::from(confidence);
            sums[b].2 += u32::from(right);
        }
        let n = predictions.len().max(1) as f32;
        let bins: Vec<CalibrationBin> = sums
            .iter()
            .map(|&(count, conf, right)| CalibrationBin {
                count,
                confidence: if count > 0 { (conf / f64::from(count)) as f32 } else { 0.0 },
                accuracy: if count > 0 { right as f32 / count as f32 } else { 0.0 },
            })
            .collect();
        let ece = bins.iter().map(|b| b.count as f32 / n * (b.accuracy - b.confidence).abs()).sum();
        Calibration {
            bins,
            ece,
            mean_logit_norm: (logit_norm_sum / f64::from(n)) as f32,
            mean_confidence: predictions.iter().map(|p| p.0).sum::<f32>() / n,
        }
    }
}

/// Accumulates an [`Evaluation`] one prediction at a time.
pub struct Scorer {
    part: Part,
    classes: usize,
    loss: Loss,
    cross_entropy: f64,
    correct: usize,
    confusion: Vec<u32>,
    mistakes: Vec<Mistake>,
    predictions: Vec<(f32, bool)>,
    logit_norms: f64,
    easy_loss: f64,
    total_loss: f64,
}

impl Scorer {
    /// Scores predictions among `classes` classes; `loss` is the run's training loss (for the
    /// easy examples' share).
    pub fn new(part: Part, classes: usize, loss: Loss) -> Self {
        let kept = if classes <= MAX_CONFUSION_CLASSES { classes } else { 0 };
        Self {
            part,
            classes: kept,
            loss,
            cross_entropy: 0.0,
            correct: 0,
            confusion: vec![0; kept * kept],
            mistakes: vec![],
            predictions: vec![],
            logit_norms: 0.0,
            easy_loss: 0.0,
            total_loss: 0.0,
        }
    }

    /// Adds one prediction: the logits of example `index`, whose true class is `label`.
    pub fn add(&mut self, logits: &[f32], label: usize, index: usize) {
        let probs = softmax(logits);
        let predicted = argmax(&probs);
        let p_t = probs.get(label).copied().unwrap_or(0.0);
        self.cross_entropy -= f64::from(p_t.max(1e-12).ln());
        let own = f64::from(self.loss.of_pt(p_t));
        self.total_loss += own;
        if p_t >= 0.5 {
            self.easy_loss += own;
        }
        self.logit_norms += f64::from(logits.iter().map(|v| v * v).sum::<f32>().sqrt());
        self.predictions.push((probs[predicted], predicted == label));
        if self.classes > 0 && label < self.classes {
            self.confusion[label * self.classes + predicted] += 1;
        }
        if predicted == label {
            self.correct += 1;
        } else if self.mistakes.len() < MAX_MISTAKES {
            let confidence = probs[predicted];
            self.mistakes.push(Mistake { index, label: label as u32, predicted: predicted as u32, confidence });
        }
    }

    pub fn finish(self) -> Evaluation {
        let count = self.predictions.len();
        Evaluation {
            part: self.part,
            count,
            loss: (self.cross_entropy / count.max(1) as f64) as f32,
            accuracy: self.correct as f32 / count.max(1) as f32,
            classes: self.classes,
            confusion: self.confusion,
            mistakes: self.mistakes,
            calibration: Calibration::from_predictions(&self.predictions, self.logit_norms),
            easy_loss_share: if self.total_loss > 0.0 { (self.easy_loss / self.total_loss) as f32 } else { 0.0 },
        }
    }
}

/// Per class, F1 (the harmonic mean of precision and recall) from a `k × k` confusion matrix
/// (rows true, columns predicted).
pub fn f1_scores(confusion: &[u32], k: usize) -> Vec<f32> {
    (0..k)
        .map(|c| {
            let hit = confusion[c * k + c] as f32;
            let row: u32 = (0..k).map(|p| confusion[c * k + p]).sum();
            let col: u32 = (0..k).map(|t| confusion[t * k + c]).sum();
            2.0 * hit / (row + col).max(1) as f32
        })
        .collect()
}

/// Numerically stable softmax.
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

/// The index of the largest value (the first on ties).
pub fn argmax(values: &[f32]) -> usize {
    values.iter().enumerate().fold(0, |best, (i, v)| if *v > values[best] { i } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_bins_and_ece() {
        // Two predictions at 0.95 confidence, one right; one at 0.55, right.
        let c = Calibration::from_predictions(&[(0.95, true), (0.95, false), (0.55, true)], 6.0);
        assert_eq!(c.bins[9].count, 2);
        assert!((c.bins[9].accuracy - 0.5).abs() < 1e-6);
        assert_eq!(c.bins[5].count, 1);
        let expected = 2.0 / 3.0 * (0.5f32 - 0.95).abs() + 1.0 / 3.0 * (1.0f32 - 0.55).abs();
        assert!((c.ece - expected).abs() < 1e-5);
        assert!((c.mean_logit_norm - 2.0).abs() < 1e-6);
    }

    #[test]
    fn f1_per_class() {
        // 3 classes; class 1: 2 right, 1 missed (taken for 0), 1 false alarm (a 2 taken for 1).
        let m = [5, 0, 0, 1, 2, 0, 0, 1, 3];
        let f = f1_scores(&m, 3);
        assert!((f[1] - 2.0 * 2.0 / (3.0 + 3.0)).abs() < 1e-6);
        assert!((f[0] - 10.0 / 11.0).abs() < 1e-6);
    }

    #[test]
    fn softmax_is_stable_and_the_scorer_counts() {
        assert_eq!(softmax(&[1000.0, 1000.0]), [0.5, 0.5]);
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), 1);
        let mut s = Scorer::new(Part::Test, 3, Loss::default());
        s.add(&[5.0, 0.0, 0.0], 0, 10);
        s.add(&[0.0, 5.0, 0.0], 2, 11);
        let e = s.finish();
        assert_eq!((e.count, e.accuracy), (2, 0.5));
        assert_eq!(e.confusion, [1, 0, 0, 0, 0, 0, 0, 1, 0]);
        assert_eq!(
            e.mistakes,
            [Mistake { index: 11, label: 2, predicted: 1, confidence: softmax(&[0.0, 5.0, 0.0])[1] }]
        );
    }
}
