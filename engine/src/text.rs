//! Text as a network reads it: characters become integer tokens through a [`Vocab`], and a
//! [`Corpus`] holds the documents (poems) with what each task learns about them: the form
//! (shi or ci) and the tone (平 or 仄) of each character.

use std::collections::HashMap;

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

    /// A corpus of plain texts (form 0, no tones), one document each.
    pub fn plain(texts: &[&str], max_vocab: usize) -> Self {
        let docs =
            texts.iter().map(|t| Doc { title: String::new(), text: t.to_string(), form: 0, tones: vec![] }).collect();
        Self::new(docs, max_vocab)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
