//! The experiment: the same deep network without (lane 0) and with (lane 1) batch normalization,
//! ReLU or sigmoid; losses, accuracy, one layer's drifting values, gradient size per layer, and
//! the note's arithmetic (0.25ⁿ, 25ⁿ) beside what was measured.

use engine::data::Part;
use engine::train::LayerTrace;
use leptos::prelude::*;

use super::{Activation, State, configs, t};
use crate::components::disclosure::Deeper;
use crate::components::field::{Choice, Field};
use crate::components::lanes::{LaneControls, WAITING, loss_chart, max_steps, score_series};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, fill, tr, use_lang};
use crate::plots::bars::{self, Bar};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Lane, Phase, use_job};
use crate::url_state::read;

/// The latest recorded gradient size of each hidden layer's weights, first layer first.
fn grads(run: Lane) -> Vec<f32> {
    run.with(|r| {
        r.traces.last().map(|(_, layers)| layers.iter().map(|l: &LayerTrace| l.grad).collect()).unwrap_or_default()
    })
}

/// `log₁₀` of the first hidden layer's gradient over the last one's: how many powers of ten the
/// gradient lost (negative) or gained on its way back.
fn decades(grads: &[f32]) -> Option<f64> {
    let (first, last) = (*grads.first()?, *grads.last()?);
    (first > 0.0 && last > 0.0).then(|| f64::from(first / last).log10())
}

#[component]
pub(super) fn Experiment(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = job.lanes(2);
    let configs = Signal::derive(move || state.with(configs));
    let names = [t::WITHOUT, t::WITH];
    let depth = move || state.with(|s| s.depth().unwrap_or(6));
    let sigmoid = move || state.with(|s| s.activation == Activation::Sigmoid);
    let layer = move || state.with(|s| s.layer).min(depth());
    let [plain, normed] = [runs[0], runs[1]];
    let band = move |run: Lane, lang: Lang| {
        let l = layer() - 1;
        let pick = |q: usize| {
            run.with(|r| {
                r.traces
                    .iter()
                    .filter_map(|(s, layers)| Some((*s as f64, f64::from(layers.get(l)?.quantiles[q]))))
                    .collect::<Vec<_>>()
            })
        };
        vec![
            Series { label: "5%–95%".into(), points: pick(0), colour: 4, markers: false, line: true },
            Series { label: "25%–75%".into(), points: pick(1), colour: 0, markers: false, line: true },
            Series { label: t::MEDIAN.get(lang).into(), points: pick(2), colour: 5, markers: false, line: true },
            Series { label: String::new(), points: pick(3), colour: 0, markers: false, line: true },
            Series { label: String::new(), points: pick(4), colour: 4, markers: false, line: true },
        ]
    };
    let status = move |run: Lane| match run.phase() {
        Phase::Diverged(step) => fill(t::DIVERGED.get(lang.get()), &[&step]),
        _ => run
            .with(|r| r.latest_score(Part::Validation))
            .map(|s| fill(t::VAL_IS.get(lang.get()), &[&format!("{:.1}", s.accuracy * 100.0)]))
            .unwrap_or_default(),
    };
    let ratio = move |i: usize, run: Lane| {
        decades(&grads(run)).map(|d| {
            view! {
                <span class="chip" data-result="grad-decades" data-lane=i data-value=format!("{d:.2}")>
                    {move || fill(t::DECADES.get(lang.get()), &[&names[i].get(lang.get()), &depth(), &format!("{d:+.1}")])}
                </span>
            }
        })
    };
    view! {
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <Deeper><p>{move || fill(t::EXP_INTRO.get(lang.get()), &[&depth()])}</p></Deeper>
            <p class="callout">{move || if sigmoid() { t::CAUSE_SIGMOID.get(lang.get()) } else { t::CAUSE_RELU.get(lang.get()) }}</p>
            <div class="fields">
                <Choice label=t::ACTIVATION name="act" options=vec![("relu", t::RELU), ("sigmoid", t::SIGMOID)]
                    value=read(state, |s| s.activation.key().to_string())
                    on_change=move |v| state.update(|s| s.activation = Activation::from_key(&v).unwrap_or(s.activation)) />
                <Field label=t::LR name="lr" value=read(state, |s| s.lr.clone()) on_input=move |v| state.update(|s| s.lr = v) error=read(state, |s| s.lr().err()) hint=t::LR_HINT />
                <Field label=t::DEPTH name="depth" value=read(state, |s| s.depth.clone()) on_input=move |v| state.update(|s| s.depth = v) error=read(state, |s| s.depth().err()) />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <LaneControls job=job configs=configs start_label=t::START />
            <div class="two-col even">
                <p class="chip" data-result="lane-0">{move || format!("{}: {}", names[0].get(lang.get()), status(plain))}</p>
                <p class="chip" data-result="lane-1">{move || format!("{}: {}", names[1].get(lang.get()), status(normed))}</p>
            </div>
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::LOSS_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="bn-loss" draw=move |area| {
                        let lang = lang.get();
                        let (series, axes) = loss_chart(&[plain, normed], [(names[0].get(lang).into(), 5), (names[1].get(lang).into(), 0)], lang);
                        curves::draw(area, &series, &axes)
                    } />
                </div>
                <div class="chart">
                    <h3>{tr(t::ACC_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="bn-accuracy" draw=move |area| {
                        let lang = lang.get();
                        let series = vec![score_series(&plain, Part::Validation, names[0].get(lang).into(), 5, false), score_series(&normed, Part::Validation, names[1].get(lang).into(), 0, false)];
                        let epochs = state.with(|s| s.epochs().unwrap_or(1)) as f64;
                        let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::VAL_ACC.get(lang).into(), x: 0.0..epochs, y: None, percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                </div>
            </div>
            <h3>{tr(t::SHIFT_TITLE)}</h3>
            <div class="row">
                <span>{tr(t::LAYER)}</span>
                {move || (1..=depth()).map(|l| view! {
                    <button class="btn small" data-layer=l class:active=move || layer() == l on:click=move |_| state.update(|s| s.layer = l)>{l}</button>
                }).collect_view()}
            </div>
            <div class="charts">
                {[plain, normed].into_iter().enumerate().map(|(i, run)| view! {
                    <div class="chart">
                        <h3>{move || names[i].get(lang.get())}</h3>
                        <PlotCanvas width=560 height=280 label=["shift-without", "shift-with"][i] draw=move |area| {
                            let lang = lang.get();
                            let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: fill(t::VALUES_OF.get(lang), &[&layer()]), x: 0.0..max_steps(&[plain, normed]), y: None, percent: false, legend: Legend::UpperRight, hint: WAITING.get(lang).into() };
                            curves::draw(area, &band(run, lang), &axes)
                        } />
                    </div>
                }).collect_view()}
            </div>
            <Deeper><p class="hint">{tr(t::SHIFT_HINT)}</p></Deeper>
            <h3>{tr(t::GRAD_TITLE)}</h3>
            <PlotCanvas width=900 height=280 label="bn-gradients" draw=move |area| {
                let lang = lang.get();
                let mut bars = vec![];
                for (i, run) in [plain, normed].into_iter().enumerate() {
                    for (l, g) in grads(run).into_iter().enumerate() {
                        bars.push(Bar { label: format!("{}{}", ["−", "+"][i], l + 1), value: f64::from(g.max(1e-12)).log10(), colour: [5, 0][i] });
                    }
                }
                bars::draw(area, &bars, t::GRAD_AXIS.get(lang), false, t::GRAD_WAITING.get(lang))
            } />
            <div class="final-scores">{move || ratio(0, plain)}{move || ratio(1, normed)}</div>
            <p class="hint">{move || fill(t::GRAD_HINT.get(lang.get()), &[&depth()])}</p>
            <NoteArithmetic state=state />
            <BnQuestion state=state plain=plain normed=normed />
        </section>
    }
}

/// Will batch normalization reach a higher validation accuracy? The student's runs answer.
#[component]
fn BnQuestion(state: RwSignal<State>, plain: Lane, normed: Lane) -> impl IntoView {
    let lang = use_lang();
    let settings =
        Signal::derive(move || state.with(|s| format!("{} {} {} {}", s.activation.key(), s.lr, s.depth, s.epochs)));
    let better = Signal::derive(move || {
        let done = |r: Lane| r.with(|l| l.phase.ended());
        if !(done(plain) && done(normed)) {
            return None;
        }
        let score = |r: Lane| r.with(|l| l.latest_score(Part::Validation).map_or(0.0, |s| s.accuracy));
        Some(if score(normed) > score(plain) { "yes" } else { "no" }.to_string())
    });
    let prompt = Signal::derive(move || {
        let lang = lang.get();
        let act = state.with(|s| if s.activation == Activation::Sigmoid { t::SIGMOID } else { t::RELU }).get(lang);
        state.with(|s| fill(t::Q2.get(lang), &[&s.depth, &act, &s.epochs]))
    });
    view! {
        <Questions>
            <Question id="batch-norm/2" prompt=prompt kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)]) answer=better hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING about=settings />
        </Questions>
    }
}

/// The note's two products for n = 1 … depth: the sigmoid's largest slope 0.25 multiplied n
/// times, and 0.25 × a weight of 100 multiplied n times.
#[component]
fn NoteArithmetic(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let depth = move || state.with(|s| s.depth().unwrap_or(6));
    let fmt = |v: f64| format!("{v:.2e}").replace('e', "×10^");
    view! {
        <h3>{tr(t::NOTE_TITLE)}</h3>
        <table class="data-table" data-result="note-arithmetic">
            <thead><tr><th>"n"</th><th>"0.25ⁿ"</th><th>"(0.25 × 100)ⁿ = 25ⁿ"</th></tr></thead>
            <tbody>
                {move || (1..=depth()).map(|n| {
                    let n32 = n as i32;
                    view! { <tr><td class="num">{n}</td><td class="num">{fmt(0.25f64.powi(n32))}</td><td class="num">{fmt(25f64.powi(n32))}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
        <p class="callout">{move || fill(t::NOTE_CAVEAT.get(lang.get()), &[&depth()])}</p>
    }
}
