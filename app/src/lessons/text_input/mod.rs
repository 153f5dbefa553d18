//! 文字该如何输入 — Feeding text to a network: one-hot codes (every pair of characters equally
//! far apart), word hashing's letter trigrams, character vectors learned from the poems by
//! skip-gram in the worker (nearest neighbours and a 2-D map settling as it trains), and the
//! note's semantic tagger (地点 / 时间 / 其他): a token lookup against a 1-D CNN over the
//! embedded sentence, scored on place names it never saw.

use engine::nn::Stack;
use engine::tasks::{SkipgramTask, SlotTask, TaskSpec};
use engine::train::{MAX_EPOCHS, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::{InputError, parse_char, parse_text};
use crate::components::steps::{Step, Steps};
use crate::i18n::tr;
use crate::url_state::{read, text_state, use_query_state};

mod codes;
mod tagger;
mod text;
mod vectors;

use codes::Codes;
use tagger::Tagger;
use text as t;
use vectors::Vectors;

pub fn page() -> AnyView {
    view! { <TextInput /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

text_state! {
    struct State {
        /// The step shown (counted from 1).
        step: "step" = "1",
        /// Two words compared by their letter trigrams.
        w1: "w1" = "beijing",
        w2: "w2" = "beijng",
        /// The character whose nearest neighbours are listed.
        ch: "ch" = "山",
        dim: "dim" = "32" => usize: parse_int(2, 256),
        window: "win" = "2" => usize: parse_int(1, 10),
        steps: "steps" = "2000" => usize: parse_int(10, 100000),
        /// The sentence the taggers read.
        sentence: "s" = "帮我订明天到海口的机票",
        tag_steps: "tsteps" = "300" => usize: parse_int(10, 20000),
    }
}

/// The longest word compared by trigrams.
const WORD: usize = 30;

impl State {
    fn word(raw: &str) -> Result<String, InputError> {
        parse_text(raw, WORD)
    }

    fn ch(&self) -> Result<char, InputError> {
        parse_char(&self.ch)
    }

    fn sentence(&self) -> Result<String, InputError> {
        let s = self.sentence.trim();
        let tokens = engine::tasks::tokenize(s).len();
        match tokens {
            0 => Err(InputError::NoText),
            n if n > engine::tasks::SLOT_LENGTH => Err(InputError::TooManyCharacters(engine::tasks::SLOT_LENGTH)),
            _ => Ok(s.to_string()),
        }
    }
}

/// Skip-gram on the poems: Adam at 0.01, batches of 256 characters.
fn skipgram_config(st: &State) -> Option<Vec<TrainConfig>> {
    let task = SkipgramTask { dim: st.dim().ok()?, window: st.window().ok()?, ..SkipgramTask::default() };
    Some(vec![TrainConfig {
        task: TaskSpec::Skipgram(task),
        learning_rate: 1e-2,
        batch_size: 256,
        epochs: MAX_EPOCHS,
        max_steps: Some(st.steps().ok()?),
        ..TrainConfig::default()
    }])
}

/// The two taggers: each token looked up on its own (lane 0), and a 1-D CNN reading each token
/// with its neighbours (lane 1). Both embed tokens in 32 numbers and end with 3 scores a token.
pub const TAGGERS: [&str; 2] = ["embed:32,dense:32,relu", "embed:32,conv1d:64:3:1,relu,conv1d:64:3:1,relu"];

fn tagger_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let steps = st.tag_steps().ok()?;
    Some(
        TAGGERS
            .iter()
            .map(|layers| TrainConfig {
                task: TaskSpec::Slots(SlotTask {
                    body: Stack::parse_layers(layers).expect("valid layers"),
                    train: 2000,
                }),
                learning_rate: 1e-2,
                batch_size: 32,
                epochs: MAX_EPOCHS,
                max_steps: Some(steps),
                ..TrainConfig::default()
            })
            .collect(),
    )
}

#[component]
fn TextInput() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <Steps current=read(state, |s| s.step.clone()) on_choose=move |v| state.update(|s| s.step = v) steps=vec![
            Step::new(t::STEP_CODES, move || view! {
                <Codes state=state />
                <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
            }.into_any()),
            Step::new(t::STEP_VECTORS, move || view! { <Vectors state=state /> }.into_any()),
            Step::new(t::STEP_TAGGER, move || view! { <Tagger state=state /> }.into_any()),
        ] />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_checked_and_make_the_runs() {
        let st = State::default();
        assert_eq!(st.ch(), Ok('山'));
        assert_eq!(State { ch: "山峰".into(), ..State::default() }.ch(), Err(InputError::TooManyCharacters(1)));
        assert_eq!(State::word(" "), Err(InputError::NoText));
        let long = State { sentence: "字".repeat(engine::tasks::SLOT_LENGTH + 1), ..State::default() };
        assert!(long.sentence().is_err());
        assert_eq!(tagger_configs(&st).unwrap().len(), 2);
        let TaskSpec::Skipgram(task) = &skipgram_config(&st).unwrap()[0].task else { panic!() };
        assert_eq!((task.dim, task.window), (32, 2));
        assert!(skipgram_config(&State { dim: "x".into(), ..State::default() }).is_none());
    }
}
