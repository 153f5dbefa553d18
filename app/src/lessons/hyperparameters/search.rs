//! The five searches side by side (and the manual trials beside them): best validation accuracy
//! so far against epochs spent, every trial on the learning-rate × width slice, a table, each
//! method's inner workings, and the chosen model's sealed test score revealed once.

use engine::data::Part;
use engine::search::{CANDIDATES, LENGTH_SCALE, Scale, Space, Trial, first_best};
use leptos::prelude::*;

use super::views::{Evolution, Hyperband, Surrogate};
use super::{BAYES_INITIAL, POPULATION, State, searches, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{JobError, JobProgress, chance_level};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, Text, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Job, Phase, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::read;

/// The methods in lane order, then the manual trials.
pub const METHODS: [Text; 6] = [t::GRID, t::RANDOM, t::BAYESIAN, t::EVOLUTION, t::HYPERBAND, t::MANUAL];

/// Best score so far after each trial, against the epochs spent.
pub fn best_so_far(trials: &[Trial]) -> Vec<(f64, f64)> {
    let mut best = f64::NEG_INFINITY;
    trials
        .iter()
        .map(|t| {
            best = best.max(t.score);
            (t.spent as f64, best)
        })
        .collect()
}

/// The search space in words, its ranges read from `Space::note()`.
fn space_text(lang: Lang) -> String {
    let space = Space::note();
    let range = |i: usize| match space.dims[i].scale {
        Scale::Linear { min, max } | Scale::Log { min, max } => (min, max),
        Scale::Choice(n) => (0.0, n as f64 - 1.0),
    };
    let [(a, b), (c, d), _, _, (e, f), (g, h), (i, j)] = std::array::from_fn(range);
    fill(t::SPACE.get(lang), &[&a, &b, &c, &d, &e, &f, &g, &h, &i, &j])
}

/// Each method's trials (the manual ones last).
fn all_trials(job: Job, manual: RwSignal<Vec<Trial>>) -> Vec<Vec<Trial>> {
    let mut out: Vec<Vec<Trial>> = (0..5).map(|i| job.lane(i).with(|l| l.trials.clone())).collect();
    out.push(manual.get());
    out
}

#[component]
pub(super) fn Searches(state: RwSignal<State>, manual: RwSignal<Vec<Trial>>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let configs = Signal::derive(move || state.with(searches));
    let start = move |_| {
        if let Some(searches) = configs.get_untracked() {
            job.start(JobSpec::Search { searches, play: true });
        }
    };
    let trials = Memo::new(move |_| all_trials(job, manual));
    let done = Memo::new(move |_| (0..5).all(|i| job.lane(i).phase() == Phase::Finished));
    // The chosen model: the search trial with the best validation score; of equal scores the
    // first (in the methods' order, then the trials'), the one its lane keeps for the test.
    let chosen = Memo::new(move |_| {
        trials.with(|all| {
            all.iter().take(5).enumerate().fold(None, |chosen: Option<(usize, usize, f64)>, (m, ts)| {
                match (chosen, first_best(ts)) {
                    (Some(c), Some(t)) if c.2 >= t.score => Some(c),
                    (_, Some(t)) => Some((m, t.ask.id, t.score)),
                    (c, None) => c,
                }
            })
        })
    });
    let revealed =
        move || chosen.get().and_then(|(m, _, _)| job.lane(m).with(|l| l.best.as_ref().map(|(_, e)| e.accuracy)));
    let reveal = move |_| {
        if let Some((m, _, _)) = chosen.get_untracked() {
            job.send_to(m, Command::EvaluateBest(Part::Test));
        }
    };
    let budget = move || state.with(|s| s.budget().unwrap_or(30)) as f64;
    view! {
        <section class="panel">
            <h2>{tr(t::SEARCH_TITLE)}</h2>
            <Deeper>
            <p>{move || {
                let lang = lang.get();
                fill(t::SEARCH_INTRO.get(lang), &[&state.with(|s| s.budget.clone()), &space_text(lang)])
            }}</p>
            {move || {
                // What the Hyperband lane will spend: whole brackets only.
                let (budget, planned) = configs.with(|c| c.as_ref().map(|c| (c[4].budget, c[4].strategy().planned())))?;
                let text = fill(t::HB_PLANNED.get(lang.get()), &[&planned, &(budget - planned)]);
                Some(view! { <p class="hint" data-result="hyperband-planned" data-epochs=planned>{text}</p> })
            }}
            <ul class="hint">
                {move || {
                    let lang = lang.get();
                    let levels = state.with(|s| (s.budget().unwrap_or(30) as f64).sqrt().floor() as usize);
                    let children = POPULATION - POPULATION.div_ceil(2);
                    [
                        fill(t::METHODS_NOTE[0].get(lang), &[&levels]),
                        t::METHODS_NOTE[1].get(lang).to_string(),
                        fill(t::METHODS_NOTE[2].get(lang), &[&BAYES_INITIAL, &LENGTH_SCALE, &CANDIDATES]),
                        fill(t::METHODS_NOTE[3].get(lang), &[&POPULATION, &children]),
                        t::METHODS_NOTE[4].get(lang).to_string(),
                    ]
                        .into_iter()
                        .map(|n| view! { <li>{n}</li> })
                        .collect_view()
                }}
            </ul>
            </Deeper>
            <div class="fields">
                <Field label=t::BUDGET name="budget" value=read(state, |s| s.budget.clone()) on_input=move |v| state.update(|s| s.budget = v) error=read(state, |s| s.budget().err()) />
                <Field label=t::SEED name="seed" value=read(state, |s| s.seed.clone()) on_input=move |v| state.update(|s| s.seed = v) error=read(state, |s| s.seed().err()) />
            </div>
            <div class="row">
                <button class="btn primary" data-action="start-search" disabled=move || configs.with(Option::is_none) on:click=start>{tr(t::START_SEARCH)}</button>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::BEST_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="best-so-far" draw=move |area| {
                        let lang = lang.get();
                        let series = trials.get().iter().zip(METHODS).enumerate().map(|(i, (ts, name))| Series { label: name.get(lang).into(), points: best_so_far(ts), colour: i, markers: i == 5, line: i != 5 })
                            .chain([chance_level(10, 0.0..budget(), lang)])
                            .collect::<Vec<_>>();
                        let axes = Axes { x_label: t::SPENT_AXIS.get(lang).into(), y_label: t::VAL_AXIS.get(lang).into(), x: 0.0..budget(), y: None, percent: true, legend: Legend::LowerRight, hint: t::SEARCH_WAITING.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                </div>
                <Show when=move || trials.with(|ts| ts.iter().any(|t| !t.is_empty()))>
                <div class="chart">
                    <h3>{tr(t::SLICE_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="slice" draw=move |area| {
                        let lang = lang.get();
                        let space = Space::note();
                        let series = trials.get().iter().zip(METHODS).enumerate().map(|(i, (ts, name))| Series {
                            label: name.get(lang).into(),
                            points: ts.iter().map(|t| (space.dims[0].value(t.ask.point[0]).log10(), space.dims[4].value(t.ask.point[4]).log10())).collect(),
                            colour: i,
                            markers: true,
                            line: false,
                        }).collect::<Vec<_>>();
                        let axes = Axes { x_label: t::LR_AXIS.get(lang).into(), y_label: t::WIDTH_AXIS.get(lang).into(), x: -4.1..0.1, y: Some(0.85..2.45), percent: false, legend: Legend::Outside, hint: t::SEARCH_WAITING.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                </div>
                </Show>
            </div>
            <table class="data-table" data-result="searches">
                <thead><tr><th>{tr(t::TABLE_METHOD)}</th><th>{tr(t::TABLE_TRIALS)}</th><th>{tr(t::SPENT_AXIS)}</th><th>{tr(t::TABLE_BEST)}</th></tr></thead>
                <tbody>
                    {(0..6).map(|i| view! {
                        <tr data-method=i>
                            <th>{tr(METHODS[i])}</th>
                            <td class="num" data-trials=move || trials.with(|a| a[i].len())>{move || trials.with(|a| a[i].len())}</td>
                            <td class="num" data-spent=move || trials.with(|a| a[i].last().map(|t| t.spent))>{move || trials.with(|a| a[i].last().map_or(0, |t| t.spent))}</td>
                            <td class="num" data-best=move || trials.with(|a| a[i].iter().map(|t| t.score).max_by(f64::total_cmp).map(|b| format!("{b:.4}")))>
                                {move || trials.with(|a| a[i].iter().map(|t| t.score).max_by(f64::total_cmp).map_or_else(|| "–".into(), |b| percent(b as f32)))}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Surrogate trials=Signal::derive(move || trials.with(|a| a[2].clone())) />
            <Evolution trials=Signal::derive(move || trials.with(|a| a[3].clone())) />
            <Hyperband trials=Signal::derive(move || trials.with(|a| a[4].clone())) />
            <div class="row">
                <button class="btn" data-action="reveal" disabled=move || !done.get() || revealed().is_some() on:click=reveal>{tr(t::REVEAL)}</button>
                {move || match (chosen.get(), revealed()) {
                    (Some((m, _, score)), Some(test)) => view! {
                        <p class="callout" data-result="revealed" data-test=format!("{test:.4}")>
                            {fill(t::CHOSEN.get(lang.get()), &[&METHODS[m].get(lang.get()), &percent(score as f32), &super::SPLIT.test, &percent(test)])}
                        </p>
                    }.into_any(),
                    _ => view! { <span class="chip">{tr(t::SEALED)}</span> }.into_any(),
                }}
            </div>
            <Questions>
                <Question id="hyperparameters/1" prompt=Signal::derive(move || state.with(|s| fill(t::Q1.get(lang.get()), &[&s.budget])))
                    kind=Kind::Choice(vec![("random", t::RANDOM), ("grid", t::GRID), ("tie", t::TIE)])
                    answer=Signal::derive(move || {
                        if !done.get() {
                            return None;
                        }
                        trials.with(|a| {
                            let best = |ts: &[Trial]| first_best(ts).map_or(0.0, |t| t.score);
                            let (grid, random) = (best(&a[0]), best(&a[1]));
                            Some(if random > grid { "random" } else if grid > random { "grid" } else { "tie" }.to_string())
                        })
                    })
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.budget, s.seed))) />
                <Question id="hyperparameters/2" prompt=Signal::derive(move || t::Q2.get(lang.get()).to_string())
                    kind=Kind::Choice(vec![("lower", t::LOWER), ("not-lower", t::NOT_LOWER)])
                    answer=Signal::derive(move || {
                        let (_, _, validation) = chosen.get()?;
                        let test = revealed()?;
                        Some(if f64::from(test) < validation { "lower" } else { "not-lower" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.budget, s.seed))) />
            </Questions>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::search::Ask;

    #[test]
    fn the_best_so_far_never_falls() {
        let trial = |score, spent| Trial { ask: Ask { id: 0, point: vec![], epochs: 1 }, score, spent };
        let curve = best_so_far(&[trial(0.3, 1), trial(0.6, 2), trial(0.4, 3)]);
        assert_eq!(curve, [(1.0, 0.3), (2.0, 0.6), (3.0, 0.6)]);
    }
}
