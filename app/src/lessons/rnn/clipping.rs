//! Why RNN training may not converge: the same plain RNN under plain SGD at a large learning
//! rate, without and with gradient clipping; the losses, the gradient's global norm, and the
//! gradient reaching each time step.

use engine::tasks::Query;
use leptos::prelude::*;

use super::{CLIP_HIDDEN, CLIP_STEPS, State, clipping_configs, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Text, fill, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Lane, LaneState, Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

type Area = plotters::prelude::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>;

const NAMES: [Text; 2] = [t::UNCLIPPED, t::CLIPPED];

/// How a lane stands: diverged at a step (with the loss that stopped it, the last one
/// recorded: not finite, or above the learner's limit), or the mean of its last losses.
enum Outcome {
    Diverged { step: usize, loss: f32, mean: f32 },
    Training { mean: f32 },
}

fn outcome(run: &Lane) -> Option<Outcome> {
    run.with(|l| {
        let tail = &l.losses[l.losses.len().saturating_sub(20)..];
        let finite: Vec<f32> = tail.iter().copied().filter(|v| v.is_finite()).collect();
        let mean = finite.iter().sum::<f32>() / finite.len().max(1) as f32;
        match l.phase {
            Phase::Diverged(step) => {
                Some(Outcome::Diverged { step, loss: l.losses.last().copied().unwrap_or(f32::NAN), mean })
            }
            Phase::Idle => None,
            _ if l.losses.is_empty() => None,
            _ => Some(Outcome::Training { mean }),
        }
    })
}

/// The scales of `W_hh` the loss surface is drawn at.
const SCALES: [f32; 31] = {
    let mut s = [0.0; 31];
    let mut i = 0;
    while i < 31 {
        s[i] = i as f32 * 0.1;
        i += 1;
    }
    s
};

/// The held-out loss at each scale of `W_hh`.
fn surface_points(l: &LaneState) -> Vec<(f64, f64)> {
    l.surface
        .iter()
        .flat_map(|a| a.points.iter())
        .filter(|(_, v)| v.is_finite())
        .map(|(s, v)| (f64::from(*s), f64::from(*v)))
        .collect()
}

/// Every step's loss (above 50 drawn at 50).
fn loss_points(l: &LaneState) -> Vec<(f64, f64)> {
    l.losses
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(s, v)| (s as f64, f64::from(v.min(50.0))))
        .collect()
}

/// log₁₀ of the gradient's global norm at each recorded step.
fn norm_points(l: &LaneState) -> Vec<(f64, f64)> {
    l.gradients
        .iter()
        .filter(|(_, g)| g.norm.is_finite() && g.norm > 0.0)
        .map(|(s, g)| (*s as f64, f64::from(g.norm.log10())))
        .collect()
}

/// log₁₀ of the gradient reaching each time step's state, at the latest finite record.
fn time_points(l: &LaneState) -> Vec<(f64, f64)> {
    l.gradients
        .iter()
        .rev()
        .find_map(|(_, g)| g.time_steps.first().filter(|v| v.iter().all(|x| x.is_finite())))
        .map(|v| {
            v.iter()
                .enumerate()
                .filter(|(_, x)| **x > 0.0)
                .map(|(t, x)| ((t + 1) as f64, f64::from(x.log10())))
                .collect()
        })
        .unwrap_or_default()
}

#[component]
pub(super) fn Clipping(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = [job.lane(0), job.lane(1)];
    let configs = Signal::derive(move || state.with(clipping_configs));
    let result = move |i: usize| {
        let run = runs[i];
        move || {
            let lang = lang.get();
            let name = NAMES[i].get(lang);
            // `data-loss` is the mean of the last finite losses either way.
            let (text, diverged, mean) = match outcome(&run)? {
                Outcome::Diverged { step, loss, mean } if loss.is_finite() => {
                    let (loss, limit) = (format!("{loss:.0}"), format!("{:.0}", engine::train::DIVERGED_LOSS));
                    (fill(t::DIVERGED_ABOVE.get(lang), &[&name, &step, &loss, &limit]), true, mean)
                }
                Outcome::Diverged { step, mean, .. } => (fill(t::DIVERGED_AT.get(lang), &[&name, &step]), true, mean),
                Outcome::Training { mean } => {
                    (fill(t::LOSS_NOW.get(lang), &[&name, &format!("{mean:.2}")]), false, mean)
                }
            };
            Some(
                view! { <li data-result=format!("clip-{i}") data-diverged=diverged.to_string() data-loss=mean>{text}</li> },
            )
        }
    };
    // One chart: both lanes' points, with the axis labels and ranges of that chart.
    let chart = move |area: &Area,
                      (x_label, y_label): (Text, Text),
                      x: std::ops::Range<f64>,
                      y: Option<std::ops::Range<f64>>,
                      markers: bool,
                      points: fn(&LaneState) -> Vec<(f64, f64)>| {
        let lang = lang.get();
        let series: Vec<Series> = runs
            .iter()
            .enumerate()
            .map(|(i, r)| Series {
                label: NAMES[i].get(lang).into(),
                points: r.with(points),
                colour: [5, 0][i],
                markers,
                line: true,
            })
            .collect();
        let axes = Axes {
            x_label: x_label.get(lang).into(),
            y_label: y_label.get(lang).into(),
            x,
            y,
            percent: false,
            legend: Legend::UpperRight,
            hint: WAITING.get(lang).into(),
        };
        curves::draw(area, &series, &axes)
    };
    // The surface along W_hh's scale, asked again every 50 steps of each run.
    let progress = Memo::new(move |_| runs.map(|r| r.with(|l| (l.steps_done / 50, l.phase != Phase::Idle))));
    Effect::new(move |_| {
        for (i, (_, started)) in progress.get().into_iter().enumerate() {
            if started {
                job.send_to(i, Command::Query(Query::AlongRecurrence { scales: SCALES.to_vec() }));
            }
        }
    });
    // Each run's σ_max of W_hh, and the scale at which the scaled matrix's is 1.
    let sigma = move |i: usize| {
        let run = runs[i];
        move || {
            let lang = lang.get();
            let sigma = run.with(|l| l.surface.as_ref().map(|a| a.sigma)).filter(|s| s.is_finite() && *s > 0.0)?;
            let text = fill(
                t::SIGMA.get(lang),
                &[&NAMES[i].get(lang), &format!("{sigma:.2}"), &format!("{:.2}", 1.0 / sigma)],
            );
            Some(view! { <li data-result=format!("sigma-{i}") data-sigma=sigma>{text}</li> })
        }
    };
    let surface =
        move |area: &Area| chart(area, (t::SCALE_AXIS, t::SURFACE_AXIS), 0.0..3.0, None, true, surface_points);
    let steps = 0.0..CLIP_STEPS as f64;
    let losses = move |area: &Area| {
        chart(area, (t::STEP_AXIS, t::LOSS_AXIS), steps.clone(), Some(0.0..50.0), false, loss_points)
    };
    let steps = 0.0..CLIP_STEPS as f64;
    let norms = move |area: &Area| chart(area, (t::STEP_AXIS, t::NORM_AXIS), steps.clone(), None, true, norm_points);
    let per_step =
        move |area: &Area| chart(area, (t::TIME_AXIS, t::TIME_GRAD_AXIS), 1.0..24.0, None, true, time_points);
    view! {
        <section class="panel">
            <h2>{tr(t::CLIP_TITLE)}</h2>
            <Deeper><p>{move || state.with(|s| fill(t::CLIP_INTRO.get(lang.get()), &[&s.lr, &s.clip, &CLIP_STEPS, &CLIP_HIDDEN]))}</p></Deeper>
            <div class="fields">
                <Field label=t::LR name="lr" value=read(state, |s| s.lr.clone()) on_input=move |v| state.update(|s| s.lr = v) error=read(state, |s| s.lr().err()) />
                <Field label=t::CLIP name="clip" value=read(state, |s| s.clip.clone()) on_input=move |v| state.update(|s| s.clip = v) error=read(state, |s| s.clip().err()) hint=t::CLIP_HINT />
            </div>
            <LaneControls job=job configs=configs start_label=t::START_CLIP />
            <ul class="outcomes">{result(0)}{result(1)}</ul>
            <div class="two-col even">
                <div class="chart"><h3>{tr(t::LOSS_CHART)}</h3><PlotCanvas width=460 height=260 label="clip-loss" draw=losses /></div>
                <div class="chart"><h3>{tr(t::NORM_CHART)}</h3><PlotCanvas width=460 height=260 label="clip-norm" draw=norms /></div>
            </div>
            <h3>{tr(t::TIME_CHART)}</h3>
            <PlotCanvas width=900 height=260 label="clip-time" draw=per_step />
            <h3>{tr(t::SURFACE_CHART)}</h3>
            <PlotCanvas width=900 height=260 label="clip-surface" draw=surface />
            <Deeper><p class="hint">{tr(t::SURFACE_HINT)}</p></Deeper>
            <ul class="outcomes">{sigma(0)}{sigma(1)}</ul>
            <p class="formula">"∂h_t/∂h_(t−k) = Π diag(1 − h_j²) · W_hh"</p>
            <Deeper>
                <p>{tr(t::WHY)}</p>
                <p class="hint">{tr(t::CLIFF)}</p>
            </Deeper>
            <Questions>
                <Question id="rnn/2" prompt=Signal::derive(move || state.with(|s| fill(t::Q2.get(lang.get()), &[&s.lr, &CLIP_STEPS])))
                    kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)])
                    answer=Signal::derive(move || {
                        let run = runs[0];
                        match run.phase() {
                            Phase::Diverged(_) => Some("yes".to_string()),
                            Phase::Finished => Some("no".to_string()),
                            _ => None,
                        }
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.lr, s.clip))) />
            </Questions>
        </section>
    }
}
