//! RNN 概述与四种结构 — Recurrent networks: one cell reused at every step, drawn unrolled over a
//! line of poetry the student types, with its hidden state and output at each step; the note's
//! four input/output shapes, each a real task on the poems trained side by side and scored on
//! held-out poems against a baseline that ignores the input; and why training may not converge:
//! a plain RNN under plain SGD with a large learning rate, with and without gradient clipping,
//! with the gradient's size at each time step.

use engine::data::SplitSpec;
use engine::nn::Stack;
use engine::tasks::{Poems, TaskSpec, TextTarget, TextTask};
use engine::train::{Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::{InputError, parse_char, parse_text};
use crate::components::steps::{Step, Steps};
use crate::i18n::tr;
use crate::url_state::{read, text_state, use_query_state};

mod clipping;
mod shapes;
mod text;
mod unrolled;

use clipping::Clipping;
use shapes::Shapes;
use text as t;

pub fn page() -> AnyView {
    view! { <RnnLesson /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

text_state! {
    struct State {
        /// The step shown (counted from 1).
        step: "step" = "1",
        /// The line the unrolled network reads.
        text: "text" = "床前明月光，疑是地上霜。",
        /// The hidden size of the four networks.
        hidden: "h" = "48" => usize: parse_int(2, 256),
        /// Training steps of each of the four networks.
        steps: "steps" = "400" => usize: parse_int(10, 20000),
        /// The character the one-to-many network starts from.
        start: "start" = "春",
        /// The clipping experiment's learning rate (plain SGD).
        lr: "lr" = "3" => f64: parse_float(0.001, 1000.0),
        /// The clipping threshold on the gradient's global norm.
        clip: "clip" = "1" => f32: parse_float(0.001, 1000.0),
    }
}

impl State {
    /// The typed line: 1 to [`LINE`] characters.
    fn line(&self) -> Result<String, InputError> {
        parse_text(&self.text, LINE)
    }

    /// The starting character: exactly one.
    fn start(&self) -> Result<char, InputError> {
        parse_char(&self.start)
    }
}

/// The longest line the unrolled network reads (the tagger's sequence length).
pub const LINE: usize = 32;
/// Characters with their own token in every text network here.
const VOCAB: usize = 1500;

/// The four shapes of the note, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One-to-many: from one character, write a line.
    OneToMany,
    /// Many-to-one: shi or ci?
    ManyToOne,
    /// Many-to-many, aligned: 平 or 仄 for each character.
    Aligned,
    /// Many-to-many, shorter output: read a poem, write its title.
    Shorter,
}

impl Shape {
    pub const ALL: [Shape; 4] = [Shape::OneToMany, Shape::ManyToOne, Shape::Aligned, Shape::Shorter];

    /// The task, with a plain RNN of `hidden` units.
    fn task(self, hidden: usize) -> TextTask {
        let (target, poems, length, split, last) = match self {
            Shape::OneToMany => (TextTarget::NextChar, Poems::Quatrains, 24, split(3000, 400), false),
            Shape::ManyToOne => (TextTarget::Form, Poems::All, LINE, split(6000, 1000), true),
            Shape::Aligned => (TextTarget::Tones, Poems::Shi, LINE, split(6000, 1000), false),
            Shape::Shorter => (TextTarget::Title, Poems::FiveCharacter, 56, split(2600, 400), false),
        };
        let body = format!("embed:32,rnn:{hidden}{}", if last { ",last" } else { "" });
        TextTask {
            body: Stack::parse_layers(&body).expect("valid layers"),
            target,
            length,
            split,
            loss: Default::default(),
            poems,
            vocab: VOCAB,
        }
    }
}

fn split(train: usize, validation: usize) -> SplitSpec {
    SplitSpec { train, validation, test: 0, holdout: 0 }
}

/// The four shapes' runs: Adam at 0.005, gradients clipped to norm 1, the same steps each.
fn shape_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let hidden = st.hidden().ok()?;
    let steps = st.steps().ok()?;
    Some(
        Shape::ALL
            .iter()
            .map(|shape| TrainConfig {
                task: TaskSpec::Text(shape.task(hidden)),
                learning_rate: 5e-3,
                batch_size: 32,
                epochs: engine::train::MAX_EPOCHS,
                max_steps: Some(steps),
                clip: Some(1.0),
                ..TrainConfig::default()
            })
            .collect(),
    )
}

/// Steps of the clipping experiment.
pub const CLIP_STEPS: usize = 300;
/// Hidden units of the clipping experiment's network (fixed: its learning rates were chosen
/// for it).
pub const CLIP_HIDDEN: usize = 64;
/// How often the clipping experiment records the gradient at each time step.
pub const TRACE_EVERY: usize = 5;

/// The clipping experiment: the one-to-many network under plain SGD, without clipping (lane 0)
/// and with the gradient's global norm clipped (lane 1).
fn clipping_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let lr = st.lr().ok()?;
    let clip = st.clip().ok()?;
    Some(
        [None, Some(clip)]
            .into_iter()
            .map(|clip| TrainConfig {
                task: TaskSpec::Text(Shape::OneToMany.task(CLIP_HIDDEN)),
                optimizer: Optimizer::Sgd,
                learning_rate: lr,
                batch_size: 32,
                epochs: engine::train::MAX_EPOCHS,
                max_steps: Some(CLIP_STEPS),
                clip,
                trace_every: TRACE_EVERY,
                ..TrainConfig::default()
            })
            .collect(),
    )
}

#[component]
fn RnnLesson() -> impl IntoView {
    let state = use_query_state::<State>();
    let steps = vec![
        Step::new(t::STEP_SHAPES, move || {
            view! {
            <Shapes state=state />
            <section class="lesson-intro">
                <p class="formula">"h_t = tanh(W_ih · x_t + b_ih + W_hh · h_(t−1) + b_hh)"</p>
                <p class="hint"><a href="/lessons/text-input" data-result="previous-lesson">{tr(t::PREVIOUS)}</a></p>
                <Deeper>
                    <p>{tr(t::INTRO)}</p>
                    <p class="hint">{tr(t::INTRO_HINT)}</p>
                    <p class="hint" data-result="name-note">{tr(t::NAME_NOTE)}</p>
                </Deeper>
            </section>
            }
            .into_any()
        }),
        Step::new(t::STEP_CLIPPING, move || view! { <Clipping state=state /> }.into_any()),
    ];
    view! { <Steps current=read(state, |s| s.step.clone()) on_choose=move |v| state.update(|s| s.step = v) steps=steps /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_shapes_read_and_end_as_the_note_draws_them() {
        let configs = shape_configs(&State::default()).unwrap();
        assert_eq!(configs.len(), 4);
        let target = |i: usize| match &configs[i].task {
            TaskSpec::Text(t) => (t.target, t.body.last().map(|l| l.token())),
            _ => panic!(),
        };
        assert_eq!(target(0), (TextTarget::NextChar, Some("rnn:48".into())));
        assert_eq!(target(1), (TextTarget::Form, Some("last".into())));
        assert_eq!(target(2).0, TextTarget::Tones);
        assert_eq!(target(3).0, TextTarget::Title);
        assert!(configs.iter().all(|c| c.max_steps == Some(400)));
        let clip = clipping_configs(&State::default()).unwrap();
        assert_eq!((clip[0].clip, clip[1].clip), (None, Some(1.0)));
        assert!(clip.iter().all(|c| c.optimizer == Optimizer::Sgd && c.learning_rate == 3.0));
    }

    #[test]
    fn typed_text_is_checked() {
        let st = |text: &str, start: &str| State { text: text.into(), start: start.into(), ..State::default() };
        assert_eq!(st("  ", "春").line(), Err(InputError::NoText));
        assert_eq!(st(&"月".repeat(LINE + 1), "春").line(), Err(InputError::TooManyCharacters(LINE)));
        assert_eq!(st("白日依山尽", "春").line().as_deref(), Ok("白日依山尽"));
        assert_eq!(st("a", "春风").start(), Err(InputError::TooManyCharacters(1)));
        assert_eq!(st("a", "").start(), Err(InputError::NoText));
        assert!(shape_configs(&State { hidden: "0".into(), ..State::default() }).is_none());
    }
}
