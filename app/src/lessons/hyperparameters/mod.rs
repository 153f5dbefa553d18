//! 超参数优化 — Hyperparameter search: the note's hyperparameters one at a time on a real
//! objective (validation accuracy of a small network on digits), then grid, random, Bayesian,
//! evolutionary and Hyperband search side by side on the same space and budget, with a manual
//! search beside them, each method's inner workings drawn, and the chosen model's sealed test
//! score revealed once.

use engine::data::SplitSpec;
use engine::search::{Dim, Method, Point, Scale, SearchSpec, Space};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::steps::{Step, Steps};
use crate::i18n::{Text, fill, use_lang};
use crate::url_state::{read, text_state, use_query_state};

mod demos;
mod manual;
mod search;
mod text;
mod views;

use demos::Demos;
use manual::Manual;
use search::Searches;
use text as t;

pub fn page() -> AnyView {
    view! { <Hyperparameters /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The digits every trial trains and is scored on.
pub const SPLIT: SplitSpec = SplitSpec { train: 2000, validation: 500, test: 1000, holdout: 0 };
/// The defaults the other hyperparameters keep: learning rate, batch, ReLU, one hidden layer,
/// width, PyTorch's initialisation, no dropout.
pub const DEFAULTS: [f64; 7] = [0.01, 32.0, 0.0, 0.0, 64.0, 1.0, 0.0];
/// Names of the space's dimensions, in its order, then the epochs.
pub const NAMES: [Text; 8] = [t::LR, t::BATCH, t::ACTIVATION, t::DEPTH, t::WIDTH, t::INIT, t::DROPOUT, t::EPOCHS];
/// Keys of the demonstrations, in the same order.
pub const KEYS: [&str; 8] = ["lr", "batch", "activation", "depth", "width", "init", "dropout", "epochs"];
/// The initialisation scale's dimension, and the one the demonstration adds after the space's
/// seven: the distribution (uniform or He normal).
pub const INIT: usize = 5;
const INIT_DIST: usize = 7;
/// Values each continuous demonstration tries, and the epochs of the epochs demonstration.
const DEMO_LEVELS: usize = 7;
const EPOCHS_SHOWN: [usize; 5] = [1, 2, 3, 4, 5];
/// Search settings: grid levels per searched dimension come from the budget; Bayesian starts
/// with random trials; evolution's population and mutation; Hyperband's R and η.
const BAYES_INITIAL: usize = 5;
const POPULATION: usize = 6;
const SIGMA: f64 = 0.15;
pub const HB_MAX_EPOCHS: usize = 9;
pub const HB_ETA: usize = 3;

text_state! {
    struct State {
        /// The step shown (counted from 1).
        step: "step" = "1",
        demo: "demo" = "lr",
        budget: "budget" = "30" => usize: parse_int(5, 200),
        seed: "seed" = "1" => u64: parse_int(0, 1_000_000),
        mlr: "mlr" = "0.01" => f64: parse_positive(1.0),
        mbatch: "mbatch" = "32" => usize: parse_int(16, 128),
        mact: "mact" = "0" => usize: parse_int(0, 2),
        mdepth: "mdepth" = "1" => usize: parse_int(1, 3),
        mwidth: "mwidth" = "64" => usize: parse_int(8, 256),
        minit: "minit" = "1" => f64: parse_positive(10.0),
        mdrop: "mdrop" = "0" => f64: parse_float(0.0, 0.8),
    }
}

impl State {
    /// The demonstrated hyperparameter's index in `KEYS`.
    fn demo_index(&self) -> usize {
        KEYS.iter().position(|k| *k == self.demo).unwrap_or(0)
    }

    /// The manual trial's point, or `None` while a field does not read.
    fn manual_point(&self) -> Option<Point> {
        let values = [
            self.mlr().ok()?,
            self.mbatch().ok()? as f64,
            self.mact().ok()? as f64,
            (self.mdepth().ok()? - 1) as f64,
            self.mwidth().ok()? as f64,
            self.minit().ok()?,
            self.mdrop().ok()?,
        ];
        Some(point_of(&values))
    }
}

/// The coordinates of hyperparameter values.
pub fn point_of(values: &[f64]) -> Point {
    Space::note().dims.iter().zip(values).map(|(d, &v)| d.coordinate(v)).collect()
}

fn spec(method: Method, budget: usize, epochs: usize, seed: u64) -> SearchSpec {
    SearchSpec { method, space: Space::note(), budget, epochs, split: SPLIT, seed }
}

/// The demonstration of hyperparameter `index`: one search per value (a grid over that one
/// dimension), or for the epochs one run per number of epochs.
fn demo_searches(st: &State) -> Vec<SearchSpec> {
    let base = point_of(&DEFAULTS);
    let seed = st.seed().unwrap_or(1);
    match st.demo_index() {
        7 => EPOCHS_SHOWN
            .iter()
            .map(|&e| spec(Method::Grid { base: base.clone(), searched: vec![], levels: 1 }, e, e, seed))
            .collect(),
        INIT => {
            // Uniform (PyTorch's default) against He normal, at the same scales.
            [0.0, 1.0]
                .map(|distribution| {
                    let mut space = Space::note();
                    space.dims.push(Dim::new("initdist", Scale::Choice(2)));
                    let mut base = base.clone();
                    base.push(space.dims[INIT_DIST].coordinate(distribution));
                    let method = Method::Grid { base, searched: vec![INIT], levels: DEMO_LEVELS };
                    SearchSpec { space, ..spec(method, DEMO_LEVELS, 1, seed) }
                })
                .to_vec()
        }
        d => {
            let levels = match Space::note().dims[d].scale {
                Scale::Choice(n) => n,
                _ => DEMO_LEVELS,
            };
            vec![spec(Method::Grid { base, searched: vec![d], levels }, levels, 1, seed)]
        }
    }
}

/// The five searches, in the order of `search::METHODS`.
fn searches(st: &State) -> Option<Vec<SearchSpec>> {
    let (budget, seed) = (st.budget().ok()?, st.seed().ok()?);
    let levels = (budget as f64).sqrt().floor().max(1.0) as usize;
    let base = point_of(&DEFAULTS);
    Some(vec![
        spec(Method::Grid { base, searched: vec![0, 4], levels }, budget, 1, seed),
        spec(Method::Random, budget, 1, seed),
        spec(Method::Bayesian { initial: BAYES_INITIAL }, budget, 1, seed),
        spec(Method::Evolution { size: POPULATION, sigma: SIGMA }, budget, 1, seed),
        spec(Method::Hyperband { max_epochs: HB_MAX_EPOCHS, eta: HB_ETA }, budget, 1, seed),
    ])
}

/// The manual trial: the student's point, one epoch.
fn manual_search(st: &State) -> Option<SearchSpec> {
    let base = st.manual_point()?;
    Some(spec(Method::Grid { base, searched: vec![], levels: 1 }, 1, 1, st.seed().ok()?))
}

#[component]
fn Hyperparameters() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    // The manual trials so far (each a run of its own), shown beside the searches.
    let manual = RwSignal::new(Vec::<engine::search::Trial>::new());
    view! {
        <section class="lesson-intro"><Deeper><p>{move || fill(t::INTRO.get(lang.get()), &[&SPLIT.train, &SPLIT.validation])}</p></Deeper></section>
        <Steps current=read(state, |s| s.step.clone()) on_choose=move |v| state.update(|s| s.step = v) steps=vec![
            Step::new(t::STEP_DEMOS, move || view! { <Demos state=state /> }.into_any()),
            Step::new(t::STEP_MANUAL, move || view! { <Manual state=state trials=manual /> }.into_any()),
            Step::new(t::STEP_SEARCHES, move || view! { <Searches state=state manual=manual /> }.into_any()),
        ] />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, QueryState};

    #[test]
    fn the_defaults_and_the_manual_point_round_trip() {
        let st = State::default();
        let p = st.manual_point().unwrap();
        let values = Space::note().values(&p);
        for (v, d) in values.iter().zip(DEFAULTS) {
            assert!((v - d).abs() < 1e-9 * d.max(1.0), "{v} vs {d}");
        }
        let bad = State::from_query(&Query::from_pairs([("mlr", "-1"), ("budget", "3")]));
        assert!(bad.manual_point().is_none() && searches(&bad).is_none());
    }

    #[test]
    fn every_method_gets_the_same_space_budget_and_seed() {
        let s = searches(&State::default()).unwrap();
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|x| x.budget == 30 && x.seed == 1 && x.space == Space::note() && x.split == SPLIT));
        assert!(matches!(&s[0].method, Method::Grid { searched, levels: 5, .. } if searched == &[0, 4]));
        // The demonstrations: seven learning rates; three activations; five epoch counts.
        assert_eq!(demo_searches(&State::default())[0].budget, 7);
        let act = State::from_query(&Query::from_pairs([("demo", "activation")]));
        assert_eq!(demo_searches(&act)[0].budget, 3);
        let epochs = State::from_query(&Query::from_pairs([("demo", "epochs")]));
        assert_eq!(demo_searches(&epochs).iter().map(|s| s.epochs).collect::<Vec<_>>(), EPOCHS_SHOWN);
        // The initialisation: the same scales, uniform and He normal.
        let init = demo_searches(&State::from_query(&Query::from_pairs([("demo", "init")])));
        let schemes: Vec<Vec<engine::nn::InitScheme>> = init
            .iter()
            .map(|s| {
                let mut strategy = s.strategy();
                std::iter::from_fn(|| strategy.ask()).map(|a| s.config(&a).init).collect()
            })
            .collect();
        assert_eq!(schemes.len(), 2);
        assert_eq!(schemes[0].len(), DEMO_LEVELS);
        for (u, n) in schemes[0].iter().zip(&schemes[1]) {
            match (u, n) {
                (engine::nn::InitScheme::Uniform { scale: a }, engine::nn::InitScheme::Normal { scale: b }) => {
                    assert_eq!(a, b)
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
