//! One-hot codes and word hashing: what a network sees before anything is learned.

use engine::text::{letter_trigrams, trigram_cosine};
use leptos::prelude::*;

use super::{State, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, tr, use_lang};
use crate::url_state::read;

/// A one-hot code of `index` among `len` positions, shown around the 1.
fn one_hot(index: usize, len: usize) -> String {
    let shown = 12.min(len);
    let start = index.saturating_sub(shown / 2).min(len - shown);
    let mut s = if start > 0 { "[… ".to_string() } else { "[".to_string() };
    s += &(start..start + shown).map(|i| if i == index { "1" } else { "0" }).collect::<Vec<_>>().join(" ");
    s += if start + shown < len { " …]" } else { "]" };
    s
}

/// A code drawn as a row of cells, its 1 filled.
fn bits(code: &str) -> impl IntoView + use<> {
    code.trim_matches(['[', ']'])
        .split(' ')
        .map(|b| {
            let class = match b {
                "1" => "bit on",
                "0" => "bit",
                _ => "bit gap",
            };
            view! { <span class=class aria-hidden="true">{b.to_string()}</span> }
        })
        .collect_view()
}

#[component]
pub(super) fn Codes(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    // A small vocabulary: the note's example words, in order.
    const WORDS: [&str; 5] = ["apple", "bag", "cat", "dog", "elephant"];
    let rows = WORDS
        .iter()
        .enumerate()
        .map(|(i, w)| view! { <tr><td>{*w}</td><td class="bits" aria-label=one_hot(i, WORDS.len())>{bits(&one_hot(i, WORDS.len()))}</td></tr> })
        .collect_view();
    let hashing = move || {
        let lang = lang.get();
        let (a, b) = state.with(|s| (State::word(&s.w1), State::word(&s.w2)));
        let (Ok(a), Ok(b)) = (a, b) else { return None };
        let grams = |w: &str| letter_trigrams(w).join(" ");
        let cos = trigram_cosine(&a, &b);
        let same = a.trim().to_lowercase() == b.trim().to_lowercase();
        Some(view! {
            <p class="mono">{format!("{a} → {}", grams(&a))}</p>
            <p class="mono">{format!("{b} → {}", grams(&b))}</p>
            <p class="callout" data-result="trigram-cosine" data-value=cos>
                {fill(t::HASH_RESULT.get(lang), &[&format!("{cos:.2}"), &if same { "1" } else { "0" }])}
            </p>
        })
    };
    view! {
        <section class="panel">
            <h2>{tr(t::CODES_TITLE)}</h2>
            <p>{tr(t::ONE_HOT)}</p>
            <table class="data-table narrow" data-figure="one-hot"><tbody>{rows}</tbody></table>
            <Deeper><p>{tr(t::ONE_HOT_COSINE)}</p></Deeper>
            <h3>{tr(t::HASH_TITLE)}</h3>
            <Deeper><p>{tr(t::HASH)}</p></Deeper>
            <div class="fields">
                <Field label=t::WORD_1 name="w1" width="10em" inputmode="text" value=read(state, |s| s.w1.clone()) on_input=move |v| state.update(|s| s.w1 = v) error=read(state, |s| State::word(&s.w1).err()) />
                <Field label=t::WORD_2 name="w2" width="10em" inputmode="text" value=read(state, |s| s.w2.clone()) on_input=move |v| state.update(|s| s.w2 = v) error=read(state, |s| State::word(&s.w2).err()) />
            </div>
            {hashing}
            <p class="hint">{move || fill(t::HASH_HINT.get(lang.get()), &[&format!("{:.2}", engine::text::trigram_cosine("beijing", "peking"))])}</p>
            <Questions>
                <Question id="text-input/1"
                    prompt=Signal::derive(move || state.with(|s| fill(t::Q1.get(lang.get()), &[&s.w1.trim(), &s.w2.trim()])))
                    kind=Kind::Relative { share: 0.05 }
                    answer=Signal::derive(move || state.with(|s| Some(format!("{:.4}", trigram_cosine(&State::word(&s.w1).ok()?, &State::word(&s.w2).ok()?)))))
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) />
            </Questions>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_hot_code_has_one_1() {
        assert_eq!(one_hot(2, 5), "[0 0 1 0 0]");
        let long = one_hot(1000, 2000);
        assert_eq!(long.matches('1').count(), 1);
        assert!(long.starts_with("[… ") && long.ends_with(" …]"));
    }
}
