//! LSTM 的门 — The LSTM cell as the note draws it (four inputs, one output, a memory): a
//! character-level LSTM trained on five-character quatrains writes with a temperature; its gates
//! and memory are shown step by step over a poem; and a long-range recall task, where a plain
//! RNN fails and the LSTM succeeds, trained side by side at several distances.

use engine::data::SplitSpec;
use engine::nn::Stack;
use engine::tasks::{Poems, TaskSpec, TextTarget, TextTask};
use engine::train::{MAX_EPOCHS, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::{InputError, parse_char, parse_int, parse_text};
use crate::i18n::tr;
use crate::url_state::{text_state, use_query_state};

mod gates;
mod recall;
mod text;
mod writer;

use recall::Recall;
use text as t;
use writer::Writer;

pub fn page() -> AnyView {
    view! { <LstmLesson /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

text_state! {
    struct State {
        /// The writer's hidden units.
        hidden: "h" = "128" => usize: parse_int(4, 512),
        /// The writer's training steps.
        steps: "steps" = "600" => usize: parse_int(10, 100000),
        temperature: "temp" = "0.8" => f32: parse_float(0.05, 3.0),
        seed: "seed" = "1" => u64: parse_int(0, 1000000),
        /// The first character of the written poem.
        start: "start" = "春",
        /// The poem the gates are shown on.
        poem: "poem" = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
        /// The recall task's distances.
        gaps: "gaps" = "5,10,25,50",
        /// Training steps of each recall run.
        recall_steps: "rsteps" = "1200" => usize: parse_int(10, 20000),
    }
}

/// The longest poem the gates are shown on (the writer's sequence length).
pub const LENGTH: usize = 24;
/// The longest recall distance.
pub const MAX_GAP: usize = 100;

impl State {
    fn start(&self) -> Result<char, InputError> {
        parse_char(&self.start)
    }

    fn poem(&self) -> Result<String, InputError> {
        parse_text(&self.poem, LENGTH)
    }

    /// One to four distinct distances from 1 to [`MAX_GAP`], in increasing order.
    fn gaps(&self) -> Result<Vec<usize>, InputError> {
        let mut gaps = Vec::new();
        for part in self.gaps.split([',', '，']) {
            let gap = parse_int(part, 1, MAX_GAP)?;
            if !gaps.contains(&gap) {
                gaps.push(gap);
            }
        }
        if gaps.len() > 4 {
            return Err(InputError::TooManyValues(4));
        }
        gaps.sort_unstable();
        Ok(gaps)
    }
}

/// The writer: the engine's quatrain writer (embedding, one LSTM layer, a dense layer to the
/// next character) with the chosen units, Adam at 0.005 with the gradient clipped to norm 1.
fn writer_config(st: &State) -> Option<Vec<TrainConfig>> {
    Some(vec![TrainConfig {
        task: TaskSpec::Text(TextTask::quatrain_writer(st.hidden().ok()?)),
        max_steps: Some(st.steps().ok()?),
        ..TrainConfig::char_lstm_benchmark()
    }])
}

/// Characters with their own token in the recall task's filler.
const RECALL_VOCAB: usize = 1500;

/// The recall runs: for each distance a plain RNN (even lanes) and an LSTM (odd lanes), each
/// with 32 units, Adam at 0.003, the same steps.
fn recall_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let steps = st.recall_steps().ok()?;
    let gaps = st.gaps().ok()?;
    Some(
        gaps.iter()
            .flat_map(|&gap| {
                ["rnn", "lstm"].map(|cell| TrainConfig {
                    task: TaskSpec::Text(TextTask {
                        body: Stack::parse_layers(&format!("embed:16,{cell}:32,last")).expect("valid layers"),
                        target: TextTarget::Recall { distance: gap },
                        length: gap + 1,
                        split: SplitSpec { train: 3000, validation: 500, test: 0, holdout: 0 },
                        loss: Default::default(),
                        poems: Poems::All,
                        vocab: RECALL_VOCAB,
                    }),
                    learning_rate: 3e-3,
                    batch_size: 32,
                    epochs: MAX_EPOCHS,
                    max_steps: Some(steps),
                    clip: Some(1.0),
                    ..TrainConfig::default()
                })
            })
            .collect(),
    )
}

#[component]
fn LstmLesson() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <Writer state=state />
        <section class="lesson-intro">
            <div class="formula">
                <div>"i = σ(W_ii x_t + b_ii + W_hi h_(t−1) + b_hi)　" {tr(t::INPUT_GATE)}</div>
                <div>"f = σ(W_if x_t + b_if + W_hf h_(t−1) + b_hf)　" {tr(t::FORGET_GATE)}</div>
                <div>"g = tanh(W_ig x_t + b_ig + W_hg h_(t−1) + b_hg)　" {tr(t::CANDIDATE)}</div>
                <div>"o = σ(W_io x_t + b_io + W_ho h_(t−1) + b_ho)　" {tr(t::OUTPUT_GATE)}</div>
                <div>"c_t = f ⊙ c_(t−1) + i ⊙ g　　h_t = o ⊙ tanh(c_t)"</div>
            </div>
            <Deeper>
                <p>{tr(t::INTRO)}</p>
                <p class="hint">{tr(t::INTRO_HINT)}</p>
            </Deeper>
        </section>
        <Recall state=state />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recall_runs_pair_an_rnn_and_an_lstm_at_each_distance() {
        let configs = recall_configs(&State::default()).unwrap();
        assert_eq!(configs.len(), 8);
        let read = |c: &TrainConfig| match &c.task {
            TaskSpec::Text(t) => (t.target, t.body[1].token(), t.length),
            _ => panic!(),
        };
        assert_eq!(read(&configs[0]), (TextTarget::Recall { distance: 5 }, "rnn:32".into(), 6));
        assert_eq!(read(&configs[7]), (TextTarget::Recall { distance: 50 }, "lstm:32".into(), 51));
        assert!(configs.iter().all(|c| c.max_steps == Some(1200)));
    }

    #[test]
    fn controls_are_checked() {
        let st = |gaps: &str| State { gaps: gaps.into(), ..State::default() };
        assert_eq!(st("25, 5,5").gaps(), Ok(vec![5, 25]));
        assert_eq!(st("5，10").gaps(), Ok(vec![5, 10]));
        assert_eq!(st("0").gaps(), Err(InputError::TooSmall(1.0)));
        assert_eq!(st("1,2,3,4,5").gaps(), Err(InputError::TooManyValues(4)));
        assert_eq!(st("x").gaps(), Err(InputError::NotANumber));
        assert!(recall_configs(&st("")).is_none());
        let long = State { poem: "春".repeat(LENGTH + 1), ..State::default() };
        assert_eq!(long.poem(), Err(InputError::TooManyCharacters(LENGTH)));
        assert_eq!(writer_config(&State::default()).unwrap().len(), 1);
    }
}
