//! 迁移学习 — Transfer learning: the note's CNN trained on digits 0–4 (the source) is reused for
//! a target with few labels (digits 5–9, or 0–4 inverted or turned); the note's six fine-tuning
//! steps are the controls of "your" strategy, compared with four standard ones at 5, 20 and 100
//! labels a class; frozen layers are drawn frozen and shown unchanged; the note's three kinds
//! of transfer, with pseudo-labelling (instance-based) run live.

use engine::data::{Part, SplitSpec};
use engine::nn::Stack;
use engine::tasks::{DigitsTask, Domain, Pseudo, Start};
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::i18n::{Text, tr};
use crate::training::protocol::Job as JobSpec;
use crate::url_state::{text_state, use_query_state};

mod pseudo;
mod sweep;
mod text;

use pseudo::PseudoLabels;
use sweep::Sweep;
use text as t;

pub fn page() -> AnyView {
    view! { <Transfer /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The note's CNN with five outputs: eight layers, the last one the head.
const FIVE: &str = "conv:25:3,relu,pool:2,conv:50:3,relu,pool:2,flatten,dense:5";
/// Layers before the head (the feature extractor), and before the second conv block.
const BODY: usize = 7;
const FIRST_BLOCK: usize = 3;
/// The source and every target draw from the same split (no validation: runs on a few dozen
/// digits would spend their time scoring it). Pseudo-labelling's unlabelled digits come from the
/// holdout part, which neither the source nor any target trains on.
pub(super) const SPLIT: SplitSpec = SplitSpec { train: 7000, validation: 0, test: 1000, holdout: 2000 };
pub const SOURCE_CLASSES: [u8; 5] = [0, 1, 2, 3, 4];
pub const SOURCE_NAME: &str = "source";
pub const SOURCE_EPOCHS: usize = 1;
pub const LABELS: [usize; 3] = [5, 20, 100];
/// The digits runs' batch size (the default of `TrainConfig`).
const BATCH: usize = 32;
/// Unlabelled digits the source model labels in the pseudo-labelling demonstration.
pub const POOL: usize = 2000;
/// The pseudo-labelling target: digits 0–4 turned by this many degrees.
pub const TURN: f32 = 30.0;

text_state! {
    struct State {
        /// The target: upper (digits 5–9), inverted or turned (digits 0–4).
        target: "target" = "upper",
        /// Layers frozen (0, the first block, the whole body) and kept from the source.
        freeze: "freeze" = "0",
        keep: "keep" = "7",
        lr: "lr" = "0.001" => f64: parse_positive(1.0),
        steps: "steps" = "150" => usize: parse_int(10, 2000),
        /// The pseudo-labelling demonstration.
        per_class: "pk" = "5" => usize: parse_int(1, 100),
        threshold: "threshold" = "0.95" => f32: parse_float(0.0, 1.0),
    }
}

impl State {
    /// The target's classes and domain.
    fn target(&self) -> ([u8; 5], Domain) {
        match self.target.as_str() {
            "inverted" => (SOURCE_CLASSES, Domain::Inverted),
            "turned" => (SOURCE_CLASSES, Domain::Rotated(TURN)),
            _ => ([5, 6, 7, 8, 9], Domain::Plain),
        }
    }

    /// Layers kept from the source: the body, or only the first block.
    fn keep(&self) -> usize {
        if self.keep == "3" { FIRST_BLOCK } else { BODY }
    }

    /// Layers frozen, never more than are kept.
    fn freeze(&self) -> usize {
        let f = match self.freeze.as_str() {
            "0" => 0,
            "7" => BODY,
            _ => FIRST_BLOCK,
        };
        f.min(self.keep())
    }
}

/// One way to start the target network: from scratch, or from the source with some layers
/// kept and some frozen, at a learning rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strategy {
    pub name: Text,
    /// Layers kept from the source and frozen (`None`: from scratch).
    pub from_source: Option<(usize, usize)>,
    pub lr: f64,
}

/// The four standard strategies, then the student's.
fn strategies(st: &State) -> Option<[Strategy; 5]> {
    Some([
        Strategy { name: t::SCRATCH, from_source: None, lr: 1e-3 },
        Strategy { name: t::FROZEN_HEAD, from_source: Some((BODY, BODY)), lr: 1e-3 },
        Strategy { name: t::LAST_LAYERS, from_source: Some((BODY, FIRST_BLOCK)), lr: 1e-3 },
        Strategy { name: t::ALL_LOWER, from_source: Some((BODY, 0)), lr: 1e-4 },
        Strategy { name: t::YOURS, from_source: Some((st.keep(), st.freeze())), lr: st.lr().ok()? },
    ])
}

/// A run of exactly `steps` steps, however many digits it has: at least one step an epoch,
/// so `steps` epochs always last long enough, and the step budget ends it.
fn for_steps(steps: usize, config: TrainConfig) -> TrainConfig {
    TrainConfig { epochs: steps, max_steps: Some(steps), ..config }
}

/// The source: the note's CNN on digits 0–4, scored on their test digits.
fn source_config() -> TrainConfig {
    let task = DigitsTask { classes: Some(SOURCE_CLASSES.to_vec()), ..DigitsTask::new(five(), SPLIT) };
    TrainConfig { epochs: SOURCE_EPOCHS, ..TrainConfig::digits(task) }
}

/// The first part of both of the lesson's chains: the source trained, scored on its test digits.
fn source_job() -> JobSpec {
    JobSpec::Train {
        configs: vec![source_config()],
        play: true,
        eval_every: 0,
        parts: SOURCE_PARTS.to_vec(),
        keep_best: false,
    }
}

fn five() -> Stack {
    Stack::digits(FIVE).expect("the note's network with five outputs is valid")
}

/// One target run: `strategy` with `labels` labels a class, `steps` steps.
fn target_config(st: &State, strategy: &Strategy, labels: usize, steps: usize) -> TrainConfig {
    let (classes, domain) = st.target();
    let start = match strategy.from_source {
        None => Start::Fresh,
        Some((keep, freeze)) => Start::Kept { name: SOURCE_NAME.into(), keep, freeze },
    };
    let task = DigitsTask {
        classes: Some(classes.to_vec()),
        per_class: Some(labels),
        domain,
        start,
        ..DigitsTask::new(five(), SPLIT)
    };
    for_steps(steps, TrainConfig { learning_rate: strategy.lr, ..TrainConfig::digits(task) })
}

/// The sweep: every strategy at every label count, strategy by strategy.
fn sweep_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let steps = st.steps().ok()?;
    let strategies = strategies(st)?;
    Some(strategies.iter().flat_map(|s| LABELS.map(|k| target_config(st, s, k, steps))).collect())
}

/// The pseudo-labelling pair: from scratch on the turned digits' few labels, without and with
/// the source's confident labels, the same number of steps each.
fn pseudo_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let (k, threshold, steps) = (st.per_class().ok()?, st.threshold().ok()?, st.steps().ok()?);
    let base = DigitsTask {
        classes: Some(SOURCE_CLASSES.to_vec()),
        per_class: Some(k),
        domain: Domain::Rotated(TURN),
        ..DigitsTask::new(five(), SPLIT)
    };
    let pseudo = Pseudo { model: SOURCE_NAME.into(), pool: POOL, threshold };
    Some(vec![
        for_steps(steps, TrainConfig::digits(base.clone())),
        for_steps(steps, TrainConfig::digits(DigitsTask { pseudo: Some(pseudo), ..base })),
    ])
}

/// Parts scored at the end of each epoch of the source run.
const SOURCE_PARTS: [Part; 1] = [Part::Test];

#[component]
fn Transfer() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <Sweep state=state />
        <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
        <section class="panel">
            <h2>{tr(t::KINDS_TITLE)}</h2>
            <Deeper>
                <ol>
                    <li>{tr(t::KIND_INSTANCE)}</li>
                    <li>{tr(t::KIND_FEATURE)}</li>
                    <li>{tr(t::KIND_MODEL)}</li>
                </ol>
            </Deeper>
        </section>
        <PseudoLabels state=state />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, QueryState};
    use engine::tasks::TaskSpec;

    fn digits(c: &TrainConfig) -> &DigitsTask {
        match &c.task {
            TaskSpec::Digits(d) => d,
            _ => unreachable!(),
        }
    }

    #[test]
    fn every_strategy_at_every_label_count_with_the_same_steps() {
        let st = State::default();
        let c = sweep_configs(&st).unwrap();
        assert_eq!(c.len(), 15);
        assert!(c.iter().all(|c| c.max_steps == Some(150)), "the same steps for every run");
        assert_eq!(digits(&c[0]).start, Start::Fresh);
        assert_eq!(digits(&c[3]).start, Start::Kept { name: SOURCE_NAME.into(), keep: 7, freeze: 7 });
        assert_eq!(c[9].learning_rate, 1e-4);
        assert_eq!(digits(&c[12]).start, Start::Kept { name: SOURCE_NAME.into(), keep: 7, freeze: 0 });
        assert_eq!(c[12].learning_rate, 1e-3, "by default yours fine-tunes everything at the full rate");
        assert!(c.iter().all(|c| digits(c).classes == Some(vec![5, 6, 7, 8, 9])));
    }

    #[test]
    fn the_controls_read_safely() {
        let st =
            State::from_query(&Query::from_pairs([("keep", "3"), ("freeze", "7"), ("target", "turned"), ("lr", "x")]));
        assert_eq!((st.keep(), st.freeze()), (3, 3), "nothing beyond the kept layers can be frozen");
        assert_eq!(st.target(), (SOURCE_CLASSES, Domain::Rotated(TURN)));
        assert!(sweep_configs(&st).is_none(), "a bad learning rate stops the sweep");
        let odd = State::from_query(&Query::from_pairs([("target", "zebra"), ("threshold", "2")]));
        assert_eq!(odd.target().0, [5, 6, 7, 8, 9]);
        assert!(pseudo_configs(&odd).is_none());
        let p = pseudo_configs(&State::default()).unwrap();
        assert_eq!(digits(&p[1]).pseudo.as_ref().map(|p| p.threshold), Some(0.95));
        assert_eq!((p[0].max_steps, p[1].max_steps), (Some(150), Some(150)));
    }
}
