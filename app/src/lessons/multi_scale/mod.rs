//! 多尺度特征 — Multi-scale features: spatial pyramid pooling drawn over a real feature map with
//! the vector it makes and its length; the note's CNN, the same CNN on resized inputs and a
//! pyramid network scored on digits of several sizes; early + late feature fusion and pyramid
//! convolution trained side by side, with each branch's receptive field on the input.

use engine::data::SplitSpec;
use engine::nn::{NOTE_CNN, Stack};
use engine::tasks::DigitsTask;
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::InputError;
use crate::i18n::tr;
use crate::url_state::{text_state, use_query_state};

mod fusion;
mod pyramid;
mod sizes;
mod text;

use fusion::Fusion;
use pyramid::Pyramid;
use sizes::Sizes;
use text as t;

pub fn page() -> AnyView {
    view! { <MultiScale /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The digit sizes of the experiment.
pub const SIZES: [usize; 6] = [20, 24, 28, 32, 36, 40];

text_state! {
    struct State {
        digit: "d" = "7" => usize: parse_int(0, 9999),
        /// The pyramid's levels, e.g. `1,2,4`.
        levels: "lv" = "1,2,4",
        /// Which level's cells are drawn (its position in `levels`, from 1).
        show: "show" = "2" => usize: parse_int(1, 3),
        epochs: "epochs" = "3" => usize: parse_int(1, 20),
        train: "train" = "2000" => usize: parse_int(200, 8000),
    }
}

impl State {
    /// The levels: 1 to 3 whole numbers from 1 to 7.
    fn levels(&self) -> Result<Vec<usize>, InputError> {
        let levels: Option<Vec<usize>> =
            self.levels.split(',').map(|v| v.trim().parse().ok().filter(|n| (1..=7).contains(n))).collect();
        match levels {
            Some(l) if (1..=3).contains(&l.len()) => Ok(l),
            _ => Err(InputError::NotAWholeNumber),
        }
    }

    /// The pyramid pooling layer these levels make.
    fn spp(&self) -> Option<String> {
        let levels = self.levels().ok()?;
        Some(format!("spp:{}", levels.iter().map(usize::to_string).collect::<Vec<_>>().join(":")))
    }
}

/// The note's CNN with its last pooling and flatten replaced by pyramid pooling.
fn pyramid_stack(st: &State) -> Option<Stack> {
    Stack::digits(&format!("conv:25:3,relu,pool:2,conv:50:3,relu,{},dense:10", st.spp()?)).ok()
}

/// The size experiment: the note's CNN at 28×28, and the pyramid network on all sizes.
fn size_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let split = SplitSpec { train: st.train().ok()?, validation: 500, test: 1000, holdout: 0 };
    let epochs = st.epochs().ok()?;
    let plain = DigitsTask::new(Stack::note_cnn(), split);
    let pyramid = DigitsTask { scales: SIZES.to_vec(), ..DigitsTask::new(pyramid_stack(st)?, split) };
    Some([plain, pyramid].into_iter().map(|task| TrainConfig { epochs, ..TrainConfig::digits(task) }).collect())
}

/// The fusion experiment's networks: late features only, early + late fused, pyramid convolution.
pub const FUSION_STACKS: [&str; 3] = [
    "conv:25:3,relu,pool:2,conv:50:3,relu,pool:2,spp:1:2:4,dense:10",
    "conv:25:3,relu,pool:2,[spp:1:2:4|conv:50:3,relu,pool:2,spp:1:2:4],dense:10",
    "[conv:8:3:1:1|conv:8:5:1:2|conv:8:7:1:3],relu,pool:2,conv:50:3,relu,pool:2,spp:1:2:4,dense:10",
];

fn fusion_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let split = SplitSpec { train: st.train().ok()?, validation: 500, test: 1000, holdout: 0 };
    let epochs = st.epochs().ok()?;
    FUSION_STACKS
        .iter()
        .map(|s| Some(TrainConfig { epochs, ..TrainConfig::digits(DigitsTask::new(Stack::digits(s).ok()?, split)) }))
        .collect()
}

/// Where the note's CNN stops reading `side`×`side` digits, if it does.
fn plain_mismatch(side: usize) -> Option<engine::nn::Mismatch> {
    Stack::digits(NOTE_CNN).ok()?.mismatch(engine::nn::Shape::Volume { height: side, width: side, channels: 1 })
}

#[component]
fn MultiScale() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <Pyramid state=state />
        <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
        <Sizes state=state />
        <Fusion state=state />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, QueryState};

    #[test]
    fn levels_are_read_safely_and_make_the_pyramid() {
        let st = State::default();
        assert_eq!(st.levels(), Ok(vec![1, 2, 4]));
        assert_eq!(pyramid_stack(&st).unwrap().output().unwrap(), engine::nn::Shape::Flat(10));
        for bad in ["", "1,2,3,4", "0,2", "x", "9"] {
            let st = State::from_query(&Query::from_pairs([("lv", bad)]));
            assert!(st.levels().is_err(), "{bad}");
            assert!(size_configs(&st).is_none());
        }
        let c = size_configs(&State::default()).unwrap();
        assert!(c[0].digits_task().unwrap().scales.is_empty());
        assert_eq!(c[1].digits_task().unwrap().scales, SIZES);
    }

    #[test]
    fn every_fusion_network_reads_digits_and_the_plain_cnn_only_28() {
        assert_eq!(fusion_configs(&State::default()).unwrap().len(), 3);
        for s in FUSION_STACKS {
            assert!(DigitsTask::new(Stack::digits(s).unwrap(), SplitSpec::default()).check().is_ok(), "{s}");
        }
        assert!(plain_mismatch(28).is_none());
        assert!(SIZES.iter().filter(|&&s| s != 28).all(|&s| plain_mismatch(s).is_some()));
    }
}
