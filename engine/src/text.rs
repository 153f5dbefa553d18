//! Text as a network reads it: characters become integer tokens through a [`Vocab`], and a
//! [`Corpus`] holds the documents (poems) with what each task learns about them: the form
//! (shi or ci) and the tone (平 or 仄) of each character.
//!
//! The poems file (`assets/poems.bin`, see `assets/README.md`), little-endian: `b"DLPOEMS1"`,
//! `u32` count, then a zlib stream of UTF-8 lines, one per poem: form (`0` shi, `1` ci), tab,
//! title, tab, text, tab, tones (one mark per character of the text: `P` 平, `Z` 仄, `O` either,
//! `-` punctuation; empty when unknown).

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The token of padding (before a short sequence).
pub const PAD: u32 = 0;
/// The token of a character outside the vocabulary.
pub const UNK: u32 = 1;
/// Tokens below this are not characters.
pub const FIRST_CHAR: u32 = 2;

/// Characters and their tokens: the most frequent characters of a corpus.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Vocab {
    /// The character of token `FIRST_CHAR + i`, most frequent first.
    chars: Vec<char>,
    #[serde(skip)]
    index: HashMap<char, u32>,
}

impl Vocab {
    /// The `max` most frequent characters of `texts` (ties broken by first appearance).
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>, max: usize) -> Self {
        let mut counts: HashMap<char, (usize, usize)> = HashMap::new();
        let mut order = 0;
        for text in texts {
            for ch in text.chars() {
                let entry = counts.entry(ch).or_insert_with(|| {
                    order += 1;
                    (0, order)
                });
                entry.0 += 1;
            }
        }
        let mut chars: Vec<(char, usize, usize)> = counts.into_iter().map(|(c, (n, o))| (c, n, o)).collect();
        chars.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        Self::from_chars(chars.into_iter().take(max).map(|c| c.0).collect())
    }

    /// A vocabulary of these characters, in this order.
    pub fn from_chars(chars: Vec<char>) -> Self {
        let index = chars.iter().enumerate().map(|(i, &c)| (c, i as u32 + FIRST_CHAR)).collect();
        Self { chars, index }
    }

    /// Tokens, padding and unknown included.
    pub fn len(&self) -> usize {
        self.chars.len() + FIRST_CHAR as usize
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn token(&self, ch: char) -> u32 {
        self.index.get(&ch).copied().unwrap_or(UNK)
    }

    pub fn encode(&self, text: &str) -> Vec<u32> {
        text.chars().map(|c| self.token(c)).collect()
    }

    /// The character of `token` (`None` for padding and unknown).
    pub fn char(&self, token: u32) -> Option<char> {
        token.checked_sub(FIRST_CHAR).and_then(|i| self.chars.get(i as usize)).copied()
    }

    pub fn decode(&self, tokens: &[u32]) -> String {
        tokens.iter().map(|&t| self.char(t).unwrap_or('□')).collect()
    }
}

/// The tone class of one character in regulated verse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    /// 平: level.
    Ping,
    /// 仄: oblique.
    Ze,
    /// ○ in the pattern: either tone is allowed here.
    Either,
    /// Punctuation: no tone.
    None,
}

impl Tone {
    /// The mark of the poems file.
    pub fn mark(self) -> char {
        match self {
            Tone::Ping => 'P',
            Tone::Ze => 'Z',
            Tone::Either => 'O',
            Tone::None => '-',
        }
    }

    pub fn from_mark(c: char) -> Option<Tone> {
        Some(match c {
            'P' => Tone::Ping,
            'Z' => Tone::Ze,
            'O' => Tone::Either,
            '-' => Tone::None,
            _ => return None,
        })
    }
}

/// One poem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub title: String,
    /// The poem, punctuation included.
    pub text: String,
    /// 0 for a Tang or Song shi (诗), 1 for a Song ci (词).
    pub form: u8,
    /// The tone of each character of `text` (empty when unknown).
    pub tones: Vec<Tone>,
}

/// A poem broken into lines after each "，。？！" (a last unfinished line kept).
pub fn lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in text.chars() {
        lines.last_mut().expect("one line").push(c);
        if matches!(c, '，' | '。' | '？' | '！') {
            lines.push(String::new());
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// The poem with only the punctuation that shi and ci share: "、" becomes "，", "？" and "！"
/// become "。". The shipped shi use only "，。" while about three in ten ci end with a "、", "？"
/// or "！" in their last lines, so a network telling shi from ci could learn the marks instead of
/// the poems; the form task reads every poem through this.
pub fn shared_punctuation(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '、' => '，',
            '？' | '！' => '。',
            c => c,
        })
        .collect()
}

/// The letter trigrams of a word, as word hashing (Huang et al., 2013) reads it: the word with
/// `#` at both ends, cut into every run of three letters (`good` → `#go`, `goo`, `ood`, `od#`).
pub fn letter_trigrams(word: &str) -> Vec<String> {
    let marked: Vec<char> = format!("#{}#", word.trim().to_lowercase()).chars().collect();
    marked.windows(3).map(|w| w.iter().collect()).collect()
}

/// The cosine similarity of two words' trigram counts.
pub fn trigram_cosine(a: &str, b: &str) -> f32 {
    let count = |w: &str| {
        let mut m: HashMap<String, f32> = HashMap::new();
        letter_trigrams(w).into_iter().for_each(|t| *m.entry(t).or_default() += 1.0);
        m
    };
    let (ca, cb) = (count(a), count(b));
    let dot: f32 = ca.iter().map(|(t, x)| x * cb.get(t).copied().unwrap_or(0.0)).sum();
    let norm = |m: &HashMap<String, f32>| m.values().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(&ca) * norm(&cb)).max(1e-12)
}

const MAGIC: &[u8; 8] = b"DLPOEMS1";
const HEADER: usize = 12;
/// The largest poems file the reader inflates (the shipped one holds about 2.4 MB of text).
const MAX_TEXT: usize = 64 << 20;

/// Why a poems file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoemsError {
    TooShort,
    BadMagic,
    Corrupt(String),
    NotUtf8,
    /// The header's count and the lines disagree.
    WrongCount {
        expected: usize,
        found: usize,
    },
    /// Line `line` (0-based) is not `form, title, text, tones`.
    BadLine {
        line: usize,
    },
}

impl fmt::Display for PoemsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort => write!(f, "the poems file is shorter than its header"),
            Self::BadMagic => write!(f, "this is not a dlnotes poems file"),
            Self::Corrupt(e) => write!(f, "the poems file is corrupt: {e}"),
            Self::NotUtf8 => write!(f, "the poems file's text is not UTF-8"),
            Self::WrongCount { expected, found } => {
                write!(f, "the poems file holds {found} poems, its header says {expected}")
            }
            Self::BadLine { line } => write!(f, "poem {line} of the poems file is malformed"),
        }
    }
}

impl std::error::Error for PoemsError {}

/// Parses and checks a poems file.
pub fn read_poems(bytes: &[u8]) -> Result<Vec<Doc>, PoemsError> {
    if bytes.len() < HEADER {
        return Err(PoemsError::TooShort);
    }
    if &bytes[..8] != MAGIC {
        return Err(PoemsError::BadMagic);
    }
    let count = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes")) as usize;
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes[HEADER..], MAX_TEXT)
        .map_err(|e| PoemsError::Corrupt(format!("{:?}", e.status)))?;
    let text = String::from_utf8(raw).map_err(|_| PoemsError::NotUtf8)?;
    let docs = text
        .lines()
        .enumerate()
        .map(|(line, l)| parse_line(l).ok_or(PoemsError::BadLine { line }))
        .collect::<Result<Vec<_>, _>>()?;
    if docs.len() != count {
        return Err(PoemsError::WrongCount { expected: count, found: docs.len() });
    }
    Ok(docs)
}

/// Encodes poems in the file format (the inverse of [`read_poems`]).
pub fn write_poems(docs: &[Doc]) -> Vec<u8> {
    let mut body = String::new();
    for d in docs {
        let tones: String = d.tones.iter().map(|t| t.mark()).collect();
        body.push_str(&format!("{}\t{}\t{}\t{}\n", d.form, d.title, d.text, tones));
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(docs.len() as u32).to_le_bytes());
    out.extend(miniz_oxide::deflate::compress_to_vec_zlib(body.as_bytes(), 9));
    out
}

fn parse_line(line: &str) -> Option<Doc> {
    let mut fields = line.split('\t');
    let form = match fields.next()? {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let title = fields.next()?.to_string();
    let text = fields.next()?.to_string();
    let tones = fields.next()?.chars().map(Tone::from_mark).collect::<Option<Vec<_>>>()?;
    if fields.next().is_some() || text.is_empty() || !(tones.is_empty() || tones.len() == text.chars().count()) {
        return None;
    }
    Some(Doc { title, text, form, tones })
}

impl Doc {
    /// A plain text as a document: form 0, no title, tones unknown.
    pub fn plain(text: &str) -> Self {
        Doc { title: String::new(), text: text.to_string(), form: 0, tones: vec![] }
    }
}

/// Documents and the vocabulary their tasks read them with.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub docs: Vec<Doc>,
    pub vocab: Vocab,
}

impl Corpus {
    /// A corpus whose vocabulary is the `max_vocab` most frequent characters of its poems.
    pub fn new(docs: Vec<Doc>, max_vocab: usize) -> Self {
        let vocab = Vocab::build(docs.iter().map(|d| d.text.as_str()), max_vocab);
        Self { docs, vocab }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(form: u8, text: &str, tones: &str) -> Doc {
        Doc {
            title: "题".into(),
            text: text.into(),
            form,
            tones: tones.chars().map(|c| Tone::from_mark(c).unwrap()).collect(),
        }
    }

    #[test]
    fn a_poems_file_round_trips_and_a_damaged_one_is_an_error() {
        let docs = vec![doc(0, "床前明月光，", "ZPPZP-"), doc(1, "明月几时有？", "")];
        let bytes = write_poems(&docs);
        assert_eq!(read_poems(&bytes), Ok(docs.clone()));
        assert_eq!(read_poems(&bytes[..5]), Err(PoemsError::TooShort));
        let mut wrong = bytes.clone();
        wrong[0] = b'X';
        assert_eq!(read_poems(&wrong), Err(PoemsError::BadMagic));
        let mut count = bytes.clone();
        count[8] = 3;
        assert_eq!(read_poems(&count), Err(PoemsError::WrongCount { expected: 3, found: 2 }));
        assert!(matches!(read_poems(&bytes[..bytes.len() - 4]), Err(PoemsError::Corrupt(_))));
        let bad_tones = write_poems(&[Doc { tones: vec![Tone::Ze], ..docs[0].clone() }]);
        assert_eq!(read_poems(&bad_tones), Err(PoemsError::BadLine { line: 0 }));
    }

    #[test]
    fn word_hashing_cuts_letter_trigrams() {
        assert_eq!(letter_trigrams("good"), ["#go", "goo", "ood", "od#"]);
        assert!((trigram_cosine("good", "good") - 1.0).abs() < 1e-6);
        assert_eq!(trigram_cosine("cat", "dog"), 0.0);
        // A typo keeps some trigrams: 4 of beijing's 7 are among beijng's 6.
        assert!((trigram_cosine("beijing", "beijng") - 4.0 / (7f32 * 6.0).sqrt()).abs() < 1e-6);
    }

    #[test]
    fn a_poem_breaks_after_its_punctuation() {
        assert_eq!(lines("春眠不觉晓，处处闻啼鸟。夜"), ["春眠不觉晓，", "处处闻啼鸟。", "夜"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn the_vocabulary_round_trips_and_marks_unknown_characters() {
        let v = Vocab::build(["床前明月光", "疑是地上霜", "举头望明月"], 100);
        assert_eq!(v.token('明'), FIRST_CHAR, "the most frequent character comes first");
        assert_eq!(v.decode(&v.encode("明月光")), "明月光");
        assert_eq!(v.token('山'), UNK);
        assert_eq!(v.len(), 13 + 2);
        let small = Vocab::build(["床前明月光", "举头望明月"], 2);
        assert_eq!(small.len(), 4);
        assert_eq!(small.encode("明月床"), [2, 3, UNK]);
    }
}
