//! The note's six fine-tuning steps as controls, and the comparison they feed: the source model
//! trained first, then every strategy (four standard ones and the student's) at 5, 20 and 100
//! labels a class, side by side; test accuracy against labels, the time each took, the student's
//! network drawn with its frozen layers and how far each layer moved.

use engine::data::Part;
use engine::tasks::Query;
use leptos::prelude::*;

use super::{BATCH, FIVE, LABELS, SOURCE_NAME, State, Strategy, source_job, strategies, sweep_configs, t};
use crate::components::disclosure::{Deeper, Folded};
use crate::components::field::{Choice, Field};
use crate::components::lanes::ChainControls;
use crate::components::lanes::chance_level;
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::chain::Chain;
use crate::training::job::{Lane, LaneState, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::read;

/// The lane of strategy `s` at label count index `k`.
fn lane_of(s: usize, k: usize) -> usize {
    s * LABELS.len() + k
}

/// Seconds a lane spent training (examples trained over its mean speed).
fn seconds(l: &LaneState, examples_per_step: usize) -> Option<f64> {
    (l.mean_speed > 0.0).then(|| (l.steps_done * examples_per_step) as f64 / f64::from(l.mean_speed))
}

#[component]
pub(super) fn Sweep(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let chain = Chain::new(use_job(), SOURCE_NAME);
    let job = chain.job;
    let lane_count = LABELS.len() * 5;
    let configs = Signal::derive(move || state.with(sweep_configs));
    let start = move || {
        if let Some(sweep) = configs.get_untracked() {
            chain.start(source_job(), JobSpec::lanes(sweep, 0));
        }
    };
    let done = Memo::new(move |_| chain.done(lane_count));
    // At the end: every run scored on the target's test digits, and the student's run with the
    // most labels asked how far its layers moved.
    Effect::new(move |_| {
        if done.get() {
            job.send(Command::Evaluate(Part::Test));
            job.send_to(lane_of(4, LABELS.len() - 1), Command::Query(Query::Transfer));
        }
    });
    let source_accuracy = move || chain.first.with(|f| f.as_ref()?.latest_score(Part::Test).map(|s| s.accuracy));
    let tests = Memo::new(move |_| {
        (0..lane_count).map(|i| job.lane(i).with(|s| s.evaluation(Part::Test).map(|e| e.accuracy))).collect::<Vec<_>>()
    });
    let times = Memo::new(move |_| {
        (0..5)
            .map(|s| {
                LABELS
                    .iter()
                    .enumerate()
                    .map(|(k, &n)| job.lane(lane_of(s, k)).with(|l| seconds(l, BATCH.min(5 * n))))
                    .sum::<Option<f64>>()
            })
            .collect::<Vec<_>>()
    });
    let names = move || state.with(|s| strategies(s).map(|list| list.map(|s: Strategy| s.name)));
    view! {
        <section class="panel">
            <h2>{tr(t::STEPS_TITLE)}</h2>
            <h3>{tr(t::STEP1)}</h3>
            <Deeper><p>{move || fill(t::STEP1_TEXT.get(lang.get()), &[&super::SOURCE_EPOCHS])}</p></Deeper>
            <div class="fields">
                <Choice label=t::TARGET name="target" options=vec![("upper", t::UPPER), ("inverted", t::INVERTED), ("turned", t::TURNED)]
                    value=read(state, |s| s.target.clone()) on_change=move |v| state.update(|s| s.target = v) />
            </div>
            <h3>{tr(t::STEP2)}" · "{tr(t::STEP3)}</h3>
            <div class="fields">
                <Choice label=t::FREEZE name="freeze" options=vec![("0", t::FREEZE_NONE), ("3", t::FREEZE_FIRST), ("7", t::FREEZE_BODY)]
                    value=read(state, |s| s.freeze.clone()) on_change=move |v| state.update(|s| s.freeze = v) />
                <Choice label=t::KEEP name="keep" options=vec![("7", t::KEEP_HEAD), ("3", t::KEEP_BLOCK)]
                    value=read(state, |s| s.keep.clone()) on_change=move |v| state.update(|s| s.keep = v) />
            </div>
            <Diagram state=state run=job.lane(lane_of(4, LABELS.len() - 1)) />
            <h3>{tr(t::STEP4)}" · "{tr(t::STEP5)}</h3>
            <div class="fields">
                <Field label=t::LR name="lr" value=read(state, |s| s.lr.clone()) on_input=move |v| state.update(|s| s.lr = v) error=read(state, |s| s.lr().err()) />
                <Field label=t::STEPS name="steps" value=read(state, |s| s.steps.clone()) on_input=move |v| state.update(|s| s.steps = v) error=read(state, |s| s.steps().err()) hint=t::STEPS_HINT width="6em" />
            </div>
            <ChainControls chain=chain ready=Signal::derive(move || configs.with(Option::is_some)) on_start=start start_label=t::START
                first=Signal::derive(move || t::STAGE_SOURCE.get(lang.get()).to_string())
                second=Signal::derive(move || fill(t::STAGE_SWEEP.get(lang.get()), &[&lane_count]))
                lanes=lane_count />
            {move || source_accuracy().map(|a| view! {
                <p class="chip" data-result="source" data-value=format!("{a:.4}")>{fill(t::SOURCE_DONE.get(lang.get()), &[&percent(a)])}</p>
            })}
            <h3>{tr(t::STEP6)}</h3>
            <div class="chart">
                <h4>{tr(t::CHART)}</h4>
                <PlotCanvas width=860 height=320 label="transfer-accuracy" draw=move |area| {
                    let lang = lang.get();
                    let scores = tests.get();
                    let names = names().unwrap_or([t::SCRATCH; 5]);
                    let series: Vec<Series> = (0..5)
                        .map(|s| Series {
                            label: names[s].get(lang).into(),
                            points: LABELS.iter().enumerate().filter_map(|(k, &n)| Some((n as f64, f64::from(scores[lane_of(s, k)]?)))).collect(),
                            colour: s,
                            markers: true,
                            line: true,
                        })
                        .chain([chance_level(state.with(|s| s.target().0.len()), 0.0..105.0, lang)])
                        .collect();
                    let axes = Axes { x_label: t::LABELS_AXIS.get(lang).into(), y_label: t::ACCURACY_AXIS.get(lang).into(), x: 0.0..105.0, y: None, percent: true, legend: Legend::Outside, hint: t::WAITING.get(lang).into() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
            <Folded title=t::TABLE_TITLE>
            <table class="data-table" data-result="transfer">
                <thead><tr>
                    <th>{tr(t::TABLE_STRATEGY)}</th>
                    {LABELS.map(|n| view! { <th>{move || fill(t::TABLE_LABELS.get(lang.get()), &[&n])}</th> })}
                    <th>{tr(t::TIME)}</th>
                </tr></thead>
                <tbody>
                    {(0..5).map(|s| view! {
                        <tr data-strategy=s>
                            <th>{move || names().map(|n| n[s].get(lang.get())).unwrap_or_default()}</th>
                            {(0..LABELS.len()).map(|k| view! {
                                <td class="num" data-labels=LABELS[k] data-test=move || tests.get()[lane_of(s, k)].map(|a| format!("{a:.4}"))>
                                    {move || tests.get()[lane_of(s, k)].map_or_else(|| "–".to_string(), percent)}
                                </td>
                            }).collect_view()}
                            <td class="num" data-seconds=move || times.get()[s].map(|x| format!("{x:.2}"))>{move || times.get()[s].map_or_else(|| "–".to_string(), |x| format!("{x:.1}"))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </Folded>
            <Why tests=tests times=times />
            <Questions>
                <Question id="transfer-learning/1" prompt=Signal::derive(move || fill(t::Q1.get(lang.get()), &[&LABELS[0]]))
                    kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)])
                    answer=Signal::derive(move || {
                        let scores = tests.get();
                        let scratch = scores[lane_of(0, 0)]?;
                        let best = (1..5).map(|s| scores[lane_of(s, 0)]).collect::<Option<Vec<f32>>>()?.into_iter().fold(f32::MIN, f32::max);
                        Some(if best > scratch { "yes" } else { "no" }.to_string())
                    })
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {} {} {} {}", s.target, s.freeze, s.keep, s.lr, s.steps))) />
                <Question id="transfer-learning/2" prompt=Signal::derive(move || fill(t::Q2.get(lang.get()), &[&LABELS[LABELS.len() - 1]]))
                    kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)])
                    answer=Signal::derive(move || {
                        let scores = tests.get();
                        let k = LABELS.len() - 1;
                        let (scratch, frozen) = (scores[lane_of(0, k)]?, scores[lane_of(1, k)]?);
                        Some(if frozen > scratch { "yes" } else { "no" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.target, s.steps))) />
            </Questions>
        </section>
    }
}

/// The student's network, layer by layer: kept from the source, frozen or drawn fresh, and once
/// trained, how far each kept layer moved.
#[component]
fn Diagram(state: RwSignal<State>, run: Lane) -> impl IntoView {
    let lang = use_lang();
    let changes = run.memo(|l| l.transfer.as_ref().and_then(|t| t.changes.clone()));
    view! {
        <h4>{tr(t::DIAGRAM)}</h4>
        <table class="data-table layer-table" data-result="diagram" data-figure="layers">
            <thead><tr><th>{tr(t::LAYER)}</th>{FIVE.split(',').map(|token| view! { <th><code>{token}</code></th> }).collect_view()}</tr></thead>
            <tbody>
                <tr>
                    <th></th>
                    {(0..FIVE.split(',').count()).map(|i| view! {
                        <td data-layer=i data-status=move || state.with(|s| if i < s.freeze() { "frozen" } else if i < s.keep() { "source" } else { "fresh" })>
                            {move || {
                                let lang = lang.get();
                                state.with(|s| if i < s.freeze() { t::FROZEN.get(lang) } else if i < s.keep() { t::FROM_SOURCE.get(lang) } else { t::FRESH.get(lang) })
                            }}
                        </td>
                    }).collect_view()}
                </tr>
                <tr>
                    <th>{tr(t::CHANGE)}</th>
                    {(0..FIVE.split(',').count()).map(|i| view! {
                        <td class="num" data-change=move || changes.get().and_then(|c| c.get(i).copied().flatten()).map(|v| format!("{v:.6}"))>
                            {move || changes.get().and_then(|c| c.get(i).copied().flatten()).map(|v| format!("{v:.3}"))}
                        </td>
                    }).collect_view()}
                </tr>
            </tbody>
        </table>
    }
}

/// The note's reasons for transfer, each with a number from the comparison.
#[component]
fn Why(tests: Memo<Vec<Option<f32>>>, times: Memo<Vec<Option<f64>>>) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        let scores = tests.get();
        let best =
            |k: usize| (1..5).filter_map(|s| Some((s, scores[lane_of(s, k)]?))).max_by(|a, b| a.1.total_cmp(&b.1));
        let (low, high) = (0, LABELS.len() - 1);
        let (scratch_low, scratch_high) = (scores[lane_of(0, low)]?, scores[lane_of(0, high)]?);
        let ((best_low, at_low), (_, at_high)) = (best(low)?, best(high)?);
        let times = times.get();
        let lang = lang.get();
        let names = [t::SCRATCH, t::FROZEN_HEAD, t::LAST_LAYERS, t::ALL_LOWER, t::YOURS];
        Some(fill(
            t::WHY.get(lang),
            &[
                &LABELS[low],
                &percent(scratch_low),
                &names[best_low].get(lang),
                &percent(at_low),
                &format!("{:.1}", times[1]?),
                &format!("{:.1}", times[0]?),
                &LABELS[high],
                &percent(scratch_high),
                &percent(at_high),
            ],
        ))
    };
    move || {
        text().map(|text| {
            view! {
                <h3>{tr(t::WHY_TITLE)}</h3>
                <p class="callout" data-result="why">{text}</p>
            }
        })
    }
}
