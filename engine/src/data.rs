//! The data a worker holds ([`Assets`]), seeded splits into training, validation, test and
//! holdout parts, and batches assembled from indices: a training step copies its own examples,
//! never the set.

use std::fmt;
use std::sync::Arc;

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::augment::Augment;
use crate::mnist::{Mnist, PIXELS, SIDE};
use crate::rng::Rng;
use crate::text::Doc;

/// A dataset shipped in `assets/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Asset {
    /// 10,000 real MNIST digits.
    Digits,
    /// Classical Chinese poems.
    Poems,
}

/// The datasets a worker has loaded.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub digits: Option<Arc<Mnist>>,
    /// The poems as read from their file; each text task builds its own selection and
    /// vocabulary from them.
    pub poems: Option<Arc<Vec<Doc>>>,
}

impl Assets {
    /// Only the digits.
    pub fn digits(data: Arc<Mnist>) -> Self {
        Self { digits: Some(data), poems: None }
    }
}

/// A part of a split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// Fitted by gradient descent (the note's 作业, homework).
    Train,
    /// Chooses between models and epochs (模拟考, the mock exam).
    Validation,
    /// Scored once, at the end (高考, the final exam).
    Test,
    /// Never used for anything but measuring how optimistic a choice was.
    Holdout,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Train, Part::Validation, Part::Test, Part::Holdout];

    fn index(self) -> usize {
        self as usize
    }
}

/// How many digits go to each part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitSpec {
    pub train: usize,
    pub validation: usize,
    pub test: usize,
    pub holdout: usize,
}

impl Default for SplitSpec {
    /// 8,000 digits to train on, 1,000 to validate, 1,000 to test.
    fn default() -> Self {
        Self { train: 8000, validation: 1000, test: 1000, holdout: 0 }
    }
}

impl SplitSpec {
    pub fn total(&self) -> usize {
        self.train + self.validation + self.test + self.holdout
    }
}

/// Why a split cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SplitError {
    /// The parts ask for more digits than there are.
    TooMany { asked: usize, available: usize },
    /// Nothing to train on.
    NoTraining,
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany { asked, available } => write!(f, "the split asks for {asked} digits, there are {available}"),
            Self::NoTraining => write!(f, "the training part is empty"),
        }
    }
}

impl std::error::Error for SplitError {}

/// Indices of the digits in each part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    parts: [Vec<usize>; 4],
}

impl Split {
    /// Shuffles `0..len` with `seed` and deals the parts from the end: holdout, then test, then
    /// validation, then training. Changing the training size therefore never changes which
    /// digits are tested or held out.
    pub fn new(len: usize, spec: SplitSpec, seed: u64) -> Result<Split, SplitError> {
        if spec.total() > len {
            return Err(SplitError::TooMany { asked: spec.total(), available: len });
        }
        if spec.train == 0 {
            return Err(SplitError::NoTraining);
        }
        let mut order: Vec<usize> = (0..len).collect();
        Rng::new(seed).shuffle(&mut order);
        let mut take = |n: usize| order.split_off(order.len() - n);
        let holdout = take(spec.holdout);
        let test = take(spec.test);
        let validation = take(spec.validation);
        let train = take(spec.train);
        Ok(Split { parts: [train, validation, test, holdout] })
    }

    /// A split dealt by the caller: training, validation, test, holdout.
    pub fn from_parts(parts: [Vec<usize>; 4]) -> Split {
        Split { parts }
    }

    pub fn part(&self, part: Part) -> &[usize] {
        &self.parts[part.index()]
    }
}

/// Turns lists of digit indices into input and label tensors.
pub struct Batcher;

impl Batcher {
    /// The digits at `indices` as a `[n, 1, 28, 28]` tensor with values in `[0, 1]`, and their
    /// labels as `[n]`. The values are built once, straight into the tensors' data.
    pub fn batch(data: &Mnist, indices: &[usize], device: &Device) -> (Tensor<4>, Tensor<1, Int>) {
        Self::augmented(data, indices, i64::from, None, device)
    }

    /// Like [`Batcher::batch`], with labels mapped by `label` and, with `augment`, each image
    /// transformed by a draw from its generator: the hook where augmentation goes.
    pub fn augmented(
        data: &Mnist,
        indices: &[usize],
        label: impl Fn(u8) -> i64,
        mut augment: Option<(&Augment, &mut Rng)>,
        device: &Device,
    ) -> (Tensor<4>, Tensor<1, Int>) {
        let n = indices.len();
        let mut pixels = Vec::with_capacity(n * PIXELS);
        for &i in indices {
            let start = pixels.len();
            pixels.extend(data.pixels(i).iter().map(|&p| f32::from(p) / 255.0));
            if let Some((augment, rng)) = augment.as_mut() {
                augment.apply(&mut pixels[start..], SIDE, rng);
            }
        }
        let labels: Vec<i64> = indices.iter().map(|&i| label(data.label(i))).collect();
        let x = Tensor::from_data(TensorData::new(pixels, [n, 1, SIDE, SIDE]), device);
        let y = Tensor::from_data(TensorData::new(labels, [n]), device);
        (x, y)
    }

    /// One image given as 784 values in `[0, 1]` (a drawn digit), as a `[1, 1, 28, 28]` tensor.
    pub fn image(pixels: &[f32], device: &Device) -> Tensor<4> {
        assert_eq!(pixels.len(), PIXELS, "an image has 28×28 values");
        Tensor::from_data(TensorData::new(pixels.to_vec(), [1, 1, 28, 28]), device)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_disjoint_seeded_and_stable_when_training_shrinks() {
        let spec = SplitSpec { train: 50, validation: 20, test: 20, holdout: 10 };
        let a = Split::new(100, spec, 1).unwrap();
        let mut all: Vec<usize> = Part::ALL.iter().flat_map(|&p| a.part(p).to_vec()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert_eq!(a, Split::new(100, spec, 1).unwrap());
        assert_ne!(a, Split::new(100, spec, 2).unwrap());
        let smaller = Split::new(100, SplitSpec { train: 30, ..spec }, 1).unwrap();
        assert_eq!(smaller.part(Part::Test), a.part(Part::Test));
        assert_eq!(smaller.part(Part::Holdout), a.part(Part::Holdout));
        assert_eq!(Split::new(10, spec, 1), Err(SplitError::TooMany { asked: 100, available: 10 }));
        assert_eq!(
            Split::new(10, SplitSpec { train: 0, validation: 1, test: 1, holdout: 0 }, 1),
            Err(SplitError::NoTraining)
        );
    }

    #[test]
    fn batches_hold_the_chosen_digits() {
        let labels = vec![3, 7, 1];
        let pixels: Vec<u8> = (0..3 * PIXELS).map(|i| (i / PIXELS * 100) as u8).collect();
        let data = Mnist::from_parts(labels, pixels).unwrap();
        let (x, y) = Batcher::batch(&data, &[2, 0], &Device::flex());
        assert_eq!(x.dims(), [2, 1, 28, 28]);
        assert_eq!(y.try_into_vec_as::<i64>().unwrap(), [1, 3]);
        let first: Vec<f32> = x.slice(s![0, 0, 0, 0..2]).try_into_vec_as().unwrap();
        assert_eq!(first, [200.0 / 255.0; 2]);
    }
}
