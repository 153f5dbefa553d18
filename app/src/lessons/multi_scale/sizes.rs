//! Digits of several sizes: the note's CNN (trained at 28×28) read as it is and with its input
//! resized back to 28×28, against a pyramid network trained on all sizes; accuracy against size,
//! and the shape error the plain network gives at every other size.

use engine::data::Part;
use engine::tasks::{Query, ScaleScore};
use leptos::prelude::*;

use super::{SIZES, State, plain_mismatch, pyramid_stack, size_configs, t};
use crate::components::disclosure::{Deeper, Folded};
use crate::components::field::Field;
use crate::components::lanes::LaneControls;
use crate::components::lanes::chance_level;
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

#[component]
pub(super) fn Sizes(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let [plain, pyramid] = [job.lane(0), job.lane(1)];
    let configs = Signal::derive(move || state.with(size_configs));
    let done = Memo::new(move |_| plain.phase() == Phase::Finished && pyramid.phase() == Phase::Finished);
    // The plain CNN reads resized digits; the pyramid network reads each size as it is.
    Effect::new(move |_| {
        if done.get() {
            plain.send(Command::Query(Query::Scales { sizes: SIZES.to_vec(), back_to: Some(28) }));
            pyramid.send(Command::Query(Query::Scales { sizes: SIZES.to_vec(), back_to: None }));
        }
    });
    let resized = plain.memo(|l| l.scales.clone());
    let pyramid_scores = pyramid.memo(|l| l.scales.clone());
    let line = |scores: &[ScaleScore]| -> Vec<(f64, f64)> {
        scores.iter().filter_map(|s| Some((s.size as f64, f64::from(s.accuracy?)))).collect()
    };
    let sizes_text = SIZES.map(|s| s.to_string()).join(", ");
    let errors = move || {
        let lang = lang.get();
        SIZES
            .iter()
            .filter_map(|&side| {
                let m = plain_mismatch(side)?;
                let token = engine::nn::NOTE_CNN.split(',').nth(m.layer).unwrap_or("");
                let got = m.got.map_or_else(|| "–".to_string(), |g| g.len().to_string());
                Some(view! { <li data-size=side>{fill(t::SHAPE_ERROR.get(lang), &[&side, &(m.layer + 1), &token, &m.expected.len(), &got])}</li> })
            })
            .collect_view()
    };
    view! {
        <section class="panel">
            <h2>{tr(t::SIZES_TITLE)}</h2>
            <Deeper><p>{move || fill(t::SIZES_INTRO.get(lang.get()), &[&sizes_text, &state.with(|s| s.levels.replace(',', ":"))])}</p></Deeper>
            <div class="fields">
                <Field label=t::TRAIN name="train" value=read(state, |s| s.train.clone()) on_input=move |v| state.update(|s| s.train = v) error=read(state, |s| s.train().err()) />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <LaneControls job=job configs=configs parts=vec![Part::Train] start_label=t::START_SIZES />
            <div class="chart">
                <PlotCanvas width=760 height=320 label="accuracy-by-size" draw=move |area| {
                    let lang = lang.get();
                    let direct: Vec<(f64, f64)> = resized.get().map(|r| line(&r).into_iter().filter(|p| p.0 == 28.0).collect()).unwrap_or_default();
                    let series = vec![
                        Series { label: t::PLAIN.get(lang).into(), points: direct, colour: 0, markers: true, line: false },
                        Series { label: t::RESIZED.get(lang).into(), points: resized.get().map(|r| line(&r)).unwrap_or_default(), colour: 1, markers: true, line: true },
                        Series { label: t::PYRAMID.get(lang).into(), points: pyramid_scores.get().map(|r| line(&r)).unwrap_or_default(), colour: 2, markers: true, line: true },
                        chance_level(10, 18.0..42.0, lang),
                    ];
                    let axes = Axes { x_label: t::SIZE_AXIS.get(lang).into(), y_label: t::ACCURACY_AXIS.get(lang).into(), x: 18.0..42.0, y: None, percent: true, legend: Legend::Outside, hint: t::SIZES_WAITING.get(lang).into() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
            <table class="data-table" data-result="sizes">
                <thead><tr><th></th>{SIZES.map(|s| view! { <th>{format!("{s}×{s}")}</th> })}</tr></thead>
                <tbody>
                    {[(t::PLAIN, 0usize), (t::RESIZED, 1), (t::PYRAMID, 2)].map(|(name, row)| view! {
                        <tr data-row=row>
                            <th>{tr(name)}</th>
                            {SIZES.map(|side| {
                                let value = move || {
                                    let scores = match row { 2 => pyramid_scores.get(), _ => resized.get() }?;
                                    let s = scores.iter().find(|s| s.size == side)?;
                                    if row == 0 && side != 28 { None } else { s.accuracy }
                                };
                                view! { <td class="num" data-size=side data-value=move || value().map(|v| format!("{v:.4}"))>{move || value().map_or_else(|| "–".to_string(), percent)}</td> }
                            })}
                        </tr>
                    })}
                </tbody>
            </table>
            <Folded title=t::SHAPE_ERRORS_TITLE><ul class="hint" data-result="shape-errors">{errors}</ul></Folded>
            <Questions>
                <Question id="multi-scale/1" prompt=Signal::derive(move || fill(t::Q1.get(lang.get()), &[&LARGE, &28]))
                    kind=Kind::Choice(vec![("same", t::SAME), ("longer", t::LONGER)])
                    answer=Signal::derive(move || {
                        // The pyramid network's stack on both sizes: the length after its pyramid.
                        let stack = state.with(pyramid_stack)?;
                        let length = |side: usize| {
                            let s = engine::nn::Stack { input: engine::nn::Shape::Volume { height: side, width: side, channels: 1 }, ..stack.clone() };
                            s.infer().ok()?.into_iter().find(|i| i.layer.token().starts_with("spp")).map(|i| i.output)
                        };
                        Some(if length(LARGE)? == length(28)? { "same" } else { "longer" }.to_string())
                    })
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string())
                    about=Signal::derive(move || state.with(|s| s.levels.clone())) />
                <Question id="multi-scale/2" prompt=Signal::derive(move || fill(t::Q2.get(lang.get()), &[&LARGE]))
                    kind=Kind::Choice(vec![("resized", t::RESIZED), ("pyramid", t::PYRAMID)])
                    answer=Signal::derive(move || {
                        let at = |scores: Option<Vec<ScaleScore>>| scores?.into_iter().find(|s| s.size == LARGE)?.accuracy;
                        let (r, p) = (at(resized.get())?, at(pyramid_scores.get())?);
                        Some(if p > r { "pyramid" } else { "resized" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {} {}", s.levels, s.train, s.epochs))) />
            </Questions>
        </section>
    }
}

/// The size the questions ask about: the largest of the experiment's.
const LARGE: usize = SIZES[SIZES.len() - 1];
