//! Each hyperparameter on its own: one value after another trained with the others at their
//! defaults, validation accuracy against the value (log axes where the note's ranges span
//! decades).

use engine::search::{Scale, Space};
use leptos::prelude::*;

use super::{DEFAULTS, EPOCHS_SHOWN, INIT, KEYS, NAMES, State, demo_searches, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Choice;
use crate::components::lanes::{JobError, JobProgress, chance_level};
use crate::components::plot::PlotCanvas;
use crate::i18n::{fill, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::use_job;
use crate::training::protocol::Job as JobSpec;
use crate::url_state::read;

/// Whether the demonstrated dimension is drawn on a log axis.
fn log_axis(index: usize) -> bool {
    Space::note().dims.get(index).is_some_and(|d| matches!(d.scale, Scale::Log { .. }))
}

/// The x range of demo `index` before any trial: the searched range of its hyperparameter
/// (log₁₀ for a logarithmic one), or of the epochs.
fn demo_range(index: usize) -> std::ops::Range<f64> {
    let space = Space::note();
    let (a, b) = match space.dims.get(index) {
        Some(d) if index != 7 && log_axis(index) => (d.value(0.0).log10(), d.value(1.0).log10()),
        Some(d) if index != 7 => (d.value(0.0), d.value(1.0)),
        _ => (EPOCHS_SHOWN[0] as f64, EPOCHS_SHOWN[EPOCHS_SHOWN.len() - 1] as f64),
    };
    let pad = ((b - a) * 0.08).max(0.1);
    a - pad..b + pad
}

#[component]
pub(super) fn Demos(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let start = move |_| {
        job.start(JobSpec::Search { searches: state.with_untracked(demo_searches), play: true });
    };
    // Each finished trial as (value, score), sorted by value: one series, or for the
    // initialisation one per distribution (lane).
    let points = Memo::new(move |_| {
        let index = state.with(State::demo_index);
        let point = move |trial: &engine::search::Trial| {
            let x = if index == 7 {
                trial.ask.epochs as f64
            } else {
                let v = Space::note().dims[index].value(trial.ask.point[index]);
                if log_axis(index) { v.log10() } else { v }
            };
            (x, trial.score)
        };
        let sorted = |mut points: Vec<(f64, f64)>| {
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            points
        };
        job.with(|s| {
            if index == INIT {
                s.lanes.iter().map(|l| sorted(l.trials.iter().map(point).collect())).collect::<Vec<_>>()
            } else {
                vec![sorted(s.lanes.iter().flat_map(|l| l.trials.iter()).map(point).collect())]
            }
        })
    });
    let options = KEYS.iter().zip(NAMES).map(|(k, n)| (*k, n)).collect::<Vec<_>>();
    view! {
        <section class="panel">
            <h2>{tr(t::DEMO_TITLE)}</h2>
            <Deeper><p>{move || {
                let [lr, batch, _, depth, width, init, _] = DEFAULTS;
                let values = state.with(|s| demo_searches(s).iter().map(|x| x.budget / x.epochs.max(1)).sum::<usize>());
                fill(t::DEMO_INTRO.get(lang.get()), &[&values, &lr, &batch, &(depth as usize + 1), &width, &init])
            }}</p></Deeper>
            <div class="fields">
                <Choice label=t::WHICH name="demo" options=options value=read(state, |s| s.demo.clone()) on_change=move |v| state.update(|s| s.demo = v) />
            </div>
            <Deeper><p class="hint">{move || tr(t::NOTES[state.with(State::demo_index)])()}</p></Deeper>
            <div class="row">
                <button class="btn primary" data-action="start-demo" on:click=start>{tr(t::START_DEMO)}</button>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            <PlotCanvas width=640 height=300 label="demo" draw=move |area| {
                let lang = lang.get();
                let index = state.with(State::demo_index);
                let name = NAMES[index].get(lang);
                let x_label = if log_axis(index) { format!("log₁₀ {name}") } else { name.to_string() };
                let lines = points.get();
                let (lo, hi) = lines.iter().flatten().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.0), b.max(p.0)));
                let pad = ((hi - lo) * 0.08).max(0.1);
                let names = if index == INIT { vec![t::UNIFORM.get(lang).to_string(), t::HE_NORMAL.get(lang).to_string()] } else { vec![name.to_string()] };
                let x = if lo.is_finite() { lo - pad..hi + pad } else { demo_range(index) };
                let series = lines.into_iter().zip(names).enumerate().map(|(i, (points, label))| Series { label, points, colour: i, markers: true, line: true })
                    .chain([chance_level(10, x.clone(), lang)])
                    .collect::<Vec<_>>();
                let axes = Axes { x_label, y_label: t::VAL_AXIS.get(lang).into(), x, y: Some(0.0..1.0), percent: true, legend: Legend::Outside, hint: t::DEMO_WAITING.get(lang).into() };
                curves::draw(area, &series, &axes)
            } />
            <p class="hint" data-result="demo-count" data-count=move || points.with(|p| p.iter().map(Vec::len).sum::<usize>())></p>
        </section>
    }
}
