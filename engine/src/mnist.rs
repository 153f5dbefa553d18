//! The real handwritten digits every lesson uses: 10,000 MNIST digits (28×28, grey levels
//! 0–255, labels 0–9), read from the compact file in `assets/` (see `assets/README.md`).
//!
//! File layout, little-endian:
//! `b"DLMNIST1"`, `u32` count, `u16` rows, `u16` cols, then a zlib stream holding `count` label
//! bytes followed by `count · rows · cols` pixel bytes.

use std::fmt;

use crate::conv::Volume;

/// Side of an MNIST digit in pixels.
pub const SIDE: usize = 28;
/// Pixels in one digit.
pub const PIXELS: usize = SIDE * SIDE;
/// Number of classes.
pub const CLASSES: usize = 10;
/// Digits in the shipped file (`assets/mnist-digits.bin`; its test checks the count), for the
/// pages that describe a run before the worker has read them.
pub const SHIPPED: usize = 10_000;

const MAGIC: &[u8; 8] = b"DLMNIST1";
const HEADER: usize = 16;

/// Why a digits file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MnistError {
    TooShort,
    BadMagic,
    BadGeometry { rows: usize, cols: usize },
    Corrupt(String),
    WrongLength { expected: usize, found: usize },
    BadLabel { index: usize, label: u8 },
}

impl fmt::Display for MnistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort => write!(f, "the digits file is shorter than its header"),
            Self::BadMagic => write!(f, "this is not a dlnotes digits file"),
            Self::BadGeometry { rows, cols } => write!(f, "digits are {rows}×{cols}, expected 28×28"),
            Self::Corrupt(e) => write!(f, "the digits file is corrupt: {e}"),
            Self::WrongLength { expected, found } => {
                write!(f, "the digits file holds {found} bytes of data, expected {expected}")
            }
            Self::BadLabel { index, label } => write!(f, "digit {index} has label {label}, not 0–9"),
        }
    }
}

impl std::error::Error for MnistError {}

/// The digits, in the order of the file.
#[derive(Clone, PartialEq, Eq)]
pub struct Mnist {
    labels: Vec<u8>,
    pixels: Vec<u8>,
}

impl fmt::Debug for Mnist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mnist").field("len", &self.len()).finish()
    }
}

impl Mnist {
    /// Parses and checks a digits file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, MnistError> {
        if bytes.len() < HEADER {
            return Err(MnistError::TooShort);
        }
        if &bytes[..8] != MAGIC {
            return Err(MnistError::BadMagic);
        }
        let count = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes")) as usize;
        let rows = u16::from_le_bytes([bytes[12], bytes[13]]) as usize;
        let cols = u16::from_le_bytes([bytes[14], bytes[15]]) as usize;
        if (rows, cols) != (SIDE, SIDE) {
            return Err(MnistError::BadGeometry { rows, cols });
        }
        let expected = count * (1 + PIXELS);
        let mut data = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes[HEADER..], expected)
            .map_err(|e| MnistError::Corrupt(format!("{:?}", e.status)))?;
        if data.len() != expected {
            return Err(MnistError::WrongLength { expected, found: data.len() });
        }
        let pixels = data.split_off(count);
        // The labels keep the whole file's buffer until shrunk: 7.9 MB for the shipped 10,000
        // digits, in the page and in every worker that loads them.
        data.shrink_to_fit();
        if let Some((index, &label)) = data.iter().enumerate().find(|(_, l)| **l as usize >= CLASSES) {
            return Err(MnistError::BadLabel { index, label });
        }
        Ok(Self { labels: data, pixels })
    }

    /// Encodes digits in the file format (the inverse of [`Mnist::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.pixels.len() / 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.len() as u32).to_le_bytes());
        out.extend_from_slice(&(SIDE as u16).to_le_bytes());
        out.extend_from_slice(&(SIDE as u16).to_le_bytes());
        let mut raw = self.labels.clone();
        raw.extend_from_slice(&self.pixels);
        out.extend(miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9));
        out
    }

    /// Builds a set from labels and `28 × 28` grey levels per digit.
    pub fn from_parts(labels: Vec<u8>, pixels: Vec<u8>) -> Result<Self, MnistError> {
        if pixels.len() != labels.len() * PIXELS {
            return Err(MnistError::WrongLength { expected: labels.len() * PIXELS, found: pixels.len() });
        }
        if let Some((index, &label)) = labels.iter().enumerate().find(|(_, l)| **l as usize >= CLASSES) {
            return Err(MnistError::BadLabel { index, label });
        }
        Ok(Self { labels, pixels })
    }

    /// This set with more digits after its own (generated ones, say).
    pub fn extended(&self, labels: &[u8], pixels: &[u8]) -> Result<Self, MnistError> {
        Self::from_parts([&self.labels[..], labels].concat(), [&self.pixels[..], pixels].concat())
    }

    /// A synthetic stand-in for tests of the training machinery: `n` images where class `c` is
    /// a bright horizontal bar at row `2c + 4` (on noise up to `noise` grey levels), labels
    /// cycling 0–9. Easy to learn, so a test can tell learning from chance in a few steps.
    pub fn bars(n: usize, noise: u8, seed: u64) -> Self {
        let mut rng = crate::rng::Rng::new(seed);
        let labels: Vec<u8> = (0..n).map(|i| (i % CLASSES) as u8).collect();
        let mut pixels = vec![0u8; n * PIXELS];
        for (i, &l) in labels.iter().enumerate() {
            let image = &mut pixels[i * PIXELS..(i + 1) * PIXELS];
            if noise > 0 {
                image.iter_mut().for_each(|p| *p = rng.below(usize::from(noise)) as u8);
            }
            let row = 2 * l as usize + 4;
            for x in 4..24 {
                image[row * SIDE + x] = 200 + rng.below(55) as u8;
            }
        }
        Self { labels, pixels }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn label(&self, index: usize) -> u8 {
        self.labels[index]
    }

    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// The grey levels (0 = background, 255 = ink) of one digit, row-major.
    pub fn pixels(&self, index: usize) -> &[u8] {
        &self.pixels[index * PIXELS..(index + 1) * PIXELS]
    }

    /// One digit as a single-channel volume with values in `[0, 1]`.
    pub fn volume(&self, index: usize) -> Volume {
        let data = self.pixels(index).iter().map(|&p| f32::from(p) / 255.0).collect();
        Volume::from_vec(1, SIDE, SIDE, data).expect("a digit has 28×28 pixels")
    }

    /// The index of the `nth` digit with label `class` (wrapping around), for pickers.
    pub fn nth_of_class(&self, class: u8, nth: usize) -> Option<usize> {
        let matches: Vec<usize> = (0..self.len()).filter(|&i| self.labels[i] == class).collect();
        (!matches.is_empty()).then(|| matches[nth % matches.len()])
    }
}

/// Turns a drawing into a 28×28 digit the way MNIST digits were made: the ink's bounding box is
/// scaled to fit a 20×20 box (keeping its proportions, averaging the pixels it covers), then
/// placed so that its centre of mass sits at the centre of the image. `ink` is row-major,
/// `width × height`, with values in `[0, 1]`. Returns `None` for a blank drawing.
pub fn from_drawing(ink: &[f32], width: usize, height: usize) -> Option<Vec<f32>> {
    assert_eq!(ink.len(), width * height, "the drawing has width × height values");
    let inked = |x: usize, y: usize| ink[y * width + x] > 0.05;
    let rows: Vec<usize> = (0..height).filter(|&y| (0..width).any(|x| inked(x, y))).collect();
    let cols: Vec<usize> = (0..width).filter(|&x| (0..height).any(|y| inked(x, y))).collect();
    let (&top, &bottom, &left, &right) = (rows.first()?, rows.last()?, cols.first()?, cols.last()?);
    let (bw, bh) = ((right - left + 1) as f32, (bottom - top + 1) as f32);
    let scale = 20.0 / bw.max(bh);
    let (tw, th) = (((bw * scale).round() as usize).clamp(1, 20), ((bh * scale).round() as usize).clamp(1, 20));
    // Box-filter the bounding box down to tw × th.
    let mut small = vec![0.0f32; tw * th];
    for ty in 0..th {
        for tx in 0..tw {
            let edge =
                |start: usize, len: f32, parts: usize, i: usize| start + (i as f32 * len / parts as f32) as usize;
            let (x0, y0) = (edge(left, bw, tw, tx), edge(top, bh, th, ty));
            // Every target pixel covers at least one source pixel.
            let x1 = edge(left, bw, tw, tx + 1).clamp(x0 + 1, right + 1);
            let y1 = edge(top, bh, th, ty + 1).clamp(y0 + 1, bottom + 1);
            let sum: f32 = (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).map(|(x, y)| ink[y * width + x]).sum();
            small[ty * tw + tx] = (sum / ((x1 - x0) * (y1 - y0)) as f32).clamp(0.0, 1.0);
        }
    }
    // Centre of mass of the small image, placed at the middle of 28×28.
    let mass: f32 = small.iter().sum();
    let (mut cx, mut cy) = (0.0, 0.0);
    for (i, v) in small.iter().enumerate() {
        cx += (i % tw) as f32 * v;
        cy += (i / tw) as f32 * v;
    }
    let (cx, cy) = (cx / mass.max(1e-6), cy / mass.max(1e-6));
    let ox = ((SIDE as f32 / 2.0 - 0.5 - cx).round() as isize).clamp(0, (SIDE - tw) as isize) as usize;
    let oy = ((SIDE as f32 / 2.0 - 0.5 - cy).round() as isize).clamp(0, (SIDE - th) as isize) as usize;
    let mut out = vec![0.0f32; PIXELS];
    for ty in 0..th {
        for tx in 0..tw {
            out[(oy + ty) * SIDE + ox + tx] = small[ty * tw + tx];
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_are_scaled_and_centred_like_mnist() {
        // A thick vertical stroke in the top-left corner of a 280×280 canvas.
        let (w, h) = (280, 280);
        let mut ink = vec![0.0; w * h];
        for y in 10..150 {
            for x in 20..40 {
                ink[y * w + x] = 1.0;
            }
        }
        let digit = from_drawing(&ink, w, h).unwrap();
        let rows: Vec<usize> = (0..SIDE).filter(|&y| (0..SIDE).any(|x| digit[y * SIDE + x] > 0.5)).collect();
        assert_eq!(rows.len(), 20, "the longer side fills 20 pixels");
        assert_eq!((rows[0], rows[19]), (4, 23), "and is centred vertically");
        let cols: Vec<usize> = (0..SIDE).filter(|&x| (0..SIDE).any(|y| digit[y * SIDE + x] > 0.5)).collect();
        let centre = (cols[0] + cols[cols.len() - 1]) as f32 / 2.0;
        assert!((centre - 13.5).abs() <= 1.0, "centred horizontally: {cols:?}");
        assert!(from_drawing(&vec![0.0; 100], 10, 10).is_none());
    }

    fn tiny() -> Mnist {
        let labels = vec![3, 7];
        let pixels = (0..2 * PIXELS).map(|i| (i % 256) as u8).collect();
        Mnist::from_parts(labels, pixels).unwrap()
    }

    #[test]
    fn bytes_round_trip() {
        let set = tiny();
        let back = Mnist::from_bytes(&set.to_bytes()).unwrap();
        assert_eq!(back, set);
        assert_eq!(
            (back.labels.capacity(), back.pixels.capacity()),
            (2, 2 * PIXELS),
            "no memory held beyond the digits"
        );
        assert_eq!(back.label(1), 7);
        assert_eq!(back.volume(0).get(0, 0, 1), 1.0 / 255.0);
        assert_eq!(back.nth_of_class(7, 5), Some(1));
        assert_eq!(back.nth_of_class(4, 0), None);
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        let good = tiny().to_bytes();
        assert_eq!(Mnist::from_bytes(&good[..10]), Err(MnistError::TooShort));
        let mut magic = good.clone();
        magic[0] = b'X';
        assert_eq!(Mnist::from_bytes(&magic), Err(MnistError::BadMagic));
        let mut count = good.clone();
        count[8] = 3;
        assert!(matches!(Mnist::from_bytes(&count), Err(MnistError::WrongLength { .. })));
        let mut geometry = good.clone();
        geometry[12] = 27;
        assert_eq!(Mnist::from_bytes(&geometry), Err(MnistError::BadGeometry { rows: 27, cols: 28 }));
        let truncated = &good[..good.len() - 20];
        assert!(Mnist::from_bytes(truncated).is_err());
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xFF;
        assert!(Mnist::from_bytes(&flipped).is_err());
        let mut labels = vec![0u8; 1];
        labels[0] = 12;
        assert_eq!(Mnist::from_parts(labels, vec![0; PIXELS]), Err(MnistError::BadLabel { index: 0, label: 12 }));
    }
}
