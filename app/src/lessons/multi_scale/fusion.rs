//! Multi-scale fusion and pyramid convolution: three networks trained side by side (late
//! features only, early + late fused, kernels of 3, 5 and 7 in parallel), their validation
//! curves and test scores, and each branch's receptive field drawn on a digit.

use std::sync::Arc;

use engine::data::Part;
use engine::mnist::Mnist;
use engine::pool::{Window, receptive_fields};
use leptos::prelude::*;

use super::{State, fusion_configs, t};
use crate::components::disclosure::Deeper;
use crate::components::grid::{Cells, Grid, Overlay, Scale};
use crate::components::lanes::{LaneControls, WAITING, score_series};
use crate::components::plot::PlotCanvas;
use crate::data::WithDigits;
use crate::i18n::{Text, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend};
use crate::training::job::{Phase, use_job};
use crate::training::protocol::Command;

const NAMES: [Text; 3] = [t::LATE, t::FUSED, t::PYRAMID_CONV];

/// The receptive fields of one cell of the early branch (after conv 3×3 and pool 2) and of the
/// late one (after a second conv 3×3 and pool 2).
fn early_and_late() -> (usize, usize) {
    let w = |kernel, stride| Window { kernel, stride, padding: 0 };
    let rf = receptive_fields(&[w(3, 1), w(2, 2), w(3, 1), w(2, 2)]);
    (rf[1].size, rf[3].size)
}

#[component]
pub(super) fn Fusion(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = [job.lane(0), job.lane(1), job.lane(2)];
    let configs = Signal::derive(move || state.with(fusion_configs));
    let done = Memo::new(move |_| runs.iter().all(|r| r.phase() == Phase::Finished));
    Effect::new(move |_| {
        if done.get() {
            job.send(Command::Evaluate(Part::Test));
        }
    });
    let tests = Memo::new(move |_| runs.map(|r| r.with(|l| l.evaluation(Part::Test).map(|e| e.accuracy))));
    let (early, late) = early_and_late();
    let fields = move |digits: Arc<Mnist>| {
        let i = state.with_untracked(|s| s.digit().unwrap_or(0)).min(digits.len() - 1);
        let cells = Cells::from_volume(&digits.volume(i), 0);
        let square =
            |size: usize, class| Overlay { y: 14 - size / 2, x: 14 - size / 2, height: size, width: size, class };
        let overlays = vec![
            square(3, "ov-rf-1"),
            square(5, "ov-rf-1"),
            square(7, "ov-rf-2"),
            square(early, "ov-rf-0"),
            square(late, "ov-rf-3"),
        ];
        view! {
            <Grid cells=Signal::derive(move || cells.clone()) scale=Signal::derive(|| Scale::Ink { max: 1.0 }) cell=9.0
                overlays=Signal::derive(move || overlays.clone()) name=t::GRID_FIELDS label="receptive-fields" />
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::FUSION_TITLE)}</h2>
            <Deeper><p>{move || state.with(|s| fill(t::FUSION_INTRO.get(lang.get()), &[&s.train.clone(), &s.epochs.clone()]))}</p></Deeper>
            <LaneControls job=job configs=configs parts=vec![Part::Train] start_label=t::START_FUSION />
            <div class="two-col">
                <div>
                    <WithDigits render=fields />
                    <p class="hint">{move || fill(t::FIELDS.get(lang.get()), &[&early, &late])}</p>
                </div>
                <div class="chart">
                    <h3>{tr(t::VAL_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="fusion-validation" draw=move |area| {
                        let lang = lang.get();
                        let series = runs.iter().zip(NAMES).enumerate().map(|(i, (run, name))| score_series(run, Part::Validation, name.get(lang).into(), [0, 1, 2][i], false)).collect::<Vec<_>>();
                        let epochs = state.with(|s| s.epochs().unwrap_or(1)) as f64;
                        let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::VAL_CHART.get(lang).into(), x: 0.0..epochs, y: None, percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                </div>
            </div>
            {move || {
                let [a, b, c] = tests.get();
                match (a, b, c) {
                    (Some(a), Some(b), Some(c)) => view! {
                        <p class="callout" data-result="fusion" data-late=format!("{a:.4}") data-fused=format!("{b:.4}") data-pyramid=format!("{c:.4}")>
                            {fill(t::FUSION_RESULT.get(lang.get()), &[&percent(a), &percent(b), &percent(c)])}
                        </p>
                    }.into_any(),
                    _ => view! { <p class="hint">{tr(t::FUSION_WAITING)}</p> }.into_any(),
                }
            }}
        </section>
    }
}
