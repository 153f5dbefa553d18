//! 数据增强 — Data augmentation: every transform of the note (geometric and colour-class) on a
//! real digit, seeded, in a grid of variants; which transforms change the label; colour jitter
//! and channel order on a tinted digit; then the note's CNN trained on a few hundred digits with
//! and without augmentation, scored on clean and moved test digits, one pass against predictions
//! fused over shifted views (the note's multi-crop claim, measured).

use engine::augment::{Augment, Transform};
use engine::data::SplitSpec;
use engine::tasks::DigitsTask;
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::InputError;
use crate::components::steps::{Step, Steps};
use crate::i18n::{Text, tr};
use crate::url_state::{read, text_state, use_query_state};

mod experiment;
mod gallery;
mod text;

use experiment::Experiment;
use gallery::{ColourGallery, Gallery, LabelChanges};
use text as t;

pub fn page() -> AnyView {
    view! { <Augmentation /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// One kind of transform the lesson shows: its key (in the address), its name, what its
/// amount means, the amount's default and largest value, and the transform at an amount.
struct Kind {
    key: &'static str,
    name: Text,
    unit: Text,
    default: f32,
    max: f32,
    /// The amount written short, language-free (`{0}` is the amount).
    short: &'static str,
    /// Geometric (moves pixels) or colour-class (changes their values).
    geometric: bool,
    make: fn(f32) -> Transform,
}

const KINDS: [Kind; 10] = [
    Kind {
        key: "rotate",
        name: t::ROTATE,
        unit: t::U_DEGREES,
        default: 30.0,
        max: 180.0,
        short: "±{0}°",
        geometric: true,
        make: |a| Transform::Rotate { degrees: a },
    },
    Kind {
        key: "flip",
        name: t::FLIP,
        unit: t::U_PROB,
        default: 0.5,
        max: 1.0,
        short: "p = {0}",
        geometric: true,
        make: |a| Transform::Flip { p: a },
    },
    Kind {
        key: "crop",
        name: t::CROP,
        unit: t::U_CROP,
        default: 0.25,
        max: 0.9,
        short: "≤ {0}",
        geometric: true,
        make: |a| Transform::Crop { fraction: a },
    },
    Kind {
        key: "elastic",
        name: t::ELASTIC,
        unit: t::U_PIXELS,
        default: 2.0,
        max: 6.0,
        short: "≤ {0} px",
        geometric: true,
        make: |a| Transform::Elastic { pixels: a },
    },
    Kind {
        key: "scale",
        name: t::SCALE,
        unit: t::U_SCALE,
        default: 0.2,
        max: 0.9,
        short: "×(1 ± {0})",
        geometric: true,
        make: |a| Transform::Scale { amount: a },
    },
    Kind {
        key: "shift",
        name: t::SHIFT,
        unit: t::U_PIXELS,
        default: 4.0,
        max: 14.0,
        short: "±{0} px",
        geometric: true,
        make: |a| Transform::Shift { pixels: a },
    },
    Kind {
        key: "noise",
        name: t::NOISE,
        unit: t::U_STD,
        default: 0.3,
        max: 1.0,
        short: "σ = {0}",
        geometric: false,
        make: |a| Transform::Noise { std: a },
    },
    Kind {
        key: "blur",
        name: t::BLUR,
        unit: t::U_SIGMA,
        default: 1.5,
        max: 4.0,
        short: "σ ≤ {0} px",
        geometric: false,
        make: |a| Transform::Blur { sigma: a },
    },
    Kind {
        key: "erase",
        name: t::ERASE,
        unit: t::U_AREA,
        default: 0.25,
        max: 0.9,
        short: "≤ {0}",
        geometric: false,
        make: |a| Transform::Erase { fraction: a },
    },
    Kind {
        key: "contrast",
        name: t::CONTRAST,
        unit: t::U_CONTRAST,
        default: 0.5,
        max: 1.0,
        short: "±{0}",
        geometric: false,
        make: |a| Transform::Contrast { amount: a },
    },
];

fn kind(key: &str) -> &'static Kind {
    KINDS.iter().find(|k| k.key == key).unwrap_or(&KINDS[0])
}

/// The range of a transform's amount, for its check and its slider.
fn amount_range(kind: &Kind) -> crate::components::field::Floats {
    crate::components::field::Floats(0.0, f64::from(kind.max))
}

/// The transforms the experiment may train with, each at a fixed, moderate amount: small
/// rotations and no flips, so that every digit keeps its label.
const TRAINING: [(&str, f32); 8] = [
    ("rotate", 15.0),
    ("shift", 3.0),
    ("scale", 0.1),
    ("elastic", 1.5),
    ("noise", 0.2),
    ("blur", 1.0),
    ("erase", 0.2),
    ("flip", 0.5),
];

/// How the moved test copy is made: each test digit rotated by up to ±`MOVED_DEGREES` and
/// shifted by up to `MOVED_PIXELS`, one seeded draw per digit.
const MOVED_DEGREES: f32 = 20.0;
const MOVED_PIXELS: f32 = 3.0;

text_state! {
    struct State {
        /// The step shown (counted from 1).
        step: "step" = "1",
        digit: "d" = "2130" => usize: parse_int(0, 9999),
        /// The transform shown in the gallery (a key of `KINDS`).
        show: "show" = "rotate",
        /// Its amount, in the kind's unit; empty means the kind's default.
        amount: "amount" = "",
        seed: "seed" = "1" => u64: parse_int(0, 1_000_000),
        /// Training digits in the experiment.
        train: "train" = "300" => usize: parse_int(100, 2000),
        epochs: "epochs" = "15" => usize: parse_int(1, 50),
        /// The transforms trained with, keys of `TRAINING` joined by commas.
        aug: "aug" = "rotate,shift,scale,elastic",
    }
}

impl State {
    fn kind(&self) -> &'static Kind {
        kind(&self.show)
    }

    /// The gallery's amount, in its kind's range, or why the typed text is not one.
    fn amount(&self) -> Result<f32, InputError> {
        let k = self.kind();
        if self.amount.trim().is_empty() {
            return Ok(k.default);
        }
        amount_range(k).parse(&self.amount).map(|v| v as f32)
    }

    /// The keys of the training transforms that are on, in `TRAINING`'s order.
    fn training(&self) -> Vec<&'static str> {
        let on: Vec<&str> = self.aug.split(',').map(str::trim).collect();
        TRAINING.iter().map(|(k, _)| *k).filter(|k| on.contains(k)).collect()
    }

    fn toggle(&mut self, key: &str, on: bool) {
        let mut keys: Vec<&str> = self.training().into_iter().filter(|k| *k != key).collect();
        if on {
            keys.push(key);
        }
        let keys: Vec<&str> = TRAINING.iter().map(|(k, _)| *k).filter(|k| keys.contains(k)).collect();
        self.aug = keys.join(",");
    }

    /// The training augmentation: the transforms that are on, at their fixed amounts.
    fn augment(&self) -> Augment {
        let on = self.training();
        let transforms =
            TRAINING.iter().filter(|(k, _)| on.contains(k)).map(|(k, amount)| (kind(k).make)(*amount)).collect();
        Augment { transforms }
    }
}

/// The training augmentation this lesson starts with (the transforms on by default, at their
/// fixed amounts), for other lessons that compare against supervised augmentation.
pub(crate) fn default_augment() -> Augment {
    State::default().augment()
}

/// The two lanes: the note's CNN on the same few digits, without (0) and with (1) augmentation.
fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let train = st.train().ok()?;
    let epochs = st.epochs().ok()?;
    let split = SplitSpec { train, validation: 500, test: 1000, holdout: 0 };
    Some(
        [Augment::default(), st.augment()]
            .into_iter()
            .map(|augment| TrainConfig {
                epochs,
                ..TrainConfig::digits(DigitsTask { augment, ..DigitsTask::new(engine::nn::Stack::note_cnn(), split) })
            })
            .collect(),
    )
}

#[component]
fn Augmentation() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <Steps current=read(state, |s| s.step.clone()) on_choose=move |v| state.update(|s| s.step = v) steps=vec![
            Step::new(t::STEP_GEOMETRY, move || view! {
                <Gallery state=state />
                <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
                <LabelChanges />
            }.into_any()),
            Step::new(t::STEP_COLOUR, move || view! { <ColourGallery state=state /> }.into_any()),
            Step::new(t::STEP_EXPERIMENT, move || view! { <Experiment state=state /> }.into_any()),
        ] />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, QueryState};

    #[test]
    fn the_lanes_differ_only_by_the_chosen_transforms() {
        let st = State::default();
        let c = configs(&st).unwrap();
        let augment = |c: &TrainConfig| match &c.task {
            engine::tasks::TaskSpec::Digits(d) => d.augment.clone(),
            _ => unreachable!(),
        };
        assert!(augment(&c[0]).is_empty());
        assert_eq!(augment(&c[1]).transforms.len(), 4);
        let mut same = c[1].clone();
        if let engine::tasks::TaskSpec::Digits(d) = &mut same.task {
            d.augment = Augment::default();
        }
        assert_eq!(same, c[0]);
    }

    #[test]
    fn toggles_and_amounts_are_read_safely() {
        let mut st = State::default();
        st.toggle("noise", true);
        st.toggle("rotate", false);
        assert_eq!(st.aug, "shift,scale,elastic,noise");
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
        let odd = State::from_query(&Query::from_pairs([("show", "warp"), ("amount", "500"), ("aug", "zoom,,noise")]));
        assert_eq!(odd.kind().key, "rotate");
        assert!(odd.amount().is_err(), "500° is more than the largest rotation");
        assert_eq!(odd.training(), ["noise"]);
        assert_eq!(State::default().amount(), Ok(30.0));
        for k in &KINDS {
            assert!(k.default <= k.max && k.default > 0.0, "{}", k.key);
        }
        for (key, amount) in TRAINING {
            assert!(amount <= kind(key).max && kind(key).key == key);
        }
    }
}
