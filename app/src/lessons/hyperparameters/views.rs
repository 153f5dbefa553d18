//! Inside three of the methods: Bayesian optimisation's surrogate and acquisition along the
//! learning rate, evolution's generations, and Hyperband's rounds with the stopped trials.

use engine::search::{Space, Trial, bracket_cost, brackets, expected_improvement, generation_of, surrogate};
use leptos::prelude::*;

use super::{HB_ETA, HB_MAX_EPOCHS, POPULATION, t};
use crate::components::disclosure::Deeper;
use crate::components::plot::PlotCanvas;
use crate::i18n::{fill, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};

/// Samples along the learning rate's axis.
const ALONG: usize = 60;

/// Points of a chart.
type Points = Vec<(f64, f64)>;

/// What the surrogate chart shows along the learning rate: `(log₁₀ lr, mean, std)`, the trials,
/// and the expected improvement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Along {
    pub curve: Vec<(f64, f64, f64)>,
    pub dots: Points,
    pub ei: Points,
}

/// Along the learning rate (others at the best trial's point): the surrogate's mean and ±2σ,
/// the trials, and the expected improvement.
pub fn surrogate_series(trials: &[Trial]) -> Option<Along> {
    if trials.len() < 2 {
        return None;
    }
    let seen: Vec<(Vec<f64>, f64)> = trials.iter().map(|t| (t.ask.point.clone(), t.score)).collect();
    let gp = surrogate(&seen);
    let best = seen.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let lr = &Space::note().dims[0];
    let curve: Vec<(f64, f64, f64)> = (0..ALONG)
        .map(|k| {
            let u = k as f64 / (ALONG - 1) as f64;
            let mut x = best.0.clone();
            x[0] = u;
            let p = gp.posterior(&x);
            (lr.value(u).log10(), p.mean, p.std)
        })
        .collect();
    let ei: Vec<(f64, f64)> = (0..ALONG)
        .map(|k| {
            let u = k as f64 / (ALONG - 1) as f64;
            let mut x = best.0.clone();
            x[0] = u;
            (lr.value(u).log10(), expected_improvement(gp.posterior(&x), best.1))
        })
        .collect();
    let dots = seen.iter().map(|(p, s)| (lr.value(p[0]).log10(), *s)).collect();
    Some(Along { curve, dots, ei })
}

#[component]
pub(super) fn Surrogate(#[prop(into)] trials: Signal<Vec<Trial>>) -> impl IntoView {
    let lang = use_lang();
    let data = Memo::new(move |_| trials.with(|t| surrogate_series(t)));
    view! {
        <h3>{tr(t::GP_TITLE)}</h3>
        <Deeper><p class="hint">{tr(t::GP_INTRO)}</p></Deeper>
        // Drawn once the search has scored its first trials: before them there is nothing it saw.
        <Show when=move || data.with(Option::is_some) fallback=|| view! { <p class="hint">{tr(t::SEARCH_WAITING)}</p> }>
        <div class="charts">
            <div class="chart">
                <PlotCanvas width=560 height=260 label="surrogate" draw=move |area| {
                    let lang = lang.get();
                    let Along { curve, dots, .. } = data.get().unwrap_or_default();
                    let line = |f: fn(&(f64, f64, f64)) -> f64| curve.iter().map(|p| (p.0, f(p))).collect::<Vec<_>>();
                    let series = vec![
                        Series { label: t::GP_MEAN.get(lang).into(), points: line(|p| p.1), colour: 2, markers: false, line: true },
                        Series { label: String::new(), points: line(|p| p.1 + 2.0 * p.2), colour: 4, markers: false, line: true },
                        Series { label: String::new(), points: line(|p| p.1 - 2.0 * p.2), colour: 4, markers: false, line: true },
                        Series { label: t::BAYESIAN.get(lang).into(), points: dots, colour: 5, markers: true, line: false },
                    ];
                    let axes = Axes { x_label: t::LR_AXIS.get(lang).into(), y_label: t::VAL_AXIS.get(lang).into(), x: -4.0..0.0, y: Some(0.0..1.0), percent: true, legend: Legend::LowerRight, hint: t::SEARCH_WAITING.get(lang).into() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
            <div class="chart">
                <PlotCanvas width=560 height=260 label="acquisition" draw=move |area| {
                    let lang = lang.get();
                    let ei = data.get().unwrap_or_default().ei;
                    let series = vec![Series { label: t::EI.get(lang).into(), points: ei, colour: 1, markers: false, line: true }];
                    let axes = Axes { x_label: t::LR_AXIS.get(lang).into(), y_label: t::EI.get(lang).into(), x: -4.0..0.0, y: None, percent: false, legend: Legend::UpperRight, hint: t::SEARCH_WAITING.get(lang).into() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
        </div>
        </Show>
    }
}

#[component]
pub(super) fn Evolution(#[prop(into)] trials: Signal<Vec<Trial>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="chart">
            <h3>{tr(t::EVO_TITLE)}</h3>
            <Show when=move || trials.with(|t| !t.is_empty()) fallback=|| view! { <p class="hint">{tr(t::SEARCH_WAITING)}</p> }>
            <PlotCanvas width=560 height=260 label="evolution" draw=move |area| {
                let lang = lang.get();
                let ts = trials.get();
                // The first generation trains all of its members, each later one only its
                // children; survivors keep their scores, so the population's best so far is
                // the best of every trial up to its generation.
                let generation = |i: usize| generation_of(i, POPULATION) + 1;
                let all: Vec<(f64, f64)> = ts.iter().enumerate().map(|(i, t)| (generation(i) as f64, t.score)).collect();
                let generations = ts.len().checked_sub(1).map_or(0, generation);
                let best: Vec<(f64, f64)> = (1..=generations)
                    .map(|g| (g as f64, ts.iter().enumerate().filter(|(i, _)| generation(*i) <= g).map(|(_, t)| t.score).fold(f64::NEG_INFINITY, f64::max)))
                    .collect();
                let series = vec![
                    Series { label: t::EVOLUTION.get(lang).into(), points: all, colour: 3, markers: true, line: false },
                    Series { label: t::TABLE_BEST.get(lang).into(), points: best, colour: 0, markers: false, line: true },
                ];
                let axes = Axes { x_label: t::GENERATION_AXIS.get(lang).into(), y_label: t::VAL_AXIS.get(lang).into(), x: 0.5..(generations.max(1) as f64 + 0.5), y: None, percent: true, legend: Legend::LowerRight, hint: t::SEARCH_WAITING.get(lang).into() };
                curves::draw(area, &series, &axes)
            } />
            </Show>
        </div>
    }
}

/// Each configuration's rounds: the epochs it was trained for and its score, in order.
pub fn configurations(trials: &[Trial]) -> Vec<Points> {
    let mut configs: Vec<(Vec<f64>, Points)> = vec![];
    for t in trials {
        match configs.iter_mut().find(|(p, _)| *p == t.ask.point) {
            Some((_, rounds)) => rounds.push((t.ask.epochs as f64, t.score)),
            None => configs.push((t.ask.point.clone(), vec![(t.ask.epochs as f64, t.score)])),
        }
    }
    configs.into_iter().map(|(_, r)| r).collect()
}

#[component]
pub(super) fn Hyperband(#[prop(into)] trials: Signal<Vec<Trial>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="chart">
            <h3>{tr(t::HB_TITLE)}</h3>
            <Deeper><p class="hint">{move || {
                let plan = brackets(HB_MAX_EPOCHS, HB_ETA);
                fill(t::HB_INTRO.get(lang.get()), &[&HB_MAX_EPOCHS, &HB_ETA, &plan.len().saturating_sub(1), &plan.len()])
            }}</p></Deeper>
            <BracketTable trials=trials />
            <p class="hint">{move || fill(t::HB_CHART.get(lang.get()), &[&HB_MAX_EPOCHS])}</p>
            <Show when=move || trials.with(|t| !t.is_empty())>
            <PlotCanvas width=560 height=260 label="hyperband" draw=move |area| {
                let lang = lang.get();
                let series: Vec<Series> = configurations(&trials.get())
                    .into_iter()
                    .map(|points| Series { label: String::new(), points, colour: 4, markers: true, line: true })
                    .collect();
                let axes = Axes { x_label: t::EPOCHS.get(lang).into(), y_label: t::VAL_AXIS.get(lang).into(), x: 0.0..(super::HB_MAX_EPOCHS as f64 + 0.5), y: None, percent: true, legend: Legend::LowerRight, hint: t::SEARCH_WAITING.get(lang).into() };
                curves::draw(area, &series, &axes)
            } />
            </Show>
        </div>
    }
}

/// How many times each bracket ran, from the trials: a bracket's first round asks its `n_0`
/// configurations at its `r_0` epochs, and no two brackets start with the same epochs.
pub fn bracket_runs(trials: &[Trial]) -> Vec<usize> {
    let plan = brackets(HB_MAX_EPOCHS, HB_ETA);
    let mut seen = std::collections::HashSet::new();
    let mut runs = vec![0; plan.len()];
    for t in trials {
        // A configuration's first trial is its first round.
        if seen.insert(t.ask.point.iter().map(|c| c.to_bits()).collect::<Vec<_>>())
            && let Some(b) = plan.iter().position(|b| b[0].1 == t.ask.epochs)
        {
            runs[b] += 1;
        }
    }
    runs.iter().zip(&plan).map(|(n, b)| n / b[0].0.max(1)).collect()
}

/// The paper's Table 1 for this lesson's R and η: each bracket's rounds as configurations ×
/// epochs, its cost, and how often it ran in the search.
#[component]
fn BracketTable(trials: Signal<Vec<Trial>>) -> impl IntoView {
    let lang = use_lang();
    let plan = brackets(HB_MAX_EPOCHS, HB_ETA);
    let rounds = plan.iter().map(Vec::len).max().unwrap_or(0);
    let runs = Memo::new(move |_| trials.with(|t| bracket_runs(t)));
    let head =
        (0..rounds).map(|i| view! { <th>{move || fill(t::HB_ROUND.get(lang.get()), &[&(i + 1)])}</th> }).collect_view();
    let rows = plan
        .iter()
        .enumerate()
        .map(|(b, bracket)| {
            let s = plan.len() - 1 - b;
            let cells = (0..rounds)
                .map(|i| view! { <td class="num">{bracket.get(i).map(|(n, r)| format!("{n} × {r}"))}</td> })
                .collect_view();
            view! {
                <tr data-bracket=s>
                    <th>{move || fill(t::HB_BRACKET.get(lang.get()), &[&s])}</th>
                    {cells}
                    <td class="num">{bracket_cost(bracket)}</td>
                    <td class="num" data-runs=move || runs.with(|r| r[b])>{move || runs.with(|r| r[b])}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table" data-result="brackets">
            <thead><tr><th></th>{head}<th>{tr(t::HB_COST)}</th><th>{tr(t::HB_RUNS)}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::search::Ask;

    fn trial(id: usize, point: f64, epochs: usize, score: f64) -> Trial {
        Trial { ask: Ask { id, point: vec![point; 7], epochs }, score, spent: 0 }
    }

    #[test]
    fn the_brackets_that_ran_are_counted_from_the_trials() {
        // A real Hyperband search over a budget of one pass and a bit: bracket s = 2 twice.
        let spec =
            super::super::searches(&super::super::State { budget: "110".into(), ..super::super::State::default() })
                .unwrap()
                .remove(4);
        let mut strategy = spec.strategy();
        let mut trials = vec![];
        while let Some(ask) = strategy.ask() {
            strategy.tell(ask.id, ask.point[0]);
            trials.push(Trial { ask, score: 0.0, spent: strategy.spent() });
        }
        assert_eq!(strategy.spent(), 78 + 27);
        assert_eq!(bracket_runs(&trials), [2, 1, 1]);
        assert_eq!(bracket_runs(&[]), [0, 0, 0]);
    }

    #[test]
    fn hyperband_rounds_follow_each_configuration_and_the_surrogate_needs_two_trials() {
        let trials = [trial(0, 0.1, 1, 0.5), trial(1, 0.2, 1, 0.7), trial(2, 0.2, 3, 0.8)];
        assert_eq!(configurations(&trials), [vec![(1.0, 0.5)], vec![(1.0, 0.7), (3.0, 0.8)]]);
        assert!(surrogate_series(&trials[..1]).is_none());
        let along = surrogate_series(&trials).unwrap();
        assert_eq!((along.curve.len(), along.ei.len(), along.dots.len()), (ALONG, ALONG, 3));
        assert!(along.ei.iter().all(|(_, e)| *e >= 0.0));
    }
}
